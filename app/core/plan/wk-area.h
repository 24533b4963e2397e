/* wk-area.h: one area of a plan (a wijk for a primary-care team)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

#define WK_TYPE_AREA (wk_area_get_type ())
G_DECLARE_FINAL_TYPE (WkArea, wk_area, WK, AREA, GObject)

guint        wk_area_get_id             (WkArea *self);
const char  *wk_area_get_name           (WkArea *self);
const char  *wk_area_get_color          (WkArea *self);
gboolean     wk_area_get_locked         (WkArea *self);
const char  *wk_area_get_note           (WkArea *self);
guint        wk_area_get_n_units        (WkArea *self);
gint64       wk_area_get_population     (WkArea *self);
WkSeverity   wk_area_get_worst_severity (WkArea *self);
gboolean     wk_area_has_findings       (WkArea *self);
void         wk_area_get_rgb            (WkArea *self,
                                         double *red,
                                         double *green,
                                         double *blue);

G_END_DECLS
