/* wk-dissolver.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-dissolver"

#include "config.h"

#include "wk-area.h"
#include "wk-dataset-private.h"
#include "wk-dissolver-private.h"
#include "wk-plan.h"

typedef struct
{
  GEOSGeometry *geom;
  WkOutline     rd;
  WkOutline     ll;
  double        area_m2;
  gboolean      dirty;
} Entry;

struct _WkDissolver
{
  GObject     parent_instance;

  WkPlan     *plan;
  WkDataset  *dataset;
  GHashTable *entries;     /* area id → Entry */
  gulong      changed_id;
};

G_DEFINE_FINAL_TYPE (WkDissolver, wk_dissolver, G_TYPE_OBJECT)

static void
entry_free (Entry *e)
{
  g_clear_pointer (&e->geom, wk_geos_geom_free);
  _wk_outline_clear (&e->rd);
  _wk_outline_clear (&e->ll);
  g_free (e);
}

/* _wk_dissolve_units:
 *
 * Dissolves units into one geometry (a coverage union: CBS buurten share
 * their edges exactly).
 *
 * Returns: (transfer full): the union, or an empty polygon
 */
GEOSGeometry *
_wk_dissolve_units (WkDataset   *dataset,
                    const guint *units,
                    guint        n_units)
{
  g_autofree GEOSGeometry **geoms = g_new (GEOSGeometry *, MAX (n_units, 1));

  for (guint i = 0; i < n_units; i++)
    geoms[i] = (GEOSGeometry *) _wk_dataset_get_geometry (dataset, units[i]);
  return wk_geos_union_all (geoms, n_units, TRUE);
}

static void
on_plan_changed_cb (WkDissolver  *self,
                    WkPlanChange *change,
                    WkPlan       *plan)
{
  if (!(change->flags & (WK_CHANGE_ASSIGNMENT | WK_CHANGE_AREAS)))
    return;
  for (guint i = 0; i < change->areas->len; i++)
    {
      guint id = g_array_index (change->areas, guint, i);
      Entry *e = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (id));

      if (wk_plan_get_area (plan, id) == NULL)
        g_hash_table_remove (self->entries, GUINT_TO_POINTER (id));
      else if (e != NULL)
        e->dirty = TRUE;
    }
}

static Entry *
ensure (WkDissolver *self,
        guint        area)
{
  Entry *e = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (area));
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GArray) sorted = NULL;
  const guint *units;
  guint n;

  if (wk_plan_get_area (self->plan, area) == NULL)
    return NULL;
  if (e != NULL && !e->dirty)
    return e;
  if (e == NULL)
    {
      e = g_new0 (Entry, 1);
      g_hash_table_insert (self->entries, GUINT_TO_POINTER (area), e);
    }
  g_clear_pointer (&e->geom, wk_geos_geom_free);
  _wk_outline_clear (&e->rd);
  _wk_outline_clear (&e->ll);

  units = wk_plan_get_area_units (self->plan, area, &n);
  e->geom = _wk_dissolve_units (self->dataset, units, n);
  e->area_m2 = 0.0;
  if (e->geom != NULL)
    {
      GEOSArea_r (ctx, e->geom, &e->area_m2);
      _wk_outline_from_geos (&e->rd, e->geom);
      _wk_outline_to_lonlat (&e->rd, &e->ll);
    }
  e->dirty = FALSE;
  return e;
}

static void
wk_dissolver_dispose (GObject *object)
{
  WkDissolver *self = (WkDissolver *)object;

  if (self->plan != NULL)
    g_clear_signal_handler (&self->changed_id, self->plan);
  g_clear_object (&self->plan);
  g_clear_object (&self->dataset);
  G_OBJECT_CLASS (wk_dissolver_parent_class)->dispose (object);
}

static void
wk_dissolver_finalize (GObject *object)
{
  WkDissolver *self = (WkDissolver *)object;

  g_hash_table_unref (self->entries);
  G_OBJECT_CLASS (wk_dissolver_parent_class)->finalize (object);
}

static void
wk_dissolver_class_init (WkDissolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wk_dissolver_dispose;
  object_class->finalize = wk_dissolver_finalize;
}

static void
wk_dissolver_init (WkDissolver *self)
{
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) entry_free);
}

/**
 * wk_dissolver_new:
 *
 * Creates a cache of dissolved area outlines that follows the plan's
 * changes: an area is dissolved again only after its units changed, and
 * only when asked for.
 *
 * Returns: (transfer full): the dissolver
 */
WkDissolver *
wk_dissolver_new (WkPlan *plan)
{
  WkDissolver *self;

  g_return_val_if_fail (WK_IS_PLAN (plan), NULL);
  self = g_object_new (WK_TYPE_DISSOLVER, NULL);
  self->plan = g_object_ref (plan);
  self->dataset = g_object_ref (wk_plan_get_dataset (plan));
  self->changed_id = g_signal_connect_object (plan, "changed", G_CALLBACK (on_plan_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * wk_dissolver_get_outline:
 *
 * Returns: (transfer none) (nullable): the area's outline; valid until the
 *   next change of the plan
 */
const WkOutline *
wk_dissolver_get_outline (WkDissolver *self,
                          guint        area,
                          gboolean     lonlat)
{
  Entry *e;

  g_return_val_if_fail (WK_IS_DISSOLVER (self), NULL);
  e = ensure (self, area);
  if (e == NULL)
    return NULL;
  return lonlat ? &e->ll : &e->rd;
}

/**
 * wk_dissolver_get_area_m2:
 *
 * Returns: the area of the dissolved geometry (m²)
 */
double
wk_dissolver_get_area_m2 (WkDissolver *self,
                          guint        area)
{
  Entry *e;

  g_return_val_if_fail (WK_IS_DISSOLVER (self), 0.0);
  e = ensure (self, area);
  return e ? e->area_m2 : 0.0;
}

const GEOSGeometry *
_wk_dissolver_get_geometry (WkDissolver *self,
                            guint        area)
{
  Entry *e = ensure (self, area);

  return e ? e->geom : NULL;
}

/**
 * wk_dissolver_update_all:
 *
 * Dissolves every area whose units changed since it was last dissolved.
 *
 * Returns: how many areas were dissolved
 */
guint
wk_dissolver_update_all (WkDissolver *self)
{
  GListModel *areas;
  guint n, done = 0;

  g_return_val_if_fail (WK_IS_DISSOLVER (self), 0);
  areas = wk_plan_get_areas (self->plan);
  n = g_list_model_get_n_items (areas);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      Entry *e = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (wk_area_get_id (area)));

      if (e == NULL || e->dirty)
        {
          ensure (self, wk_area_get_id (area));
          done++;
        }
    }
  return done;
}

/**
 * wk_dissolver_get_n_dirty:
 *
 * Returns: how many areas would be dissolved by wk_dissolver_update_all()
 */
guint
wk_dissolver_get_n_dirty (WkDissolver *self)
{
  GListModel *areas;
  guint n, dirty = 0;

  g_return_val_if_fail (WK_IS_DISSOLVER (self), 0);
  areas = wk_plan_get_areas (self->plan);
  n = g_list_model_get_n_items (areas);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      Entry *e = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (wk_area_get_id (area)));

      if (e == NULL || e->dirty)
        dirty++;
    }
  return dirty;
}
