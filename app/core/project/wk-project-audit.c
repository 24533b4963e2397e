/* wk-project-audit.c: the project's audit log: who changed what in which plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-project"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "wk-area.h"
#include "wk-dataset.h"
#include "wk-gdal-private.h"
#include "wk-plan-private.h"
#include "wk-profile.h"
#include "wk-progress.h"
#include "wk-project-private.h"

/* ------------------------------------------------------- plan shadows */

void
_wk_project_plan_shadow_free (PlanShadow *sh)
{
  g_free (sh->assignment);
  g_hash_table_unref (sh->names);
  g_free (sh);
}

static void
shadow_take_names (PlanShadow *sh,
                   WkPlan     *plan)
{
  GListModel *areas = wk_plan_get_areas (plan);

  g_hash_table_remove_all (sh->names);
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);

      g_hash_table_insert (sh->names, GUINT_TO_POINTER (wk_area_get_id (area)),
                           g_strdup (wk_area_get_name (area)));
    }
}

/* ------------------------------------------------------------ audit log */

void
_wk_project_log_line (WkProject  *self,
                      WkPlan     *plan,
                      gboolean    same_edit,
                      const char *action,
                      const char *units,
                      const char *from_area,
                      const char *to_area)
{
  WkAuditEntry *e;

  /* A brush stroke changes the plan step by step: its steps from the same
   * area to the same area make one line. */
  if (same_edit && units != NULL)
    for (guint i = self->audit_first; i < self->audit->len; i++)
      {
        e = g_ptr_array_index (self->audit, i);
        if (e->units != NULL && g_strcmp0 (e->from_area, from_area) == 0 &&
            g_strcmp0 (e->to_area, to_area) == 0)
          {
            char *joined = g_strconcat (e->units, ", ", units, NULL);

            g_free (e->units);
            e->units = joined;
            return;
          }
      }
  e = g_new0 (WkAuditEntry, 1);
  e->time = _wk_project_now_iso8601 ();
  e->plan = g_strdup (plan ? wk_plan_get_name (plan) : "");
  e->action = g_strdup (action);
  e->units = g_strdup (units);
  e->from_area = g_strdup (from_area);
  e->to_area = g_strdup (to_area);
  g_ptr_array_add (self->audit, e);
}

static void
free_gstring (gpointer data)
{
  g_string_free (data, TRUE);
}

static const char *
current_area_name (WkPlan *plan,
                   guint   id)
{
  WkArea *area = id != WK_AREA_NONE ? wk_plan_get_area (plan, id) : NULL;

  return area ? wk_area_get_name (area) : NULL;
}

/* Logs the units that moved, one line per pair of areas; returns whether
 * any did. */
static gboolean
log_moves (WkProject          *self,
           WkPlan             *plan,
           PlanShadow         *sh,
           const WkPlanChange *change,
           gboolean            same_edit,
           const char         *action)
{
  WkDataset *dataset = wk_plan_get_dataset (plan);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (free_gstring);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < change->units->len; i++)
    {
      guint u = g_array_index (change->units, guint, i);
      guint from = sh->assignment[u];
      guint to = wk_plan_get_unit_area (plan, u);
      gint64 key = ((gint64) from << 32) | to;
      GString *codes;

      if (from == to)
        continue;
      sh->assignment[u] = to;
      codes = g_hash_table_lookup (groups, &key);
      if (codes == NULL)
        {
          codes = g_string_new (NULL);
          g_hash_table_insert (groups, g_memdup2 (&key, sizeof key), codes);
          g_ptr_array_add (order, codes);
          g_array_append_val (keys, key);
        }
      g_string_append_printf (codes, "%s%s", codes->len ? ", " : "",
                              wk_dataset_get_unit (dataset, u)->code);
    }
  for (guint i = 0; i < order->len; i++)
    {
      GString *codes = g_ptr_array_index (order, i);
      gint64 key = g_array_index (keys, gint64, i);
      guint from = key >> 32, to = key & G_MAXUINT32;
      const char *from_name = from ? g_hash_table_lookup (sh->names, GUINT_TO_POINTER (from)) : NULL;
      const char *to_name = current_area_name (plan, to);

      if (to_name == NULL && to != WK_AREA_NONE)
        to_name = g_hash_table_lookup (sh->names, GUINT_TO_POINTER (to));
      _wk_project_log_line (self, plan, same_edit, action, codes->str, from_name, to_name);
    }
  return order->len > 0;
}

static void
on_plan_changed_cb (WkProject    *self,
                    WkPlanChange *change,
                    WkPlan       *plan)
{
  PlanShadow *sh = g_hash_table_lookup (self->shadows, plan);
  int direction = 0;
  guint serial = 0;
  const char *label = _wk_plan_get_change_label (plan, &direction, &serial);
  g_autofree char *action = NULL;
  gboolean same_edit, logged = FALSE;

  self->serial++;
  if (sh == NULL)
    return;
  if (label == NULL)
    label = _("Edit");
  if (direction < 0)
    action = g_strdup_printf (_("Undo: %s"), label);
  else if (direction > 0)
    action = g_strdup_printf (_("Redo: %s"), label);
  else
    action = g_strdup (label);

  same_edit = serial != 0 && self->audit_plan == plan && self->audit_serial == serial &&
              self->audit_direction == direction;
  if (!same_edit)
    {
      self->audit_plan = plan;
      self->audit_serial = serial;
      self->audit_direction = direction;
      self->audit_first = self->audit->len;
    }

  if (change->flags & WK_CHANGE_ASSIGNMENT)
    logged = log_moves (self, plan, sh, change, same_edit, action);
  if (change->flags & (WK_CHANGE_AREAS | WK_CHANGE_AREA_PROPS))
    for (guint i = 0; i < change->areas->len; i++)
      {
        guint id = g_array_index (change->areas, guint, i);
        const char *before = g_hash_table_lookup (sh->names, GUINT_TO_POINTER (id));
        const char *after = current_area_name (plan, id);

        /* New, removed and renamed areas; a colour, lock or note alone
         * when nothing else says what changed. */
        if ((before != NULL || after != NULL) &&
            (g_strcmp0 (before, after) != 0 || !logged))
          {
            _wk_project_log_line (self, plan, FALSE, action, NULL, before, after);
            logged = TRUE;
          }
      }
  if ((change->flags & WK_CHANGE_PLAN_PROPS) && !logged)
    _wk_project_log_line (self, plan, FALSE, action, NULL, NULL, NULL);
  if (change->flags & (WK_CHANGE_AREAS | WK_CHANGE_AREA_PROPS))
    shadow_take_names (sh, plan);
}

static void
on_plan_modified_cb (WkProject  *self,
                     GParamSpec *pspec,
                     WkPlan     *plan)
{
  _wk_project_update_modified (self);
}

void
_wk_project_on_profile_changed_cb (WkProject *self,
                                   WkProfile *profile)
{
  _wk_project_structure_changed (self);
}

/* _wk_project_attach_plan:
 *
 * Adds @plan at the end of the plans and follows its edits.
 */
void
_wk_project_attach_plan (WkProject *self,
                         WkPlan    *plan)
{
  PlanShadow *sh = g_new0 (PlanShadow, 1);
  const guint *assignment = wk_plan_get_assignment (plan, &sh->n_units);

  sh->assignment = g_memdup2 (assignment, sizeof (guint) * MAX (sh->n_units, 1));
  sh->names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  shadow_take_names (sh, plan);
  sh->changed_id = g_signal_connect_object (plan, "changed", G_CALLBACK (on_plan_changed_cb),
                                            self, G_CONNECT_SWAPPED);
  sh->modified_id = g_signal_connect_object (plan, "notify::modified",
                                             G_CALLBACK (on_plan_modified_cb), self,
                                             G_CONNECT_SWAPPED);
  g_hash_table_insert (self->shadows, plan, sh);
  g_list_store_append (self->plans, plan);
}

void
_wk_project_detach_plan (WkProject *self,
                         WkPlan    *plan)
{
  PlanShadow *sh = g_hash_table_lookup (self->shadows, plan);
  guint position;

  if (sh != NULL)
    {
      g_clear_signal_handler (&sh->changed_id, plan);
      g_clear_signal_handler (&sh->modified_id, plan);
      g_hash_table_remove (self->shadows, plan);
    }
  if (self->audit_plan == plan)
    self->audit_plan = NULL;
  if (g_list_store_find (self->plans, plan, &position))
    g_list_store_remove (self->plans, position);
}
