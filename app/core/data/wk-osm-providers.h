/* wk-osm-providers.h: GP practices, pharmacies and district nursing from OpenStreetMap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

#define WK_OSM_ATTRIBUTION "© OpenStreetMap contributors"

/**
 * WkOsmOptions:
 * @osm_path: an .osm (XML, as Overpass returns) or .osm.pbf file
 * @area_path: (nullable): polygons (a boundary or the units) to keep
 *   providers in; %NULL keeps all
 * @margin_m: metres around the area that still count, for the distance
 *   criterion (providers just across the border serve the area too)
 */
typedef struct
{
  const char *osm_path;
  const char *area_path;
  double      margin_m;
} WkOsmOptions;

/**
 * WkOsmReport:
 * @n_kept: per kind (%WK_PROVIDER_GP, %WK_PROVIDER_PHARMACY,
 *   %WK_PROVIDER_NURSING) how many were written
 * @n_specialists: doctors with a speciality other than general practice
 * @n_outside: care providers outside the area and its margin
 * @n_no_location: care providers without a usable geometry
 * @specialists: (element-type utf8): their names (or OSM ids)
 */
typedef struct
{
  guint      n_kept[WK_N_PROVIDER_KINDS];
  guint      n_specialists;
  guint      n_outside;
  guint      n_no_location;
  GPtrArray *specialists;
} WkOsmReport;

WkOsmReport *wk_osm_providers_import (const WkOsmOptions *options,
                                      const char         *output,
                                      GCancellable       *cancellable,
                                      GError            **error);
void         wk_osm_report_free      (WkOsmReport        *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkOsmReport, wk_osm_report_free)

G_END_DECLS
