/* guild-store-backup.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "guild-store-backup.h"
#include "guild-store-private.h"

/* "Back up database…": a copy of the database file made with SQLite's online
 * backup API, on a worker thread with connections of its own, while the app
 * goes on writing on its connection. The copy is one consistent snapshot: the
 * whole database is copied in a single backup step, which in WAL mode holds a
 * read transaction and blocks no writer. It is written to a temporary file
 * next to the destination, checked, and renamed into place, so a failed or
 * cancelled backup never leaves half a file where a good one was. */

static void
close_db (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close (db);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, close_db)

/**
 * guild_store_backup_default_name:
 *
 * Returns: (transfer full): `guild-backup-YYYY-MM-DD.db` for today.
 */
char *
guild_store_backup_default_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "guild-backup-%Y-%m-%d.db");
}

static gboolean
copy_database (sqlite3       *source,
               const char    *part_path,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(sqlite3) dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (part_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    return _guild_store_set_error (dest, rc, error);

  for (guint attempt = 0;; attempt++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        return _guild_store_set_error (dest, sqlite3_errcode (dest), error);

      /* All pages in one step: one read transaction, one snapshot. */
      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);

      if (rc == SQLITE_DONE)
        break;
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempt < 50)
        {
          sqlite3_sleep (100);
          continue;
        }
      return _guild_store_set_error (dest, rc, error);
    }

  /* The copy is one self-contained file, whatever mode the original uses,
   * and it must be whole before it takes the destination's name. */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _guild_store_set_error (dest, rc, error);

  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    const char *verdict;

    rc = sqlite3_prepare_v2 (dest, "PRAGMA quick_check", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
      return _guild_store_set_error (dest, rc, error);
    rc = sqlite3_step (stmt);
    verdict = rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : NULL;
    if (g_strcmp0 (verdict, "ok") != 0)
      {
        g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_CORRUPT,
                     "The copy does not pass SQLite's check: %s",
                     verdict != NULL ? verdict : sqlite3_errmsg (dest));
        return FALSE;
      }
  }

  rc = sqlite3_close (g_steal_pointer (&dest));
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_IO,
                   "Could not close %s: %s", part_path, sqlite3_errstr (rc));
      return FALSE;
    }

  return TRUE;
}

static gboolean
sync_file (const char  *path,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    return g_close (fd, error);

  saved = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               "Could not write %s: %s", path, g_strerror (saved));
  return FALSE;
}

/**
 * guild_store_backup_file:
 * @database_path: the Guild database to copy (it may be open elsewhere,
 *   also for writing)
 * @destination: the file to write; replaced if it exists
 *
 * Copies the database with SQLite's backup API on the calling thread, with
 * connections of its own. Blocking: call it on a worker thread.
 *
 * Returns: whether the copy was written
 */
gboolean
guild_store_backup_file (const char    *database_path,
                         const char    *destination,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(sqlite3) source = NULL;
  g_autofree char *part_path = NULL;
  int rc, fd;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  rc = sqlite3_open_v2 (database_path, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    return _guild_store_set_error (source, rc, error);
  sqlite3_busy_timeout (source, 3000);

  part_path = g_strconcat (destination, ".part-XXXXXX", NULL);
  fd = g_mkstemp_full (part_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not create %s: %s", part_path, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);

  if (!copy_database (source, part_path, cancellable, error) ||
      !sync_file (part_path, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (part_path);
      return FALSE;
    }

  if (g_chmod (part_path, 0644) != 0 || g_rename (part_path, destination) != 0)
    {
      int saved = errno;

      g_unlink (part_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not write %s: %s", destination, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char *database_path;
  char *destination;
} BackupData;

static void
backup_data_free (BackupData *data)
{
  g_free (data->database_path);
  g_free (data->destination);
  g_free (data);
}

static void
backup_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupData *data = task_data;
  GError *error = NULL;

  if (guild_store_backup_file (data->database_path, data->destination, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * guild_store_backup_async:
 * @destination: a local file (one with a path)
 *
 * Copies @self's database to @destination on a worker thread; see
 * guild_store_backup_file(). Writes committed before the call are in the copy.
 */
void
guild_store_backup_async (GuildStore          *self,
                          GFile               *destination,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BackupData *data;

  g_return_if_fail (GUILD_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, guild_store_backup_async);

  data = g_new0 (BackupData, 1);
  data->database_path = g_strdup (guild_store_get_path (self));
  data->destination = g_file_get_path (destination);
  if (data->destination == NULL)
    {
      backup_data_free (data);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("A backup can only be saved to a local folder."));
      return;
    }

  g_task_set_task_data (task, data, (GDestroyNotify) backup_data_free);
  g_task_run_in_thread (task, backup_worker);
}

gboolean
guild_store_backup_finish (GuildStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
