/* wk-dataset-private.h: the data set's insides, shared by wk-dataset*.c and wk-loader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-dataset.h"
#include "wk-gdal-private.h"
#include "wk-geos-private.h"

G_BEGIN_DECLS

#define WK_MAX_UNITS 250000

typedef struct _WkLonLatGrid WkLonLatGrid;

struct _WkDataset
{
  GObject            parent_instance;

  WkLoadOptions     *options;
  WkLoadReport      *report;
  char              *display_name;
  char              *role_fields[WK_N_ROLES];
  gboolean           pop65_is_share;

  GStringChunk      *strings;
  GArray            *units;           /* WkUnit */
  GPtrArray         *geoms;           /* GEOSGeometry, RD */
  GArray            *outlines_rd;     /* WkOutline */
  GArray            *outlines_ll;     /* WkOutline, made when first asked for */
  GHashTable        *codes;           /* code → index + 1 */
  gint64             total_population;
  double             extent_rd[4];
  double             extent_ll[4];

  /* adjacency (CSR): neighbours of unit i are adj_units[adj_offsets[i] … adj_offsets[i+1]) */
  guint             *adj_offsets;
  guint             *adj_units;
  double            *adj_lengths;
  double             tolerance;
  guint8            *inexact;         /* per unit: shares a boundary not made of identical segments */

  GArray            *fields;          /* WkFieldInfo */
  double            *values;          /* n_units × n_fields, NAN = unknown */

  GArray            *providers;       /* WkProvider */
  guint             *unit_prov_offsets;
  guint             *unit_prov;

  GArray            *networks;        /* WkNetwork; arrays owned below */
  GPtrArray         *network_arrays;  /* g_free'd arrays referenced by networks */
  GPtrArray         *network_geoms;   /* GEOSGeometry or NULL for groups */
  GArray            *network_outlines_rd;
  GArray            *network_outlines_ll;
  guint             *unit_net_offsets;
  guint             *unit_net;

  GEOSGeometry      *boundary;
  WkOutline          boundary_rd;
  WkOutline          boundary_ll;

  WkLonLatGrid      *ll_grid;         /* RD → longitude / latitude for drawing */
  GMutex             ll_lock;         /* making the grid and outlines_ll */
  gint               lonlat_ready;    /* atomic: outlines_ll and extent_ll are made */

  GMutex             tree_lock;
  GEOSSTRtree       *tree;            /* lazily built, for point and box queries */
};

GDALDatasetH   _wk_open_vector            (const char          *path,
                                           const char * const  *open_options,
                                           GError             **error);
gboolean       _wk_shapefile_lacks        (const char          *path,
                                           const char          *ext);
gboolean       _wk_dataset_read_units     (WkDataset           *self,
                                           WkProgress          *progress,
                                           GCancellable        *cancellable,
                                           GError             **error);
gboolean       _wk_dataset_read_providers (WkDataset           *self,
                                           WkProviderKind       kind,
                                           const char          *path,
                                           GCancellable        *cancellable,
                                           GError             **error);
gboolean       _wk_dataset_read_networks  (WkDataset           *self,
                                           const char          *path,
                                           GCancellable        *cancellable,
                                           GError             **error);
gboolean       _wk_read_polygons (const char *path, const char *name_field, WkLoadReport *report,
                                  GPtrArray *geoms, GPtrArray *names, GPtrArray *colors,
                                  GCancellable *cancellable, GError **error);
gboolean       _wk_dataset_read_boundary  (WkDataset           *self,
                                           const char          *path,
                                           GCancellable        *cancellable,
                                           GError             **error);
void           _wk_dataset_finish_units   (WkDataset           *self);
void           _wk_dataset_finish_extent  (WkDataset           *self);
void           _wk_unit_figures           (WkUnit              *unit,
                                           WkOutline           *outline,
                                           const GEOSGeometry  *geom);
void           _wk_dataset_build_adjacency (WkDataset          *self,
                                            WkProgress         *progress);
void           _wk_dataset_index_providers (WkDataset          *self);
void           _wk_dataset_finish_networks (WkDataset          *self);
void           _wk_dataset_compute_inside_shares (WkDataset    *self);
void           _wk_outline_from_geos      (WkOutline           *outline,
                                           const GEOSGeometry  *geom);
void           _wk_outline_to_lonlat      (const WkOutline     *rd,
                                           WkOutline           *ll);
void           _wk_outline_clear          (WkOutline           *outline);
WkLonLatGrid  *_wk_lonlat_grid_new        (double               xmin,
                                           double               ymin,
                                           double               xmax,
                                           double               ymax);
void           _wk_lonlat_grid_free       (WkLonLatGrid        *grid);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkLonLatGrid, _wk_lonlat_grid_free)
void           _wk_outline_to_lonlat_grid (const WkLonLatGrid  *grid,
                                           const WkOutline     *rd,
                                           WkOutline           *ll);
void           _wk_dataset_outline_to_lonlat (WkDataset        *self,
                                              const WkOutline  *rd,
                                              WkOutline        *ll);
void           _wk_dataset_ensure_lonlat  (WkDataset           *self);
const GEOSGeometry *_wk_dataset_get_geometry (WkDataset        *self,
                                              guint             unit);
GEOSGeometry  *_wk_dataset_get_network_geometry (WkDataset     *self,
                                                 guint          network);
const GEOSGeometry *_wk_dataset_get_boundary (WkDataset        *self);
void           _wk_dataset_lock_tree      (WkDataset           *self);
void           _wk_dataset_unlock_tree    (WkDataset           *self);
GEOSSTRtree   *_wk_dataset_get_tree       (WkDataset           *self);

WkLoadReport *_wk_load_report_new (void);
void _wk_load_report_add (WkLoadReport *report, const char *format, ...) G_GNUC_PRINTF (2, 3);
GArray *_wk_dataset_query_box (WkDataset *self, double xmin, double ymin, double xmax,
                               double ymax);
const guint *_wk_dataset_get_unit_providers (WkDataset *self, guint unit, guint *n_providers);
const guint *_wk_dataset_get_unit_networks (WkDataset *self, guint unit, guint *n_networks);

G_END_DECLS
