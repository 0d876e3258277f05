/* test-store-events.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "guild-recurrence.h"
#include "guild-records.h"
#include "guild-store-events.h"
#include "guild-store.h"

typedef struct
{
  char       *dir;
  GuildStore *store;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("guild-events-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
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
at (const char *text)
{
  gint64 instant = 0;

  g_assert_true (guild_instant_parse (text, &instant));
  return instant;
}

static gint64
add_event (Fixture    *f,
           const char *title,
           const char *start,
           const char *end,
           gboolean    all_day,
           const char *tzid,
           const char *rrule)
{
  g_autoptr(GuildEvent) event = guild_event_new (title, at (start), end ? at (end) : 0);
  g_autoptr(GError) error = NULL;

  guild_record_set_int (GUILD_RECORD (event), "all-day", all_day);
  guild_record_set_text (GUILD_RECORD (event), "tzid", tzid ? tzid : "");
  guild_record_set_text (GUILD_RECORD (event), "rrule", rrule ? rrule : "");
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (event), &error));
  g_assert_no_error (error);
  return guild_record_get_id (GUILD_RECORD (event));
}

static guint
count_for (GPtrArray *occurrences,
           gint64     event_id)
{
  guint n = 0;

  for (guint i = 0; i < occurrences->len; i++)
    n += ((GuildOccurrence *) g_ptr_array_index (occurrences, i))->event_id == event_id;
  return n;
}

static void
on_async_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = guild_store_list_occurrences_finish (GUILD_STORE (object), result, &error);
  g_assert_no_error (error);
}

/* A Monday-first grid for November 2026: 26 October to 6 December. */
#define GRID_START "2026-10-26T00:00:00Z"
#define GRID_END "2026-12-07T00:00:00Z"

static void
test_range (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildRecord) weekly = NULL;
  const char *exdates[] = { "2026-11-12T18:00:00Z", NULL };
  gint64 single, series, monthly, all_day, later, over;

  single = add_event (f, "Single", "2026-11-05T18:00:00Z", "2026-11-05T20:00:00Z", FALSE, NULL, NULL);
  /* Thursdays 19:00 in Berlin: 18:00 UTC after the clocks went back. */
  series = add_event (f, "Weekly", "2026-10-15T17:00:00Z", "2026-10-15T19:00:00Z", FALSE,
                      "Europe/Berlin", "FREQ=WEEKLY;COUNT=10");
  weekly = guild_store_load (f->store, GUILD_RECORD_EVENT, series, &error);
  guild_record_set_strv (weekly, "exdates", exdates);
  g_assert_true (guild_store_update (f->store, weekly, &error));
  monthly = add_event (f, "On the 31st", "2026-08-31T10:00:00Z", "2026-08-31T11:00:00Z", FALSE,
                       NULL, "FREQ=MONTHLY");
  all_day = add_event (f, "All day", "2026-11-10", "2026-11-11", TRUE, NULL, NULL);
  later = add_event (f, "Next year", "2027-01-10T10:00:00Z", NULL, FALSE, NULL, NULL);
  over = add_event (f, "Over", "2025-01-01T08:00:00Z", "2025-01-01T09:00:00Z", FALSE, NULL,
                    "FREQ=DAILY;COUNT=5");

  occurrences = guild_store_list_occurrences (f->store, at (GRID_START), at (GRID_END), NULL,
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_for (occurrences, single), ==, 1);
  /* 29 Oct, 5, 19 and 26 Nov, 3 Dec: the 12th is an exception. */
  g_assert_cmpuint (count_for (occurrences, series), ==, 5);
  /* The 31st only in October: November has none. */
  g_assert_cmpuint (count_for (occurrences, monthly), ==, 1);
  g_assert_cmpuint (count_for (occurrences, all_day), ==, 1);
  g_assert_cmpuint (count_for (occurrences, later), ==, 0);
  g_assert_cmpuint (count_for (occurrences, over), ==, 0);
  g_assert_cmpuint (occurrences->len, ==, 8);

  for (guint i = 0; i < occurrences->len; i++)
    {
      GuildOccurrence *o = g_ptr_array_index (occurrences, i);

      if (i > 0)
        g_assert_cmpint (((GuildOccurrence *) g_ptr_array_index (occurrences, i - 1))->start, <=,
                         o->start);
      if (o->event_id == series)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (o->start);

          /* Wall-clock 19:00 in Berlin whatever the offset. */
          g_assert_true (o->recurring);
          g_assert_cmpint (o->start, !=, at ("2026-11-12T18:00:00Z"));
          g_assert_cmpint (g_date_time_get_hour (utc), ==, 18);
          g_assert_cmpint (o->end - o->start, ==, 2 * 3600);
        }
      if (o->event_id == all_day)
        {
          g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/New_York");
          GDate day;

          /* An all-day event stays on its date west of Greenwich. */
          guild_occurrence_local_day (o, tz, &day);
          g_assert_cmpint (g_date_get_day (&day), ==, 10);
          g_assert_true (o->all_day);
        }
    }
}

/* Many series in a month: what the month view asks for on every switch. The
 * timing is measured by build-aux/bench --calendar; this checks the result. */
static void
test_many_series (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GPtrArray) async = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_store_begin (f->store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Series %u", i);
      g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 1 + i % 12, 1 + i % 28, 10, 0, 0);
      g_autofree char *text = g_date_time_format (start, "%Y-%m-%dT%H:%M:%SZ");
      g_autoptr(GDateTime) end = g_date_time_add_hours (start, 1);
      g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");

      add_event (f, title, text, end_text, FALSE, "UTC", "FREQ=WEEKLY");
    }
  g_assert_true (guild_store_commit (f->store, &error));

  occurrences = guild_store_list_occurrences (f->store, at (GRID_START), at (GRID_END), NULL,
                                              &error);
  g_assert_no_error (error);
  /* Six weeks: six of each. */
  g_assert_cmpuint (occurrences->len, ==, 300 * 6);

  guild_store_list_occurrences_async (f->store, at (GRID_START), at (GRID_END), NULL,
                                      on_async_cb, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (async->len, ==, occurrences->len);
  for (guint i = 0; i < async->len; i++)
    {
      GuildOccurrence *a = g_ptr_array_index (async, i);
      GuildOccurrence *b = g_ptr_array_index (occurrences, i);

      g_assert_cmpint (a->event_id, ==, b->event_id);
      g_assert_cmpint (a->start, ==, b->start);
    }
}

static gboolean
collect_cb (gint64   start,
            gint64   end,
            gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, start);
  return TRUE;
}

/* Expanding a window years after a series began gives exactly the
 * occurrences that walking the series from its start finds there: the fast
 * path that starts near the window keeps every rule's phase, wall clock and
 * exceptions. */
static void
test_late_window (void)
{
  static const struct { const char *rule; const char *tzid; gboolean all_day; } series[] = {
    { "FREQ=DAILY", "Europe/Berlin", FALSE },
    { "FREQ=DAILY;INTERVAL=3", "America/New_York", FALSE },
    { "FREQ=WEEKLY", "Europe/Berlin", FALSE },
    { "FREQ=WEEKLY;INTERVAL=2", "Europe/Moscow", FALSE },
    { "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH", "America/New_York", FALSE },
    { "FREQ=MONTHLY", "Europe/Berlin", FALSE },
    { "FREQ=MONTHLY;INTERVAL=5", "UTC", FALSE },
    { "FREQ=MONTHLY;BYDAY=2TU", "Europe/Berlin", FALSE },
    { "FREQ=WEEKLY;INTERVAL=2", NULL, TRUE },
    { "FREQ=MONTHLY", NULL, TRUE },
    { "FREQ=DAILY;UNTIL=20270301T000000Z", "Europe/Berlin", FALSE },
  };
  /* 31 January 2023 19:00 UTC, a Tuesday: the 31st tests short months. */
  gint64 first = at ("2023-01-31T19:00:00Z");
  gint64 first_day = at ("2023-01-31");
  const char *exdates[] = { "2026-11-17T18:00:00Z", "2026-11-18T18:00:00Z", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    for (gint64 window = at ("2025-03-20T00:00:00Z"); window < at ("2027-06-01T00:00:00Z");
         window += 41 * 86400)
      {
        g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GArray) late = g_array_new (FALSE, FALSE, sizeof (gint64));
        gint64 start = series[i].all_day ? first_day : first;
        gint64 end = start + (series[i].all_day ? 86400 : 5400);
        gint64 window_end = window + 42 * 86400;
        g_autoptr(GError) error = NULL;

        g_assert_true (guild_recurrence_expand (start, end, series[i].all_day, series[i].tzid,
                                                series[i].rule, exdates, start, window_end,
                                                collect_cb, all, &error));
        g_assert_true (guild_recurrence_expand (start, end, series[i].all_day, series[i].tzid,
                                                series[i].rule, exdates, window, window_end,
                                                collect_cb, late, &error));
        /* The walk from the start, cut to the window. */
        while (all->len > 0 && g_array_index (all, gint64, 0) + (end - start) <= window)
          g_array_remove_index (all, 0);

        if (all->len != late->len)
          g_error ("%s from %" G_GINT64_FORMAT ": %u occurrences, %u expected", series[i].rule,
                   window, late->len, all->len);
        for (guint k = 0; k < all->len; k++)
          g_assert_cmpint (g_array_index (late, gint64, k), ==, g_array_index (all, gint64, k));
      }
}

static guint
count_activities (Fixture *f,
                  gint64   event_id,
                  gint64   at_time)
{
  g_autoptr(GPtrArray) activities = guild_store_list (f->store, GUILD_RECORD_ACTIVITY, NULL, NULL);
  guint n = 0;

  for (guint i = 0; i < activities->len; i++)
    {
      GuildRecord *a = g_ptr_array_index (activities, i);

      if (guild_record_get_int (a, "event-id") == event_id &&
          g_str_equal (guild_record_get_text (a, "kind"), "attend_event") &&
          (at_time == 0 || guild_record_get_int (a, "at") == at_time))
        n++;
    }
  return n;
}

static gboolean
contains (GPtrArray *occurrences,
          gint64     event_id,
          gint64     start)
{
  for (guint i = 0; i < occurrences->len; i++)
    {
      GuildOccurrence *o = g_ptr_array_index (occurrences, i);

      if (o->event_id == event_id && (start == 0 || o->start == start))
        return TRUE;
    }
  return FALSE;
}

static void
test_answer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GuildCommunity) community = guild_community_new ("PyData");
  g_autoptr(GuildContact) contact = guild_contact_new ("Анна Смирнова");
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GuildRecord) event = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = at ("2026-11-26T12:00:00Z");
  gint64 went, missed, series, contact_id;
  gint64 second = at ("2026-11-17T18:00:00Z");

  g_assert_true (guild_store_add (f->store, GUILD_RECORD (community), &error));
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (contact), &error));
  contact_id = guild_record_get_id (GUILD_RECORD (contact));

  went = add_event (f, "Went", "2026-11-24T18:00:00Z", "2026-11-24T20:00:00Z", FALSE, NULL, NULL);
  event = guild_store_load (f->store, GUILD_RECORD_EVENT, went, &error);
  guild_record_set_int (event, "community-id", guild_record_get_id (GUILD_RECORD (community)));
  guild_record_set_ids (event, "attendees", &contact_id, 1);
  g_assert_true (guild_store_update (f->store, event, &error));
  missed = add_event (f, "Missed", "2026-11-20T18:00:00Z", "2026-11-20T19:00:00Z", FALSE, NULL, NULL);
  series = add_event (f, "Weekly", "2026-11-10T18:00:00Z", "2026-11-10T19:00:00Z", FALSE, "UTC",
                      "FREQ=WEEKLY;COUNT=4");
  /* Long over: not asked about. */
  add_event (f, "Old", "2026-01-10T18:00:00Z", "2026-01-10T19:00:00Z", FALSE, NULL, NULL);
  /* Not over yet. */
  add_event (f, "Tonight", "2026-11-26T18:00:00Z", "2026-11-26T19:00:00Z", FALSE, NULL, NULL);

  waiting = guild_store_unanswered_occurrences (f->store, now - 14 * 86400, now, &error);
  g_assert_no_error (error);
  /* Went, Missed, and the series on 17 and 24 November (the 10th is more
   * than two weeks ago). */
  g_assert_cmpuint (waiting->len, ==, 4);
  g_assert_false (contains (waiting, series, at ("2026-11-10T18:00:00Z")));
  g_assert_true (contains (waiting, went, 0));
  g_assert_true (contains (waiting, missed, 0));
  g_assert_true (contains (waiting, series, second));
  /* Latest first. */
  g_assert_cmpint (((GuildOccurrence *) g_ptr_array_index (waiting, 0))->start, >=,
                   ((GuildOccurrence *) g_ptr_array_index (waiting, 3))->start);
  g_clear_pointer (&waiting, g_ptr_array_unref);

  /* Yes: attended, and one attend_event activity with its links. */
  g_assert_true (guild_store_answer_occurrence (f->store, went, at ("2026-11-24T18:00:00Z"),
                                                TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&event);
  event = guild_store_load (f->store, GUILD_RECORD_EVENT, went, &error);
  g_assert_cmpstr (guild_record_get_text (event, "status"), ==, "attended");
  activities = guild_store_list (f->store, GUILD_RECORD_ACTIVITY, NULL, &error);
  g_assert_cmpuint (activities->len, ==, 1);
  {
    GuildRecord *a = g_ptr_array_index (activities, 0);
    GArray *contacts = guild_record_get_ids (a, "contacts");

    g_assert_cmpstr (guild_record_get_text (a, "kind"), ==, "attend_event");
    g_assert_cmpstr (guild_record_get_text (a, "strategy"), ==, "connecting");
    g_assert_cmpint (guild_record_get_int (a, "event-id"), ==, went);
    g_assert_cmpint (guild_record_get_int (a, "community-id"), ==,
                     guild_record_get_id (GUILD_RECORD (community)));
    g_assert_cmpint (guild_record_get_int (a, "at"), ==, at ("2026-11-24T18:00:00Z"));
    g_assert_cmpint (guild_record_get_int (a, "minutes"), ==, 120);
    g_assert_cmpuint (contacts->len, ==, 1);
    g_assert_cmpint (g_array_index (contacts, gint64, 0), ==, contact_id);
  }

  /* No: missed, nothing logged. */
  g_assert_true (guild_store_answer_occurrence (f->store, missed, at ("2026-11-20T18:00:00Z"),
                                                FALSE, &error));
  g_clear_object (&event);
  event = guild_store_load (f->store, GUILD_RECORD_EVENT, missed, &error);
  g_assert_cmpstr (guild_record_get_text (event, "status"), ==, "missed");
  g_assert_cmpuint (count_activities (f, missed, 0), ==, 0);

  /* One occurrence of a series: an activity at its start; the series stays
   * planned and its other occurrences still wait. */
  g_assert_true (guild_store_answer_occurrence (f->store, series, second, TRUE, &error));
  g_assert_cmpuint (count_activities (f, series, second), ==, 1);
  g_clear_object (&event);
  event = guild_store_load (f->store, GUILD_RECORD_EVENT, series, &error);
  g_assert_cmpstr (guild_record_get_text (event, "status"), ==, "planned");

  waiting = guild_store_unanswered_occurrences (f->store, now - 14 * 86400, now, &error);
  g_assert_cmpuint (waiting->len, ==, 1);
  g_assert_false (contains (waiting, went, 0));
  g_assert_false (contains (waiting, missed, 0));
  g_assert_false (contains (waiting, series, second));
  g_assert_true (contains (waiting, series, at ("2026-11-24T18:00:00Z")));
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GuildContact) contact = guild_contact_new ("Ada Lovelace");
  g_autoptr(GuildEventDeleteUndo) undo = NULL;
  g_autoptr(GuildRecord) event = NULL;
  g_autoptr(GuildRecord) again = NULL;
  g_autoptr(GuildRecord) activity = NULL;
  g_autoptr(GuildRecord) met = NULL;
  GArray *attendees = NULL;
  g_autoptr(GError) error = NULL;
  const char *exdates[] = { "2026-11-17T18:00:00Z", NULL };
  gint64 id, contact_id, activity_id, new_id = 0;

  g_assert_true (guild_store_add (f->store, GUILD_RECORD (contact), &error));
  contact_id = guild_record_get_id (GUILD_RECORD (contact));
  id = add_event (f, "Weekly", "2026-11-10T18:00:00Z", "2026-11-10T19:00:00Z", FALSE, "UTC",
                  "FREQ=WEEKLY;COUNT=4");
  event = guild_store_load (f->store, GUILD_RECORD_EVENT, id, &error);
  guild_record_set_strv (event, "exdates", exdates);
  guild_record_set_ids (event, "attendees", &contact_id, 1);
  guild_record_set_text (event, "notes", "Bring the laptop");
  g_assert_true (guild_store_update (f->store, event, &error));
  g_assert_true (guild_store_answer_occurrence (f->store, id, at ("2026-11-10T18:00:00Z"), TRUE,
                                                &error));
  met = guild_store_load (f->store, GUILD_RECORD_CONTACT, contact_id, &error);
  guild_record_set_int (met, "met-at-event", id);
  g_assert_true (guild_store_update (f->store, met, &error));
  {
    g_autoptr(GPtrArray) activities = guild_store_list (f->store, GUILD_RECORD_ACTIVITY, NULL, &error);

    activity_id = guild_record_get_id (g_ptr_array_index (activities, 0));
  }

  g_assert_true (guild_store_delete_event (f->store, id, &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_EVENT), ==, 0);
  activity = guild_store_load (f->store, GUILD_RECORD_ACTIVITY, activity_id, &error);
  g_assert_cmpint (guild_record_get_int (activity, "event-id"), ==, 0);

  g_assert_true (guild_store_undo_delete_event (f->store, undo, &new_id, &error));
  g_assert_no_error (error);
  again = guild_store_load (f->store, GUILD_RECORD_EVENT, new_id, &error);
  g_assert_true (guild_record_fields_equal (event, again));
  attendees = guild_record_get_ids (again, "attendees");
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_cmpstrv (guild_record_get_strv (again, "exdates"), exdates);

  g_clear_object (&activity);
  activity = guild_store_load (f->store, GUILD_RECORD_ACTIVITY, activity_id, &error);
  g_assert_cmpint (guild_record_get_int (activity, "event-id"), ==, new_id);
  g_clear_object (&met);
  met = guild_store_load (f->store, GUILD_RECORD_CONTACT, contact_id, &error);
  g_assert_cmpint (guild_record_get_int (met, "met-at-event"), ==, new_id);
}

static GuildOccurrence *
occurrence (gint64      start,
            gboolean    all_day,
            const char *status)
{
  GuildOccurrence *o = g_new0 (GuildOccurrence, 1);

  o->event_id = start;
  o->start = start;
  o->end = start + 3600;
  o->all_day = all_day;
  o->title = g_strdup ("Meetup");
  o->kind = g_strdup ("meetup");
  o->status = g_strdup (status);
  return o;
}

static void
test_reminder_next (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) guild_occurrence_free);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  gint64 now = 100000, lead = 600, fire = 0;
  guint index = G_MAXUINT;

  g_ptr_array_add (list, occurrence (now + 1000, FALSE, "planned"));   /* due at now + 400 */
  g_ptr_array_add (list, occurrence (now + 500, FALSE, "going"));      /* due 100 s ago */
  g_ptr_array_add (list, occurrence (now + 200, TRUE, "planned"));     /* all day */
  g_ptr_array_add (list, occurrence (now + 300, FALSE, "cancelled"));
  g_ptr_array_add (list, occurrence (now - 100, FALSE, "planned"));    /* started */

  /* Started within the lead time of the app's start: at once. */
  g_assert_true (guild_reminder_next (list, now, lead, now - lead, &fire, &index));
  g_assert_cmpint (fire, ==, now);
  g_assert_cmpuint (index, ==, 1);

  /* After that reminder: the next one at its own time. */
  g_assert_true (guild_reminder_next (list, now, lead, now, &fire, &index));
  g_assert_cmpint (fire, ==, now + 400);
  g_assert_cmpuint (index, ==, 0);

  /* Nothing after the last. */
  g_assert_false (guild_reminder_next (list, now + 400, lead, now + 400, &fire, &index));
  /* Reminders off, or nothing coming. */
  g_assert_false (guild_reminder_next (list, now, 0, now - 600, &fire, &index));
  g_assert_false (guild_reminder_next (empty, now, lead, now - lead, &fire, &index));
}

static void
on_hits_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = guild_store_find_contacts_finish (GUILD_STORE (object), result, &error);
  g_assert_no_error (error);
}

static GPtrArray *
find_contacts (Fixture    *f,
               const char *query,
               guint       limit)
{
  GPtrArray *hits = NULL;

  guild_store_find_contacts_async (f->store, query, limit, NULL, on_hits_cb, &hits);
  while (hits == NULL)
    g_main_context_iteration (NULL, TRUE);
  return hits;
}

static void
test_find_contacts (Fixture       *f,
                    gconstpointer  data)
{
  const char *names[][2] = { { "Ольга Петрова", "Яндекс" }, { "Anna Smith", "Acme" },
                             { "José Núñez", "" }, { "Олег Ёлкин", "Acme" } };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GuildContact) contact = guild_contact_new (names[i][0]);

      guild_record_set_text (GUILD_RECORD (contact), "company", names[i][1]);
      g_assert_true (guild_store_add (f->store, GUILD_RECORD (contact), &error));
    }

  {
    g_autoptr(GPtrArray) hits = find_contacts (f, "ОЛЬГА", 10);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((GuildContactHit *) g_ptr_array_index (hits, 0))->name, ==, "Ольга Петрова");
    g_assert_cmpstr (((GuildContactHit *) g_ptr_array_index (hits, 0))->detail, ==, "Яндекс");
  }
  {
    g_autoptr(GPtrArray) hits = find_contacts (f, "acme", 10);

    g_assert_cmpuint (hits->len, ==, 2);
  }
  {
    g_autoptr(GPtrArray) hits = find_contacts (f, "елкин", 10);

    g_assert_cmpuint (hits->len, ==, 1);
  }
  {
    g_autoptr(GPtrArray) hits = find_contacts (f, "jose", 10);

    g_assert_cmpuint (hits->len, ==, 1);
  }
  {
    g_autoptr(GPtrArray) hits = find_contacts (f, "", 3);

    g_assert_cmpuint (hits->len, ==, 3);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guild/store-events/range", Fixture, NULL, set_up, test_range, tear_down);
  g_test_add ("/guild/store-events/many-series", Fixture, NULL, set_up, test_many_series,
              tear_down);
  g_test_add ("/guild/store-events/answer", Fixture, NULL, set_up, test_answer, tear_down);
  g_test_add ("/guild/store-events/delete-undo", Fixture, NULL, set_up, test_delete_undo,
              tear_down);
  g_test_add ("/guild/store-events/find-contacts", Fixture, NULL, set_up, test_find_contacts,
              tear_down);
  g_test_add_func ("/guild/store-events/reminder-next", test_reminder_next);
  g_test_add_func ("/guild/store-events/late-window", test_late_window);

  return g_test_run ();
}
