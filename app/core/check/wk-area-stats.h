/* wk-area-stats.h: the figures of one area that the criteria read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

typedef struct
{
  guint   id;
  guint   n_units;
  gint64  population;
  guint   n_unknown_population;
  double  pop65;
  guint   n_unknown_pop65;
  /* whether pop65 is known: FALSE when the data set has no 65+ field, or
   * none of the area's units has a figure while some lack one */
  gboolean has_pop65;
  double  area_m2;
  double  perimeter_m;
  double  compactness;
  guint   n_parts;
  guint   n_providers[WK_N_PROVIDER_KINDS];
  guint   n_dispensing;
  double  gp_fte;
  guint   n_gp_unknown_fte;
  guint   n_municipalities;
} WkAreaStats;

/* WkAreaStatsTable: area id → WkAreaStats, the statistics of a plan's areas. */
typedef struct _WkAreaStatsTable WkAreaStatsTable;

WkAreaStatsTable  *wk_area_stats_table_new     (void);
void               wk_area_stats_table_free    (WkAreaStatsTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkAreaStatsTable, wk_area_stats_table_free)

G_END_DECLS
