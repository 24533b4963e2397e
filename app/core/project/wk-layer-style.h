/* wk-layer-style.h: the QGIS style of the areas layer, in the layer_styles table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>

#include "wk-gdal-private.h"

G_BEGIN_DECLS

#define WK_LAYER_STYLES "layer_styles"

char     *_wk_layer_style_areas_qml   (void);
gboolean  _wk_layer_style_write_gpkg  (GDALDatasetH   ds);
gboolean  _wk_layer_style_write_pg    (PGconn        *conn,
                                       const char    *schema,
                                       GError       **error);

G_END_DECLS
