/* wk-report-pages.c: the sections of the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Title page, overview map, summary table, changes against another plan,
 * one section per area and the criteria profile.  Every function here runs
 * twice per report (see wk-report-doc.c): once measuring, once drawing;
 * they must take the same decisions both times.
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-report-pages.h"

#define UNASSIGNED_RGB 0xdeddda
#define WHITE_RGB      0xffffff
#define AREA_MAP_WIDTH 250.0

static const char *
severity_symbol (WkSeverity severity)
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

static guint32
severity_rgb (WkSeverity severity)
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

static char *
severity_markup (WkSeverity severity)
{
  g_autofree char *label = g_markup_escape_text (wk_severity_get_label (severity), -1);

  return g_strdup_printf ("<span foreground=\"#%06x\">%s</span> %s", severity_rgb (severity),
                          severity_symbol (severity), label);
}

static char *
swatch_markup (guint32 rgb)
{
  return g_strdup_printf ("<span foreground=\"#%06x\">■</span>", rgb);
}

/* ✓ OK, ✕ 2 errors, ▲ 1 warning: the status of an area or the plan. */
static char *
status_markup (guint errors,
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

static char *
dim_markup (const char *text)
{
  return g_markup_printf_escaped ("<span foreground=\"#%06x\">%s</span>", WK_DOC_DIM, text);
}

/* The inhabitants one full-time GP serves, for the capacity ratio. */
static double
patients_per_fte (WkReportContext *ctx)
{
  return wk_profile_get_double (ctx->profile, "capacity", "patients_per_fte");
}

/* Inhabitants per what the area's GPs can serve; NAN when unknown. */
static double
capacity_ratio (WkReportContext   *ctx,
                const WkAreaStats *st)
{
  if (st->n_providers[WK_PROVIDER_GP] == 0 || st->n_gp_unknown_fte > 0 || st->gp_fte <= 0)
    return NAN;
  return st->population / (st->gp_fte * patients_per_fte (ctx));
}

static const char *
unit_label (const WkUnit *unit)
{
  return unit->name != NULL && *unit->name ? unit->name : unit->code;
}

static gboolean
report_progress (WkReportContext  *ctx,
                 double            fraction,
                 const char       *text,
                 GError          **error)
{
  double span = ctx->progress_to - ctx->progress_from;

  wk_progress_update (ctx->progress, ctx->progress_from + span * fraction, text);
  return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
}

static WkReportArea *
lookup_area (WkReportContext *ctx,
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

/* ------------------------------------------------------------------ maps */

static gint
compare_by_size (gconstpointer a,
                 gconstpointer b)
{
  const WkReportArea *x = *(WkReportArea * const *) a, *y = *(WkReportArea * const *) b;
  double ax = (x->box.xmax - x->box.xmin) * (x->box.ymax - x->box.ymin);
  double ay = (y->box.xmax - y->box.xmin) * (y->box.ymax - y->box.ymin);

  return ax < ay ? 1 : ax > ay ? -1 : (int) x->number - (int) y->number;
}

static void
draw_units (WkReportContext *ctx,
            WkDoc           *doc,
            const WkMapView *view,
            guint            focus)
{
  cairo_t *cr = wk_doc_get_cairo (doc);
  guint n_units = wk_dataset_get_n_units (ctx->dataset);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint u = 0; u < n_units; u++)
    {
      const WkUnit *unit = wk_dataset_get_unit (ctx->dataset, u);
      WkMapBox box = { unit->xmin, unit->ymin, unit->xmax, unit->ymax };
      guint id = wk_plan_get_unit_area (ctx->plan, u);
      WkReportArea *ra = id != WK_AREA_NONE ? lookup_area (ctx, id) : NULL;
      guint32 rgb = ra != NULL ? ra->rgb : UNASSIGNED_RGB;

      if (!wk_map_view_sees (view, &box))
        continue;
      if (focus != 0 && id != focus)
        rgb = wk_doc_mix (rgb, WHITE_RGB, 0.72);
      cairo_new_path (cr);
      wk_map_path_outline (cr, view, wk_dataset_get_outline (ctx->dataset, u, FALSE));
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      wk_doc_set_rgb (cr, rgb);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, focus != 0 ? 0.5 : 0.3);
      cairo_stroke (cr);
    }
}

static void
draw_area_outlines (WkReportContext *ctx,
                    WkDoc           *doc,
                    const WkMapView *view,
                    guint            focus)
{
  cairo_t *cr = wk_doc_get_cairo (doc);

  for (guint i = 0; i < ctx->areas->len; i++)
    {
      WkReportArea *ra = &g_array_index (ctx->areas, WkReportArea, i);

      if (ra->id == focus || !wk_map_view_sees (view, &ra->box))
        continue;
      cairo_new_path (cr);
      wk_map_path_outline (cr, view, wk_dissolver_get_outline (ctx->dissolver, ra->id, FALSE));
      wk_doc_set_rgb (cr, focus != 0 ? WK_DOC_DIM : WK_DOC_TEXT);
      cairo_set_line_width (cr, focus != 0 ? 0.5 : 0.7);
      cairo_stroke (cr);
    }
  if (focus != 0)
    {
      cairo_new_path (cr);
      wk_map_path_outline (cr, view, wk_dissolver_get_outline (ctx->dissolver, focus, FALSE));
      wk_doc_set_rgb (cr, WK_DOC_TEXT);
      cairo_set_line_width (cr, 1.8);
      cairo_stroke (cr);
    }
  if (wk_dataset_has_boundary (ctx->dataset))
    {
      static const double dashes[] = { 5, 2.5 };

      cairo_new_path (cr);
      wk_map_path_outline (cr, view, wk_dataset_get_boundary_outline (ctx->dataset, FALSE));
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      wk_doc_set_rgb (cr, 0x000000);
      cairo_set_line_width (cr, 1.1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
draw_providers (WkReportContext *ctx,
                WkDoc           *doc,
                const WkMapView *view,
                double           size,
                WkMapLabels     *labels)
{
  cairo_t *cr = wk_doc_get_cairo (doc);
  guint n = wk_dataset_get_n_providers (ctx->dataset);

  for (guint i = 0; i < n; i++)
    {
      const WkProvider *p = wk_dataset_get_provider (ctx->dataset, i);
      double px, py;

      if (p->x < view->xmin || p->x > view->xmax || p->y < view->ymin || p->y > view->ymax)
        continue;
      wk_map_view_to_page (view, p->x, p->y, &px, &py);
      wk_map_draw_marker (cr, p->kind, px, py, size);
      wk_map_labels_block (labels, px - size / 2, py - size / 2, size, size);
    }
}

/* What every map shows, clipped to its frame: the buurten in their area's
 * colour (faded outside @focus, if any), the area outlines, the municipal
 * boundary and the providers.  Labels keep off the scale bar and the north
 * arrow, which end_map() draws. */
static void
begin_map (WkReportContext *ctx,
           WkDoc           *doc,
           const WkMapView *view,
           guint            focus,
           WkMapLabels     *labels)
{
  cairo_t *cr = wk_doc_get_cairo (doc);

  wk_map_labels_init (labels);
  labels->boxed = focus != 0;
  wk_map_labels_block (labels, view->px, view->py + view->ph - 30, MIN (130, view->pw / 2), 30);
  wk_map_labels_block (labels, view->px + view->pw - 26, view->py, 26, 40);
  cairo_save (cr);
  wk_map_view_clip (view, cr);
  draw_units (ctx, doc, view, focus);
  draw_area_outlines (ctx, doc, view, focus);
  draw_providers (ctx, doc, view, focus != 0 ? 6.0 : 4.5, labels);
}

static void
end_map (WkDoc           *doc,
         const WkMapView *view,
         WkMapLabels     *labels)
{
  cairo_t *cr = wk_doc_get_cairo (doc);

  cairo_restore (cr);
  wk_map_labels_clear (labels);
  wk_map_draw_scale_bar (doc, view, MIN (110, view->pw / 3));
  wk_map_draw_north_arrow (doc, view);
  cairo_save (cr);
  cairo_rectangle (cr, view->px, view->py, view->pw, view->ph);
  wk_doc_set_rgb (cr, WK_DOC_RULE);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The overview: every area filled in its colour, named where the name fits,
 * else numbered as in the summary table. */
static void
draw_overview_map (WkReportContext *ctx,
                   WkDoc           *doc,
                   const WkMapView *view)
{
  cairo_t *cr = wk_doc_get_cairo (doc);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  WkMapLabels labels;

  ctx->n_labelled = ctx->n_numbered = 0;
  if (cr == NULL)
    return;
  begin_map (ctx, doc, view, 0, &labels);

  for (guint i = 0; i < ctx->areas->len; i++)
    g_ptr_array_add (order, &g_array_index (ctx->areas, WkReportArea, i));
  g_ptr_array_sort (order, compare_by_size);
  for (guint i = 0; i < order->len; i++)
    {
      WkReportArea *ra = g_ptr_array_index (order, i);
      g_autofree char *name = g_markup_escape_text (wk_area_get_name (ra->area), -1);
      g_autofree char *number = g_strdup_printf ("%u", ra->number);
      WkMapLabelText texts[] = {
        { name, 8.0, 0 },
        { name, 6.5, 0 },
        { name, 6.5, 58 },
        { number, 6.5, 0 },
      };
      int placed = wk_map_labels_place (&labels, doc, view,
                                        wk_dissolver_get_outline (ctx->dissolver, ra->id, FALSE),
                                        texts, G_N_ELEMENTS (texts), TRUE, WK_DOC_TEXT);

      if (placed >= 0 && placed < 3)
        ctx->n_labelled++;
      else if (placed == 3)
        ctx->n_numbered++;
    }
  end_map (doc, view, &labels);
}

/* An area's map: its buurten in full colour and named where they fit, the
 * neighbours faded and named in grey. */
static void
draw_area_map (WkReportContext *ctx,
               WkDoc           *doc,
               WkReportArea    *focus,
               const WkMapView *view)
{
  cairo_t *cr = wk_doc_get_cairo (doc);
  WkMapLabels labels;
  const guint *units;
  guint n_units;

  if (cr == NULL)
    return;
  begin_map (ctx, doc, view, focus->id, &labels);

  units = wk_plan_get_area_units (ctx->plan, focus->id, &n_units);
  for (guint i = 0; i < n_units; i++)
    {
      const WkUnit *unit = wk_dataset_get_unit (ctx->dataset, units[i]);
      g_autofree char *name = g_markup_escape_text (unit_label (unit), -1);
      WkMapLabelText texts[] = { { name, 6.0, 0 }, { name, 5.5, 50 } };

      wk_map_labels_place (&labels, doc, view,
                           wk_dataset_get_outline (ctx->dataset, units[i], FALSE),
                           texts, G_N_ELEMENTS (texts), FALSE, WK_DOC_TEXT);
    }
  for (guint i = 0; i < ctx->areas->len; i++)
    {
      WkReportArea *ra = &g_array_index (ctx->areas, WkReportArea, i);
      g_autofree char *name = NULL;

      if (ra == focus || !wk_map_view_sees (view, &ra->box))
        continue;
      name = g_markup_escape_text (wk_area_get_name (ra->area), -1);
      {
        WkMapLabelText texts[] = { { name, 6.5, 0 }, { name, 6.0, 56 } };

        wk_map_labels_place (&labels, doc, view,
                             wk_dissolver_get_outline (ctx->dissolver, ra->id, FALSE),
                             texts, G_N_ELEMENTS (texts), TRUE, WK_DOC_DIM);
      }
    }
  end_map (doc, view, &labels);
}

/* ---------------------------------------------------------------- legend */

typedef enum
{
  SYMBOL_MARKER,
  SYMBOL_FILL,
  SYMBOL_LINE,
  SYMBOL_DASH,
} SymbolKind;

static void
draw_symbol (WkDoc      *doc,
             SymbolKind  kind,
             int         detail,
             double      x,
             double      y)
{
  cairo_t *cr = wk_doc_get_cairo (doc);
  static const double dashes[] = { 5, 2.5 };

  if (cr == NULL)
    return;
  cairo_save (cr);
  switch (kind)
    {
    case SYMBOL_MARKER:
      wk_map_draw_marker (cr, detail, x + 6, y, 6.0);
      break;
    case SYMBOL_FILL:
      cairo_rectangle (cr, x, y - 4, 12, 8);
      wk_doc_set_rgb (cr, detail);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 0.6);
      wk_doc_set_rgb (cr, WK_DOC_RULE);
      cairo_stroke (cr);
      break;
    case SYMBOL_LINE:
    case SYMBOL_DASH:
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + 12, y);
      if (kind == SYMBOL_DASH)
        cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      wk_doc_set_rgb (cr, kind == SYMBOL_DASH ? 0x000000 : WK_DOC_TEXT);
      cairo_set_line_width (cr, detail / 10.0);
      cairo_stroke (cr);
      break;
    default:
      break;
    }
  cairo_restore (cr);
}

typedef struct
{
  SymbolKind  kind;
  int         detail;
  char       *text;
} LegendItem;

static void
legend_item_clear (gpointer data)
{
  g_free (((LegendItem *) data)->text);
}

static void
draw_legend (WkReportContext *ctx,
             WkDoc           *doc)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  double x = WK_DOC_MARGIN, line_h = 12, width = wk_doc_get_width (doc);
  guint n_providers = wk_dataset_get_n_providers (ctx->dataset);

  g_array_set_clear_func (items, legend_item_clear);
  for (WkProviderKind kind = 0; kind < WK_N_PROVIDER_KINDS; kind++)
    {
      guint count = 0;

      for (guint i = 0; i < n_providers; i++)
        count += wk_dataset_get_provider (ctx->dataset, i)->kind == kind;
      if (count > 0)
        {
          LegendItem item = { SYMBOL_MARKER, kind, NULL };

          item.text = g_strdup_printf ("%s (%u)", wk_provider_kind_get_label (kind), count);
          g_array_append_val (items, item);
        }
    }
  {
    LegendItem area = { SYMBOL_LINE, 7, g_strdup (_("Area boundary")) };
    LegendItem unit = { SYMBOL_FILL, 0x99c1f1,
                        g_strdup (_("Buurt, filled in its area’s colour")) };

    g_array_append_val (items, area);
    g_array_append_val (items, unit);
  }
  if (wk_plan_get_n_assigned (ctx->plan) < wk_dataset_get_n_units (ctx->dataset))
    {
      LegendItem item = { SYMBOL_FILL, UNASSIGNED_RGB, g_strdup (_("Buurt in no area")) };
      g_array_append_val (items, item);
    }
  if (wk_dataset_has_boundary (ctx->dataset))
    {
      LegendItem item = { SYMBOL_DASH, 11, g_strdup (_("Municipal boundary")) };
      g_array_append_val (items, item);
    }

  for (guint i = 0; i < items->len; i++)
    {
      LegendItem *item = &g_array_index (items, LegendItem, i);
      g_autofree char *escaped = g_markup_escape_text (item->text, -1);
      g_autoptr(PangoLayout) layout = wk_doc_layout (doc, WK_DOC_SMALL, escaped, -1,
                                                     PANGO_ALIGN_LEFT);
      double w = 16 + MIN (wk_doc_layout_width (layout), width - 16) + 14;

      if (x > WK_DOC_MARGIN && x + w > WK_DOC_MARGIN + width)
        {
          x = WK_DOC_MARGIN;
          wk_doc_skip (doc, line_h);
        }
      draw_symbol (doc, item->kind, item->detail, x, wk_doc_get_y (doc) + 5);
      wk_doc_show_layout (doc, layout, x + 16, wk_doc_get_y (doc), WK_DOC_TEXT);
      x += w;
    }
  wk_doc_skip (doc, line_h + 4);
}

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

static const char *
provider_plural (WkProviderKind kind)
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
  g_autofree char *population = wk_format_count (wk_dataset_get_total_population (ctx->dataset));

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
        add_source_row (&table, provider_plural (kind), path, text);
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

static const char *
section_title (WkReportContext *ctx,
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

static void
render_cover (WkReportContext *ctx,
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

  markup = dim_markup (_("Review report: the division into areas for close-knit primary care"));
  wk_doc_paragraph (doc, WK_DOC_SUBTITLE, markup, 0, 6);
  g_free (markup);
  markup = g_markup_escape_text (ctx->title, -1);
  wk_doc_paragraph (doc, WK_DOC_TITLE, markup, 0, 8);
  g_free (markup);
  markup = g_markup_escape_text (ctx->municipality, -1);
  wk_doc_paragraph (doc, WK_DOC_SUBTITLE, markup, 0, 2);
  g_free (markup);
  markup = dim_markup (date);
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
        title = g_markup_escape_text (section_title (ctx, s), -1);
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

/* ---------------------------------------------------------- overview map */

static void
render_overview (WkReportContext *ctx,
                 WkDoc           *doc)
{
  WkMapView view;
  double top, height, width, portrait, landscape;
  double ew = (ctx->extent.xmax - ctx->extent.xmin) * 1.06;
  double eh = (ctx->extent.ymax - ctx->extent.ymin) * 1.06;
  double below = WK_DOC_PAGE_HEIGHT - WK_DOC_BOTTOM;

  /* a wide municipality gets a landscape page: the larger scale wins */
  portrait = MIN (WK_DOC_WIDTH / ew, (WK_DOC_BOTTOM - WK_DOC_TOP - 100) / eh);
  landscape = MIN ((WK_DOC_PAGE_HEIGHT - 2 * WK_DOC_MARGIN) / ew,
                   (WK_DOC_PAGE_WIDTH - below - WK_DOC_TOP - 100) / eh);
  wk_doc_set_landscape (doc, landscape > portrait * 1.1);
  wk_doc_new_page (doc, TRUE);
  wk_doc_set_landscape (doc, FALSE);
  ctx->section_pages[WK_SECTION_MAP] = wk_doc_get_page (doc);
  wk_doc_add_outline (doc, 0, section_title (ctx, WK_SECTION_MAP));
  wk_doc_heading (doc, WK_DOC_H1, section_title (ctx, WK_SECTION_MAP), 300);
  top = wk_doc_get_y (doc);
  width = wk_doc_get_width (doc);
  /* room for two lines of legend and a note below the map */
  height = wk_doc_get_bottom (doc) - top - 62;
  wk_map_view_fit (&view, WK_DOC_MARGIN, top, width, height, &ctx->extent, 0.03);
  /* a landscape municipality leaves room below: keep the legend close */
  if (view.scale * (ctx->extent.ymax - ctx->extent.ymin) * 1.06 < height - 20)
    {
      height = view.scale * (ctx->extent.ymax - ctx->extent.ymin) * 1.06 + 20;
      wk_map_view_fit (&view, WK_DOC_MARGIN, top, width, height, &ctx->extent, 0.03);
    }
  draw_overview_map (ctx, doc, &view);
  wk_doc_set_y (doc, top + height + 6);
  draw_legend (ctx, doc);
  /* the same text in both passes, so that both break pages alike */
  if (ctx->areas->len > 0)
    {
      g_autofree char *markup = dim_markup (_("Names are shown where they fit. Smaller areas show "
                                              "their number from the summary table; the smallest "
                                              "are named on their own map only."));
      wk_doc_paragraph (doc, WK_DOC_SMALL, markup, 0, 0);
    }
  if (!wk_doc_is_measuring (doc))
    g_debug ("overview map: %u of %u areas named, %u numbered", ctx->n_labelled,
             ctx->areas->len, ctx->n_numbered);
}

/* -------------------------------------------------------------- findings */

static void
findings_table (WkDoc     *doc,
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
      g_autofree char *status = severity_markup (wk_finding_get_severity (f));
      g_autofree char *criterion = g_markup_escape_text (wk_finding_get_criterion_label (f), -1);
      g_autofree char *value = wk_finding_dup_value_text (f);
      g_autofree char *value_m = g_markup_escape_text (value != NULL ? value : "–", -1);
      g_autofree char *message = g_markup_escape_text (wk_finding_get_message (f), -1);
      const char *cells[] = { status, criterion, value_m, message };

      wk_doc_table_row (&table, cells, WK_DOC_ROW_DEFAULT, 0);
    }
  wk_doc_table_end (&table);
}

/* --------------------------------------------------------------- summary */

/* The findings of an area, or with %WK_AREA_NONE those about the plan as a
 * whole (coverage, networks). */
static GPtrArray *
findings_of (WkChecker *checker,
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

static void
render_summary (WkReportContext *ctx,
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
  g_autoptr(GPtrArray) plan_findings = findings_of (ctx->checker, WK_AREA_NONE);
  g_autoptr(GArray) unassigned = wk_checker_dup_unassigned (ctx->checker);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  gboolean has_pop65 = wk_dataset_get_role_field (ctx->dataset, WK_ROLE_POP65) != NULL;
  gint64 population = 0;
  double pop65 = 0, km2 = 0;
  guint units = 0, providers[WK_N_PROVIDER_KINDS] = { 0 };
  WkDocTable table;

  wk_doc_new_page (doc, TRUE);
  ctx->section_pages[WK_SECTION_SUMMARY] = wk_doc_get_page (doc);
  wk_doc_add_outline (doc, 0, section_title (ctx, WK_SECTION_SUMMARY));
  wk_doc_heading (doc, WK_DOC_H1, section_title (ctx, WK_SECTION_SUMMARY), 60);

  /* all rows first: the columns are as wide as their contents */
  for (guint i = 0; i < ctx->areas->len; i++)
    {
      WkReportArea *ra = &g_array_index (ctx->areas, WkReportArea, i);
      const WkAreaStats *st = wk_checker_get_area_stats (ctx->checker, ra->id);
      g_autofree char *swatch = swatch_markup (ra->rgb);
      g_autofree char *name = g_markup_escape_text (wk_area_get_name (ra->area), -1);

      g_ptr_array_add (cells, g_strdup_printf ("%u", ra->number));
      g_ptr_array_add (cells, g_strdup_printf ("%s %s", swatch, name));
      g_ptr_array_add (cells, wk_format_count (st->population));
      g_ptr_array_add (cells, has_pop65 && st->has_pop65
                              ? wk_format_count ((gint64) llround (st->pop65))
                              : g_strdup (WK_FORMAT_UNKNOWN));
      g_ptr_array_add (cells, g_strdup_printf ("%u", st->n_units));
      g_ptr_array_add (cells, wk_format_decimal (st->area_m2 / 1e6, 2));
      for (WkProviderKind k = WK_PROVIDER_GP; k <= WK_PROVIDER_NURSING; k++)
        g_ptr_array_add (cells, wk_dataset_has_provider_kind (ctx->dataset, k)
                                ? g_strdup_printf ("%u", st->n_providers[k]) : g_strdup ("–"));
      g_ptr_array_add (cells, wk_format_decimal (capacity_ratio (ctx, st), 2));
      g_ptr_array_add (cells, wk_format_decimal (st->compactness, 2));
      g_ptr_array_add (cells, status_markup (
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
  g_ptr_array_add (cells, wk_format_count (population));
  g_ptr_array_add (cells, has_pop65 ? wk_format_count ((gint64) llround (pop65))
                                    : g_strdup (WK_FORMAT_UNKNOWN));
  g_ptr_array_add (cells, g_strdup_printf ("%u", units));
  g_ptr_array_add (cells, wk_format_decimal (km2, 2));
  for (WkProviderKind k = WK_PROVIDER_GP; k <= WK_PROVIDER_NURSING; k++)
    g_ptr_array_add (cells, wk_dataset_has_provider_kind (ctx->dataset, k)
                            ? g_strdup_printf ("%u", providers[k]) : g_strdup ("–"));
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (cells, status_markup (wk_checker_count (ctx->checker, WK_SEVERITY_ERROR),
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
    g_autofree char *ppf = wk_format_count ((gint64) patients_per_fte (ctx));
    g_autofree char *text = g_strdup_printf (
      _("GP capacity: inhabitants divided by the patients the area’s GPs can serve (%s per FTE); "
        "above 1.00 is more than they can serve. – where a figure is unknown or not loaded. "
        "Compactness: 4πA/P², 1 for a circle, near 0 for a long strip. Status counts the "
        "area’s errors and warnings; the page number leads to the area’s own section."), ppf);
    g_autofree char *markup = dim_markup (text);

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
          g_autofree char *item = g_markup_printf_escaped ("%s (%s)", unit_label (u), u->code);

          left += MAX (u->population, 0);
          g_string_append_printf (list, "%s%s", i ? ", " : "", item);
        }
      left_text = wk_format_count (left);
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
    findings_table (doc, plan_findings);
  else
    {
      g_autofree char *markup = g_strdup_printf ("<span foreground=\"#%06x\">✓</span> %s",
                                                 WK_DOC_SUCCESS,
                                                 _("Every buurt is in exactly one area and no "
                                                   "existing network is split."));
      wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 6);
    }
}

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
                              severity_rgb (severity), severity_symbol (severity), message);
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
  g_autofree char *swatch = swatch_markup (rgb);
  g_autofree char *name_m = NULL;
  g_autofree char *before_text = before ? wk_format_count (before->population)
                                        : g_strdup (WK_FORMAT_UNKNOWN);
  g_autofree char *now_text = now ? wk_format_count (now->population)
                                  : g_strdup (WK_FORMAT_UNKNOWN);
  g_autofree char *delta = NULL;

  if (whole_plan)
    name_m = g_markup_printf_escaped ("<i>%s</i>", name);
  else
    {
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      name_m = g_strdup_printf ("%s %s", swatch, escaped);
    }
  if (now != NULL && before != NULL && now->population == before->population)
    delta = g_strdup ("0");
  else if (now != NULL && before != NULL)
    delta = wk_format_change (now->population - before->population);
  else if (now != NULL)
    delta = g_strdup (C_("area", "new"));
  else if (before != NULL)
    delta = g_strdup (C_("area", "removed"));
  else
    delta = g_strdup ("");
  if (whole_plan || now_id)
    now_f = findings_of (ctx->checker, now_id);
  if (whole_plan || before_id)
    before_f = findings_of (ctx->other_checker, before_id);
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

static void
render_changes (WkReportContext *ctx,
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
    g_autofree char *pop = wk_format_count (moved_population);
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
                                                       unit_label (unit), WK_DOC_DIM, unit->code);
      g_autofree char *pop = unit->population >= 0 ? wk_format_count (unit->population)
                                                   : g_strdup (WK_FORMAT_UNKNOWN);
      g_autofree char *was_m = g_markup_escape_text (was ? was : C_("area", "none"), -1);
      g_autofree char *now_m = g_markup_escape_text (now ? now : C_("area", "none"), -1);
      const char *cells[] = { name, pop, was_m, now_m };

      wk_doc_table_row (&table, cells, WK_DOC_ROW_DEFAULT, 0);
    }
  wk_doc_table_end (&table);
}

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
  g_autofree char *pop = wk_format_count (st->population);
  g_autofree char *p65 = st->has_pop65 ? wk_format_count ((gint64) llround (st->pop65))
                                       : g_strdup (WK_FORMAT_UNKNOWN);
  g_autofree char *share = wk_format_decimal (st->population > 0 && st->has_pop65
                                             ? 100.0 * st->pop65 / st->population : NAN, 0);
  g_autofree char *km2 = wk_format_decimal (st->area_m2 / 1e6, 2);
  g_autofree char *density = wk_format_count (st->area_m2 > 0
                                              ? (gint64) llround (st->population /
                                                                  (st->area_m2 / 1e6))
                                              : 0);
  g_autofree char *fte = wk_format_decimal (st->gp_fte, 1);
  g_autofree char *ratio = wk_format_decimal (capacity_ratio (ctx, st), 2);
  g_autofree char *compact = wk_format_decimal (st->compactness, 2);
  guint shown = 0;

#define ROW(label, ...) G_STMT_START {                                   \
    g_ptr_array_add (rows, g_markup_escape_text (label, -1));            \
    g_ptr_array_add (rows, g_markup_printf_escaped (__VA_ARGS__));       \
  } G_STMT_END

  g_ptr_array_add (rows, g_markup_escape_text (_("Status"), -1));
  g_ptr_array_add (rows, status_markup (wk_checker_count_for_area (ctx->checker, ra->id,
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
        ROW (provider_plural (WK_PROVIDER_GP), _("%u (%s FTE, %u dispensing)"),
             st->n_providers[WK_PROVIDER_GP], fte, st->n_dispensing);
      else
        ROW (provider_plural (WK_PROVIDER_GP), _("%u (%s FTE)"), st->n_providers[WK_PROVIDER_GP],
             fte);
      ROW (_("GP capacity"), "%s", ratio);
    }
  for (WkProviderKind kind = WK_PROVIDER_PHARMACY; kind < WK_N_PROVIDER_KINDS; kind++)
    if (wk_dataset_has_provider_kind (ctx->dataset, kind))
      ROW (provider_plural (kind), "%u", st->n_providers[kind]);
  ROW (_("Compactness"), "%s", compact);
  if (st->n_parts > 1)
    ROW (_("Parts"), _("%u (not contiguous)"), st->n_parts);
  if (st->n_municipalities > 1)
    ROW (_("Municipalities"), "%u", st->n_municipalities);
  for (guint i = 0; i < fields->len && shown < 6; i++, shown++)
    {
      WkFieldAggregate *agg = &g_array_index (fields, WkFieldAggregate, i);
      g_autofree char *value = agg->is_mean ? wk_format_decimal (agg->value, 1)
                                            : wk_format_decimal (agg->value, 0);

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
  g_autofree char *swatch = swatch_markup (ra->rgb);
  g_autofree char *name = g_markup_escape_text (wk_area_get_name (ra->area), -1);
  g_autofree char *heading = g_strdup_printf ("%s %u. %s", swatch, ra->number, name);
  g_autofree char *outline_name = g_strdup_printf ("%u. %s", ra->number,
                                                   wk_area_get_name (ra->area));
  double fig_x = WK_DOC_MARGIN + AREA_MAP_WIDTH + 12, fig_w = WK_DOC_WIDTH - AREA_MAP_WIDTH - 12;
  double fig_h, map_h, top, bottom;
  const char *note = wk_area_get_note (ra->area);
  const guint *units;
  guint n_units;
  WkDocTable table;
  WkMapView view;
  WkMapBox box = ra->box;

  fig_h = wk_doc_table_height (doc, figure_columns, G_N_ELEMENTS (figure_columns), fig_w,
                               (const char *const *) figures->pdata, figures->len / 2);
  map_h = MAX (210, fig_h);

  wk_doc_heading (doc, WK_DOC_H2, heading, map_h + 4);
  ra->page = wk_doc_get_page (doc);
  wk_doc_add_outline (doc, outline_parent, outline_name);

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
  wk_map_view_fit (&view, WK_DOC_MARGIN, top, AREA_MAP_WIDTH, map_h, &box, 0.08);
  draw_area_map (ctx, doc, ra, &view);
  wk_doc_set_y (doc, MAX (bottom, top + map_h + 8));

  if (findings->len > 0)
    {
      g_autofree char *head = g_strdup_printf ("%s (%u)", _("Findings"), findings->len);
      g_autofree char *head_m = g_markup_escape_text (head, -1);

      wk_doc_heading (doc, WK_DOC_LABEL, head_m, 30);
      findings_table (doc, findings);
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
        g_autofree char *pop = u->population >= 0 ? wk_format_count (u->population)
                                                  : g_strdup (WK_FORMAT_UNKNOWN);
        g_autofree char *item = g_markup_printf_escaped (
          "%s <span foreground=\"#%06x\">%s, %s</span>", unit_label (u), WK_DOC_DIM, u->code, pop);

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
      markup = dim_markup (_("No note."));
    wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 6);
  }
  wk_doc_skip (doc, 6);
  if (wk_doc_get_remaining (doc) > 40)
    wk_doc_rule (doc, WK_DOC_MARGIN, WK_DOC_MARGIN + WK_DOC_WIDTH, wk_doc_get_y (doc) - 4, 1.2,
                 WK_DOC_RULE);
  return TRUE;
}

static gboolean
render_areas (WkReportContext  *ctx,
              WkDoc            *doc,
              double            from,
              double            to,
              GError          **error)
{
  int parent;

  wk_doc_new_page (doc, TRUE);
  ctx->section_pages[WK_SECTION_AREAS] = wk_doc_get_page (doc);
  parent = wk_doc_add_outline (doc, 0, section_title (ctx, WK_SECTION_AREAS));
  wk_doc_heading (doc, WK_DOC_H1, section_title (ctx, WK_SECTION_AREAS), 260);
  if (ctx->areas->len == 0)
    {
      g_autofree char *markup = dim_markup (_("The plan has no areas yet."));
      wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 6);
    }
  for (guint i = 0; i < ctx->areas->len; i++)
    {
      WkReportArea *ra = &g_array_index (ctx->areas, WkReportArea, i);

      if (!report_progress (ctx, from + (to - from) * i / ctx->areas->len, NULL, error))
        return FALSE;
      render_area (ctx, doc, ra, parent);
    }
  return TRUE;
}

/* --------------------------------------------------------------- profile */

static char *
param_value (WkReportContext   *ctx,
             const WkParamSpec *spec)
{
  switch (spec->type)
    {
    case WK_PARAM_BOOLEAN:
      return g_strdup (wk_profile_get_boolean (ctx->profile, spec->criterion, spec->key)
                       ? _("yes") : _("no"));
    case WK_PARAM_CHOICE:
      return g_strdup (wk_profile_get_choice (ctx->profile, spec->criterion, spec->key));
    case WK_PARAM_INTEGER:
    case WK_PARAM_DOUBLE:
    default:
      {
        double value = wk_profile_get_double (ctx->profile, spec->criterion, spec->key);
        g_autofree char *number = wk_format_number (value, 3);

        if (spec->unit != NULL)
          return g_strdup_printf ("%s %s", number, _(spec->unit));
        return g_steal_pointer (&number);
      }
    }
}

static void
render_profile (WkReportContext *ctx,
                WkDoc           *doc)
{
  const WkDocColumn columns[] = {
    { C_("column", "Criterion"), 150, PANGO_ALIGN_LEFT },
    { C_("column", "Checked"), 42, PANGO_ALIGN_LEFT },
    /* Translators: column head: the severity a criterion's findings have */
    { C_("column", "Counts as"), 64, PANGO_ALIGN_LEFT },
    { C_("column", "Thresholds"), 239, PANGO_ALIGN_LEFT },
  };
  guint n_criteria;
  const WkCriterionInfo *criteria = wk_profile_get_criteria (&n_criteria);
  WkDocTable table;

  wk_doc_new_page (doc, TRUE);
  ctx->section_pages[WK_SECTION_PROFILE] = wk_doc_get_page (doc);
  wk_doc_add_outline (doc, 0, section_title (ctx, WK_SECTION_PROFILE));
  wk_doc_heading (doc, WK_DOC_H1, section_title (ctx, WK_SECTION_PROFILE), 60);
  {
    g_autofree char *base = ctx->profile_file ? g_path_get_basename (ctx->profile_file) : NULL;
    g_autofree char *text = NULL;
    g_autofree char *markup = NULL;

    if (base != NULL)
      /* Translators: %s is the profile's name, then its file */
      text = g_strdup_printf (_("The plan was checked with the profile “%s” (%s). A plan meets "
                                "the guide when no finding is an error; warnings and information "
                                "are points for the discussion."),
                              wk_profile_get_name (ctx->profile), base);
    else
      text = g_strdup_printf (_("The plan was checked with the profile “%s”. A plan meets the "
                                "guide when no finding is an error; warnings and information are "
                                "points for the discussion."), wk_profile_get_name (ctx->profile));
    markup = g_markup_escape_text (text, -1);
    wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 8);
  }

  wk_doc_table_begin (&table, doc, columns, G_N_ELEMENTS (columns), WK_DOC_MARGIN, WK_DOC_WIDTH);
  for (guint c = 0; c < n_criteria; c++)
    {
      const WkCriterionInfo *info = &criteria[c];
      gboolean enabled = wk_profile_get_enabled (ctx->profile, info->id);
      g_autofree char *label = g_markup_printf_escaped (
        "<b>%s</b>\n<span foreground=\"#%06x\">%s</span>", _(info->label), WK_DOC_DIM,
        _(info->description));
      g_autofree char *checked = g_markup_escape_text (enabled ? _("yes") : _("no"), -1);
      g_autofree char *severity = enabled ? severity_markup (wk_profile_get_severity (ctx->profile,
                                                                                     info->id))
                                          : g_strdup ("");
      g_autoptr(GString) params = g_string_new (NULL);
      guint n_params;
      const WkParamSpec *specs = wk_profile_get_params (info->id, &n_params);
      const char *cells[4];

      for (guint p = 0; p < n_params; p++)
        {
          g_autofree char *value = param_value (ctx, &specs[p]);
          g_autofree char *line = g_markup_printf_escaped (
            "%s: <b>%s</b>\n<span foreground=\"#%06x\" size=\"smaller\">%s</span>",
            _(specs[p].label), value, WK_DOC_DIM, _(specs[p].description));

          g_string_append_printf (params, "%s%s", p ? "\n" : "", line);
        }
      cells[0] = label;
      cells[1] = checked;
      cells[2] = severity;
      cells[3] = params->str;
      wk_doc_table_row (&table, cells, WK_DOC_ROW_DEFAULT, 0);
    }
  wk_doc_table_end (&table);
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
  render_cover (ctx, doc);
  if (!report_progress (ctx, 0.02, NULL, error))
    return FALSE;
  render_overview (ctx, doc);
  if (!report_progress (ctx, 0.1, NULL, error))
    return FALSE;
  render_summary (ctx, doc);
  if (ctx->other != NULL)
    render_changes (ctx, doc);
  if (!report_progress (ctx, 0.15, NULL, error))
    return FALSE;
  if (!render_areas (ctx, doc, 0.15, 0.98, error))
    return FALSE;
  render_profile (ctx, doc);
  return report_progress (ctx, 1.0, NULL, error);
}
