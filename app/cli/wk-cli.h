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

typedef struct
{
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
void          wk_cli_session_clear     (WkCliSession  *session);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WkCliSession, wk_cli_session_clear)
void          wk_cli_print_json        (JsonNode      *node);

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

G_END_DECLS
