/* wk-bench-gdal.c: what GDAL alone takes for the same work, as the yardstick
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-bench"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wk-bench.h"
#include "wk-dataset-private.h"
#include "wk-gdal-private.h"

static guint64
count_vertices (OGRGeometryH geom)
{
  int n = OGR_G_GetGeometryCount (geom);
  guint64 total = 0;

  if (n == 0)
    return OGR_G_GetPointCount (geom);
  for (int i = 0; i < n; i++)
    total += count_vertices (OGR_G_GetGeometryRef (geom, i));
  return total;
}

/**
 * wk_bench_gdal_read:
 * @layer: (nullable): the layer, or the first one
 * @seconds: (out): wall-clock time of the read
 * @n_vertices: (out): vertices of all geometries
 *
 * A plain GDAL read of all features and their geometries: open, fetch
 * every feature (which parses its fields and geometry), look at its
 * geometry, close.  Nothing else.
 */
gboolean
wk_bench_gdal_read (const char  *path,
                    const char  *layer_name,
                    double      *seconds,
                    guint64     *n_vertices,
                    GError     **error)
{
  double start = wk_bench_now ();
  g_auto(GDALDatasetH) ds = NULL;
  g_auto(OGRFeatureH) feature = NULL;
  OGRLayerH layer;
  guint64 vertices = 0;

  ds = _wk_open_vector (path, NULL, error);
  if (ds == NULL)
    return FALSE;
  layer = layer_name ? GDALDatasetGetLayerByName (ds, layer_name) : GDALDatasetGetLayer (ds, 0);
  if (layer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” has no layer “%s”."),
                   path, layer_name ? layer_name : "0");
      return FALSE;
    }
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (feature);

      if (g != NULL)
        vertices += count_vertices (g);
      g_clear_pointer (&feature, OGR_F_Destroy);
    }
  g_clear_pointer (&ds, GDALClose);
  *seconds = wk_bench_now () - start;
  *n_vertices = vertices;
  return TRUE;
}

/**
 * wk_bench_write_assigned:
 *
 * Writes the units (RD New, as the core holds them) with the id of their
 * area to a GeoPackage, layer “units”, geometry column “geometry”, for
 * ogr2ogr to dissolve.
 */
gboolean
wk_bench_write_assigned (WkPlan      *plan,
                         const char  *path,
                         GError     **error)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  WkDataset *dataset = wk_plan_get_dataset (plan);
  GDALDriverH driver = GDALGetDriverByName ("GPKG");
  g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
  const char *layer_options[] = { "GEOMETRY_NAME=geometry", "SPATIAL_INDEX=NO", NULL };
  GEOSWKBWriter *writer;
  g_auto(GDALDatasetH) ds = NULL;
  OGRFieldDefnH fd;
  OGRLayerH layer;

  g_unlink (path);
  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  if (ds == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” could not be written."), path);
      return FALSE;
    }
  layer = GDALDatasetCreateLayer (ds, "units", rd, wkbMultiPolygon, (char **) layer_options);
  fd = OGR_Fld_Create ("area", OFTInteger);
  OGR_L_CreateField (layer, fd, TRUE);
  OGR_Fld_Destroy (fd);

  writer = GEOSWKBWriter_create_r (ctx);
  GDALDatasetStartTransaction (ds, FALSE);
  for (guint u = 0; u < wk_dataset_get_n_units (dataset); u++)
    {
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      size_t size = 0;
      unsigned char *wkb = GEOSWKBWriter_write_r (ctx, writer, _wk_dataset_get_geometry (dataset, u),
                                                  &size);
      OGRGeometryH g = NULL;

      OGR_G_CreateFromWkb (wkb, NULL, &g, (int) size);
      GEOSFree_r (ctx, wkb);
      OGR_F_SetFieldInteger (f, 0, (int) wk_plan_get_unit_area (plan, u));
      if (g != NULL)
        OGR_F_SetGeometryDirectly (f, OGR_G_ForceToMultiPolygon (g));
      if (OGR_L_CreateFeature (layer, f) != OGRERR_NONE)
        g_debug ("unit %u could not be written", u);
      OGR_F_Destroy (f);
    }
  GDALDatasetCommitTransaction (ds);
  GEOSWKBWriter_destroy_r (ctx, writer);
  return TRUE;
}

/**
 * wk_bench_ogr2ogr_dissolve:
 * @seconds: (out): wall-clock time of the ogr2ogr process
 *
 * Dissolves the units of wk_bench_write_assigned() per area the way a GIS
 * colleague would: ogr2ogr with SQLite's ST_Union … GROUP BY.
 */
gboolean
wk_bench_ogr2ogr_dissolve (const char  *input,
                           const char  *output,
                           double      *seconds,
                           GError     **error)
{
  const char *argv[] = {
    "ogr2ogr", "-f", "GPKG", output, input, "-nln", "areas", "-dialect", "SQLite", "-sql",
    "SELECT ST_Union(geometry) AS geometry, area FROM units GROUP BY area", NULL
  };
  g_autofree char *err = NULL;
  double start;
  int status = 0;

  g_unlink (output);
  start = wk_bench_now ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, error))
    return FALSE;
  *seconds = wk_bench_now () - start;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("ogr2ogr failed: %s"),
                   err ? g_strstrip (err) : "?");
      return FALSE;
    }
  return TRUE;
}
