/* test-pdok.c: the PDOK fetch on a worker, and the CBS list of gemeenten
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <gdal.h>
#include <ogr_api.h>

#include "wk-test-server.h"
#include "wk-test-util.h"

static void
on_fetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static gint64
shared_woerden_population (void)
{
  g_autofree char *path = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRFeatureH f;
  gint64 sum = 0;

  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      sum += OGR_F_GetFieldAsInteger64 (f, OGR_F_GetFieldIndex (f, "AANT_INW"));
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return sum;
}

/* Fetched on a worker with progress; a cancelled fetch writes nothing. */
static void
test_pdok_async (void)
{
  WkTestServer *server = wk_test_server_start (10);
  g_autofree char *service = NULL;
  g_autofree char *output = wk_test_temp_path ("async.gpkg");
  g_autofree char *cancelled_output = wk_test_temp_path ("cancelled.gpkg");
  g_autofree char *cache = wk_test_temp_path ("pdok-cache");
  g_autoptr(WkProgress) progress = wk_progress_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(WkPdokReport) report = NULL;
  g_autoptr(WkPdokReport) none = NULL;
  g_autoptr(GError) error = NULL;
  const char *codes[] = { "GM0632", NULL };
  WkPdokOptions options;
  WkPdokGemeente *woerden;

  if (server == NULL)
    return;
  service = wk_test_server_url (server, "/ok");
  wk_pdok_options_init (&options);
  options.gemeenten = codes;
  options.service = service;
  options.cache_dir = cache;
  wk_pdok_fetch_async (&options, output, progress, NULL, on_fetched_cb, &result);
  g_assert_true (wk_test_wait_until (is_set, &result, 60000));
  report = wk_pdok_fetch_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->gemeenten->len, ==, 1);
  woerden = g_ptr_array_index (report->gemeenten, 0);
  g_assert_cmpstr (woerden->name, ==, "Woerden");
  g_assert_false (woerden->from_cache);
  g_assert_cmpint (woerden->population, ==, shared_woerden_population ());
  g_assert_nonnull (woerden->fetched);
  g_assert_cmpfloat (wk_progress_get_fraction (progress), ==, 1.0);

  options.refresh = TRUE;
  g_cancellable_cancel (cancellable);
  wk_pdok_fetch_async (&options, cancelled_output, NULL, cancellable, on_fetched_cb, &cancelled);
  g_assert_true (wk_test_wait_until (is_set, &cancelled, 60000));
  none = wk_pdok_fetch_finish (cancelled, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (cancelled_output, G_FILE_TEST_EXISTS));
  wk_test_server_stop (server);
}

static void
test_gemeenten_find (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = wk_gemeenten_load (NULL, &error);
  const char *asked[] = { "Woerden", "woerden", "GM0632", "gm0632", "0632" };

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 342);
  for (guint i = 0; i < G_N_ELEMENTS (asked); i++)
    g_assert_cmpstr (wk_gemeenten_find (list, asked[i])->code, ==, "GM0632");
  g_assert_cmpstr (wk_gemeenten_find (list, "'s-Hertogenbosch")->code, ==, "GM0796");
  g_assert_cmpstr (wk_gemeenten_find (list, "Nuenen, Gerwen en Nederwetten")->code, ==, "GM0820");
  g_assert_null (wk_gemeenten_find (list, "Atlantis"));
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/core/pdok/async", test_pdok_async);
  g_test_add_func ("/core/pdok/gemeenten", test_gemeenten_find);
  return g_test_run ();
}
