/* test-project-foreign.c: a save keeps the rows of QGIS's layer_styles that are not its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <ogr_api.h>

#include "wk-core.h"
#include "wk-project-private.h"
#include "wk-test-util.h"

#define STYLES "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, " \
               "f_table_name TEXT, styleName TEXT, styleQML TEXT)"

static GDALDatasetH
create (const char         *path,
        const char * const *sql)
{
  GDALDatasetH ds;

  g_unlink (path);
  ds = GDALCreate (GDALGetDriverByName ("GPKG"), path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);
  for (guint i = 0; sql[i] != NULL; i++)
    {
      OGRLayerH result = GDALDatasetExecuteSQL (ds, sql[i], NULL, NULL);

      if (result != NULL)
        GDALDatasetReleaseResultSet (ds, result);
    }
  return ds;
}

/* “id|table|name” of every style, by id. */
static char *
styles (GDALDatasetH ds)
{
  GString *out = g_string_new (NULL);
  OGRLayerH result = GDALDatasetExecuteSQL (ds, "SELECT id, f_table_name, styleName FROM "
                                            "layer_styles ORDER BY id", NULL, NULL);
  OGRFeatureH f;

  g_assert_nonnull (result);
  while ((f = OGR_L_GetNextFeature (result)) != NULL)
    {
      g_string_append_printf (out, "%s|%s|%s;", OGR_F_GetFieldAsString (f, 0),
                              OGR_F_GetFieldAsString (f, 1), OGR_F_GetFieldAsString (f, 2));
      OGR_F_Destroy (f);
    }
  GDALDatasetReleaseResultSet (ds, result);
  return g_string_free (out, FALSE);
}

/* The new file already holds the project's own styles (for its areas and
 * providers): the old rows for those layers go, every other row stays, under
 * its own id where that is free and under a new one where it is not. */
static void
test_styles_merged (void)
{
  g_autofree char *old_path = wk_test_temp_path ("wk-foreign-old.wijk.gpkg");
  g_autofree char *new_path = wk_test_temp_path ("wk-foreign-new.wijk.gpkg");
  const char *old_sql[] = {
    "CREATE TABLE wk_metadata (key TEXT, value TEXT)", STYLES,
    "INSERT INTO layer_styles VALUES (1, 'areas', 'old areas', '<a/>'), "
    "(2, 'elders', 'elsewhere', '<e/>'), (3, 'units', 'buurten', '<u/>'), "
    "(7, NULL, 'no table', '<n/>')",
    NULL
  };
  const char *new_sql[] = {
    STYLES,
    "INSERT INTO layer_styles VALUES (1, 'areas', 'ours', '<o/>'), "
    "(2, 'providers', 'ours too', '<p/>')",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  GDALDatasetH ds;

  GDALClose (create (old_path, old_sql));
  ds = create (new_path, new_sql);
  g_assert_true (_wk_project_copy_foreign (ds, old_path, &error));
  g_assert_no_error (error);
  got = styles (ds);
  g_assert_cmpstr (got, ==, "1|areas|ours;2|providers|ours too;3|units|buurten;"
                            "7||no table;8|elders|elsewhere;");
  GDALClose (ds);
  g_unlink (old_path);
  g_unlink (new_path);
}

/* A file that is not a project gives nothing of itself to the new one. */
static void
test_not_a_project (void)
{
  g_autofree char *old_path = wk_test_temp_path ("wk-foreign-other.gpkg");
  g_autofree char *new_path = wk_test_temp_path ("wk-foreign-new2.wijk.gpkg");
  const char *old_sql[] = { "CREATE TABLE theirs (a TEXT)", NULL };
  const char *new_sql[] = { "CREATE TABLE wk_metadata (key TEXT, value TEXT)", NULL };
  g_autoptr(GError) error = NULL;
  GDALDatasetH ds;
  OGRLayerH result;

  GDALClose (create (old_path, old_sql));
  ds = create (new_path, new_sql);
  g_assert_true (_wk_project_copy_foreign (ds, old_path, &error));
  g_assert_no_error (error);
  result = GDALDatasetExecuteSQL (ds, "SELECT name FROM sqlite_master WHERE name = 'theirs'",
                                  NULL, NULL);
  g_assert_nonnull (result);
  g_assert_cmpint (OGR_L_GetFeatureCount (result, TRUE), ==, 0);
  GDALDatasetReleaseResultSet (ds, result);
  GDALClose (ds);
  g_unlink (old_path);
  g_unlink (new_path);
}

int
main (int    argc,
      char **argv)
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/core/project/foreign/styles-merged", test_styles_merged);
  g_test_add_func ("/core/project/foreign/not-a-project", test_not_a_project);
  return g_test_run ();
}
