/* test-import-store.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "guild-export-json.h"
#include "guild-store-import.h"
#include "guild-store-private.h"


/* Preview, apply, re-import, cancel and undo against a real database, and
 * the JSON backup's round trip. */

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

  f->dir = g_dir_make_tmp ("guild-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static GuildImportResult *
parse_sample (const char *name)
{
  g_autofree char *path = g_build_filename (GUILD_TEST_DATA_DIR, name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  GuildImportResult *result;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  result = guild_import_parse ((const guint8 *) data, len, name, GUILD_IMPORT_FORMAT_UNKNOWN,
                               NULL, &error);
  g_assert_no_error (error);
  return result;
}

static GuildImportPreview *
preview (Fixture           *f,
         GuildImportResult *result)
{
  g_autoptr(GError) error = NULL;
  GuildImportPreview *p = NULL;

  g_assert_true (guild_store_import_preview (f->store, result, &p, NULL, &error));
  g_assert_no_error (error);
  return p;
}

static gint64
import_sample (Fixture    *f,
               const char *name,
               guint       added,
               guint       updated,
               guint       unchanged,
               guint       skipped)
{
  g_autoptr(GuildImportResult) result = parse_sample (name);
  g_autoptr(GuildImportPreview) p = preview (f, result);
  g_autoptr(GError) error = NULL;
  gint64 batch = 0;

  g_assert_cmpuint (p->added, ==, added);
  g_assert_cmpuint (p->updated, ==, updated);
  g_assert_cmpuint (p->unchanged, ==, unchanged);
  g_assert_cmpuint (p->skipped, ==, skipped);

  g_assert_true (guild_store_import_apply (f->store, p, &batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (batch, >, 0);
  return batch;
}

static GuildRecord *
find_contact (Fixture    *f,
              const char *name)
{
  g_autoptr(GPtrArray) all = guild_store_list (f->store, GUILD_RECORD_CONTACT, NULL, NULL);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (guild_record_get_text (g_ptr_array_index (all, i), "full-name"), name))
      return g_object_ref (g_ptr_array_index (all, i));

  return NULL;
}

static void
test_contacts_merge (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GuildRecord) anna = NULL;
  g_autoptr(GuildRecord) john = NULL;
  const char * const *urls;

  import_sample (f, "linkedin-connections.csv", 4, 0, 0, 1);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 4);

  /* Apple's card is Anna again (her LinkedIn address), Google's John (his
   * e-mail): both update, nothing is duplicated. */
  import_sample (f, "apple-3.0.vcf", 0, 1, 0, 1);
  import_sample (f, "google-3.0.vcf", 1, 1, 0, 0);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 5);

  anna = find_contact (f, "Anna Ivanova");
  g_assert_nonnull (anna);
  /* Kept from LinkedIn, added from the vCard. */
  g_assert_cmpstr (guild_record_get_text (anna, "connected-on"), ==, "2024-03-14");
  g_assert_cmpstr (guild_record_get_text (anna, "birthday"), ==, "--09-23");
  g_assert_cmpstr (guild_record_get_text (anna, "location"), ==, "Moscow");
  urls = guild_record_get_strv (anna, "urls");
  g_assert_cmpstr (urls[0], ==, "https://www.linkedin.com/in/anna-ivanova-ds");
  g_assert_cmpuint (g_strv_length ((char **) urls), ==, 3);

  john = find_contact (f, "John Smith");
  /* The vCard's company replaced LinkedIn's; the connection day stayed. */
  g_assert_cmpstr (guild_record_get_text (john, "company"), ==, "Contoso Ltd.");
  g_assert_cmpstr (guild_record_get_text (john, "connected-on"), ==, "2023-01-02");
  g_assert_cmpuint (g_strv_length ((char **) guild_record_get_strv (john, "emails")), ==, 2);

  /* The same file again changes nothing; LinkedIn's spelling of John's
   * company is newer than the vCard's, so it wins once. */
  import_sample (f, "google-3.0.vcf", 0, 0, 2, 0);
  import_sample (f, "linkedin-connections.csv", 0, 1, 3, 1);
  import_sample (f, "linkedin-connections.csv", 0, 0, 4, 1);
}

static void
test_name_and_company (Fixture       *f,
                       gconstpointer  data)
{
  static const char first[] = "Name,Company,Phone\nJosé  Núñez,ACME,111\n";
  static const char second[] = "Name,Company,Phone\njose nunez,acme,222\nJosé Núñez,Other,333\n";
  g_autoptr(GuildImportResult) a = guild_import_parse ((const guint8 *) first, strlen (first),
                                                       "a.csv", GUILD_IMPORT_FORMAT_UNKNOWN,
                                                       NULL, NULL);
  g_autoptr(GuildImportResult) b = guild_import_parse ((const guint8 *) second, strlen (second),
                                                       "b.csv", GUILD_IMPORT_FORMAT_UNKNOWN,
                                                       NULL, NULL);
  g_autoptr(GuildImportPreview) pa = preview (f, a);
  g_autoptr(GuildImportPreview) pb = NULL;

  g_assert_true (guild_store_import_apply (f->store, pa, NULL, NULL, NULL));
  pb = preview (f, b);
  /* Folded name and company match; another company is another person. */
  g_assert_cmpuint (pb->updated, ==, 1);
  g_assert_cmpuint (pb->added, ==, 1);
  g_assert_cmpint (g_array_index (pb->entries, GuildImportPreviewEntry, 0).action, ==,
                   GUILD_IMPORT_ACTION_UPDATE);
}

static void
test_ical_reimport (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GuildRecord) pizza = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) p = NULL;
  gsize len;

  import_sample (f, "meetup.ics", 3, 0, 0, 1);
  import_sample (f, "google-calendar.ics", 6, 0, 0, 0);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_EVENT), ==, 9);

  /* The user marks an event attended; a new copy of the feed moves it. */
  events = guild_store_list (f->store, GUILD_RECORD_EVENT, NULL, NULL);
  pizza = g_object_ref (g_ptr_array_index (events, 0));
  g_assert_cmpstr (guild_record_get_text (pizza, "uid"), ==, "event_299000001@meetup.com");
  guild_record_set_text (pizza, "status", "attended");
  g_assert_true (guild_store_update (f->store, pizza, NULL));

  import_sample (f, "meetup.ics", 0, 0, 3, 1);

  path = g_build_filename (GUILD_TEST_DATA_DIR, "meetup.ics", NULL);
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  parts = g_strsplit (text, "20240312T190000", -1);
  changed = g_strjoinv ("20240312T200000", parts);
  result = guild_import_parse ((const guint8 *) changed, strlen (changed), "meetup.ics",
                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  p = preview (f, result);
  g_assert_cmpuint (p->updated, ==, 1);
  g_assert_cmpuint (p->added, ==, 0);
  g_assert_true (guild_store_import_apply (f->store, p, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_EVENT), ==, 9);
  g_assert_true (guild_store_reload (f->store, pizza, NULL));
  g_assert_cmpstr (guild_record_get_text (pizza, "status"), ==, "attended");
  g_assert_cmpint (guild_record_get_int (pizza, "starts-at"), ==, 1710270000);
}

static void
test_cancel_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GuildImportResult) result = parse_sample ("google-contacts-new.csv");
  g_autoptr(GuildImportPreview) p = preview (f, result);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GuildStoreStats stats;
  gint64 batch = 0;

  g_cancellable_cancel (cancellable);
  g_assert_false (guild_store_import_apply (f->store, p, &batch, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (guild_store_get_stats (f->store, &stats, NULL));
  g_assert_cmpuint (stats.contacts, ==, 0);
  g_assert_cmpuint (stats.import_batches, ==, 0);

  batch = import_sample (f, "google-contacts-new.csv", 2, 0, 0, 1);
  g_assert_true (guild_store_get_stats (f->store, &stats, NULL));
  g_assert_cmpuint (stats.contacts, ==, 2);
  g_assert_cmpuint (stats.import_batches, ==, 1);

  g_assert_cmpint (sqlite3_prepare_v2 (_guild_store_get_db (f->store),
                                       "SELECT file_name, format, added, skipped, report "
                                       "FROM import_batch", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "google-contacts-new.csv");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "google-csv");
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 2);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 4), "Line 6: No name"));
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_assert_true (guild_store_import_undo (f->store, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (guild_store_get_stats (f->store, &stats, NULL));
  g_assert_cmpuint (stats.contacts, ==, 0);
}

static char *
export_json (GuildStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_export_json (store, out, NULL, &error));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GuildStore *
open_empty (Fixture    *f,
            const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GuildStore *store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return store;
}

static void
import_text (GuildStore *store,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) p = NULL;

  result = guild_import_parse ((const guint8 *) text, strlen (text), "backup.json",
                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->format, ==, GUILD_IMPORT_FORMAT_GUILD_JSON);
  g_assert_true (guild_store_import_preview (store, result, &p, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (guild_store_import_apply (store, p, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GuildRecord) maria = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GuildProfile) profile = NULL;
  g_autoptr(GuildGoals) goals = NULL;
  GuildStoreStats stats;
  GArray *ids;

  /* One check-in is out of range: skipped with its line. */
  import_sample (f, "backup.json", 11, 2, 0, 1);

  g_assert_true (guild_store_get_stats (f->store, &stats, NULL));
  g_assert_cmpuint (stats.communities, ==, 2);
  g_assert_cmpuint (stats.contacts, ==, 2);
  g_assert_cmpuint (stats.events, ==, 1);
  g_assert_cmpuint (stats.activities, ==, 2);
  g_assert_cmpuint (stats.skills, ==, 2);
  g_assert_cmpuint (stats.courses, ==, 1);
  g_assert_cmpuint (stats.checkins, ==, 1);
  g_assert_cmpuint (stats.memberships, ==, 3);

  maria = find_contact (f, "Мария Соколова");
  g_assert_cmpstr (guild_record_get_text (maria, "notes"), ==,
                   "Emoji 🚀 and a \"quote\"\nnew line");
  g_assert_cmpstr (guild_record_get_text (maria, "birthday"), ==, "--03-08");
  g_assert_cmpint (guild_record_get_int (maria, "connection-quality"), ==, 4);
  g_assert_cmpint (guild_record_get_int (maria, "met-at-event"), >, 0);
  ids = guild_record_get_ids (maria, "communities");
  g_assert_cmpuint (ids->len, ==, 2);

  events = guild_store_list (f->store, GUILD_RECORD_EVENT, NULL, NULL);
  ids = guild_record_get_ids (g_ptr_array_index (events, 0), "attendees");
  g_assert_cmpuint (ids->len, ==, 2);

  profile = guild_store_dup_profile (f->store, NULL);
  g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (profile), "target-field"), ==,
                   "Data analysis");
  goals = guild_store_dup_goals (f->store, NULL);
  g_assert_cmpint (guild_record_get_int (GUILD_RECORD (goals), "minutes-per-week"), ==, 180);

  /* Importing the same backup again adds nothing. */
  import_sample (f, "backup.json", 0, 0, 13, 1);
}

static void
test_backup_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GuildStore) second = NULL;
  g_autoptr(GuildStore) third = NULL;
  g_autofree char *first_export = NULL;
  g_autofree char *second_export = NULL;
  g_autofree char *third_export = NULL;

  import_sample (f, "backup.json", 11, 2, 0, 1);
  import_sample (f, "linkedin-connections.csv", 4, 0, 0, 1);
  import_sample (f, "meetup.ics", 3, 0, 0, 1);
  first_export = export_json (f->store);
  /* A skill's notes (schema version 2), multi-line, travel too. */
  g_assert_nonnull (strstr (first_export,
                            "\"notes\": \"Practise pandas\\nwith the study group\""));

  second = open_empty (f, "second.db");
  import_text (second, first_export);
  second_export = export_json (second);
  g_assert_cmpstr (first_export, ==, second_export);

  third = open_empty (f, "third.db");
  import_text (third, second_export);
  third_export = export_json (third);
  g_assert_cmpstr (second_export, ==, third_export);
}

static void
test_backup_errors (void)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "{\"format\": \"guild-backup\", \"version\": 1,\n  \"contacts\": [,]}",
      "The backup cannot be read. Line 2, column 16: A value was expected." },
    { "{\"format\": \"other\", \"version\": 1}", "The file is JSON but not a Guild backup." },
    { "{\"format\": \"guild-backup\", \"version\": 2}",
      "The backup was made by a newer version of Guild. Update Guild to import it." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GuildImportResult) result =
        guild_import_parse ((const guint8 *) cases[i].text, strlen (cases[i].text), "b.json",
                            GUILD_IMPORT_FORMAT_GUILD_JSON, NULL, &error);

      g_assert_null (result);
      g_assert_error (error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guild/import/store/contacts-merge", Fixture, NULL,
              fixture_set_up, test_contacts_merge, fixture_tear_down);
  g_test_add ("/guild/import/store/name-and-company", Fixture, NULL,
              fixture_set_up, test_name_and_company, fixture_tear_down);
  g_test_add ("/guild/import/store/ical-reimport", Fixture, NULL,
              fixture_set_up, test_ical_reimport, fixture_tear_down);
  g_test_add ("/guild/import/store/cancel-and-undo", Fixture, NULL,
              fixture_set_up, test_cancel_and_undo, fixture_tear_down);
  g_test_add ("/guild/import/json/backup", Fixture, NULL,
              fixture_set_up, test_backup, fixture_tear_down);
  g_test_add ("/guild/import/json/round-trip", Fixture, NULL,
              fixture_set_up, test_backup_round_trip, fixture_tear_down);
  g_test_add_func ("/guild/import/json/errors", test_backup_errors);

  return g_test_run ();
}
