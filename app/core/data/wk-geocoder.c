/* wk-geocoder.c: addresses of a list placed through PDOK's Locatieserver, with a cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GDAL reads the list (CSV or XLSX) but has no geocoder for Dutch
 * addresses, so this asks the Locatieserver's /free itself, with libsoup
 * and json-glib: fq=postcode:…, fq=huisnummer:…, fq=type:adres, and takes
 * the centroide_rd of the address whose house number and addition match.
 * Answers, found or not, are kept in a cache file per service; requests
 * are spaced to at most a few per second, as PDOK asks of heavy users.
 */

#define G_LOG_DOMAIN "wk-geocoder"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-gdal-private.h"
#include "wk-geocoder.h"
#include "wk-gpkg-private.h"

#define DEFAULT_SERVICE "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
#define DEFAULT_RATE    5.0
#define DEFAULT_TIMEOUT 30
#define NOT_FOUND       "-"

G_DEFINE_QUARK (wk-geocoder-error-quark, wk_geocoder_error)

static const char *postcode_names[] = { "postcode", "pc6", "postcode6", "zip", NULL };
static const char *number_names[] = {
  "huisnummer", "huisnr", "nummer", "housenumber", "house_number", "nr", NULL
};
static const char *addition_names[] = {
  "toevoeging", "huisletter", "huisnummertoevoeging", "addition", "suffix", NULL
};

typedef struct
{
  SoupSession *session;
  const char  *service;
  GHashTable  *cache;        /* "3441AB|12|A" → "x y" or NOT_FOUND */
  FILE        *cache_out;
  gint64       last_request;
  gint64       interval_us;
  gboolean     refresh;
} Geocoder;

static void
miss_free (gpointer data)
{
  WkGeocodeMiss *m = data;

  g_free (m->address);
  g_free (m->reason);
  g_free (m);
}

static int
find_field (OGRFeatureDefnH  defn,
            const char     **names)
{
  for (guint n = 0; names[n] != NULL; n++)
    for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
      if (g_ascii_strcasecmp (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)), names[n]) == 0)
        return i;
  return -1;
}

/* "3441 ab" → "3441AB"; NULL unless it is a Dutch postcode. */
static char *
normalise_postcode (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, g_ascii_toupper (*p));
  if (s->len != 6 || s->str[0] == '0' || !g_ascii_isdigit (s->str[0]) ||
      !g_ascii_isdigit (s->str[1]) || !g_ascii_isdigit (s->str[2]) ||
      !g_ascii_isdigit (s->str[3]) || !g_ascii_isalpha (s->str[4]) ||
      !g_ascii_isalpha (s->str[5]))
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* "12", "a" → "12A": letters and digits only, upper case. */
static char *
house_key (gint64      number,
           const char *addition)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_printf (s, "%" G_GINT64_FORMAT, number);
  for (const char *p = addition ? addition : ""; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_toupper (*p));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
parse_point (const char *wkt,
             double     *x,
             double     *y)
{
  return wkt != NULL && sscanf (wkt, "POINT(%lf %lf)", x, y) == 2;
}

/* ----------------------------------------------------------- the cache */

static gboolean
open_cache (Geocoder                *g,
            const WkGeocodeOptions  *options,
            GError                 **error)
{
  g_autofree char *dir = options->cache_dir
    ? g_strdup (options->cache_dir)
    : g_build_filename (g_get_user_cache_dir (), "wijkindeling", "locatieserver", NULL);
  g_autofree char *key = g_compute_checksum_for_string (G_CHECKSUM_SHA1, g->service, -1);
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  key[12] = '\0';
  file = g_strdup_printf ("%s.tsv", key);
  path = g_build_filename (dir, file, NULL);
  g->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *tab = strchr (lines[i], '\t');

          if (tab != NULL)
            g_hash_table_replace (g->cache, g_strndup (lines[i], tab - lines[i]),
                                  g_strdup (tab + 1));
        }
    }
  if (g_mkdir_with_parents (dir, 0700) != 0 || (g->cache_out = fopen (path, "a")) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The cache folder “%s” cannot be written. Check the free disk space."), dir);
      return FALSE;
    }
  return TRUE;
}

static void
remember (Geocoder   *g,
          const char *key,
          const char *value)
{
  g_hash_table_replace (g->cache, g_strdup (key), g_strdup (value));
  fprintf (g->cache_out, "%s\t%s\n", key, value);
  fflush (g->cache_out);
}

/* ----------------------------------------------------------- the service */

static JsonNode *
ask (Geocoder      *g,
     const char    *postcode,
     gint64         number,
     GCancellable  *cancellable,
     GError       **error)
{
  g_autofree char *url = g_strdup_printf ("%s/free?q=%s%%20%" G_GINT64_FORMAT
                                          "&fq=postcode:%s&fq=huisnummer:%" G_GINT64_FORMAT
                                          "&fq=type:adres&rows=20"
                                          "&fl=huis_nlt,huisnummer,postcode,centroide_rd",
                                          g->service, postcode, number, postcode, number);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 wait;

  if (msg == NULL)
    {
      g_set_error (error, WK_GEOCODER_ERROR, WK_GEOCODER_ERROR_SERVICE,
                   _("“%s” is not a web address."), g->service);
      return NULL;
    }
  /* spaced out: at most the rate PDOK asks of heavy users */
  wait = g->last_request + g->interval_us - g_get_monotonic_time ();
  if (wait > 0)
    g_usleep (wait);
  g->last_request = g_get_monotonic_time ();

  soup_message_headers_append (soup_message_get_request_headers (msg), "Referer",
                               "https://github.com/wijkindeling/wijkindeling");
  body = soup_session_send_and_read (g->session, msg, cancellable, &local);
  if (body == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, WK_GEOCODER_ERROR, WK_GEOCODER_ERROR_SERVICE,
                     _("PDOK's Locatieserver is not reachable (“%s”): %s. Check the internet "
                       "connection; addresses looked up before are in the cache."),
                     g->service, local->message);
      return NULL;
    }
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_set_error (error, WK_GEOCODER_ERROR, WK_GEOCODER_ERROR_SERVICE,
                   _("PDOK's Locatieserver refused the request (“%s”): HTTP %u %s. Check the "
                     "address of the service."), g->service, soup_message_get_status (msg),
                   soup_message_get_reason_phrase (msg));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, WK_GEOCODER_ERROR, WK_GEOCODER_ERROR_SERVICE,
                   _("PDOK's Locatieserver sent an answer that cannot be read (“%s”). Try "
                     "again later."), g->service);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

/* The docs' address whose house number with addition is @house; without
 * an addition, the plain number. */
static gboolean
pick (JsonNode   *root,
      const char *house,
      double     *x,
      double     *y)
{
  JsonObject *response = json_object_get_object_member (json_node_get_object (root), "response");
  JsonArray *docs = response ? json_object_get_array_member (response, "docs") : NULL;

  for (guint i = 0; docs != NULL && i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);
      const char *nlt = doc ? json_object_get_string_member_with_default (doc, "huis_nlt", NULL)
                            : NULL;
      g_autofree char *key = nlt ? house_key (g_ascii_strtoll (nlt, NULL, 10),
                                              nlt + strspn (nlt, "0123456789"))
                                 : NULL;

      if (g_strcmp0 (key, house) == 0 &&
          parse_point (json_object_get_string_member_with_default (doc, "centroide_rd", NULL),
                       x, y))
        return TRUE;
    }
  return FALSE;
}

/* ----------------------------------------------------------- one row */

typedef enum { ROW_FOUND, ROW_MISSED, ROW_FAILED } RowResult;

static RowResult
place_row (Geocoder      *g,
           OGRFeatureH    f,
           int            i_pc,
           int            i_nr,
           int            i_add,
           double        *x,
           double        *y,
           gboolean      *from_cache,
           char         **reason,
           GCancellable  *cancellable,
           GError       **error)
{
  /* copies: OGR reuses one buffer for numbers as text */
  g_autofree char *raw_pc = g_strdup (OGR_F_GetFieldAsString (f, i_pc));
  g_autofree char *raw_nr = g_strdup (OGR_F_GetFieldAsString (f, i_nr));
  g_autofree char *addition = g_strdup (i_add >= 0 ? OGR_F_GetFieldAsString (f, i_add) : "");
  g_autofree char *postcode = normalise_postcode (raw_pc);
  g_autofree char *house = NULL;
  g_autofree char *key = NULL;
  g_autoptr(JsonNode) answer = NULL;
  const char *cached;
  char *end = NULL;
  gint64 number = g_ascii_strtoll (raw_nr, &end, 10);

  *from_cache = FALSE;
  if (postcode == NULL)
    {
      *reason = g_strdup_printf (_("“%s” is not a postcode such as 3441 AB"), raw_pc);
      return ROW_MISSED;
    }
  if (end == raw_nr || number <= 0)
    {
      *reason = g_strdup_printf (_("“%s” is not a house number"), raw_nr);
      return ROW_MISSED;
    }
  /* "12a" in the number column: the letters are the addition */
  house = house_key (number, *end != '\0' ? end : addition);
  key = g_strdup_printf ("%s|%s", postcode, house);
  cached = g->refresh ? NULL : g_hash_table_lookup (g->cache, key);
  if (cached != NULL)
    {
      *from_cache = TRUE;
      if (parse_point (cached, x, y))
        return ROW_FOUND;
      *reason = g_strdup (_("the Locatieserver does not know this address"));
      return ROW_MISSED;
    }
  if ((answer = ask (g, postcode, number, cancellable, error)) == NULL)
    return ROW_FAILED;
  if (pick (answer, house, x, y))
    {
      g_autofree char *point = g_strdup_printf ("POINT(%.3f %.3f)", *x, *y);

      remember (g, key, point);
      return ROW_FOUND;
    }
  remember (g, key, NOT_FOUND);
  *reason = g_strdup (_("the Locatieserver does not know this address"));
  return ROW_MISSED;
}

static char *
row_address (OGRFeatureH f,
             int         i_pc,
             int         i_nr,
             int         i_add)
{
  g_autoptr(GString) s = g_string_new (NULL);
  int fields[] = { i_pc, i_nr, i_add };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] >= 0 && OGR_F_IsFieldSetAndNotNull (f, fields[i]) &&
        *OGR_F_GetFieldAsString (f, fields[i]) != '\0')
      g_string_append_printf (s, "%s%s", s->len ? " " : "",
                              OGR_F_GetFieldAsString (f, fields[i]));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ----------------------------------------------------------- public API */

/**
 * wk_geocode_list:
 * @options: the list and the service
 * @output: the GeoPackage to write: the found rows as points in RD New,
 *   with all their columns, in the layer `points`
 *
 * Places each row of the list at its address.  Rows that cannot be placed
 * are in the report's missed list with their line numbers; they are never
 * dropped without a word.  @output is written whole or not at all.
 * Blocks; runs in any thread.
 *
 * Returns: (transfer full) (nullable): what was found and what not
 */
WkGeocodeReport *
wk_geocode_list (const WkGeocodeOptions *options,
                 const char             *output,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(WkGeocodeReport) report = g_new0 (WkGeocodeReport, 1);
  g_autofree char *display = wk_gdal_display_name (options->list_path);
  g_autofree char *part = _wk_gpkg_part_path (output);
  g_autofree char *agent = g_strdup_printf ("Wijkindeling/%s", PACKAGE_VERSION);
  g_autofree char *service = g_strdup (options->service ? options->service : DEFAULT_SERVICE);
  g_auto(GDALDatasetH) ds = NULL;
  Geocoder g = { 0 };
  OGRLayerH in, out_layer = NULL;
  OGRFeatureDefnH defn;
  OGRFeatureH f;
  GDALDatasetH out = NULL;
  int i_pc, i_nr, i_add;
  gboolean ok = TRUE;

  report->missed = g_ptr_array_new_with_free_func (miss_free);
  if ((ds = _wk_open_vector (options->list_path, NULL, error)) == NULL)
    return NULL;
  in = GDALDatasetGetLayer (ds, 0);
  defn = in ? OGR_L_GetLayerDefn (in) : NULL;
  i_pc = defn ? find_field (defn, postcode_names) : -1;
  i_nr = defn ? find_field (defn, number_names) : -1;
  i_add = defn ? find_field (defn, addition_names) : -1;
  if (i_pc < 0 || i_nr < 0)
    {
      g_set_error (error, WK_GEOCODER_ERROR, WK_GEOCODER_ERROR_INPUT,
                   _("“%s” has no columns “postcode” and “huisnummer”. Give the columns with "
                     "the postcode and the house number these names (an addition may be in "
                     "“toevoeging”)."), display);
      return NULL;
    }

  while (g_str_has_suffix (service, "/"))
    service[strlen (service) - 1] = '\0';
  g.service = service;
  g.refresh = options->refresh;
  g.interval_us = (gint64) (G_USEC_PER_SEC / (options->max_per_second > 0 ? options->max_per_second
                                                                           : DEFAULT_RATE));
  g.session = soup_session_new_with_options ("user-agent", agent,
                                             "timeout", options->timeout_s ? options->timeout_s
                                                                          : DEFAULT_TIMEOUT,
                                             NULL);
  ok = open_cache (&g, options, error);
  if (ok && (out = _wk_gpkg_create (part, output, error)) == NULL)
    ok = FALSE;
  if (ok && (out_layer = _wk_gpkg_create_layer (out, "points", wkbPoint,
                                                "Bron adressen: PDOK Locatieserver (BAG, "
                                                "Kadaster, CC0)", error)) == NULL)
    ok = FALSE;
  for (int i = 0; ok && i < OGR_FD_GetFieldCount (defn); i++)
    OGR_L_CreateField (out_layer, OGR_FD_GetFieldDefn (defn, i), TRUE);

  OGR_L_ResetReading (in);
  while (ok && (f = OGR_L_GetNextFeature (in)) != NULL)
    {
      g_auto(OGRFeatureH) row = f;
      g_autofree char *reason = NULL;
      double x = 0, y = 0;
      gboolean from_cache;
      RowResult result;

      report->n_rows++;
      result = place_row (&g, row, i_pc, i_nr, i_add, &x, &y, &from_cache, &reason,
                          cancellable, error);
      if (result == ROW_FAILED)
        ok = FALSE;
      else if (result == ROW_MISSED)
        {
          WkGeocodeMiss *miss = g_new0 (WkGeocodeMiss, 1);

          /* GDAL numbers the data rows from 1; the header is line 1 */
          miss->line = (guint) OGR_F_GetFID (row) + 1;
          miss->address = row_address (row, i_pc, i_nr, i_add);
          miss->reason = g_steal_pointer (&reason);
          g_ptr_array_add (report->missed, miss);
        }
      else
        {
          g_auto(OGRFeatureH) point = OGR_F_Create (OGR_L_GetLayerDefn (out_layer));
          OGRGeometryH geom = OGR_G_CreateGeometry (wkbPoint);

          OGR_F_SetFrom (point, row, TRUE);
          OGR_G_SetPoint_2D (geom, 0, x, y);
          OGR_F_SetGeometryDirectly (point, geom);
          if (OGR_L_CreateFeature (out_layer, point) != OGRERR_NONE)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("A feature could not be written: %s"), CPLGetLastErrorMsg ());
              ok = FALSE;
            }
          report->n_found++;
        }
      if (from_cache)
        report->n_from_cache++;
    }

  g_clear_object (&g.session);
  g_clear_pointer (&g.cache, g_hash_table_unref);
  if (g.cache_out != NULL)
    fclose (g.cache_out);
  if (!_wk_gpkg_finish (out, part, output, ok, error))
    return NULL;
  return g_steal_pointer (&report);
}

void
wk_geocode_report_free (WkGeocodeReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->missed, g_ptr_array_unref);
  g_free (report);
}
