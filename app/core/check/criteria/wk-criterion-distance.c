/* wk-criterion-distance.c: inhabited buurten near a GP and a pharmacy
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
#include "wk-criterion-distance.h"
#include "wk-dataset-private.h"
#include "wk-geos-private.h"

enum {
  GP,
  PHARMACY,
  N_TARGETS
};

struct _WkCriterionDistance
{
  WkCriterion  parent_instance;

  /* distance (m) from each unit's centroid to the nearest provider anywhere,
   * per target; computed once: it does not depend on the plan */
  double      *nearest[N_TARGETS];
  gboolean     dispensing;
};

WK_DEFINE_CRITERION (WkCriterionDistance, wk_criterion_distance)

static gboolean
counts_as (const WkProvider *p,
           int               target,
           gboolean          dispensing)
{
  if (target == GP)
    return p->kind == WK_PROVIDER_GP;
  return p->kind == WK_PROVIDER_PHARMACY || (dispensing && p->kind == WK_PROVIDER_GP && p->dispensing);
}

typedef struct
{
  WkDataset *dataset;
  double     x, y;
} NearestQuery;

static int
item_distance_cb (const void *item1,
                  const void *item2,
                  double     *distance,
                  void       *user_data)
{
  NearestQuery *q = user_data;
  double c[2][2];
  const void *items[2] = { item1, item2 };

  for (int i = 0; i < 2; i++)
    {
      guint index = GPOINTER_TO_UINT (items[i]);

      if (index == 0)
        {
          c[i][0] = q->x;
          c[i][1] = q->y;
        }
      else
        {
          const WkProvider *p = wk_dataset_get_provider (q->dataset, index - 1);
          c[i][0] = p->x;
          c[i][1] = p->y;
        }
    }
  *distance = hypot (c[0][0] - c[1][0], c[0][1] - c[1][1]);
  return 1;
}

/* Nearest provider per unit, with an STRtree of the providers. */
static void
compute_nearest (WkCriterionDistance *self,
                 WkDataset           *dataset)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  guint n_units = wk_dataset_get_n_units (dataset);
  guint n_prov = wk_dataset_get_n_providers (dataset);

  for (int t = 0; t < N_TARGETS; t++)
    {
      g_autoptr(WkGeosTree) tree = GEOSSTRtree_create_r (ctx, 10);
      g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);

      self->nearest[t] = g_new (double, MAX (n_units, 1));
      for (guint p = 0; p < n_prov; p++)
        {
          const WkProvider *prov = wk_dataset_get_provider (dataset, p);
          GEOSGeometry *pt;

          if (!counts_as (prov, t, self->dispensing))
            continue;
          pt = GEOSGeom_createPointFromXY_r (ctx, prov->x, prov->y);
          g_ptr_array_add (points, pt);
          GEOSSTRtree_insert_r (ctx, tree, pt, GUINT_TO_POINTER (p + 1));
        }
      for (guint u = 0; u < n_units; u++)
        {
          const WkUnit *unit = wk_dataset_get_unit (dataset, u);
          NearestQuery q = { dataset, unit->cx, unit->cy };
          g_autoptr(WkGeosGeometry) pt = NULL;
          const void *found;

          self->nearest[t][u] = INFINITY;
          if (points->len == 0)
            continue;
          pt = GEOSGeom_createPointFromXY_r (ctx, unit->cx, unit->cy);
          found = GEOSSTRtree_nearest_generic_r (ctx, tree, GUINT_TO_POINTER (0), pt,
                                                 item_distance_cb, &q);
          if (found != NULL)
            {
              const WkProvider *prov = wk_dataset_get_provider (dataset, GPOINTER_TO_UINT (found) - 1);
              self->nearest[t][u] = hypot (prov->x - unit->cx, prov->y - unit->cy);
            }
        }
    }
}

static gboolean
target_loaded (WkDataset *dataset,
               int        target)
{
  return wk_dataset_has_provider_kind (dataset, target == GP ? WK_PROVIDER_GP : WK_PROVIDER_PHARMACY);
}

static void
evaluate (WkCriterion *criterion,
          WkCheckContext *ctx,
          guint        area,
          GPtrArray   *findings)
{
  WkCriterionDistance *self = WK_CRITERION_DISTANCE (criterion);
  WkProfile *profile = ctx->profile;
  WkDataset *dataset = ctx->dataset;
  gboolean in_area = g_strcmp0 (wk_profile_get_choice (profile, "distance", "scope"), "area") == 0;
  g_autoptr(GArray) units = NULL;
  const char *name = _wk_check_context_area_name (ctx, area);

  if (wk_plan_get_area (ctx->plan, area) == NULL)
    return;
  self->dispensing = wk_profile_get_boolean (profile, "providers", "dispensing_gp_counts");
  if (!in_area && self->nearest[GP] == NULL)
    compute_nearest (self, dataset);
  units = _wk_check_context_sorted_units (ctx, area);

  for (int t = 0; t < N_TARGETS; t++)
    {
      double max_km = wk_profile_get_double (profile, "distance", t == GP ? "max_gp_km" : "max_pharmacy_km");
      g_autoptr(GArray) far = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) local = g_array_new (FALSE, FALSE, sizeof (guint));
      gint64 people = 0;
      double farthest = 0.0;

      if (!target_loaded (dataset, t))
        continue;
      if (in_area)
        {
          /* the providers located in this area's units */
          for (guint i = 0; i < units->len; i++)
            {
              const guint *provs;
              guint n_provs;

              provs = _wk_dataset_get_unit_providers (dataset, g_array_index (units, guint, i), &n_provs);
              for (guint k = 0; k < n_provs; k++)
                if (counts_as (wk_dataset_get_provider (dataset, provs[k]), t, self->dispensing))
                  g_array_append_val (local, provs[k]);
            }
          /* none at all is the providers criterion's finding */
          if (local->len == 0)
            continue;
        }
      for (guint i = 0; i < units->len; i++)
        {
          guint u = g_array_index (units, guint, i);
          const WkUnit *unit = wk_dataset_get_unit (dataset, u);
          double d;

          if (unit->population <= 0)
            continue;
          if (in_area)
            {
              d = INFINITY;
              for (guint k = 0; k < local->len; k++)
                {
                  const WkProvider *p = wk_dataset_get_provider (dataset, g_array_index (local, guint, k));
                  d = MIN (d, hypot (p->x - unit->cx, p->y - unit->cy));
                }
            }
          else
            d = self->nearest[t][u];
          if (d > max_km * 1000.0)
            {
              g_array_append_val (far, u);
              people += unit->population;
              farthest = MAX (farthest, d);
            }
        }
      if (far->len > 0)
        {
          g_autofree char *listed = _wk_check_context_format_units (ctx, (guint *) far->data, far->len, 5);
          g_autofree char *pop = wk_format_count (people);
          g_autofree char *message = NULL;
          WkFinding *f;

          if (t == GP)
            message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "In “%s”, %u buurt (%s inhabitants) lies more than %.1f km "
                                                    "from the nearest GP practice (farthest %.1f km): %s.",
                                                    "In “%s”, %u buurten (%s inhabitants) lie more than %.1f km "
                                                    "from the nearest GP practice (farthest %.1f km): %s.",
                                                    far->len),
                                       name, far->len, pop, max_km, farthest / 1000.0, listed);
          else
            message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "In “%s”, %u buurt (%s inhabitants) lies more than %.1f km "
                                                    "from the nearest pharmacy (farthest %.1f km): %s.",
                                                    "In “%s”, %u buurten (%s inhabitants) lie more than %.1f km "
                                                    "from the nearest pharmacy (farthest %.1f km): %s.",
                                                    far->len),
                                       name, far->len, pop, max_km, farthest / 1000.0, listed);
          f = _wk_finding_new_for_area ("distance", area,
                                    wk_profile_get_severity (profile, "distance"),
                                    farthest / 1000.0, max_km, message);
          _wk_criterion_add_finding (findings, f, _("km"), (guint *) far->data, far->len);
        }
    }
}

static void
reset (WkCriterion *criterion)
{
  WkCriterionDistance *self = WK_CRITERION_DISTANCE (criterion);

  for (int t = 0; t < N_TARGETS; t++)
    g_clear_pointer (&self->nearest[t], g_free);
}

static void
wk_criterion_distance_finalize (GObject *object)
{
  reset (WK_CRITERION (object));
  G_OBJECT_CLASS (wk_criterion_distance_parent_class)->finalize (object);
}

static void
wk_criterion_distance_class_init (WkCriterionDistanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WkCriterionClass *criterion_class = WK_CRITERION_CLASS (klass);

  object_class->finalize = wk_criterion_distance_finalize;
  criterion_class->id = "distance";
  criterion_class->evaluate = evaluate;
  criterion_class->reset = reset;
}
