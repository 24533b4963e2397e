/* wk-core.c: initialisation, enum helpers, GEOS and GDAL glue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "wk-core.h"
#include "wk-file-private.h"
#include "wk-gdal-private.h"
#include "wk-geos-private.h"

/* ---------------------------------------------------------------- enums */

static const char *provider_kinds[] = { "gp", "pharmacy", "nursing", "social" };
static const char *severities[] = { "info", "warning", "error" };
static const char *roles[] = { "code", "name", "population", "pop65", "gm_code", "gm_name" };

const char *
wk_provider_kind_to_string (WkProviderKind kind)
{
  g_return_val_if_fail (kind < WK_N_PROVIDER_KINDS, NULL);
  return provider_kinds[kind];
}

gboolean
wk_provider_kind_from_string (const char     *str,
                              WkProviderKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (provider_kinds); i++)
    if (g_ascii_strcasecmp (str, provider_kinds[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * wk_provider_kind_get_label:
 *
 * Returns: the translated, human name of a kind of care provider
 */
const char *
wk_provider_kind_get_label (WkProviderKind kind)
{
  switch (kind)
    {
    case WK_PROVIDER_GP:
      return _("GP practice");
    case WK_PROVIDER_PHARMACY:
      return _("Pharmacy");
    case WK_PROVIDER_NURSING:
      return _("District nursing team");
    case WK_PROVIDER_SOCIAL:
      return _("Social neighbourhood team");
    case WK_N_PROVIDER_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
wk_severity_to_string (WkSeverity severity)
{
  g_return_val_if_fail (severity <= WK_SEVERITY_ERROR, NULL);
  return severities[severity];
}

gboolean
wk_severity_from_string (const char *str,
                         WkSeverity *severity)
{
  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    if (g_ascii_strcasecmp (str, severities[i]) == 0)
      {
        *severity = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wk_severity_get_label (WkSeverity severity)
{
  switch (severity)
    {
    case WK_SEVERITY_INFO:
      return _("Information");
    case WK_SEVERITY_WARNING:
      return _("Warning");
    case WK_SEVERITY_ERROR:
      return _("Error");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
wk_field_role_to_string (WkFieldRole role)
{
  g_return_val_if_fail (role < WK_N_ROLES, NULL);
  return roles[role];
}

gboolean
wk_field_role_from_string (const char  *str,
                           WkFieldRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_ascii_strcasecmp (str, roles[i]) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wk_field_role_get_label (WkFieldRole role)
{
  switch (role)
    {
    case WK_ROLE_CODE:
      return _("Unit code");
    case WK_ROLE_NAME:
      return _("Unit name");
    case WK_ROLE_POPULATION:
      return _("Population");
    case WK_ROLE_POP65:
      return _("Inhabitants 65+");
    case WK_ROLE_GM_CODE:
      return _("Municipality code");
    case WK_ROLE_GM_NAME:
      return _("Municipality name");
    case WK_N_ROLES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ----------------------------------------------------------------- init */

static void CPL_STDCALL
log_cpl_error (CPLErr      err_class,
               CPLErrorNum err_no,
               const char *message)
{
  g_debug ("GDAL (%d, %s): %s", err_no,
           err_class >= CE_Failure ? "failure" : err_class == CE_Warning ? "warning" : "debug",
           message);
}

/**
 * wk_core_init:
 *
 * Registers GDAL's drivers and the translation domain.  Call once, from the
 * main thread, before any worker thread starts.
 */
void
wk_core_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      const char *localedir = LOCALEDIR;

      /* Uninstalled runs (tests, meson devenv) use the build tree's catalogs. */
      if (g_getenv ("WK_LOCALEDIR") != NULL)
        localedir = g_getenv ("WK_LOCALEDIR");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      /* Keep GDAL's own defaults predictable: no network look-ups for CRS grids,
       * and traditional axis order is set per SRS. */
      CPLSetConfigOption ("PROJ_NETWORK", "OFF");
      CPLSetConfigOption ("OGR_GEOJSON_MAX_OBJ_SIZE", "0");
      /* GDAL's default handler prints “ERROR 1: …” on stderr from any thread.
       * Where a failure matters the caller captures it (wk_gdal_push_capture)
       * and turns it into a GError; the rest is chatter for G_MESSAGES_DEBUG. */
      CPLSetErrorHandler (log_cpl_error);
      GDALAllRegister ();
      g_once_init_leave (&initialised, 1);
    }
}

const char *
wk_core_get_version (void)
{
  return PACKAGE_VERSION;
}

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

/* ----------------------------------------------------------------- files */

/* wk_file_temp_path_for:
 *
 * A new, unused name next to @target (same folder, so a rename is atomic)
 * that keeps @target's extension, because GDAL picks drivers by it.  The
 * name holds the process id, so that wk_file_remove_stale_temps() can tell
 * the leftovers of a crashed process from a save still running.
 */
char *
wk_file_temp_path_for (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  const char *dot = strchr (base, '.');
  g_autofree char *stem = dot ? g_strndup (base, dot - base) : g_strdup (base);

  for (guint i = 0; ; i++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%ld-%08x.tmp%s", stem, (long) getpid (),
                                               g_random_int (), dot ? dot : "");
      char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS) || i > 100)
        return path;
      g_free (path);
    }
}

/* wk_file_remove_stale_temps:
 *
 * Removes the temporary files (and SQLite journals) that saves of @target
 * by processes that no longer run left behind: a crash or a kill during a
 * save leaves the target intact but its temporary file beside it.
 *
 * Returns: how many files were removed
 */
guint
wk_file_remove_stale_temps (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  const char *dot = strchr (base, '.');
  g_autofree char *stem = dot ? g_strndup (base, dot - base) : g_strdup (base);
  g_autofree char *prefix = g_strdup_printf (".%s.", stem);
  g_autofree char *infix = g_strdup_printf (".tmp%s", dot ? dot : "");
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_removed = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      const char *rest, *tail;
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;
      rest = name + strlen (prefix);
      pid = g_ascii_strtoll (rest, &end, 10);
      if (end == rest || *end != '-' || pid <= 0 || pid == getpid ())
        continue;
      tail = strstr (end, infix);
      if (tail == NULL || (tail[strlen (infix)] != '\0' && tail[strlen (infix)] != '-'))
        continue;
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        if (g_unlink (path) == 0)
          n_removed++;
      }
    }
  return n_removed;
}

static gboolean
fsync_path (const char *path,
            gboolean    directory,
            GError    **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s", g_strerror (saved));
      return FALSE;
    }
  if (fsync (fd) != 0 && !directory)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s", g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* wk_file_commit_temp:
 *
 * Flushes @temp to disk and renames it over @target, then flushes the
 * folder, so that after a crash @target is either the old or the new file.
 * On failure @temp is removed and @target is untouched.
 */
gboolean
wk_file_commit_temp (const char  *temp,
                     const char  *target,
                     GError     **error)
{
  g_autofree char *display = g_filename_display_basename (target);
  g_autofree char *dir = g_path_get_dirname (target);
  g_autoptr(GError) local = NULL;

  if (!fsync_path (temp, FALSE, &local))
    {
      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, local->code, _("“%s” could not be written: %s"),
                   display, local->message);
      return FALSE;
    }
  if (g_rename (temp, target) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” could not be written: %s"), display, g_strerror (saved));
      return FALSE;
    }
  fsync_path (dir, TRUE, NULL);
  return TRUE;
}

void
wk_file_discard_temp (const char *temp)
{
  if (temp != NULL)
    g_unlink (temp);
}
