/* test-checker.c: the criteria, full and incremental
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <math.h>

#include "wk-check-context.h"
#include "wk-criterion-contiguity.h"
#include "wk-criterion-private.h"
#include "wk-criterion-population.h"
#include "wk-test-util.h"

#define X(c) (WK_TEST_ORIGIN_X + (c))
#define Y(r) (WK_TEST_ORIGIN_Y + (r))

/* Findings of one criterion (and optionally one area). */
static GPtrArray *
findings_of (WkChecker  *checker,
             const char *criterion,
             guint       area)
{
  g_autoptr(GPtrArray) all = wk_checker_dup_findings (checker);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < all->len; i++)
    {
      WkFinding *f = g_ptr_array_index (all, i);

      if (g_strcmp0 (wk_finding_get_criterion (f), criterion) == 0 &&
          (area == 0 || wk_finding_has_area (f, area)))
        g_ptr_array_add (out, g_object_ref (f));
    }
  return out;
}

static WkFinding *
only_finding (WkChecker  *checker,
              const char *criterion,
              guint       area)
{
  g_autoptr(GPtrArray) list = findings_of (checker, criterion, area);

  g_assert_cmpuint (list->len, ==, 1);
  return g_object_ref (g_ptr_array_index (list, 0));
}

static guint
n_findings (WkChecker  *checker,
            const char *criterion,
            guint       area)
{
  g_autoptr(GPtrArray) list = findings_of (checker, criterion, area);

  return list->len;
}

static WkDataset *
grid_with (guint         cols,
           guint         rows,
           const gint64 *pops,
           const char  **gms,
           const char   *extra_option,
           const char   *extra_path)
{
  g_autofree char *text = wk_test_grid_geojson (cols, rows, 100.0, pops, gms);
  g_autofree char *path = wk_test_write_file ("grid.geojson", text);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);

  if (g_strcmp0 (extra_option, "boundary") == 0)
    options->boundary_path = g_strdup (extra_path);
  else if (g_strcmp0 (extra_option, "networks") == 0)
    wk_load_options_add_network (options, extra_path);
  return wk_test_load (options);
}

static void
test_populations_and_stats (void)
{
  gint64 pops[6] = { 100, 200, 300, 400, 500, 600 };
  g_autoptr(WkDataset) grid = grid_with (3, 2, pops, NULL, NULL, NULL);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(GError) error = NULL;
  guint a = wk_plan_create_area (plan, "A", NULL, &error);
  guint b = wk_plan_create_area (plan, "B", NULL, &error);
  guint left[] = { 0, 1, 3, 4 };
  const WkAreaStats *st;

  wk_plan_assign_units (plan, left, 4, a, WK_ASSIGN_DEFAULT, NULL, &error);
  wk_plan_assign (plan, 2, b, &error);
  checker = wk_checker_new (plan, profile);

  st = wk_checker_get_area_stats (checker, a);
  g_assert_cmpint (st->population, ==, 100 + 200 + 400 + 500);
  g_assert_cmpuint (st->n_units, ==, 4);
  g_assert_cmpfloat_with_epsilon (st->area_m2, 40000.0, 1e-6);
  /* a 200 m square: perimeter 800, Polsby-Popper π/4 */
  g_assert_cmpfloat_with_epsilon (st->perimeter_m, 800.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (st->compactness, G_PI / 4, 1e-9);
  g_assert_cmpuint (st->n_parts, ==, 1);
  g_assert_cmpint (wk_checker_get_area_stats (checker, b)->population, ==, 300);

  /* every area is far below the default minimum of 5,000 */
  g_assert_cmpuint (n_findings (checker, "population", a), ==, 1);
  {
    g_autoptr(WkFinding) f = only_finding (checker, "population", b);
    g_assert_cmpfloat (wk_finding_get_value (f), ==, 300);
    g_assert_cmpfloat (wk_finding_get_threshold (f), ==, 5000);
    g_assert_cmpint (wk_finding_get_severity (f), ==, WK_SEVERITY_ERROR);
    g_assert_nonnull (strstr (wk_finding_get_message (f), "“B”"));
  }
  g_assert_cmpint (wk_area_get_worst_severity (wk_plan_get_area (plan, a)), ==, WK_SEVERITY_ERROR);

  /* lowering the minimum re-runs the check at once */
  g_assert_true (wk_profile_set_double (profile, "population", "min", 300, &error));
  g_assert_cmpuint (n_findings (checker, "population", 0), ==, 0);
  g_assert_true (wk_profile_set_double (profile, "population", "max", 1000, &error));
  {
    g_autoptr(WkFinding) f = only_finding (checker, "population", a);
    g_assert_cmpfloat (wk_finding_get_value (f), ==, 1200);
    g_assert_cmpfloat (wk_finding_get_threshold (f), ==, 1000);
  }
  /* and it follows edits */
  wk_plan_assign (plan, 0, b, &error);
  g_assert_cmpint (wk_checker_get_area_stats (checker, a)->population, ==, 1100);
  g_assert_cmpint (wk_checker_get_area_stats (checker, b)->population, ==, 400);
}

static void
test_contiguity (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (3, 3, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = wk_checker_new (plan, profile);
  g_autoptr(GError) error = NULL;
  guint a = wk_plan_create_area (plan, "A", NULL, &error);
  guint row[] = { 0, 1 };

  wk_plan_assign_units (plan, row, 2, a, WK_ASSIGN_DEFAULT, NULL, &error);
  g_assert_true (wk_checker_is_contiguous (checker, a));
  g_assert_cmpuint (n_findings (checker, "contiguity", a), ==, 0);

  /* unit 8 (far corner) makes it two parts; the detached unit is named */
  wk_plan_assign (plan, 8, a, &error);
  g_assert_false (wk_checker_is_contiguous (checker, a));
  {
    g_autoptr(WkFinding) f = only_finding (checker, "contiguity", a);
    const guint *units;
    guint n;

    units = wk_finding_get_units (f, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (units[0], ==, 8);
    g_assert_cmpfloat (wk_finding_get_value (f), ==, 2);
    g_assert_nonnull (strstr (wk_finding_get_message (f), "U8"));
  }
  /* a diagonal contact does not connect: 4 touches 0 only at a corner… */
  wk_plan_unassign_units (plan, (guint[]) { 8 }, 1);
  wk_plan_unassign_units (plan, (guint[]) { 1 }, 1);
  wk_plan_assign (plan, 4, a, &error);
  g_assert_false (wk_checker_is_contiguous (checker, a));
  /* …until 1 joins them */
  wk_plan_assign (plan, 1, a, &error);
  g_assert_true (wk_checker_is_contiguous (checker, a));
  g_assert_cmpuint (n_findings (checker, "contiguity", 0), ==, 0);
  /* undo brings the finding back */
  wk_plan_undo (plan);
  g_assert_cmpuint (n_findings (checker, "contiguity", a), ==, 1);
}

static void
test_municipality (void)
{
  const char *gms[4] = { "GM0001", "GM0001", "GM0002", "GM0001" };
  g_autoptr(WkDataset) grid = grid_with (2, 2, NULL, gms, NULL, NULL);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = wk_checker_new (plan, profile);
  g_autoptr(GError) error = NULL;
  guint a = wk_plan_create_area (plan, "A", NULL, &error);
  guint all[] = { 0, 1, 2, 3 };

  wk_plan_assign_units (plan, all, 4, a, WK_ASSIGN_DEFAULT, NULL, &error);
  {
    g_autoptr(WkFinding) f = only_finding (checker, "municipality", a);
    const guint *units;
    guint n;

    units = wk_finding_get_units (f, &n);
    /* the unit of the smaller municipality is the one out of place */
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (units[0], ==, 2);
    g_assert_cmpfloat (wk_finding_get_value (f), ==, 2);
  }
  wk_profile_set_boolean (profile, "municipality", "allow_region", TRUE);
  g_assert_cmpuint (n_findings (checker, "municipality", 0), ==, 0);
}

/* A boundary that covers only the left column of a 2×2 grid. */
static void
test_outside_boundary (void)
{
  g_autofree char *boundary = wk_test_write_file ("boundary.geojson",
    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:28992\"}},"
    "\"features\":[{\"type\":\"Feature\",\"properties\":{\"GM_NAAM\":\"Testdorp\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[155000,463000],[155130,463000],"
    "[155130,463200],[155000,463200],[155000,463000]]]}}]}");
  g_autoptr(WkDataset) grid = grid_with (2, 2, NULL, NULL, "boundary", boundary);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = wk_checker_new (plan, profile);
  g_autoptr(GError) error = NULL;
  guint a = wk_plan_create_area (plan, "A", NULL, &error);
  guint all[] = { 0, 1, 2, 3 };

  g_assert_true (wk_dataset_has_boundary (grid));
  g_assert_cmpfloat_with_epsilon (wk_dataset_get_unit (grid, 1)->inside_share, 0.3, 1e-9);
  wk_plan_assign_units (plan, all, 4, a, WK_ASSIGN_DEFAULT, NULL, &error);
  {
    g_autoptr(WkFinding) f = only_finding (checker, "municipality", a);
    const guint *units;
    guint n;

    units = wk_finding_get_units (f, &n);
    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpuint (units[0], ==, 1);
    g_assert_cmpuint (units[1], ==, 3);
    g_assert_nonnull (strstr (wk_finding_get_message (f), "outside"));
  }
  /* with a lower share, 30 % inside is enough */
  wk_profile_set_double (profile, "municipality", "min_inside_share", 0.25, &error);
  g_assert_cmpuint (n_findings (checker, "municipality", 0), ==, 0);
}

static void
test_coverage (void)
{
  gint64 pops[4] = { 100, 0, 300, -99999997 };
  g_autoptr(WkDataset) grid = grid_with (2, 2, pops, NULL, NULL, NULL);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = wk_checker_new (plan, profile);
  g_autoptr(GError) error = NULL;
  g_autofree char *doubled = wk_test_write_file ("doubled.csv",
    "unit_code,area\nU0,A\nU1,A\nU2,B\nU2,A\nU3,B\n");

  /* nothing assigned: the two inhabited units are reported, not the
   * empty one; the unknown one as information */
  {
    g_autoptr(GPtrArray) list = findings_of (checker, "coverage", 0);
    g_autoptr(WkFinding) f = NULL;
    const guint *units;
    guint n;

    g_assert_cmpuint (list->len, ==, 2);
    f = g_object_ref (g_ptr_array_index (list, 0));
    g_assert_cmpint (wk_finding_get_severity (f), ==, WK_SEVERITY_ERROR);
    units = wk_finding_get_units (f, &n);
    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpuint (units[0], ==, 0);
    g_assert_cmpuint (units[1], ==, 2);
    g_assert_nonnull (strstr (wk_finding_get_message (f), "400"));
    g_assert_cmpint (wk_finding_get_severity (g_ptr_array_index (list, 1)), ==, WK_SEVERITY_INFO);
  }

  /* a double assignment */
  g_assert_true (wk_plan_import_csv (plan, doubled, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(WkFinding) f = only_finding (checker, "coverage", 0);
    const guint *units, *areas;
    guint n, n_areas;

    units = wk_finding_get_units (f, &n);
    areas = wk_finding_get_areas (f, &n_areas);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (units[0], ==, 2);
    g_assert_cmpuint (n_areas, ==, 2);
    g_assert_nonnull (strstr (wk_finding_get_message (f), "more than one area"));
    (void) areas;
  }
  /* settling it removes the finding */
  wk_plan_assign (plan, 2, wk_area_get_id (wk_plan_find_area (plan, "B")), &error);
  g_assert_cmpuint (n_findings (checker, "coverage", 0), ==, 0);
}

static char *
providers_csv (const char *name,
               const char *rows)
{
  g_autofree char *text = g_strdup_printf ("naam,x,y,fte,apotheekhoudend,netwerk\n%s", rows);

  return wk_test_write_file (name, text);
}

static void
test_providers_capacity_groups (void)
{
  /* a 4×1 strip: A = 0,1 and B = 2,3 */
  gint64 pops[4] = { 3000, 3000, 2000, 2000 };
  g_autofree char *text = wk_test_grid_geojson (4, 1, 100.0, pops, NULL);
  g_autofree char *units = wk_test_write_file ("strip.geojson", text);
  g_autofree char *gp = providers_csv ("gp.csv",
    "GP een,155050,463050,1.0,nee,HAGRO Oost\n"
    "GP twee,155250,463050,2.0,ja,HAGRO Oost\n");
  g_autofree char *pharmacy = providers_csv ("pharmacy.csv", "Apotheek,155150,463050,,,\n");
  g_autofree char *nursing = providers_csv ("nursing.csv", "Team,155350,463050,,,\n");
  g_autoptr(WkLoadOptions) options = wk_load_options_new (units);
  g_autoptr(WkDataset) ds = NULL;
  g_autoptr(WkPlan) plan = NULL;
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(GError) error = NULL;
  guint a, b;

  wk_load_options_add_provider (options, WK_PROVIDER_GP, gp);
  wk_load_options_add_provider (options, WK_PROVIDER_PHARMACY, pharmacy);
  wk_load_options_add_provider (options, WK_PROVIDER_NURSING, nursing);
  ds = wk_test_load (options);
  g_assert_cmpuint (wk_dataset_get_provider (ds, 0)->unit, ==, 0);
  g_assert_cmpuint (wk_dataset_get_provider (ds, 3)->unit, ==, 3);
  plan = wk_plan_new (ds);
  a = wk_plan_create_area (plan, "A", NULL, &error);
  b = wk_plan_create_area (plan, "B", NULL, &error);
  wk_plan_assign_units (plan, (guint[]) { 0, 1 }, 2, a, WK_ASSIGN_DEFAULT, NULL, &error);
  wk_plan_assign_units (plan, (guint[]) { 2, 3 }, 2, b, WK_ASSIGN_DEFAULT, NULL, &error);
  wk_profile_set_double (profile, "population", "min", 0, &error);
  checker = wk_checker_new (plan, profile);

  /* A has a GP and a pharmacy but no nursing team; B has a dispensing GP
   * (so counts as having a pharmacy) and the nursing team */
  {
    g_autoptr(WkFinding) f = only_finding (checker, "providers", a);
    g_assert_nonnull (strstr (wk_finding_get_message (f), "nursing"));
  }
  g_assert_cmpuint (n_findings (checker, "providers", b), ==, 0);
  g_assert_cmpuint (wk_checker_get_area_stats (checker, b)->n_dispensing, ==, 1);
  /* without the dispensing rule, B lacks a pharmacy */
  wk_profile_set_boolean (profile, "providers", "dispensing_gp_counts", FALSE);
  g_assert_cmpuint (n_findings (checker, "providers", b), ==, 1);
  wk_profile_set_boolean (profile, "providers", "dispensing_gp_counts", TRUE);

  /* capacity: A has 6,000 inhabitants for 1 FTE (2,350): 2.55; B 4,000 for 2 FTE: 0.85 */
  {
    g_autoptr(WkFinding) f = only_finding (checker, "capacity", a);
    g_assert_cmpfloat_with_epsilon (wk_finding_get_value (f), 6000.0 / 2350.0, 1e-9);
    g_assert_cmpint (wk_finding_get_severity (f), ==, WK_SEVERITY_WARNING);
  }
  g_assert_cmpuint (n_findings (checker, "capacity", b), ==, 0);

  /* the two GPs of “HAGRO Oost” are in two areas */
  {
    g_autoptr(WkFinding) f = only_finding (checker, "networks", 0);
    guint n_areas;

    wk_finding_get_areas (f, &n_areas);
    g_assert_cmpuint (n_areas, ==, 2);
    g_assert_nonnull (strstr (wk_finding_get_message (f), "HAGRO Oost"));
  }
  wk_plan_assign (plan, 2, a, &error);
  g_assert_cmpuint (n_findings (checker, "networks", 0), ==, 0);
  wk_plan_undo (plan);

  /* distance: everything is within 4.5 km; at 50 m, units 0 and 3 lie 100 m
   * from the nearest pharmacy (in unit 1) or dispensing GP (in unit 2) */
  g_assert_cmpuint (n_findings (checker, "distance", 0), ==, 0);
  wk_profile_set_double (profile, "distance", "max_pharmacy_km", 0.05, &error);
  {
    g_autoptr(WkFinding) fa = only_finding (checker, "distance", a);
    g_autoptr(WkFinding) fb = only_finding (checker, "distance", b);
    const guint *far;
    guint n;

    far = wk_finding_get_units (fa, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (far[0], ==, 0);
    g_assert_cmpfloat_with_epsilon (wk_finding_get_value (fa), 0.1, 1e-9);
    far = wk_finding_get_units (fb, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (far[0], ==, 3);
  }
  /* only providers in the unit's own area: unit 0 still 100 m, unit 3 too */
  wk_profile_set_choice (profile, "distance", "scope", "area", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_findings (checker, "distance", 0), ==, 2);
}

/* An existing team area over units 0–2 of a 4×1 strip. */
static void
test_split_network (void)
{
  gint64 pops[4] = { 1000, 1000, 1000, 1000 };
  g_autofree char *network = wk_test_write_file ("team.geojson",
    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:28992\"}},"
    "\"features\":[{\"type\":\"Feature\",\"properties\":{\"naam\":\"Wijkteam West\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[155000,463000],[155300,463000],"
    "[155300,463100],[155000,463100],[155000,463000]]]}}]}");
  g_autoptr(WkDataset) ds = grid_with (4, 1, pops, NULL, "networks", network);
  g_autoptr(WkPlan) plan = wk_plan_new (ds);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = wk_checker_new (plan, profile);
  g_autoptr(GError) error = NULL;
  guint a = wk_plan_create_area (plan, "A", NULL, &error);
  guint b = wk_plan_create_area (plan, "B", NULL, &error);
  const WkNetwork *net = wk_dataset_get_network (ds, 0);

  g_assert_cmpstr (net->name, ==, "Wijkteam West");
  g_assert_cmpuint (net->n_units, ==, 3);
  wk_plan_assign_units (plan, (guint[]) { 0, 1, 2 }, 3, a, WK_ASSIGN_DEFAULT, NULL, &error);
  wk_plan_assign (plan, 3, b, &error);
  g_assert_cmpuint (n_findings (checker, "networks", 0), ==, 0);

  /* two thirds in A: below 80 % */
  wk_plan_assign (plan, 2, b, &error);
  {
    g_autoptr(WkFinding) f = only_finding (checker, "networks", 0);
    const guint *units;
    guint n;

    g_assert_cmpfloat_with_epsilon (wk_finding_get_value (f), 2.0 / 3.0, 1e-9);
    g_assert_cmpfloat (wk_finding_get_threshold (f), ==, 0.8);
    g_assert_true (wk_finding_has_area (f, a) && wk_finding_has_area (f, b));
    units = wk_finding_get_units (f, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (units[0], ==, 2);
    g_assert_nonnull (strstr (wk_finding_get_message (f), "Wijkteam West"));
    g_assert_nonnull (strstr (wk_finding_get_message (f), "“A”"));
  }
  /* the message names the areas: renaming one updates it */
  wk_plan_rename_area (plan, a, "Westkant", &error);
  {
    g_autoptr(WkFinding) f = only_finding (checker, "networks", 0);
    g_assert_nonnull (strstr (wk_finding_get_message (f), "“Westkant”"));
  }
  /* at 60 % it is accepted */
  wk_profile_set_double (profile, "networks", "min_share", 0.6, &error);
  g_assert_cmpuint (n_findings (checker, "networks", 0), ==, 0);
}

static void
test_unknown_population_in_area (void)
{
  gint64 pops[2] = { 6000, -99999998 };
  g_autoptr(WkDataset) grid = grid_with (2, 1, pops, NULL, NULL, NULL);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = wk_checker_new (plan, profile);
  g_autoptr(GError) error = NULL;
  guint a = wk_plan_create_area (plan, "A", NULL, &error);

  wk_plan_assign_units (plan, (guint[]) { 0, 1 }, 2, a, WK_ASSIGN_DEFAULT, NULL, &error);
  g_assert_cmpint (wk_checker_get_area_stats (checker, a)->population, ==, 6000);
  g_assert_cmpuint (wk_checker_get_area_stats (checker, a)->n_unknown_population, ==, 1);
  {
    g_autoptr(WkFinding) f = only_finding (checker, "population", a);
    g_assert_cmpint (wk_finding_get_severity (f), ==, WK_SEVERITY_INFO);
  }
}

static gboolean
same_findings (WkChecker *live,
               WkPlan    *plan,
               WkProfile *profile)
{
  g_autoptr(WkChecker) fresh = wk_checker_new (plan, profile);
  g_autoptr(GPtrArray) a = wk_checker_dup_findings (live);
  g_autoptr(GPtrArray) b = wk_checker_dup_findings (fresh);

  if (a->len != b->len)
    {
      g_test_message ("live has %u findings, a full check %u", a->len, b->len);
      return FALSE;
    }
  for (guint i = 0; i < a->len; i++)
    if (!wk_finding_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      {
        g_test_message ("finding %u differs: “%s” vs “%s”", i,
                        wk_finding_get_message (g_ptr_array_index (a, i)),
                        wk_finding_get_message (g_ptr_array_index (b, i)));
        return FALSE;
      }
  /* and the statistics */
  for (guint i = 0; i < wk_plan_get_n_areas (plan); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (plan), i);
      const WkAreaStats *x = wk_checker_get_area_stats (live, wk_area_get_id (area));
      const WkAreaStats *y = wk_checker_get_area_stats (fresh, wk_area_get_id (area));

      if (memcmp (x, y, sizeof *x) != 0)
        {
          g_test_message ("statistics of area %u differ", wk_area_get_id (area));
          return FALSE;
        }
      if (wk_area_get_worst_severity (area) != wk_area_get_worst_severity (area))
        return FALSE;
    }
  return TRUE;
}

static guint
random_area (GRand  *rand,
             WkPlan *plan)
{
  guint n = wk_plan_get_n_areas (plan);
  g_autoptr(WkArea) area = NULL;

  if (n == 0 || g_rand_int_range (rand, 0, 10) == 0)
    return WK_AREA_NONE;
  area = g_list_model_get_item (wk_plan_get_areas (plan), g_rand_int_range (rand, 0, n));
  return wk_area_get_id (area);
}

/* Random edits of every kind, each followed by a comparison of the live,
 * incremental check with a full check from scratch. */
static void
run_random_edits (WkDataset *ds,
                  const char *plan_csv,
                  guint      n_edits,
                  guint32    seed)
{
  g_autoptr(WkPlan) plan = wk_plan_new (ds);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  guint n_units = wk_dataset_get_n_units (ds);
  guint counts[12] = { 0 };

  if (plan_csv != NULL)
    {
      g_assert_true (wk_plan_import_csv (plan, plan_csv, NULL, &error));
      g_assert_no_error (error);
    }
  checker = wk_checker_new (plan, profile);
  /* enough spread that several criteria fire */
  wk_profile_set_double (profile, "population", "min", 2000, NULL);
  wk_profile_set_double (profile, "population", "max", 15000, NULL);

  for (guint i = 0; i < n_edits; i++)
    {
      int op = g_rand_int_range (rand, 0, 12);
      guint area = random_area (rand, plan);
      guint unit = g_rand_int_range (rand, 0, n_units);

      counts[op]++;
      switch (op)
        {
        case 0: case 1: case 2: case 3:
          /* a boundary move: a unit to the area of one of its neighbours */
          {
            guint n_nb;
            const guint *nb = wk_dataset_get_neighbours (ds, unit, NULL, &n_nb);
            guint to = n_nb ? wk_plan_get_unit_area (plan, nb[g_rand_int_range (rand, 0, n_nb)]) : area;

            wk_plan_assign_units (plan, &unit, 1, to, WK_ASSIGN_DEFAULT, NULL, NULL);
          }
          break;
        case 4:
          /* a brush stroke */
          {
            guint stroke[5];

            for (guint k = 0; k < 5; k++)
              stroke[k] = g_rand_int_range (rand, 0, n_units);
            wk_plan_begin_group (plan, "Paint");
            wk_plan_assign_units (plan, stroke, 3, area, WK_ASSIGN_DEFAULT, NULL, NULL);
            wk_plan_assign_units (plan, stroke + 3, 2, area, WK_ASSIGN_ONLY_UNASSIGNED, NULL, NULL);
            wk_plan_end_group (plan);
          }
          break;
        case 5:
          wk_plan_undo (plan);
          break;
        case 6:
          wk_plan_redo (plan);
          break;
        case 7:
          if (wk_plan_get_n_areas (plan) < 12)
            {
              guint id = wk_plan_create_area (plan, NULL, NULL, NULL);
              wk_plan_assign (plan, unit, id, NULL);
            }
          else
            wk_plan_delete_area (plan, area, NULL);
          break;
        case 8:
          {
            guint other = random_area (rand, plan);

            if (area != WK_AREA_NONE && other != WK_AREA_NONE && area != other)
              wk_plan_merge_areas (plan, area, other, NULL);
          }
          break;
        case 9:
          if (area != WK_AREA_NONE)
            {
              g_autofree char *name = g_strdup_printf ("Wijk %u", g_rand_int_range (rand, 0, 1000));
              wk_plan_rename_area (plan, area, name, NULL);
            }
          break;
        case 10:
          if (area != WK_AREA_NONE)
            wk_plan_set_area_locked (plan, area, !wk_area_get_locked (wk_plan_get_area (plan, area)), NULL);
          break;
        case 11:
          wk_plan_unassign_units (plan, &unit, 1);
          break;
        default:
          g_assert_not_reached ();
        }
      if (i % 97 == 96)
        wk_profile_set_double (profile, "population", "min", g_rand_int_range (rand, 500, 4000), NULL);
      if (!same_findings (checker, plan, profile))
        g_error ("after edit %u (operation %d), the incremental check differs from the full check", i, op);
    }
  g_test_message ("%u edits; per operation: assign %u, stroke %u, undo %u, redo %u, create/delete %u, "
                  "merge %u, rename %u, lock %u, unassign %u; %u findings at the end",
                  n_edits, counts[0] + counts[1] + counts[2] + counts[3], counts[4], counts[5],
                  counts[6], counts[7], counts[8], counts[9], counts[10], counts[11],
                  wk_checker_get_n_findings (checker));
  g_assert_cmpuint (wk_checker_get_n_findings (checker), >, 0);
}

static void
test_incremental_equals_full_sample (void)
{
  g_autoptr(WkDataset) ds = wk_test_sample_dataset ();
  g_autofree char *plan = wk_test_sample_path ("plan.csv");

  run_random_edits (ds, plan, 1500, 20261123);
}

static void
test_incremental_equals_full_grid (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (12, 12, 250.0);

  run_random_edits (grid, NULL, 1200, 7);
}

static void
test_sample_plan_problems (void)
{
  g_autoptr(WkDataset) ds = wk_test_sample_dataset ();
  g_autoptr(WkPlan) plan = wk_plan_new (ds);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = wk_test_sample_path ("plan.csv");

  g_assert_true (wk_plan_import_csv (plan, csv, NULL, &error));
  checker = wk_checker_new (plan, profile);
  /* the deliberate problems of data/sample/README.md */
  g_assert_cmpuint (n_findings (checker, "population", 0), >=, 1);
  g_assert_cmpuint (n_findings (checker, "contiguity", 0), ==, 1);
  g_assert_cmpuint (n_findings (checker, "coverage", 0), ==, 1);
  g_assert_cmpuint (n_findings (checker, "providers", 0), >=, 1);
  g_assert_cmpuint (wk_checker_count (checker, WK_SEVERITY_ERROR), >=, 4);
}

/* The wijkfoto's aggregated fields: sums for counts, population-weighted
 * means for averages; CBS secret codes are left out, not added. */
static void
test_area_fields (void)
{
  g_autoptr(WkDataset) ds = wk_test_sample_dataset ();
  g_autoptr(WkPlan) plan = wk_plan_new (ds);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fields = NULL;
  guint a = wk_plan_create_area (plan, "Alles", NULL, &error);
  guint n = wk_dataset_get_n_units (ds);
  double woningen = 0, hh_weighted = 0, hh_weight = 0;
  guint f_won = G_MAXUINT, f_hh = G_MAXUINT;

  for (guint u = 0; u < n; u++)
    wk_plan_assign (plan, u, a, &error);
  checker = wk_checker_new (plan, profile);
  for (guint f = 0; f < wk_dataset_get_n_fields (ds); f++)
    {
      if (g_str_equal (wk_dataset_get_field (ds, f)->name, "WONINGEN"))
        f_won = f;
      if (g_str_equal (wk_dataset_get_field (ds, f)->name, "GEM_HH_GR"))
        f_hh = f;
    }
  g_assert_cmpuint (f_won, !=, G_MAXUINT);
  g_assert_cmpuint (f_hh, !=, G_MAXUINT);
  g_assert_cmpint (wk_dataset_get_field (ds, f_won)->aggregate, ==, WK_AGGREGATE_SUM);
  g_assert_cmpint (wk_dataset_get_field (ds, f_hh)->aggregate, ==, WK_AGGREGATE_POP_MEAN);
  for (guint u = 0; u < n; u++)
    {
      double w = wk_dataset_get_value (ds, u, f_won), h = wk_dataset_get_value (ds, u, f_hh);
      gint64 pop = wk_dataset_get_unit (ds, u)->population;

      if (isfinite (w))
        woningen += w;
      if (isfinite (h) && pop >= 0)
        {
          hh_weighted += h * pop;
          hh_weight += pop;
        }
    }
  fields = wk_checker_dup_area_fields (checker, a);
  g_assert_cmpfloat_with_epsilon (g_array_index (fields, WkFieldAggregate, f_won).value, woningen, 1e-6);
  g_assert_cmpfloat_with_epsilon (g_array_index (fields, WkFieldAggregate, f_hh).value,
                                  hh_weighted / hh_weight, 1e-9);
  /* the business parks hold a CBS secret code for GEM_HH_GR */
  g_assert_cmpuint (g_array_index (fields, WkFieldAggregate, f_hh).n_unknown, >=, 1);
  g_assert_cmpfloat (g_array_index (fields, WkFieldAggregate, f_hh).value, >, 1.5);
  g_assert_cmpfloat (g_array_index (fields, WkFieldAggregate, f_hh).value, <, 3.5);
  /* 65+ from a share: between 10 % and 40 % of the population */
  g_assert_cmpfloat (wk_checker_get_area_stats (checker, a)->pop65, >,
                     0.1 * wk_checker_get_area_stats (checker, a)->population);
  g_assert_cmpfloat (wk_checker_get_area_stats (checker, a)->pop65, <,
                     0.4 * wk_checker_get_area_stats (checker, a)->population);
}

/* A criterion evaluated alone, through a context and no checker: the same
 * findings as the checker's for that criterion, and the context's statistics
 * follow the plan when refreshed. */
static void
test_criterion_alone (void)
{
  gint64 pops[6] = { 100, 200, 300, 400, 500, 600 };
  g_autoptr(WkDataset) grid = grid_with (3, 2, pops, NULL, NULL, NULL);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkAreaStatsTable) stats = wk_area_stats_table_new ();
  g_autoptr(WkCriterion) population = _wk_criterion_population_new ();
  g_autoptr(WkCriterion) contiguity = _wk_criterion_contiguity_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  WkCheckContext ctx;
  guint a = wk_plan_create_area (plan, "A", NULL, &error);
  guint apart[] = { 0, 2 };

  wk_plan_assign_units (plan, apart, 2, a, WK_ASSIGN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  wk_check_context_init (&ctx, plan, profile, stats);

  /* 100 + 300 inhabitants, far below the minimum; two parts */
  g_assert_cmpint (wk_check_context_get_area_stats (&ctx, a)->population, ==, 400);
  g_assert_cmpuint (wk_check_context_get_area_stats (&ctx, a)->n_parts, ==, 2);
  wk_criterion_evaluate (population, &ctx, a, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpfloat (wk_finding_get_value (g_ptr_array_index (found, 0)), ==, 400);
  g_assert_cmpint (wk_finding_get_severity (g_ptr_array_index (found, 0)), ==, WK_SEVERITY_ERROR);
  wk_criterion_evaluate (contiguity, &ctx, a, found);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (wk_finding_get_criterion (g_ptr_array_index (found, 1)), ==, "contiguity");

  /* the same as the checker says */
  {
    g_autoptr(WkChecker) checker = wk_checker_new (plan, profile);
    g_autoptr(WkFinding) f = only_finding (checker, "population", a);
    g_autoptr(WkFinding) g = only_finding (checker, "contiguity", a);

    wk_finding_seal (g_ptr_array_index (found, 0));
    wk_finding_seal (g_ptr_array_index (found, 1));
    g_assert_true (wk_finding_equal (f, g_ptr_array_index (found, 0)));
    g_assert_true (wk_finding_equal (g, g_ptr_array_index (found, 1)));
  }

  /* joining the middle unit makes the area whole once the stats are refreshed */
  wk_plan_assign (plan, 1, a, &error);
  wk_check_context_refresh_stats (&ctx, a);
  g_assert_cmpuint (wk_check_context_get_area_stats (&ctx, a)->n_parts, ==, 1);
  g_ptr_array_set_size (found, 0);
  wk_criterion_evaluate (contiguity, &ctx, a, found);
  g_assert_cmpuint (found->len, ==, 0);
  wk_check_context_clear (&ctx);
}

int
main (int   argc,
      char *argv[])
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/core/checker/populations-and-stats", test_populations_and_stats);
  g_test_add_func ("/core/checker/criterion-alone", test_criterion_alone);
  g_test_add_func ("/core/checker/contiguity", test_contiguity);
  g_test_add_func ("/core/checker/municipality", test_municipality);
  g_test_add_func ("/core/checker/outside-boundary", test_outside_boundary);
  g_test_add_func ("/core/checker/coverage", test_coverage);
  g_test_add_func ("/core/checker/providers-capacity-groups", test_providers_capacity_groups);
  g_test_add_func ("/core/checker/split-network", test_split_network);
  g_test_add_func ("/core/checker/unknown-population-in-area", test_unknown_population_in_area);
  g_test_add_func ("/core/checker/sample-plan-problems", test_sample_plan_problems);
  g_test_add_func ("/core/checker/area-fields", test_area_fields);
  g_test_add_func ("/core/checker/incremental-equals-full/sample", test_incremental_equals_full_sample);
  g_test_add_func ("/core/checker/incremental-equals-full/grid", test_incremental_equals_full_grid);
  return g_test_run ();
}
