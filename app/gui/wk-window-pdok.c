/* wk-window-pdok.c: CBS buurten fetched from PDOK as a new project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-pdok-dialog.h"
#include "wk-window-internal.h"

/* win.fetch-pdok: the user picks a gemeente and a year (WkPdokDialog); once
 * what is open may be replaced, the buurten are fetched on a worker
 * (wk_pdok_fetch_async, a cancellable job of kind "pdok") into a GeoPackage
 * in the user's cache folder, which is then loaded as a new, unsaved project
 * (_wk_window_load_units) with the service and CBS's attribution among its
 * sources.  If the fetch fails, what was open stays open.
 *
 * The environment variable WK_PDOK_SERVICE replaces PDOK's address (the
 * OGC API landing page) for every year: the tests point it at their server
 * on 127.0.0.1. */

#define ATTRIBUTION "© CBS, Kadaster (CC BY 4.0)"

typedef struct
{
  char *code;
  char *name;
  int   year;
  char *output;
} FetchRequest;

static void
fetch_request_free (FetchRequest *request)
{
  g_free (request->code);
  g_free (request->name);
  g_free (request->output);
  g_free (request);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WkJob) job = user_data;
  WkWindow *self = wk_job_get_window (job);
  FetchRequest *request = g_object_get_data (G_OBJECT (job), "request");
  g_autoptr(GError) error = NULL;
  g_autoptr(WkPdokReport) report = wk_pdok_fetch_finish (result, &error);
  g_autoptr(WkLoadOptions) options = NULL;
  const char *sources[] = { "service", NULL, "attribution", ATTRIBUTION, NULL };

  if (!_wk_window_end_job (self, job, error))
    return;
  sources[1] = report->service;
  options = wk_load_options_new (request->output);
  options->units_layer = g_strdup ("buurten");
  _wk_window_load_units (self, options, request->name, sources);
}

/* The download, named after the gemeente, as the project's units source. */
static char *
output_path (const FetchRequest *request)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "wijkindeling", "fetched",
                                           NULL);
  g_autofree char *name = g_strdup_printf ("%s-%s-buurten-%d.gpkg", request->code,
                                           request->name, request->year);

  g_mkdir_with_parents (dir, 0700);
  g_strdelimit (name, G_DIR_SEPARATOR_S "\\:", '-');
  return g_build_filename (dir, name, NULL);
}

static void
start_fetch (WkWindow *self,
             gpointer  user_data)
{
  FetchRequest *request = user_data;
  g_autofree char *title = g_strdup_printf (_("Fetching “%s” from PDOK…"), request->name);
  const char *codes[] = { request->code, NULL };
  const char *service = g_getenv ("WK_PDOK_SERVICE");
  FetchRequest *copy;
  WkPdokOptions options;
  WkJob *job;

  copy = g_new0 (FetchRequest, 1);
  copy->code = g_strdup (request->code);
  copy->name = g_strdup (request->name);
  copy->year = request->year;
  copy->output = output_path (request);

  job = _wk_window_start_job (self, "pdok", title, WK_JOB_CANCELLABLE | WK_JOB_SINGLE);
  wk_job_set_subject (job, request->name);
  wk_job_set_error_heading (job, _("Could Not Fetch the Buurten"));
  wk_job_set_cancel_message (job, _("Fetching cancelled"));
  g_object_set_data_full (G_OBJECT (job), "request", copy, (GDestroyNotify) fetch_request_free);

  wk_pdok_options_init (&options);
  options.gemeenten = codes;
  options.year = request->year;
  options.service = service != NULL && *service != '\0' ? service : NULL;
  wk_pdok_fetch_async (&options, copy->output, wk_job_get_progress (job),
                       wk_job_get_cancellable (job), fetch_cb, g_object_ref (job));
}

static void
on_fetch_cb (WkPdokDialog *dialog,
             const char   *code,
             const char   *name,
             int           year,
             WkWindow     *self)
{
  FetchRequest *request = g_new0 (FetchRequest, 1);

  request->code = g_strdup (code);
  request->name = g_strdup (name);
  request->year = year;
  _wk_window_confirm_discard (self, start_fetch, request, (GDestroyNotify) fetch_request_free);
}

static void
fetch_pdok_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  WkPdokDialog *dialog = wk_pdok_dialog_new (GTK_WINDOW (self), &error);

  if (dialog == NULL)
    {
      _wk_window_show_error (self, _("Could Not Read the List of Gemeenten"), error->message);
      return;
    }
  g_signal_connect_object (dialog, "fetch", G_CALLBACK (on_fetch_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_wk_window_class_add_pdok_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.fetch-pdok", NULL, fetch_pdok_action);
}
