/* wk-legend.c: what the symbols on the map mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-legend"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-legend.h"

struct _WkLegend
{
  GtkWidget  parent_instance;

  /* template widgets */
  GtkWidget *provider_rows[WK_N_PROVIDER_KINDS];
  GtkLabel  *provider_counts[WK_N_PROVIDER_KINDS];
  GtkWidget *networks_row;
  GtkWidget *boundary_row;

  /* owned */
  WkDataset *dataset;
  gboolean   show_providers;
  gboolean   show_networks;
};

G_DEFINE_FINAL_TYPE (WkLegend, wk_legend, GTK_TYPE_WIDGET)

static void
update (WkLegend *self)
{
  guint counts[WK_N_PROVIDER_KINDS] = { 0 };

  if (self->dataset != NULL)
    for (guint i = 0; i < wk_dataset_get_n_providers (self->dataset); i++)
      counts[wk_dataset_get_provider (self->dataset, i)->kind]++;
  for (guint k = 0; k < WK_N_PROVIDER_KINDS; k++)
    {
      g_autofree char *text = g_strdup_printf ("%u", counts[k]);

      gtk_label_set_label (self->provider_counts[k], text);
      gtk_widget_set_visible (self->provider_rows[k], self->show_providers && counts[k] > 0);
    }
  gtk_widget_set_visible (self->networks_row,
                          self->show_networks && self->dataset != NULL &&
                          wk_dataset_get_n_networks (self->dataset) > 0);
  gtk_widget_set_visible (self->boundary_row,
                          self->dataset != NULL && wk_dataset_has_boundary (self->dataset));
}

static void
wk_legend_dispose (GObject *object)
{
  WkLegend *self = WK_LEGEND (object);
  GtkWidget *child;

  g_clear_object (&self->dataset);
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_LEGEND);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wk_legend_parent_class)->dispose (object);
}

static void
wk_legend_class_init (WkLegendClass *klass)
{
  static const char * const kind_ids[WK_N_PROVIDER_KINDS] = {
    [WK_PROVIDER_GP] = "gp",
    [WK_PROVIDER_PHARMACY] = "pharmacy",
    [WK_PROVIDER_NURSING] = "nursing",
    [WK_PROVIDER_SOCIAL] = "social",
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wk_legend_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wijkindeling/Wijkindeling/ui/wk-legend.ui");
  /* the template names them gp_row, gp_count, pharmacy_row, … */
  for (WkProviderKind k = 0; k < WK_N_PROVIDER_KINDS; k++)
    {
      g_autofree char *row = g_strconcat (kind_ids[k], "_row", NULL);
      g_autofree char *count = g_strconcat (kind_ids[k], "_count", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, row, FALSE,
                                                 G_STRUCT_OFFSET (WkLegend, provider_rows)
                                                 + k * sizeof (GtkWidget *));
      gtk_widget_class_bind_template_child_full (widget_class, count, FALSE,
                                                 G_STRUCT_OFFSET (WkLegend, provider_counts)
                                                 + k * sizeof (GtkLabel *));
    }
  gtk_widget_class_bind_template_child (widget_class, WkLegend, networks_row);
  gtk_widget_class_bind_template_child (widget_class, WkLegend, boundary_row);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wk-legend");
}

static void
wk_legend_init (WkLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->show_providers = TRUE;
  update (self);
}

/**
 * wk_legend_set_dataset:
 * @dataset: (nullable): whose providers, networks and boundary are shown
 */
void
wk_legend_set_dataset (WkLegend  *self,
                       WkDataset *dataset)
{
  g_return_if_fail (WK_IS_LEGEND (self));
  g_set_object (&self->dataset, dataset);
  update (self);
}

void
wk_legend_set_show_providers (WkLegend *self,
                              gboolean  show)
{
  g_return_if_fail (WK_IS_LEGEND (self));
  self->show_providers = show;
  update (self);
}

void
wk_legend_set_show_networks (WkLegend *self,
                             gboolean  show)
{
  g_return_if_fail (WK_IS_LEGEND (self));
  self->show_networks = show;
  update (self);
}
