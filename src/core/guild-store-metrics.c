/* guild-store-metrics.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store-metrics"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-metrics.h"
#include "guild-metrics-private.h"
#include "guild-record.h"
#include "guild-recurrence.h"
#include "guild-store-private.h"
#include "guild-vocab.h"

/* The figures behind the charts and `guildctl metrics`, one definition for
 * both (DESIGN.md, "Metric definitions"). Every row is streamed once and
 * bucketed by the user's local day: the UTC instant of each local midnight
 * in the period is computed up front, and an instant finds its day by binary
 * search, which stays right across daylight-saving changes.
 *
 * Activities, a million and more, are not read row by row: activity_slot
 * (schema version 2) holds their sums per quarter of an hour, and a slot
 * finds its day the same way as a row. When a midnight of the period is not
 * on a slot's edge (some historical zones), or for one community (whose
 * rows activity_by_community covers), the rows are read as before.
 */

#define DAY_SECONDS (24 * 60 * 60)

typedef struct
{
  GDate       first;        /* the Monday of the first week */
  guint       n_days;       /* whole weeks */
  guint       from_index;   /* the period's first and last day */
  guint       to_index;
  gint64     *midnights;    /* n_days + 1 boundaries */
  GTimeZone  *tz;
} Calendar;

static void
calendar_clear (Calendar *cal)
{
  g_clear_pointer (&cal->midnights, g_free);
  g_clear_pointer (&cal->tz, g_time_zone_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Calendar, calendar_clear)

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  if (!guild_day_is_valid (text, FALSE))
    return FALSE;

  /* guild_day_is_valid() has checked the digits and the calendar. */
  g_date_clear (date, 1);
  g_date_set_dmy (date, (text[8] - '0') * 10 + (text[9] - '0'),
                  (text[5] - '0') * 10 + (text[6] - '0'),
                  (text[0] - '0') * 1000 + (text[1] - '0') * 100 +
                  (text[2] - '0') * 10 + (text[3] - '0'));
  return TRUE;
}

static void
format_day (const GDate *date,
            char         out[12])
{
  g_snprintf (out, 12, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
}

static gint64
local_midnight (GTimeZone   *tz,
                const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                                             g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static gboolean
calendar_init (Calendar                *cal,
               const GuildMetricsQuery *query,
               GError                 **error)
{
  GDate from, to, last;

  memset (cal, 0, sizeof *cal);

  if (!parse_day (query->from, &from) || !parse_day (query->to, &to))
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                   /* Translators: the dates are written YYYY-MM-DD. */
                   _("The period %s – %s is not made of valid dates."),
                   query->from ? query->from : "", query->to ? query->to : "");
      return FALSE;
    }
  if (g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                   _("The period starts on %s, after it ends on %s."), query->from, query->to);
      return FALSE;
    }

  cal->tz = query->time_zone ? g_time_zone_ref (query->time_zone) : g_time_zone_new_local ();

  cal->first = from;
  g_date_subtract_days (&cal->first, g_date_get_weekday (&from) - G_DATE_MONDAY);
  last = to;
  g_date_add_days (&last, G_DATE_SUNDAY - g_date_get_weekday (&to));

  cal->n_days = g_date_days_between (&cal->first, &last) + 1;
  cal->from_index = g_date_days_between (&cal->first, &from);
  cal->to_index = g_date_days_between (&cal->first, &to);

  cal->midnights = g_new (gint64, cal->n_days + 1);
  for (guint i = 0; i <= cal->n_days; i++)
    {
      GDate day = cal->first;

      g_date_add_days (&day, i);
      cal->midnights[i] = local_midnight (cal->tz, &day);
    }

  return TRUE;
}

/* The day index of an instant, or -1 outside the period's days. */
static int
day_of_instant (const Calendar *cal,
                gint64          t)
{
  guint lo = 0, hi = cal->n_days;

  if (t < cal->midnights[0] || t >= cal->midnights[cal->n_days])
    return -1;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (cal->midnights[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }

  if (lo < cal->from_index || lo > cal->to_index)
    return -1;

  return lo;
}

/* Days relative to the first Monday; may be negative or past the end. */
static int
day_of_date (const Calendar *cal,
             const GDate    *date)
{
  return g_date_days_between (&cal->first, date);
}

static gboolean
in_period (const Calendar *cal,
           int             day)
{
  return day >= (int) cal->from_index && day <= (int) cal->to_index;
}

/* The local day of an instant anywhere in time. */
static int
day_of_any_instant (const Calendar *cal,
                    gint64          t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  if (utc == NULL)
    return G_MININT;

  local = g_date_time_to_timezone (utc, cal->tz);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return day_of_date (cal, &date);
}

static gboolean
step_error (sqlite3  *db,
            int       rc,
            GError  **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;

  return _guild_store_set_error (db, rc, error);
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

enum {
  KIND_INTERACTION = 1 << 0,
  KIND_PUBLICATION = 1 << 1,
};

typedef struct
{
  guint strategy;
  guint flags;
} KindInfo;

static GHashTable *
kind_table (void)
{
  static const char *interactions[] = {
    "ask_question", "request_feedback", "comment", "message", "support", "share_experience",
  };
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const GuildVocabEntry *entries;
  guint n;

  entries = guild_vocab_entries (GUILD_VOCAB_ACTIVITY_KIND, &n);
  for (guint i = 0; i < n; i++)
    {
      KindInfo *info = g_new0 (KindInfo, 1);

      if (g_strcmp0 (entries[i].strategy, "value_creation") == 0)
        info->strategy = GUILD_STRATEGY_VALUE_CREATION;
      else if (g_strcmp0 (entries[i].strategy, "connecting") == 0)
        info->strategy = GUILD_STRATEGY_CONNECTING;
      else
        info->strategy = GUILD_STRATEGY_LEARNING;

      for (guint j = 0; j < G_N_ELEMENTS (interactions); j++)
        if (strcmp (entries[i].id, interactions[j]) == 0)
          info->flags |= KIND_INTERACTION;
      if (strcmp (entries[i].id, "publish") == 0)
        info->flags |= KIND_PUBLICATION;

      g_hash_table_insert (table, (gpointer) entries[i].id, info);
    }

  return table;
}

static gboolean
add_activities (sqlite3        *db,
                const Calendar *cal,
                gint64          community,
                GuildMetrics   *m,
                guint          *per_day,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) kinds = kind_table ();
  guint rows = 0;
  int rc;

  stmt = prepare (db, community > 0
                  ? "SELECT at, kind, minutes, likes + comments + reposts FROM activity"
                    " WHERE community_id = ?3 AND at >= ?1 AND at < ?2"
                  : "SELECT at, kind, minutes, likes + comments + reposts FROM activity"
                    " WHERE at >= ?1 AND at < ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, cal->midnights[cal->from_index]);
  sqlite3_bind_int64 (stmt, 2, cal->midnights[cal->to_index + 1]);
  if (community > 0)
    sqlite3_bind_int64 (stmt, 3, community);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int day = day_of_instant (cal, sqlite3_column_int64 (stmt, 0));
      const KindInfo *info = g_hash_table_lookup (kinds, sqlite3_column_text (stmt, 1));
      GuildMetricsWeek *week;

      if (day < 0 || info == NULL)
        continue;

      week = &m->weeks[day / 7];
      week->activities++;
      week->minutes += sqlite3_column_int (stmt, 2);
      week->reactions += sqlite3_column_int (stmt, 3);
      week->strategy[info->strategy]++;
      if (info->flags & KIND_INTERACTION)
        week->interactions++;
      if (info->flags & KIND_PUBLICATION)
        week->publications++;
      per_day[day]++;

      m->days[day].activities++;
      m->days[day].minutes += sqlite3_column_int (stmt, 2);
      m->days[day].strategy[info->strategy]++;
      if (info->flags & KIND_PUBLICATION)
        m->days[day].publications++;

      if ((++rows & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  return step_error (db, rc, error);
}

/* Whether the activities are summed from activity_slot; tests turn it off
 * to compare with reading the rows. */
static gboolean use_slots = TRUE;

void
_guild_store_metrics_set_use_slots (gboolean use)
{
  use_slots = use;
}

/* A local day is made of whole slots (quarters of an hour) when every
 * midnight in the period falls on a slot's start: true of every time zone in
 * use today, not of some historical local mean times. */
static gboolean
days_are_whole_slots (const Calendar *cal)
{
  for (guint i = cal->from_index; i <= cal->to_index + 1; i++)
    if (((cal->midnights[i] % 900) + 900) % 900 != 0)
      return FALSE;

  return TRUE;
}

/* The same figures as add_activities() without a community, from the sums
 * per slot that activity_slot's triggers keep (guild-store-schema.c). */
static gboolean
add_activity_slots (sqlite3        *db,
                    const Calendar *cal,
                    GuildMetrics   *m,
                    guint          *per_day,
                    GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (db,
                  "SELECT slot, activities, minutes, reactions, interactions, publications,"
                  " learning, value_creation, connecting FROM activity_slot"
                  " WHERE slot >= ?1 AND slot < ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, cal->midnights[cal->from_index]);
  sqlite3_bind_int64 (stmt, 2, cal->midnights[cal->to_index + 1]);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int day = day_of_instant (cal, sqlite3_column_int64 (stmt, 0));
      guint activities = (guint) sqlite3_column_int64 (stmt, 1);
      guint minutes = (guint) sqlite3_column_int64 (stmt, 2);
      guint publications = (guint) sqlite3_column_int64 (stmt, 5);
      guint strategy[GUILD_N_STRATEGIES];
      GuildMetricsWeek *week;

      if (day < 0 || activities == 0)
        continue;

      strategy[GUILD_STRATEGY_LEARNING] = (guint) sqlite3_column_int64 (stmt, 6);
      strategy[GUILD_STRATEGY_VALUE_CREATION] = (guint) sqlite3_column_int64 (stmt, 7);
      strategy[GUILD_STRATEGY_CONNECTING] = (guint) sqlite3_column_int64 (stmt, 8);

      week = &m->weeks[day / 7];
      week->activities += activities;
      week->minutes += minutes;
      week->reactions += (guint) sqlite3_column_int64 (stmt, 3);
      week->interactions += (guint) sqlite3_column_int64 (stmt, 4);
      week->publications += publications;
      per_day[day] += activities;

      m->days[day].activities += activities;
      m->days[day].minutes += minutes;
      m->days[day].publications += publications;
      for (guint s = 0; s < GUILD_N_STRATEGIES; s++)
        {
          week->strategy[s] += strategy[s];
          m->days[day].strategy[s] += strategy[s];
        }
    }

  return step_error (db, rc, error);
}

static gboolean
add_connections (sqlite3        *db,
                 const Calendar *cal,
                 gint64          community,
                 GuildMetrics   *m,
                 guint          *before_period,
                 GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (db, community > 0
                  ? "SELECT connected_on, created_at FROM contact WHERE id IN"
                    " (SELECT contact_id FROM membership WHERE community_id = ?1)"
                  : "SELECT connected_on, created_at FROM contact", error);
  if (stmt == NULL)
    return FALSE;
  if (community > 0)
    sqlite3_bind_int64 (stmt, 1, community);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *connected = (const char *) sqlite3_column_text (stmt, 0);
      GDate date;
      int day;

      if (connected != NULL && parse_day (connected, &date))
        day = day_of_date (cal, &date);
      else
        day = day_of_any_instant (cal, sqlite3_column_int64 (stmt, 1));

      if (day < (int) cal->from_index)
        (*before_period)++;
      else if (day <= (int) cal->to_index)
        {
          m->weeks[day / 7].new_connections++;
          m->days[day].new_connections++;
        }
    }

  return step_error (db, rc, error);
}

typedef struct
{
  const Calendar *cal;
  GuildMetrics   *m;
  gboolean        all_day;
} OccurrenceData;

static gboolean
count_occurrence (gint64   start,
                  gint64   end,
                  gpointer user_data)
{
  OccurrenceData *data = user_data;
  int day;

  /* An all-day event happens on its date, whatever the zone. */
  if (data->all_day)
    {
      GDate date;
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (start);

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                      g_date_time_get_year (dt));
      day = day_of_date (data->cal, &date);
      if (!in_period (data->cal, day))
        return TRUE;
    }
  else if ((day = day_of_instant (data->cal, start)) < 0)
    return TRUE;

  data->m->weeks[day / 7].events_attended++;
  data->m->days[day].events_attended++;
  return TRUE;
}

static gboolean
add_events (sqlite3        *db,
            const Calendar *cal,
            gint64          community,
            GuildMetrics   *m,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) exdates = NULL;
  /* All-day events are stored at 00:00 UTC of their date: widen the window
   * by a day on each side and let count_occurrence() decide. */
  gint64 range_start = cal->midnights[cal->from_index] - DAY_SECONDS;
  gint64 range_end = cal->midnights[cal->to_index + 1] + DAY_SECONDS;
  int rc;

  stmt = prepare (db,
                  "SELECT id, starts_at, ends_at, all_day, tzid, rrule FROM event"
                  " WHERE status = 'attended' AND (?3 = 0 OR community_id = ?3)"
                  " AND (rrule != '' OR (starts_at >= ?1 AND starts_at < ?2))", error);
  exdates = prepare (db, "SELECT value FROM event_exdate WHERE event_id = ?1 ORDER BY position",
                     NULL);
  if (stmt == NULL || exdates == NULL)
    return stmt == NULL ? FALSE : _guild_store_set_error (db, sqlite3_errcode (db), error);

  sqlite3_bind_int64 (stmt, 1, range_start);
  sqlite3_bind_int64 (stmt, 2, range_end);
  sqlite3_bind_int64 (stmt, 3, community);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OccurrenceData data = { cal, m, sqlite3_column_int (stmt, 3) != 0 };
      const char *rrule = (const char *) sqlite3_column_text (stmt, 5);
      g_autoptr(GPtrArray) excluded = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) local_error = NULL;

      if (rrule != NULL && *rrule != '\0')
        {
          sqlite3_bind_int64 (exdates, 1, sqlite3_column_int64 (stmt, 0));
          while (sqlite3_step (exdates) == SQLITE_ROW)
            g_ptr_array_add (excluded, g_strdup ((const char *) sqlite3_column_text (exdates, 0)));
          sqlite3_reset (exdates);
        }
      g_ptr_array_add (excluded, NULL);

      /* A rule that cannot be read counts its first occurrence only. */
      if (!guild_recurrence_expand (sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                                    data.all_day, (const char *) sqlite3_column_text (stmt, 4),
                                    rrule, (const char * const *) excluded->pdata,
                                    range_start, range_end, count_occurrence, &data,
                                    &local_error))
        {
          g_debug ("Event %" G_GINT64_FORMAT ": %s", (gint64) sqlite3_column_int64 (stmt, 0),
                   local_error->message);
          guild_recurrence_expand (sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                                   data.all_day, NULL, NULL, NULL, range_start, range_end,
                                   count_occurrence, &data, NULL);
        }
    }

  return step_error (db, rc, error);
}

/* "Did you go?" answered Yes for one occurrence of a repeating event leaves
 * the series' status alone and records an attend_event activity at that
 * occurrence's start. Each such occurrence counts once, on its day, unless
 * the whole series is marked attended (then add_events() counted it). */
static gboolean
add_attended_occurrences (sqlite3        *db,
                          const Calendar *cal,
                          gint64          community,
                          GuildMetrics   *m,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (db,
                  "SELECT DISTINCT a.event_id, a.at FROM activity a"
                  " JOIN event e ON e.id = a.event_id"
                  " WHERE a.kind = 'attend_event' AND a.event_id IS NOT NULL"
                  " AND e.rrule != '' AND e.status != 'attended'"
                  " AND (?3 = 0 OR e.community_id = ?3)"
                  " AND a.at >= ?1 AND a.at < ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, cal->midnights[cal->from_index]);
  sqlite3_bind_int64 (stmt, 2, cal->midnights[cal->to_index + 1]);
  sqlite3_bind_int64 (stmt, 3, community);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int day = day_of_instant (cal, sqlite3_column_int64 (stmt, 1));

      if (day < 0)
        continue;
      m->weeks[day / 7].events_attended++;
      m->days[day].events_attended++;
    }

  return step_error (db, rc, error);
}

static gboolean
add_days_table (sqlite3        *db,
                const Calendar *cal,
                GuildMetrics   *m,
                const char     *sql,
                gint64          community,
                gboolean        checkins,
                GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);
  char from[12], to[12];
  GDate first = cal->first, last = cal->first;
  int rc;

  if (stmt == NULL)
    return FALSE;

  g_date_add_days (&first, cal->from_index);
  g_date_add_days (&last, cal->to_index);
  format_day (&first, from);
  format_day (&last, to);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  if (!checkins)
    sqlite3_bind_int64 (stmt, 3, community);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GuildMetricsWeek *week;
      GDate date;
      int day;

      if (!parse_day ((const char *) sqlite3_column_text (stmt, 0), &date))
        continue;
      day = day_of_date (cal, &date);
      if (!in_period (cal, day))
        continue;

      week = &m->weeks[day / 7];
      if (!checkins)
        {
          week->courses_completed++;
          m->days[day].courses_completed++;
          continue;
        }

      week->checkins++;
      for (guint r = 0; r < GUILD_N_RATINGS; r++)
        if (sqlite3_column_type (stmt, 1 + r) != SQLITE_NULL)
          {
            week->rating_sum[r] += sqlite3_column_int (stmt, 1 + r);
            week->rating_count[r]++;
          }
    }

  return step_error (db, rc, error);
}

static guint
sessions_goal (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, "SELECT sessions_per_week FROM goals WHERE id = 1",
                                          NULL);
  guint goal = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    goal = sqlite3_column_int (stmt, 0);

  return goal;
}

static void
sum_into (GuildMetricsWeek       *total,
          const GuildMetricsWeek *week)
{
  total->activities += week->activities;
  total->active_days += week->active_days;
  total->minutes += week->minutes;
  total->new_connections += week->new_connections;
  total->interactions += week->interactions;
  total->reactions += week->reactions;
  total->events_attended += week->events_attended;
  total->publications += week->publications;
  total->courses_completed += week->courses_completed;
  total->checkins += week->checkins;
  for (guint s = 0; s < GUILD_N_STRATEGIES; s++)
    total->strategy[s] += week->strategy[s];
  for (guint r = 0; r < GUILD_N_RATINGS; r++)
    {
      total->rating_sum[r] += week->rating_sum[r];
      total->rating_count[r] += week->rating_count[r];
    }
}

/* For an "all time" query: the local day of the earliest activity,
 * attended event or check-in, or @query->to when there is none. */
static gboolean
earliest_day (sqlite3                 *db,
              const GuildMetricsQuery *query,
              char                     out[12],
              GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GTimeZone) local_tz = NULL;
  GTimeZone *tz = query->time_zone;
  int rc;

  g_strlcpy (out, query->to != NULL ? query->to : "", 12);
  if (tz == NULL)
    tz = local_tz = g_time_zone_new_local ();

  /* Both minima use an index: activity_by_at or activity_by_community, and
   * event_by_start. */
  stmt = prepare (db,
                  "SELECT (SELECT min(at) FROM activity WHERE ?1 = 0 OR community_id = ?1),"
                  " (SELECT min(starts_at) FROM event WHERE status = 'attended'"
                  "  AND (?1 = 0 OR community_id = ?1)),"
                  " (SELECT min(day) FROM checkin)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, query->community);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _guild_store_set_error (db, rc, error);

  for (int col = 0; col < 2; col++)
    if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
      {
        g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, col));
        g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, tz) : NULL;
        g_autofree char *day = local ? g_date_time_format (local, "%Y-%m-%d") : NULL;

        if (day != NULL && guild_day_is_valid (day, FALSE) && strcmp (day, out) < 0)
          g_strlcpy (out, day, 12);
      }
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    {
      const char *day = (const char *) sqlite3_column_text (stmt, 2);

      if (guild_day_is_valid (day, FALSE) && strcmp (day, out) < 0)
        g_strlcpy (out, day, 12);
    }

  return TRUE;
}

static GuildMetrics *
compute (sqlite3                 *db,
         const GuildMetricsQuery *query,
         GCancellable            *cancellable,
         GError                 **error)
{
  g_auto(Calendar) cal = { 0 };
  g_autofree guint *per_day = NULL;
  GuildMetricsQuery resolved;
  char first_day[12];
  GuildMetrics *m;
  guint n_weeks, connections = 0;
  int last_complete;

  if (query->from == NULL && query->to != NULL)
    {
      if (!earliest_day (db, query, first_day, error))
        return NULL;
      resolved = *query;
      resolved.from = first_day;
      query = &resolved;
    }

  if (!calendar_init (&cal, query, error))
    return NULL;

  n_weeks = cal.n_days / 7;
  m = g_atomic_rc_box_alloc0 (sizeof (GuildMetrics) + n_weeks * sizeof (GuildMetricsWeek));
  m->n_weeks = n_weeks;
  m->community = query->community;
  g_strlcpy (m->from, query->from, sizeof m->from);
  g_strlcpy (m->to, query->to, sizeof m->to);

  for (guint w = 0; w < n_weeks; w++)
    {
      GDate monday = cal.first;

      g_date_add_days (&monday, w * 7);
      format_day (&monday, m->weeks[w].start);
      /* The ISO week-numbering year is that of the week's Thursday. */
      g_date_add_days (&monday, 3);
      g_snprintf (m->weeks[w].week, sizeof m->weeks[w].week, "%04d-W%02u",
                  g_date_get_year (&monday), g_date_get_iso8601_week_of_year (&monday));
    }

  per_day = g_new0 (guint, cal.n_days);
  m->n_days = cal.n_days;
  m->days = g_new0 (GuildMetricsDay, cal.n_days);

  if (!(query->community <= 0 && use_slots && days_are_whole_slots (&cal)
        ? add_activity_slots (db, &cal, m, per_day, error)
        : add_activities (db, &cal, query->community, m, per_day, cancellable, error)) ||
      !add_connections (db, &cal, query->community, m, &connections, error) ||
      !add_events (db, &cal, query->community, m, error) ||
      !add_attended_occurrences (db, &cal, query->community, m, error) ||
      !add_days_table (db, &cal, m,
                       "SELECT day, engagement, connection_quality, knowledge_gained,"
                       " knowledge_applied, satisfaction, career_impact FROM checkin"
                       " WHERE day BETWEEN ?1 AND ?2", 0, TRUE, error) ||
      !add_days_table (db, &cal, m,
                       "SELECT finished_on FROM course WHERE status = 'completed'"
                       " AND finished_on BETWEEN ?1 AND ?2 AND (?3 = 0 OR community_id = ?3)",
                       query->community, FALSE, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      guild_metrics_unref (m);
      return NULL;
    }

  for (guint d = 0; d < cal.n_days; d++)
    if (per_day[d] > 0)
      m->weeks[d / 7].active_days++;

  for (guint w = 0; w < n_weeks; w++)
    {
      connections += m->weeks[w].new_connections;
      m->weeks[w].connections_total = connections;
      sum_into (&m->totals, &m->weeks[w]);
    }
  m->totals.connections_total = connections;

  /* The streak ends with the last week whose Sunday is inside the period. */
  m->sessions_goal = sessions_goal (db);
  last_complete = (cal.to_index % 7 == 6) ? (int) n_weeks - 1 : (int) n_weeks - 2;
  for (int w = last_complete; w >= 0 && m->sessions_goal > 0; w--)
    {
      if (m->weeks[w].activities < m->sessions_goal)
        break;
      m->streak_weeks++;
    }

  return m;
}

/**
 * guild_store_metrics:
 *
 * Computes the figures on the calling thread with the store's connection;
 * for guildctl and tests. The app uses guild_store_metrics_async().
 *
 * Returns: (transfer full): the figures, or %NULL with @error set.
 */
GuildMetrics *
guild_store_metrics (GuildStore              *store,
                     const GuildMetricsQuery *query,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return compute (_guild_store_get_db (store), query, cancellable, error);
}

typedef struct
{
  char      *from;
  char      *to;
  gint64     community;
  GTimeZone *tz;
} MetricsData;

static void
metrics_data_free (MetricsData *data)
{
  g_free (data->from);
  g_free (data->to);
  g_clear_pointer (&data->tz, g_time_zone_unref);
  g_free (data);
}

static gpointer
metrics_read (sqlite3       *db,
              gpointer       user_data,
              GCancellable  *cancellable,
              GError       **error)
{
  MetricsData *data = user_data;
  GuildMetricsQuery query = { data->from, data->to, data->community, data->tz };

  return compute (db, &query, cancellable, error);
}

/**
 * guild_store_metrics_async:
 *
 * Computes the figures on a worker thread with a connection of its own.
 */
void
guild_store_metrics_async (GuildStore              *store,
                           const GuildMetricsQuery *query,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  MetricsData *data;

  g_return_if_fail (GUILD_IS_STORE (store));
  g_return_if_fail (query != NULL);

  data = g_new0 (MetricsData, 1);
  data->from = g_strdup (query->from);  /* NULL: all time */
  data->to = g_strdup (query->to);
  data->community = query->community;
  data->tz = query->time_zone ? g_time_zone_ref (query->time_zone) : NULL;

  _guild_store_read_async (store, guild_store_metrics_async, metrics_read,
                           data, (GDestroyNotify) metrics_data_free,
                           (GDestroyNotify) guild_metrics_unref,
                           cancellable, callback, user_data);
}

/**
 * guild_store_metrics_finish:
 *
 * Returns: (transfer full): the figures, or %NULL with @error set.
 */
GuildMetrics *
guild_store_metrics_finish (GuildStore    *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* For the other aggregates of the core (guild-store-overview.c), which run
 * on a reader connection of their own. */
GuildMetrics *
_guild_store_metrics_compute (sqlite3                 *db,
                              const GuildMetricsQuery *query,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return compute (db, query, cancellable, error);
}
