/* guild-export-ui.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-compat.h"
#include "guild-export-ui.h"
#include "guild-store-backup.h"
#include "guild-window.h"

/* Export… and Back up database… in the app: a save dialog with a sensible
 * name and a filter for the format, then the file written on a worker thread
 * (guild_export_to_file_async(), guild_store_backup_async()), to a temporary
 * file renamed into place. Success is a toast with how many records the file
 * holds; failure an alert that says what went wrong. GtkFileChooserNative, as
 * GTK 4.8 has no GtkFileDialog (STYLE.md §1). */

/* The pseudo-format of "Back up database…". */
#define FORMAT_DATABASE GUILD_N_EXPORT_FORMATS

typedef struct
{
  GtkWindow            *parent;
  GuildStore           *store;
  GtkFileChooserNative *native;
  GArray               *contact_ids;
  guint                 format;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->store);
  g_clear_object (&job->native);
  g_clear_pointer (&job->contact_ids, g_array_unref);
  g_free (job);
}

static void
show_toast (GtkWindow  *parent,
            const char *text)
{
  if (parent != NULL && GUILD_IS_WINDOW (parent))
    guild_window_add_toast (GUILD_WINDOW (parent), adw_toast_new (text));
}

/* The system's messages name the temporary file, which means nothing to
 * the user: the usual failures get a sentence of their own. */
static char *
describe_failure (const GError *error)
{
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_PERM) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ROFS) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY) ||
      g_error_matches (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_READ_ONLY))
    return g_strdup (_("You are not allowed to save files in that folder. Choose another one, "
                       "such as your Documents folder."));
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    return g_strdup (_("The disk is full. Free some space or choose another disk."));
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup (_("That folder does not exist any more. Choose another one."));

  /* Translators: %s is the system's reason, in its own words. */
  return g_strdup_printf (_("The reason: %s"), error->message);
}

static void
show_error (GtkWindow    *parent,
            GFile        *file,
            const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: %s is a file name. */
  g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);
  g_autofree char *reason = describe_failure (error);
  g_autofree char *body =
    /* Translators: %s says why a file could not be saved, a sentence or two. */
    g_strdup_printf (_("%s Nothing in Guild has changed, and no file was left half written."),
                     reason);
  GObject *alert = guild_compat_alert_new (heading, body);

  guild_compat_alert_add_response (alert, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
  guild_compat_alert_set_default_response (alert, "close");
  guild_compat_alert_set_close_response (alert, "close");
  guild_compat_alert_present (alert, parent != NULL ? GTK_WIDGET (parent) : NULL);
}

static char *
describe_success (guint format,
                  guint n)
{
  switch (format)
    {
    case GUILD_EXPORT_FORMAT_VCARD:
    case GUILD_EXPORT_FORMAT_CONTACTS_CSV:
      /* Translators: a toast; %u is a number of contacts. */
      return g_strdup_printf (ngettext ("Exported %u contact", "Exported %u contacts", n), n);
    case GUILD_EXPORT_FORMAT_ICALENDAR:
      /* Translators: a toast; %u is a number of events. */
      return g_strdup_printf (ngettext ("Exported %u event", "Exported %u events", n), n);
    case GUILD_EXPORT_FORMAT_ACTIVITIES_CSV:
      /* Translators: a toast; %u is a number of activities. */
      return g_strdup_printf (ngettext ("Exported %u activity", "Exported %u activities", n), n);
    case GUILD_EXPORT_FORMAT_JSON:
      /* Translators: a toast; %u is a number of records of all kinds. */
      return g_strdup_printf (ngettext ("Backup saved with %u record",
                                        "Backup saved with %u records", n), n);
    default:
      return g_strdup (_("Database backed up"));
    }
}

/* What on_written_cb() needs to say how it went. */
typedef struct
{
  GtkWindow *parent;
  GFile     *file;
  guint      format;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriteData, write_data_free)

static void
on_written_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  GuildStore *store = GUILD_STORE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = 0;
  gboolean ok;

  if (data->format == FORMAT_DATABASE)
    ok = guild_store_backup_finish (store, result, &error);
  else
    ok = guild_export_to_file_finish (store, result, &n, &error);

  if (!ok)
    {
      g_warning ("Could not export: %s", error->message);
      show_error (data->parent, data->file, error);
      return;
    }

  text = describe_success (data->format, n);
  show_toast (data->parent, text);
}

static void
write_file (GtkWindow  *parent,
            GuildStore *store,
            guint       format,
            GArray     *contact_ids,
            GFile      *file)
{
  WriteData *data = g_new0 (WriteData, 1);

  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->file = g_object_ref (file);
  data->format = format;

  if (format == FORMAT_DATABASE)
    guild_store_backup_async (store, file, NULL, on_written_cb, data);
  else
    guild_export_to_file_async (store, format, contact_ids, file, NULL, on_written_cb, data);
}

static gboolean
free_job_idle_cb (gpointer data)
{
  export_job_free (data);
  return G_SOURCE_REMOVE;
}

static void
on_response_cb (GtkNativeDialog *native,
                int              response,
                gpointer         user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GFile) file = NULL;

  g_signal_handlers_disconnect_by_func (native, on_response_cb, user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (file != NULL)
    write_file (job->parent, job->store, job->format, job->contact_ids, file);

  /* GTK 4.8 does not survive dropping its native dialog while it emits
   * "response": free the job from an idle. */
  g_idle_add (free_job_idle_cb, job);
}

static const char *
filter_name (guint format)
{
  switch (format)
    {
    case GUILD_EXPORT_FORMAT_VCARD:
      return _("vCard Files");
    case GUILD_EXPORT_FORMAT_ICALENDAR:
      return _("iCalendar Files");
    case GUILD_EXPORT_FORMAT_CONTACTS_CSV:
    case GUILD_EXPORT_FORMAT_ACTIVITIES_CSV:
      return _("CSV Tables");
    case GUILD_EXPORT_FORMAT_JSON:
      return _("Guild Backups (JSON)");
    default:
      return _("Guild Databases");
    }
}

static const char *
dialog_title (guint format)
{
  switch (format)
    {
    case GUILD_EXPORT_FORMAT_VCARD:
      return _("Export Contacts as vCard");
    case GUILD_EXPORT_FORMAT_ICALENDAR:
      return _("Export Events as iCalendar");
    case GUILD_EXPORT_FORMAT_CONTACTS_CSV:
      return _("Export Contacts as CSV");
    case GUILD_EXPORT_FORMAT_ACTIVITIES_CSV:
      return _("Export Activities as CSV");
    case GUILD_EXPORT_FORMAT_JSON:
      return _("Export Backup");
    default:
      return _("Back Up Database");
    }
}

static void
choose_file (GtkWindow  *parent,
             GuildStore *store,
             guint       format,
             GArray     *contact_ids)
{
  static const char * const patterns[] = {
    [GUILD_EXPORT_FORMAT_VCARD] = "*.vcf",
    [GUILD_EXPORT_FORMAT_ICALENDAR] = "*.ics",
    [GUILD_EXPORT_FORMAT_CONTACTS_CSV] = "*.csv",
    [GUILD_EXPORT_FORMAT_ACTIVITIES_CSV] = "*.csv",
    [GUILD_EXPORT_FORMAT_JSON] = "*.json",
    [FORMAT_DATABASE] = "*.db",
  };
  static const char * const mime_types[] = {
    [GUILD_EXPORT_FORMAT_VCARD] = "text/vcard",
    [GUILD_EXPORT_FORMAT_ICALENDAR] = "text/calendar",
    [GUILD_EXPORT_FORMAT_CONTACTS_CSV] = "text/csv",
    [GUILD_EXPORT_FORMAT_ACTIVITIES_CSV] = "text/csv",
    [GUILD_EXPORT_FORMAT_JSON] = "application/json",
    [FORMAT_DATABASE] = "application/vnd.sqlite3",
  };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  ExportJob *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (GUILD_IS_STORE (store));

  job = g_new0 (ExportJob, 1);
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  job->store = g_object_ref (store);
  job->format = format;
  if (contact_ids != NULL)
    {
      job->contact_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), contact_ids->len);
      g_array_append_vals (job->contact_ids, contact_ids->data, contact_ids->len);
    }

  job->native = gtk_file_chooser_native_new (dialog_title (format), parent,
                                             GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->native), TRUE);

  gtk_file_filter_set_name (filter, filter_name (format));
  gtk_file_filter_add_pattern (filter, patterns[format]);
  gtk_file_filter_add_mime_type (filter, mime_types[format]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (job->native), filter);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (job->native), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (job->native), filter);

  name = format == FORMAT_DATABASE ? guild_store_backup_default_name ()
                                   : guild_export_format_default_name (format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (job->native), name);

  /* Documents, or home: never the folder Guild happened to start in. */
  {
    const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
    g_autoptr(GFile) folder = g_file_new_for_path (documents != NULL &&
                                                   g_file_test (documents, G_FILE_TEST_IS_DIR)
                                                   ? documents : g_get_home_dir ());

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (job->native), folder, NULL);
  }

  g_signal_connect (job->native, "response", G_CALLBACK (on_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (job->native));
}

/**
 * guild_export_ui_run:
 * @parent: (nullable): the window the dialogs belong to (a #GuildWindow
 *   shows the toast)
 * @contact_ids: (nullable) (element-type gint64): for vCard, the contacts to
 *   export; %NULL for all
 *
 * Asks where to save, then exports.
 */
void
guild_export_ui_run (GtkWindow         *parent,
                     GuildStore        *store,
                     GuildExportFormat  format,
                     GArray            *contact_ids)
{
  g_return_if_fail (format < GUILD_N_EXPORT_FORMATS);

  choose_file (parent, store, format, contact_ids);
}

/**
 * guild_export_ui_backup:
 *
 * "Back up database…": asks where to save, then copies the database.
 */
void
guild_export_ui_backup (GtkWindow  *parent,
                        GuildStore *store)
{
  choose_file (parent, store, FORMAT_DATABASE, NULL);
}

/**
 * guild_export_ui_write:
 * @file: where to write, without asking
 *
 * Exports to @file straight away (for a caller that already knows where),
 * with the same toast or alert as guild_export_ui_run().
 */
void
guild_export_ui_write (GtkWindow         *parent,
                       GuildStore        *store,
                       GuildExportFormat  format,
                       GArray            *contact_ids,
                       GFile             *file)
{
  g_return_if_fail (GUILD_IS_STORE (store));
  g_return_if_fail (format < GUILD_N_EXPORT_FORMATS);
  g_return_if_fail (G_IS_FILE (file));

  write_file (parent, store, format, contact_ids, file);
}
