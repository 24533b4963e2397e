/* wk-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wk-area.h"
#include "wk-checker.h"
#include "wk-dataset-private.h"
#include "wk-dissolver-private.h"
#include "wk-export.h"
#include "wk-output.h"
#include "wk-plan.h"
#include "wk-plan-history-private.h"
#include "wk-progress.h"
#include "wk-project-private.h"

/* An area as the export writes it: its properties (as the undo history
 * keeps them) and its figures. */
typedef struct
{
  AreaState *state;
  gint64     population;
  double     pop65;
  guint      n_units;
  guint      errors;
  guint      warnings;
  guint      infos;
  gboolean   contiguous;
  double     compactness;
  guint      providers[WK_N_PROVIDER_KINDS];
} AreaSnapshot;

/* What an export needs, copied on the main thread, so the work can run on
 * a worker while the user goes on editing. */
struct _WkExportJob
{
  gatomicrefcount  ref_count;
  WkDataset       *dataset;
  char            *plan_name;
  guint           *assignment;
  guint            n_units;
  GArray          *areas;      /* AreaSnapshot */
  WkPlan          *plan;       /* for the CSV, which the plan writes itself */
};

G_DEFINE_BOXED_TYPE (WkExportJob, wk_export_job, wk_export_job_ref, wk_export_job_unref)

gboolean
wk_export_format_from_string (const char     *str,
                              WkExportFormat *format)
{
  if (g_ascii_strcasecmp (str, "geojson") == 0 || g_ascii_strcasecmp (str, "json") == 0)
    *format = WK_EXPORT_GEOJSON;
  else if (g_ascii_strcasecmp (str, "gpkg") == 0 || g_ascii_strcasecmp (str, "geopackage") == 0)
    *format = WK_EXPORT_GPKG;
  else if (g_ascii_strcasecmp (str, "csv") == 0)
    *format = WK_EXPORT_CSV;
  else
    return FALSE;
  return TRUE;
}

const char *
wk_export_format_extension (WkExportFormat format)
{
  switch (format)
    {
    case WK_EXPORT_GEOJSON:
      return ".geojson";
    case WK_EXPORT_GPKG:
      return ".gpkg";
    case WK_EXPORT_CSV:
      return ".csv";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
area_snapshot_clear (gpointer data)
{
  AreaSnapshot *a = data;

  _wk_plan_area_state_free (a->state);
}

/**
 * _wk_export_job_new:
 *
 * Takes a snapshot of the plan and its check for exporting.
 *
 * Returns: (transfer full): the job
 */
WkExportJob *
_wk_export_job_new (WkChecker *checker)
{
  WkExportJob *job = g_new0 (WkExportJob, 1);
  WkPlan *plan = wk_checker_get_plan (checker);
  GListModel *areas = wk_plan_get_areas (plan);
  const guint *assignment;
  guint n_areas = g_list_model_get_n_items (areas);

  g_atomic_ref_count_init (&job->ref_count);
  job->dataset = g_object_ref (wk_plan_get_dataset (plan));
  job->plan = wk_plan_duplicate (plan);
  job->plan_name = g_strdup (wk_plan_get_name (plan));
  assignment = wk_plan_get_assignment (plan, &job->n_units);
  job->assignment = g_memdup2 (assignment, sizeof (guint) * MAX (job->n_units, 1));
  job->areas = g_array_sized_new (FALSE, TRUE, sizeof (AreaSnapshot), n_areas);
  g_array_set_clear_func (job->areas, area_snapshot_clear);
  for (guint i = 0; i < n_areas; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      const WkAreaStats *st = wk_checker_get_area_stats (checker, wk_area_get_id (area));
      AreaSnapshot a = { 0 };

      a.state = _wk_plan_area_state_new (area);
      a.errors = wk_checker_count_for_area (checker, a.state->id, WK_SEVERITY_ERROR);
      a.warnings = wk_checker_count_for_area (checker, a.state->id, WK_SEVERITY_WARNING);
      a.infos = wk_checker_count_for_area (checker, a.state->id, WK_SEVERITY_INFO);
      if (st != NULL)
        {
          a.population = st->population;
          a.pop65 = st->pop65;
          a.n_units = st->n_units;
          a.contiguous = st->n_parts <= 1;
          a.compactness = st->compactness;
          memcpy (a.providers, st->n_providers, sizeof a.providers);
        }
      g_array_append_val (job->areas, a);
    }
  return job;
}

WkExportJob *
wk_export_job_ref (WkExportJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

void
wk_export_job_unref (WkExportJob *job)
{
  if (job == NULL || !g_atomic_ref_count_dec (&job->ref_count))
    return;
  g_object_unref (job->dataset);
  g_object_unref (job->plan);
  g_free (job->plan_name);
  g_free (job->assignment);
  g_array_unref (job->areas);
  g_free (job);
}

static void
create_area_fields (OGRLayerH layer)
{
  wk_ogr_add_field (layer, "id", OFTInteger);
  wk_ogr_add_field (layer, "name", OFTString);
  wk_ogr_add_field (layer, "population", OFTInteger64);
  wk_ogr_add_field (layer, "units", OFTInteger);
  wk_ogr_add_field (layer, "errors", OFTInteger);
  wk_ogr_add_field (layer, "warnings", OFTInteger);
  wk_ogr_add_field (layer, "contiguous", OFTInteger);
  wk_ogr_add_field (layer, "area_km2", OFTReal);
  wk_ogr_add_field (layer, "inhabitants_65plus", OFTInteger64);
  wk_ogr_add_field (layer, "compactness", OFTReal);
  wk_ogr_add_field (layer, "gp", OFTInteger);
  wk_ogr_add_field (layer, "pharmacy", OFTInteger);
  wk_ogr_add_field (layer, "nursing", OFTInteger);
  wk_ogr_add_field (layer, "social", OFTInteger);
  wk_ogr_add_field (layer, "color", OFTString);
  wk_ogr_add_field (layer, "locked", OFTInteger);
  wk_ogr_add_field (layer, "note", OFTString);
}

/* Adds @f (consumed) with @g (consumed, nullable) to @layer. */
static gboolean
add_feature (OGRLayerH    layer,
             OGRFeatureH  f,
             OGRGeometryH g)
{
  OGRErr err;

  if (g != NULL)
    OGR_F_SetGeometryDirectly (f, g);
  err = OGR_L_CreateFeature (layer, f);
  OGR_F_Destroy (f);
  return err == OGRERR_NONE;
}

/* Returns: (transfer full): area id → name, borrowed from @job */
static GHashTable *
area_names (WkExportJob *job)
{
  GHashTable *names = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < job->areas->len; i++)
    {
      const AreaSnapshot *a = &g_array_index (job->areas, AreaSnapshot, i);
      g_hash_table_insert (names, GUINT_TO_POINTER (a->state->id), a->state->name);
    }
  return names;
}

static gboolean
write_areas (WkExportJob   *job,
             OGRLayerH      layer,
             WkProgress    *progress,
             GCancellable  *cancellable,
             GError       **error)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GHashTable) members = g_hash_table_new_full (NULL, NULL, NULL,
                                                         (GDestroyNotify) g_array_unref);

  for (guint u = 0; u < job->n_units; u++)
    if (job->assignment[u] != WK_AREA_NONE)
      {
        GArray *m = g_hash_table_lookup (members, GUINT_TO_POINTER (job->assignment[u]));

        if (m == NULL)
          {
            m = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_insert (members, GUINT_TO_POINTER (job->assignment[u]), m);
          }
        g_array_append_val (m, u);
      }

  for (guint i = 0; i < job->areas->len; i++)
    {
      const AreaSnapshot *a = &g_array_index (job->areas, AreaSnapshot, i);
      GArray *m = g_hash_table_lookup (members, GUINT_TO_POINTER (a->state->id));
      g_autoptr(WkGeosGeometry) geom = NULL;
      OGRFeatureH f;
      double area_m2 = 0.0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      wk_progress_update (progress, 0.9 * i / MAX (job->areas->len, 1), NULL);
      if (m != NULL)
        {
          geom = _wk_dissolve_units (job->dataset, (guint *) m->data, m->len);
          if (geom != NULL)
            GEOSArea_r (ctx, geom, &area_m2);
        }
      f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGR_F_SetFieldInteger (f, 0, a->state->id);
      OGR_F_SetFieldString (f, 1, a->state->name);
      OGR_F_SetFieldInteger64 (f, 2, a->population);
      OGR_F_SetFieldInteger (f, 3, a->n_units);
      OGR_F_SetFieldInteger (f, 4, a->errors);
      OGR_F_SetFieldInteger (f, 5, a->warnings);
      OGR_F_SetFieldInteger (f, 6, a->contiguous);
      OGR_F_SetFieldDouble (f, 7, round (area_m2 / 1e4) / 100.0);
      OGR_F_SetFieldInteger64 (f, 8, (gint64) llround (a->pop65));
      OGR_F_SetFieldDouble (f, 9, round (a->compactness * 1000) / 1000.0);
      OGR_F_SetFieldInteger (f, 10, a->providers[WK_PROVIDER_GP]);
      OGR_F_SetFieldInteger (f, 11, a->providers[WK_PROVIDER_PHARMACY]);
      OGR_F_SetFieldInteger (f, 12, a->providers[WK_PROVIDER_NURSING]);
      OGR_F_SetFieldInteger (f, 13, a->providers[WK_PROVIDER_SOCIAL]);
      OGR_F_SetFieldString (f, 14, a->state->color);
      OGR_F_SetFieldInteger (f, 15, a->state->locked);
      OGR_F_SetFieldString (f, 16, a->state->note);
      if (!add_feature (layer, f, wk_geos_to_ogr (geom)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_units (WkExportJob *job,
             OGRLayerH    layer)
{
  g_autoptr(GHashTable) names = area_names (job);

  wk_ogr_add_field (layer, "unit_code", OFTString);
  wk_ogr_add_field (layer, "unit_name", OFTString);
  wk_ogr_add_field (layer, "population", OFTInteger64);
  wk_ogr_add_field (layer, "gm_code", OFTString);
  wk_ogr_add_field (layer, "area_id", OFTInteger);
  wk_ogr_add_field (layer, "area", OFTString);
  for (guint u = 0; u < job->n_units; u++)
    {
      const WkUnit *unit = wk_dataset_get_unit (job->dataset, u);
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH g = wk_geos_to_ogr (_wk_dataset_get_geometry (job->dataset, u));

      OGR_F_SetFieldString (f, 0, unit->code);
      if (unit->name)
        OGR_F_SetFieldString (f, 1, unit->name);
      if (unit->population >= 0)
        OGR_F_SetFieldInteger64 (f, 2, unit->population);
      if (unit->gm_code)
        OGR_F_SetFieldString (f, 3, unit->gm_code);
      if (job->assignment[u] != WK_AREA_NONE)
        {
          OGR_F_SetFieldInteger (f, 4, job->assignment[u]);
          OGR_F_SetFieldString (f, 5, g_hash_table_lookup (names, GUINT_TO_POINTER (job->assignment[u])));
        }
      if (!add_feature (layer, f, g))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_assignment (WkExportJob *job,
                  OGRLayerH    layer)
{
  g_autoptr(GHashTable) names = area_names (job);

  wk_ogr_add_field (layer, "unit_code", OFTString);
  wk_ogr_add_field (layer, "area", OFTString);
  for (guint u = 0; u < job->n_units; u++)
    {
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      OGR_F_SetFieldString (f, 0, wk_dataset_get_unit (job->dataset, u)->code);
      if (job->assignment[u] != WK_AREA_NONE)
        OGR_F_SetFieldString (f, 1, g_hash_table_lookup (names, GUINT_TO_POINTER (job->assignment[u])));
      if (!add_feature (layer, f, NULL))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_vector (WkExportJob     *job,
              WkExportFormat   format,
              const char      *temp,
              WkProgress      *progress,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(GString) failure = g_string_new (NULL);
  g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
  GDALDriverH driver = GDALGetDriverByName (format == WK_EXPORT_GPKG ? "GPKG" : "GeoJSON");
  const char *geojson_options[] = { "RFC7946=YES", "WRITE_BBOX=YES", "COORDINATE_PRECISION=7", NULL };
  GDALDatasetH ds;
  OGRLayerH layer;
  gboolean ok = FALSE;
  GError *local = NULL;

  wk_gdal_push_capture (failure);
  ds = GDALCreate (driver, temp, 0, 0, 0, GDT_Unknown, NULL);
  if (ds != NULL)
    {
      if (format == WK_EXPORT_GPKG)
        GDALDatasetStartTransaction (ds, FALSE);
      layer = GDALDatasetCreateLayer (ds, "areas", rd, wkbMultiPolygon,
                                      format == WK_EXPORT_GEOJSON ? (char **) geojson_options : NULL);
      if (layer != NULL)
        {
          create_area_fields (layer);
          ok = write_areas (job, layer, progress, cancellable, &local);
        }
      if (ok && format == WK_EXPORT_GPKG)
        {
          wk_progress_update (progress, 0.9, NULL);
          layer = GDALDatasetCreateLayer (ds, "units", rd, wkbMultiPolygon, NULL);
          ok = layer != NULL && write_units (job, layer);
          if (ok)
            {
              layer = GDALDatasetCreateLayer (ds, "assignment", NULL, wkbNone, NULL);
              ok = layer != NULL && write_assignment (job, layer);
            }
        }
      if (format == WK_EXPORT_GPKG)
        {
          if (ok)
            ok = GDALDatasetCommitTransaction (ds) == OGRERR_NONE;
          else
            GDALDatasetRollbackTransaction (ds);
        }
      GDALClose (ds);
    }
  wk_gdal_pop_capture ();

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (!ok || failure->len > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                   failure->len ? failure->str : _("the map library could not write it"));
      return FALSE;
    }
  return TRUE;
}

/**
 * _wk_export_job_run:
 * @path: the file to write; it is replaced atomically
 *
 * Writes the snapshot: GeoJSON (RFC 7946, WGS84) of the dissolved areas, a
 * GeoPackage (RD New) with layers `areas`, `units` and the table
 * `assignment`, or the assignment CSV.  Safe to call on a worker thread.
 */
gboolean
_wk_export_job_run (WkExportJob     *job,
                   WkExportFormat   format,
                   const char      *path,
                   WkProgress      *progress,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *temp = NULL;
  g_autoptr(GError) local = NULL;

  g_autofree char *target = NULL;

  g_return_val_if_fail (job != NULL, FALSE);

  /* through a link to its target, never over a device or a read-only file */
  target = wk_output_prepare (path, NULL, error);
  if (target == NULL)
    return FALSE;
  if (format == WK_EXPORT_CSV)
    return wk_plan_export_csv (job->plan, target, error);

  temp = wk_output_temp_path (target);
  if (!write_vector (job, format, temp, progress, cancellable, &local))
    {
      wk_output_discard (temp);
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” could not be written: %s"),
                     display, local->message);
      return FALSE;
    }
  wk_progress_update (progress, 1.0, NULL);
  return wk_output_commit (temp, target, error);
}

/**
 * wk_export:
 *
 * Exports the plan as checked by @checker; see _wk_export_job_run().
 */
gboolean
wk_export (WkChecker       *checker,
           WkExportFormat   format,
           const char      *path,
           GError         **error)
{
  g_autoptr(WkExportJob) job = _wk_export_job_new (checker);

  return _wk_export_job_run (job, format, path, NULL, NULL, error);
}

typedef struct
{
  WkExportJob    *job;
  WkExportFormat  format;
  char           *path;
  WkProgress     *progress;
} ExportData;

static void
export_data_free (ExportData *data)
{
  wk_export_job_unref (data->job);
  g_free (data->path);
  g_clear_object (&data->progress);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (_wk_export_job_run (data->job, data->format, data->path, data->progress, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * wk_export_async:
 *
 * Takes a snapshot now and writes it on a worker thread.
 */
void
wk_export_async (WkChecker          *checker,
                 WkExportFormat      format,
                 const char         *path,
                 WkProgress         *progress,
                 GCancellable       *cancellable,
                 GAsyncReadyCallback callback,
                 gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportData *data = g_new0 (ExportData, 1);

  data->job = _wk_export_job_new (checker);
  data->format = format;
  data->path = g_strdup (path);
  data->progress = progress ? g_object_ref (progress) : NULL;
  g_task_set_source_tag (task, wk_export_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
wk_export_finish (GAsyncResult  *result,
                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
