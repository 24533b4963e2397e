/* test-cli-providers.c: wijkindeling-cli providers on a tiny OpenStreetMap file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "wk-test-util.h"

/* Around Woerden: GPs as a node, a node with healthcare=doctor and general
 * speciality, and a multipolygon relation; a dermatologist to skip;
 * pharmacies as a node, a closed way, one just over the boundary (inside
 * the margin) and one 20 km away; a district nurse; a café. */
static const char osm_xml[] =
  "<?xml version='1.0' encoding='UTF-8'?>\n"
  "<osm version='0.6' generator='test'>\n"
  " <node id='1' version='1' lat='52.0850' lon='4.8800'>\n"
  "  <tag k='amenity' v='doctors'/><tag k='name' v='Huisartsen Centrum'/>\n"
  "  <tag k='addr:street' v='Rijnstraat'/><tag k='addr:housenumber' v='12'/>\n"
  "  <tag k='addr:postcode' v='3441 BS'/><tag k='addr:city' v='Woerden'/>\n"
  " </node>\n"
  " <node id='2' version='1' lat='52.0800' lon='4.8600'>\n"
  "  <tag k='healthcare' v='doctor'/><tag k='healthcare:speciality' v='general'/>\n"
  "  <tag k='name' v='Huisarts West'/>\n"
  " </node>\n"
  " <node id='3' version='1' lat='52.0860' lon='4.8850'>\n"
  "  <tag k='amenity' v='doctors'/><tag k='healthcare' v='doctor'/>\n"
  "  <tag k='healthcare:speciality' v='dermatology'/><tag k='name' v='Huidkliniek'/>\n"
  " </node>\n"
  " <node id='4' version='1' lat='52.0870' lon='4.8820'>\n"
  "  <tag k='amenity' v='pharmacy'/><tag k='name' v='Apotheek Centrum'/>\n"
  " </node>\n"
  " <node id='5' version='1' lat='52.0900' lon='4.9000'>\n"
  "  <tag k='healthcare' v='nurse'/><tag k='name' v='Wijkverpleging Oost'/>\n"
  " </node>\n"
  " <node id='6' version='1' lat='52.0900' lon='5.2000'>\n"
  "  <tag k='amenity' v='pharmacy'/><tag k='name' v='Apotheek Ver Weg'/>\n"
  " </node>\n"
  " <node id='7' version='1' lat='52.0840' lon='4.8810'>\n"
  "  <tag k='amenity' v='cafe'/><tag k='name' v='Koffie'/>\n"
  " </node>\n"
  " <node id='8' version='1' lat='52.0850' lon='4.9300'>\n"
  "  <tag k='amenity' v='pharmacy'/><tag k='name' v='Apotheek Grens'/>\n"
  " </node>\n"
  " <node id='20' version='1' lat='52.0800' lon='4.8700'/>\n"
  " <node id='21' version='1' lat='52.0800' lon='4.8720'/>\n"
  " <node id='22' version='1' lat='52.0820' lon='4.8720'/>\n"
  " <node id='23' version='1' lat='52.0820' lon='4.8700'/>\n"
  " <node id='24' version='1' lat='52.0900' lon='4.8900'/>\n"
  " <node id='25' version='1' lat='52.0900' lon='4.8920'/>\n"
  " <node id='26' version='1' lat='52.0920' lon='4.8920'/>\n"
  " <node id='27' version='1' lat='52.0920' lon='4.8900'/>\n"
  " <way id='10' version='1'>\n"
  "  <nd ref='20'/><nd ref='21'/><nd ref='22'/><nd ref='23'/><nd ref='20'/>\n"
  "  <tag k='amenity' v='pharmacy'/><tag k='name' v='Apotheek Zuid'/>\n"
  " </way>\n"
  " <way id='11' version='1'>\n"
  "  <nd ref='24'/><nd ref='25'/><nd ref='26'/><nd ref='27'/><nd ref='24'/>\n"
  " </way>\n"
  " <relation id='30' version='1'>\n"
  "  <member type='way' ref='11' role='outer'/>\n"
  "  <tag k='type' v='multipolygon'/><tag k='amenity' v='doctors'/>\n"
  "  <tag k='name' v='Gezondheidscentrum Noord'/>\n"
  " </relation>\n"
  "</osm>\n";

static const char boundary_json[] =
  "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
  "{\"name\":\"Woerden (test)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
  "[[[4.85,52.07],[4.92,52.07],[4.92,52.10],[4.85,52.10],[4.85,52.07]]]}}]}";

static GHashTable *
read_layer (const char *path,
            const char *layer_name,
            double     *x,
            double     *y)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRLayerH layer = GDALDatasetGetLayerByName (ds, layer_name);
  OGRFeatureH f;

  g_assert_nonnull (layer);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *id = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "osm_id"));
      int i_address = OGR_F_GetFieldIndex (f, "address");

      g_hash_table_insert (ids, g_strdup (id), g_strdup (OGR_F_GetFieldAsString (f, i_address)));
      if (x != NULL && g_str_equal (id, "way/10"))
        {
          *x = OGR_G_GetX (OGR_F_GetGeometryRef (f), 0);
          *y = OGR_G_GetY (OGR_F_GetGeometryRef (f), 0);
        }
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return ids;
}

static void
test_providers_osm (void)
{
  g_autofree char *osm = wk_test_write_file ("woerden.osm", osm_xml);
  g_autofree char *boundary = wk_test_write_file ("boundary.geojson", boundary_json);
  g_autofree char *output = wk_test_temp_path ("providers.gpkg");
  g_autofree char *all = wk_test_temp_path ("providers-all.gpkg");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) gp = NULL;
  g_autoptr(GHashTable) pharmacy = NULL;
  g_autoptr(GHashTable) nursing = NULL;
  g_autoptr(GHashTable) pharmacy_all = NULL;
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);
  OGRSpatialReferenceH rd = OSRNewSpatialReference (NULL);
  OGRCoordinateTransformationH ct;
  double x = 0, y = 0, cx = 4.871, cy = 52.081;
  int status;

  status = wk_test_run_cli (&out, &err, "providers", "--osm", osm, "--boundary", boundary,
                            "-o", output, NULL);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "GP practices: 3"));
  g_assert_nonnull (strstr (out, "Pharmacies: 3"));
  g_assert_nonnull (strstr (out, "District nursing: 1"));
  g_assert_nonnull (strstr (out, "specialists rather than GPs: 1 (Huidkliniek)"));
  g_assert_nonnull (strstr (out, "outside the area and its margin: 1"));
  g_assert_nonnull (strstr (out, "© OpenStreetMap contributors"));

  gp = read_layer (output, "gp", NULL, NULL);
  pharmacy = read_layer (output, "pharmacy", &x, &y);
  nursing = read_layer (output, "nursing", NULL, NULL);
  g_assert_cmpuint (g_hash_table_size (gp), ==, 3);
  g_assert_true (g_hash_table_contains (gp, "node/1"));
  g_assert_true (g_hash_table_contains (gp, "node/2"));
  g_assert_true (g_hash_table_contains (gp, "relation/30"));
  g_assert_false (g_hash_table_contains (gp, "node/3"));
  g_assert_cmpstr (g_hash_table_lookup (gp, "node/1"), ==, "Rijnstraat 12, 3441 BS Woerden");
  g_assert_cmpuint (g_hash_table_size (pharmacy), ==, 3);
  g_assert_true (g_hash_table_contains (pharmacy, "node/8"));
  g_assert_false (g_hash_table_contains (pharmacy, "node/6"));
  g_assert_cmpuint (g_hash_table_size (nursing), ==, 1);

  /* the closed way at its centroid, in RD New */
  OSRImportFromEPSG (wgs84, 4326);
  OSRImportFromEPSG (rd, 28992);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy (rd, OAMS_TRADITIONAL_GIS_ORDER);
  ct = OCTNewCoordinateTransformation (wgs84, rd);
  g_assert_true (OCTTransform (ct, 1, &cx, &cy, NULL));
  g_assert_cmpfloat_with_epsilon (x, cx, 2.0);
  g_assert_cmpfloat_with_epsilon (y, cy, 2.0);
  OCTDestroyCoordinateTransformation (ct);
  OSRRelease (wgs84);
  OSRRelease (rd);

  /* without an area all of the file is kept */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "providers", "--osm", osm, "-o", all, NULL), ==, 0);
  pharmacy_all = read_layer (all, "pharmacy", NULL, NULL);
  g_assert_cmpuint (g_hash_table_size (pharmacy_all), ==, 4);

  /* not an OSM file */
  wk_test_assert_cli_fails ("OpenStreetMap", "providers", "--osm", boundary, "-o", all, NULL);
  wk_test_assert_cli_fails ("--osm", "providers", "-o", all, NULL);
}

/* A provider file with bad rows (issue 18): the good rows load, each bad
 * one is named by its line and what is wrong, and `check` exits 1 with the
 * count in its JSON. */
static void
test_providers_bad_rows (void)
{
  g_autofree char *units = g_test_build_filename (G_TEST_DIST, "data", "bad", "base",
                                                  "units.geojson", NULL);
  g_autofree char *plan = g_test_build_filename (G_TEST_DIST, "data", "bad", "base",
                                                 "plan.csv", NULL);
  g_autofree char *gp = g_test_build_filename (G_TEST_DIST, "data", "bad", "gp-bad-rows.csv",
                                               NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *load, *summary;
  const char *expected[] = {
    "line 3: skipped, because its x and y are swapped (464000, 155500)",
    "line 4: skipped, because its coordinates are 0, 0",
    "line 5: skipped, because it lies outside the Netherlands (652000, -120000)",
  };

  g_assert_cmpint (wk_test_run_cli (&out, &err, "check", "--json", "--units", units, "--plan",
                                    plan, "--gp", gp, NULL), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (err, expected[i]));
  root = wk_test_parse_object (out, parser);
  load = json_object_get_object_member (root, "load_report");
  summary = json_object_get_object_member (root, "summary");
  g_assert_cmpint (json_object_get_int_member (load, "providers_skipped"), ==, 3);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (load, "messages")),
                   ==, 3);
  /* the plan itself has no error: exit 1 is for the rows */
  g_assert_cmpint (json_object_get_int_member (summary, "errors"), ==, 0);
  g_assert_null (strstr (err, "Praktijk"));
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/cli/providers/osm", test_providers_osm);
  g_test_add_func ("/cli/providers/bad-rows", test_providers_bad_rows);
  return g_test_run ();
}
