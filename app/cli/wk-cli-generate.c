/* wk-cli-generate.c: wijkindeling-cli generate — a made-up municipality
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"

int
wk_cli_generate (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("generate — make a made-up municipality"));
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *name = NULL;
  g_autofree char *format = NULL;
  WkSyntheticOptions options;
  int units = 0, municipalities = 0, seed = -1;
  double spacing = -1;
  gint64 population = 0;
  gboolean no_plan = FALSE;
  GOptionEntry entries[] = {
    { "units", 'n', 0, G_OPTION_ARG_INT, &units, N_("Number of units (default 48)"), N_("N") },
    { "municipalities", 'm', 0, G_OPTION_ARG_INT, &municipalities,
      N_("Number of municipalities (default 1)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, N_("Random seed"), N_("SEED") },
    { "population", 0, 0, G_OPTION_ARG_INT64, &population, N_("Total population to aim for"), N_("N") },
    { "vertex-spacing", 0, 0, G_OPTION_ARG_DOUBLE, &spacing,
      N_("Metres between boundary vertices (default 70; 0 for straight edges)"), N_("M") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the municipality"), N_("NAME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Units as geojson (WGS84) or gpkg (RD New)"),
      N_("FORMAT") },
    { "no-plan", 0, 0, G_OPTION_ARG_NONE, &no_plan, N_("Do not put problems in plan.csv"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Folder to write into"), N_("DIR") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Writes a made-up municipality — buurten with population and 65+, GP "
                                  "practices, pharmacies, district nursing and social teams, existing "
                                  "team areas, the municipal boundary and a starting plan — for demos, "
                                  "tests and benchmarks. The same options give the same files."));
  if (!wk_cli_parse (context, &argc, &argv))
    return WK_EXIT_BAD_INPUT;
  if (output == NULL)
    return wk_cli_fail (_("Say where to write with -o DIR."));

  wk_synthetic_options_init (&options);
  if (units > 0)
    options.n_units = units;
  if (municipalities > 0)
    options.n_municipalities = municipalities;
  if (seed >= 0)
    options.seed = seed;
  if (spacing >= 0)
    options.vertex_spacing_m = spacing;
  if (population > 0)
    options.population = population;
  if (name != NULL)
    options.name = name;
  if (format != NULL)
    {
      if (!g_str_equal (format, "geojson") && !g_str_equal (format, "gpkg"))
        return wk_cli_fail (_("The format is geojson or gpkg."));
      options.units_format = format;
    }
  options.sample_plan = !no_plan;

  if (!wk_synthetic_write (&options, output, &error))
    return wk_cli_fail ("%s", error->message);
  return WK_EXIT_OK;
}
