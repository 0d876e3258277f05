/* guild-export.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-store.h"

G_BEGIN_DECLS

gboolean guild_export_vcard     (GuildStore       *store,
                                 GString          *out,
                                 GCancellable     *cancellable,
                                 GError          **error);
gboolean guild_export_vcard_selection (GuildStore   *store,
                                       GArray       *ids,
                                       GString      *out,
                                       guint        *n_written,
                                       GCancellable *cancellable,
                                       GError      **error);
gboolean guild_export_icalendar (GuildStore       *store,
                                 GString          *out,
                                 GCancellable     *cancellable,
                                 GError          **error);
gboolean guild_export_csv       (GuildStore       *store,
                                 GuildRecordKind   kind,
                                 GString          *out,
                                 GCancellable     *cancellable,
                                 GError          **error);

/* Shared with the tests: appends @line folded at 75 octets, ending in CRLF. */
void     _guild_export_append_folded (GString     *out,
                                      const char  *line);

G_END_DECLS
