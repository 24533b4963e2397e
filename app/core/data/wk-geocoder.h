/* wk-geocoder.h: addresses of a list placed through PDOK's Locatieserver, with a cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

#define WK_GEOCODER_ERROR (wk_geocoder_error_quark ())

typedef enum
{
  WK_GEOCODER_ERROR_INPUT,
  WK_GEOCODER_ERROR_SERVICE,
} WkGeocoderError;

/**
 * WkGeocodeOptions:
 * @list_path: a CSV or XLSX file with postcode and house number columns
 * @service: (nullable): the Locatieserver's base (…/search/v3_1); %NULL for PDOK's
 * @cache_dir: (nullable): %NULL for `$XDG_CACHE_HOME/wijkindeling/locatieserver`
 * @refresh: ask again for addresses the cache has
 * @max_per_second: the most requests per second (0: 5)
 * @timeout_s: seconds to wait for an answer (0: 30)
 */
typedef struct
{
  const char *list_path;
  const char *service;
  const char *cache_dir;
  gboolean    refresh;
  double      max_per_second;
  guint       timeout_s;
} WkGeocodeOptions;

/**
 * WkGeocodeMiss:
 * @line: the row's line in the file (the header is line 1)
 * @address: the address as given
 * @reason: why it was not placed
 */
typedef struct
{
  guint  line;
  char  *address;
  char  *reason;
} WkGeocodeMiss;

typedef struct
{
  guint      n_rows;
  guint      n_found;
  guint      n_from_cache;
  GPtrArray *missed;     /* WkGeocodeMiss, in file order */
} WkGeocodeReport;

GQuark           wk_geocoder_error_quark   (void);
WkGeocodeReport *wk_geocode_list           (const WkGeocodeOptions *options,
                                            const char             *output,
                                            GCancellable           *cancellable,
                                            GError                **error);
void             wk_geocode_report_free    (WkGeocodeReport        *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkGeocodeReport, wk_geocode_report_free)

G_END_DECLS
