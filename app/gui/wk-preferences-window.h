/* wk-preferences-window.h: the map settings and the criteria profile editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_PREFERENCES_WINDOW (wk_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (WkPreferencesWindow, wk_preferences_window, WK, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

WkPreferencesWindow *wk_preferences_window_new        (WkProfile           *profile,
                                                       GSettings           *settings);
GtkWidget           *wk_preferences_window_get_editor (WkPreferencesWindow *self,
                                                       const char          *criterion,
                                                       const char          *key);

G_END_DECLS
