/* wk-units-renderer.h: cached tile rendering of the units of a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gtk/gtk.h>

#include "wk-core-all.h"
#include "wk-map-math.h"

G_BEGIN_DECLS

#define WK_TYPE_UNITS_RENDERER (wk_units_renderer_get_type ())
G_DECLARE_FINAL_TYPE (WkUnitsRenderer, wk_units_renderer, WK, UNITS_RENDERER, GObject)

WkUnitsRenderer *wk_units_renderer_new                (WkPlan          *plan,
                                                       WkDissolver     *dissolver);
WkPlan          *wk_units_renderer_get_plan           (WkUnitsRenderer *self);
void             wk_units_renderer_set_fill_alpha     (WkUnitsRenderer *self,
                                                       double           alpha);
void             wk_units_renderer_set_scale_factor   (WkUnitsRenderer *self,
                                                       int              scale_factor);
void             wk_units_renderer_invalidate_all     (WkUnitsRenderer *self);
void             wk_units_renderer_clear_cache        (WkUnitsRenderer *self);
void             wk_units_renderer_prepare            (WkUnitsRenderer *self);
void             wk_units_renderer_prepare_async      (WkUnitsRenderer *self,
                                                       GCancellable    *cancellable);
guint            wk_units_renderer_get_n_prepared     (WkUnitsRenderer *self);
guint            wk_units_renderer_get_n_tiles        (WkUnitsRenderer *self);
guint            wk_units_renderer_get_n_rendered     (WkUnitsRenderer *self);
guint            wk_units_renderer_get_n_patched      (WkUnitsRenderer *self);

gboolean         wk_units_renderer_snapshot           (WkUnitsRenderer *self,
                                                       GtkSnapshot     *snapshot,
                                                       const WkView    *view,
                                                       gint64           budget_us,
                                                       gboolean         exact);
void             wk_units_renderer_draw               (WkUnitsRenderer *self,
                                                       cairo_t         *cr,
                                                       const WkView    *view);

void             wk_units_renderer_get_unit_bounds    (WkUnitsRenderer *self,
                                                       guint            unit,
                                                       double          *xmin,
                                                       double          *ymin,
                                                       double          *xmax,
                                                       double          *ymax);
gboolean         wk_units_renderer_get_area_bounds    (WkUnitsRenderer *self,
                                                       guint            area,
                                                       double          *xmin,
                                                       double          *ymin,
                                                       double          *xmax,
                                                       double          *ymax);
void             wk_units_renderer_get_bounds         (WkUnitsRenderer *self,
                                                       double          *xmin,
                                                       double          *ymin,
                                                       double          *xmax,
                                                       double          *ymax);
void             wk_units_renderer_path_unit          (WkUnitsRenderer *self,
                                                       cairo_t         *cr,
                                                       const WkView    *view,
                                                       guint            unit);
void             wk_units_renderer_path_area          (WkUnitsRenderer *self,
                                                       cairo_t         *cr,
                                                       const WkView    *view,
                                                       guint            area);
void             wk_units_renderer_path_boundary      (WkUnitsRenderer *self,
                                                       cairo_t         *cr,
                                                       const WkView    *view);
void             wk_units_renderer_path_network       (WkUnitsRenderer *self,
                                                       cairo_t         *cr,
                                                       const WkView    *view,
                                                       guint            network);

G_END_DECLS
