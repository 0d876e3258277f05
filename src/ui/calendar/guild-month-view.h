/* guild-month-view.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-month-layout.h"
#include "guild-store-events.h"

G_BEGIN_DECLS

/* Chip rows a day cell has before it shows "+N more". */
#define GUILD_MONTH_VIEW_CHIP_ROWS 3

#define GUILD_TYPE_MONTH_VIEW (guild_month_view_get_type ())

G_DECLARE_FINAL_TYPE (GuildMonthView, guild_month_view, GUILD, MONTH_VIEW, GtkWidget)

GtkWidget              *guild_month_view_new             (void);
void                    guild_month_view_set_month       (GuildMonthView *self,
                                                          guint           year,
                                                          guint           month,
                                                          guint           week_start);
const GuildMonthLayout *guild_month_view_get_layout      (GuildMonthView *self);
void                    guild_month_view_get_range       (GuildMonthView *self,
                                                          gint64         *start,
                                                          gint64         *end);
void                    guild_month_view_set_occurrences (GuildMonthView *self,
                                                          GPtrArray      *occurrences);
void                    guild_month_view_set_compact     (GuildMonthView *self,
                                                          gboolean        compact);
gboolean                guild_month_view_get_compact     (GuildMonthView *self);
void                    guild_month_view_set_today       (GuildMonthView *self,
                                                          const GDate    *today);
void                    guild_month_view_set_selected    (GuildMonthView *self,
                                                          const GDate    *day);
int                     guild_month_view_index_of        (GuildMonthView *self,
                                                          const GuildOccurrence *occurrence);
GtkWidget              *guild_month_view_get_cell        (GuildMonthView *self,
                                                          guint           index);
GtkWidget              *guild_month_view_get_header      (GuildMonthView *self,
                                                          guint           column);

G_END_DECLS
