/* wk-cli-import.c: wijkindeling-cli import — a plan from a CSV or area polygons into a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wk-cli.h"

static gboolean
is_csv (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
         g_str_has_suffix (lower, ".txt");
}

static char *
name_from_file (const char *path)
{
  char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return base;
}

static gboolean
import_plan (WkProject   *project,
             const char  *file,
             const char  *name,
             const char  *name_field,
             gboolean     activate,
             gboolean     quiet,
             GError     **error)
{
  WkDataset *dataset = wk_project_get_dataset (project);
  g_autoptr(WkPlan) plan = wk_plan_new (dataset);
  g_autoptr(WkImportReport) report = NULL;
  g_autofree char *suggested = NULL;

  if (is_csv (file))
    {
      if (!wk_plan_import_csv (plan, file, &report, error) ||
          !wk_cli_check_import (report, file, dataset, quiet, error))
        return FALSE;
    }
  else if (!wk_plan_import_polygons (plan, file, name_field, &report, error) ||
           !wk_cli_check_import (report, file, dataset, quiet, error))
    return FALSE;

  if (name == NULL)
    {
      g_autofree char *base = name_from_file (file);
      name = suggested = wk_project_suggest_plan_name (project, base);
    }
  wk_plan_set_name (plan, name);
  wk_plan_clear_history (plan);
  if (!wk_project_add_plan (project, plan, error))
    return FALSE;
  if (activate)
    wk_project_set_active_plan (project, plan);
  wk_project_add_source (project, "plan", file);
  if (!wk_cli_save_project (project, plan, error))
    return FALSE;
  if (!quiet)
    {
      g_autofree char *base = wk_project_dup_display_name (project);
      guint n_areas = wk_plan_get_n_areas (plan);

      /* Translators: “Added plan “x” to “y.wijk.gpkg”: 44 of 46 units in 6 areas.” */
      g_print (_("Added plan “%s” to “%s”: %u of %u units in "), name, base,
               wk_plan_get_n_assigned (plan), wk_dataset_get_n_units (dataset));
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas", n_areas), n_areas);
      g_print (".\n");
    }
  return TRUE;
}

int
wk_cli_import (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("import PROJECT.wijk.gpkg FILE — add a plan to a project"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProject) project = NULL;
  g_autofree char *name = NULL;
  g_autofree char *name_field = NULL;
  gboolean activate = FALSE, quiet = FALSE;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("Name of the new plan (default: the file's name)"), N_("NAME") },
    { "name-field", 0, 0, G_OPTION_ARG_STRING, &name_field,
      N_("Field with the areas' names in a polygon file (default: detected)"), N_("FIELD") },
    { "activate", 0, 0, G_OPTION_ARG_NONE, &activate,
      N_("Make the new plan the project's active plan"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not print warnings"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wk_cli_add_project_options (context, NULL, WK_CLI_OPTION_SAVES);
  g_option_context_set_summary (context,
                                _("Adds a plan (a scenario) to a project and saves it: from an "
                                  "assignment CSV (unit_code,area), or from area polygons in any "
                                  "map file (a team-area map, CBS wijken, an export), where each "
                                  "unit goes to the area that holds the largest part of it."));
  if (!wk_cli_parse (context, &argc, &argv))
    return WK_EXIT_BAD_INPUT;
  if (argc != 3)
    return wk_cli_fail (_("Give a project file and the file to import (see --help)."));

  project = wk_cli_open_project (argv[1], &error);
  if (project == NULL ||
      !import_plan (project, argv[2], name, name_field, activate, quiet, &error))
    return wk_cli_fail ("%s", error->message);
  return WK_EXIT_OK;
}
