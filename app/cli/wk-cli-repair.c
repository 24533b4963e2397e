/* wk-cli-repair.c: wijkindeling-cli repair — the fewest moves that remove a plan's errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"

static const char *
area_name (WkPlan *plan,
           guint   area)
{
  WkArea *a = area != WK_AREA_NONE ? wk_plan_get_area (plan, area) : NULL;

  return a != NULL ? wk_area_get_name (a) : NULL;
}

static void
add_moves_json (JsonBuilder          *b,
                WkCliSession         *s,
                const WkRepairResult *result)
{
  json_builder_set_member_name (b, "moves");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->moves->len; i++)
    {
      const WkMove *m = &g_array_index (result->moves, WkMove, i);
      const char *from = area_name (s->plan, m->from);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, wk_dataset_get_unit (s->dataset, m->unit)->code);
      json_builder_set_member_name (b, "from");
      if (from != NULL)
        json_builder_add_string_value (b, from);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, area_name (s->plan, m->to));
      json_builder_set_member_name (b, "population");
      json_builder_add_int_value (b, MAX (wk_dataset_get_unit (s->dataset, m->unit)->population, 0));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_moves_text (WkCliSession         *s,
                  const WkRepairResult *result)
{
  g_print (g_dngettext (GETTEXT_PACKAGE, "Repair: %u move", "Repair: %u moves",
                        result->moves->len), result->moves->len);
  g_print (" (%s)\n", result->proven_minimal ? _("proven the fewest possible")
                                             : _("found by local search, not proven the fewest"));
  for (guint i = 0; i < result->moves->len; i++)
    {
      const WkMove *m = &g_array_index (result->moves, WkMove, i);
      const WkUnit *u = wk_dataset_get_unit (s->dataset, m->unit);
      const char *from = area_name (s->plan, m->from);

      g_print ("  %s%s%s%s: %s → %s\n", u->code, u->name ? " (" : "", u->name ? u->name : "",
               u->name ? ")" : "", from ? from : _("no area"), area_name (s->plan, m->to));
    }
  g_print ("\n");
}

int
wk_cli_repair (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("repair [PROJECT.wijk.gpkg] — remove a plan's errors with the fewest moves"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WkRepairResult) result = NULL;
  g_autofree char *output = NULL;
  g_autofree char *new_name = NULL;
  double time_limit = 30.0;
  WkCliInput input = { 0 };
  WkCliSession session = { 0 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the repaired plan as an assignment CSV"), N_("FILE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &new_name,
      N_("In a project: add the repaired plan under this name (default: the plan's name "
         "with “repaired”)"), N_("NAME") },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit,
      N_("Seconds the search may take (default 30)"), N_("S") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wk_cli_add_project_options (context, &input, WK_CLI_OPTION_JSON | WK_CLI_OPTION_QUIET |
                                               WK_CLI_OPTION_SAVES);
  g_option_context_add_group (context, wk_cli_input_group (&input, TRUE));
  g_option_context_set_summary (context,
                                _("Finds the smallest set of buurten to move to another area so "
                                  "that the plan has no error finding left: fewest errors, then "
                                  "fewest moves, then fewest inhabitants moved. Up to three moves "
                                  "the result is proven the fewest possible. Locked areas are "
                                  "never changed."));
  g_option_context_set_description (context,
                                    _("Give a project file and --plan NAME, or the files of check "
                                      "and -o FILE for the repaired assignment.\n\n"
                                      "Exit status: 0 when the repaired plan has no error finding, "
                                      "1 when errors remain, 2 on bad input or usage."));
  if (!wk_cli_parse (context, &argc, &argv) || !wk_cli_take_project (&input, argc, argv))
    {
      wk_cli_input_clear (&input);
      return WK_EXIT_BAD_INPUT;
    }
  if (time_limit < 0)
    {
      wk_cli_input_clear (&input);
      return wk_cli_fail (_("--time-limit must be zero (no limit) or a positive number of "
                            "seconds."));
    }
  if (input.project == NULL && output == NULL)
    {
      wk_cli_input_clear (&input);
      return wk_cli_fail (_("Say where to write the repaired plan with -o FILE.csv."));
    }

  if (!wk_cli_open (&input, TRUE, &session, &error))
    {
      status = wk_cli_fail ("%s", error->message);
      wk_cli_session_clear (&session);
      wk_cli_input_clear (&input);
      return status;
    }

  result = wk_repair_plan (session.plan, session.profile, time_limit, NULL, &error);
  if (result == NULL)
    status = wk_cli_fail ("%s", error->message);
  else if (session.project != NULL && output == NULL)
    {
      /* the repaired plan becomes a new plan of the project */
      g_autofree char *base = g_strdup_printf (_("%s repaired"), wk_plan_get_name (session.plan));
      g_autofree char *name = new_name ? g_strdup (new_name)
                                       : wk_project_suggest_plan_name (session.project, base);
      WkPlan *copy = wk_project_duplicate_plan (session.project, session.plan, name, &error);

      if (copy == NULL || !wk_repair_apply (copy, result, &error) ||
          !wk_cli_save_project (session.project, copy, &error))
        status = wk_cli_fail ("%s", error->message);
      else
        status = WK_EXIT_OK;
      if (status == WK_EXIT_OK)
        {
          g_clear_object (&session.checker);
          g_set_object (&session.plan, copy);
          session.checker = wk_checker_new (session.plan, session.profile);
        }
    }
  else if (!wk_repair_apply (session.plan, result, &error))
    status = wk_cli_fail ("%s", error->message);
  else
    status = WK_EXIT_OK;

  if (status == WK_EXIT_OK && input.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      wk_cli_check_add_members (b, &session);
      add_moves_json (b, &session, result);
      json_builder_set_member_name (b, "errors_before");
      json_builder_add_int_value (b, result->errors_before);
      json_builder_set_member_name (b, "errors_after");
      json_builder_add_int_value (b, result->errors_after);
      json_builder_set_member_name (b, "proven_minimal");
      json_builder_add_boolean_value (b, result->proven_minimal);
      json_builder_set_member_name (b, "seconds");
      json_builder_add_double_value (b, result->seconds);
      json_builder_set_member_name (b, "seed");
      json_builder_add_null_value (b);
      json_builder_set_member_name (b, "limits");
      json_builder_begin_array (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      wk_cli_print_json (root);
    }
  else if (status == WK_EXIT_OK)
    {
      print_moves_text (&session, result);
      wk_cli_check_print_text (&session);
    }

  if (status == WK_EXIT_OK && output != NULL && !wk_plan_export_csv (session.plan, output, &error))
    status = wk_cli_fail ("%s", error->message);
  if (status == WK_EXIT_OK)
    status = wk_checker_count (session.checker, WK_SEVERITY_ERROR) > 0 ? WK_EXIT_FINDINGS
                                                                       : WK_EXIT_OK;
  wk_cli_session_clear (&session);
  wk_cli_input_clear (&input);
  return status;
}
