/* guild-reminders.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_REMINDERS (guild_reminders_get_type ())

G_DECLARE_FINAL_TYPE (GuildReminders, guild_reminders, GUILD, REMINDERS, GObject)

GuildReminders *guild_reminders_new          (GApplication   *application,
                                              GuildStore     *store);
gint64          guild_reminders_get_next_fire (GuildReminders *self);
void            guild_reminders_reschedule   (GuildReminders *self);
void            guild_reminders_stop         (GuildReminders *self);

G_END_DECLS
