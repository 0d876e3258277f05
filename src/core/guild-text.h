/* guild-text.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "guild-types.h"

G_BEGIN_DECLS

char     *guild_text_fold            (const char  *text);
gboolean  guild_text_matches         (const char  *folded_haystack,
                                      const char  *folded_needle);
char     *guild_contact_search_text  (GuildRecord *contact);
char     *guild_profile_url_normalize (const char *url);

G_END_DECLS
