/* wk-export.h: areas, units and assignment to GeoJSON, GeoPackage and CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

typedef enum
{
  WK_EXPORT_GEOJSON,
  WK_EXPORT_GPKG,
  WK_EXPORT_CSV,
} WkExportFormat;

typedef struct _WkExportJob WkExportJob;

gboolean      wk_export_format_from_string (const char      *str,
                                            WkExportFormat  *format);
const char   *wk_export_format_extension   (WkExportFormat   format);

#define WK_TYPE_EXPORT_JOB (wk_export_job_get_type ())
GType         wk_export_job_get_type       (void) G_GNUC_CONST;
WkExportJob  *wk_export_job_ref            (WkExportJob     *job);
void          wk_export_job_unref          (WkExportJob     *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkExportJob, wk_export_job_unref)

gboolean      wk_export                    (WkChecker       *checker,
                                            WkExportFormat   format,
                                            const char      *path,
                                            GError         **error);
void          wk_export_async              (WkChecker          *checker,
                                            WkExportFormat      format,
                                            const char         *path,
                                            WkProgress         *progress,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean      wk_export_finish             (GAsyncResult    *result,
                                            GError         **error);

G_END_DECLS
