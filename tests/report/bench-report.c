/* bench-report.c: how long the review report of a 300-area plan takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures; asserts nothing about time.  The goal: the report of a
 * 300-area plan on the province of Utrecht buurten in under 10 s.
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <glib/gstdio.h>

#include "report-test-util.h"
#include "wk-report.h"

static void
bench_province (void)
{
  g_autoptr(WkChecker) checker = report_test_province_checker (300);
  g_autoptr(WkReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (g_get_user_cache_dir (), "province-300.pdf", NULL);
  GStatBuf st;
  gint64 start;
  double seconds;

  if (checker == NULL)
    return;
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);

  start = g_get_monotonic_time ();
  report = wk_report_new (checker);
  g_assert_true (wk_report_write (report, pdf, NULL, NULL, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);

  g_print ("report, 300 areas on %u buurten (province of Utrecht): %.2f s, %u pages, %.1f MB "
           "(goal: < 10 s)\n", wk_dataset_get_n_units (wk_checker_get_dataset (checker)), seconds,
           wk_report_get_n_pages (report), st.st_size / 1e6);
  g_test_message ("%.2f s", seconds);
}

int
main (int   argc,
      char *argv[])
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/bench/report/province-300", bench_province);
  return g_test_run ();
}
