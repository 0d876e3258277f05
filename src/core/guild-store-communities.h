/* guild-store-communities.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-store.h"

G_BEGIN_DECLS

/**
 * GuildCommunitySummary:
 * @community_id: the community
 * @members: how many of the user's contacts belong to it
 * @last_activity: the instant of the latest activity logged there, or 0
 */
typedef struct
{
  gint64 community_id;
  guint  members;
  gint64 last_activity;
} GuildCommunitySummary;

/**
 * GuildCommunityMember:
 * @contact_id: the contact
 * @full_name: their display name
 * @position: their position (may be "")
 */
typedef struct
{
  gint64  contact_id;
  char   *full_name;
  char   *position;
} GuildCommunityMember;

typedef struct _GuildCommunityUndo GuildCommunityUndo;

/* Aggregates for the list */
GHashTable         *guild_store_community_summaries        (GuildStore    *self,
                                                            GCancellable  *cancellable,
                                                            GError       **error);
void                guild_store_community_summaries_async  (GuildStore          *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GHashTable         *guild_store_community_summaries_finish (GuildStore    *self,
                                                            GAsyncResult  *result,
                                                            GError       **error);
gboolean            guild_store_community_summary          (GuildStore    *self,
                                                            gint64         community_id,
                                                            GuildCommunitySummary *out,
                                                            GError       **error);

/* Members */
GPtrArray          *guild_store_community_members          (GuildStore    *self,
                                                            gint64         community_id,
                                                            GError       **error);
gboolean            guild_store_community_add_member       (GuildStore    *self,
                                                            gint64         community_id,
                                                            gint64         contact_id,
                                                            GError       **error);
gboolean            guild_store_community_remove_member    (GuildStore    *self,
                                                            gint64         community_id,
                                                            gint64         contact_id,
                                                            GError       **error);
void                guild_community_member_free            (GuildCommunityMember *member);

/* Deleting with undo */
gboolean            guild_store_delete_community           (GuildStore          *self,
                                                            gint64               community_id,
                                                            GuildCommunityUndo **undo,
                                                            GError             **error);
gint64              guild_store_undo_delete_community      (GuildStore          *self,
                                                            GuildCommunityUndo  *undo,
                                                            GError             **error);
void                guild_community_undo_free              (GuildCommunityUndo  *undo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildCommunityUndo, guild_community_undo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildCommunityMember, guild_community_member_free)

G_END_DECLS
