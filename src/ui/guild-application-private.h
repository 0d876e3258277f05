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

G_END_DECLS
