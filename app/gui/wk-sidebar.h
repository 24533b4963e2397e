/* wk-sidebar.h: the areas list, the area's figures and the findings list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_SIDEBAR (wk_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (WkSidebar, wk_sidebar, WK, SIDEBAR, GtkWidget)

void        wk_sidebar_set_session        (WkSidebar          *self,
                                           WkChecker          *checker,
                                           GtkSingleSelection *areas);
GListModel *wk_sidebar_get_findings_model (WkSidebar          *self);
void        wk_sidebar_show_page          (WkSidebar          *self,
                                           const char         *name);
const char *wk_sidebar_get_areas_summary  (WkSidebar          *self);

G_END_DECLS
