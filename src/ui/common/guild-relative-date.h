/* guild-relative-date.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *guild_format_relative_day (gint64     at,
                                 GDateTime *now);

G_END_DECLS
