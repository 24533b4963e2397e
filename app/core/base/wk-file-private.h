/* wk-file-private.h: atomic file replacement for app/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *wk_file_temp_path_for (const char  *target);
gboolean  wk_file_commit_temp   (const char  *temp,
                                 const char  *target,
                                 GError     **error);
void      wk_file_discard_temp  (const char  *temp);
guint     wk_file_remove_stale_temps (const char *target);

G_END_DECLS
