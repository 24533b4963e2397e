/* test-cli-project.c: wijkindeling-cli with project files: new, check, export, info, import, compare
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "wk-test-util.h"

/* The sample's files as arguments, in a NULL-terminated array after @first. */
static GPtrArray *
sample_args (const char *first,
             ...)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (a));
  va_end (ap);
  wk_test_add_sample_inputs (args);
  g_ptr_array_add (args, g_strdup ("--plan"));
  g_ptr_array_add (args, wk_test_sample_path ("plan.csv"));
  g_ptr_array_add (args, NULL);
  return args;
}

/* Runs the CLI with an argument vector. */
static int
run_argv (char      **out,
          char      **err,
          GPtrArray  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("WK_CLI"));
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (args, i));
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
new_sample_project (const char *name)
{
  g_autofree char *path = wk_test_temp_path (name);
  g_autoptr(GPtrArray) args = sample_args ("new", "-q", "-o", path, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_argv (&out, &err, args), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_steal_pointer (&path);
}

static void
test_help (void)
{
  const char *commands[] = { "new", "import", "compare" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (wk_test_run_cli (&out, &err, commands[i], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (out, commands[i]));
    }
}

/* check on a project gives what check on the source files gives. */
static void
test_check_project (void)
{
  g_autofree char *project = new_sample_project ("sample.wijk.gpkg");
  g_autoptr(GPtrArray) args = sample_args ("check", "-q", "--json", NULL);
  g_autoptr(JsonParser) pp = json_parser_new ();
  g_autoptr(JsonParser) ps = json_parser_new ();
  g_autofree char *out_p = NULL;
  g_autofree char *out_s = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  JsonObject *p, *s;
  const char *same[] = { "plan", "n_units", "total_population", "areas", "unassigned", "findings",
                         "summary" };
  int status_p, status_s;

  status_s = run_argv (&out_s, &err, args);
  g_clear_pointer (&err, g_free);
  status_p = wk_test_run_cli (&out_p, &err, "check", project, "--json", NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status_p, ==, status_s);
  g_assert_cmpint (status_p, ==, 1);          /* the sample plan has errors */
  p = wk_test_parse_object (out_p, pp);
  s = wk_test_parse_object (out_s, ps);
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    wk_test_assert_same_member (p, s, same[i]);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "findings")), >, 0);
  g_assert_cmpstr (json_object_get_string_member (p, "project"), ==, "sample.wijk.gpkg");
  g_assert_false (json_object_has_member (s, "project"));

  /* the text report too */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&text, &err, "check", project, NULL), ==, 1);
  g_assert_nonnull (strstr (text, "Westerlaan"));
}

static void
test_info_project (void)
{
  g_autofree char *project = new_sample_project ("info.wijk.gpkg");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root, *info;
  JsonArray *plans, *sources, *layers;
  gboolean units_rd = FALSE;

  g_assert_cmpint (wk_test_run_cli (&out, &err, "info", project, "--json", NULL), ==, 0);
  root = wk_test_parse_object (out, parser);
  info = json_object_get_object_member (root, "project");
  g_assert_nonnull (info);
  g_assert_cmpstr (json_object_get_string_member (info, "title"), ==, "info");
  g_assert_cmpint (json_object_get_int_member (info, "units"), ==, 46);
  g_assert_cmpstr (json_object_get_string_member (info, "active_plan"), ==, "plan");
  plans = json_object_get_array_member (info, "plans");
  g_assert_cmpuint (json_array_get_length (plans), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (plans, 0), "areas"), ==, 6);
  sources = json_object_get_array_member (info, "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, 8);
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *src = json_array_get_object_element (sources, i);

      g_assert_cmpuint (strlen (json_object_get_string_member (src, "sha256")), ==, 64);
    }
  layers = json_object_get_array_member (root, "layers");
  for (guint i = 0; i < json_array_get_length (layers); i++)
    {
      JsonObject *l = json_array_get_object_element (layers, i);

      if (g_str_equal (json_object_get_string_member (l, "name"), "units"))
        units_rd = g_strcmp0 (json_object_get_string_member (l, "crs"), "EPSG:28992") == 0;
    }
  g_assert_true (units_rd);
}

static gint64
area_population (JsonObject *check,
                 const char *name)
{
  JsonArray *areas = json_object_get_array_member (check, "areas");

  for (guint i = 0; i < json_array_get_length (areas); i++)
    {
      JsonObject *a = json_array_get_object_element (areas, i);

      if (g_str_equal (json_object_get_string_member (a, "name"), name))
        return json_object_get_int_member (a, "population");
    }
  g_assert_not_reached ();
}

/* export → import gives the same plan; a variant that merges Westerlaan
 * into Kerkhoven shows its moved units, populations and findings. */
static void
test_import_compare (void)
{
  g_autofree char *project = new_sample_project ("scenarios.wijk.gpkg");
  g_autofree char *geojson = wk_test_temp_path ("areas.geojson");
  g_autofree char *csv = wk_test_sample_path ("plan.csv");
  g_autofree char *plan_text = NULL;
  g_autofree char *variant = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) check_parser = json_parser_new ();
  g_autoptr(GString) merged = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  JsonObject *root, *findings, *check;
  JsonArray *moved, *areas;
  guint n_west = 0;

  g_assert_cmpint (wk_test_run_cli (&out, &err, "export", project, "--format", "geojson",
                                    "-o", geojson, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "import", project, geojson, "--name", "Uit export",
                                    NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Uit export"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "compare", project, "--plan", "plan", "--plan",
                                    "Uit export", "--json", NULL), ==, 0);
  root = wk_test_parse_object (out, parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "moved_units")), ==, 0);
  findings = json_object_get_object_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (findings, "appeared")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (findings, "disappeared")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (findings, "changed")), ==, 0);

  /* The variant, as a CSV. */
  g_assert_true (g_file_get_contents (csv, &plan_text, NULL, NULL));
  lines = g_strsplit (plan_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_suffix (lines[i], ",Westerlaan"))
      {
        g_string_append_printf (merged, "%.*s,Kerkhoven\n",
                                (int) (strlen (lines[i]) - strlen (",Westerlaan")), lines[i]);
        n_west++;
      }
    else if (*lines[i])
      g_string_append_printf (merged, "%s\n", lines[i]);
  g_assert_cmpuint (n_west, >, 0);
  variant = wk_test_write_file ("variant.csv", merged->str);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "import", project, variant, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "check", project, "--json", NULL), ==, 1);
  check = wk_test_parse_object (out, check_parser);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "compare", project, "--plan", "plan", "--plan",
                                    "variant", "--json", NULL), ==, 0);
  root = wk_test_parse_object (out, parser);
  moved = json_object_get_array_member (root, "moved_units");
  g_assert_cmpuint (json_array_get_length (moved), ==, n_west);
  for (guint i = 0; i < n_west; i++)
    {
      JsonObject *m = json_array_get_object_element (moved, i);

      g_assert_cmpstr (json_object_get_string_member (m, "from"), ==, "Westerlaan");
      g_assert_cmpstr (json_object_get_string_member (m, "to"), ==, "Kerkhoven");
    }
  areas = json_object_get_array_member (root, "areas");
  for (guint i = 0; i < json_array_get_length (areas); i++)
    {
      JsonObject *a = json_array_get_object_element (areas, i);
      const char *name = json_object_get_string_member (a, "name_a");

      if (g_strcmp0 (name, "Kerkhoven") == 0)
        g_assert_cmpint (json_object_get_int_member (a, "population_change"), ==,
                         area_population (check, "Westerlaan"));
      if (g_strcmp0 (name, "Westerlaan") == 0)
        g_assert_true (json_object_get_null_member (a, "name_b"));
    }
  findings = json_object_get_object_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (findings, "disappeared")), >, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "summary"),
                                               "moved_units"), ==, n_west);

  /* check --plan picks a scenario */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  wk_test_run_cli (&out, &err, "check", project, "--plan", "variant", "--json", NULL);
  check = wk_test_parse_object (out, check_parser);
  g_assert_cmpstr (json_object_get_string_member (check, "plan"), ==, "variant");
  areas = json_object_get_array_member (check, "areas");
  for (guint i = 0; i < json_array_get_length (areas); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (areas, i), "name"),
                     !=, "Westerlaan");
}

static void
assert_fails (const char *expect,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (a));
  va_end (ap);
  g_assert_cmpint (run_argv (&out, &err, args), ==, 2);
  g_test_message ("%s", err);
  g_assert_true (g_str_has_prefix (err, "wijkindeling-cli: "));
  g_assert_nonnull (strstr (err, expect));
}

static void
test_bad_input (void)
{
  g_autofree char *project = new_sample_project ("bad-input.wijk.gpkg");
  g_autofree char *broken = wk_test_temp_path ("broken.wijk.gpkg");
  g_autofree char *missing = wk_test_temp_path ("missing.wijk.gpkg");
  g_autofree char *units = wk_test_sample_path ("units.geojson");
  g_autofree char *data = NULL;
  gsize length = 0;

  assert_fails ("missing.wijk.gpkg", "check", missing, NULL);
  g_assert_true (g_file_get_contents (project, &data, &length, NULL));
  g_assert_true (g_file_set_contents (broken, data, length / 2, NULL));
  assert_fails ("broken.wijk.gpkg", "check", broken, "--json", NULL);
  assert_fails ("broken.wijk.gpkg", "info", broken, NULL);
  assert_fails ("broken.wijk.gpkg", "export", broken, "--format", "csv", "-o", missing, NULL);
  assert_fails ("units.geojson", "check", units, NULL);
  assert_fails ("--units", "check", project, "--units", units, NULL);
  assert_fails ("Nope", "check", project, "--plan", "Nope", NULL);
  assert_fails ("--plan A --plan B", "compare", project, "--plan", "plan", NULL);
  assert_fails ("Nope", "compare", project, "--plan", "plan", "--plan", "Nope", NULL);
  assert_fails ("-o", "new", "--units", units, NULL);
  assert_fails ("--force", "new", "--units", units, "-o", project, NULL);
  assert_fails (".wijk.gpkg", "new", "--units", units, "-o", "project.geojson", NULL);
  assert_fails ("missing.geojson", "import", project, "missing.geojson", NULL);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* The real Woerden buurten: a project checks like its source file. */
static void
test_woerden (void)
{
  g_autofree char *units = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  g_autofree char *project = wk_test_temp_path ("woerden.wijk.gpkg");
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkPlan) plan = NULL;
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) pp = json_parser_new ();
  g_autoptr(JsonParser) ps = json_parser_new ();
  g_autofree char *csv = NULL;
  g_autofree char *out_p = NULL;
  g_autofree char *out_s = NULL;
  g_autofree char *err = NULL;
  JsonObject *p, *s;

  if (units == NULL)
    return;
  options = wk_load_options_new (units);
  dataset = wk_test_load (options);
  plan = wk_plan_new (dataset);
  wk_test_plan_by_field (plan, units, "BU_CODE", "WK_CODE");
  csv = wk_test_temp_path ("woerden.csv");
  g_assert_true (wk_plan_export_csv (plan, csv, &error));
  g_assert_no_error (error);

  g_assert_cmpint (wk_test_run_cli (&out_p, &err, "new", "-q", "--units", units, "--plan", csv,
                                    "-o", project, NULL), ==, 0);
  g_clear_pointer (&out_p, g_free);
  g_clear_pointer (&err, g_free);
  wk_test_run_cli (&out_p, &err, "check", project, "--json", NULL);
  g_clear_pointer (&err, g_free);
  wk_test_run_cli (&out_s, &err, "check", "-q", "--units", units, "--plan", csv, "--json", NULL);
  p = wk_test_parse_object (out_p, pp);
  s = wk_test_parse_object (out_s, ps);
  wk_test_assert_same_member (p, s, "areas");
  wk_test_assert_same_member (p, s, "findings");
  wk_test_assert_same_member (p, s, "summary");
  g_assert_cmpint (json_object_get_int_member (p, "total_population"), ==, 52875);
}

/* repair on the sample's files: every error of the starting plan removed, the
 * JSON of check plus the moves, the CSV checked again; usage errors exit 2. */
static void
test_repair (void)
{
  g_autofree char *csv = wk_test_temp_path ("repaired.csv");
  g_autoptr(GPtrArray) args = sample_args ("repair", "-q", "--json", "--time-limit", "0",
                                          "-o", csv, NULL);
  g_autoptr(GPtrArray) bad = sample_args ("repair", "-q", "--time-limit", "-1", "-o", csv, NULL);
  g_autoptr(GPtrArray) no_out = sample_args ("repair", "-q", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root;
  JsonArray *moves;

  g_assert_cmpint (run_argv (&out, &err, args), ==, 0);
  root = wk_test_parse_object (out, parser);
  g_assert_cmpint (json_object_get_int_member (root, "errors_before"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (root, "errors_after"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "summary"),
                                               "errors"), ==, 0);
  g_assert_true (json_object_has_member (root, "proven_minimal"));
  g_assert_true (json_object_has_member (root, "seconds"));
  g_assert_true (json_object_has_member (root, "areas"));
  g_assert_true (json_object_has_member (root, "findings"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "unassigned")), ==, 0);
  moves = json_object_get_array_member (root, "moves");
  g_assert_cmpuint (json_array_get_length (moves), >=, 3);
  for (guint i = 0; i < json_array_get_length (moves); i++)
    {
      JsonObject *m = json_array_get_object_element (moves, i);
      g_assert_true (json_object_has_member (m, "unit"));
      g_assert_true (json_object_has_member (m, "from"));
      g_assert_nonnull (json_object_get_string_member (m, "to"));
    }

  /* the written plan passes check */
  {
    g_autoptr(GPtrArray) check = sample_args ("check", "-q", NULL);
    g_autofree char *cout = NULL;
    g_autofree char *cerr = NULL;

    /* after the sample's own --plan, which it overrides */
    g_ptr_array_remove_index (check, check->len - 1);
    g_ptr_array_add (check, g_strdup ("--plan"));
    g_ptr_array_add (check, g_strdup (csv));
    g_ptr_array_add (check, NULL);
    g_assert_cmpint (run_argv (&cout, &cerr, check), ==, 0);
  }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_argv (&out, &err, bad), ==, 2);
  g_assert_nonnull (strstr (err, "--time-limit"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_argv (&out, &err, no_out), ==, 2);
  g_assert_nonnull (strstr (err, "-o"));
}

/* repair in a project adds the repaired plan as a new plan and leaves the old one. */
static void
test_repair_project (void)
{
  g_autofree char *project = new_sample_project ("repair.wijk.gpkg");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (wk_test_run_cli (&out, &err, "repair", project, "--plan", "plan",
                                    "--name", "Hersteld", "--time-limit", "0", "-q", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "check", project, "--plan", "Hersteld", "-q",
                                    NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "check", project, "--plan", "plan", "-q",
                                    NULL), ==, 1);
}

/* A project from which a buurt was deleted (in QGIS): refused with the
 * buurt named, and opened without it on request, its plan keeping the
 * other units; an import saves it so, and it then opens as it is. */
static void
test_missing_unit (void)
{
  g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "data", "bad",
                                                   "project-missing-unit.wijk.gpkg", NULL);
  g_autofree char *path = wk_test_temp_path ("wk-missing-unit.wijk.gpkg");
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  gsize len;

  g_assert_true (g_file_get_contents (corpus, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "check", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "lacks 1 unit that its plans name: BU03450013"));
  g_assert_null (strstr (err, "damaged"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (wk_test_run_cli (&out, &err, "check", "--json", "--allow-missing-units",
                                    path, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "was opened without 1 unit that its plans name: BU03450013"));
  root = wk_test_parse_object (out, parser);
  g_assert_cmpint (json_object_get_int_member (root, "n_units"), ==, 15);
  g_assert_cmpint (json_object_get_int_member (root, "total_population"), ==, 15000);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "unassigned")),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* saved without it (repair adds a plan), it opens as it is */
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "repair", "-q", "--allow-missing-units", path,
                                    "--name", "Zonder", "--time-limit", "1", NULL), ==, 0);
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "check", path, NULL), ==, 0);
  g_assert_null (strstr (err, "BU03450013"));
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);

  g_test_add_func ("/cli/project/help", test_help);
  g_test_add_func ("/cli/project/check", test_check_project);
  g_test_add_func ("/cli/project/info", test_info_project);
  g_test_add_func ("/cli/project/import-compare", test_import_compare);
  g_test_add_func ("/cli/project/bad-input", test_bad_input);
  g_test_add_func ("/cli/project/woerden", test_woerden);
  g_test_add_func ("/cli/repair/sample", test_repair);
  g_test_add_func ("/cli/repair/project", test_repair_project);
  g_test_add_func ("/cli/project/missing-unit", test_missing_unit);
  return g_test_run ();
}
