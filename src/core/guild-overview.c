/* guild-overview.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-overview"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-metrics-private.h"
#include "guild-overview.h"
#include "guild-record.h"
#include "guild-recurrence.h"
#include "guild-store-contacts.h"
#include "guild-store-private.h"

/* The overview the Charts view opens with: how this week and month stand
 * against the goals, what is coming, who is due and which community has gone
 * quiet, and the strategy the user has neglected this month. It is made on a
 * worker thread with a reader connection of its own, as one immutable value.
 */

#define DAY_SECONDS (24 * 60 * 60)
#define MAX_ITEMS 5

G_DEFINE_BOXED_TYPE (GuildOverview, guild_overview, guild_overview_ref, guild_overview_unref)

static void
item_free (GuildOverviewItem *item)
{
  g_free (item->name);
  g_free (item);
}

static GuildOverviewItem *
item_new (gint64      id,
          const char *name,
          gint64      when)
{
  GuildOverviewItem *item = g_new0 (GuildOverviewItem, 1);

  item->id = id;
  item->name = g_strdup (name != NULL ? name : "");
  item->when = when;
  return item;
}

static void
overview_clear (GuildOverview *self)
{
  g_clear_pointer (&self->year, guild_metrics_unref);
  g_clear_pointer (&self->upcoming, g_ptr_array_unref);
  g_clear_pointer (&self->due, g_ptr_array_unref);
  g_clear_pointer (&self->quiet, g_ptr_array_unref);
  g_clear_pointer (&self->suggest_community_name, g_free);
}

GuildOverview *
guild_overview_ref (GuildOverview *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
guild_overview_unref (GuildOverview *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) overview_clear);
}

/**
 * guild_overview_pick_neglected:
 * @counts: activities per strategy
 *
 * Returns: the strategy with the fewest activities; on a tie, the first in
 *   the seed's order (learning, value creation, connecting)
 */
GuildStrategy
guild_overview_pick_neglected (const guint counts[GUILD_N_STRATEGIES])
{
  GuildStrategy best = GUILD_STRATEGY_LEARNING;

  g_return_val_if_fail (counts != NULL, GUILD_STRATEGY_LEARNING);

  for (guint s = 1; s < GUILD_N_STRATEGIES; s++)
    if (counts[s] < counts[best])
      best = s;

  return best;
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  if (text == NULL || !guild_day_is_valid (text, FALSE))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (text[8] - '0') * 10 + (text[9] - '0'),
                  (text[5] - '0') * 10 + (text[6] - '0'),
                  (text[0] - '0') * 1000 + (text[1] - '0') * 100 +
                  (text[2] - '0') * 10 + (text[3] - '0'));
  return TRUE;
}

static gint64
local_midnight (GTimeZone   *tz,
                const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                                             g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

static gboolean
done (sqlite3  *db,
      int       rc,
      GError  **error)
{
  return rc == SQLITE_DONE ? TRUE : _guild_store_set_error (db, rc, error);
}

static gboolean
read_goals (sqlite3        *db,
            GuildOverview  *self,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db,
    "SELECT sessions_per_week, minutes_per_week, connections_per_month,"
    " publications_per_month, events_per_month FROM goals WHERE id = 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint g = 0; g < GUILD_N_GOALS; g++)
        self->goal[g] = MAX (0, sqlite3_column_int (stmt, g));
      return TRUE;
    }

  return done (db, rc, error);
}

static int
compare_items_when (gconstpointer a,
                    gconstpointer b)
{
  const GuildOverviewItem *x = *(GuildOverviewItem * const *) a;
  const GuildOverviewItem *y = *(GuildOverviewItem * const *) b;

  return (x->when > y->when) - (x->when < y->when);
}

typedef struct
{
  GPtrArray  *items;
  gint64      id;
  const char *title;
} UpcomingData;

static gboolean
add_occurrence (gint64   start,
                gint64   end,
                gpointer user_data)
{
  UpcomingData *data = user_data;

  g_ptr_array_add (data->items, item_new (data->id, data->title, start));
  /* A daily series yields at most seven in a week; stop there regardless. */
  return data->items->len < 1000;
}

static gboolean
read_upcoming (sqlite3             *db,
               GuildOverview       *self,
               gint64               now,
               GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) exdates = NULL;
  gint64 range_end = now + 7 * DAY_SECONDS;
  int rc;

  /* All-day events are stored at 00:00 UTC of their date; a day's margin
   * before now keeps today's. */
  stmt = prepare (db,
                  "SELECT id, title, starts_at, ends_at, all_day, tzid, rrule FROM event"
                  " WHERE status IN ('planned', 'going')"
                  " AND (rrule != '' OR (starts_at >= ?1 AND starts_at < ?2))", error);
  if (stmt == NULL)
    return FALSE;
  exdates = prepare (db, "SELECT value FROM event_exdate WHERE event_id = ?1 ORDER BY position",
                     error);
  if (exdates == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now - DAY_SECONDS);
  sqlite3_bind_int64 (stmt, 2, range_end);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UpcomingData data = { self->upcoming, sqlite3_column_int64 (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1) };
      const char *rrule = (const char *) sqlite3_column_text (stmt, 6);
      gboolean all_day = sqlite3_column_int (stmt, 4) != 0;
      g_autoptr(GPtrArray) excluded = g_ptr_array_new_with_free_func (g_free);
      guint before = self->upcoming->len;

      if (rrule != NULL && *rrule != '\0')
        {
          sqlite3_bind_int64 (exdates, 1, data.id);
          while (sqlite3_step (exdates) == SQLITE_ROW)
            g_ptr_array_add (excluded, g_strdup ((const char *) sqlite3_column_text (exdates, 0)));
          sqlite3_reset (exdates);
        }
      g_ptr_array_add (excluded, NULL);

      if (!guild_recurrence_expand (sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
                                    all_day, (const char *) sqlite3_column_text (stmt, 5),
                                    rrule, (const char * const *) excluded->pdata,
                                    now - DAY_SECONDS, range_end, add_occurrence, &data, NULL))
        continue;

      /* Keep what has not started yet; an all-day event counts from its date's end. */
      for (guint i = self->upcoming->len; i > before; i--)
        {
          GuildOverviewItem *item = g_ptr_array_index (self->upcoming, i - 1);
          gint64 over = all_day ? item->when + DAY_SECONDS : item->when;

          if (over <= now || item->when >= range_end)
            g_ptr_array_remove_index (self->upcoming, i - 1);
        }
    }
  if (!done (db, rc, error))
    return FALSE;

  g_ptr_array_sort (self->upcoming, compare_items_when);
  if (self->upcoming->len > MAX_ITEMS)
    g_ptr_array_set_size (self->upcoming, MAX_ITEMS);

  return TRUE;
}

static gboolean
read_due (sqlite3        *db,
          GuildOverview  *self,
          const GDate    *today,
          GTimeZone      *tz,
          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* Only contacts with a cadence can be due; their latest activity comes
   * from activity_contact_by_contact_id, one probe each. */
  stmt = prepare (db,
                  "SELECT c.id, c.full_name, c.connected_on, c.cadence_days,"
                  " (SELECT max(a.at) FROM activity_contact AS ac"
                  "  JOIN activity AS a ON a.id = ac.activity_id WHERE ac.contact_id = c.id)"
                  " FROM contact AS c WHERE c.cadence_days > 0", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *connected = (const char *) sqlite3_column_text (stmt, 2);
      gint64 last = sqlite3_column_int64 (stmt, 4);
      int cadence = sqlite3_column_int (stmt, 3);
      GDate next;

      if (!guild_contact_is_due (connected, last, cadence, tz, today) ||
          !guild_contact_next_follow_up (connected, last, cadence, tz, &next))
        continue;

      self->n_due++;
      g_ptr_array_add (self->due, item_new (sqlite3_column_int64 (stmt, 0),
                                            (const char *) sqlite3_column_text (stmt, 1),
                                            local_midnight (tz, &next)));
    }
  if (!done (db, rc, error))
    return FALSE;

  g_ptr_array_sort (self->due, compare_items_when);
  if (self->due->len > MAX_ITEMS)
    g_ptr_array_set_size (self->due, MAX_ITEMS);

  return TRUE;
}

static gboolean
read_quiet (sqlite3        *db,
            GuildOverview  *self,
            gint64          threshold,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* One probe of activity_by_community per community. A community that has
   * never had an activity is quiet once it has been in the list as long. */
  stmt = prepare (db,
                  "SELECT id, name, last FROM"
                  " (SELECT c.id, c.name, c.created_at,"
                  "  (SELECT max(at) FROM activity WHERE community_id = c.id) AS last"
                  "  FROM community AS c WHERE c.status IN ('active', 'exploring'))"
                  " WHERE coalesce(last, created_at) < ?1"
                  " ORDER BY coalesce(last, 0), name", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, threshold);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (++self->n_quiet > MAX_ITEMS)
        continue;
      g_ptr_array_add (self->quiet, item_new (sqlite3_column_int64 (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1),
                                              sqlite3_column_int64 (stmt, 2)));
    }

  return done (db, rc, error);
}

static gboolean
read_suggestion (sqlite3        *db,
                 GuildOverview  *self,
                 gint64          since,
                 GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* The community the user has been most active in of late, else the first
   * active or exploring one by name. */
  stmt = prepare (db,
                  "SELECT c.id, c.name FROM community AS c"
                  " LEFT JOIN (SELECT community_id, count(*) AS n FROM activity"
                  "  WHERE at >= ?1 AND community_id IS NOT NULL GROUP BY community_id) AS r"
                  "  ON r.community_id = c.id"
                  " WHERE c.status IN ('active', 'exploring')"
                  " ORDER BY coalesce(r.n, 0) DESC, c.status = 'active' DESC, c.name LIMIT 1",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, since);

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      self->suggest_community = sqlite3_column_int64 (stmt, 0);
      self->suggest_community_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      return TRUE;
    }

  return done (db, rc, error);
}

static GuildOverview *
compute (sqlite3                  *db,
         const GuildOverviewQuery *query,
         GCancellable             *cancellable,
         GError                  **error)
{
  g_autoptr(GuildOverview) self = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  GuildMetricsQuery year_query = { 0 };
  GuildMetricsDay week, month;
  GDate today, monday, first, month_start;
  char from[12];

  if (!parse_day (query->today, &today))
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                   "“%s” is not a day", query->today ? query->today : "");
      return NULL;
    }

  tz = query->time_zone ? g_time_zone_ref (query->time_zone) : g_time_zone_new_local ();

  self = g_atomic_rc_box_new0 (GuildOverview);
  g_strlcpy (self->today, query->today, sizeof self->today);
  self->upcoming = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->due = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->quiet = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->quiet_weeks = MAX (1, query->quiet_weeks);

  /* The last 52 ISO weeks, this one included: the heatmap's and the streak's. */
  monday = today;
  g_date_subtract_days (&monday, g_date_get_weekday (&today) - G_DATE_MONDAY);
  first = monday;
  g_date_subtract_days (&first, 51 * 7);
  g_snprintf (from, sizeof from, "%04d-%02d-%02d", g_date_get_year (&first),
              g_date_get_month (&first), g_date_get_day (&first));
  year_query.from = from;
  year_query.to = query->today;
  year_query.time_zone = tz;

  self->year = _guild_store_metrics_compute (db, &year_query, cancellable, error);
  if (self->year == NULL)
    return NULL;

  g_date_clear (&month_start, 1);
  g_date_set_dmy (&month_start, 1, g_date_get_month (&today), g_date_get_year (&today));
  guild_metrics_sum_days (self->year, &monday, &today, &week);
  guild_metrics_sum_days (self->year, &month_start, &today, &month);
  self->done[GUILD_GOAL_SESSIONS_PER_WEEK] = week.activities;
  self->done[GUILD_GOAL_MINUTES_PER_WEEK] = week.minutes;
  self->done[GUILD_GOAL_CONNECTIONS_PER_MONTH] = month.new_connections;
  self->done[GUILD_GOAL_PUBLICATIONS_PER_MONTH] = month.publications;
  self->done[GUILD_GOAL_EVENTS_PER_MONTH] = month.events_attended;
  memcpy (self->month_strategy, month.strategy, sizeof self->month_strategy);
  self->neglected = guild_overview_pick_neglected (self->month_strategy);

  if (!read_goals (db, self, error) ||
      !read_upcoming (db, self, query->now, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !read_due (db, self, &today, tz, error) ||
      !read_quiet (db, self,
                   local_midnight (tz, &today) - (gint64) self->quiet_weeks * 7 * DAY_SECONDS,
                   error) ||
      !read_suggestion (db, self, local_midnight (tz, &today) - 90 * DAY_SECONDS, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * guild_store_overview:
 *
 * Computes the overview on the calling thread, with the store's connection.
 *
 * Returns: (transfer full): the overview, or %NULL with @error set
 */
GuildOverview *
guild_store_overview (GuildStore               *store,
                      const GuildOverviewQuery *query,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return compute (_guild_store_get_db (store), query, cancellable, error);
}

typedef struct
{
  char      *today;
  gint64     now;
  guint      quiet_weeks;
  GTimeZone *tz;
} OverviewData;

static void
overview_data_free (OverviewData *data)
{
  g_free (data->today);
  g_clear_pointer (&data->tz, g_time_zone_unref);
  g_free (data);
}

static gpointer
overview_read (sqlite3       *db,
               gpointer       user_data,
               GCancellable  *cancellable,
               GError       **error)
{
  OverviewData *data = user_data;
  GuildOverviewQuery query = { data->today, data->now, data->quiet_weeks, data->tz };

  return compute (db, &query, cancellable, error);
}

/**
 * guild_store_overview_async:
 *
 * Computes the overview on a worker thread with a connection of its own.
 */
void
guild_store_overview_async (GuildStore               *store,
                            const GuildOverviewQuery *query,
                            GCancellable             *cancellable,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  OverviewData *data;

  g_return_if_fail (GUILD_IS_STORE (store));
  g_return_if_fail (query != NULL);

  data = g_new0 (OverviewData, 1);
  data->today = g_strdup (query->today);
  data->now = query->now;
  data->quiet_weeks = query->quiet_weeks;
  data->tz = query->time_zone ? g_time_zone_ref (query->time_zone) : NULL;

  _guild_store_read_async (store, guild_store_overview_async, overview_read,
                           data, (GDestroyNotify) overview_data_free,
                           (GDestroyNotify) guild_overview_unref,
                           cancellable, callback, user_data);
}

/**
 * guild_store_overview_finish:
 *
 * Returns: (transfer full): the overview, or %NULL with @error set
 */
GuildOverview *
guild_store_overview_finish (GuildStore    *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
