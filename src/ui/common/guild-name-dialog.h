/* guild-name-dialog.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the trimmed, non-empty name when the user accepts. */
typedef void (*GuildNameDialogFunc) (const char *name,
                                     gpointer    user_data);

void guild_name_dialog_present (GtkWidget           *parent,
                                const char          *heading,
                                const char          *body,
                                const char          *entry_label,
                                const char          *accept_label,
                                GuildNameDialogFunc  callback,
                                gpointer             user_data,
                                GDestroyNotify       destroy);

G_END_DECLS
