/* guild-store-history.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store"

#include "config.h"

#include "guild-store-history.h"
#include "guild-store-import-undo.h"
#include "guild-store-private.h"

/* The Import History: every finished import batch, newest first, with how
 * many of the records it added are still there and how many records it
 * updated can be put back (guild-store-import-undo.c). Undo itself is
 * guild_store_import_undo(). Counting reads each table once (grouped by
 * batch), so the list costs the same with one batch or a hundred. */

static const GuildRecordKind batch_kinds[] = {
  GUILD_RECORD_COMMUNITY, GUILD_RECORD_CONTACT, GUILD_RECORD_EVENT, GUILD_RECORD_ACTIVITY,
  GUILD_RECORD_CHECKIN, GUILD_RECORD_SKILL, GUILD_RECORD_COURSE,
};

void
guild_import_batch_free (GuildImportBatch *batch)
{
  if (batch == NULL)
    return;

  g_free (batch->file_name);
  g_free (batch->format);
  g_free (batch);
}

static GPtrArray *
list_on (sqlite3       *db,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) guild_import_batch_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT id, started_at, file_name, format, added, updated, skipped,"
                           " coalesce (undone_at, 0) FROM import_batch"
                           " WHERE finished_at IS NOT NULL ORDER BY started_at DESC, id DESC",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GuildImportBatch *batch = g_new0 (GuildImportBatch, 1);

      batch->id = sqlite3_column_int64 (stmt, 0);
      batch->started_at = sqlite3_column_int64 (stmt, 1);
      batch->file_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      batch->format = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      batch->added = sqlite3_column_int (stmt, 4);
      batch->updated = sqlite3_column_int (stmt, 5);
      batch->skipped = sqlite3_column_int (stmt, 6);
      batch->undone_at = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (batches, batch);
      g_hash_table_insert (by_id, &batch->id, batch);
    }
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  for (guint k = 0; k < G_N_ELEMENTS (batch_kinds); k++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT import_batch, count(*) FROM %s"
                         " WHERE import_batch IS NOT NULL GROUP BY import_batch",
                         guild_record_kind_get_table (batch_kinds[k]));
      g_autoptr(sqlite3_stmt) count = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      rc = sqlite3_prepare_v2 (db, sql, -1, &count, NULL);
      if (rc != SQLITE_OK)
        {
          _guild_store_set_error (db, rc, error);
          return NULL;
        }
      while ((rc = sqlite3_step (count)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (count, 0);
          GuildImportBatch *batch = g_hash_table_lookup (by_id, &id);

          if (batch != NULL)
            batch->remaining += sqlite3_column_int (count, 1);
        }
      if (rc != SQLITE_DONE)
        {
          _guild_store_set_error (db, rc, error);
          return NULL;
        }
    }

  if (!_guild_import_undo_count (db, by_id, error))
    return NULL;

  return g_steal_pointer (&batches);
}

/**
 * guild_store_list_import_batches:
 *
 * Lists the finished imports on the calling thread, newest first.
 *
 * Returns: (transfer full) (element-type GuildImportBatch): the batches
 */
GPtrArray *
guild_store_list_import_batches (GuildStore    *self,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  return list_on (_guild_store_get_db (self), cancellable, error);
}

static gpointer
list_read (sqlite3       *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return list_on (db, cancellable, error);
}

/**
 * guild_store_list_import_batches_async:
 *
 * Lists the finished imports on a worker thread with a connection of its own.
 */
void
guild_store_list_import_batches_async (GuildStore          *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (GUILD_IS_STORE (self));

  _guild_store_read_async (self, guild_store_list_import_batches_async, list_read,
                           NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

/**
 * guild_store_list_import_batches_finish:
 *
 * Returns: (transfer full) (element-type GuildImportBatch): the batches, or
 *   %NULL with @error set
 */
GPtrArray *
guild_store_list_import_batches_finish (GuildStore    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
