/* wk-criterion-population.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-criterion.h"

G_BEGIN_DECLS

#define WK_TYPE_CRITERION_POPULATION (wk_criterion_population_get_type ())
G_DECLARE_FINAL_TYPE (WkCriterionPopulation, wk_criterion_population, WK, CRITERION_POPULATION, WkCriterion)

G_END_DECLS
