/* wk-legend.h: what the symbols on the map mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_LEGEND (wk_legend_get_type ())
G_DECLARE_FINAL_TYPE (WkLegend, wk_legend, WK, LEGEND, GtkWidget)

void wk_legend_set_dataset        (WkLegend  *self,
                                   WkDataset *dataset);
void wk_legend_set_show_providers (WkLegend  *self,
                                   gboolean   show);
void wk_legend_set_show_networks  (WkLegend  *self,
                                   gboolean   show);

G_END_DECLS
