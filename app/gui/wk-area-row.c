/* wk-area-row.c: a row of the areas list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-area-row"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-area-row.h"
#include "wk-finding-row.h"
#include "wk-map-view.h"

/* Colour, name, inhabitants and units, lock and the worst finding of one
 * area; its menu forwards to the window's area actions. */

struct _WkAreaRow
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkDrawingArea *swatch;
  GtkLabel       *name_label;
  GtkLabel       *summary_label;
  GtkImage       *note_icon;
  GtkImage       *lock_icon;
  GtkImage       *status_icon;

  /* owned */
  WkArea         *area;
};

G_DEFINE_FINAL_TYPE (WkAreaRow, wk_area_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_AREA,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  WkAreaRow *self = user_data;
  double r, g, b, radius = MIN (width, height) / 2.0 - 1;

  if (self->area == NULL)
    return;
  wk_area_get_rgb (self->area, &r, &g, &b);
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, r * 0.55, g * 0.55, b * 0.55, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static void
update (WkAreaRow *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *inhabitants = NULL;
  g_autofree char *units = NULL;
  const char *note;
  WkSeverity worst;
  guint n;

  if (self->area == NULL)
    return;

  gtk_label_set_label (self->name_label, wk_area_get_name (self->area));
  inhabitants = wk_format_inhabitants (wk_area_get_population (self->area));
  n = wk_area_get_n_units (self->area);
  units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units", n), n);
  summary = g_strdup_printf ("%s · %s", inhabitants, units);
  gtk_label_set_label (self->summary_label, summary);

  note = wk_area_get_note (self->area);
  gtk_widget_set_visible (GTK_WIDGET (self->note_icon), note != NULL && *note != '\0');
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->note_icon), note);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_icon), wk_area_get_locked (self->area));

  for (guint s = WK_SEVERITY_INFO; s <= WK_SEVERITY_ERROR; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), wk_severity_get_css_class (s));
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
  worst = wk_area_get_worst_severity (self->area);
  if (wk_area_has_findings (self->area))
    {
      gtk_image_set_from_icon_name (self->status_icon, wk_severity_get_icon_name (worst));
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), wk_severity_get_css_class (worst));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_icon),
                                   worst == WK_SEVERITY_ERROR ? _("Does not meet a criterion") :
                                   worst == WK_SEVERITY_WARNING ? _("Has warnings") :
                                   _("Has notes"));
    }
  else
    {
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "success");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_icon), _("Meets every criterion"));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));
}

static void
on_area_notify_cb (WkAreaRow  *self,
                   GParamSpec *pspec,
                   WkArea     *area)
{
  update (self);
  if (g_str_equal (pspec->name, "locked"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

static void
area_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WkAreaRow *self = WK_AREA_ROW (widget);
  static const struct { const char *row; const char *win; } map[] = {
    { "area.rename", "win.rename-area" },
    { "area.recolor", "win.recolor-area" },
    { "area.note", "win.edit-area-note" },
    { "area.merge", "win.merge-area" },
    { "area.delete", "win.delete-area" },
    { "area.zoom", "win.zoom-to-area" },
  };

  if (self->area == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (action_name, map[i].row))
      gtk_widget_activate_action (widget, map[i].win, "u", wk_area_get_id (self->area));
}

static void
wk_area_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WkAreaRow *self = WK_AREA_ROW (object);

  switch (prop_id)
    {
    case PROP_AREA:
      g_value_set_object (value, self->area);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->area != NULL && wk_area_get_locked (self->area));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_area_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WkAreaRow *self = WK_AREA_ROW (object);

  switch (prop_id)
    {
    case PROP_AREA:
      wk_area_row_set_area (self, g_value_get_object (value));
      break;
    case PROP_LOCKED:
      /* the menu's check item: the window's action locks it in the plan */
      if (self->area != NULL && g_value_get_boolean (value) != wk_area_get_locked (self->area))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toggle-area-lock", "u",
                                    wk_area_get_id (self->area));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_area_row_dispose (GObject *object)
{
  WkAreaRow *self = WK_AREA_ROW (object);
  GtkWidget *child;

  if (self->area != NULL)
    g_signal_handlers_disconnect_by_data (self->area, self);
  g_clear_object (&self->area);
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_AREA_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wk_area_row_parent_class)->dispose (object);
}

static void
wk_area_row_class_init (WkAreaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wk_area_row_dispose;
  object_class->get_property = wk_area_row_get_property;
  object_class->set_property = wk_area_row_set_property;

  properties[PROP_AREA] =
    g_param_spec_object ("area", NULL, NULL, WK_TYPE_AREA,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wijkindeling/Wijkindeling/ui/wk-area-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WkAreaRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, WkAreaRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, WkAreaRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WkAreaRow, note_icon);
  gtk_widget_class_bind_template_child (widget_class, WkAreaRow, lock_icon);
  gtk_widget_class_bind_template_child (widget_class, WkAreaRow, status_icon);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wk-area-row");

  gtk_widget_class_install_action (widget_class, "area.rename", NULL, area_action);
  gtk_widget_class_install_action (widget_class, "area.recolor", NULL, area_action);
  gtk_widget_class_install_action (widget_class, "area.note", NULL, area_action);
  gtk_widget_class_install_action (widget_class, "area.merge", NULL, area_action);
  gtk_widget_class_install_action (widget_class, "area.delete", NULL, area_action);
  gtk_widget_class_install_action (widget_class, "area.zoom", NULL, area_action);
  gtk_widget_class_install_property_action (widget_class, "area.locked", "locked");
}

static void
wk_area_row_init (WkAreaRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->swatch, draw_swatch, self, NULL);
}

GtkWidget *
wk_area_row_new (void)
{
  return g_object_new (WK_TYPE_AREA_ROW, NULL);
}

WkArea *
wk_area_row_get_area (WkAreaRow *self)
{
  g_return_val_if_fail (WK_IS_AREA_ROW (self), NULL);
  return self->area;
}

/**
 * wk_area_row_set_area:
 * @area: (nullable): the area to show
 */
void
wk_area_row_set_area (WkAreaRow *self,
                      WkArea    *area)
{
  g_return_if_fail (WK_IS_AREA_ROW (self));

  if (self->area == area)
    return;
  if (self->area != NULL)
    g_signal_handlers_disconnect_by_data (self->area, self);
  g_set_object (&self->area, area);
  if (area != NULL)
    g_signal_connect_object (area, "notify", G_CALLBACK (on_area_notify_cb), self,
                             G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

/**
 * wk_area_row_get_summary:
 *
 * Returns: the line under the name: inhabitants and units
 */
const char *
wk_area_row_get_summary (WkAreaRow *self)
{
  g_return_val_if_fail (WK_IS_AREA_ROW (self), NULL);
  return gtk_label_get_label (self->summary_label);
}
