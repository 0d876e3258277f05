/* guild-profile-window.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_PROFILE_WINDOW (guild_profile_window_get_type ())

G_DECLARE_FINAL_TYPE (GuildProfileWindow, guild_profile_window, GUILD, PROFILE_WINDOW, AdwWindow)

GuildProfileWindow *guild_profile_window_new           (GtkWindow          *parent,
                                                        GuildStore         *store);
gboolean            guild_profile_window_flush         (GuildProfileWindow *self);
char              **guild_profile_dup_missing          (GuildRecord        *profile,
                                                        guint              *n_items);
GtkWidget          *_guild_profile_window_get_row      (GuildProfileWindow *self,
                                                        const char         *field);
const char         *_guild_profile_window_get_summary  (GuildProfileWindow *self);

G_END_DECLS
