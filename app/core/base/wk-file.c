/* wk-file.c: atomic file replacement: temporary files, fsync, rename
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "wk-file-private.h"

/* ----------------------------------------------------------------- files */

/* wk_file_temp_path_for:
 *
 * A new, unused name next to @target (same folder, so a rename is atomic)
 * that keeps @target's extension, because GDAL picks drivers by it.  The
 * name holds the process id, so that wk_file_remove_stale_temps() can tell
 * the leftovers of a crashed process from a save still running.
 */
char *
wk_file_temp_path_for (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  const char *dot = strchr (base, '.');
  g_autofree char *stem = dot ? g_strndup (base, dot - base) : g_strdup (base);

  for (guint i = 0; ; i++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%ld-%08x.tmp%s", stem, (long) getpid (),
                                               g_random_int (), dot ? dot : "");
      char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS) || i > 100)
        return path;
      g_free (path);
    }
}

/* wk_file_remove_stale_temps:
 *
 * Removes the temporary files (and SQLite journals) that saves of @target
 * by processes that no longer run left behind: a crash or a kill during a
 * save leaves the target intact but its temporary file beside it.
 *
 * Returns: how many files were removed
 */
guint
wk_file_remove_stale_temps (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  const char *dot = strchr (base, '.');
  g_autofree char *stem = dot ? g_strndup (base, dot - base) : g_strdup (base);
  g_autofree char *prefix = g_strdup_printf (".%s.", stem);
  g_autofree char *infix = g_strdup_printf (".tmp%s", dot ? dot : "");
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_removed = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      const char *rest, *tail;
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;
      rest = name + strlen (prefix);
      pid = g_ascii_strtoll (rest, &end, 10);
      if (end == rest || *end != '-' || pid <= 0 || pid == getpid ())
        continue;
      tail = strstr (end, infix);
      if (tail == NULL || (tail[strlen (infix)] != '\0' && tail[strlen (infix)] != '-'))
        continue;
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        if (g_unlink (path) == 0)
          n_removed++;
      }
    }
  return n_removed;
}

static gboolean
fsync_path (const char *path,
            gboolean    directory,
            GError    **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s", g_strerror (saved));
      return FALSE;
    }
  if (fsync (fd) != 0 && !directory)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s", g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* wk_file_commit_temp:
 *
 * Flushes @temp to disk and renames it over @target, then flushes the
 * folder, so that after a crash @target is either the old or the new file.
 * On failure @temp is removed and @target is untouched.
 */
gboolean
wk_file_commit_temp (const char  *temp,
                     const char  *target,
                     GError     **error)
{
  g_autofree char *display = g_filename_display_basename (target);
  g_autofree char *dir = g_path_get_dirname (target);
  g_autoptr(GError) local = NULL;

  if (!fsync_path (temp, FALSE, &local))
    {
      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, local->code, _("“%s” could not be written: %s"),
                   display, local->message);
      return FALSE;
    }
  if (g_rename (temp, target) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” could not be written: %s"), display, g_strerror (saved));
      return FALSE;
    }
  fsync_path (dir, TRUE, NULL);
  return TRUE;
}

void
wk_file_discard_temp (const char *temp)
{
  if (temp != NULL)
    g_unlink (temp);
}
