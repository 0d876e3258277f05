/* guild-rating-bar.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GUILD_TYPE_RATING_BAR (guild_rating_bar_get_type ())

G_DECLARE_FINAL_TYPE (GuildRatingBar, guild_rating_bar, GUILD, RATING_BAR, GtkWidget)

GtkWidget *guild_rating_bar_new       (const char  *name);
int        guild_rating_bar_get_value (GuildRatingBar *self);
void       guild_rating_bar_set_value (GuildRatingBar *self,
                                   int          value);
char      *guild_rating_bar_describe  (const char  *name,
                                   int          value);

G_END_DECLS
