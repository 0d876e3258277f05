/* guild-view-state.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-view-state"

#include "config.h"

#include "guild-view-state.h"

/**
 * guild_view_state_compute:
 * @requested: whether the view has asked for its records
 * @loading: whether a load is running
 * @loaded: whether a load has ever finished
 * @n_items: how many records there are
 *
 * Decides what a view shows. Once the records have arrived, a reload keeps
 * them on screen rather than flashing a spinner; before that, a load that
 * ended without records has failed.
 *
 * Returns: the state to show
 */
GuildViewState
guild_view_state_compute (gboolean requested,
                          gboolean loading,
                          gboolean loaded,
                          guint    n_items)
{
  if (loaded)
    return n_items > 0 ? GUILD_VIEW_STATE_ITEMS : GUILD_VIEW_STATE_EMPTY;

  if (loading || !requested)
    return GUILD_VIEW_STATE_LOADING;

  return GUILD_VIEW_STATE_FAILED;
}

/**
 * guild_view_state_get_name:
 * @state: a #GuildViewState
 *
 * Returns: the name of the GtkStack page that shows @state
 */
const char *
guild_view_state_get_name (GuildViewState state)
{
  switch (state)
    {
    case GUILD_VIEW_STATE_LOADING:
      return "loading";
    case GUILD_VIEW_STATE_FAILED:
      return "failed";
    case GUILD_VIEW_STATE_EMPTY:
      return "empty";
    case GUILD_VIEW_STATE_ITEMS:
      return "items";
    default:
      g_return_val_if_reached ("loading");
    }
}
