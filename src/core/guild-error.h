/* guild-error.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GUILD_STORE_ERROR (guild_store_error_quark ())

/**
 * GuildStoreError:
 * @GUILD_STORE_ERROR_FAILED: anything else; the message says what
 * @GUILD_STORE_ERROR_CORRUPT: the file is not a Guild database or is damaged
 * @GUILD_STORE_ERROR_READ_ONLY: the file or its folder cannot be written
 * @GUILD_STORE_ERROR_LOCKED: another Guild (or program) holds the database
 * @GUILD_STORE_ERROR_TOO_NEW: written by a newer Guild; never downgraded
 * @GUILD_STORE_ERROR_INVALID: a field has a value the store refuses
 * @GUILD_STORE_ERROR_NOT_FOUND: no record with that id
 * @GUILD_STORE_ERROR_IO: the folder could not be created or read
 */
typedef enum
{
  GUILD_STORE_ERROR_FAILED,
  GUILD_STORE_ERROR_CORRUPT,
  GUILD_STORE_ERROR_READ_ONLY,
  GUILD_STORE_ERROR_LOCKED,
  GUILD_STORE_ERROR_TOO_NEW,
  GUILD_STORE_ERROR_INVALID,
  GUILD_STORE_ERROR_NOT_FOUND,
  GUILD_STORE_ERROR_IO,
} GuildStoreError;

GQuark guild_store_error_quark (void);

G_END_DECLS
