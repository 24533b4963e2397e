/* wk-pdok-fetch.h: CBS buurten and gemeenten from PDOK's OGC API Features, with a cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

#define WK_PDOK_ERROR (wk_pdok_error_quark ())

typedef enum
{
  WK_PDOK_ERROR_UNREACHABLE,
  WK_PDOK_ERROR_TIMEOUT,
  WK_PDOK_ERROR_HTTP,
  WK_PDOK_ERROR_TRUNCATED,
  WK_PDOK_ERROR_SCHEMA,
  WK_PDOK_ERROR_NOT_FOUND,
  WK_PDOK_ERROR_WRITE,
} WkPdokError;

/* The default year of CBS Wijken en Buurten at PDOK. */
#define WK_PDOK_DEFAULT_YEAR 2024

/**
 * WkPdokOptions:
 * @gemeenten: CBS gemeente codes (GMxxxx), %NULL-terminated
 * @year: the year of the CBS data; picks the default service
 * @service: (nullable): the OGC API landing page; %NULL for PDOK's
 *   `wijken-en-buurten-<year>`
 * @cache_dir: (nullable): where downloads are kept; %NULL for
 *   `$XDG_CACHE_HOME/wijkindeling/pdok`
 * @refresh: download again even when the cache has the gemeente
 * @page_size: features per request (0: 200; PDOK serves up to 1,000)
 * @timeout_s: seconds to wait for an answer (0: 60)
 */
typedef struct
{
  const char * const *gemeenten;
  int                 year;
  const char         *service;
  const char         *cache_dir;
  gboolean            refresh;
  guint               page_size;
  guint               timeout_s;
} WkPdokOptions;

/**
 * WkPdokGemeente:
 * @code: the gemeente code
 * @name: its name as the service gives it
 * @n_buurten: buurten written
 * @population: the sum of the known populations
 * @n_unknown: values that were CBS secrecy codes (negative) or empty
 * @fetched: when it was downloaded
 * @from_cache: whether it came from the cache
 */
typedef struct
{
  char      *code;
  char      *name;
  guint      n_buurten;
  gint64     population;
  guint      n_unknown;
  GDateTime *fetched;
  gboolean   from_cache;
} WkPdokGemeente;

typedef struct
{
  char      *service;
  GPtrArray *gemeenten;   /* WkPdokGemeente */
} WkPdokReport;

GQuark        wk_pdok_error_quark        (void);
void          wk_pdok_options_init       (WkPdokOptions  *options);
WkPdokReport *wk_pdok_fetch              (const WkPdokOptions *options,
                                          const char     *output,
                                          WkProgress     *progress,
                                          GCancellable   *cancellable,
                                          GError        **error);
void          wk_pdok_fetch_async        (const WkPdokOptions *options,
                                          const char     *output,
                                          WkProgress     *progress,
                                          GCancellable   *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer        user_data);
WkPdokReport *wk_pdok_fetch_finish       (GAsyncResult   *result,
                                          GError        **error);
void          wk_pdok_report_free        (WkPdokReport   *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkPdokReport, wk_pdok_report_free)

G_END_DECLS
