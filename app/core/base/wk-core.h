/* wk-core.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

void         wk_core_init        (void);
const char  *wk_core_get_version (void);

G_END_DECLS
