/* wk-cli-info.c: wijkindeling-cli info FILE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"

static const char *
kind_label (WkGeometryKind kind)
{
  switch (kind)
    {
    case WK_GEOMETRY_NONE:
      return _("table (no geometry)");
    case WK_GEOMETRY_POINT:
      return _("points");
    case WK_GEOMETRY_LINE:
      return _("lines");
    case WK_GEOMETRY_POLYGON:
      return _("polygons");
    case WK_GEOMETRY_UNKNOWN:
    default:
      return _("unknown");
    }
}

static const char *
kind_id (WkGeometryKind kind)
{
  static const char *ids[] = { "none", "point", "line", "polygon", "unknown" };

  return ids[kind];
}

static void
add_project_json (JsonBuilder *b,
                  WkProject   *project)
{
  WkDataset *dataset = wk_project_get_dataset (project);
  GListModel *plans = wk_project_get_plans (project);
  GPtrArray *sources = wk_project_get_sources (project);
  g_autofree char *title = wk_project_dup_title (project);

  json_builder_set_member_name (b, "project");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);
  json_builder_set_member_name (b, "units");
  json_builder_add_int_value (b, wk_dataset_get_n_units (dataset));
  json_builder_set_member_name (b, "providers");
  json_builder_add_int_value (b, wk_dataset_get_n_providers (dataset));
  json_builder_set_member_name (b, "networks");
  json_builder_add_int_value (b, wk_dataset_get_n_networks (dataset));
  json_builder_set_member_name (b, "active_plan");
  json_builder_add_string_value (b, wk_plan_get_name (wk_project_get_active_plan (project)));
  json_builder_set_member_name (b, "plans");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(WkPlan) plan = g_list_model_get_item (plans, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, wk_plan_get_name (plan));
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, wk_plan_get_note (plan));
      json_builder_set_member_name (b, "areas");
      json_builder_add_int_value (b, wk_plan_get_n_areas (plan));
      json_builder_set_member_name (b, "assigned_units");
      json_builder_add_int_value (b, wk_plan_get_n_assigned (plan));
      json_builder_set_member_name (b, "active");
      json_builder_add_boolean_value (b, plan == wk_project_get_active_plan (project));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < sources->len; i++)
    {
      WkProjectSource *s = g_ptr_array_index (sources, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, s->role);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, s->name);
      json_builder_set_member_name (b, "sha256");
      if (s->sha256 != NULL)
        json_builder_add_string_value (b, s->sha256);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "audit_log_lines");
  json_builder_add_int_value (b, wk_project_get_audit_log (project)->len);
  json_builder_end_object (b);
}

static void
print_project (WkProject *project)
{
  WkDataset *dataset = wk_project_get_dataset (project);
  GListModel *plans = wk_project_get_plans (project);
  GPtrArray *sources = wk_project_get_sources (project);
  g_autofree char *title = wk_project_dup_title (project);

  g_print ("%s: %s\n", _("Project"), title);
  g_print ("  %-22s %u\n", _("Units:"), wk_dataset_get_n_units (dataset));
  g_print ("  %-22s %u\n", _("Care providers:"), wk_dataset_get_n_providers (dataset));
  g_print ("  %-22s %u\n", _("Networks:"), wk_dataset_get_n_networks (dataset));
  g_print ("  %s\n", _("Plans:"));
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(WkPlan) plan = g_list_model_get_item (plans, i);
      guint n_areas = wk_plan_get_n_areas (plan);

      g_print ("    %s %s — ", plan == wk_project_get_active_plan (project) ? "*" : " ",
               wk_plan_get_name (plan));
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas", n_areas), n_areas);
      g_print (", ");
      g_print (_("%u of %u units assigned"), wk_plan_get_n_assigned (plan),
               wk_dataset_get_n_units (dataset));
      g_print ("\n");
    }
  g_print ("  %s\n", _("Made from:"));
  for (guint i = 0; i < sources->len; i++)
    {
      WkProjectSource *s = g_ptr_array_index (sources, i);

      g_print ("    %-10s %s%s%.12s%s\n", s->role, s->name, s->sha256 ? " (sha256 " : "",
               s->sha256 ? s->sha256 : "", s->sha256 ? "…)" : "");
    }
  g_print ("  %-22s %u\n\n", _("Audit log lines:"), wk_project_get_audit_log (project)->len);
}

int
wk_cli_info (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("info FILE — show what a map file holds"));
  g_autoptr(WkSourceInfo) info = NULL;
  g_autoptr(WkProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wk_cli_add_project_options (context, NULL, WK_CLI_OPTION_FILE_ONLY);
  g_option_context_set_summary (context,
                                _("Lists the layers of FILE with their geometry, number of features and "
                                  "coordinate system, and which fields would be used as unit code, "
                                  "name, population, 65+, and municipality. For a project file, "
                                  "also its plans and the files it was made from."));
  if (!wk_cli_parse (context, &argc, &argv))
    return WK_EXIT_BAD_INPUT;
  if (argc != 2)
    return wk_cli_fail (_("Give exactly one file (see --help)."));

  if (wk_project_is_project_file (argv[1]))
    {
      project = wk_cli_open_project (argv[1], &error);
      if (project == NULL)
        return wk_cli_fail ("%s", error->message);
    }
  info = wk_source_inspect (argv[1], &error);
  if (info == NULL)
    return wk_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, info->display_name);
      json_builder_set_member_name (b, "driver");
      json_builder_add_string_value (b, info->driver);
      json_builder_set_member_name (b, "layers");
      json_builder_begin_array (b);
      for (guint i = 0; i < info->layers->len; i++)
        {
          WkLayerInfo *li = g_ptr_array_index (info->layers, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, li->name);
          json_builder_set_member_name (b, "geometry");
          json_builder_add_string_value (b, kind_id (li->kind));
          json_builder_set_member_name (b, "geometry_type");
          json_builder_add_string_value (b, li->geometry_type);
          json_builder_set_member_name (b, "features");
          json_builder_add_int_value (b, li->n_features);
          json_builder_set_member_name (b, "crs");
          if (li->crs)
            json_builder_add_string_value (b, li->crs);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "fields");
          json_builder_begin_array (b);
          for (guint f = 0; li->fields[f] != NULL; f++)
            json_builder_add_string_value (b, li->fields[f]);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "roles");
          json_builder_begin_object (b);
          for (guint r = 0; r < WK_N_ROLES; r++)
            {
              json_builder_set_member_name (b, wk_field_role_to_string (r));
              if (li->roles[r])
                json_builder_add_string_value (b, li->roles[r]);
              else
                json_builder_add_null_value (b);
            }
          json_builder_end_object (b);
          json_builder_set_member_name (b, "pop65_is_share");
          json_builder_add_boolean_value (b, li->pop65_is_share);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      if (project != NULL)
        add_project_json (b, project);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      wk_cli_print_json (root);
      return WK_EXIT_OK;
    }

  if (project != NULL)
    print_project (project);
  g_print ("%s: %s (%s)\n", _("File"), info->display_name, info->driver);
  for (guint i = 0; i < info->layers->len; i++)
    {
      WkLayerInfo *li = g_ptr_array_index (info->layers, i);
      g_autofree char *fields = g_strjoinv (", ", li->fields);

      g_print ("\n%s “%s”\n", _("Layer"), li->name);
      g_print ("  %-22s %s (%s)\n", _("Geometry:"), kind_label (li->kind), li->geometry_type);
      g_print ("  %-22s %" G_GINT64_FORMAT "\n", _("Features:"), li->n_features);
      g_print ("  %-22s %s\n", _("Coordinate system:"), li->crs ? li->crs : _("none"));
      g_print ("  %-22s %s\n", _("Fields:"), *fields ? fields : _("none"));
      g_print ("  %s\n", _("Detected field roles:"));
      for (guint r = 0; r < WK_N_ROLES; r++)
        g_print ("    %-20s %s%s\n", wk_field_role_get_label (r),
                 li->roles[r] ? li->roles[r] : "—",
                 r == WK_ROLE_POP65 && li->roles[r] && li->pop65_is_share ? _(" (percentage)") : "");
    }
  return WK_EXIT_OK;
}
