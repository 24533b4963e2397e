/* wk-report-pages.c: the report: its context, shared helpers and the order of its pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page kind is a file of its own (wk-report-page-*.c) with one entry
 * point, _wk_report_render_*(), that receives the report's context (a plain
 * WkReportContext, as libshumate's vector layers get a render scope) and
 * the document; the maps and the legend they share are in
 * wk-report-figures.c.  Every function here runs twice per report (see
 * wk-report-doc.c): once measuring, once drawing; they must take the same
 * decisions both times.
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-report-pages-private.h"

/* ------------------------------------------------------------ formatting */

char *
_wk_report_format_int (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

char *
_wk_report_format_number (double value,
                          int    decimals)
{
  if (!isfinite (value))
    return g_strdup ("–");
  return g_strdup_printf ("%'.*f", decimals, value);
}

/* With as few decimals as the value needs, at most three. */
char *
_wk_report_format_value (double value)
{
  for (int d = 0; d < 3; d++)
    {
      double scaled = value * pow (10, d);

      if (fabs (scaled - round (scaled)) < 1e-9)
        return _wk_report_format_number (value, d);
    }
  return _wk_report_format_number (value, 3);
}

const char *
_wk_report_severity_symbol (WkSeverity severity)
{
  switch (severity)
    {
    case WK_SEVERITY_ERROR:
      return "✕";
    case WK_SEVERITY_WARNING:
      return "▲";
    case WK_SEVERITY_INFO:
    default:
      return "ℹ";
    }
}

guint32
_wk_report_severity_rgb (WkSeverity severity)
{
  switch (severity)
    {
    case WK_SEVERITY_ERROR:
      return WK_DOC_ERROR;
    case WK_SEVERITY_WARNING:
      return WK_DOC_WARNING;
    case WK_SEVERITY_INFO:
    default:
      return WK_DOC_INFO;
    }
}

char *
_wk_report_severity_markup (WkSeverity severity)
{
  g_autofree char *label = g_markup_escape_text (wk_severity_get_label (severity), -1);

  return g_strdup_printf ("<span foreground=\"#%06x\">%s</span> %s",
                          _wk_report_severity_rgb (severity),
                          _wk_report_severity_symbol (severity), label);
}

char *
_wk_report_swatch_markup (guint32 rgb)
{
  return g_strdup_printf ("<span foreground=\"#%06x\">■</span>", rgb);
}

/* ✓ OK, ✕ 2 errors, ▲ 1 warning: the status of an area or the plan. */
char *
_wk_report_status_markup (guint errors,
                          guint warnings)
{
  GString *s = g_string_new (NULL);

  if (errors > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error",
                                                            "%u errors", errors), errors);
      g_string_append_printf (s, "<span foreground=\"#%06x\">✕</span> %s", WK_DOC_ERROR, text);
    }
  if (warnings > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                            "%u warnings", warnings), warnings);
      g_string_append_printf (s, "%s<span foreground=\"#%06x\">▲</span> %s", s->len ? "\n" : "",
                              WK_DOC_WARNING, text);
    }
  if (s->len == 0)
    /* Translators: the status of an area without errors or warnings */
    g_string_append_printf (s, "<span foreground=\"#%06x\">✓</span> %s", WK_DOC_SUCCESS,
                            C_("status", "OK"));
  return g_string_free (s, FALSE);
}

char *
_wk_report_dim_markup (const char *text)
{
  return g_markup_printf_escaped ("<span foreground=\"#%06x\">%s</span>", WK_DOC_DIM, text);
}

/* The inhabitants one full-time GP serves, for the capacity ratio. */
double
_wk_report_patients_per_fte (WkReportContext *ctx)
{
  return wk_profile_get_double (ctx->profile, "capacity", "patients_per_fte");
}

/* Inhabitants per what the area's GPs can serve; NAN when unknown. */
double
_wk_report_capacity_ratio (WkReportContext   *ctx,
                           const WkAreaStats *st)
{
  if (st->n_providers[WK_PROVIDER_GP] == 0 || st->n_gp_unknown_fte > 0 || st->gp_fte <= 0)
    return NAN;
  return st->population / (st->gp_fte * _wk_report_patients_per_fte (ctx));
}

const char *
_wk_report_unit_label (const WkUnit *unit)
{
  return unit->name != NULL && *unit->name ? unit->name : unit->code;
}

gboolean
_wk_report_progress (WkReportContext  *ctx,
                     double            fraction,
                     const char       *text,
                     GError          **error)
{
  double span = ctx->progress_to - ctx->progress_from;

  wk_progress_update (ctx->progress, ctx->progress_from + span * fraction, text);
  return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
}

WkReportArea *
_wk_report_lookup_area (WkReportContext *ctx,
                        guint            id)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->area_index, GUINT_TO_POINTER (id)));

  return index > 0 ? &g_array_index (ctx->areas, WkReportArea, index - 1) : NULL;
}


/* ---------------------------------------------------------------- context */

static char *
describe_municipality (WkReportContext *ctx)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_units = wk_dataset_get_n_units (ctx->dataset);
  gboolean any_assigned = wk_plan_get_n_assigned (ctx->plan) > 0;

  for (guint u = 0; u < n_units; u++)
    {
      const WkUnit *unit = wk_dataset_get_unit (ctx->dataset, u);
      const char *name = unit->gm_name != NULL ? unit->gm_name : unit->gm_code;

      if (name == NULL || (any_assigned && wk_plan_get_unit_area (ctx->plan, u) == WK_AREA_NONE))
        continue;
      if (g_hash_table_add (seen, (gpointer) name))
        g_ptr_array_add (names, (gpointer) name);
    }
  if (names->len == 0)
    return g_strdup (wk_dataset_get_display_name (ctx->dataset));
  if (names->len == 1)
    return g_strdup (g_ptr_array_index (names, 0));
  if (names->len == 2)
    /* Translators: two municipalities on the title page */
    return g_strdup_printf (_("%s and %s"), (char *) g_ptr_array_index (names, 0),
                            (char *) g_ptr_array_index (names, 1));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u municipality", "%u municipalities",
                                       names->len), names->len);
}

/**
 * wk_report_context_init:
 *
 * Derives what the sections share (the areas with their colours and
 * extents, the municipality) from the plan, checker and dissolver already
 * in @ctx.
 */
void
wk_report_context_init (WkReportContext *ctx)
{
  GListModel *model = wk_plan_get_areas (ctx->plan);
  guint n = g_list_model_get_n_items (model);

  ctx->areas = g_array_sized_new (FALSE, TRUE, sizeof (WkReportArea), n);
  ctx->area_index = g_hash_table_new (NULL, NULL);
  wk_map_box_empty (&ctx->extent);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (model, i);
      WkReportArea ra = { 0 };
      double r, g, b;

      ra.id = wk_area_get_id (area);
      ra.area = area;   /* the plan keeps it alive */
      ra.number = i + 1;
      wk_area_get_rgb (area, &r, &g, &b);
      ra.rgb = wk_doc_rgb_from_doubles (r, g, b);
      wk_map_box_of_outline (&ra.box, wk_dissolver_get_outline (ctx->dissolver, ra.id, FALSE));
      if (!wk_map_box_is_empty (&ra.box))
        wk_map_box_add (&ctx->extent, &ra.box);
      g_array_append_val (ctx->areas, ra);
      g_hash_table_insert (ctx->area_index, GUINT_TO_POINTER (ra.id), GUINT_TO_POINTER (i + 1));
    }
  if (wk_map_box_is_empty (&ctx->extent))
    wk_dataset_get_extent (ctx->dataset, FALSE, &ctx->extent.xmin, &ctx->extent.ymin,
                           &ctx->extent.xmax, &ctx->extent.ymax);
  ctx->municipality = describe_municipality (ctx);
}

void
wk_report_context_clear (WkReportContext *ctx)
{
  g_clear_pointer (&ctx->areas, g_array_unref);
  g_clear_pointer (&ctx->area_index, g_hash_table_unref);
  g_clear_pointer (&ctx->municipality, g_free);
}


/* -------------------------------------------------------------- findings */

void
_wk_report_findings_table (WkDoc     *doc,
                           GPtrArray *findings)
{
  const WkDocColumn columns[] = {
    { _("Status"), 55, PANGO_ALIGN_LEFT },
    { _("Criterion"), 85, PANGO_ALIGN_LEFT },
    { _("Value / threshold"), 80, PANGO_ALIGN_LEFT },
    { _("Explanation"), 275, PANGO_ALIGN_LEFT },
  };
  WkDocTable table;

  wk_doc_table_begin (&table, doc, columns, G_N_ELEMENTS (columns), WK_DOC_MARGIN, WK_DOC_WIDTH);
  for (guint i = 0; i < findings->len; i++)
    {
      WkFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *status = _wk_report_severity_markup (wk_finding_get_severity (f));
      g_autofree char *criterion = g_markup_escape_text (wk_finding_get_criterion_label (f), -1);
      g_autofree char *value = wk_finding_dup_value_text (f);
      g_autofree char *value_m = g_markup_escape_text (value != NULL ? value : "–", -1);
      g_autofree char *message = g_markup_escape_text (wk_finding_get_message (f), -1);
      const char *cells[] = { status, criterion, value_m, message };

      wk_doc_table_row (&table, cells, WK_DOC_ROW_DEFAULT, 0);
    }
  wk_doc_table_end (&table);
}

const char *
_wk_report_provider_plural (WkProviderKind kind)
{
  switch (kind)
    {
    case WK_PROVIDER_GP:
      return _("GP practices");
    case WK_PROVIDER_PHARMACY:
      return _("Pharmacies");
    case WK_PROVIDER_NURSING:
      return _("District nursing teams");
    case WK_PROVIDER_SOCIAL:
    case WK_N_PROVIDER_KINDS:
    default:
      return _("Social neighbourhood teams");
    }
}

const char *
_wk_report_section_title (WkReportContext *ctx,
                          WkReportSection  section)
{
  switch (section)
    {
    case WK_SECTION_MAP:
      return _("Overview map");
    case WK_SECTION_SUMMARY:
      return _("Summary of the areas");
    case WK_SECTION_CHANGES:
      return _("Changes against the other plan");
    case WK_SECTION_AREAS:
      return _("The areas one by one");
    case WK_SECTION_PROFILE:
      return _("Criteria profile");
    case WK_N_SECTIONS:
    default:
      return "";
    }
}

/* The findings of an area, or with %WK_AREA_NONE those about the plan as a
 * whole (coverage, networks). */
GPtrArray *
_wk_report_findings_of (WkChecker *checker,
                        guint      area)
{
  if (area != WK_AREA_NONE)
    return wk_checker_dup_area_findings (checker, area);
  {
    g_autoptr(GPtrArray) all = wk_checker_dup_findings (checker);
    GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < all->len; i++)
      {
        guint n_areas;

        wk_finding_get_areas (g_ptr_array_index (all, i), &n_areas);
        if (n_areas == 0)
          g_ptr_array_add (out, g_object_ref (g_ptr_array_index (all, i)));
      }
    return out;
  }
}


/* -------------------------------------------------------------- the lot */

/**
 * wk_report_render:
 *
 * Lays out (or, with a surface, draws) the whole report.
 *
 * Returns: %FALSE when cancelled
 */
gboolean
wk_report_render (WkReportContext  *ctx,
                  WkDoc            *doc,
                  GError          **error)
{
  g_autofree char *date = g_date_time_format (ctx->date, "%-d %B %Y");
  g_autofree char *right = g_strdup_printf ("%s · %s", ctx->municipality, date);

  wk_doc_set_header (doc, ctx->title, right);
  _wk_report_render_cover (ctx, doc);
  if (!_wk_report_progress (ctx, 0.02, NULL, error))
    return FALSE;
  _wk_report_render_overview (ctx, doc);
  if (!_wk_report_progress (ctx, 0.1, NULL, error))
    return FALSE;
  _wk_report_render_summary (ctx, doc);
  if (ctx->other != NULL)
    _wk_report_render_changes (ctx, doc);
  if (!_wk_report_progress (ctx, 0.15, NULL, error))
    return FALSE;
  if (!_wk_report_render_areas (ctx, doc, 0.15, 0.98, error))
    return FALSE;
  _wk_report_render_profile (ctx, doc);
  return _wk_report_progress (ctx, 1.0, NULL, error);
}
