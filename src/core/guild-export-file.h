/* guild-export-file.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-store.h"

G_BEGIN_DECLS

/**
 * GuildExportFormat:
 *
 * What "Export…" writes.
 */
typedef enum
{
  GUILD_EXPORT_FORMAT_VCARD,
  GUILD_EXPORT_FORMAT_ICALENDAR,
  GUILD_EXPORT_FORMAT_CONTACTS_CSV,
  GUILD_EXPORT_FORMAT_ACTIVITIES_CSV,
  GUILD_EXPORT_FORMAT_JSON,
  GUILD_N_EXPORT_FORMATS
} GuildExportFormat;

const char        *guild_export_format_to_string   (GuildExportFormat   format);
GuildExportFormat  guild_export_format_from_string (const char         *id);
char              *guild_export_format_default_name (GuildExportFormat  format);

gboolean           guild_export_to_file            (const char         *database_path,
                                                    GuildExportFormat   format,
                                                    GArray             *contact_ids,
                                                    const char         *destination,
                                                    guint              *n_records,
                                                    GCancellable       *cancellable,
                                                    GError            **error);
void               guild_export_to_file_async      (GuildStore         *store,
                                                    GuildExportFormat   format,
                                                    GArray             *contact_ids,
                                                    GFile              *destination,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean           guild_export_to_file_finish     (GuildStore         *store,
                                                    GAsyncResult       *result,
                                                    guint              *n_records,
                                                    GError            **error);

G_END_DECLS
