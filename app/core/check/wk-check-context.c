/* wk-check-context.c: the context the criteria evaluate a plan through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-checker"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wk-area.h"
#include "wk-array-private.h"
#include "wk-check-context.h"
#include "wk-check-context-private.h"
#include "wk-plan-private.h"
#include "wk-area-stats-private.h"
#include "wk-finding-private.h"

/**
 * wk_check_context_init:
 * @ctx: the context to fill
 * @plan: the plan (its data set comes with it)
 * @profile: the criteria profile
 * @stats: the area statistics the owner keeps up to date
 *
 * Fills a context; wk_check_context_clear() frees its scratch space.
 */
void
wk_check_context_init (WkCheckContext   *ctx,
                       WkPlan           *plan,
                       WkProfile        *profile,
                       WkAreaStatsTable *stats)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->plan = plan;
  ctx->dataset = wk_plan_get_dataset (plan);
  ctx->profile = profile;
  ctx->stats = stats;
}

void
wk_check_context_clear (WkCheckContext *ctx)
{
  g_clear_pointer (&ctx->mark, g_free);
  ctx->n_mark = 0;
  ctx->generation = 0;
}

/**
 * wk_check_context_get_area_stats:
 *
 * The statistics of @area, computed when the table has none yet.
 *
 * Returns: (transfer none) (nullable): the statistics, %NULL for no such area
 */
const WkAreaStats *
wk_check_context_get_area_stats (WkCheckContext *ctx,
                                 guint           area)
{
  const WkAreaStats *st = _wk_area_stats_table_lookup (ctx->stats, area);

  if (st == NULL && wk_plan_get_area (ctx->plan, area) != NULL)
    {
      wk_check_context_refresh_stats (ctx, area);
      st = _wk_area_stats_table_lookup (ctx->stats, area);
    }
  return st;
}

/**
 * _wk_check_context_sorted_units:
 *
 * The area's units in data set order.  Criteria iterate these rather than
 * the plan's member array, whose order depends on the history of edits, so
 * that sums and messages come out the same in a full and an incremental
 * check.
 *
 * Returns: (transfer full) (element-type guint): the units
 */
GArray *
_wk_check_context_sorted_units (WkCheckContext *ctx,
                                guint           area)
{
  const guint *units;
  guint n;
  GArray *sorted;

  units = wk_plan_get_area_units (ctx->plan, area, &n);
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_array_append_vals (sorted, units, n);
  g_array_sort (sorted, _wk_uint_compare);
  return sorted;
}

static int
component_compare (gconstpointer a,
                   gconstpointer b)
{
  const GArray *ga = *(GArray * const *) a, *gb = *(GArray * const *) b;

  if (ga->len != gb->len)
    return ga->len > gb->len ? -1 : 1;
  /* equal sizes: the one with the lowest unit first, for a stable order */
  return g_array_index (ga, guint, 0) < g_array_index (gb, guint, 0) ? -1 : 1;
}

/**
 * _wk_check_context_components:
 *
 * The connected parts of an area, by the adjacency graph and the profile's
 * shared-boundary tolerance; largest first, each sorted.
 *
 * Returns: (transfer full) (element-type GArray): the parts
 */
GPtrArray *
_wk_check_context_components (WkCheckContext *ctx,
                              guint           area)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  const guint *units, *assignment;
  guint n, n_all;
  double tol = _wk_check_context_tolerance (ctx);
  g_autoptr(GArray) sorted = _wk_check_context_sorted_units (ctx, area);

  units = (const guint *) sorted->data;
  n = sorted->len;
  assignment = wk_plan_get_assignment (ctx->plan, &n_all);
  if (ctx->n_mark < n_all)
    {
      g_free (ctx->mark);
      ctx->mark = g_new0 (guint, n_all);
      ctx->n_mark = n_all;
      ctx->generation = 0;
    }
  if (++ctx->generation == 0)
    {
      memset (ctx->mark, 0, sizeof (guint) * n_all);
      ctx->generation = 1;
    }
  for (guint i = 0; i < n; i++)
    {
      GArray *part;

      if (ctx->mark[units[i]] == ctx->generation)
        continue;
      part = g_array_new (FALSE, FALSE, sizeof (guint));
      _wk_flood_fill (ctx->dataset, assignment, tol, units[i], ctx->mark, ctx->generation, part);
      g_array_sort (part, _wk_uint_compare);
      g_ptr_array_add (parts, part);
    }
  g_ptr_array_sort (parts, component_compare);
  return parts;
}

double
_wk_check_context_tolerance (WkCheckContext *ctx)
{
  return wk_profile_get_double (ctx->profile, "contiguity", "min_shared_boundary_m");
}

const char *
_wk_check_context_area_name (WkCheckContext *ctx,
                             guint           area)
{
  WkArea *a = wk_plan_get_area (ctx->plan, area);

  return a ? wk_area_get_name (a) : "?";
}

WkFinding *
_wk_finding_new_for_area (const char *criterion,
                          guint       key,
                          WkSeverity  severity,
                          double      value,
                          double      threshold,
                          const char *message)
{
  WkFinding *f = wk_finding_new (criterion, key, severity, value, threshold, message);

  _wk_finding_add_area (f, key);
  return f;
}

/**
 * _wk_check_context_format_units:
 *
 * Returns: (transfer full): “Name (CODE), Name (CODE) and 3 more”
 */
char *
_wk_check_context_format_units (WkCheckContext *ctx,
                                const guint    *units,
                                guint           n_units,
                                guint           max_listed)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < n_units && i < max_listed; i++)
    {
      const WkUnit *u = wk_dataset_get_unit (ctx->dataset, units[i]);

      if (i > 0)
        g_string_append (out, ", ");
      if (u->name != NULL)
        g_string_append_printf (out, "%s (%s)", u->name, u->code);
      else
        g_string_append (out, u->code);
    }
  if (n_units > max_listed)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                              n_units - max_listed), n_units - max_listed);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

