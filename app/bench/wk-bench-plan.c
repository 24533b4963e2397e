/* wk-bench-plan.c: a starting plan of contiguous areas, and random boundary moves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-bench"

#include "config.h"

#include <math.h>

#include "wk-bench.h"
#include "wk-plan-private.h"

/* A FIFO of units, one per growing area. */
typedef struct
{
  GArray *units;
  guint   head;
} Frontier;

static double
unit_weight (const WkUnit *u,
             gboolean      by_population)
{
  /* Every unit weighs something, so that empty business parks still count. */
  return by_population ? MAX (u->population, 0) + 50.0 : 1.0;
}

/* Seeds spread over the data set: each next seed is the unit farthest from
 * the seeds so far (farthest-point sampling), the first one at random. */
static guint *
pick_seeds (WkDataset *dataset,
            guint      n_areas,
            GRand     *rand)
{
  guint n = wk_dataset_get_n_units (dataset);
  g_autofree double *dist = g_new (double, n);
  guint *seeds = g_new (guint, n_areas);

  seeds[0] = g_rand_int_range (rand, 0, (gint32) n);
  for (guint i = 0; i < n; i++)
    dist[i] = G_MAXDOUBLE;
  for (guint k = 0; k < n_areas; k++)
    {
      const WkUnit *s = wk_dataset_get_unit (dataset, seeds[k]);
      guint far = 0;
      double far_d = -1.0;

      for (guint i = 0; i < n; i++)
        {
          const WkUnit *u = wk_dataset_get_unit (dataset, i);
          double d = (u->cx - s->cx) * (u->cx - s->cx) + (u->cy - s->cy) * (u->cy - s->cy);

          if (d < dist[i])
            dist[i] = d;
          if (dist[i] > far_d)
            {
              far_d = dist[i];
              far = i;
            }
        }
      if (k + 1 < n_areas)
        seeds[k + 1] = far;
    }
  return seeds;
}

/* Units the growth could not reach (islands, parts cut off by a lake) go,
 * a connected group at a time, to the area of the nearest assigned unit:
 * the plan then has a few non-contiguous areas, as real plans do. */
static void
assign_leftovers (WkDataset *dataset,
                  guint     *assignment,
                  double     tolerance)
{
  guint n = wk_dataset_get_n_units (dataset);
  g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *mark = g_new0 (guint, n);

  for (guint start = 0; start < n; start++)
    {
      const WkUnit *s;
      guint best_area = 0;
      double best = G_MAXDOUBLE;

      if (assignment[start] != 0)
        continue;
      /* the group: unassigned units connected to @start */
      g_array_set_size (group, 0);
      _wk_flood_fill (dataset, assignment, tolerance, start, mark, start + 1, group);
      s = wk_dataset_get_unit (dataset, start);
      for (guint i = 0; i < n; i++)
        {
          const WkUnit *u = wk_dataset_get_unit (dataset, i);
          double d;

          if (assignment[i] == 0)
            continue;
          d = (u->cx - s->cx) * (u->cx - s->cx) + (u->cy - s->cy) * (u->cy - s->cy);
          if (d < best)
            {
              best = d;
              best_area = assignment[i];
            }
        }
      for (guint i = 0; i < group->len; i++)
        assignment[g_array_index (group, guint, i)] = best_area;
    }
}

/**
 * wk_bench_grow_areas:
 * @n_areas: how many areas
 * @tolerance: shared boundary length (m) for two units to be neighbours
 *
 * A starting plan: @n_areas seeds spread over the data set grow over the
 * adjacency graph, breadth first, the lightest area (by population, or by
 * number of units when populations are unknown) taking the next unit, so
 * that the areas come out contiguous and of similar size.
 *
 * Returns: (transfer full): per unit, an area index + 1 (as
 *   wk_plan_replace() takes it)
 */
guint *
wk_bench_grow_areas (WkDataset *dataset,
                     guint      n_areas,
                     double     tolerance,
                     guint32    seed)
{
  guint n = wk_dataset_get_n_units (dataset);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint *seeds = NULL;
  g_autofree Frontier *frontiers = NULL;
  g_autofree double *weight = NULL;
  g_autofree gboolean *active = NULL;
  gboolean by_population = wk_dataset_get_total_population (dataset) > 0;
  guint *assignment = g_new0 (guint, n);
  guint n_active;

  n_areas = CLAMP (n_areas, 1, n);
  seeds = pick_seeds (dataset, n_areas, rand);
  frontiers = g_new0 (Frontier, n_areas);
  weight = g_new0 (double, n_areas);
  active = g_new0 (gboolean, n_areas);
  for (guint a = 0; a < n_areas; a++)
    {
      frontiers[a].units = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (frontiers[a].units, seeds[a]);
      active[a] = TRUE;
    }
  n_active = n_areas;

  while (n_active > 0)
    {
      guint a = G_MAXUINT, u = G_MAXUINT;
      Frontier *f;
      const double *lengths;
      const guint *nb;
      guint n_nb;

      for (guint k = 0; k < n_areas; k++)
        if (active[k] && (a == G_MAXUINT || weight[k] < weight[a]))
          a = k;
      f = &frontiers[a];
      while (f->head < f->units->len && u == G_MAXUINT)
        {
          guint cand = g_array_index (f->units, guint, f->head++);

          if (assignment[cand] == 0)
            u = cand;
        }
      if (u == G_MAXUINT)
        {
          active[a] = FALSE;
          n_active--;
          continue;
        }
      assignment[u] = a + 1;
      weight[a] += unit_weight (wk_dataset_get_unit (dataset, u), by_population);
      nb = wk_dataset_get_neighbours (dataset, u, &lengths, &n_nb);
      for (guint k = 0; k < n_nb; k++)
        if (lengths[k] >= tolerance && assignment[nb[k]] == 0)
          g_array_append_val (f->units, nb[k]);
    }
  for (guint a = 0; a < n_areas; a++)
    g_array_unref (frontiers[a].units);

  assign_leftovers (dataset, assignment, tolerance);
  return assignment;
}

/**
 * wk_bench_pick_move:
 * @unit: (out): a unit on the boundary of its area
 * @area: (out): the area of one of its neighbours, not its own
 *
 * A random boundary move, as a planner makes with the brush: a unit whose
 * area has more than one unit goes to a neighbouring area.
 *
 * Returns: %FALSE when no such move exists
 */
gboolean
wk_bench_pick_move (WkPlan  *plan,
                    double   tolerance,
                    GRand   *rand,
                    guint   *unit,
                    guint   *area)
{
  WkDataset *dataset = wk_plan_get_dataset (plan);
  guint n = wk_dataset_get_n_units (dataset);

  for (guint tries = 0; tries < 100 * n + 1000; tries++)
    {
      guint u = g_rand_int_range (rand, 0, (gint32) n);
      guint from = wk_plan_get_unit_area (plan, u);
      guint candidates[64];
      guint n_cand = 0;
      const double *lengths;
      const guint *nb;
      guint n_nb;

      if (from == WK_AREA_NONE || wk_area_get_n_units (wk_plan_get_area (plan, from)) < 2)
        continue;
      nb = wk_dataset_get_neighbours (dataset, u, &lengths, &n_nb);
      for (guint k = 0; k < n_nb && n_cand < G_N_ELEMENTS (candidates); k++)
        {
          guint to = wk_plan_get_unit_area (plan, nb[k]);

          if (lengths[k] >= tolerance && to != WK_AREA_NONE && to != from)
            candidates[n_cand++] = to;
        }
      if (n_cand == 0)
        continue;
      *unit = u;
      *area = candidates[g_rand_int_range (rand, 0, (gint32) n_cand)];
      return TRUE;
    }
  return FALSE;
}
