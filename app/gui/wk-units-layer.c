/* wk-units-layer.c: the map layer that draws the units, areas and boundary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-units-layer"

#include "config.h"

#include "wk-units-layer.h"

/* Time per frame for drawing new tiles; the rest follows in the next frames. */
#define TILE_BUDGET_US 10000

/* How long the zoom must rest before tiles are drawn at the exact zoom. */
#define ZOOM_REST_MS 250

struct _WkUnitsLayer
{
  ShumateLayer     parent_instance;

  /* owned */
  WkUnitsRenderer *renderer;
  GArray          *highlight_units;
  GArray          *highlight_areas;
  GArray          *sketch;           /* world x, y pairs */

  guint            selected_area;
  guint            hover_unit;
  gboolean         show_networks;
  guint            more_tiles_id;
  double           last_zoom;
  gint64           zoom_changed_at;
  guint            zoom_rest_id;
};

G_DEFINE_FINAL_TYPE (WkUnitsLayer, wk_units_layer, SHUMATE_TYPE_LAYER)

static gboolean
more_tiles_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  WkUnitsLayer *self = WK_UNITS_LAYER (widget);

  self->more_tiles_id = 0;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_REMOVE;
}

static gboolean
zoom_rest_cb (gpointer user_data)
{
  WkUnitsLayer *self = user_data;

  self->zoom_rest_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Whether the zoom has rested long enough for tiles at the exact zoom. */
static gboolean
zoom_rests (WkUnitsLayer *self,
            double        zoom)
{
  gint64 now = g_get_monotonic_time ();

  if (zoom != self->last_zoom)
    {
      self->last_zoom = zoom;
      self->zoom_changed_at = now;
      g_clear_handle_id (&self->zoom_rest_id, g_source_remove);
      self->zoom_rest_id = g_timeout_add (ZOOM_REST_MS, zoom_rest_cb, self);
      return FALSE;
    }
  return now - self->zoom_changed_at >= ZOOM_REST_MS * 1000;
}

static void
on_viewport_notify_cb (WkUnitsLayer *self,
                       GParamSpec   *pspec,
                       GObject      *viewport)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_plan_changed_cb (WkUnitsLayer *self,
                    WkPlanChange *change,
                    WkPlan       *plan)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw_overlays (WkUnitsLayer *self,
               cairo_t      *cr,
               const WkView *view)
{
  WkPlan *plan = wk_units_renderer_get_plan (self->renderer);
  WkDataset *dataset = wk_plan_get_dataset (plan);
  static const double dashes[] = { 6.0, 4.0 };

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  /* existing team areas: purple dashes on white, visible on any outline */
  if (self->show_networks)
    {
      for (guint i = 0; i < wk_dataset_get_n_networks (dataset); i++)
        wk_units_renderer_path_network (self->renderer, cr, view, i);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 3.5);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, 0.57, 0.25, 0.67, 1.0);
      cairo_set_line_width (cr, 2.5);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* municipal boundary: dark, on a light halo */
  wk_units_renderer_path_boundary (self->renderer, cr, view);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_set_line_width (cr, 4.5);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 0.14, 0.12, 0.16, 0.95);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);

  /* units and areas of a finding */
  if (self->highlight_units->len > 0 || self->highlight_areas->len > 0)
    {
      for (guint i = 0; i < self->highlight_units->len; i++)
        wk_units_renderer_path_unit (self->renderer, cr, view,
                                     g_array_index (self->highlight_units, guint, i));
      for (guint i = 0; i < self->highlight_areas->len; i++)
        wk_units_renderer_path_area (self->renderer, cr, view,
                                     g_array_index (self->highlight_areas, guint, i));
      cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.25);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 5.0);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 1.0);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }

  /* the active area */
  if (self->selected_area != WK_AREA_NONE)
    {
      wk_units_renderer_path_area (self->renderer, cr, view, self->selected_area);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 6.0);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
      cairo_set_line_width (cr, 3.0);
      cairo_stroke (cr);
    }

  /* the unit under the pointer */
  if (self->hover_unit != WK_UNIT_NONE && self->hover_unit < wk_dataset_get_n_units (dataset))
    {
      wk_units_renderer_path_unit (self->renderer, cr, view, self->hover_unit);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.25);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
      cairo_set_line_width (cr, 3.0);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.9);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
    }

  /* box or lasso being drawn */
  if (self->sketch->len >= 2)
    {
      for (guint i = 0; i < self->sketch->len / 2; i++)
        {
          double x, y;

          wk_view_world_to_local (view, g_array_index (self->sketch, double, 2 * i),
                                  g_array_index (self->sketch, double, 2 * i + 1), &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
wk_units_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  WkUnitsLayer *self = WK_UNITS_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  graphene_rect_t bounds;
  WkView view;
  gboolean complete;
  cairo_t *cr;

  if (self->renderer == NULL || shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;

  wk_units_layer_get_view (self, &view);
  if (view.width <= 0 || view.height <= 0)
    return;
  wk_units_renderer_set_scale_factor (self->renderer, gtk_widget_get_scale_factor (widget));

  gtk_snapshot_save (snapshot);
  if (view.rotation != 0.0)
    {
      graphene_point_t centre = GRAPHENE_POINT_INIT (view.width / 2, view.height / 2);

      gtk_snapshot_translate (snapshot, &centre);
      gtk_snapshot_rotate (snapshot, view.rotation * 180.0 / G_PI);
      centre.x = -centre.x;
      centre.y = -centre.y;
      gtk_snapshot_translate (snapshot, &centre);
    }
  complete = wk_units_renderer_snapshot (self->renderer, snapshot, &view, TILE_BUDGET_US,
                                         zoom_rests (self, view.zoom));

  graphene_rect_init (&bounds, 0, 0, view.width, view.height);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  draw_overlays (self, cr, &view);
  cairo_destroy (cr);
  gtk_snapshot_restore (snapshot);

  if (!complete && self->more_tiles_id == 0)
    self->more_tiles_id = gtk_widget_add_tick_callback (widget, more_tiles_cb, NULL, NULL);
}

static void
wk_units_layer_constructed (GObject *object)
{
  WkUnitsLayer *self = WK_UNITS_LAYER (object);

  G_OBJECT_CLASS (wk_units_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
wk_units_layer_dispose (GObject *object)
{
  WkUnitsLayer *self = WK_UNITS_LAYER (object);

  if (self->more_tiles_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->more_tiles_id);
      self->more_tiles_id = 0;
    }
  g_clear_handle_id (&self->zoom_rest_id, g_source_remove);
  g_clear_object (&self->renderer);
  G_OBJECT_CLASS (wk_units_layer_parent_class)->dispose (object);
}

static void
wk_units_layer_finalize (GObject *object)
{
  WkUnitsLayer *self = WK_UNITS_LAYER (object);

  g_array_unref (self->highlight_units);
  g_array_unref (self->highlight_areas);
  g_array_unref (self->sketch);
  G_OBJECT_CLASS (wk_units_layer_parent_class)->finalize (object);
}

static void
wk_units_layer_class_init (WkUnitsLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wk_units_layer_constructed;
  object_class->dispose = wk_units_layer_dispose;
  object_class->finalize = wk_units_layer_finalize;
  widget_class->snapshot = wk_units_layer_snapshot;
  gtk_widget_class_set_css_name (widget_class, "wk-units-layer");
}

static void
wk_units_layer_init (WkUnitsLayer *self)
{
  self->highlight_units = g_array_new (FALSE, FALSE, sizeof (guint));
  self->highlight_areas = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sketch = g_array_new (FALSE, FALSE, sizeof (double));
  self->selected_area = WK_AREA_NONE;
  self->hover_unit = WK_UNIT_NONE;
  self->last_zoom = -1.0;
}

WkUnitsLayer *
wk_units_layer_new (ShumateViewport *viewport)
{
  return g_object_new (WK_TYPE_UNITS_LAYER, "viewport", viewport, NULL);
}

WkUnitsRenderer *
wk_units_layer_get_renderer (WkUnitsLayer *self)
{
  g_return_val_if_fail (WK_IS_UNITS_LAYER (self), NULL);
  return self->renderer;
}

/**
 * wk_units_layer_set_renderer:
 * @renderer: (nullable): what to draw, or %NULL for nothing
 *
 * Sets the renderer of the plan to show.
 */
void
wk_units_layer_set_renderer (WkUnitsLayer    *self,
                             WkUnitsRenderer *renderer)
{
  g_return_if_fail (WK_IS_UNITS_LAYER (self));

  if (self->renderer == renderer)
    return;
  if (self->renderer != NULL)
    g_signal_handlers_disconnect_by_func (wk_units_renderer_get_plan (self->renderer),
                                          on_plan_changed_cb, self);
  g_set_object (&self->renderer, renderer);
  if (renderer != NULL)
    g_signal_connect_object (wk_units_renderer_get_plan (renderer), "changed",
                             G_CALLBACK (on_plan_changed_cb), self, G_CONNECT_SWAPPED);
  self->selected_area = WK_AREA_NONE;
  self->hover_unit = WK_UNIT_NONE;
  g_array_set_size (self->highlight_units, 0);
  g_array_set_size (self->highlight_areas, 0);
  g_array_set_size (self->sketch, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wk_units_layer_get_view:
 * @view: (out): the transform of the layer's viewport
 *
 * Gets the transform between world and widget coordinates.
 */
void
wk_units_layer_get_view (WkUnitsLayer *self,
                         WkView       *view)
{
  g_return_if_fail (WK_IS_UNITS_LAYER (self));
  wk_view_init_for_layer (view, SHUMATE_LAYER (self));
}

/* Sets *@field, and redraws the overlays if it changed. */
static void
set_and_redraw (WkUnitsLayer *self,
                guint        *field,
                guint         value)
{
  if (*field == value)
    return;
  *field = value;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wk_units_layer_set_show_networks (WkUnitsLayer *self,
                                  gboolean      show)
{
  g_return_if_fail (WK_IS_UNITS_LAYER (self));
  if (self->show_networks == !!show)
    return;
  self->show_networks = !!show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wk_units_layer_set_selected_area:
 * @area: the area to outline, or %WK_AREA_NONE
 */
void
wk_units_layer_set_selected_area (WkUnitsLayer *self,
                                  guint         area)
{
  g_return_if_fail (WK_IS_UNITS_LAYER (self));
  set_and_redraw (self, &self->selected_area, area);
}

/**
 * wk_units_layer_set_hover_unit:
 * @unit: the unit under the pointer, or %WK_UNIT_NONE
 */
void
wk_units_layer_set_hover_unit (WkUnitsLayer *self,
                               guint         unit)
{
  g_return_if_fail (WK_IS_UNITS_LAYER (self));
  set_and_redraw (self, &self->hover_unit, unit);
}

/**
 * wk_units_layer_set_highlight:
 * @units: (array length=n_units) (nullable): units to mark
 * @areas: (array length=n_areas) (nullable): areas to mark
 *
 * Marks the units and areas of a finding.
 */
void
wk_units_layer_set_highlight (WkUnitsLayer *self,
                              const guint  *units,
                              guint         n_units,
                              const guint  *areas,
                              guint         n_areas)
{
  g_return_if_fail (WK_IS_UNITS_LAYER (self));
  g_array_set_size (self->highlight_units, 0);
  g_array_set_size (self->highlight_areas, 0);
  if (n_units > 0)
    g_array_append_vals (self->highlight_units, units, n_units);
  if (n_areas > 0)
    g_array_append_vals (self->highlight_areas, areas, n_areas);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wk_units_layer_set_sketch:
 * @world_xy: (array length=n_points) (nullable): the outline of the box or
 *   lasso being drawn, as world x, y pairs
 * @n_points: number of points
 */
void
wk_units_layer_set_sketch (WkUnitsLayer *self,
                           const double *world_xy,
                           guint         n_points)
{
  g_return_if_fail (WK_IS_UNITS_LAYER (self));
  g_array_set_size (self->sketch, 0);
  if (n_points > 0)
    g_array_append_vals (self->sketch, world_xy, 2 * n_points);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wk_units_layer_render_offscreen:
 * @plan: the plan to draw
 * @dissolver: its area outlines
 * @width: frame width in pixels
 * @height: frame height in pixels
 * @zoom: the zoom level (Web Mercator, as libshumate's)
 *
 * Draws one full frame of the units layer, centred on the units, as the
 * map would show it with an empty tile cache: every tile of the frame is
 * drawn.  Needs no display; for the benchmark and tests.
 *
 * Returns: (transfer full): an image surface of @width × @height
 */
cairo_surface_t *
wk_units_layer_render_offscreen (WkPlan      *plan,
                                 WkDissolver *dissolver,
                                 int          width,
                                 int          height,
                                 double       zoom)
{
  g_autoptr(WkUnitsRenderer) renderer = NULL;
  cairo_surface_t *surface;
  double xmin, ymin, xmax, ymax, lon, lat;
  WkView view;
  cairo_t *cr;

  g_return_val_if_fail (WK_IS_PLAN (plan), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  renderer = wk_units_renderer_new (plan, dissolver);
  wk_units_renderer_get_bounds (renderer, &xmin, &ymin, &xmax, &ymax);
  wk_world_to_lonlat ((xmin + xmax) / 2, (ymin + ymax) / 2, &lon, &lat);
  wk_view_init (&view, lon, lat, zoom, 0.0, width, height);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.96, 0.96, 0.95);
  cairo_paint (cr);
  wk_units_renderer_draw (renderer, cr, &view);
  cairo_destroy (cr);
  return surface;
}

/**
 * wk_view_init_for_layer:
 * @view: (out): the transform
 * @layer: a layer of a map
 *
 * The transform between world coordinates and the layer's widget, from its
 * viewport, as libshumate places its tiles.
 */
void
wk_view_init_for_layer (WkView       *view,
                        ShumateLayer *layer)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (layer);
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double tile_size = source != NULL ? shumate_map_source_get_tile_size (source) : WK_TILE_SIZE;

  wk_view_init (view,
                shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                shumate_viewport_get_zoom_level (viewport),
                shumate_viewport_get_rotation (viewport),
                gtk_widget_get_width (GTK_WIDGET (layer)),
                gtk_widget_get_height (GTK_WIDGET (layer)));
  view->scale *= tile_size / WK_TILE_SIZE;
}
