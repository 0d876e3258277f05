/* guild-csv-mapping-page.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "import/guild-import.h"

G_BEGIN_DECLS

#define GUILD_TYPE_CSV_MAPPING_PAGE (guild_csv_mapping_page_get_type ())

G_DECLARE_FINAL_TYPE (GuildCsvMappingPage, guild_csv_mapping_page, GUILD, CSV_MAPPING_PAGE,
                      AdwPreferencesGroup)

GtkWidget             *guild_csv_mapping_page_new           (GFile               *file);
gboolean               guild_csv_mapping_page_get_ready     (GuildCsvMappingPage *self);
const GuildCsvMapping *guild_csv_mapping_page_get_mapping   (GuildCsvMappingPage *self);
const char            *guild_csv_mapping_page_get_sample    (GuildCsvMappingPage *self,
                                                             guint                column);
void                   guild_csv_mapping_page_set_field     (GuildCsvMappingPage *self,
                                                             guint                column,
                                                             GuildCsvField        field);
gboolean               guild_csv_mapping_page_get_busy      (GuildCsvMappingPage *self);
GuildImportResult     *guild_csv_mapping_page_steal_result  (GuildCsvMappingPage *self);

G_END_DECLS
