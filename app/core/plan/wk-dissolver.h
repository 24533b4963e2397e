/* wk-dissolver.h: the dissolved outline of every area, cached per area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-dataset.h"
#include "wk-types.h"

G_BEGIN_DECLS

#define WK_TYPE_DISSOLVER (wk_dissolver_get_type ())
G_DECLARE_FINAL_TYPE (WkDissolver, wk_dissolver, WK, DISSOLVER, GObject)

WkDissolver     *wk_dissolver_new          (WkPlan      *plan);
const WkOutline *wk_dissolver_get_outline  (WkDissolver *self,
                                            guint        area,
                                            gboolean     lonlat);
double           wk_dissolver_get_area_m2  (WkDissolver *self,
                                            guint        area);
guint            wk_dissolver_update_all   (WkDissolver *self);
guint            wk_dissolver_get_n_dirty  (WkDissolver *self);

G_END_DECLS
