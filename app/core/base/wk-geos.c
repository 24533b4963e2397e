/* wk-geos.c: GEOS glue: a context per thread, errors, polygon parts, unions, shared lengths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wk-geos-private.h"

/* ----------------------------------------------------------------- GEOS */

typedef struct
{
  GEOSContextHandle_t  ctx;
  GString             *last_error;
} GeosThread;

static void
geos_notice_cb (const char *message,
                void       *user_data)
{
  g_debug ("GEOS: %s", message);
}

/* GEOS reports why an operation returned NULL or failed only through this
 * handler; the message is kept so that callers can tell the user. */
static void
geos_error_cb (const char *message,
               void       *user_data)
{
  GeosThread *t = user_data;

  g_debug ("GEOS error: %s", message);
  g_string_assign (t->last_error, message);
}

static void
geos_thread_free (gpointer data)
{
  GeosThread *t = data;

  GEOS_finish_r (t->ctx);
  g_string_free (t->last_error, TRUE);
  g_free (t);
}

static GPrivate geos_private = G_PRIVATE_INIT (geos_thread_free);

static GeosThread *
geos_thread (void)
{
  GeosThread *t = g_private_get (&geos_private);

  if (G_UNLIKELY (t == NULL))
    {
      t = g_new0 (GeosThread, 1);
      t->ctx = GEOS_init_r ();
      t->last_error = g_string_new (NULL);
      GEOSContext_setNoticeMessageHandler_r (t->ctx, geos_notice_cb, t);
      GEOSContext_setErrorMessageHandler_r (t->ctx, geos_error_cb, t);
      g_private_set (&geos_private, t);
    }
  return t;
}

/**
 * wk_geos_context:
 *
 * Returns: (transfer none): the calling thread's GEOS context.
 */
GEOSContextHandle_t
wk_geos_context (void)
{
  return geos_thread ()->ctx;
}

/* wk_geos_take_error:
 *
 * The last error GEOS reported on this thread since the previous call, for
 * a message to the user when an operation returned NULL.
 *
 * Returns: (transfer full): the message, or a question mark when GEOS said
 *   nothing
 */
char *
wk_geos_take_error (void)
{
  GeosThread *t = geos_thread ();
  char *message = g_strdup (t->last_error->len > 0 ? t->last_error->str : "?");

  g_string_truncate (t->last_error, 0);
  return message;
}

GEOSGeometry *
wk_geos_from_wkb (const guchar *wkb,
                  gsize         len)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  GEOSWKBReader *reader = GEOSWKBReader_create_r (ctx);
  GEOSGeometry *geom = GEOSWKBReader_read_r (ctx, reader, wkb, len);

  GEOSWKBReader_destroy_r (ctx, reader);
  return geom;
}

gboolean
wk_geos_polygonal (const GEOSGeometry *geom)
{
  int type = GEOSGeomTypeId_r (wk_geos_context (), geom);

  return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
}

static void
collect_polygons (GEOSContextHandle_t  ctx,
                  const GEOSGeometry  *geom,
                  GPtrArray           *out)
{
  int type = GEOSGeomTypeId_r (ctx, geom);

  if (type == GEOS_POLYGON)
    {
      if (!GEOSisEmpty_r (ctx, geom))
        g_ptr_array_add (out, GEOSGeom_clone_r (ctx, geom));
    }
  else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION)
    {
      int n = GEOSGetNumGeometries_r (ctx, geom);

      for (int i = 0; i < n; i++)
        collect_polygons (ctx, GEOSGetGeometryN_r (ctx, geom, i), out);
    }
}

/* wk_geos_polygon_parts:
 * @geom: (transfer full): any geometry
 *
 * Keeps only the polygonal parts of @geom (as MakeValid can return a
 * collection with lines), as a (multi)polygon, or NULL if there are none.
 */
GEOSGeometry *
wk_geos_polygon_parts (GEOSGeometry *geom)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GPtrArray) parts = NULL;
  GEOSGeometry *result;

  if (geom == NULL)
    return NULL;
  if (GEOSGeomTypeId_r (ctx, geom) == GEOS_POLYGON ||
      GEOSGeomTypeId_r (ctx, geom) == GEOS_MULTIPOLYGON)
    return geom;

  parts = g_ptr_array_new ();
  collect_polygons (ctx, geom, parts);
  GEOSGeom_destroy_r (ctx, geom);
  if (parts->len == 0)
    return NULL;
  if (parts->len == 1)
    return g_ptr_array_index (parts, 0);
  result = GEOSGeom_createCollection_r (ctx, GEOS_MULTIPOLYGON,
                                        (GEOSGeometry **) parts->pdata, parts->len);
  return result;
}

/* wk_geos_union_all:
 * @geoms: (transfer none): polygonal geometries
 *
 * Dissolves @geoms into one geometry.  With @coverage, the inputs are taken
 * as a polygonal coverage (no overlaps; shared edges match exactly), which
 * GEOSCoverageUnion_r dissolves an order of magnitude faster; when that
 * fails (the inputs are not a clean coverage) this falls back to a full
 * unary union.
 *
 * Returns: (transfer full) (nullable): the union, or an empty polygon
 */
GEOSGeometry *
wk_geos_union_all (GEOSGeometry **geoms,
                   guint          n_geoms,
                   gboolean       coverage)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autofree GEOSGeometry **clones = NULL;
  GEOSGeometry *collection;
  GEOSGeometry *result = NULL;

  if (n_geoms == 0)
    return GEOSGeom_createEmptyPolygon_r (ctx);

  /* A collection takes ownership of its parts, so it gets clones; parts
   * released with releaseCollection would avoid the copy but the clone is
   * cheap compared to the union. */
  clones = g_new (GEOSGeometry *, n_geoms);
  for (guint i = 0; i < n_geoms; i++)
    clones[i] = GEOSGeom_clone_r (ctx, geoms[i]);
  collection = GEOSGeom_createCollection_r (ctx, GEOS_GEOMETRYCOLLECTION, clones, n_geoms);

  if (coverage)
    result = GEOSCoverageUnion_r (ctx, collection);
  if (result != NULL)
    {
      /* CoverageUnion does not check its input: a result whose area differs
       * from the sum means overlapping units; redo it the careful way. */
      double sum = 0.0, got = 0.0, a;

      for (guint i = 0; i < n_geoms; i++)
        if (GEOSArea_r (ctx, geoms[i], &a))
          sum += a;
      GEOSArea_r (ctx, result, &got);
      if (fabs (got - sum) > 1e-6 * MAX (sum, 1.0) || !GEOSisValid_r (ctx, result))
        g_clear_pointer (&result, wk_geos_geom_free);
    }
  if (result == NULL)
    result = GEOSUnaryUnion_r (ctx, collection);
  GEOSGeom_destroy_r (ctx, collection);
  return wk_geos_polygon_parts (result);
}

static double
linear_length (GEOSContextHandle_t  ctx,
               const GEOSGeometry  *geom)
{
  int type = GEOSGeomTypeId_r (ctx, geom);
  double len = 0.0;

  if (type == GEOS_LINESTRING || type == GEOS_MULTILINESTRING || type == GEOS_LINEARRING)
    {
      GEOSLength_r (ctx, geom, &len);
      return len;
    }
  if (type == GEOS_GEOMETRYCOLLECTION)
    {
      int n = GEOSGetNumGeometries_r (ctx, geom);

      for (int i = 0; i < n; i++)
        len += linear_length (ctx, GEOSGetGeometryN_r (ctx, geom, i));
    }
  return len;
}

/* wk_geos_shared_length:
 *
 * The length of the boundary that two polygons share: the linear part of the
 * intersection of their boundaries (a point contact has length 0).
 */
double
wk_geos_shared_length (const GEOSGeometry *a,
                       const GEOSGeometry *b)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(WkGeosGeometry) ba = GEOSBoundary_r (ctx, a);
  g_autoptr(WkGeosGeometry) bb = GEOSBoundary_r (ctx, b);
  g_autoptr(WkGeosGeometry) shared = NULL;

  if (ba == NULL || bb == NULL)
    return 0.0;
  shared = GEOSIntersection_r (ctx, ba, bb);
  if (shared == NULL)
    return 0.0;
  return linear_length (ctx, shared);
}
