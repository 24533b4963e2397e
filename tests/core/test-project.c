/* test-project.c: the project GeoPackage: round trips, scenarios, damage, crashes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <ogr_api.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wk-test-util.h"

/* -------------------------------------------------------------- helpers */

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
  g_autofree char *path = wk_test_temp_path ("sample.wijk.gpkg");
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
  WkPlan *plan;

  if (units == NULL)
    return NULL;
  options = wk_load_options_new (units);
  dataset = wk_test_load (options);
  project = wk_project_new (dataset, NULL);
  plan = wk_project_get_active_plan (project);
  wk_test_plan_by_field (plan, units, "BU_CODE", "WK_CODE");
  g_assert_cmpuint (wk_plan_get_n_assigned (plan), ==, wk_dataset_get_n_units (dataset));
  g_assert_cmpuint (wk_plan_get_n_areas (plan), >, 3);
  return g_steal_pointer (&project);
}

static void
test_round_trip_woerden (void)
{
  g_autoptr(WkProject) project = woerden_project ();
  g_autoptr(WkProject) reopened = NULL;
  g_autofree char *path = wk_test_temp_path ("woerden.wijk.gpkg");
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

/* -------------------------------------------------------- GDAL's tools */

static WkProject *
saved_sample_project (const char *path)
{
  g_autoptr(WkDataset) dataset = wk_test_sample_dataset ();
  g_autoptr(WkPlan) plan = sample_plan (dataset);
  g_autoptr(WkProject) project = wk_project_new (dataset, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (wk_project_add_plan (project, plan, &error));
  g_assert_no_error (error);
  wk_project_set_active_plan (project, plan);
  g_assert_true (wk_project_remove_plan (project, wk_project_find_plan (project, "Plan"), &error));
  g_assert_no_error (error);
  save_project (project, path);
  return g_steal_pointer (&project);
}

static gboolean
run_tool (const char  *tool,
          char       **out,
          char       **err,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path (tool);
  int status = 0;
  va_list ap;

  if (program == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s (gdal-bin) is not installed", tool);
      g_test_skip (message);
      return FALSE;
    }
  g_ptr_array_add (args, g_steal_pointer (&program));
  va_start (ap, err);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (a));
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", tool, *err);
  return TRUE;
}

/* ogrinfo lists every map layer in RD New; ogr2ogr converts the areas. */
static void
test_gdal_tools (void)
{
  g_autofree char *path = wk_test_temp_path ("tools.wijk.gpkg");
  g_autofree char *geojson = wk_test_temp_path ("areas.geojson");
  g_autoptr(WkProject) project = saved_sample_project (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *spatial[] = { "units", "providers", "networks", "boundary", "areas" };
  g_auto(GStrv) blocks = NULL;
  JsonArray *features;
  guint n_spatial = 0;

  if (!run_tool ("ogrinfo", &out, &err, "-ro", "-so", "-al", path, NULL))
    return;
  g_assert_null (strstr (err, "ERROR"));
  blocks = g_strsplit (out, "Layer name: ", -1);
  for (guint i = 1; blocks[i] != NULL; i++)
    for (guint k = 0; k < G_N_ELEMENTS (spatial); k++)
      if (g_str_has_prefix (blocks[i], spatial[k]) && blocks[i][strlen (spatial[k])] == '\n')
        {
          g_assert_nonnull (strstr (blocks[i], "ID[\"EPSG\",28992]]\nData axis"));
          n_spatial++;
        }
  g_assert_cmpuint (n_spatial, ==, G_N_ELEMENTS (spatial));
  for (const char *t = "wk_plans\0wk_plan_areas\0wk_assignment\0wk_audit_log\0wk_metadata\0"; *t; t += strlen (t) + 1)
    {
      g_autofree char *needle = g_strdup_printf ("Layer name: %s\n", t);
      g_assert_nonnull (strstr (out, needle));
    }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  if (!run_tool ("ogr2ogr", &out, &err, "-f", "GeoJSON", geojson, path, "areas", NULL))
    return;
  g_assert_null (strstr (err, "ERROR"));
  g_assert_true (json_parser_load_from_file (parser, geojson, &error));
  g_assert_no_error (error);
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "features");
  g_assert_cmpuint (json_array_get_length (features), ==,
                    wk_plan_get_n_areas (wk_project_get_active_plan (project)));
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      JsonObject *props = json_object_get_object_member (f, "properties");
      WkArea *area = wk_plan_find_area (wk_project_get_active_plan (project),
                                        json_object_get_string_member (props, "name"));

      g_assert_nonnull (area);
      g_assert_cmpint (json_object_get_int_member (props, "population"), ==,
                       wk_area_get_population (area));
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (f, "geometry")));
    }
}

/* ------------------------------------------------------- damaged files */

static void
assert_open_fails (const char *path,
                   int         code)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProject) project = wk_project_open (path, NULL, NULL, &error);

  g_assert_null (project);
  g_assert_error (error, WK_PROJECT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, base));
}

static void
write_bytes (const char *path,
             const char *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, length, &error));
  g_assert_no_error (error);
}

static void
test_open_errors (void)
{
  g_autofree char *good = wk_test_temp_path ("good.wijk.gpkg");
  g_autofree char *missing = wk_test_temp_path ("missing.wijk.gpkg");
  g_autofree char *empty = wk_test_temp_path ("empty.wijk.gpkg");
  g_autofree char *text = wk_test_temp_path ("text.wijk.gpkg");
  g_autofree char *plain = wk_test_temp_path ("plain.gpkg");
  g_autofree char *sqlite = wk_test_temp_path ("foreign.wijk.gpkg");
  g_autofree char *units = wk_test_sample_path ("units.geojson");
  g_autofree char *geojson = NULL;
  g_autoptr(WkProject) project = saved_sample_project (good);
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(GError) error = NULL;
  GDALDatasetH ds;

  assert_open_fails (missing, WK_PROJECT_ERROR_OPEN);
  write_bytes (empty, "", 0);
  assert_open_fails (empty, WK_PROJECT_ERROR_CORRUPT);
  g_assert_true (g_file_get_contents (units, &geojson, NULL, NULL));
  write_bytes (text, geojson, -1);
  assert_open_fails (text, WK_PROJECT_ERROR_NOT_PROJECT);

  /* A GeoPackage of another program (here: our own export). */
  checker = wk_checker_new (wk_project_get_active_plan (project), wk_project_get_profile (project));
  g_assert_true (wk_export (checker, WK_EXPORT_GPKG, plain, &error));
  g_assert_no_error (error);
  assert_open_fails (plain, WK_PROJECT_ERROR_NOT_PROJECT);
  g_assert_false (wk_project_is_project_file (plain));
  g_assert_true (wk_project_is_project_file (good));

  /* An SQLite database that is no GeoPackage, named like a project. */
  ds = GDALCreate (GDALGetDriverByName ("SQLite"), sqlite, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);
  g_assert_nonnull (GDALDatasetCreateLayer (ds, "things", NULL, wkbNone, NULL));
  GDALClose (ds);
  assert_open_fails (sqlite, WK_PROJECT_ERROR_NOT_PROJECT);
}

/* Every truncation of a project, and bytes overwritten anywhere, give a
 * clear error naming the file (or, where the damage hit nothing that
 * matters, the same project); never a crash. */
static void
test_open_damaged (void)
{
  g_autofree char *good = wk_test_temp_path ("good.wijk.gpkg");
  g_autofree char *bad = wk_test_temp_path ("bad.wijk.gpkg");
  g_autoptr(WkProject) project = saved_sample_project (good);
  g_autofree char *data = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  gsize length = 0;
  guint n_failed = 0, n_opened = 0;

  g_assert_true (g_file_get_contents (good, &data, &length, NULL));
  g_assert_cmpuint (length, >, 65536);

  for (guint i = 0; i < 12; i++)
    {
      gsize cut = i == 0 ? 10 : i == 1 ? 100 : (length * i) / 12;

      write_bytes (bad, data, cut);
      assert_open_fails (bad, cut < 16 ? WK_PROJECT_ERROR_NOT_PROJECT : WK_PROJECT_ERROR_CORRUPT);
    }
  write_bytes (bad, data, length - 1);
  assert_open_fails (bad, WK_PROJECT_ERROR_CORRUPT);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *copy = g_memdup2 (data, length);
      gsize at = g_rand_int_range (rand, 100, length - 64);
      g_autoptr(GError) error = NULL;
      g_autoptr(WkProject) reopened = NULL;

      for (guint k = 0; k < 64; k++)
        copy[at + k] = g_rand_int_range (rand, 0, 256);
      write_bytes (bad, copy, length);
      reopened = wk_project_open (bad, NULL, NULL, &error);
      if (reopened == NULL)
        {
          g_assert_true (error->domain == WK_PROJECT_ERROR);
          g_assert_nonnull (strstr (error->message, "bad.wijk.gpkg"));
          n_failed++;
        }
      else
        {
          /* Damage where nothing is read (free pages, an index) or not
           * detectable (a digit of a number): nothing went missing. */
          WkDataset *a = wk_project_get_dataset (project);
          WkDataset *b = wk_project_get_dataset (reopened);

          g_assert_cmpuint (wk_dataset_get_n_units (a), ==, wk_dataset_get_n_units (b));
          g_assert_cmpuint (wk_dataset_get_n_providers (a), ==, wk_dataset_get_n_providers (b));
          g_assert_cmpuint (wk_dataset_get_n_networks (a), ==, wk_dataset_get_n_networks (b));
          g_assert_cmpuint (g_list_model_get_n_items (wk_project_get_plans (reopened)), ==, 1);
          n_opened++;
        }
    }
  g_test_message ("overwritten: %u refused, %u opened", n_failed, n_opened);
  g_assert_cmpuint (n_failed, >, 0);
}

/* A newer format and a plan that names units the file does not hold. */
static void
test_open_inconsistent (void)
{
  g_autofree char *path = wk_test_temp_path ("edited.wijk.gpkg");
  g_autoptr(WkProject) project = NULL;
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH f;

  project = saved_sample_project (path);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
  layer = GDALDatasetGetLayerByName (ds, "wk_assignment");
  f = OGR_L_GetFeature (layer, 1);
  OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "unit_code"), "BU00000000");
  g_assert_cmpint (OGR_L_SetFeature (layer, f), ==, OGRERR_NONE);
  OGR_F_Destroy (f);
  GDALClose (ds);
  assert_open_fails (path, WK_PROJECT_ERROR_CORRUPT);

  g_clear_object (&project);
  project = saved_sample_project (path);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_UPDATE, NULL, NULL, NULL);
  layer = GDALDatasetGetLayerByName (ds, "wk_metadata");
  OGR_L_ResetReading (layer);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      if (g_str_equal (OGR_F_GetFieldAsString (f, 0), "format_version"))
        {
          OGR_F_SetFieldString (f, 1, "99");
          g_assert_cmpint (OGR_L_SetFeature (layer, f), ==, OGRERR_NONE);
        }
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  assert_open_fails (path, WK_PROJECT_ERROR_VERSION);
}

/* The units layer carries each unit's area in the active plan, as saved. */
static void
test_units_area_column (void)
{
  g_autofree char *path = wk_test_temp_path ("column.wijk.gpkg");
  g_autoptr(WkProject) project = saved_sample_project (path);
  g_autoptr(GError) error = NULL;
  WkPlan *plan = wk_project_get_active_plan (project);
  WkDataset *dataset = wk_project_get_dataset (project);
  WkArea *kerk = wk_plan_find_area (plan, "Kerkhoven");
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH f;
  guint n = 0;

  /* an edit, and a save brings the column up to date */
  g_assert_true (wk_plan_assign (plan, 0, wk_area_get_id (kerk), &error));
  g_assert_no_error (error);
  save_project (project, NULL);

  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  layer = GDALDatasetGetLayerByName (ds, "units");
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      guint unit = wk_dataset_lookup_code (dataset, OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "BU_CODE")));
      guint area = wk_plan_get_unit_area (plan, unit);
      int field = OGR_F_GetFieldIndex (f, "wk_area");

      if (area == WK_AREA_NONE)
        g_assert_false (OGR_F_IsFieldSetAndNotNull (f, field));
      else
        {
          g_assert_cmpstr (OGR_F_GetFieldAsString (f, field), ==,
                           wk_area_get_name (wk_plan_get_area (plan, area)));
          g_assert_cmpint (OGR_F_GetFieldAsInteger (f, OGR_F_GetFieldIndex (f, "wk_area_id")), ==, area);
        }
      n++;
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  g_assert_cmpuint (n, ==, wk_dataset_get_n_units (dataset));
  g_assert_cmpuint (wk_plan_get_unit_area (plan, 0), ==, wk_area_get_id (kerk));
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (wk_project_save_finish (WK_PROJECT (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
on_opened_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  WkProject **project = user_data;
  g_autoptr(GError) error = NULL;

  *project = wk_project_open_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* A save on a worker writes the plan as it was when the save began; an
 * edit made meanwhile stays unsaved. */
static void
test_async (void)
{
  g_autofree char *path = wk_test_temp_path ("async.wijk.gpkg");
  g_autoptr(WkProject) project = saved_sample_project (path);
  g_autoptr(WkProject) reopened = NULL;
  WkPlan *plan = wk_project_get_active_plan (project);
  gboolean done = FALSE;

  wk_plan_set_note (plan, "saved in the background");
  wk_project_save_async (project, NULL, NULL, NULL, on_saved_cb, &done);
  wk_plan_set_note (plan, "typed while saving");
  g_assert_true (wk_test_wait_until (is_true, &done, 60000));
  g_assert_true (wk_project_is_modified (project));
  g_assert_true (wk_plan_undo (plan));
  g_assert_false (wk_project_is_modified (project));

  wk_project_open_async (path, NULL, NULL, on_opened_cb, &reopened);
  g_assert_true (wk_test_wait_until (is_set, &reopened, 60000));
  g_assert_cmpstr (wk_plan_get_note (wk_project_get_active_plan (reopened)), ==,
                   "saved in the background");
  assert_same_plan (plan, wk_project_get_active_plan (reopened));
}

/* ---------------------------------------------------------- scenarios */

static void
test_scenarios (void)
{
  g_autoptr(WkDataset) dataset = wk_test_sample_dataset ();
  g_autoptr(WkProject) project = wk_project_new (dataset, NULL);
  g_autoptr(WkPlan) imported = sample_plan (dataset);
  g_autofree char *path = wk_test_temp_path ("scenarios.wijk.gpkg");
  g_autoptr(GError) error = NULL;
  WkPlan *first = wk_project_get_active_plan (project);
  WkPlan *copy, *copy2;
  GListModel *plans = wk_project_get_plans (project);
  guint west;

  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_assert_true (wk_project_is_modified (project));
  g_assert_false (wk_project_remove_plan (project, first, &error));
  g_assert_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_LAST_PLAN);
  g_clear_error (&error);

  wk_plan_set_name (imported, "Plan");
  g_assert_false (wk_project_add_plan (project, imported, &error));
  g_assert_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_PLAN_NAME);
  g_clear_error (&error);
  wk_plan_set_name (imported, "Startplan");
  g_assert_true (wk_project_add_plan (project, imported, &error));
  g_assert_no_error (error);

  copy = wk_project_duplicate_plan (project, imported, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wk_plan_get_name (copy), ==, "Startplan (copy)");
  copy2 = wk_project_duplicate_plan (project, imported, NULL, &error);
  g_assert_cmpstr (wk_plan_get_name (copy2), ==, "Startplan (copy) 2");
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 4);
  g_assert_false (wk_plan_can_undo (copy));

  /* A copy is a plan of its own. */
  west = wk_area_get_id (wk_plan_find_area (copy, "Westerlaan"));
  g_assert_true (wk_plan_delete_area (copy, west, &error));
  g_assert_no_error (error);
  g_assert_nonnull (wk_plan_find_area (imported, "Westerlaan"));
  g_assert_null (wk_plan_find_area (copy, "Westerlaan"));

  g_assert_false (wk_project_rename_plan (project, copy2, "Startplan", &error));
  g_assert_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_PLAN_NAME);
  g_clear_error (&error);
  g_assert_false (wk_project_rename_plan (project, copy2, "  ", &error));
  g_assert_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_PLAN_NAME);
  g_clear_error (&error);
  g_assert_true (wk_project_rename_plan (project, copy2, " Zonder Westerlaan ", &error));
  g_assert_cmpstr (wk_plan_get_name (copy2), ==, "Zonder Westerlaan");
  g_assert_true (wk_plan_undo (copy2));
  g_assert_cmpstr (wk_plan_get_name (copy2), ==, "Startplan (copy) 2");
  g_assert_true (wk_plan_redo (copy2));

  wk_project_set_active_plan (project, copy2);
  g_assert_true (wk_project_remove_plan (project, copy2, &error));
  g_assert_no_error (error);
  g_assert_true (wk_project_get_active_plan (project) == copy);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 3);

  /* Saved, nothing is modified; an edit and its undo go there and back. */
  save_project (project, path);
  g_assert_false (wk_project_is_modified (project));
  g_assert_cmpstr (wk_project_get_path (project), ==, path);
  g_assert_true (wk_plan_create_area (first, "Nieuw", NULL, &error) != 0);
  g_assert_true (wk_project_is_modified (project));
  g_assert_true (wk_plan_undo (first));
  g_assert_false (wk_project_is_modified (project));
  wk_project_set_active_plan (project, first);
  g_assert_true (wk_project_is_modified (project));
  {
    g_autofree char *title = wk_project_dup_title (project);
    g_assert_cmpstr (title, ==, "scenarios");
  }
}

static const WkAuditEntry *
find_line (WkProject  *project,
           const char *action,
           guint       from)
{
  GPtrArray *log = wk_project_get_audit_log (project);

  for (guint i = from; i < log->len; i++)
    {
      const WkAuditEntry *e = g_ptr_array_index (log, i);

      if (g_str_equal (e->action, action))
        return e;
    }
  return NULL;
}

/* Edits are logged as they happen: a brush stroke as one line per pair of
 * areas, an undo as such, renames with the old and new name. */
static void
test_audit_log (void)
{
  g_autoptr(WkDataset) dataset = wk_test_sample_dataset ();
  g_autoptr(WkPlan) plan = sample_plan (dataset);
  g_autoptr(WkProject) project = wk_project_new (dataset, NULL);
  g_autofree char *path = wk_test_temp_path ("audit.wijk.gpkg");
  g_autoptr(WkProject) reopened = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *log = wk_project_get_audit_log (project);
  const WkAuditEntry *e;
  WkArea *west, *kerk;
  guint start, n_west = 0;
  const guint *members;
  g_autoptr(GString) expected = g_string_new (NULL);

  g_assert_true (wk_project_add_plan (project, plan, &error));
  g_assert_nonnull (find_line (project, "Add plan", 0));
  west = wk_plan_find_area (plan, "Westerlaan");
  kerk = wk_plan_find_area (plan, "Kerkhoven");
  members = wk_plan_get_area_units (plan, wk_area_get_id (west), &n_west);
  g_assert_cmpuint (n_west, >=, 2);

  /* A stroke over two of Westerlaan's units, unit by unit. */
  start = log->len;
  {
    g_autofree guint *two = g_memdup2 (members, 2 * sizeof (guint));

    wk_plan_begin_group (plan, "Paint");
    for (guint i = 0; i < 2; i++)
      {
        g_assert_true (wk_plan_assign (plan, two[i], wk_area_get_id (kerk), &error));
        g_string_append_printf (expected, "%s%s", i ? ", " : "",
                                wk_dataset_get_unit (dataset, two[i])->code);
      }
    wk_plan_end_group (plan);
  }
  g_assert_cmpuint (log->len, ==, start + 1);
  e = g_ptr_array_index (log, start);
  g_assert_cmpstr (e->action, ==, "Paint");
  g_assert_cmpstr (e->plan, ==, "Startplan");
  g_assert_cmpstr (e->from_area, ==, "Westerlaan");
  g_assert_cmpstr (e->to_area, ==, "Kerkhoven");
  g_assert_cmpstr (e->units, ==, expected->str);

  g_assert_true (wk_plan_undo (plan));
  e = find_line (project, "Undo: Paint", start);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->from_area, ==, "Kerkhoven");
  g_assert_cmpstr (e->to_area, ==, "Westerlaan");
  g_assert_cmpstr (e->units, ==, expected->str);

  g_assert_true (wk_plan_rename_area (plan, wk_area_get_id (west), "Westerlaan-Noord", &error));
  e = g_ptr_array_index (log, log->len - 1);
  g_assert_cmpstr (e->from_area, ==, "Westerlaan");
  g_assert_cmpstr (e->to_area, ==, "Westerlaan-Noord");
  g_assert_null (e->units);

  g_assert_true (wk_plan_set_area_note (plan, wk_area_get_id (kerk), "Overleg met HAGRO", &error));
  e = g_ptr_array_index (log, log->len - 1);
  g_assert_cmpstr (e->from_area, ==, "Kerkhoven");
  g_assert_cmpstr (e->to_area, ==, "Kerkhoven");
  g_assert_no_error (error);

  reopened = assert_round_trip (project, path);
  e = find_line (reopened, "Undo: Paint", 0);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->units, ==, expected->str);
  g_assert_nonnull (g_date_time_new_from_iso8601 (e->time, NULL));
}

/* A save that fails or is cancelled leaves the file as it was. */
static void
test_save_failure (void)
{
  g_autofree char *path = wk_test_temp_path ("kept.wijk.gpkg");
  g_autofree char *nowhere = wk_test_temp_path ("no-such-folder/x.wijk.gpkg");
  g_autoptr(WkProject) project = saved_sample_project (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) dir = NULL;
  gsize n_before, n_after;
  const char *name;
  WkPlan *plan = wk_project_get_active_plan (project);

  g_assert_true (g_file_get_contents (path, &before, &n_before, NULL));
  wk_plan_set_note (plan, "not saved");

  g_assert_false (wk_project_save (project, nowhere, NULL, &error));
  g_assert_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "x.wijk.gpkg"));
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (wk_project_save (project, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);
  g_assert_true (wk_project_is_modified (project));
  dir = g_dir_open (g_get_user_cache_dir (), 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "."));
}

/* ------------------------------------------------------------- crashes */

static char *
self_program (void)
{
  g_autoptr(GError) error = NULL;
  char *exe = g_file_read_link ("/proc/self/exe", &error);

  g_assert_no_error (error);
  return exe;
}

/* The other side of /core/project/recovery, in a process of its own: opens
 * the project, edits it, writes a recovery copy as the app's autosave does,
 * says so, and waits to be killed. */
static int
recovery_helper (const char *state_dir,
                 const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProject) project = wk_project_open (path, NULL, NULL, &error);
  WkPlan *plan;
  WkArea *west, *kerk;
  guint n = 0, moved;

  if (project == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  plan = wk_project_get_active_plan (project);
  west = wk_plan_find_area (plan, "Westerlaan");
  kerk = wk_plan_find_area (plan, "Kerkhoven");
  moved = wk_plan_get_area_units (plan, wk_area_get_id (west), &n)[0];
  if (!wk_plan_assign (plan, moved, wk_area_get_id (kerk), &error) ||
      !wk_plan_rename_area (plan, wk_area_get_id (kerk), "Kerkhoven-Groot", &error) ||
      wk_project_duplicate_plan (project, plan, "Na de crash", &error) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  wk_plan_set_note (plan, "Niet opgeslagen wijziging");
  if (!wk_project_recovery_is_due (project) ||
      !wk_project_save_recovery (project, state_dir, &error))
    {
      g_printerr ("%s\n", error ? error->message : "no recovery due");
      return 2;
    }
  g_print ("ready %s\n", wk_dataset_get_unit (wk_project_get_dataset (project), moved)->code);
  fflush (stdout);
  for (;;)
    pause ();
}

/* Unsaved edits, the process killed with SIGKILL, a new start: the edits
 * come back from the recovery copy, and the project file is untouched. */
static void
test_recovery (void)
{
  g_autofree char *path = wk_test_temp_path ("crash.wijk.gpkg");
  g_autofree char *state = wk_test_temp_path ("state");
  g_autofree char *exe = self_program ();
  g_autoptr(WkProject) project = saved_sample_project (path);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(WkProject) restored = NULL;
  g_autoptr(WkProject) original = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const WkRecoveryInfo *info;
  WkPlan *plan;
  guint unit;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe, "--project-helper",
                            state, path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "ready "));

  /* A running session's copy is not offered to another. */
  found = wk_project_find_recovery (state);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  g_subprocess_send_signal (child, SIGKILL);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  found = wk_project_find_recovery (state);
  g_assert_cmpuint (found->len, ==, 1);
  info = g_ptr_array_index (found, 0);
  g_assert_cmpstr (info->project_path, ==, path);
  g_assert_cmpstr (info->title, ==, "crash");
  g_assert_cmpint (llabs (info->saved - g_get_real_time () / G_USEC_PER_SEC), <, 600);

  restored = wk_project_open_recovery (info, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wk_project_get_path (restored), ==, path);
  g_assert_true (wk_project_is_modified (restored));
  plan = wk_project_get_active_plan (restored);
  g_assert_cmpstr (wk_plan_get_note (plan), ==, "Niet opgeslagen wijziging");
  g_assert_nonnull (wk_plan_find_area (plan, "Kerkhoven-Groot"));
  g_assert_nonnull (wk_project_find_plan (restored, "Na de crash"));
  unit = wk_dataset_lookup_code (wk_project_get_dataset (restored), line + strlen ("ready "));
  g_assert_cmpuint (wk_plan_get_unit_area (plan, unit), ==,
                    wk_area_get_id (wk_plan_find_area (plan, "Kerkhoven-Groot")));
  g_assert_nonnull (find_line (restored, "Rename area", 0));

  /* The project file itself still holds the last save. */
  original = open_project (path);
  g_assert_cmpstr (wk_plan_get_note (wk_project_get_active_plan (original)), !=,
                   "Niet opgeslagen wijziging");
  g_assert_nonnull (wk_plan_find_area (wk_project_get_active_plan (original), "Kerkhoven"));
  g_clear_object (&original);

  /* Saving the restored project makes the copy go. */
  save_project (restored, NULL);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = wk_project_find_recovery (state);
  g_assert_cmpuint (found->len, ==, 0);
  original = open_project (path);
  assert_same_plan (wk_project_get_active_plan (original), plan);
}

/* Recovery copies follow the edits, not the clock alone, and go when the
 * user discards the changes. */
static void
test_recovery_due (void)
{
  g_autofree char *path = wk_test_temp_path ("due.wijk.gpkg");
  g_autoptr(WkProject) project = saved_sample_project (path);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  WkPlan *plan = wk_project_get_active_plan (project);

  g_assert_false (wk_project_recovery_is_due (project));
  wk_plan_set_note (plan, "edit");
  g_assert_true (wk_project_recovery_is_due (project));
  g_assert_true (wk_project_save_recovery (project, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wk_project_recovery_is_due (project));
  wk_plan_set_note (plan, "another edit");
  /* Less than WK_PROJECT_AUTOSAVE_INTERVAL after the last copy. */
  g_assert_false (wk_project_recovery_is_due (project));

  /* In the default state folder; our own session's copy is listed (after
   * a crash a new process may get the same id). */
  found = wk_project_find_recovery (NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_str_has_prefix (((WkRecoveryInfo *) g_ptr_array_index (found, 0))->path,
                                   g_get_user_state_dir ()));
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_true (wk_project_discard_recovery (project, &error));
  found = wk_project_find_recovery (NULL);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_true (wk_project_is_modified (project));
}

/* What a light look at the file says: the plan's note (which marks the
 * state) and its assignment, read with plain OGR calls after SQLite's
 * integrity check. */
static char *
read_saved_state (const char *path,
                  guint      *assignment,
                  WkDataset  *dataset)
{
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH layer;
  OGRFeatureH f;
  char *note = NULL;

  g_assert_nonnull (ds);
  layer = GDALDatasetExecuteSQL (ds, "PRAGMA quick_check", NULL, NULL);
  f = OGR_L_GetNextFeature (layer);
  g_assert_cmpstr (OGR_F_GetFieldAsString (f, 0), ==, "ok");
  OGR_F_Destroy (f);
  GDALDatasetReleaseResultSet (ds, layer);

  layer = GDALDatasetGetLayerByName (ds, "wk_plans");
  g_assert_nonnull (layer);
  f = OGR_L_GetNextFeature (layer);
  note = g_strdup (OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "note")));
  OGR_F_Destroy (f);

  memset (assignment, 0, sizeof (guint) * wk_dataset_get_n_units (dataset));
  layer = GDALDatasetGetLayerByName (ds, "wk_assignment");
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      guint unit = wk_dataset_lookup_code (dataset, OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "unit_code")));

      g_assert_cmpuint (unit, !=, WK_UNIT_NONE);
      assignment[unit] = OGR_F_GetFieldAsInteger (f, OGR_F_GetFieldIndex (f, "area_id"));
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return note;
}

/* A child process saves a large project while this one kills it at a
 * random moment, over and over: the file always opens, and holds either
 * the state before the save or the one after it. */
static void
test_interrupted_save (void)
{
  g_autofree char *dir = wk_test_temp_path ("synthetic");
  g_autofree char *path = wk_test_temp_path ("large.wijk.gpkg");
  g_autofree char *units = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *saved = NULL;
  g_autofree guint *wanted = NULL;
  g_autofree guint *found = NULL;
  g_autofree char *saved_note = NULL;
  g_autoptr(GDir) listing = NULL;
  WkSyntheticOptions synthetic;
  WkPlan *plan;
  const guint *assignment;
  guint n_units, n_areas, n_old = 0, n_new = 0, n_stale = 0;
  const char *name;
  gint64 start;
  double save_us, kill_within_us;

  wk_synthetic_options_init (&synthetic);
  synthetic.n_units = 2500;
  synthetic.units_format = "gpkg";
  g_assert_true (wk_synthetic_write (&synthetic, dir, &error));
  g_assert_no_error (error);
  units = g_build_filename (dir, "units.gpkg", NULL);
  csv = g_build_filename (dir, "plan.csv", NULL);
  options = wk_load_options_new (units);
  dataset = wk_test_load (options);
  project = wk_project_new (dataset, NULL);
  plan = wk_project_get_active_plan (project);
  g_assert_true (wk_plan_import_csv (plan, csv, NULL, &error));
  g_assert_no_error (error);
  n_areas = wk_plan_get_n_areas (plan);
  n_units = wk_dataset_get_n_units (dataset);
  g_assert_cmpuint (n_units, >, 2000);

  wk_plan_set_note (plan, "state 0");
  start = g_get_monotonic_time ();
  save_project (project, path);
  save_us = g_get_monotonic_time () - start;
  g_test_message ("saving %u units takes %.0f ms", n_units, save_us / 1000);
  kill_within_us = 1.3 * save_us;
  assignment = wk_plan_get_assignment (plan, &n_units);
  saved = g_memdup2 (assignment, sizeof (guint) * n_units);
  saved_note = g_strdup ("state 0");
  found = g_new0 (guint, n_units);

  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *note = g_strdup_printf ("state %u", i);
      g_autofree char *on_disk = NULL;
      guint unit = g_test_rand_int_range (0, n_units);
      g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (plan),
                                                      g_test_rand_int_range (0, n_areas));
      int status = 0;
      pid_t pid;

      /* The next state: a unit moved and a new note. */
      wk_plan_assign (plan, unit, wk_area_get_id (area), NULL);
      wk_plan_set_note (plan, note);
      g_free (wanted);
      wanted = g_memdup2 (wk_plan_get_assignment (plan, &n_units), sizeof (guint) * n_units);

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        _exit (wk_project_save (project, path, NULL, NULL) ? 0 : 3);
      /* Every 20th save may finish, so that a completed save follows
       * killed ones; the others are killed at a random moment within the
       * time a save takes, which adapts: it grows while kills land before the
       * end (a busy machine makes the child slower than the first save) and
       * shrinks when they come too late. */
      if (i % 20 != 0)
        {
          g_usleep ((gulong) g_test_rand_double_range (0, kill_within_us));
          kill (pid, SIGKILL);
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) || (WIFEXITED (status) && WEXITSTATUS (status) == 0));

      on_disk = read_saved_state (path, found, dataset);
      if (g_str_equal (on_disk, note))
        {
          g_assert_cmpmem (found, n_units * sizeof (guint), wanted, n_units * sizeof (guint));
          memcpy (saved, wanted, n_units * sizeof (guint));
          g_free (saved_note);
          saved_note = g_strdup (note);
          if (i % 20 != 0)
            kill_within_us *= 0.95;
          n_new++;
        }
      else
        {
          g_assert_cmpstr (on_disk, ==, saved_note);
          g_assert_cmpmem (found, n_units * sizeof (guint), saved, n_units * sizeof (guint));
          kill_within_us *= 1.05;
          n_old++;
        }
      if (i % 30 == 0)
        {
          g_autoptr(WkProject) reopened = open_project (path);
          WkPlan *plan2 = wk_project_get_active_plan (reopened);
          const guint *a2 = wk_plan_get_assignment (plan2, &n_units);

          g_assert_cmpstr (wk_plan_get_note (plan2), ==, saved_note);
          g_assert_cmpmem (a2, n_units * sizeof (guint), saved, n_units * sizeof (guint));
        }
    }
  g_test_message ("killed saves: %u left the old state, %u the new one", n_old, n_new);
  g_assert_cmpuint (n_old, >, 0);
  g_assert_cmpuint (n_new, >, 0);

  /* Killed saves leave their unfinished temporary files (hidden) until the
   * next save that completes. */
  save_project (project, path);
  listing = g_dir_open (g_get_user_cache_dir (), 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "."))
      {
        g_test_message ("left: %s", name);
        n_stale++;
      }
  g_assert_cmpuint (n_stale, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "--project-helper"))
    {
      wk_core_init ();
      return recovery_helper (argv[2], argv[3]);
    }
  wk_test_init (&argc, &argv);

  g_test_add_func ("/core/project/round-trip-sample", test_round_trip_sample);
  g_test_add_func ("/core/project/round-trip-woerden", test_round_trip_woerden);
  g_test_add_func ("/core/project/gdal-tools", test_gdal_tools);
  g_test_add_func ("/core/project/open-errors", test_open_errors);
  g_test_add_func ("/core/project/open-damaged", test_open_damaged);
  g_test_add_func ("/core/project/open-inconsistent", test_open_inconsistent);
  g_test_add_func ("/core/project/units-area-column", test_units_area_column);
  g_test_add_func ("/core/project/async", test_async);
  g_test_add_func ("/core/project/scenarios", test_scenarios);
  g_test_add_func ("/core/project/audit-log", test_audit_log);
  g_test_add_func ("/core/project/save-failure", test_save_failure);
  g_test_add_func ("/core/project/recovery", test_recovery);
  g_test_add_func ("/core/project/recovery-due", test_recovery_due);
  g_test_add_func ("/core/project/interrupted-save", test_interrupted_save);
  return g_test_run ();
}
