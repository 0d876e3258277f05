/* test-metrics.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "guild-metrics.h"
#include "guild-recurrence.h"
#include "guild-store.h"

typedef struct
{
  char       *dir;
  GuildStore *store;
  GTimeZone  *berlin;
  gint64      community;
} Fixture;

static gint64
at (const char *text)
{
  gint64 value = 0;

  g_assert_true (guild_instant_parse (text, &value));
  return value;
}

static void
add (Fixture     *f,
     GuildRecord *record)
{
  g_autoptr(GError) error = NULL;

  guild_store_add (f->store, record, &error);
  g_assert_no_error (error);
  g_object_unref (record);
}

static void
add_activity (Fixture    *f,
              const char *kind,
              const char *when,
              int         minutes,
              gint64      community)
{
  GuildActivity *activity = guild_activity_new (kind, at (when));

  g_object_set (activity, "minutes", minutes, "community-id", community, NULL);
  add (f, GUILD_RECORD (activity));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("guild-metrics-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (f->berlin);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  g_time_zone_unref (f->berlin);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Two ISO weeks in Berlin (UTC+1 in November), 10–23 November 2025. */
static void
populate (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildGoals) goals = guild_goals_new ();
  const char *exdates[] = { "2025-11-17T18:00:00Z", NULL };
  GuildCommunity *community = guild_community_new ("Python Berlin");
  GuildActivity *published;
  GuildContact *contact;
  GuildEvent *event;
  GuildCheckin *checkin;

  add (f, GUILD_RECORD (g_object_ref (community)));
  f->community = guild_record_get_id (GUILD_RECORD (community));
  g_object_unref (community);

  /* Sunday 23:30 local belongs to the first week, Monday 00:30 to the second. */
  published = guild_activity_new ("publish", at ("2025-11-16T22:30:00Z"));
  g_object_set (published, "minutes", 30, "likes", 5, "comments", 2, "reposts", 1, NULL);
  add (f, GUILD_RECORD (published));
  add_activity (f, "ask_question", "2025-11-16T23:30:00Z", 15, 0);
  add_activity (f, "connect", "2025-11-17T11:00:00Z", 20, f->community);
  /* Just outside the period on either side. */
  add_activity (f, "read", "2025-11-09T22:00:00Z", 60, 0);
  add_activity (f, "read", "2025-11-23T23:10:00Z", 60, 0);

  contact = guild_contact_new ("Old Friend");
  g_object_set (contact, "connected-on", "2025-01-01", NULL);
  add (f, GUILD_RECORD (contact));
  contact = guild_contact_new ("Anna");
  g_object_set (contact, "connected-on", "2025-11-12", NULL);
  guild_record_set_ids (GUILD_RECORD (contact), "communities", &f->community, 1);
  add (f, GUILD_RECORD (contact));
  /* No date met: the day it was added counts. */
  contact = guild_contact_new ("Boris");
  _guild_record_set_times (GUILD_RECORD (contact), at ("2025-11-18T10:00:00Z"), 0);
  add (f, GUILD_RECORD (contact));
  contact = guild_contact_new ("Later");
  g_object_set (contact, "connected-on", "2025-12-01", NULL);
  add (f, GUILD_RECORD (contact));

  event = guild_event_new ("Meetup", at ("2025-11-13T18:00:00Z"), at ("2025-11-13T20:00:00Z"));
  g_object_set (event, "status", "attended", NULL);
  add (f, GUILD_RECORD (event));
  /* Weekly, attended: 3, 10, (17 excluded), 24 November; only the 10th counts. */
  event = guild_event_new ("Study group", at ("2025-11-03T18:00:00Z"), 0);
  g_object_set (event, "status", "attended", "rrule", "FREQ=WEEKLY;COUNT=4",
                "tzid", "Europe/Berlin", "community-id", f->community, NULL);
  guild_record_set_strv (GUILD_RECORD (event), "exdates", exdates);
  add (f, GUILD_RECORD (event));
  event = guild_event_new ("Planned talk", at ("2025-11-14T18:00:00Z"), 0);
  add (f, GUILD_RECORD (event));
  event = guild_event_new ("Hackathon day", at ("2025-11-23"), at ("2025-11-24"));
  g_object_set (event, "status", "attended", "all-day", TRUE, NULL);
  add (f, GUILD_RECORD (event));

  checkin = guild_checkin_new ("2025-11-16");
  g_object_set (checkin, "engagement", 4, "satisfaction", 5, NULL);
  add (f, GUILD_RECORD (checkin));
  checkin = guild_checkin_new ("2025-11-11");
  g_object_set (checkin, "engagement", 2, NULL);
  add (f, GUILD_RECORD (checkin));

  g_object_set (goals, "sessions-per-week", 1, NULL);
  guild_store_save_singleton (f->store, GUILD_RECORD (goals), &error);
  g_assert_no_error (error);
}

static GuildMetrics *
metrics (Fixture    *f,
         const char *from,
         const char *to,
         gint64      community)
{
  GuildMetricsQuery query = { from, to, community, f->berlin };
  g_autoptr(GError) error = NULL;
  GuildMetrics *m = guild_store_metrics (f->store, &query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

static void
test_weeks (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GuildMetrics) m = NULL;
  const GuildMetricsWeek *w1, *w2;
  double average = 0;

  populate (f);
  m = metrics (f, "2025-11-10", "2025-11-23", 0);

  g_assert_cmpuint (m->n_weeks, ==, 2);
  w1 = &m->weeks[0];
  w2 = &m->weeks[1];
  g_assert_cmpstr (w1->week, ==, "2025-W46");
  g_assert_cmpstr (w1->start, ==, "2025-11-10");
  g_assert_cmpstr (w2->week, ==, "2025-W47");

  g_assert_cmpuint (w1->activities, ==, 1);
  g_assert_cmpuint (w1->active_days, ==, 1);
  g_assert_cmpuint (w1->minutes, ==, 30);
  g_assert_cmpuint (w1->reactions, ==, 8);
  g_assert_cmpuint (w1->publications, ==, 1);
  g_assert_cmpuint (w1->interactions, ==, 0);
  g_assert_cmpuint (w1->strategy[GUILD_STRATEGY_VALUE_CREATION], ==, 1);

  g_assert_cmpuint (w2->activities, ==, 2);
  g_assert_cmpuint (w2->active_days, ==, 1);
  g_assert_cmpuint (w2->minutes, ==, 35);
  g_assert_cmpuint (w2->interactions, ==, 1);
  g_assert_cmpuint (w2->strategy[GUILD_STRATEGY_LEARNING], ==, 1);
  g_assert_cmpuint (w2->strategy[GUILD_STRATEGY_CONNECTING], ==, 1);

  g_assert_cmpuint (w1->new_connections, ==, 1);
  g_assert_cmpuint (w1->connections_total, ==, 2);
  g_assert_cmpuint (w2->new_connections, ==, 1);
  g_assert_cmpuint (w2->connections_total, ==, 3);

  g_assert_cmpuint (w1->events_attended, ==, 2);
  g_assert_cmpuint (w2->events_attended, ==, 1);

  g_assert_cmpuint (w1->checkins, ==, 2);
  g_assert_true (guild_metrics_rating_average (w1, GUILD_RATING_ENGAGEMENT, &average));
  g_assert_cmpfloat_with_epsilon (average, 3.0, 1e-9);
  g_assert_true (guild_metrics_rating_average (w1, GUILD_RATING_SATISFACTION, &average));
  g_assert_cmpfloat_with_epsilon (average, 5.0, 1e-9);
  g_assert_false (guild_metrics_rating_average (w1, GUILD_RATING_CAREER_IMPACT, &average));
  g_assert_cmpuint (w2->checkins, ==, 0);

  g_assert_cmpuint (m->totals.activities, ==, 3);
  g_assert_cmpuint (m->totals.active_days, ==, 2);
  g_assert_cmpuint (m->totals.minutes, ==, 65);
  g_assert_cmpuint (m->totals.new_connections, ==, 2);
  g_assert_cmpuint (m->totals.connections_total, ==, 3);
  g_assert_cmpuint (m->totals.events_attended, ==, 3);

  /* Both weeks met the goal of one session, and the period ends on Sunday. */
  g_assert_cmpuint (m->streak_weeks, ==, 2);
}

static void
test_partial_week_and_streak (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GuildMetrics) m = NULL;

  populate (f);

  /* From Wednesday to Saturday: days outside the period count for nothing,
   * and the streak ends with the last complete week. */
  m = metrics (f, "2025-11-12", "2025-11-22", 0);
  g_assert_cmpuint (m->n_weeks, ==, 2);
  g_assert_cmpuint (m->weeks[0].activities, ==, 1);
  g_assert_cmpuint (m->weeks[0].events_attended, ==, 1);
  g_assert_cmpuint (m->weeks[0].checkins, ==, 1);
  g_assert_cmpuint (m->weeks[0].new_connections, ==, 1);
  g_assert_cmpuint (m->weeks[1].activities, ==, 2);
  g_assert_cmpuint (m->weeks[1].events_attended, ==, 0);
  g_assert_cmpuint (m->streak_weeks, ==, 1);
}

static void
test_community (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GuildMetrics) m = NULL;

  populate (f);
  m = metrics (f, "2025-11-10", "2025-11-23", f->community);

  g_assert_cmpuint (m->totals.activities, ==, 1);
  g_assert_cmpuint (m->weeks[1].strategy[GUILD_STRATEGY_CONNECTING], ==, 1);
  /* Connections are the community's members. */
  g_assert_cmpuint (m->totals.new_connections, ==, 1);
  g_assert_cmpuint (m->weeks[0].new_connections, ==, 1);
  g_assert_cmpuint (m->totals.connections_total, ==, 1);
  /* Only the study group belongs to it. */
  g_assert_cmpuint (m->totals.events_attended, ==, 1);
}

static void
test_daylight_saving (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GuildMetrics) m = NULL;

  /* Berlin leaves summer time at 03:00 on Sunday 26 October 2025. */
  add_activity (f, "read", "2025-10-25T21:30:00Z", 10, 0);  /* Sat 23:30 CEST */
  add_activity (f, "read", "2025-10-26T22:30:00Z", 10, 0);  /* Sun 23:30 CET */
  add_activity (f, "read", "2025-10-26T23:30:00Z", 10, 0);  /* Mon 00:30 CET */

  m = metrics (f, "2025-10-20", "2025-11-02", 0);
  g_assert_cmpuint (m->weeks[0].activities, ==, 2);
  g_assert_cmpuint (m->weeks[0].active_days, ==, 2);
  g_assert_cmpuint (m->weeks[1].activities, ==, 1);
}

static void
test_empty_period (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GuildMetrics) m = NULL;
  g_autofree char *json = NULL;

  m = metrics (f, "2024-12-30", "2025-01-12", 0);
  g_assert_cmpuint (m->n_weeks, ==, 2);
  /* The ISO year is the Thursday's. */
  g_assert_cmpstr (m->weeks[0].week, ==, "2025-W01");
  g_assert_cmpstr (m->weeks[0].start, ==, "2024-12-30");
  g_assert_cmpuint (m->totals.activities, ==, 0);
  g_assert_cmpuint (m->streak_weeks, ==, 0);

  json = guild_metrics_to_json (m);
  g_assert_true (g_str_has_prefix (json, "{\"from\":\"2024-12-30\",\"to\":\"2025-01-12\","
                                         "\"community\":null,\"weeks\":[{\"week\":\"2025-W01\","
                                         "\"start\":\"2024-12-30\",\"activities\":0,"));
  g_assert_nonnull (strstr (json, "\"checkin\":null"));
  g_assert_true (g_str_has_suffix (json, "\"streak_weeks\":0}"));
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GuildMetrics) m = NULL;
  g_autofree char *json = NULL;

  populate (f);
  m = metrics (f, "2025-11-10", "2025-11-23", 0);
  json = guild_metrics_to_json (m);

  g_assert_nonnull (strstr (json,
    "{\"week\":\"2025-W46\",\"start\":\"2025-11-10\",\"activities\":1,\"active_days\":1,"
    "\"minutes\":30,\"new_connections\":1,\"connections_total\":2,\"interactions\":0,"
    "\"reactions\":8,\"events_attended\":2,\"publications\":1,\"courses_completed\":0,"
    "\"strategy\":{\"learning\":0,\"value_creation\":1,\"connecting\":0},"
    "\"checkin\":{\"engagement\":3,\"connection_quality\":null,\"knowledge_gained\":null,"
    "\"knowledge_applied\":null,\"satisfaction\":5,\"career_impact\":null}}"));
  g_assert_nonnull (strstr (json, "\"totals\":{\"activities\":3,"));
  g_assert_true (g_str_has_suffix (json, "\"streak_weeks\":2}"));
}

static void
test_bad_period (Fixture       *f,
                 gconstpointer  data)
{
  GuildMetricsQuery backwards = { "2025-11-23", "2025-11-10", 0, f->berlin };
  GuildMetricsQuery garbage = { "yesterday", "2025-11-10", 0, f->berlin };
  g_autoptr(GError) error = NULL;

  g_assert_null (guild_store_metrics (f->store, &backwards, NULL, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (guild_store_metrics (f->store, &garbage, NULL, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
}

static void
on_metrics_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GuildMetrics **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = guild_store_metrics_finish (GUILD_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_async_matches_sync (Fixture       *f,
                         gconstpointer  data)
{
  GuildMetricsQuery query = { "2025-11-10", "2025-11-23", 0, f->berlin };
  g_autoptr(GuildMetrics) sync = NULL;
  g_autoptr(GuildMetrics) async = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  populate (f);
  sync = metrics (f, "2025-11-10", "2025-11-23", 0);
  guild_store_metrics_async (f->store, &query, NULL, on_metrics_cb, &async);
  while (async == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (async);

  a = guild_metrics_to_json (sync);
  b = guild_metrics_to_json (async);
  g_assert_cmpstr (a, ==, b);
}

/* Per-day figures: the heatmap, the monthly charts and the overview read them. */
static void
test_days (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GuildMetrics) m = NULL;
  const GuildMetricsDay *days;
  GuildMetricsDay sum;
  guint n_days = 0, total = 0, index = 0;
  GDate date;

  populate (f);
  m = metrics (f, "2025-11-10", "2025-11-23", 0);
  days = guild_metrics_get_days (m, &n_days);
  g_assert_cmpuint (n_days, ==, 14);

  /* Sunday 23:30 local is day 6, Monday 00:30 local is day 7. */
  g_assert_cmpuint (days[6].activities, ==, 1);
  g_assert_cmpuint (days[6].publications, ==, 1);
  g_assert_cmpuint (days[6].minutes, ==, 30);
  g_assert_cmpuint (days[7].activities, ==, 2);
  g_assert_cmpuint (days[7].strategy[GUILD_STRATEGY_LEARNING], ==, 1);
  g_assert_cmpuint (days[7].strategy[GUILD_STRATEGY_CONNECTING], ==, 1);
  g_assert_cmpuint (days[5].activities, ==, 0);
  g_assert_cmpuint (days[8].activities, ==, 0);

  g_assert_cmpuint (days[2].new_connections, ==, 1);   /* Anna, 12 November */
  g_assert_cmpuint (days[8].new_connections, ==, 1);   /* Boris, added 18 November */
  g_assert_cmpuint (days[0].events_attended, ==, 1);   /* the study group on the 10th */
  g_assert_cmpuint (days[3].events_attended, ==, 1);   /* the meetup on the 13th */
  g_assert_cmpuint (days[13].events_attended, ==, 1);  /* the all-day hackathon */

  for (guint i = 0; i < n_days; i++)
    total += days[i].activities;
  g_assert_cmpuint (total, ==, m->totals.activities);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 17, 11, 2025);
  g_assert_true (guild_metrics_get_day_index (m, &date, &index));
  g_assert_cmpuint (index, ==, 7);
  g_date_set_dmy (&date, 24, 11, 2025);
  g_assert_false (guild_metrics_get_day_index (m, &date, &index));

  /* The second week, summed from its days. */
  g_date_set_dmy (&date, 17, 11, 2025);
  {
    GDate last = date;

    g_date_add_days (&last, 100);
    guild_metrics_sum_days (m, &date, &last, &sum);
  }
  g_assert_cmpuint (sum.activities, ==, m->weeks[1].activities);
  g_assert_cmpuint (sum.minutes, ==, m->weeks[1].minutes);
  g_assert_cmpuint (sum.new_connections, ==, m->weeks[1].new_connections);
  g_assert_cmpuint (sum.events_attended, ==, m->weeks[1].events_attended);
}

static void
test_days_daylight_saving (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GuildMetrics) m = NULL;
  const GuildMetricsDay *days;
  guint n_days = 0;

  /* Berlin leaves summer time on Sunday 26 October 2025. */
  add_activity (f, "read", "2025-10-25T21:30:00Z", 10, 0);  /* Sat 23:30 CEST */
  add_activity (f, "read", "2025-10-26T22:30:00Z", 10, 0);  /* Sun 23:30 CET */
  add_activity (f, "read", "2025-10-26T23:30:00Z", 10, 0);  /* Mon 00:30 CET */

  m = metrics (f, "2025-10-20", "2025-11-02", 0);
  days = guild_metrics_get_days (m, &n_days);
  g_assert_cmpuint (n_days, ==, 14);
  g_assert_cmpuint (days[5].activities, ==, 1);
  g_assert_cmpuint (days[6].activities, ==, 1);
  g_assert_cmpuint (days[7].activities, ==, 1);
}

static void
test_months (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GuildMetrics) m = NULL;
  g_autoptr(GArray) months = NULL;
  const GuildMetricsMonth *month;

  populate (f);
  m = metrics (f, "2025-10-27", "2025-12-07", 0);
  months = guild_metrics_group_by_month (m);

  g_assert_cmpuint (months->len, ==, 3);
  month = &g_array_index (months, GuildMetricsMonth, 0);
  g_assert_cmpuint (month->year, ==, 2025);
  g_assert_cmpuint (month->month, ==, 10);
  g_assert_cmpuint (month->sum.activities, ==, 0);

  /* Sunday 9 November 23:00 and Monday 24 November 00:10 local are November's. */
  month = &g_array_index (months, GuildMetricsMonth, 1);
  g_assert_cmpuint (month->month, ==, 11);
  g_assert_cmpuint (month->sum.activities, ==, 5);
  g_assert_cmpuint (month->sum.publications, ==, 1);
  g_assert_cmpuint (month->sum.new_connections, ==, 2);
  /* The study group on the 3rd, 10th and 24th (not the 17th), the meetup and the hackathon. */
  g_assert_cmpuint (month->sum.events_attended, ==, 5);

  month = &g_array_index (months, GuildMetricsMonth, 2);
  g_assert_cmpuint (month->month, ==, 12);
  g_assert_cmpuint (month->sum.new_connections, ==, 1);
  g_assert_cmpuint (month->sum.activities, ==, 0);
}

static void
test_months_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GuildMetrics) m = NULL;
  g_autoptr(GArray) months = NULL;
  const GuildMetricsDay *days;
  guint n_days = 0;

  m = metrics (f, "2024-12-30", "2025-01-12", 0);
  months = guild_metrics_group_by_month (m);
  g_assert_cmpuint (months->len, ==, 2);
  g_assert_cmpuint (g_array_index (months, GuildMetricsMonth, 0).year, ==, 2024);
  g_assert_cmpuint (g_array_index (months, GuildMetricsMonth, 0).month, ==, 12);
  g_assert_cmpuint (g_array_index (months, GuildMetricsMonth, 1).month, ==, 1);
  g_assert_cmpuint (g_array_index (months, GuildMetricsMonth, 1).sum.activities, ==, 0);

  days = guild_metrics_get_days (m, &n_days);
  for (guint i = 0; i < n_days; i++)
    g_assert_cmpuint (days[i].activities + days[i].events_attended, ==, 0);
}

static void
test_all_time (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GuildMetrics) empty = NULL;
  g_autoptr(GuildMetrics) m = NULL;

  /* Nothing logged: all time is the last day alone. */
  empty = metrics (f, NULL, "2025-11-23", 0);
  g_assert_cmpstr (guild_metrics_get_from (empty), ==, "2025-11-23");
  g_assert_cmpuint (empty->n_weeks, ==, 1);

  /* The earliest record is the study group's first meeting, on 3 November. */
  populate (f);
  m = metrics (f, NULL, "2025-11-23", 0);
  g_assert_cmpstr (guild_metrics_get_from (m), ==, "2025-11-03");
  g_assert_cmpstr (guild_metrics_get_to (m), ==, "2025-11-23");
  g_assert_cmpuint (m->n_weeks, ==, 3);
  g_assert_cmpuint (m->totals.activities, ==, 4);
}

/* "Did you go?" answered for single occurrences of a planned weekly series:
 * each occurrence with an attend_event activity counts once, in its week;
 * a series marked attended as a whole is not counted twice. */
static void
test_attended_occurrences (Fixture       *f,
                           gconstpointer  data)
{
  GuildCommunity *community = guild_community_new ("Rust Moscow");
  g_autoptr(GuildMetrics) m = NULL;
  g_autoptr(GuildMetrics) other = NULL;
  GuildEvent *event;
  GuildActivity *activity;
  gint64 series, whole;
  const char *yes[] = { "2025-11-10T17:00:00Z", "2025-11-17T17:00:00Z",
                        "2025-11-17T17:00:00Z" };

  add (f, GUILD_RECORD (g_object_ref (community)));
  f->community = guild_record_get_id (GUILD_RECORD (community));
  g_object_unref (community);

  event = guild_event_new ("Weekly meetup", at ("2025-11-03T17:00:00Z"), 0);
  g_object_set (event, "rrule", "FREQ=WEEKLY;COUNT=6", "tzid", "Europe/Berlin",
                "community-id", f->community, NULL);
  add (f, GUILD_RECORD (g_object_ref (event)));
  series = guild_record_get_id (GUILD_RECORD (event));
  g_object_unref (event);

  /* Yes on the 10th and the 17th; the 17th answered twice counts once. */
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      activity = guild_activity_new ("attend_event", at (yes[i]));
      g_object_set (activity, "event-id", series, "community-id", f->community, NULL);
      add (f, GUILD_RECORD (activity));
    }

  /* A series attended as a whole: its occurrences count, its activity adds nothing. */
  event = guild_event_new ("Study group", at ("2025-11-11T17:00:00Z"), 0);
  g_object_set (event, "status", "attended", "rrule", "FREQ=WEEKLY;COUNT=2",
                "tzid", "Europe/Berlin", NULL);
  add (f, GUILD_RECORD (g_object_ref (event)));
  whole = guild_record_get_id (GUILD_RECORD (event));
  g_object_unref (event);
  activity = guild_activity_new ("attend_event", at ("2025-11-11T17:00:00Z"));
  g_object_set (activity, "event-id", whole, NULL);
  add (f, GUILD_RECORD (activity));

  m = metrics (f, "2025-11-10", "2025-11-23", 0);
  g_assert_cmpuint (m->n_weeks, ==, 2);
  g_assert_cmpuint (m->weeks[0].events_attended, ==, 2);
  g_assert_cmpuint (m->weeks[1].events_attended, ==, 2);
  g_assert_cmpuint (m->totals.events_attended, ==, 4);

  /* The community filter follows the event's community. */
  other = metrics (f, "2025-11-10", "2025-11-23", f->community);
  g_assert_cmpuint (other->totals.events_attended, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/guild/metrics/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("weeks", test_weeks);
  ADD ("partial-week-and-streak", test_partial_week_and_streak);
  ADD ("community", test_community);
  ADD ("daylight-saving", test_daylight_saving);
  ADD ("empty-period", test_empty_period);
  ADD ("json", test_json);
  ADD ("bad-period", test_bad_period);
  ADD ("async-matches-sync", test_async_matches_sync);
  ADD ("days", test_days);
  ADD ("days-daylight-saving", test_days_daylight_saving);
  ADD ("months", test_months);
  ADD ("months-empty", test_months_empty);
  ADD ("all-time", test_all_time);
  ADD ("attended-occurrences", test_attended_occurrences);
#undef ADD

  return g_test_run ();
}
