/* wk-cli-report.c: wijkindeling-cli report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-cli.h"
#include "wk-report.h"

typedef struct
{
  char *compare;
  char *title;
  char *output;
} ReportOptions;

static void
report_options_clear (ReportOptions *options)
{
  g_free (options->compare);
  g_free (options->title);
  g_free (options->output);
}

/* Loads what the options name and writes the report. */
static int
run (WkCliInput    *input,
     ReportOptions *options)
{
  g_auto(WkCliSession) session = { 0 };
  g_autoptr(WkPlan) other = NULL;
  g_autoptr(WkReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *path = NULL;
  guint n_pages;

  if (options->output == NULL)
    return wk_cli_fail (_("Say where to write the report with -o REPORT.pdf."));
  if (!wk_cli_check_output (input, options->output, &error))
    return wk_cli_fail ("%s", error->message);
  if (!wk_cli_open (input, TRUE, &session, &error))
    return wk_cli_fail ("%s", error->message);
  if (options->compare != NULL)
    {
      other = wk_cli_load_plan (session.dataset, options->compare, input->quiet, NULL, &error);
      if (other == NULL)
        return wk_cli_fail ("%s", error->message);
    }

  report = wk_report_new (session.checker);
  wk_report_set_title (report, options->title);
  wk_report_set_plan_file (report, input->plan);
  wk_report_set_profile_file (report, input->profile);
  if (other != NULL)
    wk_report_set_compare (report, other, options->compare);
  if ((path = wk_cli_output_open (options->output, &error)) == NULL ||
      !wk_cli_output_close (options->output, path,
                            wk_report_write (report, path, NULL, NULL, &error), &error))
    return wk_cli_fail ("%s", error->message);

  n_pages = wk_report_get_n_pages (report);
  display = g_filename_display_name (options->output);
  /* with -o -, standard output holds the PDF */
  if (!input->quiet && !wk_cli_output_is_stdout (options->output))
    /* Translators: after writing the report; %s is its file */
    g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote “%s”: %u page.\n",
                          "Wrote “%s”: %u pages.\n", n_pages), display, n_pages);
  return WK_EXIT_OK;
}

int
wk_cli_report (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("report — write a review report"));
  WkCliInput input = { 0 };
  ReportOptions options = { 0 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("The PDF to write; - for standard output"), N_("REPORT.pdf") },
    { "compare", 0, 0, G_OPTION_ARG_FILENAME, &options.compare,
      N_("Another plan (assignment CSV) to compare with, e.g. the previous version"),
      N_("OTHER.csv") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &options.title,
      N_("Title of the report (default: the plan's file name)"), N_("TEXT") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wk_cli_add_project_options (context, &input, WK_CLI_OPTION_QUIET);
  g_option_context_add_group (context, wk_cli_input_group (&input, TRUE));
  g_option_context_set_summary (context,
                                _("Writes an A4 PDF for review sessions: a title page with the "
                                  "verdict, an overview map, a summary table, a page per area "
                                  "with its map, figures, findings and note, and the criteria "
                                  "profile. With --compare, also what changed against another "
                                  "plan. The language follows the locale."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 when the report was written (whatever the "
                                      "findings), 2 on bad input or usage."));
  if (!wk_cli_parse (context, &argc, &argv))
    status = WK_EXIT_BAD_INPUT;
  else if (argc > 1)
    status = wk_cli_fail (_("Unexpected argument “%s” (see --help)."), argv[1]);
  else
    status = run (&input, &options);

  report_options_clear (&options);
  wk_cli_input_clear (&input);
  return status;
}
