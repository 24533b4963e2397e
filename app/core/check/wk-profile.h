/* wk-profile.h: the criteria profile (thresholds, enabled, severity) from a .ini
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

#define WK_PROFILE_ERROR (wk_profile_error_quark ())

typedef enum
{
  WK_PROFILE_ERROR_READ,     /* the file cannot be read or is not an .ini */
  WK_PROFILE_ERROR_INVALID,  /* a value of the wrong type or out of range */
} WkProfileError;

GQuark wk_profile_error_quark (void);

typedef enum
{
  WK_PARAM_BOOLEAN,
  WK_PARAM_INTEGER,
  WK_PARAM_DOUBLE,
  WK_PARAM_CHOICE,
} WkParamType;

/**
 * WkParamSpec:
 * @criterion: the criterion (= .ini group) it belongs to
 * @key: the .ini key
 * @type: its type
 * @min: smallest allowed value (numbers)
 * @max: largest allowed value (numbers)
 * @default_value: the default (numbers, booleans as 0/1)
 * @choices: for %WK_PARAM_CHOICE, the allowed values separated by “|”; the
 *   first is the default
 * @label: short translatable label
 * @description: translatable explanation, as in the shipped .ini
 * @unit: (nullable): translatable unit, e.g. “km”
 */
typedef struct
{
  const char  *criterion;
  const char  *key;
  WkParamType  type;
  double       min;
  double       max;
  double       default_value;
  const char  *choices;
  const char  *label;
  const char  *description;
  const char  *unit;
} WkParamSpec;

/**
 * WkCriterionInfo:
 * @id: the criterion id, also the .ini group
 * @label: translatable name
 * @description: translatable explanation of what it checks and why
 * @default_enabled: on by default
 * @default_severity: the severity of its findings by default
 */
typedef struct
{
  const char *id;
  const char *label;
  const char *description;
  gboolean    default_enabled;
  WkSeverity  default_severity;
} WkCriterionInfo;

const WkCriterionInfo *wk_profile_get_criteria     (guint          *n_criteria);
const WkParamSpec     *wk_profile_get_params       (const char     *criterion,
                                                    guint          *n_params);

#define WK_TYPE_PROFILE (wk_profile_get_type ())
G_DECLARE_FINAL_TYPE (WkProfile, wk_profile, WK, PROFILE, GObject)

WkProfile   *wk_profile_new           (void);
WkProfile   *wk_profile_load          (const char   *path,
                                       GError      **error);
WkProfile   *wk_profile_load_data     (const char   *data,
                                       gssize        length,
                                       const char   *display_name,
                                       GError      **error);
WkProfile   *wk_profile_copy          (WkProfile    *self);
gboolean     wk_profile_save          (WkProfile    *self,
                                       const char   *path,
                                       GError      **error);
char        *wk_profile_to_data       (WkProfile    *self);
gboolean     wk_profile_equal         (WkProfile    *a,
                                       WkProfile    *b);
void         wk_profile_assign        (WkProfile    *self,
                                       WkProfile    *other);

const char  *wk_profile_get_name      (WkProfile    *self);
void         wk_profile_set_name      (WkProfile    *self,
                                       const char   *name);
gboolean     wk_profile_get_enabled   (WkProfile    *self,
                                       const char   *criterion);
void         wk_profile_set_enabled   (WkProfile    *self,
                                       const char   *criterion,
                                       gboolean      enabled);
WkSeverity   wk_profile_get_severity  (WkProfile    *self,
                                       const char   *criterion);
void         wk_profile_set_severity  (WkProfile    *self,
                                       const char   *criterion,
                                       WkSeverity    severity);
double       wk_profile_get_double    (WkProfile    *self,
                                       const char   *criterion,
                                       const char   *key);
gboolean     wk_profile_set_double    (WkProfile    *self,
                                       const char   *criterion,
                                       const char   *key,
                                       double        value,
                                       GError      **error);
gboolean     wk_profile_get_boolean   (WkProfile    *self,
                                       const char   *criterion,
                                       const char   *key);
void         wk_profile_set_boolean   (WkProfile    *self,
                                       const char   *criterion,
                                       const char   *key,
                                       gboolean      value);
const char  *wk_profile_get_choice    (WkProfile    *self,
                                       const char   *criterion,
                                       const char   *key);
gboolean     wk_profile_set_choice    (WkProfile    *self,
                                       const char   *criterion,
                                       const char   *key,
                                       const char   *value,
                                       GError      **error);
void         wk_profile_reset         (WkProfile    *self);

G_END_DECLS
