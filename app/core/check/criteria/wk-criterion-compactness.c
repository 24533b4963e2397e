/* wk-criterion-compactness.c: Polsby-Popper compactness, as information
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-criterion"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wk-check-context.h"
#include "wk-criterion-compactness.h"

struct _WkCriterionCompactness
{
  WkCriterion parent_instance;
};

G_DEFINE_FINAL_TYPE (WkCriterionCompactness, wk_criterion_compactness, WK_TYPE_CRITERION)

static void
evaluate (WkCriterion *criterion,
          WkCheckContext *ctx,
          guint        area,
          GPtrArray   *findings)
{
  WkProfile *profile = ctx->profile;
  const WkAreaStats *st = wk_check_context_get_area_stats (ctx, area);
  double min = wk_profile_get_double (profile, "compactness", "min_polsby_popper");
  g_autofree char *message = NULL;

  if (st == NULL || st->n_units == 0 || st->compactness >= min)
    return;
  message = g_strdup_printf (_("“%s” is not compact (Polsby-Popper %.2f, below %.2f): a long or "
                               "ragged area makes distances within it large."),
                             wk_check_context_area_name (ctx, area), st->compactness, min);
  g_ptr_array_add (findings,
                   wk_finding_new_for_area ("compactness", area,
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
