/* wk-geos-private.h: GEOS helpers for app/core only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <geos_c.h>
#include <glib.h>

G_BEGIN_DECLS

GEOSContextHandle_t  wk_geos_context           (void);
char                *wk_geos_take_error        (void);
GEOSGeometry        *wk_geos_from_wkb          (const guchar       *wkb,
                                                gsize               len);
gboolean             wk_geos_polygonal         (const GEOSGeometry *geom);
GEOSGeometry        *wk_geos_union_all         (GEOSGeometry      **geoms,
                                                guint               n_geoms,
                                                gboolean            coverage);
double               wk_geos_shared_length     (const GEOSGeometry *a,
                                                const GEOSGeometry *b);
GEOSGeometry        *wk_geos_polygon_parts     (GEOSGeometry       *geom);

static inline void
wk_geos_geom_free (GEOSGeometry *geom)
{
  if (geom != NULL)
    GEOSGeom_destroy_r (wk_geos_context (), geom);
}

static inline void
wk_geos_prepared_free (const GEOSPreparedGeometry *prep)
{
  if (prep != NULL)
    GEOSPreparedGeom_destroy_r (wk_geos_context (), prep);
}

static inline void
wk_geos_strtree_free (GEOSSTRtree *tree)
{
  if (tree != NULL)
    GEOSSTRtree_destroy_r (wk_geos_context (), tree);
}

typedef GEOSGeometry WkGeosGeometry;
typedef const GEOSPreparedGeometry WkGeosPrepared;
typedef GEOSSTRtree WkGeosTree;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkGeosGeometry, wk_geos_geom_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkGeosTree, wk_geos_strtree_free)

G_END_DECLS
