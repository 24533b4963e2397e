/* wk-criterion-providers.c: GP, pharmacy and district nursing in every area
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
#include "wk-criterion-providers.h"

struct _WkCriterionProviders
{
  WkCriterion parent_instance;
};

WK_DEFINE_CRITERION (WkCriterionProviders, wk_criterion_providers)

static const struct {
  WkProviderKind  kind;
  const char     *key;
} required[] = {
  { WK_PROVIDER_GP, "require_gp" },
  { WK_PROVIDER_PHARMACY, "require_pharmacy" },
  { WK_PROVIDER_NURSING, "require_nursing" },
  { WK_PROVIDER_SOCIAL, "require_social" },
};

static char *
missing_message (WkProviderKind  kind,
                 const char     *area)
{
  switch (kind)
    {
    case WK_PROVIDER_GP:
      return g_strdup_printf (_("“%s” has no GP practice. Every area needs at least one."), area);
    case WK_PROVIDER_PHARMACY:
      return g_strdup_printf (_("“%s” has no pharmacy or dispensing GP. Every area needs at least one."),
                              area);
    case WK_PROVIDER_NURSING:
      return g_strdup_printf (_("“%s” has no district nursing team. Every area needs at least one."),
                              area);
    case WK_PROVIDER_SOCIAL:
      return g_strdup_printf (_("“%s” has no social neighbourhood team."), area);
    case WK_N_PROVIDER_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
not_loaded_message (WkProviderKind kind)
{
  switch (kind)
    {
    case WK_PROVIDER_GP:
      return _("No GP practices were loaded, so whether every area has one was not checked.");
    case WK_PROVIDER_PHARMACY:
      return _("No pharmacies were loaded, so whether every area has one was not checked.");
    case WK_PROVIDER_NURSING:
      return _("No district nursing teams were loaded, so whether every area has one was not checked.");
    case WK_PROVIDER_SOCIAL:
      return _("No social neighbourhood teams were loaded, so whether every area has one was not checked.");
    case WK_N_PROVIDER_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
collect_keys (WkCriterion        *criterion,
              WkCheckContext     *ctx,
              const WkPlanChange *change,
              GHashTable         *keys)
{
  WK_CRITERION_CLASS (wk_criterion_providers_parent_class)->collect_keys (criterion, ctx,
                                                                          change, keys);
  /* key 0: the notices for kinds that were not loaded */
  if (change == NULL)
    g_hash_table_add (keys, GUINT_TO_POINTER (0));
}

static void
evaluate (WkCriterion *criterion,
          WkCheckContext *ctx,
          guint        key,
          GPtrArray   *findings)
{
  WkProfile *profile = ctx->profile;
  WkDataset *dataset = ctx->dataset;
  WkSeverity severity = wk_profile_get_severity (profile, "providers");
  gboolean dispensing = wk_profile_get_boolean (profile, "providers", "dispensing_gp_counts");
  const WkAreaStats *st;

  if (key == 0)
    {
      for (guint r = 0; r < G_N_ELEMENTS (required); r++)
        if (wk_profile_get_boolean (profile, "providers", required[r].key) &&
            !wk_dataset_has_provider_kind (dataset, required[r].kind))
          g_ptr_array_add (findings, wk_finding_new ("providers", 0, WK_SEVERITY_INFO, NAN, NAN,
                                                     not_loaded_message (required[r].kind)));
      return;
    }

  st = wk_check_context_get_area_stats (ctx, key);
  if (st == NULL || st->n_units == 0)
    return;
  for (guint r = 0; r < G_N_ELEMENTS (required); r++)
    {
      WkProviderKind kind = required[r].kind;
      guint count = st->n_providers[kind];
      g_autofree char *message = NULL;
      WkFinding *f;

      if (!wk_profile_get_boolean (profile, "providers", required[r].key) ||
          !wk_dataset_has_provider_kind (dataset, kind))
        continue;
      if (kind == WK_PROVIDER_PHARMACY && dispensing)
        count += st->n_dispensing;
      if (count > 0)
        continue;
      message = missing_message (kind, _wk_check_context_area_name (ctx, key));
      f = _wk_finding_new_for_area ("providers", key, severity, 0, 1, message);
      g_ptr_array_add (findings, f);
    }
}

static void
wk_criterion_providers_class_init (WkCriterionProvidersClass *klass)
{
  WkCriterionClass *criterion_class = WK_CRITERION_CLASS (klass);

  criterion_class->id = "providers";
  criterion_class->collect_keys = collect_keys;
  criterion_class->evaluate = evaluate;
}
