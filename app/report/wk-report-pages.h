/* wk-report-pages.h: the sections of the report (internal to app/report)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-core-all.h"
#include "wk-report-doc.h"
#include "wk-report-map.h"

G_BEGIN_DECLS

typedef enum
{
  WK_SECTION_MAP,
  WK_SECTION_SUMMARY,
  WK_SECTION_CHANGES,
  WK_SECTION_AREAS,
  WK_SECTION_PROFILE,
  WK_N_SECTIONS
} WkReportSection;

/**
 * WkReportArea:
 * @area: (not nullable): borrowed from the plan
 * @number: its number in the summary table, from 1
 * @box: the RD extent of its outline
 * @page: where its section begins (found by the measuring pass)
 */
typedef struct
{
  guint     id;
  WkArea   *area;
  guint     number;
  guint32   rgb;
  WkMapBox  box;
  guint     page;
} WkReportArea;

/**
 * WkReportContext:
 *
 * Everything one write of a report uses, owned by the worker that writes
 * it: its own copies of the plan(s), their checkers and the dissolver; the
 * data set is immutable and shared.
 */
typedef struct
{
  WkDataset     *dataset;
  WkPlan        *plan;
  WkProfile     *profile;
  WkChecker     *checker;
  WkDissolver   *dissolver;
  WkPlan        *other;
  WkChecker     *other_checker;

  const char    *title;
  const char    *plan_file;
  const char    *profile_file;
  const char    *other_file;
  GDateTime     *date;
  char          *municipality;

  GArray        *areas;          /* WkReportArea, in the plan's order */
  GHashTable    *area_index;     /* id → index + 1 */
  WkMapBox       extent;

  WkProgress    *progress;
  GCancellable  *cancellable;
  double         progress_from;
  double         progress_to;

  guint          section_pages[WK_N_SECTIONS];
  guint          n_labelled;     /* overview labels: full names */
  guint          n_numbered;     /* … numbers only */
} WkReportContext;

void      wk_report_context_init  (WkReportContext  *ctx);
void      wk_report_context_clear (WkReportContext  *ctx);
gboolean  wk_report_render        (WkReportContext  *ctx,
                                   WkDoc            *doc,
                                   GError          **error);

G_END_DECLS
