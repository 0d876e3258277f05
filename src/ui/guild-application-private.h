/* guild-application-private.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-application.h"

G_BEGIN_DECLS

/* For the tests: the import batches the last import wrote, as "ax", the
 * target of its toast's Undo button. */
GVariant *_guild_application_get_last_import (GuildApplication *self);
void      _guild_application_export_backup   (GuildApplication *self,
                                              GFile            *file);
/* For the tests: the database to open, as --database would give it, without
 * setting GUILD_DATABASE in an environment that other threads read. */
void      _guild_application_set_database_path (GuildApplication *self,
                                                const char       *path);

G_END_DECLS
