/* wk-check-context-private.h: what of wk-check-context.h only the core uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-check-context.h"

G_BEGIN_DECLS

const char *_wk_check_context_area_name    (WkCheckContext *ctx,
                                            guint           area);
GPtrArray  *_wk_check_context_components   (WkCheckContext *ctx,
                                            guint           area);
char       *_wk_check_context_format_units (WkCheckContext *ctx,
                                            const guint    *units,
                                            guint           n_units,
                                            guint           max_listed);
GArray     *_wk_check_context_sorted_units (WkCheckContext *ctx,
                                            guint           area);
double      _wk_check_context_tolerance    (WkCheckContext *ctx);
WkFinding  *_wk_finding_new_for_area       (const char     *criterion,
                                            guint           area,
                                            WkSeverity      severity,
                                            double          value,
                                            double          threshold,
                                            const char     *message);

G_END_DECLS
