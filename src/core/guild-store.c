/* guild-store.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "guild-store-private.h"

/* GuildStore owns the one read-write SQLite connection of a process and every
 * statement on it. Records are mapped onto tables generically from their
 * field descriptions (guild-record.h): each kind gets its SELECT, INSERT and
 * UPDATE built once, prepared once and reused. Readers on worker threads open
 * connections of their own; WAL lets them run beside the writer.
 */

/* 'GULD': marks the file as Guild's, so that another program's SQLite file is
 * never mistaken for an empty Guild database and written into. */
#define GUILD_APPLICATION_ID 0x47554c44

/* Above this many queued changes of one kind in a transaction, listeners are
 * told to reload the kind instead of hearing about every row. */
#define MAX_QUEUED_CHANGES 256

/* The page cache of a bulk transaction, in KiB: enough to keep a database of
 * a million activities in memory while it is written. SQLite takes the
 * memory only as pages are used, and gives it back at the end. */
#define BULK_CACHE_KIB (512 * 1024)

typedef struct
{
  char  *select_sql;      /* SELECT id, created_at, updated_at, fields… FROM t */
  char  *insert_sql;
  char  *update_sql;
  char  *upsert_sql;      /* singletons */
  char **child_select;    /* per field: SELECT value … WHERE owner = ? (NULL for scalars) */
  char **child_select_all;
  char **child_delete;
  char **child_insert;
  /* Borrowed from GuildStore.statements: the inserts an import repeats for
   * every row, found without hashing their text each time. */
  sqlite3_stmt  *insert_stmt;
  sqlite3_stmt **child_insert_stmt;
  /* The insert of an import: the same with the row's import_batch. */
  char          *insert_batch_sql;
  sqlite3_stmt  *insert_batch_stmt;
} KindSql;

typedef struct
{
  GuildRecordKind kind;
  gint64          id;
  GuildChange     change;
} QueuedChange;

struct _GuildStore
{
  GObject          parent_instance;

  /* Owned */
  char            *path;
  sqlite3         *db;
  GHashTable      *statements;
  KindSql          sql[GUILD_N_RECORD_KINDS];
  GArray          *queued;
  /* How many changes of each kind the transaction made: beyond
   * MAX_QUEUED_CHANGES they are counted, not queued, so that a write of
   * millions of records does not keep one entry per record. */
  guint            n_changed[GUILD_N_RECORD_KINDS];
  int              lock_fd;
  int              schema_version;

  guint            in_transaction : 1;
  /* Inside guild_store_begin_bulk(); the settings it changed, to restore. */
  guint            bulk : 1;
  int              bulk_saved_cache_size;
  int              bulk_saved_ignore_checks;
  /* Set while an import writes through this store: the batch every added
   * row belongs to (0: none). */
  gint64           import_batch;
  /* Set while an import writes the same file on a worker's connection:
   * this connection must not start a write meanwhile. */
  guint            busy_importing : 1;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (GuildStore, guild_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (guild-store-error-quark, guild_store_error)

/* Section: errors */

/**
 * _guild_store_set_error:
 *
 * Turns a SQLite result code into a #GuildStoreError, keeping SQLite's own
 * message (which is for logs, not for people).
 *
 * Returns: %FALSE, always, so callers can `return _guild_store_set_error (…)`.
 */
gboolean
_guild_store_set_error (sqlite3  *db,
                        int       rc,
                        GError  **error)
{
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  GuildStoreError code;

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = GUILD_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      code = GUILD_STORE_ERROR_READ_ONLY;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = GUILD_STORE_ERROR_LOCKED;
      break;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      code = GUILD_STORE_ERROR_INVALID;
      break;
    case SQLITE_NOTFOUND:
      code = GUILD_STORE_ERROR_NOT_FOUND;
      break;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_NOLFS:
      code = GUILD_STORE_ERROR_IO;
      break;
    default:
      code = GUILD_STORE_ERROR_FAILED;
      break;
    }

  g_debug ("SQLite error %d: %s", rc, message);
  g_set_error_literal (error, GUILD_STORE_ERROR, code, message);

  return FALSE;
}

/* Section: statements */

static sqlite3_stmt *
get_stmt (GuildStore  *self,
          const char  *sql,
          GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (self->db, rc, error);
      return NULL;
    }

  /* The key is the statement's own copy of the text, alive as long as it is. */
  g_hash_table_insert (self->statements, (gpointer) sqlite3_sql (stmt), stmt);
  return stmt;
}

/* get_stmt() for a statement remembered in @slot. */
static sqlite3_stmt *
get_cached_stmt (GuildStore    *self,
                 sqlite3_stmt **slot,
                 const char    *sql,
                 GError       **error)
{
  if (*slot == NULL)
    *slot = get_stmt (self, sql, error);

  return *slot;
}

static void
stmt_done (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _guild_store_set_error (db, rc, error);

  return TRUE;
}

/* Runs a cached statement that returns no rows. */
static gboolean
step_done (GuildStore    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  stmt_done (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _guild_store_set_error (self->db, rc, error);

  return TRUE;
}

static char *
column_name (const char *property)
{
  char *column = g_strdup (property);

  g_strdelimit (column, "-", '_');
  return column;
}

static gboolean
field_is_list (const GuildField *field)
{
  return field->type == GUILD_FIELD_STRV || field->type == GUILD_FIELD_REFS;
}

static void
build_kind_sql (KindSql         *ks,
                GuildRecordKind  kind)
{
  const char *table = guild_record_kind_get_table (kind);
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (kind, &n_fields);
  g_autoptr(GString) select = g_string_new ("SELECT id, created_at, updated_at");
  g_autoptr(GString) cols = g_string_new (NULL);
  g_autoptr(GString) params = g_string_new (NULL);
  g_autoptr(GString) sets = g_string_new (NULL);
  g_autoptr(GString) excluded = g_string_new (NULL);

  ks->child_select = g_new0 (char *, n_fields);
  ks->child_select_all = g_new0 (char *, n_fields);
  ks->child_delete = g_new0 (char *, n_fields);
  ks->child_insert = g_new0 (char *, n_fields);
  ks->child_insert_stmt = g_new0 (sqlite3_stmt *, n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const GuildField *field = &fields[i];
      g_autofree char *col = column_name (field->name);

      if (field_is_list (field))
        {
          ks->child_select[i] =
            g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1 ORDER BY position",
                             field->value_column, field->table, field->owner_column);
          ks->child_select_all[i] =
            g_strdup_printf ("SELECT %s, %s FROM %s ORDER BY %s, position",
                             field->owner_column, field->value_column, field->table,
                             field->owner_column);
          ks->child_delete[i] =
            g_strdup_printf ("DELETE FROM %s WHERE %s = ?1", field->table, field->owner_column);
          ks->child_insert[i] =
            g_strdup_printf ("INSERT OR IGNORE INTO %s (%s, position, %s) VALUES (?1, ?2, ?3)",
                             field->table, field->owner_column, field->value_column);
          continue;
        }

      g_string_append_printf (select, ", %s", col);
      g_string_append_printf (cols, "%s, ", col);
      g_string_append (params, "?, ");
      g_string_append_printf (sets, "%s = ?, ", col);
      g_string_append_printf (excluded, "%s = excluded.%s, ", col, col);
    }

  g_string_append_printf (select, " FROM %s", table);
  ks->select_sql = g_strdup (select->str);
  ks->insert_sql = g_strdup_printf ("INSERT INTO %s (%screated_at, updated_at) VALUES (%s?, ?)",
                                    table, cols->str, params->str);
  ks->insert_batch_sql = g_strdup_printf ("INSERT INTO %s (%screated_at, updated_at, import_batch)"
                                          " VALUES (%s?, ?, ?)",
                                          table, cols->str, params->str);
  ks->update_sql = g_strdup_printf ("UPDATE %s SET %supdated_at = ? WHERE id = ?",
                                    table, sets->str);
  ks->upsert_sql = g_strdup_printf ("INSERT INTO %s (%screated_at, updated_at, id) "
                                    "VALUES (%s?, ?, 1) ON CONFLICT (id) DO UPDATE SET "
                                    "%supdated_at = excluded.updated_at",
                                    table, cols->str, params->str, excluded->str);
}

static void
free_kind_sql (KindSql         *ks,
               GuildRecordKind  kind)
{
  guint n_fields = 0;

  if (ks->select_sql == NULL)
    return;

  guild_record_kind_get_fields (kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_free (ks->child_select[i]);
      g_free (ks->child_select_all[i]);
      g_free (ks->child_delete[i]);
      g_free (ks->child_insert[i]);
    }
  g_free (ks->child_select);
  g_free (ks->child_select_all);
  g_free (ks->child_delete);
  g_free (ks->child_insert);
  g_free (ks->child_insert_stmt);
  g_free (ks->select_sql);
  g_free (ks->insert_sql);
  g_free (ks->insert_batch_sql);
  g_free (ks->update_sql);
  g_free (ks->upsert_sql);
  memset (ks, 0, sizeof *ks);
}

/* Section: mapping between records and rows */

/* Binds the scalar fields of @record from parameter 1 on; returns the next
 * free parameter index. The texts are bound without a copy: every caller
 * steps and resets the statement (which clears the bindings) while it
 * holds @record. */
static int
bind_fields (sqlite3_stmt *stmt,
             GuildRecord  *record)
{
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (guild_record_get_kind (record), &n_fields);
  int p = 1;

  for (guint i = 0; i < n_fields; i++)
    {
      const GuildField *field = &fields[i];
      const GValue *value = _guild_record_peek_value (record, i);

      switch (field->type)
        {
        case GUILD_FIELD_TEXT:
        case GUILD_FIELD_VOCAB:
          sqlite3_bind_text (stmt, p++, g_value_get_string (value), -1, SQLITE_STATIC);
          break;
        case GUILD_FIELD_DAY:
          {
            const char *s = g_value_get_string (value);

            if (*s == '\0')
              sqlite3_bind_null (stmt, p++);
            else
              sqlite3_bind_text (stmt, p++, s, -1, SQLITE_STATIC);
          }
          break;
        case GUILD_FIELD_INT:
          if (field->min > 0 && g_value_get_int (value) == 0)
            sqlite3_bind_null (stmt, p++);
          else
            sqlite3_bind_int (stmt, p++, g_value_get_int (value));
          break;
        case GUILD_FIELD_INSTANT:
        case GUILD_FIELD_REF:
          if (g_value_get_int64 (value) == 0)
            sqlite3_bind_null (stmt, p++);
          else
            sqlite3_bind_int64 (stmt, p++, g_value_get_int64 (value));
          break;
        case GUILD_FIELD_BOOL:
          sqlite3_bind_int (stmt, p++, g_value_get_boolean (value) ? 1 : 0);
          break;
        case GUILD_FIELD_STRV:
        case GUILD_FIELD_REFS:
        default:
          break;
        }
    }

  return p;
}

/* Reads a row produced by KindSql.select_sql into @record. */
static void
read_row (sqlite3_stmt *stmt,
          GuildRecord  *record)
{
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (guild_record_get_kind (record), &n_fields);
  int c = 3;

  _guild_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  _guild_record_set_times (record, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2));

  for (guint i = 0; i < n_fields; i++)
    {
      const GuildField *field = &fields[i];
      GValue value = G_VALUE_INIT;

      switch (field->type)
        {
        case GUILD_FIELD_TEXT:
        case GUILD_FIELD_VOCAB:
        case GUILD_FIELD_DAY:
          {
            const char *s = (const char *) sqlite3_column_text (stmt, c++);

            g_value_init (&value, G_TYPE_STRING);
            g_value_set_string (&value, s ? s : "");
          }
          break;
        case GUILD_FIELD_INT:
          g_value_init (&value, G_TYPE_INT);
          g_value_set_int (&value, sqlite3_column_int (stmt, c++));
          break;
        case GUILD_FIELD_INSTANT:
        case GUILD_FIELD_REF:
          g_value_init (&value, G_TYPE_INT64);
          g_value_set_int64 (&value, sqlite3_column_int64 (stmt, c++));
          break;
        case GUILD_FIELD_BOOL:
          g_value_init (&value, G_TYPE_BOOLEAN);
          g_value_set_boolean (&value, sqlite3_column_int (stmt, c++) != 0);
          break;
        case GUILD_FIELD_STRV:
        case GUILD_FIELD_REFS:
        default:
          continue;
        }

      _guild_record_take_value (record, i, &value);
    }
}

static void
set_list_value (GuildRecord      *record,
                guint             index,
                const GuildField *field,
                GPtrArray        *strings,
                GArray           *ids)
{
  GValue value = G_VALUE_INIT;

  if (field->type == GUILD_FIELD_STRV)
    {
      g_ptr_array_add (strings, NULL);
      g_value_init (&value, G_TYPE_STRV);
      g_value_take_boxed (&value, g_ptr_array_steal (strings, NULL));
    }
  else
    {
      g_value_init (&value, G_TYPE_ARRAY);
      g_value_take_boxed (&value, g_array_ref (ids));
    }

  _guild_record_take_value (record, index, &value);
}

/* Reads every list field of one record with the prepared child selects. */
static gboolean
read_children (sqlite3      *db,
               GHashTable   *cache,
               KindSql      *ks,
               GuildRecord  *record,
               GError      **error)
{
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (guild_record_get_kind (record), &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autoptr(GPtrArray) strings = NULL;
      g_autoptr(GArray) ids = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (!field_is_list (&fields[i]))
        continue;

      stmt = g_hash_table_lookup (cache, ks->child_select[i]);
      if (stmt == NULL)
        {
          rc = sqlite3_prepare_v3 (db, ks->child_select[i], -1, SQLITE_PREPARE_PERSISTENT,
                                   &stmt, NULL);
          if (rc != SQLITE_OK)
            return _guild_store_set_error (db, rc, error);
          g_hash_table_insert (cache, (gpointer) sqlite3_sql (stmt), stmt);
        }

      strings = g_ptr_array_new ();
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      sqlite3_bind_int64 (stmt, 1, guild_record_get_id (record));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (fields[i].type == GUILD_FIELD_STRV)
            g_ptr_array_add (strings, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          else
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              g_array_append_val (ids, id);
            }
        }
      stmt_done (stmt);
      if (rc != SQLITE_DONE)
        return _guild_store_set_error (db, rc, error);

      set_list_value (record, i, &fields[i], strings, ids);
    }

  return TRUE;
}

static gboolean
write_children (GuildStore   *self,
                GuildRecord  *record,
                gboolean      replace,
                GError      **error)
{
  KindSql *ks = &self->sql[guild_record_get_kind (record)];
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (guild_record_get_kind (record), &n_fields);
  gint64 id = guild_record_get_id (record);

  for (guint i = 0; i < n_fields; i++)
    {
      const char * const *strv = NULL;
      GArray *ids = NULL;
      guint n_items;
      sqlite3_stmt *stmt;

      if (!field_is_list (&fields[i]))
        continue;

      /* By index, not by name: a name costs a property lookup, and this runs
       * for every list of every record of an import. */
      if (fields[i].type == GUILD_FIELD_STRV)
        {
          strv = g_value_get_boxed (_guild_record_peek_value (record, i));
          n_items = strv != NULL ? g_strv_length ((char **) strv) : 0;
        }
      else
        {
          ids = g_value_get_boxed (_guild_record_peek_value (record, i));
          n_items = ids != NULL ? ids->len : 0;
        }

      if (replace)
        {
          if (!(stmt = get_stmt (self, ks->child_delete[i], error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (!step_done (self, stmt, error))
            return FALSE;
        }

      /* Most lists are empty. */
      if (n_items == 0)
        continue;

      if (!(stmt = get_cached_stmt (self, &ks->child_insert_stmt[i], ks->child_insert[i], error)))
        return FALSE;

      for (guint j = 0; j < n_items; j++)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int (stmt, 2, j);
          if (strv != NULL)
            sqlite3_bind_text (stmt, 3, strv[j], -1, SQLITE_STATIC);
          else
            sqlite3_bind_int64 (stmt, 3, g_array_index (ids, gint64, j));
          if (!step_done (self, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Section: change announcements */

static void
announce (GuildStore      *self,
          GuildRecordKind  kind,
          gint64           id,
          GuildChange      change)
{
  QueuedChange qc = { kind, id, change };

  if (!self->in_transaction)
    {
      g_signal_emit (self, signals [CHANGED], 0, (guint) kind, id, (guint) change);
      return;
    }

  if (++self->n_changed[kind] <= MAX_QUEUED_CHANGES)
    g_array_append_val (self->queued, qc);
}

static void
flush_changes (GuildStore *self)
{
  g_autoptr(GArray) queued = g_steal_pointer (&self->queued);
  guint per_kind[GUILD_N_RECORD_KINDS];

  self->queued = g_array_new (FALSE, FALSE, sizeof (QueuedChange));
  memcpy (per_kind, self->n_changed, sizeof per_kind);
  memset (self->n_changed, 0, sizeof self->n_changed);

  for (guint k = 0; k < GUILD_N_RECORD_KINDS; k++)
    if (per_kind[k] > MAX_QUEUED_CHANGES)
      g_signal_emit (self, signals [CHANGED], 0, k, (gint64) 0, (guint) GUILD_CHANGE_RESET);

  for (guint i = 0; i < queued->len; i++)
    {
      const QueuedChange *qc = &g_array_index (queued, QueuedChange, i);

      if (per_kind[qc->kind] <= MAX_QUEUED_CHANGES)
        g_signal_emit (self, signals [CHANGED], 0, (guint) qc->kind, qc->id, (guint) qc->change);
    }
}

/* Section: GObject */

static void
guild_store_finalize (GObject *object)
{
  GuildStore *self = (GuildStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  for (guint k = 0; k < GUILD_N_RECORD_KINDS; k++)
    free_kind_sql (&self->sql[k], k);
  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        g_warning ("Could not close the database: %s", sqlite3_errstr (rc));
      self->db = NULL;
    }
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_clear_pointer (&self->queued, g_array_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (guild_store_parent_class)->finalize (object);
}

static void
guild_store_class_init (GuildStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = guild_store_finalize;

  /**
   * GuildStore::changed:
   * @kind: a #GuildRecordKind
   * @id: the record's id (0 with %GUILD_CHANGE_RESET)
   * @change: a #GuildChange
   *
   * Emitted after every write that is committed, on the thread that owns the
   * store, so that every view showing the record can update itself.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_INT64, G_TYPE_UINT);
}

static void
guild_store_init (GuildStore *self)
{
  self->lock_fd = -1;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
  self->queued = g_array_new (FALSE, FALSE, sizeof (QueuedChange));
}

/* Section: opening */

/**
 * guild_store_default_path:
 *
 * Returns: (transfer full): `$GUILD_DATABASE` when set, else
 *   `$XDG_DATA_HOME/guild/guild.db`.
 */
char *
guild_store_default_path (void)
{
  const char *env = g_getenv ("GUILD_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "guild", "guild.db", NULL);
}

/* Whether the user may write @path. Root may write anything, but a file or
 * folder without write permission is a clear sign its owner wants it left
 * alone, so for root the permission bits decide. */
static gboolean
is_writable (const char *path)
{
  struct stat st;

  if (geteuid () != 0)
    return access (path, W_OK) == 0;

  if (g_stat (path, &st) != 0)
    return FALSE;

  return (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
}

static gboolean
check_writable (const char  *path,
                gboolean     exists,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (exists && !is_writable (path))
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_READ_ONLY,
                   "The file %s cannot be written", path);
      return FALSE;
    }

  /* SQLite's write-ahead log lives beside the file. */
  if (!is_writable (dir))
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_READ_ONLY,
                   "The folder %s cannot be written", dir);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_header (const char  *path,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  ssize_t n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, GUILD_STORE_ERROR,
                   saved == EACCES ? GUILD_STORE_ERROR_READ_ONLY : GUILD_STORE_ERROR_IO,
                   "Could not read %s: %s", path, g_strerror (saved));
      return FALSE;
    }

  n = read (fd, header, sizeof header);
  close (fd);

  /* An empty file is a new database; SQLite writes its header. */
  if (n == 0)
    return TRUE;

  if (n != sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_CORRUPT,
                   "%s is not an SQLite database", path);
      return FALSE;
    }

  return TRUE;
}

/* The app holds an exclusive flock on a file beside the database, so a
 * second Guild on the same file is told plainly instead of racing. A side
 * file is used because closing any descriptor of the database itself would
 * drop SQLite's own POSIX locks on it. */
static gboolean
take_app_lock (GuildStore  *self,
               GError     **error)
{
  g_autofree char *lock_path = g_strconcat (self->path, "-lock", NULL);
  int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, GUILD_STORE_ERROR,
                   saved == EACCES || saved == EROFS ? GUILD_STORE_ERROR_READ_ONLY
                                                     : GUILD_STORE_ERROR_IO,
                   "Could not create %s: %s", lock_path, g_strerror (saved));
      return FALSE;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED,
                   "%s is in use by another Guild (%s)", self->path, g_strerror (saved));
      return FALSE;
    }

  self->lock_fd = fd;
  return TRUE;
}

static int
query_int (sqlite3     *db,
           const char  *sql,
           int         *out,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _guild_store_set_error (db, rc, error);

  *out = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
configure_connection (sqlite3  *db,
                      GError  **error)
{
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 3000);

  return exec_sql (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", error);
}

static gboolean
backup_before_migration (GuildStore  *self,
                         int          from_version,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *backup_path = g_strdup_printf ("%s.v%d-%s.bak", self->path, from_version, stamp);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (backup_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (dest, rc, error);
      sqlite3_close (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", self->db, "main");
  if (backup == NULL)
    {
      _guild_store_set_error (dest, sqlite3_errcode (dest), error);
      sqlite3_close (dest);
      return FALSE;
    }

  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (dest, rc, error);
      sqlite3_close (dest);
      g_unlink (backup_path);
      return FALSE;
    }

  sqlite3_close (dest);
  g_message ("Saved a copy of the database as %s before updating it", backup_path);
  return TRUE;
}

static gboolean
migrate (GuildStore            *self,
         const GuildMigration  *migrations,
         guint                  n_migrations,
         GError               **error)
{
  int version = 0, app_id = 0, n_tables = 0;
  int latest = n_migrations > 0 ? migrations[n_migrations - 1].version : 0;

  if (!query_int (self->db, "PRAGMA user_version", &version, error) ||
      !query_int (self->db, "PRAGMA application_id", &app_id, error) ||
      !query_int (self->db, "SELECT count(*) FROM sqlite_master", &n_tables, error))
    return FALSE;

  if ((app_id != 0 && app_id != GUILD_APPLICATION_ID) || (version == 0 && n_tables > 0))
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_CORRUPT,
                   "%s is an SQLite database of another program", self->path);
      return FALSE;
    }

  if (version > latest)
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_TOO_NEW,
                   "%s has schema version %d; this Guild knows up to %d",
                   self->path, version, latest);
      return FALSE;
    }

  if (version > 0 && version < latest && !backup_before_migration (self, version, error))
    return FALSE;

  for (guint i = 0; i < n_migrations; i++)
    {
      g_autofree char *bump = NULL;
      g_autoptr(GError) local_error = NULL;

      if (migrations[i].version <= version)
        continue;

      bump = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                              migrations[i].version, GUILD_APPLICATION_ID);

      if (!exec_sql (self->db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec_sql (self->db, migrations[i].sql, &local_error) ||
          !exec_sql (self->db, bump, &local_error) ||
          !exec_sql (self->db, "COMMIT", &local_error))
        {
          exec_sql (self->db, "ROLLBACK", NULL);
          g_warning ("Migration to schema %d failed: %s", migrations[i].version,
                     local_error->message);
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "Could not update the database to version %d: ",
                                      migrations[i].version);
          return FALSE;
        }

      version = migrations[i].version;
    }

  self->schema_version = version;
  return TRUE;
}

GuildStore *
_guild_store_open_with_migrations (const char            *path,
                                   GuildStoreFlags        flags,
                                   const GuildMigration  *migrations,
                                   guint                  n_migrations,
                                   GError               **error)
{
  g_autoptr(GuildStore) self = NULL;
  g_autofree char *dir = NULL;
  gboolean exists;
  int rc;

  self = g_object_new (GUILD_TYPE_STORE, NULL);
  self->path = path != NULL ? g_strdup (path) : guild_store_default_path ();

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, GUILD_STORE_ERROR,
                   saved == EACCES || saved == EROFS ? GUILD_STORE_ERROR_READ_ONLY
                                                     : GUILD_STORE_ERROR_IO,
                   "Could not create the folder %s: %s", dir, g_strerror (saved));
      return NULL;
    }

  exists = g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (exists && !g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_CORRUPT,
                   "%s is not a file", self->path);
      return NULL;
    }

  if (!check_writable (self->path, exists, error))
    return NULL;
  if (exists && !check_header (self->path, error))
    return NULL;
  if ((flags & GUILD_STORE_FLAGS_EXCLUSIVE) && !take_app_lock (self, error))
    return NULL;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (self->db, rc, error);
      return NULL;
    }

  if (!configure_connection (self->db, error))
    return NULL;
  if (!migrate (self, migrations, n_migrations, error))
    return NULL;
  /* Switching to WAL rewrites the file's header, so it waits until migrate()
   * has made sure the file is Guild's and not from a newer Guild. */
  if (!exec_sql (self->db, "PRAGMA journal_mode = WAL", error))
    return NULL;

  for (guint k = 0; k < GUILD_N_RECORD_KINDS; k++)
    build_kind_sql (&self->sql[k], k);

  return g_steal_pointer (&self);
}

/**
 * guild_store_open:
 * @path: (nullable): the database file; %NULL for guild_store_default_path()
 *
 * Opens the database, creating it (and its folder) when missing and bringing
 * its schema up to date. Nothing is ever deleted or overwritten: a file that
 * cannot be used is reported with a #GuildStoreError (%CORRUPT, %READ_ONLY,
 * %LOCKED, %TOO_NEW) and left exactly as it was.
 *
 * Returns: (transfer full): the store, or %NULL with @error set.
 */
GuildStore *
guild_store_open (const char       *path,
                  GuildStoreFlags   flags,
                  GError          **error)
{
  return _guild_store_open_with_migrations (path, flags, _guild_store_migrations,
                                            _guild_store_n_migrations, error);
}

/**
 * guild_store_move_aside:
 * @new_path: (out) (optional): where the file went
 *
 * Renames a database that cannot be opened (with its -wal and -shm files) so
 * that a fresh one can be started without losing it.
 */
gboolean
guild_store_move_aside (const char  *path,
                        char       **new_path,
                        GError     **error)
{
  static const char *suffixes[] = { "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.damaged-%s", path, stamp);

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_rename (path, target) != 0)
    {
      int saved = errno;

      g_set_error (error, GUILD_STORE_ERROR,
                   saved == EACCES || saved == EROFS || saved == EPERM
                     ? GUILD_STORE_ERROR_READ_ONLY : GUILD_STORE_ERROR_IO,
                   "Could not rename %s: %s", path, g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Could not move %s aside: %s", from, g_strerror (errno));
    }

  if (new_path != NULL)
    *new_path = g_steal_pointer (&target);

  return TRUE;
}

const char *
guild_store_get_path (GuildStore *self)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  return self->path;
}

int
guild_store_get_schema_version (GuildStore *self)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), 0);

  return self->schema_version;
}

sqlite3 *
_guild_store_get_db (GuildStore *self)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  return self->db;
}

/* Section: writes */

static gboolean
savepoint (GuildStore  *self,
           GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, "SAVEPOINT guild_write", error);

  return stmt != NULL && step_done (self, stmt, error);
}

static gboolean
release (GuildStore  *self,
         GError     **error)
{
  sqlite3_stmt *stmt = get_stmt (self, "RELEASE guild_write", error);

  return stmt != NULL && step_done (self, stmt, error);
}

static void
rollback_to (GuildStore *self)
{
  sqlite3_stmt *stmt;

  if ((stmt = get_stmt (self, "ROLLBACK TO guild_write", NULL)))
    step_done (self, stmt, NULL);
  if ((stmt = get_stmt (self, "RELEASE guild_write", NULL)))
    step_done (self, stmt, NULL);
}

/* Takes back the row of a record whose lists could not be written, where no
 * savepoint can (a bulk transaction): deleting the row deletes whatever of
 * its lists was written too (ON DELETE CASCADE). */
static void
forget_row (GuildStore      *self,
            GuildRecordKind  kind,
            gint64           id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  /* Some failures (a full disk) end the whole transaction: nothing is left
   * to take back. */
  if (sqlite3_get_autocommit (self->db))
    return;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", guild_record_kind_get_table (kind));
  if ((stmt = get_stmt (self, sql, &error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      step_done (self, stmt, &error);
    }

  if (error != NULL)
    g_warning ("Could not take back a half-written %s: %s",
               guild_record_kind_get_table (kind), error->message);
}

/* While an import writes on a worker's connection, this one waits: its
 * write would only wait for the import's lock and then fail. */
static gboolean
check_not_busy (GuildStore  *self,
                GError     **error)
{
  if (!self->busy_importing)
    return TRUE;

  g_set_error_literal (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED,
                       "An import is being written; try again when it is done");
  return FALSE;
}

static gboolean
prepare_and_validate (GuildRecord  *record,
                      GError      **error)
{
  GuildRecordClass *klass = GUILD_RECORD_GET_CLASS (record);

  if (klass->prepare != NULL)
    klass->prepare (record);

  return guild_record_validate (record, error);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean add_record (GuildStore   *self,
                            GuildRecord  *record,
                            gboolean      validated,
                            GError      **error);

/**
 * guild_store_add:
 * @record: an unsaved record (id 0)
 *
 * Validates and inserts @record with its lists, then sets its id.
 */
gboolean
guild_store_add (GuildStore   *self,
                 GuildRecord  *record,
                 GError      **error)
{
  return add_record (self, record, FALSE, error);
}

/**
 * _guild_store_add_validated:
 *
 * guild_store_add() of a record that has just been prepared and validated
 * and not changed since (an import's preview did it): the checks are not
 * run a second time.
 */
gboolean
_guild_store_add_validated (GuildStore   *self,
                            GuildRecord  *record,
                            GError      **error)
{
  return add_record (self, record, TRUE, error);
}

static gboolean
add_record (GuildStore   *self,
            GuildRecord  *record,
            gboolean      validated,
            GError      **error)
{
  GuildRecordKind kind;
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  gint64 created;
  gboolean own_savepoint;
  int p, rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (GUILD_IS_RECORD (record), FALSE);
  g_return_val_if_fail (guild_record_get_id (record) == 0, FALSE);

  kind = guild_record_get_kind (record);
  g_return_val_if_fail (kind != GUILD_RECORD_PROFILE && kind != GUILD_RECORD_GOALS, FALSE);

  if (!check_not_busy (self, error))
    return FALSE;
  if (!validated && !prepare_and_validate (record, error))
    return FALSE;

  if (self->import_batch != 0)
    stmt = get_cached_stmt (self, &self->sql[kind].insert_batch_stmt,
                            self->sql[kind].insert_batch_sql, error);
  else
    stmt = get_cached_stmt (self, &self->sql[kind].insert_stmt, self->sql[kind].insert_sql,
                            error);
  if (stmt == NULL)
    return FALSE;

  /* A savepoint makes SQLite copy every page the record touches into a
   * statement journal, which is most of the cost of a large import. In a
   * bulk transaction the record goes without: a single-row INSERT is atomic
   * by itself, and a row whose lists fail is deleted again. */
  own_savepoint = !self->bulk;
  if (own_savepoint && !savepoint (self, error))
    return FALSE;

  created = guild_record_get_created_at (record) != 0 ? guild_record_get_created_at (record) : now;
  p = bind_fields (stmt, record);
  sqlite3_bind_int64 (stmt, p++, created);
  sqlite3_bind_int64 (stmt, p++, now);
  if (self->import_batch != 0)
    sqlite3_bind_int64 (stmt, p++, self->import_batch);
  rc = sqlite3_step (stmt);
  stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (self->db, rc, error);
      if (own_savepoint)
        rollback_to (self);
      return FALSE;
    }

  _guild_record_set_id (record, sqlite3_last_insert_rowid (self->db));
  if (!write_children (self, record, FALSE, error) ||
      (own_savepoint && !release (self, error)))
    {
      if (own_savepoint)
        rollback_to (self);
      else
        forget_row (self, kind, guild_record_get_id (record));
      _guild_record_set_id (record, 0);
      return FALSE;
    }

  _guild_record_set_times (record, created, now);
  announce (self, kind, guild_record_get_id (record), GUILD_CHANGE_ADDED);
  return TRUE;
}

/**
 * guild_store_update:
 * @record: a stored record
 *
 * Writes every field of @record over the stored row.
 */
gboolean
guild_store_update (GuildStore   *self,
                    GuildRecord  *record,
                    GError      **error)
{
  GuildRecordKind kind;
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  int p, rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (GUILD_IS_RECORD (record), FALSE);
  g_return_val_if_fail (guild_record_get_id (record) > 0, FALSE);

  kind = guild_record_get_kind (record);
  if (kind == GUILD_RECORD_PROFILE || kind == GUILD_RECORD_GOALS)
    return guild_store_save_singleton (self, record, error);

  if (!check_not_busy (self, error))
    return FALSE;
  if (!prepare_and_validate (record, error))
    return FALSE;

  if (!(stmt = get_stmt (self, self->sql[kind].update_sql, error)))
    return FALSE;
  if (!savepoint (self, error))
    return FALSE;

  p = bind_fields (stmt, record);
  sqlite3_bind_int64 (stmt, p++, now);
  sqlite3_bind_int64 (stmt, p++, guild_record_get_id (record));
  rc = sqlite3_step (stmt);
  stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (self->db, rc, error);
      rollback_to (self);
      return FALSE;
    }

  if (sqlite3_changes (self->db) == 0)
    {
      rollback_to (self);
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND,
                   "No %s with id %" G_GINT64_FORMAT, guild_record_kind_get_table (kind),
                   guild_record_get_id (record));
      return FALSE;
    }

  if (!write_children (self, record, TRUE, error) || !release (self, error))
    {
      rollback_to (self);
      return FALSE;
    }

  _guild_record_set_times (record, guild_record_get_created_at (record), now);
  announce (self, kind, guild_record_get_id (record), GUILD_CHANGE_CHANGED);
  return TRUE;
}

/**
 * guild_store_save_singleton:
 * @record: the #GuildProfile or #GuildGoals
 *
 * Saves the one profile or set of goals.
 */
gboolean
guild_store_save_singleton (GuildStore   *self,
                            GuildRecord  *record,
                            GError      **error)
{
  GuildRecordKind kind;
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  int p, rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (GUILD_IS_RECORD (record), FALSE);

  kind = guild_record_get_kind (record);
  g_return_val_if_fail (kind == GUILD_RECORD_PROFILE || kind == GUILD_RECORD_GOALS, FALSE);

  if (!check_not_busy (self, error))
    return FALSE;
  if (!prepare_and_validate (record, error))
    return FALSE;
  if (!(stmt = get_stmt (self, self->sql[kind].upsert_sql, error)))
    return FALSE;

  p = bind_fields (stmt, record);
  sqlite3_bind_int64 (stmt, p++, now);
  sqlite3_bind_int64 (stmt, p++, now);
  rc = sqlite3_step (stmt);
  stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (self->db, rc, error);

  _guild_record_set_id (record, 1);
  announce (self, kind, 1, GUILD_CHANGE_CHANGED);
  return TRUE;
}

/**
 * guild_store_remove:
 *
 * Deletes a record and everything that belongs to it (its lists, its
 * memberships and links). Records that merely point at it keep existing and
 * lose the reference.
 */
gboolean
guild_store_remove (GuildStore       *self,
                    GuildRecordKind   kind,
                    gint64            id,
                    GError          **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind < GUILD_N_RECORD_KINDS, FALSE);
  g_return_val_if_fail (id > 0, FALSE);

  if (!check_not_busy (self, error))
    return FALSE;
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", guild_record_kind_get_table (kind));
  if (!(stmt = get_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND,
                   "No %s with id %" G_GINT64_FORMAT, guild_record_kind_get_table (kind), id);
      return FALSE;
    }

  announce (self, kind, id, GUILD_CHANGE_REMOVED);
  return TRUE;
}

/* Section: transactions */

/**
 * guild_store_begin:
 *
 * Starts a transaction: the writes until guild_store_commit() land together
 * or not at all, and their change announcements wait for the commit.
 */
gboolean
guild_store_begin (GuildStore  *self,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!check_not_busy (self, error))
    return FALSE;
  if (!(stmt = get_stmt (self, "BEGIN IMMEDIATE", error)) || !step_done (self, stmt, error))
    return FALSE;

  self->in_transaction = TRUE;
  return TRUE;
}

static void
end_bulk (GuildStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  if (!self->bulk)
    return;

  self->bulk = FALSE;
  sql = g_strdup_printf ("PRAGMA ignore_check_constraints = %d; PRAGMA cache_size = %d",
                         self->bulk_saved_ignore_checks, self->bulk_saved_cache_size);
  if (!exec_sql (self->db, sql, &error))
    g_warning ("Could not restore the settings after a bulk write: %s", error->message);
}

/**
 * guild_store_begin_bulk:
 *
 * Starts a transaction for many writes at once (sample data, a large
 * import), like guild_store_begin() but tuned for volume:
 *
 * - The page cache grows to 512 MiB if needed, so that indexes are not
 *   written out and read back while the transaction runs.
 * - guild_store_add() wraps no record in a savepoint of its own. A record
 *   that is refused (a missing reference, a duplicate) still leaves nothing
 *   behind and the transaction goes on; a failure of the disk ends it, as
 *   in any transaction, and the caller rolls back.
 * - The schema's CHECK constraints are not evaluated, because each of them
 *   builds a temporary table per row. Every record is still validated
 *   against the same rules (guild_record_validate()) before it is written;
 *   foreign keys, uniqueness and NOT NULL are still enforced.
 *
 * guild_store_commit() and guild_store_rollback() restore the settings.
 */
gboolean
guild_store_begin_bulk (GuildStore  *self,
                        GError     **error)
{
  return _guild_store_begin_bulk_sized (self, BULK_CACHE_KIB, error);
}

/**
 * _guild_store_begin_bulk_sized:
 * @cache_kib: the most the page cache may grow to, in KiB
 *
 * guild_store_begin_bulk() with a page cache of another size: an import of
 * a file of any size keeps its memory bounded with a small one.
 */
gboolean
_guild_store_begin_bulk_sized (GuildStore  *self,
                               int          cache_kib,
                               GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);
  g_return_val_if_fail (cache_kib > 0, FALSE);

  if (!query_int (self->db, "PRAGMA cache_size", &self->bulk_saved_cache_size, error) ||
      !query_int (self->db, "PRAGMA ignore_check_constraints", &self->bulk_saved_ignore_checks,
                  error))
    return FALSE;

  self->bulk = TRUE;
  sql = g_strdup_printf ("PRAGMA cache_size = -%d; PRAGMA ignore_check_constraints = ON",
                         cache_kib);
  if (!exec_sql (self->db, sql, error) || !guild_store_begin (self, error))
    {
      end_bulk (self);
      return FALSE;
    }

  return TRUE;
}

gboolean
guild_store_commit (GuildStore  *self,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!(stmt = get_stmt (self, "COMMIT", error)) || !step_done (self, stmt, error))
    {
      guild_store_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;
  end_bulk (self);
  flush_changes (self);
  return TRUE;
}

void
guild_store_rollback (GuildStore *self)
{
  sqlite3_stmt *stmt;

  g_return_if_fail (GUILD_IS_STORE (self));

  if (!self->in_transaction)
    return;

  if ((stmt = get_stmt (self, "ROLLBACK", NULL)))
    step_done (self, stmt, NULL);

  self->in_transaction = FALSE;
  end_bulk (self);
  g_array_set_size (self->queued, 0);
  memset (self->n_changed, 0, sizeof self->n_changed);
}

/* Section: reads */

static GuildRecord *
load_on (sqlite3          *db,
         GHashTable       *cache,
         KindSql          *ks,
         GuildRecordKind   kind,
         gint64            id,
         GError          **error)
{
  g_autoptr(GuildRecord) record = NULL;
  g_autofree char *sql = g_strconcat (ks->select_sql, " WHERE id = ?1", NULL);
  sqlite3_stmt *stmt = g_hash_table_lookup (cache, sql);
  int rc;

  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          _guild_store_set_error (db, rc, error);
          return NULL;
        }
      g_hash_table_insert (cache, (gpointer) sqlite3_sql (stmt), stmt);
    }

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      record = guild_record_new_for_kind (kind);
      read_row (stmt, record);
    }
  stmt_done (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND,
                   "No %s with id %" G_GINT64_FORMAT, guild_record_kind_get_table (kind), id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  if (!read_children (db, cache, ks, record, error))
    return NULL;

  return g_steal_pointer (&record);
}

/**
 * guild_store_load:
 *
 * Reads one record (a single-row read; fine on the main thread).
 *
 * Returns: (transfer full) (nullable): a new record object.
 */
GuildRecord *
guild_store_load (GuildStore       *self,
                  GuildRecordKind   kind,
                  gint64            id,
                  GError          **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < GUILD_N_RECORD_KINDS, NULL);

  return load_on (self->db, self->statements, &self->sql[kind], kind, id, error);
}

/**
 * guild_store_reload:
 *
 * Refreshes @record in place from the database, notifying the properties
 * that changed, so that widgets bound to it update.
 */
gboolean
guild_store_reload (GuildStore   *self,
                    GuildRecord  *record,
                    GError      **error)
{
  g_autoptr(GuildRecord) fresh = NULL;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (GUILD_IS_RECORD (record), FALSE);

  fresh = guild_store_load (self, guild_record_get_kind (record),
                            guild_record_get_id (record), error);
  if (fresh == NULL)
    return FALSE;

  guild_record_copy_fields (record, fresh);
  return TRUE;
}

static GuildRecord *
dup_singleton (GuildStore       *self,
               GuildRecordKind   kind,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  GuildRecord *record = guild_store_load (self, kind, 1, &local_error);

  if (record != NULL)
    return record;

  if (!g_error_matches (local_error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return guild_record_new_for_kind (kind);
}

/**
 * guild_store_dup_profile:
 *
 * Returns: (transfer full): the user's profile (empty when never saved).
 */
GuildProfile *
guild_store_dup_profile (GuildStore  *self,
                         GError     **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  return (GuildProfile *) dup_singleton (self, GUILD_RECORD_PROFILE, error);
}

/**
 * guild_store_dup_goals:
 *
 * Returns: (transfer full): the weekly and monthly goals (zero: no goal).
 */
GuildGoals *
guild_store_dup_goals (GuildStore  *self,
                       GError     **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  return (GuildGoals *) dup_singleton (self, GUILD_RECORD_GOALS, error);
}

/* Lists every record of @kind on @db: one pass over the table and one over
 * each child table, joined through a hash of ids (never a query per row). */
static GPtrArray *
list_on (sqlite3          *db,
         KindSql          *ks,
         GuildRecordKind   kind,
         GCancellable     *cancellable,
         GError          **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strconcat (ks->select_sql, " ORDER BY id", NULL);
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (kind, &n_fields);
  gboolean has_lists = FALSE;
  int rc;

  /* Checked up front too: a table without lists, or an empty one, never
   * reaches the checks below. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint i = 0; i < n_fields; i++)
    has_lists |= field_is_list (&fields[i]);

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GuildRecord *record = guild_record_new_for_kind (kind);

      read_row (stmt, record);
      g_ptr_array_add (records, record);

      if ((records->len & 0x3fff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  if (!has_lists)
    return g_steal_pointer (&records);

  for (guint r = 0; r < records->len; r++)
    {
      GuildRecord *record = g_ptr_array_index (records, r);
      gint64 *key = g_new (gint64, 1);

      *key = guild_record_get_id (record);
      /* The key lives in the hash's lifetime only; see the cleanup below. */
      g_hash_table_insert (by_id, key, record);
    }

  for (guint i = 0; i < n_fields && records->len > 0; i++)
    {
      g_autoptr(sqlite3_stmt) child = NULL;
      g_autoptr(GPtrArray) strings = g_ptr_array_new ();
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      GuildRecord *current = NULL;

      if (!field_is_list (&fields[i]))
        continue;

      rc = sqlite3_prepare_v2 (db, ks->child_select_all[i], -1, &child, NULL);
      if (rc != SQLITE_OK)
        {
          _guild_store_set_error (db, rc, error);
          goto fail;
        }

      while ((rc = sqlite3_step (child)) == SQLITE_ROW)
        {
          gint64 owner = sqlite3_column_int64 (child, 0);

          if (current == NULL || guild_record_get_id (current) != owner)
            {
              if (current != NULL)
                {
                  set_list_value (current, i, &fields[i], strings, ids);
                  g_array_unref (ids);
                  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
                }
              current = g_hash_table_lookup (by_id, &owner);
            }

          if (current == NULL)
            continue;

          if (fields[i].type == GUILD_FIELD_STRV)
            g_ptr_array_add (strings, g_strdup ((const char *) sqlite3_column_text (child, 1)));
          else
            {
              gint64 value = sqlite3_column_int64 (child, 1);
              g_array_append_val (ids, value);
            }
        }
      if (current != NULL)
        set_list_value (current, i, &fields[i], strings, ids);
      if (rc != SQLITE_DONE)
        {
          _guild_store_set_error (db, rc, error);
          goto fail;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
    }

  g_hash_table_foreach (by_id, (GHFunc) (void (*) (void)) g_free, NULL);
  return g_steal_pointer (&records);

fail:
  g_hash_table_foreach (by_id, (GHFunc) (void (*) (void)) g_free, NULL);
  return NULL;
}

/**
 * guild_store_list:
 *
 * Reads every record of @kind, ordered by id, on the calling thread. The app
 * uses guild_store_list_async(); this is for guildctl and tests.
 *
 * Returns: (transfer full) (element-type GuildRecord): the records.
 */
GPtrArray *
guild_store_list (GuildStore       *self,
                  GuildRecordKind   kind,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < GUILD_N_RECORD_KINDS, NULL);

  return list_on (self->db, &self->sql[kind], kind, cancellable, error);
}

/**
 * _guild_store_open_reader:
 *
 * Opens a read-only connection to @path for a worker thread, inside a read
 * transaction so that everything it reads is one consistent snapshot. Close
 * it with _guild_store_close_reader().
 *
 * Returns: (nullable): the connection, or %NULL with @error set.
 */
sqlite3 *
_guild_store_open_reader (const char  *path,
                          GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }

  if (!configure_connection (db, error) || !exec_sql (db, "BEGIN", error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

void
_guild_store_close_reader (sqlite3 *db)
{
  if (db == NULL)
    return;

  exec_sql (db, "COMMIT", NULL);
  sqlite3_close (db);
}

typedef struct
{
  char               *path;
  GuildStoreReadFunc  func;
  gpointer            data;
  GDestroyNotify      data_free;
  GDestroyNotify      result_free;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job->path);
  g_free (job);
}

static void
read_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result;
  sqlite3 *db;

  /* Cancelled before it started: the database may be gone already. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (!(db = _guild_store_open_reader (job->path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = job->func (db, job->data, cancellable, &error);
  _guild_store_close_reader (db);

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, job->result_free);
}

/**
 * _guild_store_read_async:
 * @source_tag: the public function, for its _finish() to check
 * @func: what to compute, on the worker
 * @data: (transfer full): handed to @func; freed with @data_free
 * @result_free: frees @func's result when nobody takes it
 *
 * Runs @func on a worker thread with a read-only connection of its own,
 * inside one read transaction (a consistent snapshot). Its _finish() is
 * g_task_propagate_pointer() on the #GTask, whose source object is @self.
 */
void
_guild_store_read_async (GuildStore          *self,
                         gpointer             source_tag,
                         GuildStoreReadFunc   func,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GDestroyNotify       result_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job;

  job = g_new0 (ReadJob, 1);
  job->path = g_strdup (self->path);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_worker);
}

typedef struct
{
  KindSql         *ks;
  GuildRecordKind  kind;
} ListData;

/* Runs on a worker with a read-only connection of its own. The records it
 * makes are new objects nobody else sees until the task returns them. */
static gpointer
list_read (sqlite3       *db,
           gpointer       user_data,
           GCancellable  *cancellable,
           GError       **error)
{
  ListData *data = user_data;

  return list_on (db, data->ks, data->kind, cancellable, error);
}

/**
 * guild_store_list_async:
 *
 * Reads every record of @kind on a worker thread (a consistent snapshot).
 */
void
guild_store_list_async (GuildStore          *self,
                        GuildRecordKind      kind,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  ListData *data;

  g_return_if_fail (GUILD_IS_STORE (self));
  g_return_if_fail (kind < GUILD_N_RECORD_KINDS);

  data = g_new0 (ListData, 1);
  /* The SQL strings belong to the store, which the task keeps alive. */
  data->ks = &self->sql[kind];
  data->kind = kind;

  _guild_store_read_async (self, guild_store_list_async, list_read, data, g_free,
                           (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

/**
 * guild_store_list_finish:
 *
 * Returns: (transfer full) (element-type GuildRecord): the records.
 */
GPtrArray *
guild_store_list_finish (GuildStore    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * guild_store_count:
 *
 * Returns: how many records of @kind are stored.
 */
guint
guild_store_count (GuildStore      *self,
                   GuildRecordKind  kind)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (GUILD_IS_STORE (self), 0);
  g_return_val_if_fail (kind < GUILD_N_RECORD_KINDS, 0);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", guild_record_kind_get_table (kind));
  if (!(stmt = get_stmt (self, sql, NULL)))
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  stmt_done (stmt);

  return count;
}

gboolean
guild_store_get_stats (GuildStore       *self,
                       GuildStoreStats  *stats,
                       GError          **error)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM community), (SELECT count(*) FROM contact),"
    " (SELECT count(*) FROM event), (SELECT count(*) FROM activity),"
    " (SELECT count(*) FROM checkin), (SELECT count(*) FROM skill),"
    " (SELECT count(*) FROM course), (SELECT count(*) FROM membership),"
    " (SELECT count(*) FROM import_batch)";
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  if (!(stmt = get_stmt (self, sql, error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stats->communities = sqlite3_column_int (stmt, 0);
      stats->contacts = sqlite3_column_int (stmt, 1);
      stats->events = sqlite3_column_int (stmt, 2);
      stats->activities = sqlite3_column_int (stmt, 3);
      stats->checkins = sqlite3_column_int (stmt, 4);
      stats->skills = sqlite3_column_int (stmt, 5);
      stats->courses = sqlite3_column_int (stmt, 6);
      stats->memberships = sqlite3_column_int (stmt, 7);
      stats->import_batches = sqlite3_column_int (stmt, 8);
    }
  stmt_done (stmt);

  if (rc != SQLITE_ROW)
    return _guild_store_set_error (self->db, rc, error);

  return TRUE;
}

/* Section: words for people */

/**
 * guild_store_describe_error:
 * @error: an error from guild_store_open() or a write
 * @path: (nullable): the database file
 * @body: (out) (optional) (transfer full): what happened and what to do
 *
 * Turns a store error into words a user understands, for a dialog or for
 * guildctl. SQLite's own message stays in the logs.
 *
 * Returns: (transfer full): a short heading.
 */
char *
guild_store_describe_error (const GError  *error,
                            const char    *path,
                            char         **body)
{
  g_autofree char *display = NULL;
  const char *title;
  char *text;

  g_return_val_if_fail (error != NULL, NULL);

  display = path != NULL ? g_filename_display_name (path) : g_strdup ("");

  if (error->domain != GUILD_STORE_ERROR)
    {
      title = _("Something went wrong");
      text = g_strdup (error->message);
    }
  else
    switch ((GuildStoreError) error->code)
      {
      case GUILD_STORE_ERROR_CORRUPT:
        title = _("The database cannot be read");
        /* Translators: %s is a file path. */
        text = g_strdup_printf (_("The file %s is damaged or is not a Guild database. "
                                  "Guild has not changed it. You can move it aside and "
                                  "start with an empty database; the old file is kept "
                                  "next to it so nothing is lost."), display);
        break;
      case GUILD_STORE_ERROR_READ_ONLY:
        title = _("The database cannot be saved");
        /* Translators: %s is a file path. */
        text = g_strdup_printf (_("Guild is not allowed to write to %s or to its folder. "
                                  "Check the file’s permissions, or start Guild with "
                                  "another database (--database)."), display);
        break;
      case GUILD_STORE_ERROR_LOCKED:
        title = _("The database is in use");
        /* Translators: %s is a file path. */
        text = g_strdup_printf (_("Another Guild window or program is using %s. Close it "
                                  "and try again."), display);
        break;
      case GUILD_STORE_ERROR_TOO_NEW:
        title = _("The database is from a newer Guild");
        /* Translators: %s is a file path. */
        text = g_strdup_printf (_("%s was saved by a newer version of Guild. Update Guild "
                                  "to open it; this version will not change it."), display);
        break;
      case GUILD_STORE_ERROR_INVALID:
        title = _("The change was not saved");
        text = g_strdup (error->message);
        break;
      case GUILD_STORE_ERROR_NOT_FOUND:
        title = _("The record no longer exists");
        text = g_strdup (_("It may have been deleted in the meantime."));
        break;
      case GUILD_STORE_ERROR_IO:
        title = _("The database could not be reached");
        /* Translators: %s is a file path. */
        text = g_strdup_printf (_("Reading or writing %s failed. The disk may be full or "
                                  "unavailable."), display);
        break;
      case GUILD_STORE_ERROR_FAILED:
      default:
        title = _("Something went wrong");
        text = g_strdup (error->message);
        break;
      }

  if (body != NULL)
    *body = text;
  else
    g_free (text);

  return g_strdup (title);
}

/* Section: imports */

/**
 * _guild_store_set_import_batch:
 * @batch_id: the batch rows added from now on belong to, or 0
 *
 * Makes guild_store_add() write the row's import_batch with the row itself,
 * instead of an UPDATE per row afterwards.
 */
void
_guild_store_set_import_batch (GuildStore *self,
                               gint64      batch_id)
{
  g_return_if_fail (GUILD_IS_STORE (self));

  self->import_batch = batch_id;
}

/**
 * _guild_store_set_busy_importing:
 *
 * Marks the store as busy while an import writes the same database on a
 * worker's connection: every write on this store fails with
 * %GUILD_STORE_ERROR_LOCKED until it is cleared.
 */
void
_guild_store_set_busy_importing (GuildStore *self,
                                 gboolean    busy)
{
  g_return_if_fail (GUILD_IS_STORE (self));

  self->busy_importing = !!busy;
}

gboolean
_guild_store_get_busy_importing (GuildStore *self)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);

  return self->busy_importing;
}

/**
 * _guild_store_announce_reset:
 *
 * Tells every listener that records of @kind changed in ways it must read
 * again (after an import written on another connection).
 */
void
_guild_store_announce_reset (GuildStore      *self,
                             GuildRecordKind  kind)
{
  g_return_if_fail (GUILD_IS_STORE (self));
  g_return_if_fail (kind < GUILD_N_RECORD_KINDS);

  announce (self, kind, 0, GUILD_CHANGE_RESET);
}
