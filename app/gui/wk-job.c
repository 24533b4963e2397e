/* wk-job.c: one piece of the window's background work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-job"

#include "config.h"

#include "wk-job.h"

/* A job only carries what the window shows of it; the window's side (the
 * list, the progress card, the toasts) is in wk-window-jobs.c. */

struct _WkJob
{
  GObject         parent_instance;

  WkWindow       *window;        /* owned: until the job is done */
  char           *kind;
  char           *title;
  char           *subject;
  char           *error_heading;
  char           *cancel_message;
  char           *done_message;
  WkJobFlags      flags;
  GCancellable   *cancellable;
  WkProgress     *progress;

  WkJobDoneFunc   done_func;
  gpointer        done_data;
  GDestroyNotify  done_destroy;
};

G_DEFINE_FINAL_TYPE (WkJob, wk_job, G_TYPE_OBJECT)

/* GObject overrides */

static void
wk_job_finalize (GObject *object)
{
  WkJob *self = WK_JOB (object);

  if (self->done_destroy != NULL)
    self->done_destroy (self->done_data);
  g_clear_object (&self->window);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->progress);
  g_free (self->kind);
  g_free (self->title);
  g_free (self->subject);
  g_free (self->error_heading);
  g_free (self->cancel_message);
  g_free (self->done_message);
  G_OBJECT_CLASS (wk_job_parent_class)->finalize (object);
}

static void
wk_job_class_init (WkJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wk_job_finalize;
}

static void
wk_job_init (WkJob *self)
{
  self->cancellable = g_cancellable_new ();
  self->progress = wk_progress_new ();
}

/* Public */

/**
 * wk_job_new:
 * @window: the window it is for (held until the job is freed)
 * @kind: what sort of work, to find it by: "load", "save", "export", …
 * @title: what the progress card says, as “Saving “Woerden”…”
 * @flags: how the window treats it
 *
 * Jobs are started with _wk_window_start_job(), which calls this.
 *
 * Returns: (transfer full): a new job
 */
WkJob *
wk_job_new (WkWindow   *window,
            const char *kind,
            const char *title,
            WkJobFlags  flags)
{
  WkJob *self;

  g_return_val_if_fail (WK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (WK_TYPE_JOB, NULL);
  self->window = g_object_ref (window);
  self->kind = g_strdup (kind);
  self->title = g_strdup (title != NULL ? title : "");
  self->flags = flags;
  return self;
}

/**
 * wk_job_get_window:
 *
 * Returns: (transfer none): the window the job is for
 */
WkWindow *
wk_job_get_window (WkJob *self)
{
  g_return_val_if_fail (WK_IS_JOB (self), NULL);
  return self->window;
}

const char *
wk_job_get_kind (WkJob *self)
{
  g_return_val_if_fail (WK_IS_JOB (self), NULL);
  return self->kind;
}

gboolean
wk_job_is_kind (WkJob      *self,
                const char *kind)
{
  g_return_val_if_fail (WK_IS_JOB (self), FALSE);
  return kind == NULL || g_str_equal (self->kind, kind);
}

const char *
wk_job_get_title (WkJob *self)
{
  g_return_val_if_fail (WK_IS_JOB (self), NULL);
  return self->title;
}

WkJobFlags
wk_job_get_flags (WkJob *self)
{
  g_return_val_if_fail (WK_IS_JOB (self), WK_JOB_NONE);
  return self->flags;
}

/**
 * wk_job_get_cancellable:
 *
 * Returns: (transfer none): what to hand the worker
 */
GCancellable *
wk_job_get_cancellable (WkJob *self)
{
  g_return_val_if_fail (WK_IS_JOB (self), NULL);
  return self->cancellable;
}

/**
 * wk_job_get_progress:
 *
 * Returns: (transfer none): what the worker reports its progress to
 */
WkProgress *
wk_job_get_progress (WkJob *self)
{
  g_return_val_if_fail (WK_IS_JOB (self), NULL);
  return self->progress;
}

/**
 * wk_job_dup_label:
 *
 * Returns: (transfer full): what the progress card says now: the title, or
 *   “subject — text” once the worker has said what it does
 */
char *
wk_job_dup_label (WkJob *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (WK_IS_JOB (self), NULL);

  text = wk_progress_dup_text (self->progress);
  if (text == NULL || *text == '\0')
    return g_strdup (self->title);
  return g_strdup_printf ("%s — %s", wk_job_get_subject (self), text);
}

const char *
wk_job_get_subject (WkJob *self)
{
  g_return_val_if_fail (WK_IS_JOB (self), NULL);
  return self->subject != NULL ? self->subject : self->title;
}

/**
 * wk_job_set_subject:
 * @subject: what the job works on, as the file's name
 *
 * The card says “subject — text” when the worker gives a text.
 */
void
wk_job_set_subject (WkJob      *self,
                    const char *subject)
{
  g_return_if_fail (WK_IS_JOB (self));
  g_free (self->subject);
  self->subject = g_strdup (subject);
}

const char *
wk_job_get_error_heading (WkJob *self)
{
  g_return_val_if_fail (WK_IS_JOB (self), NULL);
  return self->error_heading;
}

/**
 * wk_job_set_error_heading:
 * @heading: (nullable): of the dialog that shows the job's error; without
 *   one the error is a toast
 */
void
wk_job_set_error_heading (WkJob      *self,
                          const char *heading)
{
  g_return_if_fail (WK_IS_JOB (self));
  g_free (self->error_heading);
  self->error_heading = g_strdup (heading);
}

const char *
wk_job_get_cancel_message (WkJob *self)
{
  g_return_val_if_fail (WK_IS_JOB (self), NULL);
  return self->cancel_message;
}

/**
 * wk_job_set_cancel_message:
 * @message: (nullable): the toast when the user cancels the job
 */
void
wk_job_set_cancel_message (WkJob      *self,
                           const char *message)
{
  g_return_if_fail (WK_IS_JOB (self));
  g_free (self->cancel_message);
  self->cancel_message = g_strdup (message);
}

const char *
wk_job_get_done_message (WkJob *self)
{
  g_return_val_if_fail (WK_IS_JOB (self), NULL);
  return self->done_message;
}

/**
 * wk_job_set_done_message:
 * @message: (nullable): the toast when the job ends without an error; a
 *   toast with a button is the caller's to show
 */
void
wk_job_set_done_message (WkJob      *self,
                         const char *message)
{
  g_return_if_fail (WK_IS_JOB (self));
  g_free (self->done_message);
  self->done_message = g_strdup (message);
}

/**
 * wk_job_set_done_func:
 * @func: (nullable): runs once, when the job leaves the window
 *
 * @func gets the job's error: %NULL when it ended well, G_IO_ERROR_CANCELLED
 * when it was cancelled.  @destroy frees @user_data with the job.
 */
void
wk_job_set_done_func (WkJob          *self,
                      WkJobDoneFunc   func,
                      gpointer        user_data,
                      GDestroyNotify  destroy)
{
  g_return_if_fail (WK_IS_JOB (self));
  if (self->done_destroy != NULL)
    self->done_destroy (self->done_data);
  self->done_func = func;
  self->done_data = user_data;
  self->done_destroy = destroy;
}

/**
 * wk_job_run_done:
 * @error: (nullable): how it ended
 *
 * Runs the done function, once; the window calls it.
 */
void
wk_job_run_done (WkJob        *self,
                 const GError *error)
{
  WkJobDoneFunc func;

  g_return_if_fail (WK_IS_JOB (self));
  func = self->done_func;
  self->done_func = NULL;
  if (func != NULL)
    func (self, error, self->done_data);
}
