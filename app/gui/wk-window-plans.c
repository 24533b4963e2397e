/* wk-window-plans.c: the plans (scenarios) of the project: switch, add, copy, compare, import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wk-compare-dialog.h"
#include "wk-plans-popover.h"
#include "wk-window-internal.h"

/* A project holds plans: other divisions of the same units, to try and to
 * compare.  The active one is edited in the map and checked in the sidebar;
 * the plans menu in the header bar lists them and runs these actions. */

typedef enum
{
  PLAN_RENAME,
  PLAN_NOTE,
  PLAN_DELETE,
} PlanEdit;

typedef struct
{
  WkPlan    *plan;
  PlanEdit   kind;
} PlanEditData;

static PlanEditData *
plan_edit_data_new (WkPlan   *plan,
                    PlanEdit  kind)
{
  PlanEditData *data = g_new0 (PlanEditData, 1);

  data->plan = g_object_ref (plan);
  data->kind = kind;
  return data;
}

static void
plan_edit_data_free (PlanEditData *data)
{
  g_object_unref (data->plan);
  g_free (data);
}

typedef struct
{
  WkWindow     *window;
  WkPlan       *plan;
  char         *path;
  WkJob        *job;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->plan);
  g_object_unref (data->job);
  g_free (data->path);
  g_free (data);
}

/* ------------------------------------------------------------ helpers */

static void
popdown (WkWindow *self)
{
  gtk_menu_button_popdown (self->plans_button);
}

static void
show_project_error (WkWindow *self,
                    GError   *error)
{
  _wk_window_show_error (self, _("Could Not Change the Plans"), error->message);
}

/* Makes @plan the one being edited. */
static void
activate_plan (WkWindow *self,
               WkPlan   *plan)
{
  wk_project_set_active_plan (self->project, plan);
  _wk_window_update_plan_actions (self);
}

static char *
path_stem (const char *path)
{
  g_autofree char *base = g_filename_display_basename (path);
  char *dot = strchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* ---------------------------------------------------------- callbacks */

/* The user applied a question about a plan (_wk_window_ask and co.). */
static void
answer_plan_edit (WkWindow  *self,
                  GtkWidget *editor,
                  gpointer   user_data)
{
  PlanEditData *data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->project == NULL)
    return;
  switch (data->kind)
    {
    case PLAN_RENAME:
      ok = wk_project_rename_plan (self->project, data->plan,
                                   gtk_editable_get_text (GTK_EDITABLE (editor)), &error);
      break;
    case PLAN_NOTE:
      {
        g_autofree char *text = _wk_window_dup_note (editor);

        wk_plan_set_note (data->plan, g_strstrip (text));
      }
      break;
    case PLAN_DELETE:
    default:
      ok = wk_project_remove_plan (self->project, data->plan, &error);
      break;
    }
  if (!ok)
    show_project_error (self, error);
  _wk_window_update_title (self);
  _wk_window_update_plan_actions (self);
}

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ImportData *data = user_data;
  WkWindow *self = data->window;
  g_autoptr(WkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *heading = NULL;
  gboolean done;

  done = wk_plan_import_polygons_finish (data->plan, result, &report, &error);
  if (!_wk_window_end_job (self, data->job, done ? NULL : error))
    {
      import_data_free (data);
      return;
    }
  wk_plan_clear_history (data->plan);
  if (self->project == NULL || !wk_project_add_plan (self->project, data->plan, &error))
    {
      if (error != NULL)
        show_project_error (self, error);
      import_data_free (data);
      return;
    }
  wk_project_add_source (self->project, "plan", data->path);
  activate_plan (self, data->plan);

  /* what the planner should look at: the core's notes list the units that
   * were a close call (ambiguous) and those no polygon covers */
  lines = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u unit was given an area.",
                                                        "%u units were given an area.",
                                                        report->n_assigned),
                                           report->n_assigned));
  for (guint i = 0; i < report->messages->len; i++)
    g_ptr_array_add (lines, g_strdup (g_ptr_array_index (report->messages, i)));
  heading = g_strdup_printf (_("Imported “%s” as a New Plan"), wk_plan_get_name (data->plan));
  _wk_window_show_messages (self, heading, lines);
  import_data_free (data);
}

/* ------------------------------------------------------------ actions */

static void
switch_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  WkPlan *plan;

  if (self->project == NULL)
    return;
  plan = wk_project_find_plan (self->project, g_variant_get_string (param, NULL));
  popdown (self);
  if (plan != NULL)
    activate_plan (self, plan);
}

static void
add_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  g_autoptr(WkPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (self->project == NULL)
    return;
  popdown (self);
  plan = wk_plan_new (self->dataset);
  name = wk_project_suggest_plan_name (self->project, _("New plan"));
  wk_plan_set_name (plan, name);
  wk_plan_clear_history (plan);
  if (!wk_project_add_plan (self->project, plan, &error))
    show_project_error (self, error);
  else
    activate_plan (self, plan);
}

static void
duplicate_plan_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  WkPlan *copy;

  if (self->project == NULL)
    return;
  popdown (self);
  copy = wk_project_duplicate_plan (self->project, self->plan, NULL, &error);
  if (copy == NULL)
    show_project_error (self, error);
  else
    activate_plan (self, copy);
}

static void
rename_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);

  if (self->project == NULL)
    return;
  popdown (self);
  _wk_window_ask_name (self, _("Rename Plan"), wk_plan_get_name (self->plan), answer_plan_edit,
                       plan_edit_data_new (self->plan, PLAN_RENAME),
                       (GDestroyNotify) plan_edit_data_free);
}

static void
edit_plan_note_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  g_autofree char *body = NULL;

  if (self->project == NULL)
    return;
  popdown (self);
  body = g_strdup_printf (_("What “%s” tries, or what a review decided about it."),
                          wk_plan_get_name (self->plan));
  _wk_window_ask_note (self, _("Plan Note"), body, wk_plan_get_note (self->plan),
                       _("_Save Note"), answer_plan_edit,
                       plan_edit_data_new (self->plan, PLAN_NOTE),
                       (GDestroyNotify) plan_edit_data_free);
}

static void
delete_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  g_autofree char *heading = NULL;

  if (self->project == NULL)
    return;
  popdown (self);
  heading = g_strdup_printf (_("Delete “%s”?"), wk_plan_get_name (self->plan));
  _wk_window_ask (self, heading,
                  _("The plan, its areas and its notes are removed from the project when it is "
                    "saved."), NULL, _("_Delete"), ADW_RESPONSE_DESTRUCTIVE, answer_plan_edit,
                  plan_edit_data_new (self->plan, PLAN_DELETE),
                  (GDestroyNotify) plan_edit_data_free);
}

static void
compare_plans_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  WkCompareDialog *dialog;

  if (self->project == NULL || g_list_model_get_n_items (wk_project_get_plans (self->project)) < 2)
    return;
  popdown (self);
  dialog = wk_compare_dialog_new (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_areas_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  static const char *suffixes[] = {
    "geojson", "json", "gpkg", "shp", "fgb", "gml", "kml", "sqlite", NULL
  };

  if (self->project == NULL)
    return;
  popdown (self);
  chooser = gtk_file_chooser_native_new (_("Import a Plan from Area Polygons"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Area polygons (GeoJSON, GeoPackage, Shapefile…)"));
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  _wk_window_run_chooser (self, chooser, wk_window_import_areas);
}

/* ------------------------------------------------------------- private */

void
_wk_window_class_add_plan_actions (GtkWidgetClass *widget_class)
{
  g_type_ensure (WK_TYPE_PLANS_POPOVER);
  gtk_widget_class_install_action (widget_class, "win.switch-plan", "s", switch_plan_action);
  gtk_widget_class_install_action (widget_class, "win.add-plan", NULL, add_plan_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-plan", NULL,
                                   duplicate_plan_action);
  gtk_widget_class_install_action (widget_class, "win.rename-plan", NULL, rename_plan_action);
  gtk_widget_class_install_action (widget_class, "win.edit-plan-note", NULL,
                                   edit_plan_note_action);
  gtk_widget_class_install_action (widget_class, "win.delete-plan", NULL, delete_plan_action);
  gtk_widget_class_install_action (widget_class, "win.compare-plans", NULL, compare_plans_action);
  gtk_widget_class_install_action (widget_class, "win.import-areas", NULL, import_areas_action);
}

/* Enables what makes sense for the project's plans. */
void
_wk_window_update_plan_actions (WkWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_project = self->project != NULL && self->plan != NULL;
  guint n = has_project ? g_list_model_get_n_items (wk_project_get_plans (self->project)) : 0;
  static const char *need_project[] = {
    "win.switch-plan", "win.add-plan", "win.duplicate-plan", "win.rename-plan",
    "win.edit-plan-note", "win.import-areas", "win.propose",
  };

  for (guint i = 0; i < G_N_ELEMENTS (need_project); i++)
    gtk_widget_action_set_enabled (widget, need_project[i], has_project);
  gtk_widget_action_set_enabled (widget, "win.delete-plan", n > 1);
  gtk_widget_action_set_enabled (widget, "win.compare-plans", n > 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->plans_button), has_project);
}

/* -------------------------------------------------------------- public */

/**
 * wk_window_import_areas:
 * @path: area polygons in any format GDAL reads (an existing team-area
 *   map, CBS wijken, another tool's export)
 *
 * Makes a new plan of them on a worker, with the progress bar and Cancel
 * of loading: each unit goes to the polygon that holds the largest part of
 * it.  When done, the plan is added to the project and made active, and a
 * dialog lists the units that lay for less than half in one polygon.
 */
void
wk_window_import_areas (WkWindow   *self,
                        const char *path)
{
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autofree char *display = NULL;
  ImportData *data;

  g_return_if_fail (WK_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->project == NULL)
    return;
  stem = path_stem (path);
  name = wk_project_suggest_plan_name (self->project, stem);
  display = g_filename_display_basename (path);
  data = g_new0 (ImportData, 1);
  data->window = g_object_ref (self);
  data->plan = wk_plan_new (self->dataset);
  data->path = g_strdup (path);
  data->job = g_object_ref (_wk_window_begin_loading (self, display,
                                                      _("Could Not Import the Areas")));
  wk_plan_set_name (data->plan, name);
  wk_plan_import_polygons_async (data->plan, path, NULL, wk_job_get_cancellable (data->job),
                                 import_cb, data);
}
