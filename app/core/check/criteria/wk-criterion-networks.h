/* wk-criterion-networks.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-criterion.h"

G_BEGIN_DECLS

#define WK_TYPE_CRITERION_NETWORKS (wk_criterion_networks_get_type ())
G_DECLARE_FINAL_TYPE (WkCriterionNetworks, wk_criterion_networks, WK, CRITERION_NETWORKS, WkCriterion)

G_END_DECLS
