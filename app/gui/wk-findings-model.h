/* wk-findings-model.h: the checker's findings with a heading per severity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_FINDINGS_HEADER (wk_findings_header_get_type ())
G_DECLARE_FINAL_TYPE (WkFindingsHeader, wk_findings_header, WK, FINDINGS_HEADER, GObject)

WkSeverity  wk_findings_header_get_severity (WkFindingsHeader *self);
guint       wk_findings_header_get_count    (WkFindingsHeader *self);

#define WK_TYPE_FINDINGS_MODEL (wk_findings_model_get_type ())
G_DECLARE_FINAL_TYPE (WkFindingsModel, wk_findings_model, WK, FINDINGS_MODEL, GObject)

WkFindingsModel *wk_findings_model_new         (void);
void             wk_findings_model_set_checker (WkFindingsModel *self,
                                                WkChecker       *checker);
WkChecker       *wk_findings_model_get_checker (WkFindingsModel *self);

G_END_DECLS
