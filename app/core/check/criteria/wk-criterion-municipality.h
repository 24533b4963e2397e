/* wk-criterion-municipality.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-criterion.h"

G_BEGIN_DECLS

#define WK_TYPE_CRITERION_MUNICIPALITY (wk_criterion_municipality_get_type ())
G_DECLARE_FINAL_TYPE (WkCriterionMunicipality, wk_criterion_municipality, WK, CRITERION_MUNICIPALITY, WkCriterion)

G_END_DECLS
