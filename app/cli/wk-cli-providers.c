/* wk-cli-providers.c: wijkindeling-cli providers — care providers from OpenStreetMap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"

int
wk_cli_providers (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (
    _("providers — care providers from OpenStreetMap"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WkOsmReport) report = NULL;
  g_autofree char *osm = NULL;
  g_autofree char *boundary = NULL;
  g_autofree char *units = NULL;
  g_autofree char *output = NULL;
  WkOsmOptions options = { NULL, NULL, 3000.0 };
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "osm", 0, 0, G_OPTION_ARG_FILENAME, &osm,
      N_("OpenStreetMap file (.osm or .osm.pbf)"), N_("FILE") },
    { "boundary", 'b', 0, G_OPTION_ARG_FILENAME, &boundary,
      N_("Keep what lies in this boundary"), N_("FILE") },
    { "units", 'u', 0, G_OPTION_ARG_FILENAME, &units,
      N_("Keep what lies in these units (buurten)"), N_("FILE") },
    { "margin", 0, 0, G_OPTION_ARG_DOUBLE, &options.margin_m,
      N_("Metres around the boundary or units that still count (default 3000)"), N_("M") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print errors only"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("GeoPackage to write"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Picks GP practices (not specialists), pharmacies and district "
                                  "nursing out of an OpenStreetMap file into a GeoPackage with "
                                  "the point layers “gp”, “pharmacy” and “nursing” (name, "
                                  "address, OSM id). Buildings and areas count at their "
                                  "centre. Data © OpenStreetMap contributors (ODbL)."));
  if (!wk_cli_parse (context, &argc, &argv))
    return WK_EXIT_BAD_INPUT;
  if (osm == NULL)
    return wk_cli_fail (_("Say which OpenStreetMap file with --osm FILE."));
  if (output == NULL)
    return wk_cli_fail (_("Say where to write with -o FILE.gpkg."));
  if (boundary != NULL && units != NULL)
    return wk_cli_fail (_("Give --boundary or --units, not both."));
  if (options.margin_m < 0)
    return wk_cli_fail (_("The margin cannot be negative."));

  options.osm_path = osm;
  options.area_path = boundary != NULL ? boundary : units;
  report = wk_osm_providers_import (&options, output, NULL, &error);
  if (report == NULL)
    return wk_cli_fail ("%s", error->message);
  if (quiet)
    return WK_EXIT_OK;

  g_print (_("GP practices: %u\n"), report->n_kept[WK_PROVIDER_GP]);
  g_print (_("Pharmacies: %u\n"), report->n_kept[WK_PROVIDER_PHARMACY]);
  g_print (_("District nursing: %u\n"), report->n_kept[WK_PROVIDER_NURSING]);
  if (report->n_specialists > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (report->specialists, NULL);
      names = g_strjoinv (", ", (char **) report->specialists->pdata);
      g_print (_("Skipped, specialists rather than GPs: %u (%s)\n"), report->n_specialists, names);
    }
  if (report->n_outside > 0)
    g_print (_("Skipped, outside the area and its margin: %u\n"), report->n_outside);
  if (report->n_no_location > 0)
    g_print (_("Skipped, without a location: %u\n"), report->n_no_location);
  if (options.area_path == NULL)
    g_print (_("No --boundary or --units given: all of the file was kept.\n"));
  g_print (_("Wrote “%s”. Data %s (ODbL).\n"), output, WK_OSM_ATTRIBUTION);
  return WK_EXIT_OK;
}
