/* wk-project-recovery.c: autosaves of unsaved work and their recovery after a crash
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

/* ------------------------------------------------------------- recovery */

/**
 * _wk_project_get_default_state_dir:
 *
 * Returns: (transfer full): where recovery copies go by default:
 *   $XDG_STATE_HOME/wijkindeling
 */
char *
_wk_project_get_default_state_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "wijkindeling", NULL);
}

static char *
recovery_dir (const char *state_dir)
{
  g_autofree char *dflt = state_dir ? NULL : _wk_project_get_default_state_dir ();

  return g_build_filename (state_dir ? state_dir : dflt, "recovery", NULL);
}

/**
 * wk_project_recovery_is_due:
 *
 * Whether the app should write a recovery copy now: there are unsaved
 * changes the last copy does not hold, and the last copy is at least
 * %WK_PROJECT_AUTOSAVE_INTERVAL seconds old.  Call it from a timer or
 * after edits.
 */
gboolean
wk_project_recovery_is_due (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);

  if (!wk_project_is_modified (self))
    return FALSE;
  if (self->recovery_path != NULL && self->serial == self->recovery_serial)
    return FALSE;
  return self->recovery_time == 0 ||
         g_get_monotonic_time () - self->recovery_time >=
           (gint64) WK_PROJECT_AUTOSAVE_INTERVAL * G_USEC_PER_SEC;
}

static char *
prepare_recovery (WkProject   *self,
                  const char  *state_dir,
                  GError     **error)
{
  g_autofree char *dir = recovery_dir (state_dir);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE,
                   _("The recovery copy could not be written to “%s”: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  if (self->recovery_path == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *name = g_strconcat (uuid, WK_PROJECT_EXTENSION, NULL);

      self->recovery_path = g_build_filename (dir, name, NULL);
    }
  return g_strdup (self->recovery_path);
}

static void
finish_recovery (WkProject         *self,
                 WkProjectSnapshot *snap)
{
  self->recovery_serial = snap->serial;
  self->recovery_time = g_get_monotonic_time ();
}

/**
 * wk_project_save_recovery:
 * @state_dir: (nullable): the folder for recovery copies (in its
 *   subfolder `recovery`); _wk_project_get_default_state_dir() when %NULL
 *
 * Writes a recovery copy of the whole project (atomically, like a save),
 * which wk_project_find_recovery() finds after a crash.  The project itself
 * stays unsaved.
 */
gboolean
wk_project_save_recovery (WkProject   *self,
                          const char  *state_dir,
                          GError     **error)
{
  g_autoptr(WkProjectSnapshot) snap = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);

  path = prepare_recovery (self, state_dir, error);
  if (path == NULL)
    return FALSE;
  snap = _wk_project_snapshot_new (self, TRUE);
  if (!_wk_project_snapshot_write (snap, path, NULL, NULL, error))
    return FALSE;
  finish_recovery (self, snap);
  return TRUE;
}

/**
 * wk_project_save_recovery_async:
 *
 * Takes a snapshot now and writes the recovery copy on a worker thread.
 */
void
wk_project_save_recovery_async (WkProject           *self,
                                const char          *state_dir,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (WK_IS_PROJECT (self));

  path = prepare_recovery (self, state_dir, &error);
  if (path == NULL)
    {
      g_task_report_error (self, callback, user_data, wk_project_save_recovery_async, error);
      return;
    }
  _wk_project_run_save_task (self, wk_project_save_recovery_async, _wk_project_snapshot_new (self, TRUE),
                             path, NULL, cancellable, callback, user_data);
}

gboolean
wk_project_save_recovery_finish (WkProject     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  SaveData *data;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (data != NULL)
    finish_recovery (self, data->snap);
  return TRUE;
}

/**
 * wk_project_discard_recovery:
 *
 * Removes this session's recovery copy: after a save, or when the user
 * closes the project without saving.
 */
gboolean
wk_project_discard_recovery (WkProject  *self,
                             GError    **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);

  path = g_steal_pointer (&self->recovery_path);
  self->recovery_serial = 0;
  self->recovery_time = 0;
  if (path != NULL && g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The recovery copy “%s” could not be removed: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static int
compare_recovery (gconstpointer a,
                  gconstpointer b)
{
  const WkRecoveryInfo *ia = *(WkRecoveryInfo * const *) a;
  const WkRecoveryInfo *ib = *(WkRecoveryInfo * const *) b;

  return ia->saved > ib->saved ? -1 : ia->saved < ib->saved;
}

/**
 * wk_project_find_recovery:
 * @state_dir: (nullable): as for wk_project_save_recovery()
 *
 * The recovery copies left by sessions that ended without saving (a crash,
 * a power cut), newest first.  Copies of sessions still running are left
 * out.
 *
 * Returns: (transfer full) (element-type WkRecoveryInfo): the copies
 */
GPtrArray *
wk_project_find_recovery (const char *state_dir)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_recovery_info_free);
  g_autofree char *dir = recovery_dir (state_dir);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      WkRecoveryInfo *info;
      gint64 pid = 0;

      /* Dot files are temporary files of unfinished writes. */
      if (name[0] == '.' || !g_str_has_suffix (name, WK_PROJECT_EXTENSION))
        continue;
      path = g_build_filename (dir, name, NULL);
      info = _wk_project_read_recovery_info (path, &pid);
      if (info == NULL)
        continue;
      if (_wk_project_process_is_running (pid))
        wk_recovery_info_free (info);
      else
        g_ptr_array_add (found, info);
    }
  g_ptr_array_sort (found, compare_recovery);
  return found;
}

/**
 * wk_project_open_recovery:
 *
 * Opens a recovery copy as the project it is a copy of: with that file as
 * its path (or none), modified, and the copy as its recovery copy (removed
 * by the next save or wk_project_discard_recovery()).
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
WkProject *
wk_project_open_recovery (const WkRecoveryInfo  *info,
                          WkProgress            *progress,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_autoptr(WkRecoveryInfo) recovery = NULL;
  WkProject *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = _wk_project_read (info->path, FALSE, &recovery, progress, cancellable, error);
  if (self == NULL)
    return NULL;
  self->path = recovery && recovery->project_path ? g_strdup (recovery->project_path) : NULL;
  self->recovery_path = g_strdup (info->path);
  self->struct_serial++;
  self->modified = TRUE;
  return self;
}

/**
 * wk_project_delete_recovery:
 *
 * Removes a recovery copy the user does not want restored.
 */
gboolean
wk_project_delete_recovery (const WkRecoveryInfo  *info,
                            GError               **error)
{
  g_return_val_if_fail (info != NULL, FALSE);

  if (g_unlink (info->path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The recovery copy “%s” could not be removed: %s"), info->path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
