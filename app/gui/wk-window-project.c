/* wk-window-project.c: the project file: save, open, close, autosave and recovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wk-window-internal.h"

/* The window always works in a WkProject: one made from the files the user
 * opened, or one read from a *.wijk.gpkg.  Saving writes the whole project
 * on a worker (wk_project_save_async), with the progress bar the loads use.
 * While there are unsaved changes, a timer writes a recovery copy when
 * wk_project_recovery_is_due() says so; a save or an explicit discard
 * removes it.  Saves and recovery writes never overlap: both end by
 * removing or replacing the recovery copy, so a save waits for a recovery
 * write that runs. */

#define AUTOSAVE_CHECK_SECONDS 2

typedef struct
{
  WkWindow       *window;
  WkContinueFunc  func;
  gpointer        user_data;
  GDestroyNotify  destroy;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending == NULL)
    return;
  if (pending->destroy != NULL)
    pending->destroy (pending->user_data);
  g_object_unref (pending->window);
  g_free (pending);
}

/* Runs what waited for the save, then frees it. */
static void
pending_run (Pending *pending)
{
  if (pending == NULL)
    return;
  pending->func (pending->window, pending->user_data);
  pending_free (pending);
}

/* Runs what waited for a save of a shared project (pending_free follows). */
static void
pending_continue (WkWindow *self,
                  gpointer  user_data)
{
  Pending *pending = user_data;

  pending->func (pending->window, pending->user_data);
}

typedef struct
{
  char    *path;
  Pending *then;
} QueuedSave;

static void
queued_save_free (QueuedSave *queued)
{
  g_free (queued->path);
  pending_free (queued->then);
  g_free (queued);
}

typedef struct
{
  char           *path;
  WkRecoveryInfo *recovery;
  WkJob          *job;
  gboolean        without_missing;  /* open without units deleted from it */
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->recovery, wk_recovery_info_free);
  g_clear_object (&data->job);
  g_free (data);
}

typedef struct
{
  WkJob   *job;
  char    *path;
  Pending *then;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->job);
  g_free (data->path);
  pending_free (data->then);
  g_free (data);
}

static void save_as    (WkWindow   *self,
                        Pending    *then);
static void start_save (WkWindow   *self,
                        const char *path,
                        Pending    *then);

/* ------------------------------------------------------------ helpers */

static Pending *
pending_new (WkWindow       *self,
             WkContinueFunc  func,
             gpointer        user_data,
             GDestroyNotify  destroy)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->window = g_object_ref (self);
  pending->func = func;
  pending->user_data = user_data;
  pending->destroy = destroy;
  return pending;
}

/* @path with the project extension: “Woerden” and “Woerden.gpkg” both
 * become “Woerden.wijk.gpkg”. */
static char *
with_project_extension (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, WK_PROJECT_EXTENSION))
    return g_strdup (path);
  if (g_str_has_suffix (lower, ".gpkg"))
    {
      g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".gpkg"));

      return g_strconcat (stem, WK_PROJECT_EXTENSION, NULL);
    }
  return g_strconcat (path, WK_PROJECT_EXTENSION, NULL);
}

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Wijkindeling project (*.wijk.gpkg)"));
  gtk_file_filter_add_pattern (filter, "*" WK_PROJECT_EXTENSION);
  return filter;
}

/* Removes this session's recovery copy, or has it removed when the write
 * that runs is done (it would otherwise leave a copy behind). */
void
_wk_window_discard_recovery (WkWindow *self)
{
  g_autoptr(GError) error = NULL;

  WkJob *writing = _wk_window_find_job (self, "recovery");

  if (self->project == NULL)
    return;
  if (writing != NULL)
    {
      g_object_set_data (G_OBJECT (writing), "discard", GINT_TO_POINTER (TRUE));
      return;
    }
  if (!wk_project_discard_recovery (self->project, &error))
    g_message ("%s", error->message);
}

/* ----------------------------------------------------------- recovery */

static void
recovery_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WkJob) job = user_data;
  WkWindow *self = wk_job_get_window (job);
  WkProject *project = WK_PROJECT (source);
  g_autoptr(GError) error = NULL;
  gboolean discard = g_object_get_data (G_OBJECT (job), "discard") != NULL;
  QueuedSave *queued;

  if (!wk_project_save_recovery_finish (project, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* not worth a dialog: the work itself is fine */
      g_message ("%s", error->message);
      if (self->project == project)
        _wk_window_toast (self, error->message);
    }
  if (discard || self->project != project)
    wk_project_discard_recovery (project, NULL);
  /* one write at a time: this was the window's (unless it was disposed);
   * its errors are said above, not as a dialog */
  _wk_window_end_job (self, job, NULL);
  queued = g_object_steal_data (G_OBJECT (self), "queued-save");
  if (queued != NULL)
    {
      start_save (self, queued->path, g_steal_pointer (&queued->then));
      queued_save_free (queued);
    }
}

static void
write_recovery (WkWindow *self)
{
  WkJob *job;

  /* quiet, and never cancelled: it holds the unsaved work */
  job = _wk_window_start_job (self, "recovery", NULL, WK_JOB_QUIET | WK_JOB_OUTLIVES_WINDOW);
  wk_project_save_recovery_async (self->project, NULL, wk_job_get_cancellable (job), recovery_cb,
                                  g_object_ref (job));
}

static gboolean
autosave_cb (gpointer user_data)
{
  WkWindow *self = user_data;

  if (self->project != NULL && _wk_window_find_job (self, "recovery") == NULL &&
      _wk_window_find_job (self, "save") == NULL && _wk_window_has_unsaved_changes (self) &&
      wk_project_recovery_is_due (self->project))
    write_recovery (self);
  return G_SOURCE_CONTINUE;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  WkProject *project;

  if (data->recovery != NULL)
    project = wk_project_open_recovery (data->recovery, wk_job_get_progress (data->job),
                                        cancellable, &error);
  else if (data->without_missing)
    project = wk_project_open_without_missing (data->path, wk_job_get_progress (data->job),
                                               cancellable, &error);
  else
    project = wk_project_open (data->path, wk_job_get_progress (data->job), cancellable, &error);
  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

static void start_open_full (WkWindow             *self,
                             const char           *path,
                             const WkRecoveryInfo *recovery,
                             gboolean              without_missing);

static void
on_missing_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        WkWindow         *self)
{
  if (g_strcmp0 (response, "open-without") == 0)
    start_open_full (self, g_object_get_data (G_OBJECT (dialog), "path"), NULL, TRUE);
}

/* The error dialog just shown for a project from which units were deleted
 * (in QGIS) offers to open it without them. */
static void
offer_open_without (WkWindow   *self,
                    const char *path)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i-- > 0;)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      AdwMessageDialog *dialog;

      if (!ADW_IS_MESSAGE_DIALOG (window) || gtk_window_get_transient_for (window) !=
          GTK_WINDOW (self))
        continue;
      dialog = ADW_MESSAGE_DIALOG (window);
      adw_message_dialog_add_response (dialog, "open-without", _("Open _Without Them"));
      adw_message_dialog_set_response_appearance (dialog, "open-without",
                                                  ADW_RESPONSE_SUGGESTED);
      g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_missing_response_cb), self, 0);
      return;
    }
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  WkWindow *self = user_data;
  OpenData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(WkProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  project = g_task_propagate_pointer (G_TASK (result), &error);
  if (!_wk_window_end_job (self, data->job, error))
    {
      if (g_error_matches (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_MISSING_UNITS))
        offer_open_without (self, data->path);
      g_object_unref (self);
      return;
    }

  _wk_window_set_project (self, project);
  title = wk_project_dup_title (project);
  if (data->recovery != NULL)
    {
      self->restored = TRUE;
      _wk_window_update_title (self);
      message = g_strdup_printf (_("Restored “%s” with its unsaved changes"), title);
    }
  else
    {
      _wk_window_add_recent (self, data->path);
      message = g_strdup_printf (_("Opened “%s”"), title);
    }
  _wk_window_toast (self, message);
  g_object_unref (self);
}

/* Opens a project file (@path) or a recovery copy (@recovery) on a worker,
 * with the progress bar and Cancel of loading; @without_missing: without
 * the units deleted from it. */
static void
start_open_full (WkWindow             *self,
                 const char           *path,
                 const WkRecoveryInfo *recovery,
                 gboolean              without_missing)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  OpenData *data = g_new0 (OpenData, 1);

  name = recovery != NULL ? g_strdup (recovery->title) : g_filename_display_basename (path);
  data->job = g_object_ref (_wk_window_begin_loading (self, name, recovery != NULL
                                                      ? _("Could Not Restore the Project")
                                                      : _("Could Not Open the Project")));
  data->path = g_strdup (path);
  data->recovery = recovery != NULL ? wk_recovery_info_copy (recovery) : NULL;
  data->without_missing = without_missing;
  task = g_task_new (NULL, wk_job_get_cancellable (data->job), open_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_open_full);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

static void
start_open (WkWindow             *self,
            const char           *path,
            const WkRecoveryInfo *recovery)
{
  start_open_full (self, path, recovery, FALSE);
}

static void
continue_open (WkWindow *self,
               gpointer  user_data)
{
  start_open (self, user_data, NULL);
}

static void
on_recovery_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         WkWindow         *self)
{
  GPtrArray *found = g_object_get_data (G_OBJECT (dialog), "found");
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (g_strcmp0 (response, "restore") == 0)
    {
      for (guint i = 0; i < found->len; i++)
        {
          WkWindow *window = self;

          /* each into a window of its own */
          if (i > 0 || self->project != NULL || wk_window_get_loading (self))
            {
              window = wk_window_new (WK_APPLICATION (app));
              gtk_window_present (GTK_WINDOW (window));
            }
          start_open (window, NULL, g_ptr_array_index (found, i));
        }
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      for (guint i = 0; i < found->len; i++)
        {
          g_autoptr(GError) error = NULL;

          if (!wk_project_delete_recovery (g_ptr_array_index (found, i), &error))
            _wk_window_show_error (self, _("Could Not Discard the Unsaved Changes"),
                                   error->message);
        }
    }
  /* “later”: they are offered again at the next start */
}

/* ------------------------------------------------------------- saving */

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveData *data = user_data;
  WkWindow *self = wk_job_get_window (data->job);
  WkProject *project = WK_PROJECT (source);
  g_autoptr(GError) error = NULL;
  gboolean saved = wk_project_save_finish (project, result, &error);

  /* its error is said below, only if it is still the window's project */
  _wk_window_end_job (self, data->job, NULL);
  if (self->project != project)
    {
      save_data_free (data);
      return;
    }
  if (!saved)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _wk_window_toast (self, _("Saving cancelled; the file is as it was"));
      else
        _wk_window_show_error (self, _("Could Not Save the Project"), error->message);
    }
  else
    {
      g_autofree char *name = g_filename_display_basename (data->path);
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

      self->restored = FALSE;
      _wk_window_add_recent (self, data->path);
      _wk_window_toast (self, message);
      _wk_window_update_title (self);
      pending_run (g_steal_pointer (&data->then));
    }
  save_data_free (data);
}

/* Saves the project to @path on a worker; @then runs when it is saved. */
static void
start_save (WkWindow   *self,
            const char *path,
            Pending    *then)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *label = g_strdup_printf (_("Saving “%s”…"), name);
  SaveData *data;

  if (self->project == NULL || _wk_window_find_job (self, "save") != NULL)
    {
      pending_free (then);
      return;
    }
  if (_wk_window_find_job (self, "recovery") != NULL)
    {
      QueuedSave *queued = g_new0 (QueuedSave, 1);

      queued->path = g_strdup (path);
      queued->then = then;
      g_object_set_data_full (G_OBJECT (self), "queued-save", queued,
                              (GDestroyNotify) queued_save_free);
      return;
    }

  /* not cancellable: a save finishes, or leaves the file as it was */
  data = g_new0 (SaveData, 1);
  data->job = g_object_ref (_wk_window_start_job (self, "save", label, WK_JOB_NONE));
  data->path = g_strdup (path);
  data->then = then;
  wk_project_save_async (self->project, path, wk_job_get_progress (data->job),
                         wk_job_get_cancellable (data->job), save_cb, data);
}

static void
on_save_as_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        Pending         *then)
{
  WkWindow *self = g_object_get_data (G_OBJECT (chooser), "window");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *chosen = g_file_get_path (file);

      if (chosen != NULL)
        {
          g_autofree char *path = with_project_extension (chosen);

          start_save (self, path, g_steal_pointer (&then));
        }
    }
  pending_free (then);
  g_object_unref (chooser);
}

static void
save_as (WkWindow *self,
         Pending  *then)
{
  GtkFileChooserNative *chooser;
  const char *path = wk_project_get_path (self->project);
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), project_filter ());
  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
    }
  else
    {
      /* named after the first plan, e.g. the municipality */
      g_autoptr(WkPlan) first = g_list_model_get_item (wk_project_get_plans (self->project), 0);

      name = g_strconcat (wk_plan_get_name (first), WK_PROJECT_EXTENSION, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_object_set_data_full (G_OBJECT (chooser), "window", g_object_ref (self), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_as_response_cb), then);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Asks whether to save the changes before @func replaces or closes them. */
static void
on_save_changes_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             Pending          *pending)
{
  WkWindow *self = pending->window;

  if (g_strcmp0 (response, "discard") == 0)
    {
      _wk_window_discard_recovery (self);
      pending_run (pending);
    }
  else if (g_strcmp0 (response, "save") == 0 && wk_project_is_shared (self->project))
    _wk_window_save_shared (self, pending_continue, pending, (GDestroyNotify) pending_free);
  else if (g_strcmp0 (response, "save") == 0 && wk_project_get_path (self->project) != NULL)
    start_save (self, wk_project_get_path (self->project), pending);
  else if (g_strcmp0 (response, "save") == 0)
    save_as (self, pending);
  else
    pending_free (pending);
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
continue_close (WkWindow *self,
                gpointer  user_data)
{
  /* after the dialog that asked has gone */
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

/* ------------------------------------------------------------ actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);

  if (self->project == NULL)
    return;
  if (wk_project_is_shared (self->project))
    _wk_window_save_shared (self, NULL, NULL, NULL);
  else if (wk_project_get_path (self->project) != NULL)
    start_save (self, wk_project_get_path (self->project), NULL);
  else
    save_as (self, NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);

  if (self->project != NULL)
    save_as (self, NULL);
}

static void
open_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), project_filter ());
  _wk_window_run_chooser (self, chooser, _wk_window_open_project);
}

/* ------------------------------------------------------------- private */

void
_wk_window_class_add_project_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
}

void
_wk_window_init_project (WkWindow *self)
{
  self->autosave_id = g_timeout_add_seconds (AUTOSAVE_CHECK_SECONDS, autosave_cb, self);
}

void
_wk_window_dispose_project (WkWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_object_set_data (G_OBJECT (self), "queued-save", NULL);
  /* the jobs go with _wk_window_dispose_jobs(): a save is cancelled, a
   * recovery write that runs finishes (it holds the unsaved work) */
}

/**
 * _wk_window_has_unsaved_changes:
 *
 * A project never saved counts as unsaved only once it differs from the
 * files it was made from: an edit, or a second plan.
 *
 * Returns: whether closing would lose work
 */
gboolean
_wk_window_has_unsaved_changes (WkWindow *self)
{
  GListModel *plans;
  guint n;

  if (self->project == NULL)
    return FALSE;
  if (self->restored)
    return TRUE;
  if (wk_project_get_path (self->project) != NULL || wk_project_is_shared (self->project))
    return wk_project_is_modified (self->project);
  plans = wk_project_get_plans (self->project);
  n = g_list_model_get_n_items (plans);
  if (n > 1)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WkPlan) plan = g_list_model_get_item (plans, i);

      if (wk_plan_is_modified (plan))
        return TRUE;
    }
  return FALSE;
}

/**
 * _wk_window_confirm_discard:
 * @func: what replaces or closes the project
 *
 * Runs @func at once when there are no unsaved changes; otherwise asks:
 * Save (then @func), Discard (then @func) or Cancel.
 */
void
_wk_window_confirm_discard (WkWindow       *self,
                            WkContinueFunc  func,
                            gpointer        user_data,
                            GDestroyNotify  destroy)
{
  Pending *pending = pending_new (self, func, user_data, destroy);
  AdwMessageDialog *dialog;
  g_autofree char *title = NULL;

  if (!_wk_window_has_unsaved_changes (self))
    {
      _wk_window_discard_recovery (self);
      pending_run (pending);
      return;
    }

  title = wk_project_dup_title (self->project);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” has changes that are not saved. Changes that are "
                                    "not saved are lost."), title);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_changes_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _wk_window_close_request:
 *
 * Returns: %TRUE to keep the window open while the user decides about
 *   unsaved changes
 */
gboolean
_wk_window_close_request (WkWindow *self)
{
  if (self->close_confirmed || !_wk_window_has_unsaved_changes (self))
    {
      _wk_window_discard_recovery (self);
      return FALSE;
    }
  _wk_window_confirm_discard (self, continue_close, NULL, NULL);
  return TRUE;
}

/**
 * _wk_window_open_project:
 * @path: a project file
 *
 * Opens it (after asking about unsaved changes) on a worker; an error is
 * shown naming the file, and the open project stays.
 */
void
_wk_window_open_project (WkWindow   *self,
                         const char *path)
{
  _wk_window_confirm_discard (self, continue_open, g_strdup (path), g_free);
}

/* -------------------------------------------------------------- public */

/**
 * wk_window_get_project:
 *
 * Returns: (transfer none) (nullable): the project the window works in
 */
WkProject *
wk_window_get_project (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), NULL);
  return self->project;
}

/**
 * wk_window_save_project:
 * @path: (nullable): where; %NULL for the project's own file or schema
 *
 * Saves the project on a worker, as Save does once the file is chosen;
 * wk_window_get_saving() says when it is done.  A shared project is saved
 * on a worker too, as Save does (a conflict shows the banner).
 */
void
wk_window_save_project (WkWindow   *self,
                        const char *path)
{
  g_return_if_fail (WK_IS_WINDOW (self));
  g_return_if_fail (self->project != NULL);
  if (path == NULL && wk_project_is_shared (self->project))
    {
      _wk_window_save_shared (self, NULL, NULL, NULL);
      return;
    }
  g_return_if_fail (path != NULL || wk_project_get_path (self->project) != NULL);

  start_save (self, path != NULL ? path : wk_project_get_path (self->project), NULL);
}

/**
 * wk_window_get_saving:
 *
 * Returns: whether a save runs or waits
 */
gboolean
wk_window_get_saving (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), FALSE);
  return _wk_window_find_job (self, "save") != NULL ||
         g_object_get_data (G_OBJECT (self), "queued-save") != NULL;
}

/**
 * wk_window_write_recovery:
 *
 * Writes the recovery copy now (on a worker) if there are unsaved changes,
 * as the autosave timer does when one is due.
 *
 * Returns: whether a write was started
 */
gboolean
wk_window_write_recovery (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), FALSE);

  if (self->project == NULL || _wk_window_find_job (self, "recovery") != NULL ||
      _wk_window_find_job (self, "save") != NULL || !_wk_window_has_unsaved_changes (self))
    return FALSE;
  write_recovery (self);
  return TRUE;
}

/**
 * wk_window_get_writing_recovery:
 *
 * Returns: whether a recovery copy is being written
 */
gboolean
wk_window_get_writing_recovery (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), FALSE);
  return _wk_window_find_job (self, "recovery") != NULL;
}

/**
 * wk_window_offer_recovery:
 *
 * Looks for recovery copies of sessions that ended without saving, and if
 * there are any, asks whether to restore them (each in a window, this one
 * first while it is empty), discard them, or decide later.
 *
 * Returns: (transfer none) (nullable): the dialog that asks, or %NULL
 */
AdwMessageDialog *
wk_window_offer_recovery (WkWindow *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  g_return_val_if_fail (WK_IS_WINDOW (self), NULL);

  found = wk_project_find_recovery (NULL);
  if (found->len == 0)
    return NULL;
  g_string_append (body, g_dngettext (GETTEXT_PACKAGE,
                                      "Wijkindeling closed before this project was saved. "
                                      "Its last changes can be restored:",
                                      "Wijkindeling closed before these projects were saved. "
                                      "Their last changes can be restored:", found->len));
  for (guint i = 0; i < found->len; i++)
    {
      const WkRecoveryInfo *info = g_ptr_array_index (found, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (info->saved);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      /* Translators: when a recovery copy was written, see g_date_time_format() */
      g_autofree char *when = local ? g_date_time_format (local, _("%e %B %Y, %H:%M")) : NULL;

      g_string_append_printf (body, "\n• %s (%s)", info->title, when ? g_strstrip (when) : "?");
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Restore Unsaved Changes?"), NULL));
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_responses (dialog,
                                    "later", _("_Later"),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "found", g_steal_pointer (&found),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
