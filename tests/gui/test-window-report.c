/* test-window-report.c: the review report written from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wk-gui-test-util.h"

static gboolean
report_done (gpointer data)
{
  return !wk_window_get_writing_report (data);
}

/* The text of a PDF through poppler's pdftotext, or %NULL without it. */
static char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status = 0;

  if (program == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Collapses runs of white space, as a name wrapped over lines comes out. */
static char *
squeeze (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

/* The report of the sample, written while the window goes on: a PDF with
 * every area's name; a toast offers to open it. */
static void
test_report_sample (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  WkPlan *plan = wk_window_get_plan (window);
  g_autofree char *dir = g_dir_make_tmp ("wk-gui-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wijken.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  /* after the toast of the load, so that the report's shows at once */
  wk_gui_test_iterate (5500);
  wk_window_export_report (window, path);
  g_assert_true (wk_window_get_writing_report (window));
  wk_gui_test_iterate (400);
  wk_gui_test_save_screenshot (GTK_WIDGET (window), "report-writing");
  g_assert_true (wk_test_wait_until (report_done, window, 60000));
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (window)));

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  text = pdf_text (path);
  if (text == NULL)
    g_test_message ("no pdftotext: the area names are not checked");
  else
    {
      g_autofree char *flat = squeeze (text);

      for (guint i = 0; i < wk_plan_get_n_areas (plan); i++)
        {
          g_autoptr(WkArea) area = g_list_model_get_item (wk_plan_get_areas (plan), i);

          g_test_message ("area “%s”", wk_area_get_name (area));
          g_assert_nonnull (strstr (flat, wk_area_get_name (area)));
        }
      g_assert_nonnull (strstr (flat, wk_plan_get_name (plan)));
    }
  wk_gui_test_iterate (300);
  wk_gui_test_save_screenshot (GTK_WIDGET (window), "report-written");

  wk_gui_test_close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* Cancel leaves no file; a folder that is not there gives an error that
 * names the file. */
static void
test_report_cancel_error (void)
{
  WkWindow *window = wk_gui_test_open_sample ();
  g_autofree char *dir = g_dir_make_tmp ("wk-gui-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "afgebroken.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "nergens", "rapport.pdf", NULL);
  AdwMessageDialog *dialog;

  wk_window_export_report (window, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-report", NULL));
  g_assert_false (wk_window_get_writing_report (window));
  /* the worker stops at its next check, and removes its temporary file */
  wk_gui_test_iterate (2000);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (wk_gui_test_find_dialog (GTK_WINDOW (window)));

  wk_window_export_report (window, bad);
  g_assert_true (wk_test_wait_until (report_done, window, 60000));
  dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_test_message ("%s — %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "rapport.pdf"));
  wk_gui_test_close_dialogs ();

  wk_gui_test_close_window (window);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!wk_gui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/gui/report/sample", test_report_sample);
  g_test_add_func ("/gui/report/cancel-error", test_report_cancel_error);
  return wk_gui_test_run ();
}
