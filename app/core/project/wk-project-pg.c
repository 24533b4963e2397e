/* wk-project-pg.c: a shared project in a PostgreSQL/PostGIS schema
 *
 * The schema holds the same layers and tables as the GeoPackage, written
 * the first time by the GeoPackage's own writer through GDAL's PostgreSQL
 * driver (in one transaction), and read by its reader.  After that a save
 * writes only the plans that changed, through libpq, in one transaction:
 * each plan row carries a version, locked (FOR UPDATE) and compared with the
 * version the plan was read at, so that a plan someone else saved since is
 * refused (WK_PROJECT_ERROR_CONFLICT) and nothing is written.  Different
 * plans save independently.  The audit log records the database user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wk-area.h"
#include "wk-array-private.h"
#include "wk-dissolver-private.h"
#include "wk-layer-style.h"
#include "wk-pg-conn-private.h"
#include "wk-plan-private.h"
#include "wk-profile.h"
#include "wk-progress.h"
#include "wk-project-private.h"

#define RD_SRID "28992"

static void
replace_str (char       **str,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*str);
  *str = copy;
}

static PgPlanState *
pg_plan_state_copy (const PgPlanState *state)
{
  PgPlanState *copy = g_memdup2 (state, sizeof *state);

  copy->name = g_strdup (state->name);
  copy->note = g_strdup (state->note);
  return copy;
}

static void
pg_plan_state_free (PgPlanState *state)
{
  if (state == NULL)
    return;
  g_free (state->name);
  g_free (state->note);
  g_free (state);
}

/* wk_project_is_connection:
 *
 * Whether a project location is a database connection (“PG:…”), not a file.
 */
gboolean
wk_project_is_connection (const char *location)
{
  return location != NULL && g_str_has_prefix (location, "PG:");
}

static char *
display_name (const char *connection,
              const char *schema)
{
  g_autofree char *redacted = _wk_pg_redact (connection);

  return g_strdup_printf ("%s schema=%s", redacted, schema);
}

/**
 * wk_project_location_display_name:
 * @location: a project file or a connection string
 * @schema: (nullable): the schema, for a connection
 *
 * Returns: how messages name a project before it is open: the file's
 *   name, or the connection without its password and the schema
 */
char *
wk_project_location_display_name (const char *location,
                                  const char *schema)
{
  if (wk_project_is_connection (location))
    return display_name (location, schema ? schema : "?");
  return g_filename_display_basename (location);
}

/* wk_project_dup_display_name:
 *
 * Returns: how messages name the project: the file's name, or the
 *   connection (without password) and schema
 */
char *
wk_project_dup_display_name (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  if (self->pg_schema != NULL)
    return display_name (self->pg_connection, self->pg_schema);
  return self->path ? g_filename_display_basename (self->path) : wk_project_dup_title (self);
}

gboolean
wk_project_is_shared (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);
  return self->pg_schema != NULL;
}

/**
 * wk_project_get_schema:
 *
 * Returns: (nullable): the schema of a shared project
 */
const char *
wk_project_get_schema (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  return self->pg_schema;
}

/**
 * wk_project_get_connection:
 *
 * Returns: (nullable): the connection string of a shared project; it may
 *   hold a password: never show it (wk_project_dup_display_name() does not)
 */
const char *
wk_project_get_connection (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  return self->pg_connection;
}

static gboolean
exec (PGconn      *conn,
      const char  *display,
      const char  *sql,
      GError     **error)
{
  g_autoptr(PGresult) res = _wk_pg_exec (conn, display, sql, 0, NULL, error);

  return res != NULL;
}

/* Whether the schema holds a project (its metadata table). */
static gboolean
find_project (PGconn      *conn,
              const char  *display,
              const char  *schema,
              gboolean    *has_schema,
              gboolean    *has_project,
              GError     **error)
{
  const char *params[] = { schema };
  g_autoptr(PGresult) res = _wk_pg_exec (conn, display,
    "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = $1), "
    "(SELECT count(*) FROM information_schema.tables "
    "WHERE table_schema = $1 AND table_name = '" T_METADATA "')", 1, params, error);

  if (res == NULL)
    return FALSE;
  *has_schema = atoi (PQgetvalue (res, 0, 0)) > 0;
  *has_project = atoi (PQgetvalue (res, 0, 1)) > 0;
  return TRUE;
}

static gboolean
set_search_path (PGconn      *conn,
                 const char  *display,
                 const char  *schema,
                 GError     **error)
{
  g_autofree char *quoted = _wk_pg_quote_ident (conn, schema);
  g_autofree char *sql = g_strdup_printf ("SET search_path TO %s, public", quoted);

  return exec (conn, display, sql, error);
}

/* Reads every plan's id and version and keeps them for the plans of
 * @project, known by their (unique) names. */
static gboolean
read_versions (PGconn      *conn,
               const char  *display,
               WkProject   *project,
               GError     **error)
{
  g_autoptr(PGresult) res = _wk_pg_exec (conn, display,
    "SELECT plan_id, name, version, note FROM " T_PLANS, 0, NULL, error);

  if (res == NULL)
    return FALSE;
  g_clear_pointer (&project->pg_plans, g_hash_table_unref);
  project->pg_plans = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                             (GDestroyNotify) pg_plan_state_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      WkPlan *plan = wk_project_find_plan (project, PQgetvalue (res, i, 1));
      PgPlanState *state;

      if (plan == NULL)
        continue;
      state = g_new0 (PgPlanState, 1);
      state->plan_id = g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10);
      state->version = g_ascii_strtoll (PQgetvalue (res, i, 2), NULL, 10);
      state->serial = _wk_plan_get_serial (plan);
      state->name = g_strdup (wk_plan_get_name (plan));
      state->note = g_strdup (wk_plan_get_note (plan));
      g_hash_table_insert (project->pg_plans, g_object_ref (plan), state);
    }
  return TRUE;
}

/**
 * wk_project_open_pg:
 * @connection: a connection string, “PG:host=… dbname=… user=…”
 * @schema: the project's schema
 *
 * Opens a shared project.  The versions of its plans are read first: a plan
 * saved by someone else while it loads is refused at the next save rather
 * than silently overwritten.
 *
 * Returns: (transfer full) (nullable): the project
 */
WkProject *
wk_project_open_pg (const char    *connection,
                    const char    *schema,
                    WkProgress    *progress,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *display = NULL;
  g_autofree char *gdal_path = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(WkProject) project = NULL;
  g_autoptr(WkProject) versions = NULL;
  gboolean has_schema = FALSE, has_project = FALSE;

  g_return_val_if_fail (connection != NULL, NULL);
  if (!_wk_pg_check_schema (schema, error))
    return NULL;
  display = display_name (connection, schema);
  conn = _wk_pg_connect (connection, display, error);
  if (conn == NULL || !find_project (conn, display, schema, &has_schema, &has_project, error))
    return NULL;
  if (!has_project)
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_NOT_PROJECT,
                   _("“%s” holds no Wijkindeling project. Check the schema’s name, or create "
                     "the project there with “wijkindeling-cli new … --schema %s” or "
                     "“wijkindeling-cli copy”."), display, schema);
      return NULL;
    }
  if (!exec (conn, display, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error) ||
      !set_search_path (conn, display, schema, error))
    return NULL;
  /* the versions as of now; the plans themselves come through GDAL */
  gdal_path = _wk_pg_gdal_path (connection, schema);
  project = _wk_project_read_pg (gdal_path, display, progress, cancellable, error);
  if (project == NULL || !read_versions (conn, display, project, error))
    return NULL;
  exec (conn, display, "COMMIT", NULL);
  if (!_wk_project_pg_check_writable (conn, display, schema, &project->pg_read_only, error))
    return NULL;
  project->pg_connection = g_strdup (connection);
  project->pg_schema = g_strdup (schema);
  project->pg_audit_saved = project->audit->len;
  return g_steal_pointer (&project);
}

/* ------------------------------------------------------------ creating */

static const char * const create_sql[] = {
  "ALTER TABLE " T_PLANS " ADD COLUMN version integer NOT NULL DEFAULT 1, "
  "ADD COLUMN saved_by text NOT NULL DEFAULT current_user, "
  "ADD COLUMN saved_at timestamptz NOT NULL DEFAULT now()",
  "CREATE UNIQUE INDEX " T_PLANS "_plan_id ON " T_PLANS " (plan_id)",
  "CREATE UNIQUE INDEX " T_PLANS "_name ON " T_PLANS " (name)",
  "CREATE INDEX " T_AREAS "_plan_id ON " T_AREAS " (plan_id)",
  "CREATE INDEX " T_ASSIGNMENT "_plan_id ON " T_ASSIGNMENT " (plan_id)",
  "ALTER TABLE " T_AUDIT " ADD COLUMN saved_by text DEFAULT current_user",
  NULL
};

/* Writes the whole project into a schema without one, in one transaction. */
static gboolean
create_in_schema (WkProject     *self,
                  const char    *connection,
                  const char    *schema,
                  const char    *display,
                  GCancellable  *cancellable,
                  GError       **error)
{
  const char *const drivers[] = { "PostgreSQL", NULL };
  g_autoptr(WkProjectSnapshot) snap = _wk_project_snapshot_new (self, FALSE);
  g_autofree char *gdal_path = _wk_pg_gdal_path (connection, schema);
  g_autoptr(GString) failure = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  GDALDatasetH ds;
  gboolean ok = FALSE;

  snap->layer_options = g_new0 (char *, 5);
  snap->layer_options[0] = g_strdup ("LAUNDER=NO");
  snap->layer_options[1] = g_strdup ("FID=fid");
  snap->layer_options[2] = g_strdup ("GEOMETRY_NAME=geom");
  snap->layer_options[3] = g_strdup_printf ("SCHEMA=%s", schema);
  snap->all_plan_areas = TRUE;
  g_free (snap->title);
  snap->title = g_strdup (schema);

  wk_gdal_push_capture (failure);
  ds = GDALOpenEx (gdal_path, GDAL_OF_VECTOR | GDAL_OF_UPDATE | GDAL_OF_VERBOSE_ERROR, drivers,
                   NULL, NULL);
  if (ds != NULL)
    {
      ok = _wk_project_snapshot_write_all (snap, ds, create_sql, failure, NULL, cancellable,
                                           &local);
      GDALClose (ds);
    }
  wk_gdal_pop_capture ();
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!ok || failure->len > 0)
    {
      g_autofree char *detail = _wk_pg_redact (failure->len ? failure->str
                                               : _("the map library could not write it"));

      g_set_error (error, WK_PROJECT_ERROR,
                   strstr (detail, "permission denied") ? WK_PROJECT_ERROR_READ_ONLY
                                                         : WK_PROJECT_ERROR_WRITE,
                   _("“%s” could not be saved: %s"), display, detail);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------- saving */

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static gboolean
plan_is_dirty (WkPlan      *plan,
               PgPlanState *state)
{
  return state == NULL || state->serial != _wk_plan_get_serial (plan) ||
         g_strcmp0 (state->name, wk_plan_get_name (plan)) != 0 ||
         g_strcmp0 (state->note, wk_plan_get_note (plan)) != 0;
}

static gboolean
conflict (GError     **error,
          const char  *plan,
          PGresult    *row)
{
  if (row == NULL || PQntuples (row) == 0)
    g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_CONFLICT,
                 _("The plan “%s” was removed or renamed by someone else since you opened it. "
                   "Your changes were not saved, and are kept here: save them as a new plan."),
                 plan);
  else
    g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_CONFLICT,
                 _("The plan “%s” was saved by %s at %s (UTC) since you opened it. Your "
                   "changes were not saved, and are kept here: save them as a new plan, or "
                   "open the project again to see the other version."),
                 plan, PQgetvalue (row, 0, 1), PQgetvalue (row, 0, 2));
  return FALSE;
}

#define WHO_AND_WHEN "version, saved_by, " \
  "to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"

/* Locks the plan's row and checks that nobody saved it since; inserts a
 * new plan.  Returns its id in @plan_id. */
static gboolean
claim_plan (PGconn       *conn,
            const char   *display,
            WkPlan       *plan,
            PgPlanState  *state,
            gint64       *plan_id,
            GError      **error)
{
  const char *name = wk_plan_get_name (plan);
  g_autoptr(PGresult) row = NULL;
  g_autoptr(PGresult) added = NULL;

  if (state != NULL)
    {
      g_autofree char *id = int_text (state->plan_id);
      const char *params[] = { id };

      row = _wk_pg_exec (conn, display, "SELECT " WHO_AND_WHEN " FROM " T_PLANS
                         " WHERE plan_id = $1 FOR UPDATE", 1, params, error);
      if (row == NULL)
        return FALSE;
      if (PQntuples (row) == 0 ||
          g_ascii_strtoll (PQgetvalue (row, 0, 0), NULL, 10) != state->version)
        return conflict (error, state->name, row);
      *plan_id = state->plan_id;
      return TRUE;
    }
  /* new plans one at a time: each takes the next id; version 0, which
   * the save makes 1 */
  if (!exec (conn, display, "LOCK TABLE " T_PLANS " IN SHARE ROW EXCLUSIVE MODE", error))
    return FALSE;
  {
    const char *params[] = { name, wk_plan_get_note (plan) };

    row = _wk_pg_exec (conn, display, "SELECT " WHO_AND_WHEN " FROM " T_PLANS
                       " WHERE name = $1", 1, params, error);
    if (row == NULL)
      return FALSE;
    if (PQntuples (row) > 0)
      return conflict (error, name, row);
    added = _wk_pg_exec (conn, display, "INSERT INTO " T_PLANS
                         " (plan_id, position, name, note, active, version) VALUES ("
                         "(SELECT coalesce (max (plan_id), 0) + 1 FROM " T_PLANS "), "
                         "(SELECT coalesce (max (position), -1) + 1 FROM " T_PLANS "), "
                         "$1, $2, 0, 0) RETURNING plan_id", 2, params, error);
  }
  if (added == NULL)
    return FALSE;
  *plan_id = g_ascii_strtoll (PQgetvalue (added, 0, 0), NULL, 10);
  return TRUE;
}

static gboolean
write_plan_rows (PGconn      *conn,
                 const char  *display,
                 WkDataset   *data,
                 WkPlan      *plan,
                 const char  *id,
                 GError     **error)
{
  GListModel *model = wk_plan_get_areas (plan);
  g_autoptr(GString) areas = g_string_new (NULL);
  g_autoptr(GString) units = g_string_new (NULL);
  const char *params[] = { id };
  g_autoptr(PGresult) del_areas = NULL;
  g_autoptr(PGresult) del_units = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (model, i);
      g_autofree char *area_id = int_text (wk_area_get_id (area));
      g_autofree char *position = int_text (i);

      _wk_pg_copy_field (areas, id, FALSE);
      _wk_pg_copy_field (areas, area_id, FALSE);
      _wk_pg_copy_field (areas, position, FALSE);
      _wk_pg_copy_field (areas, wk_area_get_name (area), FALSE);
      _wk_pg_copy_field (areas, wk_area_get_color (area), FALSE);
      _wk_pg_copy_field (areas, wk_area_get_locked (area) ? "1" : "0", FALSE);
      _wk_pg_copy_field (areas, wk_area_get_note (area), TRUE);
    }
  for (guint u = 0; u < wk_dataset_get_n_units (data); u++)
    {
      guint n_extras = 0;
      const guint *extras = wk_plan_get_unit_extras (plan, u, &n_extras);

      for (guint k = 0; k <= n_extras; k++)
        {
          guint area = k == 0 ? wk_plan_get_unit_area (plan, u) : extras[k - 1];
          g_autofree char *area_id = int_text (area);

          if (area == WK_AREA_NONE)
            continue;
          _wk_pg_copy_field (units, id, FALSE);
          _wk_pg_copy_field (units, wk_dataset_get_unit (data, u)->code, FALSE);
          _wk_pg_copy_field (units, area_id, FALSE);
          _wk_pg_copy_field (units, k > 0 ? "1" : "0", TRUE);
        }
    }
  del_areas = _wk_pg_exec (conn, display, "DELETE FROM " T_AREAS " WHERE plan_id = $1",
                           1, params, error);
  if (del_areas == NULL)
    return FALSE;
  del_units = _wk_pg_exec (conn, display, "DELETE FROM " T_ASSIGNMENT " WHERE plan_id = $1",
                           1, params, error);
  return del_units != NULL &&
         (areas->len == 0 ||
          _wk_pg_copy (conn, display, "COPY " T_AREAS " (plan_id, area_id, position, name, "
                       "color, locked, note) FROM STDIN", areas, error)) &&
         (units->len == 0 ||
          _wk_pg_copy (conn, display, "COPY " T_ASSIGNMENT " (plan_id, unit_code, area_id, "
                       "extra) FROM STDIN", units, error));
}

/* The plan's rows in the areas layer that QGIS shows, dissolved anew. */
static gboolean
write_plan_shapes (PGconn      *conn,
                   const char  *display,
                   WkDataset   *data,
                   WkPlan      *plan,
                   const char  *old_name,
                   GError     **error)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  GListModel *model = wk_plan_get_areas (plan);
  const char *del_params[] = { old_name };
  g_autoptr(PGresult) del = _wk_pg_exec (conn, display, "DELETE FROM " L_AREAS
                                         " WHERE plan = $1", 1, del_params, error);
  GEOSWKBWriter *writer;
  gboolean ok = del != NULL;

  if (!ok)
    return FALSE;
  writer = GEOSWKBWriter_create_r (ctx);
  for (guint i = 0; ok && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (model, i);
      guint n = 0;
      const guint *members = wk_plan_get_area_units (plan, wk_area_get_id (area), &n);
      g_autofree guint *sorted = g_memdup2 (members, sizeof (guint) * MAX (n, 1));
      g_autoptr(WkGeosGeometry) geom = NULL;
      g_autofree char *id = int_text (wk_area_get_id (area));
      g_autofree char *population = int_text (wk_area_get_population (area));
      g_autofree char *count = int_text (n);
      char km2[G_ASCII_DTOSTR_BUF_SIZE] = "0";
      g_autofree char *hex = NULL;
      double m2 = 0.0;

      if (n > 0)
        {
          qsort (sorted, n, sizeof (guint), _wk_uint_compare);
          geom = _wk_dissolve_units (data, sorted, n);
        }
      if (geom != NULL)
        {
          size_t size = 0;
          unsigned char *raw = GEOSWKBWriter_writeHEX_r (ctx, writer, geom, &size);

          GEOSArea_r (ctx, geom, &m2);
          hex = g_strndup ((const char *) raw, size);
          GEOSFree_r (ctx, raw);
        }
      g_ascii_dtostr (km2, sizeof km2, round (m2 / 1e4) / 100.0);
      {
        const char *params[] = {
          id, wk_area_get_name (area), wk_area_get_color (area),
          wk_area_get_locked (area) ? "1" : "0", wk_area_get_note (area), population, count,
          km2, wk_plan_get_name (plan), hex
        };
        g_autoptr(PGresult) res = _wk_pg_exec (conn, display, "INSERT INTO " L_AREAS
          " (id, name, color, locked, note, population, units, area_km2, plan, geom) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "ST_Multi (ST_SetSRID (ST_GeomFromWKB (decode ($10, 'hex')), " RD_SRID ")))",
          10, params, error);

        ok = res != NULL;
      }
    }
  GEOSWKBWriter_destroy_r (ctx, writer);
  return ok;
}

/* Saves one plan that changed: checks its version, replaces its rows. */
static gboolean
save_plan (WkDataset    *data,
           PGconn       *conn,
           const char   *display,
           WkPlan       *plan,
           PgPlanState  *state,
           gint64       *plan_id,
           GError      **error)
{
  g_autofree char *id = NULL;
  g_autoptr(PGresult) updated = NULL;

  if (!claim_plan (conn, display, plan, state, plan_id, error))
    return FALSE;
  id = int_text (*plan_id);
  {
    const char *params[] = { id, wk_plan_get_name (plan), wk_plan_get_note (plan) };

    updated = _wk_pg_exec (conn, display, "UPDATE " T_PLANS " SET name = $2, note = $3, "
                           "version = version + 1, saved_by = current_user, saved_at = now () "
                           "WHERE plan_id = $1", 3, params, error);
  }
  return updated != NULL &&
         write_plan_rows (conn, display, data, plan, id, error) &&
         write_plan_shapes (conn, display, data, plan,
                            state ? state->name : wk_plan_get_name (plan), error);
}

/* Removes the plans read from the database that are no longer in the
 * project, if nobody saved them since. */
static gboolean
remove_plans (PGconn      *conn,
              const char  *display,
              GPtrArray   *removed,
              GError     **error)
{
  static const char * const sql[] = {
    "DELETE FROM " T_AREAS " WHERE plan_id = $1",
    "DELETE FROM " T_ASSIGNMENT " WHERE plan_id = $1",
  };

  for (guint i = 0; i < removed->len; i++)
    {
      PgPlanState *state = g_ptr_array_index (removed, i);
      g_autofree char *id = int_text (state->plan_id);
      g_autofree char *version = int_text (state->version);
      const char *params[] = { id, version };
      const char *name_params[] = { state->name };
      g_autoptr(PGresult) gone = _wk_pg_exec (conn, display, "DELETE FROM " T_PLANS
                                              " WHERE plan_id = $1 AND version = $2",
                                              2, params, error);

      if (gone == NULL)
        return FALSE;
      if (atoi (PQcmdTuples (gone)) == 0)
        return conflict (error, state->name, NULL);
      for (guint k = 0; k <= G_N_ELEMENTS (sql); k++)
        {
          g_autoptr(PGresult) res = k < G_N_ELEMENTS (sql)
            ? _wk_pg_exec (conn, display, sql[k], 1, params, error)
            : _wk_pg_exec (conn, display, "DELETE FROM " L_AREAS " WHERE plan = $1", 1,
                           name_params, error);

          if (res == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
save_log_and_profile (WkProjectSnapshot  *snap,
                      guint               audit_from,
                      PGconn             *conn,
                      const char         *display,
                      GError            **error)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autofree char *now = _wk_project_now_iso8601 ();
  const char *params[] = { snap->profile_ini, now };
  g_autoptr(PGresult) res = NULL;

  for (guint i = audit_from; i < snap->audit->len; i++)
    {
      WkAuditEntry *e = g_ptr_array_index (snap->audit, i);

      _wk_pg_copy_field (rows, e->time, FALSE);
      _wk_pg_copy_field (rows, e->plan, FALSE);
      _wk_pg_copy_field (rows, e->action, FALSE);
      _wk_pg_copy_field (rows, e->units, FALSE);
      _wk_pg_copy_field (rows, e->from_area, FALSE);
      _wk_pg_copy_field (rows, e->to_area, TRUE);
    }
  if (rows->len > 0 &&
      !_wk_pg_copy (conn, display, "COPY " T_AUDIT " (time, plan, action, units, from_area, "
                    "to_area) FROM STDIN", rows, error))
    return FALSE;
  res = _wk_pg_exec (conn, display, "UPDATE " T_METADATA " SET value = CASE key "
                     "WHEN 'profile' THEN $1 ELSE $2 END WHERE key IN ('profile', 'saved')",
                     2, params, error);
  return res != NULL;
}

/* Everything is in the database now: nothing is modified. */
static void
mark_saved (WkProject *self)
{
  GListModel *plans = G_LIST_MODEL (self->plans);

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(WkPlan) plan = g_list_model_get_item (plans, i);

      _wk_plan_set_saved_serial (plan, _wk_plan_get_serial (plan));
    }
  self->saved_struct_serial = self->struct_serial;
  _wk_project_update_modified (self);
}

/* A save of a shared project into its own schema, in three steps: taken
 * on the main thread (pg_save_new: a snapshot of the plans, and the
 * versions they were read at), written on any thread (pg_save_run: it
 * touches nothing of the project), and taken back on the main thread
 * (pg_save_apply: the new versions; what was edited meanwhile stays
 * modified).  So the app saves on a worker while the user goes on
 * editing, and “modified” is only ever notified on the main thread. */
typedef struct
{
  WkProjectSnapshot *snap;
  GPtrArray  *states;          /* PgPlanState copy or NULL, per plan of the snapshot */
  GArray     *dirty;           /* gboolean, per plan of the snapshot */
  GPtrArray  *removed;         /* the project's plans read from the database and gone */
  GPtrArray  *removed_states;  /* PgPlanState copies of those */
  guint       audit_from;
  char       *connection;
  char       *schema;          /* for a save on a worker */
  char       *display;
  WkProgress *progress;
  GArray     *ids;             /* gint64 per plan of the snapshot: its id once saved */
  int         conflict;        /* the snapshot's plan refused, or -1 */
} PgSave;

static void
pg_save_free (PgSave *save)
{
  _wk_project_snapshot_free (save->snap);
  g_ptr_array_unref (save->states);
  g_array_unref (save->dirty);
  g_ptr_array_unref (save->removed);
  g_ptr_array_unref (save->removed_states);
  if (save->connection != NULL)
    memset (save->connection, 0, strlen (save->connection));
  g_free (save->connection);
  g_free (save->schema);
  g_free (save->display);
  g_clear_object (&save->progress);
  g_array_unref (save->ids);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PgSave, pg_save_free)

/* What to write: main thread only. */
static PgSave *
pg_save_new (WkProject  *self,
             WkProgress *progress)
{
  PgSave *save = g_new0 (PgSave, 1);
  GHashTableIter iter;
  gpointer key, value;

  save->snap = _wk_project_snapshot_new (self, FALSE);
  save->states = g_ptr_array_new_with_free_func ((GDestroyNotify) pg_plan_state_free);
  save->dirty = g_array_new (FALSE, TRUE, sizeof (gboolean));
  save->ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (save->ids, save->snap->originals->len);
  for (guint i = 0; i < save->snap->originals->len; i++)
    {
      WkPlan *plan = g_ptr_array_index (save->snap->originals, i);
      PgPlanState *state = g_hash_table_lookup (self->pg_plans, plan);
      gboolean dirty = plan_is_dirty (plan, state);

      g_ptr_array_add (save->states, state ? pg_plan_state_copy (state) : NULL);
      g_array_append_val (save->dirty, dirty);
    }
  save->removed = g_ptr_array_new_with_free_func (g_object_unref);
  save->removed_states = g_ptr_array_new_with_free_func ((GDestroyNotify) pg_plan_state_free);
  g_hash_table_iter_init (&iter, self->pg_plans);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint pos;

      if (g_list_store_find (self->plans, key, &pos))
        continue;
      g_ptr_array_add (save->removed, g_object_ref (key));
      g_ptr_array_add (save->removed_states, pg_plan_state_copy (value));
    }
  save->audit_from = self->pg_audit_saved;
  save->connection = g_strdup (self->pg_connection);
  save->display = display_name (self->pg_connection, self->pg_schema);
  save->progress = progress ? g_object_ref (progress) : NULL;
  save->conflict = -1;
  return save;
}

/* One transaction: every plan that changed, the plans removed, the new
 * lines of the audit log, the profile.  Nothing is written on a conflict.
 * Any thread. */
static gboolean
pg_save_run (PgSave      *save,
             PGconn      *conn,
             const char  *schema,
             GError     **error)
{
  WkProjectSnapshot *snap = save->snap;
  const char *display = save->display;
  guint n_dirty = 0, done = 0;

  for (guint i = 0; i < save->dirty->len; i++)
    n_dirty += g_array_index (save->dirty, gboolean, i);
  if (!exec (conn, display, "BEGIN", error) ||
      !set_search_path (conn, display, schema, error) ||
      !remove_plans (conn, display, save->removed_states, error))
    goto failed;
  for (guint i = 0; i < snap->plans->len; i++)
    {
      WkPlan *plan = g_ptr_array_index (snap->plans, i);
      g_autoptr(GError) local = NULL;

      if (!g_array_index (save->dirty, gboolean, i))
        continue;
      if (save->progress != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Saving the plan “%s”…"),
                                                   wk_plan_get_name (plan));

          wk_progress_update (save->progress, (double) done++ / MAX (n_dirty, 1), text);
        }
      if (!save_plan (snap->dataset, conn, display, plan, g_ptr_array_index (save->states, i),
                      &g_array_index (save->ids, gint64, i), &local))
        {
          if (g_error_matches (local, WK_PROJECT_ERROR, WK_PROJECT_ERROR_CONFLICT))
            save->conflict = i;
          g_propagate_error (error, g_steal_pointer (&local));
          goto failed;
        }
    }
  if (!save_log_and_profile (snap, save->audit_from, conn, display, error) ||
      !exec (conn, display, "COMMIT", error))
    goto failed;
  if (save->progress != NULL)
    wk_progress_update (save->progress, 1.0, NULL);
  return TRUE;

failed:
  if (PQstatus (conn) == CONNECTION_OK)
    exec (conn, display, "ROLLBACK", NULL);
  return FALSE;
}

/* After pg_save_run(), on the main thread: the new versions are the ones
 * to compare with next time, and what the snapshot held is saved. */
static gboolean
pg_save_apply (WkProject  *self,
               PgSave     *save,
               gboolean    saved)
{
  WkProjectSnapshot *snap = save->snap;

  g_clear_object (&self->pg_conflict);
  if (!saved)
    {
      if (save->conflict >= 0)
        self->pg_conflict = g_object_ref (g_ptr_array_index (snap->originals, save->conflict));
      return FALSE;
    }
  for (guint i = 0; i < save->removed->len; i++)
    g_hash_table_remove (self->pg_plans, g_ptr_array_index (save->removed, i));
  for (guint i = 0; i < snap->originals->len; i++)
    {
      WkPlan *plan = g_ptr_array_index (snap->originals, i);
      WkPlan *copy = g_ptr_array_index (snap->plans, i);
      PgPlanState *state, *before;

      before = g_ptr_array_index (save->states, i);
      state = g_hash_table_lookup (self->pg_plans, plan);
      /* a plan saved as a new plan meanwhile (state gone) stays new */
      if (g_array_index (save->dirty, gboolean, i) && (state != NULL || before == NULL))
        {
          if (state == NULL)
            {
              state = g_new0 (PgPlanState, 1);
              g_hash_table_insert (self->pg_plans, g_object_ref (plan), state);
            }
          state->plan_id = g_array_index (save->ids, gint64, i);
          state->version = before ? before->version + 1 : 1;
          state->serial = g_array_index (snap->serials, guint, i);
          replace_str (&state->name, wk_plan_get_name (copy));
          replace_str (&state->note, wk_plan_get_note (copy));
        }
      _wk_plan_set_saved_serial (plan, g_array_index (snap->serials, guint, i));
    }
  self->pg_audit_saved = snap->audit->len;
  self->saved_struct_serial = snap->struct_serial;
  _wk_project_update_modified (self);
  return TRUE;
}

static gboolean
save_changes (WkProject   *self,
              PGconn      *conn,
              GError     **error)
{
  g_autoptr(PgSave) save = pg_save_new (self, NULL);

  return pg_save_apply (self, save, pg_save_run (save, conn, self->pg_schema, error));
}

/**
 * wk_project_save_pg:
 * @connection: a connection string, “PG:host=… dbname=… user=…”
 * @schema: the project's schema
 *
 * Saves a project into a schema.  Into a schema without a project (made
 * when missing) it writes everything; into the schema the project was read
 * from, the plans that changed (see the file's comment).  Either way in one
 * transaction: on an error the schema is as it was.
 *
 * Returns: whether it was saved; %WK_PROJECT_ERROR_CONFLICT when a plan was
 *   saved by someone else since it was read, %WK_PROJECT_ERROR_READ_ONLY
 *   when the user may not write
 */
gboolean
wk_project_save_pg (WkProject     *self,
                    const char    *connection,
                    const char    *schema,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *display = NULL;
  g_autoptr(PGconn) conn = NULL;
  gboolean has_schema = FALSE, has_project = FALSE;
  gboolean own;

  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);
  if (!_wk_pg_check_schema (schema, error))
    return FALSE;
  display = display_name (connection, schema);
  conn = _wk_pg_connect (connection, display, error);
  if (conn == NULL || !find_project (conn, display, schema, &has_schema, &has_project, error))
    return FALSE;
  own = self->pg_schema != NULL && g_str_equal (self->pg_schema, schema) &&
        g_str_equal (self->pg_connection, connection);
  if (has_project && own)
    return save_changes (self, conn, error);
  if (has_project)
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE,
                   _("“%s” already holds a project: nothing was changed. Choose another "
                     "schema, or open that project."), display);
      return FALSE;
    }
  if (!has_schema)
    {
      g_autofree char *quoted = _wk_pg_quote_ident (conn, schema);
      g_autofree char *sql = g_strdup_printf ("CREATE SCHEMA %s", quoted);

      if (!exec (conn, display, sql, error))
        return FALSE;
    }
  if (!create_in_schema (self, connection, schema, display, cancellable, error))
    {
      if (!has_schema)
        {
          g_autofree char *quoted = _wk_pg_quote_ident (conn, schema);
          g_autofree char *sql = g_strdup_printf ("DROP SCHEMA %s CASCADE", quoted);

          exec (conn, display, sql, NULL);
        }
      return FALSE;
    }
  /* the style QGIS shows the areas in: not worth failing the save for */
  {
    g_autoptr(GError) style_error = NULL;

    if (!exec (conn, display, "BEGIN", &style_error) ||
        !_wk_layer_style_write_pg (conn, schema, &style_error) ||
        !exec (conn, display, "COMMIT", &style_error))
      {
        g_debug ("no QGIS style for “%s”: %s", display, style_error->message);
        exec (conn, display, "ROLLBACK", NULL);
      }
  }
  replace_str (&self->pg_connection, connection);
  replace_str (&self->pg_schema, schema);
  self->pg_audit_saved = self->audit->len;
  if (!set_search_path (conn, display, schema, error) ||
      !read_versions (conn, display, self, error))
    return FALSE;
  mark_saved (self);
  return TRUE;
}

static void
save_pg_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PgSave *save = task_data;
  g_autoptr(PGconn) conn = NULL;
  GError *error = NULL;

  conn = _wk_pg_connect (save->connection, save->display, &error);
  if (conn != NULL && pg_save_run (save, conn, save->schema, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * wk_project_save_pg_async:
 * @self: a shared project (wk_project_is_shared())
 *
 * Saves the plans that changed into the project's own schema, as
 * wk_project_save_pg() does, on a worker thread: what to save is taken now,
 * and the user may go on editing (those edits stay unsaved).  The project
 * notifies “modified” only in wk_project_save_pg_finish(), on the thread
 * that called this.
 */
void
wk_project_save_pg_async (WkProject           *self,
                          WkProgress          *progress,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PgSave *save;

  g_return_if_fail (WK_IS_PROJECT (self));
  g_return_if_fail (self->pg_schema != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wk_project_save_pg_async);
  save = pg_save_new (self, progress);
  save->schema = g_strdup (self->pg_schema);
  g_task_set_task_data (task, save, (GDestroyNotify) pg_save_free);
  g_task_run_in_thread (task, save_pg_thread);
}

/**
 * wk_project_save_pg_finish:
 *
 * Takes the new versions of the saved plans, or the plan refused
 * (wk_project_get_conflict_plan()).  Call it from the callback.
 *
 * Returns: whether it was saved; the errors of wk_project_save_pg()
 */
gboolean
wk_project_save_pg_finish (WkProject     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return pg_save_apply (self, g_task_get_task_data (G_TASK (result)),
                        g_task_propagate_boolean (G_TASK (result), error));
}

/**
 * wk_project_get_conflict_plan:
 *
 * Returns: (transfer none) (nullable): the plan that someone else saved
 *   when the last wk_project_save_pg() was refused with
 *   %WK_PROJECT_ERROR_CONFLICT; %NULL after a save that was not
 */
WkPlan *
wk_project_get_conflict_plan (WkProject *self)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), NULL);
  return self->pg_conflict;
}

/**
 * wk_project_save_plan_as_new:
 * @plan: a plan of a shared project whose save was refused
 * @name: its new name
 *
 * Keeps someone's work after a conflict: the plan is renamed and the next
 * save adds it as a new plan, leaving the other person's version as it is.
 */
gboolean
wk_project_save_plan_as_new (WkProject   *self,
                             WkPlan      *plan,
                             const char  *name,
                             GError     **error)
{
  g_return_val_if_fail (WK_IS_PROJECT (self), FALSE);
  if (!wk_project_rename_plan (self, plan, name, error))
    return FALSE;
  if (self->pg_plans != NULL)
    g_hash_table_remove (self->pg_plans, plan);
  return TRUE;
}
