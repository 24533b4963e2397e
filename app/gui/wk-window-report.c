/* wk-window-report.c: File → Export Report (PDF)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wk-report.h"
#include "wk-window-internal.h"

/* The review report is written on a worker (wk_report_write_async) from a
 * snapshot of the plan, so that editing goes on meanwhile.  A toast says how
 * far it is and offers Cancel; when it is done, another offers to open the
 * PDF.  An error names the file in the window's error dialog. */

struct _WkReportJob
{
  WkWindow     *window;
  WkReport     *report;
  WkProgress   *progress;
  GCancellable *cancellable;
  AdwToast     *toast;
  char         *path;
  char         *name;       /* the file's name, for display */
};

static void
report_job_free (WkReportJob *job)
{
  g_signal_handlers_disconnect_by_data (job->progress, job);
  g_object_unref (job->window);
  g_object_unref (job->report);
  g_object_unref (job->progress);
  g_object_unref (job->cancellable);
  g_object_unref (job->toast);
  g_free (job->path);
  g_free (job->name);
  g_free (job);
}

static void
set_progress_title (WkReportJob *job)
{
  g_autofree char *title = NULL;
  guint percent = (guint) (wk_progress_get_fraction (job->progress) * 100.0 + 0.5);

  /* Translators: while the report is written; %s is its file, %u how far it is */
  title = g_strdup_printf (_("Writing the report “%s”… %u %%"), job->name, percent);
  adw_toast_set_title (job->toast, title);
}

static void
on_progress_notify_cb (WkReportJob *job,
                       GParamSpec  *pspec,
                       WkProgress  *progress)
{
  if (job->window->report_job == job)
    set_progress_title (job);
}

/* Stops the report being written, if any; its file is left as it was. */
static gboolean
cancel_report (WkWindow *self)
{
  WkReportJob *job = self->report_job;

  if (job == NULL)
    return FALSE;
  self->report_job = NULL;
  g_cancellable_cancel (job->cancellable);
  adw_toast_dismiss (job->toast);
  return TRUE;
}

static void
on_open_report_cb (AdwToast *toast,
                   WkWindow *self)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "report-uri");

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  WkReportJob *job = user_data;
  WkWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  gboolean done = wk_report_write_finish (WK_REPORT (source), result, &error);

  /* cancelled by the user, a newer report or the window closing: whoever
   * cancelled has cleaned up */
  if (self->report_job != job)
    {
      report_job_free (job);
      return;
    }
  self->report_job = NULL;
  adw_toast_dismiss (job->toast);

  if (!done)
    {
      g_autofree char *body = NULL;

      /* the report's own messages name the file; others get it here */
      if (strstr (error->message, job->name) == NULL)
        body = g_strdup_printf (_("“%s” could not be written: %s"), job->name, error->message);
      _wk_window_show_error (self, _("Could Not Write the Report"),
                             body != NULL ? body : error->message);
    }
  else
    {
      guint n_pages = wk_report_get_n_pages (job->report);
      g_autoptr(GFile) file = g_file_new_for_path (job->path);
      AdwToast *toast;

      /* Translators: %s is the report's file */
      toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE, "Wrote “%s”, %u page",
                                                 "Wrote “%s”, %u pages", n_pages),
                                    job->name, n_pages);
      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "report-uri", g_file_get_uri (file), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_report_cb), self, 0);
      adw_toast_overlay_add_toast (self->toasts, toast);
    }
  report_job_free (job);
}

/* ------------------------------------------------------------- actions */

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->checker == NULL)
    return;
  chooser = _wk_window_new_save_chooser (self, _("Export the Review Report"), _("_Export"),
                                         _("PDF document"), ".pdf");
  _wk_window_run_chooser (self, chooser, wk_window_export_report);
}

static void
cancel_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);

  if (cancel_report (self))
    _wk_window_toast (self, _("The report was not written"));
}

/* ------------------------------------------------------------- private */

void
_wk_window_class_add_report_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-report", NULL, cancel_report_action);
}

/* When the window goes: the worker stops at its next check. */
void
_wk_window_dispose_report (WkWindow *self)
{
  cancel_report (self);
}

/* -------------------------------------------------------------- public */

/**
 * wk_window_export_report:
 * @path: the PDF to write
 *
 * Writes the review report of the plan as it is now, on a worker; a toast
 * shows how far it is (with Cancel, or the win.cancel-report action) and,
 * when done, offers to open it.  An error is shown naming the file.  A
 * report still being written is cancelled first.
 */
void
wk_window_export_report (WkWindow   *self,
                         const char *path)
{
  WkReportJob *job;

  g_return_if_fail (WK_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->checker == NULL)
    return;
  cancel_report (self);

  job = g_new0 (WkReportJob, 1);
  job->window = g_object_ref (self);
  job->report = wk_report_new (self->checker);
  job->progress = wk_progress_new ();
  job->cancellable = g_cancellable_new ();
  job->path = g_strdup (path);
  job->name = g_filename_display_basename (path);
  if (self->project != NULL)
    wk_report_set_plan_file (job->report, wk_project_get_path (self->project));
  self->report_job = job;

  job->toast = adw_toast_new ("");
  set_progress_title (job);
  adw_toast_set_timeout (job->toast, 0);
  adw_toast_set_button_label (job->toast, _("_Cancel"));
  adw_toast_set_action_name (job->toast, "win.cancel-report");
  adw_toast_overlay_add_toast (self->toasts, g_object_ref (job->toast));

  g_signal_connect_swapped (job->progress, "notify::fraction",
                            G_CALLBACK (on_progress_notify_cb), job);
  wk_report_write_async (job->report, path, job->progress, job->cancellable, write_cb, job);
}

/**
 * wk_window_get_writing_report:
 *
 * Returns: whether a report is being written
 */
gboolean
wk_window_get_writing_report (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), FALSE);
  return self->report_job != NULL;
}
