/* test-bad-input.c: every case of the bad-input corpus through wijkindeling-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "wk-test-util.h"

#define PREFIX "wijkindeling-cli: "
#define MAX_FILE_SIZE (300 * 1024)
#define MIN_CASES 30

typedef struct
{
  char *name;       /* the group: a path under tests/data/bad */
  char *role;
  int   exit;
  int   project_exit;
  char *message;
  char *project_message;
  char *stdout_fragment;
  char *plan;
  char *generate;
} BadCase;

static void
bad_case_free (gpointer data)
{
  BadCase *c = data;

  g_free (c->name);
  g_free (c->role);
  g_free (c->message);
  g_free (c->project_message);
  g_free (c->stdout_fragment);
  g_free (c->plan);
  g_free (c->generate);
  g_free (c);
}

static void
replace_str (char       **str,
             const char  *value)
{
  g_free (*str);
  *str = g_strdup (value);
}

static char *
corpus_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "data", "bad", relative, NULL);
}

static char *
generated_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "wk-bad-input", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* 10⁶ polygons of 1 m² as CSV with WKT (~80 MB): too big to commit. */
static char *
generate_tiny_polygons (const char *name)
{
  char *path = generated_path (name);
  FILE *out;

  out = fopen (path, "w");
  g_assert_nonnull (out);
  fputs ("WKT,BU_CODE,AANT_INW\n", out);
  for (guint i = 0; i < 1000000; i++)
    {
      guint x = 155000 + (i % 1000) * 2, y = 463000 + (i / 1000) * 2;

      fprintf (out, "\"POLYGON ((%u %u,%u %u,%u %u,%u %u,%u %u))\",T%07u,1\n",
               x, y, x + 1, y, x + 1, y + 1, x, y + 1, x, y, i);
    }
  g_assert_cmpint (fclose (out), ==, 0);
  return path;
}

/* A file name that is not UTF-8 (Linux allows any bytes but / and NUL):
 * git and some file systems would not keep it, so it is made here, as a
 * copy of a points file that the CLI refuses by name. */
static char *
generate_not_utf8_name (const char *name)
{
  g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".geojson"));
  g_autofree char *bad_name = g_strconcat (stem, "-\xff\xfe.geojson", NULL);
  g_autofree char *source = corpus_path ("units-points.geojson");
  g_autofree char *contents = NULL;
  char *path = generated_path (bad_name);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (source, &contents, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Every line on stderr is the CLI's own: GDAL's “ERROR 1: …” or
 * “Warning 1: …” and GEOS's messages must never get through. */
static void
assert_only_cli_lines (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], PREFIX))
      g_error ("stderr holds a line that is not the CLI's: “%s”\nstderr:\n%s", lines[i], err);
}

static void
assert_contains (const char *haystack,
                 const char *needle,
                 const char *what)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("%s does not contain “%s”:\n%s", what, needle, haystack);
}

/* The line of stderr that holds @fragment. */
static char *
line_with (const char *err,
           const char *fragment)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], fragment) != NULL)
      return g_strdup (lines[i]);
  return NULL;
}

static int
run_check (const BadCase  *c,
           const char     *path,
           char          **out,
           char          **err)
{
  static const struct { const char *role; const char *option; } options[] = {
    { "profile", "--profile" },
    { "provider", "--gp" },
    { "network", "--networks" },
    { "boundary", "--boundary" },
  };
  g_autofree char *units = corpus_path ("base/units.geojson");
  g_autofree char *plan = corpus_path (c->plan != NULL ? c->plan : "base/plan.csv");
  const char *option = NULL;

  /* Project files are also loaded as units (a GeoPackage can be both). */
  if (g_str_equal (c->role, "units") || g_str_equal (c->role, "project"))
    replace_str (&units, path);
  else if (g_str_equal (c->role, "plan"))
    replace_str (&plan, path);
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (options); i++)
        if (g_str_equal (c->role, options[i].role))
          option = options[i].option;
      if (option == NULL)
        g_error ("MANIFEST.ini: [%s] has an unknown role “%s”", c->name, c->role);
    }
  /* Without an option the argument list ends at it. */
  return wk_test_run_cli (out, err, "check", "--units", units, "--plan", plan, option, path, NULL);
}

static void
test_case (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *info_out = NULL;
  g_autofree char *info_err = NULL;
  int status;

  if (g_strcmp0 (c->generate, "tiny-polygons") == 0)
    path = generate_tiny_polygons (c->name);
  else if (g_strcmp0 (c->generate, "not-utf8-name") == 0)
    path = generate_not_utf8_name (c->name);
  else if (g_strcmp0 (c->generate, "huge-text-field") == 0)
    {
      path = generated_path (c->name);
      wk_test_huge_text_gpkg (path, 50 * 1024 * 1024);
    }
  else if (c->generate != NULL)
    g_error ("MANIFEST.ini: [%s] has an unknown generate=%s", c->name, c->generate);
  else
    path = corpus_path (c->name);
  display = g_filename_display_basename (path);
  quoted = g_strdup_printf ("“%s”", display);

  status = run_check (c, path, &out, &err);
  g_test_message ("exit %d; stderr:\n%s", status, err);
  g_assert_cmpint (status, !=, -1);     /* a signal: a crash or a sanitizer abort */
  g_assert_cmpint (status, ==, c->exit);
  g_assert_true (g_utf8_validate (err, -1, NULL));
  assert_only_cli_lines (err);

  if (c->exit == 2)
    assert_contains (err, quoted, "the message");
  if (c->message != NULL)
    {
      g_autofree char *line = NULL;

      assert_contains (err, c->message, "stderr");
      line = line_with (err, c->message);
      assert_contains (line, quoted, "the message");
      if (c->exit != 2)
        assert_contains (line, PREFIX "warning: ", "the message");
    }
  else if (c->exit == 0)
    g_assert_cmpstr (err, ==, "");      /* usable as it is: nothing to warn about */
  if (c->stdout_fragment != NULL)
    assert_contains (out, c->stdout_fragment, "stdout");

  /* `info` only inspects: it may refuse the file, but cleanly. */
  status = wk_test_run_cli (&info_out, &info_err, "info", path, NULL);
  g_assert_cmpint (status, !=, -1);
  g_assert_true (status == 0 || status == 2);
  g_assert_true (g_utf8_validate (info_out, -1, NULL));
  g_assert_true (g_utf8_validate (info_err, -1, NULL));
  assert_only_cli_lines (info_err);
  if (status == 2)
    assert_contains (info_err, quoted, "the message of info");

  /* A project file is opened as a project too, by `check PROJECT`. */
  if (g_str_equal (c->role, "project"))
    {
      g_autofree char *project_out = NULL;
      g_autofree char *project_err = NULL;

      status = wk_test_run_cli (&project_out, &project_err, "check", path, NULL);
      g_test_message ("as a project: exit %d; stderr:\n%s", status, project_err);
      g_assert_cmpint (status, !=, -1);
      g_assert_cmpint (status, ==, c->project_exit);
      g_assert_true (g_utf8_validate (project_err, -1, NULL));
      assert_only_cli_lines (project_err);
      if (c->project_exit == 2)
        assert_contains (project_err, quoted, "the message of check PROJECT");
      if (c->project_message != NULL)
        assert_contains (project_err, c->project_message, "the message of check PROJECT");
    }

  if (c->generate != NULL)
    g_unlink (path);
}

static GPtrArray *
load_manifest (void)
{
  g_autofree char *manifest = corpus_path ("MANIFEST.ini");
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (bad_case_free);

  g_key_file_load_from_file (kf, manifest, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      BadCase *c = g_new0 (BadCase, 1);

      c->name = g_strdup (groups[i]);
      c->role = g_key_file_get_string (kf, groups[i], "role", &error);
      g_assert_no_error (error);
      c->exit = g_key_file_get_integer (kf, groups[i], "exit", &error);
      g_assert_no_error (error);
      g_assert_true (c->exit == 0 || c->exit == 1 || c->exit == 2);
      c->message = g_key_file_get_string (kf, groups[i], "message", NULL);
      c->project_message = g_key_file_get_string (kf, groups[i], "project_message", NULL);
      c->project_exit = 2;
      if (g_key_file_has_key (kf, groups[i], "project_exit", NULL))
        c->project_exit = g_key_file_get_integer (kf, groups[i], "project_exit", NULL);
      g_assert_true (c->project_exit == 0 || c->project_exit == 1 || c->project_exit == 2);
      c->stdout_fragment = g_key_file_get_string (kf, groups[i], "stdout", NULL);
      c->plan = g_key_file_get_string (kf, groups[i], "plan", NULL);
      c->generate = g_key_file_get_string (kf, groups[i], "generate", NULL);
      g_ptr_array_add (cases, c);
    }
  return cases;
}

/* The corpus is what the issue asks for, and stays small in git. */
static void
test_corpus (gconstpointer data)
{
  GPtrArray *cases = (GPtrArray *) data;
  g_autofree char *dir = corpus_path (".");
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDir) d = NULL;
  const char *entry;

  g_assert_cmpuint (cases->len, >=, MIN_CASES);
  for (guint i = 0; i < cases->len; i++)
    {
      BadCase *c = g_ptr_array_index (cases, i);
      g_autofree char *path = corpus_path (c->name);
      GStatBuf st;

      g_hash_table_add (listed, c->name);
      if (c->generate != NULL)
        {
          g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
          continue;
        }
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_size, <=, MAX_FILE_SIZE);
    }

  /* Every file at the top of the folder is a case (or the manifest, or its maker). */
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) || g_str_equal (entry, "MANIFEST.ini") ||
          g_str_equal (entry, "make-corpus.py"))
        continue;
      if (!g_hash_table_contains (listed, entry))
        g_error ("tests/data/bad/%s is not in MANIFEST.ini", entry);
    }
}

/* Every command that opens a project refuses one from which a unit was
 * deleted, naming it, and opens it with --allow-missing-units; without the
 * option nothing is written. */
static void
test_allow_missing_units (void)
{
  g_autofree char *source = corpus_path ("project-missing-unit.wijk.gpkg");
  g_autofree char *plan = corpus_path ("base/plan-without-13-14.csv");
  g_autofree char *project = wk_test_temp_path ("missing-unit.wijk.gpkg");
  g_autofree char *output = wk_test_temp_path ("missing-unit-output");
  g_autofree char *original = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  /* "P" is the project, "O" the output; the option goes after the command */
  static const char *commands[][10] = {
    { "check", "P" },
    { "info", "P" },
    { "export", "P", "--format", "geojson", "-o", "O" },
    { "import", "P", "PLAN", "--name", "Zonder 13", "-q" },
    { "compare", "P", "--plan", "plan", "--plan", "plan" },
    { "copy", "P", "O", "--force", "-q" },
    { "repair", "P", "-q", "--name", "Hersteld", "--time-limit", "1" },
    { "propose", "P", "-q", "--name", "Voorstel", "--areas", "2", "--time-limit", "1" },
  };

  g_file_get_contents (source, &original, &length, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    for (guint allow = 0; allow < 2; allow++)
      {
        g_autoptr(GPtrArray) args = g_ptr_array_new ();
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autofree char *after = NULL;
        gsize after_length;
        int status;

        g_file_set_contents (project, original, length, &error);
        g_assert_no_error (error);
        g_unlink (output);
        g_ptr_array_add (args, (char *) commands[c][0]);
        if (allow)
          g_ptr_array_add (args, "--allow-missing-units");
        for (guint a = 1; a < G_N_ELEMENTS (commands[c]) && commands[c][a] != NULL; a++)
          {
            const char *arg = commands[c][a];

            g_ptr_array_add (args, (char *) (g_str_equal (arg, "P") ? project
                                             : g_str_equal (arg, "O") ? output
                                             : g_str_equal (arg, "PLAN") ? plan : arg));
          }
        g_ptr_array_add (args, NULL);
        status = wk_test_run_cli_argv (&out, &err, (const char *const *) args->pdata);
        g_test_message ("%s%s: exit %d\n%s", commands[c][0],
                        allow ? " --allow-missing-units" : "", status, err);
        g_assert_true (g_utf8_validate (err, -1, NULL));
        assert_only_cli_lines (err);
        if (!allow)
          {
            g_assert_cmpint (status, ==, 2);
            assert_contains (err, "lacks 1 unit that its plans name: BU03450013", "stderr");
            assert_contains (err, "--allow-missing-units", "stderr");
            g_file_get_contents (project, &after, &after_length, &error);
            g_assert_no_error (error);
            g_assert_cmpmem (after, after_length, original, length);
            g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
            continue;
          }
        g_assert_cmpint (status, ==, 0);
        g_assert_null (strstr (err, "lacks"));
        if (g_str_equal (commands[c][0], "export") || g_str_equal (commands[c][0], "copy"))
          g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
      }
  g_unlink (project);
  g_unlink (output);
}

/* A zip with two shapefiles: each can be chosen, by --layer or as
 * “file.zip/inner.shp”; a name it does not hold is refused with its list. */
static void
test_zip_choose (void)
{
  g_autofree char *zip = corpus_path ("units-zip-two-shapefiles.zip");
  g_autofree char *plan = corpus_path ("base/plan.csv");
  g_autofree char *wijken = g_strconcat (zip, "/wijken.shp", NULL);
  g_autofree char *buurten = g_strconcat (zip, "/BUURTEN.SHP", NULL);
  g_autofree char *missing = g_strconcat (zip, "/gemeente.shp", NULL);
  struct { const char *units; const char *layer; int exit; const char *fragment; } runs[] = {
    { zip, "buurten", 0, "16 units" },
    { zip, "wijken", 2, "has 8 unit codes that do not occur" },
    { buurten, NULL, 0, "16 units" },
    { wijken, NULL, 2, "has 8 unit codes that do not occur in “wijken.shp”" },
    { missing, NULL, 2, "holds no file “gemeente.shp”. It holds: “buurten.shp”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      status = wk_test_run_cli (&out, &err, "check", "--plan", plan, "--units", runs[i].units,
                                runs[i].layer ? "--layer" : NULL, runs[i].layer, NULL);
      g_test_message ("%s %s: exit %d\n%s", runs[i].units, runs[i].layer, status, err);
      g_assert_cmpint (status, ==, runs[i].exit);
      assert_only_cli_lines (err);
      assert_contains (runs[i].exit == 0 ? out : err, runs[i].fragment, "the output");
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) cases = NULL;

  wk_test_init (&argc, &argv);
  cases = load_manifest ();
  g_test_add_data_func ("/cli/bad-input/corpus", cases, test_corpus);
  g_test_add_func ("/cli/bad-input/allow-missing-units", test_allow_missing_units);
  g_test_add_func ("/cli/bad-input/zip-choose", test_zip_choose);
  for (guint i = 0; i < cases->len; i++)
    {
      BadCase *c = g_ptr_array_index (cases, i);
      g_autofree char *test_path = g_strdup_printf ("/cli/bad-input/%s", c->name);

      g_test_add_data_func (test_path, c, test_case);
    }
  return g_test_run ();
}
