/* wk-profile-private.h: what of wk-profile.h only the core uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-profile.h"

G_BEGIN_DECLS

const WkCriterionInfo *_wk_profile_find_criterion (const char *id);
const WkParamSpec     *_wk_profile_find_param     (const char *criterion,
                                                   const char *key);

G_END_DECLS
