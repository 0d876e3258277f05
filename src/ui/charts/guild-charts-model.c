/* guild-charts-model.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-charts-model"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-charts-model.h"
#include "guild-format.h"

/* From the figures of the core (GuildMetrics) to what each chart draws and
 * says: its series and labels, and the sentence a screen reader reads for
 * it. Pure functions, so the tests check them in both languages without a
 * display. */

static GDate
parse_day (const char *s)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (s[8] - '0') * 10 + (s[9] - '0'), (s[5] - '0') * 10 + (s[6] - '0'),
                  (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'));
  return date;
}

/**
 * guild_charts_month_abbrev:
 *
 * Returns: the month's short name for an axis, from Guild's catalogue (the
 *   C library only knows English ones under LANG=C.UTF-8 LANGUAGE=ru)
 */
const char *
guild_charts_month_abbrev (int month)
{
  switch (month)
    {
    /* Translators: a month's short name under a chart. */
    case 1: return C_("month abbreviation", "Jan");
    case 2: return C_("month abbreviation", "Feb");
    case 3: return C_("month abbreviation", "Mar");
    case 4: return C_("month abbreviation", "Apr");
    case 5: return C_("month abbreviation", "May");
    case 6: return C_("month abbreviation", "Jun");
    case 7: return C_("month abbreviation", "Jul");
    case 8: return C_("month abbreviation", "Aug");
    case 9: return C_("month abbreviation", "Sep");
    case 10: return C_("month abbreviation", "Oct");
    case 11: return C_("month abbreviation", "Nov");
    case 12: return C_("month abbreviation", "Dec");
    default: g_return_val_if_reached ("");
    }
}

static char *
format_day_month (const char *day,
                  gboolean    with_year)
{
  GDate date = parse_day (day);
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                                                 g_date_get_day (&date), 0, 0, 0);

  /* Translators: a day and month, "3 November"; %B is the month's name. */
  return guild_format_date_time (dt, with_year ? _("%-d %B %Y") : _("%-d %B"));
}

const char *
guild_charts_get_title (GuildChartsId id)
{
  switch (id)
    {
    case GUILD_CHARTS_ACTIVITIES: return _("Activities per Week");
    case GUILD_CHARTS_CONNECTIONS: return _("Connections");
    case GUILD_CHARTS_INTERACTIONS: return _("Interactions and Reactions");
    case GUILD_CHARTS_EVENTS_PUBLICATIONS: return _("Events and Publications per Month");
    case GUILD_CHARTS_STRATEGY: return _("Strategy Mix");
    case GUILD_CHARTS_COURSES: return _("Courses Completed per Month");
    case GUILD_CHARTS_CHECKINS: return _("Self-Assessment");
    case GUILD_CHARTS_HEATMAP: return _("Participation, Last 52 Weeks");
    case GUILD_CHARTS_N_CHARTS:
    default: g_return_val_if_reached ("");
    }
}

/* Not translated: a file name the user may rename. */
const char *
guild_charts_get_file_name (GuildChartsId id)
{
  static const char *names[] = {
    "activities", "connections", "interactions", "events-publications", "strategy-mix",
    "courses", "self-assessment", "participation",
  };

  g_return_val_if_fail (id < GUILD_CHARTS_N_CHARTS, "chart");
  return names[id];
}

/**
 * guild_charts_period_from:
 *
 * Returns: (transfer full) (nullable): the first day of @period ending
 *   @today: the Monday of the first of its 4, 13 or 52 weeks; %NULL for all
 *   time
 */
char *
guild_charts_period_from (GuildChartsPeriod  period,
                          const GDate       *today)
{
  guint weeks;
  GDate first = *today;

  switch (period)
    {
    case GUILD_CHARTS_PERIOD_4_WEEKS: weeks = 4; break;
    case GUILD_CHARTS_PERIOD_QUARTER: weeks = 13; break;
    case GUILD_CHARTS_PERIOD_YEAR: weeks = 52; break;
    case GUILD_CHARTS_PERIOD_ALL:
    default:
      return NULL;
    }

  g_date_subtract_days (&first, g_date_get_weekday (today) - G_DATE_MONDAY + (weeks - 1) * 7);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&first), g_date_get_month (&first),
                          g_date_get_day (&first));
}

char *
guild_charts_describe_period (GuildMetrics      *metrics,
                              GuildChartsPeriod  period)
{
  if (period == GUILD_CHARTS_PERIOD_ALL)
    {
      g_autofree char *since = format_day_month (guild_metrics_get_from (metrics), TRUE);

      /* Translators: a period in a chart's description; %s is a date. */
      return g_strdup_printf (_("since %s"), since);
    }

  /* Translators: a period in a chart's description. */
  return g_strdup_printf (ngettext ("last %u week", "last %u weeks", metrics->n_weeks),
                          metrics->n_weeks);
}

/* Week columns: a month's short name under the first week that starts in it. */
static void
set_week_columns (GuildChartData *data,
                  GuildMetrics   *metrics)
{
  int last_month = 0;

  for (guint w = 0; w < metrics->n_weeks; w++)
    {
      GDate monday = parse_day (metrics->weeks[w].start);
      g_autofree char *day = format_day_month (metrics->weeks[w].start, FALSE);
      g_autofree char *title = NULL;
      const char *label = NULL;

      /* The first week is named after its month only when the month starts
       * in it; otherwise that label would crowd the next month's. */
      if ((int) g_date_get_month (&monday) != last_month &&
          (w > 0 || g_date_get_day (&monday) <= 7))
        label = guild_charts_month_abbrev (g_date_get_month (&monday));
      last_month = g_date_get_month (&monday);

      /* Translators: a chart's tooltip heading; %s is a day and month. */
      title = g_strdup_printf (_("Week of %s"), day);
      guild_chart_data_set_column (data, w, title, label);
    }
}

static void
set_month_columns (GuildChartData *data,
                   GArray         *months)
{
  for (guint i = 0; i < months->len; i++)
    {
      const GuildMetricsMonth *month = &g_array_index (months, GuildMetricsMonth, i);
      g_autofree char *title = NULL;

      /* Translators: a month and year in a chart's tooltip, "Nov 2025". */
      title = g_strdup_printf (C_("month and year", "%s %u"),
                               guild_charts_month_abbrev (month->month), month->year);
      guild_chart_data_set_column (data, i, title, guild_charts_month_abbrev (month->month));
    }
}

/**
 * guild_charts_build:
 * @sessions_goal: the weekly goal, drawn as a line over the activities
 * @today: the current day, after which the heatmap draws nothing
 *
 * Returns: (transfer full): what chart @id draws of @metrics
 */
GuildChartData *
guild_charts_build (GuildChartsId  id,
                    GuildMetrics  *metrics,
                    guint          sessions_goal,
                    const char    *today)
{
  g_autoptr(GArray) months = NULL;
  GuildChartData *data = NULL;
  guint n = metrics->n_weeks;

  switch (id)
    {
    case GUILD_CHARTS_ACTIVITIES:
      data = guild_chart_data_new (GUILD_CHART_BARS, 1, n);
      guild_chart_data_set_series_name (data, 0, _("Activities"));
      for (guint w = 0; w < n; w++)
        guild_chart_data_set_value (data, 0, w, metrics->weeks[w].activities);
      if (sessions_goal > 0)
        guild_chart_data_set_goal (data, sessions_goal, _("Weekly goal"));
      set_week_columns (data, metrics);
      break;

    case GUILD_CHARTS_CONNECTIONS:
      data = guild_chart_data_new (GUILD_CHART_LINES, 1, n);
      guild_chart_data_set_series_name (data, 0, _("Connections"));
      for (guint w = 0; w < n; w++)
        guild_chart_data_set_value (data, 0, w, metrics->weeks[w].connections_total);
      set_week_columns (data, metrics);
      break;

    case GUILD_CHARTS_INTERACTIONS:
      data = guild_chart_data_new (GUILD_CHART_BARS, 2, n);
      data->stacked = TRUE;
      guild_chart_data_set_series_name (data, 0, _("Interactions"));
      guild_chart_data_set_series_name (data, 1, _("Reactions"));
      for (guint w = 0; w < n; w++)
        {
          guild_chart_data_set_value (data, 0, w, metrics->weeks[w].interactions);
          guild_chart_data_set_value (data, 1, w, metrics->weeks[w].reactions);
        }
      set_week_columns (data, metrics);
      break;

    case GUILD_CHARTS_STRATEGY:
      data = guild_chart_data_new (GUILD_CHART_BARS, GUILD_N_STRATEGIES, n);
      data->stacked = TRUE;
      guild_chart_data_set_series_name (data, 0, C_("strategy", "Learning"));
      guild_chart_data_set_series_name (data, 1, C_("strategy", "Value creation"));
      guild_chart_data_set_series_name (data, 2, C_("strategy", "Connecting"));
      for (guint w = 0; w < n; w++)
        for (guint s = 0; s < GUILD_N_STRATEGIES; s++)
          guild_chart_data_set_value (data, s, w, metrics->weeks[w].strategy[s]);
      set_week_columns (data, metrics);
      break;

    case GUILD_CHARTS_EVENTS_PUBLICATIONS:
      months = guild_metrics_group_by_month (metrics);
      data = guild_chart_data_new (GUILD_CHART_BARS, 2, months->len);
      guild_chart_data_set_series_name (data, 0, _("Events attended"));
      guild_chart_data_set_series_name (data, 1, _("Publications"));
      for (guint i = 0; i < months->len; i++)
        {
          const GuildMetricsMonth *month = &g_array_index (months, GuildMetricsMonth, i);

          guild_chart_data_set_value (data, 0, i, month->sum.events_attended);
          guild_chart_data_set_value (data, 1, i, month->sum.publications);
        }
      set_month_columns (data, months);
      break;

    case GUILD_CHARTS_COURSES:
      months = guild_metrics_group_by_month (metrics);
      data = guild_chart_data_new (GUILD_CHART_BARS, 1, months->len);
      guild_chart_data_set_series_name (data, 0, _("Courses completed"));
      for (guint i = 0; i < months->len; i++)
        guild_chart_data_set_value (data, 0, i,
                                    g_array_index (months, GuildMetricsMonth, i).sum.courses_completed);
      set_month_columns (data, months);
      break;

    case GUILD_CHARTS_CHECKINS:
      {
        const char *names[GUILD_N_RATINGS] = {
          _("Engagement"), _("Connection quality"), _("Knowledge gained"),
          _("Knowledge applied"), _("Satisfaction"), _("Career impact"),
        };

        data = guild_chart_data_new (GUILD_CHART_LINES, GUILD_N_RATINGS, n);
        data->fixed_min = 1;
        data->fixed_max = 5;
        data->decimals = 1;
        for (guint r = 0; r < GUILD_N_RATINGS; r++)
          {
            guild_chart_data_set_series_name (data, r, names[r]);
            for (guint w = 0; w < n; w++)
              {
                double average = NAN;

                if (!guild_metrics_rating_average (&metrics->weeks[w], r, &average))
                  average = NAN;
                guild_chart_data_set_value (data, r, w, average);
              }
          }
        set_week_columns (data, metrics);
      }
      break;

    case GUILD_CHARTS_HEATMAP:
      {
        const GuildMetricsDay *days;
        guint n_days = 0;
        GDate day;

        days = guild_metrics_get_days (metrics, &n_days);
        data = guild_chart_data_new (GUILD_CHART_HEATMAP, 1, n_days);
        day = parse_day (metrics->weeks[0].start);
        for (guint d = 0; d < n_days; d++, g_date_add_days (&day, 1))
          {
            char text[12];
            g_autofree char *date = NULL;
            g_autofree char *title = NULL;

            g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (&day),
                        g_date_get_month (&day), g_date_get_day (&day));
            if (strcmp (text, today) > 0 || strcmp (text, guild_metrics_get_from (metrics)) < 0)
              {
                guild_chart_data_set_value (data, 0, d, NAN);
                continue;
              }

            date = format_day_month (text, TRUE);
            guild_chart_data_set_value (data, 0, d, days[d].activities);
            /* Translators: the heatmap's tooltip; %s is a date. */
            title = g_strdup_printf (ngettext ("%u activity on %s", "%u activities on %s",
                                               days[d].activities),
                                     days[d].activities, date);
            guild_chart_data_set_column (data, d, title,
                                         g_date_get_day (&day) == 1
                                         ? guild_charts_month_abbrev (g_date_get_month (&day))
                                         : NULL);
          }
      }
      break;

    case GUILD_CHARTS_N_CHARTS:
    default:
      g_return_val_if_reached (NULL);
    }

  return data;
}

/**
 * guild_charts_describe:
 *
 * Returns: (transfer full): chart @id in words, for screen readers: "Activities
 *   per week, last 12 weeks, highest 9 in the week of 3 November"
 */
char *
guild_charts_describe (GuildChartsId      id,
                       GuildMetrics      *metrics,
                       GuildChartsPeriod  period,
                       const char        *today)
{
  g_autofree char *when = guild_charts_describe_period (metrics, period);
  GuildMetricsWeek *t = &metrics->totals;

  switch (id)
    {
    case GUILD_CHARTS_ACTIVITIES:
      {
        guint best = 0;
        g_autofree char *week = NULL;

        for (guint w = 1; w < metrics->n_weeks; w++)
          if (metrics->weeks[w].activities > metrics->weeks[best].activities)
            best = w;
        if (t->activities == 0)
          /* Translators: %s is a period, "last 4 weeks". */
          return g_strdup_printf (_("Activities per week, %s: none recorded"), when);
        week = format_day_month (metrics->weeks[best].start, FALSE);
        /* Translators: a chart's description; %s a period ("last 12 weeks"),
         * %u the largest weekly count, the last %s a day and month. */
        return g_strdup_printf (_("Activities per week, %s, highest %u in the week of %s"),
                                when, metrics->weeks[best].activities, week);
      }

    case GUILD_CHARTS_CONNECTIONS:
      {
        guint first = metrics->weeks[0].connections_total - metrics->weeks[0].new_connections;

        /* Translators: a chart's description; %s is a period, then two counts. */
        return g_strdup_printf (_("Connections, %s: from %u to %u"), when, first,
                                t->connections_total);
      }

    case GUILD_CHARTS_INTERACTIONS:
      /* Translators: a chart's description; %s is a period. */
      return g_strdup_printf (_("Interactions and reactions per week, %s: interactions %u, reactions %u"),
                              when, t->interactions, t->reactions);

    case GUILD_CHARTS_EVENTS_PUBLICATIONS:
      /* Translators: a chart's description; %s is a period. */
      return g_strdup_printf (_("Events attended and publications per month, %s: events %u, publications %u"),
                              when, t->events_attended, t->publications);

    case GUILD_CHARTS_STRATEGY:
      /* Translators: a chart's description; %s is a period. */
      return g_strdup_printf (_("Strategy mix, %s: learning %u, value creation %u, connecting %u"),
                              when, t->strategy[GUILD_STRATEGY_LEARNING],
                              t->strategy[GUILD_STRATEGY_VALUE_CREATION],
                              t->strategy[GUILD_STRATEGY_CONNECTING]);

    case GUILD_CHARTS_COURSES:
      /* Translators: a chart's description; %s is a period. */
      return g_strdup_printf (_("Courses completed per month, %s: %u in all"),
                              when, t->courses_completed);

    case GUILD_CHARTS_CHECKINS:
      /* Translators: a chart's description; %s is a period. */
      return g_strdup_printf (ngettext ("Self-assessment ratings, %s: %u check-in",
                                        "Self-assessment ratings, %s: %u check-ins",
                                        t->checkins),
                              when, t->checkins);

    case GUILD_CHARTS_HEATMAP:
      /* Translators: the heatmap's description. */
      return g_strdup_printf (ngettext ("Participation over the last 52 weeks: active on %u day",
                                        "Participation over the last 52 weeks: active on %u days",
                                        t->active_days),
                              t->active_days);

    case GUILD_CHARTS_N_CHARTS:
    default:
      g_return_val_if_reached (NULL);
    }
}
