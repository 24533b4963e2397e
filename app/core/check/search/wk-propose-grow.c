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

/* Seeds in random order, units holding the scarcest required kind first. */
guint *
_wk_propose_seed_order (Region      *r,
            const Rules *rules,
            GRand       *rand)
{
  guint *order = g_new (guint, r->n), n_first = 0;
  int kind = _wk_propose_scarcest_kind (r, rules);

  for (guint u = 0; u < r->n; u++)
    if (kind >= 0 && (r->kinds[u] & (1u << kind)))
      order[n_first++] = u;
  for (guint u = 0, i = n_first; u < r->n; u++)
    if (!(kind >= 0 && (r->kinds[u] & (1u << kind))))
      order[i++] = u;
  _wk_propose_shuffle (rand, order, n_first);
  _wk_propose_shuffle (rand, order + n_first, r->n - n_first);
  return order;
}

/* Enclaves: unassigned units join the smallest neighbouring area that stays
 * under the ceiling; then any neighbouring area; a cluster with no
 * neighbouring area at all becomes an area of its own. */
void
_wk_propose_attach_leftovers (State *s)
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
                  _wk_propose_put (s, u, best, 1);
                  changed = TRUE;
                }
            }
        }
    }
  for (guint u = 0; u < r->n; u++)
    if (s->assign[u] == NONE)
      {
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

/* Max-p growth: one area at a time, from seeds, up to the floor. */
void
_wk_propose_grow_max (State *s,
          GRand *rand)
{
  Region *r = s->r;
  const Rules *rules = s->rules;
  g_autofree guint *order = _wk_propose_seed_order (r, rules, rand);
  g_autofree gboolean *tried = g_new0 (gboolean, r->n);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < r->n; i++)
    {
      guint seed = order[i], a;

      if (s->assign[seed] != NONE || tried[seed])
        continue;
      a = _wk_propose_new_area (s);
      g_array_set_size (members, 0);
      _wk_propose_put (s, seed, a, 1);
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
          _wk_propose_put (s, pick, a, 1);
          g_array_append_val (members, pick);
        }
      if (POP (s, a) < rules->min || (rules->need & ~have (s, a)))
        {
          /* Could not be completed: its units become enclaves. */
          for (guint m = 0; m < members->len; m++)
            {
              guint v = g_array_index (members, guint, m);

              _wk_propose_put (s, v, a, -1);
              tried[v] = TRUE;
            }
          g_array_set_size (s->pop, a);
          g_array_set_size (s->size, a);
          g_array_set_size (s->kc, a * N_KINDS);
        }
    }
  _wk_propose_attach_leftovers (s);
}

/* k areas: farthest-point seeds, grown breadth-first, smallest first. */
void
_wk_propose_grow_k (State *s,
        GRand *rand,
        guint  k)
{
  Region *r = s->r;
  g_autofree double *dist = g_new (double, r->n);
  g_autofree guint *head = g_new0 (guint, k);
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  int kind = _wk_propose_scarcest_kind (r, s->rules);
  gboolean restrict_kind = kind >= 0 && r->n_prov[kind] >= k;
  guint seed = NONE;

  k = MIN (k, r->n);
  for (guint u = 0; u < r->n; u++)
    dist[u] = INFINITY;
  {
    g_autofree guint *order = _wk_propose_seed_order (r, s->rules, rand);
    seed = order[0];
  }
  for (guint i = 0; i < k; i++)
    {
      guint a = _wk_propose_new_area (s);
      GArray *q = g_array_new (FALSE, FALSE, sizeof (guint));
      double far = -1;

      _wk_propose_put (s, seed, a, 1);
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
        _wk_propose_put (s, unit, pick, 1);
        g_array_append_val (q, unit);
      }
    }
  _wk_propose_attach_leftovers (s);
}

