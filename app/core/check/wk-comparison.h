/* wk-comparison.h: what differs between two plans (scenarios) of one data set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

/**
 * WkUnitMove:
 * @unit: the unit
 * @area_a: its area in plan A (id), or %WK_AREA_NONE
 * @area_b: its area in plan B (id), or %WK_AREA_NONE
 *
 * A unit that is in another area in plan B than in plan A.
 */
typedef struct
{
  guint unit;
  guint area_a;
  guint area_b;
} WkUnitMove;

/**
 * WkAreaDelta:
 * @name_a: (nullable): the area's name in plan A; %NULL when B has it only
 * @name_b: (nullable): its name in plan B; %NULL when A has it only
 * @id_a: its id in plan A, or %WK_AREA_NONE
 * @id_b: its id in plan B, or %WK_AREA_NONE
 * @population_a: inhabitants in plan A (known figures), 0 when absent
 * @population_b: inhabitants in plan B
 * @n_units_a: units in plan A
 * @n_units_b: units in plan B
 *
 * One area in both plans.  Areas are paired by name, then the rest by id
 * (a renamed area of a duplicated plan keeps its id).
 */
typedef struct
{
  char   *name_a;
  char   *name_b;
  guint   id_a;
  guint   id_b;
  gint64  population_a;
  gint64  population_b;
  guint   n_units_a;
  guint   n_units_b;
} WkAreaDelta;

typedef enum
{
  WK_FINDING_APPEARED,     /* in plan B only */
  WK_FINDING_DISAPPEARED,  /* in plan A only */
  WK_FINDING_CHANGED,      /* about the same thing, but saying something else */
} WkFindingChange;

/**
 * WkFindingDelta:
 * @change: what happened to it
 * @a: (nullable): the finding in plan A
 * @b: (nullable): the finding in plan B
 *
 * A finding that differs.  Findings that say the same in both plans (the
 * same criterion, severity and message) are not listed.
 */
typedef struct
{
  WkFindingChange  change;
  WkFinding       *a;
  WkFinding       *b;
} WkFindingDelta;

#define WK_TYPE_COMPARISON (wk_comparison_get_type ())
G_DECLARE_FINAL_TYPE (WkComparison, wk_comparison, WK, COMPARISON, GObject)

WkComparison  *wk_comparison_new            (WkChecker       *a,
                                             WkChecker       *b);
WkPlan        *wk_comparison_get_plan_a     (WkComparison    *self);
WkPlan        *wk_comparison_get_plan_b     (WkComparison    *self);
const WkUnitMove *wk_comparison_get_moves   (WkComparison    *self,
                                             guint           *n_moves);
const WkAreaDelta *wk_comparison_get_areas  (WkComparison    *self,
                                             guint           *n_areas);
const WkFindingDelta *wk_comparison_get_findings (WkComparison *self,
                                             guint           *n_findings);
guint          wk_comparison_count_findings (WkComparison    *self,
                                             WkFindingChange  change);
guint          wk_comparison_get_n_same_findings (WkComparison *self);

G_END_DECLS
