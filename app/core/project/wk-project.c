/* wk-project.c: the project: data set, plans (scenarios), profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-project"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "wk-area.h"
#include "wk-dataset.h"
#include "wk-gdal-private.h"
#include "wk-plan-private.h"
#include "wk-profile.h"
#include "wk-progress.h"
#include "wk-project-private.h"

G_DEFINE_FINAL_TYPE (WkProject, wk_project, G_TYPE_OBJECT)
G_DEFINE_QUARK (wk-project-error-quark, wk_project_error)
G_DEFINE_BOXED_TYPE (WkProjectSource, wk_project_source, wk_project_source_copy,
                     wk_project_source_free)
G_DEFINE_BOXED_TYPE (WkAuditEntry, wk_audit_entry, wk_audit_entry_copy, wk_audit_entry_free)
G_DEFINE_BOXED_TYPE (WkRecoveryInfo, wk_recovery_info, wk_recovery_info_copy,
                     wk_recovery_info_free)

enum {
  PROP_0,
  PROP_PATH,
  PROP_MODIFIED,
  PROP_ACTIVE_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* -------------------------------------------------------------- helpers */

char *
_wk_project_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
_wk_project_update_modified (WkProject *self)
{
  gboolean modified = wk_project_is_modified (self);

  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

/* Plans added, removed or switched, or the profile changed. */
void
_wk_project_structure_changed (WkProject *self)
{
  self->serial++;
  self->struct_serial++;
  _wk_project_update_modified (self);
}

static char *
file_sha256 (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar buffer[65536];
  gssize got;

  if (wk_gdal_is_connection (path) || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  in = g_file_read (file, NULL, NULL);
  if (in == NULL)
    return NULL;
  while ((got = g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer, NULL, NULL)) > 0)
    g_checksum_update (sum, buffer, got);
  if (got < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
_wk_project_process_is_running (gint64 pid)
{
  /* a number from a file: no pid_t, or kill() would take it for a group */
  if (pid <= 0 || pid > G_MAXINT32 || pid == getpid ())
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

/* _wk_project_title_for_path:
 *
 * Returns: (transfer full): the file name without “.wijk.gpkg”, or
 *   “Untitled project” for %NULL
 */
char *
_wk_project_title_for_path (const char *path)
{
  g_autofree char *base = NULL;
  g_autofree char *lower = NULL;
  char *dot;

  if (path == NULL)
    return g_strdup (_("Untitled project"));
  base = g_path_get_basename (path);
  lower = g_ascii_strdown (base, -1);
  dot = strrchr (base, '.');
  if (g_str_has_suffix (lower, WK_PROJECT_EXTENSION) && strlen (base) > strlen (WK_PROJECT_EXTENSION))
    base[strlen (base) - strlen (WK_PROJECT_EXTENSION)] = '\0';
  else if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* ------------------------------------------------------------- GObject */

static void
wk_project_dispose (GObject *object)
{
  WkProject *self = WK_PROJECT (object);

  if (self->plans != NULL)
    while (g_list_model_get_n_items (G_LIST_MODEL (self->plans)) > 0)
      {
        g_autoptr(WkPlan) plan = g_list_model_get_item (G_LIST_MODEL (self->plans), 0);
        _wk_project_detach_plan (self, plan);
      }
  self->active = NULL;
  g_clear_object (&self->plans);
  if (self->profile != NULL)
    g_signal_handlers_disconnect_by_data (self->profile, self);
  g_clear_object (&self->profile);
  g_clear_object (&self->dataset);
  G_OBJECT_CLASS (wk_project_parent_class)->dispose (object);
}

static void
wk_project_finalize (GObject *object)
{
  WkProject *self = WK_PROJECT (object);

  g_free (self->path);
  g_free (self->created);
  g_free (self->recovery_path);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->audit, g_ptr_array_unref);
  g_clear_pointer (&self->shadows, g_hash_table_unref);
  g_free (self->pg_connection);
  g_free (self->pg_schema);
  g_clear_pointer (&self->pg_plans, g_hash_table_unref);
  g_clear_object (&self->pg_conflict);
  G_OBJECT_CLASS (wk_project_parent_class)->finalize (object);
}

static void
wk_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WkProject *self = WK_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, wk_project_is_modified (self));
      break;
    case PROP_ACTIVE_PLAN:
      g_value_set_object (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_project_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WkProject *self = WK_PROJECT (object);

  switch (prop_id)
    {
    case PROP_ACTIVE_PLAN:
      wk_project_set_active_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_project_class_init (WkProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wk_project_dispose;
  object_class->finalize = wk_project_finalize;
  object_class->get_property = wk_project_get_property;
  object_class->set_property = wk_project_set_property;

  /**
   * WkProject:path:
   *
   * The project file, or %NULL before the first save.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * WkProject:modified:
   *
   * Whether there is anything the project file does not hold yet.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * WkProject:active-plan:
   *
   * The plan (scenario) being worked on.
   */
  properties[PROP_ACTIVE_PLAN] =
    g_param_spec_object ("active-plan", NULL, NULL, WK_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wk_project_init (WkProject *self)
{
  self->plans = g_list_store_new (WK_TYPE_PLAN);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_project_source_free);
  self->audit = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_audit_entry_free);
  self->shadows = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) _wk_project_plan_shadow_free);
  self->created = _wk_project_now_iso8601 ();
}

/* ------------------------------------------------------------ boxed types */

WkProjectSource *
wk_project_source_copy (const WkProjectSource *source)
{
  WkProjectSource *copy = g_new0 (WkProjectSource, 1);

  copy->role = g_strdup (source->role);
  copy->name = g_strdup (source->name);
  copy->sha256 = g_strdup (source->sha256);
  return copy;
}

void
wk_project_source_free (WkProjectSource *source)
{
  if (source == NULL)
    return;
  g_free (source->role);
  g_free (source->name);
  g_free (source->sha256);
  g_free (source);
}

WkAuditEntry *
wk_audit_entry_copy (const WkAuditEntry *entry)
{
  WkAuditEntry *copy = g_new0 (WkAuditEntry, 1);

  copy->time = g_strdup (entry->time);
  copy->plan = g_strdup (entry->plan);
  copy->action = g_strdup (entry->action);
  copy->units = g_strdup (entry->units);
  copy->from_area = g_strdup (entry->from_area);
  copy->to_area = g_strdup (entry->to_area);
  return copy;
}

void
wk_audit_entry_free (WkAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->time);
  g_free (entry->plan);
  g_free (entry->action);
  g_free (entry->units);
  g_free (entry->from_area);
  g_free (entry->to_area);
  g_free (entry);
}

WkRecoveryInfo *
wk_recovery_info_copy (const WkRecoveryInfo *info)
{
  WkRecoveryInfo *copy = g_new0 (WkRecoveryInfo, 1);

  copy->path = g_strdup (info->path);
  copy->project_path = g_strdup (info->project_path);
  copy->title = g_strdup (info->title);
  copy->saved = info->saved;
  return copy;
}

void
wk_recovery_info_free (WkRecoveryInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->project_path);
  g_free (info->title);
  g_free (info);
}

/* ------------------------------------------------------------ public API */

WkProject *
_wk_project_new_empty (WkDataset *dataset,
                       WkProfile *profile)
{
  WkProject *self = g_object_new (WK_TYPE_PROJECT, NULL);

  self->dataset = g_object_ref (dataset);
  self->profile = profile ? g_object_ref (profile) : wk_profile_new ();
  g_signal_connect_object (self->profile, "changed", G_CALLBACK (_wk_project_on_profile_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * wk_project_new:
 * @dataset: the units, providers and networks
 * @profile: (nullable): the criteria; the default profile when %NULL
 *
 * A new, unsaved project with one empty plan; see
 * wk_project_new_with_plan().
 *
 * Returns: (transfer full): the project
 */
WkProject *
wk_project_new (WkDataset *dataset,
                WkProfile *profile)
{
  g_autoptr(WkPlan) plan = NULL;

  g_return_val_if_fail (WK_IS_DATASET (dataset), NULL);

  plan = wk_plan_new (dataset);
  return wk_project_new_with_plan (plan, profile);
}

/**
 * wk_project_new_with_plan:
 * @plan: the first plan; its data set becomes the project's
 * @profile: (nullable): the criteria; the default profile when %NULL
 *
 * A new, unsaved project of a plan made from files (e.g. loaded data and
 * an imported assignment), to save it as a project.  The files the data
 * set was loaded from are listed as its sources, with their checksums.  A
 * plan without a name is called “Plan”.
 *
 * Returns: (transfer full): the project
 */
WkProject *
wk_project_new_with_plan (WkPlan    *plan,
                          WkProfile *profile)
{
  WkProject *self;
  WkDataset *dataset;
  const WkLoadOptions *options;

  g_return_val_if_fail (WK_IS_PLAN (plan), NULL);
  g_return_val_if_fail (profile == NULL || WK_IS_PROFILE (profile), NULL);

  dataset = wk_plan_get_dataset (plan);
  self = _wk_project_new_empty (dataset, profile);
  options = wk_dataset_get_options (dataset);
  wk_project_add_source (self, "units", options->units_path);
  for (guint k = 0; k < WK_N_PROVIDER_KINDS; k++)
    for (guint i = 0; options->provider_paths[k] != NULL && options->provider_paths[k][i]; i++)
      wk_project_add_source (self, wk_provider_kind_to_string (k), options->provider_paths[k][i]);
  for (guint i = 0; options->network_paths != NULL && options->network_paths[i]; i++)
    wk_project_add_source (self, "networks", options->network_paths[i]);
  if (options->boundary_path != NULL)
    wk_project_add_source (self, "boundary", options->boundary_path);

  if (*wk_plan_get_name (plan) == '\0')
    _wk_plan_restore_finish (plan, _("Plan"), wk_plan_get_note (plan));
  _wk_project_attach_plan (self, plan);
  self->active = plan;
  self->modified = TRUE;
  return self;
}

static WkProject *
open_project (const char    *path,
              gboolean       allow_missing,
              WkProgress    *progress,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(WkRecoveryInfo) recovery = NULL;
  WkProject *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = _wk_project_read (path, allow_missing, &recovery, progress, cancellable, error);
  if (self != NULL && recovery != NULL)
    {
      /* Opened as a file, a recovery copy is a project of its own. */
      self->path = g_strdup (path);
    }
  if (self != NULL)
    self->modified = wk_project_is_modified (self);
  return self;
}

/**
 * wk_project_open:
 * @path: a project file (*.wijk.gpkg)
 *
 * Reads a project: the data set through the normal loader from the
 * project's own layers, the profile, the plans with their notes, and the
 * audit log.  A missing file, another kind of file, or a damaged one gives
 * a %WK_PROJECT_ERROR that names the file.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
WkProject *
wk_project_open (const char    *path,
                 WkProgress    *progress,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return open_project (path, FALSE, progress, cancellable, error);
}

/**
 * wk_project_open_without_missing:
 * @path: a project file (*.wijk.gpkg)
 *
 * Like wk_project_open(), but a project from which units were deleted (in
 * QGIS), where wk_project_open() gives %WK_PROJECT_ERROR_MISSING_UNITS,
 * opens without them: its plans keep their other units, and the data set's
 * load report names the missing ones.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
WkProject *
wk_project_open_without_missing (const char    *path,
                                 WkProgress    *progress,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return open_project (path, TRUE, progress, cancellable, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WkProgress *progress = g_object_get_data (G_OBJECT (task), "progress");
  GError *error = NULL;
  WkProject *project = wk_project_open (task_data, progress, cancellable, &error);

  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

/**
 * wk_project_open_async:
 *
 * Opens a project on a worker thread; see wk_project_open().
 */
void
wk_project_open_async (const char          *path,
                       WkProgress          *progress,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, wk_project_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  if (progress != NULL)
    g_object_set_data_full (G_OBJECT (task), "progress", g_object_ref (progress), g_object_unref);
  g_task_run_in_thread (task, open_thread);
}

WkProject *
wk_project_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* After a save of @snap to @path: the plans are saved as far as the
 * snapshot went (edits made meanwhile stay modified). */
static void
finish_save (WkProject         *self,
             WkProjectSnapshot *snap,
             const char        *path)
{
  guint position;

  if (g_strcmp0 (self->path, path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
    }
  for (guint i = 0; i < snap->originals->len; i++)
    {
      WkPlan *plan = g_ptr_array_index (snap->originals, i);

      if (g_list_store_find (self->plans, plan, &position))
        _wk_plan_set_saved_serial (plan, g_array_index (snap->serials, guint, i));
    }
  self->saved_struct_serial = snap->struct_serial;
  wk_project_discard_recovery (self, NULL);
  _wk_project_update_modified (self);
}

static const char *
save_path (WkProject  *self,
           const char *path)
{
  return path != NULL ? path : self->path;
}

/**
 * wk_project_save:
 * @path: (nullable): where to save; %NULL for the project's own file
 *
 * Saves the project atomically (a temporary file beside it, flushed to disk,
 * renamed over it: after a crash the file is the old or the new project),
 * and removes the recovery copy.
 */
gboolean
wk_project_save (WkProject     *self,
                 const char    *path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(WkProjectSnapshot) snap = NULL;

  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (save_path (self, path) != NULL, FALSE);

  path = save_path (self, path);
  snap = _wk_project_snapshot_new (self, FALSE);
  if (!_wk_project_snapshot_write (snap, path, NULL, cancellable, error))
    return FALSE;
  finish_save (self, snap, path);
  return TRUE;
}

static void
save_data_free (SaveData *data)
{
  _wk_project_snapshot_free (data->snap);
  g_free (data->path);
  g_clear_object (&data->progress);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (_wk_project_snapshot_write (data->snap, data->path, data->progress, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
_wk_project_run_save_task (WkProject           *self,
                           gpointer             tag,
                           WkProjectSnapshot   *snap,
                           const char          *path,
                           WkProgress          *progress,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SaveData *data = g_new0 (SaveData, 1);

  data->snap = snap;
  data->path = g_strdup (path);
  data->progress = progress ? g_object_ref (progress) : NULL;
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

/**
 * wk_project_save_async:
 * @path: (nullable): where to save; %NULL for the project's own file
 *
 * Takes a snapshot now and saves it on a worker thread; the user can go on
 * editing.  See wk_project_save().
 */
void
wk_project_save_async (WkProject           *self,
                       const char          *path,
                       WkProgress          *progress,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (WK_IS_PROJECT (self));
  g_return_if_fail (save_path (self, path) != NULL);

  _wk_project_run_save_task (self, wk_project_save_async, _wk_project_snapshot_new (self, FALSE),
                             save_path (self, path), progress, cancellable, callback, user_data);
}

/**
 * wk_project_save_finish:
 *
 * Marks what was saved as saved.  Call it from the callback.
 */
gboolean
wk_project_save_finish (WkProject     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  SaveData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  finish_save (self, data->snap, data->path);
  return TRUE;
}

/**
 * wk_project_is_project_file:
 *
 * Returns: whether @path is named like a project (*.wijk.gpkg) or is a
 *   GeoPackage with a project's metadata table
 */
gboolean
wk_project_is_project_file (const char *path)
{
  g_autofree char *lower = NULL;
  g_autoptr(GString) failure = NULL;
  const char *const allowed[] = { "GPKG", NULL };
  g_auto(GDALDatasetH) ds = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, WK_PROJECT_EXTENSION))
    return TRUE;
  if (!g_str_has_suffix (lower, ".gpkg") || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  failure = g_string_new (NULL);
  wk_gdal_push_capture (failure);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed, NULL, NULL);
  wk_gdal_pop_capture ();
  return ds != NULL && GDALDatasetGetLayerByName (ds, "wk_metadata") != NULL;
}

/**
 * wk_project_get_path:
 *
 * Returns: (nullable): the project file, %NULL before the first save
 */
const char *
wk_project_get_path (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  return self->path;
}

/**
 * wk_project_dup_title:
 *
 * Returns: (transfer full): the file name without “.wijk.gpkg”, or
 *   “Untitled project”
 */
char *
wk_project_dup_title (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  if (self->pg_schema != NULL)
    return g_strdup (self->pg_schema);
  return _wk_project_title_for_path (self->path);
}

/**
 * wk_project_get_dataset:
 *
 * Returns: (transfer none): the data set
 */
WkDataset *
wk_project_get_dataset (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  return self->dataset;
}

/**
 * wk_project_get_profile:
 *
 * Returns: (transfer none): the criteria profile, saved with the project;
 *   edit it in place
 */
WkProfile *
wk_project_get_profile (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  return self->profile;
}

/**
 * wk_project_is_modified:
 *
 * Returns: whether a plan, the list of plans or the profile changed since
 *   the last save (a project never saved counts as modified)
 */
gboolean
wk_project_is_modified (WkProject *self)
{
  guint n;

  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);
  if ((self->path == NULL && self->pg_schema == NULL) ||
      self->struct_serial != self->saved_struct_serial)
    return TRUE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->plans));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WkPlan) plan = g_list_model_get_item (G_LIST_MODEL (self->plans), i);

      if (wk_plan_is_modified (plan))
        return TRUE;
    }
  return FALSE;
}

/**
 * wk_project_get_sources:
 *
 * Returns: (transfer none) (element-type WkProjectSource): the files the
 *   project was made from
 */
GPtrArray *
wk_project_get_sources (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  return self->sources;
}

/**
 * wk_project_add_source:
 * @role: e.g. "plan" for an imported assignment
 * @path: the file (its checksum is taken now) or connection
 *
 * Lists a file the project took data from.
 */
void
wk_project_add_source (WkProject  *self,
                       const char *role,
                       const char *path)
{
  WkProjectSource *s;

  g_return_if_fail (WK_IS_PROJECT (self));
  g_return_if_fail (role != NULL && path != NULL);

  s = g_new0 (WkProjectSource, 1);
  s->role = g_strdup (role);
  s->name = wk_gdal_display_name (path);
  s->sha256 = file_sha256 (path);
  g_ptr_array_add (self->sources, s);
  _wk_project_structure_changed (self);
}

/**
 * wk_project_get_audit_log:
 *
 * Every edit of every plan is logged as it happens, and saved with the
 * project.
 *
 * Returns: (transfer none) (element-type WkAuditEntry): the log, oldest first
 */
GPtrArray *
wk_project_get_audit_log (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  return self->audit;
}

/**
 * _wk_project_log:
 * @plan: (nullable): the plan it is about
 * @action: what was done (translated)
 * @from_area: (nullable): an area, or a plan's old name
 * @to_area: (nullable): an area, or a plan's new name
 *
 * Adds a line to the audit log for what is not an edit of a plan (those are
 * logged by themselves), e.g. an export for a review.
 */
void
_wk_project_log (WkProject  *self,
                WkPlan     *plan,
                const char *action,
                const char *from_area,
                const char *to_area)
{
  g_return_if_fail (WK_IS_PROJECT (self));
  g_return_if_fail (action != NULL);

  _wk_project_log_line (self, plan, FALSE, action, NULL, from_area, to_area);
  self->audit_plan = NULL;
  _wk_project_structure_changed (self);
}

/**
 * wk_project_get_plans:
 *
 * Returns: (transfer none): a #GListModel of #WkPlan: the scenarios
 */
GListModel *
wk_project_get_plans (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->plans);
}

/**
 * wk_project_get_active_plan:
 *
 * Returns: (transfer none): the plan being worked on
 */
WkPlan *
wk_project_get_active_plan (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  return self->active;
}

void
wk_project_set_active_plan (WkProject *self,
                            WkPlan    *plan)
{
  guint position;

  g_return_if_fail (WK_IS_PROJECT (self));
  g_return_if_fail (WK_IS_PLAN (plan));
  g_return_if_fail (g_list_store_find (self->plans, plan, &position));

  if (self->active == plan)
    return;
  self->active = plan;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_PLAN]);
  _wk_project_structure_changed (self);
}

/**
 * wk_project_find_plan:
 *
 * Returns: (transfer none) (nullable): the plan called @name
 */
WkPlan *
wk_project_find_plan (WkProject  *self,
                      const char *name)
{
  guint n;

  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->plans));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WkPlan) plan = g_list_model_get_item (G_LIST_MODEL (self->plans), i);

      if (g_strcmp0 (wk_plan_get_name (plan), name) == 0)
        return plan;
    }
  return NULL;
}

/**
 * wk_project_suggest_plan_name:
 * @base: (nullable): the name wanted, e.g. “Westerlaan split (copy)”; “Plan”
 *   when %NULL
 *
 * Returns: (transfer full): @base, or “@base 2”, “@base 3”… when taken
 */
char *
wk_project_suggest_plan_name (WkProject  *self,
                              const char *base)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  if (base == NULL || *base == '\0')
    base = _("Plan");
  if (wk_project_find_plan (self, base) == NULL)
    return g_strdup (base);
  for (guint n = 2; ; n++)
    {
      char *name = g_strdup_printf ("%s %u", base, n);

      if (wk_project_find_plan (self, name) == NULL)
        return name;
      g_free (name);
    }
}

static gboolean
check_plan_name (WkProject   *self,
                 WkPlan      *except,
                 const char  *name,
                 GError     **error)
{
  WkPlan *other;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_PLAN_NAME, _("A plan needs a name."));
      return FALSE;
    }
  other = wk_project_find_plan (self, name);
  if (other != NULL && other != except)
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_PLAN_NAME,
                   _("There is already a plan called “%s”."), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * wk_project_add_plan:
 * @plan: a plan of the project's data set, with a name no other plan has
 *
 * Adds a plan (a scenario), e.g. one imported from a file.
 */
gboolean
wk_project_add_plan (WkProject  *self,
                     WkPlan     *plan,
                     GError    **error)
{
  guint position;

  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (WK_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (wk_plan_get_dataset (plan) == self->dataset, FALSE);
  g_return_val_if_fail (!g_list_store_find (self->plans, plan, &position), FALSE);

  if (!check_plan_name (self, NULL, wk_plan_get_name (plan), error))
    return FALSE;
  _wk_project_attach_plan (self, plan);
  _wk_project_log_line (self, plan, FALSE, _("Add plan"), NULL, NULL, NULL);
  self->audit_plan = NULL;
  _wk_project_structure_changed (self);
  return TRUE;
}

/**
 * wk_project_duplicate_plan:
 * @plan: a plan of the project
 * @name: (nullable): the copy's name; “@plan's name (copy)” when %NULL
 *
 * Adds a copy of @plan (areas, notes, assignment; not its history) to try
 * another division.
 *
 * Returns: (transfer none) (nullable): the copy
 */
WkPlan *
wk_project_duplicate_plan (WkProject   *self,
                           WkPlan      *plan,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(WkPlan) copy = NULL;
  g_autofree char *suggested = NULL;

  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  g_return_val_if_fail (g_hash_table_contains (self->shadows, plan), NULL);

  if (name == NULL)
    {
      /* Translators: the name of a copy of a plan (a scenario) */
      g_autofree char *base = g_strdup_printf (_("%s (copy)"), wk_plan_get_name (plan));
      name = suggested = wk_project_suggest_plan_name (self, base);
    }
  if (!check_plan_name (self, NULL, name, error))
    return NULL;
  copy = wk_plan_duplicate (plan);
  _wk_plan_restore_finish (copy, name, wk_plan_get_note (plan));
  _wk_project_attach_plan (self, copy);
  _wk_project_log_line (self, copy, FALSE, _("Duplicate plan"), NULL, wk_plan_get_name (plan), name);
  self->audit_plan = NULL;
  _wk_project_structure_changed (self);
  return copy;
}

/**
 * wk_project_rename_plan:
 *
 * Renames a plan (undoable, like every edit of the plan).
 */
gboolean
wk_project_rename_plan (WkProject   *self,
                        WkPlan      *plan,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_hash_table_contains (self->shadows, plan), FALSE);

  stripped = g_strstrip (g_strdup (name ? name : ""));
  if (!check_plan_name (self, plan, stripped, error))
    return FALSE;
  wk_plan_set_name (plan, stripped);
  return TRUE;
}

/**
 * wk_project_remove_plan:
 *
 * Deletes a plan.  The last plan cannot go; when the active plan goes, the
 * one before it (or after it) becomes active.
 */
gboolean
wk_project_remove_plan (WkProject  *self,
                        WkPlan     *plan,
                        GError    **error)
{
  g_autoptr(WkPlan) keep = NULL;
  guint position, n;

  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_list_store_find (self->plans, plan, &position), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->plans));
  if (n == 1)
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_LAST_PLAN,
                   _("“%s” is the only plan; a project needs at least one."),
                   wk_plan_get_name (plan));
      return FALSE;
    }
  keep = g_object_ref (plan);
  _wk_project_log_line (self, plan, FALSE, _("Delete plan"), NULL, NULL, NULL);
  _wk_project_detach_plan (self, plan);
  if (self->active == plan)
    {
      g_autoptr(WkPlan) next = g_list_model_get_item (G_LIST_MODEL (self->plans),
                                                      position > 0 ? position - 1 : 0);
      self->active = next;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_PLAN]);
    }
  _wk_project_structure_changed (self);
  return TRUE;
}
