/* wk-shared-dialog.h: the connection to a shared project in PostgreSQL/PostGIS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WK_TYPE_SHARED_DIALOG (wk_shared_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WkSharedDialog, wk_shared_dialog, WK, SHARED_DIALOG, AdwWindow)

WkSharedDialog *wk_shared_dialog_new            (GtkWindow      *parent);
void            wk_shared_dialog_set_connection (WkSharedDialog *self,
                                                 const char     *host,
                                                 const char     *port,
                                                 const char     *database,
                                                 const char     *user,
                                                 const char     *password,
                                                 const char     *schema);
GtkWidget      *wk_shared_dialog_get_open_button (WkSharedDialog *self);

char           *wk_conninfo_quote               (const char     *value);
char           *wk_conninfo_get                 (const char     *connection,
                                                 const char     *key);

G_END_DECLS
