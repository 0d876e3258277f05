/* guild-export-ui.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-export-file.h"
#include "guild-store.h"

G_BEGIN_DECLS

void guild_export_ui_run    (GtkWindow         *parent,
                             GuildStore        *store,
                             GuildExportFormat  format,
                             GArray            *contact_ids);
void guild_export_ui_backup (GtkWindow         *parent,
                             GuildStore        *store);
void guild_export_ui_write  (GtkWindow         *parent,
                             GuildStore        *store,
                             GuildExportFormat  format,
                             GArray            *contact_ids,
                             GFile             *file);

G_END_DECLS
