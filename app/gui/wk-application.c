/* wk-application.c: the Wijkindeling application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "wk-application.h"
#include "wk-area-profile.h"
#include "wk-area-row.h"
#include "wk-finding-row.h"
#include "wk-legend.h"
#include "wk-map-view.h"
#include "wk-preferences-window.h"
#include "wk-resources.h"
#include "wk-sidebar.h"
#include "wk-window.h"

struct _WkApplication
{
  AdwApplication  parent_instance;

  /* owned */
  GSettings      *settings;
  WkProfile      *profile;
  char           *profile_path;
  guint           save_profile_id;
  gboolean        recovery_offered;
};

G_DEFINE_FINAL_TYPE (WkApplication, wk_application, ADW_TYPE_APPLICATION)

/* The one accelerator table: menus and the shortcuts window show these. */
static const struct
{
  const char *action;
  const char *accels[4];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.open-project", { "<Control><Shift>o", NULL } },
  { "win.import-plan", { "<Control>i", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.export('geojson')", { "<Control>e", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.add-area", { "<Control>n", NULL } },
  { "win.duplicate-plan", { "<Control><Shift>d", NULL } },
  { "win.compare-plans", { "<Control><Shift>c", NULL } },
  { "win.tool('inspect')", { "v", NULL } },
  { "win.tool('brush')", { "b", NULL } },
  { "win.tool('box')", { "r", NULL } },
  { "win.tool('lasso')", { "l", NULL } },
  { "win.tool('eraser')", { "e", NULL } },
  { "win.tool('fill')", { "f", NULL } },
  { "win.paint-only-unassigned", { "u", NULL } },
  { "win.show-networks", { "n", NULL } },
  { "win.show-providers", { "p", NULL } },
  { "win.zoom-in", { "<Control>plus", "<Control>equal", "plus", NULL } },
  { "win.zoom-out", { "<Control>minus", "minus", NULL } },
  { "win.zoom-fit", { "<Control>0", NULL } },
  { "win.sidebar-visible", { "F9", NULL } },
  { "win.close", { "<Control>w", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

static const GOptionEntry options[] = {
  { "sample", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the built-in sample municipality (made up)"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
  { NULL }
};

static gboolean
save_profile_cb (gpointer user_data)
{
  WkApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (self->profile_path);

  self->save_profile_id = 0;
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !wk_profile_save (self->profile, self->profile_path, &error))
    g_message ("Could not save the criteria profile to “%s”: %s", self->profile_path,
               error != NULL ? error->message : g_strerror (errno));
  return G_SOURCE_REMOVE;
}

static void
on_profile_changed_cb (WkApplication *self,
                       WkProfile     *profile)
{
  g_clear_handle_id (&self->save_profile_id, g_source_remove);
  self->save_profile_id = g_timeout_add_seconds (1, save_profile_cb, self);
}

static WkWindow *
get_window (WkApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (WK_IS_WINDOW (window))
    return WK_WINDOW (window);
  return wk_window_new (self);
}

/* A window for files: the active one while it is empty, else a new one. */
static WkWindow *
get_window_for_files (WkApplication *self)
{
  WkWindow *window = get_window (self);

  if (wk_window_get_plan (window) != NULL || wk_window_get_loading (window))
    return wk_window_new (self);
  return window;
}

/* Once, at start-up: the unsaved work of sessions that crashed. */
static void
present_window (WkApplication *self,
                WkWindow      *window)
{
  gtk_window_present (GTK_WINDOW (window));
  if (!self->recovery_offered)
    {
      self->recovery_offered = TRUE;
      wk_window_offer_recovery (window);
    }
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  WkApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  WkProfile *profile = self->profile;
  WkPreferencesWindow *prefs;

  /* a project opened from a file checks against its own criteria */
  if (WK_IS_WINDOW (parent) && wk_window_get_project (WK_WINDOW (parent)) != NULL)
    profile = wk_project_get_profile (wk_window_get_project (WK_WINDOW (parent)));
  prefs = wk_preferences_window_new (profile, self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  WkApplication *self = user_data;
  const char *developers[] = { _("The Wijkindeling developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Wijkindeling"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Wijkindeling developers"),
                        "developers", developers,
                        "comments", _("Divide a municipality into neighbourhood areas for "
                                      "primary-care teams and check the division against the "
                                      "criteria of the regional guide."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/wijkindeling/wijkindeling",
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("CBS data"),
                                      _("Source: CBS, Kadaster"), GTK_LICENSE_CUSTOM,
                                      _("The CBS neighbourhood data are published under the "
                                        "Creative Commons Attribution 4.0 licence."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  WkApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* each window asks about unsaved changes */
  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (l->data);
}

static void
wk_application_startup (GApplication *application)
{
  WkApplication *self = WK_APPLICATION (application);
  static const GActionEntry actions[] = {
    { "preferences", preferences_action },
    { "about", about_action },
    { "quit", quit_action },
  };
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (wk_application_parent_class)->startup (application);

  wk_application_ensure_types ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  shumate_set_user_agent ("Wijkindeling/" PACKAGE_VERSION);
  self->settings = g_settings_new (APP_ID);

  self->profile_path = g_build_filename (g_get_user_config_dir (), "wijkindeling",
                                         "profile.ini", NULL);
  if (g_file_test (self->profile_path, G_FILE_TEST_EXISTS))
    self->profile = wk_profile_load (self->profile_path, &error);
  if (self->profile == NULL)
    {
      if (error != NULL)
        g_message ("Using the default criteria: %s", error->message);
      self->profile = wk_profile_new ();
    }
  g_signal_connect_object (self->profile, "changed", G_CALLBACK (on_profile_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
wk_application_activate (GApplication *application)
{
  WkApplication *self = WK_APPLICATION (application);

  present_window (self, get_window (self));
}

/* Files from the desktop (the .desktop file's %F) or another instance. */
static void
wk_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  WkApplication *self = WK_APPLICATION (application);
  WkWindow *window = get_window_for_files (self);

  wk_window_open_files (window, files, n_files);
  present_window (self, window);
}

static int
wk_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  WkApplication *self = WK_APPLICATION (application);
  GVariantDict *dict = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **paths = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  WkWindow *window;

  g_variant_dict_lookup (dict, G_OPTION_REMAINING, "^a&ay", &paths);
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    g_ptr_array_add (files, g_application_command_line_create_file_for_arg (command_line,
                                                                            paths[i]));

  window = files->len > 0 || g_variant_dict_contains (dict, "sample")
           ? get_window_for_files (self) : get_window (self);
  if (g_variant_dict_contains (dict, "sample"))
    wk_window_open_sample (window);
  else if (files->len > 0)
    wk_window_open_files (window, (GFile **) files->pdata, files->len);
  present_window (self, window);
  return 0;
}

static void
wk_application_shutdown (GApplication *application)
{
  WkApplication *self = WK_APPLICATION (application);

  if (self->save_profile_id != 0)
    {
      g_clear_handle_id (&self->save_profile_id, g_source_remove);
      save_profile_cb (self);
    }
  G_APPLICATION_CLASS (wk_application_parent_class)->shutdown (application);
}

static void
wk_application_dispose (GObject *object)
{
  WkApplication *self = WK_APPLICATION (object);

  g_clear_handle_id (&self->save_profile_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile);
  G_OBJECT_CLASS (wk_application_parent_class)->dispose (object);
}

static void
wk_application_finalize (GObject *object)
{
  WkApplication *self = WK_APPLICATION (object);

  g_free (self->profile_path);
  G_OBJECT_CLASS (wk_application_parent_class)->finalize (object);
}

static void
wk_application_class_init (WkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = wk_application_dispose;
  object_class->finalize = wk_application_finalize;
  app_class->startup = wk_application_startup;
  app_class->activate = wk_application_activate;
  app_class->command_line = wk_application_command_line;
  app_class->open = wk_application_open;
  app_class->shutdown = wk_application_shutdown;
}

static void
wk_application_init (WkApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open a project (*.wijk.gpkg), or units (buurten) "
                                              "and an assignment CSV, or the built-in sample "
                                              "with --sample."));
}

/**
 * wk_application_new:
 *
 * Returns: (transfer full): the application
 */
WkApplication *
wk_application_new (void)
{
  static gsize registered = 0;

  /* registered by hand: a static library's constructors may not be linked in */
  if (g_once_init_enter (&registered))
    {
      wk_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  return g_object_new (WK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE |
                                G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/wijkindeling/Wijkindeling",
                       NULL);
}

/**
 * wk_application_get_profile:
 *
 * Returns: (transfer none): the criteria profile every window checks against
 */
WkProfile *
wk_application_get_profile (WkApplication *self)
{
  g_return_val_if_fail (WK_IS_APPLICATION (self), NULL);
  return self->profile;
}

GSettings *
wk_application_get_settings (WkApplication *self)
{
  g_return_val_if_fail (WK_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * wk_application_dup_sample_dir:
 *
 * The built-in sample: in the source tree for uninstalled runs, otherwise
 * where it is installed.
 *
 * Returns: (transfer full): the folder
 */
char *
wk_application_dup_sample_dir (void)
{
  g_autofree char *source = g_build_filename (WK_SOURCE_DATADIR, "sample", NULL);
  g_autofree char *units = g_build_filename (source, "units.geojson", NULL);

  if (g_file_test (units, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&source);
  return g_build_filename (PKGDATADIR, "sample", NULL);
}

/**
 * wk_application_ensure_types:
 *
 * Registers the types the templates use.
 */
void
wk_application_ensure_types (void)
{
  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);
  g_type_ensure (SHUMATE_TYPE_LICENSE);
  g_type_ensure (WK_TYPE_AREA_PROFILE);
  g_type_ensure (WK_TYPE_AREA_ROW);
  g_type_ensure (WK_TYPE_FINDING_ROW);
  g_type_ensure (WK_TYPE_LEGEND);
  g_type_ensure (WK_TYPE_MAP_VIEW);
  g_type_ensure (WK_TYPE_SIDEBAR);
}
