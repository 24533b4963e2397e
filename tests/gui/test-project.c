/* test-project.c: the window's project: save, open, recovery, plans, compare, import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wk-compare-dialog.h"
#include "wk-gui-test-util.h"
#include "wk-plans-popover.h"

static char *tmp_dir;

/* An inhabited unit that belongs to no area, and an area next to it. */
static void
find_unassigned_unit (WkPlan *plan,
                      guint  *unit,
                      guint  *neighbour_area)
{
  WkDataset *dataset = wk_plan_get_dataset (plan);

  for (guint u = 0; u < wk_dataset_get_n_units (dataset); u++)
    {
      const guint *neighbours;
      guint n = 0;

      if (wk_plan_get_unit_area (plan, u) != WK_AREA_NONE ||
          wk_dataset_get_unit (dataset, u)->population <= 0)
        continue;
      neighbours = wk_dataset_get_neighbours (dataset, u, NULL, &n);
      for (guint i = 0; i < n; i++)
        if (wk_plan_get_unit_area (plan, neighbours[i]) != WK_AREA_NONE)
          {
            *unit = u;
            *neighbour_area = wk_plan_get_unit_area (plan, neighbours[i]);
            return;
          }
    }
  g_assert_not_reached ();
}

/* Paints an unassigned unit into a neighbouring area. */
static guint
paint_one (WkWindow *window)
{
  guint unit = 0, area = 0;

  find_unassigned_unit (wk_window_get_plan (window), &unit, &area);
  wk_window_set_active_area (window, area);
  wk_gui_test_paint (window, &unit, 1);
  g_assert_cmpuint (wk_plan_get_unit_area (wk_window_get_plan (window), unit), ==, area);
  return unit;
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_autoptr(AdwMessageDialog) ref = g_object_ref (dialog);

  adw_message_dialog_response (ref, response);
  gtk_window_destroy (GTK_WINDOW (ref));
}

static gboolean
not_saving (gpointer data)
{
  return !wk_window_get_saving (data);
}

static gboolean
not_busy (gpointer data)
{
  return !wk_window_get_saving (data) && !wk_window_get_writing_recovery (data) &&
         !wk_window_get_loading (data);
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
close_window (WkWindow *window)
{
  g_assert_true (wk_test_wait_until (not_busy, window, 60000));
  gtk_window_destroy (GTK_WINDOW (window));
  wk_gui_test_iterate (50);
}

static gboolean
title_is_unsaved (WkWindow *window)
{
  return g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•");
}

static void
assert_same_assignment (WkPlan *a,
                        WkPlan *b)
{
  guint n_a = 0, n_b = 0;
  const guint *x = wk_plan_get_assignment (a, &n_a);
  const guint *y = wk_plan_get_assignment (b, &n_b);

  g_assert_cmpuint (n_a, ==, n_b);
  for (guint u = 0; u < n_a; u++)
    {
      WkArea *area_a = x[u] != WK_AREA_NONE ? wk_plan_get_area (a, x[u]) : NULL;
      WkArea *area_b = y[u] != WK_AREA_NONE ? wk_plan_get_area (b, y[u]) : NULL;

      g_assert_cmpint (area_a == NULL, ==, area_b == NULL);
      if (area_a != NULL)
        g_assert_cmpstr (wk_area_get_name (area_a), ==, wk_area_get_name (area_b));
    }
}

static void
delete_all_recovery (void)
{
  g_autoptr(GPtrArray) found = wk_project_find_recovery (NULL);

  for (guint i = 0; i < found->len; i++)
    g_assert_true (wk_project_delete_recovery (g_ptr_array_index (found, i), NULL));
}

/* Types @text as the note of area @id, and answers @response. */
static void
answer_area_note (WkWindow   *window,
                  GVariant   *id,
                  const char *text,
                  const char *response)
{
  AdwMessageDialog *dialog;
  GtkWidget *view;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.edit-area-note",
                                                     id));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  view = g_object_get_data (G_OBJECT (adw_message_dialog_get_extra_child (dialog)), "view");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  respond (dialog, response);
}

/* Save writes a project file; it opens in another window as it was. */
static void
test_project_save_open (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  g_autofree char *path = g_build_filename (tmp_dir, "Sample.wijk.gpkg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WkWindow *other;
  guint unit;

  /* a project made from files is new; an edit makes it unsaved */
  g_assert_nonnull (wk_window_get_project (window));
  g_assert_null (wk_project_get_path (wk_window_get_project (window)));
  g_assert_false (title_is_unsaved (window));
  unit = paint_one (window);
  g_assert_true (title_is_unsaved (window));

  wk_window_save_project (window, path);
  g_assert_true (wk_window_get_saving (window));
  g_assert_true (wk_test_wait_until (not_saving, window, 60000));
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (window)));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (wk_project_is_project_file (path));
  g_assert_false (wk_project_is_modified (wk_window_get_project (window)));
  g_assert_false (title_is_unsaved (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Sample");

  /* Ctrl+S saves again where it was saved */
  wk_gui_test_paint (window, &unit, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (title_is_unsaved (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  /* the progress card's Cancel does not stop a save: it finishes */
  g_assert_true (wk_window_get_saving (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-job", NULL);
  g_assert_true (wk_window_get_saving (window));
  g_assert_true (wk_test_wait_until (not_saving, window, 60000));
  g_assert_false (title_is_unsaved (window));
  g_assert_false (wk_project_is_modified (wk_window_get_project (window)));
  wk_gui_test_save_screenshot (GTK_WIDGET (window), "project-saved");

  /* opened as a file, it is the same */
  other = wk_gui_test_new_window ();
  wk_window_open_files (other, &file, 1);
  g_assert_true (wk_window_get_loading (other));
  wk_gui_test_wait_loaded (other);
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (other)));
  g_assert_nonnull (wk_window_get_project (other));
  g_assert_cmpstr (wk_project_get_path (wk_window_get_project (other)), ==, path);
  assert_same_assignment (wk_window_get_plan (window), wk_window_get_plan (other));
  g_assert_cmpuint (wk_checker_get_n_findings (wk_window_get_checker (other)), ==,
                    wk_checker_get_n_findings (wk_window_get_checker (window)));
  g_assert_false (title_is_unsaved (other));
  close_window (other);
  close_window (window);
}

/* A save that fails says so naming the file, and leaves the work unsaved. */
static void
test_project_save_error (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-folder", "x.wijk.gpkg", NULL);
  AdwMessageDialog *dialog;

  paint_one (window);
  wk_window_save_project (window, path);
  g_assert_true (wk_test_wait_until (not_saving, window, 60000));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "x.wijk.gpkg"));
  wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "project-save-error");
  respond (dialog, "close");
  g_assert_true (title_is_unsaved (window));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  wk_plan_set_saved (wk_window_get_plan (window));
  close_window (window);
}

/* Closing with unsaved changes: Save saves, then the window goes. */
static void
test_project_close_save (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  g_autofree char *path = g_build_filename (tmp_dir, "close.wijk.gpkg", NULL);
  g_autoptr(WkProject) reread = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gpointer weak = window;
  guint unit;

  unit = paint_one (window);
  wk_window_save_project (window, path);
  g_assert_true (wk_test_wait_until (not_saving, window, 60000));
  g_assert_true (wk_plan_rename_area (wk_window_get_plan (window),
                                      wk_plan_get_unit_area (wk_window_get_plan (window), unit),
                                      "Renamed before closing", NULL));

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "close"));
  respond (dialog, "save");
  g_assert_true (wk_test_wait_until (window_gone, &weak, 60000));

  reread = wk_project_open (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wk_plan_get_unit_area (wk_project_get_active_plan (reread), unit), ==,
                    wk_area_get_id (wk_plan_find_area (wk_project_get_active_plan (reread),
                                                       "Renamed before closing")));
}

static gboolean
has_one_recovery (gpointer data)
{
  g_autoptr(GPtrArray) found = wk_project_find_recovery (NULL);

  return found->len == 1;
}

/* Unsaved edits are written to a recovery copy; a new start offers it, and
 * restoring brings the edits back, still unsaved. */
static void
test_project_recovery (void)
{
  WkWindow *window;
  WkWindow *fresh;
  AdwMessageDialog *dialog;
  g_autoptr(WkPlan) expected = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *renamed = NULL;
  guint unit, area;
  gpointer weak;

  delete_all_recovery ();
  window = wk_gui_test_open_sample ();
  g_assert_false (wk_window_write_recovery (window));   /* nothing to recover yet */
  unit = paint_one (window);
  area = wk_plan_get_unit_area (wk_window_get_plan (window), unit);
  g_assert_true (wk_plan_rename_area (wk_window_get_plan (window), area, "Restored area", NULL));
  expected = wk_plan_duplicate (wk_window_get_plan (window));

  g_assert_true (wk_window_write_recovery (window));
  g_assert_true (wk_test_wait_until (not_busy, window, 60000));
  g_assert_true (has_one_recovery (NULL));

  /* the session ends without saving or discarding, as in a crash */
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (wk_test_wait_until (window_gone, &weak, 5000));
  g_assert_true (has_one_recovery (NULL));

  /* the next start asks */
  fresh = wk_gui_test_new_window ();
  dialog = wk_window_offer_recovery (fresh);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Untitled project"));
  wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "recovery-offer");
  respond (dialog, "restore");
  g_assert_true (wk_window_get_loading (fresh));
  wk_gui_test_wait_loaded (fresh);
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (fresh)));
  g_assert_nonnull (wk_window_get_plan (fresh));
  assert_same_assignment (expected, wk_window_get_plan (fresh));
  g_assert_nonnull (wk_plan_find_area (wk_window_get_plan (fresh), "Restored area"));
  g_assert_cmpuint (wk_plan_get_unit_area (wk_window_get_plan (fresh), unit), ==,
                    wk_area_get_id (wk_plan_find_area (wk_window_get_plan (fresh),
                                                       "Restored area")));
  g_assert_true (title_is_unsaved (fresh));
  wk_gui_test_iterate (300);
  wk_gui_test_save_screenshot (GTK_WIDGET (fresh), "recovery-restored");

  /* Later keeps the copy; closing with Discard removes it */
  found = wk_project_find_recovery (NULL);
  g_assert_cmpuint (found->len, ==, 1);
  weak = fresh;
  g_object_add_weak_pointer (G_OBJECT (fresh), &weak);
  gtk_window_close (GTK_WINDOW (fresh));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (fresh));
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  g_assert_true (wk_test_wait_until (window_gone, &weak, 5000));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = wk_project_find_recovery (NULL);
  g_assert_cmpuint (found->len, ==, 0);

  /* no copies, no question */
  fresh = wk_gui_test_new_window ();
  g_assert_null (wk_window_offer_recovery (fresh));
  close_window (fresh);
}

/* The autosave timer writes a copy soon after the first change; a save
 * removes it. */
static void
test_project_autosave (void)
{
  WkWindow *window;
  g_autofree char *path = g_build_filename (tmp_dir, "autosave.wijk.gpkg", NULL);
  g_autoptr(GPtrArray) found = NULL;

  delete_all_recovery ();
  window = wk_gui_test_open_sample ();
  wk_gui_test_iterate (2500);
  g_assert_false (has_one_recovery (NULL));    /* nothing changed */
  paint_one (window);
  g_assert_true (wk_test_wait_until (has_one_recovery, NULL, 10000));
  wk_window_save_project (window, path);
  g_assert_true (wk_test_wait_until (not_busy, window, 60000));
  found = wk_project_find_recovery (NULL);
  g_assert_cmpuint (found->len, ==, 0);
  close_window (window);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row);
  return n;
}

static WkPlansPopover *
get_plans_popover (WkWindow *window)
{
  g_autoptr(GPtrArray) buttons = wk_gui_test_find_widgets (GTK_WIDGET (window),
                                                           GTK_TYPE_MENU_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkPopover *popover = gtk_menu_button_get_popover (g_ptr_array_index (buttons, i));

      if (WK_IS_PLANS_POPOVER (popover))
        return WK_PLANS_POPOVER (popover);
    }
  g_assert_not_reached ();
}

/* Plans: add, switch, duplicate, rename, note, delete; the map, the
 * sidebar and the checker follow the active plan. */
static void
test_project_plans (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkProject *project = wk_window_get_project (window);
  GListModel *plans = wk_project_get_plans (project);
  WkPlan *first = wk_window_get_plan (window);
  g_autofree char *first_name = g_strdup (wk_plan_get_name (first));
  WkPlansPopover *popover = get_plans_popover (window);
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  WkPlan *copy;
  guint unit;

  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  /* the only plan cannot go */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-plan", NULL);
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (window)));

  /* a new, empty plan becomes the one edited */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-plan", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
  g_assert_true (wk_window_get_plan (window) != first);
  g_assert_true (wk_window_get_plan (window) == wk_project_get_active_plan (project));
  g_assert_cmpuint (wk_plan_get_n_areas (wk_window_get_plan (window)), ==, 0);
  g_assert_true (wk_checker_get_plan (wk_window_get_checker (window)) == wk_window_get_plan (window));
  g_assert_true (title_is_unsaved (window));
  g_assert_cmpstr (adw_window_title_get_subtitle (
                     ADW_WINDOW_TITLE (gtk_menu_button_get_child (
                                         GTK_MENU_BUTTON (gtk_widget_get_parent (
                                                            GTK_WIDGET (popover)))))), ==,
                   wk_plan_get_name (wk_window_get_plan (window)));

  /* back to the first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-plan", "s",
                                             first_name));
  g_assert_true (wk_window_get_plan (window) == first);
  g_assert_true (wk_checker_get_plan (wk_window_get_checker (window)) == first);

  /* a copy to try something else */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-plan", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 3);
  copy = wk_window_get_plan (window);
  g_assert_true (copy != first);
  assert_same_assignment (first, copy);
  unit = paint_one (window);
  g_assert_cmpuint (wk_plan_get_unit_area (first, unit), ==, WK_AREA_NONE);

  /* rename */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-plan", NULL));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  extra = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (extra), "  Westerlaan split ");
  respond (dialog, "apply");
  g_assert_cmpstr (wk_plan_get_name (copy), ==, "Westerlaan split");
  g_assert_true (wk_project_find_plan (project, "Westerlaan split") == copy);

  /* a name in use is refused, with a message */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-plan", NULL));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), first_name);
  respond (dialog, "apply");
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), first_name));
  respond (dialog, "close");
  g_assert_cmpstr (wk_plan_get_name (copy), ==, "Westerlaan split");

  /* the plan's note */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-plan-note", NULL));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  {
    GtkWidget *view = g_object_get_data (G_OBJECT (adw_message_dialog_get_extra_child (dialog)),
                                         "view");

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                              "Splits Westerlaan along the railway.", -1);
  }
  respond (dialog, "apply");
  g_assert_cmpstr (wk_plan_get_note (copy), ==, "Splits Westerlaan along the railway.");

  /* an area's name and note, through the same questions */
  {
    g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (copy), 0);
    GVariant *id = g_variant_new_uint32 (wk_area_get_id (area));
    g_autofree char *note = g_strdup (wk_area_get_note (area));

    g_variant_ref_sink (id);
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.rename-area",
                                                       id));
    dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
    g_assert_nonnull (dialog);
    extra = adw_message_dialog_get_extra_child (dialog);
    gtk_editable_set_text (GTK_EDITABLE (extra), "   ");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
    gtk_editable_set_text (GTK_EDITABLE (extra), "Spoorzijde");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
    respond (dialog, "apply");
    g_assert_cmpstr (wk_area_get_name (area), ==, "Spoorzijde");

    answer_area_note (window, id, "Langs het spoor.", "cancel");
    g_assert_cmpstr (wk_area_get_note (area), ==, note);
    answer_area_note (window, id, "Langs het spoor.", "apply");
    g_assert_cmpstr (wk_area_get_note (area), ==, "Langs het spoor.");
    g_variant_unref (id);
  }

  /* the popover lists all three, the active one marked */
  g_assert_cmpuint (count_rows (wk_plans_popover_get_list (popover)), ==, 3);
  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_parent (GTK_WIDGET (popover))));
  wk_gui_test_iterate (300);
  wk_gui_test_save_screenshot (GTK_WIDGET (popover), "project-plans");
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* delete the empty one */
  {
    g_autoptr(WkPlan) empty = g_list_model_get_item (plans, 1);

    wk_project_set_active_plan (project, empty);
    g_assert_true (wk_window_get_plan (window) == empty);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-plan", NULL));
    dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
    g_assert_nonnull (dialog);
    respond (dialog, "apply");
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
    g_assert_true (wk_window_get_plan (window) == first);
    g_assert_cmpuint (count_rows (wk_plans_popover_get_list (popover)), ==, 2);
  }

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(WkPlan) plan = g_list_model_get_item (plans, i);

      wk_plan_set_saved (plan);
    }
  close_window (window);
}

static WkCompareDialog *
find_compare_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (WK_IS_COMPARE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return WK_COMPARE_DIALOG (window);
    }
  return NULL;
}

/* Compare: the unit moved in the copy is listed, its areas' populations
 * change by the unit's, and the coverage finding about it disappears. */
static void
test_project_compare (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *first = wk_window_get_plan (window);
  g_autofree char *first_name = g_strdup (wk_plan_get_name (first));
  WkDataset *dataset = wk_window_get_dataset (window);
  WkCompareDialog *dialog;
  WkComparison *comparison;
  const WkUnitMove *moves;
  const WkAreaDelta *areas;
  guint n_moves = 0, n_areas = 0, unit, n_changed = 0;
  gint64 population;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-plan", NULL));
  unit = paint_one (window);
  population = wk_dataset_get_unit (dataset, unit)->population;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-plans", NULL));
  dialog = find_compare_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (wk_compare_dialog_set_other (dialog, first_name));
  comparison = wk_compare_dialog_get_comparison (dialog);
  g_assert_nonnull (comparison);
  g_assert_true (wk_comparison_get_plan_a (comparison) == first);
  moves = wk_comparison_get_moves (comparison, &n_moves);
  g_assert_cmpuint (n_moves, ==, 1);
  g_assert_cmpuint (moves[0].unit, ==, unit);
  g_assert_cmpuint (moves[0].area_a, ==, WK_AREA_NONE);
  areas = wk_comparison_get_areas (comparison, &n_areas);
  for (guint i = 0; i < n_areas; i++)
    if (areas[i].population_a != areas[i].population_b)
      {
        g_assert_cmpint (areas[i].population_b - areas[i].population_a, ==, population);
        n_changed++;
      }
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (wk_comparison_count_findings (comparison, WK_FINDING_DISAPPEARED), >, 0);

  wk_gui_test_iterate (200);
  g_assert_cmpuint (count_rows (wk_compare_dialog_get_list (dialog, "moves")), ==, 1);
  g_assert_cmpuint (count_rows (wk_compare_dialog_get_list (dialog, "areas")), ==, 1);
  g_assert_cmpuint (count_rows (wk_compare_dialog_get_list (dialog, "findings")), ==,
                    wk_comparison_count_findings (comparison, WK_FINDING_APPEARED) +
                    wk_comparison_count_findings (comparison, WK_FINDING_DISAPPEARED) +
                    wk_comparison_count_findings (comparison, WK_FINDING_CHANGED));
  wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "compare-dialog");

  /* Show on the map: the dialog goes, the moved unit is marked */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "compare.show-moved", NULL));
  wk_gui_test_iterate (500);
  g_assert_null (find_compare_dialog ());
  wk_gui_test_save_screenshot (GTK_WIDGET (window), "compare-moved-on-map");

  {
    GListModel *plans = wk_project_get_plans (wk_window_get_project (window));

    for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
      {
        g_autoptr(WkPlan) plan = g_list_model_get_item (plans, i);

        wk_plan_set_saved (plan);
      }
  }
  close_window (window);
}

/* Import from area polygons: the areas the plan exported come back as a new
 * plan with the same assignment. */
static void
test_project_import_areas (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *first = wk_window_get_plan (window);
  g_autofree char *path = g_build_filename (tmp_dir, "team-areas.geojson", NULL);
  g_autoptr(GError) error = NULL;
  GListModel *plans = wk_project_get_plans (wk_window_get_project (window));
  AdwMessageDialog *dialog;
  WkPlan *imported;

  g_assert_true (wk_export (wk_window_get_checker (window), WK_EXPORT_GEOJSON, path, &error));
  g_assert_no_error (error);
  wk_window_import_areas (window, path);
  g_assert_true (wk_window_get_loading (window));
  wk_gui_test_wait_loaded (window);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
  imported = wk_window_get_plan (window);
  g_assert_true (imported != first);
  g_assert_cmpstr (wk_plan_get_name (imported), ==, "team-areas");
  assert_same_assignment (first, imported);

  /* what was imported, and the close calls, are listed */
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "team-areas"));
  /* the sample's one unit outside every area (it is in none in the plan) */
  for (guint u = 0; u < wk_dataset_get_n_units (wk_window_get_dataset (window)); u++)
    if (wk_plan_get_unit_area (first, u) == WK_AREA_NONE)
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                                wk_dataset_get_unit (wk_window_get_dataset (window), u)->code));
  wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "import-areas");
  respond (dialog, "close");

  /* a file that is no map of areas is refused, naming it */
  {
    g_autofree char *bad = g_build_filename (tmp_dir, "not-areas.geojson", NULL);

    g_assert_true (g_file_set_contents (bad, "{ \"type\": \"Nonsense\" ", -1, NULL));
    wk_window_import_areas (window, bad);
    wk_gui_test_wait_loaded (window);
    dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not-areas.geojson"));
    respond (dialog, "close");
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
  }

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(WkPlan) plan = g_list_model_get_item (plans, i);

      wk_plan_set_saved (plan);
    }
  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!wk_gui_test_init (&argc, &argv))
    return 77;
  /* in the test's temporary home, which wk_gui_test_run() removes */
  tmp_dir = g_build_filename (g_getenv ("HOME"), "projects", NULL);
  g_mkdir_with_parents (tmp_dir, 0700);

  g_test_add_func ("/gui/project/save-open", test_project_save_open);
  g_test_add_func ("/gui/project/save-error", test_project_save_error);
  g_test_add_func ("/gui/project/close-save", test_project_close_save);
  g_test_add_func ("/gui/project/recovery", test_project_recovery);
  g_test_add_func ("/gui/project/autosave", test_project_autosave);
  g_test_add_func ("/gui/project/plans", test_project_plans);
  g_test_add_func ("/gui/project/compare", test_project_compare);
  g_test_add_func ("/gui/project/import-areas", test_project_import_areas);

  status = wk_gui_test_run ();
  g_free (tmp_dir);
  return status;
}
