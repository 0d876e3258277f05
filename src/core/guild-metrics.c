/* guild-metrics.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-metrics"

#include "config.h"

#include <math.h>
#include <string.h>

#include "guild-metrics.h"

/* GuildMetrics is the immutable result of one aggregation: made on a worker,
 * handed to the charts (and to `guildctl metrics`), never changed after. */

static const char *rating_ids[GUILD_N_RATINGS] = {
  "engagement",
  "connection_quality",
  "knowledge_gained",
  "knowledge_applied",
  "satisfaction",
  "career_impact",
};

static const char *strategy_ids[GUILD_N_STRATEGIES] = {
  "learning",
  "value_creation",
  "connecting",
};

G_DEFINE_BOXED_TYPE (GuildMetrics, guild_metrics, guild_metrics_ref, guild_metrics_unref)

GuildMetrics *
guild_metrics_ref (GuildMetrics *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
metrics_clear (GuildMetrics *self)
{
  g_clear_pointer (&self->days, g_free);
}

void
guild_metrics_unref (GuildMetrics *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) metrics_clear);
}

/**
 * guild_metrics_get_from:
 *
 * Returns: the period's first day, "YYYY-MM-DD"; for an "all time" query,
 *   the day it was resolved to
 */
const char *
guild_metrics_get_from (GuildMetrics *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->from;
}

/**
 * guild_metrics_get_to:
 *
 * Returns: the period's last day, "YYYY-MM-DD"
 */
const char *
guild_metrics_get_to (GuildMetrics *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->to;
}

/**
 * guild_metrics_get_days:
 * @n_days: (out): the number of days, seven per week
 *
 * The figures of each local day. Day 0 is the Monday of the first week
 * (`weeks[0].start`); days outside the period are all zero.
 *
 * Returns: (transfer none) (array length=n_days): the days
 */
const GuildMetricsDay *
guild_metrics_get_days (GuildMetrics *self,
                        guint        *n_days)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_days != NULL, NULL);

  *n_days = self->n_days;
  return self->days;
}

static void
first_monday (GuildMetrics *self,
              GDate        *date)
{
  const char *s = self->n_weeks > 0 ? self->weeks[0].start : self->from;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (s[8] - '0') * 10 + (s[9] - '0'), (s[5] - '0') * 10 + (s[6] - '0'),
                  (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'));
}

/**
 * guild_metrics_get_day_index:
 * @index: (out): the day's index in guild_metrics_get_days()
 *
 * Returns: %FALSE when @date is outside the weeks of the figures
 */
gboolean
guild_metrics_get_day_index (GuildMetrics *self,
                             const GDate  *date,
                             guint        *index)
{
  GDate first;
  int n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (index != NULL, FALSE);

  first_monday (self, &first);
  n = g_date_days_between (&first, date);
  if (n < 0 || (guint) n >= self->n_days)
    return FALSE;

  *index = n;
  return TRUE;
}

static void
add_day (GuildMetricsDay       *sum,
         const GuildMetricsDay *day)
{
  sum->activities += day->activities;
  sum->minutes += day->minutes;
  sum->new_connections += day->new_connections;
  sum->events_attended += day->events_attended;
  sum->publications += day->publications;
  sum->courses_completed += day->courses_completed;
  for (guint s = 0; s < GUILD_N_STRATEGIES; s++)
    sum->strategy[s] += day->strategy[s];
}

/**
 * guild_metrics_sum_days:
 * @first: the first day, inclusive
 * @last: the last day, inclusive
 * @sum: (out caller-allocates): the figures of the days between them that
 *   the figures cover
 */
void
guild_metrics_sum_days (GuildMetrics    *self,
                        const GDate     *first,
                        const GDate     *last,
                        GuildMetricsDay *sum)
{
  GDate monday;
  int a, b;

  g_return_if_fail (self != NULL);
  g_return_if_fail (first != NULL && g_date_valid (first));
  g_return_if_fail (last != NULL && g_date_valid (last));
  g_return_if_fail (sum != NULL);

  memset (sum, 0, sizeof *sum);
  first_monday (self, &monday);
  a = MAX (0, g_date_days_between (&monday, first));
  b = MIN ((int) self->n_days - 1, g_date_days_between (&monday, last));
  for (int i = a; i <= b; i++)
    add_day (sum, &self->days[i]);
}

/**
 * guild_metrics_group_by_month:
 *
 * Sums the days of the period by calendar month. Every month that overlaps
 * the period is listed, empty ones included, oldest first; days outside
 * the period count for nothing.
 *
 * Returns: (transfer full) (element-type GuildMetricsMonth): the months
 */
GArray *
guild_metrics_group_by_month (GuildMetrics *self)
{
  GArray *months;
  GDate day;

  g_return_val_if_fail (self != NULL, NULL);

  months = g_array_new (FALSE, TRUE, sizeof (GuildMetricsMonth));
  first_monday (self, &day);

  for (guint i = 0; i < self->n_days; i++, g_date_add_days (&day, 1))
    {
      char text[12];
      GuildMetricsMonth *month;

      g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (&day),
                  g_date_get_month (&day), g_date_get_day (&day));
      if (strcmp (text, self->from) < 0 || strcmp (text, self->to) > 0)
        continue;

      month = months->len > 0 ? &g_array_index (months, GuildMetricsMonth, months->len - 1) : NULL;
      if (month == NULL || month->month != g_date_get_month (&day) ||
          month->year != g_date_get_year (&day))
        {
          GuildMetricsMonth empty = { g_date_get_year (&day), g_date_get_month (&day), { 0 } };

          g_array_append_val (months, empty);
          month = &g_array_index (months, GuildMetricsMonth, months->len - 1);
        }
      add_day (&month->sum, &self->days[i]);
    }

  return months;
}

const char *
guild_rating_get_id (GuildRating rating)
{
  g_return_val_if_fail (rating < GUILD_N_RATINGS, NULL);

  return rating_ids[rating];
}

/**
 * guild_metrics_rating_average:
 * @average: (out): the mean of the week's answers
 *
 * Returns: %FALSE when nobody answered that rating in the week.
 */
gboolean
guild_metrics_rating_average (const GuildMetricsWeek *week,
                              GuildRating             rating,
                              double                 *average)
{
  g_return_val_if_fail (week != NULL, FALSE);
  g_return_val_if_fail (rating < GUILD_N_RATINGS, FALSE);

  if (week->rating_count[rating] == 0)
    return FALSE;

  *average = week->rating_sum[rating] / week->rating_count[rating];
  return TRUE;
}

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Two decimals are plenty for a mean of 1–5 ratings. */
  g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, round (value * 100) / 100));
}

static void
append_week (GString                *out,
             const GuildMetricsWeek *week,
             gboolean                is_total)
{
  if (!is_total)
    g_string_append_printf (out, "{\"week\":\"%s\",\"start\":\"%s\",", week->week, week->start);
  else
    g_string_append_c (out, '{');

  g_string_append_printf (out,
                          "\"activities\":%u,\"active_days\":%u,\"minutes\":%u,"
                          "\"new_connections\":%u,\"connections_total\":%u,"
                          "\"interactions\":%u,\"reactions\":%u,\"events_attended\":%u,"
                          "\"publications\":%u,\"courses_completed\":%u,\"strategy\":{",
                          week->activities, week->active_days, week->minutes,
                          week->new_connections, week->connections_total,
                          week->interactions, week->reactions, week->events_attended,
                          week->publications, week->courses_completed);
  for (guint s = 0; s < GUILD_N_STRATEGIES; s++)
    g_string_append_printf (out, "%s\"%s\":%u", s ? "," : "", strategy_ids[s], week->strategy[s]);
  g_string_append (out, "},\"checkin\":");

  if (week->checkins == 0)
    g_string_append (out, "null");
  else
    {
      g_string_append_c (out, '{');
      for (guint r = 0; r < GUILD_N_RATINGS; r++)
        {
          double average;

          g_string_append_printf (out, "%s\"%s\":", r ? "," : "", rating_ids[r]);
          if (guild_metrics_rating_average (week, r, &average))
            append_number (out, average);
          else
            g_string_append (out, "null");
        }
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, '}');
}

/**
 * guild_metrics_to_json:
 *
 * Returns: (transfer full): the figures in the shape DESIGN.md gives for
 *   `guildctl metrics --json`, on one line.
 */
char *
guild_metrics_to_json (GuildMetrics *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"from\":\"%s\",\"to\":\"%s\",\"community\":", self->from, self->to);
  if (self->community > 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, self->community);
  else
    g_string_append (out, "null");

  g_string_append (out, ",\"weeks\":[");
  for (guint i = 0; i < self->n_weeks; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_week (out, &self->weeks[i], FALSE);
    }
  g_string_append (out, "],\"totals\":");
  append_week (out, &self->totals, TRUE);
  g_string_append_printf (out, ",\"streak_weeks\":%u}", self->streak_weeks);

  return g_string_free (out, FALSE);
}
