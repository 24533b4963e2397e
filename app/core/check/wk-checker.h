/* wk-checker.h: checks a plan against the criteria profile, incrementally
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-area-stats.h"
#include "wk-types.h"

G_BEGIN_DECLS

/**
 * WkAreaStats:
 * @id: the area id
 * @n_units: units in the area
 * @population: sum of the known populations
 * @n_unknown_population: units whose population is unknown
 * @pop65: inhabitants aged 65+ (sum of the known figures)
 * @n_unknown_pop65: populated units without a 65+ figure
 * @area_m2: area in m²
 * @perimeter_m: perimeter of the dissolved area in m
 * @compactness: Polsby-Popper score 4πA/P² (1 = circle), 0 when empty
 * @n_parts: connected parts (1 = contiguous; 0 when empty)
 * @n_providers: providers located in the area, per kind
 * @n_dispensing: dispensing GPs among the GP practices
 * @gp_fte: GP capacity in FTE (known figures)
 * @n_gp_unknown_fte: GP practices without a capacity figure
 * @n_municipalities: distinct municipality codes among its units
 *
 * The figures of one area (the wijkfoto), kept up to date by the checker.
 */
/**
 * WkFieldAggregate:
 * @name: the unit field
 * @value: its sum or (weighted) mean over the area's units, NAN when unknown
 * @is_mean: whether @value is a mean (percentages, averages, densities)
 * @n_unknown: units without a value
 */
typedef struct
{
  const char *name;
  double      value;
  gboolean    is_mean;
  guint       n_unknown;
} WkFieldAggregate;

#define WK_TYPE_CHECKER (wk_checker_get_type ())
G_DECLARE_FINAL_TYPE (WkChecker, wk_checker, WK, CHECKER, GObject)

WkChecker         *wk_checker_new                (WkPlan      *plan,
                                                  WkProfile   *profile);
WkPlan            *wk_checker_get_plan           (WkChecker   *self);
WkDataset         *wk_checker_get_dataset        (WkChecker   *self);
WkProfile         *wk_checker_get_profile        (WkChecker   *self);
void               wk_checker_run                (WkChecker   *self);

guint              wk_checker_get_n_findings     (WkChecker   *self);
guint              wk_checker_count              (WkChecker   *self,
                                                  WkSeverity   severity);
guint              wk_checker_count_for_area     (WkChecker   *self,
                                                  guint        area,
                                                  WkSeverity   severity);
GPtrArray         *wk_checker_dup_findings       (WkChecker   *self);
GPtrArray         *wk_checker_dup_area_findings  (WkChecker   *self,
                                                  guint        area);
const WkAreaStats *wk_checker_get_area_stats     (WkChecker   *self,
                                                  guint        area);
GArray            *wk_checker_dup_area_fields    (WkChecker   *self,
                                                  guint        area);
gboolean           wk_checker_is_contiguous      (WkChecker   *self,
                                                  guint        area);
GArray            *wk_checker_dup_unassigned     (WkChecker   *self);

G_END_DECLS
