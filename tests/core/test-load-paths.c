/* test-load-paths.c: the units loaded in batches on all cores equal those
 * of the one-feature-at-a-time path, and the lon/lat outlines made on first
 * use equal PROJ's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <math.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-geos-private.h"
#include "wk-loader-private.h"
#include "wk-test-util.h"

/* The WKB reprojected later by a clone of @reproj's transformation (as the
 * loader's workers do) is byte for byte the WKB reprojected by
 * OGR_G_Transform(), or refused with the same reason; @wkb is the latter.
 * Returns whether the reprojection was deferred. */
static gboolean
assert_deferred_equal (OGRFeatureH                   feature,
                       const Reprojection           *reproj,
                       OGRCoordinateTransformationH  clone,
                       const guchar                 *wkb,
                       gsize                         size,
                       const char                   *why)
{
  g_autofree char *later_why = NULL;
  gsize later_size = 0;
  gboolean closed = FALSE, deferred = FALSE;
  g_autofree guchar *later = _wk_loader_feature_wkb (feature, reproj, WK_GEOMETRY_POLYGON,
                                                     &later_size, &closed, &deferred,
                                                     &later_why);

  if (later != NULL && deferred && !_wk_loader_wkb_to_rd (later, later_size, clone, &later_why))
    g_clear_pointer (&later, g_free);
  g_assert_cmpstr (later_why, ==, why);
  if (wkb != NULL)
    g_assert_cmpmem (later, later_size, wkb, size);
  else
    g_assert_null (later);
  return deferred;
}

/* The GEOS geometry built from the WKB's coordinate arrays is exactly the
 * one GEOS's WKB reader makes, and the WKB reprojected later is the same.
 * Returns whether the arrays were used; counts the deferred ones in
 * *@n_deferred. */
static gboolean
assert_wkb_paths_equal (OGRFeatureH                   feature,
                        const Reprojection           *reproj,
                        OGRCoordinateTransformationH  clone,
                        guint                        *n_deferred)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autofree char *why = NULL;
  gsize size = 0;
  gboolean closed = FALSE;
  g_autofree guchar *wkb = _wk_loader_feature_wkb (feature, reproj, WK_GEOMETRY_POLYGON,
                                                   &size, &closed, NULL, &why);
  g_autoptr(WkGeosGeometry) fast = NULL;
  g_autoptr(WkGeosGeometry) reader = NULL;

  *n_deferred += assert_deferred_equal (feature, reproj, clone, wkb, size, why);
  if (wkb == NULL)
    return FALSE;
  fast = _wk_loader_polygons_from_wkb (wkb, size);
  reader = wk_geos_from_wkb (wkb, size);
  if (fast == NULL)
    return FALSE;
  g_assert_nonnull (reader);
  g_assert_cmpint (GEOSGeomTypeId_r (ctx, fast), ==, GEOSGeomTypeId_r (ctx, reader));
  g_assert_cmpint (GEOSGetNumGeometries_r (ctx, fast), ==, GEOSGetNumGeometries_r (ctx, reader));
  g_assert_cmpint (GEOSGeom_getCoordinateDimension_r (ctx, fast), ==,
                   GEOSGeom_getCoordinateDimension_r (ctx, reader));
  g_assert_cmpint (GEOSEqualsExact_r (ctx, fast, reader, 0.0), ==, 1);
  return TRUE;
}

/* Reads @path's first layer again, feature by feature, through
 * _wk_loader_feature_geometry() on this thread alone, and asserts that
 * every unit of @ds has exactly the geometry and area that path gives its
 * feature, and that the geometries built from WKB arrays are GEOS's
 * reader's.  Returns how many units were repaired on that path. */
static guint
compare_with_serial (WkDataset  *ds,
                     const char *path)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GError) error = NULL;
  g_auto(GDALDatasetH) gds = _wk_open_vector (path, NULL, &error);
  g_autoptr(WkLoadReport) report = _wk_load_report_new ();
  g_autoptr(GHashTable) by_fid = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_auto(OGRFeatureH) feature = NULL;
  Reprojection reproj = { 0 };
  guint n = wk_dataset_get_n_units (ds), n_compared = 0, n_repaired = 0, n_fast = 0;
  guint n_deferred = 0;
  OGRCoordinateTransformationH clone = NULL;
  OGRLayerH layer;

  g_assert_no_error (error);
  layer = GDALDatasetGetLayer (gds, 0);
  g_assert_true (_wk_loader_resolve_crs (layer, NULL, "test", report, &reproj, &error));
  g_assert_no_error (error);
  if (reproj.ct != NULL)
    clone = OCTClone (reproj.ct);
  for (guint u = 0; u < n; u++)
    g_hash_table_insert (by_fid, (gpointer) &wk_dataset_get_unit (ds, u)->fid,
                         GUINT_TO_POINTER (u + 1));

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_autofree char *why = NULL;
      gboolean repaired = FALSE;
      gint64 fid = OGR_F_GetFID (feature);
      g_autoptr(WkGeosGeometry) g = _wk_loader_feature_geometry (feature, &reproj,
                                                                 WK_GEOMETRY_POLYGON,
                                                                 &repaired, &why);
      guint u = GPOINTER_TO_UINT (g_hash_table_lookup (by_fid, &fid));

      n_fast += assert_wkb_paths_equal (feature, &reproj, clone, &n_deferred);
      if (g == NULL)
        g_assert_cmpuint (u, ==, 0);
      else if (u > 0)
        {
          double area = 0.0;

          g_assert_cmpint (GEOSEqualsExact_r (ctx, g, _wk_dataset_get_geometry (ds, u - 1), 0.0),
                           ==, 1);
          g_assert_true (GEOSArea_r (ctx, g, &area));
          g_assert_cmpfloat (wk_dataset_get_unit (ds, u - 1)->area_m2, ==, area);
          n_compared++;
          n_repaired += repaired;
        }
      g_clear_pointer (&feature, OGR_F_Destroy);
    }
  g_clear_pointer (&clone, OCTDestroyCoordinateTransformation);
  /* lon/lat input: every unit was reprojected later, on the loader's workers */
  if (reproj.ct != NULL)
    g_assert_cmpuint (n_deferred, >=, n);
  else
    g_assert_cmpuint (n_deferred, ==, 0);
  _wk_loader_reprojection_clear (&reproj);
  g_assert_cmpuint (n_compared, ==, n);
  g_assert_cmpuint (n_fast, >=, n);   /* every unit's polygons are plain 2D ones */
  g_assert_cmpuint (n_repaired, ==, wk_dataset_get_report (ds)->n_repaired);
  return n_repaired;
}

/* The lon/lat outlines (through the grid) are PROJ's within 1e-6 degrees
 * (7 cm; the grid is within 3 cm), ring for ring, and the lon/lat extent
 * is exactly theirs. */
static void
check_lonlat (WkDataset *ds)
{
  double e[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double xmin, ymin, xmax, ymax;

  for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
    {
      const WkOutline *rd = wk_dataset_get_outline (ds, u, FALSE);
      const WkOutline *ll = wk_dataset_get_outline (ds, u, TRUE);
      WkOutline proj = { 0 };

      _wk_outline_to_lonlat (rd, &proj);
      g_assert_cmpuint (ll->n_rings, ==, rd->n_rings);
      g_assert_cmpuint (ll->n_points, ==, rd->n_points);
      g_assert_cmpmem (ll->ring_ends, sizeof (guint) * ll->n_rings,
                       rd->ring_ends, sizeof (guint) * rd->n_rings);
      for (guint p = 0; p < ll->n_points; p++)
        {
          g_assert_cmpfloat_with_epsilon (ll->xy[2 * p], proj.xy[2 * p], 1e-6);
          g_assert_cmpfloat_with_epsilon (ll->xy[2 * p + 1], proj.xy[2 * p + 1], 1e-6);
          e[0] = MIN (e[0], ll->xy[2 * p]);
          e[1] = MIN (e[1], ll->xy[2 * p + 1]);
          e[2] = MAX (e[2], ll->xy[2 * p]);
          e[3] = MAX (e[3], ll->xy[2 * p + 1]);
        }
      _wk_outline_clear (&proj);
    }
  wk_dataset_get_extent (ds, TRUE, &xmin, &ymin, &xmax, &ymax);
  g_assert_cmpfloat (xmin, ==, e[0]);
  g_assert_cmpfloat (ymin, ==, e[1]);
  g_assert_cmpfloat (xmax, ==, e[2]);
  g_assert_cmpfloat (ymax, ==, e[3]);
  g_assert_cmpfloat (xmin, >, 3.0);
  g_assert_cmpfloat (xmax, <, 7.5);
  g_assert_cmpfloat (ymin, >, 50.5);
  g_assert_cmpfloat (ymax, <, 53.7);
}

/* Real buurten: Woerden in RD (the features' own geometry is written as
 * WKB, not copied), Woerden, the province and the whole country in
 * longitude / latitude (reprojected on the workers), and the generated
 * sample. */
static void
test_real (gconstpointer data)
{
  const char *relative = data;
  g_autofree char *path = g_str_has_prefix (relative, "sample/")
    ? wk_test_sample_path (relative + strlen ("sample/")) : wk_test_shared_data (relative);
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) ds = NULL;

  if (path == NULL)
    return;
  options = wk_load_options_new (path);
  /* the national file has codes only */
  if (strstr (path, "nl_buurten") != NULL)
    options->role_fields[WK_ROLE_POPULATION] = g_strdup ("");
  ds = wk_test_load (options);
  g_assert_cmpuint (wk_dataset_get_n_units (ds), >, 20);
  compare_with_serial (ds, path);
  check_lonlat (ds);
}

/* 600 squares in RD, more than a batch: every 7th a bow tie (repaired),
 * every 11th with its ring left open (closed and said so), every 13th
 * empty (skipped), and each empty one's code used again by the next square,
 * which must be kept: the skipped feature never took the code. */
static void
test_repaired (void)
{
  g_autoptr(GString) text = g_string_new ("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":"
                                          "\"name\",\"properties\":{\"name\":"
                                          "\"urn:ogc:def:crs:EPSG::28992\"}},\"features\":[");
  g_autofree char *path = NULL;
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) ds = NULL;
  guint n_empty = 0;

  for (guint i = 0; i < 600; i++)
    {
      double x = WK_TEST_ORIGIN_X + 100.0 * (i % 30), y = WK_TEST_ORIGIN_Y + 100.0 * (i / 30);
      guint code = i % 13 == 1 ? i - 1 : i;

      g_string_append_printf (text, "%s{\"type\":\"Feature\",\"properties\":"
                              "{\"BU_CODE\":\"BU%04u\",\"AANT_INW\":%u},\"geometry\":",
                              i ? "," : "", code, 10 + i);
      if (i % 13 == 0)
        {
          g_string_append (text, "null}");
          n_empty++;
        }
      else if (i % 7 == 0)
        g_string_append_printf (text, "{\"type\":\"Polygon\",\"coordinates\":[[[%g,%g],[%g,%g],"
                                "[%g,%g],[%g,%g],[%g,%g]]]}}", x, y, x + 90, y + 90, x + 90, y,
                                x, y + 90, x, y);
      else
        {
          g_autofree char *last = i % 11 == 0 ? g_strdup ("") : g_strdup_printf (",[%g,%g]", x, y);

          g_string_append_printf (text, "{\"type\":\"Polygon\",\"coordinates\":[[[%g,%g],"
                                  "[%g,%g],[%g,%g],[%g,%g]%s]]}}", x, y, x + 90, y, x + 90, y + 90,
                                  x, y + 90, last);
        }
    }
  g_string_append (text, "]}");
  path = wk_test_write_file ("repaired.geojson", text->str);
  options = wk_load_options_new (path);
  ds = wk_test_load (options);
  g_assert_cmpuint (wk_dataset_get_n_units (ds), ==, 600 - n_empty);
  g_assert_cmpuint (wk_dataset_get_report (ds)->n_duplicate_codes, ==, 0);
  g_assert_cmpuint (compare_with_serial (ds, path), >=, 600 / 7 + 600 / 11 - 20);
}

typedef struct
{
  WkDataset        *ds;
  const WkOutline **seen;   /* per unit: the outline this thread was given */
} Reader;

static gpointer
read_lonlat (gpointer data)
{
  Reader *r = data;
  double xmin, ymin, xmax, ymax;

  wk_dataset_get_extent (r->ds, TRUE, &xmin, &ymin, &xmax, &ymax);
  for (guint u = 0; u < wk_dataset_get_n_units (r->ds); u++)
    r->seen[u] = wk_dataset_get_outline (r->ds, u, TRUE);
  return NULL;
}

/* Threads that ask for the lon/lat outlines at once all get the same ones,
 * made once. */
static void
test_lonlat_threads (void)
{
  g_autoptr(WkDataset) ds = wk_test_sample_dataset ();
  guint n = wk_dataset_get_n_units (ds);
  Reader readers[4];
  GThread *threads[4];

  for (guint t = 0; t < G_N_ELEMENTS (readers); t++)
    {
      readers[t].ds = ds;
      readers[t].seen = g_new0 (const WkOutline *, n);
      threads[t] = g_thread_new ("reader", read_lonlat, &readers[t]);
    }
  for (guint t = 0; t < G_N_ELEMENTS (readers); t++)
    g_thread_join (threads[t]);
  for (guint t = 0; t < G_N_ELEMENTS (readers); t++)
    {
      for (guint u = 0; u < n; u++)
        {
          g_assert_true (readers[t].seen[u] == readers[0].seen[u]);
          g_assert_cmpuint (readers[t].seen[u]->n_points, >, 3);
        }
    }
  for (guint t = 0; t < G_N_ELEMENTS (readers); t++)
    g_free (readers[t].seen);
  check_lonlat (ds);
}

typedef struct
{
  GCancellable *cancellable;
  gint64        delay;     /* µs */
} Canceller;

static gpointer
cancel_later (gpointer data)
{
  Canceller *c = data;

  g_usleep ((gulong) c->delay);
  g_cancellable_cancel (c->cancellable);
  return NULL;
}

/* A lon/lat load cancelled while the workers reproject (with batches in
 * flight and their transformations still to destroy) stops cleanly, or
 * ends with the whole data set. */
static void
test_cancel_lonlat (void)
{
  g_autofree char *path = wk_test_shared_data ("cbs-buurten-2019/nl_buurten_2019.gpkg");
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) reference = NULL;
  guint n_cancelled = 0;
  gint64 start, duration;

  if (path == NULL)
    return;
  options = wk_load_options_new (path);
  options->role_fields[WK_ROLE_POPULATION] = g_strdup ("");
  start = g_get_monotonic_time ();
  reference = wk_test_load (options);
  duration = g_get_monotonic_time () - start;
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(WkDataset) ds = NULL;
      Canceller c = { cancellable, duration * i / 8 };
      GThread *thread = g_thread_new ("cancel", cancel_later, &c);

      ds = wk_dataset_load (options, NULL, cancellable, &error);
      g_thread_join (thread);
      if (ds == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          n_cancelled++;
        }
      else
        g_assert_cmpuint (wk_dataset_get_n_units (ds), ==, wk_dataset_get_n_units (reference));
    }
  g_assert_cmpuint (n_cancelled, >, 0);
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);
  g_test_add_data_func ("/core/load-paths/woerden-rd",
                        "cbs-buurten-2019/woerden_buurten_2019_rd.gpkg", test_real);
  g_test_add_data_func ("/core/load-paths/woerden-lonlat",
                        "cbs-buurten-2019/woerden_buurten_2019.geojson", test_real);
  g_test_add_data_func ("/core/load-paths/nl",
                        "cbs-buurten-2019/nl_buurten_2019.gpkg", test_real);
  g_test_add_data_func ("/core/load-paths/province",
                        "cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson", test_real);
  g_test_add_data_func ("/core/load-paths/sample", "sample/units.geojson", test_real);
  g_test_add_func ("/core/load-paths/repaired", test_repaired);
  g_test_add_func ("/core/load-paths/lonlat-threads", test_lonlat_threads);
  g_test_add_func ("/core/load-paths/cancel-lonlat", test_cancel_lonlat);
  return g_test_run ();
}
