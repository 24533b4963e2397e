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
              de = area_errors (rules, pa - p, ha_after) +
                   area_errors (rules, pb + p, hb | r->kinds[u]) -
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


/* Sets the totals of @s from @assign (dense area ids, NONE for free units). */
void
_wk_propose_load (State       *s,
                  const guint *assign)
{
  guint count = 0;

  for (guint u = 0; u < s->r->n; u++)
    if (assign[u] != NONE)
      count = MAX (count, assign[u] + 1);
  set_n_areas (s, 0);
  for (guint a = 0; a < count; a++)
    _wk_propose_new_area (s);
  for (guint u = 0; u < s->r->n; u++)
    {
      guint a = assign[u];

      s->assign[u] = NONE;
      if (a != NONE)
        _wk_propose_put (s, u, a, 1);
    }
}

/* Renumbers the areas without the empty ones; @buffer holds n units. */
void
_wk_propose_compact (State *s,
                     guint *buffer)
{
  g_autofree guint *id = g_new (guint, MAX (n_areas (s), 1));
  guint next = 0;

  for (guint a = 0; a < n_areas (s); a++)
    id[a] = SIZE (s, a) > 0 ? next++ : NONE;
  if (next == n_areas (s))
    return;
  for (guint u = 0; u < s->r->n; u++)
    buffer[u] = s->assign[u] == NONE ? NONE : id[s->assign[u]];
  _wk_propose_load (s, buffer);
}

/* Working memory of the merge-and-split phase */
typedef struct
{
  guint  *saved;           /* the area each freed unit had */
  guint  *tabu;            /* step until which a unit is no centre */
  GArray *freed;           /* units of the chosen areas */
  GArray *around;          /* neighbouring areas: area, unit pairs */
  GArray *amark;           /* generation per area */
  guint   agen;
} Step;

/* Appends the units of the area holding @start (areas are contiguous). */
static void
collect_area (State  *s,
              guint   start,
              guint   gen,
              GArray *out)
{
  Region *r = s->r;
  guint a = s->assign[start], from = out->len;

  s->mark[start] = gen;
  g_array_append_val (out, start);
  for (guint i = from; i < out->len; i++)
    {
      guint v = g_array_index (out, guint, i);

      for (guint e = r->xadj[v]; e < r->xadj[v + 1]; e++)
        {
          guint x = r->adj[e];

          if (s->assign[x] == a && s->mark[x] != gen)
            {
              s->mark[x] = gen;
              g_array_append_val (out, x);
            }
        }
    }
}

static guint
next_area_gen (State *s,
               Step  *st)
{
  if (st->amark->len < n_areas (s))
    g_array_set_size (st->amark, n_areas (s));
  if (++st->agen == 0)
    {
      memset (st->amark->data, 0, sizeof (guint) * st->amark->len);
      st->agen = 1;
    }
  return st->agen;
}

/* Frees nothing yet: fills st->freed with the units of the area of a random
 * unit that is not tabu, alone when it holds at least twice the floor (a
 * split), else with one to five of its neighbouring areas (a merge to be
 * re-split). */
static void
pick_units (State *s,
            GRand *rand,
            Step  *st,
            guint  step)
{
  Region *r = s->r;
  guint u = g_rand_int_range (rand, 0, r->n), centre, gen = next_gen (s), agen, extra;

  for (guint tries = 0; tries < 8 && st->tabu[u] > step; tries++)
    u = g_rand_int_range (rand, 0, r->n);
  centre = s->assign[u];
  g_array_set_size (st->freed, 0);
  collect_area (s, u, gen, st->freed);
  if (POP (s, centre) >= 2 * s->rules->min && g_rand_boolean (rand))
    return;
  agen = next_area_gen (s, st);
  g_array_index (st->amark, guint, centre) = agen;
  g_array_set_size (st->around, 0);
  for (guint i = 0, n = st->freed->len; i < n; i++)
    {
      guint v = g_array_index (st->freed, guint, i);

      for (guint e = r->xadj[v]; e < r->xadj[v + 1]; e++)
        {
          guint x = r->adj[e], b = s->assign[x];

          if (g_array_index (st->amark, guint, b) != agen)
            {
              g_array_index (st->amark, guint, b) = agen;
              g_array_append_val (st->around, x);
            }
        }
    }
  _wk_propose_shuffle (rand, (guint *) st->around->data, st->around->len);
  extra = g_rand_int_range (rand, 1, 6);
  extra = MIN (extra, st->around->len);
  for (guint i = 0; i < extra; i++)
    collect_area (s, g_array_index (st->around, guint, i), gen, st->freed);
}

/* The score of the areas that hold @units or their neighbours. */
static Score
score_near (State       *s,
            Step        *st,
            const guint *units,
            guint        n_units)
{
  Region *r = s->r;
  Score sc = { 0, 0, 0, 0 };
  guint agen = next_area_gen (s, st);

  for (guint i = 0; i < n_units; i++)
    for (guint e = r->xadj[units[i]]; e <= r->xadj[units[i] + 1]; e++)
      {
        /* the last round looks at the unit itself */
        guint a = s->assign[e < r->xadj[units[i] + 1] ? r->adj[e] : units[i]];
        int errors;

        if (a == NONE || g_array_index (st->amark, guint, a) == agen || SIZE (s, a) == 0)
          continue;
        g_array_index (st->amark, guint, a) = agen;
        errors = area_errors (s->rules, POP (s, a), have (s, a));
        sc.errors += errors;
        sc.valid += errors == 0;
        sc.violation += area_violation (s->rules, POP (s, a));
      }
  return sc;
}

/* Drops the empty areas at the end of the list. */
static void
trim (State *s)
{
  guint n = n_areas (s);

  while (n > 0 && SIZE (s, n - 1) == 0)
    n--;
  set_n_areas (s, n);
}

/* Merge-and-split for max-p: @steps times, the units of a few neighbouring
 * areas are freed and grown again into areas from random seeds (enclaves
 * attached).  Only the areas near the freed units are scored, so a step
 * costs the size of its areas, not of the region.  Old-bachelor
 * acceptance: a step that loses no valid area is kept (a walk over the
 * plateau); after a long run of rejected steps (ten per valid area), one
 * that loses a single valid area is kept too; the best state seen is the
 * result.  The units of a rejected step are tabu as centre for a few
 * steps.  Counts steps, not time: the same seed gives the same plan (the
 * deadline only cuts it short). */
void
_wk_propose_merge_split (State *s,
                         GRand *rand,
                         guint  steps)
{
  Region *r = s->r;
  const Rules *rules = s->rules;
  g_autofree guint *best = g_new (guint, r->n);
  g_autofree guint *scratch = g_new (guint, r->n);
  Step st = { 0 };
  Score current = _wk_propose_score (s), top;
  guint rejected = 0;

  if (n_areas (s) < 1 || rules->min <= 0)
    return;
  current.cut = 0;   /* the local search after this phase shortens the borders */
  top = current;
  st.saved = g_new (guint, r->n);
  st.tabu = g_new0 (guint, r->n);
  st.freed = g_array_new (FALSE, FALSE, sizeof (guint));
  st.around = g_array_new (FALSE, FALSE, sizeof (guint));
  st.amark = g_array_new (FALSE, TRUE, sizeof (guint));
  memcpy (best, s->assign, sizeof (guint) * r->n);
  for (guint step = 0; step < steps; step++)
    {
      guint *freed, n_freed, slack;
      Score before, after;

      if ((step & 63) == 0 && (g_get_monotonic_time () > rules->deadline ||
                               g_cancellable_is_cancelled (rules->cancellable)))
        break;
      pick_units (s, rand, &st, step);
      freed = (guint *) st.freed->data;
      n_freed = st.freed->len;
      before = score_near (s, &st, freed, n_freed);
      for (guint i = 0; i < n_freed; i++)
        {
          st.saved[freed[i]] = s->assign[freed[i]];
          _wk_propose_put (s, freed[i], s->assign[freed[i]], -1);
        }
      _wk_propose_order_seeds (r, rules, rand, freed, n_freed);
      _wk_propose_grow_from (s, rand, freed, n_freed);
      _wk_propose_attach (s, freed, n_freed);
      after = score_near (s, &st, freed, n_freed);
      after.valid = current.valid + after.valid - before.valid;
      after.errors = current.errors + after.errors - before.errors;
      after.violation = current.violation + after.violation - before.violation;
      after.cut = 0;
      /* old bachelor: after a run of rejections, one valid area may go */
      slack = rejected >= 10 * current.valid ? 1 : 0;
      if (after.errors <= current.errors && after.valid + slack >= current.valid)
        {
          rejected = after.valid < current.valid ? 0 : rejected;
          current = after;
          if (_wk_propose_better (&current, &top, TRUE))
            {
              top = current;
              memcpy (best, s->assign, sizeof (guint) * r->n);
            }
        }
      else
        {
          for (guint i = 0; i < n_freed; i++)
            {
              _wk_propose_put (s, freed[i], s->assign[freed[i]], -1);
              st.tabu[freed[i]] = step + 8;
            }
          for (guint i = 0; i < n_freed; i++)
            _wk_propose_put (s, freed[i], st.saved[freed[i]], 1);
          rejected++;
        }
      trim (s);
      if (n_areas (s) > 2 * current.valid + 64)
        _wk_propose_compact (s, scratch);
    }
  _wk_propose_load (s, best);
  _wk_propose_compact (s, scratch);
  g_free (st.saved);
  g_free (st.tabu);
  g_array_unref (st.freed);
  g_array_unref (st.around);
  g_array_unref (st.amark);
}
