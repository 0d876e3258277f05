/* guild-skill-levels.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GUILD_TYPE_SKILL_LEVELS (guild_skill_levels_get_type ())

G_DECLARE_FINAL_TYPE (GuildSkillLevels, guild_skill_levels, GUILD, SKILL_LEVELS, GtkWidget)

GtkWidget   *guild_skill_levels_new             (void);
void         guild_skill_levels_set             (GuildSkillLevels *self,
                                                 int               level,
                                                 int               target);
GtkLevelBar *guild_skill_levels_get_level_bar   (GuildSkillLevels *self);
GtkLevelBar *guild_skill_levels_get_target_bar  (GuildSkillLevels *self);

G_END_DECLS
