/* test-shares.c: the shares of units inside polygons, cut locally and whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <math.h>
#include <string.h>

#include "wk-dataset-networks-private.h"
#include "wk-gdal-private.h"
#include "wk-geos-private.h"
#include "wk-test-util.h"

typedef struct
{
  guint n_compared;
  guint n_partial;      /* shares strictly between 1 % and 99 % */
  guint n_below;        /* shares told to be below the minimum without an intersection */
  guint n_tolerant;     /* shares told 0 or 1 within the tolerance, not exactly */
} Tally;

/* The most a share told within @tolerance may differ from the exact one:
 * the band along the unit's edges, t × perimeter, and at most a quarter
 * circle of radius t more per vertex (the reflex corners). */
static double
share_bound (WkDataset *ds,
             guint      u,
             double     tolerance)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  const WkUnit *unit = wk_dataset_get_unit (ds, u);
  int n = GEOSGetNumCoordinates_r (ctx, _wk_dataset_get_geometry (ds, u));

  return (tolerance * unit->perimeter_m + G_PI / 4 * tolerance * tolerance * n) / unit->area_m2;
}

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
  double tolerance = _wk_dataset_get_share_tolerance ();
  WkShareCores *cores = _wk_share_cores_new (ds, tolerance);
  WkShareCores *first = _wk_share_cores_new (ds, tolerance);

  g_assert_cmpfloat (tolerance, >, 0.0);
  first->core_first = TRUE;
  for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
    {
      const GEOSGeometry *ug = _wk_dataset_get_geometry (ds, u);
      double whole, local, bounded, near;

      if (GEOSIntersects_r (ctx, env, ug) != 1)
        continue;
      whole = _wk_dataset_share_inside (ds, u, prep, geom, 0.0, TRUE, NULL);
      local = _wk_dataset_share_inside (ds, u, prep, geom, 0.0, FALSE, NULL);
      bounded = _wk_dataset_share_inside (ds, u, prep, geom, 0.01, FALSE, NULL);
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

      /* Within the tolerance: the exact share, or 0 or 1 within the bound,
       * and never across the 1 % sliver rule or the half of propose and the
       * municipality criterion. */
      near = _wk_dataset_share_inside (ds, u, prep, geom, 0.01, FALSE, cores);
      /* the cores tested first (as for team areas) tell exactly the same */
      g_assert_cmpfloat (_wk_dataset_share_inside (ds, u, prep, geom, 0.01, FALSE, first), ==,
                         near);
      if (near != bounded)
        {
          g_assert_true (near == 0.0 || near == 1.0);
          if (fabs (near - whole) > share_bound (ds, u, tolerance) + 1e-12)
            g_error ("unit %s: share %.12f exact, %.12f within %g m, more than %.6f apart",
                     wk_dataset_get_unit (ds, u)->code, whole, near, tolerance,
                     share_bound (ds, u, tolerance));
          g_assert_cmpfloat (fabs (near - whole), <=, 0.0025);
          tally->n_tolerant++;
        }
      g_assert_true ((near < 0.01) == (whole < 0.01));
      g_assert_true ((near < 0.5) == (whole < 0.5));
      g_assert_true (whole != 0.0 || near == 0.0 || near == bounded);
      g_assert_true (whole != 1.0 || near == 1.0);
    }
  _wk_share_cores_free (cores);
  _wk_share_cores_free (first);
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
 * units'; the loaded shares are those of the whole polygons within the
 * tolerance's bound, and keep the same units. */
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
                             CLAMP (_wk_dataset_share_inside (ds, u, prep, boundary, 0.0, TRUE,
                                                              NULL), 0.0, 1.0)),
                       <=, share_bound (ds, u, _wk_dataset_get_share_tolerance ()) + 1e-9);
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
          double whole = _wk_dataset_share_inside (ds, u, prep, g, 0.0, TRUE, NULL);

          if (whole < 0.01)
            continue;
          g_assert_cmpuint (k, <, net->n_units);
          g_assert_cmpuint (net->units[k], ==, u);
          g_assert_cmpfloat (fabs (net->shares[k] - whole), <=,
                             share_bound (ds, u, _wk_dataset_get_share_tolerance ()) + 1e-9);
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
  g_assert_cmpuint (tally.n_tolerant, >, 0);
}

/* @geoms (RD) as a GeoJSON file in longitude/latitude with 6 decimals, as
 * team areas usually come: their edges then run within about 0.07 m of the
 * units' they were made of. */
static char *
write_lonlat (const char *name,
              GPtrArray  *geoms)
{
  g_autofree char *path = wk_test_temp_path (name);
  g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
  g_auto(OGRSpatialReferenceH) ll = wk_gdal_srs_new_epsg (4326);
  const char *options[] = { "COORDINATE_PRECISION=6", NULL };
  GDALDatasetH ds;
  OGRLayerH layer;

  OSRSetAxisMappingStrategy (rd, OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy (ll, OAMS_TRADITIONAL_GIS_ORDER);
  ds = GDALCreate (GDALGetDriverByName ("GeoJSON"), path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);
  layer = GDALDatasetCreateLayer (ds, "areas", ll, wkbMultiPolygon, (char **) options);
  g_assert_nonnull (layer);
  wk_ogr_add_field (layer, "name", OFTString);
  for (guint i = 0; i < geoms->len; i++)
    {
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH g = wk_geos_to_ogr (g_ptr_array_index (geoms, i));
      g_autofree char *label = g_strdup_printf ("Team %u", i + 1);

      OGR_G_AssignSpatialReference (g, rd);
      g_assert_cmpint (OGR_G_TransformTo (g, ll), ==, OGRERR_NONE);
      OGR_F_SetFieldString (f, 0, label);
      OGR_F_SetGeometryDirectly (f, g);
      g_assert_cmpint (OGR_L_CreateFeature (layer, f), ==, OGRERR_NONE);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return g_steal_pointer (&path);
}

/* Every unit in one of five stripes west to east: areas that split the
 * team areas and municipalities anywhere. */
static WkPlan *
plan_in_stripes (WkDataset *ds)
{
  WkPlan *plan = wk_plan_new (ds);
  double xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE;
  guint areas[5];

  for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
    {
      xmin = MIN (xmin, wk_dataset_get_unit (ds, u)->cx);
      xmax = MAX (xmax, wk_dataset_get_unit (ds, u)->cx);
    }
  for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
    {
      g_autofree char *name = g_strdup_printf ("Stripe %u", a + 1);

      areas[a] = wk_plan_create_area (plan, name, NULL, NULL);
    }
  for (guint u = 0; u < wk_dataset_get_n_units (ds); u++)
    {
      guint a = (guint) ((wk_dataset_get_unit (ds, u)->cx - xmin) / (xmax - xmin + 1.0) * 5);

      g_assert_true (wk_plan_assign (plan, u, areas[a], NULL));
    }
  return plan;
}

/* The boundary as loaded (its municipalities dissolved as a coverage when
 * they form one) covers the same ground as the overlay union of its
 * polygons: their symmetric difference has no area to speak of. */
static void
compare_boundary (WkDataset     *ds,
                  WkLoadOptions *options)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GPtrArray) geoms = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WkLoadReport) report = _wk_load_report_new ();
  g_autoptr(WkGeosGeometry) overlay = NULL;
  g_autoptr(WkGeosGeometry) diff = NULL;
  const GEOSGeometry *loaded = _wk_dataset_get_boundary (ds);
  double area, diff_m2;

  g_assert_true (_wk_read_polygons (options->boundary_path, NULL, report, geoms, names, NULL,
                                    NULL, NULL));
  overlay = wk_geos_union_all ((GEOSGeometry **) geoms->pdata, geoms->len, FALSE);
  g_assert_nonnull (loaded);
  g_assert_true (GEOSisValid_r (ctx, loaded));
  diff = GEOSSymDifference_r (ctx, loaded, overlay);
  g_assert_true (GEOSArea_r (ctx, overlay, &area));
  g_assert_true (GEOSArea_r (ctx, diff, &diff_m2));
  g_assert_cmpfloat (diff_m2, <=, 1e-9 * area);
  g_assert_cmpint (GEOSGetNumGeometries_r (ctx, loaded), ==,
                   GEOSGetNumGeometries_r (ctx, overlay));
}

/* The findings of a plan on @options loaded with exact shares and with
 * shares within the tolerance: the same ones, with values within the
 * tolerance's bound of each other. */
static void
compare_findings (WkLoadOptions *options)
{
  double tolerance = _wk_dataset_set_share_tolerance (0.0);
  g_autoptr(WkDataset) exact = wk_test_load (options);
  g_autoptr(WkDataset) near = NULL;
  g_autoptr(WkPlan) plan_exact = plan_in_stripes (exact);
  g_autoptr(WkPlan) plan_near = NULL;
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) check_exact = NULL;
  g_autoptr(WkChecker) check_near = NULL;
  g_autoptr(GPtrArray) fe = NULL;
  g_autoptr(GPtrArray) fn = NULL;
  guint n_networks = 0;
  Tally tally = { 0 };

  _wk_dataset_set_share_tolerance (tolerance);
  near = wk_test_load (options);
  compare_boundary (near, options);
  plan_near = plan_in_stripes (near);
  check_exact = wk_checker_new (plan_exact, profile);
  check_near = wk_checker_new (plan_near, profile);
  fe = wk_checker_dup_findings (check_exact);
  fn = wk_checker_dup_findings (check_near);
  g_assert_cmpuint (fe->len, ==, fn->len);
  for (guint i = 0; i < fe->len; i++)
    {
      WkFinding *a = g_ptr_array_index (fe, i), *b = g_ptr_array_index (fn, i);
      guint na, nb;
      const guint *ua = wk_finding_get_units (a, &na), *ub = wk_finding_get_units (b, &nb);

      g_assert_cmpstr (wk_finding_get_criterion (a), ==, wk_finding_get_criterion (b));
      g_assert_cmpint (wk_finding_get_severity (a), ==, wk_finding_get_severity (b));
      g_assert_cmpint (isnan (wk_finding_get_value (a)), ==, isnan (wk_finding_get_value (b)));
      if (!isnan (wk_finding_get_value (a)))
        g_assert_cmpfloat (fabs (wk_finding_get_value (a) - wk_finding_get_value (b)), <=,
                           0.0025 * MAX (1.0, fabs (wk_finding_get_value (a))));
      g_assert_cmpuint (na, ==, nb);
      g_assert_true (na == 0 || memcmp (ua, ub, na * sizeof (guint)) == 0);
      ua = wk_finding_get_areas (a, &na);
      ub = wk_finding_get_areas (b, &nb);
      g_assert_cmpuint (na, ==, nb);
      g_assert_true (na == 0 || memcmp (ua, ub, na * sizeof (guint)) == 0);
      n_networks += g_strcmp0 (wk_finding_get_criterion (a), "networks") == 0;
    }
  /* the stripes split some team areas, so the shares were put to use */
  g_assert_cmpuint (n_networks, >, 0);

  /* and the shares themselves, for the team areas as loaded */
  for (guint i = 0; i < wk_dataset_get_n_networks (near); i++)
    if (!wk_dataset_get_network (near, i)->is_group)
      compare_shares (near, _wk_dataset_get_network_geometry (near, i), &tally);
  g_test_message ("%u shares compared, %u told within the tolerance", tally.n_compared,
                  tally.n_tolerant);
  g_assert_cmpuint (tally.n_tolerant, >, 0);
}

/* Woerden and the province with team areas and municipalities made of
 * their wijken and gemeenten, written in longitude/latitude as they
 * usually come, and the sample with its own. */
static void
test_findings (gconstpointer data)
{
  const char *relative = data;
  g_autofree char *path = relative ? wk_test_shared_data (relative) : NULL;
  g_autoptr(WkLoadOptions) options = NULL;

  if (relative == NULL)
    {
      g_autofree char *units = wk_test_sample_path ("units.geojson");
      g_autofree char *networks = wk_test_sample_path ("networks.geojson");
      g_autofree char *boundary = wk_test_sample_path ("boundary.geojson");

      options = wk_load_options_new (units);
      wk_load_options_add_network (options, networks);
      options->boundary_path = g_strdup (boundary);
    }
  else if (path == NULL)
    return;
  else
    {
      g_autoptr(WkLoadOptions) plain = wk_load_options_new (path);
      g_autoptr(WkDataset) ds = wk_test_load (plain);
      g_autoptr(GPtrArray) wijken = unions_by_code (ds, 8);
      g_autoptr(GPtrArray) gemeenten = unions_by_code (ds, 6);
      g_autofree char *networks = write_lonlat ("shares-teams.geojson", wijken);
      g_autofree char *boundary = NULL;

      /* all but the last gemeente: the boundary cuts the stripes */
      if (gemeenten->len > 1)
        g_ptr_array_set_size (gemeenten, gemeenten->len - 1);
      boundary = write_lonlat ("shares-boundary.geojson", gemeenten);
      options = wk_load_options_new (path);
      wk_load_options_add_network (options, networks);
      options->boundary_path = g_steal_pointer (&boundary);
    }
  compare_findings (options);
}

/* A team-area file in RD metres that says nothing of its CRS (GeoJSON is then
 * longitude/latitude) is refused with the extent check of its one pass. */
static void
test_wrong_crs (void)
{
  static const char text[] =
    "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
    "\"properties\": {\"name\": \"Team\"}, \"geometry\": {\"type\": \"Polygon\", "
    "\"coordinates\": [[[120000, 450000], [121000, 450000], [121000, 451000], "
    "[120000, 450000]]]}}]}";
  g_autofree char *units = wk_test_sample_path ("units.geojson");
  g_autofree char *networks = wk_test_write_file ("rd-teams.geojson", text);
  g_autoptr(WkLoadOptions) options = wk_load_options_new (units);
  g_autoptr(GError) error = NULL;
  g_autoptr(WkDataset) ds = NULL;

  wk_load_options_add_network (options, networks);
  ds = wk_dataset_load (options, NULL, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_WRONG_CRS);
  g_assert_nonnull (strstr (error->message, "rd-teams.geojson"));
}

/* A team-area file in RD of @n squares of 100 m with 100 vertices a side,
 * over 4 MiB: the "crs" member after the features when @crs_last, and a
 * field "label" that only the last feature has. */
static char *
write_large_rd (const char *name,
                guint       n,
                gboolean    crs_last)
{
  static const char crs[] =
    "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::28992\"}}";
  g_autoptr(GString) text = g_string_new ("{\"type\": \"FeatureCollection\", ");

  if (!crs_last)
    g_string_append_printf (text, "%s, ", crs);
  g_string_append (text, "\"features\": [\n");
  for (guint i = 0; i < n; i++)
    {
      double x0 = 120000.0 + 200.0 * (i % 40), y0 = 450000.0 + 200.0 * (i / 40);

      g_string_append_printf (text, "%s{\"type\": \"Feature\", "
                              "\"properties\": {\"naam\": \"Team %u\"", i ? ",\n" : "", i + 1);
      if (i + 1 == n)
        g_string_append (text, ", \"label\": \"Last\"");
      g_string_append (text, "}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[");
      for (guint k = 0; k < 400; k++)
        {
          double t = (k % 100) / 100.0 * 100.0, x, y;

          switch (k / 100)
            {
            case 0: x = x0 + t; y = y0; break;
            case 1: x = x0 + 100.0; y = y0 + t; break;
            case 2: x = x0 + 100.0 - t; y = y0 + 100.0; break;
            default: x = x0; y = y0 + 100.0 - t; break;
            }
          g_string_append_printf (text, "[%.3f, %.3f], ", x, y);
        }
      g_string_append_printf (text, "[%.3f, %.3f]]]}}", x0, y0);
    }
  g_string_append (text, "\n]");
  if (crs_last)
    g_string_append_printf (text, ", %s", crs);
  g_string_append (text, "}\n");
  g_assert_cmpuint (text->len, >, 4 * 1048576);
  return wk_test_write_file (name, text->str);
}

/* Large GeoJSON files are read with GDAL's first pass cut short: the same
 * polygons, a CRS after the features still found, and a field that only
 * the last feature has found when it is asked for. */
static void
test_large_geojson (void)
{
  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *path = write_large_rd (c ? "large-crs-last.geojson" : "large.geojson",
                                              600, c == 1);
      const char *fields[] = { NULL, "label" };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autoptr(GPtrArray) geoms =
            g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(WkLoadReport) report = _wk_load_report_new ();
          g_autoptr(GError) error = NULL;
          double a;

          g_assert_true (_wk_read_polygons (path, fields[f], report, geoms, names, NULL, NULL,
                                            &error));
          g_assert_no_error (error);
          g_assert_cmpuint (geoms->len, ==, 600);
          g_assert_cmpuint (report->messages->len, ==, 0);
          for (guint i = 0; i < geoms->len; i++)
            {
              g_autofree char *want = g_strdup_printf ("Team %u", i + 1);
              double x;

              g_assert_true (GEOSArea_r (wk_geos_context (), g_ptr_array_index (geoms, i), &a));
              g_assert_cmpfloat (fabs (a - 10000.0), <, 1e-6);
              g_assert_true (GEOSGeom_getXMin_r (wk_geos_context (),
                                                 g_ptr_array_index (geoms, i), &x));
              g_assert_cmpfloat (x, ==, 120000.0 + 200.0 * (i % 40));
              if (fields[f] == NULL)
                g_assert_cmpstr (g_ptr_array_index (names, i), ==, want);
              else
                g_assert_cmpstr (g_ptr_array_index (names, i), ==, i + 1 == 600 ? "Last" : NULL);
            }
        }
    }
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
  g_test_add_data_func ("/core/shares/findings/woerden",
                        "cbs-buurten-2019/woerden_buurten_2019_rd.gpkg", test_findings);
  g_test_add_data_func ("/core/shares/findings/province",
                        "cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson", test_findings);
  g_test_add_data_func ("/core/shares/findings/sample", NULL, test_findings);
  g_test_add_func ("/core/shares/wrong-crs", test_wrong_crs);
  g_test_add_func ("/core/shares/large-geojson", test_large_geojson);
  return g_test_run ();
}
