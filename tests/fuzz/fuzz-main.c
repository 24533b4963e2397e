/* fuzz-main.c: runs a fuzz target over files, without libFuzzer
 *
 * Builds without -Dfuzzing=true link the targets with this main, and the
 * suite fuzz runs them over their seeds and every crasher found so far:
 *   fuzz-units [-p PATTERN] FILE-OR-FOLDER…
 * A folder stands for the files in it whose names match PATTERN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "wk-fuzz.h"

static guint n_run;

static void
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  printf ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
  fflush (stdout);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  n_run++;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
run_folder (const char *dir,
            const char *pattern)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (pattern == NULL || g_pattern_match_simple (pattern, name))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    if (g_file_test (g_ptr_array_index (names, i), G_FILE_TEST_IS_REGULAR))
      run_file (g_ptr_array_index (names, i));
}

int
main (int    argc,
      char **argv)
{
  const char *pattern = NULL;

  if (LLVMFuzzerInitialize != NULL)
    LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "-p") && i + 1 < argc)
        pattern = argv[++i];
      else if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        run_folder (argv[i], pattern);
      else
        run_file (argv[i]);
    }
  printf ("%u inputs, no crash\n", n_run);
  return n_run > 0 ? 0 : 1;
}
