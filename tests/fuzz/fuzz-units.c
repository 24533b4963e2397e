/* fuzz-units.c: loading units from bytes (GeoJSON, or CSV with WKT)
 *
 * The bytes become a file in GDAL's /vsimem/; what reads as GeoJSON is
 * named .geojson, anything else .csv.  The load gives a data set or an
 * error in WK_DATASET_ERROR; a data set can be planned and checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wk-fuzz.h"

static gboolean
looks_like_json (const uint8_t *data,
                 size_t         size)
{
  for (size_t i = 0; i < size; i++)
    {
      if (data[i] == '{' || data[i] == '[')
        return TRUE;
      if (data[i] != ' ' && data[i] != '\n' && data[i] != '\r' && data[i] != '\t' &&
          data[i] != 0xEF && data[i] != 0xBB && data[i] != 0xBF)
        return FALSE;
    }
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  wk_fuzz_init ();
  wk_fuzz_load_units (looks_like_json (data, size) ? "/vsimem/fuzz/units.geojson"
                                                   : "/vsimem/fuzz/units.csv",
                      data, size);
  return 0;
}
