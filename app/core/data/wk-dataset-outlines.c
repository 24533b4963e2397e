/* wk-dataset-outlines.c: unit outlines as flat arrays, RD ↔ WGS84 and the grid for drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-dataset"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-parallel-private.h"

/* -------------------------------------------------------------- outlines */

void
_wk_outline_clear (WkOutline *outline)
{
  g_clear_pointer (&outline->ring_ends, g_free);
  g_clear_pointer (&outline->xy, g_free);
  outline->n_rings = 0;
  outline->n_points = 0;
}

/* Walks the rings of @geom's polygons in order, counting them in *@ring and
 * *@point; once @outline has its arrays, it also copies them there. */
static void
walk_rings (GEOSContextHandle_t  ctx,
            const GEOSGeometry  *geom,
            WkOutline           *outline,
            guint               *ring,
            guint               *point)
{
  int type = GEOSGeomTypeId_r (ctx, geom);

  if (type == GEOS_POLYGON)
    {
      int n_holes = GEOSGetNumInteriorRings_r (ctx, geom);

      if (GEOSisEmpty_r (ctx, geom))
        return;
      for (int r = -1; r < n_holes; r++)
        {
          const GEOSGeometry *g = r < 0 ? GEOSGetExteriorRing_r (ctx, geom)
                                        : GEOSGetInteriorRingN_r (ctx, geom, r);
          const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (ctx, g);
          unsigned int size = 0;

          GEOSCoordSeq_getSize_r (ctx, seq, &size);
          if (outline->xy != NULL)
            GEOSCoordSeq_copyToBuffer_r (ctx, seq, outline->xy + 2 * *point, FALSE, FALSE);
          *point += size;
          if (outline->ring_ends != NULL)
            outline->ring_ends[*ring] = *point;
          *ring += 1;
        }
    }
  else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION)
    {
      int n = GEOSGetNumGeometries_r (ctx, geom);

      for (int i = 0; i < n; i++)
        walk_rings (ctx, GEOSGetGeometryN_r (ctx, geom, i), outline, ring, point);
    }
}

void
_wk_outline_from_geos (WkOutline          *outline,
                       const GEOSGeometry *geom)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  guint ring = 0, point = 0;

  memset (outline, 0, sizeof *outline);
  walk_rings (ctx, geom, outline, &outline->n_rings, &outline->n_points);
  outline->ring_ends = g_new (guint, MAX (outline->n_rings, 1));
  outline->xy = g_new (double, 2 * MAX (outline->n_points, 1));
  walk_rings (ctx, geom, outline, &ring, &point);
}

typedef struct
{
  OGRCoordinateTransformationH to_ll;
  OGRCoordinateTransformationH to_rd;
} ThreadTransforms;

static void
thread_transforms_free (gpointer data)
{
  ThreadTransforms *t = data;

  OCTDestroyCoordinateTransformation (t->to_ll);
  OCTDestroyCoordinateTransformation (t->to_rd);
  g_free (t);
}

static GPrivate transforms_private = G_PRIVATE_INIT (thread_transforms_free);

/* One pair of RD ↔ WGS84 transformations per thread: GDAL objects are not
 * shared between threads. */
static ThreadTransforms *
get_transforms (void)
{
  ThreadTransforms *t = g_private_get (&transforms_private);

  if (t == NULL)
    {
      g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
      g_auto(OGRSpatialReferenceH) ll = wk_gdal_srs_new_epsg (4326);

      t = g_new0 (ThreadTransforms, 1);
      t->to_ll = OCTNewCoordinateTransformation (rd, ll);
      t->to_rd = OCTNewCoordinateTransformation (ll, rd);
      g_private_set (&transforms_private, t);
    }
  return t;
}

/* The points of @rd in longitude / latitude through PROJ, into @xy. */
static void
proj_points (const WkOutline *rd,
             double          *xy)
{
  ThreadTransforms *t = get_transforms ();
  g_autofree double *x = g_new (double, MAX (rd->n_points, 1));
  g_autofree double *y = g_new (double, MAX (rd->n_points, 1));

  for (guint i = 0; i < rd->n_points; i++)
    {
      x[i] = rd->xy[2 * i];
      y[i] = rd->xy[2 * i + 1];
    }
  if (rd->n_points > 0)
    OCTTransform (t->to_ll, rd->n_points, x, y, NULL);
  for (guint i = 0; i < rd->n_points; i++)
    {
      xy[2 * i] = x[i];
      xy[2 * i + 1] = y[i];
    }
}

/* @ll with the rings of @rd and room for its points. */
static void
outline_alloc_like (const WkOutline *rd,
                    WkOutline       *ll)
{
  ll->n_rings = rd->n_rings;
  ll->n_points = rd->n_points;
  ll->ring_ends = g_memdup2 (rd->ring_ends, sizeof (guint) * MAX (rd->n_rings, 1));
  ll->xy = g_new (double, 2 * MAX (rd->n_points, 1));
}

void
_wk_outline_to_lonlat (const WkOutline *rd,
                       WkOutline       *ll)
{
  outline_alloc_like (rd, ll);
  proj_points (rd, ll->xy);
}

/**
 * wk_rd_to_lonlat:
 *
 * Converts RD New (EPSG:28992) metres to WGS84 longitude and latitude.
 */
void
wk_rd_to_lonlat (double  x,
                 double  y,
                 double *lon,
                 double *lat)
{
  ThreadTransforms *t = get_transforms ();

  OCTTransform (t->to_ll, 1, &x, &y, NULL);
  *lon = x;
  *lat = y;
}

/**
 * wk_lonlat_to_rd:
 *
 * Converts WGS84 longitude and latitude to RD New (EPSG:28992) metres.
 */
void
wk_lonlat_to_rd (double  lon,
                 double  lat,
                 double *x,
                 double *y)
{
  ThreadTransforms *t = get_transforms ();

  OCTTransform (t->to_rd, 1, &lon, &lat, NULL);
  *x = lon;
  *y = lat;
}

/* ------------------------------------------------------ display outlines */

/* Longitude / latitude for drawing: PROJ at the nodes of a 1 km grid over
 * the data set, bilinear in between.  RD New is smooth enough that this is
 * within 3 cm of PROJ everywhere in the Netherlands (4 cm is a tenth of a
 * pixel at the map's closest zoom), at a fraction of the cost: PROJ takes
 * about 1 µs a point, and full-resolution buurten have millions.  Points
 * outside the grid go through PROJ. */
#define LL_GRID_STEP 1000.0

struct _WkLonLatGrid
{
  double  x0, y0;
  guint   nx, ny;       /* nodes */
  double *lonlat;       /* per node: longitude, latitude */
};

/* PROJ at the nodes, a row at a time.  On the calling thread alone: a new
 * thread would first have to set up PROJ, which takes longer than the
 * grid of the whole country. */
static void
grid_fill (WkLonLatGrid *grid)
{
  g_autofree double *x = g_new (double, grid->nx);
  g_autofree double *y = g_new (double, grid->nx);

  for (guint row = 0; row < grid->ny; row++)
    {
      for (guint i = 0; i < grid->nx; i++)
        {
          x[i] = grid->x0 + i * LL_GRID_STEP;
          y[i] = grid->y0 + row * LL_GRID_STEP;
        }
      OCTTransform (get_transforms ()->to_ll, (int) grid->nx, x, y, NULL);
      for (guint i = 0; i < grid->nx; i++)
        {
          grid->lonlat[2 * ((gsize) row * grid->nx + i)] = x[i];
          grid->lonlat[2 * ((gsize) row * grid->nx + i) + 1] = y[i];
        }
    }
}

/* _wk_lonlat_grid_new:
 *
 * A grid for the RD box [@xmin, @xmax] × [@ymin, @ymax] (plus a margin).
 */
WkLonLatGrid *
_wk_lonlat_grid_new (double xmin,
                     double ymin,
                     double xmax,
                     double ymax)
{
  WkLonLatGrid *grid = g_new0 (WkLonLatGrid, 1);

  if (!(xmin <= xmax && ymin <= ymax))
    return grid;
  grid->x0 = floor (xmin / LL_GRID_STEP) * LL_GRID_STEP - LL_GRID_STEP;
  grid->y0 = floor (ymin / LL_GRID_STEP) * LL_GRID_STEP - LL_GRID_STEP;
  grid->nx = (guint) ceil ((xmax - grid->x0) / LL_GRID_STEP) + 2;
  grid->ny = (guint) ceil ((ymax - grid->y0) / LL_GRID_STEP) + 2;
  grid->lonlat = g_new (double, 2 * (gsize) grid->nx * grid->ny);
  grid_fill (grid);
  return grid;
}

void
_wk_lonlat_grid_free (WkLonLatGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->lonlat);
  g_free (grid);
}

static gboolean
grid_lookup (const WkLonLatGrid *grid,
             double              x,
             double              y,
             double             *lon,
             double             *lat)
{
  double fx = (x - grid->x0) / LL_GRID_STEP;
  double fy = (y - grid->y0) / LL_GRID_STEP;
  guint ix, iy;
  const double *n00, *n10, *n01, *n11;

  if (!(fx >= 0 && fy >= 0 && fx < grid->nx - 1 && fy < grid->ny - 1))
    return FALSE;
  ix = (guint) fx;
  iy = (guint) fy;
  fx -= ix;
  fy -= iy;
  n00 = grid->lonlat + 2 * ((gsize) iy * grid->nx + ix);
  n10 = n00 + 2;
  n01 = n00 + 2 * grid->nx;
  n11 = n01 + 2;
  *lon = (1 - fy) * ((1 - fx) * n00[0] + fx * n10[0]) + fy * ((1 - fx) * n01[0] + fx * n11[0]);
  *lat = (1 - fy) * ((1 - fx) * n00[1] + fx * n10[1]) + fy * ((1 - fx) * n01[1] + fx * n11[1]);
  return TRUE;
}

/* The points of @rd in longitude / latitude into @xy: all through @grid
 * when it covers them all, otherwise all through PROJ. */
static void
grid_points (const WkLonLatGrid *grid,
             const WkOutline    *rd,
             double             *xy)
{
  gboolean all = grid != NULL && grid->lonlat != NULL;

  for (guint i = 0; all && i < rd->n_points; i++)
    {
      double x = rd->xy[2 * i], y = rd->xy[2 * i + 1];

      all = (x - grid->x0) / LL_GRID_STEP >= 0 && (y - grid->y0) / LL_GRID_STEP >= 0 &&
            (x - grid->x0) / LL_GRID_STEP < grid->nx - 1 &&
            (y - grid->y0) / LL_GRID_STEP < grid->ny - 1;
    }
  if (!all)
    {
      proj_points (rd, xy);
      return;
    }
  for (guint i = 0; i < rd->n_points; i++)
    grid_lookup (grid, rd->xy[2 * i], rd->xy[2 * i + 1], &xy[2 * i], &xy[2 * i + 1]);
}

/* _wk_outline_to_lonlat_grid:
 * @grid: (nullable): the data set's grid, or %NULL for PROJ only
 *
 * Like _wk_outline_to_lonlat(), for drawing: through @grid where it
 * covers the points.
 */
void
_wk_outline_to_lonlat_grid (const WkLonLatGrid *grid,
                            const WkOutline    *rd,
                            WkOutline          *ll)
{
  outline_alloc_like (rd, ll);
  grid_points (grid, rd, ll->xy);
}

/* The data set's grid, made when it is first needed (from the units'
 * extent, which is known once the units are read).  Thread-safe. */
static const WkLonLatGrid *
dataset_grid (WkDataset *self)
{
  WkLonLatGrid *grid = g_atomic_pointer_get (&self->ll_grid);

  if (grid != NULL)
    return grid;
  g_mutex_lock (&self->ll_lock);
  grid = self->ll_grid;
  if (grid == NULL)
    {
      grid = _wk_lonlat_grid_new (self->extent_rd[0], self->extent_rd[1],
                                  self->extent_rd[2], self->extent_rd[3]);
      g_atomic_pointer_set (&self->ll_grid, grid);
    }
  g_mutex_unlock (&self->ll_lock);
  return grid;
}

/* _wk_dataset_outline_to_lonlat:
 *
 * An RD outline in longitude / latitude for drawing, through the data
 * set's grid.  Thread-safe.
 */
void
_wk_dataset_outline_to_lonlat (WkDataset       *self,
                               const WkOutline *rd,
                               WkOutline       *ll)
{
  _wk_outline_to_lonlat_grid (dataset_grid (self), rd, ll);
}

/**
 * wk_dataset_outline_to_lonlat:
 * @rd: an outline in RD of this data set: a unit's, a network's or the
 *   boundary's (wk_dataset_get_outline() with @lonlat %FALSE)
 * @xy: (out caller-allocates): room for 2 × @rd's n_points doubles
 *
 * Fills @xy with the points of @rd in longitude / latitude, exactly as
 * the outlines for drawing hold them (wk_dataset_get_outline() with
 * @lonlat %TRUE), without keeping them: for a renderer that keeps its own
 * copy in other coordinates.  Thread-safe.
 */
void
wk_dataset_outline_to_lonlat (WkDataset       *self,
                              const WkOutline *rd,
                              double          *xy)
{
  g_return_if_fail (WK_IS_DATASET (self));
  g_return_if_fail (rd != NULL);
  grid_points (dataset_grid (self), rd, xy);
}

static void
unit_lonlat_chunk (gpointer data,
                   guint    begin,
                   guint    end)
{
  WkDataset *self = data;

  for (guint i = begin; i < end; i++)
    _wk_dataset_outline_to_lonlat (self, &g_array_index (self->outlines_rd, WkOutline, i),
                                   &g_array_index (self->outlines_ll, WkOutline, i));
}

/* _wk_dataset_ensure_lonlat:
 *
 * The units' outlines in longitude / latitude and their extent, for
 * drawing.  A load does not make them: only a map draws them, and they are
 * as large as the RD outlines.  The first call makes all of them on all
 * cores; later calls return at once.  Thread-safe.
 */
void
_wk_dataset_ensure_lonlat (WkDataset *self)
{
  guint n = self->outlines_rd->len;

  if (g_atomic_int_get (&self->lonlat_ready))
    return;
  dataset_grid (self);   /* before the lock: the workers need it */
  g_mutex_lock (&self->ll_lock);
  if (!self->lonlat_ready)
    {
      g_array_set_size (self->outlines_ll, n);
      _wk_parallel_for (n, 64, unit_lonlat_chunk, self);

      self->extent_ll[0] = self->extent_ll[1] = G_MAXDOUBLE;
      self->extent_ll[2] = self->extent_ll[3] = -G_MAXDOUBLE;
      for (guint i = 0; i < n; i++)
        {
          const WkOutline *o = &g_array_index (self->outlines_ll, WkOutline, i);

          for (guint p = 0; p < o->n_points; p++)
            {
              self->extent_ll[0] = MIN (self->extent_ll[0], o->xy[2 * p]);
              self->extent_ll[1] = MIN (self->extent_ll[1], o->xy[2 * p + 1]);
              self->extent_ll[2] = MAX (self->extent_ll[2], o->xy[2 * p]);
              self->extent_ll[3] = MAX (self->extent_ll[3], o->xy[2 * p + 1]);
            }
        }
      g_atomic_int_set (&self->lonlat_ready, TRUE);
    }
  g_mutex_unlock (&self->ll_lock);
}
