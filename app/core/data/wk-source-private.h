/* wk-source-private.h: what the loader shares with wk-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-gdal-private.h"
#include "wk-source.h"

G_BEGIN_DECLS

WkGeometryKind  _wk_geometry_kind_of (OGRwkbGeometryType type);

G_END_DECLS
