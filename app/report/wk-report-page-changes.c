/* wk-report-page-changes.c: the report's changes against another plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What moved, and which findings came and went.
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-report-pages-private.h"

/* --------------------------------------------------------------- changes */

/* What makes two findings “the same problem” in two plans: the criterion
 * and the message with its figures left out. */
static char *
finding_identity (WkFinding *finding)
{
  GString *s = g_string_new (wk_finding_get_criterion (finding));
  gboolean in_number = FALSE;

  g_string_append_c (s, '\x1f');
  for (const char *p = wk_finding_get_message (finding); *p; p++)
    {
      gboolean digit = g_ascii_isdigit (*p) || (in_number && (*p == '.' || *p == ','));

      if (digit && !in_number)
        g_string_append_c (s, '#');
      else if (!digit)
        g_string_append_c (s, *p);
      in_number = digit;
    }
  return g_string_free (s, FALSE);
}

/* Lists the findings of @now that @before lacks, as new (@appeared) or gone. */
static void
append_finding_changes (GString   *out,
                        GPtrArray *now,
                        GPtrArray *before,
                        gboolean   appeared)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; before != NULL && i < before->len; i++)
    g_hash_table_add (seen, finding_identity (g_ptr_array_index (before, i)));
  for (guint i = 0; now != NULL && i < now->len; i++)
    {
      WkFinding *f = g_ptr_array_index (now, i);
      g_autofree char *id = finding_identity (f);
      g_autofree char *message = NULL;
      WkSeverity severity = wk_finding_get_severity (f);

      if (g_hash_table_contains (seen, id))
        continue;
      message = g_markup_escape_text (wk_finding_get_message (f), -1);
      g_string_append_printf (out, "%s<b>%s</b> <span foreground=\"#%06x\">%s</span> %s",
                              out->len ? "\n" : "",
                              /* Translators: a finding that a change made appear or go away */
                              appeared ? _("New:") : _("Gone:"),
                              _wk_report_severity_rgb (severity),
                              _wk_report_severity_symbol (severity), message);
    }
}

static const char *
area_name_of (WkPlan *plan,
              guint   unit)
{
  guint id = wk_plan_get_unit_area (plan, unit);
  WkArea *area = id != WK_AREA_NONE ? wk_plan_get_area (plan, id) : NULL;

  return area != NULL ? wk_area_get_name (area) : NULL;
}

static void
changes_row (WkReportContext *ctx,
             WkDocTable      *table,
             const char      *name,
             guint32          rgb,
             guint            now_id,
             guint            before_id,
             gboolean         whole_plan)
{
  const WkAreaStats *now = now_id ? wk_checker_get_area_stats (ctx->checker, now_id) : NULL;
  const WkAreaStats *before = before_id ? wk_checker_get_area_stats (ctx->other_checker, before_id)
                                        : NULL;
  g_autoptr(GPtrArray) now_f = NULL;
  g_autoptr(GPtrArray) before_f = NULL;
  g_autoptr(GString) changes = g_string_new (NULL);
  g_autofree char *swatch = _wk_report_swatch_markup (rgb);
  g_autofree char *name_m = NULL;
  g_autofree char *before_text = before ? _wk_report_format_int (before->population)
                                        : g_strdup ("–");
  g_autofree char *now_text = now ? _wk_report_format_int (now->population) : g_strdup ("–");
  g_autofree char *delta = NULL;

  if (whole_plan)
    name_m = g_markup_printf_escaped ("<i>%s</i>", name);
  else
    {
      g_autofree char *escaped = wk_doc_escape_short (name);
      name_m = g_strdup_printf ("%s %s", swatch, escaped);
    }
  if (now != NULL && before != NULL && now->population == before->population)
    delta = g_strdup ("0");
  else if (now != NULL && before != NULL)
    delta = g_strdup_printf ("%+'" G_GINT64_FORMAT, now->population - before->population);
  else if (now != NULL)
    delta = g_strdup (C_("area", "new"));
  else if (before != NULL)
    delta = g_strdup (C_("area", "removed"));
  else
    delta = g_strdup ("");
  if (whole_plan || now_id)
    now_f = _wk_report_findings_of (ctx->checker, now_id);
  if (whole_plan || before_id)
    before_f = _wk_report_findings_of (ctx->other_checker, before_id);
  append_finding_changes (changes, now_f, before_f, TRUE);
  append_finding_changes (changes, before_f, now_f, FALSE);
  if (whole_plan && changes->len == 0)
    return;
  {
    const char *cells[] = { name_m, whole_plan ? NULL : before_text, whole_plan ? NULL : now_text,
                            whole_plan ? NULL : delta, changes->str };

    wk_doc_table_row (table, cells, WK_DOC_ROW_DEFAULT, 0);
  }
}

void
_wk_report_render_changes (WkReportContext *ctx,
                           WkDoc           *doc)
{
  g_autofree char *other_name = g_path_get_basename (ctx->other_file ? ctx->other_file
                                                     : wk_plan_get_name (ctx->other));
  g_autofree char *title = g_strdup_printf (_("Changes against “%s”"), other_name);
  g_autofree char *title_m = g_markup_escape_text (title, -1);
  const WkDocColumn area_columns[] = {
    { C_("column", "Area"), 100, PANGO_ALIGN_LEFT },
    /* Translators: inhabitants in the other plan (column head) */
    { C_("column", "Inhabitants before"), 48, PANGO_ALIGN_RIGHT },
    /* Translators: inhabitants in this plan (column head) */
    { C_("column", "Inhabitants now"), 48, PANGO_ALIGN_RIGHT },
    { C_("column", "Change"), 44, PANGO_ALIGN_RIGHT },
    { C_("column", "Findings that appear or disappear"), 255, PANGO_ALIGN_LEFT },
  };
  const WkDocColumn unit_columns[] = {
    { C_("column", "Buurt"), 170, PANGO_ALIGN_LEFT },
    { C_("column", "Inhabitants"), 55, PANGO_ALIGN_RIGHT },
    /* Translators: the area a buurt was in, in the other plan (column head) */
    { C_("column", "Was in"), 135, PANGO_ALIGN_LEFT },
    /* Translators: the area a buurt is in, in this plan (column head) */
    { C_("column", "Now in"), 135, PANGO_ALIGN_LEFT },
  };
  guint n_units = wk_dataset_get_n_units (ctx->dataset);
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 moved_population = 0;
  GListModel *other_areas = wk_plan_get_areas (ctx->other);
  WkDocTable table;

  wk_doc_new_page (doc, TRUE);
  ctx->section_pages[WK_SECTION_CHANGES] = wk_doc_get_page (doc);
  wk_doc_add_outline (doc, 0, title);
  wk_doc_heading (doc, WK_DOC_H1, title_m, 60);

  for (guint u = 0; u < n_units; u++)
    if (g_strcmp0 (area_name_of (ctx->plan, u), area_name_of (ctx->other, u)) != 0)
      {
        g_array_append_val (moved, u);
        moved_population += MAX (wk_dataset_get_unit (ctx->dataset, u)->population, 0);
      }
  {
    g_autofree char *pop = _wk_report_format_int (moved_population);
    g_autofree char *text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "Areas are matched by name. %u buurt with %s inhabitants is in another area "
                   "than in “%s”.",
                   "Areas are matched by name. %u buurten with %s inhabitants are in another area "
                   "than in “%s”.", moved->len), moved->len, pop, other_name);
    g_autofree char *markup = g_markup_escape_text (text, -1);

    wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 6);
  }

  wk_doc_heading (doc, WK_DOC_H2, _("Areas"), 40);
  wk_doc_table_begin (&table, doc, area_columns, G_N_ELEMENTS (area_columns), WK_DOC_MARGIN,
                      WK_DOC_WIDTH);
  for (guint i = 0; i < ctx->areas->len; i++)
    {
      WkReportArea *ra = &g_array_index (ctx->areas, WkReportArea, i);
      WkArea *before = wk_plan_find_area (ctx->other, wk_area_get_name (ra->area));

      changes_row (ctx, &table, wk_area_get_name (ra->area), ra->rgb, ra->id,
                   before ? wk_area_get_id (before) : 0, FALSE);
    }
  for (guint i = 0; i < g_list_model_get_n_items (other_areas); i++)
    {
      g_autoptr(WkArea) before = g_list_model_get_item (other_areas, i);
      double r, g, b;

      if (wk_plan_find_area (ctx->plan, wk_area_get_name (before)) != NULL)
        continue;
      wk_area_get_rgb (before, &r, &g, &b);
      changes_row (ctx, &table, wk_area_get_name (before), wk_doc_rgb_from_doubles (r, g, b), 0,
                   wk_area_get_id (before), FALSE);
    }
  changes_row (ctx, &table, _("The plan as a whole"), 0, WK_AREA_NONE, WK_AREA_NONE, TRUE);
  wk_doc_table_end (&table);

  if (moved->len == 0)
    return;
  wk_doc_heading (doc, WK_DOC_H2, _("Buurten in another area"), 40);
  wk_doc_table_begin (&table, doc, unit_columns, G_N_ELEMENTS (unit_columns), WK_DOC_MARGIN,
                      WK_DOC_WIDTH);
  for (guint i = 0; i < moved->len; i++)
    {
      guint u = g_array_index (moved, guint, i);
      const WkUnit *unit = wk_dataset_get_unit (ctx->dataset, u);
      const char *was = area_name_of (ctx->other, u);
      const char *now = area_name_of (ctx->plan, u);
      g_autofree char *name = g_markup_printf_escaped ("%s <span foreground=\"#%06x\">%s</span>",
                                                       _wk_report_unit_label (unit), WK_DOC_DIM,
                                                       unit->code);
      g_autofree char *pop = unit->population >= 0 ? _wk_report_format_int (unit->population)
                                                   : g_strdup ("?");
      g_autofree char *was_m = wk_doc_escape_short (was ? was : C_("area", "none"));
      g_autofree char *now_m = wk_doc_escape_short (now ? now : C_("area", "none"));
      const char *cells[] = { name, pop, was_m, now_m };

      wk_doc_table_row (&table, cells, WK_DOC_ROW_DEFAULT, 0);
    }
  wk_doc_table_end (&table);
}
