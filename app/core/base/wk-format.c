/* wk-format.c: numbers as people read them, in the user's locale
 *
 * The one place that turns a number into text for people: the app, the
 * findings' messages, the CLI's text output and the report.  Numbers are
 * grouped and given a decimal mark as LC_NUMERIC says (“15.965” and “2,5”
 * under nl_NL, “15,965” and “2.5” under en_US, plain “15965” under C), via
 * glibc's `'` printf flag.  Machine output (JSON, CSV) never comes here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "wk-format.h"

/**
 * wk_format_count:
 * @value: a whole number, e.g. of inhabitants
 *
 * Returns: (transfer full): @value grouped in thousands the locale's way
 */
char *
wk_format_count (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

/**
 * wk_format_change:
 * @value: a difference between two whole numbers
 *
 * Returns: (transfer full): @value as wk_format_count() gives it, always
 *   with its sign: “+1.234”, “-56”, “+0”
 */
char *
wk_format_change (gint64 value)
{
  return g_strdup_printf ("%+'" G_GINT64_FORMAT, value);
}

/**
 * wk_format_decimal:
 * @value: a number
 * @digits: decimals to show
 *
 * Returns: (transfer full): @value rounded to @digits decimals, grouped and
 *   with the locale's decimal mark; %WK_FORMAT_UNKNOWN when @value is not
 *   finite
 */
char *
wk_format_decimal (double value,
                   guint  digits)
{
  if (!isfinite (value))
    return g_strdup (WK_FORMAT_UNKNOWN);
  /* No “-0” for a small negative value rounded away. */
  if (fabs (value) * pow (10, digits) < 0.5)
    value = 0.0;
  return g_strdup_printf ("%'.*f", (int) digits, value);
}

/**
 * wk_format_number:
 * @value: a number
 * @max_digits: the most decimals to show
 *
 * Like wk_format_decimal(), with as few decimals as @value needs (none for a
 * whole number), at most @max_digits: for figures a person typed, such as
 * a threshold of 0.25 or 5000.
 *
 * Returns: (transfer full): @value in the locale's way
 */
char *
wk_format_number (double value,
                  guint  max_digits)
{
  for (guint d = 0; d < max_digits && isfinite (value); d++)
    {
      double scaled = value * pow (10, d);

      if (fabs (scaled - round (scaled)) < 1e-9 * MAX (1.0, fabs (scaled)))
        return wk_format_decimal (value, d);
    }
  return wk_format_decimal (value, max_digits);
}

/**
 * wk_format_inhabitants:
 * @population: a number of inhabitants
 *
 * Returns: (transfer full): e.g. “12,345 inhabitants”, the number as
 *   wk_format_count() gives it
 */
char *
wk_format_inhabitants (gint64 population)
{
  g_autofree char *number = wk_format_count (population);

  /* Translators: %s is a number of inhabitants, e.g. “12.345” */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s inhabitant", "%s inhabitants",
                                       (gulong) CLAMP (population, 0, G_MAXLONG)),
                          number);
}
