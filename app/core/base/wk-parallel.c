/* wk-parallel.c: splitting independent work over the cores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-parallel"

#include "config.h"

#include "wk-parallel-private.h"

#include <time.h>

#define MAX_THREADS 8

typedef struct
{
  WkParallelFunc  func;
  gpointer        data;
  guint           n_items;
  guint           chunk;
  gint            next;      /* atomic: the first item not yet handed out */
} Job;

static gpointer
worker (gpointer user_data)
{
  Job *job = user_data;

  for (;;)
    {
      guint begin = (guint) g_atomic_int_add (&job->next, (gint) job->chunk);

      if (begin >= job->n_items)
        break;
      job->func (job->data, begin, MIN (begin + job->chunk, job->n_items));
    }
  return NULL;
}

/**
 * _wk_parallel_n_threads:
 * @min_per_thread: fewer items than this per thread are not worth a thread
 *
 * Returns: how many threads _wk_parallel_for() would use (at least 1)
 */
guint
_wk_parallel_n_threads (guint n_items,
                        guint min_per_thread)
{
  guint n = CLAMP (g_get_num_processors (), 1, MAX_THREADS);

  if (min_per_thread > 0)
    n = MIN (n, MAX (n_items / min_per_thread, 1));
  return n;
}

/**
 * _wk_parallel_for:
 * @n_items: how many items
 * @min_per_thread: see _wk_parallel_n_threads()
 * @func: called for chunks of items, on the calling thread and on workers
 * @data: passed to @func
 *
 * Calls @func for every item, in chunks handed out to one thread per core
 * (the calling thread is one of them), and returns when all are done.
 * Small jobs run on the calling thread alone.
 */
void
_wk_parallel_for (guint          n_items,
                  guint          min_per_thread,
                  WkParallelFunc func,
                  gpointer       data)
{
  guint n_threads = _wk_parallel_n_threads (n_items, min_per_thread);
  GThread *threads[MAX_THREADS];
  Job job = { func, data, n_items, 0, 0 };

  if (n_items == 0)
    return;
  if (n_threads <= 1)
    {
      func (data, 0, n_items);
      return;
    }
  /* Chunks small enough to even out uneven items, large enough that
   * handing them out costs nothing. */
  job.chunk = MAX (n_items / (n_threads * 16), 1);
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("wk-worker", worker, &job);
  worker (&job);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0.0;
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

void
_wk_step_clock_start (WkStepClock *clock)
{
  clock->wall_us = g_get_monotonic_time ();
  clock->cpu_s = cpu_seconds ();
}

/**
 * _wk_debug_step:
 * @step: what was done since the last step
 * @clock: started with _wk_step_clock_start(); restarted
 *
 * Says in a debug message how long @step took, in wall-clock seconds and
 * CPU seconds of all threads.
 */
void
_wk_debug_step (const char  *step,
                WkStepClock *clock)
{
  WkStepClock now;

  _wk_step_clock_start (&now);
  g_debug ("%s took %.3f s (%.3f s of CPU)", step, (now.wall_us - clock->wall_us) / 1e6,
           now.cpu_s - clock->cpu_s);
  *clock = now;
}
