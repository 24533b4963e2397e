/* test-comparison.c: what differs between two plans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <string.h>

#include "wk-test-util.h"

typedef struct
{
  WkDataset *dataset;
  WkProfile *profile;
  WkPlan    *a;
  WkPlan    *b;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *csv = wk_test_sample_path ("plan.csv");
  g_autoptr(GError) error = NULL;

  fx->dataset = wk_test_sample_dataset ();
  fx->profile = wk_profile_new ();
  fx->a = wk_plan_new (fx->dataset);
  g_assert_true (wk_plan_import_csv (fx->a, csv, NULL, &error));
  g_assert_no_error (error);
  fx->b = wk_plan_duplicate (fx->a);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->a);
  g_clear_object (&fx->b);
  g_clear_object (&fx->profile);
  g_clear_object (&fx->dataset);
}

static WkComparison *
compare (Fixture *fx)
{
  g_autoptr(WkChecker) ca = wk_checker_new (fx->a, fx->profile);
  g_autoptr(WkChecker) cb = wk_checker_new (fx->b, fx->profile);

  wk_checker_run (ca);
  wk_checker_run (cb);
  return wk_comparison_new (ca, cb);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *) a, ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

static guint
area_id (WkPlan     *plan,
         const char *name)
{
  WkArea *area = wk_plan_find_area (plan, name);

  g_assert_nonnull (area);
  return wk_area_get_id (area);
}

static void
test_same (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(WkComparison) cmp = compare (fx);
  g_autoptr(WkChecker) checker = wk_checker_new (fx->a, fx->profile);
  guint n_moves, n_areas, n_findings;
  const WkAreaDelta *areas = wk_comparison_get_areas (cmp, &n_areas);

  wk_checker_run (checker);
  wk_comparison_get_moves (cmp, &n_moves);
  wk_comparison_get_findings (cmp, &n_findings);
  g_assert_cmpuint (n_moves, ==, 0);
  g_assert_cmpuint (n_findings, ==, 0);
  g_assert_cmpuint (wk_comparison_get_n_same_findings (cmp), ==, wk_checker_get_n_findings (checker));
  g_assert_cmpuint (n_areas, ==, wk_plan_get_n_areas (fx->a));
  for (guint i = 0; i < n_areas; i++)
    {
      g_assert_cmpstr (areas[i].name_a, ==, areas[i].name_b);
      g_assert_cmpint (areas[i].population_a, ==, areas[i].population_b);
    }
}

/* Plan B merges the too small Westerlaan into Kerkhoven, renames Oudeland
 * and moves one unit of Dijkveen-Oost into Dijkveen-Zuidwest. */
static void
test_merge (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(WkComparison) cmp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
  guint west = area_id (fx->a, "Westerlaan"), kerk = area_id (fx->a, "Kerkhoven");
  guint oost = area_id (fx->a, "Dijkveen-Oost"), zw = area_id (fx->a, "Dijkveen-Zuidwest");
  guint n = 0, n_moves, n_areas, n_findings, moved_unit;
  const guint *units = wk_plan_get_area_units (fx->a, west, &n);
  const WkUnitMove *moves;
  const WkAreaDelta *areas;
  const WkFindingDelta *findings;
  gint64 west_pop = wk_area_get_population (wk_plan_get_area (fx->a, west));
  gint64 kerk_pop = wk_area_get_population (wk_plan_get_area (fx->a, kerk));
  gboolean west_finding_gone = FALSE;

  g_array_append_vals (expected, units, n);
  moved_unit = wk_plan_get_area_units (fx->a, oost, &n)[0];
  g_array_append_val (expected, moved_unit);
  g_array_sort (expected, compare_uint);

  g_assert_true (wk_plan_merge_areas (fx->b, kerk, west, &error));
  g_assert_true (wk_plan_rename_area (fx->b, area_id (fx->b, "Oudeland"), "Oudeland en Polder", &error));
  g_assert_true (wk_plan_assign (fx->b, moved_unit, zw, &error));
  g_assert_no_error (error);
  cmp = compare (fx);

  moves = wk_comparison_get_moves (cmp, &n_moves);
  g_assert_cmpuint (n_moves, ==, expected->len);
  for (guint i = 0; i < n_moves; i++)
    {
      g_assert_cmpuint (moves[i].unit, ==, g_array_index (expected, guint, i));
      g_assert_cmpuint (moves[i].area_b, ==, moves[i].unit == moved_unit ? zw : kerk);
      g_assert_cmpuint (moves[i].area_a, ==, moves[i].unit == moved_unit ? oost : west);
    }

  areas = wk_comparison_get_areas (cmp, &n_areas);
  g_assert_cmpuint (n_areas, ==, wk_plan_get_n_areas (fx->a));
  for (guint i = 0; i < n_areas; i++)
    {
      if (g_strcmp0 (areas[i].name_a, "Westerlaan") == 0)
        {
          g_assert_null (areas[i].name_b);
          g_assert_cmpint (areas[i].population_a, ==, west_pop);
          g_assert_cmpint (areas[i].population_b, ==, 0);
        }
      else if (g_strcmp0 (areas[i].name_a, "Kerkhoven") == 0)
        g_assert_cmpint (areas[i].population_b, ==, kerk_pop + west_pop);
      else if (g_strcmp0 (areas[i].name_a, "Oudeland") == 0)
        {
          /* renamed: paired by id, nothing moved */
          g_assert_cmpstr (areas[i].name_b, ==, "Oudeland en Polder");
          g_assert_cmpint (areas[i].population_a, ==, areas[i].population_b);
        }
    }

  findings = wk_comparison_get_findings (cmp, &n_findings);
  g_assert_cmpuint (n_findings, >, 0);
  for (guint i = 0; i < n_findings; i++)
    {
      WkFinding *f = findings[i].a ? findings[i].a : findings[i].b;

      g_assert_true ((findings[i].a != NULL) == (findings[i].change != WK_FINDING_APPEARED));
      g_assert_true ((findings[i].b != NULL) == (findings[i].change != WK_FINDING_DISAPPEARED));
      if (findings[i].change == WK_FINDING_DISAPPEARED &&
          g_str_equal (wk_finding_get_criterion (f), "population") &&
          wk_finding_has_area (f, west))
        west_finding_gone = TRUE;
    }
  g_assert_true (west_finding_gone);
  g_assert_cmpuint (wk_comparison_count_findings (cmp, WK_FINDING_APPEARED) +
                    wk_comparison_count_findings (cmp, WK_FINDING_DISAPPEARED) +
                    wk_comparison_count_findings (cmp, WK_FINDING_CHANGED), ==, n_findings);
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);

  g_test_add ("/core/comparison/same", Fixture, NULL, fixture_set_up, test_same, fixture_tear_down);
  g_test_add ("/core/comparison/merge", Fixture, NULL, fixture_set_up, test_merge, fixture_tear_down);
  return g_test_run ();
}
