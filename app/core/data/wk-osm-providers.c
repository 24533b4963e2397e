/* wk-osm-providers.c: GP practices, pharmacies and district nursing from OpenStreetMap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GDAL's OSM driver reads .osm and .osm.pbf: tagged nodes come as
 * `points`, closed ways and multipolygon relations as `multipolygons`; the
 * tags that osmconf.ini does not name as fields are in `other_tags`, an
 * hstore text ("k"=>"v","k2"=>"v2").  The features are read in file order
 * through GDALDatasetGetNextFeature, which large extracts need.
 */

#define G_LOG_DOMAIN "wk-osm"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-gdal-private.h"
#include "wk-geos-private.h"
#include "wk-gpkg-private.h"
#include "wk-osm-providers.h"

static const char *layer_names[] = { "gp", "pharmacy", "nursing" };

/* ----------------------------------------------------------- tags */

/* Reads one quoted hstore string at *p, with \" and \\ escapes. */
static char *
read_quoted (const char **p)
{
  GString *s;

  if (**p != '"')
    return NULL;
  s = g_string_new (NULL);
  for ((*p)++; **p != '\0' && **p != '"'; (*p)++)
    {
      if (**p == '\\' && (*p)[1] != '\0')
        (*p)++;
      g_string_append_c (s, **p);
    }
  if (**p != '"')
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  (*p)++;
  return g_string_free (s, FALSE);
}

static void
parse_hstore (const char *text,
              GHashTable *tags)
{
  const char *p = text;

  while (*p != '\0')
    {
      g_autofree char *key = read_quoted (&p);
      g_autofree char *value = NULL;

      if (key == NULL || !g_str_has_prefix (p, "=>"))
        return;
      p += 2;
      if ((value = read_quoted (&p)) == NULL)
        return;
      g_hash_table_replace (tags, g_steal_pointer (&key), g_steal_pointer (&value));
      if (*p == ',')
        p++;
    }
}

static GHashTable *
feature_tags (OGRFeatureH f)
{
  GHashTable *tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (int i = 0; i < OGR_F_GetFieldCount (f); i++)
    {
      const char *name = OGR_Fld_GetNameRef (OGR_F_GetFieldDefnRef (f, i));

      if (!OGR_F_IsFieldSetAndNotNull (f, i))
        continue;
      if (g_str_equal (name, "other_tags"))
        parse_hstore (OGR_F_GetFieldAsString (f, i), tags);
      else
        g_hash_table_replace (tags, g_strdup (name), g_strdup (OGR_F_GetFieldAsString (f, i)));
    }
  return tags;
}

/* The kind of care provider the tags describe, or -1; a doctor with a
 * speciality other than general practice is a specialist, not a GP. */
static int
classify (GHashTable *tags,
          gboolean   *specialist)
{
  const char *amenity = g_hash_table_lookup (tags, "amenity");
  const char *healthcare = g_hash_table_lookup (tags, "healthcare");
  const char *speciality = g_hash_table_lookup (tags, "healthcare:speciality");

  *specialist = FALSE;
  if (g_strcmp0 (amenity, "pharmacy") == 0 || g_strcmp0 (healthcare, "pharmacy") == 0)
    return WK_PROVIDER_PHARMACY;
  if (g_strcmp0 (healthcare, "nurse") == 0)
    return WK_PROVIDER_NURSING;
  if (g_strcmp0 (amenity, "doctors") == 0 || g_strcmp0 (healthcare, "doctor") == 0)
    {
      if (speciality != NULL && strstr (speciality, "general") == NULL)
        {
          *specialist = TRUE;
          return -1;
        }
      return WK_PROVIDER_GP;
    }
  return -1;
}

static char *
osm_id (GHashTable *tags,
        gboolean    is_point)
{
  const char *way = g_hash_table_lookup (tags, "osm_way_id");
  const char *id = g_hash_table_lookup (tags, "osm_id");

  if (is_point)
    return g_strdup_printf ("node/%s", id ? id : "?");
  if (way != NULL)
    return g_strdup_printf ("way/%s", way);
  return g_strdup_printf ("relation/%s", id ? id : "?");
}

/* "Street 12, 3441 AB Woerden" from the addr:* tags present. */
static char *
address (GHashTable *tags)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *street = g_hash_table_lookup (tags, "addr:street");
  const char *number = g_hash_table_lookup (tags, "addr:housenumber");
  const char *postcode = g_hash_table_lookup (tags, "addr:postcode");
  const char *city = g_hash_table_lookup (tags, "addr:city");

  if (street != NULL)
    g_string_append (s, street);
  if (number != NULL)
    g_string_append_printf (s, "%s%s", s->len ? " " : "", number);
  if (postcode != NULL || city != NULL)
    g_string_append (s, s->len ? ", " : "");
  if (postcode != NULL)
    g_string_append (s, postcode);
  if (city != NULL)
    g_string_append_printf (s, "%s%s", postcode ? " " : "", city);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ----------------------------------------------------------- the area */

/* The area's polygons in RD, united and widened by the margin. */
static GEOSGeometry *
read_area (const WkOsmOptions *options,
           GCancellable       *cancellable,
           GError            **error)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GPtrArray) geoms = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WkLoadReport) report = _wk_load_report_new ();
  g_autoptr(WkGeosGeometry) area = NULL;

  if (!_wk_read_polygons (options->area_path, NULL, report, geoms, names, NULL, cancellable,
                          error))
    return NULL;
  area = wk_geos_union_all ((GEOSGeometry **) geoms->pdata, geoms->len, FALSE);
  if (area == NULL || GEOSisEmpty_r (ctx, area))
    {
      g_autofree char *display = wk_gdal_display_name (options->area_path);

      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_INVALID,
                   _("The area in “%s” could not be combined into one area."), display);
      return NULL;
    }
  return GEOSBuffer_r (ctx, area, MAX (options->margin_m, 0.0), 8);
}

/* ----------------------------------------------------------- writing */

static OGRLayerH *
create_layers (GDALDatasetH  out,
               GError      **error)
{
  g_autofree OGRLayerH *layers = g_new0 (OGRLayerH, G_N_ELEMENTS (layer_names));
  g_autofree char *description = g_strdup_printf (
    "OpenStreetMap, %s (ODbL, https://www.openstreetmap.org/copyright)", WK_OSM_ATTRIBUTION);

  for (guint k = 0; k < G_N_ELEMENTS (layer_names); k++)
    {
      layers[k] = _wk_gpkg_create_layer (out, layer_names[k], wkbPoint, description, error);
      if (layers[k] == NULL)
        return NULL;
      wk_ogr_add_field (layers[k], "name", OFTString);
      wk_ogr_add_field (layers[k], "address", OFTString);
      wk_ogr_add_field (layers[k], "osm_id", OFTString);
    }
  return g_steal_pointer (&layers);
}

static gboolean
write_provider (OGRLayerH    layer,
                GHashTable  *tags,
                const char  *id,
                double       x,
                double       y,
                GError     **error)
{
  g_auto(OGRFeatureH) f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  g_autofree char *addr = address (tags);
  OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);
  const char *name = g_hash_table_lookup (tags, "name");

  OGR_G_SetPoint_2D (point, 0, x, y);
  OGR_F_SetGeometryDirectly (f, point);
  if (name != NULL)
    OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "name"), name);
  if (*addr != '\0')
    OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "address"), addr);
  OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "osm_id"), id);
  if (OGR_L_CreateFeature (layer, f) != OGRERR_NONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("A feature could not be written: %s"), CPLGetLastErrorMsg ());
      return FALSE;
    }
  return TRUE;
}

/* The point in RD: a node as it is, a way or relation by its centroid. */
static gboolean
locate (OGRFeatureH                   f,
        OGRCoordinateTransformationH  ct,
        double                       *x,
        double                       *y)
{
  OGRGeometryH geom = OGR_F_GetGeometryRef (f);
  g_auto(OGRGeometryH) rd = NULL;
  g_auto(OGRGeometryH) centre = NULL;

  if (geom == NULL || OGR_G_IsEmpty (geom))
    return FALSE;
  rd = OGR_G_Clone (geom);
  if (OGR_G_Transform (rd, ct) != OGRERR_NONE)
    return FALSE;
  centre = OGR_G_CreateGeometry (wkbPoint);
  if (OGR_G_Centroid (rd, centre) != OGRERR_NONE || OGR_G_IsEmpty (centre))
    return FALSE;
  *x = OGR_G_GetX (centre, 0);
  *y = OGR_G_GetY (centre, 0);
  return TRUE;
}

/* ----------------------------------------------------------- public API */

/**
 * wk_osm_providers_import:
 * @options: the OSM file and the area
 * @output: the GeoPackage to write, with the point layers `gp`, `pharmacy`
 *   and `nursing` (name, address, osm_id) in RD New
 *
 * Picks the GP practices (amenity=doctors or healthcare=doctor, unless a
 * speciality other than general practice is given), pharmacies
 * (amenity=pharmacy) and district nurses (healthcare=nurse) out of an
 * OpenStreetMap file, ways and relations at their centroid, and keeps
 * those inside the area and its margin.  @output is written whole or not
 * at all.  Blocks; runs in any thread.
 *
 * Returns: (transfer full) (nullable): what was kept and what skipped
 */
WkOsmReport *
wk_osm_providers_import (const WkOsmOptions *options,
                         const char         *output,
                         GCancellable       *cancellable,
                         GError            **error)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(WkOsmReport) report = g_new0 (WkOsmReport, 1);
  g_autoptr(WkGeosGeometry) area = NULL;
  g_autofree char *display = wk_gdal_display_name (options->osm_path);
  g_autofree char *part = _wk_gpkg_part_path (output);
  g_autofree OGRLayerH *layers = NULL;
  g_autoptr(GString) failure = g_string_new (NULL);
  g_auto(GDALDatasetH) ds = NULL;
  g_auto(OGRSpatialReferenceH) wgs84 = wk_gdal_srs_new_epsg (4326);
  g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
  g_auto(OGRCoordinateTransformationH) ct = OCTNewCoordinateTransformation (wgs84, rd);
  const GEOSPreparedGeometry *prepared = NULL;
  GDALDatasetH out;
  OGRFeatureH f;
  OGRLayerH from;
  gboolean ok = TRUE;

  report->specialists = g_ptr_array_new_with_free_func (g_free);
  if (options->area_path != NULL && (area = read_area (options, cancellable, error)) == NULL)
    return NULL;
  ds = _wk_open_vector (options->osm_path, NULL, error);
  if (ds == NULL)
    return NULL;
  if (g_strcmp0 (GDALGetDriverShortName (GDALGetDatasetDriver (ds)), "OSM") != 0)
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                   _("“%s” is not an OpenStreetMap file. Use an .osm or .osm.pbf file, such "
                     "as a province extract or what an Overpass query returns."), display);
      return NULL;
    }
  if ((out = _wk_gpkg_create (part, output, error)) == NULL)
    return NULL;
  if ((layers = create_layers (out, error)) == NULL)
    {
      _wk_gpkg_abandon (out, part);
      return NULL;
    }
  if (area != NULL)
    prepared = GEOSPrepare_r (ctx, area);

  wk_gdal_push_capture (failure);
  GDALDatasetResetReading (ds);
  while (ok && (f = GDALDatasetGetNextFeature (ds, &from, NULL, NULL, NULL)) != NULL)
    {
      g_auto(OGRFeatureH) feature = f;
      g_autoptr(GHashTable) tags = NULL;
      g_autofree char *id = NULL;
      const char *layer = OGR_L_GetName (from);
      gboolean is_point = g_str_equal (layer, "points");
      gboolean specialist;
      double x, y;
      int kind;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (!is_point && !g_str_equal (layer, "multipolygons"))
        continue;
      tags = feature_tags (feature);
      kind = classify (tags, &specialist);
      if (specialist)
        {
          const char *name = g_hash_table_lookup (tags, "name");

          report->n_specialists++;
          g_ptr_array_add (report->specialists, name ? g_strdup (name) : osm_id (tags, is_point));
          continue;
        }
      if (kind < 0)
        continue;
      if (!locate (feature, ct, &x, &y))
        {
          report->n_no_location++;
          continue;
        }
      if (prepared != NULL)
        {
          g_autoptr(WkGeosGeometry) point = GEOSGeom_createPointFromXY_r (ctx, x, y);

          if (GEOSPreparedIntersects_r (ctx, prepared, point) != 1)
            {
              report->n_outside++;
              continue;
            }
        }
      id = osm_id (tags, is_point);
      ok = write_provider (layers[kind], tags, id, x, y, error);
      report->n_kept[kind]++;
    }
  wk_gdal_pop_capture ();
  if (prepared != NULL)
    GEOSPreparedGeom_destroy_r (ctx, prepared);

  if (ok && failure->len > 0)
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                   _("“%s” could not be read to the end: %s. Download it again."), display,
                   failure->str);
      ok = FALSE;
    }
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (!_wk_gpkg_finish (out, part, output, ok, error))
    return NULL;
  return g_steal_pointer (&report);
}

void
wk_osm_report_free (WkOsmReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->specialists, g_ptr_array_unref);
  g_free (report);
}
