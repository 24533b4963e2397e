/* wk-plan-edit.c: editing a plan: creating, changing, merging and splitting areas, assigning units
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

/* A palette of well distinguishable, not too dark colours (from the GNOME
 * palette and ColorBrewer's Set3/Paired), in an order where neighbours in
 * the list differ strongly. */
static const char *palette[] = {
  "#62a0ea", "#f6d32d", "#57e389", "#ff7800", "#c061cb", "#99c1f1", "#e66100",
  "#8ff0a4", "#dc8add", "#f9f06b", "#1c71d8", "#ffbe6f", "#26a269", "#f66151",
  "#b5835a", "#33d17a", "#cdab8f", "#9141ac", "#ffa348", "#2ec27e",
};

gboolean
_wk_plan_check_name (WkPlan      *self,
                     const char  *name,
                     guint        except,
                     GError     **error)
{
  WkArea *other;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID, _("An area needs a name."));
      return FALSE;
    }
  other = wk_plan_find_area (self, name);
  if (other != NULL && wk_area_get_id (other) != except)
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_NAME_TAKEN,
                   _("There is already an area called “%s”."), name);
      return FALSE;
    }
  return TRUE;
}

/* _wk_color_is_valid:
 *
 * Returns: whether @color is “#rrggbb”
 */
gboolean
_wk_color_is_valid (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

WkArea *
_wk_plan_lookup_area (WkPlan  *self,
                      guint    area,
                      GError **error)
{
  WkArea *a = g_hash_table_lookup (self->areas_by_id, GUINT_TO_POINTER (area));

  if (a == NULL)
    g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_NO_AREA, _("There is no area %u."), area);
  return a;
}

/**
 * wk_plan_suggest_area_name:
 *
 * Returns: (transfer full): “Area N” for the lowest N not in use
 */
char *
wk_plan_suggest_area_name (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  for (guint n = wk_plan_get_n_areas (self) + 1; ; n++)
    {
      /* Translators: the default name of a new area (wijk) */
      char *name = g_strdup_printf (_("Area %u"), n);

      if (wk_plan_find_area (self, name) == NULL)
        return name;
      g_free (name);
    }
}

/**
 * wk_plan_suggest_color:
 *
 * Returns: (transfer full): the palette colour used least by the areas
 */
char *
wk_plan_suggest_color (WkPlan *self)
{
  guint counts[G_N_ELEMENTS (palette)] = { 0 };
  guint n = wk_plan_get_n_areas (self);
  guint best = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (G_LIST_MODEL (self->areas), i);

      for (guint p = 0; p < G_N_ELEMENTS (palette); p++)
        if (g_ascii_strcasecmp (palette[p], wk_area_get_color (area)) == 0)
          counts[p]++;
    }
  for (guint p = 1; p < G_N_ELEMENTS (palette); p++)
    if (counts[p] < counts[best])
      best = p;
  return g_strdup (palette[best]);
}

/**
 * wk_plan_create_area:
 * @name: (nullable): the name, or %NULL for “Area N”
 * @color: (nullable): “#rrggbb”, or %NULL for the next palette colour
 *
 * Adds an empty area (undoable).
 *
 * Returns: the new area's id, or 0 with @error set
 */
guint
wk_plan_create_area (WkPlan      *self,
                     const char  *name,
                     const char  *color,
                     GError     **error)
{
  g_autofree char *default_name = NULL;
  g_autofree char *default_color = NULL;
  g_autofree char *stripped = NULL;
  Command *cmd;
  Op op = { 0 };

  g_return_val_if_fail (WK_IS_PLAN (self), 0);

  if (name == NULL)
    name = default_name = wk_plan_suggest_area_name (self);
  stripped = g_strstrip (g_strdup (name));
  if (!_wk_plan_check_name (self, stripped, 0, error))
    return 0;
  if (color == NULL)
    color = default_color = wk_plan_suggest_color (self);
  if (!_wk_color_is_valid (color))
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID,
                   _("“%s” is not a colour; use the form #rrggbb."), color);
      return 0;
    }

  cmd = _wk_plan_command_new (_("New area"), 0);
  op.kind = OP_CREATE;
  op.after = g_new0 (AreaState, 1);
  op.after->id = self->next_id++;
  op.after->name = g_strdup (stripped);
  op.after->color = g_ascii_strdown (color, -1);
  op.after->note = g_strdup ("");
  op.position = wk_plan_get_n_areas (self);
  g_array_append_val (cmd->ops, op);
  {
    guint id = op.after->id;

    _wk_plan_execute (self, cmd);
    return id;
  }
}

static gboolean
edit_area (WkPlan      *self,
           guint        area,
           const char  *label,
           const char  *name,
           const char  *color,
           const char  *note,
           int          locked,
           GError     **error)
{
  WkArea *a = _wk_plan_lookup_area (self, area, error);
  AreaState *after;
  Command *cmd;

  if (a == NULL)
    return FALSE;
  after = _wk_plan_area_state_new (a);
  if (name != NULL)
    {
      g_free (after->name);
      after->name = g_strstrip (g_strdup (name));
      if (!_wk_plan_check_name (self, after->name, area, error))
        {
          _wk_plan_area_state_free (after);
          return FALSE;
        }
    }
  if (color != NULL)
    {
      if (!_wk_color_is_valid (color))
        {
          g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID,
                       _("“%s” is not a colour; use the form #rrggbb."), color);
          _wk_plan_area_state_free (after);
          return FALSE;
        }
      g_free (after->color);
      after->color = g_ascii_strdown (color, -1);
    }
  if (note != NULL)
    {
      g_free (after->note);
      after->note = g_strdup (note);
    }
  if (locked >= 0)
    after->locked = !!locked;

  if (g_strcmp0 (after->name, wk_area_get_name (a)) == 0 &&
      g_strcmp0 (after->color, wk_area_get_color (a)) == 0 &&
      g_strcmp0 (after->note, wk_area_get_note (a)) == 0 &&
      after->locked == wk_area_get_locked (a))
    {
      _wk_plan_area_state_free (after);
      return TRUE;
    }
  cmd = _wk_plan_command_new (label, 0);
  _wk_plan_push_set_area (cmd, a, after);
  _wk_plan_execute (self, cmd);
  return TRUE;
}

gboolean
wk_plan_rename_area (WkPlan      *self,
                     guint        area,
                     const char  *name,
                     GError     **error)
{
  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  if (name == NULL)
    name = "";
  return edit_area (self, area, _("Rename area"), name, NULL, NULL, -1, error);
}

gboolean
wk_plan_recolor_area (WkPlan      *self,
                      guint        area,
                      const char  *color,
                      GError     **error)
{
  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  if (color == NULL)
    color = "";
  return edit_area (self, area, _("Change area colour"), NULL, color, NULL, -1, error);
}

/**
 * wk_plan_set_area_locked:
 *
 * Locks or unlocks an area (undoable): no unit enters or leaves a locked
 * area, and it cannot be merged or deleted.
 */
gboolean
wk_plan_set_area_locked (WkPlan      *self,
                         guint        area,
                         gboolean     locked,
                         GError     **error)
{
  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  return edit_area (self, area, locked ? _("Lock area") : _("Unlock area"),
                    NULL, NULL, NULL, locked, error);
}

gboolean
wk_plan_set_area_note (WkPlan      *self,
                       guint        area,
                       const char  *note,
                       GError     **error)
{
  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  return edit_area (self, area, _("Edit area note"), NULL, NULL, note ? note : "", -1, error);
}

static gboolean
refuse_locked (WkArea  *area,
               GError **error)
{
  if (wk_area_get_locked (area))
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_LOCKED,
                   _("“%s” is locked. Unlock it to change it."), wk_area_get_name (area));
      return TRUE;
    }
  return FALSE;
}

static void
push_remove_area (Command *cmd,
                  WkPlan  *self,
                  WkArea  *area)
{
  Op op = { 0 };
  guint pos = 0;

  /* The position is where it is now; ops run in order, so when this op runs
   * forward the list is as it is now minus nothing before it. */
  g_list_store_find (self->areas, area, &pos);
  op.kind = OP_REMOVE;
  op.before = _wk_plan_area_state_new (area);
  op.position = pos;
  g_array_append_val (cmd->ops, op);
}

/**
 * wk_plan_delete_area:
 *
 * Deletes an area; its units become unassigned (undoable).
 */
gboolean
wk_plan_delete_area (WkPlan      *self,
                     guint        area,
                     GError     **error)
{
  WkArea *a;
  const guint *units;
  guint n;
  Command *cmd;

  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  if ((a = _wk_plan_lookup_area (self, area, error)) == NULL || refuse_locked (a, error))
    return FALSE;

  cmd = _wk_plan_command_new (_("Delete area"), 0);
  units = wk_plan_get_area_units (self, area, &n);
  for (guint i = 0; i < n; i++)
    _wk_plan_push_move (cmd, self, units[i], WK_AREA_NONE,
                        g_hash_table_lookup (self->extras, GUINT_TO_POINTER (units[i])));
  _wk_plan_push_drop_extras_of (cmd, self, area);
  push_remove_area (cmd, self, a);
  _wk_plan_execute (self, cmd);
  return TRUE;
}

/**
 * wk_plan_merge_areas:
 * @into: the area that stays
 * @from: the area whose units move to @into and that goes away
 *
 * Merges two areas (undoable).
 */
gboolean
wk_plan_merge_areas (WkPlan      *self,
                     guint        into,
                     guint        from,
                     GError     **error)
{
  WkArea *a, *b;
  const guint *units;
  guint n;
  Command *cmd;

  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  if ((a = _wk_plan_lookup_area (self, into, error)) == NULL || (b = _wk_plan_lookup_area (self, from, error)) == NULL)
    return FALSE;
  if (into == from)
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID,
                   _("An area cannot be merged with itself."));
      return FALSE;
    }
  if (refuse_locked (a, error) || refuse_locked (b, error))
    return FALSE;

  cmd = _wk_plan_command_new (_("Merge areas"), 0);
  units = wk_plan_get_area_units (self, from, &n);
  for (guint i = 0; i < n; i++)
    _wk_plan_push_move (cmd, self, units[i], into,
                        g_hash_table_lookup (self->extras, GUINT_TO_POINTER (units[i])));
  _wk_plan_push_drop_extras_of (cmd, self, from);
  push_remove_area (cmd, self, b);
  _wk_plan_execute (self, cmd);
  return TRUE;
}

/**
 * wk_plan_split_area:
 * @units: (array length=n_units): units of @area that go to a new area
 * @name: (nullable): the new area's name
 *
 * Splits off part of an area as a new area (one undo step).
 *
 * Returns: the new area's id, or 0 with @error set
 */
guint
wk_plan_split_area (WkPlan       *self,
                    guint         area,
                    const guint  *units,
                    guint         n_units,
                    const char   *name,
                    GError      **error)
{
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (guint));
  WkArea *a;
  guint id;

  g_return_val_if_fail (WK_IS_PLAN (self), 0);
  if ((a = _wk_plan_lookup_area (self, area, error)) == NULL || refuse_locked (a, error))
    return 0;
  for (guint i = 0; i < n_units; i++)
    if (units[i] < self->n_units && self->assignment[units[i]] == area)
      g_array_append_val (own, units[i]);
  if (own->len == 0)
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID,
                   _("None of the chosen units belongs to “%s”."), wk_area_get_name (a));
      return 0;
    }

  wk_plan_begin_group (self, _("Split area"));
  id = wk_plan_create_area (self, name, NULL, error);
  if (id != 0 && !wk_plan_assign_units (self, (guint *) own->data, own->len, id,
                                        WK_ASSIGN_DEFAULT, NULL, error))
    id = 0;
  wk_plan_end_group (self);
  return id;
}

/**
 * wk_plan_assign:
 *
 * Assigns one unit to an area (undoable); see wk_plan_assign_units().
 */
gboolean
wk_plan_assign (WkPlan  *self,
                guint    unit,
                guint    area,
                GError **error)
{
  return wk_plan_assign_units (self, &unit, 1, area, WK_ASSIGN_DEFAULT, NULL, error);
}

/**
 * wk_plan_assign_units:
 * @units: (array length=n_units): unit indices
 * @area: the area id, or %WK_AREA_NONE to unassign
 * @flags: %WK_ASSIGN_ONLY_UNASSIGNED to leave units that have an area
 * @n_changed: (out) (optional): how many units actually moved
 *
 * Moves units to @area as one undo step.  Units in a locked area stay
 * where they are; a double assignment of a moved unit is resolved.
 *
 * Returns: %FALSE with @error set when @area does not exist or is locked,
 *   or a unit index is out of range
 */
gboolean
wk_plan_assign_units (WkPlan         *self,
                      const guint    *units,
                      guint           n_units,
                      guint           area,
                      WkAssignFlags   flags,
                      guint          *n_changed,
                      GError        **error)
{
  Command *cmd;
  g_autoptr(GHashTable) seen = NULL;
  guint changed = 0;

  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);
  if (n_changed != NULL)
    *n_changed = 0;

  if (area != WK_AREA_NONE)
    {
      WkArea *a = _wk_plan_lookup_area (self, area, error);

      if (a == NULL || refuse_locked (a, error))
        return FALSE;
    }
  for (guint i = 0; i < n_units; i++)
    if (units[i] >= self->n_units)
      {
        g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID,
                     _("There is no unit %u."), units[i]);
        return FALSE;
      }

  cmd = _wk_plan_command_new (area == WK_AREA_NONE ? _("Unassign units") : _("Assign units"), 0);
  if (n_units > 1)
    seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n_units; i++)
    {
      guint unit = units[i];
      guint from = self->assignment[unit];
      gboolean has_extras = g_hash_table_contains (self->extras, GUINT_TO_POINTER (unit));

      if (seen != NULL && !g_hash_table_add (seen, GUINT_TO_POINTER (unit)))
        continue;
      if (from == area && !has_extras)
        continue;
      if ((flags & WK_ASSIGN_ONLY_UNASSIGNED) && from != WK_AREA_NONE)
        continue;
      if (from != WK_AREA_NONE &&
          wk_area_get_locked (g_hash_table_lookup (self->areas_by_id, GUINT_TO_POINTER (from))))
        continue;
      _wk_plan_push_move (cmd, self, unit, area, NULL);
      changed++;
    }
  _wk_plan_execute (self, cmd);
  if (n_changed != NULL)
    *n_changed = changed;
  return TRUE;
}

/**
 * wk_plan_unassign_units:
 *
 * Takes units out of their areas (undoable); locked areas keep theirs.
 *
 * Returns: how many units were unassigned
 */
guint
wk_plan_unassign_units (WkPlan      *self,
                        const guint *units,
                        guint        n_units)
{
  guint changed = 0;

  wk_plan_assign_units (self, units, n_units, WK_AREA_NONE, WK_ASSIGN_DEFAULT, &changed, NULL);
  return changed;
}

/**
 * wk_plan_replace:
 * @area_names: (element-type utf8): names of the new areas
 * @area_colors: (element-type utf8) (nullable): their colours, or %NULL for the palette
 * @assignment: per unit, an index + 1 into @area_names, or 0
 * @extras: (nullable): unit → #GArray of further indices + 1 (double assignments)
 * @label: the undo label
 *
 * Replaces all areas and the whole assignment in one undo step: an imported
 * plan.  Locks are ignored: this is a new plan.
 */
gboolean
wk_plan_replace (WkPlan       *self,
                 GPtrArray    *area_names,
                 GPtrArray    *area_colors,
                 const guint  *assignment,
                 GHashTable   *extras,
                 const char   *label,
                 GError      **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *ids = NULL;
  Command *cmd;
  guint n_old;

  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);

  for (guint i = 0; i < area_names->len; i++)
    {
      const char *name = g_ptr_array_index (area_names, i);

      if (name == NULL || *name == '\0' || !g_hash_table_add (names, (gpointer) name))
        {
          g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_NAME_TAKEN,
                       _("The area name “%s” is empty or occurs twice."), name ? name : "");
          return FALSE;
        }
      if (area_colors != NULL && g_ptr_array_index (area_colors, i) != NULL &&
          !_wk_color_is_valid (g_ptr_array_index (area_colors, i)))
        {
          g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID,
                       _("“%s” is not a colour; use the form #rrggbb."),
                       (char *) g_ptr_array_index (area_colors, i));
          return FALSE;
        }
    }

  cmd = _wk_plan_command_new (label, 0);
  /* Unassign everything, then drop the old areas… */
  for (guint u = 0; u < self->n_units; u++)
    if (self->assignment[u] != WK_AREA_NONE || g_hash_table_contains (self->extras, GUINT_TO_POINTER (u)))
      {
        Op op = { 0 };

        op.kind = OP_MOVE;
        op.unit = u;
        op.from = self->assignment[u];
        op.to = WK_AREA_NONE;
        op.extras_from = _wk_plan_extras_dup (g_hash_table_lookup (self->extras, GUINT_TO_POINTER (u)));
        g_array_append_val (cmd->ops, op);
      }
  n_old = wk_plan_get_n_areas (self);
  for (guint i = n_old; i > 0; i--)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (G_LIST_MODEL (self->areas), i - 1);
      Op op = { 0 };

      op.kind = OP_REMOVE;
      op.before = _wk_plan_area_state_new (area);
      op.position = i - 1;
      g_array_append_val (cmd->ops, op);
    }
  /* …create the new ones… */
  ids = g_new0 (guint, area_names->len + 1);
  for (guint i = 0; i < area_names->len; i++)
    {
      Op op = { 0 };
      const char *color = area_colors ? g_ptr_array_index (area_colors, i) : NULL;

      op.kind = OP_CREATE;
      op.after = g_new0 (AreaState, 1);
      op.after->id = ids[i + 1] = self->next_id++;
      op.after->name = g_strdup (g_ptr_array_index (area_names, i));
      op.after->color = color ? g_ascii_strdown (color, -1)
                              : g_strdup (palette[i % G_N_ELEMENTS (palette)]);
      op.after->note = g_strdup ("");
      op.position = i;
      g_array_append_val (cmd->ops, op);
    }
  /* …and assign. */
  for (guint u = 0; u < self->n_units; u++)
    {
      GArray *more = extras ? g_hash_table_lookup (extras, GUINT_TO_POINTER (u)) : NULL;
      g_autofree guint *extra_ids = NULL;
      Op op = { 0 };

      if (assignment[u] == 0 && more == NULL)
        continue;
      if (assignment[u] > area_names->len)
        {
          _wk_plan_command_free (cmd);
          g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID, _("There is no area %u."),
                       assignment[u]);
          return FALSE;
        }
      if (more != NULL && more->len > 0)
        {
          extra_ids = g_new0 (guint, more->len + 1);
          for (guint k = 0; k < more->len; k++)
            extra_ids[k] = ids[MIN (g_array_index (more, guint, k), area_names->len)];
        }
      op.kind = OP_MOVE;
      op.unit = u;
      op.from = WK_AREA_NONE;
      op.to = ids[assignment[u]];
      op.extras_to = g_steal_pointer (&extra_ids);
      g_array_append_val (cmd->ops, op);
    }
  _wk_plan_execute (self, cmd);
  return TRUE;
}
