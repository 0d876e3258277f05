/* guild-a11y.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void guild_a11y_follow_stack (GtkWidget *stack);

G_END_DECLS
