/* test-import-undo.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "guild-export.h"
#include "guild-records.h"
#include "guild-store-history.h"
#include "guild-store-import.h"
#include "guild-store-private.h"
#include "import/guild-import.h"

/* Undo of a batch puts back what the import changed in records that were
 * there already (on the store's connection, on a worker, and streamed),
 * keeps what was edited since, and contacts exported as CSV come back with
 * their communities. */

typedef struct
{
  char       *dir;
  GuildStore *store;
} Fixture;

static GuildStore *
open_store (Fixture    *f,
            const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GuildStore *store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("guild-import-undo-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = open_store (f, "guild.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GuildRecord *
find (GuildStore      *store,
      GuildRecordKind  kind,
      const char      *field,
      const char      *value)
{
  g_autoptr(GPtrArray) all = guild_store_list (store, kind, NULL, NULL);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (guild_record_get_text (g_ptr_array_index (all, i), field), value))
      return g_object_ref (g_ptr_array_index (all, i));

  return NULL;
}

static GuildRecord *
find_contact (GuildStore *store,
              const char *name)
{
  return find (store, GUILD_RECORD_CONTACT, "full-name", name);
}

static const char *vcards =
  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\n"
  "ORG:Analytical Engines\r\nTITLE:Chief Engineer\r\nTEL:+44 20 7946 0000\r\n"
  "NOTE:Met at the conference\r\nEND:VCARD\r\n"
  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Brown\r\nEMAIL:bob@example.com\r\n"
  "TITLE:Team Lead\r\nNOTE:Imported note\r\nEND:VCARD\r\n"
  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Young\r\nEMAIL:cy@example.com\r\nEND:VCARD\r\n";

/* Ada and Bob are there before the import; Bob has notes typed by hand. */
static void
add_people (Fixture *f)
{
  const char *ada_emails[] = { "ada@example.com", NULL };
  const char *bob_emails[] = { "bob@example.com", NULL };
  g_autoptr(GuildContact) ada = guild_contact_new ("Ada Lovelace");
  g_autoptr(GuildContact) bob = guild_contact_new ("Bob Brown");
  g_autoptr(GError) error = NULL;

  guild_record_set_strv (GUILD_RECORD (ada), "emails", ada_emails);
  guild_record_set_text (GUILD_RECORD (ada), "company", "Old Company");
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (ada), &error));
  guild_record_set_strv (GUILD_RECORD (bob), "emails", bob_emails);
  guild_record_set_text (GUILD_RECORD (bob), "notes", "Typed by hand");
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (bob), &error));
  g_assert_no_error (error);
}

static GuildImportPreview *
preview_text (GuildStore        *store,
              GuildImportResult *result)
{
  g_autoptr(GError) error = NULL;
  GuildImportPreview *preview = NULL;

  g_assert_true (guild_store_import_preview (store, result, &preview, NULL, &error));
  g_assert_no_error (error);
  return preview;
}

static GuildImportResult *
parse (const char *text,
       const char *name)
{
  g_autoptr(GError) error = NULL;
  GuildImportResult *result = guild_import_parse ((const guint8 *) text, strlen (text), name,
                                                  GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);

  g_assert_no_error (error);
  return result;
}

static gint64
import_sync (GuildStore *store,
             const char *text,
             const char *name,
             guint       added,
             guint       updated)
{
  g_autoptr(GuildImportResult) result = parse (text, name);
  g_autoptr(GuildImportPreview) preview = preview_text (store, result);
  g_autoptr(GError) error = NULL;
  gint64 batch = 0;

  g_assert_cmpuint (preview->added, ==, added);
  g_assert_cmpuint (preview->updated, ==, updated);
  g_assert_true (guild_store_import_apply (store, preview, &batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (batch, >, 0);
  return batch;
}

static GuildImportBatch *
dup_batch (GuildStore *store,
           gint64      id)
{
  g_autoptr(GPtrArray) batches = guild_store_list_import_batches (store, NULL, NULL);

  for (guint i = 0; i < batches->len; i++)
    {
      GuildImportBatch *batch = g_ptr_array_index (batches, i);

      if (batch->id == id)
        return g_ptr_array_steal_index (batches, i);
    }

  g_assert_not_reached ();
}

/* After the import: Ada and Bob changed, Cy added. The person then edits
 * Bob's notes; undo must keep that edit and put back the rest. */
static void
check_undo (Fixture *f,
            gint64   batch_id)
{
  g_autoptr(GuildRecord) ada = find_contact (f->store, "Ada Lovelace");
  g_autoptr(GuildRecord) bob = find_contact (f->store, "Bob Brown");
  g_autoptr(GuildRecord) cy = find_contact (f->store, "Cy Young");
  g_autoptr(GuildImportBatch) batch = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (cy);
  g_assert_cmpstr (guild_record_get_text (ada, "company"), ==, "Analytical Engines");
  g_assert_cmpstr (guild_record_get_text (ada, "position"), ==, "Chief Engineer");
  g_assert_cmpuint (g_strv_length ((char **) guild_record_get_strv (ada, "phones")), ==, 1);
  g_assert_cmpstr (guild_record_get_text (bob, "position"), ==, "Team Lead");
  g_assert_nonnull (strstr (guild_record_get_text (bob, "notes"), "Imported note"));

  batch = dup_batch (f->store, batch_id);
  g_assert_cmpuint (batch->remaining, ==, 1);
  g_assert_cmpuint (batch->restorable, ==, 2);

  guild_record_set_text (bob, "notes", "Edited after the import");
  g_assert_true (guild_store_update (f->store, bob, &error));
  g_assert_no_error (error);

  g_assert_true (guild_store_import_undo (f->store, batch_id, NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&ada);
  g_clear_object (&bob);
  g_clear_object (&cy);
  ada = find_contact (f->store, "Ada Lovelace");
  bob = find_contact (f->store, "Bob Brown");
  cy = find_contact (f->store, "Cy Young");

  g_assert_null (cy);
  g_assert_cmpstr (guild_record_get_text (ada, "company"), ==, "Old Company");
  g_assert_cmpstr (guild_record_get_text (ada, "position"), ==, "");
  g_assert_cmpstr (guild_record_get_text (ada, "notes"), ==, "");
  g_assert_cmpuint (g_strv_length ((char **) guild_record_get_strv (ada, "phones")), ==, 0);
  /* The field edited since stays; the others go back. */
  g_assert_cmpstr (guild_record_get_text (bob, "notes"), ==, "Edited after the import");
  g_assert_cmpstr (guild_record_get_text (bob, "position"), ==, "");

  g_clear_pointer (&batch, guild_import_batch_free);
  batch = dup_batch (f->store, batch_id);
  g_assert_cmpint (batch->undone_at, >, 0);
}

static void
test_undo_sync (Fixture       *f,
                gconstpointer  data)
{
  gint64 batch;

  add_people (f);
  batch = import_sync (f->store, vcards, "people.vcf", 1, 2);
  check_undo (f, batch);
}

static void
on_applied_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GArray **ids = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_store_import_apply_finish (GUILD_STORE (object), result, ids, &error));
  g_assert_no_error (error);
}

static void
test_undo_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GPtrArray) previews = g_ptr_array_new ();
  g_autoptr(GArray) ids = NULL;

  add_people (f);
  result = parse (vcards, "people.vcf");
  preview = preview_text (f->store, result);
  g_ptr_array_add (previews, preview);
  guild_store_import_apply_async (f->store, previews, NULL, NULL, NULL, NULL, on_applied_cb, &ids);
  while (ids == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (ids->len, ==, 1);
  check_undo (f, g_array_index (ids, gint64, 0));
}

static void
test_undo_stream (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (vcards, strlen (vcards),
                                                                        NULL);
  g_autoptr(GuildImportReader) reader = NULL;
  g_autoptr(GuildImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch = 0;

  add_people (f);
  reader = guild_import_reader_new_for_stream (stream, "people.vcf", strlen (vcards),
                                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  /* One card a chunk. */
  guild_import_reader_set_piece_size (reader, 64, 1);
  g_assert_true (guild_store_import_stream (f->store, reader, TRUE, &summary, &batch, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->added, ==, 1);
  g_assert_cmpuint (summary->updated, ==, 2);
  check_undo (f, batch);
}

/* Streamed, a record of a later chunk that repeats one an earlier chunk
 * added updates it; undo removes it, with nothing to put back. */
static void
test_undo_stream_repeat (Fixture       *f,
                         gconstpointer  data)
{
  const char *twice =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Young\r\nEMAIL:cy@example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Young\r\nEMAIL:cy@example.com\r\n"
    "TITLE:Pitcher\r\nEND:VCARD\r\n";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (twice, strlen (twice),
                                                                        NULL);
  g_autoptr(GuildImportReader) reader = NULL;
  g_autoptr(GuildImportSummary) summary = NULL;
  g_autoptr(GuildImportBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  reader = guild_import_reader_new_for_stream (stream, "twice.vcf", strlen (twice),
                                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  guild_import_reader_set_piece_size (reader, 64, 1);
  g_assert_true (guild_store_import_stream (f->store, reader, TRUE, &summary, &id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->added, ==, 1);
  g_assert_cmpuint (summary->updated, ==, 1);

  batch = dup_batch (f->store, id);
  g_assert_cmpuint (batch->remaining, ==, 1);
  g_assert_cmpuint (batch->restorable, ==, 0);
  g_assert_true (guild_store_import_undo (f->store, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 0);
}

/* Undoing an older import keeps what a later one changed. */
static void
test_undo_older (Fixture       *f,
                 gconstpointer  data)
{
  const char *later =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\n"
    "TITLE:Countess\r\nEND:VCARD\r\n";
  g_autoptr(GuildRecord) ada = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first;

  add_people (f);
  first = import_sync (f->store, vcards, "people.vcf", 1, 2);
  import_sync (f->store, later, "later.vcf", 0, 1);

  g_assert_true (guild_store_import_undo (f->store, first, NULL, &error));
  g_assert_no_error (error);

  ada = find_contact (f->store, "Ada Lovelace");
  g_assert_cmpstr (guild_record_get_text (ada, "position"), ==, "Countess");
  g_assert_cmpstr (guild_record_get_text (ada, "company"), ==, "Old Company");
}

/* A batch undone before the undo table existed, or one that only added,
 * restores nothing and still undoes. */
static void
test_undo_added_only (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GuildImportBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = import_sync (f->store, vcards, "people.vcf", 3, 0);
  batch = dup_batch (f->store, id);
  g_assert_cmpuint (batch->remaining, ==, 3);
  g_assert_cmpuint (batch->restorable, ==, 0);
  g_assert_true (guild_store_import_undo (f->store, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 0);
}

/* Section: communities in CSV */

static char *
export_contacts (GuildStore *store)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_export_csv (store, GUILD_RECORD_CONTACT, csv, NULL, &error));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&csv), FALSE);
}

static void
add_members (GuildStore *store)
{
  g_autoptr(GuildCommunity) python = guild_community_new ("Python Moscow");
  g_autoptr(GuildCommunity) women = guild_community_new ("Women in Tech, Moscow");
  g_autoptr(GuildContact) ada = guild_contact_new ("Ada Lovelace");
  g_autoptr(GuildContact) bob = guild_contact_new ("Bob Brown");
  g_autoptr(GError) error = NULL;
  gint64 both[2];

  g_assert_true (guild_store_add (store, GUILD_RECORD (python), &error));
  g_assert_true (guild_store_add (store, GUILD_RECORD (women), &error));
  both[0] = guild_record_get_id (GUILD_RECORD (python));
  both[1] = guild_record_get_id (GUILD_RECORD (women));
  guild_record_set_ids (GUILD_RECORD (ada), "communities", both, 2);
  guild_record_set_ids (GUILD_RECORD (bob), "communities", both, 1);
  g_assert_true (guild_store_add (store, GUILD_RECORD (ada), &error));
  g_assert_true (guild_store_add (store, GUILD_RECORD (bob), &error));
  g_assert_no_error (error);
}

static void
assert_member_of (GuildStore *store,
                  const char *contact,
                  const char *community)
{
  g_autoptr(GuildRecord) c = find_contact (store, contact);
  g_autoptr(GuildRecord) group = find (store, GUILD_RECORD_COMMUNITY, "name", community);
  GArray *ids;
  gboolean found = FALSE;

  g_assert_nonnull (c);
  g_assert_nonnull (group);
  ids = guild_record_get_ids (c, "communities");
  for (guint i = 0; i < ids->len; i++)
    found |= g_array_index (ids, gint64, i) == guild_record_get_id (group);
  g_assert_true (found);
}

static void
test_csv_communities_same (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *csv = NULL;
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;

  add_members (f->store);
  csv = export_contacts (f->store);
  g_assert_nonnull (strstr (csv, "Python Moscow ::: Women in Tech, Moscow"));

  /* Everything is there already: nothing new, nothing to write. */
  result = parse (csv, "contacts.csv");
  preview = preview_text (f->store, result);
  g_assert_cmpuint (preview->added, ==, 0);
  g_assert_cmpuint (preview->updated, ==, 0);
  g_assert_cmpuint (preview->unchanged, ==, 4);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_COMMUNITY), ==, 2);
}

static void
test_csv_communities_empty (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GuildStore) other = open_store (f, "other.db");
  g_autoptr(GuildCommunity) existing = guild_community_new ("PYTHON moscow");
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  add_members (f->store);
  csv = export_contacts (f->store);

  /* Into an empty database: the communities are created and counted as
   * new, the memberships come back. */
  import_sync (other, csv, "contacts.csv", 4, 0);
  g_assert_cmpuint (guild_store_count (other, GUILD_RECORD_COMMUNITY), ==, 2);
  assert_member_of (other, "Ada Lovelace", "Python Moscow");
  assert_member_of (other, "Ada Lovelace", "Women in Tech, Moscow");
  assert_member_of (other, "Bob Brown", "Python Moscow");
  {
    g_autofree char *again = export_contacts (other);

    g_assert_cmpstr (again, ==, csv);
  }
  g_clear_object (&other);

  /* A community of the same name in another case is the same community. */
  other = open_store (f, "third.db");
  g_assert_true (guild_store_add (other, GUILD_RECORD (existing), &error));
  g_assert_no_error (error);
  import_sync (other, csv, "contacts.csv", 3, 0);
  g_assert_cmpuint (guild_store_count (other, GUILD_RECORD_COMMUNITY), ==, 2);
  assert_member_of (other, "Bob Brown", "PYTHON moscow");
  assert_member_of (other, "Ada Lovelace", "Women in Tech, Moscow");
}

/* Streamed one row a chunk: a community named in several chunks is created
 * once. */
static void
test_csv_communities_stream (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GuildStore) other = open_store (f, "other.db");
  g_autofree char *csv = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GuildImportReader) reader = NULL;
  g_autoptr(GuildImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch = 0;

  add_members (f->store);
  csv = export_contacts (f->store);
  stream = g_memory_input_stream_new_from_data (csv, strlen (csv), NULL);
  reader = guild_import_reader_new_for_stream (stream, "contacts.csv", strlen (csv),
                                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  guild_import_reader_set_piece_size (reader, 16, 1);
  g_assert_true (guild_store_import_stream (other, reader, TRUE, &summary, &batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (guild_store_count (other, GUILD_RECORD_COMMUNITY), ==, 2);
  g_assert_cmpuint (guild_store_count (other, GUILD_RECORD_CONTACT), ==, 2);
  assert_member_of (other, "Ada Lovelace", "Women in Tech, Moscow");
  assert_member_of (other, "Bob Brown", "Python Moscow");

  /* Undo takes the communities it created too. */
  g_assert_true (guild_store_import_undo (other, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (guild_store_count (other, GUILD_RECORD_COMMUNITY), ==, 0);
}

/* Whether @contact is a member of exactly @names (NULL-terminated). */
static void
assert_members (GuildStore         *store,
                const char         *contact,
                const char * const *names)
{
  g_autoptr(GuildRecord) c = find_contact (store, contact);
  GArray *ids;

  g_assert_nonnull (c);
  ids = guild_record_get_ids (c, "communities");
  g_assert_cmpuint (ids->len, ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    assert_member_of (store, contact, names[i]);
}

static gint64
add_community (GuildStore *store,
               const char *name)
{
  g_autoptr(GuildCommunity) community = guild_community_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_store_add (store, GUILD_RECORD (community), &error));
  g_assert_no_error (error);
  return guild_record_get_id (GUILD_RECORD (community));
}

/* The file says Ada is in both communities and Bob in Python Moscow and a
 * community the database does not have; Cy is new. */
static char *
membership_csv (Fixture *f)
{
  g_autoptr(GuildStore) source = open_store (f, "source.db");
  g_autoptr(GuildContact) ada = guild_contact_new ("Ada Lovelace");
  g_autoptr(GuildContact) bob = guild_contact_new ("Bob Brown");
  g_autoptr(GuildContact) cy = guild_contact_new ("Cy Young");
  g_autoptr(GError) error = NULL;
  gint64 python = add_community (source, "Python Moscow");
  gint64 women = add_community (source, "Women in Tech, Moscow");
  gint64 rust = add_community (source, "Rust Berlin");
  gint64 ada_ids[] = { python, women };
  gint64 bob_ids[] = { python, rust };

  guild_record_set_ids (GUILD_RECORD (ada), "communities", ada_ids, 2);
  guild_record_set_ids (GUILD_RECORD (bob), "communities", bob_ids, 2);
  guild_record_set_ids (GUILD_RECORD (cy), "communities", &women, 1);
  g_assert_true (guild_store_add (source, GUILD_RECORD (ada), &error));
  g_assert_true (guild_store_add (source, GUILD_RECORD (bob), &error));
  g_assert_true (guild_store_add (source, GUILD_RECORD (cy), &error));
  g_assert_no_error (error);

  return export_contacts (source);
}

/* In the database: Ada in Python Moscow only, Bob in none. */
static void
add_fewer_members (GuildStore *store)
{
  g_autoptr(GuildContact) ada = guild_contact_new ("Ada Lovelace");
  g_autoptr(GuildContact) bob = guild_contact_new ("Bob Brown");
  g_autoptr(GError) error = NULL;
  gint64 python = add_community (store, "Python Moscow");

  add_community (store, "Women in Tech, Moscow");
  guild_record_set_ids (GUILD_RECORD (ada), "communities", &python, 1);
  g_assert_true (guild_store_add (store, GUILD_RECORD (ada), &error));
  g_assert_true (guild_store_add (store, GUILD_RECORD (bob), &error));
  g_assert_no_error (error);
}

/* A contact of a CSV file that matches a stored one joins the file's
 * communities too, and counts as updated; undo takes back exactly the
 * memberships the import added, even after one joined by hand since. */
static void
test_csv_memberships_of_matched (Fixture       *f,
                                 gconstpointer  data)
{
  static const char * const ada_before[] = { "Python Moscow", NULL };
  static const char * const ada_after[] = { "Python Moscow", "Women in Tech, Moscow", NULL };
  static const char * const bob_after[] = { "Python Moscow", "Rust Berlin", NULL };
  static const char * const bob_by_hand[] = { "Python Moscow", "Rust Berlin", "Made by Hand",
                                              NULL };
  static const char * const bob_undone[] = { "Made by Hand", NULL };
  g_autofree char *csv = membership_csv (f);
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GuildRecord) bob = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch, by_hand;
  GArray *ids;

  add_fewer_members (f->store);

  /* Rust Berlin and Cy are new; Ada and Bob gain memberships; the two
   * communities the database has are only joined. */
  batch = import_sync (f->store, csv, "contacts.csv", 2, 2);
  assert_members (f->store, "Ada Lovelace", ada_after);
  assert_members (f->store, "Bob Brown", bob_after);
  assert_members (f->store, "Cy Young", ada_after + 1);

  /* The same file again: nothing left to add. */
  result = parse (csv, "contacts.csv");
  preview = preview_text (f->store, result);
  g_assert_cmpuint (preview->added, ==, 0);
  g_assert_cmpuint (preview->updated, ==, 0);
  g_assert_cmpuint (preview->unchanged, ==, 6);

  /* Bob joins a community by hand; undo keeps that one. */
  by_hand = add_community (f->store, "Made by Hand");
  bob = find_contact (f->store, "Bob Brown");
  ids = guild_record_get_ids (bob, "communities");
  g_array_append_val (ids, by_hand);
  guild_record_set_ids (bob, "communities", (gint64 *) ids->data, ids->len);
  g_assert_true (guild_store_update (f->store, bob, &error));
  g_assert_no_error (error);
  assert_members (f->store, "Bob Brown", bob_by_hand);

  g_assert_true (guild_store_import_undo (f->store, batch, NULL, &error));
  g_assert_no_error (error);
  assert_members (f->store, "Ada Lovelace", ada_before);
  assert_members (f->store, "Bob Brown", bob_undone);
  g_assert_null (find_contact (f->store, "Cy Young"));
  g_assert_null (find (f->store, GUILD_RECORD_COMMUNITY, "name", "Rust Berlin"));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_COMMUNITY), ==, 3);
}

/* The same read in chunks of one row (guild_store_import_stream()). */
static void
test_csv_memberships_of_matched_stream (Fixture       *f,
                                        gconstpointer  data)
{
  static const char * const ada_before[] = { "Python Moscow", NULL };
  static const char * const ada_after[] = { "Python Moscow", "Women in Tech, Moscow", NULL };
  static const char * const bob_after[] = { "Python Moscow", "Rust Berlin", NULL };
  static const char * const none[] = { NULL };
  g_autofree char *csv = membership_csv (f);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GuildImportReader) reader = NULL;
  g_autoptr(GuildImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch = 0;

  add_fewer_members (f->store);
  stream = g_memory_input_stream_new_from_data (csv, strlen (csv), NULL);
  reader = guild_import_reader_new_for_stream (stream, "contacts.csv", strlen (csv),
                                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  guild_import_reader_set_piece_size (reader, 16, 1);
  g_assert_true (guild_store_import_stream (f->store, reader, TRUE, &summary, &batch, NULL,
                                            &error));
  g_assert_no_error (error);
  /* Ada and Bob are updated; so is Rust Berlin, written in Bob's chunk and
   * named by no later one, and the communities the database had count as
   * unchanged in each chunk that names them. */
  g_assert_cmpuint (summary->updated, >=, 2);
  assert_members (f->store, "Ada Lovelace", ada_after);
  assert_members (f->store, "Bob Brown", bob_after);

  g_assert_true (guild_store_import_undo (f->store, batch, NULL, &error));
  g_assert_no_error (error);
  assert_members (f->store, "Ada Lovelace", ada_before);
  assert_members (f->store, "Bob Brown", none);
}

/* A person on several rows of one file (one row per community, as a list
 * kept by hand often has it) joins every community of every row: a stored
 * contact the rows match, and a new one the rows make. */
static void
test_csv_memberships_of_repeated_rows (Fixture       *f,
                                       gconstpointer  data)
{
  static const char csv[] =
    "Name,E-mails,Communities\r\n"
    "Ada Lovelace,ada@example.org,Python Moscow\r\n"
    "Grace Hopper,grace@example.org,Python Moscow\r\n"
    "Ada Lovelace,ada@example.org,Rust Berlin\r\n"
    "Grace Hopper,grace@example.org,\"Women in Tech, Moscow\"\r\n";
  static const char * const ada_after[] = { "Python Moscow", "Rust Berlin", NULL };
  static const char * const grace_after[] = { "Python Moscow", "Women in Tech, Moscow", NULL };
  static const char * const none[] = { NULL };
  g_autoptr(GuildContact) ada = guild_contact_new ("Ada Lovelace");
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  const char *emails[] = { "ada@example.org", NULL };
  gint64 batch;

  guild_record_set_strv (GUILD_RECORD (ada), "emails", emails);
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (ada), &error));
  g_assert_no_error (error);

  /* New: Grace and three communities; updated: Ada, who joins two. */
  batch = import_sync (f->store, csv, "people.csv", 4, 1);
  assert_members (f->store, "Ada Lovelace", ada_after);
  assert_members (f->store, "Grace Hopper", grace_after);

  /* Again: nothing to add. */
  result = parse (csv, "people.csv");
  preview = preview_text (f->store, result);
  g_assert_cmpuint (preview->added, ==, 0);
  g_assert_cmpuint (preview->updated, ==, 0);

  g_assert_true (guild_store_import_undo (f->store, batch, NULL, &error));
  g_assert_no_error (error);
  assert_members (f->store, "Ada Lovelace", none);
  g_assert_null (find_contact (f->store, "Grace Hopper"));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_COMMUNITY), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guild/import/undo/updates", Fixture, NULL,
              fixture_set_up, test_undo_sync, fixture_tear_down);
  g_test_add ("/guild/import/undo/updates-async", Fixture, NULL,
              fixture_set_up, test_undo_async, fixture_tear_down);
  g_test_add ("/guild/import/undo/updates-stream", Fixture, NULL,
              fixture_set_up, test_undo_stream, fixture_tear_down);
  g_test_add ("/guild/import/undo/stream-repeat", Fixture, NULL,
              fixture_set_up, test_undo_stream_repeat, fixture_tear_down);
  g_test_add ("/guild/import/undo/older-batch", Fixture, NULL,
              fixture_set_up, test_undo_older, fixture_tear_down);
  g_test_add ("/guild/import/undo/added-only", Fixture, NULL,
              fixture_set_up, test_undo_added_only, fixture_tear_down);
  g_test_add ("/guild/import/csv/communities-same-db", Fixture, NULL,
              fixture_set_up, test_csv_communities_same, fixture_tear_down);
  g_test_add ("/guild/import/csv/communities-empty-db", Fixture, NULL,
              fixture_set_up, test_csv_communities_empty, fixture_tear_down);
  g_test_add ("/guild/import/csv/communities-stream", Fixture, NULL,
              fixture_set_up, test_csv_communities_stream, fixture_tear_down);
  g_test_add ("/guild/import/csv/memberships-of-repeated-rows", Fixture, NULL,
              fixture_set_up, test_csv_memberships_of_repeated_rows, fixture_tear_down);
  g_test_add ("/guild/import/csv/memberships-of-matched", Fixture, NULL,
              fixture_set_up, test_csv_memberships_of_matched, fixture_tear_down);
  g_test_add ("/guild/import/csv/memberships-of-matched-stream", Fixture, NULL,
              fixture_set_up, test_csv_memberships_of_matched_stream, fixture_tear_down);

  return g_test_run ();
}
