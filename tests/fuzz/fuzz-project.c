/* fuzz-project.c: opening a project file (*.wijk.gpkg) from bytes
 *
 * wk_project_open() reads a path (it checks the SQLite header itself and
 * hands the project's layers to the normal loader as "PATH|layername=…"),
 * so the bytes become a file in this process's temporary folder, in the
 * “recovery” folder of a state folder so that the recovery copies' reader
 * sees them too.  Either the project opens, or the error is in
 * WK_PROJECT_ERROR, in UTF-8, and names the file.  A project that opened
 * has an active plan among its plans, each of which can be planned and
 * checked with the project's profile, and it saves and opens again with
 * the same plans and units.
 *
 * The seeds are small real projects (build-aux/fuzz.sh makes one from the
 * sample) and the project cases of the bad-input corpus; project.dict
 * holds the names the reader looks for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE             /* memmem */

#include "config.h"

#include <string.h>

#include "wk-fuzz.h"

#define NAME "project" WK_PROJECT_EXTENSION

static void
assert_error (const GError *error)
{
  g_assert_true (error != NULL && error->domain == WK_PROJECT_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "“" NAME "”"));
}

static void
exercise_project (WkProject *project)
{
  GListModel *plans = wk_project_get_plans (project);
  WkPlan *active = wk_project_get_active_plan (project);
  g_autofree char *copy = g_build_filename (wk_fuzz_get_temp_dir (), "copy" WK_PROJECT_EXTENSION,
                                            NULL);
  g_autoptr(WkProject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found_active = FALSE;
  guint n_plans = g_list_model_get_n_items (plans);

  g_assert_cmpuint (n_plans, >, 0);
  g_assert_nonnull (active);
  g_assert_cmpuint (wk_dataset_get_n_units (wk_project_get_dataset (project)), >, 0);
  for (guint i = 0; i < n_plans; i++)
    {
      g_autoptr(WkPlan) plan = g_list_model_get_item (plans, i);

      found_active |= plan == active;
      g_assert_true (wk_plan_get_dataset (plan) == wk_project_get_dataset (project));
      wk_fuzz_exercise_plan (plan, wk_project_get_profile (project));
    }
  g_assert_true (found_active);

  wk_project_save (project, copy, NULL, &error);
  g_assert_no_error (error);
  reopened = wk_project_open (copy, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (wk_project_get_plans (reopened)), ==, n_plans);
  g_assert_cmpuint (wk_dataset_get_n_units (wk_project_get_dataset (reopened)), ==,
                    wk_dataset_get_n_units (wk_project_get_dataset (project)));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autoptr(WkProject) project = NULL;
  g_autoptr(GError) error = NULL;

  wk_fuzz_init ();
  path = wk_fuzz_write_temp ("recovery/" NAME, data, size);
  project = wk_project_open (path, NULL, NULL, &error);
  if (project == NULL)
    assert_error (error);
  else
    {
      g_assert_no_error (error);
      exercise_project (project);
    }

  /* The recovery copies' reader gives up, silently, on all but files whose
   * metadata has the key "recovery": without those bytes it reads nothing
   * wk_project_open() did not. */
  if (memmem (data, size, "recovery", strlen ("recovery")) != NULL)
    {
      g_autoptr(GPtrArray) found = wk_project_find_recovery (wk_fuzz_get_temp_dir ());

      g_assert_cmpuint (found->len, <=, 1);
      for (guint i = 0; i < found->len; i++)
        {
          g_autoptr(WkProject) recovered = NULL;
          g_autoptr(GError) local = NULL;

          recovered = wk_project_open_recovery (g_ptr_array_index (found, i), NULL, NULL, &local);
          if (recovered == NULL)
            assert_error (local);
          else
            g_assert_true (wk_project_is_modified (recovered));
        }
    }
  return 0;
}
