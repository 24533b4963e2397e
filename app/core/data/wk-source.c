/* wk-source.c: inspecting OGR sources and detecting field roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-loader-private.h"
#include "wk-source-private.h"

G_DEFINE_BOXED_TYPE (WkSourceInfo, wk_source_info, wk_source_info_copy, wk_source_info_free)

/* Field names as CBS, PDOK and the common open-data exports write them,
 * lower case, most specific first. */
static const char *code_names[] = {
  "bu_code", "buurtcode", "buurt_code", "statcode", "unit_code", "code", "identificatie",
  "wk_code", "wijkcode", "wijk_code", "gm_code", "gemeentecode", "gemeente_code", NULL
};
static const char *name_names[] = {
  "bu_naam", "buurtnaam", "buurt_naam", "statnaam", "unit_name", "naam", "name", NULL
};
/* A wijk or gemeente name names the unit only when the units are wijken or
 * gemeenten, i.e. when their code is a wijk or gemeente code. */
static const char *wijk_name_names[] = { "wk_naam", "wijknaam", "wijk_naam", NULL };
static const char *gm_as_name_names[] = { "gm_naam", "gemeentenaam", "gemeente_naam", NULL };
static const char *population_names[] = {
  "aant_inw", "aantal_inwoners", "aantalinwoners", "aantalinwoners_5", "inwoners",
  "bevolking", "population", "pop", "aantal_inw", NULL
};
static const char *pop65_share_names[] = {
  "p_65_eo_jr", "percentage_personen_65_jaar_en_ouder", "percentagepersonen65jaarenouder",
  "p_65_plus", "perc_65plus", "pct_65plus", "pct_65_plus", "share_65plus", NULL
};
static const char *pop65_count_names[] = {
  "a_65_eo_jr", "aant_65_eo_jr", "aantal_65_plus", "personen_65_jaar_en_ouder",
  "inw_65plus", "inwoners_65plus", "pop65", "k_65_eo_jr", NULL
};
static const char *gm_code_names[] = {
  "gm_code", "gemeentecode", "gemeente_code", "gmcode", "municipality_code", NULL
};
static const char *gm_name_names[] = {
  "gm_naam", "gemeentenaam", "gemeente_naam", "gemeente", "municipality", NULL
};

static gboolean
strv_contains_ci (const char * const *strv,
                  const char         *str)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_ascii_strcasecmp (strv[i], str) == 0)
      return TRUE;
  return FALSE;
}

static char *
find_candidate (const char * const *fields,
                const char        **candidates,
                const char * const *taken)
{
  for (guint c = 0; candidates[c] != NULL; c++)
    for (guint f = 0; fields[f] != NULL; f++)
      if (g_ascii_strcasecmp (fields[f], candidates[c]) == 0 &&
          !strv_contains_ci (taken, fields[f]))
        return g_strdup (fields[f]);
  return NULL;
}

/**
 * wk_detect_role_field:
 * @fields: the layer's field names
 * @role: the role to find a field for
 * @taken: (nullable): fields already used for another role
 * @is_share: (out) (optional): for %WK_ROLE_POP65, whether the field holds a
 *   percentage rather than a count
 *
 * Finds the field that plays @role, by the names CBS and PDOK use,
 * ignoring case.
 *
 * Returns: (transfer full) (nullable): the field's name as the layer spells it
 */
char *
wk_detect_role_field (const char * const *fields,
                      WkFieldRole         role,
                      const char * const *taken,
                      gboolean           *is_share)
{
  char *found;

  if (is_share != NULL)
    *is_share = FALSE;
  if (fields == NULL)
    return NULL;

  switch (role)
    {
    case WK_ROLE_CODE:
      return find_candidate (fields, code_names, taken);
    case WK_ROLE_NAME:
      if ((found = find_candidate (fields, name_names, taken)) != NULL)
        return found;
      if (strv_contains_ci (taken, "wk_code") || strv_contains_ci (taken, "wijkcode"))
        return find_candidate (fields, wijk_name_names, taken);
      if (strv_contains_ci (taken, "gm_code") || strv_contains_ci (taken, "gemeentecode"))
        return find_candidate (fields, gm_as_name_names, NULL);
      return NULL;
    case WK_ROLE_POPULATION:
      return find_candidate (fields, population_names, taken);
    case WK_ROLE_POP65:
      if ((found = find_candidate (fields, pop65_count_names, taken)) != NULL)
        return found;
      if ((found = find_candidate (fields, pop65_share_names, taken)) != NULL && is_share)
        *is_share = TRUE;
      return found;
    case WK_ROLE_GM_CODE:
      return find_candidate (fields, gm_code_names, taken);
    case WK_ROLE_GM_NAME:
      return find_candidate (fields, gm_name_names, taken);
    case WK_N_ROLES:
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char * const csv_open_options[] = {
  "X_POSSIBLE_NAMES=lon,lng,long,longitude,lengtegraad,x,x_coord,xcoord,rd_x,x_rd,coord_x",
  "Y_POSSIBLE_NAMES=lat,latitude,breedtegraad,y,y_coord,ycoord,rd_y,y_rd,coord_y",
  "GEOM_POSSIBLE_NAMES=wkt,geom,geometry,the_geom,geometrie",
  "KEEP_GEOM_COLUMNS=YES",
  "AUTODETECT_TYPE=YES",
  NULL
};

static gboolean
is_csv_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
         g_str_has_suffix (lower, ".txt");
}

/* _wk_shapefile_lacks:
 * @ext: a companion's extension without the dot, lower case: "dbf", "shx"
 *
 * Whether @path is a shapefile (.shp) whose companion file with @ext is not
 * beside it, in lower or upper case.
 */
gboolean
_wk_shapefile_lacks (const char *path,
                     const char *ext)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *stem = NULL;
  g_autofree char *ext_up = g_ascii_strup (ext, -1);
  g_autofree char *with_lower = NULL;
  g_autofree char *with_upper = NULL;

  if (!g_str_has_suffix (lower, ".shp") || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  stem = g_strndup (path, strlen (path) - 3);
  with_lower = g_strconcat (stem, ext, NULL);
  with_upper = g_strconcat (stem, ext_up, NULL);
  return !g_file_test (with_lower, G_FILE_TEST_EXISTS) &&
         !g_file_test (with_upper, G_FILE_TEST_EXISTS);
}

/* _wk_open_vector:
 *
 * Opens @path read-only as a vector source, with an error for the user that
 * names the file: missing, unreadable, or not a map file.
 */
GDALDatasetH
_wk_open_vector (const char          *path,
                 const char * const  *open_options,
                 GError             **error)
{
  g_autofree char *display = wk_gdal_display_name (path);
  g_autoptr(GString) failure = g_string_new (NULL);
  g_autofree char *in_zip = NULL;
  GDALDatasetH ds;
  GStatBuf st;

  if (path == NULL || *path == '\0')
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN, _("No file was given."));
      return NULL;
    }
  /* a plain .zip: the map file in it (wk-loader-zip.c) */
  if (!_wk_loader_zip_resolve (path, &in_zip, error))
    return NULL;
  if (in_zip != NULL)
    path = in_zip;
  if (!wk_gdal_is_connection (path))
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                       _("“%s” does not exist. Check the name and the folder."), display);
          return NULL;
        }
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && g_access (path, R_OK) != 0)
        {
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                       _("“%s” cannot be read: you have no permission to open it."), display);
          return NULL;
        }
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && g_stat (path, &st) == 0 && st.st_size == 0)
        {
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                       _("“%s” is empty (0 bytes). Perhaps it was not saved or downloaded "
                         "completely; get a new copy."), display);
          return NULL;
        }
      /* GDAL's own message for this one is about a configuration option. */
      if (_wk_shapefile_lacks (path, "shx"))
        {
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                       _("“%s” is incomplete: its index file (.shx) is missing. A shapefile "
                         "is a set of files with the same name (.shp, .shx, .dbf, .prj); "
                         "copy them all into one folder."), display);
          return NULL;
        }
    }

  if (open_options == NULL && is_csv_path (path))
    open_options = csv_open_options;

  wk_gdal_push_capture (failure);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                   NULL, (const char * const *) open_options, NULL);
  wk_gdal_pop_capture ();

  if (ds == NULL)
    {
      if (failure->len > 0 && !g_str_has_suffix (failure->str, "not recognized as a supported file format."))
        g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                     _("“%s” could not be opened as a map file: %s"), display, failure->str);
      else
        g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_OPEN,
                     _("“%s” is not a map file that can be read (GeoJSON, GeoPackage, "
                       "Shapefile, CSV with coordinates…)."), display);
      return NULL;
    }
  return ds;
}

/* _wk_geometry_kind_of:
 *
 * What kind of geometry an OGR type is, for `info` and the loader alike:
 * surfaces made of polygons (TIN, PolyhedralSurface, Triangle) count as
 * polygons; the loader turns them into multipolygons.
 */
WkGeometryKind
_wk_geometry_kind_of (OGRwkbGeometryType type)
{
  switch (wkbFlatten (type))
    {
    case wkbNone:
      return WK_GEOMETRY_NONE;
    case wkbPoint:
    case wkbMultiPoint:
      return WK_GEOMETRY_POINT;
    case wkbLineString:
    case wkbMultiLineString:
    case wkbCircularString:
    case wkbCompoundCurve:
    case wkbMultiCurve:
      return WK_GEOMETRY_LINE;
    case wkbPolygon:
    case wkbMultiPolygon:
    case wkbCurvePolygon:
    case wkbMultiSurface:
    case wkbPolyhedralSurface:
    case wkbTIN:
    case wkbTriangle:
      return WK_GEOMETRY_POLYGON;
    default:
      return WK_GEOMETRY_UNKNOWN;
    }
}

static char *
describe_srs (OGRSpatialReferenceH srs)
{
  const char *auth, *code;

  if (srs == NULL)
    return NULL;
  auth = OSRGetAuthorityName (srs, NULL);
  code = OSRGetAuthorityCode (srs, NULL);
  if (auth != NULL && code != NULL)
    return g_strdup_printf ("%s:%s", auth, code);
  if (OSRAutoIdentifyEPSG (srs) == OGRERR_NONE &&
      (auth = OSRGetAuthorityName (srs, NULL)) != NULL &&
      (code = OSRGetAuthorityCode (srs, NULL)) != NULL)
    return g_strdup_printf ("%s:%s", auth, code);
  return wk_gdal_to_utf8 (OSRGetName (srs));
}

static void
layer_info_free (gpointer data)
{
  WkLayerInfo *info = data;

  g_free (info->name);
  g_free (info->geometry_type);
  g_free (info->crs);
  g_strfreev (info->fields);
  g_strfreev (info->numeric_fields);
  for (guint r = 0; r < WK_N_ROLES; r++)
    g_free (info->roles[r]);
  g_free (info);
}

static WkLayerInfo *
layer_info_copy (const WkLayerInfo *src)
{
  WkLayerInfo *info = g_new0 (WkLayerInfo, 1);

  info->name = g_strdup (src->name);
  info->geometry_type = g_strdup (src->geometry_type);
  info->kind = src->kind;
  info->n_features = src->n_features;
  info->crs = g_strdup (src->crs);
  info->fields = g_strdupv (src->fields);
  info->numeric_fields = g_strdupv (src->numeric_fields);
  for (guint r = 0; r < WK_N_ROLES; r++)
    info->roles[r] = g_strdup (src->roles[r]);
  info->pop65_is_share = src->pop65_is_share;
  return info;
}

/* Detects all roles of a layer at once, so no field plays two roles. */
static void
detect_roles (WkLayerInfo *info)
{
  g_autoptr(GPtrArray) taken = g_ptr_array_new_null_terminated (WK_N_ROLES, NULL, TRUE);
  /* Municipality first, so a buurt layer's GM_CODE is not taken as unit code
   * when BU_CODE exists; the code role then prefers the most specific. */
  static const WkFieldRole order[] = {
    WK_ROLE_CODE, WK_ROLE_POPULATION, WK_ROLE_POP65, WK_ROLE_NAME,
    WK_ROLE_GM_CODE, WK_ROLE_GM_NAME,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      WkFieldRole role = order[i];
      gboolean share = FALSE;
      const char * const *taken_strv = (const char * const *) taken->pdata;

      /* The municipality code may be the unit code too (a layer of gemeenten). */
      if (role == WK_ROLE_GM_CODE || role == WK_ROLE_GM_NAME)
        taken_strv = NULL;
      info->roles[role] = wk_detect_role_field ((const char * const *) info->fields, role,
                                                taken_strv, &share);
      if (role == WK_ROLE_POP65)
        info->pop65_is_share = share;
      if (info->roles[role] != NULL)
        g_ptr_array_add (taken, info->roles[role]);
    }
}

/**
 * wk_source_inspect:
 * @path: a file path or an OGR connection string
 *
 * Lists the layers of @path with their geometry type, feature count, CRS,
 * fields and the fields detected for each role.
 *
 * Returns: (transfer full): the source's description
 */
WkSourceInfo *
wk_source_inspect (const char  *path,
                   GError     **error)
{
  g_auto(GDALDatasetH) ds = NULL;
  g_autoptr(WkSourceInfo) info = NULL;
  int n_layers;

  ds = _wk_open_vector (path, NULL, error);
  if (ds == NULL)
    return NULL;

  info = g_new0 (WkSourceInfo, 1);
  info->path = g_strdup (path);
  info->display_name = wk_gdal_display_name (path);
  info->driver = g_strdup (GDALGetDriverShortName (GDALGetDatasetDriver (ds)));
  info->layers = g_ptr_array_new_with_free_func (layer_info_free);

  n_layers = GDALDatasetGetLayerCount (ds);
  for (int l = 0; l < n_layers; l++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, l);
      OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
      WkLayerInfo *li = g_new0 (WkLayerInfo, 1);
      g_autoptr(GPtrArray) fields = g_ptr_array_new_null_terminated (8, g_free, TRUE);
      g_autoptr(GPtrArray) numeric = g_ptr_array_new_null_terminated (8, g_free, TRUE);
      OGRwkbGeometryType gtype = OGR_L_GetGeomType (layer);

      /* as UTF-8 for the user; the loader finds layers and fields by it */
      li->name = wk_gdal_to_utf8 (OGR_L_GetName (layer));
      li->kind = _wk_geometry_kind_of (gtype);
      if (li->kind == WK_GEOMETRY_UNKNOWN)
        {
          /* GeoJSON and CSV layers often say “Unknown”: look at a feature. */
          g_auto(OGRFeatureH) feature = NULL;

          OGR_L_ResetReading (layer);
          while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
            {
              OGRGeometryH g = OGR_F_GetGeometryRef (feature);

              if (g != NULL && !OGR_G_IsEmpty (g))
                {
                  li->kind = _wk_geometry_kind_of (OGR_G_GetGeometryType (g));
                  break;
                }
              g_clear_pointer (&feature, OGR_F_Destroy);
            }
          OGR_L_ResetReading (layer);
        }
      li->geometry_type = g_strdup (OGRGeometryTypeToName (gtype));
      li->n_features = OGR_L_GetFeatureCount (layer, TRUE);
      li->crs = describe_srs (OGR_L_GetSpatialRef (layer));

      for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
        {
          OGRFieldDefnH fd = OGR_FD_GetFieldDefn (defn, f);
          OGRFieldType type = OGR_Fld_GetType (fd);

          g_ptr_array_add (fields, wk_gdal_to_utf8 (OGR_Fld_GetNameRef (fd)));
          if (type == OFTInteger || type == OFTInteger64 || type == OFTReal)
            g_ptr_array_add (numeric, wk_gdal_to_utf8 (OGR_Fld_GetNameRef (fd)));
        }
      li->fields = (GStrv) g_ptr_array_steal (fields, NULL);
      li->numeric_fields = (GStrv) g_ptr_array_steal (numeric, NULL);
      detect_roles (li);
      g_ptr_array_add (info->layers, li);
    }

  return g_steal_pointer (&info);
}

WkSourceInfo *
wk_source_info_copy (const WkSourceInfo *src)
{
  WkSourceInfo *info = g_new0 (WkSourceInfo, 1);

  info->path = g_strdup (src->path);
  info->display_name = g_strdup (src->display_name);
  info->driver = g_strdup (src->driver);
  info->layers = g_ptr_array_new_with_free_func (layer_info_free);
  for (guint i = 0; i < src->layers->len; i++)
    g_ptr_array_add (info->layers, layer_info_copy (g_ptr_array_index (src->layers, i)));
  return info;
}

void
wk_source_info_free (WkSourceInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->display_name);
  g_free (info->driver);
  g_clear_pointer (&info->layers, g_ptr_array_unref);
  g_free (info);
}

/**
 * wk_source_info_find_layer:
 * @name: (nullable): a layer name, or %NULL for the first layer of @kind
 *
 * Returns: (transfer none) (nullable): the layer
 */
WkLayerInfo *
wk_source_info_find_layer (const WkSourceInfo *info,
                           const char         *name,
                           WkGeometryKind      kind)
{
  for (guint i = 0; i < info->layers->len; i++)
    {
      WkLayerInfo *li = g_ptr_array_index (info->layers, i);

      if (name != NULL ? g_strcmp0 (li->name, name) == 0 : li->kind == kind)
        return li;
    }
  return NULL;
}
