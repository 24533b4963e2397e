/* wk-gpkg-private.h: writing a GeoPackage whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-gdal-private.h"

G_BEGIN_DECLS

char         *_wk_gpkg_part_path   (const char   *path);
GDALDatasetH  _wk_gpkg_create      (const char   *part,
                                    const char   *path,
                                    GError      **error);
gboolean      _wk_gpkg_commit      (GDALDatasetH  ds,
                                    const char   *part,
                                    const char   *path,
                                    GError      **error);
void          _wk_gpkg_abandon     (GDALDatasetH  ds,
                                    const char   *part);
gboolean      _wk_gpkg_finish      (GDALDatasetH  ds,
                                    const char   *part,
                                    const char   *path,
                                    gboolean      ok,
                                    GError      **error);
OGRLayerH     _wk_gpkg_create_layer (GDALDatasetH        ds,
                                     const char         *name,
                                     OGRwkbGeometryType  type,
                                     const char         *description,
                                     GError            **error);

G_END_DECLS
