/* test-repair.c: repairs of broken plans on the Woerden buurten, against a brute-force search
 *
 * The plans are the real CBS wijken of Woerden (../shared/data), broken on purpose: a buurt left
 * out, a buurt moved into a wijk it does not border, an area pushed under the minimum. No care
 * providers are loaded, so the provider criterion is switched off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include "wk-test-util.h"

typedef struct
{
  char      *path;
  WkDataset *dataset;
  WkPlan    *plan;
  WkProfile *profile;
} Fixture;

static gboolean
fixture_set_up (Fixture *fx)
{
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(GError) error = NULL;
  gint64 lo = G_MAXINT64, hi = 0;
  GListModel *areas;

  fx->path = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  if (fx->path == NULL)
    return FALSE;   /* skipped, with the reason */
  options = wk_load_options_new (fx->path);
  fx->dataset = wk_test_load (options);
  fx->plan = wk_plan_new (fx->dataset);
  wk_test_plan_by_field (fx->plan, fx->path, "BU_CODE", "WK_CODE");
  wk_plan_clear_history (fx->plan);

  /* the wijken as they are meet the population bounds: set them around them */
  fx->profile = wk_profile_new ();
  wk_profile_set_enabled (fx->profile, "providers", FALSE);
  checker = wk_checker_new (fx->plan, fx->profile);
  areas = wk_plan_get_areas (fx->plan);
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      gint64 pop = wk_checker_get_area_stats (checker, wk_area_get_id (area))->population;

      lo = MIN (lo, pop);
      hi = MAX (hi, pop);
    }
  g_assert_true (wk_profile_set_double (fx->profile, "population", "min", MIN (lo, 300), &error));
  g_assert_true (wk_profile_set_double (fx->profile, "population", "max", hi, &error));
  g_assert_no_error (error);
  g_clear_object (&checker);
  checker = wk_checker_new (fx->plan, fx->profile);
  g_assert_cmpuint (wk_checker_count (checker, WK_SEVERITY_ERROR), ==, 0);
  return TRUE;
}

static void
fixture_tear_down (Fixture *fx)
{
  g_clear_object (&fx->profile);
  g_clear_object (&fx->plan);
  g_clear_object (&fx->dataset);
  g_free (fx->path);
}

static guint
errors_of (WkPlan    *plan,
           WkProfile *profile)
{
  g_autoptr(WkChecker) checker = wk_checker_new (plan, profile);

  return wk_checker_count (checker, WK_SEVERITY_ERROR);
}

/* Brute force: does any single move of any unit to any area (or, with
 * @pairs, any two) remove every error?  Independent of the repair's own
 * choice of candidate moves. */
static gboolean
some_set_fixes (WkPlan    *plan,
                WkProfile *profile,
                gboolean   pairs)
{
  g_autoptr(WkPlan) work = wk_plan_duplicate (plan);
  g_autoptr(WkChecker) checker = wk_checker_new (work, profile);
  guint n_units = wk_dataset_get_n_units (wk_plan_get_dataset (plan));
  GListModel *areas = wk_plan_get_areas (work);
  guint n_areas = g_list_model_get_n_items (areas);
  g_autofree guint *ids = g_new (guint, n_areas);

  for (guint i = 0; i < n_areas; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      ids[i] = wk_area_get_id (area);
    }
  for (guint u = 0; u < n_units; u++)
    for (guint a = 0; a < n_areas; a++)
      {
        if (wk_plan_get_unit_area (work, u) == ids[a] || !wk_plan_assign (work, u, ids[a], NULL))
          continue;
        if (wk_checker_count (checker, WK_SEVERITY_ERROR) == 0)
          return TRUE;
        for (guint v = u + 1; pairs && v < n_units; v++)
          for (guint b = 0; b < n_areas; b++)
            {
              if (wk_plan_get_unit_area (work, v) == ids[b] || !wk_plan_assign (work, v, ids[b], NULL))
                continue;
              if (wk_checker_count (checker, WK_SEVERITY_ERROR) == 0)
                return TRUE;
              wk_plan_undo (work);
            }
        wk_plan_undo (work);
      }
  return FALSE;
}

/* Repairs, checks the result against a fresh check and the brute force. */
static WkRepairResult *
repair_and_verify (Fixture *fx,
                   guint    expected_moves)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WkRepairResult) result = wk_repair_plan (fx->plan, fx->profile, 0, NULL, &error);
  g_autoptr(WkPlan) fixed = wk_plan_duplicate (fx->plan);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->errors_before, ==, errors_of (fx->plan, fx->profile));
  g_assert_cmpuint (result->errors_before, >, 0);
  g_assert_cmpuint (result->errors_after, ==, 0);
  g_assert_true (result->proven_minimal);
  g_assert_cmpuint (result->moves->len, ==, expected_moves);

  /* the moves do what the result says, on a plan checked afresh */
  g_assert_true (wk_repair_apply (fixed, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (errors_of (fixed, fx->profile), ==, 0);

  /* and no smaller set would have done: every set of fewer moves fails */
  if (expected_moves == 2)
    g_assert_false (some_set_fixes (fx->plan, fx->profile, FALSE));
  else if (expected_moves == 3)
    g_assert_false (some_set_fixes (fx->plan, fx->profile, TRUE));
  return g_steal_pointer (&result);
}

static guint
unit (Fixture    *fx,
      const char *code)
{
  guint u = wk_dataset_lookup_code (fx->dataset, code);

  g_assert_cmpuint (u, !=, WK_UNIT_NONE);
  return u;
}

static void
test_left_out (void)
{
  Fixture fx = { 0 };
  g_autoptr(WkRepairResult) result = NULL;
  guint u;

  if (!fixture_set_up (&fx))
    return;
  u = unit (&fx, "BU06320101");   /* Binnenstad */
  wk_plan_unassign_units (fx.plan, &u, 1);
  result = repair_and_verify (&fx, 1);
  g_assert_cmpuint (g_array_index (result->moves, WkMove, 0).unit, ==, u);
  g_assert_cmpuint (g_array_index (result->moves, WkMove, 0).from, ==, WK_AREA_NONE);
  fixture_tear_down (&fx);
}

/* Two buurten left out, far apart: no single move can cover both. */
static void
test_two_left_out (void)
{
  Fixture fx = { 0 };
  g_autoptr(WkRepairResult) result = NULL;
  guint units[2];

  if (!fixture_set_up (&fx))
    return;
  units[0] = unit (&fx, "BU06320101");
  units[1] = wk_dataset_get_n_units (fx.dataset) - 1;
  wk_plan_unassign_units (fx.plan, units, 2);
  result = repair_and_verify (&fx, 2);
  fixture_tear_down (&fx);
}

/* A buurt moved into a wijk it does not border makes that wijk fall apart. */
static void
test_not_contiguous (void)
{
  Fixture fx = { 0 };
  g_autoptr(WkRepairResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n;
  guint moved = WK_UNIT_NONE, target = WK_AREA_NONE;

  if (!fixture_set_up (&fx))
    return;
  n = wk_dataset_get_n_units (fx.dataset);
  /* the first buurt and an area none of whose buurten it borders */
  for (guint u = 0; u < n && moved == WK_UNIT_NONE; u++)
    {
      GListModel *areas = wk_plan_get_areas (fx.plan);

      for (guint i = 0; i < g_list_model_get_n_items (areas) && moved == WK_UNIT_NONE; i++)
        {
          g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
          guint id = wk_area_get_id (area), n_members;
          const guint *members = wk_plan_get_area_units (fx.plan, id, &n_members);
          gboolean borders = FALSE;

          if (id == wk_plan_get_unit_area (fx.plan, u))
            continue;
          for (guint k = 0; k < n_members; k++)
            borders |= wk_dataset_are_adjacent (fx.dataset, u, members[k], 0.0);
          if (!borders)
            {
              moved = u;
              target = id;
            }
        }
    }
  g_assert_cmpuint (moved, !=, WK_UNIT_NONE);
  g_assert_true (wk_plan_assign (fx.plan, moved, target, &error));
  g_assert_cmpuint (errors_of (fx.plan, fx.profile), >, 0);
  result = repair_and_verify (&fx, 1);

  /* with that area locked the buurt cannot leave it: the repair works around
   * it or leaves the error, but never touches the locked area */
  g_assert_true (wk_plan_set_area_locked (fx.plan, target, TRUE, &error));
  {
    g_autoptr(WkRepairResult) locked = wk_repair_plan (fx.plan, fx.profile, 20, NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < locked->moves->len; i++)
      {
        const WkMove *m = &g_array_index (locked->moves, WkMove, i);

        g_assert_cmpuint (m->from, !=, target);
        g_assert_cmpuint (m->to, !=, target);
      }
    g_assert_cmpuint (locked->errors_after, >, 0);
    g_assert_false (locked->proven_minimal);
  }
  fixture_tear_down (&fx);
}

/* An area under the minimum: the smallest wijk with the minimum raised just
 * above it needs one more buurt. */
static void
test_under_minimum (void)
{
  Fixture fx = { 0 };
  g_autoptr(WkRepairResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WkChecker) checker = NULL;
  GListModel *areas;
  gint64 smallest = G_MAXINT64;
  guint small_area = WK_AREA_NONE;

  if (!fixture_set_up (&fx))
    return;
  checker = wk_checker_new (fx.plan, fx.profile);
  areas = wk_plan_get_areas (fx.plan);
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      const WkAreaStats *st = wk_checker_get_area_stats (checker, wk_area_get_id (area));

      if (st->population > 0 && st->population < smallest)
        {
          smallest = st->population;
          small_area = wk_area_get_id (area);
        }
    }
  g_clear_object (&checker);
  g_assert_true (wk_profile_set_double (fx.profile, "population", "min", smallest + 1, &error));
  result = repair_and_verify (&fx, 1);
  g_assert_cmpuint (g_array_index (result->moves, WkMove, 0).to, ==, small_area);
  fixture_tear_down (&fx);
}

/* A plan without errors needs no move; determinism: the same input, the same moves. */
static void
test_nothing_and_determinism (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  guint units[2];

  if (!fixture_set_up (&fx))
    return;
  {
    g_autoptr(WkRepairResult) none = wk_repair_plan (fx.plan, fx.profile, 0, NULL, &error);
    g_assert_cmpuint (none->moves->len, ==, 0);
    g_assert_true (none->proven_minimal);
  }
  units[0] = 3;
  units[1] = 17;
  wk_plan_unassign_units (fx.plan, units, 2);
  {
    g_autoptr(WkRepairResult) a = wk_repair_plan (fx.plan, fx.profile, 0, NULL, &error);
    g_autoptr(WkRepairResult) b = wk_repair_plan (fx.plan, fx.profile, 0, NULL, &error);

    g_assert_cmpuint (a->moves->len, ==, b->moves->len);
    g_assert_cmpmem (a->moves->data, a->moves->len * sizeof (WkMove),
                     b->moves->data, b->moves->len * sizeof (WkMove));
  }
  fixture_tear_down (&fx);
}

int
main (int   argc,
      char *argv[])
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/core/repair/left-out", test_left_out);
  g_test_add_func ("/core/repair/two-left-out", test_two_left_out);
  g_test_add_func ("/core/repair/not-contiguous-and-locked", test_not_contiguous);
  g_test_add_func ("/core/repair/under-minimum", test_under_minimum);
  g_test_add_func ("/core/repair/nothing-and-determinism", test_nothing_and_determinism);
  return g_test_run ();
}
