/* guild-contacts-page.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-contacts-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "guild-contacts-page.h"
#include "guild-contact-row.h"
#include "guild-name-dialog.h"
#include "guild-record-list.h"
#include "guild-a11y.h"
#include "guild-view-state.h"

/* The Contacts view: every contact, sorted by name, with an empty state that
 * offers to add the first one. The columns, search and the contact editor come
 * with the contacts issue; this page already shows the real records and stays
 * in step with the store through its GuildRecordList. */

struct _GuildContactsPage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  GtkSortListModel *sort_model;

  /* Owned */
  GuildStore       *store;
  GuildRecordList  *records;

  guint             requested : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildContactsPage, guild_contacts_page, GTK_TYPE_WIDGET)

static void
update_state (GuildContactsPage *self)
{
  GuildViewState state = GUILD_VIEW_STATE_LOADING;

  g_assert (GUILD_IS_CONTACTS_PAGE (self));

  if (self->records != NULL)
    state = guild_view_state_compute (self->requested,
                                      guild_record_list_get_loading (self->records),
                                      guild_record_list_get_loaded (self->records),
                                      g_list_model_get_n_items (G_LIST_MODEL (self->records)));

  gtk_stack_set_visible_child_name (self->stack, guild_view_state_get_name (state));
}

static void
show_error (GuildContactsPage *self,
            const GError         *error)
{
  g_autofree char *title = NULL;
  AdwToastOverlay *overlay;

  g_assert (GUILD_IS_CONTACTS_PAGE (self));

  g_warning ("Could not add a contact: %s", error->message);

  title = guild_store_describe_error (error, guild_store_get_path (self->store), NULL);
  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                        ADW_TYPE_TOAST_OVERLAY));
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (title));
}

static void
add_contact_cb (const char *name,
                  gpointer    user_data)
{
  GuildContactsPage *self = user_data;
  g_autoptr(GuildContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (GUILD_IS_CONTACTS_PAGE (self));

  if (self->store == NULL)
    return;

  /* A single-row write: fine on the main thread (STYLE.md §7). The list
   * picks the new row up from the store's "changed" signal. */
  contact = guild_contact_new (name);
  if (!guild_store_add (self->store, GUILD_RECORD (contact), &error))
    show_error (self, error);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  guild_contacts_page_add (GUILD_CONTACTS_PAGE (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GuildContactsPage *self = GUILD_CONTACTS_PAGE (widget);

  if (self->records != NULL)
    guild_record_list_load (self->records);
}

/* Section: GObject */

static void
guild_contacts_page_dispose (GObject *object)
{
  GuildContactsPage *self = (GuildContactsPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_CONTACTS_PAGE);

  /* A widget with a layout manager unparents its own children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->records);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_contacts_page_parent_class)->dispose (object);
}

static void
guild_contacts_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GuildContactsPage *self = GUILD_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_contacts_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GuildContactsPage *self = GUILD_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      guild_contacts_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_contacts_page_class_init (GuildContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_contacts_page_dispose;
  object_class->get_property = guild_contacts_page_get_property;
  object_class->set_property = guild_contacts_page_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list item factory in the template builds rows by type name. */
  g_type_ensure (GUILD_TYPE_CONTACT_ROW);
  g_type_ensure (GUILD_TYPE_CONTACT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/contacts/guild-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildContactsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GuildContactsPage, sort_model);

  gtk_widget_class_install_action (widget_class, "contacts.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "contacts.reload", NULL, reload_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
guild_contacts_page_init (GuildContactsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  guild_a11y_follow_stack (GTK_WIDGET (self->stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.add", FALSE);
}

/* Section: public API */

/**
 * guild_contacts_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store shown
 */
GuildStore *
guild_contacts_page_get_store (GuildContactsPage *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACTS_PAGE (self), NULL);

  return self->store;
}

/**
 * guild_contacts_page_set_store:
 * @store: (nullable): the store to show
 *
 * Sets the store the page shows. Nothing is read until
 * guild_contacts_page_load() is called.
 */
void
guild_contacts_page_set_store (GuildContactsPage *self,
                                  GuildStore           *store)
{
  g_return_if_fail (GUILD_IS_CONTACTS_PAGE (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->records);
  self->requested = FALSE;

  if (store != NULL)
    {
      self->records = guild_record_list_new (store, GUILD_RECORD_CONTACT);
      g_signal_connect_object (self->records, "notify::loading",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->records, "notify::loaded",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->records, "notify::n-items",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
    }

  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->records));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.add", store != NULL);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * guild_contacts_page_load:
 *
 * Starts loading the contacts on a worker thread, the first time it is
 * called; afterwards the list follows the store by itself.
 */
void
guild_contacts_page_load (GuildContactsPage *self)
{
  g_return_if_fail (GUILD_IS_CONTACTS_PAGE (self));

  if (self->records == NULL || self->requested)
    return;

  self->requested = TRUE;
  guild_record_list_load (self->records);
  update_state (self);
}

/**
 * guild_contacts_page_add:
 *
 * Asks for a full name and adds a contact with it.
 */
void
guild_contacts_page_add (GuildContactsPage *self)
{
  g_return_if_fail (GUILD_IS_CONTACTS_PAGE (self));

  if (self->store == NULL)
    return;

  guild_name_dialog_present (GTK_WIDGET (self),
                             _("Add Contact"),
                             _("Enter the person’s full name."),
                             _("Full name"),
                             _("_Add"),
                             add_contact_cb,
                             g_object_ref (self),
                             g_object_unref);
}
