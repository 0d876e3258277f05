/* guild-test-app.c: the application under test, with its import dialog
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "guild-test-app.h"
#include "guild-application-private.h"
#include "guild-store-private.h"
#include "guild-window.h"

/* Long enough for a loaded machine; only a failing test waits it out. */
#define TIMEOUT_SECONDS 60

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Spins the main context until @condition holds, failing after a timeout. */
void
guild_test_wait_for (GuildTestCondition  condition,
                     gpointer            data,
                     const char         *what)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (TIMEOUT_SECONDS, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out waiting for %s", what);

  g_source_remove (timeout);
}

static gboolean
has_main_window (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));

  return GUILD_IS_WINDOW (window) && guild_window_get_first_frame_shown (GUILD_WINDOW (window));
}

/* A GuildApplication of its own on the database at @path, activated, with
 * its main window's first frame shown. */
GuildApplication *
guild_test_start_application (const char *path,
                              const char *id_suffix)
{
  GuildApplication *app = guild_application_new (0);
  g_autofree char *id = g_strconcat (APP_ID, ".Test", id_suffix, NULL);
  g_autoptr(GError) error = NULL;

  _guild_application_set_database_path (app, path);
  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (app));
  guild_test_wait_for (has_main_window, app, "the main window");
  g_assert_nonnull (guild_application_get_store (app));

  return app;
}

void
guild_test_destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A file of tests/data/import in the source tree. */
GFile *
guild_test_sample_file (const char *name)
{
  const char *source_dir = g_getenv ("GUILD_SOURCE_DIR");

  g_assert_nonnull (source_dir);

  return g_file_new_build_filename (source_dir, "tests", "data", "import", name, NULL);
}

GuildImportDialog *
guild_test_find_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GUILD_IS_IMPORT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GUILD_IMPORT_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_ready (gpointer data)
{
  GuildImportDialog *dialog = guild_test_find_import_dialog ();

  return dialog != NULL && guild_import_dialog_get_ready (dialog);
}

/* The import dialog once its preview is shown. */
GuildImportDialog *
guild_test_wait_for_import_dialog (void)
{
  guild_test_wait_for (dialog_ready, NULL, "the import preview");

  return guild_test_find_import_dialog ();
}

gboolean
guild_test_import_dialog_gone (gpointer data)
{
  return guild_test_find_import_dialog () == NULL;
}

/* Whether @store may write again: no import or undo runs on a worker. */
gboolean
guild_test_store_not_busy (gpointer store)
{
  return !_guild_store_get_busy_importing (GUILD_STORE (store));
}
