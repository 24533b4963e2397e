/* wk-types-private.h: what of wk-types.h only the core uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

gboolean _wk_field_role_from_string    (const char     *str,
                                        WkFieldRole    *role);
gboolean _wk_provider_kind_from_string (const char     *str,
                                        WkProviderKind *kind);
gboolean _wk_severity_from_string      (const char     *str,
                                        WkSeverity     *severity);

G_END_DECLS
