/* guild-recurrence.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-recurrence"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "guild-error.h"
#include "guild-recurrence.h"

/* Recurring events are stored once, with their RRULE and EXDATEs, and their
 * occurrences are expanded here whenever a view or a metric needs them.
 *
 * A timed series repeats at the same wall-clock time in its own time zone,
 * so a weekly 19:00 meetup in Berlin stays at 19:00 across daylight-saving
 * changes (its UTC instant moves). An all-day event is stored as 00:00 UTC
 * of its first day, with an exclusive end, and repeats by date.
 */

/* More than this and the rule is surely a mistake (FREQ=SECONDLY…). */
#define MAX_OCCURRENCES 20000

#define DAY_SECONDS (24 * 60 * 60)

/* libical's built-in time zones are loaded into a process-wide table; keep
 * every use of it on one thread at a time. */
static GMutex ical_lock;

/**
 * guild_instant_parse:
 * @text: `YYYY-MM-DDTHH:MM:SSZ`, or `YYYY-MM-DD` for 00:00 UTC of that day
 *
 * Returns: whether @text was understood.
 */
gboolean
guild_instant_parse (const char *text,
                     gint64     *out)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (strlen (text) == 10)
    {
      g_autofree char *full = g_strconcat (text, "T00:00:00Z", NULL);
      dt = g_date_time_new_from_iso8601 (full, utc);
    }
  else
    dt = g_date_time_new_from_iso8601 (text, utc);

  if (dt == NULL)
    return FALSE;

  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/**
 * guild_instant_format:
 *
 * Returns: (transfer full): @instant as `YYYY-MM-DDTHH:MM:SSZ`.
 */
char *
guild_instant_format (gint64 instant)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (instant);

  if (dt == NULL)
    return g_strdup ("");

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * guild_recurrence_rule_valid:
 *
 * Returns: whether libical understands @rrule (an RRULE value without the
 *   `RRULE:` prefix).
 */
gboolean
guild_recurrence_rule_valid (const char *rrule)
{
  struct icalrecurrencetype recur;

  if (rrule == NULL || *rrule == '\0')
    return FALSE;

  g_mutex_lock (&ical_lock);
  icalerror_clear_errno ();
  recur = icalrecurrencetype_from_string (rrule);
  g_mutex_unlock (&ical_lock);

  return recur.freq != ICAL_NO_RECURRENCE;
}

static gboolean
is_excluded (gint64        start,
             gboolean      all_day,
             const gint64 *excluded,
             guint         n_excluded)
{
  for (guint i = 0; i < n_excluded; i++)
    {
      if (all_day && start / DAY_SECONDS == excluded[i] / DAY_SECONDS)
        return TRUE;
      if (!all_day && start == excluded[i])
        return TRUE;
    }

  return FALSE;
}

static gboolean
overlaps (gint64 start,
          gint64 end,
          gint64 range_start,
          gint64 range_end)
{
  if (end <= start)
    return start >= range_start && start < range_end;

  return start < range_end && end > range_start;
}

/* A series that began long before the range would otherwise be walked from
 * its first occurrence on every call: a daily meetup three years old is a
 * thousand steps for each month the calendar shows. Without a COUNT (which
 * has to be counted from the start), the iterator can start from a period
 * of the series shortly before the range instead: a whole number of
 * intervals after the first start, so that the rule's phase is kept, and on
 * the series' own wall clock (its days and months, not seconds, so that
 * daylight-saving changes do not shift it). */
static void
skip_ahead (icalrecur_iterator              *iter,
            const struct icalrecurrencetype *recur,
            struct icaltimetype              dtstart,
            gint64                           starts_at,
            gint64                           duration,
            gint64                           range_start)
{
  struct icaltimetype jump = dtstart;
  gint64 gap = range_start - duration - starts_at;
  gint64 interval = MAX (recur->interval, 1);
  gint64 periods;

  if (recur->count > 0 || gap <= 2 * 31 * (gint64) DAY_SECONDS * interval)
    return;

  switch (recur->freq)
    {
    case ICAL_DAILY_RECURRENCE:
    case ICAL_WEEKLY_RECURRENCE:
      {
        gint64 days = recur->freq == ICAL_DAILY_RECURRENCE ? 1 : 7;

        /* Two periods of margin for daylight-saving hours and the length. */
        periods = gap / (days * interval * DAY_SECONDS) - 2;
        if (periods <= 0)
          return;
        icaltime_adjust (&jump, (int) (periods * interval * days), 0, 0, 0);
        if (recur->freq == ICAL_WEEKLY_RECURRENCE)
          {
            /* The week the jump lands in may hold occurrences on earlier
             * weekdays (BYDAY): start from its first day. */
            int back = (icaltime_day_of_week (jump) - recur->week_start + 7) % 7;

            icaltime_adjust (&jump, -back, 0, 0, 0);
          }
        break;
      }

    case ICAL_MONTHLY_RECURRENCE:
      periods = gap / (31 * DAY_SECONDS * interval) - 1;
      if (periods <= 0)
        return;
      jump.day = 1;
      jump.month += (int) (periods * interval);
      jump.year += (jump.month - 1) / 12;
      jump.month = (jump.month - 1) % 12 + 1;
      break;

    case ICAL_NO_RECURRENCE:
    case ICAL_SECONDLY_RECURRENCE:
    case ICAL_MINUTELY_RECURRENCE:
    case ICAL_HOURLY_RECURRENCE:
    case ICAL_YEARLY_RECURRENCE:
    default:
      return;
    }

  if (icaltime_compare (jump, dtstart) > 0)
    icalrecur_iterator_set_start (iter, jump);
}

/**
 * guild_recurrence_expand:
 * @starts_at: the first start (UTC seconds; 00:00 UTC of the day when @all_day)
 * @ends_at: the first end, exclusive (0: no end; a whole day when @all_day)
 * @tzid: (nullable): the zone whose wall clock the series follows ("" or
 *   %NULL: UTC)
 * @rrule: (nullable): the recurrence rule; empty for a single event
 * @exdates: (nullable) (array zero-terminated=1): excluded starts
 * @range_start: the first instant of interest
 * @range_end: the first instant after it
 * @func: called for every occurrence that overlaps the range, in order
 *
 * Returns: %FALSE with @error set when the rule cannot be read.
 */
gboolean
guild_recurrence_expand (gint64               starts_at,
                         gint64               ends_at,
                         gboolean             all_day,
                         const char          *tzid,
                         const char          *rrule,
                         const char * const  *exdates,
                         gint64               range_start,
                         gint64               range_end,
                         GuildOccurrenceFunc  func,
                         gpointer             user_data,
                         GError             **error)
{
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  struct icalrecurrencetype recur;
  struct icaltimetype dtstart, next;
  icalrecur_iterator *iter;
  icaltimezone *zone = NULL;
  gint64 duration;
  guint count = 0;

  g_return_val_if_fail (func != NULL, FALSE);

  if (ends_at > starts_at)
    duration = ends_at - starts_at;
  else
    duration = all_day ? DAY_SECONDS : 0;

  if (rrule == NULL || *rrule == '\0')
    {
      if (overlaps (starts_at, starts_at + duration, range_start, range_end))
        func (starts_at, starts_at + duration, user_data);
      return TRUE;
    }

  for (guint i = 0; exdates != NULL && exdates[i] != NULL; i++)
    {
      gint64 when;

      if (guild_instant_parse (exdates[i], &when))
        g_array_append_val (excluded, when);
    }

  g_mutex_lock (&ical_lock);

  icalerror_clear_errno ();
  recur = icalrecurrencetype_from_string (rrule);
  if (recur.freq == ICAL_NO_RECURRENCE)
    {
      g_mutex_unlock (&ical_lock);
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                   /* Translators: %s is a recurrence rule such as FREQ=WEEKLY. */
                   _("The repeat rule “%s” cannot be read."), rrule);
      return FALSE;
    }

  if (all_day)
    {
      zone = icaltimezone_get_utc_timezone ();
      dtstart = icaltime_from_timet_with_zone ((time_t) starts_at, 1, zone);
    }
  else
    {
      if (tzid != NULL && *tzid != '\0')
        zone = icaltimezone_get_builtin_timezone (tzid);
      if (zone == NULL)
        zone = icaltimezone_get_utc_timezone ();
      dtstart = icaltime_from_timet_with_zone ((time_t) starts_at, 0, zone);
    }

  iter = icalrecur_iterator_new (recur, dtstart);
  if (iter == NULL)
    {
      g_mutex_unlock (&ical_lock);
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                   _("The repeat rule “%s” cannot be read."), rrule);
      return FALSE;
    }

  skip_ahead (iter, &recur, dtstart, starts_at, duration, range_start);

  for (next = icalrecur_iterator_next (iter);
       !icaltime_is_null_time (next) && count < MAX_OCCURRENCES;
       next = icalrecur_iterator_next (iter), count++)
    {
      gint64 start = icaltime_as_timet_with_zone (next, zone);

      if (start >= range_end)
        break;
      if (is_excluded (start, all_day, (gint64 *) excluded->data, excluded->len))
        continue;
      if (!overlaps (start, start + duration, range_start, range_end))
        continue;

      g_array_append_val (found, start);
    }

  icalrecur_iterator_free (iter);
  g_mutex_unlock (&ical_lock);

  /* Outside the lock, so that the callback may expand other series. */
  for (guint i = 0; i < found->len; i++)
    {
      gint64 start = g_array_index (found, gint64, i);

      if (!func (start, start + duration, user_data))
        break;
    }

  return TRUE;
}
