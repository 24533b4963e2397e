/* wk-plan.c: areas and assignment: the plan's API
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

static gpointer
copy_string (gconstpointer src,
             gpointer      data)
{
  return g_strdup (src);
}

G_DEFINE_FINAL_TYPE (WkPlan, wk_plan, G_TYPE_OBJECT)
G_DEFINE_QUARK (wk-plan-error-quark, wk_plan_error)
G_DEFINE_BOXED_TYPE (WkPlanChange, wk_plan_change, wk_plan_change_copy, wk_plan_change_free)
G_DEFINE_BOXED_TYPE (WkImportReport, wk_import_report, wk_import_report_copy, wk_import_report_free)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_NAME,
  PROP_NOTE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  PROP_N_ASSIGNED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------- properties and ::changed */

void
_wk_plan_set_plan_text (WkPlan     *self,
                        const char *name,
                        const char *note)
{
  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  if (g_strcmp0 (self->note, note) != 0)
    {
      g_free (self->note);
      self->note = g_strdup (note);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
    }
}

/* Emits ::changed with what the ops since the last flush touched. */
void
_wk_plan_flush_changes (WkPlan *self)
{
  g_autoptr(WkPlanChange) change = NULL;

  if (self->touched_flags == 0)
    return;

  change = g_new0 (WkPlanChange, 1);
  change->flags = self->touched_flags;
  change->units = g_steal_pointer (&self->touched_units);
  change->areas = g_steal_pointer (&self->touched_areas);
  _wk_sort_unique (change->units);
  _wk_sort_unique (change->areas);
  self->touched_units = g_array_new (FALSE, FALSE, sizeof (guint));
  self->touched_areas = g_array_new (FALSE, FALSE, sizeof (guint));
  self->touched_flags = 0;

  for (guint i = 0; i < change->areas->len; i++)
    {
      WkArea *area = g_hash_table_lookup (self->areas_by_id,
                                          GUINT_TO_POINTER (g_array_index (change->areas, guint, i)));
      if (area != NULL)
        _wk_area_notify_counts (area);
    }
  if (change->flags & WK_CHANGE_ASSIGNMENT)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ASSIGNED]);

  g_signal_emit (self, signals[CHANGED], 0, change);
}

void
_wk_plan_notify_history (WkPlan   *self,
                         gboolean  could_undo,
                         gboolean  could_redo,
                         gboolean  was_modified)
{
  if (could_undo != wk_plan_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != wk_plan_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was_modified != wk_plan_is_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* --------------------------------------------------------------- GObject */

static void
wk_plan_dispose (GObject *object)
{
  WkPlan *self = (WkPlan *)object;

  g_clear_object (&self->dataset);
  if (self->areas != NULL)
    g_list_store_remove_all (self->areas);
  g_clear_object (&self->areas);
  G_OBJECT_CLASS (wk_plan_parent_class)->dispose (object);
}

static void
wk_plan_finalize (GObject *object)
{
  WkPlan *self = (WkPlan *)object;

  g_free (self->name);
  g_free (self->note);
  g_free (self->assignment);
  g_free (self->unit_pos);
  g_clear_pointer (&self->areas_by_id, g_hash_table_unref);
  g_clear_pointer (&self->members, g_hash_table_unref);
  g_clear_pointer (&self->extras, g_hash_table_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->group, _wk_plan_command_free);
  g_clear_pointer (&self->touched_units, g_array_unref);
  g_clear_pointer (&self->touched_areas, g_array_unref);
  G_OBJECT_CLASS (wk_plan_parent_class)->finalize (object);
}

static void
wk_plan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WkPlan *self = WK_PLAN (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, wk_plan_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, wk_plan_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, wk_plan_is_modified (self));
      break;
    case PROP_N_ASSIGNED:
      g_value_set_uint (value, self->n_assigned);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_plan_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WkPlan *self = WK_PLAN (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;
    case PROP_NAME:
      wk_plan_set_name (self, g_value_get_string (value));
      break;
    case PROP_NOTE:
      wk_plan_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_plan_constructed (GObject *object)
{
  WkPlan *self = (WkPlan *)object;

  G_OBJECT_CLASS (wk_plan_parent_class)->constructed (object);
  g_return_if_fail (WK_IS_DATASET (self->dataset));
  self->n_units = wk_dataset_get_n_units (self->dataset);
  self->assignment = g_new0 (guint, MAX (self->n_units, 1));
  self->unit_pos = g_new0 (guint, MAX (self->n_units, 1));
}

static void
wk_plan_class_init (WkPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wk_plan_dispose;
  object_class->finalize = wk_plan_finalize;
  object_class->constructed = wk_plan_constructed;
  object_class->get_property = wk_plan_get_property;
  object_class->set_property = wk_plan_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, WK_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ASSIGNED] =
    g_param_spec_uint ("n-assigned", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WkPlan::changed:
   * @change: what the edit touched
   *
   * Emitted after every edit, undo and redo (during a group, after each step).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  WK_TYPE_PLAN_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
wk_plan_init (WkPlan *self)
{
  self->name = g_strdup ("");
  self->note = g_strdup ("");
  self->areas = g_list_store_new (WK_TYPE_AREA);
  self->areas_by_id = g_hash_table_new (NULL, NULL);
  self->members = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->extras = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->next_id = 1;
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) _wk_plan_command_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) _wk_plan_command_free);
  self->touched_units = g_array_new (FALSE, FALSE, sizeof (guint));
  self->touched_areas = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* ------------------------------------------------------------ public API */

WkPlanChange *
wk_plan_change_copy (const WkPlanChange *src)
{
  WkPlanChange *change = g_new0 (WkPlanChange, 1);

  change->flags = src->flags;
  change->units = g_array_copy (src->units);
  change->areas = g_array_copy (src->areas);
  return change;
}

void
wk_plan_change_free (WkPlanChange *change)
{
  if (change == NULL)
    return;
  g_clear_pointer (&change->units, g_array_unref);
  g_clear_pointer (&change->areas, g_array_unref);
  g_free (change);
}

WkImportReport *
_wk_import_report_new (void)
{
  WkImportReport *report = g_new0 (WkImportReport, 1);

  report->unknown_codes = g_ptr_array_new_with_free_func (g_free);
  report->duplicate_codes = g_ptr_array_new_with_free_func (g_free);
  report->conflicts = g_ptr_array_new_with_free_func (g_free);
  report->messages = g_ptr_array_new_with_free_func (g_free);
  report->ambiguous = g_ptr_array_new_with_free_func (g_free);
  report->uncovered = g_ptr_array_new_with_free_func (g_free);
  return report;
}

static GPtrArray *
strings_copy (GPtrArray *src)
{
  GPtrArray *copy = g_ptr_array_copy (src, copy_string, NULL);

  g_ptr_array_set_free_func (copy, g_free);
  return copy;
}

WkImportReport *
wk_import_report_copy (const WkImportReport *src)
{
  WkImportReport *report = g_memdup2 (src, sizeof *src);

  report->unknown_codes = strings_copy (src->unknown_codes);
  report->duplicate_codes = strings_copy (src->duplicate_codes);
  report->conflicts = strings_copy (src->conflicts);
  report->messages = strings_copy (src->messages);
  report->ambiguous = strings_copy (src->ambiguous);
  report->uncovered = strings_copy (src->uncovered);
  return report;
}

void
wk_import_report_free (WkImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->unknown_codes);
  g_ptr_array_unref (report->duplicate_codes);
  g_ptr_array_unref (report->conflicts);
  g_ptr_array_unref (report->messages);
  g_ptr_array_unref (report->ambiguous);
  g_ptr_array_unref (report->uncovered);
  g_free (report);
}

/**
 * wk_plan_new:
 * @dataset: the units the plan divides
 *
 * Returns: (transfer full): an empty plan: no areas, every unit unassigned
 */
WkPlan *
wk_plan_new (WkDataset *dataset)
{
  g_return_val_if_fail (WK_IS_DATASET (dataset), NULL);
  return g_object_new (WK_TYPE_PLAN, "dataset", dataset, NULL);
}

/**
 * wk_plan_duplicate:
 *
 * Returns: (transfer full): a copy of the plan's areas and assignment, with
 *   an empty history (a scenario)
 */
WkPlan *
wk_plan_duplicate (WkPlan *self)
{
  WkPlan *copy;
  guint n;

  g_return_val_if_fail (WK_IS_PLAN (self), NULL);

  copy = wk_plan_new (self->dataset);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->areas));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (G_LIST_MODEL (self->areas), i);
      AreaState *s = _wk_plan_area_state_new (area);

      _wk_plan_create_area (copy, s, i);
      _wk_plan_area_state_free (s);
    }
  copy->next_id = self->next_id;
  for (guint u = 0; u < self->n_units; u++)
    _wk_plan_set_unit_area (copy, u, self->assignment[u]);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->extras);
    while (g_hash_table_iter_next (&iter, &key, &value))
      _wk_plan_set_unit_extras (copy, GPOINTER_TO_UINT (key), value);
  }
  _wk_plan_restore_finish (copy, self->name, self->note);
  return copy;
}

/**
 * wk_plan_get_dataset:
 *
 * Returns: (transfer none): the data set
 */
WkDataset *
wk_plan_get_dataset (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  return self->dataset;
}

const char *
wk_plan_get_name (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  return self->name;
}

static void
set_plan_props (WkPlan     *self,
                const char *name,
                const char *note,
                const char *label)
{
  Command *cmd;
  Op op = { 0 };

  if (g_strcmp0 (name, self->name) == 0 && g_strcmp0 (note, self->note) == 0)
    return;
  cmd = _wk_plan_command_new (label, 0);
  op.kind = OP_SET_PLAN;
  op.text_before[0] = g_strdup (self->name);
  op.text_before[1] = g_strdup (self->note);
  op.text_after[0] = g_strdup (name);
  op.text_after[1] = g_strdup (note);
  g_array_append_val (cmd->ops, op);
  _wk_plan_execute (self, cmd);
}

/**
 * wk_plan_set_name:
 *
 * Renames the plan (undoable).
 */
void
wk_plan_set_name (WkPlan     *self,
                  const char *name)
{
  g_return_if_fail (WK_IS_PLAN (self));
  set_plan_props (self, name ? name : "", self->note, _("Rename plan"));
}

const char *
wk_plan_get_note (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  return self->note;
}

/**
 * wk_plan_set_note:
 *
 * Sets the plan's note (undoable).
 */
void
wk_plan_set_note (WkPlan     *self,
                  const char *note)
{
  g_return_if_fail (WK_IS_PLAN (self));
  set_plan_props (self, self->name, note ? note : "", _("Edit plan note"));
}

/**
 * wk_plan_get_areas:
 *
 * Returns: (transfer none): a #GListModel of #WkArea, in creation order
 */
GListModel *
wk_plan_get_areas (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  return G_LIST_MODEL (self->areas);
}

guint
wk_plan_get_n_areas (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->areas));
}

/**
 * wk_plan_get_area:
 *
 * Returns: (transfer none) (nullable): the area with id @area
 */
WkArea *
wk_plan_get_area (WkPlan *self,
                  guint   area)
{
  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  return g_hash_table_lookup (self->areas_by_id, GUINT_TO_POINTER (area));
}

/**
 * wk_plan_find_area:
 *
 * Returns: (transfer none) (nullable): the area called @name (exactly)
 */
WkArea *
wk_plan_find_area (WkPlan     *self,
                   const char *name)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  g_hash_table_iter_init (&iter, self->areas_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (wk_area_get_name (value), name) == 0)
      return value;
  return NULL;
}

/**
 * wk_plan_get_unit_area:
 *
 * Returns: the id of the unit's area, or %WK_AREA_NONE
 */
guint
wk_plan_get_unit_area (WkPlan *self,
                       guint   unit)
{
  g_return_val_if_fail (WK_IS_PLAN (self), WK_AREA_NONE);
  g_return_val_if_fail (unit < self->n_units, WK_AREA_NONE);
  return self->assignment[unit];
}

/**
 * wk_plan_get_unit_extras:
 *
 * The areas a unit is assigned to besides its own (a double assignment, as
 * an imported plan can have).
 *
 * Returns: (transfer none) (array length=n_extras) (nullable): area ids
 */
const guint *
wk_plan_get_unit_extras (WkPlan *self,
                         guint   unit,
                         guint  *n_extras)
{
  const guint *extras;

  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  extras = g_hash_table_lookup (self->extras, GUINT_TO_POINTER (unit));
  *n_extras = 0;
  while (extras != NULL && extras[*n_extras] != 0)
    (*n_extras)++;
  return extras;
}

/**
 * _wk_plan_dup_conflicting_units:
 *
 * Returns: (transfer full) (element-type guint): the units assigned to more
 *   than one area, sorted
 */
GArray *
_wk_plan_dup_conflicting_units (WkPlan *self)
{
  GArray *units = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (WK_IS_PLAN (self), units);
  g_hash_table_iter_init (&iter, self->extras);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint unit = GPOINTER_TO_UINT (key);
      g_array_append_val (units, unit);
    }
  g_array_sort (units, _wk_uint_compare);
  return units;
}

/**
 * wk_plan_get_area_units:
 *
 * Returns: (transfer none) (array length=n_units): the units of @area, in
 *   no particular order; valid until the next edit
 */
const guint *
wk_plan_get_area_units (WkPlan *self,
                        guint   area,
                        guint  *n_units)
{
  GArray *m;

  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  m = g_hash_table_lookup (self->members, GUINT_TO_POINTER (area));
  *n_units = m ? m->len : 0;
  return m ? (const guint *) m->data : NULL;
}

/**
 * wk_plan_get_assignment:
 *
 * Returns: (transfer none) (array length=n_units): the area id of every unit
 */
const guint *
wk_plan_get_assignment (WkPlan *self,
                        guint  *n_units)
{
  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  *n_units = self->n_units;
  return self->assignment;
}

guint
wk_plan_get_n_assigned (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), 0);
  return self->n_assigned;
}

/**
 * wk_plan_dup_region:
 * @unit: where to start
 * @tolerance: shared boundary (m) from which units count as neighbours
 *
 * The connected units that have the same area as @unit (or, for an
 * unassigned unit, that are unassigned too), found through the adjacency
 * graph: what the fill tool assigns.
 *
 * Returns: (transfer full) (element-type guint): the units, sorted
 */
GArray *
wk_plan_dup_region (WkPlan *self,
                    guint   unit,
                    double  tolerance)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *mark = NULL;

  g_return_val_if_fail (WK_IS_PLAN (self), out);
  g_return_val_if_fail (unit < self->n_units, out);

  mark = g_new0 (guint, self->n_units);
  _wk_flood_fill (self->dataset, self->assignment, tolerance, unit, mark, 1, out);
  g_array_sort (out, _wk_uint_compare);
  return out;
}

/* _wk_flood_fill:
 * @assignment: unit → area id (or any label per unit)
 * @tolerance: shared boundary (m) from which units count as neighbours
 * @start: where to start
 * @mark: per unit; the fill sets it to @stamp, and skips units that have it
 * @stamp: the mark of this fill (a new one per fill saves clearing @mark)
 * @out: (element-type guint): gets the units found, in no particular order
 *
 * The flood fill over an area's units: the units connected to @start
 * through the adjacency graph that have the same @assignment as @start.
 */
void
_wk_flood_fill (WkDataset   *dataset,
                const guint *assignment,
                double       tolerance,
                guint        start,
                guint       *mark,
                guint        stamp,
                GArray      *out)
{
  g_autoptr(GArray) stack = NULL;
  guint area = assignment[start];

  if (mark[start] == stamp)
    return;
  stack = g_array_new (FALSE, FALSE, sizeof (guint));
  mark[start] = stamp;
  g_array_append_val (stack, start);
  while (stack->len > 0)
    {
      guint u = g_array_index (stack, guint, stack->len - 1);
      const double *lengths;
      const guint *nb;
      guint n;

      g_array_set_size (stack, stack->len - 1);
      g_array_append_val (out, u);
      nb = wk_dataset_get_neighbours (dataset, u, &lengths, &n);
      for (guint k = 0; k < n; k++)
        if (mark[nb[k]] != stamp && lengths[k] >= tolerance && assignment[nb[k]] == area)
          {
            mark[nb[k]] = stamp;
            g_array_append_val (stack, nb[k]);
          }
    }
}

/**
 * wk_plan_set_saved:
 *
 * Marks the current state as saved; undoing past it makes the plan
 * modified again.
 */
void
wk_plan_set_saved (WkPlan *self)
{
  gboolean was_modified;

  g_return_if_fail (WK_IS_PLAN (self));
  was_modified = wk_plan_is_modified (self);
  self->saved_serial = _wk_plan_current_serial (self);
  if (was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* ------------------------------------------------------- private API */

/* _wk_plan_restore_area:
 *
 * Appends an area as it was saved, with its own id, outside the history.
 * For a fresh plan only, followed by _wk_plan_restore_unit() and
 * _wk_plan_restore_finish().  Saved files can be damaged: a bad or repeated
 * name, colour or id is an error, not an assertion.
 */
gboolean
_wk_plan_restore_area (WkPlan      *self,
                       guint        id,
                       const char  *name,
                       const char  *color,
                       gboolean     locked,
                       const char  *note,
                       GError     **error)
{
  AreaState s = { 0 };

  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);

  if (id == WK_AREA_NONE || g_hash_table_contains (self->areas_by_id, GUINT_TO_POINTER (id)))
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID,
                   _("The area id %u is missing or occurs twice."), id);
      return FALSE;
    }
  if (!_wk_plan_check_name (self, name, 0, error))
    return FALSE;
  if (!_wk_color_is_valid (color))
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID,
                   _("“%s” is not a colour; use the form #rrggbb."), color ? color : "");
      return FALSE;
    }
  s.id = id;
  s.name = (char *) name;
  s.color = g_ascii_strdown (color, -1);
  s.note = (char *) (note ? note : "");
  s.locked = locked;
  _wk_plan_create_area (self, &s, G_MAXUINT);
  g_free (s.color);
  self->next_id = MAX (self->next_id, id + 1);
  return TRUE;
}

/* _wk_plan_restore_unit:
 * @extras: (nullable): further areas, 0-terminated
 *
 * Puts @unit in @area (and @extras) outside the history.
 */
gboolean
_wk_plan_restore_unit (WkPlan       *self,
                       guint         unit,
                       guint         area,
                       const guint  *extras,
                       GError      **error)
{
  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);

  if (unit >= self->n_units)
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID, _("There is no unit %u."), unit);
      return FALSE;
    }
  if (area != WK_AREA_NONE && _wk_plan_lookup_area (self, area, error) == NULL)
    return FALSE;
  for (const guint *e = extras; e != NULL && *e != 0; e++)
    if (_wk_plan_lookup_area (self, *e, error) == NULL)
      return FALSE;
  _wk_plan_set_unit_area (self, unit, area);
  _wk_plan_set_unit_extras (self, unit, extras);
  return TRUE;
}

/* _wk_plan_restore_finish:
 *
 * Sets the plan's name and note and updates the areas' counts, leaving an
 * unmodified plan with an empty history.
 */
void
_wk_plan_restore_finish (WkPlan     *self,
                         const char *name,
                         const char *note)
{
  guint n;

  g_return_if_fail (WK_IS_PLAN (self));

  _wk_plan_set_plan_text (self, name ? name : "", note ? note : "");
  n = g_list_model_get_n_items (G_LIST_MODEL (self->areas));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (G_LIST_MODEL (self->areas), i);
      _wk_area_notify_counts (area);
    }
  self->touched_flags = 0;
  g_array_set_size (self->touched_units, 0);
  g_array_set_size (self->touched_areas, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ASSIGNED]);
}

/* _wk_plan_get_serial:
 *
 * Identifies the current state in the history: what _wk_plan_set_saved_serial()
 * takes after a save that ran on a snapshot while editing went on.
 */
guint
_wk_plan_get_serial (WkPlan *self)
{
  g_return_val_if_fail (WK_IS_PLAN (self), 0);
  return _wk_plan_current_serial (self);
}

void
_wk_plan_set_saved_serial (WkPlan *self,
                           guint   serial)
{
  gboolean was_modified;

  g_return_if_fail (WK_IS_PLAN (self));
  was_modified = wk_plan_is_modified (self);
  self->saved_serial = serial;
  if (was_modified != wk_plan_is_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* _wk_plan_get_change_label:
 * @direction: (out) (optional): 0 for a new edit, -1 undo, +1 redo
 * @serial: (out) (optional): the command's serial (a brush stroke's steps share it)
 *
 * Valid only inside a ::changed handler.
 *
 * Returns: (nullable): the undo label of the edit being announced
 */
const char *
_wk_plan_get_change_label (WkPlan *self,
                           int    *direction,
                           guint  *serial)
{
  g_return_val_if_fail (WK_IS_PLAN (self), NULL);
  if (direction != NULL)
    *direction = self->change_direction;
  if (serial != NULL)
    *serial = self->change_serial;
  return self->change_label;
}
