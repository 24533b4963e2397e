/* wk-repair.h: the fewest unit moves that remove a plan's error findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

/**
 * WkMove:
 * @unit: the unit (index in the data set)
 * @from: the area it leaves (%WK_AREA_NONE: it had none)
 * @to: the area it joins
 */
typedef struct
{
  guint unit;
  guint from;
  guint to;
} WkMove;

/**
 * WkRepairResult:
 * @moves: (element-type WkMove): the moves, in the order to apply them
 * @errors_before: error findings of the plan as it was
 * @errors_after: error findings after the moves
 * @warnings_after: warning findings after the moves
 * @population_moved: inhabitants of the moved units
 * @proven_minimal: no set of fewer moves removes as many errors (searched
 *   exhaustively up to three moves)
 * @depth_searched: the largest number of moves searched exhaustively
 * @seconds: the time the search took
 */
typedef struct
{
  GArray   *moves;
  guint     errors_before;
  guint     errors_after;
  guint     warnings_after;
  gint64    population_moved;
  gboolean  proven_minimal;
  guint     depth_searched;
  double    seconds;
} WkRepairResult;

#define WK_REPAIR_MAX_EXHAUSTIVE 3

void             wk_repair_result_free (WkRepairResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkRepairResult, wk_repair_result_free)

WkRepairResult  *wk_repair_plan        (WkPlan          *plan,
                                        WkProfile       *profile,
                                        double           time_limit_s,
                                        GCancellable    *cancellable,
                                        GError         **error);
gboolean         wk_repair_apply       (WkPlan          *plan,
                                        const WkRepairResult *result,
                                        GError         **error);

G_END_DECLS
