/* guild-community-filter.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-community-item.h"
#include "guild-vocab.h"

G_BEGIN_DECLS

/**
 * GuildCommunitySort:
 * @GUILD_COMMUNITY_SORT_NAME: by name, A to Z
 * @GUILD_COMMUNITY_SORT_LAST_ACTIVITY: the most recent activity first
 * @GUILD_COMMUNITY_SORT_JOINED: the most recently joined first
 */
typedef enum
{
  GUILD_COMMUNITY_SORT_NAME,
  GUILD_COMMUNITY_SORT_LAST_ACTIVITY,
  GUILD_COMMUNITY_SORT_JOINED,
} GuildCommunitySort;

/* The fields the list filters on, in the order the filter popover shows them. */
typedef struct
{
  const char *field;
  /* GUILD_N_VOCABS for the free-text language. */
  GuildVocab  vocab;
} GuildCommunityFilterField;

typedef struct _GuildCommunityFilter GuildCommunityFilter;

const GuildCommunityFilterField *guild_community_filter_fields (guint *n_fields);

GuildCommunityFilter *guild_community_filter_new        (void);
void                  guild_community_filter_free       (GuildCommunityFilter *self);
gboolean              guild_community_filter_set_query  (GuildCommunityFilter *self,
                                                         const char           *query);
const char           *guild_community_filter_get_query  (GuildCommunityFilter *self);
gboolean              guild_community_filter_set_value  (GuildCommunityFilter *self,
                                                         const char           *field,
                                                         const char           *value,
                                                         gboolean              chosen);
gboolean              guild_community_filter_has_value  (GuildCommunityFilter *self,
                                                         const char           *field,
                                                         const char           *value);
guint                 guild_community_filter_count      (GuildCommunityFilter *self);
GtkFilterChange       guild_community_filter_value_change (GuildCommunityFilter *self,
                                                         const char           *field,
                                                         gboolean              chosen);
void                  guild_community_filter_clear      (GuildCommunityFilter *self);
GVariant             *guild_community_filter_to_variant (GuildCommunityFilter *self);
void                  guild_community_filter_load       (GuildCommunityFilter *self,
                                                         GVariant             *variant);
gboolean              guild_community_filter_matches    (GuildCommunityFilter *self,
                                                         GuildCommunityItem   *item);

GuildCommunitySort    guild_community_sort_from_string  (const char           *name);
const char           *guild_community_sort_to_string    (GuildCommunitySort    sort);
int                   guild_community_sort_compare      (GuildCommunitySort    sort,
                                                         GuildCommunityItem   *a,
                                                         GuildCommunityItem   *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildCommunityFilter, guild_community_filter_free)

G_END_DECLS
