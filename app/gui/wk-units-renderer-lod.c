/* wk-units-renderer-lod.c: the simplified outlines per zoom level of the units renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-units-renderer"

#include "config.h"

#include <math.h>

#include "wk-units-renderer-private.h"

/* Every tile draws the units and areas simplified for its whole zoom level
 * (Douglas–Peucker within SIMPLIFY_PX of a pixel there).  The levels around
 * the one that shows the whole data set, where a tile holds the most units,
 * are prepared once after loading, on a worker (see
 * wk_units_renderer_prepare_async()), and kept; other levels are simplified
 * lazily, unit by unit, as tiles need them, and a few of those stay
 * cached.  An area keeps its outline simplified per level until it is
 * dissolved again. */

void
_wk_units_renderer_lod_clear (Lod   *lod,
                              guint  n_units)
{
  if (lod->shapes != NULL)
    for (guint i = 0; i < n_units; i++)
      if (lod->shapes[i].n_rings != G_MAXUINT)
        _wk_shape_clear (&lod->shapes[i]);
  g_clear_pointer (&lod->shapes, g_free);
  lod->z = -1;
}

static void
lod_free (Lod   *lod,
          guint  n_units)
{
  if (lod == NULL)
    return;
  _wk_units_renderer_lod_clear (lod, n_units);
  g_free (lod);
}

static inline double
lod_tolerance (int z)
{
  return SIMPLIFY_PX / (WK_TILE_SIZE * exp2 (z));
}

Lod *
_wk_units_renderer_get_lod (WkUnitsRenderer *self,
                            int              z)
{
  Lod *oldest = &self->lods[0];

  z = CLAMP (z, 0, MAX_ZOOM);
  if (self->prepared[z] != NULL)
    return self->prepared[z];
  for (guint i = 0; i < MAX_LODS; i++)
    {
      if (self->lods[i].z == z)
        {
          self->lods[i].last_used = ++self->clock;
          return &self->lods[i];
        }
      if (self->lods[i].last_used < oldest->last_used)
        oldest = &self->lods[i];
    }
  _wk_units_renderer_lod_clear (oldest, self->n_units);
  oldest->z = z;
  oldest->last_used = ++self->clock;
  oldest->shapes = g_new (WkShape, MAX (self->n_units, 1));
  for (guint i = 0; i < self->n_units; i++)
    oldest->shapes[i].n_rings = G_MAXUINT;
  return oldest;
}

/* Simplifies @unit for the levels @lods[@z0..@z1]: its full-detail world
 * outline is made from the data set for that alone, and dropped (holding
 * all of them was as large as the RD outlines).  Thread-safe. */
static void
simplify_unit (WkDataset *dataset,
               guint      unit,
               Lod      **lods,
               int        z0,
               int        z1)
{
  WkShape full;
  double bounds[4];

  _wk_shape_from_rd (&full, dataset, wk_dataset_get_outline (dataset, unit, FALSE), bounds);
  for (int z = z0; z <= z1; z++)
    _wk_shape_simplify (&full, &lods[z]->shapes[unit], lod_tolerance (lods[z]->z));
  _wk_shape_clear (&full);
}

const WkShape *
_wk_units_renderer_lod_get_unit (WkUnitsRenderer *self,
                                 Lod             *lod,
                                 guint            unit)
{
  WkShape *shape = &lod->shapes[unit];

  if (shape->n_rings == G_MAXUINT)
    simplify_unit (self->dataset, unit, &lod, 0, 0);
  return shape;
}

void
_wk_units_renderer_area_shape_free (AreaShape *area)
{
  _wk_shape_clear (&area->shape);
  for (guint z = 0; z <= MAX_ZOOM; z++)
    _wk_shape_clear (&area->lods[z]);
  g_free (area);
}

AreaShape *
_wk_units_renderer_get_area_shape (WkUnitsRenderer *self,
                                   guint            area)
{
  AreaShape *shape = g_hash_table_lookup (self->areas, GUINT_TO_POINTER (area));

  if (shape == NULL)
    {
      shape = g_new0 (AreaShape, 1);
      shape->dirty = TRUE;
      g_hash_table_insert (self->areas, GUINT_TO_POINTER (area), shape);
    }
  if (shape->dirty)
    {
      const WkOutline *outline = wk_dissolver_get_outline (self->dissolver, area, TRUE);
      double bounds[4];

      _wk_shape_clear (&shape->shape);
      for (guint z = 0; z <= MAX_ZOOM; z++)
        _wk_shape_clear (&shape->lods[z]);
      shape->lods_made = 0;
      _wk_shape_from_outline (&shape->shape, outline, bounds);
      shape->xmin = bounds[0];
      shape->ymin = bounds[1];
      shape->xmax = bounds[2];
      shape->ymax = bounds[3];
      shape->empty = shape->shape.n_rings == 0;
      shape->dirty = FALSE;
    }
  return shape;
}

/* The area's outline simplified for whole zoom level @z (see
 * _wk_shape_simplify_anchored()), kept until the area is dissolved again. */
const WkShape *
_wk_units_renderer_area_lod (AreaShape *shape,
                             int        z)
{
  double px = 1.0 / (WK_TILE_SIZE * exp2 (z));

  z = CLAMP (z, 0, MAX_ZOOM);
  if (!(shape->lods_made & (1u << z)))
    {
      _wk_shape_simplify_anchored (&shape->shape, &shape->lods[z], SIMPLIFY_PX * px,
                                   ANCHOR_PX * px);
      shape->lods_made |= 1u << z;
    }
  return &shape->lods[z];
}

/* The whole levels to prepare: from one below the level at which the data
 * set fills a window of about 1280 × 800 px (a tile there holds the most
 * units) to N_PREPARED levels above it, at most PREPARED_MAX_ZOOM (beyond,
 * a tile holds few units and the simplification keeps most vertices). */
static void
prepared_range (WkUnitsRenderer *self,
                int             *z0,
                int             *z1)
{
  double w = MAX (self->extent[2] - self->extent[0], 1e-12);
  double h = MAX (self->extent[3] - self->extent[1], 1e-12);
  double fit = log2 (MIN (1280 / w, 800 / h) / WK_TILE_SIZE);

  *z0 = CLAMP ((int) floor (fit) - 1, 0, PREPARED_MAX_ZOOM);
  *z1 = MIN (*z0 + N_PREPARED - 1, PREPARED_MAX_ZOOM);
  if (self->n_units == 0)
    *z1 = *z0 - 1;
}

/* Every unit simplified for the levels @z0 to @z1, into @lods[z]: reads
 * only the data set's RD outlines, which never change, so it may run on a
 * worker.  Each unit is converted to world coordinates once for all the
 * levels. */
static void
lods_new_full (WkDataset    *dataset,
               guint         n_units,
               int           z0,
               int           z1,
               Lod         **lods,
               GCancellable *cancellable)
{
  for (int z = z0; z <= z1; z++)
    {
      lods[z] = g_new0 (Lod, 1);
      lods[z]->z = z;
      lods[z]->shapes = g_new (WkShape, MAX (n_units, 1));
      for (guint u = 0; u < n_units; u++)
        lods[z]->shapes[u].n_rings = G_MAXUINT;
    }
  for (guint u = 0; z0 <= z1 && u < n_units && !g_cancellable_is_cancelled (cancellable); u++)
    simplify_unit (dataset, u, lods, z0, z1);
}

static void
install_lod (WkUnitsRenderer *self,
             Lod             *lod)
{
  if (self->prepared[lod->z] != NULL)
    {
      lod_free (lod, self->n_units);
      return;
    }
  /* a lazily made copy of the level is not needed any more */
  for (guint i = 0; i < MAX_LODS; i++)
    if (self->lods[i].z == lod->z)
      _wk_units_renderer_lod_clear (&self->lods[i], self->n_units);
  self->prepared[lod->z] = lod;
}

void
_wk_units_renderer_prepared_free (WkUnitsRenderer *self)
{
  for (guint z = 0; z <= MAX_ZOOM; z++)
    {
      lod_free (self->prepared[z], self->n_units);
      self->prepared[z] = NULL;
    }
}

/**
 * wk_units_renderer_prepare:
 *
 * Simplifies the units and area outlines for the zoom levels around the
 * one that shows the whole data set, now, and keeps them, so that no
 * frame at those levels simplifies (see wk_units_renderer_prepare_async()
 * for the same on a worker).
 */
void
wk_units_renderer_prepare (WkUnitsRenderer *self)
{
  GHashTableIter iter;
  gpointer key;
  Lod *lods[MAX_ZOOM + 1] = { NULL };
  int z0, z1;

  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  prepared_range (self, &z0, &z1);
  while (z0 <= z1 && self->prepared[z0] != NULL)
    z0++;
  while (z1 >= z0 && self->prepared[z1] != NULL)
    z1--;
  lods_new_full (self->dataset, self->n_units, z0, z1, lods, NULL);
  for (int z = z0; z <= z1; z++)
    install_lod (self, lods[z]);

  /* every area of the plan */
  for (guint i = 0; i < g_list_model_get_n_items (wk_plan_get_areas (self->plan)); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (self->plan), i);

      _wk_units_renderer_get_area_shape (self, wk_area_get_id (area));
    }
  g_hash_table_iter_init (&iter, self->areas);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      AreaShape *shape = _wk_units_renderer_get_area_shape (self, GPOINTER_TO_UINT (key));

      for (int z = z0; z <= z1; z++)
        _wk_units_renderer_area_lod (shape, z);
    }
}

typedef struct
{
  WkDataset     *dataset;
  guint          n_units;
  int            z0, z1;
  Lod           *lods[MAX_ZOOM + 1];
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  for (int z = data->z0; z <= data->z1; z++)
    lod_free (data->lods[z], data->n_units);
  g_free (data);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;

  lods_new_full (data->dataset, data->n_units, data->z0, data->z1, data->lods, cancellable);
  g_task_return_boolean (task, !g_cancellable_is_cancelled (cancellable));
}

static void
prepare_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WkUnitsRenderer *self = WK_UNITS_RENDERER (object);
  PrepareData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;
  for (int z = data->z0; z <= data->z1; z++)
    if (data->lods[z] != NULL)
      {
        install_lod (self, data->lods[z]);
        data->lods[z] = NULL;
      }
}

/**
 * wk_units_renderer_prepare_async:
 * @cancellable: (nullable): stops the work
 *
 * Simplifies the units for the zoom levels around the one that shows the
 * whole data set on a worker thread, and keeps them once done (in the
 * main context of the caller); until then tiles simplify what they draw
 * themselves.  The area outlines are simplified as tiles need them, once
 * per level, as they change with the plan.
 */
void
wk_units_renderer_prepare_async (WkUnitsRenderer *self,
                                 GCancellable    *cancellable)
{
  g_autoptr(GTask) task = NULL;
  PrepareData *data;

  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  data = g_new0 (PrepareData, 1);
  data->dataset = self->dataset;
  data->n_units = self->n_units;
  prepared_range (self, &data->z0, &data->z1);
  /* the task holds the renderer, and with it the data set it reads */
  task = g_task_new (self, cancellable, prepare_done_cb, NULL);
  g_task_set_source_tag (task, wk_units_renderer_prepare_async);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

/**
 * wk_units_renderer_get_n_prepared:
 *
 * Returns: how many zoom levels are prepared and kept (see
 *   wk_units_renderer_prepare())
 */
guint
wk_units_renderer_get_n_prepared (WkUnitsRenderer *self)
{
  guint n = 0;

  g_return_val_if_fail (WK_IS_UNITS_RENDERER (self), 0);
  for (guint z = 0; z <= MAX_ZOOM; z++)
    n += self->prepared[z] != NULL;
  return n;
}
