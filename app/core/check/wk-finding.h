/* wk-finding.h: one result of a check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

#define WK_TYPE_FINDING (wk_finding_get_type ())
G_DECLARE_FINAL_TYPE (WkFinding, wk_finding, WK, FINDING, GObject)

WkFinding    *wk_finding_new              (const char  *criterion,
                                           guint        key,
                                           WkSeverity   severity,
                                           double       value,
                                           double       threshold,
                                           const char  *message);
void          wk_finding_add_units        (WkFinding   *self,
                                           const guint *units,
                                           guint        n_units);
void          wk_finding_seal             (WkFinding   *self);

const char   *wk_finding_get_criterion    (WkFinding   *self);
const char   *wk_finding_get_criterion_label (WkFinding *self);
WkSeverity    wk_finding_get_severity     (WkFinding   *self);
const char   *wk_finding_get_message      (WkFinding   *self);
double        wk_finding_get_value        (WkFinding   *self);
double        wk_finding_get_threshold    (WkFinding   *self);
const guint  *wk_finding_get_areas        (WkFinding   *self,
                                           guint       *n_areas);
const guint  *wk_finding_get_units        (WkFinding   *self,
                                           guint       *n_units);
gboolean      wk_finding_has_area         (WkFinding   *self,
                                           guint        area);
char         *wk_finding_dup_value_text   (WkFinding   *self);
gboolean      wk_finding_equal            (WkFinding   *a,
                                           WkFinding   *b);

G_END_DECLS
