/* wk-preferences-window.c: the map settings and the criteria profile editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-preferences-window.h"

/* The criteria page is built from the profile's own tables
 * (wk_profile_get_criteria, wk_profile_get_params): a group per criterion
 * with its switch, its severity and a row per threshold.  Every change goes
 * to the profile at once, and the checkers re-run on WkProfile::changed. */

static const char *basemaps[] = { "pdok-grijs", "osm", "none" };

typedef struct
{
  const char        *criterion;
  const WkParamSpec *spec;      /* NULL: the severity row; "enabled" below */
  gboolean           is_enabled;
  GtkWidget         *widget;
} Editor;

struct _WkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *basemap_row;
  GtkSwitch            *providers_switch;
  GtkSwitch            *networks_switch;
  GtkSwitch            *legend_switch;
  GtkSwitch            *unassigned_switch;
  AdwPreferencesPage   *criteria_page;

  /* owned */
  WkProfile            *profile;
  GSettings            *settings;
  GArray               *editors;      /* Editor */
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (WkPreferencesWindow, wk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_error (WkPreferencesWindow *self,
            GError              *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
refresh_editors (WkPreferencesWindow *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->editors->len; i++)
    {
      Editor *e = &g_array_index (self->editors, Editor, i);

      if (e->is_enabled)
        gtk_switch_set_active (GTK_SWITCH (e->widget),
                               wk_profile_get_enabled (self->profile, e->criterion));
      else if (e->spec == NULL)
        adw_combo_row_set_selected (ADW_COMBO_ROW (e->widget),
                                    wk_profile_get_severity (self->profile, e->criterion));
      else
        switch (e->spec->type)
          {
          case WK_PARAM_BOOLEAN:
            gtk_switch_set_active (GTK_SWITCH (e->widget),
                                   wk_profile_get_boolean (self->profile, e->criterion,
                                                           e->spec->key));
            break;
          case WK_PARAM_INTEGER:
          case WK_PARAM_DOUBLE:
            gtk_spin_button_set_value (GTK_SPIN_BUTTON (e->widget),
                                       wk_profile_get_double (self->profile, e->criterion,
                                                              e->spec->key));
            break;
          case WK_PARAM_CHOICE:
          default:
            {
              g_auto(GStrv) choices = g_strsplit (e->spec->choices, "|", -1);
              const char *value = wk_profile_get_choice (self->profile, e->criterion,
                                                         e->spec->key);

              for (guint c = 0; choices[c] != NULL; c++)
                if (g_strcmp0 (choices[c], value) == 0)
                  adw_combo_row_set_selected (ADW_COMBO_ROW (e->widget), c);
            }
            break;
          }
    }
  self->updating = FALSE;
}

static void
on_profile_changed_cb (WkPreferencesWindow *self,
                       WkProfile           *profile)
{
  if (!self->updating)
    refresh_editors (self);
}

static Editor *
find_editor (WkPreferencesWindow *self,
             GtkWidget           *widget)
{
  for (guint i = 0; i < self->editors->len; i++)
    if (g_array_index (self->editors, Editor, i).widget == widget)
      return &g_array_index (self->editors, Editor, i);
  return NULL;
}

static void
on_editor_changed_cb (GtkWidget           *widget,
                      GParamSpec          *pspec,
                      WkPreferencesWindow *self)
{
  Editor *e = find_editor (self, widget);
  g_autoptr(GError) error = NULL;

  if (e == NULL || self->updating)
    return;
  self->updating = TRUE;
  if (e->is_enabled)
    wk_profile_set_enabled (self->profile, e->criterion, gtk_switch_get_active (GTK_SWITCH (widget)));
  else if (e->spec == NULL)
    wk_profile_set_severity (self->profile, e->criterion,
                             adw_combo_row_get_selected (ADW_COMBO_ROW (widget)));
  else
    switch (e->spec->type)
      {
      case WK_PARAM_BOOLEAN:
        wk_profile_set_boolean (self->profile, e->criterion, e->spec->key,
                                gtk_switch_get_active (GTK_SWITCH (widget)));
        break;
      case WK_PARAM_INTEGER:
      case WK_PARAM_DOUBLE:
        if (!wk_profile_set_double (self->profile, e->criterion, e->spec->key,
                                    gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)), &error))
          show_error (self, error);
        break;
      case WK_PARAM_CHOICE:
      default:
        {
          g_auto(GStrv) choices = g_strsplit (e->spec->choices, "|", -1);
          guint c = adw_combo_row_get_selected (ADW_COMBO_ROW (widget));

          if (c < g_strv_length (choices) &&
              !wk_profile_set_choice (self->profile, e->criterion, e->spec->key, choices[c],
                                      &error))
            show_error (self, error);
        }
        break;
      }
  self->updating = FALSE;
}

static void
add_editor (WkPreferencesWindow *self,
            const char          *criterion,
            const WkParamSpec   *spec,
            gboolean             is_enabled,
            GtkWidget           *widget,
            const char          *signal)
{
  Editor e = { criterion, spec, is_enabled, widget };

  g_array_append_val (self->editors, e);
  g_signal_connect (widget, signal, G_CALLBACK (on_editor_changed_cb), self);
}

static GtkWidget *
param_row (WkPreferencesWindow *self,
           const char          *criterion,
           const WkParamSpec   *spec)
{
  GtkWidget *row, *widget;

  if (spec->type == WK_PARAM_CHOICE)
    {
      g_auto(GStrv) choices = g_strsplit (spec->choices, "|", -1);

      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row),
                               G_LIST_MODEL (gtk_string_list_new ((const char * const *) choices)));
      add_editor (self, criterion, spec, FALSE, row, "notify::selected");
    }
  else
    {
      row = adw_action_row_new ();
      if (spec->type == WK_PARAM_BOOLEAN)
        {
          widget = gtk_switch_new ();
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
          add_editor (self, criterion, spec, FALSE, widget, "notify::active");
        }
      else
        {
          gboolean integer = spec->type == WK_PARAM_INTEGER;
          double step = integer ? (spec->max - spec->min > 1000 ? 100 : 1) :
                        (spec->max <= 1.0 ? 0.05 : 0.1);

          widget = gtk_spin_button_new_with_range (spec->min, spec->max, step);
          gtk_spin_button_set_digits (GTK_SPIN_BUTTON (widget), integer ? 0 : 2);
          gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (widget), TRUE);
          add_editor (self, criterion, spec, FALSE, widget, "notify::value");
          if (spec->unit != NULL)
            {
              GtkWidget *unit = gtk_label_new (_(spec->unit));

              gtk_widget_add_css_class (unit, "dim-label");
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit);
            }
        }
      gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(spec->description));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->label));
  if (spec->type == WK_PARAM_CHOICE)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(spec->description));
  return row;
}

static void
build_criteria_page (WkPreferencesWindow *self)
{
  const WkCriterionInfo *criteria;
  guint n_criteria = 0;

  criteria = wk_profile_get_criteria (&n_criteria);
  for (guint c = 0; c < n_criteria; c++)
    {
      const WkCriterionInfo *info = &criteria[c];
      const WkParamSpec *params;
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      GtkWidget *enabled = gtk_switch_new ();
      GtkWidget *severity = adw_combo_row_new ();
      const char *severities[] = {
        wk_severity_get_label (WK_SEVERITY_INFO),
        wk_severity_get_label (WK_SEVERITY_WARNING),
        wk_severity_get_label (WK_SEVERITY_ERROR),
        NULL
      };
      guint n_params = 0;

      adw_preferences_group_set_title (group, _(info->label));
      adw_preferences_group_set_description (group, _(info->description));
      gtk_widget_set_valign (enabled, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (enabled, _("Check this criterion"));
      adw_preferences_group_set_header_suffix (group, enabled);
      add_editor (self, info->id, NULL, TRUE, enabled, "notify::active");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (severity), _("Severity of findings"));
      adw_combo_row_set_model (ADW_COMBO_ROW (severity),
                               G_LIST_MODEL (gtk_string_list_new (severities)));
      add_editor (self, info->id, NULL, FALSE, severity, "notify::selected");
      adw_preferences_group_add (group, severity);
      g_object_bind_property (enabled, "active", severity, "sensitive", G_BINDING_SYNC_CREATE);

      params = wk_profile_get_params (info->id, &n_params);
      for (guint p = 0; p < n_params; p++)
        {
          GtkWidget *row = param_row (self, info->id, &params[p]);

          g_object_bind_property (enabled, "active", row, "sensitive", G_BINDING_SYNC_CREATE);
          adw_preferences_group_add (group, row);
        }
      adw_preferences_page_add (self->criteria_page, group);
    }
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  WkPreferencesWindow *self = WK_PREFERENCES_WINDOW (widget);

  wk_profile_reset (self->profile);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("The criteria are back to the guide’s values")));
}

static void
on_basemap_selected_cb (WkPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->basemap_row);

  if (!self->updating && i < G_N_ELEMENTS (basemaps))
    g_settings_set_string (self->settings, "basemap", basemaps[i]);
}

static void
on_basemap_setting_cb (WkPreferencesWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "basemap");

  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (basemaps); i++)
    if (g_str_equal (id, basemaps[i]))
      adw_combo_row_set_selected (self->basemap_row, i);
  self->updating = FALSE;
}

static void
wk_preferences_window_dispose (GObject *object)
{
  WkPreferencesWindow *self = WK_PREFERENCES_WINDOW (object);

  if (self->profile != NULL)
    g_signal_handlers_disconnect_by_data (self->profile, self);
  g_clear_object (&self->profile);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (wk_preferences_window_parent_class)->dispose (object);
}

static void
wk_preferences_window_finalize (GObject *object)
{
  WkPreferencesWindow *self = WK_PREFERENCES_WINDOW (object);

  g_array_unref (self->editors);
  G_OBJECT_CLASS (wk_preferences_window_parent_class)->finalize (object);
}

static void
wk_preferences_window_class_init (WkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wk_preferences_window_dispose;
  object_class->finalize = wk_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wijkindeling/Wijkindeling/ui/wk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WkPreferencesWindow, basemap_row);
  gtk_widget_class_bind_template_child (widget_class, WkPreferencesWindow, providers_switch);
  gtk_widget_class_bind_template_child (widget_class, WkPreferencesWindow, networks_switch);
  gtk_widget_class_bind_template_child (widget_class, WkPreferencesWindow, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, WkPreferencesWindow, unassigned_switch);
  gtk_widget_class_bind_template_child (widget_class, WkPreferencesWindow, criteria_page);
  gtk_widget_class_bind_template_callback (widget_class, on_basemap_selected_cb);
  gtk_widget_class_install_action (widget_class, "prefs.reset", NULL, reset_action);
}

static void
wk_preferences_window_init (WkPreferencesWindow *self)
{
  self->editors = g_array_new (FALSE, FALSE, sizeof (Editor));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * wk_preferences_window_new:
 * @profile: the criteria profile to edit
 * @settings: the application's settings
 *
 * Returns: (transfer none): the window; it is destroyed when closed
 */
WkPreferencesWindow *
wk_preferences_window_new (WkProfile *profile,
                           GSettings *settings)
{
  WkPreferencesWindow *self;

  g_return_val_if_fail (WK_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (WK_TYPE_PREFERENCES_WINDOW, NULL);
  self->profile = g_object_ref (profile);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "show-providers", self->providers_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-networks", self->networks_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-legend", self->legend_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "paint-only-unassigned", self->unassigned_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed::basemap", G_CALLBACK (on_basemap_setting_cb),
                           self, G_CONNECT_SWAPPED);
  on_basemap_setting_cb (self);

  build_criteria_page (self);
  refresh_editors (self);
  g_signal_connect_object (profile, "changed", G_CALLBACK (on_profile_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * wk_preferences_window_get_editor:
 * @criterion: a criterion id
 * @key: (nullable): a parameter, “enabled”, or %NULL for the severity
 *
 * Returns: (transfer none) (nullable): the widget that edits it (for tests)
 */
GtkWidget *
wk_preferences_window_get_editor (WkPreferencesWindow *self,
                                  const char          *criterion,
                                  const char          *key)
{
  g_return_val_if_fail (WK_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < self->editors->len; i++)
    {
      Editor *e = &g_array_index (self->editors, Editor, i);

      if (g_strcmp0 (e->criterion, criterion) != 0)
        continue;
      if ((key == NULL && e->spec == NULL && !e->is_enabled) ||
          (g_strcmp0 (key, "enabled") == 0 && e->is_enabled) ||
          (key != NULL && e->spec != NULL && g_strcmp0 (e->spec->key, key) == 0))
        return e->widget;
    }
  return NULL;
}
