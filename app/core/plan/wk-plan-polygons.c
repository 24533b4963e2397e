/* wk-plan-polygons.c: a plan from area polygons (a team-area map, CBS wijken, an export)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-plan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-plan-private.h"

/* Below this share of its area in one polygon a unit counts as ambiguous. */
#define CLEAR_SHARE 0.5

/* The matching runs on a worker: it touches only these and the immutable
 * data set; the plan is changed on the main thread. */
typedef struct
{
  WkDataset      *dataset;
  char           *path;
  char           *name_field;
  GPtrArray      *names;        /* area names, in order of first polygon */
  GPtrArray      *colors;       /* per area: #rrggbb or NULL */
  guint          *assignment;   /* unit → 1-based index into names, 0 = none */
  WkImportReport *report;
} PolygonImport;

static void
polygon_import_free (PolygonImport *imp)
{
  g_clear_object (&imp->dataset);
  g_free (imp->path);
  g_free (imp->name_field);
  g_clear_pointer (&imp->names, g_ptr_array_unref);
  g_clear_pointer (&imp->colors, g_ptr_array_unref);
  g_free (imp->assignment);
  g_clear_pointer (&imp->report, wk_import_report_free);
  g_free (imp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolygonImport, polygon_import_free)

static PolygonImport *
polygon_import_new (WkPlan     *plan,
                    const char *path,
                    const char *name_field)
{
  PolygonImport *imp = g_new0 (PolygonImport, 1);

  imp->dataset = g_object_ref (wk_plan_get_dataset (plan));
  imp->path = g_strdup (path);
  imp->name_field = g_strdup (name_field);
  imp->names = g_ptr_array_new_with_free_func (g_free);
  imp->colors = g_ptr_array_new_with_free_func (g_free);
  imp->report = _wk_import_report_new ();
  return imp;
}

static void
candidate_cb (void *item,
              void *user_data)
{
  guint index = GPOINTER_TO_UINT (item) - 1;

  g_array_append_val ((GArray *) user_data, index);
}

/* Which area each polygon is (by name), and its colour. */
static guint *
group_polygons (PolygonImport *imp,
                GPtrArray     *names,
                GPtrArray     *colors)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  guint *area_of = g_new0 (guint, MAX (names->len, 1));

  for (guint p = 0; p < names->len; p++)
    {
      const char *name = g_ptr_array_index (names, p);
      const char *color = g_ptr_array_index (colors, p);
      g_autofree char *fallback = NULL;
      gpointer found;

      if (name == NULL)
        {
          /* Translators: the name of an imported area whose polygon has none */
          name = fallback = g_strdup_printf (_("Area %u"), p + 1);
        }
      if (g_hash_table_lookup_extended (index, name, NULL, &found))
        area_of[p] = GPOINTER_TO_UINT (found);
      else
        {
          g_ptr_array_add (imp->names, g_strdup (name));
          g_ptr_array_add (imp->colors, _wk_color_is_valid (color) ? g_ascii_strdown (color, -1) : NULL);
          area_of[p] = imp->names->len;
          g_hash_table_insert (index, g_ptr_array_index (imp->names, imp->names->len - 1),
                               GUINT_TO_POINTER (area_of[p]));
        }
    }
  return area_of;
}

/* Matches the units to the polygons: each goes to the area whose polygons
 * hold the largest part of its area. */
static gboolean
polygon_import_run (PolygonImport  *imp,
                    GCancellable   *cancellable,
                    GError        **error)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(WkLoadReport) load = _wk_load_report_new ();
  g_autoptr(GPtrArray) geoms = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) colors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WkGeosTree) tree = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree const GEOSPreparedGeometry **prepared = NULL;
  g_autofree double *shares = NULL;
  g_autofree guint *area_of = NULL;
  g_autofree char *display = NULL;
  guint n_units = wk_dataset_get_n_units (imp->dataset);
  WkImportReport *rep = imp->report;

  if (!_wk_read_polygons (imp->path, imp->name_field, load, geoms, names, colors, cancellable,
                          error))
    return FALSE;
  display = g_path_get_basename (imp->path);
  if (strchr (display, '|') != NULL)
    *strchr (display, '|') = '\0';
  for (guint i = 0; i < load->messages->len; i++)
    g_ptr_array_add (rep->messages, g_strdup (g_ptr_array_index (load->messages, i)));
  rep->n_rows = geoms->len;
  area_of = group_polygons (imp, names, colors);

  tree = GEOSSTRtree_create_r (ctx, 10);
  for (guint p = 0; p < geoms->len; p++)
    GEOSSTRtree_insert_r (ctx, tree, g_ptr_array_index (geoms, p), GUINT_TO_POINTER (p + 1));
  prepared = g_new0 (const GEOSPreparedGeometry *, MAX (geoms->len, 1));
  shares = g_new0 (double, imp->names->len + 1);
  imp->assignment = g_new0 (guint, MAX (n_units, 1));

  for (guint u = 0; u < n_units; u++)
    {
      const GEOSGeometry *unit = _wk_dataset_get_geometry (imp->dataset, u);
      double unit_area = wk_dataset_get_unit (imp->dataset, u)->area_m2;
      guint best = 0;

      if ((u & 63) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      g_array_set_size (candidates, 0);
      GEOSSTRtree_query_r (ctx, tree, unit, candidate_cb, candidates);
      memset (shares, 0, sizeof (double) * (imp->names->len + 1));
      for (guint c = 0; c < candidates->len; c++)
        {
          guint p = g_array_index (candidates, guint, c);
          const GEOSGeometry *polygon = g_ptr_array_index (geoms, p);
          double share = 0.0;

          if (prepared[p] == NULL)
            prepared[p] = GEOSPrepare_r (ctx, polygon);
          if (GEOSPreparedContains_r (ctx, prepared[p], unit) == 1)
            share = 1.0;
          else if (GEOSPreparedIntersects_r (ctx, prepared[p], unit) == 1 && unit_area > 0)
            {
              g_autoptr(WkGeosGeometry) part = GEOSIntersection_r (ctx, polygon, unit);
              double a = 0.0;

              if (part != NULL && GEOSArea_r (ctx, part, &a))
                share = a / unit_area;
            }
          shares[area_of[p]] += share;
        }
      for (guint a = 1; a <= imp->names->len; a++)
        if (shares[a] > shares[best])
          best = a;
      if (best == 0 || shares[best] <= 1e-9)
        {
          g_ptr_array_add (rep->uncovered, g_strdup (wk_dataset_get_unit (imp->dataset, u)->code));
          continue;
        }
      if (shares[best] < CLEAR_SHARE - 1e-9)
        g_ptr_array_add (rep->ambiguous, g_strdup (wk_dataset_get_unit (imp->dataset, u)->code));
      imp->assignment[u] = best;
      rep->n_assigned++;
    }
  for (guint p = 0; p < geoms->len; p++)
    if (prepared[p] != NULL)
      GEOSPreparedGeom_destroy_r (ctx, prepared[p]);
  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;

  if (rep->n_assigned == 0)
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID,
                   _("No polygon in “%s” overlaps the units. Is it a map of the same "
                     "municipality?"), display);
      return FALSE;
    }
  if (rep->ambiguous->len > 0)
    {
      g_autofree char *list = _wk_join_some (rep->ambiguous);

      _wk_import_report_add (rep, g_dngettext (GETTEXT_PACKAGE,
                                               "“%s”: %u unit lies less than half in one area; it went "
                                               "to the area that holds most of it: %s.",
                                               "“%s”: %u units lie less than half in one area; each went "
                                               "to the area that holds most of it: %s.",
                                               rep->ambiguous->len),
                             display, rep->ambiguous->len, list);
    }
  if (rep->uncovered->len > 0)
    {
      g_autofree char *list = _wk_join_some (rep->uncovered);

      _wk_import_report_add (rep, g_dngettext (GETTEXT_PACKAGE,
                                               "“%s”: %u unit lies outside every area and stays "
                                               "unassigned: %s.",
                                               "“%s”: %u units lie outside every area and stay "
                                               "unassigned: %s.",
                                               rep->uncovered->len),
                             display, rep->uncovered->len, list);
    }
  return TRUE;
}

static gboolean
polygon_import_apply (PolygonImport   *imp,
                      WkPlan          *plan,
                      WkImportReport **report,
                      GError         **error)
{
  g_autofree char *display = g_path_get_basename (imp->path);
  g_autofree char *label = NULL;

  if (strchr (display, '|') != NULL)
    *strchr (display, '|') = '\0';
  label = g_strdup_printf (_("Import “%s”"), display);
  if (!wk_plan_replace (plan, imp->names, imp->colors, imp->assignment, NULL, label, error))
    {
      g_prefix_error (error, _("“%s”: "), display);
      return FALSE;
    }
  if (report != NULL)
    *report = g_steal_pointer (&imp->report);
  return TRUE;
}

/**
 * wk_plan_import_polygons:
 * @path: any OGR source of area polygons (a team-area map, CBS wijken,
 *   another tool's export); “file|layername=NAME” picks a layer
 * @name_field: (nullable): the field with the areas' names; detected
 *   (naam, name, wijknaam, …) when %NULL
 * @report: (out) (optional) (transfer full): what was read; the units that
 *   lie less than half in one area (ambiguous) and those no polygon covers
 *
 * Replaces the plan's areas and assignment, as one undo step, by the areas
 * of the polygons: each unit goes to the area whose polygons hold the
 * largest part of its area.  Polygons with the same name make one area; a
 * colour field (#rrggbb) gives the areas their colours.
 *
 * Returns: %FALSE with @error set when the file cannot be used
 */
gboolean
wk_plan_import_polygons (WkPlan          *self,
                         const char      *path,
                         const char      *name_field,
                         WkImportReport **report,
                         GError         **error)
{
  g_autoptr(PolygonImport) imp = NULL;

  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  imp = polygon_import_new (self, path, name_field);
  return polygon_import_run (imp, NULL, error) &&
         polygon_import_apply (imp, self, report, error);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (polygon_import_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * wk_plan_import_polygons_async:
 *
 * Reads and matches the polygons on a worker thread; the plan changes in
 * wk_plan_import_polygons_finish().  See wk_plan_import_polygons().
 */
void
wk_plan_import_polygons_async (WkPlan              *self,
                               const char          *path,
                               const char          *name_field,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WK_IS_PLAN (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wk_plan_import_polygons_async);
  g_task_set_task_data (task, polygon_import_new (self, path, name_field),
                        (GDestroyNotify) polygon_import_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
wk_plan_import_polygons_finish (WkPlan          *self,
                                GAsyncResult    *result,
                                WkImportReport **report,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  return polygon_import_apply (g_task_get_task_data (G_TASK (result)), self, report, error);
}
