/* wk-gui-test-util.h: helpers for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-gui.h"
#include "wk-test-util.h"

G_BEGIN_DECLS

gboolean       wk_gui_test_init             (int          *argc,
                                             char       ***argv);
int            wk_gui_test_run              (void);
WkApplication *wk_gui_test_get_app          (void);
WkWindow      *wk_gui_test_new_window       (void);
void           wk_gui_test_wait_loaded      (WkWindow     *window);
void           wk_gui_test_close_window     (WkWindow     *window);
WkWindow      *wk_gui_test_open_sample      (void);
void           wk_gui_test_iterate          (guint         ms);
void           wk_gui_test_wait_paint       (GtkWidget    *widget);
void           wk_gui_test_wait_frame       (GtkWidget    *widget);
char          *wk_gui_test_save_screenshot  (GtkWidget    *widget,
                                             const char   *name);
GPtrArray     *wk_gui_test_find_widgets     (GtkWidget    *root,
                                             GType         type);
AdwMessageDialog *wk_gui_test_find_dialog   (GtkWindow    *parent);
WkAreaRow     *wk_gui_test_find_area_row    (WkWindow     *window,
                                             guint         area);
void           wk_gui_test_close_dialogs    (void);
GtkWindow     *wk_gui_test_find_toplevel    (GType         type);
void           wk_gui_test_respond          (AdwMessageDialog *dialog,
                                             const char   *response);
void           wk_gui_test_paint            (WkWindow     *window,
                                             const guint  *units,
                                             guint         n_units);
char          *wk_gui_test_describe_plan    (WkPlan       *plan);

G_END_DECLS
