/* guild-format.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *guild_format_date_time  (GDateTime  *date_time,
                               const char *format);
char *guild_format_event_time (gint64      starts_at,
                               gboolean    all_day);

G_END_DECLS
