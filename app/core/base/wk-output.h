/* wk-output.h: safe outputs, for every writer of the core and the front-ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *wk_output_prepare     (const char         *path,
                                 const char * const *inputs,
                                 GError            **error);
char     *wk_output_temp_path   (const char         *target);
gboolean  wk_output_commit      (const char         *temp,
                                 const char         *target,
                                 GError            **error);
void      wk_output_discard     (const char         *temp);

G_END_DECLS
