/* guild-skill.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-skill"

#include "config.h"

#include "guild-records.h"

struct _GuildSkill
{
  GuildRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GuildSkill, guild_skill, GUILD_TYPE_RECORD)

static const GuildField fields[] = {
  GUILD_REQUIRED_TEXT ("name"),
  GUILD_RATING ("level"),
  GUILD_RATING ("target-level"),
  GUILD_TEXT ("evidence"),
  GUILD_TEXT ("notes"),
};

static void
guild_skill_class_init (GuildSkillClass *klass)
{
  guild_record_class_install_fields (GUILD_RECORD_CLASS (klass), GUILD_RECORD_SKILL,
                                     "skill", fields, G_N_ELEMENTS (fields));
}

static void
guild_skill_init (GuildSkill *self)
{
}

/**
 * guild_skill_new:
 *
 * Returns: (transfer full): a new, unsaved skill.
 */
GuildSkill *
guild_skill_new (const char *name)
{
  return g_object_new (GUILD_TYPE_SKILL, "name", name, NULL);
}
