/* wk-application.h: the Wijkindeling application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_APPLICATION (wk_application_get_type ())
G_DECLARE_FINAL_TYPE (WkApplication, wk_application, WK, APPLICATION, AdwApplication)

WkApplication *wk_application_new            (void);
WkProfile     *wk_application_get_profile    (WkApplication *self);
GSettings     *wk_application_get_settings   (WkApplication *self);
char          *wk_application_dup_sample_dir (void);
void           wk_application_ensure_types   (void);

G_END_DECLS
