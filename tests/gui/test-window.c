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
  return wk_gui_test_find_area_row (window, area);
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

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  wk_gui_test_respond (dialog, response);
}

static void
close_window (WkWindow *window)
{
  wk_gui_test_close_window (window);
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

static gboolean
not_saving (gpointer data)
{
  return !wk_window_get_saving (data);
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

/* An imported plan CSV replaces the plan; Save writes the project, which
 * holds it. */
static void
test_window_save_export (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *plan = wk_window_get_plan (window);
  g_autofree char *dir = g_dir_make_tmp ("wk-gui-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "plan.csv", NULL);
  g_autofree char *project_path = g_build_filename (dir, "plan.wijk.gpkg", NULL);
  g_autoptr(WkProject) reread = NULL;
  g_autoptr(GError) error = NULL;
  guint unit = 0, area = 0;

  find_unassigned_unit (plan, &unit, &area);
  wk_window_set_active_area (window, area);
  wk_gui_test_paint (window, &unit, 1);

  g_assert_true (wk_plan_export_csv (plan, csv, &error));
  g_assert_true (wk_window_import_plan (window, csv));
  g_assert_true (wk_plan_is_modified (plan));
  wk_gui_test_paint (window, &unit, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wk_window_save_project (window, project_path);
  g_assert_true (wk_test_wait_until (not_saving, window, 60000));
  g_assert_false (wk_plan_is_modified (plan));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  reread = wk_project_open (project_path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wk_plan_get_n_assigned (wk_project_get_active_plan (reread)), ==,
                    wk_plan_get_n_assigned (plan));
  close_window (window);
  g_unlink (csv);
  g_unlink (project_path);
  g_rmdir (dir);
}

static gboolean
export_done (gpointer data)
{
  return !wk_window_get_exporting (data);
}

static void
test_window_export (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  g_autofree char *dir = g_dir_make_tmp ("wk-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wijken.geojson", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) toasts = NULL;
  guint n_features = 0;

  wk_window_export (window, WK_EXPORT_GEOJSON, path);
  g_assert_true (wk_window_get_exporting (window));
  g_assert_true (wk_test_wait_until (export_done, window, 30000));
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  for (const char *p = contents; (p = strstr (p, "\"Feature\"")) != NULL; p++)
    n_features++;
  g_assert_cmpuint (n_features, ==, wk_plan_get_n_areas (wk_window_get_plan (window)));
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (window)));

  /* a folder that is not there: an error naming the file, no crash */
  {
    g_autofree char *bad = g_build_filename (dir, "nowhere", "wijken.gpkg", NULL);
    AdwMessageDialog *dialog;

    wk_window_export (window, WK_EXPORT_GPKG, bad);
    g_assert_true (wk_test_wait_until (export_done, window, 30000));
    dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
    g_assert_nonnull (dialog);
    g_test_message ("%s", adw_message_dialog_get_body (dialog));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "wijken.gpkg"));
    wk_gui_test_close_dialogs ();
  }
  close_window (window);
  g_unlink (path);
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
  wk_gui_test_save_screenshot (GTK_WIDGET (prefs), "preferences-map");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "criteria");
  wk_gui_test_save_screenshot (GTK_WIDGET (prefs), "preferences-criteria");

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

/* The screenshot of the metainfo (data/screenshots/main.png is a copy of
 * it): the sample at 1280×800 with its findings. */
static void
test_window_metainfo_screenshot (void)
{
  WkWindow *window = wk_window_new (wk_gui_test_get_app ());

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wk_window_open_sample (window);
  wk_gui_test_wait_loaded (window);
  g_assert_nonnull (wk_window_get_plan (window));
  wk_sidebar_show_page (wk_window_get_sidebar (window), "findings");
  /* until the toast of the load has gone */
  wk_gui_test_iterate (6000);
  wk_gui_test_wait_frame (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 1200);
  wk_gui_test_save_screenshot (GTK_WIDGET (window), "main");
  close_window (window);
}

/* What a drop of the sample's files does: the units, the providers by
 * their names, the team areas, the boundary and the plan. */
static void
test_window_open_files (void)
{
  WkWindow *window = wk_gui_test_new_window ();
  static const char *names[] = {
    "gp.csv", "units.geojson", "pharmacy.csv", "plan.csv", "nursing.csv", "social.csv",
    "networks.geojson", "boundary.geojson",
  };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  WkDataset *dataset;
  guint counts[WK_N_PROVIDER_KINDS] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = wk_test_sample_path (names[i]);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  wk_window_open_files (window, (GFile **) files->pdata, files->len);
  g_assert_true (wk_window_get_loading (window));
  wk_gui_test_wait_loaded (window);
  dataset = wk_window_get_dataset (window);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (wk_dataset_get_n_units (dataset), ==, 46);
  for (guint i = 0; i < wk_dataset_get_n_providers (dataset); i++)
    counts[wk_dataset_get_provider (dataset, i)->kind]++;
  g_assert_cmpuint (counts[WK_PROVIDER_GP], ==, 19);
  g_assert_cmpuint (counts[WK_PROVIDER_PHARMACY], ==, 8);
  g_assert_cmpuint (counts[WK_PROVIDER_NURSING], ==, 8);
  g_assert_cmpuint (counts[WK_PROVIDER_SOCIAL], ==, 6);
  g_assert_true (wk_dataset_has_boundary (dataset));
  g_assert_cmpuint (wk_dataset_get_n_networks (dataset), >, 0);
  g_assert_cmpuint (wk_plan_get_n_areas (wk_window_get_plan (window)), ==, 6);
  g_assert_cmpstr (wk_plan_get_name (wk_window_get_plan (window)), ==, "plan");

  /* a plan alone goes into the data that is open */
  {
    g_autofree char *path = wk_test_sample_path ("plan.csv");
    g_autoptr(GFile) plan = g_file_new_for_path (path);

    wk_plan_assign (wk_window_get_plan (window), 0, WK_AREA_NONE, NULL);
    wk_window_open_files (window, &plan, 1);
    g_assert_false (wk_window_get_loading (window));
    g_assert_cmpuint (wk_plan_get_unit_area (wk_window_get_plan (window), 0), !=, WK_AREA_NONE);
  }
  close_window (window);
}

/* The open dialog reads the units on a worker and offers the detected
 * fields; its options load. */
static gboolean
dialog_ready (gpointer data)
{
  return wk_open_dialog_get_ready (data);
}

static void
test_window_open_dialog (void)
{
  WkWindow *window = wk_gui_test_new_window ();
  WkOpenDialog *dialog = wk_open_dialog_new (GTK_WINDOW (window));
  g_autofree char *units = wk_test_sample_path ("units.geojson");
  g_autoptr(WkLoadOptions) options = NULL;

  wk_gui_test_save_screenshot (GTK_WIDGET (window), "window-empty");
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_false (wk_open_dialog_get_ready (dialog));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.open", NULL) &&
                  wk_open_dialog_get_ready (dialog));
  wk_open_dialog_set_units (dialog, units);
  g_assert_true (wk_test_wait_until (dialog_ready, dialog, 10000));
  options = wk_open_dialog_dup_options (dialog);
  g_assert_cmpstr (options->units_path, ==, units);
  g_assert_cmpstr (options->role_fields[WK_ROLE_CODE], ==, "BU_CODE");
  g_assert_cmpstr (options->role_fields[WK_ROLE_POPULATION], ==, "AANT_INW");
  g_assert_cmpstr (options->role_fields[WK_ROLE_GM_CODE], ==, "GM_CODE");
  wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "open-dialog");

  wk_window_load (window, options, NULL);
  wk_gui_test_wait_loaded (window);
  g_assert_cmpuint (wk_dataset_get_n_units (wk_window_get_dataset (window)), ==, 46);
  g_assert_cmpint (wk_dataset_get_total_population (wk_window_get_dataset (window)), >, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

/* The map's gesture of @type that the tools use (the capture phase one). */
static gpointer
find_tool_gesture (GtkWidget *map,
                   GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (map);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return controller;
    }
  return NULL;
}

/* A brush stroke from one unit to another paints every unit on the way,
 * and is one undo step; the box takes what lies inside. */
static void
test_window_brush_stroke (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkMapView *view = wk_window_get_map_view (window);
  WkPlan *plan = wk_window_get_plan (window);
  GtkGestureDrag *drag = find_tool_gesture (GTK_WIDGET (wk_map_view_get_map (view)),
                                            GTK_TYPE_GESTURE_DRAG);
  GtkGestureClick *click = find_tool_gesture (GTK_WIDGET (wk_map_view_get_map (view)),
                                              GTK_TYPE_GESTURE_CLICK);
  g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (plan), 0);
  g_autofree char *markup = NULL;
  const WkUnit *first_unit;
  guint first = 0, last = 0, n_before;
  double x0, y0, x1, y1, best = 0;

  g_assert_nonnull (drag);
  /* the two units of other areas farthest apart on the screen */
  for (guint a = 0; a < 46; a++)
    for (guint b = 0; b < 46; b++)
      {
        double ax, ay, bx, by;

        if (wk_plan_get_unit_area (plan, a) == wk_area_get_id (area) ||
            wk_plan_get_unit_area (plan, b) == wk_area_get_id (area))
          continue;
        wk_map_view_get_unit_position (view, a, &ax, &ay);
        wk_map_view_get_unit_position (view, b, &bx, &by);
        if ((ax - bx) * (ax - bx) + (ay - by) * (ay - by) > best)
          {
            best = (ax - bx) * (ax - bx) + (ay - by) * (ay - by);
            first = a;
            last = b;
          }
      }
  wk_map_view_get_unit_position (view, first, &x0, &y0);
  wk_map_view_get_unit_position (view, last, &x1, &y1);

  /* the tooltip names the unit under the pointer */
  first_unit = wk_dataset_get_unit (wk_window_get_dataset (window), first);
  g_assert_cmpuint (wk_map_view_get_unit_at (view, x0, y0), ==, first);
  markup = wk_map_view_dup_unit_markup (view, first);
  g_assert_nonnull (strstr (markup, first_unit->code));
  g_assert_nonnull (strstr (markup, first_unit->name));
  g_assert_nonnull (strstr (markup, "inhabitant"));

  wk_window_set_active_area (window, wk_area_get_id (area));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "brush"));
  n_before = wk_area_get_n_units (area);
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  for (guint step = 1; step <= 10; step++)
    g_signal_emit_by_name (drag, "drag-update", (x1 - x0) * step / 10, (y1 - y0) * step / 10);
  g_signal_emit_by_name (drag, "drag-end", x1 - x0, y1 - y0);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, first), ==, wk_area_get_id (area));
  g_assert_cmpuint (wk_plan_get_unit_area (plan, last), ==, wk_area_get_id (area));
  g_assert_cmpuint (wk_area_get_n_units (area), >, n_before + 2);
  g_test_message ("a stroke across the map painted %u units", wk_area_get_n_units (area) - n_before);
  wk_gui_test_iterate (400);
  wk_gui_test_save_screenshot (GTK_WIDGET (window), "window-brush");

  /* one undo takes the whole stroke back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (wk_area_get_n_units (area), ==, n_before);
  g_assert_false (wk_plan_can_undo (plan));

  /* the box: a rectangle round the first unit's point takes it (the points
   * again: the map may have been laid out anew since the stroke) */
  wk_map_view_get_unit_position (view, first, &x0, &y0);
  wk_map_view_get_unit_position (view, last, &x1, &y1);
  g_assert_cmpuint (wk_map_view_get_unit_at (view, x0, y0), ==, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "box"));
  g_signal_emit_by_name (drag, "drag-begin", x0 - 3, y0 - 3);
  g_signal_emit_by_name (drag, "drag-update", 6.0, 6.0);
  g_signal_emit_by_name (drag, "drag-end", 6.0, 6.0);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, first), ==, wk_area_get_id (area));

  /* inspect: a click shows the unit's data and makes its area the active one */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "inspect"));
  wk_window_set_active_area (window, WK_AREA_NONE);
  g_signal_emit_by_name (click, "released", 1, x1, y1);
  g_assert_cmpuint (wk_window_get_active_area (window), ==, wk_plan_get_unit_area (plan, last));
  {
    g_autoptr(GPtrArray) popovers = wk_gui_test_find_widgets (GTK_WIDGET (view), GTK_TYPE_POPOVER);
    gboolean shown = FALSE;

    for (guint i = 0; i < popovers->len; i++)
      shown |= gtk_widget_get_visible (g_ptr_array_index (popovers, i));
    g_assert_true (shown);
  }
  wk_gui_test_iterate (300);
  wk_gui_test_save_screenshot (GTK_WIDGET (window), "window-inspect");
  close_window (window);
}

static void
test_window_shortcuts (void)
{
  WkWindow *window = wk_gui_test_new_window ();
  const char *accels[] = { "win.undo", "win.tool('brush')", "win.save", NULL };
  g_autoptr(GPtrArray) shortcuts = NULL;
  GtkWindow *help;

  /* the accelerators are in the application's table */
  for (guint i = 0; accels[i] != NULL; i++)
    {
      g_auto(GStrv) keys = gtk_application_get_accels_for_action (GTK_APPLICATION (wk_gui_test_get_app ()),
                                                                 accels[i]);

      g_assert_nonnull (keys[0]);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  help = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (help));
  shortcuts = wk_gui_test_find_widgets (GTK_WIDGET (help), GTK_TYPE_SHORTCUTS_SHORTCUT);
  g_assert_cmpuint (shortcuts->len, >=, 20);
  wk_gui_test_save_screenshot (GTK_WIDGET (help), "shortcuts");
  gtk_window_close (help);
  close_window (window);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* How long from a brush step (the win.paint action) to updated findings
 * and lists, on real CBS buurten.  A figure, not a pass/fail. */
static void
measure_paint_latency (const char *relative,
                       const char *label,
                       guint       n_areas)
{
  g_autofree char *path = wk_test_shared_data (relative);
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *findings, *areas;
  WkWindow *window;
  WkPlan *plan;
  WkChecker *checker;
  guint n_units, rounds = 200;
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
  findings = wk_sidebar_get_findings_model (wk_window_get_sidebar (window));
  n_units = wk_dataset_get_n_units (wk_window_get_dataset (window));

  for (guint i = 0; i < n_areas; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-area", NULL));
  areas = wk_plan_get_areas (plan);
  rand = g_rand_new_with_seed (4);
  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, g_rand_int_range (rand, 0, n_areas));
      guint unit = g_rand_int_range (rand, 0, n_units);
      gint64 start, checked;
      double ms;

      if (wk_plan_get_unit_area (plan, unit) == wk_area_get_id (area))
        continue;
      wk_window_set_active_area (window, wk_area_get_id (area));
      start = g_get_monotonic_time ();
      wk_gui_test_paint (window, &unit, 1);
      checked = g_get_monotonic_time ();
      /* the plan, the checker and the sidebar's list all have it */
      g_assert_cmpuint (wk_plan_get_unit_area (plan, unit), ==, wk_area_get_id (area));
      g_assert_cmpuint (g_list_model_get_n_items (findings), >=, wk_checker_get_n_findings (checker));
      ms = (checked - start) / 1000.0;
      g_array_append_val (times, ms);
      if (r % 10 == 0)
        {
          /* and until the map and the lists have drawn it */
          wk_gui_test_wait_paint (GTK_WIDGET (window));
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (frames, ms);
        }
    }
  g_rand_free (rand);
  g_array_sort (times, compare_doubles);
  g_array_sort (frames, compare_doubles);
  g_print ("# %s (%u buurten): assign action → updated findings: median %.2f ms, "
           "90th percentile %.2f ms over %u assigns; → next frame painted: median %.1f ms "
           "over %u\n",
           label, n_units, g_array_index (times, double, times->len / 2),
           g_array_index (times, double, times->len * 9 / 10), times->len,
           g_array_index (frames, double, frames->len / 2), frames->len);
  close_window (window);
}

static void
test_window_woerden_latency (void)
{
  measure_paint_latency ("cbs-buurten-2019/woerden_buurten_2019.geojson", "Woerden", 4);
}

static void
test_window_utrecht_latency (void)
{
  measure_paint_latency ("cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson",
                         "Province of Utrecht", 40);
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
  g_test_add_func ("/gui/window/export", test_window_export);
  g_test_add_func ("/gui/window/preferences", test_window_preferences);
  g_test_add_func ("/gui/window/open-files", test_window_open_files);
  g_test_add_func ("/gui/window/open-dialog", test_window_open_dialog);
  g_test_add_func ("/gui/window/brush-stroke", test_window_brush_stroke);
  g_test_add_func ("/gui/window/shortcuts", test_window_shortcuts);
  g_test_add_func ("/gui/window/screenshot", test_window_screenshot);
  g_test_add_func ("/gui/window/metainfo-screenshot", test_window_metainfo_screenshot);
  g_test_add_func ("/gui/window/woerden-latency", test_window_woerden_latency);
  g_test_add_func ("/gui/window/utrecht-latency", test_window_utrecht_latency);
  return wk_gui_test_run ();
}
