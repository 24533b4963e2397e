/* wk-cli.h: shared parts of the wijkindeling-cli commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

/* Exit codes: the contract of every command. */
#define WK_EXIT_OK        0
#define WK_EXIT_FINDINGS  1
#define WK_EXIT_BAD_INPUT 2

/* Which of the shared options a command takes (wk_cli_add_project_options). */
typedef enum
{
  WK_CLI_OPTION_JSON  = 1 << 0,   /* --json */
  WK_CLI_OPTION_QUIET = 1 << 1,   /* -q, --quiet */
  WK_CLI_OPTION_SAVES = 1 << 2,   /* --as-new-plan: the command saves the project */
  WK_CLI_OPTION_FILE_ONLY = 1 << 3, /* no --schema: the command reads project files only */
} WkCliOptionFlags;

typedef struct
{
  char     *project;
  char     *units;
  char     *layer;
  char     *plan;
  char    **gp;
  char    **pharmacy;
  char    **nursing;
  char    **social;
  char    **providers;
  char    **networks;
  char     *boundary;
  char     *profile;
  char     *crs;
  char     *role_fields[WK_N_ROLES];
  double    tolerance;
  gboolean  json;
  gboolean  quiet;
} WkCliInput;

typedef struct
{
  WkProject      *project;
  WkDataset      *dataset;
  WkPlan         *plan;
  WkProfile      *profile;
  WkChecker      *checker;
  WkImportReport *import;
} WkCliSession;

int           wk_cli_fail              (const char    *format,
                                        ...) G_GNUC_PRINTF (1, 2);
void          wk_cli_warn              (const char    *format,
                                        ...) G_GNUC_PRINTF (1, 2);
GOptionGroup *wk_cli_input_group       (WkCliInput    *input,
                                        gboolean       with_plan);
void          wk_cli_input_clear       (WkCliInput    *input);
gboolean      wk_cli_parse             (GOptionContext *context,
                                        int           *argc,
                                        char        ***argv);
WkPlan       *wk_cli_load_plan         (WkDataset     *dataset,
                                        const char    *path,
                                        gboolean       quiet,
                                        WkImportReport **report,
                                        GError       **error);
gboolean      wk_cli_open              (WkCliInput    *input,
                                        gboolean       need_plan,
                                        WkCliSession  *session,
                                        GError       **error);
gboolean      wk_cli_check_import      (WkImportReport *report,
                                        const char    *path,
                                        WkDataset     *dataset,
                                        gboolean       quiet,
                                        GError       **error);
gboolean      wk_cli_check_output      (WkCliInput    *input,
                                        const char    *output,
                                        GError       **error);
gboolean      wk_cli_output_is_stdout  (const char    *output);
char         *wk_cli_output_open       (const char    *output,
                                        GError       **error);
gboolean      wk_cli_output_close      (const char    *output,
                                        const char    *path,
                                        gboolean       written,
                                        GError       **error);
void          wk_cli_session_clear     (WkCliSession  *session);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WkCliSession, wk_cli_session_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WkCliInput, wk_cli_input_clear)
void          wk_cli_print_json        (JsonNode      *node);
void          wk_cli_add_number        (JsonBuilder   *b,
                                        double         v);
void          wk_cli_add_finding       (JsonBuilder   *b,
                                        WkFinding     *finding,
                                        WkPlan        *plan);
gboolean      wk_cli_take_project      (WkCliInput    *input,
                                        int            argc,
                                        char         **argv);
void          wk_cli_add_project_options (GOptionContext *context,
                                        WkCliInput    *input,
                                        WkCliOptionFlags flags);
const char   *wk_cli_get_schema        (void);
WkProject    *wk_cli_open_project      (const char    *path,
                                        GError       **error);
WkProject    *wk_cli_open_project_file (const char    *path,
                                        GError       **error);
gboolean      wk_cli_save_project      (WkProject     *project,
                                        WkPlan        *plan,
                                        GError       **error);
WkPlan       *wk_cli_find_plan         (WkProject     *project,
                                        const char    *name,
                                        GError       **error);

void          wk_cli_check_add_members (JsonBuilder   *b,
                                        WkCliSession  *session);
void          wk_cli_check_print_text  (WkCliSession  *session);

int           wk_cli_info              (int            argc,
                                        char         **argv);
int           wk_cli_check             (int            argc,
                                        char         **argv);
int           wk_cli_export            (int            argc,
                                        char         **argv);
int           wk_cli_generate          (int            argc,
                                        char         **argv);
int           wk_cli_report            (int            argc,
                                        char         **argv);
int           wk_cli_new               (int            argc,
                                        char         **argv);
int           wk_cli_compare           (int            argc,
                                        char         **argv);
int           wk_cli_import            (int            argc,
                                        char         **argv);
int           wk_cli_fetch             (int            argc,
                                        char         **argv);
int           wk_cli_providers         (int            argc,
                                        char         **argv);
int           wk_cli_geocode           (int            argc,
                                        char         **argv);
int           wk_cli_repair            (int            argc,
                                        char         **argv);
int           wk_cli_propose           (int            argc,
                                        char         **argv);
int           wk_cli_copy              (int            argc,
                                        char         **argv);

G_END_DECLS
