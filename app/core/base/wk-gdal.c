/* wk-gdal.c: GDAL/OGR glue: error capture, spatial references, names, fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-core"

#include "config.h"

#include <string.h>

#include "wk-gdal-private.h"
#include "wk-geos-private.h"

/* ----------------------------------------------------------------- GDAL */

static void CPL_STDCALL
capture_cpl_error (CPLErr      err_class,
                   CPLErrorNum err_no,
                   const char *message)
{
  GString *failure = CPLGetErrorHandlerUserData ();

  /* GDAL quotes the file in some messages (a JSON parse error), in
   * whatever bytes it holds. */
  if (err_class >= CE_Failure && failure != NULL && failure->len == 0)
    {
      g_autofree char *text = wk_gdal_to_utf8 (message);

      g_string_assign (failure, text);
    }
  else
    g_debug ("GDAL (%d): %s", err_no, message);
}

void
wk_gdal_push_capture (GString *failure)
{
  CPLPushErrorHandlerEx (capture_cpl_error, failure);
}

void
wk_gdal_pop_capture (void)
{
  CPLPopErrorHandler ();
}

/* wk_gdal_capture_begin:
 *
 * Like wk_gdal_push_capture() with a new GString, for g_autoptr: the
 * handler is popped when the capture goes out of scope or is ended.
 *
 * Returns: (transfer full): the capture, empty until GDAL fails
 */
WkGdalCapture *
wk_gdal_capture_begin (void)
{
  GString *failure = g_string_new (NULL);

  wk_gdal_push_capture (failure);
  return failure;
}

void
wk_gdal_capture_end (WkGdalCapture *capture)
{
  if (capture == NULL)
    return;
  wk_gdal_pop_capture ();
  g_string_free (capture, TRUE);
}

/**
 * wk_gdal_srs_new_epsg:
 *
 * Returns: (transfer full): a spatial reference with x = east / longitude.
 */
OGRSpatialReferenceH
wk_gdal_srs_new_epsg (int epsg)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  OSRImportFromEPSG (srs, epsg);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

gboolean
wk_gdal_is_connection (const char *path)
{
  return g_str_has_prefix (path, "PG:") || g_str_has_prefix (path, "WFS:") ||
         g_str_has_prefix (path, "OAPIF:") || g_str_has_prefix (path, "MSSQL:") ||
         g_str_has_prefix (path, "/vsi") || g_str_has_prefix (path, "http://") ||
         g_str_has_prefix (path, "https://");
}

/* wk_gdal_display_name:
 *
 * How a source is named in messages: the file's base name, or a connection
 * string without its password.
 */
char *
wk_gdal_display_name (const char *path)
{
  if (path == NULL)
    return g_strdup ("?");
  if (g_str_has_prefix (path, "PG:"))
    {
      g_autoptr(GRegex) re = g_regex_new ("password=\\S*", 0, 0, NULL);
      return g_regex_replace_literal (re, path, -1, 0, "password=…", 0, NULL);
    }
  if (wk_gdal_is_connection (path) && !g_str_has_prefix (path, "/vsimem/"))
    return g_utf8_make_valid (path, -1);
  /* a file name need not be UTF-8 */
  return g_filename_display_basename (path);
}

/* wk_ogr_field_as_utf8:
 *
 * A field's value as trimmed UTF-8; text in another encoding is taken as
 * Windows-1252, as spreadsheet CSVs and old shapefiles without .cpg are.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when unset/null
 */
char *
wk_ogr_field_as_utf8 (OGRFeatureH feature,
                      int         field)
{
  const char *raw;

  if (field < 0 || !OGR_F_IsFieldSetAndNotNull (feature, field))
    return NULL;
  raw = OGR_F_GetFieldAsString (feature, field);
  if (raw == NULL)
    return NULL;
  return g_strstrip (wk_gdal_to_utf8 (raw));
}

/* wk_gdal_to_utf8:
 *
 * Text that GDAL took from a file (a value, a field or layer name, an error
 * message quoting the file) as UTF-8, for messages and the GUI: without a
 * byte-order mark, and taken as Windows-1252 when it is not UTF-8.
 *
 * Returns: (transfer full): valid UTF-8; "" for %NULL
 */
char *
wk_gdal_to_utf8 (const char *raw)
{
  char *text;

  if (raw == NULL)
    return g_strdup ("");
  if (g_str_has_prefix (raw, "\xEF\xBB\xBF"))
    raw += 3;
  if (g_utf8_validate (raw, -1, NULL))
    return g_strdup (raw);
  text = g_convert (raw, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (text == NULL)
    text = g_utf8_make_valid (raw, -1);
  return text;
}

/* wk_geos_to_ogr:
 *
 * Converts a polygonal GEOS geometry through WKB into an OGR multipolygon,
 * the geometry type of every polygon layer the core writes.
 *
 * Returns: (transfer full) (nullable): the geometry, %NULL for an empty one
 */
OGRGeometryH
wk_geos_to_ogr (const GEOSGeometry *geom)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  GEOSWKBWriter *writer;
  unsigned char *wkb;
  size_t size = 0;
  OGRGeometryH ogr = NULL;

  if (geom == NULL || GEOSisEmpty_r (ctx, geom))
    return NULL;
  writer = GEOSWKBWriter_create_r (ctx);
  wkb = GEOSWKBWriter_write_r (ctx, writer, geom, &size);
  GEOSWKBWriter_destroy_r (ctx, writer);
  if (wkb == NULL)
    return NULL;
  if (OGR_G_CreateFromWkb (wkb, NULL, &ogr, size) != OGRERR_NONE)
    ogr = NULL;
  GEOSFree_r (ctx, wkb);
  if (ogr != NULL)
    ogr = OGR_G_ForceToMultiPolygon (ogr);
  return ogr;
}

/* wk_ogr_add_field:
 *
 * Adds a field to a layer being written (approximating what the driver
 * cannot store exactly).
 */
void
wk_ogr_add_field (OGRLayerH     layer,
                  const char   *name,
                  OGRFieldType  type)
{
  OGRFieldDefnH fd = OGR_Fld_Create (name, type);

  OGR_L_CreateField (layer, fd, TRUE);
  OGR_Fld_Destroy (fd);
}
