/* test-metrics-slots.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The metrics read their activities from activity_slot, the sums per quarter
 * of an hour that triggers keep (schema version 2). These tests compare
 * every figure with the same metrics read from the rows themselves, on a
 * generated database, in time zones with daylight saving, half- and
 * three-quarter-hour offsets and a historical offset in seconds; and check
 * that the triggers keep the sums equal to the rows through inserts, updates
 * and deletes. */

#include "config.h"

#include <glib/gstdio.h>

#include "guild-generate.h"
#include "guild-metrics.h"
#include "guild-metrics-private.h"
#include "guild-records.h"
#include "guild-store.h"
#include "guild-store-private.h"

typedef struct
{
  char       *dir;
  char       *path;
  GuildStore *store;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GuildGenerateOptions options;
  GDate today;

  f->dir = g_dir_make_tmp ("guild-metrics-slots-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  guild_generate_options_init (&options);
  options.seed = 11;
  options.communities = 12;
  options.contacts = 150;
  options.events = 40;
  options.activities = 4000;
  options.checkins = 30;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_MARCH, 2026);
  options.today = &today;
  g_assert_true (guild_generate (f->store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  _guild_store_metrics_set_use_slots (TRUE);
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_remove (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
exec (GuildStore *store,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_guild_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (GuildStore *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_guild_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static GuildMetrics *
compute (GuildStore        *store,
         GuildMetricsQuery *query,
         gboolean           slots)
{
  g_autoptr(GError) error = NULL;
  GuildMetrics *m;

  _guild_store_metrics_set_use_slots (slots);
  m = guild_store_metrics (store, query, NULL, &error);
  _guild_store_metrics_set_use_slots (TRUE);
  g_assert_no_error (error);
  g_assert_nonnull (m);

  return m;
}

static void
assert_weeks_equal (const GuildMetricsWeek *a,
                    const GuildMetricsWeek *b)
{
  g_assert_cmpstr (a->week, ==, b->week);
  g_assert_cmpstr (a->start, ==, b->start);
  g_assert_cmpuint (a->activities, ==, b->activities);
  g_assert_cmpuint (a->active_days, ==, b->active_days);
  g_assert_cmpuint (a->minutes, ==, b->minutes);
  g_assert_cmpuint (a->new_connections, ==, b->new_connections);
  g_assert_cmpuint (a->connections_total, ==, b->connections_total);
  g_assert_cmpuint (a->interactions, ==, b->interactions);
  g_assert_cmpuint (a->reactions, ==, b->reactions);
  g_assert_cmpuint (a->events_attended, ==, b->events_attended);
  g_assert_cmpuint (a->publications, ==, b->publications);
  g_assert_cmpuint (a->courses_completed, ==, b->courses_completed);
  for (guint s = 0; s < GUILD_N_STRATEGIES; s++)
    g_assert_cmpuint (a->strategy[s], ==, b->strategy[s]);
  g_assert_cmpuint (a->checkins, ==, b->checkins);
  for (guint r = 0; r < GUILD_N_RATINGS; r++)
    {
      g_assert_cmpfloat (a->rating_sum[r], ==, b->rating_sum[r]);
      g_assert_cmpuint (a->rating_count[r], ==, b->rating_count[r]);
    }
}

/* Computes @query both ways and compares every figure; returns the number
 * of activities counted, so a caller can check the period was not empty. */
static guint
assert_same_both_ways (GuildStore        *store,
                       GuildMetricsQuery *query)
{
  g_autoptr(GuildMetrics) rows = compute (store, query, FALSE);
  g_autoptr(GuildMetrics) slots = compute (store, query, TRUE);
  const GuildMetricsDay *rows_days, *slots_days;
  guint n_rows_days, n_slots_days;

  g_assert_cmpuint (rows->n_weeks, ==, slots->n_weeks);
  g_assert_cmpstr (rows->from, ==, slots->from);
  g_assert_cmpstr (rows->to, ==, slots->to);
  g_assert_cmpuint (rows->streak_weeks, ==, slots->streak_weeks);
  for (guint w = 0; w < rows->n_weeks; w++)
    assert_weeks_equal (&rows->weeks[w], &slots->weeks[w]);
  assert_weeks_equal (&rows->totals, &slots->totals);

  rows_days = guild_metrics_get_days (rows, &n_rows_days);
  slots_days = guild_metrics_get_days (slots, &n_slots_days);
  g_assert_cmpuint (n_rows_days, ==, n_slots_days);
  for (guint d = 0; d < n_rows_days; d++)
    {
      g_assert_cmpuint (rows_days[d].activities, ==, slots_days[d].activities);
      g_assert_cmpuint (rows_days[d].minutes, ==, slots_days[d].minutes);
      g_assert_cmpuint (rows_days[d].publications, ==, slots_days[d].publications);
      g_assert_cmpuint (rows_days[d].new_connections, ==, slots_days[d].new_connections);
      g_assert_cmpuint (rows_days[d].events_attended, ==, slots_days[d].events_attended);
      g_assert_cmpuint (rows_days[d].courses_completed, ==, slots_days[d].courses_completed);
      for (guint s = 0; s < GUILD_N_STRATEGIES; s++)
        g_assert_cmpuint (rows_days[d].strategy[s], ==, slots_days[d].strategy[s]);
    }

  return rows->totals.activities;
}

static void
test_generated (Fixture       *f,
                gconstpointer  data)
{
  /* Daylight saving, whole hours; half an hour; three quarters; a
   * half-hour daylight-saving shift; none. */
  static const char *zones[] = {
    "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu",
    "Australia/Lord_Howe", "Pacific/Chatham", "UTC",
  };
  static const struct { const char *from, *to; } periods[] = {
    { NULL, "2026-03-15" },               /* all time */
    { "2025-12-15", "2026-03-15" },       /* a quarter */
    { "2025-03-16", "2026-03-15" },       /* a year */
    { "2025-10-20", "2025-11-09" },       /* daylight saving ends in Europe and America */
    { "2025-03-27", "2025-04-08" },       /* it begins, and ends in the south */
    { "2025-06-04", "2025-06-04" },       /* one day, mid-week */
  };
  guint total = 0;

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
      {
        g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zones[z]);
        GuildMetricsQuery query = { periods[p].from, periods[p].to, 0, tz };

        g_assert_nonnull (tz);
        g_test_message ("%s, %s – %s", zones[z], periods[p].from, periods[p].to);
        total += assert_same_both_ways (f->store, &query);
      }

  /* The all-time queries saw every activity. */
  g_assert_cmpuint (total, >=, (guint) query_int (f->store, "SELECT count(*) FROM activity"));
}

static void
test_historical_offset (Fixture       *f,
                        gconstpointer  data)
{
  /* Amsterdam's mean time in 1935 was UTC+00:19:32: a local midnight is
   * not on a slot's edge, so the metrics read the rows. */
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Amsterdam");
  GuildMetricsQuery query = { "1935-01-07", "1935-01-20", 0, tz };
  g_autoptr(GuildMetrics) m = NULL;

  /* Local midnight is 23:40:28 UTC. 23:54:32 local time on Monday 7 January
   * and 00:03:32 on Tuesday 8 January: one slot (23:30–23:45 UTC), two
   * days. */
  exec (f->store,
        "INSERT INTO activity (at, kind, strategy, minutes) VALUES"
        " (strftime('%s', '1935-01-07 23:35:00'), 'read', 'learning', 10),"
        " (strftime('%s', '1935-01-07 23:44:00'), 'publish', 'value_creation', 20)");
  g_assert_cmpuint (assert_same_both_ways (f->store, &query), ==, 2);

  m = compute (f->store, &query, TRUE);
  g_assert_cmpuint (m->days[0].activities, ==, 1);
  g_assert_cmpuint (m->days[0].minutes, ==, 10);
  g_assert_cmpuint (m->days[1].activities, ==, 1);
  g_assert_cmpuint (m->days[1].publications, ==, 1);
}

/* activity_slot holds exactly the sums of the rows, with no empty slot. */
static void
assert_slots_match_rows (GuildStore *store)
{
  static const char rows[] =
    "SELECT at - ((at % 900) + 900) % 900 AS s, count(*), sum(minutes),"
    " sum(likes + comments + reposts),"
    " sum(kind IN ('ask_question', 'request_feedback', 'comment', 'message', 'support',"
    "  'share_experience')),"
    " sum(kind = 'publish'), sum(strategy = 'learning'), sum(strategy = 'value_creation'),"
    " sum(strategy = 'connecting') FROM activity GROUP BY s";
  g_autofree char *missing = g_strdup_printf ("SELECT count(*) FROM (%s EXCEPT"
                                              " SELECT * FROM activity_slot)", rows);
  g_autofree char *extra = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM activity_slot"
                                            " EXCEPT %s)", rows);

  g_assert_cmpint (query_int (store, missing), ==, 0);
  g_assert_cmpint (query_int (store, extra), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM activity_slot WHERE activities <= 0"),
                   ==, 0);
}

static void
test_triggers (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  GuildMetricsQuery query = { NULL, "2026-03-15", 0, tz };
  g_autoptr(GuildActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, before;

  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM activity"), ==, 4000);
  assert_slots_match_rows (f->store);

  /* Through the store: add, edit every counted field, remove. */
  before = query_int (f->store, "SELECT count(*) FROM activity_slot");
  activity = guild_activity_new ("publish", 1767225600 + 7 * 3600 + 123);
  g_object_set (activity, "minutes", 45, "likes", 3, "comments", 2, "reposts", 1, NULL);
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (activity), &error));
  g_assert_no_error (error);
  id = guild_record_get_id (GUILD_RECORD (activity));
  g_assert_cmpint (id, >, 0);
  assert_slots_match_rows (f->store);

  g_object_set (activity, "kind", "ask_question", "strategy", "learning", "at", (gint64) 1767225600 - 86400 * 40,
                "minutes", 5, "likes", 0, NULL);
  g_assert_true (guild_store_update (f->store, GUILD_RECORD (activity), &error));
  g_assert_no_error (error);
  assert_slots_match_rows (f->store);

  g_assert_true (guild_store_remove (f->store, GUILD_RECORD_ACTIVITY, id, &error));
  g_assert_no_error (error);
  assert_slots_match_rows (f->store);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM activity_slot"), ==, before);

  /* In bulk, the way imports and undo write. */
  exec (f->store,
        "UPDATE activity SET at = at + 600, minutes = minutes + 1 WHERE id % 7 = 0;"
        "UPDATE activity SET kind = 'comment', strategy = 'value_creation' WHERE id % 11 = 0;"
        "UPDATE activity SET likes = likes + 2, reposts = 1 WHERE id % 13 = 0;"
        "UPDATE activity SET at = -86400 * 3 - 17 WHERE id % 97 = 0;"
        "UPDATE activity SET note = 'not counted' WHERE id % 5 = 0;"
        "DELETE FROM activity WHERE id % 3 = 0;");
  assert_slots_match_rows (f->store);
  assert_same_both_ways (f->store, &query);

  exec (f->store, "DELETE FROM activity");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM activity_slot"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/guild/metrics/slots/generated", Fixture, NULL, set_up, test_generated,
              tear_down);
  g_test_add ("/guild/metrics/slots/historical-offset", Fixture, NULL, set_up,
              test_historical_offset, tear_down);
  g_test_add ("/guild/metrics/slots/triggers", Fixture, NULL, set_up, test_triggers,
              tear_down);

  return g_test_run ();
}
