/* wk-open-dialog.c: choose the units, their fields and the other files to load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-open-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-open-dialog.h"

/* The units file is inspected on a worker (wk_source_inspect): its polygon
 * layers and the fields detected for each role fill the drop-downs, which
 * the user may change.  The optional files are only named here; the window
 * loads everything in one go. */

typedef enum
{
  SLOT_UNITS,
  SLOT_GP,
  SLOT_PHARMACY,
  SLOT_NURSING,
  SLOT_SOCIAL,
  SLOT_NETWORKS,
  SLOT_BOUNDARY,
  SLOT_PLAN,
  N_SLOTS
} Slot;

static const char *slot_names[N_SLOTS] = {
  "units", "gp", "pharmacy", "nursing", "social", "networks", "boundary", "plan"
};

struct _WkOpenDialog
{
  AdwWindow     parent_instance;

  /* template widgets */
  AdwActionRow *rows[N_SLOTS];
  GtkWidget    *clear_buttons[N_SLOTS];
  AdwComboRow  *layer_row;
  AdwComboRow  *role_rows[WK_N_ROLES];
  GtkWidget    *fields_group;

  /* owned */
  char         *paths[N_SLOTS];
  WkSourceInfo *info;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (WkOpenDialog, wk_open_dialog, ADW_TYPE_WINDOW)

enum {
  OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
slot_placeholder (Slot slot)
{
  return slot == SLOT_UNITS ? _("Choose a file") : _("None");
}

static GPtrArray *
polygon_layers (WkOpenDialog *self)
{
  GPtrArray *layers = g_ptr_array_new ();

  for (guint i = 0; self->info != NULL && i < self->info->layers->len; i++)
    {
      WkLayerInfo *layer = g_ptr_array_index (self->info->layers, i);

      if (layer->kind == WK_GEOMETRY_POLYGON)
        g_ptr_array_add (layers, layer);
    }
  return layers;
}

static WkLayerInfo *
selected_layer (WkOpenDialog *self)
{
  g_autoptr(GPtrArray) layers = polygon_layers (self);
  guint i = adw_combo_row_get_selected (self->layer_row);

  return i < layers->len ? g_ptr_array_index (layers, i) : NULL;
}

static void
update_ready (WkOpenDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.open",
                                 wk_open_dialog_get_ready (self));
}

static void
fill_roles (WkOpenDialog *self)
{
  WkLayerInfo *layer = selected_layer (self);

  gtk_widget_set_visible (self->fields_group, layer != NULL);
  if (layer == NULL)
    return;
  for (guint r = 0; r < WK_N_ROLES; r++)
    {
      g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
      guint selected = 0;

      gtk_string_list_append (fields, _("None"));
      for (guint f = 0; layer->fields != NULL && layer->fields[f] != NULL; f++)
        {
          gtk_string_list_append (fields, layer->fields[f]);
          if (g_strcmp0 (layer->fields[f], layer->roles[r]) == 0)
            selected = f + 1;
        }
      adw_combo_row_set_model (self->role_rows[r], G_LIST_MODEL (fields));
      adw_combo_row_set_selected (self->role_rows[r], selected);
    }
  update_ready (self);
}

static void
on_layer_selected_cb (WkOpenDialog *self)
{
  fill_roles (self);
}

static void
set_slot (WkOpenDialog *self,
          Slot          slot,
          const char   *path)
{
  g_autofree char *name = path != NULL ? g_filename_display_basename (path) : NULL;

  g_free (self->paths[slot]);
  self->paths[slot] = g_strdup (path);
  adw_action_row_set_subtitle (self->rows[slot], name != NULL ? name : slot_placeholder (slot));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->rows[slot]), path);
  gtk_widget_remove_css_class (GTK_WIDGET (self->rows[slot]), "error");
  if (self->clear_buttons[slot] != NULL)
    gtk_widget_set_visible (self->clear_buttons[slot], path != NULL);
}

static void
inspect_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  WkSourceInfo *info = wk_source_inspect (task_data, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) wk_source_info_free);
}

static void
inspect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WkOpenDialog *self = WK_OPEN_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GtkStringList) names = NULL;
  WkSourceInfo *info;

  info = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->info, wk_source_info_free);
  self->info = info;
  if (info == NULL)
    {
      adw_action_row_set_subtitle (self->rows[SLOT_UNITS], error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->rows[SLOT_UNITS]), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->layer_row), FALSE);
      gtk_widget_set_visible (self->fields_group, FALSE);
      update_ready (self);
      return;
    }

  {
    g_autofree char *name = g_filename_display_basename (self->paths[SLOT_UNITS]);

    adw_action_row_set_subtitle (self->rows[SLOT_UNITS], name);
  }
  layers = polygon_layers (self);
  if (layers->len == 0)
    {
      g_autofree char *name = g_filename_display_basename (self->paths[SLOT_UNITS]);
      g_autofree char *message = g_strdup_printf (_("“%s” has no polygon layer: choose the file "
                                                    "with the buurten."), name);

      adw_action_row_set_subtitle (self->rows[SLOT_UNITS], message);
      gtk_widget_add_css_class (GTK_WIDGET (self->rows[SLOT_UNITS]), "error");
    }
  names = gtk_string_list_new (NULL);
  for (guint i = 0; i < layers->len; i++)
    gtk_string_list_append (names, ((WkLayerInfo *) g_ptr_array_index (layers, i))->name);
  adw_combo_row_set_model (self->layer_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->layer_row, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->layer_row), layers->len > 1);
  fill_roles (self);
}

static void
choose_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    WkOpenDialog    *self)
{
  Slot slot = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "slot"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL && slot == SLOT_UNITS)
        wk_open_dialog_set_units (self, path);
      else if (path != NULL)
        set_slot (self, slot, path);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WkOpenDialog *self = WK_OPEN_DIALOG (widget);
  const char *name = g_variant_get_string (param, NULL);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  Slot slot = SLOT_UNITS;

  for (guint i = 0; i < N_SLOTS; i++)
    if (g_str_equal (name, slot_names[i]))
      slot = i;
  chooser = gtk_file_chooser_native_new (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->rows[slot])),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = gtk_file_filter_new ();
  if (slot == SLOT_PLAN)
    {
      gtk_file_filter_set_name (filter, _("Assignment CSV (unit_code,area)"));
      gtk_file_filter_add_suffix (filter, "csv");
    }
  else
    {
      static const char *suffixes[] = {
        "geojson", "json", "gpkg", "shp", "fgb", "csv", "gml", "kml", "sqlite", "zip", NULL
      };

      gtk_file_filter_set_name (filter, _("Geographic data"));
      for (guint i = 0; suffixes[i] != NULL; i++)
        gtk_file_filter_add_suffix (filter, suffixes[i]);
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "slot", GINT_TO_POINTER (slot));
  g_signal_connect (chooser, "response", G_CALLBACK (choose_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  WkOpenDialog *self = WK_OPEN_DIALOG (widget);
  const char *name = g_variant_get_string (param, NULL);

  for (guint i = SLOT_GP; i < N_SLOTS; i++)
    if (g_str_equal (name, slot_names[i]))
      set_slot (self, i, NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WkOpenDialog *self = WK_OPEN_DIALOG (widget);
  g_autoptr(WkLoadOptions) options = NULL;

  if (!wk_open_dialog_get_ready (self))
    return;
  options = wk_open_dialog_dup_options (self);
  g_signal_emit (self, signals[OPEN], 0, options, self->paths[SLOT_PLAN]);
  gtk_window_close (GTK_WINDOW (self));
}

static void
wk_open_dialog_dispose (GObject *object)
{
  WkOpenDialog *self = WK_OPEN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_OPEN_DIALOG);
  G_OBJECT_CLASS (wk_open_dialog_parent_class)->dispose (object);
}

static void
wk_open_dialog_finalize (GObject *object)
{
  WkOpenDialog *self = WK_OPEN_DIALOG (object);

  for (guint i = 0; i < N_SLOTS; i++)
    g_free (self->paths[i]);
  g_clear_pointer (&self->info, wk_source_info_free);
  G_OBJECT_CLASS (wk_open_dialog_parent_class)->finalize (object);
}

static void
wk_open_dialog_class_init (WkOpenDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *roles[WK_N_ROLES] = {
    "code_row", "name_row", "population_row", "pop65_row", "gm_code_row", "gm_name_row"
  };

  object_class->dispose = wk_open_dialog_dispose;
  object_class->finalize = wk_open_dialog_finalize;

  /**
   * WkOpenDialog::open:
   * @options: what to load
   * @plan_path: (nullable): the assignment CSV to start from
   */
  signals[OPEN] =
    g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, WK_TYPE_LOAD_OPTIONS | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wijkindeling/Wijkindeling/ui/wk-open-dialog.ui");
  for (guint i = 0; i < N_SLOTS; i++)
    {
      g_autofree char *row = g_strdup_printf ("%s_row", slot_names[i]);
      g_autofree char *clear = g_strdup_printf ("%s_clear", slot_names[i]);

      gtk_widget_class_bind_template_child_full (widget_class, row, FALSE,
                                                 G_STRUCT_OFFSET (WkOpenDialog, rows) +
                                                 i * sizeof (gpointer));
      if (i != SLOT_UNITS)
        gtk_widget_class_bind_template_child_full (widget_class, clear, FALSE,
                                                   G_STRUCT_OFFSET (WkOpenDialog, clear_buttons) +
                                                   i * sizeof (gpointer));
    }
  for (guint r = 0; r < WK_N_ROLES; r++)
    gtk_widget_class_bind_template_child_full (widget_class, roles[r], FALSE,
                                               G_STRUCT_OFFSET (WkOpenDialog, role_rows) +
                                               r * sizeof (gpointer));
  gtk_widget_class_bind_template_child (widget_class, WkOpenDialog, layer_row);
  gtk_widget_class_bind_template_child (widget_class, WkOpenDialog, fields_group);
  gtk_widget_class_bind_template_callback (widget_class, on_layer_selected_cb);

  gtk_widget_class_install_action (widget_class, "dialog.choose", "s", choose_action);
  gtk_widget_class_install_action (widget_class, "dialog.clear", "s", clear_action);
  gtk_widget_class_install_action (widget_class, "dialog.open", NULL, open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wk_open_dialog_init (WkOpenDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint r = 0; r < WK_N_ROLES; r++)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->role_rows[r]),
                                   wk_field_role_get_label (r));
  for (guint i = 0; i < N_SLOTS; i++)
    set_slot (self, i, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->layer_row), FALSE);
  gtk_widget_set_visible (self->fields_group, FALSE);
  update_ready (self);
}

/**
 * wk_open_dialog_new:
 * @parent: the window to load into
 *
 * Returns: (transfer none): the dialog; it closes itself
 */
WkOpenDialog *
wk_open_dialog_new (GtkWindow *parent)
{
  return g_object_new (WK_TYPE_OPEN_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}

/**
 * wk_open_dialog_set_units:
 * @path: the units file
 *
 * Chooses the units and inspects them on a worker.
 */
void
wk_open_dialog_set_units (WkOpenDialog *self,
                          const char   *path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WK_IS_OPEN_DIALOG (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->info, wk_source_info_free);
  set_slot (self, SLOT_UNITS, path);
  {
    g_autofree char *name = g_filename_display_basename (path);
    g_autofree char *reading = g_strdup_printf (_("Reading “%s”…"), name);

    adw_action_row_set_subtitle (self->rows[SLOT_UNITS], reading);
  }
  update_ready (self);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, inspect_cb, NULL);
  g_task_set_source_tag (task, wk_open_dialog_set_units);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, inspect_thread);
}

/**
 * wk_open_dialog_dup_options:
 *
 * Returns: (transfer full): the load options as chosen
 */
WkLoadOptions *
wk_open_dialog_dup_options (WkOpenDialog *self)
{
  WkLoadOptions *options;
  WkLayerInfo *layer;
  static const WkProviderKind kinds[] = {
    WK_PROVIDER_GP, WK_PROVIDER_PHARMACY, WK_PROVIDER_NURSING, WK_PROVIDER_SOCIAL
  };

  g_return_val_if_fail (WK_IS_OPEN_DIALOG (self), NULL);
  g_return_val_if_fail (self->paths[SLOT_UNITS] != NULL, NULL);

  options = wk_load_options_new (self->paths[SLOT_UNITS]);
  layer = selected_layer (self);
  if (layer != NULL)
    {
      options->units_layer = g_strdup (layer->name);
      for (guint r = 0; r < WK_N_ROLES; r++)
        {
          guint i = adw_combo_row_get_selected (self->role_rows[r]);

          /* "" is “none”; the code must come from somewhere, so leave it to
           * detection rather than refuse */
          if (i == 0 || i == GTK_INVALID_LIST_POSITION)
            options->role_fields[r] = r == WK_ROLE_CODE ? NULL : g_strdup ("");
          else
            options->role_fields[r] = g_strdup (layer->fields[i - 1]);
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (self->paths[SLOT_GP + k] != NULL)
      wk_load_options_add_provider (options, kinds[k], self->paths[SLOT_GP + k]);
  if (self->paths[SLOT_NETWORKS] != NULL)
    wk_load_options_add_network (options, self->paths[SLOT_NETWORKS]);
  options->boundary_path = g_strdup (self->paths[SLOT_BOUNDARY]);
  return options;
}

/**
 * wk_open_dialog_get_ready:
 *
 * Returns: whether the units have been read and have a polygon layer
 */
gboolean
wk_open_dialog_get_ready (WkOpenDialog *self)
{
  g_return_val_if_fail (WK_IS_OPEN_DIALOG (self), FALSE);
  return self->paths[SLOT_UNITS] != NULL && selected_layer (self) != NULL;
}
