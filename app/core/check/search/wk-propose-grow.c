/* wk-propose-grow.c: the constructions of the propose engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-search"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wk-propose-private.h"

guint
_wk_propose_new_area (State *s)
{
  gint64 zero = 0;
  guint zs = 0, zk[N_KINDS] = { 0 };

  g_array_append_val (s->pop, zero);
  g_array_append_val (s->size, zs);
  g_array_append_vals (s->kc, zk, N_KINDS);
  return s->pop->len - 1;
}


void
_wk_propose_put (State *s,
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

/* Whether area @a stays connected without unit @u. */
gboolean
_wk_propose_stays_connected (State *s,
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

void
_wk_propose_shuffle (GRand *rand,
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
int
_wk_propose_scarcest_kind (Region      *r,
                           const Rules *rules)
{
  int best = -1;

  for (guint k = 0; k < N_KINDS; k++)
    if ((rules->need & (1u << k)) && (best < 0 || r->n_prov[k] < r->n_prov[best]))
      best = k;
  return best;
}

/* Puts @units (@n of them) in random seed order, the units holding the
 * scarcest required kind first. */
void
_wk_propose_order_seeds (Region      *r,
                         const Rules *rules,
                         GRand       *rand,
                         guint       *units,
                         guint        n)
{
  int kind = _wk_propose_scarcest_kind (r, rules);
  guint n_first = 0;

  if (kind >= 0)
    for (guint i = 0; i < n; i++)
      if (r->kinds[units[i]] & (1u << kind))
        {
          guint t = units[n_first];

          units[n_first++] = units[i];
          units[i] = t;
        }
  _wk_propose_shuffle (rand, units, n_first);
  _wk_propose_shuffle (rand, units + n_first, n - n_first);
}

/* All units of the region in seed order. */
guint *
_wk_propose_seed_order (Region      *r,
                        const Rules *rules,
                        GRand       *rand)
{
  guint *order = g_new (guint, r->n);

  for (guint u = 0; u < r->n; u++)
    order[u] = u;
  _wk_propose_order_seeds (r, rules, rand, order, r->n);
  return order;
}

/* Enclaves: unassigned units join the smallest neighbouring area that stays
 * under the ceiling; then any neighbouring area; a cluster with no
 * neighbouring area at all becomes an area of its own.  Looks only at
 * @units (@n_units of them), or at all units when @units is %NULL. */
void
_wk_propose_attach (State       *s,
                    const guint *units,
                    guint        n_units)
{
  Region *r = s->r;
  gboolean changed = TRUE;

  for (int strict = 1; strict >= 0; strict--)
    {
      changed = TRUE;
      while (changed)
        {
          changed = FALSE;
          for (guint i = 0; i < n_units; i++)
            {
              guint u = units != NULL ? units[i] : i, best = NONE;

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
                  _wk_propose_put (s, u, best, 1);
                  changed = TRUE;
                }
            }
        }
    }
  for (guint i = 0; i < n_units; i++)
    if (s->assign[units != NULL ? units[i] : i] == NONE)
      {
        guint u = units != NULL ? units[i] : i;
        guint a = _wk_propose_new_area (s);

        g_array_set_size (s->stack, 0);
        _wk_propose_put (s, u, a, 1);
        g_array_append_val (s->stack, u);
        while (s->stack->len > 0)
          {
            guint v = g_array_index (s->stack, guint, s->stack->len - 1);

            g_array_set_size (s->stack, s->stack->len - 1);
            for (guint e = r->xadj[v]; e < r->xadj[v + 1]; e++)
              if (s->assign[r->adj[e]] == NONE)
                {
                  _wk_propose_put (s, r->adj[e], a, 1);
                  g_array_append_val (s->stack, r->adj[e]);
                }
          }
      }
}

void
_wk_propose_attach_leftovers (State *s)
{
  _wk_propose_attach (s, NULL, s->r->n);
}

/* Grows area @a (its units in @members) by free neighbouring units until it
 * reaches the floor and holds every required kind, never above the ceiling:
 * a unit that covers a missing kind first, then the smallest unit that
 * completes the area, else a random one; ties to the most links.  Returns
 * whether the area is complete. */
static gboolean
grow_area (State  *s,
           GRand  *rand,
           guint   a,
           GArray *members)
{
  Region *r = s->r;
  const Rules *rules = s->rules;

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
              covers = (r->kinds[c] & missing) != 0;
              /* Once a unit reaches the floor, the smallest that does: max-p
               * wants areas just above it. */
              completes = POP (s, a) + r->pop[c] >= rules->min;
              tie = completes ? (guint) MIN (r->pop[c], G_MAXUINT / 2) : G_MAXUINT / 2 + 1 +
                    (g_rand_int (rand) >> 2);
              if (pick != NONE && (covers < pick_covers ||
                                   (covers == pick_covers && tie > pick_tie)))
                continue;
              /* the links to the area only break a tie: counted then */
              for (guint f = r->xadj[c]; f < r->xadj[c + 1]; f++)
                links += s->assign[r->adj[f]] == a;
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
      _wk_propose_put (s, pick, a, 1);
      g_array_append_val (members, pick);
    }
  return POP (s, a) >= rules->min && !(rules->need & ~have (s, a));
}

/* Max-p growth: one area at a time from the seeds in @order (free units),
 * each up to the floor and the required providers; an area that cannot be
 * completed gives its units back, and they are not tried as seeds again.
 * Leaves the units no area took free. */
void
_wk_propose_grow_from (State       *s,
                       GRand       *rand,
                       const guint *order,
                       guint        n_order)
{
  Region *r = s->r;
  g_autofree gboolean *tried = g_new0 (gboolean, r->n);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n_order; i++)
    {
      guint seed = order[i], a;

      if (s->assign[seed] != NONE || tried[seed])
        continue;
      a = _wk_propose_new_area (s);
      g_array_set_size (members, 0);
      _wk_propose_put (s, seed, a, 1);
      g_array_append_val (members, seed);
      if (!grow_area (s, rand, a, members))
        {
          /* Could not be completed: its units become enclaves. */
          for (guint m = 0; m < members->len; m++)
            {
              guint v = g_array_index (members, guint, m);

              _wk_propose_put (s, v, a, -1);
              tried[v] = TRUE;
            }
          set_n_areas (s, a);
        }
    }
}

/* Team areas as seeds: each connected part of a team area's units (a unit
 * belongs to the team area that covers most of it) becomes an area when it
 * stays under the ceiling.  With max-p (@grow) each then grows to the floor
 * and the required providers, and gives its units back when it cannot.
 * With @k, at most k team areas, the most populous. */
void
_wk_propose_seed_networks (State   *s,
                           GRand   *rand,
                           gboolean grow,
                           guint    k)
{
  Region *r = s->r;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

  if (r->net == NULL)
    return;
  for (guint u0 = 0; u0 < r->n; u0++)
    {
      guint a;

      if (r->net[u0] == NONE || s->assign[u0] != NONE)
        continue;
      a = _wk_propose_new_area (s);
      g_array_set_size (members, 0);
      _wk_propose_put (s, u0, a, 1);
      g_array_append_val (members, u0);
      for (guint i = 0; i < members->len; i++)
        {
          guint v = g_array_index (members, guint, i);

          for (guint e = r->xadj[v]; e < r->xadj[v + 1]; e++)
            if (s->assign[r->adj[e]] == NONE && r->net[r->adj[e]] == r->net[u0])
              {
                _wk_propose_put (s, r->adj[e], a, 1);
                g_array_append_val (members, r->adj[e]);
              }
        }
      if (POP (s, a) > s->rules->max || (grow && !grow_area (s, rand, a, members)))
        for (guint i = 0; i < members->len; i++)
          _wk_propose_put (s, g_array_index (members, guint, i), a, -1);
    }
  /* the empty areas out, then the least populous beyond k */
  {
    g_autofree guint *keep = g_new (guint, r->n);
    guint live = 0;

    for (guint a = 0; a < n_areas (s); a++)
      live += SIZE (s, a) > 0;
    while (!grow && live > k)
      {
        guint least = NONE;

        for (guint a = 0; a < n_areas (s); a++)
          if (SIZE (s, a) > 0 && (least == NONE || POP (s, a) < POP (s, least)))
            least = a;
        for (guint u = 0; u < r->n; u++)
          if (s->assign[u] == least)
            _wk_propose_put (s, u, least, -1);
        live--;
      }
    _wk_propose_compact (s, keep);
  }
}

/* Max-p growth over the whole region, then the enclaves attached. */
void
_wk_propose_grow_max (State *s,
                      GRand *rand)
{
  g_autofree guint *order = _wk_propose_seed_order (s->r, s->rules, rand);

  _wk_propose_grow_from (s, rand, order, s->r->n);
  _wk_propose_attach_leftovers (s);
}

static void
update_dist (Region *r,
             double *dist,
             guint   from)
{
  for (guint u = 0; u < r->n; u++)
    {
      double dx = r->cx[u] - r->cx[from], dy = r->cy[u] - r->cy[from];

      dist[u] = MIN (dist[u], dx * dx + dy * dy);
    }
}

/* The free unit farthest from the seeds so far (holding @kind unless -1). */
static guint
farthest (State        *s,
          const double *dist,
          int           kind)
{
  guint seed = NONE;
  double far = -1;

  for (guint u = 0; u < s->r->n; u++)
    if (s->assign[u] == NONE && dist[u] > far && (kind < 0 || (s->r->kinds[u] & (1u << kind))))
      {
        far = dist[u];
        seed = u;
      }
  return seed;
}

/* k areas: farthest-point seeds, grown breadth-first, smallest first; areas
 * already made (team areas) count among the k. */
void
_wk_propose_grow_k (State *s,
                    GRand *rand,
                    guint  k)
{
  Region *r = s->r;
  g_autofree double *dist = g_new (double, r->n);
  g_autofree guint *head = g_new0 (guint, MAX (k, n_areas (s)));
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  int kind = _wk_propose_scarcest_kind (r, s->rules);
  gboolean restrict_kind = kind >= 0 && r->n_prov[kind] >= k;
  guint seed = NONE;

  k = MIN (k, r->n);
  for (guint u = 0; u < r->n; u++)
    dist[u] = INFINITY;
  /* areas made before (team areas) grow too, and the next seed lies far
   * from their first unit */
  for (guint a = 0; a < n_areas (s); a++)
    g_ptr_array_add (queues, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint u = 0; u < r->n; u++)
    if (s->assign[u] != NONE)
      {
        GArray *q = g_ptr_array_index (queues, s->assign[u]);

        if (q->len == 0)
          update_dist (r, dist, u);
        g_array_append_val (q, u);
      }
  if (n_areas (s) == 0)
    {
      g_autofree guint *order = _wk_propose_seed_order (r, s->rules, rand);
      seed = order[0];
    }
  else
    seed = farthest (s, dist, restrict_kind ? kind : -1);
  while (n_areas (s) < k && seed != NONE)
    {
      guint a = _wk_propose_new_area (s);
      GArray *q = g_array_new (FALSE, FALSE, sizeof (guint));

      _wk_propose_put (s, seed, a, 1);
      g_array_append_val (q, seed);
      g_ptr_array_add (queues, q);
      update_dist (r, dist, seed);
      seed = farthest (s, dist, restrict_kind ? kind : -1);
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
        _wk_propose_put (s, unit, pick, 1);
        g_array_append_val (q, unit);
      }
    }
  _wk_propose_attach_leftovers (s);
}
