/* guild-metrics.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-metrics"

#include "config.h"

#include <math.h>

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

void
guild_metrics_unref (GuildMetrics *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release (self);
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
