/* wk-gui-test-util.c: helpers for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <glib/gstdio.h>

#include "wk-gui-test-util.h"

static WkApplication *app;
static char *home;

/**
 * wk_gui_test_init:
 *
 * g_test_init, the core and GTK.  The user's folders (config, cache, data)
 * are a fresh temporary folder, as G_TEST_OPTION_ISOLATE_DIRS makes them;
 * the system data folders stay, because GTK needs the MIME database in them
 * to load the SVG icons.
 *
 * Returns: %FALSE when there is no display (the test program then exits 77)
 */
gboolean
wk_gui_test_init (int    *argc,
                  char ***argv)
{
  static const char *dirs[] = {
    "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"
  };
  g_autoptr(GError) error = NULL;

  home = g_dir_make_tmp ("wk-gui-test-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (dirs[i], dir, TRUE);
    }
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
  wk_core_init ();
  textdomain (GETTEXT_PACKAGE);
  if (!gtk_init_check ())
    return FALSE;
  adw_init ();
  return TRUE;
}

/**
 * wk_gui_test_get_app:
 *
 * Returns: (transfer none): the application, registered (not unique) so
 *   that windows can be added
 */
WkApplication *
wk_gui_test_get_app (void)
{
  g_autoptr(GError) error = NULL;

  if (app != NULL)
    return app;
  app = wk_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

WkWindow *
wk_gui_test_new_window (void)
{
  WkWindow *window = wk_window_new (wk_gui_test_get_app ());

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
is_loaded (gpointer data)
{
  WkWindow *window = data;

  return !wk_window_get_loading (window);
}

void
wk_gui_test_wait_loaded (WkWindow *window)
{
  g_assert_true (wk_test_wait_until (is_loaded, window, 60000));
}

/**
 * wk_gui_test_close_window:
 *
 * Closes @window without asking about its changes.
 */
void
wk_gui_test_close_window (WkWindow *window)
{
  WkPlan *plan = wk_window_get_plan (window);

  if (plan != NULL)
    wk_plan_set_saved (plan);
  gtk_window_destroy (GTK_WINDOW (window));
  wk_gui_test_iterate (50);
}

/**
 * wk_gui_test_open_sample:
 *
 * Returns: (transfer none): a 1400×900 window showing the built-in sample,
 *   drawn at least once
 */
WkWindow *
wk_gui_test_open_sample (void)
{
  WkWindow *window = wk_gui_test_new_window ();

  wk_window_open_sample (window);
  g_assert_true (wk_window_get_loading (window));
  wk_gui_test_wait_loaded (window);
  g_assert_nonnull (wk_window_get_plan (window));
  wk_gui_test_iterate (300);
  return window;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Runs the main loop for @ms milliseconds. */
void
wk_gui_test_iterate (guint ms)
{
  wk_test_wait_until (never, NULL, ms);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Waits until the frame clock of @widget has painted what is queued. */
void
wk_gui_test_wait_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  g_assert_true (wk_test_wait_until (is_true, &painted, 5000));
  g_signal_handler_disconnect (clock, id);
}

/* Draws @widget again and waits until that is done. */
void
wk_gui_test_wait_frame (GtkWidget *widget)
{
  gtk_widget_queue_draw (widget);
  wk_gui_test_wait_paint (widget);
}

/**
 * wk_gui_test_save_screenshot:
 * @name: file name without extension
 *
 * Renders @widget as it is now into <build>/tests/gui/screenshots/@name.png.
 *
 * Returns: (transfer full): the file's path
 */
static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_mapped (data);
}

char *
wk_gui_test_save_screenshot (GtkWidget  *widget,
                             const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  char *path;
  int width = 0, height = 0;
  GskRenderer *renderer;
  graphene_rect_t bounds;

  /* a window just presented has no size yet */
  g_assert_true (wk_test_wait_until (has_size, widget, 5000));
  /* a page just switched to may take a frame or two to have a picture */
  for (guint attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      wk_gui_test_wait_frame (widget);
      g_clear_object (&snapshot);
      snapshot = gtk_snapshot_new ();
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  texture = gsk_renderer_render_texture (renderer, node, &bounds);

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR") : ".",
                          "gui", "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}

static void
find_widgets (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_widgets (child, type, found);
}

/**
 * wk_gui_test_find_widgets:
 *
 * Returns: (transfer container): the widgets of @type under @root
 */
GPtrArray *
wk_gui_test_find_widgets (GtkWidget *root,
                          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  find_widgets (root, type, found);
  return found;
}

/**
 * wk_gui_test_find_dialog:
 *
 * Returns: (transfer none) (nullable): a message dialog shown over @parent
 */
AdwMessageDialog *
wk_gui_test_find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/**
 * wk_gui_test_find_area_row:
 *
 * Returns: (transfer none) (nullable): the row of the areas list that shows
 *   @area, if the list has made one
 */
WkAreaRow *
wk_gui_test_find_area_row (WkWindow *window,
                           guint     area)
{
  g_autoptr(GPtrArray) rows = wk_gui_test_find_widgets (GTK_WIDGET (wk_window_get_sidebar (window)),
                                                        WK_TYPE_AREA_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      WkAreaRow *row = g_ptr_array_index (rows, i);

      if (wk_area_row_get_area (row) != NULL && wk_area_get_id (wk_area_row_get_area (row)) == area)
        return row;
    }
  return NULL;
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) &&
         info != NULL)
    remove_tree (child);
  g_file_delete (file, NULL, NULL);
}

/**
 * wk_gui_test_run:
 *
 * Runs the tests, then quits the application and removes the temporary
 * home folder.
 */
int
wk_gui_test_run (void)
{
  int status = g_test_run ();
  g_autoptr(GFile) dir = g_file_new_for_path (home);

  if (app != NULL)
    {
      g_application_quit (G_APPLICATION (app));
      g_clear_object (&app);
    }
  remove_tree (dir);
  g_clear_pointer (&home, g_free);
  return status;
}

void
wk_gui_test_close_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) dialogs = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        g_ptr_array_add (dialogs, window);
    }
  for (guint i = 0; i < dialogs->len; i++)
    gtk_window_destroy (g_ptr_array_index (dialogs, i));
}

/* As a click on a dialog's button does: the response, then the dialog goes. */
void
wk_gui_test_respond (AdwMessageDialog *dialog,
                     const char       *response)
{
  g_autoptr(AdwMessageDialog) ref = g_object_ref (dialog);

  adw_message_dialog_response (ref, response);
  gtk_window_destroy (GTK_WINDOW (ref));
}

/**
 * wk_gui_test_paint:
 *
 * Paints units into the active area as the brush, box and lasso do: through
 * the win.paint action, activated from the map.
 */
void
wk_gui_test_paint (WkWindow    *window,
                   const guint *units,
                   guint        n_units)
{
  GtkWidget *map = GTK_WIDGET (wk_window_get_map_view (window));

  g_assert_true (gtk_widget_activate_action_variant (map, "win.paint",
                                                     g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32,
                                                                                units, n_units,
                                                                                sizeof (guint32))));
}

/**
 * wk_gui_test_find_toplevel:
 * @type: a GtkWindow type, e.g. WK_TYPE_COMPARE_DIALOG
 *
 * Returns: (transfer none) (nullable): a shown window of that type
 */
GtkWindow *
wk_gui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/**
 * wk_gui_test_describe_plan:
 *
 * Returns: (transfer full): the plan as the user sees it, to compare before
 *   and after: its areas with their names and sizes, and the assignment
 */
char *
wk_gui_test_describe_plan (WkPlan *plan)
{
  GString *text = g_string_new (NULL);
  const guint *assignment;
  guint n = 0;

  for (guint i = 0; i < wk_plan_get_n_areas (plan); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (plan), i);

      g_string_append_printf (text, "%u:%s:%u;", wk_area_get_id (area), wk_area_get_name (area),
                              wk_area_get_n_units (area));
    }
  assignment = wk_plan_get_assignment (plan, &n);
  for (guint u = 0; u < n; u++)
    g_string_append_printf (text, "%d,", assignment[u] == WK_AREA_NONE ? -1 : (int) assignment[u]);
  return g_string_free (text, FALSE);
}
