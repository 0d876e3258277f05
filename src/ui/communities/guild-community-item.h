/* guild-community-item.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-records.h"

G_BEGIN_DECLS

#define GUILD_TYPE_COMMUNITY_ITEM (guild_community_item_get_type ())

G_DECLARE_FINAL_TYPE (GuildCommunityItem, guild_community_item, GUILD, COMMUNITY_ITEM, GObject)

GuildCommunityItem *guild_community_item_new               (GuildCommunity     *community);
GuildCommunity     *guild_community_item_get_community     (GuildCommunityItem *self);
guint               guild_community_item_get_members       (GuildCommunityItem *self);
void                guild_community_item_set_members       (GuildCommunityItem *self,
                                                            guint               members);
gint64              guild_community_item_get_last_activity (GuildCommunityItem *self);
void                guild_community_item_set_last_activity (GuildCommunityItem *self,
                                                            gint64              last_activity);
const char         *guild_community_item_get_search_text   (GuildCommunityItem *self);
const char         *guild_community_item_get_sort_key      (GuildCommunityItem *self);

G_END_DECLS
