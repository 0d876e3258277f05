/* guild-import-history.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-compat.h"
#include "guild-import-history.h"
#include "guild-store-history.h"
#include "guild-store-import.h"
#include "import/guild-import.h"

/* Import History…: every past import (when, which file, what kind, how many
 * records it added and updated), each with Undo while records it added are
 * still there or records it updated can be put back. Undo asks first, then in
 * one transaction (guild_store_import_undo()) puts back what the import
 * changed in records that were there before — field by field, where nobody
 * changed the field since — and removes what it added, and says so in a
 * toast. The list is read on a worker thread. */

struct _GuildImportHistory
{
  AdwWindow        parent_instance;

  GuildStore      *store;
  GCancellable    *cancellable;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwPreferencesGroup *group;
  GList           *rows;
};

G_DEFINE_FINAL_TYPE (GuildImportHistory, guild_import_history, ADW_TYPE_WINDOW)

static void reload (GuildImportHistory *self);

static char *
describe_batch (const GuildImportBatch *batch)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (batch->started_at);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  /* Translators: the date and time of an import, as strftime() writes it. */
  g_autofree char *when = local != NULL ? g_date_time_format (local, _("%e %b %Y, %H:%M"))
                                        : g_strdup ("");
  const char *format = guild_import_format_label (guild_import_format_from_string (batch->format));
  /* Translators: %u is a number of records an import added. */
  g_autofree char *added = g_strdup_printf (ngettext ("%u added", "%u added", batch->added),
                                            batch->added);

  if (batch->updated > 0)
    {
      /* Translators: %u is a number of records an import updated. */
      g_autofree char *updated = g_strdup_printf (ngettext ("%u updated", "%u updated",
                                                            batch->updated), batch->updated);

      /* Translators: the line under a file name in the import history: the date, the kind
       * of file, and how many records were added and updated. */
      return g_strdup_printf (_("%s · %s · %s, %s"), g_strstrip (when), format, added, updated);
    }

  /* Translators: the line under a file name in the import history: the date, the kind of
   * file, and how many records were added. */
  return g_strdup_printf (_("%s · %s · %s"), g_strstrip (when), format, added);
}

typedef struct
{
  GuildImportHistory *self;
  guint               remaining;
  guint               restorable;
} UndoData;

static void
on_batch_undone_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  UndoData *data = user_data;
  g_autoptr(GuildImportHistory) self = data->self;
  guint remaining = data->remaining;
  guint restorable = data->restorable;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_free (data);

  if (!guild_store_import_undo_finish (GUILD_STORE (object), result, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The import could not be undone")));
      reload (self);
      return;
    }

  if (remaining > 0)
    /* Translators: a toast after undoing an import; %u is a number of records. */
    text = g_strdup_printf (ngettext ("Import undone: %u record removed",
                                      "Import undone: %u records removed", remaining), remaining);
  else
    /* Translators: a toast after undoing an import that only updated records;
     * %u is how many of them got their earlier values back. */
    text = g_strdup_printf (ngettext ("Import undone: %u record restored",
                                      "Import undone: %u records restored", restorable),
                            restorable);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  reload (self);
}

static void
on_undo_response_cb (GObject    *alert,
                     const char *response,
                     gpointer    user_data)
{
  g_autoptr(GuildImportHistory) self = user_data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (alert, "guild-batch-id"));
  UndoData *data;

  if (g_strcmp0 (response, "undo") != 0)
    return;

  /* On a worker: a batch of a million records takes a while to undo. */
  data = g_new0 (UndoData, 1);
  data->self = g_object_ref (self);
  data->remaining = GPOINTER_TO_UINT (g_object_get_data (alert, "guild-batch-remaining"));
  data->restorable = GPOINTER_TO_UINT (g_object_get_data (alert, "guild-batch-restorable"));
  guild_store_import_undo_async (self->store, &id, 1, NULL, on_batch_undone_cb, data);
}

static void
on_undo_clicked_cb (GtkButton          *button,
                    GuildImportHistory *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "guild-batch-id"));
  guint remaining = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                         "guild-batch-remaining"));
  guint restorable = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                          "guild-batch-restorable"));
  const char *name = g_object_get_data (G_OBJECT (button), "guild-batch-name");
  /* Translators: %s is the name of an imported file. */
  g_autofree char *heading = g_strdup_printf (_("Undo the Import of “%s”?"), name);
  /* Translators: %u is a number of records. */
  g_autofree char *removed = g_strdup_printf (ngettext ("The %u record this import added will be "
                                                        "removed.",
                                                        "The %u records this import added will be "
                                                        "removed.",
                                                        remaining), remaining);
  /* Translators: %u is a number of records that were there before an import
   * and that it changed. */
  g_autofree char *restored = g_strdup_printf (ngettext ("The %u record it updated gets back "
                                                         "what it held before, except what was "
                                                         "edited since.",
                                                         "The %u records it updated get back "
                                                         "what they held before, except what was "
                                                         "edited since.",
                                                         restorable), restorable);
  g_autofree char *body = NULL;
  GObject *alert;

  if (remaining > 0 && restorable > 0)
    /* Translators: two sentences of the Undo Import question, one after the other. */
    body = g_strdup_printf (C_("undo-import", "%s %s"), removed, restored);
  else
    body = g_strdup (remaining > 0 ? removed : restored);
  alert = guild_compat_alert_new (heading, body);

  guild_compat_alert_add_response (alert, "cancel", _("_Keep It"), ADW_RESPONSE_DEFAULT);
  guild_compat_alert_add_response (alert, "undo", _("_Undo Import"), ADW_RESPONSE_DESTRUCTIVE);
  guild_compat_alert_set_default_response (alert, "cancel");
  guild_compat_alert_set_close_response (alert, "cancel");
  g_object_set_data (alert, "guild-batch-id", GSIZE_TO_POINTER ((gsize) id));
  g_object_set_data (alert, "guild-batch-remaining", GUINT_TO_POINTER (remaining));
  g_object_set_data (alert, "guild-batch-restorable", GUINT_TO_POINTER (restorable));
  g_signal_connect (alert, "response", G_CALLBACK (on_undo_response_cb), g_object_ref (self));
  guild_compat_alert_present (alert, GTK_WIDGET (self));
}

static GtkWidget *
make_row (GuildImportHistory     *self,
          const GuildImportBatch *batch)
{
  g_autofree char *name = g_path_get_basename (*batch->file_name != '\0' ? batch->file_name
                                                                         : _("Unnamed file"));
  g_autofree char *subtitle = describe_batch (batch);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);

  if (batch->undone_at != 0 || (batch->remaining == 0 && batch->restorable == 0))
    {
      GtkWidget *label = gtk_label_new (batch->undone_at != 0 ? _("Undone")
                                                              : _("Nothing left to undo"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Undo"));
      /* Translators: the accessible name of an import's Undo button; %s is a file name. */
      g_autofree char *a11y = g_strdup_printf (_("Undo the import of %s"), name);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data (G_OBJECT (button), "guild-batch-id", GSIZE_TO_POINTER ((gsize) batch->id));
      g_object_set_data (G_OBJECT (button), "guild-batch-remaining",
                         GUINT_TO_POINTER (batch->remaining));
      g_object_set_data (G_OBJECT (button), "guild-batch-restorable",
                         GUINT_TO_POINTER (batch->restorable));
      g_object_set_data_full (G_OBJECT (button), "guild-batch-name", g_strdup (name), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_undo_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static void
on_listed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GuildImportHistory) self = user_data;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;

  batches = guild_store_list_import_batches_finish (GUILD_STORE (object), result, &error);
  if (batches == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not list the imports: %s", error->message);
          gtk_stack_set_visible_child_name (self->stack, "empty");
        }
      return;
    }

  for (GList *l = self->rows; l != NULL; l = l->next)
    adw_preferences_group_remove (self->group, l->data);
  g_clear_pointer (&self->rows, g_list_free);

  for (guint i = 0; i < batches->len; i++)
    {
      GtkWidget *row = make_row (self, g_ptr_array_index (batches, i));

      adw_preferences_group_add (self->group, row);
      self->rows = g_list_prepend (self->rows, row);
    }

  gtk_stack_set_visible_child_name (self->stack, batches->len > 0 ? "list" : "empty");
}

static void
reload (GuildImportHistory *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  guild_store_list_import_batches_async (self->store, self->cancellable, on_listed_cb,
                                         g_object_ref (self));
}

static void
guild_import_history_dispose (GObject *object)
{
  GuildImportHistory *self = GUILD_IMPORT_HISTORY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_list_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_import_history_parent_class)->dispose (object);
}

static void
guild_import_history_class_init (GuildImportHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_import_history_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
guild_import_history_init (GuildImportHistory *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *loading = gtk_spinner_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Import History"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 520);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_description (self->group,
                                         _("Undo removes what an import added and puts back "
                                           "what it changed in records that were already "
                                           "there, except what was edited since."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), page);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-open-recent-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Imports Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Files you import — by dropping them on the window or "
                                     "with Import… — are listed here, each with Undo."));

  gtk_spinner_set_spinning (GTK_SPINNER (loading), TRUE);
  gtk_widget_set_halign (loading, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (loading, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (loading, 32, 32);

  gtk_stack_add_named (self->stack, loading, "loading");
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_set_visible_child_name (self->stack, "loading");

  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

GuildImportHistory *
guild_import_history_new (GuildStore *store)
{
  GuildImportHistory *self;

  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);

  self = g_object_new (GUILD_TYPE_IMPORT_HISTORY, NULL);
  self->store = g_object_ref (store);
  reload (self);

  return self;
}

/**
 * guild_import_history_present:
 * @parent: (nullable): the window it belongs to
 *
 * Shows the Import History over @parent.
 *
 * Returns: (transfer none): the window
 */
GtkWindow *
guild_import_history_present (GtkWindow  *parent,
                              GuildStore *store)
{
  GuildImportHistory *self = guild_import_history_new (store);

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_present (GTK_WINDOW (self));

  return GTK_WINDOW (self);
}

/**
 * guild_import_history_get_n_rows:
 *
 * Returns: how many imports the list shows, -1 while it is being read
 */
int
guild_import_history_get_n_rows (GuildImportHistory *self)
{
  g_return_val_if_fail (GUILD_IS_IMPORT_HISTORY (self), -1);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    return -1;

  return g_list_length (self->rows);
}
