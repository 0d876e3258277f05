/* guild-contact-editor.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-store.h"
#include "guild-store-contact-index.h"

G_BEGIN_DECLS

#define GUILD_TYPE_CONTACT_EDITOR (guild_contact_editor_get_type ())

G_DECLARE_FINAL_TYPE (GuildContactEditor, guild_contact_editor, GUILD, CONTACT_EDITOR, GtkWidget)

void        guild_contact_editor_set_store        (GuildContactEditor *self,
                                                   GuildStore         *store);
void        guild_contact_editor_set_communities  (GuildContactEditor *self,
                                                   GListModel         *communities);
void        guild_contact_editor_set_index        (GuildContactEditor *self,
                                                   GuildContactIndex  *index);
gboolean    guild_contact_editor_edit             (GuildContactEditor *self,
                                                   gint64              id,
                                                   gboolean            focus_name);
gint64      guild_contact_editor_get_contact_id   (GuildContactEditor *self);
gboolean    guild_contact_editor_flush            (GuildContactEditor *self);
void        guild_contact_editor_close            (GuildContactEditor *self);
gboolean    guild_contact_editor_get_dirty        (GuildContactEditor *self);
GtkWidget  *_guild_contact_editor_get_row         (GuildContactEditor *self,
                                                   const char         *field);

G_END_DECLS
