/* test-activities.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "guild-activity-list.h"
#include "guild-records.h"
#include "guild-store.h"
#include "guild-store-activities.h"
#include "guild-store-contacts.h"

typedef struct
{
  char       *dir;
  GuildStore *store;
  gint64      books;      /* community "Книжный клуб" */
  gint64      rust;       /* community "Rust Meetup" */
  gint64      anna;       /* contact "Анна Смирнова" */
  gint64      bob;        /* contact "Bob Stone" */
  gint64      skill;
  gint64      event;
} Fixture;

/* 2026-11-02 (Monday) 10:00 UTC, and days after it. */
#define T0 G_GINT64_CONSTANT (1793613600)
#define DAY (24 * 60 * 60)

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
add_contact (GuildStore *store,
             const char *name)
{
  g_autoptr(GuildContact) c = guild_contact_new (name);
  g_autoptr(GError) error = NULL;

  guild_store_add (store, GUILD_RECORD (c), &error);
  g_assert_no_error (error);
  return guild_record_get_id (GUILD_RECORD (c));
}

static gint64
add_activity (GuildStore *store,
              const char *kind,
              gint64      at,
              gint64      community,
              gint64      contact,
              const char *note)
{
  g_autoptr(GuildActivity) a = guild_activity_new (kind, at);
  g_autoptr(GError) error = NULL;

  guild_record_set_int (GUILD_RECORD (a), "community-id", community);
  if (contact != 0)
    guild_record_set_ids (GUILD_RECORD (a), "contacts", &contact, 1);
  guild_record_set_text (GUILD_RECORD (a), "note", note);
  guild_store_add (store, GUILD_RECORD (a), &error);
  g_assert_no_error (error);
  return guild_record_get_id (GUILD_RECORD (a));
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GuildSkill) skill = guild_skill_new ("SQL");
  g_autoptr(GuildEvent) event = NULL;

  f->dir = g_dir_make_tmp ("guild-activities-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  f->books = add_community (f->store, "Книжный клуб");
  f->rust = add_community (f->store, "Rust Meetup");
  f->anna = add_contact (f->store, "Анна Смирнова");
  f->bob = add_contact (f->store, "Bob Stone");
  guild_store_add (f->store, GUILD_RECORD (skill), &error);
  g_assert_no_error (error);
  f->skill = guild_record_get_id (GUILD_RECORD (skill));
  event = guild_event_new ("Rust night", T0 + 2 * DAY, T0 + 2 * DAY + 3600);
  guild_store_add (f->store, GUILD_RECORD (event), &error);
  g_assert_no_error (error);
  f->event = guild_record_get_id (GUILD_RECORD (event));
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

static GArray *
query (Fixture             *f,
       GuildActivityFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = guild_store_query_activities (f->store, filter, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

#define ID(ids, i) g_array_index ((ids), gint64, (i))

static void
test_query_filters (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GuildActivityFilter) filter = guild_activity_filter_new ();
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 a1, a2, a3, a4;

  a1 = add_activity (f->store, "read", T0, f->books, 0, "Прочитал ГЛАВУ о базах данных");
  a2 = add_activity (f->store, "message", T0 + DAY, f->rust, f->anna, "Asked about the job");
  a3 = add_activity (f->store, "publish", T0 + 3 * DAY, f->rust, f->bob, "");
  a4 = add_activity (f->store, "message", T0 + 10 * DAY, 0, f->anna, "Follow-up");

  /* Everything, newest first. */
  all = query (f, filter);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpint (ID (all, 0), ==, a4);
  g_assert_cmpint (ID (all, 1), ==, a3);
  g_assert_cmpint (ID (all, 2), ==, a2);
  g_assert_cmpint (ID (all, 3), ==, a1);

  /* By community. */
  filter->community_id = f->rust;
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (ID (ids, 0), ==, a3);
  g_clear_pointer (&ids, g_array_unref);

  /* By contact, with a strategy and a kind on top. */
  filter->community_id = 0;
  filter->contact_id = f->anna;
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (ID (ids, 0), ==, a4);
  g_assert_cmpint (ID (ids, 1), ==, a2);
  g_clear_pointer (&ids, g_array_unref);
  filter->contact_id = 0;
  filter->strategy = g_strdup ("connecting");
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);
  g_clear_pointer (&filter->strategy, g_free);
  filter->kind = g_strdup ("publish");
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (ID (ids, 0), ==, a3);
  g_clear_pointer (&ids, g_array_unref);
  g_clear_pointer (&filter->kind, g_free);

  /* A period: [from, to). */
  filter->from = T0 + DAY;
  filter->to = T0 + 10 * DAY;
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (ID (ids, 0), ==, a3);
  g_assert_cmpint (ID (ids, 1), ==, a2);
  g_clear_pointer (&ids, g_array_unref);
  filter->from = filter->to = 0;

  /* Search folds case, in Russian too, over the note, the community's
   * name and the contacts' names. */
  filter->search = g_strdup ("глава");
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  g_free (filter->search);
  filter->search = g_strdup ("ГЛАВУ");
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (ID (ids, 0), ==, a1);
  g_clear_pointer (&ids, g_array_unref);
  g_free (filter->search);
  filter->search = g_strdup ("книжный");
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (ID (ids, 0), ==, a1);
  g_clear_pointer (&ids, g_array_unref);
  g_free (filter->search);
  filter->search = g_strdup ("анна");
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  /* A limit takes the newest. */
  g_clear_pointer (&filter->search, g_free);
  filter->limit = 1;
  ids = query (f, filter);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (ID (ids, 0), ==, a4);
}

static void
test_filter_copy (void)
{
  g_autoptr(GuildActivityFilter) a = guild_activity_filter_new ();
  g_autoptr(GuildActivityFilter) b = NULL;

  a->kind = g_strdup ("read");
  a->community_id = 3;
  b = guild_activity_filter_copy (a);
  g_assert_true (guild_activity_filter_equal (a, b));
  g_free (b->kind);
  b->kind = g_strdup ("");
  g_assert_false (guild_activity_filter_equal (a, b));
  g_clear_pointer (&a->kind, g_free);
  g_assert_true (guild_activity_filter_equal (a, b));
}

static void
test_last_interaction (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GuildContact) anna = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  GDate next;

  anna = (GuildContact *) guild_store_load (f->store, GUILD_RECORD_CONTACT, f->anna, &error);
  g_assert_no_error (error);
  guild_record_set_text (GUILD_RECORD (anna), "connected-on", "2026-10-01");
  guild_record_set_int (GUILD_RECORD (anna), "cadence-days", 14);
  guild_store_update (f->store, GUILD_RECORD (anna), &error);
  g_assert_no_error (error);

  /* Without activities, the follow-up counts from the day they met. */
  g_assert_cmpint (guild_store_last_interaction (f->store, f->anna, &error), ==, 0);
  g_assert_true (guild_contact_next_follow_up ("2026-10-01", 0, 14, utc, &next));
  g_assert_cmpint (g_date_get_day (&next), ==, 15);

  /* An activity with her moves it: 2026-11-03 + 14 days. */
  add_activity (f->store, "message", T0 + DAY, 0, f->anna, "");
  add_activity (f->store, "read", T0 + 5 * DAY, 0, f->bob, "");
  g_assert_cmpint (guild_store_last_interaction (f->store, f->anna, &error), ==, T0 + DAY);
  g_assert_true (guild_contact_next_follow_up ("2026-10-01",
                                               guild_store_last_interaction (f->store, f->anna,
                                                                             NULL),
                                               14, utc, &next));
  g_assert_cmpint (g_date_get_month (&next), ==, 11);
  g_assert_cmpint (g_date_get_day (&next), ==, 17);

  /* A later one moves it again; the bulk reader agrees. */
  add_activity (f->store, "connect", T0 + 8 * DAY, f->rust, f->anna, "");
  {
    g_autoptr(GHashTable) by_contact = NULL;
    gint64 *at;

    g_assert_true (guild_store_contacts_last_interaction (f->store, &by_contact, &error));
    at = g_hash_table_lookup (by_contact, &f->anna);
    g_assert_nonnull (at);
    g_assert_cmpint (*at, ==, T0 + 8 * DAY);
    g_assert_true (guild_contact_next_follow_up ("2026-10-01", *at, 14, utc, &next));
    g_assert_cmpint (g_date_get_day (&next), ==, 24);
  }
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GuildActivity) a = guild_activity_new ("collaborate", T0);
  g_autoptr(GuildRecord) removed = NULL;
  g_autoptr(GuildRecord) back = NULL;
  GArray *contacts;
  GArray *skills;
  g_autoptr(GError) error = NULL;
  gint64 ids[] = { f->bob, f->anna };
  gint64 created;

  guild_record_set_ids (GUILD_RECORD (a), "contacts", ids, 2);
  guild_record_set_ids (GUILD_RECORD (a), "skills", &f->skill, 1);
  guild_record_set_int (GUILD_RECORD (a), "event-id", f->event);
  guild_record_set_int (GUILD_RECORD (a), "likes", 7);
  guild_record_set_text (GUILD_RECORD (a), "url", "https://example.org/post");
  guild_store_add (f->store, GUILD_RECORD (a), &error);
  g_assert_no_error (error);
  created = guild_record_get_created_at (GUILD_RECORD (a));

  removed = guild_store_remove_for_undo (f->store, GUILD_RECORD_ACTIVITY,
                                         guild_record_get_id (GUILD_RECORD (a)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_ACTIVITY), ==, 0);
  g_assert_cmpint (guild_store_last_interaction (f->store, f->anna, NULL), ==, 0);

  guild_store_restore (f->store, removed, &error);
  g_assert_no_error (error);
  back = guild_store_load (f->store, GUILD_RECORD_ACTIVITY, guild_record_get_id (removed),
                           &error);
  g_assert_no_error (error);
  contacts = guild_record_get_ids (back, "contacts");
  skills = guild_record_get_ids (back, "skills");
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpint (g_array_index (contacts, gint64, 0), ==, f->bob);
  g_assert_cmpint (g_array_index (contacts, gint64, 1), ==, f->anna);
  g_assert_cmpuint (skills->len, ==, 1);
  g_assert_cmpint (g_array_index (skills, gint64, 0), ==, f->skill);
  g_assert_cmpint (guild_record_get_int (back, "event-id"), ==, f->event);
  g_assert_cmpint (guild_record_get_int (back, "likes"), ==, 7);
  g_assert_cmpint (guild_record_get_int (back, "at"), ==, T0);
  g_assert_cmpint (guild_record_get_created_at (back), ==, created);
  g_assert_cmpstr (guild_record_get_text (back, "kind"), ==, "collaborate");
  g_assert_cmpint (guild_store_last_interaction (f->store, f->anna, NULL), ==, T0);
}

static void
test_pickers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;

  found = guild_store_search_contacts (f->store, "СМИР", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (guild_record_get_id (g_ptr_array_index (found, 0)), ==, f->anna);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = guild_store_search_contacts (f->store, "", 10, NULL, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (guild_record_get_text (g_ptr_array_index (found, 0), "full-name"), ==,
                   "Bob Stone");

  /* The folded index answers the same, and goes stale when a contact changes. */
  guild_store_prepare_contact_search (f->store);
  {
    GuildContactNameIndex *index;
    g_autoptr(GPtrArray) from_index = NULL;
    g_autoptr(GuildContact) carl = guild_contact_new ("Carl Смирнов");

    while ((index = g_object_get_data (G_OBJECT (f->store), "guild-contact-index")) == NULL)
      g_main_context_iteration (NULL, TRUE);
    from_index = guild_contact_name_index_search (index, "СМИР", 10);
    g_assert_cmpuint (from_index->len, ==, 1);
    g_assert_cmpint (guild_record_get_id (g_ptr_array_index (from_index, 0)), ==, f->anna);
    guild_store_add (f->store, GUILD_RECORD (carl), &error);
    g_assert_no_error (error);
    g_assert_null (g_object_get_data (G_OBJECT (f->store), "guild-contact-index"));
  }

  events = guild_store_events_near (f->store, T0, 3 * DAY, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = guild_store_events_near (f->store, T0 - 30 * DAY, 3 * DAY, 5, &error);
  g_assert_cmpuint (events->len, ==, 0);

  g_assert_null (guild_store_dup_last_activity_kind (f->store));
  add_activity (f->store, "support", T0 + DAY, 0, 0, "");
  add_activity (f->store, "comment", T0, 0, 0, "");
  /* The one logged last, not the one dated last. */
  kind = guild_store_dup_last_activity_kind (f->store);
  g_assert_cmpstr (kind, ==, "comment");
}

static GDate *
day (int y, int m, int d)
{
  return g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static void
test_weeks (void)
{
  g_autoptr(GDate) wed = day (2026, 11, 25);
  g_autoptr(GDate) jan1 = day (2027, 1, 1);
  g_autoptr(GDate) dec29 = day (2025, 12, 29);
  g_autofree char *w1 = guild_week_id (wed);
  g_autofree char *w2 = guild_week_id (jan1);
  g_autofree char *w3 = guild_week_id (dec29);
  GDate monday, sunday;

  guild_week_bounds (wed, &monday, &sunday);
  g_assert_cmpint (g_date_get_day (&monday), ==, 23);
  g_assert_cmpint (g_date_get_day (&sunday), ==, 29);
  g_assert_cmpstr (w1, ==, "2026-W48");
  g_assert_cmpstr (w2, ==, "2026-W53");
  g_assert_cmpstr (w3, ==, "2026-W01");
  g_assert_cmpint (guild_weekday_from_name ("monday"), ==, G_DATE_MONDAY);
  g_assert_cmpint (guild_weekday_from_name ("friday"), ==, G_DATE_FRIDAY);
  g_assert_cmpint (guild_weekday_from_name ("nonsense"), ==, G_DATE_SUNDAY);
}

static void
test_should_offer (void)
{
  g_autoptr(GDate) wed = day (2026, 11, 25);
  g_autoptr(GDate) sun = day (2026, 11, 29);
  g_autoptr(GDate) next_mon = day (2026, 11, 30);

  /* Before the check-in day: not yet. On and after it: yes. */
  g_assert_false (guild_checkin_should_offer (wed, G_DATE_FRIDAY, FALSE, NULL));
  g_assert_true (guild_checkin_should_offer (wed, G_DATE_WEDNESDAY, FALSE, NULL));
  g_assert_true (guild_checkin_should_offer (sun, G_DATE_FRIDAY, FALSE, NULL));
  g_assert_true (guild_checkin_should_offer (wed, G_DATE_MONDAY, FALSE, ""));
  /* Done this week, or dismissed this week: not again. */
  g_assert_false (guild_checkin_should_offer (sun, G_DATE_FRIDAY, TRUE, NULL));
  g_assert_false (guild_checkin_should_offer (sun, G_DATE_FRIDAY, FALSE, "2026-W48"));
  /* A dismissal last week does not silence this one. */
  g_assert_true (guild_checkin_should_offer (sun, G_DATE_FRIDAY, FALSE, "2026-W47"));
  /* A new week starts over: Monday is before a Friday check-in day. */
  g_assert_false (guild_checkin_should_offer (next_mon, G_DATE_FRIDAY, FALSE, NULL));
  g_assert_true (guild_checkin_should_offer (next_mon, G_DATE_MONDAY, FALSE, "2026-W48"));
}

static void
test_checkin_for_week (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GuildCheckin) old = guild_checkin_new ("2026-11-22");
  g_autoptr(GuildCheckin) mon = guild_checkin_new ("2026-11-23");
  g_autoptr(GuildCheckin) got = NULL;
  g_autoptr(GDate) wed = day (2026, 11, 25);
  g_autoptr(GDate) next = day (2026, 12, 2);
  g_autoptr(GError) error = NULL;

  g_assert_null (guild_store_dup_checkin_for_week (f->store, wed, &error));
  g_assert_no_error (error);

  guild_store_add (f->store, GUILD_RECORD (old), &error);
  g_assert_no_error (error);
  /* Sunday the 22nd belongs to the week before. */
  g_assert_null (guild_store_dup_checkin_for_week (f->store, wed, &error));

  guild_record_set_int (GUILD_RECORD (mon), "satisfaction", 4);
  guild_store_add (f->store, GUILD_RECORD (mon), &error);
  g_assert_no_error (error);
  got = guild_store_dup_checkin_for_week (f->store, wed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (got), "day"), ==, "2026-11-23");
  g_assert_cmpint (guild_record_get_int (GUILD_RECORD (got), "satisfaction"), ==, 4);
  g_assert_null (guild_store_dup_checkin_for_week (f->store, next, &error));
}

/* The list model: loads asynchronously, follows additions and removals with
 * small splices. */
typedef struct
{
  guint position, removed, added;
  guint calls;
} Splice;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Splice     *s)
{
  s->position = position;
  s->removed = removed;
  s->added = added;
  s->calls++;
}

static void
wait_loaded (GuildActivityList *list)
{
  gint64 deadline;

  /* Let a queued reload start first. */
  while (g_main_context_iteration (NULL, FALSE));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((guild_activity_list_get_loading (list) || !guild_activity_list_get_complete (list)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (guild_activity_list_get_loading (list));
}

static void
test_list_model (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GuildActivityList) list = guild_activity_list_new (f->store);
  g_autoptr(GuildActivityFilter) filter = guild_activity_filter_new ();
  g_autoptr(GuildRecord) removed = NULL;
  g_autoptr(GuildActivity) item = NULL;
  g_autoptr(GError) error = NULL;
  Splice s = { 0 };
  gint64 newest;

  for (int i = 0; i < 250; i++)
    add_activity (f->store, i % 2 ? "read" : "message", T0 + i * 60, f->rust, 0, "");

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &s);
  filter->community_id = f->rust;
  guild_activity_list_set_filter (list, filter);
  g_assert_true (guild_activity_list_get_loading (list));
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  g_assert_true (guild_activity_list_get_complete (list));

  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (guild_record_get_int (GUILD_RECORD (item), "at"), ==, T0 + 249 * 60);
  g_assert_cmpstr (guild_activity_list_community_name (list, f->rust), ==, "Rust Meetup");

  /* A new activity of the community: one row inserted on top. */
  s.calls = 0;
  newest = add_activity (f->store, "publish", T0 + DAY, f->rust, 0, "");
  wait_loaded (list);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 251);
  g_assert_cmpint (guild_activity_list_get_id (list, 0), ==, newest);
  g_assert_cmpuint (s.position, ==, 0);
  g_assert_cmpuint (s.removed, ==, 0);
  g_assert_cmpuint (s.added, ==, 1);

  /* Another community's: nothing changes. */
  s.calls = 0;
  add_activity (f->store, "publish", T0 + DAY, f->books, 0, "");
  wait_loaded (list);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (s.calls, ==, 0);

  /* Removed: one row out. */
  removed = guild_store_remove_for_undo (f->store, GUILD_RECORD_ACTIVITY, newest, &error);
  g_assert_no_error (error);
  wait_loaded (list);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  g_assert_cmpuint (s.position, ==, 0);
  g_assert_cmpuint (s.removed, ==, 1);
  g_assert_cmpuint (s.added, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guild/activities/filter-copy", test_filter_copy);
  g_test_add ("/guild/activities/query-filters", Fixture, NULL, set_up, test_query_filters,
              tear_down);
  g_test_add ("/guild/activities/last-interaction", Fixture, NULL, set_up,
              test_last_interaction, tear_down);
  g_test_add ("/guild/activities/undo", Fixture, NULL, set_up, test_undo, tear_down);
  g_test_add ("/guild/activities/pickers", Fixture, NULL, set_up, test_pickers, tear_down);
  g_test_add_func ("/guild/checkins/weeks", test_weeks);
  g_test_add_func ("/guild/checkins/should-offer", test_should_offer);
  g_test_add ("/guild/checkins/for-week", Fixture, NULL, set_up, test_checkin_for_week,
              tear_down);
  g_test_add ("/guild/activities/list-model", Fixture, NULL, set_up, test_list_model,
              tear_down);

  return g_test_run ();
}
