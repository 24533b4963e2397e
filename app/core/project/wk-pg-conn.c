/* wk-pg-conn.c: libpq for what GDAL cannot do (transactions with row locks, versions)
 *
 * Every message names the connection through _wk_pg_redact(): a password
 * in a connection string is never printed or logged.  SQL is parameterised;
 * the only names put into SQL text are schema names, which must be plain
 * lower-case identifiers and are quoted all the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wk-pg-conn-private.h"
#include "wk-project.h"

/* _wk_pg_redact:
 *
 * A connection string as messages may show it: without a password, whether
 * given as a keyword (quoted or not) or in a postgresql:// URI.
 */
char *
_wk_pg_redact (const char *connection)
{
  g_autoptr(GRegex) keyword = NULL;
  g_autoptr(GRegex) uri = NULL;
  g_autofree char *step = NULL;

  if (connection == NULL)
    return g_strdup ("?");
  keyword = g_regex_new ("password\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'?|\\S*)", G_REGEX_CASELESS, 0,
                         NULL);
  uri = g_regex_new ("(postgres(?:ql)?://[^:/@\\s]*):[^@\\s]*@", G_REGEX_CASELESS, 0, NULL);
  step = g_regex_replace_literal (keyword, connection, -1, 0, "password=…", 0, NULL);
  return g_regex_replace (uri, step, -1, 0, "\\1:…@", 0, NULL);
}

/* _wk_pg_check_schema:
 *
 * A project's schema name: lower-case letters, digits and “_”, not starting
 * with a digit or “pg_”, at most 63 bytes.  Anything else is rejected, so
 * that QGIS and psql users can name it without quotes.
 */
gboolean
_wk_pg_check_schema (const char  *schema,
                     GError     **error)
{
  gboolean ok = schema != NULL && *schema != '\0' && strlen (schema) <= 63 &&
                !g_ascii_isdigit (*schema) && !g_str_has_prefix (schema, "pg_") &&
                g_strcmp0 (schema, "information_schema") != 0 &&
                g_strcmp0 (schema, "public") != 0;

  for (const char *c = schema; ok && *c != '\0'; c++)
    ok = g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '_';
  if (!ok)
    g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_SCHEMA_NAME,
                 _("“%s” cannot be the schema of a shared project: use lower-case letters, "
                   "digits and “_” only (at most 63, not starting with a digit or “pg_”), "
                   "e.g. “woerden”."), schema ? schema : "");
  return ok;
}

static const char *
skip_prefix (const char *connection)
{
  return g_str_has_prefix (connection, "PG:") ? connection + 3 : connection;
}

/* _wk_pg_gdal_path:
 *
 * How GDAL's PostgreSQL driver opens the schema: its layers without the
 * schema's name before them, and no other schema's.
 */
char *
_wk_pg_gdal_path (const char *connection,
                  const char *schema)
{
  return g_strdup_printf ("PG:%s active_schema=%s schemas=%s", skip_prefix (connection),
                          schema, schema);
}

static void
set_error (GError     **error,
           PGconn      *conn,
           const PGresult *res,
           const char  *display)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *raw = g_strdup (res && PQresultErrorMessage (res)[0]
                                   ? PQresultErrorMessage (res) : PQerrorMessage (conn));
  g_autofree char *message = _wk_pg_redact (g_strstrip (raw));

  if (g_strcmp0 (state, "42501") == 0 || g_strcmp0 (state, "25006") == 0)
    g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_READ_ONLY,
                 _("“%s” is read-only for you: your database user may read it, not save it "
                   "(%s). Nothing was changed. Ask the database’s administrator for write "
                   "rights, or save a copy as a file."), display, message);
  else if (PQstatus (conn) != CONNECTION_OK)
    g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE,
                 _("The connection to “%s” was lost (%s). What was not yet saved was not "
                   "changed there: check the network and the server, then save again."),
                 display, message);
  else
    g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE,
                 _("The database of “%s” refused: %s"), display, message);
}

/* _wk_pg_connect:
 * @connection: a libpq connection string, with or without GDAL's “PG:”
 * @display: how messages name the project
 */
PGconn *
_wk_pg_connect (const char  *connection,
                const char  *display,
                GError     **error)
{
  g_autoptr(PGconn) conn = PQconnectdb (skip_prefix (connection));

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *raw = g_strdup (PQerrorMessage (conn));
      g_autofree char *message = _wk_pg_redact (g_strstrip (raw));

      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_OPEN,
                   _("Could not connect to “%s”: %s. Check the server, the database and the "
                     "user name."), display, message);
      return NULL;
    }
  return g_steal_pointer (&conn);
}

/* _wk_pg_exec:
 *
 * Runs one parameterised statement.
 *
 * Returns: (nullable): its result (commands and queries alike), or %NULL
 *   with @error set
 */
PGresult *
_wk_pg_exec (PGconn              *conn,
             const char          *display,
             const char          *sql,
             int                  n_params,
             const char * const  *params,
             GError             **error)
{
  g_autoptr(PGresult) res = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (res);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_error (error, conn, res, display);
      return NULL;
    }
  return g_steal_pointer (&res);
}

/* _wk_pg_copy_field:
 *
 * Adds one field of a row in COPY's text format (%NULL is SQL's NULL).
 */
void
_wk_pg_copy_field (GString    *rows,
                   const char *value,
                   gboolean    last)
{
  if (value == NULL)
    g_string_append (rows, "\\N");
  for (const char *c = value; c != NULL && *c != '\0'; c++)
    {
      switch (*c)
        {
        case '\\':
          g_string_append (rows, "\\\\");
          break;
        case '\t':
          g_string_append (rows, "\\t");
          break;
        case '\n':
          g_string_append (rows, "\\n");
          break;
        case '\r':
          g_string_append (rows, "\\r");
          break;
        default:
          g_string_append_c (rows, *c);
        }
    }
  g_string_append_c (rows, last ? '\n' : '\t');
}

/* _wk_pg_copy:
 * @sql: “COPY table (columns) FROM STDIN”
 * @rows: the rows in COPY's text format
 */
gboolean
_wk_pg_copy (PGconn      *conn,
             const char  *display,
             const char  *sql,
             GString     *rows,
             GError     **error)
{
  g_autoptr(PGresult) res = PQexec (conn, sql);
  PGresult *end;
  gboolean ok = TRUE;

  if (PQresultStatus (res) != PGRES_COPY_IN)
    {
      set_error (error, conn, res, display);
      return FALSE;
    }
  if (PQputCopyData (conn, rows->str, rows->len) != 1 || PQputCopyEnd (conn, NULL) != 1)
    {
      set_error (error, conn, NULL, display);
      return FALSE;
    }
  while ((end = PQgetResult (conn)) != NULL)
    {
      if (ok && PQresultStatus (end) != PGRES_COMMAND_OK)
        {
          set_error (error, conn, end, display);
          ok = FALSE;
        }
      PQclear (end);
    }
  return ok;
}

/* _wk_pg_quote_ident: a name quoted for SQL text. */
char *
_wk_pg_quote_ident (PGconn     *conn,
                    const char *name)
{
  char *quoted = PQescapeIdentifier (conn, name, strlen (name));
  char *copy = g_strdup (quoted);

  PQfreemem (quoted);
  return copy;
}
