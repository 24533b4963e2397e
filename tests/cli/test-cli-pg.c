/* test-cli-pg.c: wijkindeling-cli with shared projects in PostGIS, on a cluster of the test's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "wk-test-pg.h"
#include "wk-test-util.h"

/* check --json of a project, without the member that names it */
static JsonNode *
check_json (const char *project,
            const char *schema)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  const char *args[] = { "check", project, "--json", "-q", schema ? "--schema" : NULL, schema,
                         NULL };

  wk_test_run_cli_argv (&out, &err, args);
  root = wk_test_parse_object (out, parser);
  json_object_remove_member (root, "project");
  json_object_remove_member (root, "units_file");
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_same_projects (const char *a,
                      const char *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProject) pa = wk_project_open (a, NULL, NULL, &error);
  g_autoptr(WkProject) pb = wk_project_open (b, NULL, NULL, &error);
  GListModel *la, *lb;
  GPtrArray *audit_a, *audit_b;

  g_assert_no_error (error);
  la = wk_project_get_plans (pa);
  lb = wk_project_get_plans (pb);
  g_assert_true (wk_profile_equal (wk_project_get_profile (pa), wk_project_get_profile (pb)));
  g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr(WkPlan) x = g_list_model_get_item (la, i);
      g_autoptr(WkPlan) y = g_list_model_get_item (lb, i);
      g_autofree char *cx = wk_test_temp_path ("x.csv");
      g_autofree char *cy = wk_test_temp_path ("y.csv");
      g_autofree char *tx = NULL;
      g_autofree char *ty = NULL;

      g_assert_cmpstr (wk_plan_get_name (x), ==, wk_plan_get_name (y));
      g_assert_cmpstr (wk_plan_get_note (x), ==, wk_plan_get_note (y));
      /* the assignment, area names and all, as its CSV says it */
      g_assert_true (wk_plan_export_csv (x, cx, &error) && wk_plan_export_csv (y, cy, &error));
      g_assert_true (g_file_get_contents (cx, &tx, NULL, NULL));
      g_assert_true (g_file_get_contents (cy, &ty, NULL, NULL));
      g_assert_cmpstr (tx, ==, ty);
    }
  audit_a = wk_project_get_audit_log (pa);
  audit_b = wk_project_get_audit_log (pb);
  g_assert_cmpuint (audit_a->len, ==, audit_b->len);
  for (guint i = 0; i < audit_a->len; i++)
    {
      WkAuditEntry *x = g_ptr_array_index (audit_a, i), *y = g_ptr_array_index (audit_b, i);

      g_assert_cmpstr (x->time, ==, y->time);
      g_assert_cmpstr (x->plan, ==, y->plan);
      g_assert_cmpstr (x->action, ==, y->action);
      g_assert_cmpstr (x->units, ==, y->units);
      g_assert_cmpstr (x->to_area, ==, y->to_area);
    }
}

static int
run (char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return wk_test_run_cli_argv (&out, err, (const char * const *) args->pdata);
}

/* gpkg → PostGIS → gpkg: the same plans, notes, profile, audit log and check. */
static void
assert_round_trip (WkTestPgFixture *fx,
                   const char      *project,
                   const char      *schema)
{
  g_autofree char *back = wk_test_temp_path ("back.wijk.gpkg");
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) before = check_json (project, NULL);
  g_autoptr(JsonNode) shared = NULL;
  g_autoptr(JsonNode) after = NULL;

  g_assert_cmpint (run (&err, "copy", "-q", project, fx->pg, "--schema", schema, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&err, "copy", "-q", "--force", fx->pg, back, "--schema", schema, NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  shared = check_json (fx->pg, schema);
  after = check_json (back, NULL);
  g_assert_true (json_node_equal (before, shared));
  g_assert_true (json_node_equal (before, after));
  assert_same_projects (project, back);
}

static char *
sample_project (void)
{
  g_autofree char *path = wk_test_temp_path ("sample.wijk.gpkg");
  g_autofree char *units = wk_test_sample_path ("units.geojson");
  g_autofree char *gp = wk_test_sample_path ("gp.csv");
  g_autofree char *plan = wk_test_sample_path ("plan.csv");
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&err, "new", "-q", "--force", "--units", units, "--gp", gp,
                        "--plan", plan, "-o", path, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  /* a second plan and an audit line */
  g_assert_cmpint (run (&err, "import", "-q", path, plan, "--name", "Variant “B”\t2", NULL), ==, 0);
  return g_steal_pointer (&path);
}

static void
test_sample_round_trip (WkTestPgFixture *fx,
                        gconstpointer    data)
{
  g_autofree char *project = NULL;
  g_autofree char *err = NULL;

  if (fx->pg == NULL)
    return;
  project = sample_project ();
  assert_round_trip (fx, project, "sample");
  /* the schema is taken: nothing overwritten */
  g_assert_cmpint (run (&err, "copy", "-q", project, fx->pg, "--schema", "sample", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "already holds a project"));
  g_clear_pointer (&err, g_free);
  /* a name that is no plain identifier is refused */
  g_assert_cmpint (run (&err, "copy", "-q", project, fx->pg, "--schema", "x\"; drop", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "cannot be the schema"));
}

static void
test_woerden_round_trip (WkTestPgFixture *fx,
                         gconstpointer    data)
{
  g_autofree char *units = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  g_autofree char *project = wk_test_temp_path ("woerden.wijk.gpkg");
  g_autofree char *err = NULL;

  if (fx->pg == NULL || units == NULL)
    return;
  g_assert_cmpint (run (&err, "new", "-q", "--force", "--units", units, "-o", project, NULL),
                   ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&err, "propose", "-q", project, "--areas", "5", "--time-limit", "2",
                        "--name", "Voorstel", NULL), ==, 0);
  assert_round_trip (fx, project, "woerden");
}

/* new -o PG:…, then a user who may only read: check works, import is
 * refused as read-only (exit 2) and the project stays as it was. */
static void
test_read_only (WkTestPgFixture *fx,
                gconstpointer    data)
{
  g_autofree char *units = wk_test_sample_path ("units.geojson");
  g_autofree char *plan = wk_test_sample_path ("plan.csv");
  g_autofree char *reader = NULL;
  g_autofree char *err = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GError) error = NULL;

  if (fx->pg == NULL)
    return;
  g_assert_cmpint (run (&err, "new", "-q", "--units", units, "--plan", plan, "-o", fx->pg,
                        "--schema", "gedeeld", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  /* roles belong to the cluster, which the test programs share */
  g_assert_true (wk_test_pg_sql (fx, "DO $$ BEGIN CREATE ROLE kijker LOGIN; "
                                     "EXCEPTION WHEN duplicate_object THEN NULL; END $$", &error));
  g_assert_no_error (error);
  g_assert_true (wk_test_pg_sql (fx, "GRANT USAGE ON SCHEMA gedeeld TO kijker; "
                                     "GRANT SELECT ON ALL TABLES IN SCHEMA gedeeld TO kijker",
                                 &error));
  g_assert_no_error (error);
  reader = g_strdup_printf ("%s user=kijker password=zeer-geheim", fx->pg);
  g_assert_cmpint (run (&err, "check", "-q", reader, "--schema", "gedeeld", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&err, "import", "-q", reader, plan, "--schema", "gedeeld",
                        "--name", "Nieuw", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "read-only"));
  g_assert_null (strstr (err, "zeer-geheim"));
  count = wk_test_pg_query (fx, "SELECT count(*) FROM gedeeld.wk_plans");
  g_assert_cmpstr (count, ==, "1");
}

/* 8 processes adding plans at once through the command line: all there
 * (tests/core/test-project-pg.c saves 8 × 25 times). */
static void
test_concurrent_saves (WkTestPgFixture *fx,
                       gconstpointer    data)
{
  g_autofree char *project = NULL;
  g_autofree char *plan = wk_test_sample_path ("plan.csv");
  g_autofree char *err = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GPtrArray) procs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (fx->pg == NULL)
    return;
  project = sample_project ();
  g_assert_cmpint (run (&err, "copy", "-q", project, fx->pg, "--schema", "druk", NULL), ==, 0);
  for (guint p = 0; p < 8; p++)
    {
      g_autofree char *script = g_strdup_printf (
        "for i in $(seq 4); do \"$WK_CLI\" import -q \"$1\" \"$2\" --schema druk "
        "--name \"P%u-$i\" || exit 1; done", p);
      GSubprocess *proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c", script,
                                            "sh", fx->pg, plan, NULL);

      g_assert_no_error (error);
      g_ptr_array_add (procs, proc);
    }
  for (guint p = 0; p < procs->len; p++)
    {
      g_assert_true (g_subprocess_wait (g_ptr_array_index (procs, p), NULL, &error));
      g_assert_true (g_subprocess_get_successful (g_ptr_array_index (procs, p)));
    }
  count = wk_test_pg_query (fx, "SELECT count(*) FROM druk.wk_plans WHERE name LIKE 'P%'");
  g_assert_cmpstr (count, ==, "32");
  g_free (count);
  count = wk_test_pg_query (fx, "SELECT count(DISTINCT plan_id) FROM druk.wk_assignment");
  g_assert_cmpint (atoi (count), ==, 34);
}

typedef struct
{
  GSubprocess *proc;
  const char  *csv;
  char        *as_new;
  char        *err;
} Importer;

/* wijkindeling-cli import of @csv as the plan @name, as a process of its own */
static void
importer_start (Importer   *imp,
                const char *pg,
                const char *name)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("WK_CLI"));
  g_ptr_array_add (argv, "import");
  g_ptr_array_add (argv, "-q");
  g_ptr_array_add (argv, (char *) pg);
  g_ptr_array_add (argv, (char *) imp->csv);
  g_ptr_array_add (argv, "--schema");
  g_ptr_array_add (argv, "druk");
  g_ptr_array_add (argv, "--name");
  g_ptr_array_add (argv, (char *) name);
  if (imp->as_new != NULL)
    {
      g_ptr_array_add (argv, "--as-new-plan");
      g_ptr_array_add (argv, imp->as_new);
    }
  g_ptr_array_add (argv, NULL);
  imp->proc = g_subprocess_newv ((const char * const *) argv->pdata,
                                 G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                 G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
}

static int
importer_finish (Importer *imp)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (imp->proc, NULL, NULL, NULL, &imp->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (imp->proc));
  return g_subprocess_get_exit_status (imp->proc);
}

static void
importer_clear (Importer *imp)
{
  g_clear_object (&imp->proc);
  g_clear_pointer (&imp->as_new, g_free);
  g_clear_pointer (&imp->err, g_free);
}

/* the area of the sample's first unit (BU99010605) in a plan of the schema */
static const char *
first_unit_area (WkProject  *project,
                 const char *plan_name)
{
  WkPlan *plan = wk_project_find_plan (project, plan_name);

  g_assert_nonnull (plan);
  return wk_area_get_name (wk_plan_get_area (plan, wk_plan_get_unit_area (plan,
    wk_dataset_lookup_code (wk_project_get_dataset (project), "BU99010605"))));
}

/* Two wijkindeling-cli processes save the same (new) plan at the same
 * moment: a lock the test holds on the plans keeps both waiting until both
 * have read the project.  Exactly one wins (exit 0); the other is refused
 * (exit 2) with who saved it and when.  With --as-new-plan the other keeps
 * its version as a new plan instead (exit 0): both versions are there. */
static void
test_same_plan_processes (WkTestPgFixture *fx,
                          gconstpointer    data)
{
  g_autoptr(GRegex) who_when = g_regex_new ("The plan “Gedeeld \\d” was saved by wk at "
                                            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(UTC\\)",
                                            0, 0, NULL);
  g_autofree char *plan = wk_test_sample_path ("plan.csv");
  g_autofree char *project = NULL;
  g_autofree char *text = NULL;
  g_autofree char *variant = NULL;
  g_autofree char *err = NULL;
  const char *areas[2] = { "Westerlaan", "Kerkhoven" };

  if (fx->pg == NULL)
    return;
  project = sample_project ();
  g_assert_cmpint (run (&err, "copy", "-q", project, fx->pg, "--schema", "druk", NULL), ==, 0);
  /* the second one puts the first unit elsewhere */
  g_assert_true (g_file_get_contents (plan, &text, NULL, NULL));
  {
    g_auto(GStrv) parts = g_strsplit (text, "BU99010605,Westerlaan\n", 2);
    g_autofree char *changed = g_strjoinv ("BU99010605,Kerkhoven\n", parts);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    variant = wk_test_write_file ("variant.csv", changed);
  }
  for (guint round = 0; round < 4; round++)
    {
      gboolean rescue = round >= 2;
      g_autofree char *name = g_strdup_printf ("Gedeeld %u", round);
      Importer imps[2] = { { .csv = plan }, { .csv = variant } };
      g_autoptr(WkProject) after = NULL;
      g_autoptr(GError) error = NULL;
      WkTestPgHold *hold;
      int status[2];
      guint winner;

      for (guint i = 0; i < 2; i++)
        if (rescue)
          imps[i].as_new = g_strdup_printf ("%s, versie %u", name, i);
      hold = wk_test_pg_hold (fx, "LOCK TABLE druk.wk_plans IN SHARE ROW EXCLUSIVE MODE");
      for (guint i = 0; i < 2; i++)
        importer_start (&imps[i], fx->pg, name);
      g_assert_true (wk_test_pg_wait_for_waiters (fx, 2));
      wk_test_pg_release (hold);
      for (guint i = 0; i < 2; i++)
        status[i] = importer_finish (&imps[i]);
      after = wk_project_open_pg (fx->pg, "druk", NULL, NULL, &error);
      g_assert_no_error (error);
      /* the loser is the one refused, or the one whose version became a new plan */
      winner = rescue ? wk_project_find_plan (after, imps[0].as_new) != NULL : status[0] != 0;
      g_assert_cmpstr (first_unit_area (after, name), ==, areas[winner]);
      if (!rescue)
        {
          g_assert_cmpint (status[winner], ==, 0);
          g_assert_cmpint (status[!winner], ==, 2);
          g_assert_cmpstr (imps[winner].err, ==, "");
          g_assert_true (g_regex_match (who_when, imps[!winner].err, 0, NULL));
        }
      else
        {
          /* the loser's version is its new plan; the winner made none */
          g_assert_cmpint (status[0], ==, 0);
          g_assert_cmpint (status[1], ==, 0);
          g_assert_cmpstr (first_unit_area (after, imps[!winner].as_new), ==, areas[!winner]);
          g_assert_null (wk_project_find_plan (after, imps[winner].as_new));
        }
      for (guint i = 0; i < 2; i++)
        importer_clear (&imps[i]);
    }
}

/* GDAL's own ogrinfo on @source, what a GIS colleague runs; skipped
 * without it (failed on CI, where build-aux/install-deps.sh installs it) */
static char *
ogrinfo (const char *source,
         const char *first,
         ...)
{
  g_autofree char *program = g_find_program_in_path ("ogrinfo");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  va_list ap;

  if (program == NULL)
    {
      if (g_getenv ("CI") != NULL)
        g_error ("ogrinfo is missing: install gdal-bin (build-aux/install-deps.sh)");
      g_test_skip ("ogrinfo is missing: install gdal-bin");
      return NULL;
    }
  g_ptr_array_add (argv, program);
  g_ptr_array_add (argv, "-ro");
  g_ptr_array_add (argv, (char *) source);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ogrinfo %s failed: %s", source, err);
  return out;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The layers with a geometry in ogrinfo -so -al's output, sorted and joined
 * by spaces; asserts that each is in EPSG:28992. */
static char *
spatial_layers (const char *summary)
{
  g_auto(GStrv) blocks = g_strsplit (summary, "\nLayer name: ", -1);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 1; blocks[i] != NULL; i++)
    {
      g_autofree char *name = g_strndup (blocks[i], strcspn (blocks[i], "\n"));

      if (strstr (blocks[i], "\nGeometry: None") != NULL)
        continue;
      if (strstr (blocks[i], "ID[\"EPSG\",28992]]") == NULL)
        g_error ("layer %s is not in EPSG:28992:\n%s", name, blocks[i]);
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* ogrinfo lists the shared project's layers in EPSG:28992, as in the
 * GeoPackage it came from, and both have the areas' QGIS style. */
static void
test_ogrinfo (WkTestPgFixture *fx,
              gconstpointer    data)
{
  g_autofree char *project = wk_test_temp_path ("qgis.wijk.gpkg");
  g_autofree char *plan = wk_test_sample_path ("plan.csv");
  g_autofree char *pg_summary = NULL;
  g_autofree char *gpkg_summary = NULL;
  g_autofree char *pg_layers = NULL;
  g_autofree char *gpkg_layers = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  if (fx->pg == NULL)
    return;
  g_ptr_array_add (args, g_strdup ("new"));
  g_ptr_array_add (args, g_strdup ("-q"));
  wk_test_add_sample_inputs (args);
  g_ptr_array_add (args, g_strdup ("--plan"));
  g_ptr_array_add (args, g_strdup (plan));
  g_ptr_array_add (args, g_strdup ("-o"));
  g_ptr_array_add (args, g_strdup (project));
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (wk_test_run_cli_argv (NULL, &err, (const char * const *) args->pdata), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&err, "copy", "-q", project, fx->pg, "--schema", "qgis", NULL), ==, 0);

  gpkg_summary = ogrinfo (project, "-so", "-al", NULL);
  if (gpkg_summary == NULL)
    return;
  pg_summary = ogrinfo (fx->pg, "-so", "-al", "-oo", "SCHEMAS=qgis", "-oo", "ACTIVE_SCHEMA=qgis",
                        NULL);
  pg_layers = spatial_layers (pg_summary);
  gpkg_layers = spatial_layers (gpkg_summary);
  g_assert_cmpstr (pg_layers, ==, "areas boundary networks providers units");
  g_assert_cmpstr (gpkg_layers, ==, pg_layers);

  /* the style QGIS finds for the areas: in public.layer_styles, and in the file */
  styles = ogrinfo (fx->pg, "-sql", "SELECT f_table_schema, f_table_name, stylename, "
                    "useasdefault, styleqml::text AS qml FROM public.layer_styles", NULL);
  g_assert_nonnull (strstr (styles, "f_table_schema (String) = qgis\n"));
  g_assert_nonnull (strstr (styles, "f_table_name (String) = areas\n"));
  g_assert_nonnull (strstr (styles, "stylename (String) = Wijkindeling\n"));
  g_assert_nonnull (strstr (styles, "name=\"field\" value=\"color\""));
  g_free (styles);
  styles = ogrinfo (project, "-sql", "SELECT f_table_name, stylename, useasdefault, styleqml "
                    "FROM layer_styles", NULL);
  g_assert_nonnull (strstr (styles, "f_table_name (String) = areas\n"));
  g_assert_nonnull (strstr (styles, "styleName (String) = Wijkindeling\n"));
  g_assert_nonnull (strstr (styles, "name=\"field\" value=\"color\""));
}

int
main (int   argc,
      char *argv[])
{
  wk_test_init (&argc, &argv);
  wk_test_pg_add ("/cli/pg/sample-round-trip", NULL, test_sample_round_trip);
  wk_test_pg_add ("/cli/pg/woerden-round-trip", NULL, test_woerden_round_trip);
  wk_test_pg_add ("/cli/pg/read-only", NULL, test_read_only);
  wk_test_pg_add ("/cli/pg/same-plan-processes", NULL, test_same_plan_processes);
  wk_test_pg_add ("/cli/pg/ogrinfo", NULL, test_ogrinfo);
  wk_test_pg_add ("/cli/pg/concurrent-saves", NULL, test_concurrent_saves);
  return g_test_run ();
}
