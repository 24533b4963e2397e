/* wk-dissolver.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-dissolver"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wk-area.h"
#include "wk-array-private.h"
#include "wk-dataset-private.h"
#include "wk-dissolver-private.h"
#include "wk-parallel-private.h"
#include "wk-plan.h"

typedef struct
{
  GEOSGeometry *geom;
  WkOutline     rd;
  WkOutline     ll;
  double        area_m2;
  gboolean      dirty;
  WkBoundary   *boundary;   /* (nullable) the boundary segments, to follow moves */
  guint        *members;    /* the units at the last dissolve, sorted */
  guint         n_members;
} Entry;

struct _WkDissolver
{
  GObject     parent_instance;

  WkPlan     *plan;
  WkDataset  *dataset;
  GHashTable *entries;     /* area id → Entry */
  gulong      changed_id;
  guint       n_followed;  /* areas that followed a move without a full dissolve */
};

G_DEFINE_FINAL_TYPE (WkDissolver, wk_dissolver, G_TYPE_OBJECT)

static void
entry_free (Entry *e)
{
  g_clear_pointer (&e->geom, wk_geos_geom_free);
  _wk_outline_clear (&e->rd);
  _wk_outline_clear (&e->ll);
  _wk_boundary_free (e->boundary);
  g_free (e->members);
  g_free (e);
}

/* ------------------------------------------------------------ dissolving */

/* Units of a clean coverage share identical segments with their
 * neighbours (see the data set's adjacency).  Dissolving them is then a
 * matter of dropping the segments that occur twice and polygonizing the
 * rest.  GEOSCoverageUnion does exactly that, but hands its polygonizer
 * every remaining segment as a line of its own, which makes it the slowest
 * step of a national dissolve.  Here the remaining segments are chained
 * into rings directly where the area does not touch itself
 * (wk-dissolver-rings.c), and kept, so that a move toggles only the moved
 * units' segments.  Where it touches itself, they are joined into the runs
 * they form along each unit's rings, so GEOS polygonizes a few hundred
 * lines instead of tens of thousands.  Units with a boundary that is not
 * made of identical segments, and any result that is not valid or does not
 * have the summed area of its units, go through wk_geos_union_all() as
 * before. */

/* One area dissolved: chained rings (with the boundary they came from),
 * or a GEOS geometry. */
typedef struct
{
  WkBoundary   *boundary;
  WkOutline     rd;
  GEOSGeometry *geom;
  double        area_m2;
} Dissolved;

static void
dissolved_clear (Dissolved *d)
{
  _wk_boundary_free (d->boundary);
  _wk_outline_clear (&d->rd);
  g_clear_pointer (&d->geom, wk_geos_geom_free);
}

static gboolean
same_area (double got,
           double sum)
{
  return fabs (got - sum) <= 1e-9 * MAX (sum, 1.0);
}

/* Chains @boundary into @rd and @geom, when that gives a valid geometry
 * with the units' summed area @sum: where units overlap slightly without
 * sharing a segment, the rings cross. */
static gboolean
chain_valid (WkBoundary    *boundary,
             double         sum,
             WkOutline     *rd,
             GEOSGeometry **geom,
             double        *area_m2)
{
  double got = 0.0;

  memset (rd, 0, sizeof *rd);
  *geom = NULL;
  if (_wk_boundary_chain (boundary, rd, &got) && same_area (got, sum))
    {
      *geom = _wk_outline_to_polygons (rd);
      if (GEOSisValid_r (wk_geos_context (), *geom) == 1)
        {
          *area_m2 = got;
          return TRUE;
        }
    }
  _wk_outline_clear (rd);
  g_clear_pointer (geom, wk_geos_geom_free);
  return FALSE;
}

typedef struct
{
  double c[4];          /* the segment, lower end first */
  guint  slot;          /* which of the units */
  guint  point;         /* index of its first point in the unit's outline */
} Segment;

static int
doubles_compare (const double *a,
                 const double *b,
                 guint         n)
{
  for (guint i = 0; i < n; i++)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

static int
segment_compare (gconstpointer a,
                 gconstpointer b)
{
  return doubles_compare (((const Segment *) a)->c, ((const Segment *) b)->c, 4);
}

static int
point_compare (gconstpointer a,
               gconstpointer b)
{
  return doubles_compare (a, b, 2);
}

/* Whether the point at @xy is where three or more boundary segments meet
 * (the area touches itself there), in the sorted list @nodes. */
static gboolean
is_node (GArray       *nodes,
         const double *xy)
{
  guint lo = 0, hi = nodes->len / 2;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int c = point_compare (&g_array_index (nodes, double, 2 * mid), xy);

      if (c == 0)
        return TRUE;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

static void
add_chain (GPtrArray    *lines,
           const double *xy,
           guint         first,
           guint         last)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  GEOSCoordSequence *seq;

  if (last <= first)
    return;
  seq = GEOSCoordSeq_copyFromBuffer_r (ctx, xy + 2 * first, last - first + 1, FALSE, FALSE);
  g_ptr_array_add (lines, GEOSGeom_createLineString_r (ctx, seq));
}

/* Fills @d with the dissolved units; %FALSE when they are not a clean
 * coverage and need the careful way. */
static gboolean
dissolve_coverage (WkDataset   *dataset,
                   const guint *units,
                   guint        n_units,
                   Dissolved   *d)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, 2 * sizeof (double));   /* points */
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
  g_autofree guint *offsets = g_new (guint, n_units + 1);
  g_autofree guint8 *boundary = NULL;
  g_autoptr(WkGeosGeometry) result = NULL;
  double sum = 0.0, got = 0.0;

  if (dataset->inexact == NULL)
    return FALSE;
  offsets[0] = 0;
  for (guint k = 0; k < n_units; k++)
    {
      const WkOutline *o = wk_dataset_get_outline (dataset, units[k], FALSE);
      guint start = 0;

      if (dataset->inexact[units[k]])
        return FALSE;
      offsets[k + 1] = offsets[k] + o->n_points;
      sum += wk_dataset_get_unit (dataset, units[k])->area_m2;
      for (guint r = 0; r < o->n_rings; r++)
        {
          for (guint i = start; i + 1 < o->ring_ends[r]; i++)
            {
              const double *p = o->xy + 2 * i, *q = p + 2;
              gboolean swap = point_compare (q, p) < 0;
              Segment seg = { { 0 }, k, i };

              if (p[0] == q[0] && p[1] == q[1])
                continue;
              memcpy (seg.c, swap ? q : p, 2 * sizeof (double));
              memcpy (seg.c + 2, swap ? p : q, 2 * sizeof (double));
              g_array_append_val (segments, seg);
            }
          start = o->ring_ends[r];
        }
    }

  /* segments that occur once are the area's boundary; twice, inside it */
  g_array_sort (segments, segment_compare);
  boundary = g_new0 (guint8, MAX (offsets[n_units], 1));
  d->boundary = _wk_boundary_new (dataset, segments->len / 8);
  for (guint i = 0; i < segments->len; )
    {
      const Segment *s = &g_array_index (segments, Segment, i);
      guint j = i + 1;

      while (j < segments->len && segment_compare (s, &g_array_index (segments, Segment, j)) == 0)
        j++;
      if (j - i > 2 || (j - i == 2 && s->slot == g_array_index (segments, Segment, i + 1).slot))
        return FALSE;
      if (j - i == 1)
        {
          boundary[offsets[s->slot] + s->point] = 1;
          g_array_append_vals (ends, s->c, 2);
          _wk_boundary_toggle (d->boundary, units[s->slot], s->point);
        }
      i = j;
    }

  /* rings, where the area does not touch itself */
  if (chain_valid (d->boundary, sum, &d->rd, &d->geom, &d->area_m2))
    return TRUE;
  g_clear_pointer (&d->boundary, _wk_boundary_free);

  /* points where the boundary touches itself must end lines */
  g_array_sort (ends, point_compare);
  for (guint i = 0; i < ends->len; )
    {
      const double *pts = (const double *) ends->data;
      guint j = i + 1;

      while (j < ends->len && point_compare (pts + 2 * i, pts + 2 * j) == 0)
        j++;
      if (j - i != 2)
        g_array_append_vals (nodes, pts + 2 * i, 2);
      i = j;
    }

  /* the runs of boundary segments along each ring, as lines */
  for (guint k = 0; k < n_units; k++)
    {
      const WkOutline *o = wk_dataset_get_outline (dataset, units[k], FALSE);
      guint start = 0;

      for (guint r = 0; r < o->n_rings; r++)
        {
          guint first = G_MAXUINT;

          for (guint i = start; i + 1 < o->ring_ends[r]; i++)
            {
              if (!boundary[offsets[k] + i])
                {
                  if (first != G_MAXUINT)
                    add_chain (lines, o->xy, first, i);
                  first = G_MAXUINT;
                  continue;
                }
              if (first == G_MAXUINT)
                first = i;
              if (is_node (nodes, o->xy + 2 * (i + 1)))
                {
                  add_chain (lines, o->xy, first, i + 1);
                  first = G_MAXUINT;
                }
            }
          if (first != G_MAXUINT)
            add_chain (lines, o->xy, first, o->ring_ends[r] - 1);
          start = o->ring_ends[r];
        }
    }
  if (lines->len == 0)
    return FALSE;

  result = GEOSPolygonize_valid_r (ctx, (const GEOSGeometry * const *) lines->pdata, lines->len);
  if (result == NULL || !GEOSArea_r (ctx, result, &got) ||
      !same_area (got, sum) || GEOSisValid_r (ctx, result) != 1)
    return FALSE;
  d->geom = wk_geos_polygon_parts (g_steal_pointer (&result));
  d->area_m2 = got;
  return d->geom != NULL;
}

/* Dissolves units into @d, the fast way where they allow it.  Thread-safe. */
static void
dissolve (WkDataset   *dataset,
          const guint *units,
          guint        n_units,
          Dissolved   *d)
{
  g_autofree GEOSGeometry **geoms = NULL;

  memset (d, 0, sizeof *d);
  if (n_units == 0)
    {
      d->geom = GEOSGeom_createEmptyPolygon_r (wk_geos_context ());
      return;
    }
  if (dissolve_coverage (dataset, units, n_units, d))
    return;
  dissolved_clear (d);
  geoms = g_new (GEOSGeometry *, n_units);
  for (guint i = 0; i < n_units; i++)
    geoms[i] = (GEOSGeometry *) _wk_dataset_get_geometry (dataset, units[i]);
  d->geom = wk_geos_union_all (geoms, n_units, TRUE);
  if (d->geom != NULL)
    GEOSArea_r (wk_geos_context (), d->geom, &d->area_m2);
}

/* _wk_dissolve_units:
 *
 * Dissolves units into one geometry.  Thread-safe.
 *
 * Returns: (transfer full): the union, or an empty polygon
 */
GEOSGeometry *
_wk_dissolve_units (WkDataset   *dataset,
                    const guint *units,
                    guint        n_units)
{
  Dissolved d;
  GEOSGeometry *geom;

  dissolve (dataset, units, n_units, &d);
  geom = g_steal_pointer (&d.geom);
  dissolved_clear (&d);
  return geom;
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

/* Follows a change of a few of the area's units (now @units, sorted) by
 * toggling their segments in its boundary and chaining that again, at a
 * cost in proportion to the moved units and the area's outline, not to all
 * of its units' vertices.  %FALSE when it needs dissolving in full. */
static gboolean
entry_move (WkDissolver *self,
            Entry       *e,
            const guint *units,
            guint        n)
{
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (guint));
  GEOSGeometry *geom = NULL;
  WkOutline rd;
  double sum = 0.0;
  guint i = 0, j = 0;

  if (e->boundary == NULL)
    return FALSE;
  /* the units in one of the old and new member lists only */
  while (i < e->n_members || j < n)
    {
      if (j == n || (i < e->n_members && e->members[i] < units[j]))
        g_array_append_val (moved, e->members[i++]);
      else if (i == e->n_members || units[j] < e->members[i])
        g_array_append_val (moved, units[j++]);
      else
        i++, j++;
    }
  if (moved->len == 0)
    return TRUE;
  if (moved->len > MAX (8, n / 4))
    return FALSE;
  for (guint k = 0; k < moved->len; k++)
    if (self->dataset->inexact[g_array_index (moved, guint, k)])
      return FALSE;

  for (guint k = 0; k < moved->len; k++)
    _wk_boundary_toggle_unit (e->boundary, g_array_index (moved, guint, k));
  for (guint k = 0; k < n; k++)
    sum += wk_dataset_get_unit (self->dataset, units[k])->area_m2;
  if (!chain_valid (e->boundary, sum, &rd, &geom, &e->area_m2))
    return FALSE;
  g_clear_pointer (&e->geom, wk_geos_geom_free);
  e->geom = geom;
  _wk_outline_clear (&e->rd);
  e->rd = rd;
  _wk_outline_clear (&e->ll);
  _wk_dataset_outline_to_lonlat (self->dataset, &e->rd, &e->ll);
  return TRUE;
}

/* Dissolves one area into @e, following a move where it can.  Touches only
 * @e, the immutable data set and the plan (which does not change
 * meanwhile), so that areas can be dissolved on several threads at once. */
static void
entry_compute (WkDissolver *self,
               guint        area,
               Entry       *e)
{
  const guint *units;
  guint *sorted;
  Dissolved d;
  guint n;

  units = wk_plan_get_area_units (self->plan, area, &n);
  sorted = g_new (guint, MAX (n, 1));
  if (n > 0)
    memcpy (sorted, units, n * sizeof (guint));
  qsort (sorted, n, sizeof (guint), _wk_uint_compare);
  if (entry_move (self, e, sorted, n))
    g_atomic_int_inc (&self->n_followed);
  else
    {
      g_clear_pointer (&e->geom, wk_geos_geom_free);
      g_clear_pointer (&e->boundary, _wk_boundary_free);
      _wk_outline_clear (&e->rd);
      _wk_outline_clear (&e->ll);
      dissolve (self->dataset, sorted, n, &d);
      e->area_m2 = d.area_m2;
      e->boundary = g_steal_pointer (&d.boundary);
      e->geom = g_steal_pointer (&d.geom);
      if (e->boundary == NULL)
        _wk_outline_from_geos (&e->rd, e->geom);
      else
        {
          e->rd = d.rd;
          memset (&d.rd, 0, sizeof d.rd);
        }
      dissolved_clear (&d);
      _wk_dataset_outline_to_lonlat (self->dataset, &e->rd, &e->ll);
    }
  g_free (e->members);
  e->members = sorted;
  e->n_members = n;
  e->dirty = FALSE;
}

/* The entry of @area, created (dirty) when missing; %NULL for no area. */
static Entry *
lookup_entry (WkDissolver *self,
              guint        area)
{
  Entry *e = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (area));

  if (wk_plan_get_area (self->plan, area) == NULL)
    return NULL;
  if (e == NULL)
    {
      e = g_new0 (Entry, 1);
      e->dirty = TRUE;
      g_hash_table_insert (self->entries, GUINT_TO_POINTER (area), e);
    }
  return e;
}

static Entry *
ensure (WkDissolver *self,
        guint        area)
{
  Entry *e = lookup_entry (self, area);

  if (e != NULL && e->dirty)
    entry_compute (self, area, e);
  return e;
}

typedef struct
{
  WkDissolver *self;
  guint       *areas;
  Entry      **entries;
} UpdateJob;

static void
update_chunk (gpointer data,
              guint    begin,
              guint    end)
{
  UpdateJob *job = data;

  for (guint i = begin; i < end; i++)
    entry_compute (job->self, job->areas[i], job->entries[i]);
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

/* _wk_dissolver_get_n_followed:
 *
 * Returns: how many times an area followed a move of some of its units
 *   without being dissolved in full (for the tests)
 */
guint
_wk_dissolver_get_n_followed (WkDissolver *self)
{
  return (guint) g_atomic_int_get (&self->n_followed);
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
 * Dissolves every area whose units changed since it was last dissolved,
 * on all cores.
 *
 * Returns: how many areas were dissolved
 */
guint
wk_dissolver_update_all (WkDissolver *self)
{
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GListModel *model;
  UpdateJob job;
  guint n;

  g_return_val_if_fail (WK_IS_DISSOLVER (self), 0);
  model = wk_plan_get_areas (self->plan);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (model, i);
      guint id = wk_area_get_id (area);
      Entry *e = lookup_entry (self, id);

      if (e->dirty)
        {
          g_array_append_val (areas, id);
          g_ptr_array_add (entries, e);
        }
    }
  /* the areas on all cores; each thread writes only its own entries */
  job.self = self;
  job.areas = (guint *) areas->data;
  job.entries = (Entry **) entries->pdata;
  _wk_parallel_for (areas->len, 2, update_chunk, &job);
  return areas->len;
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
