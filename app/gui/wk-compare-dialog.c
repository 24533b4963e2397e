/* wk-compare-dialog.c: the active plan against another plan of the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-compare-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-compare-dialog.h"
#include "wk-map-view.h"

/* What changes from a chosen plan (A) to the plan being edited (B): the
 * units that moved, the areas whose population or size changed, and the
 * findings that appear, disappear or say something else (WkComparison).
 * The moved units can be marked on the window's map. */

struct _WkCompareDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  AdwPreferencesGroup *notes_group;
  AdwComboRow    *other_row;
  GtkLabel       *summary_label;
  GtkWidget      *show_button;
  GtkListBox     *moves_list;
  GtkListBox     *areas_list;
  GtkListBox     *findings_list;

  /* owned */
  WkWindow       *window;
  GtkStringList  *others;
  WkChecker      *checker_a;
  WkComparison   *comparison;
  guint           n_notes;
};

G_DEFINE_FINAL_TYPE (WkCompareDialog, wk_compare_dialog, ADW_TYPE_WINDOW)

/* Rows are “title\x1fsubtitle” strings in a GtkStringList. */
#define SEP "\x1f"

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  const char *text = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  g_auto(GStrv) parts = g_strsplit (text, SEP, 2);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), parts[0]);
  if (parts[0] != NULL && parts[1] != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), parts[1]);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
set_rows (GtkListBox    *list,
          GtkStringList *rows)
{
  gtk_list_box_bind_model (list, G_LIST_MODEL (rows), create_row_cb, NULL, NULL);
}

static void
add_row (GtkStringList *rows,
         const char    *title,
         const char    *subtitle)
{
  g_autofree char *text = g_strconcat (title, SEP, subtitle, NULL);

  gtk_string_list_append (rows, text);
}

static GtkWidget *
placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  return label;
}

static const char *
area_name (WkPlan *plan,
           guint   id)
{
  WkArea *area = id != WK_AREA_NONE ? wk_plan_get_area (plan, id) : NULL;

  return area != NULL ? wk_area_get_name (area) : _("no area");
}

static void
fill_moves (WkCompareDialog *self,
            WkPlan          *a,
            WkPlan          *b)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  WkDataset *dataset = wk_plan_get_dataset (b);
  const WkUnitMove *moves;
  guint n = 0;

  moves = wk_comparison_get_moves (self->comparison, &n);
  for (guint i = 0; i < n; i++)
    {
      const WkUnit *unit = wk_dataset_get_unit (dataset, moves[i].unit);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      title = unit->name != NULL && *unit->name ? g_strdup_printf ("%s (%s)", unit->name, unit->code)
                                                : g_strdup (unit->code);
      subtitle = g_strdup_printf ("%s → %s", area_name (a, moves[i].area_a),
                                  area_name (b, moves[i].area_b));
      add_row (rows, title, subtitle);
    }
  set_rows (self->moves_list, rows);
}

static void
fill_areas (WkCompareDialog *self,
            WkPlan          *a,
            WkPlan          *b)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  const WkAreaDelta *areas;
  guint n = 0;

  areas = wk_comparison_get_areas (self->comparison, &n);
  for (guint i = 0; i < n; i++)
    {
      const WkAreaDelta *d = &areas[i];
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *pop_a = NULL;
      g_autofree char *pop_b = NULL;

      if (d->name_a != NULL && d->name_b != NULL && d->population_a == d->population_b &&
          d->n_units_a == d->n_units_b && g_strcmp0 (d->name_a, d->name_b) == 0)
        continue;
      pop_a = wk_format_count (d->population_a);
      pop_b = wk_format_count (d->population_b);
      if (d->name_a == NULL)
        {
          title = g_strdup (d->name_b);
          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "New: %s inhabitants in %u unit",
                                                   "New: %s inhabitants in %u units",
                                                   d->n_units_b),
                                      pop_b, d->n_units_b);
        }
      else if (d->name_b == NULL)
        {
          title = g_strdup (d->name_a);
          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Gone: had %s inhabitants in %u unit",
                                                   "Gone: had %s inhabitants in %u units",
                                                   d->n_units_a),
                                      pop_a, d->n_units_a);
        }
      else
        {
          g_autofree char *change = wk_format_change (d->population_b - d->population_a);

          title = g_strcmp0 (d->name_a, d->name_b) == 0 ? g_strdup (d->name_b)
                                                         : g_strdup_printf ("%s → %s", d->name_a,
                                                                            d->name_b);
          /* Translators: inhabitants before → after (change), then units before → after */
          subtitle = g_strdup_printf (_("%s → %s inhabitants (%s), %u → %u units"),
                                      pop_a, pop_b, change, d->n_units_a, d->n_units_b);
        }
      add_row (rows, title, subtitle);
    }
  set_rows (self->areas_list, rows);
}

static void
fill_findings (WkCompareDialog *self)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  const WkFindingDelta *findings;
  guint n = 0;

  findings = wk_comparison_get_findings (self->comparison, &n);
  for (guint i = 0; i < n; i++)
    {
      const WkFindingDelta *d = &findings[i];
      g_autofree char *subtitle = NULL;
      WkFinding *shown = d->b != NULL ? d->b : d->a;

      switch (d->change)
        {
        case WK_FINDING_APPEARED:
          subtitle = g_strdup_printf (_("Appears — %s"), wk_finding_get_criterion_label (shown));
          break;
        case WK_FINDING_DISAPPEARED:
          subtitle = g_strdup_printf (_("Disappears — %s"),
                                      wk_finding_get_criterion_label (shown));
          break;
        case WK_FINDING_CHANGED:
        default:
          subtitle = g_strdup_printf (_("Changes; it said: %s"), wk_finding_get_message (d->a));
          break;
        }
      add_row (rows, wk_finding_get_message (shown), subtitle);
    }
  set_rows (self->findings_list, rows);
}

static void
update (WkCompareDialog *self)
{
  WkProject *project = wk_window_get_project (self->window);
  WkPlan *b = wk_window_get_plan (self->window);
  GtkStringObject *item = adw_combo_row_get_selected_item (self->other_row);
  g_autofree char *summary = NULL;
  g_autofree char *subtitle = NULL;
  WkPlan *a;
  guint n_moves = 0;

  g_clear_object (&self->comparison);
  g_clear_object (&self->checker_a);
  a = item != NULL && project != NULL
      ? wk_project_find_plan (project, gtk_string_object_get_string (item)) : NULL;
  if (a == NULL || b == NULL)
    return;

  self->checker_a = wk_checker_new (a, wk_project_get_profile (project));
  self->comparison = wk_comparison_new (self->checker_a, wk_window_get_checker (self->window));
  wk_comparison_get_moves (self->comparison, &n_moves);

  subtitle = g_strdup_printf (_("“%s” → “%s”"), wk_plan_get_name (a), wk_plan_get_name (b));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u unit moved. Findings: %u appear, %u disappear, "
                                          "%u change, %u stay the same.",
                                          "%u units moved. Findings: %u appear, %u disappear, "
                                          "%u change, %u stay the same.", n_moves),
                             n_moves,
                             wk_comparison_count_findings (self->comparison, WK_FINDING_APPEARED),
                             wk_comparison_count_findings (self->comparison,
                                                           WK_FINDING_DISAPPEARED),
                             wk_comparison_count_findings (self->comparison, WK_FINDING_CHANGED),
                             wk_comparison_get_n_same_findings (self->comparison));
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.show-moved", n_moves > 0);

  fill_moves (self, a, b);
  fill_areas (self, a, b);
  fill_findings (self);
}

static void
on_other_selected_cb (WkCompareDialog *self,
                      GParamSpec      *pspec,
                      AdwComboRow     *row)
{
  update (self);
}

static void
show_moved_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WkCompareDialog *self = WK_COMPARE_DIALOG (widget);
  g_autoptr(WkFinding) mark = NULL;
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (guint));
  const WkUnitMove *moves;
  guint n = 0;

  if (self->comparison == NULL)
    return;
  moves = wk_comparison_get_moves (self->comparison, &n);
  for (guint i = 0; i < n; i++)
    g_array_append_val (units, moves[i].unit);
  /* the map marks a finding's units: a finding made for the occasion */
  mark = wk_finding_new ("comparison", 0, WK_SEVERITY_INFO, n, 0, _("Units that moved"));
  wk_finding_add_units (mark, (const guint *) units->data, units->len);
  wk_finding_seal (mark);
  wk_map_view_show_finding (wk_window_get_map_view (self->window), mark);
  gtk_window_close (GTK_WINDOW (self));
}

static void
wk_compare_dialog_dispose (GObject *object)
{
  WkCompareDialog *self = WK_COMPARE_DIALOG (object);

  g_clear_object (&self->comparison);
  g_clear_object (&self->checker_a);
  g_clear_object (&self->others);
  g_clear_object (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_COMPARE_DIALOG);
  G_OBJECT_CLASS (wk_compare_dialog_parent_class)->dispose (object);
}

static void
wk_compare_dialog_class_init (WkCompareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wk_compare_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/wijkindeling/Wijkindeling/ui/wk-compare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WkCompareDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, WkCompareDialog, notes_group);
  gtk_widget_class_bind_template_child (widget_class, WkCompareDialog, other_row);
  gtk_widget_class_bind_template_child (widget_class, WkCompareDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WkCompareDialog, show_button);
  gtk_widget_class_bind_template_child (widget_class, WkCompareDialog, moves_list);
  gtk_widget_class_bind_template_child (widget_class, WkCompareDialog, areas_list);
  gtk_widget_class_bind_template_child (widget_class, WkCompareDialog, findings_list);
  gtk_widget_class_install_action (widget_class, "compare.show-moved", NULL, show_moved_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wk_compare_dialog_init (WkCompareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_placeholder (self->moves_list, placeholder (_("No unit moved")));
  gtk_list_box_set_placeholder (self->areas_list, placeholder (_("No area changed")));
  gtk_list_box_set_placeholder (self->findings_list, placeholder (_("The same findings")));
}

/**
 * wk_compare_dialog_new:
 * @window: the window whose active plan is compared; its project holds
 *   at least two plans
 *
 * Returns: (transfer full): a dialog comparing the active plan with the
 *   plan before it (or after it) in the project
 */
WkCompareDialog *
wk_compare_dialog_new (WkWindow *window)
{
  WkCompareDialog *self;
  GListModel *plans;
  WkPlan *active;

  g_return_val_if_fail (WK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (wk_window_get_project (window) != NULL, NULL);

  self = g_object_new (WK_TYPE_COMPARE_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  self->others = gtk_string_list_new (NULL);
  plans = wk_project_get_plans (wk_window_get_project (window));
  active = wk_window_get_plan (window);
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(WkPlan) plan = g_list_model_get_item (plans, i);

      if (plan != active)
        gtk_string_list_append (self->others, wk_plan_get_name (plan));
    }
  adw_combo_row_set_expression (self->other_row,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  adw_combo_row_set_model (self->other_row, G_LIST_MODEL (self->others));
  g_signal_connect_object (self->other_row, "notify::selected",
                           G_CALLBACK (on_other_selected_cb), self, G_CONNECT_SWAPPED);
  update (self);
  return self;
}

/**
 * wk_compare_dialog_set_other:
 * @plan_name: the plan to compare the active plan with
 *
 * Returns: whether the project has a plan of that name (besides the active)
 */
gboolean
wk_compare_dialog_set_other (WkCompareDialog *self,
                             const char      *plan_name)
{
  GListModel *model;

  g_return_val_if_fail (WK_IS_COMPARE_DIALOG (self), FALSE);
  model = G_LIST_MODEL (self->others);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->others, i), plan_name) == 0)
      {
        adw_combo_row_set_selected (self->other_row, i);
        return TRUE;
      }
  return FALSE;
}

/**
 * wk_compare_dialog_add_notes:
 * @title: the heading of the notes, e.g. why a proposal breaks rules
 * @notes: (element-type utf8): one row each, in this order
 *
 * Shows @notes above the comparison (the dialog opens after a proposal).
 */
void
wk_compare_dialog_add_notes (WkCompareDialog *self,
                             const char      *title,
                             GPtrArray       *notes)
{
  g_return_if_fail (WK_IS_COMPARE_DIALOG (self));
  g_return_if_fail (notes != NULL);

  if (notes->len == 0)
    return;
  adw_preferences_group_set_title (self->notes_group, title);
  for (guint i = 0; i < notes->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (notes, i));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->notes_group, row);
      self->n_notes++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), TRUE);
}

/**
 * wk_compare_dialog_get_n_notes:
 *
 * Returns: how many notes wk_compare_dialog_add_notes() shows (for tests)
 */
guint
wk_compare_dialog_get_n_notes (WkCompareDialog *self)
{
  g_return_val_if_fail (WK_IS_COMPARE_DIALOG (self), 0);
  return self->n_notes;
}

/**
 * wk_compare_dialog_get_comparison:
 *
 * Returns: (transfer none) (nullable): what the dialog shows
 */
WkComparison *
wk_compare_dialog_get_comparison (WkCompareDialog *self)
{
  g_return_val_if_fail (WK_IS_COMPARE_DIALOG (self), NULL);
  return self->comparison;
}

/**
 * wk_compare_dialog_get_list:
 * @name: "moves", "areas" or "findings"
 *
 * Returns: (transfer none): that list, for tests
 */
GtkListBox *
wk_compare_dialog_get_list (WkCompareDialog *self,
                            const char      *name)
{
  g_return_val_if_fail (WK_IS_COMPARE_DIALOG (self), NULL);
  if (g_strcmp0 (name, "moves") == 0)
    return self->moves_list;
  if (g_strcmp0 (name, "areas") == 0)
    return self->areas_list;
  return self->findings_list;
}
