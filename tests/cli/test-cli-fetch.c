/* test-cli-fetch.c: wijkindeling-cli fetch against PDOK stood in on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <gdal.h>
#include <math.h>
#include <ogr_api.h>

#include "wk-test-server.h"
#include "wk-test-util.h"

/* The shared file's figures, read with plain OGR. */
static gint64
shared_population (const char *relative,
                   const char *gm_code,
                   guint      *n_buurten)
{
  g_autofree char *path = wk_test_shared_data (relative);
  g_autofree char *where = g_strdup_printf ("GM_CODE = '%s'", gm_code);
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  OGRFeatureH f;
  gint64 sum = 0;

  *n_buurten = 0;
  OGR_L_SetAttributeFilter (layer, where);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      sum += OGR_F_GetFieldAsInteger64 (f, OGR_F_GetFieldIndex (f, "AANT_INW"));
      (*n_buurten)++;
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return sum;
}

/* Checks the written buurten: count, population, and each 65+ count is the
 * served share of the population, rounded; secret shares stay empty. */
static void
assert_buurten (const char *path,
                guint       n_expected,
                gint64      pop_expected,
                guint       n_gemeenten)
{
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRLayerH buurten, gemeenten;
  OGRFeatureH f;
  gint64 sum = 0;
  guint n = 0, n_secret = 0, n_counted = 0;

  g_assert_nonnull (ds);
  buurten = GDALDatasetGetLayerByName (ds, "buurten");
  gemeenten = GDALDatasetGetLayerByName (ds, "gemeenten");
  g_assert_nonnull (buurten);
  g_assert_nonnull (gemeenten);
  g_assert_cmpint (OGR_L_GetFeatureCount (gemeenten, TRUE), ==, n_gemeenten);
  while ((f = OGR_L_GetNextFeature (buurten)) != NULL)
    {
      int i_pop = OGR_F_GetFieldIndex (f, "aantal_inwoners");
      int i_pct = OGR_F_GetFieldIndex (f, "percentage_personen_65_jaar_en_ouder");
      int i_count = OGR_F_GetFieldIndex (f, "aantal_65_plus");
      gint64 pop = OGR_F_GetFieldAsInteger64 (f, i_pop);

      g_assert_cmpint (i_count, >=, 0);
      g_assert_nonnull (OGR_F_GetGeometryRef (f));
      sum += pop;
      n++;
      if (OGR_F_IsFieldSetAndNotNull (f, i_pct))
        {
          double pct = OGR_F_GetFieldAsDouble (f, i_pct);

          g_assert_cmpfloat (pct, >=, 0);
          g_assert_cmpint (OGR_F_GetFieldAsInteger64 (f, i_count), ==,
                           (gint64) round (pop * pct / 100.0));
          n_counted++;
        }
      else
        {
          /* the server sent -99997: unknown, not a negative count */
          g_assert_false (OGR_F_IsFieldSetAndNotNull (f, i_count));
          g_assert_cmpint (pop, <, 50);
          n_secret++;
        }
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  g_assert_cmpuint (n, ==, n_expected);
  g_assert_cmpint (sum, ==, pop_expected);
  g_assert_cmpuint (n_secret, >, 0);
  g_assert_cmpuint (n_counted, >, n_secret);
}

static guint
count_requests (WkTestServer *server,
                const char   *prefix,
                const char   *containing)
{
  g_autoptr(GPtrArray) requests = wk_test_server_dup_requests (server);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    if (g_str_has_prefix (requests->pdata[i], prefix) &&
        (containing == NULL || strstr (requests->pdata[i], containing) != NULL))
      n++;
  return n;
}

/* Woerden by name, paged at 10; then offline from the cache. */
static void
test_fetch_woerden (void)
{
  WkTestServer *server = wk_test_server_start (10);
  g_autofree char *cache = wk_test_temp_path ("pdok-cache");
  g_autofree char *service = NULL;
  g_autofree char *output = wk_test_temp_path ("woerden.gpkg");
  g_autofree char *again = wk_test_temp_path ("woerden-again.gpkg");
  g_autofree char *refreshed = wk_test_temp_path ("woerden-refreshed.gpkg");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WkSourceInfo) info = NULL;
  g_autofree char *ua = NULL;
  g_autofree char *referer = NULL;
  WkLayerInfo *units;
  guint n_buurten;
  gint64 population;
  int status;

  if (server == NULL)
    return;
  population = shared_population ("cbs-buurten-2019/woerden_buurten_2019.geojson", "GM0632",
                                  &n_buurten);
  service = wk_test_server_url (server, "/ok");
  status = wk_test_run_cli (&out, &err, "fetch", "--cache-dir", cache, "--gemeente", "Woerden",
                            "--service", service, "-o", output, NULL);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "GM0632 Woerden: 31 buurten"));
  assert_buurten (output, n_buurten, population, 1);

  /* more than one page (GDAL first reads one page for the schema), each
   * filtered by the server on the gemeente's bounding box and code */
  g_assert_cmpuint (count_requests (server, "/ok/collections/buurten/items", "gemeentecode=GM0632"),
                    ==, (n_buurten + 9) / 10);
  g_assert_cmpuint (count_requests (server, "/ok/collections/buurten/items", "bbox="), ==,
                    (n_buurten + 9) / 10);
  g_assert_cmpuint (count_requests (server, "/ok/collections/buurten/items", "cursor=30"), ==, 1);

  /* the app names itself, as PDOK asks */
  ua = wk_test_server_dup_header (server, "User-Agent");
  referer = wk_test_server_dup_header (server, "Referer");
  g_assert_true (g_str_has_prefix (ua, "Wijkindeling/"));
  g_assert_nonnull (strstr (referer, "wijkindeling"));

  /* opened as units, the file gives the buurten with their roles */
  info = wk_source_inspect (output, &error);
  g_assert_no_error (error);
  units = wk_source_info_find_layer (info, NULL, WK_GEOMETRY_POLYGON);
  g_assert_cmpstr (units->name, ==, "buurten");
  g_assert_cmpstr (units->roles[WK_ROLE_CODE], ==, "buurtcode");
  g_assert_cmpstr (units->roles[WK_ROLE_POPULATION], ==, "aantal_inwoners");
  g_assert_cmpstr (units->roles[WK_ROLE_POP65], ==, "aantal_65_plus");
  g_assert_false (units->pop65_is_share);
  g_assert_cmpstr (units->crs, ==, "EPSG:28992");

  /* the server gone: the cache answers, and says so */
  wk_test_server_stop (server);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "fetch", "--cache-dir", cache, "-g", "GM0632",
                                    "--service", service, "-o", again, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "from the cache"));
  assert_buurten (again, n_buurten, population, 1);

  /* --refresh needs the service: a clear error, no file */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "fetch", "--cache-dir", cache, "-g", "GM0632",
                                    "--service", service, "--refresh", "-o", refreshed, NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "PDOK is not reachable"));
  g_assert_nonnull (strstr (err, service));
  g_assert_false (g_file_test (refreshed, G_FILE_TEST_EXISTS));
}

/* Two gemeenten in one file; the other gemeente's buurten never leak in. */
static void
test_fetch_two (void)
{
  WkTestServer *server = wk_test_server_start (10);
  g_autofree char *cache = wk_test_temp_path ("pdok-cache");
  g_autofree char *service = NULL;
  g_autofree char *output = wk_test_temp_path ("two.gpkg");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint n_woerden, n_montfoort;
  gint64 pop_woerden, pop_montfoort;

  if (server == NULL)
    return;
  pop_woerden = shared_population ("cbs-buurten-2019/woerden_buurten_2019.geojson", "GM0632",
                                   &n_woerden);
  pop_montfoort = shared_population ("cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson",
                                     "GM0335", &n_montfoort);
  service = wk_test_server_url (server, "/ok/");
  g_assert_cmpint (wk_test_run_cli (&out, &err, "fetch", "--cache-dir", cache, "-g", "Montfoort",
                                    "-g", "0632", "--service", service, "-o", output, NULL), ==, 0);
  assert_buurten (output, n_woerden + n_montfoort, pop_woerden + pop_montfoort, 2);
  wk_test_server_stop (server);
}

/* Each failure names the service and leaves no file behind. */
static void
test_fetch_errors (void)
{
  WkTestServer *server = wk_test_server_start (10);
  g_autofree char *cache = wk_test_temp_path ("pdok-cache");
  g_autofree char *output = wk_test_temp_path ("broken.gpkg");
  struct
  {
    const char *path;
    const char *says;
    const char *timeout;
  } cases[] = {
    { "/nopop", "no population field", "30" },
    { "/truncated", "incomplete answer", "30" },
    { "/elsewhere", "refused the request", "30" },
    { "/slow", "did not answer in time", "1" },
  };

  if (server == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *service = wk_test_server_url (server, cases[i].path);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (wk_test_run_cli (&out, &err, "fetch", "--cache-dir", cache, "-g", "Woerden",
                                        "--service", service, "--timeout", cases[i].timeout,
                                        "-o", output, NULL), ==, 2);
      g_test_message ("%s: %s", cases[i].path, err);
      g_assert_nonnull (strstr (err, cases[i].says));
      g_assert_nonnull (strstr (err, service));
      g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
    }
  wk_test_server_stop (server);

  wk_test_assert_cli_fails ("Atlantis", "fetch", "-g", "Atlantis", "-o", output, NULL);
  wk_test_assert_cli_fails ("--gemeente", "fetch", "-o", output, NULL);
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/cli/fetch/woerden", test_fetch_woerden);
  g_test_add_func ("/cli/fetch/two", test_fetch_two);
  g_test_add_func ("/cli/fetch/errors", test_fetch_errors);
  return g_test_run ();
}
