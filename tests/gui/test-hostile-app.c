/* test-hostile-app.c: hostile files in a real window (issue 18): a project
 * another program holds open, a provider file with bad rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wk-gui-test-util.h"

static char *tmp_dir;

/* Holds argv[1] open as QGIS does: “wal” in WAL mode with the connection
 * open, “read” in a read transaction of the rollback journal (a shared
 * lock); until its standard input closes. */
static const char *holder_script =
  "import sqlite3, sys\n"
  "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
  "if sys.argv[2] == 'wal':\n"
  "    c.execute('PRAGMA journal_mode=WAL')\n"
  "else:\n"
  "    c.execute('BEGIN')\n"
  "c.execute('SELECT count(*) FROM sqlite_master').fetchall()\n"
  "print('open', flush=True)\n"
  "sys.stdin.read()\n";

typedef struct
{
  GPid pid;
  int  in_fd;
  int  out_fd;
} Holder;

static void
holder_start (Holder     *holder,
              const char *path,
              const char *mode)
{
  char ready[8] = { 0 };

  g_assert_true (g_spawn_async_with_pipes (NULL, (char *[]) { "/usr/bin/python3", "-c",
                                                              (char *) holder_script,
                                                              (char *) path, (char *) mode,
                                                              NULL },
                                           NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &holder->pid, &holder->in_fd, &holder->out_fd,
                                           NULL, NULL));
  g_assert_cmpint (read (holder->out_fd, ready, 4), ==, 4);
  g_assert_cmpstr (ready, ==, "open");
}

/* The other program ends, as QGIS closing the project. */
static void
holder_stop (Holder *holder)
{
  close (holder->in_fd);
  g_assert_cmpint (waitpid (holder->pid, NULL, 0), ==, holder->pid);
  g_spawn_close_pid (holder->pid);
  close (holder->out_fd);
}

static char *
corpus_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "data", "bad", relative, NULL);
}

static char *
md5_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_MD5, (const guchar *) contents, len);
}

static gboolean
not_saving (gpointer data)
{
  return !wk_window_get_saving (data);
}

static gboolean
title_is_unsaved (WkWindow *window)
{
  return g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•");
}

/* Moves a unit of the first area into the second: an unsaved edit. */
static void
edit_plan (WkWindow *window)
{
  WkPlan *plan = wk_window_get_plan (window);
  g_autoptr(WkArea) first = g_list_model_get_item (wk_plan_get_areas (plan), 0);
  g_autoptr(WkArea) second = g_list_model_get_item (wk_plan_get_areas (plan), 1);
  guint n = 0;
  guint unit = wk_plan_get_area_units (plan, wk_area_get_id (first), &n)[0];

  g_assert_cmpuint (n, >, 1);
  wk_window_set_active_area (window, wk_area_get_id (second));
  wk_gui_test_paint (window, &unit, 1);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, unit), ==, wk_area_get_id (second));
  g_assert_true (title_is_unsaved (window));
}

/* Saving over a project another program holds open (WAL mode, or a read
 * transaction): the window says it is in use, the file is not changed by
 * a byte, the plan and its unsaved state stay; once that program ended,
 * the same save works and the file opens with the edit. */
static void
test_hostile_in_use (gconstpointer data)
{
  const char *mode = data;
  g_autofree char *name = g_strdup_printf ("held-%s.wijk.gpkg", mode);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *shot = g_strdup_printf ("hostile-in-use-%s", mode);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *plan_before = NULL;
  g_autofree char *plan_after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WkWindow *window, *other;
  AdwMessageDialog *dialog;
  const char *body;
  Holder holder;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("python3 is needed to hold the project open");
      return;
    }

  window = wk_gui_test_open_sample ();
  wk_window_save_project (window, path);
  g_assert_true (wk_test_wait_until (not_saving, window, 60000));
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (window)));
  g_assert_false (title_is_unsaved (window));

  edit_plan (window);
  plan_before = wk_gui_test_describe_plan (wk_window_get_plan (window));
  holder_start (&holder, path, mode);
  before = md5_of (path);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (wk_test_wait_until (not_saving, window, 60000));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "in use by another program"));
  g_assert_nonnull (strstr (body, name));
  wk_gui_test_save_screenshot (GTK_WIDGET (dialog), shot);
  wk_gui_test_respond (dialog, "close");
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (window)));

  /* nothing changed, nothing lost */
  after = md5_of (path);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  plan_after = wk_gui_test_describe_plan (wk_window_get_plan (window));
  g_assert_cmpstr (plan_after, ==, plan_before);
  g_assert_true (title_is_unsaved (window));
  g_assert_true (wk_project_is_modified (wk_window_get_project (window)));
  g_assert_cmpstr (wk_project_get_path (wk_window_get_project (window)), ==, path);

  /* the other program ends: the same save works */
  holder_stop (&holder);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (wk_test_wait_until (not_saving, window, 60000));
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (window)));
  g_assert_false (title_is_unsaved (window));
  after = md5_of (path);
  g_assert_cmpstr (after, !=, before);

  /* and it holds the edit */
  other = wk_gui_test_new_window ();
  wk_window_open_files (other, &file, 1);
  wk_gui_test_wait_loaded (other);
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (other)));
  g_clear_pointer (&plan_after, g_free);
  plan_after = wk_gui_test_describe_plan (wk_window_get_plan (other));
  g_assert_cmpstr (plan_after, ==, plan_before);
  wk_gui_test_close_window (other);
  wk_gui_test_close_window (window);
  g_unlink (path);
}

static gboolean
is_details_button (GtkWidget *button)
{
  const char *label = gtk_button_get_label (GTK_BUTTON (button));

  return label != NULL && g_str_equal (label, "_Details") && gtk_widget_get_mapped (button);
}

/* Units and a provider file with bad rows (tests/data/bad/gp-bad-rows.csv):
 * the good rows load, and the load toast's Details list each bad row by its
 * line and what is wrong. */
static void
test_hostile_bad_rows (void)
{
  g_autofree char *units = corpus_path ("base/units.geojson");
  g_autofree char *plan = corpus_path ("base/plan.csv");
  g_autofree char *gp = corpus_path ("gp-bad-rows.csv");
  g_autoptr(WkLoadOptions) options = wk_load_options_new (units);
  g_autoptr(GPtrArray) buttons = NULL;
  const char *expected[] = {
    "line 3: skipped, because its x and y are swapped (464000, 155500)",
    "line 4: skipped, because its coordinates are 0, 0",
    "line 5: skipped, because it lies outside the Netherlands (652000, -120000)",
  };
  WkWindow *window = wk_gui_test_new_window ();
  const WkLoadReport *report;
  AdwMessageDialog *dialog;
  GtkWidget *details = NULL;
  const char *body;

  wk_load_options_add_provider (options, WK_PROVIDER_GP, gp);
  wk_window_load (window, options, plan);
  wk_gui_test_wait_loaded (window);
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (window)));
  g_assert_nonnull (wk_window_get_plan (window));

  /* the three good practices loaded, the three bad ones skipped */
  g_assert_cmpuint (wk_dataset_get_n_providers (wk_window_get_dataset (window)), ==, 3);
  report = wk_dataset_get_report (wk_window_get_dataset (window));
  g_assert_cmpuint (report->n_providers_skipped, ==, 3);

  /* the load's toast offers the details (after the empty page faded) */
  wk_gui_test_iterate (1000);
  buttons = wk_gui_test_find_widgets (GTK_WIDGET (window), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len && details == NULL; i++)
    if (is_details_button (g_ptr_array_index (buttons, i)))
      details = g_ptr_array_index (buttons, i);
  g_assert_nonnull (details);
  wk_gui_test_save_screenshot (GTK_WIDGET (window), "hostile-bad-rows-toast");
  g_signal_emit_by_name (details, "clicked");
  wk_gui_test_iterate (100);

  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s — %s", adw_message_dialog_get_heading (dialog), body);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *named = g_strdup_printf ("“gp-bad-rows.csv”, %s", expected[i]);

      g_assert_nonnull (strstr (body, named));
    }
  /* the good rows are not among the notes */
  g_assert_null (strstr (body, "Praktijk"));
  wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "hostile-bad-rows-details");
  wk_gui_test_respond (dialog, "close");
  wk_gui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!wk_gui_test_init (&argc, &argv))
    return 77;

  tmp_dir = g_dir_make_tmp ("wk-gui-hostile-XXXXXX", NULL);
  g_test_add_data_func ("/gui/hostile/in-use-wal", "wal", test_hostile_in_use);
  g_test_add_data_func ("/gui/hostile/in-use-read", "read", test_hostile_in_use);
  g_test_add_func ("/gui/hostile/bad-rows", test_hostile_bad_rows);
  status = wk_gui_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
