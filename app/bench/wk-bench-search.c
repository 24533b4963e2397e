/* wk-bench-search.c: the repair figure — one buurt left out of a plan that meets the rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-bench"

#include "config.h"

#include <math.h>

#include "wk-bench.h"

/* wk_bench_repair:
 *
 * A copy of @plan checked with rules it meets as it is (population between 1
 * and the whole total, contiguity and coverage on; providers and the
 * municipality off; what it does not meet repaired first, or else a
 * proposal with as many areas), then one buurt in the middle of the data set left out:
 * the repair must find the one move back.  Sets repair_ms, repair_moves and
 * repair_proven; NAN and a note when the plan does not meet those rules. */
void
wk_bench_repair (WkPlan         *plan,
                 WkBenchFigures *f)
{
  g_autoptr(WkPlan) work = wk_plan_duplicate (plan);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(WkRepairResult) result = NULL;
  g_autoptr(GError) error = NULL;
  WkDataset *dataset = wk_plan_get_dataset (plan);
  /* the profile's ceiling goes up to ten million */
  double total = CLAMP ((double) wk_dataset_get_total_population (dataset), 2.0, 1e7);
  guint n = wk_dataset_get_n_units (dataset);
  guint unit = WK_UNIT_NONE;
  double start;

  wk_profile_set_enabled (profile, "providers", FALSE);
  wk_profile_set_enabled (profile, "municipality", FALSE);
  if (!wk_profile_set_double (profile, "population", "max", total, &error) ||
      !wk_profile_set_double (profile, "population", "min", 1, &error))
    {
      f->repair_note = g_strdup (error->message);
      return;
    }
  checker = wk_checker_new (work, profile);
  if (wk_checker_count (checker, WK_SEVERITY_ERROR) > 0)
    {
      /* a grown plan may leave islands or uninhabited buurten out: repair
       * those first (not timed) */
      g_autoptr(WkRepairResult) first = wk_repair_plan (work, profile, 5, NULL, NULL);

      if (first != NULL)
        wk_repair_apply (work, first, NULL);
    }
  if (wk_checker_count (checker, WK_SEVERITY_ERROR) > 0)
    {
      /* a grown plan with holes the repair cannot close in a few moves (the
       * province's islands): propose one with as many areas under these
       * rules instead (not timed) */
      WkProposeOptions options = { 0 };

      options.n_areas = MAX (wk_plan_get_n_areas (plan), 1);
      options.seed = 1;
      g_clear_object (&checker);
      g_clear_object (&work);
      work = wk_propose (dataset, profile, &options, NULL, NULL, NULL);
      checker = wk_checker_new (work, profile);
    }
  if (wk_checker_count (checker, WK_SEVERITY_ERROR) > 0)
    {
      f->repair_note = g_strdup ("the starting plan breaks contiguity or coverage: not measured");
      return;
    }
  /* the first assigned buurt with inhabitants from the middle on */
  for (guint i = 0; i < n && unit == WK_UNIT_NONE; i++)
    {
      guint u = (n / 2 + i) % n;

      if (wk_plan_get_unit_area (work, u) != WK_AREA_NONE &&
          wk_dataset_get_unit (dataset, u)->population > 0)
        unit = u;
    }
  if (unit == WK_UNIT_NONE)
    return;
  wk_plan_unassign_units (work, &unit, 1);
  g_clear_object (&checker);

  start = wk_bench_now ();
  result = wk_repair_plan (work, profile, 60, NULL, &error);
  if (result == NULL)
    {
      f->repair_note = g_strdup (error->message);
      return;
    }
  f->repair_ms = 1000 * (wk_bench_now () - start);
  f->repair_moves = result->moves->len;
  f->repair_proven = result->proven_minimal && result->errors_after == 0;
}

/* wk_bench_propose:
 *
 * Two proposals: --max-areas under the anchor's rules (population floor
 * 5,000, contiguity; municipality and providers off, as PySAL spopt's
 * MaxPHeuristic in docs/performance.md), and one with the default profile
 * where the engine chooses the number of areas.  Sets the propose_ figures;
 * the areas are counted and the errors checked by the real checker. */
void
wk_bench_propose (WkDataset      *dataset,
                  WkBenchFigures *f)
{
  g_autoptr(WkProfile) anchor = wk_profile_new ();
  g_autoptr(WkProfile) standard = wk_profile_new ();
  g_autoptr(WkPlan) maxp = NULL;
  g_autoptr(WkPlan) chosen = NULL;
  g_autoptr(WkChecker) checker = NULL;
  WkProposeOptions options = { 0 };
  double start;

  wk_profile_set_enabled (anchor, "providers", FALSE);
  wk_profile_set_enabled (anchor, "municipality", FALSE);
  wk_profile_set_double (anchor, "population", "max", 1e7, NULL);
  options.max_areas = TRUE;
  options.seed = 1;
  start = wk_bench_now ();
  maxp = wk_propose (dataset, anchor, &options, NULL, NULL, NULL);
  f->propose_ms = 1000 * (wk_bench_now () - start);
  f->propose_areas = wk_plan_get_n_areas (maxp);

  options.max_areas = FALSE;
  start = wk_bench_now ();
  chosen = wk_propose (dataset, standard, &options, NULL, NULL, NULL);
  f->propose_default_ms = 1000 * (wk_bench_now () - start);
  f->propose_default_areas = wk_plan_get_n_areas (chosen);
  checker = wk_checker_new (chosen, standard);
  f->propose_default_errors = wk_checker_count (checker, WK_SEVERITY_ERROR);
}
