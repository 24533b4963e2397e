/* wk-output-private.h: what of wk-output.h only the core uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-output.h"

G_BEGIN_DECLS

gboolean _wk_output_in_use                  (const char *path);
void     _wk_output_remove_sqlite_leftovers (const char *path);

G_END_DECLS
