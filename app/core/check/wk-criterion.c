/* wk-criterion.c: the base class of all criteria
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-criterion"

#include "config.h"

#include "wk-area.h"
#include "wk-check-context.h"
#include "wk-criterion-capacity.h"
#include "wk-criterion-compactness.h"
#include "wk-criterion-contiguity.h"
#include "wk-criterion-coverage.h"
#include "wk-criterion-distance.h"
#include "wk-criterion-municipality.h"
#include "wk-criterion-networks.h"
#include "wk-criterion-population.h"
#include "wk-criterion-providers.h"
#include "wk-criterion-private.h"
#include "wk-finding-private.h"

G_DEFINE_ABSTRACT_TYPE (WkCriterion, wk_criterion, G_TYPE_OBJECT)

static void
wk_criterion_real_collect_keys (WkCriterion        *self,
                                WkCheckContext     *ctx,
                                const WkPlanChange *change,
                                GHashTable         *keys)
{
  if (change == NULL)
    {
      GListModel *areas = wk_plan_get_areas (ctx->plan);
      guint n = g_list_model_get_n_items (areas);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
          g_hash_table_add (keys, GUINT_TO_POINTER (wk_area_get_id (area)));
        }
      return;
    }
  for (guint i = 0; i < change->areas->len; i++)
    g_hash_table_add (keys, GUINT_TO_POINTER (g_array_index (change->areas, guint, i)));
}

static void
wk_criterion_real_reset (WkCriterion *self)
{
}

static void
wk_criterion_class_init (WkCriterionClass *klass)
{
  klass->collect_keys = wk_criterion_real_collect_keys;
  klass->reset = wk_criterion_real_reset;
}

static void
wk_criterion_init (WkCriterion *self)
{
}

const char *
_wk_criterion_get_id (WkCriterion *self)
{
  g_return_val_if_fail (WK_IS_CRITERION (self), NULL);
  return WK_CRITERION_GET_CLASS (self)->id;
}

void
_wk_criterion_collect_keys (WkCriterion        *self,
                            WkCheckContext     *ctx,
                            const WkPlanChange *change,
                            GHashTable         *keys)
{
  g_return_if_fail (WK_IS_CRITERION (self));
  WK_CRITERION_GET_CLASS (self)->collect_keys (self, ctx, change, keys);
}

void
wk_criterion_evaluate (WkCriterion *self,
                       WkCheckContext *ctx,
                       guint        key,
                       GPtrArray   *findings)
{
  g_return_if_fail (WK_IS_CRITERION (self));
  WK_CRITERION_GET_CLASS (self)->evaluate (self, ctx, key, findings);
}

void
_wk_criterion_reset (WkCriterion *self)
{
  g_return_if_fail (WK_IS_CRITERION (self));
  WK_CRITERION_GET_CLASS (self)->reset (self);
}

/**
 * _wk_criteria_new_all:
 *
 * Returns: (transfer full) (element-type WkCriterion): one of each
 *   criterion, in the order of wk_profile_get_criteria()
 */
GPtrArray *
_wk_criteria_new_all (void)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (all, _wk_criterion_population_new ());
  g_ptr_array_add (all, _wk_criterion_contiguity_new ());
  g_ptr_array_add (all, _wk_criterion_municipality_new ());
  g_ptr_array_add (all, _wk_criterion_coverage_new ());
  g_ptr_array_add (all, _wk_criterion_providers_new ());
  g_ptr_array_add (all, _wk_criterion_distance_new ());
  g_ptr_array_add (all, _wk_criterion_capacity_new ());
  g_ptr_array_add (all, _wk_criterion_networks_new ());
  g_ptr_array_add (all, _wk_criterion_compactness_new ());
  return all;
}

/* ------------------------------------------------------------- private */

/* Runs @evaluate_area on @area when its statistics are known. */
void
_wk_criterion_evaluate_area (WkCheckContext     *ctx,
                             guint               area,
                             GPtrArray          *findings,
                             WkAreaEvaluateFunc  evaluate_area)
{
  const WkAreaStats *st = wk_check_context_get_area_stats (ctx, area);

  if (st != NULL)
    evaluate_area (ctx, area, st, findings);
}

/* Adds @finding to @findings (taking it), counted in @unit_label and
 * pointing at @units. */
void
_wk_criterion_add_finding (GPtrArray   *findings,
                           WkFinding   *finding,
                           const char  *unit_label,
                           const guint *units,
                           guint        n_units)
{
  _wk_finding_set_unit_label (finding, unit_label);
  wk_finding_add_units (finding, units, n_units);
  g_ptr_array_add (findings, finding);
}
