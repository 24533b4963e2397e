/* wk-output.c: safe outputs
 *
 * Every file the program writes (a report, an export, a project) is
 * written beside its final name and renamed over it only when complete,
 * and never over one of the files it was made from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "wk-file-private.h"
#include "wk-output.h"
#include "wk-output-private.h"

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  /* stat () follows links: a link to an input is that input */
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/**
 * wk_output_prepare:
 * @path: the output the user named
 * @inputs: (nullable) (array zero-terminated=1): the files the output is
 *   made from; entries may be %NULL-free connection strings, which never match
 * @error: a #G_IO_ERROR naming the file
 *
 * Checks @path before anything is written: it must not be one of @inputs
 * (the same file after links are resolved), and where it exists it must be
 * a regular file that may be written.  A symbolic link is followed, so
 * that the file it points to is the one replaced and the link stays.
 *
 * Returns: (transfer full): the path to replace (@path, or the target of
 *   the link @path is), or %NULL with @error set
 */
char *
wk_output_prepare (const char         *path,
                   const char * const *inputs,
                   GError            **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *target = NULL;
  GStatBuf st, followed;

  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; inputs != NULL && inputs[i] != NULL; i++)
    if (same_file (path, inputs[i]))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("“%s” is one of the files the output is made from; writing it would "
                       "destroy it. Write the output to another file."), display);
        return NULL;
      }

  if (g_lstat (path, &st) != 0)
    return g_strdup (path);           /* a new file */
  /* a link to a device, or /dev/stdout (through /proc to a pipe or a terminal) */
  if (S_ISLNK (st.st_mode) && g_stat (path, &followed) == 0 && !S_ISREG (followed.st_mode))
    st = followed;
  else if (S_ISLNK (st.st_mode))
    {
      target = realpath (path, NULL);
      if (target == NULL)             /* a dangling link: write where it points */
        {
          g_autofree char *link = g_file_read_link (path, NULL);

          if (link != NULL && !g_path_is_absolute (link))
            {
              g_autofree char *dir = g_path_get_dirname (path);

              target = g_build_filename (dir, link, NULL);
            }
          else
            target = g_steal_pointer (&link);
          if (target == NULL)
            target = g_strdup (path);
          return g_steal_pointer (&target);
        }
      if (g_stat (target, &st) != 0)
        return g_steal_pointer (&target);
    }
  else
    target = g_strdup (path);

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file (it is a folder, a device or a pipe). Choose "
                     "a file to write."), display);
      return NULL;
    }
  if ((st.st_mode & 0222) == 0 || (access (target, W_OK) != 0 && errno == EACCES))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   _("“%s” is read-only, and was left as it was. Choose another file, or "
                     "make it writable."), display);
      return NULL;
    }
  return g_steal_pointer (&target);
}

/**
 * wk_output_temp_path:
 *
 * Returns: (transfer full): an unused name in @target's folder to write
 *   to, with @target's extension; wk_output_commit() renames it over @target
 */
char *
wk_output_temp_path (const char *target)
{
  wk_file_remove_stale_temps (target);
  return wk_file_temp_path_for (target);
}

/**
 * wk_output_commit:
 *
 * Flushes @temp and renames it over @target, keeping @target's permissions
 * where it existed; on failure @temp is removed and @target is untouched.
 */
gboolean
wk_output_commit (const char  *temp,
                  const char  *target,
                  GError     **error)
{
  GStatBuf st;

  if (g_stat (target, &st) == 0)
    g_chmod (temp, st.st_mode & 07777);
  return wk_file_commit_temp (temp, target, error);
}

void
wk_output_discard (const char *temp)
{
  wk_file_discard_temp (temp);
}

/* Whether another process holds a POSIX lock on bytes @start… of @path,
 * as SQLite takes them: F_GETLK shows it without taking it. */
static gboolean
locked_by_other (const char *path,
                 off_t       start,
                 off_t       length)
{
  struct flock lock = { 0 };
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean locked;

  if (fd < 0)
    return FALSE;
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = start;
  lock.l_len = length;
  locked = fcntl (fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
  close (fd);
  return locked;
}

/**
 * _wk_output_in_use:
 *
 * Whether another program has the SQLite database (a GeoPackage) @path
 * open: SQLite locks bytes from 0x40000000 of the database while it reads
 * or writes, and in WAL mode (QGIS keeps a GeoPackage open so) each
 * connection holds a lock on the `-shm` file beside it for as long as it
 * is open.  A file replaced under it would lose what it writes next.
 */
gboolean
_wk_output_in_use (const char *path)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  return locked_by_other (path, 0x40000000, 512 + 2) || locked_by_other (shm, 120, 16);
}

/**
 * _wk_output_remove_sqlite_leftovers:
 *
 * After @path was replaced by a new database: removes the `-wal`, `-shm`
 * and `-journal` files that a program which ended without closing left
 * beside it, so that SQLite never replays them onto a file they were not
 * written for.  Call only after _wk_output_in_use() said no.
 */
void
_wk_output_remove_sqlite_leftovers (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *leftover = g_strconcat (path, suffixes[i], NULL);

      g_unlink (leftover);
    }
}
