/* wk-criterion.h: one criterion of the regional guide, evaluated per key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-check-context.h"
#include "wk-types.h"

G_BEGIN_DECLS

#define WK_TYPE_CRITERION (wk_criterion_get_type ())
G_DECLARE_DERIVABLE_TYPE (WkCriterion, wk_criterion, WK, CRITERION, GObject)

/**
 * WkCriterionClass:
 * @id: the criterion id, as in the profile
 * @collect_keys: adds to @keys (a set of GUINT_TO_POINTER) what must be
 *   evaluated after @change, or everything when @change is %NULL.  The
 *   default collects the ids of the touched areas (all areas on %NULL).
 * @evaluate: appends to @findings the findings for @key
 * @reset: drops caches (the profile changed)
 *
 * A key is what a criterion evaluates as one piece: an area id for
 * per-area criteria, a network index, or 0 for the plan as a whole.
 * Evaluating a key must depend only on the plan's current state, so that an
 * incremental check equals a full one.
 */
struct _WkCriterionClass
{
  GObjectClass parent_class;

  const char  *id;

  void (*collect_keys) (WkCriterion        *self,
                        WkCheckContext     *ctx,
                        const WkPlanChange *change,
                        GHashTable         *keys);
  void (*evaluate)     (WkCriterion        *self,
                        WkCheckContext     *ctx,
                        guint               key,
                        GPtrArray          *findings);
  void (*reset)        (WkCriterion        *self);

  gpointer padding[8];
};

void         wk_criterion_evaluate     (WkCriterion        *self,
                                        WkCheckContext     *ctx,
                                        guint               key,
                                        GPtrArray          *findings);

G_END_DECLS
