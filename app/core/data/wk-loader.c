/* wk-loader.c: reading units, providers, networks and boundaries through GDAL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-loader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-progress.h"
#include "wk-source.h"

/* RD New's domain, generously: the Netherlands and its coastal waters. */
#define RD_XMIN (-50000.0)
#define RD_XMAX (350000.0)
#define RD_YMIN (250000.0)
#define RD_YMAX (700000.0)
/* The Netherlands in longitude / latitude, generously. */
#define LL_XMIN 2.0
#define LL_XMAX 8.0
#define LL_YMIN 50.0
#define LL_YMAX 56.0

#define CBS_SECRET_LIMIT (-99999990.0)

/* ---------------------------------------------------------------- values */

/* Parses a number as Dutch spreadsheets write it too: decimal comma. */
static gboolean
parse_number (const char *text,
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

typedef enum
{
  VALUE_OK,
  VALUE_NULL,
  VALUE_SECRET,
  VALUE_TEXT,
} ValueStatus;

static ValueStatus
field_as_number (OGRFeatureH  feature,
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
      if (!parse_number (text, value))
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

static char *
field_name (OGRFeatureDefnH defn,
            int             field)
{
  return wk_gdal_to_utf8 (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, field)));
}

/* @name as the file spells it, or as UTF-8 (as field_name() and the
 * source inspection give it). */
static int
find_field_ci (OGRFeatureDefnH  defn,
               const char      *name)
{
  if (name == NULL || *name == '\0')
    return -1;
  for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
    {
      g_autofree char *utf8 = field_name (defn, f);

      if (g_ascii_strcasecmp (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f)), name) == 0 ||
          g_ascii_strcasecmp (utf8, name) == 0)
        return f;
    }
  return -1;
}

static GStrv
field_names (OGRFeatureDefnH defn)
{
  GStrv names = g_new0 (char *, OGR_FD_GetFieldCount (defn) + 1);

  for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
    names[f] = field_name (defn, f);
  return names;
}

static int
detect_field (OGRFeatureDefnH  defn,
              const char     **candidates)
{
  for (guint c = 0; candidates[c] != NULL; c++)
    {
      int f = find_field_ci (defn, candidates[c]);

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

static gboolean
is_share_name (const char *name)
{
  static const char *parts[] = { "perc", "pct", "aandeel", "share", "procent", NULL };

  return g_ascii_strncasecmp (name, "p_", 2) == 0 || name_has_any (name, parts);
}

static WkAggregate
aggregate_for (const char *name)
{
  static const char *means[] = { "gem", "average", "mean", "avg", "af_", "afstand", "ratio", NULL };
  static const char *densities[] = { "dichth", "density", "per_km", NULL };

  if (name_has_any (name, densities))
    return WK_AGGREGATE_AREA_MEAN;
  if (is_share_name (name) || name_has_any (name, means))
    return WK_AGGREGATE_POP_MEAN;
  return WK_AGGREGATE_SUM;
}

static gboolean
is_bookkeeping_name (const char *name)
{
  static const char *parts[] = { "jaar", "year", "objectid", "shape_", "status", NULL };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return name_has_any (name, parts) || g_str_equal (lower, "fid") || g_str_equal (lower, "id") ||
         g_str_has_suffix (lower, "_id") || g_str_equal (lower, "ogc_fid");
}

/* --------------------------------------------------------------- layers */

static gboolean
geometry_type_is (OGRwkbGeometryType type,
                  WkGeometryKind     kind)
{
  switch (wkbFlatten (type))
    {
    case wkbPolygon:
    case wkbMultiPolygon:
    case wkbCurvePolygon:
    case wkbMultiSurface:
      return kind == WK_GEOMETRY_POLYGON;
    case wkbPoint:
    case wkbMultiPoint:
      return kind == WK_GEOMETRY_POINT;
    default:
      return FALSE;
    }
}

static gboolean
layer_has_kind (OGRLayerH      layer,
                WkGeometryKind kind)
{
  OGRwkbGeometryType type = OGR_L_GetGeomType (layer);
  g_auto(OGRFeatureH) feature = NULL;

  if (geometry_type_is (type, kind))
    return TRUE;
  if (wkbFlatten (type) != wkbUnknown && wkbFlatten (type) != wkbGeometryCollection)
    return FALSE;
  /* GeoJSON layers with mixed types say “Unknown”: look at the features. */
  OGR_L_ResetReading (layer);
  for (int i = 0; i < 50 && (feature = OGR_L_GetNextFeature (layer)) != NULL; i++)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (feature);
      gboolean match = g != NULL && geometry_type_is (OGR_G_GetGeometryType (g), kind);

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
static char *
split_source (const char  *source,
              char       **layer)
{
  const char *bar = strstr (source, "|layername=");

  *layer = NULL;
  if (bar == NULL)
    return g_strdup (source);
  *layer = g_strdup (bar + strlen ("|layername="));
  return g_strndup (source, bar - source);
}

static char *
source_display_name (const char *source)
{
  g_autofree char *layer = NULL;
  g_autofree char *file = split_source (source, &layer);

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
static OGRLayerH
pick_layer (GDALDatasetH     ds,
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
  for (int i = 0; i < n; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, i);

      if (layer_has_kind (layer, kind))
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

/* ------------------------------------------------------------------ CRS */

static gboolean
extent_inside (const OGREnvelope *env,
               double xmin, double ymin, double xmax, double ymax)
{
  return env->MinX >= xmin && env->MaxX <= xmax && env->MinY >= ymin && env->MaxY <= ymax;
}

static gboolean
srs_is_epsg (OGRSpatialReferenceH srs,
             const char          *code)
{
  const char *auth = OSRGetAuthorityName (srs, NULL);
  const char *c = OSRGetAuthorityCode (srs, NULL);

  return auth != NULL && c != NULL && g_ascii_strcasecmp (auth, "EPSG") == 0 && g_str_equal (c, code);
}

typedef struct
{
  OGRCoordinateTransformationH ct;    /* NULL: already RD */
  gboolean                      lonlat_source;
} Reprojection;

static void
reprojection_clear (Reprojection *r)
{
  g_clear_pointer (&r->ct, OCTDestroyCoordinateTransformation);
}

/* Whether most features have their centre inside the box, in the layer's
 * own coordinates or, through @ct, in RD New.  Used only when the layer's
 * extent does not fit: it tells a few broken coordinates (a vertex at 1e300
 * in one buurt, which is then skipped with a message) from a wrong or
 * missing coordinate system, where (nearly) no centre fits. */
static gboolean
mostly_inside (OGRLayerH                     layer,
               OGRCoordinateTransformationH  ct,
               double xmin, double ymin, double xmax, double ymax)
{
  g_auto(OGRFeatureH) feature = NULL;
  WkGdalCapture *ignored;
  guint n_inside = 0, n_total = 0;

  /* Read errors are reported by the read that follows, not here. */
  ignored = wk_gdal_capture_begin ();
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (feature);

      if (g != NULL && !OGR_G_IsEmpty (g))
        {
          OGREnvelope e;
          double x, y;

          OGR_G_GetEnvelope (g, &e);
          x = e.MinX / 2 + e.MaxX / 2;
          y = e.MinY / 2 + e.MaxY / 2;
          n_total++;
          if (isfinite (x) && isfinite (y) && (ct == NULL || OCTTransform (ct, 1, &x, &y, NULL)) &&
              x >= xmin && x <= xmax && y >= ymin && y <= ymax)
            n_inside++;
        }
      g_clear_pointer (&feature, OGR_F_Destroy);
    }
  wk_gdal_capture_end (ignored);
  OGR_L_ResetReading (layer);
  return n_inside > n_total / 2;
}

/* Works out how to bring a layer to RD New: from its own CRS, an override,
 * or, when it has none, the coordinate range; and refuses coordinates that
 * cannot be in the Netherlands. */
static gboolean
resolve_crs (OGRLayerH        layer,
             const char      *override,
             const char      *display,
             WkLoadReport    *report,
             Reprojection    *out,
             GError         **error)
{
  g_auto(OGRSpatialReferenceH) srs = NULL;
  g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
  OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef (layer);
  OGREnvelope env = { 0 };
  gboolean have_extent;
  g_autofree char *label = NULL;

  have_extent = OGR_L_GetExtent (layer, &env, TRUE) == OGRERR_NONE;
  if (have_extent && !(isfinite (env.MinX) && isfinite (env.MaxX) &&
                       isfinite (env.MinY) && isfinite (env.MaxY)))
    have_extent = FALSE;

  if (override != NULL && *override != '\0')
    {
      srs = OSRNewSpatialReference (NULL);
      if (OSRSetFromUserInput (srs, override) != OGRERR_NONE)
        {
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_CRS,
                       _("“%s” is not a coordinate system that can be used (try EPSG:28992 or EPSG:4326)."),
                       override);
          return FALSE;
        }
      label = g_strdup (override);
    }
  else if (layer_srs != NULL)
    {
      srs = OSRClone (layer_srs);
      {
        const char *auth = OSRGetAuthorityName (srs, NULL);
        const char *code = OSRGetAuthorityCode (srs, NULL);

        label = auth && code ? g_strdup_printf ("%s:%s", auth, code) : wk_gdal_to_utf8 (OSRGetName (srs));
      }
    }
  else if ((have_extent && extent_inside (&env, RD_XMIN, RD_YMIN, RD_XMAX, RD_YMAX)) ||
           mostly_inside (layer, NULL, RD_XMIN, RD_YMIN, RD_XMAX, RD_YMAX))
    {
      srs = OSRClone (rd);
      label = g_strdup ("EPSG:28992");
      wk_load_report_add (report, _("“%s” has no coordinate system; its coordinates fit RD New "
                                    "(EPSG:28992), so they were read as such."), display);
    }
  else if ((have_extent && extent_inside (&env, LL_XMIN, LL_YMIN, LL_XMAX, LL_YMAX)) ||
           mostly_inside (layer, NULL, LL_XMIN, LL_YMIN, LL_XMAX, LL_YMAX))
    {
      srs = wk_gdal_srs_new_epsg (4326);
      label = g_strdup ("EPSG:4326");
      wk_load_report_add (report, _("“%s” has no coordinate system; its coordinates fit longitude "
                                    "and latitude (EPSG:4326), so they were read as such."), display);
    }
  else
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_CRS,
                   _("“%s” has no coordinate system, and its coordinates are neither RD New "
                     "nor longitude/latitude in the Netherlands. Export it again with one, "
                     "e.g. EPSG:28992."), display);
      return FALSE;
    }

  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  if (report->source_crs == NULL)
    report->source_crs = g_strdup (label);

  /* Coordinates that belong to the other Dutch system than the label says
   * are the usual mistake; name it. */
  if (have_extent && OSRIsGeographic (srs) &&
      !extent_inside (&env, -180, -90, 180, 90) &&
      extent_inside (&env, RD_XMIN, RD_YMIN, RD_XMAX, RD_YMAX))
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_WRONG_CRS,
                   _("“%s” says its coordinates are longitude/latitude (%s), but they look like "
                     "RD New metres. Correct the coordinate system of the file (EPSG:28992)."),
                   display, label);
      return FALSE;
    }
  if (have_extent && OSRIsProjected (srs) && srs_is_epsg (srs, "28992") &&
      !extent_inside (&env, RD_XMIN, RD_YMIN, RD_XMAX, RD_YMAX) &&
      extent_inside (&env, LL_XMIN, LL_YMIN, LL_XMAX, LL_YMAX))
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_WRONG_CRS,
                   _("“%s” says its coordinates are RD New metres (%s), but they look like "
                     "longitude/latitude. Correct the coordinate system of the file (EPSG:4326)."),
                   display, label);
      return FALSE;
    }

  out->lonlat_source = OSRIsGeographic (srs);
  if (srs_is_epsg (srs, "28992") || OSRIsSame (srs, rd))
    out->ct = NULL;
  else
    {
      g_autoptr(GString) failure = g_string_new (NULL);

      wk_gdal_push_capture (failure);
      out->ct = OCTNewCoordinateTransformation (srs, rd);
      wk_gdal_pop_capture ();
      if (out->ct == NULL)
        {
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_CRS,
                       _("The coordinates of “%s” (%s) cannot be converted to RD New: %s"),
                       display, label, failure->str);
          return FALSE;
        }
    }

  if (have_extent)
    {
      double x[4] = { env.MinX, env.MaxX, env.MinX, env.MaxX };
      double y[4] = { env.MinY, env.MinY, env.MaxY, env.MaxY };
      int ok[4] = { 0 };
      gboolean inside = TRUE;

      if (out->ct != NULL)
        {
          g_autoptr(GString) failure = g_string_new (NULL);

          wk_gdal_push_capture (failure);
          if (!OCTTransformEx (out->ct, 4, x, y, NULL, ok))
            inside = FALSE;
          wk_gdal_pop_capture ();
        }
      for (int i = 0; i < 4 && inside; i++)
        inside = isfinite (x[i]) && isfinite (y[i]) &&
                 x[i] >= RD_XMIN && x[i] <= RD_XMAX && y[i] >= RD_YMIN && y[i] <= RD_YMAX;
      if (!inside && !mostly_inside (layer, out->ct, RD_XMIN, RD_YMIN, RD_XMAX, RD_YMAX))
        {
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_WRONG_CRS,
                       _("The coordinates of “%s” lie (partly) outside the Netherlands when read "
                         "as %s. Either the file's coordinate system is wrong, or it holds places "
                         "abroad or broken coordinates."), display, label);
          reprojection_clear (out);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
has_open_ring (OGRGeometryH geom)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geom));

  if (type == wkbLineString || type == wkbLinearRing)
    {
      int n = OGR_G_GetPointCount (geom);

      return n > 0 && (OGR_G_GetX (geom, 0) != OGR_G_GetX (geom, n - 1) ||
                       OGR_G_GetY (geom, 0) != OGR_G_GetY (geom, n - 1));
    }
  if (type == wkbPolygon || type == wkbMultiPolygon)
    for (int i = 0; i < OGR_G_GetGeometryCount (geom); i++)
      if (has_open_ring (OGR_G_GetGeometryRef (geom, i)))
        return TRUE;
  return FALSE;
}

/* Brings one feature's geometry to a valid GEOS geometry in RD.  Returns
 * NULL with *why set to a translated reason when the feature is unusable. */
static GEOSGeometry *
feature_geometry (OGRFeatureH          feature,
                  const Reprojection  *reproj,
                  WkGeometryKind       kind,
                  gboolean            *repaired,
                  char               **why)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  OGRGeometryH src = OGR_F_GetGeometryRef (feature);
  g_auto(OGRGeometryH) geom = NULL;
  OGREnvelope env;
  g_autofree guchar *wkb = NULL;
  gsize size;
  GEOSGeometry *g;
  gboolean closed = FALSE;

  *repaired = FALSE;
  if (src == NULL || OGR_G_IsEmpty (src))
    {
      *why = g_strdup (_("it has no geometry"));
      return NULL;
    }
  if (OGR_GT_IsNonLinear (OGR_G_GetGeometryType (src)))
    geom = OGR_G_GetLinearGeometry (src, 0, NULL);
  else
    geom = OGR_G_Clone (src);

  if (!geometry_type_is (OGR_G_GetGeometryType (geom), kind))
    {
      if (kind == WK_GEOMETRY_POINT &&
          geometry_type_is (OGR_G_GetGeometryType (geom), WK_GEOMETRY_POLYGON))
        {
          /* A building footprint for a practice: take a point inside it. */
          OGRGeometryH inside = OGR_G_PointOnSurface (geom);

          g_clear_pointer (&geom, OGR_G_DestroyGeometry);
          geom = inside;
        }
      if (geom == NULL || !geometry_type_is (OGR_G_GetGeometryType (geom), kind))
        {
          *why = g_strdup_printf (_("its geometry is a %s"),
                                  src ? OGR_G_GetGeometryName (src) : "?");
          return NULL;
        }
    }

  OGR_G_GetEnvelope (geom, &env);
  if (!isfinite (env.MinX) || !isfinite (env.MaxX) || !isfinite (env.MinY) || !isfinite (env.MaxY))
    {
      *why = g_strdup (_("it has coordinates that are not numbers"));
      return NULL;
    }
  /* GeoJSON and WKT readers accept rings whose last point is not the first
   * (GDAL says so only in a warning); close them and say so. */
  if (kind == WK_GEOMETRY_POLYGON && has_open_ring (geom))
    {
      OGR_G_CloseRings (geom);
      closed = TRUE;
    }
  if (reproj->ct != NULL)
    {
      g_autoptr(GString) failure = g_string_new (NULL);
      OGRErr err;

      wk_gdal_push_capture (failure);
      err = OGR_G_Transform (geom, reproj->ct);
      wk_gdal_pop_capture ();
      if (err != OGRERR_NONE)
        {
          *why = g_strdup (_("its coordinates cannot be converted to RD New"));
          return NULL;
        }
      OGR_G_GetEnvelope (geom, &env);
    }
  if (!(env.MinX >= RD_XMIN && env.MaxX <= RD_XMAX && env.MinY >= RD_YMIN && env.MaxY <= RD_YMAX))
    {
      *why = g_strdup (_("it lies outside the Netherlands"));
      return NULL;
    }

  size = OGR_G_WkbSize (geom);
  wkb = g_malloc (size);
  OGR_G_ExportToWkb (geom, wkbNDR, wkb);
  g = wk_geos_from_wkb (wkb, size);
  if (g == NULL)
    {
      g_autofree char *reason = wk_geos_take_error ();

      *why = g_strdup_printf (_("its geometry cannot be read (%s)"), reason);
      return NULL;
    }
  if (kind == WK_GEOMETRY_POINT)
    {
      if (GEOSGeomTypeId_r (ctx, g) == GEOS_MULTIPOINT)
        {
          GEOSGeometry *first = GEOSGeom_clone_r (ctx, GEOSGetGeometryN_r (ctx, g, 0));

          GEOSGeom_destroy_r (ctx, g);
          g = first;
        }
      return g;
    }

  if (GEOSisValid_r (ctx, g) != 1)
    {
      char *reason = GEOSisValidReason_r (ctx, g);
      g_autofree char *geos_error = NULL;
      GEOSGeometry *fixed;

      /* A NaN vertex leaves the envelope finite; it is nothing to repair. */
      if (reason != NULL && g_str_has_prefix (reason, "Invalid Coordinate"))
        {
          *why = g_strdup (_("it has coordinates that are not numbers"));
          GEOSFree_r (ctx, reason);
          GEOSGeom_destroy_r (ctx, g);
          return NULL;
        }
      fixed = GEOSMakeValid_r (ctx, g);
      if (fixed == NULL)
        geos_error = wk_geos_take_error ();

      GEOSGeom_destroy_r (ctx, g);
      g = wk_geos_polygon_parts (fixed);
      if (g == NULL || GEOSisEmpty_r (ctx, g))
        {
          *why = g_strdup_printf (_("its geometry is invalid (%s) and nothing of it could be kept"),
                                  reason ? reason : geos_error ? geos_error : "?");
          GEOSFree_r (ctx, reason);
          g_clear_pointer (&g, wk_geos_geom_free);
          return NULL;
        }
      *why = g_strdup (reason ? reason : "?");
      *repaired = TRUE;
      GEOSFree_r (ctx, reason);
    }
  {
    double area = 0.0;

    if (!GEOSArea_r (ctx, g, &area) || area <= 0.0)
      {
        *why = g_strdup (_("its area is zero"));
        GEOSGeom_destroy_r (ctx, g);
        return NULL;
      }
  }
  if (closed)
    {
      char *both = *why != NULL ? g_strdup_printf (_("%s; a ring was not closed"), *why)
                                : g_strdup (_("a ring was not closed"));

      g_free (*why);
      *why = both;
      *repaired = TRUE;
    }
  return g;
}

static char *
feature_label (OGRFeatureH  feature,
               int          label_field)
{
  g_autofree char *label = wk_ogr_field_as_utf8 (feature, label_field);

  if (label != NULL && *label != '\0')
    return g_strdup_printf (_("feature %lld (%s)"), (long long) OGR_F_GetFID (feature), label);
  return g_strdup_printf (_("feature %lld"), (long long) OGR_F_GetFID (feature));
}

/* ----------------------------------------------------------------- units */

static gboolean
set_damaged (GError     **error,
             const char  *display,
             const char  *failure)
{
  g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_INVALID,
               _("“%s” could not be read to the end: %s. The file is damaged or incomplete; "
                 "get a new copy."), display, failure);
  return FALSE;
}

static gboolean
resolve_role (WkDataset        *self,
              OGRFeatureDefnH   defn,
              WkFieldRole       role,
              GStrv             names,
              GPtrArray        *taken,
              int              *field,
              GError          **error)
{
  const char *override = self->options->role_fields[role];

  *field = -1;
  if (override != NULL)
    {
      if (*override == '\0')
        return TRUE;
      *field = find_field_ci (defn, override);
      if (*field < 0)
        {
          g_autofree char *list = g_strjoinv (", ", names);

          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD,
                       _("“%s” has no field “%s” (for %s). Its fields are: %s."),
                       self->display_name, override, wk_field_role_get_label (role), list);
          return FALSE;
        }
      if (role == WK_ROLE_POP65)
        self->pop65_is_share = is_share_name (override);
    }
  else
    {
      g_autofree char *found = NULL;
      gboolean share = FALSE;
      const char * const *taken_strv = (const char * const *) taken->pdata;

      if (role == WK_ROLE_GM_CODE || role == WK_ROLE_GM_NAME)
        taken_strv = NULL;
      found = wk_detect_role_field ((const char * const *) names, role, taken_strv, &share);
      if (found != NULL)
        *field = find_field_ci (defn, found);
      if (role == WK_ROLE_POP65)
        self->pop65_is_share = share;
    }
  if (*field >= 0)
    {
      self->role_fields[role] = field_name (defn, *field);
      g_ptr_array_add (taken, self->role_fields[role]);
    }
  return TRUE;
}

gboolean
_wk_dataset_read_units (WkDataset     *self,
                        WkProgress    *progress,
                        GCancellable  *cancellable,
                        GError       **error)
{
  const WkLoadOptions *opts = self->options;
  const char *display = self->display_name;
  WkLoadReport *report = self->report;
  g_auto(GDALDatasetH) ds = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) taken = g_ptr_array_new_null_terminated (WK_N_ROLES, NULL, TRUE);
  g_autoptr(GArray) extra = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  Reprojection reproj = { 0 };
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  int fields[WK_N_ROLES];
  gint64 n_total;
  guint n_read = 0, n_text_population = 0, n_null_population = 0;
  g_autoptr(WkGdalCapture) read_failure = NULL;
  g_auto(OGRFeatureH) feature = NULL;
  static const WkFieldRole order[] = {
    WK_ROLE_CODE, WK_ROLE_POPULATION, WK_ROLE_POP65, WK_ROLE_NAME,
    WK_ROLE_GM_CODE, WK_ROLE_GM_NAME,
  };

  ds = _wk_open_vector (opts->units_path, NULL, error);
  if (ds == NULL)
    return FALSE;
  layer = pick_layer (ds, opts->units_layer, WK_GEOMETRY_POLYGON, TRUE, display, error);
  if (layer == NULL)
    return FALSE;
  defn = OGR_L_GetLayerDefn (layer);
  names = field_names (defn);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (!resolve_role (self, defn, order[i], names, taken, &fields[order[i]], error))
      return FALSE;

  if (fields[WK_ROLE_CODE] < 0 && _wk_shapefile_lacks (opts->units_path, "dbf"))
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD,
                   _("“%s” has no attribute table: its .dbf file, with the codes and population "
                     "of the units, is missing. A shapefile is a set of files with the same "
                     "name (.shp, .shx, .dbf, .prj); copy them all into one folder."), display);
      return FALSE;
    }
  if (fields[WK_ROLE_CODE] < 0)
    {
      g_autofree char *list = g_strjoinv (", ", names);

      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD,
                   _("“%s” has no field with a unit code (such as BU_CODE, buurtcode or statcode). "
                     "Its fields are: %s. Say which field holds the code."),
                   display, *list ? list : _("none"));
      return FALSE;
    }
  if (fields[WK_ROLE_POPULATION] < 0 &&
      !(opts->role_fields[WK_ROLE_POPULATION] != NULL && *opts->role_fields[WK_ROLE_POPULATION] == '\0'))
    {
      g_autofree char *list = g_strjoinv (", ", names);

      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD,
                   _("“%s” has no population field (such as AANT_INW, aantal_inwoners or bevolking). "
                     "Its fields are: %s. Say which field holds the number of inhabitants."),
                   display, *list ? list : _("none"));
      return FALSE;
    }

  /* Every other numeric field is kept for the area profile. */
  for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
    {
      OGRFieldDefnH fd = OGR_FD_GetFieldDefn (defn, f);
      OGRFieldType type = OGR_Fld_GetType (fd);
      gboolean is_role = FALSE;

      for (guint r = 0; r < WK_N_ROLES; r++)
        is_role |= fields[r] == f;
      if (is_role || is_bookkeeping_name (OGR_Fld_GetNameRef (fd)) ||
          (type != OFTInteger && type != OFTInteger64 && type != OFTReal))
        continue;
      {
        g_autofree char *name = field_name (defn, f);
        WkFieldInfo info = {
          g_string_chunk_insert_const (self->strings, name),
          aggregate_for (name),
        };
        g_array_append_val (self->fields, info);
        g_array_append_val (extra, f);
      }
    }

  /* Before resolve_crs, which reads every feature for the extent: a file of
   * a million parcels is refused at once. */
  n_total = OGR_L_GetFeatureCount (layer, FALSE);
  if (n_total > WK_MAX_UNITS)
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_INVALID,
                   _("“%s” has %lld features; Wijkindeling works with at most %d units. "
                     "Select the municipalities or region you plan for first."),
                   display, (long long) n_total, WK_MAX_UNITS);
      return FALSE;
    }

  if (!resolve_crs (layer, opts->source_crs, display, report, &reproj, error))
    return FALSE;

  /* A driver that fails half-way (a damaged GeoPackage page, a corrupt
   * shapefile record) ends the loop early as if the file were shorter. */
  read_failure = wk_gdal_capture_begin ();
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_autofree char *why = NULL;
      g_autofree char *label = NULL;
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      g_autofree char *gm_code = NULL;
      g_autofree char *gm_name = NULL;
      gboolean repaired = FALSE;
      GEOSGeometry *geom;
      WkUnit unit = { 0 };
      double pop = NAN, p65 = NAN;
      ValueStatus status;

      n_read++;
      if ((n_read & 255) == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              reprojection_clear (&reproj);
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Loading was cancelled."));
              return FALSE;
            }
          if (n_total > 0)
            wk_progress_update (progress, 0.6 * n_read / (double) n_total, NULL);
        }
      if (self->units->len >= WK_MAX_UNITS)
        {
          reprojection_clear (&reproj);
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_INVALID,
                       _("“%s” has more than %d features; Wijkindeling works with at most %d units. "
                         "Select the municipalities or region you plan for first."),
                       display, WK_MAX_UNITS, WK_MAX_UNITS);
          return FALSE;
        }

      geom = feature_geometry (feature, &reproj, WK_GEOMETRY_POLYGON, &repaired, &why);
      label = feature_label (feature, fields[WK_ROLE_CODE]);
      if (geom == NULL)
        {
          if (OGR_F_GetGeometryRef (feature) == NULL || OGR_G_IsEmpty (OGR_F_GetGeometryRef (feature)))
            report->n_empty++;
          else
            report->n_not_polygon++;
          wk_load_report_add (report, _("“%s”, %s: skipped, because %s."), display, label, why);
          g_clear_pointer (&feature, OGR_F_Destroy);
          continue;
        }
      if (repaired)
        {
          report->n_repaired++;
          wk_load_report_add (report, _("“%s”, %s: the geometry was invalid (%s) and has been repaired."),
                              display, label, why);
        }

      code = wk_ogr_field_as_utf8 (feature, fields[WK_ROLE_CODE]);
      if (code == NULL || *code == '\0')
        {
          g_free (code);
          code = g_strdup_printf ("#%lld", (long long) OGR_F_GetFID (feature));
          wk_load_report_add (report, _("“%s”, %s: no unit code; it is called “%s”."),
                              display, label, code);
        }
      if (g_hash_table_contains (self->codes, code))
        {
          g_autofree char *dup = NULL;

          for (guint k = 2; dup == NULL || g_hash_table_contains (self->codes, dup); k++)
            {
              g_free (dup);
              dup = g_strdup_printf ("%s#%u", code, k);
            }
          report->n_duplicate_codes++;
          wk_load_report_add (report, _("“%s”: the unit code “%s” occurs more than once; "
                                        "%s is called “%s”."), display, code, label, dup);
          g_free (code);
          code = g_steal_pointer (&dup);
        }
      name = wk_ogr_field_as_utf8 (feature, fields[WK_ROLE_NAME]);
      gm_code = wk_ogr_field_as_utf8 (feature, fields[WK_ROLE_GM_CODE]);
      gm_name = wk_ogr_field_as_utf8 (feature, fields[WK_ROLE_GM_NAME]);

      status = field_as_number (feature, fields[WK_ROLE_POPULATION], &pop);
      if (status == VALUE_SECRET || (status == VALUE_OK && pop < 0))
        {
          report->n_secret_values++;
          pop = NAN;
        }
      else if (status == VALUE_TEXT)
        n_text_population++;
      else if (status == VALUE_NULL)
        n_null_population++;

      status = field_as_number (feature, fields[WK_ROLE_POP65], &p65);
      if (status == VALUE_SECRET || (status == VALUE_OK && p65 < 0))
        {
          report->n_secret_values++;
          p65 = NAN;
        }
      if (self->pop65_is_share && isfinite (p65))
        p65 = isfinite (pop) ? p65 / 100.0 * pop : NAN;

      unit.code = g_string_chunk_insert (self->strings, code);
      unit.name = name && *name ? g_string_chunk_insert (self->strings, name) : NULL;
      unit.gm_code = gm_code && *gm_code ? g_string_chunk_insert_const (self->strings, gm_code) : NULL;
      unit.gm_name = gm_name && *gm_name ? g_string_chunk_insert_const (self->strings, gm_name) : NULL;
      unit.population = isfinite (pop) ? (gint64) llround (pop) : -1;
      unit.pop65 = isfinite (p65) ? p65 : -1.0;
      unit.fid = OGR_F_GetFID (feature);
      unit.inside_share = 1.0;
      if (unit.population < 0)
        report->n_unknown_population++;
      else
        self->total_population += unit.population;

      for (guint e = 0; e < extra->len; e++)
        {
          double v = NAN;

          status = field_as_number (feature, g_array_index (extra, int, e), &v);
          if (status == VALUE_SECRET)
            report->n_secret_values++;
          g_array_append_val (values, v);
        }

      g_hash_table_insert (self->codes, (gpointer) unit.code, GUINT_TO_POINTER (self->units->len + 1));
      g_array_append_val (self->units, unit);
      g_ptr_array_add (self->geoms, geom);
      g_clear_pointer (&feature, OGR_F_Destroy);
    }
  reprojection_clear (&reproj);
  if (read_failure->len > 0)
    return set_damaged (error, display, read_failure->str);
  g_clear_pointer (&read_failure, wk_gdal_capture_end);
  report->n_features = n_read;
  report->n_units = self->units->len;
  self->values = (double *) g_array_free (g_steal_pointer (&values), FALSE);

  if (self->units->len == 0)
    {
      if (n_read == 0)
        g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_EMPTY,
                     _("“%s” has no features."), display);
      else
        g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_EMPTY,
                     _("“%s” has no usable polygons: all %u features are empty, broken or not areas."),
                     display, n_read);
      return FALSE;
    }
  if (fields[WK_ROLE_POPULATION] >= 0 && report->n_unknown_population == self->units->len)
    {
      if (n_text_population > 0)
        g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD,
                     _("The population field “%s” in “%s” holds text, not numbers."),
                     self->role_fields[WK_ROLE_POPULATION], display);
      else
        g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD,
                     _("The population field “%s” in “%s” has no known value: every unit is empty "
                       "or has a CBS code for a secret or unknown figure."),
                     self->role_fields[WK_ROLE_POPULATION], display);
      return FALSE;
    }
  if (report->n_secret_values > 0)
    wk_load_report_add (report,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "“%s”: %u value is a CBS code for a secret or unknown figure "
                                     "(such as -99999997); it is treated as unknown and not added.",
                                     "“%s”: %u values are CBS codes for secret or unknown figures "
                                     "(such as -99999997); they are treated as unknown and not added.",
                                     report->n_secret_values),
                        display, report->n_secret_values);
  if (n_text_population > 0)
    wk_load_report_add (report,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "“%s”: the population of %u unit is not a number; it is treated as unknown.",
                                     "“%s”: the population of %u units is not a number; it is treated as unknown.",
                                     n_text_population),
                        display, n_text_population);
  if (n_null_population > 0)
    wk_load_report_add (report,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "“%s”: %u unit has no population figure.",
                                     "“%s”: %u units have no population figure.",
                                     n_null_population),
                        display, n_null_population);

  /* Figures, outlines and extent, on all cores. */
  _wk_dataset_finish_units (self);
  return TRUE;
}

/* ------------------------------------------------------------- providers */

static const char *provider_name_fields[] = {
  "naam", "name", "praktijknaam", "praktijk", "organisatie", "organisation", "organization",
  "apotheek", "locatie", "location", "label", "titel", "title", NULL
};
static const char *provider_fte_fields[] = {
  "fte", "huisarts_fte", "fte_huisarts", "capaciteit_fte", "normpraktijken", "capacity",
  "capaciteit", NULL
};
static const char *provider_patient_fields[] = {
  "patienten", "patiënten", "ingeschrevenen", "ingeschreven_patienten", "aantal_patienten",
  "listed_patients", "patients", NULL
};
static const char *provider_network_fields[] = {
  "netwerk", "network", "hagro", "groep", "group", "team", "zorggroep", "wijkteam",
  "samenwerkingsverband", NULL
};
static const char *provider_dispensing_fields[] = {
  "apotheekhoudend", "dispensing", "apotheekhoudende_huisarts", NULL
};
static const char *provider_kind_fields[] = {
  "kind", "soort", "type", "categorie", "category", NULL
};
static const char *x_fields[] = {
  "x", "rd_x", "x_rd", "xcoord", "x_coord", "coord_x", "lon", "lng", "long", "longitude",
  "lengtegraad", NULL
};
static const char *y_fields[] = {
  "y", "rd_y", "y_rd", "ycoord", "y_coord", "coord_y", "lat", "latitude", "breedtegraad", NULL
};

static gboolean
parse_bool (const char *text)
{
  static const char *yes[] = { "1", "true", "ja", "yes", "j", "y", "waar", "t", NULL };

  if (text == NULL)
    return FALSE;
  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
kind_from_text (const char     *text,
                WkProviderKind *kind,
                gboolean       *dispensing)
{
  g_autofree char *lower = NULL;

  if (text == NULL)
    return FALSE;
  lower = g_utf8_strdown (text, -1);
  *dispensing = FALSE;
  if (strstr (lower, "apotheekhoudend") != NULL || strstr (lower, "dispensing") != NULL)
    {
      *kind = WK_PROVIDER_GP;
      *dispensing = TRUE;
      return TRUE;
    }
  if (strstr (lower, "huisarts") != NULL || g_str_equal (lower, "gp") ||
      strstr (lower, "general practi") != NULL)
    *kind = WK_PROVIDER_GP;
  else if (strstr (lower, "apothe") != NULL || strstr (lower, "pharmac") != NULL)
    *kind = WK_PROVIDER_PHARMACY;
  else if (strstr (lower, "verpleeg") != NULL || strstr (lower, "verpleg") != NULL ||
           strstr (lower, "nurs") != NULL || strstr (lower, "thuiszorg") != NULL)
    *kind = WK_PROVIDER_NURSING;
  else if (strstr (lower, "sociaal") != NULL || strstr (lower, "social") != NULL ||
           strstr (lower, "wijkteam") != NULL)
    *kind = WK_PROVIDER_SOCIAL;
  else
    return FALSE;
  return TRUE;
}

/* A point layer, or a CSV without geometry whose coordinate columns can be
 * read (e.g. with decimal commas, which GDAL's CSV driver does not parse). */
static OGRLayerH
pick_point_layer (GDALDatasetH   ds,
                  const char    *display,
                  int           *x_field,
                  int           *y_field,
                  GError       **error)
{
  int n = GDALDatasetGetLayerCount (ds);

  *x_field = *y_field = -1;
  for (int i = 0; i < n; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, i);
      OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);

      *x_field = detect_field (defn, x_fields);
      *y_field = detect_field (defn, y_fields);
      if (layer_has_kind (layer, WK_GEOMETRY_POINT) ||
          layer_has_kind (layer, WK_GEOMETRY_POLYGON) ||
          (*x_field >= 0 && *y_field >= 0))
        return layer;
    }
  return pick_layer (ds, NULL, WK_GEOMETRY_POINT, FALSE, display, error);
}

/* Gives a CSV layer without usable geometry one, from its coordinate
 * columns; the coordinates' system is decided from their range. */
static OGRGeometryH
point_from_columns (OGRFeatureH feature,
                    int         x_field,
                    int         y_field)
{
  g_autofree char *xs = wk_ogr_field_as_utf8 (feature, x_field);
  g_autofree char *ys = wk_ogr_field_as_utf8 (feature, y_field);
  double x, y;
  OGRGeometryH point;

  if (!parse_number (xs, &x) || !parse_number (ys, &y))
    return NULL;
  point = OGR_G_CreateGeometry (wkbPoint);
  OGR_G_SetPoint_2D (point, 0, x, y);
  return point;
}

gboolean
_wk_dataset_read_providers (WkDataset       *self,
                            WkProviderKind   kind,
                            const char      *path,
                            GCancellable    *cancellable,
                            GError         **error)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autofree char *layer_name = NULL;
  g_autofree char *file = split_source (path, &layer_name);
  g_autofree char *display = wk_gdal_display_name (file);
  g_auto(GDALDatasetH) ds = NULL;
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  int x_field, y_field, f_name, f_fte, f_patients, f_network, f_disp, f_kind;
  g_autoptr(GPtrArray) feats = g_ptr_array_new_with_free_func ((GDestroyNotify) OGR_F_Destroy);
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) OGR_G_DestroyGeometry);
  OGREnvelope env = { G_MAXDOUBLE, -G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE };
  OGRSpatialReferenceH layer_srs;
  g_auto(OGRSpatialReferenceH) srs = NULL;
  g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  g_autoptr(WkGdalCapture) read_failure = NULL;
  g_auto(OGRFeatureH) feature = NULL;
  guint before = self->providers->len;

  ds = _wk_open_vector (file, NULL, error);
  if (ds == NULL)
    return FALSE;
  if (layer_name != NULL)
    layer = pick_layer (ds, layer_name, WK_GEOMETRY_POINT, FALSE, display, error);
  else
    layer = pick_point_layer (ds, display, &x_field, &y_field, error);
  if (layer == NULL)
    return FALSE;
  defn = OGR_L_GetLayerDefn (layer);
  if (layer_name != NULL)
    {
      x_field = detect_field (defn, x_fields);
      y_field = detect_field (defn, y_fields);
    }
  f_name = detect_field (defn, provider_name_fields);
  f_fte = detect_field (defn, provider_fte_fields);
  f_patients = detect_field (defn, provider_patient_fields);
  f_network = detect_field (defn, provider_network_fields);
  f_disp = detect_field (defn, provider_dispensing_fields);
  f_kind = detect_field (defn, provider_kind_fields);

  /* Read all points first: a file without CRS is judged by its range. */
  read_failure = wk_gdal_capture_begin ();
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (feature);
      OGRGeometryH point = NULL;
      OGREnvelope e;

      if (g != NULL && !OGR_G_IsEmpty (g))
        {
          OGRwkbGeometryType t = wkbFlatten (OGR_G_GetGeometryType (g));

          if (t == wkbPoint)
            point = OGR_G_Clone (g);
          else if (t == wkbMultiPoint && OGR_G_GetGeometryCount (g) > 0)
            point = OGR_G_Clone (OGR_G_GetGeometryRef (g, 0));
          else if (geometry_type_is (t, WK_GEOMETRY_POLYGON))
            {
              /* A broken footprint is this feature's problem, not the file's. */
              WkGdalCapture *ignored = wk_gdal_capture_begin ();

              point = OGR_G_PointOnSurface (g);
              wk_gdal_capture_end (ignored);
            }
        }
      if (point == NULL && x_field >= 0 && y_field >= 0)
        point = point_from_columns (feature, x_field, y_field);
      if (point == NULL)
        {
          g_autofree char *label = feature_label (feature, f_name);

          self->report->n_providers_skipped++;
          wk_load_report_add (self->report, _("“%s”, %s: skipped, because it has no location."),
                              display, label);
          g_clear_pointer (&feature, OGR_F_Destroy);
          continue;
        }
      OGR_G_GetEnvelope (point, &e);
      if (!isfinite (e.MinX) || !isfinite (e.MinY))
        {
          g_autofree char *label = feature_label (feature, f_name);

          self->report->n_providers_skipped++;
          wk_load_report_add (self->report, _("“%s”, %s: skipped, because its coordinates are not numbers."),
                              display, label);
          OGR_G_DestroyGeometry (point);
          g_clear_pointer (&feature, OGR_F_Destroy);
          continue;
        }
      env.MinX = MIN (env.MinX, e.MinX);
      env.MaxX = MAX (env.MaxX, e.MaxX);
      env.MinY = MIN (env.MinY, e.MinY);
      env.MaxY = MAX (env.MaxY, e.MaxY);
      g_ptr_array_add (points, point);
      g_ptr_array_add (feats, g_steal_pointer (&feature));
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Loading was cancelled."));
          return FALSE;
        }
    }
  if (read_failure->len > 0)
    return set_damaged (error, display, read_failure->str);
  g_clear_pointer (&read_failure, wk_gdal_capture_end);
  if (points->len == 0)
    {
      wk_load_report_add (self->report, _("“%s” has no locations."), display);
      return TRUE;
    }

  layer_srs = OGR_L_GetSpatialRef (layer);
  if (layer_srs != NULL && (OGR_F_GetGeometryRef (g_ptr_array_index (feats, 0)) != NULL))
    srs = OSRClone (layer_srs);
  else if (extent_inside (&env, RD_XMIN, RD_YMIN, RD_XMAX, RD_YMAX))
    srs = OSRClone (rd);
  else if (extent_inside (&env, LL_XMIN, LL_YMIN, LL_XMAX, LL_YMAX))
    srs = wk_gdal_srs_new_epsg (4326);
  else
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_CRS,
                   _("The locations in “%s” have no coordinate system, and their coordinates are "
                     "neither RD New nor longitude/latitude in the Netherlands."), display);
      return FALSE;
    }
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  if (!srs_is_epsg (srs, "28992") && !OSRIsSame (srs, rd))
    {
      g_autoptr(WkGdalCapture) failure = wk_gdal_capture_begin ();

      ct = OCTNewCoordinateTransformation (srs, rd);
      if (ct == NULL)
        {
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_CRS,
                       _("The coordinates of “%s” cannot be converted to RD New: %s"),
                       display, failure->len ? failure->str : "?");
          return FALSE;
        }
    }

  for (guint i = 0; i < points->len; i++)
    {
      OGRFeatureH feat = g_ptr_array_index (feats, i);
      OGRGeometryH point = g_ptr_array_index (points, i);
      g_autofree char *label = feature_label (feat, f_name);
      g_autofree char *name = wk_ogr_field_as_utf8 (feat, f_name);
      g_autofree char *network = wk_ogr_field_as_utf8 (feat, f_network);
      g_autofree char *kind_text = wk_ogr_field_as_utf8 (feat, f_kind);
      WkProvider prov = { 0 };
      double v;

      if (ct != NULL)
        {
          g_autoptr(GString) failure = g_string_new (NULL);
          OGRErr err;

          wk_gdal_push_capture (failure);
          err = OGR_G_Transform (point, ct);
          wk_gdal_pop_capture ();
          if (err != OGRERR_NONE)
            {
              self->report->n_providers_skipped++;
              wk_load_report_add (self->report, _("“%s”, %s: skipped, because its coordinates "
                                                  "cannot be converted."), display, label);
              continue;
            }
        }
      prov.x = OGR_G_GetX (point, 0);
      prov.y = OGR_G_GetY (point, 0);
      if (!(prov.x >= RD_XMIN && prov.x <= RD_XMAX && prov.y >= RD_YMIN && prov.y <= RD_YMAX))
        {
          self->report->n_providers_skipped++;
          wk_load_report_add (self->report, _("“%s”, %s: skipped, because it lies outside the Netherlands."),
                              display, label);
          continue;
        }
      wk_rd_to_lonlat (prov.x, prov.y, &prov.lon, &prov.lat);
      prov.kind = kind;
      if (kind_text != NULL)
        {
          WkProviderKind k;
          gboolean disp = FALSE;

          if (kind_from_text (kind_text, &k, &disp))
            {
              prov.kind = k;
              prov.dispensing = disp;
            }
        }
      if (f_disp >= 0)
        {
          g_autofree char *d = wk_ogr_field_as_utf8 (feat, f_disp);
          prov.dispensing = prov.dispensing || parse_bool (d);
        }
      prov.name = name && *name ? g_string_chunk_insert (self->strings, name) : NULL;
      prov.network = network && *network ? g_string_chunk_insert_const (self->strings, network) : NULL;
      prov.source = g_string_chunk_insert_const (self->strings, display);
      prov.capacity_fte = NAN;
      if (field_as_number (feat, f_fte, &v) == VALUE_OK && v >= 0)
        prov.capacity_fte = v;
      else if (field_as_number (feat, f_patients, &v) == VALUE_OK && v >= 0)
        prov.capacity_fte = v / 2350.0;
      prov.unit = WK_UNIT_NONE;
      self->report->n_providers[prov.kind]++;
      g_array_append_val (self->providers, prov);
    }
  (void) ctx;
  g_debug ("%s: %u providers", display, self->providers->len - before);
  return TRUE;
}

/* ------------------------------------------------------- networks, boundary */

static const char *network_name_fields[] = {
  "naam", "name", "netwerk", "network", "team", "teamnaam", "hagro", "wijkteam", "gebied",
  "gebiedsnaam", "label", "wk_naam", "wijknaam", "area_name", NULL
};
static const char *color_fields[] = { "color", "colour", "kleur", NULL };

/* _wk_read_polygons:
 * @path: an OGR source, optionally with “|layername=NAME”
 * @name_field: (nullable): the field with the names; detected when %NULL
 * @report: where skipped and repaired features are listed
 * @geoms: (element-type GEOSGeometry): receives the valid polygons, in RD
 * @names: (element-type utf8): receives their names (%NULL where empty)
 * @colors: (element-type utf8) (nullable): receives their #rrggbb colour
 *   field, when there is one, or %NULL
 *
 * Reads the polygons of a layer (the first polygon layer unless named), as
 * network and boundary files and imported area maps are.
 */
gboolean
_wk_read_polygons (const char     *path,
                   const char     *name_field,
                   WkLoadReport   *report,
                   GPtrArray      *geoms,
                   GPtrArray      *names,
                   GPtrArray      *colors,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autofree char *layer_name = NULL;
  g_autofree char *file = split_source (path, &layer_name);
  g_autofree char *display = wk_gdal_display_name (file);
  g_auto(GDALDatasetH) ds = NULL;
  g_auto(OGRFeatureH) feature = NULL;
  g_autoptr(WkGdalCapture) read_failure = NULL;
  Reprojection reproj = { 0 };
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  int f_name, f_color;

  ds = _wk_open_vector (file, NULL, error);
  if (ds == NULL)
    return FALSE;
  layer = pick_layer (ds, layer_name, WK_GEOMETRY_POLYGON, FALSE, display, error);
  if (layer == NULL)
    return FALSE;
  defn = OGR_L_GetLayerDefn (layer);
  if (name_field != NULL)
    {
      f_name = find_field_ci (defn, name_field);
      if (f_name < 0)
        {
          g_auto(GStrv) all = field_names (defn);
          g_autofree char *list = g_strjoinv (", ", all);

          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD,
                       _("“%s” has no field “%s”. Its fields are: %s."), display, name_field,
                       *list ? list : _("none"));
          return FALSE;
        }
    }
  else
    f_name = detect_field (defn, network_name_fields);
  if (f_name < 0)
    for (int f = 0; f < OGR_FD_GetFieldCount (defn) && f_name < 0; f++)
      if (OGR_Fld_GetType (OGR_FD_GetFieldDefn (defn, f)) == OFTString)
        f_name = f;
  f_color = colors != NULL ? detect_field (defn, color_fields) : -1;
  {
    /* The report's CRS line is about the units, not this file. */
    g_autofree char *kept = g_steal_pointer (&report->source_crs);
    gboolean ok = resolve_crs (layer, NULL, display, report, &reproj, error);

    g_free (report->source_crs);
    report->source_crs = g_steal_pointer (&kept);
    if (!ok)
      return FALSE;
  }

  read_failure = wk_gdal_capture_begin ();
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_autofree char *why = NULL;
      g_autofree char *label = feature_label (feature, f_name);
      gboolean repaired = FALSE;
      GEOSGeometry *geom = feature_geometry (feature, &reproj, WK_GEOMETRY_POLYGON, &repaired, &why);
      char *name;

      if (geom == NULL)
        {
          wk_load_report_add (report, _("“%s”, %s: skipped, because %s."), display, label, why);
          g_clear_pointer (&feature, OGR_F_Destroy);
          continue;
        }
      if (repaired)
        wk_load_report_add (report, _("“%s”, %s: the geometry was invalid (%s) and has been repaired."),
                            display, label, why);
      name = wk_ogr_field_as_utf8 (feature, f_name);
      if (name != NULL && *name == '\0')
        g_clear_pointer (&name, g_free);
      g_ptr_array_add (geoms, geom);
      g_ptr_array_add (names, name);
      if (colors != NULL)
        g_ptr_array_add (colors, wk_ogr_field_as_utf8 (feature, f_color));
      g_clear_pointer (&feature, OGR_F_Destroy);
      if (g_cancellable_is_cancelled (cancellable))
        {
          reprojection_clear (&reproj);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Loading was cancelled."));
          return FALSE;
        }
    }
  reprojection_clear (&reproj);
  if (read_failure->len > 0)
    return set_damaged (error, display, read_failure->str);
  g_clear_pointer (&read_failure, wk_gdal_capture_end);
  if (geoms->len == 0)
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_EMPTY,
                   _("“%s” has no usable polygons."), display);
      return FALSE;
    }
  return TRUE;
}

gboolean
_wk_dataset_read_networks (WkDataset     *self,
                           const char    *path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GPtrArray) geoms = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display = source_display_name (path);

  if (!_wk_read_polygons (path, NULL, self->report, geoms, names, NULL, cancellable, error))
    return FALSE;
  for (guint i = 0; i < geoms->len; i++)
    {
      WkNetwork net = { 0 };
      WkOutline rd, ll;
      GEOSGeometry *g = g_ptr_array_index (geoms, i);
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *fallback = NULL;

      if (name == NULL)
        name = fallback = g_strdup_printf (_("Network %u"), i + 1);
      g_ptr_array_index (geoms, i) = NULL;   /* handed over below */
      net.name = g_string_chunk_insert (self->strings, name);
      net.source = g_string_chunk_insert_const (self->strings, display);
      _wk_outline_from_geos (&rd, g);
      _wk_dataset_outline_to_lonlat (self, &rd, &ll);
      g_array_append_val (self->networks, net);
      g_ptr_array_add (self->network_geoms, g);
      g_array_append_val (self->network_outlines_rd, rd);
      g_array_append_val (self->network_outlines_ll, ll);
    }
  return TRUE;
}

gboolean
_wk_dataset_read_boundary (WkDataset     *self,
                           const char    *path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GPtrArray) geoms = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (!_wk_read_polygons (path, NULL, self->report, geoms, names, NULL, cancellable, error))
    return FALSE;
  self->boundary = wk_geos_union_all ((GEOSGeometry **) geoms->pdata, geoms->len, FALSE);
  if (self->boundary == NULL)
    {
      g_autofree char *display = source_display_name (path);

      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_INVALID,
                   _("The boundary in “%s” could not be combined into one area."), display);
      return FALSE;
    }
  _wk_outline_from_geos (&self->boundary_rd, self->boundary);
  _wk_dataset_outline_to_lonlat (self, &self->boundary_rd, &self->boundary_ll);

  _wk_dataset_compute_inside_shares (self);
  return TRUE;
}
