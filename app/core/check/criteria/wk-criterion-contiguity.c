/* wk-criterion-contiguity.c: each area is one connected piece
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-criterion"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wk-array-private.h"
#include "wk-check-context.h"
#include "wk-criterion-contiguity.h"

struct _WkCriterionContiguity
{
  WkCriterion parent_instance;
};

G_DEFINE_FINAL_TYPE (WkCriterionContiguity, wk_criterion_contiguity, WK_TYPE_CRITERION)

static void
evaluate (WkCriterion *criterion,
          WkCheckContext *ctx,
          guint        area,
          GPtrArray   *findings)
{
  WkProfile *profile = ctx->profile;
  const WkAreaStats *st = wk_check_context_get_area_stats (ctx, area);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GArray) detached = NULL;
  g_autofree char *message = NULL;
  g_autofree char *listed = NULL;
  WkFinding *f;

  if (st == NULL || st->n_parts <= 1)
    return;

  /* The units outside the largest part are the ones to move. */
  parts = wk_check_context_components (ctx, area);
  detached = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 1; i < parts->len; i++)
    {
      GArray *part = g_ptr_array_index (parts, i);
      g_array_append_vals (detached, part->data, part->len);
    }
  g_array_sort (detached, _wk_uint_compare);
  listed = wk_check_context_format_units (ctx, (guint *) detached->data, detached->len, 5);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "“%s” falls apart into %u separate parts: the buurten of an "
                                          "area must border each other. Not connected to the main part: %s.",
                                          "“%s” falls apart into %u separate parts: the buurten of an "
                                          "area must border each other. Not connected to the main part: %s.",
                                          parts->len),
                             wk_check_context_area_name (ctx, area), parts->len, listed);
  f = wk_finding_new_for_area ("contiguity", area,
                            wk_profile_get_severity (profile, "contiguity"), parts->len, 1, message);
  wk_finding_set_unit_label (f, _("parts"));
  wk_finding_add_units (f, (guint *) detached->data, detached->len);
  g_ptr_array_add (findings, f);
}

static void
wk_criterion_contiguity_class_init (WkCriterionContiguityClass *klass)
{
  WkCriterionClass *criterion_class = WK_CRITERION_CLASS (klass);

  criterion_class->id = "contiguity";
  criterion_class->evaluate = evaluate;
}

static void
wk_criterion_contiguity_init (WkCriterionContiguity *self)
{
}

WkCriterion *
wk_criterion_contiguity_new (void)
{
  return g_object_new (WK_TYPE_CRITERION_CONTIGUITY, NULL);
}
