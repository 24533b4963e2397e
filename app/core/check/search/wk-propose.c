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

#define NONE G_MAXUINT
#define N_KINDS WK_N_PROVIDER_KINDS

typedef struct
{
  gint64    min, max;
  guint8    need;          /* required provider kinds, bit per kind */
  gint64    deadline;      /* monotonic µs */
  GCancellable *cancellable;
} Rules;

typedef struct
{
  /* input */
  guint     n;
  guint    *units;         /* global unit ids */
  guint    *xadj, *adj;    /* local adjacency (CSR) */
  double   *w;             /* shared boundary lengths */
  gint64   *pop;
  guint8   *kinds;
  guint    *n_prov;        /* providers per kind in the region */
  double   *cx, *cy;
  gint64    total;
  guint     target;        /* areas wanted; 0: as many as possible */
  guint32   seed;
  /* output */
  guint    *best;
  guint     n_best;
} Region;

typedef struct
{
  const Rules *rules;
  Region      *regions;
  guint        n_regions;
} Job;

/* Working state of one construction */
typedef struct
{
  Region  *r;
  const Rules *rules;
  guint   *assign;
  GArray  *pop;            /* gint64 per area */
  GArray  *size;           /* guint per area */
  GArray  *kc;             /* guint × N_KINDS per area */
  guint   *mark;
  guint    gen;
  GArray  *stack;
} State;

void
wk_search_limit_free (WkSearchLimit *limit)
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

static guint
n_areas (State *s)
{
  return s->pop->len;
}

static guint
new_area (State *s)
{
  gint64 zero = 0;
  guint zs = 0, zk[N_KINDS] = { 0 };

  g_array_append_val (s->pop, zero);
  g_array_append_val (s->size, zs);
  g_array_append_vals (s->kc, zk, N_KINDS);
  return s->pop->len - 1;
}

#define POP(s, a) g_array_index ((s)->pop, gint64, a)
#define SIZE(s, a) g_array_index ((s)->size, guint, a)
#define KC(s, a, k) g_array_index ((s)->kc, guint, (a) * N_KINDS + (k))

static void
put (State *s,
     guint  u,
     guint  a,
     int    sign)
{
  POP (s, a) += sign * s->r->pop[u];
  SIZE (s, a) += sign;
  for (guint k = 0; k < N_KINDS; k++)
    if (s->r->kinds[u] & (1u << k))
      KC (s, a, k) += sign;
  s->assign[u] = sign > 0 ? a : NONE;
}

static guint8
have (State *s,
      guint  a)
{
  guint8 h = 0;

  for (guint k = 0; k < N_KINDS; k++)
    if (KC (s, a, k) > 0)
      h |= 1u << k;
  return h;
}

static int
area_errors (const Rules *rules,
             gint64       pop,
             guint8       held)
{
  return (pop < rules->min) + (pop > rules->max) + __builtin_popcount (rules->need & ~held);
}

static gint64
area_violation (const Rules *rules,
                gint64       pop)
{
  return MAX (rules->min - pop, 0) + MAX (pop - rules->max, 0);
}

static guint
next_gen (State *s)
{
  if (++s->gen == 0)
    {
      memset (s->mark, 0, sizeof (guint) * s->r->n);
      s->gen = 1;
    }
  return s->gen;
}

/* Whether area @a stays connected without unit @u. */
static gboolean
stays_connected (State *s,
                 guint  u)
{
  Region *r = s->r;
  guint a = s->assign[u], start = NONE, reached = 0, gen = next_gen (s), links = 0;

  for (guint e = r->xadj[u]; e < r->xadj[u + 1]; e++)
    if (s->assign[r->adj[e]] == a)
      {
        links++;
        start = r->adj[e];
      }
  if (links <= 1)
    return TRUE;   /* a leaf (or a detached unit) never disconnects the rest */
  s->mark[u] = gen;
  s->mark[start] = gen;
  g_array_set_size (s->stack, 0);
  g_array_append_val (s->stack, start);
  while (s->stack->len > 0)
    {
      guint v = g_array_index (s->stack, guint, s->stack->len - 1);

      g_array_set_size (s->stack, s->stack->len - 1);
      reached++;
      for (guint e = r->xadj[v]; e < r->xadj[v + 1]; e++)
        {
          guint x = r->adj[e];

          if (s->assign[x] == a && s->mark[x] != gen)
            {
              s->mark[x] = gen;
              g_array_append_val (s->stack, x);
            }
        }
    }
  return reached == SIZE (s, a) - 1;
}

static void
shuffle (GRand *rand,
         guint *v,
         guint  n)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i), t = v[i - 1];

      v[i - 1] = v[j];
      v[j] = t;
    }
}

/* The required kind with the fewest providers in the region, or -1. */
static int
scarcest_kind (Region      *r,
               const Rules *rules)
{
  int best = -1;

  for (guint k = 0; k < N_KINDS; k++)
    if ((rules->need & (1u << k)) && (best < 0 || r->n_prov[k] < r->n_prov[best]))
      best = k;
  return best;
}

/* Seeds in random order, units holding the scarcest required kind first. */
static guint *
seed_order (Region      *r,
            const Rules *rules,
            GRand       *rand)
{
  guint *order = g_new (guint, r->n), n_first = 0;
  int kind = scarcest_kind (r, rules);

  for (guint u = 0; u < r->n; u++)
    if (kind >= 0 && (r->kinds[u] & (1u << kind)))
      order[n_first++] = u;
  for (guint u = 0, i = n_first; u < r->n; u++)
    if (!(kind >= 0 && (r->kinds[u] & (1u << kind))))
      order[i++] = u;
  shuffle (rand, order, n_first);
  shuffle (rand, order + n_first, r->n - n_first);
  return order;
}

/* Enclaves: unassigned units join the smallest neighbouring area that stays
 * under the ceiling; then any neighbouring area; a cluster with no
 * neighbouring area at all becomes an area of its own. */
static void
attach_leftovers (State *s)
{
  Region *r = s->r;
  gboolean changed = TRUE;

  for (int strict = 1; strict >= 0; strict--)
    {
      changed = TRUE;
      while (changed)
        {
          changed = FALSE;
          for (guint u = 0; u < r->n; u++)
            {
              guint best = NONE;

              if (s->assign[u] != NONE)
                continue;
              for (guint e = r->xadj[u]; e < r->xadj[u + 1]; e++)
                {
                  guint a = s->assign[r->adj[e]];

                  if (a == NONE || (strict && POP (s, a) + r->pop[u] > s->rules->max))
                    continue;
                  if (best == NONE || POP (s, a) < POP (s, best))
                    best = a;
                }
              if (best != NONE)
                {
                  put (s, u, best, 1);
                  changed = TRUE;
                }
            }
        }
    }
  for (guint u = 0; u < r->n; u++)
    if (s->assign[u] == NONE)
      {
        guint a = new_area (s);

        g_array_set_size (s->stack, 0);
        put (s, u, a, 1);
        g_array_append_val (s->stack, u);
        while (s->stack->len > 0)
          {
            guint v = g_array_index (s->stack, guint, s->stack->len - 1);

            g_array_set_size (s->stack, s->stack->len - 1);
            for (guint e = r->xadj[v]; e < r->xadj[v + 1]; e++)
              if (s->assign[r->adj[e]] == NONE)
                {
                  put (s, r->adj[e], a, 1);
                  g_array_append_val (s->stack, r->adj[e]);
                }
          }
      }
}

/* Max-p growth: one area at a time, from seeds, up to the floor. */
static void
grow_max (State *s,
          GRand *rand)
{
  Region *r = s->r;
  const Rules *rules = s->rules;
  g_autofree guint *order = seed_order (r, rules, rand);
  g_autofree gboolean *tried = g_new0 (gboolean, r->n);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < r->n; i++)
    {
      guint seed = order[i], a;

      if (s->assign[seed] != NONE || tried[seed])
        continue;
      a = new_area (s);
      g_array_set_size (members, 0);
      put (s, seed, a, 1);
      g_array_append_val (members, seed);
      while (POP (s, a) < rules->min || (rules->need & ~have (s, a)))
        {
          guint pick = NONE, pick_links = 0, pick_tie = 0;
          gboolean pick_covers = FALSE;
          guint8 missing = rules->need & ~have (s, a);

          for (guint m = 0; m < members->len; m++)
            {
              guint v = g_array_index (members, guint, m);

              for (guint e = r->xadj[v]; e < r->xadj[v + 1]; e++)
                {
                  guint c = r->adj[e], links = 0, tie;
                  gboolean covers, completes;

                  if (s->assign[c] != NONE || POP (s, a) + r->pop[c] > rules->max)
                    continue;
                  for (guint f = r->xadj[c]; f < r->xadj[c + 1]; f++)
                    links += s->assign[r->adj[f]] == a;
                  covers = (r->kinds[c] & missing) != 0;
                  /* Once a unit reaches the floor, the smallest that does: max-p
                   * wants areas just above it. */
                  completes = POP (s, a) + r->pop[c] >= rules->min;
                  tie = completes ? (guint) MIN (r->pop[c], G_MAXUINT / 2) : G_MAXUINT / 2 + 1 +
                        (g_rand_int (rand) >> 2);
                  if (pick == NONE || covers > pick_covers ||
                      (covers == pick_covers &&
                       (tie < pick_tie || (tie == pick_tie && links > pick_links))))
                    {
                      pick = c;
                      pick_covers = covers;
                      pick_links = links;
                      pick_tie = tie;
                    }
                }
            }
          if (pick == NONE)
            break;
          put (s, pick, a, 1);
          g_array_append_val (members, pick);
        }
      if (POP (s, a) < rules->min || (rules->need & ~have (s, a)))
        {
          /* Could not be completed: its units become enclaves. */
          for (guint m = 0; m < members->len; m++)
            {
              guint v = g_array_index (members, guint, m);

              put (s, v, a, -1);
              tried[v] = TRUE;
            }
          g_array_set_size (s->pop, a);
          g_array_set_size (s->size, a);
          g_array_set_size (s->kc, a * N_KINDS);
        }
    }
  attach_leftovers (s);
}

/* k areas: farthest-point seeds, grown breadth-first, smallest first. */
static void
grow_k (State *s,
        GRand *rand,
        guint  k)
{
  Region *r = s->r;
  g_autofree double *dist = g_new (double, r->n);
  g_autofree guint *head = g_new0 (guint, k);
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  int kind = scarcest_kind (r, s->rules);
  gboolean restrict_kind = kind >= 0 && r->n_prov[kind] >= k;
  guint seed = NONE;

  k = MIN (k, r->n);
  for (guint u = 0; u < r->n; u++)
    dist[u] = INFINITY;
  {
    g_autofree guint *order = seed_order (r, s->rules, rand);
    seed = order[0];
  }
  for (guint i = 0; i < k; i++)
    {
      guint a = new_area (s);
      GArray *q = g_array_new (FALSE, FALSE, sizeof (guint));
      double far = -1;

      put (s, seed, a, 1);
      g_array_append_val (q, seed);
      g_ptr_array_add (queues, q);
      for (guint u = 0; u < r->n; u++)
        {
          double dx = r->cx[u] - r->cx[seed], dy = r->cy[u] - r->cy[seed];

          dist[u] = MIN (dist[u], dx * dx + dy * dy);
        }
      seed = NONE;
      for (guint u = 0; u < r->n; u++)
        if (s->assign[u] == NONE && dist[u] > far &&
            (!restrict_kind || (r->kinds[u] & (1u << kind))))
          {
            far = dist[u];
            seed = u;
          }
      if (seed == NONE)
        break;
    }
  for (;;)
    {
      guint pick = NONE, unit = NONE;

      for (guint a = 0; a < n_areas (s); a++)
        {
          GArray *q = g_ptr_array_index (queues, a);

          while (head[a] < q->len && unit == NONE)
            {
              guint v = g_array_index (q, guint, head[a]);
              gboolean open = FALSE;

              for (guint e = r->xadj[v]; e < r->xadj[v + 1] && !open; e++)
                open = s->assign[r->adj[e]] == NONE;
              if (open)
                break;
              head[a]++;
            }
          if (head[a] < q->len && (pick == NONE || POP (s, a) < POP (s, pick)))
            pick = a;
        }
      if (pick == NONE)
        break;
      {
        GArray *q = g_ptr_array_index (queues, pick);
        guint v = g_array_index (q, guint, head[pick]);

        for (guint e = r->xadj[v]; e < r->xadj[v + 1]; e++)
          if (s->assign[r->adj[e]] == NONE)
            {
              unit = r->adj[e];
              break;
            }
        put (s, unit, pick, 1);
        g_array_append_val (q, unit);
      }
    }
  attach_leftovers (s);
}

static double
links_to (State *s,
          guint  u,
          guint  a)
{
  double sum = 0;

  for (guint e = s->r->xadj[u]; e < s->r->xadj[u + 1]; e++)
    if (s->assign[s->r->adj[e]] == a)
      sum += s->r->w[e];
  return sum;
}

/* Single-unit boundary moves until none improves (errors, violation, cut). */
static void
local_search (State *s,
              GRand *rand)
{
  Region *r = s->r;
  const Rules *rules = s->rules;
  g_autofree guint *order = g_new (guint, r->n);
  gboolean improved = TRUE;

  for (guint u = 0; u < r->n; u++)
    order[u] = u;
  for (guint pass = 0; improved && pass < 50; pass++)
    {
      improved = FALSE;
      if (g_get_monotonic_time () > rules->deadline ||
          g_cancellable_is_cancelled (rules->cancellable))
        break;
      shuffle (rand, order, r->n);
      for (guint i = 0; i < r->n; i++)
        {
          guint u = order[i], a = s->assign[u];
          guint8 ha = have (s, a), ha_after = 0;

          if (SIZE (s, a) <= 1)
            continue;
          for (guint k = 0; k < N_KINDS; k++)
            if (KC (s, a, k) - ((r->kinds[u] >> k) & 1) > 0)
              ha_after |= 1u << k;
          for (guint e = r->xadj[u]; e < r->xadj[u + 1]; e++)
            {
              guint b = s->assign[r->adj[e]];
              gint64 pa = POP (s, a), pb = POP (s, b), p = r->pop[u];
              guint8 hb = have (s, b);
              int de;
              gint64 dv;
              double dc;

              if (b == a)
                continue;
              de = area_errors (rules, pa - p, ha_after) + area_errors (rules, pb + p, hb | r->kinds[u]) -
                   area_errors (rules, pa, ha) - area_errors (rules, pb, hb);
              dv = area_violation (rules, pa - p) + area_violation (rules, pb + p) -
                   area_violation (rules, pa) - area_violation (rules, pb);
              if (de > 0 || (de == 0 && dv > 0))
                continue;
              dc = links_to (s, u, a) - links_to (s, u, b);
              if (de == 0 && dv == 0 && dc > -1e-6)
                continue;
              if (!stays_connected (s, u))
                break;
              put (s, u, a, -1);
              put (s, u, b, 1);
              improved = TRUE;
              break;
            }
        }
    }
}

typedef struct
{
  guint  valid;
  guint  errors;
  gint64 violation;
  double cut;
} Score;

static Score
score (State *s)
{
  Score sc = { 0, 0, 0, 0 };

  for (guint a = 0; a < n_areas (s); a++)
    {
      int e = area_errors (s->rules, POP (s, a), have (s, a));

      sc.errors += e;
      sc.valid += e == 0;
      sc.violation += area_violation (s->rules, POP (s, a));
    }
  for (guint u = 0; u < s->r->n; u++)
    for (guint e = s->r->xadj[u]; e < s->r->xadj[u + 1]; e++)
      if (s->assign[s->r->adj[e]] != s->assign[u])
        sc.cut += s->r->w[e];
  return sc;
}

static gboolean
better (const Score *a,
        const Score *b,
        gboolean     max_p)
{
  if (max_p && a->valid != b->valid)
    return a->valid > b->valid;
  if (a->errors != b->errors)
    return a->errors < b->errors;
  if (a->violation != b->violation)
    return a->violation < b->violation;
  return a->cut < b->cut - 1e-6;
}

static void
solve_region (const Rules *rules,
              Region      *r)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (r->seed);
  guint attempts = CLAMP (200000 / MAX (r->n, 1), 3, 99);
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
  if (r->target == 1)
    attempts = 1;
  for (guint t = 0; t < attempts; t++)
    {
      Score sc;

      if (t > 0 && (g_get_monotonic_time () > rules->deadline ||
                    g_cancellable_is_cancelled (rules->cancellable)))
        break;
      for (guint u = 0; u < r->n; u++)
        s.assign[u] = NONE;
      g_array_set_size (s.pop, 0);
      g_array_set_size (s.size, 0);
      g_array_set_size (s.kc, 0);
      if (r->target == 0)
        grow_max (&s, rand);
      else
        grow_k (&s, rand, r->target);
      local_search (&s, rand);
      sc = score (&s);
      if (better (&sc, &best_score, r->target == 0))
        {
          best_score = sc;
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
  g_free (r->best);
}

/* Splits the free units into regions: by municipality when areas must stay
 * in one, then by connected part. */
static GArray *
make_regions (WkDataset      *dataset,
              WkProfile      *profile,
              const gboolean *kept)
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
  guint lo = rules->max < G_MAXINT64 ? (guint) ((r->total + rules->max - 1) / MAX (rules->max, 1)) : 1;
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
  g_autoptr(WkPlan) plan = wk_plan_new (dataset);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_search_limit_free);
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

  regions = make_regions (dataset, profile, kept);
  if (options->max_areas)
    ;  /* targets stay 0: as many as possible */
  else if (options->n_areas > 0)
    distribute (regions, options->n_areas);
  else
    for (guint i = 0; i < regions->len; i++)
      {
        Region *r = &g_array_index (regions, Region, i);
        r->target = choose_count (&rules, r);
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
