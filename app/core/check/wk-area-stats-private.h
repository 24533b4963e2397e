/* wk-area-stats-private.h: what of wk-area-stats.h only the core uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-area-stats.h"

G_BEGIN_DECLS

void               _wk_area_stats_table_clear  (WkAreaStatsTable *table);
WkAreaStats       *_wk_area_stats_table_ensure (WkAreaStatsTable *table,
                                                guint             area);
const WkAreaStats *_wk_area_stats_table_lookup (WkAreaStatsTable *table,
                                                guint             area);
void               _wk_area_stats_table_remove (WkAreaStatsTable *table,
                                                guint             area);

G_END_DECLS
