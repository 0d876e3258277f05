/* test-contact-index.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "guild-contact-slots.h"
#include "guild-contact-table.h"
#include "guild-records.h"
#include "guild-store.h"
#include "guild-store-contact-index.h"
#include "guild-store-contacts.h"

typedef struct
{
  char       *dir;
  GuildStore *store;
  gint64      community_a;
  gint64      community_b;
  gint64      olga;
  gint64      jose;
  gint64      boris;
} Fixture;

static gint64
add_community (GuildStore *store,
               const char *name)
{
  g_autoptr(GuildCommunity) c = guild_community_new (name);
  g_autoptr(GError) error = NULL;

  guild_store_add (store, GUILD_RECORD (c), &error);
  g_assert_no_error (error);
  return guild_record_get_id (GUILD_RECORD (c));
}

static gint64
add_contact (GuildStore         *store,
             const char         *name,
             const char         *company,
             const char         *position,
             const char         *relationship,
             const char * const *emails,
             const char * const *tags,
             const gint64       *communities,
             guint               n_communities,
             const char         *connected_on,
             int                 cadence,
             int                 quality)
{
  g_autoptr(GuildContact) c = guild_contact_new (name);
  g_autoptr(GError) error = NULL;
  GuildRecord *r = GUILD_RECORD (c);

  guild_record_set_text (r, "company", company);
  guild_record_set_text (r, "position", position);
  guild_record_set_text (r, "relationship", relationship);
  guild_record_set_strv (r, "emails", emails);
  guild_record_set_strv (r, "tags", tags);
  guild_record_set_ids (r, "communities", communities, n_communities);
  guild_record_set_text (r, "connected-on", connected_on);
  guild_record_set_int (r, "cadence-days", cadence);
  guild_record_set_int (r, "connection-quality", quality);
  guild_store_add (store, r, &error);
  g_assert_no_error (error);
  return guild_record_get_id (r);
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char * const olga_emails[] = { "olga@example.ru", NULL };
  const char * const olga_tags[] = { "Python", "ментор", NULL };
  const char * const jose_tags[] = { "design", NULL };
  gint64 both[2];

  f->dir = g_dir_make_tmp ("guild-index-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  f->community_a = add_community (f->store, "Яндекс Open Source");
  f->community_b = add_community (f->store, "Berlin Python");
  both[0] = f->community_b;
  both[1] = f->community_a;

  f->olga = add_contact (f->store, "Ольга Иванова", "Тинькофф", "Аналитик", "mentor",
                         olga_emails, olga_tags, both, 2, "2025-01-10", 30, 4);
  f->jose = add_contact (f->store, "José Álvarez", "Acme", "Designer", "peer",
                         NULL, jose_tags, &f->community_b, 1, "", 0, 2);
  f->boris = add_contact (f->store, "Boris Becker", "", "Zookeeper", "recruiter",
                          NULL, NULL, NULL, 0, "2025-06-01", 7, 0);
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

static guint32
julian (int y, int m, int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

static void
add_message (GuildStore *store,
             gint64      contact,
             gint64      at)
{
  g_autoptr(GuildActivity) a = guild_activity_new ("message", at);
  g_autoptr(GError) error = NULL;

  guild_record_set_ids (GUILD_RECORD (a), "contacts", &contact, 1);
  guild_store_add (store, GUILD_RECORD (a), &error);
  g_assert_no_error (error);
}

static void
test_index_load (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GuildContactIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *communities = NULL;
  GuildContactEntry *olga;
  GuildContactEntry *jose;
  GuildContactEntry *boris;
  /* 2025-03-01 12:00 UTC */
  gint64 at = 1740830400;

  add_message (f->store, f->olga, at - 86400 * 10);
  add_message (f->store, f->olga, at);

  index = guild_store_load_contact_index (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (guild_contact_index_get_size (index), ==, 3);

  olga = guild_contact_index_lookup (index, f->olga);
  jose = guild_contact_index_lookup (index, f->jose);
  boris = guild_contact_index_lookup (index, f->boris);
  g_assert_nonnull (olga);
  g_assert_nonnull (jose);
  g_assert_nonnull (boris);

  /* The folded search text has the name, company, position, e-mail and tags. */
  g_assert_nonnull (strstr (olga->search, "ольга иванова"));
  g_assert_nonnull (strstr (olga->search, "тинькофф"));
  g_assert_nonnull (strstr (olga->search, "olga@example.ru"));
  g_assert_nonnull (strstr (olga->search, "python"));
  g_assert_nonnull (strstr (jose->search, "jose alvarez"));

  /* Communities in the contact's order, by name. */
  communities = guild_contact_index_dup_communities_text (index, olga);
  g_assert_cmpstr (communities, ==, "Berlin Python, Яндекс Open Source");
  g_assert_cmpuint (olga->n_communities, ==, 2);

  /* Last interaction and the next follow-up from it (30 days later). */
  g_assert_cmpint (olga->last_interaction, ==, at);
  g_assert_cmpuint (olga->follow_up, ==, julian (2025, 3, 31));
  g_assert_true (guild_contact_entry_is_due (olga, julian (2025, 3, 31)));
  g_assert_false (guild_contact_entry_is_due (olga, julian (2025, 3, 30)));
  /* Without interactions: from the day met. */
  g_assert_cmpint (boris->last_interaction, ==, 0);
  g_assert_cmpuint (boris->follow_up, ==, julian (2025, 6, 8));
  /* Without a cadence: never due. */
  g_assert_cmpuint (jose->follow_up, ==, 0);
  g_assert_false (guild_contact_entry_is_due (jose, julian (2030, 1, 1)));

  g_assert_cmpstr (olga->relationship, ==, "mentor");
  g_assert_cmpuint (olga->quality, ==, 4);
  g_assert_cmpuint (boris->company_rank, ==, 0);
  g_assert_cmpuint (olga->company_rank, >, 0);

  tags = guild_contact_index_dup_tags (index);
  g_assert_cmpuint (tags->len, ==, 3);

  /* A new interaction moves the follow-up. */
  guild_contact_index_set_last_interaction (index, f->olga, at + 86400);
  g_assert_cmpuint (olga->follow_up, ==, julian (2025, 4, 1));
}

#define SIGN(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)

static void
test_index_update_matches_load (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GuildContactIndex) loaded = NULL;
  g_autoptr(GuildContactIndex) updated = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;

  loaded = guild_store_load_contact_index (f->store, NULL, &error);
  g_assert_no_error (error);
  contacts = guild_store_list (f->store, GUILD_RECORD_CONTACT, NULL, &error);
  g_assert_no_error (error);

  /* An entry computed from a record is the same as one read by the worker,
   * and ranked in the same order. */
  updated = guild_contact_index_new ();
  guild_contact_index_set_community_name (updated, f->community_a, "Яндекс Open Source");
  guild_contact_index_set_community_name (updated, f->community_b, "Berlin Python");
  for (guint i = 0; i < contacts->len; i++)
    guild_contact_index_update (updated, g_ptr_array_index (contacts, i));
  for (guint i = 0; i < contacts->len; i++)
    {
      GuildRecord *r = g_ptr_array_index (contacts, i);
      GuildContactEntry *a = guild_contact_index_lookup (loaded, guild_record_get_id (r));
      GuildContactEntry *b = guild_contact_index_lookup (updated, guild_record_get_id (r));

      g_assert_cmpstr (a->display, ==, b->display);
      g_assert_cmpstr (guild_contact_entry_get_company (a), ==,
                       guild_contact_entry_get_company (b));
      g_assert_cmpstr (a->search, ==, b->search);
      for (guint j = 0; j < contacts->len; j++)
        {
          GuildRecord *o = g_ptr_array_index (contacts, j);
          GuildContactEntry *ao = guild_contact_index_lookup (loaded, guild_record_get_id (o));
          GuildContactEntry *bo = guild_contact_index_lookup (updated, guild_record_get_id (o));

          g_assert_cmpint (SIGN (a->name_rank, ao->name_rank), ==,
                           SIGN (b->name_rank, bo->name_rank));
          g_assert_cmpint (SIGN (a->position_rank, ao->position_rank), ==,
                           SIGN (b->position_rank, bo->position_rank));
          g_assert_cmpint (SIGN (a->company_rank, ao->company_rank), ==,
                           SIGN (b->company_rank, bo->company_rank));
          g_assert_cmpint (SIGN (a->communities_rank, ao->communities_rank), ==,
                           SIGN (b->communities_rank, bo->communities_rank));
        }
      g_assert_cmpuint (a->name_rank == 0, ==, b->name_rank == 0);
      g_assert_cmpuint (a->company_rank == 0, ==, b->company_rank == 0);
      g_assert_cmpstr (a->tags, ==, b->tags);
      g_assert_cmpuint (a->follow_up, ==, b->follow_up);
      g_assert_cmpuint (a->quality, ==, b->quality);
      g_assert_true (a->relationship == b->relationship);
    }
}

static GuildContactTable *
make_table (Fixture *f)
{
  g_autoptr(GuildContactIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  GuildContactTable *table;

  table = guild_contact_table_new (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), ==, 0);

  index = guild_store_load_contact_index (f->store, NULL, &error);
  g_assert_no_error (error);
  guild_contact_table_set_index (table, index);

  return table;
}

static gint64
id_at (GuildContactTable *table,
       guint              position)
{
  gint64 id = guild_contact_table_get_id (table, position);

  g_assert_cmpint (id, >, 0);
  return id;
}

/* Ranks placed one at a time, each before all the others: the gaps run
 * out and the column is numbered again, in order. */
static void
test_index_renumber (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GuildContactIndex) index = guild_contact_index_new ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  for (int i = 99; i >= 0; i--)
    {
      g_autofree char *name = g_strdup_printf ("Name %02d", i);
      GuildContact *c = guild_contact_new (name);

      _guild_record_set_id (GUILD_RECORD (c), 1000 + i);
      guild_record_set_text (GUILD_RECORD (c), "company", i % 3 == 0 ? "Same" : NULL);
      g_ptr_array_add (records, c);
      guild_contact_index_update (index, GUILD_RECORD (c));
    }

  for (int i = 0; i < 99; i++)
    {
      GuildContactEntry *a = guild_contact_index_lookup (index, 1000 + i);
      GuildContactEntry *b = guild_contact_index_lookup (index, 1000 + i + 1);

      g_assert_cmpuint (a->name_rank, >, 0);
      g_assert_cmpuint (a->name_rank, <, b->name_rank);
      if (i % 3 == 0)
        g_assert_cmpuint (a->company_rank, ==, guild_contact_index_lookup (index, 1000)->company_rank);
      else
        g_assert_cmpuint (a->company_rank, ==, 0);
    }

  /* Removed and renamed: the others keep their order. */
  guild_contact_index_remove (index, 1050);
  guild_record_set_text (g_ptr_array_index (records, 99 - 10), "full-name", "Name 50b");
  guild_contact_index_update (index, g_ptr_array_index (records, 99 - 10));
  g_assert_cmpuint (guild_contact_index_lookup (index, 1049)->name_rank, <,
                    guild_contact_index_lookup (index, 1010)->name_rank);
  g_assert_cmpuint (guild_contact_index_lookup (index, 1010)->name_rank, <,
                    guild_contact_index_lookup (index, 1051)->name_rank);
  g_assert_null (guild_contact_index_lookup (index, 1050));
}

static void
test_table_search (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GuildContactTable) table = make_table (f);
  GListModel *model = G_LIST_MODEL (table);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_false (guild_contact_table_get_filtered (table));

  /* Russian case folding, in both directions. */
  guild_contact_table_set_search (table, "ольга");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpint (id_at (table, 0), ==, f->olga);
  guild_contact_table_set_search (table, "ОЛЬГА");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (guild_contact_table_get_filtered (table));

  /* Diacritics ignored, and narrowing keystroke by keystroke. */
  guild_contact_table_set_search (table, "J");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  guild_contact_table_set_search (table, "Jose");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpint (id_at (table, 0), ==, f->jose);
  guild_contact_table_set_search (table, "Josef");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  /* Widening again looks at every row. */
  guild_contact_table_set_search (table, "e");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* E-mails, tags, company and position are searched too. */
  guild_contact_table_set_search (table, "example.ru");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  guild_contact_table_set_search (table, "zookeeper");
  g_assert_cmpint (id_at (table, 0), ==, f->boris);
  guild_contact_table_set_search (table, "МЕНТОР");
  g_assert_cmpint (id_at (table, 0), ==, f->olga);

  guild_contact_table_set_search (table, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_false (guild_contact_table_get_filtered (table));
}

static void
test_table_filters (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GuildContactTable) table = make_table (f);
  GListModel *model = G_LIST_MODEL (table);

  guild_contact_table_set_community (table, f->community_b);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  guild_contact_table_set_community (table, f->community_a);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  guild_contact_table_set_community (table, 0);

  guild_contact_table_set_relationship (table, "recruiter");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpint (id_at (table, 0), ==, f->boris);
  guild_contact_table_set_relationship (table, NULL);

  /* Tags: whole tags only, ignoring case. */
  guild_contact_table_set_tag (table, "python");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  guild_contact_table_set_tag (table, "pyth");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  guild_contact_table_set_tag (table, "Ментор");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  guild_contact_table_set_tag (table, NULL);

  /* Due: Olga from 2025-02-09 (met + 30), Boris from 2025-06-08. */
  guild_contact_table_set_today (table, julian (2025, 3, 1));
  guild_contact_table_set_due_only (table, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpint (id_at (table, 0), ==, f->olga);
  guild_contact_table_set_today (table, julian (2025, 6, 8));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  guild_contact_table_set_due_only (table, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
}

static void
test_table_sort (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GuildContactTable) table = make_table (f);
  GListModel *model = G_LIST_MODEL (table);

  /* By name (C.UTF-8: code point order puts Latin before Cyrillic). */
  g_assert_cmpint (id_at (table, 0), ==, f->boris);
  g_assert_cmpint (id_at (table, 1), ==, f->jose);
  g_assert_cmpint (id_at (table, 2), ==, f->olga);
  guild_contact_table_set_sort (table, GUILD_CONTACT_SORT_NAME, TRUE);
  g_assert_cmpint (id_at (table, 0), ==, f->olga);
  g_assert_cmpint (id_at (table, 2), ==, f->boris);

  /* Empty values last whichever the direction. */
  guild_contact_table_set_sort (table, GUILD_CONTACT_SORT_COMPANY, FALSE);
  g_assert_cmpint (id_at (table, 0), ==, f->jose);
  g_assert_cmpint (id_at (table, 2), ==, f->boris);
  guild_contact_table_set_sort (table, GUILD_CONTACT_SORT_COMPANY, TRUE);
  g_assert_cmpint (id_at (table, 0), ==, f->olga);
  g_assert_cmpint (id_at (table, 2), ==, f->boris);

  guild_contact_table_set_sort (table, GUILD_CONTACT_SORT_QUALITY, TRUE);
  g_assert_cmpint (id_at (table, 0), ==, f->olga);
  g_assert_cmpint (id_at (table, 1), ==, f->jose);
  g_assert_cmpint (id_at (table, 2), ==, f->boris);

  guild_contact_table_set_sort (table, GUILD_CONTACT_SORT_NEXT_FOLLOW_UP, FALSE);
  g_assert_cmpint (id_at (table, 0), ==, f->olga);
  g_assert_cmpint (id_at (table, 1), ==, f->boris);
  g_assert_cmpint (id_at (table, 2), ==, f->jose);

  guild_contact_table_set_sort (table, GUILD_CONTACT_SORT_COMMUNITIES, FALSE);
  g_assert_cmpint (id_at (table, 0), ==, f->jose);   /* "Berlin Python" */
  g_assert_cmpint (id_at (table, 1), ==, f->olga);   /* "Berlin Python, Яндекс…" */
  g_assert_cmpint (id_at (table, 2), ==, f->boris);  /* none */

  for (guint s = 0; s < GUILD_CONTACT_N_SORTS; s++)
    {
      GuildContactSort parsed;

      g_assert_true (guild_contact_sort_from_name (guild_contact_sort_get_name (s), &parsed));
      g_assert_cmpint (parsed, ==, s);
      guild_contact_table_set_sort (table, s, s % 2);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
    }
}

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     ItemsChanged *ic)
{
  ic->calls++;
  ic->position = position;
  ic->removed = removed;
  ic->added = added;
}

/* The table follows the store by itself (no list of records): a contact
 * added, edited or removed changes its one row; the rows show the entry's
 * texts, and the contact's record is read only when asked for. */
static void
test_table_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GuildContactTable) table = make_table (f);
  g_autoptr(GuildContact) anna = guild_contact_new ("Anna Schmidt");
  g_autoptr(GuildRecord) jose = NULL;
  g_autoptr(GuildRecord) item = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model = G_LIST_MODEL (table);
  ItemsChanged ic = { 0 };
  GuildContactEntry *entry;
  guint position;

  g_signal_connect (table, "items-changed", G_CALLBACK (on_items_changed_cb), &ic);

  /* What the cells show comes with the entry. */
  g_assert_true (guild_contact_table_find (table, f->olga, &position));
  entry = guild_contact_table_get_entry (table, position);
  g_assert_cmpstr (guild_contact_entry_get_name (entry), ==, "Ольга Иванова");
  g_assert_cmpstr (guild_contact_entry_get_position (entry), ==, "Аналитик");
  g_assert_cmpstr (guild_contact_entry_get_company (entry), ==, "Тинькофф");
  g_assert_true (guild_contact_table_find (table, f->boris, &position));
  entry = guild_contact_table_get_entry (table, position);
  g_assert_cmpstr (guild_contact_entry_get_company (entry), ==, "");
  g_assert_cmpstr (guild_contact_entry_get_position (entry), ==, "Zookeeper");

  /* The item is the contact's full record, read when asked for. */
  item = g_list_model_get_item (model, position);
  g_assert_true (GUILD_IS_CONTACT (item));
  g_assert_cmpint (guild_record_get_id (item), ==, f->boris);
  g_assert_cmpstr (guild_record_get_text (item, "full-name"), ==, "Boris Becker");

  /* A new contact is inserted where it belongs, as one row. */
  guild_store_add (f->store, GUILD_RECORD (anna), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ic.calls, ==, 1);
  g_assert_cmpuint (ic.position, ==, 0);
  g_assert_cmpuint (ic.removed, ==, 0);
  g_assert_cmpuint (ic.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpuint (guild_contact_table_get_n_total (table), ==, 4);
  g_assert_cmpint (id_at (table, 0), ==, guild_record_get_id (GUILD_RECORD (anna)));
  g_assert_cmpstr (guild_contact_entry_get_name (guild_contact_table_get_entry (table, 0)), ==,
                   "Anna Schmidt");

  /* An edited contact moves, and is searched and shown by its new text. */
  jose = guild_store_load (f->store, GUILD_RECORD_CONTACT, f->jose, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id_at (table, 2), ==, f->jose);  /* Anna, Boris, José, Ольга */
  guild_record_set_text (jose, "full-name", "Zé Álvarez");
  guild_record_set_text (jose, "company", "Globex");
  guild_store_update (f->store, jose, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id_at (table, 2), ==, f->jose);  /* Anna, Boris, Zé, Ольга */
  g_assert_cmpstr (guild_contact_entry_get_name (guild_contact_table_get_entry (table, 2)), ==,
                   "Zé Álvarez");
  g_assert_cmpstr (guild_contact_entry_get_company (guild_contact_table_get_entry (table, 2)), ==,
                   "Globex");
  guild_record_set_text (jose, "full-name", "Aaron Zé");
  guild_store_update (f->store, jose, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id_at (table, 0), ==, f->jose);  /* Aaron, Anna, Boris, Ольга */
  guild_contact_table_set_search (table, "globex");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  guild_contact_table_set_search (table, "ze alv");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  guild_contact_table_set_search (table, NULL);

  /* A filtered-out contact that is removed changes nothing shown. */
  guild_contact_table_set_relationship (table, "peer");
  ic.calls = 0;
  guild_store_remove (f->store, GUILD_RECORD_CONTACT, f->olga, &error);  /* a mentor */
  g_assert_no_error (error);
  g_assert_cmpuint (ic.calls, ==, 0);
  g_assert_cmpuint (guild_contact_table_get_n_total (table), ==, 3);
  guild_contact_table_set_relationship (table, NULL);
  g_assert_false (guild_contact_table_find (table, f->olga, NULL));
  g_assert_null (guild_contact_table_lookup (table, f->olga));
  g_assert_true (guild_contact_table_find (table, f->boris, NULL));

  /* A shown one goes as one row. */
  ic.calls = 0;
  g_assert_true (guild_contact_table_find (table, f->boris, &position));
  guild_store_remove (f->store, GUILD_RECORD_CONTACT, f->boris, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ic.calls, ==, 1);
  g_assert_cmpuint (ic.position, ==, position);
  g_assert_cmpuint (ic.removed, ==, 1);
  g_assert_cmpuint (ic.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
wait_loaded (GuildContactTable *table)
{
  while (guild_contact_table_get_loading (table))
    g_main_context_iteration (NULL, TRUE);
}

/* guild_contact_table_load() reads and sorts the index on a worker, in the
 * table's order; a reset of the contacts (many written at once) reads it
 * again; a change while it is read is not lost. */
static void
test_table_load_and_reset (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GuildContactTable) table = guild_contact_table_new (f->store);
  g_autoptr(GuildContactTable) reference = NULL;
  g_autoptr(GuildContact) late = guild_contact_new ("Zara Late");
  g_autoptr(GError) error = NULL;
  guint index_notes = 0;
  guint n;

  g_signal_connect (table, "notify::index", G_CALLBACK (on_notify_cb), &index_notes);

  /* Before a load the table shows nothing and ignores the store, a reset
   * too (nothing is read for a view not shown yet). */
  add_contact (f->store, "Early Bird", "", "", "peer", NULL, NULL, NULL, 0, "", 0, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), ==, 0);
  g_assert_null (guild_contact_table_get_index (table));
  g_signal_emit_by_name (f->store, "changed", (guint) GUILD_RECORD_CONTACT, (gint64) 0,
                         (guint) GUILD_CHANGE_RESET);
  g_assert_false (guild_contact_table_get_loading (table));

  guild_contact_table_set_sort (table, GUILD_CONTACT_SORT_QUALITY, TRUE);
  guild_contact_table_load (table);
  g_assert_true (guild_contact_table_get_loading (table));
  /* Added while the worker reads: read once more afterwards. */
  guild_store_add (f->store, GUILD_RECORD (late), &error);
  g_assert_no_error (error);
  wait_loaded (table);
  g_assert_null (guild_contact_table_get_error (table));
  g_assert_cmpuint (index_notes, >=, 1);
  g_assert_cmpuint (guild_contact_table_get_n_total (table), ==, 5);
  g_assert_true (guild_contact_table_find (table, guild_record_get_id (GUILD_RECORD (late)),
                                           NULL));

  /* The worker's order is the one a sort here makes. */
  reference = make_table (f);
  guild_contact_table_set_sort (reference, GUILD_CONTACT_SORT_QUALITY, TRUE);
  n = g_list_model_get_n_items (G_LIST_MODEL (table));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reference)), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (id_at (table, i), ==, id_at (reference, i));
  g_assert_cmpint (id_at (table, 0), ==, f->olga);  /* quality 4 */

  /* Many contacts written at once come as a reset: read again. */
  index_notes = 0;
  g_assert_true (guild_store_begin (f->store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Bulk %03u", i);

      add_contact (f->store, name, "", "", "peer", NULL, NULL, NULL, 0, "", 0, 0);
    }
  g_assert_true (guild_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (guild_contact_table_get_loading (table));
  wait_loaded (table);
  g_assert_cmpuint (index_notes, ==, 1);
  g_assert_cmpuint (guild_contact_table_get_n_total (table), ==, 305);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), ==, 305);
  /* Still by quality, descending; the unrated last, by name. */
  g_assert_cmpint (id_at (table, 0), ==, f->olga);
  g_assert_cmpstr (guild_contact_entry_get_name (guild_contact_table_get_entry (table, 304)), ==,
                   "Zara Late");
}

static void
test_forget_with_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GuildContactMergeUndo) undo = NULL;
  g_autoptr(GuildRecord) back = NULL;
  g_autoptr(GuildRecord) gone = NULL;
  g_autoptr(GError) error = NULL;
  GArray *communities;

  add_message (f->store, f->olga, 1740830400);

  g_assert_true (guild_store_forget_contact_with_undo (f->store, f->olga, &undo, &error));
  g_assert_no_error (error);
  gone = guild_store_load (f->store, GUILD_RECORD_CONTACT, f->olga, &error);
  g_assert_null (gone);
  g_clear_error (&error);

  g_assert_true (guild_store_merge_undo (f->store, undo, &error));
  g_assert_no_error (error);
  back = guild_store_load (f->store, GUILD_RECORD_CONTACT, f->olga, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (guild_record_get_text (back, "full-name"), ==, "Ольга Иванова");
  g_assert_cmpstr (guild_record_get_strv (back, "emails")[0], ==, "olga@example.ru");
  communities = guild_record_get_ids (back, "communities");
  g_assert_cmpuint (communities->len, ==, 2);

  /* The interaction came back with them. */
  {
    g_autoptr(GuildContactIndex) index = guild_store_load_contact_index (f->store, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (guild_contact_index_lookup (index, f->olga)->last_interaction,
                     ==, 1740830400);
  }
}

static void
test_forget_undo_after_reuse (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GuildContactMergeUndo) undo = NULL;
  g_autoptr(GuildContact) newcomer = guild_contact_new ("Newcomer");
  g_autoptr(GuildRecord) still = NULL;
  g_autoptr(GError) error = NULL;

  /* Boris has the highest id: SQLite gives it to the next contact. */
  g_assert_true (guild_store_forget_contact_with_undo (f->store, f->boris, &undo, &error));
  g_assert_no_error (error);
  guild_store_add (f->store, GUILD_RECORD (newcomer), &error);
  g_assert_no_error (error);
  g_assert_cmpint (guild_record_get_id (GUILD_RECORD (newcomer)), ==, f->boris);

  /* Undoing now must not replace the newcomer. */
  g_assert_false (guild_store_merge_undo (f->store, undo, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
  still = guild_store_load (f->store, GUILD_RECORD_CONTACT, f->boris, NULL);
  g_assert_cmpstr (guild_record_get_text (still, "full-name"), ==, "Newcomer");
}

/* Ranks are kept in order as entries change: a table whose entries were
 * changed (ranked one by one, with renumbering) sorts as one freshly read,
 * which the insertion of a changed row relies on. */
static void
test_table_ranked_sort (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const names[] = { "Анна", "anna", "Борис", "Zoe", "Émile", "Анна", NULL };
  static const char * const companies[] = { "Acme", "", "Яндекс", "acme", "Tinkoff", NULL };
  static const char * const relationships[] = { "mentor", "peer", "recruiter", NULL };
  g_autoptr(GuildContactTable) a = NULL;
  g_autoptr(GuildContactTable) b = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GuildRecord) first = NULL;

  for (guint i = 0; i < 80; i++)
    {
      gint64 community = g_rand_boolean (rand) ? f->community_a : f->community_b;
      gint64 c = add_contact (f->store, names[g_rand_int_range (rand, 0, 6)],
                              companies[g_rand_int_range (rand, 0, 5)],
                              companies[g_rand_int_range (rand, 0, 5)],
                              relationships[g_rand_int_range (rand, 0, 3)], NULL, NULL,
                              &community, g_rand_int_range (rand, 0, 2), "2025-03-01",
                              g_rand_int_range (rand, 0, 3) * 7, g_rand_int_range (rand, 0, 6));

      if (g_rand_boolean (rand))
        add_message (f->store, c, 1735689600 + g_rand_int_range (rand, 0, 5) * 86400);
    }

  a = make_table (f);
  b = make_table (f);
  /* Every entry of b changed away and back: ranked again one at a time. */
  {
    g_autoptr(GPtrArray) contacts = guild_store_list (f->store, GUILD_RECORD_CONTACT, NULL, NULL);
    GuildContactIndex *index = guild_contact_table_get_index (b);

    for (guint i = 0; i < contacts->len; i++)
      {
        GuildRecord *r = g_ptr_array_index (contacts, i);
        g_autofree char *name = g_strdup (guild_record_get_text (r, "full-name"));
        g_autofree char *company = g_strdup (guild_record_get_text (r, "company"));

        guild_record_set_text (r, "full-name", "Æ temporary");
        guild_record_set_text (r, "company", NULL);
        guild_contact_index_update (index, r);
      }
    for (guint i = 0; i < contacts->len; i++)
      {
        GuildRecord *r = g_ptr_array_index (contacts, contacts->len - 1 - i);
        g_autoptr(GuildRecord) back = guild_store_load (f->store, GUILD_RECORD_CONTACT,
                                                        guild_record_get_id (r), NULL);

        guild_contact_index_update (index, back);
      }
  }
  first = guild_store_load (f->store, GUILD_RECORD_CONTACT, f->olga, NULL);
  guild_contact_index_update (guild_contact_table_get_index (b), first);

  for (guint s = 0; s < GUILD_CONTACT_N_SORTS; s++)
    for (int d = 0; d < 2; d++)
      {
        guint n = g_list_model_get_n_items (G_LIST_MODEL (a));

        guild_contact_table_set_sort (a, s, d);
        guild_contact_table_set_sort (b, s, d);
        if (s == GUILD_CONTACT_SORT_NAME && d == 0)
          {
            /* Sorted already: sort both again from another column. */
            guild_contact_table_set_sort (a, GUILD_CONTACT_SORT_QUALITY, FALSE);
            guild_contact_table_set_sort (b, GUILD_CONTACT_SORT_QUALITY, FALSE);
            guild_contact_table_set_sort (a, s, d);
            guild_contact_table_set_sort (b, s, d);
          }
        g_assert_cmpuint (n, ==, 83);
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b)), ==, n);
        for (guint i = 0; i < n; i++)
          g_assert_cmpint (id_at (a, i), ==, id_at (b, i));
      }
}

static void
on_slot_changed_cb (GuildContactSlot *slot,
                    guint            *count)
{
  (*count)++;
}

/* The slots keep their objects across a change of the whole table: only the
 * difference in length is an items-changed, the slots held hear "changed";
 * a single row's change moves them with their rows. */
static void
test_slots (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GuildContactTable) table = make_table (f);
  g_autoptr(GuildContactSlots) slots = guild_contact_slots_new (table);
  g_autoptr(GuildContactSlot) s0 = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_autoptr(GuildContactSlot) s2 = g_list_model_get_item (G_LIST_MODEL (slots), 2);
  g_autoptr(GuildContactSlot) again = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_autoptr(GError) error = NULL;
  ItemsChanged ic = { 0, };
  guint changed0 = 0;
  guint changed2 = 0;

  g_assert_true (s0 == again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (slots), 3));
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed_cb), &ic);
  g_signal_connect (s0, "changed", G_CALLBACK (on_slot_changed_cb), &changed0);
  g_signal_connect (s2, "changed", G_CALLBACK (on_slot_changed_cb), &changed2);

  /* By quality, descending: Olga (4), José (2), Boris (none). A whole-list
   * change of the same length: no items-changed, every held slot told. */
  guild_contact_table_set_sort (table, GUILD_CONTACT_SORT_QUALITY, TRUE);
  g_assert_cmpuint (ic.calls, ==, 0);
  g_assert_cmpuint (changed0, ==, 1);
  g_assert_cmpuint (changed2, ==, 1);
  g_assert_cmpint (guild_contact_table_get_id (table, guild_contact_slot_get_position (s0)),
                   ==, f->olga);

  /* A search that leaves one row: the two last rows go, slot 2 with them. */
  guild_contact_table_set_search (table, "ольга");
  g_assert_cmpuint (ic.calls, ==, 1);
  g_assert_cmpuint (ic.position, ==, 1);
  g_assert_cmpuint (ic.removed, ==, 2);
  g_assert_cmpuint (ic.added, ==, 0);
  g_assert_cmpuint (changed0, ==, 1 + 1);
  g_assert_cmpuint (changed2, ==, 1);
  g_assert_cmpuint (guild_contact_slot_get_position (s2), ==, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 1);

  /* Back to everyone: two rows come at the end. */
  guild_contact_table_set_search (table, NULL);
  g_assert_cmpuint (ic.calls, ==, 2);
  g_assert_cmpuint (ic.position, ==, 1);
  g_assert_cmpuint (ic.removed, ==, 0);
  g_assert_cmpuint (ic.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 3);

  /* José leaves the list: a single row's change, as it is; Olga's slot stays
   * on her. */
  g_assert_cmpint (guild_contact_table_get_id (table, 1), ==, f->jose);
  guild_store_remove (f->store, GUILD_RECORD_CONTACT, f->jose, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ic.calls, ==, 3);
  g_assert_cmpuint (ic.position, ==, 1);
  g_assert_cmpuint (ic.removed, ==, 1);
  g_assert_cmpuint (ic.added, ==, 0);
  g_assert_cmpuint (guild_contact_slot_get_position (s0), ==, 0);
  g_assert_cmpint (guild_contact_table_get_id (table, 0), ==, f->olga);
}

/* A list that fills from empty shows the hot range's rows first, and the
 * rest when asked (after the frame that painted those); a change meanwhile
 * leaves the list whole and right. */
static void
test_slots_fill (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GuildContactTable) table = guild_contact_table_new (f->store);
  g_autoptr(GuildContactSlots) slots = guild_contact_slots_new (table);
  g_autoptr(GuildContactIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged ic = { 0, };

  index = guild_store_load_contact_index (f->store, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed_cb), &ic);

  guild_contact_slots_set_hot_range (slots, 0, 2);
  guild_contact_table_set_index (table, index);
  g_assert_cmpuint (ic.calls, ==, 1);
  g_assert_cmpuint (ic.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 2);
  g_assert_cmpuint (guild_contact_slots_get_pending (slots), ==, 1);

  guild_contact_slots_complete (slots);
  g_assert_cmpuint (ic.calls, ==, 2);
  g_assert_cmpuint (ic.position, ==, 2);
  g_assert_cmpuint (ic.removed, ==, 0);
  g_assert_cmpuint (ic.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 3);
  g_assert_cmpuint (guild_contact_slots_get_pending (slots), ==, 0);
  guild_contact_slots_complete (slots);
  g_assert_cmpuint (ic.calls, ==, 2);

  /* Filled again from empty, then changed before it was completed. */
  guild_contact_table_set_search (table, "zzz");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
  guild_contact_table_set_search (table, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 2);
  guild_contact_table_set_sort (table, GUILD_CONTACT_SORT_QUALITY, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 3);
  g_assert_cmpuint (guild_contact_slots_get_pending (slots), ==, 0);

  /* Without a hot range, everything at once. */
  guild_contact_slots_set_hot_range (slots, 0, G_MAXUINT);
  guild_contact_table_set_search (table, "zzz");
  guild_contact_table_set_search (table, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guild/contact-index/load", Fixture, NULL, set_up, test_index_load, tear_down);
  g_test_add ("/guild/contact-index/update-matches-load", Fixture, NULL, set_up,
              test_index_update_matches_load, tear_down);
  g_test_add ("/guild/contact-index/renumber", Fixture, NULL, set_up, test_index_renumber,
              tear_down);
  g_test_add ("/guild/contact-table/search", Fixture, NULL, set_up, test_table_search,
              tear_down);
  g_test_add ("/guild/contact-table/filters", Fixture, NULL, set_up, test_table_filters,
              tear_down);
  g_test_add ("/guild/contact-table/sort", Fixture, NULL, set_up, test_table_sort, tear_down);
  g_test_add ("/guild/contact-table/ranked-sort", Fixture, NULL, set_up, test_table_ranked_sort,
              tear_down);
  g_test_add ("/guild/contact-table/slots", Fixture, NULL, set_up, test_slots, tear_down);
  g_test_add ("/guild/contact-table/slots-fill", Fixture, NULL, set_up, test_slots_fill,
              tear_down);
  g_test_add ("/guild/contact-table/changes", Fixture, NULL, set_up, test_table_changes,
              tear_down);
  g_test_add ("/guild/contact-table/load-and-reset", Fixture, NULL, set_up,
              test_table_load_and_reset, tear_down);
  g_test_add ("/guild/contacts/forget-with-undo", Fixture, NULL, set_up, test_forget_with_undo,
              tear_down);
  g_test_add ("/guild/contacts/forget-undo-after-reuse", Fixture, NULL, set_up,
              test_forget_undo_after_reuse, tear_down);

  return g_test_run ();
}
