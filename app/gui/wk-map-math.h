/* wk-map-math.h: Web Mercator “world” coordinates and the view transform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

/* World coordinates run from 0 to 1 over the Web Mercator square, x east and
 * y south, as libshumate's map sources do at zoom 0 with a tile size of 1. */

#define WK_TILE_SIZE 256
#define WK_MAX_LATITUDE 85.0511287798

static inline void
wk_lonlat_to_world (double  lon,
                    double  lat,
                    double *x,
                    double *y)
{
  double phi = CLAMP (lat, -WK_MAX_LATITUDE, WK_MAX_LATITUDE) * G_PI / 180.0;

  *x = (lon + 180.0) / 360.0;
  *y = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0;
}

static inline void
wk_world_to_lonlat (double  x,
                    double  y,
                    double *lon,
                    double *lat)
{
  *lon = x * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

/**
 * WkView:
 * @cx: world x of the widget's centre
 * @cy: world y of the widget's centre
 * @zoom: the (fractional) zoom level
 * @scale: pixels per world unit, WK_TILE_SIZE · 2^zoom
 * @rotation: clockwise rotation in radians, around the centre
 * @width: widget width
 * @height: widget height
 *
 * What a map layer needs to place world coordinates in its widget; the same
 * transform as ShumateViewport's.
 */
typedef struct
{
  double cx, cy;
  double zoom;
  double scale;
  double rotation;
  double width, height;
} WkView;

static inline void
wk_view_init (WkView *view,
              double  lon,
              double  lat,
              double  zoom,
              double  rotation,
              double  width,
              double  height)
{
  wk_lonlat_to_world (lon, lat, &view->cx, &view->cy);
  view->zoom = zoom;
  view->scale = WK_TILE_SIZE * exp2 (zoom);
  view->rotation = rotation;
  view->width = width;
  view->height = height;
}

/* Unrotated widget coordinates: what a layer draws in after it pushed the
 * rotation onto its snapshot. */
static inline void
wk_view_world_to_local (const WkView *view,
                        double        wx,
                        double        wy,
                        double       *x,
                        double       *y)
{
  *x = (wx - view->cx) * view->scale + view->width / 2.0;
  *y = (wy - view->cy) * view->scale + view->height / 2.0;
}

static inline void
wk_view_widget_to_world (const WkView *view,
                         double        x,
                         double        y,
                         double       *wx,
                         double       *wy)
{
  double dx = x - view->width / 2.0, dy = y - view->height / 2.0;
  double c = cos (-view->rotation), s = sin (-view->rotation);
  double rx = c * dx - s * dy, ry = s * dx + c * dy;

  *wx = view->cx + rx / view->scale;
  *wy = view->cy + ry / view->scale;
}

static inline void
wk_view_world_to_widget (const WkView *view,
                         double        wx,
                         double        wy,
                         double       *x,
                         double       *y)
{
  double dx = (wx - view->cx) * view->scale, dy = (wy - view->cy) * view->scale;
  double c = cos (view->rotation), s = sin (view->rotation);

  *x = c * dx - s * dy + view->width / 2.0;
  *y = s * dx + c * dy + view->height / 2.0;
}

/* The world rectangle that covers the widget (all of it when rotated). */
static inline void
wk_view_get_world_bounds (const WkView *view,
                          double       *xmin,
                          double       *ymin,
                          double       *xmax,
                          double       *ymax)
{
  double xs[4], ys[4];

  wk_view_widget_to_world (view, 0, 0, &xs[0], &ys[0]);
  wk_view_widget_to_world (view, view->width, 0, &xs[1], &ys[1]);
  wk_view_widget_to_world (view, 0, view->height, &xs[2], &ys[2]);
  wk_view_widget_to_world (view, view->width, view->height, &xs[3], &ys[3]);
  *xmin = MIN (MIN (xs[0], xs[1]), MIN (xs[2], xs[3]));
  *xmax = MAX (MAX (xs[0], xs[1]), MAX (xs[2], xs[3]));
  *ymin = MIN (MIN (ys[0], ys[1]), MIN (ys[2], ys[3]));
  *ymax = MAX (MAX (ys[0], ys[1]), MAX (ys[2], ys[3]));
}

G_END_DECLS
