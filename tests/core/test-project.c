/* test-project.c: the project GeoPackage: round trips, scenarios, damage, crashes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <ogr_api.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wk-test-util.h"

/* -------------------------------------------------------------- helpers */

/* A file in the test's own folder (removed with it). */
static char *
temp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

static WkPlan *
sample_plan (WkDataset *dataset)
{
  g_autofree char *csv = wk_test_sample_path ("plan.csv");
  g_autoptr(WkPlan) plan = wk_plan_new (dataset);
  g_autoptr(GError) error = NULL;

  g_assert_true (wk_plan_import_csv (plan, csv, NULL, &error));
  g_assert_no_error (error);
  wk_plan_set_name (plan, "Startplan");
  wk_plan_clear_history (plan);
  return g_steal_pointer (&plan);
}

static void
assert_same_dataset (WkDataset *a,
                     WkDataset *b)
{
  g_assert_cmpuint (wk_dataset_get_n_units (a), ==, wk_dataset_get_n_units (b));
  g_assert_cmpint (wk_dataset_get_total_population (a), ==, wk_dataset_get_total_population (b));
  for (guint u = 0; u < wk_dataset_get_n_units (a); u++)
    {
      const WkUnit *ua = wk_dataset_get_unit (a, u);
      const WkUnit *ub = wk_dataset_get_unit (b, u);
      const guint *na, *nb;
      const double *la, *lb;
      guint n_a, n_b;

      g_assert_cmpstr (ua->code, ==, ub->code);
      g_assert_cmpstr (ua->name, ==, ub->name);
      g_assert_cmpstr (ua->gm_code, ==, ub->gm_code);
      g_assert_cmpstr (ua->gm_name, ==, ub->gm_name);
      g_assert_cmpint (ua->population, ==, ub->population);
      g_assert_cmpfloat (ua->pop65, ==, ub->pop65);
      g_assert_cmpfloat (ua->area_m2, ==, ub->area_m2);
      g_assert_cmpfloat (ua->perimeter_m, ==, ub->perimeter_m);
      g_assert_cmpfloat_with_epsilon (ua->cx, ub->cx, 1e-6);
      g_assert_cmpfloat_with_epsilon (ua->cy, ub->cy, 1e-6);
      g_assert_cmpfloat_with_epsilon (ua->inside_share, ub->inside_share, 1e-9);
      na = wk_dataset_get_neighbours (a, u, &la, &n_a);
      nb = wk_dataset_get_neighbours (b, u, &lb, &n_b);
      g_assert_cmpuint (n_a, ==, n_b);
      for (guint k = 0; k < n_a; k++)
        {
          g_assert_cmpuint (na[k], ==, nb[k]);
          g_assert_cmpfloat_with_epsilon (la[k], lb[k], 1e-6);
        }
    }
  g_assert_cmpuint (wk_dataset_get_n_fields (a), ==, wk_dataset_get_n_fields (b));
  for (guint f = 0; f < wk_dataset_get_n_fields (a); f++)
    {
      g_assert_cmpstr (wk_dataset_get_field (a, f)->name, ==, wk_dataset_get_field (b, f)->name);
      g_assert_cmpint (wk_dataset_get_field (a, f)->aggregate, ==, wk_dataset_get_field (b, f)->aggregate);
      for (guint u = 0; u < wk_dataset_get_n_units (a); u++)
        {
          double va = wk_dataset_get_value (a, u, f), vb = wk_dataset_get_value (b, u, f);

          g_assert_true ((isnan (va) && isnan (vb)) || va == vb);
        }
    }
  g_assert_cmpuint (wk_dataset_get_n_providers (a), ==, wk_dataset_get_n_providers (b));
  for (guint p = 0; p < wk_dataset_get_n_providers (a); p++)
    {
      const WkProvider *pa = wk_dataset_get_provider (a, p);
      const WkProvider *pb = wk_dataset_get_provider (b, p);

      g_assert_cmpint (pa->kind, ==, pb->kind);
      g_assert_cmpstr (pa->name, ==, pb->name);
      g_assert_cmpstr (pa->network, ==, pb->network);
      g_assert_cmpint (pa->dispensing, ==, pb->dispensing);
      g_assert_true ((isnan (pa->capacity_fte) && isnan (pb->capacity_fte)) ||
                     pa->capacity_fte == pb->capacity_fte);
      g_assert_cmpfloat (pa->x, ==, pb->x);
      g_assert_cmpfloat (pa->y, ==, pb->y);
      g_assert_cmpuint (pa->unit, ==, pb->unit);
    }
  g_assert_cmpuint (wk_dataset_get_n_networks (a), ==, wk_dataset_get_n_networks (b));
  for (guint n = 0; n < wk_dataset_get_n_networks (a); n++)
    {
      const WkNetwork *na = wk_dataset_get_network (a, n);
      const WkNetwork *nb = wk_dataset_get_network (b, n);

      g_assert_cmpstr (na->name, ==, nb->name);
      g_assert_cmpint (na->is_group, ==, nb->is_group);
      g_assert_cmpuint (na->n_units, ==, nb->n_units);
      g_assert_cmpuint (na->n_providers, ==, nb->n_providers);
      for (guint k = 0; k < na->n_units; k++)
        {
          g_assert_cmpuint (na->units[k], ==, nb->units[k]);
          g_assert_cmpfloat_with_epsilon (na->shares[k], nb->shares[k], 1e-9);
        }
    }
  g_assert_cmpint (wk_dataset_has_boundary (a), ==, wk_dataset_has_boundary (b));
}

static void
assert_same_plan (WkPlan *a,
                  WkPlan *b)
{
  GListModel *areas_a = wk_plan_get_areas (a);
  GListModel *areas_b = wk_plan_get_areas (b);
  const guint *as_a, *as_b;
  guint n_a, n_b;

  g_assert_cmpstr (wk_plan_get_name (a), ==, wk_plan_get_name (b));
  g_assert_cmpstr (wk_plan_get_note (a), ==, wk_plan_get_note (b));
  g_assert_cmpuint (g_list_model_get_n_items (areas_a), ==, g_list_model_get_n_items (areas_b));
  for (guint i = 0; i < g_list_model_get_n_items (areas_a); i++)
    {
      g_autoptr(WkArea) x = g_list_model_get_item (areas_a, i);
      g_autoptr(WkArea) y = g_list_model_get_item (areas_b, i);

      g_assert_cmpuint (wk_area_get_id (x), ==, wk_area_get_id (y));
      g_assert_cmpstr (wk_area_get_name (x), ==, wk_area_get_name (y));
      g_assert_cmpstr (wk_area_get_color (x), ==, wk_area_get_color (y));
      g_assert_cmpstr (wk_area_get_note (x), ==, wk_area_get_note (y));
      g_assert_cmpint (wk_area_get_locked (x), ==, wk_area_get_locked (y));
      g_assert_cmpint (wk_area_get_population (x), ==, wk_area_get_population (y));
      g_assert_cmpuint (wk_area_get_n_units (x), ==, wk_area_get_n_units (y));
    }
  as_a = wk_plan_get_assignment (a, &n_a);
  as_b = wk_plan_get_assignment (b, &n_b);
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint u = 0; u < n_a; u++)
    {
      const guint *ea, *eb;
      guint ne_a, ne_b;

      g_assert_cmpuint (as_a[u], ==, as_b[u]);
      ea = wk_plan_get_unit_extras (a, u, &ne_a);
      eb = wk_plan_get_unit_extras (b, u, &ne_b);
      g_assert_cmpuint (ne_a, ==, ne_b);
      for (guint k = 0; k < ne_a; k++)
        g_assert_cmpuint (ea[k], ==, eb[k]);
    }
}

/* Both plans checked with their profiles give the same findings and
 * figures; returns the number of findings. */
static guint
assert_same_check (WkPlan    *a,
                   WkProfile *pa,
                   WkPlan    *b,
                   WkProfile *pb)
{
  g_autoptr(WkChecker) ca = wk_checker_new (a, pa);
  g_autoptr(WkChecker) cb = wk_checker_new (b, pb);
  g_autoptr(GPtrArray) fa = NULL;
  g_autoptr(GPtrArray) fb = NULL;
  GListModel *areas = wk_plan_get_areas (a);

  wk_checker_run (ca);
  wk_checker_run (cb);
  fa = wk_checker_dup_findings (ca);
  fb = wk_checker_dup_findings (cb);
  g_assert_cmpuint (fa->len, ==, fb->len);
  for (guint i = 0; i < fa->len; i++)
    {
      WkFinding *x = g_ptr_array_index (fa, i), *y = g_ptr_array_index (fb, i);

      if (!wk_finding_equal (x, y))
        g_error ("finding %u differs: “%s” (%g) / “%s” (%g)", i, wk_finding_get_message (x),
                 wk_finding_get_value (x), wk_finding_get_message (y), wk_finding_get_value (y));
    }
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      const WkAreaStats *sa = wk_checker_get_area_stats (ca, wk_area_get_id (area));
      const WkAreaStats *sb = wk_checker_get_area_stats (cb, wk_area_get_id (area));

      g_assert_cmpint (sa->population, ==, sb->population);
      g_assert_cmpuint (sa->n_parts, ==, sb->n_parts);
      g_assert_cmpfloat_with_epsilon (sa->area_m2, sb->area_m2, 1e-3);
      g_assert_cmpfloat_with_epsilon (sa->gp_fte, sb->gp_fte, 1e-9);
      g_assert_cmpfloat_with_epsilon (sa->pop65, sb->pop65, 1e-6);
    }
  return fa->len;
}

static WkProject *
open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  WkProject *project = wk_project_open (path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static void
save_project (WkProject  *project,
              const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wk_project_save (project, path, NULL, &error));
  g_assert_no_error (error);
}

/* Saves @project, reopens it and compares everything. */
static WkProject *
assert_round_trip (WkProject  *project,
                   const char *path)
{
  g_autoptr(WkProject) reopened = NULL;
  GListModel *plans;

  save_project (project, path);
  g_assert_false (wk_project_is_modified (project));
  reopened = open_project (path);
  g_assert_false (wk_project_is_modified (reopened));
  assert_same_dataset (wk_project_get_dataset (project), wk_project_get_dataset (reopened));
  g_assert_true (wk_profile_equal (wk_project_get_profile (project), wk_project_get_profile (reopened)));
  plans = wk_project_get_plans (project);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==,
                    g_list_model_get_n_items (wk_project_get_plans (reopened)));
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(WkPlan) a = g_list_model_get_item (plans, i);
      g_autoptr(WkPlan) b = g_list_model_get_item (wk_project_get_plans (reopened), i);

      assert_same_plan (a, b);
      assert_same_check (a, wk_project_get_profile (project), b, wk_project_get_profile (reopened));
    }
  g_assert_cmpstr (wk_plan_get_name (wk_project_get_active_plan (project)), ==,
                   wk_plan_get_name (wk_project_get_active_plan (reopened)));
  g_assert_cmpuint (wk_project_get_audit_log (project)->len, ==,
                    wk_project_get_audit_log (reopened)->len);
  g_assert_cmpuint (wk_project_get_sources (project)->len, ==,
                    wk_project_get_sources (reopened)->len);
  return g_steal_pointer (&reopened);
}

/* ---------------------------------------------------------- round trips */

static void
test_round_trip_sample (void)
{
  g_autoptr(WkDataset) dataset = wk_test_sample_dataset ();
  g_autoptr(WkPlan) plan = sample_plan (dataset);
  g_autoptr(WkProject) project = wk_project_new (dataset, NULL);
  g_autoptr(WkProject) reopened = NULL;
  g_autofree char *path = temp_path ("sample.wijk.gpkg");
  g_autoptr(GError) error = NULL;
  WkPlan *first = wk_project_get_active_plan (project);
  WkPlan *copy;
  WkArea *area;
  guint n_findings;

  /* The sample plan is a scenario beside the empty first plan. */
  g_assert_true (wk_project_add_plan (project, plan, &error));
  g_assert_no_error (error);
  wk_project_set_active_plan (project, plan);
  wk_plan_set_note (plan, "Besproken met de ROS op 12 maart.\nNog te doen: Westerlaan.");
  area = wk_plan_find_area (plan, "Westerlaan");
  g_assert_nonnull (area);
  g_assert_true (wk_plan_set_area_note (plan, wk_area_get_id (area), "Te klein — samenvoegen?", &error));
  g_assert_true (wk_plan_set_area_locked (plan, wk_area_get_id (area), TRUE, &error));
  g_assert_no_error (error);
  copy = wk_project_duplicate_plan (project, plan, "Variant B", &error);
  g_assert_no_error (error);
  g_assert_true (wk_plan_merge_areas (copy, wk_area_get_id (wk_plan_find_area (copy, "Kerkhoven")),
                                      wk_area_get_id (wk_plan_find_area (copy, "Oudeland")), &error));
  g_assert_no_error (error);
  g_assert_true (wk_profile_set_double (wk_project_get_profile (project), "population",
                                        "min", 4000, &error));
  g_assert_no_error (error);
  g_assert_true (wk_project_is_modified (project));
  g_assert_cmpstr (wk_plan_get_name (first), ==, "Plan");

  reopened = assert_round_trip (project, path);

  /* The reopened project checks like the source files do. */
  n_findings = assert_same_check (wk_project_get_active_plan (reopened),
                                  wk_project_get_profile (reopened), plan,
                                  wk_project_get_profile (project));
  g_assert_cmpuint (n_findings, >, 0);
  area = wk_plan_find_area (wk_project_get_active_plan (reopened), "Westerlaan");
  g_assert_cmpstr (wk_area_get_note (area), ==, "Te klein — samenvoegen?");
  g_assert_true (wk_area_get_locked (area));
  g_assert_cmpfloat (wk_profile_get_double (wk_project_get_profile (reopened), "population",
                                            "min"), ==, 4000);
  g_assert_cmpuint (wk_project_get_sources (reopened)->len, ==, 7);
}

/* The real Woerden buurten, one area per CBS wijk. */
static WkProject *
woerden_project (void)
{
  g_autofree char *units = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GDALDatasetH ds;
  WkPlan *plan;
  OGRLayerH layer;
  OGRFeatureH f;

  if (units == NULL)
    return NULL;
  options = wk_load_options_new (units);
  dataset = wk_test_load (options);
  project = wk_project_new (dataset, NULL);
  plan = wk_project_get_active_plan (project);

  /* plain OGR: the wijk of each buurt */
  ds = GDALOpenEx (units, GDAL_OF_VECTOR, NULL, NULL, NULL);
  layer = GDALDatasetGetLayer (ds, 0);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *wijk = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "WK_CODE"));
      guint unit = wk_dataset_lookup_code (dataset, OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "BU_CODE")));
      WkArea *area = wk_plan_find_area (plan, wijk);
      guint id = area ? wk_area_get_id (area) : wk_plan_create_area (plan, wijk, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (unit, !=, WK_UNIT_NONE);
      g_assert_true (wk_plan_assign (plan, unit, id, &error));
      g_assert_no_error (error);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  g_assert_cmpuint (wk_plan_get_n_assigned (plan), ==, wk_dataset_get_n_units (dataset));
  g_assert_cmpuint (wk_plan_get_n_areas (plan), >, 3);
  return g_steal_pointer (&project);
}

static void
test_round_trip_woerden (void)
{
  g_autoptr(WkProject) project = woerden_project ();
  g_autoptr(WkProject) reopened = NULL;
  g_autofree char *path = temp_path ("woerden.wijk.gpkg");
  g_autoptr(GError) error = NULL;
  WkPlan *plan;
  GListModel *areas;

  if (project == NULL)
    return;
  plan = wk_project_get_active_plan (project);
  areas = wk_plan_get_areas (plan);
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      g_autofree char *note = g_strdup_printf ("Wijk %u: teamoverleg op dinsdag", i + 1);

      g_assert_true (wk_plan_set_area_note (plan, wk_area_get_id (area), note, &error));
      g_assert_no_error (error);
    }
  wk_plan_set_note (plan, "Woerden, eerste voorstel");
  g_assert_nonnull (wk_project_duplicate_plan (project, plan, NULL, &error));
  g_assert_no_error (error);
  reopened = assert_round_trip (project, path);
  g_assert_nonnull (wk_project_find_plan (reopened, "Plan (copy)"));
  g_assert_cmpstr (wk_plan_get_note (wk_project_get_active_plan (reopened)), ==,
                   "Woerden, eerste voorstel");
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);

  g_test_add_func ("/core/project/round-trip-sample", test_round_trip_sample);
  g_test_add_func ("/core/project/round-trip-woerden", test_round_trip_woerden);
  return g_test_run ();
}
