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
 * snapshot of the plan, so that editing goes on meanwhile: a job of kind
 * "report" in the progress card, with Cancel.  When it is done, a toast
 * offers to open the PDF.  An error names the file in the window's error
 * dialog. */

typedef struct
{
  WkJob    *job;
  WkReport *report;
  char     *path;
  char     *name;       /* the file's name, for display */
} ReportData;

static void
report_data_free (ReportData *data)
{
  g_object_unref (data->job);
  g_object_unref (data->report);
  g_free (data->path);
  g_free (data->name);
  g_free (data);
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
  ReportData *data = user_data;
  WkWindow *self = wk_job_get_window (data->job);
  g_autoptr(GError) error = NULL;
  gboolean done = wk_report_write_finish (WK_REPORT (source), result, &error);
  guint n_pages = wk_report_get_n_pages (data->report);
  g_autoptr(GFile) file = g_file_new_for_path (data->path);
  AdwToast *toast;

  /* the report's own messages name the file; others get it here */
  if (!done && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      strstr (error->message, data->name) == NULL)
    {
      char *body = g_strdup_printf (_("“%s” could not be written: %s"), data->name,
                                    error->message);

      g_free (error->message);
      error->message = body;
    }

  /* FALSE: cancelled by the user, a newer report or the window closing, or
   * failed (said) */
  if (_wk_window_end_job (self, data->job, done ? NULL : error))
    {
      /* Translators: %s is the report's file */
      toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE, "Wrote “%s”, %u page",
                                                 "Wrote “%s”, %u pages", n_pages),
                                    data->name, n_pages);
      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "report-uri", g_file_get_uri (file), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_report_cb), self, 0);
      adw_toast_overlay_add_toast (self->toasts, toast);
    }
  report_data_free (data);
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
  _wk_window_cancel_jobs (WK_WINDOW (widget), "report", TRUE);
}

/* ------------------------------------------------------------- private */

void
_wk_window_class_add_report_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-report", NULL, cancel_report_action);
}

/* -------------------------------------------------------------- public */

/**
 * wk_window_export_report:
 * @path: the PDF to write
 *
 * Writes the review report of the plan as it is now, on a worker, shown in
 * the progress card (with Cancel, or the win.cancel-report action); when
 * done, a toast offers to open it.  An error is shown naming the file.  A
 * report still being written is cancelled first.
 */
void
wk_window_export_report (WkWindow   *self,
                         const char *path)
{
  g_autofree char *title = NULL;
  ReportData *data;

  g_return_if_fail (WK_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->checker == NULL)
    return;

  data = g_new0 (ReportData, 1);
  data->report = wk_report_new (self->checker);
  data->path = g_strdup (path);
  data->name = g_filename_display_basename (path);
  if (self->project != NULL)
    wk_report_set_plan_file (data->report, wk_project_get_path (self->project));
  /* Translators: while the report is written; %s is its file */
  title = g_strdup_printf (_("Writing the report “%s”…"), data->name);
  data->job = g_object_ref (_wk_window_start_job (self, "report", title,
                                                  WK_JOB_CANCELLABLE | WK_JOB_SINGLE));
  wk_job_set_subject (data->job, data->name);
  wk_job_set_error_heading (data->job, _("Could Not Write the Report"));
  wk_job_set_cancel_message (data->job, _("The report was not written"));
  wk_report_write_async (data->report, path, wk_job_get_progress (data->job),
                         wk_job_get_cancellable (data->job), write_cb, data);
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
  return _wk_window_find_job (self, "report") != NULL;
}
