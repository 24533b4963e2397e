/* test-export.c: GeoJSON, GeoPackage and CSV through GDAL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "wk-test-util.h"

typedef struct
{
  WkDataset *dataset;
  WkPlan    *plan;
  WkProfile *profile;
  WkChecker *checker;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *csv = wk_test_sample_path ("plan.csv");
  g_autoptr(GError) error = NULL;

  fx->dataset = wk_test_sample_dataset ();
  fx->plan = wk_plan_new (fx->dataset);
  g_assert_true (wk_plan_import_csv (fx->plan, csv, NULL, &error));
  g_assert_no_error (error);
  fx->profile = wk_profile_new ();
  fx->checker = wk_checker_new (fx->plan, fx->profile);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->checker);
  g_clear_object (&fx->profile);
  g_clear_object (&fx->plan);
  g_clear_object (&fx->dataset);
}

static double
assigned_unit_area (Fixture *fx)
{
  double sum = 0.0;

  for (guint u = 0; u < wk_dataset_get_n_units (fx->dataset); u++)
    if (wk_plan_get_unit_area (fx->plan, u) != WK_AREA_NONE)
      sum += wk_dataset_get_unit (fx->dataset, u)->area_m2;
  return sum;
}

static void
run_ogrinfo (const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "ogrinfo", "-ro", "-so", "-al", path, NULL };
  g_autofree char *program = g_find_program_in_path ("ogrinfo");
  int status = -1;

  if (program == NULL)
    {
      g_test_message ("ogrinfo is not installed; only the GDAL API checked the file");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Feature Count"));
}

/* Sums the areas (m², in RD) and populations of a layer's features. */
static void
sum_layer (OGRLayerH  layer,
           double    *area,
           gint64    *population,
           guint     *n)
{
  OGRSpatialReferenceH rd = OSRNewSpatialReference (NULL);
  OGRSpatialReferenceH src = OGR_L_GetSpatialRef (layer);
  OGRCoordinateTransformationH ct = NULL;
  OGRFeatureH f;

  OSRImportFromEPSG (rd, 28992);
  OSRSetAxisMappingStrategy (rd, OAMS_TRADITIONAL_GIS_ORDER);
  if (src != NULL && !OSRIsSame (src, rd))
    {
      OGRSpatialReferenceH s = OSRClone (src);
      OSRSetAxisMappingStrategy (s, OAMS_TRADITIONAL_GIS_ORDER);
      ct = OCTNewCoordinateTransformation (s, rd);
      OSRRelease (s);
    }
  *area = 0;
  *population = 0;
  *n = 0;
  OGR_L_ResetReading (layer);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (f);

      if (g != NULL)
        {
          OGRGeometryH copy = OGR_G_Clone (g);

          if (ct != NULL)
            g_assert_cmpint (OGR_G_Transform (copy, ct), ==, OGRERR_NONE);
          *area += OGR_G_Area (copy);
          OGR_G_DestroyGeometry (copy);
        }
      *population += OGR_F_GetFieldAsInteger64 (f, OGR_F_GetFieldIndex (f, "population"));
      (*n)++;
      OGR_F_Destroy (f);
    }
  if (ct != NULL)
    OCTDestroyCoordinateTransformation (ct);
  OSRRelease (rd);
}

static gint64
plan_population (Fixture *fx)
{
  gint64 total = 0;

  for (guint i = 0; i < wk_plan_get_n_areas (fx->plan); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (fx->plan), i);
      total += wk_checker_get_area_stats (fx->checker, wk_area_get_id (area))->population;
    }
  return total;
}

static void
test_geojson (Fixture       *fx,
              gconstpointer  data)
{
  g_autofree char *path = wk_test_write_file ("areas.geojson", "old contents");
  g_autoptr(GError) error = NULL;
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRSpatialReferenceH srs;
  double area;
  gint64 population;
  guint n;

  g_assert_true (wk_export (fx->checker, WK_EXPORT_GEOJSON, path, &error));
  g_assert_no_error (error);
  run_ogrinfo (path);

  ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  layer = GDALDatasetGetLayer (ds, 0);
  srs = OGR_L_GetSpatialRef (layer);
  g_assert_nonnull (srs);
  g_assert_cmpstr (OSRGetAuthorityCode (srs, NULL), ==, "4326");
  g_assert_cmpint (OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "id"), >=, 0);
  g_assert_cmpint (OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "name"), >=, 0);
  g_assert_cmpint (OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "units"), >=, 0);
  g_assert_cmpint (OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "errors"), >=, 0);
  sum_layer (layer, &area, &population, &n);
  GDALClose (ds);

  g_assert_cmpuint (n, ==, wk_plan_get_n_areas (fx->plan));
  g_assert_cmpint (population, ==, plan_population (fx));
  /* the dissolved areas cover exactly the assigned units (7 decimals in
   * WGS84 are about 1 cm) */
  g_test_message ("dissolved %.1f m², units %.1f m²", area, assigned_unit_area (fx));
  g_assert_cmpfloat (fabs (area - assigned_unit_area (fx)) / assigned_unit_area (fx), <, 1e-4);
}

static void
test_gpkg (Fixture       *fx,
           gconstpointer  data)
{
  g_autofree char *path = wk_test_write_file ("plan.gpkg", "");
  g_autoptr(GError) error = NULL;
  GDALDatasetH ds;
  OGRLayerH areas, units, assignment;
  double area;
  gint64 population;
  guint n;

  g_unlink (path);
  g_assert_true (wk_export (fx->checker, WK_EXPORT_GPKG, path, &error));
  g_assert_no_error (error);
  run_ogrinfo (path);

  ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  areas = GDALDatasetGetLayerByName (ds, "areas");
  units = GDALDatasetGetLayerByName (ds, "units");
  assignment = GDALDatasetGetLayerByName (ds, "assignment");
  g_assert_nonnull (areas);
  g_assert_nonnull (units);
  g_assert_nonnull (assignment);
  g_assert_cmpstr (OSRGetAuthorityCode (OGR_L_GetSpatialRef (areas), NULL), ==, "28992");
  g_assert_cmpstr (OSRGetAuthorityCode (OGR_L_GetSpatialRef (units), NULL), ==, "28992");
  g_assert_cmpint (wkbFlatten (OGR_L_GetGeomType (assignment)), ==, wkbNone);
  g_assert_cmpint (OGR_L_GetFeatureCount (units, TRUE), ==, wk_dataset_get_n_units (fx->dataset));
  g_assert_cmpint (OGR_L_GetFeatureCount (assignment, TRUE), ==, wk_dataset_get_n_units (fx->dataset));
  sum_layer (areas, &area, &population, &n);
  GDALClose (ds);

  g_assert_cmpuint (n, ==, wk_plan_get_n_areas (fx->plan));
  g_assert_cmpint (population, ==, plan_population (fx));
  g_test_message ("dissolved %.3f m², units %.3f m²", area, assigned_unit_area (fx));
  g_assert_cmpfloat (fabs (area - assigned_unit_area (fx)) / assigned_unit_area (fx), <, 1e-4);
}

static void
test_csv (Fixture       *fx,
          gconstpointer  data)
{
  g_autofree char *path = wk_test_write_file ("out.csv", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(WkPlan) again = wk_plan_new (fx->dataset);

  g_assert_true (wk_export (fx->checker, WK_EXPORT_CSV, path, &error));
  g_assert_no_error (error);
  g_assert_true (wk_plan_import_csv (again, path, NULL, &error));
  for (guint u = 0; u < wk_dataset_get_n_units (fx->dataset); u++)
    {
      WkArea *a = wk_plan_get_area (fx->plan, wk_plan_get_unit_area (fx->plan, u));
      WkArea *b = wk_plan_get_area (again, wk_plan_get_unit_area (again, u));

      g_assert_cmpstr (a ? wk_area_get_name (a) : NULL, ==, b ? wk_area_get_name (b) : NULL);
    }
}

/* A failed export leaves no file behind and says which file. */
static void
test_failure (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wk_export (fx->checker, WK_EXPORT_GEOJSON, "/no/such/dir/areas.geojson", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "areas.geojson"));
  g_assert_false (g_file_test ("/no/such/dir/areas.geojson", G_FILE_TEST_EXISTS));
}

/* The dissolver keeps outlines per area and redoes only changed areas. */
static void
test_dissolver (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(WkDissolver) dissolver = wk_dissolver_new (fx->plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(WkArea) first = g_list_model_get_item (wk_plan_get_areas (fx->plan), 0);
  guint id = wk_area_get_id (first);
  const WkAreaStats *st = wk_checker_get_area_stats (fx->checker, id);
  const guint *units;
  guint n;

  g_assert_cmpuint (wk_dissolver_get_n_dirty (dissolver), ==, wk_plan_get_n_areas (fx->plan));
  g_assert_cmpuint (wk_dissolver_update_all (dissolver), ==, wk_plan_get_n_areas (fx->plan));
  g_assert_cmpuint (wk_dissolver_get_n_dirty (dissolver), ==, 0);
  g_assert_cmpfloat (fabs (wk_dissolver_get_area_m2 (dissolver, id) - st->area_m2) / st->area_m2, <, 1e-9);
  g_assert_nonnull (wk_dissolver_get_outline (dissolver, id, TRUE));

  units = wk_plan_get_area_units (fx->plan, id, &n);
  wk_plan_unassign_units (fx->plan, units, 1);
  g_assert_cmpuint (wk_dissolver_get_n_dirty (dissolver), ==, 1);
  g_assert_cmpuint (wk_dissolver_update_all (dissolver), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  wk_test_init (&argc, &argv);
  g_test_add ("/core/export/geojson", Fixture, NULL, fixture_set_up, test_geojson, fixture_tear_down);
  g_test_add ("/core/export/gpkg", Fixture, NULL, fixture_set_up, test_gpkg, fixture_tear_down);
  g_test_add ("/core/export/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/core/export/failure", Fixture, NULL, fixture_set_up, test_failure, fixture_tear_down);
  g_test_add ("/core/export/dissolver", Fixture, NULL, fixture_set_up, test_dissolver, fixture_tear_down);
  return g_test_run ();
}
