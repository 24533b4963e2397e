/* wk-loader-units.c: reading the units and their figures
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
#include "wk-parallel-private.h"
#include "wk-progress.h"
#include "wk-source.h"
#include "wk-text-private.h"

/* ------------------------------------------------------- unit geometries */

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WkOutline, _wk_outline_clear)

/* The features are read in batches: GDAL reads them and writes their
 * geometry as WKB on this thread, while the batches read before are
 * reprojected, made GEOS geometries, validated (and where needed repaired)
 * and measured on the other cores, and on this one when it has nothing left
 * to read.  The features are then taken one by one, in the file's order, as
 * before.  A PROJ transformation is used by one thread only: each worker
 * clones the loading thread's on its own thread (so in its own PROJ
 * context) before the first batch and destroys it there after the last. */
#define PENDING_BATCH 256
#define PENDING_CHUNK 8        /* units handed to a thread at a time */
#define PENDING_IN_FLIGHT 4    /* batches read ahead */

typedef struct
{
  OGRFeatureH   feature;
  guchar       *wkb;
  gsize         size;
  gboolean      closed;
  gboolean      deferred;      /* the WKB is still in the layer's CRS */
  gboolean      repaired;
  GEOSGeometry *geom;
  char         *why;
  WkUnit        figures;       /* of a unit with a geometry */
  WkOutline     outline;
} PendingUnit;

typedef struct
{
  PendingUnit items[PENDING_BATCH];
  guint       len;
  guint       next;            /* the next to take, in the file's order */
  gint        claimed;         /* atomic: items handed to a thread */
  guint       done;            /* under lock: items made */
  guint       tasks;           /* under lock: workers not yet through with it */
} PendingBatch;

typedef struct
{
  GThread                      *thread;
  OGRCoordinateTransformationH  ct;
} WorkerTransform;

typedef struct
{
  GThreadPool  *pool;          /* NULL on one core */
  guint         n_workers;
  GMutex        lock;
  GCond         cond;
  PendingBatch *ring[PENDING_IN_FLIGHT];
  guint         head, n;       /* the batches in flight, oldest first */
  gboolean      end;           /* the layer has no more features */
  gboolean      started;
  gboolean      defer;         /* the reprojection is done on the workers */
  OGRCoordinateTransformationH  ct;   /* the loading thread's */
  WorkerTransform *cts;        /* one per worker, made and destroyed on it */
  guint         n_arrived;     /* under lock: workers at the barrier */
  guint         n_left;        /* under lock: workers through it */
} PendingReader;

/* Markers pushed to the pool instead of a batch. */
static const char worker_setup, worker_teardown;

static void
pending_batch_free (PendingBatch *batch)
{
  for (guint i = batch->next; i < batch->len; i++)
    {
      PendingUnit *p = &batch->items[i];

      g_clear_pointer (&p->feature, OGR_F_Destroy);
      g_clear_pointer (&p->wkb, g_free);
      g_clear_pointer (&p->geom, wk_geos_geom_free);
      g_clear_pointer (&p->why, g_free);
      _wk_outline_clear (&p->outline);
    }
  g_free (batch);
}

/* Makes the batch's units that no other thread has taken. */
static void
pending_batch_work (PendingReader                *reader,
                    PendingBatch                 *batch,
                    OGRCoordinateTransformationH  ct)
{
  for (;;)
    {
      guint begin = (guint) g_atomic_int_add (&batch->claimed, PENDING_CHUNK);
      guint end = MIN (begin + PENDING_CHUNK, batch->len);

      if (begin >= batch->len)
        break;
      for (guint i = begin; i < end; i++)
        {
          PendingUnit *p = &batch->items[i];

          if (p->wkb != NULL && p->deferred && !_wk_loader_wkb_to_rd (p->wkb, p->size, ct, &p->why))
            g_clear_pointer (&p->wkb, g_free);
          if (p->wkb != NULL)
            p->geom = _wk_loader_geometry_from_wkb (p->wkb, p->size, WK_GEOMETRY_POLYGON,
                                                    p->closed, &p->repaired, &p->why);
          g_clear_pointer (&p->wkb, g_free);
          if (p->geom != NULL)
            _wk_unit_figures (&p->figures, &p->outline, p->geom);
        }
      g_mutex_lock (&reader->lock);
      batch->done += end - begin;
      if (batch->done == batch->len)
        g_cond_broadcast (&reader->cond);
      g_mutex_unlock (&reader->lock);
    }
}

/* Each worker clones (or destroys) its own transformation: every one waits
 * until all have arrived, so that each takes exactly one marker. */
static void
pending_worker_transform (PendingReader *reader,
                          gboolean       setup)
{
  g_mutex_lock (&reader->lock);
  if (setup)
    {
      WorkerTransform *mine = &reader->cts[reader->n_arrived];

      mine->thread = g_thread_self ();
      mine->ct = OCTClone (reader->ct);
    }
  else
    for (guint w = 0; w < reader->n_workers; w++)
      if (reader->cts[w].thread == g_thread_self ())
        g_clear_pointer (&reader->cts[w].ct, OCTDestroyCoordinateTransformation);
  reader->n_arrived++;
  g_cond_broadcast (&reader->cond);
  while (reader->n_arrived < reader->n_workers)
    g_cond_wait (&reader->cond, &reader->lock);
  reader->n_left++;
  g_cond_broadcast (&reader->cond);
  g_mutex_unlock (&reader->lock);
}

/* Has every worker take @marker, and waits until all are through. */
static void
pending_on_each_worker (PendingReader *reader,
                        const char    *marker)
{
  reader->n_arrived = reader->n_left = 0;
  for (guint w = 0; w < reader->n_workers; w++)
    g_thread_pool_push (reader->pool, (gpointer) marker, NULL);
  g_mutex_lock (&reader->lock);
  while (reader->n_left < reader->n_workers)
    g_cond_wait (&reader->cond, &reader->lock);
  g_mutex_unlock (&reader->lock);
}

/* Before the first batch: whether the workers reproject, and their
 * transformations. */
static void
pending_reader_start (PendingReader      *reader,
                      const Reprojection *reproj)
{
  reader->started = TRUE;
  reader->ct = reproj->ct;
  if (reader->ct == NULL)
    return;
  reader->defer = TRUE;
  if (reader->n_workers == 0)
    return;
  reader->cts = g_new0 (WorkerTransform, reader->n_workers);
  pending_on_each_worker (reader, &worker_setup);
  for (guint w = 0; w < reader->n_workers; w++)
    reader->defer &= reader->cts[w].ct != NULL;
}

static void
pending_worker (gpointer data,
                gpointer user_data)
{
  PendingReader *reader = user_data;
  PendingBatch *batch = data;
  OGRCoordinateTransformationH ct = NULL;

  if (data == &worker_setup || data == &worker_teardown)
    {
      pending_worker_transform (reader, data == &worker_setup);
      return;
    }
  g_mutex_lock (&reader->lock);
  for (guint w = 0; reader->cts != NULL && w < reader->n_workers; w++)
    if (reader->cts[w].thread == g_thread_self ())
      ct = reader->cts[w].ct;
  g_mutex_unlock (&reader->lock);
  pending_batch_work (reader, batch, ct);
  g_mutex_lock (&reader->lock);
  batch->tasks--;
  g_cond_broadcast (&reader->cond);
  g_mutex_unlock (&reader->lock);
}

static PendingReader *
pending_reader_new (void)
{
  PendingReader *reader = g_new0 (PendingReader, 1);

  g_mutex_init (&reader->lock);
  g_cond_init (&reader->cond);
  reader->n_workers = _wk_parallel_n_threads (G_MAXUINT, 0) - 1;
  if (reader->n_workers > 0)
    reader->pool = g_thread_pool_new (pending_worker, reader, (int) reader->n_workers, TRUE, NULL);
  if (reader->pool == NULL)
    reader->n_workers = 0;
  return reader;
}

/* Also when reading stopped half-way: the workers finish what they are
 * doing and are not given the rest. */
static void
pending_reader_free (PendingReader *reader)
{
  if (reader->cts != NULL)
    pending_on_each_worker (reader, &worker_teardown);
  g_clear_pointer (&reader->cts, g_free);
  if (reader->pool != NULL)
    g_thread_pool_free (reader->pool, TRUE, TRUE);
  for (guint k = 0; k < reader->n; k++)
    pending_batch_free (reader->ring[(reader->head + k) % PENDING_IN_FLIGHT]);
  g_mutex_clear (&reader->lock);
  g_cond_clear (&reader->cond);
  g_free (reader);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingReader, pending_reader_free)

/* Reads batches until PENDING_IN_FLIGHT are in flight or the layer ends,
 * and hands them to the workers. */
static void
pending_read_ahead (PendingReader       *reader,
                    OGRLayerH            layer,
                    const Reprojection  *reproj)
{
  if (!reader->started)
    pending_reader_start (reader, reproj);
  while (reader->n < PENDING_IN_FLIGHT && !reader->end)
    {
      PendingBatch *batch = g_new0 (PendingBatch, 1);

      while (batch->len < PENDING_BATCH &&
             (batch->items[batch->len].feature = OGR_L_GetNextFeature (layer)) != NULL)
        {
          PendingUnit *p = &batch->items[batch->len++];

          p->wkb = _wk_loader_feature_wkb (p->feature, reproj, WK_GEOMETRY_POLYGON, &p->size,
                                           &p->closed, reader->defer ? &p->deferred : NULL,
                                           &p->why);
        }
      if (batch->len == 0)
        {
          reader->end = TRUE;
          g_free (batch);
          break;
        }
      reader->ring[(reader->head + reader->n++) % PENDING_IN_FLIGHT] = batch;
      batch->tasks = reader->n_workers;
      for (guint w = 0; w < reader->n_workers; w++)
        g_thread_pool_push (reader->pool, batch, NULL);
    }
}

/* The next feature of @layer, with its geometry as a valid GEOS geometry in
 * RD and its figures and outline, or %NULL in *@geom with *@why set; %NULL
 * at the end. */
static OGRFeatureH
pending_next (PendingReader       *reader,
              OGRLayerH            layer,
              const Reprojection  *reproj,
              GEOSGeometry       **geom,
              WkUnit              *figures,
              WkOutline           *outline,
              gboolean            *repaired,
              char               **why)
{
  PendingBatch *batch;
  PendingUnit *p;

  if (reader->n > 0 && reader->ring[reader->head]->next == reader->ring[reader->head]->len)
    {
      pending_batch_free (reader->ring[reader->head]);
      reader->head = (reader->head + 1) % PENDING_IN_FLIGHT;
      reader->n--;
    }
  pending_read_ahead (reader, layer, reproj);
  if (reader->n == 0)
    return NULL;
  batch = reader->ring[reader->head];
  if (batch->next == 0)
    {
      /* help with the oldest batch, then wait for the workers' part of it */
      pending_batch_work (reader, batch, reader->ct);
      g_mutex_lock (&reader->lock);
      while (batch->done < batch->len || batch->tasks > 0)
        g_cond_wait (&reader->cond, &reader->lock);
      g_mutex_unlock (&reader->lock);
    }
  p = &batch->items[batch->next++];
  *geom = g_steal_pointer (&p->geom);
  *figures = p->figures;
  *outline = p->outline;
  memset (&p->outline, 0, sizeof p->outline);
  *repaired = p->repaired;
  *why = g_steal_pointer (&p->why);
  return g_steal_pointer (&p->feature);
}

/* ----------------------------------------------------------------- units */

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
      *field = _wk_loader_find_field_ci (defn, override);
      if (*field < 0)
        {
          g_autofree char *list = g_strjoinv (", ", names);

          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD,
                       _("“%s” has no field “%s” (for %s). Its fields are: %s."),
                       self->display_name, override, wk_field_role_get_label (role), list);
          return FALSE;
        }
      if (role == WK_ROLE_POP65)
        self->pop65_is_share = _wk_loader_is_share_name (override);
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
        *field = _wk_loader_find_field_ci (defn, found);
      if (role == WK_ROLE_POP65)
        self->pop65_is_share = share;
    }
  if (*field >= 0)
    {
      self->role_fields[role] = _wk_loader_field_name (defn, *field);
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
  g_autoptr(PendingReader) reader = pending_reader_new ();
  static const WkFieldRole order[] = {
    WK_ROLE_CODE, WK_ROLE_POPULATION, WK_ROLE_POP65, WK_ROLE_NAME,
    WK_ROLE_GM_CODE, WK_ROLE_GM_NAME,
  };

  ds = _wk_open_vector (opts->units_path, NULL, error);
  if (ds == NULL)
    return FALSE;
  layer = _wk_loader_pick_layer (ds, opts->units_layer, WK_GEOMETRY_POLYGON, TRUE, display, error);
  if (layer == NULL)
    return FALSE;
  defn = OGR_L_GetLayerDefn (layer);
  names = _wk_loader_field_names (defn);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (!resolve_role (self, defn, order[i], names, taken, &fields[order[i]], error))
      return FALSE;

  /* a missing .dbf (also in a zip), or another layer that has the codes */
  if (fields[WK_ROLE_CODE] < 0 &&
      !_wk_loader_explain_no_code (ds, layer, opts->units_layer != NULL, display, error))
    return FALSE;
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
      if (is_role || _wk_loader_is_bookkeeping_name (OGR_Fld_GetNameRef (fd)) ||
          (type != OFTInteger && type != OFTInteger64 && type != OFTReal))
        continue;
      {
        g_autofree char *name = _wk_loader_field_name (defn, f);
        WkFieldInfo info = {
          g_string_chunk_insert_const (self->strings, name),
          _wk_loader_aggregate_for (name),
        };
        g_array_append_val (self->fields, info);
        g_array_append_val (extra, f);
      }
    }

  /* Before _wk_loader_resolve_crs, which reads every feature for the extent: a file of
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

  if (!_wk_loader_resolve_crs (layer, opts->source_crs, display, report, &reproj, error))
    return FALSE;

  /* A driver that fails half-way (a damaged GeoPackage page, a corrupt
   * shapefile record) ends the loop early as if the file were shorter. */
  read_failure = wk_gdal_capture_begin ();
  OGR_L_ResetReading (layer);
  for (;;)
    {
      g_autofree char *why = NULL;
      g_autofree char *label = NULL;
      g_autofree char *code = NULL;
      g_autofree char *key = NULL;
      g_autofree char *name = NULL;
      g_autofree char *gm_code = NULL;
      g_autofree char *gm_name = NULL;
      gboolean repaired = FALSE;
      GEOSGeometry *geom = NULL;
      WkUnit unit = { 0 };
      g_auto(WkOutline) outline = { 0 };
      double pop = NAN, p65 = NAN;
      ValueStatus status;

      feature = pending_next (reader, layer, &reproj, &geom, &unit, &outline, &repaired, &why);
      if (feature == NULL)
        break;
      n_read++;
      if ((n_read & 255) == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              _wk_loader_reprojection_clear (&reproj);
              g_clear_pointer (&geom, wk_geos_geom_free);
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Loading was cancelled."));
              return FALSE;
            }
          if (n_total > 0)
            wk_progress_update (progress, 0.6 * n_read / (double) n_total, NULL);
        }
      if (self->units->len >= WK_MAX_UNITS)
        {
          _wk_loader_reprojection_clear (&reproj);
          g_clear_pointer (&geom, wk_geos_geom_free);
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_INVALID,
                       _("“%s” has more than %d features; Wijkindeling works with at most %d units. "
                         "Select the municipalities or region you plan for first."),
                       display, WK_MAX_UNITS, WK_MAX_UNITS);
          return FALSE;
        }

      label = _wk_loader_feature_label (feature, fields[WK_ROLE_CODE]);
      if (geom == NULL)
        {
          if (OGR_F_GetGeometryRef (feature) == NULL || OGR_G_IsEmpty (OGR_F_GetGeometryRef (feature)))
            report->n_empty++;
          else
            report->n_not_polygon++;
          _wk_load_report_add (report, _("“%s”, %s: skipped, because %s."), display, label, why);
          _wk_loader_note_skipped (feature, fields[WK_ROLE_POPULATION], display, label, report);
          g_clear_pointer (&feature, OGR_F_Destroy);
          continue;
        }
      if (repaired)
        {
          report->n_repaired++;
          _wk_load_report_add (report, _("“%s”, %s: the geometry was invalid (%s) and has been repaired."),
                              display, label, why);
        }

      {
        g_autofree char *raw_code = _wk_loader_field_text (feature, fields[WK_ROLE_CODE],
                                                           display, label, report);

        code = wk_text_normalise_name (raw_code);     /* trimmed, case as written */
      }
      if (code == NULL || *code == '\0')
        {
          g_free (code);
          code = g_strdup_printf ("#%lld", (long long) OGR_F_GetFID (feature));
          _wk_load_report_add (report, _("“%s”, %s: no unit code; it is called “%s”."),
                              display, label, code);
        }
      /* A second feature with a code already read: its inhabitants would be
       * counted twice (and a plan could not tell the two apart), so it is
       * left out, and the warning names it. */
      /* codes are compared normalised, as the plan's are (wk_dataset_lookup_code) */
      g_free (key);
      key = wk_text_normalise_code (code);
      if (g_hash_table_contains (self->codes, key))
        {
          report->n_duplicate_codes++;
          _wk_load_report_add (report, _("“%s”: the unit code “%s” occurs more than once; "
                                        "%s is left out, so that its inhabitants are not "
                                        "counted twice."), display, code, label);
          GEOSGeom_destroy_r (wk_geos_context (), geom);
          g_clear_pointer (&feature, OGR_F_Destroy);
          continue;
        }
      name = _wk_loader_field_text (feature, fields[WK_ROLE_NAME], display, label, report);
      gm_code = _wk_loader_field_text (feature, fields[WK_ROLE_GM_CODE], display, label, report);
      gm_name = _wk_loader_field_text (feature, fields[WK_ROLE_GM_NAME], display, label, report);

      status = _wk_loader_field_as_number (feature, fields[WK_ROLE_POPULATION], &pop);
      /* more than the whole country: a wrong field or a broken file, never a buurt */
      if (status == VALUE_OK && pop > WK_MAX_POPULATION)
        {
          _wk_loader_reprojection_clear (&reproj);
          GEOSGeom_destroy_r (wk_geos_context (), geom);
          g_clear_pointer (&feature, OGR_F_Destroy);
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_INVALID,
                       _("“%s”, %s: a population of %.0f is more than the whole country has. "
                         "Check that the population field is the right one."),
                       display, label, pop);
          return FALSE;
        }
      if (status == VALUE_SECRET || (status == VALUE_OK && pop < 0))
        {
          report->n_secret_values++;
          pop = NAN;
        }
      else if (status == VALUE_TEXT)
        n_text_population++;
      else if (status == VALUE_NULL)
        n_null_population++;

      status = _wk_loader_field_as_number (feature, fields[WK_ROLE_POP65], &p65);
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

          status = _wk_loader_field_as_number (feature, g_array_index (extra, int, e), &v);
          if (status == VALUE_SECRET)
            report->n_secret_values++;
          g_array_append_val (values, v);
        }

      g_hash_table_insert (self->codes, g_string_chunk_insert_const (self->strings, key),
                           GUINT_TO_POINTER (self->units->len + 1));
      g_array_append_val (self->units, unit);
      g_ptr_array_add (self->geoms, geom);
      g_array_append_val (self->outlines_rd, outline);
      memset (&outline, 0, sizeof outline);
      g_clear_pointer (&feature, OGR_F_Destroy);
    }
  _wk_loader_reprojection_clear (&reproj);
  if (read_failure->len > 0)
    return _wk_loader_set_damaged (error, display, read_failure->str);
  g_clear_pointer (&read_failure, wk_gdal_capture_end);
  report->n_features = n_read;
  report->n_units = self->units->len;
  _wk_loader_check_records (ds, n_read, n_total, self, display, report);
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
    _wk_load_report_add (report,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "“%s”: %u value is a CBS code for a secret or unknown figure "
                                     "(such as -99999997); it is treated as unknown and not added.",
                                     "“%s”: %u values are CBS codes for secret or unknown figures "
                                     "(such as -99999997); they are treated as unknown and not added.",
                                     report->n_secret_values),
                        display, report->n_secret_values);
  if (n_text_population > 0)
    _wk_load_report_add (report,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "“%s”: the population of %u unit is not a number; it is treated as unknown.",
                                     "“%s”: the population of %u units is not a number; it is treated as unknown.",
                                     n_text_population),
                        display, n_text_population);
  if (n_null_population > 0)
    _wk_load_report_add (report,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "“%s”: %u unit has no population figure.",
                                     "“%s”: %u units have no population figure.",
                                     n_null_population),
                        display, n_null_population);

  /* The figures and outlines were made with the geometries. */
  _wk_dataset_finish_extent (self);
  _wk_loader_check_units (self, display, report);
  return TRUE;
}
