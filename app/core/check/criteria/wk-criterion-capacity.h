/* wk-criterion-capacity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-criterion.h"

G_BEGIN_DECLS

#define WK_TYPE_CRITERION_CAPACITY (wk_criterion_capacity_get_type ())
G_DECLARE_FINAL_TYPE (WkCriterionCapacity, wk_criterion_capacity, WK, CRITERION_CAPACITY, WkCriterion)

G_END_DECLS
