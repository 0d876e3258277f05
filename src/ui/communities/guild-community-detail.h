/* guild-community-detail.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-records.h"
#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_COMMUNITY_DETAIL (guild_community_detail_get_type ())

G_DECLARE_FINAL_TYPE (GuildCommunityDetail, guild_community_detail, GUILD, COMMUNITY_DETAIL, GtkWidget)

void            guild_community_detail_set_store     (GuildCommunityDetail *self,
                                                      GuildStore           *store);
GuildCommunity *guild_community_detail_get_community (GuildCommunityDetail *self);
void            guild_community_detail_set_community (GuildCommunityDetail *self,
                                                      GuildCommunity       *community);
gboolean        guild_community_detail_flush         (GuildCommunityDetail *self);
void            guild_community_detail_focus_name    (GuildCommunityDetail *self);
GtkBox         *guild_community_detail_get_sections  (GuildCommunityDetail *self);
void            guild_community_detail_set_show_back (GuildCommunityDetail *self,
                                                      gboolean              show_back);
void            guild_community_detail_reload_members (GuildCommunityDetail *self);

/* For tests: the row editing @field ("name", "url", "platform", …), the
 * label explaining its error, and the text view of "notes" or "goals". */
GtkWidget      *_guild_community_detail_get_row        (GuildCommunityDetail *self,
                                                        const char           *field);
GtkWidget      *_guild_community_detail_get_error_label (GuildCommunityDetail *self,
                                                        const char           *field);
GtkTextView    *_guild_community_detail_get_text_view  (GuildCommunityDetail *self,
                                                        const char           *field);
guint           _guild_community_detail_get_n_member_rows (GuildCommunityDetail *self);

G_END_DECLS
