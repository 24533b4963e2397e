/* wk-units-shape-private.h: outlines in world coordinates, for the units renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "wk-core-all.h"
#include "wk-map-math.h"

G_BEGIN_DECLS

/* Vertices within this many pixels of the simplified line are dropped
 * when drawing. */
#define SIMPLIFY_PX 0.4

/* Rings of world (Web Mercator) coordinates: ring r ends before point
 * ring_ends[r]. */
typedef struct
{
  guint   n_rings;
  guint  *ring_ends;
  double *xy;
} WkShape;

void _wk_shape_clear         (WkShape         *shape);
void _wk_shape_from_outline  (WkShape         *shape,
                              const WkOutline *outline,
                              double          *bounds);
void _wk_shape_from_rd       (WkShape         *shape,
                              WkDataset       *dataset,
                              const WkOutline *rd,
                              double          *bounds);
void _wk_shape_simplify      (const WkShape   *in,
                              WkShape         *out,
                              double           tolerance);
void _wk_shape_simplify_anchored
                             (const WkShape   *in,
                              WkShape         *out,
                              double           tolerance,
                              double           grid);
void _wk_shape_path          (cairo_t         *cr,
                              const WkShape   *shape,
                              double           ox,
                              double           oy,
                              double           scale);
void _wk_shape_path_clipped  (cairo_t         *cr,
                              const WkShape   *shape,
                              double           ox,
                              double           oy,
                              double           scale,
                              const double    *clip,
                              gboolean         runs);
void _wk_shape_path_view     (cairo_t         *cr,
                              const WkShape   *shape,
                              const WkView    *view);

G_END_DECLS
