/* wk-map-view-private.h: what wk-map-view.c and wk-map-tools.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-legend.h"
#include "wk-map-tools.h"
#include "wk-map-view.h"

G_BEGIN_DECLS

struct _WkMapView
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkOverlay       *overlay;
  ShumateMap       *map;
  GtkRevealer      *legend_revealer;
  WkLegend         *legend;
  GtkRevealer      *active_revealer;
  GtkImage         *active_tool_icon;
  GtkLabel         *active_label;
  ShumateScale     *scale;
  ShumateLicense   *license;
  GtkPopover       *inspect_popover;
  GtkLabel         *inspect_label;

  /* owned */
  GSettings        *settings;
  ShumateMapSource *reference;
  ShumateMapSource *basemap_source;
  ShumateMapLayer  *basemap_layer;
  char             *basemap;
  WkUnitsLayer     *units_layer;
  WkProvidersLayer *providers_layer;
  WkPlan           *plan;
  WkDissolver      *dissolver;
  WkMapTool         tool;

  /* borrowed */
  ShumateViewport  *viewport;

  guint             active_area;
  guint             hover_unit;

  /* a drag in progress */
  gboolean          dragging;
  double            drag_x, drag_y;
  double            last_x, last_y;
  GArray           *lasso;          /* widget x, y pairs */

  /* panning with the middle or right button */
  double            pan_cx, pan_cy;

  /* a zoom asked for before the widget had a size */
  gboolean          pending_fit;
  double            pending[4];
  guint             pending_tick_id;
};

/* wk-map-view.c */
WkDataset *_wk_map_view_get_dataset        (WkMapView *self);

/* wk-map-tools.c */
void       _wk_map_view_init_tools         (WkMapView *self);
void       _wk_map_view_end_drag           (WkMapView *self);
void       _wk_map_view_update_active_card (WkMapView *self);
void       _wk_map_view_widget_to_rd       (WkMapView *self,
                                            double     x,
                                            double     y,
                                            double    *rx,
                                            double    *ry);

G_END_DECLS
