/* wk-window.h: a main window: the map, the sidebar and the plan being edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wk-application.h"
#include "wk-core-all.h"

G_BEGIN_DECLS

typedef struct _WkMapView WkMapView;
typedef struct _WkSidebar WkSidebar;

#define WK_TYPE_WINDOW (wk_window_get_type ())
G_DECLARE_FINAL_TYPE (WkWindow, wk_window, WK, WINDOW, AdwApplicationWindow)

WkWindow    *wk_window_new             (WkApplication       *application);
void         wk_window_open_sample     (WkWindow            *self);
void         wk_window_open_files      (WkWindow            *self,
                                        GFile              **files,
                                        guint                n_files);
void         wk_window_load            (WkWindow            *self,
                                        const WkLoadOptions *options,
                                        const char          *plan_path);
gboolean     wk_window_import_plan     (WkWindow            *self,
                                        const char          *path);
void         wk_window_export          (WkWindow            *self,
                                        WkExportFormat       format,
                                        const char          *path);
gboolean     wk_window_get_exporting   (WkWindow            *self);
void         wk_window_export_report   (WkWindow            *self,
                                        const char          *path);
gboolean     wk_window_get_writing_report (WkWindow         *self);
void         wk_window_repair          (WkWindow            *self);
gboolean     wk_window_get_repairing   (WkWindow            *self);
gboolean     wk_window_get_proposing   (WkWindow            *self);
gboolean     wk_window_get_loading     (WkWindow            *self);
WkProject   *wk_window_get_project     (WkWindow            *self);
void         wk_window_save_project    (WkWindow            *self,
                                        const char          *path);
gboolean     wk_window_get_saving      (WkWindow            *self);
gboolean     wk_window_write_recovery  (WkWindow            *self);
gboolean     wk_window_get_writing_recovery (WkWindow       *self);
AdwMessageDialog *wk_window_offer_recovery (WkWindow        *self);
void         wk_window_import_areas    (WkWindow            *self,
                                        const char          *path);
WkDataset   *wk_window_get_dataset     (WkWindow            *self);
WkPlan      *wk_window_get_plan        (WkWindow            *self);
WkChecker   *wk_window_get_checker     (WkWindow            *self);
WkMapView   *wk_window_get_map_view    (WkWindow            *self);
WkSidebar   *wk_window_get_sidebar     (WkWindow            *self);
guint        wk_window_get_active_area (WkWindow            *self);
void         wk_window_set_active_area (WkWindow            *self,
                                        guint                area);

G_END_DECLS
