/* wk-propose-dialog.h: what to ask of a proposal before the app drafts one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_PROPOSE_DIALOG (wk_propose_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WkProposeDialog, wk_propose_dialog, WK, PROPOSE_DIALOG, AdwWindow)

WkProposeDialog *wk_propose_dialog_new                (GtkWindow              *parent,
                                                       const char             *plan_name,
                                                       guint                   n_locked,
                                                       gboolean                has_networks);
void             wk_propose_dialog_get_options        (WkProposeDialog        *self,
                                                       WkProposeOptions       *options);
void             wk_propose_dialog_set_options        (WkProposeDialog        *self,
                                                       const WkProposeOptions *options);
gboolean         wk_propose_dialog_get_keep_locked    (WkProposeDialog        *self);
gboolean         wk_propose_dialog_get_from_networks  (WkProposeDialog        *self);
GtkWidget       *wk_propose_dialog_get_propose_button (WkProposeDialog        *self);
void             wk_propose_dialog_show_advanced      (WkProposeDialog        *self);

G_END_DECLS
