/* guild-test-app.h: the application under test, with its import dialog
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-application.h"
#include "guild-import-dialog.h"

G_BEGIN_DECLS

typedef gboolean (*GuildTestCondition) (gpointer data);

void               guild_test_wait_for             (GuildTestCondition  condition,
                                                    gpointer            data,
                                                    const char         *what);
GuildApplication  *guild_test_start_application    (const char         *path,
                                                    const char         *id_suffix);
void               guild_test_destroy_toplevels    (void);
GFile             *guild_test_sample_file          (const char         *name);
GuildImportDialog *guild_test_find_import_dialog   (void);
GuildImportDialog *guild_test_wait_for_import_dialog (void);
gboolean           guild_test_import_dialog_gone   (gpointer            data);
gboolean           guild_test_store_not_busy       (gpointer            store);

G_END_DECLS
