/* wk-array.c: small helpers for arrays of unit and area indices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wk-array-private.h"

/* _wk_uint_compare:
 *
 * Orders two guint by value, for g_array_sort() and qsort().
 */
int
_wk_uint_compare (gconstpointer a,
                  gconstpointer b)
{
  guint ua = *(const guint *) a, ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

/* _wk_sort_unique:
 * @array: a #GArray of guint
 *
 * Sorts @array and drops repeated values.
 */
void
_wk_sort_unique (GArray *array)
{
  guint out = 0;

  g_array_sort (array, _wk_uint_compare);
  for (guint i = 0; i < array->len; i++)
    if (out == 0 || g_array_index (array, guint, i) != g_array_index (array, guint, out - 1))
      g_array_index (array, guint, out++) = g_array_index (array, guint, i);
  g_array_set_size (array, out);
}
