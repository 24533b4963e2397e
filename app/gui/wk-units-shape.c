/* wk-units-shape.c: outlines in world coordinates: conversion, simplification, paths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-units-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wk-units-shape-private.h"

/* The units renderer keeps every outline it draws (units, areas, the
 * municipal boundary, networks) as a WkShape; these turn the core's lon/lat
 * outlines into shapes, simplify them per zoom level and trace them into a
 * cairo path. */

void
_wk_shape_clear (WkShape *shape)
{
  g_clear_pointer (&shape->ring_ends, g_free);
  g_clear_pointer (&shape->xy, g_free);
  shape->n_rings = 0;
}

/* Gives back what a simplification allocated beyond the @n_points it kept:
 * the outputs are allocated for every vertex of the input, and the levels
 * of detail kept for the whole data set were most of the renderer's memory
 * (see docs/performance.md). */
static void
shape_trim (WkShape *shape,
            guint    n_points)
{
  if (shape->xy != NULL)
    shape->xy = g_renew (double, shape->xy, 2 * (gsize) MAX (n_points, 1));
}

/* Converts a lon/lat outline to world coordinates and returns its bounds. */
void
_wk_shape_from_outline (WkShape         *shape,
                        const WkOutline *outline,
                        double          *bounds)
{
  bounds[0] = bounds[1] = G_MAXDOUBLE;
  bounds[2] = bounds[3] = -G_MAXDOUBLE;
  shape->n_rings = outline != NULL ? outline->n_rings : 0;
  if (shape->n_rings == 0)
    {
      shape->ring_ends = NULL;
      shape->xy = NULL;
      return;
    }
  shape->ring_ends = g_memdup2 (outline->ring_ends, sizeof (guint) * outline->n_rings);
  shape->xy = g_new (double, 2 * (gsize) outline->n_points);
  for (guint p = 0; p < outline->n_points; p++)
    {
      double x, y;

      wk_lonlat_to_world (outline->xy[2 * p], outline->xy[2 * p + 1], &x, &y);
      shape->xy[2 * p] = x;
      shape->xy[2 * p + 1] = y;
      bounds[0] = MIN (bounds[0], x);
      bounds[1] = MIN (bounds[1], y);
      bounds[2] = MAX (bounds[2], x);
      bounds[3] = MAX (bounds[3], y);
    }
}

/* An outline of @dataset (a unit's, a network's, the boundary's; %NULL for
 * none) in world coordinates, from its RD outline through the data set's
 * drawing grid (wk_dataset_outline_to_lonlat()), as the data set's lon/lat
 * outlines would hold it, and its bounds.  Those are never made: they were
 * as large as the RD outlines, and read only here.  Thread-safe. */
void
_wk_shape_from_rd (WkShape         *shape,
                   WkDataset       *dataset,
                   const WkOutline *rd,
                   double          *bounds)
{
  _wk_shape_from_outline (shape, NULL, bounds);
  if (rd == NULL || rd->n_rings == 0)
    return;
  shape->n_rings = rd->n_rings;
  shape->ring_ends = g_memdup2 (rd->ring_ends, sizeof (guint) * rd->n_rings);
  shape->xy = g_new (double, 2 * (gsize) MAX (rd->n_points, 1));
  wk_dataset_outline_to_lonlat (dataset, rd, shape->xy);
  for (guint p = 0; p < rd->n_points; p++)
    {
      double *q = shape->xy + 2 * p;

      wk_lonlat_to_world (q[0], q[1], &q[0], &q[1]);
      bounds[0] = MIN (bounds[0], q[0]);
      bounds[1] = MIN (bounds[1], q[1]);
      bounds[2] = MAX (bounds[2], q[0]);
      bounds[3] = MAX (bounds[3], q[1]);
    }
}

/* Squared distance of p from the segment a–b. */
static inline double
segment_dist2 (const double *p,
               const double *a,
               const double *b)
{
  double dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  double ex, ey;

  t = CLAMP (t, 0.0, 1.0);
  ex = a[0] + t * dx - p[0];
  ey = a[1] + t * dy - p[1];
  return ex * ex + ey * ey;
}

/* Douglas–Peucker on p[first..last]: marks in @keep the vertices that stay
 * for the line to keep within sqrt(@tol2) of the original. */
static void
douglas_peucker (const double *p,
                 guint         first,
                 guint         last,
                 double        tol2,
                 guint8       *keep,
                 GArray       *stack)
{
  g_array_set_size (stack, 0);
  g_array_append_val (stack, first);
  g_array_append_val (stack, last);
  while (stack->len > 0)
    {
      guint b = g_array_index (stack, guint, stack->len - 1);
      guint a = g_array_index (stack, guint, stack->len - 2);
      double most = -1;
      guint at = 0;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = a + 1; i < b; i++)
        {
          double d = segment_dist2 (p + 2 * i, p + 2 * a, p + 2 * b);

          if (d > most)
            {
              most = d;
              at = i;
            }
        }
      if (most < tol2)
        continue;
      keep[at] = TRUE;
      g_array_append_val (stack, a);
      g_array_append_val (stack, at);
      g_array_append_val (stack, at);
      g_array_append_val (stack, b);
    }
}

/* Douglas–Peucker simplification of every ring: drops the vertices that
 * lie within @tolerance of the line through the ones kept (straight runs of
 * many close vertices become one segment).  A ring that would collapse
 * keeps four of its vertices, so that small units still show as a speck. */
void
_wk_shape_simplify (const WkShape *in,
                    WkShape       *out,
                    double         tolerance)
{
  double tol2 = tolerance * tolerance;
  guint n_points = in->n_rings > 0 ? in->ring_ends[in->n_rings - 1] : 0;
  guint start = 0, o = 0;
  g_autofree guint8 *keep = NULL;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  out->n_rings = in->n_rings;
  out->ring_ends = in->n_rings > 0 ? g_new (guint, in->n_rings) : NULL;
  out->xy = n_points > 0 ? g_new (double, 2 * (gsize) n_points) : NULL;
  keep = g_new (guint8, MAX (n_points, 1));
  for (guint r = 0; r < in->n_rings; r++)
    {
      guint end = in->ring_ends[r], n = end - start, first = o, far = 0;
      const double *p = in->xy + 2 * start;
      double most = -1;

      if (n < 4)
        {
          memcpy (out->xy + 2 * o, p, sizeof (double) * 2 * n);
          o += n;
          out->ring_ends[r] = o;
          start = end;
          continue;
        }
      /* a closed ring: split it at the vertex farthest from its first */
      for (guint i = 1; i + 1 < n; i++)
        {
          double dx = p[2 * i] - p[0], dy = p[2 * i + 1] - p[1], d = dx * dx + dy * dy;

          if (d > most)
            {
              most = d;
              far = i;
            }
        }
      memset (keep, 0, n);
      keep[0] = keep[far] = keep[n - 1] = TRUE;
      douglas_peucker (p, 0, far, tol2, keep, stack);
      douglas_peucker (p, far, n - 1, tol2, keep, stack);
      for (guint i = 0; i < n; i++)
        if (keep[i])
          {
            out->xy[2 * o] = p[2 * i];
            out->xy[2 * o + 1] = p[2 * i + 1];
            o++;
          }
      if (o - first < 4)
        {
          guint pick[4] = { 0, n / 3, 2 * n / 3, n - 1 };

          o = first;
          for (guint k = 0; k < 4; k++)
            {
              out->xy[2 * o] = p[2 * pick[k]];
              out->xy[2 * o + 1] = p[2 * pick[k] + 1];
              o++;
            }
        }
      out->ring_ends[r] = o;
      start = end;
    }
  shape_trim (out, o);
}

/* Whether a ring's vertex is where its outline crosses from one cell of a
 * grid of @grid to the next: of the two ends of a segment that crosses, the
 * lesser.  That depends on the segment alone, not on where the ring starts
 * or which way it runs. */
static inline gboolean
crosses (const double *a,
         const double *b,
         double        grid)
{
  return floor (a[0] / grid) != floor (b[0] / grid) || floor (a[1] / grid) != floor (b[1] / grid);
}

static inline gboolean
point_less (const double *a,
            const double *b)
{
  return a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]);
}

/* Simplification of outlines that change in places, the areas': every ring
 * is cut at anchors (see crosses()) into stretches of about @grid, and each
 * stretch is simplified on its own (Douglas–Peucker, @tolerance) from
 * anchor to anchor.  A stretch comes out the same whatever else changes in
 * its ring and wherever the ring starts, so an area outline dissolved again
 * after a unit moved is simplified again the same away from that unit. */
void
_wk_shape_simplify_anchored (const WkShape *in,
                             WkShape       *out,
                             double         tolerance,
                             double         grid)
{
  guint n_points = in->n_rings > 0 ? in->ring_ends[in->n_rings - 1] : 0;
  guint start = 0, o = 0;
  g_autofree guint8 *keep = g_new (guint8, n_points + 1);
  g_autofree guint8 *anchor = g_new (guint8, n_points + 1);
  g_autofree double *ring = g_new (double, 2 * ((gsize) n_points + 1));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  out->n_rings = in->n_rings;
  out->ring_ends = in->n_rings > 0 ? g_new (guint, in->n_rings) : NULL;
  out->xy = n_points > 0 ? g_new (double, 2 * ((gsize) n_points + in->n_rings)) : NULL;
  for (guint r = 0; r < in->n_rings; r++)
    {
      guint end = in->ring_ends[r], n = end - start, m, first = 0, prev;
      const double *p = in->xy + 2 * start;

      start = end;
      /* the distinct vertices of the ring */
      m = n > 1 && p[0] == p[2 * (n - 1)] && p[1] == p[2 * (n - 1) + 1] ? n - 1 : n;
      if (m < 4)
        {
          memcpy (out->xy + 2 * o, p, sizeof (double) * 2 * n);
          o += n;
          out->ring_ends[r] = o;
          continue;
        }
      memset (keep, 0, m + 1);
      for (guint i = 0; i < m; i++)
        {
          const double *a = p + 2 * i, *b = p + 2 * ((i + 1) % m);

          if (crosses (a, b, grid))
            keep[point_less (a, b) ? i : (i + 1) % m] = TRUE;
          if (point_less (p + 2 * i, p + 2 * first))
            first = i;
        }
      /* no anchor: the least vertex is one */
      for (guint i = 0; i < m; i++)
        if (keep[i])
          {
            first = i;
            break;
          }
      /* the ring from that anchor round to it again */
      for (guint i = 0; i <= m; i++)
        {
          ring[2 * i] = p[2 * ((first + i) % m)];
          ring[2 * i + 1] = p[2 * ((first + i) % m) + 1];
        }
      for (guint i = 0; i <= m; i++)
        anchor[i] = keep[(first + i) % m];
      anchor[0] = anchor[m] = TRUE;
      memcpy (keep, anchor, m + 1);
      prev = 0;
      for (guint i = 1; i <= m; i++)
        if (anchor[i])
          {
            douglas_peucker (ring, prev, i, tolerance * tolerance, keep, stack);
            prev = i;
          }
      /* the kept vertices; all of them when too few are left */
      first = o;
      for (guint i = 0; i <= m; i++)
        if (keep[i])
          {
            out->xy[2 * o] = ring[2 * i];
            out->xy[2 * o + 1] = ring[2 * i + 1];
            o++;
          }
      if (o - first < 4)
        {
          memcpy (out->xy + 2 * first, ring, sizeof (double) * 2 * (m + 1));
          o = first + m + 1;
        }
      out->ring_ends[r] = o;
    }
  shape_trim (out, o);
}

/* Appends @shape to the path: world → pixels at @scale, minus @ox, @oy. */
void
_wk_shape_path (cairo_t       *cr,
                const WkShape *shape,
                double         ox,
                double         oy,
                double         scale)
{
  guint start = 0;

  for (guint r = 0; r < shape->n_rings; r++)
    {
      guint end = shape->ring_ends[r];

      if (end - start >= 3)
        {
          const double *p = shape->xy + 2 * start;

          cairo_move_to (cr, (p[0] - ox) * scale, (p[1] - oy) * scale);
          for (guint i = 1; i < end - start; i++)
            cairo_line_to (cr, (p[2 * i] - ox) * scale, (p[2 * i + 1] - oy) * scale);
          cairo_close_path (cr);
        }
      start = end;
    }
}

/* The grid the big outlines are snapped to (see _wk_shape_path_clipped). */
#define SNAP_PER_PX 4.0

/* Whether the segment from @a to @b meets the box (world x0, y0, x1, y1). */
static inline gboolean
segment_meets (const double *a,
               const double *b,
               const double *box)
{
  return MAX (a[0], b[0]) >= box[0] && MIN (a[0], b[0]) <= box[2] &&
         MAX (a[1], b[1]) >= box[1] && MIN (a[1], b[1]) <= box[3];
}

/* Snaps the vertex @p and adds it to the path, a new subpath when @move;
 * returns FALSE, adding nothing, when it falls on the point (@lx, @ly)
 * before it, which it then becomes otherwise. */
static inline gboolean
path_snapped (cairo_t      *cr,
              const double *p,
              double        ox,
              double        oy,
              double        snap,
              gboolean      move,
              double       *lx,
              double       *ly)
{
  double x = round ((p[0] - ox) * snap), y = round ((p[1] - oy) * snap);

  if (!move && x == *lx && y == *ly)
    return FALSE;
  *lx = x;
  *ly = y;
  if (move)
    cairo_move_to (cr, x / SNAP_PER_PX, y / SNAP_PER_PX);
  else
    cairo_line_to (cr, x / SNAP_PER_PX, y / SNAP_PER_PX);
  return TRUE;
}

/* The open runs of the ring @p of @n vertices whose segments meet @box;
 * returns FALSE, adding nothing, when all of them do. */
static gboolean
path_runs (cairo_t      *cr,
           const double *p,
           guint         n,
           double        ox,
           double        oy,
           double        snap,
           const double *box)
{
  guint first = n;
  gboolean in_run = FALSE;
  double lx = 0, ly = 0;

  for (guint i = 0; i < n && first == n; i++)
    if (!segment_meets (p + 2 * i, p + 2 * ((i + 1) % n), box))
      first = i;
  if (first == n)
    return FALSE;
  /* from a segment that does not meet it: the runs do not depend on where
   * the ring starts */
  for (guint k = 1; k <= n; k++)
    {
      const double *a = p + 2 * ((first + k) % n), *b = p + 2 * ((first + k + 1) % n);

      if (!segment_meets (a, b, box))
        {
          in_run = FALSE;
          continue;
        }
      if (!in_run)
        path_snapped (cr, a, ox, oy, snap, TRUE, &lx, &ly);
      in_run = TRUE;
      path_snapped (cr, b, ox, oy, snap, FALSE, &lx, &ly);
    }
  return TRUE;
}

/* Like _wk_shape_path, for the big outlines (areas, boundary, networks):
 * simplifies as it goes, and skips rings outside @clip (world x0, y0, x1,
 * y1), which the shape's bounds alone would not tell.  The simplification
 * snaps every vertex to a grid of SNAP_PER_PX per pixel and drops the
 * vertices that fall on the point before them: what a stretch of outline
 * becomes does not depend on where its ring starts, so an area outline
 * dissolved again after a change elsewhere draws the same pixels here
 * (which the units renderer's patched tiles rely on).
 *
 * With @runs, for stroking, a ring that meets @clip only in part becomes
 * the open runs of its segments that meet it, so that a big outline is not
 * widened whole for every tile it reaches.  @clip must then reach beyond
 * what is drawn by more than half the line width: a run ends on a vertex
 * outside it, where the missing join and the cap cannot show.  A ring
 * inside @clip is drawn as without @runs. */
void
_wk_shape_path_clipped (cairo_t       *cr,
                        const WkShape *shape,
                        double         ox,
                        double         oy,
                        double         scale,
                        const double  *clip,
                        gboolean       runs)
{
  double snap = scale * SNAP_PER_PX;
  guint start = 0;

  for (guint r = 0; r < shape->n_rings; r++)
    {
      guint end = shape->ring_ends[r], n = end - start;
      const double *p = shape->xy + 2 * start;
      double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
      double fx, fy, lx, ly;

      for (guint i = 0; i < n; i++)
        {
          x0 = MIN (x0, p[2 * i]);
          x1 = MAX (x1, p[2 * i]);
          y0 = MIN (y0, p[2 * i + 1]);
          y1 = MAX (y1, p[2 * i + 1]);
        }
      start = end;
      if (n < 3 || x1 < clip[0] || x0 > clip[2] || y1 < clip[1] || y0 > clip[3])
        continue;
      if (runs && path_runs (cr, p, n, ox, oy, snap, clip))
        continue;
      path_snapped (cr, p, ox, oy, snap, TRUE, &fx, &fy);
      lx = fx;
      ly = fy;
      for (guint i = 1; i < n; i++)
        {
          double x = round ((p[2 * i] - ox) * snap), y = round ((p[2 * i + 1] - oy) * snap);

          /* the closing point is added by close_path */
          if (x == fx && y == fy)
            continue;
          path_snapped (cr, p + 2 * i, ox, oy, snap, FALSE, &lx, &ly);
        }
      cairo_close_path (cr);
    }
}

/* The same in a view's unrotated widget coordinates. */
void
_wk_shape_path_view (cairo_t       *cr,
                     const WkShape *shape,
                     const WkView  *view)
{
  double clip[4];

  wk_view_get_world_bounds (view, &clip[0], &clip[1], &clip[2], &clip[3]);
  _wk_shape_path_clipped (cr, shape, view->cx - view->width / 2.0 / view->scale,
                      view->cy - view->height / 2.0 / view->scale, view->scale, clip, FALSE);
}
