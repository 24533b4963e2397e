/* test-bad-input.c: the bad-input corpus opened in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <string.h>

#include "wk-gui-test-util.h"

/* Every refused case of tests/data/bad/MANIFEST.ini is opened the way the
 * window opens files: units and project files as a drop (or Open Recent)
 * does, plans as Import Plan… does, providers, team areas and boundaries
 * next to the corpus's base units as the Open dialog does.  Each must show
 * an error that names the file and says what the manifest says, and leave
 * the plan being edited as it was.
 *
 * One difference from the CLI is deliberate: a plan with some codes the
 * units do not have is imported, as one step that Undo takes back, with a
 * note that lists the codes (the CLI refuses it: a check must not run on
 * half a plan).  And the window opens a *.wijk.gpkg as a project, with the
 * project's messages, where the manifest has those of the CLI, which reads
 * it as units: for these the test asks for the file's name only. */

static const char *imported_with_notes[] = { "plan-unknown-codes.csv", NULL };

typedef struct
{
  char *name;      /* the group: a path under tests/data/bad */
  char *role;
  char *message;   /* a fragment the error must hold */
} BadCase;

static void
bad_case_free (gpointer data)
{
  BadCase *c = data;

  g_free (c->name);
  g_free (c->role);
  g_free (c->message);
  g_free (c);
}

static char *
corpus_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "data", "bad", relative, NULL);
}

/* The cases the CLI refuses (exit 2) in a role the window opens; not those
 * the test writes at run time, nor profiles (the window edits its own). */
static GPtrArray *
load_cases (void)
{
  static const char *roles[] = { "units", "plan", "provider", "network", "boundary", "project" };
  g_autofree char *manifest = corpus_path ("MANIFEST.ini");
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (bad_case_free);

  g_key_file_load_from_file (kf, manifest, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *role = g_key_file_get_string (kf, groups[i], "role", NULL);
      g_autofree char *generate = g_key_file_get_string (kf, groups[i], "generate", NULL);
      BadCase *c;

      if (g_key_file_get_integer (kf, groups[i], "exit", NULL) != 2 || generate != NULL ||
          !g_strv_contains (roles, role))
        continue;
      c = g_new0 (BadCase, 1);
      c->name = g_strdup (groups[i]);
      c->role = g_steal_pointer (&role);
      c->message = g_key_file_get_string (kf, groups[i], "message", &error);
      g_assert_no_error (error);
      g_ptr_array_add (cases, c);
    }
  return cases;
}

static gboolean
has_dialog (gpointer data)
{
  return wk_gui_test_find_dialog (data) != NULL;
}

/* Opens @c through the window's path for its role. */
static void
open_case (WkWindow      *window,
           const BadCase *c,
           const char    *base_units)
{
  g_autofree char *path = corpus_path (c->name);

  if (g_str_equal (c->role, "units") || g_str_equal (c->role, "project"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      wk_window_open_files (window, &file, 1);
    }
  else if (g_str_equal (c->role, "plan"))
    g_assert_true (wk_window_import_plan (window, path) ==
                   g_strv_contains (imported_with_notes, c->name));
  else
    {
      g_autoptr(WkLoadOptions) options = wk_load_options_new (base_units);

      if (g_str_equal (c->role, "provider"))
        wk_load_options_add_provider (options, WK_PROVIDER_GP, path);
      else if (g_str_equal (c->role, "network"))
        wk_load_options_add_network (options, path);
      else
        options->boundary_path = g_strdup (path);
      wk_window_load (window, options, NULL);
    }
}

static void
test_bad_input (gconstpointer data)
{
  const GPtrArray *cases = data;
  g_autofree char *units = corpus_path ("base/units.geojson");
  g_autofree char *plan_csv = corpus_path ("base/plan.csv");
  g_autoptr(WkLoadOptions) options = wk_load_options_new (units);
  g_autofree char *before = NULL;
  g_autoptr(GHashTable) roles = g_hash_table_new (g_str_hash, g_str_equal);
  WkWindow *window = wk_gui_test_new_window ();
  WkPlan *plan;
  guint unit, n = 0;

  /* the corpus's own units and plan, with an edit that is not saved */
  wk_window_load (window, options, plan_csv);
  wk_gui_test_wait_loaded (window);
  plan = wk_window_get_plan (window);
  g_assert_nonnull (plan);
  g_assert_cmpuint (wk_plan_get_n_areas (plan), >=, 2);
  {
    g_autoptr(WkArea) second = g_list_model_get_item (wk_plan_get_areas (plan), 1);
    g_autoptr(WkArea) first = g_list_model_get_item (wk_plan_get_areas (plan), 0);

    unit = wk_plan_get_area_units (plan, wk_area_get_id (first), &n)[0];
    wk_window_set_active_area (window, wk_area_get_id (second));
    wk_gui_test_paint (window, &unit, 1);
    g_assert_cmpuint (wk_plan_get_unit_area (plan, unit), ==, wk_area_get_id (second));
  }
  g_assert_true (wk_plan_is_modified (plan));
  wk_gui_test_iterate (100);
  before = wk_gui_test_describe_plan (plan);

  for (guint i = 0; i < cases->len; i++)
    {
      const BadCase *c = g_ptr_array_index (cases, i);
      g_autofree char *file_name = g_path_get_basename (c->name);
      g_autofree char *after = NULL;
      AdwMessageDialog *dialog;
      const char *body;

      g_test_message ("%s (%s)", c->name, c->role);
      g_hash_table_add (roles, c->role);
      open_case (window, c, units);

      /* a load first asks about the unsaved edit; the user goes on */
      if (wk_window_get_loading (window) == FALSE && !g_str_equal (c->role, "plan"))
        {
          dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
          g_assert_nonnull (dialog);
          g_assert_null (strstr (adw_message_dialog_get_body (dialog), file_name));
          wk_gui_test_respond (dialog, "discard");
          g_assert_true (wk_window_get_loading (window));
        }
      wk_gui_test_wait_loaded (window);
      g_assert_true (wk_test_wait_until (has_dialog, window, 10000));

      dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
      body = adw_message_dialog_get_body (dialog);
      g_test_message ("  %s — %s", adw_message_dialog_get_heading (dialog), body);
      g_assert_true (g_utf8_validate (body, -1, NULL));
      g_assert_nonnull (strstr (body, file_name));
      if (g_strv_contains (imported_with_notes, c->name))
        {
          g_assert_nonnull (strstr (body, "do not occur"));
          wk_gui_test_respond (dialog, "close");
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
        }
      else
        {
          if (!g_str_equal (c->role, "project"))
            g_assert_nonnull (strstr (body, c->message));
          if (g_str_equal (c->name, "shp-no-dbf/units.shp"))
            wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "error-bad-input");
          wk_gui_test_respond (dialog, "close");
        }
      g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (window)));

      /* the same plan, as it was, still with its unsaved edit */
      g_assert_true (wk_window_get_plan (window) == plan);
      after = wk_gui_test_describe_plan (plan);
      g_assert_cmpstr (after, ==, before);
      g_assert_true (wk_plan_is_modified (plan));
      g_assert_false (wk_window_get_loading (window));
    }
  g_assert_cmpuint (cases->len, >=, 8);
  g_assert_cmpuint (g_hash_table_size (roles), >=, 5);
  g_test_message ("%u cases in %u roles refused, the plan kept", cases->len,
                  g_hash_table_size (roles));

  /* the window still works: the edit can be undone */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (wk_plan_is_modified (plan));
  wk_gui_test_close_window (window);
}

/* A project from which a buurt was deleted (in QGIS): the error names it
 * and offers to open the project without it; its plan keeps the other
 * units. */
static void
test_missing_unit (void)
{
  g_autofree char *path = corpus_path ("project-missing-unit.wijk.gpkg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WkWindow *window = wk_gui_test_new_window ();
  AdwMessageDialog *dialog;
  WkDataset *dataset;

  wk_window_open_files (window, &file, 1);
  wk_gui_test_wait_loaded (window);
  g_assert_true (wk_test_wait_until (has_dialog, window, 10000));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "BU03450013"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open-without"));
  wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "error-missing-unit");
  wk_gui_test_respond (dialog, "open-without");
  g_assert_true (wk_window_get_loading (window));
  wk_gui_test_wait_loaded (window);
  dataset = wk_window_get_dataset (window);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (wk_dataset_get_n_units (dataset), ==, 15);
  g_assert_cmpint (wk_dataset_lookup_code (dataset, "BU03450013"), ==, WK_UNIT_NONE);
  g_assert_cmpuint (wk_plan_get_n_areas (wk_window_get_plan (window)), ==, 2);
  wk_gui_test_close_window (window);
}

/* A plan whose area names differ only in upper and lower case (“Oost” and
 * “oost”), and in spaces (“West”, “West ” with a no-break space, “ West  ”):
 * Import Plan… keeps the two spellings of Oost apart, reads the three of West
 * as one area, and the notes that open say which names differ only in case
 * and on which line, naming the file. */
static void
test_case_only_names (void)
{
  g_autofree char *units = corpus_path ("base/units.geojson");
  g_autofree char *plan_csv = corpus_path ("base/plan.csv");
  g_autofree char *path = corpus_path ("plan-area-names-space-case.csv");
  g_autoptr(WkLoadOptions) options = wk_load_options_new (units);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  WkWindow *window = wk_gui_test_new_window ();
  AdwMessageDialog *dialog;
  GListModel *areas;
  const char *body;

  wk_window_load (window, options, plan_csv);
  wk_gui_test_wait_loaded (window);
  g_assert_true (wk_window_import_plan (window, path));
  g_assert_true (wk_test_wait_until (has_dialog, window, 10000));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s — %s", adw_message_dialog_get_heading (dialog), body);
  g_assert_nonnull (strstr (body, "“plan-area-names-space-case.csv”, line 17: the areas "
                                  "“Oost” and “oost” differ only in upper and lower case"));
  /* the spaces around and after West are no note: they are one area */
  g_assert_null (strstr (body, "“West"));
  wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "notes-case-only-names");
  wk_gui_test_respond (dialog, "close");

  areas = wk_plan_get_areas (wk_window_get_plan (window));
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);

      g_hash_table_add (names, g_strdup (wk_area_get_name (area)));
    }
  g_assert_cmpuint (g_hash_table_size (names), ==, 3);
  g_assert_true (g_hash_table_contains (names, "West"));
  g_assert_true (g_hash_table_contains (names, "Oost"));
  g_assert_true (g_hash_table_contains (names, "oost"));
  wk_gui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = NULL;

  if (!wk_gui_test_init (&argc, &argv))
    return 77;

  cases = load_cases ();
  g_test_add_data_func ("/gui/bad-input/corpus", cases, test_bad_input);
  g_test_add_func ("/gui/bad-input/missing-unit", test_missing_unit);
  g_test_add_func ("/gui/bad-input/case-only-names", test_case_only_names);
  return wk_gui_test_run ();
}
