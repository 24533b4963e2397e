/* test-cli-geocode.c: wijkindeling-cli geocode against the Locatieserver stood in on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <ogr_api.h>

#include "wk-test-server.h"
#include "wk-test-util.h"

/* Line 4 has an address the server does not know, line 6 no postcode. */
static const char list_csv[] =
  "naam,postcode,huisnummer,toevoeging\n"
  "Huisartsen Centrum,3441 AB,12,\n"
  "Apotheek Oost,3442cd,5,a\n"
  "Onbekend,9999 ZZ,1,\n"
  "Huisarts West,3443EF,7,\n"
  "Zonder postcode,,3,\n";

static void
assert_points (const char *path)
{
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRLayerH layer = GDALDatasetGetLayerByName (ds, "points");
  OGRFeatureH f;
  guint n = 0;

  g_assert_nonnull (layer);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *name = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "naam"));
      OGRGeometryH g = OGR_F_GetGeometryRef (f);
      double x = OGR_G_GetX (g, 0), y = OGR_G_GetY (g, 0);

      /* at the served RD coordinates, the addition picking 5a, not 5 */
      if (g_str_equal (name, "Huisartsen Centrum"))
        g_assert_true (x == 121500.5 && y == 455000.25);
      else if (g_str_equal (name, "Apotheek Oost"))
        g_assert_true (x == 122000.0 && y == 456000.0);
      else if (g_str_equal (name, "Huisarts West"))
        g_assert_true (x == 119000.125 && y == 454500.0);
      else
        g_assert_not_reached ();
      n++;
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  g_assert_cmpuint (n, ==, 3);
}

static void
test_geocode_list (void)
{
  WkTestServer *server = wk_test_server_start (10);
  g_autofree char *cache = wk_test_temp_path ("geocode-cache");
  g_autofree char *list = wk_test_write_file ("list.csv", list_csv);
  g_autofree char *bad = wk_test_write_file ("bad.csv", "naam,plaats\nA,Woerden\n");
  g_autofree char *output = wk_test_temp_path ("points.gpkg");
  g_autofree char *again = wk_test_temp_path ("points-again.gpkg");
  g_autofree char *service = NULL;
  g_autofree char *ua = NULL;
  g_autofree char *referer = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (server == NULL)
    return;
  wk_test_server_add_address (server, "3441AB", 12, NULL, 121500.5, 455000.25);
  wk_test_server_add_address (server, "3442CD", 5, NULL, 121990.0, 455990.0);
  wk_test_server_add_address (server, "3442CD", 5, "A", 122000.0, 456000.0);
  wk_test_server_add_address (server, "3443EF", 7, NULL, 119000.125, 454500.0);
  service = wk_test_server_url (server, "/locatieserver/search/v3_1");

  status = wk_test_run_cli (&out, &err, "geocode", list, "--service", service, "--cache-dir",
                            cache, "--rate", "50", "-o", output, NULL);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "line 4: 9999 ZZ 1"));
  g_assert_nonnull (strstr (err, "line 6:"));
  g_assert_null (strstr (err, "line 2:"));
  g_assert_nonnull (strstr (out, "Placed 3 of 5 addresses (0 from the cache)"));
  assert_points (output);
  ua = wk_test_server_dup_header (server, "User-Agent");
  referer = wk_test_server_dup_header (server, "Referer");
  g_assert_true (g_str_has_prefix (ua, "Wijkindeling/"));
  g_assert_nonnull (strstr (referer, "wijkindeling"));

  /* the server gone: the cache answers, the unknown address included */
  wk_test_server_stop (server);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = wk_test_run_cli (&out, &err, "geocode", list, "--service", service, "--cache-dir",
                            cache, "-o", again, NULL);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "(4 from the cache)"));
  g_assert_nonnull (strstr (err, "line 4:"));
  assert_points (again);

  /* --refresh needs the service: exit 2, no file */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_unlink (again);
  g_assert_cmpint (wk_test_run_cli (&out, &err, "geocode", list, "--service", service,
                                    "--cache-dir", cache, "--refresh", "-o", again, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "not reachable"));
  g_assert_false (g_file_test (again, G_FILE_TEST_EXISTS));

  /* bad input */
  wk_test_assert_cli_fails ("huisnummer", "geocode", bad, "-o", again, NULL);
  wk_test_assert_cli_fails ("list", "geocode", "-o", again, NULL);
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);
  /* The isolated XDG dirs hide the desktop's proxy settings schema, which
   * GIO's GNOME proxy resolver would abort on: no proxy for 127.0.0.1. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_add_func ("/cli/geocode/list", test_geocode_list);
  return g_test_run ();
}
