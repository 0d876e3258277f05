/* guild-log-format.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *guild_log_format_when      (gint64      at,
                                        GDateTime  *now);
char       *guild_log_format_reactions (int         likes,
                                        int         comments,
                                        int         reposts);
char       *guild_log_format_minutes   (int         minutes);
char       *guild_log_excerpt          (const char *note,
                                        guint       max_chars);
const char *guild_log_strategy_icon    (const char *strategy);
gboolean    guild_log_parse_when       (const char *text,
                                        GTimeZone  *tz,
                                        gint64     *out);
char       *guild_log_format_when_entry (gint64     at,
                                        GTimeZone  *tz);

G_END_DECLS
