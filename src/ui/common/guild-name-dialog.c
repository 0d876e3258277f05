/* guild-name-dialog.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-name-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-compat.h"
#include "guild-name-dialog.h"

/* A message dialog asking for one name, the quickest way to add a record
 * until the feature views have their full editors. Its accept response stays
 * disabled while the name is blank, because the store would refuse it. */

typedef struct
{
  /* Borrowed: lives as long as the dialog */
  GtkEditable         *entry;
  GObject             *alert;

  GuildNameDialogFunc  callback;
  gpointer             user_data;
  GDestroyNotify       destroy;
} NameDialog;

static void
name_dialog_free (gpointer data,
                  GClosure *closure)
{
  NameDialog *state = data;

  if (state->destroy != NULL)
    state->destroy (state->user_data);
  g_free (state);
}

static char *
dup_name (NameDialog *state)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (state->entry)));
}

static void
on_entry_changed_cb (GtkEditable *entry,
                     NameDialog  *state)
{
  g_autofree char *name = NULL;

  g_assert (GTK_IS_EDITABLE (entry));

  name = dup_name (state);
  guild_compat_alert_set_response_enabled (state->alert, "add", *name != '\0');
}

static void
on_alert_response_cb (GObject    *alert,
                      const char *response,
                      NameDialog *state)
{
  g_autofree char *name = NULL;

  g_assert (G_IS_OBJECT (alert));

  if (g_strcmp0 (response, "add") != 0)
    return;

  name = dup_name (state);
  if (*name != '\0')
    state->callback (name, state->user_data);
}

/**
 * guild_name_dialog_present:
 * @parent: a widget in the window the dialog belongs to
 * @heading: the dialog's heading, such as "Add Community"
 * @body: (nullable): a sentence below the heading
 * @entry_label: the entry's accessible name and placeholder, such as "Name"
 * @accept_label: the accept button's label, such as "_Add"
 * @callback: called with the name when the user accepts
 * @user_data: data for @callback; the dialog keeps it until it closes
 * @destroy: (nullable): frees @user_data
 *
 * Asks for a name.
 */
void
guild_name_dialog_present (GtkWidget           *parent,
                           const char          *heading,
                           const char          *body,
                           const char          *entry_label,
                           const char          *accept_label,
                           GuildNameDialogFunc  callback,
                           gpointer             user_data,
                           GDestroyNotify       destroy)
{
  NameDialog *state;
  GtkWidget *entry;
  GObject *alert;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (entry_label != NULL);
  g_return_if_fail (accept_label != NULL);
  g_return_if_fail (callback != NULL);

  alert = guild_compat_alert_new (heading, body);
  guild_compat_alert_add_response (alert, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  guild_compat_alert_add_response (alert, "add", accept_label, ADW_RESPONSE_SUGGESTED);
  guild_compat_alert_set_response_enabled (alert, "add", FALSE);
  guild_compat_alert_set_default_response (alert, "add");
  guild_compat_alert_set_close_response (alert, "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), entry_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, entry_label,
                                  -1);
  guild_compat_alert_set_extra_child (alert, entry);

  state = g_new0 (NameDialog, 1);
  state->entry = GTK_EDITABLE (entry);
  state->alert = alert;
  state->callback = callback;
  state->user_data = user_data;
  state->destroy = destroy;

  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed_cb), state);
  /* The response handler owns the state: it is freed with the dialog. */
  g_signal_connect_data (alert, "response", G_CALLBACK (on_alert_response_cb),
                         state, name_dialog_free, G_CONNECT_DEFAULT);

  guild_compat_alert_present (alert, parent);
  gtk_widget_grab_focus (entry);
}
