/* wk-report-figures.c: the report's maps and their legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The overview map and the map of one area, drawn into a frame of the page,
 * and the legend under them.
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-report-pages-private.h"

#define UNASSIGNED_RGB 0xdeddda
#define WHITE_RGB      0xffffff

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
draw_units (WkReportContext        *ctx,
            WkDoc                  *doc,
            const WkReportMapFrame *view,
            guint                   focus)
{
  cairo_t *cr = wk_doc_get_cairo (doc);
  guint n_units = wk_dataset_get_n_units (ctx->dataset);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint u = 0; u < n_units; u++)
    {
      const WkUnit *unit = wk_dataset_get_unit (ctx->dataset, u);
      WkMapBox box = { unit->xmin, unit->ymin, unit->xmax, unit->ymax };
      guint id = wk_plan_get_unit_area (ctx->plan, u);
      WkReportArea *ra = id != WK_AREA_NONE ? _wk_report_lookup_area (ctx, id) : NULL;
      guint32 rgb = ra != NULL ? ra->rgb : UNASSIGNED_RGB;

      if (!wk_report_map_frame_sees (view, &box))
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
draw_area_outlines (WkReportContext        *ctx,
                    WkDoc                  *doc,
                    const WkReportMapFrame *view,
                    guint                   focus)
{
  cairo_t *cr = wk_doc_get_cairo (doc);

  for (guint i = 0; i < ctx->areas->len; i++)
    {
      WkReportArea *ra = &g_array_index (ctx->areas, WkReportArea, i);

      if (ra->id == focus || !wk_report_map_frame_sees (view, &ra->box))
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
draw_providers (WkReportContext        *ctx,
                WkDoc                  *doc,
                const WkReportMapFrame *view,
                double                  size,
                WkMapLabels            *labels)
{
  cairo_t *cr = wk_doc_get_cairo (doc);
  guint n = wk_dataset_get_n_providers (ctx->dataset);

  for (guint i = 0; i < n; i++)
    {
      const WkProvider *p = wk_dataset_get_provider (ctx->dataset, i);
      double px, py;

      if (p->x < view->xmin || p->x > view->xmax || p->y < view->ymin || p->y > view->ymax)
        continue;
      wk_report_map_frame_to_page (view, p->x, p->y, &px, &py);
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
           const WkReportMapFrame *view,
           guint            focus,
           WkMapLabels     *labels)
{
  cairo_t *cr = wk_doc_get_cairo (doc);

  wk_map_labels_init (labels);
  labels->boxed = focus != 0;
  wk_map_labels_block (labels, view->px, view->py + view->ph - 30, MIN (130, view->pw / 2), 30);
  wk_map_labels_block (labels, view->px + view->pw - 26, view->py, 26, 40);
  cairo_save (cr);
  wk_report_map_frame_clip (view, cr);
  draw_units (ctx, doc, view, focus);
  draw_area_outlines (ctx, doc, view, focus);
  draw_providers (ctx, doc, view, focus != 0 ? 6.0 : 4.5, labels);
}

static void
end_map (WkDoc                  *doc,
         const WkReportMapFrame *view,
         WkMapLabels            *labels)
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
void
_wk_report_draw_overview_map (WkReportContext        *ctx,
                              WkDoc                  *doc,
                              const WkReportMapFrame *view)
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
      g_autofree char *name = wk_doc_escape_short (wk_area_get_name (ra->area));
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
void
_wk_report_draw_area_map (WkReportContext        *ctx,
                          WkDoc                  *doc,
                          WkReportArea           *focus,
                          const WkReportMapFrame *view)
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
      g_autofree char *name = g_markup_escape_text (_wk_report_unit_label (unit), -1);
      WkMapLabelText texts[] = { { name, 6.0, 0 }, { name, 5.5, 50 } };

      wk_map_labels_place (&labels, doc, view,
                           wk_dataset_get_outline (ctx->dataset, units[i], FALSE),
                           texts, G_N_ELEMENTS (texts), FALSE, WK_DOC_TEXT);
    }
  for (guint i = 0; i < ctx->areas->len; i++)
    {
      WkReportArea *ra = &g_array_index (ctx->areas, WkReportArea, i);
      g_autofree char *name = NULL;

      if (ra == focus || !wk_report_map_frame_sees (view, &ra->box))
        continue;
      name = wk_doc_escape_short (wk_area_get_name (ra->area));
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

void
_wk_report_draw_legend (WkReportContext *ctx,
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
