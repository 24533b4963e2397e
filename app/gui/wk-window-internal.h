/* wk-window-internal.h: what the wk-window*.c files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-job.h"
#include "wk-map-view.h"
#include "wk-sidebar.h"
#include "wk-window.h"

G_BEGIN_DECLS

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
  GtkMenuButton        *plans_button;
  GtkRevealer          *shared_banner;
  GtkLabel             *shared_banner_label;
  GtkWidget            *shared_banner_buttons;

  /* owned */
  GSettings            *settings;
  WkProject            *project;        /* the plans; the active one is @plan */
  WkDataset            *dataset;
  WkPlan               *plan;
  WkChecker            *checker;
  WkDissolver          *dissolver;
  GtkSingleSelection   *area_selection;
  char                 *tool;
  GPtrArray            *jobs;           /* the WkJobs that run, oldest first */
  gboolean              close_confirmed;
  gboolean              restored;       /* from a recovery copy: unsaved until saved */
  gboolean              read_only;      /* a shared project the user may not write */
  guint                 shared_poll_id; /* the timer that looks for others' saves */
  GCancellable         *shared_poll;    /* a look that runs */
  guint                 autosave_id;
  gulong                plan_notify_id;
};

/* wk-window.c */
void      _wk_window_set_project       (WkWindow      *self,
                                        WkProject     *project);
void      _wk_window_update_title      (WkWindow      *self);
void      _wk_window_show_error        (WkWindow      *self,
                                        const char    *heading,
                                        const char    *body);
void      _wk_window_toast             (WkWindow      *self,
                                        const char    *message);
void      _wk_window_notify_loading    (WkWindow      *self);

/* wk-window-jobs.c: the background work (see wk-job.h) and the progress card */
void      _wk_window_class_add_job_actions (GtkWidgetClass *widget_class);
void      _wk_window_init_jobs         (WkWindow      *self);
void      _wk_window_dispose_jobs      (WkWindow      *self);
WkJob    *_wk_window_start_job         (WkWindow      *self,
                                        const char    *kind,
                                        const char    *title,
                                        WkJobFlags     flags);
gboolean  _wk_window_end_job           (WkWindow      *self,
                                        WkJob         *job,
                                        const GError  *error);
guint     _wk_window_cancel_jobs       (WkWindow      *self,
                                        const char    *kind,
                                        gboolean       say);
WkJob    *_wk_window_find_job          (WkWindow      *self,
                                        const char    *kind);

/* wk-window-ask.c: the questions about areas and plans (rename, note, confirm) */
typedef void (*WkWindowAnswerFunc) (WkWindow  *self,
                                    GtkWidget *editor,
                                    gpointer   user_data);

AdwMessageDialog *_wk_window_ask (WkWindow *self, const char *heading, const char *body,
                                  GtkWidget *editor, const char *verb,
                                  AdwResponseAppearance appearance, WkWindowAnswerFunc func,
                                  gpointer user_data, GDestroyNotify destroy);
void              _wk_window_ask_name (WkWindow              *self,
                                       const char            *heading,
                                       const char            *name,
                                       WkWindowAnswerFunc     func,
                                       gpointer               user_data,
                                       GDestroyNotify         destroy);
void              _wk_window_ask_note (WkWindow *self, const char *heading, const char *body,
                                       const char *note, const char *verb, WkWindowAnswerFunc func,
                                       gpointer user_data, GDestroyNotify destroy);
char             *_wk_window_dup_note (GtkWidget             *editor);

/* wk-window-files.c: opening, importing and exporting */
typedef void (*WkContinueFunc) (WkWindow *self,
                                gpointer  user_data);

void      _wk_window_class_add_file_actions (GtkWidgetClass *widget_class);
void      _wk_window_init_files        (WkWindow      *self);
typedef void (*WkWindowPathFunc) (WkWindow   *self,
                                  const char *path);
void                  _wk_window_run_chooser      (WkWindow             *self,
                                                   GtkFileChooserNative *chooser,
                                                   WkWindowPathFunc      then);
GtkFileChooserNative *_wk_window_new_save_chooser (WkWindow   *self,
                                                   const char *title,
                                                   const char *accept,
                                                   const char *filter_name,
                                                   const char *extension);
WkJob    *_wk_window_begin_loading     (WkWindow      *self,
                                        const char    *name,
                                        const char    *error_heading);
void      _wk_window_load_units        (WkWindow      *self,
                                        const WkLoadOptions *options,
                                        const char    *plan_name,
                                        const char * const  *sources);
void      _wk_window_add_recent        (WkWindow      *self,
                                        const char    *path);
void      _wk_window_show_messages     (WkWindow      *self,
                                        const char    *heading,
                                        GPtrArray     *messages);

/* wk-window-project.c: the project: save, open, close, autosave, recovery */
void      _wk_window_class_add_project_actions (GtkWidgetClass *widget_class);
void      _wk_window_init_project      (WkWindow      *self);
void      _wk_window_dispose_project   (WkWindow      *self);
gboolean  _wk_window_has_unsaved_changes (WkWindow    *self);
void      _wk_window_discard_recovery  (WkWindow      *self);
void      _wk_window_confirm_discard   (WkWindow      *self,
                                        WkContinueFunc func,
                                        gpointer       user_data,
                                        GDestroyNotify destroy);
gboolean  _wk_window_close_request     (WkWindow      *self);
void      _wk_window_open_project      (WkWindow      *self,
                                        const char    *path);

/* wk-window-plans.c: the plans (scenarios): switch, add, copy, compare, import */
void      _wk_window_class_add_plan_actions (GtkWidgetClass *widget_class);
void      _wk_window_update_plan_actions    (WkWindow       *self);

/* wk-window-edit.c: tools, painting and area editing */
void      _wk_window_class_add_edit_actions (GtkWidgetClass *widget_class);
void      _wk_window_update_edit_actions    (WkWindow       *self);

/* wk-window-pdok.c: CBS buurten fetched from PDOK as a new project */
void      _wk_window_class_add_pdok_actions (GtkWidgetClass *widget_class);

/* wk-window-report.c: the review report (PDF) */
void      _wk_window_class_add_report_actions (GtkWidgetClass *widget_class);

/* wk-window-repair.c: the fewest moves that remove the plan's errors */
void      _wk_window_class_add_repair_actions (GtkWidgetClass *widget_class);

/* wk-window-propose.c: a proposal from the app, as a new plan */
void      _wk_window_class_add_propose_actions (GtkWidgetClass *widget_class);

/* wk-window-shared.c: a shared project in PostgreSQL/PostGIS: open, save, conflicts */
void      _wk_window_class_add_shared_actions (GtkWidgetClass *widget_class);
void      _wk_window_init_shared       (WkWindow      *self);
void      _wk_window_dispose_shared    (WkWindow      *self);
void      _wk_window_update_shared     (WkWindow      *self);
char     *_wk_window_dup_shared_place  (WkWindow      *self);
void      _wk_window_save_shared       (WkWindow      *self,
                                        WkContinueFunc then,
                                        gpointer       user_data,
                                        GDestroyNotify destroy);
void      _wk_window_set_read_only     (WkWindow      *self);

G_END_DECLS
