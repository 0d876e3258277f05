/* guild-export-json.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-store.h"

G_BEGIN_DECLS

gboolean guild_export_json (GuildStore    *store,
                            GString       *out,
                            GCancellable  *cancellable,
                            GError       **error);

G_END_DECLS
