/* test-cli.c: wijkindeling-cli as a user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <gdal.h>
#include <locale.h>
#include <json-glib/json-glib.h>
#include <ogr_api.h>

#include "wk-test-util.h"

static void
test_help (void)
{
  const char *commands[] = { "info", "check", "export", "generate", "report" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (wk_test_run_cli (&out, &err, commands[i], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (out, "Usage"));
      g_assert_nonnull (strstr (out, commands[i]));
    }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (wk_test_run_cli (&out, &err, "--help", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "check"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (wk_test_run_cli (&out, &err, "frobnicate", NULL), ==, 2);
  }
}

/* check --json on the real Woerden buurten: the areas' populations add up
 * to the total read with plain OGR calls, and the unit counts match. */
static void
test_woerden_json (void)
{
  g_autofree char *units = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  g_autoptr(GString) csv = g_string_new ("unit_code,area\n");
  g_autoptr(GHashTable) per_wijk = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *plan = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root;
  JsonArray *areas, *unassigned, *findings;
  gint64 total = 0, sum = 0;
  guint n_features = 0, n_units = 0, n_left = 0;
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH f;
  int status;

  if (units == NULL)
    return;

  /* plain OGR: the total, and a plan of one area per wijk, leaving out
   * the buurten of wijk 05 */
  ds = GDALOpenEx (units, GDAL_OF_VECTOR, NULL, NULL, NULL);
  layer = GDALDatasetGetLayer (ds, 0);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *code = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "BU_CODE"));
      const char *wijk = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "WK_CODE"));

      total += OGR_F_GetFieldAsInteger64 (f, OGR_F_GetFieldIndex (f, "AANT_INW"));
      n_features++;
      if (g_str_equal (wijk, "WK063205"))
        {
          g_string_append_printf (csv, "%s,\n", code);
          n_left++;
        }
      else
        {
          g_autofree char *name = g_strdup_printf ("Wijk %s", wijk + 6);

          g_string_append_printf (csv, "%s,%s\n", code, name);
          g_hash_table_insert (per_wijk, g_strdup (name),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (per_wijk, name)) + 1));
        }
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  plan = wk_test_write_file ("woerden-plan.csv", csv->str);

  status = wk_test_run_cli (&out, &err, "check", "--units", units, "--plan", plan, "--json", NULL);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 1);   /* small wijken are below the minimum */
  root = wk_test_parse_object (out, parser);
  areas = json_object_get_array_member (root, "areas");
  unassigned = json_object_get_array_member (root, "unassigned");
  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (areas), ==, 7);
  for (guint i = 0; i < json_array_get_length (areas); i++)
    {
      JsonObject *a = json_array_get_object_element (areas, i);
      JsonObject *providers = json_object_get_object_member (a, "providers");

      /* the contract: these keys, population an integer */
      g_assert_true (json_object_has_member (a, "id"));
      g_assert_true (json_object_has_member (a, "name"));
      g_assert_true (json_object_has_member (a, "contiguous"));
      g_assert_true (json_object_has_member (a, "area_km2"));
      g_assert_true (json_object_has_member (providers, "gp"));
      g_assert_true (json_object_has_member (providers, "pharmacy"));
      g_assert_true (json_object_has_member (providers, "nursing"));
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (a, "population")), ==, G_TYPE_INT64);
      sum += json_object_get_int_member (a, "population");
      n_units += json_object_get_int_member (a, "units");
      /* each area has exactly the buurten of its wijk */
      g_assert_cmpint (json_object_get_int_member (a, "units"), ==,
                       GPOINTER_TO_UINT (g_hash_table_lookup (per_wijk, json_object_get_string_member (a, "name"))));
      g_assert_true (json_object_get_boolean_member (a, "contiguous"));
    }
  g_assert_cmpuint (json_array_get_length (unassigned), ==, n_left);
  g_assert_cmpuint (n_units + n_left, ==, n_features);
  /* wijk 05 (440 inhabitants) is left out */
  g_assert_cmpint (sum, ==, total - 440);
  g_assert_cmpint (total, ==, 52875);

  /* and with every buurt assigned, the sum is the total */
  {
    g_autofree char *full = NULL;
    g_autoptr(JsonParser) parser2 = json_parser_new ();
    g_autofree char *out2 = NULL;
    g_autofree char *err2 = NULL;
    g_auto(GStrv) lines = g_strsplit (csv->str, "\n", -1);
    g_autoptr(GString) all = g_string_new (NULL);
    gint64 sum2 = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_suffix (lines[i], ","))
        g_string_append_printf (all, "%sWijk 05\n", lines[i]);
      else if (*lines[i])
        g_string_append_printf (all, "%s\n", lines[i]);
    full = wk_test_write_file ("woerden-full.csv", all->str);
    wk_test_run_cli (&out2, &err2, "check", "-q", "--units", units, "--plan", full, "--json", NULL);
    root = wk_test_parse_object (out2, parser2);
    areas = json_object_get_array_member (root, "areas");
    for (guint i = 0; i < json_array_get_length (areas); i++)
      sum2 += json_object_get_int_member (json_array_get_object_element (areas, i), "population");
    g_assert_cmpint (sum2, ==, total);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "unassigned")), ==, 0);
  }

  /* every finding has the contract's keys */
  g_assert_cmpuint (json_array_get_length (findings), >, 0);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *fo = json_array_get_object_element (findings, i);
      const char *keys[] = { "criterion", "severity", "areas", "units", "value", "threshold", "message" };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (fo, keys[k]));
    }
}

/* Runs check on the Woerden buurten in one area without wijk 05, under
 * @locale and @language; %NULL when the locale is not installed. */
static char *
run_check_in (const char *locale,
              const char *language,
              const char *extra)
{
  g_autofree char *units = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  g_autoptr(GString) csv = g_string_new ("unit_code,area\n");
  g_autofree char *plan = NULL;
  g_autofree char *err = NULL;
  g_autofree char *old_all = g_strdup (g_getenv ("LC_ALL"));
  g_autofree char *old_lang = g_strdup (g_getenv ("LANGUAGE"));
  locale_t probe = newlocale (LC_ALL_MASK, locale, (locale_t) 0);
  char *out = NULL;
  GDALDatasetH ds;
  OGRFeatureH f;

  if (probe == (locale_t) 0)
    {
      g_test_skip_printf ("locale %s is not installed (build-aux/install-deps.sh makes it)",
                          locale);
      return NULL;
    }
  freelocale (probe);
  if (units == NULL)
    return NULL;
  ds = GDALOpenEx (units, GDAL_OF_VECTOR, NULL, NULL, NULL);
  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      const char *wijk = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "WK_CODE"));

      g_string_append_printf (csv, "%s,%s\n",
                              OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "BU_CODE")),
                              g_str_equal (wijk, "WK063205") ? "" : "Woerden");
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  plan = wk_test_write_file ("woerden-one.csv", csv->str);
  g_setenv ("LC_ALL", locale, TRUE);
  g_setenv ("LANGUAGE", language, TRUE);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "check", "-q", "--units", units, "--plan", plan,
                                    extra, NULL), ==, 1);
  if (old_all != NULL)
    g_setenv ("LC_ALL", old_all, TRUE);
  if (old_lang != NULL)
    g_setenv ("LANGUAGE", old_lang, TRUE);
  g_test_message ("%s", out);
  return out;
}

/* Numbers in the CLI text and the findings grouped as the locale does;
 * the coverage value in words; JSON plain, an unknown 65+ figure null. */
static void
test_number_format (void)
{
  g_autofree char *nl = run_check_in ("nl_NL.UTF-8", "nl", NULL);
  g_autofree char *en = NULL;
  g_autofree char *c = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *area;
  JsonArray *findings;
  gboolean found = FALSE;

  if (nl == NULL)
    return;
  /* 52,875 inhabitants less wijk 05's 440: the table and the finding */
  g_assert_nonnull (strstr (nl, "52.435"));
  g_assert_nonnull (strstr (nl, "“Woerden” heeft 52.435 inwoners"));
  g_assert_nonnull (strstr (nl, "3 buurten zonder gebied; toegestaan: 0"));
  g_assert_null (strstr (nl, "52435"));

  en = run_check_in ("en_US.UTF-8", "en", NULL);
  if (en == NULL)
    return;
  g_assert_nonnull (strstr (en, "“Woerden” has 52,435 inhabitants"));
  g_assert_nonnull (strstr (en, "3 buurten without an area; allowed: 0"));
  g_assert_null (strstr (en, "52.435"));

  c = run_check_in ("nl_NL.UTF-8", "nl", "--json");
  root = wk_test_parse_object (c, parser);
  area = json_array_get_object_element (json_object_get_array_member (root, "areas"), 0);
  g_assert_cmpint (json_object_get_int_member (area, "population"), ==, 52435);
  /* the Woerden file has no 65+ field: unknown, not 0; the key stays */
  g_assert_true (json_object_has_member (area, "pop65"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (area, "pop65")));
  findings = json_object_get_array_member (root, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *fo = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (fo, "criterion"), "coverage"))
        {
          g_assert_cmpint (json_object_get_int_member (fo, "value"), ==, 3);
          g_assert_cmpint (json_object_get_int_member (fo, "threshold"), ==, 0);
          g_assert_cmpstr (json_object_get_string_member (fo, "value_text"), ==,
                           "3 buurten zonder gebied; toegestaan: 0");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_exit_codes (void)
{
  gint64 pops[2] = { 6000, 7000 };
  g_autofree char *text = wk_test_grid_geojson (2, 1, 100, pops, NULL);
  g_autofree char *units = wk_test_write_file ("two.geojson", text);
  g_autofree char *good = wk_test_write_file ("good.csv", "unit_code,area\nU0,A\nU1,A\n");
  g_autofree char *bad = wk_test_write_file ("split.csv", "unit_code,area\nU0,A\nU1,B\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* 13,000 inhabitants in one area: no error */
  g_assert_cmpint (wk_test_run_cli (&out, &err, "check", "--units", units, "--plan", good, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 errors"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* two areas of 6,000 and 7,000: fine too; with a minimum of 6,500 not */
  g_assert_cmpint (wk_test_run_cli (&out, &err, "check", "--units", units, "--plan", bad, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *profile = wk_test_write_file ("strict.ini", "[population]\nmin=6500\n");

    g_assert_cmpint (wk_test_run_cli (&out, &err, "check", "--units", units, "--plan", bad,
                                      "--profile", profile, NULL), ==, 1);
  }
}

static void
test_bad_input (void)
{
  g_autofree char *text = wk_test_grid_geojson (2, 1, 100, NULL, NULL);
  g_autofree char *units = wk_test_write_file ("units.geojson", text);
  g_autofree char *plan = wk_test_write_file ("plan.csv", "unit_code,area\nU0,A\nU1,A\n");
  g_autofree char *unknown = wk_test_write_file ("unknown.csv", "unit_code,area\nU0,A\nBU99,A\nBU98,B\n");
  g_autofree char *garbage = wk_test_write_file ("garbage.gpkg", "SQLite format 3\0 but not really");
  g_autofree char *text_file = wk_test_write_file ("notes.txt", "Dit is geen kaart.\n");
  g_autofree char *points = wk_test_write_file ("points.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"P\","
    "\"AANT_INW\":3},\"geometry\":{\"type\":\"Point\",\"coordinates\":[5.1,52.1]}}]}");
  g_autofree char *nopop = wk_test_write_file ("nopop.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"P\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[5.1,52.1],[5.2,52.1],[5.2,52.2],[5.1,52.1]]]}}]}");
  g_autofree char *profile = wk_test_write_file ("bad.ini", "[population]\nmin=veel\n");

  wk_test_assert_cli_fails ("missing.geojson", "check", "--units", "/tmp/nowhere/missing.geojson", "--plan", plan, NULL);
  wk_test_assert_cli_fails ("notes.txt", "check", "--units", text_file, "--plan", plan, NULL);
  wk_test_assert_cli_fails ("garbage.gpkg", "check", "--units", garbage, "--plan", plan, NULL);
  wk_test_assert_cli_fails ("points.geojson", "check", "--units", points, "--plan", plan, NULL);
  wk_test_assert_cli_fails ("population", "check", "--units", nopop, "--plan", plan, NULL);
  wk_test_assert_cli_fails ("BU99", "check", "--units", units, "--plan", unknown, NULL);
  wk_test_assert_cli_fails ("unknown.csv", "export", "--units", units, "--plan", unknown, "-f", "csv", "-o", "/tmp/x.csv", NULL);
  wk_test_assert_cli_fails ("bad.ini", "check", "--units", units, "--plan", plan, "--profile", profile, NULL);
  wk_test_assert_cli_fails ("nope.csv", "check", "--units", units, "--plan", "/tmp/nope.csv", NULL);
  wk_test_assert_cli_fails ("--units", "check", "--plan", plan, NULL);
  wk_test_assert_cli_fails ("--plan", "check", "--units", units, NULL);
  wk_test_assert_cli_fails ("--frobnicate", "check", "--frobnicate", NULL);
  wk_test_assert_cli_fails ("format", "export", "--units", units, "--plan", plan, "-f", "shp", "-o", "/tmp/x", NULL);
  wk_test_assert_cli_fails ("missing.geojson", "info", "/tmp/nowhere/missing.geojson", NULL);
}

static void
test_export_and_info (void)
{
  g_autofree char *units = wk_test_sample_path ("units.geojson");
  g_autofree char *plan = wk_test_sample_path ("plan.csv");
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "exports", NULL);
  const char *formats[] = { "geojson", "gpkg", "csv" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *layer;

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strconcat ("plan.", formats[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *o = NULL;
      g_autofree char *e = NULL;

      g_assert_cmpint (wk_test_run_cli (&o, &e, "export", "-q", "--units", units, "--plan", plan,
                                        "--format", formats[i], "-o", path, NULL), ==, 0);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  g_assert_cmpint (wk_test_run_cli (&out, &err, "info", units, "--json", NULL), ==, 0);
  layer = json_array_get_object_element (json_object_get_array_member (wk_test_parse_object (out, parser), "layers"), 0);
  g_assert_cmpstr (json_object_get_string_member (layer, "geometry"), ==, "polygon");
  g_assert_cmpstr (json_object_get_string_member (layer, "crs"), ==, "EPSG:4326");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (layer, "roles"), "population"),
                   ==, "AANT_INW");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (layer, "roles"), "pop65"),
                   ==, "P_65_EO_JR");
  g_assert_true (json_object_get_boolean_member (layer, "pop65_is_share"));
}

/* generate writes a municipality that check can read */
static void
test_generate (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "generated", NULL);
  g_autofree char *units = g_build_filename (dir, "units.gpkg", NULL);
  g_autofree char *plan = g_build_filename (dir, "plan.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_cmpint (wk_test_run_cli (&out, &err, "generate", "-n", "120", "-m", "2", "--format", "gpkg",
                                    "-o", dir, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  wk_test_run_cli (&out, &err, "check", "-q", "--units", units, "--plan", plan, "--json", NULL);
  root = wk_test_parse_object (out, parser);
  g_assert_cmpint (json_object_get_int_member (root, "n_units"), >, 100);
  g_assert_cmpint (json_object_get_int_member (root, "n_units"), <, 140);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "areas")), >, 4);
}

int
main (int   argc,
      char *argv[])
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/check/woerden-json", test_woerden_json);
  g_test_add_func ("/cli/check/exit-codes", test_exit_codes);
  g_test_add_func ("/cli/check/number-format", test_number_format);
  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/export-and-info", test_export_and_info);
  g_test_add_func ("/cli/generate", test_generate);
  return g_test_run ();
}
