/* guild-recurrence.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GuildOccurrenceFunc:
 * @start: the occurrence's start, seconds since the epoch (UTC)
 * @end: its end (exclusive)
 *
 * Returns: %FALSE to stop the expansion.
 */
typedef gboolean (*GuildOccurrenceFunc) (gint64   start,
                                         gint64   end,
                                         gpointer user_data);

gboolean guild_recurrence_expand     (gint64               starts_at,
                                      gint64               ends_at,
                                      gboolean             all_day,
                                      const char          *tzid,
                                      const char          *rrule,
                                      const char * const  *exdates,
                                      gint64               range_start,
                                      gint64               range_end,
                                      GuildOccurrenceFunc  func,
                                      gpointer             user_data,
                                      GError             **error);
gboolean guild_recurrence_rule_valid (const char          *rrule);
gboolean guild_instant_parse         (const char          *text,
                                      gint64              *out);
char    *guild_instant_format        (gint64               instant);

G_END_DECLS
