/* wk-gpkg-write.c: writing a GeoPackage whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Downloads and imports are written to a hidden temporary file beside the
 * target and renamed over it when complete, so a failure, a cancel or a
 * crash never leaves half a file under the name the user gave.
 */

#define G_LOG_DOMAIN "wk-gpkg"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "wk-gpkg-private.h"

/* _wk_gpkg_part_path:
 *
 * Returns: (transfer full): the temporary file for @path, in its folder
 */
char *
_wk_gpkg_part_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *part = g_strdup_printf (".%s.part-%d.gpkg", base, (int) getpid ());

  return g_build_filename (dir, part, NULL);
}

/* _wk_gpkg_create:
 * @part: the temporary file, from _wk_gpkg_part_path()
 * @path: the file it becomes, for the message
 */
GDALDatasetH
_wk_gpkg_create (const char  *part,
                 const char  *path,
                 GError     **error)
{
  GDALDriverH drv = GDALGetDriverByName ("GPKG");
  g_autofree char *display = g_filename_display_name (path);
  GDALDatasetH ds;

  g_unlink (part);
  ds = GDALCreate (drv, part, 0, 0, 0, GDT_Unknown, NULL);
  if (ds == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("“%s” could not be written: %s. Check that the folder exists and that "
                   "you may write in it."), display, CPLGetLastErrorMsg ());
  else
    GDALDatasetStartTransaction (ds, FALSE);
  return ds;
}

/* _wk_gpkg_commit:
 *
 * Closes @ds and renames @part to @path; on failure removes @part.
 */
gboolean
_wk_gpkg_commit (GDALDatasetH  ds,
                 const char   *part,
                 const char   *path,
                 GError      **error)
{
  g_autofree char *display = g_filename_display_name (path);

  CPLErrorReset ();
  GDALDatasetCommitTransaction (ds);
  GDALClose (ds);
  if (CPLGetLastErrorType () == CE_Failure || g_rename (part, path) != 0)
    {
      g_unlink (part);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("“%s” could not be written. Check the free disk space."), display);
      return FALSE;
    }
  return TRUE;
}

void
_wk_gpkg_abandon (GDALDatasetH  ds,
                  const char   *part)
{
  if (ds != NULL)
    GDALClose (ds);
  g_unlink (part);
}

/* _wk_gpkg_finish:
 * @ds: (nullable): the file being written
 * @ok: whether all went well so far
 *
 * Commits @ds when @ok, else abandons it.
 *
 * Returns: whether @path now holds the complete file
 */
gboolean
_wk_gpkg_finish (GDALDatasetH  ds,
                 const char   *part,
                 const char   *path,
                 gboolean      ok,
                 GError      **error)
{
  if (!ok || ds == NULL)
    {
      _wk_gpkg_abandon (ds, part);
      return FALSE;
    }
  return _wk_gpkg_commit (ds, part, path, error);
}

/* _wk_gpkg_create_layer:
 * @description: what it is and where it comes from, with its licence
 *
 * A layer in RD New.
 */
OGRLayerH
_wk_gpkg_create_layer (GDALDatasetH         ds,
                       const char          *name,
                       OGRwkbGeometryType   type,
                       const char          *description,
                       GError             **error)
{
  g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
  g_autofree char *desc_option = g_strdup_printf ("DESCRIPTION=%s", description);
  const char *options[] = { desc_option, NULL };
  OGRLayerH layer;

  layer = GDALDatasetCreateLayer (ds, name, rd, type, (char **) options);
  if (layer == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("The layer “%s” could not be written: %s"), name, CPLGetLastErrorMsg ());
  return layer;
}
