/* wk-report-page-overview.c: the report's overview map page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole plan on one map.
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-report-pages-private.h"

/* ---------------------------------------------------------- overview map */

void
_wk_report_render_overview (WkReportContext *ctx,
                            WkDoc           *doc)
{
  WkReportMapFrame view;
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
  wk_doc_add_outline (doc, 0, _wk_report_section_title (ctx, WK_SECTION_MAP));
  wk_doc_heading (doc, WK_DOC_H1, _wk_report_section_title (ctx, WK_SECTION_MAP), 300);
  top = wk_doc_get_y (doc);
  width = wk_doc_get_width (doc);
  /* room for two lines of legend and a note below the map */
  height = wk_doc_get_bottom (doc) - top - 62;
  wk_report_map_frame_fit (&view, WK_DOC_MARGIN, top, width, height, &ctx->extent, 0.03);
  /* a landscape municipality leaves room below: keep the legend close */
  if (view.scale * (ctx->extent.ymax - ctx->extent.ymin) * 1.06 < height - 20)
    {
      height = view.scale * (ctx->extent.ymax - ctx->extent.ymin) * 1.06 + 20;
      wk_report_map_frame_fit (&view, WK_DOC_MARGIN, top, width, height, &ctx->extent, 0.03);
    }
  _wk_report_draw_overview_map (ctx, doc, &view);
  wk_doc_set_y (doc, top + height + 6);
  _wk_report_draw_legend (ctx, doc);
  /* the same text in both passes, so that both break pages alike */
  if (ctx->areas->len > 0)
    {
      g_autofree char *markup =
        _wk_report_dim_markup (_("Names are shown where they fit. Smaller areas show "
                                 "their number from the summary table; the smallest "
                                 "are named on their own map only."));
      wk_doc_paragraph (doc, WK_DOC_SMALL, markup, 0, 0);
    }
  if (!wk_doc_is_measuring (doc))
    g_debug ("overview map: %u of %u areas named, %u numbered", ctx->n_labelled,
             ctx->areas->len, ctx->n_numbered);
}
