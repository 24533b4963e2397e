/* wk-criterion-contiguity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-criterion.h"

G_BEGIN_DECLS

#define WK_TYPE_CRITERION_CONTIGUITY (wk_criterion_contiguity_get_type ())
G_DECLARE_FINAL_TYPE (WkCriterionContiguity, wk_criterion_contiguity, WK, CRITERION_CONTIGUITY, WkCriterion)

G_END_DECLS
