/* wk-pdok-fetch.c: CBS buurten and gemeenten from PDOK's OGC API Features, with a cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GDAL's OAPIF driver reads the service: it pages through the items with
 * their `next` links (PDOK sends no numberMatched), passes the bounding box
 * and an equality on a queryable to the server, and filters the rest on
 * this side.  Each gemeente is kept in the cache as a GeoPackage of its own
 * (RD New), written to a temporary file and renamed, so the cache never
 * holds half a download; the output is put together from those.
 */

#define G_LOG_DOMAIN "wk-pdok"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-gdal-private.h"
#include "wk-gpkg-private.h"
#include "wk-pdok-fetch.h"
#include "wk-pdok-fetch-private.h"
#include "wk-progress.h"
#include "wk-source.h"

/* PDOK serves up to 1,000 per page, but GDAL reads one unfiltered page of
 * each collection for its schema first: 200 keeps that small and still
 * brings most gemeenten in one or two pages. */
#define DEFAULT_PAGE_SIZE 200
#define DEFAULT_TIMEOUT_S 60
#define POP65_COUNT_FIELD "aantal_65_plus"
#define LAYER_BUURTEN     "buurten"
#define LAYER_GEMEENTEN   "gemeenten"

G_DEFINE_QUARK (wk-pdok-error-quark, wk_pdok_error)

/* ------------------------------------------------------------- helpers */

static void
gemeente_report_free (gpointer data)
{
  WkPdokGemeente *g = data;

  g_free (g->code);
  g_free (g->name);
  g_clear_pointer (&g->fetched, g_date_time_unref);
  g_free (g);
}

/* PDOK asks clients to say who they are; GDAL sends these with every
 * request made on this thread. */
static void
set_http_options (guint timeout_s)
{
  g_autofree char *agent = g_strdup_printf ("Wijkindeling/%s (+%s)", PACKAGE_VERSION,
                                            "https://github.com/wijkindeling/wijkindeling");
  g_autofree char *timeout = g_strdup_printf ("%u", timeout_s);

  CPLSetThreadLocalConfigOption ("GDAL_HTTP_USERAGENT", agent);
  CPLSetThreadLocalConfigOption ("GDAL_HTTP_HEADERS",
                                 "Referer: https://github.com/wijkindeling/wijkindeling");
  CPLSetThreadLocalConfigOption ("GDAL_HTTP_TIMEOUT", timeout);
  CPLSetThreadLocalConfigOption ("GDAL_HTTP_CONNECTTIMEOUT", timeout);
  CPLSetThreadLocalConfigOption ("GDAL_HTTP_MAX_RETRY", "2");
  CPLSetThreadLocalConfigOption ("GDAL_HTTP_RETRY_DELAY", "1");
}

static void
clear_http_options (void)
{
  const char *names[] = {
    "GDAL_HTTP_USERAGENT", "GDAL_HTTP_HEADERS", "GDAL_HTTP_TIMEOUT",
    "GDAL_HTTP_CONNECTTIMEOUT", "GDAL_HTTP_MAX_RETRY", "GDAL_HTTP_RETRY_DELAY",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    CPLSetThreadLocalConfigOption (names[i], NULL);
}

static gboolean
contains_ci (const char *haystack,
             const char *needle)
{
  g_autofree char *h = g_ascii_strdown (haystack, -1);
  g_autofree char *n = g_ascii_strdown (needle, -1);

  return strstr (h, n) != NULL;
}

/* Turns what GDAL said about a failed request into an error that names
 * the service and says what to do. */
static void
set_service_error (GError     **error,
                   const char  *service,
                   const char  *failure,
                   gboolean     reading)
{
  if (contains_ci (failure, "timed out") || contains_ci (failure, "timeout"))
    g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_TIMEOUT,
                 _("PDOK did not answer in time (“%s”). Try again later, or fetch fewer "
                   "gemeenten at once."), service);
  else if (contains_ci (failure, "HTTP error code"))
    g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_HTTP,
                 _("PDOK refused the request (“%s”): %s. Check the address of the service "
                   "and the year."), service, failure);
  else if (reading && failure[0] != '\0')
    g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_TRUNCATED,
                 _("PDOK sent an incomplete answer (“%s”): %s. Nothing was written; "
                   "try again."), service, failure);
  else
    g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_UNREACHABLE,
                 _("PDOK is not reachable (“%s”): %s. Check the internet connection; "
                   "gemeenten fetched before can be used offline from the cache."),
                 service, failure[0] != '\0' ? failure : _("no answer"));
}

static GPtrArray *
field_names (OGRFeatureDefnH defn)
{
  GPtrArray *names = g_ptr_array_new_null_terminated (16, g_free, TRUE);

  for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
    g_ptr_array_add (names, g_strdup (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i))));
  return names;
}

static char *
detect (GPtrArray   *names,
        WkFieldRole  role,
        gboolean    *is_share)
{
  return wk_detect_role_field ((const char * const *) names->pdata, role, NULL, is_share);
}

static char *
equality_filter (const char *field,
                 const char *value)
{
  g_autofree char *escaped = NULL;
  g_auto(GStrv) parts = g_strsplit (value, "'", -1);

  escaped = g_strjoinv ("''", parts);
  return g_strdup_printf ("\"%s\" = '%s'", field, escaped);
}

static OGRLayerH
create_layer (GDALDatasetH    out,
              const char     *name,
              OGRFeatureDefnH like,
              const char     *extra_field,
              const char     *description,
              GError        **error)
{
  OGRLayerH layer = _wk_gpkg_create_layer (out, name, wkbMultiPolygon, description, error);

  if (layer == NULL)
    return NULL;
  for (int i = 0; i < OGR_FD_GetFieldCount (like); i++)
    OGR_L_CreateField (layer, OGR_FD_GetFieldDefn (like, i), TRUE);
  if (extra_field != NULL)
    wk_ogr_add_field (layer, extra_field, OFTInteger64);
  return layer;
}

typedef struct
{
  const char     *service;
  const char     *code;
  OGRLayerH       buurten;
  OGRLayerH       gemeenten;
  char           *pop_field;
  char           *pop65_field;
  gboolean        pop65_is_share;
} Download;

/* Numbers below zero are CBS codes for secret or unknown figures: they are
 * written as empty, so nobody adds them up. */
static guint
clear_secret_values (OGRFeatureH f)
{
  guint n = 0;

  for (int i = 0; i < OGR_F_GetFieldCount (f); i++)
    {
      OGRFieldType type = OGR_Fld_GetType (OGR_F_GetFieldDefnRef (f, i));

      if ((type == OFTInteger || type == OFTInteger64 || type == OFTReal) &&
          OGR_F_IsFieldSetAndNotNull (f, i) && OGR_F_GetFieldAsDouble (f, i) < 0)
        {
          OGR_F_SetFieldNull (f, i);
          n++;
        }
    }
  return n;
}

/* Copies @src into @dst by field name, with its geometry in RD New as a
 * multipolygon; a buurt's secret values become empty and its 65-plussers,
 * served as a share, a rounded count. */
static gboolean
copy_feature (OGRLayerH                    dst,
              OGRFeatureH                  src,
              OGRCoordinateTransformationH ct,
              const Download              *dl,
              OGREnvelope                 *extent,
              GError                     **error)
{
  g_auto(OGRFeatureH) f = OGR_F_Create (OGR_L_GetLayerDefn (dst));
  OGRGeometryH geom;

  OGR_F_SetFrom (f, src, TRUE);
  geom = OGR_F_StealGeometry (f);
  if (geom != NULL)
    {
      if (extent != NULL)
        {
          OGREnvelope env;

          OGR_G_GetEnvelope (geom, &env);
          extent->MinX = MIN (extent->MinX, env.MinX);
          extent->MinY = MIN (extent->MinY, env.MinY);
          extent->MaxX = MAX (extent->MaxX, env.MaxX);
          extent->MaxY = MAX (extent->MaxY, env.MaxY);
        }
      if (ct != NULL)
        OGR_G_Transform (geom, ct);
      OGR_F_SetGeometryDirectly (f, OGR_G_ForceToMultiPolygon (geom));
    }
  if (dl != NULL)
    {
      int i_pop = dl->pop_field ? OGR_F_GetFieldIndex (f, dl->pop_field) : -1;
      int i_65 = dl->pop65_field ? OGR_F_GetFieldIndex (f, dl->pop65_field) : -1;
      int i_count = OGR_F_GetFieldIndex (f, POP65_COUNT_FIELD);

      clear_secret_values (f);
      if (dl->pop65_is_share && i_count >= 0 && i_pop >= 0 && i_65 >= 0 &&
          OGR_F_IsFieldSetAndNotNull (f, i_pop) && OGR_F_IsFieldSetAndNotNull (f, i_65))
        OGR_F_SetFieldInteger64 (f, i_count,
                                 (GIntBig) round (OGR_F_GetFieldAsInteger64 (f, i_pop) *
                                                  OGR_F_GetFieldAsDouble (f, i_65) / 100.0));
    }
  if (OGR_L_CreateFeature (dst, f) != OGRERR_NONE)
    {
      g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_WRITE,
                   _("A feature could not be written: %s"), CPLGetLastErrorMsg ());
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------- download */


static gboolean
check_schema (Download         *dl,
              char            **gm_field_buurten,
              char            **gm_field_gemeenten,
              GError          **error)
{
  g_autoptr(GPtrArray) names = field_names (OGR_L_GetLayerDefn (dl->buurten));
  g_autoptr(GPtrArray) gm_names = field_names (OGR_L_GetLayerDefn (dl->gemeenten));
  g_autofree char *code = detect (names, WK_ROLE_CODE, NULL);

  dl->pop_field = detect (names, WK_ROLE_POPULATION, NULL);
  dl->pop65_field = detect (names, WK_ROLE_POP65, &dl->pop65_is_share);
  *gm_field_buurten = detect (names, WK_ROLE_GM_CODE, NULL);
  *gm_field_gemeenten = detect (gm_names, WK_ROLE_GM_CODE, NULL);
  if (dl->pop_field == NULL)
    {
      g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_SCHEMA,
                   _("The buurten of “%s” have no population field (such as "
                     "aantal_inwoners). Check the address of the service and the year."),
                   dl->service);
      return FALSE;
    }
  if (code == NULL || *gm_field_buurten == NULL || *gm_field_gemeenten == NULL)
    {
      g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_SCHEMA,
                   _("The buurten or gemeenten of “%s” have no code field (such as buurtcode "
                     "and gemeentecode). Check the address of the service and the year."),
                   dl->service);
      return FALSE;
    }
  return TRUE;
}

/* Reads the gemeente's features of @src into @dst; the failure text of
 * GDAL tells a broken page from the end of the data. */
static gboolean
read_layer (Download                     *dl,
            OGRLayerH                     src,
            OGRLayerH                     dst,
            OGRCoordinateTransformationH  ct,
            gboolean                      are_buurten,
            OGREnvelope                  *extent,
            GCancellable                 *cancellable,
            GError                      **error)
{
  g_autoptr(GString) failure = g_string_new (NULL);
  OGRFeatureH f;
  guint n = 0;
  gboolean ok = TRUE;

  wk_gdal_push_capture (failure);
  OGR_L_ResetReading (src);
  while (ok && !g_cancellable_is_cancelled (cancellable) &&
         (f = OGR_L_GetNextFeature (src)) != NULL)
    {
      g_auto(OGRFeatureH) in = f;

      ok = copy_feature (dst, in, ct, are_buurten ? dl : NULL, extent, error);
      n++;
    }
  wk_gdal_pop_capture ();

  if (!ok || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (failure->len > 0)
    {
      set_service_error (error, dl->service, failure->str, TRUE);
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_NOT_FOUND,
                   _("“%s” has no %s for the gemeente %s. Check the code and the year: "
                     "gemeenten merge and change their codes."),
                   dl->service, are_buurten ? LAYER_BUURTEN : LAYER_GEMEENTEN, dl->code);
      return FALSE;
    }
  return TRUE;
}

static gboolean
download_gemeente (const WkPdokOptions *options,
                   const char          *service,
                   const char          *code,
                   const char          *cache_path,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autofree char *conn = g_strdup_printf ("OAPIF:%s", service);
  g_autofree char *page = g_strdup_printf ("PAGE_SIZE=%u", options->page_size ? options->page_size
                                                                             : DEFAULT_PAGE_SIZE);
  g_autofree char *part = _wk_gpkg_part_path (cache_path);
  g_autofree char *gm_field_b = NULL;
  g_autofree char *gm_field_g = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GString) failure = g_string_new (NULL);
  g_auto(GDALDatasetH) ds = NULL;
  g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
  g_auto(OGRSpatialReferenceH) wgs84 = wk_gdal_srs_new_epsg (4326);
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  const char *open_options[] = { page, NULL };
  const char *drivers[] = { "OAPIF", NULL };
  Download dl = { service, code, NULL, NULL, NULL, NULL, FALSE };
  GDALDatasetH out;
  OGRLayerH out_b, out_g;
  OGREnvelope env = { G_MAXDOUBLE, -G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE };
  gboolean ok;

  wk_gdal_push_capture (failure);
  ds = GDALOpenEx (conn, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                   drivers, open_options, NULL);
  wk_gdal_pop_capture ();
  if (ds == NULL)
    {
      set_service_error (error, service, failure->str, FALSE);
      return FALSE;
    }
  dl.buurten = GDALDatasetGetLayerByName (ds, LAYER_BUURTEN);
  dl.gemeenten = GDALDatasetGetLayerByName (ds, LAYER_GEMEENTEN);
  if (dl.buurten == NULL || dl.gemeenten == NULL)
    {
      g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_SCHEMA,
                   _("“%s” has no collections “buurten” and “gemeenten”. Check the address "
                     "of the service: it is CBS Wijken en Buurten at PDOK."), service);
      return FALSE;
    }
  /* GDAL reads a first page of each collection for its schema here */
  wk_gdal_push_capture (failure);
  ok = check_schema (&dl, &gm_field_b, &gm_field_g, error);
  wk_gdal_pop_capture ();
  if (!ok)
    {
      if (failure->len > 0)
        {
          g_clear_error (error);
          set_service_error (error, service, failure->str, TRUE);
        }
      g_free (dl.pop_field);
      g_free (dl.pop65_field);
      return FALSE;
    }

  /* OGC API Features serves lon/lat (CRS84); the cache is in RD New. */
  ct = OCTNewCoordinateTransformation (wgs84, rd);
  description = g_strdup_printf ("CBS Wijken en Buurten, %s. Bron: CBS, Kadaster (CC BY 4.0).",
                                 service);
  out = _wk_gpkg_create (part, cache_path, error);
  ok = out != NULL;
  out_b = ok ? create_layer (out, LAYER_BUURTEN, OGR_L_GetLayerDefn (dl.buurten),
                             dl.pop65_is_share ? POP65_COUNT_FIELD : NULL, description, error)
             : NULL;
  out_g = out_b ? create_layer (out, LAYER_GEMEENTEN, OGR_L_GetLayerDefn (dl.gemeenten), NULL,
                                description, error)
                : NULL;
  ok = out_g != NULL;

  /* The gemeente first: its bounding box narrows the buurten on the server
   * even where the code is no queryable there. */
  filter = equality_filter (gm_field_g, code);
  if (ok)
    {
      OGR_L_SetAttributeFilter (dl.gemeenten, filter);
      ok = read_layer (&dl, dl.gemeenten, out_g, ct, FALSE, &env, cancellable, error);
    }
  if (ok)
    {
      g_free (filter);
      filter = equality_filter (gm_field_b, code);
      OGR_L_SetSpatialFilterRect (dl.buurten, env.MinX, env.MinY, env.MaxX, env.MaxY);
      OGR_L_SetAttributeFilter (dl.buurten, filter);
      ok = read_layer (&dl, dl.buurten, out_b, ct, TRUE, NULL, cancellable, error);
    }
  g_free (dl.pop_field);
  g_free (dl.pop65_field);
  if (out == NULL)
    return FALSE;
  if (!ok)
    {
      _wk_gpkg_abandon (out, part);
      return FALSE;
    }
  return _wk_gpkg_commit (out, part, cache_path, error);
}

/* ------------------------------------------------------------- output */

static gboolean
append_layer (GDALDatasetH  out,
              GDALDatasetH  cached,
              const char   *name,
              const char   *description,
              GError      **error)
{
  OGRLayerH src = GDALDatasetGetLayerByName (cached, name);
  OGRLayerH dst = GDALDatasetGetLayerByName (out, name);
  OGRFeatureH f;

  if (src == NULL)
    {
      g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_WRITE,
                   _("The cache has no layer “%s”. Fetch again with --refresh."), name);
      return FALSE;
    }
  if (dst == NULL &&
      (dst = create_layer (out, name, OGR_L_GetLayerDefn (src), NULL, description, error)) == NULL)
    return FALSE;
  OGR_L_ResetReading (src);
  while ((f = OGR_L_GetNextFeature (src)) != NULL)
    {
      g_auto(OGRFeatureH) in = f;

      if (!copy_feature (dst, in, NULL, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_output (GPtrArray   *cache_paths,
              const char  *service,
              const char  *output,
              GError     **error)
{
  g_autofree char *part = _wk_gpkg_part_path (output);
  g_autofree char *description = g_strdup_printf (
    "CBS Wijken en Buurten via PDOK (%s). Bron: CBS, Kadaster (CC BY 4.0).", service);
  const char *layers[] = { LAYER_BUURTEN, LAYER_GEMEENTEN };
  GDALDatasetH out = _wk_gpkg_create (part, output, error);

  if (out == NULL)
    return FALSE;
  for (guint l = 0; l < G_N_ELEMENTS (layers); l++)
    for (guint i = 0; i < cache_paths->len; i++)
      {
        g_auto(GDALDatasetH) cached = GDALOpenEx (g_ptr_array_index (cache_paths, i),
                                                  GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                  NULL, NULL, NULL);

        if (cached == NULL ||
            !append_layer (out, cached, layers[l], description, error))
          {
            if (cached == NULL)
              g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_WRITE,
                           _("The cache file “%s” cannot be read. Fetch again with --refresh."),
                           (char *) g_ptr_array_index (cache_paths, i));
            _wk_gpkg_abandon (out, part);
            return FALSE;
          }
      }
  return _wk_gpkg_commit (out, part, output, error);
}

/* Fills a report entry from a cached file: its date, and the figures. */
static void
describe_cached (const char     *path,
                 WkPdokGemeente *report)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_auto(GDALDatasetH) ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH buurten = ds ? GDALDatasetGetLayerByName (ds, LAYER_BUURTEN) : NULL;
  OGRLayerH gemeenten = ds ? GDALDatasetGetLayerByName (ds, LAYER_GEMEENTEN) : NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *pop = NULL;
  OGRFeatureH f;

  if (info != NULL)
    report->fetched = g_file_info_get_modification_date_time (info);
  if (buurten == NULL || gemeenten == NULL)
    return;
  names = field_names (OGR_L_GetLayerDefn (buurten));
  pop = detect (names, WK_ROLE_POPULATION, NULL);
  OGR_L_ResetReading (buurten);
  while ((f = OGR_L_GetNextFeature (buurten)) != NULL)
    {
      int i = pop ? OGR_F_GetFieldIndex (f, pop) : -1;

      report->n_buurten++;
      if (i >= 0 && OGR_F_IsFieldSetAndNotNull (f, i))
        report->population += OGR_F_GetFieldAsInteger64 (f, i);
      else
        report->n_unknown++;
      OGR_F_Destroy (f);
    }
  g_clear_pointer (&names, g_ptr_array_unref);
  names = field_names (OGR_L_GetLayerDefn (gemeenten));
  g_clear_pointer (&pop, g_free);
  pop = detect (names, WK_ROLE_GM_NAME, NULL);
  OGR_L_ResetReading (gemeenten);
  if ((f = OGR_L_GetNextFeature (gemeenten)) != NULL)
    {
      int i = pop ? OGR_F_GetFieldIndex (f, pop) : -1;

      if (i >= 0)
        report->name = g_strdup (OGR_F_GetFieldAsString (f, i));
      OGR_F_Destroy (f);
    }
}

/* ------------------------------------------------------------- public API */

/**
 * wk_pdok_options_init:
 *
 * Sets @options to the defaults: PDOK's service of %WK_PDOK_DEFAULT_YEAR,
 * the user's cache.
 */
void
wk_pdok_options_init (WkPdokOptions *options)
{
  memset (options, 0, sizeof *options);
  options->year = WK_PDOK_DEFAULT_YEAR;
}

/**
 * _wk_pdok_default_service:
 *
 * Returns: (transfer full): the landing page of PDOK's CBS Wijken en
 *   Buurten of @year
 */
char *
_wk_pdok_default_service (int year)
{
  return g_strdup_printf ("https://api.pdok.nl/cbs/wijken-en-buurten-%d/ogc/v1", year);
}

/**
 * _wk_pdok_default_cache_dir:
 *
 * Returns: (transfer full): `$XDG_CACHE_HOME/wijkindeling/pdok`
 */
char *
_wk_pdok_default_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "wijkindeling", "pdok", NULL);
}

/**
 * wk_pdok_fetch:
 * @options: what to fetch
 * @output: the GeoPackage to write, with the layers `buurten` and `gemeenten`
 * @progress: (nullable): told about each gemeente
 *
 * Fetches the buurten and the boundary of each gemeente, from the cache
 * where it has them (unless @options asks to refresh), else from the
 * service, and writes them to @output.  @output is written whole or not at
 * all.  Runs in any thread; it blocks.
 *
 * Returns: (transfer full) (nullable): what was fetched, from where and when
 */
WkPdokReport *
wk_pdok_fetch (const WkPdokOptions *options,
               const char          *output,
               WkProgress          *progress,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(WkPdokReport) report = g_new0 (WkPdokReport, 1);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cache_root = options->cache_dir ? g_strdup (options->cache_dir)
                                                   : _wk_pdok_default_cache_dir ();
  g_autofree char *key = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *note = NULL;
  g_autofree char *note_text = NULL;
  guint n;

  g_return_val_if_fail (options->gemeenten != NULL && options->gemeenten[0] != NULL, NULL);

  report->service = options->service ? g_strdup (options->service)
                                     : _wk_pdok_default_service (options->year);
  while (g_str_has_suffix (report->service, "/"))
    report->service[strlen (report->service) - 1] = '\0';
  report->gemeenten = g_ptr_array_new_with_free_func (gemeente_report_free);

  /* one folder per service, so a test server or another year never mixes in */
  key = g_compute_checksum_for_string (G_CHECKSUM_SHA1, report->service, -1);
  key[12] = '\0';
  dir = g_build_filename (cache_root, key, NULL);
  note = g_build_filename (dir, "service.txt", NULL);
  note_text = g_strdup_printf ("%s\n", report->service);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (note, note_text, -1, NULL))
    {
      g_set_error (error, WK_PDOK_ERROR, WK_PDOK_ERROR_WRITE,
                   _("The cache folder “%s” cannot be written. Check the free disk space."), dir);
      return NULL;
    }

  n = g_strv_length ((GStrv) options->gemeenten);
  set_http_options (options->timeout_s ? options->timeout_s : DEFAULT_TIMEOUT_S);
  for (guint i = 0; i < n; i++)
    {
      const char *code = options->gemeenten[i];
      g_autofree char *file = g_strdup_printf ("%s.gpkg", code);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      WkPdokGemeente *g = g_new0 (WkPdokGemeente, 1);

      g->code = g_strdup (code);
      g_ptr_array_add (report->gemeenten, g);
      if (progress != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Fetching the buurten of %s…"), code);

          wk_progress_update (progress, (double) i / n, text);
        }
      g->from_cache = !options->refresh && g_file_test (path, G_FILE_TEST_IS_REGULAR);
      if (!g->from_cache &&
          !download_gemeente (options, report->service, code, path, cancellable, error))
        {
          clear_http_options ();
          return NULL;
        }
      describe_cached (path, g);
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  clear_http_options ();

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !write_output (paths, report->service, output, error))
    return NULL;
  if (progress != NULL)
    wk_progress_update (progress, 1.0, NULL);
  return g_steal_pointer (&report);
}

typedef struct
{
  WkPdokOptions  options;
  GStrv          gemeenten;
  char          *service;
  char          *cache_dir;
  char          *output;
  WkProgress    *progress;
} FetchTaskData;

static void
fetch_task_data_free (FetchTaskData *data)
{
  g_strfreev (data->gemeenten);
  g_free (data->service);
  g_free (data->cache_dir);
  g_free (data->output);
  g_clear_object (&data->progress);
  g_free (data);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchTaskData *data = task_data;
  GError *error = NULL;
  WkPdokReport *report;

  report = wk_pdok_fetch (&data->options, data->output, data->progress, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) wk_pdok_report_free);
}

/**
 * wk_pdok_fetch_async:
 *
 * Fetches on a worker thread; see wk_pdok_fetch().  After
 * g_cancellable_cancel() the finish function reports
 * %G_IO_ERROR_CANCELLED and @output is not written; the callback may come
 * when the request under way ends.
 */
void
wk_pdok_fetch_async (const WkPdokOptions *options,
                     const char          *output,
                     WkProgress          *progress,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  FetchTaskData *data = g_new0 (FetchTaskData, 1);

  data->options = *options;
  data->gemeenten = g_strdupv ((GStrv) options->gemeenten);
  data->service = g_strdup (options->service);
  data->cache_dir = g_strdup (options->cache_dir);
  data->options.gemeenten = (const char * const *) data->gemeenten;
  data->options.service = data->service;
  data->options.cache_dir = data->cache_dir;
  data->output = g_strdup (output);
  data->progress = progress ? g_object_ref (progress) : NULL;
  g_task_set_source_tag (task, wk_pdok_fetch_async);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_task_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, fetch_thread);
}

/**
 * wk_pdok_fetch_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
WkPdokReport *
wk_pdok_fetch_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
wk_pdok_report_free (WkPdokReport *report)
{
  if (report == NULL)
    return;
  g_free (report->service);
  g_clear_pointer (&report->gemeenten, g_ptr_array_unref);
  g_free (report);
}
