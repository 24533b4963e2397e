/* wk-units-renderer-draw.c: drawing a tile of the units renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-units-renderer"

#include "config.h"

#include <math.h>

#include "wk-units-renderer-private.h"

/* The drawing of one tile, or of the band of it that a patch redraws (see
 * wk-units-renderer.c). */

cairo_pattern_t *
_wk_units_renderer_make_hatch (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, HATCH_PX, HATCH_PX);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *pattern;

  cairo_set_source_rgba (cr, 0.45, 0.45, 0.45, 0.22);
  cairo_paint (cr);
  cairo_set_source_rgba (cr, 0.30, 0.30, 0.30, 0.55);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, -1, HATCH_PX + 1);
  cairo_line_to (cr, HATCH_PX + 1, -1);
  cairo_stroke (cr);
  cairo_move_to (cr, -1, 1);
  cairo_line_to (cr, 1, -1);
  cairo_move_to (cr, HATCH_PX - 1, HATCH_PX + 1);
  cairo_line_to (cr, HATCH_PX + 1, HATCH_PX - 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
  pattern = cairo_pattern_create_for_surface (surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (surface);
  return pattern;
}

static int
compare_by_area (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const guint *assignment = user_data;
  guint ua = *(const guint *) a, ub = *(const guint *) b;
  guint aa = assignment[ua], ab = assignment[ub];

  if (aa != ab)
    return aa < ab ? -1 : 1;
  return ua < ub ? -1 : ua > ub;
}

/* Whether the box b (x0, y0, x1, y1) meets one of @n rectangles. */
static inline gboolean
box_meets (const double *b,
           const double *rects,
           guint         n)
{
  for (guint k = 0; k < n; k++, rects += 4)
    if (b[2] >= rects[0] && b[0] <= rects[2] && b[3] >= rects[1] && b[1] <= rects[3])
      return TRUE;
  return FALSE;
}

/* The units of one area in a tile: visible[start..end), and how the area
 * is drawn. */
typedef struct
{
  guint      area;
  guint      start, end;
  guint32    key;       /* its colour, 0 for the hatching of units in no area */
  double     r, g, b;
  AreaShape *shape;     /* NULL or empty: its units' own rings */
} AreaRun;

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const AreaRun *ra = a, *rb = b;

  if (ra->key != rb->key)
    return ra->key < rb->key ? -1 : 1;
  return ra->area < rb->area ? -1 : ra->area > rb->area;
}

/* The areas of the visible units (sorted by area), sorted by colour: a
 * colour's areas are filled and outlined together, and in an order that
 * does not depend on which of them a patch redraws. */
static GArray *
get_runs (WkUnitsRenderer *self,
          const guint     *assignment)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (AreaRun));
  const guint *visible = (const guint *) (gconstpointer) self->visible->data;
  guint i = 0;

  while (i < self->visible->len)
    {
      AreaRun run = { assignment[visible[i]], i, i, 0, 0, 0, 0, NULL };
      WkArea *object = run.area != WK_AREA_NONE ? wk_plan_get_area (self->plan, run.area) : NULL;

      while (run.end < self->visible->len && assignment[visible[run.end]] == run.area)
        run.end++;
      i = run.end;
      if (object != NULL)
        {
          wk_area_get_rgb (object, &run.r, &run.g, &run.b);
          run.key = 1 + ((guint32) round (run.r * 255) << 16 |
                         (guint32) round (run.g * 255) << 8 | (guint32) round (run.b * 255));
          run.shape = _wk_units_renderer_get_area_shape (self, run.area);
        }
      g_array_append_val (runs, run);
    }
  g_array_sort (runs, compare_runs);
  return runs;
}

/* Adds the fill of the area of @run to the path: its dissolved outline,
 * which has none of the edges between its units, or when it has none the
 * units' own rings. */
static void
path_fill (WkUnitsRenderer *self,
           cairo_t         *cr,
           const AreaRun   *run,
           Lod             *lod,
           double           ox,
           double           oy,
           double           scale,
           const double    *clip)
{
  if (run->shape != NULL && !run->shape->empty)
    {
      _wk_shape_path_clipped (cr, _wk_units_renderer_area_lod (run->shape, lod->z), ox, oy, scale,
                              clip, FALSE);
      return;
    }
  for (guint i = run->start; i < run->end; i++)
    {
      guint u = g_array_index (self->visible, guint, i);
      const double *b = self->bounds + 4 * u;

      /* a speck: its bounding box, at least a pixel */
      if ((b[2] - b[0]) * scale < 1.5 && (b[3] - b[1]) * scale < 1.5)
        cairo_rectangle (cr, ((b[0] + b[2]) / 2 - ox) * scale - 0.5,
                         ((b[1] + b[3]) / 2 - oy) * scale - 0.5, 1.0, 1.0);
      else
        _wk_shape_path (cr, _wk_units_renderer_lod_get_unit (lod, self->units, u), ox, oy, scale);
    }
}

/* Draws the tile (level, tx, ty) into @cr, whose origin is the tile's
 * corner and whose unit is a tile pixel: all of it when @n_rects is 0,
 * otherwise what meets the world rectangles @rects, which @cr must be
 * clipped to.  Either way every pixel is drawn from the paths that reach
 * it, in the same order, so a patched tile looks as one drawn whole (see
 * PATCH_TOLERANCE in the bench for the antialiasing). */
void
_wk_units_renderer_draw_tile (WkUnitsRenderer *self,
                              cairo_t         *cr,
                              int              level,
                              int              tx,
                              int              ty,
                              const double    *rects,
                              guint            n_rects)
{
  double n = level_n (level), scale = WK_TILE_SIZE * n;
  double ox = tx / n, oy = ty / n;
  double margin = REACH_PX / scale;
  double whole[4] = { ox - margin, oy - margin, (tx + 1) / n + margin, (ty + 1) / n + margin };
  double clip[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  /* units smaller than this get no outline: it would only darken them */
  double min_outlined = MIN_OUTLINED_PX / scale;
  int z = (int) round ((double) level / LEVELS_PER_ZOOM);
  Lod *lod = _wk_units_renderer_get_lod (self, z);
  /* The thin unit outlines from the level above, simplified within twice
   * as many pixels, up to city zoom: at 0.7 px they look the same, with
   * about a third fewer vertices to stroke. */
  Lod *lines = level < FAST_AA_BELOW * LEVELS_PER_ZOOM && z > 0 ?
    _wk_units_renderer_get_lod (self, z - 1) : lod;
  g_autoptr(GArray) runs = NULL;
  guint n_assigned;
  const guint *assignment = wk_plan_get_assignment (self->plan, &n_assigned);

  if (n_rects == 0)
    {
      rects = whole;
      n_rects = 1;
    }
  for (guint k = 0; k < n_rects; k++)
    {
      clip[0] = MIN (clip[0], rects[4 * k]);
      clip[1] = MIN (clip[1], rects[4 * k + 1]);
      clip[2] = MAX (clip[2], rects[4 * k + 2]);
      clip[3] = MAX (clip[3], rects[4 * k + 3]);
    }
  g_array_set_size (self->visible, 0);
  for (guint u = 0; u < self->n_units; u++)
    if (box_meets (self->bounds + 4 * u, rects, n_rects))
      g_array_append_val (self->visible, u);
  g_array_sort_with_data (self->visible, compare_by_area, (gpointer) assignment);
  runs = get_runs (self, assignment);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  /* Up to city zoom a tile holds hundreds of units and areas, and cairo's
   * default antialiasing (15 sub-rows per pixel row, for every edge) was
   * most of the cost of a cold frame; 4 × 4 samples look the same there
   * (see docs/performance.md) at a quarter of the cost. */
  if (level < FAST_AA_BELOW * LEVELS_PER_ZOOM)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  /* Fills, one path per colour (areas do not overlap); the units in no
   * area first, hatched. */
  for (guint i = 0; i < runs->len; i++)
    {
      const AreaRun *run = &g_array_index (runs, AreaRun, i);

      path_fill (self, cr, run, lod, ox, oy, scale, clip);
      if (i + 1 < runs->len && g_array_index (runs, AreaRun, i + 1).key == run->key)
        continue;
      if (run->key != 0)
        cairo_set_source_rgba (cr, run->r, run->g, run->b, self->fill_alpha);
      else
        {
          cairo_matrix_t matrix;

          /* the hatching lines up across tiles */
          cairo_matrix_init_translate (&matrix, fmod (ox * scale, HATCH_PX),
                                       fmod (oy * scale, HATCH_PX));
          cairo_pattern_set_matrix (self->hatch, &matrix);
          cairo_set_source (cr, self->hatch);
        }
      cairo_fill (cr);
    }

  /* Thin unit outlines, in one stroke.  They and the area outlines have
   * bevel joins: at 0.7 and 2.4 px a round join looks much the same and
   * costs a fan of vertices at every corner.  (Not miter joins: a spike
   * can reach beyond REACH_PX, and so beyond what a patch redraws.) */
  for (guint i = 0; i < self->visible->len; i++)
    {
      guint u = g_array_index (self->visible, guint, i);
      const double *b = self->bounds + 4 * u;

      if (b[2] - b[0] >= min_outlined || b[3] - b[1] >= min_outlined)
        _wk_shape_path_clipped (cr, _wk_units_renderer_lod_get_unit (lines, self->units, u), ox,
                                oy, scale, whole, TRUE);
    }
  cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.45);
  cairo_set_line_width (cr, UNIT_LINE_PX);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_stroke (cr);

  /* Thick area outlines in a darker shade of the area's colour, one
   * stroke per colour: the runs of each outline that reach the tile, cut
   * where they leave it whether the tile is drawn whole or patched.  Only
   * the areas with units here can have an outline here. */
  cairo_set_line_width (cr, AREA_LINE_PX);
  for (guint i = 0; i < runs->len; i++)
    {
      const AreaRun *run = &g_array_index (runs, AreaRun, i);

      if (run->shape != NULL && !run->shape->empty)
        _wk_shape_path_clipped (cr, _wk_units_renderer_area_lod (run->shape, lod->z), ox, oy,
                                scale, whole, TRUE);
      if (run->key == 0 ||
          (i + 1 < runs->len && g_array_index (runs, AreaRun, i + 1).key == run->key))
        continue;
      cairo_set_source_rgba (cr, run->r * 0.55, run->g * 0.55, run->b * 0.55, 0.95);
      cairo_stroke (cr);
    }
}
