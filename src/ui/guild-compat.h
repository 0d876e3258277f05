/* guild-compat.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Message dialogs: AdwMessageDialog on libadwaita 1.2, AdwAlertDialog from 1.5.
 * Both emit "response" with the response id (a string), so callers connect
 * to that signal on the returned object whatever it is. */
GObject    *guild_compat_alert_new                  (const char            *heading,
                                                     const char            *body);
void        guild_compat_alert_add_response         (GObject               *alert,
                                                     const char            *id,
                                                     const char            *label,
                                                     AdwResponseAppearance  appearance);
void        guild_compat_alert_set_response_enabled (GObject               *alert,
                                                     const char            *id,
                                                     gboolean               enabled);
void        guild_compat_alert_set_default_response (GObject               *alert,
                                                     const char            *id);
void        guild_compat_alert_set_close_response   (GObject               *alert,
                                                     const char            *id);
void        guild_compat_alert_set_extra_child      (GObject               *alert,
                                                     GtkWidget             *child);
void        guild_compat_alert_present              (GObject               *alert,
                                                     GtkWidget             *parent);

/* The About window (AdwAboutWindow on 1.2, AdwAboutDialog from 1.5). */
typedef struct
{
  const char      *application_name;
  const char      *application_icon;
  const char      *version;
  const char      *developer_name;
  const char      *website;
  const char      *issue_url;
  const char      *comments;
  const char      *copyright;
  const char      *translator_credits;
  const char     **developers;
  GtkLicense       license_type;
} GuildCompatAbout;

void        guild_compat_show_about                 (GtkWidget              *parent,
                                                     const GuildCompatAbout *about);

/* File choosers: GtkFileChooserNative on GTK 4.8, GtkFileDialog from 4.10.
 * @filters is a list of GtkFileFilter, or %NULL. The callbacks get a
 * G_IO_ERROR_CANCELLED error when the user dismisses the chooser. */
void        guild_compat_open_files                 (GtkWidget             *parent,
                                                     const char            *title,
                                                     GListModel            *filters,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
GListModel *guild_compat_open_files_finish          (GAsyncResult          *result,
                                                     GError               **error);
void        guild_compat_save_file                  (GtkWidget             *parent,
                                                     const char            *title,
                                                     const char            *initial_name,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
GFile      *guild_compat_save_file_finish           (GAsyncResult          *result,
                                                     GError               **error);

G_END_DECLS
