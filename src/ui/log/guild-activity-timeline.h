/* guild-activity-timeline.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-activity-list.h"

G_BEGIN_DECLS

#define GUILD_TYPE_ACTIVITY_TIMELINE (guild_activity_timeline_get_type ())

G_DECLARE_FINAL_TYPE (GuildActivityTimeline, guild_activity_timeline, GUILD, ACTIVITY_TIMELINE, GtkWidget)

GtkWidget         *guild_activity_timeline_new              (GuildStore            *store);
void               guild_activity_timeline_set_store        (GuildActivityTimeline *self,
                                                             GuildStore            *store);
void               guild_activity_timeline_set_community_id (GuildActivityTimeline *self,
                                                             gint64                 id);
void               guild_activity_timeline_set_contact_id   (GuildActivityTimeline *self,
                                                             gint64                 id);
void               guild_activity_timeline_set_event_id     (GuildActivityTimeline *self,
                                                             gint64                 id);
void               guild_activity_timeline_set_filter       (GuildActivityTimeline *self,
                                                             const GuildActivityFilter *filter);
void               guild_activity_timeline_set_empty_text   (GuildActivityTimeline *self,
                                                             const char            *title,
                                                             const char            *description);
GuildActivityList *guild_activity_timeline_get_list         (GuildActivityTimeline *self);
AdwToast          *guild_activity_timeline_delete           (GuildActivityTimeline *self,
                                                             gint64                 id);

G_END_DECLS
