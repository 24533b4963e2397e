/* wk-window-files.c: opening, importing and exporting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wk-open-dialog.h"
#include "wk-window-internal.h"

/* Everything that reads source files or writes exports goes through here;
 * the project file (open, save, recovery) is in wk-window-project.c.  Loading
 * runs on a worker (wk_dataset_load_async) with a progress bar and Cancel; an
 * error leaves the current session as it was.  What is loaded becomes a new,
 * unsaved project with one plan. */

#define MAX_RECENT 8

typedef struct
{
  WkWindow     *window;
  WkJob        *job;
  char         *plan_path;
  char         *units_path;
  char         *plan_name;     /* (nullable): of the new plan */
  GStrv         sources;       /* role, path, role, path…: more sources of the project */
  gboolean      is_sample;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->job);
  g_free (data->plan_path);
  g_free (data->units_path);
  g_free (data->plan_name);
  g_strfreev (data->sources);
  g_free (data);
}

/* ------------------------------------------------------------ helpers */

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

void
_wk_window_add_recent (WkWindow   *self,
                       const char *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-files");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *) updated);
}

static void
update_recent_menu (WkWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-files");

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *label = display_name (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_menu, item);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-recent", recent[0] != NULL);
}

static void
on_recent_files_changed_cb (WkWindow  *self,
                            const char *key,
                            GSettings *settings)
{
  update_recent_menu (self);
}

void
_wk_window_show_messages (WkWindow   *self,
                          const char *heading,
                          GPtrArray  *messages)
{
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  for (guint i = 0; i < messages->len && i < 20; i++)
    g_string_append_printf (body, "%s• %s", i ? "\n" : "", (char *) g_ptr_array_index (messages, i));
  if (messages->len > 20)
    g_string_append_printf (body, "\n%s",
                            g_dngettext (GETTEXT_PACKAGE, "…and %u more note.",
                                         "…and %u more notes.", messages->len - 20));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_report_details_cb (AdwToast *toast,
                      WkWindow *self)
{
  const WkLoadReport *report;

  if (self->dataset == NULL)
    return;
  report = wk_dataset_get_report (self->dataset);
  _wk_window_show_messages (self, _("Notes on the Data"), report->messages);
}

/* A name for a plan that has none yet: the municipality when all units
 * share one, otherwise the data set. */
static char *
suggest_plan_name (WkDataset *dataset)
{
  g_auto(GStrv) municipalities = wk_dataset_dup_municipalities (dataset);
  const WkUnit *unit;

  if (municipalities != NULL && g_strv_length (municipalities) == 1 &&
      wk_dataset_get_n_units (dataset) > 0)
    {
      unit = wk_dataset_get_unit (dataset, 0);
      if (unit->gm_name != NULL && *unit->gm_name)
        return g_strdup (unit->gm_name);
    }
  return g_strdup (wk_dataset_get_display_name (dataset));
}

static char *
path_stem (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* ------------------------------------------------------------ loading */

/**
 * _wk_window_begin_loading:
 * @name: what is loaded, for the progress card
 * @error_heading: of the dialog if it fails
 *
 * Cancels a load that runs, and starts a new one: a cancellable job of
 * kind "load" (the window's #WkWindow:loading).
 *
 * Returns: (transfer none): the load's job; end it with _wk_window_end_job()
 */
WkJob *
_wk_window_begin_loading (WkWindow   *self,
                          const char *name,
                          const char *error_heading)
{
  g_autofree char *title = g_strdup_printf (_("Loading “%s”…"), name);
  WkJob *job;

  job = _wk_window_start_job (self, "load", title, WK_JOB_CANCELLABLE | WK_JOB_SINGLE);
  wk_job_set_subject (job, name);
  wk_job_set_error_heading (job, error_heading);
  wk_job_set_cancel_message (job, _("Loading cancelled"));
  return job;
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadData *data = user_data;
  WkWindow *self = data->window;
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkPlan) plan = NULL;
  g_autoptr(WkProject) project = NULL;
  g_autoptr(WkImportReport) import = NULL;
  g_autoptr(GError) error = NULL;
  const WkLoadReport *report;
  AdwToast *toast;
  g_autofree char *message = NULL;

  dataset = wk_dataset_load_finish (result, &error);
  if (!_wk_window_end_job (self, data->job, error))
    {
      load_data_free (data);
      return;
    }

  plan = wk_plan_new (dataset);
  if (data->plan_path != NULL)
    {
      g_autofree char *stem = path_stem (data->plan_path);

      if (!wk_plan_import_csv (plan, data->plan_path, &import, &error))
        {
          _wk_window_show_error (self, _("Could Not Read the Plan"), error->message);
          load_data_free (data);
          return;
        }
      if (!data->is_sample)
        wk_plan_set_name (plan, stem);
    }
  if (wk_plan_get_name (plan) == NULL || data->is_sample)
    {
      g_autofree char *name = suggest_plan_name (dataset);

      wk_plan_set_name (plan, name);
    }
  if (data->plan_name != NULL)
    wk_plan_set_name (plan, data->plan_name);
  wk_plan_clear_history (plan);
  wk_plan_set_saved (plan);

  /* a new project, saved where the user says */
  project = wk_project_new_with_plan (plan, wk_application_get_profile (
                                              WK_APPLICATION (gtk_window_get_application (
                                                                GTK_WINDOW (self)))));
  if (data->plan_path != NULL && !data->is_sample)
    wk_project_add_source (project, "plan", data->plan_path);
  for (guint i = 0; data->sources != NULL && data->sources[i] && data->sources[i + 1]; i += 2)
    wk_project_add_source (project, data->sources[i], data->sources[i + 1]);
  _wk_window_set_project (self, project);
  if (!data->is_sample && data->units_path != NULL && g_file_test (data->units_path, G_FILE_TEST_EXISTS))
    _wk_window_add_recent (self, data->units_path);

  if (import != NULL && import->messages->len > 0)
    _wk_window_show_messages (self, _("Notes on the Plan"), import->messages);

  report = wk_dataset_get_report (dataset);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Loaded %u unit", "Loaded %u units",
                                          wk_dataset_get_n_units (dataset)),
                             wk_dataset_get_n_units (dataset));
  toast = adw_toast_new (message);
  if (report->messages->len > 0)
    {
      g_autofree char *with_notes = NULL;

      with_notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, with %u note",
                                                 "%s, with %u notes", report->messages->len),
                                    message, report->messages->len);
      adw_toast_set_title (toast, with_notes);
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_report_details_cb),
                               self, 0);
    }
  adw_toast_overlay_add_toast (self->toasts, toast);
  load_data_free (data);
}

static void
start_load_with_sources (WkWindow            *self,
                         const WkLoadOptions *options,
                         const char          *plan_path,
                         gboolean             is_sample,
                         const char          *plan_name,
                         const char * const  *sources)
{
  g_autofree char *name = display_name (options->units_path);
  LoadData *data;

  data = g_new0 (LoadData, 1);
  data->window = g_object_ref (self);
  data->plan_path = g_strdup (plan_path);
  data->units_path = g_strdup (options->units_path);
  data->is_sample = is_sample;
  data->plan_name = g_strdup (plan_name);
  data->sources = g_strdupv ((GStrv) sources);
  data->job = g_object_ref (_wk_window_begin_loading (self, name, _("Could Not Open the Data")));
  wk_dataset_load_async (options, wk_job_get_progress (data->job),
                         wk_job_get_cancellable (data->job), load_cb, data);
}

static void
start_load (WkWindow            *self,
            const WkLoadOptions *options,
            const char          *plan_path,
            gboolean             is_sample)
{
  start_load_with_sources (self, options, plan_path, is_sample, NULL, NULL);
}

/**
 * _wk_window_load_units:
 * @options: what to load
 * @plan_name: (nullable): the name of the new project's plan
 * @sources: (nullable): more sources of the new project, as pairs of role
 *   and path (e.g. the service a download came from), %NULL-terminated
 *
 * Loads data that the user has already agreed may replace what is open
 * (see _wk_window_confirm_discard()) into a new, unsaved project.
 */
void
_wk_window_load_units (WkWindow            *self,
                       const WkLoadOptions *options,
                       const char          *plan_name,
                       const char * const  *sources)
{
  start_load_with_sources (self, options, NULL, FALSE, plan_name, sources);
}

typedef struct
{
  WkLoadOptions *options;
  char          *plan_path;
  gboolean       is_sample;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  wk_load_options_free (request->options);
  g_free (request->plan_path);
  g_free (request);
}

static void
continue_load (WkWindow *self,
               gpointer  user_data)
{
  LoadRequest *request = user_data;

  start_load (self, request->options, request->plan_path, request->is_sample);
}

static void
request_load (WkWindow            *self,
              const WkLoadOptions *options,
              const char          *plan_path,
              gboolean             is_sample)
{
  LoadRequest *request = g_new0 (LoadRequest, 1);

  request->options = wk_load_options_copy (options);
  request->plan_path = g_strdup (plan_path);
  request->is_sample = is_sample;
  _wk_window_confirm_discard (self, continue_load, request, (GDestroyNotify) load_request_free);
}

/* What a dropped or command-line file is, by its name; CSVs with the header
 * of an assignment are plans. */
static gboolean
is_plan_csv (const char *path)
{
  g_autofree char *lower = NULL;
  gsize length = 0;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  char head[256] = { 0 };

  if (!g_str_has_suffix (path, ".csv") && !g_str_has_suffix (path, ".CSV"))
    return FALSE;
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head - 1, &length, NULL, NULL))
    return FALSE;
  lower = g_ascii_strdown (head, length);
  return strstr (lower, "unit_code") != NULL;
}

/* Whether a word of the file's name (without its extension) starts with
 * one of @words: “huisartsen_2024.csv” is GPs, “buurten.gpkg” is not.  A
 * word of two letters must be the whole word: “gp_2024.csv” is GPs,
 * “wijken.wijk.gpkg” and “buurten-gpkg.geojson” are not. */
static gboolean
name_matches (const char        *path,
              const char * const *words)
{
  g_autofree char *stem = path_stem (path);
  g_autofree char *lower = g_ascii_strdown (stem, -1);
  g_auto(GStrv) tokens = g_regex_split_simple ("[^a-z0-9]+", lower, 0, 0);

  for (guint t = 0; tokens[t] != NULL; t++)
    for (guint i = 0; words[i] != NULL; i++)
      if (strlen (words[i]) > 2 ? g_str_has_prefix (tokens[t], words[i])
                                : g_str_equal (tokens[t], words[i]))
        return TRUE;
  return FALSE;
}

/* -------------------------------------------------------------- choosers */

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Assignment CSV (unit_code,area)"));
  gtk_file_filter_add_suffix (filter, "csv");
  return filter;
}

/* _wk_window_new_save_chooser:
 *
 * A save dialog named after the plan, for files ending in @extension (the
 * export's, and the report's in wk-window-report.c).
 */
GtkFileChooserNative *
_wk_window_new_save_chooser (WkWindow   *self,
                             const char *title,
                             const char *accept,
                             const char *filter_name,
                             const char *extension)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *plan_name = wk_plan_get_name (self->plan);
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, extension + 1);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strconcat (plan_name != NULL && *plan_name ? plan_name : _("plan"), extension, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "window", self);
  return chooser;
}

/* -------------------------------------------------------------- export */

typedef struct
{
  WkJob *job;
  char  *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->job);
  g_free (data->path);
  g_free (data);
}

static void
on_open_folder_cb (AdwToast *toast,
                   WkWindow *self)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "folder-uri");

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExportData *data = user_data;
  WkWindow *self = wk_job_get_window (data->job);
  g_autoptr(GError) error = NULL;
  gboolean done = wk_export_finish (result, &error);
  g_autofree char *name = display_name (data->path);
  g_autoptr(GFile) file = g_file_new_for_path (data->path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  AdwToast *toast;

  /* FALSE: cancelled by the user, a newer export or the window closing, or
   * failed (said) */
  if (_wk_window_end_job (self, data->job, done ? NULL : error))
    {
      toast = adw_toast_new_format (_("Exported “%s”"), name);
      adw_toast_set_button_label (toast, _("_Open Folder"));
      g_object_set_data_full (G_OBJECT (toast), "folder-uri", g_file_get_uri (folder), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_folder_cb), self, 0);
      adw_toast_overlay_add_toast (self->toasts, toast);
    }
  export_data_free (data);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       WkWindow        *self)
{
  WkExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        wk_window_export (self, format, path);
    }
  g_object_unref (chooser);
}

/* ------------------------------------------------------------- actions */

static void
on_open_dialog_open_cb (WkWindow            *self,
                        const WkLoadOptions *options,
                        const char          *plan_path,
                        WkOpenDialog        *dialog)
{
  if (wk_project_is_project_file (options->units_path))
    _wk_window_open_project (self, options->units_path);
  else
    request_load (self, options, plan_path, FALSE);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  WkOpenDialog *dialog = wk_open_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "open", G_CALLBACK (on_open_dialog_open_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  wk_window_open_files (self, &file, 1);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  wk_window_open_sample (WK_WINDOW (widget));
}

static void
import_plan_then (WkWindow   *self,
                  const char *path)
{
  wk_window_import_plan (self, path);
}

static void
import_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Plan"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv_filter ());
  _wk_window_run_chooser (self, chooser, import_plan_then);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  GtkFileChooserNative *chooser;
  WkExportFormat format;
  const char *filter_name;

  if (self->checker == NULL ||
      !wk_export_format_from_string (g_variant_get_string (param, NULL), &format))
    return;
  filter_name = format == WK_EXPORT_GEOJSON ? _("GeoJSON") :
                format == WK_EXPORT_GPKG ? _("GeoPackage") : _("CSV");
  chooser = _wk_window_new_save_chooser (self, _("Export the Plan"), _("_Export"), filter_name,
                                         wk_export_format_extension (format));
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            WkWindow      *self)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;
  wk_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* ------------------------------------------------------------- private */

void
_wk_window_class_add_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.import-plan", NULL, import_plan_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
}

void
_wk_window_init_files (WkWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  g_signal_connect_object (self->settings, "changed::recent-files",
                           G_CALLBACK (on_recent_files_changed_cb), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
}

typedef struct
{
  WkWindowPathFunc then;
} ChooserData;

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        WkWindow        *self)
{
  ChooserData *data = g_object_get_data (G_OBJECT (chooser), "wk-chooser");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        data->then (self, path);
    }
  g_object_unref (chooser);
}

/* _wk_window_run_chooser:
 * @chooser: (transfer full): a file chooser for @self
 * @then: what to do with the chosen file's path
 *
 * Shows @chooser as a modal dialog and calls @then when the user accepts a
 * local file. */
void
_wk_window_run_chooser (WkWindow             *self,
                        GtkFileChooserNative *chooser,
                        WkWindowPathFunc      then)
{
  ChooserData *data = g_new0 (ChooserData, 1);

  data->then = then;
  g_object_set_data_full (G_OBJECT (chooser), "wk-chooser", data, g_free);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* -------------------------------------------------------------- public */

/**
 * wk_window_open_sample:
 *
 * Loads the built-in sample municipality with its providers, team areas,
 * boundary and starting plan.
 */
void
wk_window_open_sample (WkWindow *self)
{
  g_autofree char *dir = wk_application_dup_sample_dir ();
  g_autofree char *units = g_build_filename (dir, "units.geojson", NULL);
  g_autofree char *plan = g_build_filename (dir, "plan.csv", NULL);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (units);
  static const struct { WkProviderKind kind; const char *file; } providers[] = {
    { WK_PROVIDER_GP, "gp.csv" },
    { WK_PROVIDER_PHARMACY, "pharmacy.csv" },
    { WK_PROVIDER_NURSING, "nursing.csv" },
    { WK_PROVIDER_SOCIAL, "social.csv" },
  };

  g_return_if_fail (WK_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autofree char *path = g_build_filename (dir, providers[i].file, NULL);

      wk_load_options_add_provider (options, providers[i].kind, path);
    }
  {
    g_autofree char *networks = g_build_filename (dir, "networks.geojson", NULL);

    wk_load_options_add_network (options, networks);
  }
  options->boundary_path = g_build_filename (dir, "boundary.geojson", NULL);
  request_load (self, options, plan, TRUE);
}

/**
 * wk_window_open_files:
 * @files: (array length=n_files): dropped or named files
 *
 * Opens files by what they look like: a project file (*.wijk.gpkg) is
 * opened as a project; an assignment CSV is a plan; files
 * named after GPs (huisarts), pharmacies (apotheek), district nursing
 * (wijkverpleging), social teams (sociaal), team areas (netwerk, wijkteams)
 * or a boundary (grens) are those; the first other file holds the units.
 * Without units, a plan is imported into the data already open.
 */
void
wk_window_open_files (WkWindow  *self,
                      GFile    **files,
                      guint      n_files)
{
  static const char *gp[] = { "gp", "huisarts", NULL };
  static const char *pharmacy[] = { "pharmac", "apothe", NULL };
  static const char *nursing[] = { "nursing", "wijkverpleging", "verpleging", "thuiszorg", NULL };
  static const char *social[] = { "social", "sociaal", NULL };
  static const char *networks[] = { "network", "netwerk", "wijkteam", "hagro", NULL };
  static const char *boundary[] = { "boundary", "grens", "gemeentegrens", NULL };
  g_autoptr(WkLoadOptions) options = NULL;
  g_autofree char *plan = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  char *units = NULL;

  g_return_if_fail (WK_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *body = g_strdup_printf (_("“%s” is not a local file. Copy it to "
                                                     "this computer first."), uri);

          _wk_window_show_error (self, _("Could Not Open the File"), body);
          return;
        }
      g_ptr_array_add (paths, path);
    }

  /* a project is opened as it is */
  for (guint i = 0; i < paths->len; i++)
    if (wk_project_is_project_file (g_ptr_array_index (paths, i)))
      {
        _wk_window_open_project (self, g_ptr_array_index (paths, i));
        return;
      }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (plan == NULL && is_plan_csv (path))
        plan = g_strdup (path);
      else if (units == NULL && !name_matches (path, gp) && !name_matches (path, pharmacy) &&
               !name_matches (path, nursing) && !name_matches (path, social) &&
               !name_matches (path, networks) && !name_matches (path, boundary))
        units = (char *) path;
    }

  if (units == NULL)
    {
      if (plan != NULL && self->plan != NULL)
        wk_window_import_plan (self, plan);
      else
        {
          g_autofree char *name = display_name (plan != NULL ? plan : g_ptr_array_index (paths, 0));
          g_autofree char *body = g_strdup_printf (_("“%s” holds no units (buurten). Open the "
                                                     "units first, then the plan."), name);

          _wk_window_show_error (self, _("Could Not Open the File"), body);
        }
      return;
    }

  options = wk_load_options_new (units);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (path == units || g_strcmp0 (path, plan) == 0)
        continue;
      if (name_matches (path, gp))
        wk_load_options_add_provider (options, WK_PROVIDER_GP, path);
      else if (name_matches (path, pharmacy))
        wk_load_options_add_provider (options, WK_PROVIDER_PHARMACY, path);
      else if (name_matches (path, nursing))
        wk_load_options_add_provider (options, WK_PROVIDER_NURSING, path);
      else if (name_matches (path, social))
        wk_load_options_add_provider (options, WK_PROVIDER_SOCIAL, path);
      else if (name_matches (path, networks))
        wk_load_options_add_network (options, path);
      else if (name_matches (path, boundary) && options->boundary_path == NULL)
        options->boundary_path = g_strdup (path);
    }
  request_load (self, options, plan, FALSE);
}

/**
 * wk_window_load:
 * @options: what to load
 * @plan_path: (nullable): an assignment CSV to start from
 *
 * Loads on a worker thread, with a progress bar and Cancel.  On success the
 * window shows the new data (after asking about unsaved changes); on an
 * error it shows a message naming the file, and keeps the current plan.
 */
void
wk_window_load (WkWindow            *self,
                const WkLoadOptions *options,
                const char          *plan_path)
{
  g_return_if_fail (WK_IS_WINDOW (self));
  g_return_if_fail (options != NULL && options->units_path != NULL);

  request_load (self, options, plan_path, FALSE);
}

/**
 * wk_window_import_plan:
 * @path: an assignment CSV
 *
 * Replaces the current plan's areas and assignment by the file's, as one
 * undoable step.  A file that cannot be used leaves the plan as it was and
 * shows why.
 *
 * Returns: whether the plan was imported
 */
gboolean
wk_window_import_plan (WkWindow   *self,
                       const char *path)
{
  g_autoptr(WkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (WK_IS_WINDOW (self), FALSE);

  if (self->plan == NULL)
    return FALSE;
  if (!wk_plan_import_csv (self->plan, path, &report, &error))
    {
      _wk_window_show_error (self, _("Could Not Import the Plan"), error->message);
      return FALSE;
    }
  if (self->project != NULL)
    wk_project_add_source (self->project, "plan", path);
  if (report->messages->len > 0)
    _wk_window_show_messages (self, _("Notes on the Plan"), report->messages);
  name = display_name (path);
  message = g_strdup_printf (_("Imported “%s”"), name);
  _wk_window_toast (self, message);
  if (wk_plan_get_n_areas (self->plan) > 0)
    {
      g_autoptr(WkArea) first = g_list_model_get_item (wk_plan_get_areas (self->plan), 0);

      wk_window_set_active_area (self, wk_area_get_id (first));
    }
  _wk_window_update_title (self);
  return TRUE;
}

/**
 * wk_window_export:
 * @format: GeoJSON, GeoPackage or the assignment CSV
 * @path: where to write
 *
 * Exports the plan on a worker, shown in the progress card with Cancel; a
 * toast says when it is done and offers to open the folder, an error is shown naming the file.
 */
void
wk_window_export (WkWindow       *self,
                  WkExportFormat  format,
                  const char     *path)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  ExportData *data;

  g_return_if_fail (WK_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->checker == NULL)
    return;
  name = display_name (path);
  title = g_strdup_printf (_("Exporting “%s”…"), name);
  data = g_new0 (ExportData, 1);
  data->job = g_object_ref (_wk_window_start_job (self, "export", title,
                                                  WK_JOB_CANCELLABLE | WK_JOB_SINGLE));
  wk_job_set_subject (data->job, name);
  wk_job_set_error_heading (data->job, _("Could Not Export the Plan"));
  wk_job_set_cancel_message (data->job, _("Exporting cancelled"));
  data->path = g_strdup (path);
  wk_export_async (self->checker, format, path, wk_job_get_progress (data->job),
                   wk_job_get_cancellable (data->job), export_cb, data);
}

/**
 * wk_window_get_exporting:
 *
 * Returns: whether an export is running
 */
gboolean
wk_window_get_exporting (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), FALSE);
  return _wk_window_find_job (self, "export") != NULL;
}
