/* wk-window.c: a main window: the map, the sidebar and the plan being edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-plans-popover.h"
#include "wk-window-internal.h"

/* The window owns one session: a project (the data set and its plans), the
 * plan being edited, its checker and its dissolved area outlines.  Opening,
 * importing and exporting are in wk-window-files.c; saving, closing and
 * recovery in wk-window-project.c; the plans (scenarios) in
 * wk-window-plans.c; tools and area editing in wk-window-edit.c. */

G_DEFINE_FINAL_TYPE (WkWindow, wk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_TOOL,
  PROP_LOADING,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *tools[] = { "inspect", "brush", "box", "lasso", "eraser", "fill" };

static void
on_plan_notify_cb (WkWindow   *self,
                   GParamSpec *pspec,
                   WkPlan     *plan)
{
  _wk_window_update_title (self);
  _wk_window_update_edit_actions (self);
  _wk_window_update_plan_actions (self);
}

static void
on_area_selection_changed_cb (WkWindow           *self,
                              GParamSpec         *pspec,
                              GtkSingleSelection *selection)
{
  wk_map_view_set_active_area (self->map_view, wk_window_get_active_area (self));
  _wk_window_update_edit_actions (self);
}

static void
on_sidebar_area_activated_cb (WkWindow  *self,
                              guint      area,
                              WkSidebar *sidebar)
{
  wk_map_view_zoom_to_area (self->map_view, area);
}

static void
on_sidebar_finding_activated_cb (WkWindow  *self,
                                 WkFinding *finding,
                                 WkSidebar *sidebar)
{
  wk_map_view_show_finding (self->map_view, finding);
}

static gboolean
wk_window_close_request (GtkWindow *window)
{
  WkWindow *self = WK_WINDOW (window);
  int width, height;

  if (_wk_window_close_request (self))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (wk_window_parent_class)->close_request (window);
}

static void
wk_window_constructed (GObject *object)
{
  WkWindow *self = WK_WINDOW (object);
  static const char *toggles[] = {
    "paint-only-unassigned", "show-networks", "show-providers", "show-legend",
    "sidebar-visible", "basemap",
  };
  int width, height;

  G_OBJECT_CLASS (wk_window_parent_class)->constructed (object);

  self->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, toggles[i]);

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
  g_settings_bind (self->settings, "sidebar-visible", self->flap, "reveal-flap",
                   G_SETTINGS_BIND_DEFAULT);

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  _wk_window_init_jobs (self);
  _wk_window_init_files (self);
  _wk_window_init_project (self);
  _wk_window_init_shared (self);
  _wk_window_update_title (self);
  _wk_window_update_edit_actions (self);
}

static void
wk_window_dispose (GObject *object)
{
  WkWindow *self = WK_WINDOW (object);

  _wk_window_dispose_jobs (self);
  _wk_window_dispose_project (self);
  _wk_window_dispose_shared (self);
  if (self->plan != NULL)
    g_clear_signal_handler (&self->plan_notify_id, self->plan);
  g_clear_object (&self->area_selection);
  g_clear_object (&self->checker);
  g_clear_object (&self->dissolver);
  g_clear_object (&self->plan);
  g_clear_object (&self->dataset);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_WINDOW);
  G_OBJECT_CLASS (wk_window_parent_class)->dispose (object);
}

static void
wk_window_finalize (GObject *object)
{
  WkWindow *self = WK_WINDOW (object);

  g_free (self->tool);
  G_OBJECT_CLASS (wk_window_parent_class)->finalize (object);
}

static void
wk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WkWindow *self = WK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_string (value, self->tool);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, wk_window_get_loading (self));
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WkWindow *self = WK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      {
        const char *tool = g_value_get_string (value);
        gboolean known = FALSE;

        for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
          known |= g_strcmp0 (tool, tools[i]) == 0;
        if (known && g_strcmp0 (tool, self->tool) != 0)
          {
            g_free (self->tool);
            self->tool = g_strdup (tool);
            if (self->map_view != NULL)
              wk_map_view_set_tool (self->map_view, tool);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_window_class_init (WkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = wk_window_constructed;
  object_class->dispose = wk_window_dispose;
  object_class->finalize = wk_window_finalize;
  object_class->get_property = wk_window_get_property;
  object_class->set_property = wk_window_set_property;
  window_class->close_request = wk_window_close_request;

  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "inspect",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, WK_TYPE_PLAN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wijkindeling/Wijkindeling/ui/wk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WkWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, plans_button);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, shared_banner);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, shared_banner_label);
  gtk_widget_class_bind_template_child (widget_class, WkWindow, shared_banner_buttons);

  gtk_widget_class_install_property_action (widget_class, "win.tool", "tool");
  _wk_window_class_add_job_actions (widget_class);
  _wk_window_class_add_file_actions (widget_class);
  _wk_window_class_add_pdok_actions (widget_class);
  _wk_window_class_add_edit_actions (widget_class);
  _wk_window_class_add_project_actions (widget_class);
  _wk_window_class_add_plan_actions (widget_class);
  _wk_window_class_add_report_actions (widget_class);
  _wk_window_class_add_repair_actions (widget_class);
  _wk_window_class_add_propose_actions (widget_class);
  _wk_window_class_add_shared_actions (widget_class);
}

static void
wk_window_init (WkWindow *self)
{
  self->tool = g_strdup ("inspect");
  gtk_widget_init_template (GTK_WIDGET (self));
  wk_map_view_set_tool (self->map_view, self->tool);
  g_signal_connect_object (self->sidebar, "area-activated",
                           G_CALLBACK (on_sidebar_area_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "finding-activated",
                           G_CALLBACK (on_sidebar_finding_activated_cb), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------- private */

/* Shows @plan (of @dataset) in the map and the sidebar, with a checker of
 * the project's criteria; the old plan's are dropped. */
static void
show_plan (WkWindow  *self,
           WkDataset *dataset,
           WkPlan    *plan)
{
  WkApplication *app = WK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  gboolean same_data = dataset != NULL && dataset == self->dataset;
  WkProfile *profile;

  if (self->plan != NULL)
    g_clear_signal_handler (&self->plan_notify_id, self->plan);
  if (self->area_selection != NULL)
    g_signal_handlers_disconnect_by_func (self->area_selection, on_area_selection_changed_cb, self);

  wk_sidebar_set_session (self->sidebar, NULL, NULL);
  wk_map_view_show_finding (self->map_view, NULL);
  wk_map_view_set_plan (self->map_view, NULL, NULL);
  g_clear_object (&self->area_selection);
  g_clear_object (&self->checker);
  g_clear_object (&self->dissolver);
  g_set_object (&self->plan, plan);
  g_set_object (&self->dataset, dataset);

  if (plan != NULL)
    {
      profile = self->project != NULL ? wk_project_get_profile (self->project)
                                      : wk_application_get_profile (app);
      self->checker = wk_checker_new (plan, profile);
      self->dissolver = wk_dissolver_new (plan);
      self->area_selection = gtk_single_selection_new (g_object_ref (wk_plan_get_areas (plan)));
      gtk_single_selection_set_autoselect (self->area_selection, FALSE);
      gtk_single_selection_set_can_unselect (self->area_selection, TRUE);
      if (wk_plan_get_n_areas (plan) > 0)
        gtk_single_selection_set_selected (self->area_selection, 0);
      else
        gtk_single_selection_set_selected (self->area_selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_object (self->area_selection, "notify::selected-item",
                               G_CALLBACK (on_area_selection_changed_cb), self, G_CONNECT_SWAPPED);
      self->plan_notify_id = g_signal_connect_object (plan, "notify",
                                                      G_CALLBACK (on_plan_notify_cb), self,
                                                      G_CONNECT_SWAPPED);

      wk_map_view_set_plan (self->map_view, plan, self->dissolver);
      wk_map_view_set_active_area (self->map_view, wk_window_get_active_area (self));
      wk_sidebar_set_session (self->sidebar, self->checker, self->area_selection);
      gtk_stack_set_visible_child_name (self->main_stack, "map");
      /* another plan of the same data keeps the view */
      if (!same_data)
        wk_map_view_zoom_to_fit (self->map_view, FALSE);
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "empty");

  _wk_window_update_title (self);
  _wk_window_update_edit_actions (self);
  _wk_window_update_plan_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

static void
on_project_active_plan_cb (WkWindow   *self,
                           GParamSpec *pspec,
                           WkProject  *project)
{
  show_plan (self, wk_project_get_dataset (project), wk_project_get_active_plan (project));
}

static void
on_project_notify_cb (WkWindow   *self,
                      GParamSpec *pspec,
                      WkProject  *project)
{
  _wk_window_update_title (self);
}

/**
 * _wk_window_set_project:
 * @project: (nullable): the project to work in
 *
 * Shows a new session: the project's active plan; the map, the sidebar and
 * the checker follow when another plan becomes active.  The old session is
 * dropped.
 */
void
_wk_window_set_project (WkWindow  *self,
                        WkProject *project)
{
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  self->restored = FALSE;
  _wk_window_update_shared (self);
  wk_plans_popover_set_project (WK_PLANS_POPOVER (gtk_menu_button_get_popover (self->plans_button)),
                                project);
  if (project != NULL)
    {
      g_signal_connect_object (project, "notify::active-plan",
                               G_CALLBACK (on_project_active_plan_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "notify::modified",
                               G_CALLBACK (on_project_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "notify::path",
                               G_CALLBACK (on_project_notify_cb), self, G_CONNECT_SWAPPED);
      show_plan (self, wk_project_get_dataset (project), wk_project_get_active_plan (project));
    }
  else
    show_plan (self, NULL, NULL);
}

/* The title names the project, with a dot while it has unsaved changes; the
 * subtitle the plan (scenario) being edited. */
void
_wk_window_update_title (WkWindow *self)
{
  g_autofree char *project = NULL;
  g_autofree char *title = NULL;
  const char *name;

  if (self->plan == NULL || self->project == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Wijkindeling"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Wijkindeling"));
      return;
    }

  project = wk_project_dup_title (self->project);
  if (_wk_window_has_unsaved_changes (self))
    title = g_strdup_printf ("• %s", project);
  else
    title = g_strdup (project);
  name = wk_plan_get_name (self->plan);
  if (name == NULL || *name == '\0')
    name = _("Untitled Plan");
  adw_window_title_set_title (self->window_title, title);
  if (wk_project_is_shared (self->project))
    {
      g_autofree char *place = _wk_window_dup_shared_place (self);
      g_autofree char *subtitle = g_strdup_printf ("%s — %s", name, place);

      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else
    adw_window_title_set_subtitle (self->window_title, name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/**
 * _wk_window_show_error:
 * @heading: what failed, e.g. “Could not open the data”
 * @body: why, naming the file
 *
 * Shows a blocking error.
 */
void
_wk_window_show_error (WkWindow   *self,
                       const char *heading,
                       const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "error-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_wk_window_notify_loading (WkWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
_wk_window_toast (WkWindow   *self,
                  const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* -------------------------------------------------------------- public */

/**
 * wk_window_new:
 *
 * Returns: (transfer full): a new, empty window
 */
WkWindow *
wk_window_new (WkApplication *application)
{
  return g_object_new (WK_TYPE_WINDOW, "application", application, NULL);
}

gboolean
wk_window_get_loading (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), FALSE);
  return _wk_window_find_job (self, "load") != NULL;
}

WkDataset *
wk_window_get_dataset (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), NULL);
  return self->dataset;
}

/**
 * wk_window_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan being edited
 */
WkPlan *
wk_window_get_plan (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), NULL);
  return self->plan;
}

WkChecker *
wk_window_get_checker (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), NULL);
  return self->checker;
}

WkMapView *
wk_window_get_map_view (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), NULL);
  return self->map_view;
}

WkSidebar *
wk_window_get_sidebar (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), NULL);
  return self->sidebar;
}

/**
 * wk_window_get_active_area:
 *
 * Returns: the area selected in the sidebar, which the tools paint with, or
 *   %WK_AREA_NONE
 */
guint
wk_window_get_active_area (WkWindow *self)
{
  WkArea *area;

  g_return_val_if_fail (WK_IS_WINDOW (self), WK_AREA_NONE);
  if (self->area_selection == NULL)
    return WK_AREA_NONE;
  area = gtk_single_selection_get_selected_item (self->area_selection);
  return area != NULL ? wk_area_get_id (area) : WK_AREA_NONE;
}

/**
 * wk_window_set_active_area:
 * @area: an area id, or %WK_AREA_NONE
 *
 * Selects the area in the sidebar.
 */
void
wk_window_set_active_area (WkWindow *self,
                           guint     area)
{
  GListModel *areas;

  g_return_if_fail (WK_IS_WINDOW (self));
  if (self->area_selection == NULL)
    return;
  areas = G_LIST_MODEL (self->area_selection);
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WkArea) item = g_list_model_get_item (areas, i);

      if (wk_area_get_id (item) == area)
        {
          gtk_single_selection_set_selected (self->area_selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->area_selection, GTK_INVALID_LIST_POSITION);
}
