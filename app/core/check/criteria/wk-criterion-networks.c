/* wk-criterion-networks.c: existing team areas and practice groups not split
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
#include "wk-criterion-networks.h"
#include "wk-dataset-private.h"
#include "wk-finding-private.h"

struct _WkCriterionNetworks
{
  WkCriterion parent_instance;
};

WK_DEFINE_CRITERION (WkCriterionNetworks, wk_criterion_networks)

static void
collect_keys (WkCriterion        *criterion,
              WkCheckContext     *ctx,
              const WkPlanChange *change,
              GHashTable         *keys)
{
  WkDataset *dataset = ctx->dataset;

  if (change == NULL)
    {
      for (guint i = 0; i < wk_dataset_get_n_networks (dataset); i++)
        g_hash_table_add (keys, GUINT_TO_POINTER (i));
      return;
    }
  for (guint i = 0; i < change->units->len; i++)
    {
      const guint *nets;
      guint n;

      nets = _wk_dataset_get_unit_networks (dataset, g_array_index (change->units, guint, i), &n);
      for (guint k = 0; k < n; k++)
        g_hash_table_add (keys, GUINT_TO_POINTER (nets[k]));
    }
}

typedef struct
{
  guint  area;
  double weight;
  guint  count;
} Part;

static int
part_compare (gconstpointer a,
              gconstpointer b)
{
  const Part *pa = a, *pb = b;

  if (pa->weight != pb->weight)
    return pa->weight > pb->weight ? -1 : 1;
  return pa->area < pb->area ? -1 : pa->area > pb->area;
}

static Part *
part_for (GArray *parts,
          guint   area)
{
  Part fresh = { area, 0.0, 0 };

  for (guint i = 0; i < parts->len; i++)
    if (g_array_index (parts, Part, i).area == area)
      return &g_array_index (parts, Part, i);
  g_array_append_val (parts, fresh);
  return &g_array_index (parts, Part, parts->len - 1);
}

static void
evaluate_polygon (WkCheckContext  *ctx,
                  guint            key,
                  const WkNetwork *net,
                  GPtrArray       *findings)
{
  WkProfile *profile = ctx->profile;
  WkDataset *dataset = ctx->dataset;
  WkPlan *plan = ctx->plan;
  double min_share = wk_profile_get_double (profile, "networks", "min_share");
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_autoptr(GArray) outside = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) rest = g_string_new (NULL);
  g_autofree char *message = NULL;
  gboolean by_population = FALSE;
  double total = 0.0, main_share;
  const Part *main;
  WkFinding *f;

  if (net->n_units == 0)
    return;
  /* Weigh by inhabitants; a network without known inhabitants by area. */
  for (guint i = 0; i < net->n_units; i++)
    if (wk_dataset_get_unit (dataset, net->units[i])->population > 0)
      by_population = TRUE;
  for (guint i = 0; i < net->n_units; i++)
    {
      const WkUnit *u = wk_dataset_get_unit (dataset, net->units[i]);
      double w = by_population ? MAX (u->population, 0) * net->shares[i] : u->area_m2 * net->shares[i];
      Part *p = part_for (parts, wk_plan_get_unit_area (plan, net->units[i]));

      p->weight += w;
      p->count++;
      total += w;
    }
  if (total <= 0.0)
    return;
  g_array_sort (parts, part_compare);
  main = &g_array_index (parts, Part, 0);
  if (main->area == WK_AREA_NONE && parts->len > 1)
    {
      /* the largest assigned part is the main one */
      Part tmp = g_array_index (parts, Part, 0);

      g_array_index (parts, Part, 0) = g_array_index (parts, Part, 1);
      g_array_index (parts, Part, 1) = tmp;
      main = &g_array_index (parts, Part, 0);
    }
  if (main->area == WK_AREA_NONE)
    return;   /* nothing of it is assigned yet: coverage reports that */
  main_share = main->weight / total;
  if (main_share >= min_share - 1e-12)
    return;

  for (guint i = 1; i < parts->len; i++)
    {
      const Part *p = &g_array_index (parts, Part, i);

      if (p->area == WK_AREA_NONE)
        g_string_append_printf (rest, "%s%s (%.0f %%)", i > 1 ? ", " : "", _("no area"),
                                100.0 * p->weight / total);
      else
        g_string_append_printf (rest, "%s“%s” (%.0f %%)", i > 1 ? ", " : "",
                                _wk_check_context_area_name (ctx, p->area), 100.0 * p->weight / total);
    }
  if (by_population)
    message = g_strdup_printf (_("The existing network “%s” is split: only %.0f %% of its inhabitants "
                                 "lie in “%s” (at least %.0f %% should); the rest in %s."),
                               net->name, 100.0 * main_share,
                               _wk_check_context_area_name (ctx, main->area), 100.0 * min_share, rest->str);
  else
    message = g_strdup_printf (_("The existing network “%s” is split: only %.0f %% of its area lies in "
                                 "“%s” (at least %.0f %% should); the rest in %s."),
                               net->name, 100.0 * main_share,
                               _wk_check_context_area_name (ctx, main->area), 100.0 * min_share, rest->str);
  f = wk_finding_new ("networks", key, wk_profile_get_severity (profile, "networks"),
                      main_share, min_share, message);
  for (guint i = 0; i < parts->len; i++)
    if (g_array_index (parts, Part, i).area != WK_AREA_NONE)
      _wk_finding_add_area (f, g_array_index (parts, Part, i).area);
  for (guint i = 0; i < net->n_units; i++)
    if (wk_plan_get_unit_area (plan, net->units[i]) != main->area)
      g_array_append_val (outside, net->units[i]);
  wk_finding_add_units (f, (guint *) outside->data, outside->len);
  g_ptr_array_add (findings, f);
}

static void
evaluate_group (WkCheckContext  *ctx,
                guint            key,
                const WkNetwork *net,
                GPtrArray       *findings)
{
  WkProfile *profile = ctx->profile;
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (Part));
  WkPlan *plan = ctx->plan;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *message = NULL;
  WkFinding *f;

  if (!wk_profile_get_boolean (profile, "networks", "groups_together"))
    return;
  for (guint i = 0; i < net->n_providers; i++)
    {
      const WkProvider *p = wk_dataset_get_provider (ctx->dataset, net->providers[i]);
      guint area;
      Part *part;

      if (p->unit == WK_UNIT_NONE || (area = wk_plan_get_unit_area (plan, p->unit)) == WK_AREA_NONE)
        continue;
      part = part_for (parts, area);
      part->count++;
      part->weight += 1.0;
      g_array_append_val (units, p->unit);
    }
  if (parts->len <= 1)
    return;
  g_array_sort (parts, part_compare);
  for (guint i = 0; i < parts->len; i++)
    {
      const Part *p = &g_array_index (parts, Part, i);
      g_string_append_printf (list, "%s“%s” (%u)", i ? ", " : "",
                              _wk_check_context_area_name (ctx, p->area), p->count);
    }
  message = g_strdup_printf (_("The locations of “%s” (%s) lie in %u areas: %s. A group's locations "
                               "should work in one area."),
                             net->name, wk_provider_kind_get_label (net->kind), parts->len, list->str);
  f = wk_finding_new ("networks", key, wk_profile_get_severity (profile, "networks"),
                      parts->len, 1, message);
  for (guint i = 0; i < parts->len; i++)
    _wk_finding_add_area (f, g_array_index (parts, Part, i).area);
  _wk_criterion_add_finding (findings, f, _("areas"), (guint *) units->data, units->len);
}

static void
evaluate (WkCriterion *criterion,
          WkCheckContext *ctx,
          guint        key,
          GPtrArray   *findings)
{
  WkDataset *dataset = ctx->dataset;
  const WkNetwork *net;

  if (key >= wk_dataset_get_n_networks (dataset))
    return;
  net = wk_dataset_get_network (dataset, key);
  if (net->is_group)
    evaluate_group (ctx, key, net, findings);
  else
    evaluate_polygon (ctx, key, net, findings);
}

static void
wk_criterion_networks_class_init (WkCriterionNetworksClass *klass)
{
  WkCriterionClass *criterion_class = WK_CRITERION_CLASS (klass);

  criterion_class->id = "networks";
  criterion_class->collect_keys = collect_keys;
  criterion_class->evaluate = evaluate;
}
