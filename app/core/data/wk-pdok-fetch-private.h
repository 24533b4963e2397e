/* wk-pdok-fetch-private.h: what of wk-pdok-fetch.h only the core uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-pdok-fetch.h"

G_BEGIN_DECLS

char *_wk_pdok_default_cache_dir (void);
char *_wk_pdok_default_service   (int year);

G_END_DECLS
