/* wk-loader-providers.c: reading providers, networks and boundaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-loader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-dataset-private.h"
#include "wk-loader-private.h"
#include "wk-parallel-private.h"
#include "wk-progress.h"
#include "wk-source.h"

/* ------------------------------------------------------------- providers */

static const char *provider_name_fields[] = {
  "naam", "name", "praktijknaam", "praktijk", "organisatie", "organisation", "organization",
  "apotheek", "locatie", "location", "label", "titel", "title", NULL
};
static const char *provider_fte_fields[] = {
  "fte", "huisarts_fte", "fte_huisarts", "capaciteit_fte", "normpraktijken", "capacity",
  "capaciteit", NULL
};
static const char *provider_patient_fields[] = {
  "patienten", "patiënten", "ingeschrevenen", "ingeschreven_patienten", "aantal_patienten",
  "listed_patients", "patients", NULL
};
static const char *provider_network_fields[] = {
  "netwerk", "network", "hagro", "groep", "group", "team", "zorggroep", "wijkteam",
  "samenwerkingsverband", NULL
};
static const char *provider_dispensing_fields[] = {
  "apotheekhoudend", "dispensing", "apotheekhoudende_huisarts", NULL
};
static const char *provider_kind_fields[] = {
  "kind", "soort", "type", "categorie", "category", NULL
};
static const char *x_fields[] = {
  "x", "rd_x", "x_rd", "xcoord", "x_coord", "coord_x", "lon", "lng", "long", "longitude",
  "lengtegraad", NULL
};
static const char *y_fields[] = {
  "y", "rd_y", "y_rd", "ycoord", "y_coord", "coord_y", "lat", "latitude", "breedtegraad", NULL
};

static gboolean
parse_bool (const char *text)
{
  static const char *yes[] = { "1", "true", "ja", "yes", "j", "y", "waar", "t", NULL };

  if (text == NULL)
    return FALSE;
  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
kind_from_text (const char     *text,
                WkProviderKind *kind,
                gboolean       *dispensing)
{
  g_autofree char *lower = NULL;

  if (text == NULL)
    return FALSE;
  lower = g_utf8_strdown (text, -1);
  *dispensing = FALSE;
  if (strstr (lower, "apotheekhoudend") != NULL || strstr (lower, "dispensing") != NULL)
    {
      *kind = WK_PROVIDER_GP;
      *dispensing = TRUE;
      return TRUE;
    }
  if (strstr (lower, "huisarts") != NULL || g_str_equal (lower, "gp") ||
      strstr (lower, "general practi") != NULL)
    *kind = WK_PROVIDER_GP;
  else if (strstr (lower, "apothe") != NULL || strstr (lower, "pharmac") != NULL)
    *kind = WK_PROVIDER_PHARMACY;
  else if (strstr (lower, "verpleeg") != NULL || strstr (lower, "verpleg") != NULL ||
           strstr (lower, "nurs") != NULL || strstr (lower, "thuiszorg") != NULL)
    *kind = WK_PROVIDER_NURSING;
  else if (strstr (lower, "sociaal") != NULL || strstr (lower, "social") != NULL ||
           strstr (lower, "wijkteam") != NULL)
    *kind = WK_PROVIDER_SOCIAL;
  else
    return FALSE;
  return TRUE;
}

/* A point layer, or a CSV without geometry whose coordinate columns can be
 * read (e.g. with decimal commas, which GDAL's CSV driver does not parse). */
static OGRLayerH
pick_point_layer (GDALDatasetH   ds,
                  const char    *display,
                  int           *x_field,
                  int           *y_field,
                  GError       **error)
{
  int n = GDALDatasetGetLayerCount (ds);

  *x_field = *y_field = -1;
  if (!_wk_loader_zip_check_layers (ds, display, error))
    return NULL;
  for (int i = 0; i < n; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, i);
      OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);

      *x_field = _wk_loader_detect_field (defn, x_fields);
      *y_field = _wk_loader_detect_field (defn, y_fields);
      if (_wk_loader_layer_has_kind (layer, WK_GEOMETRY_POINT) ||
          _wk_loader_layer_has_kind (layer, WK_GEOMETRY_POLYGON) ||
          (*x_field >= 0 && *y_field >= 0))
        return layer;
    }
  return _wk_loader_pick_layer (ds, NULL, WK_GEOMETRY_POINT, FALSE, display, error);
}

/* Gives a CSV layer without usable geometry one, from its coordinate
 * columns; the coordinates' system is decided from their range. */
static OGRGeometryH
point_from_columns (OGRFeatureH feature,
                    int         x_field,
                    int         y_field)
{
  g_autofree char *xs = wk_ogr_field_as_utf8 (feature, x_field);
  g_autofree char *ys = wk_ogr_field_as_utf8 (feature, y_field);
  double x, y;
  OGRGeometryH point;

  if (!_wk_loader_parse_number (xs, &x) || !_wk_loader_parse_number (ys, &y))
    return NULL;
  point = OGR_G_CreateGeometry (wkbPoint);
  OGR_G_SetPoint_2D (point, 0, x, y);
  return point;
}

gboolean
_wk_dataset_read_providers (WkDataset       *self,
                            WkProviderKind   kind,
                            const char      *path,
                            GCancellable    *cancellable,
                            GError         **error)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  g_autofree char *layer_name = NULL;
  g_autofree char *file = _wk_loader_split_source (path, &layer_name);
  g_autofree char *display = wk_gdal_display_name (file);
  g_auto(GDALDatasetH) ds = NULL;
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  int x_field = -1, y_field = -1, f_name, f_fte, f_patients, f_network, f_disp, f_kind;
  g_autoptr(GPtrArray) feats = g_ptr_array_new_with_free_func ((GDestroyNotify) OGR_F_Destroy);
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) OGR_G_DestroyGeometry);
  OGREnvelope env = { G_MAXDOUBLE, -G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE };
  OGRSpatialReferenceH layer_srs;
  g_auto(OGRSpatialReferenceH) srs = NULL;
  g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  g_autoptr(WkGdalCapture) read_failure = NULL;
  g_auto(OGRFeatureH) feature = NULL;
  guint before = self->providers->len;

  ds = _wk_open_vector (file, NULL, error);
  if (ds == NULL)
    return FALSE;
  if (layer_name != NULL)
    layer = _wk_loader_pick_layer (ds, layer_name, WK_GEOMETRY_POINT, FALSE, display, error);
  else
    layer = pick_point_layer (ds, display, &x_field, &y_field, error);
  if (layer == NULL)
    return FALSE;
  defn = OGR_L_GetLayerDefn (layer);
  if (layer_name != NULL)
    {
      x_field = _wk_loader_detect_field (defn, x_fields);
      y_field = _wk_loader_detect_field (defn, y_fields);
    }
  f_name = _wk_loader_detect_field (defn, provider_name_fields);
  f_fte = _wk_loader_detect_field (defn, provider_fte_fields);
  f_patients = _wk_loader_detect_field (defn, provider_patient_fields);
  f_network = _wk_loader_detect_field (defn, provider_network_fields);
  f_disp = _wk_loader_detect_field (defn, provider_dispensing_fields);
  f_kind = _wk_loader_detect_field (defn, provider_kind_fields);

  /* Read all points first: a file without CRS is judged by its range. */
  read_failure = wk_gdal_capture_begin ();
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (feature);
      OGRGeometryH point = NULL;
      OGREnvelope e;

      if (g != NULL && !OGR_G_IsEmpty (g))
        {
          OGRwkbGeometryType t = wkbFlatten (OGR_G_GetGeometryType (g));

          if (t == wkbPoint)
            point = OGR_G_Clone (g);
          else if (t == wkbMultiPoint && OGR_G_GetGeometryCount (g) > 0)
            point = OGR_G_Clone (OGR_G_GetGeometryRef (g, 0));
          else if (_wk_geometry_kind_of (t) == WK_GEOMETRY_POLYGON)
            {
              /* A broken footprint is this feature's problem, not the file's. */
              WkGdalCapture *ignored = wk_gdal_capture_begin ();

              point = OGR_G_PointOnSurface (g);
              wk_gdal_capture_end (ignored);
            }
        }
      if (point == NULL && x_field >= 0 && y_field >= 0)
        point = point_from_columns (feature, x_field, y_field);
      if (point == NULL)
        {
          g_autofree char *label = _wk_loader_feature_label (feature, f_name);

          self->report->n_providers_skipped++;
          _wk_load_report_add (self->report, _("“%s”, %s: skipped, because it has no location."),
                              display, label);
          g_clear_pointer (&feature, OGR_F_Destroy);
          continue;
        }
      OGR_G_GetEnvelope (point, &e);
      if (!isfinite (e.MinX) || !isfinite (e.MinY))
        {
          g_autofree char *label = _wk_loader_feature_label (feature, f_name);

          self->report->n_providers_skipped++;
          _wk_load_report_add (self->report, _("“%s”, %s: skipped, because its coordinates are not numbers."),
                              display, label);
          OGR_G_DestroyGeometry (point);
          g_clear_pointer (&feature, OGR_F_Destroy);
          continue;
        }
      env.MinX = MIN (env.MinX, e.MinX);
      env.MaxX = MAX (env.MaxX, e.MaxX);
      env.MinY = MIN (env.MinY, e.MinY);
      env.MaxY = MAX (env.MaxY, e.MaxY);
      g_ptr_array_add (points, point);
      g_ptr_array_add (feats, g_steal_pointer (&feature));
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Loading was cancelled."));
          return FALSE;
        }
    }
  if (read_failure->len > 0)
    return _wk_loader_set_damaged (error, display, read_failure->str);
  g_clear_pointer (&read_failure, wk_gdal_capture_end);
  if (points->len == 0)
    {
      _wk_load_report_add (self->report, _("“%s” has no locations."), display);
      return TRUE;
    }

  layer_srs = OGR_L_GetSpatialRef (layer);
  /* judged by the range: a few bad rows are dropped and named first */
  if (layer_srs == NULL || OGR_F_GetGeometryRef (g_ptr_array_index (feats, 0)) == NULL)
    _wk_loader_drop_stray_points (ds, feats, points, display, self->report, &env);
  if (layer_srs != NULL && (OGR_F_GetGeometryRef (g_ptr_array_index (feats, 0)) != NULL))
    srs = OSRClone (layer_srs);
  else if (_wk_loader_extent_inside (&env, RD_XMIN, RD_YMIN, RD_XMAX, RD_YMAX))
    srs = OSRClone (rd);
  else if (_wk_loader_extent_inside (&env, LL_XMIN, LL_YMIN, LL_XMAX, LL_YMAX))
    srs = wk_gdal_srs_new_epsg (4326);
  else
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_CRS,
                   _("The locations in “%s” have no coordinate system, and their coordinates are "
                     "neither RD New nor longitude/latitude in the Netherlands."), display);
      return FALSE;
    }
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  if (!_wk_loader_srs_is_epsg (srs, "28992") && !OSRIsSame (srs, rd))
    {
      g_autoptr(WkGdalCapture) failure = wk_gdal_capture_begin ();

      ct = OCTNewCoordinateTransformation (srs, rd);
      if (ct == NULL)
        {
          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_CRS,
                       _("The coordinates of “%s” cannot be converted to RD New: %s"),
                       display, failure->len ? failure->str : "?");
          return FALSE;
        }
    }

  for (guint i = 0; i < points->len; i++)
    {
      OGRFeatureH feat = g_ptr_array_index (feats, i);
      OGRGeometryH point = g_ptr_array_index (points, i);
      g_autofree char *label = _wk_loader_feature_label (feat, f_name);
      g_autofree char *name = wk_ogr_field_as_utf8 (feat, f_name);
      g_autofree char *network = wk_ogr_field_as_utf8 (feat, f_network);
      g_autofree char *kind_text = wk_ogr_field_as_utf8 (feat, f_kind);
      WkProvider prov = { 0 };
      double v;

      if (ct != NULL)
        {
          g_autoptr(GString) failure = g_string_new (NULL);
          OGRErr err;

          wk_gdal_push_capture (failure);
          err = OGR_G_Transform (point, ct);
          wk_gdal_pop_capture ();
          if (err != OGRERR_NONE)
            {
              self->report->n_providers_skipped++;
              _wk_load_report_add (self->report, _("“%s”, %s: skipped, because its coordinates "
                                                  "cannot be converted."), display, label);
              continue;
            }
        }
      prov.x = OGR_G_GetX (point, 0);
      prov.y = OGR_G_GetY (point, 0);
      if (!(prov.x >= RD_XMIN && prov.x <= RD_XMAX && prov.y >= RD_YMIN && prov.y <= RD_YMAX))
        {
          self->report->n_providers_skipped++;
          _wk_load_report_add (self->report, _("“%s”, %s: skipped, because it lies outside the Netherlands."),
                              display, label);
          continue;
        }
      wk_rd_to_lonlat (prov.x, prov.y, &prov.lon, &prov.lat);
      prov.kind = kind;
      if (kind_text != NULL)
        {
          WkProviderKind k;
          gboolean disp = FALSE;

          if (kind_from_text (kind_text, &k, &disp))
            {
              prov.kind = k;
              prov.dispensing = disp;
            }
        }
      if (f_disp >= 0)
        {
          g_autofree char *d = wk_ogr_field_as_utf8 (feat, f_disp);
          prov.dispensing = prov.dispensing || parse_bool (d);
        }
      prov.name = name && *name ? g_string_chunk_insert (self->strings, name) : NULL;
      prov.network = network && *network ? g_string_chunk_insert_const (self->strings, network) : NULL;
      prov.source = g_string_chunk_insert_const (self->strings, display);
      prov.capacity_fte = NAN;
      if (_wk_loader_field_as_number (feat, f_fte, &v) == VALUE_OK && v >= 0)
        prov.capacity_fte = v;
      else if (_wk_loader_field_as_number (feat, f_patients, &v) == VALUE_OK && v >= 0)
        prov.capacity_fte = v / 2350.0;
      prov.unit = WK_UNIT_NONE;
      self->report->n_providers[prov.kind]++;
      g_array_append_val (self->providers, prov);
    }
  (void) ctx;
  g_debug ("%s: %u providers", display, self->providers->len - before);
  return TRUE;
}

/* ------------------------------------------------------- networks, boundary */

static const char *network_name_fields[] = {
  "naam", "name", "netwerk", "network", "team", "teamnaam", "hagro", "wijkteam", "gebied",
  "gebiedsnaam", "label", "wk_naam", "wijknaam", "area_name", NULL
};
static const char *color_fields[] = { "color", "colour", "kleur", NULL };

/* One feature of a polygon layer, converted. */
typedef struct
{
  GEOSGeometry *geom;       /* NULL: skipped, because of @why */
  char         *label;
  char         *why;
  char         *name;       /* NULL where empty */
  char         *color;
  gboolean      repaired;
} PolygonRead;

static void
polygon_read_free (gpointer data)
{
  PolygonRead *r = data;

  g_clear_pointer (&r->geom, wk_geos_geom_free);
  g_free (r->label);
  g_free (r->why);
  g_free (r->name);
  g_free (r->color);
  g_free (r);
}

/* Reading a polygon layer on two threads: GDAL parses the features on one
 * (for GeoJSON, its largest cost) and hands them over through @queue; they
 * are reprojected and converted to GEOS on the other, in the file's order. */
typedef struct
{
  OGRLayerH           layer;
  const Reprojection *reproj;
  int                 f_name;
  int                 f_color;
  gboolean            colors;
  GCancellable       *cancellable;
  GAsyncQueue        *queue;          /* OGRFeatureH, then END_OF_FEATURES */
  /* the parsing side's */
  OGREnvelope         extent;         /* for _wk_loader_check_extent() */
  gboolean            have_extent;
  gboolean            cancelled;
  char               *read_failure;   /* what GDAL said while reading */
  /* the converting side's */
  GPtrArray          *read;           /* PolygonRead, in the file's order */
  char               *convert_failure;
} PolygonsJob;

static void
polygons_job_clear (PolygonsJob *job)
{
  g_clear_pointer (&job->read, g_ptr_array_unref);
  g_clear_pointer (&job->read_failure, g_free);
  g_clear_pointer (&job->convert_failure, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PolygonsJob, polygons_job_clear)

static int end_of_features;
#define END_OF_FEATURES ((gpointer) &end_of_features)

static void
parse_polygons (PolygonsJob *job)
{
  g_autoptr(WkGdalCapture) read_failure = wk_gdal_capture_begin ();
  OGRFeatureH feature;

  OGR_L_ResetReading (job->layer);
  while ((feature = OGR_L_GetNextFeature (job->layer)) != NULL)
    {
      OGRGeometryH source = OGR_F_GetGeometryRef (feature);

      /* the extent for _wk_loader_check_extent(), in this one pass */
      if (source != NULL && !OGR_G_IsEmpty (source))
        {
          OGREnvelope e;

          OGR_G_GetEnvelope (source, &e);
          if (!job->have_extent)
            job->extent = e;
          job->extent.MinX = MIN (job->extent.MinX, e.MinX);
          job->extent.MinY = MIN (job->extent.MinY, e.MinY);
          job->extent.MaxX = MAX (job->extent.MaxX, e.MaxX);
          job->extent.MaxY = MAX (job->extent.MaxY, e.MaxY);
          job->have_extent = TRUE;
        }
      g_async_queue_push (job->queue, feature);
      if (g_cancellable_is_cancelled (job->cancellable))
        {
          job->cancelled = TRUE;
          break;
        }
    }
  job->read_failure = g_strdup (read_failure->str);
  g_async_queue_push (job->queue, END_OF_FEATURES);
}

static void
convert_polygons (PolygonsJob *job)
{
  g_autoptr(WkGdalCapture) failure = wk_gdal_capture_begin ();
  Reprojection mine = *job->reproj;
  gpointer item;

  /* a transformation is used by one thread only: this one gets its own
   * (the parsing thread does not use it: without a copy, this one may) */
  if (mine.ct != NULL)
    mine.ct = OCTClone (job->reproj->ct);
  if (mine.ct == NULL)
    mine.ct = job->reproj->ct;
  while ((item = g_async_queue_pop (job->queue)) != END_OF_FEATURES)
    {
      OGRFeatureH feature = item;
      PolygonRead *r = g_new0 (PolygonRead, 1);

      r->label = _wk_loader_feature_label (feature, job->f_name);
      r->geom = _wk_loader_feature_geometry (feature, &mine, WK_GEOMETRY_POLYGON,
                                             &r->repaired, &r->why);
      if (r->geom != NULL)
        {
          r->name = wk_ogr_field_as_utf8 (feature, job->f_name);
          if (r->name != NULL && *r->name == '\0')
            g_clear_pointer (&r->name, g_free);
          if (job->colors)
            r->color = wk_ogr_field_as_utf8 (feature, job->f_color);
        }
      g_ptr_array_add (job->read, r);
      OGR_F_Destroy (feature);
    }
  if (mine.ct != job->reproj->ct)
    OCTDestroyCoordinateTransformation (mine.ct);
  job->convert_failure = g_strdup (failure->str);
}

/* Item 0 parses, item 1 converts; on one thread, one after the other. */
static void
read_polygons_chunk (gpointer data,
                     guint    begin,
                     guint    end)
{
  for (guint item = begin; item < end; item++)
    {
      if (item == 0)
        parse_polygons (data);
      else
        convert_polygons (data);
    }
}

/* GDAL's GeoJSON driver parses the whole file when it opens it, for the
 * fields of every feature and the layer's CRS, and then again for the
 * features.  Team areas and boundaries give all their features the same
 * fields, and write "crs" before the features: their first pass can stop
 * after the first MiB. */
#define FIRST_PASS_OPTION "OGR_GEOJSON_MAX_BYTES_FIRST_PASS"
#define FIRST_PASS_BYTES  1048576

/* _wk_read_polygons(), with GDAL's GeoJSON first pass cut short when
 * @quick. */
static gboolean
read_polygons (const char     *path,
               const char     *name_field,
               WkLoadReport   *report,
               GPtrArray      *geoms,
               GPtrArray      *names,
               GPtrArray      *colors,
               gboolean        quick,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autofree char *layer_name = NULL;
  g_autofree char *file = _wk_loader_split_source (path, &layer_name);
  g_autofree char *display = wk_gdal_display_name (file);
  g_auto(GDALDatasetH) ds = NULL;
  g_auto(PolygonsJob) job = { 0 };
  Reprojection reproj = { 0 };
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  OGREnvelope extent = { 0 };
  gboolean have_extent = FALSE;
  int f_name, f_color;

  if (quick)
    {
      g_autofree char *was = g_strdup (CPLGetThreadLocalConfigOption (FIRST_PASS_OPTION, NULL));

      CPLSetThreadLocalConfigOption (FIRST_PASS_OPTION, G_STRINGIFY (FIRST_PASS_BYTES));
      ds = _wk_open_vector (file, NULL, error);
      CPLSetThreadLocalConfigOption (FIRST_PASS_OPTION, was);
    }
  else
    ds = _wk_open_vector (file, NULL, error);
  if (ds == NULL)
    return FALSE;
  layer = _wk_loader_pick_layer (ds, layer_name, WK_GEOMETRY_POLYGON, FALSE, display, error);
  if (layer == NULL)
    return FALSE;
  defn = OGR_L_GetLayerDefn (layer);
  if (name_field != NULL)
    {
      f_name = _wk_loader_find_field_ci (defn, name_field);
      if (f_name < 0)
        {
          g_auto(GStrv) all = _wk_loader_field_names (defn);
          g_autofree char *list = g_strjoinv (", ", all);

          g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_NO_FIELD,
                       _("“%s” has no field “%s”. Its fields are: %s."), display, name_field,
                       *list ? list : _("none"));
          return FALSE;
        }
    }
  else
    f_name = _wk_loader_detect_field (defn, network_name_fields);
  if (f_name < 0)
    for (int f = 0; f < OGR_FD_GetFieldCount (defn) && f_name < 0; f++)
      if (OGR_Fld_GetType (OGR_FD_GetFieldDefn (defn, f)) == OFTString)
        f_name = f;
  f_color = colors != NULL ? _wk_loader_detect_field (defn, color_fields) : -1;
  {
    /* The report's CRS line is about the units, not this file. */
    g_autofree char *kept = g_steal_pointer (&report->source_crs);
    gboolean ok = _wk_loader_resolve_crs_unchecked (layer, display, report, &reproj, error);

    g_free (report->source_crs);
    report->source_crs = g_steal_pointer (&kept);
    if (!ok)
      return FALSE;
  }

  job.layer = layer;
  job.reproj = &reproj;
  job.f_name = f_name;
  job.f_color = f_color;
  job.colors = colors != NULL;
  job.cancellable = cancellable;
  job.queue = g_async_queue_new ();
  job.read = g_ptr_array_new_with_free_func (polygon_read_free);
  /* GDAL's parsing on one thread, the conversion on another */
  _wk_parallel_for (2, 1, read_polygons_chunk, &job);
  g_async_queue_unref (job.queue);
  if (job.cancelled)
    {
      _wk_loader_reprojection_clear (&reproj);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Loading was cancelled."));
      return FALSE;
    }
  for (guint i = 0; i < job.read->len; i++)
    {
      PolygonRead *r = g_ptr_array_index (job.read, i);

      if (r->geom == NULL)
        {
          _wk_load_report_add (report, _("“%s”, %s: skipped, because %s."), display, r->label,
                               r->why);
          continue;
        }
      if (r->repaired)
        _wk_load_report_add (report, _("“%s”, %s: the geometry was invalid (%s) and has been repaired."),
                            display, r->label, r->why);
      g_ptr_array_add (geoms, g_steal_pointer (&r->geom));
      g_ptr_array_add (names, g_steal_pointer (&r->name));
      if (colors != NULL)
        g_ptr_array_add (colors, g_steal_pointer (&r->color));
    }
  extent = job.extent;
  have_extent = job.have_extent;
  if (have_extent && !_wk_loader_check_extent (layer, &extent, display, &reproj, error))
    return FALSE;
  _wk_loader_reprojection_clear (&reproj);
  if (job.read_failure != NULL && *job.read_failure != '\0')
    return _wk_loader_set_damaged (error, display, job.read_failure);
  if (job.convert_failure != NULL && *job.convert_failure != '\0')
    return _wk_loader_set_damaged (error, display, job.convert_failure);
  if (geoms->len == 0)
    {
      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_EMPTY,
                   _("“%s” has no usable polygons."), display);
      return FALSE;
    }
  return TRUE;
}

/* Whether @path is a GeoJSON file large enough for a cut first pass whose
 * "crs" member, if any, does not come after its features (the last 4 KiB do
 * not name one). */
static gboolean
first_pass_can_be_cut (const char *path)
{
  g_autofree char *layer = NULL;
  g_autofree char *file = _wk_loader_split_source (path, &layer);
  g_autofree char *lower = g_ascii_strdown (file, -1);
  char tail[4097];
  GStatBuf st;
  FILE *fp;
  size_t n;

  if (!(g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json")) ||
      g_stat (file, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size <= 4 * FIRST_PASS_BYTES)
    return FALSE;
  fp = g_fopen (file, "rb");
  if (fp == NULL)
    return FALSE;
  n = fseek (fp, -4096, SEEK_END) == 0 ? fread (tail, 1, 4096, fp) : 0;
  fclose (fp);
  tail[n] = '\0';
  return n == 4096 && g_strstr_len (tail, n, "\"crs\"") == NULL;
}

/* _wk_read_polygons:
 * @path: an OGR source, optionally with “|layername=NAME”
 * @name_field: (nullable): the field with the names; detected when %NULL
 * @report: where skipped and repaired features are listed
 * @geoms: (element-type GEOSGeometry): receives the valid polygons, in RD
 * @names: (element-type utf8): receives their names (%NULL where empty)
 * @colors: (element-type utf8) (nullable): receives their #rrggbb colour
 *   field, when there is one, or %NULL
 *
 * Reads the polygons of a layer (the first polygon layer unless named), as
 * network and boundary files and imported area maps are.  A large GeoJSON
 * file is read with GDAL's first pass cut short (FIRST_PASS_BYTES); when
 * that read fails for any reason (a field named but not among the first
 * features', a CRS the extent check refuses), the file is read again the
 * usual way, which gives the error if it is the file's.
 */
gboolean
_wk_read_polygons (const char     *path,
                   const char     *name_field,
                   WkLoadReport   *report,
                   GPtrArray      *geoms,
                   GPtrArray      *names,
                   GPtrArray      *colors,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(GError) quick_error = NULL;
  guint n_geoms = geoms->len, n_names = names->len, n_colors = colors ? colors->len : 0;
  guint n_messages = report->messages->len;

  if (!first_pass_can_be_cut (path))
    return read_polygons (path, name_field, report, geoms, names, colors, FALSE,
                          cancellable, error);
  if (read_polygons (path, name_field, report, geoms, names, colors, TRUE,
                     cancellable, &quick_error))
    return TRUE;
  if (g_error_matches (quick_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&quick_error));
      return FALSE;
    }
  g_debug ("%s: read again with GDAL's whole first pass: %s", path, quick_error->message);
  g_ptr_array_set_size (geoms, n_geoms);
  g_ptr_array_set_size (names, n_names);
  if (colors != NULL)
    g_ptr_array_set_size (colors, n_colors);
  g_ptr_array_set_size (report->messages, n_messages);
  return read_polygons (path, name_field, report, geoms, names, colors, FALSE,
                        cancellable, error);
}

gboolean
_wk_dataset_read_networks (WkDataset     *self,
                           const char    *path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GPtrArray) geoms = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display = _wk_loader_source_display_name (path);

  if (!_wk_read_polygons (path, NULL, self->report, geoms, names, NULL, cancellable, error))
    return FALSE;
  for (guint i = 0; i < geoms->len; i++)
    {
      WkNetwork net = { 0 };
      WkOutline rd, ll;
      GEOSGeometry *g = g_ptr_array_index (geoms, i);
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *fallback = NULL;

      if (name == NULL)
        name = fallback = g_strdup_printf (_("Network %u"), i + 1);
      g_ptr_array_index (geoms, i) = NULL;   /* handed over below */
      net.name = g_string_chunk_insert (self->strings, name);
      net.source = g_string_chunk_insert_const (self->strings, display);
      _wk_outline_from_geos (&rd, g);
      _wk_dataset_outline_to_lonlat (self, &rd, &ll);
      g_array_append_val (self->networks, net);
      g_ptr_array_add (self->network_geoms, g);
      g_array_append_val (self->network_outlines_rd, rd);
      g_array_append_val (self->network_outlines_ll, ll);
    }
  return TRUE;
}

gboolean
_wk_dataset_read_boundary (WkDataset     *self,
                           const char    *path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GPtrArray) geoms = g_ptr_array_new_with_free_func ((GDestroyNotify) wk_geos_geom_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (!_wk_read_polygons (path, NULL, self->report, geoms, names, NULL, cancellable, error))
    return FALSE;
  /* Municipalities usually form a coverage (shared edges with the same
   * vertices, also after reprojection): dissolved as one, an order of
   * magnitude faster than an overlay; wk_geos_union_all() falls back to the
   * overlay when the area or validity says they do not. */
  self->boundary = wk_geos_union_all ((GEOSGeometry **) geoms->pdata, geoms->len, TRUE);
  if (self->boundary == NULL)
    {
      g_autofree char *display = _wk_loader_source_display_name (path);

      g_set_error (error, WK_DATASET_ERROR, WK_DATASET_ERROR_INVALID,
                   _("The boundary in “%s” could not be combined into one area."), display);
      return FALSE;
    }
  _wk_outline_from_geos (&self->boundary_rd, self->boundary);
  _wk_dataset_outline_to_lonlat (self, &self->boundary_rd, &self->boundary_ll);

  _wk_dataset_compute_inside_shares (self);
  return TRUE;
}
