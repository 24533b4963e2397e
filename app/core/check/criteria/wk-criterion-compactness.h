/* wk-criterion-compactness.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-criterion.h"

G_BEGIN_DECLS

#define WK_TYPE_CRITERION_COMPACTNESS (wk_criterion_compactness_get_type ())
G_DECLARE_FINAL_TYPE (WkCriterionCompactness, wk_criterion_compactness, WK, CRITERION_COMPACTNESS, WkCriterion)

G_END_DECLS
