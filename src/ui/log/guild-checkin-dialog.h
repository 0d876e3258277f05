/* guild-checkin-dialog.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_CHECKIN_DIALOG (guild_checkin_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GuildCheckinDialog, guild_checkin_dialog, GUILD, CHECKIN_DIALOG, AdwWindow)

GuildCheckinDialog *guild_checkin_dialog_new          (GtkWindow          *parent,
                                                       GuildStore         *store);
void                guild_checkin_dialog_edit         (GuildCheckinDialog *self,
                                                       GuildCheckin       *checkin);
GuildCheckin       *guild_checkin_dialog_get_checkin  (GuildCheckinDialog *self);
GtkWidget          *_guild_checkin_dialog_get_rating  (GuildCheckinDialog *self,
                                                       const char         *field);
void                guild_checkin_dialog_flush        (GuildCheckinDialog *self);

G_END_DECLS
