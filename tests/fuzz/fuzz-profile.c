/* fuzz-profile.c: the criteria profile parser
 *
 * Any bytes either give a profile or an error in WK_PROFILE_ERROR; a
 * profile that was read writes out as text that reads back the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wk-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProfile) profile = NULL;
  g_autoptr(WkProfile) again = NULL;
  g_autofree char *text = NULL;

  wk_fuzz_init ();
  profile = wk_profile_load_data ((const char *) data, size, "fuzz.ini", &error);
  if (profile == NULL)
    {
      g_assert_true (error != NULL && error->domain == WK_PROFILE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  text = wk_profile_to_data (profile);
  again = wk_profile_load_data (text, -1, "fuzz.ini", &error);
  g_assert_no_error (error);
  g_assert_true (wk_profile_equal (profile, again));
  return 0;
}
