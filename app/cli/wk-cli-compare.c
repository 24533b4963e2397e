/* wk-cli-compare.c: wijkindeling-cli compare — two plans of a project side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"

static const char *
area_name (WkPlan *plan,
           guint   id)
{
  WkArea *area = id != WK_AREA_NONE ? wk_plan_get_area (plan, id) : NULL;

  return area ? wk_area_get_name (area) : NULL;
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
add_plan_summary (JsonBuilder *b,
                  const char  *member,
                  WkChecker   *checker)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_string_or_null (b, "name", wk_plan_get_name (wk_checker_get_plan (checker)));
  add_int (b, "areas", wk_plan_get_n_areas (wk_checker_get_plan (checker)));
  add_int (b, "errors", wk_checker_count (checker, WK_SEVERITY_ERROR));
  add_int (b, "warnings", wk_checker_count (checker, WK_SEVERITY_WARNING));
  add_int (b, "info", wk_checker_count (checker, WK_SEVERITY_INFO));
  json_builder_end_object (b);
}

static JsonNode *
build_json (WkProject    *project,
            WkComparison *cmp,
            WkChecker    *ca,
            WkChecker    *cb)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *display = wk_project_dup_display_name (project);
  WkDataset *dataset = wk_project_get_dataset (project);
  WkPlan *a = wk_comparison_get_plan_a (cmp), *b_plan = wk_comparison_get_plan_b (cmp);
  guint n_moves, n_areas, n_findings;
  const WkUnitMove *moves = wk_comparison_get_moves (cmp, &n_moves);
  const WkAreaDelta *areas = wk_comparison_get_areas (cmp, &n_areas);
  const WkFindingDelta *findings = wk_comparison_get_findings (cmp, &n_findings);
  static const char *changes[] = { "appeared", "disappeared", "changed" };

  json_builder_begin_object (b);
  add_string_or_null (b, "project", display);
  add_plan_summary (b, "plan_a", ca);
  add_plan_summary (b, "plan_b", cb);

  json_builder_set_member_name (b, "moved_units");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_moves; i++)
    {
      const WkUnit *unit = wk_dataset_get_unit (dataset, moves[i].unit);

      json_builder_begin_object (b);
      add_string_or_null (b, "unit", unit->code);
      add_string_or_null (b, "name", unit->name);
      add_string_or_null (b, "from", area_name (a, moves[i].area_a));
      add_string_or_null (b, "to", area_name (b_plan, moves[i].area_b));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "areas");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_areas; i++)
    {
      json_builder_begin_object (b);
      add_string_or_null (b, "name_a", areas[i].name_a);
      add_string_or_null (b, "name_b", areas[i].name_b);
      add_int (b, "population_a", areas[i].population_a);
      add_int (b, "population_b", areas[i].population_b);
      add_int (b, "population_change", areas[i].population_b - areas[i].population_a);
      add_int (b, "units_a", areas[i].n_units_a);
      add_int (b, "units_b", areas[i].n_units_b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "findings");
  json_builder_begin_object (b);
  for (guint c = 0; c < G_N_ELEMENTS (changes); c++)
    {
      json_builder_set_member_name (b, changes[c]);
      json_builder_begin_array (b);
      for (guint i = 0; i < n_findings; i++)
        {
          if ((guint) findings[i].change != c)
            continue;
          if (findings[i].change == WK_FINDING_CHANGED)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "before");
              wk_cli_add_finding (b, findings[i].a, a);
              json_builder_set_member_name (b, "after");
              wk_cli_add_finding (b, findings[i].b, b_plan);
              json_builder_end_object (b);
            }
          else if (findings[i].a != NULL)
            wk_cli_add_finding (b, findings[i].a, a);
          else
            wk_cli_add_finding (b, findings[i].b, b_plan);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  add_int (b, "moved_units", n_moves);
  add_int (b, "appeared", wk_comparison_count_findings (cmp, WK_FINDING_APPEARED));
  add_int (b, "disappeared", wk_comparison_count_findings (cmp, WK_FINDING_DISAPPEARED));
  add_int (b, "changed", wk_comparison_count_findings (cmp, WK_FINDING_CHANGED));
  add_int (b, "unchanged", wk_comparison_get_n_same_findings (cmp));
  json_builder_end_object (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_finding (const char *mark,
               WkFinding  *f)
{
  g_print ("  %s %s [%s] %s\n", mark, wk_severity_get_label (wk_finding_get_severity (f)),
           wk_finding_get_criterion_label (f), wk_finding_get_message (f));
}

static void
print_plan_line (const char *letter,
                 WkChecker  *checker)
{
  guint errors = wk_checker_count (checker, WK_SEVERITY_ERROR);
  guint warnings = wk_checker_count (checker, WK_SEVERITY_WARNING);

  g_print ("%s: %s — ", letter, wk_plan_get_name (wk_checker_get_plan (checker)));
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
  g_print (", ");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);
  g_print ("\n");
}

static void
print_text (WkProject    *project,
            WkComparison *cmp,
            WkChecker    *ca,
            WkChecker    *cb)
{
  WkDataset *dataset = wk_project_get_dataset (project);
  WkPlan *a = wk_comparison_get_plan_a (cmp), *b = wk_comparison_get_plan_b (cmp);
  guint n_moves, n_areas, n_findings;
  const WkUnitMove *moves = wk_comparison_get_moves (cmp, &n_moves);
  const WkAreaDelta *areas = wk_comparison_get_areas (cmp, &n_areas);
  const WkFindingDelta *findings = wk_comparison_get_findings (cmp, &n_findings);

  print_plan_line ("A", ca);
  print_plan_line ("B", cb);
  g_print ("\n");

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u unit moved:", "%u units moved:", n_moves), n_moves);
  g_print ("\n");
  for (guint i = 0; i < n_moves; i++)
    {
      const WkUnit *unit = wk_dataset_get_unit (dataset, moves[i].unit);
      const char *from = area_name (a, moves[i].area_a);
      const char *to = area_name (b, moves[i].area_b);

      g_print ("  %-12s %-28s %s → %s\n", unit->code, unit->name ? unit->name : "",
               from ? from : _("(none)"), to ? to : _("(none)"));
    }

  g_print ("\n%-28s %12s %12s %10s\n", _("Area"), "A", "B", _("Change"));
  for (guint i = 0; i < n_areas; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *pop_a = wk_format_count (areas[i].population_a);
      g_autofree char *pop_b = wk_format_count (areas[i].population_b);
      g_autofree char *change = wk_format_change (areas[i].population_b - areas[i].population_a);

      if (areas[i].name_a && areas[i].name_b && g_strcmp0 (areas[i].name_a, areas[i].name_b) != 0)
        name = g_strdup_printf ("%s → %s", areas[i].name_a, areas[i].name_b);
      else
        name = g_strdup (areas[i].name_a ? areas[i].name_a : areas[i].name_b);
      g_print ("%-28s %12s %12s %10s\n", name, pop_a, pop_b, change);
    }

  g_print ("\n");
  for (guint i = 0; i < n_findings; i++)
    switch (findings[i].change)
      {
      case WK_FINDING_APPEARED:
        print_finding ("+", findings[i].b);
        break;
      case WK_FINDING_DISAPPEARED:
        print_finding ("−", findings[i].a);
        break;
      case WK_FINDING_CHANGED:
      default:
        print_finding ("~", findings[i].a);
        print_finding (" ", findings[i].b);
        break;
      }
  g_print ("\n%s: %u %s, %u %s, %u %s, %u %s\n", _("Findings"),
           wk_comparison_count_findings (cmp, WK_FINDING_APPEARED), _("new"),
           wk_comparison_count_findings (cmp, WK_FINDING_DISAPPEARED), _("gone"),
           wk_comparison_count_findings (cmp, WK_FINDING_CHANGED), _("changed"),
           wk_comparison_get_n_same_findings (cmp), _("the same"));
}

int
wk_cli_compare (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("compare PROJECT.wijk.gpkg --plan A --plan B — compare two plans"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProject) project = NULL;
  g_autoptr(WkProfile) profile = NULL;
  g_autoptr(WkChecker) ca = NULL;
  g_autoptr(WkChecker) cb = NULL;
  g_autoptr(WkComparison) cmp = NULL;
  g_auto(GStrv) plans = NULL;
  g_autofree char *profile_path = NULL;
  gboolean json = FALSE;
  WkPlan *a, *b;
  GOptionEntry entries[] = {
    { "plan", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &plans,
      N_("A plan of the project; give two: first A, then B"), N_("NAME") },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_path,
      N_("Criteria profile (.ini; default: the project's)"), N_("FILE.ini") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wk_cli_add_project_options (context, NULL, 0);
  g_option_context_set_summary (context,
                                _("Compares two plans (scenarios) of a project: the units that moved, "
                                  "each area's population in both, and the findings that appear, "
                                  "disappear or change from A to B."));
  if (!wk_cli_parse (context, &argc, &argv))
    return WK_EXIT_BAD_INPUT;
  if (argc != 2)
    return wk_cli_fail (_("Give one project file (see --help)."));
  if (plans == NULL || g_strv_length (plans) != 2)
    return wk_cli_fail (_("Say which two plans to compare with --plan A --plan B."));

  project = wk_cli_open_project (argv[1], &error);
  if (project == NULL)
    return wk_cli_fail ("%s", error->message);
  if ((a = wk_cli_find_plan (project, plans[0], &error)) == NULL ||
      (b = wk_cli_find_plan (project, plans[1], &error)) == NULL)
    return wk_cli_fail ("%s", error->message);
  if (profile_path != NULL)
    profile = wk_profile_load (profile_path, &error);
  else
    profile = g_object_ref (wk_project_get_profile (project));
  if (profile == NULL)
    return wk_cli_fail ("%s", error->message);

  ca = wk_checker_new (a, profile);
  cb = wk_checker_new (b, profile);
  cmp = wk_comparison_new (ca, cb);
  if (json)
    {
      g_autoptr(JsonNode) root = build_json (project, cmp, ca, cb);
      wk_cli_print_json (root);
    }
  else
    print_text (project, cmp, ca, cb);
  return WK_EXIT_OK;
}
