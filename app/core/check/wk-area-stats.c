/* wk-area-stats.c: the statistics of the areas of a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-checker"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wk-check-context.h"
#include "wk-check-context-private.h"
#include "wk-dataset-private.h"
#include "wk-area-stats-private.h"

struct _WkAreaStatsTable
{
  GHashTable *by_area;   /* area id → WkAreaStats */
};

WkAreaStatsTable *
wk_area_stats_table_new (void)
{
  WkAreaStatsTable *table = g_new0 (WkAreaStatsTable, 1);

  table->by_area = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return table;
}

void
wk_area_stats_table_free (WkAreaStatsTable *table)
{
  if (table == NULL)
    return;
  g_hash_table_unref (table->by_area);
  g_free (table);
}

const WkAreaStats *
_wk_area_stats_table_lookup (WkAreaStatsTable *table,
                             guint             area)
{
  return g_hash_table_lookup (table->by_area, GUINT_TO_POINTER (area));
}

/* The entry of @area, made (zeroed) when missing. */
WkAreaStats *
_wk_area_stats_table_ensure (WkAreaStatsTable *table,
                             guint             area)
{
  WkAreaStats *st = g_hash_table_lookup (table->by_area, GUINT_TO_POINTER (area));

  if (st == NULL)
    {
      st = g_new0 (WkAreaStats, 1);
      st->id = area;
      g_hash_table_insert (table->by_area, GUINT_TO_POINTER (area), st);
    }
  return st;
}

void
_wk_area_stats_table_remove (WkAreaStatsTable *table,
                             guint             area)
{
  g_hash_table_remove (table->by_area, GUINT_TO_POINTER (area));
}

void
_wk_area_stats_table_clear (WkAreaStatsTable *table)
{
  g_hash_table_remove_all (table->by_area);
}

static void
compute_stats (WkCheckContext *ctx,
               guint           area,
               WkAreaStats    *st)
{
  g_autoptr(GArray) sorted = _wk_check_context_sorted_units (ctx, area);
  const guint *units = (const guint *) sorted->data;
  guint n = sorted->len;
  g_autoptr(GHashTable) gms = g_hash_table_new (g_str_hash, g_str_equal);
  double internal = 0.0;
  const guint *assignment;
  guint n_all;
  gboolean any_pop65 = FALSE;

  memset (st, 0, sizeof *st);
  st->id = area;
  assignment = wk_plan_get_assignment (ctx->plan, &n_all);
  st->n_units = n;
  for (guint i = 0; i < n; i++)
    {
      const WkUnit *u = wk_dataset_get_unit (ctx->dataset, units[i]);
      const guint *provs, *nb;
      const double *lengths;
      guint n_provs, n_nb;

      if (u->population >= 0)
        st->population += u->population;
      else
        st->n_unknown_population++;
      if (u->pop65 >= 0)
        {
          st->pop65 += u->pop65;
          any_pop65 = TRUE;
        }
      else if (u->population != 0)
        st->n_unknown_pop65++;
      st->area_m2 += u->area_m2;
      st->perimeter_m += u->perimeter_m;
      if (u->gm_code != NULL)
        g_hash_table_add (gms, (gpointer) u->gm_code);

      nb = wk_dataset_get_neighbours (ctx->dataset, units[i], &lengths, &n_nb);
      for (guint k = 0; k < n_nb; k++)
        if (assignment[nb[k]] == area)
          internal += lengths[k];

      provs = _wk_dataset_get_unit_providers (ctx->dataset, units[i], &n_provs);
      for (guint k = 0; k < n_provs; k++)
        {
          const WkProvider *p = wk_dataset_get_provider (ctx->dataset, provs[k]);

          st->n_providers[p->kind]++;
          if (p->kind == WK_PROVIDER_GP)
            {
              if (p->dispensing)
                st->n_dispensing++;
              if (isfinite (p->capacity_fte))
                st->gp_fte += p->capacity_fte;
              else
                st->n_gp_unknown_fte++;
            }
        }
    }
  /* Each internal boundary was counted from both sides. */
  st->perimeter_m = MAX (st->perimeter_m - internal, 0.0);
  st->compactness = st->perimeter_m > 0 ? 4 * G_PI * st->area_m2 / (st->perimeter_m * st->perimeter_m) : 0.0;
  st->n_municipalities = g_hash_table_size (gms);
  st->has_pop65 = wk_dataset_get_role_field (ctx->dataset, WK_ROLE_POP65) != NULL &&
                  (any_pop65 || st->n_unknown_pop65 == 0);
  if (n > 0)
    {
      g_autoptr(GPtrArray) parts = _wk_check_context_components (ctx, area);
      st->n_parts = parts->len;
    }
}

/**
 * wk_check_context_refresh_stats:
 *
 * Computes the statistics of @area afresh into the context's table, or drops
 * them when the plan has no such area.
 */
void
wk_check_context_refresh_stats (WkCheckContext *ctx,
                                guint           area)
{
  if (wk_plan_get_area (ctx->plan, area) == NULL)
    {
      _wk_area_stats_table_remove (ctx->stats, area);
      return;
    }
  compute_stats (ctx, area, _wk_area_stats_table_ensure (ctx->stats, area));
}
