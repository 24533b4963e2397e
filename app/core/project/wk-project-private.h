/* wk-project-private.h: the project's insides, shared by wk-project*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-export.h"
#include "wk-gdal-private.h"
#include "wk-project.h"

G_BEGIN_DECLS

#define WK_PROJECT_FORMAT         "wijkindeling-project"
#define WK_PROJECT_FORMAT_VERSION 1

/* The GeoPackage's layers and tables (wk-project-write.c, wk-project-read.c) */
/* The layers QGIS shows on the map… */
#define L_UNITS      "units"
#define L_PROVIDERS  "providers"
#define L_NETWORKS   "networks"
#define L_BOUNDARY   "boundary"
#define L_AREAS      "areas"
/* …and the tables that hold the rest. */
#define T_METADATA   "wk_metadata"
#define T_SOURCES    "wk_sources"
#define T_PLANS      "wk_plans"
#define T_AREAS      "wk_plan_areas"
#define T_ASSIGNMENT "wk_assignment"
#define T_AUDIT      "wk_audit_log"

struct _WkProject
{
  GObject     parent_instance;

  char       *path;             /* NULL until saved */
  WkDataset  *dataset;
  WkProfile  *profile;
  GListStore *plans;            /* WkPlan */
  WkPlan     *active;
  GPtrArray  *sources;          /* WkProjectSource */
  GPtrArray  *audit;            /* WkAuditEntry */
  char       *created;          /* ISO 8601 */
  GHashTable *shadows;          /* WkPlan → PlanShadow, for the audit log */

  /* what changed since a save or a recovery copy */
  guint       serial;           /* every change */
  guint       struct_serial;    /* plans added, removed, switched; the profile */
  guint       saved_struct_serial;
  guint       recovery_serial;
  gint64      recovery_time;    /* monotonic µs of the last recovery copy */
  char       *recovery_path;    /* this session's recovery copy, once written */
  gboolean    modified;         /* last notified value of “modified” */

  /* an audit line still open for merging (the steps of one brush stroke) */
  WkPlan     *audit_plan;
  guint       audit_serial;
  int         audit_direction;
  guint       audit_first;      /* index of the first line of that edit */

  /* a shared project in PostGIS (wk-project-pg.c); NULL for a file */
  char       *pg_connection;    /* may hold a password: never print it */
  char       *pg_schema;
  GHashTable *pg_plans;         /* WkPlan → PgPlanState: the version it was read at */
  guint       pg_audit_saved;   /* audit lines already in the database */
  WkPlan     *pg_conflict;      /* the plan whose last save was refused */
  gboolean    pg_read_only;     /* the user may not write the schema */
};

/* What a plan of a shared project was when read or last saved. */
typedef struct
{
  gint64  plan_id;
  gint64  version;
  guint   serial;
  char   *name;
  char   *note;
} PgPlanState;

/* Everything a save writes, copied on the main thread: the writing can run
 * on a worker while the user goes on editing. */
typedef struct
{
  WkDataset  *dataset;
  char       *profile_ini;
  char       *created;
  GPtrArray  *plans;            /* WkPlan copies, private to the snapshot */
  GPtrArray  *originals;        /* the project's WkPlans */
  GArray     *serials;          /* guint: the originals' history serial */
  guint       active;
  GPtrArray  *sources;          /* WkProjectSource */
  GPtrArray  *audit;            /* WkAuditEntry */
  guint       struct_serial;
  guint       serial;
  char       *title;
  gboolean    recovery;
  char       *recovery_for;     /* recovery copies: the project's own path, or NULL */
  char      **layer_options;    /* GDAL's layer creation options (PostGIS) */
  gboolean    all_plan_areas;   /* the areas layer holds every plan's, not the active one's */
} WkProjectSnapshot;

WkProjectSnapshot *_wk_project_snapshot_new   (WkProject          *self,
                                               gboolean            recovery);
void               _wk_project_snapshot_free  (WkProjectSnapshot  *snapshot);
gboolean           _wk_project_snapshot_write (WkProjectSnapshot  *snapshot,
                                               const char         *path,
                                               WkProgress         *progress,
                                               GCancellable       *cancellable,
                                               GError            **error);
gboolean           _wk_project_snapshot_write_layers (WkProjectSnapshot *snapshot,
                                                      GDALDatasetH       ds,
                                                      WkProgress        *progress,
                                                      GCancellable      *cancellable,
                                                      GError           **error);
gboolean           _wk_project_snapshot_write_all (WkProjectSnapshot  *snapshot,
                                                   GDALDatasetH        ds,
                                                   const char * const *extra_sql,
                                                   GString            *failure,
                                                   WkProgress         *progress,
                                                   GCancellable       *cancellable,
                                                   GError            **error);
WkProject         *_wk_project_read_pg        (const char         *gdal_path,
                                               const char         *display,
                                               WkProgress         *progress,
                                               GCancellable       *cancellable,
                                               GError            **error);
gboolean           _wk_project_copy_foreign   (GDALDatasetH        ds,
                                               const char         *old_path,
                                               GError            **error);
WkProject         *_wk_project_read           (const char         *path,
                                               gboolean            allow_missing,
                                               WkRecoveryInfo    **recovery,
                                               WkProgress         *progress,
                                               GCancellable       *cancellable,
                                               GError            **error);
WkRecoveryInfo    *_wk_project_read_recovery_info (const char     *path,
                                                   gint64         *pid);
WkProject         *_wk_project_new_empty      (WkDataset          *dataset,
                                               WkProfile          *profile);
void               _wk_project_attach_plan    (WkProject          *self,
                                               WkPlan             *plan);
char              *_wk_project_now_iso8601    (void);
char              *_wk_project_title_for_path (const char         *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkProjectSnapshot, _wk_project_snapshot_free)

/* Shared by wk-project.c, wk-project-audit.c and wk-project-recovery.c */

/* What the audit log compares a change with: the plan as it was. */
typedef struct
{
  guint      *assignment;
  guint       n_units;
  GHashTable *names;          /* area id → name */
  gulong      changed_id;
  gulong      modified_id;
} PlanShadow;

typedef struct
{
  WkProjectSnapshot *snap;
  char              *path;
  WkProgress        *progress;
} SaveData;

void
_wk_project_plan_shadow_free (PlanShadow *sh);
void
_wk_project_log_line (WkProject *self, WkPlan *plan, gboolean same_edit, const char *action,
                      const char *units, const char *from_area, const char *to_area);
void
_wk_project_on_profile_changed_cb (WkProject *self,
                                   WkProfile *profile);
void
_wk_project_detach_plan (WkProject *self,
                         WkPlan    *plan);
void
_wk_project_update_modified (WkProject *self);
void
_wk_project_structure_changed (WkProject *self);
gboolean
_wk_project_process_is_running (gint64 pid);
void
_wk_project_run_save_task (WkProject *self, gpointer tag, WkProjectSnapshot *snap, const char *path,
                           WkProgress *progress, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data);

WkExportJob *_wk_export_job_new (WkChecker *checker);
gboolean _wk_export_job_run (WkExportJob *job, WkExportFormat format, const char *path,
                             WkProgress *progress, GCancellable *cancellable, GError **error);
void _wk_project_log (WkProject *self, WkPlan *plan, const char *action, const char *from_area,
                      const char *to_area);
char *_wk_project_get_default_state_dir (void);

G_END_DECLS
