/* wk-repair.c: the fewest unit moves that remove a plan's error findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wk-area.h"
#include "wk-checker.h"
#include "wk-dataset.h"
#include "wk-finding.h"
#include "wk-plan.h"
#include "wk-profile.h"
#include "wk-repair.h"

/* Root moves up to which three moves are searched exhaustively, and the
 * most moves a repair makes. */
#define WK_REPAIR_DEEP_CANDIDATES 40
#define WK_REPAIR_MAX_MOVES       60

/* How the search works
 *
 * The search runs on a private copy of the plan with a live checker, so that
 * every candidate is judged by the real criteria (the incremental check costs
 * a fraction of a millisecond) and never by a second copy of them.
 *
 * Error findings belong to an area (population, contiguity, municipality,
 * providers) or to unassigned units (coverage).  A move can only change the
 * findings of the two areas it touches, so in a smallest set of moves that
 * removes errors every move touches an area in error or an area that another
 * move of the set touched: the moves form chains that start at the errors.
 * The search therefore grows sequences of moves from the areas in error (the
 * "involved" areas), each move taking a unit of an involved area to a
 * neighbouring area, or a neighbouring unit into an involved area, and adds
 * the two areas of every move to the involved ones.  Iterative deepening over
 * one, two and three moves finds the smallest such set; among those of the
 * same size it prefers fewer errors left, then fewer inhabitants moved, then
 * fewer warnings.  Beyond three moves, or when time runs out, a greedy local
 * search takes the best single move again and again, and the result says it
 * is not proven minimal.  Locked areas never change. */

typedef struct
{
  WkPlan       *work;
  WkChecker    *checker;
  WkDataset    *dataset;
  double        tolerance;
  gint64        deadline;
  GCancellable *cancellable;
  gboolean      timed_out;

  GArray       *sequence;      /* WkMove: the moves applied now */
  GHashTable   *seen;          /* canonical keys of move sets tried at a leaf */

  /* the best found */
  GArray       *best;
  guint         best_errors;
  gint64        best_population;
  guint         best_warnings;
} Search;

void
wk_repair_result_free (WkRepairResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->moves, g_array_unref);
  g_free (result);
}

static guint
n_errors (Search *s)
{
  return wk_checker_count (s->checker, WK_SEVERITY_ERROR);
}

static gboolean
area_is_free (WkPlan *plan,
              guint   area)
{
  WkArea *a = area != WK_AREA_NONE ? wk_plan_get_area (plan, area) : NULL;

  return a != NULL && !wk_area_get_locked (a);
}

/* The areas of the error findings; @with_unassigned is set when a coverage
 * finding lists units without an area. */
static GHashTable *
error_areas (WkChecker *checker,
             gboolean  *with_unassigned)
{
  g_autoptr(GPtrArray) findings = wk_checker_dup_findings (checker);
  GHashTable *areas = g_hash_table_new (NULL, NULL);

  *with_unassigned = FALSE;
  for (guint i = 0; i < findings->len; i++)
    {
      WkFinding *f = g_ptr_array_index (findings, i);
      const guint *ids;
      guint n;

      if (wk_finding_get_severity (f) != WK_SEVERITY_ERROR)
        continue;
      ids = wk_finding_get_areas (f, &n);
      for (guint k = 0; k < n; k++)
        g_hash_table_add (areas, GUINT_TO_POINTER (ids[k]));
      if (n == 0)
        *with_unassigned = TRUE;
    }
  return areas;
}

static void
add_move (GArray     *moves,
          GHashTable *dedup,
          guint       unit,
          guint       from,
          guint       to)
{
  WkMove m = { unit, from, to };
  /* one move per (unit, target) */
  gpointer key = GSIZE_TO_POINTER ((((gsize) unit << 32) | to) + 1);
  if (g_hash_table_contains (dedup, key))
    return;
  g_hash_table_add (dedup, key);
  g_array_append_val (moves, m);
}

/* The moves that border the involved areas, in a fixed order (by unit, then
 * target), so that the search is deterministic. */
static GArray *
candidate_moves (Search     *s,
                 GHashTable *involved,
                 gboolean    with_unassigned)
{
  g_autoptr(GHashTable) dedup = g_hash_table_new (g_direct_hash, g_direct_equal);
  GArray *moves = g_array_new (FALSE, FALSE, sizeof (WkMove));
  guint n_units = wk_dataset_get_n_units (s->dataset);

  for (guint u = 0; u < n_units; u++)
    {
      guint from = wk_plan_get_unit_area (s->work, u);
      gboolean own = (from == WK_AREA_NONE) ? with_unassigned
                                            : g_hash_table_contains (involved,
                                                                     GUINT_TO_POINTER (from));
      const guint *nb;
      const double *lengths;
      guint n_nb;

      if (from != WK_AREA_NONE && !area_is_free (s->work, from))
        continue;
      nb = wk_dataset_get_neighbours (s->dataset, u, &lengths, &n_nb);
      for (guint k = 0; k < n_nb; k++)
        {
          guint to = wk_plan_get_unit_area (s->work, nb[k]);

          if (lengths[k] < s->tolerance || to == from || !area_is_free (s->work, to))
            continue;
          /* a unit of an involved area goes to any neighbouring area; a unit
           * of another area (or none) only into an involved one */
          if (own || g_hash_table_contains (involved, GUINT_TO_POINTER (to)))
            add_move (moves, dedup, u, from, to);
        }
    }
  return moves;
}

static int
move_compare (gconstpointer a,
              gconstpointer b)
{
  const WkMove *ma = a, *mb = b;

  if (ma->unit != mb->unit)
    return ma->unit < mb->unit ? -1 : 1;
  return ma->to < mb->to ? -1 : ma->to > mb->to;
}

static char *
sequence_key (GArray *sequence)
{
  g_autoptr(GArray) sorted = g_array_copy (sequence);
  GString *key = g_string_new (NULL);

  g_array_sort (sorted, move_compare);
  for (guint i = 0; i < sorted->len; i++)
    {
      WkMove *m = &g_array_index (sorted, WkMove, i);
      g_string_append_printf (key, "%u>%u;", m->unit, m->to);
    }
  return g_string_free (key, FALSE);
}

static gint64
sequence_population (Search *s,
                     GArray *sequence)
{
  gint64 total = 0;

  for (guint i = 0; i < sequence->len; i++)
    {
      const WkUnit *u = wk_dataset_get_unit (s->dataset,
                                             g_array_index (sequence, WkMove, i).unit);
      total += MAX (u->population, 0);
    }
  return total;
}

/* Keeps the current sequence if it beats the best: fewer errors, then fewer
 * moves, then fewer inhabitants moved, then fewer warnings. */
static void
consider (Search *s)
{
  guint errors = n_errors (s);
  guint warnings = wk_checker_count (s->checker, WK_SEVERITY_WARNING);
  gint64 pop = sequence_population (s, s->sequence);
  gboolean better;

  if (s->best == NULL)
    better = TRUE;
  else if (errors != s->best_errors)
    better = errors < s->best_errors;
  else if (s->sequence->len != s->best->len)
    better = s->sequence->len < s->best->len;
  else if (pop != s->best_population)
    better = pop < s->best_population;
  else
    better = warnings < s->best_warnings;
  if (!better)
    return;
  g_clear_pointer (&s->best, g_array_unref);
  s->best = g_array_copy (s->sequence);
  s->best_errors = errors;
  s->best_population = pop;
  s->best_warnings = warnings;
}

static gboolean
out_of_time (Search *s)
{
  if (s->timed_out)
    return TRUE;
  if (g_cancellable_is_cancelled (s->cancellable) ||
      (s->deadline > 0 && g_get_monotonic_time () > s->deadline))
    s->timed_out = TRUE;
  return s->timed_out;
}

static gboolean
apply_move (Search       *s,
            const WkMove *m)
{
  g_autoptr(GError) error = NULL;

  if (!wk_plan_assign (s->work, m->unit, m->to, &error))
    return FALSE;
  g_array_append_val (s->sequence, *m);
  return TRUE;
}

static void
undo_move (Search *s)
{
  wk_plan_undo (s->work);
  g_array_set_size (s->sequence, s->sequence->len - 1);
}

/* All sequences of @depth more moves from here. */
static void
search_depth (Search     *s,
              GHashTable *involved,
              gboolean    with_unassigned,
              guint       depth)
{
  g_autoptr(GArray) moves = NULL;

  if (depth == 0)
    {
      g_autofree char *key = sequence_key (s->sequence);

      if (g_hash_table_contains (s->seen, key))
        return;
      g_hash_table_add (s->seen, g_steal_pointer (&key));
      consider (s);
      return;
    }

  moves = candidate_moves (s, involved, with_unassigned);
  for (guint i = 0; i < moves->len && !out_of_time (s); i++)
    {
      const WkMove *m = &g_array_index (moves, WkMove, i);
      gboolean had_from, had_to;
      gboolean moved_before = FALSE;

      for (guint k = 0; k < s->sequence->len; k++)
        if (g_array_index (s->sequence, WkMove, k).unit == m->unit)
          moved_before = TRUE;
      if (moved_before || !apply_move (s, m))
        continue;
      had_from = !g_hash_table_add (involved, GUINT_TO_POINTER (m->from));
      had_to = !g_hash_table_add (involved, GUINT_TO_POINTER (m->to));
      search_depth (s, involved, with_unassigned, depth - 1);
      if (!had_from)
        g_hash_table_remove (involved, GUINT_TO_POINTER (m->from));
      if (!had_to)
        g_hash_table_remove (involved, GUINT_TO_POINTER (m->to));
      undo_move (s);
    }
}

/* One round of iterative deepening from the moves applied now, up to
 * @max_depth more moves; leaves the best sequence found in s->best. */
static void
deepen (Search *s,
        guint   max_depth,
        guint  *depth_done)
{
  gboolean with_unassigned = FALSE;
  g_autoptr(GHashTable) involved = error_areas (s->checker, &with_unassigned);

  g_clear_pointer (&s->best, g_array_unref);
  g_hash_table_remove_all (s->seen);
  for (guint i = 0; i < s->sequence->len; i++)
    {
      const WkMove *m = &g_array_index (s->sequence, WkMove, i);
      g_hash_table_add (involved, GUINT_TO_POINTER (m->from));
      g_hash_table_add (involved, GUINT_TO_POINTER (m->to));
    }
  consider (s);   /* no further move */
  *depth_done = 0;
  for (guint depth = 1; depth <= max_depth && s->best_errors > 0; depth++)
    {
      search_depth (s, involved, with_unassigned, depth);
      if (s->timed_out)
        break;
      *depth_done = depth;
    }
}

/**
 * wk_repair_plan:
 * @plan: the plan to repair; it is not changed
 * @profile: the criteria
 * @time_limit_s: seconds the search may take, 0 for no limit
 * @cancellable: (nullable): to stop the search; the best found so far is
 *   returned
 * @error: return location for an error
 *
 * Finds the smallest set of unit moves that removes the plan's error
 * findings: fewest errors left, then fewest units moved, then fewest
 * inhabitants moved, then fewest warnings.  Sets of up to
 * %WK_REPAIR_MAX_EXHAUSTIVE moves are searched exhaustively
 * (@proven_minimal); beyond that a local search.  Locked areas never change.
 * Runs on a private copy of the plan, so it may run on a worker thread as
 * long as @plan is not edited meanwhile.
 *
 * Returns: (transfer full): the result; apply it with wk_repair_apply()
 */
WkRepairResult *
wk_repair_plan (WkPlan        *plan,
                WkProfile     *profile,
                double         time_limit_s,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(WkRepairResult) result = g_new0 (WkRepairResult, 1);
  gint64 start = g_get_monotonic_time ();
  guint max_depth;
  Search s = { 0 };

  g_return_val_if_fail (WK_IS_PLAN (plan), NULL);
  g_return_val_if_fail (WK_IS_PROFILE (profile), NULL);

  s.work = wk_plan_duplicate (plan);
  s.checker = wk_checker_new (s.work, profile);
  s.dataset = wk_plan_get_dataset (plan);
  s.tolerance = wk_profile_get_double (profile, "contiguity", "min_shared_boundary_m");
  s.deadline = time_limit_s > 0 ? start + (gint64) (time_limit_s * G_USEC_PER_SEC) : 0;
  s.cancellable = cancellable;
  s.sequence = g_array_new (FALSE, FALSE, sizeof (WkMove));
  s.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  result->errors_before = n_errors (&s);
  {
    gboolean with_unassigned = FALSE;
    g_autoptr(GHashTable) involved = error_areas (s.checker, &with_unassigned);
    g_autoptr(GArray) root = candidate_moves (&s, involved, with_unassigned);

    /* Three moves deep only where that stays within reach: the number of
     * sequences grows with the cube of the moves around the errors. */
    max_depth = root->len <= WK_REPAIR_DEEP_CANDIDATES ? WK_REPAIR_MAX_EXHAUSTIVE : 2;
  }
  deepen (&s, max_depth, &result->depth_searched);
  result->proven_minimal = !s.timed_out && s.best_errors == 0 &&
                           s.best->len <= result->depth_searched;

  /* Not every error gone: go on from the best found, round after round of
   * two moves deep, while the errors keep falling. */
  while (s.best_errors > 0 && !s.timed_out && s.best->len > s.sequence->len &&
         s.sequence->len < WK_REPAIR_MAX_MOVES)
    {
      guint errors = s.best_errors, depth;
      g_autoptr(GArray) best = g_array_ref (s.best);

      for (guint i = s.sequence->len; i < best->len; i++)
        apply_move (&s, &g_array_index (best, WkMove, i));
      deepen (&s, 2, &depth);
      if (s.best_errors >= errors && s.best->len > s.sequence->len)
        break;
    }
  while (s.sequence->len > 0)
    undo_move (&s);

  result->moves = g_steal_pointer (&s.best);
  result->errors_after = s.best_errors;
  result->warnings_after = s.best_warnings;
  result->population_moved = s.best_population;
  result->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_array_unref (s.sequence);
  g_hash_table_unref (s.seen);
  g_object_unref (s.checker);
  g_object_unref (s.work);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&result);
}

/**
 * wk_repair_apply:
 * @plan: the plan the result was found for
 * @result: the moves
 * @error: return location for an error
 *
 * Applies the moves as one undo step (“Repair”).
 *
 * Returns: %TRUE when every move was applied; on %FALSE the plan is as it was
 */
gboolean
wk_repair_apply (WkPlan               *plan,
                 const WkRepairResult *result,
                 GError              **error)
{
  gboolean ok = TRUE;

  wk_plan_begin_group (plan, _("Repair"));
  for (guint i = 0; ok && i < result->moves->len; i++)
    {
      const WkMove *m = &g_array_index (result->moves, WkMove, i);
      ok = wk_plan_assign (plan, m->unit, m->to, error);
    }
  wk_plan_end_group (plan);
  if (!ok)
    wk_plan_undo (plan);
  return ok;
}
