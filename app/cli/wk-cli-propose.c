/* wk-cli-propose.c: wijkindeling-cli propose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"

static void
print_json (WkCliSession *s,
            GPtrArray    *limits,
            double        seconds,
            gint64        seed,
            const char   *note)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  wk_cli_check_add_members (b, s);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, seconds);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, seed);
  json_builder_set_member_name (b, "limits");
  json_builder_begin_array (b);
  for (guint i = 0; i < limits->len; i++)
    {
      WkSearchLimit *l = g_ptr_array_index (limits, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "criterion");
      json_builder_add_string_value (b, l->criterion);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, l->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (note != NULL)
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, note);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  wk_cli_print_json (root);
}

int
wk_cli_propose (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("propose [PROJECT.wijk.gpkg] — propose a plan that meets the criteria"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) limits = NULL;
  g_autoptr(WkPlan) keep = NULL;
  g_autofree char *note = NULL;
  g_auto(WkCliInput) input = { 0 };
  g_auto(WkCliSession) session = { 0 };
  struct {
    int       areas;
    gboolean  max_areas;
    gboolean  from_networks;
    gint64    seed;
    double    time_limit;
  } args = { -1, FALSE, FALSE, 1, 10.0 };
  g_autofree char *keep_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *name = NULL;
  WkProposeOptions options = { 0 };
  WkPlan *proposal;
  gint64 start;
  double seconds;
  GOptionEntry entries[] = {
    { "areas", 0, 0, G_OPTION_ARG_INT, &args.areas, N_("Number of areas to make"), N_("N") },
    { "max-areas", 0, 0, G_OPTION_ARG_NONE, &args.max_areas,
      N_("Make as many areas as the criteria allow"), NULL },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_path,
      N_("Assignment CSV whose areas are kept as they are"), N_("PLAN.csv") },
    { "from-networks", 0, 0, G_OPTION_ARG_NONE, &args.from_networks,
      N_("Start from the existing team areas"), NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &args.seed,
      N_("Random seed: the same seed and input give the same plan (default 1)"), N_("N") },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &args.time_limit,
      N_("Stop searching after this many seconds (default 10)"), N_("SECONDS") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the proposal as an assignment CSV"), N_("PLAN.csv") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("With a project: add the proposal as a plan with this name"), N_("NAME") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wk_cli_add_project_options (context, &input, WK_CLI_OPTION_JSON | WK_CLI_OPTION_QUIET |
                                               WK_CLI_OPTION_SAVES);
  g_option_context_add_group (context, wk_cli_input_group (&input, FALSE));
  g_option_context_set_summary (context,
                                _("Proposes a plan from scratch: every criterion the profile makes "
                                  "an error is a rule, and the borders between areas are kept "
                                  "short. Areas never cross a municipal border."));
  g_option_context_set_description (context,
                                    _("Give the files to load with --units and the other input "
                                      "options and write the plan with -o, or give a project and "
                                      "add the plan with --name (the locked areas of its active "
                                      "plan are kept).\n\n"
                                      "Exit status: 0 when the proposal has no error finding, 1 "
                                      "when errors remain (the limits say why), 2 on bad input or "
                                      "usage."));
  if (!wk_cli_parse (context, &argc, &argv) || !wk_cli_take_project (&input, argc, argv))
    return WK_EXIT_BAD_INPUT;
  if (args.areas == 0 || args.areas < -1)
    {
      return wk_cli_fail (_("--areas must be 1 or more; use --max-areas for as many as "
                            "possible."));
    }
  if (args.time_limit < 0)
    {
      return wk_cli_fail (_("--time-limit must be 0 or more seconds."));
    }
  if (input.project == NULL && output == NULL)
    {
      return wk_cli_fail (_("Say where to write the proposal with -o PLAN.csv."));
    }
  if (input.project != NULL && name == NULL && output == NULL)
    {
      return wk_cli_fail (_("Say under which name to add the proposal with --name NAME."));
    }
  if (!wk_cli_open (&input, FALSE, &session, &error))
    {
      return wk_cli_fail ("%s", error->message);
    }
  if (keep_path != NULL)
    {
      keep = wk_cli_load_plan (session.dataset, keep_path, input.quiet, NULL, &error);
      if (keep == NULL)
        {
          return wk_cli_fail ("%s", error->message);
        }
      options.keep = keep;
    }
  else if (session.project != NULL)
    {
      options.keep = session.plan;
      options.keep_locked_only = TRUE;
    }

  options.n_areas = args.areas > 0 ? (guint) args.areas : 0;
  options.max_areas = args.max_areas;
  options.seed = (guint32) args.seed;
  options.time_limit = args.time_limit;
  options.from_networks = args.from_networks;
  start = g_get_monotonic_time ();
  proposal = wk_propose (session.dataset, session.profile, &options, &limits, &note, NULL);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_clear_object (&session.checker);
  g_clear_object (&session.plan);
  session.plan = proposal;
  session.checker = wk_checker_new (session.plan, session.profile);

  if (output != NULL && !wk_plan_export_csv (session.plan, output, &error))
    {
      return wk_cli_fail ("%s", error->message);
    }
  if (session.project != NULL && name != NULL)
    {
      wk_plan_set_name (session.plan, name);
      if (!wk_project_add_plan (session.project, session.plan, &error) ||
          !wk_cli_save_project (session.project, session.plan, &error))
        {
          return wk_cli_fail ("%s", error->message);
        }
    }

  if (input.json)
    print_json (&session, limits, seconds, args.seed, note);
  else
    {
      wk_cli_check_print_text (&session);
      if (note != NULL)
        g_print ("%s\n", note);
      for (guint i = 0; i < limits->len; i++)
        g_print ("%s %s\n", _("Limit:"), ((WkSearchLimit *) g_ptr_array_index (limits, i))->message);
    }
  return wk_checker_count (session.checker, WK_SEVERITY_ERROR) > 0 ? WK_EXIT_FINDINGS : WK_EXIT_OK;
}
