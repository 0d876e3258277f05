/* guild-store.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-error.h"
#include "guild-records.h"
#include "guild-types.h"

G_BEGIN_DECLS

/* The newest schema this build knows. */
#define GUILD_STORE_SCHEMA_VERSION 2

typedef enum
{
  GUILD_STORE_FLAGS_NONE      = 0,
  /* Hold the database for this process alone, as the app does: a second
   * Guild opening the same file gets GUILD_STORE_ERROR_LOCKED. */
  GUILD_STORE_FLAGS_EXCLUSIVE = 1 << 0,
} GuildStoreFlags;

typedef struct
{
  guint communities;
  guint contacts;
  guint events;
  guint activities;
  guint checkins;
  guint skills;
  guint courses;
  guint memberships;
  guint import_batches;
} GuildStoreStats;

#define GUILD_TYPE_STORE (guild_store_get_type ())

G_DECLARE_FINAL_TYPE (GuildStore, guild_store, GUILD, STORE, GObject)

char            *guild_store_default_path    (void);
GuildStore      *guild_store_open            (const char       *path,
                                              GuildStoreFlags   flags,
                                              GError          **error);
gboolean         guild_store_move_aside      (const char       *path,
                                              char            **new_path,
                                              GError          **error);
const char      *guild_store_get_path        (GuildStore       *self);
int              guild_store_get_schema_version (GuildStore    *self);

gboolean         guild_store_add             (GuildStore       *self,
                                              GuildRecord      *record,
                                              GError          **error);
gboolean         guild_store_update          (GuildStore       *self,
                                              GuildRecord      *record,
                                              GError          **error);
gboolean         guild_store_remove          (GuildStore       *self,
                                              GuildRecordKind   kind,
                                              gint64            id,
                                              GError          **error);
GuildRecord     *guild_store_load            (GuildStore       *self,
                                              GuildRecordKind   kind,
                                              gint64            id,
                                              GError          **error);
gboolean         guild_store_reload          (GuildStore       *self,
                                              GuildRecord      *record,
                                              GError          **error);

GuildProfile    *guild_store_dup_profile     (GuildStore       *self,
                                              GError          **error);
GuildGoals      *guild_store_dup_goals       (GuildStore       *self,
                                              GError          **error);
gboolean         guild_store_save_singleton  (GuildStore       *self,
                                              GuildRecord      *record,
                                              GError          **error);

gboolean         guild_store_begin           (GuildStore       *self,
                                              GError          **error);
gboolean         guild_store_begin_bulk      (GuildStore       *self,
                                              GError          **error);
gboolean         guild_store_commit          (GuildStore       *self,
                                              GError          **error);
void             guild_store_rollback        (GuildStore       *self);

GPtrArray       *guild_store_list            (GuildStore       *self,
                                              GuildRecordKind   kind,
                                              GCancellable     *cancellable,
                                              GError          **error);
void             guild_store_list_async      (GuildStore       *self,
                                              GuildRecordKind   kind,
                                              GCancellable     *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer          user_data);
GPtrArray       *guild_store_list_finish     (GuildStore       *self,
                                              GAsyncResult     *result,
                                              GError          **error);

gboolean         guild_store_get_stats       (GuildStore       *self,
                                              GuildStoreStats  *stats,
                                              GError          **error);
char            *guild_store_describe_error  (const GError     *error,
                                              const char       *path,
                                              char            **body);
guint            guild_store_count           (GuildStore       *self,
                                              GuildRecordKind   kind);

G_END_DECLS
