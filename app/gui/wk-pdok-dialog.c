/* wk-pdok-dialog.c: pick a gemeente and a year to fetch its buurten from PDOK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-pdok-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wk-core-all.h"
#include "wk-pdok-dialog.h"

/* The CBS list of gemeenten that ships with the app, one row each (name,
 * code), narrowed by a search on name or code; the first row that matches
 * is selected, so typing a name and pressing Enter fetches it.  The dialog
 * only asks: Fetch emits ::fetch (code, name, year) and closes, and the
 * window does the work (wk-window-pdok.c). */

struct _WkPdokDialog
{
  AdwWindow       parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *list;
  GtkSpinButton  *year_spin;
  GtkWidget      *fetch_button;

  GPtrArray      *gemeenten;     /* WkGemeente */
  guint           n_visible;
};

G_DEFINE_FINAL_TYPE (WkPdokDialog, wk_pdok_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_FETCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const WkGemeente *
row_gemeente (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "gemeente") : NULL;
}

/* A case- and accent-blind key: “súdwest” finds Súdwest-Fryslân. */
static char *
search_key (const char *text)
{
  g_autofree char *stripped = g_str_to_ascii (text, "C");

  return g_ascii_strdown (stripped, -1);
}

static gboolean
matches (const WkGemeente *g,
         const char       *key)
{
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;

  if (*key == '\0')
    return TRUE;
  name = search_key (g->name);
  code = g_ascii_strdown (g->code, -1);
  return strstr (name, key) != NULL || strstr (code, key) != NULL;
}

static void
update_fetch_button (WkPdokDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  gtk_widget_set_sensitive (self->fetch_button,
                            row != NULL && gtk_widget_get_visible (GTK_WIDGET (row)));
}

static void
on_search_changed_cb (WkPdokDialog   *self,
                      GtkSearchEntry *entry)
{
  g_autofree char *key = search_key (gtk_editable_get_text (GTK_EDITABLE (entry)));
  GtkListBoxRow *first = NULL;
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);

  g_strstrip (key);

  self->n_visible = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean visible;

      if (!GTK_IS_LIST_BOX_ROW (child))
        continue;
      visible = matches (row_gemeente (GTK_LIST_BOX_ROW (child)), key);
      gtk_widget_set_visible (child, visible);
      if (visible && first == NULL)
        first = GTK_LIST_BOX_ROW (child);
      self->n_visible += visible;
    }
  if (*key != '\0' && (selected == NULL || !gtk_widget_get_visible (GTK_WIDGET (selected))))
    gtk_list_box_select_row (self->list, first);
  update_fetch_button (self);
}

static void
fetch (WkPdokDialog *self)
{
  const WkGemeente *g = row_gemeente (gtk_list_box_get_selected_row (self->list));

  if (g == NULL || !gtk_widget_get_sensitive (self->fetch_button))
    return;
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_FETCH], 0, g->code, g->name, wk_pdok_dialog_get_year (self));
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
on_fetch_clicked_cb (WkPdokDialog *self)
{
  fetch (self);
}

static void
on_search_activate_cb (WkPdokDialog *self)
{
  fetch (self);
}

static void
on_row_selected_cb (WkPdokDialog  *self,
                    GtkListBoxRow *row)
{
  update_fetch_button (self);
}

static void
on_row_activated_cb (WkPdokDialog  *self,
                     GtkListBoxRow *row)
{
  gtk_list_box_select_row (self->list, row);
  fetch (self);
}

static void
wk_pdok_dialog_finalize (GObject *object)
{
  WkPdokDialog *self = WK_PDOK_DIALOG (object);

  g_clear_pointer (&self->gemeenten, g_ptr_array_unref);
  G_OBJECT_CLASS (wk_pdok_dialog_parent_class)->finalize (object);
}

static void
wk_pdok_dialog_class_init (WkPdokDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = wk_pdok_dialog_finalize;

  /**
   * WkPdokDialog::fetch:
   * @code: the CBS code of the gemeente (GMxxxx)
   * @name: its name
   * @year: the year of CBS Wijken en Buurten
   *
   * The user asked to fetch; the dialog closes after it.
   */
  signals[SIGNAL_FETCH] = g_signal_new ("fetch", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 3,
                                        G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/wijkindeling/Wijkindeling/ui/wk-pdok-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WkPdokDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WkPdokDialog, list);
  gtk_widget_class_bind_template_child (widget_class, WkPdokDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, WkPdokDialog, fetch_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_fetch_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wk_pdok_dialog_init (WkPdokDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_spin_button_set_value (self->year_spin, WK_PDOK_DEFAULT_YEAR);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  const WkGemeente *ga = *(const WkGemeente **) a;
  const WkGemeente *gb = *(const WkGemeente **) b;

  return g_utf8_collate (ga->name, gb->name);
}

/**
 * wk_pdok_dialog_new:
 * @parent: the window it belongs to
 *
 * Returns: (transfer full) (nullable): the dialog, or %NULL with @error set
 *   when the list of gemeenten cannot be read
 */
WkPdokDialog *
wk_pdok_dialog_new (GtkWindow  *parent,
                    GError    **error)
{
  g_autoptr(GPtrArray) gemeenten = wk_gemeenten_load (NULL, error);
  WkPdokDialog *self;

  if (gemeenten == NULL)
    return NULL;
  g_ptr_array_sort (gemeenten, compare_by_name);
  self = g_object_new (WK_TYPE_PDOK_DIALOG, "transient-for", parent, NULL);
  self->gemeenten = g_steal_pointer (&gemeenten);
  for (guint i = 0; i < self->gemeenten->len; i++)
    {
      const WkGemeente *g = g_ptr_array_index (self->gemeenten, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g->code);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "gemeente", (gpointer) g);
      gtk_list_box_append (self->list, row);
    }
  self->n_visible = self->gemeenten->len;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

/* wk_pdok_dialog_set_search: types @text in the search, and narrows the
 * list at once rather than after the entry's pause for typing (for tests) */
void
wk_pdok_dialog_set_search (WkPdokDialog *self,
                           const char   *text)
{
  g_return_if_fail (WK_IS_PDOK_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed_cb (self, self->search_entry);
}

/* Returns: (nullable): the code of the selected gemeente */
const char *
wk_pdok_dialog_get_selected (WkPdokDialog *self)
{
  const WkGemeente *g;

  g_return_val_if_fail (WK_IS_PDOK_DIALOG (self), NULL);
  g = row_gemeente (gtk_list_box_get_selected_row (self->list));
  return g ? g->code : NULL;
}

/* Returns: how many gemeenten the search leaves */
guint
wk_pdok_dialog_get_n_visible (WkPdokDialog *self)
{
  g_return_val_if_fail (WK_IS_PDOK_DIALOG (self), 0);
  return self->n_visible;
}

int
wk_pdok_dialog_get_year (WkPdokDialog *self)
{
  g_return_val_if_fail (WK_IS_PDOK_DIALOG (self), 0);
  return gtk_spin_button_get_value_as_int (self->year_spin);
}

GtkWidget *
wk_pdok_dialog_get_fetch_button (WkPdokDialog *self)
{
  g_return_val_if_fail (WK_IS_PDOK_DIALOG (self), NULL);
  return self->fetch_button;
}
