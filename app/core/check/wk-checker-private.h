/* wk-checker-private.h: what of wk-checker.h only the core uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-checker.h"

G_BEGIN_DECLS

void _wk_checker_set_live (WkChecker *self,
                           gboolean   live);

G_END_DECLS
