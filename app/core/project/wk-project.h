/* wk-project.h: the project file, one GeoPackage with the data, the plans and their history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

#define WK_PROJECT_ERROR (wk_project_error_quark ())

typedef enum
{
  WK_PROJECT_ERROR_OPEN,         /* missing or unreadable file */
  WK_PROJECT_ERROR_NOT_PROJECT,  /* another kind of file, or a GeoPackage that is no project */
  WK_PROJECT_ERROR_CORRUPT,      /* damaged or truncated */
  WK_PROJECT_ERROR_VERSION,      /* written by a newer Wijkindeling */
  WK_PROJECT_ERROR_WRITE,        /* could not be saved */
  WK_PROJECT_ERROR_NO_PLAN,      /* no plan (scenario) by that name */
  WK_PROJECT_ERROR_PLAN_NAME,    /* an empty plan name, or one already in use */
  WK_PROJECT_ERROR_LAST_PLAN,    /* the only plan cannot be removed */
  WK_PROJECT_ERROR_READ_ONLY,    /* the file is read-only: left as it was */
  WK_PROJECT_ERROR_IN_USE,       /* another program has it open (QGIS): nothing changed */
  WK_PROJECT_ERROR_CONFLICT,     /* a shared plan was saved by someone else since it was read */
  WK_PROJECT_ERROR_SCHEMA_NAME,  /* a schema name that is not a plain lower-case identifier */
  WK_PROJECT_ERROR_MISSING_UNITS, /* units its plans name were deleted from it (in QGIS) */
} WkProjectError;

GQuark wk_project_error_quark (void);

/* The extension of project files. */
#define WK_PROJECT_EXTENSION ".wijk.gpkg"

/* At most this often (seconds) wk_project_recovery_is_due() says yes. */
#define WK_PROJECT_AUTOSAVE_INTERVAL 30

/**
 * WkProjectSource:
 * @role: what it held: "units", "gp", "pharmacy", "nursing", "social",
 *   "networks", "boundary", "plan" or "profile"
 * @name: the file's base name (a connection string without password)
 * @sha256: (nullable): the SHA-256 of the file when it was read, in hex
 *
 * A file the project was made from (the project holds copies of the data).
 */
typedef struct
{
  char *role;
  char *name;
  char *sha256;
} WkProjectSource;

#define WK_TYPE_PROJECT_SOURCE (wk_project_source_get_type ())
GType             wk_project_source_get_type (void) G_GNUC_CONST;
WkProjectSource  *wk_project_source_copy     (const WkProjectSource *source);
void              wk_project_source_free     (WkProjectSource       *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkProjectSource, wk_project_source_free)

/**
 * WkAuditEntry:
 * @time: when, ISO 8601 in UTC (e.g. 2026-11-23T14:05:09Z)
 * @plan: the plan's name at that time
 * @action: what was done, as the undo label says it (translated), e.g.
 *   “Paint”, “Undo: Merge areas”, “Duplicate plan”
 * @units: (nullable): the codes of the units that moved, separated by ", "
 * @from_area: (nullable): the area they left, or the area's old name
 * @to_area: (nullable): the area they joined, or the area's new name
 *
 * One line of the audit log: who-did-what for review sessions.
 */
typedef struct
{
  char *time;
  char *plan;
  char *action;
  char *units;
  char *from_area;
  char *to_area;
} WkAuditEntry;

#define WK_TYPE_AUDIT_ENTRY (wk_audit_entry_get_type ())
GType          wk_audit_entry_get_type (void) G_GNUC_CONST;
WkAuditEntry  *wk_audit_entry_copy     (const WkAuditEntry *entry);
void           wk_audit_entry_free     (WkAuditEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkAuditEntry, wk_audit_entry_free)

/**
 * WkRecoveryInfo:
 * @path: the recovery copy
 * @project_path: (nullable): the project file it is a copy of; %NULL for a
 *   project that was never saved
 * @title: the project's title
 * @saved: when the copy was written (UTC, seconds since 1970)
 *
 * A recovery copy left by a session that ended without saving.
 */
typedef struct
{
  char   *path;
  char   *project_path;
  char   *title;
  gint64  saved;
} WkRecoveryInfo;

#define WK_TYPE_RECOVERY_INFO (wk_recovery_info_get_type ())
GType            wk_recovery_info_get_type (void) G_GNUC_CONST;
WkRecoveryInfo  *wk_recovery_info_copy     (const WkRecoveryInfo *info);
void             wk_recovery_info_free     (WkRecoveryInfo       *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkRecoveryInfo, wk_recovery_info_free)

#define WK_TYPE_PROJECT (wk_project_get_type ())
G_DECLARE_FINAL_TYPE (WkProject, wk_project, WK, PROJECT, GObject)

WkProject    *wk_project_new                (WkDataset      *dataset,
                                             WkProfile      *profile);
WkProject    *wk_project_new_with_plan      (WkPlan         *plan,
                                             WkProfile      *profile);
WkProject    *wk_project_open               (const char     *path,
                                             WkProgress     *progress,
                                             GCancellable   *cancellable,
                                             GError        **error);
WkProject    *wk_project_open_without_missing (const char   *path,
                                             WkProgress     *progress,
                                             GCancellable   *cancellable,
                                             GError        **error);
void          wk_project_open_async         (const char     *path,
                                             WkProgress     *progress,
                                             GCancellable   *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer        user_data);
WkProject    *wk_project_open_finish        (GAsyncResult   *result,
                                             GError        **error);
gboolean      wk_project_save               (WkProject      *self,
                                             const char     *path,
                                             GCancellable   *cancellable,
                                             GError        **error);
void          wk_project_save_async         (WkProject      *self,
                                             const char     *path,
                                             WkProgress     *progress,
                                             GCancellable   *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer        user_data);
gboolean      wk_project_save_finish        (WkProject      *self,
                                             GAsyncResult   *result,
                                             GError        **error);
gboolean      wk_project_is_project_file    (const char     *path);

const char   *wk_project_get_path           (WkProject      *self);
char         *wk_project_dup_title          (WkProject      *self);
WkDataset    *wk_project_get_dataset        (WkProject      *self);
WkProfile    *wk_project_get_profile        (WkProject      *self);
gboolean      wk_project_is_modified        (WkProject      *self);
GPtrArray    *wk_project_get_sources        (WkProject      *self);
void          wk_project_add_source         (WkProject      *self,
                                             const char     *role,
                                             const char     *path);
GPtrArray    *wk_project_get_audit_log      (WkProject      *self);

GListModel   *wk_project_get_plans          (WkProject      *self);
WkPlan       *wk_project_get_active_plan    (WkProject      *self);
void          wk_project_set_active_plan    (WkProject      *self,
                                             WkPlan         *plan);
WkPlan       *wk_project_find_plan          (WkProject      *self,
                                             const char     *name);
char         *wk_project_suggest_plan_name  (WkProject      *self,
                                             const char     *base);
gboolean      wk_project_add_plan           (WkProject      *self,
                                             WkPlan         *plan,
                                             GError        **error);
WkPlan       *wk_project_duplicate_plan     (WkProject      *self,
                                             WkPlan         *plan,
                                             const char     *name,
                                             GError        **error);
gboolean      wk_project_rename_plan        (WkProject      *self,
                                             WkPlan         *plan,
                                             const char     *name,
                                             GError        **error);
gboolean      wk_project_remove_plan        (WkProject      *self,
                                             WkPlan         *plan,
                                             GError        **error);

/* Shared projects: a schema in PostgreSQL/PostGIS (wk-project-pg.c) */
gboolean      wk_project_is_connection      (const char     *location);
WkProject    *wk_project_open_pg            (const char     *connection,
                                             const char     *schema,
                                             WkProgress     *progress,
                                             GCancellable   *cancellable,
                                             GError        **error);
gboolean      wk_project_save_pg            (WkProject      *self,
                                             const char     *connection,
                                             const char     *schema,
                                             GCancellable   *cancellable,
                                             GError        **error);
void          wk_project_save_pg_async      (WkProject      *self,
                                             WkProgress     *progress,
                                             GCancellable   *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer        user_data);
gboolean      wk_project_save_pg_finish     (WkProject      *self,
                                             GAsyncResult   *result,
                                             GError        **error);
gboolean      wk_project_is_read_only       (WkProject      *self);
void          wk_project_poll_pg_async      (WkProject      *self,
                                             GCancellable   *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer        user_data);
char         *wk_project_poll_pg_finish     (WkProject      *self,
                                             GAsyncResult   *result,
                                             WkPlan        **plan,
                                             GError        **error);
gboolean      wk_project_is_shared          (WkProject      *self);
const char   *wk_project_get_schema         (WkProject      *self);
const char   *wk_project_get_connection     (WkProject      *self);
char         *wk_project_dup_display_name   (WkProject      *self);
char         *wk_project_location_display_name (const char  *location,
                                             const char     *schema);
WkPlan       *wk_project_get_conflict_plan  (WkProject      *self);
gboolean      wk_project_save_plan_as_new   (WkProject      *self,
                                             WkPlan         *plan,
                                             const char     *name,
                                             GError        **error);
gboolean      wk_project_recovery_is_due    (WkProject      *self);
gboolean      wk_project_save_recovery      (WkProject      *self,
                                             const char     *state_dir,
                                             GError        **error);
void          wk_project_save_recovery_async (WkProject     *self,
                                             const char     *state_dir,
                                             GCancellable   *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer        user_data);
gboolean      wk_project_save_recovery_finish (WkProject    *self,
                                             GAsyncResult   *result,
                                             GError        **error);
gboolean      wk_project_discard_recovery   (WkProject      *self,
                                             GError        **error);
GPtrArray    *wk_project_find_recovery      (const char     *state_dir);
WkProject    *wk_project_open_recovery      (const WkRecoveryInfo *info,
                                             WkProgress     *progress,
                                             GCancellable   *cancellable,
                                             GError        **error);
gboolean      wk_project_delete_recovery    (const WkRecoveryInfo *info,
                                             GError        **error);

G_END_DECLS
