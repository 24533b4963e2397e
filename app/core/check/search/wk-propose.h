/* wk-propose.h: a complete plan from scratch that meets the criteria
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

/**
 * WkProposeOptions:
 * @n_areas: the number of areas to make, 0 to let the engine choose
 * @max_areas: as many areas as the rules allow (max-p); overrides @n_areas
 * @keep: (nullable): a plan whose areas are kept as they are
 * @keep_locked_only: keep only the locked areas of @keep
 * @seed: the random seed: same seed and input, same plan
 * @time_limit: seconds; the search stops early when it runs out (0: 10 s)
 * @from_networks: start from the existing team areas (networks): the units of
 *   one team area begin in one area where the bounds allow, and borders
 *   through a team area weigh heavier in the local search
 */
typedef struct
{
  guint     n_areas;
  gboolean  max_areas;
  WkPlan   *keep;
  gboolean  keep_locked_only;
  guint32   seed;
  double    time_limit;
  gboolean  from_networks;
} WkProposeOptions;

/**
 * WkSearchLimit:
 * @criterion: the criterion id whose limit binds
 * @message: why the rules cannot all be met, in a planner's words
 */
typedef struct
{
  char *criterion;
  char *message;
} WkSearchLimit;

WkPlan *wk_propose           (WkDataset              *dataset,
                              WkProfile              *profile,
                              const WkProposeOptions *options,
                              GPtrArray             **limits,
                              char                  **note,
                              GCancellable           *cancellable);

G_END_DECLS
