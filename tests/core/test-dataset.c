/* test-dataset.c: loading units, providers and networks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <gdal.h>
#include <math.h>
#include <ogr_api.h>

#include "wk-dataset-private.h"
#include "wk-parallel-private.h"
#include "wk-source-private.h"
#include "wk-test-util.h"

static gboolean
has_neighbour (WkDataset *dataset,
               guint      unit,
               guint      other)
{
  return wk_dataset_are_adjacent (dataset, unit, other, 1.0);
}

static void
test_grid_adjacency (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (3, 3, 100.0);
  const double *lengths;
  const guint *nb;
  guint n;

  g_assert_cmpuint (wk_dataset_get_n_units (grid), ==, 9);
  /* the centre (4) has exactly its four edge neighbours, each 100 m */
  nb = wk_dataset_get_neighbours (grid, 4, &lengths, &n);
  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (nb[i] == 1 || nb[i] == 3 || nb[i] == 5 || nb[i] == 7);
      g_assert_cmpfloat_with_epsilon (lengths[i], 100.0, 1e-6);
    }
  /* corners have two; a diagonal touches in a point only */
  wk_dataset_get_neighbours (grid, 0, NULL, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (has_neighbour (grid, 0, 1));
  g_assert_true (has_neighbour (grid, 0, 3));
  g_assert_false (has_neighbour (grid, 0, 4));
  g_assert_false (has_neighbour (grid, 2, 4));
  g_assert_false (has_neighbour (grid, 0, 8));
  /* symmetric */
  for (guint u = 0; u < 9; u++)
    for (guint v = 0; v < 9; v++)
      g_assert_cmpint (has_neighbour (grid, u, v), ==, has_neighbour (grid, v, u));
  /* area, perimeter, centroid */
  g_assert_cmpfloat_with_epsilon (wk_dataset_get_unit (grid, 4)->area_m2, 10000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (wk_dataset_get_unit (grid, 4)->perimeter_m, 400.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (wk_dataset_get_unit (grid, 4)->cx, WK_TEST_ORIGIN_X + 150, 1e-6);
  g_assert_cmpfloat_with_epsilon (wk_dataset_get_unit (grid, 4)->cy, WK_TEST_ORIGIN_Y + 150, 1e-6);
  g_assert_cmpuint (wk_dataset_lookup_code (grid, "U4"), ==, 4);
  g_assert_cmpuint (wk_dataset_lookup_code (grid, "nope"), ==, WK_UNIT_NONE);
  g_assert_cmpint (wk_dataset_get_total_population (grid), ==, 9000);
}

/* Two squares that share only 0.5 m of boundary, and two that meet in a
 * point: neither pair is adjacent at the default 1 m tolerance. */
static void
test_short_and_point_contact (void)
{
  const char *text =
    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:28992\"}},"
    "\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"A\",\"AANT_INW\":10},\"geometry\":{\"type\":\"Polygon\","
    " \"coordinates\":[[[155000,463000],[155100,463000],[155100,463100],[155000,463100],[155000,463000]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"B\",\"AANT_INW\":10},\"geometry\":{\"type\":\"Polygon\","
    " \"coordinates\":[[[155100,463099.5],[155200,463099.5],[155200,463200],[155100,463200],[155100,463099.5]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"C\",\"AANT_INW\":10},\"geometry\":{\"type\":\"Polygon\","
    " \"coordinates\":[[[154900,462900],[155000,462900],[155000,463000],[154900,463000],[154900,462900]]]}}"
    "]}";
  g_autofree char *path = wk_test_write_file ("contacts.geojson", text);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);
  g_autoptr(WkDataset) ds = wk_test_load (options);
  const double *lengths;
  guint n;

  g_assert_cmpuint (wk_dataset_get_n_units (ds), ==, 3);
  /* A–B share 0.5 m: recorded with its length, but not adjacent */
  wk_dataset_get_neighbours (ds, 0, &lengths, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat_with_epsilon (lengths[0], 0.5, 1e-6);
  g_assert_false (wk_dataset_are_adjacent (ds, 0, 1, 1.0));
  g_assert_true (wk_dataset_are_adjacent (ds, 0, 1, 0.25));
  /* A–C touch in a point: no shared boundary at all */
  g_assert_false (wk_dataset_are_adjacent (ds, 0, 2, 0.0));
  wk_dataset_get_neighbours (ds, 2, NULL, &n);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_reprojection_known_point (void)
{
  double lon, lat, x, y;

  /* Amersfoort, the origin of RD: 155000, 463000 ↔ 52.1552 N, 5.3872 E
   * (to four decimals; 52.155172 N, 5.387204 E to the metre) */
  wk_rd_to_lonlat (155000, 463000, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (round (lat * 1e4) / 1e4, 52.1552, 1e-9);
  g_assert_cmpfloat_with_epsilon (round (lon * 1e4) / 1e4, 5.3872, 1e-9);
  g_assert_cmpfloat (hypot ((lat - 52.155172) * 111250.0, (lon - 5.387204) * 68300.0), <, 1.0);
  /* and back, within 1 m */
  wk_lonlat_to_rd (lon, lat, &x, &y);
  g_assert_cmpfloat (hypot (x - 155000, y - 463000), <, 1.0);
  wk_lonlat_to_rd (5.387204, 52.155172, &x, &y);
  g_assert_cmpfloat (hypot (x - 155000, y - 463000), <, 1.0);
}

/* A square given in WGS84 around the RD origin comes out in RD metres. */
static void
test_reprojection_on_load (void)
{
  double x0, y0, x1, y1;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) ds = NULL;
  const WkUnit *u;

  wk_rd_to_lonlat (154500, 462500, &x0, &y0);
  wk_rd_to_lonlat (155500, 463500, &x1, &y1);
  text = g_strdup_printf ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                          "\"properties\":{\"BU_CODE\":\"X\",\"AANT_INW\":1},\"geometry\":{\"type\":\"Polygon\","
                          "\"coordinates\":[[[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f]]]}}]}",
                          x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
  path = wk_test_write_file ("wgs84.geojson", text);
  options = wk_load_options_new (path);
  ds = wk_test_load (options);
  u = wk_dataset_get_unit (ds, 0);
  /* the centre of the square is the RD origin, within 1 m */
  g_assert_cmpfloat (hypot (u->cx - 155000, u->cy - 463000), <, 1.0);
  g_assert_cmpstr (wk_dataset_get_report (ds)->source_crs, ==, "EPSG:4326");
}

static void
test_cbs_secret_codes (void)
{
  gint64 pops[4] = { 100, -99999997, 250, -99999998 };
  g_autofree char *text = wk_test_grid_geojson (2, 2, 100, pops, NULL);
  g_autofree char *path = wk_test_write_file ("secret.geojson", text);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);
  g_autoptr(WkDataset) ds = wk_test_load (options);
  const WkLoadReport *report = wk_dataset_get_report (ds);
  gboolean mentioned = FALSE;

  g_assert_cmpint (wk_dataset_get_unit (ds, 0)->population, ==, 100);
  g_assert_cmpint (wk_dataset_get_unit (ds, 1)->population, ==, -1);
  g_assert_cmpint (wk_dataset_get_unit (ds, 3)->population, ==, -1);
  g_assert_cmpint (wk_dataset_get_total_population (ds), ==, 350);
  g_assert_cmpuint (report->n_secret_values, ==, 2);
  g_assert_cmpuint (report->n_unknown_population, ==, 2);
  for (guint i = 0; i < report->messages->len; i++)
    mentioned |= strstr (g_ptr_array_index (report->messages, i), "secret") != NULL;
  g_assert_true (mentioned);
}

static void
test_invalid_and_empty_geometry (void)
{
  const char *text =
    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:28992\"}},"
    "\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"BOW\",\"AANT_INW\":10},\"geometry\":{\"type\":\"Polygon\","
    " \"coordinates\":[[[155000,463000],[155100,463100],[155100,463000],[155000,463100],[155000,463000]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"EMPTY\",\"AANT_INW\":10},\"geometry\":null},"
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"OK\",\"AANT_INW\":10},\"geometry\":{\"type\":\"Polygon\","
    " \"coordinates\":[[[155200,463000],[155300,463000],[155300,463100],[155200,463100],[155200,463000]]]}}"
    "]}";
  g_autofree char *path = wk_test_write_file ("broken.geojson", text);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);
  g_autoptr(WkDataset) ds = wk_test_load (options);
  const WkLoadReport *report = wk_dataset_get_report (ds);

  g_assert_cmpuint (wk_dataset_get_n_units (ds), ==, 2);
  g_assert_cmpuint (report->n_repaired, ==, 1);
  g_assert_cmpuint (report->n_empty, ==, 1);
  g_assert_cmpuint (wk_dataset_lookup_code (ds, "EMPTY"), ==, WK_UNIT_NONE);
  /* the bow-tie became two triangles of 2,500 m² each */
  g_assert_cmpfloat_with_epsilon (wk_dataset_get_unit (ds, wk_dataset_lookup_code (ds, "BOW"))->area_m2,
                                  5000.0, 1e-6);
}

static void
assert_load_error (const char *path,
                   int         code,
                   const char *mentions)
{
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WkDataset) ds = wk_dataset_load (options, NULL, NULL, &error);

  g_assert_null (ds);
  g_assert_error (error, WK_DATASET_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, mentions));
}

static void
test_load_errors (void)
{
  g_autofree char *garbage = wk_test_write_file ("garbage.geojson", "\x7f\x45\x4c\x46 not a map");
  g_autofree char *points = wk_test_write_file ("points.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"P\","
    "\"AANT_INW\":3},\"geometry\":{\"type\":\"Point\",\"coordinates\":[5.1,52.1]}}]}");
  g_autofree char *nopop = wk_test_write_file ("nopop.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"P\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[5.1,52.1],[5.2,52.1],[5.2,52.2],[5.1,52.1]]]}}]}");
  g_autofree char *swapped = wk_test_write_file ("swapped.geojson",
    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:28992\"}},"
    "\"features\":[{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"P\",\"AANT_INW\":5},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[5.1,52.1],[5.2,52.1],[5.2,52.2],[5.1,52.1]]]}}]}");

  assert_load_error ("/nonexistent/buurten.geojson", WK_DATASET_ERROR_OPEN, "buurten.geojson");
  assert_load_error (garbage, WK_DATASET_ERROR_OPEN, "garbage.geojson");
  assert_load_error (points, WK_DATASET_ERROR_NO_LAYER, "points.geojson");
  assert_load_error (nopop, WK_DATASET_ERROR_NO_FIELD, "population");
  assert_load_error (swapped, WK_DATASET_ERROR_WRONG_CRS, "swapped.geojson");
}

static void
test_role_override (void)
{
  g_autofree char *text = wk_test_grid_geojson (2, 1, 100, NULL, NULL);
  g_autofree char *path = wk_test_write_file ("override.geojson", text);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WkDataset) ds = NULL;

  /* the name as code */
  options->role_fields[WK_ROLE_CODE] = g_strdup ("bu_naam");
  ds = wk_test_load (options);
  g_assert_cmpstr (wk_dataset_get_unit (ds, 1)->code, ==, "Unit 1");
  g_assert_cmpstr (wk_dataset_get_role_field (ds, WK_ROLE_CODE), ==, "BU_NAAM");
  g_clear_object (&ds);

  /* a field that is not there */
  g_free (options->role_fields[WK_ROLE_CODE]);
  options->role_fields[WK_ROLE_CODE] = g_strdup ("NOPE");
  ds = wk_dataset_load (options, NULL, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD);
  g_assert_nonnull (strstr (error->message, "NOPE"));
}

static void
test_detect_roles (void)
{
  const char *cbs[] = { "BU_CODE", "BU_NAAM", "GM_CODE", "GM_NAAM", "AANT_INW", "P_65_EO_JR", NULL };
  const char *pdok[] = { "buurtcode", "buurtnaam", "gemeentecode", "aantal_inwoners",
                         "percentage_personen_65_jaar_en_ouder", NULL };
  g_autofree char *code = wk_detect_role_field (cbs, WK_ROLE_CODE, NULL, NULL);
  g_autofree char *pop = wk_detect_role_field (pdok, WK_ROLE_POPULATION, NULL, NULL);
  g_autofree char *p65 = NULL;
  gboolean share = FALSE;

  g_assert_cmpstr (code, ==, "BU_CODE");
  g_assert_cmpstr (pop, ==, "aantal_inwoners");
  p65 = wk_detect_role_field (pdok, WK_ROLE_POP65, NULL, &share);
  g_assert_cmpstr (p65, ==, "percentage_personen_65_jaar_en_ouder");
  g_assert_true (share);
}

/* The sample: 65+ as a share becomes a count; CSV providers with RD x/y and
 * lon/lat both land in their buurt. */
static void
test_sample_providers (void)
{
  g_autoptr(WkDataset) ds = wk_test_sample_dataset ();
  const WkLoadReport *report = wk_dataset_get_report (ds);
  guint n_in_unit = 0, n_dispensing = 0;

  g_assert_cmpuint (wk_dataset_get_n_units (ds), >=, 30);
  g_assert_cmpuint (wk_dataset_get_n_units (ds), <=, 80);
  g_assert_true (wk_dataset_pop65_is_share (ds));
  for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
    {
      const WkUnit *unit = wk_dataset_get_unit (ds, u);

      if (unit->population > 0)
        {
          g_assert_cmpfloat (unit->pop65, >, 0);
          g_assert_cmpfloat (unit->pop65, <, unit->population);
        }
    }
  g_assert_cmpuint (report->n_providers[WK_PROVIDER_GP], >, 0);
  g_assert_cmpuint (report->n_providers[WK_PROVIDER_PHARMACY], >, 0);
  g_assert_cmpuint (report->n_providers[WK_PROVIDER_NURSING], >, 0);
  for (guint p = 0; p < wk_dataset_get_n_providers (ds); p++)
    {
      const WkProvider *prov = wk_dataset_get_provider (ds, p);

      if (prov->unit != WK_UNIT_NONE)
        n_in_unit++;
      if (prov->dispensing)
        n_dispensing++;
      if (prov->kind == WK_PROVIDER_GP)
        g_assert_true (isfinite (prov->capacity_fte));
    }
  g_assert_cmpuint (n_in_unit, ==, wk_dataset_get_n_providers (ds));
  g_assert_cmpuint (n_dispensing, ==, 1);
  g_assert_true (wk_dataset_has_boundary (ds));
  /* polygons (one per wijk) and groups (HAGROs) */
  g_assert_cmpuint (wk_dataset_get_n_networks (ds), >, 5);
}

/* The real Woerden buurten: counts and the population total read with
 * plain OGR calls agree with the loader. */
static void
test_woerden (void)
{
  g_autofree char *path = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  g_autofree char *rd_path = NULL;
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) ds = NULL;
  g_autoptr(WkDataset) rd = NULL;
  GDALDatasetH raw;
  OGRLayerH layer;
  OGRFeatureH f;
  gint64 total = 0;
  int n = 0;

  if (path == NULL)
    return;
  raw = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  layer = GDALDatasetGetLayer (raw, 0);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      total += OGR_F_GetFieldAsInteger64 (f, OGR_F_GetFieldIndex (f, "AANT_INW"));
      n++;
      OGR_F_Destroy (f);
    }
  GDALClose (raw);

  options = wk_load_options_new (path);
  ds = wk_test_load (options);
  g_assert_cmpint (wk_dataset_get_n_units (ds), ==, n);
  g_assert_cmpint (wk_dataset_get_total_population (ds), ==, total);
  g_assert_cmpint (total, ==, 52875);

  /* the RD copy gives the same units with the same areas (within 0.1 %) */
  rd_path = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019_rd.gpkg");
  g_clear_pointer (&options, wk_load_options_free);
  options = wk_load_options_new (rd_path);
  rd = wk_test_load (options);
  g_assert_cmpuint (wk_dataset_get_n_units (rd), ==, wk_dataset_get_n_units (ds));
  for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
    {
      const WkUnit *a = wk_dataset_get_unit (ds, u);
      const WkUnit *b = wk_dataset_get_unit (rd, wk_dataset_lookup_code (rd, a->code));
      guint na, nb;

      g_assert_cmpfloat (fabs (a->area_m2 - b->area_m2) / a->area_m2, <, 1e-3);
      wk_dataset_get_neighbours (ds, u, NULL, &na);
      wk_dataset_get_neighbours (rd, wk_dataset_lookup_code (rd, a->code), NULL, &nb);
      g_assert_cmpuint (na, ==, nb);
      g_assert_cmpuint (na, >, 0);
    }
}

/* A long edge with two neighbours on its other side, which split it at a
 * vertex it does not have (a T-junction): the segments are not identical,
 * yet each neighbour shares 100 m with it. */
static void
test_t_junction (void)
{
  const char *text =
    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:28992\"}},"
    "\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"LONG\",\"AANT_INW\":10},\"geometry\":{\"type\":\"Polygon\","
    " \"coordinates\":[[[155000,463000],[155200,463000],[155200,463100],[155000,463100],[155000,463000]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"WEST\",\"AANT_INW\":10},\"geometry\":{\"type\":\"Polygon\","
    " \"coordinates\":[[[155000,463100],[155100,463100],[155100,463200],[155000,463200],[155000,463100]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"EAST\",\"AANT_INW\":10},\"geometry\":{\"type\":\"Polygon\","
    " \"coordinates\":[[[155100,463100],[155200,463100],[155200,463200],[155100,463200],[155100,463100]]]}}"
    "]}";
  g_autofree char *path = wk_test_write_file ("t-junction.geojson", text);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);
  g_autoptr(WkDataset) ds = wk_test_load (options);
  const double *lengths;
  const guint *nb;
  guint n;

  nb = wk_dataset_get_neighbours (ds, 0, &lengths, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (nb[0], ==, 1);
  g_assert_cmpuint (nb[1], ==, 2);
  g_assert_cmpfloat_with_epsilon (lengths[0], 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lengths[1], 100.0, 1e-9);
  /* WEST and EAST share their identical 100 m edge */
  g_assert_true (wk_dataset_are_adjacent (ds, 1, 2, 99.9));
}

/* The neighbours found by matching segments are exactly those GEOS finds,
 * with the same shared lengths: checked against GEOS for every pair of
 * units whose boxes touch. */
static void
assert_adjacency_is_geos (WkDataset *ds)
{
  guint n = wk_dataset_get_n_units (ds);
  guint n_pairs = 0;

  for (guint a = 0; a < n; a++)
    {
      const WkUnit *ua = wk_dataset_get_unit (ds, a);

      for (guint b = a + 1; b < n; b++)
        {
          const WkUnit *ub = wk_dataset_get_unit (ds, b);
          double expected = 0.0, got = 0.0;
          const double *lengths;
          const guint *nb;
          guint n_nb;

          if (ua->xmax < ub->xmin || ub->xmax < ua->xmin || ua->ymax < ub->ymin || ub->ymax < ua->ymin)
            continue;
          expected = wk_geos_shared_length (_wk_dataset_get_geometry (ds, a),
                                            _wk_dataset_get_geometry (ds, b));
          nb = wk_dataset_get_neighbours (ds, a, &lengths, &n_nb);
          for (guint k = 0; k < n_nb; k++)
            if (nb[k] == b)
              got = lengths[k];
          g_assert_cmpint (got > 0.0, ==, expected > 0.0);
          g_assert_cmpfloat (fabs (got - expected), <=, 1e-9 * MAX (expected, 1.0));
          n_pairs += got > 0.0;
        }
    }
  g_assert_cmpuint (n_pairs, >, n / 2);
}

/* A brick wall: every corner of a brick lies inside the long edge of a
 * brick above or below it, so every pair of rows is measured by GEOS, in
 * every band of the adjacency's grid; two loads give the same lengths to
 * the last bit. */
static void
test_adjacency_bricks (void)
{
  g_autoptr(GString) text = g_string_new (
    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
    "{\"name\":\"EPSG:28992\"}},\"features\":[");
  g_autofree char *path = NULL;
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) ds = NULL;
  g_autoptr(WkDataset) again = NULL;

  for (guint r = 0; r < 40; r++)
    for (guint c = 0; c < 12; c++)
      {
        double x = 150000 + 200.0 * c + (r % 2) * 100.0, y = 460000 + 100.0 * r;

        g_string_append_printf (text, "%s{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":"
                                "\"B%u_%u\",\"AANT_INW\":1},\"geometry\":{\"type\":\"Polygon\","
                                "\"coordinates\":[[[%.0f,%.0f],[%.0f,%.0f],[%.0f,%.0f],[%.0f,%.0f],"
                                "[%.0f,%.0f]]]}}", r + c > 0 ? "," : "", r, c,
                                x, y, x + 200, y, x + 200, y + 100, x, y + 100, x, y);
      }
  g_string_append (text, "]}");
  path = wk_test_write_file ("bricks.geojson", text->str);
  options = wk_load_options_new (path);
  ds = wk_test_load (options);
  again = wk_test_load (options);
  assert_adjacency_is_geos (ds);
  for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
    {
      const double *lengths, *lengths_again;
      guint n, n_again;
      const guint *nb = wk_dataset_get_neighbours (ds, u, &lengths, &n);
      const guint *nb_again = wk_dataset_get_neighbours (again, u, &lengths_again, &n_again);

      /* two in its row and two above and below, fewer at the edges */
      g_assert_cmpuint (n, >=, 2);
      g_assert_true (ds->inexact[u]);
      g_assert_cmpmem (nb, n * sizeof (guint), nb_again, n_again * sizeof (guint));
      g_assert_cmpmem (lengths, n * sizeof (double), lengths_again, n_again * sizeof (double));
    }
}

/* A vertex of a third unit on an edge two units share identically: the
 * edge is searched once for both of them, and both are found. */
static void
test_adjacency_vertex_on_shared_edge (void)
{
  const char *text =
    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:28992\"}},"
    "\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"WEST\",\"AANT_INW\":10},\"geometry\":{\"type\":\"Polygon\","
    " \"coordinates\":[[[155000,463000],[155100,463000],[155100,463100],[155000,463100],[155000,463000]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"EAST\",\"AANT_INW\":10},\"geometry\":{\"type\":\"Polygon\","
    " \"coordinates\":[[[155100,463000],[155200,463000],[155200,463100],[155100,463100],[155100,463000]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"BU_CODE\":\"WEDGE\",\"AANT_INW\":10},\"geometry\":{\"type\":\"Polygon\","
    " \"coordinates\":[[[155050,463040],[155100,463050],[155050,463060],[155050,463040]]]}}"
    "]}";
  g_autofree char *path = wk_test_write_file ("vertex-on-shared-edge.geojson", text);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);
  g_autoptr(WkDataset) ds = wk_test_load (options);

  for (guint u = 0; u < 3; u++)
    g_assert_true (ds->inexact[u]);
  g_assert_true (wk_dataset_are_adjacent (ds, 0, 1, 99.9));
  g_assert_false (wk_dataset_are_adjacent (ds, 0, 2, 0.001));
  g_assert_false (wk_dataset_are_adjacent (ds, 1, 2, 0.001));
}

static void
test_adjacency_is_geos (void)
{
  g_autoptr(WkDataset) sample = wk_test_sample_dataset ();
  g_autofree char *path = wk_test_shared_data ("cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson");
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) utrecht = NULL;

  assert_adjacency_is_geos (sample);
  if (path == NULL)
    return;
  options = wk_load_options_new (path);
  utrecht = wk_test_load (options);
  assert_adjacency_is_geos (utrecht);
}

/* The outlines for drawing are interpolated from a grid of PROJ results:
 * within 3 cm of PROJ itself, and shared vertices stay shared. */
static void
test_lonlat_outlines (void)
{
  g_autoptr(WkDataset) ds = wk_test_sample_dataset ();
  g_autoptr(WkLonLatGrid) grid = _wk_lonlat_grid_new (0, 300000, 280000, 620000);
  double worst = 0.0;

  for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
    {
      const WkOutline *rd = wk_dataset_get_outline (ds, u, FALSE);
      const WkOutline *ll = wk_dataset_get_outline (ds, u, TRUE);

      g_assert_cmpuint (rd->n_points, ==, ll->n_points);
      g_assert_cmpuint (rd->n_rings, ==, ll->n_rings);
      for (guint p = 0; p < rd->n_points; p++)
        {
          double lon, lat;

          wk_rd_to_lonlat (rd->xy[2 * p], rd->xy[2 * p + 1], &lon, &lat);
          worst = MAX (worst, hypot ((ll->xy[2 * p] - lon) * 111320 * cos (lat * G_PI / 180),
                                     (ll->xy[2 * p + 1] - lat) * 111320));
        }
    }
  g_assert_cmpfloat (worst, <, 0.03);

  /* across the whole country, at random points */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    WkOutline rd = { 0 }, ll = { 0 };
    guint ring_end = 500;

    rd.n_rings = 1;
    rd.ring_ends = &ring_end;
    rd.n_points = 500;
    rd.xy = g_new (double, 1000);
    for (guint p = 0; p < 500; p++)
      {
        rd.xy[2 * p] = g_rand_double_range (rand, 10000, 270000);
        rd.xy[2 * p + 1] = g_rand_double_range (rand, 310000, 610000);
      }
    _wk_outline_to_lonlat_grid (grid, &rd, &ll);
    for (guint p = 0; p < 500; p++)
      {
        double lon, lat;

        wk_rd_to_lonlat (rd.xy[2 * p], rd.xy[2 * p + 1], &lon, &lat);
        g_assert_cmpfloat (hypot ((ll.xy[2 * p] - lon) * 111320 * cos (lat * G_PI / 180),
                                  (ll.xy[2 * p + 1] - lat) * 111320), <, 0.03);
      }
    g_free (rd.xy);
    _wk_outline_clear (&ll);
  }
}

typedef struct
{
  guint *seen;
  guint  n_calls;
} ParallelCount;

static void
count_chunk (gpointer data,
             guint    begin,
             guint    end)
{
  ParallelCount *count = data;

  g_assert_cmpuint (begin, <, end);
  for (guint i = begin; i < end; i++)
    g_atomic_int_inc (&count->seen[i]);
  g_atomic_int_inc (&count->n_calls);
}

/* Every item is handed out exactly once, whatever the sizes. */
/* `info` and the loader share one classifier: a surface of polygons is a
 * polygon to both, and the loader reads it as one. */
static void
test_polygon_surfaces (void)
{
  const char *text =
    "WKT,BU_CODE,AANT_INW\n"
    "\"TRIANGLE ((155000 463000,155100 463000,155000 463100,155000 463000))\",TRI,10\n"
    "\"TIN (((155100 463000,155200 463000,155100 463100,155100 463000)),"
    "((155200 463000,155200 463100,155100 463100,155200 463000)))\",TIN,20\n"
    "\"POLYHEDRALSURFACE (((155200 463000,155300 463000,155300 463100,155200 463100,"
    "155200 463000)))\",PHS,30\n"
    "\"LINESTRING (155300 463000,155400 463100)\",LINE,40\n";
  g_autofree char *path = wk_test_write_file ("surfaces.csv", text);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);
  g_autoptr(WkDataset) ds = wk_test_load (options);
  const WkLoadReport *report = wk_dataset_get_report (ds);
  OGRwkbGeometryType surfaces[] = { wkbTriangle, wkbTIN, wkbPolyhedralSurface, wkbTINZ,
                                    wkbPolyhedralSurfaceZ, wkbTriangleM };

  for (guint i = 0; i < G_N_ELEMENTS (surfaces); i++)
    g_assert_cmpint (_wk_geometry_kind_of (surfaces[i]), ==, WK_GEOMETRY_POLYGON);
  g_assert_cmpint (_wk_geometry_kind_of (wkbMultiSurface), ==, WK_GEOMETRY_POLYGON);
  g_assert_cmpint (_wk_geometry_kind_of (wkbCompoundCurve), ==, WK_GEOMETRY_LINE);
  g_assert_cmpint (_wk_geometry_kind_of (wkbMultiPoint25D), ==, WK_GEOMETRY_POINT);
  g_assert_cmpint (_wk_geometry_kind_of (wkbUnknown), ==, WK_GEOMETRY_UNKNOWN);

  g_assert_cmpuint (wk_dataset_get_n_units (ds), ==, 3);
  g_assert_cmpfloat_with_epsilon (wk_dataset_get_unit (ds, wk_dataset_lookup_code (ds, "TRI"))->area_m2,
                                  5000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (wk_dataset_get_unit (ds, wk_dataset_lookup_code (ds, "TIN"))->area_m2,
                                  10000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (wk_dataset_get_unit (ds, wk_dataset_lookup_code (ds, "PHS"))->area_m2,
                                  10000.0, 1e-6);
  g_assert_cmpuint (wk_dataset_lookup_code (ds, "LINE"), ==, WK_UNIT_NONE);
  g_assert_cmpuint (report->n_not_polygon, ==, 1);
  g_assert_true (wk_dataset_are_adjacent (ds, wk_dataset_lookup_code (ds, "TIN"),
                                          wk_dataset_lookup_code (ds, "PHS"), 1.0));
}

static void
test_parallel_for (void)
{
  guint sizes[] = { 0, 1, 7, 1000, 100003 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree guint *seen = g_new0 (guint, sizes[s] + 1);
      ParallelCount count = { seen, 0 };

      _wk_parallel_for (sizes[s], 16, count_chunk, &count);
      for (guint i = 0; i < sizes[s]; i++)
        g_assert_cmpuint (seen[i], ==, 1);
      g_assert_cmpuint (count.n_calls, <=, MAX (sizes[s], 1));
      g_assert_cmpuint (count.n_calls > 0, ==, sizes[s] > 0);
    }
  g_assert_cmpuint (_wk_parallel_n_threads (10, 64), ==, 1);
  g_assert_cmpuint (_wk_parallel_n_threads (1000000, 64), >=, 1);
}

static void
test_lookup_and_lasso (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (4, 4, 100.0);
  g_autoptr(GArray) inside = NULL;
  double lasso[] = {
    WK_TEST_ORIGIN_X + 10, WK_TEST_ORIGIN_Y + 10,
    WK_TEST_ORIGIN_X + 190, WK_TEST_ORIGIN_Y + 10,
    WK_TEST_ORIGIN_X + 190, WK_TEST_ORIGIN_Y + 190,
    WK_TEST_ORIGIN_X + 10, WK_TEST_ORIGIN_Y + 190,
  };

  g_assert_cmpuint (wk_dataset_lookup_point (grid, WK_TEST_ORIGIN_X + 250, WK_TEST_ORIGIN_Y + 150), ==, 6);
  g_assert_cmpuint (wk_dataset_lookup_point (grid, WK_TEST_ORIGIN_X - 5, WK_TEST_ORIGIN_Y), ==, WK_UNIT_NONE);
  inside = wk_dataset_query_polygon (grid, lasso, 4);
  g_assert_cmpuint (inside->len, ==, 4);
  g_assert_cmpuint (g_array_index (inside, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (inside, guint, 3), ==, 5);
}

/* wk_dataset_outline_to_lonlat() gives, bit for bit, the points of the
 * outlines for drawing (units, networks, boundary), before and after they
 * are made; including outlines the grid does not cover (PROJ). */
static void
assert_same_lonlat (WkDataset       *ds G_GNUC_UNUSED,
                    const WkOutline *rd,
                    const double    *xy,
                    const WkOutline *ll)
{
  g_assert_cmpuint (rd->n_points, ==, ll->n_points);
  if (rd->n_points > 0)
    g_assert_cmpmem (xy, sizeof (double) * 2 * rd->n_points, ll->xy,
                     sizeof (double) * 2 * ll->n_points);
}

static void
test_outline_to_lonlat (void)
{
  g_autoptr(WkDataset) ds = wk_test_sample_dataset ();
  guint n = wk_dataset_get_n_units (ds);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_free);
  WkOutline far = { 0 }, far_ll = { 0 };
  guint far_end = 3;
  double far_xy[6] = { 100000, 400000, 250000, 600000, 100000, 400000 }, out[6];

  /* before the data set made its own: only the RD outlines exist */
  for (guint u = 0; u < n; u++)
    {
      const WkOutline *rd = wk_dataset_get_outline (ds, u, FALSE);
      double *xy = g_new (double, 2 * MAX (rd->n_points, 1));

      wk_dataset_outline_to_lonlat (ds, rd, xy);
      g_ptr_array_add (units, xy);
    }
  for (guint u = 0; u < n; u++)
    assert_same_lonlat (ds, wk_dataset_get_outline (ds, u, FALSE), g_ptr_array_index (units, u),
                        wk_dataset_get_outline (ds, u, TRUE));
  g_assert_cmpuint (wk_dataset_get_n_networks (ds), >, 0);
  for (guint i = 0; i < wk_dataset_get_n_networks (ds); i++)
    {
      const WkOutline *rd = wk_dataset_get_network_outline (ds, i, FALSE);
      g_autofree double *xy = NULL;

      /* a group of networks has no outline */
      if (rd == NULL)
        {
          g_assert_null (wk_dataset_get_network_outline (ds, i, TRUE));
          continue;
        }
      xy = g_new (double, 2 * MAX (rd->n_points, 1));
      wk_dataset_outline_to_lonlat (ds, rd, xy);
      assert_same_lonlat (ds, rd, xy, wk_dataset_get_network_outline (ds, i, TRUE));
    }
  g_assert_true (wk_dataset_has_boundary (ds));
  {
    const WkOutline *rd = wk_dataset_get_boundary_outline (ds, FALSE);
    g_autofree double *xy = g_new (double, 2 * MAX (rd->n_points, 1));

    wk_dataset_outline_to_lonlat (ds, rd, xy);
    assert_same_lonlat (ds, rd, xy, wk_dataset_get_boundary_outline (ds, TRUE));
  }

  /* far beyond the sample's grid: PROJ, as the outlines for drawing */
  far.n_rings = 1;
  far.ring_ends = &far_end;
  far.n_points = 3;
  far.xy = far_xy;
  wk_dataset_outline_to_lonlat (ds, &far, out);
  _wk_outline_to_lonlat (&far, &far_ll);
  assert_same_lonlat (ds, &far, out, &far_ll);
  _wk_outline_clear (&far_ll);
}

int
main (int   argc,
      char *argv[])
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/core/dataset/grid-adjacency", test_grid_adjacency);
  g_test_add_func ("/core/dataset/short-and-point-contact", test_short_and_point_contact);
  g_test_add_func ("/core/dataset/reprojection-known-point", test_reprojection_known_point);
  g_test_add_func ("/core/dataset/reprojection-on-load", test_reprojection_on_load);
  g_test_add_func ("/core/dataset/cbs-secret-codes", test_cbs_secret_codes);
  g_test_add_func ("/core/dataset/invalid-and-empty-geometry", test_invalid_and_empty_geometry);
  g_test_add_func ("/core/dataset/load-errors", test_load_errors);
  g_test_add_func ("/core/dataset/role-override", test_role_override);
  g_test_add_func ("/core/dataset/detect-roles", test_detect_roles);
  g_test_add_func ("/core/dataset/sample-providers", test_sample_providers);
  g_test_add_func ("/core/dataset/woerden", test_woerden);
  g_test_add_func ("/core/dataset/lookup-and-lasso", test_lookup_and_lasso);
  g_test_add_func ("/core/dataset/t-junction", test_t_junction);
  g_test_add_func ("/core/dataset/adjacency-is-geos", test_adjacency_is_geos);
  g_test_add_func ("/core/dataset/adjacency-bricks", test_adjacency_bricks);
  g_test_add_func ("/core/dataset/adjacency-vertex-on-shared-edge",
                   test_adjacency_vertex_on_shared_edge);
  g_test_add_func ("/core/dataset/lonlat-outlines", test_lonlat_outlines);
  g_test_add_func ("/core/dataset/outline-to-lonlat", test_outline_to_lonlat);
  g_test_add_func ("/core/dataset/parallel-for", test_parallel_for);
  g_test_add_func ("/core/dataset/polygon-surfaces", test_polygon_surfaces);
  return g_test_run ();
}
