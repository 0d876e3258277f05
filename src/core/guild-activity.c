/* guild-activity.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-activity"

#include "config.h"

#include "guild-records.h"

struct _GuildActivity
{
  GuildRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GuildActivity, guild_activity, GUILD_TYPE_RECORD)

static const GuildField fields[] = {
  GUILD_INSTANT ("at"),
  GUILD_VOCAB ("kind", GUILD_VOCAB_ACTIVITY_KIND, "read"),
  GUILD_VOCAB ("strategy", GUILD_VOCAB_STRATEGY, "learning"),
  GUILD_INT ("minutes", 0, 7 * 24 * 60),
  GUILD_REF ("community-id"),
  GUILD_REF ("event-id"),
  GUILD_REFS ("contacts", "activity_contact", "activity_id", "contact_id"),
  GUILD_REFS ("skills", "activity_skill", "activity_id", "skill_id"),
  GUILD_INT ("likes", 0, G_MAXINT),
  GUILD_INT ("comments", 0, G_MAXINT),
  GUILD_INT ("reposts", 0, G_MAXINT),
  GUILD_URL ("url"),
  GUILD_TEXT ("note"),
};

/* The strategy follows from the kind (DESIGN.md's vocabulary), so it is never
 * out of step with it whatever the caller set. */
static void
guild_activity_prepare (GuildRecord *record)
{
  const char *strategy = guild_activity_kind_strategy (guild_record_get_text (record, "kind"));

  if (strategy != NULL)
    guild_record_set_text (record, "strategy", strategy);
  if (guild_record_get_int (record, "at") == 0)
    guild_record_set_int (record, "at", g_get_real_time () / G_USEC_PER_SEC);
}

static void
guild_activity_class_init (GuildActivityClass *klass)
{
  GuildRecordClass *record_class = GUILD_RECORD_CLASS (klass);

  record_class->prepare = guild_activity_prepare;
  guild_record_class_install_fields (record_class, GUILD_RECORD_ACTIVITY,
                                     "activity", fields, G_N_ELEMENTS (fields));
}

static void
guild_activity_init (GuildActivity *self)
{
}

/**
 * guild_activity_new:
 * @kind: an activity kind identifier
 * @at: when, in seconds since the epoch (0: when it is stored)
 *
 * Returns: (transfer full): a new, unsaved activity.
 */
GuildActivity *
guild_activity_new (const char *kind,
                    gint64      at)
{
  return g_object_new (GUILD_TYPE_ACTIVITY,
                       "kind", kind,
                       "strategy", guild_activity_kind_strategy (kind),
                       "at", at,
                       NULL);
}
