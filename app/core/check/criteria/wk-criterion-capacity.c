/* wk-criterion-capacity.c: area population against GP capacity (normpraktijk)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-criterion"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "wk-check-context.h"
#include "wk-check-context-private.h"
#include "wk-criterion-capacity.h"
#include "wk-criterion-private.h"

struct _WkCriterionCapacity
{
  WkCriterion parent_instance;

  int         any_known;   /* -1: not yet looked; whether any GP has a capacity */
};

G_DEFINE_FINAL_TYPE (WkCriterionCapacity, wk_criterion_capacity, WK_TYPE_CRITERION)

static gboolean
any_capacity_known (WkCriterionCapacity *self,
                    WkDataset           *dataset)
{
  if (self->any_known < 0)
    {
      self->any_known = 0;
      for (guint p = 0; p < wk_dataset_get_n_providers (dataset); p++)
        {
          const WkProvider *prov = wk_dataset_get_provider (dataset, p);

          if (prov->kind == WK_PROVIDER_GP && isfinite (prov->capacity_fte))
            {
              self->any_known = 1;
              break;
            }
        }
    }
  return self->any_known == 1;
}

static void
evaluate (WkCriterion *criterion,
          WkCheckContext *ctx,
          guint        area,
          GPtrArray   *findings)
{
  WkCriterionCapacity *self = WK_CRITERION_CAPACITY (criterion);
  WkProfile *profile = ctx->profile;
  const WkAreaStats *st = wk_check_context_get_area_stats (ctx, area);
  double per_fte = wk_profile_get_double (profile, "capacity", "patients_per_fte");
  double max_ratio = wk_profile_get_double (profile, "capacity", "max_ratio");
  const char *name = _wk_check_context_area_name (ctx, area);
  g_autofree char *message = NULL;
  WkFinding *f;
  double ratio;

  if (st == NULL || st->n_providers[WK_PROVIDER_GP] == 0 ||
      !any_capacity_known (self, ctx->dataset))
    return;

  if (st->n_gp_unknown_fte > 0)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The GP capacity of “%s” could not be checked: %u of its "
                                              "%u GP practices has no capacity figure.",
                                              "The GP capacity of “%s” could not be checked: %u of its "
                                              "%u GP practices have no capacity figure.",
                                              st->n_gp_unknown_fte),
                                 name, st->n_gp_unknown_fte, st->n_providers[WK_PROVIDER_GP]);
      g_ptr_array_add (findings, _wk_finding_new_for_area ("capacity", area, WK_SEVERITY_INFO,
                                                       NAN, NAN, message));
      return;
    }
  ratio = st->gp_fte > 0 ? st->population / (st->gp_fte * per_fte) : INFINITY;
  if (ratio <= max_ratio)
    return;
  {
    g_autofree char *pop = wk_format_count (st->population);
    g_autofree char *norm = wk_format_count ((gint64) per_fte);

    if (isinf (ratio))
      message = g_strdup_printf (_("The GP practices of “%s” have no capacity (0 FTE) for its %s "
                                   "inhabitants."), name, pop);
    else
      message = g_strdup_printf (_("“%s” has %s inhabitants for %.1f GP FTE: %.2f times what they can "
                                   "serve at %s patients per FTE (at most %.2f)."),
                                 name, pop, st->gp_fte, ratio, norm, max_ratio);
  }
  f = _wk_finding_new_for_area ("capacity", area, wk_profile_get_severity (profile, "capacity"),
                            isinf (ratio) ? G_MAXDOUBLE : ratio, max_ratio, message);
  g_ptr_array_add (findings, f);
}

static void
reset (WkCriterion *criterion)
{
  WK_CRITERION_CAPACITY (criterion)->any_known = -1;
}

static void
wk_criterion_capacity_class_init (WkCriterionCapacityClass *klass)
{
  WkCriterionClass *criterion_class = WK_CRITERION_CLASS (klass);

  criterion_class->id = "capacity";
  criterion_class->evaluate = evaluate;
  criterion_class->reset = reset;
}

static void
wk_criterion_capacity_init (WkCriterionCapacity *self)
{
  self->any_known = -1;
}

WkCriterion *
_wk_criterion_capacity_new (void)
{
  return g_object_new (WK_TYPE_CRITERION_CAPACITY, NULL);
}
