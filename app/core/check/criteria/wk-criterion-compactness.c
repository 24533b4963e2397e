/* wk-criterion-compactness.c: Polsby-Popper compactness, as information
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-criterion"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wk-criterion-private.h"
#include "wk-criterion-compactness.h"
#include "wk-check-context-private.h"

static void
evaluate_compactness (WkCheckContext    *ctx,
                      guint              area,
                      const WkAreaStats *st,
                      GPtrArray         *findings)
{
  double min = wk_profile_get_double (ctx->profile, "compactness", "min_polsby_popper");
  g_autofree char *message = NULL;

  if (st->n_units == 0 || st->compactness >= min)
    return;
  message = g_strdup_printf (_("“%s” is not compact (Polsby-Popper %.2f, below %.2f): a long or "
                               "ragged area makes distances within it large."),
                             _wk_check_context_area_name (ctx, area), st->compactness, min);
  g_ptr_array_add (findings,
                   _wk_finding_new_for_area ("compactness", area,
                                         wk_profile_get_severity (ctx->profile, "compactness"),
                                         st->compactness, min, message));
}

WK_DEFINE_AREA_CRITERION (WkCriterionCompactness, wk_criterion_compactness, "compactness",
                          evaluate_compactness)
