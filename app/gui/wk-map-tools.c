/* wk-map-tools.c: what the primary button does on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-map-math.h"
#include "wk-map-view-private.h"

/* The tools turn pointer positions into units (through the data set's
 * spatial index) and hand them to the window's actions: win.paint,
 * win.erase, win.fill and win.select-unit-area.  A drag with the primary
 * button paints (brush), erases (eraser), boxes or lassos; a click inspects
 * or fills.  The card over the map says what the tool does. */

#define BRUSH_STEP_PX  4.0

static const char * const tool_names[] = {
  [WK_MAP_TOOL_INSPECT] = "inspect",
  [WK_MAP_TOOL_BRUSH]   = "brush",
  [WK_MAP_TOOL_BOX]     = "box",
  [WK_MAP_TOOL_LASSO]   = "lasso",
  [WK_MAP_TOOL_ERASER]  = "eraser",
  [WK_MAP_TOOL_FILL]    = "fill",
};

static const char * const tool_icons[] = {
  [WK_MAP_TOOL_INSPECT] = NULL,
  [WK_MAP_TOOL_BRUSH]   = "wk-tool-brush-symbolic",
  [WK_MAP_TOOL_BOX]     = "wk-tool-box-symbolic",
  [WK_MAP_TOOL_LASSO]   = "wk-tool-lasso-symbolic",
  [WK_MAP_TOOL_ERASER]  = "wk-tool-eraser-symbolic",
  [WK_MAP_TOOL_FILL]    = "wk-tool-fill-symbolic",
};

/**
 * wk_map_tool_from_name:
 * @name: as the win.tool action says it: "inspect", "brush", …
 *
 * Returns: the tool; an unknown name is inspect, which changes nothing
 */
WkMapTool
wk_map_tool_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tool_names); i++)
    if (g_strcmp0 (name, tool_names[i]) == 0)
      return (WkMapTool) i;
  return WK_MAP_TOOL_INSPECT;
}

const char *
wk_map_tool_get_name (WkMapTool tool)
{
  g_return_val_if_fail (tool < G_N_ELEMENTS (tool_names), NULL);
  return tool_names[tool];
}

/* Whether the tool paints or erases along the pointer, as one undo step. */
static gboolean
is_stroke (WkMapView *self)
{
  return self->tool == WK_MAP_TOOL_BRUSH || self->tool == WK_MAP_TOOL_ERASER;
}

void
_wk_map_view_widget_to_rd (WkMapView *self,
                           double     x,
                           double     y,
                           double    *rx,
                           double    *ry)
{
  WkView view;
  double wx, wy, lon, lat;

  wk_units_layer_get_view (self->units_layer, &view);
  wk_view_widget_to_world (&view, x, y, &wx, &wy);
  wk_world_to_lonlat (wx, wy, &lon, &lat);
  wk_lonlat_to_rd (lon, lat, rx, ry);
}

static void
activate_units (WkMapView  *self,
                const char *action,
                GArray     *units)
{
  if (units->len == 0)
    return;
  gtk_widget_activate_action_variant (GTK_WIDGET (self), action,
                                      g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32,
                                                                 units->data, units->len,
                                                                 sizeof (guint32)));
}

void
_wk_map_view_update_active_card (WkMapView *self)
{
  const char *icon;
  g_autofree char *text = NULL;
  WkArea *area = NULL;

  if (self->plan != NULL && self->active_area != WK_AREA_NONE)
    area = wk_plan_get_area (self->plan, self->active_area);

  if (self->plan == NULL || self->tool == WK_MAP_TOOL_INSPECT)
    {
      gtk_revealer_set_reveal_child (self->active_revealer, FALSE);
      return;
    }
  icon = tool_icons[self->tool];
  if (self->tool == WK_MAP_TOOL_ERASER)
    {
      text = g_strdup (_("Erasing: units become unassigned"));
    }
  else
    {
      const char *name = area != NULL ? wk_area_get_name (area) : NULL;

      if (name == NULL)
        text = g_strdup (_("Painting into a new area"));
      else if (area != NULL && wk_area_get_locked (area))
        text = g_strdup_printf (_("“%s” is locked"), name);
      else if (g_settings_get_boolean (self->settings, "paint-only-unassigned"))
        text = g_strdup_printf (_("Painting unassigned units into “%s”"), name);
      else
        text = g_strdup_printf (_("Painting into “%s”"), name);
    }
  gtk_image_set_from_icon_name (self->active_tool_icon, icon);
  gtk_label_set_label (self->active_label, text);
  gtk_revealer_set_reveal_child (self->active_revealer, TRUE);
}

/* --------------------------------------------------------------- tools */

/* The units under the segment from the last pointer position to (x, y),
 * that the stroke still has to change. */
static void
collect_stroke_units (WkMapView *self,
                      double     x,
                      double     y,
                      GArray    *units)
{
  double dx = x - self->last_x, dy = y - self->last_y;
  double length = sqrt (dx * dx + dy * dy);
  guint steps = MAX (1, (guint) ceil (length / BRUSH_STEP_PX));
  gboolean erasing = self->tool == WK_MAP_TOOL_ERASER;

  for (guint s = 1; s <= steps; s++)
    {
      double t = (double) s / steps;
      guint unit = wk_map_view_get_unit_at (self, self->last_x + t * dx, self->last_y + t * dy);
      guint area;
      gboolean seen = FALSE;

      if (unit == WK_UNIT_NONE)
        continue;
      area = wk_plan_get_unit_area (self->plan, unit);
      if (erasing ? area == WK_AREA_NONE : (area == self->active_area && area != WK_AREA_NONE))
        continue;
      for (guint i = 0; i < units->len && !seen; i++)
        seen = g_array_index (units, guint, i) == unit;
      if (!seen)
        g_array_append_val (units, unit);
    }
  self->last_x = x;
  self->last_y = y;
}

static void
stroke_to (WkMapView *self,
           double     x,
           double     y)
{
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (guint));

  collect_stroke_units (self, x, y, units);
  activate_units (self, self->tool == WK_MAP_TOOL_ERASER ? "win.erase" : "win.paint", units);
}

static void
update_sketch (WkMapView *self)
{
  g_autoptr(GArray) world = g_array_new (FALSE, FALSE, sizeof (double));
  WkView view;

  wk_units_layer_get_view (self->units_layer, &view);
  for (guint i = 0; i < self->lasso->len / 2; i++)
    {
      double wx, wy;

      wk_view_widget_to_world (&view, g_array_index (self->lasso, double, 2 * i),
                               g_array_index (self->lasso, double, 2 * i + 1), &wx, &wy);
      g_array_append_val (world, wx);
      g_array_append_val (world, wy);
    }
  wk_units_layer_set_sketch (self->units_layer, (double *) world->data, world->len / 2);
}

static void
set_box (WkMapView *self,
         double     x0,
         double     y0,
         double     x1,
         double     y1)
{
  double corners[8] = { x0, y0, x1, y0, x1, y1, x0, y1 };

  g_array_set_size (self->lasso, 0);
  g_array_append_vals (self->lasso, corners, 8);
  update_sketch (self);
}

static void
finish_sketch (WkMapView *self)
{
  g_autoptr(GArray) rd = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) units = NULL;
  guint n = self->lasso->len / 2;

  if (n >= 3)
    {
      for (guint i = 0; i <= n; i++)
        {
          double x, y;

          _wk_map_view_widget_to_rd (self, g_array_index (self->lasso, double, 2 * (i % n)),
                        g_array_index (self->lasso, double, 2 * (i % n) + 1), &x, &y);
          g_array_append_val (rd, x);
          g_array_append_val (rd, y);
        }
      units = wk_dataset_query_polygon (_wk_map_view_get_dataset (self), (double *) rd->data, n + 1);
      activate_units (self, "win.paint", units);
    }
  g_array_set_size (self->lasso, 0);
  wk_units_layer_set_sketch (self->units_layer, NULL, 0);
}

static void
on_drag_begin_cb (WkMapView      *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  if (self->plan == NULL || self->tool == WK_MAP_TOOL_INSPECT || self->tool == WK_MAP_TOOL_FILL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->dragging = TRUE;
  self->drag_x = self->last_x = x;
  self->drag_y = self->last_y = y;
  wk_units_layer_set_hover_unit (self->units_layer, WK_UNIT_NONE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), FALSE);

  if (is_stroke (self))
    {
      wk_plan_begin_group (self->plan, self->tool == WK_MAP_TOOL_BRUSH ? _("Paint") : _("Erase"));
      self->last_x = x - 0.01;   /* so the first step covers the press */
      stroke_to (self, x, y);
    }
  else if (self->tool == WK_MAP_TOOL_BOX)
    set_box (self, x, y, x, y);
  else
    {
      g_array_set_size (self->lasso, 0);
      g_array_append_val (self->lasso, x);
      g_array_append_val (self->lasso, y);
      update_sketch (self);
    }
}

static void
on_drag_update_cb (WkMapView      *self,
                   double          offset_x,
                   double          offset_y,
                   GtkGestureDrag *gesture)
{
  double x = self->drag_x + offset_x, y = self->drag_y + offset_y;

  if (!self->dragging)
    return;
  if (is_stroke (self))
    stroke_to (self, x, y);
  else if (self->tool == WK_MAP_TOOL_BOX)
    set_box (self, self->drag_x, self->drag_y, x, y);
  else
    {
      double lx = g_array_index (self->lasso, double, self->lasso->len - 2);
      double ly = g_array_index (self->lasso, double, self->lasso->len - 1);

      if ((x - lx) * (x - lx) + (y - ly) * (y - ly) >= 9.0)
        {
          g_array_append_val (self->lasso, x);
          g_array_append_val (self->lasso, y);
          update_sketch (self);
        }
    }
}

void
_wk_map_view_end_drag (WkMapView *self)
{
  if (!self->dragging)
    return;
  self->dragging = FALSE;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  if (is_stroke (self))
    wk_plan_end_group (self->plan);
  else
    finish_sketch (self);
}

static void
on_drag_end_cb (WkMapView      *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  _wk_map_view_end_drag (self);
}

static void
on_drag_cancel_cb (WkMapView        *self,
                   GdkEventSequence *sequence,
                   GtkGesture       *gesture)
{
  if (self->dragging && !is_stroke (self))
    g_array_set_size (self->lasso, 0);
  _wk_map_view_end_drag (self);
}

static void
show_inspect_popover (WkMapView *self,
                      guint      unit,
                      double     x,
                      double     y)
{
  g_autofree char *markup = wk_map_view_dup_unit_markup (self, unit);
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  gtk_label_set_markup (self->inspect_label, markup);
  gtk_popover_set_pointing_to (self->inspect_popover, &rect);
  gtk_popover_popup (self->inspect_popover);
}

static void
on_click_released_cb (WkMapView       *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  guint unit;

  if (self->plan == NULL || n_press != 1)
    return;
  unit = wk_map_view_get_unit_at (self, x, y);
  if (unit == WK_UNIT_NONE)
    return;
  if (self->tool == WK_MAP_TOOL_INSPECT)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.select-unit-area", "u", unit);
      show_inspect_popover (self, unit, x, y);
    }
  else if (self->tool == WK_MAP_TOOL_FILL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.fill", "u", unit);
}

/**
 * _wk_map_view_init_tools:
 *
 * Lets the tools have the primary button on the map: a drag (brush, box,
 * lasso, eraser) and a click (inspect, fill).
 */
void
_wk_map_view_init_tools (WkMapView *self)
{
  GtkGesture *drag, *click;

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect_swapped (drag, "cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));
}
