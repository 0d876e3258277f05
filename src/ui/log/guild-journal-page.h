/* guild-journal-page.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_JOURNAL_PAGE (guild_journal_page_get_type ())

G_DECLARE_FINAL_TYPE (GuildJournalPage, guild_journal_page, GUILD, JOURNAL_PAGE, GtkWidget)

void       guild_journal_page_set_store        (GuildJournalPage *self,
                                                GuildStore       *store);
void       guild_journal_page_load             (GuildJournalPage *self);
void       guild_journal_page_update_checkin_prompt (GuildJournalPage *self,
                                                const GDate      *today);
gboolean   guild_journal_page_get_checkin_offered (GuildJournalPage *self);
GtkWidget *_guild_journal_page_get_timeline    (GuildJournalPage *self);
GtkWidget *_guild_journal_page_get_search      (GuildJournalPage *self);
GtkWidget *_guild_journal_page_get_prompt_label (GuildJournalPage *self);
void       _guild_journal_page_set_strategy    (GuildJournalPage *self,
                                                guint             position);
void       _guild_journal_page_set_period      (GuildJournalPage *self,
                                                guint             position);

G_END_DECLS
