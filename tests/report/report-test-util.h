/* report-test-util.h: helpers for the report tests and benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-test-util.h"

G_BEGIN_DECLS

WkPlan   *report_test_grow_plan       (WkDataset   *dataset,
                                       guint        n_areas);
WkChecker *report_test_province_checker (guint      n_areas);
gboolean  report_test_have_poppler    (void);
char     *report_test_pdf_text        (const char  *pdf,
                                       guint        first,
                                       guint        last);
guint     report_test_pdf_pages       (const char  *pdf);
char     *report_test_normalise       (const char  *text);
gboolean  report_test_has_token       (const char  *text,
                                       const char  *token);
char     *report_test_find_overlap    (const char  *pdf,
                                       guint        page);
char     *report_test_find_outside    (const char  *pdf,
                                       double       margin);

G_END_DECLS
