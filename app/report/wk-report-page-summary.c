/* wk-report-page-summary.c: the report's summary page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per area: figures, status, findings about the plan as a whole.
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-report-pages-private.h"

/* --------------------------------------------------------------- summary */

void
_wk_report_render_summary (WkReportContext *ctx,
                           WkDoc           *doc)
{
  const WkDocColumn columns[] = {
    /* Translators: column heads of the summary table; the columns are narrow (6–10
     * characters fit on a line), a head may wrap to two lines */
    { C_("column", "#"), 0, PANGO_ALIGN_RIGHT },
    { C_("column", "Area"), 1, PANGO_ALIGN_LEFT },
    { C_("column", "Inhabitants"), 0, PANGO_ALIGN_RIGHT },
    { C_("column", "65+"), 0, PANGO_ALIGN_RIGHT },
    { C_("column", "Buurten"), 0, PANGO_ALIGN_RIGHT },
    { C_("column", "km²"), 0, PANGO_ALIGN_RIGHT },
    { C_("column", "GPs"), 0, PANGO_ALIGN_RIGHT },
    { C_("column", "Pharmacies"), 0, PANGO_ALIGN_RIGHT },
    { C_("column", "Nursing"), 0, PANGO_ALIGN_RIGHT },
    { C_("column", "GP capacity"), 0, PANGO_ALIGN_RIGHT },
    { C_("column", "Compactness"), 0, PANGO_ALIGN_RIGHT },
    { C_("column", "Status"), 0, PANGO_ALIGN_LEFT },
    { C_("column", "Page"), 0, PANGO_ALIGN_RIGHT },
  };
  const guint n_columns = G_N_ELEMENTS (columns);
  g_autoptr(GPtrArray) plan_findings = _wk_report_findings_of (ctx->checker, WK_AREA_NONE);
  g_autoptr(GArray) unassigned = wk_checker_dup_unassigned (ctx->checker);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  gboolean has_pop65 = wk_dataset_get_role_field (ctx->dataset, WK_ROLE_POP65) != NULL;
  gint64 population = 0;
  double pop65 = 0, km2 = 0;
  guint units = 0, providers[WK_N_PROVIDER_KINDS] = { 0 };
  WkDocTable table;

  wk_doc_new_page (doc, TRUE);
  ctx->section_pages[WK_SECTION_SUMMARY] = wk_doc_get_page (doc);
  wk_doc_add_outline (doc, 0, _wk_report_section_title (ctx, WK_SECTION_SUMMARY));
  wk_doc_heading (doc, WK_DOC_H1, _wk_report_section_title (ctx, WK_SECTION_SUMMARY), 60);

  /* all rows first: the columns are as wide as their contents */
  for (guint i = 0; i < ctx->areas->len; i++)
    {
      WkReportArea *ra = &g_array_index (ctx->areas, WkReportArea, i);
      const WkAreaStats *st = wk_checker_get_area_stats (ctx->checker, ra->id);
      g_autofree char *swatch = _wk_report_swatch_markup (ra->rgb);
      g_autofree char *name = wk_doc_escape_short (wk_area_get_name (ra->area));

      g_ptr_array_add (cells, g_strdup_printf ("%u", ra->number));
      g_ptr_array_add (cells, g_strdup_printf ("%s %s", swatch, name));
      g_ptr_array_add (cells, _wk_report_format_int (st->population));
      g_ptr_array_add (cells, has_pop65 ? _wk_report_format_int ((gint64) llround (st->pop65))
                                        : g_strdup ("–"));
      g_ptr_array_add (cells, g_strdup_printf ("%u", st->n_units));
      g_ptr_array_add (cells, _wk_report_format_number (st->area_m2 / 1e6, 2));
      for (WkProviderKind k = WK_PROVIDER_GP; k <= WK_PROVIDER_NURSING; k++)
        g_ptr_array_add (cells, wk_dataset_has_provider_kind (ctx->dataset, k)
                                ? g_strdup_printf ("%u", st->n_providers[k]) : g_strdup ("–"));
      g_ptr_array_add (cells, _wk_report_format_number (_wk_report_capacity_ratio (ctx, st), 2));
      g_ptr_array_add (cells, _wk_report_format_number (st->compactness, 2));
      g_ptr_array_add (cells, _wk_report_status_markup (
                   wk_checker_count_for_area (ctx->checker, ra->id, WK_SEVERITY_ERROR),
                   wk_checker_count_for_area (ctx->checker, ra->id, WK_SEVERITY_WARNING)));
      g_ptr_array_add (cells, g_strdup_printf ("%u", ra->page));

      population += st->population;
      pop65 += st->pop65;
      km2 += st->area_m2 / 1e6;
      units += st->n_units;
      for (guint k = 0; k < WK_N_PROVIDER_KINDS; k++)
        providers[k] += st->n_providers[k];
    }
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (cells, g_markup_escape_text (C_("row", "Total"), -1));
  g_ptr_array_add (cells, _wk_report_format_int (population));
  g_ptr_array_add (cells, has_pop65 ? _wk_report_format_int ((gint64) llround (pop65))
                                    : g_strdup ("–"));
  g_ptr_array_add (cells, g_strdup_printf ("%u", units));
  g_ptr_array_add (cells, _wk_report_format_number (km2, 2));
  for (WkProviderKind k = WK_PROVIDER_GP; k <= WK_PROVIDER_NURSING; k++)
    g_ptr_array_add (cells, wk_dataset_has_provider_kind (ctx->dataset, k)
                            ? g_strdup_printf ("%u", providers[k]) : g_strdup ("–"));
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (cells,
                   _wk_report_status_markup (wk_checker_count (ctx->checker, WK_SEVERITY_ERROR),
                                             wk_checker_count (ctx->checker, WK_SEVERITY_WARNING)));
  g_ptr_array_add (cells, NULL);
  g_assert (cells->len == (ctx->areas->len + 1) * n_columns);

  wk_doc_table_begin_fitted (&table, doc, columns, n_columns, WK_DOC_MARGIN, WK_DOC_WIDTH,
                             (const char *const *) cells->pdata, ctx->areas->len + 1);
  for (guint i = 0; i <= ctx->areas->len; i++)
    {
      gboolean total = i == ctx->areas->len;
      guint page = total ? 0 : g_array_index (ctx->areas, WkReportArea, i).page;

      wk_doc_table_row (&table, (const char *const *) &cells->pdata[i * n_columns],
                        total ? WK_DOC_ROW_TOTAL : WK_DOC_ROW_DEFAULT, page);
    }
  wk_doc_table_end (&table);

  {
    g_autofree char *ppf = _wk_report_format_int ((gint64) _wk_report_patients_per_fte (ctx));
    g_autofree char *text = g_strdup_printf (
      _("GP capacity: inhabitants divided by the patients the area’s GPs can serve (%s per FTE); "
        "above 1.00 is more than they can serve. – where a figure is unknown or not loaded. "
        "Compactness: 4πA/P², 1 for a circle, near 0 for a long strip. Status counts the "
        "area’s errors and warnings; the page number leads to the area’s own section."), ppf);
    g_autofree char *markup = _wk_report_dim_markup (text);

    wk_doc_paragraph (doc, WK_DOC_SMALL, markup, 0, 8);
  }

  if (unassigned->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      gint64 left = 0;
      g_autofree char *left_text = NULL;
      g_autofree char *head = NULL;

      for (guint i = 0; i < unassigned->len; i++)
        {
          guint unit = g_array_index (unassigned, guint, i);
          const WkUnit *u = wk_dataset_get_unit (ctx->dataset, unit);
          g_autofree char *item = g_markup_printf_escaped ("%s (%s)", _wk_report_unit_label (u),
                                                           u->code);

          left += MAX (u->population, 0);
          g_string_append_printf (list, "%s%s", i ? ", " : "", item);
        }
      left_text = _wk_report_format_int (left);
      head = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u buurt with %s inhabitants is in no area",
                                           "%u buurten with %s inhabitants are in no area",
                                           unassigned->len), unassigned->len, left_text);
      {
        g_autofree char *escaped = g_markup_escape_text (head, -1);
        wk_doc_heading (doc, WK_DOC_LABEL, escaped, 20);
      }
      wk_doc_paragraph (doc, WK_DOC_SMALL, list->str, 0, 8);
    }

  wk_doc_heading (doc, WK_DOC_H2, _("Findings about the plan as a whole"), 40);
  if (plan_findings->len > 0)
    _wk_report_findings_table (doc, plan_findings);
  else
    {
      g_autofree char *markup = g_strdup_printf ("<span foreground=\"#%06x\">✓</span> %s",
                                                 WK_DOC_SUCCESS,
                                                 _("Every buurt is in exactly one area and no "
                                                   "existing network is split."));
      wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 6);
    }
}
