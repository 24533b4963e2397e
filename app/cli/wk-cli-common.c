/* wk-cli-common.c: options, loading and output shared by the commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "wk-cli.h"

/**
 * wk_cli_fail:
 *
 * Prints “wijkindeling-cli: <message>” on stderr.
 *
 * Returns: %WK_EXIT_BAD_INPUT
 */
int
wk_cli_fail (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("wijkindeling-cli: %s\n", message);
  return WK_EXIT_BAD_INPUT;
}

void
wk_cli_warn (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: prefix of a warning on the command line */
  g_printerr ("wijkindeling-cli: %s %s\n", _("warning:"), message);
}

/**
 * wk_cli_input_group:
 * @with_plan: whether the command takes --plan
 *
 * The options that say what to load, shared by check, export and report.
 *
 * Returns: (transfer full): the group
 */
GOptionGroup *
wk_cli_input_group (WkCliInput *input,
                    gboolean    with_plan)
{
  GOptionGroup *group = g_option_group_new ("input", _("What to load:"),
                                            _("Show the options that say what to load"), NULL, NULL);
  GOptionEntry entries[] = {
    { "units", 'u', 0, G_OPTION_ARG_FILENAME, &input->units,
      N_("Units (buurten) with population: any file GDAL reads, or a connection string"), N_("FILE") },
    { "layer", 0, 0, G_OPTION_ARG_STRING, &input->layer,
      N_("Layer of the units file to use (default: the first polygon layer)"), N_("NAME") },
    { "plan", 'p', 0, G_OPTION_ARG_FILENAME, &input->plan,
      N_("Assignment CSV with the header unit_code,area; with a project, the name of one of "
         "its plans"), N_("PLAN") },
    { "gp", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &input->gp,
      N_("GP practices (points, or CSV with lon/lat or x/y); may be repeated"), N_("FILE") },
    { "pharmacy", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &input->pharmacy,
      N_("Pharmacies, including dispensing GPs"), N_("FILE") },
    { "nursing", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &input->nursing,
      N_("District nursing teams"), N_("FILE") },
    { "social", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &input->social,
      N_("Social neighbourhood teams"), N_("FILE") },
    { "providers", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &input->providers,
      N_("Care providers of several kinds, told apart by a column kind/soort"), N_("FILE") },
    { "networks", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &input->networks,
      N_("Existing team areas (polygons with a name)"), N_("FILE") },
    { "boundary", 0, 0, G_OPTION_ARG_FILENAME, &input->boundary,
      N_("Municipal boundary (polygons)"), N_("FILE") },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &input->profile,
      N_("Criteria profile (.ini; default: the regional guide's values)"), N_("FILE.ini") },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &input->crs,
      N_("Coordinate system of the units when the file has none or a wrong one"), N_("EPSG:CODE") },
    { "code-field", 0, 0, G_OPTION_ARG_STRING, &input->role_fields[WK_ROLE_CODE],
      N_("Field with the unit code (default: detected)"), N_("FIELD") },
    { "name-field", 0, 0, G_OPTION_ARG_STRING, &input->role_fields[WK_ROLE_NAME],
      N_("Field with the unit name"), N_("FIELD") },
    { "population-field", 0, 0, G_OPTION_ARG_STRING, &input->role_fields[WK_ROLE_POPULATION],
      N_("Field with the number of inhabitants (\"\" for none)"), N_("FIELD") },
    { "pop65-field", 0, 0, G_OPTION_ARG_STRING, &input->role_fields[WK_ROLE_POP65],
      N_("Field with the number or percentage of inhabitants 65+"), N_("FIELD") },
    { "gm-code-field", 0, 0, G_OPTION_ARG_STRING, &input->role_fields[WK_ROLE_GM_CODE],
      N_("Field with the municipality code"), N_("FIELD") },
    { "gm-name-field", 0, 0, G_OPTION_ARG_STRING, &input->role_fields[WK_ROLE_GM_NAME],
      N_("Field with the municipality name"), N_("FIELD") },
    { "tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &input->tolerance,
      N_("Shared boundary (m) above which units are neighbours (default 1)"), N_("METRES") },
    { NULL }
  };
  g_autofree GOptionEntry *copy = NULL;
  guint n = G_N_ELEMENTS (entries), out = 0;

  copy = g_new0 (GOptionEntry, n);
  for (guint i = 0; i < n; i++)
    if (with_plan || entries[i].long_name == NULL || g_strcmp0 (entries[i].long_name, "plan") != 0)
      copy[out++] = entries[i];
  g_option_group_add_entries (group, copy);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

void
wk_cli_input_clear (WkCliInput *input)
{
  g_free (input->project);
  g_free (input->units);
  g_free (input->layer);
  g_free (input->plan);
  g_strfreev (input->gp);
  g_strfreev (input->pharmacy);
  g_strfreev (input->nursing);
  g_strfreev (input->social);
  g_strfreev (input->providers);
  g_strfreev (input->networks);
  g_free (input->boundary);
  g_free (input->profile);
  g_free (input->crs);
  for (guint r = 0; r < WK_N_ROLES; r++)
    g_free (input->role_fields[r]);
}

/**
 * wk_cli_parse:
 *
 * Parses the options; on a usage error prints it with a hint.
 */
gboolean
wk_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      wk_cli_fail ("%s (%s)", error->message, _("see --help"));
      return FALSE;
    }
  return TRUE;
}

static void
add_each (WkLoadOptions  *options,
          WkProviderKind  kind,
          char          **paths)
{
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    wk_load_options_add_provider (options, kind, paths[i]);
}

static gboolean
has_data_options (WkCliInput *input)
{
  gboolean any = input->units || input->layer || input->gp || input->pharmacy || input->nursing ||
                 input->social || input->providers || input->networks || input->boundary ||
                 input->crs || input->tolerance > 0;

  for (guint r = 0; r < WK_N_ROLES; r++)
    any |= input->role_fields[r] != NULL;
  return any;
}

/* The data, plan and profile from a project file: its active plan or the
 * one --plan names (or an assignment CSV), its profile unless --profile. */
static gboolean
open_project_session (WkCliInput    *input,
                      WkCliSession  *session,
                      GError       **error)
{
  g_autofree char *display = wk_project_location_display_name (input->project,
                                                               wk_cli_get_schema ());
  const WkLoadReport *report;

  if (has_data_options (input))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("“%s” is a project: it holds its units, care providers and networks. Leave "
                     "out --units and the other options that say what to load."), display);
      return FALSE;
    }
  session->project = wk_cli_open_project (input->project, error);
  if (session->project == NULL)
    return FALSE;
  session->dataset = g_object_ref (wk_project_get_dataset (session->project));
  if (input->plan == NULL)
    session->plan = g_object_ref (wk_project_get_active_plan (session->project));
  else if (wk_project_find_plan (session->project, input->plan) == NULL &&
           g_file_test (input->plan, G_FILE_TEST_IS_REGULAR))
    session->plan = wk_cli_load_plan (session->dataset, input->plan, input->quiet,
                                      &session->import, error);
  else
    {
      WkPlan *plan = wk_cli_find_plan (session->project, input->plan, error);

      session->plan = plan ? g_object_ref (plan) : NULL;
    }
  if (session->plan == NULL)
    return FALSE;

  if (input->profile != NULL)
    session->profile = wk_profile_load (input->profile, error);
  else
    session->profile = g_object_ref (wk_project_get_profile (session->project));
  if (session->profile == NULL)
    return FALSE;

  report = wk_dataset_get_report (session->dataset);
  if (!input->quiet)
    for (guint i = 0; i < report->messages->len; i++)
      wk_cli_warn ("%s", (char *) g_ptr_array_index (report->messages, i));
  session->checker = wk_checker_new (session->plan, session->profile);
  return TRUE;
}

/**
 * wk_cli_check_import:
 * @quiet: whether to keep the report's warnings to itself
 *
 * An imported assignment with codes the units do not have is an error (a
 * plan for other units); the rest of the report goes to stderr.
 */
gboolean
wk_cli_check_import (WkImportReport  *report,
                     const char      *path,
                     WkDataset       *dataset,
                     gboolean         quiet,
                     GError         **error)
{
  g_autofree char *base = g_path_get_basename (path);

  if (report->unknown_codes->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < report->unknown_codes->len && i < 10; i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "",
                                (char *) g_ptr_array_index (report->unknown_codes, i));
      if (report->unknown_codes->len > 10)
        g_string_append_printf (list, _(" and %u more"), report->unknown_codes->len - 10);
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” has %u unit code that does not occur in “%s”: %s. "
                                "Correct the plan or load the units it was made for.",
                                "“%s” has %u unit codes that do not occur in “%s”: %s. "
                                "Correct the plan or load the units it was made for.",
                                report->unknown_codes->len),
                   base, report->unknown_codes->len, wk_dataset_get_display_name (dataset),
                   list->str);
      return FALSE;
    }
  if (!quiet)
    for (guint i = 0; i < report->messages->len; i++)
      wk_cli_warn ("%s", (char *) g_ptr_array_index (report->messages, i));
  return TRUE;
}

/**
 * wk_cli_load_plan:
 * @path: an assignment CSV
 * @quiet: do not print the import's warnings
 * @report: (out) (optional): what the import found
 *
 * Reads a plan for @dataset, named after its file.  Unit codes that are not
 * in the data set are an error: the plan was made for other units.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 */
WkPlan *
wk_cli_load_plan (WkDataset       *dataset,
                  const char      *path,
                  gboolean         quiet,
                  WkImportReport **report,
                  GError         **error)
{
  g_autoptr(WkPlan) plan = wk_plan_new (dataset);
  g_autoptr(WkImportReport) import = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *stem = g_strdup (base);
  char *dot = strrchr (stem, '.');

  if (!wk_plan_import_csv (plan, path, &import, error) ||
      !wk_cli_check_import (import, path, dataset, quiet, error))
    return NULL;
  if (dot != NULL)
    *dot = '\0';
  wk_plan_set_name (plan, stem);
  wk_plan_clear_history (plan);
  if (report != NULL)
    *report = g_steal_pointer (&import);
  return g_steal_pointer (&plan);
}

/**
 * wk_cli_open:
 *
 * Loads the units, providers and networks, the plan and the profile, and
 * runs the check.  Load warnings go to stderr.
 */
gboolean
wk_cli_open (WkCliInput    *input,
             gboolean       need_plan,
             WkCliSession  *session,
             GError       **error)
{
  g_autoptr(WkLoadOptions) options = NULL;
  const WkLoadReport *report;

  if (input->project != NULL)
    return open_project_session (input, session, error);
  if (input->units == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Say which units to load with --units FILE, or give a project file."));
      return FALSE;
    }
  if (need_plan && input->plan == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Say which plan to use with --plan PLAN.csv."));
      return FALSE;
    }

  if (input->profile != NULL)
    {
      session->profile = wk_profile_load (input->profile, error);
      if (session->profile == NULL)
        return FALSE;
    }
  else
    session->profile = wk_profile_new ();

  options = wk_load_options_new (input->units);
  options->units_layer = g_strdup (input->layer);
  options->boundary_path = g_strdup (input->boundary);
  options->source_crs = g_strdup (input->crs);
  if (input->tolerance > 0)
    options->adjacency_tolerance = input->tolerance;
  for (guint r = 0; r < WK_N_ROLES; r++)
    options->role_fields[r] = g_strdup (input->role_fields[r]);
  add_each (options, WK_PROVIDER_GP, input->gp);
  add_each (options, WK_PROVIDER_PHARMACY, input->pharmacy);
  add_each (options, WK_PROVIDER_NURSING, input->nursing);
  add_each (options, WK_PROVIDER_SOCIAL, input->social);
  /* A mixed file: the kind column decides; rows without one count as GP. */
  add_each (options, WK_PROVIDER_GP, input->providers);
  for (guint i = 0; input->networks != NULL && input->networks[i] != NULL; i++)
    wk_load_options_add_network (options, input->networks[i]);

  session->dataset = wk_dataset_load (options, NULL, NULL, error);
  if (session->dataset == NULL)
    return FALSE;
  report = wk_dataset_get_report (session->dataset);
  if (!input->quiet)
    for (guint i = 0; i < report->messages->len; i++)
      wk_cli_warn ("%s", (char *) g_ptr_array_index (report->messages, i));

  if (input->plan != NULL)
    session->plan = wk_cli_load_plan (session->dataset, input->plan, input->quiet,
                                      &session->import, error);
  else
    session->plan = wk_plan_new (session->dataset);
  if (session->plan == NULL)
    return FALSE;
  session->checker = wk_checker_new (session->plan, session->profile);
  return TRUE;
}

void
wk_cli_session_clear (WkCliSession *session)
{
  g_clear_object (&session->checker);
  g_clear_object (&session->plan);
  g_clear_object (&session->profile);
  g_clear_object (&session->dataset);
  g_clear_object (&session->project);
  g_clear_pointer (&session->import, wk_import_report_free);
}

void
wk_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
wk_cli_add_number (JsonBuilder *b,
                   double       v)
{
  if (!isfinite (v))
    json_builder_add_null_value (b);
  else if (v == floor (v) && fabs (v) < 1e15)
    json_builder_add_int_value (b, (gint64) v);
  else
    json_builder_add_double_value (b, v);
}

/**
 * wk_cli_add_finding:
 * @plan: the plan the finding is about, for the area names
 *
 * Adds a finding as `check --json` writes it (a contract: extend, never
 * change).
 */
void
wk_cli_add_finding (JsonBuilder *b,
                    WkFinding   *f,
                    WkPlan      *plan)
{
  WkDataset *dataset = wk_plan_get_dataset (plan);
  g_autofree char *value_text = wk_finding_dup_value_text (f);
  const guint *ids, *units;
  guint n_ids, n_units;

  ids = wk_finding_get_areas (f, &n_ids);
  units = wk_finding_get_units (f, &n_units);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "criterion");
  json_builder_add_string_value (b, wk_finding_get_criterion (f));
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, wk_severity_to_string (wk_finding_get_severity (f)));
  json_builder_set_member_name (b, "areas");
  json_builder_begin_array (b);
  for (guint k = 0; k < n_ids; k++)
    json_builder_add_int_value (b, ids[k]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "area_names");
  json_builder_begin_array (b);
  for (guint k = 0; k < n_ids; k++)
    {
      WkArea *a = wk_plan_get_area (plan, ids[k]);
      json_builder_add_string_value (b, a ? wk_area_get_name (a) : "");
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "units");
  json_builder_begin_array (b);
  for (guint k = 0; k < n_units; k++)
    json_builder_add_string_value (b, wk_dataset_get_unit (dataset, units[k])->code);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "value");
  wk_cli_add_number (b, wk_finding_get_value (f));
  json_builder_set_member_name (b, "threshold");
  wk_cli_add_number (b, wk_finding_get_threshold (f));
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, wk_finding_get_message (f));
  /* value and threshold in words, as the text output shows them */
  json_builder_set_member_name (b, "value_text");
  json_builder_add_string_value (b, value_text);
  json_builder_end_object (b);
}

/**
 * wk_cli_take_project:
 *
 * Takes the one positional argument a command may have: a project file.
 * Prints the usage error itself.
 *
 * Returns: %FALSE when there are more
 */
gboolean
wk_cli_take_project (WkCliInput  *input,
                     int          argc,
                     char       **argv)
{
  if (argc > 2)
    {
      wk_cli_fail (_("Unexpected argument “%s” (see --help)."), argv[2]);
      return FALSE;
    }
  if (argc == 2)
    input->project = g_strdup (argv[1]);
  return TRUE;
}

/* Where a shared project lives, for every command (wk_cli_add_project_options) */
static char *schema;
static char *as_new_plan;
/* --allow-missing-units: one command runs per process */
static gboolean allow_missing_units;

/**
 * wk_cli_add_project_options:
 * @input: (nullable): where --json and --quiet go
 *
 * The options every command that reads or saves a project shares: --schema
 * for a project in PostGIS (“PG:…” where a project file goes),
 * --allow-missing-units for a project from which units were deleted,
 * --as-new-plan when it saves, and --json and --quiet as @flags say.
 */
void
wk_cli_add_project_options (GOptionContext   *context,
                            WkCliInput       *input,
                            WkCliOptionFlags  flags)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, input ? &input->json : NULL,
      N_("Print the result as JSON"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, input ? &input->quiet : NULL,
      N_("Do not print load warnings"), NULL },
    { "as-new-plan", 0, 0, G_OPTION_ARG_STRING, &as_new_plan,
      N_("When someone else saved the plan since it was read: save it under this name as a "
         "new plan"), N_("NAME") },
    { "schema", 0, 0, G_OPTION_ARG_STRING, &schema,
      N_("The schema of a shared project, given as \"PG:host=… dbname=…\" instead of a file"),
      N_("NAME") },
    { "allow-missing-units", 0, 0, G_OPTION_ARG_NONE, &allow_missing_units,
      N_("Open a project from which units its plans name were deleted, without them"), NULL },
  };
  WkCliOptionFlags wanted[] = { WK_CLI_OPTION_JSON, WK_CLI_OPTION_QUIET, WK_CLI_OPTION_SAVES };
  GOptionEntry chosen[G_N_ELEMENTS (entries) + 1] = { { NULL } };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (i < G_N_ELEMENTS (wanted) ? (flags & wanted[i]) != 0
                                  : !(entries[i].arg_data == &schema &&
                                      (flags & WK_CLI_OPTION_FILE_ONLY) != 0))
      chosen[n++] = entries[i];
  g_option_context_add_main_entries (context, chosen, GETTEXT_PACKAGE);
}

/* --schema, or %NULL */
const char *
wk_cli_get_schema (void)
{
  return schema;
}

/**
 * wk_cli_open_project:
 * @path: a project file, or a connection string “PG:…” with --schema
 */
WkProject *
wk_cli_open_project (const char  *path,
                     GError     **error)
{
  if (wk_project_is_connection (path))
    {
      if (schema == NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               _("A shared project in PostgreSQL needs its schema: add "
                                 "--schema NAME."));
          return NULL;
        }
      return wk_project_open_pg (path, schema, NULL, NULL, error);
    }
  if (schema != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--schema is for a shared project given as \"PG:…\", not for a "
                             "project file."));
      return NULL;
    }
  return wk_cli_open_project_file (path, error);
}

/**
 * wk_cli_open_project_file:
 * @path: a project file
 *
 * Opens @path as --allow-missing-units says, without looking at --schema
 * (which `copy` uses for where it copies to).
 */
WkProject *
wk_cli_open_project_file (const char  *path,
                          GError     **error)
{
  if (allow_missing_units)
    return wk_project_open_without_missing (path, NULL, NULL, error);
  return wk_project_open (path, NULL, NULL, error);
}

/**
 * wk_cli_save_project:
 * @plan: the plan the command changed or added
 *
 * Saves the project where it came from.  When someone else saved @plan of a
 * shared project since it was read, the save is refused, unless
 * --as-new-plan names a new plan to keep it under.
 */
gboolean
wk_cli_save_project (WkProject  *project,
                     WkPlan     *plan,
                     GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (!wk_project_is_shared (project))
    return wk_project_save (project, NULL, NULL, error);
  if (wk_project_save_pg (project, wk_project_get_connection (project),
                          wk_project_get_schema (project), NULL, &local))
    return TRUE;
  if (as_new_plan == NULL || !g_error_matches (local, WK_PROJECT_ERROR, WK_PROJECT_ERROR_CONFLICT))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return wk_project_save_plan_as_new (project, plan, as_new_plan, error) &&
         wk_project_save_pg (project, wk_project_get_connection (project),
                          wk_project_get_schema (project), NULL, error);
}

/**
 * wk_cli_find_plan:
 *
 * Returns: (transfer none) (nullable): the plan called @name, or %NULL with
 *   an error that lists the plans
 */
WkPlan *
wk_cli_find_plan (WkProject   *project,
                  const char  *name,
                  GError     **error)
{
  GListModel *plans = wk_project_get_plans (project);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *display = NULL;
  WkPlan *plan = wk_project_find_plan (project, name);

  if (plan != NULL)
    return plan;
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(WkPlan) p = g_list_model_get_item (plans, i);
      g_string_append_printf (list, "%s“%s”", i ? ", " : "", wk_plan_get_name (p));
    }
  display = wk_project_dup_display_name (project);
  g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_NO_PLAN,
               _("“%s” has no plan “%s”. Its plans are: %s."), display, name, list->str);
  return NULL;
}

/**
 * wk_cli_check_output:
 * @output: the file a command is about to write
 *
 * Refuses @output when it is one of the files @input names (the same file
 * after links are resolved), a device or a read-only file, before
 * anything is loaded or written: `export P.wijk.gpkg -o P.wijk.gpkg`
 * would otherwise replace the project with a plain export.
 */
gboolean
wk_cli_check_output (WkCliInput  *input,
                     const char  *output,
                     GError     **error)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  char **lists[] = { input->gp, input->pharmacy, input->nursing, input->social,
                     input->providers, input->networks };
  const char *singles[] = { input->project, input->units, input->plan, input->boundary,
                            input->profile };
  g_autofree char *target = NULL;

  if (wk_cli_output_is_stdout (output))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (singles); i++)
    if (singles[i] != NULL)
      g_ptr_array_add (inputs, (gpointer) singles[i]);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      g_ptr_array_add (inputs, lists[l][i]);
  g_ptr_array_add (inputs, NULL);
  target = wk_output_prepare (output, (const char * const *) inputs->pdata, error);
  return target != NULL;
}

/* ------------------------------------------------------------ -o - */

/* Whether @output is “-”: standard output. */
gboolean
wk_cli_output_is_stdout (const char *output)
{
  return g_strcmp0 (output, "-") == 0;
}

/**
 * wk_cli_output_open:
 * @output: what -o names
 *
 * The file to write @output to: @output itself, or for “-” a new temporary
 * file, which wk_cli_output_close() copies to standard output once it is
 * complete (a GeoPackage and a PDF are written by libraries that need a
 * file).
 *
 * Returns: (transfer full) (nullable): the path, or %NULL with @error set
 */
char *
wk_cli_output_open (const char  *output,
                    GError     **error)
{
  g_autofree char *name = NULL;
  int fd;

  if (!wk_cli_output_is_stdout (output))
    return g_strdup (output);
  fd = g_file_open_tmp ("wijkindeling-XXXXXX.out", &name, error);
  if (fd < 0)
    return NULL;
  g_close (fd, NULL);
  g_unlink (name);      /* written anew, under this name */
  return g_steal_pointer (&name);
}

/**
 * wk_cli_output_close:
 * @output: what -o names
 * @path: what wk_cli_output_open() gave
 * @written: whether @path was written completely
 *
 * For “-”: copies @path to standard output when @written, and removes it.
 */
gboolean
wk_cli_output_close (const char  *output,
                     const char  *path,
                     gboolean     written,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean ok;

  if (!wk_cli_output_is_stdout (output) || path == NULL)
    return written;
  ok = written && g_file_get_contents (path, &contents, &length, error);
  g_unlink (path);
  if (ok && (fwrite (contents, 1, length, stdout) != length || fflush (stdout) != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The output could not be written to standard output: %s"),
                   g_strerror (errno));
      return FALSE;
    }
  return ok;
}
