/* wk-finding.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-finding"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wk-array-private.h"
#include "wk-finding.h"
#include "wk-finding-private.h"
#include "wk-format.h"
#include "wk-profile.h"
#include "wk-profile-private.h"

struct _WkFinding
{
  GObject     parent_instance;

  char       *criterion;
  guint       key;
  WkSeverity  severity;
  double      value;
  double      threshold;
  char       *message;
  char       *unit_label;
  char       *value_text;
  GArray     *areas;
  GArray     *units;
  int         criterion_order;
};

G_DEFINE_FINAL_TYPE (WkFinding, wk_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CRITERION,
  PROP_CRITERION_LABEL,
  PROP_SEVERITY,
  PROP_MESSAGE,
  PROP_VALUE_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wk_finding_finalize (GObject *object)
{
  WkFinding *self = (WkFinding *)object;

  g_free (self->criterion);
  g_free (self->message);
  g_free (self->unit_label);
  g_free (self->value_text);
  g_array_unref (self->areas);
  g_array_unref (self->units);
  G_OBJECT_CLASS (wk_finding_parent_class)->finalize (object);
}

static void
wk_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WkFinding *self = WK_FINDING (object);

  switch (prop_id)
    {
    case PROP_CRITERION:
      g_value_set_string (value, self->criterion);
      break;
    case PROP_CRITERION_LABEL:
      g_value_set_string (value, wk_finding_get_criterion_label (self));
      break;
    case PROP_SEVERITY:
      g_value_set_int (value, self->severity);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_VALUE_TEXT:
      g_value_take_string (value, wk_finding_dup_value_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_finding_class_init (WkFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = wk_finding_finalize;
  object_class->get_property = wk_finding_get_property;

  properties[PROP_CRITERION] = g_param_spec_string ("criterion", NULL, NULL, NULL, flags);
  properties[PROP_CRITERION_LABEL] = g_param_spec_string ("criterion-label", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] = g_param_spec_int ("severity", NULL, NULL, WK_SEVERITY_INFO,
                                                WK_SEVERITY_ERROR, WK_SEVERITY_INFO, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_VALUE_TEXT] = g_param_spec_string ("value-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wk_finding_init (WkFinding *self)
{
  self->areas = g_array_new (FALSE, FALSE, sizeof (guint));
  self->units = g_array_new (FALSE, FALSE, sizeof (guint));
  self->value = NAN;
  self->threshold = NAN;
}

/**
 * wk_finding_new:
 * @criterion: the criterion id (“population”…)
 * @key: what the criterion evaluated (an area id, a network index, 0)
 * @value: the measured value, or NAN
 * @threshold: the threshold it was compared with, or NAN
 * @message: the translated explanation for a planner
 *
 * Returns: (transfer full): a finding; add areas and units, then seal it
 */
WkFinding *
wk_finding_new (const char *criterion,
                guint       key,
                WkSeverity  severity,
                double      value,
                double      threshold,
                const char *message)
{
  WkFinding *self = g_object_new (WK_TYPE_FINDING, NULL);
  guint n;
  const WkCriterionInfo *all = wk_profile_get_criteria (&n);

  self->criterion = g_strdup (criterion);
  self->key = key;
  self->severity = severity;
  self->value = value;
  self->threshold = threshold;
  self->message = g_strdup (message);
  self->criterion_order = n;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (all[i].id, criterion) == 0)
      self->criterion_order = i;
  return self;
}

void
_wk_finding_add_area (WkFinding *self,
                      guint      area)
{
  g_return_if_fail (WK_IS_FINDING (self));
  g_array_append_val (self->areas, area);
}

void
wk_finding_add_units (WkFinding   *self,
                      const guint *units,
                      guint        n_units)
{
  g_return_if_fail (WK_IS_FINDING (self));
  g_array_append_vals (self->units, units, n_units);
}

/**
 * _wk_finding_set_unit_label:
 * @unit: the unit of @value and the threshold, e.g. “inhabitants”, “km”
 */
void
_wk_finding_set_unit_label (WkFinding  *self,
                            const char *unit)
{
  g_return_if_fail (WK_IS_FINDING (self));
  g_free (self->unit_label);
  self->unit_label = g_strdup (unit);
}

/**
 * _wk_finding_set_value_text:
 * @text: (nullable): @value and the threshold in words, e.g. “29 buurten
 *   without an area; allowed: 0”, with numbers from wk_format_count()
 *
 * For a criterion whose value and threshold read badly as “value /
 * threshold unit”; wk_finding_dup_value_text() returns @text instead.
 */
void
_wk_finding_set_value_text (WkFinding  *self,
                            const char *text)
{
  g_return_if_fail (WK_IS_FINDING (self));
  g_free (self->value_text);
  self->value_text = g_strdup (text);
}

/**
 * wk_finding_seal:
 *
 * Sorts the areas and units; call when the finding is complete.
 */
void
wk_finding_seal (WkFinding *self)
{
  g_return_if_fail (WK_IS_FINDING (self));
  _wk_sort_unique (self->areas);
  _wk_sort_unique (self->units);
}

const char *
wk_finding_get_criterion (WkFinding *self)
{
  g_return_val_if_fail (WK_IS_FINDING (self), NULL);
  return self->criterion;
}

/**
 * wk_finding_get_criterion_label:
 *
 * Returns: the translated name of the criterion
 */
const char *
wk_finding_get_criterion_label (WkFinding *self)
{
  const WkCriterionInfo *info;

  g_return_val_if_fail (WK_IS_FINDING (self), NULL);
  info = _wk_profile_find_criterion (self->criterion);
  return info ? _(info->label) : self->criterion;
}

guint
_wk_finding_get_key (WkFinding *self)
{
  g_return_val_if_fail (WK_IS_FINDING (self), 0);
  return self->key;
}

WkSeverity
wk_finding_get_severity (WkFinding *self)
{
  g_return_val_if_fail (WK_IS_FINDING (self), WK_SEVERITY_INFO);
  return self->severity;
}

const char *
wk_finding_get_message (WkFinding *self)
{
  g_return_val_if_fail (WK_IS_FINDING (self), NULL);
  return self->message;
}

double
wk_finding_get_value (WkFinding *self)
{
  g_return_val_if_fail (WK_IS_FINDING (self), NAN);
  return self->value;
}

double
wk_finding_get_threshold (WkFinding *self)
{
  g_return_val_if_fail (WK_IS_FINDING (self), NAN);
  return self->threshold;
}

const char *
_wk_finding_get_unit_label (WkFinding *self)
{
  g_return_val_if_fail (WK_IS_FINDING (self), NULL);
  return self->unit_label;
}

/**
 * wk_finding_get_areas:
 *
 * Returns: (transfer none) (array length=n_areas): the areas concerned, sorted
 */
const guint *
wk_finding_get_areas (WkFinding *self,
                      guint     *n_areas)
{
  g_return_val_if_fail (WK_IS_FINDING (self), NULL);
  *n_areas = self->areas->len;
  return (const guint *) self->areas->data;
}

/**
 * wk_finding_get_units:
 *
 * Returns: (transfer none) (array length=n_units): the units concerned, sorted
 */
const guint *
wk_finding_get_units (WkFinding *self,
                      guint     *n_units)
{
  g_return_val_if_fail (WK_IS_FINDING (self), NULL);
  *n_units = self->units->len;
  return (const guint *) self->units->data;
}

gboolean
wk_finding_has_area (WkFinding *self,
                     guint      area)
{
  g_return_val_if_fail (WK_IS_FINDING (self), FALSE);
  for (guint i = 0; i < self->areas->len; i++)
    if (g_array_index (self->areas, guint, i) == area)
      return TRUE;
  return FALSE;
}

/* About three significant digits, in the user's locale: 3,420 · 12.5 · 0.25 */
static char *
format_number (double value)
{
  return wk_format_number (value, fabs (value) >= 100 ? 0 : fabs (value) >= 10 ? 1 : 2);
}

/**
 * wk_finding_dup_value_text:
 *
 * Returns: (transfer full) (nullable): the text set with
 *   _wk_finding_set_value_text(), else “value / threshold unit”, e.g.
 *   “3,420 / 5,000 inhabitants”, or %NULL when there is no value
 */
char *
wk_finding_dup_value_text (WkFinding *self)
{
  g_autofree char *value = NULL;
  g_autofree char *threshold = NULL;

  g_return_val_if_fail (WK_IS_FINDING (self), NULL);
  if (self->value_text != NULL)
    return g_strdup (self->value_text);
  if (!isfinite (self->value))
    return NULL;
  value = format_number (self->value);
  if (!isfinite (self->threshold))
    return g_strdup_printf ("%s%s%s", value, self->unit_label ? " " : "",
                            self->unit_label ? self->unit_label : "");
  threshold = format_number (self->threshold);
  /* Translators: measured value against threshold, e.g. “3,420 / 5,000 inhabitants” */
  return g_strdup_printf (_("%s / %s%s%s"), value, threshold, self->unit_label ? " " : "",
                          self->unit_label ? self->unit_label : "");
}

static gboolean
doubles_equal (double a,
               double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/**
 * wk_finding_equal:
 *
 * Returns: whether two findings say the same
 */
gboolean
wk_finding_equal (WkFinding *a,
                  WkFinding *b)
{
  return g_strcmp0 (a->criterion, b->criterion) == 0 && a->key == b->key &&
         a->severity == b->severity && doubles_equal (a->value, b->value) &&
         doubles_equal (a->threshold, b->threshold) && g_strcmp0 (a->message, b->message) == 0 &&
         g_strcmp0 (a->value_text, b->value_text) == 0 &&
         a->areas->len == b->areas->len && a->units->len == b->units->len &&
         (a->areas->len == 0 || memcmp (a->areas->data, b->areas->data, sizeof (guint) * a->areas->len) == 0) &&
         (a->units->len == 0 || memcmp (a->units->data, b->units->data, sizeof (guint) * a->units->len) == 0);
}

/**
 * _wk_finding_compare:
 *
 * The order of the findings list: errors first, then by criterion, key and
 * message.
 */
int
_wk_finding_compare (WkFinding *a,
                     WkFinding *b)
{
  if (a->severity != b->severity)
    return a->severity > b->severity ? -1 : 1;
  if (a->criterion_order != b->criterion_order)
    return a->criterion_order < b->criterion_order ? -1 : 1;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return g_strcmp0 (a->message, b->message);
}
