/* guild-event-row.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-records.h"

G_BEGIN_DECLS

#define GUILD_TYPE_EVENT_ROW (guild_event_row_get_type ())

G_DECLARE_FINAL_TYPE (GuildEventRow, guild_event_row, GUILD, EVENT_ROW, GtkWidget)

GuildEvent *guild_event_row_get_item (GuildEventRow *self);
void            guild_event_row_set_item (GuildEventRow *self,
                                              GuildEvent    *item);

G_END_DECLS
