/* wk-parallel-private.h: splitting independent work over the cores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * WkParallelFunc:
 * @data: the caller's data
 * @begin: the first item of this chunk
 * @end: one past its last item
 *
 * Works on items [@begin, @end).  Runs on any of the threads, each with
 * its own GEOS context (wk_geos_context()); it must only read what other
 * chunks may read at the same time, and write only its own items.
 */
typedef void (*WkParallelFunc) (gpointer data,
                                guint    begin,
                                guint    end);

guint  _wk_parallel_n_threads (guint          n_items,
                               guint          min_per_thread);
void   _wk_parallel_for       (guint          n_items,
                               guint          min_per_thread,
                               WkParallelFunc func,
                               gpointer       data);

/* Wall-clock and CPU time (of all threads) at a step of a long job, for
 * _wk_debug_step(). */
typedef struct
{
  gint64 wall_us;
  double cpu_s;
} WkStepClock;

void   _wk_step_clock_start   (WkStepClock   *clock);
void   _wk_debug_step         (const char    *step,
                               WkStepClock   *clock);

G_END_DECLS
