/* wk-fuzz.h: what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

/* libFuzzer's entry points; tests/fuzz/fuzz-main.c calls them without libFuzzer.
 * LLVMFuzzerInitialize is optional, as for libFuzzer. */
int         LLVMFuzzerInitialize      (int            *argc,
                                       char         ***argv) __attribute__ ((weak));
int         LLVMFuzzerTestOneInput    (const uint8_t  *data,
                                       size_t          size);

void        wk_fuzz_init              (void);
const char *wk_fuzz_get_temp_dir      (void);
void        wk_fuzz_load_units        (const char     *vsimem_path,
                                       const uint8_t  *data,
                                       size_t          size);
char       *wk_fuzz_write_temp        (const char     *name,
                                       const uint8_t  *data,
                                       size_t          size);
void        wk_fuzz_exercise_plan     (WkPlan         *plan,
                                       WkProfile      *profile);

G_END_DECLS
