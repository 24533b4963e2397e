/* wk-pdok-dialog.h: pick a gemeente and a year to fetch its buurten from PDOK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WK_TYPE_PDOK_DIALOG (wk_pdok_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WkPdokDialog, wk_pdok_dialog, WK, PDOK_DIALOG, AdwWindow)

WkPdokDialog *wk_pdok_dialog_new           (GtkWindow     *parent,
                                            GError       **error);
void          wk_pdok_dialog_set_search    (WkPdokDialog  *self,
                                            const char    *text);
const char   *wk_pdok_dialog_get_selected  (WkPdokDialog  *self);
guint         wk_pdok_dialog_get_n_visible (WkPdokDialog  *self);
int           wk_pdok_dialog_get_year      (WkPdokDialog  *self);
GtkWidget    *wk_pdok_dialog_get_fetch_button (WkPdokDialog *self);

G_END_DECLS
