/* wk-test-server.c: PDOK stood in by a server on 127.0.0.1, for tests without the internet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GLib SoupServer in a thread of its own (the test blocks while the CLI
 * runs) serves two PDOK services from the shared CBS data:
 *
 * - CBS Wijken en Buurten as OGC API Features under /<mode>/: landing page,
 *   conformance, collections, queryables, an OpenAPI document and items
 *   pages with `next` links and no numberMatched, as PDOK does, with PDOK's
 *   snake_case field names.  The buurten of Woerden and Montfoort, and both
 *   gemeenten.  Modes: `ok`; `nopop` (no population field); `truncated`
 *   (the second items page cut short); `slow` (items answer after 3 s).
 * - The Locatieserver's /free under /locatieserver/search/v3_1/free, for
 *   the addresses a test adds, in its documented JSON form.
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <gdal.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <ogr_api.h>
#include <string.h>

#include "wk-test-server.h"
#include "wk-test-util.h"

typedef struct
{
  char        *collection;   /* "buurten" or "gemeenten" */
  char        *gm_code;
  JsonObject  *properties;
  char        *geometry;     /* GeoJSON text */
  OGREnvelope  env;
} Feature;

typedef struct
{
  char   *postcode;
  int     huisnummer;
  char   *toevoeging;
  double  x, y;
} Address;

struct _WkTestServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  guint         port;
  guint         page_size;
  GPtrArray    *features;    /* Feature */
  GPtrArray    *addresses;   /* Address */
  GPtrArray    *requests;    /* "path?query", guarded by lock */
  char         *user_agent;  /* of the last request, guarded by lock */
  char         *referer;
  GMutex        lock;
  GCond         started;
  gboolean      ready;
};

static void
feature_free (gpointer data)
{
  Feature *f = data;

  g_free (f->collection);
  g_free (f->gm_code);
  json_object_unref (f->properties);
  g_free (f->geometry);
  g_free (f);
}

static void
address_free (gpointer data)
{
  Address *a = data;

  g_free (a->postcode);
  g_free (a->toevoeging);
  g_free (a);
}

/* ----------------------------------------------------------- the data */

static int
gemeente_share_65 (const char *gm_code)
{
  g_autofree char *path = wk_test_shared_data ("cbs-gemeenten/gemeenten_2019.geojson");
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  g_autofree char *where = g_strdup_printf ("GM_CODE = '%s'", gm_code);
  OGRFeatureH f;
  int share;

  OGR_L_SetAttributeFilter (layer, where);
  f = OGR_L_GetNextFeature (layer);
  g_assert_nonnull (f);
  share = OGR_F_GetFieldAsInteger (f, OGR_F_GetFieldIndex (f, "P_65_EO_JR"));
  OGR_F_Destroy (f);
  GDALClose (ds);
  return share;
}

static void
add_features (WkTestServer *self,
              const char   *relative,
              const char   *collection,
              const char   *gm_code)
{
  g_autofree char *path = wk_test_shared_data (relative);
  g_autofree char *where = g_strdup_printf ("GM_CODE = '%s'", gm_code);
  int share = gemeente_share_65 (gm_code);
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  OGRFeatureH f;

  OGR_L_SetAttributeFilter (layer, where);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      Feature *feature = g_new0 (Feature, 1);
      JsonObject *p = json_object_new ();
      int i_pop = OGR_F_GetFieldIndex (f, "AANT_INW");
      gboolean buurten = g_str_equal (collection, "buurten");

      feature->collection = g_strdup (collection);
      feature->gm_code = g_strdup (gm_code);
      if (buurten)
        {
          const char *code = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "BU_CODE"));
          g_autofree char *wijk = g_strdup_printf ("WK%.6s", code + 2);

          json_object_set_string_member (p, "buurtcode", code);
          json_object_set_string_member (p, "buurtnaam", OGR_F_GetFieldAsString (
                                           f, OGR_F_GetFieldIndex (f, "BU_NAAM")));
          json_object_set_string_member (p, "wijkcode", wijk);
        }
      json_object_set_string_member (p, "gemeentecode", gm_code);
      json_object_set_string_member (p, "gemeentenaam", OGR_F_GetFieldAsString (
                                       f, OGR_F_GetFieldIndex (f, "GM_NAAM")));
      if (OGR_F_IsFieldSetAndNotNull (f, i_pop))
        {
          gint64 pop = OGR_F_GetFieldAsInteger64 (f, i_pop);

          json_object_set_int_member (p, "aantal_inwoners", pop);
          /* CBS keeps the age shares of very small buurten secret */
          json_object_set_int_member (p, "percentage_personen_65_jaar_en_ouder",
                                      buurten && pop < 50 ? -99997 : share);
        }
      else
        json_object_set_null_member (p, "aantal_inwoners");
      feature->properties = p;
      feature->geometry = OGR_G_ExportToJson (OGR_F_GetGeometryRef (f));
      OGR_G_GetEnvelope (OGR_F_GetGeometryRef (f), &feature->env);
      g_ptr_array_add (self->features, feature);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
}

/* ----------------------------------------------------------- responses */

static void
reply_json (SoupServerMessage *msg,
            const char        *type,
            char              *body)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static char *
base_url (WkTestServer *self,
          const char   *mode)
{
  return g_strdup_printf ("http://127.0.0.1:%u/%s", self->port, mode);
}

static void
add_link (JsonBuilder *b,
          const char  *href,
          const char  *rel,
          const char  *type)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "href");
  json_builder_add_string_value (b, href);
  json_builder_set_member_name (b, "rel");
  json_builder_add_string_value (b, rel);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_end_object (b);
}

static char *
builder_text (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  return json_to_string (root, FALSE);
}

static char *
landing_page (const char *base)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *conf = g_strdup_printf ("%s/conformance", base);
  g_autofree char *data = g_strdup_printf ("%s/collections", base);
  g_autofree char *api = g_strdup_printf ("%s/api", base);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, "CBS Wijken en Buurten (test)");
  json_builder_set_member_name (b, "links");
  json_builder_begin_array (b);
  add_link (b, base, "self", "application/json");
  add_link (b, conf, "conformance", "application/json");
  add_link (b, data, "data", "application/json");
  add_link (b, api, "service-desc", "application/vnd.oai.openapi+json;version=3.0");
  json_builder_end_array (b);
  json_builder_end_object (b);
  return builder_text (b);
}

static void
add_collection (JsonBuilder *b,
                const char  *base,
                const char  *id)
{
  g_autofree char *items = g_strdup_printf ("%s/collections/%s/items", base, id);
  g_autofree char *queryables = g_strdup_printf ("%s/collections/%s/queryables", base, id);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "extent");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "spatial");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "bbox");
  json_builder_begin_array (b);
  json_builder_begin_array (b);
  json_builder_add_double_value (b, 3.2);
  json_builder_add_double_value (b, 50.7);
  json_builder_add_double_value (b, 7.3);
  json_builder_add_double_value (b, 53.6);
  json_builder_end_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "links");
  json_builder_begin_array (b);
  add_link (b, items, "items", "application/geo+json");
  add_link (b, queryables, "http://www.opengis.net/def/rel/ogc/1.0/queryables",
            "application/schema+json");
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static char *
collections (const char *base,
             const char *only)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (only != NULL)
    {
      add_collection (b, base, only);
      return builder_text (b);
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "links");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "collections");
  json_builder_begin_array (b);
  add_collection (b, base, "buurten");
  add_collection (b, base, "gemeenten");
  json_builder_end_array (b);
  json_builder_end_object (b);
  return builder_text (b);
}

/* The OpenAPI document: the items paths with gemeentecode as a parameter. */
static char *
openapi (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *ids[] = { "buurten", "gemeenten" };
  const char *params[] = { "bbox", "limit", "cursor", "gemeentecode" };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "openapi");
  json_builder_add_string_value (b, "3.0.3");
  json_builder_set_member_name (b, "info");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, "CBS Wijken en Buurten (test)");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, "1.0.0");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "paths");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *path = g_strdup_printf ("/collections/%s/items", ids[i]);

      json_builder_set_member_name (b, path);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "get");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "parameters");
      json_builder_begin_array (b);
      for (guint p = 0; p < G_N_ELEMENTS (params); p++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, params[p]);
          json_builder_set_member_name (b, "in");
          json_builder_add_string_value (b, "query");
          json_builder_set_member_name (b, "schema");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, "string");
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  return builder_text (b);
}

static char *
queryables (void)
{
  return g_strdup ("{\"type\":\"object\",\"title\":\"queryables\",\"properties\":"
                   "{\"gemeentecode\":{\"type\":\"string\",\"title\":\"gemeentecode\"}}}");
}

static gboolean
feature_matches (Feature    *f,
                 const char *collection,
                 GHashTable *query)
{
  const char *gm = query ? g_hash_table_lookup (query, "gemeentecode") : NULL;
  const char *bbox = query ? g_hash_table_lookup (query, "bbox") : NULL;

  if (!g_str_equal (f->collection, collection) || (gm != NULL && !g_str_equal (gm, f->gm_code)))
    return FALSE;
  if (bbox != NULL)
    {
      g_auto(GStrv) v = g_strsplit (bbox, ",", -1);

      g_assert_cmpuint (g_strv_length (v), ==, 4);
      if (f->env.MaxX < g_ascii_strtod (v[0], NULL) || f->env.MinX > g_ascii_strtod (v[2], NULL) ||
          f->env.MaxY < g_ascii_strtod (v[1], NULL) || f->env.MinY > g_ascii_strtod (v[3], NULL))
        return FALSE;
    }
  return TRUE;
}

static char *
next_link (const char *base,
           const char *collection,
           GHashTable *query,
           guint       cursor)
{
  g_autoptr(GString) url = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_string_printf (url, "%s/collections/%s/items?f=json&cursor=%u", base, collection, cursor);
  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_str_equal (key, "cursor") && !g_str_equal (key, "f"))
          {
            g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

            g_string_append_printf (url, "&%s=%s", (char *) key, escaped);
          }
    }
  return g_string_free (g_steal_pointer (&url), FALSE);
}

/* One page of items; the buurten properties without a population field in
 * the `nopop` mode. */
static char *
items (WkTestServer *self,
       const char   *base,
       const char   *mode,
       const char   *collection,
       GHashTable   *query,
       guint         cursor)
{
  g_autoptr(GString) out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint limit = limit_text ? (guint) g_ascii_strtoull (limit_text, NULL, 10) : self->page_size;
  guint n_match = 0, n_out = 0;

  limit = MIN (limit, self->page_size);
  for (guint i = 0; i < self->features->len; i++)
    {
      Feature *f = g_ptr_array_index (self->features, i);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *props = NULL;

      if (!feature_matches (f, collection, query))
        continue;
      if (n_match++ < cursor || n_out >= limit)
        continue;
      node = json_node_init_object (json_node_alloc (), f->properties);
      props = json_to_string (node, FALSE);
      if (g_str_equal (mode, "nopop"))
        {
          char *at = strstr (props, "\"aantal_inwoners\"");

          if (at != NULL)
            memcpy (at + 1, "aantal_xxxxxxxx", 15);
        }
      g_string_append_printf (out, "%s{\"type\":\"Feature\",\"id\":%u,\"geometry\":%s,"
                              "\"properties\":%s}", n_out ? "," : "", i + 1, f->geometry, props);
      n_out++;
    }
  g_string_append_printf (out, "],\"numberReturned\":%u,\"timeStamp\":\"2026-12-03T10:00:00Z\","
                          "\"links\":[", n_out);
  if (cursor + n_out < n_match)
    {
      g_autofree char *next = next_link (base, collection, query, cursor + n_out);
      g_autofree char *escaped = g_strescape (next, NULL);

      g_string_append_printf (out, "{\"href\":\"%s\",\"rel\":\"next\","
                              "\"type\":\"application/geo+json\"}", escaped);
    }
  g_string_append (out, "]}");
  if (g_str_equal (mode, "truncated") && cursor > 0)
    g_string_truncate (out, out->len / 2);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Locatieserver /free: the fq filters on postcode, huisnummer and type. */
static char *
locatieserver (WkTestServer *self,
               const char   *raw_query)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_auto(GStrv) pairs = g_strsplit (raw_query ? raw_query : "", "&", -1);
  g_autofree char *postcode = NULL;
  int huisnummer = -1;
  guint n = 0;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_autofree char *pair = g_uri_unescape_string (pairs[i], NULL);

      if (g_str_has_prefix (pair, "fq=postcode:"))
        postcode = g_strdup (pair + strlen ("fq=postcode:"));
      else if (g_str_has_prefix (pair, "fq=huisnummer:"))
        huisnummer = atoi (pair + strlen ("fq=huisnummer:"));
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "response");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, 0);
  json_builder_set_member_name (b, "docs");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->addresses->len; i++)
    {
      Address *a = g_ptr_array_index (self->addresses, i);
      g_autofree char *rd = NULL;
      g_autofree char *nlt = NULL;

      if (g_strcmp0 (a->postcode, postcode) != 0 || a->huisnummer != huisnummer)
        continue;
      rd = g_strdup_printf ("POINT(%.3f %.3f)", a->x, a->y);
      nlt = g_strdup_printf ("%d%s", a->huisnummer, a->toevoeging ? a->toevoeging : "");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "adres");
      json_builder_set_member_name (b, "weergavenaam");
      json_builder_add_string_value (b, "Teststraat");
      json_builder_set_member_name (b, "postcode");
      json_builder_add_string_value (b, a->postcode);
      json_builder_set_member_name (b, "huisnummer");
      json_builder_add_int_value (b, a->huisnummer);
      if (a->toevoeging != NULL)
        {
          json_builder_set_member_name (b, "huisletter");
          json_builder_add_string_value (b, a->toevoeging);
        }
      json_builder_set_member_name (b, "huis_nlt");
      json_builder_add_string_value (b, nlt);
      json_builder_set_member_name (b, "centroide_rd");
      json_builder_add_string_value (b, rd);
      json_builder_end_object (b);
      n++;
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "numFound");
  json_builder_add_int_value (b, n);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return builder_text (b);
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  WkTestServer *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", -1);
  guint n = g_strv_length (parts);
  g_autofree char *base = NULL;
  const char *mode = n > 0 ? parts[0] : "";
  const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, g_strdup_printf ("%s?%s", path, g_uri_get_query (uri) ?: ""));
  g_free (self->user_agent);
  g_free (self->referer);
  self->user_agent = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "User-Agent"));
  self->referer = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Referer"));
  g_mutex_unlock (&self->lock);

  if (g_str_equal (mode, "locatieserver") && g_str_has_suffix (path, "/free"))
    {
      reply_json (msg, "application/json", locatieserver (self, g_uri_get_query (uri)));
      return;
    }
  if (!g_strv_contains ((const char * const[]) { "ok", "nopop", "truncated", "slow", NULL }, mode))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  base = base_url (self, mode);
  if (n == 1 || (n == 2 && parts[1][0] == '\0'))
    reply_json (msg, "application/json", landing_page (base));
  else if (n == 2 && g_str_equal (parts[1], "conformance"))
    reply_json (msg, "application/json", g_strdup (
      "{\"conformsTo\":[\"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core\","
      "\"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson\","
      "\"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30\"]}"));
  else if (n == 2 && g_str_equal (parts[1], "api"))
    reply_json (msg, "application/vnd.oai.openapi+json;version=3.0", openapi ());
  else if (n == 2 && g_str_equal (parts[1], "collections"))
    reply_json (msg, "application/json", collections (base, NULL));
  else if (n == 3 && g_str_equal (parts[1], "collections"))
    reply_json (msg, "application/json", collections (base, parts[2]));
  else if (n == 4 && g_str_equal (parts[3], "queryables"))
    reply_json (msg, "application/schema+json", queryables ());
  else if (n == 4 && g_str_equal (parts[3], "items"))
    {
      if (g_str_equal (mode, "slow"))
        g_usleep (3 * G_USEC_PER_SEC);
      reply_json (msg, "application/geo+json",
                  items (self, base, mode, parts[2], query,
                         cursor ? (guint) g_ascii_strtoull (cursor, NULL, 10) : 0));
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

/* ----------------------------------------------------------- the thread */

static gpointer
serve (gpointer data)
{
  WkTestServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  g_cond_signal (&self->started);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/**
 * wk_test_server_start:
 * @page_size: the most items per page, whatever the client asks
 *
 * Returns: (transfer full) (nullable): the running server, or %NULL (the
 *   test skipped) when the shared data is absent
 */
WkTestServer *
wk_test_server_start (guint page_size)
{
  g_autofree char *woerden = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  WkTestServer *self;

  if (woerden == NULL)
    return NULL;
  self = g_new0 (WkTestServer, 1);
  self->page_size = page_size;
  self->features = g_ptr_array_new_with_free_func (feature_free);
  self->addresses = g_ptr_array_new_with_free_func (address_free);
  self->requests = g_ptr_array_new_with_free_func (g_free);
  add_features (self, "cbs-buurten-2019/woerden_buurten_2019.geojson", "buurten", "GM0632");
  add_features (self, "cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson", "buurten",
                "GM0335");
  add_features (self, "cbs-gemeenten/gemeenten_2019.geojson", "gemeenten", "GM0632");
  add_features (self, "cbs-gemeenten/gemeenten_2019.geojson", "gemeenten", "GM0335");
  g_mutex_init (&self->lock);
  g_cond_init (&self->started);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("test-server", serve, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->started, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/**
 * wk_test_server_stop:
 *
 * Stops the server and frees it: its port refuses connections from now on.
 */
void
wk_test_server_stop (WkTestServer *self)
{
  if (self == NULL)
    return;
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->features);
  g_ptr_array_unref (self->addresses);
  g_ptr_array_unref (self->requests);
  g_free (self->user_agent);
  g_free (self->referer);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->started);
  g_free (self);
}

/**
 * wk_test_server_url:
 * @path: e.g. "/ok" for the OGC API, "/locatieserver/search/v3_1"
 *
 * Returns: (transfer full): the URL
 */
char *
wk_test_server_url (WkTestServer *self,
                    const char   *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

/**
 * wk_test_server_dup_requests:
 *
 * Returns: (transfer container): the requests so far, "path?query"
 */
GPtrArray *
wk_test_server_dup_requests (WkTestServer *self)
{
  GPtrArray *copy;

  g_mutex_lock (&self->lock);
  copy = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->requests->len; i++)
    g_ptr_array_add (copy, g_strdup (self->requests->pdata[i]));
  g_mutex_unlock (&self->lock);
  return copy;
}

/**
 * wk_test_server_add_address:
 * @toevoeging: (nullable): a house letter
 *
 * Adds an address the Locatieserver finds, at RD @x, @y.  Call before the
 * client asks.
 */
void
wk_test_server_add_address (WkTestServer *self,
                            const char   *postcode,
                            int           huisnummer,
                            const char   *toevoeging,
                            double        x,
                            double        y)
{
  Address *a = g_new0 (Address, 1);

  a->postcode = g_strdup (postcode);
  a->huisnummer = huisnummer;
  a->toevoeging = g_strdup (toevoeging);
  a->x = x;
  a->y = y;
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->addresses, a);
  g_mutex_unlock (&self->lock);
}

/**
 * wk_test_server_dup_header:
 * @name: "User-Agent" or "Referer"
 *
 * Returns: (transfer full) (nullable): the header of the last request
 */
char *
wk_test_server_dup_header (WkTestServer *self,
                           const char   *name)
{
  char *value;

  g_mutex_lock (&self->lock);
  value = g_strdup (g_str_equal (name, "Referer") ? self->referer : self->user_agent);
  g_mutex_unlock (&self->lock);
  return value;
}
