/* guild-window-private.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-window.h"

G_BEGIN_DECLS

/* For the tests: the widget of a view, and the view stack's pages. */
GtkWidget  *_guild_window_get_view  (GuildWindow *self,
                                     const char  *name);
GListModel *_guild_window_get_pages (GuildWindow *self);
gboolean    _guild_window_drop      (GuildWindow  *self,
                                     const GValue *value);

G_END_DECLS
