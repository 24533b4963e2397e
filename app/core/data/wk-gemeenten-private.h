/* wk-gemeenten-private.h: what of wk-gemeenten.h only the core uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-gemeenten.h"

G_BEGIN_DECLS

char *_wk_gemeenten_default_path (void);

G_END_DECLS
