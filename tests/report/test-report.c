/* test-report.c: the review report (PDF), through the CLI and the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "report-test-util.h"
#include "wk-report.h"

#define MARGIN 48.0

/* A path in this test's own folder (G_TEST_OPTION_ISOLATE_DIRS). */
static char *
tmp_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "report", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

/* The pages of a PDF's text (pdftotext ends each with a form feed), each
 * with its white space normalised. */
static GStrv
split_pages (const char *text)
{
  g_auto(GStrv) raw = g_strsplit (text, "\f", -1);
  GStrv pages = g_new0 (char *, g_strv_length (raw) + 1);

  for (guint p = 0; raw[p] != NULL; p++)
    pages[p] = report_test_normalise (raw[p]);
  return pages;
}

/* The page (from 1) that holds @needle, or 0. */
static guint
page_with (char      **pages,
           const char *needle)
{
  for (guint p = 0; pages[p] != NULL; p++)
    if (strstr (pages[p], needle) != NULL)
      return p + 1;
  return 0;
}

/* What the acceptance asks: every area's name, with its population as
 * `check --json` gives it on the area's own page, and every finding's
 * areas and message. */
static void
assert_report_matches_check (const char *pdf,
                             const char *json_text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = report_test_pdf_text (pdf, 0, 0);
  g_autofree char *all = report_test_normalise (text);
  g_auto(GStrv) pages = split_pages (text);
  JsonObject *root;
  JsonArray *areas, *findings, *unassigned;
  guint n_pages = report_test_pdf_pages (pdf);

  g_assert_cmpuint (n_pages, >=, 5);
  g_assert_cmpuint (g_strv_length (pages), >=, n_pages);
  json_parser_load_from_data (parser, json_text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  areas = json_object_get_array_member (root, "areas");
  findings = json_object_get_array_member (root, "findings");
  unassigned = json_object_get_array_member (root, "unassigned");

  g_assert_cmpuint (json_array_get_length (areas), >, 0);
  for (guint i = 0; i < json_array_get_length (areas); i++)
    {
      JsonObject *a = json_array_get_object_element (areas, i);
      const char *name = json_object_get_string_member (a, "name");
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, name);
      g_autofree char *population = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                     json_object_get_int_member (a, "population"));
      guint page = page_with (pages, heading);

      g_test_message ("area “%s”: page %u, population %s", name, page, population);
      g_assert_cmpuint (page, >, 0);
      g_assert_true (report_test_has_token (pages[page - 1], population));
      /* and in the summary table too */
      g_assert_cmpuint (page_with (pages, name), <, page);
    }
  g_assert_cmpuint (json_array_get_length (findings), >, 0);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      JsonArray *names = json_object_get_array_member (f, "area_names");
      const char *raw = json_object_get_string_member (f, "message");
      g_autofree char *message = report_test_normalise (raw);

      for (guint k = 0; k < json_array_get_length (names); k++)
        g_assert_nonnull (strstr (all, json_array_get_string_element (names, k)));
      if (strstr (all, message) == NULL)
        g_error ("finding not in the report: %s", message);
    }
  for (guint i = 0; i < json_array_get_length (unassigned); i++)
    g_assert_true (report_test_has_token (all, json_array_get_string_element (unassigned, i)));
}

static void
save_page (const char *pdf,
           guint       page,
           const char *name)
{
  g_autofree char *dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "report", NULL);
  g_autofree char *prefix = g_build_filename (dir, name, NULL);
  g_autofree char *p = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftoppm", "-png", "-r", "100", "-singlefile", "-f", p, "-l", p,
                         pdf, prefix, NULL };
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_mkdir_with_parents (dir, 0755);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_test_message ("page %u kept as %s", page, png);
}

/* The sample's files, as options of check and report. */
static GPtrArray *
sample_args (const char *command,
             ...)
{
  static const char *files[][2] = {
    { "--units", "units.geojson" }, { "--plan", "plan.csv" }, { "--gp", "gp.csv" },
    { "--pharmacy", "pharmacy.csv" }, { "--nursing", "nursing.csv" }, { "--social", "social.csv" },
    { "--networks", "networks.geojson" }, { "--boundary", "boundary.geojson" },
  };
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  va_list ap;

  g_ptr_array_add (args, g_strdup (command));
  g_ptr_array_add (args, g_strdup ("-q"));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_ptr_array_add (args, g_strdup (files[i][0]));
      g_ptr_array_add (args, wk_test_sample_path (files[i][1]));
    }
  va_start (ap, command);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (a));
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return args;
}

static void
test_sample (void)
{
  g_autofree char *pdf = tmp_path ("sample.pdf");
  g_autoptr(GPtrArray) report_args = sample_args ("report", "--title", "Wijkindeling Dijkveen",
                                                  "-o", pdf, NULL);
  g_autoptr(GPtrArray) check_args = sample_args ("check", "--json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;
  g_autofree char *overlap = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *cover = NULL;

  if (!report_test_have_poppler ())
    return;
  g_assert_cmpint (wk_test_run_cli_argv (&out, &err, (const char *const *) report_args->pdata),
                   ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli_argv (&json, &err, (const char *const *) check_args->pdata),
                   ==, 1);
  assert_report_matches_check (pdf, json);

  /* the title page: title, municipality, the verdict and every source */
  cover = report_test_pdf_text (pdf, 1, 1);
  {
    g_autofree char *norm = report_test_normalise (cover);
    const char *expected[] = { "Wijkindeling Dijkveen", "Dijkveen", "6 areas, 5 errors, 1 warning",
                               "units.geojson", "gp.csv", "pharmacy.csv", "nursing.csv",
                               "social.csv", "networks.geojson", "boundary.geojson", "plan.csv" };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      if (strstr (norm, expected[i]) == NULL)
        g_error ("“%s” is not on the title page:\n%s", expected[i], norm);
  }

  /* the overview map's labels do not overlap; no text runs into the margins */
  overlap = report_test_find_overlap (pdf, 2);
  g_assert_null (overlap);
  outside = report_test_find_outside (pdf, MARGIN);
  g_assert_null (outside);

  save_page (pdf, 2, "sample-overview");
  save_page (pdf, 4, "sample-area");
}

static void
test_woerden (void)
{
  g_autofree char *units = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  g_autoptr(GString) csv = g_string_new ("unit_code,area\n");
  g_autofree char *plan = NULL;
  g_autofree char *pdf = tmp_path ("woerden.pdf");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;
  g_autofree char *overlap = NULL;
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) dataset = NULL;

  if (units == NULL || !report_test_have_poppler ())
    return;
  /* one area per CBS wijk, named after it: BU06320101 lies in WK063201 */
  options = wk_load_options_new (units);
  dataset = wk_test_load (options);
  for (guint u = 0; u < wk_dataset_get_n_units (dataset); u++)
    {
      const char *code = wk_dataset_get_unit (dataset, u)->code;

      g_assert_cmpuint (strlen (code), ==, 10);
      g_string_append_printf (csv, "%s,Woerden wijk %.2s\n", code, code + 6);
    }
  plan = wk_test_write_file ("report-woerden.csv", csv->str);

  g_assert_cmpint (wk_test_run_cli (&out, &err, "report", "--units", units, "--plan", plan,
                                    "-o", pdf, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Wrote “"));
  g_assert_nonnull (strstr (out, "woerden.pdf"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&json, &err, "check", "-q", "--units", units, "--plan", plan,
                                    "--json", NULL), ==, 1);
  assert_report_matches_check (pdf, json);
  overlap = report_test_find_overlap (pdf, 2);
  g_assert_null (overlap);
}

static gint64
population_of (const char *json_text,
               const char *area)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *areas;

  g_assert_true (json_parser_load_from_data (parser, json_text, -1, NULL));
  areas = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "areas");
  for (guint i = 0; i < json_array_get_length (areas); i++)
    {
      JsonObject *a = json_array_get_object_element (areas, i);

      if (g_str_equal (json_object_get_string_member (a, "name"), area))
        return json_object_get_int_member (a, "population");
    }
  g_assert_not_reached ();
}

/* --compare: the moved buurt, the population change and the finding that
 * disappears */
static void
test_compare (void)
{
  g_autofree char *units = wk_test_sample_path ("units.geojson");
  g_autofree char *plan = wk_test_sample_path ("plan.csv");
  g_autofree char *contents = NULL;
  g_autofree char *fixed = NULL;
  g_autofree char *pdf = tmp_path ("compare.pdf");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *norm = NULL;
  g_autofree char *delta = NULL;
  g_autoptr(GError) error = NULL;
  char *row;

  if (!report_test_have_poppler ())
    return;
  /* give Westerlaan back the buurt that made Dijkveen-Zuidwest fall apart */
  g_file_get_contents (plan, &contents, NULL, &error);
  g_assert_no_error (error);
  row = strstr (contents, "BU99010606,Dijkveen-Zuidwest");
  g_assert_nonnull (row);
  {
    g_autoptr(GString) s = g_string_new_len (contents, row - contents);

    g_string_append (s, "BU99010606,Westerlaan");
    g_string_append (s, row + strlen ("BU99010606,Dijkveen-Zuidwest"));
    fixed = wk_test_write_file ("report-fixed.csv", s->str);
  }

  g_assert_cmpint (wk_test_run_cli (&out, &err, "report", "-q", "--units", units, "--plan", fixed,
                                    "--compare", plan, "-o", pdf, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  wk_test_run_cli (&before, &err, "check", "-q", "--units", units, "--plan", plan, "--json", NULL);
  g_clear_pointer (&err, g_free);
  wk_test_run_cli (&after, &err, "check", "-q", "--units", units, "--plan", fixed, "--json", NULL);
  delta = g_strdup_printf ("%+" G_GINT64_FORMAT, population_of (after, "Westerlaan") -
                                                 population_of (before, "Westerlaan"));
  g_assert_cmpstr (delta, !=, "+0");

  text = report_test_pdf_text (pdf, 0, 0);
  norm = report_test_normalise (text);
  g_assert_nonnull (strstr (norm, "Changes against “plan.csv”"));
  g_assert_true (report_test_has_token (norm, "BU99010606"));
  g_assert_true (report_test_has_token (norm, delta));
  /* the contiguity error of the old plan is gone */
  g_assert_nonnull (strstr (norm, "Gone: ✕ “Dijkveen-Zuidwest” falls apart"));
}

static void
test_bad_input (void)
{
  g_autofree char *text = wk_test_grid_geojson (2, 1, 100, NULL, NULL);
  g_autofree char *units = wk_test_write_file ("report-units.geojson", text);
  g_autofree char *plan = wk_test_write_file ("report-plan.csv", "unit_code,area\nU0,A\nU1,A\n");
  g_autofree char *unknown = wk_test_write_file ("report-unknown.csv",
                                                 "unit_code,area\nU0,A\nBU99,A\n");
  g_autofree char *other = wk_test_write_file ("report-other.csv",
                                               "unit_code,area\nU0,A\nBU77,B\n");
  g_autofree char *profile = wk_test_write_file ("report-bad.ini", "[population]\nmin=veel\n");
  g_autofree char *pdf = tmp_path ("bad.pdf");
  g_autofree char *kept = tmp_path ("kept.pdf");
  g_autofree char *contents = NULL;

  wk_test_assert_cli_fails ("missing.geojson", "report", "--units", "/tmp/nowhere/missing.geojson",
                            "--plan", plan, "-o", pdf, NULL);
  wk_test_assert_cli_fails ("BU99", "report", "--units", units, "--plan", unknown, "-o", pdf, NULL);
  wk_test_assert_cli_fails ("nope.csv", "report", "--units", units, "--plan", "/tmp/nope.csv",
                            "-o", pdf, NULL);
  wk_test_assert_cli_fails ("nope.csv", "report", "--units", units, "--plan", plan,
                            "--compare", "/tmp/nope.csv", "-o", pdf, NULL);
  wk_test_assert_cli_fails ("report-other.csv", "report", "--units", units, "--plan", plan,
                            "--compare", other, "-o", pdf, NULL);
  wk_test_assert_cli_fails ("report-bad.ini", "report", "--units", units, "--plan", plan,
                            "--profile", profile, "-o", pdf, NULL);
  wk_test_assert_cli_fails ("-o", "report", "--units", units, "--plan", plan, NULL);
  wk_test_assert_cli_fails ("--units", "report", "--plan", plan, "-o", pdf, NULL);
  wk_test_assert_cli_fails ("--plan", "report", "--units", units, "-o", pdf, NULL);
  wk_test_assert_cli_fails ("--frobnicate", "report", "--frobnicate", NULL);
  wk_test_assert_cli_fails ("report.pdf", "report", "--units", units, "--plan", plan,
                            "-o", "/tmp/nowhere/at/all/report.pdf", NULL);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* a failed report leaves an existing file as it was */
  g_file_set_contents (kept, "old", -1, NULL);
  wk_test_assert_cli_fails ("BU99", "report", "--units", units, "--plan", unknown, "-o", kept,
                            NULL);
  g_file_get_contents (kept, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "old");
}

typedef struct
{
  GAsyncResult *result;
} AsyncData;

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncData *data = user_data;

  data->result = g_object_ref (result);
}

static gboolean
has_result (gpointer user_data)
{
  return ((AsyncData *) user_data)->result != NULL;
}

/* The library on a worker thread: a snapshot, progress, cancellation. */
static void
test_async (void)
{
  g_autoptr(WkDataset) dataset = wk_test_sample_dataset ();
  g_autoptr(WkPlan) plan = wk_plan_new (dataset);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(WkReport) report = NULL;
  g_autoptr(WkProgress) progress = wk_progress_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = wk_test_sample_path ("plan.csv");
  g_autofree char *pdf = tmp_path ("async.pdf");
  g_autofree char *kept = tmp_path ("async-kept.pdf");
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  AsyncData data = { NULL };

  if (!report_test_have_poppler ())
    return;
  wk_plan_import_csv (plan, path, NULL, &error);
  g_assert_no_error (error);
  checker = wk_checker_new (plan, profile);
  report = wk_report_new (checker);
  wk_report_set_title (report, "Snapshot");
  /* edits after the snapshot do not reach the report */
  wk_plan_rename_area (plan, wk_area_get_id (wk_plan_find_area (plan, "Westerlaan")),
                       "Hernoemd", &error);
  g_assert_no_error (error);

  wk_report_write_async (report, pdf, progress, NULL, on_written_cb, &data);
  g_assert_true (wk_test_wait_until (has_result, &data, 60000));
  g_assert_true (wk_report_write_finish (report, data.result, &error));
  g_assert_no_error (error);
  g_clear_object (&data.result);
  g_assert_cmpfloat (wk_progress_get_fraction (progress), ==, 1.0);
  g_assert_cmpuint (wk_report_get_n_pages (report), ==, report_test_pdf_pages (pdf));
  text = report_test_pdf_text (pdf, 0, 0);
  g_assert_nonnull (strstr (text, "Westerlaan"));
  g_assert_null (strstr (text, "Hernoemd"));

  /* cancelled: an error, and the file that was there stays */
  g_file_set_contents (kept, "old", -1, NULL);
  g_cancellable_cancel (cancellable);
  wk_report_write_async (report, kept, NULL, cancellable, on_written_cb, &data);
  g_assert_true (wk_test_wait_until (has_result, &data, 60000));
  g_assert_false (wk_report_write_finish (report, data.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&data.result);
  g_file_get_contents (kept, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "old");
}

/* Long names wrap inside their cells and headings: no word reaches into the
 * margins and no two words overlap on any page. */
static void
test_long_names (void)
{
  g_autofree char *text = wk_test_grid_geojson (4, 3, 400, NULL, NULL);
  g_autofree char *units = wk_test_write_file ("report-grid.geojson", text);
  const char *long_name = "Buurtcombinatie Oud-Zuilen, Achterveld en de Lange "
                          "Vliet-Noordoostpolder bij de Molen";
  const char *unbroken = "Gezondheidscentrumwijkverpleegkundigensamenwerkingsverbandgebied";
  g_autofree char *csv = g_strdup_printf ("unit_code,area\nU0,\"%s\"\nU1,\"%s\"\nU4,\"%s\"\n"
                                          "U2,%s\nU3,%s\nU6,Kort\nU7,Kort\n",
                                          long_name, long_name, long_name, unbroken, unbroken);
  g_autofree char *plan = wk_test_write_file ("report-long.csv", csv);
  g_autofree char *pdf = tmp_path ("long.pdf");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *all = NULL;
  guint n_pages;

  if (!report_test_have_poppler ())
    return;
  g_assert_cmpint (wk_test_run_cli (&out, &err, "report", "-q", "--units", units, "--plan", plan,
                                    "--title", long_name, "-o", pdf, NULL), ==, 0);
  outside = report_test_find_outside (pdf, MARGIN);
  g_assert_null (outside);
  n_pages = report_test_pdf_pages (pdf);
  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *overlap = report_test_find_overlap (pdf, p);

      if (overlap != NULL)
        g_error ("page %u: %s", p, overlap);
    }
  pdf_text = report_test_pdf_text (pdf, 0, 0);
  all = report_test_normalise (pdf_text);
  g_assert_nonnull (strstr (all, "Vliet-Noordoostpolder"));
}

/* 300 areas on the province of Utrecht: the overview stays readable, every
 * area has its section.  (Timing is in the bench suite.) */
static void
test_province (void)
{
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(WkReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = tmp_path ("province.pdf");
  g_autofree char *text = NULL;
  g_autofree char *overlap = NULL;
  g_auto(GStrv) pages = NULL;

  if (!report_test_have_poppler ())
    return;
  checker = report_test_province_checker (300);
  if (checker == NULL)
    return;
  report = wk_report_new (checker);
  g_assert_true (wk_report_write (report, pdf, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (report_test_pdf_pages (pdf), ==, wk_report_get_n_pages (report));
  overlap = report_test_find_overlap (pdf, 2);
  g_assert_null (overlap);
  text = report_test_pdf_text (pdf, 0, 0);
  pages = split_pages (text);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *heading = g_strdup_printf ("%u. Gebied %03u", i + 1, i + 1);
      g_assert_cmpuint (page_with (pages, heading), >, 0);
    }
  save_page (pdf, 2, "province-overview");
  /* the summary table continues here, below its repeated head */
  save_page (pdf, 4, "province-summary");
}

int
main (int   argc,
      char *argv[])
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/report/sample", test_sample);
  g_test_add_func ("/report/woerden", test_woerden);
  g_test_add_func ("/report/compare", test_compare);
  g_test_add_func ("/report/bad-input", test_bad_input);
  g_test_add_func ("/report/async", test_async);
  g_test_add_func ("/report/long-names", test_long_names);
  g_test_add_func ("/report/province-300", test_province);
  return g_test_run ();
}
