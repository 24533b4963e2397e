/* wk-criterion-distance.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-criterion.h"

G_BEGIN_DECLS

#define WK_TYPE_CRITERION_DISTANCE (wk_criterion_distance_get_type ())
G_DECLARE_FINAL_TYPE (WkCriterionDistance, wk_criterion_distance, WK, CRITERION_DISTANCE, WkCriterion)

G_END_DECLS
