/* test-plan-polygons.c: a plan from area polygons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <string.h>

#include "wk-test-util.h"

static const char *
area_name_of (WkPlan *plan,
              guint   unit)
{
  guint id = wk_plan_get_unit_area (plan, unit);

  return id != WK_AREA_NONE ? wk_area_get_name (wk_plan_get_area (plan, id)) : NULL;
}

/* Exports @plan's areas as GeoJSON (WGS84, 7 decimals, as `export` writes
 * them), imports them into a new plan and finds every unit in the area of
 * the same name; units without an area stay without one. */
static void
assert_export_import (WkPlan *plan)
{
  WkDataset *dataset = wk_plan_get_dataset (plan);
  g_autofree char *path = wk_test_temp_path ("areas.geojson");
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = wk_checker_new (plan, profile);
  g_autoptr(WkPlan) imported = wk_plan_new (dataset);
  g_autoptr(WkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint n_unassigned = 0;

  g_assert_true (wk_export (checker, WK_EXPORT_GEOJSON, path, &error));
  g_assert_no_error (error);
  g_assert_true (wk_plan_import_polygons (imported, path, NULL, &report, &error));
  g_assert_no_error (error);

  for (guint u = 0; u < wk_dataset_get_n_units (dataset); u++)
    {
      g_assert_cmpstr (area_name_of (imported, u), ==, area_name_of (plan, u));
      n_unassigned += wk_plan_get_unit_area (plan, u) == WK_AREA_NONE;
    }
  g_assert_cmpuint (report->ambiguous->len, ==, 0);
  g_assert_cmpuint (report->uncovered->len, ==, n_unassigned);
  g_assert_cmpuint (report->n_assigned, ==, wk_dataset_get_n_units (dataset) - n_unassigned);
  for (guint i = 0; i < wk_plan_get_n_areas (imported); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (imported), i);
      WkArea *original = wk_plan_find_area (plan, wk_area_get_name (area));

      g_assert_nonnull (original);
      g_assert_cmpstr (wk_area_get_color (area), ==, wk_area_get_color (original));
    }
  /* One undo step brings the empty plan back. */
  g_assert_true (wk_plan_undo (imported));
  g_assert_cmpuint (wk_plan_get_n_areas (imported), ==, 0);
}

static void
test_export_round_trip_sample (void)
{
  g_autoptr(WkDataset) dataset = wk_test_sample_dataset ();
  g_autofree char *csv = wk_test_sample_path ("plan.csv");
  g_autoptr(WkPlan) plan = wk_plan_new (dataset);
  g_autoptr(GError) error = NULL;

  g_assert_true (wk_plan_import_csv (plan, csv, NULL, &error));
  g_assert_no_error (error);
  assert_export_import (plan);
}

static void
test_export_round_trip_woerden (void)
{
  g_autofree char *units = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkPlan) plan = NULL;

  if (units == NULL)
    return;
  options = wk_load_options_new (units);
  dataset = wk_test_load (options);
  plan = wk_plan_new (dataset);
  wk_test_plan_by_field (plan, units, "BU_CODE", "WK_CODE");
  g_assert_cmpuint (wk_plan_get_n_areas (plan), >, 3);
  assert_export_import (plan);
}

/* Four squares of 100 m (U0…U3 from west to east) and areas drawn across
 * them: “Noord” over x 0–140, “Zuid” in two pieces over x 140–200 and
 * 200–230, nothing east of 230. */
static char *
write_areas (void)
{
  GString *s = g_string_new ("{\"type\":\"FeatureCollection\","
                             "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}},"
                             "\"features\":[");
  const struct { const char *name; double x0, x1; } parts[] = {
    { "Noord", 0, 140 }, { "Zuid", 140, 200 }, { "Zuid", 200, 230 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      double x0 = WK_TEST_ORIGIN_X + parts[i].x0, x1 = WK_TEST_ORIGIN_X + parts[i].x1;
      double y0 = WK_TEST_ORIGIN_Y - 10, y1 = WK_TEST_ORIGIN_Y + 110;

      g_string_append_printf (s, "%s{\"type\":\"Feature\",\"properties\":{\"gebied\":\"%s\","
                                 "\"kleur\":\"#AA0000\"},\"geometry\":{\"type\":\"Polygon\","
                                 "\"coordinates\":[[[%.1f,%.1f],[%.1f,%.1f],[%.1f,%.1f],[%.1f,%.1f],"
                                 "[%.1f,%.1f]]]}}", i ? "," : "", parts[i].name,
                              x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
    }
  g_string_append (s, "]}");
  {
    g_autofree char *text = g_string_free (s, FALSE);
    return wk_test_write_file ("drawn-areas.geojson", text);
  }
}

static void
assert_drawn_areas (WkPlan         *plan,
                    WkImportReport *report)
{
  g_assert_cmpuint (wk_plan_get_n_areas (plan), ==, 2);
  g_assert_cmpstr (area_name_of (plan, 0), ==, "Noord");
  g_assert_cmpstr (area_name_of (plan, 1), ==, "Zuid");    /* 40 % Noord, 60 % Zuid */
  g_assert_cmpstr (area_name_of (plan, 2), ==, "Zuid");    /* 30 % Zuid: ambiguous */
  g_assert_null (area_name_of (plan, 3));                  /* outside */
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->n_assigned, ==, 3);
  g_assert_cmpuint (report->ambiguous->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->ambiguous, 0), ==, "U2");
  g_assert_cmpuint (report->uncovered->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->uncovered, 0), ==, "U3");
  g_assert_cmpuint (report->messages->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (report->messages, 0), "drawn-areas.geojson"));
  g_assert_cmpstr (wk_area_get_color (wk_plan_find_area (plan, "Zuid")), ==, "#aa0000");
}

static void
test_ambiguous (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (4, 1, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_areas ();

  g_assert_true (wk_plan_import_polygons (plan, path, NULL, &report, &error));
  g_assert_no_error (error);
  assert_drawn_areas (plan, report);
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  WkImportReport **report = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (wk_plan_import_polygons_finish (WK_PLAN (source), result, report, &error));
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_async (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (4, 1, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkImportReport) report = NULL;
  g_autofree char *path = write_areas ();

  wk_plan_import_polygons_async (plan, path, "gebied", NULL, on_imported_cb, &report);
  g_assert_cmpuint (wk_plan_get_n_areas (plan), ==, 0);
  g_assert_true (wk_test_wait_until (is_set, &report, 20000));
  assert_drawn_areas (plan, report);
}

static void
test_bad_input (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (4, 1, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(GError) error = NULL;
  g_autofree char *areas = write_areas ();
  g_autofree char *points = wk_test_sample_path ("gp.csv");
  g_autofree char *far = wk_test_sample_path ("networks.geojson");
  g_autofree char *missing = wk_test_temp_path ("missing.geojson");

  g_assert_false (wk_plan_import_polygons (plan, missing, NULL, NULL, &error));
  g_assert_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "missing.geojson"));
  g_clear_error (&error);

  g_assert_false (wk_plan_import_polygons (plan, points, NULL, NULL, &error));
  g_assert_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_LAYER);
  g_assert_nonnull (strstr (error->message, "gp.csv"));
  g_clear_error (&error);

  /* The sample's team areas lie elsewhere in the country. */
  g_assert_false (wk_plan_import_polygons (plan, far, NULL, NULL, &error));
  g_assert_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "networks.geojson"));
  g_clear_error (&error);

  g_assert_false (wk_plan_import_polygons (plan, areas, "wijknaam", NULL, &error));
  g_assert_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD);
  g_assert_nonnull (strstr (error->message, "gebied"));
  g_clear_error (&error);
  g_assert_cmpuint (wk_plan_get_n_areas (plan), ==, 0);
  g_assert_false (wk_plan_can_undo (plan));
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);

  g_test_add_func ("/core/plan-polygons/export-round-trip-sample", test_export_round_trip_sample);
  g_test_add_func ("/core/plan-polygons/export-round-trip-woerden", test_export_round_trip_woerden);
  g_test_add_func ("/core/plan-polygons/ambiguous", test_ambiguous);
  g_test_add_func ("/core/plan-polygons/async", test_async);
  g_test_add_func ("/core/plan-polygons/bad-input", test_bad_input);
  return g_test_run ();
}
