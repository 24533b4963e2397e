/* test-window.c: the main window on the sample and on real data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wk-gui-test-util.h"

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

static gboolean
has_unit_finding (WkChecker  *checker,
                  const char *criterion,
                  guint       unit)
{
  GListModel *findings = G_LIST_MODEL (checker);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(WkFinding) finding = g_list_model_get_item (findings, i);
      const guint *units;
      guint n = 0;

      if (g_strcmp0 (wk_finding_get_criterion (finding), criterion) != 0)
        continue;
      units = wk_finding_get_units (finding, &n);
      for (guint k = 0; k < n; k++)
        if (units[k] == unit)
          return TRUE;
    }
  return FALSE;
}

static WkAreaRow *
find_area_row (WkWindow *window,
               guint     area)
{
  g_autoptr(GPtrArray) rows = wk_gui_test_find_widgets (GTK_WIDGET (wk_window_get_sidebar (window)),
                                                        WK_TYPE_AREA_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      WkAreaRow *row = g_ptr_array_index (rows, i);

      if (wk_area_row_get_area (row) != NULL && wk_area_get_id (wk_area_row_get_area (row)) == area)
        return row;
    }
  return NULL;
}

/* The rows of the findings list that show a finding (not a heading). */
static guint
count_finding_rows (WkWindow *window)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint n = 0;

  wk_sidebar_show_page (wk_window_get_sidebar (window), "findings");
  wk_gui_test_wait_frame (GTK_WIDGET (window));
  rows = wk_gui_test_find_widgets (GTK_WIDGET (wk_window_get_sidebar (window)),
                                   WK_TYPE_FINDING_ROW);
  for (guint i = 0; i < rows->len; i++)
    if (WK_IS_FINDING (wk_finding_row_get_item (g_ptr_array_index (rows, i))))
      n++;
  wk_sidebar_show_page (wk_window_get_sidebar (window), "areas");
  return n;
}

/* As a click on a dialog's button does: the response, then the dialog goes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_autoptr(AdwMessageDialog) ref = g_object_ref (dialog);

  adw_message_dialog_response (ref, response);
  gtk_window_destroy (GTK_WINDOW (ref));
}

static void
close_window (WkWindow *window)
{
  WkPlan *plan = wk_window_get_plan (window);

  if (plan != NULL)
    wk_plan_set_saved (plan);
  gtk_window_destroy (GTK_WINDOW (window));
  wk_gui_test_iterate (50);
}

static void
test_window_sample (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *plan = wk_window_get_plan (window);
  WkChecker *checker = wk_window_get_checker (window);
  GListModel *findings;
  g_autofree char *shot = NULL;
  guint n_headers = 0;

  g_assert_cmpuint (wk_dataset_get_n_units (wk_window_get_dataset (window)), ==, 46);
  g_assert_cmpuint (wk_plan_get_n_areas (plan), >=, 4);
  g_assert_false (wk_plan_is_modified (plan));
  g_assert_cmpuint (wk_window_get_active_area (window), !=, WK_AREA_NONE);

  /* the sample's deliberate problems are listed, errors first, under headings */
  g_assert_cmpuint (wk_checker_count (checker, WK_SEVERITY_ERROR), >, 0);
  findings = wk_sidebar_get_findings_model (wk_window_get_sidebar (window));
  for (guint s = 0; s < 3; s++)
    n_headers += wk_checker_count (checker, s) > 0;
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==,
                    wk_checker_get_n_findings (checker) + n_headers);
  {
    g_autoptr(GObject) first = g_list_model_get_item (findings, 0);

    g_assert_true (WK_IS_FINDINGS_HEADER (first));
    g_assert_cmpint (wk_findings_header_get_severity (WK_FINDINGS_HEADER (first)), ==,
                     WK_SEVERITY_ERROR);
  }

  /* every area has a row, and the map has drawn its tiles */
  for (guint i = 0; i < wk_plan_get_n_areas (plan); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (plan), i);

      g_assert_nonnull (find_area_row (window, wk_area_get_id (area)));
    }
  wk_gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_cmpuint (wk_units_renderer_get_n_rendered (
                      wk_units_layer_get_renderer (
                        wk_map_view_get_units_layer (wk_window_get_map_view (window)))), >, 0);

  shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "window-sample");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
  close_window (window);
}

/* Assigns a unit as the brush does, and checks that the areas list, the
 * area's figures and the findings follow; undo brings all back. */
static void
test_window_paint_undo (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *plan = wk_window_get_plan (window);
  WkChecker *checker = wk_window_get_checker (window);
  WkDataset *dataset = wk_window_get_dataset (window);
  g_autofree char *summary_before = NULL;
  g_autofree char *shot = NULL;
  guint unit = 0, area = 0, n_findings, n_rows;
  gint64 population, unit_population;
  WkAreaRow *row;

  find_unassigned_unit (plan, &unit, &area);
  unit_population = wk_dataset_get_unit (dataset, unit)->population;
  wk_window_set_active_area (window, area);
  g_assert_cmpuint (wk_window_get_active_area (window), ==, area);
  wk_gui_test_wait_frame (GTK_WIDGET (window));

  row = find_area_row (window, area);
  g_assert_nonnull (row);
  summary_before = g_strdup (wk_area_row_get_summary (row));
  population = wk_area_get_population (wk_plan_get_area (plan, area));
  n_findings = wk_checker_get_n_findings (checker);
  n_rows = count_finding_rows (window);
  g_assert_cmpuint (n_rows, ==, n_findings);
  g_assert_true (has_unit_finding (checker, "coverage", unit));

  wk_gui_test_paint (window, &unit, 1);

  g_assert_cmpuint (wk_plan_get_unit_area (plan, unit), ==, area);
  g_assert_cmpint (wk_area_get_population (wk_plan_get_area (plan, area)), ==,
                   population + unit_population);
  g_assert_cmpstr (wk_area_row_get_summary (row), !=, summary_before);
  g_assert_false (has_unit_finding (checker, "coverage", unit));
  g_assert_cmpuint (wk_checker_get_n_findings (checker), <, n_findings);
  g_assert_cmpuint (count_finding_rows (window), ==, wk_checker_get_n_findings (checker));
  g_assert_true (wk_plan_is_modified (plan));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_test_message ("painted %s into area %u: %s → %s",
                  wk_dataset_get_unit (dataset, unit)->code, area, summary_before,
                  wk_area_row_get_summary (row));
  wk_gui_test_wait_frame (GTK_WIDGET (window));
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "window-painted");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (wk_plan_get_unit_area (plan, unit), ==, WK_AREA_NONE);
  g_assert_cmpint (wk_area_get_population (wk_plan_get_area (plan, area)), ==, population);
  g_assert_cmpstr (wk_area_row_get_summary (row), ==, summary_before);
  g_assert_true (has_unit_finding (checker, "coverage", unit));
  g_assert_cmpuint (wk_checker_get_n_findings (checker), ==, n_findings);
  g_assert_cmpuint (count_finding_rows (window), ==, n_findings);
  g_assert_false (wk_plan_is_modified (plan));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (wk_plan_get_unit_area (plan, unit), ==, area);
  close_window (window);
}

/* The other tools' actions: the eraser unassigns, the fill takes the
 * connected units of one area, a locked area is left alone. */
static void
test_window_tools (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *plan = wk_window_get_plan (window);
  GtkWidget *map = GTK_WIDGET (wk_window_get_map_view (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) region = NULL;
  const guint *units;
  guint n = 0, area, other, first;

  /* the tool action reaches the map */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "brush"));
  g_assert_cmpstr (wk_map_view_get_tool (WK_MAP_VIEW (map)), ==, "brush");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "eraser"));
  g_assert_cmpstr (wk_map_view_get_tool (WK_MAP_VIEW (map)), ==, "eraser");

  {
    g_autoptr(WkArea) a = g_list_model_get_item (wk_plan_get_areas (plan), 0);
    g_autoptr(WkArea) b = g_list_model_get_item (wk_plan_get_areas (plan), 1);

    area = wk_area_get_id (a);
    other = wk_area_get_id (b);
  }
  units = wk_plan_get_area_units (plan, area, &n);
  g_assert_cmpuint (n, >, 1);
  first = units[0];

  /* eraser */
  gtk_widget_activate_action_variant (map, "win.erase",
                                      g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, &first, 1,
                                                                 sizeof (guint32)));
  g_assert_cmpuint (wk_plan_get_unit_area (plan, first), ==, WK_AREA_NONE);

  /* fill from the erased unit: its unassigned region goes to the other area */
  region = wk_plan_dup_region (plan, first, wk_dataset_get_tolerance (wk_plan_get_dataset (plan)));
  wk_window_set_active_area (window, other);
  g_assert_true (gtk_widget_activate_action (map, "win.fill", "u", first));
  for (guint i = 0; i < region->len; i++)
    g_assert_cmpuint (wk_plan_get_unit_area (plan, g_array_index (region, guint, i)), ==, other);

  /* a locked area keeps its units */
  wk_plan_set_area_locked (plan, other, TRUE, &error);
  g_assert_no_error (error);
  wk_window_set_active_area (window, area);
  wk_gui_test_paint (window, &first, 1);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, first), ==, other);
  gtk_widget_activate_action_variant (map, "win.erase",
                                      g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, &first, 1,
                                                                 sizeof (guint32)));
  g_assert_cmpuint (wk_plan_get_unit_area (plan, first), ==, other);

  /* with no area selected, painting makes a new one */
  wk_plan_set_area_locked (plan, other, FALSE, &error);
  wk_window_set_active_area (window, WK_AREA_NONE);
  n = wk_plan_get_n_areas (plan);
  wk_gui_test_paint (window, &first, 1);
  g_assert_cmpuint (wk_plan_get_n_areas (plan), ==, n + 1);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, first), ==, wk_window_get_active_area (window));
  close_window (window);
}

static void
test_window_broken_file (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *plan = wk_window_get_plan (window);
  g_autofree char *path = wk_test_write_file ("kapot.geojson",
                                              "{\"type\": \"FeatureCollection\", \"features\": [");
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);
  g_autofree guint *before = NULL;
  const guint *assignment;
  AdwMessageDialog *dialog;
  guint n = 0;

  /* a change that must survive */
  {
    guint unit = 0, area = 0;

    find_unassigned_unit (plan, &unit, &area);
    wk_window_set_active_area (window, area);
    wk_gui_test_paint (window, &unit, 1);
  }
  assignment = wk_plan_get_assignment (plan, &n);
  before = g_memdup2 (assignment, n * sizeof (guint));

  /* the plan is modified: loading asks first, and we let it go on */
  wk_window_load (window, options, NULL);
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  g_assert_true (wk_window_get_loading (window));
  wk_gui_test_wait_loaded (window);

  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_test_message ("error: %s — %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "kapot.geojson"));
  wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "error-broken-file");

  g_assert_true (wk_window_get_plan (window) == plan);
  assignment = wk_plan_get_assignment (plan, &n);
  g_assert_cmpmem (assignment, n * sizeof (guint), before, n * sizeof (guint));
  g_assert_true (wk_plan_is_modified (plan));
  wk_gui_test_close_dialogs ();

  /* a broken plan file: the current plan stays too */
  {
    g_autofree char *csv = wk_test_write_file ("kapot.csv", "dit,is\ngeen,plan\n");

    g_assert_false (wk_window_import_plan (window, csv));
    dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "kapot.csv"));
    assignment = wk_plan_get_assignment (plan, &n);
    g_assert_cmpmem (assignment, n * sizeof (guint), before, n * sizeof (guint));
    wk_gui_test_close_dialogs ();
  }
  close_window (window);
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_window_close_unsaved (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *plan = wk_window_get_plan (window);
  AdwMessageDialog *dialog;
  guint unit = 0, area = 0;
  gpointer weak = window;

  find_unassigned_unit (plan, &unit, &area);
  wk_window_set_active_area (window, area);
  wk_gui_test_paint (window, &unit, 1);
  g_assert_true (wk_plan_is_modified (plan));

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  wk_gui_test_iterate (50);
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "close-unsaved");

  /* cancel keeps it open, discard closes it */
  respond (dialog, "cancel");
  wk_gui_test_iterate (50);
  g_assert_nonnull (weak);
  gtk_window_close (GTK_WINDOW (window));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  g_assert_true (wk_test_wait_until (window_gone, &weak, 5000));
}

static void
test_window_save_export (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *plan = wk_window_get_plan (window);
  g_autofree char *dir = g_dir_make_tmp ("wk-gui-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "plan.csv", NULL);
  g_autoptr(WkPlan) reread = NULL;
  g_autoptr(GError) error = NULL;
  guint unit = 0, area = 0;

  find_unassigned_unit (plan, &unit, &area);
  wk_window_set_active_area (window, area);
  wk_gui_test_paint (window, &unit, 1);

  /* an imported plan is saved back where it came from */
  g_assert_true (wk_plan_export_csv (plan, csv, &error));
  g_assert_true (wk_window_import_plan (window, csv));
  g_assert_true (wk_plan_is_modified (plan));
  wk_gui_test_paint (window, &unit, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (wk_plan_is_modified (plan));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  reread = wk_plan_new (wk_window_get_dataset (window));
  g_assert_true (wk_plan_import_csv (reread, csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wk_plan_get_n_assigned (reread), ==, wk_plan_get_n_assigned (plan));
  close_window (window);
  g_unlink (csv);
  g_rmdir (dir);
}

static void
test_window_preferences (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkChecker *checker = wk_window_get_checker (window);
  WkProfile *profile = wk_application_get_profile (wk_gui_test_get_app ());
  WkPreferencesWindow *prefs = wk_preferences_window_new (profile,
                                                          wk_application_get_settings (wk_gui_test_get_app ()));
  GtkWidget *min, *enabled;
  guint population_findings = 0, after = 0;

  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  wk_gui_test_iterate (100);

  for (guint i = 0; i < wk_checker_get_n_findings (checker); i++)
    {
      g_autoptr(WkFinding) f = g_list_model_get_item (G_LIST_MODEL (checker), i);

      population_findings += g_str_equal (wk_finding_get_criterion (f), "population");
    }

  /* a minimum above every area: each area gets a population finding */
  min = wk_preferences_window_get_editor (prefs, "population", "min");
  g_assert_true (GTK_IS_SPIN_BUTTON (min));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (min)), ==,
                     wk_profile_get_double (profile, "population", "min"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (min), 1000000);
  g_assert_cmpfloat (wk_profile_get_double (profile, "population", "min"), ==, 1000000);
  for (guint i = 0; i < wk_checker_get_n_findings (checker); i++)
    {
      g_autoptr(WkFinding) f = g_list_model_get_item (G_LIST_MODEL (checker), i);

      after += g_str_equal (wk_finding_get_criterion (f), "population");
    }
  g_assert_cmpuint (after, >, population_findings);
  g_assert_cmpuint (after, >=, wk_plan_get_n_areas (wk_window_get_plan (window)));

  /* switched off: none */
  enabled = wk_preferences_window_get_editor (prefs, "population", "enabled");
  g_assert_true (GTK_IS_SWITCH (enabled));
  gtk_switch_set_active (GTK_SWITCH (enabled), FALSE);
  g_assert_false (wk_profile_get_enabled (profile, "population"));
  for (guint i = 0; i < wk_checker_get_n_findings (checker); i++)
    {
      g_autoptr(WkFinding) f = g_list_model_get_item (G_LIST_MODEL (checker), i);

      g_assert_cmpstr (wk_finding_get_criterion (f), !=, "population");
    }
  wk_gui_test_save_screenshot (GTK_WIDGET (prefs), "preferences");

  /* reset brings the guide's values and the editors follow */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.reset", NULL));
  g_assert_true (wk_profile_get_enabled (profile, "population"));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (enabled)));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (min)), ==,
                     wk_profile_get_double (profile, "population", "min"));
  gtk_window_destroy (GTK_WINDOW (prefs));
  close_window (window);
}

/* The screenshot for review, in the language of the environment. */
static void
test_window_screenshot (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *name = g_strdup_printf ("window-%s", language != NULL ? language : "default");
  g_autofree char *findings = g_strdup_printf ("findings-%s", language != NULL ? language : "default");

  g_settings_set_boolean (wk_application_get_settings (wk_gui_test_get_app ()), "show-networks", TRUE);
  wk_gui_test_wait_frame (GTK_WIDGET (window));
  wk_gui_test_iterate (300);
  wk_gui_test_save_screenshot (GTK_WIDGET (window), name);
  wk_sidebar_show_page (wk_window_get_sidebar (window), "findings");
  wk_gui_test_iterate (300);
  wk_gui_test_save_screenshot (GTK_WIDGET (window), findings);
  g_settings_reset (wk_application_get_settings (wk_gui_test_get_app ()), "show-networks");
  close_window (window);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* How long from a brush step (the win.paint action) to updated findings,
 * on the real Woerden buurten.  A figure, not a pass/fail. */
static void
test_window_woerden_latency (void)
{
  g_autofree char *path = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  WkWindow *window;
  WkPlan *plan;
  WkChecker *checker;
  GListModel *areas;
  guint n_units, n_areas = 4, rounds = 200;
  GRand *rand;

  if (path == NULL)
    return;
  window = wk_gui_test_new_window ();
  options = wk_load_options_new (path);
  wk_window_load (window, options, NULL);
  wk_gui_test_wait_loaded (window);
  plan = wk_window_get_plan (window);
  g_assert_nonnull (plan);
  checker = wk_window_get_checker (window);
  n_units = wk_dataset_get_n_units (wk_window_get_dataset (window));
  g_assert_cmpuint (n_units, ==, 31);

  for (guint i = 0; i < n_areas; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-area", NULL));
  areas = wk_plan_get_areas (plan);
  rand = g_rand_new_with_seed (4);
  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, g_rand_int_range (rand, 0, n_areas));
      guint unit = g_rand_int_range (rand, 0, n_units);
      guint n_before = wk_checker_get_n_findings (checker);
      gint64 start, checked, drawn;
      double ms;

      if (wk_plan_get_unit_area (plan, unit) == wk_area_get_id (area))
        continue;
      wk_window_set_active_area (window, wk_area_get_id (area));
      start = g_get_monotonic_time ();
      wk_gui_test_paint (window, &unit, 1);
      checked = g_get_monotonic_time ();
      g_assert_cmpuint (wk_plan_get_unit_area (plan, unit), ==, wk_area_get_id (area));
      if (r % 10 == 0)
        {
          /* and until the map and lists have drawn it */
          wk_gui_test_wait_frame (GTK_WIDGET (window));
          drawn = g_get_monotonic_time ();
          ms = (drawn - start) / 1000.0;
          g_array_append_val (frames, ms);
        }
      ms = (checked - start) / 1000.0;
      g_array_append_val (times, ms);
      (void) n_before;
    }
  g_rand_free (rand);
  g_array_sort (times, compare_doubles);
  g_array_sort (frames, compare_doubles);
  g_print ("# Woerden (%u buurten): assign action → updated findings: median %.2f ms, "
           "90th percentile %.2f ms over %u assigns; → next frame drawn: median %.1f ms over %u\n",
           n_units, g_array_index (times, double, times->len / 2),
           g_array_index (times, double, times->len * 9 / 10), times->len,
           g_array_index (frames, double, frames->len / 2), frames->len);
  g_test_message ("assign → findings median %.2f ms", g_array_index (times, double, times->len / 2));
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* --language nl: the screenshot in another language (before any gettext) */
  if (argc > 2 && g_str_equal (argv[1], "--language"))
    {
      g_setenv ("LANGUAGE", argv[2], TRUE);
      argv[2] = argv[0];
      argv += 2;
      argc -= 2;
    }
  if (!wk_gui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/gui/window/sample", test_window_sample);
  g_test_add_func ("/gui/window/paint-undo", test_window_paint_undo);
  g_test_add_func ("/gui/window/tools", test_window_tools);
  g_test_add_func ("/gui/window/broken-file", test_window_broken_file);
  g_test_add_func ("/gui/window/close-unsaved", test_window_close_unsaved);
  g_test_add_func ("/gui/window/save", test_window_save_export);
  g_test_add_func ("/gui/window/preferences", test_window_preferences);
  g_test_add_func ("/gui/window/screenshot", test_window_screenshot);
  g_test_add_func ("/gui/window/woerden-latency", test_window_woerden_latency);
  return wk_gui_test_run ();
}
