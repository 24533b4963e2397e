/* wk-project-pg-watch.c: what others may do, and did, to an open shared project
 *
 * Two things the user should know before saving, not when the save is
 * refused: that their database user may not write the schema (checked at
 * open from the privileges, wk_project_is_read_only()), and that someone
 * else saved a plan since it was read (a cheap poll of the plans' versions,
 * wk_project_poll_pg_async(), which the app runs on a worker every few
 * seconds and when its window gets the focus).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "wk-pg-conn-private.h"
#include "wk-project-private.h"

/* _wk_project_pg_check_writable:
 *
 * Whether the user may save into @schema: not in a read-only session (a
 * standby), and with the rights a save uses on each table it writes.
 * Outside a transaction that is read-only itself.
 */
gboolean
_wk_project_pg_check_writable (PGconn      *conn,
                               const char  *display,
                               const char  *schema,
                               gboolean    *read_only,
                               GError     **error)
{
  const char *params[] = { schema };
  g_autoptr(PGresult) res = _wk_pg_exec (conn, display,
    "SELECT current_setting ('transaction_read_only') = 'on' OR NOT ("
    "has_schema_privilege ($1, 'USAGE') AND "
    "has_table_privilege ($1 || '." T_PLANS "', 'INSERT') AND "
    "has_table_privilege ($1 || '." T_PLANS "', 'UPDATE') AND "
    "has_table_privilege ($1 || '." T_PLANS "', 'DELETE') AND "
    "has_table_privilege ($1 || '." T_AREAS "', 'INSERT') AND "
    "has_table_privilege ($1 || '." T_AREAS "', 'DELETE') AND "
    "has_table_privilege ($1 || '." T_ASSIGNMENT "', 'INSERT') AND "
    "has_table_privilege ($1 || '." T_ASSIGNMENT "', 'DELETE') AND "
    "has_table_privilege ($1 || '." L_AREAS "', 'INSERT') AND "
    "has_table_privilege ($1 || '." L_AREAS "', 'DELETE') AND "
    "has_table_privilege ($1 || '." T_AUDIT "', 'INSERT') AND "
    "has_table_privilege ($1 || '." T_METADATA "', 'UPDATE'))", 1, params, error);

  if (res == NULL)
    return FALSE;
  *read_only = g_str_equal (PQgetvalue (res, 0, 0), "t");
  return TRUE;
}

/**
 * wk_project_is_read_only:
 *
 * Returns: whether the project is shared and its database user may not
 *   save it (seen when it was opened): a save would be refused
 */
gboolean
wk_project_is_read_only (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);
  return self->pg_schema != NULL && self->pg_read_only;
}

/* A poll: the plans and the versions they were read at, taken on the main
 * thread; the first one someone else saved since, found on a worker. */
typedef struct
{
  char      *connection;
  char      *schema;
  char      *display;
  GPtrArray *plans;      /* WkPlan */
  GArray    *ids;        /* gint64 */
  GArray    *versions;   /* gint64 */
  int        changed;    /* index of the plan saved by someone else, or -1 */
  gint64     version;    /* its version now */
  char      *saved_by;
  char      *saved_at;
} PollData;

static void
poll_data_free (PollData *data)
{
  if (data->connection != NULL)
    memset (data->connection, 0, strlen (data->connection));
  g_free (data->connection);
  g_free (data->schema);
  g_free (data->display);
  g_ptr_array_unref (data->plans);
  g_array_unref (data->ids);
  g_array_unref (data->versions);
  g_free (data->saved_by);
  g_free (data->saved_at);
  g_free (data);
}

static void
poll_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PollData *data = task_data;
  GError *error = NULL;
  g_autoptr(PGconn) conn = _wk_pg_connect (data->connection, data->display, &error);
  g_autoptr(PGresult) res = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;

  if (conn == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  quoted = _wk_pg_quote_ident (conn, data->schema);
  sql = g_strdup_printf ("SELECT plan_id, version, saved_by, to_char (saved_at AT TIME ZONE "
                         "'UTC', 'YYYY-MM-DD HH24:MI') FROM %s." T_PLANS, quoted);
  res = _wk_pg_exec (conn, data->display, sql, 0, NULL, &error);
  if (res == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (int row = 0; data->changed < 0 && row < PQntuples (res); row++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (res, row, 0), NULL, 10);
      gint64 version = g_ascii_strtoll (PQgetvalue (res, row, 1), NULL, 10);

      for (guint i = 0; i < data->ids->len; i++)
        if (g_array_index (data->ids, gint64, i) == id &&
            g_array_index (data->versions, gint64, i) != version)
          {
            data->changed = i;
            data->version = version;
            data->saved_by = g_strdup (PQgetvalue (res, row, 2));
            data->saved_at = g_strdup (PQgetvalue (res, row, 3));
            break;
          }
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * wk_project_poll_pg_async:
 * @self: a shared project
 *
 * Looks on a worker whether someone else saved one of the plans since it
 * was read (or saved here): one small query of the plans' versions.
 */
void
wk_project_poll_pg_async (WkProject           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PollData *data;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (WK_IS_PROJECT (self));
  g_return_if_fail (self->pg_schema != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wk_project_poll_pg_async);
  data = g_new0 (PollData, 1);
  data->connection = g_strdup (self->pg_connection);
  data->schema = g_strdup (self->pg_schema);
  data->display = wk_project_dup_display_name (self);
  data->plans = g_ptr_array_new_with_free_func (g_object_unref);
  data->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->versions = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->changed = -1;
  g_hash_table_iter_init (&iter, self->pg_plans);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PgPlanState *state = value;

      g_ptr_array_add (data->plans, g_object_ref (key));
      g_array_append_val (data->ids, state->plan_id);
      g_array_append_val (data->versions, state->version);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) poll_data_free);
  g_task_run_in_thread (task, poll_thread);
}

/**
 * wk_project_poll_pg_finish:
 * @plan: (out) (optional) (transfer none): the plan someone else saved
 *
 * The plan becomes the one wk_project_get_conflict_plan() names: saving
 * it would be refused.  A plan saved here since the poll began is not
 * reported.
 *
 * Returns: (transfer full) (nullable): what to tell the user (“The plan “x”
 *   was changed by NAME at TIME…”), or %NULL when nobody else saved a plan
 *   (or on an error, which is then set)
 */
char *
wk_project_poll_pg_finish (WkProject     *self,
                           GAsyncResult  *result,
                           WkPlan       **plan,
                           GError       **error)
{
  PollData *data;
  WkPlan *changed;
  PgPlanState *state;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  if (plan != NULL)
    *plan = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  if (data->changed < 0)
    return NULL;
  changed = g_ptr_array_index (data->plans, data->changed);
  state = self->pg_plans ? g_hash_table_lookup (self->pg_plans, changed) : NULL;
  /* saved here (or as a new plan) since: that was not someone else */
  if (state == NULL || state->version == data->version ||
      state->version != g_array_index (data->versions, gint64, data->changed))
    return NULL;
  g_set_object (&self->pg_conflict, changed);
  if (plan != NULL)
    *plan = changed;
  return g_strdup_printf (_("The plan “%s” was changed by %s at %s (UTC) since you opened it. "
                            "Reload to see that version; your changes here can be saved as a "
                            "new plan."), state->name, data->saved_by, data->saved_at);
}
