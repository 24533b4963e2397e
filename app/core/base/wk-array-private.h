/* wk-array-private.h: small helpers for arrays of unit and area indices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int   _wk_uint_compare (gconstpointer  a,
                        gconstpointer  b);
void  _wk_sort_unique  (GArray        *array);

G_END_DECLS
