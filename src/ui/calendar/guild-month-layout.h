/* guild-month-layout.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most weeks a month can touch: a 31-day month starting on the last day
 * of the week. */
#define GUILD_MONTH_MAX_WEEKS 6

/**
 * GuildMonthLayout:
 * @first: the first day shown (the start of the first week)
 * @n_weeks: how many weeks (rows) the month needs, 4 to 6
 * @week_start: the first column's weekday, 0 for Sunday to 6 for Saturday
 * @offset: how many days of the previous month the first week shows
 *
 * Where a month's days go in a grid of weeks: a pure computation the month
 * view draws and tests check without widgets.
 */
typedef struct
{
  GDate first;
  guint n_weeks;
  guint week_start;
  guint offset;
} GuildMonthLayout;

void        guild_month_layout_compute   (guint               year,
                                          guint               month,
                                          guint               week_start,
                                          GuildMonthLayout   *out);
void        guild_month_layout_day       (const GuildMonthLayout *layout,
                                          guint               index,
                                          GDate              *out);
int         guild_month_layout_index     (const GuildMonthLayout *layout,
                                          const GDate        *day);
guint       guild_month_layout_weekday   (const GuildMonthLayout *layout,
                                          guint               column);
guint       guild_month_visible_chips    (guint               n_events,
                                          guint               max_rows);

guint       guild_week_start_from_locale (void);
guint       guild_week_start_from_setting (const char        *setting);

const char *guild_month_name             (guint               month);
const char *guild_weekday_abbreviation   (guint               weekday);
const char *guild_weekday_name           (guint               weekday);
char       *guild_month_title            (guint               year,
                                          guint               month);

G_END_DECLS
