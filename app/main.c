/* main.c: the wijkindeling program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wijkindeling"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "wk-application.h"
#include "wk-core-all.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WkApplication) app = NULL;

  setlocale (LC_ALL, "");
  wk_core_init ();
  textdomain (GETTEXT_PACKAGE);

  app = wk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
