/* wk-propose-dialog.c: what to ask of a proposal before the app drafts one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-propose-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-propose-dialog.h"

/* The number of areas (the app chooses, as many as possible, or exactly N),
 * whether the locked areas of the plan being edited are kept, whether team
 * areas seed the search (only when the data set has networks), and, under
 * Advanced, the random seed and the time limit.  The dialog only asks:
 * Propose emits ::propose and closes, and the window does the work
 * (wk-window-propose.c). */

struct _WkProposeDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  GtkWidget      *propose_button;
  GtkCheckButton *choose_check;
  GtkCheckButton *max_check;
  GtkCheckButton *count_check;
  GtkSpinButton  *count_spin;
  AdwActionRow   *keep_row;
  GtkSwitch      *keep_switch;
  GtkWidget      *networks_row;
  GtkSwitch      *networks_switch;
  AdwExpanderRow *advanced_row;
  GtkSpinButton  *seed_spin;
  GtkSpinButton  *time_spin;
};

G_DEFINE_FINAL_TYPE (WkProposeDialog, wk_propose_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_PROPOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Callbacks */

static void
on_propose_clicked_cb (WkProposeDialog *self)
{
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_PROPOSE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

/* GObject overrides */

static void
wk_propose_dialog_class_init (WkProposeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * WkProposeDialog::propose:
   *
   * The user asked for a proposal with the options shown; read them with
   * wk_propose_dialog_get_options().  The dialog closes after it.
   */
  signals[SIGNAL_PROPOSE] = g_signal_new ("propose", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/wijkindeling/Wijkindeling/ui/wk-propose-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, propose_button);
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, choose_check);
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, max_check);
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, count_check);
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, keep_row);
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, keep_switch);
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, networks_row);
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, networks_switch);
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, WkProposeDialog, time_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_propose_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wk_propose_dialog_init (WkProposeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * wk_propose_dialog_new:
 * @parent: the window it belongs to
 * @plan_name: the plan being edited, whose locked areas may be kept
 * @n_locked: how many areas of it are locked
 * @has_networks: whether the data set has team areas to start from
 *
 * Returns: (transfer full): the dialog
 */
WkProposeDialog *
wk_propose_dialog_new (GtkWindow  *parent,
                       const char *plan_name,
                       guint       n_locked,
                       gboolean    has_networks)
{
  WkProposeDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (plan_name != NULL, NULL);

  self = g_object_new (WK_TYPE_PROPOSE_DIALOG, "transient-for", parent, NULL);
  if (n_locked == 0)
    subtitle = g_strdup_printf (_("“%s” has no locked areas"), plan_name);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The %u locked area of “%s” stays as it is",
                                             "The %u locked areas of “%s” stay as they are",
                                             n_locked),
                                n_locked, plan_name);
  adw_action_row_set_subtitle (self->keep_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keep_row), n_locked > 0);
  gtk_switch_set_active (self->keep_switch, n_locked > 0);
  gtk_widget_set_visible (self->networks_row, has_networks);
  gtk_switch_set_active (self->networks_switch, has_networks);
  gtk_widget_grab_focus (self->propose_button);
  return self;
}

/**
 * wk_propose_dialog_get_options:
 * @options: (out caller-allocates): the number of areas, seed and time
 *   limit asked for, and whether the team areas seed it; @options->keep
 *   is %NULL (the window sets it)
 */
void
wk_propose_dialog_get_options (WkProposeDialog  *self,
                               WkProposeOptions *options)
{
  g_return_if_fail (WK_IS_PROPOSE_DIALOG (self));
  g_return_if_fail (options != NULL);

  *options = (WkProposeOptions) { 0 };
  options->max_areas = gtk_check_button_get_active (self->max_check);
  if (gtk_check_button_get_active (self->count_check))
    options->n_areas = (guint) gtk_spin_button_get_value_as_int (self->count_spin);
  options->keep_locked_only = TRUE;
  options->seed = (guint32) gtk_spin_button_get_value (self->seed_spin);
  options->time_limit = gtk_spin_button_get_value (self->time_spin);
  options->from_networks = wk_propose_dialog_get_from_networks (self);
}

/**
 * wk_propose_dialog_set_options:
 * @options: what to show: @max_areas, else @n_areas (0: the app chooses),
 *   @seed and @time_limit (0 leaves it)
 */
void
wk_propose_dialog_set_options (WkProposeDialog        *self,
                               const WkProposeOptions *options)
{
  g_return_if_fail (WK_IS_PROPOSE_DIALOG (self));
  g_return_if_fail (options != NULL);

  if (options->max_areas)
    gtk_check_button_set_active (self->max_check, TRUE);
  else if (options->n_areas > 0)
    {
      gtk_check_button_set_active (self->count_check, TRUE);
      gtk_spin_button_set_value (self->count_spin, options->n_areas);
    }
  else
    gtk_check_button_set_active (self->choose_check, TRUE);
  gtk_spin_button_set_value (self->seed_spin, options->seed);
  if (options->time_limit > 0)
    gtk_spin_button_set_value (self->time_spin, options->time_limit);
}

/* Returns: whether the locked areas of the plan being edited are kept */
gboolean
wk_propose_dialog_get_keep_locked (WkProposeDialog *self)
{
  g_return_val_if_fail (WK_IS_PROPOSE_DIALOG (self), FALSE);
  return gtk_widget_get_sensitive (GTK_WIDGET (self->keep_row)) &&
         gtk_switch_get_active (self->keep_switch);
}

/* Returns: whether the team areas (networks) seed the search */
gboolean
wk_propose_dialog_get_from_networks (WkProposeDialog *self)
{
  g_return_val_if_fail (WK_IS_PROPOSE_DIALOG (self), FALSE);
  return gtk_widget_get_visible (self->networks_row) &&
         gtk_switch_get_active (self->networks_switch);
}

GtkWidget *
wk_propose_dialog_get_propose_button (WkProposeDialog *self)
{
  g_return_val_if_fail (WK_IS_PROPOSE_DIALOG (self), NULL);
  return self->propose_button;
}

/* Opens the Advanced section (seed and time limit). */
void
wk_propose_dialog_show_advanced (WkProposeDialog *self)
{
  g_return_if_fail (WK_IS_PROPOSE_DIALOG (self));
  adw_expander_row_set_expanded (self->advanced_row, TRUE);
}
