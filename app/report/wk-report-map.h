/* wk-report-map.h: maps of the report, drawn from RD outlines (internal to app/report)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-dataset.h"
#include "wk-report-doc.h"

G_BEGIN_DECLS

/**
 * WkReportMapFrame:
 * @px: left edge of the frame on the page (points)
 * @py: top edge of the frame
 * @pw: width of the frame
 * @ph: height of the frame
 * @cx: RD x shown at the frame's centre
 * @cy: RD y shown at the frame's centre
 * @scale: points per metre; RD metres map linearly to the page
 * @xmin: the RD box the frame shows
 */
typedef struct
{
  double px, py, pw, ph;
  double cx, cy;
  double scale;
  double xmin, ymin, xmax, ymax;
} WkReportMapFrame;

typedef struct
{
  double xmin, ymin, xmax, ymax;
} WkMapBox;

void     wk_report_map_frame_fit     (WkReportMapFrame       *view,
                                      double                  px,
                                      double                  py,
                                      double                  pw,
                                      double                  ph,
                                      const WkMapBox         *extent,
                                      double                  margin);
void     wk_report_map_frame_to_page (const WkReportMapFrame *view,
                                      double                  x,
                                      double                  y,
                                      double                 *px,
                                      double                 *py);
gboolean wk_report_map_frame_sees    (const WkReportMapFrame *view,
                                      const WkMapBox         *box);
void     wk_report_map_frame_clip    (const WkReportMapFrame *view,
                                      cairo_t                *cr);

void     wk_map_box_empty            (WkMapBox               *box);
gboolean wk_map_box_is_empty         (const WkMapBox         *box);
void     wk_map_box_add              (WkMapBox               *box,
                                      const WkMapBox         *other);
void     wk_map_box_of_outline       (WkMapBox               *box,
                                      const WkOutline        *outline);

void     wk_map_path_outline         (cairo_t                *cr,
                                      const WkReportMapFrame *view,
                                      const WkOutline        *outline);
gboolean wk_map_outline_contains     (const WkOutline        *outline,
                                      double                  x,
                                      double                  y);
gboolean wk_map_outline_pole         (const WkOutline        *outline,
                                      double                  precision,
                                      double                 *x,
                                      double                 *y,
                                      double                 *distance);

guint32  wk_map_marker_rgb           (WkProviderKind          kind);
void     wk_map_draw_marker          (cairo_t                *cr,
                                      WkProviderKind          kind,
                                      double                  px,
                                      double                  py,
                                      double                  size);
void     wk_map_draw_scale_bar       (WkDoc                  *doc,
                                      const WkReportMapFrame *view,
                                      double                  max_width);
void     wk_map_draw_north_arrow     (WkDoc                  *doc,
                                      const WkReportMapFrame *view);

/* Labels that are placed only where they fit and never overlap. */
typedef struct
{
  GArray   *boxes;   /* WkMapBox in page points */
  gboolean  boxed;   /* a light box behind the text instead of an outline */
} WkMapLabels;

/**
 * WkMapLabelText:
 * @markup: the label
 * @size: font size in points
 * @wrap: wrap to this width in points, or 0 for one line
 */
typedef struct
{
  const char *markup;
  double      size;
  double      wrap;
} WkMapLabelText;

void     wk_map_labels_init          (WkMapLabels            *labels);
void     wk_map_labels_clear         (WkMapLabels            *labels);
void     wk_map_labels_block         (WkMapLabels            *labels,
                                      double                  x,
                                      double                  y,
                                      double                  w,
                                      double                  h);
int      wk_map_labels_place (WkMapLabels *labels, WkDoc *doc, const WkReportMapFrame *view,
                              const WkOutline *outline, const WkMapLabelText *texts, guint n_texts,
                              gboolean bold, guint32 rgb);

G_END_DECLS
