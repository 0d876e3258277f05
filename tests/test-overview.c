/* test-overview.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "guild-overview.h"
#include "guild-recurrence.h"
#include "guild-store.h"

/* The overview at the top of the Charts view, on a small hand-made data set
 * whose answers are known. "Today" is Wednesday 19 November 2025, in UTC. */

typedef struct
{
  char       *dir;
  GuildStore *store;
  GTimeZone  *utc;
} Fixture;

static gint64
at (const char *text)
{
  gint64 value = 0;

  g_assert_true (guild_instant_parse (text, &value));
  return value;
}

static gint64
add (Fixture     *f,
     GuildRecord *record)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  guild_store_add (f->store, record, &error);
  g_assert_no_error (error);
  id = guild_record_get_id (record);
  g_object_unref (record);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("guild-overview-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->utc = g_time_zone_new_utc ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  g_time_zone_unref (f->utc);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GuildOverview *
overview (Fixture *f)
{
  GuildOverviewQuery query = { "2025-11-19", at ("2025-11-19T12:00:00Z"), 3, f->utc };
  g_autoptr(GError) error = NULL;
  GuildOverview *o = guild_store_overview (f->store, &query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

static void
activity (Fixture    *f,
          const char *kind,
          const char *when,
          int         minutes,
          gint64      community)
{
  GuildActivity *a = guild_activity_new (kind, at (when));

  g_object_set (a, "minutes", minutes, "community-id", community, NULL);
  add (f, GUILD_RECORD (a));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GuildOverview) o = overview (f);

  g_assert_cmpuint (o->year->n_weeks, ==, 52);
  for (guint g = 0; g < GUILD_N_GOALS; g++)
    {
      g_assert_cmpuint (o->goal[g], ==, 0);
      g_assert_cmpuint (o->done[g], ==, 0);
    }
  g_assert_cmpuint (o->upcoming->len, ==, 0);
  g_assert_cmpuint (o->due->len, ==, 0);
  g_assert_cmpuint (o->quiet->len, ==, 0);
  g_assert_cmpint (o->suggest_community, ==, 0);
  g_assert_cmpint (o->neglected, ==, GUILD_STRATEGY_LEARNING);
}

static void
test_week (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GuildGoals) goals = guild_goals_new ();
  g_autoptr(GuildOverview) o = NULL;
  g_autoptr(GError) error = NULL;
  GuildCommunity *community;
  GuildContact *contact;
  GuildEvent *event;
  gint64 active, silent, due, soon, weekly;

  community = guild_community_new ("Rust Moscow");
  g_object_set (community, "status", "active", NULL);
  active = add (f, GUILD_RECORD (community));
  community = guild_community_new ("Quiet Club");
  g_object_set (community, "status", "exploring", NULL);
  _guild_record_set_times (GUILD_RECORD (community), at ("2025-01-01T00:00:00Z"), 0);
  silent = add (f, GUILD_RECORD (community));
  community = guild_community_new ("Paused Club");
  g_object_set (community, "status", "paused", NULL);
  _guild_record_set_times (GUILD_RECORD (community), at ("2025-01-01T00:00:00Z"), 0);
  add (f, GUILD_RECORD (community));

  /* This week (from Monday 17th): two sessions, 50 minutes. Sunday 16th 23:30
   * is last week's. This month: one publication, one connection. */
  activity (f, "publish", "2025-11-17T00:30:00Z", 20, active);
  activity (f, "connect", "2025-11-18T10:00:00Z", 30, active);
  activity (f, "comment", "2025-11-16T23:30:00Z", 10, active);
  /* Last month's learning does not count for this month. */
  activity (f, "read", "2025-10-30T10:00:00Z", 10, active);
  /* The quiet club's last activity, five weeks ago. */
  activity (f, "read", "2025-10-15T10:00:00Z", 10, silent);

  contact = guild_contact_new ("Due Person");
  g_object_set (contact, "connected-on", "2025-10-01", "cadence-days", 14, NULL);
  due = add (f, GUILD_RECORD (contact));
  contact = guild_contact_new ("Fresh Person");
  g_object_set (contact, "connected-on", "2025-11-10", "cadence-days", 30, NULL);
  add (f, GUILD_RECORD (contact));

  event = guild_event_new ("Tomorrow's meetup", at ("2025-11-20T18:00:00Z"), 0);
  soon = add (f, GUILD_RECORD (event));
  event = guild_event_new ("Far away", at ("2025-12-20T18:00:00Z"), 0);
  add (f, GUILD_RECORD (event));
  event = guild_event_new ("Missed one", at ("2025-11-21T18:00:00Z"), 0);
  g_object_set (event, "status", "missed", NULL);
  add (f, GUILD_RECORD (event));
  /* Weekly on Saturdays since October: the 22nd is in the next 7 days. */
  event = guild_event_new ("Study group", at ("2025-10-04T09:00:00Z"), 0);
  g_object_set (event, "rrule", "FREQ=WEEKLY", "tzid", "UTC", NULL);
  weekly = add (f, GUILD_RECORD (event));

  g_object_set (goals, "sessions-per-week", 2, "minutes-per-week", 60,
                "publications-per-month", 4, NULL);
  guild_store_save_singleton (f->store, GUILD_RECORD (goals), &error);
  g_assert_no_error (error);

  o = overview (f);

  g_assert_cmpuint (o->done[GUILD_GOAL_SESSIONS_PER_WEEK], ==, 2);
  g_assert_cmpuint (o->goal[GUILD_GOAL_SESSIONS_PER_WEEK], ==, 2);
  g_assert_cmpuint (o->done[GUILD_GOAL_MINUTES_PER_WEEK], ==, 50);
  g_assert_cmpuint (o->goal[GUILD_GOAL_MINUTES_PER_WEEK], ==, 60);
  g_assert_cmpuint (o->done[GUILD_GOAL_PUBLICATIONS_PER_MONTH], ==, 1);
  g_assert_cmpuint (o->goal[GUILD_GOAL_PUBLICATIONS_PER_MONTH], ==, 4);
  g_assert_cmpuint (o->done[GUILD_GOAL_CONNECTIONS_PER_MONTH], ==, 1);
  g_assert_cmpuint (o->done[GUILD_GOAL_EVENTS_PER_MONTH], ==, 0);

  /* Learning: none this month; value creation 2, connecting 1. */
  g_assert_cmpuint (o->month_strategy[GUILD_STRATEGY_LEARNING], ==, 0);
  g_assert_cmpuint (o->month_strategy[GUILD_STRATEGY_VALUE_CREATION], ==, 2);
  g_assert_cmpuint (o->month_strategy[GUILD_STRATEGY_CONNECTING], ==, 1);
  g_assert_cmpint (o->neglected, ==, GUILD_STRATEGY_LEARNING);
  g_assert_cmpint (o->suggest_community, ==, active);
  g_assert_cmpstr (o->suggest_community_name, ==, "Rust Moscow");

  g_assert_cmpuint (o->upcoming->len, ==, 2);
  g_assert_cmpint (((GuildOverviewItem *) o->upcoming->pdata[0])->id, ==, soon);
  g_assert_cmpint (((GuildOverviewItem *) o->upcoming->pdata[1])->id, ==, weekly);
  g_assert_cmpint (((GuildOverviewItem *) o->upcoming->pdata[1])->when, ==,
                   at ("2025-11-22T09:00:00Z"));

  g_assert_cmpuint (o->n_due, ==, 1);
  g_assert_cmpint (((GuildOverviewItem *) o->due->pdata[0])->id, ==, due);
  g_assert_cmpint (((GuildOverviewItem *) o->due->pdata[0])->when, ==, at ("2025-10-15T00:00:00Z"));

  /* Quiet for three weeks or more: the club, not Rust Moscow, not the paused one. */
  g_assert_cmpuint (o->n_quiet, ==, 1);
  g_assert_cmpint (((GuildOverviewItem *) o->quiet->pdata[0])->id, ==, silent);
  g_assert_cmpint (((GuildOverviewItem *) o->quiet->pdata[0])->when, ==, at ("2025-10-15T10:00:00Z"));

  /* Last week (one session, below the goal of two) ends the streak at zero. */
  g_assert_cmpuint (o->year->streak_weeks, ==, 0);
}

static void
test_pick_neglected (void)
{
  guint a[GUILD_N_STRATEGIES] = { 3, 1, 2 };
  guint b[GUILD_N_STRATEGIES] = { 2, 2, 2 };
  guint c[GUILD_N_STRATEGIES] = { 5, 4, 0 };

  g_assert_cmpint (guild_overview_pick_neglected (a), ==, GUILD_STRATEGY_VALUE_CREATION);
  g_assert_cmpint (guild_overview_pick_neglected (b), ==, GUILD_STRATEGY_LEARNING);
  g_assert_cmpint (guild_overview_pick_neglected (c), ==, GUILD_STRATEGY_CONNECTING);
}

static void
on_overview_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GuildOverview **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = guild_store_overview_finish (GUILD_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  GuildOverviewQuery query = { "2025-11-19", at ("2025-11-19T12:00:00Z"), 3, f->utc };
  g_autoptr(GuildOverview) o = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  activity (f, "read", "2025-11-18T10:00:00Z", 25, 0);
  guild_store_overview_async (f->store, &query, NULL, on_overview_cb, &o);
  while (o == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (o);
  g_assert_cmpuint (o->done[GUILD_GOAL_MINUTES_PER_WEEK], ==, 25);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guild/overview/pick-neglected", test_pick_neglected);
#define ADD(path, func) \
  g_test_add ("/guild/overview/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("empty", test_empty);
  ADD ("week", test_week);
  ADD ("async", test_async);
#undef ADD

  return g_test_run ();
}
