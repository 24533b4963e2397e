/* wk-cli-geocode.c: wijkindeling-cli geocode — a list of addresses placed through PDOK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"

int
wk_cli_geocode (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (
    _("geocode LIST — place a list of addresses through PDOK"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WkGeocodeReport) report = NULL;
  g_autofree char *service = NULL;
  g_autofree char *output = NULL;
  g_autofree char *cache_dir = NULL;
  WkGeocodeOptions options = { 0 };
  gboolean refresh = FALSE, quiet = FALSE;
  double rate = 0;
  GOptionEntry entries[] = {
    { "service", 0, 0, G_OPTION_ARG_STRING, &service,
      N_("Address of the Locatieserver (default: PDOK's)"), N_("URL") },
    { "refresh", 0, 0, G_OPTION_ARG_NONE, &refresh,
      N_("Ask again for addresses in the cache"), NULL },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir,
      N_("Folder of the cache (default: the user's cache folder)"), N_("DIR") },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate,
      N_("Most requests per second (default 5)"), N_("N") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print errors only"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("GeoPackage to write"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Places the rows of a CSV or XLSX list with the columns "
                                  "“postcode” and “huisnummer” (and “toevoeging”) at their "
                                  "address, through PDOK's Locatieserver, into a GeoPackage of "
                                  "points in RD New with all the list's columns. Rows that "
                                  "cannot be placed are listed with their line numbers. Exit "
                                  "status 1 when some rows were not found."));
  if (!wk_cli_parse (context, &argc, &argv))
    return WK_EXIT_BAD_INPUT;
  if (argc != 2)
    return wk_cli_fail (_("Give one list of addresses (see --help)."));
  if (output == NULL)
    return wk_cli_fail (_("Say where to write with -o FILE.gpkg."));
  if (rate < 0)
    return wk_cli_fail (_("The rate cannot be negative."));

  options.list_path = argv[1];
  options.service = service;
  options.cache_dir = cache_dir;
  options.refresh = refresh;
  options.max_per_second = rate;
  report = wk_geocode_list (&options, output, NULL, &error);
  if (report == NULL)
    return wk_cli_fail ("%s", error->message);

  for (guint i = 0; i < report->missed->len; i++)
    {
      WkGeocodeMiss *miss = g_ptr_array_index (report->missed, i);

      g_printerr (_("%s: line %u: %s: %s\n"), argv[1], miss->line, miss->address, miss->reason);
    }
  if (!quiet)
    g_print (_("Placed %u of %u addresses (%u from the cache); wrote “%s”.\n"),
             report->n_found, report->n_rows, report->n_from_cache, output);
  if (report->missed->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u row was not found; place it by hand on the map.\n",
                               "%u rows were not found; place them by hand on the map.\n",
                               report->missed->len), report->missed->len);
      return WK_EXIT_FINDINGS;
    }
  return WK_EXIT_OK;
}
