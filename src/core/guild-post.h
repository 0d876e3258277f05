/* guild-post.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void guild_post_to_context (GMainContext   *context,
                            int             priority,
                            GSourceFunc     function,
                            gpointer        data,
                            GDestroyNotify  notify);

G_END_DECLS
