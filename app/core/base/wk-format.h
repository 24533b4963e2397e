/* wk-format.h: numbers as people read them, in the user's locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * WK_FORMAT_UNKNOWN:
 *
 * What a table cell shows for a figure that is not known (an en dash).
 */
#define WK_FORMAT_UNKNOWN "–"

char *wk_format_count   (gint64 value);
char *wk_format_change  (gint64 value);
char *wk_format_decimal (double value,
                         guint  digits);
char *wk_format_number  (double value,
                         guint  max_digits);
char *wk_format_inhabitants (gint64 population);

G_END_DECLS
