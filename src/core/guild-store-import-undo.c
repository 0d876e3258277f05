/* guild-store-import-undo.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store-import"

#include "config.h"

#include <string.h>

#include "guild-store-history.h"
#include "guild-store-import-undo.h"

/* Undoing what an import changed in records that were already there.
 *
 * The rows an import ADDS carry its batch id and undo removes them. For a
 * record it UPDATES, the apply keeps, in the same transaction as the
 * update, the record's fields as they were before the import ("before")
 * and as the import left them ("after"), one row per record and batch in
 * the table import_undo. Both are a GVariant a{sv} of every field (field
 * name → value), stored as a blob in GVariant's normal form.
 *
 * Undo puts a field back to "before" only when it still holds "after":
 * a field the person (or a later import) changed since is theirs and
 * stays, so undoing an old import never throws away what was typed after
 * it. Fields the import did not touch hold the same value in both and are
 * left alone too. Id lists (a contact's communities, an event's attendees)
 * are compared as sets, since their order is not what an import changes.
 *
 * The table is created lazily, with CREATE TABLE IF NOT EXISTS, at the
 * start of every import's transaction rather than by a schema migration:
 * the schema version belongs to the migration chain in guild-store-schema.c,
 * which is being extended on another branch, and this table needs no
 * migration of existing rows — a database without it simply has nothing to
 * restore for its older batches (they undo as they always did: the added
 * records go, updates stay). Readers (the Import History) treat a missing
 * table as empty. A later schema version can adopt the same statement
 * unchanged. Rows go with their batch (ON DELETE CASCADE).
 */

#define CREATE_UNDO_TABLE \
  "CREATE TABLE IF NOT EXISTS import_undo (\n" \
  "  batch_id INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,\n" \
  "  kind INTEGER NOT NULL,\n" \
  "  record_id INTEGER NOT NULL,\n" \
  "  before BLOB NOT NULL,\n" \
  "  after BLOB,\n" \
  "  PRIMARY KEY (batch_id, kind, record_id)\n" \
  ") WITHOUT ROWID"

struct _GuildUndoLog
{
  GuildStore   *store;
  sqlite3      *db;
  gint64        batch_id;
  sqlite3_stmt *has;
  sqlite3_stmt *put;
};

/* Section: records as variants */

static GVariant *
field_to_variant (GuildRecord      *record,
                  const GuildField *field)
{
  switch (field->type)
    {
    case GUILD_FIELD_TEXT:
    case GUILD_FIELD_VOCAB:
    case GUILD_FIELD_DAY:
      {
        const char *text = guild_record_get_text (record, field->name);

        return g_variant_new_string (text != NULL ? text : "");
      }

    case GUILD_FIELD_INT:
    case GUILD_FIELD_INSTANT:
    case GUILD_FIELD_BOOL:
    case GUILD_FIELD_REF:
      return g_variant_new_int64 (guild_record_get_int (record, field->name));

    case GUILD_FIELD_STRV:
      return g_variant_new_strv (guild_record_get_strv (record, field->name), -1);

    case GUILD_FIELD_REFS:
      {
        GArray *ids = guild_record_get_ids (record, field->name);

        return g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len,
                                          sizeof (gint64));
      }

    default:
      g_return_val_if_reached (NULL);
    }
}

static void
variant_to_field (GuildRecord      *record,
                  const GuildField *field,
                  GVariant         *value)
{
  switch (field->type)
    {
    case GUILD_FIELD_TEXT:
    case GUILD_FIELD_VOCAB:
    case GUILD_FIELD_DAY:
      guild_record_set_text (record, field->name, g_variant_get_string (value, NULL));
      break;

    case GUILD_FIELD_INT:
    case GUILD_FIELD_INSTANT:
    case GUILD_FIELD_BOOL:
    case GUILD_FIELD_REF:
      guild_record_set_int (record, field->name, g_variant_get_int64 (value));
      break;

    case GUILD_FIELD_STRV:
      {
        g_autofree const char **strv = g_variant_get_strv (value, NULL);

        guild_record_set_strv (record, field->name, strv);
      }
      break;

    case GUILD_FIELD_REFS:
      {
        gsize n = 0;
        const gint64 *ids = g_variant_get_fixed_array (value, &n, sizeof (gint64));

        guild_record_set_ids (record, field->name, ids, n);
      }
      break;

    default:
      g_return_if_reached ();
    }
}

static const GVariantType *
field_variant_type (const GuildField *field)
{
  switch (field->type)
    {
    case GUILD_FIELD_TEXT:
    case GUILD_FIELD_VOCAB:
    case GUILD_FIELD_DAY:
      return G_VARIANT_TYPE_STRING;
    case GUILD_FIELD_STRV:
      return G_VARIANT_TYPE_STRING_ARRAY;
    case GUILD_FIELD_REFS:
      return G_VARIANT_TYPE ("ax");
    case GUILD_FIELD_INT:
    case GUILD_FIELD_INSTANT:
    case GUILD_FIELD_BOOL:
    case GUILD_FIELD_REF:
    default:
      return G_VARIANT_TYPE_INT64;
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Whether two values of @field are the same; id lists as sets. */
static gboolean
field_values_equal (const GuildField *field,
                    GVariant         *a,
                    GVariant         *b)
{
  g_autoptr(GArray) x = NULL;
  g_autoptr(GArray) y = NULL;
  const gint64 *ids;
  gsize n;

  if (a == NULL || b == NULL)
    return a == b;
  if (field->type != GUILD_FIELD_REFS)
    return g_variant_equal (a, b);
  if (g_variant_n_children (a) != g_variant_n_children (b))
    return FALSE;

  ids = g_variant_get_fixed_array (a, &n, sizeof (gint64));
  x = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (x, ids, n);
  ids = g_variant_get_fixed_array (b, &n, sizeof (gint64));
  y = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (y, ids, n);
  g_array_sort (x, compare_ids);
  g_array_sort (y, compare_ids);

  return n == 0 || memcmp (x->data, y->data, n * sizeof (gint64)) == 0;
}

static GVariant *
record_to_variant (GuildRecord *record)
{
  GuildRecordKind kind = guild_record_get_kind (record);
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (kind, &n_fields);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < n_fields; i++)
    g_variant_builder_add (&builder, "{sv}", fields[i].name,
                           field_to_variant (record, &fields[i]));

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* A stored blob as a dictionary; NULL when it is not one (then nothing of
 * it is trusted). */
static GVariant *
blob_to_variant (const void *data,
                 int         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) variant = NULL;

  if (data == NULL || size <= 0)
    return NULL;

  bytes = g_bytes_new (data, size);
  variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  if (!g_variant_is_normal_form (variant))
    return NULL;

  return g_steal_pointer (&variant);
}

static GVariant *
lookup_field (GVariant         *dict,
              const GuildField *field)
{
  return g_variant_lookup_value (dict, field->name, field_variant_type (field));
}

/* Section: writing the log */

static GuildRecord *
load_stored (GuildStore       *store,
             GuildRecordKind   kind,
             gint64            id,
             GError          **error)
{
  if (kind == GUILD_RECORD_PROFILE)
    return GUILD_RECORD (guild_store_dup_profile (store, error));
  if (kind == GUILD_RECORD_GOALS)
    return GUILD_RECORD (guild_store_dup_goals (store, error));

  return guild_store_load (store, kind, id, error);
}

static gint64
record_key_id (GuildRecord *record)
{
  GuildRecordKind kind = guild_record_get_kind (record);

  /* The singletons are one row each. */
  if (kind == GUILD_RECORD_PROFILE || kind == GUILD_RECORD_GOALS)
    return 1;

  return guild_record_get_id (record);
}

/**
 * _guild_undo_log_new:
 *
 * Makes sure the table exists and prepares the log of @batch_id. Call
 * inside the import's transaction, so the table, the batch and its log are
 * written, or not, together.
 */
GuildUndoLog *
_guild_undo_log_new (GuildStore  *store,
                     gint64       batch_id,
                     GError     **error)
{
  g_autoptr(GuildUndoLog) log = g_new0 (GuildUndoLog, 1);
  int rc;

  log->store = store;
  log->db = _guild_store_get_db (store);
  log->batch_id = batch_id;

  rc = sqlite3_exec (log->db, CREATE_UNDO_TABLE, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (log->db,
                             "SELECT 1 FROM import_undo"
                             " WHERE batch_id = ?1 AND kind = ?2 AND record_id = ?3",
                             -1, &log->has, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (log->db,
                             "INSERT INTO import_undo (batch_id, kind, record_id, before, after)"
                             " VALUES (?1, ?2, ?3, coalesce (?4, x''), ?5)"
                             " ON CONFLICT (batch_id, kind, record_id)"
                             " DO UPDATE SET after = excluded.after",
                             -1, &log->put, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (log->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&log);
}

void
_guild_undo_log_free (GuildUndoLog *log)
{
  if (log == NULL)
    return;

  g_clear_pointer (&log->has, sqlite3_finalize);
  g_clear_pointer (&log->put, sqlite3_finalize);
  g_free (log);
}

/* Whether this batch added the record (a file read in chunks may update,
 * in a later chunk, what an earlier one added): its undo removes it, so
 * there is nothing to put back. */
static gboolean
added_by_batch (GuildUndoLog     *log,
                GuildRecordKind   kind,
                gint64            id,
                gboolean         *added,
                GError          **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *added = FALSE;
  if (kind == GUILD_RECORD_PROFILE || kind == GUILD_RECORD_GOALS)
    return TRUE;

  sql = g_strdup_printf ("SELECT import_batch FROM %s WHERE id = ?1",
                         guild_record_kind_get_table (kind));
  rc = sqlite3_prepare_v2 (log->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _guild_store_set_error (log->db, rc, error);

  *added = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == log->batch_id;
  return TRUE;
}

/**
 * _guild_undo_log_update:
 * @record: a stored record with the import's changes, not yet written
 *
 * Writes @record (guild_store_update(), or guild_store_save_singleton() for
 * the profile and the goals) and logs it: the first time this batch touches
 * the record, its stored state becomes "before"; every time, what is
 * written becomes "after".
 */
gboolean
_guild_undo_log_update (GuildUndoLog  *log,
                        GuildRecord   *record,
                        GError       **error)
{
  GuildRecordKind kind = guild_record_get_kind (record);
  gint64 id = record_key_id (record);
  g_autoptr(GVariant) before = NULL;
  g_autoptr(GVariant) after = NULL;
  gboolean logged;
  int rc;

  sqlite3_bind_int64 (log->has, 1, log->batch_id);
  sqlite3_bind_int (log->has, 2, kind);
  sqlite3_bind_int64 (log->has, 3, id);
  rc = sqlite3_step (log->has);
  logged = rc == SQLITE_ROW;
  sqlite3_reset (log->has);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _guild_store_set_error (log->db, rc, error);

  if (!logged)
    {
      g_autoptr(GuildRecord) stored = NULL;
      gboolean added = FALSE;

      if (!added_by_batch (log, kind, id, &added, error))
        return FALSE;
      if (added)
        return guild_store_update (log->store, record, error);

      stored = load_stored (log->store, kind, guild_record_get_id (record), error);
      if (stored == NULL)
        return FALSE;
      before = record_to_variant (stored);
    }

  if (kind == GUILD_RECORD_PROFILE || kind == GUILD_RECORD_GOALS
      ? !guild_store_save_singleton (log->store, record, error)
      : !guild_store_update (log->store, record, error))
    return FALSE;

  after = record_to_variant (record);
  sqlite3_bind_int64 (log->put, 1, log->batch_id);
  sqlite3_bind_int (log->put, 2, kind);
  sqlite3_bind_int64 (log->put, 3, id);
  if (before != NULL)
    sqlite3_bind_blob (log->put, 4, g_variant_get_data (before), g_variant_get_size (before),
                       SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (log->put, 4);
  sqlite3_bind_blob (log->put, 5, g_variant_get_data (after), g_variant_get_size (after),
                     SQLITE_TRANSIENT);
  rc = sqlite3_step (log->put);
  sqlite3_reset (log->put);
  sqlite3_clear_bindings (log->put);
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (log->db, rc, error);

  return TRUE;
}

/* Section: restoring */

static gboolean
table_exists (sqlite3  *db,
              gboolean *exists,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT 1 FROM sqlite_master"
                               " WHERE type = 'table' AND name = 'import_undo'",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _guild_store_set_error (db, rc, error);

  *exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
variant_has_id (GVariant *ids,
                gint64    id)
{
  gsize n;
  const gint64 *v = g_variant_get_fixed_array (ids, &n, sizeof (gint64));

  for (gsize i = 0; i < n; i++)
    if (v[i] == id)
      return TRUE;
  return FALSE;
}

/* Takes out of @current's id list @field the ids that @after has and
 * @before had not. Returns whether any was there. */
static gboolean
remove_added_ids (GuildRecord      *current,
                  const GuildField *field,
                  GVariant         *before,
                  GVariant         *after)
{
  GArray *now = guild_record_get_ids (current, field->name);
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < now->len; i++)
    {
      gint64 id = g_array_index (now, gint64, i);

      if (!variant_has_id (after, id) || variant_has_id (before, id))
        g_array_append_val (kept, id);
    }
  if (kept->len == now->len)
    return FALSE;

  guild_record_set_ids (current, field->name, (gint64 *) kept->data, kept->len);
  return TRUE;
}

/* Puts back the fields of @current that still hold what the import wrote.
 * Returns whether any was. */
static gboolean
restore_fields (GuildRecord *current,
                GVariant    *before,
                GVariant    *after,
                gboolean     with_refs)
{
  GuildRecordKind kind = guild_record_get_kind (current);
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (kind, &n_fields);
  gboolean changed = FALSE;

  for (guint i = 0; i < n_fields; i++)
    {
      const GuildField *field = &fields[i];
      g_autoptr(GVariant) now = g_variant_ref_sink (field_to_variant (current, field));
      g_autoptr(GVariant) was = lookup_field (before, field);
      g_autoptr(GVariant) wrote = lookup_field (after, field);

      /* A field the schema gained since is not the import's. */
      if (was == NULL || wrote == NULL)
        continue;
      if (!with_refs && (field->type == GUILD_FIELD_REF || field->type == GUILD_FIELD_REFS))
        continue;
      if (field_values_equal (field, was, wrote))
        continue;
      if (field->type == GUILD_FIELD_REFS && !field_values_equal (field, now, wrote))
        {
          /* An id list changed since (a community joined by hand): only
           * the ids the import added come off. */
          changed |= remove_added_ids (current, field, was, wrote);
          continue;
        }
      if (!field_values_equal (field, now, wrote))
        continue;

      variant_to_field (current, field, was);
      changed = TRUE;
    }

  return changed;
}

/**
 * _guild_import_undo_restore:
 * @restored: (out): how many records were put back
 *
 * Restores what batch @batch_id changed in records that were there before
 * it (see the top of this file). Call inside the undo's transaction,
 * before the batch's added records are removed, so that "after" still
 * matches the records that nobody touched since.
 */
gboolean
_guild_import_undo_restore (GuildStore    *store,
                            gint64         batch_id,
                            guint         *restored,
                            GCancellable  *cancellable,
                            GError       **error)
{
  sqlite3 *db = _guild_store_get_db (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean exists = FALSE;
  int rc;

  *restored = 0;
  if (!table_exists (db, &exists, error))
    return FALSE;
  if (!exists)
    return TRUE;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT kind, record_id, before, after FROM import_undo"
                           " WHERE batch_id = ?1 ORDER BY kind, record_id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _guild_store_set_error (db, rc, error);

  sqlite3_bind_int64 (stmt, 1, batch_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GuildRecordKind kind = sqlite3_column_int (stmt, 0);
      gint64 id = sqlite3_column_int64 (stmt, 1);
      g_autoptr(GVariant) before = blob_to_variant (sqlite3_column_blob (stmt, 2),
                                                    sqlite3_column_bytes (stmt, 2));
      g_autoptr(GVariant) after = blob_to_variant (sqlite3_column_blob (stmt, 3),
                                                   sqlite3_column_bytes (stmt, 3));
      g_autoptr(GuildRecord) current = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if ((guint) kind >= GUILD_N_RECORD_KINDS || before == NULL || after == NULL)
        continue;

      current = load_stored (store, kind, id, &local_error);
      if (current == NULL)
        {
          /* Removed since: there is nothing to put back. */
          if (g_error_matches (local_error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!restore_fields (current, before, after, TRUE))
        continue;

      if (!guild_store_update (store, current, &local_error))
        {
          /* A record it referred to before the import has been deleted
           * since: the references stay as they are, the rest goes back.
           * (The store rolled the failed write back to its savepoint.) */
          g_debug ("Restoring %s %" G_GINT64_FORMAT " without its references: %s",
                   guild_record_kind_get_table (kind), id, local_error->message);
          g_clear_error (&local_error);
          g_clear_object (&current);
          current = load_stored (store, kind, id, error);
          if (current == NULL)
            return FALSE;
          if (!restore_fields (current, before, after, FALSE))
            continue;
          if (!guild_store_update (store, current, error))
            return FALSE;
        }
      (*restored)++;
    }
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (db, rc, error);

  return TRUE;
}

/**
 * _guild_import_undo_count:
 * @batches: batch id (gint64 *) → #GuildImportBatch
 *
 * Sets each listed batch's @restorable: how many records it updated (and
 * logged, so that its undo can put them back).
 */
gboolean
_guild_import_undo_count (sqlite3     *db,
                          GHashTable  *batches,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean exists = FALSE;
  int rc;

  if (!table_exists (db, &exists, error))
    return FALSE;
  if (!exists)
    return TRUE;

  rc = sqlite3_prepare_v2 (db, "SELECT batch_id, count(*) FROM import_undo GROUP BY batch_id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _guild_store_set_error (db, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GuildImportBatch *batch = g_hash_table_lookup (batches, &id);

      if (batch != NULL)
        batch->restorable = sqlite3_column_int (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (db, rc, error);

  return TRUE;
}
