/* wk-checker.c: full and incremental checks, area statistics, the findings model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-checker"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wk-area-private.h"
#include "wk-array-private.h"
#include "wk-check-context.h"
#include "wk-checker.h"
#include "wk-checker-private.h"
#include "wk-criterion.h"
#include "wk-criterion-private.h"
#include "wk-area-stats-private.h"
#include "wk-finding-private.h"

struct _WkChecker
{
  GObject       parent_instance;

  WkPlan       *plan;
  WkDataset    *dataset;
  WkProfile    *profile;
  GPtrArray    *criteria;      /* WkCriterion, in profile order */
  gboolean      live;
  gulong        plan_changed_id;
  gulong        profile_changed_id;

  WkAreaStatsTable *stats;     /* the statistics of every area */
  WkCheckContext    ctx;       /* what the criteria read: plan, profile, stats */
  GHashTable  **by_key;        /* per criterion: key → GPtrArray of WkFinding */
  GHashTable   *area_refs;     /* area id → set of packed (criterion, key) */
  GSequence    *sequence;      /* WkFinding, sorted */
  GHashTable   *iters;         /* WkFinding → GSequenceIter */
  guint         counts[3];
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WkChecker, wk_checker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define PACK(c, k) (GUINT_TO_POINTER (((guint) (c) << 24) | (k)))
#define PACK_CRIT(p) (GPOINTER_TO_UINT (p) >> 24)
#define PACK_KEY(p) (GPOINTER_TO_UINT (p) & 0xffffff)

/* ------------------------------------------------------------ list model */

static GType
list_get_item_type (GListModel *model)
{
  return WK_TYPE_FINDING;
}

static guint
list_get_n_items (GListModel *model)
{
  return g_sequence_get_length (WK_CHECKER (model)->sequence);
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  WkChecker *self = WK_CHECKER (model);
  GSequenceIter *iter = g_sequence_get_iter_at_pos (self->sequence, position);

  if (g_sequence_iter_is_end (iter))
    return NULL;
  return g_object_ref (g_sequence_get (iter));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static int
sequence_compare (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  int c = _wk_finding_compare ((WkFinding *) a, (WkFinding *) b);

  /* Distinct findings never compare equal: fall back to identity. */
  if (c == 0 && a != b)
    return a < b ? -1 : 1;
  return c;
}

/* ------------------------------------------------------------ statistics */

/* -------------------------------------------------------------- findings */

/* Adds the areas @f names to @touched_areas, if any. */
static void
touch_areas (WkFinding  *f,
             GHashTable *touched_areas)
{
  const guint *areas;
  guint n;

  if (touched_areas == NULL)
    return;
  areas = wk_finding_get_areas (f, &n);
  for (guint k = 0; k < n; k++)
    g_hash_table_add (touched_areas, GUINT_TO_POINTER (areas[k]));
}

static void
ref_areas (WkChecker *self,
           WkFinding *f,
           gpointer   packed,
           gboolean   add)
{
  const guint *areas;
  guint n;

  areas = wk_finding_get_areas (f, &n);
  for (guint i = 0; i < n; i++)
    {
      GHashTable *set = g_hash_table_lookup (self->area_refs, GUINT_TO_POINTER (areas[i]));

      if (add)
        {
          if (set == NULL)
            {
              set = g_hash_table_new (NULL, NULL);
              g_hash_table_insert (self->area_refs, GUINT_TO_POINTER (areas[i]), set);
            }
          g_hash_table_add (set, packed);
        }
      else if (set != NULL)
        {
          /* Another finding of the same key may still refer to it; the set
           * is only a hint, so dropping too little is harmless. */
          g_hash_table_remove (set, packed);
        }
    }
}

static void
remove_finding (WkChecker *self,
                WkFinding *f,
                gboolean   emit)
{
  GSequenceIter *iter = g_hash_table_lookup (self->iters, f);
  guint pos;

  g_return_if_fail (iter != NULL);
  pos = g_sequence_iter_get_position (iter);
  self->counts[wk_finding_get_severity (f)]--;
  g_hash_table_remove (self->iters, f);
  g_sequence_remove (iter);   /* drops the sequence's reference */
  if (emit)
    g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
}

static void
insert_finding (WkChecker *self,
                WkFinding *f,
                gboolean   emit)
{
  GSequenceIter *iter = g_sequence_insert_sorted (self->sequence, g_object_ref (f),
                                                  sequence_compare, NULL);

  g_hash_table_insert (self->iters, f, iter);
  self->counts[wk_finding_get_severity (f)]++;
  if (emit)
    g_list_model_items_changed (G_LIST_MODEL (self), g_sequence_iter_get_position (iter), 0, 1);
}

static gboolean
same_findings (GPtrArray *a,
               GPtrArray *b)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (!wk_finding_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* Evaluates one key of one criterion and swaps its findings in. */
static void
evaluate_key (WkChecker *self,
              guint      c,
              guint      key,
              gboolean   emit,
              GHashTable *touched_areas)
{
  WkCriterion *crit = g_ptr_array_index (self->criteria, c);
  GHashTable *table = self->by_key[c];
  GPtrArray *old = g_hash_table_lookup (table, GUINT_TO_POINTER (key));
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  gpointer packed = PACK (c, key);

  g_return_if_fail (key < (1u << 24));

  if (wk_profile_get_enabled (self->profile, _wk_criterion_get_id (crit)))
    wk_criterion_evaluate (crit, &self->ctx, key, fresh);
  for (guint i = 0; i < fresh->len; i++)
    wk_finding_seal (g_ptr_array_index (fresh, i));

  if (same_findings (old, fresh))
    return;

  if (old != NULL)
    for (guint i = 0; i < old->len; i++)
      {
        WkFinding *f = g_ptr_array_index (old, i);

        touch_areas (f, touched_areas);
        ref_areas (self, f, packed, FALSE);
        remove_finding (self, f, emit);
      }
  g_hash_table_remove (table, GUINT_TO_POINTER (key));
  if (fresh->len == 0)
    return;
  for (guint i = 0; i < fresh->len; i++)
    {
      WkFinding *f = g_ptr_array_index (fresh, i);

      touch_areas (f, touched_areas);
      ref_areas (self, f, packed, TRUE);
      insert_finding (self, f, emit);
    }
  g_hash_table_insert (table, GUINT_TO_POINTER (key), g_steal_pointer (&fresh));
}

static void
update_area_status (WkChecker *self,
                    guint      area)
{
  WkArea *a = wk_plan_get_area (self->plan, area);
  GHashTable *set = g_hash_table_lookup (self->area_refs, GUINT_TO_POINTER (area));
  GHashTableIter iter;
  gpointer packed;
  gboolean any = FALSE;
  WkSeverity worst = WK_SEVERITY_INFO;

  if (a == NULL)
    return;
  if (set != NULL)
    {
      g_hash_table_iter_init (&iter, set);
      while (g_hash_table_iter_next (&iter, &packed, NULL))
        {
          GPtrArray *list = g_hash_table_lookup (self->by_key[PACK_CRIT (packed)],
                                                 GUINT_TO_POINTER (PACK_KEY (packed)));

          for (guint i = 0; list != NULL && i < list->len; i++)
            {
              WkFinding *f = g_ptr_array_index (list, i);

              if (wk_finding_has_area (f, area))
                {
                  any = TRUE;
                  worst = MAX (worst, wk_finding_get_severity (f));
                }
            }
        }
    }
  _wk_area_set_findings (a, any, worst);
}

static void
refresh_stats (WkChecker *self,
               guint      area)
{
  wk_check_context_refresh_stats (&self->ctx, area);
}

/* Evaluates @keys (a set of GUINT_TO_POINTER) of criterion @c in a stable
 * order, so that findings are inserted deterministically. */
static void
evaluate_keys (WkChecker  *self,
               guint       c,
               GHashTable *keys,
               gboolean    emit,
               GHashTable *touched_areas)
{
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint k = GPOINTER_TO_UINT (key);
      g_array_append_val (sorted, k);
    }
  g_array_sort (sorted, _wk_uint_compare);
  for (guint i = 0; i < sorted->len; i++)
    evaluate_key (self, c, g_array_index (sorted, guint, i), emit, touched_areas);
}

/* The incremental check: only what @change touched, plus every finding
 * that mentions a touched area (its message names the area). */
static void
check_change (WkChecker          *self,
              const WkPlanChange *change)
{
  g_autoptr(GHashTable) touched = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  if (change->flags & (WK_CHANGE_ASSIGNMENT | WK_CHANGE_AREAS))
    for (guint i = 0; i < change->areas->len; i++)
      refresh_stats (self, g_array_index (change->areas, guint, i));

  for (guint i = 0; i < change->areas->len; i++)
    g_hash_table_add (touched, GUINT_TO_POINTER (g_array_index (change->areas, guint, i)));

  for (guint c = 0; c < self->criteria->len; c++)
    {
      g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);

      _wk_criterion_collect_keys (g_ptr_array_index (self->criteria, c), &self->ctx, change, keys);
      for (guint i = 0; i < change->areas->len; i++)
        {
          GHashTable *set = g_hash_table_lookup (self->area_refs,
                                                 GUINT_TO_POINTER (g_array_index (change->areas, guint, i)));
          if (set == NULL)
            continue;
          g_hash_table_iter_init (&iter, set);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (PACK_CRIT (key) == c)
              g_hash_table_add (keys, GUINT_TO_POINTER (PACK_KEY (key)));
        }
      evaluate_keys (self, c, keys, TRUE, touched);
    }

  for (guint i = 0; i < change->areas->len; i++)
    {
      guint area = g_array_index (change->areas, guint, i);

      if (wk_plan_get_area (self->plan, area) == NULL)
        g_hash_table_remove (self->area_refs, GUINT_TO_POINTER (area));
    }
  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    update_area_status (self, GPOINTER_TO_UINT (key));

  g_signal_emit (self, signals[CHECKED], 0, change);
}

static void
on_plan_changed_cb (WkChecker    *self,
                    WkPlanChange *change,
                    WkPlan       *plan)
{
  if (self->live)
    check_change (self, change);
}

static void
on_profile_changed_cb (WkChecker *self,
                       WkProfile *profile)
{
  if (self->live)
    wk_checker_run (self);
}

/* --------------------------------------------------------------- GObject */

static void
wk_checker_dispose (GObject *object)
{
  WkChecker *self = (WkChecker *)object;

  if (self->plan != NULL)
    g_clear_signal_handler (&self->plan_changed_id, self->plan);
  if (self->profile != NULL)
    g_clear_signal_handler (&self->profile_changed_id, self->profile);
  g_clear_object (&self->plan);
  g_clear_object (&self->profile);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  G_OBJECT_CLASS (wk_checker_parent_class)->dispose (object);
}

static void
wk_checker_finalize (GObject *object)
{
  WkChecker *self = (WkChecker *)object;
  guint n;

  wk_profile_get_criteria (&n);
  for (guint c = 0; c < n; c++)
    g_hash_table_unref (self->by_key[c]);
  g_free (self->by_key);
  wk_check_context_clear (&self->ctx);
  wk_area_stats_table_free (self->stats);
  g_hash_table_unref (self->area_refs);
  g_hash_table_unref (self->iters);
  g_sequence_free (self->sequence);
  G_OBJECT_CLASS (wk_checker_parent_class)->finalize (object);
}

static void
wk_checker_class_init (WkCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wk_checker_dispose;
  object_class->finalize = wk_checker_finalize;

  /**
   * WkChecker::checked:
   * @change: (nullable): the plan change that was checked, or %NULL after a
   *   full check
   *
   * Emitted after the findings and area statistics are up to date.
   */
  signals[CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  WK_TYPE_PLAN_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
wk_checker_init (WkChecker *self)
{
  guint n;

  wk_profile_get_criteria (&n);
  self->by_key = g_new0 (GHashTable *, n);
  for (guint c = 0; c < n; c++)
    self->by_key[c] = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->stats = wk_area_stats_table_new ();
  self->area_refs = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  self->iters = g_hash_table_new (NULL, NULL);
  self->sequence = g_sequence_new (g_object_unref);
  self->live = TRUE;
}

/**
 * wk_checker_new:
 * @plan: the plan to check
 * @profile: the criteria
 *
 * Creates a checker and runs the full check.  While live (the default), it
 * re-checks incrementally after every plan change and fully after every
 * profile change.
 *
 * Returns: (transfer full): the checker
 */
WkChecker *
wk_checker_new (WkPlan    *plan,
                WkProfile *profile)
{
  WkChecker *self;

  g_return_val_if_fail (WK_IS_PLAN (plan), NULL);
  g_return_val_if_fail (WK_IS_PROFILE (profile), NULL);

  self = g_object_new (WK_TYPE_CHECKER, NULL);
  self->plan = g_object_ref (plan);
  self->dataset = g_object_ref (wk_plan_get_dataset (plan));
  self->profile = g_object_ref (profile);
  self->criteria = _wk_criteria_new_all ();
  wk_check_context_init (&self->ctx, self->plan, self->profile, self->stats);
  self->plan_changed_id = g_signal_connect_object (plan, "changed", G_CALLBACK (on_plan_changed_cb),
                                                   self, G_CONNECT_SWAPPED);
  self->profile_changed_id = g_signal_connect_object (profile, "changed",
                                                      G_CALLBACK (on_profile_changed_cb),
                                                      self, G_CONNECT_SWAPPED);
  wk_checker_run (self);
  return self;
}

WkPlan *
wk_checker_get_plan (WkChecker *self)
{
  g_return_val_if_fail (WK_IS_CHECKER (self), NULL);
  return self->plan;
}

WkDataset *
wk_checker_get_dataset (WkChecker *self)
{
  g_return_val_if_fail (WK_IS_CHECKER (self), NULL);
  return self->dataset;
}

WkProfile *
wk_checker_get_profile (WkChecker *self)
{
  g_return_val_if_fail (WK_IS_CHECKER (self), NULL);
  return self->profile;
}

/**
 * _wk_checker_set_live:
 *
 * Turns the automatic re-check on or off.  Turning it on runs a full check.
 */
void
_wk_checker_set_live (WkChecker *self,
                      gboolean   live)
{
  g_return_if_fail (WK_IS_CHECKER (self));
  if (self->live == !!live)
    return;
  self->live = !!live;
  if (live)
    wk_checker_run (self);
}

/**
 * wk_checker_run:
 *
 * The full check: every criterion, every key, from scratch.
 */
void
wk_checker_run (WkChecker *self)
{
  guint old_n, n_areas;
  GListModel *areas;

  g_return_if_fail (WK_IS_CHECKER (self));

  old_n = g_sequence_get_length (self->sequence);
  for (guint c = 0; c < self->criteria->len; c++)
    {
      _wk_criterion_reset (g_ptr_array_index (self->criteria, c));
      g_hash_table_remove_all (self->by_key[c]);
    }
  g_hash_table_remove_all (self->area_refs);
  g_hash_table_remove_all (self->iters);
  _wk_area_stats_table_clear (self->stats);
  g_sequence_remove_range (g_sequence_get_begin_iter (self->sequence),
                           g_sequence_get_end_iter (self->sequence));
  memset (self->counts, 0, sizeof self->counts);

  areas = wk_plan_get_areas (self->plan);
  n_areas = g_list_model_get_n_items (areas);
  for (guint i = 0; i < n_areas; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      refresh_stats (self, wk_area_get_id (area));
    }

  for (guint c = 0; c < self->criteria->len; c++)
    {
      g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);

      _wk_criterion_collect_keys (g_ptr_array_index (self->criteria, c), &self->ctx, NULL, keys);
      evaluate_keys (self, c, keys, FALSE, NULL);
    }

  for (guint i = 0; i < n_areas; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      update_area_status (self, wk_area_get_id (area));
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, g_sequence_get_length (self->sequence));
  g_signal_emit (self, signals[CHECKED], 0, NULL);
}

guint
wk_checker_get_n_findings (WkChecker *self)
{
  g_return_val_if_fail (WK_IS_CHECKER (self), 0);
  return g_sequence_get_length (self->sequence);
}

/**
 * wk_checker_count:
 *
 * Returns: how many findings have @severity
 */
guint
wk_checker_count (WkChecker  *self,
                  WkSeverity  severity)
{
  g_return_val_if_fail (WK_IS_CHECKER (self), 0);
  g_return_val_if_fail (severity <= WK_SEVERITY_ERROR, 0);
  return self->counts[severity];
}

/**
 * wk_checker_count_for_area:
 *
 * Returns: how many findings of @severity concern @area
 */
guint
wk_checker_count_for_area (WkChecker  *self,
                           guint       area,
                           WkSeverity  severity)
{
  g_autoptr(GPtrArray) findings = wk_checker_dup_area_findings (self, area);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (wk_finding_get_severity (g_ptr_array_index (findings, i)) == severity)
      n++;
  return n;
}

/**
 * wk_checker_dup_findings:
 *
 * Returns: (transfer full) (element-type WkFinding): all findings, sorted
 */
GPtrArray *
wk_checker_dup_findings (WkChecker *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  GSequenceIter *iter;

  g_return_val_if_fail (WK_IS_CHECKER (self), out);
  for (iter = g_sequence_get_begin_iter (self->sequence); !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    g_ptr_array_add (out, g_object_ref (g_sequence_get (iter)));
  return out;
}

/**
 * wk_checker_dup_area_findings:
 *
 * Returns: (transfer full) (element-type WkFinding): the findings that
 *   concern @area, sorted
 */
GPtrArray *
wk_checker_dup_area_findings (WkChecker *self,
                              guint      area)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  GSequenceIter *iter;

  g_return_val_if_fail (WK_IS_CHECKER (self), out);
  for (iter = g_sequence_get_begin_iter (self->sequence); !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    if (wk_finding_has_area (g_sequence_get (iter), area))
      g_ptr_array_add (out, g_object_ref (g_sequence_get (iter)));
  return out;
}

/**
 * wk_checker_get_area_stats:
 *
 * Returns: (transfer none) (nullable): the area's figures; valid until the
 *   next change
 */
const WkAreaStats *
wk_checker_get_area_stats (WkChecker *self,
                           guint      area)
{
  g_return_val_if_fail (WK_IS_CHECKER (self), NULL);
  return _wk_area_stats_table_lookup (self->stats, area);
}

gboolean
wk_checker_is_contiguous (WkChecker *self,
                          guint      area)
{
  const WkAreaStats *st = wk_checker_get_area_stats (self, area);

  return st != NULL && st->n_parts <= 1;
}

/**
 * wk_checker_dup_area_fields:
 *
 * Aggregates every extra numeric unit field over the area: sums for counts,
 * population-weighted means for percentages and averages, area-weighted
 * means for densities.
 *
 * Returns: (transfer full) (element-type WkFieldAggregate): one per field
 */
GArray *
wk_checker_dup_area_fields (WkChecker *self,
                            guint      area)
{
  guint n_fields = wk_dataset_get_n_fields (self->dataset);
  GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (WkFieldAggregate), n_fields);
  const guint *units;
  guint n;

  g_return_val_if_fail (WK_IS_CHECKER (self), out);
  units = wk_plan_get_area_units (self->plan, area, &n);
  for (guint f = 0; f < n_fields; f++)
    {
      const WkFieldInfo *info = wk_dataset_get_field (self->dataset, f);
      WkFieldAggregate agg = { info->name, NAN, info->aggregate != WK_AGGREGATE_SUM, 0 };
      double sum = 0.0, weight = 0.0;
      gboolean any = FALSE;

      for (guint i = 0; i < n; i++)
        {
          const WkUnit *u = wk_dataset_get_unit (self->dataset, units[i]);
          double v = wk_dataset_get_value (self->dataset, units[i], f);
          double w = 1.0;

          if (!isfinite (v))
            {
              agg.n_unknown++;
              continue;
            }
          if (info->aggregate == WK_AGGREGATE_POP_MEAN)
            {
              if (u->population < 0)
                {
                  agg.n_unknown++;
                  continue;
                }
              w = (double) u->population;
            }
          else if (info->aggregate == WK_AGGREGATE_AREA_MEAN)
            w = u->area_m2;
          sum += info->aggregate == WK_AGGREGATE_SUM ? v : v * w;
          weight += w;
          any = TRUE;
        }
      if (any)
        agg.value = info->aggregate == WK_AGGREGATE_SUM ? sum : (weight > 0 ? sum / weight : NAN);
      g_array_append_val (out, agg);
    }
  return out;
}

/**
 * wk_checker_dup_unassigned:
 *
 * Returns: (transfer full) (element-type guint): units without an area, sorted
 */
GArray *
wk_checker_dup_unassigned (WkChecker *self)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint *assignment;
  guint n;

  g_return_val_if_fail (WK_IS_CHECKER (self), out);
  assignment = wk_plan_get_assignment (self->plan, &n);
  for (guint u = 0; u < n; u++)
    if (assignment[u] == WK_AREA_NONE)
      g_array_append_val (out, u);
  return out;
}
