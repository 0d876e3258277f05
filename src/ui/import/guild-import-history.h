/* guild-import-history.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_IMPORT_HISTORY (guild_import_history_get_type ())

G_DECLARE_FINAL_TYPE (GuildImportHistory, guild_import_history, GUILD, IMPORT_HISTORY, AdwWindow)

GuildImportHistory *guild_import_history_new     (GuildStore *store);
GtkWindow          *guild_import_history_present (GtkWindow  *parent,
                                                  GuildStore *store);
int                 guild_import_history_get_n_rows (GuildImportHistory *self);

G_END_DECLS
