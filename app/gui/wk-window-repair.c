/* wk-window-repair.c: Repair — the fewest moves that remove the plan's errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-window-internal.h"

/* win.repair searches, on a worker, the fewest unit moves that remove the
 * error findings of the whole plan (wk_repair_plan), as a job of kind
 * "repair" in the progress card, with Cancel.  The worker gets a copy of the
 * plan made here, so editing meanwhile cannot race it; an edit cancels the
 * search, whose moves would no longer fit.  The result is previewed in a
 * dialog, its units marked on the map; Apply makes it one undo step
 * (“Repair”), Cancel changes nothing. */

#define REPAIR_TIME_LIMIT_S 30.0

typedef struct
{
  WkJob          *job;
  WkPlan         *plan;         /* the window's plan the search is for */
  WkPlan         *copy;         /* what the worker searches */
  WkProfile      *profile;
  WkRepairResult *result;
  gulong          changed_id;
} RepairData;

static void
repair_data_free (RepairData *data)
{
  g_clear_signal_handler (&data->changed_id, data->plan);
  g_clear_object (&data->job);
  g_clear_object (&data->plan);
  g_clear_object (&data->copy);
  g_clear_object (&data->profile);
  g_clear_pointer (&data->result, wk_repair_result_free);
  g_free (data);
}

static void
repair_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RepairData *data = task_data;
  GError *error = NULL;
  WkRepairResult *result = wk_repair_plan (data->copy, data->profile, REPAIR_TIME_LIMIT_S,
                                           cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) wk_repair_result_free);
}

static void
set_highlight (WkWindow             *self,
               const WkRepairResult *result)
{
  WkUnitsLayer *layer = wk_map_view_get_units_layer (self->map_view);
  g_autofree guint *units = NULL;
  guint n = result != NULL ? result->moves->len : 0;

  units = g_new0 (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    units[i] = g_array_index (result->moves, WkMove, i).unit;
  wk_units_layer_set_highlight (layer, units, n, NULL, 0);
}

static const char *
area_label (WkPlan *plan,
            guint   area)
{
  WkArea *a = area != WK_AREA_NONE ? wk_plan_get_area (plan, area) : NULL;

  return a != NULL ? wk_area_get_name (a) : _("no area");
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The moves, then each touched area's population before → after. */
static GtkWidget *
new_preview (WkPlan               *plan,
             const WkRepairResult *result)
{
  WkDataset *dataset = wk_plan_get_dataset (plan);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autoptr(GHashTable) delta = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_box_append (GTK_BOX (box), new_label (_("Moves"), "heading"));
  for (guint i = 0; i < result->moves->len; i++)
    {
      const WkMove *m = &g_array_index (result->moves, WkMove, i);
      const WkUnit *u = wk_dataset_get_unit (dataset, m->unit);
      gint64 pop = MAX (u->population, 0);
      guint ends[2] = { m->from, m->to };
      g_autofree char *people = g_strdup_printf ("%" G_GINT64_FORMAT, pop);
      g_autofree char *text = NULL;

      /* Translators: a move of the repair: buurt (code): from → to, inhabitants */
      text = g_strdup_printf (_("%s (%s): %s → %s, %s inhabitants"),
                              u->name != NULL ? u->name : u->code, u->code,
                              area_label (plan, m->from), area_label (plan, m->to), people);
      gtk_box_append (GTK_BOX (box), new_label (text, NULL));
      for (guint e = 0; e < 2; e++)
        {
          gint64 *d;

          if (ends[e] == WK_AREA_NONE)
            continue;
          d = g_hash_table_lookup (delta, GUINT_TO_POINTER (ends[e] + 1));
          if (d == NULL)
            {
              d = g_new0 (gint64, 1);
              g_hash_table_insert (delta, GUINT_TO_POINTER (ends[e] + 1), d);
              g_array_append_val (touched, ends[e]);
            }
          *d += e == 0 ? -pop : pop;
        }
    }

  gtk_box_append (GTK_BOX (box), new_label (_("Population"), "heading"));
  for (guint i = 0; i < touched->len; i++)
    {
      guint area = g_array_index (touched, guint, i);
      gint64 d = *(gint64 *) g_hash_table_lookup (delta, GUINT_TO_POINTER (area + 1));
      gint64 before = wk_area_get_population (wk_plan_get_area (plan, area));
      g_autofree char *was = g_strdup_printf ("%" G_GINT64_FORMAT, before);
      g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, before + d);
      g_autofree char *change = g_strdup_printf ("%+" G_GINT64_FORMAT, d);
      g_autofree char *text = NULL;

      /* Translators: an area's population: name: before → after (change) */
      text = g_strdup_printf (_("%s: %s → %s (%s)"), area_label (plan, area), was, now, change);
      gtk_box_append (GTK_BOX (box), new_label (text, NULL));
    }
  return box;
}

static void
apply_repair (WkWindow  *self,
              GtkWidget *editor,
              gpointer   user_data)
{
  RepairData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (self->plan != data->plan)
    return;
  if (!wk_repair_apply (self->plan, data->result, &error))
    _wk_window_show_error (self, _("Could Not Repair the Plan"), error->message);
}

static void
preview_done (gpointer user_data)
{
  RepairData *data = user_data;
  WkWindow *self = wk_job_get_window (data->job);

  set_highlight (self, NULL);
  repair_data_free (data);
}

static void
show_preview (WkWindow   *self,
              RepairData *data)
{
  const WkRepairResult *r = data->result;
  g_autofree char *body = NULL;
  g_autofree char *moves = NULL;

  if (r->moves->len == 0)
    {
      _wk_window_toast (self, r->errors_before == 0 ? _("The plan has no errors to repair")
                                                    : _("No moves found that remove an error"));
      repair_data_free (data);
      return;
    }

  moves = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u move", "%u moves", r->moves->len),
                           r->moves->len);
  /* Translators: %s is “N moves”; then whether that is proven the fewest;
   * then the errors before and after */
  body = g_strdup_printf (_("%s, %s.\nErrors: %u before, %u after."), moves,
                          r->proven_minimal ? _("proven the fewest possible")
                                            : _("found by local search, not proven the fewest"),
                          r->errors_before, r->errors_after);
  g_debug ("repair: %u moves, %u → %u errors", r->moves->len, r->errors_before, r->errors_after);
  set_highlight (self, r);
  _wk_window_ask (self, _("Repair the Plan?"), body, new_preview (data->plan, r), _("_Apply"),
                  ADW_RESPONSE_SUGGESTED, apply_repair, data, preview_done);
}

static void
repair_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RepairData *data = user_data;
  WkWindow *self = wk_job_get_window (data->job);
  g_autoptr(GError) error = NULL;

  data->result = g_task_propagate_pointer (G_TASK (result), &error);
  g_clear_signal_handler (&data->changed_id, data->plan);
  g_debug ("repair: %s", data->result != NULL ? "found" : error->message);
  /* FALSE: cancelled (by the user, an edit or the window closing) or failed */
  if (!_wk_window_end_job (self, data->job, data->result != NULL ? NULL : error) ||
      self->plan != data->plan)
    {
      repair_data_free (data);
      return;
    }
  show_preview (self, data);
}

/* an edit while searching: the moves would no longer fit the plan */
static void
on_plan_changed_cb (WkPlan     *plan,
                    gpointer    change,
                    RepairData *data)
{
  _wk_window_cancel_jobs (wk_job_get_window (data->job), "repair", TRUE);
}

/* ------------------------------------------------------------- actions */

static void
repair_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  wk_window_repair (WK_WINDOW (widget));
}

/* ------------------------------------------------------------- private */

void
_wk_window_class_add_repair_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.repair", NULL, repair_action);
}

/* -------------------------------------------------------------- public */

/**
 * wk_window_repair:
 *
 * Searches, on a worker, the fewest moves that remove the plan's error
 * findings (a job in the progress card, with Cancel), then previews them
 * in a dialog with the moved units marked on the map; Apply makes them one
 * undo step.  A search still running is cancelled first.
 */
void
wk_window_repair (WkWindow *self)
{
  g_autoptr(GTask) task = NULL;
  RepairData *data;

  g_return_if_fail (WK_IS_WINDOW (self));

  if (self->plan == NULL || self->checker == NULL)
    return;

  data = g_new0 (RepairData, 1);
  data->plan = g_object_ref (self->plan);
  data->copy = wk_plan_duplicate (self->plan);
  data->profile = wk_profile_copy (wk_checker_get_profile (self->checker));
  data->job = g_object_ref (_wk_window_start_job (self, "repair",
                                                  _("Searching the fewest moves…"),
                                                  WK_JOB_CANCELLABLE | WK_JOB_SINGLE));
  wk_job_set_error_heading (data->job, _("Could Not Repair the Plan"));
  wk_job_set_cancel_message (data->job, _("Repair cancelled"));
  data->changed_id = g_signal_connect (data->plan, "changed", G_CALLBACK (on_plan_changed_cb),
                                       data);

  task = g_task_new (NULL, wk_job_get_cancellable (data->job), repair_cb, data);
  g_task_set_source_tag (task, wk_window_repair);
  g_task_set_task_data (task, data, NULL);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, repair_thread);
}

/**
 * wk_window_get_repairing:
 *
 * Returns: whether a repair is being searched
 */
gboolean
wk_window_get_repairing (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), FALSE);
  return _wk_window_find_job (self, "repair") != NULL;
}

