/* guild-community-row.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-community-item.h"

G_BEGIN_DECLS

#define GUILD_TYPE_COMMUNITY_ROW (guild_community_row_get_type ())

G_DECLARE_FINAL_TYPE (GuildCommunityRow, guild_community_row, GUILD, COMMUNITY_ROW, GtkWidget)

GtkWidget          *guild_community_row_new      (void);
GuildCommunityItem *guild_community_row_get_item (GuildCommunityRow  *self);
void                guild_community_row_set_item (GuildCommunityRow  *self,
                                                  GuildCommunityItem *item);

G_END_DECLS
