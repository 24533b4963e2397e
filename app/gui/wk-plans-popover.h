/* wk-plans-popover.h: the plans (scenarios) of the project, to switch and manage them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_PLANS_POPOVER (wk_plans_popover_get_type ())
G_DECLARE_FINAL_TYPE (WkPlansPopover, wk_plans_popover, WK, PLANS_POPOVER, GtkPopover)

void        wk_plans_popover_set_project (WkPlansPopover *self,
                                          WkProject      *project);
GtkListBox *wk_plans_popover_get_list    (WkPlansPopover *self);

G_END_DECLS
