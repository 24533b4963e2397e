/* wk-cli-export.c: wijkindeling-cli export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"

int
wk_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("export [PROJECT.wijk.gpkg] — export a plan"));
  g_autoptr(GError) error = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  WkCliInput input = { 0 };
  WkCliSession session = { 0 };
  WkExportFormat format;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("geojson (areas, WGS84), gpkg (areas, units and assignment, RD New) or csv"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write; - for standard output"), N_("OUT") },
    { NULL }
  };
  int status = WK_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wk_cli_add_project_options (context, &input, WK_CLI_OPTION_QUIET);
  g_option_context_add_group (context, wk_cli_input_group (&input, TRUE));
  g_option_context_set_summary (context,
                                _("Writes the plan's areas, dissolved from their units, for QGIS and "
                                  "other tools. The file is replaced only when it was written completely."));
  if (!wk_cli_parse (context, &argc, &argv) || !wk_cli_take_project (&input, argc, argv))
    {
      wk_cli_input_clear (&input);
      return WK_EXIT_BAD_INPUT;
    }
  if (format_name == NULL || !wk_export_format_from_string (format_name, &format))
    status = wk_cli_fail (_("Say the format with --format geojson, gpkg or csv."));
  else if (output == NULL)
    status = wk_cli_fail (_("Say where to write with -o FILE."));
  else if (!wk_cli_check_output (&input, output, &error))
    status = wk_cli_fail ("%s", error->message);
  else if (!wk_cli_open (&input, TRUE, &session, &error))
    status = wk_cli_fail ("%s", error->message);
  else
    {
      g_autofree char *path = wk_cli_output_open (output, &error);

      if (path == NULL ||
          !wk_cli_output_close (output, path,
                                wk_export (session.checker, format, path, &error), &error))
        status = wk_cli_fail ("%s", error->message);
    }

  wk_cli_session_clear (&session);
  wk_cli_input_clear (&input);
  return status;
}
