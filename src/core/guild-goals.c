/* guild-goals.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-goals"

#include "config.h"

#include "guild-records.h"

struct _GuildGoals
{
  GuildRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GuildGoals, guild_goals, GUILD_TYPE_RECORD)

static const GuildField fields[] = {
  GUILD_INT ("sessions-per-week", 0, 1000),
  GUILD_INT ("minutes-per-week", 0, 7 * 24 * 60),
  GUILD_INT ("connections-per-month", 0, 10000),
  GUILD_INT ("publications-per-month", 0, 10000),
  GUILD_INT ("events-per-month", 0, 1000),
};

static void
guild_goals_class_init (GuildGoalsClass *klass)
{
  guild_record_class_install_fields (GUILD_RECORD_CLASS (klass), GUILD_RECORD_GOALS,
                                     "goals", fields, G_N_ELEMENTS (fields));
}

static void
guild_goals_init (GuildGoals *self)
{
}

/**
 * guild_goals_new:
 *
 * Returns: (transfer full): goals of zero (no goal); the store keeps one set.
 */
GuildGoals *
guild_goals_new (void)
{
  return g_object_new (GUILD_TYPE_GOALS, NULL);
}
