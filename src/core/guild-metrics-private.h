/* guild-metrics-private.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "guild-metrics.h"

G_BEGIN_DECLS

GuildMetrics *_guild_store_metrics_compute (sqlite3                 *db,
                                            const GuildMetricsQuery *query,
                                            GCancellable            *cancellable,
                                            GError                 **error);

void          _guild_store_metrics_set_use_slots (gboolean use);

G_END_DECLS
