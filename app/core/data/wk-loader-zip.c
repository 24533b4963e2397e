/* wk-loader-zip.c: map files inside a plain .zip, read through GDAL's /vsizip/
 *
 * GDAL reads a zipped shapefile by itself only when the zip is named
 * “.shp.zip”; a download or a colleague's mail usually calls it “buurten.zip”.
 * The loader looks inside such a zip, and opens the shapefile (or other map
 * file) it finds there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-loader"

#include "config.h"

#include <cpl_string.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "wk-loader-private.h"

#define VSIZIP "/vsizip/"

/* What is used when a zip holds no shapefile. */
static const char *map_extensions[] = {
  ".geojson", ".json", ".gpkg", ".fgb", ".kml", ".gml", ".csv", NULL
};

static gboolean
has_suffix_ci (const char *name,
               const char *suffix)
{
  gsize n = strlen (name), s = strlen (suffix);

  return n >= s && g_ascii_strcasecmp (name + n - s, suffix) == 0;
}

/* The zip's entries (files, not folders), without the ones macOS adds. */
static GPtrArray *
list_entries (const char *vsi)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) failure = g_string_new (NULL);
  char **list;

  wk_gdal_push_capture (failure);
  list = VSIReadDirRecursive (vsi);
  wk_gdal_pop_capture ();
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (!g_str_has_suffix (list[i], "/") && !g_str_has_prefix (list[i], "__MACOSX/"))
      g_ptr_array_add (entries, wk_gdal_to_utf8 (list[i]));
  CSLDestroy (list);
  return entries;
}

static char *
join_entries (GPtrArray *entries)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < entries->len && i < 10; i++)
    g_string_append_printf (text, "%s“%s”", i ? ", " : "", (char *) g_ptr_array_index (entries, i));
  if (entries->len > 10)
    g_string_append (text, ", …");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The files of @entries whose name ends in one of @extensions. */
static GPtrArray *
entries_with (GPtrArray   *entries,
              const char **extensions)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < entries->len; i++)
    for (guint e = 0; extensions[e] != NULL; e++)
      if (has_suffix_ci (g_ptr_array_index (entries, i), extensions[e]))
        {
          g_ptr_array_add (found, g_ptr_array_index (entries, i));
          break;
        }
  return found;
}

static gboolean
is_zip_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  guchar magic[4] = { 0 };
  gsize n = 0;

  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), magic, sizeof magic, &n, NULL, NULL))
    return FALSE;
  return n == 4 && magic[0] == 'P' && magic[1] == 'K' &&
         ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

/* @path as a zip and the path inside it: “buurten.zip”, or
 * “buurten.zip/map/buurten.shp” to choose one of several. */
static gboolean
split_zip_path (const char  *path,
                char       **zip,
                char       **inner)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  const char *at;

  *zip = *inner = NULL;
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      /* GDAL reads “.shp.zip” (and “.shz”) as a shapefile itself */
      if (!g_str_has_suffix (lower, ".zip") || g_str_has_suffix (lower, ".shp.zip"))
        return FALSE;
      *zip = g_strdup (path);
      return TRUE;
    }
  for (at = strstr (lower, ".zip/"); at != NULL; at = strstr (at + 1, ".zip/"))
    {
      g_autofree char *candidate = g_strndup (path, at - lower + strlen (".zip"));

      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        {
          *zip = g_steal_pointer (&candidate);
          *inner = g_strdup (path + (at - lower) + strlen (".zip/"));
          return TRUE;
        }
    }
  return FALSE;
}

/* Whether @entry is a shapefile without its .shx among @entries. */
static gboolean
lacks_shx (GPtrArray  *entries,
           const char *entry)
{
  g_autofree char *shx = NULL;

  if (!has_suffix_ci (entry, ".shp"))
    return FALSE;
  shx = g_strndup (entry, strlen (entry) - strlen ("shp"));
  for (guint i = 0; i < entries->len; i++)
    {
      const char *other = g_ptr_array_index (entries, i);

      if (strlen (other) == strlen (entry) && g_ascii_strncasecmp (other, shx, strlen (shx)) == 0 &&
          g_ascii_strcasecmp (other + strlen (shx), "shx") == 0)
        return FALSE;
    }
  return TRUE;
}

/* The folder part of an entry, "" at the top. */
static char *
entry_folder (const char *entry)
{
  const char *slash = strrchr (entry, '/');

  return slash == NULL ? g_strdup ("") : g_strndup (entry, slash - entry);
}

/**
 * _wk_loader_zip_resolve:
 * @path: a file the user gave
 * @resolved: (out) (transfer full): the path to open instead, or %NULL
 *
 * When @path is a plain .zip (not “.shp.zip”, which GDAL reads itself), or
 * “file.zip/inner.shp”, finds the map file inside it: its one shapefile, or,
 * without one, its one other map file.  Several shapefiles in one folder of
 * the zip open together, one layer each (_wk_loader_zip_check_layers() then
 * asks which); elsewhere, or several other files, are named with how to
 * choose.  Sets @resolved to %NULL when @path is no zip to look into.
 *
 * Returns: %FALSE with @error set when the zip is damaged or holds nothing to use
 */
gboolean
_wk_loader_zip_resolve (const char  *path,
                        char       **resolved,
                        GError     **error)
{
  g_autofree char *zip = NULL;
  g_autofree char *inner = NULL;
  g_autofree char *display = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *vsi = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) found = NULL;
  static const char *shp[] = { ".shp", NULL };

  *resolved = NULL;
  if (path == NULL || wk_gdal_is_connection (path) || !split_zip_path (path, &zip, &inner))
    return TRUE;
  display = wk_gdal_display_name (zip);
  absolute = g_canonicalize_filename (zip, NULL);
  vsi = g_strconcat (VSIZIP, absolute, NULL);
  entries = list_entries (vsi);
  if (entries->len == 0 && is_zip_file (zip))
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_EMPTY,
                   _("“%s” is a zip file, but it is empty or damaged: no files could be read "
                     "from it. Get a new copy."), display);
      return FALSE;
    }
  if (entries->len == 0)
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                   _("“%s” is not a zip file that can be read, although its name ends in "
                     ".zip: it is damaged or was not downloaded completely. Get a new copy."),
                   display);
      return FALSE;
    }
  listed = join_entries (entries);

  if (inner != NULL)
    {
      for (guint i = 0; i < entries->len; i++)
        if (g_ascii_strcasecmp (g_ptr_array_index (entries, i), inner) == 0)
          {
            *resolved = g_strconcat (vsi, "/", (char *) g_ptr_array_index (entries, i), NULL);
            return TRUE;
          }
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                   _("“%s” holds no file “%s”. It holds: %s."), display, inner, listed);
      return FALSE;
    }

  found = entries_with (entries, shp);
  if (found->len == 0)
    {
      g_clear_pointer (&found, g_ptr_array_unref);
      found = entries_with (entries, map_extensions);
    }
  if (found->len == 0)
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                   _("“%s” holds no map file (no shapefile .shp, GeoJSON, GeoPackage or CSV), "
                     "only: %s. Unpack it and open the map file itself."), display, listed);
      return FALSE;
    }
  if (found->len == 1 && lacks_shx (entries, g_ptr_array_index (found, 0)))
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                   _("“%s” is incomplete: the index file (.shx) of “%s” is missing from it. A "
                     "shapefile is a set of files with the same name (.shp, .shx, .dbf, .prj); "
                     "zip them all together."), display, (char *) g_ptr_array_index (found, 0));
      return FALSE;
    }
  if (found->len == 1)
    {
      *resolved = g_strconcat (vsi, "/", (char *) g_ptr_array_index (found, 0), NULL);
      return TRUE;
    }

  /* Several shapefiles in one folder are one source with a layer each. */
  folder = entry_folder (g_ptr_array_index (found, 0));
  for (guint i = 1; i < found->len && folder != NULL; i++)
    {
      g_autofree char *other = entry_folder (g_ptr_array_index (found, i));

      if (!has_suffix_ci (g_ptr_array_index (found, i), ".shp") || !g_str_equal (other, folder))
        g_clear_pointer (&folder, g_free);
    }
  if (folder != NULL && has_suffix_ci (g_ptr_array_index (found, 0), ".shp"))
    {
      *resolved = *folder ? g_strconcat (vsi, "/", folder, NULL) : g_strdup (vsi);
      return TRUE;
    }
  {
    g_autofree char *names = join_entries (found);

    g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_LAYER,
                 _("“%s” holds %u map files: %s. Say which to use by giving it after the zip's "
                   "name, as “%s/%s”."),
                 display, found->len, names, display, (char *) g_ptr_array_index (found, 0));
  }
  return FALSE;
}

/**
 * _wk_loader_zip_check_layers:
 * @ds: an open source
 *
 * When @ds is several shapefiles of a zip (see _wk_loader_zip_resolve()),
 * and no layer was chosen: names them, with how to choose one.
 *
 * Returns: %FALSE with @error set then
 */
gboolean
_wk_loader_zip_check_layers (GDALDatasetH   ds,
                             const char    *display,
                             GError       **error)
{
  g_autoptr(GString) names = NULL;
  g_autofree char *first = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *folder = NULL;
  const char *description = GDALGetDescription (ds);
  const char *inside;
  int n = GDALDatasetGetLayerCount (ds);

  if (n < 2 || !g_str_has_prefix (description, VSIZIP))
    return TRUE;
  /* the folder in the zip that holds them: “/vsizip/…/file.zip/folder” */
  lower = g_ascii_strdown (description, -1);
  inside = g_strrstr (lower, ".zip/");
  folder = inside != NULL ? g_strconcat (description + (inside - lower) + strlen (".zip/"), "/", NULL)
                          : g_strdup ("");
  names = g_string_new (NULL);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *name = wk_gdal_to_utf8 (OGR_L_GetName (GDALDatasetGetLayer (ds, i)));

      g_string_append_printf (names, "%s“%s.shp”", i ? ", " : "", name);
    }
  first = wk_gdal_to_utf8 (OGR_L_GetName (GDALDatasetGetLayer (ds, 0)));
  g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_LAYER,
               _("“%s” holds %d shapefiles: %s. Say which to use: with --layer %s on the "
                 "command line (for the units), or by giving it after the zip's name, as "
                 "“%s/%s%s.shp”."), display, n, names->str, first, display, folder, first);
  return FALSE;
}
