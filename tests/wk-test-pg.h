/* wk-test-pg.h: a PostgreSQL/PostGIS cluster of the test's own, on 127.0.0.1 and a free port
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a test gets: a fresh database with PostGIS in a cluster of its own. */
typedef struct
{
  const char *conninfo;   /* libpq: host=127.0.0.1 port=… dbname=… user=… */
  char       *pg;         /* the same for GDAL: "PG:…" */
  char       *dbname;
} WkTestPgFixture;

typedef void (*WkTestPgFunc) (WkTestPgFixture *fixture,
                              gconstpointer    data);

void      wk_test_pg_add       (const char     *path,
                                gconstpointer   data,
                                WkTestPgFunc    func);
gboolean  wk_test_pg_sql       (WkTestPgFixture *fixture,
                                const char      *sql,
                                GError         **error);
char     *wk_test_pg_query     (WkTestPgFixture *fixture,
                                const char      *sql);
typedef struct _WkTestPgHold WkTestPgHold;

WkTestPgHold *wk_test_pg_hold  (WkTestPgFixture *fixture,
                                const char      *sql);
void      wk_test_pg_release   (WkTestPgHold    *hold);
gboolean  wk_test_pg_wait_for_waiters (WkTestPgFixture *fixture,
                                       guint            n_waiting);
gboolean  wk_test_pg_stop_server  (void);
gboolean  wk_test_pg_start_server (void);

G_END_DECLS
