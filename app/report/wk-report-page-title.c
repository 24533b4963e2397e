/* wk-report-page-title.c: the report's title page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Title, the plan's files and the sources of the data.
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-report-pages-private.h"

/* ------------------------------------------------------------ title page */

static char *
year_of_file (const char *path)
{
  g_autofree char *base = NULL;
  GStatBuf st;

  if (path == NULL)
    return g_strdup ("");
  base = g_path_get_basename (path);
  for (const char *p = base; *p; p++)
    if ((g_str_has_prefix (p, "19") || g_str_has_prefix (p, "20")) &&
        g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) && !g_ascii_isdigit (p[4]) &&
        (p == base || !g_ascii_isdigit (p[-1])))
      return g_strndup (p, 4);
  if (g_stat (path, &st) == 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (st.st_mtime);

      if (date != NULL)
        /* Translators: the year of a data file taken from its date, not its name */
        return g_date_time_format (date, _("%Y (file date)"));
    }
  return g_strdup ("");
}

static void
add_source_row (WkDocTable *table,
                const char *what,
                const char *path,
                const char *contents)
{
  g_autofree char *what_m = g_markup_escape_text (what, -1);
  g_autofree char *base = path != NULL ? g_path_get_basename (path) : NULL;
  g_autofree char *file_m = g_markup_escape_text (base != NULL ? base : "–", -1);
  g_autofree char *year = year_of_file (path);
  g_autofree char *year_m = g_markup_escape_text (year, -1);
  g_autofree char *contents_m = g_markup_escape_text (contents != NULL ? contents : "", -1);
  const char *cells[] = { what_m, file_m, year_m, contents_m };

  wk_doc_table_row (table, cells, WK_DOC_ROW_DEFAULT, 0);
}

static void
render_sources (WkReportContext *ctx,
                WkDoc           *doc)
{
  const WkLoadOptions *options = wk_dataset_get_options (ctx->dataset);
  const WkDocColumn columns[] = {
    { _("Data"), 95, PANGO_ALIGN_LEFT },
    { _("File"), 160, PANGO_ALIGN_LEFT },
    { _("Year"), 70, PANGO_ALIGN_LEFT },
    { _("Contents"), 170, PANGO_ALIGN_LEFT },
  };
  guint n_providers = wk_dataset_get_n_providers (ctx->dataset);
  WkDocTable table;
  g_autofree char *text = NULL;
  g_autofree char *population =
    _wk_report_format_int (wk_dataset_get_total_population (ctx->dataset));

  wk_doc_heading (doc, WK_DOC_H2, _("Data used"), 40);
  wk_doc_table_begin (&table, doc, columns, G_N_ELEMENTS (columns), WK_DOC_MARGIN, WK_DOC_WIDTH);

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area, %u of %u buurten assigned",
                                       "%u areas, %u of %u buurten assigned", ctx->areas->len),
                          ctx->areas->len, wk_plan_get_n_assigned (ctx->plan),
                          wk_dataset_get_n_units (ctx->dataset));
  add_source_row (&table, _("Plan"), ctx->plan_file ? ctx->plan_file : wk_plan_get_name (ctx->plan),
                  text);
  g_free (text);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u buurt, %s inhabitants",
                                       "%u buurten, %s inhabitants",
                                       wk_dataset_get_n_units (ctx->dataset)),
                          wk_dataset_get_n_units (ctx->dataset), population);
  add_source_row (&table, _("Units (buurten)"), options->units_path, text);
  for (WkProviderKind kind = 0; kind < WK_N_PROVIDER_KINDS; kind++)
    for (guint f = 0; options->provider_paths[kind] && options->provider_paths[kind][f]; f++)
      {
        const char *path = options->provider_paths[kind][f];
        g_autofree char *base = g_path_get_basename (path);
        guint count = 0;

        for (guint i = 0; i < n_providers; i++)
          {
            const WkProvider *p = wk_dataset_get_provider (ctx->dataset, i);

            count += p->kind == kind && g_strcmp0 (p->source, base) == 0;
          }
        g_free (text);
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u location", "%u locations", count),
                                count);
        add_source_row (&table, _wk_report_provider_plural (kind), path, text);
      }
  for (guint f = 0; options->network_paths && options->network_paths[f]; f++)
    add_source_row (&table, _("Existing team areas"), options->network_paths[f], NULL);
  if (options->boundary_path != NULL)
    add_source_row (&table, _("Municipal boundary"), options->boundary_path, NULL);
  add_source_row (&table, _("Criteria profile"), ctx->profile_file,
                  wk_profile_get_name (ctx->profile));
  if (ctx->other != NULL)
    {
      guint n = wk_plan_get_n_areas (ctx->other);

      g_free (text);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas", n), n);
      add_source_row (&table, _("Compared with"),
                      ctx->other_file ? ctx->other_file : wk_plan_get_name (ctx->other), text);
    }
  wk_doc_table_end (&table);
}

void
_wk_report_render_cover (WkReportContext *ctx,
                         WkDoc           *doc)
{
  guint errors = wk_checker_count (ctx->checker, WK_SEVERITY_ERROR);
  guint warnings = wk_checker_count (ctx->checker, WK_SEVERITY_WARNING);
  guint n_areas = ctx->areas->len;
  g_autofree char *markup = NULL;
  g_autofree char *date = g_date_time_format (ctx->date, "%-d %B %Y");
  g_autofree char *areas_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area",
                                                              "%u areas", n_areas), n_areas);
  g_autofree char *errors_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error",
                                                               "%u errors", errors), errors);
  g_autofree char *warnings_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                                 "%u warnings", warnings),
                                                    warnings);
  g_autoptr(PangoLayout) verdict = NULL;
  const WkDocColumn columns[] = {
    { NULL, 440, PANGO_ALIGN_LEFT },
    { NULL, 55, PANGO_ALIGN_RIGHT },
  };
  const char *conclusion;
  guint32 rgb;
  WkDocTable table;
  double y, h;

  wk_doc_new_page (doc, FALSE);
  wk_doc_add_outline (doc, 0, ctx->title);
  wk_doc_set_y (doc, 110);

  markup = _wk_report_dim_markup (_("Review report: the division into areas for close-knit "
                                    "primary care"));
  wk_doc_paragraph (doc, WK_DOC_SUBTITLE, markup, 0, 6);
  g_free (markup);
  markup = g_markup_escape_text (ctx->title, -1);
  wk_doc_paragraph (doc, WK_DOC_TITLE, markup, 0, 8);
  g_free (markup);
  markup = g_markup_escape_text (ctx->municipality, -1);
  wk_doc_paragraph (doc, WK_DOC_SUBTITLE, markup, 0, 2);
  g_free (markup);
  markup = _wk_report_dim_markup (date);
  wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 22);
  g_free (markup);

  /* the verdict, in one line */
  if (errors > 0)
    {
      conclusion = _("the plan does not meet the guide yet");
      rgb = WK_DOC_ERROR;
    }
  else if (warnings > 0)
    {
      conclusion = _("the plan meets the guide, with points to discuss");
      rgb = WK_DOC_WARNING;
    }
  else
    {
      conclusion = _("the plan meets the guide");
      rgb = WK_DOC_SUCCESS;
    }
  /* Translators: the verdict on the title page: “6 areas, 5 errors, 1 warning: the plan does
   * not meet the guide yet” */
  markup = g_markup_printf_escaped (_("<b>%s, %s, %s:</b> %s"), areas_text, errors_text,
                                    warnings_text, conclusion);
  verdict = wk_doc_layout (doc, WK_DOC_BODY, markup, WK_DOC_WIDTH - 26, PANGO_ALIGN_LEFT);
  g_free (markup);
  y = wk_doc_get_y (doc);
  h = wk_doc_layout_height (verdict) + 16;
  wk_doc_fill_rect (doc, WK_DOC_MARGIN, y, WK_DOC_WIDTH, h, WK_DOC_SHADE);
  wk_doc_fill_rect (doc, WK_DOC_MARGIN, y, 5, h, rgb);
  wk_doc_show_layout (doc, verdict, WK_DOC_MARGIN + 16, y + 8, WK_DOC_TEXT);
  wk_doc_set_y (doc, y + h + 8);

  if (wk_plan_get_note (ctx->plan) != NULL && *wk_plan_get_note (ctx->plan))
    {
      markup = g_markup_escape_text (wk_plan_get_note (ctx->plan), -1);
      wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 6);
      g_free (markup);
    }

  render_sources (ctx, doc);

  wk_doc_heading (doc, WK_DOC_H2, _("Contents"), 40);
  wk_doc_table_begin (&table, doc, columns, G_N_ELEMENTS (columns), WK_DOC_MARGIN, WK_DOC_WIDTH);
  for (WkReportSection s = 0; s < WK_N_SECTIONS; s++)
    {
      g_autofree char *title = NULL;
      g_autofree char *page = NULL;
      const char *cells[2];

      if (s == WK_SECTION_CHANGES && ctx->other == NULL)
        continue;
      if (s == WK_SECTION_CHANGES)
        {
          g_autofree char *other_name = g_path_get_basename (ctx->other_file ? ctx->other_file
                                                             : wk_plan_get_name (ctx->other));
          /* Translators: a section of the report; %s is the other plan's file */
          title = g_markup_printf_escaped (_("Changes against “%s”"), other_name);
        }
      else
        title = g_markup_escape_text (_wk_report_section_title (ctx, s), -1);
      page = g_strdup_printf ("%u", ctx->section_pages[s]);
      cells[0] = title;
      cells[1] = page;
      wk_doc_table_row (&table, cells, WK_DOC_ROW_PLAIN, ctx->section_pages[s]);
    }
  wk_doc_table_end (&table);

  /* Translators: at the bottom of the title page; %s is the version */
  markup = g_strdup_printf (_("Made with Wijkindeling %s."), PACKAGE_VERSION);
  {
    g_autofree char *legend = g_strdup_printf (
      "<span foreground=\"#%06x\">✓</span> %s   <span foreground=\"#%06x\">▲</span> %s   "
      "<span foreground=\"#%06x\">✕</span> %s   <span foreground=\"#%06x\">ℹ</span> %s",
      WK_DOC_SUCCESS, _("meets every criterion"), WK_DOC_WARNING, _("warning: to discuss"),
      WK_DOC_ERROR, _("error: does not meet the guide"), WK_DOC_INFO, _("information"));
    g_autofree char *escaped = g_markup_escape_text (markup, -1);
    g_autofree char *all = g_strdup_printf ("%s\n<span foreground=\"#%06x\">%s</span>", legend,
                                            WK_DOC_DIM, escaped);

    wk_doc_skip (doc, 6);
    wk_doc_paragraph (doc, WK_DOC_SMALL, all, 0, 0);
  }
}
