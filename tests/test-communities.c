/* test-communities.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "guild-records.h"
#include "guild-store.h"
#include "guild-store-communities.h"

typedef struct
{
  char       *dir;
  GuildStore *store;
  guint       n_changes;
} Fixture;

static void
on_store_changed_cb (GuildStore *store,
                     guint       kind,
                     gint64      id,
                     guint       change,
                     Fixture    *f)
{
  f->n_changes++;
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("guild-communities-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed_cb), f);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_strdup (guild_store_get_path (f->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
add_community (Fixture    *f,
               const char *name)
{
  g_autoptr(GuildCommunity) community = guild_community_new (name);
  g_autoptr(GError) error = NULL;

  guild_store_add (f->store, GUILD_RECORD (community), &error);
  g_assert_no_error (error);

  return guild_record_get_id (GUILD_RECORD (community));
}

static gint64
add_contact (Fixture    *f,
             const char *name,
             const char *position)
{
  g_autoptr(GuildContact) contact = guild_contact_new (name);
  g_autoptr(GError) error = NULL;

  guild_record_set_text (GUILD_RECORD (contact), "position", position);
  guild_store_add (f->store, GUILD_RECORD (contact), &error);
  g_assert_no_error (error);

  return guild_record_get_id (GUILD_RECORD (contact));
}

static gint64
add_activity (Fixture *f,
              gint64   community_id,
              gint64   at)
{
  g_autoptr(GuildActivity) activity = guild_activity_new ("comment", at);
  g_autoptr(GError) error = NULL;

  guild_record_set_int (GUILD_RECORD (activity), "community-id", community_id);
  guild_store_add (f->store, GUILD_RECORD (activity), &error);
  g_assert_no_error (error);

  return guild_record_get_id (GUILD_RECORD (activity));
}

static void
add_member (Fixture *f,
            gint64   community_id,
            gint64   contact_id)
{
  g_autoptr(GError) error = NULL;

  guild_store_community_add_member (f->store, community_id, contact_id, &error);
  g_assert_no_error (error);
}

static void
on_summaries_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GHashTable **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = guild_store_community_summaries_finish (GUILD_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_summaries (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GHashTable) sync = NULL;
  g_autoptr(GHashTable) async = NULL;
  g_autoptr(GError) error = NULL;
  GuildCommunitySummary one;
  const GuildCommunitySummary *s;
  gint64 a = add_community (f, "Rust Moscow");
  gint64 b = add_community (f, "Empty");
  gint64 c1 = add_contact (f, "Ольга", "Engineer");
  gint64 c2 = add_contact (f, "José", "");
  gint64 c3 = add_contact (f, "Nobody", "");

  add_member (f, a, c1);
  add_member (f, a, c2);
  add_member (f, a, c2); /* again: nothing changes */
  add_member (f, b, c3);
  guild_store_community_remove_member (f->store, b, c3, &error);
  g_assert_no_error (error);
  add_activity (f, a, 1000);
  add_activity (f, a, 5000);
  add_activity (f, a, 3000);
  add_activity (f, 0, 9000); /* in no community */

  sync = guild_store_community_summaries (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (sync), ==, 2);
  s = g_hash_table_lookup (sync, &a);
  g_assert_nonnull (s);
  g_assert_cmpuint (s->members, ==, 2);
  g_assert_cmpint (s->last_activity, ==, 5000);
  s = g_hash_table_lookup (sync, &b);
  g_assert_nonnull (s);
  g_assert_cmpuint (s->members, ==, 0);
  g_assert_cmpint (s->last_activity, ==, 0);

  guild_store_community_summaries_async (f->store, NULL, on_summaries_cb, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_hash_table_size (async), ==, 2);
  s = g_hash_table_lookup (async, &a);
  g_assert_cmpuint (s->members, ==, 2);
  g_assert_cmpint (s->last_activity, ==, 5000);

  g_assert_true (guild_store_community_summary (f->store, a, &one, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (one.members, ==, 2);
  g_assert_cmpint (one.last_activity, ==, 5000);
  g_assert_false (guild_store_community_summary (f->store, 4242, &one, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND);
}

static void
test_members (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildRecord) loaded = NULL;
  GArray *ids;
  gint64 a = add_community (f, "A");
  gint64 b = add_community (f, "B");
  gint64 zed = add_contact (f, "zed", "Designer");
  gint64 anna = add_contact (f, "Anna", "Engineer");
  guint before;

  add_member (f, b, zed);
  before = f->n_changes;
  add_member (f, a, zed);
  add_member (f, a, anna);
  /* Each new membership tells the contact list its contact changed. */
  g_assert_cmpuint (f->n_changes, ==, before + 2);

  members = guild_store_community_members (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpstr (((GuildCommunityMember *) members->pdata[0])->full_name, ==, "Anna");
  g_assert_cmpstr (((GuildCommunityMember *) members->pdata[0])->position, ==, "Engineer");
  g_assert_cmpstr (((GuildCommunityMember *) members->pdata[1])->full_name, ==, "zed");

  /* The new community comes last in the contact's own list. */
  loaded = guild_store_load (f->store, GUILD_RECORD_CONTACT, zed, &error);
  g_assert_no_error (error);
  ids = guild_record_get_ids (loaded, "communities");
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, b);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, a);

  before = f->n_changes;
  guild_store_community_remove_member (f->store, a, zed, &error);
  g_assert_no_error (error);
  guild_store_community_remove_member (f->store, a, zed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changes, ==, before + 1);
  g_clear_pointer (&members, g_ptr_array_unref);
  members = guild_store_community_members (f->store, a, &error);
  g_assert_cmpuint (members->len, ==, 1);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GuildCommunityUndo) undo = NULL;
  g_autoptr(GuildRecord) restored = NULL;
  g_autoptr(GuildRecord) event = NULL;
  g_autoptr(GuildRecord) activity = NULL;
  g_autoptr(GuildRecord) contact = NULL;
  g_autoptr(GuildCommunity) community = guild_community_new ("Women in Tech");
  g_autoptr(GuildEvent) meetup = guild_event_new ("Meetup", 100000, 0);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GHashTable) summaries = NULL;
  g_autoptr(GError) error = NULL;
  const char *audience[] = { "women in tech", "young professionals", NULL };
  const GuildCommunitySummary *s;
  gint64 id, new_id, c1, c2, act;
  GArray *ids;

  guild_record_set_text (GUILD_RECORD (community), "url", "https://example.org/wit");
  guild_record_set_text (GUILD_RECORD (community), "platform", "slack");
  guild_record_set_text (GUILD_RECORD (community), "joined-on", "2025-02-28");
  guild_record_set_text (GUILD_RECORD (community), "notes", "Friendly");
  guild_record_set_strv (GUILD_RECORD (community), "audience", audience);
  guild_store_add (f->store, GUILD_RECORD (community), &error);
  g_assert_no_error (error);
  id = guild_record_get_id (GUILD_RECORD (community));

  c1 = add_contact (f, "Ann", "");
  c2 = add_contact (f, "Bob", "");
  add_member (f, id, c1);
  add_member (f, id, c2);
  act = add_activity (f, id, 7000);
  guild_record_set_int (GUILD_RECORD (meetup), "community-id", id);
  guild_store_add (f->store, GUILD_RECORD (meetup), &error);
  g_assert_no_error (error);
  contact = guild_store_load (f->store, GUILD_RECORD_CONTACT, c2, &error);
  guild_record_set_int (contact, "met-at-community", id);
  guild_store_update (f->store, contact, &error);
  g_assert_no_error (error);
  g_clear_object (&contact);

  g_assert_true (guild_store_delete_community (f->store, id, &undo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_COMMUNITY), ==, 0);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 2);
  activity = guild_store_load (f->store, GUILD_RECORD_ACTIVITY, act, &error);
  g_assert_cmpint (guild_record_get_int (activity, "community-id"), ==, 0);
  g_clear_object (&activity);

  /* Deleting what is not there fails cleanly. */
  g_assert_false (guild_store_delete_community (f->store, id, NULL, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  new_id = guild_store_undo_delete_community (f->store, undo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_id, >, 0);

  restored = guild_store_load (f->store, GUILD_RECORD_COMMUNITY, new_id, &error);
  g_assert_no_error (error);
  g_assert_true (guild_record_fields_equal (restored, GUILD_RECORD (community)));
  g_assert_cmpint (guild_record_get_created_at (restored), ==,
                   guild_record_get_created_at (GUILD_RECORD (community)));

  members = guild_store_community_members (f->store, new_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);

  summaries = guild_store_community_summaries (f->store, NULL, &error);
  s = g_hash_table_lookup (summaries, &new_id);
  g_assert_cmpuint (s->members, ==, 2);
  g_assert_cmpint (s->last_activity, ==, 7000);

  event = guild_store_load (f->store, GUILD_RECORD_EVENT,
                            guild_record_get_id (GUILD_RECORD (meetup)), &error);
  g_assert_cmpint (guild_record_get_int (event, "community-id"), ==, new_id);
  contact = guild_store_load (f->store, GUILD_RECORD_CONTACT, c2, &error);
  g_assert_cmpint (guild_record_get_int (contact, "met-at-community"), ==, new_id);
  ids = guild_record_get_ids (contact, "communities");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, new_id);
}

/* A member deleted while the toast was up is not resurrected. */
static void
test_undo_after_contact_deleted (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GuildCommunityUndo) undo = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_community (f, "C");
  gint64 c1 = add_contact (f, "Ann", "");
  gint64 c2 = add_contact (f, "Bob", "");
  gint64 new_id;

  add_member (f, id, c1);
  add_member (f, id, c2);
  g_assert_true (guild_store_delete_community (f->store, id, &undo, &error));
  g_assert_true (guild_store_remove (f->store, GUILD_RECORD_CONTACT, c1, &error));
  g_assert_no_error (error);

  new_id = guild_store_undo_delete_community (f->store, undo, &error);
  g_assert_no_error (error);
  members = guild_store_community_members (f->store, new_id, &error);
  g_assert_cmpuint (members->len, ==, 1);
  g_assert_cmpint (((GuildCommunityMember *) members->pdata[0])->contact_id, ==, c2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guild/communities/summaries", Fixture, NULL, set_up, test_summaries, tear_down);
  g_test_add ("/guild/communities/members", Fixture, NULL, set_up, test_members, tear_down);
  g_test_add ("/guild/communities/delete-undo", Fixture, NULL, set_up, test_delete_undo,
              tear_down);
  g_test_add ("/guild/communities/undo-after-contact-deleted", Fixture, NULL, set_up,
              test_undo_after_contact_deleted, tear_down);

  return g_test_run ();
}
