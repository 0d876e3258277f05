/* guild-skill-row.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-records.h"

G_BEGIN_DECLS

#define GUILD_TYPE_SKILL_ROW (guild_skill_row_get_type ())

G_DECLARE_FINAL_TYPE (GuildSkillRow, guild_skill_row, GUILD, SKILL_ROW, GtkWidget)

GtkWidget   *guild_skill_row_new      (GuildSkill *item);
GuildSkill  *guild_skill_row_get_item (GuildSkillRow *self);
GtkWidget   *guild_skill_row_get_levels (GuildSkillRow *self);
const char  *guild_skill_row_get_gap_text (GuildSkillRow *self);

G_END_DECLS
