/* wk-cli-new.c: wijkindeling-cli new — a project file from the source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"

int
wk_cli_new (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("new — make a project file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProject) project = NULL;
  g_autofree char *output = NULL;
  g_autofree char *lower = NULL;
  WkCliInput input = { 0 };
  WkCliSession session = { 0 };
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The project file to write"), N_("PROJECT.wijk.gpkg") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the project file if it exists"), NULL },
    { NULL }
  };
  int status = WK_EXIT_OK;
  gboolean shared;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wk_cli_add_project_options (context, &input, WK_CLI_OPTION_QUIET);
  g_option_context_add_group (context, wk_cli_input_group (&input, TRUE));
  g_option_context_set_summary (context,
                                _("Makes a project file: one GeoPackage with the units, care providers, "
                                  "networks and boundary, the plan and the criteria profile, which "
                                  "Wijkindeling opens and QGIS shows as it is. Without --plan the "
                                  "project starts with an empty plan."));
  if (!wk_cli_parse (context, &argc, &argv))
    {
      wk_cli_input_clear (&input);
      return WK_EXIT_BAD_INPUT;
    }
  if (output != NULL)
    lower = g_ascii_strdown (output, -1);
  shared = wk_project_is_connection (output);
  if (argc > 1)
    status = wk_cli_fail (_("Unexpected argument “%s” (see --help)."), argv[1]);
  else if (output == NULL)
    status = wk_cli_fail (_("Say where to write the project with -o PROJECT.wijk.gpkg."));
  else if (shared && wk_cli_get_schema () == NULL)
    status = wk_cli_fail (_("A shared project in PostgreSQL needs its schema: add "
                            "--schema NAME."));
  else if (!shared && wk_cli_get_schema () != NULL)
    status = wk_cli_fail (_("--schema is for a shared project given as \"PG:…\", not for a "
                            "project file."));
  else if (!shared && !g_str_has_suffix (lower, ".gpkg"))
    status = wk_cli_fail (_("“%s”: the name of a project file ends in .wijk.gpkg."), output);
  else if (!shared && !force && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_autofree char *base = g_path_get_basename (output);
      status = wk_cli_fail (_("“%s” exists already; use --force to replace it."), base);
    }
  else if (!shared && !wk_cli_check_output (&input, output, &error))
    status = wk_cli_fail ("%s", error->message);
  else if (!wk_cli_open (&input, FALSE, &session, &error))
    status = wk_cli_fail ("%s", error->message);
  else
    {
      WkDataset *dataset = session.dataset;

      project = wk_project_new_with_plan (session.plan, session.profile);
      if (input.plan != NULL)
        wk_project_add_source (project, "plan", input.plan);
      if (input.profile != NULL)
        wk_project_add_source (project, "profile", input.profile);
      if (shared ? !wk_project_save_pg (project, output, wk_cli_get_schema (), NULL, &error)
                 : !wk_project_save (project, output, NULL, &error))
        status = wk_cli_fail ("%s", error->message);
      else if (!input.quiet)
        {
          g_autofree char *base = wk_project_location_display_name (output,
                                                                    wk_cli_get_schema ());
          guint n_areas = wk_plan_get_n_areas (session.plan);

          /* Translators: “Wrote “x.wijk.gpkg”: 46 units, 41 care providers, plan “plan” with 6 areas.” */
          g_print (_("Wrote “%s”: %u units, %u care providers, %u networks; plan “%s” with "),
                   base, wk_dataset_get_n_units (dataset), wk_dataset_get_n_providers (dataset),
                   wk_dataset_get_n_networks (dataset), wk_plan_get_name (session.plan));
          g_print (g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas", n_areas), n_areas);
          g_print (".\n");
        }
    }

  wk_cli_session_clear (&session);
  wk_cli_input_clear (&input);
  return status;
}
