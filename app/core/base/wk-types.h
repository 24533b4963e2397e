/* wk-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _WkArea         WkArea;
typedef struct _WkChecker      WkChecker;
typedef struct _WkCriterion    WkCriterion;
typedef struct _WkDataset      WkDataset;
typedef struct _WkDissolver    WkDissolver;
typedef struct _WkFinding      WkFinding;
typedef struct _WkLoadReport   WkLoadReport;
typedef struct _WkPlan         WkPlan;
typedef struct _WkProfile      WkProfile;
typedef struct _WkProgress     WkProgress;

/**
 * WK_UNIT_NONE:
 *
 * The index used for “no unit”, e.g. a provider that lies in no unit.
 */
#define WK_UNIT_NONE G_MAXUINT

/**
 * WK_AREA_NONE:
 *
 * The area id of an unassigned unit.
 */
#define WK_AREA_NONE 0

typedef enum
{
  WK_PROVIDER_GP,
  WK_PROVIDER_PHARMACY,
  WK_PROVIDER_NURSING,
  WK_PROVIDER_SOCIAL,
  WK_N_PROVIDER_KINDS
} WkProviderKind;

typedef enum
{
  WK_SEVERITY_INFO,
  WK_SEVERITY_WARNING,
  WK_SEVERITY_ERROR,
} WkSeverity;

typedef enum
{
  WK_ROLE_CODE,
  WK_ROLE_NAME,
  WK_ROLE_POPULATION,
  WK_ROLE_POP65,
  WK_ROLE_GM_CODE,
  WK_ROLE_GM_NAME,
  WK_N_ROLES
} WkFieldRole;

const char     *wk_provider_kind_to_string   (WkProviderKind  kind);
const char     *wk_provider_kind_get_label   (WkProviderKind  kind);
const char     *wk_severity_to_string        (WkSeverity      severity);
const char     *wk_severity_get_label        (WkSeverity      severity);
const char     *wk_field_role_to_string      (WkFieldRole     role);
const char     *wk_field_role_get_label      (WkFieldRole     role);

G_END_DECLS
