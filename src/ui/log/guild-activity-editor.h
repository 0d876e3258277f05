/* guild-activity-editor.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_ACTIVITY_EDITOR (guild_activity_editor_get_type ())

G_DECLARE_FINAL_TYPE (GuildActivityEditor, guild_activity_editor, GUILD, ACTIVITY_EDITOR, AdwWindow)

GuildActivityEditor *guild_activity_editor_new        (GtkWindow           *parent,
                                                       GuildStore          *store,
                                                       GuildActivity       *activity,
                                                       const char          *preset);
gboolean             guild_activity_editor_save       (GuildActivityEditor *self);
const char          *guild_activity_editor_get_kind   (GuildActivityEditor *self);
gint64               guild_activity_editor_get_community_id (GuildActivityEditor *self);
GtkWidget           *_guild_activity_editor_get_kind_entry (GuildActivityEditor *self);
void                 _guild_activity_editor_set_when_text  (GuildActivityEditor *self,
                                                            const char          *text);

GuildActivityEditor *guild_log_activity               (GtkWidget           *widget,
                                                       GuildStore          *store,
                                                       const char          *preset);
GuildActivityEditor *guild_log_edit_activity          (GtkWidget           *widget,
                                                       GuildStore          *store,
                                                       gint64               id);

G_END_DECLS
