/* guild-application.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_APPLICATION (guild_application_get_type ())

G_DECLARE_FINAL_TYPE (GuildApplication, guild_application, GUILD, APPLICATION, AdwApplication)

GuildApplication *guild_application_new          (gint64             start_time);
GuildStore       *guild_application_get_store    (GuildApplication  *self);
void              guild_application_import_files (GuildApplication  *self,
                                                  GFile            **files,
                                                  guint              n_files);
void              guild_application_export_contacts (GuildApplication *self,
                                                     GArray           *ids);

G_END_DECLS
