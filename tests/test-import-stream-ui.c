/* test-import-stream-ui.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "guild-application-private.h"
#include "guild-import-dialog.h"
#include "guild-test-app.h"
#include "guild-store-import.h"
#include "guild-window-private.h"
#include "guild-store-private.h"

/* Files too large to read whole, in the import dialog (issue 5): the
 * preview is a streamed dry run that counts and lists the first skipped
 * records with their lines; Import reads the file again and writes it as
 * one batch, which Undo takes back; Cancel leaves the database as it was.
 * Mixed with small files, which keep the preview record by record. The
 * threshold is lowered with GUILD_IMPORT_STREAM_THRESHOLD so that files of
 * a few hundred KiB take that path. */

#define THRESHOLD "100000"
/* Cards in the large file; every SKIP_EVERY-th has no name. */
#define N_CARDS 6000
#define SKIP_EVERY 500

typedef struct
{
  char  *dir;
  char  *db_path;
  GFile *large;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) cards = g_string_new (NULL);
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("guild-test-import-stream-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "guild.db", NULL);

  for (guint i = 0; i < N_CARDS; i++)
    {
      if (i % SKIP_EVERY == SKIP_EVERY - 1)
        g_string_append (cards, "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody\r\nEND:VCARD\r\n");
      else
        g_string_append_printf (cards, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %u\r\n"
                                "EMAIL:p%u@example.org\r\nORG:Company %u\r\nEND:VCARD\r\n",
                                i, i, i % 31);
    }
  g_assert_cmpuint (cards->len, >, g_ascii_strtoull (THRESHOLD, NULL, 10));
  path = g_build_filename (fixture->dir, "everyone.vcf", NULL);
  g_file_set_contents (path, cards->str, cards->len, &error);
  g_assert_no_error (error);
  fixture->large = g_file_new_for_path (path);

  g_setenv ("GUILD_IMPORT_STREAM_THRESHOLD", THRESHOLD, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) handle = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_unsetenv ("GUILD_IMPORT_STREAM_THRESHOLD");
  g_clear_object (&fixture->large);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

/* Section: helpers */


/* Whether a label or a row under @widget shows text that holds @needle. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *needle)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (text != NULL && strstr (text, needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, needle))
      return TRUE;

  return FALSE;
}

/* The line card i starts on: the cards before it have six lines, the
 * skipped ones four. */
static guint
card_line (guint card)
{
  guint skipped_before = card / SKIP_EVERY;

  return 6 * (card - skipped_before) + 4 * skipped_before + 1;
}

/* Section: tests */

/* A large file and a small one dropped together: counts, the skipped
 * cards with their lines, Cancel, Import as two batches, Undo. */
static void
test_streamed_flow (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GuildApplication) app = guild_test_start_application (fixture->db_path, "StreamFlow");
  GuildStore *store = guild_application_get_store (app);
  g_autoptr(GFile) small = guild_test_sample_file ("apple-3.0.vcf");
  g_autoptr(GuildImportResult) small_result = NULL;
  g_autoptr(GuildImportPreview) small_preview = NULL;
  g_autoptr(GVariant) batches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_line = NULL;
  g_autofree char *last_line = NULL;
  GFile *files[2] = { fixture->large, small };
  guint n_skipped = N_CARDS / SKIP_EVERY;
  GuildStoreStats stats;
  GuildImportDialog *dialog;
  GuildWindow *window;
  guint counts[4];

  small_result = guild_import_parse_file (small, GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  guild_store_import_preview (store, small_result, &small_preview, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (small_preview->added, >, 0);

  guild_application_import_files (app, files, G_N_ELEMENTS (files));
  dialog = guild_test_wait_for_import_dialog ();
  g_assert_cmpuint (guild_import_dialog_get_n_files (dialog), ==, 2);
  g_assert_true (guild_import_dialog_get_counts (dialog, 0, counts));
  g_assert_cmpuint (counts[0], ==, N_CARDS - n_skipped);
  g_assert_cmpuint (counts[1], ==, 0);
  g_assert_cmpuint (counts[2], ==, 0);
  g_assert_cmpuint (counts[3], ==, n_skipped);
  g_assert_true (guild_import_dialog_get_counts (dialog, 1, counts));
  g_assert_cmpuint (counts[0], ==, small_preview->added);

  /* The dry run wrote nothing, and says what it skipped, where. */
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, 0);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "A large file"));
  first_line = g_strdup_printf ("Line %u: ", card_line (SKIP_EVERY - 1));
  last_line = g_strdup_printf ("Line %u: ", card_line (N_CARDS - 1));
  g_assert_true (shows_text (GTK_WIDGET (dialog), first_line));
  g_assert_true (shows_text (GTK_WIDGET (dialog), last_line));

  /* Cancel: nothing written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  guild_test_wait_for (guild_test_import_dialog_gone, NULL, "the dialog to close");
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, 0);
  g_assert_true (guild_store_get_stats (store, &stats, &error));
  g_assert_cmpuint (stats.import_batches, ==, 0);

  /* Import: both files, each its batch, one toast for both. */
  guild_application_import_files (app, files, G_N_ELEMENTS (files));
  dialog = guild_test_wait_for_import_dialog ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  g_assert_true (guild_import_dialog_get_applying (dialog));
  guild_test_wait_for (guild_test_import_dialog_gone, NULL, "the dialog to close");
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==,
                    N_CARDS - n_skipped + small_preview->added);
  g_assert_true (guild_store_get_stats (store, &stats, &error));
  g_assert_cmpuint (stats.import_batches, ==, 2);
  g_assert_nonnull (_guild_application_get_last_import (app));
  batches = g_variant_ref (_guild_application_get_last_import (app));
  g_assert_cmpuint (g_variant_n_children (batches), ==, 2);
  window = GUILD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_cmpstr (guild_window_get_visible_view (window), ==, "contacts");

  /* Again: the large file's cards are all there. */
  guild_application_import_files (app, &fixture->large, 1);
  dialog = guild_test_wait_for_import_dialog ();
  g_assert_true (guild_import_dialog_get_counts (dialog, 0, counts));
  g_assert_cmpuint (counts[0] + counts[1], ==, 0);
  g_assert_cmpuint (counts[2], ==, N_CARDS - n_skipped);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  guild_test_wait_for (guild_test_import_dialog_gone, NULL, "the dialog to close");

  /* The toast's Undo takes both back out. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "undo-import", batches);
  /* It undoes on a worker, then the store may write again. */
  guild_test_wait_for (guild_test_store_not_busy, store, "the undo to be written");
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, 0);
  g_assert_null (_guild_application_get_last_import (app));

  guild_test_destroy_toplevels ();
}

/* Cancel while a large file is written: rolled back, the dialog waits for
 * that, nothing is left. */
static void
test_streamed_cancel_while_writing (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GuildApplication) app = guild_test_start_application (fixture->db_path, "StreamCancel");
  GuildStore *store = guild_application_get_store (app);
  g_autoptr(GuildContact) contact = guild_contact_new ("After The Cancel");
  g_autoptr(GError) error = NULL;
  GuildStoreStats stats;
  GuildImportDialog *dialog;

  guild_application_import_files (app, &fixture->large, 1);
  dialog = guild_test_wait_for_import_dialog ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  g_assert_true (guild_import_dialog_get_applying (dialog));
  /* The window's own writes wait meanwhile. */
  g_assert_false (guild_store_add (store, GUILD_RECORD (contact), &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_true (guild_test_find_import_dialog () == dialog);
  guild_test_wait_for (guild_test_import_dialog_gone, NULL, "the dialog to close after Cancel");

  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, 0);
  g_assert_true (guild_store_get_stats (store, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.import_batches, ==, 0);
  g_assert_null (_guild_application_get_last_import (app));
  g_assert_true (guild_store_add (store, GUILD_RECORD (contact), &error));
  g_assert_no_error (error);

  guild_test_destroy_toplevels ();
}

/* A large CSV file of no known kind: its columns are shown as read from
 * the header, and it imports. */
static void
test_streamed_generic_csv (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GuildApplication) app = guild_test_start_application (fixture->db_path, "StreamCsv");
  GuildStore *store = guild_application_get_store (app);
  g_autofree char *path = g_build_filename (fixture->dir, "people.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("Name,Email,Favourite colour\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GuildImportDialog *dialog;
  guint counts[4];

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "Person %u,p%u@example.org,colour %u\n", i, i, i % 7);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  guild_application_import_files (app, &file, 1);
  dialog = guild_test_wait_for_import_dialog ();
  g_assert_true (guild_import_dialog_get_counts (dialog, 0, counts));
  g_assert_cmpuint (counts[0], ==, 5000);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Favourite colour"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Left out"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "by their names in the first line"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  guild_test_wait_for (guild_test_import_dialog_gone, NULL, "the dialog to close");
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, 5000);

  guild_test_destroy_toplevels ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/guild/import-stream-ui/flow", test_streamed_flow);
  ADD ("/guild/import-stream-ui/cancel-while-writing", test_streamed_cancel_while_writing);
  ADD ("/guild/import-stream-ui/generic-csv", test_streamed_generic_csv);

#undef ADD

  return g_test_run ();
}
