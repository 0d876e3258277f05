/* guild-overview.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-metrics.h"
#include "guild-store.h"

G_BEGIN_DECLS

typedef enum
{
  GUILD_GOAL_SESSIONS_PER_WEEK,
  GUILD_GOAL_MINUTES_PER_WEEK,
  GUILD_GOAL_CONNECTIONS_PER_MONTH,
  GUILD_GOAL_PUBLICATIONS_PER_MONTH,
  GUILD_GOAL_EVENTS_PER_MONTH,
  GUILD_N_GOALS
} GuildGoal;

/* A record the overview names: an upcoming occurrence (@when its start), a
 * contact due for follow-up (@when the follow-up day's local midnight) or a
 * quiet community (@when its latest activity, 0 for none). */
typedef struct
{
  gint64  id;
  char   *name;
  gint64  when;
} GuildOverviewItem;

/* The immutable "this week" summary the Charts view opens with. */
typedef struct
{
  /*< private >*/
  char          today[12];
  /* The last 52 weeks up to today, every community. */
  GuildMetrics *year;
  guint         goal[GUILD_N_GOALS];
  guint         done[GUILD_N_GOALS];
  GPtrArray    *upcoming;         /* GuildOverviewItem, soonest first */
  GPtrArray    *due;              /* GuildOverviewItem, longest due first */
  guint         n_due;
  GPtrArray    *quiet;            /* GuildOverviewItem, quiet longest first */
  guint         n_quiet;
  guint         quiet_weeks;
  /* This month's activities per strategy, and the one with the fewest. */
  guint         month_strategy[GUILD_N_STRATEGIES];
  GuildStrategy neglected;
  /* The community to suggest it in (0: none), the most active of late. */
  gint64        suggest_community;
  char         *suggest_community_name;
} GuildOverview;

typedef struct
{
  /* The local day that counts as today, "YYYY-MM-DD". */
  const char *today;
  /* Now, for the upcoming events. */
  gint64      now;
  guint       quiet_weeks;
  /* (nullable): %NULL for the local zone. */
  GTimeZone  *time_zone;
} GuildOverviewQuery;

#define GUILD_TYPE_OVERVIEW (guild_overview_get_type ())

GType          guild_overview_get_type      (void) G_GNUC_CONST;
GuildOverview *guild_overview_ref           (GuildOverview            *self);
void           guild_overview_unref         (GuildOverview            *self);
GuildStrategy  guild_overview_pick_neglected (const guint              counts[GUILD_N_STRATEGIES]);

GuildOverview *guild_store_overview         (GuildStore               *store,
                                             const GuildOverviewQuery *query,
                                             GCancellable             *cancellable,
                                             GError                  **error);
void           guild_store_overview_async   (GuildStore               *store,
                                             const GuildOverviewQuery *query,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data);
GuildOverview *guild_store_overview_finish  (GuildStore               *store,
                                             GAsyncResult             *result,
                                             GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildOverview, guild_overview_unref)

G_END_DECLS
