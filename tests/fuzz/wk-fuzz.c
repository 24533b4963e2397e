/* wk-fuzz.c: what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cpl_vsi.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "wk-fuzz.h"

/* wk_fuzz_init:
 *
 * The core as the programs set it up; GLib's warnings and criticals are
 * fatal, so that a g_return_if_fail reached with file contents (a bug,
 * STYLE.md §8) is a crash the fuzzer reports.
 */
void
wk_fuzz_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      setlocale (LC_ALL, "C.UTF-8");
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      wk_core_init ();
      g_once_init_leave (&initialised, 1);
    }
}

/* wk_fuzz_get_temp_dir:
 *
 * This process's own temporary folder, made once under $TMPDIR (which may
 * be a tmpfs: build-aux/fuzz.sh uses /dev/shm).
 *
 * Returns: (transfer none): its path
 */
const char *
wk_fuzz_get_temp_dir (void)
{
  static char *dir = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("wk-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return dir;
}

/* wk_fuzz_write_temp:
 * @name: the file's name in wk_fuzz_get_temp_dir(); it may have a folder,
 *   which is made
 *
 * For the importers that read a path: writes @data into the temporary
 * folder.
 *
 * Returns: (transfer full): the file's path
 */
char *
wk_fuzz_write_temp (const char    *name,
                    const uint8_t *data,
                    size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  char *path;

  path = g_build_filename (wk_fuzz_get_temp_dir (), name, NULL);
  folder = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  /* no fsync: thousands of files a second */
  g_file_set_contents_full (path, (const char *) data, size, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  return path;
}

/* wk_fuzz_exercise_plan:
 * @profile: (nullable): the profile to check with, or %NULL for the default
 *
 * What the app does next with what was read: give every other unit a new
 * area, check the plan, undo.
 */
void
wk_fuzz_exercise_plan (WkPlan    *plan,
                       WkProfile *profile)
{
  WkDataset *dataset = wk_plan_get_dataset (plan);
  g_autoptr(WkProfile) default_profile = profile ? NULL : wk_profile_new ();
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  guint area;

  for (guint u = 0; u < wk_dataset_get_n_units (dataset); u += 2)
    g_array_append_val (units, u);
  /* named “Area N”, unlike the areas the plan may have read */
  area = wk_plan_create_area (plan, NULL, NULL, &error);
  g_assert_no_error (error);
  wk_plan_assign_units (plan, (guint *) units->data, units->len, area, WK_ASSIGN_DEFAULT, NULL,
                        &error);
  g_assert_no_error (error);
  checker = wk_checker_new (plan, profile ? profile : default_profile);
  /* the default profile always has something to say (a new area is small) */
  if (profile == NULL)
    g_assert_cmpuint (wk_checker_get_n_findings (checker), >, 0);
  wk_plan_undo (plan);
}

/* wk_fuzz_load_units:
 * @vsimem_path: where in GDAL's /vsimem/ the bytes are put; its extension
 *   tells GDAL what to expect
 *
 * Loads @data as units: either a data set that can be planned and checked,
 * or an error in WK_DATASET_ERROR, in UTF-8.
 */
void
wk_fuzz_load_units (const char    *vsimem_path,
                    const uint8_t *data,
                    size_t         size)
{
  g_autoptr(WkLoadOptions) options = wk_load_options_new (vsimem_path);
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  /* GDAL reads the fuzzer's buffer in place: no copy, not freed, not written */
  VSIFCloseL (VSIFileFromMemBuffer (vsimem_path, (GByte *) data, size, FALSE));
  dataset = wk_dataset_load (options, NULL, NULL, &error);
  VSIUnlink (vsimem_path);
  if (dataset == NULL)
    {
      g_assert_true (error != NULL && error->domain == WK_DATASET_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (wk_dataset_get_n_units (dataset), >, 0);
  plan = wk_plan_new (dataset);
  wk_fuzz_exercise_plan (plan, NULL);
}
