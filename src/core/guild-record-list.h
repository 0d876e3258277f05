/* guild-record-list.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_RECORD_LIST (guild_record_list_get_type ())

G_DECLARE_FINAL_TYPE (GuildRecordList, guild_record_list, GUILD, RECORD_LIST, GObject)

GuildRecordList *guild_record_list_new         (GuildStore      *store,
                                                GuildRecordKind  kind);
void             guild_record_list_load        (GuildRecordList *self);
gboolean         guild_record_list_get_loading (GuildRecordList *self);
gboolean         guild_record_list_get_loaded  (GuildRecordList *self);
GuildRecordKind  guild_record_list_get_kind    (GuildRecordList *self);
GuildRecord     *guild_record_list_find        (GuildRecordList *self,
                                                gint64           id,
                                                guint           *position);

G_END_DECLS
