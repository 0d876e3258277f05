/* guild-calendar-page.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_CALENDAR_PAGE (guild_calendar_page_get_type ())

G_DECLARE_FINAL_TYPE (GuildCalendarPage, guild_calendar_page, GUILD, CALENDAR_PAGE, GtkWidget)

GuildStore *guild_calendar_page_get_store   (GuildCalendarPage *self);
void        guild_calendar_page_set_store   (GuildCalendarPage *self,
                                             GuildStore        *store);
void        guild_calendar_page_load        (GuildCalendarPage *self);
void        guild_calendar_page_add         (GuildCalendarPage *self);
void        guild_calendar_page_open_event  (GuildCalendarPage *self,
                                             gint64             event_id,
                                             gint64             occurrence_start);
void        guild_calendar_page_show_month  (GuildCalendarPage *self,
                                             guint              year,
                                             guint              month);
GtkWidget  *guild_calendar_page_get_month_view (GuildCalendarPage *self);
gboolean    guild_calendar_page_get_loading (GuildCalendarPage *self);

int         guild_calendar_compare_events   (gint64             a_starts_at,
                                             gint64             a_ends_at,
                                             gint64             b_starts_at,
                                             gint64             b_ends_at,
                                             gint64             now);

G_END_DECLS
