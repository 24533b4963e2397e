/* wk-criterion-providers.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-criterion.h"

G_BEGIN_DECLS

#define WK_TYPE_CRITERION_PROVIDERS (wk_criterion_providers_get_type ())
G_DECLARE_FINAL_TYPE (WkCriterionProviders, wk_criterion_providers, WK, CRITERION_PROVIDERS, WkCriterion)

G_END_DECLS
