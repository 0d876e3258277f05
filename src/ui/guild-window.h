/* guild-window.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-store.h"

G_BEGIN_DECLS

/* The schema id stays the same in development builds (data/meson.build). */
#define GUILD_SETTINGS_SCHEMA "io.github.guildapp.Guild"

#define GUILD_TYPE_WINDOW (guild_window_get_type ())

G_DECLARE_FINAL_TYPE (GuildWindow, guild_window, GUILD, WINDOW, AdwApplicationWindow)

GuildWindow *guild_window_new                   (GtkApplication *application,
                                                 GuildStore     *store);
GuildStore  *guild_window_get_store             (GuildWindow    *self);
const char  *guild_window_get_visible_view      (GuildWindow    *self);
void         guild_window_set_visible_view      (GuildWindow    *self,
                                                 const char     *name);
gboolean     guild_window_get_first_frame_shown (GuildWindow    *self);
void         guild_window_add_toast             (GuildWindow    *self,
                                                 AdwToast       *toast);

G_END_DECLS
