/* guild-contacts-page.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_CONTACTS_PAGE (guild_contacts_page_get_type ())

G_DECLARE_FINAL_TYPE (GuildContactsPage, guild_contacts_page, GUILD, CONTACTS_PAGE, GtkWidget)

GuildStore *guild_contacts_page_get_store (GuildContactsPage *self);
void        guild_contacts_page_set_store (GuildContactsPage *self,
                                              GuildStore           *store);
void        guild_contacts_page_load      (GuildContactsPage *self);
void        guild_contacts_page_add       (GuildContactsPage *self);
GArray     *guild_contacts_page_dup_selected_ids (GuildContactsPage *self);
void        guild_contacts_page_show_contact (GuildContactsPage *self,
                                              gint64             id);

G_END_DECLS
