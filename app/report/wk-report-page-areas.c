/* wk-report-page-areas.c: the report's section per area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its map, figures and findings, one area after another.
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-report-pages-private.h"

#define AREA_MAP_WIDTH 250.0

/* ----------------------------------------------------------------- areas */

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The wijkfoto: the figures of one area, as label/value markup pairs. */
static GPtrArray *
area_figures (WkReportContext *ctx,
              WkReportArea    *ra)
{
  const WkAreaStats *st = wk_checker_get_area_stats (ctx->checker, ra->id);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) fields = wk_checker_dup_area_fields (ctx->checker, ra->id);
  g_autofree char *pop = _wk_report_format_int (st->population);
  g_autofree char *p65 = _wk_report_format_int ((gint64) llround (st->pop65));
  g_autofree char *share =
    _wk_report_format_number (st->population > 0 ? 100.0 * st->pop65 / st->population : NAN, 0);
  g_autofree char *km2 = _wk_report_format_number (st->area_m2 / 1e6, 2);
  g_autofree char *density =
    _wk_report_format_int (st->area_m2 > 0 ? (gint64) llround (st->population / (st->area_m2 / 1e6))
                                           : 0);
  g_autofree char *fte = _wk_report_format_number (st->gp_fte, 1);
  g_autofree char *ratio = _wk_report_format_number (_wk_report_capacity_ratio (ctx, st), 2);
  g_autofree char *compact = _wk_report_format_number (st->compactness, 2);
  guint shown = 0;

#define ROW(label, ...) G_STMT_START {                                   \
    g_ptr_array_add (rows, g_markup_escape_text (label, -1));            \
    g_ptr_array_add (rows, g_markup_printf_escaped (__VA_ARGS__));       \
  } G_STMT_END

  g_ptr_array_add (rows, g_markup_escape_text (_("Status"), -1));
  g_ptr_array_add (rows,
                   _wk_report_status_markup (wk_checker_count_for_area (ctx->checker, ra->id,
                                                                        WK_SEVERITY_ERROR),
                                             wk_checker_count_for_area (ctx->checker, ra->id,
                                                                        WK_SEVERITY_WARNING)));
  if (st->n_unknown_population > 0)
    ROW (_("Inhabitants"), g_dngettext (GETTEXT_PACKAGE, "<b>%s</b> (%u buurt unknown)",
                                        "<b>%s</b> (%u buurten unknown)",
                                        st->n_unknown_population), pop, st->n_unknown_population);
  else
    ROW (_("Inhabitants"), "<b>%s</b>", pop);
  if (wk_dataset_get_role_field (ctx->dataset, WK_ROLE_POP65) != NULL)
    ROW (_("Inhabitants 65+"), _("%s (%s %%)"), p65, share);
  ROW (_("Buurten"), "%u", st->n_units);
  /* Translators: the surface area of an area (a row of its figures), not the area itself */
  ROW (C_("surface", "Area"), _("%s km²"), km2);
  ROW (_("Density"), _("%s inhabitants per km²"), density);
  if (wk_dataset_has_provider_kind (ctx->dataset, WK_PROVIDER_GP))
    {
      if (st->n_dispensing > 0)
        ROW (_wk_report_provider_plural (WK_PROVIDER_GP), _("%u (%s FTE, %u dispensing)"),
             st->n_providers[WK_PROVIDER_GP], fte, st->n_dispensing);
      else
        ROW (_wk_report_provider_plural (WK_PROVIDER_GP), _("%u (%s FTE)"),
             st->n_providers[WK_PROVIDER_GP], fte);
      ROW (_("GP capacity"), "%s", ratio);
    }
  for (WkProviderKind kind = WK_PROVIDER_PHARMACY; kind < WK_N_PROVIDER_KINDS; kind++)
    if (wk_dataset_has_provider_kind (ctx->dataset, kind))
      ROW (_wk_report_provider_plural (kind), "%u", st->n_providers[kind]);
  ROW (_("Compactness"), "%s", compact);
  if (st->n_parts > 1)
    ROW (_("Parts"), _("%u (not contiguous)"), st->n_parts);
  if (st->n_municipalities > 1)
    ROW (_("Municipalities"), "%u", st->n_municipalities);
  for (guint i = 0; i < fields->len && shown < 6; i++, shown++)
    {
      WkFieldAggregate *agg = &g_array_index (fields, WkFieldAggregate, i);
      g_autofree char *value = agg->is_mean ? _wk_report_format_number (agg->value, 1)
                                            : _wk_report_format_number (agg->value, 0);

      if (agg->is_mean)
        /* Translators: a figure of the units averaged over the area */
        ROW (agg->name, _("%s (mean)"), value);
      else
        ROW (agg->name, "%s", value);
    }
#undef ROW
  return rows;
}

static gboolean
render_area (WkReportContext  *ctx,
             WkDoc            *doc,
             WkReportArea     *ra,
             int               outline_parent)
{
  const WkDocColumn figure_columns[] = {
    { NULL, 95, PANGO_ALIGN_LEFT },
    { NULL, 139, PANGO_ALIGN_LEFT },
  };
  g_autoptr(GPtrArray) figures = area_figures (ctx, ra);
  g_autoptr(GPtrArray) findings = wk_checker_dup_area_findings (ctx->checker, ra->id);
  g_autofree char *swatch = _wk_report_swatch_markup (ra->rgb);
  g_autofree char *name = wk_doc_escape_short (wk_area_get_name (ra->area));
  g_autofree char *heading = g_strdup_printf ("%s %u. %s", swatch, ra->number, name);
  g_autofree char *short_name = wk_doc_shorten (wk_area_get_name (ra->area));
  g_autofree char *outline_name = g_strdup_printf ("%u. %s", ra->number, short_name);
  g_autofree char *full_name = NULL;
  double fig_x = WK_DOC_MARGIN + AREA_MAP_WIDTH + 12, fig_w = WK_DOC_WIDTH - AREA_MAP_WIDTH - 12;
  double fig_h, map_h, top, bottom;
  const char *note = wk_area_get_note (ra->area);
  const guint *units;
  guint n_units;
  WkDocTable table;
  WkReportMapFrame view;
  WkMapBox box = ra->box;

  fig_h = wk_doc_table_height (doc, figure_columns, G_N_ELEMENTS (figure_columns), fig_w,
                               (const char *const *) figures->pdata, figures->len / 2);
  map_h = MAX (210, fig_h);

  /* a name too long for the heading is shown once in full, where it fits */
  if (!g_str_equal (short_name, wk_area_get_name (ra->area)))
    {
      const char *full = wk_area_get_name (ra->area);
      glong n_chars = g_utf8_strlen (full, -1);
      g_autofree char *text = NULL;

      if (n_chars <= WK_DOC_MAX_FULL_NAME)
        text = g_strdup_printf (_("Full name: %s"), full);
      else
        text = g_strdup_printf (_("The name of this area has %ld characters, too many to show; "
                                  "give it a shorter one."), n_chars);
      full_name = g_markup_escape_text (text, -1);
    }
  wk_doc_heading (doc, WK_DOC_H2, heading, map_h + 4 + (full_name != NULL ? 80 : 0));
  ra->page = wk_doc_get_page (doc);
  wk_doc_add_outline (doc, outline_parent, outline_name);
  if (full_name != NULL)
    wk_doc_paragraph (doc, WK_DOC_SMALL, full_name, 0, 4);

  top = wk_doc_get_y (doc);
  wk_doc_table_begin (&table, doc, figure_columns, G_N_ELEMENTS (figure_columns), fig_x, fig_w);
  for (guint i = 0; i + 1 < figures->len; i += 2)
    wk_doc_table_row (&table, (const char *const *) &figures->pdata[i], WK_DOC_ROW_DEFAULT, 0);
  wk_doc_table_end (&table);
  bottom = wk_doc_get_y (doc);

  if (wk_map_box_is_empty (&box))
    wk_map_box_add (&box, &ctx->extent);
  {
    /* at least 1.5 km across, so that a small area shows its surroundings */
    double grow_x = MAX (0, 1500 - (box.xmax - box.xmin)) / 2;
    double grow_y = MAX (0, 1500 - (box.ymax - box.ymin)) / 2;

    box.xmin -= grow_x, box.xmax += grow_x, box.ymin -= grow_y, box.ymax += grow_y;
  }
  wk_report_map_frame_fit (&view, WK_DOC_MARGIN, top, AREA_MAP_WIDTH, map_h, &box, 0.08);
  _wk_report_draw_area_map (ctx, doc, ra, &view);
  wk_doc_set_y (doc, MAX (bottom, top + map_h + 8));

  if (findings->len > 0)
    {
      g_autofree char *head = g_strdup_printf ("%s (%u)", _("Findings"), findings->len);
      g_autofree char *head_m = g_markup_escape_text (head, -1);

      wk_doc_heading (doc, WK_DOC_LABEL, head_m, 30);
      _wk_report_findings_table (doc, findings);
    }
  else
    {
      g_autofree char *markup = g_strdup_printf (
        "<span foreground=\"#%06x\">✓</span> %s", WK_DOC_SUCCESS,
        _("No findings: the area meets every criterion that was checked."));
      wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 6);
    }

  units = wk_plan_get_area_units (ctx->plan, ra->id, &n_units);
  {
    g_autoptr(GString) list = g_string_new (NULL);
    g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (guint));
    g_autofree char *head = g_strdup_printf ("%s (%u)", _("Buurten"), n_units);
    g_autofree char *head_m = g_markup_escape_text (head, -1);

    /* in data-set order, as everywhere else */
    g_array_append_vals (sorted, units, n_units);
    g_array_sort (sorted, compare_guint);
    for (guint i = 0; i < sorted->len; i++)
      {
        const WkUnit *u = wk_dataset_get_unit (ctx->dataset, g_array_index (sorted, guint, i));
        g_autofree char *pop = u->population >= 0 ? _wk_report_format_int (u->population)
                                                  : g_strdup ("?");
        g_autofree char *item = g_markup_printf_escaped (
          "%s <span foreground=\"#%06x\">%s, %s</span>", _wk_report_unit_label (u), WK_DOC_DIM,
          u->code, pop);

        g_string_append_printf (list, "%s%s", i ? " · " : "", item);
      }
    if (n_units > 0)
      {
        wk_doc_heading (doc, WK_DOC_LABEL, head_m, 12);
        wk_doc_paragraph (doc, WK_DOC_SMALL, list->str, 0, 4);
      }
  }

  {
    g_autofree char *markup = NULL;

    wk_doc_heading (doc, WK_DOC_LABEL, _("Note"), 12);
    if (note != NULL && *note)
      markup = g_markup_escape_text (note, -1);
    else
      markup = _wk_report_dim_markup (_("No note."));
    wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 6);
  }
  wk_doc_skip (doc, 6);
  if (wk_doc_get_remaining (doc) > 40)
    wk_doc_rule (doc, WK_DOC_MARGIN, WK_DOC_MARGIN + WK_DOC_WIDTH, wk_doc_get_y (doc) - 4, 1.2,
                 WK_DOC_RULE);
  return TRUE;
}

gboolean
_wk_report_render_areas (WkReportContext  *ctx,
                         WkDoc            *doc,
                         double            from,
                         double            to,
                         GError          **error)
{
  int parent;

  wk_doc_new_page (doc, TRUE);
  ctx->section_pages[WK_SECTION_AREAS] = wk_doc_get_page (doc);
  parent = wk_doc_add_outline (doc, 0, _wk_report_section_title (ctx, WK_SECTION_AREAS));
  wk_doc_heading (doc, WK_DOC_H1, _wk_report_section_title (ctx, WK_SECTION_AREAS), 260);
  if (ctx->areas->len == 0)
    {
      g_autofree char *markup = _wk_report_dim_markup (_("The plan has no areas yet."));
      wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 6);
    }
  for (guint i = 0; i < ctx->areas->len; i++)
    {
      WkReportArea *ra = &g_array_index (ctx->areas, WkReportArea, i);

      if (!_wk_report_progress (ctx, from + (to - from) * i / ctx->areas->len, NULL, error))
        return FALSE;
      render_area (ctx, doc, ra, parent);
    }
  return TRUE;
}
