/* wk-text-private.h: one normalisation of codes and names for the whole core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *wk_text_normalise_code (const char *raw);
char     *wk_text_normalise_name (const char *raw);
char     *wk_text_fold_name      (const char *name);

G_END_DECLS
