/* wk-dissolver-rings.c: an area's boundary as a set of unit segments, chained into rings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In a clean coverage every segment of a unit is either on the data set's
 * edge or shared, identically, with one neighbour.  The boundary of an area
 * is then the set of its units' segments that occur once: a segment's two
 * copies cancel.  Kept as a set, it follows a move by toggling the moved
 * unit's segments (the copy a neighbour shares cancels the one in the set,
 * or comes back when the neighbour stays behind), at a cost in proportion
 * to the unit, not to the area.
 *
 * Chaining the set gives the area's rings directly when every boundary
 * point joins exactly two segments (the area does not touch itself): such
 * rings are simple and neither cross nor touch, so that a ring is a hole
 * exactly when an odd number of rings contain one of its points.  Where a
 * point joins more, the caller polygonizes with GEOS instead.
 */

#define G_LOG_DOMAIN "wk-dissolver"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-dissolver-private.h"

#define EMPTY G_MAXUINT64

struct _WkBoundary
{
  WkDataset *dataset;   /* not owned; outlives the boundary */
  guint64   *slots;     /* unit << 32 | index of the segment's first point, or EMPTY */
  gsize      mask;      /* number of slots - 1 (a power of two, minus one) */
  gsize      len;
};

static guint64
mix (guint64 h)
{
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

static guint64
hash_doubles (const double *c,
              guint         n)
{
  guint64 h = 0x9e3779b97f4a7c15ULL;

  for (guint i = 0; i < n; i++)
    {
      double v = c[i] + 0.0;   /* -0 as 0 */
      guint64 bits;

      memcpy (&bits, &v, sizeof bits);
      h = mix (h ^ bits);
    }
  return h;
}

static gboolean
point_less (const double *a,
            const double *b)
{
  return a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]);
}

/* The segment @ref stands for, lower end first. */
static void
ref_segment (WkDataset *dataset,
             guint64    ref,
             double     c[4])
{
  const WkOutline *o = wk_dataset_get_outline (dataset, (guint) (ref >> 32), FALSE);
  const double *p = o->xy + 2 * (gsize) (guint) ref, *q = p + 2;
  gboolean swap = point_less (q, p);

  memcpy (c, swap ? q : p, 2 * sizeof (double));
  memcpy (c + 2, swap ? p : q, 2 * sizeof (double));
}

static gsize
home_slot (WkBoundary *self,
           guint64     ref)
{
  double c[4];

  ref_segment (self->dataset, ref, c);
  return hash_doubles (c, 4) & self->mask;
}

/* The slot holding the segment @c, or the empty slot where it would go. */
static gsize
find_slot (WkBoundary   *self,
           const double  c[4])
{
  for (gsize i = hash_doubles (c, 4) & self->mask; ; i = (i + 1) & self->mask)
    {
      double d[4];

      if (self->slots[i] == EMPTY)
        return i;
      ref_segment (self->dataset, self->slots[i], d);
      if (c[0] == d[0] && c[1] == d[1] && c[2] == d[2] && c[3] == d[3])
        return i;
    }
}

static void
resize (WkBoundary *self,
        gsize       n_slots)
{
  g_autofree guint64 *old = self->slots;
  gsize n_old = old ? self->mask + 1 : 0;

  self->slots = g_new (guint64, n_slots);
  memset (self->slots, 0xff, n_slots * sizeof (guint64));
  self->mask = n_slots - 1;
  for (gsize i = 0; i < n_old; i++)
    if (old[i] != EMPTY)
      {
        gsize j = home_slot (self, old[i]);

        while (self->slots[j] != EMPTY)
          j = (j + 1) & self->mask;
        self->slots[j] = old[i];
      }
}

/* _wk_boundary_new:
 * @dataset: (transfer none): the units' data set, which must outlive it
 * @hint: about how many segments it will hold
 */
WkBoundary *
_wk_boundary_new (WkDataset *dataset,
                  gsize      hint)
{
  WkBoundary *self = g_new0 (WkBoundary, 1);
  gsize n_slots = 64;

  while (n_slots < 2 * hint)
    n_slots *= 2;
  self->dataset = dataset;
  resize (self, n_slots);
  return self;
}

void
_wk_boundary_free (WkBoundary *self)
{
  if (self == NULL)
    return;
  g_free (self->slots);
  g_free (self);
}

gsize
_wk_boundary_get_n_segments (WkBoundary *self)
{
  return self->len;
}

/* Removes the entry at @i, moving later entries of its probe run back
 * (linear probing without tombstones). */
static void
remove_slot (WkBoundary *self,
             gsize       i)
{
  for (gsize j = (i + 1) & self->mask; self->slots[j] != EMPTY; j = (j + 1) & self->mask)
    {
      gsize k = home_slot (self, self->slots[j]);

      /* the entry at j may fill i unless its home lies in (i, j] */
      if (((j - k) & self->mask) >= ((j - i) & self->mask))
        {
          self->slots[i] = self->slots[j];
          i = j;
        }
    }
  self->slots[i] = EMPTY;
  self->len--;
}

/* _wk_boundary_toggle:
 *
 * Adds the segment from point @point of @unit's outline to the next one,
 * or removes it when the set holds the same segment already (from any
 * unit).  The segment must not be degenerate.
 */
void
_wk_boundary_toggle (WkBoundary *self,
                     guint       unit,
                     guint       point)
{
  guint64 ref = (guint64) unit << 32 | point;
  double c[4];
  gsize i;

  ref_segment (self->dataset, ref, c);
  i = find_slot (self, c);
  if (self->slots[i] != EMPTY)
    {
      remove_slot (self, i);
      return;
    }
  self->slots[i] = ref;
  self->len++;
  if (self->len * 10 > (self->mask + 1) * 7)
    resize (self, 2 * (self->mask + 1));
}

/* _wk_boundary_toggle_unit:
 *
 * Toggles every segment of @unit: the unit joins the area, or leaves it.
 */
void
_wk_boundary_toggle_unit (WkBoundary *self,
                          guint       unit)
{
  const WkOutline *o = wk_dataset_get_outline (self->dataset, unit, FALSE);
  guint start = 0;

  for (guint r = 0; r < o->n_rings; r++)
    {
      for (guint i = start; i + 1 < o->ring_ends[r]; i++)
        {
          const double *p = o->xy + 2 * i;

          if (p[0] != p[2] || p[1] != p[3])
            _wk_boundary_toggle (self, unit, i);
        }
      start = o->ring_ends[r];
    }
}

/* ------------------------------------------------------------ chaining */

typedef struct
{
  double x, y;
  guint  seg[2];
  guint  count;
} Node;

typedef struct
{
  guint  first;      /* its first point in the points array */
  guint  n;          /* points, without the closing one */
  guint  low;        /* index (from first) of its lowest point */
  double area;       /* absolute */
  double box[4];
  gint   parent;     /* the smallest ring around it, or -1 */
  guint  depth;
} Ring;

/* The node of point @p in @nodes, inserted when missing. */
static Node *
lookup_node (Node         *nodes,
             gsize         mask,
             const double *p)
{
  for (gsize i = hash_doubles (p, 2) & mask; ; i = (i + 1) & mask)
    {
      Node *nd = &nodes[i];

      if (nd->count == 0)
        {
          nd->x = p[0];
          nd->y = p[1];
          return nd;
        }
      if (nd->x == p[0] && nd->y == p[1])
        return nd;
    }
}

static double
signed_area (const double *xy,
             guint         n)
{
  double sum = 0.0;

  for (guint i = 0; i < n; i++)
    {
      const double *p = xy + 2 * i, *q = xy + 2 * ((i + 1) % n);

      sum += (p[0] - xy[0]) * (q[1] - xy[1]) - (q[0] - xy[0]) * (p[1] - xy[1]);
    }
  return sum / 2.0;
}

/* Whether @p lies inside the closed ring @xy of @n points (@p is on none
 * of its segments). */
static gboolean
ring_contains (const double *xy,
               guint         n,
               const double *p)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      const double *a = xy + 2 * i, *b = xy + 2 * j;

      if ((a[1] > p[1]) != (b[1] > p[1]) &&
          p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0])
        inside = !inside;
    }
  return inside;
}

static int
ring_order_compare (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  const Ring *rings = ((gpointer *) data)[0];
  const double *pts = ((gpointer *) data)[1];
  const Ring *r = &rings[*(const guint *) a], *s = &rings[*(const guint *) b];
  const double *p = pts + 2 * (r->first + r->low), *q = pts + 2 * (s->first + s->low);

  if (r->depth != s->depth)
    return r->depth < s->depth ? -1 : 1;
  return point_less (p, q) ? -1 : point_less (q, p) ? 1 : 0;
}

static int
by_area_compare (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const Ring *rings = data;
  double x = rings[*(const guint *) a].area, y = rings[*(const guint *) b].area;

  return x > y ? -1 : x < y ? 1 : (int) *(const guint *) a - (int) *(const guint *) b;
}

/* Writes @ring into @out from its lowest point, clockwise for a shell and
 * anticlockwise for a hole, closed. */
static void
emit_ring (const Ring   *ring,
           const double *pts,
           gboolean      hole,
           double       *out)
{
  const double *xy = pts + 2 * ring->first;
  gboolean ccw = signed_area (xy, ring->n) > 0;
  gboolean forward = ccw == hole;

  for (guint k = 0; k < ring->n; k++)
    {
      guint i = forward ? (ring->low + k) % ring->n : (ring->low + ring->n - k) % ring->n;

      memcpy (out + 2 * k, xy + 2 * i, 2 * sizeof (double));
    }
  memcpy (out + 2 * ring->n, xy + 2 * ring->low, 2 * sizeof (double));
}

/* Puts the rings in order: each shell (by its lowest point) followed by
 * its holes (by theirs), into @rd. */
static void
write_outline (Ring         *rings,
               guint         n_rings,
               const double *pts,
               WkOutline    *rd)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_rings);
  gpointer data[2] = { rings, (gpointer) pts };
  guint n_points = 0, ring = 0, point = 0;
  const guint *order;

  for (guint i = 0; i < n_rings; i++)
    {
      g_array_append_val (sorted, i);
      n_points += rings[i].n + 1;
    }
  memset (rd, 0, sizeof *rd);
  rd->n_rings = n_rings;
  rd->n_points = n_points;
  rd->ring_ends = g_new (guint, n_rings);
  rd->xy = g_new (double, 2 * n_points);

  /* shells in order of their lowest point; after each, its holes */
  g_array_sort_with_data (sorted, ring_order_compare, data);
  order = (const guint *) sorted->data;
  for (guint i = 0; i < n_rings; i++)
    {
      const Ring *shell = &rings[order[i]];

      if (shell->depth % 2 != 0)
        continue;
      emit_ring (shell, pts, FALSE, rd->xy + 2 * point);
      point += shell->n + 1;
      rd->ring_ends[ring++] = point;
      for (guint j = 0; j < n_rings; j++)
        {
          const Ring *hole = &rings[order[j]];

          if (hole->depth % 2 == 0 || &rings[hole->parent] != shell)
            continue;
          emit_ring (hole, pts, TRUE, rd->xy + 2 * point);
          point += hole->n + 1;
          rd->ring_ends[ring++] = point;
        }
    }
  g_assert (ring == n_rings && point == n_points);
}

/* Finds the ring around each ring: the smallest of the larger ones that
 * contains its first point. */
static void
nest_rings (Ring         *rings,
            guint         n_rings,
            const double *pts)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_rings);
  const guint *by_area;

  for (guint i = 0; i < n_rings; i++)
    g_array_append_val (sorted, i);
  g_array_sort_with_data (sorted, by_area_compare, rings);
  by_area = (const guint *) sorted->data;
  for (guint a = 0; a < n_rings; a++)
    {
      Ring *r = &rings[by_area[a]];
      const double *p = pts + 2 * r->first;

      r->parent = -1;
      r->depth = 0;
      for (guint b = a; b-- > 0; )
        {
          const Ring *s = &rings[by_area[b]];

          if (p[0] < s->box[0] || p[0] > s->box[2] || p[1] < s->box[1] || p[1] > s->box[3] ||
              !ring_contains (pts + 2 * s->first, s->n, p))
            continue;
          r->parent = (gint) by_area[b];
          r->depth = s->depth + 1;
          break;
        }
    }
}

/* Walks the segments into rings through @nodes; FALSE when a point does
 * not join exactly two segments. */
static gboolean
walk_rings (const double *segs,
            guint         n_segs,
            Node         *nodes,
            gsize         mask,
            GArray       *pts,
            GArray       *rings)
{
  g_autofree guint *ends = g_new (guint, 2 * n_segs);   /* node of each end */
  g_autofree guint8 *seen = g_new0 (guint8, n_segs);

  for (guint s = 0; s < n_segs; s++)
    for (guint e = 0; e < 2; e++)
      {
        Node *nd = lookup_node (nodes, mask, segs + 4 * s + 2 * e);

        if (nd->count == 2)
          return FALSE;
        nd->seg[nd->count++] = s;
        ends[2 * s + e] = nd - nodes;
      }
  for (guint s = 0; s < n_segs; s++)
    {
      Ring ring = { 0 };
      guint cur = s, at = ends[2 * s + 1];

      if (seen[s])
        continue;
      ring.first = pts->len / 2;
      ring.box[0] = ring.box[1] = G_MAXDOUBLE;
      ring.box[2] = ring.box[3] = -G_MAXDOUBLE;
      g_array_append_vals (pts, segs + 4 * s, 2);
      seen[s] = 1;
      while (at != ends[2 * s])
        {
          const Node *nd = &nodes[at];
          guint next;

          if (nd->count != 2)
            return FALSE;
          g_array_append_vals (pts, &nd->x, 1);
          g_array_append_vals (pts, &nd->y, 1);
          next = nd->seg[0] == cur ? nd->seg[1] : nd->seg[0];
          if (seen[next])
            return FALSE;
          seen[next] = 1;
          at = ends[2 * next] == at ? ends[2 * next + 1] : ends[2 * next];
          cur = next;
        }
      if (nodes[at].count != 2 || (nodes[at].seg[0] != cur && nodes[at].seg[1] != cur) ||
          (nodes[at].seg[0] != s && nodes[at].seg[1] != s))
        return FALSE;
      ring.n = pts->len / 2 - ring.first;
      if (ring.n < 3)
        return FALSE;
      g_array_append_val (rings, ring);
    }
  return TRUE;
}

/* _wk_boundary_chain:
 * @rd: (out): the rings, each shell (clockwise, from its lowest point)
 *   followed by its holes (anticlockwise); cleared by the caller
 * @area_m2: (out): the area they enclose
 *
 * Returns: %FALSE when the boundary touches itself (a point joins more
 *   than two segments) or does not close, and needs polygonizing
 */
gboolean
_wk_boundary_chain (WkBoundary *self,
                    WkOutline  *rd,
                    double     *area_m2)
{
  g_autofree double *segs = NULL;
  g_autofree Node *nodes = NULL;
  g_autoptr(GArray) pts = NULL;
  g_autoptr(GArray) rings = NULL;
  gsize n_nodes = 16, k = 0;
  double area = 0.0;

  if (self->len < 3)
    return FALSE;
  segs = g_new (double, 4 * self->len);
  for (gsize i = 0; i <= self->mask; i++)
    if (self->slots[i] != EMPTY)
      ref_segment (self->dataset, self->slots[i], segs + 4 * k++);
  while (n_nodes <= 2 * self->len)   /* as many points as segments, when closed */
    n_nodes *= 2;
  nodes = g_new0 (Node, n_nodes);
  pts = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * (self->len + 8));
  rings = g_array_new (FALSE, FALSE, sizeof (Ring));
  if (!walk_rings (segs, self->len, nodes, n_nodes - 1, pts, rings))
    return FALSE;

  for (guint i = 0; i < rings->len; i++)
    {
      Ring *r = &g_array_index (rings, Ring, i);
      const double *xy = (const double *) pts->data + 2 * r->first;

      r->area = fabs (signed_area (xy, r->n));
      for (guint j = 0; j < r->n; j++)
        {
          const double *p = xy + 2 * j;

          if (point_less (p, xy + 2 * r->low))
            r->low = j;
          r->box[0] = MIN (r->box[0], p[0]);
          r->box[1] = MIN (r->box[1], p[1]);
          r->box[2] = MAX (r->box[2], p[0]);
          r->box[3] = MAX (r->box[3], p[1]);
        }
    }
  nest_rings ((Ring *) rings->data, rings->len, (const double *) pts->data);
  for (guint i = 0; i < rings->len; i++)
    {
      const Ring *r = &g_array_index (rings, Ring, i);

      area += r->depth % 2 == 0 ? r->area : -r->area;
    }
  write_outline ((Ring *) rings->data, rings->len, (const double *) pts->data, rd);
  *area_m2 = area;
  return TRUE;
}

/* _wk_outline_to_polygons:
 *
 * The GEOS (multi)polygon of an outline from _wk_boundary_chain(): a
 * clockwise ring starts a polygon, the anticlockwise ones after it are its
 * holes.
 *
 * Returns: (transfer full): the geometry
 */
GEOSGeometry *
_wk_outline_to_polygons (const WkOutline *rd)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GPtrArray) polygons = g_ptr_array_new ();
  g_autoptr(GPtrArray) holes = g_ptr_array_new ();
  GEOSGeometry *shell = NULL;
  guint start = 0;

  if (rd->n_rings == 0)
    return GEOSGeom_createEmptyPolygon_r (ctx);
  for (guint r = 0; r <= rd->n_rings; r++)
    {
      GEOSCoordSequence *seq;
      GEOSGeometry *ring;

      if (r == rd->n_rings || (r > 0 && signed_area (rd->xy + 2 * start,
                                                     rd->ring_ends[r] - start - 1) < 0))
        {
          /* the polygon so far is complete */
          g_ptr_array_add (polygons,
                           GEOSGeom_createPolygon_r (ctx, shell, (GEOSGeometry **) holes->pdata,
                                                     holes->len));
          g_ptr_array_set_size (holes, 0);
          shell = NULL;
          if (r == rd->n_rings)
            break;
        }
      seq = GEOSCoordSeq_copyFromBuffer_r (ctx, rd->xy + 2 * start, rd->ring_ends[r] - start,
                                           FALSE, FALSE);
      ring = GEOSGeom_createLinearRing_r (ctx, seq);
      if (shell == NULL)
        shell = ring;
      else
        g_ptr_array_add (holes, ring);
      start = rd->ring_ends[r];
    }
  if (polygons->len == 1)
    return g_ptr_array_index (polygons, 0);
  return GEOSGeom_createCollection_r (ctx, GEOS_MULTIPOLYGON, (GEOSGeometry **) polygons->pdata,
                                      polygons->len);
}
