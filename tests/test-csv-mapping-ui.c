/* test-csv-mapping-ui.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gstdio.h>

#include "guild-csv-mapping-page.h"
#include "guild-export-ui.h"
#include "guild-import-dialog.h"
#include "guild-import-history.h"
#include "guild-store-import.h"

/* The import dialog's column-mapping step for a CSV file of no known kind
 * (a semicolon-separated Windows-1251 file, as Russian Excel writes): the
 * guess with a sample value per column, a corrected column, the preview that
 * follows, and what Import then writes. Also Export… written to a file and
 * the Import History window. */

#define TIMEOUT_SECONDS 20

typedef struct
{
  char       *dir;
  GuildStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("guild-test-mapping-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  g_clear_object (&f->store);
  handle = g_dir_open (f->dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition   condition,
          gpointer    data,
          const char *what)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (TIMEOUT_SECONDS, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out waiting for %s", what);

  g_source_remove (timeout);
}

static GtkWidget *
find_mapping_page (GtkWidget *widget)
{
  if (GUILD_IS_CSV_MAPPING_PAGE (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapping_page (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
dialog_ready (gpointer data)
{
  return guild_import_dialog_get_ready (data);
}

static gboolean
dialog_not_applying (gpointer data)
{
  return !guild_import_dialog_get_applying (data);
}

static gboolean
page_ready (gpointer data)
{
  GtkWidget *page = find_mapping_page (data);

  return page != NULL && guild_csv_mapping_page_get_ready (GUILD_CSV_MAPPING_PAGE (page));
}

typedef struct
{
  GuildImportDialog *dialog;
  guint              expected[4];
} CountsWait;

static gboolean
counts_are (gpointer data)
{
  CountsWait *wait = data;
  guint counts[4];

  return guild_import_dialog_get_ready (wait->dialog) &&
         guild_import_dialog_get_counts (wait->dialog, 0, counts) &&
         memcmp (counts, wait->expected, sizeof counts) == 0;
}

static guint
column_of (const GuildCsvMapping *mapping,
           const char            *header)
{
  for (guint i = 0; i < guild_csv_mapping_get_n_columns (mapping); i++)
    if (g_strcmp0 (guild_csv_mapping_get_header (mapping, i), header) == 0)
      return i;

  g_error ("No column “%s”", header);
}

static void
test_mapping_step (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (GUILD_TEST_DATA_DIR, "generic-semicolon-1251.csv",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  GuildImportDialog *dialog;
  GuildCsvMappingPage *page;
  const GuildCsvMapping *mapping;
  CountsWait wait = { 0 };
  guint name, email, work;
  gboolean found = FALSE;

  dialog = guild_import_dialog_new (NULL, f->store, &file, 1);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for (dialog_ready, dialog, "the preview");
  wait_for (page_ready, dialog, "the columns");

  page = GUILD_CSV_MAPPING_PAGE (find_mapping_page (GTK_WIDGET (dialog)));
  mapping = guild_csv_mapping_page_get_mapping (page);

  /* The guess, decoded from Windows-1251, with a sample value per column. */
  g_assert_cmpuint (guild_csv_mapping_get_n_columns (mapping), ==, 6);
  name = column_of (mapping, "ФИО");
  email = column_of (mapping, "Эл. почта");
  work = column_of (mapping, "Работа");
  g_assert_cmpint (guild_csv_mapping_get_field (mapping, name), ==, GUILD_CSV_FIELD_FULL_NAME);
  g_assert_cmpint (guild_csv_mapping_get_field (mapping, email), ==, GUILD_CSV_FIELD_EMAIL);
  g_assert_cmpint (guild_csv_mapping_get_field (mapping, work), ==, GUILD_CSV_FIELD_IGNORE);
  g_assert_cmpstr (guild_csv_mapping_page_get_sample (page, name), ==, "Марина Соколова");
  g_assert_cmpstr (guild_csv_mapping_page_get_sample (page, work), ==, "ООО «Северный ветер»");

  wait.dialog = dialog;
  wait.expected[0] = 3;
  g_assert_true (counts_are (&wait));

  /* Without a name or an address, no row is a contact: the preview says so. */
  guild_csv_mapping_page_set_field (page, name, GUILD_CSV_FIELD_IGNORE);
  guild_csv_mapping_page_set_field (page, email, GUILD_CSV_FIELD_IGNORE);
  wait.expected[0] = 0;
  wait.expected[3] = 3;
  wait_for (counts_are, &wait, "the preview with no names");

  /* The mapping page is the same widget after the preview was rebuilt. */
  g_assert_true (GTK_WIDGET (page) == find_mapping_page (GTK_WIDGET (dialog)));

  /* Put the names back and read "Работа" as the company. */
  guild_csv_mapping_page_set_field (page, name, GUILD_CSV_FIELD_FULL_NAME);
  guild_csv_mapping_page_set_field (page, email, GUILD_CSV_FIELD_EMAIL);
  guild_csv_mapping_page_set_field (page, work, GUILD_CSV_FIELD_COMPANY);
  wait.expected[0] = 3;
  wait.expected[3] = 0;
  wait_for (counts_are, &wait, "the preview with names again");
  while (guild_csv_mapping_page_get_busy (page))
    g_main_context_iteration (NULL, TRUE);
  wait_for (dialog_ready, dialog, "the last preview to be matched");
  wait_for (counts_are, &wait, "the last preview");

  /* The write runs on a worker: wait until it is done. */
  g_object_ref (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  wait_for (dialog_not_applying, dialog, "the import to be written");
  g_object_unref (dialog);

  contacts = guild_store_list (f->store, GUILD_RECORD_CONTACT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 3);
  for (guint i = 0; i < contacts->len; i++)
    {
      GuildRecord *contact = g_ptr_array_index (contacts, i);

      if (g_strcmp0 (guild_record_get_text (contact, "full-name"), "Марина Соколова") != 0)
        continue;
      found = TRUE;
      g_assert_cmpstr (guild_record_get_text (contact, "company"), ==, "ООО «Северный ветер»");
      g_assert_cmpstr (guild_record_get_text (contact, "location"), ==, "Казань");
    }
  g_assert_true (found);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
history_listed (gpointer data)
{
  return guild_import_history_get_n_rows (data) >= 0;
}

static void
test_export_and_history (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *vcf = g_build_filename (f->dir, "contacts.vcf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (vcf);
  g_autoptr(GuildContact) contact = guild_contact_new ("Ada Lovelace");
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEND:VCARD\r\n";
  GuildImportHistory *history;

  /* An empty history says so. */
  history = guild_import_history_new (f->store);
  gtk_window_present (GTK_WINDOW (history));
  wait_for (history_listed, history, "the empty history");
  g_assert_cmpint (guild_import_history_get_n_rows (history), ==, 0);
  gtk_window_destroy (GTK_WINDOW (history));

  g_assert_true (guild_store_add (f->store, GUILD_RECORD (contact), &error));
  result = guild_import_parse ((const guint8 *) card, strlen (card), "grace.vcf",
                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_true (guild_store_import_preview (f->store, result, &preview, NULL, &error));
  g_assert_true (guild_store_import_apply (f->store, preview, NULL, NULL, &error));
  g_assert_no_error (error);

  history = guild_import_history_new (f->store);
  gtk_window_present (GTK_WINDOW (history));
  wait_for (history_listed, history, "the history");
  g_assert_cmpint (guild_import_history_get_n_rows (history), ==, 1);
  gtk_window_destroy (GTK_WINDOW (history));

  guild_export_ui_write (NULL, f->store, GUILD_EXPORT_FORMAT_VCARD, NULL, file);
  wait_for (file_exists, vcf, "the vCard file");
  g_assert_true (g_file_get_contents (vcf, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "FN:Ada Lovelace"));
  g_assert_nonnull (strstr (text, "FN:Grace Hopper"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/guild/csv-mapping-ui/step", Fixture, NULL,
              fixture_set_up, test_mapping_step, fixture_tear_down);
  g_test_add ("/guild/csv-mapping-ui/export-and-history", Fixture, NULL,
              fixture_set_up, test_export_and_history, fixture_tear_down);

  return g_test_run ();
}
