/* wk-gemeenten.h: the CBS list of gemeenten (code and name) that ships as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

typedef struct
{
  char *code;   /* GMxxxx */
  char *name;
} WkGemeente;

GPtrArray        *wk_gemeenten_load         (const char       *path,
                                             GError          **error);
const WkGemeente *wk_gemeenten_find         (GPtrArray        *gemeenten,
                                             const char       *code_or_name);

G_END_DECLS
