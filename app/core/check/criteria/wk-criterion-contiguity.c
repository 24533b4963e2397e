/* wk-criterion-contiguity.c: each area is one connected piece
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-criterion"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wk-array-private.h"
#include "wk-criterion-private.h"
#include "wk-criterion-contiguity.h"
#include "wk-check-context-private.h"

static void
evaluate_contiguity (WkCheckContext    *ctx,
                     guint              area,
                     const WkAreaStats *st,
                     GPtrArray         *findings)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GArray) detached = NULL;
  g_autofree char *message = NULL;
  g_autofree char *listed = NULL;
  WkFinding *f;

  if (st->n_parts <= 1)
    return;

  /* The units outside the largest part are the ones to move. */
  parts = _wk_check_context_components (ctx, area);
  detached = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 1; i < parts->len; i++)
    {
      GArray *part = g_ptr_array_index (parts, i);
      g_array_append_vals (detached, part->data, part->len);
    }
  g_array_sort (detached, _wk_uint_compare);
  listed = _wk_check_context_format_units (ctx, (guint *) detached->data, detached->len, 5);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "“%s” falls apart into %u separate parts: the buurten of an "
                                          "area must border each other. Not connected to the main part: %s.",
                                          "“%s” falls apart into %u separate parts: the buurten of an "
                                          "area must border each other. Not connected to the main part: %s.",
                                          parts->len),
                             _wk_check_context_area_name (ctx, area), parts->len, listed);
  f = _wk_finding_new_for_area ("contiguity", area,
                            wk_profile_get_severity (ctx->profile, "contiguity"), parts->len, 1, message);
  _wk_criterion_add_finding (findings, f, _("parts"), (guint *) detached->data, detached->len);
}

WK_DEFINE_AREA_CRITERION (WkCriterionContiguity, wk_criterion_contiguity, "contiguity",
                          evaluate_contiguity)
