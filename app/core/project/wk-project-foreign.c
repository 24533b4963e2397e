/* wk-project-foreign.c: keeping what other programs store in a project's GeoPackage
 *
 * QGIS keeps its styles (`layer_styles`) and whole projects (`qgis_projects`) in the
 * GeoPackage it shows; a user may add tables of their own.  A save writes a new file and
 * renames it over the old one, so everything the project does not own is copied over from
 * the old file first, through SQLite itself (GDAL's GeoPackage driver passes the SQL on):
 * the same tables, rows, indexes, triggers and views, and their GeoPackage registrations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "wk-gdal-private.h"
#include "wk-project-private.h"

#define OLD "wk_old"

/* The layers and tables a save writes (and their spatial indexes). */
static const char * const owned[] = {
  L_UNITS, L_PROVIDERS, L_NETWORKS, L_BOUNDARY, L_AREAS,
  T_METADATA, T_SOURCES, T_PLANS, T_AREAS, T_ASSIGNMENT, T_AUDIT,
};

/* The GeoPackage's own tables that say something per table. */
static const char * const registers[] = {
  "gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions", "gpkg_data_columns",
  "gpkg_ogr_contents",
};

static gboolean
is_owned (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (owned); i++)
    {
      g_autofree char *rtree = g_strdup_printf ("rtree_%s_", owned[i]);

      if (g_ascii_strcasecmp (name, owned[i]) == 0 ||
          g_ascii_strncasecmp (name, rtree, strlen (rtree)) == 0)
        return TRUE;
    }
  return g_ascii_strncasecmp (name, "sqlite_", 7) == 0 ||
         g_ascii_strncasecmp (name, "wk_", 3) == 0;
}

/* @text as an SQL string literal or (@quote '"') identifier. */
static char *
quoted (const char *text,
        char        quote)
{
  GString *out = g_string_new (NULL);

  g_string_append_c (out, quote);
  for (const char *p = text; *p; p++)
    {
      if (*p == quote)
        g_string_append_c (out, quote);
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, quote);
  return g_string_free (out, FALSE);
}

static gboolean
run (GDALDatasetH   ds,
     const char    *sql,
     GError       **error)
{
  OGRLayerH result;

  CPLErrorReset ();
  result = GDALDatasetExecuteSQL (ds, sql, NULL, NULL);
  if (result != NULL)
    GDALDatasetReleaseResultSet (ds, result);
  if (CPLGetLastErrorType () >= CE_Failure)
    {
      g_autofree char *why = wk_gdal_to_utf8 (CPLGetLastErrorMsg ());

      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE,
                   _("the tables other programs keep in it could not be copied (%s)"), why);
      return FALSE;
    }
  return TRUE;
}

/* The first column of each row @sql gives, as strings. */
static GPtrArray *
column (GDALDatasetH  ds,
        const char   *sql)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  OGRLayerH result = GDALDatasetExecuteSQL (ds, sql, NULL, NULL);
  OGRFeatureH f;

  if (result == NULL)
    return out;
  while ((f = OGR_L_GetNextFeature (result)) != NULL)
    {
      g_ptr_array_add (out, g_strdup (OGR_F_IsFieldSetAndNotNull (f, 0)
                                      ? OGR_F_GetFieldAsString (f, 0) : ""));
      OGR_F_Destroy (f);
    }
  GDALDatasetReleaseResultSet (ds, result);
  return out;
}

static gboolean
has_table (GDALDatasetH  ds,
           const char   *schema,
           const char   *table)
{
  g_autofree char *literal = quoted (table, '\'');
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM %s.sqlite_master WHERE "
                                          "type = 'table' AND name = %s", schema, literal);
  g_autoptr(GPtrArray) rows = column (ds, sql);

  return rows->len > 0;
}

/* The columns @table has in both files, quoted and separated by commas;
 * without @skip.  NULL if none. */
static char *
common_columns (GDALDatasetH  ds,
                const char   *table,
                const char   *skip)
{
  g_autofree char *literal = quoted (table, '\'');
  g_autofree char *sql_old = g_strdup_printf ("SELECT name FROM pragma_table_info(%s, '"
                                              OLD "')", literal);
  g_autofree char *sql_new = g_strdup_printf ("SELECT name FROM pragma_table_info(%s, "
                                              "'main')", literal);
  g_autoptr(GPtrArray) old_cols = column (ds, sql_old);
  g_autoptr(GPtrArray) new_cols = column (ds, sql_new);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < old_cols->len; i++)
    {
      const char *name = g_ptr_array_index (old_cols, i);
      g_autofree char *ident = NULL;

      if ((skip && g_ascii_strcasecmp (name, skip) == 0) ||
          !g_ptr_array_find_with_equal_func (new_cols, name, g_str_equal, NULL))
        continue;
      ident = quoted (name, '"');
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", ident);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Rows of @table in the old file that @where (over the old table, “o”)
 * selects, into the same table of the new one, keeping those it has. */
static gboolean
merge_rows (GDALDatasetH   ds,
            const char    *table,
            const char    *skip,
            const char    *where,
            GError       **error)
{
  g_autofree char *cols = common_columns (ds, table, skip);
  g_autofree char *ident = quoted (table, '"');
  g_autofree char *sql = NULL;

  if (cols == NULL)
    return TRUE;
  sql = g_strdup_printf ("INSERT OR IGNORE INTO main.%s (%s) SELECT %s FROM " OLD ".%s AS o "
                         "WHERE %s", ident, cols, cols, ident, where);
  return run (ds, sql, error);
}

/* The list of @names as SQL string literals, for IN (…). */
static char *
literal_list (GPtrArray *names)
{
  GString *out = g_string_new ("''");

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *literal = quoted (g_ptr_array_index (names, i), '\'');

      g_string_append_printf (out, ", %s", literal);
    }
  return g_string_free (out, FALSE);
}

/* QGIS's styles: the new file may hold the project's own (for its layers);
 * every other row of the old file is kept, with its id where that is free. */
static gboolean
merge_styles (GDALDatasetH   ds,
              GError       **error)
{
  const char *others = "(o.f_table_name IS NULL OR o.f_table_name NOT IN (SELECT f_table_name "
                       "FROM temp.wk_own_styles WHERE f_table_name IS NOT NULL))";
  g_autofree char *with_id = g_strdup_printf ("%s AND o.rowid NOT IN (SELECT id FROM "
                                              "temp.wk_own_styles)", others);
  g_autofree char *without_id = g_strdup_printf ("%s AND o.rowid IN (SELECT id FROM "
                                                 "temp.wk_own_styles)", others);

  /* the project's own rows, before any is added; the second pass inserts
   * the rows whose id the new file already uses, under a new one.  The key
   * is QGIS's “id”, or another name in files other writers made: SQLite's
   * rowid is the key whichever its name. */
  return run (ds, "CREATE TEMP TABLE wk_own_styles AS SELECT rowid AS id, f_table_name "
              "FROM main.layer_styles", error) &&
         merge_rows (ds, "layer_styles", NULL, with_id, error) &&
         merge_rows (ds, "layer_styles", "id", without_id, error) &&
         run (ds, "DROP TABLE temp.wk_own_styles", error);
}

typedef struct
{
  char *type;
  char *name;
  char *table;
  char *sql;
} Entry;

static void
entry_free (Entry *e)
{
  g_free (e->type);
  g_free (e->name);
  g_free (e->table);
  g_free (e->sql);
  g_free (e);
}

static GPtrArray *
read_schema (GDALDatasetH ds)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  OGRLayerH result = GDALDatasetExecuteSQL (ds, "SELECT type, name, tbl_name, sql FROM " OLD
                                            ".sqlite_master WHERE sql IS NOT NULL "
                                            "ORDER BY rowid", NULL, NULL);
  OGRFeatureH f;

  if (result == NULL)
    return out;
  while ((f = OGR_L_GetNextFeature (result)) != NULL)
    {
      Entry *e = g_new0 (Entry, 1);

      e->type = g_strdup (OGR_F_GetFieldAsString (f, 0));
      e->name = g_strdup (OGR_F_GetFieldAsString (f, 1));
      e->table = g_strdup (OGR_F_GetFieldAsString (f, 2));
      e->sql = g_strdup (OGR_F_GetFieldAsString (f, 3));
      g_ptr_array_add (out, e);
      OGR_F_Destroy (f);
    }
  GDALDatasetReleaseResultSet (ds, result);
  return out;
}

/* A shadow table of an R*Tree index copied as a whole: SQLite makes it. */
static gboolean
is_rtree_shadow (GPtrArray  *schema,
                 const char *name)
{
  for (guint i = 0; i < schema->len; i++)
    {
      Entry *e = g_ptr_array_index (schema, i);
      size_t len = strlen (e->name);

      if (g_str_has_prefix (e->sql, "CREATE VIRTUAL TABLE") &&
          strncmp (name, e->name, len) == 0 &&
          (g_strcmp0 (name + len, "_node") == 0 || g_strcmp0 (name + len, "_parent") == 0 ||
           g_strcmp0 (name + len, "_rowid") == 0))
        return TRUE;
    }
  return FALSE;
}

/* Creates the foreign tables with their rows; their names into @foreign. */
static gboolean
copy_tables (GDALDatasetH   ds,
             GPtrArray     *schema,
             GPtrArray     *foreign,
             GError       **error)
{
  for (guint i = 0; i < schema->len; i++)
    {
      Entry *e = g_ptr_array_index (schema, i);
      g_autofree char *ident = NULL;
      g_autofree char *sql = NULL;

      if (strcmp (e->type, "table") != 0 || is_owned (e->name) ||
          has_table (ds, "main", e->name) || is_rtree_shadow (schema, e->name))
        continue;
      ident = quoted (e->name, '"');
      sql = g_strdup_printf ("INSERT INTO main.%s SELECT * FROM " OLD ".%s", ident, ident);
      if (!run (ds, e->sql, error) || !run (ds, sql, error))
        return FALSE;
      g_ptr_array_add (foreign, g_strdup (e->name));
    }
  return TRUE;
}

/* Their indexes, views and triggers: after the rows, so that no trigger
 * (GeoPackage's spatial index) runs twice over them. */
static gboolean
copy_others (GDALDatasetH   ds,
             GPtrArray     *schema,
             GPtrArray     *foreign,
             GError       **error)
{
  static const char * const order[] = { "index", "view", "trigger" };

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < schema->len; i++)
      {
        Entry *e = g_ptr_array_index (schema, i);
        gboolean skip;

        if (strcmp (e->type, order[k]) != 0)
          continue;
        skip = strcmp (e->type, "view") == 0
               ? is_owned (e->name)
               : !g_ptr_array_find_with_equal_func (foreign, e->table, g_str_equal, NULL);
        if (!skip && !run (ds, e->sql, error))
          return FALSE;
      }
  return TRUE;
}

/* The foreign tables' rows in GeoPackage's registers and the coordinate
 * systems they name. */
static gboolean
copy_registrations (GDALDatasetH   ds,
                    GPtrArray     *foreign,
                    GError       **error)
{
  g_autofree char *names = literal_list (foreign);
  g_autofree char *where = g_strdup_printf ("o.table_name IN (%s)", names);
  g_autofree char *srs = g_strdup_printf ("o.srs_id IN (SELECT srs_id FROM " OLD
                                          ".gpkg_contents WHERE table_name IN (%s))", names);

  for (guint i = 0; i < G_N_ELEMENTS (registers); i++)
    if (has_table (ds, OLD, registers[i]) && has_table (ds, "main", registers[i]) &&
        !merge_rows (ds, registers[i], NULL, where, error))
      return FALSE;
  return merge_rows (ds, "gpkg_spatial_ref_sys", NULL, srs, error);
}

/* _wk_project_copy_foreign:
 * @ds: the new project, just written, outside a transaction
 * @old_path: the project it replaces
 *
 * Copies everything in @old_path that the project does not own into @ds:
 * other programs' tables with their rows, indexes, triggers, views and
 * GeoPackage registrations, and the rows of QGIS's `layer_styles` that are
 * not for a layer whose style @ds already holds.  Does nothing if
 * @old_path is not a project (nor an SQLite database).
 */
gboolean
_wk_project_copy_foreign (GDALDatasetH   ds,
                          const char    *old_path,
                          GError       **error)
{
  g_autofree char *literal = quoted (old_path, '\'');
  g_autofree char *attach = g_strdup_printf ("ATTACH DATABASE %s AS " OLD, literal);
  g_autoptr(GPtrArray) schema = NULL;
  g_autoptr(GPtrArray) foreign = g_ptr_array_new_with_free_func (g_free);
  char header[16] = { 0 };
  FILE *file = fopen (old_path, "rb");
  gboolean ok;

  ok = file != NULL && fread (header, 1, sizeof header, file) == sizeof header &&
       memcmp (header, "SQLite format 3", sizeof header) == 0;
  if (file != NULL)
    fclose (file);
  if (!ok)
    return TRUE;
  if (!run (ds, attach, error))
    return FALSE;
  if (!has_table (ds, OLD, T_METADATA))
    return run (ds, "DETACH DATABASE " OLD, error);
  schema = read_schema (ds);
  ok = GDALDatasetStartTransaction (ds, FALSE) == OGRERR_NONE;
  ok = ok && copy_tables (ds, schema, foreign, error);
  if (ok && foreign->len > 0)
    ok = copy_others (ds, schema, foreign, error) && copy_registrations (ds, foreign, error);
  if (ok && has_table (ds, OLD, "layer_styles") && has_table (ds, "main", "layer_styles") &&
      !g_ptr_array_find_with_equal_func (foreign, "layer_styles", g_str_equal, NULL))
    ok = merge_styles (ds, error);
  if (ok)
    ok = GDALDatasetCommitTransaction (ds) == OGRERR_NONE;
  else
    GDALDatasetRollbackTransaction (ds);
  return run (ds, "DETACH DATABASE " OLD, ok ? error : NULL) && ok;
}
