/* guild-learning-format.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *guild_learning_gap_text        (int         level,
                                      int         target);
char *guild_learning_levels_text     (int         level,
                                      int         target);
char *guild_learning_progress_text   (int         progress);
char *guild_learning_day_text        (const char *day);
char *guild_learning_raise_text      (const char *name,
                                      int         level);

G_END_DECLS
