/* wk-report.h: the review report, a printable PDF of a plan and its check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

#define WK_TYPE_REPORT (wk_report_get_type ())
G_DECLARE_FINAL_TYPE (WkReport, wk_report, WK, REPORT, GObject)

WkReport   *wk_report_new               (WkChecker            *checker);
const char *wk_report_get_title         (WkReport             *self);
void        wk_report_set_title         (WkReport             *self,
                                         const char           *title);
void        wk_report_set_plan_file     (WkReport             *self,
                                         const char           *path);
void        wk_report_set_profile_file  (WkReport             *self,
                                         const char           *path);
void        wk_report_set_compare       (WkReport             *self,
                                         WkPlan               *other,
                                         const char           *path);
void        wk_report_set_date          (WkReport             *self,
                                         GDateTime            *date);
guint       wk_report_get_n_pages       (WkReport             *self);

gboolean    wk_report_write             (WkReport             *self,
                                         const char           *path,
                                         WkProgress           *progress,
                                         GCancellable         *cancellable,
                                         GError              **error);
void        wk_report_write_async       (WkReport             *self,
                                         const char           *path,
                                         WkProgress           *progress,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    wk_report_write_finish      (WkReport             *self,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
