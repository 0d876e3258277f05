/* guild-preferences-window.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_PREFERENCES_WINDOW (guild_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (GuildPreferencesWindow, guild_preferences_window,
                      GUILD, PREFERENCES_WINDOW, AdwPreferencesWindow)

GuildPreferencesWindow *guild_preferences_window_new       (GtkWindow              *parent,
                                                            GuildStore             *store);
GuildStore             *guild_preferences_window_get_store (GuildPreferencesWindow *self);
void                    guild_preferences_window_flush     (GuildPreferencesWindow *self);

G_END_DECLS
