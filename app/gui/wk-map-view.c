/* wk-map-view.c: the map with the units, providers, tools and legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-legend.h"
#include "wk-map-math.h"
#include "wk-map-view-private.h"

/* The map view holds the basemap, the units and providers layers, the
 * legend and the cards over the map; the tools (what the primary button
 * does) are in wk-map-tools.c.  Other buttons pan the map. */

#define PDOK_GRIJS_URL "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png"
#define FIT_PADDING_PX 48.0

G_DEFINE_FINAL_TYPE (WkMapView, wk_map_view, GTK_TYPE_WIDGET)

WkDataset *
_wk_map_view_get_dataset (WkMapView *self)
{
  return self->plan != NULL ? wk_plan_get_dataset (self->plan) : NULL;
}

static void
on_plan_changed_cb (WkMapView    *self,
                    WkPlanChange *change,
                    WkPlan       *plan)
{
  if (change->flags & (WK_CHANGE_AREAS | WK_CHANGE_AREA_PROPS))
    _wk_map_view_update_active_card (self);
}

static void
apply_basemap (WkMapView *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "basemap");
  WkUnitsRenderer *renderer = wk_units_layer_get_renderer (self->units_layer);

  if (g_strcmp0 (id, self->basemap) == 0)
    return;
  g_free (self->basemap);
  self->basemap = g_strdup (id);

  if (self->basemap_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->basemap_layer));
      shumate_license_remove_map_source (self->license, self->basemap_source);
    }
  g_clear_object (&self->basemap_layer);
  g_clear_object (&self->basemap_source);

  if (g_str_equal (id, "pdok-grijs"))
    {
      /* WK_BASEMAP_URL replaces PDOK's tile address (a {z}/{x}/{y} template):
       * a local mirror, or the tests, which never reach the internet */
      const char *url = g_getenv ("WK_BASEMAP_URL");

      self->basemap_source = SHUMATE_MAP_SOURCE (
        shumate_raster_renderer_new_full_from_url ("pdok-grijs",
                                                   _("PDOK Background Map (grey)"),
                                                   _("Map © Kadaster / PDOK (CC BY 4.0)"),
                                                   "https://www.pdok.nl/",
                                                   0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                                   url != NULL && *url != '\0' ? url
                                                   : PDOK_GRIJS_URL));
    }
  else if (g_str_equal (id, "osm"))
    {
      g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();

      self->basemap_source = g_object_ref (
        shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK));
    }

  if (self->basemap_source != NULL)
    {
      self->basemap_layer = g_object_ref_sink (shumate_map_layer_new (self->basemap_source,
                                                                      self->viewport));
      shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->basemap_layer),
                                       SHUMATE_LAYER (self->units_layer));
      shumate_license_append_map_source (self->license, self->basemap_source);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->license), self->basemap_source != NULL);

  /* the areas cover a plain background more, a basemap less */
  if (renderer != NULL)
    wk_units_renderer_set_fill_alpha (renderer, self->basemap_source != NULL ? 0.55 : 0.75);
}

static void
on_settings_changed_cb (WkMapView  *self,
                        const char *key,
                        GSettings  *settings)
{
  if (g_str_equal (key, "basemap"))
    apply_basemap (self);
  else if (g_str_equal (key, "show-networks"))
    wk_units_layer_set_show_networks (self->units_layer,
                                      g_settings_get_boolean (settings, "show-networks"));
  else if (g_str_equal (key, "show-providers"))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->providers_layer),
                              g_settings_get_boolean (settings, "show-providers"));
      wk_legend_set_show_providers (self->legend,
                                    g_settings_get_boolean (settings, "show-providers"));
    }
  else if (g_str_equal (key, "show-legend"))
    gtk_revealer_set_reveal_child (self->legend_revealer,
                                   g_settings_get_boolean (settings, "show-legend"));
  else if (g_str_equal (key, "paint-only-unassigned"))
    _wk_map_view_update_active_card (self);
  if (g_str_equal (key, "show-networks"))
    wk_legend_set_show_networks (self->legend, g_settings_get_boolean (settings, "show-networks"));
}

/* ------------------------------------------------------------- zooming */

static void
go_to_world_bounds (WkMapView *self,
                    double     xmin,
                    double     ymin,
                    double     xmax,
                    double     ymax,
                    gboolean   animate)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double dx = MAX (xmax - xmin, 1e-9), dy = MAX (ymax - ymin, 1e-9);
  double zoom, lon, lat;

  zoom = log2 (MIN (MAX (width - 2 * FIT_PADDING_PX, 64) / (dx * WK_TILE_SIZE),
                    MAX (height - 2 * FIT_PADDING_PX, 64) / (dy * WK_TILE_SIZE)));
  zoom = CLAMP (zoom, 3.0, 17.0);
  wk_world_to_lonlat ((xmin + xmax) / 2, (ymin + ymax) / 2, &lon, &lat);
  if (animate && gtk_widget_get_mapped (GTK_WIDGET (self)))
    shumate_map_go_to_full (self->map, lat, lon, zoom);
  else
    {
      shumate_viewport_set_zoom_level (self->viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
    }
}

static gboolean
pending_fit_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  WkMapView *self = WK_MAP_VIEW (widget);

  if (gtk_widget_get_width (GTK_WIDGET (self->map)) <= 0)
    return G_SOURCE_CONTINUE;
  self->pending_tick_id = 0;
  if (self->pending_fit)
    {
      self->pending_fit = FALSE;
      go_to_world_bounds (self, self->pending[0], self->pending[1], self->pending[2],
                          self->pending[3], FALSE);
    }
  return G_SOURCE_REMOVE;
}

static void
zoom_to_world_bounds (WkMapView *self,
                      double     xmin,
                      double     ymin,
                      double     xmax,
                      double     ymax,
                      gboolean   animate)
{
  if (xmin > xmax || ymin > ymax)
    return;
  if (gtk_widget_get_width (GTK_WIDGET (self->map)) <= 0)
    {
      self->pending_fit = TRUE;
      self->pending[0] = xmin;
      self->pending[1] = ymin;
      self->pending[2] = xmax;
      self->pending[3] = ymax;
      if (self->pending_tick_id == 0)
        self->pending_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), pending_fit_cb,
                                                              NULL, NULL);
      return;
    }
  go_to_world_bounds (self, xmin, ymin, xmax, ymax, animate);
}

/* The map pans with the primary button only; while a tool takes that, the
 * middle and right buttons pan. */
static void
on_pan_begin_cb (WkMapView      *self,
                 double          x,
                 double          y,
                 GtkGestureDrag *gesture)
{
  WkView view;

  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_PRIMARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  wk_units_layer_get_view (self->units_layer, &view);
  self->pan_cx = view.cx;
  self->pan_cy = view.cy;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->units_layer), "grabbing");
}

static void
on_pan_update_cb (WkMapView      *self,
                  double          offset_x,
                  double          offset_y,
                  GtkGestureDrag *gesture)
{
  WkView view;
  double c, s, lon, lat;

  wk_units_layer_get_view (self->units_layer, &view);
  c = cos (-view.rotation);
  s = sin (-view.rotation);
  wk_world_to_lonlat (self->pan_cx - (c * offset_x - s * offset_y) / view.scale,
                      self->pan_cy - (s * offset_x + c * offset_y) / view.scale, &lon, &lat);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
}

static void
on_pan_end_cb (WkMapView      *self,
               double          offset_x,
               double          offset_y,
               GtkGestureDrag *gesture)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->units_layer),
                                   self->tool == WK_MAP_TOOL_INSPECT ? NULL : "crosshair");
}

static void
on_motion_cb (WkMapView                *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  guint unit = self->dragging ? WK_UNIT_NONE : wk_map_view_get_unit_at (self, x, y);

  if (unit != self->hover_unit)
    {
      self->hover_unit = unit;
      wk_units_layer_set_hover_unit (self->units_layer, unit);
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
    }
}

static void
on_leave_cb (WkMapView                *self,
             GtkEventControllerMotion *motion)
{
  self->hover_unit = WK_UNIT_NONE;
  wk_units_layer_set_hover_unit (self->units_layer, WK_UNIT_NONE);
}

static gboolean
on_query_tooltip_cb (WkMapView  *self,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip)
{
  WkDataset *dataset = _wk_map_view_get_dataset (self);
  guint provider, unit;

  if (dataset == NULL || keyboard || self->dragging)
    return FALSE;
  provider = wk_providers_layer_pick (self->providers_layer, x, y);
  if (provider != G_MAXUINT)
    {
      const WkProvider *p = wk_dataset_get_provider (dataset, provider);
      g_autofree char *name = g_markup_escape_text (p->name != NULL ? p->name : "", -1);
      g_autoptr(GString) markup = g_string_new (NULL);

      g_string_append_printf (markup, "<b>%s</b>\n%s", name, wk_provider_kind_get_label (p->kind));
      if (p->dispensing)
        g_string_append_printf (markup, " · %s", _("dispensing GP"));
      if (p->network != NULL)
        {
          g_autofree char *network = g_markup_escape_text (p->network, -1);

          g_string_append_printf (markup, "\n%s", network);
        }
      if (p->kind == WK_PROVIDER_GP && !isnan (p->capacity_fte))
        {
          g_autofree char *fte = g_strdup_printf (_("%.1f FTE"), p->capacity_fte);

          g_string_append_printf (markup, "\n%s", fte);
        }
      gtk_tooltip_set_markup (tooltip, markup->str);
      return TRUE;
    }

  unit = wk_map_view_get_unit_at (self, x, y);
  if (unit == WK_UNIT_NONE)
    return FALSE;
  {
    g_autofree char *markup = wk_map_view_dup_unit_markup (self, unit);

    gtk_tooltip_set_markup (tooltip, markup);
  }
  return TRUE;
}

/* ------------------------------------------------------------- GObject */

static void
wk_map_view_dispose (GObject *object)
{
  WkMapView *self = WK_MAP_VIEW (object);
  GtkWidget *child;

  if (self->pending_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pending_tick_id);
      self->pending_tick_id = 0;
    }
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->plan);
  g_clear_object (&self->dissolver);
  g_clear_object (&self->settings);
  g_clear_object (&self->basemap_layer);
  g_clear_object (&self->basemap_source);
  g_clear_object (&self->reference);
  if (self->inspect_popover != NULL)
    {
      gtk_popover_popdown (self->inspect_popover);
      gtk_widget_unparent (GTK_WIDGET (self->inspect_popover));
    }
  self->inspect_popover = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_MAP_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wk_map_view_parent_class)->dispose (object);
}

static void
wk_map_view_finalize (GObject *object)
{
  WkMapView *self = WK_MAP_VIEW (object);

  g_free (self->basemap);
  g_array_unref (self->lasso);
  G_OBJECT_CLASS (wk_map_view_parent_class)->finalize (object);
}

static void
wk_map_view_class_init (WkMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wk_map_view_dispose;
  object_class->finalize = wk_map_view_finalize;

  g_type_ensure (WK_TYPE_LEGEND);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wijkindeling/Wijkindeling/ui/wk-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WkMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, WkMapView, map);
  gtk_widget_class_bind_template_child (widget_class, WkMapView, legend_revealer);
  gtk_widget_class_bind_template_child (widget_class, WkMapView, legend);
  gtk_widget_class_bind_template_child (widget_class, WkMapView, active_revealer);
  gtk_widget_class_bind_template_child (widget_class, WkMapView, active_tool_icon);
  gtk_widget_class_bind_template_child (widget_class, WkMapView, active_label);
  gtk_widget_class_bind_template_child (widget_class, WkMapView, scale);
  gtk_widget_class_bind_template_child (widget_class, WkMapView, license);
  gtk_widget_class_bind_template_child (widget_class, WkMapView, inspect_popover);
  gtk_widget_class_bind_template_child (widget_class, WkMapView, inspect_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wk-map-view");
}

static void
wk_map_view_init (WkMapView *self)
{
  g_autoptr(ShumateMapSourceRegistry) registry = NULL;
  GtkGesture *drag;
  GtkEventController *motion;
  static const char *keys[] = { "show-networks", "show-providers", "show-legend" };

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->inspect_popover), GTK_WIDGET (self));

  self->lasso = g_array_new (FALSE, FALSE, sizeof (double));
  self->tool = WK_MAP_TOOL_INSPECT;
  self->active_area = WK_AREA_NONE;
  self->hover_unit = WK_UNIT_NONE;
  self->settings = g_settings_new (APP_ID);

  /* Positions are computed against OpenStreetMap's tiling, which every
   * basemap shares; without a basemap nothing is ever downloaded. */
  self->viewport = shumate_map_get_viewport (self->map);
  registry = shumate_map_source_registry_new_with_defaults ();
  self->reference = g_object_ref (shumate_map_source_registry_get_by_id (registry,
                                                                         SHUMATE_MAP_SOURCE_OSM_MAPNIK));
  shumate_viewport_set_reference_map_source (self->viewport, self->reference);
  shumate_viewport_set_zoom_level (self->viewport, 8.0);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), 52.1, 5.1);
  shumate_scale_set_viewport (self->scale, self->viewport);
  shumate_scale_set_unit (self->scale, SHUMATE_UNIT_METRIC);
  shumate_map_set_zoom_on_double_click (self->map, FALSE);

  self->units_layer = wk_units_layer_new (self->viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->units_layer));
  self->providers_layer = wk_providers_layer_new (self->viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->providers_layer));

  apply_basemap (self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    on_settings_changed_cb (self, keys[i], self->settings);

  _wk_map_view_init_tools (self);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_pan_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_pan_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_pan_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (drag));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  _wk_map_view_update_active_card (self);
}

/* -------------------------------------------------------------- public */

/**
 * wk_map_view_set_plan:
 * @plan: (nullable): the plan to show
 * @dissolver: (nullable): its area outlines
 */
void
wk_map_view_set_plan (WkMapView   *self,
                      WkPlan      *plan,
                      WkDissolver *dissolver)
{
  g_autoptr(WkUnitsRenderer) renderer = NULL;

  g_return_if_fail (WK_IS_MAP_VIEW (self));

  if (self->dragging)
    _wk_map_view_end_drag (self);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  g_set_object (&self->dissolver, dissolver);
  self->active_area = WK_AREA_NONE;
  self->hover_unit = WK_UNIT_NONE;

  if (plan != NULL)
    {
      renderer = wk_units_renderer_new (plan, dissolver);
      wk_units_renderer_prepare_async (renderer, NULL);
      wk_units_renderer_set_fill_alpha (renderer, self->basemap_source != NULL ? 0.55 : 0.75);
      g_signal_connect_object (plan, "changed", G_CALLBACK (on_plan_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  wk_units_layer_set_renderer (self->units_layer, renderer);
  wk_providers_layer_set_dataset (self->providers_layer, _wk_map_view_get_dataset (self));
  wk_legend_set_dataset (self->legend, _wk_map_view_get_dataset (self));
  _wk_map_view_update_active_card (self);
}

const char *
wk_map_view_get_tool (WkMapView *self)
{
  g_return_val_if_fail (WK_IS_MAP_VIEW (self), NULL);
  return wk_map_tool_get_name (self->tool);
}

/**
 * wk_map_view_set_tool:
 * @tool: inspect, brush, box, lasso, eraser or fill
 */
void
wk_map_view_set_tool (WkMapView  *self,
                      const char *tool)
{
  g_return_if_fail (WK_IS_MAP_VIEW (self));

  g_return_if_fail (tool != NULL);

  if (self->dragging)
    _wk_map_view_end_drag (self);
  self->tool = wk_map_tool_from_name (tool);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->units_layer),
                                   self->tool == WK_MAP_TOOL_INSPECT ? NULL : "crosshair");
  _wk_map_view_update_active_card (self);
}

/**
 * wk_map_view_set_active_area:
 * @area: the area the tools paint with, or %WK_AREA_NONE
 */
void
wk_map_view_set_active_area (WkMapView *self,
                             guint      area)
{
  g_return_if_fail (WK_IS_MAP_VIEW (self));
  self->active_area = area;
  wk_units_layer_set_selected_area (self->units_layer, area);
  _wk_map_view_update_active_card (self);
}

void
wk_map_view_zoom_in (WkMapView *self)
{
  g_return_if_fail (WK_IS_MAP_VIEW (self));
  shumate_map_zoom_in (self->map);
}

void
wk_map_view_zoom_out (WkMapView *self)
{
  g_return_if_fail (WK_IS_MAP_VIEW (self));
  shumate_map_zoom_out (self->map);
}

/**
 * wk_map_view_zoom_to_fit:
 * @animate: whether to fly there
 *
 * Shows all units.
 */
void
wk_map_view_zoom_to_fit (WkMapView *self,
                         gboolean   animate)
{
  WkUnitsRenderer *renderer;
  double xmin, ymin, xmax, ymax;

  g_return_if_fail (WK_IS_MAP_VIEW (self));
  renderer = wk_units_layer_get_renderer (self->units_layer);
  if (renderer == NULL)
    return;
  wk_units_renderer_get_bounds (renderer, &xmin, &ymin, &xmax, &ymax);
  zoom_to_world_bounds (self, xmin, ymin, xmax, ymax, animate);
}

void
wk_map_view_zoom_to_area (WkMapView *self,
                          guint      area)
{
  WkUnitsRenderer *renderer;
  double xmin, ymin, xmax, ymax;

  g_return_if_fail (WK_IS_MAP_VIEW (self));
  renderer = wk_units_layer_get_renderer (self->units_layer);
  if (renderer != NULL && wk_units_renderer_get_area_bounds (renderer, area, &xmin, &ymin,
                                                             &xmax, &ymax))
    zoom_to_world_bounds (self, xmin, ymin, xmax, ymax, TRUE);
}

/**
 * wk_map_view_show_finding:
 * @finding: (nullable): the finding to mark, or %NULL to clear the mark
 *
 * Marks the finding's units (or areas) and flies to them.
 */
void
wk_map_view_show_finding (WkMapView *self,
                          WkFinding *finding)
{
  WkUnitsRenderer *renderer;
  const guint *units = NULL, *areas = NULL;
  guint n_units = 0, n_areas = 0;
  double xmin = G_MAXDOUBLE, ymin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE, ymax = -G_MAXDOUBLE;

  g_return_if_fail (WK_IS_MAP_VIEW (self));
  renderer = wk_units_layer_get_renderer (self->units_layer);
  if (renderer == NULL)
    return;
  if (finding != NULL)
    {
      units = wk_finding_get_units (finding, &n_units);
      areas = wk_finding_get_areas (finding, &n_areas);
    }
  /* the units say more precisely what is wrong than their areas */
  wk_units_layer_set_highlight (self->units_layer, units, n_units, n_units > 0 ? NULL : areas,
                                n_units > 0 ? 0 : n_areas);
  for (guint i = 0; i < MAX (n_units, n_areas); i++)
    {
      double b[4];

      if (n_units > 0)
        wk_units_renderer_get_unit_bounds (renderer, units[i], &b[0], &b[1], &b[2], &b[3]);
      else if (!wk_units_renderer_get_area_bounds (renderer, areas[i], &b[0], &b[1], &b[2], &b[3]))
        continue;
      xmin = MIN (xmin, b[0]);
      ymin = MIN (ymin, b[1]);
      xmax = MAX (xmax, b[2]);
      ymax = MAX (ymax, b[3]);
    }
  if (xmin <= xmax)
    zoom_to_world_bounds (self, xmin, ymin, xmax, ymax, TRUE);
}

/**
 * wk_map_view_get_unit_at:
 * @x: x in the map view's coordinates
 * @y: y
 *
 * Returns: the unit at that point, or %WK_UNIT_NONE
 */
guint
wk_map_view_get_unit_at (WkMapView *self,
                         double     x,
                         double     y)
{
  double rx, ry;

  g_return_val_if_fail (WK_IS_MAP_VIEW (self), WK_UNIT_NONE);
  if (self->plan == NULL)
    return WK_UNIT_NONE;
  _wk_map_view_widget_to_rd (self, x, y, &rx, &ry);
  return wk_dataset_lookup_point (_wk_map_view_get_dataset (self), rx, ry);
}

/**
 * wk_map_view_get_unit_position:
 * @x: (out): where the unit's inner point is in the map view
 * @y: (out)
 *
 * Returns: %FALSE when there is no such unit
 */
gboolean
wk_map_view_get_unit_position (WkMapView *self,
                               guint      unit,
                               double    *x,
                               double    *y)
{
  const WkUnit *u;
  WkView view;
  double lon, lat, wx, wy;

  g_return_val_if_fail (WK_IS_MAP_VIEW (self), FALSE);
  if (self->plan == NULL || unit >= wk_dataset_get_n_units (_wk_map_view_get_dataset (self)))
    return FALSE;
  u = wk_dataset_get_unit (_wk_map_view_get_dataset (self), unit);
  wk_rd_to_lonlat (u->lx, u->ly, &lon, &lat);
  wk_lonlat_to_world (lon, lat, &wx, &wy);
  wk_units_layer_get_view (self->units_layer, &view);
  wk_view_world_to_widget (&view, wx, wy, x, y);
  return TRUE;
}

/**
 * wk_map_view_dup_unit_markup:
 *
 * What the tooltip and the inspect popover say about a unit: its name,
 * code, population, 65+, size and area.
 *
 * Returns: (transfer full): Pango markup
 */
char *
wk_map_view_dup_unit_markup (WkMapView *self,
                             guint      unit)
{
  WkDataset *dataset;
  const WkUnit *u;
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  guint area;

  g_return_val_if_fail (WK_IS_MAP_VIEW (self), NULL);
  dataset = _wk_map_view_get_dataset (self);
  if (dataset == NULL || unit >= wk_dataset_get_n_units (dataset))
    return g_strdup ("");
  u = wk_dataset_get_unit (dataset, unit);
  name = g_markup_escape_text (u->name != NULL ? u->name : u->code, -1);
  code = g_markup_escape_text (u->code, -1);

  g_string_append_printf (markup, "<b>%s</b>\n<small>%s", name, code);
  if (u->gm_name != NULL)
    {
      g_autofree char *gm = g_markup_escape_text (u->gm_name, -1);

      g_string_append_printf (markup, " · %s", gm);
    }
  g_string_append (markup, "</small>\n");
  if (u->population >= 0)
    {
      g_autofree char *inhabitants = wk_format_inhabitants (u->population);

      g_string_append (markup, inhabitants);
    }
  else
    g_string_append (markup, _("Population unknown"));
  if (u->pop65 >= 0 && u->population > 0)
    g_string_append_printf (markup, _(", %.0f%% aged 65+"), 100.0 * u->pop65 / u->population);
  g_string_append_c (markup, '\n');
  g_string_append_printf (markup, _("%.2f km²"), u->area_m2 / 1e6);

  area = wk_plan_get_unit_area (self->plan, unit);
  if (area != WK_AREA_NONE)
    {
      WkArea *object = wk_plan_get_area (self->plan, area);
      g_autofree char *area_name = g_markup_escape_text (wk_area_get_name (object), -1);
      g_autofree char *color = g_markup_escape_text (wk_area_get_color (object), -1);

      g_string_append_printf (markup, "\n<span foreground=\"%s\">●</span> ", color);
      g_string_append_printf (markup, _("In “%s”"), area_name);
    }
  else
    g_string_append_printf (markup, "\n<i>%s</i>", _("Not in an area"));
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

ShumateMap *
wk_map_view_get_map (WkMapView *self)
{
  g_return_val_if_fail (WK_IS_MAP_VIEW (self), NULL);
  return self->map;
}

WkUnitsLayer *
wk_map_view_get_units_layer (WkMapView *self)
{
  g_return_val_if_fail (WK_IS_MAP_VIEW (self), NULL);
  return self->units_layer;
}

WkProvidersLayer *
wk_map_view_get_providers_layer (WkMapView *self)
{
  g_return_val_if_fail (WK_IS_MAP_VIEW (self), NULL);
  return self->providers_layer;
}

/**
 * wk_map_view_get_basemap:
 *
 * Returns: the basemap shown: pdok-grijs, osm or none
 */
const char *
wk_map_view_get_basemap (WkMapView *self)
{
  g_return_val_if_fail (WK_IS_MAP_VIEW (self), NULL);
  return self->basemap;
}
