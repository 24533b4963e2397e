/* wk-plan-csv.c: the assignment CSV (unit_code,area), read and written through GDAL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-plan"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "wk-area.h"
#include "wk-dataset.h"
#include "wk-output.h"
#include "wk-gdal-private.h"
#include "wk-plan-private.h"
#include "wk-text-private.h"

static const char *code_columns[] = {
  "unit_code", "code", "bu_code", "buurtcode", "buurt_code", "statcode", "unit", "geoid", NULL
};
static const char *area_columns[] = {
  "area", "area_name", "wijk", "wijkverband", "gebied", "district", "zone", NULL
};
static const char *color_columns[] = { "color", "colour", "kleur", NULL };

static int
find_column (OGRFeatureDefnH  defn,
             const char     **names)
{
  for (guint n = 0; names[n] != NULL; n++)
    for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
      {
        const char *field = OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f));

        /* A UTF-8 byte-order mark sticks to the first header. */
        if (g_str_has_prefix (field, "\xEF\xBB\xBF"))
          field += 3;
        if (g_ascii_strcasecmp (field, names[n]) == 0)
          return f;
      }
  return -1;
}

#define MAX_LISTED 25

/* Text in any 8-bit encoding has no control characters but tab, line ends,
 * form feed and the DOS end-of-file mark; binary data (a spreadsheet saved
 * as .xlsx, a picture) has many. */
static gboolean
looks_like_text (const char *contents,
                 gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = contents[i];

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1a) || c == 0x7f)
        return FALSE;
    }
  return TRUE;
}

/* _wk_import_report_add:
 *
 * Adds a translated line for the user to an import report.
 */
void
_wk_import_report_add (WkImportReport *report,
                       const char     *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (report->messages, g_strdup_vprintf (format, args));
  va_end (args);
}

/* _wk_join_some:
 *
 * Returns: (transfer full): the first items of a list of codes, “and N more”
 */
char *
_wk_join_some (GPtrArray *items)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < items->len && i < MAX_LISTED; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (items, i));
  if (items->len > MAX_LISTED)
    g_string_append_printf (out, _(" and %u more"), items->len - MAX_LISTED);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * wk_plan_import_csv:
 * @path: an assignment CSV with a header line `unit_code,area` (separator
 *   `,`, `;` or tab; UTF-8 or Windows-1252)
 * @report: (out) (optional) (transfer full): what was read: unknown codes,
 *   duplicates and conflicts
 *
 * Replaces the plan's areas and assignment by the file's, as one undo step.
 * Areas are created in the order they first appear; a unit listed with two
 * different areas keeps both (a double assignment the check reports).
 *
 * Returns: %FALSE with @error set when the file cannot be used at all
 */
gboolean
wk_plan_import_csv (WkPlan          *self,
                    const char      *path,
                    WkImportReport **report,
                    GError         **error)
{
  WkDataset *dataset = wk_plan_get_dataset (self);
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *open_path = NULL;
  g_autoptr(WkImportReport) rep = _wk_import_report_new ();
  g_autoptr(GString) failure = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) colors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) name_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) folds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) extras = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) row_of = g_hash_table_new (NULL, NULL);
  g_autofree guint *assignment = NULL;
  g_auto(GDALDatasetH) ds = NULL;
  g_autoptr(WkGdalCapture) read_failure = NULL;
  g_auto(OGRFeatureH) feature = NULL;
  const char *const allowed[] = { "CSV", NULL };
  const char *const options[] = { "HEADERS=YES", "AUTODETECT_TYPE=NO", NULL };
  guint n_units = wk_dataset_get_n_units (dataset);
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  int f_code, f_area, f_color;
  guint line = 1;

  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV,
                   _("“%s” does not exist. Check the name and the folder."), display);
      return FALSE;
    }
  {
    g_autofree char *contents = NULL;
    gsize len = 0;

    if (!g_file_get_contents (path, &contents, &len, NULL))
      len = 0;
    /* Excel's “Unicode text” is UTF-16, full of NUL bytes. */
    if (len >= 2 && (memcmp (contents, "\xFF\xFE", 2) == 0 || memcmp (contents, "\xFE\xFF", 2) == 0))
      {
        g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV,
                     _("“%s” is in UTF-16 (“Unicode text”), which cannot be read. Save it "
                       "again as CSV (UTF-8, or comma or semicolon separated)."), display);
        return FALSE;
      }
    if (len > 0 && !looks_like_text (contents, len))
      {
        g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV,
                     _("“%s” is not a text file. An assignment file is a CSV file with the "
                       "columns unit_code,area."), display);
        return FALSE;
      }
    if (len == 0 || g_strstrip (contents)[0] == '\0')
      {
        g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV,
                     _("“%s” is empty. An assignment file starts with the line unit_code,area."),
                     display);
        return FALSE;
      }
  }

  /* GDAL's CSV driver takes other extensions only with the CSV: prefix. */
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv"))
    open_path = g_strdup (path);
  else
    open_path = g_strconcat ("CSV:", path, NULL);

  wk_gdal_push_capture (failure);
  ds = GDALOpenEx (open_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed, options, NULL);
  wk_gdal_pop_capture ();
  if (ds == NULL || GDALDatasetGetLayerCount (ds) == 0)
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV,
                   _("“%s” could not be read as a CSV file%s%s"), display,
                   failure->len ? ": " : ".", failure->str);
      return FALSE;
    }
  layer = GDALDatasetGetLayer (ds, 0);
  defn = OGR_L_GetLayerDefn (layer);
  f_code = find_column (defn, code_columns);
  f_area = find_column (defn, area_columns);
  f_color = find_column (defn, color_columns);
  if (f_code < 0 || f_area < 0)
    {
      const char *first = OGR_FD_GetFieldCount (defn) > 0
        ? OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, 0)) : "";

      if (wk_dataset_lookup_code (dataset, first) != WK_UNIT_NONE)
        g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV,
                     _("“%s” has no header line. Its first line must be unit_code,area."), display);
      else
        g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV,
                     _("“%s” has no column %s. An assignment file has the header line "
                       "unit_code,area."), display, f_code < 0 ? "unit_code" : "area");
      return FALSE;
    }

  assignment = g_new0 (guint, MAX (n_units, 1));
  read_failure = wk_gdal_capture_begin ();
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_autofree char *raw_code = wk_ogr_field_as_utf8 (feature, f_code);
      g_autofree char *raw_area = wk_ogr_field_as_utf8 (feature, f_area);
      g_autofree char *code = wk_text_normalise_code (raw_code);
      g_autofree char *area = wk_text_normalise_name (raw_area);
      g_autofree char *color = wk_ogr_field_as_utf8 (feature, f_color);
      guint unit, index;
      gpointer value;

      line++;
      g_clear_pointer (&feature, OGR_F_Destroy);
      if ((code == NULL || *code == '\0') && (area == NULL || *area == '\0'))
        continue;
      rep->n_rows++;
      if (code == NULL || *code == '\0')
        {
          _wk_import_report_add (rep, _("“%s”, line %u: no unit code; the line is ignored."), display, line);
          continue;
        }
      unit = wk_dataset_lookup_code (dataset, code);
      if (unit == WK_UNIT_NONE)
        {
          g_ptr_array_add (rep->unknown_codes, g_strdup_printf (_("%s (line %u)"), code, line));
          continue;
        }
      if (area == NULL || *area == '\0')
        {
          rep->n_empty_area++;
          if (g_hash_table_contains (row_of, GUINT_TO_POINTER (unit)))
            g_ptr_array_add (rep->duplicate_codes, g_strdup_printf (_("%s (line %u)"), code, line));
          g_hash_table_insert (row_of, GUINT_TO_POINTER (unit), GUINT_TO_POINTER (line));
          continue;
        }
      if (g_hash_table_lookup_extended (name_index, area, NULL, &value))
        index = GPOINTER_TO_UINT (value);
      else
        {
          g_autofree char *fold = wk_text_fold_name (area);
          const char *same = g_hash_table_lookup (folds, fold);

          /* “Oost” and “oost”: two areas, as written, but likely one meant */
          if (same != NULL)
            _wk_import_report_add (rep, _("“%s”, line %u: the areas “%s” and “%s” differ only "
                                          "in upper and lower case; they are kept apart. Write "
                                          "them the same if they are one area."),
                                   display, line, same, area);
          else
            g_hash_table_insert (folds, g_steal_pointer (&fold), g_strdup (area));
          g_ptr_array_add (names, g_strdup (area));
          g_ptr_array_add (colors, color && strlen (color) == 7 && color[0] == '#'
                                   ? g_strdup (color) : NULL);
          index = names->len;
          g_hash_table_insert (name_index, g_ptr_array_index (names, names->len - 1),
                               GUINT_TO_POINTER (index));
        }

      if (!g_hash_table_contains (row_of, GUINT_TO_POINTER (unit)) || assignment[unit] == 0)
        {
          if (g_hash_table_contains (row_of, GUINT_TO_POINTER (unit)))
            g_ptr_array_add (rep->duplicate_codes, g_strdup_printf (_("%s (line %u)"), code, line));
          assignment[unit] = index;
          g_hash_table_insert (row_of, GUINT_TO_POINTER (unit), GUINT_TO_POINTER (line));
          rep->n_assigned++;
        }
      else if (assignment[unit] == index)
        g_ptr_array_add (rep->duplicate_codes, g_strdup_printf (_("%s (line %u)"), code, line));
      else
        {
          GArray *more = g_hash_table_lookup (extras, GUINT_TO_POINTER (unit));
          gboolean known = FALSE;

          if (more == NULL)
            {
              more = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (extras, GUINT_TO_POINTER (unit), more);
            }
          for (guint k = 0; k < more->len; k++)
            known |= g_array_index (more, guint, k) == index;
          if (!known)
            g_array_append_val (more, index);
          g_ptr_array_add (rep->conflicts,
                           g_strdup_printf (_("%s (lines %u and %u)"), code,
                                            GPOINTER_TO_UINT (g_hash_table_lookup (row_of, GUINT_TO_POINTER (unit))),
                                            line));
        }
    }
  if (read_failure->len > 0)
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV,
                   _("“%s” could not be read to the end: %s"), display, read_failure->str);
      return FALSE;
    }
  g_clear_pointer (&read_failure, wk_gdal_capture_end);

  if (rep->n_rows == 0)
    {
      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV,
                   _("“%s” has a header but no rows."), display);
      return FALSE;
    }
  if (rep->unknown_codes->len == rep->n_rows)
    {
      g_autofree char *list = _wk_join_some (rep->unknown_codes);

      g_set_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV,
                   _("None of the unit codes in “%s” occurs in “%s”: the plan belongs to other "
                     "units. Unknown codes: %s."),
                   display, wk_dataset_get_display_name (dataset), list);
      return FALSE;
    }

  if (rep->unknown_codes->len > 0)
    {
      g_autofree char *list = _wk_join_some (rep->unknown_codes);
      _wk_import_report_add (rep, g_dngettext (GETTEXT_PACKAGE,
                                     "“%s”: %u unit code does not occur in “%s”: %s.",
                                     "“%s”: %u unit codes do not occur in “%s”: %s.",
                                     rep->unknown_codes->len),
                   display, rep->unknown_codes->len, wk_dataset_get_display_name (dataset), list);
    }
  if (rep->duplicate_codes->len > 0)
    {
      g_autofree char *list = _wk_join_some (rep->duplicate_codes);
      _wk_import_report_add (rep, g_dngettext (GETTEXT_PACKAGE,
                                     "“%s”: %u unit code is listed more than once: %s.",
                                     "“%s”: %u unit codes are listed more than once: %s.",
                                     rep->duplicate_codes->len),
                   display, rep->duplicate_codes->len, list);
    }
  if (rep->conflicts->len > 0)
    {
      g_autofree char *list = _wk_join_some (rep->conflicts);
      _wk_import_report_add (rep, g_dngettext (GETTEXT_PACKAGE,
                                     "“%s”: %u unit is assigned to two different areas: %s.",
                                     "“%s”: %u units are assigned to two different areas: %s.",
                                     rep->conflicts->len),
                   display, rep->conflicts->len, list);
    }

  {
    g_autofree char *label = g_strdup_printf (_("Import “%s”"), display);

    if (!wk_plan_replace (self, names, colors, assignment, extras, label, error))
      {
        g_prefix_error (error, _("“%s”: "), display);
        return FALSE;
      }
  }
  if (report != NULL)
    *report = g_steal_pointer (&rep);
  return TRUE;
}

/**
 * wk_plan_export_csv:
 *
 * Writes the assignment as CSV: header `unit_code,area`, UTF-8, one row per
 * unit in data set order (an empty area for an unassigned unit).  The file
 * is replaced atomically.
 */
gboolean
wk_plan_export_csv (WkPlan      *self,
                    const char  *path,
                    GError     **error)
{
  WkDataset *dataset = wk_plan_get_dataset (self);
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *temp = NULL;
  g_autoptr(GString) failure = g_string_new (NULL);
  GDALDriverH driver = GDALGetDriverByName ("CSV");
  const char *const layer_options[] = { "LINEFORMAT=LF", "STRING_QUOTING=IF_NEEDED", NULL };
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFieldDefnH fd;
  gboolean ok = TRUE;

  g_return_val_if_fail (WK_IS_PLAN (self), FALSE);

  temp = wk_output_temp_path (path);
  if (!g_str_has_suffix (temp, ".csv"))
    {
      char *with_ext = g_strconcat (temp, ".csv", NULL);
      g_free (temp);
      temp = with_ext;
    }
  wk_gdal_push_capture (failure);
  ds = GDALCreate (driver, temp, 0, 0, 0, GDT_Unknown, NULL);
  if (ds != NULL)
    {
      layer = GDALDatasetCreateLayer (ds, "assignment", NULL, wkbNone, (char **) layer_options);
      if (layer != NULL)
        {
          fd = OGR_Fld_Create ("unit_code", OFTString);
          OGR_L_CreateField (layer, fd, TRUE);
          OGR_Fld_Destroy (fd);
          fd = OGR_Fld_Create ("area", OFTString);
          OGR_L_CreateField (layer, fd, TRUE);
          OGR_Fld_Destroy (fd);
          for (guint u = 0; u < wk_dataset_get_n_units (dataset) && ok; u++)
            {
              OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
              WkArea *area = wk_plan_get_area (self, wk_plan_get_unit_area (self, u));

              OGR_F_SetFieldString (f, 0, wk_dataset_get_unit (dataset, u)->code);
              OGR_F_SetFieldString (f, 1, area ? wk_area_get_name (area) : "");
              ok = OGR_L_CreateFeature (layer, f) == OGRERR_NONE;
              OGR_F_Destroy (f);
            }
        }
      else
        ok = FALSE;
      GDALClose (ds);
      if (failure->len > 0)
        ok = FALSE;
    }
  else
    ok = FALSE;
  wk_gdal_pop_capture ();

  if (!ok)
    {
      wk_output_discard (temp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” could not be written: %s"),
                   display, failure->len ? failure->str : g_strerror (errno));
      return FALSE;
    }
  /* GDAL names the file after the path given; it may have added nothing. */
  return wk_output_commit (temp, path, error);
}
