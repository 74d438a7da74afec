/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "annals-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(AnnalsApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* ANNALS_LOCALEDIR lets tests use the catalogues of the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ANNALS_LOCALEDIR") != NULL ? g_getenv ("ANNALS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Annals"));
  app = annals_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
