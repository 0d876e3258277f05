/* guild-application.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-application"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>

#include "guild-application-private.h"
#include "guild-calendar-page.h"
#include "guild-compat.h"
#include "guild-export-json.h"
#include "guild-export-ui.h"
#include "guild-import-history.h"
#include "guild-import-dialog.h"
#include "guild-learning-window.h"
#include "guild-preferences-window.h"
#include "guild-reminders.h"
#include "guild-store-import.h"
#include "guild-window.h"
#include "guild-window-private.h"

/* GuildApplication runs one instance per user: `guild FILE…` started while
 * Guild runs hands the files to the running instance over D-Bus. It opens the
 * database (exclusively: a second Guild on the same file is refused by the
 * store) when it is first activated, and when that fails it explains why and
 * offers only what cannot lose data: moving a damaged file aside, or
 * quitting. */

struct _GuildApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GuildStore     *store;
  GSettings      *settings;
  char           *database_path;
  GVariant       *last_import;
  GuildReminders *reminders;

  /* Monotonic time at which main() started, for GUILD_EXIT_AFTER_FIRST_FRAME. */
  gint64          start_time;
  guint           asking : 1;
};

enum {
  PROP_0,
  PROP_START_TIME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildApplication, guild_application, ADW_TYPE_APPLICATION)

static void show_open_error (GuildApplication *self,
                             const char       *path,
                             const GError     *error);

static const GOptionEntry main_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database in FILE instead of the default one"), N_("FILE") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

static char *
dup_database_path (GuildApplication *self)
{
  if (self->database_path != NULL)
    return g_strdup (self->database_path);

  return guild_store_default_path ();
}

static void
apply_color_scheme (GuildApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static gboolean
exit_after_first_frame (void)
{
  const char *value = g_getenv ("GUILD_EXIT_AFTER_FIRST_FRAME");

  return value != NULL && *value != '\0';
}

/* The benchmark's probe (build-aux/bench): how long from main() to the first
 * painted frame. */
static void
on_window_first_frame_cb (GuildApplication *self,
                          GParamSpec       *pspec,
                          GuildWindow      *window)
{
  gint64 elapsed_ms;

  g_assert (GUILD_IS_APPLICATION (self));

  if (!guild_window_get_first_frame_shown (window))
    return;

  elapsed_ms = (g_get_monotonic_time () - self->start_time) / 1000;
  g_print ("first-frame-ms: %" G_GINT64_FORMAT "\n", elapsed_ms);
  fflush (stdout);

  g_application_quit (G_APPLICATION (self));
}

static void
on_main_window_destroy_cb (GuildApplication *self)
{
  if (self->reminders == NULL)
    return;

  guild_reminders_stop (self->reminders);
  g_clear_object (&self->reminders);
}

static GuildWindow *
create_window (GuildApplication *self)
{
  GuildWindow *window;

  g_assert (GUILD_IS_APPLICATION (self));
  g_assert (GUILD_IS_STORE (self->store));

  window = guild_window_new (GTK_APPLICATION (self), self->store);
  /* Reminders run while a window shows the database. */
  if (self->reminders == NULL)
    self->reminders = guild_reminders_new (G_APPLICATION (self), self->store);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_main_window_destroy_cb), self,
                           G_CONNECT_SWAPPED);

  if (exit_after_first_frame ())
    g_signal_connect_object (window, "notify::first-frame-shown",
                             G_CALLBACK (on_window_first_frame_cb), self,
                             G_CONNECT_SWAPPED);

  return window;
}

static gboolean
open_store (GuildApplication  *self,
            const char        *path,
            GError           **error)
{
  g_assert (GUILD_IS_APPLICATION (self));

  if (self->reminders != NULL)
    guild_reminders_stop (self->reminders);
  g_clear_object (&self->reminders);
  g_clear_object (&self->store);
  self->store = guild_store_open (path, GUILD_STORE_FLAGS_EXCLUSIVE, error);

  return self->store != NULL;
}

static void
move_aside_and_start_fresh (GuildApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dup_database_path (self);
  g_autofree char *new_path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *message = NULL;
  GuildWindow *window;

  g_assert (GUILD_IS_APPLICATION (self));

  if (!guild_store_move_aside (path, &new_path, &error) ||
      !open_store (self, path, &error))
    {
      show_open_error (self, path, error);
      return;
    }

  window = create_window (self);
  gtk_window_present (GTK_WINDOW (window));

  display = g_filename_display_name (new_path);
  /* Translators: %s is the path the damaged database was renamed to. */
  message = g_strdup_printf (_("The damaged database was kept as %s"), display);
  guild_window_add_toast (window, adw_toast_new (message));
}

static void
on_open_error_response_cb (GObject          *alert,
                           const char       *response,
                           GuildApplication *self)
{
  g_assert (GUILD_IS_APPLICATION (self));

  self->asking = FALSE;

  if (g_strcmp0 (response, "move-aside") == 0)
    move_aside_and_start_fresh (self);

  /* With no window left and nothing held, the application quits. */
  g_application_release (G_APPLICATION (self));
}

static void
show_open_error (GuildApplication *self,
                 const char       *path,
                 const GError     *error)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GObject *alert;

  g_assert (GUILD_IS_APPLICATION (self));
  g_assert (error != NULL);

  g_warning ("Could not open %s: %s", path, error->message);

  if (exit_after_first_frame ())
    {
      /* A benchmark has nobody to answer a dialog. */
      g_application_quit (G_APPLICATION (self));
      return;
    }

  title = guild_store_describe_error (error, path, &body);
  alert = guild_compat_alert_new (title, body);

  if (g_error_matches (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_CORRUPT))
    guild_compat_alert_add_response (alert, "move-aside", _("_Move Aside and Start Fresh"),
                                     ADW_RESPONSE_SUGGESTED);
  guild_compat_alert_add_response (alert, "quit", _("_Quit"), ADW_RESPONSE_DEFAULT);
  guild_compat_alert_set_close_response (alert, "quit");
  guild_compat_alert_set_default_response (alert, "quit");

  /* Keep running while the question is open: no main window exists yet. */
  self->asking = TRUE;
  g_application_hold (G_APPLICATION (self));
  g_signal_connect_object (alert, "response",
                           G_CALLBACK (on_open_error_response_cb), self, G_CONNECT_DEFAULT);
  guild_compat_alert_present (alert, NULL);
}

/* Section: actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GuildApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  g_assert (GUILD_IS_APPLICATION (self));

  /* Closing the windows lets them save their state first. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GuildApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GuildPreferencesWindow *preferences;

  g_assert (GUILD_IS_APPLICATION (self));

  preferences = guild_preferences_window_new (window, self->store);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
learning_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GuildApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_assert (GUILD_IS_APPLICATION (self));

  if (self->store != NULL)
    guild_learning_window_present (window, self->store);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GuildApplication *self = user_data;
  static const char *developers[] = { "The Guild developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const GuildCompatAbout about = {
    .application_name = _("Guild"),
    .application_icon = APP_ID,
    .version = PACKAGE_VERSION,
    .developer_name = _("The Guild developers"),
    .website = "https://github.com/guildapp/guild",
    .issue_url = "https://github.com/guildapp/guild/issues",
    .comments = _("Take part in professional communities on purpose while you change "
                  "careers: keep your communities, the people you meet and the events "
                  "you go to, and see whether it is working."),
    .copyright = _("© 2026 The Guild developers"),
    /* Translators: your names, one per line, shown in the About window. */
    .translator_credits = _("translator-credits"),
    .developers = developers,
    .license_type = GTK_LICENSE_GPL_3_0,
  };

  g_assert (GUILD_IS_APPLICATION (self));

  guild_compat_show_about (window != NULL ? GTK_WIDGET (window) : NULL, &about);
}

static GuildWindow *
get_main_window (GuildApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (const GList *l = windows; l != NULL; l = l->next)
    if (GUILD_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
add_toast (GuildApplication *self,
           AdwToast         *toast)
{
  GuildWindow *window = get_main_window (self);

  if (window != NULL)
    guild_window_add_toast (window, toast);
  else
    g_object_unref (toast);
}

static void
on_open_files_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GuildApplication) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n;

  files = guild_compat_open_files_finish (result, &error);
  if (files == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not choose files to import: %s", error->message);
      return;
    }

  n = g_list_model_get_n_items (files);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));

  guild_application_import_files (self, (GFile **) array->pdata, array->len);
}

static GtkFileFilter *
new_filter (const char         *name,
            const char * const *mime_types,
            const char * const *patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);

  return filter;
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GuildApplication *self = user_data;
  static const char * const contact_types[] = {
    "text/vcard", "text/x-vcard", "text/directory", "text/csv", NULL
  };
  static const char * const contact_patterns[] = {
    "*.vcf", "*.VCF", "*.vcard", "*.csv", "*.CSV", NULL
  };
  static const char * const calendar_types[] = { "text/calendar", NULL };
  static const char * const calendar_patterns[] = { "*.ics", "*.ICS", "*.ical", NULL };
  static const char * const backup_types[] = { "application/json", NULL };
  static const char * const backup_patterns[] = { "*.json", NULL };
  static const char * const none[] = { NULL };
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) contacts = NULL;
  g_autoptr(GtkFileFilter) calendars = NULL;
  g_autoptr(GtkFileFilter) backups = NULL;
  g_autoptr(GtkFileFilter) anything = NULL;
  const char * const *all_types[] = { contact_types, calendar_types, backup_types };
  const char * const *all_patterns[] = { contact_patterns, calendar_patterns, backup_patterns };
  static const char * const any_pattern[] = { "*", NULL };
  GuildWindow *window = get_main_window (self);

  g_assert (GUILD_IS_APPLICATION (self));

  gtk_file_filter_set_name (all, _("All Supported Files"));
  for (guint i = 0; i < G_N_ELEMENTS (all_types); i++)
    {
      for (guint j = 0; all_types[i][j] != NULL; j++)
        gtk_file_filter_add_mime_type (all, all_types[i][j]);
      for (guint j = 0; all_patterns[i][j] != NULL; j++)
        gtk_file_filter_add_pattern (all, all_patterns[i][j]);
    }
  contacts = new_filter (_("Contacts (vCard, CSV)"), contact_types, contact_patterns);
  calendars = new_filter (_("Calendars (iCalendar)"), calendar_types, calendar_patterns);
  backups = new_filter (_("Guild Backups (JSON)"), backup_types, backup_patterns);
  /* The importer goes by the content, so a file with an odd name still
   * imports. */
  anything = new_filter (_("All Files"), none, any_pattern);

  g_list_store_append (filters, all);
  g_list_store_append (filters, contacts);
  g_list_store_append (filters, calendars);
  g_list_store_append (filters, backups);
  g_list_store_append (filters, anything);

  guild_compat_open_files (window != NULL ? GTK_WIDGET (window) : NULL, _("Import"),
                           G_LIST_MODEL (filters), NULL, on_open_files_cb, g_object_ref (self));
}

static void
on_backup_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GuildApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));

      g_warning ("Could not write %s: %s", name, error->message);
      add_toast (self, adw_toast_new (_("The backup could not be saved")));
      return;
    }

  add_toast (self, adw_toast_new (_("Backup saved")));
}

static void
on_save_file_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GuildApplication) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = guild_compat_save_file_finish (result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not choose where to save: %s", error->message);
      return;
    }

  _guild_application_export_backup (self, file);
}

/**
 * _guild_application_export_backup:
 * @file: where to write
 *
 * Writes the JSON backup of the open database to @file, and says so in a
 * toast when it is done.
 */
void
_guild_application_export_backup (GuildApplication *self,
                                  GFile            *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (GUILD_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;

  /* The backup is read on the store's connection, which belongs to the
   * main thread. TODO: read it on a worker with its own connection
   * (STYLE.md §7) once the store offers one. Writing the file is
   * asynchronous; over an existing backup, g_file_replace_contents() writes
   * a temporary file and renames it into place, so a failed save never
   * leaves half a backup where a whole one was. */
  json = g_string_new (NULL);
  if (!guild_export_json (self->store, json, NULL, &error))
    {
      g_warning ("Could not export: %s", error->message);
      add_toast (self, adw_toast_new (_("The backup could not be saved")));
      return;
    }

  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_backup_written_cb, g_object_ref (self));
}

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GuildApplication *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("guild-backup-%s.json", date);
  GuildWindow *window = get_main_window (self);

  g_assert (GUILD_IS_APPLICATION (self));

  guild_compat_save_file (window != NULL ? GTK_WIDGET (window) : NULL, _("Export Backup"),
                          name, NULL, on_save_file_cb, g_object_ref (self));
}

static void
on_import_undone_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GuildApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (guild_store_import_undo_finish (GUILD_STORE (object), result, &error))
    return;

  if (g_error_matches (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED))
    add_toast (self, adw_toast_new (_("Another import is being written: try again when it "
                                      "is done")));
  else
    add_toast (self, adw_toast_new (_("Part of the import could not be undone, because its "
                                      "records have changed since")));
}

static void
undo_import_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GuildApplication *self = user_data;
  gsize n_batches = 0;
  const gint64 *batches = g_variant_get_fixed_array (parameter, &n_batches, sizeof (gint64));
  g_autoptr(GArray) newest_first = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_batches);

  g_assert (GUILD_IS_APPLICATION (self));

  if (self->store == NULL)
    return;

  /* The newest first, so that a later file's updates come off before an
   * earlier file's records. On a worker: an import of a million records
   * takes as long to take back. */
  for (gsize i = n_batches; i > 0; i--)
    g_array_append_val (newest_first, batches[i - 1]);
  guild_store_import_undo_async (self->store, (const gint64 *) newest_first->data,
                                 newest_first->len, NULL, on_import_undone_cb,
                                 g_object_ref (self));

  if (self->last_import != NULL && g_variant_equal (self->last_import, parameter))
    g_clear_pointer (&self->last_import, g_variant_unref);
}

static void
on_import_dialog_imported_cb (GuildApplication  *self,
                              guint              n_records,
                              guint              n_failed,
                              GVariant          *batches,
                              const char        *view,
                              GuildImportDialog *dialog)
{
  GuildWindow *window = get_main_window (self);

  g_assert (GUILD_IS_APPLICATION (self));

  if (view != NULL && window != NULL)
    guild_window_set_visible_view (window, view);

  if (n_failed > 0)
    {
      /* Translators: %u is a number of files. */
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u file could not be imported",
                                   "%u files could not be imported", n_failed),
                         n_failed);

      add_toast (self, adw_toast_new (text));
    }

  if (g_variant_n_children (batches) > 0)
    {
      /* Translators: %u is how many records an import added or updated. */
      g_autofree char *text =
        g_strdup_printf (ngettext ("Imported %u record", "Imported %u records", n_records),
                         n_records);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "app.undo-import");
      adw_toast_set_action_target_value (toast, batches);
      adw_toast_set_timeout (toast, 10);

      g_clear_pointer (&self->last_import, g_variant_unref);
      self->last_import = g_variant_ref (batches);

      add_toast (self, toast);
    }
}

/* Section: Export…, Back up database… and Import History… (issue 5) */

/**
 * guild_application_export_contacts:
 * @ids: (nullable) (element-type gint64): the contacts to export; %NULL for
 *   all of them
 *
 * Asks where to save a vCard 4.0 file and writes the contacts to it on a
 * worker thread; a toast says how many. For the contacts view's selection.
 */
void
guild_application_export_contacts (GuildApplication *self,
                                   GArray           *ids)
{
  GuildWindow *window;

  g_return_if_fail (GUILD_IS_APPLICATION (self));

  if (self->store == NULL)
    return;

  window = get_main_window (self);
  guild_export_ui_run (window != NULL ? GTK_WINDOW (window) : NULL, self->store,
                       GUILD_EXPORT_FORMAT_VCARD, ids);
}

static void
export_as_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GuildApplication *self = user_data;
  GuildExportFormat format = guild_export_format_from_string (g_variant_get_string (parameter,
                                                                                    NULL));
  GuildWindow *window = get_main_window (self);

  g_assert (GUILD_IS_APPLICATION (self));

  if (self->store == NULL || format >= GUILD_N_EXPORT_FORMATS)
    return;

  guild_export_ui_run (window != NULL ? GTK_WINDOW (window) : NULL, self->store, format, NULL);
}

static void
backup_database_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GuildApplication *self = user_data;
  GuildWindow *window = get_main_window (self);

  g_assert (GUILD_IS_APPLICATION (self));

  if (self->store == NULL)
    return;

  guild_export_ui_backup (window != NULL ? GTK_WINDOW (window) : NULL, self->store);
}

static void
import_history_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GuildApplication *self = user_data;
  GuildWindow *window = get_main_window (self);

  g_assert (GUILD_IS_APPLICATION (self));

  if (self->store == NULL)
    return;

  guild_import_history_present (window != NULL ? GTK_WINDOW (window) : NULL, self->store);
}

/* A reminder's notification was clicked: show the event. */
static void
show_event_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GuildApplication *self = user_data;
  GuildWindow *window;
  gint64 event_id, start;

  if (self->store == NULL)
    return;

  g_variant_get (parameter, "(xx)", &event_id, &start);
  if ((window = get_main_window (self)) == NULL)
    window = create_window (self);
  guild_window_set_visible_view (window, "calendar");
  gtk_window_present (GTK_WINDOW (window));
  if (event_id > 0)
    guild_calendar_page_open_event (GUILD_CALENDAR_PAGE (_guild_window_get_view (window, "calendar")),
                                    event_id, start);
}

static const GActionEntry app_entries[] = {
  { "show-event", show_event_action, "(xx)" },
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "import", import_action },
  { "export", export_action },
  { "undo-import", undo_import_action, "ax" },
  { "export-as", export_as_action, "s" },
  { "backup-database", backup_database_action },
  { "import-history", import_history_action },
  { "learning", learning_action },
};

/* Section: GApplication */

static int
guild_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  GuildApplication *self = GUILD_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  const char *path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "guild", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (!g_variant_dict_lookup (options, "database", "^&ay", &path))
    return -1;

  if (*path == '\0')
    {
      g_printerr ("%s\n", _("--database needs the path of a database file"));
      return EXIT_FAILURE;
    }

  _guild_application_set_database_path (self, path);

  /* Find out now whether Guild already runs: that instance keeps its own
   * database, and saying so beats silently showing another file. */
  if (g_application_register (app, NULL, &error) && g_application_get_is_remote (app))
    g_printerr ("%s\n", _("Guild is already running; its window keeps its own database. "
                          "--database applies when Guild starts."));

  return -1;
}

static void
guild_application_startup (GApplication *app)
{
  GuildApplication *self = GUILD_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *learning_accels[] = { "<Control><Shift>l", NULL };

  G_APPLICATION_CLASS (guild_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.learning",
                                         learning_accels);

  self->settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
guild_application_activate (GApplication *app)
{
  GuildApplication *self = GUILD_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* The dialog about the database is still waiting for an answer. */
  if (self->asking)
    return;

  if (self->store == NULL)
    {
      path = dup_database_path (self);
      if (!open_store (self, path, &error))
        {
          show_open_error (self, path, error);
          return;
        }
    }

  gtk_window_present (GTK_WINDOW (create_window (self)));
}

static void
guild_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  GuildApplication *self = GUILD_APPLICATION (app);

  g_application_activate (app);
  guild_application_import_files (self, files, n_files);
}

static void
guild_application_shutdown (GApplication *app)
{
  GuildApplication *self = GUILD_APPLICATION (app);

  G_APPLICATION_CLASS (guild_application_parent_class)->shutdown (app);

  /* Closing the store here checkpoints the database before the process ends. */
  if (self->reminders != NULL)
    guild_reminders_stop (self->reminders);
  g_clear_object (&self->reminders);
  g_clear_object (&self->store);
}

/* Section: GObject */

static void
guild_application_dispose (GObject *object)
{
  GuildApplication *self = (GuildApplication *)object;

  if (self->reminders != NULL)
    guild_reminders_stop (self->reminders);
  g_clear_object (&self->reminders);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (guild_application_parent_class)->dispose (object);
}

static void
guild_application_finalize (GObject *object)
{
  GuildApplication *self = (GuildApplication *)object;

  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->last_import, g_variant_unref);

  G_OBJECT_CLASS (guild_application_parent_class)->finalize (object);
}

static void
guild_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GuildApplication *self = GUILD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_START_TIME:
      g_value_set_int64 (value, self->start_time);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_application_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GuildApplication *self = GUILD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_START_TIME:
      self->start_time = g_value_get_int64 (value);
      if (self->start_time == 0)
        self->start_time = g_get_monotonic_time ();
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_application_class_init (GuildApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = guild_application_dispose;
  object_class->finalize = guild_application_finalize;
  object_class->get_property = guild_application_get_property;
  object_class->set_property = guild_application_set_property;

  app_class->handle_local_options = guild_application_handle_local_options;
  app_class->startup = guild_application_startup;
  app_class->activate = guild_application_activate;
  app_class->open = guild_application_open;
  app_class->shutdown = guild_application_shutdown;

  /**
   * GuildApplication:start-time:
   *
   * The monotonic time (g_get_monotonic_time()) at which the process
   * started, or 0 for the moment the application was made.
   */
  properties [PROP_START_TIME] =
    g_param_spec_int64 ("start-time", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
guild_application_init (GuildApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
}

/* Section: public API */

/**
 * guild_application_new:
 * @start_time: the monotonic time at which main() started, or 0
 *
 * Returns: (transfer full): the application
 */
GuildApplication *
guild_application_new (gint64 start_time)
{
  return g_object_new (GUILD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* The same in development builds, whose id ends in .Devel. */
                       "resource-base-path", RESOURCE_PREFIX,
                       "start-time", start_time,
                       NULL);
}

/**
 * guild_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open database, if any
 */
GuildStore *
guild_application_get_store (GuildApplication *self)
{
  g_return_val_if_fail (GUILD_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * guild_application_import_files:
 * @files: (array length=n_files): the files to import
 * @n_files: how many
 *
 * Imports files given on the command line, sent by another `guild FILE…`,
 * dropped on the window or chosen with Import…: the one place where all of
 * them join the import pipeline (DESIGN.md rule 5). Nothing is written
 * before the user has seen the preview and pressed Import.
 */
void
guild_application_import_files (GuildApplication  *self,
                                GFile            **files,
                                guint              n_files)
{
  GuildWindow *window;
  GuildImportDialog *dialog;

  g_return_if_fail (GUILD_IS_APPLICATION (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0)
    return;

  window = get_main_window (self);
  if (self->store == NULL || window == NULL)
    {
      /* The database could not be opened: the dialog about it is showing. */
      g_message ("No database is open; the files were not imported");
      return;
    }

  dialog = guild_import_dialog_new (GTK_WINDOW (window), self->store, files, n_files);
  g_signal_connect_object (dialog, "imported",
                           G_CALLBACK (on_import_dialog_imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_guild_application_set_database_path (GuildApplication *self,
                                      const char       *path)
{
  g_return_if_fail (GUILD_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  g_free (self->database_path);
  self->database_path = g_canonicalize_filename (path, NULL);
}

/**
 * _guild_application_get_last_import:
 *
 * Returns: (transfer none) (nullable): the batches of the last import, as "ax"
 */
GVariant *
_guild_application_get_last_import (GuildApplication *self)
{
  g_return_val_if_fail (GUILD_IS_APPLICATION (self), NULL);

  return self->last_import;
}
