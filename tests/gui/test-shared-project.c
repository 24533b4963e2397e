/* test-shared-project.c: a shared project in PostgreSQL/PostGIS in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "wk-gui-test-util.h"
#include "wk-shared-dialog.h"
#include "wk-test-pg.h"

#define SCHEMA "woerden"

static GTestDBus *bus;        /* a private session bus, for the keyring */
static GString *log_text;     /* every message logged, debug too */
static char *last_connection; /* what the last shared dialog opened */

/* Paints unit @unit into another area than the one it is in. */
static void
paint_elsewhere (WkWindow *window,
                 guint     unit)
{
  WkPlan *plan = wk_window_get_plan (window);
  guint n = wk_dataset_get_n_units (wk_plan_get_dataset (plan));
  guint area = wk_plan_get_unit_area (plan, unit);
  guint other = WK_AREA_NONE;

  for (guint u = 0; other == WK_AREA_NONE && u < n; u++)
    if (wk_plan_get_unit_area (plan, u) != area && wk_plan_get_unit_area (plan, u) != WK_AREA_NONE)
      other = wk_plan_get_unit_area (plan, u);
  g_assert_cmpuint (other, !=, WK_AREA_NONE);
  wk_window_set_active_area (window, other);
  wk_gui_test_paint (window, &unit, 1);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, unit), ==, other);
}

static char *
query_plan (WkTestPgFixture *fx,
            const char      *what,
            const char      *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM " SCHEMA ".wk_plans WHERE name = '%s'",
                                          what, name);

  return wk_test_pg_query (fx, sql);
}

/* The sample, copied into the schema through the core. */
static void
copy_sample (WkTestPgFixture *fx)
{
  WkWindow *sample = wk_gui_test_open_sample ();
  g_autoptr(GError) error = NULL;

  g_assert_true (wk_project_save_pg (wk_window_get_project (sample), fx->pg, SCHEMA, NULL,
                                     &error));
  g_assert_no_error (error);
  wk_gui_test_close_window (sample);
}

static void
on_open_cb (WkSharedDialog *dialog,
            const char     *connection,
            const char     *schema,
            gpointer        user_data)
{
  g_free (last_connection);
  last_connection = g_strdup (connection);
}

/* Opens the schema in a new window through the action and its dialog, as
 * a user would, as @user (%NULL: the cluster's own). */
static WkWindow *
open_shared (WkTestPgFixture *fx,
             const char      *user,
             const char      *password,
             const char      *screenshot)
{
  WkWindow *window = wk_gui_test_new_window ();
  WkSharedDialog *dialog;
  g_autofree char *host = wk_conninfo_get (fx->conninfo, "host");
  g_autofree char *port = wk_conninfo_get (fx->conninfo, "port");
  g_autofree char *dbname = wk_conninfo_get (fx->conninfo, "dbname");
  g_autofree char *own = wk_conninfo_get (fx->conninfo, "user");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-shared", NULL));
  dialog = WK_SHARED_DIALOG (wk_gui_test_find_toplevel (WK_TYPE_SHARED_DIALOG));
  g_assert_nonnull (dialog);
  /* the cluster trusts 127.0.0.1: a password is passed on, and unused */
  wk_shared_dialog_set_connection (dialog, host, port, dbname, user ? user : own, password,
                                   SCHEMA);
  if (screenshot != NULL)
    {
      g_autofree char *shot = NULL;

      wk_gui_test_wait_paint (GTK_WIDGET (dialog));
      shot = wk_gui_test_save_screenshot (GTK_WIDGET (dialog), screenshot);
    }
  g_assert_true (gtk_widget_get_sensitive (wk_shared_dialog_get_open_button (dialog)));
  g_signal_connect (dialog, "open", G_CALLBACK (on_open_cb), NULL);
  g_clear_pointer (&last_connection, g_free);
  g_signal_emit_by_name (wk_shared_dialog_get_open_button (dialog), "clicked");
  /* without a password the dialog asks the keyring first */
  for (guint i = 0; i < 200 && last_connection == NULL; i++)
    wk_gui_test_iterate (50);
  g_assert_nonnull (last_connection);
  wk_gui_test_wait_loaded (window);
  g_assert_nonnull (wk_window_get_project (window));
  g_assert_true (wk_project_is_shared (wk_window_get_project (window)));
  g_assert_false (wk_project_is_modified (wk_window_get_project (window)));
  return window;
}

/* The window that is not @window. */
static WkWindow *
other_window (WkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) found = g_list_model_get_item (toplevels, i);

      if (WK_IS_WINDOW (found) && found != GTK_WINDOW (window))
        return WK_WINDOW (found);
    }
  g_assert_not_reached ();
}

/* The banner of the shared project, when it shows. */
static GtkRevealer *
find_banner (WkWindow *window)
{
  g_autoptr(GPtrArray) revealers = wk_gui_test_find_widgets (GTK_WIDGET (window),
                                                             GTK_TYPE_REVEALER);

  for (guint i = 0; i < revealers->len; i++)
    if (gtk_widget_has_css_class (gtk_revealer_get_child (revealers->pdata[i]),
                                  "wk-shared-banner"))
      return revealers->pdata[i];
  g_assert_not_reached ();
}

/* The header bar's Save button: insensitive while win.save is disabled. */
static GtkWidget *
find_save_button (WkWindow *window)
{
  g_autoptr(GPtrArray) buttons = wk_gui_test_find_widgets (GTK_WIDGET (window), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), "win.save") == 0)
      return buttons->pdata[i];
  g_assert_not_reached ();
}

/* A button of the banner, by its action. */
static GtkWidget *
find_shared_button (WkWindow   *window,
                    const char *action)
{
  g_autoptr(GPtrArray) buttons = wk_gui_test_find_widgets (GTK_WIDGET (find_banner (window)),
                                                           GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return buttons->pdata[i];
  g_assert_not_reached ();
}

static gboolean
banner_says (GtkRevealer *banner,
             const char  *text)
{
  g_autoptr(GPtrArray) labels = wk_gui_test_find_widgets (GTK_WIDGET (banner), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (labels->pdata[i]), text) != NULL)
      return TRUE;
  return FALSE;
}

/* Runs @action (a save) and the main loop until the save has ended. */
static void
save_and_wait (WkWindow   *window,
               const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  for (guint i = 0; i < 600 && wk_window_get_saving (window); i++)
    wk_gui_test_iterate (100);
  g_assert_false (wk_window_get_saving (window));
}

static void
test_shared_conflict (WkTestPgFixture *fx,
                      gconstpointer    data)
{
  WkWindow *window, *reloaded;
  g_autoptr(WkProject) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *plan_name = NULL, *version = NULL, *mine = NULL, *shot = NULL;
  const char *subtitle;
  AdwWindowTitle *title;

  if (fx->pg == NULL)
    return;

  copy_sample (fx);
  window = open_shared (fx, NULL, "geheim", "shared-dialog");
  dbname = wk_conninfo_get (fx->conninfo, "dbname");

  /* the title names the schema, the host and the database, never the password */
  title = ADW_WINDOW_TITLE (wk_gui_test_find_widgets (GTK_WIDGET (window),
                                                      ADW_TYPE_WINDOW_TITLE)->pdata[0]);
  subtitle = adw_window_title_get_subtitle (title);
  g_assert_nonnull (strstr (subtitle, SCHEMA " @ 127.0.0.1/"));
  g_assert_nonnull (strstr (subtitle, dbname));
  g_assert_null (strstr (subtitle, "geheim"));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "geheim"));

  g_assert_true (gtk_widget_get_sensitive (find_save_button (window)));

  /* paint and save: the plan's version goes up, nothing is left unsaved */
  plan_name = g_strdup (wk_plan_get_name (wk_window_get_plan (window)));
  paint_elsewhere (window, 0);
  g_assert_true (wk_project_is_modified (wk_window_get_project (window)));
  save_and_wait (window, "win.save");
  g_assert_false (wk_project_is_modified (wk_window_get_project (window)));
  version = query_plan (fx, "version", plan_name);
  g_assert_cmpstr (version, ==, "2");

  /* someone else saves the same plan */
  other = wk_project_open_pg (fx->pg, SCHEMA, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    WkPlan *plan = wk_project_find_plan (other, plan_name);
    WkDataset *dataset = wk_project_get_dataset (other);
    guint area = WK_AREA_NONE;

    for (guint u = 0; area == WK_AREA_NONE && u < wk_dataset_get_n_units (dataset); u++)
      if (wk_plan_get_unit_area (plan, u) != wk_plan_get_unit_area (plan, 1))
        area = wk_plan_get_unit_area (plan, u);
    g_assert_cmpuint (area, !=, WK_AREA_NONE);
    g_assert_true (wk_plan_assign (plan, 1, area, &error));
    g_assert_no_error (error);
    g_assert_true (wk_project_save_pg (other, fx->pg, SCHEMA, NULL, &error));
    g_assert_no_error (error);
  }
  g_free (version);
  version = query_plan (fx, "version", plan_name);
  g_assert_cmpstr (version, ==, "3");

  /* the window's save is refused: the banner says who, the edit is kept */
  paint_elsewhere (window, 2);
  save_and_wait (window, "win.save");
  g_assert_true (wk_project_is_modified (wk_window_get_project (window)));
  {
    GtkRevealer *banner = find_banner (window);

    g_assert_true (gtk_revealer_get_reveal_child (banner));
    g_assert_true (banner_says (banner, "saved by"));
    g_assert_true (banner_says (banner, plan_name));
    wk_gui_test_iterate (400);
    wk_gui_test_wait_paint (GTK_WIDGET (window));
    g_free (shot);
    shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "shared-conflict");

    /* Reload: the other version in a new window, the edits stay here */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload-shared", NULL));
    reloaded = other_window (window);
    wk_gui_test_wait_loaded (reloaded);
    g_assert_cmpuint (wk_plan_get_unit_area (wk_window_get_plan (reloaded), 1), ==,
                      wk_plan_get_unit_area (wk_project_find_plan (other, plan_name), 1));
    g_assert_cmpuint (wk_plan_get_unit_area (wk_window_get_plan (reloaded), 1), !=,
                      wk_plan_get_unit_area (wk_window_get_plan (window), 1));
    g_assert_false (wk_project_is_modified (wk_window_get_project (reloaded)));
    g_assert_true (wk_project_is_modified (wk_window_get_project (window)));
    wk_gui_test_close_window (reloaded);

    /* save as a new plan: the database holds it, the other version stays */
    save_and_wait (window, "win.save-as-new-plan");
    g_assert_false (gtk_revealer_get_reveal_child (banner));
  }
  g_assert_false (wk_project_is_modified (wk_window_get_project (window)));
  mine = query_plan (fx, "count(*)", wk_plan_get_name (wk_window_get_plan (window)));
  g_assert_cmpstr (mine, ==, "1");
  g_assert_cmpstr (wk_plan_get_name (wk_window_get_plan (window)), !=, plan_name);
  g_free (version);
  version = query_plan (fx, "version", plan_name);
  g_assert_cmpstr (version, ==, "3");
  wk_gui_test_iterate (400);
  wk_gui_test_wait_paint (GTK_WIDGET (window));
  g_free (shot);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "shared-saved-as-new");
  wk_gui_test_close_window (window);
}

/* A user who may only read: the save is refused, the banner says
 * read-only, Save is disabled, the edit stays and the database is as it
 * was. */
static void
test_shared_read_only (WkTestPgFixture *fx,
                       gconstpointer    data)
{
  WkWindow *window;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_name = NULL, *version = NULL, *shot = NULL;
  GtkRevealer *banner;

  if (fx->pg == NULL)
    return;
  copy_sample (fx);
  g_assert_true (wk_test_pg_sql (fx, "DROP ROLE IF EXISTS lezer; CREATE ROLE lezer LOGIN; "
                                     "GRANT USAGE ON SCHEMA " SCHEMA " TO lezer; "
                                     "GRANT SELECT ON ALL TABLES IN SCHEMA " SCHEMA " TO lezer",
                                 &error));
  g_assert_no_error (error);
  window = open_shared (fx, "lezer", NULL, NULL);
  plan_name = g_strdup (wk_plan_get_name (wk_window_get_plan (window)));
  /* known at open, before any save */
  banner = find_banner (window);
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_true (banner_says (banner, "read-only"));
  g_assert_false (gtk_widget_get_sensitive (find_save_button (window)));
  paint_elsewhere (window, 0);
  g_assert_true (wk_project_is_modified (wk_window_get_project (window)));
  g_assert_false (gtk_widget_get_sensitive (find_save_button (window)));
  /* a save is not even tried; the edit stays */
  wk_window_save_project (window, NULL);
  g_assert_false (wk_window_get_saving (window));
  g_assert_true (wk_project_is_modified (wk_window_get_project (window)));
  version = query_plan (fx, "version", plan_name);
  g_assert_cmpstr (version, ==, "1");
  wk_gui_test_iterate (400);
  wk_gui_test_wait_paint (GTK_WIDGET (window));
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "shared-read-only");
  wk_gui_test_close_window (window);
}

static const char *self_path;

/* The second process of test_shared_changed_elsewhere: saves @plan_name
 * with unit 1 in another area. */
static int
change_plan (const char *pg,
             const char *plan_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProject) project = wk_project_open_pg (pg, SCHEMA, NULL, NULL, &error);
  WkPlan *plan = project ? wk_project_find_plan (project, plan_name) : NULL;
  guint n = plan ? wk_dataset_get_n_units (wk_plan_get_dataset (plan)) : 0;
  guint area = WK_AREA_NONE;

  for (guint u = 0; area == WK_AREA_NONE && u < n; u++)
    if (wk_plan_get_unit_area (plan, u) != wk_plan_get_unit_area (plan, 1))
      area = wk_plan_get_unit_area (plan, u);
  if (plan == NULL || area == WK_AREA_NONE || !wk_plan_assign (plan, 1, area, &error) ||
      !wk_project_save_pg (project, pg, SCHEMA, NULL, &error))
    {
      g_printerr ("%s\n", error ? error->message : "no such plan");
      return 1;
    }
  return 0;
}

/* Another process saves the plan while the window shows it: without a
 * save in the window, the banner says who changed it and when, and offers
 * Reload and Save as New Plan. */
static void
test_shared_changed_elsewhere (WkTestPgFixture *fx,
                               gconstpointer    data)
{
  WkWindow *window;
  g_autoptr(GSubprocess) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_name = NULL, *shot = NULL, *says = NULL;
  GtkRevealer *banner;

  if (fx->pg == NULL)
    return;
  copy_sample (fx);
  window = open_shared (fx, NULL, NULL, NULL);
  plan_name = g_strdup (wk_plan_get_name (wk_window_get_plan (window)));
  banner = find_banner (window);
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  other = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_path, "--change-plan",
                            fx->pg, plan_name, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (other, NULL, &error));
  g_assert_no_error (error);
  /* the window looks every few seconds */
  for (guint i = 0; i < 300 && !gtk_revealer_get_reveal_child (banner); i++)
    wk_gui_test_iterate (100);
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  says = g_strdup_printf ("“%s” was changed by wk at ", plan_name);
  g_assert_true (banner_says (banner, says));
  g_assert_true (gtk_widget_is_visible (find_shared_button (window, "win.reload-shared")));
  g_assert_true (gtk_widget_is_visible (find_shared_button (window, "win.save-as-new-plan")));
  g_assert_false (wk_project_is_modified (wk_window_get_project (window)));
  wk_gui_test_iterate (400);
  wk_gui_test_wait_frame (GTK_WIDGET (window));
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "shared-changed-elsewhere");
  /* Save as New Plan keeps this window's version beside theirs */
  save_and_wait (window, "win.save-as-new-plan");
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_assert_cmpstr (wk_plan_get_name (wk_window_get_plan (window)), !=, plan_name);
  wk_gui_test_close_window (window);
}

static gboolean
tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* A save that waits for the server (another connection holds the plan's
 * row) runs on a worker: the window's main loop goes on, the progress card
 * says what is saved, the user paints on; once the server answers the save
 * lands, and the paint made meanwhile is still to be saved. */
static void
test_shared_save_responsive (WkTestPgFixture *fx,
                             gconstpointer    data)
{
  WkWindow *window;
  WkTestPgHold *hold;
  g_autofree char *plan_name = NULL, *version = NULL, *shot = NULL;
  guint ticks = 0, tick;

  if (fx->pg == NULL)
    return;
  copy_sample (fx);
  window = open_shared (fx, NULL, NULL, NULL);
  plan_name = g_strdup (wk_plan_get_name (wk_window_get_plan (window)));
  paint_elsewhere (window, 0);
  hold = wk_test_pg_hold (fx, "SELECT 1 FROM " SCHEMA ".wk_plans FOR UPDATE");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (wk_window_get_saving (window));
  g_assert_true (wk_test_pg_wait_for_waiters (fx, 1));
  tick = g_timeout_add (10, tick_cb, &ticks);
  wk_gui_test_iterate (500);
  g_assert_cmpuint (ticks, >=, 3);
  g_assert_true (wk_window_get_saving (window));
  paint_elsewhere (window, 2);
  wk_gui_test_wait_paint (GTK_WIDGET (window));
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "shared-saving");
  version = query_plan (fx, "version", plan_name);
  g_assert_cmpstr (version, ==, "1");
  wk_test_pg_release (hold);
  for (guint i = 0; i < 600 && wk_window_get_saving (window); i++)
    wk_gui_test_iterate (100);
  g_source_remove (tick);
  g_assert_false (wk_window_get_saving (window));
  g_free (version);
  version = query_plan (fx, "version", plan_name);
  g_assert_cmpstr (version, ==, "2");
  /* the paint made while it saved is not in that save */
  g_assert_true (wk_project_is_modified (wk_window_get_project (window)));
  save_and_wait (window, "win.save");
  g_assert_false (wk_project_is_modified (wk_window_get_project (window)));
  g_free (version);
  version = query_plan (fx, "version", plan_name);
  g_assert_cmpstr (version, ==, "3");
  wk_gui_test_close_window (window);
}

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      g_string_append_printf (log_text, "%s\n", (const char *) fields[i].value);
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* Whether a file below @dir (but for the keyring's own) holds @secret;
 * counts the files in @n_files. */
static gboolean
files_hold (const char *dir,
            const char *secret,
            guint      *n_files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_str_equal (name, "keyrings"))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (files_hold (path, secret, n_files))
            return TRUE;
        }
      else if (g_file_get_contents (path, &contents, &length, NULL))
        {
          (*n_files)++;
          if (g_strstr_len (contents, length, secret) != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_secret_service (gpointer user_data)
{
  g_autoptr(GDBusConnection) session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean has = FALSE;

  if (session != NULL)
    reply = g_dbus_connection_call_sync (session, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus", "NameHasOwner",
                                         g_variant_new ("(s)", "org.freedesktop.secrets"),
                                         G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                         NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has);
  return has;
}

/* The password typed in the shared dialog goes to the keyring (a real
 * gnome-keyring on a private session bus) and comes back from it when the
 * dialog is left empty; it is in no file the app writes (the project in
 * the database, the recovery copy, the recent files), no log line and no
 * setting. */
static void
test_shared_keyring (WkTestPgFixture *fx,
                     gconstpointer    data)
{
  const char *secret = "kr-geheim-4711";
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr(GSubprocess) keyring = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *in_db = NULL;
  const char *dirs[4];
  guint n_files = 0;
  WkWindow *window;

  if (fx->pg == NULL)
    return;
  if (bus == NULL || daemon == NULL)
    {
      if (g_getenv ("CI") != NULL)
        g_error ("no gnome-keyring-daemon or dbus-daemon: build-aux/install-deps.sh");
      g_test_skip ("no gnome-keyring-daemon or dbus-daemon for the keyring test");
      return;
    }
  /* a new login keyring in the test's own data folder, unlocked */
  keyring = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                              G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, daemon, "--foreground",
                              "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (keyring), "wk-test", 7,
                                            NULL, NULL, &error) &&
                 g_output_stream_close (g_subprocess_get_stdin_pipe (keyring), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wk_test_wait_until (has_secret_service, NULL, 20000));

  copy_sample (fx);
  window = open_shared (fx, NULL, secret, NULL);
  g_assert_nonnull (strstr (last_connection, secret));
  /* in the keyring, under the connection's host, port, database and user */
  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (attributes, g_strdup ("host"), wk_conninfo_get (fx->conninfo, "host"));
  g_hash_table_insert (attributes, g_strdup ("port"), wk_conninfo_get (fx->conninfo, "port"));
  g_hash_table_insert (attributes, g_strdup ("database"),
                       wk_conninfo_get (fx->conninfo, "dbname"));
  g_hash_table_insert (attributes, g_strdup ("user"), wk_conninfo_get (fx->conninfo, "user"));
  for (guint i = 0; i < 200 && stored == NULL; i++)
    {
      stored = secret_password_lookupv_sync (NULL, attributes, NULL, &error);
      g_assert_no_error (error);
      if (stored == NULL)
        wk_gui_test_iterate (50);
    }
  g_assert_cmpstr (stored, ==, secret);
  wk_gui_test_close_window (window);

  /* left empty, the dialog takes it from the keyring */
  window = open_shared (fx, NULL, NULL, NULL);
  g_assert_nonnull (strstr (last_connection, secret));

  /* saved, and a recovery copy of a new edit: the password is in none */
  paint_elsewhere (window, 0);
  save_and_wait (window, "win.save");
  paint_elsewhere (window, 2);
  g_assert_true (wk_window_write_recovery (window));
  for (guint i = 0; i < 300 && wk_window_get_writing_recovery (window); i++)
    wk_gui_test_iterate (50);
  in_db = wk_test_pg_query (fx, "SELECT (SELECT count(*) FROM " SCHEMA ".wk_metadata t "
                                "WHERE t::text LIKE '%kr-geheim%') + (SELECT count(*) FROM "
                                SCHEMA ".wk_sources t WHERE t::text LIKE '%kr-geheim%') + "
                                "(SELECT count(*) FROM " SCHEMA ".wk_audit_log t "
                                "WHERE t::text LIKE '%kr-geheim%') + (SELECT count(*) FROM "
                                SCHEMA ".wk_plans t WHERE t::text LIKE '%kr-geheim%')");
  g_assert_cmpstr (in_db, ==, "0");
  dirs[0] = g_get_user_state_dir ();
  dirs[1] = g_get_user_config_dir ();
  dirs[2] = g_get_user_cache_dir ();
  dirs[3] = g_get_user_data_dir ();
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    g_assert_false (files_hold (dirs[i], secret, &n_files));
  g_assert_cmpuint (n_files, >, 0);   /* the recovery copy at least */
  g_test_message ("%" G_GSIZE_FORMAT " bytes logged", log_text->len);
  g_assert_null (strstr (log_text->str, secret));
  settings = g_settings_new (APP_ID);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, secret));
    }
  wk_gui_test_close_window (window);
  g_subprocess_force_exit (keyring);
  g_subprocess_wait (keyring, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dbus_daemon = NULL;
  int status;

  self_path = argv[0];
  if (argc == 4 && g_str_equal (argv[1], "--change-plan"))
    {
      wk_core_init ();
      return change_plan (argv[2], argv[3]);
    }
  /* before anything takes the session bus: a private one, for the keyring */
  log_text = g_string_new (NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);
  if ((dbus_daemon = g_find_program_in_path ("dbus-daemon")) != NULL)
    {
      /* GTestDBus unsets $DISPLAY (against X11's autolaunch): Xvfb's stays */
      g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

      bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (bus);
      if (display != NULL)
        g_setenv ("DISPLAY", display, TRUE);
    }
  if (!wk_gui_test_init (&argc, &argv))
    return 77;
  wk_test_pg_add ("/gui/shared-project/conflict", NULL, test_shared_conflict);
  wk_test_pg_add ("/gui/shared-project/read-only", NULL, test_shared_read_only);
  wk_test_pg_add ("/gui/shared-project/changed-elsewhere", NULL, test_shared_changed_elsewhere);
  wk_test_pg_add ("/gui/shared-project/keyring", NULL, test_shared_keyring);
  wk_test_pg_add ("/gui/shared-project/save-responsive", NULL, test_shared_save_responsive);
  status = wk_gui_test_run ();
  /* the app and libsecret keep the bus's connection: stop it, not down
   * (nor unref, which would wait for that connection to go) */
  if (bus != NULL)
    g_test_dbus_stop (bus);
  return status;
}
