/* wk-job.h: one piece of the window's background work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wk-progress.h"
#include "wk-window.h"

G_BEGIN_DECLS

/* A WkJob is what the window knows of work that runs on a worker: loading,
 * saving, exporting, the report, the recovery copy (and whatever comes next,
 * such as proposing a plan or fetching from PDOK).  It carries a title, a
 * GCancellable, a WkProgress (fraction and text) and what to say when it
 * ends.  The window holds the running jobs in a list and shows the newest
 * one that is not quiet in its one progress card, with a Cancel button
 * (win.cancel-job) that is there only for a job flagged CANCELLABLE.
 *
 * Adding a job, from one of the wk-window-*.c files (wk-window-internal.h):
 *
 *   static void
 *   fetch_cb (GObject *source, GAsyncResult *result, gpointer user_data)
 *   {
 *     g_autoptr(WkJob) job = user_data;
 *     WkWindow *self = wk_job_get_window (job);
 *     g_autoptr(GError) error = NULL;
 *     g_autoptr(Thing) thing = wk_thing_fetch_finish (result, &error);
 *
 *     // FALSE: cancelled (the canceller has cleaned up and said so) or
 *     // failed (the error was shown: a dialog under the error heading)
 *     if (!_wk_window_end_job (self, job, error))
 *       return;
 *     ...use thing; the done message (if set) is already toasted...
 *   }
 *
 *   // title, heading, cancelled: translated texts, e.g. “Fetching “Woerden”…”,
 *   // “Could Not Fetch the Buurten”, “Fetching cancelled”
 *   job = _wk_window_start_job (self, "fetch", title,
 *                               WK_JOB_CANCELLABLE | WK_JOB_SINGLE);
 *   wk_job_set_error_heading (job, heading);
 *   wk_job_set_cancel_message (job, cancelled);
 *   wk_thing_fetch_async (..., wk_job_get_progress (job), wk_job_get_cancellable (job),
 *                         fetch_cb, g_object_ref (job));
 *
 * The worker reports through wk_progress_update() on the job's progress; the
 * card shows "subject — text" once there is a text (the subject is the title
 * unless set), else the title.  _wk_window_end_job() must be called exactly
 * once from the callback, whatever happened; the job's done function, if
 * set, runs once when the job leaves the window: ended, failed or cancelled
 * (then with a G_IO_ERROR_CANCELLED error).  The kind ("load", "save",
 * "export", "report", "recovery", …) lets the window find jobs:
 * _wk_window_find_job(), _wk_window_cancel_jobs(). */

#define WK_TYPE_JOB (wk_job_get_type ())
G_DECLARE_FINAL_TYPE (WkJob, wk_job, WK, JOB, GObject)

/**
 * WkJobFlags:
 * @WK_JOB_NONE: shown, not cancellable by the user, cancelled with the window
 * @WK_JOB_CANCELLABLE: the Cancel button (win.cancel-job) may stop it; a
 *   save is never cancellable: it must finish, atomically
 * @WK_JOB_QUIET: not shown in the progress card (a background write)
 * @WK_JOB_SINGLE: starting it cancels a running job of the same kind,
 *   without a word (a newer load replaces an older one)
 * @WK_JOB_OUTLIVES_WINDOW: closing the window does not cancel it (the
 *   recovery copy holds unsaved work)
 */
typedef enum
{
  WK_JOB_NONE             = 0,
  WK_JOB_CANCELLABLE      = 1 << 0,
  WK_JOB_QUIET            = 1 << 1,
  WK_JOB_SINGLE           = 1 << 2,
  WK_JOB_OUTLIVES_WINDOW  = 1 << 3,
} WkJobFlags;

typedef void (*WkJobDoneFunc) (WkJob        *job,
                               const GError *error,
                               gpointer      user_data);

WkJob        *wk_job_new                (WkWindow      *window,
                                         const char    *kind,
                                         const char    *title,
                                         WkJobFlags     flags);
WkWindow     *wk_job_get_window         (WkJob         *self);
const char   *wk_job_get_kind           (WkJob         *self);
gboolean      wk_job_is_kind            (WkJob         *self,
                                         const char    *kind);
const char   *wk_job_get_title          (WkJob         *self);
WkJobFlags    wk_job_get_flags          (WkJob         *self);
GCancellable *wk_job_get_cancellable    (WkJob         *self);
WkProgress   *wk_job_get_progress       (WkJob         *self);
char         *wk_job_dup_label          (WkJob         *self);
const char   *wk_job_get_subject        (WkJob         *self);
void          wk_job_set_subject        (WkJob         *self,
                                         const char    *subject);
const char   *wk_job_get_error_heading  (WkJob         *self);
void          wk_job_set_error_heading  (WkJob         *self,
                                         const char    *heading);
const char   *wk_job_get_cancel_message (WkJob         *self);
void          wk_job_set_cancel_message (WkJob         *self,
                                         const char    *message);
const char   *wk_job_get_done_message   (WkJob         *self);
void          wk_job_set_done_message   (WkJob         *self,
                                         const char    *message);
void          wk_job_set_done_func      (WkJob         *self,
                                         WkJobDoneFunc  func,
                                         gpointer       user_data,
                                         GDestroyNotify destroy);
void          wk_job_run_done           (WkJob         *self,
                                         const GError  *error);

G_END_DECLS
