/* wk-test-pg.c: a PostgreSQL/PostGIS cluster of the test's own, on 127.0.0.1 and a free port
 *
 * The first test that needs it runs initdb in a temporary folder and starts
 * the server with pg_ctl, listening on 127.0.0.1 and a unix socket in that
 * folder only.  Each test gets a fresh database (a copy of a template with
 * PostGIS), dropped after it.  The cluster is stopped and removed at exit;
 * a watchdog does the same when the test program dies (an assertion aborts).
 * Without initdb the tests skip with a message, except on CI ($CI set),
 * where they fail: a test that never runs there proves nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "wk-test-pg.h"

#define TEMPLATE_DB "wk_template"

typedef struct
{
  char     *bindir;
  char     *dir;        /* the temporary folder: data/, the socket, the log */
  char     *data;
  char     *log;
  guint     port;
  uid_t     uid;        /* the server's owner: postgres when we are root */
  gid_t     gid;
  gboolean  as_postgres;
  gboolean  running;
} Cluster;

static Cluster *cluster;
static char *unavailable;   /* why there is none, once tried */
static guint n_databases;

static void
replace_str (char       **str,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*str);
  *str = copy;
}

static char *
find_bindir (void)
{
  const char *env = g_getenv ("WK_PG_BINDIR");
  g_autofree char *initdb = g_find_program_in_path ("initdb");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *best = NULL;
  const char *name;

  if (env != NULL)
    return g_strdup (env);
  if (initdb != NULL)
    return g_path_get_dirname (initdb);
  /* Debian keeps them out of $PATH, one folder per major version */
  dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/usr/lib/postgresql", name, "bin", "initdb", NULL);

      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) &&
          (best == NULL || atoi (name) > atoi (best)))
        replace_str (&best, name);
    }
  return best ? g_build_filename ("/usr/lib/postgresql", best, "bin", NULL) : NULL;
}

static guint
free_port (void)
{
  g_autoptr(GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                          G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (sock == NULL || !g_socket_bind (sock, any, FALSE, NULL))
    return 0;
  bound = g_socket_get_local_address (sock, NULL);
  return bound ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)) : 0;
}

/* Runs a server program (as postgres when we are root: initdb refuses root);
 * its output goes to the cluster's log. */
static gboolean
run (Cluster     *c,
     const char  *program,
     const char **args,
     char       **output)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (c->as_postgres)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (c->bindir, program, NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  /* pg_ctl's server must not hold our pipes open: it logs to a file */
  if (!g_spawn_sync (c->dir, (char **) argv->pdata, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                     &out, &err, &status, NULL))
    return FALSE;
  if (output != NULL)
    *output = g_strconcat (out ? out : "", err ? err : "", NULL);
  return g_spawn_check_wait_status (status, NULL);
}

static gboolean
cluster_start_server (Cluster  *c,
                      char    **output)
{
  g_autofree char *options = g_strdup_printf ("-c listen_addresses=127.0.0.1 -p %u -k %s "
                                              "-c fsync=off -c full_page_writes=off "
                                              "-c synchronous_commit=off -c max_connections=200",
                                              c->port, c->dir);
  const char *args[] = { "-D", c->data, "-l", c->log, "-w", "-t", "60", "-o", options,
                         "start", NULL };

  c->running = run (c, "pg_ctl", args, output);
  return c->running;
}

static void
cluster_stop_server (Cluster    *c,
                     const char *mode)
{
  const char *args[] = { "-D", c->data, "-m", mode, "-w", "stop", NULL };

  if (c->running)
    run (c, "pg_ctl", args, NULL);
  c->running = FALSE;
}

/* as the server's owner may have made them: rm, not GLib */
static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, NULL);
}

static void
cluster_free (Cluster *c)
{
  cluster_stop_server (c, "fast");
  if (c->dir != NULL)
    remove_tree (c->dir);
  g_free (c->bindir);
  g_free (c->dir);
  g_free (c->data);
  g_free (c->log);
  g_free (c);
}

static void
at_exit (void)
{
  g_clear_pointer (&cluster, cluster_free);
}

/* Stops the server and removes the folder once this process is gone, even
 * when it was killed or aborted by a failed assertion. */
static void
start_watchdog (Cluster *c)
{
  g_autofree char *pg_ctl = g_build_filename (c->bindir, "pg_ctl", NULL);
  g_autofree char *q_ctl = g_shell_quote (pg_ctl);
  g_autofree char *q_data = g_shell_quote (c->data);
  g_autofree char *q_dir = g_shell_quote (c->dir);
  g_autofree char *script = g_strdup_printf (
    "while kill -0 %ld 2>/dev/null; do sleep 1; done; "
    "[ -d %s ] || exit 0; %s %s -D %s -m immediate -w stop; rm -rf %s",
    (long) getpid (), q_dir, c->as_postgres ? "runuser -u postgres --" : "", q_ctl, q_data, q_dir);
  const char *argv[] = { "sh", "-c", script, NULL };

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL |
                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL);
}

static PGconn *
connect_to (const char *dbname)
{
  g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u user=wk dbname=%s "
                                               "connect_timeout=10", cluster->port, dbname);

  return PQconnectdb (conninfo);
}

static gboolean
exec_on (PGconn      *conn,
         const char  *sql,
         GError     **error)
{
  PGresult *res;
  gboolean ok;

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", PQerrorMessage (conn));
      return FALSE;
    }
  res = PQexec (conn, sql);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK;
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sql, PQerrorMessage (conn));
  PQclear (res);
  return ok;
}

static gboolean
cluster_start (GError **error)
{
  g_autofree char *bindir = find_bindir ();
  g_autofree char *output = NULL;
  Cluster *c;
  PGconn *conn;
  gboolean ok;

  if (bindir == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "PostgreSQL's initdb was not found (install postgresql-15 and "
                           "postgresql-15-postgis-3: build-aux/install-deps.sh)");
      return FALSE;
    }
  c = g_new0 (Cluster, 1);
  c->bindir = g_steal_pointer (&bindir);
  c->dir = g_dir_make_tmp ("wk-test-pg-XXXXXX", error);
  if (c->dir == NULL)
    {
      cluster_free (c);
      return FALSE;
    }
  c->data = g_build_filename (c->dir, "data", NULL);
  c->log = g_build_filename (c->dir, "server.log", NULL);
  c->as_postgres = getuid () == 0;
  if (c->as_postgres)
    {
      struct passwd *pw = getpwnam ("postgres");

      if (pw == NULL || chown (c->dir, pw->pw_uid, pw->pw_gid) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "running as root, but there is no user postgres to run the "
                               "server as");
          cluster_free (c);
          return FALSE;
        }
    }
  cluster = c;
  atexit (at_exit);
  start_watchdog (c);
  {
    const char *args[] = { "-D", c->data, "-U", "wk", "-A", "trust", "-E", "UTF8",
                           "--no-locale", "-N", NULL };

    if (!run (c, "initdb", args, &output))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "initdb failed: %s", output);
        return FALSE;
      }
  }
  /* another program may take the free port in between: try again */
  for (guint attempt = 0; attempt < 3 && !c->running; attempt++)
    {
      g_clear_pointer (&output, g_free);
      c->port = free_port ();
      cluster_start_server (c, &output);
    }
  if (!c->running)
    {
      g_autofree char *log = NULL;

      g_file_get_contents (c->log, &log, NULL, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "pg_ctl start failed: %s\n%s",
                   output, log ? log : "");
      return FALSE;
    }
  conn = connect_to ("postgres");
  ok = exec_on (conn, "CREATE DATABASE " TEMPLATE_DB, error);
  PQfinish (conn);
  if (!ok)
    return FALSE;
  conn = connect_to (TEMPLATE_DB);
  ok = exec_on (conn, "CREATE EXTENSION postgis", error);
  PQfinish (conn);
  return ok;
}

static void
fixture_setup (WkTestPgFixture *fixture,
               gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  PGconn *conn;

  if (cluster == NULL && unavailable == NULL && !cluster_start (&error))
    unavailable = g_strdup (error->message);
  if (unavailable != NULL)
    {
      g_autofree char *message = g_strdup_printf ("no PostgreSQL server for the test: %s",
                                                  unavailable);

      /* on CI a missing server is a failure, never a silent skip */
      if (g_getenv ("CI") != NULL)
        g_error ("%s", message);
      g_test_skip (message);
      return;
    }
  fixture->dbname = g_strdup_printf ("wk_test_%u", ++n_databases);
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE " TEMPLATE_DB, fixture->dbname);
  conn = connect_to ("postgres");
  if (!exec_on (conn, sql, &error))
    g_error ("%s", error->message);
  PQfinish (conn);
  fixture->conninfo = g_strdup_printf ("host=127.0.0.1 port=%u user=wk dbname=%s",
                                       cluster->port, fixture->dbname);
  fixture->pg = g_strdup_printf ("PG:%s", fixture->conninfo);
}

static void
fixture_teardown (WkTestPgFixture *fixture,
                  gconstpointer    data)
{
  if (fixture->dbname != NULL && cluster != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)",
                                              fixture->dbname);
      PGconn *conn;

      if (!cluster->running)
        cluster_start_server (cluster, NULL);
      conn = connect_to ("postgres");
      exec_on (conn, sql, NULL);
      PQfinish (conn);
    }
  g_free ((char *) fixture->conninfo);
  g_free (fixture->pg);
  g_free (fixture->dbname);
}

/* wk_test_pg_add:
 *
 * Adds a test that runs against a fresh database of the test cluster; it is
 * skipped (failed on CI) when there is no PostgreSQL.
 */
void
wk_test_pg_add (const char     *path,
                gconstpointer   data,
                WkTestPgFunc    func)
{
  g_test_add_vtable (path, sizeof (WkTestPgFixture), data,
                     (GTestFixtureFunc) fixture_setup, (GTestFixtureFunc) func,
                     (GTestFixtureFunc) fixture_teardown);
}

/* wk_test_pg_sql: runs SQL on the test's database as the superuser. */
gboolean
wk_test_pg_sql (WkTestPgFixture *fixture,
                const char      *sql,
                GError         **error)
{
  PGconn *conn = connect_to (fixture->dbname);
  gboolean ok = exec_on (conn, sql, error);

  PQfinish (conn);
  return ok;
}

/* wk_test_pg_query:
 *
 * Returns: (nullable): the first column of the first row, or %NULL (also for
 * an error or SQL NULL)
 */
char *
wk_test_pg_query (WkTestPgFixture *fixture,
                  const char      *sql)
{
  PGconn *conn = connect_to (fixture->dbname);
  PGresult *res = PQexec (conn, sql);
  char *value = NULL;

  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
    value = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  PQfinish (conn);
  return value;
}

struct _WkTestPgHold
{
  PGconn *conn;
};

/* wk_test_pg_hold:
 * @sql: what to do in the transaction, e.g. “LOCK TABLE … IN … MODE”
 *
 * Starts a transaction on a connection of its own, runs @sql in it and
 * keeps it open (and its locks held) until wk_test_pg_release().
 */
WkTestPgHold *
wk_test_pg_hold (WkTestPgFixture *fixture,
                 const char      *sql)
{
  WkTestPgHold *hold = g_new0 (WkTestPgHold, 1);
  g_autoptr(GError) error = NULL;

  hold->conn = connect_to (fixture->dbname);
  if (!exec_on (hold->conn, "BEGIN", &error) || !exec_on (hold->conn, sql, &error))
    g_error ("%s", error->message);
  return hold;
}

/* wk_test_pg_release: commits the held transaction and closes it. */
void
wk_test_pg_release (WkTestPgHold *hold)
{
  exec_on (hold->conn, "COMMIT", NULL);
  PQfinish (hold->conn);
  g_free (hold);
}

/* wk_test_pg_wait_for_waiters:
 *
 * Waits (up to a minute) until @n_waiting sessions of the test's database
 * wait for a lock.
 *
 * Returns: whether they do
 */
gboolean
wk_test_pg_wait_for_waiters (WkTestPgFixture *fixture,
                             guint            n_waiting)
{
  for (guint i = 0; i < 600; i++)
    {
      /* a row lock is waited for on a transaction id, which has no database */
      g_autofree char *n = wk_test_pg_query (fixture, "SELECT count(DISTINCT l.pid) FROM "
                                                      "pg_locks l JOIN pg_stat_activity a "
                                                      "USING (pid) WHERE NOT l.granted AND "
                                                      "a.datname = current_database()");

      if (n != NULL && (guint) atoi (n) >= n_waiting)
        return TRUE;
      g_usleep (100 * 1000);
    }
  return FALSE;
}

/* The server goes down at once (as a crash or a pulled cable would) and
 * comes back on the same port. */
gboolean
wk_test_pg_stop_server (void)
{
  if (cluster == NULL)
    return FALSE;
  cluster_stop_server (cluster, "immediate");
  return TRUE;
}

gboolean
wk_test_pg_start_server (void)
{
  return cluster != NULL && cluster_start_server (cluster, NULL);
}
