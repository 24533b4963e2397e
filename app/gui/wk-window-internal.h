/* wk-window-internal.h: what wk-window.c, wk-window-files.c and wk-window-edit.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-map-view.h"
#include "wk-sidebar.h"
#include "wk-window.h"

G_BEGIN_DECLS

typedef struct _WkReportJob WkReportJob;

struct _WkWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toasts;
  AdwWindowTitle       *window_title;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  WkMapView            *map_view;
  WkSidebar            *sidebar;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GMenu                *recent_menu;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;

  /* owned */
  GSettings            *settings;
  WkDataset            *dataset;
  WkPlan               *plan;
  WkChecker            *checker;
  WkDissolver          *dissolver;
  GtkSingleSelection   *area_selection;
  char                 *plan_path;      /* CSV the plan was read from or saved to */
  char                 *tool;
  GCancellable         *load_cancellable;
  WkProgress           *load_progress;
  char                 *load_name;
  GCancellable         *export_cancellable;
  AdwToast             *export_toast;
  WkReportJob          *report_job;     /* the report being written */
  gboolean              close_confirmed;
  gulong                plan_notify_id;
};

/* wk-window.c */
void      _wk_window_set_session       (WkWindow      *self,
                                        WkDataset     *dataset,
                                        WkPlan        *plan,
                                        const char    *plan_path);
void      _wk_window_update_title      (WkWindow      *self);
void      _wk_window_show_error        (WkWindow      *self,
                                        const char    *heading,
                                        const char    *body);
void      _wk_window_toast             (WkWindow      *self,
                                        const char    *message);
void      _wk_window_notify_loading    (WkWindow      *self);

/* wk-window-files.c: opening, saving, importing and exporting */
void      _wk_window_class_add_file_actions (GtkWidgetClass *widget_class);
void      _wk_window_init_files        (WkWindow      *self);
gboolean  _wk_window_close_request     (WkWindow      *self);
GtkFileChooserNative *_wk_window_new_save_chooser (WkWindow   *self,
                                                   const char *title,
                                                   const char *accept,
                                                   const char *filter_name,
                                                   const char *extension);

/* wk-window-edit.c: tools, painting and area editing */
void      _wk_window_class_add_edit_actions (GtkWidgetClass *widget_class);
void      _wk_window_update_edit_actions    (WkWindow       *self);

/* wk-window-report.c: the review report (PDF) */
void      _wk_window_class_add_report_actions (GtkWidgetClass *widget_class);
void      _wk_window_dispose_report           (WkWindow       *self);

G_END_DECLS
