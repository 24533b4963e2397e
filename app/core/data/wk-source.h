/* wk-source.h: what an OGR source holds, and which fields play which role
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

typedef enum
{
  WK_GEOMETRY_NONE,
  WK_GEOMETRY_POINT,
  WK_GEOMETRY_LINE,
  WK_GEOMETRY_POLYGON,
  WK_GEOMETRY_UNKNOWN,
} WkGeometryKind;

typedef struct
{
  char            *name;
  char            *geometry_type;  /* OGR's name, e.g. "Multi Polygon" */
  WkGeometryKind   kind;
  gint64           n_features;     /* -1 when the driver cannot count cheaply */
  char            *crs;            /* "EPSG:4326", a CRS name, or NULL */
  GStrv            fields;
  GStrv            numeric_fields; /* the Integer/Real ones among @fields */
  char            *roles[WK_N_ROLES]; /* detected field per role, or NULL */
  gboolean         pop65_is_share;
} WkLayerInfo;

typedef struct
{
  char       *path;
  char       *display_name;
  char       *driver;
  GPtrArray  *layers;              /* WkLayerInfo */
} WkSourceInfo;

#define WK_TYPE_SOURCE_INFO (wk_source_info_get_type ())
GType          wk_source_info_get_type   (void) G_GNUC_CONST;
WkSourceInfo  *wk_source_inspect         (const char         *path,
                                          GError            **error);
WkSourceInfo  *wk_source_info_copy       (const WkSourceInfo *info);
void           wk_source_info_free       (WkSourceInfo       *info);
WkLayerInfo   *wk_source_info_find_layer (const WkSourceInfo *info,
                                          const char         *name,
                                          WkGeometryKind      kind);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkSourceInfo, wk_source_info_free)

char          *wk_detect_role_field      (const char * const *fields,
                                          WkFieldRole         role,
                                          const char * const *taken,
                                          gboolean           *is_share);

G_END_DECLS
