/* test-paint-latency.c: how fast painting shows its effect, on real buurten
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include "wk-gui-test-util.h"

/* Issue 4: painting on the Woerden buurten keeps up with the pointer.  A
 * real window holds the buurten with a plan of their CBS wijken; a brush
 * step (the win.paint action, as the map activates it) moves one buurt on
 * the edge of its area into the neighbouring area, and the clock runs until
 * the sidebar shows it: both areas' rows have new figures and the findings
 * list matches the checker.  Then until the next frame is painted.  The
 * figures are printed; timing is not asserted. */

#define ROUNDS 240

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
percentile (GArray *times,
            guint   percent)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, MIN (times->len - 1, times->len * percent / 100));
}

/* A unit on the edge of an area of more than one unit, and the area of a
 * neighbour across that edge; from a random place in the data. */
static gboolean
pick_edge_unit (WkPlan *plan,
                GRand  *rand,
                guint  *unit,
                guint  *to_area)
{
  WkDataset *dataset = wk_plan_get_dataset (plan);
  guint n_units = wk_dataset_get_n_units (dataset);
  guint start = g_rand_int_range (rand, 0, n_units);

  for (guint k = 0; k < n_units; k++)
    {
      guint u = (start + k) % n_units;
      guint from = wk_plan_get_unit_area (plan, u);
      const guint *neighbours;
      guint n = 0;

      if (from == WK_AREA_NONE || wk_area_get_n_units (wk_plan_get_area (plan, from)) < 2)
        continue;
      neighbours = wk_dataset_get_neighbours (dataset, u, NULL, &n);
      for (guint i = 0; i < n; i++)
        {
          guint other = wk_plan_get_unit_area (plan, neighbours[i]);

          if (other != WK_AREA_NONE && other != from)
            {
              *unit = u;
              *to_area = other;
              return TRUE;
            }
        }
    }
  return FALSE;
}

typedef struct
{
  WkWindow   *window;
  WkAreaRow  *rows[2];
  const char *before[2];   /* the rows' summaries before the step */
} Shown;

/* Whether the sidebar shows the step: the rows of both areas have other
 * figures, and the findings list has every finding under its heading. */
static gboolean
sidebar_shows (Shown *shown)
{
  WkChecker *checker = wk_window_get_checker (shown->window);
  GListModel *findings = wk_sidebar_get_findings_model (wk_window_get_sidebar (shown->window));
  guint n_headers = 0;

  for (guint i = 0; i < 2; i++)
    if (shown->rows[i] != NULL &&
        g_strcmp0 (wk_area_row_get_summary (shown->rows[i]), shown->before[i]) == 0)
      return FALSE;
  for (WkSeverity s = 0; s < 3; s++)
    n_headers += wk_checker_count (checker, s) > 0;
  return g_list_model_get_n_items (findings) == wk_checker_get_n_findings (checker) + n_headers;
}

/* Paints @rounds brush steps on the buurten of @file (in the shared data)
 * with a plan of one area per value of @field, the map showing all of
 * them (zoomed to fit), prints the figures and saves a screenshot as
 * @shot_name. */
static void
measure_painting (const char *file,
                  const char *field,
                  const char *label,
                  const char *shot_name,
                  guint       rounds)
{
  g_autofree char *path = wk_test_shared_data (file);
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(GArray) shown_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autofree char *figures = NULL;
  g_autofree char *shot = NULL;
  WkWindow *window;
  WkPlan *plan;
  guint n_units, rows_seen = 0;

  if (path == NULL)
    return;
  window = wk_gui_test_new_window ();
  options = wk_load_options_new (path);
  wk_window_load (window, options, NULL);
  wk_gui_test_wait_loaded (window);
  plan = wk_window_get_plan (window);
  g_assert_nonnull (plan);
  n_units = wk_dataset_get_n_units (wk_window_get_dataset (window));

  /* a plan: the buurten in their CBS wijken or gemeenten */
  wk_test_plan_by_field (plan, path, "BU_CODE", field);
  g_assert_cmpuint (wk_plan_get_n_areas (plan), >=, 2);
  g_assert_cmpuint (wk_plan_get_n_assigned (plan), ==, n_units);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "brush"));
  wk_map_view_zoom_to_fit (wk_window_get_map_view (window), FALSE);
  wk_gui_test_iterate (500);

  /* for comparison: a frame of the window when nothing has changed */
  for (guint i = 0; i < 20; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      wk_gui_test_wait_frame (GTK_WIDGET (window));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (idle_ms, ms);
    }

  for (guint r = 0; r < rounds; r++)
    {
      Shown shown = { window };
      g_autofree char *before_from = NULL;
      g_autofree char *before_to = NULL;
      guint unit = 0, to = 0, from;
      gint64 start;
      double ms;

      g_assert_true (pick_edge_unit (plan, rand, &unit, &to));
      from = wk_plan_get_unit_area (plan, unit);
      wk_window_set_active_area (window, to);
      wk_gui_test_wait_paint (GTK_WIDGET (window));
      shown.rows[0] = wk_gui_test_find_area_row (window, from);
      shown.rows[1] = wk_gui_test_find_area_row (window, to);
      rows_seen += (shown.rows[0] != NULL) + (shown.rows[1] != NULL);
      before_from = shown.rows[0] ? g_strdup (wk_area_row_get_summary (shown.rows[0])) : NULL;
      before_to = shown.rows[1] ? g_strdup (wk_area_row_get_summary (shown.rows[1])) : NULL;
      shown.before[0] = before_from;
      shown.before[1] = before_to;

      start = g_get_monotonic_time ();
      wk_gui_test_paint (window, &unit, 1);
      while (!sidebar_shows (&shown))
        g_main_context_iteration (NULL, TRUE);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (shown_ms, ms);

      wk_gui_test_wait_paint (GTK_WIDGET (window));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (frame_ms, ms);
      g_assert_cmpuint (wk_plan_get_unit_area (plan, unit), ==, to);
    }
  /* most steps had both rows on screen to watch */
  g_assert_cmpuint (rows_seen, >, rounds);

  figures = g_strdup_printf ("%s (%u buurten, %u areas): assign action → sidebar updated: "
                             "median %.2f ms, 95th percentile %.2f ms; → next frame painted: "
                             "median %.1f ms, 95th percentile %.1f ms; over %u steps (a frame "
                             "with no change: median %.1f ms)",
                             label, n_units, wk_plan_get_n_areas (plan),
                             percentile (shown_ms, 50), percentile (shown_ms, 95),
                             percentile (frame_ms, 50), percentile (frame_ms, 95), shown_ms->len,
                             percentile (idle_ms, 50));
  g_test_message ("%s", figures);
  g_print ("# %s\n", figures);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), shot_name);
  wk_gui_test_close_window (window);
}

static void
test_paint_latency_woerden (void)
{
  measure_painting ("cbs-buurten-2019/woerden_buurten_2019.geojson", "WK_CODE", "Woerden",
                    "paint-latency-woerden", ROUNDS);
}

/* Issue 17: the same at province zoom, on the 885 buurten of the province
 * of Utrecht with a plan of its 26 gemeenten: a tile holds hundreds of
 * buurten there, and a step patches the tiles under the buurt it moved. */
static void
test_paint_latency_province (void)
{
  measure_painting ("cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson", "GM_CODE",
                    "Utrecht province", "paint-latency-province", ROUNDS / 4);
}

int
main (int   argc,
      char *argv[])
{
  if (!wk_gui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/gui/paint-latency/woerden", test_paint_latency_woerden);
  g_test_add_func ("/gui/paint-latency/province", test_paint_latency_province);
  return wk_gui_test_run ();
}
