/* wk-dissolver-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-dissolver.h"
#include "wk-geos-private.h"

G_BEGIN_DECLS

GEOSGeometry       *_wk_dissolve_units         (WkDataset   *dataset,
                                                const guint *units,
                                                guint        n_units);
const GEOSGeometry *_wk_dissolver_get_geometry (WkDissolver *self,
                                                guint        area);
guint               _wk_dissolver_get_n_followed (WkDissolver *self);

/* wk-dissolver-rings.c */
typedef struct _WkBoundary WkBoundary;

WkBoundary   *_wk_boundary_new            (WkDataset       *dataset,
                                           gsize            hint);
void          _wk_boundary_free           (WkBoundary      *self);
gsize         _wk_boundary_get_n_segments (WkBoundary      *self);
void          _wk_boundary_toggle         (WkBoundary      *self,
                                           guint            unit,
                                           guint            point);
void          _wk_boundary_toggle_unit    (WkBoundary      *self,
                                           guint            unit);
gboolean      _wk_boundary_chain          (WkBoundary      *self,
                                           WkOutline       *rd,
                                           double          *area_m2);
GEOSGeometry *_wk_outline_to_polygons     (const WkOutline *rd);

G_END_DECLS
