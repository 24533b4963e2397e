/* wk-cli-copy.c: wijkindeling-cli copy, a project between a file and PostGIS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"

int
wk_cli_copy (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("copy SOURCE DESTINATION — copy a project between a file and PostGIS"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProject) project = NULL;
  g_autofree char *to_schema = NULL;
  g_autofree char *display = NULL;
  gboolean force = FALSE, quiet = FALSE;
  GOptionEntry entries[] = {
    { "to-schema", 0, 0, G_OPTION_ARG_STRING, &to_schema,
      N_("The destination's schema when both are in PostgreSQL (default: --schema)"),
      N_("NAME") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the project file if it exists"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing when it went well"), NULL },
    { NULL }
  };
  const char *schema, *target_schema;
  gboolean to_pg;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wk_cli_add_project_options (context, NULL, 0);
  g_option_context_set_summary (context,
                                _("Copies a project with all its plans, notes, profile and audit "
                                  "log: from a .wijk.gpkg file into a schema of a PostGIS "
                                  "database (\"PG:host=… dbname=…\" --schema NAME), back, or "
                                  "between two such places."));
  if (!wk_cli_parse (context, &argc, &argv))
    return WK_EXIT_BAD_INPUT;
  if (argc != 3)
    return wk_cli_fail (_("Give the project to copy and where to copy it (see --help)."));
  schema = wk_cli_get_schema ();
  to_pg = wk_project_is_connection (argv[2]);
  target_schema = to_pg ? (wk_project_is_connection (argv[1]) && to_schema ? to_schema : schema)
                        : NULL;
  if (to_pg && target_schema == NULL)
    return wk_cli_fail (_("A shared project in PostgreSQL needs its schema: add "
                          "--schema NAME."));
  if (!to_pg && !force && g_file_test (argv[2], G_FILE_TEST_EXISTS))
    {
      g_autofree char *base = g_path_get_basename (argv[2]);
      return wk_cli_fail (_("“%s” exists already; use --force to replace it."), base);
    }

  if (wk_project_is_connection (argv[1]))
    project = wk_cli_open_project (argv[1], &error);
  else
    project = wk_cli_open_project_file (argv[1], &error);
  if (project == NULL)
    return wk_cli_fail ("%s", error->message);
  if (to_pg ? !wk_project_save_pg (project, argv[2], target_schema, NULL, &error)
            : !wk_project_save (project, argv[2], NULL, &error))
    return wk_cli_fail ("%s", error->message);
  if (!quiet)
    {
      display = wk_project_location_display_name (argv[2], target_schema);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Copied %u plan to “%s”.\n",
                            "Copied %u plans to “%s”.\n",
                            g_list_model_get_n_items (wk_project_get_plans (project))),
               g_list_model_get_n_items (wk_project_get_plans (project)), display);
    }
  return WK_EXIT_OK;
}
