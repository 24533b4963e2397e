/* test-cli-output.c: outputs never destroy the user's files and appear only complete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wk-test-util.h"

#define N_KILLS 12
#define MIN_MID_WRITE 2
#define MAX_KILLS 150

static char *
bad_base (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "bad", "base", name, NULL);
}

/* A fresh folder with a copy of the base units and plan. */
static char *
make_folder (const char  *name,
             char       **units,
             char       **plan)
{
  g_autofree char *dir = wk_test_temp_path (name);
  const char *files[] = { "units.geojson", "plan.csv" };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = bad_base (files[i]);
      g_autofree char *to = g_build_filename (dir, files[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (to, contents, len, NULL));
    }
  *units = g_build_filename (dir, files[0], NULL);
  *plan = g_build_filename (dir, files[1], NULL);
  return g_steal_pointer (&dir);
}

static char *
read_all (const char *path)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return g_steal_pointer (&contents);
}

/* @path holds @expected: all of it, or its first @n bytes when @n ≥ 0. */
static void
assert_contents (const char *path,
                 const char *expected,
                 gssize      n)
{
  g_autofree char *contents = read_all (path);

  if (n < 0)
    g_assert_cmpstr (contents, ==, expected);
  else
    g_assert_true (memcmp (contents, expected, n) == 0);
}

/* Nothing in @dir but @expected (a temporary file would start with “.”). */
static void
assert_only (const char         *dir,
             const char * const *expected)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_strv_contains (expected, name))
      g_error ("%s holds “%s”, which nothing should have left", dir, name);
}

/* The output is one of the inputs, itself or through a link: refused
 * with exit 2 before anything is written. */
static void
test_output_is_input (void)
{
  g_autofree char *units = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *dir = make_folder ("wk-output-is-input", &units, &plan);
  g_autofree char *link = g_build_filename (dir, "link.geojson", NULL);
  g_autofree char *project = g_build_filename (dir, "p.wijk.gpkg", NULL);
  g_autofree char *before = read_all (units);
  g_autofree char *plan_before = read_all (plan);
  g_autofree char *project_before = NULL;
  g_autofree char *err = NULL;
  const char *const left[] = { "units.geojson", "plan.csv", "link.geojson", "p.wijk.gpkg", NULL };

  g_unlink (link);
  g_assert_cmpint (symlink ("units.geojson", link), ==, 0);
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "export", "--units", units, "--plan", plan,
                                    "-f", "geojson", "-o", units, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“units.geojson” is one of the files the output is made from"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "export", "--units", units, "--plan", plan,
                                    "-f", "geojson", "-o", link, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "export", "--units", units, "--plan", plan,
                                    "-f", "csv", "-o", plan, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "report", "--units", units, "--plan", plan,
                                    "-o", plan, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  assert_contents (units, before, -1);
  assert_contents (plan, plan_before, -1);

  /* a project exported over itself */
  g_unlink (project);
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "new", "-q", "--units", units, "--plan", plan,
                                    "-o", project, NULL), ==, 0);
  project_before = read_all (project);
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "export", project, "-f", "gpkg", "-o", project,
                                    NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“p.wijk.gpkg” is one of the files"));
  assert_contents (project, project_before, 100);
  {
    GStatBuf st;
    gsize len;
    g_autofree char *now = NULL;

    g_assert_true (g_file_get_contents (project, &now, &len, NULL));
    g_assert_cmpint (g_stat (project, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, len);
  }
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  assert_only (dir, left);
}

/* A read-only output and a device are refused; a link is followed and
 * kept, and the file it points to keeps its permissions. */
static void
test_output_kinds (void)
{
  const char *const left[] = { "units.geojson", "plan.csv", "readonly.pdf", "link.pdf",
                               "real.pdf", "device.csv", NULL };
  g_autofree char *units = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *dir = make_folder ("wk-output-kinds", &units, &plan);
  g_autofree char *readonly = g_build_filename (dir, "readonly.pdf", NULL);
  g_autofree char *link = g_build_filename (dir, "link.pdf", NULL);
  g_autofree char *real = g_build_filename (dir, "real.pdf", NULL);
  g_autofree char *device = g_build_filename (dir, "device.csv", NULL);
  g_autofree char *err = NULL;
  GStatBuf st;

  g_unlink (device);
  g_unlink (readonly);
  g_unlink (link);
  g_unlink (real);
  g_assert_true (g_file_set_contents (readonly, "old", -1, NULL));
  g_assert_cmpint (g_chmod (readonly, 0444), ==, 0);
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "report", "--units", units, "--plan", plan,
                                    "-o", readonly, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“readonly.pdf” is read-only"));
  g_clear_pointer (&err, g_free);
  assert_contents (readonly, "old", -1);
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "export", "--units", units, "--plan", plan,
                                    "-f", "csv", "-o", "/dev/null", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "is not a regular file"));
  g_clear_pointer (&err, g_free);
  /* a link to a device, and /dev/stdout (here a pipe, through /proc) */
  g_assert_cmpint (symlink ("/dev/null", device), ==, 0);
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "export", "--units", units, "--plan", plan,
                                    "-f", "csv", "-o", device, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“device.csv” is not a regular file"));
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_test (device, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "report", "--units", units, "--plan", plan,
                                    "-o", "/dev/stdout", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“stdout” is not a regular file"));
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (g_chmod (real, 0640), ==, 0);
  g_assert_cmpint (symlink ("real.pdf", link), ==, 0);
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "report", "-q", "--units", units, "--plan", plan,
                                    "-o", link, NULL), ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  assert_contents (real, "%PDF-", 5);
  g_assert_cmpint (g_stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  assert_only (dir, left);
}

/* -o - writes to standard output, complete, and no file named “-”. */
static void
test_output_stdout (void)
{
  g_autofree char *units = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *dir = make_folder ("wk-output-stdout", &units, &plan);
  g_autofree char *csv = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (wk_test_run_cli (&csv, &err, "export", "--units", units, "--plan", plan,
                                    "-f", "csv", "-o", "-", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "unit_code,area");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 16 + 1);    /* header, units, "" */
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (wk_test_run_cli (&pdf, &err, "report", "--units", units, "--plan", plan,
                                    "-o", "-", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));    /* and not “Wrote …” first */
  g_assert_false (g_file_test ("-", G_FILE_TEST_EXISTS));
}

/* A complete output: the PDF ends in its trailer, the GeoJSON parses
 * with every area, the CSV has every unit. */
static gboolean
is_complete (const char *path,
             const char *kind)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  if (g_str_equal (kind, "report"))     /* binary: the trailer within its last bytes */
    return len > 16 && g_str_has_prefix (contents, "%PDF-") &&
           g_strstr_len (contents + len - 16, 16, "%%EOF") != NULL;
  if (g_str_equal (kind, "geojson"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;

      if (!json_parser_load_from_data (parser, contents, -1, NULL))
        return FALSE;
      root = json_node_get_object (json_parser_get_root (parser));
      return json_array_get_length (json_object_get_array_member (root, "features")) == 2;
    }
  g_assert_not_reached ();
}

/* Whether @dir holds an entry whose name starts with @prefix. */
static gboolean
has_entry (const char *dir,
           const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (entry, prefix))
      return TRUE;
  return FALSE;
}

/* Waits until @dir holds an entry starting with @prefix, the child @pid
 * has ended (it is not reaped), or @timeout_us have passed. */
static void
wait_for_entry (const char *dir,
                const char *prefix,
                GPid        pid,
                gint64      timeout_us)
{
  gint64 end = g_get_monotonic_time () + timeout_us;
  siginfo_t info;

  while (g_get_monotonic_time () < end && !has_entry (dir, prefix))
    {
      memset (&info, 0, sizeof info);
      if (waitid (P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid)
        return;
      g_usleep (50);
    }
}

static void
kill_at_random (gconstpointer data)
{
  const char *kind = data;
  g_autofree char *folder = g_strconcat ("wk-killed-", kind, NULL);
  g_autofree char *units = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *dir = make_folder (folder, &units, &plan);
  g_autofree char *out = g_build_filename (dir, g_str_equal (kind, "report") ? "out.pdf"
                                                                              : "out.geojson", NULL);
  const char *cli = g_getenv ("WK_CLI");
  const char *report_args[] = { cli, "report", "-q", "--units", units, "--plan", plan,
                                "-o", out, NULL };
  const char *export_args[] = { cli, "export", "-q", "--units", units, "--plan", plan,
                                "-f", "geojson", "-o", out, NULL };
  const char **args = g_str_equal (kind, "report") ? report_args : export_args;
  const char *const left[] = { "units.geojson", "plan.csv", "out.pdf", "out.geojson", NULL };
  gint64 start, duration;
  guint n_complete = 0, n_absent = 0, n_mid = 0, n_kills = 0;

  g_assert_nonnull (cli);
  /* how long a whole run takes */
  g_unlink (out);
  start = g_get_monotonic_time ();
  g_assert_cmpint (wk_test_run_cli_argv (NULL, NULL, args + 1), ==, 0);
  duration = g_get_monotonic_time () - start;
  g_assert_true (is_complete (out, kind));

  /* Until N_KILLS kills, and at least MIN_MID_WRITE of them while the output
   * was being written (its temporary file is there, named with the pid): a
   * kill that lands only before or after the write proves nothing.  Every
   * other kill lands at a random moment; the others wait until the temporary
   * file appears and kill then, since the write is a small part of a run
   * (under AddressSanitizer, random moments alone almost never hit it). */
  for (n_kills = 0; n_kills < N_KILLS || (n_mid < MIN_MID_WRITE && n_kills < MAX_KILLS);
       n_kills++)
    {
      g_autofree char *temp_prefix = NULL;
      g_auto(GStrv) env = wk_test_cli_environ ();   /* as the timed run above */
      GPid pid;
      int status;

      g_unlink (out);
      g_assert_true (g_spawn_async (NULL, (char **) args, env,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, NULL));
      temp_prefix = g_strdup_printf (".out.%ld-", (long) pid);
      if (n_kills % 2 == 0)
        /* the output is written at the end of a run: most kills go there */
        g_usleep (g_test_rand_int_range ((int) (duration * 0.3), (int) (duration * 1.2) + 1));
      else
        wait_for_entry (dir, temp_prefix, pid, 4 * duration);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      if (has_entry (dir, temp_prefix))
        n_mid++;
      if (!g_file_test (out, G_FILE_TEST_EXISTS))
        n_absent++;
      else if (is_complete (out, kind))
        n_complete++;
      else
        g_error ("killed %s left an incomplete “%s”", kind, out);
    }
  g_test_message ("%s killed %u times, %u of them while writing: %u absent, %u complete "
                  "(a run takes %.2f s)", kind, n_kills, n_mid, n_absent, n_complete,
                  duration / 1e6);
  g_assert_cmpuint (n_mid, >=, MIN_MID_WRITE);

  /* the next write clears what the killed runs left beside the output */
  g_assert_cmpint (wk_test_run_cli_argv (NULL, NULL, args + 1), ==, 0);
  assert_only (dir, left);
}

/* Runs `report` of @units and @plan into @out under `ulimit -v` 1 GB
 * (not under ASan, which reserves more); returns the seconds it took. */
static double
report_limited (const char  *units,
                const char  *plan,
                const char  *out,
                char       **err)
{
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start;

  script = g_strdup_printf ("%s exec \"$0\" report --units \"$1\" --plan \"$2\" -o \"$3\"",
                            g_getenv ("WK_CLI_ASAN_OPTIONS") ? "" : "ulimit -v 1048576;");
  g_unlink (out);
  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char *[]) { "/bin/sh", "-c", script, (char *) g_getenv ("WK_CLI"),
                                   (char *) units, (char *) plan, (char *) out, NULL },
                NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (is_complete (out, "report"));
  return (g_get_monotonic_time () - start) / 1e6;
}

/* A report for an area named with 100,000 characters: the name is
 * shortened for layout, so it takes seconds, not minutes, and little
 * memory. */
static void
test_long_name_report (void)
{
  g_autoptr(GString) csv = g_string_new ("unit_code,area\n");
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *units = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *dir = make_folder ("wk-long-name", &units, &plan);
  g_autofree char *long_plan = g_build_filename (dir, "long.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "long.pdf", NULL);
  g_autofree char *err = NULL;
  double seconds;

  for (guint i = 0; i < 100000 / 5; i++)
    g_string_append (name, i % 2 ? "Wijk " : "Buurt");
  for (guint i = 0; i < 16; i++)
    g_string_append_printf (csv, "BU0345%04u,%s\n", i, i % 4 < 2 ? name->str : "Oost");
  g_assert_true (g_file_set_contents (long_plan, csv->str, -1, NULL));
  seconds = report_limited (units, long_plan, out, &err);
  g_test_message ("a report for a 100,000-character name: %.2f s; stderr: %s", seconds, err);
  if (g_getenv ("WK_CLI_ASAN_OPTIONS") == NULL)
    g_assert_cmpfloat (seconds, <, 5.0);
}

/* A buurt whose name field holds 50 MB: read with a limit, and the report
 * is made in seconds under 1 GB, with a warning naming the field. */
static void
test_huge_text_field (void)
{
  g_autofree char *units = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *dir = make_folder ("wk-huge-text", &units, &plan);
  g_autofree char *gpkg = g_build_filename (dir, "huge.gpkg", NULL);
  g_autofree char *out = g_build_filename (dir, "huge.pdf", NULL);
  g_autofree char *err = NULL;
  double seconds;

  wk_test_huge_text_gpkg (gpkg, 50 * 1024 * 1024);
  seconds = report_limited (gpkg, plan, out, &err);
  g_test_message ("a report with a 50 MB name field: %.2f s; stderr: %s", seconds, err);
  g_assert_nonnull (strstr (err, "“BU_NAAM” holds 52428800 bytes of text"));
  if (g_getenv ("WK_CLI_ASAN_OPTIONS") == NULL)
    g_assert_cmpfloat (seconds, <, 5.0);
}

static char *
md5_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_MD5, (const guchar *) contents, len);
}

/* Saving into a project (import): a read-only project is refused and left
 * as it was; through a link the target is saved and the link stays; the
 * permissions stay; one held open by another program in WAL mode (as QGIS
 * does) is “in use” and not changed, and saves once that program ended. */
static void
test_project_save (void)
{
  GStatBuf st;
  GPid pid;
  g_autofree char *units = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *dir = make_folder ("wk-output-project", &units, &plan);
  g_autofree char *project = g_build_filename (dir, "p.wijk.gpkg", NULL);
  g_autofree char *before = NULL;
  g_autofree char *link = g_build_filename (dir, "link.wijk.gpkg", NULL);
  g_autofree char *now = NULL;
  g_autofree char *err = NULL;
  const char *const left[] = { "units.geojson", "plan.csv", "p.wijk.gpkg", "link.wijk.gpkg",
                               NULL };
  const char *holder = "import sqlite3, sys, time\n"
                       "c = sqlite3.connect(sys.argv[1])\n"
                       "c.execute('PRAGMA journal_mode=WAL')\n"
                       "c.execute('SELECT count(*) FROM sqlite_master').fetchall()\n"
                       "print('open', flush=True)\n"
                       "sys.stdin.read()\n";
  int in_fd, out_fd;
  char ready[8] = { 0 };

  g_unlink (project);
  g_unlink (link);
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "new", "-q", "--units", units, "--plan", plan,
                                    "-o", project, NULL), ==, 0);

  /* read-only */
  g_assert_cmpint (g_chmod (project, 0444), ==, 0);
  before = md5_of (project);
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "import", "-q", project, plan, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "read-only"));
  g_clear_pointer (&err, g_free);
  now = md5_of (project);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);

  /* permissions kept, through a link */
  g_assert_cmpint (g_chmod (project, 0640), ==, 0);
  g_assert_cmpint (symlink ("p.wijk.gpkg", link), ==, 0);
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "import", "-q", link, plan, NULL), ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  now = md5_of (project);
  g_assert_cmpstr (now, !=, before);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&now, g_free);
  g_assert_cmpint (g_stat (project, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  /* held open by another program in WAL mode */
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("python3 is needed to hold the project open");
      return;
    }
  g_assert_true (g_spawn_async_with_pipes (NULL, (char *[]) { "/usr/bin/python3", "-c",
                                                              (char *) holder, project, NULL },
                                           NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                           &in_fd, &out_fd, NULL, NULL));
  g_assert_cmpint (read (out_fd, ready, 4), ==, 4);
  g_assert_cmpstr (ready, ==, "open");
  before = md5_of (project);
  g_assert_cmpint (wk_test_run_cli (NULL, &err, "import", "-q", project, plan, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "in use by another program"));
  now = md5_of (project);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  close (in_fd);                        /* the holder ends */
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  g_spawn_close_pid (pid);
  close (out_fd);
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "import", "-q", project, plan, NULL), ==, 0);
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "check", "-q", project, NULL), !=, 2);
  assert_only (dir, left);
}

/* A program that wrote into the project in WAL mode and was killed (QGIS
 * crashing) while the project was open here leaves its `-wal` beside it,
 * with a committed row.  The save keeps what the file holds, and removes the
 * `-wal` and `-shm`, so that SQLite never replays them onto the new file.
 * (`import` would read the project after the crash, and SQLite then takes
 * the `-wal` in itself: the save must come from a project opened before.) */
static void
test_project_wal_leftover (void)
{
  g_autofree char *units = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *dir = make_folder ("wk-output-wal-leftover", &units, &plan);
  g_autofree char *project = g_build_filename (dir, "p.wijk.gpkg", NULL);
  g_autofree char *wal = g_strconcat (project, "-wal", NULL);
  g_autofree char *out = NULL;
  g_autoptr(WkProject) opened = NULL;
  g_autoptr(GError) error = NULL;
  const char *const left[] = { "units.geojson", "plan.csv", "p.wijk.gpkg", NULL };
  const char *crash = "import os, signal, sqlite3, sys\n"
                      "c = sqlite3.connect(sys.argv[1])\n"
                      "c.execute('PRAGMA journal_mode=WAL')\n"
                      "c.execute('CREATE TABLE qgis_note (t TEXT)')\n"
                      "c.execute(\"INSERT INTO qgis_note VALUES ('kept')\")\n"
                      "c.commit()\n"
                      "os.kill(os.getpid(), signal.SIGKILL)\n";
  const char *read_back = "import sqlite3, sys\n"
                          "c = sqlite3.connect(sys.argv[1])\n"
                          "print(c.execute('PRAGMA integrity_check').fetchone()[0])\n"
                          "print(c.execute('SELECT t FROM qgis_note').fetchone()[0])\n"
                          "print(c.execute('SELECT count(*) FROM wk_plans').fetchone()[0])\n";
  GStatBuf st;
  int status;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("python3 is needed to write into the project as another program");
      return;
    }
  g_unlink (project);
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "new", "-q", "--units", units, "--plan", plan,
                                    "-o", project, NULL), ==, 0);
  opened = wk_project_open (project, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "/usr/bin/python3", "-c", (char *) crash,
                                                   project, NULL },
                               NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (WIFSIGNALED (status));
  /* the row is in the -wal only */
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);

  g_assert_true (wk_project_save (opened, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_only (dir, left);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "/usr/bin/python3", "-c", (char *) read_back,
                                                   project, NULL },
                               NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "ok\nkept\n1\n");
  assert_only (dir, left);
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "check", "-q", project, NULL), !=, 2);
}

/* What QGIS and the user keep in a project: QGIS's styles in the table the
 * project already has for its own (one for a layer of the project, one for
 * another), a QGIS project, a table of their
 * own with an index, a trigger and a view. */
static const char *foreign_add =
  "import sqlite3, sys\n"
  "c = sqlite3.connect(sys.argv[1])\n"
  "c.executescript(\"\"\"\n"
  "CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  f_table_catalog TEXT(256),\n"
  "  f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256),\n"
  "  styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN,\n"
  "  description TEXT, owner TEXT(30), ui TEXT(30),\n"
  "  update_time DATETIME DEFAULT CURRENT_TIMESTAMP);\n"
  "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description,\n"
  "  last_change)\n"
  "  VALUES ('layer_styles', 'attributes', 'layer_styles', '', '2026-01-01T00:00:00Z');\n"
  "INSERT INTO layer_styles (f_table_name, f_geometry_column, styleName, styleQML,\n"
  "  useAsDefault, update_time) VALUES ('units', 'geom', 'buurten', '<qgis>u</qgis>', 1,\n"
  "  '2026-01-01'), ('elders', 'geom', 'other', '<qgis>e</qgis>', 1, '2026-01-02');\n"
  "CREATE TABLE qgis_projects (name TEXT PRIMARY KEY, metadata BLOB, content BLOB);\n"
  "INSERT INTO qgis_projects VALUES ('plan', x'7b7d', x'504b0304ff00');\n"
  "CREATE TABLE notes (id INTEGER PRIMARY KEY, code TEXT NOT NULL, note TEXT, n REAL);\n"
  "CREATE INDEX notes_code ON notes (code);\n"
  "CREATE TABLE notes_log (id INTEGER PRIMARY KEY, note_id INTEGER);\n"
  "CREATE TRIGGER notes_logged AFTER INSERT ON notes\n"
  "  BEGIN INSERT INTO notes_log (note_id) VALUES (new.id); END;\n"
  "INSERT INTO notes (code, note, n) VALUES ('BU03450001', 'school ''t Kofschip', 1.5),\n"
  "  ('BU03450002', NULL, -2);\n"
  "CREATE VIEW notes_view AS SELECT code, note FROM notes;\n"
  "\"\"\")\n"
  "c.commit()\n";

/* Their rows (every byte: BLOBs as they are) and their definitions; the
 * project's own style, rewritten by every save, once. */
static const char *foreign_dump =
  "import sqlite3, sys\n"
  "c = sqlite3.connect(sys.argv[1])\n"
  "print(c.execute(\"SELECT count(*) FROM layer_styles WHERE styleName = 'Wijkindeling' \"\n"
  "                \"AND f_table_name = 'areas'\").fetchall())\n"
  "print(c.execute(\"SELECT * FROM layer_styles WHERE styleName IS NOT 'Wijkindeling' \"\n"
  "                \"ORDER BY 1\").fetchall())\n"
  "for t in ['qgis_projects', 'notes', 'notes_log', 'notes_view']:\n"
  "    print(t, c.execute('SELECT * FROM \"%s\" ORDER BY 1' % t).fetchall())\n"
  "print(c.execute(\"SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name \"\n"
  "                \"LIKE 'notes%' OR name IN ('layer_styles', 'qgis_projects') \"\n"
  "                \"ORDER BY name\").fetchall())\n"
  "print(c.execute(\"SELECT table_name, data_type, identifier FROM gpkg_contents \"\n"
  "                \"WHERE table_name = 'layer_styles'\")\n"
  "      .fetchall())\n";

static char *
run_python (const char *script,
            const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char *[]) { "/usr/bin/python3", "-c", (char *) script, (char *) path,
                                   NULL },
                NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* @project still holds what @before dumped. */
static void
assert_foreign (const char *project,
                const char *before)
{
  g_autofree char *now = run_python (foreign_dump, project);

  g_assert_cmpstr (now, ==, before);
}

/* Every command that writes into a project keeps what it does not own. */
static void
test_project_foreign (void)
{
  g_autofree char *units = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *dir = make_folder ("wk-output-foreign", &units, &plan);
  g_autofree char *project = g_build_filename (dir, "p.wijk.gpkg", NULL);
  g_autofree char *before = NULL;
  g_autofree char *out = NULL;
  const char *const left[] = { "units.geojson", "plan.csv", "p.wijk.gpkg", NULL };

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("python3 is needed to add the tables");
      return;
    }
  g_unlink (project);
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "new", "-q", "--units", units, "--plan", plan,
                                    "-o", project, NULL), ==, 0);
  g_free (run_python (foreign_add, project));
  before = run_python (foreign_dump, project);
  g_assert_nonnull (strstr (before, "b'PK\\x03\\x04\\xff\\x00'"));
  g_assert_nonnull (strstr (before, "'units', 'geom', 'buurten'"));
  g_assert_nonnull (strstr (before, "[(1, 1), (2, 2)]"));

  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "import", "-q", project, plan, NULL), ==, 0);
  assert_foreign (project, before);
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "propose", "-q", project, "--areas", "2",
                                    "--name", "Voorstel", "--time-limit", "1", NULL), ==, 0);
  assert_foreign (project, before);
  g_assert_cmpint (wk_test_run_cli (NULL, NULL, "repair", "-q", project, "--name", "Hersteld",
                                    "--time-limit", "1", NULL), ==, 0);
  assert_foreign (project, before);
  /* the project's own tables are still the project's: it opens with all its plans */
  g_assert_cmpint (wk_test_run_cli (&out, NULL, "info", project, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Hersteld"));
  g_assert_nonnull (strstr (out, "Voorstel"));
  assert_only (dir, left);
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/cli/output/is-input", test_output_is_input);
  g_test_add_func ("/cli/output/kinds", test_output_kinds);
  g_test_add_func ("/cli/output/stdout", test_output_stdout);
  g_test_add_func ("/cli/output/long-name-report", test_long_name_report);
  g_test_add_func ("/cli/output/huge-text-field", test_huge_text_field);
  g_test_add_func ("/cli/output/project-save", test_project_save);
  g_test_add_func ("/cli/output/project-wal-leftover", test_project_wal_leftover);
  g_test_add_func ("/cli/output/project-foreign", test_project_foreign);
  g_test_add_data_func ("/cli/output/killed/report", "report", kill_at_random);
  g_test_add_data_func ("/cli/output/killed/export", "geojson", kill_at_random);
  return g_test_run ();
}
