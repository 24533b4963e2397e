/* wk-units-renderer.c: cached tile rendering of the units of a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-units-renderer"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wk-units-renderer-private.h"

/* How the units are drawn.
 *
 * The units are drawn in Web Mercator world coordinates, converted from
 * their RD outlines through the core's drawing grid (_wk_shape_from_rd()).
 * Per integer zoom level the rings are simplified (Douglas–Peucker, a
 * fraction of a pixel): the levels around the whole data set's once after
 * loading, on a worker, the others lazily (see wk-units-renderer-lod.c);
 * the full-detail world outlines are not kept, only made to simplify.  An area is filled and outlined with its
 * dissolved outline, simplified per zoom level in stretches that do not
 * change when the area changes elsewhere; units get a thin outline of their
 * own only where they are MIN_OUTLINED_PX or more on screen.  The map is cut
 * in tiles of 256 pixels per zoom level, as the basemap is: a tile is a
 * cairo image surface with what lies in it, shown as a GdkTexture and kept
 * until a plan change touches it.  A brush step (units moved between areas,
 * nothing else) changes the drawing only within the moved units' bounding
 * boxes: the tiles under them are patched, their rows there drawn again
 * from what meets them (see patch_band()), so an edit
 * costs in proportion to the units it moves, not to the units a tile holds
 * (hundreds at national zoom).  Other changes (a colour, a removed area)
 * redraw the tiles under all the area's units.  A frame that needs no new
 * tile only places textures.  Tiles are drawn within a time budget per
 * frame; until a tile is drawn, its parent level's tile stands in, scaled.
 *
 * A level is a zoom in thousandths.  While the zoom changes, the tiles of the
 * nearest whole level are shown, scaled; once it rests, the layer asks for
 * tiles at the exact zoom, which are placed pixel for pixel: sharper, and
 * cheap to composite even for a software renderer.
 */

G_DEFINE_FINAL_TYPE (WkUnitsRenderer, wk_units_renderer, G_TYPE_OBJECT)

static void
tile_free (Tile *tile)
{
  g_clear_object (&tile->texture);
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_clear_pointer (&tile->damage, g_array_unref);
  g_free (tile);
}

static inline guint64
tile_key (int level,
          int x,
          int y)
{
  return ((guint64) level << 44) | ((guint64) x << 22) | (guint64) y;
}


static void
invalidate_world_rect (WkUnitsRenderer *self,
                       double           xmin,
                       double           ymin,
                       double           xmax,
                       double           ymax,
                       gboolean         patch)
{
  GHashTableIter iter;
  Tile *tile;

  if (xmin > xmax || ymin > ymax)
    return;
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tile))
    {
      double n = level_n (tile->level);
      double margin = REACH_PX / (WK_TILE_SIZE * n);
      double rect[4] = { xmin, ymin, xmax, ymax };

      if (tile->x / n > xmax + margin || (tile->x + 1) / n < xmin - margin ||
          tile->y / n > ymax + margin || (tile->y + 1) / n < ymin - margin || tile->dirty)
        continue;
      if (!patch || tile->surface == NULL ||
          (tile->damage != NULL && tile->damage->len >= 4 * MAX_PATCHES))
        {
          tile->dirty = TRUE;
          if (tile->damage != NULL)
            g_array_set_size (tile->damage, 0);
          continue;
        }
      if (tile->damage == NULL)
        tile->damage = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_vals (tile->damage, rect, 4);
    }
}

static inline gboolean
tile_is_stale (const Tile *tile)
{
  return tile->dirty || (tile->damage != NULL && tile->damage->len > 0);
}

static void
on_plan_changed_cb (WkUnitsRenderer *self,
                    WkPlanChange    *change,
                    WkPlan          *plan)
{
  double xmin = G_MAXDOUBLE, ymin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE, ymax = -G_MAXDOUBLE;
  /* Units that only moved between areas change the drawing within their
   * bounding boxes alone: the fills there, and the outlines of the two
   * areas, which differ only along the moved units' edges.  Those tiles are
   * patched there; the rest of them stays. */
  gboolean patch = !(change->flags & (WK_CHANGE_AREA_PROPS | WK_CHANGE_AREAS));

  for (guint i = 0; i < change->units->len; i++)
    {
      const double *b = self->bounds + 4 * g_array_index (change->units, guint, i);

      if (patch)
        {
          invalidate_world_rect (self, b[0], b[1], b[2], b[3], TRUE);
          continue;
        }
      xmin = MIN (xmin, b[0]);
      ymin = MIN (ymin, b[1]);
      xmax = MAX (xmax, b[2]);
      ymax = MAX (ymax, b[3]);
    }

  for (guint i = 0; i < change->areas->len; i++)
    {
      guint id = g_array_index (change->areas, guint, i);
      AreaShape *area = g_hash_table_lookup (self->areas, GUINT_TO_POINTER (id));

      /* A new colour or a removed area repaints all its units. */
      if (change->flags & (WK_CHANGE_AREA_PROPS | WK_CHANGE_AREAS))
        {
          const guint *units;
          guint n = 0;

          units = wk_plan_get_area_units (plan, id, &n);
          for (guint k = 0; k < n; k++)
            {
              const double *b = self->bounds + 4 * units[k];

              xmin = MIN (xmin, b[0]);
              ymin = MIN (ymin, b[1]);
              xmax = MAX (xmax, b[2]);
              ymax = MAX (ymax, b[3]);
            }
          if (area != NULL && !area->empty)
            {
              xmin = MIN (xmin, area->xmin);
              ymin = MIN (ymin, area->ymin);
              xmax = MAX (xmax, area->xmax);
              ymax = MAX (ymax, area->ymax);
            }
        }
      if (area != NULL && (change->flags & (WK_CHANGE_ASSIGNMENT | WK_CHANGE_AREAS)))
        {
          if (wk_plan_get_area (plan, id) == NULL)
            g_hash_table_remove (self->areas, GUINT_TO_POINTER (id));
          else
            area->dirty = TRUE;
        }
    }
  invalidate_world_rect (self, xmin, ymin, xmax, ymax, FALSE);
}

static Tile *
get_tile (WkUnitsRenderer *self,
          int              level,
          int              x,
          int              y,
          gboolean         create)
{
  guint64 key = tile_key (level, x, y);
  Tile *tile = g_hash_table_lookup (self->tiles, &key);

  if (tile == NULL && create)
    {
      tile = g_new0 (Tile, 1);
      tile->key = key;
      tile->level = level;
      tile->x = x;
      tile->y = y;
      tile->dirty = TRUE;
      g_hash_table_insert (self->tiles, &tile->key, tile);
    }
  return tile;
}

static void
render_tile (WkUnitsRenderer *self,
             Tile            *tile)
{
  int size = WK_TILE_SIZE * self->scale_factor;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, self->scale_factor, self->scale_factor);
  _wk_units_renderer_draw_tile (self, cr, tile->level, tile->x, tile->y, NULL, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_clear_object (&tile->texture);
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  tile->surface = surface;
  tile->dirty = FALSE;
  if (tile->damage != NULL)
    g_array_set_size (tile->damage, 0);
  self->n_rendered++;
}

/* Draws device rows @y0 to @y1 of @tile again, in a scratch band of the
 * tile's full width that reaches BAND_MARGIN rows beyond them, and copies
 * the rows back.  Cairo's scan converter covers a row of pixels from the
 * edges that cross that row alone; a band of whole rows holds the same
 * edges in its inner rows as the tile drawn whole, so they come out equal
 * to it, pixel for pixel.  The margin keeps out of them the rows where
 * the band cuts edges off. */
static void
patch_band (WkUnitsRenderer *self,
            Tile            *tile,
            int              y0,
            int              y1)
{
  int sf = self->scale_factor, size = cairo_image_surface_get_width (tile->surface);
  int top = MAX (y0 - BAND_MARGIN, 0), bottom = MIN (y1 + BAND_MARGIN, size);
  double n = level_n (tile->level), scale = WK_TILE_SIZE * n, reach = REACH_PX / scale;
  /* what can reach into the band */
  double rect[4] = { tile->x / n - reach, tile->y / n + (double) top / sf / scale - reach,
                     (tile->x + 1) / n + reach,
                     tile->y / n + (double) bottom / sf / scale + reach };
  cairo_surface_t *band = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, bottom - top);
  cairo_t *cr = cairo_create (band);

  cairo_translate (cr, 0, -top);
  cairo_scale (cr, sf, sf);
  _wk_units_renderer_draw_tile (self, cr, tile->level, tile->x, tile->y, rect, 1);
  cairo_destroy (cr);

  cr = cairo_create (tile->surface);
  cairo_rectangle (cr, 0, y0, size, y1 - y0);
  cairo_clip (cr);
  cairo_set_source_surface (cr, band, 0, top);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (band);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int ia = *(const int *) a, ib = *(const int *) b;

  return ia < ib ? -1 : ia > ib;
}

/* Redraws the damaged rectangles of a drawn tile: the rows of each one,
 * widened by what its units' drawing reaches, in bands of the tile's
 * width (see patch_band()).  A texture shown on screen is never changed:
 * the tile gets a patched copy. */
static void
patch_tile (WkUnitsRenderer *self,
            Tile            *tile)
{
  double n = level_n (tile->level), scale = WK_TILE_SIZE * n;
  double oy = tile->y / n;
  guint n_rects = tile->damage->len / 4;
  const double *rects = (const double *) (gconstpointer) tile->damage->data;
  int sf = self->scale_factor, size = cairo_image_surface_get_width (tile->surface);
  int bands[2 * MAX_PATCHES + 2];
  guint n_bands = 0;
  /* the area outlines are simplified in stretches that stay in a cell of
   * ANCHOR_PX (see _wk_shape_simplify_anchored()): a change redraws the
   * cells it touches, and their neighbours, which the ends of a stretch can
   * reach into */
  double grid = ANCHOR_PX / (WK_TILE_SIZE * exp2 (round ((double) tile->level / LEVELS_PER_ZOOM)));

  if (tile->texture != NULL)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
      cairo_t *cr = cairo_create (surface);

      cairo_set_source_surface (cr, tile->surface, 0, 0);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_destroy (cr);
      g_clear_object (&tile->texture);
      cairo_surface_destroy (tile->surface);
      tile->surface = surface;
    }
  cairo_surface_flush (tile->surface);

  for (guint k = 0; k < n_rects && k < MAX_PATCHES; k++)
    {
      double ymin = (floor (rects[4 * k + 1] / grid) - 1) * grid;
      double ymax = (floor (rects[4 * k + 3] / grid) + 2) * grid;
      int y0 = (int) MAX (floor ((ymin - oy) * scale - REACH_PX) * sf, 0);
      int y1 = (int) MIN (ceil ((ymax - oy) * scale + REACH_PX) * sf, size);

      if (y1 > y0)
        {
          bands[2 * n_bands] = y0;
          bands[2 * n_bands + 1] = y1;
          n_bands++;
        }
    }
  /* overlapping bands drawn once */
  qsort (bands, n_bands, 2 * sizeof (int), compare_ints);
  for (guint k = 0; k < n_bands; k++)
    {
      int y0 = bands[2 * k], y1 = bands[2 * k + 1];

      while (k + 1 < n_bands && bands[2 * (k + 1)] <= y1)
        {
          k++;
          y1 = MAX (y1, bands[2 * k + 1]);
        }
      patch_band (self, tile, y0, y1);
    }
  cairo_surface_mark_dirty (tile->surface);
  cairo_surface_flush (tile->surface);
  g_array_set_size (tile->damage, 0);
  self->n_patched++;
}

static GdkTexture *
tile_get_texture (Tile *tile)
{
  if (tile->texture == NULL && tile->surface != NULL)
    {
      int size = cairo_image_surface_get_width (tile->surface);
      int stride = cairo_image_surface_get_stride (tile->surface);
      g_autoptr(GBytes) bytes = NULL;

      bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (tile->surface),
                                          (gsize) stride * size,
                                          (GDestroyNotify) cairo_surface_destroy,
                                          cairo_surface_reference (tile->surface));
      tile->texture = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes, stride);
    }
  return tile->texture;
}

static int
compare_tile_age (gconstpointer a,
                  gconstpointer b)
{
  const Tile *ta = *(Tile * const *) a, *tb = *(Tile * const *) b;

  return ta->last_used < tb->last_used ? -1 : ta->last_used > tb->last_used;
}

static void
evict_tiles (WkUnitsRenderer *self)
{
  g_autoptr(GPtrArray) all = NULL;
  GHashTableIter iter;
  Tile *tile;
  guint excess;

  if (g_hash_table_size (self->tiles) <= MAX_TILES)
    return;
  all = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tile))
    g_ptr_array_add (all, tile);
  g_ptr_array_sort (all, compare_tile_age);
  excess = all->len - MAX_TILES * 3 / 4;
  for (guint i = 0; i < excess; i++)
    {
      tile = g_ptr_array_index (all, i);
      g_hash_table_remove (self->tiles, &tile->key);
    }
}

typedef struct
{
  int    level;
  double n;
  int    tx0, ty0, tx1, ty1;
  double x0, y0;       /* where the first tile's corner is on screen */
  double tile_px;      /* the size of a tile on screen */
} TileRange;

/* The tiles of @level that cover the view. */
static void
get_tile_range (const WkView *view,
                int           level,
                TileRange    *range)
{
  double xmin, ymin, xmax, ymax;
  int last;

  range->level = level;
  range->n = level_n (level);
  last = (int) ceil (range->n) - 1;
  wk_view_get_world_bounds (view, &xmin, &ymin, &xmax, &ymax);
  range->tx0 = CLAMP ((int) floor (xmin * range->n), 0, last);
  range->ty0 = CLAMP ((int) floor (ymin * range->n), 0, last);
  range->tx1 = CLAMP ((int) floor (xmax * range->n), 0, last);
  range->ty1 = CLAMP ((int) floor (ymax * range->n), 0, last);
  wk_view_world_to_local (view, range->tx0 / range->n, range->ty0 / range->n,
                          &range->x0, &range->y0);
  range->tile_px = view->scale / range->n;
  /* at the exact zoom a tile is one texture pixel per pixel */
  if (fabs (range->tile_px - WK_TILE_SIZE) < 0.05)
    {
      range->tile_px = WK_TILE_SIZE;
      range->x0 = round (range->x0);
      range->y0 = round (range->y0);
    }
}

static int
whole_level (const WkView *view)
{
  return CLAMP ((int) round (view->zoom), 0, MAX_ZOOM) * LEVELS_PER_ZOOM;
}

static int
exact_level (const WkView *view)
{
  return CLAMP ((int) round (view->zoom * LEVELS_PER_ZOOM), 0, MAX_ZOOM * LEVELS_PER_ZOOM);
}

/* Renders what the view needs, newest first, until the budget is spent.
 * Returns: whether every visible tile is up to date */
static gboolean
update_tiles (WkUnitsRenderer *self,
              const TileRange *range,
              gint64           budget_us)
{
  gint64 deadline = budget_us > 0 ? g_get_monotonic_time () + budget_us : G_MAXINT64;
  gboolean complete = TRUE;

  for (int pass = 0; pass < 2; pass++)
    for (int ty = range->ty0; ty <= range->ty1; ty++)
      for (int tx = range->tx0; tx <= range->tx1; tx++)
        {
          Tile *tile = get_tile (self, range->level, tx, ty, TRUE);

          tile->last_used = self->clock;
          /* first the missing tiles, then the stale ones */
          if (!tile_is_stale (tile) || (pass == 0 && tile->surface != NULL))
            continue;
          if (g_get_monotonic_time () > deadline)
            {
              complete = FALSE;
              continue;
            }
          if (tile->dirty)
            render_tile (self, tile);
          else
            patch_tile (self, tile);
        }
  return complete;
}

/* Where tile (tx, ty) of @range goes, on whole pixels so that neighbouring
 * tiles leave no seam. */
static void
place_tile (const TileRange *range,
            int              tx,
            int              ty,
            graphene_rect_t *rect)
{
  double x0 = round (range->x0 + (tx - range->tx0) * range->tile_px);
  double y0 = round (range->y0 + (ty - range->ty0) * range->tile_px);
  double x1 = round (range->x0 + (tx + 1 - range->tx0) * range->tile_px);
  double y1 = round (range->y0 + (ty + 1 - range->ty0) * range->tile_px);

  graphene_rect_init (rect, x0, y0, x1 - x0, y1 - y0);
}

/* Appends the cached tiles of @range that overlap @clip, clipped to it. */
static void
append_stand_ins (WkUnitsRenderer       *self,
                  GtkSnapshot           *snapshot,
                  const WkView          *view,
                  int                    level,
                  const graphene_rect_t *clip)
{
  TileRange range;

  get_tile_range (view, level, &range);
  gtk_snapshot_push_clip (snapshot, clip);
  for (int ty = range.ty0; ty <= range.ty1; ty++)
    for (int tx = range.tx0; tx <= range.tx1; tx++)
      {
        Tile *tile = get_tile (self, level, tx, ty, FALSE);
        graphene_rect_t rect;

        if (tile == NULL || tile->surface == NULL)
          continue;
        place_tile (&range, tx, ty, &rect);
        if (!graphene_rect_intersection (&rect, clip, NULL))
          continue;
        tile->last_used = self->clock;
        gtk_snapshot_append_texture (snapshot, tile_get_texture (tile), &rect);
      }
  gtk_snapshot_pop (snapshot);
}

/* ------------------------------------------------------------- GObject */

static void
wk_units_renderer_dispose (GObject *object)
{
  WkUnitsRenderer *self = (WkUnitsRenderer *)object;

  if (self->plan != NULL)
    g_clear_signal_handler (&self->changed_id, self->plan);
  g_clear_object (&self->plan);
  g_clear_object (&self->dataset);
  g_clear_object (&self->dissolver);
  G_OBJECT_CLASS (wk_units_renderer_parent_class)->dispose (object);
}

static void
wk_units_renderer_finalize (GObject *object)
{
  WkUnitsRenderer *self = (WkUnitsRenderer *)object;

  for (guint i = 0; i < MAX_LODS; i++)
    _wk_units_renderer_lod_clear (&self->lods[i], self->n_units);
  _wk_units_renderer_prepared_free (self);
  g_free (self->bounds);
  for (guint i = 0; i < self->n_networks; i++)
    _wk_shape_clear (&self->networks[i]);
  g_free (self->networks);
  _wk_shape_clear (&self->boundary);
  g_hash_table_unref (self->areas);
  g_hash_table_unref (self->tiles);
  g_array_unref (self->visible);
  cairo_pattern_destroy (self->hatch);
  G_OBJECT_CLASS (wk_units_renderer_parent_class)->finalize (object);
}

static void
wk_units_renderer_class_init (WkUnitsRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wk_units_renderer_dispose;
  object_class->finalize = wk_units_renderer_finalize;
}

static void
wk_units_renderer_init (WkUnitsRenderer *self)
{
  self->areas = g_hash_table_new_full (NULL, NULL, NULL,
                                       (GDestroyNotify) _wk_units_renderer_area_shape_free);
  self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                       (GDestroyNotify) tile_free);
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint));
  self->scale_factor = 1;
  self->fill_alpha = 0.6;
  self->hatch = _wk_units_renderer_make_hatch ();
  for (guint i = 0; i < MAX_LODS; i++)
    self->lods[i].z = -1;
}

/**
 * wk_units_renderer_new:
 * @plan: the plan whose units to draw
 * @dissolver: the area outlines of @plan
 *
 * Converts the units' outlines to Web Mercator and follows the plan's
 * changes, invalidating only the tiles they touch.
 *
 * Returns: (transfer full): the renderer
 */
WkUnitsRenderer *
wk_units_renderer_new (WkPlan      *plan,
                       WkDissolver *dissolver)
{
  WkUnitsRenderer *self;
  double bounds[4];

  g_return_val_if_fail (WK_IS_PLAN (plan), NULL);
  g_return_val_if_fail (WK_IS_DISSOLVER (dissolver), NULL);

  self = g_object_new (WK_TYPE_UNITS_RENDERER, NULL);
  self->plan = g_object_ref (plan);
  self->dataset = g_object_ref (wk_plan_get_dataset (plan));
  self->dissolver = g_object_ref (dissolver);
  self->n_units = wk_dataset_get_n_units (self->dataset);
  self->bounds = g_new (double, 4 * (gsize) MAX (self->n_units, 1));
  self->extent[0] = self->extent[1] = G_MAXDOUBLE;
  self->extent[2] = self->extent[3] = -G_MAXDOUBLE;
  for (guint u = 0; u < self->n_units; u++)
    {
      double *b = self->bounds + 4 * u;
      WkShape full;

      /* only the bounds are kept (see _wk_units_renderer_lod_get_unit()) */
      _wk_shape_from_rd (&full, self->dataset, wk_dataset_get_outline (self->dataset, u, FALSE), b);
      _wk_shape_clear (&full);
      self->extent[0] = MIN (self->extent[0], b[0]);
      self->extent[1] = MIN (self->extent[1], b[1]);
      self->extent[2] = MAX (self->extent[2], b[2]);
      self->extent[3] = MAX (self->extent[3], b[3]);
    }

  self->has_boundary = wk_dataset_has_boundary (self->dataset);
  if (self->has_boundary)
    _wk_shape_from_rd (&self->boundary, self->dataset,
                       wk_dataset_get_boundary_outline (self->dataset, FALSE), bounds);
  self->n_networks = wk_dataset_get_n_networks (self->dataset);
  self->networks = g_new0 (WkShape, MAX (self->n_networks, 1));
  for (guint i = 0; i < self->n_networks; i++)
    _wk_shape_from_rd (&self->networks[i], self->dataset,
                       wk_dataset_get_network_outline (self->dataset, i, FALSE), bounds);

  self->changed_id = g_signal_connect_object (plan, "changed", G_CALLBACK (on_plan_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  return self;
}

WkPlan *
wk_units_renderer_get_plan (WkUnitsRenderer *self)
{
  g_return_val_if_fail (WK_IS_UNITS_RENDERER (self), NULL);
  return self->plan;
}

/**
 * wk_units_renderer_set_fill_alpha:
 * @alpha: opacity of the area fills, 0–1
 *
 * Sets how much of the basemap shows through the areas; redraws every tile.
 */
void
wk_units_renderer_set_fill_alpha (WkUnitsRenderer *self,
                                  double           alpha)
{
  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  if (self->fill_alpha == alpha)
    return;
  self->fill_alpha = alpha;
  wk_units_renderer_invalidate_all (self);
}

/**
 * wk_units_renderer_set_scale_factor:
 *
 * Sets the device pixels per logical pixel of the tiles (HiDPI).
 */
void
wk_units_renderer_set_scale_factor (WkUnitsRenderer *self,
                                    int              scale_factor)
{
  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  scale_factor = MAX (scale_factor, 1);
  if (self->scale_factor == scale_factor)
    return;
  self->scale_factor = scale_factor;
  wk_units_renderer_clear_cache (self);
}

/**
 * wk_units_renderer_invalidate_all:
 *
 * Marks every tile stale; they are redrawn when next shown, and the old ones
 * stand in until then.
 */
void
wk_units_renderer_invalidate_all (WkUnitsRenderer *self)
{
  GHashTableIter iter;
  Tile *tile;

  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tile))
    tile->dirty = TRUE;
}

/**
 * wk_units_renderer_clear_cache:
 *
 * Drops every tile and the levels simplified lazily, as at the start (for a
 * cold frame in the benchmark); keeps the levels prepared after loading
 * (see wk_units_renderer_prepare()).
 */
void
wk_units_renderer_clear_cache (WkUnitsRenderer *self)
{
  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  g_hash_table_remove_all (self->tiles);
  for (guint i = 0; i < MAX_LODS; i++)
    _wk_units_renderer_lod_clear (&self->lods[i], self->n_units);
}

guint
wk_units_renderer_get_n_tiles (WkUnitsRenderer *self)
{
  g_return_val_if_fail (WK_IS_UNITS_RENDERER (self), 0);
  return g_hash_table_size (self->tiles);
}

/**
 * wk_units_renderer_get_n_rendered:
 *
 * Returns: how many tiles were drawn since the renderer was made
 */
guint
wk_units_renderer_get_n_rendered (WkUnitsRenderer *self)
{
  g_return_val_if_fail (WK_IS_UNITS_RENDERER (self), 0);
  return self->n_rendered;
}

/**
 * wk_units_renderer_get_n_patched:
 *
 * Returns: how many times a drawn tile was patched in place after a change
 *   (see wk_units_renderer_new())
 */
guint
wk_units_renderer_get_n_patched (WkUnitsRenderer *self)
{
  g_return_val_if_fail (WK_IS_UNITS_RENDERER (self), 0);
  return self->n_patched;
}

/**
 * wk_units_renderer_snapshot:
 * @view: where the layer looks; the rotation must already be on @snapshot
 * @budget_us: time for drawing new tiles, 0 for no limit
 * @exact: draw tiles at the view's exact zoom (when it rests) rather than
 *   the nearest whole zoom level's, scaled
 *
 * Places the tiles of the view on @snapshot, drawing the missing and stale
 * ones first as far as the budget allows.  A missing tile is stood in for by
 * the whole level's tiles, or its parents', scaled, when those are cached.
 *
 * Returns: %TRUE when every tile shown is up to date; otherwise queue
 *   another frame
 */
gboolean
wk_units_renderer_snapshot (WkUnitsRenderer *self,
                            GtkSnapshot     *snapshot,
                            const WkView    *view,
                            gint64           budget_us,
                            gboolean         exact)
{
  TileRange range;
  gboolean complete;
  int whole;

  g_return_val_if_fail (WK_IS_UNITS_RENDERER (self), TRUE);

  self->clock++;
  whole = whole_level (view);
  get_tile_range (view, exact && view->rotation == 0.0 ? exact_level (view) : whole, &range);
  complete = update_tiles (self, &range, budget_us);

  for (int ty = range.ty0; ty <= range.ty1; ty++)
    for (int tx = range.tx0; tx <= range.tx1; tx++)
      {
        Tile *tile = get_tile (self, range.level, tx, ty, FALSE);
        graphene_rect_t rect;

        place_tile (&range, tx, ty, &rect);
        if (tile != NULL && tile->surface != NULL)
          {
            gtk_snapshot_append_texture (snapshot, tile_get_texture (tile), &rect);
            continue;
          }
        /* stand-ins: the whole level, or up to three levels above it */
        if (range.level != whole)
          append_stand_ins (self, snapshot, view, whole, &rect);
        else
          for (int up = 1; up <= 3 && range.level - up * LEVELS_PER_ZOOM >= 0; up++)
            {
              Tile *parent = get_tile (self, range.level - up * LEVELS_PER_ZOOM,
                                       tx >> up, ty >> up, FALSE);

              if (parent != NULL && parent->surface != NULL)
                {
                  append_stand_ins (self, snapshot, view, parent->level, &rect);
                  break;
                }
            }
      }
  evict_tiles (self);
  return complete;
}

/**
 * wk_units_renderer_draw:
 * @cr: a cairo context whose origin is the view's top left corner
 * @view: what to draw
 *
 * Draws the view at its exact zoom through the tile cache onto @cr, with no
 * time limit (for off-screen frames and the benchmark).
 */
void
wk_units_renderer_draw (WkUnitsRenderer *self,
                        cairo_t         *cr,
                        const WkView    *view)
{
  TileRange range;

  g_return_if_fail (WK_IS_UNITS_RENDERER (self));

  self->clock++;
  get_tile_range (view, view->rotation == 0.0 ? exact_level (view) : whole_level (view), &range);
  update_tiles (self, &range, 0);

  cairo_save (cr);
  cairo_translate (cr, view->width / 2, view->height / 2);
  cairo_rotate (cr, view->rotation);
  cairo_translate (cr, -view->width / 2, -view->height / 2);
  for (int ty = range.ty0; ty <= range.ty1; ty++)
    for (int tx = range.tx0; tx <= range.tx1; tx++)
      {
        Tile *tile = get_tile (self, range.level, tx, ty, FALSE);
        graphene_rect_t rect;
        double size;

        if (tile == NULL || tile->surface == NULL)
          continue;
        place_tile (&range, tx, ty, &rect);
        size = cairo_image_surface_get_width (tile->surface);
        cairo_save (cr);
        cairo_rectangle (cr, rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
        cairo_clip (cr);
        cairo_translate (cr, rect.origin.x, rect.origin.y);
        cairo_scale (cr, rect.size.width / size, rect.size.height / size);
        cairo_set_source_surface (cr, tile->surface, 0, 0);
        cairo_paint (cr);
        cairo_restore (cr);
      }
  cairo_restore (cr);
  evict_tiles (self);
}

/**
 * wk_units_renderer_get_unit_bounds:
 *
 * Gets the unit's bounding box in world coordinates.
 */
void
wk_units_renderer_get_unit_bounds (WkUnitsRenderer *self,
                                   guint            unit,
                                   double          *xmin,
                                   double          *ymin,
                                   double          *xmax,
                                   double          *ymax)
{
  const double *b;

  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  g_return_if_fail (unit < self->n_units);
  b = self->bounds + 4 * unit;
  *xmin = b[0];
  *ymin = b[1];
  *xmax = b[2];
  *ymax = b[3];
}

/**
 * wk_units_renderer_get_area_bounds:
 *
 * Gets the bounding box of the area's units in world coordinates.
 *
 * Returns: %FALSE when the area has no units
 */
gboolean
wk_units_renderer_get_area_bounds (WkUnitsRenderer *self,
                                   guint            area,
                                   double          *xmin,
                                   double          *ymin,
                                   double          *xmax,
                                   double          *ymax)
{
  const guint *units;
  guint n = 0;

  g_return_val_if_fail (WK_IS_UNITS_RENDERER (self), FALSE);
  units = wk_plan_get_area_units (self->plan, area, &n);
  *xmin = *ymin = G_MAXDOUBLE;
  *xmax = *ymax = -G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      const double *b = self->bounds + 4 * units[i];

      *xmin = MIN (*xmin, b[0]);
      *ymin = MIN (*ymin, b[1]);
      *xmax = MAX (*xmax, b[2]);
      *ymax = MAX (*ymax, b[3]);
    }
  return n > 0;
}

/**
 * wk_units_renderer_get_bounds:
 *
 * Gets the bounding box of all units in world coordinates.
 */
void
wk_units_renderer_get_bounds (WkUnitsRenderer *self,
                              double          *xmin,
                              double          *ymin,
                              double          *xmax,
                              double          *ymax)
{
  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  *xmin = self->extent[0];
  *ymin = self->extent[1];
  *xmax = self->extent[2];
  *ymax = self->extent[3];
}

/**
 * wk_units_renderer_path_unit:
 *
 * Appends the unit's outline, simplified for the view, to the path of @cr
 * in the view's unrotated widget coordinates.
 */
void
wk_units_renderer_path_unit (WkUnitsRenderer *self,
                             cairo_t         *cr,
                             const WkView    *view,
                             guint            unit)
{
  Lod *lod;
  double ox, oy;

  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  g_return_if_fail (unit < self->n_units);

  lod = _wk_units_renderer_get_lod (self, (int) round (view->zoom));
  /* the point of the world at the widget's top left corner */
  ox = view->cx - view->width / 2.0 / view->scale;
  oy = view->cy - view->height / 2.0 / view->scale;
  _wk_shape_path (cr, _wk_units_renderer_lod_get_unit (self, lod, unit), ox, oy, view->scale);
}

/**
 * wk_units_renderer_path_area:
 *
 * Appends the area's dissolved outline to the path of @cr (see
 * wk_units_renderer_path_unit()).
 */
void
wk_units_renderer_path_area (WkUnitsRenderer *self,
                             cairo_t         *cr,
                             const WkView    *view,
                             guint            area)
{
  AreaShape *shape;

  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  if (wk_plan_get_area (self->plan, area) == NULL)
    return;
  shape = _wk_units_renderer_get_area_shape (self, area);
  _wk_shape_path_view (cr, &shape->shape, view);
}

void
wk_units_renderer_path_boundary (WkUnitsRenderer *self,
                                 cairo_t         *cr,
                                 const WkView    *view)
{
  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  if (self->has_boundary)
    _wk_shape_path_view (cr, &self->boundary, view);
}

void
wk_units_renderer_path_network (WkUnitsRenderer *self,
                                cairo_t         *cr,
                                const WkView    *view,
                                guint            network)
{
  g_return_if_fail (WK_IS_UNITS_RENDERER (self));
  if (network < self->n_networks)
    _wk_shape_path_view (cr, &self->networks[network], view);
}
