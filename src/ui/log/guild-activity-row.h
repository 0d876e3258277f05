/* guild-activity-row.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-activity-list.h"

G_BEGIN_DECLS

#define GUILD_TYPE_ACTIVITY_ROW (guild_activity_row_get_type ())

G_DECLARE_FINAL_TYPE (GuildActivityRow, guild_activity_row, GUILD, ACTIVITY_ROW, GtkWidget)

GtkWidget     *guild_activity_row_new          (void);
void           guild_activity_row_set_item     (GuildActivityRow  *self,
                                                GuildActivity     *activity,
                                                GuildActivityList *list);
GuildActivity *guild_activity_row_get_item     (GuildActivityRow  *self);

G_END_DECLS
