/* guild-contact-row.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-records.h"

G_BEGIN_DECLS

#define GUILD_TYPE_CONTACT_ROW (guild_contact_row_get_type ())

G_DECLARE_FINAL_TYPE (GuildContactRow, guild_contact_row, GUILD, CONTACT_ROW, GtkWidget)

GuildContact *guild_contact_row_get_item (GuildContactRow *self);
void            guild_contact_row_set_item (GuildContactRow *self,
                                              GuildContact    *item);

G_END_DECLS
