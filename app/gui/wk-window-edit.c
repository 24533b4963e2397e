/* wk-window-edit.c: tools, painting and area editing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-window-internal.h"

/* The map's tools do their work through these actions (win.paint,
 * win.erase, win.fill), and so do the tests.  A brush stroke groups its
 * paint actions into one undo step (wk_plan_begin_group in WkMapView). */

static WkArea *
get_area (WkWindow *self,
          guint     id)
{
  return self->plan != NULL ? wk_plan_get_area (self->plan, id) : NULL;
}

static void
show_plan_error (WkWindow *self,
                 GError   *error)
{
  _wk_window_toast (self, error->message);
}

/* The area the tools paint with: the selected one, or a new one when none
 * is selected. */
static guint
ensure_active_area (WkWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *color = NULL;
  guint area = wk_window_get_active_area (self);

  if (area != WK_AREA_NONE)
    return area;
  name = wk_plan_suggest_area_name (self->plan);
  color = wk_plan_suggest_color (self->plan);
  area = wk_plan_create_area (self->plan, name, color, &error);
  if (area == WK_AREA_NONE)
    {
      show_plan_error (self, error);
      return WK_AREA_NONE;
    }
  wk_window_set_active_area (self, area);
  return area;
}

static void
paint_action (WkWindow   *self,
              const char *action_name,
              GVariant   *param)
{
  g_autoptr(GError) error = NULL;
  const guint32 *units;
  gsize n = 0;
  WkAssignFlags flags = WK_ASSIGN_DEFAULT;
  WkArea *object;
  guint area;

  units = g_variant_get_fixed_array (param, &n, sizeof (guint32));
  if (n == 0)
    return;
  area = ensure_active_area (self);
  if (area == WK_AREA_NONE)
    return;
  object = get_area (self, area);
  if (wk_area_get_locked (object))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is locked. Unlock it to change it."),
                                                  wk_area_get_name (object));

      _wk_window_toast (self, message);
      return;
    }
  if (g_settings_get_boolean (self->settings, "paint-only-unassigned"))
    flags |= WK_ASSIGN_ONLY_UNASSIGNED;
  if (!wk_plan_assign_units (self->plan, units, n, area, flags, NULL, &error))
    show_plan_error (self, error);
}

static void
erase_action (WkWindow   *self,
              const char *action_name,
              GVariant   *param)
{
  const guint32 *units;
  gsize n = 0;

  units = g_variant_get_fixed_array (param, &n, sizeof (guint32));
  if (n > 0)
    wk_plan_unassign_units (self->plan, units, n);
}

static void
fill_action (WkWindow   *self,
             const char *action_name,
             GVariant   *param)
{
  guint unit = g_variant_get_uint32 (param);
  g_autoptr(GArray) region = NULL;

  if (unit >= wk_dataset_get_n_units (self->dataset))
    return;
  region = wk_plan_dup_region (self->plan, unit, wk_dataset_get_tolerance (self->dataset));
  if (region->len == 0)
    return;
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.paint",
                                      g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32,
                                                                 region->data, region->len,
                                                                 sizeof (guint32)));
}

static void
select_unit_area_action (WkWindow   *self,
                         const char *action_name,
                         GVariant   *param)
{
  guint unit = g_variant_get_uint32 (param);
  guint area;

  if (unit >= wk_dataset_get_n_units (self->dataset))
    return;
  area = wk_plan_get_unit_area (self->plan, unit);
  if (area != WK_AREA_NONE)
    wk_window_set_active_area (self, area);
}

static void
history_action (WkWindow   *self,
                const char *action_name,
                GVariant   *param)
{
  if (g_str_equal (action_name, "win.undo"))
    wk_plan_undo (self->plan);
  else
    wk_plan_redo (self->plan);
}

static void
add_area_action (WkWindow   *self,
                 const char *action_name,
                 GVariant   *param)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *color = NULL;
  guint area;

  name = wk_plan_suggest_area_name (self->plan);
  color = wk_plan_suggest_color (self->plan);
  area = wk_plan_create_area (self->plan, name, color, &error);
  if (area == WK_AREA_NONE)
    show_plan_error (self, error);
  else
    wk_window_set_active_area (self, area);
}

/* The questions about one area: rename (an entry), note (a text view),
 * delete, merge into (a drop-down), and its colour (a colour chooser). */
typedef enum
{
  EDIT_RENAME,
  EDIT_NOTE,
  EDIT_DELETE,
  EDIT_MERGE,
  EDIT_RECOLOR,
} EditKind;

typedef struct
{
  WkWindow  *window;
  guint      area;
  EditKind   kind;
} EditData;

static EditData *
edit_data_new (WkWindow *self,
               guint     area,
               EditKind  kind)
{
  EditData *data = g_new0 (EditData, 1);

  data->window = g_object_ref (self);
  data->area = area;
  data->kind = kind;
  return data;
}

static void
edit_data_free (EditData *data)
{
  g_object_unref (data->window);
  g_free (data);
}

/* The user applied a question about an area (_wk_window_ask and co.). */
static void
answer_area_edit (WkWindow  *self,
                  GtkWidget *editor,
                  gpointer   user_data)
{
  EditData *data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->plan == NULL)
    return;
  switch (data->kind)
    {
    case EDIT_RENAME:
      ok = wk_plan_rename_area (self->plan, data->area,
                                gtk_editable_get_text (GTK_EDITABLE (editor)), &error);
      break;
    case EDIT_NOTE:
      {
        g_autofree char *text = _wk_window_dup_note (editor);

        ok = wk_plan_set_area_note (self->plan, data->area, text, &error);
      }
      break;
    case EDIT_DELETE:
      ok = wk_plan_delete_area (self->plan, data->area, &error);
      break;
    case EDIT_MERGE:
    default:
      {
        WkArea *into = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (editor));

        if (into == NULL)
          break;
        ok = wk_plan_merge_areas (self->plan, wk_area_get_id (into), data->area, &error);
        if (ok)
          wk_window_set_active_area (self, wk_area_get_id (into));
      }
      break;
    }
  if (!ok)
    show_plan_error (self, error);
}

static void
ask_area_edit (WkWindow              *self,
               guint                  area,
               EditKind               kind,
               const char            *heading,
               const char            *body,
               GtkWidget             *editor,
               const char            *verb,
               AdwResponseAppearance  appearance)
{
  _wk_window_ask (self, heading, body, editor, verb, appearance, answer_area_edit,
                  edit_data_new (self, area, kind), (GDestroyNotify) edit_data_free);
}

static void
rename_area_action (WkWindow *self,
                    guint     id,
                    WkArea   *area)
{
  _wk_window_ask_name (self, _("Rename Area"), wk_area_get_name (area), answer_area_edit,
                       edit_data_new (self, id, EDIT_RENAME), (GDestroyNotify) edit_data_free);
}

static void
edit_area_note_action (WkWindow *self,
                       guint     id,
                       WkArea   *area)
{
  g_autofree char *heading = NULL;

  heading = g_strdup_printf (_("Note on “%s”"), wk_area_get_name (area));
  _wk_window_ask_note (self, heading, NULL, wk_area_get_note (area), _("_Save"),
                       answer_area_edit, edit_data_new (self, id, EDIT_NOTE),
                       (GDestroyNotify) edit_data_free);
}

static void
delete_area_action (WkWindow *self,
                    guint     id,
                    WkArea   *area)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint n;

  /* an empty area goes at once; undo brings it back anyway */
  n = wk_area_get_n_units (area);
  if (n == 0)
    {
      if (!wk_plan_delete_area (self->plan, id, &error))
        show_plan_error (self, error);
      return;
    }
  heading = g_strdup_printf (_("Delete “%s”?"), wk_area_get_name (area));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Its %u unit becomes unassigned. You can undo this.",
                                       "Its %u units become unassigned. You can undo this.", n),
                          n);
  ask_area_edit (self, id, EDIT_DELETE, heading, body, NULL, _("_Delete"),
                 ADW_RESPONSE_DESTRUCTIVE);
}

static gboolean
is_other_area (gpointer item,
               gpointer user_data)
{
  return wk_area_get_id (item) != GPOINTER_TO_UINT (user_data);
}

static void
merge_area_action (WkWindow *self,
                   guint     id,
                   WkArea   *area)
{
  GtkFilterListModel *others;
  GtkWidget *drop_down;
  g_autofree char *heading = NULL;

  if (wk_plan_get_n_areas (self->plan) < 2)
    return;
  others = gtk_filter_list_model_new (g_object_ref (wk_plan_get_areas (self->plan)),
                                      GTK_FILTER (gtk_custom_filter_new (is_other_area,
                                                                         GUINT_TO_POINTER (id),
                                                                         NULL)));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (others),
                                 gtk_property_expression_new (WK_TYPE_AREA, NULL, "name"));
  heading = g_strdup_printf (_("Merge “%s” Into…"), wk_area_get_name (area));
  ask_area_edit (self, id, EDIT_MERGE, heading,
                 _("Its units join the area you choose, and it is deleted. You can undo this."),
                 drop_down, _("_Merge"), ADW_RESPONSE_SUGGESTED);
}

static void
on_color_response_cb (GtkDialog *dialog,
                      int        response,
                      EditData  *data)
{
  g_autoptr(GError) error = NULL;
  WkWindow *self = data->window;

  if (response == GTK_RESPONSE_OK && self->plan != NULL)
    {
      GdkRGBA rgba;
      g_autofree char *color = NULL;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
      G_GNUC_END_IGNORE_DEPRECATIONS
      color = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                               (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
      if (!wk_plan_recolor_area (self->plan, data->area, color, &error))
        show_plan_error (self, error);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  edit_data_free (data);
}

static void
recolor_area_action (WkWindow *self,
                     guint     id,
                     WkArea   *area)
{
  GtkWidget *dialog;
  GdkRGBA rgba;
  EditData *data;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = gtk_color_chooser_dialog_new (_("Area Colour"), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  if (gdk_rgba_parse (&rgba, wk_area_get_color (area)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (dialog), FALSE);
  G_GNUC_END_IGNORE_DEPRECATIONS
  data = edit_data_new (self, id, EDIT_RECOLOR);
  g_signal_connect (dialog, "response", G_CALLBACK (on_color_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toggle_area_lock_action (WkWindow *self,
                         guint     id,
                         WkArea   *area)
{
  g_autoptr(GError) error = NULL;

  if (!wk_plan_set_area_locked (self->plan, id, !wk_area_get_locked (area), &error))
    show_plan_error (self, error);
}

static void
zoom_to_area_action (WkWindow *self,
                     guint     id,
                     WkArea   *area)
{
  wk_map_view_zoom_to_area (self->map_view, id);
}

static void
zoom_action (WkWindow   *self,
             const char *action_name,
             GVariant   *param)
{
  if (g_str_equal (action_name, "win.zoom-in"))
    wk_map_view_zoom_in (self->map_view);
  else if (g_str_equal (action_name, "win.zoom-out"))
    wk_map_view_zoom_out (self->map_view);
  else
    wk_map_view_zoom_to_fit (self->map_view, TRUE);
}

/* The edit actions, by name: those with an area run on an existing area
 * (the id is their parameter), the others on the window.  All need a plan;
 * _wk_window_update_edit_actions disables them while there is none. */
typedef void (*EditFunc) (WkWindow   *self,
                          const char *action_name,
                          GVariant   *param);
typedef void (*AreaEditFunc) (WkWindow *self,
                              guint     id,
                              WkArea   *area);

static const struct
{
  const char   *name;
  const char   *param_type;
  EditFunc      func;
  AreaEditFunc  area_func;
} edit_actions[] = {
  { "win.paint", "au", paint_action, NULL },
  { "win.erase", "au", erase_action, NULL },
  { "win.fill", "u", fill_action, NULL },
  { "win.select-unit-area", "u", select_unit_area_action, NULL },
  { "win.undo", NULL, history_action, NULL },
  { "win.redo", NULL, history_action, NULL },
  { "win.add-area", NULL, add_area_action, NULL },
  { "win.rename-area", "u", NULL, rename_area_action },
  { "win.recolor-area", "u", NULL, recolor_area_action },
  { "win.merge-area", "u", NULL, merge_area_action },
  { "win.delete-area", "u", NULL, delete_area_action },
  { "win.toggle-area-lock", "u", NULL, toggle_area_lock_action },
  { "win.edit-area-note", "u", NULL, edit_area_note_action },
  { "win.zoom-to-area", "u", NULL, zoom_to_area_action },
  { "win.zoom-in", NULL, zoom_action, NULL },
  { "win.zoom-out", NULL, zoom_action, NULL },
  { "win.zoom-fit", NULL, zoom_action, NULL },
};

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);

  if (self->plan == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    {
      guint id;
      WkArea *area;

      if (!g_str_equal (edit_actions[i].name, action_name))
        continue;
      if (edit_actions[i].func != NULL)
        {
          edit_actions[i].func (self, action_name, param);
          return;
        }
      id = g_variant_get_uint32 (param);
      area = get_area (self, id);
      if (area != NULL)
        edit_actions[i].area_func (self, id, area);
      return;
    }
}

/* ------------------------------------------------------------- private */

void
_wk_window_class_add_edit_actions (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    gtk_widget_class_install_action (widget_class, edit_actions[i].name,
                                     edit_actions[i].param_type, edit_action);
}

/* Enables what makes sense for the current plan. */
void
_wk_window_update_edit_actions (WkWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_plan = self->plan != NULL;
  g_autofree char *undo_text = NULL;
  g_autofree char *redo_text = NULL;
  const char *undo, *redo;
  static const char *need_plan[] = {
    "win.paint", "win.erase", "win.fill", "win.select-unit-area", "win.add-area",
    "win.rename-area", "win.recolor-area", "win.delete-area", "win.toggle-area-lock",
    "win.edit-area-note", "win.zoom-to-area", "win.zoom-in", "win.zoom-out", "win.zoom-fit",
    "win.save", "win.save-as", "win.export", "win.import-plan", "win.tool",
    "win.export-report",
  };

  for (guint i = 0; i < G_N_ELEMENTS (need_plan); i++)
    gtk_widget_action_set_enabled (widget, need_plan[i], has_plan);
  gtk_widget_action_set_enabled (widget, "win.save", has_plan && !self->read_only);
  gtk_widget_action_set_enabled (widget, "win.undo", has_plan && wk_plan_can_undo (self->plan));
  gtk_widget_action_set_enabled (widget, "win.redo", has_plan && wk_plan_can_redo (self->plan));

  /* “Undo Paint”: what the step was */
  undo = has_plan ? wk_plan_get_undo_label (self->plan) : NULL;
  redo = has_plan ? wk_plan_get_redo_label (self->plan) : NULL;
  undo_text = undo != NULL ? g_strdup_printf (_("Undo “%s”"), undo) : g_strdup (_("Undo"));
  redo_text = redo != NULL ? g_strdup_printf (_("Redo “%s”"), redo) : g_strdup (_("Redo"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_text);
  gtk_widget_set_tooltip_text (self->redo_button, redo_text);
  gtk_widget_action_set_enabled (widget, "win.merge-area", has_plan);
}
