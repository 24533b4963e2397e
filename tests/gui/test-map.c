/* test-map.c: the units layer's drawing and tile cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include "wk-gui-test-util.h"
#include "wk-units-shape-private.h"

typedef struct
{
  WkDataset   *dataset;
  WkPlan      *plan;
  WkDissolver *dissolver;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *plan = wk_test_sample_path ("plan.csv");
  g_autoptr(GError) error = NULL;

  f->dataset = wk_test_sample_dataset ();
  f->plan = wk_plan_new (f->dataset);
  g_assert_true (wk_plan_import_csv (f->plan, plan, NULL, &error));
  g_assert_no_error (error);
  f->dissolver = wk_dissolver_new (f->plan);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->dissolver);
  g_clear_object (&f->plan);
  g_clear_object (&f->dataset);
}

static void
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y,
          guint8          *rgb)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  const guint32 *p = (const guint32 *) (data + y * cairo_image_surface_get_stride (surface)) + x;

  rgb[0] = (*p >> 16) & 0xff;
  rgb[1] = (*p >> 8) & 0xff;
  rgb[2] = *p & 0xff;
}

/* A unit's inner point lands on the frame in its area's colour, blended
 * with the background. */
static void
test_map_offscreen (Fixture       *f,
                    gconstpointer  data)
{
  cairo_surface_t *surface;
  int width = 800, height = 600;
  double zoom = 12.5, xmin, ymin, xmax, ymax, lon, lat;
  guint checked = 0;
  WkView view;
  g_autoptr(WkUnitsRenderer) renderer = wk_units_renderer_new (f->plan, f->dissolver);

  surface = wk_units_layer_render_offscreen (f->plan, f->dissolver, width, height, zoom);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);

  wk_units_renderer_get_bounds (renderer, &xmin, &ymin, &xmax, &ymax);
  wk_world_to_lonlat ((xmin + xmax) / 2, (ymin + ymax) / 2, &lon, &lat);
  wk_view_init (&view, lon, lat, zoom, 0, width, height);
  for (guint u = 0; u < wk_dataset_get_n_units (f->dataset); u++)
    {
      const WkUnit *unit = wk_dataset_get_unit (f->dataset, u);
      guint area = wk_plan_get_unit_area (f->plan, u);
      double ulon, ulat, wx, wy, x, y, r, g, b;
      guint8 rgb[3];

      if (area == WK_AREA_NONE)
        continue;
      wk_rd_to_lonlat (unit->lx, unit->ly, &ulon, &ulat);
      wk_lonlat_to_world (ulon, ulat, &wx, &wy);
      wk_view_world_to_widget (&view, wx, wy, &x, &y);
      if (x < 0 || y < 0 || x >= width || y >= height)
        continue;
      pixel_at (surface, (int) x, (int) y, rgb);
      wk_area_get_rgb (wk_plan_get_area (f->plan, area), &r, &g, &b);
      /* alpha 0.6 over a light grey: within a few steps of the blend */
      g_assert_cmpint (ABS (rgb[0] - (int) (255 * (0.6 * r + 0.4 * 0.96))), <=, 24);
      g_assert_cmpint (ABS (rgb[1] - (int) (255 * (0.6 * g + 0.4 * 0.96))), <=, 24);
      g_assert_cmpint (ABS (rgb[2] - (int) (255 * (0.6 * b + 0.4 * 0.95))), <=, 24);
      checked++;
    }
  g_assert_cmpuint (checked, >, 30);

  /* the corner is outside the municipality: background */
  {
    guint8 rgb[3];

    pixel_at (surface, 0, 0, rgb);
    g_assert_cmpint (rgb[0], ==, (int) (0.96 * 255 + 0.5));
  }
  cairo_surface_destroy (surface);
}

/* A change patches only the tiles under the units it moved. */
static void
test_map_tiles_follow_changes (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(WkUnitsRenderer) renderer = wk_units_renderer_new (f->plan, f->dissolver);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1400, 900);
  cairo_t *cr = cairo_create (surface);
  double xmin, ymin, xmax, ymax, lon, lat;
  g_autoptr(GError) error = NULL;
  guint cold, warm, after, unit = 0, n_tiles;
  WkView view;
  g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (f->plan), 0);

  wk_units_renderer_get_bounds (renderer, &xmin, &ymin, &xmax, &ymax);
  wk_world_to_lonlat ((xmin + xmax) / 2, (ymin + ymax) / 2, &lon, &lat);
  wk_view_init (&view, lon, lat, 15.0, 0, 1400, 900);

  wk_units_renderer_draw (renderer, cr, &view);
  cold = wk_units_renderer_get_n_rendered (renderer);
  n_tiles = wk_units_renderer_get_n_tiles (renderer);
  g_assert_cmpuint (cold, ==, n_tiles);
  g_assert_cmpuint (cold, >=, 24);

  wk_units_renderer_draw (renderer, cr, &view);
  warm = wk_units_renderer_get_n_rendered (renderer);
  g_assert_cmpuint (warm, ==, cold);

  /* a small unit near the middle moves: a few tiles, not all */
  for (guint u = 0; u < wk_dataset_get_n_units (f->dataset); u++)
    if (wk_plan_get_unit_area (f->plan, u) != wk_area_get_id (area) &&
        wk_dataset_get_unit (f->dataset, u)->area_m2 <
        wk_dataset_get_unit (f->dataset, unit)->area_m2)
      unit = u;
  g_assert_true (wk_plan_assign (f->plan, unit, wk_area_get_id (area), &error));
  g_assert_no_error (error);
  wk_units_renderer_draw (renderer, cr, &view);
  /* the tiles under it are patched in place, none drawn whole */
  after = wk_units_renderer_get_n_patched (renderer);
  g_test_message ("%u tiles; a change of one unit patched %u", n_tiles, after);
  g_assert_cmpuint (wk_units_renderer_get_n_rendered (renderer), ==, warm);
  g_assert_cmpuint (after, >=, 1);
  g_assert_cmpuint (after, <, n_tiles / 2);

  /* and look as the same view drawn cold by a new renderer, within the
   * antialiasing tolerance of the bench (wk-bench-render-gui.c) */
  {
    g_autoptr(WkUnitsRenderer) fresh = wk_units_renderer_new (f->plan, f->dissolver);
    cairo_surface_t *cold_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1400, 900);
    cairo_t *cold_cr = cairo_create (cold_surface);
    int stride = cairo_image_surface_get_stride (surface);
    const guint8 *a, *b;
    guint most = 0;

    cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
    cairo_paint (cr);
    cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
    wk_units_renderer_draw (renderer, cr, &view);
    wk_units_renderer_draw (fresh, cold_cr, &view);
    cairo_surface_flush (surface);
    cairo_surface_flush (cold_surface);
    a = cairo_image_surface_get_data (surface);
    b = cairo_image_surface_get_data (cold_surface);
    for (gsize i = 0; i < (gsize) stride * 900; i++)
      most = MAX (most, (guint) ABS (a[i] - b[i]));
    g_assert_cmpuint (most, <=, 34);
    cairo_destroy (cold_cr);
    cairo_surface_destroy (cold_surface);
  }

  /* zooming out and back: the other level is drawn once, this one is kept */
  view.zoom = 14.0;
  view.scale = WK_TILE_SIZE * exp2 (14.0);
  wk_units_renderer_draw (renderer, cr, &view);
  warm = wk_units_renderer_get_n_rendered (renderer);
  view.zoom = 15.0;
  view.scale = WK_TILE_SIZE * exp2 (15.0);
  wk_units_renderer_draw (renderer, cr, &view);
  g_assert_cmpuint (wk_units_renderer_get_n_rendered (renderer), ==, warm);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_map_world_math (void)
{
  double x, y, lon, lat;
  WkView view;

  wk_lonlat_to_world (5.0, 52.0, &x, &y);
  wk_world_to_lonlat (x, y, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 52.0, 1e-9);

  /* widget ↔ world round trip, also when rotated */
  wk_view_init (&view, 5.0, 52.0, 13.3, 0.4, 800, 600);
  wk_view_world_to_widget (&view, x + 1e-5, y - 2e-5, &lon, &lat);
  wk_view_widget_to_world (&view, lon, lat, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, x + 1e-5, 1e-12);
  g_assert_cmpfloat_with_epsilon (lat, y - 2e-5, 1e-12);
}

/* The largest difference of a colour channel between two frames. */
static guint
frames_differ (cairo_surface_t *a,
               cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  int height = cairo_image_surface_get_height (a);
  const guint8 *pa, *pb;
  guint most = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  for (gsize i = 0; i < (gsize) stride * height; i++)
    most = MAX (most, (guint) ABS (pa[i] - pb[i]));
  return most;
}

static cairo_surface_t *
draw_view (WkUnitsRenderer *renderer,
           const WkView    *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width,
                                                         view->height);
  cairo_t *cr = cairo_create (surface);

  wk_units_renderer_draw (renderer, cr, view);
  cairo_destroy (cr);
  return surface;
}

/* The last unit in the middle of @view (300–600 × 200–500 px) that is not
 * in @area, or WK_UNIT_NONE. */
static guint
unit_in_middle (Fixture      *f,
                const WkView *view,
                guint         area)
{
  guint unit = WK_UNIT_NONE;

  for (guint u = 0; u < wk_dataset_get_n_units (f->dataset); u++)
    {
      const WkUnit *it = wk_dataset_get_unit (f->dataset, u);
      double ulon, ulat, x, y;

      wk_rd_to_lonlat (it->lx, it->ly, &ulon, &ulat);
      wk_lonlat_to_world (ulon, ulat, &x, &y);
      wk_view_world_to_widget (view, x, y, &x, &y);
      if (wk_plan_get_unit_area (f->plan, u) != area && x > 300 && x < 600 && y > 200 && y < 500)
        unit = u;
    }
  return unit;
}

/* The levels prepared after loading, at once or on a worker, draw what the
 * levels simplified lazily draw, pixel for pixel, survive clear_cache(),
 * and a patched tile at such a zoom (fast antialiasing) looks as one drawn
 * cold. */
static void
test_map_prepared_levels (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(WkUnitsRenderer) lazy = wk_units_renderer_new (f->plan, f->dissolver);
  g_autoptr(WkUnitsRenderer) now = wk_units_renderer_new (f->plan, f->dissolver);
  g_autoptr(WkUnitsRenderer) worker = wk_units_renderer_new (f->plan, f->dissolver);
  g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (f->plan), 0);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *a, *b, *c;
  double xmin, ymin, xmax, ymax, lon, lat;
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint n, unit;
  WkView view;

  g_assert_cmpuint (wk_units_renderer_get_n_prepared (lazy), ==, 0);
  wk_units_renderer_prepare (now);
  n = wk_units_renderer_get_n_prepared (now);
  /* Woerden fills a window at zoom 13: from one level below, up to 12 */
  g_assert_cmpuint (n, ==, 1);
  wk_units_renderer_prepare_async (worker, NULL);
  while (wk_units_renderer_get_n_prepared (worker) < n && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (wk_units_renderer_get_n_prepared (worker), ==, n);

  wk_units_renderer_get_bounds (lazy, &xmin, &ymin, &xmax, &ymax);
  wk_world_to_lonlat ((xmin + xmax) / 2, (ymin + ymax) / 2, &lon, &lat);
  wk_view_init (&view, lon, lat, 12.0, 0, 900, 700);
  a = draw_view (lazy, &view);
  b = draw_view (now, &view);
  c = draw_view (worker, &view);
  g_assert_cmpuint (frames_differ (a, b), ==, 0);
  g_assert_cmpuint (frames_differ (a, c), ==, 0);
  wk_units_renderer_clear_cache (now);
  g_assert_cmpuint (wk_units_renderer_get_n_prepared (now), ==, n);
  cairo_surface_destroy (b);
  cairo_surface_destroy (c);
  b = draw_view (now, &view);
  g_assert_cmpuint (frames_differ (a, b), ==, 0);
  cairo_surface_destroy (b);

  /* a unit at the middle moves: the patched frame against a cold one */
  unit = unit_in_middle (f, &view, wk_area_get_id (area));
  g_assert_cmpuint (unit, !=, WK_UNIT_NONE);
  n = wk_units_renderer_get_n_patched (now);
  g_assert_true (wk_plan_assign (f->plan, unit, wk_area_get_id (area), &error));
  g_assert_no_error (error);
  b = draw_view (now, &view);
  g_assert_cmpuint (wk_units_renderer_get_n_patched (now), >, n);
  c = draw_view (lazy, &view);
  g_assert_cmpuint (frames_differ (a, c), >, 34);
  cairo_surface_destroy (c);
  wk_units_renderer_clear_cache (lazy);
  c = draw_view (lazy, &view);
  /* the tolerance of the bench (PATCH_TOLERANCE in wk-bench-render-gui.c) */
  g_assert_cmpuint (frames_differ (b, c), <=, 34);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (c);
}

/* Areas of one colour are filled and outlined together (one path per
 * colour): a unit moved between two of them moves the boundary, and the
 * patched tiles look as ones drawn cold. */
static void
test_map_one_colour (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WkUnitsRenderer) renderer = wk_units_renderer_new (f->plan, f->dissolver);
  g_autoptr(WkUnitsRenderer) fresh = wk_units_renderer_new (f->plan, f->dissolver);
  GListModel *areas = wk_plan_get_areas (f->plan);
  g_autoptr(WkArea) area = g_list_model_get_item (areas, 0);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *a, *b, *c;
  double xmin, ymin, xmax, ymax, lon, lat;
  guint n, unit;
  WkView view;

  g_assert_cmpuint (g_list_model_get_n_items (areas), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WkArea) it = g_list_model_get_item (areas, i);

      g_assert_true (wk_plan_recolor_area (f->plan, wk_area_get_id (it), "#62a0ea", &error));
      g_assert_no_error (error);
    }
  wk_units_renderer_get_bounds (renderer, &xmin, &ymin, &xmax, &ymax);
  wk_world_to_lonlat ((xmin + xmax) / 2, (ymin + ymax) / 2, &lon, &lat);
  wk_view_init (&view, lon, lat, 12.0, 0, 900, 700);
  a = draw_view (renderer, &view);

  unit = unit_in_middle (f, &view, wk_area_get_id (area));
  g_assert_cmpuint (unit, !=, WK_UNIT_NONE);
  g_assert_cmpuint (wk_plan_get_unit_area (f->plan, unit), !=, WK_AREA_NONE);
  n = wk_units_renderer_get_n_patched (renderer);
  g_assert_true (wk_plan_assign (f->plan, unit, wk_area_get_id (area), &error));
  g_assert_no_error (error);
  b = draw_view (renderer, &view);
  g_assert_cmpuint (wk_units_renderer_get_n_patched (renderer), >, n);
  /* the boundary between the two areas moved */
  g_assert_cmpuint (frames_differ (a, b), >, 34);
  c = draw_view (fresh, &view);
  g_assert_cmpuint (frames_differ (b, c), <=, 34);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (c);
}

/* The layer in a real map agrees with libshumate about where things are. */
static void
test_map_matches_viewport (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkMapView *view = wk_window_get_map_view (window);
  ShumateViewport *viewport = shumate_map_get_viewport (wk_map_view_get_map (view));
  WkDataset *dataset = wk_window_get_dataset (window);
  g_autoptr(GPtrArray) layers = NULL;

  g_assert_cmpstr (wk_map_view_get_basemap (view), ==, "pdok-grijs");
  for (guint u = 0; u < wk_dataset_get_n_units (dataset); u += 5)
    {
      const WkUnit *unit = wk_dataset_get_unit (dataset, u);
      double lon, lat, x, y, sx, sy;

      g_assert_true (wk_map_view_get_unit_position (view, u, &x, &y));
      wk_rd_to_lonlat (unit->lx, unit->ly, &lon, &lat);
      shumate_viewport_location_to_widget_coords (viewport,
                                                  GTK_WIDGET (wk_map_view_get_map (view)),
                                                  lat, lon, &sx, &sy);
      g_assert_cmpfloat_with_epsilon (x, sx, 0.01);
      g_assert_cmpfloat_with_epsilon (y, sy, 0.01);
      /* and the hit test finds the unit there */
      g_assert_cmpuint (wk_map_view_get_unit_at (view, x, y), ==, u);
    }

  /* with basemap none, no tile layer is left to download anything */
  g_settings_set_string (wk_application_get_settings (wk_gui_test_get_app ()), "basemap", "none");
  g_assert_cmpstr (wk_map_view_get_basemap (view), ==, "none");
  layers = wk_gui_test_find_widgets (GTK_WIDGET (wk_map_view_get_map (view)),
                                     SHUMATE_TYPE_MAP_LAYER);
  g_assert_cmpuint (layers->len, ==, 0);
  wk_gui_test_wait_frame (GTK_WIDGET (window));
  wk_gui_test_save_screenshot (GTK_WIDGET (window), "window-no-basemap");
  g_settings_reset (wk_application_get_settings (wk_gui_test_get_app ()), "basemap");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An outline stroked as the runs that meet a tile draws the tile as the
 * whole ring stroked does, wherever the ring starts: a wiggly ring much
 * bigger than the tile, crossing it several times. */
static cairo_surface_t *
stroke_ring (const double *xy,
             guint         n,
             guint         first,
             gboolean      runs)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (surface);
  g_autofree double *ring = g_new (double, 2 * n);
  double everywhere[4] = { -1e9, -1e9, 1e9, 1e9 };
  /* the tile (world 0…1 at 256 px) and 2.2 px around it */
  double box[4] = { -2.2 / 256, -2.2 / 256, 1 + 2.2 / 256, 1 + 2.2 / 256 };
  WkShape shape = { 1, &n, ring };

  for (guint i = 0; i < n; i++)
    {
      ring[2 * i] = xy[2 * ((first + i) % n)];
      ring[2 * i + 1] = xy[2 * ((first + i) % n) + 1];
    }
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2.4);
  _wk_shape_path_clipped (cr, &shape, 0, 0, 256, runs ? box : everywhere, runs);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_map_outline_runs (void)
{
  guint n = 720, drawn = 0;
  g_autofree double *xy = g_new (double, 2 * n);
  cairo_surface_t *whole;

  for (guint i = 0; i < n; i++)
    {
      double t = 2 * G_PI * i / n, r = 0.6 + 0.3 * sin (7 * t) + 0.01 * sin (97 * t);

      xy[2 * i] = 0.5 + r * cos (t);
      xy[2 * i + 1] = 0.5 + r * sin (t);
    }
  whole = stroke_ring (xy, n, 0, FALSE);
  for (guint k = 0; k < 256 * 256; k++)
    drawn += ((guint32 *) cairo_image_surface_get_data (whole))[k] != 0;
  g_assert_cmpuint (drawn, >, 1000);
  for (guint first = 0; first < n; first += 97)
    {
      cairo_surface_t *runs = stroke_ring (xy, n, first, TRUE);

      g_assert_cmpmem (cairo_image_surface_get_data (runs), 256 * 256 * 4,
                       cairo_image_surface_get_data (whole), 256 * 256 * 4);
      cairo_surface_destroy (runs);
    }
  cairo_surface_destroy (whole);
}

int
main (int   argc,
      char *argv[])
{
  if (!wk_gui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/gui/map/world-math", test_map_world_math);
  g_test_add ("/gui/map/offscreen", Fixture, NULL, fixture_setup, test_map_offscreen,
              fixture_teardown);
  g_test_add ("/gui/map/tiles-follow-changes", Fixture, NULL, fixture_setup,
              test_map_tiles_follow_changes, fixture_teardown);
  g_test_add ("/gui/map/prepared-levels", Fixture, NULL, fixture_setup,
              test_map_prepared_levels, fixture_teardown);
  g_test_add ("/gui/map/one-colour", Fixture, NULL, fixture_setup, test_map_one_colour,
              fixture_teardown);
  g_test_add_func ("/gui/map/matches-viewport", test_map_matches_viewport);
  g_test_add_func ("/gui/map/outline-runs", test_map_outline_runs);
  return wk_gui_test_run ();
}
