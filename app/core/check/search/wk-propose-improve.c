/* wk-propose-improve.c: the improvement phases of the propose engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-search"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wk-propose-private.h"

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
void
_wk_propose_local_search (State *s,
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
      _wk_propose_shuffle (rand, order, r->n);
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
              if (!_wk_propose_stays_connected (s, u))
                break;
              _wk_propose_put (s, u, a, -1);
              _wk_propose_put (s, u, b, 1);
              improved = TRUE;
              break;
            }
        }
    }
}

Score
_wk_propose_score (State *s)
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

gboolean
_wk_propose_better (const Score *a,
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

