/* guild-profile.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-profile"

#include "config.h"

#include "guild-records.h"

struct _GuildProfile
{
  GuildRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GuildProfile, guild_profile, GUILD_TYPE_RECORD)

static const GuildField fields[] = {
  GUILD_TEXT ("name"),
  GUILD_TEXT ("target-field"),
  GUILD_TEXT ("current-role"),
  GUILD_TEXT ("experience"),
  GUILD_TEXT ("interests"),
  GUILD_TEXT ("participation-goals"),
  GUILD_TEXT ("email"),
  GUILD_URL ("url"),
};

static void
guild_profile_class_init (GuildProfileClass *klass)
{
  guild_record_class_install_fields (GUILD_RECORD_CLASS (klass), GUILD_RECORD_PROFILE,
                                     "profile", fields, G_N_ELEMENTS (fields));
}

static void
guild_profile_init (GuildProfile *self)
{
}

/**
 * guild_profile_new:
 *
 * Returns: (transfer full): an empty profile; the store keeps one.
 */
GuildProfile *
guild_profile_new (void)
{
  return g_object_new (GUILD_TYPE_PROFILE, NULL);
}
