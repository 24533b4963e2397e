/* wk-gemeenten.c: the CBS list of gemeenten (code and name) that ships as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-gemeenten"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wk-dataset.h"
#include "wk-gdal-private.h"
#include "wk-gemeenten.h"
#include "wk-gemeenten-private.h"

#define GEMEENTEN_FILE "cbs-gemeenten-2024.csv"

static void
gemeente_free (gpointer data)
{
  WkGemeente *g = data;

  g_free (g->code);
  g_free (g->name);
  g_free (g);
}

/**
 * _wk_gemeenten_default_path:
 *
 * The list in the source tree for uninstalled runs, else where it is
 * installed.
 *
 * Returns: (transfer full): the path of the CSV file
 */
char *
_wk_gemeenten_default_path (void)
{
  g_autofree char *source = g_build_filename (WK_SOURCE_DATADIR, GEMEENTEN_FILE, NULL);

  if (g_file_test (source, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&source);
  return g_build_filename (PKGDATADIR, GEMEENTEN_FILE, NULL);
}

/**
 * wk_gemeenten_load:
 * @path: (nullable): a CSV file with the columns code and name; %NULL for
 *   the list that ships with the app
 *
 * Returns: (transfer full) (element-type WkGemeente): the gemeenten in the
 *   file's order
 */
GPtrArray *
wk_gemeenten_load (const char  *path,
                   GError     **error)
{
  g_autofree char *fallback = path == NULL ? _wk_gemeenten_default_path () : NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (gemeente_free);
  g_autoptr(WkGdalCapture) capture = wk_gdal_capture_begin ();
  g_auto(GDALDatasetH) ds = NULL;
  g_auto(OGRFeatureH) f = NULL;
  OGRLayerH layer;
  int i_code, i_name;

  if (path == NULL)
    path = fallback;
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  layer = ds != NULL ? GDALDatasetGetLayer (ds, 0) : NULL;
  i_code = layer != NULL ? OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "code") : -1;
  i_name = layer != NULL ? OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "name") : -1;
  if (i_code < 0 || i_name < 0)
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                   _("The list of gemeenten “%s” cannot be read. Install the app again."), path);
      return NULL;
    }
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      WkGemeente *g = g_new0 (WkGemeente, 1);

      g->code = g_strdup (OGR_F_GetFieldAsString (f, i_code));
      g->name = g_strdup (OGR_F_GetFieldAsString (f, i_name));
      g_ptr_array_add (list, g);
      g_clear_pointer (&f, OGR_F_Destroy);
    }
  return g_steal_pointer (&list);
}

/**
 * wk_gemeenten_find:
 * @code_or_name: a code such as GM0632 or 0632, or a name, in any case
 *
 * Returns: (transfer none) (nullable): the gemeente
 */
const WkGemeente *
wk_gemeenten_find (GPtrArray  *gemeenten,
                   const char *code_or_name)
{
  g_autofree char *code = NULL;

  if (g_ascii_isdigit (code_or_name[0]))
    code = g_strdup_printf ("GM%s", code_or_name);
  for (guint i = 0; i < gemeenten->len; i++)
    {
      const WkGemeente *g = g_ptr_array_index (gemeenten, i);

      if (g_ascii_strcasecmp (g->code, code != NULL ? code : code_or_name) == 0)
        return g;
    }
  for (guint i = 0; i < gemeenten->len; i++)
    {
      const WkGemeente *g = g_ptr_array_index (gemeenten, i);
      g_autofree char *a = g_utf8_casefold (g->name, -1);
      g_autofree char *b = g_utf8_casefold (code_or_name, -1);

      if (g_strcmp0 (a, b) == 0)
        return g;
    }
  return NULL;
}
