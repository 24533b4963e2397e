/* wk-criterion-municipality.c: each area within one municipality and its boundary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-criterion"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wk-criterion-private.h"
#include "wk-criterion-municipality.h"
#include "wk-check-context-private.h"

typedef struct
{
  const char *code;
  const char *name;
  gint64      population;
  guint       n_units;
} Municipality;

static int
municipality_compare (gconstpointer a,
                      gconstpointer b)
{
  const Municipality *ma = a, *mb = b;

  if (ma->population != mb->population)
    return ma->population > mb->population ? -1 : 1;
  if (ma->n_units != mb->n_units)
    return ma->n_units > mb->n_units ? -1 : 1;
  return g_strcmp0 (ma->code, mb->code);
}

static void
evaluate_municipality (WkCheckContext    *ctx,
                       guint              area,
                       const WkAreaStats *st,
                       GPtrArray         *findings)
{
  WkDataset *dataset = ctx->dataset;
  WkSeverity severity = wk_profile_get_severity (ctx->profile, "municipality");
  const char *name = _wk_check_context_area_name (ctx, area);
  g_autoptr(GArray) sorted = NULL;
  const guint *units;
  guint n;

  /* Sorted, so that the result does not depend on the order of edits. */
  sorted = _wk_check_context_sorted_units (ctx, area);
  units = (const guint *) sorted->data;
  n = sorted->len;

  if (st->n_municipalities > 1 && !wk_profile_get_boolean (ctx->profile, "municipality", "allow_region"))
    {
      g_autoptr(GArray) gms = g_array_new (FALSE, TRUE, sizeof (Municipality));
      g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *message = NULL;
      WkFinding *f;

      for (guint i = 0; i < n; i++)
        {
          const WkUnit *u = wk_dataset_get_unit (dataset, units[i]);
          Municipality *m = NULL;

          if (u->gm_code == NULL)
            continue;
          for (guint k = 0; k < gms->len && m == NULL; k++)
            if (g_str_equal (g_array_index (gms, Municipality, k).code, u->gm_code))
              m = &g_array_index (gms, Municipality, k);
          if (m == NULL)
            {
              Municipality fresh = { u->gm_code, u->gm_name, 0, 0 };
              g_array_append_val (gms, fresh);
              m = &g_array_index (gms, Municipality, gms->len - 1);
            }
          m->n_units++;
          if (u->population > 0)
            m->population += u->population;
        }
      g_array_sort (gms, municipality_compare);
      for (guint k = 0; k < gms->len; k++)
        {
          Municipality *m = &g_array_index (gms, Municipality, k);

          g_string_append_printf (list, "%s%s", k ? ", " : "", m->name ? m->name : m->code);
        }
      for (guint i = 0; i < n; i++)
        {
          const WkUnit *u = wk_dataset_get_unit (dataset, units[i]);

          if (u->gm_code != NULL &&
              !g_str_equal (u->gm_code, g_array_index (gms, Municipality, 0).code))
            g_array_append_val (others, units[i]);
        }
      message = g_strdup_printf (_("“%s” spans %u municipalities (%s). An area should lie within one "
                                   "municipality, because the social domain is organised per "
                                   "municipality."), name, st->n_municipalities, list->str);
      f = _wk_finding_new_for_area ("municipality", area, severity, st->n_municipalities, 1, message);
      _wk_criterion_add_finding (findings, f, _("municipalities"),
                                 (guint *) others->data, others->len);
    }

  if (wk_dataset_has_boundary (dataset))
    {
      double min_share = wk_profile_get_double (ctx->profile, "municipality", "min_inside_share");
      g_autoptr(GArray) outside = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i < n; i++)
        if (wk_dataset_get_unit (dataset, units[i])->inside_share < min_share)
          g_array_append_val (outside, units[i]);
      if (outside->len > 0)
        {
          g_autofree char *listed = NULL;
          g_autofree char *message = NULL;
          WkFinding *f;

          listed = _wk_check_context_format_units (ctx, (guint *) outside->data, outside->len, 5);
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "“%s” contains %u buurt outside the municipal boundary: %s.",
                                                  "“%s” contains %u buurten outside the municipal boundary: %s.",
                                                  outside->len),
                                     name, outside->len, listed);
          f = _wk_finding_new_for_area ("municipality", area, severity, outside->len, 0, message);
          _wk_criterion_add_finding (findings, f, _("buurten"),
                                     (guint *) outside->data, outside->len);
        }
    }
}

WK_DEFINE_AREA_CRITERION (WkCriterionMunicipality, wk_criterion_municipality, "municipality",
                          evaluate_municipality)
