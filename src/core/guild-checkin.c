/* guild-checkin.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-checkin"

#include "config.h"

#include "guild-records.h"

struct _GuildCheckin
{
  GuildRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GuildCheckin, guild_checkin, GUILD_TYPE_RECORD)

static const GuildField fields[] = {
  { .name = "day", .type = GUILD_FIELD_DAY, .flags = GUILD_FIELD_REQUIRED },
  GUILD_RATING ("engagement"),
  GUILD_RATING ("connection-quality"),
  GUILD_RATING ("knowledge-gained"),
  GUILD_RATING ("knowledge-applied"),
  GUILD_RATING ("satisfaction"),
  GUILD_RATING ("career-impact"),
  GUILD_TEXT ("note"),
};

static void
guild_checkin_class_init (GuildCheckinClass *klass)
{
  guild_record_class_install_fields (GUILD_RECORD_CLASS (klass), GUILD_RECORD_CHECKIN,
                                     "checkin", fields, G_N_ELEMENTS (fields));
}

static void
guild_checkin_init (GuildCheckin *self)
{
}

/**
 * guild_checkin_new:
 * @day: the day of the check-in, `YYYY-MM-DD`
 *
 * Returns: (transfer full): a new, unsaved check-in.
 */
GuildCheckin *
guild_checkin_new (const char *day)
{
  return g_object_new (GUILD_TYPE_CHECKIN, "day", day, NULL);
}
