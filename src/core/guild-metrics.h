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

typedef struct
{
  /*< private >*/
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
  /* Local days, inclusive; "YYYY-MM-DD". */
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
