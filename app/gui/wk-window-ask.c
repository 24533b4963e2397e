/* wk-window-ask.c: the window's questions: rename, note, confirm
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wk-window-internal.h"

/* Every question about an area or a plan is a message dialog with Cancel
 * and one verb ("apply"), the verb the default: a name in an entry (the
 * verb only while the name is not blank), a note in a text view, or a plain
 * confirmation with an optional extra widget (a drop-down). */

typedef struct
{
  WkWindow           *window;
  GtkWidget          *editor;
  WkWindowAnswerFunc  func;
  gpointer            user_data;
  GDestroyNotify      destroy;
} Question;

static void
question_free (Question *question)
{
  if (question->destroy != NULL)
    question->destroy (question->user_data);
  g_object_unref (question->window);
  g_free (question);
}

/* Callbacks */

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Question         *question)
{
  if (g_strcmp0 (response, "apply") == 0)
    question->func (question->window, question->editor, question->user_data);
  question_free (question);
}

static void
on_name_changed_cb (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "apply", *text != '\0');
}

/* Private */

/**
 * _wk_window_ask:
 * @body: (nullable): the text under the heading
 * @editor: (nullable): the extra widget, handed to @func
 * @verb: the label of the "apply" response, as _("_Delete")
 * @func: runs if the user applies; @user_data is freed with @destroy
 *   whatever the answer
 *
 * Returns: (transfer none): the dialog, presented
 */
AdwMessageDialog *
_wk_window_ask (WkWindow              *self,
                const char            *heading,
                const char            *body,
                GtkWidget             *editor,
                const char            *verb,
                AdwResponseAppearance  appearance,
                WkWindowAnswerFunc     func,
                gpointer               user_data,
                GDestroyNotify         destroy)
{
  AdwMessageDialog *dialog;
  Question *question = g_new0 (Question, 1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  if (editor != NULL)
    adw_message_dialog_set_extra_child (dialog, editor);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", verb, NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", appearance);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  question->window = g_object_ref (self);
  question->editor = editor;
  question->func = func;
  question->user_data = user_data;
  question->destroy = destroy;
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), question);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * _wk_window_ask_name:
 * @name: the name as it is
 *
 * Asks for a new name in an entry (the dialog's extra child); @func gets
 * the entry, its text as typed.
 */
void
_wk_window_ask_name (WkWindow           *self,
                     const char         *heading,
                     const char         *name,
                     WkWindowAnswerFunc  func,
                     gpointer            user_data,
                     GDestroyNotify      destroy)
{
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  gtk_editable_set_text (GTK_EDITABLE (entry), name != NULL ? name : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  dialog = _wk_window_ask (self, heading, NULL, entry, _("_Rename"), ADW_RESPONSE_SUGGESTED,
                           func, user_data, destroy);
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed_cb), dialog);
}

/**
 * _wk_window_ask_note:
 * @body: (nullable): what the note is for
 * @note: (nullable): the note as it is
 * @verb: the label of the "apply" response
 *
 * Asks for a note in a text view, in a scrolled card (the dialog's extra
 * child, the view as its "view" data); @func gets the card: read it with
 * _wk_window_dup_note().
 */
void
_wk_window_ask_note (WkWindow           *self,
                     const char         *heading,
                     const char         *body,
                     const char         *note,
                     const char         *verb,
                     WkWindowAnswerFunc  func,
                     gpointer            user_data,
                     GDestroyNotify      destroy)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            note != NULL ? note : "", -1);
  gtk_widget_add_css_class (view, "note-editor");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_widget_add_css_class (scrolled, "card");
  g_object_set_data (G_OBJECT (scrolled), "view", view);
  _wk_window_ask (self, heading, body, scrolled, verb, ADW_RESPONSE_SUGGESTED,
                  func, user_data, destroy);
}

/**
 * _wk_window_dup_note:
 * @editor: what _wk_window_ask_note() handed its func
 *
 * Returns: (transfer full): the note typed
 */
char *
_wk_window_dup_note (GtkWidget *editor)
{
  GtkWidget *view = g_object_get_data (G_OBJECT (editor), "view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
