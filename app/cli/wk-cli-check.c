/* wk-cli-check.c: wijkindeling-cli check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wk-cli.h"

/* wk_cli_check_add_members: what `check --json` prints, as members of the
 * object @b has open (propose and repair print the same for their result). */
void
wk_cli_check_add_members (JsonBuilder  *b,
                          WkCliSession *s)
{
  GListModel *areas = wk_plan_get_areas (s->plan);
  guint n_areas = g_list_model_get_n_items (areas);
  g_autoptr(GPtrArray) findings = wk_checker_dup_findings (s->checker);
  g_autoptr(GArray) unassigned = wk_checker_dup_unassigned (s->checker);
  const WkLoadReport *report = wk_dataset_get_report (s->dataset);

  json_builder_set_member_name (b, "plan");
  json_builder_add_string_value (b, wk_plan_get_name (s->plan));
  json_builder_set_member_name (b, "units_file");
  json_builder_add_string_value (b, wk_dataset_get_display_name (s->dataset));
  json_builder_set_member_name (b, "n_units");
  json_builder_add_int_value (b, wk_dataset_get_n_units (s->dataset));
  json_builder_set_member_name (b, "total_population");
  json_builder_add_int_value (b, wk_dataset_get_total_population (s->dataset));

  json_builder_set_member_name (b, "areas");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_areas; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      guint id = wk_area_get_id (area);
      const WkAreaStats *st = wk_checker_get_area_stats (s->checker, id);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, wk_area_get_name (area));
      json_builder_set_member_name (b, "population");
      json_builder_add_int_value (b, st->population);
      json_builder_set_member_name (b, "units");
      json_builder_add_int_value (b, st->n_units);
      json_builder_set_member_name (b, "contiguous");
      json_builder_add_boolean_value (b, st->n_parts <= 1);
      json_builder_set_member_name (b, "area_km2");
      json_builder_add_double_value (b, round (st->area_m2 / 1e4) / 100.0);
      json_builder_set_member_name (b, "providers");
      json_builder_begin_object (b);
      for (guint k = 0; k < WK_N_PROVIDER_KINDS; k++)
        {
          json_builder_set_member_name (b, wk_provider_kind_to_string (k));
          json_builder_add_int_value (b, st->n_providers[k]);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "unknown_population_units");
      json_builder_add_int_value (b, st->n_unknown_population);
      /* null when the data set has no 65+ figures for the area */
      json_builder_set_member_name (b, "pop65");
      wk_cli_add_number (b, st->has_pop65 ? (double) llround (st->pop65) : NAN);
      json_builder_set_member_name (b, "compactness");
      json_builder_add_double_value (b, round (st->compactness * 1000) / 1000.0);
      json_builder_set_member_name (b, "gp_fte");
      json_builder_add_double_value (b, st->gp_fte);
      json_builder_set_member_name (b, "color");
      json_builder_add_string_value (b, wk_area_get_color (area));
      json_builder_set_member_name (b, "errors");
      json_builder_add_int_value (b, wk_checker_count_for_area (s->checker, id, WK_SEVERITY_ERROR));
      json_builder_set_member_name (b, "warnings");
      json_builder_add_int_value (b, wk_checker_count_for_area (s->checker, id, WK_SEVERITY_WARNING));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "unassigned");
  json_builder_begin_array (b);
  for (guint i = 0; i < unassigned->len; i++)
    json_builder_add_string_value (b, wk_dataset_get_unit (s->dataset, g_array_index (unassigned, guint, i))->code);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < findings->len; i++)
    wk_cli_add_finding (b, g_ptr_array_index (findings, i), s->plan);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "errors");
  json_builder_add_int_value (b, wk_checker_count (s->checker, WK_SEVERITY_ERROR));
  json_builder_set_member_name (b, "warnings");
  json_builder_add_int_value (b, wk_checker_count (s->checker, WK_SEVERITY_WARNING));
  json_builder_set_member_name (b, "info");
  json_builder_add_int_value (b, wk_checker_count (s->checker, WK_SEVERITY_INFO));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "load_report");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source_crs");
  json_builder_add_string_value (b, report->source_crs);
  json_builder_set_member_name (b, "repaired");
  json_builder_add_int_value (b, report->n_repaired);
  json_builder_set_member_name (b, "skipped");
  json_builder_add_int_value (b, report->n_empty + report->n_not_polygon);
  json_builder_set_member_name (b, "unknown_population");
  json_builder_add_int_value (b, report->n_unknown_population);
  json_builder_set_member_name (b, "secret_values");
  json_builder_add_int_value (b, report->n_secret_values);
  json_builder_set_member_name (b, "messages");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->messages->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (report->messages, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  if (s->project != NULL)
    {
      g_autofree char *display = wk_project_dup_display_name (s->project);

      json_builder_set_member_name (b, "project");
      json_builder_add_string_value (b, display);
    }
}

static JsonNode *
build_json (WkCliSession *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  wk_cli_check_add_members (b, s);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
wk_cli_check_print_text (WkCliSession *s)
{
  GListModel *areas = wk_plan_get_areas (s->plan);
  guint n_areas = g_list_model_get_n_items (areas);
  g_autoptr(GPtrArray) findings = wk_checker_dup_findings (s->checker);
  guint errors = wk_checker_count (s->checker, WK_SEVERITY_ERROR);
  guint warnings = wk_checker_count (s->checker, WK_SEVERITY_WARNING);

  g_print ("%s: %s — %s, %u %s\n\n", _("Plan"), wk_plan_get_name (s->plan),
           wk_dataset_get_display_name (s->dataset), wk_dataset_get_n_units (s->dataset),
           _("units"));
  g_print ("%-28s %12s %7s %10s %5s %5s %5s  %s\n", _("Area"), _("Population"), _("Units"),
           _("km²"), _("GP"), _("Phar."), _("Nurs."), _("Contiguous"));
  for (guint i = 0; i < n_areas; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      const WkAreaStats *st = wk_checker_get_area_stats (s->checker, wk_area_get_id (area));
      g_autofree char *pop = wk_format_count (st->population);
      g_autofree char *km2 = wk_format_decimal (st->area_m2 / 1e6, 2);

      g_print ("%-28s %12s %7u %10s %5u %5u %5u  %s\n", wk_area_get_name (area), pop,
               st->n_units, km2, st->n_providers[WK_PROVIDER_GP],
               st->n_providers[WK_PROVIDER_PHARMACY], st->n_providers[WK_PROVIDER_NURSING],
               st->n_parts <= 1 ? _("yes") : _("no"));
    }
  g_print ("\n");
  for (int sev = WK_SEVERITY_ERROR; sev >= WK_SEVERITY_INFO; sev--)
    for (guint i = 0; i < findings->len; i++)
      {
        WkFinding *f = g_ptr_array_index (findings, i);
        g_autofree char *value = NULL;

        if ((int) wk_finding_get_severity (f) != sev)
          continue;
        value = wk_finding_dup_value_text (f);
        g_print ("%s [%s] %s%s%s%s\n", wk_severity_get_label (sev), wk_finding_get_criterion_label (f),
                 wk_finding_get_message (f), value ? " (" : "", value ? value : "", value ? ")" : "");
      }
  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas", n_areas), n_areas);
  g_print (", ");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
  g_print (", ");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);
  g_print ("\n");
}

int
wk_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("check [PROJECT.wijk.gpkg] — check a plan"));
  g_autoptr(GError) error = NULL;
  WkCliInput input = { 0 };
  WkCliSession session = { 0 };
  int status;

  wk_cli_add_project_options (context, &input, WK_CLI_OPTION_JSON | WK_CLI_OPTION_QUIET);
  g_option_context_add_group (context, wk_cli_input_group (&input, TRUE));
  g_option_context_set_summary (context,
                                _("Checks the plan against the criteria profile: population per area, "
                                  "contiguity, municipality, coverage, care providers, distances, GP "
                                  "capacity, existing networks and compactness."));
  g_option_context_set_description (context,
                                    _("Give a project file, or the files to load with --units and "
                                      "the other input options. In a project, --plan names the plan "
                                      "(default: the active one).\n\n"
                                      "Exit status: 0 when no finding is an error, 1 when one is, "
                                      "2 on bad input or usage."));
  if (!wk_cli_parse (context, &argc, &argv))
    {
      wk_cli_input_clear (&input);
      return WK_EXIT_BAD_INPUT;
    }
  if (!wk_cli_take_project (&input, argc, argv))
    {
      wk_cli_input_clear (&input);
      return WK_EXIT_BAD_INPUT;
    }

  if (!wk_cli_open (&input, TRUE, &session, &error))
    {
      status = wk_cli_fail ("%s", error->message);
      wk_cli_session_clear (&session);
      wk_cli_input_clear (&input);
      return status;
    }

  if (input.json)
    {
      g_autoptr(JsonNode) root = build_json (&session);
      wk_cli_print_json (root);
    }
  else
    wk_cli_check_print_text (&session);

  status = wk_checker_count (session.checker, WK_SEVERITY_ERROR) > 0 ? WK_EXIT_FINDINGS : WK_EXIT_OK;
  wk_cli_session_clear (&session);
  wk_cli_input_clear (&input);
  return status;
}
