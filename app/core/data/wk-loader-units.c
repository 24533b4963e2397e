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

/* The features are read in batches: GDAL reads them and writes their
 * geometry as WKB on this thread, then GEOS reads and validates (and where
 * needed repairs) the batch on all cores; the features are then taken one
 * by one, in the file's order, as before. */
#define PENDING_BATCH 512

typedef struct
{
  OGRFeatureH   feature;
  guchar       *wkb;
  gsize         size;
  gboolean      closed;
  gboolean      repaired;
  GEOSGeometry *geom;
  char         *why;
} PendingUnit;

typedef struct
{
  PendingUnit items[PENDING_BATCH];
  guint       len;
  guint       next;
} PendingBatch;

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
    }
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingBatch, pending_batch_free)

static void
pending_geometry_chunk (gpointer data,
                        guint    begin,
                        guint    end)
{
  PendingBatch *batch = data;

  for (guint i = begin; i < end; i++)
    {
      PendingUnit *p = &batch->items[i];

      if (p->wkb != NULL)
        p->geom = _wk_loader_geometry_from_wkb (p->wkb, p->size, WK_GEOMETRY_POLYGON, p->closed,
                                                &p->repaired, &p->why);
      g_clear_pointer (&p->wkb, g_free);
    }
}

/* The next feature of @layer, with its geometry as a valid GEOS geometry in
 * RD, or %NULL in *@geom with *@why set; %NULL at the end. */
static OGRFeatureH
pending_next (PendingBatch        *batch,
              OGRLayerH            layer,
              const Reprojection  *reproj,
              GEOSGeometry       **geom,
              gboolean            *repaired,
              char               **why)
{
  PendingUnit *p;

  if (batch->next == batch->len)
    {
      memset (batch->items, 0, sizeof batch->items);
      batch->next = batch->len = 0;
      while (batch->len < PENDING_BATCH &&
             (batch->items[batch->len].feature = OGR_L_GetNextFeature (layer)) != NULL)
        {
          p = &batch->items[batch->len++];
          p->wkb = _wk_loader_feature_wkb (p->feature, reproj, WK_GEOMETRY_POLYGON,
                                           &p->size, &p->closed, &p->why);
        }
      _wk_parallel_for (batch->len, 32, pending_geometry_chunk, batch);
      if (batch->len == 0)
        return NULL;
    }
  p = &batch->items[batch->next++];
  *geom = g_steal_pointer (&p->geom);
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
  g_autoptr(PendingBatch) batch = g_new0 (PendingBatch, 1);
  WkStepClock clock;
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
      double pop = NAN, p65 = NAN;
      ValueStatus status;

      feature = pending_next (batch, layer, &reproj, &geom, &repaired, &why);
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

  /* Figures, outlines and extent, on all cores. */
  _wk_step_clock_start (&clock);
  _wk_dataset_finish_units (self);
  _wk_debug_step ("load: unit figures", &clock);
  _wk_loader_check_units (self, display, report);
  return TRUE;
}
