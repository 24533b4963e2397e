/* wk-area-profile.h: the figures of one area (the “wijkfoto”)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_AREA_PROFILE (wk_area_profile_get_type ())
G_DECLARE_FINAL_TYPE (WkAreaProfile, wk_area_profile, WK, AREA_PROFILE, GtkWidget)

void        wk_area_profile_set_area       (WkAreaProfile *self,
                                            WkChecker     *checker,
                                            guint          area);
const char *wk_area_profile_get_population (WkAreaProfile *self);
const char *wk_area_profile_get_pop65      (WkAreaProfile *self);

G_END_DECLS
