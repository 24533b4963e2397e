/* wk-project-read.c: reading the project GeoPackage through GDAL
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
#include "wk-dataset-private.h"
#include "wk-dissolver-private.h"
#include "wk-file-private.h"
#include "wk-pg-conn-private.h"
#include "wk-plan-private.h"
#include "wk-profile.h"
#include "wk-progress.h"
#include "wk-project-private.h"

/* -------------------------------------------------------------- reading */

typedef struct
{
  const char   *path;
  char         *display;
  GDALDatasetH  ds;
  GHashTable   *meta;       /* key → value */
  gboolean      pg;         /* a schema in PostGIS, not a file */
  gboolean      allow_missing;
  GHashTable   *missing;    /* codes of units its plans name that it lacks */
  guint         n_missing;
} Reader;

static void
reader_clear (Reader *r)
{
  g_clear_pointer (&r->display, g_free);
  g_clear_pointer (&r->ds, GDALClose);
  g_clear_pointer (&r->meta, g_hash_table_unref);
  g_clear_pointer (&r->missing, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

static gboolean
corrupt (GError     **error,
         const char  *display,
         const char  *detail)
{
  g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_CORRUPT,
               _("“%s” is damaged or incomplete and cannot be opened (%s). Open an earlier copy, "
                 "or the recovery copy if Wijkindeling offers one."), display, detail);
  return FALSE;
}

typedef enum
{
  FILE_OTHER,
  FILE_SQLITE,       /* an SQLite database of another kind */
  FILE_GEOPACKAGE,   /* SQLite with GeoPackage's application id */
  FILE_TRUNCATED,    /* SQLite's magic, but not even its header */
} FileKind;

/* Tells files apart by SQLite's 100-byte header: the magic string, and the
 * application id GeoPackages carry at offset 68. */
static gboolean
sniff_file (const char  *path,
            FileKind    *kind,
            GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  guchar head[100] = { 0 };
  gsize got = 0;

  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, NULL, error))
    return FALSE;
  if (got < sizeof magic || memcmp (head, magic, sizeof magic) != 0)
    *kind = FILE_OTHER;
  else if (got < sizeof head)
    *kind = FILE_TRUNCATED;
  else if (memcmp (head + 68, "GPKG", 4) == 0 || memcmp (head + 68, "GP1", 3) == 0)
    *kind = FILE_GEOPACKAGE;
  else
    *kind = FILE_SQLITE;
  return TRUE;
}

static gboolean
is_empty (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && st.st_size == 0;
}

static GDALDatasetH
open_with (const char *path,
           const char *driver,
           GString    *failure)
{
  const char *const allowed[] = { driver, NULL };
  GDALDatasetH ds;

  g_string_truncate (failure, 0);
  wk_gdal_push_capture (failure);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, allowed,
                   NULL, NULL);
  wk_gdal_pop_capture ();
  return ds;
}

static char *
field_text (OGRFeatureH f,
            int         field)
{
  const char *raw;

  if (field < 0 || !OGR_F_IsFieldSetAndNotNull (f, field))
    return NULL;
  raw = OGR_F_GetFieldAsString (f, field);
  return g_utf8_make_valid (raw, -1);
}

typedef gboolean (*RowFunc) (Reader       *r,
                             OGRFeatureH   f,
                             const int    *fields,
                             gpointer      data,
                             GError      **error);

/* Calls @func for every row of @table, with the indices of @fields; a
 * missing table or field, or a read error, means a damaged file. */
static gboolean
read_layer (Reader              *r,
            OGRLayerH            layer,
            const char          *table,
            const char * const  *fields,
            RowFunc              func,
            gpointer             data,
            GError             **error)
{
  g_autoptr(GString) failure = g_string_new (NULL);
  OGRFeatureDefnH defn;
  int idx[16];
  OGRFeatureH f;
  gboolean ok = TRUE;

  if (layer == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("the table “%s” is missing"), table);
      return corrupt (error, r->display, detail);
    }
  defn = OGR_L_GetLayerDefn (layer);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_assert (i < G_N_ELEMENTS (idx));
      idx[i] = OGR_FD_GetFieldIndex (defn, fields[i]);
      if (idx[i] < 0)
        {
          g_autofree char *detail = g_strdup_printf (_("the table “%s” has no field “%s”"),
                                                     table, fields[i]);
          return corrupt (error, r->display, detail);
        }
    }
  wk_gdal_push_capture (failure);
  OGR_L_ResetReading (layer);
  while (ok && (f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      ok = func (r, f, idx, data, error);
      OGR_F_Destroy (f);
    }
  wk_gdal_pop_capture ();
  if (ok && failure->len > 0)
    return corrupt (error, r->display, failure->str);
  return ok;
}

/* Reads the rows of @table in the order they were written: a database
 * returns them in any order unless told. */
static gboolean
read_table (Reader              *r,
            const char          *table,
            const char * const  *fields,
            RowFunc              func,
            gpointer             data,
            GError             **error)
{
  OGRLayerH layer = GDALDatasetGetLayerByName (r->ds, table);
  g_autofree char *sql = NULL;
  gboolean ok;

  if (!r->pg || layer == NULL)
    return read_layer (r, layer, table, fields, func, data, error);
  /* our own table names, never the user's */
  sql = g_strdup_printf ("SELECT * FROM %s ORDER BY fid", table);
  layer = GDALDatasetExecuteSQL (r->ds, sql, NULL, NULL);
  if (layer == NULL)
    return corrupt (error, r->display, CPLGetLastErrorMsg ());
  ok = read_layer (r, layer, table, fields, func, data, error);
  GDALDatasetReleaseResultSet (r->ds, layer);
  return ok;
}

static gboolean
metadata_row (Reader       *r,
              OGRFeatureH   f,
              const int    *fields,
              gpointer      data,
              GError      **error)
{
  char *key = field_text (f, fields[0]);

  if (key != NULL)
    g_hash_table_insert (r->meta, key, field_text (f, fields[1]));
  return TRUE;
}

/* Opens the file, telling a missing file, another kind of file and a
 * damaged file apart. */
static gboolean
reader_open_file (Reader      *r,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(GString) failure = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  FileKind kind = FILE_OTHER;
  OGRLayerH check;

  r->display = g_path_get_basename (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_OPEN,
                   _("“%s” does not exist. Check the name and the folder."), r->display);
      return FALSE;
    }
  if (!sniff_file (path, &kind, &local))
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_OPEN,
                   _("“%s” cannot be read: %s"), r->display, local->message);
      return FALSE;
    }
  if (kind == FILE_TRUNCATED || (kind == FILE_OTHER && is_empty (path)))
    return corrupt (error, r->display, _("the file is empty or cut short"));
  if (kind == FILE_OTHER)
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_NOT_PROJECT,
                   _("“%s” is not a Wijkindeling project: projects are GeoPackage files "
                     "(*.wijk.gpkg). Load a map file of buurten as units instead."),
                   r->display);
      return FALSE;
    }
  if (kind == FILE_SQLITE)
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_NOT_PROJECT,
                   _("“%s” is an SQLite database, but not a GeoPackage, so it is no "
                     "Wijkindeling project."), r->display);
      return FALSE;
    }
  r->ds = open_with (path, "GPKG", failure);
  if (r->ds == NULL)
    return corrupt (error, r->display, failure->len ? failure->str : _("unknown error"));

  /* A truncated or damaged file often opens; SQLite's own check finds it. */
  g_string_truncate (failure, 0);
  wk_gdal_push_capture (failure);
  check = GDALDatasetExecuteSQL (r->ds, "PRAGMA quick_check", NULL, NULL);
  if (check != NULL)
    {
      g_auto(OGRFeatureH) f = OGR_L_GetNextFeature (check);
      const char *result = f != NULL ? OGR_F_GetFieldAsString (f, 0) : NULL;

      if (g_strcmp0 (result, "ok") != 0 && failure->len == 0)
        g_string_assign (failure, result ? result : _("the integrity check failed"));
      g_clear_pointer (&f, OGR_F_Destroy);
      GDALDatasetReleaseResultSet (r->ds, check);
    }
  wk_gdal_pop_capture ();
  if (check == NULL || failure->len > 0)
    return corrupt (error, r->display, failure->len ? failure->str : _("the integrity check failed"));

  return TRUE;
}

/* Connects to a shared project's schema (r->display is set). */
static gboolean
reader_connect (Reader      *r,
                GError     **error)
{
  g_autoptr(GString) failure = g_string_new (NULL);

  r->ds = open_with (r->path, "PostgreSQL", failure);
  if (r->ds == NULL)
    {
      g_autofree char *detail = _wk_pg_redact (failure->str);

      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_OPEN,
                   _("“%s” could not be opened: %s Check the server, the database and the "
                     "user name."), r->display, detail);
      return FALSE;
    }
  /* Every table as of one moment: others may save plans while it loads. */
  if (GDALDatasetStartTransaction (r->ds, FALSE) == OGRERR_NONE)
    {
      wk_gdal_push_capture (failure);
      GDALDatasetExecuteSQL (r->ds, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
                             NULL, NULL);
      wk_gdal_pop_capture ();
    }
  if (failure->len > 0)
    g_debug ("%s", failure->str);
  return TRUE;
}

/* Opens the project and reads its metadata, telling a GeoPackage that is
 * no project and a newer format apart. */
static gboolean
reader_open (Reader      *r,
             const char  *path,
             GError     **error)
{
  static const char * const meta_fields[] = { "key", "value", NULL };
  const char *format, *version;

  r->path = path;
  r->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (r->pg ? !reader_connect (r, error) : !reader_open_file (r, path, error))
    return FALSE;
  if (GDALDatasetGetLayerByName (r->ds, T_METADATA) == NULL)
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_NOT_PROJECT,
                   _("“%s” is a GeoPackage, but not a Wijkindeling project. To use its layers, "
                     "start a new project with them."), r->display);
      return FALSE;
    }
  if (!read_table (r, T_METADATA, meta_fields, metadata_row, NULL, error))
    return FALSE;
  format = g_hash_table_lookup (r->meta, "format");
  version = g_hash_table_lookup (r->meta, "format_version");
  if (g_strcmp0 (format, WK_PROJECT_FORMAT) != 0 || version == NULL)
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_NOT_PROJECT,
                   _("“%s” is a GeoPackage, but not a Wijkindeling project. To use its layers, "
                     "start a new project with them."), r->display);
      return FALSE;
    }
  if (g_ascii_strtoll (version, NULL, 10) > WK_PROJECT_FORMAT_VERSION)
    {
      const char *app_version = g_hash_table_lookup (r->meta, "app_version");

      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_VERSION,
                   _("“%s” was saved by a newer version of Wijkindeling (%s). Update "
                     "Wijkindeling to open it."), r->display, app_version ? app_version : "?");
      return FALSE;
    }
  return TRUE;
}

static char *
layer_source (Reader     *r,
              const char *key)
{
  const char *layer = g_hash_table_lookup (r->meta, key);

  if (layer == NULL || *layer == '\0')
    return NULL;
  return g_strdup_printf ("%s|layername=%s", r->path, layer);
}

typedef enum
{
  COUNT_UNITS,
  COUNT_PROVIDERS,
  COUNT_NETWORKS,
} Count;

static gboolean
count_matches (Reader      *r,
               Count        what,
               guint        found,
               GError     **error)
{
  static const char *keys[] = { "n_units", "n_providers", "n_networks" };
  const char *saved = g_hash_table_lookup (r->meta, keys[what]);
  g_autofree char *detail = NULL;

  if (saved != NULL && g_ascii_strtoull (saved, NULL, 10) == found)
    return TRUE;
  if (saved == NULL)
    saved = "?";
  if (what == COUNT_UNITS)
    detail = g_strdup_printf (_("%u of its %s units could be read"), found, saved);
  else if (what == COUNT_PROVIDERS)
    detail = g_strdup_printf (_("%u of its %s care providers could be read"), found, saved);
  else
    detail = g_strdup_printf (_("%u of its %s networks could be read"), found, saved);
  return corrupt (error, r->display, detail);
}

/* Units deleted from the project (in QGIS) that its plans still name: an
 * error that names them, or, when the user allowed it, a warning in the
 * load report and the plans read without them. */
static gboolean
missing_units (Reader      *r,
               WkDataset   *dataset,
               GError     **error)
{
  const char *saved = g_hash_table_lookup (r->meta, "n_units");
  guint n = wk_dataset_get_n_units (dataset);
  g_autoptr(GString) list = g_string_new (NULL);
  OGRLayerH result;
  OGRFeatureH f;

  if (saved == NULL || g_ascii_strtoull (saved, NULL, 10) <= n)
    return TRUE;
  result = GDALDatasetExecuteSQL (r->ds, "SELECT DISTINCT unit_code FROM " T_ASSIGNMENT
                                  " ORDER BY unit_code", NULL, NULL);
  if (result == NULL)
    return TRUE;
  r->missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((f = OGR_L_GetNextFeature (result)) != NULL)
    {
      g_autofree char *code = field_text (f, 0);

      if (code != NULL && wk_dataset_lookup_code (dataset, code) == WK_UNIT_NONE &&
          !g_hash_table_contains (r->missing, code))
        {
          if (g_hash_table_size (r->missing) < 10)
            g_string_append_printf (list, "%s%s", list->len ? ", " : "", code);
          g_hash_table_add (r->missing, g_steal_pointer (&code));
        }
      OGR_F_Destroy (f);
    }
  GDALDatasetReleaseResultSet (r->ds, result);
  r->n_missing = g_hash_table_size (r->missing);
  if (r->n_missing == 0)
    return TRUE;
  if (r->n_missing > 10)
    g_string_append (list, ", …");
  if (!r->allow_missing)
    {
      g_set_error (error, WK_PROJECT_ERROR, WK_PROJECT_ERROR_MISSING_UNITS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” lacks %u unit that its plans name: %s. It was probably "
                                "deleted in another program (QGIS). Open the project without it "
                                "(wijkindeling-cli: --allow-missing-units); its plans keep their "
                                "other units. Or open an earlier copy.",
                                "“%s” lacks %u units that its plans name: %s. They were probably "
                                "deleted in another program (QGIS). Open the project without them "
                                "(wijkindeling-cli: --allow-missing-units); its plans keep their "
                                "other units. Or open an earlier copy.", r->n_missing),
                   r->display, r->n_missing, list->str);
      return FALSE;
    }
  _wk_load_report_add (dataset->report,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "“%s” was opened without %u unit that its plans name: %s. "
                                   "Its plans keep their other units; save to keep it so.",
                                   "“%s” was opened without %u units that its plans name: %s. "
                                   "Its plans keep their other units; save to keep it so.",
                                   r->n_missing),
                      r->display, r->n_missing, list->str);
  return TRUE;
}

/* The data set, read by the normal loader from the project's own layers,
 * so that a check on a project is the same as on the source files. */
static WkDataset *
load_dataset (Reader        *r,
              WkProgress    *progress,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(WkLoadOptions) options = wk_load_options_new (r->path);
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *providers = layer_source (r, "providers_layer");
  g_autofree char *networks = layer_source (r, "networks_layer");
  const char *tolerance = g_hash_table_lookup (r->meta, "adjacency_tolerance");

  options->units_layer = g_strdup (g_hash_table_lookup (r->meta, "units_layer"));
  if (options->units_layer == NULL)
    {
      corrupt (error, r->display, _("it does not say which layer holds the units"));
      return NULL;
    }
  for (guint role = 0; role < WK_N_ROLES; role++)
    {
      g_autofree char *key = g_strdup_printf ("role.%s", wk_field_role_to_string (role));
      const char *field = g_hash_table_lookup (r->meta, key);

      /* “None” must be said explicitly: detection could pick another field. */
      options->role_fields[role] = g_strdup (field ? field : "");
    }
  if (providers != NULL)
    wk_load_options_add_provider (options, WK_PROVIDER_GP, providers);
  if (networks != NULL)
    wk_load_options_add_network (options, networks);
  options->boundary_path = layer_source (r, "boundary_layer");
  if (tolerance != NULL)
    options->adjacency_tolerance = g_ascii_strtod (tolerance, NULL);

  dataset = wk_dataset_load (options, progress, cancellable, &local);
  if (dataset == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        corrupt (error, r->display, local->message);
      return NULL;
    }
  /* A damaged feature is skipped with no more than a line in the load
   * report, and a read error ends a layer early without a word: count. */
  if (!missing_units (r, dataset, error) ||
      !count_matches (r, COUNT_UNITS, wk_dataset_get_n_units (dataset) + r->n_missing, error) ||
      !count_matches (r, COUNT_PROVIDERS, wk_dataset_get_n_providers (dataset), error) ||
      !count_matches (r, COUNT_NETWORKS, wk_dataset_get_n_networks (dataset), error))
    return NULL;
  return g_steal_pointer (&dataset);
}

typedef struct
{
  gint64   plan_id;
  gint64   position;
  char    *name;
  char    *note;
  gboolean active;
  GArray  *areas;       /* AreaRow */
  GArray  *units;       /* UnitRow */
} PlanRow;

typedef struct
{
  guint    id;
  gint64   position;
  char    *name;
  char    *color;
  char    *note;
  gboolean locked;
} AreaRow;

typedef struct
{
  guint    unit;
  guint    area;
  gboolean extra;
} UnitRow;

static void
area_row_clear (gpointer data)
{
  AreaRow *a = data;

  g_free (a->name);
  g_free (a->color);
  g_free (a->note);
}

static void
plan_row_free (PlanRow *p)
{
  g_free (p->name);
  g_free (p->note);
  g_array_unref (p->areas);
  g_array_unref (p->units);
  g_free (p);
}

typedef struct
{
  WkDataset  *dataset;
  GHashTable *plans;     /* plan_id → PlanRow */
} PlanData;

static PlanRow *
plan_lookup (Reader      *r,
             PlanData    *pd,
             gint64       plan_id,
             GError     **error)
{
  PlanRow *p = g_hash_table_lookup (pd->plans, &plan_id);

  if (p == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);
      g_autofree char *detail = g_strdup_printf (_("plan %s is missing"), id);
      corrupt (error, r->display, detail);
    }
  return p;
}

static gboolean
plan_row (Reader       *r,
          OGRFeatureH   f,
          const int    *fields,
          gpointer      data,
          GError      **error)
{
  PlanData *pd = data;
  PlanRow *p = g_new0 (PlanRow, 1);

  p->plan_id = OGR_F_GetFieldAsInteger64 (f, fields[0]);
  p->position = OGR_F_GetFieldAsInteger64 (f, fields[1]);
  p->name = field_text (f, fields[2]);
  p->note = field_text (f, fields[3]);
  p->active = OGR_F_GetFieldAsInteger (f, fields[4]) != 0;
  p->areas = g_array_new (FALSE, TRUE, sizeof (AreaRow));
  g_array_set_clear_func (p->areas, area_row_clear);
  p->units = g_array_new (FALSE, TRUE, sizeof (UnitRow));
  if (g_hash_table_contains (pd->plans, &p->plan_id))
    {
      plan_row_free (p);
      return corrupt (error, r->display, _("a plan occurs twice"));
    }
  g_hash_table_insert (pd->plans, &p->plan_id, p);
  return TRUE;
}

static gboolean
area_row (Reader       *r,
          OGRFeatureH   f,
          const int    *fields,
          gpointer      data,
          GError      **error)
{
  PlanRow *p = plan_lookup (r, data, OGR_F_GetFieldAsInteger64 (f, fields[0]), error);
  AreaRow a = { 0 };
  gint64 id = OGR_F_GetFieldAsInteger64 (f, fields[1]);

  if (p == NULL)
    return FALSE;
  if (id <= 0 || id >= G_MAXUINT)
    return corrupt (error, r->display, _("an area has no valid id"));
  a.id = id;
  a.position = OGR_F_GetFieldAsInteger64 (f, fields[2]);
  a.name = field_text (f, fields[3]);
  a.color = field_text (f, fields[4]);
  a.locked = OGR_F_GetFieldAsInteger (f, fields[5]) != 0;
  a.note = field_text (f, fields[6]);
  g_array_append_val (p->areas, a);
  return TRUE;
}

static gboolean
assignment_row (Reader       *r,
                OGRFeatureH   f,
                const int    *fields,
                gpointer      data,
                GError      **error)
{
  PlanData *pd = data;
  PlanRow *p = plan_lookup (r, pd, OGR_F_GetFieldAsInteger64 (f, fields[0]), error);
  g_autofree char *code = field_text (f, fields[1]);
  gint64 area = OGR_F_GetFieldAsInteger64 (f, fields[2]);
  UnitRow u = { 0 };

  if (p == NULL)
    return FALSE;
  u.unit = wk_dataset_lookup_code (pd->dataset, code);
  /* a unit deleted from the project, which the user chose to open without */
  if (u.unit == WK_UNIT_NONE && r->missing != NULL && code != NULL &&
      g_hash_table_contains (r->missing, code))
    return TRUE;
  if (u.unit == WK_UNIT_NONE)
    {
      g_autofree char *detail = g_strdup_printf (_("the plan names a unit “%s” it does not hold"),
                                                 code ? code : "");
      return corrupt (error, r->display, detail);
    }
  if (area <= 0 || area >= G_MAXUINT)
    return corrupt (error, r->display, _("a unit is assigned to an invalid area"));
  u.area = area;
  u.extra = OGR_F_GetFieldAsInteger (f, fields[3]) != 0;
  g_array_append_val (p->units, u);
  return TRUE;
}

static int
compare_plan_rows (gconstpointer a,
                   gconstpointer b)
{
  const PlanRow *pa = *(PlanRow * const *) a, *pb = *(PlanRow * const *) b;

  return pa->position < pb->position ? -1 : pa->position > pb->position;
}

static int
compare_area_rows (gconstpointer a,
                   gconstpointer b)
{
  const AreaRow *aa = a, *ab = b;

  return aa->position < ab->position ? -1 : aa->position > ab->position;
}

static WkPlan *
build_plan (Reader     *r,
            WkDataset  *dataset,
            PlanRow    *p,
            GError    **error)
{
  g_autoptr(WkPlan) plan = wk_plan_new (dataset);
  guint n_units = wk_dataset_get_n_units (dataset);
  g_autofree guint *main_area = g_new0 (guint, MAX (n_units, 1));
  g_autoptr(GHashTable) extras = g_hash_table_new_full (NULL, NULL, NULL,
                                                        (GDestroyNotify) g_array_unref);
  g_autoptr(GError) local = NULL;

  g_array_sort (p->areas, compare_area_rows);
  for (guint i = 0; i < p->areas->len; i++)
    {
      AreaRow *a = &g_array_index (p->areas, AreaRow, i);

      if (!_wk_plan_restore_area (plan, a->id, a->name, a->color, a->locked, a->note, &local))
        {
          corrupt (error, r->display, local->message);
          return NULL;
        }
    }
  for (guint i = 0; i < p->units->len; i++)
    {
      UnitRow *u = &g_array_index (p->units, UnitRow, i);

      if (u->extra)
        {
          GArray *more = g_hash_table_lookup (extras, GUINT_TO_POINTER (u->unit));

          if (more == NULL)
            {
              more = g_array_new (TRUE, TRUE, sizeof (guint));
              g_hash_table_insert (extras, GUINT_TO_POINTER (u->unit), more);
            }
          g_array_append_val (more, u->area);
        }
      else if (main_area[u->unit] != WK_AREA_NONE)
        {
          corrupt (error, r->display, _("a unit is assigned twice"));
          return NULL;
        }
      else
        main_area[u->unit] = u->area;
    }
  for (guint u = 0; u < n_units; u++)
    {
      GArray *more = g_hash_table_lookup (extras, GUINT_TO_POINTER (u));

      if ((main_area[u] != WK_AREA_NONE || more != NULL) &&
          !_wk_plan_restore_unit (plan, u, main_area[u], more ? (guint *) more->data : NULL, &local))
        {
          corrupt (error, r->display, local->message);
          return NULL;
        }
    }
  _wk_plan_restore_finish (plan, p->name, p->note);
  return g_steal_pointer (&plan);
}

static gboolean
source_row (Reader       *r,
            OGRFeatureH   f,
            const int    *fields,
            gpointer      data,
            GError      **error)
{
  WkProjectSource *s = g_new0 (WkProjectSource, 1);

  s->role = field_text (f, fields[0]);
  s->name = field_text (f, fields[1]);
  s->sha256 = field_text (f, fields[2]);
  if (s->role == NULL || s->name == NULL)
    {
      wk_project_source_free (s);
      return corrupt (error, r->display, _("a source file has no name"));
    }
  g_ptr_array_add (data, s);
  return TRUE;
}

static gboolean
audit_row (Reader       *r,
           OGRFeatureH   f,
           const int    *fields,
           gpointer      data,
           GError      **error)
{
  WkAuditEntry *e = g_new0 (WkAuditEntry, 1);

  e->time = field_text (f, fields[0]);
  e->plan = field_text (f, fields[1]);
  e->action = field_text (f, fields[2]);
  e->units = field_text (f, fields[3]);
  e->from_area = field_text (f, fields[4]);
  e->to_area = field_text (f, fields[5]);
  if (e->time == NULL || e->action == NULL)
    {
      wk_audit_entry_free (e);
      return corrupt (error, r->display, _("a line of the audit log is incomplete"));
    }
  g_ptr_array_add (data, e);
  return TRUE;
}

static gboolean
read_plans (Reader      *r,
            WkProject   *project,
            GError     **error)
{
  static const char * const plan_fields[] = { "plan_id", "position", "name", "note", "active", NULL };
  static const char * const area_fields[] = {
    "plan_id", "area_id", "position", "name", "color", "locked", "note", NULL
  };
  static const char * const assign_fields[] = { "plan_id", "unit_code", "area_id", "extra", NULL };
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                      (GDestroyNotify) plan_row_free);
  g_autoptr(GPtrArray) ordered = NULL;
  PlanData pd = { project->dataset, rows };

  if (!read_table (r, T_PLANS, plan_fields, plan_row, &pd, error) ||
      !read_table (r, T_AREAS, area_fields, area_row, &pd, error) ||
      !read_table (r, T_ASSIGNMENT, assign_fields, assignment_row, &pd, error))
    return FALSE;
  if (g_hash_table_size (rows) == 0)
    return corrupt (error, r->display, _("it holds no plan"));

  ordered = g_ptr_array_new ();
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, rows);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (ordered, value);
  }
  g_ptr_array_sort (ordered, compare_plan_rows);
  for (guint i = 0; i < ordered->len; i++)
    {
      PlanRow *p = g_ptr_array_index (ordered, i);
      g_autoptr(WkPlan) plan = NULL;

      /* Plans renamed outside the project can share a name; keep them apart. */
      if (p->name == NULL || *p->name == '\0' || wk_project_find_plan (project, p->name) != NULL)
        {
          char *unique = wk_project_suggest_plan_name (project, p->name);

          g_free (p->name);
          p->name = unique;
        }
      plan = build_plan (r, project->dataset, p, error);
      if (plan == NULL)
        return FALSE;
      _wk_project_attach_plan (project, plan);
      if (p->active || project->active == NULL)
        project->active = plan;
    }
  return TRUE;
}

/* _wk_project_read:
 * @allow_missing: whether units deleted from it (that its plans name) may be
 *   left out, with a warning, instead of refusing it
 * @recovery: (out) (optional): for a recovery copy, what it is a copy of;
 *   %NULL for a normal project
 *
 * Reads a project file.  Safe on a worker thread.
 */
static WkProject *
read_project (Reader        *r,
              WkProgress    *progress,
              GCancellable  *cancellable,
              GError       **error)
{
  static const char * const source_fields[] = { "role", "name", "sha256", NULL };
  static const char * const audit_fields[] = {
    "time", "plan", "action", "units", "from_area", "to_area", NULL
  };
  g_autoptr(WkProject) project = NULL;
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkProfile) profile = NULL;
  g_autoptr(GError) local = NULL;
  const char *profile_ini;

  profile_ini = g_hash_table_lookup (r->meta, "profile");
  if (profile_ini != NULL)
    {
      profile = wk_profile_load_data (profile_ini, -1, r->display, &local);
      if (profile == NULL)
        {
          corrupt (error, r->display, local->message);
          return NULL;
        }
    }
  dataset = load_dataset (r, progress, cancellable, error);
  if (dataset == NULL)
    return NULL;

  project = _wk_project_new_empty (dataset, profile);
  g_free (project->created);
  project->created = g_strdup (g_hash_table_lookup (r->meta, "created"));
  if (!read_table (r, T_SOURCES, source_fields, source_row, project->sources, error) ||
      !read_table (r, T_AUDIT, audit_fields, audit_row, project->audit, error) ||
      !read_plans (r, project, error))
    return NULL;
  return g_steal_pointer (&project);
}

/* _wk_project_read_pg:
 * @gdal_path: “PG:… active_schema=… schemas=…”
 * @display: how messages name it (without a password)
 *
 * Reads a shared project from its PostGIS schema (wk-project-pg.c).
 */
WkProject *
_wk_project_read_pg (const char    *gdal_path,
                     const char    *display,
                     WkProgress    *progress,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_auto(Reader) r = { 0 };

  r.pg = TRUE;
  r.display = g_strdup (display);
  if (!reader_open (&r, gdal_path, error))
    return NULL;
  return read_project (&r, progress, cancellable, error);
}

WkProject *
_wk_project_read (const char       *path,
                  gboolean          allow_missing,
                  WkRecoveryInfo  **recovery,
                  WkProgress       *progress,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_auto(Reader) r = { 0 };
  g_autoptr(WkProject) project = NULL;

  if (!reader_open (&r, path, error))
    return NULL;
  r.allow_missing = allow_missing;
  project = read_project (&r, progress, cancellable, error);
  if (project == NULL)
    return NULL;

  if (g_hash_table_contains (r.meta, "recovery"))
    {
      const char *original = g_hash_table_lookup (r.meta, "recovery_for");

      if (recovery != NULL)
        {
          *recovery = g_new0 (WkRecoveryInfo, 1);
          (*recovery)->path = g_strdup (path);
          (*recovery)->project_path = original && *original ? g_strdup (original) : NULL;
          (*recovery)->title = g_strdup (g_hash_table_lookup (r.meta, "title"));
        }
    }
  else
    project->path = g_strdup (path);
  return g_steal_pointer (&project);
}

/* _wk_project_read_recovery_info:
 * @pid: (out): the process that wrote it
 *
 * Reads only the metadata of a recovery copy.
 *
 * Returns: (nullable): what it is, or %NULL when it is no readable recovery copy
 */
WkRecoveryInfo *
_wk_project_read_recovery_info (const char *path,
                                gint64     *pid)
{
  g_auto(Reader) r = { 0 };
  g_autoptr(GDateTime) saved = NULL;
  WkRecoveryInfo *info;
  const char *original, *saved_text, *pid_text;

  if (!reader_open (&r, path, NULL) || !g_hash_table_contains (r.meta, "recovery"))
    return NULL;
  /* Any key may be missing from a damaged copy; without a process id the
   * copy is offered (its writer is not known to run). */
  original = g_hash_table_lookup (r.meta, "recovery_for");
  saved_text = g_hash_table_lookup (r.meta, "saved");
  pid_text = g_hash_table_lookup (r.meta, "recovery_pid");
  saved = saved_text ? g_date_time_new_from_iso8601 (saved_text, NULL) : NULL;
  info = g_new0 (WkRecoveryInfo, 1);
  info->path = g_strdup (path);
  info->project_path = original && *original ? g_strdup (original) : NULL;
  info->title = g_strdup (g_hash_table_lookup (r.meta, "title"));
  info->saved = saved ? g_date_time_to_unix (saved) : 0;
  *pid = pid_text ? g_ascii_strtoll (pid_text, NULL, 10) : 0;
  return info;
}
