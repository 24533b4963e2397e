/* wk-open-dialog.h: choose the units, their fields and the other files to load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_OPEN_DIALOG (wk_open_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WkOpenDialog, wk_open_dialog, WK, OPEN_DIALOG, AdwWindow)

WkOpenDialog  *wk_open_dialog_new           (GtkWindow    *parent);
void           wk_open_dialog_set_units     (WkOpenDialog *self,
                                             const char   *path);
WkLoadOptions *wk_open_dialog_dup_options   (WkOpenDialog *self);
gboolean       wk_open_dialog_get_ready     (WkOpenDialog *self);

G_END_DECLS
