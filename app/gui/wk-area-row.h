/* wk-area-row.h: a row of the areas list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_AREA_ROW (wk_area_row_get_type ())
G_DECLARE_FINAL_TYPE (WkAreaRow, wk_area_row, WK, AREA_ROW, GtkWidget)

GtkWidget  *wk_area_row_new         (void);
WkArea     *wk_area_row_get_area    (WkAreaRow *self);
void        wk_area_row_set_area    (WkAreaRow *self,
                                     WkArea    *area);
const char *wk_area_row_get_summary (WkAreaRow *self);

G_END_DECLS
