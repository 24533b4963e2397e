/* wk-checker-private.h: what criteria need from the checker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-area.h"
#include "wk-checker.h"
#include "wk-dataset.h"
#include "wk-finding.h"
#include "wk-format.h"
#include "wk-plan.h"
#include "wk-profile.h"

G_BEGIN_DECLS

GArray     *_wk_checker_sorted_units   (WkChecker   *self,
                                        guint        area);
GPtrArray  *_wk_checker_components     (WkChecker   *self,
                                        guint        area);
const char *_wk_checker_area_name      (WkChecker   *self,
                                        guint        area);
double      _wk_checker_tolerance      (WkChecker   *self);
WkFinding  *_wk_finding_for_area       (WkChecker   *self,
                                        const char  *criterion,
                                        guint        key,
                                        WkSeverity   severity,
                                        double       value,
                                        double       threshold,
                                        const char  *message);
char       *_wk_format_units           (WkChecker   *self,
                                        const guint *units,
                                        guint        n_units,
                                        guint        max_listed);

G_END_DECLS
