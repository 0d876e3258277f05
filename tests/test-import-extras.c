/* test-import-extras.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "guild-export-file.h"
#include "guild-export.h"
#include "guild-store-backup.h"
#include "guild-store-history.h"
#include "guild-store-import.h"

/* Issue 5's extras in the core: "Back up database…" (a consistent copy while
 * another connection writes), Export… to a file (temporary file renamed, the
 * vCard selection), the Import History listing with Undo, and the CSV export
 * read back by the CSV importer. */

typedef struct
{
  char       *dir;
  char       *path;
  GuildStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("guild-extras-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
add_contact (GuildStore *store,
             const char *name)
{
  g_autoptr(GuildContact) contact = guild_contact_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_store_add (store, GUILD_RECORD (contact), &error));
  g_assert_no_error (error);

  return guild_record_get_id (GUILD_RECORD (contact));
}

static char *
export_vcard (GuildStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_export_vcard (store, out, NULL, &error));
  g_assert_no_error (error);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Section: backup */

typedef struct
{
  const char *path;
  gint        stop;
  guint       written;
} Writer;

/* Another connection (another store on the same file) that keeps adding
 * contacts, each in a transaction of its own, while the backup runs. */
static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildStore) store = guild_store_open (w->path, GUILD_STORE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (&w->stop))
    {
      g_autofree char *name = g_strdup_printf ("Written meanwhile %u", w->written);

      add_contact (store, name);
      w->written++;
    }

  return NULL;
}

static void
test_backup_while_writing (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *copy_path = g_build_filename (f->dir, "guild-backup.db", NULL);
  g_autofree char *again_path = g_build_filename (f->dir, "guild-backup-2.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildStore) copy = NULL;
  g_autoptr(GuildStore) again = NULL;
  g_autofree char *original_cards = NULL;
  g_autofree char *copy_cards = NULL;
  Writer w = { f->path, 0, 0 };
  GThread *thread;
  guint before, copied;

  g_assert_true (guild_store_begin (f->store, &error));
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Contact %u", i);

      add_contact (f->store, name);
    }
  g_assert_true (guild_store_commit (f->store, &error));
  before = guild_store_count (f->store, GUILD_RECORD_CONTACT);

  thread = g_thread_new ("writer", writer_thread, &w);
  /* Let the writer get going. */
  while (g_atomic_int_get ((gint *) &w.written) < 5)
    g_usleep (1000);

  g_assert_true (guild_store_backup_file (f->path, copy_path, NULL, &error));
  g_assert_no_error (error);

  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);

  /* No temporary file is left behind. */
  {
    g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_null (strstr (name, ".part-"));
  }

  /* The copy is a Guild database of its own (no WAL beside it), holding
   * everything committed before the copy and a whole number of the
   * writer's transactions. */
  copy = guild_store_open (copy_path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (guild_store_get_schema_version (copy), ==, GUILD_STORE_SCHEMA_VERSION);
  copied = guild_store_count (copy, GUILD_RECORD_CONTACT);
  g_assert_cmpuint (copied, >=, before + 5);
  g_assert_cmpuint (copied, <=, before + w.written);

  /* With nobody writing, a copy holds exactly the same rows. */
  g_assert_true (guild_store_backup_file (f->path, again_path, NULL, &error));
  again = guild_store_open (again_path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  original_cards = export_vcard (f->store);
  copy_cards = export_vcard (again);
  g_assert_cmpuint (guild_store_count (again, GUILD_RECORD_CONTACT), ==, before + w.written);
  g_assert_cmpstr (original_cards, ==, copy_cards);
}

static void
test_backup_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *missing_dir = g_build_filename (f->dir, "no-such-folder", "copy.db", NULL);
  g_autofree char *existing = g_build_filename (f->dir, "existing.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *name = guild_store_backup_default_name ();

  add_contact (f->store, "Somebody");

  g_assert_false (guild_store_backup_file (f->path, missing_dir, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A cancelled backup leaves the file that was there as it was. */
  g_assert_true (g_file_set_contents (existing, "keep me", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (guild_store_backup_file (f->path, existing, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");

  g_assert_true (g_str_has_prefix (name, "guild-backup-"));
  g_assert_true (g_str_has_suffix (name, ".db"));
  g_assert_cmpuint (strlen (name), ==, strlen ("guild-backup-YYYY-MM-DD.db"));
}

/* Section: export to a file */

static void
test_export_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *vcf = g_build_filename (f->dir, "some.vcf", NULL);
  g_autofree char *json = g_build_filename (f->dir, "all.json", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "missing", "x.ics", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 anna, boris;
  guint n = 0;

  anna = add_contact (f->store, "Anna Selected");
  add_contact (f->store, "Not Selected");
  boris = add_contact (f->store, "Boris Selected");
  g_array_append_val (ids, boris);
  g_array_append_val (ids, anna);

  g_assert_true (guild_export_to_file (f->path, GUILD_EXPORT_FORMAT_VCARD, ids, vcf, &n, NULL,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (g_file_get_contents (vcf, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "FN:Anna Selected"));
  g_assert_nonnull (strstr (text, "FN:Boris Selected"));
  g_assert_null (strstr (text, "Not Selected"));
  g_clear_pointer (&text, g_free);

  /* The whole address book when nothing is selected. */
  g_assert_true (guild_export_to_file (f->path, GUILD_EXPORT_FORMAT_VCARD, NULL, vcf, &n, NULL,
                                       &error));
  g_assert_cmpuint (n, ==, 3);

  g_assert_true (guild_export_to_file (f->path, GUILD_EXPORT_FORMAT_JSON, NULL, json, &n, NULL,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  g_assert_false (guild_export_to_file (f->path, GUILD_EXPORT_FORMAT_ICALENDAR, NULL, bad, &n,
                                        NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  for (guint i = 0; i < GUILD_N_EXPORT_FORMATS; i++)
    {
      g_autofree char *name = guild_export_format_default_name (i);

      g_assert_cmpint (guild_export_format_from_string (guild_export_format_to_string (i)), ==,
                       i);
      g_assert_true (g_str_has_prefix (name, "guild-"));
    }
  g_assert_cmpint (guild_export_format_from_string ("xml"), ==, GUILD_N_EXPORT_FORMATS);
}

/* Section: import history */

static gint64
import_text (GuildStore *store,
             const char *name,
             const char *text)
{
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch = 0;

  result = guild_import_parse ((const guint8 *) text, strlen (text), name,
                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (guild_store_import_preview (store, result, &preview, NULL, &error));
  g_assert_true (guild_store_import_apply (store, preview, &batch, NULL, &error));
  g_assert_no_error (error);
  /* The preview borrows the result. */
  g_clear_pointer (&preview, guild_import_preview_free);

  return batch;
}

static void
on_listed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = guild_store_list_import_batches_finish (GUILD_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GPtrArray) async_batches = NULL;
  g_autoptr(GError) error = NULL;
  GuildImportBatch *first, *second;
  gint64 a, b;

  batches = guild_store_list_import_batches (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 0);
  g_clear_pointer (&batches, g_ptr_array_unref);

  a = import_text (f->store, "first.vcf",
                   "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada One\r\nEMAIL:ada@example.com\r\nEND:VCARD\r\n"
                   "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Two\r\nEND:VCARD\r\n");
  b = import_text (f->store, "second.csv",
                   "Name,Email,Company\r\n"
                   "Ada One,ada@example.com,Initech\r\n"
                   "Cleo Three,cleo@example.com,\r\n");

  batches = guild_store_list_import_batches (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 2);

  /* The newest first. */
  second = g_ptr_array_index (batches, 0);
  first = g_ptr_array_index (batches, 1);
  g_assert_cmpint (second->id, ==, b);
  g_assert_cmpint (first->id, ==, a);
  g_assert_cmpstr (first->file_name, ==, "first.vcf");
  g_assert_cmpstr (first->format, ==, guild_import_format_to_string (GUILD_IMPORT_FORMAT_VCARD));
  g_assert_cmpuint (first->added, ==, 2);
  g_assert_cmpuint (first->remaining, ==, 2);
  g_assert_cmpuint (second->added, ==, 1);
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpuint (second->remaining, ==, 1);
  g_assert_cmpint (second->undone_at, ==, 0);
  g_assert_cmpint (first->started_at, >, 0);

  /* The same from a worker thread. */
  guild_store_list_import_batches_async (f->store, NULL, on_listed_cb, &async_batches);
  while (async_batches == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (async_batches->len, ==, 2);
  g_assert_cmpint (((GuildImportBatch *) g_ptr_array_index (async_batches, 0))->id, ==, b);

  /* Undo the first: what it added goes, the list says it was undone. */
  g_assert_true (guild_store_import_undo (f->store, a, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&batches, g_ptr_array_unref);
  batches = guild_store_list_import_batches (f->store, NULL, &error);
  first = g_ptr_array_index (batches, 1);
  g_assert_cmpint (first->undone_at, >, 0);
  g_assert_cmpuint (first->remaining, ==, 0);
  g_assert_cmpuint (((GuildImportBatch *) g_ptr_array_index (batches, 0))->remaining, ==, 1);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 1);
}

/* Section: CSV round trip */

static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  const char *urls[] = { "https://www.linkedin.com/in/ada-one", "https://github.com/adaone", NULL };
  const char *emails[] = { "ada@example.com", NULL };
  g_autoptr(GuildCommunity) community = guild_community_new ("Python Moscow");
  g_autoptr(GuildContact) contact = guild_contact_new ("Ada One");
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GuildRecord *back;
  gint64 community_id;

  g_assert_true (guild_store_add (f->store, GUILD_RECORD (community), &error));
  community_id = guild_record_get_id (GUILD_RECORD (community));
  guild_record_set_strv (GUILD_RECORD (contact), "urls", urls);
  guild_record_set_strv (GUILD_RECORD (contact), "emails", emails);
  guild_record_set_text (GUILD_RECORD (contact), "relationship", "hiring_manager");
  guild_record_set_text (GUILD_RECORD (contact), "company", "Initech, Ltd.");
  guild_record_set_ids (GUILD_RECORD (contact), "communities", &community_id, 1);
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (contact), &error));
  g_assert_no_error (error);

  g_assert_true (guild_export_csv (f->store, GUILD_RECORD_CONTACT, csv, NULL, &error));
  g_assert_nonnull (strstr (csv->str, "Python Moscow"));

  result = guild_import_parse ((const guint8 *) csv->str, csv->len, "contacts.csv",
                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  /* The contact's community comes first, as a record of the file. */
  g_assert_cmpuint (result->items->len, ==, 2);
  g_assert_true (result->has_file_refs);
  back = ((GuildImportItem *) g_ptr_array_index (result->items, 0))->record;
  g_assert_cmpint (guild_record_get_kind (back), ==, GUILD_RECORD_COMMUNITY);
  g_assert_cmpstr (guild_record_get_text (back, "name"), ==, "Python Moscow");
  back = ((GuildImportItem *) g_ptr_array_index (result->items, 1))->record;
  g_assert_cmpuint (guild_record_get_ids (back, "communities")->len, ==, 1);

  g_assert_cmpstr (guild_record_get_text (back, "full-name"), ==, "Ada One");
  g_assert_cmpstr (guild_record_get_text (back, "company"), ==, "Initech, Ltd.");
  g_assert_cmpstrv (guild_record_get_strv (back, "urls"), urls);
  g_assert_cmpstrv (guild_record_get_strv (back, "emails"), emails);
  g_assert_cmpstr (guild_record_get_text (back, "relationship"), ==, "hiring_manager");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guild/backup/while-writing", Fixture, NULL,
              fixture_set_up, test_backup_while_writing, fixture_tear_down);
  g_test_add ("/guild/backup/errors", Fixture, NULL,
              fixture_set_up, test_backup_errors, fixture_tear_down);
  g_test_add ("/guild/export/file", Fixture, NULL,
              fixture_set_up, test_export_file, fixture_tear_down);
  g_test_add ("/guild/import/history", Fixture, NULL,
              fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/guild/export/csv-round-trip", Fixture, NULL,
              fixture_set_up, test_csv_round_trip, fixture_tear_down);

  return g_test_run ();
}
