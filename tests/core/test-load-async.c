/* test-load-async.c: wk_dataset_load_async that fails or is cancelled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include "wk-test-util.h"

#define COLS 16
#define ROWS 16
#define N_PROVIDERS 300

typedef struct
{
  WkDataset *dataset;
  GError    *error;
  gboolean   done;
  guint      order;      /* the how-manieth callback this was */
} LoadResult;

typedef struct
{
  GCancellable *cancellable;
  gulong        delay_us;
} CancelJob;

static guint n_callbacks;

static void
load_result_clear (LoadResult *r)
{
  g_clear_object (&r->dataset);
  g_clear_error (&r->error);
  r->done = FALSE;
}

static void
on_load_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LoadResult *r = user_data;

  g_assert_null (source);
  r->dataset = wk_dataset_load_finish (result, &r->error);
  g_assert_true ((r->dataset == NULL) != (r->error == NULL));
  r->done = TRUE;
  r->order = ++n_callbacks;
}

static gboolean
is_done (gpointer data)
{
  return ((LoadResult *) data)->done;
}

static gpointer
cancel_thread (gpointer data)
{
  CancelJob *job = data;

  g_usleep (job->delay_us);
  g_cancellable_cancel (job->cancellable);
  return NULL;
}

static char *
rectangle_geojson (const char *name,
                   double      x0,
                   double      y0,
                   double      x1,
                   double      y1)
{
  return g_strdup_printf ("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                          "{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}},\"features\":[{\"type\":\"Feature\","
                          "\"properties\":{\"naam\":\"%s\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                          "[[[%.1f,%.1f],[%.1f,%.1f],[%.1f,%.1f],[%.1f,%.1f],[%.1f,%.1f]]]}}]}",
                          name, x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
}

/* A grid of 256 units with 300 GP practices, a boundary and a team area:
 * a load that takes a while and goes through all of its steps. */
static WkLoadOptions *
grid_options (void)
{
  g_autofree char *text = wk_test_grid_geojson (COLS, ROWS, 100.0, NULL, NULL);
  g_autofree char *units = wk_test_write_file ("grid.geojson", text);
  g_autoptr(GString) csv = g_string_new ("naam,x,y\n");
  g_autofree char *gp = NULL;
  WkLoadOptions *options = wk_load_options_new (units);

  for (guint i = 0; i < N_PROVIDERS; i++)
    g_string_append_printf (csv, "GP %u,%.1f,%.1f\n", i,
                            WK_TEST_ORIGIN_X + 50 + (i * 37) % (COLS * 100),
                            WK_TEST_ORIGIN_Y + 50 + (i * 53) % (ROWS * 100));
  gp = wk_test_write_file ("gp.csv", csv->str);
  wk_load_options_add_provider (options, WK_PROVIDER_GP, gp);
  /* the municipality: one rectangle around the grid; a team area: its west half */
  {
    double x0 = WK_TEST_ORIGIN_X, y0 = WK_TEST_ORIGIN_Y;
    double x1 = x0 + COLS * 100.0, y1 = y0 + ROWS * 100.0;
    g_autofree char *boundary = rectangle_geojson ("Gemeente", x0, y0, x1, y1);
    g_autofree char *network = rectangle_geojson ("Team West", x0, y0, (x0 + x1) / 2, y1);
    g_autofree char *boundary_path = wk_test_write_file ("boundary.geojson", boundary);
    g_autofree char *network_path = wk_test_write_file ("network.geojson", network);

    options->boundary_path = g_strdup (boundary_path);
    wk_load_options_add_network (options, network_path);
  }
  return options;
}

static void
assert_complete (WkDataset *dataset)
{
  const guint *neighbours;
  guint n;

  g_assert_cmpuint (wk_dataset_get_n_units (dataset), ==, COLS * ROWS);
  g_assert_cmpuint (wk_dataset_get_n_providers (dataset), ==, N_PROVIDERS);
  g_assert_true (wk_dataset_has_boundary (dataset));
  g_assert_cmpuint (wk_dataset_get_n_networks (dataset), ==, 1);
  g_assert_cmpuint (wk_dataset_get_network (dataset, 0)->n_units, ==, COLS * ROWS / 2);
  neighbours = wk_dataset_get_neighbours (dataset, COLS + 1, NULL, &n);
  g_assert_nonnull (neighbours);
  g_assert_cmpuint (n, ==, 4);     /* corners touch in a point, which is no shared boundary */
}

/* A load cancelled at any moment gives G_IO_ERROR_CANCELLED and no data
 * set at all (never a half-read one); one that got to the end before the
 * cancel gives the whole data set.  Under ASan this also shows that no
 * step leaks what it read when it stops. */
static void
test_cancel_at_random_points (void)
{
  g_autoptr(WkLoadOptions) options = grid_options ();
  g_autoptr(WkDataset) reference = NULL;
  gint64 start;
  gint64 duration;
  guint n_cancelled = 0, n_complete = 0;
  guint rounds = g_test_slow () ? 100 : 8;

  /* the second load is timed: the first sets up PROJ and friends */
  reference = wk_test_load (options);
  assert_complete (reference);
  g_clear_object (&reference);
  start = g_get_monotonic_time ();
  reference = wk_test_load (options);
  duration = g_get_monotonic_time () - start;

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(WkProgress) progress = wk_progress_new ();
      LoadResult r = { 0 };
      /* the first round cancels at once; the others anywhere up to past the end */
      CancelJob job = { cancellable, i == 0 ? 0 : g_test_rand_int_range (0, duration * 5 / 4) };
      GThread *thread;

      wk_dataset_load_async (options, progress, cancellable, on_load_done_cb, &r);
      thread = g_thread_new ("cancel", cancel_thread, &job);
      g_assert_true (wk_test_wait_until (is_done, &r, 60000));
      g_thread_join (thread);

      if (r.error != NULL)
        {
          g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          n_cancelled++;
        }
      else
        {
          assert_complete (r.dataset);
          n_complete++;
        }
      load_result_clear (&r);
    }
  g_test_message ("%u of %u loads cancelled, %u complete (a load takes %.0f ms)",
                  n_cancelled, rounds, n_complete, duration / 1000.0);
  g_assert_cmpuint (n_cancelled, >=, 1);
}

/* The protocol for a window: a second load cancels the first.  The first
 * reports G_IO_ERROR_CANCELLED, whatever its worker was doing; only the
 * second's data set arrives. */
static void
test_second_load_cancels_first (void)
{
  g_autoptr(WkLoadOptions) options = grid_options ();
  g_autofree char *sample = wk_test_sample_path ("units.geojson");
  g_autoptr(WkLoadOptions) second = wk_load_options_new (sample);
  g_autoptr(GCancellable) first_cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) second_cancellable = g_cancellable_new ();
  LoadResult first = { 0 }, second_result = { 0 };

  n_callbacks = 0;
  wk_dataset_load_async (options, NULL, first_cancellable, on_load_done_cb, &first);
  g_cancellable_cancel (first_cancellable);
  wk_dataset_load_async (second, NULL, second_cancellable, on_load_done_cb, &second_result);

  g_assert_true (wk_test_wait_until (is_done, &first, 60000));
  g_assert_true (wk_test_wait_until (is_done, &second_result, 60000));
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (first.dataset);
  g_assert_no_error (second_result.error);
  g_assert_cmpuint (wk_dataset_get_n_units (second_result.dataset), ==, 46);
  load_result_clear (&first);
  load_result_clear (&second_result);
}

/* A load that fails half-way (its providers are broken) gives the error
 * and nothing else, and a load after it works. */
static void
test_failed_load (void)
{
  g_autoptr(WkLoadOptions) options = grid_options ();
  g_autofree char *broken = wk_test_write_file ("broken.csv", "naam,adres\nPraktijk,Dorpsstraat 1\n");
  LoadResult r = { 0 };

  wk_load_options_add_provider (options, WK_PROVIDER_PHARMACY, broken);
  wk_dataset_load_async (options, NULL, NULL, on_load_done_cb, &r);
  g_assert_true (wk_test_wait_until (is_done, &r, 60000));
  g_assert_error (r.error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_LAYER);
  g_assert_nonnull (strstr (r.error->message, "broken.csv"));
  load_result_clear (&r);

  g_clear_pointer (&options, wk_load_options_free);
  options = grid_options ();
  wk_dataset_load_async (options, NULL, NULL, on_load_done_cb, &r);
  g_assert_true (wk_test_wait_until (is_done, &r, 60000));
  g_assert_no_error (r.error);
  assert_complete (r.dataset);
  load_result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/core/load-async/cancel-at-random-points", test_cancel_at_random_points);
  g_test_add_func ("/core/load-async/second-load-cancels-first", test_second_load_cancels_first);
  g_test_add_func ("/core/load-async/failed-load", test_failed_load);
  return g_test_run ();
}
