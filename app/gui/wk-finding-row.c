/* wk-finding-row.c: a row of the findings list (a finding or a heading)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-finding-row"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-finding-row.h"
#include "wk-findings-model.h"

struct _WkFindingRow
{
  GtkWidget  parent_instance;

  /* template widgets */
  GtkStack  *stack;
  GtkLabel  *heading_label;
  GtkLabel  *count_label;
  GtkImage  *icon;
  GtkLabel  *message_label;
  GtkLabel  *detail_label;
  GtkWidget *repair_button;
  GtkWidget *repair_all_button;

  /* owned */
  GObject   *item;
};

G_DEFINE_FINAL_TYPE (WkFindingRow, wk_finding_row, GTK_TYPE_WIDGET)

static void
update_header (WkFindingRow *self)
{
  WkFindingsHeader *header = WK_FINDINGS_HEADER (self->item);
  guint count = wk_findings_header_get_count (header);
  g_autofree char *text = g_strdup_printf ("%u", count);
  const char *heading;

  switch (wk_findings_header_get_severity (header))
    {
    case WK_SEVERITY_ERROR:
      heading = _("Errors");
      break;
    case WK_SEVERITY_WARNING:
      heading = _("Warnings");
      break;
    case WK_SEVERITY_INFO:
    default:
      heading = _("Notes");
      break;
    }
  gtk_label_set_label (self->heading_label, heading);
  gtk_widget_set_visible (self->repair_all_button,
                          wk_findings_header_get_severity (header) == WK_SEVERITY_ERROR);
  gtk_label_set_label (self->count_label, text);
}

static void
on_header_count_cb (WkFindingRow *self)
{
  update_header (self);
}

static void
wk_finding_row_dispose (GObject *object)
{
  WkFindingRow *self = WK_FINDING_ROW (object);
  GtkWidget *child;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_FINDING_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wk_finding_row_parent_class)->dispose (object);
}

static void
wk_finding_row_class_init (WkFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wk_finding_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wijkindeling/Wijkindeling/ui/wk-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WkFindingRow, stack);
  gtk_widget_class_bind_template_child (widget_class, WkFindingRow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, WkFindingRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, WkFindingRow, icon);
  gtk_widget_class_bind_template_child (widget_class, WkFindingRow, message_label);
  gtk_widget_class_bind_template_child (widget_class, WkFindingRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, WkFindingRow, repair_button);
  gtk_widget_class_bind_template_child (widget_class, WkFindingRow, repair_all_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wk-finding-row");
}

static void
wk_finding_row_init (WkFindingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wk_finding_row_new (void)
{
  return g_object_new (WK_TYPE_FINDING_ROW, NULL);
}

/**
 * wk_finding_row_set_item:
 * @item: (nullable): a #WkFinding or a #WkFindingsHeader
 */
void
wk_finding_row_set_item (WkFindingRow *self,
                         GObject      *item)
{
  g_return_if_fail (WK_IS_FINDING_ROW (self));

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_set_object (&self->item, item);
  for (guint s = WK_SEVERITY_INFO; s <= WK_SEVERITY_ERROR; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), wk_severity_get_css_class (s));

  if (WK_IS_FINDINGS_HEADER (item))
    {
      gtk_stack_set_visible_child_name (self->stack, "heading");
      update_header (self);
      g_signal_connect_swapped (item, "notify::count", G_CALLBACK (on_header_count_cb), self);
    }
  else if (WK_IS_FINDING (item))
    {
      WkFinding *finding = WK_FINDING (item);
      WkSeverity severity = wk_finding_get_severity (finding);
      g_autofree char *value = wk_finding_dup_value_text (finding);
      g_autofree char *detail = NULL;

      gtk_stack_set_visible_child_name (self->stack, "finding");
      gtk_image_set_from_icon_name (self->icon, wk_severity_get_icon_name (severity));
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), wk_severity_get_css_class (severity));
      gtk_label_set_label (self->message_label, wk_finding_get_message (finding));
      if (value != NULL && *value)
        detail = g_strdup_printf ("%s · %s", wk_finding_get_criterion_label (finding), value);
      else
        detail = g_strdup (wk_finding_get_criterion_label (finding));
      gtk_label_set_label (self->detail_label, detail);
      gtk_widget_set_visible (self->repair_button, severity == WK_SEVERITY_ERROR);
    }
}

GObject *
wk_finding_row_get_item (WkFindingRow *self)
{
  g_return_val_if_fail (WK_IS_FINDING_ROW (self), NULL);
  return self->item;
}

const char *
wk_finding_row_get_message (WkFindingRow *self)
{
  g_return_val_if_fail (WK_IS_FINDING_ROW (self), NULL);
  return gtk_label_get_label (self->message_label);
}

const char *
wk_severity_get_icon_name (WkSeverity severity)
{
  switch (severity)
    {
    case WK_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case WK_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case WK_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

const char *
wk_severity_get_css_class (WkSeverity severity)
{
  switch (severity)
    {
    case WK_SEVERITY_ERROR:
      return "error";
    case WK_SEVERITY_WARNING:
      return "warning";
    case WK_SEVERITY_INFO:
    default:
      return "accent";
    }
}
