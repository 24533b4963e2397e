/* wk-compare-dialog.h: the active plan against another plan of the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wk-window.h"

G_BEGIN_DECLS

#define WK_TYPE_COMPARE_DIALOG (wk_compare_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WkCompareDialog, wk_compare_dialog, WK, COMPARE_DIALOG, AdwWindow)

WkCompareDialog *wk_compare_dialog_new            (WkWindow        *window);
gboolean         wk_compare_dialog_set_other      (WkCompareDialog *self,
                                                   const char      *plan_name);
void             wk_compare_dialog_add_notes      (WkCompareDialog *self,
                                                   const char      *title,
                                                   GPtrArray       *notes);
guint            wk_compare_dialog_get_n_notes    (WkCompareDialog *self);
WkComparison    *wk_compare_dialog_get_comparison (WkCompareDialog *self);
GtkListBox      *wk_compare_dialog_get_list       (WkCompareDialog *self,
                                                   const char      *name);

G_END_DECLS
