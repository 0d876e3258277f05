/* guild-skill-editor.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-record-list.h"
#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_SKILL_EDITOR (guild_skill_editor_get_type ())

G_DECLARE_FINAL_TYPE (GuildSkillEditor, guild_skill_editor, GUILD, SKILL_EDITOR, GtkWidget)

GtkWidget   *guild_skill_editor_new        (GuildStore      *store,
                                             GuildRecordList *skills,
                                             GuildRecordList *communities);
gint64       guild_skill_editor_get_id     (GuildSkillEditor *self);
gboolean     guild_skill_editor_load       (GuildSkillEditor *self,
                                             gint64           id);
void         guild_skill_editor_flush      (GuildSkillEditor *self);
gboolean     guild_skill_editor_has_error  (GuildSkillEditor *self);

G_END_DECLS
