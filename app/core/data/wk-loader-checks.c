/* wk-loader-checks.c: what the loader must not count wrong in silence
 *
 * Shapes without attributes, units without area but with inhabitants, two units with one
 * outline, holes outside their shell, text fields of any length, collections of polygons
 * (issue 18, classes 3 and 4).  Each check is one function with a small call site in the
 * loader's files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-dataset"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wk-geos-private.h"
#include "wk-loader-private.h"
#include "wk-source.h"

/* Below this a unit's area is no area at all (m²). */
#define TINY_AREA_M2 1.0

/* _wk_loader_field_text:
 *
 * A text field as wk_ogr_field_as_utf8() gives it, but at most
 * %WK_MAX_FIELD_TEXT bytes of it (cut at a character): a field of 50 MB is
 * neither copied nor carried on into names and reports.  The warning names
 * the feature and the field.
 */
char *
_wk_loader_field_text (OGRFeatureH    feature,
                       int            field,
                       const char    *display,
                       const char    *label,
                       WkLoadReport  *report)
{
  const char *raw;
  size_t len;
  g_autofree char *cut = NULL;
  char *end;

  if (field < 0 || !OGR_F_IsFieldSetAndNotNull (feature, field))
    return NULL;
  raw = OGR_F_GetFieldAsString (feature, field);
  if (raw == NULL)
    return NULL;
  len = strnlen (raw, WK_MAX_FIELD_TEXT + 1);
  if (len <= WK_MAX_FIELD_TEXT)
    return wk_ogr_field_as_utf8 (feature, field);
  cut = g_strndup (raw, WK_MAX_FIELD_TEXT);
  /* not in the middle of a UTF-8 character */
  end = cut + WK_MAX_FIELD_TEXT;
  while (end > cut && ((guchar) end[-1] & 0xC0) == 0x80)
    end--;
  if (end > cut && (guchar) end[-1] >= 0xC0)
    end--;
  *end = '\0';
  {
    OGRFieldDefnH fd = OGR_F_GetFieldDefnRef (feature, field);
    g_autofree char *name = wk_gdal_to_utf8 (OGR_Fld_GetNameRef (fd));

    _wk_load_report_add (report, _("“%s”, %s: the field “%s” holds %zu bytes of text; only the "
                                  "first %d are kept."),
                        display, label, name, strlen (raw), WK_MAX_FIELD_TEXT);
  }
  return g_strstrip (wk_gdal_to_utf8 (cut));
}

/* _wk_loader_note_skipped:
 *
 * A feature that was left out: says how many inhabitants are therefore not
 * counted, when its population field has a figure.  Returns that figure (0
 * when unknown).
 */
gint64
_wk_loader_note_skipped (OGRFeatureH    feature,
                         int            population_field,
                         const char    *display,
                         const char    *label,
                         WkLoadReport  *report)
{
  double pop = NAN;

  if (_wk_loader_field_as_number (feature, population_field, &pop) != VALUE_OK ||
      !(pop >= 1.0) || pop > WK_MAX_POPULATION)
    return 0;
  _wk_load_report_add (report,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "“%s”, %s: its %.0f inhabitant is not counted.",
                                   "“%s”, %s: its %.0f inhabitants are not counted.",
                                   pop > 1e6 ? 1000000 : (gulong) pop),
                      display, label, pop);
  return (gint64) llround (pop);
}

/* _wk_loader_check_records:
 * @n_read: the features the loader read
 * @n_total: the shapes the layer says it has
 *
 * A shapefile whose .dbf has fewer records than the .shp has shapes: GDAL
 * gives only the shapes that have a record.  Says which shapes have none
 * and about how many inhabitants they may hold (at the average of the
 * others).
 */
void
_wk_loader_check_records (GDALDatasetH    ds,
                          guint           n_read,
                          gint64          n_total,
                          WkDataset      *self,
                          const char     *display,
                          WkLoadReport   *report)
{
  GDALDriverH driver = GDALGetDatasetDriver (ds);
  gint64 missing = n_total - (gint64) n_read;
  g_autoptr(GString) which = g_string_new (NULL);
  guint n_known = 0;
  double average;

  if (driver == NULL || g_strcmp0 (GDALGetDriverShortName (driver), "ESRI Shapefile") != 0 ||
      missing <= 0)
    return;
  /* shapes are numbered from 1, as QGIS and the .shp do */
  for (gint64 s = n_read + 1; s <= n_total && s <= n_read + 10; s++)
    g_string_append_printf (which, "%s%lld", which->len ? ", " : "", (long long) s);
  if (missing > 10)
    g_string_append (which, ", …");
  for (guint i = 0; i < self->units->len; i++)
    n_known += g_array_index (self->units, WkUnit, i).population >= 0;
  average = n_known > 0 ? self->total_population / (double) n_known : 0.0;
  _wk_load_report_add (report,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "“%s”: its .dbf file has attributes for %u of the %lld "
                                   "shapes: shape %s has no code and no population and is "
                                   "left out. At the average of the others that may be about "
                                   "%.0f inhabitants not counted. Export the shapefile again "
                                   "with all its files.",
                                   "“%s”: its .dbf file has attributes for %u of the %lld "
                                   "shapes: shapes %s have no code and no population and are "
                                   "left out. At the average of the others that may be about "
                                   "%.0f inhabitants not counted. Export the shapefile again "
                                   "with all its files.",
                                   missing > 1000000 ? 1000000 : (gulong) missing),
                      display, n_read, (long long) n_total, which->str, average * missing);
}

/* Two units whose outlines are one: the same envelope and area, then GEOS. */
static void
check_identical (WkDataset    *self,
                 const char   *display,
                 WkLoadReport *report)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->units->len; i++)
    {
      const WkUnit *u = &g_array_index (self->units, WkUnit, i);
      char *key = g_strdup_printf ("%.3f %.3f %.3f %.3f %.1f", u->xmin, u->ymin, u->xmax,
                                   u->ymax, u->area_m2);
      gpointer other;

      if (g_hash_table_lookup_extended (seen, key, NULL, &other))
        {
          guint j = GPOINTER_TO_UINT (other);
          const WkUnit *v = &g_array_index (self->units, WkUnit, j);

          if (GEOSEquals_r (ctx, g_ptr_array_index (self->geoms, i),
                            g_ptr_array_index (self->geoms, j)) == 1)
            _wk_load_report_add (report, _("“%s”: the units %s and %s have the same outline; "
                                          "one of them is probably a copy. Both are kept: "
                                          "check which is right, or their inhabitants may "
                                          "be counted twice."),
                                display, v->code, u->code);
          g_free (key);
          continue;
        }
      g_hash_table_insert (seen, key, GUINT_TO_POINTER (i));
    }
}

/* _wk_loader_check_units:
 *
 * After the units have their figures (_wk_dataset_finish_units): warns
 * about a unit with inhabitants but (almost) no area, and about two units
 * with the same outline, naming them.
 */
void
_wk_loader_check_units (WkDataset    *self,
                        const char   *display,
                        WkLoadReport *report)
{
  for (guint i = 0; i < self->units->len; i++)
    {
      const WkUnit *u = &g_array_index (self->units, WkUnit, i);

      if (u->population > 0 && u->area_m2 < TINY_AREA_M2)
        _wk_load_report_add (report,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "“%s”: the unit %s has %lld inhabitant but an area of "
                                         "less than 1 m²; its outline is probably broken.",
                                         "“%s”: the unit %s has %lld inhabitants but an area of "
                                         "less than 1 m²; its outline is probably broken.",
                                         MIN (u->population, 1000000)),
                            display, u->code, (long long) u->population);
    }
  check_identical (self, display, report);
}

/* _wk_loader_collection_as_polygons:
 *
 * A GeometryCollection that holds only polygons (or multipolygons) is one
 * multipolygon, the polygons that touch merged; anything else is given back
 * as it was.
 */
OGRGeometryH
_wk_loader_collection_as_polygons (OGRGeometryH geom)
{
  int n = OGR_G_GetGeometryCount (geom);

  if (n == 0)
    return geom;
  for (int i = 0; i < n; i++)
    {
      OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (OGR_G_GetGeometryRef (geom, i)));

      if (type != wkbPolygon && type != wkbMultiPolygon)
        return geom;
    }
  geom = OGR_G_ForceToMultiPolygon (geom);
  /* its polygons may touch along an edge (a buurt in parts): one outline,
   * not a repair */
  if (!OGR_G_IsValid (geom))
    {
      OGRGeometryH merged = OGR_G_UnionCascaded (geom);

      if (merged != NULL)
        {
          OGR_G_DestroyGeometry (geom);
          geom = merged;
        }
    }
  return geom;
}

/* One polygon without the holes that do not lie inside its shell; NULL if
 * it has none. */
static GEOSGeometry *
polygon_without_stray (const GEOSGeometry *poly,
                       guint              *n_dropped)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  int n_holes = GEOSGetNumInteriorRings_r (ctx, poly);
  GEOSGeometry *shell;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  guint dropped = 0;

  if (n_holes <= 0)
    return NULL;
  shell = GEOSGeom_createPolygon_r (ctx, GEOSGeom_clone_r (ctx, GEOSGetExteriorRing_r (ctx, poly)),
                                    NULL, 0);
  for (int h = 0; h < n_holes; h++)
    {
      const GEOSGeometry *ring = GEOSGetInteriorRingN_r (ctx, poly, h);
      GEOSGeometry *hole = GEOSGeom_createPolygon_r (ctx, GEOSGeom_clone_r (ctx, ring), NULL, 0);

      if (GEOSCoveredBy_r (ctx, hole, shell) == 1)
        g_ptr_array_add (kept, GEOSGeom_clone_r (ctx, ring));
      else
        dropped++;
      GEOSGeom_destroy_r (ctx, hole);
    }
  if (dropped == 0)
    {
      for (guint k = 0; k < kept->len; k++)
        GEOSGeom_destroy_r (ctx, g_ptr_array_index (kept, k));
      GEOSGeom_destroy_r (ctx, shell);
      return NULL;
    }
  *n_dropped += dropped;
  GEOSGeom_destroy_r (ctx, shell);
  return GEOSGeom_createPolygon_r (ctx, GEOSGeom_clone_r (ctx, GEOSGetExteriorRing_r (ctx, poly)),
                                   (GEOSGeometry **) kept->pdata, kept->len);
}

/* _wk_loader_without_stray_holes:
 * @n_dropped: (out): the holes dropped
 *
 * A polygon whose hole lies (partly) outside its shell: a repair would
 * make that hole a part of its own and the unit larger than its outline.
 * Gives @geom without those holes, repaired and never larger than its
 * shells, or %NULL when it has no such hole.
 */
GEOSGeometry *
_wk_loader_without_stray_holes (const GEOSGeometry *geom,
                                guint              *n_dropped)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  int type = GEOSGeomTypeId_r (ctx, geom);
  int n = type == GEOS_POLYGON ? 1 : type == GEOS_MULTIPOLYGON ? GEOSGetNumGeometries_r (ctx, geom)
                                                                : 0;
  g_autofree GEOSGeometry **parts = g_new0 (GEOSGeometry *, MAX (n, 1));
  GEOSGeometry *collection, *valid;
  gboolean changed = FALSE;

  *n_dropped = 0;
  for (int i = 0; i < n; i++)
    {
      const GEOSGeometry *poly = type == GEOS_POLYGON ? geom : GEOSGetGeometryN_r (ctx, geom, i);

      parts[i] = polygon_without_stray (poly, n_dropped);
      changed |= parts[i] != NULL;
      if (parts[i] == NULL)
        parts[i] = GEOSGeom_clone_r (ctx, poly);
    }
  if (!changed)
    {
      for (int i = 0; i < n; i++)
        GEOSGeom_destroy_r (ctx, parts[i]);
      return NULL;
    }
  collection = GEOSGeom_createCollection_r (ctx, GEOS_MULTIPOLYGON, parts, n);
  if (GEOSisValid_r (ctx, collection) == 1)
    return collection;
  valid = GEOSMakeValid_r (ctx, collection);
  GEOSGeom_destroy_r (ctx, collection);
  return valid != NULL ? wk_geos_polygon_parts (valid) : NULL;
}

typedef enum
{
  RANGE_NONE,
  RANGE_RD,
  RANGE_LONLAT,
} Range;

static Range
range_of (double x,
          double y)
{
  if (x >= RD_XMIN && x <= RD_XMAX && y >= RD_YMIN && y <= RD_YMAX)
    return RANGE_RD;
  if (x >= LL_XMIN && x <= LL_XMAX && y >= LL_YMIN && y <= LL_YMAX)
    return RANGE_LONLAT;
  return RANGE_NONE;
}

/* _wk_loader_drop_stray_points:
 * @feats: (element-type OGRFeatureH): the features, in step with @points
 * @points: (element-type OGRGeometryH): their points, in the file's coordinates
 * @env: (inout): the points' extent, made again without the dropped ones
 *
 * A file of locations without a coordinate system is judged by the range of
 * its coordinates, so that one bad row (x and y swapped, 0,0, a place
 * abroad) made the whole file unreadable.  When the points that lie in the
 * Netherlands are clearly in RD New or in longitude/latitude (more than
 * twice as many as in the other), the others are dropped, each
 * named by its line (CSV) or feature and what is wrong with it.  Returns
 * the number dropped.
 */
guint
_wk_loader_drop_stray_points (GDALDatasetH   ds,
                              GPtrArray     *feats,
                              GPtrArray     *points,
                              const char    *display,
                              WkLoadReport  *report,
                              OGREnvelope   *env)
{
  GDALDriverH driver = GDALGetDatasetDriver (ds);
  gboolean csv = driver != NULL && g_strcmp0 (GDALGetDriverShortName (driver), "CSV") == 0;
  guint counts[3] = { 0 };
  guint dropped = 0;
  Range main;

  for (guint i = 0; i < points->len; i++)
    {
      OGRGeometryH p = g_ptr_array_index (points, i);

      counts[range_of (OGR_G_GetX (p, 0), OGR_G_GetY (p, 0))]++;
    }
  main = counts[RANGE_RD] >= counts[RANGE_LONLAT] ? RANGE_RD : RANGE_LONLAT;
  /* one system clearly: none of its rows means nothing to judge by */
  if (counts[main] == 0 || counts[main] == points->len ||
      counts[main] <= 2 * counts[main == RANGE_RD ? RANGE_LONLAT : RANGE_RD])
    return 0;

  *env = (OGREnvelope) { G_MAXDOUBLE, -G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE };
  for (guint i = 0; i < points->len;)
    {
      OGRGeometryH p = g_ptr_array_index (points, i);
      OGRFeatureH f = g_ptr_array_index (feats, i);
      double x = OGR_G_GetX (p, 0), y = OGR_G_GetY (p, 0);
      g_autofree char *where = NULL;
      g_autofree char *what = NULL;

      if (range_of (x, y) == main)
        {
          env->MinX = MIN (env->MinX, x);
          env->MaxX = MAX (env->MaxX, x);
          env->MinY = MIN (env->MinY, y);
          env->MaxY = MAX (env->MaxY, y);
          i++;
          continue;
        }
      /* GDAL numbers a CSV's rows from 1, after the header line */
      where = csv ? g_strdup_printf (_("line %lld"), (long long) OGR_F_GetFID (f) + 1)
                  : _wk_loader_feature_label (f, -1);
      if (x == 0.0 && y == 0.0)
        what = g_strdup (_("its coordinates are 0, 0, which is no location"));
      else if (range_of (y, x) == main)
        what = g_strdup_printf (_("its x and y are swapped (%g, %g)"), x, y);
      else
        what = g_strdup_printf (_("it lies outside the Netherlands (%g, %g)"), x, y);
      _wk_load_report_add (report, _("“%s”, %s: skipped, because %s."), display, where, what);
      report->n_providers_skipped++;
      dropped++;
      g_ptr_array_remove_index (points, i);
      g_ptr_array_remove_index (feats, i);
    }
  return dropped;
}

/* _wk_loader_explain_no_code:
 * @layer: the layer the loader picked, which has no field with a unit code
 * @chosen: whether the user named that layer
 *
 * Why @layer has no code field, when there is more to say than its fields:
 * a shapefile (also zipped) whose .dbf is missing, or a file with another
 * polygon layer that has codes (named, with how to choose it).  Returns
 * FALSE with @error set then, TRUE when there is nothing more to say.
 */
gboolean
_wk_loader_explain_no_code (GDALDatasetH   ds,
                            OGRLayerH      layer,
                            gboolean       chosen,
                            const char    *display,
                            GError       **error)
{
  GDALDriverH driver = GDALGetDatasetDriver (ds);

  if (driver != NULL && g_strcmp0 (GDALGetDriverShortName (driver), "ESRI Shapefile") == 0 &&
      OGR_FD_GetFieldCount (OGR_L_GetLayerDefn (layer)) == 0)
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD,
                   _("“%s” has no attribute table: its .dbf file, with the codes and population "
                     "of the units, is missing. A shapefile is a set of files with the same "
                     "name (.shp, .shx, .dbf, .prj); copy them all into one folder."), display);
      return FALSE;
    }
  if (chosen)
    return TRUE;
  for (int i = 0; i < GDALDatasetGetLayerCount (ds); i++)
    {
      OGRLayerH other = GDALDatasetGetLayer (ds, i);
      g_auto(GStrv) names = NULL;
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      g_autofree char *first = NULL;

      if (other == layer || !_wk_loader_layer_has_kind (other, WK_GEOMETRY_POLYGON))
        continue;
      names = _wk_loader_field_names (OGR_L_GetLayerDefn (other));
      code = wk_detect_role_field ((const char * const *) names, WK_ROLE_CODE, NULL, NULL);
      if (code == NULL)
        continue;
      name = wk_gdal_to_utf8 (OGR_L_GetName (other));
      first = wk_gdal_to_utf8 (OGR_L_GetName (layer));
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD,
                   _("“%s”: its first layer “%s” has no field with a unit code, but its layer "
                     "“%s” has (%s). Choose that layer: with --layer %s on the command line, or "
                     "in the layer choice of the open dialog."),
                   display, first, name, code, name);
      return FALSE;
    }
  return TRUE;
}
