/* wk-units-renderer-draw.c: drawing a tile of the units renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-units-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

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
        _wk_shape_path (cr, _wk_units_renderer_lod_get_unit (self, lod, u), ox, oy, scale);
    }
}

/* Stroking each area boundary once.  Two areas that meet have the same
 * vertices along their boundary, and their outlines come out the same there
 * once simplified and snapped (see _wk_shape_path_clipped()); each stroked
 * that boundary, and the one stroked later covered the other.  Now a
 * segment is stroked only by the last area in the order of drawing that has
 * it: the same picture, with about 40 % fewer segments to stroke. */

typedef struct
{
  double k[4];
  guint  owner;        /* 1 + the last run with the segment; 0: empty slot */
} Segment;

typedef struct
{
  Segment *slots;
  guint    mask;
} SegmentSet;

static inline guint
segment_slot (const SegmentSet *set,
              const double     *k)
{
  guint64 bits[4];
  guint64 h = 0;

  memcpy (bits, k, sizeof bits);
  /* the low bits of a snapped coordinate are zero: mixed (MurmurHash3's
   * finaliser) after each */
  for (guint i = 0; i < 4; i++)
    {
      h ^= bits[i];
      h ^= h >> 33;
      h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 33;
    }
  h &= set->mask;
  while (set->slots[h].owner != 0 &&
         memcmp (set->slots[h].k, k, sizeof set->slots[h].k) != 0)
    h = (h + 1) & set->mask;
  return (guint) h;
}

/* The key of the segment a–b, whichever way it runs: its ends as cairo
 * gives them back, exactly (the same vertex snapped the same way). */
static inline void
segment_key (const cairo_path_data_t *a,
             const cairo_path_data_t *b,
             double                  *k)
{
  gboolean swap = a->point.x > b->point.x ||
                  (a->point.x == b->point.x && a->point.y > b->point.y);

  k[0] = swap ? b->point.x : a->point.x;
  k[1] = swap ? b->point.y : a->point.y;
  k[2] = swap ? a->point.x : b->point.x;
  k[3] = swap ? a->point.y : b->point.y;
}

/* Calls @func on every segment of @path: its ends (MOVE_TO or LINE_TO
 * data), including the closing one of a closed subpath. */
typedef void (*SegmentFunc) (const cairo_path_data_t *a,
                             const cairo_path_data_t *b,
                             gpointer                 data);

static void
foreach_segment (const cairo_path_t *path,
                 SegmentFunc         func,
                 gpointer            data)
{
  const cairo_path_data_t *start = NULL, *last = NULL;

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      const cairo_path_data_t *d = &path->data[i];

      switch (d->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          start = last = d + 1;
          break;
        case CAIRO_PATH_LINE_TO:
          func (last, d + 1, data);
          last = d + 1;
          break;
        case CAIRO_PATH_CLOSE_PATH:
          func (last, start, data);
          last = start;
          break;
        case CAIRO_PATH_CURVE_TO:
        default:
          g_assert_not_reached ();
        }
    }
}

typedef struct
{
  SegmentSet *set;
  guint       owner;
  cairo_t    *cr;
  const cairo_path_data_t *first;  /* where the subpath drawn starts */
  const cairo_path_data_t *last;   /* where it ends, or NULL */
} SegmentWalk;

static void
count_segment (const cairo_path_data_t *a,
               const cairo_path_data_t *b,
               gpointer                 data)
{
  (*(guint *) data)++;
}

/* The slot of the segment a–b in @set, with its key. */
static inline Segment *
find_segment (SegmentSet              *set,
              const cairo_path_data_t *a,
              const cairo_path_data_t *b)
{
  double k[4];
  Segment *slot;

  segment_key (a, b, k);
  slot = &set->slots[segment_slot (set, k)];
  memcpy (slot->k, k, sizeof k);
  return slot;
}

static void
own_segment (const cairo_path_data_t *a,
             const cairo_path_data_t *b,
             gpointer                 data)
{
  SegmentWalk *walk = data;

  find_segment (walk->set, a, b)->owner = walk->owner;
}

static void
draw_segment (const cairo_path_data_t *a,
              const cairo_path_data_t *b,
              gpointer                 data)
{
  SegmentWalk *walk = data;

  if (find_segment (walk->set, a, b)->owner != walk->owner)
    {
      walk->last = NULL;
      return;
    }
  if (walk->last != a)
    {
      cairo_move_to (walk->cr, a->point.x, a->point.y);
      walk->first = a;
    }
  /* a whole ring, closed as before, with its join there */
  if (b == walk->first)
    cairo_close_path (walk->cr);
  else
    cairo_line_to (walk->cr, b->point.x, b->point.y);
  walk->last = b;
}

/* Adds to the path the segments of @path that no later run has. */
static void
path_owned (cairo_t            *cr,
            const cairo_path_t *path,
            SegmentSet         *set,
            guint               owner)
{
  SegmentWalk walk = { set, owner, cr, NULL, NULL };

  foreach_segment (path, draw_segment, &walk);
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
  cairo_path_t **paths;
  SegmentSet set;
  guint n_segments = 0;
  guint n_assigned;
  const guint *assignment = wk_plan_get_assignment (self->plan, &n_assigned);
  gboolean patch = n_rects > 0;

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
        _wk_shape_path_clipped (cr, _wk_units_renderer_lod_get_unit (self, lines, u), ox,
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
  /* Which area strokes a shared segment depends on every area that has it:
   * a patch takes them from the whole tile, not only from the areas with
   * units in the rectangles it redraws (an area without one there can
   * still own a segment that reaches them). */
  if (patch)
    {
      g_array_set_size (self->visible, 0);
      for (guint u = 0; u < self->n_units; u++)
        if (box_meets (self->bounds + 4 * u, whole, 1))
          g_array_append_val (self->visible, u);
      g_array_sort_with_data (self->visible, compare_by_area, (gpointer) assignment);
      g_array_unref (runs);
      runs = get_runs (self, assignment);
    }
  paths = g_new0 (cairo_path_t *, MAX (runs->len, 1));
  for (guint i = 0; i < runs->len; i++)
    {
      const AreaRun *run = &g_array_index (runs, AreaRun, i);

      if (run->shape == NULL || run->shape->empty)
        continue;
      cairo_new_path (cr);
      _wk_shape_path_clipped (cr, _wk_units_renderer_area_lod (run->shape, lod->z), ox, oy,
                              scale, whole, TRUE);
      paths[i] = cairo_copy_path (cr);
      foreach_segment (paths[i], count_segment, &n_segments);
    }
  cairo_new_path (cr);
  set.mask = (1u << g_bit_storage (2 * n_segments + 1)) - 1;
  set.slots = g_new0 (Segment, set.mask + 1);
  for (guint i = 0; i < runs->len; i++)
    if (paths[i] != NULL)
      {
        SegmentWalk walk = { &set, i + 1, cr, NULL, NULL };

        foreach_segment (paths[i], own_segment, &walk);
      }
  for (guint i = 0; i < runs->len; i++)
    {
      const AreaRun *run = &g_array_index (runs, AreaRun, i);

      if (paths[i] != NULL)
        {
          path_owned (cr, paths[i], &set, i + 1);
          cairo_path_destroy (paths[i]);
        }
      if (run->key == 0 ||
          (i + 1 < runs->len && g_array_index (runs, AreaRun, i + 1).key == run->key))
        continue;
      cairo_set_source_rgba (cr, run->r * 0.55, run->g * 0.55, run->b * 0.55, 0.95);
      cairo_stroke (cr);
    }
  g_free (paths);
  g_free (set.slots);
}
