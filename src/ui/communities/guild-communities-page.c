/* guild-communities-page.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-communities-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "guild-communities-page.h"
#include "guild-community-row.h"
#include "guild-name-dialog.h"
#include "guild-record-list.h"
#include "guild-a11y.h"
#include "guild-view-state.h"

/* The Communities view: every community, sorted by name, with an empty state
 * that explains what a community is here and offers to add the first one.
 * The list, its filters and the community editor come with the communities
 * issue; this page already shows the real records and stays in step with the
 * store through its GuildRecordList. */

struct _GuildCommunitiesPage
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

G_DEFINE_FINAL_TYPE (GuildCommunitiesPage, guild_communities_page, GTK_TYPE_WIDGET)

static void
update_state (GuildCommunitiesPage *self)
{
  GuildViewState state = GUILD_VIEW_STATE_LOADING;

  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  if (self->records != NULL)
    state = guild_view_state_compute (self->requested,
                                      guild_record_list_get_loading (self->records),
                                      guild_record_list_get_loaded (self->records),
                                      g_list_model_get_n_items (G_LIST_MODEL (self->records)));

  gtk_stack_set_visible_child_name (self->stack, guild_view_state_get_name (state));
}

static void
show_error (GuildCommunitiesPage *self,
            const GError         *error)
{
  g_autofree char *title = NULL;
  AdwToastOverlay *overlay;

  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  g_warning ("Could not add a community: %s", error->message);

  title = guild_store_describe_error (error, guild_store_get_path (self->store), NULL);
  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                        ADW_TYPE_TOAST_OVERLAY));
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (title));
}

static void
add_community_cb (const char *name,
                  gpointer    user_data)
{
  GuildCommunitiesPage *self = user_data;
  g_autoptr(GuildCommunity) community = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  if (self->store == NULL)
    return;

  /* A single-row write: fine on the main thread (STYLE.md §7). The list
   * picks the new row up from the store's "changed" signal. */
  community = guild_community_new (name);
  if (!guild_store_add (self->store, GUILD_RECORD (community), &error))
    show_error (self, error);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  guild_communities_page_add (GUILD_COMMUNITIES_PAGE (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GuildCommunitiesPage *self = GUILD_COMMUNITIES_PAGE (widget);

  if (self->records != NULL)
    guild_record_list_load (self->records);
}

/* Section: GObject */

static void
guild_communities_page_dispose (GObject *object)
{
  GuildCommunitiesPage *self = (GuildCommunitiesPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_COMMUNITIES_PAGE);

  /* A widget with a layout manager unparents its own children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->records);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_communities_page_parent_class)->dispose (object);
}

static void
guild_communities_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GuildCommunitiesPage *self = GUILD_COMMUNITIES_PAGE (object);

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
guild_communities_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GuildCommunitiesPage *self = GUILD_COMMUNITIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      guild_communities_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_communities_page_class_init (GuildCommunitiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_communities_page_dispose;
  object_class->get_property = guild_communities_page_get_property;
  object_class->set_property = guild_communities_page_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list item factory in the template builds rows by type name. */
  g_type_ensure (GUILD_TYPE_COMMUNITY_ROW);
  g_type_ensure (GUILD_TYPE_COMMUNITY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/communities/guild-communities-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, sort_model);

  gtk_widget_class_install_action (widget_class, "communities.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "communities.reload", NULL, reload_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
guild_communities_page_init (GuildCommunitiesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  guild_a11y_follow_stack (GTK_WIDGET (self->stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "communities.add", FALSE);
}

/* Section: public API */

/**
 * guild_communities_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store shown
 */
GuildStore *
guild_communities_page_get_store (GuildCommunitiesPage *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITIES_PAGE (self), NULL);

  return self->store;
}

/**
 * guild_communities_page_set_store:
 * @store: (nullable): the store to show
 *
 * Sets the store the page shows. Nothing is read until
 * guild_communities_page_load() is called.
 */
void
guild_communities_page_set_store (GuildCommunitiesPage *self,
                                  GuildStore           *store)
{
  g_return_if_fail (GUILD_IS_COMMUNITIES_PAGE (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->records);
  self->requested = FALSE;

  if (store != NULL)
    {
      self->records = guild_record_list_new (store, GUILD_RECORD_COMMUNITY);
      g_signal_connect_object (self->records, "notify::loading",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->records, "notify::loaded",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->records, "notify::n-items",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
    }

  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->records));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "communities.add", store != NULL);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * guild_communities_page_load:
 *
 * Starts loading the communities on a worker thread, the first time it is
 * called; afterwards the list follows the store by itself.
 */
void
guild_communities_page_load (GuildCommunitiesPage *self)
{
  g_return_if_fail (GUILD_IS_COMMUNITIES_PAGE (self));

  if (self->records == NULL || self->requested)
    return;

  self->requested = TRUE;
  guild_record_list_load (self->records);
  update_state (self);
}

/**
 * guild_communities_page_add:
 *
 * Asks for a name and adds a community with it.
 */
void
guild_communities_page_add (GuildCommunitiesPage *self)
{
  g_return_if_fail (GUILD_IS_COMMUNITIES_PAGE (self));

  if (self->store == NULL)
    return;

  guild_name_dialog_present (GTK_WIDGET (self),
                             _("Add Community"),
                             _("Enter the name the community goes by."),
                             _("Name"),
                             _("_Add"),
                             add_community_cb,
                             g_object_ref (self),
                             g_object_unref);
}
