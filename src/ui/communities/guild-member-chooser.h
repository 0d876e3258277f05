/* guild-member-chooser.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-record-list.h"

G_BEGIN_DECLS

#define GUILD_TYPE_MEMBER_CHOOSER (guild_member_chooser_get_type ())

G_DECLARE_FINAL_TYPE (GuildMemberChooser, guild_member_chooser, GUILD, MEMBER_CHOOSER, AdwWindow)

GuildMemberChooser *guild_member_chooser_new          (GtkWindow          *parent,
                                                       GuildStore         *store,
                                                       GuildRecordList    *contacts,
                                                       gint64              community_id);
void                guild_member_chooser_set_query    (GuildMemberChooser *self,
                                                       const char         *query);
guint               guild_member_chooser_get_n_shown  (GuildMemberChooser *self);
gboolean            guild_member_chooser_add_at       (GuildMemberChooser *self,
                                                       guint               position);

/* For the benchmark. */
GtkFilterListModel *_guild_member_chooser_get_filter_model (GuildMemberChooser *self);

G_END_DECLS
