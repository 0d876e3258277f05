/* guild-charts-model.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-chart-data.h"
#include "guild-metrics.h"

G_BEGIN_DECLS

/* The charts of the Charts view, in the order shown. */
typedef enum
{
  GUILD_CHARTS_ACTIVITIES,
  GUILD_CHARTS_CONNECTIONS,
  GUILD_CHARTS_INTERACTIONS,
  GUILD_CHARTS_EVENTS_PUBLICATIONS,
  GUILD_CHARTS_STRATEGY,
  GUILD_CHARTS_COURSES,
  GUILD_CHARTS_CHECKINS,
  GUILD_CHARTS_HEATMAP,
  GUILD_CHARTS_N_CHARTS
} GuildChartsId;

typedef enum
{
  GUILD_CHARTS_PERIOD_4_WEEKS,
  GUILD_CHARTS_PERIOD_QUARTER,
  GUILD_CHARTS_PERIOD_YEAR,
  GUILD_CHARTS_PERIOD_ALL,
} GuildChartsPeriod;

const char     *guild_charts_get_title        (GuildChartsId      id);
const char     *guild_charts_get_file_name    (GuildChartsId      id);
char           *guild_charts_period_from      (GuildChartsPeriod  period,
                                               const GDate       *today);
char           *guild_charts_describe_period  (GuildMetrics      *metrics,
                                               GuildChartsPeriod  period);
GuildChartData *guild_charts_build            (GuildChartsId      id,
                                               GuildMetrics      *metrics,
                                               guint              sessions_goal,
                                               const char        *today);
char           *guild_charts_describe         (GuildChartsId      id,
                                               GuildMetrics      *metrics,
                                               GuildChartsPeriod  period,
                                               const char        *today);
const char     *guild_charts_month_abbrev     (int                month);

G_END_DECLS
