/* guild-merge-dialog.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_MERGE_DIALOG (guild_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GuildMergeDialog, guild_merge_dialog, GUILD, MERGE_DIALOG, AdwWindow)

GuildMergeDialog *guild_merge_dialog_new         (GtkWindow        *parent,
                                                  GuildStore       *store,
                                                  GPtrArray        *duplicates);
void              guild_merge_dialog_select_pair (GuildMergeDialog *self,
                                                  guint             index,
                                                  gboolean          keep_second);
GListModel       *_guild_merge_dialog_get_preview_rows (GuildMergeDialog *self);

G_END_DECLS
