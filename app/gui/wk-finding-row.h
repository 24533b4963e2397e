/* wk-finding-row.h: a row of the findings list (a finding or a heading)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_FINDING_ROW (wk_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (WkFindingRow, wk_finding_row, WK, FINDING_ROW, GtkWidget)

GtkWidget  *wk_finding_row_new         (void);
void        wk_finding_row_set_item    (WkFindingRow *self,
                                        GObject      *item);
GObject    *wk_finding_row_get_item    (WkFindingRow *self);
const char *wk_finding_row_get_message (WkFindingRow *self);

const char *wk_severity_get_icon_name  (WkSeverity    severity);
const char *wk_severity_get_css_class  (WkSeverity    severity);

G_END_DECLS
