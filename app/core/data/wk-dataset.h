/* wk-dataset.h: units (buurten), care providers and networks, immutable after load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

#define WK_DATASET_ERROR (wk_dataset_error_quark ())

typedef enum
{
  WK_DATASET_ERROR_OPEN,          /* missing file, not a vector source */
  WK_DATASET_ERROR_NO_LAYER,      /* no (polygon / point) layer, or the named one is absent */
  WK_DATASET_ERROR_NO_FIELD,      /* a required field (code, population) is missing */
  WK_DATASET_ERROR_NO_CRS,        /* no CRS and the coordinates fit no Dutch system */
  WK_DATASET_ERROR_WRONG_CRS,     /* coordinates fall outside the Netherlands */
  WK_DATASET_ERROR_EMPTY,         /* no usable feature */
  WK_DATASET_ERROR_INVALID,       /* unreadable contents */
  WK_DATASET_ERROR_CANCELLED,
} WkDatasetError;

GQuark wk_dataset_error_quark (void);

typedef enum
{
  WK_AGGREGATE_SUM,        /* counts: summed */
  WK_AGGREGATE_POP_MEAN,   /* percentages, averages: population-weighted mean */
  WK_AGGREGATE_AREA_MEAN,  /* densities: area-weighted mean */
} WkAggregate;

typedef struct
{
  const char  *name;
  WkAggregate  aggregate;
} WkFieldInfo;

/**
 * WkUnit:
 * @code: the unit code (e.g. BU06320101), unique in the data set
 * @name: (nullable): the unit name
 * @gm_code: (nullable): municipality code
 * @gm_name: (nullable): municipality name
 * @population: inhabitants, or -1 when unknown (CBS secret / missing)
 * @pop65: inhabitants aged 65 and over, or -1 when unknown
 * @area_m2: area in m² (RD New)
 * @perimeter_m: perimeter in m
 * @cx: centroid x (RD)
 * @cy: centroid y (RD)
 * @lx: a point inside the unit, for labels and point queries (RD)
 * @ly: see @lx
 * @inside_share: share of the area inside the municipal boundary layer (1 without one)
 * @fid: feature id in the source
 *
 * A unit (buurt): read-only, owned by its #WkDataset.
 */
typedef struct
{
  const char *code;
  const char *name;
  const char *gm_code;
  const char *gm_name;
  gint64      population;
  double      pop65;
  double      area_m2;
  double      perimeter_m;
  double      cx, cy;
  double      lx, ly;
  double      xmin, ymin, xmax, ymax;
  double      inside_share;
  gint64      fid;
} WkUnit;

/**
 * WkOutline:
 * @n_rings: number of rings (exterior and holes of all parts)
 * @ring_ends: index one past each ring's last point
 * @n_points: total number of points
 * @xy: interleaved x, y (RD metres, or longitude, latitude)
 *
 * A polygon outline as flat arrays, for drawing without GEOS.
 */
typedef struct
{
  guint   n_rings;
  guint  *ring_ends;
  guint   n_points;
  double *xy;
} WkOutline;

/**
 * WkProvider:
 * @kind: GP, pharmacy, district nursing or social team
 * @name: (nullable): the location's name
 * @network: (nullable): the group it belongs to (HAGRO, nursing team…)
 * @source: display name of the file it came from
 * @capacity_fte: GP capacity in FTE (listed patients are converted at 2,350
 *   per FTE, the normpraktijk); NAN when unknown
 * @dispensing: a dispensing GP (apotheekhoudend huisarts): counts as a pharmacy
 * @unit: the unit that holds it, or %WK_UNIT_NONE
 */
typedef struct
{
  WkProviderKind  kind;
  const char     *name;
  const char     *network;
  const char     *source;
  double          capacity_fte;
  gboolean        dispensing;
  double          x, y;
  double          lon, lat;
  guint           unit;
} WkProvider;

/**
 * WkNetwork:
 * @name: the network's name
 * @source: display name of the file it came from
 * @is_group: %TRUE for a group of provider locations (from a provider
 *   layer's network field), %FALSE for a polygon of an existing team area
 * @kind: for groups, the providers' kind
 * @n_units: (polygons) number of units the polygon overlaps
 * @units: (polygons) those units
 * @shares: (polygons) share of each unit's area inside the polygon
 * @n_providers: (groups) number of locations
 * @providers: (groups) indices of the providers
 */
typedef struct
{
  const char     *name;
  const char     *source;
  gboolean        is_group;
  WkProviderKind  kind;
  guint           n_units;
  const guint    *units;
  const double   *shares;
  guint           n_providers;
  const guint    *providers;
} WkNetwork;

/**
 * WkLoadReport:
 *
 * What a load found and did, for the user: counts and translated messages
 * that name the file and, where one record is at fault, the feature.
 */
struct _WkLoadReport
{
  guint      n_features;
  guint      n_units;
  guint      n_repaired;
  guint      n_empty;
  guint      n_not_polygon;
  guint      n_unknown_population;   /* CBS negative codes and nulls */
  guint      n_secret_values;        /* negative CBS codes in any numeric field */
  guint      n_duplicate_codes;
  guint      n_providers[WK_N_PROVIDER_KINDS];
  guint      n_providers_skipped;
  guint      n_providers_outside;
  guint      n_networks;
  char      *source_crs;             /* e.g. "EPSG:4326"; "assumed EPSG:28992" */
  GPtrArray *messages;               /* char *, translated */
};

#define WK_TYPE_LOAD_REPORT (wk_load_report_get_type ())
GType          wk_load_report_get_type (void) G_GNUC_CONST;
WkLoadReport  *wk_load_report_copy     (const WkLoadReport *report);
void           wk_load_report_free     (WkLoadReport       *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkLoadReport, wk_load_report_free)

/**
 * WkLoadOptions:
 * @units_path: OGR source of the units (path or connection string)
 * @units_layer: (nullable): layer name; the first polygon layer when %NULL
 * @role_fields: field name per #WkFieldRole overriding detection; "" means
 *   “none” for optional roles; %NULL detects
 * @provider_paths: per kind, a %NULL-terminated list of OGR sources
 * @network_paths: %NULL-terminated list of polygon sources with team areas
 * @boundary_path: (nullable): municipal boundary polygons
 * @source_crs: (nullable): CRS to assume when the source has none, or to
 *   override a wrong one (e.g. "EPSG:4326")
 * @adjacency_tolerance: shared boundary length (m) above which two units
 *   are neighbours; default 1 m
 */
typedef struct
{
  char      *units_path;
  char      *units_layer;
  char      *role_fields[WK_N_ROLES];
  GStrv      provider_paths[WK_N_PROVIDER_KINDS];
  GStrv      network_paths;
  char      *boundary_path;
  char      *source_crs;
  double     adjacency_tolerance;
} WkLoadOptions;

#define WK_TYPE_LOAD_OPTIONS (wk_load_options_get_type ())
GType           wk_load_options_get_type     (void) G_GNUC_CONST;
WkLoadOptions  *wk_load_options_new          (const char          *units_path);
WkLoadOptions  *wk_load_options_copy         (const WkLoadOptions *options);
void            wk_load_options_free         (WkLoadOptions       *options);
void            wk_load_options_add_provider (WkLoadOptions       *options,
                                              WkProviderKind       kind,
                                              const char          *path);
void            wk_load_options_add_network  (WkLoadOptions       *options,
                                              const char          *path);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkLoadOptions, wk_load_options_free)

#define WK_TYPE_DATASET (wk_dataset_get_type ())
G_DECLARE_FINAL_TYPE (WkDataset, wk_dataset, WK, DATASET, GObject)

WkDataset          *wk_dataset_load                (const WkLoadOptions  *options,
                                                    WkProgress           *progress,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void                wk_dataset_load_async          (const WkLoadOptions  *options,
                                                    WkProgress           *progress,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
WkDataset          *wk_dataset_load_finish         (GAsyncResult         *result,
                                                    GError              **error);

const WkLoadOptions *wk_dataset_get_options        (WkDataset            *self);
const WkLoadReport *wk_dataset_get_report          (WkDataset            *self);
const char         *wk_dataset_get_display_name    (WkDataset            *self);
const char         *wk_dataset_get_role_field      (WkDataset            *self,
                                                    WkFieldRole           role);
gboolean            wk_dataset_pop65_is_share      (WkDataset            *self);

guint               wk_dataset_get_n_units         (WkDataset            *self);
const WkUnit       *wk_dataset_get_unit            (WkDataset            *self,
                                                    guint                 unit);
guint               wk_dataset_lookup_code         (WkDataset            *self,
                                                    const char           *code);
const guint        *wk_dataset_get_neighbours      (WkDataset            *self,
                                                    guint                 unit,
                                                    const double        **lengths,
                                                    guint                *n_neighbours);
gboolean            wk_dataset_are_adjacent        (WkDataset            *self,
                                                    guint                 a,
                                                    guint                 b,
                                                    double                tolerance);
double              wk_dataset_get_tolerance       (WkDataset            *self);
const WkOutline    *wk_dataset_get_outline         (WkDataset            *self,
                                                    guint                 unit,
                                                    gboolean              lonlat);
void                wk_dataset_outline_to_lonlat   (WkDataset            *self,
                                                    const WkOutline      *rd,
                                                    double               *xy);
void                wk_dataset_get_extent          (WkDataset            *self,
                                                    gboolean              lonlat,
                                                    double               *xmin,
                                                    double               *ymin,
                                                    double               *xmax,
                                                    double               *ymax);
gint64              wk_dataset_get_total_population (WkDataset           *self);
guint               wk_dataset_lookup_point        (WkDataset            *self,
                                                    double                x,
                                                    double                y);
GArray             *wk_dataset_query_polygon       (WkDataset            *self,
                                                    const double         *xy,
                                                    guint                 n_points);

guint               wk_dataset_get_n_fields        (WkDataset            *self);
const WkFieldInfo  *wk_dataset_get_field           (WkDataset            *self,
                                                    guint                 field);
double              wk_dataset_get_value           (WkDataset            *self,
                                                    guint                 unit,
                                                    guint                 field);

guint               wk_dataset_get_n_providers     (WkDataset            *self);
const WkProvider   *wk_dataset_get_provider        (WkDataset            *self,
                                                    guint                 provider);
gboolean            wk_dataset_has_provider_kind   (WkDataset            *self,
                                                    WkProviderKind        kind);

guint               wk_dataset_get_n_networks      (WkDataset            *self);
const WkNetwork    *wk_dataset_get_network         (WkDataset            *self,
                                                    guint                 network);
const WkOutline    *wk_dataset_get_network_outline (WkDataset            *self,
                                                    guint                 network,
                                                    gboolean              lonlat);

gboolean            wk_dataset_has_boundary        (WkDataset            *self);
const WkOutline    *wk_dataset_get_boundary_outline (WkDataset           *self,
                                                    gboolean              lonlat);
GStrv               wk_dataset_dup_municipalities  (WkDataset            *self);

void                wk_rd_to_lonlat                (double                x,
                                                    double                y,
                                                    double               *lon,
                                                    double               *lat);
void                wk_lonlat_to_rd                (double                lon,
                                                    double                lat,
                                                    double               *x,
                                                    double               *y);

G_END_DECLS
