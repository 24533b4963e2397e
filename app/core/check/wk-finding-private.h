/* wk-finding-private.h: what of wk-finding.h only the core uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-finding.h"

G_BEGIN_DECLS

void        _wk_finding_add_area       (WkFinding  *self,
                                        guint       area);
int         _wk_finding_compare        (WkFinding  *a,
                                        WkFinding  *b);
guint       _wk_finding_get_key        (WkFinding  *self);
const char *_wk_finding_get_unit_label (WkFinding  *self);
void        _wk_finding_set_unit_label (WkFinding  *self,
                                        const char *unit);
void        _wk_finding_set_value_text (WkFinding  *self,
                                        const char *text);

G_END_DECLS
