/* wk-criterion-coverage.c: every inhabited unit in exactly one area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-criterion"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "wk-check-context.h"
#include "wk-check-context-private.h"
#include "wk-criterion-private.h"
#include "wk-plan-private.h"
#include "wk-criterion-coverage.h"
#include "wk-finding-private.h"

/* Keys: one for the unassigned inhabited units, one for units in more than
 * one area, one (information) for unassigned units of unknown population. */
enum {
  KEY_UNASSIGNED = 0,
  KEY_DOUBLE = 1,
  KEY_UNKNOWN = 2,
};

struct _WkCriterionCoverage
{
  WkCriterion  parent_instance;

  /* The unassigned units, kept up to date from the changes: scanning a
   * bitmap of 14,000 units takes microseconds. */
  guint64     *unassigned;
  guint        n_units;
};

WK_DEFINE_CRITERION (WkCriterionCoverage, wk_criterion_coverage)

static void
set_bit (WkCriterionCoverage *self,
         guint                unit,
         gboolean             on)
{
  if (on)
    self->unassigned[unit / 64] |= G_GUINT64_CONSTANT (1) << (unit % 64);
  else
    self->unassigned[unit / 64] &= ~(G_GUINT64_CONSTANT (1) << (unit % 64));
}

static void
collect_keys (WkCriterion        *criterion,
              WkCheckContext     *ctx,
              const WkPlanChange *change,
              GHashTable         *keys)
{
  WkCriterionCoverage *self = WK_CRITERION_COVERAGE (criterion);
  WkPlan *plan = ctx->plan;
  const guint *assignment;
  guint n;

  assignment = wk_plan_get_assignment (plan, &n);
  if (change == NULL || self->unassigned == NULL || self->n_units != n)
    {
      g_free (self->unassigned);
      self->n_units = n;
      self->unassigned = g_new0 (guint64, n / 64 + 1);
      for (guint u = 0; u < n; u++)
        set_bit (self, u, assignment[u] == WK_AREA_NONE);
    }
  else
    {
      if (!(change->flags & (WK_CHANGE_ASSIGNMENT | WK_CHANGE_AREAS)))
        return;
      for (guint i = 0; i < change->units->len; i++)
        {
          guint u = g_array_index (change->units, guint, i);
          set_bit (self, u, assignment[u] == WK_AREA_NONE);
        }
    }
  g_hash_table_add (keys, GUINT_TO_POINTER (KEY_UNASSIGNED));
  g_hash_table_add (keys, GUINT_TO_POINTER (KEY_DOUBLE));
  g_hash_table_add (keys, GUINT_TO_POINTER (KEY_UNKNOWN));
}

static void
evaluate_unassigned (WkCriterionCoverage *self,
                     WkCheckContext      *ctx,
                     guint                key,
                     GPtrArray           *findings)
{
  WkProfile *profile = ctx->profile;
  WkDataset *dataset = ctx->dataset;
  gint64 min = (gint64) wk_profile_get_double (profile, "coverage", "min_population");
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *listed = NULL;
  g_autofree char *people = NULL;
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;
  g_autofree char *allowed = NULL;
  g_autofree char *value_text = NULL;
  gint64 population = 0;
  WkFinding *f;

  for (guint w = 0; w <= self->n_units / 64; w++)
    {
      guint64 bits = self->unassigned[w];

      while (bits != 0)
        {
          guint u = w * 64 + __builtin_ctzll (bits);
          const WkUnit *unit = wk_dataset_get_unit (dataset, u);

          bits &= bits - 1;
          if (key == KEY_UNASSIGNED && unit->population >= 0 && unit->population >= min &&
              unit->population > 0)
            {
              population += unit->population;
              g_array_append_val (units, u);
            }
          else if (key == KEY_UNKNOWN && unit->population < 0)
            g_array_append_val (units, u);
        }
    }
  if (units->len == 0)
    return;

  listed = _wk_check_context_format_units (ctx, (guint *) units->data, units->len, 5);
  if (key == KEY_UNASSIGNED)
    {
      people = wk_format_count (population);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u inhabited buurt (%s inhabitants) belongs to no area: %s.",
                                              "%u inhabited buurten (%s inhabitants) belong to no area: %s.",
                                              units->len),
                                 units->len, people, listed);
      f = wk_finding_new ("coverage", key, wk_profile_get_severity (profile, "coverage"),
                          units->len, 0, message);
      count = wk_format_count (units->len);
      allowed = wk_format_count (0);
      /* Translators: the value of a coverage finding against what is allowed */
      value_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s buurt without an area; allowed: %s",
                                                 "%s buurten without an area; allowed: %s",
                                                 units->len),
                                    count, allowed);
      _wk_finding_set_value_text (f, value_text);
    }
  else
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u buurt with an unknown population belongs to no area: %s.",
                                              "%u buurten with an unknown population belong to no area: %s.",
                                              units->len),
                                 units->len, listed);
      f = wk_finding_new ("coverage", key, WK_SEVERITY_INFO, units->len, NAN, message);
    }
  _wk_criterion_add_finding (findings, f, _("buurten"), (guint *) units->data, units->len);
}

static void
evaluate_double (WkCriterionCoverage *self,
                 WkCheckContext      *ctx,
                 GPtrArray           *findings)
{
  WkProfile *profile = ctx->profile;
  WkPlan *plan = ctx->plan;
  g_autoptr(GArray) units = _wk_plan_dup_conflicting_units (plan);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *message = NULL;
  WkFinding *f;

  if (units->len == 0)
    return;
  for (guint i = 0; i < units->len; i++)
    {
      guint u = g_array_index (units, guint, i);
      const guint *extras;
      guint n_extras;
      guint own = wk_plan_get_unit_area (plan, u);
      g_autofree char *who = _wk_check_context_format_units (ctx, &u, 1, 1);

      extras = wk_plan_get_unit_extras (plan, u, &n_extras);
      if (i < 5)
        g_string_append_printf (details, "%s%s: “%s”", i ? "; " : "", who,
                                _wk_check_context_area_name (ctx, own));
      for (guint k = 0; k < n_extras && i < 5; k++)
        g_string_append_printf (details, _(" and “%s”"), _wk_check_context_area_name (ctx, extras[k]));
    }
  if (units->len > 5)
    g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "; and %u more", "; and %u more",
                                                  units->len - 5), units->len - 5);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u buurt is assigned to more than one area (%s). Each buurt "
                                          "belongs to exactly one area.",
                                          "%u buurten are assigned to more than one area (%s). Each buurt "
                                          "belongs to exactly one area.",
                                          units->len),
                             units->len, details->str);
  f = wk_finding_new ("coverage", KEY_DOUBLE, wk_profile_get_severity (profile, "coverage"),
                      units->len, 0, message);
  for (guint i = 0; i < units->len; i++)
    {
      guint u = g_array_index (units, guint, i);
      const guint *extras;
      guint n_extras;

      extras = wk_plan_get_unit_extras (plan, u, &n_extras);
      if (wk_plan_get_unit_area (plan, u) != WK_AREA_NONE)
        _wk_finding_add_area (f, wk_plan_get_unit_area (plan, u));
      for (guint k = 0; k < n_extras; k++)
        _wk_finding_add_area (f, extras[k]);
    }
  _wk_criterion_add_finding (findings, f, _("buurten"), (guint *) units->data, units->len);
}

static void
evaluate (WkCriterion *criterion,
          WkCheckContext *ctx,
          guint        key,
          GPtrArray   *findings)
{
  WkCriterionCoverage *self = WK_CRITERION_COVERAGE (criterion);

  if (self->unassigned == NULL)
    return;
  if (key == KEY_DOUBLE)
    evaluate_double (self, ctx, findings);
  else
    evaluate_unassigned (self, ctx, key, findings);
}

static void
reset (WkCriterion *criterion)
{
  WkCriterionCoverage *self = WK_CRITERION_COVERAGE (criterion);

  g_clear_pointer (&self->unassigned, g_free);
}

static void
wk_criterion_coverage_finalize (GObject *object)
{
  WkCriterionCoverage *self = WK_CRITERION_COVERAGE (object);

  g_free (self->unassigned);
  G_OBJECT_CLASS (wk_criterion_coverage_parent_class)->finalize (object);
}

static void
wk_criterion_coverage_class_init (WkCriterionCoverageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WkCriterionClass *criterion_class = WK_CRITERION_CLASS (klass);

  object_class->finalize = wk_criterion_coverage_finalize;
  criterion_class->id = "coverage";
  criterion_class->collect_keys = collect_keys;
  criterion_class->evaluate = evaluate;
  criterion_class->reset = reset;
}
