/* wk-check-context.h: what a criterion is given to evaluate a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-area-stats.h"
#include "wk-dataset.h"
#include "wk-finding.h"
#include "wk-format.h"
#include "wk-plan.h"
#include "wk-profile.h"

G_BEGIN_DECLS

/**
 * WkCheckContext:
 * @dataset: (not owned) the units, providers and networks
 * @plan: (not owned) the plan being checked
 * @profile: (not owned) the criteria profile
 * @stats: (not owned) the area statistics, kept up to date by the owner of the
 *   context (the checker, or the search on its private plan)
 *
 * A plain context for the criteria, in the manner of libshumate's render
 * scope: a criterion reads the plan through it and never calls back into the
 * checker, so that it can be evaluated alone (tests) or by the search.  The
 * helpers below use the context's scratch space and are not thread-safe: one
 * context per thread.
 */
typedef struct
{
  WkDataset        *dataset;
  WkPlan           *plan;
  WkProfile        *profile;
  WkAreaStatsTable *stats;

  /*< private >*/
  guint            *mark;
  guint             n_mark;
  guint             generation;
} WkCheckContext;

void        wk_check_context_init              (WkCheckContext    *ctx,
                                                WkPlan            *plan,
                                                WkProfile         *profile,
                                                WkAreaStatsTable  *stats);
void        wk_check_context_clear             (WkCheckContext    *ctx);

const WkAreaStats *wk_check_context_get_area_stats (WkCheckContext *ctx,
                                                    guint           area);
void        wk_check_context_refresh_stats     (WkCheckContext    *ctx,
                                                guint              area);

G_END_DECLS
