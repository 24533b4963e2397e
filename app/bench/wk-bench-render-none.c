/* wk-bench-render-none.c: the render figure when the GUI is not built
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With -Dgui=true and the GUI's offscreen renderer of the units layer,
 * app/bench/meson.build builds wk-bench-render-gui.c instead, which links
 * wk-gui and draws real frames.
 */

#define G_LOG_DOMAIN "wk-bench"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wk-bench.h"

/**
 * wk_bench_render:
 * @national_ms: (out): one full frame with the whole data set in view
 * @city_ms: (out): one full frame zoomed in on a city
 * @note: (out) (transfer full): why there is no figure
 *
 * Returns: %FALSE: this build has no units layer to draw
 */
gboolean
wk_bench_render (WkPlan  *plan,
                 double  *national_ms,
                 double  *city_ms,
                 char   **note)
{
  *national_ms = NAN;
  *city_ms = NAN;
  *note = g_strdup (_("not measured: this build has no GUI units layer "
                      "(build with -Dgui=true once the GUI's offscreen renderer is in)"));
  return FALSE;
}
