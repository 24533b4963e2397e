/* wk-window-propose.c: Propose a Plan — the app drafts a division as a new plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-compare-dialog.h"
#include "wk-propose-dialog.h"
#include "wk-window-internal.h"

/* win.propose asks what to propose (WkProposeDialog), then runs wk_propose
 * on a worker as a job of kind "propose" in the progress card, with Cancel.
 * The worker gets the immutable data set, a copy of the profile and, when
 * the locked areas are kept, a copy of the plan being edited, so editing
 * meanwhile cannot race it.  The engine reports no progress of its own: the
 * card shows the time spent against the time limit, where the search stops
 * at the latest.  The proposal becomes a new plan of the project (“Proposal
 * 1”, “Proposal 2”…), made active; the plan you had stays as it was (switch
 * back to it in the plans menu, or delete the proposal), and the compare
 * dialog opens against it, with the binding limits (why not every rule can
 * be met) and how the number of areas was chosen above the comparison. */

#define PROGRESS_INTERVAL_MS 200

typedef struct
{
  WkJob            *job;
  WkProject        *project;     /* the project the proposal is for */
  WkDataset        *dataset;
  WkProfile        *profile;
  WkPlan           *before;      /* the plan being edited when asked */
  WkPlan           *keep;        /* a copy of it, for its locked areas, or NULL */
  WkProposeOptions  options;
  gint64            start;
  guint             progress_id;

  /* the result */
  WkPlan           *proposal;
  GPtrArray        *limits;      /* WkSearchLimit */
  char             *note;
} ProposeData;

static void
propose_data_free (ProposeData *data)
{
  g_clear_handle_id (&data->progress_id, g_source_remove);
  g_clear_object (&data->job);
  g_clear_object (&data->project);
  g_clear_object (&data->dataset);
  g_clear_object (&data->profile);
  g_clear_object (&data->before);
  g_clear_object (&data->keep);
  g_clear_object (&data->proposal);
  g_clear_pointer (&data->limits, g_ptr_array_unref);
  g_free (data->note);
  g_free (data);
}

/* ---------------------------------------------------------- the worker */

static void
propose_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ProposeData *data = task_data;

  data->proposal = wk_propose (data->dataset, data->profile, &data->options, &data->limits,
                               &data->note, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, NULL))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                             _("The proposal was cancelled"));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---------------------------------------------------------- helpers */

/* “Proposal 1”, “Proposal 2”…: the first that the project does not have. */
static char *
proposal_name (WkProject *project)
{
  for (guint n = 1; ; n++)
    {
      /* Translators: the name of a plan the app proposed; %u counts them */
      g_autofree char *name = g_strdup_printf (_("Proposal %u"), n);

      if (wk_project_find_plan (project, name) == NULL)
        return g_steal_pointer (&name);
    }
}

static gboolean
project_has_plan (WkProject *project,
                  WkPlan    *plan)
{
  GListModel *plans = wk_project_get_plans (project);

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(WkPlan) p = g_list_model_get_item (plans, i);

      if (p == plan)
        return TRUE;
    }
  return FALSE;
}

/* The limits, then how the number of areas was chosen: shown in the compare
 * dialog and kept as the new plan's note. */
static GPtrArray *
result_notes (ProposeData *data)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < data->limits->len; i++)
    {
      WkSearchLimit *limit = g_ptr_array_index (data->limits, i);

      g_ptr_array_add (notes, g_strdup (limit->message));
    }
  if (data->note != NULL)
    g_ptr_array_add (notes, g_strdup (data->note));
  return notes;
}

static void
show_result (WkWindow    *self,
             ProposeData *data)
{
  g_autoptr(GPtrArray) notes = result_notes (data);
  g_autofree char *toast = NULL;
  guint n_areas = wk_plan_get_n_areas (data->proposal);
  guint n_errors = wk_checker_count (self->checker, WK_SEVERITY_ERROR);

  if (n_errors == 0)
    toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Proposed “%s”: %u area that meets the rules",
                                          "Proposed “%s”: %u areas that meet the rules",
                                          n_areas),
                             wk_plan_get_name (data->proposal), n_areas);
  else
    toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Proposed “%s”: %u error finding remains",
                                          "Proposed “%s”: %u error findings remain",
                                          n_errors),
                             wk_plan_get_name (data->proposal), n_errors);
  _wk_window_toast (self, toast);

  if (project_has_plan (self->project, data->before))
    {
      WkCompareDialog *dialog = wk_compare_dialog_new (self);

      wk_compare_dialog_set_other (dialog, wk_plan_get_name (data->before));
      wk_compare_dialog_add_notes (dialog, data->limits->len > 0
                                           ? _("Why Not Every Rule Can Be Met")
                                           : _("About This Proposal"), notes);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* ---------------------------------------------------------- callbacks */

static gboolean
progress_cb (gpointer user_data)
{
  ProposeData *data = user_data;
  double spent = (g_get_monotonic_time () - data->start) / (double) G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  /* Translators: the time the search has run and its limit, in seconds */
  text = g_strdup_printf (_("%.0f of at most %.0f s"), spent, data->options.time_limit);
  wk_progress_update (wk_job_get_progress (data->job),
                      CLAMP (spent / data->options.time_limit, 0.0, 1.0), text);
  return G_SOURCE_CONTINUE;
}

static void
propose_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ProposeData *data = user_data;
  WkWindow *self = wk_job_get_window (data->job);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  gboolean done = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_handle_id (&data->progress_id, g_source_remove);
  g_debug ("propose: %s", done ? "done" : error->message);
  /* FALSE: cancelled (by the user, a new load or the window closing) or failed */
  if (!_wk_window_end_job (self, data->job, done ? NULL : error) ||
      self->project != data->project)
    {
      propose_data_free (data);
      return;
    }

  name = proposal_name (self->project);
  wk_plan_set_name (data->proposal, name);
  notes = result_notes (data);
  g_ptr_array_add (notes, NULL);
  note = g_strjoinv ("\n", (char **) notes->pdata);
  wk_plan_set_note (data->proposal, note);
  wk_plan_clear_history (data->proposal);
  if (!wk_project_add_plan (self->project, data->proposal, &error))
    {
      _wk_window_show_error (self, _("Could Not Add the Proposal"), error->message);
      propose_data_free (data);
      return;
    }
  wk_project_set_active_plan (self->project, data->proposal);
  _wk_window_update_plan_actions (self);
  show_result (self, data);
  propose_data_free (data);
}

static void
start_propose (WkWindow               *self,
               const WkProposeOptions *options,
               gboolean                keep_locked)
{
  g_autoptr(GTask) task = NULL;
  ProposeData *data;

  if (self->project == NULL || self->plan == NULL || self->checker == NULL)
    return;

  data = g_new0 (ProposeData, 1);
  data->project = g_object_ref (self->project);
  data->dataset = g_object_ref (self->dataset);
  data->profile = wk_profile_copy (wk_checker_get_profile (self->checker));
  data->before = g_object_ref (self->plan);
  data->options = *options;
  data->options.keep = NULL;
  if (keep_locked)
    {
      data->keep = wk_plan_duplicate (self->plan);
      data->options.keep = data->keep;
      data->options.keep_locked_only = TRUE;
    }
  if (data->options.time_limit <= 0)
    data->options.time_limit = 10.0;
  data->job = g_object_ref (_wk_window_start_job (self, "propose", _("Proposing a plan…"),
                                                  WK_JOB_CANCELLABLE | WK_JOB_SINGLE));
  wk_job_set_subject (data->job, _("Proposing a plan"));
  wk_job_set_error_heading (data->job, _("Could Not Propose a Plan"));
  wk_job_set_cancel_message (data->job, _("Proposal cancelled"));
  data->start = g_get_monotonic_time ();
  data->progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, progress_cb, data);

  task = g_task_new (NULL, wk_job_get_cancellable (data->job), propose_cb, data);
  g_task_set_source_tag (task, start_propose);
  g_task_set_task_data (task, data, NULL);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, propose_thread);
}

static void
on_propose_cb (WkProposeDialog *dialog,
               WkWindow        *self)
{
  WkProposeOptions options;

  wk_propose_dialog_get_options (dialog, &options);
  start_propose (self, &options, wk_propose_dialog_get_keep_locked (dialog));
}

/* ------------------------------------------------------------- actions */

static void
propose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  WkWindow *self = WK_WINDOW (widget);
  GListModel *areas;
  WkProposeDialog *dialog;
  guint n_locked = 0;

  if (self->project == NULL || self->plan == NULL)
    return;
  gtk_menu_button_popdown (self->plans_button);
  areas = wk_plan_get_areas (self->plan);
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);

      n_locked += wk_area_get_locked (area);
    }
  dialog = wk_propose_dialog_new (GTK_WINDOW (self), wk_plan_get_name (self->plan), n_locked,
                                  wk_dataset_get_n_networks (self->dataset) > 0);
  g_signal_connect_object (dialog, "propose", G_CALLBACK (on_propose_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------- private */

void
_wk_window_class_add_propose_actions (GtkWidgetClass *widget_class)
{
  g_type_ensure (WK_TYPE_PROPOSE_DIALOG);
  gtk_widget_class_install_action (widget_class, "win.propose", NULL, propose_action);
}

/* -------------------------------------------------------------- public */

/**
 * wk_window_get_proposing:
 *
 * Returns: whether a proposal is being searched
 */
gboolean
wk_window_get_proposing (WkWindow *self)
{
  g_return_val_if_fail (WK_IS_WINDOW (self), FALSE);
  return _wk_window_find_job (self, "propose") != NULL;
}
