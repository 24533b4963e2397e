/* wk-dataset-networks.c: linking networks and boundaries to the units they cover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-dataset"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wk-array-private.h"
#include "wk-dataset-private.h"
#include "wk-dataset-networks-private.h"
#include "wk-parallel-private.h"

/* ------------------------------------------------------------- networks */

/* @geom cut to @box (xmin, ymin, xmax, ymax) grown by @margin. */
static GEOSGeometry *
clip_to_box (GEOSContextHandle_t  ctx,
             const GEOSGeometry  *geom,
             const double         box[4],
             double               margin)
{
  return GEOSClipByRect_r (ctx, geom, box[0] - margin, box[1] - margin,
                           box[2] + margin, box[3] + margin);
}

/* Within this distance (metres) an edge of a polygon counts as running along
 * a unit's edge.  Team areas and boundaries made of buurten but written in
 * longitude/latitude with 6 decimals (as GeoJSON usually is) have their
 * vertices up to 0.07 m from the buurten's: rounding to 1e-6 degrees moves
 * a point at most 0.056 m north-south and 0.034 m east-west here.  0.1 m
 * covers that and stays far below what a map of buurten is drawn to. */
#define SHARE_TOLERANCE_M 0.1

/* A unit is told inside or outside within the tolerance only when that can
 * change its share by at most this: a quarter of the 1 % sliver rule, so a
 * unit told outside (share 0) has less than 1 % inside and one told inside
 * (share 1) more than 99 %. */
#define MAX_SHARE_ERROR 0.0025

static double share_tolerance_m = SHARE_TOLERANCE_M;

/* _wk_dataset_set_share_tolerance:
 * @metres: the tolerance, 0 for exact shares
 *
 * Sets the tolerance of the shares that loading computes (for the tests,
 * which compare against exact shares); returns the previous one.  Not
 * thread-safe: set it before loading. */
double
_wk_dataset_set_share_tolerance (double metres)
{
  double old = share_tolerance_m;

  share_tolerance_m = MAX (metres, 0.0);
  return old;
}

double
_wk_dataset_get_share_tolerance (void)
{
  return share_tolerance_m;
}

/* _wk_share_cores_new:
 *
 * Each unit's core, its polygon shrunk by @tolerance, computed when first
 * needed; threads may ask for the same unit at once. */
WkShareCores *
_wk_share_cores_new (WkDataset *self,
                     double     tolerance)
{
  WkShareCores *cores = g_new0 (WkShareCores, 1);

  cores->self = self;
  cores->tolerance = tolerance;
  cores->n = self->units->len;
  cores->geoms = g_new0 (GEOSGeometry *, MAX (cores->n, 1));
  return cores;
}

void
_wk_share_cores_free (WkShareCores *cores)
{
  GEOSContextHandle_t ctx = wk_geos_context ();

  if (cores == NULL)
    return;
  for (guint i = 0; i < cores->n; i++)
    if (cores->geoms[i] != NULL)
      GEOSGeom_destroy_r (ctx, cores->geoms[i]);
  g_free (cores->geoms);
  g_free (cores);
}

/* The core of @unit, or %NULL when it has none (too thin, or the buffer
 * failed). */
static const GEOSGeometry *
share_core (WkShareCores *cores,
            guint         unit)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  GEOSGeometry *core = g_atomic_pointer_get (&cores->geoms[unit]);

  if (core == NULL)
    {
      const GEOSGeometry *ug = g_ptr_array_index (cores->self->geoms, unit);

      /* Round joins, one segment a quarter circle: the chords lie inside
       * the true inner offset's arcs, so the core is still within the unit
       * and the band between them no wider than the tolerance. */
      core = GEOSBuffer_r (ctx, ug, -cores->tolerance, 1);
      if (core == NULL)
        return NULL;
      if (!g_atomic_pointer_compare_and_exchange (&cores->geoms[unit], NULL, core))
        {
          GEOSGeom_destroy_r (ctx, core);
          core = g_atomic_pointer_get (&cores->geoms[unit]);
        }
    }
  return GEOSisEmpty_r (ctx, core) == 0 ? core : NULL;
}

/* Frees @unit's core, if it has one, once no thread needs it any more. */
static void
share_core_release (WkShareCores *cores,
                    guint         unit)
{
  GEOSGeometry *core = g_atomic_pointer_exchange (&cores->geoms[unit], NULL);

  if (core != NULL)
    GEOSGeom_destroy_r (wk_geos_context (), core);
}

#define SHARE_ON_EDGE -1.0
#define SHARE_UNTOLD  -2.0

/* Tells @unit's share of @prep from its core (the unit shrunk by the cores'
 * tolerance): 1 when the core lies inside @prep, 0 when it does not meet
 * it, SHARE_ON_EDGE when the core meets @prep's edge (then so does the
 * unit), or SHARE_UNTOLD when the unit has no core to tell by (its bound is
 * too large, or it is too thin). */
static double
share_from_core (WkDataset                  *self,
                 guint                       unit,
                 const GEOSPreparedGeometry *prep,
                 WkShareCores               *cores)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  const WkUnit *u = &g_array_index (self->units, WkUnit, unit);
  const GEOSGeometry *core;
  double core_m2;

  if (!(u->area_m2 > 0.0) || cores->tolerance * u->perimeter_m > MAX_SHARE_ERROR * u->area_m2)
    return SHARE_UNTOLD;
  core = share_core (cores, unit);
  /* the band's true area: t × perimeter, a little more at reflex corners */
  if (core == NULL || !GEOSArea_r (ctx, core, &core_m2) ||
      u->area_m2 - core_m2 > MAX_SHARE_ERROR * u->area_m2)
    return SHARE_UNTOLD;
  if (GEOSPreparedContainsProperly_r (ctx, prep, core) == 1)
    return 1.0;
  if (GEOSPreparedIntersects_r (ctx, prep, core) == 0)
    return 0.0;
  return SHARE_ON_EDGE;
}

/* _wk_dataset_share_inside:
 * @min_share: a share below it may be returned as any value below it
 * @whole: relate and intersect with the whole of @geom, not only the part
 *   of it around the unit (slow on large polygons; for the tests)
 * @cores: (nullable): the units' cores, for shares within their tolerance
 *   (_wk_share_cores_new()); %NULL for exact shares
 *
 * The share of @unit's area that lies inside @geom (prepared as @prep),
 * 0 when their interiors do not meet.  Units well inside or well outside
 * are told by the prepared geometry, exactly.
 *
 * With @cores, a unit whose core (its polygon shrunk by the tolerance t) lies
 * inside @geom has the share 1, and one whose core does not meet @geom the
 * share 0: what lies between the unit and its core is a band along its edges
 * of about t × perimeter in area, so the exact share differs by at most the
 * band's area / the unit's area (about t × perimeter / area).  That is used
 * only where this bound, measured, is at most MAX_SHARE_ERROR.  Such units
 * are those whose edges run within t of @geom's without being identical
 * (team areas drawn from the buurten but rounded apart from them): the most
 * costly ones to intersect, because GEOS's overlay has to fall back to
 * snapping on the nearly collinear edges.  With @cores->core_first the core
 * is tested before the unit itself: the answer is the same (a unit inside
 * or outside has its core inside or outside too, and a core that meets the
 * edge leaves the unit neither), and where nearly every unit lies on an
 * edge (team areas) the unit's own tests are wasted.
 *
 * The others on the border, whose edges often run along those of @geom,
 * are related and, if needed, intersected: with the part of @geom in the
 * unit's bounding box grown by a margin, so that the cost does not grow
 * with @geom's size.  The unit lies strictly inside that box, so no unit
 * edge runs along a cut, and the part relates to the unit as the whole of
 * @geom does (the same interior, and near the unit the same exterior).
 * (Cutting at the unit's own box gave wrong shares for units whose edges run
 * along @geom's: there the cut itself ran along them.)  The part of @geom
 * inside the unit's box, grown a little (not cut along the unit's edges, as
 * above), bounds the share from above: a unit that @geom only grazes in
 * slivers needs no intersection when the bound is already well below
 * @min_share (half of it, against rounding). */
double
_wk_dataset_share_inside (WkDataset                  *self,
                          guint                       unit,
                          const GEOSPreparedGeometry *prep,
                          const GEOSGeometry         *geom,
                          double                      min_share,
                          gboolean                    whole,
                          WkShareCores               *cores)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  const GEOSGeometry *ug = g_ptr_array_index (self->geoms, unit);
  const WkUnit *u = &g_array_index (self->units, WkUnit, unit);
  g_autoptr(WkGeosGeometry) local = NULL;
  g_autoptr(WkGeosGeometry) inter = NULL;
  g_autofree char *im = NULL;
  double box[4], a = 0.0, told = SHARE_UNTOLD;

  if (cores != NULL && cores->core_first)
    told = share_from_core (self, unit, prep, cores);
  if (told == SHARE_UNTOLD)
    {
      if (GEOSPreparedIntersects_r (ctx, prep, ug) != 1)
        return 0.0;
      if (GEOSPreparedContainsProperly_r (ctx, prep, ug) == 1)
        return 1.0;
      if (cores != NULL && !cores->core_first)
        told = share_from_core (self, unit, prep, cores);
    }
  if (told >= 0.0)
    return told;
  if (u->area_m2 <= 0.0 ||
      !GEOSGeom_getXMin_r (ctx, ug, &box[0]) || !GEOSGeom_getYMin_r (ctx, ug, &box[1]) ||
      !GEOSGeom_getXMax_r (ctx, ug, &box[2]) || !GEOSGeom_getYMax_r (ctx, ug, &box[3]))
    whole = TRUE;
  if (!whole && min_share > 0.0)
    {
      g_autoptr(WkGeosGeometry) in_box =
        clip_to_box (ctx, geom, box, 0.01 * MAX (box[2] - box[0], box[3] - box[1]) + 1.0);

      if (in_box != NULL && GEOSArea_r (ctx, in_box, &a) && a < 0.5 * min_share * u->area_m2)
        return a / u->area_m2;
    }
  if (!whole)
    local = clip_to_box (ctx, geom, box, 0.1 * MAX (box[2] - box[0], box[3] - box[1]) + 10.0);
  if (local != NULL)
    geom = local;
  /* DE-9IM of (geom, unit): II, IB, IE, BI, BB, BE, EI, EB, EE */
  im = GEOSRelate_r (ctx, geom, ug);
  if (im != NULL && im[0] == 'F')
    return 0.0;                       /* they only touch (or are apart) */
  if (im != NULL && im[6] == 'F' && im[7] == 'F')
    return 1.0;                       /* the unit lies within */
  inter = GEOSIntersection_r (ctx, ug, geom);
  if (inter == NULL || !GEOSArea_r (ctx, inter, &a) || u->area_m2 <= 0.0)
    return 0.0;
  return a / u->area_m2;
}

/* Slivers along a shared border are digitising noise, not membership. */
#define MIN_SHARE 0.01

typedef struct
{
  WkDataset  *self;
  GArray    **candidates;   /* per network polygon: guint units */
  GArray    **shares;       /* per network polygon: double, NAN = not in it */
  WkShareCores *cores;      /* NULL: exact shares */
  gint       *n_left;       /* per unit: polygons still to share it */
} NetworkJob;

static void
network_candidate_cb (void *item,
                      void *user_data)
{
  guint unit = GPOINTER_TO_UINT (item) - 1;

  g_array_append_val ((GArray *) user_data, unit);
}

static void
network_shares_chunk (gpointer data,
                      guint    begin,
                      guint    end)
{
  NetworkJob *job = data;
  GEOSContextHandle_t ctx = wk_geos_context ();

  for (guint i = begin; i < end; i++)
    {
      const GEOSGeometry *geom = g_ptr_array_index (job->self->network_geoms, i);
      const GEOSPreparedGeometry *prep = GEOSPrepare_r (ctx, geom);
      GArray *candidates = job->candidates[i];

      g_array_set_size (job->shares[i], candidates->len);
      for (guint k = 0; k < candidates->len; k++)
        {
          guint unit = g_array_index (candidates, guint, k);

          g_array_index (job->shares[i], double, k) =
            _wk_dataset_share_inside (job->self, unit, prep, geom, MIN_SHARE, FALSE, job->cores);
          /* the cores of the units already shared with all their polygons
           * are not kept: together they would hold every unit again */
          if (job->cores != NULL && g_atomic_int_dec_and_test (&job->n_left[unit]))
            share_core_release (job->cores, unit);
        }
      GEOSPreparedGeom_destroy_r (ctx, prep);
    }
}

typedef struct
{
  WkDataset    *self;
  guint         n_parts;
  WkShareCores *cores;      /* NULL: exact shares */
} InsideJob;

/* One part of the units per thread: each thread prepares the boundary once. */
static void
inside_shares_chunk (gpointer data,
                     guint    begin,
                     guint    end)
{
  InsideJob *job = data;
  WkDataset *self = job->self;
  GEOSContextHandle_t ctx = wk_geos_context ();
  guint n = self->units->len;

  for (guint part = begin; part < end; part++)
    {
      const GEOSPreparedGeometry *prep = GEOSPrepare_r (ctx, self->boundary);

      for (guint i = (guint) ((guint64) n * part / job->n_parts);
           i < (guint) ((guint64) n * (part + 1) / job->n_parts); i++)
        {
          WkUnit *u = &g_array_index (self->units, WkUnit, i);

          u->inside_share = CLAMP (_wk_dataset_share_inside (self, i, prep, self->boundary,
                                                             0.0, FALSE, job->cores),
                                   0.0, 1.0);
          if (job->cores != NULL)
            share_core_release (job->cores, i);
        }
      GEOSPreparedGeom_destroy_r (ctx, prep);
    }
}

/* _wk_dataset_compute_inside_shares:
 *
 * Each unit's share of its area inside the municipal boundary, on all cores.
 */
void
_wk_dataset_compute_inside_shares (WkDataset *self)
{
  InsideJob job = { self, _wk_parallel_n_threads (self->units->len, 64), NULL };

  if (share_tolerance_m > 0.0)
    job.cores = _wk_share_cores_new (self, share_tolerance_m);
  _wk_parallel_for (job.n_parts, 1, inside_shares_chunk, &job);
  _wk_share_cores_free (job.cores);
}

/* Links network polygons to the units they overlap, groups providers by
 * their network field, and builds the unit → networks index. */
void
_wk_dataset_finish_networks (WkDataset *self)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  guint n = self->units->len;
  g_autofree guint *count = g_new0 (guint, n + 1);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_polygons = self->networks->len;
  NetworkJob job;

  /* Candidates from the tree here, the shares on all cores. */
  job.self = self;
  job.candidates = g_new0 (GArray *, MAX (n_polygons, 1));
  job.shares = g_new0 (GArray *, MAX (n_polygons, 1));
  job.cores = share_tolerance_m > 0.0 ? _wk_share_cores_new (self, share_tolerance_m) : NULL;
  /* nearly every unit lies on a team area's edge: test the cores first */
  if (job.cores != NULL)
    job.cores->core_first = TRUE;
  _wk_dataset_lock_tree (self);
  for (guint i = 0; i < n_polygons; i++)
    {
      job.candidates[i] = g_array_new (FALSE, FALSE, sizeof (guint));
      job.shares[i] = g_array_new (FALSE, FALSE, sizeof (double));
      GEOSSTRtree_query_r (ctx, _wk_dataset_get_tree (self),
                           g_ptr_array_index (self->network_geoms, i),
                           network_candidate_cb, job.candidates[i]);
      /* in data set order, whatever order the tree gives */
      g_array_sort (job.candidates[i], _wk_uint_compare);
    }
  _wk_dataset_unlock_tree (self);
  job.n_left = g_new0 (gint, MAX (n, 1));
  for (guint i = 0; i < n_polygons; i++)
    for (guint k = 0; k < job.candidates[i]->len; k++)
      job.n_left[g_array_index (job.candidates[i], guint, k)]++;
  _wk_parallel_for (n_polygons, 1, network_shares_chunk, &job);
  _wk_share_cores_free (job.cores);
  g_free (job.n_left);
  for (guint i = 0; i < n_polygons; i++)
    {
      WkNetwork *net = &g_array_index (self->networks, WkNetwork, i);
      GArray *units = g_array_new (FALSE, FALSE, sizeof (guint));
      GArray *shares = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint k = 0; k < job.candidates[i]->len; k++)
        {
          double share = g_array_index (job.shares[i], double, k);

          if (share < MIN_SHARE)
            continue;
          g_array_append_val (units, g_array_index (job.candidates[i], guint, k));
          g_array_append_val (shares, share);
        }
      g_array_unref (job.candidates[i]);
      g_array_unref (job.shares[i]);
      net->n_units = units->len;
      net->units = (const guint *) g_array_free (units, FALSE);
      net->shares = (const double *) g_array_free (shares, FALSE);
      g_ptr_array_add (self->network_arrays, (gpointer) net->units);
      g_ptr_array_add (self->network_arrays, (gpointer) net->shares);
    }
  g_free (job.candidates);
  g_free (job.shares);

  /* Point groups: providers that share a network name (per kind). */
  for (guint p = 0; p < self->providers->len; p++)
    {
      const WkProvider *prov = &g_array_index (self->providers, WkProvider, p);
      g_autofree char *key = NULL;
      GArray *members;

      if (prov->network == NULL || *prov->network == '\0')
        continue;
      key = g_strdup_printf ("%d\x1f%s", prov->kind, prov->network);
      members = g_hash_table_lookup (groups, key);
      if (members == NULL)
        {
          WkNetwork net = { 0 };

          members = g_array_new (FALSE, FALSE, sizeof (guint));
          net.name = prov->network;
          net.source = prov->source;
          net.is_group = TRUE;
          net.kind = prov->kind;
          g_array_append_val (self->networks, net);
          g_ptr_array_add (self->network_geoms, NULL);
          g_hash_table_insert (groups, g_steal_pointer (&key), members);
          g_array_append_val (members, p);
          g_array_index (self->networks, WkNetwork, self->networks->len - 1).providers =
            (const guint *) members;   /* fixed up below */
        }
      else
        g_array_append_val (members, p);
    }
  for (guint i = n_polygons; i < self->networks->len; i++)
    {
      WkNetwork *net = &g_array_index (self->networks, WkNetwork, i);
      GArray *members = (GArray *) net->providers;
      GArray *units = g_array_new (FALSE, FALSE, sizeof (guint));
      GArray *shares = g_array_new (FALSE, FALSE, sizeof (double));

      net->n_providers = members->len;
      for (guint m = 0; m < members->len; m++)
        {
          const WkProvider *prov = &g_array_index (self->providers, WkProvider,
                                                   g_array_index (members, guint, m));
          double one = 1.0;
          gboolean seen = FALSE;

          if (prov->unit == WK_UNIT_NONE)
            continue;
          for (guint k = 0; k < units->len && !seen; k++)
            seen = g_array_index (units, guint, k) == prov->unit;
          if (!seen)
            {
              g_array_append_val (units, prov->unit);
              g_array_append_val (shares, one);
            }
        }
      net->providers = (const guint *) g_array_free (members, FALSE);
      net->n_units = units->len;
      net->units = (const guint *) g_array_free (units, FALSE);
      net->shares = (const double *) g_array_free (shares, FALSE);
      g_ptr_array_add (self->network_arrays, (gpointer) net->providers);
      g_ptr_array_add (self->network_arrays, (gpointer) net->units);
      g_ptr_array_add (self->network_arrays, (gpointer) net->shares);
    }
  /* The hash table's values were handed over to the networks; it frees only
   * its keys. */

  for (guint i = 0; i < self->networks->len; i++)
    {
      const WkNetwork *net = &g_array_index (self->networks, WkNetwork, i);

      for (guint k = 0; k < net->n_units; k++)
        count[net->units[k]]++;
    }
  g_clear_pointer (&self->unit_net_offsets, g_free);
  g_clear_pointer (&self->unit_net, g_free);
  self->unit_net_offsets = g_new (guint, n + 1);
  self->unit_net_offsets[0] = 0;
  for (guint i = 0; i < n; i++)
    self->unit_net_offsets[i + 1] = self->unit_net_offsets[i] + count[i];
  self->unit_net = g_new (guint, MAX (self->unit_net_offsets[n], 1));
  memset (count, 0, sizeof (guint) * n);
  for (guint i = 0; i < self->networks->len; i++)
    {
      const WkNetwork *net = &g_array_index (self->networks, WkNetwork, i);

      for (guint k = 0; k < net->n_units; k++)
        {
          guint u = net->units[k];
          self->unit_net[self->unit_net_offsets[u] + count[u]++] = i;
        }
    }
  self->report->n_networks = self->networks->len;
}
