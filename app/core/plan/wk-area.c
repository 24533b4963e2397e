/* wk-area.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-area"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "wk-area-private.h"

struct _WkArea
{
  GObject     parent_instance;

  guint       id;
  char       *name;
  char       *color;
  char       *note;
  gboolean    locked;

  /* kept up to date by the plan */
  guint       n_units;
  gint64      population;
  guint       n_unknown;
  double      area_m2;
  guint       notified_units;
  gint64      notified_population;

  /* kept up to date by the checker */
  gboolean    has_findings;
  WkSeverity  worst;
};

G_DEFINE_FINAL_TYPE (WkArea, wk_area, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  PROP_LOCKED,
  PROP_NOTE,
  PROP_N_UNITS,
  PROP_POPULATION,
  PROP_AREA_KM2,
  PROP_WORST_SEVERITY,
  PROP_HAS_FINDINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
wk_area_finalize (GObject *object)
{
  WkArea *self = (WkArea *)object;

  g_free (self->name);
  g_free (self->color);
  g_free (self->note);
  G_OBJECT_CLASS (wk_area_parent_class)->finalize (object);
}

static void
wk_area_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WkArea *self = WK_AREA (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_N_UNITS:
      g_value_set_uint (value, self->n_units);
      break;
    case PROP_POPULATION:
      g_value_set_int64 (value, self->population);
      break;
    case PROP_AREA_KM2:
      g_value_set_double (value, self->area_m2 / 1e6);
      break;
    case PROP_WORST_SEVERITY:
      g_value_set_int (value, self->worst);
      break;
    case PROP_HAS_FINDINGS:
      g_value_set_boolean (value, self->has_findings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_area_class_init (WkAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = wk_area_finalize;
  object_class->get_property = wk_area_get_property;

  properties[PROP_ID] = g_param_spec_uint ("id", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_LOCKED] = g_param_spec_boolean ("locked", NULL, NULL, FALSE, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties[PROP_N_UNITS] = g_param_spec_uint ("n-units", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_POPULATION] = g_param_spec_int64 ("population", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AREA_KM2] = g_param_spec_double ("area-km2", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_WORST_SEVERITY] = g_param_spec_int ("worst-severity", NULL, NULL,
                                                      WK_SEVERITY_INFO, WK_SEVERITY_ERROR,
                                                      WK_SEVERITY_INFO, flags);
  properties[PROP_HAS_FINDINGS] = g_param_spec_boolean ("has-findings", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wk_area_init (WkArea *self)
{
  self->note = g_strdup ("");
}

WkArea *
_wk_area_new (guint       id,
              const char *name,
              const char *color)
{
  WkArea *self = g_object_new (WK_TYPE_AREA, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->color = g_strdup (color);
  return self;
}

void
_wk_area_set_name (WkArea     *self,
                   const char *name)
{
  if (set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
_wk_area_set_color (WkArea     *self,
                    const char *color)
{
  if (set_str (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

void
_wk_area_set_locked (WkArea   *self,
                     gboolean  locked)
{
  locked = !!locked;
  if (self->locked != locked)
    {
      self->locked = locked;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
    }
}

void
_wk_area_set_note (WkArea     *self,
                   const char *note)
{
  if (set_str (&self->note, note ? note : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/* Adds (@sign = 1) or removes (@sign = -1) a unit; notifications wait for
 * _wk_area_notify_counts(), so a stroke of many units notifies once. */
void
_wk_area_add_unit (WkArea *self,
                   gint64  population,
                   double  area_m2,
                   int     sign)
{
  self->n_units += sign;
  if (population >= 0)
    self->population += sign * population;
  else
    self->n_unknown += sign;
  self->area_m2 += sign * area_m2;
  if (self->n_units == 0)
    self->area_m2 = 0.0;
}

void
_wk_area_notify_counts (WkArea *self)
{
  if (self->notified_units != self->n_units)
    {
      self->notified_units = self->n_units;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNITS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA_KM2]);
    }
  if (self->notified_population != self->population)
    {
      self->notified_population = self->population;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POPULATION]);
    }
}

void
_wk_area_set_findings (WkArea     *self,
                       gboolean    has_findings,
                       WkSeverity  worst)
{
  has_findings = !!has_findings;
  if (self->has_findings != has_findings)
    {
      self->has_findings = has_findings;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_FINDINGS]);
    }
  if (self->worst != worst)
    {
      self->worst = worst;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORST_SEVERITY]);
    }
}

guint
wk_area_get_id (WkArea *self)
{
  g_return_val_if_fail (WK_IS_AREA (self), 0);
  return self->id;
}

const char *
wk_area_get_name (WkArea *self)
{
  g_return_val_if_fail (WK_IS_AREA (self), NULL);
  return self->name;
}

/**
 * wk_area_get_color:
 *
 * Returns: the colour as “#rrggbb”
 */
const char *
wk_area_get_color (WkArea *self)
{
  g_return_val_if_fail (WK_IS_AREA (self), NULL);
  return self->color;
}

gboolean
wk_area_get_locked (WkArea *self)
{
  g_return_val_if_fail (WK_IS_AREA (self), FALSE);
  return self->locked;
}

const char *
wk_area_get_note (WkArea *self)
{
  g_return_val_if_fail (WK_IS_AREA (self), NULL);
  return self->note;
}

guint
wk_area_get_n_units (WkArea *self)
{
  g_return_val_if_fail (WK_IS_AREA (self), 0);
  return self->n_units;
}

/**
 * wk_area_get_population:
 *
 * Returns: the sum of the known populations of the area's units
 */
gint64
wk_area_get_population (WkArea *self)
{
  g_return_val_if_fail (WK_IS_AREA (self), 0);
  return self->population;
}

/**
 * _wk_area_get_n_unknown:
 *
 * Returns: how many of the area's units have an unknown population
 */
guint
_wk_area_get_n_unknown (WkArea *self)
{
  g_return_val_if_fail (WK_IS_AREA (self), 0);
  return self->n_unknown;
}

double
_wk_area_get_area_m2 (WkArea *self)
{
  g_return_val_if_fail (WK_IS_AREA (self), 0.0);
  return self->area_m2;
}

WkSeverity
wk_area_get_worst_severity (WkArea *self)
{
  g_return_val_if_fail (WK_IS_AREA (self), WK_SEVERITY_INFO);
  return self->worst;
}

gboolean
wk_area_has_findings (WkArea *self)
{
  g_return_val_if_fail (WK_IS_AREA (self), FALSE);
  return self->has_findings;
}

/**
 * wk_area_get_rgb:
 *
 * The area's colour as components 0…1.
 */
void
wk_area_get_rgb (WkArea *self,
                 double *red,
                 double *green,
                 double *blue)
{
  guint r = 128, g = 128, b = 128;

  g_return_if_fail (WK_IS_AREA (self));
  if (self->color != NULL && self->color[0] == '#' && strlen (self->color) == 7)
    sscanf (self->color + 1, "%02x%02x%02x", &r, &g, &b);
  *red = r / 255.0;
  *green = g / 255.0;
  *blue = b / 255.0;
}
