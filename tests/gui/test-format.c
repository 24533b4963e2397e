/* test-format.c: numbers and unknown figures in the app, in Dutch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <locale.h>

#include "wk-gui-test-util.h"

/* The Woerden buurten (no 65+ field) in one area: the area row groups the
 * inhabitants the Dutch way, the profile says the 65+ figure is unknown. */
static void
test_format_dutch (void)
{
  g_autofree char *path = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkPlan) plan = NULL;
  g_autoptr(WkProfile) profile = NULL;
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(WkArea) area = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *area_profile, *window;
  guint id;

  if (path == NULL)
    return;
  /* the resources (the rows' templates) come with the application */
  wk_gui_test_get_app ();
  options = wk_load_options_new (path);
  dataset = wk_test_load (options);
  plan = wk_plan_new (dataset);
  id = wk_plan_create_area (plan, "Woerden", "#3584e4", &error);
  g_assert_no_error (error);
  for (guint u = 0; u < wk_dataset_get_n_units (dataset); u++)
    g_assert_true (wk_plan_assign (plan, u, id, NULL));
  profile = wk_profile_new ();
  checker = wk_checker_new (plan, profile);
  area = g_object_ref (wk_plan_get_area (plan, id));

  window = gtk_window_new ();
  row = wk_area_row_new ();
  wk_area_row_set_area (WK_AREA_ROW (row), area);
  g_assert_cmpstr (wk_area_row_get_summary (WK_AREA_ROW (row)), ==,
                   "52.875 inwoners · 31 buurten");
  area_profile = g_object_new (WK_TYPE_AREA_PROFILE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), area_profile);
  wk_area_profile_set_area (WK_AREA_PROFILE (area_profile), checker, id);
  g_assert_cmpstr (wk_area_profile_get_population (WK_AREA_PROFILE (area_profile)), ==, "52.875");
  g_assert_cmpstr (wk_area_profile_get_pop65 (WK_AREA_PROFILE (area_profile)), ==, "onbekend");
  g_object_ref_sink (row);
  g_object_unref (row);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  locale_t probe = newlocale (LC_ALL_MASK, "nl_NL.UTF-8", (locale_t) 0);

  if (probe == (locale_t) 0)
    {
      g_printerr ("SKIP: locale nl_NL.UTF-8 is not installed (build-aux/install-deps.sh makes it)\n");
      return 77;
    }
  freelocale (probe);
  g_setenv ("LC_ALL", "nl_NL.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "nl", TRUE);
  if (!wk_gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/format/dutch", test_format_dutch);
  return g_test_run ();
}
