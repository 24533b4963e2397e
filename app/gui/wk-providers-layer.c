/* wk-providers-layer.c: markers of the care providers, by kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-providers-layer"

#include "config.h"

#include "wk-map-math.h"
#include "wk-providers-layer.h"
#include "wk-units-layer.h"

/* A marker is a disc in the kind's colour with a white border and the
 * kind's symbolic icon; zoomed far out it is a dot. */

struct _WkProvidersLayer
{
  ShumateLayer      parent_instance;

  /* owned */
  WkDataset        *dataset;
  double           *world;          /* x, y per provider */
  GtkIconPaintable *icons[WK_N_PROVIDER_KINDS];
  int               icon_scale;
};

G_DEFINE_FINAL_TYPE (WkProvidersLayer, wk_providers_layer, SHUMATE_TYPE_LAYER)

static const char *icon_names[WK_N_PROVIDER_KINDS] = {
  "wk-provider-gp-symbolic",
  "wk-provider-pharmacy-symbolic",
  "wk-provider-nursing-symbolic",
  "wk-provider-social-symbolic",
};

/* the same colours as .provider-badge in style.css */
static const GdkRGBA colors[WK_N_PROVIDER_KINDS] = {
  { 0.11, 0.44, 0.85, 1.0 },   /* GP: blue 4 */
  { 0.15, 0.64, 0.41, 1.0 },   /* pharmacy: green 5 */
  { 0.90, 0.38, 0.00, 1.0 },   /* nursing: orange 5 */
  { 0.57, 0.25, 0.67, 1.0 },   /* social: purple 3 */
};

static double
marker_size (double zoom)
{
  if (zoom >= 13.0)
    return 24.0;
  if (zoom >= 11.0)
    return 18.0;
  return 9.0;
}

static GtkIconPaintable *
get_icon (WkProvidersLayer *self,
          WkProviderKind    kind,
          int               size)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (self->icons[kind] == NULL || self->icon_scale != scale)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

      g_clear_object (&self->icons[kind]);
      self->icons[kind] = gtk_icon_theme_lookup_icon (theme, icon_names[kind], NULL, size, scale,
                                                      GTK_TEXT_DIR_NONE, 0);
      self->icon_scale = scale;
    }
  return self->icons[kind];
}

static void
on_viewport_notify_cb (WkProvidersLayer *self,
                       GParamSpec       *pspec,
                       GObject          *viewport)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
wk_providers_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  WkProvidersLayer *self = WK_PROVIDERS_LAYER (widget);
  const GdkRGBA white = { 1, 1, 1, 1 };
  const GdkRGBA icon_colors[4] = { white, white, white, white };
  WkView view;
  double size;
  guint n;

  if (self->dataset == NULL)
    return;
  wk_view_init_for_layer (&view, SHUMATE_LAYER (self));
  size = marker_size (view.zoom);
  n = wk_dataset_get_n_providers (self->dataset);

  /* draw the GPs last: they are the ones planners look for */
  for (int k = WK_N_PROVIDER_KINDS - 1; k >= 0; k--)
    for (guint i = 0; i < n; i++)
      {
        const WkProvider *p = wk_dataset_get_provider (self->dataset, i);
        GskRoundedRect disc;
        graphene_rect_t rect;
        double x, y;

        if ((int) p->kind != k)
          continue;
        wk_view_world_to_widget (&view, self->world[2 * i], self->world[2 * i + 1], &x, &y);
        if (x < -size || y < -size || x > view.width + size || y > view.height + size)
          continue;

        graphene_rect_init (&rect, round (x - size / 2), round (y - size / 2), size, size);
        gsk_rounded_rect_init_from_rect (&disc, &rect, size / 2);
        gtk_snapshot_push_rounded_clip (snapshot, &disc);
        gtk_snapshot_append_color (snapshot, &colors[k], &rect);
        gtk_snapshot_pop (snapshot);
        gtk_snapshot_append_border (snapshot, &disc,
                                    (float[4]) { 1.5, 1.5, 1.5, 1.5 },
                                    (GdkRGBA[4]) { white, white, white, white });
        if (size >= 16.0)
          {
            double icon = size >= 20.0 ? 14.0 : 10.0;

            gtk_snapshot_save (snapshot);
            gtk_snapshot_translate (snapshot,
                                    &GRAPHENE_POINT_INIT (rect.origin.x + (size - icon) / 2,
                                                          rect.origin.y + (size - icon) / 2));
            gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (get_icon (self, k, icon)),
                                                      snapshot, icon, icon, icon_colors, 4);
            gtk_snapshot_restore (snapshot);
          }
      }
}

static void
wk_providers_layer_constructed (GObject *object)
{
  WkProvidersLayer *self = WK_PROVIDERS_LAYER (object);

  G_OBJECT_CLASS (wk_providers_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (on_viewport_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
wk_providers_layer_dispose (GObject *object)
{
  WkProvidersLayer *self = WK_PROVIDERS_LAYER (object);

  g_clear_object (&self->dataset);
  for (guint k = 0; k < WK_N_PROVIDER_KINDS; k++)
    g_clear_object (&self->icons[k]);
  G_OBJECT_CLASS (wk_providers_layer_parent_class)->dispose (object);
}

static void
wk_providers_layer_finalize (GObject *object)
{
  WkProvidersLayer *self = WK_PROVIDERS_LAYER (object);

  g_free (self->world);
  G_OBJECT_CLASS (wk_providers_layer_parent_class)->finalize (object);
}

static void
wk_providers_layer_class_init (WkProvidersLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wk_providers_layer_constructed;
  object_class->dispose = wk_providers_layer_dispose;
  object_class->finalize = wk_providers_layer_finalize;
  widget_class->snapshot = wk_providers_layer_snapshot;
  gtk_widget_class_set_css_name (widget_class, "wk-providers-layer");
}

static void
wk_providers_layer_init (WkProvidersLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

WkProvidersLayer *
wk_providers_layer_new (ShumateViewport *viewport)
{
  return g_object_new (WK_TYPE_PROVIDERS_LAYER, "viewport", viewport, NULL);
}

/**
 * wk_providers_layer_set_dataset:
 * @dataset: (nullable): whose providers to show
 */
void
wk_providers_layer_set_dataset (WkProvidersLayer *self,
                                WkDataset        *dataset)
{
  guint n;

  g_return_if_fail (WK_IS_PROVIDERS_LAYER (self));

  if (!g_set_object (&self->dataset, dataset))
    return;
  g_clear_pointer (&self->world, g_free);
  n = dataset != NULL ? wk_dataset_get_n_providers (dataset) : 0;
  self->world = g_new (double, 2 * (gsize) MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const WkProvider *p = wk_dataset_get_provider (dataset, i);

      wk_lonlat_to_world (p->lon, p->lat, &self->world[2 * i], &self->world[2 * i + 1]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wk_providers_layer_pick:
 * @x: widget x
 * @y: widget y
 *
 * Returns: the provider whose marker is at (@x, @y), or %G_MAXUINT
 */
guint
wk_providers_layer_pick (WkProvidersLayer *self,
                         double            x,
                         double            y)
{
  WkView view;
  double radius, best = G_MAXDOUBLE;
  guint found = G_MAXUINT;

  g_return_val_if_fail (WK_IS_PROVIDERS_LAYER (self), G_MAXUINT);

  if (self->dataset == NULL || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return G_MAXUINT;
  wk_view_init_for_layer (&view, SHUMATE_LAYER (self));
  radius = MAX (marker_size (view.zoom) / 2.0, 6.0);
  for (guint i = 0; i < wk_dataset_get_n_providers (self->dataset); i++)
    {
      double px, py, d;

      wk_view_world_to_widget (&view, self->world[2 * i], self->world[2 * i + 1], &px, &py);
      d = (px - x) * (px - x) + (py - y) * (py - y);
      if (d <= radius * radius && d < best)
        {
          best = d;
          found = i;
        }
    }
  return found;
}

const char *
wk_provider_kind_get_icon_name (WkProviderKind kind)
{
  g_return_val_if_fail (kind < WK_N_PROVIDER_KINDS, NULL);
  return icon_names[kind];
}

void
wk_provider_kind_get_rgba (WkProviderKind  kind,
                           GdkRGBA        *rgba)
{
  g_return_if_fail (kind < WK_N_PROVIDER_KINDS);
  *rgba = colors[kind];
}
