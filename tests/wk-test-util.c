/* wk-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "wk-test-util.h"

/**
 * wk_test_init:
 *
 * g_test_init with isolated directories, the C locale for messages, and the
 * core initialised.
 */
void
wk_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  wk_core_init ();
}

/**
 * wk_test_shared_data:
 * @relative: a path under ../shared/data, e.g. "cbs-buurten-2019/woerden_buurten_2019.geojson"
 *
 * Returns: (transfer full) (nullable): the path, or %NULL after marking the
 *   test skipped when the real data is not there
 */
char *
wk_test_shared_data (const char *relative)
{
  const char *dir = g_getenv ("WK_SHARED_DATA_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    dir = WK_SHARED_DATA_DIR;
  path = g_build_filename (dir, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf ("real CBS data not found at %s "
                                                  "(../shared/data is absent): skipped", path);
      g_test_skip (message);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/**
 * wk_test_sample_path:
 *
 * Returns: (transfer full): a file of the built-in sample in data/sample/
 */
char *
wk_test_sample_path (const char *file)
{
  return g_build_filename (WK_SOURCE_DATADIR, "sample", file, NULL);
}

/**
 * wk_test_add_sample_inputs:
 * @args: (element-type filename): CLI arguments, freed with g_free
 *
 * Appends the input options of the sample's files (units, providers,
 * networks, boundary; not its plan).
 */
void
wk_test_add_sample_inputs (GPtrArray *args)
{
  const char *files[][2] = {
    { "--units", "units.geojson" }, { "--gp", "gp.csv" }, { "--pharmacy", "pharmacy.csv" },
    { "--nursing", "nursing.csv" }, { "--social", "social.csv" },
    { "--networks", "networks.geojson" }, { "--boundary", "boundary.geojson" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_ptr_array_add (args, g_strdup (files[i][0]));
      g_ptr_array_add (args, wk_test_sample_path (files[i][1]));
    }
}

/**
 * wk_test_assert_same_member:
 *
 * Asserts that @a and @b both have @member, with equal values.
 */
void
wk_test_assert_same_member (JsonObject *a,
                            JsonObject *b,
                            const char *member)
{
  g_assert_true (json_object_has_member (a, member));
  g_assert_true (json_object_has_member (b, member));
  if (!json_node_equal (json_object_get_member (a, member), json_object_get_member (b, member)))
    g_error ("“%s” differs", member);
}

/**
 * wk_test_write_file:
 *
 * Returns: (transfer full): the path of @name in the test case's own
 *   folder, holding @contents
 */
char *
wk_test_write_file (const char *name,
                    const char *contents)
{
  /* The test's own cache folder: G_TEST_OPTION_ISOLATE_DIRS makes one per
   * test case and removes it afterwards, so test programs that run in
   * parallel never share files. */
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "wk-test", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/**
 * wk_test_grid_geojson:
 * @populations: (nullable): per cell, row by row from the south-west; -1 for
 *   null, or a CBS code; %NULL for 1,000 each
 * @gm_codes: (nullable): per cell, the municipality code; %NULL for GM0001
 *
 * A GeoJSON text (CRS EPSG:28992) of cols × rows squares of @size metres,
 * from RD (155000, 463000). Cell i has code “U<i>”.
 */
char *
wk_test_grid_geojson (guint         cols,
                      guint         rows,
                      double        size,
                      const gint64 *populations,
                      const char  **gm_codes)
{
  GString *s = g_string_new ("{\"type\":\"FeatureCollection\","
                             "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}},"
                             "\"features\":[");

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        guint i = r * cols + c;
        double x0 = WK_TEST_ORIGIN_X + c * size, y0 = WK_TEST_ORIGIN_Y + r * size;
        double x1 = x0 + size, y1 = y0 + size;
        gint64 pop = populations ? populations[i] : 1000;

        g_string_append_printf (s, "%s{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"U%u\","
                                   "\"BU_NAAM\":\"Unit %u\",\"GM_CODE\":\"%s\",\"AANT_INW\":",
                                i ? "," : "", i, i, gm_codes ? gm_codes[i] : "GM0001");
        if (pop == -1)
          g_string_append (s, "null");
        else
          g_string_append_printf (s, "%" G_GINT64_FORMAT, pop);
        g_string_append_printf (s, "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                                   "[[[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f]]]}}",
                                x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
      }
  g_string_append (s, "]}");
  return g_string_free (s, FALSE);
}

WkDataset *
wk_test_load (WkLoadOptions *options)
{
  g_autoptr(GError) error = NULL;
  WkDataset *dataset = wk_dataset_load (options, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/**
 * wk_test_grid_dataset:
 *
 * Returns: (transfer full): a grid of squares with 1,000 inhabitants each,
 *   loaded through the real loader
 */
WkDataset *
wk_test_grid_dataset (guint  cols,
                      guint  rows,
                      double size)
{
  g_autofree char *text = wk_test_grid_geojson (cols, rows, size, NULL, NULL);
  g_autofree char *name = g_strdup_printf ("grid-%ux%u.geojson", cols, rows);
  g_autofree char *path = wk_test_write_file (name, text);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);

  return wk_test_load (options);
}

/**
 * wk_test_sample_dataset:
 *
 * Returns: (transfer full): the built-in sample with all its providers and networks
 */
WkDataset *
wk_test_sample_dataset (void)
{
  g_autofree char *units = wk_test_sample_path ("units.geojson");
  g_autofree char *gp = wk_test_sample_path ("gp.csv");
  g_autofree char *pharmacy = wk_test_sample_path ("pharmacy.csv");
  g_autofree char *nursing = wk_test_sample_path ("nursing.csv");
  g_autofree char *social = wk_test_sample_path ("social.csv");
  g_autofree char *networks = wk_test_sample_path ("networks.geojson");
  g_autofree char *boundary = wk_test_sample_path ("boundary.geojson");
  g_autoptr(WkLoadOptions) options = wk_load_options_new (units);

  wk_load_options_add_provider (options, WK_PROVIDER_GP, gp);
  wk_load_options_add_provider (options, WK_PROVIDER_PHARMACY, pharmacy);
  wk_load_options_add_provider (options, WK_PROVIDER_NURSING, nursing);
  wk_load_options_add_provider (options, WK_PROVIDER_SOCIAL, social);
  wk_load_options_add_network (options, networks);
  options->boundary_path = g_strdup (boundary);
  return wk_test_load (options);
}

/* The environment to start wijkindeling-cli in, or %NULL for the test's
 * own.  Under ASan (build-aux/test.sh) the test programs need slow unwinding
 * to suppress GLib's deliberate leak in g_test's isolated dirs; the CLI
 * does not, and runs many times faster with its own options. */
char **
wk_test_cli_environ (void)
{
  if (g_getenv ("WK_CLI_ASAN_OPTIONS") == NULL)
    return NULL;
  return g_environ_setenv (g_get_environ (), "ASAN_OPTIONS", g_getenv ("WK_CLI_ASAN_OPTIONS"),
                           TRUE);
}

/**
 * wk_test_run_cli_argv:
 * @args: the arguments after the program name, %NULL-terminated
 *
 * Like wk_test_run_cli(), with the arguments in an array.
 */
int
wk_test_run_cli_argv (char              **stdout_text,
                      char              **stderr_text,
                      const char *const  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  const char *cli = g_getenv ("WK_CLI");
  int status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  env = wk_test_cli_environ ();
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                stdout_text, stderr_text, &status, &error);
  g_assert_no_error (error);
  if (WIFSIGNALED (status) || (WIFEXITED (status) && WEXITSTATUS (status) > 2))
    {
      /* a crash or a sanitizer report: show what it said */
      g_test_message ("wijkindeling-cli %s: %s", WIFSIGNALED (status) ? "died of a signal" : "failed",
                      stderr_text && *stderr_text ? *stderr_text : "");
      if (WIFSIGNALED (status))
        return -1;
    }
  return WEXITSTATUS (status);
}

static int
run_cli_va (char       **stdout_text,
            char       **stderr_text,
            const char  *first,
            va_list      ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  g_ptr_array_add (args, NULL);
  return wk_test_run_cli_argv (stdout_text, stderr_text, (const char *const *) args->pdata);
}

/**
 * wk_test_run_cli:
 * @first: the first argument after the program name
 * @...: more arguments, %NULL-terminated
 *
 * Runs wijkindeling-cli (from $WK_CLI) and collects its output.
 *
 * Returns: the exit status, or -1 when it died of a signal (a failure)
 */
int
wk_test_run_cli (char       **stdout_text,
                 char       **stderr_text,
                 const char  *first,
                 ...)
{
  va_list ap;
  int status;

  va_start (ap, first);
  status = run_cli_va (stdout_text, stderr_text, first, ap);
  va_end (ap);
  return status;
}

/**
 * wk_test_assert_cli_fails:
 * @mentions: what the message must name (the file, the option)
 * @first: the first argument after the program name
 * @...: more arguments, %NULL-terminated
 *
 * Asserts the contract for bad input: exit status 2 and one message on
 * stderr, “wijkindeling-cli: …”, that names @mentions.
 */
void
wk_test_assert_cli_fails (const char *mentions,
                          const char *first,
                          ...)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;
  int status;

  va_start (ap, first);
  status = run_cli_va (&out, &err, first, ap);
  va_end (ap);
  g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 2);
  g_assert_true (g_str_has_prefix (err, "wijkindeling-cli: "));
  g_assert_nonnull (strstr (err, mentions));
}

/**
 * wk_test_wait_until:
 *
 * Iterates the main context until @condition holds or @timeout_ms passed.
 */
gboolean
wk_test_wait_until (gboolean (*condition) (gpointer),
                    gpointer   data,
                    guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/**
 * wk_test_plan_by_field:
 * @path: the units' source file
 * @code_field: its field with the unit code
 * @area_field: the field whose values become the areas (e.g. WK_CODE)
 *
 * Gives every unit of @plan the area named after its @area_field, read with
 * plain OGR calls (not through the core).
 */
void
wk_test_plan_by_field (WkPlan     *plan,
                       const char *path,
                       const char *code_field,
                       const char *area_field)
{
  WkDataset *dataset = wk_plan_get_dataset (plan);
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH layer;
  OGRFeatureH f;

  g_assert_nonnull (ds);
  layer = GDALDatasetGetLayer (ds, 0);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      const char *name = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, area_field));
      const char *code = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, code_field));
      guint unit = wk_dataset_lookup_code (dataset, code);
      WkArea *area = wk_plan_find_area (plan, name);
      guint id = area ? wk_area_get_id (area) : wk_plan_create_area (plan, name, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (unit, !=, WK_UNIT_NONE);
      g_assert_true (wk_plan_assign (plan, unit, id, &error));
      g_assert_no_error (error);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
}

/**
 * wk_test_temp_path:
 *
 * Returns: (transfer full): a path in the test's own folder (removed with
 *   it, as G_TEST_OPTION_ISOLATE_DIRS isolates it)
 */
char *
wk_test_temp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

/**
 * wk_test_parse_object:
 * @parser: keeps the parsed tree alive
 *
 * Returns: (transfer none): the JSON object @text holds
 */
JsonObject *
wk_test_parse_object (const char *text,
                      JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/* wk_test_huge_text_gpkg:
 *
 * Writes the bad-input corpus's base grid (4 × 4 squares of 500 m, codes
 * BU03450000…15, 1,000 inhabitants each) as a GeoPackage at @path, with a
 * name of @n_bytes characters for unit 3: a text field no loader may carry
 * on whole.
 */
void
wk_test_huge_text_gpkg (const char *path,
                        gsize       n_bytes)
{
  g_autofree char *huge = g_malloc (n_bytes + 1);
  GDALDatasetH ds;
  OGRSpatialReferenceH rd = OSRNewSpatialReference (NULL);
  OGRLayerH layer;
  const char *fields[] = { "BU_CODE", "BU_NAAM", "AANT_INW" };

  memset (huge, 'x', n_bytes);
  huge[n_bytes] = '\0';
  g_unlink (path);
  OSRImportFromEPSG (rd, 28992);
  ds = GDALCreate (GDALGetDriverByName ("GPKG"), path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);
  layer = GDALDatasetCreateLayer (ds, "units", rd, wkbPolygon, NULL);
  g_assert_nonnull (layer);
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      OGRFieldDefnH fd = OGR_Fld_Create (fields[f], f == 2 ? OFTInteger : OFTString);

      g_assert_cmpint (OGR_L_CreateField (layer, fd, TRUE), ==, OGRERR_NONE);
      OGR_Fld_Destroy (fd);
    }
  for (guint i = 0; i < 16; i++)
    {
      double x0 = 155000.0 + (i % 4) * 500.0, y0 = 463000.0 + (i / 4) * 500.0;
      g_autofree char *wkt = g_strdup_printf ("POLYGON ((%.0f %.0f,%.0f %.0f,%.0f %.0f,"
                                              "%.0f %.0f,%.0f %.0f))", x0, y0, x0 + 500, y0,
                                              x0 + 500, y0 + 500, x0, y0 + 500, x0, y0);
      g_autofree char *code = g_strdup_printf ("BU0345%04u", i);
      g_autofree char *name = g_strdup_printf ("Buurt %u", i);
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH geom = NULL;
      char *cursor = wkt;

      g_assert_cmpint (OGR_G_CreateFromWkt (&cursor, rd, &geom), ==, OGRERR_NONE);
      OGR_F_SetGeometryDirectly (feature, geom);
      OGR_F_SetFieldString (feature, 0, code);
      OGR_F_SetFieldString (feature, 1, i == 3 ? huge : name);
      OGR_F_SetFieldInteger (feature, 2, 1000);
      g_assert_cmpint (OGR_L_CreateFeature (layer, feature), ==, OGRERR_NONE);
      OGR_F_Destroy (feature);
    }
  GDALClose (ds);
  OSRRelease (rd);
}
