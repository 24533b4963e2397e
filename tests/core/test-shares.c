/* test-shares.c: the shares of units inside polygons, cut locally and whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <math.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-geos-private.h"
#include "wk-test-util.h"

typedef struct
{
  guint n_compared;
  guint n_partial;      /* shares strictly between 1 % and 99 % */
  guint n_below;        /* shares told to be below the minimum without an intersection */
} Tally;

/* Every unit whose box meets @geom's: the share from the part of @geom
 * around the unit equals the share from the whole of @geom, and with a
 * minimum share, a share reported below it is below it. */
static void
compare_shares (WkDataset          *ds,
                const GEOSGeometry *geom,
                Tally              *tally)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  const GEOSPreparedGeometry *prep = GEOSPrepare_r (ctx, geom);
  g_autoptr(WkGeosGeometry) env = GEOSEnvelope_r (ctx, geom);

  for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
    {
      const GEOSGeometry *ug = _wk_dataset_get_geometry (ds, u);
      double whole, local, bounded;

      if (GEOSIntersects_r (ctx, env, ug) != 1)
        continue;
      whole = _wk_dataset_share_inside (ds, u, prep, geom, 0.0, TRUE);
      local = _wk_dataset_share_inside (ds, u, prep, geom, 0.0, FALSE);
      bounded = _wk_dataset_share_inside (ds, u, prep, geom, 0.01, FALSE);
      if (fabs (whole - local) > 1e-9)
        g_error ("unit %s: share %.12f whole, %.12f cut locally",
                 wk_dataset_get_unit (ds, u)->code, whole, local);
      /* exactly 0 and 1 stay exact */
      g_assert_true ((whole == 0.0) == (local == 0.0));
      g_assert_true ((whole == 1.0) == (local == 1.0));
      if (bounded < 0.01)
        g_assert_cmpfloat (whole, <, 0.01);
      else
        g_assert_cmpfloat (bounded, ==, local);
      if (bounded != local)
        tally->n_below++;
      if (whole > 0.01 && whole < 0.99)
        tally->n_partial++;
      tally->n_compared++;
    }
  GEOSPreparedGeom_destroy_r (ctx, prep);
}

/* The units grouped by the first @prefix characters of their code
 * (8: wijk, 6: gemeente of a CBS code), each group's union. */
static GPtrArray *
unions_by_code (WkDataset *ds,
                guint      prefix)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GHashTable) groups =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
  GHashTableIter iter;
  gpointer value;

  for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
    {
      const char *code = wk_dataset_get_unit (ds, u)->code;
      g_autofree char *key = g_strndup (code, prefix);
      GPtrArray *members = g_hash_table_lookup (groups, key);

      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (groups, g_steal_pointer (&key), members);
        }
      g_ptr_array_add (members, (gpointer) _wk_dataset_get_geometry (ds, u));
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *members = value;
      g_autoptr(WkGeosGeometry) coll = NULL;
      GEOSGeometry **clones = g_new (GEOSGeometry *, members->len);

      for (guint i = 0; i < members->len; i++)
        clones[i] = GEOSGeom_clone_r (ctx, g_ptr_array_index (members, i));
      coll = GEOSGeom_createCollection_r (ctx, GEOS_GEOMETRYCOLLECTION, clones, members->len);
      g_free (clones);
      g_ptr_array_add (out, GEOSUnaryUnion_r (ctx, coll));
    }
  return out;
}

/* Polygons whose edges run exactly along the units' (unions of wijken and
 * gemeenten), and ones whose edges cross them (those grown by 40 m and
 * shrunk by 25 m). */
static void
compare_on (WkDataset *ds,
            Tally     *tally)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  guint prefixes[] = { 8, 6 };

  for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
    {
      g_autoptr(GPtrArray) unions = unions_by_code (ds, prefixes[p]);

      g_assert_cmpuint (unions->len, >, prefixes[p] == 8 ? 1 : 0);
      for (guint i = 0; i < unions->len; i++)
        {
          const GEOSGeometry *g = g_ptr_array_index (unions, i);
          g_autoptr(WkGeosGeometry) grown = GEOSBuffer_r (ctx, g, 40.0, 2);
          g_autoptr(WkGeosGeometry) shrunk = GEOSBuffer_r (ctx, g, -25.0, 2);

          compare_shares (ds, g, tally);
          compare_shares (ds, grown, tally);
          if (!GEOSisEmpty_r (ctx, shrunk))
            compare_shares (ds, shrunk, tally);
        }
    }
}

/* Real buurten: Woerden in RD, the province in longitude/latitude. */
static void
test_real (gconstpointer data)
{
  const char *relative = data;
  g_autofree char *path = wk_test_shared_data (relative);
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) ds = NULL;
  Tally tally = { 0 };

  if (path == NULL)
    return;
  options = wk_load_options_new (path);
  ds = wk_test_load (options);
  compare_on (ds, &tally);
  g_assert_cmpuint (tally.n_partial, >, 10);
  g_assert_cmpuint (tally.n_compared, >, 100);
  g_assert_cmpuint (tally.n_below, >, 0);
}

/* The generated sample: its team areas and boundary went through GeoJSON
 * in longitude/latitude, so their edges run nearly, not exactly, along the
 * units'; the loaded shares are those of the whole polygons. */
static void
test_synthetic (void)
{
  g_autoptr(WkDataset) ds = wk_test_sample_dataset ();
  GEOSContextHandle_t ctx = wk_geos_context ();
  const GEOSGeometry *boundary = _wk_dataset_get_boundary (ds);
  const GEOSPreparedGeometry *prep;
  Tally tally = { 0 };
  guint n_polygons = 0;

  g_assert_nonnull (boundary);
  prep = GEOSPrepare_r (ctx, boundary);
  for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
    g_assert_cmpfloat (fabs (wk_dataset_get_unit (ds, u)->inside_share -
                             CLAMP (_wk_dataset_share_inside (ds, u, prep, boundary, 0.0, TRUE),
                                    0.0, 1.0)), <=, 1e-9);
  GEOSPreparedGeom_destroy_r (ctx, prep);
  compare_shares (ds, boundary, &tally);

  for (guint i = 0; i < wk_dataset_get_n_networks (ds); i++)
    {
      const WkNetwork *net = wk_dataset_get_network (ds, i);
      const GEOSGeometry *g = _wk_dataset_get_network_geometry (ds, i);
      guint k = 0;

      if (net->is_group)
        continue;
      n_polygons++;
      prep = GEOSPrepare_r (ctx, g);
      /* the units kept are those with a whole share of 1 % or more */
      for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
        {
          double whole = _wk_dataset_share_inside (ds, u, prep, g, 0.0, TRUE);

          if (whole < 0.01)
            continue;
          g_assert_cmpuint (k, <, net->n_units);
          g_assert_cmpuint (net->units[k], ==, u);
          g_assert_cmpfloat (fabs (net->shares[k] - whole), <=, 1e-9);
          k++;
        }
      g_assert_cmpuint (k, ==, net->n_units);
      GEOSPreparedGeom_destroy_r (ctx, prep);
      compare_shares (ds, g, &tally);
    }
  g_assert_cmpuint (n_polygons, >, 5);
  compare_on (ds, &tally);
  g_assert_cmpuint (tally.n_partial, >, 10);
  g_assert_cmpuint (tally.n_below, >, 0);
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);
  g_test_add_data_func ("/core/shares/woerden", "cbs-buurten-2019/woerden_buurten_2019_rd.gpkg",
                        test_real);
  g_test_add_data_func ("/core/shares/province",
                        "cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson", test_real);
  g_test_add_func ("/core/shares/synthetic", test_synthetic);
  return g_test_run ();
}
