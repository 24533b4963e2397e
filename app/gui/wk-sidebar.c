/* wk-sidebar.c: the areas list, the area's figures and the findings list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wk-area-profile.h"
#include "wk-area-row.h"
#include "wk-finding-row.h"
#include "wk-findings-model.h"
#include "wk-sidebar.h"

struct _WkSidebar
{
  GtkWidget           parent_instance;

  /* template widgets */
  AdwViewStack       *stack;
  AdwViewStackPage   *findings_page;
  GtkLabel           *areas_summary;
  GtkListView        *areas_view;
  WkAreaProfile      *profile;
  GtkStack           *findings_stack;
  GtkListView        *findings_view;
  GtkLabel           *findings_summary;

  /* owned */
  WkChecker          *checker;
  GtkSingleSelection *areas;
  WkFindingsModel    *findings;
  GtkSingleSelection *findings_selection;
};

G_DEFINE_FINAL_TYPE (WkSidebar, wk_sidebar, GTK_TYPE_WIDGET)

enum {
  AREA_ACTIVATED,
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
selected_area (WkSidebar *self)
{
  WkArea *area = self->areas != NULL ? gtk_single_selection_get_selected_item (self->areas) : NULL;

  return area != NULL ? wk_area_get_id (area) : WK_AREA_NONE;
}

static void
update_summaries (WkSidebar *self)
{
  g_autofree char *areas = NULL;
  g_autofree char *units = NULL;
  g_autofree char *text = NULL;
  guint errors = 0, warnings = 0, infos = 0;

  if (self->checker == NULL)
    {
      gtk_label_set_label (self->areas_summary, "");
      adw_view_stack_page_set_badge_number (self->findings_page, 0);
      adw_view_stack_page_set_needs_attention (self->findings_page, FALSE);
      return;
    }
  else
    {
      WkPlan *plan = wk_checker_get_plan (self->checker);
      guint n_areas = wk_plan_get_n_areas (plan);
      guint n_units = wk_dataset_get_n_units (wk_plan_get_dataset (plan));

      areas = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas", n_areas),
                               n_areas);
      units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u unit assigned",
                                            "%u of %u units assigned", n_units),
                               wk_plan_get_n_assigned (plan), n_units);
      text = g_strdup_printf ("%s · %s", areas, units);
      gtk_label_set_label (self->areas_summary, text);
    }

  errors = wk_checker_count (self->checker, WK_SEVERITY_ERROR);
  warnings = wk_checker_count (self->checker, WK_SEVERITY_WARNING);
  infos = wk_checker_count (self->checker, WK_SEVERITY_INFO);
  adw_view_stack_page_set_badge_number (self->findings_page, errors + warnings);
  adw_view_stack_page_set_needs_attention (self->findings_page, errors > 0);
  gtk_stack_set_visible_child_name (self->findings_stack,
                                    errors + warnings + infos > 0 ? "list" : "none");
  g_free (text);
  if (errors + warnings + infos == 0)
    text = g_strdup ("");
  else
    {
      g_autofree char *e = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                                         errors), errors);
      g_autofree char *w = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                         "%u warnings", warnings), warnings);

      text = g_strdup_printf ("%s · %s", e, w);
    }
  gtk_label_set_label (self->findings_summary, text);
}

static void
on_checked_cb (WkSidebar    *self,
               WkPlanChange *change,
               WkChecker    *checker)
{
  update_summaries (self);
}

static void
on_area_selected_cb (WkSidebar          *self,
                     GParamSpec         *pspec,
                     GtkSingleSelection *selection)
{
  wk_area_profile_set_area (self->profile, self->checker, selected_area (self));
}

static void
on_areas_activate_cb (WkSidebar   *self,
                      guint        position,
                      GtkListView *view)
{
  g_autoptr(WkArea) area = NULL;

  if (self->areas == NULL)
    return;
  area = g_list_model_get_item (G_LIST_MODEL (self->areas), position);
  if (area != NULL)
    g_signal_emit (self, signals[AREA_ACTIVATED], 0, wk_area_get_id (area));
}

static void
on_finding_selected_cb (WkSidebar          *self,
                        GParamSpec         *pspec,
                        GtkSingleSelection *selection)
{
  GObject *item = gtk_single_selection_get_selected_item (selection);

  /* NULL when the finding went away with an edit: the mark goes too */
  g_signal_emit (self, signals[FINDING_ACTIVATED], 0, WK_IS_FINDING (item) ? item : NULL);
}

static void
setup_area_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (item, wk_area_row_new ());
}

static void
bind_area_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  wk_area_row_set_area (WK_AREA_ROW (gtk_list_item_get_child (item)),
                        gtk_list_item_get_item (item));
}

static void
unbind_area_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  wk_area_row_set_area (WK_AREA_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
setup_finding_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, wk_finding_row_new ());
}

static void
bind_finding_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GObject *object = gtk_list_item_get_item (item);
  gboolean is_finding = WK_IS_FINDING (object);

  gtk_list_item_set_selectable (item, is_finding);
  gtk_list_item_set_activatable (item, is_finding);
  wk_finding_row_set_item (WK_FINDING_ROW (gtk_list_item_get_child (item)), object);
}

static void
unbind_finding_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  wk_finding_row_set_item (WK_FINDING_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
wk_sidebar_dispose (GObject *object)
{
  WkSidebar *self = WK_SIDEBAR (object);
  GtkWidget *child;

  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);
  if (self->areas != NULL)
    g_signal_handlers_disconnect_by_data (self->areas, self);
  g_clear_object (&self->checker);
  g_clear_object (&self->areas);
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_SIDEBAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->findings_selection);
  g_clear_object (&self->findings);
  G_OBJECT_CLASS (wk_sidebar_parent_class)->dispose (object);
}

static void
wk_sidebar_class_init (WkSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wk_sidebar_dispose;

  /**
   * WkSidebar::area-activated:
   * @area: the area id
   *
   * An area was double-clicked: the window zooms to it.
   */
  signals[AREA_ACTIVATED] =
    g_signal_new ("area-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * WkSidebar::finding-activated:
   * @finding: (nullable): the finding, or %NULL when none is selected
   *
   * A finding was chosen: the map marks its units and zooms to them.
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, WK_TYPE_FINDING);

  g_type_ensure (WK_TYPE_AREA_PROFILE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wijkindeling/Wijkindeling/ui/wk-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, WkSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, WkSidebar, findings_page);
  gtk_widget_class_bind_template_child (widget_class, WkSidebar, areas_summary);
  gtk_widget_class_bind_template_child (widget_class, WkSidebar, areas_view);
  gtk_widget_class_bind_template_child (widget_class, WkSidebar, profile);
  gtk_widget_class_bind_template_child (widget_class, WkSidebar, findings_stack);
  gtk_widget_class_bind_template_child (widget_class, WkSidebar, findings_view);
  gtk_widget_class_bind_template_child (widget_class, WkSidebar, findings_summary);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wk-sidebar");
}

static void
wk_sidebar_init (WkSidebar *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_area_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_area_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_area_cb), NULL);
  gtk_list_view_set_factory (self->areas_view, factory);
  g_object_unref (factory);
  g_signal_connect_swapped (self->areas_view, "activate", G_CALLBACK (on_areas_activate_cb), self);

  self->findings = wk_findings_model_new ();
  self->findings_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->findings)));
  gtk_single_selection_set_autoselect (self->findings_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->findings_selection, TRUE);
  g_signal_connect_swapped (self->findings_selection, "notify::selected-item",
                            G_CALLBACK (on_finding_selected_cb), self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_finding_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_finding_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_finding_cb), NULL);
  gtk_list_view_set_factory (self->findings_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->findings_view, GTK_SELECTION_MODEL (self->findings_selection));
  update_summaries (self);
}

/**
 * wk_sidebar_set_session:
 * @checker: (nullable): the checker of the plan
 * @areas: (nullable): the plan's areas, with the active one selected
 */
void
wk_sidebar_set_session (WkSidebar          *self,
                        WkChecker          *checker,
                        GtkSingleSelection *areas)
{
  g_return_if_fail (WK_IS_SIDEBAR (self));

  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);
  if (self->areas != NULL)
    g_signal_handlers_disconnect_by_data (self->areas, self);
  g_set_object (&self->checker, checker);
  g_set_object (&self->areas, areas);
  if (checker != NULL)
    g_signal_connect_object (checker, "checked", G_CALLBACK (on_checked_cb), self,
                             G_CONNECT_SWAPPED);
  if (areas != NULL)
    g_signal_connect_object (areas, "notify::selected-item", G_CALLBACK (on_area_selected_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->areas_view, GTK_SELECTION_MODEL (areas));
  wk_findings_model_set_checker (self->findings, checker);
  wk_area_profile_set_area (self->profile, checker, selected_area (self));
  update_summaries (self);
}

/**
 * wk_sidebar_get_findings_model:
 *
 * Returns: (transfer none): the findings with their severity headings, as
 *   the list shows them
 */
GListModel *
wk_sidebar_get_findings_model (WkSidebar *self)
{
  g_return_val_if_fail (WK_IS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->findings);
}

/**
 * wk_sidebar_show_page:
 * @name: “areas” or “findings”
 */
void
wk_sidebar_show_page (WkSidebar  *self,
                      const char *name)
{
  g_return_if_fail (WK_IS_SIDEBAR (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
wk_sidebar_get_areas_summary (WkSidebar *self)
{
  g_return_val_if_fail (WK_IS_SIDEBAR (self), NULL);
  return gtk_label_get_label (self->areas_summary);
}
