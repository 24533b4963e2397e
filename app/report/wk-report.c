/* wk-report.c: the review report, a printable PDF of a plan and its check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "wk-report.h"
#include "wk-report-pages.h"
#include "wk-output.h"

struct _WkReport
{
  GObject     parent_instance;

  /* owned: a snapshot, so that the caller may go on editing */
  WkDataset  *dataset;
  WkPlan     *plan;
  WkProfile  *profile;
  WkPlan     *other;
  char       *title;
  char       *plan_file;
  char       *profile_file;
  char       *other_file;
  GDateTime  *date;

  guint       n_pages;   /* of the last report written */
};

G_DEFINE_FINAL_TYPE (WkReport, wk_report, G_TYPE_OBJECT)

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  WriteClosure *wc = closure;

  if (wc->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (wc->stream, data, length, NULL, wc->cancellable, &wc->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
wk_report_finalize (GObject *object)
{
  WkReport *self = (WkReport *)object;

  g_clear_object (&self->dataset);
  g_clear_object (&self->plan);
  g_clear_object (&self->profile);
  g_clear_object (&self->other);
  g_free (self->title);
  g_free (self->plan_file);
  g_free (self->profile_file);
  g_free (self->other_file);
  g_clear_pointer (&self->date, g_date_time_unref);
  G_OBJECT_CLASS (wk_report_parent_class)->finalize (object);
}

static void
wk_report_class_init (WkReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wk_report_finalize;
}

static void
wk_report_init (WkReport *self)
{
  self->date = g_date_time_new_now_local ();
}

/**
 * wk_report_new:
 * @checker: the plan and profile to report on
 *
 * Takes a snapshot of the plan (areas, assignment, notes) and the profile:
 * later edits do not change the report, and the report can be written on
 * a worker thread while the plan is edited.  The data set is shared; it is
 * immutable.
 *
 * Returns: (transfer full): the report
 */
WkReport *
wk_report_new (WkChecker *checker)
{
  WkReport *self;

  g_return_val_if_fail (WK_IS_CHECKER (checker), NULL);

  self = g_object_new (WK_TYPE_REPORT, NULL);
  self->dataset = g_object_ref (wk_checker_get_dataset (checker));
  self->plan = wk_plan_duplicate (wk_checker_get_plan (checker));
  self->profile = wk_profile_copy (wk_checker_get_profile (checker));
  self->title = g_strdup (wk_plan_get_name (self->plan));
  return self;
}

const char *
wk_report_get_title (WkReport *self)
{
  g_return_val_if_fail (WK_IS_REPORT (self), NULL);
  return self->title;
}

/**
 * wk_report_set_title:
 * @title: (nullable): the title on every page; %NULL for the plan's name
 */
void
wk_report_set_title (WkReport   *self,
                     const char *title)
{
  g_return_if_fail (WK_IS_REPORT (self));
  g_free (self->title);
  self->title = g_strdup (title != NULL && *title ? title : wk_plan_get_name (self->plan));
}

/**
 * wk_report_set_plan_file:
 * @path: (nullable): the file the plan came from, named among the sources
 */
void
wk_report_set_plan_file (WkReport   *self,
                         const char *path)
{
  g_return_if_fail (WK_IS_REPORT (self));
  g_free (self->plan_file);
  self->plan_file = g_strdup (path);
}

/**
 * wk_report_set_profile_file:
 * @path: (nullable): the file the profile came from; %NULL for the built-in one
 */
void
wk_report_set_profile_file (WkReport   *self,
                            const char *path)
{
  g_return_if_fail (WK_IS_REPORT (self));
  g_free (self->profile_file);
  self->profile_file = g_strdup (path);
}

/**
 * wk_report_set_compare:
 * @other: (nullable): another plan on the same data set, e.g. the previous
 *   version; %NULL for none
 * @path: (nullable): its file, for the report's text
 *
 * Adds a section on what changed from @other to the plan: the units that
 * moved, and per area the population change and the findings that appear
 * or disappear.  @other is copied.
 */
void
wk_report_set_compare (WkReport   *self,
                       WkPlan     *other,
                       const char *path)
{
  g_return_if_fail (WK_IS_REPORT (self));
  g_return_if_fail (other == NULL || WK_IS_PLAN (other));
  g_return_if_fail (other == NULL || wk_plan_get_dataset (other) == self->dataset);

  g_clear_object (&self->other);
  g_clear_pointer (&self->other_file, g_free);
  if (other != NULL)
    {
      self->other = wk_plan_duplicate (other);
      self->other_file = g_strdup (path);
    }
}

/**
 * wk_report_set_date:
 *
 * The date on the title page and in the header; today by default.
 */
void
wk_report_set_date (WkReport  *self,
                    GDateTime *date)
{
  g_return_if_fail (WK_IS_REPORT (self));
  g_return_if_fail (date != NULL);
  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = g_date_time_ref (date);
}

/**
 * wk_report_get_n_pages:
 *
 * Returns: the number of pages of the report written last, 0 before
 */
guint
wk_report_get_n_pages (WkReport *self)
{
  g_return_val_if_fail (WK_IS_REPORT (self), 0);
  return g_atomic_int_get (&self->n_pages);
}

static void
set_metadata (cairo_surface_t *surface,
              WkReport        *self)
{
  g_autofree char *created = g_date_time_format (self->date, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *creator = g_strdup_printf ("Wijkindeling %s", PACKAGE_VERSION);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  _("Review report: the division into areas for close-knit "
                                    "primary care"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

/**
 * wk_report_write:
 * @path: the PDF to write; replaced only when the report is complete
 * @progress: (nullable): reports how far it is
 * @cancellable: (nullable): stops it; the file is then left as it was
 *
 * Checks the snapshot, dissolves its areas and writes the report.  Safe on
 * a worker thread: it works on its own copies of the plan(s) and profile.
 *
 * Returns: whether the report was written
 */
gboolean
wk_report_write (WkReport      *self,
                 const char    *path,
                 WkProgress    *progress,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(WkPlan) plan = NULL;
  g_autoptr(WkProfile) profile = NULL;
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(WkDissolver) dissolver = NULL;
  g_autoptr(WkPlan) other = NULL;
  g_autoptr(WkChecker) other_checker = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = g_cancellable_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PangoFontMap) font_map = NULL;
  g_autofree char *display = NULL;
  g_autofree char *target = NULL;
  g_autofree char *temp = NULL;
  WkReportContext ctx = { 0 };
  WriteClosure closure = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  guint n_pages;
  gboolean ok;

  g_return_val_if_fail (WK_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* 0. where it goes: through a link to its target, never over a device */
  target = wk_output_prepare (path, NULL, error);
  if (target == NULL)
    return FALSE;

  /* 1. its own copies: the checker and dissolver follow the plan's signals */
  wk_progress_update (progress, 0.0, _("Checking the plan"));
  plan = wk_plan_duplicate (self->plan);
  profile = wk_profile_copy (self->profile);
  checker = wk_checker_new (plan, profile);
  if (self->other != NULL)
    {
      other = wk_plan_duplicate (self->other);
      other_checker = wk_checker_new (other, profile);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  wk_progress_update (progress, 0.05, _("Dissolving the areas"));
  dissolver = wk_dissolver_new (plan);
  wk_dissolver_update_all (dissolver);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  ctx.dataset = self->dataset;
  ctx.plan = plan;
  ctx.profile = profile;
  ctx.checker = checker;
  ctx.dissolver = dissolver;
  ctx.other = other;
  ctx.other_checker = other_checker;
  ctx.title = self->title;
  ctx.plan_file = self->plan_file;
  ctx.profile_file = self->profile_file;
  ctx.other_file = self->other_file;
  ctx.date = self->date;
  ctx.progress = progress;
  ctx.cancellable = cancellable;
  wk_report_context_init (&ctx);

  /* 2. lay it out to count the pages; a font map of its own, so that its
   * caches go when the report is done (the default one lives per thread) */
  font_map = pango_cairo_font_map_new ();
  wk_progress_update (progress, 0.1, _("Laying out the pages"));
  ctx.progress_from = 0.1;
  ctx.progress_to = 0.3;
  {
    g_autoptr(WkDoc) measure = wk_doc_new (NULL, 0, font_map);

    if (!wk_report_render (&ctx, measure, error))
      {
        wk_report_context_clear (&ctx);
        return FALSE;
      }
    n_pages = wk_doc_get_page (measure);
  }

  /* 3. draw it into a temporary file that replaces @path when complete */
  display = g_filename_display_basename (path);
  temp = wk_output_temp_path (target);
  file = g_file_new_for_path (temp);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (stream == NULL)
    {
      wk_report_context_clear (&ctx);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_autofree char *folder = g_path_get_dirname (path);
          g_autofree char *folder_display = g_filename_display_name (folder);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("Cannot write the report “%s”: the folder “%s” does not exist."),
                       display, folder_display);
          return FALSE;
        }
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot write the report “%s”: "), display);
      return FALSE;
    }
  wk_progress_update (progress, 0.3, _("Drawing the pages"));
  ctx.progress_from = 0.3;
  ctx.progress_to = 1.0;
  closure.stream = G_OUTPUT_STREAM (stream);
  closure.cancellable = cancellable;
  surface = cairo_pdf_surface_create_for_stream (write_cb, &closure, WK_DOC_PAGE_WIDTH,
                                                 WK_DOC_PAGE_HEIGHT);
  set_metadata (surface, self);
  {
    g_autoptr(WkDoc) doc = wk_doc_new (surface, n_pages, font_map);

    ok = wk_report_render (&ctx, doc, error);
    if (ok && wk_doc_get_page (doc) != n_pages)
      g_warning ("the report has %u pages, measured %u", wk_doc_get_page (doc), n_pages);
  }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  wk_report_context_clear (&ctx);

  if (ok && closure.error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&closure.error),
                                  _("Cannot write the report “%s”: "), display);
      ok = FALSE;
    }
  else if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the report “%s”: %s"),
                   display, cairo_status_to_string (status));
      ok = FALSE;
    }
  g_clear_error (&closure.error);
  if (!ok)
    {
      /* a cancelled close drops the temporary file and keeps the old one */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      wk_output_discard (temp);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    {
      wk_output_discard (temp);
      g_prefix_error (error, _("Cannot write the report “%s”: "), display);
      return FALSE;
    }
  if (!wk_output_commit (temp, target, error))
    return FALSE;
  g_atomic_int_set (&self->n_pages, n_pages);
  wk_progress_update (progress, 1.0, NULL);
  return TRUE;
}

typedef struct
{
  char       *path;
  WkProgress *progress;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_clear_object (&data->progress);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (wk_report_write (source_object, data->path, data->progress, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * wk_report_write_async:
 *
 * Writes the report on a worker thread (see wk_report_write()).  Do not
 * change the report's settings until it is done.
 */
void
wk_report_write_async (WkReport            *self,
                       const char          *path,
                       WkProgress          *progress,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (WK_IS_REPORT (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  data = g_new0 (WriteData, 1);
  data->path = g_strdup (path);
  data->progress = progress ? g_object_ref (progress) : NULL;
  g_task_set_source_tag (task, wk_report_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
wk_report_write_finish (WkReport      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
