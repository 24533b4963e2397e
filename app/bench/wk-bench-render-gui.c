/* wk-bench-render-gui.c: the render figures, with the GUI's units renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws full frames of the units layer off-screen, through the same tile
 * cache (WkUnitsRenderer) the map uses, onto a cairo image surface: no
 * display, no GTK initialisation.  Built with -Dgui=true; without the GUI,
 * wk-bench-render-none.c reports no figure.
 *
 * A frame is FRAME_WIDTH × FRAME_HEIGHT logical pixels at scale 1, a map
 * pane on a laptop screen.  Two views:
 *  - national: the whole data set fits the frame (zoom ≈ 7.9 for the
 *    Netherlands);
 *  - city: zoom 13 (about 15 km across) on the densest part of the data set,
 *    the cell of that size with the most unit centres.
 * Per view three figures (medians of up to 5, 20 and 50 frames; on big
 * data sets a figure stops after 15 s once it has 3 frames):
 *  - cold: every tile of the frame drawn, after the tile cache and the
 *    levels simplified lazily were dropped, as a frame the map has never
 *    shown (the first look at a region, or a jump in zoom).  The levels the
 *    map prepares on a worker after loading (wk_units_renderer_prepare(),
 *    timed in render_setup_ms) are kept: at national zoom the frame draws
 *    every tile but simplifies nothing;
 *  - warm: the frame again, with its tiles cached (panning back, redraws);
 *  - edit: the frame after one unit in view moved to a neighbouring area:
 *    the tiles under it patched in place, the two areas' outlines
 *    dissolved again.
 * After the edit frames, the last (patched) frame is compared pixel for
 * pixel with the same frame drawn cold: render_patch_equal says whether
 * they are equal, within PATCH_TOLERANCE per colour channel.
 * render_frame_ms is the cold national frame: the worst of them.
 *
 * With WK_BENCH_FRAMES=DIR in the environment the frames are also written
 * there as PNG, to look at.  With WK_BENCH_CPU=N the thread CPU time of
 * each cold frame is printed to stderr, and a view gets N cold frames when
 * N is more than 5 (the least of many is steadier on a busy machine).
 */

#define G_LOG_DOMAIN "wk-bench"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <time.h>

#include "wk-bench.h"
#include "wk-units-renderer.h"

#define FRAME_WIDTH  1280
#define FRAME_HEIGHT 800
#define CITY_ZOOM    13.0
#define N_COLD       5
#define N_WARM       20
#define N_EDITS      50
/* big data sets: stop sampling a figure after this long, once it has 3 */
#define MAX_SECONDS  15.0
#define MIN_SAMPLES  3
/* The largest difference of a colour channel (of 255) allowed between a
 * patched and a cold frame.  Cairo's scan converter covers a row of pixels
 * either exactly or by sampling it at 15 sub-rows, and which it does
 * depends on every edge of the path that crosses the row.  A patch draws
 * fewer paths' edges in the rows it redraws, so a pixel's antialiased
 * coverage there may differ by up to 1/15 per edge through the pixel from a
 * tile drawn whole: with the two sides of a thin stroke in one pixel,
 * 2/15 of 255 = 34 (times the opacity).  Nothing stale passes: a fill or an
 * area outline that is missing or wrong differs by far more (a stale area
 * outline by over 100). */
#define PATCH_TOLERANCE 34

static gboolean
enough (GArray *samples,
        double  since)
{
  return samples->len >= MIN_SAMPLES && wk_bench_now () - since > MAX_SECONDS;
}

static double
draw_frame (WkUnitsRenderer *renderer,
            cairo_surface_t *surface,
            const WkView    *view)
{
  cairo_t *cr = cairo_create (surface);
  double start = wk_bench_now ();

  cairo_set_source_rgb (cr, 0.96, 0.96, 0.95);
  cairo_paint (cr);
  wk_units_renderer_draw (renderer, cr, view);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return 1000 * (wk_bench_now () - start);
}

/* This thread's CPU time in ms: steadier than the wall clock on a shared
 * machine. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Cold frames per view: N_COLD, or more with WK_BENCH_CPU=N. */
static guint
n_cold (void)
{
  const char *cpu = g_getenv ("WK_BENCH_CPU");

  return MAX (N_COLD, cpu != NULL ? (guint) g_ascii_strtoull (cpu, NULL, 10) : 0);
}

/* With WK_BENCH_CPU in the environment, prints the thread CPU time of
 * each cold frame of a view to stderr, and the least. */
static void
report_cpu (const char *name,
            GArray     *cpu)
{
  g_autoptr(GString) line = NULL;

  if (g_getenv ("WK_BENCH_CPU") == NULL)
    return;
  line = g_string_new (NULL);
  g_string_append_printf (line, "wijkindeling-bench: %s cold frames, thread CPU ms:", name);
  for (guint i = 0; i < cpu->len; i++)
    g_string_append_printf (line, " %.1f", g_array_index (cpu, double, i));
  g_string_append_printf (line, "; least %.1f", wk_bench_percentile (cpu, 0));
  g_printerr ("%s\n", line->str);
}

static void
save_frame (cairo_surface_t *surface,
            const char      *name)
{
  const char *dir = g_getenv ("WK_BENCH_FRAMES");
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  path = g_build_filename (dir, name, NULL);
  if (cairo_surface_write_to_png (surface, path) != CAIRO_STATUS_SUCCESS)
    g_printerr ("wijkindeling-bench: could not write %s\n", path);
}

static void
view_at (WkView *view,
         double  cx,
         double  cy,
         double  zoom)
{
  double lon, lat;

  wk_world_to_lonlat (cx, cy, &lon, &lat);
  wk_view_init (view, lon, lat, zoom, 0.0, FRAME_WIDTH, FRAME_HEIGHT);
}

/* The centre of the frame-sized cell at @zoom with the most unit centres. */
static void
densest_centre (WkUnitsRenderer *renderer,
                guint            n_units,
                double           zoom,
                double          *cx,
                double          *cy)
{
  double scale = WK_TILE_SIZE * exp2 (zoom);
  double cw = FRAME_WIDTH / scale, ch = FRAME_HEIGHT / scale;
  double ext[4];
  g_autoptr(GHashTable) counts = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = g_new (gint64, MAX (n_units, 1));
  guint best = 0;

  wk_units_renderer_get_bounds (renderer, &ext[0], &ext[1], &ext[2], &ext[3]);
  *cx = (ext[0] + ext[2]) / 2;
  *cy = (ext[1] + ext[3]) / 2;
  for (guint u = 0; u < n_units; u++)
    {
      double b[4];
      gint64 ix, iy;
      guint count;

      wk_units_renderer_get_unit_bounds (renderer, u, &b[0], &b[1], &b[2], &b[3]);
      ix = (gint64) floor (((b[0] + b[2]) / 2 - ext[0]) / cw);
      iy = (gint64) floor (((b[1] + b[3]) / 2 - ext[1]) / ch);
      keys[u] = (ix << 32) | (iy & 0xffffffff);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &keys[u])) + 1;
      g_hash_table_insert (counts, &keys[u], GUINT_TO_POINTER (count));
      if (count > best)
        {
          best = count;
          *cx = ext[0] + (ix + 0.5) * cw;
          *cy = ext[1] + (iy + 0.5) * ch;
        }
    }
}

/* A boundary move of a unit that lies wholly in @view. */
static gboolean
pick_move_in_view (WkPlan          *plan,
                   WkUnitsRenderer *renderer,
                   const WkView    *view,
                   double           tolerance,
                   GRand           *rand,
                   guint           *unit,
                   guint           *area)
{
  double v[4];

  wk_view_get_world_bounds (view, &v[0], &v[1], &v[2], &v[3]);
  for (guint tries = 0; tries < 20000; tries++)
    {
      double b[4];

      if (!wk_bench_pick_move (plan, tolerance, rand, unit, area))
        return FALSE;
      wk_units_renderer_get_unit_bounds (renderer, *unit, &b[0], &b[1], &b[2], &b[3]);
      if (b[0] >= v[0] && b[2] <= v[2] && b[1] >= v[1] && b[3] <= v[3])
        return TRUE;
    }
  return FALSE;
}

/* Compares the patched frame @a with the cold frame @b: counts the pixels
 * that differ and the largest difference of a channel. */
static void
compare_frames (cairo_surface_t *a,
                cairo_surface_t *b,
                WkBenchFigures  *f)
{
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);

  for (int y = 0; y < FRAME_HEIGHT; y++)
    for (int x = 0; x < FRAME_WIDTH; x++)
      {
        const guint8 *qa = pa + (gsize) y * stride + 4 * x, *qb = pb + (gsize) y * stride + 4 * x;
        guint most = 0;

        for (int c = 0; c < 4; c++)
          most = MAX (most, (guint) ABS (qa[c] - qb[c]));
        f->render_patch_diff_px += most > 0;
        f->render_patch_max_diff = MAX (f->render_patch_max_diff, most);
      }
}

/* Cold, warm and edit frames of one view, as medians. */
static void
measure_view (WkUnitsRenderer *renderer,
              WkPlan          *plan,
              cairo_surface_t *surface,
              const WkView    *view,
              double           tolerance,
              const char      *name,
              WkBenchFigures  *f,
              double          *cold_ms,
              double          *warm_ms,
              double          *edit_ms)
{
  g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *png = NULL;
  double start = wk_bench_now ();

  for (guint i = 0; i < n_cold () && !enough (cold, start); i++)
    {
      double ms, cpu_ms;

      wk_units_renderer_clear_cache (renderer);
      cpu_ms = thread_cpu_ms ();
      ms = draw_frame (renderer, surface, view);
      cpu_ms = thread_cpu_ms () - cpu_ms;
      g_array_append_val (cold, ms);
      g_array_append_val (cpu, cpu_ms);
    }
  report_cpu (name, cpu);
  png = g_strdup_printf ("%s.png", name);
  save_frame (surface, png);
  for (guint i = 0; i < N_WARM; i++)
    {
      double ms = draw_frame (renderer, surface, view);

      g_array_append_val (warm, ms);
    }
  start = wk_bench_now ();
  for (guint i = 0; i < N_EDITS && !enough (edit, start); i++)
    {
      guint unit, area;
      double ms;

      if (!pick_move_in_view (plan, renderer, view, tolerance, rand, &unit, &area) ||
          !wk_plan_assign (plan, unit, area, NULL))
        break;
      ms = draw_frame (renderer, surface, view);
      g_array_append_val (edit, ms);
    }
  g_free (png);
  png = g_strdup_printf ("%s-edited.png", name);
  save_frame (surface, png);

  /* the patched frame against the same frame drawn cold */
  if (edit->len > 0)
    {
      cairo_surface_t *fresh = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_WIDTH,
                                                           FRAME_HEIGHT);

      wk_units_renderer_clear_cache (renderer);
      draw_frame (renderer, fresh, view);
      compare_frames (surface, fresh, f);
      g_free (png);
      png = g_strdup_printf ("%s-edited-cold.png", name);
      save_frame (fresh, png);
      cairo_surface_destroy (fresh);
    }

  *cold_ms = wk_bench_median (cold);
  *warm_ms = wk_bench_median (warm);
  *edit_ms = wk_bench_median (edit);
}

/**
 * wk_bench_render:
 * @plan: the plan to draw; edit frames move units in it
 * @dissolver: its area outlines
 * @tolerance: the shared boundary (m) that makes two units neighbours
 * @f: the figures to fill in (render_*)
 *
 * Measures full frames of the units layer at a national and a city zoom,
 * cold, warm and after an edit (see the top of this file).
 *
 * Returns: %TRUE: this build draws real frames
 */
gboolean
wk_bench_render (WkPlan         *plan,
                 WkDissolver    *dissolver,
                 double          tolerance,
                 WkBenchFigures *f)
{
  g_autoptr(WkUnitsRenderer) renderer = NULL;
  cairo_surface_t *surface;
  guint n_units = wk_dataset_get_n_units (wk_plan_get_dataset (plan));
  double ext[4], cx, cy, start, zoom;
  WkView national, city;

  start = wk_bench_now ();
  renderer = wk_units_renderer_new (plan, dissolver);
  /* what the map does on a worker after loading */
  wk_units_renderer_prepare (renderer);
  f->render_setup_ms = 1000 * (wk_bench_now () - start);

  /* the whole data set in the frame */
  wk_units_renderer_get_bounds (renderer, &ext[0], &ext[1], &ext[2], &ext[3]);
  zoom = log2 (MIN (FRAME_WIDTH / MAX (ext[2] - ext[0], 1e-12),
                    FRAME_HEIGHT / MAX (ext[3] - ext[1], 1e-12)) / WK_TILE_SIZE);
  f->render_zoom = floor (zoom * 1000) / 1000;
  view_at (&national, (ext[0] + ext[2]) / 2, (ext[1] + ext[3]) / 2, f->render_zoom);

  /* a city: zoom 13, or closer when the whole data set is smaller */
  f->render_city_zoom = MAX (CITY_ZOOM, f->render_zoom + 1);
  densest_centre (renderer, n_units, f->render_city_zoom, &cx, &cy);
  view_at (&city, cx, cy, f->render_city_zoom);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_WIDTH, FRAME_HEIGHT);
  f->render_patch_diff_px = f->render_patch_max_diff = 0;
  measure_view (renderer, plan, surface, &national, tolerance, "national", f,
                &f->render_frame_ms, &f->render_warm_ms, &f->render_edit_ms);
  measure_view (renderer, plan, surface, &city, tolerance, "city", f,
                &f->render_city_ms, &f->render_city_warm_ms, &f->render_city_edit_ms);
  cairo_surface_destroy (surface);
  f->render_patched = wk_units_renderer_get_n_patched (renderer);
  f->render_patch_equal = f->render_patch_max_diff <= PATCH_TOLERANCE;
  f->render_note = g_strdup_printf (_("%d × %d px frames, national zoom %.2f, city zoom %.1f; "
                                      "render_frame_ms: cold national frame, every tile drawn "
                                      "(simplified levels prepared, no tile cached)"),
                                    FRAME_WIDTH, FRAME_HEIGHT, f->render_zoom,
                                    f->render_city_zoom);
  return TRUE;
}
