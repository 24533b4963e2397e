/* wk-propose-private.h: the propose engine's working state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "wk-dataset.h"
#include "wk-propose.h"
#include "wk-types.h"

G_BEGIN_DECLS

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
  guint    *net;           /* (nullable) the team area of each unit, or NONE */
  gint64    total;
  guint     target;        /* areas wanted; 0: as many as possible */
  guint     fewest;        /* with a count the engine chose, the fewest it may make; else 0 */
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

typedef struct
{
  guint  valid;
  guint  errors;
  gint64 violation;
  double cut;
} Score;

#define POP(s, a) g_array_index ((s)->pop, gint64, a)
#define SIZE(s, a) g_array_index ((s)->size, guint, a)
#define KC(s, a, k) g_array_index ((s)->kc, guint, (a) * N_KINDS + (k))

static inline guint
n_areas (State *s)
{
  return s->pop->len;
}

/* Drops the areas from @n on (their units must be free). */
static inline void
set_n_areas (State *s,
             guint  n)
{
  g_array_set_size (s->pop, n);
  g_array_set_size (s->size, n);
  g_array_set_size (s->kc, n * N_KINDS);
}

static inline guint8
have (State *s,
      guint  a)
{
  guint8 h = 0;

  for (guint k = 0; k < N_KINDS; k++)
    if (KC (s, a, k) > 0)
      h |= 1u << k;
  return h;
}

static inline int
area_errors (const Rules *rules,
             gint64       pop,
             guint8       held)
{
  return (pop < rules->min) + (pop > rules->max) + __builtin_popcount (rules->need & ~held);
}

static inline gint64
area_violation (const Rules *rules,
                gint64       pop)
{
  return MAX (rules->min - pop, 0) + MAX (pop - rules->max, 0);
}

static inline guint
next_gen (State *s)
{
  if (++s->gen == 0)
    {
      memset (s->mark, 0, sizeof (guint) * s->r->n);
      s->gen = 1;
    }
  return s->gen;
}

guint    _wk_propose_new_area         (State *s);
void     _wk_propose_put              (State *s,
                                       guint u,
                                       guint a,
                                       int   sign);
gboolean _wk_propose_stays_connected  (State *s,
                                       guint u);
void     _wk_propose_shuffle          (GRand *rand,
                                       guint *v,
                                       guint n);
int      _wk_propose_scarcest_kind    (Region      *r,
                                       const Rules *rules);
guint *  _wk_propose_seed_order       (Region      *r,
                                       const Rules *rules,
                                       GRand       *rand);
void     _wk_propose_order_seeds      (Region      *r,
                                       const Rules *rules,
                                       GRand       *rand,
                                       guint       *units,
                                       guint        n);
void     _wk_propose_grow_from        (State       *s,
                                       GRand       *rand,
                                       const guint *order,
                                       guint        n_order);
void     _wk_propose_attach           (State       *s,
                                       const guint *units,
                                       guint        n_units);
void     _wk_propose_attach_leftovers (State *s);
void     _wk_propose_grow_max         (State *s,
                                       GRand *rand);
void     _wk_propose_grow_k           (State *s,
                                       GRand *rand,
                                       guint k);
void     _wk_propose_local_search     (State *s,
                                       GRand *rand);
Score    _wk_propose_score            (State *s);
gboolean _wk_propose_better           (const Score *a,
                                       const Score *b,
                                       gboolean    max_p);
void     _wk_propose_seed_networks    (State    *s,
                                       GRand    *rand,
                                       gboolean  grow,
                                       guint     k);
void     _wk_propose_compact          (State *s,
                                       guint *buffer);
void     _wk_propose_load             (State       *s,
                                       const guint *assign);
void     _wk_propose_merge_split      (State *s,
                                       GRand *rand,
                                       guint  iterations);
void     _wk_search_limit_free        (WkSearchLimit *limit);

G_END_DECLS
