/* wk-shared-dialog.c: the connection to a shared project in PostgreSQL/PostGIS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-shared-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "wk-shared-dialog.h"

/* Host, port, database, user and schema, and a password.  The password is
 * looked up in the keyring (libsecret, keyed by host, port, database and
 * user) when the field is left empty, and stored there when it is typed;
 * without a keyring (no session bus) it is only used for this connection,
 * or libpq's ~/.pgpass and PGPASSWORD give it.  It is never written into
 * the project, a log or the recent files: Open emits ::open with the
 * connection string, and the window keeps that in memory only. */

struct _WkSharedDialog
{
  AdwWindow     parent_instance;

  AdwEntryRow  *host_row;
  AdwEntryRow  *port_row;
  AdwEntryRow  *database_row;
  AdwEntryRow  *user_row;
  AdwEntryRow  *password_row;
  AdwEntryRow  *schema_row;
  GtkWidget    *open_button;

  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (WkSharedDialog, wk_shared_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    "io.github.wijkindeling.Wijkindeling.Postgres", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

/* Without a session bus there is no keyring; asking would start one. */
static gboolean
has_keyring (void)
{
  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/**
 * wk_conninfo_quote:
 *
 * Returns: @value as a libpq connection string value: quoted, with “'”
 *   and “\” escaped
 */
char *
wk_conninfo_quote (const char *value)
{
  GString *quoted = g_string_new ("'");

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '\'');
  return g_string_free (quoted, FALSE);
}

/**
 * wk_conninfo_get:
 * @connection: “PG:key=value …” or “key=value …”, values plain or quoted
 *
 * Returns: (nullable): the value of @key
 */
char *
wk_conninfo_get (const char *connection,
                 const char *key)
{
  const char *p = g_str_has_prefix (connection, "PG:") ? connection + 3 : connection;
  size_t key_len = strlen (key);

  while (*p != '\0')
    {
      g_autoptr(GString) value = g_string_new (NULL);
      const char *start;

      while (g_ascii_isspace (*p))
        p++;
      start = p;
      while (*p != '\0' && *p != '=' && !g_ascii_isspace (*p))
        p++;
      if (*p != '=')
        return NULL;
      if ((size_t) (p - start) != key_len || strncmp (start, key, key_len) != 0)
        start = NULL;
      p++;
      if (*p == '\'')
        {
          for (p++; *p != '\0' && *p != '\''; p++)
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (value, *p);
            }
          if (*p == '\'')
            p++;
        }
      else
        while (*p != '\0' && !g_ascii_isspace (*p))
          g_string_append_c (value, *p++);
      if (start != NULL)
        return g_string_free (g_steal_pointer (&value), FALSE);
    }
  return NULL;
}

static void
update_sensitive (WkSharedDialog *self)
{
  gtk_widget_set_sensitive (self->open_button,
                            self->cancellable == NULL && *row_text (self->host_row) != '\0' &&
                            *row_text (self->database_row) != '\0' &&
                            *row_text (self->schema_row) != '\0');
}

static void
on_changed_cb (WkSharedDialog *self)
{
  update_sensitive (self);
}

/* Emits ::open with the connection (and @password, which may be NULL) and
 * closes. */
static void
open_with (WkSharedDialog *self,
           const char     *password)
{
  g_autoptr(GString) conn = g_string_new ("PG:");
  struct { const char *key; AdwEntryRow *row; } fields[] = {
    { "host", self->host_row }, { "port", self->port_row },
    { "dbname", self->database_row }, { "user", self->user_row },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = NULL;

      if (*row_text (fields[i].row) == '\0')
        continue;
      value = wk_conninfo_quote (row_text (fields[i].row));
      g_string_append_printf (conn, "%s%s=%s", i > 0 ? " " : "", fields[i].key, value);
    }
  if (password != NULL && *password != '\0')
    {
      g_autofree char *value = wk_conninfo_quote (password);

      g_string_append_printf (conn, " password=%s", value);
    }
  g_signal_emit (self, signals[SIGNAL_OPEN], 0, conn->str, row_text (self->schema_row));
  /* the string held a password: wipe it */
  memset (conn->str, 0, conn->len);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WkSharedDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_debug ("no keyring: %s", error->message);
  g_clear_object (&self->cancellable);
  open_with (self, password);
  secret_password_free (password);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_debug ("the password was not kept in the keyring: %s", error->message);
}

static void
on_open_clicked_cb (WkSharedDialog *self)
{
  const char *password = row_text (self->password_row);
  const char *port = *row_text (self->port_row) ? row_text (self->port_row) : "5432";

  if (*password != '\0')
    {
      if (has_keyring ())
        {
          g_autofree char *label = g_strdup_printf (_("Wijkindeling: %s@%s/%s"),
                                                    row_text (self->user_row),
                                                    row_text (self->host_row),
                                                    row_text (self->database_row));

          secret_password_store (password_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                 NULL, store_cb, NULL,
                                 "host", row_text (self->host_row), "port", port,
                                 "database", row_text (self->database_row),
                                 "user", row_text (self->user_row), NULL);
        }
      open_with (self, password);
      return;
    }
  if (!has_keyring ())
    {
      open_with (self, NULL);
      return;
    }
  self->cancellable = g_cancellable_new ();
  update_sensitive (self);
  secret_password_lookup (password_schema (), self->cancellable, lookup_cb, g_object_ref (self),
                          "host", row_text (self->host_row), "port", port,
                          "database", row_text (self->database_row),
                          "user", row_text (self->user_row), NULL);
}

static void
wk_shared_dialog_dispose (GObject *object)
{
  WkSharedDialog *self = WK_SHARED_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WK_TYPE_SHARED_DIALOG);
  G_OBJECT_CLASS (wk_shared_dialog_parent_class)->dispose (object);
}

static void
wk_shared_dialog_class_init (WkSharedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wk_shared_dialog_dispose;

  /**
   * WkSharedDialog::open:
   * @connection: “PG:host=… dbname=…”, with the password if there is one
   * @schema: the project's schema
   */
  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wijkindeling/Wijkindeling/ui/"
                                               "wk-shared-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WkSharedDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, WkSharedDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, WkSharedDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, WkSharedDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, WkSharedDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, WkSharedDialog, schema_row);
  gtk_widget_class_bind_template_child (widget_class, WkSharedDialog, open_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);
}

static void
wk_shared_dialog_init (WkSharedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), g_get_user_name ());
}

/**
 * wk_shared_dialog_new:
 *
 * Returns: (transfer full): the dialog, modal on @parent
 */
WkSharedDialog *
wk_shared_dialog_new (GtkWindow *parent)
{
  return g_object_new (WK_TYPE_SHARED_DIALOG, "transient-for", parent, NULL);
}

/**
 * wk_shared_dialog_set_connection:
 *
 * Fills the fields, as the user would.
 */
void
wk_shared_dialog_set_connection (WkSharedDialog *self,
                                 const char     *host,
                                 const char     *port,
                                 const char     *database,
                                 const char     *user,
                                 const char     *password,
                                 const char     *schema)
{
  g_return_if_fail (WK_IS_SHARED_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), host ? host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port ? port : "");
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), database ? database : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user ? user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
  gtk_editable_set_text (GTK_EDITABLE (self->schema_row), schema ? schema : "");
}

GtkWidget *
wk_shared_dialog_get_open_button (WkSharedDialog *self)
{
  g_return_val_if_fail (WK_IS_SHARED_DIALOG (self), NULL);
  return self->open_button;
}
