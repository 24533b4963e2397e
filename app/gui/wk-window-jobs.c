/* wk-window-jobs.c: the window's background work and its progress card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-window-internal.h"

/* The window holds its running jobs (WkJob, see wk-job.h for how to add one)
 * in self->jobs, oldest first.  The progress card shows the newest job that
 * is not quiet; its Cancel button (win.cancel-job) is sensitive only when
 * that job may be cancelled.  A job leaves the list once: when its worker is
 * done (_wk_window_end_job), when it is cancelled, or when the window goes. */

/* Callbacks */

static WkJob *
shown_job (WkWindow *self)
{
  for (guint i = self->jobs->len; i > 0; i--)
    {
      WkJob *job = g_ptr_array_index (self->jobs, i - 1);

      if (!(wk_job_get_flags (job) & WK_JOB_QUIET))
        return job;
    }
  return NULL;
}

static void
update_card (WkWindow *self)
{
  WkJob *job = shown_job (self);
  g_autofree char *label = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-job",
                                 job != NULL && (wk_job_get_flags (job) & WK_JOB_CANCELLABLE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load",
                                 _wk_window_find_job (self, "load") != NULL);
  if (job == NULL)
    {
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
      return;
    }
  label = wk_job_dup_label (job);
  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 wk_progress_get_fraction (wk_job_get_progress (job)));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
}

static void
on_progress_notify_cb (WkJob      *job,
                       GParamSpec *pspec,
                       WkProgress *progress)
{
  WkWindow *self = wk_job_get_window (job);

  if (self->jobs != NULL && shown_job (self) == job)
    update_card (self);
}

/* Takes @job out of the list; %FALSE if it was not there. */
static gboolean
remove_job (WkWindow *self,
            WkJob    *job)
{
  g_autoptr(WkJob) held = NULL;
  gboolean loading = wk_job_is_kind (job, "load");

  if (self->jobs == NULL || !g_ptr_array_find (self->jobs, job, NULL))
    return FALSE;
  held = g_object_ref (job);
  g_signal_handlers_disconnect_by_data (wk_job_get_progress (job), job);
  g_ptr_array_remove (self->jobs, job);
  update_card (self);
  if (loading)
    _wk_window_notify_loading (self);
  return TRUE;
}

static void
cancel_job (WkWindow *self,
            WkJob    *job,
            gboolean  say)
{
  g_autoptr(WkJob) held = g_object_ref (job);
  g_autoptr(GError) error = NULL;

  if (!remove_job (self, job))
    return;
  g_cancellable_cancel (wk_job_get_cancellable (job));
  if (say && wk_job_get_cancel_message (job) != NULL)
    _wk_window_toast (self, wk_job_get_cancel_message (job));
  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  wk_job_run_done (job, error);
}

static void
cancel_job_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  WkJob *job = shown_job (self);

  /* never a save: it must finish, or leave the file as it was */
  if (job != NULL && (wk_job_get_flags (job) & WK_JOB_CANCELLABLE))
    cancel_job (self, job, TRUE);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _wk_window_cancel_jobs (WK_WINDOW (widget), "load", TRUE);
}

/* Private */

void
_wk_window_class_add_job_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.cancel-job", NULL, cancel_job_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
}

void
_wk_window_init_jobs (WkWindow *self)
{
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  update_card (self);
}

/* When the window goes: every job is cancelled, except one that outlives
 * the window, which finishes on its own. */
void
_wk_window_dispose_jobs (WkWindow *self)
{
  if (self->jobs == NULL)
    return;
  while (self->jobs->len > 0)
    {
      WkJob *job = g_ptr_array_index (self->jobs, self->jobs->len - 1);

      if (wk_job_get_flags (job) & WK_JOB_OUTLIVES_WINDOW)
        remove_job (self, job);
      else
        cancel_job (self, job, FALSE);
    }
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
}

/**
 * _wk_window_start_job:
 * @kind: what sort of work: "load", "save", "export", "report", "recovery"…
 * @title: what the progress card says
 * @flags: how the window treats it
 *
 * Adds a job to the window and shows it (unless it is quiet).  Hand the
 * worker wk_job_get_cancellable() and wk_job_get_progress(), and a reference
 * to the job for its callback, which calls _wk_window_end_job().
 *
 * Returns: (transfer none): the job, held by the window until it ends
 */
WkJob *
_wk_window_start_job (WkWindow   *self,
                      const char *kind,
                      const char *title,
                      WkJobFlags  flags)
{
  WkJob *job;

  if (flags & WK_JOB_SINGLE)
    _wk_window_cancel_jobs (self, kind, FALSE);
  job = wk_job_new (self, kind, title, flags);
  g_signal_connect_object (wk_job_get_progress (job), "notify::fraction",
                           G_CALLBACK (on_progress_notify_cb), job, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->jobs, job);
  update_card (self);
  if (wk_job_is_kind (job, "load"))
    _wk_window_notify_loading (self);
  return job;
}

/**
 * _wk_window_end_job:
 * @error: (nullable): the worker's error
 *
 * Called once from the job's callback.  Takes the job out of the window,
 * shows @error (a dialog under the job's error heading, else a toast) or
 * the job's done message, and runs its done function.
 *
 * Returns: %TRUE when the job ended well and its result is the window's to
 *   use; %FALSE when it failed (said already) or was cancelled (by the user,
 *   a newer job of its kind or the window closing: the canceller cleaned up)
 */
gboolean
_wk_window_end_job (WkWindow     *self,
                    WkJob        *job,
                    const GError *error)
{
  g_return_val_if_fail (WK_IS_JOB (job), FALSE);

  if (!remove_job (self, job))
    return FALSE;
  if (g_cancellable_is_cancelled (wk_job_get_cancellable (job)))
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         "cancelled");

      wk_job_run_done (job, cancelled);
      return FALSE;
    }
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ;
      else if (wk_job_get_error_heading (job) != NULL)
        _wk_window_show_error (self, wk_job_get_error_heading (job), error->message);
      else
        _wk_window_toast (self, error->message);
      wk_job_run_done (job, error);
      return FALSE;
    }
  if (wk_job_get_done_message (job) != NULL)
    _wk_window_toast (self, wk_job_get_done_message (job));
  wk_job_run_done (job, NULL);
  return TRUE;
}

/**
 * _wk_window_cancel_jobs:
 * @kind: (nullable): which jobs; %NULL for all
 * @say: whether to toast their cancel messages
 *
 * Cancels the running jobs of @kind, whatever their flags: this is the
 * explicit way, the user's Cancel button is win.cancel-job.
 *
 * Returns: how many were cancelled
 */
guint
_wk_window_cancel_jobs (WkWindow   *self,
                        const char *kind,
                        gboolean    say)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->jobs == NULL)
    return 0;
  for (guint i = 0; i < self->jobs->len; i++)
    if (wk_job_is_kind (g_ptr_array_index (self->jobs, i), kind))
      g_ptr_array_add (found, g_object_ref (g_ptr_array_index (self->jobs, i)));
  for (guint i = 0; i < found->len; i++)
    cancel_job (self, g_ptr_array_index (found, i), say);
  return found->len;
}

/**
 * _wk_window_find_job:
 * @kind: (nullable): which jobs; %NULL for any
 *
 * Returns: (transfer none) (nullable): the newest running job of @kind
 */
WkJob *
_wk_window_find_job (WkWindow   *self,
                     const char *kind)
{
  if (self->jobs == NULL)
    return NULL;
  for (guint i = self->jobs->len; i > 0; i--)
    if (wk_job_is_kind (g_ptr_array_index (self->jobs, i - 1), kind))
      return g_ptr_array_index (self->jobs, i - 1);
  return NULL;
}
