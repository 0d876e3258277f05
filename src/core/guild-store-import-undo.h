/* guild-store-import-undo.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-store-private.h"

G_BEGIN_DECLS

/* What an import changed in records that were already there, so that its
 * undo can put them back. Private to the store's import code. */

typedef struct _GuildUndoLog GuildUndoLog;

GuildUndoLog *_guild_undo_log_new            (GuildStore     *store,
                                              gint64          batch_id,
                                              GError        **error);
void          _guild_undo_log_free           (GuildUndoLog   *log);
gboolean      _guild_undo_log_update         (GuildUndoLog   *log,
                                              GuildRecord    *record,
                                              GError        **error);

gboolean      _guild_import_undo_restore     (GuildStore     *store,
                                              gint64          batch_id,
                                              guint          *restored,
                                              GCancellable   *cancellable,
                                              GError        **error);
gboolean      _guild_import_undo_count       (sqlite3        *db,
                                              GHashTable     *batches,
                                              GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildUndoLog, _guild_undo_log_free)

G_END_DECLS
