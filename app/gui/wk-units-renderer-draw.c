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
  WkPlan *plan = user_data;
  guint ua = *(const guint *) a, ub = *(const guint *) b;
  guint aa = wk_plan_get_unit_area (plan, ua), ab = wk_plan_get_unit_area (plan, ub);

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
  Lod *lod = _wk_units_renderer_get_lod (self, (int) round ((double) level / LEVELS_PER_ZOOM));
  guint i = 0;

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

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  /* Up to city zoom a tile holds hundreds of units and areas, and cairo's
   * default antialiasing (15 sub-rows per pixel row, for every edge) was
   * most of the cost of a cold frame; 4 × 4 samples look the same there
   * (see docs/performance.md) at a quarter of the cost. */
  if (level < FAST_AA_BELOW * LEVELS_PER_ZOOM)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Fills, one path per area: its dissolved outline, which has none of the
   * edges between its units (the units' own rings when it has none). */
  g_array_sort_with_data (self->visible, compare_by_area, self->plan);
  while (i < self->visible->len)
    {
      guint area = wk_plan_get_unit_area (self->plan, g_array_index (self->visible, guint, i));
      WkArea *object = area != WK_AREA_NONE ? wk_plan_get_area (self->plan, area) : NULL;
      AreaShape *shape = object != NULL ? _wk_units_renderer_get_area_shape (self, area) : NULL;

      if (shape != NULL && !shape->empty)
        {
          for (; i < self->visible->len; i++)
            if (wk_plan_get_unit_area (self->plan, g_array_index (self->visible, guint, i)) != area)
              break;
          _wk_shape_path_clipped (cr, _wk_units_renderer_area_lod (shape, lod->z), ox, oy, scale,
                                  clip, FALSE);
        }
      for (; i < self->visible->len; i++)
        {
          guint u = g_array_index (self->visible, guint, i);

          const double *b = self->bounds + 4 * u;

          if (wk_plan_get_unit_area (self->plan, u) != area)
            break;
          /* a speck: its bounding box, at least a pixel */
          if ((b[2] - b[0]) * scale < 1.5 && (b[3] - b[1]) * scale < 1.5)
            cairo_rectangle (cr, ((b[0] + b[2]) / 2 - ox) * scale - 0.5,
                             ((b[1] + b[3]) / 2 - oy) * scale - 0.5, 1.0, 1.0);
          else
            _wk_shape_path (cr, _wk_units_renderer_lod_get_unit (self, lod, u),
                            ox, oy, scale);
        }
      if (object != NULL)
        {
          double r, g, b;

          wk_area_get_rgb (object, &r, &g, &b);
          cairo_set_source_rgba (cr, r, g, b, self->fill_alpha);
          cairo_fill (cr);
        }
      else
        {
          cairo_matrix_t matrix;

          /* the hatching lines up across tiles */
          cairo_matrix_init_translate (&matrix, fmod (ox * scale, HATCH_PX),
                                       fmod (oy * scale, HATCH_PX));
          cairo_pattern_set_matrix (self->hatch, &matrix);
          cairo_set_source (cr, self->hatch);
          cairo_fill (cr);
        }
    }

  /* Thin unit outlines, in one stroke.  They and the area outlines have
   * bevel joins: at 0.7 and 2.4 px a round join looks much the same and
   * costs a fan of vertices at every corner.  (Not miter joins: a spike
   * can reach beyond REACH_PX, and so beyond what a patch redraws.) */
  for (i = 0; i < self->visible->len; i++)
    {
      guint u = g_array_index (self->visible, guint, i);
      const double *b = self->bounds + 4 * u;

      if (b[2] - b[0] >= min_outlined || b[3] - b[1] >= min_outlined)
        _wk_shape_path (cr, _wk_units_renderer_lod_get_unit (self, lod, u), ox, oy, scale);
    }
  cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.45);
  cairo_set_line_width (cr, UNIT_LINE_PX);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_stroke (cr);

  /* Thick area outlines in a darker shade of the area's colour: only the
   * areas with units here can have an outline here. */
  for (i = 0; i < self->visible->len; i++)
    {
      guint area = wk_plan_get_unit_area (self->plan, g_array_index (self->visible, guint, i));
      WkArea *object;
      AreaShape *shape;
      double r, g, b;

      if (area == WK_AREA_NONE ||
          (i > 0 && wk_plan_get_unit_area (self->plan,
                                           g_array_index (self->visible, guint, i - 1)) == area))
        continue;
      object = wk_plan_get_area (self->plan, area);
      shape = _wk_units_renderer_get_area_shape (self, area);
      if (shape->empty)
        continue;
      /* the runs of its outline that reach the tile, cut where they leave
       * it whether the tile is drawn whole or patched */
      _wk_shape_path_clipped (cr, _wk_units_renderer_area_lod (shape, lod->z), ox, oy, scale, whole,
                              TRUE);
      wk_area_get_rgb (object, &r, &g, &b);
      cairo_set_source_rgba (cr, r * 0.55, g * 0.55, b * 0.55, 0.95);
      cairo_set_line_width (cr, AREA_LINE_PX);
      cairo_stroke (cr);
    }
}
