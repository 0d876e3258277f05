/* guild-view-state.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GuildViewState:
 * @GUILD_VIEW_STATE_LOADING: the records are on their way (or not asked for yet)
 * @GUILD_VIEW_STATE_FAILED: loading failed and nothing is shown
 * @GUILD_VIEW_STATE_EMPTY: loaded, and there is nothing
 * @GUILD_VIEW_STATE_ITEMS: loaded, with records to show
 *
 * What a view over a #GuildRecordList shows. Each state is the name of a
 * page in the view's GtkStack.
 */
typedef enum
{
  GUILD_VIEW_STATE_LOADING,
  GUILD_VIEW_STATE_FAILED,
  GUILD_VIEW_STATE_EMPTY,
  GUILD_VIEW_STATE_ITEMS,
} GuildViewState;

GuildViewState  guild_view_state_compute   (gboolean        requested,
                                            gboolean        loading,
                                            gboolean        loaded,
                                            guint           n_items);
const char     *guild_view_state_get_name  (GuildViewState  state);

G_END_DECLS
