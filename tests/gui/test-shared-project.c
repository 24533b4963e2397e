/* test-shared-project.c: a shared project in PostgreSQL/PostGIS in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <string.h>

#include "wk-gui-test-util.h"
#include "wk-shared-dialog.h"
#include "wk-test-pg.h"

#define SCHEMA "woerden"

/* Paints unit @unit into another area than the one it is in. */
static void
paint_elsewhere (WkWindow *window,
                 guint     unit)
{
  WkPlan *plan = wk_window_get_plan (window);
  guint n = wk_dataset_get_n_units (wk_plan_get_dataset (plan));
  guint area = wk_plan_get_unit_area (plan, unit);
  guint other = WK_AREA_NONE;

  for (guint u = 0; other == WK_AREA_NONE && u < n; u++)
    if (wk_plan_get_unit_area (plan, u) != area && wk_plan_get_unit_area (plan, u) != WK_AREA_NONE)
      other = wk_plan_get_unit_area (plan, u);
  g_assert_cmpuint (other, !=, WK_AREA_NONE);
  wk_window_set_active_area (window, other);
  wk_gui_test_paint (window, &unit, 1);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, unit), ==, other);
}

static char *
query_plan (WkTestPgFixture *fx,
            const char      *what,
            const char      *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM " SCHEMA ".wk_plans WHERE name = '%s'",
                                          what, name);

  return wk_test_pg_query (fx, sql);
}

static void
test_shared_conflict (WkTestPgFixture *fx,
                      gconstpointer    data)
{
  WkWindow *sample, *window;
  WkSharedDialog *dialog;
  g_autoptr(WkProject) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL, *port = NULL, *dbname = NULL, *user = NULL;
  g_autofree char *plan_name = NULL, *version = NULL, *mine = NULL, *shot = NULL;
  const char *subtitle;
  AdwWindowTitle *title;

  if (fx->pg == NULL)
    return;

  /* the sample, copied into the schema through the core */
  sample = wk_gui_test_open_sample ();
  g_assert_true (wk_project_save_pg (wk_window_get_project (sample), fx->pg, SCHEMA, NULL,
                                     &error));
  g_assert_no_error (error);
  wk_gui_test_close_window (sample);

  /* opened through the action and its dialog, as a user would */
  window = wk_gui_test_new_window ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-shared", NULL));
  dialog = WK_SHARED_DIALOG (wk_gui_test_find_window (WK_TYPE_SHARED_DIALOG));
  g_assert_nonnull (dialog);
  host = wk_conninfo_get (fx->conninfo, "host");
  port = wk_conninfo_get (fx->conninfo, "port");
  dbname = wk_conninfo_get (fx->conninfo, "dbname");
  user = wk_conninfo_get (fx->conninfo, "user");
  /* the cluster trusts 127.0.0.1: a password is passed on, and unused */
  wk_shared_dialog_set_connection (dialog, host, port, dbname, user, "geheim", SCHEMA);
  wk_gui_test_wait_paint (GTK_WIDGET (dialog));
  g_free (shot);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (dialog), "shared-dialog");
  g_assert_true (gtk_widget_get_sensitive (wk_shared_dialog_get_open_button (dialog)));
  g_signal_emit_by_name (wk_shared_dialog_get_open_button (dialog), "clicked");
  wk_gui_test_wait_loaded (window);
  g_assert_nonnull (wk_window_get_project (window));
  g_assert_true (wk_project_is_shared (wk_window_get_project (window)));
  g_assert_false (wk_project_is_modified (wk_window_get_project (window)));

  /* the title names the schema, the host and the database, never the password */
  title = ADW_WINDOW_TITLE (wk_gui_test_find_widgets (GTK_WIDGET (window),
                                                      ADW_TYPE_WINDOW_TITLE)->pdata[0]);
  subtitle = adw_window_title_get_subtitle (title);
  g_assert_nonnull (strstr (subtitle, SCHEMA " @ 127.0.0.1/"));
  g_assert_nonnull (strstr (subtitle, dbname));
  g_assert_null (strstr (subtitle, "geheim"));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "geheim"));

  /* paint and save: the plan's version goes up, nothing is left unsaved */
  plan_name = g_strdup (wk_plan_get_name (wk_window_get_plan (window)));
  paint_elsewhere (window, 0);
  g_assert_true (wk_project_is_modified (wk_window_get_project (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (wk_project_is_modified (wk_window_get_project (window)));
  version = query_plan (fx, "version", plan_name);
  g_assert_cmpstr (version, ==, "2");

  /* someone else saves the same plan */
  other = wk_project_open_pg (fx->pg, SCHEMA, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    WkPlan *plan = wk_project_find_plan (other, plan_name);
    WkDataset *dataset = wk_project_get_dataset (other);
    guint area = WK_AREA_NONE;

    for (guint u = 0; area == WK_AREA_NONE && u < wk_dataset_get_n_units (dataset); u++)
      if (wk_plan_get_unit_area (plan, u) != wk_plan_get_unit_area (plan, 1))
        area = wk_plan_get_unit_area (plan, u);
    g_assert_cmpuint (area, !=, WK_AREA_NONE);
    g_assert_true (wk_plan_assign (plan, 1, area, &error));
    g_assert_no_error (error);
    g_assert_true (wk_project_save_pg (other, fx->pg, SCHEMA, NULL, &error));
    g_assert_no_error (error);
  }
  g_free (version);
  version = query_plan (fx, "version", plan_name);
  g_assert_cmpstr (version, ==, "3");

  /* the window's save is refused: the banner says who, the edit is kept */
  paint_elsewhere (window, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (wk_project_is_modified (wk_window_get_project (window)));
  {
    GtkRevealer *banner = NULL;
    g_autoptr(GPtrArray) revealers = wk_gui_test_find_widgets (GTK_WIDGET (window),
                                                               GTK_TYPE_REVEALER);
    g_autoptr(GPtrArray) labels = NULL;
    gboolean said = FALSE;

    for (guint i = 0; i < revealers->len; i++)
      if (gtk_widget_has_css_class (gtk_revealer_get_child (revealers->pdata[i]),
                                    "wk-shared-banner"))
        banner = revealers->pdata[i];
    g_assert_nonnull (banner);
    g_assert_true (gtk_revealer_get_reveal_child (banner));
    labels = wk_gui_test_find_widgets (GTK_WIDGET (banner), GTK_TYPE_LABEL);
    for (guint i = 0; i < labels->len; i++)
      said |= strstr (gtk_label_get_text (labels->pdata[i]), "saved by") != NULL &&
              strstr (gtk_label_get_text (labels->pdata[i]), plan_name) != NULL;
    g_assert_true (said);
    wk_gui_test_iterate (400);
    wk_gui_test_wait_paint (GTK_WIDGET (window));
    g_free (shot);
    shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "shared-conflict");

    /* save as a new plan: the database holds it, the other version stays */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as-new-plan",
                                               NULL));
    g_assert_false (gtk_revealer_get_reveal_child (banner));
  }
  g_assert_false (wk_project_is_modified (wk_window_get_project (window)));
  mine = query_plan (fx, "count(*)", wk_plan_get_name (wk_window_get_plan (window)));
  g_assert_cmpstr (mine, ==, "1");
  g_assert_cmpstr (wk_plan_get_name (wk_window_get_plan (window)), !=, plan_name);
  g_free (version);
  version = query_plan (fx, "version", plan_name);
  g_assert_cmpstr (version, ==, "3");
  wk_gui_test_iterate (400);
  wk_gui_test_wait_paint (GTK_WIDGET (window));
  g_free (shot);
  shot = wk_gui_test_save_screenshot (GTK_WIDGET (window), "shared-saved-as-new");
  wk_gui_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  if (!wk_gui_test_init (&argc, &argv))
    return 77;
  wk_test_pg_add ("/gui/shared-project/conflict", NULL, test_shared_conflict);
  return wk_gui_test_run ();
}
