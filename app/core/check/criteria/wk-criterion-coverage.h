/* wk-criterion-coverage.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-criterion.h"

G_BEGIN_DECLS

#define WK_TYPE_CRITERION_COVERAGE (wk_criterion_coverage_get_type ())
G_DECLARE_FINAL_TYPE (WkCriterionCoverage, wk_criterion_coverage, WK, CRITERION_COVERAGE, WkCriterion)

G_END_DECLS
