/* wk-window-shared.c: a shared project in PostgreSQL/PostGIS: open, save, conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wk-shared-dialog.h"
#include "wk-window-internal.h"

/* win.open-shared asks for the connection (WkSharedDialog) and reads the
 * schema on a worker, as the loads do (a job with progress and Cancel).
 * The connection string may hold the password: it stays in the project in
 * memory, never in the recent files, a title or a message (those name the
 * project “schema @ host/database”).  Save writes the plans that changed
 * in one transaction (wk_project_save_pg_async) on a worker, as a job with
 * progress: a slow or busy server never freezes the window, and edits made
 * meanwhile stay unsaved (the core takes what it saves first, and notifies
 * “modified” on the main thread only).  A plan that someone else
 * saved meanwhile is refused: the banner names who and when and offers
 * “Save as New Plan” (the edits kept as a plan of their own) and “Reload”
 * (the other version, in a new window: the edits stay here).  The same
 * banner shows before any save when someone else saved a plan: the window
 * polls the plans' versions on a worker every POLL_SECONDS and when it gets
 * the focus (wk_project_poll_pg_async).  A user who may not write gets a
 * “read-only” banner and Save is disabled, from the moment the project
 * opens (the core checks the privileges); the edits stay in the window
 * (and in its recovery copy). */

#define POLL_SECONDS 10

typedef struct
{
  char  *connection;
  char  *schema;
  WkJob *job;
} OpenSharedData;

static void
open_shared_data_free (OpenSharedData *data)
{
  if (data->connection != NULL)
    memset (data->connection, 0, strlen (data->connection));
  g_free (data->connection);
  g_free (data->schema);
  g_clear_object (&data->job);
  g_free (data);
}

static char *
place_of (const char *connection,
          const char *schema)
{
  g_autofree char *host = wk_conninfo_get (connection, "host");
  g_autofree char *dbname = wk_conninfo_get (connection, "dbname");

  return g_strdup_printf ("%s @ %s/%s", schema, host ? host : "localhost", dbname ? dbname : "?");
}

/* The banner: @message, with the buttons for a conflict or without them. */
static void
show_banner (WkWindow   *self,
             const char *message,
             gboolean    conflict)
{
  gtk_label_set_text (self->shared_banner_label, message);
  gtk_widget_set_visible (self->shared_banner_buttons, conflict);
  gtk_revealer_set_reveal_child (self->shared_banner, message != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as-new-plan", conflict);
}

/* ------------------------------------------------------------ opening */

static void
open_shared_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  OpenSharedData *data = task_data;
  GError *error = NULL;
  WkProject *project = wk_project_open_pg (data->connection, data->schema,
                                           wk_job_get_progress (data->job), cancellable, &error);

  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

static void
open_shared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WkWindow) self = user_data;
  OpenSharedData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(WkProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *place = NULL;
  g_autofree char *message = NULL;

  project = g_task_propagate_pointer (G_TASK (result), &error);
  if (!_wk_window_end_job (self, data->job, error))
    return;
  _wk_window_set_project (self, project);
  place = place_of (data->connection, data->schema);
  message = g_strdup_printf (_("Opened the shared project “%s”"), place);
  _wk_window_toast (self, message);
}

static void
start_open_shared (WkWindow   *self,
                   const char *connection,
                   const char *schema)
{
  g_autoptr(GTask) task = NULL;
  OpenSharedData *data = g_new0 (OpenSharedData, 1);
  g_autofree char *place = place_of (connection, schema);

  data->job = g_object_ref (_wk_window_begin_loading (self, place,
                                                      _("Could Not Open the Shared Project")));
  data->connection = g_strdup (connection);
  data->schema = g_strdup (schema);
  task = g_task_new (NULL, wk_job_get_cancellable (data->job), open_shared_cb,
                     g_object_ref (self));
  g_task_set_source_tag (task, start_open_shared);
  g_task_set_task_data (task, data, (GDestroyNotify) open_shared_data_free);
  g_task_run_in_thread (task, open_shared_thread);
}

static void
continue_open_shared (WkWindow *self,
                      gpointer  user_data)
{
  OpenSharedData *data = user_data;

  start_open_shared (self, data->connection, data->schema);
}

static void
on_dialog_open_cb (WkSharedDialog *dialog,
                   const char     *connection,
                   const char     *schema,
                   WkWindow       *self)
{
  OpenSharedData *data = g_new0 (OpenSharedData, 1);

  data->connection = g_strdup (connection);
  data->schema = g_strdup (schema);
  _wk_window_confirm_discard (self, continue_open_shared, data,
                              (GDestroyNotify) open_shared_data_free);
}

/* ------------------------------------------------------------- saving */

/* A name for @plan's version that no plan has yet: “Plan (mine)”, … */
static char *
new_plan_name (WkProject *project,
               WkPlan    *plan)
{
  const char *name = wk_plan_get_name (plan);
  char *candidate = g_strdup_printf (_("%s (my version)"), name);

  for (guint i = 2; wk_project_find_plan (project, candidate) != NULL; i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf (_("%s (my version %u)"), name, i);
    }
  return candidate;
}

typedef struct
{
  WkJob          *job;
  WkContinueFunc  then;
  gpointer        user_data;
  GDestroyNotify  destroy;
} SaveSharedData;

static void
save_shared_data_free (SaveSharedData *data)
{
  if (data->destroy != NULL)
    data->destroy (data->user_data);
  g_clear_object (&data->job);
  g_free (data);
}

static void
save_shared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SaveSharedData *data = user_data;
  WkWindow *self = wk_job_get_window (data->job);
  WkProject *project = WK_PROJECT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *place = NULL;
  gboolean saved = wk_project_save_pg_finish (project, result, &error);

  /* its error is said below, only if it is still the window's project */
  _wk_window_end_job (self, data->job, NULL);
  if (self->project != project)
    {
      save_shared_data_free (data);
      return;
    }
  place = _wk_window_dup_shared_place (self);
  if (saved)
    {
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), place);

      show_banner (self, NULL, FALSE);
      /* the recovery copy (autosave) is not needed once it is in the database */
      _wk_window_discard_recovery (self);
      self->restored = FALSE;
      _wk_window_toast (self, message);
      _wk_window_update_title (self);
      if (data->then != NULL)
        data->then (self, data->user_data);
    }
  else if (g_error_matches (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_CONFLICT))
    show_banner (self, error->message, TRUE);
  else if (g_error_matches (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_READ_ONLY))
    {
      _wk_window_set_read_only (self);
      _wk_window_show_error (self, _("The Shared Project Is Read-Only"), error->message);
    }
  else
    _wk_window_show_error (self, _("Could Not Save the Shared Project"), error->message);
  save_shared_data_free (data);
}

/**
 * _wk_window_save_shared:
 * @then: (nullable): what to do once it is saved
 * @destroy: frees @user_data, whether it was saved or not
 *
 * Saves the shared project on a worker (a job with progress), showing what
 * went wrong: the banner for a conflict or a read-only connection, a
 * dialog for other errors.  A save that runs already is not repeated.
 */
void
_wk_window_save_shared (WkWindow       *self,
                        WkContinueFunc  then,
                        gpointer        user_data,
                        GDestroyNotify  destroy)
{
  g_autofree char *place = _wk_window_dup_shared_place (self);
  g_autofree char *label = g_strdup_printf (_("Saving “%s”…"), place);
  SaveSharedData *data = g_new0 (SaveSharedData, 1);

  data->then = then;
  data->user_data = user_data;
  data->destroy = destroy;
  if (self->read_only || _wk_window_find_job (self, "save") != NULL)
    {
      save_shared_data_free (data);
      return;
    }
  /* not cancellable: one transaction, that commits or changes nothing */
  data->job = g_object_ref (_wk_window_start_job (self, "save", label, WK_JOB_NONE));
  wk_project_save_pg_async (self->project, wk_job_get_progress (data->job), NULL,
                            save_shared_cb, data);
}

/* _wk_window_set_read_only:
 *
 * The user may not write the shared project: the banner says so, Save is
 * disabled, the edits stay in the window (and its recovery copy).
 */
void
_wk_window_set_read_only (WkWindow *self)
{
  g_autofree char *place = _wk_window_dup_shared_place (self);
  g_autofree char *message =
    g_strdup_printf (_("“%s” is read-only for you: your changes are kept in this window "
                       "but cannot be saved there. Export the plan, or ask the database "
                       "administrator for write rights."), place);

  show_banner (self, message, FALSE);
  self->read_only = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", FALSE);
}

/* ------------------------------------------------------------ actions */

static void
open_shared_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  WkSharedDialog *dialog = wk_shared_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "open", G_CALLBACK (on_dialog_open_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_as_new_plan_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  WkPlan *plan;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL || !wk_project_is_shared (self->project))
    return;
  plan = wk_project_get_conflict_plan (self->project);
  if (plan == NULL)
    plan = self->plan;
  name = new_plan_name (self->project, plan);
  if (!wk_project_save_plan_as_new (self->project, plan, name, &error))
    {
      _wk_window_show_error (self, _("Could Not Save as a New Plan"), error->message);
      return;
    }
  _wk_window_save_shared (self, NULL, NULL, NULL);
}

static void
reload_shared_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  WkWindow *window;

  if (self->project == NULL || !wk_project_is_shared (self->project))
    return;
  window = wk_window_new (WK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  start_open_shared (window, wk_project_get_connection (self->project),
                     wk_project_get_schema (self->project));
}

/* ------------------------------------------------------------ polling */

static void
polled_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WkWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = wk_project_poll_pg_finish (WK_PROJECT (source), result, NULL,
                                                        &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->shared_poll);
  if (error != NULL)
    g_debug ("could not look for other saves: %s", error->message);
  /* a conflict banner that shows already stays as it is */
  if (message != NULL && self->project == WK_PROJECT (source) && !self->read_only &&
      !gtk_widget_get_visible (self->shared_banner_buttons))
    show_banner (self, message, TRUE);
}

/* Looks on a worker whether someone else saved a plan; not while a save
 * runs (that save's new versions are not someone else's). */
static void
poll_shared (WkWindow *self)
{
  if (self->project == NULL || !wk_project_is_shared (self->project) ||
      self->shared_poll != NULL || _wk_window_find_job (self, "save") != NULL)
    return;
  self->shared_poll = g_cancellable_new ();
  wk_project_poll_pg_async (self->project, self->shared_poll, polled_cb, g_object_ref (self));
}

static gboolean
poll_timeout_cb (gpointer user_data)
{
  poll_shared (WK_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_is_active_cb (WkWindow   *self,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    poll_shared (self);
}

static void
stop_polling (WkWindow *self)
{
  g_clear_handle_id (&self->shared_poll_id, g_source_remove);
  if (self->shared_poll != NULL)
    g_cancellable_cancel (self->shared_poll);
  g_clear_object (&self->shared_poll);
}

/* ------------------------------------------------------------- private */

void
_wk_window_init_shared (WkWindow *self)
{
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_cb), NULL);
}

void
_wk_window_dispose_shared (WkWindow *self)
{
  stop_polling (self);
}

void
_wk_window_class_add_shared_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-shared", NULL, open_shared_action);
  gtk_widget_class_install_action (widget_class, "win.save-as-new-plan", NULL,
                                   save_as_new_plan_action);
  gtk_widget_class_install_action (widget_class, "win.reload-shared", NULL,
                                   reload_shared_action);
}

/* _wk_window_update_shared:
 *
 * After the project changed: no banner, Save enabled; for a shared project
 * the read-only banner if the user may not write, and the polling. */
void
_wk_window_update_shared (WkWindow *self)
{
  gboolean shared = self->project != NULL && wk_project_is_shared (self->project);

  show_banner (self, NULL, FALSE);
  self->read_only = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-shared", shared);
  stop_polling (self);
  if (shared && wk_project_is_read_only (self->project))
    _wk_window_set_read_only (self);
  if (shared)
    self->shared_poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_timeout_cb, self);
}

/**
 * _wk_window_dup_shared_place:
 *
 * Returns: how the window names a shared project: “schema @ host/database”
 *   (never with the password)
 */
char *
_wk_window_dup_shared_place (WkWindow *self)
{
  g_return_val_if_fail (self->project != NULL && wk_project_is_shared (self->project), NULL);
  return place_of (wk_project_get_connection (self->project),
                   wk_project_get_schema (self->project));
}
