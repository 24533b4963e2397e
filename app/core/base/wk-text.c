/* wk-text.c: one normalisation of codes and names for the whole core
 *
 * Codes and names come from spreadsheets and GIS files with white space
 * around them (often a non-breaking space, from Excel or a web page) and
 * in any case; the same normalisation applies wherever they are read and
 * wherever they are looked up, so that both sides meet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-text"

#include "config.h"

#include <string.h>

#include "wk-text-private.h"

/* Spaces, tabs, line ends, NBSP, narrow NBSP, figure space, zero-width
 * space and the byte-order mark. */
static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00a0 || c == 0x202f || c == 0x2007 ||
         c == 0x200b || c == 0xfeff;
}

/* @raw with white space runs collapsed to one ASCII space and trimmed;
 * invalid UTF-8 is returned as it is. */
static char *
collapse_space (const char *raw)
{
  g_autoptr(GString) out = NULL;
  gboolean pending = FALSE;

  if (raw == NULL)
    return NULL;
  if (!g_utf8_validate (raw, -1, NULL))
    return g_strdup (raw);
  out = g_string_sized_new (strlen (raw));
  for (const char *p = raw; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c))
        {
          pending = out->len > 0;
          continue;
        }
      if (pending)
        g_string_append_c (out, ' ');
      pending = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * wk_text_normalise_code:
 *
 * A unit code as it is compared: without white space around it (NBSP
 * included) and in upper case (ASCII), so “ bu06320102 ” is BU06320102.
 *
 * Returns: (transfer full) (nullable): the code, %NULL for %NULL
 */
char *
wk_text_normalise_code (const char *raw)
{
  g_autofree char *collapsed = collapse_space (raw);

  return collapsed != NULL ? g_ascii_strup (collapsed, -1) : NULL;
}

/**
 * wk_text_normalise_name:
 *
 * An area name as it is kept: white space (NBSP included) collapsed to
 * single spaces and trimmed, in Unicode NFC, case as written.
 *
 * Returns: (transfer full) (nullable): the name, %NULL for %NULL
 */
char *
wk_text_normalise_name (const char *raw)
{
  g_autofree char *collapsed = collapse_space (raw);
  char *nfc;

  if (collapsed == NULL || !g_utf8_validate (collapsed, -1, NULL))
    return g_steal_pointer (&collapsed);
  nfc = g_utf8_normalize (collapsed, -1, G_NORMALIZE_NFC);
  return nfc != NULL ? nfc : g_steal_pointer (&collapsed);
}

/**
 * wk_text_fold_name:
 *
 * Returns: (transfer full): @name normalised and case-folded: two names
 *   with the same fold but different spellings differ only by case
 */
char *
wk_text_fold_name (const char *name)
{
  g_autofree char *normal = wk_text_normalise_name (name);

  if (normal == NULL || !g_utf8_validate (normal, -1, NULL))
    return g_steal_pointer (&normal);
  return g_utf8_casefold (normal, -1);
}
