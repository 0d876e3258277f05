/* guild-activity-list.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-store-activities.h"

G_BEGIN_DECLS

#define GUILD_TYPE_ACTIVITY_LIST (guild_activity_list_get_type ())

G_DECLARE_FINAL_TYPE (GuildActivityList, guild_activity_list, GUILD, ACTIVITY_LIST, GObject)

GuildActivityList         *guild_activity_list_new          (GuildStore                *store);
GuildStore                *guild_activity_list_get_store    (GuildActivityList         *self);
const GuildActivityFilter *guild_activity_list_get_filter   (GuildActivityList         *self);
void                       guild_activity_list_set_filter   (GuildActivityList         *self,
                                                             const GuildActivityFilter *filter);
gboolean                   guild_activity_list_get_loading  (GuildActivityList         *self);
gboolean                   guild_activity_list_get_complete (GuildActivityList         *self);
gint64                     guild_activity_list_get_id       (GuildActivityList         *self,
                                                             guint                      position);
const char                *guild_activity_list_community_name (GuildActivityList       *self,
                                                             gint64                     id);

G_END_DECLS
