/* wk-dataset.c: the immutable data set of units, providers and networks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-dataset"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wk-array-private.h"
#include "wk-dataset-private.h"
#include "wk-text-private.h"
#include "wk-parallel-private.h"
#include "wk-progress.h"

static gpointer
copy_string (gconstpointer src,
             gpointer      data)
{
  return g_strdup (src);
}

G_DEFINE_FINAL_TYPE (WkDataset, wk_dataset, G_TYPE_OBJECT)
G_DEFINE_QUARK (wk-dataset-error-quark, wk_dataset_error)
G_DEFINE_BOXED_TYPE (WkLoadReport, wk_load_report, wk_load_report_copy, wk_load_report_free)
G_DEFINE_BOXED_TYPE (WkLoadOptions, wk_load_options, wk_load_options_copy, wk_load_options_free)

/* ----------------------------------------------------------- load report */

WkLoadReport *
_wk_load_report_new (void)
{
  WkLoadReport *report = g_new0 (WkLoadReport, 1);

  report->messages = g_ptr_array_new_with_free_func (g_free);
  return report;
}

WkLoadReport *
wk_load_report_copy (const WkLoadReport *src)
{
  WkLoadReport *report = g_memdup2 (src, sizeof *src);

  report->source_crs = g_strdup (src->source_crs);
  report->messages = g_ptr_array_copy (src->messages, copy_string, NULL);
  g_ptr_array_set_free_func (report->messages, g_free);
  return report;
}

void
wk_load_report_free (WkLoadReport *report)
{
  if (report == NULL)
    return;
  g_free (report->source_crs);
  g_ptr_array_unref (report->messages);
  g_free (report);
}

/* Messages are capped: a file with 10⁵ broken features gets a count, not
 * 10⁵ lines. */
#define MAX_REPORT_MESSAGES 200

void
_wk_load_report_add (WkLoadReport *report,
                    const char   *format,
                    ...)
{
  va_list args;

  if (report->messages->len > MAX_REPORT_MESSAGES)
    return;
  if (report->messages->len == MAX_REPORT_MESSAGES)
    {
      g_ptr_array_add (report->messages, g_strdup (_("(further messages left out)")));
      return;
    }
  va_start (args, format);
  g_ptr_array_add (report->messages, g_strdup_vprintf (format, args));
  va_end (args);
}

/* ---------------------------------------------------------- load options */

/**
 * wk_load_options_new:
 * @units_path: the units source
 *
 * Returns: (transfer full): options that detect every field role
 */
WkLoadOptions *
wk_load_options_new (const char *units_path)
{
  WkLoadOptions *options = g_new0 (WkLoadOptions, 1);

  options->units_path = g_strdup (units_path);
  options->adjacency_tolerance = 1.0;
  return options;
}

WkLoadOptions *
wk_load_options_copy (const WkLoadOptions *src)
{
  WkLoadOptions *options = g_new0 (WkLoadOptions, 1);

  options->units_path = g_strdup (src->units_path);
  options->units_layer = g_strdup (src->units_layer);
  for (guint r = 0; r < WK_N_ROLES; r++)
    options->role_fields[r] = g_strdup (src->role_fields[r]);
  for (guint k = 0; k < WK_N_PROVIDER_KINDS; k++)
    options->provider_paths[k] = g_strdupv (src->provider_paths[k]);
  options->network_paths = g_strdupv (src->network_paths);
  options->boundary_path = g_strdup (src->boundary_path);
  options->source_crs = g_strdup (src->source_crs);
  options->adjacency_tolerance = src->adjacency_tolerance;
  return options;
}

void
wk_load_options_free (WkLoadOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->units_path);
  g_free (options->units_layer);
  for (guint r = 0; r < WK_N_ROLES; r++)
    g_free (options->role_fields[r]);
  for (guint k = 0; k < WK_N_PROVIDER_KINDS; k++)
    g_strfreev (options->provider_paths[k]);
  g_strfreev (options->network_paths);
  g_free (options->boundary_path);
  g_free (options->source_crs);
  g_free (options);
}

static void
strv_append (GStrv      *strv,
             const char *str)
{
  guint n = *strv ? g_strv_length (*strv) : 0;

  *strv = g_renew (char *, *strv, n + 2);
  (*strv)[n] = g_strdup (str);
  (*strv)[n + 1] = NULL;
}

void
wk_load_options_add_provider (WkLoadOptions  *options,
                              WkProviderKind  kind,
                              const char     *path)
{
  g_return_if_fail (kind < WK_N_PROVIDER_KINDS);
  strv_append (&options->provider_paths[kind], path);
}

void
wk_load_options_add_network (WkLoadOptions *options,
                             const char    *path)
{
  strv_append (&options->network_paths, path);
}

/* --------------------------------------------------------------- units */

/* _wk_unit_figures:
 *
 * @unit's area, perimeter, box, centre and inner point, and its outline in
 * RD, from @geom.  Thread-safe.
 */
void
_wk_unit_figures (WkUnit             *unit,
                  WkOutline          *outline,
                  const GEOSGeometry *geom)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(WkGeosGeometry) c = GEOSGetCentroid_r (ctx, geom);
  g_autoptr(WkGeosGeometry) p = GEOSPointOnSurface_r (ctx, geom);

  GEOSArea_r (ctx, geom, &unit->area_m2);
  GEOSLength_r (ctx, geom, &unit->perimeter_m);
  GEOSGeom_getXMin_r (ctx, geom, &unit->xmin);
  GEOSGeom_getYMin_r (ctx, geom, &unit->ymin);
  GEOSGeom_getXMax_r (ctx, geom, &unit->xmax);
  GEOSGeom_getYMax_r (ctx, geom, &unit->ymax);
  if (c != NULL)
    {
      GEOSGeomGetX_r (ctx, c, &unit->cx);
      GEOSGeomGetY_r (ctx, c, &unit->cy);
    }
  if (p != NULL && !GEOSisEmpty_r (ctx, p))
    {
      GEOSGeomGetX_r (ctx, p, &unit->lx);
      GEOSGeomGetY_r (ctx, p, &unit->ly);
    }
  else
    {
      unit->lx = unit->cx;
      unit->ly = unit->cy;
    }
  _wk_outline_from_geos (outline, geom);
}

static void
unit_figures_chunk (gpointer data,
                    guint    begin,
                    guint    end)
{
  WkDataset *self = data;

  for (guint i = begin; i < end; i++)
    _wk_unit_figures (&g_array_index (self->units, WkUnit, i),
                      &g_array_index (self->outlines_rd, WkOutline, i),
                      g_ptr_array_index (self->geoms, i));
}

/* _wk_dataset_finish_units:
 *
 * Once the units' geometries are read: their area, perimeter, box, centre
 * and inner point, their outlines in RD and the data set's extent, worked
 * out on all cores.  The outlines in longitude / latitude follow when they
 * are first asked for (_wk_dataset_ensure_lonlat()).
 */
void
_wk_dataset_finish_units (WkDataset *self)
{
  guint n = self->units->len;

  g_array_set_size (self->outlines_rd, n);
  _wk_parallel_for (n, 64, unit_figures_chunk, self);
  _wk_dataset_finish_extent (self);
}

/* _wk_dataset_finish_extent:
 *
 * The data set's extent, once the units have their figures (from
 * _wk_unit_figures()).
 */
void
_wk_dataset_finish_extent (WkDataset *self)
{
  guint n = self->units->len;

  self->extent_rd[0] = self->extent_rd[1] = G_MAXDOUBLE;
  self->extent_rd[2] = self->extent_rd[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      const WkUnit *u = &g_array_index (self->units, WkUnit, i);

      self->extent_rd[0] = MIN (self->extent_rd[0], u->xmin);
      self->extent_rd[1] = MIN (self->extent_rd[1], u->ymin);
      self->extent_rd[2] = MAX (self->extent_rd[2], u->xmax);
      self->extent_rd[3] = MAX (self->extent_rd[3], u->ymax);
    }
}

/* ------------------------------------------------------------- providers */

typedef struct
{
  GEOSContextHandle_t  ctx;
  WkDataset           *self;
  const GEOSGeometry  *point;
  guint                found;
} PointQuery;

static void
point_candidate_cb (void *item,
                    void *user_data)
{
  PointQuery *q = user_data;
  guint unit = GPOINTER_TO_UINT (item) - 1;

  if (q->found != WK_UNIT_NONE && q->found < unit)
    return;
  if (GEOSIntersects_r (q->ctx, g_ptr_array_index (q->self->geoms, unit), q->point) == 1)
    q->found = unit;
}

/* The tree of unit geometries for point and box queries, built on first use. */
GEOSSTRtree *
_wk_dataset_get_tree (WkDataset *self)
{
  if (self->tree == NULL)
    {
      GEOSContextHandle_t ctx = wk_geos_context ();

      self->tree = GEOSSTRtree_create_r (ctx, 10);
      for (guint i = 0; i < self->geoms->len; i++)
        GEOSSTRtree_insert_r (ctx, self->tree, g_ptr_array_index (self->geoms, i),
                              GUINT_TO_POINTER (i + 1));
    }
  return self->tree;
}

void
_wk_dataset_lock_tree (WkDataset *self)
{
  g_mutex_lock (&self->tree_lock);
}

void
_wk_dataset_unlock_tree (WkDataset *self)
{
  g_mutex_unlock (&self->tree_lock);
}

static guint
lookup_point_locked (WkDataset *self,
                     double     x,
                     double     y)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(WkGeosGeometry) point = GEOSGeom_createPointFromXY_r (ctx, x, y);
  PointQuery q = { ctx, self, point, WK_UNIT_NONE };

  GEOSSTRtree_query_r (ctx, _wk_dataset_get_tree (self), point, point_candidate_cb, &q);
  return q.found;
}

/* Finds the unit of every provider and builds the unit → providers index. */
void
_wk_dataset_index_providers (WkDataset *self)
{
  guint n = self->units->len;
  g_autofree guint *count = g_new0 (guint, n + 1);

  _wk_dataset_lock_tree (self);
  for (guint p = 0; p < self->providers->len; p++)
    {
      WkProvider *prov = &g_array_index (self->providers, WkProvider, p);

      prov->unit = lookup_point_locked (self, prov->x, prov->y);
      if (prov->unit == WK_UNIT_NONE)
        self->report->n_providers_outside++;
      else
        count[prov->unit]++;
    }
  _wk_dataset_unlock_tree (self);

  g_clear_pointer (&self->unit_prov_offsets, g_free);
  g_clear_pointer (&self->unit_prov, g_free);
  self->unit_prov_offsets = g_new (guint, n + 1);
  self->unit_prov_offsets[0] = 0;
  for (guint i = 0; i < n; i++)
    self->unit_prov_offsets[i + 1] = self->unit_prov_offsets[i] + count[i];
  self->unit_prov = g_new (guint, MAX (self->unit_prov_offsets[n], 1));
  memset (count, 0, sizeof (guint) * n);
  for (guint p = 0; p < self->providers->len; p++)
    {
      WkProvider *prov = &g_array_index (self->providers, WkProvider, p);

      if (prov->unit != WK_UNIT_NONE)
        self->unit_prov[self->unit_prov_offsets[prov->unit] + count[prov->unit]++] = p;
    }
}

/* --------------------------------------------------------------- GObject */

static void
wk_dataset_finalize (GObject *object)
{
  WkDataset *self = (WkDataset *)object;

  g_clear_pointer (&self->tree, wk_geos_strtree_free);
  g_clear_pointer (&self->ll_grid, _wk_lonlat_grid_free);
  g_mutex_clear (&self->tree_lock);
  g_mutex_clear (&self->ll_lock);
  g_clear_pointer (&self->options, wk_load_options_free);
  g_clear_pointer (&self->report, wk_load_report_free);
  g_free (self->display_name);
  for (guint r = 0; r < WK_N_ROLES; r++)
    g_free (self->role_fields[r]);
  if (self->outlines_rd != NULL)
    for (guint i = 0; i < self->outlines_rd->len; i++)
      _wk_outline_clear (&g_array_index (self->outlines_rd, WkOutline, i));
  if (self->outlines_ll != NULL)
    for (guint i = 0; i < self->outlines_ll->len; i++)
      _wk_outline_clear (&g_array_index (self->outlines_ll, WkOutline, i));
  if (self->network_outlines_rd != NULL)
    for (guint i = 0; i < self->network_outlines_rd->len; i++)
      _wk_outline_clear (&g_array_index (self->network_outlines_rd, WkOutline, i));
  if (self->network_outlines_ll != NULL)
    for (guint i = 0; i < self->network_outlines_ll->len; i++)
      _wk_outline_clear (&g_array_index (self->network_outlines_ll, WkOutline, i));
  g_clear_pointer (&self->outlines_rd, g_array_unref);
  g_clear_pointer (&self->outlines_ll, g_array_unref);
  g_clear_pointer (&self->network_outlines_rd, g_array_unref);
  g_clear_pointer (&self->network_outlines_ll, g_array_unref);
  g_clear_pointer (&self->geoms, g_ptr_array_unref);
  g_clear_pointer (&self->network_geoms, g_ptr_array_unref);
  g_clear_pointer (&self->network_arrays, g_ptr_array_unref);
  g_clear_pointer (&self->networks, g_array_unref);
  g_clear_pointer (&self->units, g_array_unref);
  g_clear_pointer (&self->providers, g_array_unref);
  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->values);
  g_free (self->adj_offsets);
  g_free (self->adj_units);
  g_free (self->adj_lengths);
  g_free (self->inexact);
  g_free (self->unit_prov_offsets);
  g_free (self->unit_prov);
  g_free (self->unit_net_offsets);
  g_free (self->unit_net);
  g_clear_pointer (&self->boundary, wk_geos_geom_free);
  _wk_outline_clear (&self->boundary_rd);
  _wk_outline_clear (&self->boundary_ll);

  G_OBJECT_CLASS (wk_dataset_parent_class)->finalize (object);
}

static void
wk_dataset_class_init (WkDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wk_dataset_finalize;
}

static void
wk_dataset_init (WkDataset *self)
{
  g_mutex_init (&self->tree_lock);
  g_mutex_init (&self->ll_lock);
  self->report = _wk_load_report_new ();
  self->strings = g_string_chunk_new (4096);
  self->units = g_array_new (FALSE, TRUE, sizeof (WkUnit));
  self->geoms = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
  self->outlines_rd = g_array_new (FALSE, TRUE, sizeof (WkOutline));
  self->outlines_ll = g_array_new (FALSE, TRUE, sizeof (WkOutline));
  self->codes = g_hash_table_new (g_str_hash, g_str_equal);
  self->fields = g_array_new (FALSE, TRUE, sizeof (WkFieldInfo));
  self->providers = g_array_new (FALSE, TRUE, sizeof (WkProvider));
  self->networks = g_array_new (FALSE, TRUE, sizeof (WkNetwork));
  self->network_arrays = g_ptr_array_new_with_free_func (g_free);
  self->network_geoms = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
  self->network_outlines_rd = g_array_new (FALSE, TRUE, sizeof (WkOutline));
  self->network_outlines_ll = g_array_new (FALSE, TRUE, sizeof (WkOutline));
  self->tolerance = 1.0;
}

/* ---------------------------------------------------------------- loading */

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Loading was cancelled."));
      return TRUE;
    }
  return FALSE;
}

/* Says with G_MESSAGES_DEBUG=wk-dataset how long each step of a load took. */
/**
 * wk_dataset_load:
 * @options: what to load
 * @progress: (nullable): receives progress
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads the units, the care providers, the networks and the boundary that
 * @options name, reprojects them to RD New, and builds the adjacency graph
 * and the indexes.  Blocks; use wk_dataset_load_async() from a UI.
 *
 * Returns: (transfer full): the data set, or %NULL with @error set (in
 *   %WK_DATASET_ERROR, or %G_IO_ERROR_CANCELLED)
 */
WkDataset *
wk_dataset_load (const WkLoadOptions  *options,
                 WkProgress           *progress,
                 GCancellable         *cancellable,
                 GError              **error)
{
  g_autoptr(WkDataset) self = NULL;
  WkStepClock start;

  g_return_val_if_fail (options != NULL, NULL);
  _wk_step_clock_start (&start);

  self = g_object_new (WK_TYPE_DATASET, NULL);
  self->options = wk_load_options_copy (options);
  self->tolerance = options->adjacency_tolerance > 0 ? options->adjacency_tolerance : 1.0;
  self->display_name = wk_gdal_display_name (options->units_path);

  wk_progress_update (progress, 0.0, _("Reading units…"));
  if (!_wk_dataset_read_units (self, progress, cancellable, error))
    return NULL;
  _wk_debug_step ("load: reading the units", &start);
  if (check_cancelled (cancellable, error))
    return NULL;

  wk_progress_update (progress, 0.6, NULL);
  _wk_dataset_build_adjacency (self, progress);
  _wk_debug_step ("load: finding neighbours", &start);
  if (check_cancelled (cancellable, error))
    return NULL;

  wk_progress_update (progress, 0.8, _("Reading care providers…"));
  for (guint k = 0; k < WK_N_PROVIDER_KINDS; k++)
    for (guint i = 0; options->provider_paths[k] != NULL && options->provider_paths[k][i]; i++)
      if (!_wk_dataset_read_providers (self, k, options->provider_paths[k][i],
                                       cancellable, error))
        return NULL;
  _wk_dataset_index_providers (self);
  _wk_debug_step ("load: reading providers", &start);

  wk_progress_update (progress, 0.9, _("Reading networks…"));
  for (guint i = 0; options->network_paths != NULL && options->network_paths[i]; i++)
    if (!_wk_dataset_read_networks (self, options->network_paths[i], cancellable, error))
      return NULL;
  _wk_dataset_finish_networks (self);
  _wk_debug_step ("load: reading networks", &start);

  if (options->boundary_path != NULL &&
      !_wk_dataset_read_boundary (self, options->boundary_path, cancellable, error))
    return NULL;
  _wk_debug_step ("load: reading the boundary", &start);
  if (check_cancelled (cancellable, error))
    return NULL;

  wk_progress_update (progress, 1.0, _("Loaded"));
  return g_steal_pointer (&self);
}

typedef struct
{
  WkLoadOptions *options;
  WkProgress    *progress;
} LoadTaskData;

static void
load_task_data_free (LoadTaskData *data)
{
  wk_load_options_free (data->options);
  g_clear_object (&data->progress);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadTaskData *data = task_data;
  GError *error = NULL;
  WkDataset *dataset;

  dataset = wk_dataset_load (data->options, data->progress, cancellable, &error);
  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

/**
 * wk_dataset_load_async:
 *
 * Loads a data set on a worker thread; see wk_dataset_load().
 *
 * The worker builds a new #WkDataset and hands it over only when it is
 * complete: a load that fails or is cancelled gives an error and nothing
 * else, so the caller's current data set and plan stay as they are.  After
 * g_cancellable_cancel() the finish function always reports
 * %G_IO_ERROR_CANCELLED (a data set finished meanwhile is dropped), though
 * the callback may come some time later: the adjacency step does not stop
 * half-way.
 *
 * A window that starts a load while one is running must cancel the first
 * (one #GCancellable per load, cancelled before the next starts, and in
 * dispose), and its callback must ignore %G_IO_ERROR_CANCELLED, so that a
 * slow first file can never replace the second.
 */
void
wk_dataset_load_async (const WkLoadOptions  *options,
                       WkProgress           *progress,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadTaskData *data = g_new0 (LoadTaskData, 1);

  data->options = wk_load_options_copy (options);
  data->progress = progress ? g_object_ref (progress) : NULL;
  g_task_set_source_tag (task, wk_dataset_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_task_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

/**
 * wk_dataset_load_finish:
 *
 * Returns: (transfer full): the data set, or %NULL with @error set
 */
WkDataset *
wk_dataset_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -------------------------------------------------------------- accessors */

const WkLoadOptions *
wk_dataset_get_options (WkDataset *self)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  return self->options;
}

const WkLoadReport *
wk_dataset_get_report (WkDataset *self)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  return self->report;
}

const char *
wk_dataset_get_display_name (WkDataset *self)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  return self->display_name;
}

/**
 * wk_dataset_get_role_field:
 *
 * Returns: (nullable): the source field used for @role
 */
const char *
wk_dataset_get_role_field (WkDataset   *self,
                           WkFieldRole  role)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  g_return_val_if_fail (role < WK_N_ROLES, NULL);
  return self->role_fields[role];
}

gboolean
wk_dataset_pop65_is_share (WkDataset *self)
{
  g_return_val_if_fail (WK_IS_DATASET (self), FALSE);
  return self->pop65_is_share;
}

guint
wk_dataset_get_n_units (WkDataset *self)
{
  g_return_val_if_fail (WK_IS_DATASET (self), 0);
  return self->units->len;
}

const WkUnit *
wk_dataset_get_unit (WkDataset *self,
                     guint      unit)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  g_return_val_if_fail (unit < self->units->len, NULL);
  return &g_array_index (self->units, WkUnit, unit);
}

/**
 * wk_dataset_lookup_code:
 *
 * Returns: the index of the unit with @code, or %WK_UNIT_NONE
 */
guint
wk_dataset_lookup_code (WkDataset  *self,
                        const char *code)
{
  gpointer value;

  g_autofree char *normal = NULL;

  g_return_val_if_fail (WK_IS_DATASET (self), WK_UNIT_NONE);
  if (code == NULL)
    return WK_UNIT_NONE;
  /* the units' codes are kept normalised, as the loader read them */
  normal = wk_text_normalise_code (code);
  if (!g_hash_table_lookup_extended (self->codes, normal, NULL, &value))
    return WK_UNIT_NONE;
  return GPOINTER_TO_UINT (value) - 1;
}

/**
 * wk_dataset_get_neighbours:
 * @lengths: (out) (optional) (transfer none): shared boundary lengths in m
 * @n_neighbours: (out): how many
 *
 * Every unit that shares a boundary of any length with @unit; compare
 * @lengths with a tolerance to decide adjacency.
 *
 * Returns: (transfer none) (array length=n_neighbours): the neighbours
 */
const guint *
wk_dataset_get_neighbours (WkDataset     *self,
                           guint          unit,
                           const double **lengths,
                           guint         *n_neighbours)
{
  guint begin;

  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  g_return_val_if_fail (unit < self->units->len, NULL);

  begin = self->adj_offsets[unit];
  *n_neighbours = self->adj_offsets[unit + 1] - begin;
  if (lengths != NULL)
    *lengths = self->adj_lengths + begin;
  return self->adj_units + begin;
}

gboolean
wk_dataset_are_adjacent (WkDataset *self,
                         guint      a,
                         guint      b,
                         double     tolerance)
{
  const double *lengths;
  const guint *nb;
  guint n;

  nb = wk_dataset_get_neighbours (self, a, &lengths, &n);
  for (guint i = 0; i < n; i++)
    if (nb[i] == b)
      return lengths[i] >= tolerance;
  return FALSE;
}

/**
 * wk_dataset_get_tolerance:
 *
 * Returns: the adjacency tolerance the data set was loaded with (m)
 */
double
wk_dataset_get_tolerance (WkDataset *self)
{
  g_return_val_if_fail (WK_IS_DATASET (self), 1.0);
  return self->tolerance;
}

/**
 * wk_dataset_get_outline:
 * @lonlat: %TRUE for WGS84 longitude/latitude, %FALSE for RD metres
 *
 * Returns: (transfer none): the unit's outline
 */
const WkOutline *
wk_dataset_get_outline (WkDataset *self,
                        guint      unit,
                        gboolean   lonlat)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  g_return_val_if_fail (unit < self->units->len, NULL);
  if (lonlat)
    _wk_dataset_ensure_lonlat (self);
  return &g_array_index (lonlat ? self->outlines_ll : self->outlines_rd, WkOutline, unit);
}

void
wk_dataset_get_extent (WkDataset *self,
                       gboolean   lonlat,
                       double    *xmin,
                       double    *ymin,
                       double    *xmax,
                       double    *ymax)
{
  const double *e;

  g_return_if_fail (WK_IS_DATASET (self));
  if (lonlat)
    _wk_dataset_ensure_lonlat (self);
  e = lonlat ? self->extent_ll : self->extent_rd;
  *xmin = e[0];
  *ymin = e[1];
  *xmax = e[2];
  *ymax = e[3];
}

/**
 * wk_dataset_get_total_population:
 *
 * Returns: the sum of all known unit populations
 */
gint64
wk_dataset_get_total_population (WkDataset *self)
{
  g_return_val_if_fail (WK_IS_DATASET (self), 0);
  return self->total_population;
}

/**
 * wk_dataset_lookup_point:
 * @x: RD x
 * @y: RD y
 *
 * Thread-safe.
 *
 * Returns: the unit that holds the point, or %WK_UNIT_NONE
 */
guint
wk_dataset_lookup_point (WkDataset *self,
                         double     x,
                         double     y)
{
  guint unit;

  g_return_val_if_fail (WK_IS_DATASET (self), WK_UNIT_NONE);
  _wk_dataset_lock_tree (self);
  unit = lookup_point_locked (self, x, y);
  _wk_dataset_unlock_tree (self);
  return unit;
}

typedef struct
{
  GEOSContextHandle_t          ctx;
  WkDataset                   *self;
  const GEOSPreparedGeometry  *prep;
  GArray                      *out;
} AreaQuery;

static void
polygon_candidate_cb (void *item,
                      void *user_data)
{
  AreaQuery *q = user_data;
  guint unit = GPOINTER_TO_UINT (item) - 1;
  const WkUnit *u = &g_array_index (q->self->units, WkUnit, unit);
  g_autoptr(WkGeosGeometry) point = GEOSGeom_createPointFromXY_r (q->ctx, u->lx, u->ly);

  if (GEOSPreparedContains_r (q->ctx, q->prep, point) == 1)
    g_array_append_val (q->out, unit);
}

/**
 * wk_dataset_query_polygon:
 * @xy: (array length=n_points): a ring in RD metres, x and y interleaved
 *
 * The units whose inner point lies inside the ring (a lasso).  Thread-safe.
 *
 * Returns: (transfer full) (element-type guint): unit indices, sorted
 */
GArray *
wk_dataset_query_polygon (WkDataset    *self,
                          const double *xy,
                          guint         n_points)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  GEOSCoordSequence *seq;
  g_autoptr(WkGeosGeometry) poly = NULL;
  g_autoptr(WkGeosGeometry) valid = NULL;
  gboolean closed;
  AreaQuery q;

  g_return_val_if_fail (WK_IS_DATASET (self), out);
  if (n_points < 3)
    return out;

  closed = xy[0] == xy[2 * (n_points - 1)] && xy[1] == xy[2 * (n_points - 1) + 1];
  seq = GEOSCoordSeq_create_r (ctx, n_points + (closed ? 0 : 1), 2);
  for (guint i = 0; i < n_points; i++)
    GEOSCoordSeq_setXY_r (ctx, seq, i, xy[2 * i], xy[2 * i + 1]);
  if (!closed)
    GEOSCoordSeq_setXY_r (ctx, seq, n_points, xy[0], xy[1]);
  poly = GEOSGeom_createPolygon_r (ctx, GEOSGeom_createLinearRing_r (ctx, seq), NULL, 0);
  if (poly == NULL)
    return out;
  /* A lasso may cross itself. */
  valid = GEOSisValid_r (ctx, poly) == 1 ? g_steal_pointer (&poly) : GEOSMakeValid_r (ctx, poly);
  if (valid == NULL)
    return out;

  q.ctx = ctx;
  q.self = self;
  q.out = out;
  q.prep = GEOSPrepare_r (ctx, valid);
  _wk_dataset_lock_tree (self);
  GEOSSTRtree_query_r (ctx, _wk_dataset_get_tree (self), valid, polygon_candidate_cb, &q);
  _wk_dataset_unlock_tree (self);
  GEOSPreparedGeom_destroy_r (ctx, q.prep);
  g_array_sort (out, _wk_uint_compare);
  return out;
}

/**
 * _wk_dataset_query_box:
 *
 * The units whose inner point lies inside the box (RD).  Thread-safe.
 *
 * Returns: (transfer full) (element-type guint): unit indices, sorted
 */
GArray *
_wk_dataset_query_box (WkDataset *self,
                      double     xmin,
                      double     ymin,
                      double     xmax,
                      double     ymax)
{
  double xy[8] = { xmin, ymin, xmax, ymin, xmax, ymax, xmin, ymax };

  return wk_dataset_query_polygon (self, xy, 4);
}

guint
wk_dataset_get_n_fields (WkDataset *self)
{
  g_return_val_if_fail (WK_IS_DATASET (self), 0);
  return self->fields->len;
}

const WkFieldInfo *
wk_dataset_get_field (WkDataset *self,
                      guint      field)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  g_return_val_if_fail (field < self->fields->len, NULL);
  return &g_array_index (self->fields, WkFieldInfo, field);
}

/**
 * wk_dataset_get_value:
 *
 * Returns: the unit's value of an extra numeric field, NAN when unknown
 */
double
wk_dataset_get_value (WkDataset *self,
                      guint      unit,
                      guint      field)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NAN);
  g_return_val_if_fail (unit < self->units->len && field < self->fields->len, NAN);
  return self->values[(gsize) unit * self->fields->len + field];
}

guint
wk_dataset_get_n_providers (WkDataset *self)
{
  g_return_val_if_fail (WK_IS_DATASET (self), 0);
  return self->providers->len;
}

const WkProvider *
wk_dataset_get_provider (WkDataset *self,
                         guint      provider)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  g_return_val_if_fail (provider < self->providers->len, NULL);
  return &g_array_index (self->providers, WkProvider, provider);
}

/**
 * _wk_dataset_get_unit_providers:
 *
 * Returns: (transfer none) (array length=n_providers): the providers located in @unit
 */
const guint *
_wk_dataset_get_unit_providers (WkDataset *self,
                               guint      unit,
                               guint     *n_providers)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  g_return_val_if_fail (unit < self->units->len, NULL);
  *n_providers = self->unit_prov_offsets[unit + 1] - self->unit_prov_offsets[unit];
  return self->unit_prov + self->unit_prov_offsets[unit];
}

/**
 * wk_dataset_has_provider_kind:
 *
 * Returns: whether any provider of @kind was loaded (a pharmacy check is
 *   meaningless when no pharmacy file was given)
 */
gboolean
wk_dataset_has_provider_kind (WkDataset      *self,
                              WkProviderKind  kind)
{
  g_return_val_if_fail (WK_IS_DATASET (self), FALSE);
  return self->report->n_providers[kind] > 0 ||
         (self->options->provider_paths[kind] != NULL &&
          self->options->provider_paths[kind][0] != NULL);
}

guint
wk_dataset_get_n_networks (WkDataset *self)
{
  g_return_val_if_fail (WK_IS_DATASET (self), 0);
  return self->networks->len;
}

const WkNetwork *
wk_dataset_get_network (WkDataset *self,
                        guint      network)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  g_return_val_if_fail (network < self->networks->len, NULL);
  return &g_array_index (self->networks, WkNetwork, network);
}

/**
 * wk_dataset_get_network_outline:
 *
 * Returns: (transfer none) (nullable): a network polygon's outline, %NULL for groups
 */
const WkOutline *
wk_dataset_get_network_outline (WkDataset *self,
                                guint      network,
                                gboolean   lonlat)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  if (network >= self->network_outlines_rd->len)
    return NULL;
  return &g_array_index (lonlat ? self->network_outlines_ll : self->network_outlines_rd,
                         WkOutline, network);
}

/**
 * _wk_dataset_get_unit_networks:
 *
 * Returns: (transfer none) (array length=n_networks): networks that hold part of @unit
 */
const guint *
_wk_dataset_get_unit_networks (WkDataset *self,
                              guint      unit,
                              guint     *n_networks)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  g_return_val_if_fail (unit < self->units->len, NULL);
  *n_networks = self->unit_net_offsets[unit + 1] - self->unit_net_offsets[unit];
  return self->unit_net + self->unit_net_offsets[unit];
}

gboolean
wk_dataset_has_boundary (WkDataset *self)
{
  g_return_val_if_fail (WK_IS_DATASET (self), FALSE);
  return self->boundary != NULL;
}

/**
 * wk_dataset_get_boundary_outline:
 *
 * Returns: (transfer none) (nullable): the municipal boundary layer's outline
 */
const WkOutline *
wk_dataset_get_boundary_outline (WkDataset *self,
                                 gboolean   lonlat)
{
  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  if (self->boundary == NULL)
    return NULL;
  return lonlat ? &self->boundary_ll : &self->boundary_rd;
}

static int
strv_item_compare (gconstpointer a,
                   gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * wk_dataset_dup_municipalities:
 *
 * Returns: (transfer full): the distinct municipality codes of the units, sorted
 */
GStrv
wk_dataset_dup_municipalities (WkDataset *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) out = g_ptr_array_new_null_terminated (8, g_free, TRUE);

  g_return_val_if_fail (WK_IS_DATASET (self), NULL);
  for (guint i = 0; i < self->units->len; i++)
    {
      const WkUnit *u = &g_array_index (self->units, WkUnit, i);

      if (u->gm_code != NULL && g_hash_table_add (seen, (gpointer) u->gm_code))
        g_ptr_array_add (out, g_strdup (u->gm_code));
    }
  g_ptr_array_sort (out, strv_item_compare);
  return (GStrv) g_ptr_array_steal (out, NULL);
}

const GEOSGeometry *
_wk_dataset_get_geometry (WkDataset *self,
                          guint      unit)
{
  return g_ptr_array_index (self->geoms, unit);
}

GEOSGeometry *
_wk_dataset_get_network_geometry (WkDataset *self,
                                  guint      network)
{
  return g_ptr_array_index (self->network_geoms, network);
}

const GEOSGeometry *
_wk_dataset_get_boundary (WkDataset *self)
{
  return self->boundary;
}
