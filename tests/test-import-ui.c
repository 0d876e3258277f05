/* test-import-ui.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "guild-application-private.h"
#include "guild-export-json.h"
#include "guild-import-dialog.h"
#include "guild-test-app.h"
#include "guild-platform.h"
#include "guild-store-import.h"
#include "guild-window-private.h"
#include "guild-store-private.h"

/* The app's side of the import pipeline (issue 5): the platform guessed from
 * a dropped web address, and the import dialog driven as a user would
 * drive it — preview, Cancel (nothing written), Import, Undo — on a real
 * store in a temporary file. */


typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("guild-test-import-ui-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) handle = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Section: helpers */


static guint
count_records (GuildStore *store)
{
  return guild_store_count (store, GUILD_RECORD_CONTACT) +
         guild_store_count (store, GUILD_RECORD_EVENT) +
         guild_store_count (store, GUILD_RECORD_COMMUNITY);
}

/* Section: pure functions */

static void
test_guess_platform (void)
{
  static const struct {
    const char *url;
    const char *platform;
  } cases[] = {
    { "https://www.linkedin.com/groups/1234567/", "linkedin" },
    { "https://www.linkedin.com/in/someone", "other" },
    { "https://discord.gg/gnome", "discord" },
    { "https://discord.com/invite/abc", "discord" },
    { "https://t.me/gnome_ru", "telegram" },
    { "https://www.meetup.com/gnome-berlin/", "meetup" },
    { "https://www.reddit.com/r/gnome/", "reddit" },
    { "https://old.reddit.com/r/gnome", "reddit" },
    { "https://www.reddit.com/user/someone", "other" },
    { "https://gnome.slack.com/", "slack" },
    { "https://github.com/GNOME", "github" },
    { "https://habr.com/ru/hubs/gnome/", "habr" },
    { "https://vk.com/gnome", "vk" },
    { "https://m.vk.com/gnome", "vk" },
    { "https://stackoverflow.com/collectives/gnome", "stack_overflow" },
    { "https://www.behance.net/gallery/1", "behance" },
    { "https://dribbble.com/teams", "dribbble" },
    { "https://medium.com/gnome", "medium" },
    { "https://www.researchgate.net/community/x", "researchgate" },
    { "https://www.xing.com/communities/groups/x", "xing" },
    { "https://www.facebook.com/groups/gnome", "facebook" },
    { "https://www.facebook.com/gnome", "other" },
    { "HTTPS://WWW.MEETUP.COM/X", "meetup" },
    { "http://notgithub.com/x", "other" },
    { "https://example.org/", "other" },
    { "ftp://github.com/x", "other" },
    { "github.com", "other" },
    { "", "other" },
    { NULL, "other" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].url != NULL ? cases[i].url : "(null)");
      g_assert_cmpstr (guild_guess_platform (cases[i].url), ==, cases[i].platform);
    }
}

static void
test_community_name (void)
{
  g_autofree char *meetup = guild_guess_community_name ("https://www.meetup.com/gnome-berlin/");
  g_autofree char *host = guild_guess_community_name ("https://gnome.slack.com/");
  g_autofree char *telegram = guild_guess_community_name ("https://t.me/gnome_ru");
  g_autofree char *escaped = guild_guess_community_name ("https://vk.com/%D0%B3%D0%BD%D0%BE%D0%BC");

  g_assert_cmpstr (meetup, ==, "gnome berlin");
  g_assert_cmpstr (host, ==, "gnome.slack.com");
  g_assert_cmpstr (telegram, ==, "gnome ru");
  g_assert_cmpstr (escaped, ==, "гном");
  g_assert_null (guild_guess_community_name ("not a web address"));

  g_assert_true (guild_is_web_address ("  https://t.me/gnome_ru\n"));
  g_assert_false (guild_is_web_address ("https://t.me/a https://t.me/b"));
  g_assert_false (guild_is_web_address ("file:///home/someone/contacts.vcf"));
  g_assert_false (guild_is_web_address (NULL));
}

/* Section: the import dialog */

static void
test_import_flow (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "guild.db", NULL);
  g_autoptr(GuildApplication) app = guild_test_start_application (path, "ImportFlow");
  GuildStore *store = guild_application_get_store (app);
  g_autoptr(GFile) file = guild_test_sample_file ("linkedin-connections.csv");
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) batches = NULL;
  GuildStoreStats stats;
  GuildImportDialog *dialog;
  GuildWindow *window;
  guint counts[4];

  /* What the core says the file would do to this (empty) store. */
  result = guild_import_parse_file (file, GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  guild_store_import_preview (store, result, &preview, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->added, >, 0);
  g_assert_cmpuint (preview->skipped, >, 0);
  g_assert_cmpuint (count_records (store), ==, 0);

  /* Cancel writes nothing. */
  guild_application_import_files (app, &file, 1);
  dialog = guild_test_wait_for_import_dialog ();
  g_assert_cmpuint (guild_import_dialog_get_n_files (dialog), ==, 1);
  g_assert_true (guild_import_dialog_get_counts (dialog, 0, counts));
  g_assert_cmpuint (counts[0], ==, preview->added);
  g_assert_cmpuint (counts[1], ==, preview->updated);
  g_assert_cmpuint (counts[2], ==, preview->unchanged);
  g_assert_cmpuint (counts[3], ==, preview->skipped);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  guild_test_wait_for (guild_test_import_dialog_gone, NULL, "the dialog to close");
  g_assert_cmpuint (count_records (store), ==, 0);
  g_assert_true (guild_store_get_stats (store, &stats, &error));
  g_assert_cmpuint (stats.import_batches, ==, 0);
  g_assert_null (_guild_application_get_last_import (app));

  /* Import writes what the preview promised, as one batch. */
  guild_application_import_files (app, &file, 1);
  dialog = guild_test_wait_for_import_dialog ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  guild_test_wait_for (guild_test_import_dialog_gone, NULL, "the dialog to close");
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, preview->added);
  g_assert_true (guild_store_get_stats (store, &stats, &error));
  g_assert_cmpuint (stats.import_batches, ==, 1);
  batches = g_variant_ref (_guild_application_get_last_import (app));
  /* The window shows where the records went. */
  window = GUILD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_cmpstr (guild_window_get_visible_view (window), ==, "contacts");
  g_assert_cmpuint (g_variant_n_children (batches), ==, 1);

  /* The same file again: everything is already there, nothing to import. */
  guild_application_import_files (app, &file, 1);
  dialog = guild_test_wait_for_import_dialog ();
  g_assert_true (guild_import_dialog_get_counts (dialog, 0, counts));
  g_assert_cmpuint (counts[0] + counts[1], ==, 0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL) &&
                  guild_test_find_import_dialog () == NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  guild_test_wait_for (guild_test_import_dialog_gone, NULL, "the dialog to close");

  /* The toast's Undo takes the batch back out. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "undo-import", batches);
  /* It undoes on a worker, then the store may write again. */
  guild_test_wait_for (guild_test_store_not_busy, store, "the undo to be written");
  g_assert_cmpuint (count_records (store), ==, 0);
  g_assert_null (_guild_application_get_last_import (app));

  guild_test_destroy_toplevels ();
}

static void
test_import_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "guild.db", NULL);
  g_autofree char *binary_path = g_build_filename (fixture->dir, "photo.vcf", NULL);
  g_autoptr(GuildApplication) app = guild_test_start_application (path, "ImportErrors");
  GuildStore *store = guild_application_get_store (app);
  g_autoptr(GError) error = NULL;
  GFile *files[4];
  GuildImportDialog *dialog;
  guint counts[4];
  static const guint8 binary[] = { 0x89, 'P', 'N', 'G', 0, 0, 0xff, 0xfe, 0, 1, 2, 3 };

  g_file_set_contents (binary_path, (const char *) binary, sizeof binary, &error);
  g_assert_no_error (error);

  /* A folder and a missing file are reported in words next to the file
   * that imports; a binary file named .vcf holds no records. */
  files[0] = g_file_new_for_path (fixture->dir);
  files[1] = g_file_new_build_filename (fixture->dir, "missing.vcf", NULL);
  files[2] = g_file_new_for_path (binary_path);
  files[3] = guild_test_sample_file ("apple-3.0.vcf");

  guild_application_import_files (app, files, G_N_ELEMENTS (files));
  dialog = guild_test_wait_for_import_dialog ();
  g_assert_cmpuint (guild_import_dialog_get_n_files (dialog), ==, 4);
  g_assert_false (guild_import_dialog_get_counts (dialog, 0, counts));
  g_assert_false (guild_import_dialog_get_counts (dialog, 1, counts));
  if (guild_import_dialog_get_counts (dialog, 2, counts))
    g_assert_cmpuint (counts[0] + counts[1], ==, 0);
  g_assert_true (guild_import_dialog_get_counts (dialog, 3, counts));
  g_assert_cmpuint (counts[0], >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  guild_test_wait_for (guild_test_import_dialog_gone, NULL, "the dialog to close");
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, counts[0]);

  /* Cancel while the files are still being read: nothing is written, and
   * the worker's late answer is dropped quietly. */
  guild_application_import_files (app, &files[3], 1);
  dialog = guild_test_find_import_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (guild_import_dialog_get_ready (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_null (guild_test_find_import_dialog ());
  g_usleep (G_USEC_PER_SEC / 10);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, counts[0]);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);

  guild_test_destroy_toplevels ();
}

/* Cancel while the import is being written: the worker's transaction is
 * rolled back, the dialog waits for that, and nothing is left behind. */
static void
test_cancel_while_writing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "guild.db", NULL);
  g_autofree char *csv_path = g_build_filename (fixture->dir, "Connections.csv", NULL);
  g_autoptr(GuildApplication) app = guild_test_start_application (path, "CancelWriting");
  GuildStore *store = guild_application_get_store (app);
  g_autoptr(GString) csv = g_string_new ("First Name,Last Name,URL,Email Address,Company,"
                                         "Position,Connected On\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildContact) contact = guild_contact_new ("After The Cancel");
  GuildStoreStats stats;
  GuildImportDialog *dialog;
  guint counts[4];

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "Person%u,Family%u,https://www.linkedin.com/in/p-%u,"
                            "p%u@example.org,Company %u,Engineer,01 Mar 2024\n",
                            i, i, i, i, i % 97);
  g_file_set_contents (csv_path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (csv_path);

  guild_application_import_files (app, &file, 1);
  dialog = guild_test_wait_for_import_dialog ();
  g_assert_true (guild_import_dialog_get_counts (dialog, 0, counts));
  g_assert_cmpuint (counts[0], ==, 20000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  g_assert_true (guild_import_dialog_get_applying (dialog));
  /* The window's own writes wait meanwhile. */
  g_assert_false (guild_store_add (store, GUILD_RECORD (contact), &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  /* Still there while the write is rolled back. */
  g_assert_true (guild_test_find_import_dialog () == dialog);
  guild_test_wait_for (guild_test_import_dialog_gone, NULL, "the dialog to close after Cancel");

  g_assert_cmpuint (count_records (store), ==, 0);
  g_assert_true (guild_store_get_stats (store, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.import_batches, ==, 0);
  g_assert_null (_guild_application_get_last_import (app));
  g_assert_true (guild_store_add (store, GUILD_RECORD (contact), &error));
  g_assert_no_error (error);

  guild_test_destroy_toplevels ();
}

typedef struct
{
  const char *path;
  const char *expected;
} FileWait;

/* The file is written asynchronously: wait until it holds all it should. */
static gboolean
file_written (gpointer data)
{
  FileWait *wait = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (wait->path, &contents, NULL, NULL) &&
         g_strcmp0 (contents, wait->expected) == 0;
}

/* Export writes the same JSON backup as guildctl export, atomically. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "guild.db", NULL);
  g_autofree char *backup_path = g_build_filename (fixture->dir, "backup.json", NULL);
  g_autoptr(GuildApplication) app = guild_test_start_application (path, "Export");
  GuildStore *store = guild_application_get_store (app);
  g_autoptr(GuildCommunity) community = guild_community_new ("GNOME Berlin");
  g_autoptr(GFile) file = g_file_new_for_path (backup_path);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  FileWait wait;

  g_assert_true (guild_store_add (store, GUILD_RECORD (community), &error));
  g_assert_no_error (error);
  g_assert_true (guild_export_json (store, expected, NULL, &error));

  wait.path = backup_path;
  wait.expected = expected->str;
  _guild_application_export_backup (app, file);
  guild_test_wait_for (file_written, &wait, "the backup");

  /* Again, over the old file: replaced, not appended to. */
  _guild_application_export_backup (app, file);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  guild_test_wait_for (file_written, &wait, "the backup, again");

  guild_test_destroy_toplevels ();
}

/* A web address dropped on the window becomes a community; a file dropped
 * goes to the same import dialog. */
static void
test_drop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "guild.db", NULL);
  g_autoptr(GuildApplication) app = guild_test_start_application (path, "Drop");
  GuildStore *store = guild_application_get_store (app);
  GuildWindow *window = GUILD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_autoptr(GPtrArray) communities = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) not_url = G_VALUE_INIT;
  g_auto(GValue) file_list = G_VALUE_INIT;
  g_autoptr(GFile) link = g_file_new_for_uri ("https://discord.gg/gnome-hackers");
  g_autoptr(GFile) sample = guild_test_sample_file ("meetup.ics");
  GSList *list = NULL;
  GuildImportDialog *dialog;

  g_value_init (&text, G_TYPE_STRING);
  g_value_set_string (&text, "https://www.meetup.com/gnome-berlin/\n");
  g_assert_true (_guild_window_drop (window, &text));

  g_value_init (&not_url, G_TYPE_STRING);
  g_value_set_string (&not_url, "just some words");
  g_assert_false (_guild_window_drop (window, &not_url));

  communities = guild_store_list (store, GUILD_RECORD_COMMUNITY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (communities->len, ==, 1);
  g_assert_cmpstr (guild_record_get_text (g_ptr_array_index (communities, 0), "name"), ==,
                   "gnome berlin");
  g_assert_cmpstr (guild_record_get_text (g_ptr_array_index (communities, 0), "platform"), ==,
                   "meetup");
  g_assert_cmpstr (guild_record_get_text (g_ptr_array_index (communities, 0), "url"), ==,
                   "https://www.meetup.com/gnome-berlin/");
  g_assert_cmpstr (guild_window_get_visible_view (window), ==, "communities");

  /* A browser's URI list: the link adds a community, the file is imported. */
  list = g_slist_append (list, link);
  list = g_slist_append (list, sample);
  g_value_init (&file_list, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&file_list, list);
  g_slist_free (list);
  g_assert_true (_guild_window_drop (window, &file_list));
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_COMMUNITY), ==, 2);

  dialog = guild_test_wait_for_import_dialog ();
  g_assert_cmpuint (guild_import_dialog_get_n_files (dialog), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  guild_test_wait_for (guild_test_import_dialog_gone, NULL, "the dialog to close");

  guild_test_destroy_toplevels ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add_func ("/guild/import-ui/guess-platform", test_guess_platform);
  g_test_add_func ("/guild/import-ui/community-name", test_community_name);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/guild/import-ui/flow", test_import_flow);
  ADD ("/guild/import-ui/errors", test_import_errors);
  ADD ("/guild/import-ui/drop", test_drop);
  ADD ("/guild/import-ui/export", test_export);
  ADD ("/guild/import-ui/cancel-while-writing", test_cancel_while_writing);

#undef ADD

  return g_test_run ();
}
