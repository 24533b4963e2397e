/* wk-units-renderer-draw.c: drawing a tile of the units renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-units-renderer"

#include "config.h"

#include <math.h>

#include "wk-units-renderer-private.h"

/* The simplified outlines per zoom level and the drawing of one tile, or of
 * the parts of it that a patch redraws (see wk-units-renderer.c). */

void
_wk_units_renderer_lod_clear (Lod   *lod,
                              guint  n_units)
{
  if (lod->shapes != NULL)
    for (guint i = 0; i < n_units; i++)
      if (lod->shapes[i].n_rings != G_MAXUINT)
        _wk_shape_clear (&lod->shapes[i]);
  g_clear_pointer (&lod->shapes, g_free);
  lod->z = -1;
}

Lod *
_wk_units_renderer_get_lod (WkUnitsRenderer *self,
                            int              z)
{
  Lod *oldest = &self->lods[0];

  z = CLAMP (z, 0, MAX_ZOOM);
  for (guint i = 0; i < MAX_LODS; i++)
    {
      if (self->lods[i].z == z)
        {
          self->lods[i].last_used = ++self->clock;
          return &self->lods[i];
        }
      if (self->lods[i].last_used < oldest->last_used)
        oldest = &self->lods[i];
    }
  _wk_units_renderer_lod_clear (oldest, self->n_units);
  oldest->z = z;
  oldest->last_used = ++self->clock;
  oldest->shapes = g_new (WkShape, MAX (self->n_units, 1));
  for (guint i = 0; i < self->n_units; i++)
    oldest->shapes[i].n_rings = G_MAXUINT;
  return oldest;
}

const WkShape *
_wk_units_renderer_lod_get_unit (Lod     *lod,
                                 WkShape *units,
                                 guint    unit)
{
  WkShape *shape = &lod->shapes[unit];

  if (shape->n_rings == G_MAXUINT)
    _wk_shape_simplify (&units[unit], shape, SIMPLIFY_PX / (WK_TILE_SIZE * exp2 (lod->z)));
  return shape;
}

AreaShape *
_wk_units_renderer_get_area_shape (WkUnitsRenderer *self,
                                   guint            area)
{
  AreaShape *shape = g_hash_table_lookup (self->areas, GUINT_TO_POINTER (area));

  if (shape == NULL)
    {
      shape = g_new0 (AreaShape, 1);
      shape->lod_z = -1;
      shape->dirty = TRUE;
      g_hash_table_insert (self->areas, GUINT_TO_POINTER (area), shape);
    }
  if (shape->dirty)
    {
      const WkOutline *outline = wk_dissolver_get_outline (self->dissolver, area, TRUE);
      double bounds[4];

      _wk_shape_clear (&shape->shape);
      _wk_shape_clear (&shape->lod);
      shape->lod_z = -1;
      _wk_shape_from_outline (&shape->shape, outline, bounds);
      shape->xmin = bounds[0];
      shape->ymin = bounds[1];
      shape->xmax = bounds[2];
      shape->ymax = bounds[3];
      shape->empty = shape->shape.n_rings == 0;
      shape->dirty = FALSE;
    }
  return shape;
}

/* Marks the tiles under a world rectangle stale.  With @patch, a tile that
 * is drawn and up to date otherwise only records the rectangle, to be
 * redrawn in place (see patch_tile()); too many rectangles redraw it all. */
/* The area's outline simplified for whole zoom level @z (see
 * _wk_shape_simplify_anchored()). */
static const WkShape *
area_shape_lod (AreaShape *shape,
                int        z)
{
  double px = 1.0 / (WK_TILE_SIZE * exp2 (z));

  if (shape->lod_z != z)
    {
      _wk_shape_clear (&shape->lod);
      _wk_shape_simplify_anchored (&shape->shape, &shape->lod, SIMPLIFY_PX * px, ANCHOR_PX * px);
      shape->lod_z = z;
    }
  return &shape->lod;
}

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
          _wk_shape_path_clipped (cr, area_shape_lod (shape, lod->z), ox, oy, scale, clip);
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
            _wk_shape_path (cr, _wk_units_renderer_lod_get_unit (lod, self->units, u),
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

  /* Thin unit outlines, in one stroke. */
  for (i = 0; i < self->visible->len; i++)
    {
      guint u = g_array_index (self->visible, guint, i);
      const double *b = self->bounds + 4 * u;

      if (b[2] - b[0] >= min_outlined || b[3] - b[1] >= min_outlined)
        _wk_shape_path (cr, _wk_units_renderer_lod_get_unit (lod, self->units, u), ox, oy, scale);
    }
  cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.45);
  cairo_set_line_width (cr, UNIT_LINE_PX);
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
      _wk_shape_path_clipped (cr, area_shape_lod (shape, lod->z), ox, oy, scale, clip);
      wk_area_get_rgb (object, &r, &g, &b);
      cairo_set_source_rgba (cr, r * 0.55, g * 0.55, b * 0.55, 0.95);
      cairo_set_line_width (cr, AREA_LINE_PX);
      cairo_stroke (cr);
    }
}
