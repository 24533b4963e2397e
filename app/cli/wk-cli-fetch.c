/* wk-cli-fetch.c: wijkindeling-cli fetch — CBS buurten of gemeenten from PDOK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"

/* Each --gemeente as a code: GM0632, 0632 and Woerden all give GM0632. */
static GStrv
resolve_gemeenten (char **given)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = wk_gemeenten_load (NULL, &error);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();

  if (list == NULL)
    {
      wk_cli_fail ("%s", error->message);
      return NULL;
    }
  for (guint i = 0; given[i] != NULL; i++)
    {
      const WkGemeente *g = wk_gemeenten_find (list, given[i]);

      if (g == NULL)
        {
          wk_cli_fail (_("“%s” is not a gemeente of the CBS list. Give its code (such as "
                         "GM0632) or its name as CBS writes it (such as Woerden)."), given[i]);
          return NULL;
        }
      g_strv_builder_add (codes, g->code);
    }
  return g_strv_builder_end (codes);
}

int
wk_cli_fetch (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("fetch — CBS buurten from PDOK"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WkPdokReport) report = NULL;
  g_auto(GStrv) given = NULL;
  g_auto(GStrv) codes = NULL;
  g_autofree char *service = NULL;
  g_autofree char *output = NULL;
  g_autofree char *cache_dir = NULL;
  WkPdokOptions options;
  gboolean refresh = FALSE, quiet = FALSE;
  int year = WK_PDOK_DEFAULT_YEAR, timeout = 0;
  GOptionEntry entries[] = {
    { "gemeente", 'g', 0, G_OPTION_ARG_STRING_ARRAY, &given,
      N_("A gemeente, by CBS code or name (repeat for more)"), N_("GEMEENTE") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Year of the CBS data (default 2024)"),
      N_("YEAR") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service,
      N_("Address of the OGC API Features service (default: PDOK's for the year)"), N_("URL") },
    { "refresh", 0, 0, G_OPTION_ARG_NONE, &refresh, N_("Download again, even when cached"), NULL },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir,
      N_("Folder of the cache (default: the user's cache folder)"), N_("DIR") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds to wait for the service (default 60)"), N_("S") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print errors only"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("GeoPackage to write"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Fetches the CBS buurten of one or more gemeenten — code, name, "
                                  "wijk, population, 65-plussers and more — and the gemeente "
                                  "boundary from PDOK (CBS Wijken en Buurten, OGC API Features) "
                                  "into a GeoPackage with the layers “buurten” and “gemeenten”. "
                                  "Downloads are kept in a cache, so fetching the same gemeente "
                                  "again works offline. Source: CBS, Kadaster (CC BY 4.0)."));
  if (!wk_cli_parse (context, &argc, &argv))
    return WK_EXIT_BAD_INPUT;
  if (given == NULL)
    return wk_cli_fail (_("Say which gemeente with --gemeente, e.g. --gemeente Woerden."));
  if (output == NULL)
    return wk_cli_fail (_("Say where to write with -o FILE.gpkg."));
  if (year < 2000 || year > 2100 || timeout < 0)
    return wk_cli_fail (_("The year or the timeout is out of range (see --help)."));
  if ((codes = resolve_gemeenten (given)) == NULL)
    return WK_EXIT_BAD_INPUT;

  wk_pdok_options_init (&options);
  options.gemeenten = (const char * const *) codes;
  options.year = year;
  options.service = service;
  options.cache_dir = cache_dir;
  options.refresh = refresh;
  options.timeout_s = timeout;
  report = wk_pdok_fetch (&options, output, NULL, NULL, &error);
  if (report == NULL)
    return wk_cli_fail ("%s", error->message);

  for (guint i = 0; !quiet && i < report->gemeenten->len; i++)
    {
      WkPdokGemeente *g = g_ptr_array_index (report->gemeenten, i);
      g_autofree char *date = g->fetched ? g_date_time_format (g->fetched, "%Y-%m-%d %H:%M")
                                         : g_strdup ("?");
      g_autofree char *population = g_strdup_printf ("%" G_GINT64_FORMAT, g->population);

      g_print (g->from_cache
               ? _("%s %s: %u buurten, %s inhabitants (from the cache, downloaded %s)\n")
               : _("%s %s: %u buurten, %s inhabitants (downloaded %s)\n"),
               g->code, g->name ? g->name : "", g->n_buurten, population, date);
      if (g->n_unknown > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "  %u buurt has no known population (CBS keeps "
                              "it secret or has none).\n",
                              "  %u buurten have no known population (CBS keeps it secret or "
                              "has none).\n", g->n_unknown), g->n_unknown);
    }
  if (!quiet)
    g_print (_("Wrote “%s”. Source: CBS, Kadaster (CC BY 4.0), via %s.\n"), output,
             report->service);
  return WK_EXIT_OK;
}
