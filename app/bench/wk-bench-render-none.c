/* wk-bench-render-none.c: the render figure when the GUI is not built
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With -Dgui=true app/bench/meson.build builds wk-bench-render-gui.c
 * instead, which links wk-gui and draws real frames off-screen.
 */

#define G_LOG_DOMAIN "wk-bench"

#include "config.h"

#include <glib/gi18n.h>
#include "wk-bench.h"

/**
 * wk_bench_render:
 * @plan: the plan
 * @dissolver: its area outlines
 * @tolerance: unused
 * @f: the figures; only render_note is set
 *
 * Returns: %FALSE: this build has no units layer to draw
 */
gboolean
wk_bench_render (WkPlan         *plan,
                 WkDissolver    *dissolver,
                 double          tolerance,
                 WkBenchFigures *f)
{
  f->render_note = g_strdup (_("not measured: built without the GUI (-Dgui=false), "
                               "which draws the units layer"));
  return FALSE;
}
