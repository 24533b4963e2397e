/* wk-criterion-private.h: what the criteria in check/criteria/ share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-area-stats.h"
#include "wk-criterion.h"
#include "wk-finding.h"

G_BEGIN_DECLS

/**
 * WK_DEFINE_CRITERION:
 * @TypeName: the criterion's type, as WkCriterionPopulation
 * @type_name: its prefix, as wk_criterion_population
 *
 * Defines a criterion type as G_DEFINE_FINAL_TYPE() does, with the empty
 * instance init and the private constructor _type_name_new() every
 * criterion with nothing to set up per instance has.  The file still writes its struct and
 * its type_name_class_init().
 */
#define WK_DEFINE_CRITERION(TypeName, type_name)                       \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, WK_TYPE_CRITERION)         \
                                                                       \
  static void                                                          \
  type_name##_init (TypeName *self)                                    \
  {                                                                    \
  }                                                                    \
                                                                       \
  WkCriterion *                                                        \
  _##type_name##_new (void)                                            \
  {                                                                    \
    return g_object_new (type_name##_get_type (), NULL);               \
  }

/* Evaluates a per-area criterion on @area, whose statistics @st are known. */
typedef void (*WkAreaEvaluateFunc) (WkCheckContext    *ctx,
                                    guint              area,
                                    const WkAreaStats *st,
                                    GPtrArray         *findings);

/**
 * WK_DEFINE_AREA_CRITERION:
 * @TypeName: the criterion's type, as WkCriterionPopulation
 * @type_name: its prefix, as wk_criterion_population
 * @criterion_id: its id in the profile, as "population"
 * @evaluate_area: a #WkAreaEvaluateFunc
 *
 * Defines a criterion evaluated per area that has only @evaluate_area to
 * say: its struct (no fields), as WK_DEFINE_CRITERION(), and a class init
 * that evaluates each area with statistics (an area without is skipped)
 * through @evaluate_area.
 * Place it after @evaluate_area.
 */
#define WK_DEFINE_AREA_CRITERION(TypeName, type_name, criterion_id, evaluate_area) \
  struct _##TypeName                                                   \
  {                                                                    \
    WkCriterion parent_instance;                                       \
  };                                                                   \
                                                                       \
  WK_DEFINE_CRITERION (TypeName, type_name)                            \
                                                                       \
  static void                                                          \
  type_name##_evaluate (WkCriterion    *criterion,                     \
                        WkCheckContext *ctx,                           \
                        guint           area,                          \
                        GPtrArray      *findings)                      \
  {                                                                    \
    _wk_criterion_evaluate_area (ctx, area, findings, evaluate_area);  \
  }                                                                    \
                                                                       \
  static void                                                          \
  type_name##_class_init (TypeName##Class *klass)                      \
  {                                                                    \
    WK_CRITERION_CLASS (klass)->id = criterion_id;                     \
    WK_CRITERION_CLASS (klass)->evaluate = type_name##_evaluate;       \
  }

void _wk_criterion_evaluate_area (WkCheckContext     *ctx,
                                  guint               area,
                                  GPtrArray          *findings,
                                  WkAreaEvaluateFunc  evaluate_area);
void _wk_criterion_add_finding (GPtrArray   *findings,
                                WkFinding   *finding,
                                const char  *unit_label,
                                const guint *units,
                                guint        n_units);

/* The criteria's constructors, for the list of all criteria and the tests */
WkCriterion *_wk_criterion_capacity_new     (void);
WkCriterion *_wk_criterion_compactness_new  (void);
WkCriterion *_wk_criterion_contiguity_new   (void);
WkCriterion *_wk_criterion_coverage_new     (void);
WkCriterion *_wk_criterion_distance_new     (void);
WkCriterion *_wk_criterion_municipality_new (void);
WkCriterion *_wk_criterion_networks_new     (void);
WkCriterion *_wk_criterion_population_new   (void);
WkCriterion *_wk_criterion_providers_new    (void);

GPtrArray   *_wk_criteria_new_all           (void);
void         _wk_criterion_collect_keys     (WkCriterion        *self,
                                             WkCheckContext     *ctx,
                                             const WkPlanChange *change,
                                             GHashTable         *keys);
const char  *_wk_criterion_get_id           (WkCriterion        *self);
void         _wk_criterion_reset            (WkCriterion        *self);

G_END_DECLS
