/* wk-dataset-adjacency.c: which units share a boundary, and how long it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-dataset"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-parallel-private.h"
#include "wk-progress.h"

/* ------------------------------------------------------------- adjacency */

/* Two units are neighbours when their boundaries share a stretch of line;
 * how long it is, GEOS says: the linear part of the intersection of their
 * boundaries.  Doing that for every pair of touching units takes seconds
 * at national scale, so it is done only where it is needed.
 *
 * In a clean coverage (CBS buurten, or anything whose neighbours were cut
 * from one network of lines) neighbours share identical segments, which a
 * sort of all segments by their midpoint finds at once.  Two boundaries can also overlap
 * along segments that are not identical: then a vertex of one lies exactly
 * on a segment of the other, strictly between its ends.  A grid of all
 * vertices finds those, and only the pairs of units where that happens
 * are measured with GEOS.  For all other pairs the linear part of the
 * intersection consists of exactly the identical segments, so the result
 * is GEOS's, up to the rounding of the sum. */

typedef struct
{
  guint  a, b;
  double length;
} Pair;

static int
pair_compare (gconstpointer a,
              gconstpointer b)
{
  const Pair *pa = a, *pb = b;

  if (pa->a != pb->a)
    return pa->a < pb->a ? -1 : 1;
  if (pa->b != pb->b)
    return pa->b < pb->b ? -1 : 1;
  return 0;
}

/* pair_compare(), then by length: an order that does not depend on which
 * thread found what. */
static int
pair_length_compare (gconstpointer a,
                     gconstpointer b)
{
  const Pair *pa = a, *pb = b;
  int c = pair_compare (a, b);

  if (c != 0)
    return c;
  return pa->length < pb->length ? -1 : pa->length > pb->length;
}

/* Sorts @pairs by (a, b) and merges duplicates, summing their lengths
 * (smallest first, so that the sum is the same in every run). */
static void
pairs_merge (GArray *pairs)
{
  guint out = 0;

  g_array_sort (pairs, pair_length_compare);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *p = &g_array_index (pairs, Pair, i);

      if (out > 0 && pair_compare (p, &g_array_index (pairs, Pair, out - 1)) == 0)
        g_array_index (pairs, Pair, out - 1).length += p->length;
      else
        g_array_index (pairs, Pair, out++) = *p;
    }
  g_array_set_size (pairs, out);
}

/* Sums the lengths of matched segments per pair of units: a small open
 * hash map from (a, b) to the pair's index in @pairs. */
typedef struct
{
  guint64 *keys;      /* a << 32 | b, with a < b; 0 = empty */
  guint   *index;
  guint    mask;
  GArray  *pairs;     /* Pair */
} PairSums;

static void
pair_sums_init (PairSums *sums)
{
  sums->mask = 1023;
  sums->keys = g_new0 (guint64, sums->mask + 1);
  sums->index = g_new (guint, sums->mask + 1);
  sums->pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
}

static void
pair_sums_add (PairSums *sums,
               guint     a,
               guint     b,
               double    length)
{
  guint64 key = (guint64) MIN (a, b) << 32 | MAX (a, b);
  guint slot;

  if (2 * sums->pairs->len >= sums->mask)
    {
      /* grow: put every pair in a table twice the size */
      g_free (sums->keys);
      g_free (sums->index);
      sums->mask = 2 * sums->mask + 1;
      sums->keys = g_new0 (guint64, sums->mask + 1);
      sums->index = g_new (guint, sums->mask + 1);
      for (guint i = 0; i < sums->pairs->len; i++)
        {
          const Pair *p = &g_array_index (sums->pairs, Pair, i);
          guint64 k = (guint64) p->a << 32 | p->b;

          for (slot = (guint) (k * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) >> 40) & sums->mask;
               sums->keys[slot] != 0; slot = (slot + 1) & sums->mask)
            ;
          sums->keys[slot] = k;
          sums->index[slot] = i;
        }
    }
  for (slot = (guint) (key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) >> 40) & sums->mask;
       sums->keys[slot] != 0 && sums->keys[slot] != key; slot = (slot + 1) & sums->mask)
    ;
  if (sums->keys[slot] == key)
    g_array_index (sums->pairs, Pair, sums->index[slot]).length += length;
  else
    {
      Pair p = { MIN (a, b), MAX (a, b), length };

      sums->keys[slot] = key;
      sums->index[slot] = sums->pairs->len;
      g_array_append_val (sums->pairs, p);
    }
}

/* Returns: (transfer full): the pairs, sorted */
static GArray *
pair_sums_finish (PairSums *sums)
{
  g_free (sums->keys);
  g_free (sums->index);
  g_array_sort (sums->pairs, pair_compare);
  return sums->pairs;
}

/* A segment identical to exactly one other unit's segment and to nothing
 * else is its twin: one of the two is searched for vertices on it, for
 * both units (twin_unit is the other's unit), the other is not
 * (TWIN_SEARCHED).  Others are searched on their own (TWIN_NONE). */
#define TWIN_NONE     G_MAXUINT
#define TWIN_SEARCHED (G_MAXUINT - 1)

/* The vertex grid is made in this many bands of rows. */
#define N_BANDS 16

typedef struct
{
  WkDataset *self;
  guint      n_points;
  guint     *base;          /* per unit: global index of its first point */
  guint     *point_unit;    /* per global point: its unit */
  guint     *twin_unit;     /* per segment (its first point): see match_segments() */
  /* the vertex grid, made and searched in bands of rows */
  double     x0, y0, cell;
  double     inv_cell;      /* multiplied, not divided: the same cell for a point always */
  guint      nx, ny;
  guint      band_rows, n_bands;
  GMutex     lock;
  GArray    *matches;       /* Pair: per band, one per pair with identical segments */
  GArray    *suspects;      /* Pair: measure with GEOS */
} SegmentIndex;

static inline const double *
point_xy (const SegmentIndex *si,
          guint               point)
{
  guint u = si->point_unit[point];

  return g_array_index (si->self->outlines_rd, WkOutline, u).xy + 2 * (point - si->base[u]);
}

/* Interleaves the bits of two 16-bit numbers (a Z-order curve). */
static inline guint32
morton16 (guint32 x,
          guint32 y)
{
  guint32 v[2] = { x & 0xFFFF, y & 0xFFFF };

  for (int i = 0; i < 2; i++)
    {
      v[i] = (v[i] | (v[i] << 8)) & 0x00FF00FF;
      v[i] = (v[i] | (v[i] << 4)) & 0x0F0F0F0F;
      v[i] = (v[i] | (v[i] << 2)) & 0x33333333;
      v[i] = (v[i] | (v[i] << 1)) & 0x55555555;
    }
  return v[0] | v[1] << 1;
}

/* A segment as the same four numbers from either side: lower end first. */
static inline void
segment_canonical (const double *p,
                   const double *q,
                   double        out[4])
{
  gboolean swap = q[0] < p[0] || (q[0] == p[0] && q[1] < p[1]);

  out[0] = swap ? q[0] : p[0];
  out[1] = swap ? q[1] : p[1];
  out[2] = swap ? p[0] : q[0];
  out[3] = swap ? p[1] : q[1];
}

/* Runs the statements for every segment of @unit that has a length, with
 * @p and @q its ends and @point the global index of @p. */
#define FOR_EACH_SEGMENT(si, unit, point, p, q, ...)                               \
  G_STMT_START {                                                                    \
    const WkOutline *o_ = &g_array_index ((si)->self->outlines_rd, WkOutline, unit); \
    guint start_ = 0;                                                               \
    for (guint r_ = 0; r_ < o_->n_rings; r_++)                                      \
      {                                                                             \
        for (guint i_ = start_; i_ + 1 < o_->ring_ends[r_]; i_++)                   \
          {                                                                         \
            const double *p = o_->xy + 2 * i_, *q = o_->xy + 2 * (i_ + 1);          \
            guint point = (si)->base[unit] + i_;                                    \
            if (p[0] == q[0] && p[1] == q[1])                                       \
              continue;                                                             \
            __VA_ARGS__                                                             \
          }                                                                         \
        start_ = o_->ring_ends[r_];                                                 \
      }                                                                             \
  } G_STMT_END

static inline guint
grid_col (const SegmentIndex *si,
          double              x)
{
  return MIN ((guint) ((x - si->x0) * si->inv_cell), si->nx - 1);
}

static inline guint
grid_row (const SegmentIndex *si,
          double              y)
{
  return MIN ((guint) ((y - si->y0) * si->inv_cell), si->ny - 1);
}

/* The keys of the segments whose midpoint lies in rows [@row0, @row1). */
static void
band_keys (const SegmentIndex *si,
           guint               row0,
           guint               row1,
           GArray             *keys)
{
  WkDataset *self = si->self;
  const double *e = self->extent_rd;
  double x0 = e[0], y0 = e[1];
  double sx = 65535.0 / MAX (e[2] - e[0], 1.0), sy = 65535.0 / MAX (e[3] - e[1], 1.0);

  g_array_set_size (keys, 0);
  for (guint u = 0; u < self->units->len; u++)
    {
      const WkUnit *unit = &g_array_index (self->units, WkUnit, u);

      if (grid_row (si, unit->ymax) < row0 || grid_row (si, unit->ymin) >= row1)
        continue;
      FOR_EACH_SEGMENT (si, u, point, p, q, {
        double c[4];
        guint32 qx, qy;
        guint row;
        guint64 key;

        /* The key is the segment's midpoint on a Z-order curve: identical
         * segments get the same key (and the same band), and sorting by it
         * keeps what is near on the map near in memory. */
        segment_canonical (p, q, c);
        row = grid_row (si, (c[1] + c[3]) / 2);
        if (row < row0 || row >= row1)
          continue;
        qx = (guint32) CLAMP (((c[0] + c[2]) / 2 - x0) * sx, 0.0, 65535.0);
        qy = (guint32) CLAMP (((c[1] + c[3]) / 2 - y0) * sy, 0.0, 65535.0);
        key = (guint64) morton16 (qx, qy) << 32 | point;
        g_array_append_val (keys, key);
      });
    }
}

/* LSD radix sort on the upper 32 bits (the key), in three passes of 11
 * bits: few enough buckets to stay in the cache. */
static void
sort_keys (guint64 *keys,
           guint    n,
           guint64 *tmp)
{
  guint count[2049];
  guint64 *src = keys, *dst = tmp;

  for (guint shift = 32; shift < 64; shift += 11)
    {
      memset (count, 0, sizeof count);
      for (guint i = 0; i < n; i++)
        count[((src[i] >> shift) & 0x7FF) + 1]++;
      for (guint d = 0; d < 2048; d++)
        count[d + 1] += count[d];
      for (guint i = 0; i < n; i++)
        dst[count[(src[i] >> shift) & 0x7FF]++] = src[i];
      { guint64 *t = src; src = dst; dst = t; }
    }
  /* three passes: the result is in @tmp */
  memcpy (keys, src, sizeof (guint64) * n);
}

static void
add_suspect (GArray *suspects,
             guint   a,
             guint   b)
{
  Pair p = { MIN (a, b), MAX (a, b), 0.0 };

  g_array_append_val (suspects, p);
}

/* Two segments with one key, and no other: twins if they are identical
 * and of two units. */
static void
note_twins (const SegmentIndex *si,
            guint               px,
            guint               py)
{
  guint ux = si->point_unit[px], uy = si->point_unit[py];
  double cx[4], cy[4];

  segment_canonical (point_xy (si, px), point_xy (si, px) + 2, cx);
  segment_canonical (point_xy (si, py), point_xy (si, py) + 2, cy);
  if (ux == uy || memcmp (cx, cy, sizeof cx) != 0)
    return;
  si->twin_unit[px] = uy;
  si->twin_unit[py] = TWIN_SEARCHED;
}

/* Pairs of units that share identical segments, one match per segment,
 * summed per pair into @sums, from the sorted @keys; a segment shared by
 * three or more units makes those pairs suspects. */
static void
match_segments (const SegmentIndex *si,
                const guint64      *keys,
                guint               n_keys,
                PairSums           *sums,
                GArray             *suspects)
{
  guint i = 0;

  while (i < n_keys)
    {
      guint64 key = keys[i] >> 32;
      guint j = i + 1;

      while (j < n_keys && keys[j] >> 32 == key)
        j++;
      /* [i, j) share a key; usually two, one from each side of an edge */
      if (j - i == 2)
        note_twins (si, (guint) (keys[i] & 0xFFFFFFFF), (guint) (keys[i + 1] & 0xFFFFFFFF));
      for (guint x = i; x + 1 < j; x++)
        {
          guint px = (guint) (keys[x] & 0xFFFFFFFF);
          guint ux = si->point_unit[px];
          const double *ax = point_xy (si, px);
          double cx[4];
          guint first_other = G_MAXUINT;

          segment_canonical (ax, ax + 2, cx);
          for (guint y = x + 1; y < j; y++)
            {
              guint py = (guint) (keys[y] & 0xFFFFFFFF);
              guint uy = si->point_unit[py];
              const double *ay = point_xy (si, py);
              double cy[4];

              segment_canonical (ay, ay + 2, cy);
              if (memcmp (cx, cy, sizeof cx) != 0 || uy == ux)
                continue;
              if (first_other == G_MAXUINT)
                {
                  first_other = uy;
                  pair_sums_add (sums, ux, uy, sqrt ((cx[2] - cx[0]) * (cx[2] - cx[0]) +
                                                     (cx[3] - cx[1]) * (cx[3] - cx[1])));
                }
              else
                {
                  add_suspect (suspects, ux, uy);
                  add_suspect (suspects, ux, first_other);
                  add_suspect (suspects, first_other, uy);
                }
            }
        }
      i = j;
    }
}

/* The size of the vertex grid's cells: twice the mean length of a
 * segment, larger where that would make more cells than twice the points. */
static void
plan_vertex_grid (SegmentIndex *si)
{
  WkDataset *self = si->self;
  guint n_units = self->units->len;
  double total = 0.0, width, height;
  guint n_segments = 0;

  /* from the perimeters, not another pass over every segment: the size
   * only makes the search faster or slower, never finds other points */
  for (guint u = 0; u < n_units; u++)
    {
      const WkOutline *o = &g_array_index (self->outlines_rd, WkOutline, u);

      total += g_array_index (self->units, WkUnit, u).perimeter_m;
      n_segments += o->n_points - MIN (o->n_rings, o->n_points);
    }
  width = MAX (self->extent_rd[2] - self->extent_rd[0], 1.0);
  height = MAX (self->extent_rd[3] - self->extent_rd[1], 1.0);
  si->cell = MAX (2.0 * total / MAX (n_segments, 1), 1e-3);
  /* no more cells than twice the points */
  while ((width / si->cell + 1) * (height / si->cell + 1) > 2.0 * si->n_points + 1024)
    si->cell *= 1.5;
  si->x0 = self->extent_rd[0];
  si->y0 = self->extent_rd[1];
  si->inv_cell = 1.0 / si->cell;
  si->nx = (guint) (width * si->inv_cell) + 1;
  si->ny = (guint) (height * si->inv_cell) + 1;
  /* Bands of rows, each a grid of its own: a fraction of the memory at a
   * time, and the bands are searched on all cores. */
  si->band_rows = MAX ((si->ny + N_BANDS - 1) / N_BANDS, 1);
  si->n_bands = (si->ny + si->band_rows - 1) / si->band_rows;
}

/* One band of the vertex grid: the points whose row is in [row0, row1). */
typedef struct
{
  guint   row0, row1;
  guint  *cell_start;       /* nx × (row1 - row0) + 1 */
  double *xy;               /* the points, by cell, exact */
  guint  *unit;             /* and their unit */
} Band;

static void
band_fill (const SegmentIndex *si,
           Band               *band)
{
  WkDataset *self = si->self;
  gsize n_cells = (gsize) si->nx * (band->row1 - band->row0);
  guint n_points = 0;

  /* Counted, summed, then filled through cell_start moved one cell up,
   * which leaves it right: no second array of counters. */
  band->cell_start = g_new0 (guint, n_cells + 2);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint u = 0; u < self->units->len; u++)
        {
          const WkUnit *unit = &g_array_index (self->units, WkUnit, u);
          const WkOutline *o = &g_array_index (self->outlines_rd, WkOutline, u);

          if (grid_row (si, unit->ymax) < band->row0 || grid_row (si, unit->ymin) >= band->row1)
            continue;
          for (guint i = 0; i < o->n_points; i++)
            {
              guint cy = grid_row (si, o->xy[2 * i + 1]);
              gsize c;

              if (cy < band->row0 || cy >= band->row1)
                continue;
              c = (gsize) (cy - band->row0) * si->nx + grid_col (si, o->xy[2 * i]);
              if (pass == 0)
                band->cell_start[c + 2]++;
              else
                {
                  guint k = band->cell_start[c + 1]++;

                  band->xy[2 * (gsize) k] = o->xy[2 * i];
                  band->xy[2 * (gsize) k + 1] = o->xy[2 * i + 1];
                  band->unit[k] = u;
                }
            }
        }
      if (pass == 0)
        {
          for (gsize c = 0; c < n_cells; c++)
            band->cell_start[c + 2] += band->cell_start[c + 1];
          n_points = band->cell_start[n_cells + 1];
          band->xy = g_new (double, 2 * (gsize) MAX (n_points, 1));
          band->unit = g_new (guint, MAX (n_points, 1));
        }
    }
}

/* For bands [@begin, @end) of the map: the identical segments whose
 * midpoint lies in the band. */
static void
match_chunk (gpointer data,
             guint    begin,
             guint    end)
{
  SegmentIndex *si = data;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autofree guint64 *scratch = NULL;

  for (guint b = begin; b < end; b++)
    {
      g_autoptr(GArray) band_matches = NULL;
      PairSums sums;

      /* summed per pair in each band: a pair has tens of shared segments,
       * and one Pair per shared segment of the whole data set was once the
       * load's largest array */
      band_keys (si, b * si->band_rows, MIN ((b + 1) * si->band_rows, si->ny), keys);
      scratch = g_renew (guint64, scratch, MAX (keys->len, 1));
      sort_keys ((guint64 *) keys->data, keys->len, scratch);
      pair_sums_init (&sums);
      match_segments (si, (const guint64 *) keys->data, keys->len, &sums, found);
      band_matches = pair_sums_finish (&sums);
      g_array_append_vals (matches, band_matches->data, band_matches->len);
    }
  g_mutex_lock (&si->lock);
  g_array_append_vals (si->matches, matches->data, matches->len);
  g_array_append_vals (si->suspects, found->data, found->len);
  g_mutex_unlock (&si->lock);
}

/* For bands [@begin, @end) of the map: the vertices that lie exactly on
 * another unit's segment, strictly between its ends.  A segment with a
 * twin (see match_segments()) is searched once for both. */
static void
vertex_on_segment_chunk (gpointer data,
                         guint    begin,
                         guint    end)
{
  SegmentIndex *si = data;
  WkDataset *self = si->self;
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Pair));

  for (guint b = begin; b < end; b++)
    {
      Band band = { b * si->band_rows, MIN ((b + 1) * si->band_rows, si->ny) };

      band_fill (si, &band);
      for (guint u = 0; u < self->units->len; u++)
        {
          const WkUnit *unit = &g_array_index (self->units, WkUnit, u);

          if (grid_row (si, unit->ymax) < band.row0 || grid_row (si, unit->ymin) >= band.row1)
            continue;
          FOR_EACH_SEGMENT (si, u, point, p, q, {
            double xmin = MIN (p[0], q[0]), xmax = MAX (p[0], q[0]);
            double ymin = MIN (p[1], q[1]), ymax = MAX (p[1], q[1]);
            guint cy0 = MAX (grid_row (si, ymin), band.row0);
            guint cy1 = MIN (grid_row (si, ymax), band.row1 - 1);
            guint cx0 = grid_col (si, xmin), cx1 = grid_col (si, xmax);
            guint twin = si->twin_unit[point];

            if (twin == TWIN_SEARCHED)
              continue;
            for (guint cy = cy0; cy <= cy1 && cy0 <= cy1; cy++)
              {
                gsize row = (gsize) (cy - band.row0) * si->nx;

                for (guint k = band.cell_start[row + cx0]; k < band.cell_start[row + cx1 + 1]; k++)
                  {
                    const double *w = band.xy + 2 * (gsize) k;
                    guint x = band.unit[k];

                    if (w[0] < xmin || w[0] > xmax || w[1] < ymin || w[1] > ymax ||
                        (w[0] == p[0] && w[1] == p[1]) || (w[0] == q[0] && w[1] == q[1]) ||
                        (x == u && twin == TWIN_NONE))
                      continue;
                    if (GEOSOrientationIndex_r (ctx, p[0], p[1], q[0], q[1], w[0], w[1]) != 0)
                      continue;
                    if (x != u)
                      add_suspect (found, u, x);
                    if (twin != TWIN_NONE && x != twin)
                      add_suspect (found, twin, x);
                  }
              }
          });
        }
      g_free (band.cell_start);
      g_free (band.xy);
      g_free (band.unit);
    }
  g_mutex_lock (&si->lock);
  g_array_append_vals (si->suspects, found->data, found->len);
  g_mutex_unlock (&si->lock);
}

typedef struct
{
  WkDataset *self;
  Pair      *pairs;
} LengthJob;

/* Measures the shared boundary of suspect pairs with GEOS. */
static void
geos_lengths_chunk (gpointer data,
                    guint    begin,
                    guint    end)
{
  LengthJob *job = data;

  for (guint i = begin; i < end; i++)
    {
      Pair *p = &job->pairs[i];

      p->length = wk_geos_shared_length (g_ptr_array_index (job->self->geoms, p->a),
                                         g_ptr_array_index (job->self->geoms, p->b));
    }
}

/* _wk_dataset_build_adjacency:
 *
 * Finds, for every unit, the units it shares a boundary with and how long
 * that boundary is (see above), on all cores.
 */
void
_wk_dataset_build_adjacency (WkDataset  *self,
                             WkProgress *progress)
{
  guint n = self->units->len;
  SegmentIndex si = { self };
  g_autoptr(GArray) pairs = NULL;
  g_autofree guint *degree = NULL;
  guint64 n_points = 0;
  guint n_kept = 0, n_exact, n_suspects;
  LengthJob job = { self, NULL };
  WkStepClock clock;

  wk_progress_update (progress, -1, _("Finding neighbouring units…"));
  _wk_step_clock_start (&clock);

  for (guint u = 0; u < n; u++)
    n_points += g_array_index (self->outlines_rd, WkOutline, u).n_points;
  g_return_if_fail (n_points < G_MAXUINT32);
  si.n_points = (guint) n_points;
  si.base = g_new (guint, n + 1);
  si.point_unit = g_new (guint, MAX (si.n_points, 1));
  si.base[0] = 0;
  for (guint u = 0; u < n; u++)
    {
      guint np = g_array_index (self->outlines_rd, WkOutline, u).n_points;

      si.base[u + 1] = si.base[u] + np;
      for (guint i = 0; i < np; i++)
        si.point_unit[si.base[u] + i] = u;
    }
  g_mutex_init (&si.lock);
  _wk_debug_step ("adjacency: point index", &clock);
  si.suspects = g_array_new (FALSE, FALSE, sizeof (Pair));

  /* 1. identical segments, and 2. vertices on other units' segments, in
   * bands of the map on all cores */
  plan_vertex_grid (&si);
  si.matches = g_array_new (FALSE, FALSE, sizeof (Pair));
  si.twin_unit = g_new (guint, MAX (si.n_points, 1));
  memset (si.twin_unit, 0xFF, sizeof (guint) * MAX (si.n_points, 1));   /* TWIN_NONE */
  _wk_parallel_for (si.n_bands, 1, match_chunk, &si);
  _wk_debug_step ("adjacency: identical segments", &clock);
  _wk_parallel_for (si.n_bands, 1, vertex_on_segment_chunk, &si);
  _wk_debug_step ("adjacency: vertices on segments", &clock);
  g_clear_pointer (&si.twin_unit, g_free);
  pairs = g_steal_pointer (&si.matches);
  pairs_merge (pairs);
  n_exact = pairs->len;
  pairs_merge (si.suspects);
  n_suspects = si.suspects->len;
  g_free (self->inexact);
  self->inexact = g_new0 (guint8, MAX (n, 1));
  for (guint i = 0; i < si.suspects->len; i++)
    {
      const Pair *p = &g_array_index (si.suspects, Pair, i);

      self->inexact[p->a] = self->inexact[p->b] = 1;
    }

  /* 3. GEOS for the suspects, whose result replaces the match */
  job.pairs = (Pair *) si.suspects->data;
  _wk_parallel_for (si.suspects->len, 16, geos_lengths_chunk, &job);
  _wk_debug_step ("adjacency: geos", &clock);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *p = &g_array_index (pairs, Pair, i);

      if (g_array_binary_search (si.suspects, p, pair_compare, NULL))
        p->length = -1.0;   /* measured by GEOS */
    }
  g_array_append_vals (pairs, si.suspects->data, si.suspects->len);
  g_array_sort (pairs, pair_compare);

  /* Build the symmetric CSR of all pairs with a shared boundary of any length;
   * whether that counts as adjacent depends on the tolerance. */
  degree = g_new0 (guint, n + 1);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *p = &g_array_index (pairs, Pair, i);

      if (p->length > 0.0)
        {
          degree[p->a]++;
          degree[p->b]++;
          n_kept++;
        }
    }
  self->adj_offsets = g_new (guint, n + 1);
  self->adj_offsets[0] = 0;
  for (guint i = 0; i < n; i++)
    self->adj_offsets[i + 1] = self->adj_offsets[i] + degree[i];
  self->adj_units = g_new (guint, MAX (2 * n_kept, 1));
  self->adj_lengths = g_new (double, MAX (2 * n_kept, 1));
  memset (degree, 0, sizeof (guint) * n);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *p = &g_array_index (pairs, Pair, i);
      guint ia, ib;

      if (p->length <= 0.0)
        continue;
      ia = self->adj_offsets[p->a] + degree[p->a]++;
      ib = self->adj_offsets[p->b] + degree[p->b]++;
      self->adj_units[ia] = p->b;
      self->adj_lengths[ia] = p->length;
      self->adj_units[ib] = p->a;
      self->adj_lengths[ib] = p->length;
    }
  _wk_debug_step ("adjacency: graph", &clock);
  g_debug ("adjacency: %u units, %u pairs with identical segments, %u measured by GEOS, "
           "%u neighbours", n, n_exact, n_suspects, n_kept);
  g_array_unref (si.suspects);
  g_mutex_clear (&si.lock);
  g_free (si.base);
  g_free (si.point_unit);
}
