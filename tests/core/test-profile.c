/* test-profile.c: the criteria profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include "wk-test-util.h"

/* Every enabled flag, severity and parameter of two profiles agree. */
static void
assert_same_values (WkProfile *a,
                    WkProfile *b)
{
  guint n;
  const WkCriterionInfo *criteria = wk_profile_get_criteria (&n);

  for (guint c = 0; c < n; c++)
    {
      guint n_params;
      const WkParamSpec *params = wk_profile_get_params (criteria[c].id, &n_params);

      g_assert_cmpint (wk_profile_get_enabled (a, criteria[c].id), ==, wk_profile_get_enabled (b, criteria[c].id));
      g_assert_cmpint (wk_profile_get_severity (a, criteria[c].id), ==, wk_profile_get_severity (b, criteria[c].id));
      for (guint p = 0; p < n_params; p++)
        {
          if (params[p].type == WK_PARAM_CHOICE)
            g_assert_cmpstr (wk_profile_get_choice (a, params[p].criterion, params[p].key), ==,
                             wk_profile_get_choice (b, params[p].criterion, params[p].key));
          else
            g_assert_cmpfloat (wk_profile_get_double (a, params[p].criterion, params[p].key), ==,
                               wk_profile_get_double (b, params[p].criterion, params[p].key));
        }
    }
}

/* The shipped data/profile-default.ini holds the built-in defaults and
 * documents every value. */
static void
test_shipped_default (void)
{
  g_autofree char *path = g_build_filename (WK_SOURCE_DATADIR, "profile-default.ini", NULL);
  g_autoptr(WkProfile) shipped = NULL;
  g_autoptr(WkProfile) builtin = wk_profile_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  guint n;
  const WkCriterionInfo *criteria = wk_profile_get_criteria (&n);

  shipped = wk_profile_load (path, &error);
  g_assert_no_error (error);
  assert_same_values (shipped, builtin);
  g_assert_cmpfloat (wk_profile_get_double (shipped, "population", "min"), ==, 5000);
  g_assert_cmpfloat (wk_profile_get_double (shipped, "population", "max"), ==, 30000);
  g_assert_cmpfloat (wk_profile_get_double (shipped, "distance", "max_pharmacy_km"), ==, 4.5);
  g_assert_cmpfloat (wk_profile_get_double (shipped, "networks", "min_share"), ==, 0.8);

  /* every criterion and every parameter is written out, with a comment */
  g_assert_true (g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, &error));
  for (guint c = 0; c < n; c++)
    {
      guint n_params;
      const WkParamSpec *params = wk_profile_get_params (criteria[c].id, &n_params);

      g_assert_true (g_key_file_has_key (kf, criteria[c].id, "enabled", NULL));
      g_assert_true (g_key_file_has_key (kf, criteria[c].id, "severity", NULL));
      for (guint p = 0; p < n_params; p++)
        {
          g_autofree char *comment = g_key_file_get_comment (kf, params[p].criterion, params[p].key, NULL);

          g_assert_true (g_key_file_has_key (kf, params[p].criterion, params[p].key, NULL));
          g_assert_nonnull (comment);
          g_assert_cmpuint (strlen (comment), >, 10);
        }
    }
}

static void
test_roundtrip (void)
{
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkProfile) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = wk_test_write_file ("regio.ini", "");

  g_assert_true (wk_profile_set_double (profile, "population", "min", 4000, &error));
  g_assert_true (wk_profile_set_double (profile, "contiguity", "min_shared_boundary_m", 2.5, &error));
  wk_profile_set_enabled (profile, "compactness", FALSE);
  wk_profile_set_severity (profile, "distance", WK_SEVERITY_ERROR);
  g_assert_true (wk_profile_set_choice (profile, "distance", "scope", "area", &error));
  wk_profile_set_boolean (profile, "municipality", "allow_region", TRUE);
  wk_profile_set_name (profile, "Regio Woerden");
  g_assert_true (wk_profile_save (profile, path, &error));
  g_assert_no_error (error);

  again = wk_profile_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (wk_profile_equal (profile, again));
  assert_same_values (profile, again);
  g_assert_cmpstr (wk_profile_get_name (again), ==, "Regio Woerden");
}

static void
assert_invalid (const char *text,
                const char *mentions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProfile) profile = wk_profile_load_data (text, -1, "bad.ini", &error);

  g_assert_null (profile);
  g_assert_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "bad.ini"));
  g_assert_nonnull (strstr (error->message, mentions));
}

static void
test_invalid_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkProfile) partial = NULL;

  assert_invalid ("[population]\nmin=veel\n", "min");
  assert_invalid ("[population]\nmin=-5\n", "out of range");
  assert_invalid ("[population]\nmin=5000.5\n", "whole number");
  assert_invalid ("[population]\nmin=40000\n", "larger than the maximum");
  assert_invalid ("[distance]\nmax_gp_km=4,5\n", "max_gp_km");
  assert_invalid ("[distance]\nscope=everywhere\n", "any/area");
  assert_invalid ("[coverage]\nenabled=misschien\n", "true or false");
  assert_invalid ("[coverage]\nseverity=fatal\n", "error, warning or info");
  /* a misspelt key would leave the default in force without a word */
  assert_invalid ("[population]\nminimum=3000\n", "the settings of [population] are enabled, "
                  "severity, min, max");

  /* not an .ini, not text */
  g_assert_null (wk_profile_load_data ("this is not [an ini", -1, "x.ini", &error));
  g_assert_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_READ);
  g_clear_error (&error);
  g_assert_null (wk_profile_load_data ("\0\1\2", 3, "x.ini", &error));
  g_assert_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_READ);
  g_clear_error (&error);
  g_assert_null (wk_profile_load ("/no/such/profile.ini", &error));
  g_assert_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "profile.ini"));
  g_clear_error (&error);
  {
    g_autofree char *empty = wk_test_write_file ("empty.ini", "");

    g_assert_null (wk_profile_load (empty, &error));
    g_assert_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_READ);
    g_assert_nonnull (strstr (error->message, "“empty.ini” is empty"));
    g_clear_error (&error);
  }

  /* setters refuse out-of-range values and keep the old one */
  g_assert_false (wk_profile_set_double (profile, "networks", "min_share", 1.5, &error));
  g_assert_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_INVALID);
  g_assert_cmpfloat (wk_profile_get_double (profile, "networks", "min_share"), ==, 0.8);
  g_clear_error (&error);

  /* an unknown section ([populatie] for [population]) would leave its
   * settings unread: an error naming it; so is a misspelt [profile] key */
  assert_invalid ("[population]\nmax=25000\n[populatie]\nmin=1\n", "no section [populatie]");
  assert_invalid ("[profile]\nnaam=Woerden\n", "[profile] naam");
  /* Dutch thousands: ambiguous, refused with the right form */
  assert_invalid ("[population]\nmin=5.000\n", "as 5000");
  assert_invalid ("[population]\nmax=1.250.000\n", "as 1250000");
  assert_invalid ("[distance]\nmax_gp_km=2.500\n", "write 2500 for that many");

  /* a partial profile keeps the defaults for what it does not say */
  partial = wk_profile_load_data ("[population]\nmax=25000\n", -1, "p.ini", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (wk_profile_get_double (partial, "population", "max"), ==, 25000);
  g_assert_cmpfloat (wk_profile_get_double (partial, "population", "min"), ==, 5000);
}

/* As a Windows editor saves it: a byte-order mark and CR LF line ends. */
static void
test_bom_crlf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WkProfile) profile = NULL;
  WkSeverity severity;

  profile = wk_profile_load_data ("\xef\xbb\xbf[profile]\r\nname=Regio\r\n[population]\r\n"
                                  "min=4000\r\n[contiguity]\r\nenabled=false\r\n"
                                  "severity=warning\r\n[distance]\r\nmax_gp_km=2.5\r\n",
                                  -1, "windows.ini", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wk_profile_get_name (profile), ==, "Regio");
  g_assert_cmpfloat (wk_profile_get_double (profile, "population", "min"), ==, 4000);
  g_assert_cmpfloat (wk_profile_get_double (profile, "distance", "max_gp_km"), ==, 2.5);
  g_assert_false (wk_profile_get_enabled (profile, "contiguity"));
  severity = wk_profile_get_severity (profile, "contiguity");
  g_assert_cmpint (severity, ==, WK_SEVERITY_WARNING);
}

static void
count_cb (WkProfile *profile,
          guint     *count)
{
  (*count)++;
}

static void
test_changed_signal (void)
{
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkProfile) other = wk_profile_new ();
  guint n = 0;

  g_signal_connect (profile, "changed", G_CALLBACK (count_cb), &n);
  wk_profile_set_double (profile, "population", "max", 20000, NULL);
  g_assert_cmpuint (n, ==, 1);
  /* no change, no signal */
  wk_profile_set_double (profile, "population", "max", 20000, NULL);
  wk_profile_set_enabled (profile, "population", TRUE);
  g_assert_cmpuint (n, ==, 1);
  wk_profile_assign (profile, other);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (wk_profile_equal (profile, other));
  wk_profile_reset (profile);
  g_assert_cmpuint (n, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/core/profile/shipped-default", test_shipped_default);
  g_test_add_func ("/core/profile/roundtrip", test_roundtrip);
  g_test_add_func ("/core/profile/invalid-values", test_invalid_values);
  g_test_add_func ("/core/profile/changed-signal", test_changed_signal);
  g_test_add_func ("/core/profile/bom-crlf", test_bom_crlf);
  return g_test_run ();
}
