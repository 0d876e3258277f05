/* guild-contact.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-contact"

#include "config.h"

#include "guild-records.h"

struct _GuildContact
{
  GuildRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GuildContact, guild_contact, GUILD_TYPE_RECORD)

static const GuildField fields[] = {
  GUILD_REQUIRED_TEXT ("full-name"),
  GUILD_TEXT ("given-name"),
  GUILD_TEXT ("family-name"),
  GUILD_TEXT ("company"),
  GUILD_TEXT ("position"),
  GUILD_STRV ("emails", "contact_email", "contact_id"),
  GUILD_STRV ("phones", "contact_phone", "contact_id"),
  GUILD_STRV ("urls", "contact_url", "contact_id"),
  GUILD_TEXT ("location"),
  GUILD_VOCAB ("relationship", GUILD_VOCAB_RELATIONSHIP, "peer"),
  GUILD_DAY ("connected-on"),
  GUILD_REF ("met-at-community"),
  GUILD_REF ("met-at-event"),
  { .name = "birthday", .type = GUILD_FIELD_DAY, .flags = GUILD_FIELD_YEARLESS_DAY },
  GUILD_RATING ("connection-quality"),
  GUILD_INT ("cadence-days", 0, 3660),
  GUILD_STRV ("tags", "contact_tag", "contact_id"),
  GUILD_TEXT ("notes"),
  GUILD_REFS ("communities", "membership", "contact_id", "community_id"),
};

static void
guild_contact_class_init (GuildContactClass *klass)
{
  guild_record_class_install_fields (GUILD_RECORD_CLASS (klass), GUILD_RECORD_CONTACT,
                                     "contact", fields, G_N_ELEMENTS (fields));
}

static void
guild_contact_init (GuildContact *self)
{
}

/**
 * guild_contact_new:
 *
 * Returns: (transfer full): a new, unsaved contact.
 */
GuildContact *
guild_contact_new (const char *full_name)
{
  return g_object_new (GUILD_TYPE_CONTACT, "full-name", full_name, NULL);
}
