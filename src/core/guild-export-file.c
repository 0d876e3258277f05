/* guild-export-file.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-export-file.h"
#include "guild-export-json.h"
#include "guild-export.h"
#include "guild-store-private.h"

/* Export… in the app: one format written to one file, on a worker thread
 * with a store of its own on the same database (the app's store belongs to
 * the main thread), inside one read transaction so that the file is one
 * consistent snapshot. The file is written to a temporary name and renamed
 * into place (g_file_set_contents_full), so an export that fails leaves any
 * earlier file of that name as it was. */

static const char * const format_ids[] = {
  [GUILD_EXPORT_FORMAT_VCARD] = "vcard",
  [GUILD_EXPORT_FORMAT_ICALENDAR] = "icalendar",
  [GUILD_EXPORT_FORMAT_CONTACTS_CSV] = "contacts-csv",
  [GUILD_EXPORT_FORMAT_ACTIVITIES_CSV] = "activities-csv",
  [GUILD_EXPORT_FORMAT_JSON] = "json",
};

const char *
guild_export_format_to_string (GuildExportFormat format)
{
  g_return_val_if_fail (format < GUILD_N_EXPORT_FORMATS, NULL);

  return format_ids[format];
}

/* Returns GUILD_N_EXPORT_FORMATS for an unknown id. */
GuildExportFormat
guild_export_format_from_string (const char *id)
{
  for (guint i = 0; i < GUILD_N_EXPORT_FORMATS; i++)
    if (g_strcmp0 (id, format_ids[i]) == 0)
      return i;

  return GUILD_N_EXPORT_FORMATS;
}

/**
 * guild_export_format_default_name:
 *
 * Returns: (transfer full): the file name the save dialog suggests, with
 *   today's date; not translated, so that files sort the same everywhere.
 */
char *
guild_export_format_default_name (GuildExportFormat format)
{
  static const char * const patterns[] = {
    [GUILD_EXPORT_FORMAT_VCARD] = "guild-contacts-%Y-%m-%d.vcf",
    [GUILD_EXPORT_FORMAT_ICALENDAR] = "guild-events-%Y-%m-%d.ics",
    [GUILD_EXPORT_FORMAT_CONTACTS_CSV] = "guild-contacts-%Y-%m-%d.csv",
    [GUILD_EXPORT_FORMAT_ACTIVITIES_CSV] = "guild-activities-%Y-%m-%d.csv",
    [GUILD_EXPORT_FORMAT_JSON] = "guild-backup-%Y-%m-%d.json",
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (format < GUILD_N_EXPORT_FORMATS, NULL);

  return g_date_time_format (now, patterns[format]);
}

static gboolean
export_into (GuildStore         *store,
             GuildExportFormat   format,
             GArray             *contact_ids,
             GString            *out,
             guint              *n_records,
             GCancellable       *cancellable,
             GError            **error)
{
  switch (format)
    {
    case GUILD_EXPORT_FORMAT_VCARD:
      return guild_export_vcard_selection (store, contact_ids, out, n_records, cancellable,
                                           error);
    case GUILD_EXPORT_FORMAT_ICALENDAR:
      *n_records = guild_store_count (store, GUILD_RECORD_EVENT);
      return guild_export_icalendar (store, out, cancellable, error);
    case GUILD_EXPORT_FORMAT_CONTACTS_CSV:
      *n_records = guild_store_count (store, GUILD_RECORD_CONTACT);
      return guild_export_csv (store, GUILD_RECORD_CONTACT, out, cancellable, error);
    case GUILD_EXPORT_FORMAT_ACTIVITIES_CSV:
      *n_records = guild_store_count (store, GUILD_RECORD_ACTIVITY);
      return guild_export_csv (store, GUILD_RECORD_ACTIVITY, out, cancellable, error);
    case GUILD_EXPORT_FORMAT_JSON:
      {
        GuildStoreStats stats;

        if (!guild_store_get_stats (store, &stats, error))
          return FALSE;
        *n_records = stats.communities + stats.contacts + stats.events + stats.activities +
                     stats.checkins + stats.skills + stats.courses;
        return guild_export_json (store, out, cancellable, error);
      }
    case GUILD_N_EXPORT_FORMATS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * guild_export_to_file:
 * @database_path: the Guild database (it may be open elsewhere)
 * @contact_ids: (nullable) (element-type gint64): for vCard, the contacts to
 *   write; %NULL for all. The other formats write everything.
 * @destination: the file to write; replaced if it exists
 * @n_records: (out) (optional): how many records the file holds
 *
 * Blocking: call it on a worker thread.
 */
gboolean
guild_export_to_file (const char         *database_path,
                      GuildExportFormat   format,
                      GArray             *contact_ids,
                      const char         *destination,
                      guint              *n_records,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GString) out = NULL;
  guint n = 0;
  gboolean ok;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (format < GUILD_N_EXPORT_FORMATS, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  store = guild_store_open (database_path, GUILD_STORE_FLAGS_NONE, error);
  if (store == NULL)
    return FALSE;

  if (sqlite3_exec (_guild_store_get_db (store), "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return _guild_store_set_error (_guild_store_get_db (store),
                                   sqlite3_errcode (_guild_store_get_db (store)), error);

  out = g_string_new (NULL);
  ok = export_into (store, format, contact_ids, out, &n, cancellable, error);
  sqlite3_exec (_guild_store_get_db (store), "COMMIT", NULL, NULL, NULL);
  if (!ok || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!g_file_set_contents_full (destination, out->str, out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return FALSE;

  if (n_records != NULL)
    *n_records = n;

  return TRUE;
}

typedef struct
{
  char              *database_path;
  char              *destination;
  GArray            *contact_ids;
  GuildExportFormat  format;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->database_path);
  g_free (data->destination);
  g_clear_pointer (&data->contact_ids, g_array_unref);
  g_free (data);
}

static void
export_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;
  guint n = 0;

  if (guild_export_to_file (data->database_path, data->format, data->contact_ids,
                            data->destination, &n, cancellable, &error))
    g_task_return_int (task, n);
  else
    g_task_return_error (task, error);
}

/**
 * guild_export_to_file_async:
 * @destination: a local file (one with a path)
 *
 * Runs guild_export_to_file() on a worker thread for @store's database.
 */
void
guild_export_to_file_async (GuildStore          *store,
                            GuildExportFormat    format,
                            GArray              *contact_ids,
                            GFile               *destination,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (GUILD_IS_STORE (store));
  g_return_if_fail (format < GUILD_N_EXPORT_FORMATS);
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, guild_export_to_file_async);

  data = g_new0 (ExportData, 1);
  data->database_path = g_strdup (guild_store_get_path (store));
  data->destination = g_file_get_path (destination);
  data->format = format;
  if (contact_ids != NULL)
    {
      data->contact_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), contact_ids->len);
      g_array_append_vals (data->contact_ids, contact_ids->data, contact_ids->len);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  if (data->destination == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Guild can only export to a local folder."));
      return;
    }

  g_task_run_in_thread (task, export_worker);
}

/**
 * guild_export_to_file_finish:
 * @n_records: (out) (optional): how many records the file holds
 */
gboolean
guild_export_to_file_finish (GuildStore    *store,
                             GAsyncResult  *result,
                             guint         *n_records,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  n = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (n_records != NULL)
    *n_records = (guint) n;

  return TRUE;
}
