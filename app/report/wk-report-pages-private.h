/* wk-report-pages-private.h: what the report's page files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-report-pages.h"

G_BEGIN_DECLS

/* wk-report-pages.c */
char          *_wk_report_format_int        (gint64                   value);
char          *_wk_report_format_number     (double                   value,
                                             int                      decimals);
char          *_wk_report_format_value      (double                   value);
const char    *_wk_report_severity_symbol   (WkSeverity               severity);
guint32        _wk_report_severity_rgb      (WkSeverity               severity);
char          *_wk_report_severity_markup   (WkSeverity               severity);
char          *_wk_report_swatch_markup     (guint32                  rgb);
char          *_wk_report_status_markup     (guint                    errors,
                                             guint                    warnings);
char          *_wk_report_dim_markup        (const char              *text);
double         _wk_report_patients_per_fte  (WkReportContext         *ctx);
double         _wk_report_capacity_ratio    (WkReportContext         *ctx,
                                             const WkAreaStats       *st);
const char    *_wk_report_unit_label        (const WkUnit            *unit);
gboolean       _wk_report_progress          (WkReportContext         *ctx,
                                             double                   fraction,
                                             const char              *text,
                                             GError                 **error);
WkReportArea  *_wk_report_lookup_area       (WkReportContext         *ctx,
                                             guint                    id);
void           _wk_report_findings_table    (WkDoc                   *doc,
                                             GPtrArray               *findings);
const char    *_wk_report_provider_plural   (WkProviderKind           kind);
const char    *_wk_report_section_title     (WkReportContext         *ctx,
                                             WkReportSection          section);
GPtrArray     *_wk_report_findings_of       (WkChecker               *checker,
                                             guint                    area);

/* wk-report-figures.c */
void           _wk_report_draw_overview_map (WkReportContext         *ctx,
                                             WkDoc                   *doc,
                                             const WkReportMapFrame  *view);
void           _wk_report_draw_area_map     (WkReportContext         *ctx,
                                             WkDoc                   *doc,
                                             WkReportArea            *focus,
                                             const WkReportMapFrame  *view);
void           _wk_report_draw_legend       (WkReportContext         *ctx,
                                             WkDoc                   *doc);

/* wk-report-page-title.c */
void           _wk_report_render_cover      (WkReportContext         *ctx,
                                             WkDoc                   *doc);

/* wk-report-page-overview.c */
void           _wk_report_render_overview   (WkReportContext         *ctx,
                                             WkDoc                   *doc);

/* wk-report-page-summary.c */
void           _wk_report_render_summary    (WkReportContext         *ctx,
                                             WkDoc                   *doc);

/* wk-report-page-changes.c */
void           _wk_report_render_changes    (WkReportContext         *ctx,
                                             WkDoc                   *doc);

/* wk-report-page-areas.c */
gboolean       _wk_report_render_areas      (WkReportContext         *ctx,
                                             WkDoc                   *doc,
                                             double                   from,
                                             double                   to,
                                             GError                 **error);

/* wk-report-page-profile.c */
void           _wk_report_render_profile    (WkReportContext         *ctx,
                                             WkDoc                   *doc);

G_END_DECLS
