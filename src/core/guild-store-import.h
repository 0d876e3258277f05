/* guild-store-import.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-store.h"
#include "import/guild-import.h"

G_BEGIN_DECLS

/**
 * GuildImportAction:
 * @GUILD_IMPORT_ACTION_NEW: the record will be added
 * @GUILD_IMPORT_ACTION_UPDATE: it matches a stored record, which gains what
 *   the file adds
 * @GUILD_IMPORT_ACTION_UNCHANGED: it matches a stored record (or an earlier
 *   one in the same file) and adds nothing
 * @GUILD_IMPORT_ACTION_SKIP: the record cannot be stored; see the reason
 */
typedef enum
{
  GUILD_IMPORT_ACTION_NEW,
  GUILD_IMPORT_ACTION_UPDATE,
  GUILD_IMPORT_ACTION_UNCHANGED,
  GUILD_IMPORT_ACTION_SKIP,
} GuildImportAction;

/**
 * GuildImportPreviewEntry:
 * @action: what applying will do
 * @item: the index of the record in the result's items
 * @target_id: the stored record it matches, or 0
 * @merge_into: the index of an earlier entry the record is the same as, or -1
 * @merged: (nullable): the record as it will be written
 * @reason: (nullable): why it is skipped
 */
typedef struct
{
  GuildImportAction  action;
  guint              item;
  gint64             target_id;
  gint               merge_into;
  GuildRecord       *merged;
  char              *reason;
} GuildImportPreviewEntry;

/**
 * GuildImportPreview:
 * @result: the parsed file (borrowed: it must outlive the preview)
 * @entries: (element-type GuildImportPreviewEntry): one per item
 * @added: @updated: @unchanged: @skipped: the counts; @skipped includes the
 *   records the parser left out
 */
typedef struct
{
  GuildImportResult *result;
  GArray            *entries;
  guint              added;
  guint              updated;
  guint              unchanged;
  guint              skipped;
} GuildImportPreview;

/**
 * GuildImportProgressFunc:
 * @fraction: how much is done, from 0 to 1
 *
 * Told, on the main context of the caller, how far a preview or an apply on
 * a worker thread has come.
 */
typedef void (*GuildImportProgressFunc) (double   fraction,
                                         gpointer user_data);

void      guild_import_preview_free       (GuildImportPreview  *preview);
char     *guild_import_preview_report     (GuildImportPreview  *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildImportPreview, guild_import_preview_free)

gboolean  guild_store_import_preview      (GuildStore          *self,
                                           GuildImportResult   *result,
                                           GuildImportPreview **out,
                                           GCancellable        *cancellable,
                                           GError             **error);
gboolean  guild_store_import_apply        (GuildStore          *self,
                                           GuildImportPreview  *preview,
                                           gint64              *batch_id,
                                           GCancellable        *cancellable,
                                           GError             **error);
void                guild_store_import_preview_async  (GuildStore              *self,
                                                       GuildImportResult       *result,
                                                       GCancellable            *cancellable,
                                                       GuildImportProgressFunc  progress,
                                                       gpointer                 progress_data,
                                                       GDestroyNotify           progress_notify,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
GuildImportPreview *guild_store_import_preview_finish (GuildStore              *self,
                                                       GAsyncResult            *result,
                                                       GError                 **error);
void                guild_store_import_apply_async    (GuildStore              *self,
                                                       GPtrArray               *previews,
                                                       GCancellable            *cancellable,
                                                       GuildImportProgressFunc  progress,
                                                       gpointer                 progress_data,
                                                       GDestroyNotify           progress_notify,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
gboolean            guild_store_import_apply_finish   (GuildStore              *self,
                                                       GAsyncResult            *result,
                                                       GArray                 **batch_ids,
                                                       GError                 **error);

/* The skipped records and warnings a summary keeps; the rest are counted. */
#define GUILD_IMPORT_MAX_ISSUES 1000

/**
 * GuildImportSummary:
 * @format: what the file was read as
 * @file_name: (nullable): its display name
 * @n_records: how many records the file held, skipped ones included
 * @added: @updated: @unchanged: @skipped: the counts
 * @issues: (element-type GuildImportIssue): the first skipped records, in
 *   the order of the file, at most %GUILD_IMPORT_MAX_ISSUES
 * @more_issues: how many more were skipped
 * @warnings: (element-type GuildImportIssue): the first records read in
 *   part, likewise
 * @more_warnings: how many more
 *
 * The outcome of guild_store_import_stream(): counts and the first
 * problems, never the records themselves.
 */
typedef struct
{
  GuildImportFormat  format;
  char              *file_name;
  guint              n_records;
  guint              added;
  guint              updated;
  guint              unchanged;
  guint              skipped;
  GArray            *issues;
  guint              more_issues;
  GArray            *warnings;
  guint              more_warnings;
} GuildImportSummary;

void      guild_import_summary_free       (GuildImportSummary  *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildImportSummary, guild_import_summary_free)

gboolean  guild_store_import_stream       (GuildStore          *self,
                                           GuildImportReader   *reader,
                                           gboolean             write,
                                           GuildImportSummary **out,
                                           gint64              *batch_id,
                                           GCancellable        *cancellable,
                                           GError             **error);

void                guild_store_import_stream_async   (GuildStore              *self,
                                                       GFile                   *file,
                                                       gboolean                 write,
                                                       GCancellable            *cancellable,
                                                       GuildImportProgressFunc  progress,
                                                       gpointer                 progress_data,
                                                       GDestroyNotify           progress_notify,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
GuildImportSummary *guild_store_import_stream_finish  (GuildStore              *self,
                                                       GAsyncResult            *result,
                                                       gint64                  *batch_id,
                                                       GError                 **error);

gboolean  guild_store_import_undo         (GuildStore          *self,
                                           gint64               batch_id,
                                           GCancellable        *cancellable,
                                           GError             **error);
void      guild_store_import_undo_async   (GuildStore          *self,
                                           const gint64        *batch_ids,
                                           guint                n_batch_ids,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  guild_store_import_undo_finish  (GuildStore          *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
