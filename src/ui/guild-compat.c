/* guild-compat.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-compat"

#include "config.h"

#include "guild-compat.h"

/* This is the only file built without the API ceiling (STYLE.md §1): on
 * Debian 12 it uses the GTK 4.8 and libadwaita 1.2 API like every other file,
 * and on a newer system it picks the dialogs that replaced them, so that the
 * rest of Guild never needs a version check. The version guards live here and
 * nowhere else.
 */

#define HAVE_ADW_DIALOG ADW_CHECK_VERSION (1, 5, 0)
#define HAVE_GTK_FILE_DIALOG GTK_CHECK_VERSION (4, 10, 0)

static GtkWindow *
window_for (GtkWidget *parent)
{
  GtkRoot *root;

  if (parent == NULL)
    return NULL;

  root = gtk_widget_get_root (parent);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Section: message dialogs */

/**
 * guild_compat_alert_new:
 * @heading: the dialog's heading
 * @body: (nullable): the text below it
 *
 * Returns: (transfer none): the dialog. It belongs to the toolkit once
 *   presented and goes away by itself after a response.
 */
GObject *
guild_compat_alert_new (const char *heading,
                        const char *body)
{
  g_return_val_if_fail (heading != NULL, NULL);

#if HAVE_ADW_DIALOG
  return G_OBJECT (adw_alert_dialog_new (heading, body));
#else
  return G_OBJECT (adw_message_dialog_new (NULL, heading, body));
#endif
}

void
guild_compat_alert_add_response (GObject               *alert,
                                 const char            *id,
                                 const char            *label,
                                 AdwResponseAppearance  appearance)
{
  g_return_if_fail (G_IS_OBJECT (alert));
  g_return_if_fail (id != NULL);
  g_return_if_fail (label != NULL);

#if HAVE_ADW_DIALOG
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), id, label);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), id, appearance);
#else
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), id, label);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (alert), id, appearance);
#endif
}

void
guild_compat_alert_set_response_enabled (GObject    *alert,
                                         const char *id,
                                         gboolean    enabled)
{
  g_return_if_fail (G_IS_OBJECT (alert));
  g_return_if_fail (id != NULL);

#if HAVE_ADW_DIALOG
  adw_alert_dialog_set_response_enabled (ADW_ALERT_DIALOG (alert), id, enabled);
#else
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (alert), id, enabled);
#endif
}

void
guild_compat_alert_set_default_response (GObject    *alert,
                                         const char *id)
{
  g_return_if_fail (G_IS_OBJECT (alert));

#if HAVE_ADW_DIALOG
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (alert), id);
#else
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (alert), id);
#endif
}

void
guild_compat_alert_set_close_response (GObject    *alert,
                                       const char *id)
{
  g_return_if_fail (G_IS_OBJECT (alert));
  g_return_if_fail (id != NULL);

#if HAVE_ADW_DIALOG
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (alert), id);
#else
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (alert), id);
#endif
}

void
guild_compat_alert_set_extra_child (GObject   *alert,
                                    GtkWidget *child)
{
  g_return_if_fail (G_IS_OBJECT (alert));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

#if HAVE_ADW_DIALOG
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (alert), child);
#else
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (alert), child);
#endif
}

/**
 * guild_compat_alert_present:
 * @alert: a dialog from guild_compat_alert_new()
 * @parent: (nullable): a widget in the window the dialog belongs to
 *
 * Shows the dialog, modal to @parent's window when there is one.
 */
void
guild_compat_alert_present (GObject   *alert,
                            GtkWidget *parent)
{
  g_return_if_fail (G_IS_OBJECT (alert));
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));

#if HAVE_ADW_DIALOG
  adw_dialog_present (ADW_DIALOG (alert), parent);
#else
  {
    GtkWindow *window = window_for (parent);

    if (window != NULL)
      {
        gtk_window_set_transient_for (GTK_WINDOW (alert), window);
        gtk_window_set_modal (GTK_WINDOW (alert), TRUE);
      }
    gtk_window_present (GTK_WINDOW (alert));
  }
#endif
}

/* Section: about */

void
guild_compat_show_about (GtkWidget              *parent,
                         const GuildCompatAbout *about)
{
  GObject *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (about != NULL);

  /* AdwAboutDialog kept AdwAboutWindow's property names. */
  dialog = g_object_new (
#if HAVE_ADW_DIALOG
                         ADW_TYPE_ABOUT_DIALOG,
#else
                         ADW_TYPE_ABOUT_WINDOW,
#endif
                         "application-name", about->application_name,
                         "application-icon", about->application_icon,
                         "version", about->version,
                         "developer-name", about->developer_name,
                         "website", about->website,
                         "issue-url", about->issue_url,
                         "comments", about->comments,
                         "copyright", about->copyright,
                         "translator-credits", about->translator_credits,
                         "developers", about->developers,
                         "license-type", about->license_type,
                         NULL);

#if HAVE_ADW_DIALOG
  adw_dialog_present (ADW_DIALOG (dialog), parent);
#else
  {
    GtkWindow *window = window_for (parent);

    if (window != NULL)
      {
        gtk_window_set_transient_for (GTK_WINDOW (dialog), window);
        gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
      }
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}

/* Section: file choosers */

#if HAVE_GTK_FILE_DIALOG

static void
return_dialog_error (GTask  *task,
                     GError *error)
{
  if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
      g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
      g_error_free (error);
    }
  else
    g_task_return_error (task, error);
}

static void
open_files_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GListModel *files;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, &error);
  if (files == NULL)
    return_dialog_error (task, error);
  else
    g_task_return_pointer (task, files, g_object_unref);
}

static void
save_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GFile *file;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  if (file == NULL)
    return_dialog_error (task, error);
  else
    g_task_return_pointer (task, file, g_object_unref);
}

#else /* GtkFileChooserNative */

typedef struct
{
  GTask    *task;
  gpointer  chosen;
} NativeResult;

/* Runs from an idle, outside the dialog's own "response" emission: dropping
 * the last reference to a GtkFileChooserNative destroys its dialog, which
 * GTK 4.8 does not survive while it is still emitting. */
static gboolean
finish_native_cb (gpointer data)
{
  NativeResult *result = data;
  g_autoptr(GTask) task = result->task;
  gpointer chosen = result->chosen;

  g_free (result);

  g_task_set_task_data (task, NULL, NULL);

  if (chosen == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The file chooser was dismissed");
  else if (g_task_return_error_if_cancelled (task))
    g_object_unref (chosen);
  else
    g_task_return_pointer (task, chosen, g_object_unref);

  return G_SOURCE_REMOVE;
}

static void
on_native_response_cb (GtkNativeDialog *native,
                       int              response,
                       gpointer         user_data)
{
  NativeResult *result;
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);

  g_assert (G_IS_TASK (user_data));

  g_signal_handlers_disconnect_by_func (native, on_native_response_cb, user_data);

  result = g_new0 (NativeResult, 1);
  /* The reference the handler held now belongs to the idle. */
  result->task = user_data;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      if (gtk_file_chooser_get_action (chooser) == GTK_FILE_CHOOSER_ACTION_SAVE)
        result->chosen = gtk_file_chooser_get_file (chooser);
      else
        result->chosen = gtk_file_chooser_get_files (chooser);
    }

  g_idle_add (finish_native_cb, result);
}

static void
run_native (GtkFileChooserNative *native,
            GTask                *task)
{
  /* The task owns the dialog until it answers. */
  g_task_set_task_data (task, native, g_object_unref);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_native_response_cb), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

/**
 * guild_compat_open_files:
 * @parent: (nullable): a widget in the window the chooser belongs to
 * @title: the chooser's title
 * @filters: (nullable) (element-type GtkFileFilter): the filters offered
 *
 * Lets the user pick one or more files to open.
 */
void
guild_compat_open_files (GtkWidget           *parent,
                         const char          *title,
                         GListModel          *filters,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (title != NULL);
  g_return_if_fail (filters == NULL || G_IS_LIST_MODEL (filters));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, guild_compat_open_files);

#if HAVE_GTK_FILE_DIALOG
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_modal (dialog, TRUE);
    if (filters != NULL)
      gtk_file_dialog_set_filters (dialog, filters);
    gtk_file_dialog_open_multiple (dialog, window_for (parent), cancellable,
                                   open_files_cb, g_steal_pointer (&task));
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (title, window_for (parent),
                                          GTK_FILE_CHOOSER_ACTION_OPEN, NULL, NULL);
    gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
    if (filters != NULL)
      {
        guint n = g_list_model_get_n_items (filters);

        for (guint i = 0; i < n; i++)
          {
            g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

            gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
          }
      }
    run_native (native, task);
  }
#endif
}

/**
 * guild_compat_open_files_finish:
 *
 * Returns: (transfer full) (element-type GFile): the files chosen
 */
GListModel *
guild_compat_open_files_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == guild_compat_open_files,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * guild_compat_save_file:
 * @parent: (nullable): a widget in the window the chooser belongs to
 * @title: the chooser's title
 * @initial_name: (nullable): the file name suggested
 *
 * Lets the user pick where to save a file.
 */
void
guild_compat_save_file (GtkWidget           *parent,
                        const char          *title,
                        const char          *initial_name,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (title != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, guild_compat_save_file);

#if HAVE_GTK_FILE_DIALOG
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_modal (dialog, TRUE);
    if (initial_name != NULL)
      gtk_file_dialog_set_initial_name (dialog, initial_name);
    gtk_file_dialog_save (dialog, window_for (parent), cancellable,
                          save_file_cb, g_steal_pointer (&task));
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (title, window_for (parent),
                                          GTK_FILE_CHOOSER_ACTION_SAVE, NULL, NULL);
    if (initial_name != NULL)
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
    run_native (native, task);
  }
#endif
}

/**
 * guild_compat_save_file_finish:
 *
 * Returns: (transfer full): the file chosen
 */
GFile *
guild_compat_save_file_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == guild_compat_save_file,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
