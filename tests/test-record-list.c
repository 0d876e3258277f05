/* test-record-list.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "guild-record-list.h"

typedef struct
{
  char       *dir;
  GuildStore *store;
  guint       changes;
  guint       last_position;
  guint       last_removed;
  guint       last_added;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("guild-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->changes++;
  f->last_position = position;
  f->last_removed = removed;
  f->last_added = added;
}

static gboolean
on_timeout (gpointer data)
{
  g_error ("Timed out waiting for the list to load");
  return G_SOURCE_REMOVE;
}

static void
wait_loaded (GuildRecordList *list)
{
  guint timeout = g_timeout_add_seconds (20, on_timeout, NULL);

  while (guild_record_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);
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

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GuildRecordList) list = NULL;
  g_autoptr(GuildRecord) first = NULL;

  add_community (f, "Python Moscow");
  add_community (f, "Women in Product");

  list = guild_record_list_new (f->store, GUILD_RECORD_COMMUNITY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == GUILD_TYPE_COMMUNITY);

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), f);
  guild_record_list_load (list);
  g_assert_true (guild_record_list_get_loading (list));
  wait_loaded (list);

  g_assert_true (guild_record_list_get_loaded (list));
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpuint (f->last_added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (guild_record_get_text (first, "name"), ==, "Python Moscow");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2));
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GuildRecordList) list = guild_record_list_new (f->store, GUILD_RECORD_COMMUNITY);
  g_autoptr(GuildRecord) edited = NULL;
  g_autoptr(GError) error = NULL;
  GuildRecord *shown;
  gint64 a, b;
  guint position = 0, notified = 0;

  a = add_community (f, "Alpha");
  guild_record_list_load (list);
  wait_loaded (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), f);

  /* An addition appends one row. */
  b = add_community (f, "Beta");
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 1);
  g_assert_cmpuint (f->last_removed, ==, 0);
  g_assert_cmpuint (f->last_added, ==, 1);
  g_assert_nonnull (guild_record_list_find (list, b, &position));
  g_assert_cmpuint (position, ==, 1);

  /* An edit updates the listed object in place. */
  shown = guild_record_list_find (list, a, NULL);
  g_signal_connect (shown, "notify::name", G_CALLBACK (on_notify), &notified);
  edited = guild_store_load (f->store, GUILD_RECORD_COMMUNITY, a, &error);
  g_assert_no_error (error);
  guild_record_set_text (edited, "name", "Alpha Renamed");
  guild_store_update (f->store, edited, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (guild_record_get_text (shown, "name"), ==, "Alpha Renamed");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (f->changes, ==, 2);
  g_assert_cmpuint (f->last_position, ==, 0);
  g_assert_cmpuint (f->last_removed, ==, 1);
  g_assert_cmpuint (f->last_added, ==, 1);

  /* A removal drops exactly that row. */
  guild_store_remove (f->store, GUILD_RECORD_COMMUNITY, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes, ==, 3);
  g_assert_cmpuint (f->last_position, ==, 0);
  g_assert_cmpuint (f->last_removed, ==, 1);
  g_assert_cmpuint (f->last_added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_null (guild_record_list_find (list, a, NULL));

  /* Other kinds are not its business. */
  {
    g_autoptr(GuildContact) contact = guild_contact_new ("Anna");

    guild_store_add (f->store, GUILD_RECORD (contact), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (f->changes, ==, 3);
  }
}

static void
test_bulk_reset (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GuildRecordList) list = guild_record_list_new (f->store, GUILD_RECORD_CONTACT);
  g_autoptr(GError) error = NULL;

  guild_record_list_load (list);
  wait_loaded (list);

  /* A bulk write announces a reset, and the list reloads once. */
  guild_store_begin (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Contact %u", i);
      g_autoptr(GuildContact) contact = guild_contact_new (name);

      guild_store_add (f->store, GUILD_RECORD (contact), &error);
      g_assert_no_error (error);
    }
  guild_store_commit (f->store, &error);
  g_assert_no_error (error);

  g_assert_true (guild_record_list_get_loading (list));
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guild/record-list/load", Fixture, NULL,
              fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/guild/record-list/follows-store", Fixture, NULL,
              fixture_set_up, test_follows_store, fixture_tear_down);
  g_test_add ("/guild/record-list/bulk-reset", Fixture, NULL,
              fixture_set_up, test_bulk_reset, fixture_tear_down);

  return g_test_run ();
}
