/* wk-core.c: initialisation and enum helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "wk-core.h"
#include "wk-file-private.h"
#include "wk-gdal-private.h"
#include "wk-geos-private.h"
#include "wk-types-private.h"

/* ---------------------------------------------------------------- enums */

static const char *provider_kinds[] = { "gp", "pharmacy", "nursing", "social" };
static const char *severities[] = { "info", "warning", "error" };
static const char *roles[] = { "code", "name", "population", "pop65", "gm_code", "gm_name" };

const char *
wk_provider_kind_to_string (WkProviderKind kind)
{
  g_return_val_if_fail (kind < WK_N_PROVIDER_KINDS, NULL);
  return provider_kinds[kind];
}

gboolean
_wk_provider_kind_from_string (const char     *str,
                               WkProviderKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (provider_kinds); i++)
    if (g_ascii_strcasecmp (str, provider_kinds[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * wk_provider_kind_get_label:
 *
 * Returns: the translated, human name of a kind of care provider
 */
const char *
wk_provider_kind_get_label (WkProviderKind kind)
{
  switch (kind)
    {
    case WK_PROVIDER_GP:
      return _("GP practice");
    case WK_PROVIDER_PHARMACY:
      return _("Pharmacy");
    case WK_PROVIDER_NURSING:
      return _("District nursing team");
    case WK_PROVIDER_SOCIAL:
      return _("Social neighbourhood team");
    case WK_N_PROVIDER_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
wk_severity_to_string (WkSeverity severity)
{
  g_return_val_if_fail (severity <= WK_SEVERITY_ERROR, NULL);
  return severities[severity];
}

gboolean
_wk_severity_from_string (const char *str,
                          WkSeverity *severity)
{
  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    if (g_ascii_strcasecmp (str, severities[i]) == 0)
      {
        *severity = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wk_severity_get_label (WkSeverity severity)
{
  switch (severity)
    {
    case WK_SEVERITY_INFO:
      return _("Information");
    case WK_SEVERITY_WARNING:
      return _("Warning");
    case WK_SEVERITY_ERROR:
      return _("Error");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
wk_field_role_to_string (WkFieldRole role)
{
  g_return_val_if_fail (role < WK_N_ROLES, NULL);
  return roles[role];
}

gboolean
_wk_field_role_from_string (const char  *str,
                            WkFieldRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_ascii_strcasecmp (str, roles[i]) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wk_field_role_get_label (WkFieldRole role)
{
  switch (role)
    {
    case WK_ROLE_CODE:
      return _("Unit code");
    case WK_ROLE_NAME:
      return _("Unit name");
    case WK_ROLE_POPULATION:
      return _("Population");
    case WK_ROLE_POP65:
      return _("Inhabitants 65+");
    case WK_ROLE_GM_CODE:
      return _("Municipality code");
    case WK_ROLE_GM_NAME:
      return _("Municipality name");
    case WK_N_ROLES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ----------------------------------------------------------------- init */

static void CPL_STDCALL
log_cpl_error (CPLErr      err_class,
               CPLErrorNum err_no,
               const char *message)
{
  g_debug ("GDAL (%d, %s): %s", err_no,
           err_class >= CE_Failure ? "failure" : err_class == CE_Warning ? "warning" : "debug",
           message);
}

/**
 * wk_core_init:
 *
 * Registers GDAL's drivers and the translation domain.  Call once, from the
 * main thread, before any worker thread starts.
 */
void
wk_core_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      const char *localedir = LOCALEDIR;

      /* Uninstalled runs (tests, meson devenv) use the build tree's catalogs. */
      if (g_getenv ("WK_LOCALEDIR") != NULL)
        localedir = g_getenv ("WK_LOCALEDIR");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      /* Keep GDAL's own defaults predictable: no network look-ups for CRS grids,
       * and traditional axis order is set per SRS. */
      CPLSetConfigOption ("PROJ_NETWORK", "OFF");
      CPLSetConfigOption ("OGR_GEOJSON_MAX_OBJ_SIZE", "0");
      /* GDAL's default handler prints “ERROR 1: …” on stderr from any thread.
       * Where a failure matters the caller captures it (wk_gdal_push_capture)
       * and turns it into a GError; the rest is chatter for G_MESSAGES_DEBUG. */
      CPLSetErrorHandler (log_cpl_error);
      GDALAllRegister ();
      g_once_init_leave (&initialised, 1);
    }
}

const char *
wk_core_get_version (void)
{
  return PACKAGE_VERSION;
}

