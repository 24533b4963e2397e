/* wk-units-renderer-private.h: what the wk-units-renderer*.c files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "wk-units-renderer.h"
#include "wk-units-shape-private.h"

G_BEGIN_DECLS

#define MAX_TILES       192
#define MAX_LODS        4
#define MAX_ZOOM        20
#define LEVELS_PER_ZOOM 1000
#define UNIT_LINE_PX    0.7
#define AREA_LINE_PX    2.4
#define HATCH_PX        7
/* whole zoom levels prepared after loading (see wk-units-renderer-lod.c) */
#define N_PREPARED      4
#define PREPARED_MAX_ZOOM 12
/* tiles below this zoom are drawn with cairo's fast antialiasing */
#define FAST_AA_BELOW   14
/* units smaller than this on screen get no outline of their own: at
 * country zoom they would only grey the map, and their strokes were most
 * of the cost of a frame */
#define MIN_OUTLINED_PX 8.0
/* area outlines are simplified in stretches of about this many pixels */
#define ANCHOR_PX       8.0
/* a tile patched in more places than this is drawn again whole */
#define MAX_PATCHES     16
/* device rows a patch draws beyond the rows it keeps (see patch_band()) */
#define BAND_MARGIN 4
/* How far beyond a unit's bounding box its drawing reaches (pixels): the
 * thick area outline along it, and the antialiasing. */
#define REACH_PX (AREA_LINE_PX / 2 + 1)

typedef struct
{
  int     z;
  guint64 last_used;
  WkShape *shapes;         /* per unit; n_rings == G_MAXUINT: not made yet */
} Lod;

typedef struct
{
  WkShape  shape;
  WkShape  lods[MAX_ZOOM + 1];   /* simplified per whole zoom level */
  guint32  lods_made;            /* bit z: lods[z] is made */
  double   xmin, ymin, xmax, ymax;
  gboolean dirty;
  gboolean empty;
} AreaShape;

typedef struct
{
  guint64          key;
  int              level, x, y;
  cairo_surface_t *surface;
  GdkTexture      *texture;
  gboolean         dirty;
  GArray          *damage;   /* world rects (4 doubles) to patch, when not dirty */
  guint64          last_used;
} Tile;

struct _WkUnitsRenderer
{
  GObject      parent_instance;

  /* owned */
  WkPlan      *plan;
  WkDataset   *dataset;
  WkDissolver *dissolver;
  gulong       changed_id;

  guint        n_units;
  double      *bounds;         /* 4 per unit, world coordinates */
  double       extent[4];
  Lod          lods[MAX_LODS];  /* made lazily, the least recently used replaced */
  Lod         *prepared[MAX_ZOOM + 1];  /* made whole, kept */
  GHashTable  *areas;          /* area id → AreaShape */
  WkShape      boundary;
  gboolean     has_boundary;
  WkShape     *networks;
  guint        n_networks;

  GHashTable  *tiles;          /* guint64 key → Tile */
  guint64      clock;
  guint        n_rendered;
  guint        n_patched;
  int          scale_factor;
  double       fill_alpha;
  cairo_pattern_t *hatch;

  /* scratch */
  GArray      *visible;        /* guint units */
};

/* Tiles per world width at a level. */
static inline double
level_n (int level)
{
  return exp2 ((double) level / LEVELS_PER_ZOOM);
}

void                   _wk_units_renderer_lod_clear      (Lod             *lod,
                                                          guint            n_units);
Lod                   *_wk_units_renderer_get_lod        (WkUnitsRenderer *self,
                                                          int              z);
const WkShape         *_wk_units_renderer_lod_get_unit   (WkUnitsRenderer *self,
                                                          Lod             *lod,
                                                          guint            unit);
AreaShape             *_wk_units_renderer_get_area_shape (WkUnitsRenderer *self,
                                                          guint            area);
const WkShape         *_wk_units_renderer_area_lod       (AreaShape       *shape,
                                                          int              z);
void                   _wk_units_renderer_area_shape_free (AreaShape      *area);
void                   _wk_units_renderer_prepared_free  (WkUnitsRenderer *self);
cairo_pattern_t       *_wk_units_renderer_make_hatch     (void);
void                   _wk_units_renderer_draw_tile      (WkUnitsRenderer *self,
                                                          cairo_t         *cr,
                                                          int              level,
                                                          int              tx,
                                                          int              ty,
                                                          const double    *rects,
                                                          guint            n_rects);

G_END_DECLS
