/* fuzz-project.c: opening a project file (a GeoPackage) from bytes
 *
 * Until the CLI and the core open *.wijk.gpkg projects (WkProject), this
 * opens the bytes as units through GDAL's GeoPackage driver on /vsimem/,
 * the way a project's units layer is read.  The load gives a data set or an
 * error in WK_DATASET_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wk-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  wk_fuzz_init ();
  wk_fuzz_load_units ("/vsimem/fuzz/project.wijk.gpkg", data, size);
  return 0;
}
