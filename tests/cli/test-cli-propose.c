/* test-cli-propose.c: wijkindeling-cli propose — exit codes, limits, projects, determinism
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "wk-test-util.h"

/* Runs the CLI with the sample's units and providers after @first…; the
 * output (stdout) in @out. */
static int
run_on_sample (char       **out,
               const char  *first,
               ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *err = NULL;
  va_list ap;
  int status;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (a));
  va_end (ap);
  wk_test_add_sample_inputs (args);
  g_ptr_array_add (args, NULL);
  status = wk_test_run_cli_argv (out, &err, (const char *const *) args->pdata);
  g_test_message ("exit %d; stderr: %s", status, err);
  return status;
}

static guint
count_errors (JsonObject *result)
{
  JsonArray *findings = json_object_get_array_member (result, "findings");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      n += g_str_equal (json_object_get_string_member (f, "severity"), "error");
    }
  return n;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The elements of @result's array @member as text, made of their @keys
 * only, sorted: areas and findings without the area ids, which differ
 * between a plan made in memory and one read back. */
static char *
describe (JsonObject         *result,
          const char         *member,
          const char * const *keys)
{
  JsonArray *array = json_object_get_array_member (result, member);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autofree char *value = json_to_string (json_object_get_member (o, keys[k]), FALSE);

          g_string_append_printf (line, "%s=%s ", keys[k], value);
        }
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* The same areas (names, populations, units) and findings, whatever ids. */
static void
assert_same_plan (JsonObject *a,
                  JsonObject *b)
{
  const char *area_keys[] = { "name", "population", "units", "contiguous", "errors", "warnings",
                              NULL };
  const char *finding_keys[] = { "criterion", "severity", "units", "message", NULL };
  g_autofree char *areas_a = describe (a, "areas", area_keys);
  g_autofree char *areas_b = describe (b, "areas", area_keys);
  g_autofree char *findings_a = describe (a, "findings", finding_keys);
  g_autofree char *findings_b = describe (b, "findings", finding_keys);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "areas")), >, 0);
  g_assert_cmpstr (areas_a, ==, areas_b);
  g_assert_cmpstr (findings_a, ==, findings_b);
  wk_test_assert_same_member (a, b, "unassigned");
}

/* Whether one of @result's limits is about @criterion and names @name. */
static gboolean
has_limit (JsonObject *result,
           const char *criterion,
           const char *name)
{
  JsonArray *limits = json_object_get_array_member (result, "limits");

  for (guint i = 0; i < json_array_get_length (limits); i++)
    {
      JsonObject *l = json_array_get_object_element (limits, i);
      const char *message = json_object_get_string_member (l, "message");

      g_test_message ("limit %s: %s", json_object_get_string_member (l, "criterion"), message);
      if (g_str_equal (json_object_get_string_member (l, "criterion"), criterion) &&
          strstr (message, name) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A made-up gemeente of 3,000 inhabitants beside one of 9,000: no area of
 * GM0002 can reach the floor of 5,000, so propose exits 1 and a limit names
 * it; the other gemeente is divided without error.  A profile whose floor
 * lies above the sample's whole population does the same for Dijkveen. */
static void
test_infeasible (void)
{
  const char *gms[12];
  g_autofree char *text = NULL;
  g_autofree char *units = NULL;
  g_autofree char *plan = wk_test_temp_path ("infeasible.csv");
  g_autofree char *profile = wk_test_write_file ("floor.ini",
                                                 "[population]\nmin=200000\nmax=300000\n");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) sample_parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *sample_out = NULL;
  JsonObject *result;
  JsonArray *findings;
  gboolean gm2_error = FALSE;

  for (guint i = 0; i < 12; i++)
    gms[i] = i % 4 == 3 ? "GM0002" : "GM0001";
  text = wk_test_grid_geojson (4, 3, 100.0, NULL, gms);
  units = wk_test_write_file ("two-gemeenten.geojson", text);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "propose", "--units", units, "--max-areas",
                                    "-o", plan, "--json", NULL), ==, 1);
  result = wk_test_parse_object (out, parser);
  g_assert_true (has_limit (result, "population", "GM0002"));
  g_assert_false (has_limit (result, "population", "GM0001"));
  g_assert_true (json_object_has_member (result, "seconds"));
  g_assert_cmpint (json_object_get_int_member (result, "seed"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "areas")), ==, 2);
  /* the one error is GM0002's area under the floor */
  g_assert_cmpuint (count_errors (result), ==, 1);
  findings = json_object_get_array_member (result, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (f, "severity"), "error"))
        gm2_error = g_str_equal (json_object_get_string_member (f, "criterion"), "population");
    }
  g_assert_true (gm2_error);
  g_assert_true (g_file_test (plan, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (run_on_sample (&sample_out, "propose", "-q", "--profile", profile, "-o", plan,
                                  "--json", NULL), ==, 1);
  result = wk_test_parse_object (sample_out, sample_parser);
  g_assert_true (has_limit (result, "population", "Dijkveen"));
}

/* Usage errors: exit 2 and a message that names the option or file. */
static void
test_usage (void)
{
  g_autofree char *units = wk_test_sample_path ("units.geojson");
  g_autofree char *out = wk_test_temp_path ("usage.csv");
  g_autofree char *other = wk_test_write_file ("other-units.csv",
                                               "unit_code,area\nGM0001BU0001,A\nXX999,B\n");

  wk_test_assert_cli_fails ("--areas", "propose", "--units", units, "--areas", "0", "-o", out,
                            NULL);
  wk_test_assert_cli_fails ("--areas", "propose", "--units", units, "--areas", "-4", "-o", out,
                            NULL);
  wk_test_assert_cli_fails ("--time-limit", "propose", "--units", units, "--time-limit", "-1",
                            "-o", out, NULL);
  wk_test_assert_cli_fails ("other-units.csv", "propose", "--units", units, "--keep", other,
                            "-o", out, NULL);
  wk_test_assert_cli_fails ("-o", "propose", "--units", units, NULL);
  wk_test_assert_cli_fails ("--units", "propose", "-o", out, NULL);
  wk_test_assert_cli_fails ("--frobnicate", "propose", "--units", units, "--frobnicate", "-o",
                            out, NULL);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Bad input as check has it: exit 2, the file named, no output written. */
static void
test_bad_input (void)
{
  g_autofree char *units = wk_test_sample_path ("units.geojson");
  g_autofree char *out = wk_test_temp_path ("bad.csv");
  g_autofree char *notes = wk_test_write_file ("notes.txt", "Dit is geen kaart.\n");
  g_autofree char *profile = wk_test_write_file ("bad-profile.ini", "[population]\nmin=veel\n");
  g_autofree char *project = wk_test_write_file ("garbage.wijk.gpkg",
                                                 "SQLite format 3\0 but not really");
  g_autofree char *keep = wk_test_write_file ("keep-garbage.csv", "this,is\nnot,a plan\n");

  wk_test_assert_cli_fails ("missing.geojson", "propose", "--units",
                            "/tmp/nowhere/missing.geojson", "-o", out, NULL);
  wk_test_assert_cli_fails ("notes.txt", "propose", "--units", notes, "-o", out, NULL);
  wk_test_assert_cli_fails ("bad-profile.ini", "propose", "--units", units, "--profile", profile,
                            "-o", out, NULL);
  wk_test_assert_cli_fails ("garbage.wijk.gpkg", "propose", project, "--name", "Voorstel", NULL);
  wk_test_assert_cli_fails ("keep-garbage.csv", "propose", "--units", units, "--keep", keep,
                            "-o", out, NULL);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* The same seed and input give the same CSV, byte for byte, and the same
 * JSON; check on the written CSV confirms the proposal's findings and exit
 * status. */
static void
test_deterministic (void)
{
  g_autofree char *a = wk_test_temp_path ("seed-a.csv");
  g_autofree char *b = wk_test_temp_path ("seed-b.csv");
  g_autoptr(JsonParser) pa = json_parser_new ();
  g_autoptr(JsonParser) pb = json_parser_new ();
  g_autoptr(JsonParser) pc = json_parser_new ();
  g_autofree char *out_a = NULL;
  g_autofree char *out_b = NULL;
  g_autofree char *out_c = NULL;
  g_autofree char *csv_a = NULL;
  g_autofree char *csv_b = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *ra, *rb, *rc;
  const char *same[] = { "areas", "unassigned", "findings" };
  int status_a, status_c;

  status_a = run_on_sample (&out_a, "propose", "-q", "--seed", "7", "--areas", "5", "-o", a,
                            "--json", NULL);
  g_assert_cmpint (run_on_sample (&out_b, "propose", "-q", "--seed", "7", "--areas", "5", "-o", b,
                                  "--json", NULL), ==, status_a);
  g_file_get_contents (a, &csv_a, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (b, &csv_b, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv_a, "unit_code,area"));
  g_assert_cmpstr (csv_a, ==, csv_b);
  ra = wk_test_parse_object (out_a, pa);
  rb = wk_test_parse_object (out_b, pb);
  g_assert_cmpint (json_object_get_int_member (ra, "seed"), ==, 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ra, "areas")), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    wk_test_assert_same_member (ra, rb, same[i]);

  status_c = run_on_sample (&out_c, "check", "-q", "--plan", a, "--json", NULL);
  g_assert_cmpint (status_c, ==, status_a);
  rc = wk_test_parse_object (out_c, pc);
  g_assert_cmpuint (count_errors (rc), ==, count_errors (ra));
  assert_same_plan (ra, rc);
}

static char *
new_sample_project (const char *name)
{
  g_autofree char *path = wk_test_temp_path (name);
  g_autofree char *plan = wk_test_sample_path ("plan.csv");
  g_autofree char *out = NULL;

  g_assert_cmpint (run_on_sample (&out, "new", "-q", "-o", path, "--plan", plan, NULL), ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_steal_pointer (&path);
}

static guint
n_project_plans (const char *project,
                 gboolean    with_name,
                 const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonArray *plans;
  guint found = 0;

  g_assert_cmpint (wk_test_run_cli (&out, &err, "info", project, "--json", NULL), ==, 0);
  plans = json_object_get_array_member (
    json_object_get_object_member (wk_test_parse_object (out, parser), "project"), "plans");
  for (guint i = 0; i < json_array_get_length (plans); i++)
    {
      JsonObject *p = json_array_get_object_element (plans, i);

      found += !with_name || g_str_equal (json_object_get_string_member (p, "name"), name);
    }
  return found;
}

/* propose PROJECT --name NAME adds the proposal as a plan: check on the
 * project with --plan NAME gives the proposal's areas and findings; a name
 * the project has is refused (exit 2) and the project stays as it was. */
static void
test_project (void)
{
  g_autofree char *project = new_sample_project ("propose.wijk.gpkg");
  g_autoptr(JsonParser) pp = json_parser_new ();
  g_autoptr(JsonParser) pc = json_parser_new ();
  g_autofree char *out_p = NULL;
  g_autofree char *out_c = NULL;
  g_autofree char *err = NULL;
  JsonObject *proposed, *checked;
  int status;

  g_assert_cmpuint (n_project_plans (project, FALSE, NULL), ==, 1);
  status = wk_test_run_cli (&out_p, &err, "propose", project, "--name", "Voorstel", "--seed", "3",
                            "--json", NULL);
  g_test_message ("%s", err);
  g_assert_cmpint (status, >=, 0);
  g_assert_cmpint (status, <=, 1);
  proposed = wk_test_parse_object (out_p, pp);
  g_assert_cmpuint (n_project_plans (project, FALSE, NULL), ==, 2);
  g_assert_cmpuint (n_project_plans (project, TRUE, "Voorstel"), ==, 1);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&out_c, &err, "check", project, "--plan", "Voorstel", "--json",
                                    NULL), ==, status);
  checked = wk_test_parse_object (out_c, pc);
  assert_same_plan (proposed, checked);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (checked, "unassigned")),
                    ==, 0);

  wk_test_assert_cli_fails ("Voorstel", "propose", project, "--name", "Voorstel", NULL);
  g_assert_cmpuint (n_project_plans (project, FALSE, NULL), ==, 2);
  wk_test_assert_cli_fails ("--name", "propose", project, NULL);
}

int
main (int   argc,
      char *argv[])
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/cli/propose/infeasible", test_infeasible);
  g_test_add_func ("/cli/propose/usage", test_usage);
  g_test_add_func ("/cli/propose/bad-input", test_bad_input);
  g_test_add_func ("/cli/propose/deterministic", test_deterministic);
  g_test_add_func ("/cli/propose/project", test_project);
  return g_test_run ();
}
