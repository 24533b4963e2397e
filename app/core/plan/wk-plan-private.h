/* wk-plan-private.h: restoring a saved plan and following its history, for WkProject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-plan.h"

G_BEGIN_DECLS

gboolean     _wk_plan_restore_area      (WkPlan       *self,
                                         guint         id,
                                         const char   *name,
                                         const char   *color,
                                         gboolean      locked,
                                         const char   *note,
                                         GError      **error);
gboolean     _wk_plan_restore_unit      (WkPlan       *self,
                                         guint         unit,
                                         guint         area,
                                         const guint  *extras,
                                         GError      **error);
void         _wk_plan_restore_finish    (WkPlan       *self,
                                         const char   *name,
                                         const char   *note);
guint        _wk_plan_get_serial        (WkPlan       *self);
void         _wk_plan_set_saved_serial  (WkPlan       *self,
                                         guint         serial);
const char  *_wk_plan_get_change_label  (WkPlan       *self,
                                         int          *direction,
                                         guint        *serial);

void         _wk_import_report_add      (WkImportReport *report,
                                         const char     *format,
                                         ...) G_GNUC_PRINTF (2, 3);
char        *_wk_join_some              (GPtrArray    *items);
gboolean     _wk_color_is_valid         (const char   *color);
void         _wk_flood_fill             (WkDataset    *dataset,
                                         const guint  *assignment,
                                         double        tolerance,
                                         guint         start,
                                         guint        *mark,
                                         guint         stamp,
                                         GArray       *out);

WkImportReport *_wk_import_report_new (void);
GArray *_wk_plan_dup_conflicting_units (WkPlan *self);

G_END_DECLS
