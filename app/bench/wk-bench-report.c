/* wk-bench-report.c: the report figure: a review report for an area named
 * with 100,000 characters (issue 18), in under 5 s and under 1 GB
 *
 * The report is made in a child process (this program again, with
 * WK_BENCH_REPORT_CHILD set), so that its peak memory is its own and not the
 * large data set's the rest of the bench loaded, and under an address-space
 * limit of 1 GiB (as `ulimit -v` in tests/cli/test-cli-output.c): a report
 * that needed more fails instead of being measured.  Like the CLI, it uses
 * the core's and the report library's public API only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sys/resource.h>

#include "wk-bench.h"
#include "wk-report.h"

#define REPORT_CHILD_ENV "WK_BENCH_REPORT_CHILD"
#define LONG_NAME_CHARS 100000
#define REPORT_UNITS 30
#define MEMORY_LIMIT_MB 1024.0
#define TARGET_S 5.0

/* Half of the units in an area with a 100,000-character name, the rest in
 * “Oost”; then the check and the PDF, timed together as `report` does. */
static gboolean
write_report (const char  *dir,
              double      *seconds,
              GError     **error)
{
  g_autofree char *units = g_build_filename (dir, "units.gpkg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "long-name.pdf", NULL);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (units);
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkPlan) plan = NULL;
  g_autoptr(WkProfile) profile = NULL;
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(WkReport) report = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree guint *assignment = NULL;
  GStatBuf st;
  double start;
  guint n;

  while (name->len < LONG_NAME_CHARS)
    g_string_append (name, name->len % 2 ? "Wijk " : "Buurt");
  g_string_truncate (name, LONG_NAME_CHARS);
  g_ptr_array_add (names, g_string_free (g_steal_pointer (&name), FALSE));
  g_ptr_array_add (names, g_strdup ("Oost"));

  start = wk_bench_now ();
  if ((dataset = wk_dataset_load (options, NULL, NULL, error)) == NULL)
    return FALSE;
  n = wk_dataset_get_n_units (dataset);
  assignment = g_new (guint, n);
  for (guint u = 0; u < n; u++)
    assignment[u] = u < n / 2 ? 0 : 1;
  plan = wk_plan_new (dataset);
  if (!wk_plan_replace (plan, names, NULL, assignment, NULL, "Start", error))
    return FALSE;
  profile = wk_profile_new ();
  checker = wk_checker_new (plan, profile);
  report = wk_report_new (checker);
  if (!wk_report_write (report, pdf, NULL, NULL, error))
    return FALSE;
  *seconds = wk_bench_now () - start;
  if (g_stat (pdf, &st) != 0 || st.st_size == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The report “%s” is empty."), pdf);
      return FALSE;
    }
  return TRUE;
}

/**
 * wk_bench_report_child:
 *
 * Run first thing in main(): in the child, makes the data and the report in
 * the folder WK_BENCH_REPORT_CHILD names and prints its figures as JSON.
 *
 * Returns: -1 when this is not the child, else its exit status
 */
int
wk_bench_report_child (void)
{
  const char *dir = g_getenv (REPORT_CHILD_ENV);
  struct rlimit limit = { 0 };
  g_autoptr(GError) error = NULL;
  WkSyntheticOptions syn;
  double seconds = NAN;

  if (dir == NULL)
    return -1;
  wk_synthetic_options_init (&syn);
  syn.n_units = REPORT_UNITS;
  syn.n_municipalities = 1;
  syn.units_format = "gpkg";
  syn.sample_plan = FALSE;
  syn.name = "Benchstad";
  if (!wk_synthetic_write (&syn, dir, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  limit.rlim_cur = limit.rlim_max = (rlim_t) (MEMORY_LIMIT_MB * 1024 * 1024);
  if (setrlimit (RLIMIT_AS, &limit) != 0)
    {
      g_printerr ("setrlimit: %s\n", g_strerror (errno));
      return 1;
    }
  if (!write_report (dir, &seconds, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("{\"seconds\": %.4f, \"peak_rss_mb\": %.1f}\n", seconds, wk_bench_peak_rss_mb ());
  return 0;
}

/**
 * wk_bench_report_long_name:
 *
 * Sets the report figure of @f: the time and peak memory of a report for an
 * area named with 100,000 characters, made under a limit of 1 GiB, or a
 * note why it is missing.
 */
void
wk_bench_report_long_name (WkBenchFigures *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wk-bench-report-XXXXXX", &error);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) env = NULL;
  const char *argv[] = { "/proc/self/exe", NULL };
  int status = 0;

  if (dir == NULL)
    {
      f->report_note = g_strdup (error->message);
      return;
    }
  env = g_environ_setenv (g_get_environ (), REPORT_CHILD_ENV, dir, TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    f->report_note = g_strdup_printf (_("the report failed under a limit of %.0f MB: %s %s"),
                                      MEMORY_LIMIT_MB, error->message, err ? g_strstrip (err) : "");
  else if (!json_parser_load_from_data (parser, out, -1, &error))
    f->report_note = g_strdup (error->message);
  else
    {
      JsonObject *o = json_node_get_object (json_parser_get_root (parser));

      f->report_long_name_s = json_object_get_double_member (o, "seconds");
      f->report_long_name_rss_mb = json_object_get_double_member (o, "peak_rss_mb");
    }

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *entry;

    while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, entry, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

void
wk_bench_report_add_json (JsonBuilder          *b,
                          const WkBenchFigures *f)
{
  const struct { const char *name; double value; } numbers[] = {
    { "report_long_name_s", f->report_long_name_s },
    { "report_long_name_peak_rss_mb", f->report_long_name_rss_mb },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      json_builder_set_member_name (b, numbers[i].name);
      if (isnan (numbers[i].value))
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, round (numbers[i].value * 1e4) / 1e4);
    }
  json_builder_set_member_name (b, "report_note");
  if (f->report_note == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, f->report_note);
}

/* Rows for print_table(): @row prints one, as the other figures are. */
void
wk_bench_report_print (const WkBenchFigures *f,
                       void                (*row) (const char *, double, int, const char *))
{
  g_autofree char *c_time = NULL;
  g_autofree char *c_rss = NULL;

  if (isnan (f->report_long_name_s))
    c_time = g_strdup (f->report_note);
  else
    c_time = g_strdup_printf (_("an area named with %d characters (target < %.0f s: %s)"),
                              LONG_NAME_CHARS, TARGET_S,
                              f->report_long_name_s < TARGET_S ? _("ok") : _("MISSED"));
  if (!isnan (f->report_long_name_rss_mb))
    c_rss = g_strdup_printf (_("made under a limit of %.0f MB: ok"), MEMORY_LIMIT_MB);
  row (_("report, 100,000-character name (s)"), f->report_long_name_s, 2, c_time);
  row (_("report, its peak RSS (MB)"), f->report_long_name_rss_mb, 1, c_rss);
}
