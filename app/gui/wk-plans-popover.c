/* wk-plans-popover.c: the plans (scenarios) of the project, to switch and manage them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-plans-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-plans-popover.h"

/* A row per plan of the project (its name, its note, a check mark on the
 * active one); a click activates win.switch-plan.  The buttons below run
 * the window's plan actions. */

struct _WkPlansPopover
{
  GtkPopover  parent_instance;

  /* template widgets */
  GtkListBox *list;

  /* owned */
  WkProject  *project;
};

G_DEFINE_FINAL_TYPE (WkPlansPopover, wk_plans_popover, GTK_TYPE_POPOVER)

static gboolean
note_to_visible (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  const char *note = g_value_get_string (from);

  g_value_set_boolean (to, note != NULL && *note != '\0');
  return TRUE;
}

static void
update_checks (WkPlansPopover *self)
{
  WkPlan *active = self->project ? wk_project_get_active_plan (self->project) : NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL)
        gtk_widget_set_opacity (check, g_object_get_data (G_OBJECT (row), "plan") == active);
    }
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  WkPlansPopover *self = user_data;
  WkPlan *plan = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_ellipsize (GTK_LABEL (note), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  g_object_bind_property (plan, "name", name, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (plan, "note", note, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (plan, "note", note, "visible", G_BINDING_SYNC_CREATE,
                               note_to_visible, NULL, NULL, NULL);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), note);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "plan", g_object_ref (plan), g_object_unref);
  g_object_set_data (G_OBJECT (row), "check", check);
  gtk_widget_set_opacity (check, plan == wk_project_get_active_plan (self->project));
  return row;
}

static void
on_row_activated_cb (WkPlansPopover *self,
                     GtkListBoxRow  *row,
                     GtkListBox     *list)
{
  WkPlan *plan = g_object_get_data (G_OBJECT (row), "plan");

  if (plan != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.switch-plan", "s",
                                wk_plan_get_name (plan));
}

static void
on_active_plan_cb (WkPlansPopover *self,
                   GParamSpec     *pspec,
                   WkProject      *project)
{
  update_checks (self);
}

static void
on_plans_changed_cb (WkPlansPopover *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *plans)
{
  update_checks (self);
}

static void
wk_plans_popover_dispose (GObject *object)
{
  WkPlansPopover *self = WK_PLANS_POPOVER (object);

  wk_plans_popover_set_project (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_PLANS_POPOVER);
  G_OBJECT_CLASS (wk_plans_popover_parent_class)->dispose (object);
}

static void
wk_plans_popover_class_init (WkPlansPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wk_plans_popover_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/wijkindeling/Wijkindeling/ui/wk-plans-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, WkPlansPopover, list);
}

static void
wk_plans_popover_init (WkPlansPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * wk_plans_popover_set_project:
 * @project: (nullable): whose plans to list
 */
void
wk_plans_popover_set_project (WkPlansPopover *self,
                              WkProject      *project)
{
  g_return_if_fail (WK_IS_PLANS_POPOVER (self));

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_signal_handlers_disconnect_by_data (wk_project_get_plans (self->project), self);
    }
  g_set_object (&self->project, project);
  if (self->list == NULL)
    return;
  if (project == NULL)
    {
      gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
      return;
    }
  gtk_list_box_bind_model (self->list, wk_project_get_plans (project), create_row_cb, self, NULL);
  g_signal_connect_object (project, "notify::active-plan", G_CALLBACK (on_active_plan_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (wk_project_get_plans (project), "items-changed",
                           G_CALLBACK (on_plans_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

/**
 * wk_plans_popover_get_list:
 *
 * Returns: (transfer none): the list of plans, for tests
 */
GtkListBox *
wk_plans_popover_get_list (WkPlansPopover *self)
{
  g_return_val_if_fail (WK_IS_PLANS_POPOVER (self), NULL);
  return self->list;
}
