/* wk-propose.c: a complete plan from scratch that meets the criteria
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wk-area.h"
#include "wk-array-private.h"
#include "wk-check-context.h"
#include "wk-dataset-private.h"
#include "wk-dataset.h"
#include "wk-parallel-private.h"
#include "wk-plan.h"
#include "wk-profile.h"
#include "wk-format.h"
#include "wk-propose.h"
#include "wk-propose-private.h"

/* The engine in short.  Areas never cross what the rules keep apart, so the
 * units split into independent regions: per municipality (when the
 * municipality criterion is on), then per connected part of the adjacency
 * graph (shared boundary at least the contiguity tolerance).  Regions are
 * solved in parallel, each with its own GRand seeded from the seed and the
 * region's index, so the result does not depend on the threads.
 *
 * Per region, a number of randomized constructions (a fixed number, so that
 * the same seed gives the same plan; the time limit only stops early):
 * - max-p (--max-areas): grow an area from a seed until it reaches the
 *   population floor and holds every required kind of provider, never above
 *   the ceiling; seeds at the scarcest required provider first; units of
 *   areas that cannot be completed are enclaves, attached afterwards to the
 *   smallest neighbouring area that stays under the ceiling;
 * - k areas: k farthest-point seeds, grown together breadth-first, the
 *   smallest area first;
 * then a local search over single-unit boundary moves, lexicographic in
 * (error count, population outside the bounds, length of the boundaries
 * between areas), with the totals of both areas updated in O(1) and the
 * contiguity of the losing area tested by a search from the unit's
 * neighbours.  The best construction wins.  No distance matrix. */


void
_wk_search_limit_free (WkSearchLimit *limit)
{
  if (limit == NULL)
    return;
  g_free (limit->criterion);
  g_free (limit->message);
  g_free (limit);
}

static void
add_limit (GPtrArray  *limits,
           const char *criterion,
           char       *message)
{
  WkSearchLimit *l = g_new0 (WkSearchLimit, 1);

  l->criterion = g_strdup (criterion);
  l->message = message;
  g_ptr_array_add (limits, l);
}

/* Constructions per region: about this many units visited in all, at most 99
 * (spopt's count).  With max-p fewer, as the merge-and-split steps (so many
 * per unit of the region) then do more for the count than new
 * constructions: on the province, 10 constructions and 20 steps per unit
 * find 190 areas where 99 constructions alone found 172. */
#define CONSTRUCTION_UNITS 200000
#define CONSTRUCTION_UNITS_MAX_P 10000
#define MERGE_SPLIT_STEPS_PER_UNIT 20

/* With --from-networks: how much heavier a border through a team area weighs
 * than one between team areas, in the local search's border length. */
#define NETWORK_BORDER_WEIGHT 100.0

static void
solve_region (const Rules *rules,
              Region      *r)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (r->seed);
  guint attempts = CLAMP (CONSTRUCTION_UNITS / MAX (r->n, 1), 3, 99);
  Score best_score = { 0, G_MAXUINT, G_MAXINT64, INFINITY };
  State s = { 0 };

  s.r = r;
  s.rules = rules;
  s.assign = g_new (guint, r->n);
  s.mark = g_new0 (guint, r->n);
  s.pop = g_array_new (FALSE, FALSE, sizeof (gint64));
  s.size = g_array_new (FALSE, FALSE, sizeof (guint));
  s.kc = g_array_new (FALSE, FALSE, sizeof (guint));
  s.stack = g_array_new (FALSE, FALSE, sizeof (guint));
  r->best = g_new0 (guint, r->n);
  if (r->target == 0)
    attempts = CLAMP (CONSTRUCTION_UNITS_MAX_P / MAX (r->n, 1), 3, 99);
  if (r->target == 1)
    attempts = 1;
  /* When the engine chose the count, one or two areas fewer where errors
   * remain: tight providers may then fit (kept only with fewer errors). */
  for (guint fewer = 0;; fewer++)
    {
      g_autofree guint *previous = NULL;
      Score previous_score = best_score;
      guint previous_n = r->n_best;

      if (fewer > 0)
        {
          previous = g_memdup2 (r->best, sizeof (guint) * r->n);
          best_score = (Score) { 0, G_MAXUINT, G_MAXINT64, INFINITY };
        }
      for (guint t = 0; t < attempts; t++)
        {
          Score sc;

          if (t > 0 && (g_get_monotonic_time () > rules->deadline ||
                        g_cancellable_is_cancelled (rules->cancellable)))
            break;
          for (guint u = 0; u < r->n; u++)
            s.assign[u] = NONE;
          set_n_areas (&s, 0);
          _wk_propose_seed_networks (&s, rand, r->target == 0, r->target);
          if (r->target == 0)
            _wk_propose_grow_max (&s, rand);
          else
            _wk_propose_grow_k (&s, rand, r->target);
          _wk_propose_local_search (&s, rand);
          sc = _wk_propose_score (&s);
          if (_wk_propose_better (&sc, &best_score, r->target == 0))
            {
              best_score = sc;
              memcpy (r->best, s.assign, sizeof (guint) * r->n);
              r->n_best = n_areas (&s);
            }
        }
      if (fewer > 0 && best_score.errors >= previous_score.errors)
        {
          memcpy (r->best, previous, sizeof (guint) * r->n);
          best_score = previous_score;
          r->target++;
          r->n_best = previous_n;
          break;
        }
      if (r->fewest == 0 || best_score.errors == 0 || fewer == 2 || r->target <= r->fewest ||
          g_get_monotonic_time () > rules->deadline)
        break;
      r->target--;
    }
  if (r->target == 0 && r->n_best > 1 && rules->min > 0)
    {
      Score sc;

      _wk_propose_load (&s, r->best);
      _wk_propose_merge_split (&s, rand, MERGE_SPLIT_STEPS_PER_UNIT * r->n);
      _wk_propose_local_search (&s, rand);
      sc = _wk_propose_score (&s);
      if (!_wk_propose_better (&best_score, &sc, TRUE))
        {
          memcpy (r->best, s.assign, sizeof (guint) * r->n);
          r->n_best = n_areas (&s);
        }
    }
  g_free (s.assign);
  g_free (s.mark);
  g_array_unref (s.pop);
  g_array_unref (s.size);
  g_array_unref (s.kc);
  g_array_unref (s.stack);
}

static void
solve_chunk (gpointer data,
             guint    begin,
             guint    end)
{
  Job *job = data;

  for (guint i = begin; i < end; i++)
    solve_region (job->rules, &job->regions[i]);
}

static void
region_clear (Region *r)
{
  g_free (r->units);
  g_free (r->xadj);
  g_free (r->adj);
  g_free (r->w);
  g_free (r->pop);
  g_free (r->kinds);
  g_free (r->n_prov);
  g_free (r->cx);
  g_free (r->cy);
  g_free (r->net);
  g_free (r->best);
}

/* The team area (a network polygon, not a group of providers) that covers
 * the larger part of each unit, or NONE when none covers half of it. */
static guint *
network_of_units (WkDataset *dataset)
{
  guint n = wk_dataset_get_n_units (dataset);
  guint *net = g_new (guint, n);
  g_autofree double *share = g_new0 (double, n);

  for (guint u = 0; u < n; u++)
    net[u] = NONE;
  for (guint k = 0; k < wk_dataset_get_n_networks (dataset); k++)
    {
      const WkNetwork *network = wk_dataset_get_network (dataset, k);

      if (network->is_group)
        continue;
      for (guint i = 0; i < network->n_units; i++)
        {
          guint u = network->units[i];

          if (network->shares[i] >= 0.5 && network->shares[i] > share[u])
            {
              share[u] = network->shares[i];
              net[u] = k;
            }
        }
    }
  return net;
}

/* Splits the free units into regions: by municipality when areas must stay
 * in one, then by connected part. */
static GArray *
make_regions (WkDataset      *dataset,
              WkProfile      *profile,
              const gboolean *kept,
              const guint    *unit_net)
{
  guint n = wk_dataset_get_n_units (dataset);
  double tol = wk_profile_get_double (profile, "contiguity", "min_shared_boundary_m");
  gboolean by_gm = wk_profile_get_enabled (profile, "municipality") &&
                   !wk_profile_get_boolean (profile, "municipality", "allow_region");
  gboolean dispensing = wk_profile_get_boolean (profile, "providers", "dispensing_gp_counts");
  g_autofree guint *local = g_new (guint, n);
  g_autofree guint *region_of = g_new (guint, n);
  GArray *regions = g_array_new (FALSE, TRUE, sizeof (Region));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint u = 0; u < n; u++)
    region_of[u] = NONE;
  for (guint u0 = 0; u0 < n; u0++)
    {
      Region r = { 0 };
      guint ri = regions->len, n_edges = 0;
      const char *gm = wk_dataset_get_unit (dataset, u0)->gm_code;

      if (kept[u0] || region_of[u0] != NONE)
        continue;
      g_array_set_size (members, 0);
      region_of[u0] = ri;
      g_array_append_val (stack, u0);
      while (stack->len > 0)
        {
          guint v = g_array_index (stack, guint, stack->len - 1);
          const guint *nb;
          const double *len;
          guint n_nb;

          g_array_set_size (stack, stack->len - 1);
          local[v] = members->len;
          g_array_append_val (members, v);
          nb = wk_dataset_get_neighbours (dataset, v, &len, &n_nb);
          for (guint k = 0; k < n_nb; k++)
            {
              guint x = nb[k];

              if (kept[x] || region_of[x] != NONE || len[k] < tol ||
                  (by_gm && g_strcmp0 (wk_dataset_get_unit (dataset, x)->gm_code, gm) != 0))
                continue;
              region_of[x] = ri;
              g_array_append_val (stack, x);
            }
        }
      g_array_sort (members, _wk_uint_compare);
      r.n = members->len;
      r.units = g_memdup2 (members->data, sizeof (guint) * r.n);
      for (guint i = 0; i < r.n; i++)
        local[r.units[i]] = i;
      r.xadj = g_new0 (guint, r.n + 1);
      r.pop = g_new0 (gint64, r.n);
      r.kinds = g_new0 (guint8, r.n);
      r.n_prov = g_new0 (guint, N_KINDS);
      r.cx = g_new (double, r.n);
      r.cy = g_new (double, r.n);
      if (unit_net != NULL)
        {
          r.net = g_new (guint, r.n);
          for (guint i = 0; i < r.n; i++)
            r.net[i] = unit_net[r.units[i]];
        }
      for (int pass = 0; pass < 2; pass++)
        {
          n_edges = 0;
          for (guint i = 0; i < r.n; i++)
            {
              const guint *nb;
              const double *len;
              guint n_nb;

              r.xadj[i] = n_edges;
              nb = wk_dataset_get_neighbours (dataset, r.units[i], &len, &n_nb);
              for (guint k = 0; k < n_nb; k++)
                if (region_of[nb[k]] == ri && len[k] >= tol)
                  {
                    if (pass == 1)
                      {
                        r.adj[n_edges] = local[nb[k]];
                        r.w[n_edges] = len[k];
                        /* a border through a team area weighs heavier */
                        if (r.net != NULL && r.net[i] != NONE && r.net[i] == unit_net[nb[k]])
                          r.w[n_edges] *= NETWORK_BORDER_WEIGHT;
                      }
                    n_edges++;
                  }
            }
          r.xadj[r.n] = n_edges;
          if (pass == 0)
            {
              r.adj = g_new (guint, MAX (n_edges, 1));
              r.w = g_new (double, MAX (n_edges, 1));
            }
        }
      for (guint i = 0; i < r.n; i++)
        {
          const WkUnit *unit = wk_dataset_get_unit (dataset, r.units[i]);
          const guint *provs;
          guint n_provs;

          r.pop[i] = MAX (unit->population, 0);
          r.total += r.pop[i];
          r.cx[i] = unit->cx;
          r.cy[i] = unit->cy;
          provs = _wk_dataset_get_unit_providers (dataset, r.units[i], &n_provs);
          for (guint k = 0; k < n_provs; k++)
            {
              const WkProvider *p = wk_dataset_get_provider (dataset, provs[k]);

              r.kinds[i] |= 1u << p->kind;
              r.n_prov[p->kind]++;
              if (p->kind == WK_PROVIDER_GP && p->dispensing && dispensing)
                {
                  r.kinds[i] |= 1u << WK_PROVIDER_PHARMACY;
                  r.n_prov[WK_PROVIDER_PHARMACY]++;
                }
            }
        }
      g_array_append_val (regions, r);
    }
  return regions;
}

static const char *
region_name (WkDataset *dataset,
             Region    *r)
{
  const WkUnit *u = wk_dataset_get_unit (dataset, r->units[0]);

  if (u->gm_name != NULL)
    return u->gm_name;
  return u->gm_code != NULL ? u->gm_code : wk_dataset_get_display_name (dataset);
}

static char *
unit_label (WkDataset *dataset,
            guint      unit)
{
  const WkUnit *u = wk_dataset_get_unit (dataset, unit);

  return u->name ? g_strdup_printf ("%s (%s)", u->name, u->code) : g_strdup (u->code);
}

static char *
provider_limit_message (WkProviderKind kind,
                        guint          count)
{
  switch (kind)
    {
    case WK_PROVIDER_GP:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u GP practice: at most %u area can hold one.",
                                           "%u GP practices: at most %u areas can each hold one.",
                                           count), count, count);
    case WK_PROVIDER_PHARMACY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u pharmacy: at most %u area can hold one.",
                                           "%u pharmacies: at most %u areas can each hold one.",
                                           count), count, count);
    case WK_PROVIDER_NURSING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u district nursing team: at most %u area can hold one.",
                                           "%u district nursing teams: at most %u areas can each "
                                           "hold one.", count), count, count);
    case WK_PROVIDER_SOCIAL:
    case WK_N_PROVIDER_KINDS:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u social neighbourhood team: at most %u area can hold one.",
                                           "%u social neighbourhood teams: at most %u areas can each "
                                           "hold one.", count), count, count);
    }
}

/* The binding limits of a region, in a planner's words. */
static void
explain_region (WkDataset   *dataset,
                const Rules *rules,
                Region      *r,
                guint        wanted,
                GPtrArray   *limits)
{
  const char *name = region_name (dataset, r);

  if (rules->min > 0 && r->total < rules->min)
    {
      g_autofree char *pop = wk_format_count (r->total);
      g_autofree char *min = wk_format_count (rules->min);

      if (r->n == 1 && r->total > 0)
        {
          g_autofree char *unit = unit_label (dataset, r->units[0]);

          add_limit (limits, "contiguity",
                     g_strdup_printf (_("Buurt %s has no neighbour in its municipality, and its %s "
                                        "inhabitants are fewer than the minimum of %s for one area."),
                                      unit, pop, min));
        }
      else if (r->total > 0)
        add_limit (limits, "population",
                   g_strdup_printf (_("Gemeente %s has %s inhabitants, fewer than the minimum of "
                                      "%s for one area."), name, pop, min));
    }
  for (guint k = 0; k < N_KINDS; k++)
    {
      if (!(rules->need & (1u << k)) || r->total == 0)
        continue;
      if (r->n_prov[k] == 0)
        add_limit (limits, "providers",
                   g_strdup_printf (_("Gemeente %s has no %s: no area in it can hold one."), name,
                                    wk_provider_kind_get_label (k)));
      else if (wanted > r->n_prov[k] || (wanted == 0 && r->n_best >= r->n_prov[k]))
        {
          g_autofree char *text = provider_limit_message (k, r->n_prov[k]);

          add_limit (limits, "providers", g_strdup_printf ("%s: %s", name, text));
        }
    }
}

/* How many areas a region gets when the caller did not say. */
static guint
choose_count (const Rules *rules,
              Region      *r)
{
  double ideal = rules->max < G_MAXINT64 && rules->min > 0 ?
                 sqrt ((double) rules->min * (double) rules->max) : (double) MAX (rules->min, 1);
  guint k = (guint) MAX (round ((double) r->total / ideal), 1.0);
  guint lo = rules->max < G_MAXINT64 ?
             (guint) ((r->total + rules->max - 1) / MAX (rules->max, 1)) : 1;
  guint hi = rules->min > 0 ? (guint) (r->total / rules->min) : r->n;

  k = MAX (k, lo);
  k = MIN (k, MAX (hi, 1));
  for (guint kind = 0; kind < N_KINDS; kind++)
    if ((rules->need & (1u << kind)) && r->n_prov[kind] > 0)
      k = MIN (k, r->n_prov[kind]);
  return CLAMP (k, 1, r->n);
}

/* Splits @total areas over the regions by population, at least one each. */
static void
distribute (GArray *regions,
            guint   total)
{
  gint64 pop = 0;
  guint given = 0;

  for (guint i = 0; i < regions->len; i++)
    pop += g_array_index (regions, Region, i).total;
  for (guint i = 0; i < regions->len; i++)
    {
      Region *r = &g_array_index (regions, Region, i);

      r->target = pop > 0 ? (guint) floor ((double) total * r->total / pop) : 0;
      r->target = CLAMP (r->target, 1, r->n);
      given += r->target;
    }
  /* the rest to the regions with the most inhabitants per area */
  while (given < total)
    {
      Region *most = NULL;

      for (guint i = 0; i < regions->len; i++)
        {
          Region *r = &g_array_index (regions, Region, i);

          if (r->target < r->n &&
              (most == NULL || (double) r->total / r->target > (double) most->total / most->target))
            most = r;
        }
      if (most == NULL)
        break;
      most->target++;
      given++;
    }
}

/**
 * wk_propose:
 * @limits: (out) (optional) (element-type WkSearchLimit): the binding
 *   limits where the rules cannot all be met
 * @note: (out) (optional): how the number of areas was chosen, when the
 *   caller left it to the engine
 *
 * Proposes a plan for all units of @dataset: every criterion @profile makes
 * an error (population bounds, contiguity, one municipality, full coverage,
 * care providers per area) is a constraint, and the length of the borders
 * between areas (compactness) the soft goal.  Areas of @options->keep are
 * kept as they are.  Deterministic for a seed, except when the time limit
 * cuts the search short.  Check the result with a #WkChecker: the findings
 * that remain are those the engine could not avoid.
 *
 * Returns: (transfer full): the proposed plan
 */
WkPlan *
wk_propose (WkDataset              *dataset,
            WkProfile              *profile,
            const WkProposeOptions *options,
            GPtrArray             **limits,
            char                  **note,
            GCancellable           *cancellable)
{
  static const struct { WkProviderKind kind; const char *key; } required[] = {
    { WK_PROVIDER_GP, "require_gp" },
    { WK_PROVIDER_PHARMACY, "require_pharmacy" },
    { WK_PROVIDER_NURSING, "require_nursing" },
    { WK_PROVIDER_SOCIAL, "require_social" },
  };
  guint n = wk_dataset_get_n_units (dataset), next_name = 1, n_total = 0;
  g_autofree gboolean *kept = g_new0 (gboolean, n);
  g_autofree guint *unit_net = NULL;
  g_autoptr(WkPlan) plan = wk_plan_new (dataset);
  g_autoptr(GPtrArray) found =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _wk_search_limit_free);
  g_autoptr(GArray) regions = NULL;
  double limit_s = options->time_limit > 0 ? options->time_limit : 10.0;
  Rules rules = { 0, G_MAXINT64, 0, 0, cancellable };
  Job job;

  if (wk_profile_get_enabled (profile, "population") &&
      wk_profile_get_severity (profile, "population") == WK_SEVERITY_ERROR)
    {
      rules.min = (gint64) wk_profile_get_double (profile, "population", "min");
      rules.max = (gint64) wk_profile_get_double (profile, "population", "max");
    }
  if (wk_profile_get_enabled (profile, "providers") &&
      wk_profile_get_severity (profile, "providers") == WK_SEVERITY_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (required); i++)
      if (wk_profile_get_boolean (profile, "providers", required[i].key) &&
          wk_dataset_has_provider_kind (dataset, required[i].kind))
        rules.need |= 1u << required[i].kind;
  rules.deadline = g_get_monotonic_time () + (gint64) (limit_s * G_USEC_PER_SEC);

  /* The kept areas first, as they are. */
  if (options->keep != NULL)
    {
      GListModel *areas = wk_plan_get_areas (options->keep);

      for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
        {
          g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
          const guint *units;
          guint n_units, id;

          if (options->keep_locked_only && !wk_area_get_locked (area))
            continue;
          units = wk_plan_get_area_units (options->keep, wk_area_get_id (area), &n_units);
          id = wk_plan_create_area (plan, wk_area_get_name (area), wk_area_get_color (area), NULL);
          if (id == WK_AREA_NONE)
            continue;
          wk_plan_assign_units (plan, units, n_units, id, WK_ASSIGN_DEFAULT, NULL, NULL);
          wk_plan_set_area_locked (plan, id, wk_area_get_locked (area), NULL);
          for (guint k = 0; k < n_units; k++)
            kept[units[k]] = TRUE;
        }
    }

  if (options->from_networks)
    unit_net = network_of_units (dataset);
  regions = make_regions (dataset, profile, kept, unit_net);
  if (options->max_areas)
    ;  /* targets stay 0: as many as possible */
  else if (options->n_areas > 0)
    distribute (regions, options->n_areas);
  else
    for (guint i = 0; i < regions->len; i++)
      {
        Region *r = &g_array_index (regions, Region, i);
        r->target = choose_count (&rules, r);
        r->fewest = MAX (rules.max < G_MAXINT64 ?
                         (guint) ((r->total + rules.max - 1) / MAX (rules.max, 1)) : 1, 1);
      }
  for (guint i = 0; i < regions->len; i++)
    {
      Region *r = &g_array_index (regions, Region, i);

      r->seed = options->seed * 2654435761u + i * 40503u + 1;
      if (rules.min > 0 && r->total < rules.min)
        r->target = 1;
    }

  job.rules = &rules;
  job.regions = (Region *) regions->data;
  job.n_regions = regions->len;
  _wk_parallel_for (regions->len, 1, solve_chunk, &job);

  for (guint i = 0; i < regions->len; i++)
    {
      Region *r = &g_array_index (regions, Region, i);
      g_autofree guint *ids = g_new (guint, MAX (r->n_best, 1));
      g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (guint));

      explain_region (dataset, &rules, r, options->max_areas ? 0 : r->target, found);
      for (guint a = 0; a < r->n_best; a++)
        {
          g_autofree char *name = NULL;

          do
            {
              g_free (name);
              name = g_strdup_printf (_("Area %u"), next_name++);
            }
          while (wk_plan_find_area (plan, name) != NULL);
          ids[a] = wk_plan_create_area (plan, name, NULL, NULL);
          g_array_set_size (units, 0);
          for (guint u = 0; u < r->n; u++)
            if (r->best[u] == a)
              g_array_append_val (units, r->units[u]);
          wk_plan_assign_units (plan, (guint *) units->data, units->len, ids[a],
                                WK_ASSIGN_DEFAULT, NULL, NULL);
        }
      n_total += r->n_best;
      region_clear (r);
    }
  if (note != NULL)
    {
      *note = NULL;
      if (!options->max_areas && options->n_areas == 0)
        {
          g_autofree char *min = wk_format_count (rules.min);
          g_autofree char *max = wk_format_count (rules.max);

          *note = rules.max < G_MAXINT64 ?
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Made %u area: per municipality the number that puts "
                                          "each area closest to the middle of %s–%s inhabitants, "
                                          "within what its care providers allow.",
                                          "Made %u areas: per municipality the number that puts "
                                          "each area closest to the middle of %s–%s inhabitants, "
                                          "within what its care providers allow.", n_total),
                             n_total, min, max) : NULL;
        }
    }
  wk_plan_set_name (plan, _("Proposal"));
  wk_plan_clear_history (plan);
  if (limits != NULL)
    *limits = g_steal_pointer (&found);
  return g_steal_pointer (&plan);
}
