/* wk-units-layer.h: the map layer that draws the units, areas and boundary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "wk-units-renderer.h"

G_BEGIN_DECLS

#define WK_TYPE_UNITS_LAYER (wk_units_layer_get_type ())
G_DECLARE_FINAL_TYPE (WkUnitsLayer, wk_units_layer, WK, UNITS_LAYER, ShumateLayer)

WkUnitsLayer    *wk_units_layer_new               (ShumateViewport *viewport);
WkUnitsRenderer *wk_units_layer_get_renderer      (WkUnitsLayer    *self);
void             wk_units_layer_set_renderer      (WkUnitsLayer    *self,
                                                   WkUnitsRenderer *renderer);
void             wk_units_layer_get_view          (WkUnitsLayer    *self,
                                                   WkView          *view);
void             wk_units_layer_set_show_networks (WkUnitsLayer    *self,
                                                   gboolean         show);
void             wk_units_layer_set_selected_area (WkUnitsLayer    *self,
                                                   guint            area);
void             wk_units_layer_set_hover_unit    (WkUnitsLayer    *self,
                                                   guint            unit);
void             wk_units_layer_set_highlight     (WkUnitsLayer    *self,
                                                   const guint     *units,
                                                   guint            n_units,
                                                   const guint     *areas,
                                                   guint            n_areas);
void             wk_units_layer_set_sketch        (WkUnitsLayer    *self,
                                                   const double    *world_xy,
                                                   guint            n_points);

void             wk_view_init_for_layer           (WkView          *view,
                                                   ShumateLayer    *layer);

cairo_surface_t *wk_units_layer_render_offscreen  (WkPlan          *plan,
                                                   WkDissolver     *dissolver,
                                                   int              width,
                                                   int              height,
                                                   double           zoom);

G_END_DECLS
