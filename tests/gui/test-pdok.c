/* test-pdok.c: Fetch Data from PDOK… in a real window, against a local server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <gdal.h>
#include <ogr_api.h>
#include <string.h>

#include "wk-gui-test-util.h"
#include "wk-test-server.h"

/* The window's win.fetch-pdok with the service at WK_PDOK_SERVICE: the
 * test server (tests/wk-test-server.c) serves the shared Woerden buurten
 * with PDOK's field names, ten a page.  The dialog finds Woerden, the
 * fetch becomes a new project with all of Woerden's buurten and their
 * population, the service and CBS's attribution among its sources; with
 * the service gone, the fetch says PDOK cannot be reached and what was
 * open stays. */

static WkPdokDialog *
find_pdok_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (WK_IS_PDOK_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return WK_PDOK_DIALOG (window);
    }
  return NULL;
}

static WkPdokDialog *
open_dialog (WkWindow *window)
{
  WkPdokDialog *dialog;

  g_assert_null (find_pdok_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch-pdok", NULL));
  dialog = find_pdok_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  return dialog;
}

/* Searches Woerden and presses Fetch. */
static void
fetch_woerden (WkPdokDialog *dialog)
{
  GtkWidget *fetch = wk_pdok_dialog_get_fetch_button (dialog);

  g_assert_cmpuint (wk_pdok_dialog_get_n_visible (dialog), >, 300);
  g_assert_null (wk_pdok_dialog_get_selected (dialog));
  g_assert_false (gtk_widget_get_sensitive (fetch));
  wk_pdok_dialog_set_search (dialog, "woerd");
  g_assert_cmpuint (wk_pdok_dialog_get_n_visible (dialog), ==, 1);
  g_assert_cmpstr (wk_pdok_dialog_get_selected (dialog), ==, "GM0632");
  g_assert_cmpint (wk_pdok_dialog_get_year (dialog), ==, 2024);
  g_assert_true (gtk_widget_get_sensitive (fetch));
  g_signal_emit_by_name (fetch, "clicked");
  g_assert_null (find_pdok_dialog ());
}

typedef struct
{
  guint  n_features;
  gint64 population;
} Expected;

static Expected
shared_woerden (void)
{
  g_autofree char *path = wk_test_shared_data ("cbs-buurten-2019/woerden_buurten_2019.geojson");
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  Expected e = { 0, 0 };
  OGRFeatureH f;

  g_assert_nonnull (ds);
  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      gint64 n = OGR_F_GetFieldAsInteger64 (f, OGR_F_GetFieldIndex (f, "AANT_INW"));

      e.n_features++;
      e.population += n > 0 ? n : 0;
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return e;
}

static gboolean
has_units (gpointer data)
{
  WkWindow *window = data;
  WkDataset *dataset = wk_window_get_dataset (window);

  return dataset != NULL && !wk_window_get_loading (window) && wk_window_get_project (window);
}

static const WkProjectSource *
find_source (WkProject  *project,
             const char *role)
{
  GPtrArray *sources = wk_project_get_sources (project);

  for (guint i = 0; i < sources->len; i++)
    {
      const WkProjectSource *s = g_ptr_array_index (sources, i);

      if (g_str_equal (s->role, role))
        return s;
    }
  return NULL;
}

static gboolean
has_error_dialog (gpointer data)
{
  return wk_gui_test_find_dialog (data) != NULL;
}

static void
test_pdok_fetch (void)
{
  WkTestServer *server = wk_test_server_start (10);
  g_autofree char *service = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *shot = NULL;
  WkWindow *window;
  WkDataset *dataset;
  WkProject *project;
  AdwMessageDialog *error_dialog;
  const WkProjectSource *source;
  Expected expected;

  if (server == NULL)
    {
      g_test_skip ("The shared CBS data (../shared/data) is absent.");
      return;
    }
  expected = shared_woerden ();
  service = wk_test_server_url (server, "/ok");
  g_setenv ("WK_PDOK_SERVICE", service, TRUE);
  window = wk_gui_test_new_window ();
  wk_gui_test_iterate (200);

  fetch_woerden (open_dialog (window));
  g_assert_true (wk_test_wait_until (has_units, window, 60000));
  dataset = wk_window_get_dataset (window);
  project = wk_window_get_project (window);
  g_assert_cmpuint (wk_dataset_get_n_units (dataset), ==, expected.n_features);
  g_assert_cmpint (wk_dataset_get_total_population (dataset), ==, expected.population);
  for (guint i = 0; i < wk_dataset_get_n_units (dataset); i++)
    g_assert_cmpstr (wk_dataset_get_unit (dataset, i)->gm_code, ==, "GM0632");
  g_assert_cmpstr (wk_plan_get_name (wk_window_get_plan (window)), ==, "Woerden");
  source = find_source (project, "units");
  g_assert_nonnull (source);
  g_assert_nonnull (strstr (source->name, "Woerden"));
  g_assert_nonnull (source->sha256);
  source = find_source (project, "service");
  g_assert_nonnull (source);
  g_assert_cmpstr (source->name, ==, service);
  source = find_source (project, "attribution");
  g_assert_nonnull (source);
  g_assert_nonnull (strstr (source->name, "© CBS, Kadaster"));
  wk_gui_test_iterate (500);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "pdok-woerden");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  /* the service gone (another address, so the cache does not answer) */
  wk_test_server_stop (server);
  gone = g_strconcat (service, "-gone", NULL);
  g_setenv ("WK_PDOK_SERVICE", gone, TRUE);
  wk_plan_set_saved (wk_window_get_plan (window));
  fetch_woerden (open_dialog (window));
  if (wk_gui_test_find_dialog (GTK_WINDOW (window)) != NULL)   /* a project never saved */
    wk_gui_test_respond (wk_gui_test_find_dialog (GTK_WINDOW (window)), "discard");
  g_assert_true (wk_test_wait_until (has_error_dialog, window, 60000));
  error_dialog = wk_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (error_dialog), ==,
                   "Could Not Fetch the Buurten");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (error_dialog), "PDOK is not reachable"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (error_dialog), gone));
  g_clear_pointer (&shot, g_free);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (error_dialog), "pdok-unreachable");
  wk_gui_test_close_dialogs ();
  g_assert_true (wk_window_get_dataset (window) == dataset);
  g_assert_true (wk_window_get_project (window) == project);
  g_assert_cmpuint (wk_dataset_get_n_units (dataset), ==, expected.n_features);

  g_unsetenv ("WK_PDOK_SERVICE");
  wk_gui_test_close_window (window);
}

/* Closing the dialog fetches nothing. */
static void
test_pdok_dialog_cancel (void)
{
  WkWindow *window = wk_gui_test_new_window ();
  WkPdokDialog *dialog = open_dialog (window);
  g_autofree char *shot = NULL;

  wk_pdok_dialog_set_search (dialog, "Utrecht");
  g_assert_cmpuint (wk_pdok_dialog_get_n_visible (dialog), >=, 1);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "pdok-dialog");
  wk_pdok_dialog_set_search (dialog, "no such gemeente");
  g_assert_cmpuint (wk_pdok_dialog_get_n_visible (dialog), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (wk_pdok_dialog_get_fetch_button (dialog)));
  gtk_window_close (GTK_WINDOW (dialog));
  wk_gui_test_iterate (100);
  g_assert_null (find_pdok_dialog ());
  g_assert_null (wk_window_get_dataset (window));
  g_assert_false (wk_window_get_loading (window));
  wk_gui_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  if (!wk_gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/pdok/dialog-cancel", test_pdok_dialog_cancel);
  g_test_add_func ("/gui/pdok/fetch", test_pdok_fetch);
  return wk_gui_test_run ();
}
