/* wk-map-view.h: the map with the units, providers, tools and legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "wk-core-all.h"
#include "wk-providers-layer.h"
#include "wk-units-layer.h"

G_BEGIN_DECLS

#define WK_TYPE_MAP_VIEW (wk_map_view_get_type ())
G_DECLARE_FINAL_TYPE (WkMapView, wk_map_view, WK, MAP_VIEW, GtkWidget)

void              wk_map_view_set_plan            (WkMapView   *self,
                                                   WkPlan      *plan,
                                                   WkDissolver *dissolver);
const char       *wk_map_view_get_tool            (WkMapView   *self);
void              wk_map_view_set_tool            (WkMapView   *self,
                                                   const char  *tool);
void              wk_map_view_set_active_area     (WkMapView   *self,
                                                   guint        area);
void              wk_map_view_zoom_in             (WkMapView   *self);
void              wk_map_view_zoom_out            (WkMapView   *self);
void              wk_map_view_zoom_to_fit         (WkMapView   *self,
                                                   gboolean     animate);
void              wk_map_view_zoom_to_area        (WkMapView   *self,
                                                   guint        area);
void              wk_map_view_show_finding        (WkMapView   *self,
                                                   WkFinding   *finding);
guint             wk_map_view_get_unit_at         (WkMapView   *self,
                                                   double       x,
                                                   double       y);
gboolean          wk_map_view_get_unit_position   (WkMapView   *self,
                                                   guint        unit,
                                                   double      *x,
                                                   double      *y);
char             *wk_map_view_dup_unit_markup     (WkMapView   *self,
                                                   guint        unit);
ShumateMap       *wk_map_view_get_map             (WkMapView   *self);
WkUnitsLayer     *wk_map_view_get_units_layer     (WkMapView   *self);
WkProvidersLayer *wk_map_view_get_providers_layer (WkMapView   *self);
const char       *wk_map_view_get_basemap         (WkMapView   *self);

G_END_DECLS
