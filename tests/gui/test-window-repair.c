/* test-window-repair.c: Repair from the findings list, previewed and undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <string.h>

#include "wk-gui-test-util.h"

static gboolean
repair_done (gpointer data)
{
  return !wk_window_get_repairing (data);
}

/* A shown button of the findings list that runs win.repair. */
static GtkWidget *
find_repair_button (WkWindow *window)
{
  g_autoptr(GPtrArray) buttons =
    wk_gui_test_find_widgets (GTK_WIDGET (wk_window_get_sidebar (window)), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), "win.repair") == 0 &&
          gtk_widget_get_mapped (button))
        return button;
    }
  return NULL;
}

/* The sample's errors: Repair on the findings list searches on a worker,
 * previews the moves with their units marked, and Apply removes every
 * error as one undo step; undo brings them all back. */
static void
test_repair_sample (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *plan = wk_window_get_plan (window);
  WkChecker *checker = wk_window_get_checker (window);
  guint errors = wk_checker_count (checker, WK_SEVERITY_ERROR);
  g_autofree char *shot = NULL;
  g_autofree char *window_shot = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *button;

  g_test_message ("sample: %u error findings", errors);
  g_assert_cmpuint (errors, >, 0);

  wk_sidebar_show_page (wk_window_get_sidebar (window), "findings");
  wk_gui_test_iterate (300);
  button = find_repair_button (window);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (wk_window_get_repairing (window));
  g_assert_true (wk_test_wait_until (repair_done, window, 60000));

  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_test_message ("%s — %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  g_assert_nonnull (adw_message_dialog_get_extra_child (dialog));
  wk_gui_test_wait_frame (GTK_WIDGET (dialog));
  wk_gui_test_iterate (500);
  window_shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "repair-preview-map");
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "repair-preview");
  g_test_message ("screenshots: %s %s", window_shot, shot);
  /* the preview changes nothing */
  g_assert_cmpuint (wk_checker_count (checker, WK_SEVERITY_ERROR), ==, errors);

  wk_gui_test_respond (dialog, "apply");
  wk_gui_test_iterate (200);
  g_assert_cmpuint (wk_checker_count (checker, WK_SEVERITY_ERROR), ==, 0);
  g_assert_cmpstr (wk_plan_get_undo_label (plan), ==, "Repair");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wk_gui_test_iterate (200);
  g_assert_cmpuint (wk_checker_count (checker, WK_SEVERITY_ERROR), ==, errors);

  wk_gui_test_close_window (window);
}

/* Cancel in the preview changes nothing; an edit while searching cancels
 * the search. */
static void
test_repair_cancel (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *plan = wk_window_get_plan (window);
  WkChecker *checker = wk_window_get_checker (window);
  guint errors = wk_checker_count (checker, WK_SEVERITY_ERROR);
  gboolean could_undo = wk_plan_can_undo (plan);
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.repair", NULL));
  g_assert_true (wk_test_wait_until (repair_done, window, 60000));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  wk_gui_test_respond (dialog, "cancel");
  wk_gui_test_iterate (200);
  g_assert_cmpuint (wk_checker_count (checker, WK_SEVERITY_ERROR), ==, errors);
  g_assert_true (wk_plan_can_undo (plan) == could_undo);

  /* an edit during the search: no preview */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.repair", NULL));
  g_assert_true (wk_window_get_repairing (window));
  g_assert_cmpuint (wk_plan_unassign_units (plan, (guint[]) { 0 }, 1), ==, 1);
  g_assert_false (wk_window_get_repairing (window));
  wk_gui_test_iterate (2000);
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (window)));

  wk_gui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!wk_gui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/gui/repair/sample", test_repair_sample);
  g_test_add_func ("/gui/repair/cancel", test_repair_cancel);
  return wk_gui_test_run ();
}
