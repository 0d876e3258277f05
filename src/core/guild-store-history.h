/* guild-store-history.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-store.h"

G_BEGIN_DECLS

/**
 * GuildImportBatch:
 * @id: the import_batch row
 * @started_at: when the import ran (seconds since the epoch, UTC)
 * @file_name: the file's display name
 * @format: the importer's id (guild_import_format_from_string())
 * @added: records the import added
 * @updated: existing records it updated
 * @skipped: records it left out
 * @undone_at: when it was undone, 0 if not
 * @remaining: how many of the records it added are still in the database
 *   (what Undo would remove)
 * @restorable: how many existing records it updated whose earlier state
 *   was kept (what Undo would put back, field by field, where nobody
 *   changed them since)
 *
 * One past import, as the Import History lists it.
 */
typedef struct
{
  gint64  id;
  gint64  started_at;
  char   *file_name;
  char   *format;
  guint   added;
  guint   updated;
  guint   skipped;
  gint64  undone_at;
  guint   remaining;
  guint   restorable;
} GuildImportBatch;

void       guild_import_batch_free             (GuildImportBatch *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildImportBatch, guild_import_batch_free)

GPtrArray *guild_store_list_import_batches     (GuildStore        *self,
                                                GCancellable      *cancellable,
                                                GError           **error);
void       guild_store_list_import_batches_async  (GuildStore          *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray *guild_store_list_import_batches_finish (GuildStore          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
