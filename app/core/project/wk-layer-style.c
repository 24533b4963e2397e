/* wk-layer-style.c: the QGIS style of the areas layer, in the layer_styles table
 *
 * QGIS looks in a table layer_styles for a layer's default style: in the
 * GeoPackage itself, and in PostgreSQL in the table of that name on the
 * search path (public).  The style fills each area with its own colour
 * (the field “color”, as the app paints it, at the app's opacity over a
 * basemap) and labels it with its name.  Only the row for our own areas
 * layer is written or replaced: other layers' styles are left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wk-layer-style.h"
#include "wk-project-private.h"

#define STYLE_NAME "Wijkindeling"

/* _wk_layer_style_areas_qml:
 *
 * Returns: the QML of the areas layer's style
 */
char *
_wk_layer_style_areas_qml (void)
{
  return g_strdup (
    "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
    "<qgis version=\"3.28.0\" styleCategories=\"Symbology|Labeling\">\n"
    " <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" "
    "enableorderby=\"0\">\n"
    "  <symbols>\n"
    "   <symbol type=\"fill\" name=\"0\" alpha=\"0.55\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
    "    <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
    "     <Option type=\"Map\">\n"
    "      <Option type=\"QString\" name=\"color\" value=\"200,200,200,255\"/>\n"
    "      <Option type=\"QString\" name=\"outline_color\" value=\"40,40,40,255\"/>\n"
    "      <Option type=\"QString\" name=\"outline_style\" value=\"solid\"/>\n"
    "      <Option type=\"QString\" name=\"outline_width\" value=\"0.5\"/>\n"
    "      <Option type=\"QString\" name=\"outline_width_unit\" value=\"MM\"/>\n"
    "      <Option type=\"QString\" name=\"style\" value=\"solid\"/>\n"
    "     </Option>\n"
    "     <data_defined_properties>\n"
    "      <Option type=\"Map\">\n"
    "       <Option type=\"QString\" name=\"name\" value=\"\"/>\n"
    "       <Option type=\"Map\" name=\"properties\">\n"
    "        <Option type=\"Map\" name=\"fillColor\">\n"
    "         <Option type=\"bool\" name=\"active\" value=\"true\"/>\n"
    "         <Option type=\"QString\" name=\"field\" value=\"color\"/>\n"
    "         <Option type=\"int\" name=\"type\" value=\"2\"/>\n"
    "        </Option>\n"
    "       </Option>\n"
    "       <Option type=\"QString\" name=\"type\" value=\"collection\"/>\n"
    "      </Option>\n"
    "     </data_defined_properties>\n"
    "    </layer>\n"
    "   </symbol>\n"
    "  </symbols>\n"
    " </renderer-v2>\n"
    " <labeling type=\"simple\">\n"
    "  <settings calloutType=\"simple\">\n"
    "   <text-style fieldName=\"name\" fontSize=\"9\" fontSizeUnit=\"Point\" "
    "textColor=\"20,20,20,255\" isExpression=\"0\">\n"
    "    <text-buffer bufferDraw=\"1\" bufferSize=\"1\" bufferSizeUnits=\"MM\" "
    "bufferColor=\"255,255,255,255\"/>\n"
    "   </text-style>\n"
    "   <placement placement=\"1\"/>\n"
    "  </settings>\n"
    " </labeling>\n"
    " <layerGeometryType>2</layerGeometryType>\n"
    "</qgis>\n");
}

static char *
description (void)
{
  return g_strdup (_("The areas in their colours, as Wijkindeling shows them"));
}

/* _wk_layer_style_write_gpkg:
 *
 * Writes (or replaces) the style row of the areas layer in a GeoPackage
 * being written; makes the table as QGIS does when there is none.
 */
gboolean
_wk_layer_style_write_gpkg (GDALDatasetH ds)
{
  static const struct { const char *name; OGRFieldType type; } fields[] = {
    { "f_table_catalog", OFTString }, { "f_table_schema", OFTString },
    { "f_table_name", OFTString }, { "f_geometry_column", OFTString },
    { "styleName", OFTString }, { "styleQML", OFTString }, { "styleSLD", OFTString },
    { "useAsDefault", OFTInteger }, { "description", OFTString }, { "owner", OFTString },
    { "ui", OFTString }, { "update_time", OFTDateTime },
  };
  OGRLayerH layer = GDALDatasetGetLayerByName (ds, WK_LAYER_STYLES);
  g_autofree char *qml = _wk_layer_style_areas_qml ();
  g_autofree char *about = description ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  OGRFeatureDefnH defn;
  OGRFeatureH f;
  OGRErr err;

  if (layer == NULL)
    {
      layer = GDALDatasetCreateLayer (ds, WK_LAYER_STYLES, NULL, wkbNone, NULL);
      for (guint i = 0; layer != NULL && i < G_N_ELEMENTS (fields); i++)
        wk_ogr_add_field (layer, fields[i].name, fields[i].type);
    }
  if (layer == NULL)
    return FALSE;
  /* our row only */
  OGR_L_SetAttributeFilter (layer, "f_table_name = '" L_AREAS "' AND styleName = '" STYLE_NAME "'");
  OGR_L_ResetReading (layer);
  err = OGRERR_NONE;
  while (err == OGRERR_NONE && (f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      err = OGR_L_DeleteFeature (layer, OGR_F_GetFID (f));
      OGR_F_Destroy (f);
    }
  OGR_L_SetAttributeFilter (layer, NULL);
  if (err != OGRERR_NONE)
    return FALSE;

  defn = OGR_L_GetLayerDefn (layer);
  f = OGR_F_Create (defn);
  OGR_F_SetFieldString (f, OGR_FD_GetFieldIndex (defn, "f_table_catalog"), "");
  OGR_F_SetFieldString (f, OGR_FD_GetFieldIndex (defn, "f_table_schema"), "");
  OGR_F_SetFieldString (f, OGR_FD_GetFieldIndex (defn, "f_table_name"), L_AREAS);
  OGR_F_SetFieldString (f, OGR_FD_GetFieldIndex (defn, "f_geometry_column"), "geom");
  OGR_F_SetFieldString (f, OGR_FD_GetFieldIndex (defn, "styleName"), STYLE_NAME);
  OGR_F_SetFieldString (f, OGR_FD_GetFieldIndex (defn, "styleQML"), qml);
  OGR_F_SetFieldInteger (f, OGR_FD_GetFieldIndex (defn, "useAsDefault"), 1);
  OGR_F_SetFieldString (f, OGR_FD_GetFieldIndex (defn, "description"), about);
  OGR_F_SetFieldDateTimeEx (f, OGR_FD_GetFieldIndex (defn, "update_time"),
                            g_date_time_get_year (now), g_date_time_get_month (now),
                            g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                            g_date_time_get_minute (now), g_date_time_get_second (now), 100);
  err = OGR_L_CreateFeature (layer, f);
  OGR_F_Destroy (f);
  return err == OGRERR_NONE;
}

/* _wk_layer_style_write_pg:
 *
 * Writes (or replaces) the style row of @schema's areas layer in
 * public.layer_styles, made as QGIS makes it when there is none.  Runs in
 * a savepoint of the caller's transaction: a user who may not write there
 * gets no style, and the save goes on.
 */
gboolean
_wk_layer_style_write_pg (PGconn      *conn,
                          const char  *schema,
                          GError     **error)
{
  static const char * const sql[] = {
    "SAVEPOINT wk_style",
    "CREATE TABLE IF NOT EXISTS public." WK_LAYER_STYLES " (id serial PRIMARY KEY, "
    "f_table_catalog varchar, f_table_schema varchar, f_table_name varchar, "
    "f_geometry_column varchar, stylename text, styleqml xml, stylesld xml, "
    "useasdefault boolean, description text, owner varchar(63) DEFAULT CURRENT_USER, ui xml, "
    "update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar)",
    "DELETE FROM public." WK_LAYER_STYLES " WHERE f_table_catalog = current_database () "
    "AND f_table_schema = $1 AND f_table_name = '" L_AREAS "'",
    "INSERT INTO public." WK_LAYER_STYLES " (f_table_catalog, f_table_schema, f_table_name, "
    "f_geometry_column, stylename, styleqml, useasdefault, description, type) VALUES "
    "(current_database (), $1, '" L_AREAS "', 'geom', '" STYLE_NAME "', $2::xml, true, $3, "
    "'Polygon')",
    "RELEASE SAVEPOINT wk_style",
  };
  g_autofree char *qml = _wk_layer_style_areas_qml ();
  g_autofree char *about = description ();
  const char *params[] = { schema, qml, about };
  static const int n_params[] = { 0, 0, 1, 3, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      PGresult *res = PQexecParams (conn, sql[i], n_params[i], NULL, params, NULL, NULL, 0);
      gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;

      if (!ok)
        {
          g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE, "%s",
                       PQresultErrorMessage (res));
          PQclear (res);
          PQclear (PQexec (conn, "ROLLBACK TO SAVEPOINT wk_style"));
          return FALSE;
        }
      PQclear (res);
    }
  return TRUE;
}
