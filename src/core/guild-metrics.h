/* guild-metrics.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-types.h"

G_BEGIN_DECLS

typedef enum
{
  GUILD_RATING_ENGAGEMENT,
  GUILD_RATING_CONNECTION_QUALITY,
  GUILD_RATING_KNOWLEDGE_GAINED,
  GUILD_RATING_KNOWLEDGE_APPLIED,
  GUILD_RATING_SATISFACTION,
  GUILD_RATING_CAREER_IMPACT,
  GUILD_N_RATINGS
} GuildRating;

typedef enum
{
  GUILD_STRATEGY_LEARNING,
  GUILD_STRATEGY_VALUE_CREATION,
  GUILD_STRATEGY_CONNECTING,
  GUILD_N_STRATEGIES
} GuildStrategy;

/* One ISO week of figures (or the totals over the period). See DESIGN.md,
 * "Metric definitions". */
typedef struct
{
  char   week[12];            /* "2025-W47"; empty for the totals */
  char   start[12];           /* its Monday, "2025-11-17" */
  guint  activities;
  guint  active_days;
  guint  minutes;
  guint  new_connections;
  guint  connections_total;
  guint  interactions;
  guint  reactions;
  guint  events_attended;
  guint  publications;
  guint  courses_completed;
  guint  strategy[GUILD_N_STRATEGIES];
  /* Check-ins in the week, and per rating the sum and number of answers. */
  guint  checkins;
  double rating_sum[GUILD_N_RATINGS];
  guint  rating_count[GUILD_N_RATINGS];
} GuildMetricsWeek;

/* One local day of figures, for the heatmap, monthly charts and the
 * overview. Day 0 is the Monday of the first week. */
typedef struct
{
  guint  activities;
  guint  minutes;
  guint  new_connections;
  guint  events_attended;
  guint  publications;
  guint  courses_completed;
  guint  strategy[GUILD_N_STRATEGIES];
} GuildMetricsDay;

/* The figures of one calendar month, summed from its days in the period. */
typedef struct
{
  guint16         year;
  guint8          month;      /* 1–12 */
  GuildMetricsDay sum;
} GuildMetricsMonth;

typedef struct
{
  /*< private >*/
  GuildMetricsDay *days;
  guint            n_days;
  char             from[12];
  char             to[12];
  gint64           community;
  guint            sessions_goal;
  guint            streak_weeks;
  guint            n_weeks;
  GuildMetricsWeek totals;
  GuildMetricsWeek weeks[];
} GuildMetrics;

typedef struct
{
  /* Local days, inclusive; "YYYY-MM-DD". A %NULL @from means "all time":
   * from the day of the earliest activity, check-in, connection or
   * completed course (or @to when there is none). */
  const char *from;
  const char *to;
  /* 0: every community. */
  gint64      community;
  /* (nullable): the user's zone; NULL for the local one. */
  GTimeZone  *time_zone;
} GuildMetricsQuery;

#define GUILD_TYPE_METRICS (guild_metrics_get_type ())

GType         guild_metrics_get_type          (void) G_GNUC_CONST;
GuildMetrics *guild_metrics_ref               (GuildMetrics           *self);
void          guild_metrics_unref             (GuildMetrics           *self);
gboolean      guild_metrics_rating_average    (const GuildMetricsWeek *week,
                                               GuildRating             rating,
                                               double                 *average);
char         *guild_metrics_to_json           (GuildMetrics           *self);
const char   *guild_rating_get_id             (GuildRating             rating);
const char   *guild_metrics_get_from          (GuildMetrics           *self);
const char   *guild_metrics_get_to            (GuildMetrics           *self);
const GuildMetricsDay *
              guild_metrics_get_days          (GuildMetrics           *self,
                                               guint                  *n_days);
gboolean      guild_metrics_get_day_index     (GuildMetrics           *self,
                                               const GDate            *date,
                                               guint                  *index);
GArray       *guild_metrics_group_by_month    (GuildMetrics           *self);
void          guild_metrics_sum_days          (GuildMetrics           *self,
                                               const GDate            *first,
                                               const GDate            *last,
                                               GuildMetricsDay        *sum);

GuildMetrics *guild_store_metrics             (GuildStore             *store,
                                               const GuildMetricsQuery *query,
                                               GCancellable           *cancellable,
                                               GError                **error);
void          guild_store_metrics_async       (GuildStore             *store,
                                               const GuildMetricsQuery *query,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
GuildMetrics *guild_store_metrics_finish      (GuildStore             *store,
                                               GAsyncResult           *result,
                                               GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildMetrics, guild_metrics_unref)

G_END_DECLS
