/* test-window-propose.c: Propose a Plan from the plans menu, compared and cancelled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <string.h>

#include "wk-compare-dialog.h"
#include "wk-gui-test-util.h"
#include "wk-propose-dialog.h"

static gboolean
propose_done (gpointer data)
{
  return !wk_window_get_proposing (data);
}

static guint
n_plans (WkWindow *window)
{
  return g_list_model_get_n_items (wk_project_get_plans (wk_window_get_project (window)));
}

/* win.propose (the plans menu's item) shows the dialog; its options are set
 * as a user would and Propose pressed. */
static WkProposeDialog *
open_dialog (WkWindow               *window,
             const WkProposeOptions *options)
{
  WkProposeDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.propose", NULL));
  dialog = WK_PROPOSE_DIALOG (wk_gui_test_find_toplevel (WK_TYPE_PROPOSE_DIALOG));
  g_assert_nonnull (dialog);
  wk_propose_dialog_set_options (dialog, options);
  return dialog;
}

static void
press_propose (WkProposeDialog *dialog)
{
  g_signal_emit_by_name (wk_propose_dialog_get_propose_button (dialog), "clicked");
}

/* The sample with one area locked: the proposal becomes a new, active plan
 * named “Proposal 1” that covers every unit, keeps the locked area as it
 * is, and equals what the engine proposes with the dialog's options (the
 * search on 46 units ends long before the time limit); the compare dialog
 * opens against the plan we had, which is unchanged. */
static void
test_propose_sample (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkDataset *dataset = wk_window_get_dataset (window);
  WkPlan *before = wk_window_get_plan (window);
  g_autofree char *before_name = g_strdup (wk_plan_get_name (before));
  guint n_before = n_plans (window), n_units = wk_dataset_get_n_units (dataset);
  WkArea *locked = wk_plan_find_area (before, "Westerlaan");
  WkProposeOptions options = { .seed = 5, .time_limit = 20 };
  g_autofree guint *assigned = g_new (guint, n_units);
  g_autoptr(WkPlan) expected = NULL;
  g_autoptr(WkPlan) keep = NULL;
  g_autofree char *shot = NULL;
  WkProposeDialog *dialog;
  WkCompareDialog *compare;
  WkPlan *proposal;
  WkArea *kept;
  const guint *units;
  guint n_locked_units;

  g_assert_nonnull (locked);
  g_assert_true (wk_plan_set_area_locked (before, wk_area_get_id (locked), TRUE, NULL));
  for (guint u = 0; u < n_units; u++)
    assigned[u] = wk_plan_get_unit_area (before, u);

  dialog = open_dialog (window, &options);
  g_assert_true (wk_propose_dialog_get_keep_locked (dialog));
  g_assert_true (wk_propose_dialog_get_from_networks (dialog));  /* the sample has networks */
  /* what the engine gives for the dialog's options, keeping the locked area */
  wk_propose_dialog_get_options (dialog, &options);
  g_assert_cmpuint (options.seed, ==, 5);
  g_assert_cmpfloat (options.time_limit, ==, 20);
  g_assert_false (options.max_areas);
  g_assert_cmpuint (options.n_areas, ==, 0);
  keep = wk_plan_duplicate (before);
  options.keep = keep;
  expected = wk_propose (dataset, wk_checker_get_profile (wk_window_get_checker (window)),
                         &options, NULL, NULL, NULL);
  wk_gui_test_wait_frame (GTK_WIDGET (dialog));
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "propose-dialog");
  g_test_message ("screenshot: %s", shot);
  press_propose (dialog);
  g_assert_true (wk_window_get_proposing (window));
  g_assert_true (wk_test_wait_until (propose_done, window, 120000));
  wk_gui_test_iterate (300);

  proposal = wk_window_get_plan (window);
  g_assert_true (proposal != before);
  g_assert_cmpstr (wk_plan_get_name (proposal), ==, "Proposal 1");
  g_assert_cmpuint (n_plans (window), ==, n_before + 1);
  g_assert_cmpuint (wk_plan_get_n_assigned (proposal), ==, n_units);
  g_assert_cmpuint (wk_plan_get_n_areas (proposal), ==, wk_plan_get_n_areas (expected));
  for (guint u = 0; u < n_units; u++)
    {
      WkArea *a = wk_plan_get_area (proposal, wk_plan_get_unit_area (proposal, u));
      WkArea *e = wk_plan_get_area (expected, wk_plan_get_unit_area (expected, u));

      g_assert_cmpstr (wk_area_get_name (a), ==, wk_area_get_name (e));
    }
  kept = wk_plan_find_area (proposal, "Westerlaan");
  g_assert_nonnull (kept);
  g_assert_true (wk_area_get_locked (kept));
  units = wk_plan_get_area_units (before, wk_area_get_id (locked), &n_locked_units);
  for (guint i = 0; i < n_locked_units; i++)
    g_assert_cmpuint (wk_plan_get_unit_area (proposal, units[i]), ==, wk_area_get_id (kept));
  g_assert_cmpuint (wk_area_get_n_units (kept), ==, n_locked_units);
  for (guint u = 0; u < n_units; u++)
    g_assert_cmpuint (wk_plan_get_unit_area (before, u), ==, assigned[u]);

  compare = WK_COMPARE_DIALOG (wk_gui_test_find_toplevel (WK_TYPE_COMPARE_DIALOG));
  g_assert_nonnull (compare);
  g_assert_nonnull (wk_compare_dialog_get_comparison (compare));
  g_assert_true (wk_comparison_get_plan_a (wk_compare_dialog_get_comparison (compare)) == before);
  g_test_message ("compare notes: %u", wk_compare_dialog_get_n_notes (compare));
  wk_gui_test_wait_frame (GTK_WIDGET (compare));
  wk_gui_test_iterate (300);
  g_free (shot);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (compare), "propose-compare");
  g_test_message ("screenshot: %s", shot);
  gtk_window_close (GTK_WINDOW (compare));
  wk_gui_test_iterate (300);
  g_free (shot);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "propose-window");
  g_test_message ("screenshot: %s", shot);

  /* the plan we had is one switch away, as it was */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-plan", "s",
                                             before_name));
  g_assert_true (wk_window_get_plan (window) == before);

  /* a second proposal gets the next name */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-plan", "s",
                                             before_name));
  dialog = open_dialog (window, &(WkProposeOptions) { .max_areas = TRUE, .seed = 2,
                                                      .time_limit = 5 });
  press_propose (dialog);
  g_assert_true (wk_test_wait_until (propose_done, window, 120000));
  wk_gui_test_iterate (300);
  g_assert_cmpstr (wk_plan_get_name (wk_window_get_plan (window)), ==, "Proposal 2");
  compare = WK_COMPARE_DIALOG (wk_gui_test_find_toplevel (WK_TYPE_COMPARE_DIALOG));
  g_assert_nonnull (compare);
  gtk_window_destroy (GTK_WINDOW (compare));
  wk_gui_test_close_window (window);
}

/* A floor above the sample's whole population: the proposal is made all
 * the same, and the compare dialog says why its rules cannot be met, naming
 * the gemeente; the new plan keeps that as its note.  Run in English and in
 * Dutch (LANGUAGE=nl, for the screenshots). */
static void
test_propose_limits (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkProfile *profile = wk_project_get_profile (wk_window_get_project (window));
  WkPlan *before = wk_window_get_plan (window);
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *name = g_strdup_printf ("propose-limits-%s", language ? language : "default");
  g_autofree char *window_name = g_strdup_printf ("propose-limits-window-%s",
                                                  language ? language : "default");
  g_autofree char *shot = NULL;
  g_autofree char *dialog_name = g_strdup_printf ("propose-dialog-%s",
                                                  language ? language : "default");
  g_autoptr(GError) error = NULL;
  WkProposeDialog *dialog;
  WkCompareDialog *compare;
  WkPlan *proposal;

  wk_profile_set_double (profile, "population", "max", 900000, &error);
  g_assert_no_error (error);
  wk_profile_set_double (profile, "population", "min", 800000, &error);
  g_assert_no_error (error);
  dialog = open_dialog (window, &(WkProposeOptions) { .seed = 1, .time_limit = 5 });
  wk_propose_dialog_show_advanced (dialog);
  wk_gui_test_wait_frame (GTK_WIDGET (dialog));
  wk_gui_test_iterate (300);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (dialog), dialog_name);
  g_test_message ("screenshot: %s", shot);
  g_clear_pointer (&shot, g_free);
  press_propose (dialog);
  g_assert_true (wk_test_wait_until (propose_done, window, 120000));
  wk_gui_test_iterate (300);

  proposal = wk_window_get_plan (window);
  g_assert_true (proposal != before);
  g_assert_cmpuint (wk_plan_get_n_areas (proposal), ==, 1);
  g_assert_nonnull (strstr (wk_plan_get_note (proposal), "Dijkveen"));
  g_assert_cmpuint (wk_checker_count (wk_window_get_checker (window), WK_SEVERITY_ERROR), >, 0);
  compare = WK_COMPARE_DIALOG (wk_gui_test_find_toplevel (WK_TYPE_COMPARE_DIALOG));
  g_assert_nonnull (compare);
  g_assert_cmpuint (wk_compare_dialog_get_n_notes (compare), >=, 1);
  wk_gui_test_wait_frame (GTK_WIDGET (compare));
  wk_gui_test_iterate (300);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (compare), name);
  g_test_message ("screenshot: %s", shot);
  g_free (shot);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), window_name);
  g_test_message ("screenshot: %s", shot);
  gtk_window_destroy (GTK_WINDOW (compare));
  wk_gui_test_close_window (window);
}

/* The window's progress card: shown, and what it says. */
static gboolean
progress_card_says (WkWindow   *window,
                    const char *prefix)
{
  g_autoptr(GPtrArray) bars = wk_gui_test_find_widgets (GTK_WIDGET (window),
                                                        GTK_TYPE_PROGRESS_BAR);
  GtkWidget *revealer;
  g_autoptr(GPtrArray) labels = NULL;
  gboolean says = FALSE;

  g_assert_cmpuint (bars->len, ==, 1);
  revealer = gtk_widget_get_ancestor (g_ptr_array_index (bars, 0), GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);
  labels = wk_gui_test_find_widgets (revealer, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    says |= g_str_has_prefix (gtk_label_get_label (g_ptr_array_index (labels, i)), prefix);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) && says;
}

/* Cancel in the dialog proposes nothing; Cancel in the progress card stops
 * the search and leaves the project as it was. */
static void
test_propose_cancel (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *before = wk_window_get_plan (window);
  guint n_before = n_plans (window);
  WkProposeDialog *dialog;

  dialog = open_dialog (window, &(WkProposeOptions) { .seed = 1 });
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  wk_gui_test_iterate (200);
  g_assert_null (wk_gui_test_find_toplevel (WK_TYPE_PROPOSE_DIALOG));
  g_assert_false (wk_window_get_proposing (window));

  dialog = open_dialog (window, &(WkProposeOptions) { .max_areas = TRUE, .seed = 1,
                                                      .time_limit = 60 });
  press_propose (dialog);
  g_assert_true (wk_window_get_proposing (window));
  g_assert_true (progress_card_says (window, "Proposing a plan"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-job", NULL));
  g_assert_false (wk_window_get_proposing (window));
  g_assert_false (progress_card_says (window, "Proposing a plan"));
  wk_gui_test_iterate (2000);
  g_assert_true (wk_window_get_plan (window) == before);
  g_assert_cmpuint (n_plans (window), ==, n_before);
  g_assert_null (wk_gui_test_find_toplevel (WK_TYPE_COMPARE_DIALOG));

  wk_gui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!wk_gui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/gui/propose/sample", test_propose_sample);
  g_test_add_func ("/gui/propose/limits", test_propose_limits);
  g_test_add_func ("/gui/propose/cancel", test_propose_cancel);
  return wk_gui_test_run ();
}
