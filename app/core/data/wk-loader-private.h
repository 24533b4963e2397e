/* wk-loader-private.h: what the loader's files share: reading fields, layers and geometries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-dataset-private.h"
#include "wk-source-private.h"

G_BEGIN_DECLS

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

/* More than the whole country (CBS: 18,044,027 on 1 January 2025, with room
 * for a few years' growth): a wrong field, never a buurt. */
#define WK_MAX_POPULATION 18300000.0

/* The most of one text field the loader keeps (bytes). */
#define WK_MAX_FIELD_TEXT 4096

typedef enum
{
  VALUE_OK,
  VALUE_NULL,
  VALUE_SECRET,
  VALUE_TEXT,
} ValueStatus;

typedef struct
{
  OGRCoordinateTransformationH ct;    /* NULL: already RD */
  gboolean                      lonlat_source;
} Reprojection;

gboolean
_wk_loader_parse_number (const char *text,
                         double     *value);
ValueStatus
_wk_loader_field_as_number (OGRFeatureH  feature,
                            int          field,
                            double      *value);
char *
_wk_loader_field_name (OGRFeatureDefnH defn,
                       int             field);
int
_wk_loader_find_field_ci (OGRFeatureDefnH  defn,
                          const char      *name);
GStrv
_wk_loader_field_names (OGRFeatureDefnH defn);
int
_wk_loader_detect_field (OGRFeatureDefnH  defn,
                         const char     **candidates);
gboolean
_wk_loader_is_share_name (const char *name);
WkAggregate
_wk_loader_aggregate_for (const char *name);
gboolean
_wk_loader_is_bookkeeping_name (const char *name);
gboolean
_wk_loader_layer_has_kind (OGRLayerH      layer,
                           WkGeometryKind kind);
char *
_wk_loader_split_source (const char  *source,
                         char       **layer);
char *
_wk_loader_source_display_name (const char *source);
gboolean
_wk_loader_zip_resolve (const char *path, char **resolved, GError **error);
gboolean
_wk_loader_zip_check_layers (GDALDatasetH ds, const char *display, GError **error);
OGRLayerH
_wk_loader_pick_layer (GDALDatasetH ds, const char *name, WkGeometryKind kind, gboolean units,
                       const char *display, GError **error);
gboolean
_wk_loader_set_damaged (GError     **error,
                        const char  *display,
                        const char  *failure);
gboolean
_wk_loader_extent_inside (const OGREnvelope *env,
                          double xmin, double ymin, double xmax, double ymax);
gboolean
_wk_loader_srs_is_epsg (OGRSpatialReferenceH srs,
                        const char          *code);
void
_wk_loader_reprojection_clear (Reprojection *r);
gboolean
_wk_loader_resolve_crs (OGRLayerH layer, const char *override, const char *display,
                        WkLoadReport *report, Reprojection *out, GError **error);
gboolean
_wk_loader_resolve_crs_unchecked (OGRLayerH layer, const char *display, WkLoadReport *report,
                                  Reprojection *out, GError **error);
gboolean
_wk_loader_check_extent (OGRLayerH layer, const OGREnvelope *env, const char *display,
                         Reprojection *out, GError **error);
GEOSGeometry *
_wk_loader_feature_geometry (OGRFeatureH          feature,
                             const Reprojection  *reproj,
                             WkGeometryKind       kind,
                             gboolean            *repaired,
                             char               **why);
guchar *
_wk_loader_feature_wkb (OGRFeatureH feature, const Reprojection *reproj, WkGeometryKind kind,
                        gsize *size, gboolean *closed, gboolean *deferred, char **why);
gboolean
_wk_loader_wkb_to_rd (guchar *wkb, gsize size, OGRCoordinateTransformationH ct, char **why);
GEOSGeometry *
_wk_loader_polygons_from_wkb (const guchar *wkb, gsize size);
GEOSGeometry *
_wk_loader_geometry_from_wkb (const guchar *wkb, gsize size, WkGeometryKind kind,
                              gboolean closed, gboolean *repaired, char **why);
char *
_wk_loader_feature_label (OGRFeatureH  feature,
                          int          label_field);

/* wk-loader-checks.c */
char *
_wk_loader_field_text (OGRFeatureH    feature,
                       int            field,
                       const char    *display,
                       const char    *label,
                       WkLoadReport  *report);
gint64
_wk_loader_note_skipped (OGRFeatureH    feature,
                         int            population_field,
                         const char    *display,
                         const char    *label,
                         WkLoadReport  *report);
void     _wk_loader_check_records (GDALDatasetH ds, guint n_read, gint64 n_total,
                                   WkDataset *self, const char *display,
                                   WkLoadReport *report);
void
_wk_loader_check_units (WkDataset    *self,
                        const char   *display,
                        WkLoadReport *report);
OGRGeometryH
_wk_loader_collection_as_polygons (OGRGeometryH geom);
GEOSGeometry *
_wk_loader_without_stray_holes (const GEOSGeometry *geom,
                                guint              *n_dropped);
gboolean
_wk_loader_explain_no_code (GDALDatasetH   ds,
                            OGRLayerH      layer,
                            gboolean       chosen,
                            const char    *display,
                            GError       **error);
guint    _wk_loader_drop_stray_points (GDALDatasetH ds, GPtrArray *feats, GPtrArray *points,
                                       const char *display, WkLoadReport *report,
                                       OGREnvelope *env);

G_END_DECLS
