/* wk-pg-conn-private.h: libpq for what GDAL cannot do (transactions with row locks, versions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

char      *_wk_pg_redact          (const char   *connection);
gboolean   _wk_pg_check_schema    (const char   *schema,
                                   GError      **error);
char      *_wk_pg_gdal_path       (const char   *connection,
                                   const char   *schema);
PGconn    *_wk_pg_connect         (const char   *connection,
                                   const char   *display,
                                   GError      **error);
PGresult  *_wk_pg_exec            (PGconn       *conn,
                                   const char   *display,
                                   const char   *sql,
                                   int           n_params,
                                   const char * const *params,
                                   GError      **error);
gboolean   _wk_pg_copy            (PGconn       *conn,
                                   const char   *display,
                                   const char   *sql,
                                   GString      *rows,
                                   GError      **error);
void       _wk_pg_copy_field      (GString      *rows,
                                   const char   *value,
                                   gboolean      last);
char      *_wk_pg_quote_ident     (PGconn       *conn,
                                   const char   *name);

/* wk-project-pg-watch.c */
gboolean   _wk_project_pg_check_writable (PGconn     *conn,
                                          const char *display,
                                          const char *schema,
                                          gboolean   *read_only,
                                          GError    **error);

G_END_DECLS
