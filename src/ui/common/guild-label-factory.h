/* guild-label-factory.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkListItemFactory *guild_label_factory_new (gboolean ellipsize,
                                             int      max_width_chars);

G_END_DECLS
