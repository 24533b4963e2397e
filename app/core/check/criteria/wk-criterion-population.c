/* wk-criterion-population.c: population per area between min and max
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-criterion"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "wk-criterion-private.h"
#include "wk-criterion-population.h"
#include "wk-check-context-private.h"
#include "wk-finding-private.h"

static void
evaluate_population (WkCheckContext    *ctx,
                     guint              area,
                     const WkAreaStats *st,
                     GPtrArray         *findings)
{
  WkSeverity severity = wk_profile_get_severity (ctx->profile, "population");
  double min = wk_profile_get_double (ctx->profile, "population", "min");
  double max = wk_profile_get_double (ctx->profile, "population", "max");
  const char *name = _wk_check_context_area_name (ctx, area);
  g_autofree char *pop = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *message = NULL;
  WkFinding *f;

  pop = wk_format_count (st->population);
  if (st->population < min)
    {
      limit = wk_format_count ((gint64) min);
      if (st->n_units == 0)
        message = g_strdup_printf (_("“%s” has no buurten yet, so no inhabitants; the minimum is %s."),
                                   name, limit);
      else
        message = g_strdup_printf (_("“%s” has %s inhabitants, fewer than the minimum of %s. Add "
                                     "neighbouring buurten or merge it with a neighbouring area."),
                                   name, pop, limit);
      f = _wk_finding_new_for_area ("population", area, severity, st->population, min, message);
      _wk_finding_set_unit_label (f, _("inhabitants"));
      g_ptr_array_add (findings, f);
    }
  else if (st->population > max)
    {
      limit = wk_format_count ((gint64) max);
      message = g_strdup_printf (_("“%s” has %s inhabitants, more than the maximum of %s: too many "
                                   "for one close-knit team. Split it or move buurten to a "
                                   "neighbouring area."), name, pop, limit);
      f = _wk_finding_new_for_area ("population", area, severity, st->population, max, message);
      _wk_finding_set_unit_label (f, _("inhabitants"));
      g_ptr_array_add (findings, f);
    }

  if (st->n_unknown_population > 0)
    {
      g_autoptr(GArray) units = _wk_check_context_sorted_units (ctx, area);
      g_autoptr(GArray) unknown = g_array_new (FALSE, FALSE, sizeof (guint));
      WkDataset *dataset = ctx->dataset;

      for (guint i = 0; i < units->len; i++)
        {
          guint u = g_array_index (units, guint, i);

          if (wk_dataset_get_unit (dataset, u)->population < 0)
            g_array_append_val (unknown, u);
        }
      g_free (message);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "In “%s”, %u buurt has no known population (secret or "
                                              "missing in the CBS figures); the total of %s may be too low.",
                                              "In “%s”, %u buurten have no known population (secret or "
                                              "missing in the CBS figures); the total of %s may be too low.",
                                              st->n_unknown_population),
                                 name, st->n_unknown_population, pop);
      f = _wk_finding_new_for_area ("population", area, WK_SEVERITY_INFO,
                                st->n_unknown_population, NAN, message);
      _wk_criterion_add_finding (findings, f, _("buurten"), (guint *) unknown->data, unknown->len);
    }
}

WK_DEFINE_AREA_CRITERION (WkCriterionPopulation, wk_criterion_population, "population",
                          evaluate_population)
