/* guild-autosave.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How long typing must pause before an edit is written. */
#define GUILD_AUTOSAVE_DELAY_MS 500

#define GUILD_TYPE_AUTOSAVE (guild_autosave_get_type ())

G_DECLARE_FINAL_TYPE (GuildAutosave, guild_autosave, GUILD, AUTOSAVE, GObject)

GuildAutosave *guild_autosave_new          (guint          delay_ms);
void           guild_autosave_schedule     (GuildAutosave *self);
gboolean       guild_autosave_flush        (GuildAutosave *self);
void           guild_autosave_cancel       (GuildAutosave *self);
gboolean       guild_autosave_get_pending  (GuildAutosave *self);

G_END_DECLS
