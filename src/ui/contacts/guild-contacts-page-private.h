/* guild-contacts-page-private.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-contact-editor.h"
#include "guild-contact-table.h"
#include "guild-contacts-page.h"

G_BEGIN_DECLS

/* For the tests and the benchmark. */
GuildContactTable  *_guild_contacts_page_get_table        (GuildContactsPage *self);
GuildContactEditor *_guild_contacts_page_get_editor       (GuildContactsPage *self);
GtkColumnView      *_guild_contacts_page_get_column_view  (GuildContactsPage *self);
GtkEditable        *_guild_contacts_page_get_search_entry (GuildContactsPage *self);
void                _guild_contacts_page_delete           (GuildContactsPage *self,
                                                           gint64             id);
void                _guild_contacts_page_merge            (GuildContactsPage *self,
                                                           gint64             keep,
                                                           gint64             drop);
AdwToast           *_guild_contacts_page_get_undo_toast   (GuildContactsPage *self,
                                                           gboolean           merge);
const char         *_guild_contacts_page_get_state        (GuildContactsPage *self);
void                _guild_contacts_page_set_export_file  (GuildContactsPage *self,
                                                           GFile             *file);

G_END_DECLS
