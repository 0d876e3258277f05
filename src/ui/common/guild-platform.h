/* guild-platform.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    guild_is_web_address        (const char *text);
const char *guild_guess_platform        (const char *url);
char       *guild_guess_community_name  (const char *url);

G_END_DECLS
