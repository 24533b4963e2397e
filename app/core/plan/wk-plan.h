/* wk-plan.h: areas, the assignment of units to areas, and undo/redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

#define WK_PLAN_ERROR (wk_plan_error_quark ())

typedef enum
{
  WK_PLAN_ERROR_NO_AREA,       /* no area with that id */
  WK_PLAN_ERROR_LOCKED,        /* the area is locked */
  WK_PLAN_ERROR_NAME_TAKEN,    /* another area has that name */
  WK_PLAN_ERROR_INVALID,       /* an empty name, a bad colour, a unit out of range */
  WK_PLAN_ERROR_CSV,           /* an assignment file that cannot be used */
} WkPlanError;

GQuark wk_plan_error_quark (void);

typedef enum
{
  WK_CHANGE_ASSIGNMENT = 1 << 0,  /* units moved between areas */
  WK_CHANGE_AREAS      = 1 << 1,  /* areas were added or removed */
  WK_CHANGE_AREA_PROPS = 1 << 2,  /* name, colour, lock or note of an area */
  WK_CHANGE_PLAN_PROPS = 1 << 3,  /* the plan's name or note */
} WkChangeFlags;

/**
 * WkPlanChange:
 * @flags: what kind of change
 * @units: (element-type guint): the units whose area changed, sorted, unique
 * @areas: (element-type guint): the ids of the areas touched (also removed
 *   ones), sorted, unique
 *
 * What one edit (or its undo) touched; emitted with #WkPlan::changed.
 */
typedef struct
{
  WkChangeFlags  flags;
  GArray        *units;
  GArray        *areas;
} WkPlanChange;

#define WK_TYPE_PLAN_CHANGE (wk_plan_change_get_type ())
GType          wk_plan_change_get_type (void) G_GNUC_CONST;
WkPlanChange  *wk_plan_change_copy     (const WkPlanChange *change);
void           wk_plan_change_free     (WkPlanChange       *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkPlanChange, wk_plan_change_free)

typedef enum
{
  WK_ASSIGN_DEFAULT         = 0,
  WK_ASSIGN_ONLY_UNASSIGNED = 1 << 0,  /* leave units that have an area */
} WkAssignFlags;

/**
 * WkImportReport:
 * @n_rows: data rows read
 * @n_assigned: units given an area
 * @unknown_codes: (element-type utf8): codes not in the data set, with their line
 * @duplicate_codes: (element-type utf8): codes that occur more than once
 * @conflicts: (element-type utf8): codes given two different areas
 *   (kept as a double assignment, which the coverage check reports)
 * @n_empty_area: rows with an empty area (the unit stays unassigned)
 * @messages: (element-type utf8): translated lines for the user
 * @ambiguous: (element-type utf8): (polygons) codes of units that no
 *   polygon holds at least half of; each went to the area holding most
 * @uncovered: (element-type utf8): (polygons) codes of units no polygon
 *   overlaps; they stay unassigned
 */
typedef struct
{
  guint      n_rows;
  guint      n_assigned;
  GPtrArray *unknown_codes;
  GPtrArray *duplicate_codes;
  GPtrArray *conflicts;
  guint      n_empty_area;
  GPtrArray *messages;
  GPtrArray *ambiguous;
  GPtrArray *uncovered;
} WkImportReport;

#define WK_TYPE_IMPORT_REPORT (wk_import_report_get_type ())
GType            wk_import_report_get_type (void) G_GNUC_CONST;
WkImportReport  *wk_import_report_copy     (const WkImportReport *report);
void             wk_import_report_free     (WkImportReport       *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkImportReport, wk_import_report_free)

#define WK_TYPE_PLAN (wk_plan_get_type ())
G_DECLARE_FINAL_TYPE (WkPlan, wk_plan, WK, PLAN, GObject)

WkPlan       *wk_plan_new                (WkDataset       *dataset);
WkPlan       *wk_plan_duplicate          (WkPlan          *self);
WkDataset    *wk_plan_get_dataset        (WkPlan          *self);

const char   *wk_plan_get_name           (WkPlan          *self);
void          wk_plan_set_name           (WkPlan          *self,
                                          const char      *name);
const char   *wk_plan_get_note           (WkPlan          *self);
void          wk_plan_set_note           (WkPlan          *self,
                                          const char      *note);

GListModel   *wk_plan_get_areas          (WkPlan          *self);
guint         wk_plan_get_n_areas        (WkPlan          *self);
WkArea       *wk_plan_get_area           (WkPlan          *self,
                                          guint            area);
WkArea       *wk_plan_find_area          (WkPlan          *self,
                                          const char      *name);
guint         wk_plan_get_unit_area      (WkPlan          *self,
                                          guint            unit);
const guint  *wk_plan_get_unit_extras    (WkPlan          *self,
                                          guint            unit,
                                          guint           *n_extras);
const guint  *wk_plan_get_area_units     (WkPlan          *self,
                                          guint            area,
                                          guint           *n_units);
const guint  *wk_plan_get_assignment     (WkPlan          *self,
                                          guint           *n_units);
guint         wk_plan_get_n_assigned     (WkPlan          *self);
GArray       *wk_plan_dup_region         (WkPlan          *self,
                                          guint            unit,
                                          double           tolerance);

guint         wk_plan_create_area        (WkPlan          *self,
                                          const char      *name,
                                          const char      *color,
                                          GError         **error);
gboolean      wk_plan_rename_area        (WkPlan          *self,
                                          guint            area,
                                          const char      *name,
                                          GError         **error);
gboolean      wk_plan_recolor_area       (WkPlan          *self,
                                          guint            area,
                                          const char      *color,
                                          GError         **error);
gboolean      wk_plan_set_area_locked    (WkPlan          *self,
                                          guint            area,
                                          gboolean         locked,
                                          GError         **error);
gboolean      wk_plan_set_area_note      (WkPlan          *self,
                                          guint            area,
                                          const char      *note,
                                          GError         **error);
gboolean      wk_plan_delete_area        (WkPlan          *self,
                                          guint            area,
                                          GError         **error);
gboolean      wk_plan_merge_areas        (WkPlan          *self,
                                          guint            into,
                                          guint            from,
                                          GError         **error);
guint         wk_plan_split_area         (WkPlan          *self,
                                          guint            area,
                                          const guint     *units,
                                          guint            n_units,
                                          const char      *name,
                                          GError         **error);
gboolean      wk_plan_assign             (WkPlan          *self,
                                          guint            unit,
                                          guint            area,
                                          GError         **error);
gboolean      wk_plan_assign_units       (WkPlan          *self,
                                          const guint     *units,
                                          guint            n_units,
                                          guint            area,
                                          WkAssignFlags    flags,
                                          guint           *n_changed,
                                          GError         **error);
guint         wk_plan_unassign_units     (WkPlan          *self,
                                          const guint     *units,
                                          guint            n_units);
char         *wk_plan_suggest_area_name  (WkPlan          *self);
char         *wk_plan_suggest_color      (WkPlan          *self);

void          wk_plan_begin_group        (WkPlan          *self,
                                          const char      *label);
void          wk_plan_end_group          (WkPlan          *self);
gboolean      wk_plan_can_undo           (WkPlan          *self);
gboolean      wk_plan_can_redo           (WkPlan          *self);
const char   *wk_plan_get_undo_label     (WkPlan          *self);
const char   *wk_plan_get_redo_label     (WkPlan          *self);
gboolean      wk_plan_undo               (WkPlan          *self);
gboolean      wk_plan_redo               (WkPlan          *self);
void          wk_plan_clear_history      (WkPlan          *self);
gboolean      wk_plan_is_modified        (WkPlan          *self);
void          wk_plan_set_saved          (WkPlan          *self);

gboolean      wk_plan_import_csv         (WkPlan          *self,
                                          const char      *path,
                                          WkImportReport **report,
                                          GError         **error);
gboolean      wk_plan_import_polygons    (WkPlan          *self,
                                          const char      *path,
                                          const char      *name_field,
                                          WkImportReport **report,
                                          GError         **error);
void          wk_plan_import_polygons_async (WkPlan       *self,
                                          const char      *path,
                                          const char      *name_field,
                                          GCancellable    *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer         user_data);
gboolean      wk_plan_import_polygons_finish (WkPlan      *self,
                                          GAsyncResult    *result,
                                          WkImportReport **report,
                                          GError         **error);
gboolean      wk_plan_export_csv         (WkPlan          *self,
                                          const char      *path,
                                          GError         **error);
gboolean      wk_plan_replace            (WkPlan          *self,
                                          GPtrArray       *area_names,
                                          GPtrArray       *area_colors,
                                          const guint     *assignment,
                                          GHashTable      *extras,
                                          const char      *label,
                                          GError         **error);

G_END_DECLS
