/* guild-communities-page.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_COMMUNITIES_PAGE (guild_communities_page_get_type ())

G_DECLARE_FINAL_TYPE (GuildCommunitiesPage, guild_communities_page,
                      GUILD, COMMUNITIES_PAGE, GtkWidget)

GuildStore *guild_communities_page_get_store (GuildCommunitiesPage *self);
void        guild_communities_page_set_store (GuildCommunitiesPage *self,
                                              GuildStore           *store);
void        guild_communities_page_load      (GuildCommunitiesPage *self);
void        guild_communities_page_add       (GuildCommunitiesPage *self);
void        guild_communities_page_show_community (GuildCommunitiesPage *self,
                                                   gint64                id);

/* For tests and benchmarks. */
GListModel *_guild_communities_page_get_model    (GuildCommunitiesPage *self);
void        _guild_communities_page_set_query    (GuildCommunitiesPage *self,
                                                  const char           *query);
GtkEditable *_guild_communities_page_get_search_entry (GuildCommunitiesPage *self);
gboolean    _guild_communities_page_set_filter   (GuildCommunitiesPage *self,
                                                  const char           *field,
                                                  const char           *value,
                                                  gboolean              chosen);
void        _guild_communities_page_set_sort     (GuildCommunitiesPage *self,
                                                  const char           *sort);
gboolean    _guild_communities_page_select       (GuildCommunitiesPage *self,
                                                  gint64                id);
GtkWidget  *_guild_communities_page_get_detail   (GuildCommunitiesPage *self);
gboolean    _guild_communities_page_delete       (GuildCommunitiesPage *self);
gboolean    _guild_communities_page_undo         (GuildCommunitiesPage *self);
gboolean    _guild_communities_page_get_summaries_loaded (GuildCommunitiesPage *self);

G_END_DECLS
