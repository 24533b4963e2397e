/* wk-loader.c: reading features through GDAL: numbers, fields, layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-loader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wk-loader-private.h"
#include "wk-progress.h"
#include "wk-source.h"

/* ---------------------------------------------------------------- values */

/* Parses a number as Dutch spreadsheets write it too: decimal comma. */
gboolean
_wk_loader_parse_number (const char *text,
                         double     *value)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double v;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return FALSE;
  if (strchr (copy, ',') != NULL && strchr (copy, '.') == NULL)
    g_strdelimit (copy, ",", '.');
  v = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

ValueStatus
_wk_loader_field_as_number (OGRFeatureH  feature,
                            int          field,
                            double      *value)
{
  OGRFieldType type;

  *value = NAN;
  if (field < 0 || !OGR_F_IsFieldSetAndNotNull (feature, field))
    return VALUE_NULL;
  type = OGR_Fld_GetType (OGR_F_GetFieldDefnRef (feature, field));
  if (type == OFTInteger || type == OFTInteger64)
    *value = (double) OGR_F_GetFieldAsInteger64 (feature, field);
  else if (type == OFTReal)
    *value = OGR_F_GetFieldAsDouble (feature, field);
  else
    {
      g_autofree char *text = wk_ogr_field_as_utf8 (feature, field);

      if (text == NULL || *text == '\0')
        return VALUE_NULL;
      if (!_wk_loader_parse_number (text, value))
        return VALUE_TEXT;
    }
  if (!isfinite (*value))
    return VALUE_TEXT;
  if (*value <= CBS_SECRET_LIMIT)
    {
      *value = NAN;
      return VALUE_SECRET;
    }
  return VALUE_OK;
}

char *
_wk_loader_field_name (OGRFeatureDefnH defn,
                       int             field)
{
  return wk_gdal_to_utf8 (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, field)));
}

/* @name as the file spells it, or as UTF-8 (as _wk_loader_field_name() and the
 * source inspection give it). */
int
_wk_loader_find_field_ci (OGRFeatureDefnH  defn,
                          const char      *name)
{
  if (name == NULL || *name == '\0')
    return -1;
  for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
    {
      g_autofree char *utf8 = _wk_loader_field_name (defn, f);

      if (g_ascii_strcasecmp (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f)), name) == 0 ||
          g_ascii_strcasecmp (utf8, name) == 0)
        return f;
    }
  return -1;
}

GStrv
_wk_loader_field_names (OGRFeatureDefnH defn)
{
  GStrv names = g_new0 (char *, OGR_FD_GetFieldCount (defn) + 1);

  for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
    names[f] = _wk_loader_field_name (defn, f);
  return names;
}

int
_wk_loader_detect_field (OGRFeatureDefnH  defn,
                         const char     **candidates)
{
  for (guint c = 0; candidates[c] != NULL; c++)
    {
      int f = _wk_loader_find_field_ci (defn, candidates[c]);

      if (f >= 0)
        return f;
    }
  return -1;
}

static gboolean
name_has_any (const char  *name,
              const char **parts)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (strstr (lower, parts[i]) != NULL)
      return TRUE;
  return FALSE;
}

gboolean
_wk_loader_is_share_name (const char *name)
{
  static const char *parts[] = { "perc", "pct", "aandeel", "share", "procent", NULL };

  return g_ascii_strncasecmp (name, "p_", 2) == 0 || name_has_any (name, parts);
}

WkAggregate
_wk_loader_aggregate_for (const char *name)
{
  static const char *means[] = { "gem", "average", "mean", "avg", "af_", "afstand", "ratio", NULL };
  static const char *densities[] = { "dichth", "density", "per_km", NULL };

  if (name_has_any (name, densities))
    return WK_AGGREGATE_AREA_MEAN;
  if (_wk_loader_is_share_name (name) || name_has_any (name, means))
    return WK_AGGREGATE_POP_MEAN;
  return WK_AGGREGATE_SUM;
}

gboolean
_wk_loader_is_bookkeeping_name (const char *name)
{
  static const char *parts[] = { "jaar", "year", "objectid", "shape_", "status", NULL };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return name_has_any (name, parts) || g_str_equal (lower, "fid") || g_str_equal (lower, "id") ||
         g_str_has_suffix (lower, "_id") || g_str_equal (lower, "ogc_fid");
}

/* --------------------------------------------------------------- layers */

gboolean
_wk_loader_layer_has_kind (OGRLayerH      layer,
                           WkGeometryKind kind)
{
  OGRwkbGeometryType type = OGR_L_GetGeomType (layer);
  g_auto(OGRFeatureH) feature = NULL;

  if (_wk_geometry_kind_of (type) == kind)
    return TRUE;
  if (wkbFlatten (type) != wkbUnknown && wkbFlatten (type) != wkbGeometryCollection)
    return FALSE;
  /* GeoJSON layers with mixed types say “Unknown”: look at the features. */
  OGR_L_ResetReading (layer);
  for (int i = 0; i < 50 && (feature = OGR_L_GetNextFeature (layer)) != NULL; i++)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (feature);
      gboolean match = g != NULL && _wk_geometry_kind_of (OGR_G_GetGeometryType (g)) == kind;

      g_clear_pointer (&feature, OGR_F_Destroy);
      if (match)
        {
          OGR_L_ResetReading (layer);
          return TRUE;
        }
    }
  OGR_L_ResetReading (layer);
  return FALSE;
}

/* A source may name its layer as QGIS does, “file.gpkg|layername=providers”:
 * how a project file points the loader at its own layers. */
char *
_wk_loader_split_source (const char  *source,
                         char       **layer)
{
  const char *bar = strstr (source, "|layername=");

  *layer = NULL;
  if (bar == NULL)
    return g_strdup (source);
  *layer = g_strdup (bar + strlen ("|layername="));
  return g_strndup (source, bar - source);
}

char *
_wk_loader_source_display_name (const char *source)
{
  g_autofree char *layer = NULL;
  g_autofree char *file = _wk_loader_split_source (source, &layer);

  return wk_gdal_display_name (file);
}

static gboolean
source_is_empty (GDALDatasetH ds)
{
  for (int i = 0; i < GDALDatasetGetLayerCount (ds); i++)
    if (OGR_L_GetFeatureCount (GDALDatasetGetLayer (ds, i), TRUE) != 0)
      return FALSE;
  return TRUE;
}

/* The layer named @name, or else the first with geometries of @kind; @units
 * says whether polygons are wanted as units (for the message). */
OGRLayerH
_wk_loader_pick_layer (GDALDatasetH     ds,
                       const char      *name,
                       WkGeometryKind   kind,
                       gboolean         units,
                       const char      *display,
                       GError         **error)
{
  int n = GDALDatasetGetLayerCount (ds);

  if (name != NULL && *name != '\0')
    {
      OGRLayerH layer = GDALDatasetGetLayerByName (ds, name);

      /* the name as wk_source_inspect() gives it: in UTF-8 */
      for (int i = 0; i < n && layer == NULL; i++)
        {
          g_autofree char *utf8 = wk_gdal_to_utf8 (OGR_L_GetName (GDALDatasetGetLayer (ds, i)));

          if (g_str_equal (utf8, name))
            layer = GDALDatasetGetLayer (ds, i);
        }

      if (layer == NULL)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (int i = 0; i < n; i++)
            {
              g_autofree char *layer_name = wk_gdal_to_utf8 (OGR_L_GetName (GDALDatasetGetLayer (ds, i)));

              g_string_append_printf (names, "%s“%s”", i ? ", " : "", layer_name);
            }
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_LAYER,
                       _("“%s” has no layer “%s”. Its layers are: %s."), display, name,
                       names->len ? names->str : _("none"));
        }
      return layer;
    }
  if (!_wk_loader_zip_check_layers (ds, display, error))
    return NULL;
  for (int i = 0; i < n; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, i);

      if (_wk_loader_layer_has_kind (layer, kind))
        return layer;
    }
  if (source_is_empty (ds))
    g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_EMPTY,
                 _("“%s” has no features: it holds no places at all."), display);
  else if (kind == WK_GEOMETRY_POLYGON && units)
    g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_LAYER,
                 _("“%s” holds no polygons. Neighbourhoods (buurten) must be areas, "
                   "not points or lines."), display);
  else if (kind == WK_GEOMETRY_POLYGON)
    g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_LAYER,
                 _("“%s” holds no polygons. Team areas and boundaries must be areas, "
                   "not points or lines."), display);
  else
    g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_LAYER,
                 _("“%s” holds no point locations. Use a layer of points, or a CSV file "
                   "with longitude/latitude or RD x/y columns."), display);
  return NULL;
}

/* Sets the error for a file that a driver could not read to the end. */
gboolean
_wk_loader_set_damaged (GError     **error,
                        const char  *display,
                        const char  *failure)
{
  g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_INVALID,
               _("“%s” could not be read to the end: %s. The file is damaged or incomplete; "
                 "get a new copy."), display, failure);
  return FALSE;
}
