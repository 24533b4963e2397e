/* wk-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-profile"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wk-file-private.h"
#include "wk-profile.h"
#include "wk-profile-private.h"
#include "wk-types-private.h"

static const WkCriterionInfo criteria[] = {
  { "population", N_("Population per area"),
    N_("Each area has between a minimum and a maximum number of inhabitants: enough to carry a "
       "close-knit team, few enough for its members to know each other and the neighbourhood."),
    TRUE, WK_SEVERITY_ERROR },
  { "contiguity", N_("Contiguous areas"),
    N_("The buurten of an area border each other, so that the area is one piece."),
    TRUE, WK_SEVERITY_ERROR },
  { "municipality", N_("Within one municipality"),
    N_("An area lies within one municipality and inside its boundary, because the social domain "
       "is organised per municipality."),
    TRUE, WK_SEVERITY_ERROR },
  { "coverage", N_("Complete coverage"),
    N_("Every inhabited buurt belongs to exactly one area."),
    TRUE, WK_SEVERITY_ERROR },
  { "providers", N_("Care providers per area"),
    N_("Every area has at least one GP practice, one pharmacy (or dispensing GP) and one district "
       "nursing team."),
    TRUE, WK_SEVERITY_ERROR },
  { "distance", N_("Distance to GP and pharmacy"),
    N_("Every inhabited buurt lies within a maximum distance of the nearest GP practice and pharmacy "
       "(straight line from the buurt's centre)."),
    TRUE, WK_SEVERITY_WARNING },
  { "capacity", N_("GP capacity"),
    N_("The population of an area does not exceed what its GPs can serve: inhabitants ÷ (GP FTE × "
       "patients per FTE) at most the maximum ratio. Checked where the capacity is known."),
    TRUE, WK_SEVERITY_WARNING },
  { "networks", N_("Existing networks kept together"),
    N_("Existing team areas and groups of practices are not split over areas: most of a network's "
       "inhabitants, and all locations of a practice group, lie in one area."),
    TRUE, WK_SEVERITY_WARNING },
  { "compactness", N_("Compactness"),
    N_("How round an area is (Polsby-Popper: 1 for a circle, near 0 for a long strip); reported "
       "for areas below a threshold."),
    TRUE, WK_SEVERITY_INFO },
};

static const WkParamSpec params[] = {
  { "population", "min", WK_PARAM_INTEGER, 0, 10000000, 5000, NULL,
    N_("Minimum population"), N_("Fewest inhabitants an area may have."), N_("inhabitants") },
  { "population", "max", WK_PARAM_INTEGER, 0, 10000000, 30000, NULL,
    N_("Maximum population"), N_("Most inhabitants an area may have."), N_("inhabitants") },
  { "contiguity", "min_shared_boundary_m", WK_PARAM_DOUBLE, 0, 10000, 1, NULL,
    N_("Shortest shared boundary"),
    N_("Two buurten are neighbours when their shared boundary is longer than this; touching in a "
       "point does not count."), N_("m") },
  { "municipality", "allow_region", WK_PARAM_BOOLEAN, 0, 1, 0, NULL,
    N_("Allow areas across municipalities"),
    N_("Allow region-wide areas that span more than one municipality."), NULL },
  { "municipality", "min_inside_share", WK_PARAM_DOUBLE, 0, 1, 0.5, NULL,
    N_("Share inside the boundary"),
    N_("With a municipal boundary loaded, a buurt with less of its area inside counts as outside "
       "the municipality (0–1)."), NULL },
  { "coverage", "min_population", WK_PARAM_INTEGER, 0, 1000000, 1, NULL,
    N_("Inhabited from"),
    N_("A buurt with at least this many inhabitants must belong to an area."), N_("inhabitants") },
  { "providers", "require_gp", WK_PARAM_BOOLEAN, 0, 1, 1, NULL,
    N_("Require a GP practice"), N_("Every area has at least one GP practice."), NULL },
  { "providers", "require_pharmacy", WK_PARAM_BOOLEAN, 0, 1, 1, NULL,
    N_("Require a pharmacy"), N_("Every area has at least one pharmacy or dispensing GP."), NULL },
  { "providers", "require_nursing", WK_PARAM_BOOLEAN, 0, 1, 1, NULL,
    N_("Require a district nursing team"), N_("Every area has at least one district nursing team."),
    NULL },
  { "providers", "require_social", WK_PARAM_BOOLEAN, 0, 1, 0, NULL,
    N_("Require a social neighbourhood team"),
    N_("Every area has at least one social neighbourhood team."), NULL },
  { "providers", "dispensing_gp_counts", WK_PARAM_BOOLEAN, 0, 1, 1, NULL,
    N_("Dispensing GP counts as pharmacy"),
    N_("A dispensing GP (apotheekhoudend huisarts) covers the pharmacy requirement."), NULL },
  { "distance", "max_gp_km", WK_PARAM_DOUBLE, 0, 100, 4.5, NULL,
    N_("Maximum distance to a GP"), N_("Farthest a buurt's centre may lie from a GP practice."),
    N_("km") },
  { "distance", "max_pharmacy_km", WK_PARAM_DOUBLE, 0, 100, 4.5, NULL,
    N_("Maximum distance to a pharmacy"),
    N_("Farthest a buurt's centre may lie from a pharmacy or dispensing GP."), N_("km") },
  { "distance", "scope", WK_PARAM_CHOICE, 0, 0, 0, "any|area",
    N_("Which providers count"),
    N_("“any”: the nearest anywhere; “area”: the nearest in the buurt's own area."), NULL },
  { "capacity", "patients_per_fte", WK_PARAM_INTEGER, 1, 100000, 2350, NULL,
    N_("Patients per GP FTE"), N_("The normpraktijk: patients one full-time GP serves."),
    N_("patients") },
  { "capacity", "max_ratio", WK_PARAM_DOUBLE, 0.01, 100, 1.0, NULL,
    N_("Maximum load"),
    N_("Largest allowed ratio of inhabitants to GP capacity (1.0 = exactly full)."), NULL },
  { "networks", "min_share", WK_PARAM_DOUBLE, 0, 1, 0.8, NULL,
    N_("Share in one area"),
    N_("Smallest share of a network's inhabitants that must lie in one area (0–1)."), NULL },
  { "networks", "groups_together", WK_PARAM_BOOLEAN, 0, 1, 1, NULL,
    N_("Keep practice groups together"),
    N_("All locations of a group (e.g. a HAGRO or nursing team) lie in one area."), NULL },
  { "compactness", "min_polsby_popper", WK_PARAM_DOUBLE, 0, 1, 0.2, NULL,
    N_("Report below"), N_("Areas less compact than this are reported (0–1)."), NULL },
};

#define N_CRITERIA G_N_ELEMENTS (criteria)
#define N_PARAMS G_N_ELEMENTS (params)

struct _WkProfile
{
  GObject     parent_instance;

  char       *name;
  gboolean    enabled[N_CRITERIA];
  WkSeverity  severity[N_CRITERIA];
  double      values[N_PARAMS];
  char       *choices[N_PARAMS];
};

G_DEFINE_FINAL_TYPE (WkProfile, wk_profile, G_TYPE_OBJECT)
G_DEFINE_QUARK (wk-profile-error-quark, wk_profile_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
criterion_index (const char *id)
{
  for (guint i = 0; i < N_CRITERIA; i++)
    if (g_strcmp0 (criteria[i].id, id) == 0)
      return i;
  return -1;
}

static int
param_index (const char *criterion,
             const char *key)
{
  for (guint i = 0; i < N_PARAMS; i++)
    if (g_strcmp0 (params[i].criterion, criterion) == 0 && g_strcmp0 (params[i].key, key) == 0)
      return i;
  return -1;
}

/**
 * wk_profile_get_criteria:
 *
 * Returns: (transfer none) (array length=n_criteria): every criterion, in
 *   the order they are reported
 */
const WkCriterionInfo *
wk_profile_get_criteria (guint *n_criteria)
{
  *n_criteria = N_CRITERIA;
  return criteria;
}

const WkCriterionInfo *
_wk_profile_find_criterion (const char *id)
{
  int i = criterion_index (id);

  return i < 0 ? NULL : &criteria[i];
}

/**
 * wk_profile_get_params:
 *
 * Returns: (transfer none) (array length=n_params): the settings of a criterion
 */
const WkParamSpec *
wk_profile_get_params (const char *criterion,
                       guint      *n_params)
{
  int first = -1;

  *n_params = 0;
  for (guint i = 0; i < N_PARAMS; i++)
    if (g_strcmp0 (params[i].criterion, criterion) == 0)
      {
        if (first < 0)
          first = i;
        (*n_params)++;
      }
  return first < 0 ? NULL : &params[first];
}

const WkParamSpec *
_wk_profile_find_param (const char *criterion,
                        const char *key)
{
  int i = param_index (criterion, key);

  return i < 0 ? NULL : &params[i];
}

static void
emit_changed (WkProfile *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
wk_profile_finalize (GObject *object)
{
  WkProfile *self = (WkProfile *)object;

  g_free (self->name);
  for (guint i = 0; i < N_PARAMS; i++)
    g_free (self->choices[i]);
  G_OBJECT_CLASS (wk_profile_parent_class)->finalize (object);
}

static void
wk_profile_class_init (WkProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wk_profile_finalize;

  /**
   * WkProfile::changed:
   *
   * Emitted when any value changes; a checker re-runs its full check.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
set_defaults (WkProfile *self)
{
  g_free (self->name);
  self->name = g_strdup (_("Guide for close-knit primary care (default)"));
  for (guint i = 0; i < N_CRITERIA; i++)
    {
      self->enabled[i] = criteria[i].default_enabled;
      self->severity[i] = criteria[i].default_severity;
    }
  for (guint i = 0; i < N_PARAMS; i++)
    {
      self->values[i] = params[i].default_value;
      g_clear_pointer (&self->choices[i], g_free);
      if (params[i].type == WK_PARAM_CHOICE)
        {
          const char *bar = strchr (params[i].choices, '|');
          self->choices[i] = bar ? g_strndup (params[i].choices, bar - params[i].choices)
                                 : g_strdup (params[i].choices);
        }
    }
}

static void
wk_profile_init (WkProfile *self)
{
  set_defaults (self);
}

/**
 * wk_profile_new:
 *
 * Returns: (transfer full): the default profile (the regional guide's values)
 */
WkProfile *
wk_profile_new (void)
{
  return g_object_new (WK_TYPE_PROFILE, NULL);
}

static gboolean
choice_allowed (const WkParamSpec *spec,
                const char        *value)
{
  g_auto(GStrv) options = g_strsplit (spec->choices, "|", -1);

  return value != NULL && g_strv_contains ((const char * const *) options, value);
}

static gboolean
invalid (GError     **error,
         const char  *display,
         const char  *group,
         const char  *key,
         const char  *what)
{
  g_set_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_INVALID,
               _("“%s”, [%s] %s: %s"), display, group, key, what);
  return FALSE;
}

/* A misspelt key (“minimum” for “min”) would silently leave the default in
 * force; name it and the keys that exist. */
static gboolean
check_keys (GKeyFile    *kf,
            const char  *group,
            const char  *display,
            GError     **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (kf, group, NULL, NULL);

  for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
    {
      g_autoptr(GString) known = NULL;
      g_autofree char *what = NULL;
      guint n_params;
      const WkParamSpec *specs;

      if (g_str_equal (keys[k], "enabled") || g_str_equal (keys[k], "severity") ||
          _wk_profile_find_param (group, keys[k]) != NULL || strchr (keys[k], '[') != NULL)
        continue;
      known = g_string_new ("enabled, severity");
      specs = wk_profile_get_params (group, &n_params);
      for (guint i = 0; i < n_params; i++)
        g_string_append_printf (known, ", %s", specs[i].key);
      what = g_strdup_printf (_("there is no such setting; the settings of [%s] are %s"),
                              group, known->str);
      return invalid (error, display, group, keys[k], what);
    }
  return TRUE;
}

/* A section other than [profile] and the criteria ([populatie] for
 * [population]) would leave its settings unread; so would a key in
 * [profile] other than its name. */
static gboolean
check_groups (GKeyFile    *kf,
              const char  *display,
              GError     **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (kf, NULL);
  g_auto(GStrv) keys = NULL;

  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_autoptr(GString) known = NULL;

      if (g_str_equal (groups[g], "profile") || criterion_index (groups[g]) >= 0)
        continue;
      known = g_string_new ("profile");
      for (guint c = 0; c < N_CRITERIA; c++)
        g_string_append_printf (known, ", %s", criteria[c].id);
      g_set_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_INVALID,
                   _("“%s”: there is no section [%s]; the sections of a criteria profile are %s. "
                     "Correct its name or remove it."), display, groups[g], known->str);
      return FALSE;
    }
  keys = g_key_file_get_keys (kf, "profile", NULL, NULL);
  for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
    if (!g_str_equal (keys[k], "name") && !g_str_has_prefix (keys[k], "name["))
      return invalid (error, display, "profile", keys[k],
                      _("there is no such setting; the only setting of [profile] is name"));
  return TRUE;
}

/* “5.000” is five thousand to a Dutch reader and five to the program: a
 * number whose point is followed by groups of exactly three digits is
 * refused, with the two forms it could mean. */
static gboolean
is_grouped_number (const char *raw)
{
  const char *p = raw;
  guint n_groups = 0;

  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (guint n = 0; g_ascii_isdigit (*p); n++, p++)
    if (n >= 3)
      return FALSE;
  while (*p == '.')
    {
      p++;
      for (guint n = 0; n < 3; n++, p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
      n_groups++;
    }
  return *p == '\0' && n_groups > 0;
}

static char *
grouped_number_problem (const WkParamSpec *spec,
                        const char        *raw)
{
  g_auto(GStrv) parts = g_strsplit (raw, ".", -1);
  g_autofree char *plain = g_strjoinv ("", parts);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (spec->type == WK_PARAM_INTEGER)
    return g_strdup_printf (_("“%s” is ambiguous: write whole numbers without a thousands "
                              "separator, as %s"), raw, plain);
  return g_strdup_printf (_("“%s” is ambiguous: write %s for that many, without a thousands "
                            "separator, or %s if the point is a decimal point"), raw, plain,
                          g_ascii_formatd (buf, sizeof buf, "%g", g_ascii_strtod (raw, NULL)));
}

/* A number written the Dutch way, “4,5”, “1.234,5” or “5 000”: what
 * to write instead (NULL when @raw is no such number).  A comma followed by
 * exactly three digits, “5,000”, may be either way: both forms are given. */
static char *
dutch_number_problem (const WkParamSpec *spec,
                      const char        *raw)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  const char *comma = strchr (raw, ',');
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;
  double v;

  if (comma == NULL && strchr (raw, ' ') == NULL)
    return NULL;
  /* points and spaces group thousands, the comma is the decimal comma */
  for (const char *p = raw; *p != '\0'; p++)
    if (*p == ',')
      g_string_append_c (plain, '.');
    else if (*p != '.' && *p != ' ')
      g_string_append_c (plain, *p);
  v = g_ascii_strtod (plain->str, &end);
  if (plain->len == 0 || *end != '\0' || !isfinite (v) ||
      (comma != NULL && strchr (comma + 1, ',') != NULL))
    return NULL;
  g_ascii_formatd (buf, sizeof buf, "%.10g", v);
  if (comma != NULL && strchr (raw, '.') == NULL && strchr (raw, ' ') == NULL &&
      strlen (comma + 1) == 3 && g_ascii_isdigit (comma[1]) && g_ascii_isdigit (comma[2]) &&
      g_ascii_isdigit (comma[3]))
    {
      g_autoptr(GString) many = g_string_new (NULL);

      for (const char *p = raw; *p != '\0'; p++)
        if (*p != ',')
          g_string_append_c (many, *p);
      if (spec->type == WK_PARAM_INTEGER)
        return g_strdup_printf (_("“%s” is ambiguous: write whole numbers without a thousands "
                                  "separator, as %s"), raw, many->str);
      return g_strdup_printf (_("“%s” is ambiguous: write %s for that many, without a thousands "
                                "separator, or %s if the comma is a decimal comma"),
                              raw, many->str, buf);
    }
  if (spec->type == WK_PARAM_INTEGER && comma == NULL)
    return g_strdup_printf (_("“%s” is ambiguous: write whole numbers without a thousands "
                              "separator, as %s"), raw, buf);
  return g_strdup_printf (_("must be written with a decimal point and without a thousands "
                            "separator, as %s, not “%s”"), buf, raw);
}

static gboolean
load_keyfile (WkProfile   *self,
              GKeyFile    *kf,
              const char  *display,
              GError     **error)
{
  g_autofree char *name = g_key_file_get_locale_string (kf, "profile", "name", NULL, NULL);

  if (name != NULL)
    {
      g_free (self->name);
      self->name = g_steal_pointer (&name);
    }
  if (!check_groups (kf, display, error))
    return FALSE;

  for (guint c = 0; c < N_CRITERIA; c++)
    {
      const char *group = criteria[c].id;
      g_autofree char *sev = NULL;

      if (!g_key_file_has_group (kf, group))
        continue;
      if (g_key_file_has_key (kf, group, "enabled", NULL))
        {
          g_autoptr(GError) local = NULL;
          gboolean v = g_key_file_get_boolean (kf, group, "enabled", &local);

          if (local != NULL)
            return invalid (error, display, group, "enabled", _("must be true or false"));
          self->enabled[c] = v;
        }
      sev = g_key_file_get_string (kf, group, "severity", NULL);
      if (sev != NULL && !_wk_severity_from_string (g_strstrip (sev), &self->severity[c]))
        return invalid (error, display, group, "severity", _("must be error, warning or info"));
      if (!check_keys (kf, group, display, error))
        return FALSE;
    }

  for (guint i = 0; i < N_PARAMS; i++)
    {
      const WkParamSpec *spec = &params[i];
      g_autofree char *raw = NULL;
      g_autoptr(GError) local = NULL;

      if (!g_key_file_has_key (kf, spec->criterion, spec->key, NULL))
        continue;
      raw = g_key_file_get_value (kf, spec->criterion, spec->key, NULL);
      switch (spec->type)
        {
        case WK_PARAM_BOOLEAN:
          {
            gboolean v = g_key_file_get_boolean (kf, spec->criterion, spec->key, &local);

            if (local != NULL)
              return invalid (error, display, spec->criterion, spec->key, _("must be true or false"));
            self->values[i] = v ? 1 : 0;
          }
          break;
        case WK_PARAM_INTEGER:
        case WK_PARAM_DOUBLE:
          {
            char *end = NULL;
            double v;

            g_strstrip (raw);
            if (is_grouped_number (raw))
              {
                g_autofree char *what = grouped_number_problem (spec, raw);
                return invalid (error, display, spec->criterion, spec->key, what);
              }
            v = g_ascii_strtod (raw, &end);
            if (*raw == '\0' || end == raw || *end != '\0' || !isfinite (v))
              {
                g_autofree char *what = dutch_number_problem (spec, raw);

                if (what == NULL && strchr (raw, ',') != NULL)
                  what = g_strdup_printf (_("must be a number with a decimal point, not “%s”"), raw);
                else if (what == NULL)
                  what = g_strdup_printf (_("must be a number, not “%s”"), raw);
                return invalid (error, display, spec->criterion, spec->key, what);
              }
            if (spec->type == WK_PARAM_INTEGER && v != floor (v))
              {
                g_autofree char *what = g_strdup_printf (_("must be a whole number, not “%s”"), raw);
                return invalid (error, display, spec->criterion, spec->key, what);
              }
            if (v < spec->min || v > spec->max)
              {
                g_autofree char *what = g_strdup_printf (_("%s is out of range: it must be between %.10g and %.10g"),
                                                         raw, spec->min, spec->max);
                return invalid (error, display, spec->criterion, spec->key, what);
              }
            self->values[i] = v;
          }
          break;
        case WK_PARAM_CHOICE:
          g_strstrip (raw);
          if (!choice_allowed (spec, raw))
            {
              g_autofree char *allowed = g_strdelimit (g_strdup (spec->choices), "|", '/');
              g_autofree char *what = g_strdup_printf (_("must be one of %s, not “%s”"), allowed, raw);
              return invalid (error, display, spec->criterion, spec->key, what);
            }
          g_free (self->choices[i]);
          self->choices[i] = g_strdup (raw);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (wk_profile_get_double (self, "population", "min") > wk_profile_get_double (self, "population", "max"))
    return invalid (error, display, "population", "min",
                    _("the minimum population is larger than the maximum"));
  return TRUE;
}

/**
 * wk_profile_load_data:
 * @display_name: how to name the source in errors
 *
 * Returns: (transfer full): the profile: defaults overridden by @data
 */
WkProfile *
wk_profile_load_data (const char  *data,
                      gssize       length,
                      const char  *display_name,
                      GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(WkProfile) self = wk_profile_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;

  if (length < 0)
    length = strlen (data);
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_READ,
                   _("“%s” is not a criteria profile: it is not a text file."), display_name);
      return NULL;
    }
  /* As saved by Windows editors: a byte-order mark, and CR LF line ends
   * (GKeyFile would keep the CR in each value). */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  text = g_strndup (data, length);
  for (char *r = text; (r = strchr (r, '\r')) != NULL; )
    if (r[1] == '\n' || r[1] == '\0')
      memmove (r, r + 1, strlen (r + 1) + 1);
    else
      *r++ = '\n';
  if (!g_key_file_load_from_data (kf, text, -1, G_KEY_FILE_KEEP_TRANSLATIONS, &local))
    {
      g_set_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_READ,
                   _("“%s” is not a criteria profile (.ini): %s"), display_name, local->message);
      return NULL;
    }
  if (!load_keyfile (self, kf, display_name, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * wk_profile_load:
 *
 * Returns: (transfer full): the profile in @path
 */
WkProfile *
wk_profile_load (const char  *path,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_READ,
                     _("“%s” does not exist. Check the name and the folder."), display);
      else
        g_set_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_READ,
                     _("“%s” cannot be read: %s"), display, local->message);
      return NULL;
    }
  /* An empty file given as the profile is a mistake (not saved, cut off),
   * not a wish for the defaults, which need no file. */
  if (len == 0)
    {
      g_set_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_READ,
                   _("“%s” is empty (0 bytes). A criteria profile is a .ini file like "
                     "profile-default.ini."), display);
      return NULL;
    }
  return wk_profile_load_data (contents, len, display, error);
}

WkProfile *
wk_profile_copy (WkProfile *self)
{
  WkProfile *copy = wk_profile_new ();

  wk_profile_assign (copy, self);
  return copy;
}

/**
 * wk_profile_assign:
 *
 * Makes @self equal to @other (emits ::changed when anything differs).
 */
void
wk_profile_assign (WkProfile *self,
                   WkProfile *other)
{
  g_return_if_fail (WK_IS_PROFILE (self) && WK_IS_PROFILE (other));
  if (wk_profile_equal (self, other))
    return;
  g_free (self->name);
  self->name = g_strdup (other->name);
  memcpy (self->enabled, other->enabled, sizeof self->enabled);
  memcpy (self->severity, other->severity, sizeof self->severity);
  memcpy (self->values, other->values, sizeof self->values);
  for (guint i = 0; i < N_PARAMS; i++)
    {
      g_free (self->choices[i]);
      self->choices[i] = g_strdup (other->choices[i]);
    }
  emit_changed (self);
}

gboolean
wk_profile_equal (WkProfile *a,
                  WkProfile *b)
{
  if (g_strcmp0 (a->name, b->name) != 0 ||
      memcmp (a->enabled, b->enabled, sizeof a->enabled) != 0 ||
      memcmp (a->severity, b->severity, sizeof a->severity) != 0)
    return FALSE;
  for (guint i = 0; i < N_PARAMS; i++)
    if (a->values[i] != b->values[i] || g_strcmp0 (a->choices[i], b->choices[i]) != 0)
      return FALSE;
  return TRUE;
}

static char *
format_value (WkProfile *self,
              guint      i)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (params[i].type)
    {
    case WK_PARAM_BOOLEAN:
      return g_strdup (self->values[i] != 0 ? "true" : "false");
    case WK_PARAM_INTEGER:
      return g_strdup_printf ("%.0f", self->values[i]);
    case WK_PARAM_DOUBLE:
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", self->values[i]));
    case WK_PARAM_CHOICE:
      return g_strdup (self->choices[i]);
    default:
      g_assert_not_reached ();
    }
}

/**
 * wk_profile_to_data:
 *
 * Returns: (transfer full): the profile as a documented .ini text
 */
char *
wk_profile_to_data (WkProfile *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (WK_IS_PROFILE (self), NULL);

  g_string_append (out, "# Wijkindeling criteria profile\n"
                        "# Every criterion has enabled (true/false) and severity "
                        "(error/warning/info).\n\n[profile]\n");
  g_string_append_printf (out, "name=%s\n", self->name);
  for (guint c = 0; c < N_CRITERIA; c++)
    {
      g_string_append_printf (out, "\n# %s\n[%s]\nenabled=%s\nseverity=%s\n",
                              criteria[c].description, criteria[c].id,
                              self->enabled[c] ? "true" : "false",
                              wk_severity_to_string (self->severity[c]));
      for (guint i = 0; i < N_PARAMS; i++)
        if (g_str_equal (params[i].criterion, criteria[c].id))
          {
            g_autofree char *value = format_value (self, i);

            g_string_append_printf (out, "# %s\n%s=%s\n", params[i].description,
                                    params[i].key, value);
          }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * wk_profile_save:
 *
 * Writes the profile atomically.
 */
gboolean
wk_profile_save (WkProfile   *self,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *data = wk_profile_to_data (self);
  g_autofree char *temp = wk_file_temp_path_for (path);

  if (!g_file_set_contents (temp, data, -1, error))
    return FALSE;
  return wk_file_commit_temp (temp, path, error);
}

const char *
wk_profile_get_name (WkProfile *self)
{
  g_return_val_if_fail (WK_IS_PROFILE (self), NULL);
  return self->name;
}

void
wk_profile_set_name (WkProfile  *self,
                     const char *name)
{
  g_return_if_fail (WK_IS_PROFILE (self));
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  emit_changed (self);
}

gboolean
wk_profile_get_enabled (WkProfile  *self,
                        const char *criterion)
{
  int c = criterion_index (criterion);

  g_return_val_if_fail (WK_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (c >= 0, FALSE);
  return self->enabled[c];
}

void
wk_profile_set_enabled (WkProfile  *self,
                        const char *criterion,
                        gboolean    enabled)
{
  int c = criterion_index (criterion);

  g_return_if_fail (WK_IS_PROFILE (self));
  g_return_if_fail (c >= 0);
  if (self->enabled[c] == !!enabled)
    return;
  self->enabled[c] = !!enabled;
  emit_changed (self);
}

WkSeverity
wk_profile_get_severity (WkProfile  *self,
                         const char *criterion)
{
  int c = criterion_index (criterion);

  g_return_val_if_fail (WK_IS_PROFILE (self), WK_SEVERITY_ERROR);
  g_return_val_if_fail (c >= 0, WK_SEVERITY_ERROR);
  return self->severity[c];
}

void
wk_profile_set_severity (WkProfile  *self,
                         const char *criterion,
                         WkSeverity  severity)
{
  int c = criterion_index (criterion);

  g_return_if_fail (WK_IS_PROFILE (self));
  g_return_if_fail (c >= 0);
  if (self->severity[c] == severity)
    return;
  self->severity[c] = severity;
  emit_changed (self);
}

double
wk_profile_get_double (WkProfile  *self,
                       const char *criterion,
                       const char *key)
{
  int i = param_index (criterion, key);

  g_return_val_if_fail (WK_IS_PROFILE (self), NAN);
  g_return_val_if_fail (i >= 0, NAN);
  return self->values[i];
}

/**
 * wk_profile_set_double:
 *
 * Sets a numeric setting; refuses values out of its range.
 */
gboolean
wk_profile_set_double (WkProfile   *self,
                       const char  *criterion,
                       const char  *key,
                       double       value,
                       GError     **error)
{
  int i = param_index (criterion, key);

  g_return_val_if_fail (WK_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (i >= 0, FALSE);
  if (!isfinite (value) || value < params[i].min || value > params[i].max)
    {
      g_set_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_INVALID,
                   _("%s must be between %.10g and %.10g."), _(params[i].label), params[i].min,
                   params[i].max);
      return FALSE;
    }
  if (params[i].type == WK_PARAM_INTEGER)
    value = round (value);
  if (self->values[i] == value)
    return TRUE;
  self->values[i] = value;
  emit_changed (self);
  return TRUE;
}

gboolean
wk_profile_get_boolean (WkProfile  *self,
                        const char *criterion,
                        const char *key)
{
  return wk_profile_get_double (self, criterion, key) != 0;
}

void
wk_profile_set_boolean (WkProfile  *self,
                        const char *criterion,
                        const char *key,
                        gboolean    value)
{
  wk_profile_set_double (self, criterion, key, value ? 1 : 0, NULL);
}

const char *
wk_profile_get_choice (WkProfile  *self,
                       const char *criterion,
                       const char *key)
{
  int i = param_index (criterion, key);

  g_return_val_if_fail (WK_IS_PROFILE (self), NULL);
  g_return_val_if_fail (i >= 0, NULL);
  return self->choices[i];
}

gboolean
wk_profile_set_choice (WkProfile   *self,
                       const char  *criterion,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  int i = param_index (criterion, key);

  g_return_val_if_fail (WK_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (i >= 0 && params[i].type == WK_PARAM_CHOICE, FALSE);
  if (!choice_allowed (&params[i], value))
    {
      g_set_error (error, WK_PROFILE_ERROR, WK_PROFILE_ERROR_INVALID,
                   _("“%s” is not a valid value for %s."), value, _(params[i].label));
      return FALSE;
    }
  if (g_strcmp0 (self->choices[i], value) == 0)
    return TRUE;
  g_free (self->choices[i]);
  self->choices[i] = g_strdup (value);
  emit_changed (self);
  return TRUE;
}

/**
 * wk_profile_reset:
 *
 * Back to the defaults.
 */
void
wk_profile_reset (WkProfile *self)
{
  g_autoptr(WkProfile) defaults = wk_profile_new ();

  wk_profile_assign (self, defaults);
}
