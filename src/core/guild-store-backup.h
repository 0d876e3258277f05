/* guild-store-backup.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-store.h"

G_BEGIN_DECLS

gboolean guild_store_backup_file    (const char           *database_path,
                                     const char           *destination,
                                     GCancellable         *cancellable,
                                     GError              **error);
void     guild_store_backup_async   (GuildStore           *self,
                                     GFile                *destination,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean guild_store_backup_finish  (GuildStore           *self,
                                     GAsyncResult         *result,
                                     GError              **error);
char    *guild_store_backup_default_name (void);

G_END_DECLS
