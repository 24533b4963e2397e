/* wk-plan-history.c: the undo history: primitive operations, commands, groups, undo and redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-plan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wk-area-private.h"
#include "wk-array-private.h"
#include "wk-dataset.h"
#include "wk-plan-history-private.h"

/* ------------------------------------------------------------ commands */

AreaState *
_wk_plan_area_state_new (WkArea *area)
{
  AreaState *s = g_new0 (AreaState, 1);

  s->id = wk_area_get_id (area);
  s->name = g_strdup (wk_area_get_name (area));
  s->color = g_strdup (wk_area_get_color (area));
  s->note = g_strdup (wk_area_get_note (area));
  s->locked = wk_area_get_locked (area);
  return s;
}

void
_wk_plan_area_state_free (AreaState *s)
{
  if (s == NULL)
    return;
  g_free (s->name);
  g_free (s->color);
  g_free (s->note);
  g_free (s);
}

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_free (op->extras_from);
  g_free (op->extras_to);
  _wk_plan_area_state_free (op->before);
  _wk_plan_area_state_free (op->after);
  for (guint i = 0; i < 2; i++)
    {
      g_free (op->text_before[i]);
      g_free (op->text_after[i]);
    }
}

Command *
_wk_plan_command_new (const char *label,
                      guint       serial)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->label = g_strdup (label);
  cmd->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (cmd->ops, op_clear);
  cmd->serial = serial;
  return cmd;
}

void
_wk_plan_command_free (Command *cmd)
{
  g_free (cmd->label);
  g_array_unref (cmd->ops);
  g_free (cmd);
}

guint *
_wk_plan_extras_dup (const guint *extras)
{
  guint n = 0;

  if (extras == NULL)
    return NULL;
  while (extras[n] != 0)
    n++;
  return g_memdup2 (extras, sizeof (guint) * (n + 1));
}

/* ----------------------------------------------------------- primitives */

static void
touch_area (WkPlan *self,
            guint   id)
{
  if (id != WK_AREA_NONE)
    g_array_append_val (self->touched_areas, id);
}

static void
member_add (WkPlan *self,
            guint   unit,
            guint   id)
{
  GArray *m = g_hash_table_lookup (self->members, GUINT_TO_POINTER (id));

  self->unit_pos[unit] = m->len;
  g_array_append_val (m, unit);
}

static void
member_remove (WkPlan *self,
               guint   unit,
               guint   id)
{
  GArray *m = g_hash_table_lookup (self->members, GUINT_TO_POINTER (id));
  guint pos = self->unit_pos[unit];
  guint last = g_array_index (m, guint, m->len - 1);

  g_array_index (m, guint, pos) = last;
  self->unit_pos[last] = pos;
  g_array_set_size (m, m->len - 1);
}

void
_wk_plan_set_unit_area (WkPlan *self,
                        guint   unit,
                        guint   to)
{
  guint from = self->assignment[unit];
  const WkUnit *u;

  if (from == to)
    return;
  u = wk_dataset_get_unit (self->dataset, unit);
  if (from != WK_AREA_NONE)
    {
      member_remove (self, unit, from);
      _wk_area_add_unit (g_hash_table_lookup (self->areas_by_id, GUINT_TO_POINTER (from)),
                         u->population, u->area_m2, -1);
      self->n_assigned--;
    }
  if (to != WK_AREA_NONE)
    {
      member_add (self, unit, to);
      _wk_area_add_unit (g_hash_table_lookup (self->areas_by_id, GUINT_TO_POINTER (to)),
                         u->population, u->area_m2, +1);
      self->n_assigned++;
    }
  self->assignment[unit] = to;
}

void
_wk_plan_set_unit_extras (WkPlan      *self,
                          guint        unit,
                          const guint *extras)
{
  if (extras == NULL || extras[0] == 0)
    g_hash_table_remove (self->extras, GUINT_TO_POINTER (unit));
  else
    g_hash_table_insert (self->extras, GUINT_TO_POINTER (unit), _wk_plan_extras_dup (extras));
}

static void
apply_area_state (WkArea          *area,
                  const AreaState *s)
{
  _wk_area_set_name (area, s->name);
  _wk_area_set_color (area, s->color);
  _wk_area_set_note (area, s->note);
  _wk_area_set_locked (area, s->locked);
}

void
_wk_plan_create_area (WkPlan          *self,
                      const AreaState *s,
                      guint            position)
{
  g_autoptr(WkArea) area = _wk_area_new (s->id, s->name, s->color);

  _wk_area_set_note (area, s->note);
  _wk_area_set_locked (area, s->locked);
  g_hash_table_insert (self->areas_by_id, GUINT_TO_POINTER (s->id), area);
  g_hash_table_insert (self->members, GUINT_TO_POINTER (s->id),
                       g_array_new (FALSE, FALSE, sizeof (guint)));
  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->areas)));
  g_list_store_insert (self->areas, position, area);
}

static void
remove_area (WkPlan *self,
             guint   id)
{
  guint pos;
  WkArea *area = g_hash_table_lookup (self->areas_by_id, GUINT_TO_POINTER (id));

  g_return_if_fail (area != NULL);
  g_return_if_fail (wk_area_get_n_units (area) == 0);
  if (g_list_store_find (self->areas, area, &pos))
    {
      g_hash_table_remove (self->areas_by_id, GUINT_TO_POINTER (id));
      g_hash_table_remove (self->members, GUINT_TO_POINTER (id));
      g_list_store_remove (self->areas, pos);
    }
}

/* Runs one primitive forward (@forward) or backward. */
static void
run_op (WkPlan   *self,
        Op       *op,
        gboolean  forward)
{
  switch (op->kind)
    {
    case OP_CREATE:
    case OP_REMOVE:
      if ((op->kind == OP_CREATE) == forward)
        {
          AreaState *s = op->kind == OP_CREATE ? op->after : op->before;
          _wk_plan_create_area (self, s, op->position);
          touch_area (self, s->id);
        }
      else
        {
          AreaState *s = op->kind == OP_CREATE ? op->after : op->before;
          remove_area (self, s->id);
          touch_area (self, s->id);
        }
      self->touched_flags |= WK_CHANGE_AREAS;
      break;

    case OP_SET_AREA:
      {
        AreaState *s = forward ? op->after : op->before;
        WkArea *area = g_hash_table_lookup (self->areas_by_id, GUINT_TO_POINTER (s->id));

        apply_area_state (area, s);
        touch_area (self, s->id);
        self->touched_flags |= WK_CHANGE_AREA_PROPS;
      }
      break;

    case OP_MOVE:
      _wk_plan_set_unit_area (self, op->unit, forward ? op->to : op->from);
      _wk_plan_set_unit_extras (self, op->unit, forward ? op->extras_to : op->extras_from);
      g_array_append_val (self->touched_units, op->unit);
      touch_area (self, op->from);
      touch_area (self, op->to);
      for (const guint *e = op->extras_from; e && *e; e++)
        touch_area (self, *e);
      for (const guint *e = op->extras_to; e && *e; e++)
        touch_area (self, *e);
      self->touched_flags |= WK_CHANGE_ASSIGNMENT;
      break;

    case OP_SET_PLAN:
      if (forward)
        _wk_plan_set_plan_text (self, op->text_after[0], op->text_after[1]);
      else
        _wk_plan_set_plan_text (self, op->text_before[0], op->text_before[1]);
      self->touched_flags |= WK_CHANGE_PLAN_PROPS;
      break;

    default:
      g_assert_not_reached ();
    }
}

guint
_wk_plan_current_serial (WkPlan *self)
{
  if (self->group != NULL)
    return self->group->serial;
  if (self->undo->len == 0)
    return 0;
  return ((Command *) g_ptr_array_index (self->undo, self->undo->len - 1))->serial;
}

/* Runs @cmd forward, then pushes it onto the undo stack (or into the open
 * group).  Takes ownership. */
void
_wk_plan_execute (WkPlan  *self,
                  Command *cmd)
{
  gboolean could_undo = wk_plan_can_undo (self);
  gboolean could_redo = wk_plan_can_redo (self);
  gboolean was_modified = wk_plan_is_modified (self);

  if (cmd->ops->len == 0)
    {
      _wk_plan_command_free (cmd);
      return;
    }
  for (guint i = 0; i < cmd->ops->len; i++)
    run_op (self, &g_array_index (cmd->ops, Op, i), TRUE);

  if (self->group != NULL)
    {
      self->change_label = self->group->label;
      self->change_serial = self->group->serial;
      /* Move the ops into the group; their contents are now owned there. */
      g_array_append_vals (self->group->ops, cmd->ops->data, cmd->ops->len);
      g_array_set_clear_func (cmd->ops, NULL);
      _wk_plan_command_free (cmd);
    }
  else
    {
      cmd->serial = ++self->next_serial;
      g_ptr_array_add (self->undo, cmd);
      self->change_label = cmd->label;
      self->change_serial = cmd->serial;
    }
  self->change_direction = 0;
  g_ptr_array_set_size (self->redo, 0);
  _wk_plan_flush_changes (self);
  self->change_label = NULL;
  _wk_plan_notify_history (self, could_undo, could_redo, was_modified);
}

void
_wk_plan_push_move (Command     *cmd,
                    WkPlan      *self,
                    guint        unit,
                    guint        to,
                    const guint *extras_to)
{
  Op op = { 0 };

  op.kind = OP_MOVE;
  op.unit = unit;
  op.from = self->assignment[unit];
  op.to = to;
  op.extras_from = _wk_plan_extras_dup (g_hash_table_lookup (self->extras, GUINT_TO_POINTER (unit)));
  op.extras_to = _wk_plan_extras_dup (extras_to);
  g_array_append_val (cmd->ops, op);
}

void
_wk_plan_push_set_area (Command    *cmd,
                        WkArea     *area,
                        AreaState  *after)
{
  Op op = { 0 };

  op.kind = OP_SET_AREA;
  op.before = _wk_plan_area_state_new (area);
  op.after = after;
  g_array_append_val (cmd->ops, op);
}

/* Removes @id from every unit's extras (before the area goes away). */
void
_wk_plan_push_drop_extras_of (Command *cmd,
                              WkPlan  *self,
                              guint    id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->extras);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const guint *e = value;
      g_autoptr(GArray) kept = g_array_new (TRUE, TRUE, sizeof (guint));
      gboolean found = FALSE;

      for (; *e; e++)
        {
          if (*e == id)
            found = TRUE;
          else
            g_array_append_val (kept, *e);
        }
      if (found)
        {
          guint unit = GPOINTER_TO_UINT (key);
          _wk_plan_push_move (cmd, self, unit, self->assignment[unit],
                              kept->len ? (guint *) kept->data : NULL);
        }
    }
}

/**
 * wk_plan_begin_group:
 * @label: the undo label of the whole group (e.g. “Paint”)
 *
 * Collects the edits until wk_plan_end_group() into one undo step (a brush
 * stroke).  ::changed is still emitted after each edit.  Groups nest; the
 * outermost label counts.
 */
void
wk_plan_begin_group (WkPlan     *self,
                     const char *label)
{
  g_return_if_fail (WK_IS_PLAN (self));
  if (self->group_depth++ == 0)
    self->group = _wk_plan_command_new (label, ++self->next_serial);
}

void
wk_plan_end_group (WkPlan *self)
{
  Command *group;
  gboolean could_undo, could_redo, was_modified;

  g_return_if_fail (WK_IS_PLAN (self));
  g_return_if_fail (self->group_depth > 0);
  if (--self->group_depth > 0)
    return;

  could_undo = wk_plan_can_undo (self);
  could_redo = wk_plan_can_redo (self);
  was_modified = wk_plan_is_modified (self);
  group = g_steal_pointer (&self->group);
  if (group->ops->len == 0)
    _wk_plan_command_free (group);
  else
    g_ptr_array_add (self->undo, group);
  _wk_plan_notify_history (self, could_undo, could_redo, was_modified);
}

gboolean
wk_plan_can_undo (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  return self->undo->len > 0 && self->group == NULL;
}

gboolean
wk_plan_can_redo (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  return self->redo->len > 0 && self->group == NULL;
}

/**
 * wk_plan_get_undo_label:
 *
 * Returns: (nullable): what undo would undo, e.g. “Merge areas”
 */
const char *
wk_plan_get_undo_label (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  if (self->undo->len == 0)
    return NULL;
  return ((Command *) g_ptr_array_index (self->undo, self->undo->len - 1))->label;
}

const char *
wk_plan_get_redo_label (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  if (self->redo->len == 0)
    return NULL;
  return ((Command *) g_ptr_array_index (self->redo, self->redo->len - 1))->label;
}

static gboolean
step (WkPlan    *self,
      GPtrArray *from,
      GPtrArray *to,
      gboolean   forward)
{
  gboolean could_undo = wk_plan_can_undo (self);
  gboolean could_redo = wk_plan_can_redo (self);
  gboolean was_modified = wk_plan_is_modified (self);
  Command *cmd;

  if (from->len == 0 || self->group != NULL)
    return FALSE;
  cmd = g_ptr_array_steal_index (from, from->len - 1);
  if (forward)
    for (guint i = 0; i < cmd->ops->len; i++)
      run_op (self, &g_array_index (cmd->ops, Op, i), TRUE);
  else
    for (guint i = cmd->ops->len; i > 0; i--)
      run_op (self, &g_array_index (cmd->ops, Op, i - 1), FALSE);
  g_ptr_array_add (to, cmd);
  self->change_label = cmd->label;
  self->change_serial = cmd->serial;
  self->change_direction = forward ? 1 : -1;
  _wk_plan_flush_changes (self);
  self->change_label = NULL;
  _wk_plan_notify_history (self, could_undo, could_redo, was_modified);
  return TRUE;
}

/**
 * wk_plan_undo:
 *
 * Returns: %FALSE when there was nothing to undo
 */
gboolean
wk_plan_undo (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  return step (self, self->undo, self->redo, FALSE);
}

gboolean
wk_plan_redo (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  return step (self, self->redo, self->undo, TRUE);
}

/**
 * wk_plan_clear_history:
 *
 * Forgets undo and redo (after loading a plan from a file).
 */
void
wk_plan_clear_history (WkPlan *self)
{
  gboolean could_undo = wk_plan_can_undo (self);
  gboolean could_redo = wk_plan_can_redo (self);
  gboolean was_modified = wk_plan_is_modified (self);

  g_return_if_fail (WK_IS_PLAN (self));
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->saved_serial = 0;
  _wk_plan_notify_history (self, could_undo, could_redo, was_modified);
}

/**
 * wk_plan_is_modified:
 *
 * Returns: whether the plan differs from what was last marked saved
 */
gboolean
wk_plan_is_modified (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  return _wk_plan_current_serial (self) != self->saved_serial;
}
