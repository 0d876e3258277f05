/* guild-contact-slots.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-contact-table.h"

G_BEGIN_DECLS

#define GUILD_TYPE_CONTACT_SLOT (guild_contact_slot_get_type ())

G_DECLARE_FINAL_TYPE (GuildContactSlot, guild_contact_slot, GUILD, CONTACT_SLOT, GObject)

guint               guild_contact_slot_get_position (GuildContactSlot  *self);

#define GUILD_TYPE_CONTACT_SLOTS (guild_contact_slots_get_type ())

G_DECLARE_FINAL_TYPE (GuildContactSlots, guild_contact_slots, GUILD, CONTACT_SLOTS, GObject)

GuildContactSlots  *guild_contact_slots_new         (GuildContactTable *table);
GuildContactTable  *guild_contact_slots_get_table   (GuildContactSlots *self);
void                guild_contact_slots_set_hot_range (GuildContactSlots *self,
                                                     guint              first,
                                                     guint              n);
void                guild_contact_slots_flush       (GuildContactSlots *self);
guint               guild_contact_slots_get_pending (GuildContactSlots *self);
void                guild_contact_slots_complete    (GuildContactSlots *self);

G_END_DECLS
