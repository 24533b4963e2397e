/* fuzz-plan-csv.c: the assignment CSV importer
 *
 * Any bytes imported into a plan of the sample's units either give an
 * import report and a plan that can be checked, or an error and the plan
 * as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wk-fuzz.h"

static WkDataset *dataset;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(WkLoadOptions) options = wk_load_options_new (WK_SOURCE_DATADIR "/sample/units.geojson");
  g_autoptr(GError) error = NULL;

  wk_fuzz_init ();
  dataset = wk_dataset_load (options, NULL, NULL, &error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = wk_fuzz_write_temp ("plan.csv", data, size);
  g_autoptr(WkPlan) plan = wk_plan_new (dataset);
  g_autoptr(WkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint area;

  /* the plan that is open when the file is imported */
  area = wk_plan_create_area (plan, "Bestaand", NULL, &error);
  g_assert_no_error (error);
  wk_plan_assign (plan, 0, area, &error);
  g_assert_no_error (error);

  if (!wk_plan_import_csv (plan, path, &report, &error))
    {
      g_assert_true (error != NULL && error->domain == WK_PLAN_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      /* a file that cannot be used leaves the plan as it was */
      g_assert_cmpuint (wk_plan_get_n_areas (plan), ==, 1);
      g_assert_cmpuint (wk_plan_get_unit_area (plan, 0), ==, area);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (guint i = 0; i < report->messages->len; i++)
    g_assert_true (g_utf8_validate (g_ptr_array_index (report->messages, i), -1, NULL));
  wk_fuzz_exercise_plan (plan, NULL);
  return 0;
}
