/* guild-community.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-community"

#include "config.h"

#include "guild-records.h"

struct _GuildCommunity
{
  GuildRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GuildCommunity, guild_community, GUILD_TYPE_RECORD)

static const GuildField fields[] = {
  GUILD_REQUIRED_TEXT ("name"),
  GUILD_TEXT ("description"),
  GUILD_URL ("url"),
  GUILD_VOCAB ("platform", GUILD_VOCAB_PLATFORM, "other"),
  GUILD_VOCAB ("format", GUILD_VOCAB_FORMAT, "online"),
  GUILD_VOCAB ("reach", GUILD_VOCAB_REACH, "global"),
  GUILD_VOCAB ("focus", GUILD_VOCAB_FOCUS, "interest"),
  GUILD_VOCAB ("stage", GUILD_VOCAB_STAGE, "transitional"),
  GUILD_TEXT ("industry"),
  GUILD_STRV ("audience", "community_audience", "community_id"),
  GUILD_TEXT ("location"),
  GUILD_TEXT ("language"),
  GUILD_VOCAB ("status", GUILD_VOCAB_COMMUNITY_STATUS, "exploring"),
  GUILD_DAY ("joined-on"),
  GUILD_TEXT ("goals"),
  GUILD_TEXT ("notes"),
};

static void
guild_community_class_init (GuildCommunityClass *klass)
{
  guild_record_class_install_fields (GUILD_RECORD_CLASS (klass), GUILD_RECORD_COMMUNITY,
                                     "community", fields, G_N_ELEMENTS (fields));
}

static void
guild_community_init (GuildCommunity *self)
{
}

/**
 * guild_community_new:
 *
 * Returns: (transfer full): a new, unsaved community.
 */
GuildCommunity *
guild_community_new (const char *name)
{
  return g_object_new (GUILD_TYPE_COMMUNITY, "name", name, NULL);
}
