/* wk-criterion-compactness.c: Polsby-Popper compactness, as information
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-criterion"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wk-checker-private.h"
#include "wk-criterion-compactness.h"

struct _WkCriterionCompactness
{
  WkCriterion parent_instance;
};

G_DEFINE_FINAL_TYPE (WkCriterionCompactness, wk_criterion_compactness, WK_TYPE_CRITERION)

static void
evaluate (WkCriterion *criterion,
          WkChecker   *checker,
          guint        area,
          GPtrArray   *findings)
{
  WkProfile *profile = wk_checker_get_profile (checker);
  const WkAreaStats *st = wk_checker_get_area_stats (checker, area);
  double min = wk_profile_get_double (profile, "compactness", "min_polsby_popper");
  g_autofree char *message = NULL;

  if (st == NULL || st->n_units == 0 || st->compactness >= min)
    return;
  message = g_strdup_printf (_("“%s” is not compact (Polsby-Popper %.2f, below %.2f): a long or "
                               "ragged area makes distances within it large."),
                             _wk_checker_area_name (checker, area), st->compactness, min);
  g_ptr_array_add (findings,
                   _wk_finding_for_area (checker, "compactness", area,
                                         wk_profile_get_severity (profile, "compactness"),
                                         st->compactness, min, message));
}

static void
wk_criterion_compactness_class_init (WkCriterionCompactnessClass *klass)
{
  WkCriterionClass *criterion_class = WK_CRITERION_CLASS (klass);

  criterion_class->id = "compactness";
  criterion_class->evaluate = evaluate;
}

static void
wk_criterion_compactness_init (WkCriterionCompactness *self)
{
}

WkCriterion *
wk_criterion_compactness_new (void)
{
  return g_object_new (WK_TYPE_CRITERION_COMPACTNESS, NULL);
}
