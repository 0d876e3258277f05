/* guild-store-private.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "guild-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* One step of the schema: the SQL that takes a database from version - 1 to
 * version. A released step never changes. */
typedef struct
{
  int         version;
  const char *sql;
} GuildMigration;

extern const GuildMigration _guild_store_migrations[];
extern const guint _guild_store_n_migrations;

GuildStore *_guild_store_open_with_migrations (const char            *path,
                                               GuildStoreFlags        flags,
                                               const GuildMigration  *migrations,
                                               guint                  n_migrations,
                                               GError               **error);
sqlite3    *_guild_store_get_db               (GuildStore            *self);
sqlite3    *_guild_store_open_reader          (const char            *path,
                                               GError               **error);
void        _guild_store_close_reader         (sqlite3               *db);

/* What a worker computes from one read-only snapshot of the database: a
 * result, or %NULL with @error set. */
typedef gpointer (*GuildStoreReadFunc)        (sqlite3               *db,
                                               gpointer               data,
                                               GCancellable          *cancellable,
                                               GError               **error);

void        _guild_store_read_async           (GuildStore            *self,
                                               gpointer               source_tag,
                                               GuildStoreReadFunc     func,
                                               gpointer               data,
                                               GDestroyNotify         data_free,
                                               GDestroyNotify         result_free,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
gboolean    _guild_store_set_error            (sqlite3               *db,
                                               int                    rc,
                                               GError               **error);
gboolean    _guild_store_begin_bulk_sized     (GuildStore            *self,
                                               int                    cache_kib,
                                               GError               **error);
gboolean    _guild_store_add_validated        (GuildStore            *self,
                                               GuildRecord           *record,
                                               GError               **error);
void        _guild_store_set_import_batch     (GuildStore            *self,
                                               gint64                 batch_id);
void        _guild_store_set_busy_importing   (GuildStore            *self,
                                               gboolean               busy);
gboolean    _guild_store_get_busy_importing   (GuildStore            *self);
void        _guild_store_announce_reset       (GuildStore            *self,
                                               GuildRecordKind        kind);

G_END_DECLS
