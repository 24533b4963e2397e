/* wk-test-util.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

void        wk_test_init              (int          *argc,
                                       char       ***argv);
char       *wk_test_shared_data       (const char   *relative);
char       *wk_test_sample_path       (const char   *file);
void        wk_test_add_sample_inputs (GPtrArray    *args);
void        wk_test_assert_same_member (JsonObject  *a,
                                        JsonObject  *b,
                                        const char  *member);
char       *wk_test_write_file        (const char   *name,
                                       const char   *contents);
char       *wk_test_grid_geojson      (guint         cols,
                                       guint         rows,
                                       double        size,
                                       const gint64 *populations,
                                       const char  **gm_codes);
WkDataset  *wk_test_load              (WkLoadOptions *options);
WkDataset  *wk_test_grid_dataset      (guint         cols,
                                       guint         rows,
                                       double        size);
WkDataset  *wk_test_sample_dataset    (void);
int         wk_test_run_cli           (char        **stdout_text,
                                       char        **stderr_text,
                                       const char   *first,
                                       ...) G_GNUC_NULL_TERMINATED;
int         wk_test_run_cli_argv      (char        **stdout_text,
                                       char        **stderr_text,
                                       const char *const *args);
char      **wk_test_cli_environ       (void);
void        wk_test_assert_cli_fails  (const char   *mentions,
                                       const char   *first,
                                       ...) G_GNUC_NULL_TERMINATED;
void        wk_test_plan_by_field     (WkPlan       *plan,
                                       const char   *path,
                                       const char   *code_field,
                                       const char   *area_field);
char       *wk_test_temp_path         (const char   *name);
void        wk_test_huge_text_gpkg    (const char   *path,
                                       gsize         n_bytes);
JsonObject *wk_test_parse_object      (const char   *text,
                                       JsonParser   *parser);
gboolean    wk_test_wait_until        (gboolean    (*condition) (gpointer),
                                       gpointer      data,
                                       guint         timeout_ms);

#define WK_TEST_ORIGIN_X 155000.0
#define WK_TEST_ORIGIN_Y 463000.0

G_END_DECLS
