/* wk-loader-geometry.c: the loader's CRS detection and geometry repair
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-loader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-loader-private.h"
#include "wk-progress.h"
#include "wk-source.h"

/* ------------------------------------------------------------------ CRS */

gboolean
_wk_loader_extent_inside (const OGREnvelope *env,
                          double xmin, double ymin, double xmax, double ymax)
{
  return env->MinX >= xmin && env->MaxX <= xmax && env->MinY >= ymin && env->MaxY <= ymax;
}

gboolean
_wk_loader_srs_is_epsg (OGRSpatialReferenceH srs,
                        const char          *code)
{
  const char *auth = OSRGetAuthorityName (srs, NULL);
  const char *c = OSRGetAuthorityCode (srs, NULL);

  return auth != NULL && c != NULL && g_ascii_strcasecmp (auth, "EPSG") == 0 && g_str_equal (c, code);
}

void
_wk_loader_reprojection_clear (Reprojection *r)
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

/* "EPSG:28992" or the system's name. */
static char *
srs_label (OGRSpatialReferenceH srs)
{
  const char *auth = OSRGetAuthorityName (srs, NULL);
  const char *code = OSRGetAuthorityCode (srs, NULL);

  return auth && code ? g_strdup_printf ("%s:%s", auth, code) : wk_gdal_to_utf8 (OSRGetName (srs));
}

/* Refuses a layer whose coordinates (their extent @env) cannot be in the
 * Netherlands in its coordinate system @srs (@label); clears @out then. */
static gboolean
check_extent (OGRLayerH             layer,
              OGRSpatialReferenceH  srs,
              const char           *label,
              const OGREnvelope    *env,
              const char           *display,
              Reprojection         *out,
              GError              **error)
{
  double x[4] = { env->MinX, env->MaxX, env->MinX, env->MaxX };
  double y[4] = { env->MinY, env->MinY, env->MaxY, env->MaxY };
  int ok[4] = { 0 };
  gboolean inside = TRUE;

  if (!(isfinite (env->MinX) && isfinite (env->MaxX) &&
        isfinite (env->MinY) && isfinite (env->MaxY)))
    return TRUE;
  /* Coordinates that belong to the other Dutch system than the label says
   * are the usual mistake; name it. */
  if (OSRIsGeographic (srs) &&
      !_wk_loader_extent_inside (env, -180, -90, 180, 90) &&
      _wk_loader_extent_inside (env, RD_XMIN, RD_YMIN, RD_XMAX, RD_YMAX))
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_WRONG_CRS,
                   _("“%s” says its coordinates are longitude/latitude (%s), but they look like "
                     "RD New metres. Correct the coordinate system of the file (EPSG:28992)."),
                   display, label);
      _wk_loader_reprojection_clear (out);
      return FALSE;
    }
  if (OSRIsProjected (srs) && _wk_loader_srs_is_epsg (srs, "28992") &&
      !_wk_loader_extent_inside (env, RD_XMIN, RD_YMIN, RD_XMAX, RD_YMAX) &&
      _wk_loader_extent_inside (env, LL_XMIN, LL_YMIN, LL_XMAX, LL_YMAX))
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_WRONG_CRS,
                   _("“%s” says its coordinates are RD New metres (%s), but they look like "
                     "longitude/latitude. Correct the coordinate system of the file (EPSG:4326)."),
                   display, label);
      _wk_loader_reprojection_clear (out);
      return FALSE;
    }

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
      _wk_loader_reprojection_clear (out);
      return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_crs (OGRLayerH        layer,
             const char      *override,
             const char      *display,
             WkLoadReport    *report,
             gboolean         with_extent,
             Reprojection    *out,
             GError         **error)
{
  g_auto(OGRSpatialReferenceH) srs = NULL;
  g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
  OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef (layer);
  OGREnvelope env = { 0 };
  gboolean have_extent;
  g_autofree char *label = NULL;

  have_extent = with_extent && OGR_L_GetExtent (layer, &env, TRUE) == OGRERR_NONE;
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
      label = srs_label (srs);
    }
  else if ((have_extent && _wk_loader_extent_inside (&env, RD_XMIN, RD_YMIN, RD_XMAX, RD_YMAX)) ||
           mostly_inside (layer, NULL, RD_XMIN, RD_YMIN, RD_XMAX, RD_YMAX))
    {
      srs = OSRClone (rd);
      label = g_strdup ("EPSG:28992");
      _wk_load_report_add (report, _("“%s” has no coordinate system; its coordinates fit RD New "
                                    "(EPSG:28992), so they were read as such."), display);
    }
  else if ((have_extent && _wk_loader_extent_inside (&env, LL_XMIN, LL_YMIN, LL_XMAX, LL_YMAX)) ||
           mostly_inside (layer, NULL, LL_XMIN, LL_YMIN, LL_XMAX, LL_YMAX))
    {
      srs = wk_gdal_srs_new_epsg (4326);
      label = g_strdup ("EPSG:4326");
      _wk_load_report_add (report, _("“%s” has no coordinate system; its coordinates fit longitude "
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

  out->lonlat_source = OSRIsGeographic (srs);
  if (_wk_loader_srs_is_epsg (srs, "28992") || OSRIsSame (srs, rd))
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

  return !have_extent || check_extent (layer, srs, label, &env, display, out, error);
}

/* Works out how to bring a layer to RD New: from its own CRS, an override,
 * or, when it has none, the coordinate range; and refuses coordinates that
 * cannot be in the Netherlands. */
gboolean
_wk_loader_resolve_crs (OGRLayerH        layer,
                        const char      *override,
                        const char      *display,
                        WkLoadReport    *report,
                        Reprojection    *out,
                        GError         **error)
{
  return resolve_crs (layer, override, display, report, TRUE, out, error);
}

/* _wk_loader_resolve_crs_unchecked:
 *
 * _wk_loader_resolve_crs() without an override, and without reading the
 * layer for its extent when the layer has its own CRS: then the caller
 * passes the extent of the features it read to _wk_loader_check_extent().
 * Reading the extent first is a whole pass over a GeoJSON file's features. */
gboolean
_wk_loader_resolve_crs_unchecked (OGRLayerH      layer,
                                  const char    *display,
                                  WkLoadReport  *report,
                                  Reprojection  *out,
                                  GError       **error)
{
  return resolve_crs (layer, NULL, display, report, OGR_L_GetSpatialRef (layer) == NULL, out,
                      error);
}

/* _wk_loader_check_extent:
 * @env: the extent of the layer's features, in its own coordinates
 *
 * The checks of _wk_loader_resolve_crs() on the extent, for a layer with its
 * own CRS resolved by _wk_loader_resolve_crs_unchecked(); clears @out when
 * they fail. */
gboolean
_wk_loader_check_extent (OGRLayerH           layer,
                         const OGREnvelope  *env,
                         const char         *display,
                         Reprojection       *out,
                         GError            **error)
{
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (layer);
  g_autofree char *label = NULL;

  if (srs == NULL)
    return TRUE;
  label = srs_label (srs);
  return check_extent (layer, srs, label, env, display, out, error);
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

/* Whether an extent in RD lies in the Netherlands; says why not. */
static gboolean
inside_rd (const OGREnvelope  *env,
           char              **why)
{
  if (!(env->MinX >= RD_XMIN && env->MaxX <= RD_XMAX &&
        env->MinY >= RD_YMIN && env->MaxY <= RD_YMAX))
    {
      *why = g_strdup (_("it lies outside the Netherlands"));
      return FALSE;
    }
  return TRUE;
}

/* The geometry to change: @src's copy in *@owned, made at the first change. */
static OGRGeometryH
own (OGRGeometryH  src,
     OGRGeometryH *owned)
{
  if (*owned == NULL)
    *owned = OGR_G_Clone (src);
  return *owned;
}

/* _wk_loader_feature_wkb:
 *
 * The first half of _wk_loader_feature_geometry(), with GDAL: @feature's
 * geometry as @kind, in RD, as WKB.  The feature's own geometry is copied
 * only when it has to be changed.  Returns %NULL with *@why set when the
 * feature is unusable; *@closed says that a ring had to be closed.  Uses
 * @reproj, so one thread at a time.
 *
 * With @deferred, a plain 2D (multi)polygon that needs reprojecting is
 * written in its own CRS and *@deferred set: the caller brings it to RD with
 * _wk_loader_wkb_to_rd(), on any thread, with its own transformation.
 */
guchar *
_wk_loader_feature_wkb (OGRFeatureH          feature,
                        const Reprojection  *reproj,
                        WkGeometryKind       kind,
                        gsize               *size,
                        gboolean            *closed,
                        gboolean            *deferred,
                        char               **why)
{
  OGRGeometryH src = OGR_F_GetGeometryRef (feature);
  g_auto(OGRGeometryH) owned = NULL;
  OGRGeometryH geom;
  OGREnvelope env;
  guchar *wkb;

  *closed = FALSE;
  if (src == NULL || OGR_G_IsEmpty (src))
    {
      *why = g_strdup (_("it has no geometry"));
      return NULL;
    }
  if (OGR_GT_IsNonLinear (OGR_G_GetGeometryType (src)))
    owned = OGR_G_GetLinearGeometry (src, 0, NULL);
  geom = owned != NULL ? owned : src;
  /* Surfaces of polygons count as polygons (_wk_geometry_kind_of()); GEOS
   * reads them as a multipolygon. */
  switch (wkbFlatten (OGR_G_GetGeometryType (geom)))
    {
    case wkbTriangle:
      own (src, &owned);
      geom = owned = OGR_G_ForceToPolygon (g_steal_pointer (&owned));
      break;
    case wkbPolyhedralSurface:
    case wkbTIN:
      own (src, &owned);
      geom = owned = OGR_G_ForceToMultiPolygon (g_steal_pointer (&owned));
      break;
    case wkbGeometryCollection:
      own (src, &owned);
      geom = owned = _wk_loader_collection_as_polygons (g_steal_pointer (&owned));
      break;
    default:
      break;
    }

  if (geom == NULL || _wk_geometry_kind_of (OGR_G_GetGeometryType (geom)) != kind)
    {
      if (geom != NULL && kind == WK_GEOMETRY_POINT &&
          _wk_geometry_kind_of (OGR_G_GetGeometryType (geom)) == WK_GEOMETRY_POLYGON)
        {
          /* A building footprint for a practice: take a point inside it. */
          OGRGeometryH inside = OGR_G_PointOnSurface (geom);

          g_clear_pointer (&owned, OGR_G_DestroyGeometry);
          geom = owned = inside;
        }
      if (geom == NULL || _wk_geometry_kind_of (OGR_G_GetGeometryType (geom)) != kind)
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
      geom = own (src, &owned);
      OGR_G_CloseRings (geom);
      *closed = TRUE;
    }
  if (deferred != NULL)
    {
      OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geom));

      *deferred = reproj->ct != NULL && (type == wkbPolygon || type == wkbMultiPolygon) &&
                  !OGR_G_Is3D (geom) && !OGR_G_IsMeasured (geom);
    }
  if (reproj->ct != NULL && (deferred == NULL || !*deferred))
    {
      g_autoptr(GString) failure = g_string_new (NULL);
      OGRErr err;

      geom = own (src, &owned);
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
  if ((deferred == NULL || !*deferred) && !inside_rd (&env, why))
    return NULL;

  *size = OGR_G_WkbSize (geom);
  wkb = g_malloc (*size);
  OGR_G_ExportToWkb (geom, wkbNDR, wkb);
  return wkb;
}

/* Reads a 32-bit little-endian number at *@pos of @wkb, if there is one. */
static gboolean
wkb_uint32 (const guchar *wkb,
            gsize         size,
            gsize        *pos,
            guint32      *value)
{
  if (*pos > size || size - *pos < 4)
    return FALSE;
  *value = (guint32) wkb[*pos] | (guint32) wkb[*pos + 1] << 8 |
           (guint32) wkb[*pos + 2] << 16 | (guint32) wkb[*pos + 3] << 24;
  *pos += 4;
  return TRUE;
}

/* Reprojects the rings of one 2D polygon of little-endian WKB at *@pos in
 * place, as OGR_G_Transform() does a ring: x, y and z = 0 in three arrays,
 * one call, every point must succeed.  Widens @env with the points. */
static gboolean
wkb_polygon_to_rd (guchar                       *wkb,
                   gsize                         size,
                   gsize                        *pos,
                   OGRCoordinateTransformationH  ct,
                   GArray                       *scratch,
                   OGREnvelope                  *env)
{
  guint32 type, n_rings;

  if (*pos >= size || wkb[(*pos)++] != 1 || !wkb_uint32 (wkb, size, pos, &type) || type != 3 ||
      !wkb_uint32 (wkb, size, pos, &n_rings))
    return FALSE;
  for (guint32 r = 0; r < n_rings; r++)
    {
      guint32 n;
      double *x, *y, *z;
      int *ok;

      if (!wkb_uint32 (wkb, size, pos, &n) || n > (size - *pos) / 16)
        return FALSE;
      if (n == 0)
        continue;
      g_array_set_size (scratch, 4 * (gsize) n);
      x = (double *) scratch->data;
      y = x + n;
      z = y + n;
      ok = (int *) (z + n);
      for (guint32 i = 0; i < n; i++)
        {
          memcpy (&x[i], wkb + *pos + 16 * (gsize) i, sizeof (double));
          memcpy (&y[i], wkb + *pos + 16 * (gsize) i + 8, sizeof (double));
          z[i] = 0.0;
          ok[i] = 0;
        }
      OCTTransformEx (ct, (int) n, x, y, z, ok);
      for (guint32 i = 0; i < n; i++)
        {
          if (!ok[i])
            return FALSE;
          memcpy (wkb + *pos + 16 * (gsize) i, &x[i], sizeof (double));
          memcpy (wkb + *pos + 16 * (gsize) i + 8, &y[i], sizeof (double));
          env->MinX = MIN (env->MinX, x[i]);
          env->MaxX = MAX (env->MaxX, x[i]);
          env->MinY = MIN (env->MinY, y[i]);
          env->MaxY = MAX (env->MaxY, y[i]);
        }
      *pos += 16 * (gsize) n;
    }
  return TRUE;
}

/* _wk_loader_wkb_to_rd:
 * @ct: this thread's own transformation from the layer's CRS to RD
 *
 * Brings the WKB of a deferred feature (_wk_loader_feature_wkb()) to RD in
 * place, with exactly the coordinates OGR_G_Transform() gives, and refuses
 * it, as that path does, when a point cannot be converted or it lies
 * outside the Netherlands.  Returns %FALSE with *@why set then.
 */
gboolean
_wk_loader_wkb_to_rd (guchar                       *wkb,
                      gsize                         size,
                      OGRCoordinateTransformationH  ct,
                      char                        **why)
{
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) failure = g_string_new (NULL);
  OGREnvelope env = {
    .MinX = G_MAXDOUBLE, .MaxX = -G_MAXDOUBLE, .MinY = G_MAXDOUBLE, .MaxY = -G_MAXDOUBLE,
  };
  guint32 type, n_parts = 1;
  gsize pos = 1;
  gboolean ok = size >= 9 && wkb[0] == 1 && wkb_uint32 (wkb, size, &pos, &type) &&
                (type == 3 || (type == 6 && wkb_uint32 (wkb, size, &pos, &n_parts)));

  if (ok && type == 3)
    pos = 0;
  wk_gdal_push_capture (failure);
  for (guint32 i = 0; ok && i < n_parts; i++)
    ok = wkb_polygon_to_rd (wkb, size, &pos, ct, scratch, &env);
  wk_gdal_pop_capture ();
  if (!ok || pos != size)
    {
      *why = g_strdup (_("its coordinates cannot be converted to RD New"));
      return FALSE;
    }
  return inside_rd (&env, why);
}

/* One 2D polygon of little-endian WKB at *@pos; %NULL for anything else. */
static GEOSGeometry *
wkb_polygon (GEOSContextHandle_t  ctx,
             const guchar        *wkb,
             gsize                size,
             gsize               *pos,
             GArray              *scratch)
{
  g_autofree GEOSGeometry **rings = NULL;
  guint32 type, n_rings, built = 0;
  GEOSGeometry *polygon = NULL;

  if (*pos >= size || wkb[(*pos)++] != 1 || !wkb_uint32 (wkb, size, pos, &type) || type != 3 ||
      !wkb_uint32 (wkb, size, pos, &n_rings) || n_rings == 0 || n_rings > (size - *pos) / 4)
    return NULL;
  rings = g_new0 (GEOSGeometry *, n_rings);
  for (; built < n_rings; built++)
    {
      GEOSCoordSequence *seq;
      guint32 n_points;

      if (!wkb_uint32 (wkb, size, pos, &n_points) || n_points < 4 ||
          n_points > (size - *pos) / 16)
        break;
      /* copied to aligned doubles first: WKB puts them at odd offsets */
      g_array_set_size (scratch, 2 * n_points);
      memcpy (scratch->data, wkb + *pos, 16 * (gsize) n_points);
      *pos += 16 * (gsize) n_points;
      seq = GEOSCoordSeq_copyFromBuffer_r (ctx, (const double *) scratch->data, n_points, 0, 0);
      rings[built] = seq != NULL ? GEOSGeom_createLinearRing_r (ctx, seq) : NULL;
      if (rings[built] == NULL)
        break;
    }
  if (built == n_rings)
    polygon = GEOSGeom_createPolygon_r (ctx, rings[0], rings + 1, n_rings - 1);
  if (polygon == NULL)
    for (guint32 r = 0; r < built; r++)
      GEOSGeom_destroy_r (ctx, rings[r]);
  return polygon;
}

/* _wk_loader_polygons_from_wkb:
 *
 * A 2D polygon or multipolygon in little-endian WKB (as
 * _wk_loader_feature_wkb() writes it) as GEOS geometry, built from the
 * coordinate arrays: several times faster than GEOS's WKB reader, which
 * reads a number at a time.  Returns %NULL for anything else (3D, empty
 * parts, short or open rings, other types), which is then left to GEOS's
 * reader and its messages.
 */
GEOSGeometry *
_wk_loader_polygons_from_wkb (const guchar *wkb,
                              gsize         size)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree GEOSGeometry **parts = NULL;
  guint32 type, n_parts, built = 0;
  GEOSGeometry *result = NULL;
  gsize pos = 0;

  if (size < 9 || wkb[0] != 1)
    return NULL;
  pos = 1;
  wkb_uint32 (wkb, size, &pos, &type);
  if (type == 3)
    {
      pos = 0;
      result = wkb_polygon (ctx, wkb, size, &pos, scratch);
      if (result != NULL && pos != size)
        g_clear_pointer (&result, wk_geos_geom_free);
      return result;
    }
  if (type != 6 || !wkb_uint32 (wkb, size, &pos, &n_parts) || n_parts == 0 ||
      n_parts > (size - pos) / 9)
    return NULL;
  parts = g_new0 (GEOSGeometry *, n_parts);
  for (; built < n_parts; built++)
    if ((parts[built] = wkb_polygon (ctx, wkb, size, &pos, scratch)) == NULL)
      break;
  if (built == n_parts && pos == size)
    result = GEOSGeom_createCollection_r (ctx, GEOS_MULTIPOLYGON, parts, n_parts);
  if (result == NULL)
    for (guint32 i = 0; i < built; i++)
      GEOSGeom_destroy_r (ctx, parts[i]);
  return result;
}

/* _wk_loader_geometry_from_wkb:
 *
 * The second half of _wk_loader_feature_geometry(), with GEOS only: the
 * WKB made by _wk_loader_feature_wkb() as a valid GEOS geometry; a polygon
 * that is not valid is repaired.  Thread-safe, so that the units can be
 * validated on all cores.
 */
GEOSGeometry *
_wk_loader_geometry_from_wkb (const guchar   *wkb,
                              gsize           size,
                              WkGeometryKind  kind,
                              gboolean        closed,
                              gboolean       *repaired,
                              char          **why)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  GEOSGeometry *g;

  *repaired = FALSE;
  g = kind == WK_GEOMETRY_POLYGON ? _wk_loader_polygons_from_wkb (wkb, size) : NULL;
  if (g == NULL)
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
      guint n_stray = 0;

      /* A NaN vertex leaves the envelope finite; it is nothing to repair. */
      if (reason != NULL && g_str_has_prefix (reason, "Invalid Coordinate"))
        {
          *why = g_strdup (_("it has coordinates that are not numbers"));
          GEOSFree_r (ctx, reason);
          GEOSGeom_destroy_r (ctx, g);
          return NULL;
        }
      /* holes outside their shell are dropped, never made parts */
      fixed = _wk_loader_without_stray_holes (g, &n_stray);
      if (fixed == NULL)
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
      *why = n_stray == 0 ? g_strdup (reason ? reason : "?")
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%s: %u hole outside the outline was dropped, so the "
                                        "unit is no larger than its outline",
                                        "%s: %u holes outside the outline were dropped, so the "
                                        "unit is no larger than its outline", n_stray),
                           reason ? reason : "?", n_stray);
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

/* Brings one feature's geometry to a valid GEOS geometry in RD.  Returns
 * NULL with *why set to a translated reason when the feature is unusable. */
GEOSGeometry *
_wk_loader_feature_geometry (OGRFeatureH          feature,
                             const Reprojection  *reproj,
                             WkGeometryKind       kind,
                             gboolean            *repaired,
                             char               **why)
{
  g_autofree guchar *wkb = NULL;
  gsize size = 0;
  gboolean closed = FALSE;

  *repaired = FALSE;
  wkb = _wk_loader_feature_wkb (feature, reproj, kind, &size, &closed, NULL, why);
  if (wkb == NULL)
    return NULL;
  return _wk_loader_geometry_from_wkb (wkb, size, kind, closed, repaired, why);
}

char *
_wk_loader_feature_label (OGRFeatureH  feature,
                          int          label_field)
{
  g_autofree char *label = wk_ogr_field_as_utf8 (feature, label_field);

  if (label != NULL && *label != '\0')
    return g_strdup_printf (_("feature %lld (%s)"), (long long) OGR_F_GetFID (feature), label);
  return g_strdup_printf (_("feature %lld"), (long long) OGR_F_GetFID (feature));
}
