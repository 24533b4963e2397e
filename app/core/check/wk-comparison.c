/* wk-comparison.c: what differs between two plans (scenarios) of one data set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-comparison"

#include "config.h"

#include "wk-area.h"
#include "wk-checker.h"
#include "wk-comparison.h"
#include "wk-dataset.h"
#include "wk-finding.h"
#include "wk-finding-private.h"
#include "wk-plan.h"

struct _WkComparison
{
  GObject     parent_instance;

  WkPlan     *a;
  WkPlan     *b;
  GArray     *moves;      /* WkUnitMove */
  GArray     *areas;      /* WkAreaDelta */
  GArray     *findings;   /* WkFindingDelta */
  guint       n_same;
};

G_DEFINE_FINAL_TYPE (WkComparison, wk_comparison, G_TYPE_OBJECT)

static void
area_delta_clear (gpointer data)
{
  WkAreaDelta *d = data;

  g_free (d->name_a);
  g_free (d->name_b);
}

static void
finding_delta_clear (gpointer data)
{
  WkFindingDelta *d = data;

  g_clear_object (&d->a);
  g_clear_object (&d->b);
}

/* ---------------------------------------------------------------- areas */

static void
fill_side (WkAreaDelta *d,
           WkChecker   *checker,
           WkArea      *area,
           gboolean     side_b)
{
  const WkAreaStats *st = wk_checker_get_area_stats (checker, wk_area_get_id (area));

  if (side_b)
    {
      d->name_b = g_strdup (wk_area_get_name (area));
      d->id_b = wk_area_get_id (area);
      d->population_b = st ? st->population : wk_area_get_population (area);
      d->n_units_b = wk_area_get_n_units (area);
    }
  else
    {
      d->name_a = g_strdup (wk_area_get_name (area));
      d->id_a = wk_area_get_id (area);
      d->population_a = st ? st->population : wk_area_get_population (area);
      d->n_units_a = wk_area_get_n_units (area);
    }
}

/* Pairs the areas: by name, then what is left by id; returns the partner
 * in B of every area id of A. */
static GHashTable *
compare_areas (WkComparison *self,
               WkChecker    *ca,
               WkChecker    *cb)
{
  GListModel *la = wk_plan_get_areas (self->a);
  GListModel *lb = wk_plan_get_areas (self->b);
  guint na = g_list_model_get_n_items (la), nb = g_list_model_get_n_items (lb);
  g_autofree gboolean *used_b = g_new0 (gboolean, MAX (nb, 1));
  g_autofree int *partner = g_new (int, MAX (na, 1));
  GHashTable *map = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < na; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (la, i);

      partner[i] = -1;
      for (guint k = 0; k < nb && partner[i] < 0; k++)
        {
          g_autoptr(WkArea) other = g_list_model_get_item (lb, k);

          if (!used_b[k] && g_str_equal (wk_area_get_name (area), wk_area_get_name (other)))
            {
              partner[i] = k;
              used_b[k] = TRUE;
            }
        }
    }
  for (guint i = 0; i < na; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (la, i);

      for (guint k = 0; k < nb && partner[i] < 0; k++)
        {
          g_autoptr(WkArea) other = g_list_model_get_item (lb, k);

          if (!used_b[k] && wk_area_get_id (area) == wk_area_get_id (other))
            {
              partner[i] = k;
              used_b[k] = TRUE;
            }
        }
    }

  for (guint i = 0; i < na; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (la, i);
      WkAreaDelta d = { 0 };

      fill_side (&d, ca, area, FALSE);
      if (partner[i] >= 0)
        {
          g_autoptr(WkArea) other = g_list_model_get_item (lb, partner[i]);

          fill_side (&d, cb, other, TRUE);
          g_hash_table_insert (map, GUINT_TO_POINTER (d.id_a), GUINT_TO_POINTER (d.id_b));
        }
      g_array_append_val (self->areas, d);
    }
  for (guint k = 0; k < nb; k++)
    if (!used_b[k])
      {
        g_autoptr(WkArea) other = g_list_model_get_item (lb, k);
        WkAreaDelta d = { 0 };

        fill_side (&d, cb, other, TRUE);
        g_array_append_val (self->areas, d);
      }
  return map;
}

static void
compare_units (WkComparison *self,
               GHashTable   *partner)
{
  guint n = 0;
  const guint *as_a = wk_plan_get_assignment (self->a, &n);
  const guint *as_b = wk_plan_get_assignment (self->b, &n);

  for (guint u = 0; u < n; u++)
    {
      guint expected = as_a[u] == WK_AREA_NONE
                       ? WK_AREA_NONE
                       : GPOINTER_TO_UINT (g_hash_table_lookup (partner, GUINT_TO_POINTER (as_a[u])));

      /* An area of A without partner: all its units moved somewhere. */
      if (as_b[u] != expected || (as_a[u] != WK_AREA_NONE && expected == WK_AREA_NONE))
        {
          WkUnitMove m = { u, as_a[u], as_b[u] };
          g_array_append_val (self->moves, m);
        }
    }
}

/* ------------------------------------------------------------- findings */

static char *
exact_key (WkFinding *f)
{
  return g_strdup_printf ("%s\x1f%d\x1f%s", wk_finding_get_criterion (f),
                          wk_finding_get_severity (f), wk_finding_get_message (f));
}

/* What a finding is about, the same in both plans: the area by name when
 * the finding is about one area, otherwise its key (a network, the plan). */
static char *
subject_key (WkFinding *f,
             WkPlan    *plan)
{
  guint n_areas = 0;
  const guint *areas = wk_finding_get_areas (f, &n_areas);
  guint key = _wk_finding_get_key (f);
  WkArea *area = n_areas == 1 && areas[0] == key ? wk_plan_get_area (plan, key) : NULL;

  if (area != NULL)
    return g_strdup_printf ("%s\x1f" "a:%s", wk_finding_get_criterion (f), wk_area_get_name (area));
  return g_strdup_printf ("%s\x1f" "k:%u", wk_finding_get_criterion (f), key);
}

typedef char *(*KeyFunc) (WkFinding *f, WkPlan *plan);

static char *
exact_key_func (WkFinding *f,
                WkPlan    *plan)
{
  return exact_key (f);
}

/* Pairs the findings of A and B not yet paired whose keys are equal. */
static void
pair_findings (GPtrArray *fa,
               GPtrArray *fb,
               WkPlan    *a,
               WkPlan    *b,
               int       *partner_a,
               gboolean  *used_b,
               KeyFunc    key_func)
{
  g_autoptr(GHashTable) queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_queue_free);

  for (guint k = 0; k < fb->len; k++)
    if (!used_b[k])
      {
        char *key = key_func (g_ptr_array_index (fb, k), b);
        GQueue *q = g_hash_table_lookup (queues, key);

        if (q == NULL)
          {
            q = g_queue_new ();
            g_hash_table_insert (queues, key, q);
          }
        else
          g_free (key);
        g_queue_push_tail (q, GUINT_TO_POINTER (k + 1));
      }
  for (guint i = 0; i < fa->len; i++)
    if (partner_a[i] < 0)
      {
        g_autofree char *key = key_func (g_ptr_array_index (fa, i), a);
        GQueue *q = g_hash_table_lookup (queues, key);

        if (q != NULL && !g_queue_is_empty (q))
          {
            guint k = GPOINTER_TO_UINT (g_queue_pop_head (q)) - 1;

            partner_a[i] = k;
            used_b[k] = TRUE;
          }
      }
}

static void
add_finding_delta (WkComparison    *self,
                   WkFindingChange  change,
                   WkFinding       *a,
                   WkFinding       *b)
{
  WkFindingDelta d = { change, a ? g_object_ref (a) : NULL, b ? g_object_ref (b) : NULL };

  g_array_append_val (self->findings, d);
}

static void
compare_findings (WkComparison *self,
                  WkChecker    *ca,
                  WkChecker    *cb)
{
  g_autoptr(GPtrArray) fa = wk_checker_dup_findings (ca);
  g_autoptr(GPtrArray) fb = wk_checker_dup_findings (cb);
  g_autofree int *partner_a = g_new (int, MAX (fa->len, 1));
  g_autofree gboolean *used_b = g_new0 (gboolean, MAX (fb->len, 1));
  g_autofree gboolean *same = g_new0 (gboolean, MAX (fa->len, 1));

  for (guint i = 0; i < fa->len; i++)
    partner_a[i] = -1;
  pair_findings (fa, fb, self->a, self->b, partner_a, used_b, exact_key_func);
  for (guint i = 0; i < fa->len; i++)
    same[i] = partner_a[i] >= 0;
  pair_findings (fa, fb, self->a, self->b, partner_a, used_b, subject_key);

  for (guint i = 0; i < fa->len; i++)
    {
      if (same[i])
        self->n_same++;
      else if (partner_a[i] >= 0)
        add_finding_delta (self, WK_FINDING_CHANGED, g_ptr_array_index (fa, i),
                           g_ptr_array_index (fb, partner_a[i]));
      else
        add_finding_delta (self, WK_FINDING_DISAPPEARED, g_ptr_array_index (fa, i), NULL);
    }
  for (guint k = 0; k < fb->len; k++)
    if (!used_b[k])
      add_finding_delta (self, WK_FINDING_APPEARED, NULL, g_ptr_array_index (fb, k));
}

/* ------------------------------------------------------------- GObject */

static void
wk_comparison_dispose (GObject *object)
{
  WkComparison *self = WK_COMPARISON (object);

  g_clear_object (&self->a);
  g_clear_object (&self->b);
  if (self->findings != NULL)
    g_array_set_size (self->findings, 0);
  G_OBJECT_CLASS (wk_comparison_parent_class)->dispose (object);
}

static void
wk_comparison_finalize (GObject *object)
{
  WkComparison *self = WK_COMPARISON (object);

  g_array_unref (self->moves);
  g_array_unref (self->areas);
  g_array_unref (self->findings);
  G_OBJECT_CLASS (wk_comparison_parent_class)->finalize (object);
}

static void
wk_comparison_class_init (WkComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wk_comparison_dispose;
  object_class->finalize = wk_comparison_finalize;
}

static void
wk_comparison_init (WkComparison *self)
{
  self->moves = g_array_new (FALSE, FALSE, sizeof (WkUnitMove));
  self->areas = g_array_new (FALSE, TRUE, sizeof (WkAreaDelta));
  g_array_set_clear_func (self->areas, area_delta_clear);
  self->findings = g_array_new (FALSE, TRUE, sizeof (WkFindingDelta));
  g_array_set_clear_func (self->findings, finding_delta_clear);
}

/* ------------------------------------------------------------ public API */

/**
 * wk_comparison_new:
 * @a: the checker of plan A (e.g. the plan as it was)
 * @b: the checker of plan B, a plan of the same data set
 *
 * Compares two plans as they are now: the units that moved, each area's
 * population in both, and the findings that appear, disappear or change.
 * The result does not follow later edits.
 *
 * Returns: (transfer full): the comparison
 */
WkComparison *
wk_comparison_new (WkChecker *a,
                   WkChecker *b)
{
  g_autoptr(WkComparison) self = NULL;
  g_autoptr(GHashTable) partner = NULL;

  g_return_val_if_fail (WK_IS_CHECKER (a), NULL);
  g_return_val_if_fail (WK_IS_CHECKER (b), NULL);
  g_return_val_if_fail (wk_checker_get_dataset (a) == wk_checker_get_dataset (b), NULL);

  self = g_object_new (WK_TYPE_COMPARISON, NULL);
  self->a = g_object_ref (wk_checker_get_plan (a));
  self->b = g_object_ref (wk_checker_get_plan (b));
  partner = compare_areas (self, a, b);
  compare_units (self, partner);
  compare_findings (self, a, b);
  return g_steal_pointer (&self);
}

/**
 * wk_comparison_get_plan_a:
 *
 * Returns: (transfer none): plan A
 */
WkPlan *
wk_comparison_get_plan_a (WkComparison *self)
{
  g_return_val_if_fail (WK_IS_COMPARISON (self), NULL);
  return self->a;
}

/**
 * wk_comparison_get_plan_b:
 *
 * Returns: (transfer none): plan B
 */
WkPlan *
wk_comparison_get_plan_b (WkComparison *self)
{
  g_return_val_if_fail (WK_IS_COMPARISON (self), NULL);
  return self->b;
}

/**
 * wk_comparison_get_moves:
 *
 * Returns: (transfer none) (array length=n_moves): the units in another
 *   area in B, in data set order
 */
const WkUnitMove *
wk_comparison_get_moves (WkComparison *self,
                         guint        *n_moves)
{
  g_return_val_if_fail (WK_IS_COMPARISON (self), NULL);
  *n_moves = self->moves->len;
  return (const WkUnitMove *) self->moves->data;
}

/**
 * wk_comparison_get_areas:
 *
 * Returns: (transfer none) (array length=n_areas): the areas of A in their
 *   order, then those only B has
 */
const WkAreaDelta *
wk_comparison_get_areas (WkComparison *self,
                         guint        *n_areas)
{
  g_return_val_if_fail (WK_IS_COMPARISON (self), NULL);
  *n_areas = self->areas->len;
  return (const WkAreaDelta *) self->areas->data;
}

/**
 * wk_comparison_get_findings:
 *
 * Returns: (transfer none) (array length=n_findings): the findings that
 *   changed or disappeared, in A's order, then those that appeared
 */
const WkFindingDelta *
wk_comparison_get_findings (WkComparison *self,
                            guint        *n_findings)
{
  g_return_val_if_fail (WK_IS_COMPARISON (self), NULL);
  *n_findings = self->findings->len;
  return (const WkFindingDelta *) self->findings->data;
}

guint
wk_comparison_count_findings (WkComparison    *self,
                              WkFindingChange  change)
{
  guint n = 0;

  g_return_val_if_fail (WK_IS_COMPARISON (self), 0);
  for (guint i = 0; i < self->findings->len; i++)
    n += g_array_index (self->findings, WkFindingDelta, i).change == change;
  return n;
}

/**
 * wk_comparison_get_n_same_findings:
 *
 * Returns: how many findings say the same in both plans
 */
guint
wk_comparison_get_n_same_findings (WkComparison *self)
{
  g_return_val_if_fail (WK_IS_COMPARISON (self), 0);
  return self->n_same;
}
