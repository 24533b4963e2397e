/* test-project-pg.c: shared projects in PostgreSQL/PostGIS, against a cluster of the test's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdal.h>
#include <libpq-fe.h>
#include <ogr_api.h>
#include <string.h>

#include "wk-test-pg.h"
#include "wk-test-util.h"

#define SCHEMA "woerden"

/* The sample with two plans, notes, a profile change and audit lines. */
static WkProject *
sample_project (void)
{
  g_autoptr(WkDataset) dataset = wk_test_sample_dataset ();
  g_autofree char *csv = wk_test_sample_path ("plan.csv");
  g_autoptr(WkPlan) plan = wk_plan_new (dataset);
  WkProject *project = wk_project_new (dataset, NULL);
  g_autoptr(GError) error = NULL;
  WkPlan *copy;

  g_assert_true (wk_plan_import_csv (plan, csv, NULL, &error));
  g_assert_no_error (error);
  wk_plan_set_name (plan, "Startplan");
  g_assert_true (wk_project_add_plan (project, plan, &error));
  wk_project_set_active_plan (project, plan);
  wk_plan_set_note (plan, "Besproken met de ROS.\nNog te doen: Westerlaan\t(tab) \\ slash");
  copy = wk_project_duplicate_plan (project, plan, "Variant B", &error);
  g_assert_true (copy != NULL &&
                 wk_plan_merge_areas (copy, wk_area_get_id (wk_plan_find_area (copy, "Oudeland")),
                                      wk_area_get_id (wk_plan_find_area (copy, "Kerkhoven")),
                                      &error) &&
                 wk_profile_set_double (wk_project_get_profile (project), "population", "max",
                                        9000, &error));
  g_assert_no_error (error);
  return project;
}

/* The sample, saved in the test's database. */
static WkProject *
shared_sample (WkTestPgFixture *fx)
{
  WkProject *project = sample_project ();
  g_autoptr(GError) error = NULL;

  g_assert_true (wk_project_save_pg (project, fx->pg, SCHEMA, NULL, &error));
  g_assert_no_error (error);
  return project;
}

/* Plans, notes, assignment, profile and audit log the same. */
static void
assert_same_project (WkProject *a,
                     WkProject *b)
{
  GListModel *pa = wk_project_get_plans (a), *pb = wk_project_get_plans (b);
  GPtrArray *la = wk_project_get_audit_log (a), *lb = wk_project_get_audit_log (b);
  WkDataset *data = wk_project_get_dataset (a);

  g_assert_cmpuint (wk_dataset_get_n_units (data), ==,
                    wk_dataset_get_n_units (wk_project_get_dataset (b)));
  g_assert_true (wk_profile_equal (wk_project_get_profile (a), wk_project_get_profile (b)));
  g_assert_cmpuint (g_list_model_get_n_items (pa), ==, g_list_model_get_n_items (pb));
  for (guint i = 0; i < g_list_model_get_n_items (pa); i++)
    {
      g_autoptr(WkPlan) x = g_list_model_get_item (pa, i);
      g_autoptr(WkPlan) y = g_list_model_get_item (pb, i);

      g_assert_cmpstr (wk_plan_get_name (x), ==, wk_plan_get_name (y));
      g_assert_cmpstr (wk_plan_get_note (x), ==, wk_plan_get_note (y));
      g_assert_cmpuint (g_list_model_get_n_items (wk_plan_get_areas (x)), ==,
                        g_list_model_get_n_items (wk_plan_get_areas (y)));
      for (guint u = 0; u < wk_dataset_get_n_units (data); u++)
        g_assert_cmpuint (wk_plan_get_unit_area (x, u), ==, wk_plan_get_unit_area (y, u));
    }
  g_assert_cmpstr (wk_plan_get_name (wk_project_get_active_plan (a)), ==,
                   wk_plan_get_name (wk_project_get_active_plan (b)));
  g_assert_cmpuint (la->len, ==, lb->len);
  for (guint i = 0; i < la->len; i++)
    {
      WkAuditEntry *x = g_ptr_array_index (la, i), *y = g_ptr_array_index (lb, i);

      g_assert_cmpstr (x->time, ==, y->time);
      g_assert_cmpstr (x->action, ==, y->action);
      g_assert_cmpstr (x->units, ==, y->units);
    }
}

static WkProject *
open_shared (WkTestPgFixture *fx)
{
  g_autoptr(GError) error = NULL;
  WkProject *project = wk_project_open_pg (fx->pg, SCHEMA, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_true (wk_project_is_shared (project));
  return project;
}

/* the plan's version in the database */
static char *
plan_version (WkTestPgFixture *fx,
              const char      *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM " SCHEMA ".wk_plans "
                                          "WHERE name = '%s'", name);

  return wk_test_pg_query (fx, sql);
}

static WkPlan *
plan_named (WkProject  *project,
            const char *name)
{
  WkPlan *plan = wk_project_find_plan (project, name);

  g_assert_nonnull (plan);
  return plan;
}

/* Moves the first unit of the plan to another area: a change to save. */
static void
edit_plan (WkPlan *plan)
{
  GListModel *areas = wk_plan_get_areas (plan);
  guint n = g_list_model_get_n_items (areas);
  guint now = wk_plan_get_unit_area (plan, 0);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);

      if (wk_area_get_id (area) != now)
        {
          g_assert_true (wk_plan_assign (plan, 0, wk_area_get_id (area), &error));
          g_assert_no_error (error);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_round_trip (WkTestPgFixture *fx,
                 gconstpointer    data)
{
  g_autoptr(WkProject) project = NULL;
  g_autoptr(WkProject) shared = NULL;
  g_autoptr(WkProject) back = NULL;
  g_autofree char *path = wk_test_temp_path ("back.wijk.gpkg");
  g_autofree char *srid = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_failed () || fx->pg == NULL)
    return;
  project = sample_project ();
  g_assert_cmpuint (wk_project_get_audit_log (project)->len, >, 0);
  g_assert_true (wk_project_save_pg (project, fx->pg, SCHEMA, NULL, &error));
  g_assert_no_error (error);
  shared = open_shared (fx);
  assert_same_project (project, shared);

  /* the map layers in RD New, every plan's areas for QGIS */
  srid = wk_test_pg_query (fx, "SELECT Find_SRID('" SCHEMA "', 'units', 'geom')");
  g_assert_cmpstr (srid, ==, "28992");
  g_free (srid);
  srid = wk_test_pg_query (fx, "SELECT count(DISTINCT plan) FROM " SCHEMA ".areas");
  g_assert_cmpstr (srid, ==, "2");   /* the first plan is empty */

  /* and back to a file, the same again */
  g_assert_true (wk_project_save (shared, path, NULL, &error));
  g_assert_no_error (error);
  back = wk_project_open (path, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_project (project, back);

  /* QGIS's default style of the areas, in PostGIS and in the file */
  g_free (srid);
  srid = wk_test_pg_query (fx, "SELECT count(*) FROM public.layer_styles WHERE "
                               "f_table_schema = '" SCHEMA "' AND f_table_name = 'areas' "
                               "AND useasdefault AND styleqml::text LIKE '%fillColor%'");
  g_assert_cmpstr (srid, ==, "1");
  {
    GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH styles = GDALDatasetExecuteSQL (ds, "SELECT styleQML FROM layer_styles WHERE "
                                              "f_table_name = 'areas' AND useAsDefault = 1",
                                              NULL, NULL);
    OGRFeatureH f;

    g_assert_nonnull (styles);
    g_assert_cmpint (OGR_L_GetFeatureCount (styles, TRUE), ==, 1);
    f = OGR_L_GetNextFeature (styles);
    g_assert_nonnull (strstr (OGR_F_GetFieldAsString (f, 0), "name=\"field\" value=\"color\""));
    OGR_F_Destroy (f);
    GDALDatasetReleaseResultSet (ds, styles);
    GDALClose (ds);
  }

  /* a second project cannot overwrite the schema */
  g_assert_false (wk_project_save_pg (back, fx->pg, SCHEMA, NULL, &error));
  g_assert_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE);
}

/* Two people save the same plan: the second is refused, naming who saved,
 * and keeps the work as a new plan; other plans save independently. */
static void
test_conflict (WkTestPgFixture *fx,
               gconstpointer    data)
{
  g_autoptr(WkProject) project = NULL;
  g_autoptr(WkProject) anna = NULL;
  g_autoptr(WkProject) bert = NULL;
  g_autoptr(WkProject) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;

  if (fx->pg == NULL)
    return;
  project = shared_sample (fx);
  anna = open_shared (fx);
  bert = open_shared (fx);

  g_assert_false (wk_project_is_modified (anna));
  edit_plan (plan_named (anna, "Startplan"));
  edit_plan (plan_named (bert, "Variant B"));
  g_assert_true (wk_project_is_modified (anna));
  g_assert_true (wk_project_save_pg (anna, fx->pg, SCHEMA, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wk_project_is_modified (anna));
  g_assert_null (wk_project_get_conflict_plan (anna));
  g_assert_true (wk_project_save_pg (bert, fx->pg, SCHEMA, NULL, &error));
  g_assert_no_error (error);

  edit_plan (plan_named (anna, "Variant B"));
  g_assert_false (wk_project_save_pg (anna, fx->pg, SCHEMA, NULL, &error));
  g_assert_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Variant B"));
  g_assert_nonnull (strstr (error->message, "saved by wk at"));
  g_clear_error (&error);
  g_assert_true (wk_project_get_conflict_plan (anna) == plan_named (anna, "Variant B"));
  g_assert_true (wk_project_is_modified (anna));
  version = plan_version (fx, "Variant B");
  g_assert_cmpstr (version, ==, "2");

  g_assert_true (wk_project_save_plan_as_new (anna, plan_named (anna, "Variant B"),
                                              "Variant B (Anna)", &error));
  g_assert_true (wk_project_save_pg (anna, fx->pg, SCHEMA, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (wk_project_is_modified (anna));
  g_assert_null (wk_project_get_conflict_plan (anna));

  /* the new plan is Anna's now: she saves it again without a conflict */
  edit_plan (plan_named (anna, "Variant B (Anna)"));
  g_assert_true (wk_project_save_pg (anna, fx->pg, SCHEMA, NULL, &error));
  g_assert_no_error (error);
  g_free (version);
  version = plan_version (fx, "Variant B (Anna)");
  g_assert_cmpstr (version, ==, "2");

  /* a plan removed is removed there too */
  g_assert_true (wk_project_remove_plan (anna, plan_named (anna, "Plan"), &error));
  g_assert_true (wk_project_save_pg (anna, fx->pg, SCHEMA, NULL, &error));
  g_assert_no_error (error);

  check = open_shared (fx);
  g_assert_null (wk_project_find_plan (check, "Plan"));
  g_assert_cmpuint (g_list_model_get_n_items (wk_project_get_plans (check)), ==, 3);
  g_assert_cmpuint (wk_plan_get_unit_area (plan_named (check, "Variant B (Anna)"), 0), ==,
                    wk_plan_get_unit_area (plan_named (anna, "Variant B (Anna)"), 0));
  g_assert_cmpuint (wk_plan_get_unit_area (plan_named (check, "Variant B"), 0), ==,
                    wk_plan_get_unit_area (plan_named (bert, "Variant B"), 0));
  g_assert_cmpuint (wk_plan_get_unit_area (plan_named (check, "Startplan"), 0), ==,
                    wk_plan_get_unit_area (plan_named (anna, "Startplan"), 0));
  g_free (version);
  version = wk_test_pg_query (fx, "SELECT count(*) FROM " SCHEMA ".wk_audit_log "
                                  "WHERE saved_by = 'wk'");
  g_assert_cmpint (atoi (version), >, 0);
}

/* Two people save the same plan, round after round: exactly one of them
 * wins each round, the other is refused and reads the plan again. */
static void
test_same_plan_rounds (WkTestPgFixture *fx,
                       gconstpointer    data)
{
  g_autoptr(WkProject) project = NULL;
  g_autofree char *version = NULL;

  if (fx->pg == NULL)
    return;
  project = shared_sample (fx);
  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(WkProject) one = open_shared (fx);
      g_autoptr(WkProject) two = open_shared (fx);
      WkProject *first = round % 2 ? two : one, *second = round % 2 ? one : two;
      g_autoptr(GError) error = NULL;

      edit_plan (plan_named (one, "Startplan"));
      edit_plan (plan_named (two, "Startplan"));
      g_assert_true (wk_project_save_pg (first, fx->pg, SCHEMA, NULL, &error));
      g_assert_no_error (error);
      g_assert_false (wk_project_save_pg (second, fx->pg, SCHEMA, NULL, &error));
      g_assert_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_CONFLICT);
    }
  version = plan_version (fx, "Startplan");
  g_assert_cmpstr (version, ==, "7");
}

static const char *self_path;

/* One of the processes of test_concurrent_saves: opens the project once,
 * then changes and saves its own plan 25 times. */
static int
run_saver (const char *pg,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProject) project = wk_project_open_pg (pg, SCHEMA, NULL, NULL, &error);
  WkPlan *plan = project ? wk_project_find_plan (project, name) : NULL;

  for (guint i = 0; plan != NULL && i < 25; i++)
    {
      edit_plan (plan);
      if (!wk_project_save_pg (project, pg, SCHEMA, NULL, &error))
        break;
    }
  if (error != NULL || plan == NULL)
    g_printerr ("%s: %s\n", name, error ? error->message : "no such plan");
  return error != NULL || plan == NULL;
}

/* The area of @plan that unit @unit goes to in the rival number @role: never
 * its area now, and never the other rival's. */
static WkArea *
rival_area (WkPlan *plan,
            guint   unit,
            guint   role)
{
  GListModel *areas = wk_plan_get_areas (plan);
  guint now = wk_plan_get_unit_area (plan, unit);

  for (guint i = 0, seen = 0; i < g_list_model_get_n_items (areas); i++)
    {
      WkArea *area = g_list_model_get_item (areas, i);

      g_object_unref (area);
      if (wk_area_get_id (area) != now && seen++ == role)
        return area;
    }
  g_assert_not_reached ();
}

/* the next line a rival says, past GLib's test output (“# …”) */
static char *
read_line (GDataInputStream *in)
{
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, NULL)) != NULL &&
         line[0] == '#')
    g_free (line);
  return line;
}

/* One of the two processes of test_same_plan_processes: changes the plan
 * “Startplan”, says “ready AREA” and waits for “go”; then saves and says
 * “saved” (exit 0) or “conflict” with the message on stderr, and on request
 * (“as-new NAME”) keeps its version as a new plan (exit 2, the command
 * line's status for a refused save; 3 when anything else failed). */
static int
run_rival (const char *pg,
           guint       unit,
           guint       role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProject) project = wk_project_open_pg (pg, SCHEMA, NULL, NULL, &error);
  char go[16] = "", request[256] = "";
  WkPlan *plan = project ? wk_project_find_plan (project, "Startplan") : NULL;
  WkArea *area;

  if (plan == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "no plan “Startplan”");
      return 3;
    }
  area = rival_area (plan, unit, role);
  if (!wk_plan_assign (plan, unit, wk_area_get_id (area), &error))
    return 3;
  g_print ("ready %s\n", wk_area_get_name (area));
  fflush (stdout);
  if (fgets (go, sizeof go, stdin) == NULL || !g_str_equal (g_strchomp (go), "go"))
    return 3;
  if (wk_project_save_pg (project, pg, SCHEMA, NULL, &error))
    {
      g_print ("saved\n");
      return 0;
    }
  g_printerr ("%s\n", error->message);
  if (!g_error_matches (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_CONFLICT))
    return 3;
  g_clear_error (&error);
  g_print ("conflict\n");
  fflush (stdout);
  if (fgets (request, sizeof request, stdin) != NULL &&
      g_str_has_prefix (g_strchomp (request), "as-new ") &&
      wk_project_save_plan_as_new (project, plan, request + 7, &error) &&
      wk_project_save_pg (project, pg, SCHEMA, NULL, &error))
    return 2;
  g_printerr ("%s\n", error ? error->message : "no request");
  return 3;
}

typedef struct
{
  GSubprocess      *proc;
  GDataInputStream *out;
  char             *area;    /* where it put the unit */
  char             *result;  /* “saved” or “conflict” */
} Rival;

static void
rival_clear (Rival *r)
{
  g_clear_object (&r->proc);
  g_clear_object (&r->out);
  g_clear_pointer (&r->area, g_free);
  g_clear_pointer (&r->result, g_free);
}

static void
rival_say (Rival      *r,
           const char *line)
{
  GOutputStream *in = g_subprocess_get_stdin_pipe (r->proc);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (in, line, strlen (line), NULL, NULL, &error) &&
                 g_output_stream_flush (in, NULL, &error));
  g_assert_no_error (error);
}

static char *
rival_stderr (Rival *r)
{
  g_autoptr(GOutputStream) all = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (all, g_subprocess_get_stderr_pipe (r->proc),
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write (all, "", 1, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (all));
}

/* Two processes change the same plan and save at the same moment, round
 * after round: exactly one wins (exit 0), the other is refused with a
 * message that names who saved and when, and on request keeps its version
 * as a new plan; both versions are then in the database. */
static void
test_same_plan_processes (WkTestPgFixture *fx,
                          gconstpointer    data)
{
  g_autoptr(WkProject) project = NULL;
  g_autoptr(GRegex) who_when = g_regex_new ("was saved by wk at \\d{4}-\\d\\d-\\d\\d "
                                            "\\d\\d:\\d\\d:\\d\\d \\(UTC\\)", 0, 0, NULL);
  g_autoptr(GError) error = NULL;
  guint wins[2] = { 0, 0 };

  if (fx->pg == NULL)
    return;
  project = shared_sample (fx);
  for (guint round = 0; round < 5; round++)
    {
      g_autofree char *unit = g_strdup_printf ("%u", round);
      g_autofree char *kept = g_strdup_printf ("Startplan, versie %u", round);
      g_autofree char *request = g_strdup_printf ("as-new %s\n", kept);
      g_autofree char *message = NULL;
      g_autoptr(WkProject) after = NULL;
      Rival rivals[2] = { { 0 } };
      Rival *winner, *loser;

      for (guint r = 0; r < 2; r++)
        {
          g_autofree char *role = g_strdup_printf ("%u", r);

          rivals[r].proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                             G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                             G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                             self_path, "--rival", fx->pg, unit, role, NULL);
          g_assert_no_error (error);
          rivals[r].out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (rivals[r].proc));
        }
      /* both have read and changed the plan: now they save together */
      for (guint r = 0; r < 2; r++)
        {
          g_autofree char *ready = read_line (rivals[r].out);

          g_assert_nonnull (ready);
          g_assert_true (g_str_has_prefix (ready, "ready "));
          rivals[r].area = g_strdup (ready + 6);
        }
      for (guint r = 0; r < 2; r++)
        rival_say (&rivals[r], "go\n");
      for (guint r = 0; r < 2; r++)
        rivals[r].result = read_line (rivals[r].out);
      g_assert_true ((g_strcmp0 (rivals[0].result, "saved") == 0) !=
                     (g_strcmp0 (rivals[1].result, "saved") == 0));
      winner = g_str_equal (rivals[0].result, "saved") ? &rivals[0] : &rivals[1];
      loser = winner == &rivals[0] ? &rivals[1] : &rivals[0];
      wins[winner - rivals]++;
      g_assert_cmpstr (loser->result, ==, "conflict");
      rival_say (loser, request);
      for (guint r = 0; r < 2; r++)
        {
          g_assert_true (g_subprocess_wait (rivals[r].proc, NULL, &error));
          g_assert_true (g_subprocess_get_if_exited (rivals[r].proc));
        }
      g_assert_cmpint (g_subprocess_get_exit_status (winner->proc), ==, 0);
      g_assert_cmpint (g_subprocess_get_exit_status (loser->proc), ==, 2);
      message = rival_stderr (loser);
      g_assert_nonnull (strstr (message, "The plan “Startplan” was saved by"));
      g_assert_true (g_regex_match (who_when, message, 0, NULL));
      /* nothing lost: the winner's version is the plan, the loser's the new one */
      after = open_shared (fx);
      g_assert_cmpstr (wk_area_get_name (wk_plan_get_area (plan_named (after, "Startplan"),
                         wk_plan_get_unit_area (plan_named (after, "Startplan"), round))),
                       ==, winner->area);
      g_assert_cmpstr (wk_area_get_name (wk_plan_get_area (plan_named (after, kept),
                         wk_plan_get_unit_area (plan_named (after, kept), round))),
                       ==, loser->area);
      g_assert_cmpstr (winner->area, !=, loser->area);
      for (guint r = 0; r < 2; r++)
        rival_clear (&rivals[r]);
    }
  g_test_message ("wins: first %u, second %u", wins[0], wins[1]);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   saved;
  GError    *error;
  GThread   *notified_on;
} AsyncSave;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncSave *as = user_data;

  as->saved = wk_project_save_pg_finish (WK_PROJECT (source), result, &as->error);
  g_main_loop_quit (as->loop);
}

static void
on_modified_cb (WkProject  *project,
                GParamSpec *pspec,
                AsyncSave  *as)
{
  as->notified_on = g_thread_self ();
}

/* A save on a worker that waits for the server (a row lock someone else
 * holds): the project can be edited meanwhile, that edit stays unsaved, and
 * “modified” is notified on the thread that saves, never on the worker. */
static void
test_save_async (WkTestPgFixture *fx,
                 gconstpointer    data)
{
  g_autoptr(WkProject) project = NULL;
  g_autoptr(WkProject) mine = NULL;
  g_autoptr(WkProject) after = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *version = NULL;
  AsyncSave as = { loop, FALSE, NULL, NULL };
  WkTestPgHold *hold;
  guint first, second;

  if (fx->pg == NULL)
    return;
  project = shared_sample (fx);
  mine = open_shared (fx);
  edit_plan (plan_named (mine, "Startplan"));
  first = wk_plan_get_unit_area (plan_named (mine, "Startplan"), 0);
  g_signal_connect (mine, "notify::modified", G_CALLBACK (on_modified_cb), &as);
  hold = wk_test_pg_hold (fx, "SELECT 1 FROM " SCHEMA ".wk_plans FOR UPDATE");
  wk_project_save_pg_async (mine, NULL, NULL, saved_cb, &as);
  g_assert_true (wk_test_pg_wait_for_waiters (fx, 1));
  /* the save waits: edit on */
  edit_plan (plan_named (mine, "Startplan"));
  second = wk_plan_get_unit_area (plan_named (mine, "Startplan"), 0);
  g_assert_cmpuint (first, !=, second);
  wk_test_pg_release (hold);
  g_main_loop_run (loop);
  g_assert_no_error (as.error);
  g_assert_true (as.saved);
  g_assert_true (as.notified_on == NULL || as.notified_on == g_thread_self ());
  g_assert_true (wk_project_is_modified (mine));
  version = plan_version (fx, "Startplan");
  g_assert_cmpstr (version, ==, "2");
  after = open_shared (fx);
  g_assert_cmpuint (wk_plan_get_unit_area (plan_named (after, "Startplan"), 0), ==, first);
  /* the edit made meanwhile is saved by the next save, against version 2 */
  g_assert_true (wk_project_save_pg (mine, fx->pg, SCHEMA, NULL, &as.error));
  g_assert_no_error (as.error);
  g_assert_false (wk_project_is_modified (mine));
  g_clear_object (&after);
  after = open_shared (fx);
  g_assert_cmpuint (wk_plan_get_unit_area (plan_named (after, "Startplan"), 0), ==, second);
}

typedef struct
{
  GMainLoop *loop;
  char      *message;
  WkPlan    *plan;
  GError    *error;
} Poll;

static void
polled_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Poll *poll = user_data;

  poll->message = wk_project_poll_pg_finish (WK_PROJECT (source), result, &poll->plan,
                                             &poll->error);
  g_main_loop_quit (poll->loop);
}

/* What a poll of @project finds; asserts no error. */
static char *
poll_once (WkProject *project,
           WkPlan   **plan)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Poll poll = { loop, NULL, NULL, NULL };

  wk_project_poll_pg_async (project, NULL, polled_cb, &poll);
  g_main_loop_run (loop);
  g_assert_no_error (poll.error);
  if (plan != NULL)
    *plan = poll.plan;
  return poll.message;
}

/* The poll sees a plan someone else saved, names who and when, and makes
 * it the conflict plan; our own saves are never reported. */
static void
test_poll (WkTestPgFixture *fx,
           gconstpointer    data)
{
  g_autoptr(WkProject) project = NULL;
  g_autoptr(WkProject) mine = NULL;
  g_autoptr(WkProject) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  WkPlan *plan = NULL;

  if (fx->pg == NULL)
    return;
  project = shared_sample (fx);
  mine = open_shared (fx);
  theirs = open_shared (fx);
  g_assert_null (poll_once (mine, NULL));
  /* our own save is not someone else's */
  edit_plan (plan_named (mine, "Variant B"));
  g_assert_true (wk_project_save_pg (mine, fx->pg, SCHEMA, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (poll_once (mine, NULL));
  /* theirs is, before we save anything */
  edit_plan (plan_named (theirs, "Startplan"));
  g_assert_true (wk_project_save_pg (theirs, fx->pg, SCHEMA, NULL, &error));
  g_assert_no_error (error);
  message = poll_once (mine, &plan);
  g_assert_nonnull (message);
  g_assert_true (g_regex_match_simple ("^The plan “Startplan” was changed by wk at "
                                       "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(UTC\\)", message,
                                       0, 0));
  g_assert_true (plan == plan_named (mine, "Startplan"));
  g_assert_true (wk_project_get_conflict_plan (mine) == plan);
}

/* 8 processes × 25 saves of different plans at once: all 200 are there. */
static void
test_concurrent_saves (WkTestPgFixture *fx,
                       gconstpointer    data)
{
  g_autoptr(WkProject) project = NULL;
  g_autoptr(GPtrArray) procs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *versions = NULL;

  if (fx->pg == NULL)
    return;
  project = sample_project ();
  for (guint p = 0; p < 8; p++)
    {
      g_autofree char *name = g_strdup_printf ("P%u", p);

      g_assert_nonnull (wk_project_duplicate_plan (project, plan_named (project, "Startplan"),
                                                   name, &error));
    }
  g_assert_true (wk_project_save_pg (project, fx->pg, SCHEMA, NULL, &error));
  g_assert_no_error (error);
  for (guint p = 0; p < 8; p++)
    {
      g_autofree char *name = g_strdup_printf ("P%u", p);

      g_ptr_array_add (procs, g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                                self_path,
                                                "--saver", fx->pg, name, NULL));
      g_assert_no_error (error);
    }
  for (guint p = 0; p < procs->len; p++)
    {
      g_assert_true (g_subprocess_wait (g_ptr_array_index (procs, p), NULL, &error));
      g_assert_true (g_subprocess_get_successful (g_ptr_array_index (procs, p)));
    }
  /* every plan saved 25 times over its first version, the others untouched */
  versions = wk_test_pg_query (fx, "SELECT string_agg (name || '=' || version, ' ' ORDER BY name) "
                                   "FROM " SCHEMA ".wk_plans");
  g_assert_cmpstr (versions, ==, "P0=26 P1=26 P2=26 P3=26 P4=26 P5=26 P6=26 P7=26 Plan=1 "
                                 "Startplan=1 Variant B=1");
}

/* A user who may only read: the project opens, a save is refused as
 * read-only and changes nothing. */
static void
test_read_only (WkTestPgFixture *fx,
                gconstpointer    data)
{
  g_autoptr(WkProject) project = NULL;
  g_autoptr(WkProject) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *conn = NULL;
  g_autofree char *version = NULL;

  if (fx->pg == NULL)
    return;
  project = shared_sample (fx);
  g_assert_true (wk_test_pg_sql (fx, "DROP ROLE IF EXISTS lezer; CREATE ROLE lezer LOGIN; "
                                     "GRANT USAGE ON SCHEMA " SCHEMA " TO lezer; "
                                     "GRANT SELECT ON ALL TABLES IN SCHEMA " SCHEMA " TO lezer",
                                 &error));
  g_assert_no_error (error);
  conn = g_strdup_printf ("%s user=lezer password=geheim123", fx->pg);
  reader = wk_project_open_pg (conn, SCHEMA, NULL, NULL, &error);
  g_assert_no_error (error);
  /* seen at open, before any save */
  g_assert_true (wk_project_is_read_only (reader));
  g_assert_false (wk_project_is_read_only (project));
  edit_plan (plan_named (reader, "Startplan"));
  g_assert_false (wk_project_save_pg (reader, conn, SCHEMA, NULL, &error));
  g_assert_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_assert_null (strstr (error->message, "geheim123"));
  version = plan_version (fx, "Startplan");
  g_assert_cmpstr (version, ==, "1");
}

static gpointer
stop_server_soon (gpointer data)
{
  g_usleep (G_USEC_PER_SEC * 3 / 2);
  wk_test_pg_stop_server ();
  return NULL;
}

/* The server goes away in the middle of a save (held there by a lock on
 * the areas layer, after the plan's rows were rewritten): a clear error,
 * and the plan as it was saved before. */
static void
test_server_gone (WkTestPgFixture *fx,
                  gconstpointer    data)
{
  g_autoptr(WkProject) project = NULL;
  g_autoptr(WkProject) shared = NULL;
  g_autoptr(WkProject) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) stopper = NULL;
  g_autofree char *version = NULL;
  PGconn *blocker;
  PGresult *res;
  guint before;

  if (fx->pg == NULL)
    return;
  project = shared_sample (fx);
  shared = open_shared (fx);
  before = wk_plan_get_unit_area (plan_named (shared, "Startplan"), 0);
  edit_plan (plan_named (shared, "Startplan"));

  blocker = PQconnectdb (fx->conninfo);
  res = PQexec (blocker, "BEGIN; LOCK TABLE " SCHEMA ".areas IN EXCLUSIVE MODE");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
  PQclear (res);
  stopper = g_thread_new ("stopper", stop_server_soon, NULL);
  g_assert_false (wk_project_save_pg (shared, fx->pg, SCHEMA, NULL, &error));
  g_thread_join (g_steal_pointer (&stopper));
  PQfinish (blocker);
  g_assert_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "connection"));
  g_assert_nonnull (strstr (error->message, "was lost"));
  g_clear_error (&error);

  /* the edit is still there to save again; the database has the old plan */
  g_assert_true (wk_test_pg_start_server ());
  g_assert_cmpuint (wk_plan_get_unit_area (plan_named (shared, "Startplan"), 0), !=, before);
  again = open_shared (fx);
  g_assert_cmpuint (wk_plan_get_unit_area (plan_named (again, "Startplan"), 0), ==, before);
  version = plan_version (fx, "Startplan");
  g_assert_cmpstr (version, ==, "1");
  g_assert_true (wk_project_save_pg (shared, fx->pg, SCHEMA, NULL, &error));
  g_assert_no_error (error);
}

static void
test_bad_schema (WkTestPgFixture *fx,
                 gconstpointer    data)
{
  const char *bad[] = { "Woerden", "a;drop table x", "pg_x", "1x", "public", "" };
  g_autoptr(WkProject) project = NULL;

  if (fx->pg == NULL)
    return;
  project = sample_project ();
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (wk_project_save_pg (project, fx->pg, bad[i], NULL, &error));
      g_assert_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_SCHEMA_NAME);
    }
}

int
main (int   argc,
      char *argv[])
{
  self_path = argv[0];
  wk_test_init (&argc, &argv);
  if (argc == 4 && g_str_equal (argv[1], "--saver"))
    return run_saver (argv[2], argv[3]);
  if (argc == 5 && g_str_equal (argv[1], "--rival"))
    return run_rival (argv[2], atoi (argv[3]), atoi (argv[4]));
  wk_test_pg_add ("/core/project-pg/concurrent-saves", NULL, test_concurrent_saves);
  wk_test_pg_add ("/core/project-pg/round-trip", NULL, test_round_trip);
  wk_test_pg_add ("/core/project-pg/conflict", NULL, test_conflict);
  wk_test_pg_add ("/core/project-pg/same-plan-rounds", NULL, test_same_plan_rounds);
  wk_test_pg_add ("/core/project-pg/same-plan-processes", NULL, test_same_plan_processes);
  wk_test_pg_add ("/core/project-pg/save-async", NULL, test_save_async);
  wk_test_pg_add ("/core/project-pg/poll", NULL, test_poll);
  wk_test_pg_add ("/core/project-pg/read-only", NULL, test_read_only);
  wk_test_pg_add ("/core/project-pg/server-gone", NULL, test_server_gone);
  wk_test_pg_add ("/core/project-pg/bad-schema", NULL, test_bad_schema);
  return g_test_run ();
}
