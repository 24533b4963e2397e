/* wk-project-write.c: the snapshot of a project and writing it as a GeoPackage through GDAL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wk-area.h"
#include "wk-array-private.h"
#include "wk-dataset-private.h"
#include "wk-dissolver-private.h"
#include "wk-file-private.h"
#include "wk-layer-style.h"
#include "wk-output.h"
#include "wk-output-private.h"
#include "wk-plan-private.h"
#include "wk-profile.h"
#include "wk-progress.h"
#include "wk-project-private.h"

/* ------------------------------------------------------------ snapshot */

static GPtrArray *
copy_array (GPtrArray      *array,
            GBoxedCopyFunc  copy,
            GDestroyNotify  free_func)
{
  GPtrArray *out = g_ptr_array_new_full (array->len, free_func);

  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (out, copy (g_ptr_array_index (array, i)));
  return out;
}

/* _wk_project_snapshot_new:
 * @recovery: whether it is for a recovery copy
 *
 * Copies what a save writes.  Main thread only.
 */
WkProjectSnapshot *
_wk_project_snapshot_new (WkProject *self,
                          gboolean   recovery)
{
  WkProjectSnapshot *snap = g_new0 (WkProjectSnapshot, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->plans));

  snap->dataset = g_object_ref (self->dataset);
  snap->profile_ini = wk_profile_to_data (self->profile);
  snap->created = g_strdup (self->created);
  snap->plans = g_ptr_array_new_with_free_func (g_object_unref);
  snap->originals = g_ptr_array_new_with_free_func (g_object_unref);
  snap->serials = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      WkPlan *plan = g_list_model_get_item (G_LIST_MODEL (self->plans), i);
      guint serial = _wk_plan_get_serial (plan);

      g_ptr_array_add (snap->originals, plan);
      g_ptr_array_add (snap->plans, wk_plan_duplicate (plan));
      g_array_append_val (snap->serials, serial);
      if (plan == self->active)
        snap->active = i;
    }
  snap->sources = copy_array (self->sources, (GBoxedCopyFunc) wk_project_source_copy,
                              (GDestroyNotify) wk_project_source_free);
  snap->audit = copy_array (self->audit, (GBoxedCopyFunc) wk_audit_entry_copy,
                            (GDestroyNotify) wk_audit_entry_free);
  snap->struct_serial = self->struct_serial;
  snap->serial = self->serial;
  snap->title = wk_project_dup_title (self);
  snap->recovery = recovery;
  snap->recovery_for = g_strdup (self->path);
  return snap;
}

void
_wk_project_snapshot_free (WkProjectSnapshot *snap)
{
  if (snap == NULL)
    return;
  g_clear_object (&snap->dataset);
  g_free (snap->profile_ini);
  g_free (snap->created);
  g_ptr_array_unref (snap->plans);
  g_ptr_array_unref (snap->originals);
  g_array_unref (snap->serials);
  g_ptr_array_unref (snap->sources);
  g_ptr_array_unref (snap->audit);
  g_free (snap->title);
  g_free (snap->recovery_for);
  g_strfreev (snap->layer_options);
  g_free (snap);
}

/* -------------------------------------------------------------- writing */

static void
set_string (OGRFeatureH  f,
            int          field,
            const char  *value)
{
  if (field >= 0 && value != NULL)
    OGR_F_SetFieldString (f, field, value);
}

static gboolean
insert (OGRLayerH    layer,
        OGRFeatureH  f)
{
  OGRErr err = OGR_L_CreateFeature (layer, f);

  OGR_F_Destroy (f);
  return err == OGRERR_NONE;
}

/* Creates a table without geometry and its fields: @spec is “name:type”
 * pairs, type one of s(tring), i(nteger), I(nteger64), r(eal). */
static OGRLayerH
create_table (WkProjectSnapshot    *snap,
              GDALDatasetH          ds,
              const char           *name,
              OGRSpatialReferenceH  srs,
              OGRwkbGeometryType    type,
              const char * const   *spec)
{
  OGRLayerH layer = GDALDatasetCreateLayer (ds, name, srs, type, snap->layer_options);

  for (guint i = 0; layer != NULL && spec != NULL && spec[i] != NULL; i++)
    {
      const char *colon = strrchr (spec[i], ':');
      g_autofree char *field = g_strndup (spec[i], colon - spec[i]);
      OGRFieldType ftype = OFTString;

      switch (colon[1])
        {
        case 'i':
          ftype = OFTInteger;
          break;
        case 'I':
          ftype = OFTInteger64;
          break;
        case 'r':
          ftype = OFTReal;
          break;
        default:
          break;
        }
      wk_ogr_add_field (layer, field, ftype);
    }
  return layer;
}

/* A column name not yet used, compared as GeoPackage does: without case. */
static char *
claim_name (GHashTable *used,
            const char *wanted)
{
  char *name = g_strdup (wanted);
  char *lower = g_ascii_strdown (name, -1);

  for (guint k = 2; g_hash_table_contains (used, lower); k++)
    {
      g_free (name);
      g_free (lower);
      name = g_strdup_printf ("%s_%u", wanted, k);
      lower = g_ascii_strdown (name, -1);
    }
  g_hash_table_add (used, lower);
  return name;
}

static const char *
area_name (WkPlan *plan,
           guint   id)
{
  WkArea *area = id != WK_AREA_NONE ? wk_plan_get_area (plan, id) : NULL;

  return area ? wk_area_get_name (area) : NULL;
}

/* The units as the data set holds them (in RD, repaired, codes made
 * unique), with their role fields and numeric fields, and the area of each
 * in the active plan.  Loading them back gives the same data set. */
static gboolean
write_units (WkProjectSnapshot    *snap,
             GDALDatasetH          ds,
             OGRSpatialReferenceH  rd,
             GPtrArray            *meta)
{
  WkDataset *data = snap->dataset;
  WkPlan *active = g_ptr_array_index (snap->plans, snap->active);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_fields = wk_dataset_get_n_fields (data);
  g_autofree int *field_col = g_new (int, MAX (n_fields, 1));
  int role_col[WK_N_ROLES];
  int col = 0, area_col, area_id_col;
  OGRLayerH layer;

  g_hash_table_add (used, g_strdup ("fid"));
  g_hash_table_add (used, g_strdup ("geom"));
  g_hash_table_add (used, g_strdup ("wk_area"));
  g_hash_table_add (used, g_strdup ("wk_area_id"));
  layer = GDALDatasetCreateLayer (ds, L_UNITS, rd, wkbMultiPolygon, snap->layer_options);
  if (layer == NULL)
    return FALSE;

  for (guint r = 0; r < WK_N_ROLES; r++)
    {
      const char *src = wk_dataset_get_role_field (data, r);
      g_autofree char *key = NULL;
      g_autofree char *name = NULL;
      gpointer known;

      role_col[r] = -1;
      if (src == NULL)
        {
          g_ptr_array_add (meta, g_strdup_printf ("role.%s", wk_field_role_to_string (r)));
          g_ptr_array_add (meta, g_strdup (""));
          continue;
        }
      /* The 65+ figure is kept as a count: a percentage field's name would
       * make the loader take it as one. */
      key = g_strdup_printf ("%d:%s", r == WK_ROLE_POP65 && wk_dataset_pop65_is_share (data), src);
      if (g_hash_table_lookup_extended (by_source, key, NULL, &known))
        role_col[r] = GPOINTER_TO_INT (known);
      else
        {
          OGRFieldType type = OFTString;

          if (r == WK_ROLE_POPULATION)
            type = OFTInteger64;
          else if (r == WK_ROLE_POP65)
            type = OFTReal;
          name = claim_name (used, r == WK_ROLE_POP65 && wk_dataset_pop65_is_share (data)
                                   ? "inw_65plus" : src);
          wk_ogr_add_field (layer, name, type);
          role_col[r] = col++;
          g_hash_table_insert (by_source, g_steal_pointer (&key), GINT_TO_POINTER (role_col[r]));
        }
      g_ptr_array_add (meta, g_strdup_printf ("role.%s", wk_field_role_to_string (r)));
      g_ptr_array_add (meta, g_strdup (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (OGR_L_GetLayerDefn (layer),
                                                                               role_col[r]))));
    }
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *name = claim_name (used, wk_dataset_get_field (data, i)->name);

      wk_ogr_add_field (layer, name, OFTReal);
      field_col[i] = col++;
    }
  wk_ogr_add_field (layer, "wk_area", OFTString);
  area_col = col++;
  wk_ogr_add_field (layer, "wk_area_id", OFTInteger);
  area_id_col = col++;

  for (guint u = 0; u < wk_dataset_get_n_units (data); u++)
    {
      const WkUnit *unit = wk_dataset_get_unit (data, u);
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH g = wk_geos_to_ogr (_wk_dataset_get_geometry (data, u));
      guint area = wk_plan_get_unit_area (active, u);
      const char *texts[WK_N_ROLES] = { unit->code, unit->name, NULL, NULL,
                                        unit->gm_code, unit->gm_name };

      for (guint r = 0; r < WK_N_ROLES; r++)
        {
          if (role_col[r] < 0)
            continue;
          if (r == WK_ROLE_POPULATION)
            {
              if (unit->population >= 0)
                OGR_F_SetFieldInteger64 (f, role_col[r], unit->population);
            }
          else if (r == WK_ROLE_POP65)
            {
              if (unit->pop65 >= 0)
                OGR_F_SetFieldDouble (f, role_col[r], unit->pop65);
            }
          else
            set_string (f, role_col[r], texts[r]);
        }
      for (guint i = 0; i < n_fields; i++)
        {
          double v = wk_dataset_get_value (data, u, i);

          if (isfinite (v))
            OGR_F_SetFieldDouble (f, field_col[i], v);
        }
      if (area != WK_AREA_NONE)
        {
          set_string (f, area_col, area_name (active, area));
          OGR_F_SetFieldInteger (f, area_id_col, area);
        }
      if (g != NULL)
        OGR_F_SetGeometryDirectly (f, g);
      if (!insert (layer, f))
        return FALSE;
    }
  return TRUE;
}

/* All providers in one layer, in the data set's order; the kind column
 * gives each its kind when the loader reads them back. */
static gboolean
write_providers (WkProjectSnapshot    *snap,
                 GDALDatasetH          ds,
                 OGRSpatialReferenceH  rd)
{
  static const char * const spec[] = {
    "kind:s", "name:s", "network:s", "fte:r", "dispensing:i", "source:s", NULL
  };
  WkDataset *data = snap->dataset;
  OGRLayerH layer = create_table (snap, ds, L_PROVIDERS, rd, wkbPoint, spec);

  if (layer == NULL)
    return FALSE;
  for (guint p = 0; p < wk_dataset_get_n_providers (data); p++)
    {
      const WkProvider *prov = wk_dataset_get_provider (data, p);
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

      set_string (f, 0, wk_provider_kind_to_string (prov->kind));
      set_string (f, 1, prov->name);
      set_string (f, 2, prov->network);
      if (isfinite (prov->capacity_fte))
        OGR_F_SetFieldDouble (f, 3, prov->capacity_fte);
      OGR_F_SetFieldInteger (f, 4, prov->dispensing ? 1 : 0);
      set_string (f, 5, prov->source);
      OGR_G_SetPoint_2D (point, 0, prov->x, prov->y);
      OGR_F_SetGeometryDirectly (f, point);
      if (!insert (layer, f))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_networks (WkProjectSnapshot    *snap,
                GDALDatasetH          ds,
                OGRSpatialReferenceH  rd)
{
  static const char * const spec[] = { "name:s", "source:s", NULL };
  WkDataset *data = snap->dataset;
  OGRLayerH layer = create_table (snap, ds, L_NETWORKS, rd, wkbMultiPolygon, spec);

  if (layer == NULL)
    return FALSE;
  for (guint i = 0; i < wk_dataset_get_n_networks (data); i++)
    {
      const WkNetwork *net = wk_dataset_get_network (data, i);
      OGRFeatureH f;

      if (net->is_group)
        continue;
      f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      set_string (f, 0, net->name);
      set_string (f, 1, net->source);
      OGR_F_SetGeometryDirectly (f, wk_geos_to_ogr (_wk_dataset_get_network_geometry (data, i)));
      if (!insert (layer, f))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_boundary (WkProjectSnapshot    *snap,
                GDALDatasetH          ds,
                OGRSpatialReferenceH  rd)
{
  static const char * const spec[] = { "name:s", NULL };
  OGRLayerH layer = create_table (snap, ds, L_BOUNDARY, rd, wkbMultiPolygon, spec);
  OGRFeatureH f;

  if (layer == NULL)
    return FALSE;
  f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  set_string (f, 0, _("Municipal boundary"));
  OGR_F_SetGeometryDirectly (f, wk_geos_to_ogr (_wk_dataset_get_boundary (snap->dataset)));
  return insert (layer, f);
}

/* One plan's areas, dissolved from their units, for QGIS. */
static gboolean
write_plan_areas (WkProjectSnapshot  *snap,
                  OGRLayerH           layer,
                  WkPlan             *plan,
                  WkProgress         *progress,
                  GCancellable       *cancellable,
                  GError            **error)
{
  GEOSContextHandle_t ctx = wk_geos_context ();
  GListModel *areas = wk_plan_get_areas (plan);
  guint n_areas = g_list_model_get_n_items (areas);

  for (guint i = 0; i < n_areas; i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      guint n_units = 0;
      const guint *members = wk_plan_get_area_units (plan, wk_area_get_id (area), &n_units);
      g_autofree guint *sorted = g_memdup2 (members, sizeof (guint) * MAX (n_units, 1));
      g_autoptr(WkGeosGeometry) geom = NULL;
      OGRFeatureH f;
      double area_m2 = 0.0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      wk_progress_update (progress, 0.4 + 0.4 * i / MAX (n_areas, 1), NULL);
      f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGR_F_SetFieldInteger (f, 0, wk_area_get_id (area));
      set_string (f, 1, wk_area_get_name (area));
      set_string (f, 2, wk_area_get_color (area));
      OGR_F_SetFieldInteger (f, 3, wk_area_get_locked (area));
      set_string (f, 4, wk_area_get_note (area));
      OGR_F_SetFieldInteger64 (f, 5, wk_area_get_population (area));
      OGR_F_SetFieldInteger (f, 6, n_units);
      set_string (f, 8, wk_plan_get_name (plan));
      if (n_units > 0)
        {
          /* Members come in edit order; the union is the same either way,
           * but a sorted input gives the same file for the same plan. */
          qsort (sorted, n_units, sizeof (guint), _wk_uint_compare);
          geom = _wk_dissolve_units (snap->dataset, sorted, n_units);
          if (geom != NULL)
            GEOSArea_r (ctx, geom, &area_m2);
          OGR_F_SetGeometryDirectly (f, wk_geos_to_ogr (geom));
        }
      OGR_F_SetFieldDouble (f, 7, round (area_m2 / 1e4) / 100.0);
      if (!insert (layer, f))
        return FALSE;
    }
  return TRUE;
}

/* The active plan's areas for QGIS; a shared project has every plan's, told
 * apart by the plan column. */
static gboolean
write_areas (WkProjectSnapshot    *snap,
             GDALDatasetH          ds,
             OGRSpatialReferenceH  rd,
             WkProgress           *progress,
             GCancellable         *cancellable,
             GError              **error)
{
  static const char * const spec[] = {
    "id:i", "name:s", "color:s", "locked:i", "note:s", "population:I", "units:i",
    "area_km2:r", "plan:s", NULL
  };
  OGRLayerH layer = create_table (snap, ds, L_AREAS, rd, wkbMultiPolygon, spec);

  if (layer == NULL)
    return FALSE;
  for (guint p = 0; p < snap->plans->len; p++)
    if ((snap->all_plan_areas || p == snap->active) &&
        !write_plan_areas (snap, layer, g_ptr_array_index (snap->plans, p), progress,
                           cancellable, error))
      return FALSE;
  return TRUE;
}

static gboolean
write_plans (WkProjectSnapshot *snap,
             GDALDatasetH       ds)
{
  static const char * const plan_spec[] = {
    "plan_id:i", "position:i", "name:s", "note:s", "active:i", NULL
  };
  static const char * const area_spec[] = {
    "plan_id:i", "area_id:i", "position:i", "name:s", "color:s", "locked:i", "note:s", NULL
  };
  static const char * const assign_spec[] = {
    "plan_id:i", "unit_code:s", "area_id:i", "extra:i", NULL
  };
  OGRLayerH plans = create_table (snap, ds, T_PLANS, NULL, wkbNone, plan_spec);
  OGRLayerH areas = create_table (snap, ds, T_AREAS, NULL, wkbNone, area_spec);
  OGRLayerH assignment = create_table (snap, ds, T_ASSIGNMENT, NULL, wkbNone, assign_spec);

  if (plans == NULL || areas == NULL || assignment == NULL)
    return FALSE;
  for (guint p = 0; p < snap->plans->len; p++)
    {
      WkPlan *plan = g_ptr_array_index (snap->plans, p);
      GListModel *model = wk_plan_get_areas (plan);
      WkDataset *data = snap->dataset;
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (plans));

      OGR_F_SetFieldInteger (f, 0, p + 1);
      OGR_F_SetFieldInteger (f, 1, p);
      set_string (f, 2, wk_plan_get_name (plan));
      set_string (f, 3, wk_plan_get_note (plan));
      OGR_F_SetFieldInteger (f, 4, p == snap->active);
      if (!insert (plans, f))
        return FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(WkArea) area = g_list_model_get_item (model, i);

          f = OGR_F_Create (OGR_L_GetLayerDefn (areas));
          OGR_F_SetFieldInteger (f, 0, p + 1);
          OGR_F_SetFieldInteger (f, 1, wk_area_get_id (area));
          OGR_F_SetFieldInteger (f, 2, i);
          set_string (f, 3, wk_area_get_name (area));
          set_string (f, 4, wk_area_get_color (area));
          OGR_F_SetFieldInteger (f, 5, wk_area_get_locked (area));
          set_string (f, 6, wk_area_get_note (area));
          if (!insert (areas, f))
            return FALSE;
        }

      for (guint u = 0; u < wk_dataset_get_n_units (data); u++)
        {
          guint n_extras = 0;
          const guint *extras = wk_plan_get_unit_extras (plan, u, &n_extras);
          guint area = wk_plan_get_unit_area (plan, u);

          for (guint k = 0; k <= n_extras; k++)
            {
              guint id = k == 0 ? area : extras[k - 1];

              if (id == WK_AREA_NONE)
                continue;
              f = OGR_F_Create (OGR_L_GetLayerDefn (assignment));
              OGR_F_SetFieldInteger (f, 0, p + 1);
              set_string (f, 1, wk_dataset_get_unit (data, u)->code);
              OGR_F_SetFieldInteger (f, 2, id);
              OGR_F_SetFieldInteger (f, 3, k > 0);
              if (!insert (assignment, f))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
write_log_and_sources (WkProjectSnapshot *snap,
                       GDALDatasetH       ds)
{
  static const char * const audit_spec[] = {
    "time:s", "plan:s", "action:s", "units:s", "from_area:s", "to_area:s", NULL
  };
  static const char * const source_spec[] = { "role:s", "name:s", "sha256:s", NULL };
  OGRLayerH audit = create_table (snap, ds, T_AUDIT, NULL, wkbNone, audit_spec);
  OGRLayerH sources = create_table (snap, ds, T_SOURCES, NULL, wkbNone, source_spec);

  if (audit == NULL || sources == NULL)
    return FALSE;
  for (guint i = 0; i < snap->audit->len; i++)
    {
      WkAuditEntry *e = g_ptr_array_index (snap->audit, i);
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (audit));
      const char *values[] = { e->time, e->plan, e->action, e->units, e->from_area, e->to_area };

      for (guint k = 0; k < G_N_ELEMENTS (values); k++)
        set_string (f, k, values[k]);
      if (!insert (audit, f))
        return FALSE;
    }
  for (guint i = 0; i < snap->sources->len; i++)
    {
      WkProjectSource *s = g_ptr_array_index (snap->sources, i);
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (sources));

      set_string (f, 0, s->role);
      set_string (f, 1, s->name);
      set_string (f, 2, s->sha256);
      if (!insert (sources, f))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_metadata (WkProjectSnapshot *snap,
                GDALDatasetH       ds,
                GPtrArray         *meta)
{
  static const char * const spec[] = { "key:s", "value:s", NULL };
  g_autofree char *now = _wk_project_now_iso8601 ();
  g_autofree char *n_units = g_strdup_printf ("%u", wk_dataset_get_n_units (snap->dataset));
  g_autofree char *n_providers = g_strdup_printf ("%u", wk_dataset_get_n_providers (snap->dataset));
  g_autofree char *n_networks = g_strdup_printf ("%u", wk_dataset_get_n_networks (snap->dataset));
  g_autofree char *version = g_strdup_printf ("%d", WK_PROJECT_FORMAT_VERSION);
  g_autofree char *pid = g_strdup_printf ("%ld", (long) getpid ());
  char tolerance[G_ASCII_DTOSTR_BUF_SIZE];
  OGRLayerH layer = create_table (snap, ds, T_METADATA, NULL, wkbNone, spec);
  const char *fixed[] = {
    "format", WK_PROJECT_FORMAT,
    "format_version", version,
    "app_version", PACKAGE_VERSION,
    "title", snap->title,
    "created", snap->created,
    "saved", now,
    "units_layer", L_UNITS,
    "n_units", n_units,
    "n_providers", n_providers,
    "n_networks", n_networks,
    "adjacency_tolerance", g_ascii_dtostr (tolerance, sizeof tolerance,
                                           wk_dataset_get_tolerance (snap->dataset)),
    "profile", snap->profile_ini,
    "recovery", snap->recovery ? "1" : NULL,
    "recovery_for", snap->recovery ? snap->recovery_for : NULL,
    "recovery_pid", snap->recovery ? pid : NULL,
  };

  if (layer == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fixed) + meta->len; i += 2)
    {
      const char *key = i < G_N_ELEMENTS (fixed) ? fixed[i] : g_ptr_array_index (meta, i - G_N_ELEMENTS (fixed));
      const char *value = i < G_N_ELEMENTS (fixed) ? fixed[i + 1]
                                                  : g_ptr_array_index (meta, i + 1 - G_N_ELEMENTS (fixed));
      OGRFeatureH f;

      if (value == NULL)
        continue;
      f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      set_string (f, 0, key);
      set_string (f, 1, value);
      if (!insert (layer, f))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_polygon_networks (WkDataset *data)
{
  for (guint i = 0; i < wk_dataset_get_n_networks (data); i++)
    if (!wk_dataset_get_network (data, i)->is_group)
      return TRUE;
  return FALSE;
}

static void
add_meta (GPtrArray  *meta,
          const char *key,
          const char *value)
{
  g_ptr_array_add (meta, g_strdup (key));
  g_ptr_array_add (meta, g_strdup (value));
}

/* _wk_project_snapshot_write_layers:
 *
 * Writes every layer and table of the project into @ds: a new GeoPackage,
 * or a PostGIS schema (wk-project-pg.c).
 */
gboolean
_wk_project_snapshot_write_layers (WkProjectSnapshot  *snap,
              GDALDatasetH        ds,
              WkProgress         *progress,
              GCancellable       *cancellable,
              GError            **error)
{
  g_auto(OGRSpatialReferenceH) rd = wk_gdal_srs_new_epsg (28992);
  g_autoptr(GPtrArray) meta = g_ptr_array_new_with_free_func (g_free);
  WkDataset *data = snap->dataset;

  wk_progress_update (progress, 0.0, _("Saving the units…"));
  if (!write_units (snap, ds, rd, meta))
    return FALSE;
  if (wk_dataset_get_n_providers (data) > 0)
    {
      if (!write_providers (snap, ds, rd))
        return FALSE;
      add_meta (meta, "providers_layer", L_PROVIDERS);
    }
  if (has_polygon_networks (data))
    {
      if (!write_networks (snap, ds, rd))
        return FALSE;
      add_meta (meta, "networks_layer", L_NETWORKS);
    }
  if (wk_dataset_has_boundary (data))
    {
      if (!write_boundary (snap, ds, rd))
        return FALSE;
      add_meta (meta, "boundary_layer", L_BOUNDARY);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  wk_progress_update (progress, 0.4, _("Saving the areas…"));
  if (!write_areas (snap, ds, rd, progress, cancellable, error))
    return FALSE;
  wk_progress_update (progress, 0.8, _("Saving the plans…"));
  /* PostGIS keeps its styles elsewhere (wk-project-pg.c) */
  return write_plans (snap, ds) && write_log_and_sources (snap, ds) &&
         write_metadata (snap, ds, meta) &&
         (snap->layer_options != NULL || _wk_layer_style_write_gpkg (ds));
}

/* _wk_project_snapshot_write_all:
 * @extra_sql: (nullable): statements to run after the layers are written
 * @failure: what GDAL reported (wk_gdal_push_capture())
 *
 * Writes the layers into @ds in one transaction and commits it (or rolls it
 * back on any failure).  The caller closes @ds.
 */
gboolean
_wk_project_snapshot_write_all (WkProjectSnapshot   *snap,
                                GDALDatasetH         ds,
                                const char * const  *extra_sql,
                                GString             *failure,
                                WkProgress          *progress,
                                GCancellable        *cancellable,
                                GError             **error)
{
  gboolean ok = GDALDatasetStartTransaction (ds, FALSE) == OGRERR_NONE &&
                _wk_project_snapshot_write_layers (snap, ds, progress, cancellable, error);

  for (guint i = 0; ok && extra_sql != NULL && extra_sql[i] != NULL; i++)
    {
      GDALDatasetExecuteSQL (ds, extra_sql[i], NULL, NULL);
      ok = failure->len == 0;
    }
  if (ok && failure->len == 0)
    ok = GDALDatasetCommitTransaction (ds) == OGRERR_NONE;
  else
    GDALDatasetRollbackTransaction (ds);
  return ok;
}

static gboolean
keep_foreign (GDALDatasetH   ds,
              const char    *target,
              const char    *display,
              GError       **error)
{
  g_autoptr(GError) local = NULL;

  if (_wk_project_copy_foreign (ds, target, &local))
    return TRUE;
  g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE,
               _("“%s” could not be saved: %s. Nothing was changed."), display, local->message);
  return FALSE;
}

/* _wk_project_snapshot_write:
 *
 * Writes the project to a temporary file beside @path, flushes it to disk
 * and renames it over @path: after a crash at any moment @path is either
 * the old or the new project.  Safe on a worker thread.
 */
gboolean
_wk_project_snapshot_write (WkProjectSnapshot  *snap,
                            const char         *path,
                            WkProgress         *progress,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *temp = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GString) failure = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  GDALDatasetH ds;
  gboolean ok = FALSE;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE,
                   _("“%s” could not be saved: the folder “%s” does not exist."), display, dir);
      return FALSE;
    }
  if (!snap->recovery)
    {
      g_free (snap->title);
      snap->title = _wk_project_title_for_path (path);
    }
  /* through a link to its target, keeping its permissions; never over a
   * read-only file or one another program has open */
  target = wk_output_prepare (path, NULL, &local);
  if (target == NULL)
    {
      g_set_error (error, WK_PROJECT_ERROR,
                   g_error_matches (local, G_IO_ERROR, G_IO_ERROR_READ_ONLY)
                   ? WK_PROJECT_ERROR_READ_ONLY : WK_PROJECT_ERROR_WRITE,
                   _("“%s” could not be saved: %s"), display, local->message);
      return FALSE;
    }
  if (_wk_output_in_use (target))
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_IN_USE,
                   _("“%s” could not be saved: it is in use by another program (QGIS keeps a "
                     "project open while it shows it). Nothing was changed. Close it there, "
                     "then save again."), display);
      return FALSE;
    }
  temp = wk_output_temp_path (target);
  wk_gdal_push_capture (failure);
  ds = GDALCreate (GDALGetDriverByName ("GPKG"), temp, 0, 0, 0, GDT_Unknown, NULL);
  /* One transaction: SQLite writes the file once, at the commit. */
  if (ds != NULL)
    {
      ok = _wk_project_snapshot_write_all (snap, ds, NULL, failure, progress, cancellable,
                                           &local);
      /* what other programs keep in the file it replaces */
      if (ok && !snap->recovery && g_file_test (target, G_FILE_TEST_IS_REGULAR))
        ok = keep_foreign (ds, target, display, &local);
      GDALClose (ds);
    }
  wk_gdal_pop_capture ();

  if (local != NULL)
    {
      wk_file_discard_temp (temp);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!ok || failure->len > 0)
    {
      wk_file_discard_temp (temp);
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE,
                   _("“%s” could not be saved: %s"), display,
                   failure->len ? failure->str : _("the map library could not write it"));
      return FALSE;
    }
  if (!wk_output_commit (temp, target, &local))
    {
      g_set_error_literal (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_WRITE, local->message);
      return FALSE;
    }
  _wk_output_remove_sqlite_leftovers (target);
  wk_file_remove_stale_temps (target);
  wk_progress_update (progress, 1.0, NULL);
  return TRUE;
}
