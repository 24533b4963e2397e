/* wk-area-profile.c: the figures of one area (the “wijkfoto”)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-area-profile"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "wk-area-profile.h"

/* Inhabitants, 65+, size, providers by kind, shape, and the unit fields
 * summed or averaged over the area, as the checker keeps them; refreshed
 * after each check that touched the area. */

struct _WkAreaProfile
{
  GtkWidget   parent_instance;

  /* template widgets */
  GtkStack   *stack;
  GtkLabel   *title_label;
  GtkLabel   *note_label;
  GtkLabel   *population_value;
  GtkLabel   *pop65_value;
  GtkLabel   *area_value;
  GtkLabel   *units_value;
  GtkLabel   *gp_value;
  GtkLabel   *pharmacy_value;
  GtkLabel   *nursing_value;
  GtkLabel   *social_value;
  GtkLabel   *compactness_value;
  GtkLabel   *parts_value;
  GtkLabel   *municipalities_value;
  GtkListBox *fields_list;
  GtkWidget  *fields_heading;

  /* owned */
  WkChecker  *checker;
  guint       area;
};

G_DEFINE_FINAL_TYPE (WkAreaProfile, wk_area_profile, GTK_TYPE_WIDGET)

static void
set_label (GtkLabel   *label,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
set_label (GtkLabel   *label,
           const char *format,
           ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  gtk_label_set_label (label, text);
}

static void
clear_fields (WkAreaProfile *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_list))) != NULL)
    gtk_list_box_remove (self->fields_list, child);
}

static void
refresh (WkAreaProfile *self)
{
  const WkAreaStats *stats = NULL;
  WkArea *area = NULL;
  g_autoptr(GArray) fields = NULL;
  g_autofree char *population = NULL;
  g_autofree char *pop65 = NULL;
  g_autofree char *share = NULL;
  g_autofree char *km2 = NULL;
  const char *note;

  if (self->checker != NULL && self->area != WK_AREA_NONE)
    {
      area = wk_plan_get_area (wk_checker_get_plan (self->checker), self->area);
      stats = area != NULL ? wk_checker_get_area_stats (self->checker, self->area) : NULL;
    }
  clear_fields (self);
  if (stats == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "profile");

  gtk_label_set_label (self->title_label, wk_area_get_name (area));
  note = wk_area_get_note (area);
  gtk_label_set_label (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && *note != '\0');

  population = wk_format_count (stats->population);
  gtk_label_set_label (self->population_value, population);
  pop65 = wk_format_count (llround (stats->pop65));
  share = wk_format_decimal (100.0 * stats->pop65 / stats->population, 0);
  if (!stats->has_pop65)
    gtk_label_set_label (self->pop65_value, _("unknown"));
  else if (stats->population > 0)
    /* Translators: inhabitants aged 65+, then their share of all, e.g. “3,420 (21 %)” */
    set_label (self->pop65_value, _("%s (%s %%)"), pop65, share);
  else
    gtk_label_set_label (self->pop65_value, pop65);
  km2 = wk_format_decimal (stats->area_m2 / 1e6, stats->area_m2 >= 1e7 ? 0 : 1);
  gtk_label_set_label (self->area_value, km2);
  set_label (self->units_value, "%u", stats->n_units);

  if (!isnan (stats->gp_fte) && stats->gp_fte > 0)
    set_label (self->gp_value, _("%u · %.1f FTE"), stats->n_providers[WK_PROVIDER_GP],
               stats->gp_fte);
  else
    set_label (self->gp_value, "%u", stats->n_providers[WK_PROVIDER_GP]);
  if (stats->n_dispensing > 0)
    set_label (self->pharmacy_value, _("%u + %u dispensing GP"),
               stats->n_providers[WK_PROVIDER_PHARMACY], stats->n_dispensing);
  else
    set_label (self->pharmacy_value, "%u", stats->n_providers[WK_PROVIDER_PHARMACY]);
  set_label (self->nursing_value, "%u", stats->n_providers[WK_PROVIDER_NURSING]);
  set_label (self->social_value, "%u", stats->n_providers[WK_PROVIDER_SOCIAL]);

  set_label (self->compactness_value, "%.2f", stats->compactness);
  if (stats->n_parts <= 1)
    gtk_label_set_label (self->parts_value, _("One piece"));
  else
    set_label (self->parts_value,
               g_dngettext (GETTEXT_PACKAGE, "%u part", "%u parts", stats->n_parts),
               stats->n_parts);
  set_label (self->municipalities_value, "%u", stats->n_municipalities);

  fields = wk_checker_dup_area_fields (self->checker, self->area);
  gtk_widget_set_visible (self->fields_heading, fields != NULL && fields->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_list), fields != NULL && fields->len > 0);
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const WkFieldAggregate *f = &g_array_index (fields, WkFieldAggregate, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (NULL);
      g_autofree char *text = NULL;

      if (isnan (f->value))
        text = g_strdup (_("unknown"));
      else if (f->is_mean)
        text = g_strdup_printf (_("%.1f (mean)"), f->value);
      else
        text = wk_format_decimal (f->value, 0);
      gtk_label_set_label (GTK_LABEL (value), text);
      gtk_widget_add_css_class (value, "numeric");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->name);
      if (f->n_unknown > 0)
        {
          g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                    "%u unit without a value",
                                                                    "%u units without a value",
                                                                    f->n_unknown),
                                                       f->n_unknown);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_append (self->fields_list, row);
    }
}

static void
on_checked_cb (WkAreaProfile *self,
               WkPlanChange  *change,
               WkChecker     *checker)
{
  if (change != NULL && !(change->flags & WK_CHANGE_AREA_PROPS))
    {
      gboolean touched = FALSE;

      for (guint i = 0; i < change->areas->len && !touched; i++)
        touched = g_array_index (change->areas, guint, i) == self->area;
      if (!touched)
        return;
    }
  refresh (self);
}

static void
wk_area_profile_dispose (GObject *object)
{
  WkAreaProfile *self = WK_AREA_PROFILE (object);
  GtkWidget *child;

  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);
  g_clear_object (&self->checker);
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_AREA_PROFILE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wk_area_profile_parent_class)->dispose (object);
}

static void
wk_area_profile_class_init (WkAreaProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wk_area_profile_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wijkindeling/Wijkindeling/ui/wk-area-profile.ui");
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, stack);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, title_label);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, note_label);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, population_value);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, pop65_value);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, area_value);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, units_value);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, gp_value);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, pharmacy_value);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, nursing_value);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, social_value);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, compactness_value);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, parts_value);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, municipalities_value);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, fields_list);
  gtk_widget_class_bind_template_child (widget_class, WkAreaProfile, fields_heading);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wk-area-profile");
}

static void
wk_area_profile_init (WkAreaProfile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->area = WK_AREA_NONE;
}

/**
 * wk_area_profile_set_area:
 * @checker: (nullable): the checker that keeps the figures
 * @area: the area to show, or %WK_AREA_NONE
 */
void
wk_area_profile_set_area (WkAreaProfile *self,
                          WkChecker     *checker,
                          guint          area)
{
  g_return_if_fail (WK_IS_AREA_PROFILE (self));

  if (self->checker != checker)
    {
      if (self->checker != NULL)
        g_signal_handlers_disconnect_by_data (self->checker, self);
      g_set_object (&self->checker, checker);
      if (checker != NULL)
        g_signal_connect_object (checker, "checked", G_CALLBACK (on_checked_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  self->area = area;
  refresh (self);
}

/**
 * wk_area_profile_get_population:
 *
 * Returns: the inhabitants shown
 */
const char *
wk_area_profile_get_population (WkAreaProfile *self)
{
  g_return_val_if_fail (WK_IS_AREA_PROFILE (self), NULL);
  return gtk_label_get_label (self->population_value);
}

/**
 * wk_area_profile_get_pop65:
 *
 * Returns: the inhabitants aged 65+ shown, or the word for unknown
 */
const char *
wk_area_profile_get_pop65 (WkAreaProfile *self)
{
  g_return_val_if_fail (WK_IS_AREA_PROFILE (self), NULL);
  return gtk_label_get_label (self->pop65_value);
}
