/* guild-import-dialog.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_IMPORT_DIALOG (guild_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GuildImportDialog, guild_import_dialog, GUILD, IMPORT_DIALOG, AdwWindow)

GuildImportDialog *guild_import_dialog_new        (GtkWindow          *parent,
                                                   GuildStore         *store,
                                                   GFile             **files,
                                                   guint               n_files);
gboolean           guild_import_dialog_get_ready  (GuildImportDialog  *self);
guint              guild_import_dialog_get_n_files (GuildImportDialog *self);
gboolean           guild_import_dialog_get_counts (GuildImportDialog  *self,
                                                   guint               file,
                                                   guint               counts[4]);
gboolean           guild_import_dialog_get_applying (GuildImportDialog *self);

G_END_DECLS
