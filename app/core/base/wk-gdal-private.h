/* wk-gdal-private.h: GDAL/OGR helpers for app/core only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cpl_conv.h>
#include <geos_c.h>
#include <cpl_error.h>
#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

G_BEGIN_DECLS

/* Captures GDAL's error messages on this thread into a GString (the first
 * CE_Failure); everything else goes to g_debug.  Push and pop in pairs. */
void                  wk_gdal_push_capture   (GString    *failure);
void                  wk_gdal_pop_capture    (void);

typedef GString WkGdalCapture;
WkGdalCapture        *wk_gdal_capture_begin  (void);
void                  wk_gdal_capture_end    (WkGdalCapture *capture);

OGRSpatialReferenceH  wk_gdal_srs_new_epsg   (int         epsg);
char                 *wk_gdal_display_name   (const char *path);
gboolean              wk_gdal_is_connection  (const char *path);
char                 *wk_ogr_field_as_utf8   (OGRFeatureH feature,
                                              int         field);
char                 *wk_gdal_to_utf8        (const char *raw);
OGRGeometryH          wk_geos_to_ogr         (const GEOSGeometry *geom);
void                  wk_ogr_add_field       (OGRLayerH    layer,
                                              const char  *name,
                                              OGRFieldType type);

static inline void
wk_gdal_close (GDALDatasetH ds)
{
  if (ds != NULL)
    GDALClose (ds);
}

static inline void
wk_ogr_feature_destroy (OGRFeatureH f)
{
  if (f != NULL)
    OGR_F_Destroy (f);
}

static inline void
wk_ogr_srs_release (OGRSpatialReferenceH srs)
{
  if (srs != NULL)
    OSRRelease (srs);
}

static inline void
wk_ogr_ct_destroy (OGRCoordinateTransformationH ct)
{
  if (ct != NULL)
    OCTDestroyCoordinateTransformation (ct);
}

static inline void
wk_ogr_geom_destroy (OGRGeometryH g)
{
  if (g != NULL)
    OGR_G_DestroyGeometry (g);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkGdalCapture, wk_gdal_capture_end)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, wk_gdal_close, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRFeatureH, wk_ogr_feature_destroy, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRSpatialReferenceH, wk_ogr_srs_release, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRCoordinateTransformationH, wk_ogr_ct_destroy, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRGeometryH, wk_ogr_geom_destroy, NULL)

G_END_DECLS
