/* wk-progress.h: progress of slow work, reported from any thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

#define WK_TYPE_PROGRESS (wk_progress_get_type ())
G_DECLARE_FINAL_TYPE (WkProgress, wk_progress, WK, PROGRESS, GObject)

WkProgress *wk_progress_new          (void);
void        wk_progress_update       (WkProgress *self,
                                      double      fraction,
                                      const char *text);
double      wk_progress_get_fraction (WkProgress *self);
char       *wk_progress_dup_text     (WkProgress *self);

G_END_DECLS
