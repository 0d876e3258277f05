/* main.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "guild-application.h"

int
main (int   argc,
      char *argv[])
{
  /* Taken first, so that the first-frame probe (build-aux/bench) measures
   * everything the process does. */
  gint64 start_time = g_get_monotonic_time ();
  g_autoptr(GuildApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");

  /* GUILD_LOCALEDIR points at the catalogues of an uninstalled build
   * (<build>/po), for the tests and screenshots. */
  localedir = g_getenv ("GUILD_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Guild"));

  app = guild_application_new (start_time);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
