/* test-dissolver.c: the fast dissolve against GEOS's union, on real data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WkDissolver dissolves a clean coverage by dropping the segments that two
 * units share and polygonizing the rest (wk-dissolver.c).  Here every area
 * of real plans (the CBS wijken and gemeenten of the province of Utrecht and
 * of the Netherlands) is compared with GEOSUnaryUnion of its units: the same
 * polygons and holes, valid, and no area in their symmetric difference.
 *
 * A move toggles the moved units' segments in the kept boundary of the two
 * areas (wk-dissolver-rings.c); after random moves on real data each
 * changed area must equal a fresh full dissolve, ring for ring.
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

/* The plan of the units in @path, by @area_field. */
static WkPlan *
load_plan (const char *path,
           const char *area_field)
{
  g_autoptr(WkLoadOptions) options = wk_load_options_new (path);
  g_autoptr(WkDataset) dataset = NULL;
  WkPlan *plan;

  /* the national file has codes only: load it without populations */
  if (g_str_has_suffix (path, ".gpkg"))
    options->role_fields[WK_ROLE_POPULATION] = g_strdup ("");
  dataset = wk_test_load (options);
  plan = wk_plan_new (dataset);
  wk_test_plan_by_field (plan, path, "BU_CODE", area_field);
  g_test_message ("%s by %s: %u units, %u areas", path, area_field,
                  wk_dataset_get_n_units (dataset), wk_plan_get_n_areas (plan));
  return plan;
}

static void
test_real (const char *relative,
           const char *area_field)
{
  g_autofree char *path = wk_test_shared_data (relative);
  g_autoptr(WkPlan) plan = NULL;

  if (path == NULL)
    return;
  plan = load_plan (path, area_field);
  assert_dissolve_equals_union (plan);
}

/* The ring of @n points (closed) at @xy, without its closing point, from
 * its lowest point and towards the lower of that point's neighbours. */
static GArray *
canonical_ring (const double *xy,
                guint         n)
{
  GArray *ring = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);
  guint low = 0, m = n - 1, next, prev;
  gboolean forward;

  for (guint i = 1; i < m; i++)
    if (xy[2 * i] < xy[2 * low] || (xy[2 * i] == xy[2 * low] && xy[2 * i + 1] < xy[2 * low + 1]))
      low = i;
  next = (low + 1) % m;
  prev = (low + m - 1) % m;
  forward = xy[2 * next] < xy[2 * prev] ||
            (xy[2 * next] == xy[2 * prev] && xy[2 * next + 1] < xy[2 * prev + 1]);
  for (guint k = 0; k < m; k++)
    g_array_append_vals (ring, xy + 2 * (forward ? (low + k) % m : (low + m - k) % m), 2);
  return ring;
}

static gboolean
same_ring (GArray *a,
           GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (fabs (g_array_index (a, double, i) - g_array_index (b, double, i)) > 1e-6)
      return FALSE;
  return TRUE;
}

static GPtrArray *
canonical_rings (const WkOutline *o)
{
  GPtrArray *rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint start = 0;

  for (guint r = 0; r < o->n_rings; r++)
    {
      g_ptr_array_add (rings, canonical_ring (o->xy + 2 * start, o->ring_ends[r] - start));
      start = o->ring_ends[r];
    }
  return rings;
}

/* The same rings, up to start point and direction, in any order. */
static void
assert_same_rings (const WkOutline *a,
                   const WkOutline *b)
{
  g_autoptr(GPtrArray) ra = canonical_rings (a);
  g_autoptr(GPtrArray) rb = canonical_rings (b);

  g_assert_cmpuint (a->n_rings, ==, b->n_rings);
  g_assert_cmpuint (a->n_points, ==, b->n_points);
  for (guint i = 0; i < ra->len; i++)
    {
      guint j = 0;

      while (j < rb->len && !same_ring (ra->pdata[i], rb->pdata[j]))
        j++;
      g_assert_cmpuint (j, <, rb->len);
      g_ptr_array_remove_index_fast (rb, j);
    }
}

/* A unit on an area's edge and the area of a neighbour across it. */
static gboolean
pick_move (WkPlan *plan,
           GRand  *rand,
           guint  *unit,
           guint  *area)
{
  WkDataset *dataset = wk_plan_get_dataset (plan);
  guint n_units = wk_dataset_get_n_units (dataset);

  for (guint attempt = 0; attempt < 1000; attempt++)
    {
      guint u = g_rand_int_range (rand, 0, n_units), n = 0;
      const guint *neighbours = wk_dataset_get_neighbours (dataset, u, NULL, &n);
      guint from = wk_plan_get_unit_area (plan, u);

      for (guint k = 0; k < n; k++)
        {
          guint to = wk_plan_get_unit_area (plan, neighbours[k]);

          if (to != from && to != WK_AREA_NONE && from != WK_AREA_NONE)
            {
              *unit = u;
              *area = to;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* After each random move (of one unit, of a unit and its neighbours, or an
 * undo), both areas equal a fresh full dissolve. */
static void
assert_moves_follow (WkPlan *plan,
                     guint   n_moves)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  WkDataset *dataset = wk_plan_get_dataset (plan);
  g_autoptr(WkDissolver) dissolver = wk_dissolver_new (plan);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GError) error = NULL;
  guint areas[2] = { WK_AREA_NONE, WK_AREA_NONE };

  wk_dissolver_update_all (dissolver);
  for (guint m = 0; m < n_moves; m++)
    {
      g_autoptr(WkDissolver) fresh = wk_dissolver_new (plan);
      guint unit = 0, to = WK_AREA_NONE, from;

      g_assert_true (pick_move (plan, rand, &unit, &to));
      from = wk_plan_get_unit_area (plan, unit);
      /* an undo changes back the areas of the move before */
      if (m % 7 == 6)
        g_assert_true (wk_plan_undo (plan));
      else if (m % 5 == 4)
        {
          /* the unit and the neighbours that share its area */
          g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (guint));
          guint n = 0;
          const guint *neighbours = wk_dataset_get_neighbours (dataset, unit, NULL, &n);

          g_array_append_val (group, unit);
          for (guint k = 0; k < n && group->len < 3; k++)
            if (wk_plan_get_unit_area (plan, neighbours[k]) == from)
              g_array_append_val (group, neighbours[k]);
          g_assert_true (wk_plan_assign_units (plan, (guint *) group->data, group->len, to,
                                               WK_ASSIGN_DEFAULT, NULL, &error));
        }
      else
        g_assert_true (wk_plan_assign (plan, unit, to, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (wk_dissolver_update_all (dissolver), <=, 2);

      if (m % 7 != 6)
        {
          areas[0] = from;
          areas[1] = to;
        }
      for (guint k = 0; k < 2; k++)
        {
          const WkOutline *got = wk_dissolver_get_outline (dissolver, areas[k], FALSE);
          const WkOutline *want = wk_dissolver_get_outline (fresh, areas[k], FALSE);
          double got_m2 = wk_dissolver_get_area_m2 (dissolver, areas[k]);
          double want_m2 = wk_dissolver_get_area_m2 (fresh, areas[k]);

          g_assert_cmpfloat (fabs (got_m2 - want_m2), <=, 1e-6 * MAX (want_m2, 1.0));
          assert_same_rings (got, want);
          assert_same_rings (wk_dissolver_get_outline (dissolver, areas[k], TRUE),
                             wk_dissolver_get_outline (fresh, areas[k], TRUE));
          g_assert_true (GEOSisValid_r (ctx,
                                        _wk_dissolver_get_geometry (dissolver, areas[k])) == 1);
        }
    }
  /* most areas followed their moves without a full dissolve */
  g_test_message ("%u moves, %u areas followed", n_moves, _wk_dissolver_get_n_followed (dissolver));
  g_assert_cmpuint (_wk_dissolver_get_n_followed (dissolver), >=, n_moves);
}

static void
test_moves (const char *path,
            const char *area_field,
            guint       n_moves)
{
  g_autoptr(WkPlan) plan = NULL;

  if (path == NULL)
    return;
  plan = load_plan (path, area_field);
  wk_plan_clear_history (plan);
  assert_moves_follow (plan, n_moves);
}

static void
test_moves_woerden (void)
{
  g_autofree char *path = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");

  test_moves (path, "WK_CODE", 150);
}

static void
test_moves_utrecht (void)
{
  g_autofree char *path =
    wk_test_shared_data ("cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson");

  test_moves (path, "GM_CODE", 150);
}

static void
test_moves_sample (void)
{
  g_autofree char *path = wk_test_sample_path ("units.geojson");

  test_moves (path, "WK_CODE", 150);
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
  g_test_add_func ("/core/dissolver/moves-woerden", test_moves_woerden);
  g_test_add_func ("/core/dissolver/moves-utrecht", test_moves_utrecht);
  g_test_add_func ("/core/dissolver/moves-sample", test_moves_sample);
  return g_test_run ();
}
