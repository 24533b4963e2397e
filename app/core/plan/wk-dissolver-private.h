/* wk-dissolver-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-dissolver.h"
#include "wk-geos-private.h"

G_BEGIN_DECLS

GEOSGeometry       *_wk_dissolve_units         (WkDataset   *dataset,
                                                const guint *units,
                                                guint        n_units);
const GEOSGeometry *_wk_dissolver_get_geometry (WkDissolver *self,
                                                guint        area);

G_END_DECLS
