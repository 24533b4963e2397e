/* test-dissolver.c: the fast dissolve against GEOS's union, on real data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WkDissolver dissolves a clean coverage by dropping the segments that two
 * units share and polygonizing the rest (wk-dissolver.c).  Here every area
 * of real plans (the CBS wijken and gemeenten of the province of Utrecht and
 * of the Netherlands) is compared with GEOSUnaryUnion of its units: the same
 * polygons and holes, valid, and no area in their symmetric difference.
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <math.h>

#include "wk-dataset-private.h"
#include "wk-dissolver-private.h"
#include "wk-test-util.h"

static guint
count_holes (GEOSContextHandle_t  ctx,
             const GEOSGeometry  *geom)
{
  guint holes = 0;

  for (int i = 0; i < GEOSGetNumGeometries_r (ctx, geom); i++)
    holes += GEOSGetNumInteriorRings_r (ctx, GEOSGetGeometryN_r (ctx, geom, i));
  return holes;
}

/* The reference: GEOS's overlay union of copies of the units. */
static GEOSGeometry *
geos_union (GEOSContextHandle_t  ctx,
            WkDataset           *dataset,
            const guint         *units,
            guint                n_units)
{
  g_autofree GEOSGeometry **parts = g_new (GEOSGeometry *, n_units);
  g_autoptr(WkGeosGeometry) collection = NULL;

  for (guint i = 0; i < n_units; i++)
    parts[i] = GEOSGeom_clone_r (ctx, _wk_dataset_get_geometry (dataset, units[i]));
  collection = GEOSGeom_createCollection_r (ctx, GEOS_GEOMETRYCOLLECTION, parts, n_units);
  g_assert_nonnull (collection);
  return GEOSUnaryUnion_r (ctx, collection);
}

static void
assert_dissolve_equals_union (WkPlan *plan)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  WkDataset *dataset = wk_plan_get_dataset (plan);
  g_autoptr(WkDissolver) dissolver = wk_dissolver_new (plan);
  GListModel *areas = wk_plan_get_areas (plan);
  guint n_areas = g_list_model_get_n_items (areas);

  g_assert_cmpuint (n_areas, >, 1);
  g_assert_cmpuint (wk_dissolver_update_all (dissolver), ==, n_areas);
  for (guint i = 0; i < n_areas; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      guint id = wk_area_get_id (area), n_units = 0;
      const guint *units = wk_plan_get_area_units (plan, id, &n_units);
      const GEOSGeometry *fast = _wk_dissolver_get_geometry (dissolver, id);
      g_autoptr(WkGeosGeometry) reference = geos_union (ctx, dataset, units, n_units);
      g_autoptr(WkGeosGeometry) difference = NULL;
      double fast_m2 = 0, reference_m2 = 0, difference_m2 = 0;

      g_assert_nonnull (fast);
      g_assert_nonnull (reference);
      g_assert_true (GEOSisValid_r (ctx, fast) == 1);
      g_assert_cmpint (GEOSGetNumGeometries_r (ctx, fast), ==,
                       GEOSGetNumGeometries_r (ctx, reference));
      g_assert_cmpuint (count_holes (ctx, fast), ==, count_holes (ctx, reference));
      g_assert_true (GEOSArea_r (ctx, fast, &fast_m2) == 1);
      g_assert_true (GEOSArea_r (ctx, reference, &reference_m2) == 1);
      g_assert_cmpfloat (fabs (fast_m2 - reference_m2), <=, 1e-9 * reference_m2);
      g_assert_cmpfloat (fabs (wk_dissolver_get_area_m2 (dissolver, id) - reference_m2), <=,
                         1e-9 * reference_m2);
      difference = GEOSSymDifference_r (ctx, fast, reference);
      g_assert_nonnull (difference);
      g_assert_true (GEOSArea_r (ctx, difference, &difference_m2) == 1);
      /* a square millimetre per square kilometre: rounding, not a sliver */
      g_assert_cmpfloat (difference_m2, <=, 1e-12 * reference_m2 + 1e-6);
    }
}

static void
test_real (const char *relative,
           const char *area_field)
{
  g_autofree char *path = wk_test_shared_data (relative);
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkPlan) plan = NULL;

  if (path == NULL)
    return;
  options = wk_load_options_new (path);
  /* the national file has codes only: load it without populations */
  if (g_str_has_suffix (path, ".gpkg"))
    options->role_fields[WK_ROLE_POPULATION] = g_strdup ("");
  dataset = wk_test_load (options);
  plan = wk_plan_new (dataset);
  wk_test_plan_by_field (plan, path, "BU_CODE", area_field);
  g_test_message ("%s by %s: %u units, %u areas", relative, area_field,
                  wk_dataset_get_n_units (dataset), wk_plan_get_n_areas (plan));
  assert_dissolve_equals_union (plan);
}

static void
test_utrecht_wijken (void)
{
  test_real ("cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson", "WK_CODE");
}

static void
test_utrecht_gemeenten (void)
{
  test_real ("cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson", "GM_CODE");
}

static void
test_nl_gemeenten (void)
{
  test_real ("cbs-buurten-2019/nl_buurten_2019.gpkg", "GM_CODE");
}

/* Without the real data: a grid cut into stripes and blocks, with an area
 * that has a hole (a block of another area inside it) and one in two parts. */
static void
test_grid (void)
{
  g_autoptr(WkDataset) dataset = wk_test_grid_dataset (12, 9, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (dataset);
  g_autoptr(GError) error = NULL;
  guint ring = wk_plan_create_area (plan, "Ring", NULL, &error);
  guint inner = wk_plan_create_area (plan, "Inner", NULL, &error);
  guint split = wk_plan_create_area (plan, "Split", NULL, &error);
  guint rest = wk_plan_create_area (plan, "Rest", NULL, &error);

  g_assert_no_error (error);
  /* unit ids run row by row, cols per row */
  for (guint u = 0; u < 12 * 9; u++)
    {
      guint col = u % 12, row = u / 12, id;

      if (col <= 4 && row <= 4)
        id = (col >= 1 && col <= 3 && row >= 1 && row <= 3 && !(col == 3 && row == 3))
             ? inner : ring;
      else if (col >= 7 && (row == 0 || row == 8))
        id = split;
      else
        id = rest;
      g_assert_true (wk_plan_assign (plan, u, id, &error));
      g_assert_no_error (error);
    }
  assert_dissolve_equals_union (plan);
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/core/dissolver/grid", test_grid);
  g_test_add_func ("/core/dissolver/utrecht-wijken", test_utrecht_wijken);
  g_test_add_func ("/core/dissolver/utrecht-gemeenten", test_utrecht_gemeenten);
  g_test_add_func ("/core/dissolver/nl-gemeenten", test_nl_gemeenten);
  return g_test_run ();
}
