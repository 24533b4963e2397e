/* wk-cli-main.c: wijkindeling-cli, the headless front-end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "wk-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "info", wk_cli_info, N_("Show the layers, fields and detected field roles of a file or project") },
  { "check", wk_cli_check, N_("Check a plan against the criteria of the regional guide") },
  { "export", wk_cli_export, N_("Export a plan as GeoJSON, GeoPackage or assignment CSV") },
  { "report", wk_cli_report, N_("Write a printable review report (PDF) of a plan") },
  { "generate", wk_cli_generate, N_("Make a made-up municipality for demos, tests and benchmarks") },
  { "new", wk_cli_new, N_("Make a project file from the units, care providers and a plan") },
  { "import", wk_cli_import, N_("Add a plan from a CSV or area polygons to a project") },
  { "compare", wk_cli_compare, N_("Compare two plans of a project") },
  { "copy", wk_cli_copy, N_("Copy a project between a file and a PostGIS database") },
  { "fetch", wk_cli_fetch, N_("Fetch the CBS buurten of gemeenten from PDOK into a GeoPackage") },
  { "providers", wk_cli_providers,
    N_("Take GP practices, pharmacies and nursing from OpenStreetMap") },
  { "geocode", wk_cli_geocode, N_("Place a list of addresses through PDOK's Locatieserver") },
  { "repair", wk_cli_repair, N_("Remove a plan's error findings with the fewest moves of buurten") },
  { "propose", wk_cli_propose, N_("Propose a plan that meets the criteria, from scratch") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  wijkindeling-cli %s\n\n%s\n", _("Usage:"), _("COMMAND [OPTION…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “wijkindeling-cli COMMAND --help” for the options of a command."));
  fprintf (out, "%s\n", _("Exit status: 0 no errors found, 1 the plan has errors, 2 bad input or usage."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  wk_core_init ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("wijkindeling-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return WK_EXIT_BAD_INPUT;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return WK_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "version"))
    {
      g_print ("wijkindeling-cli %s\n", wk_core_get_version ());
      return WK_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  wk_cli_fail (_("“%s” is not a command."), argv[1]);
  print_usage (stderr);
  return WK_EXIT_BAD_INPUT;
}
