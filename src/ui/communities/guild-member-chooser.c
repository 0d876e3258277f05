/* guild-member-chooser.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-member-chooser"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-member-chooser.h"
#include "guild-store-communities.h"
#include "guild-text.h"

/* Picks contacts to add to a community. It filters the contacts list model
 * the page keeps (GtkFilterListModel, incremental, over a GuildRecordList of
 * every contact) and shows it in a GtkListView, so with 100,000 contacts it
 * still builds only the rows on screen. Each contact's folded name, position
 * and company are kept on the record (until it changes), so a keystroke
 * folds nothing but the query. Contacts already in the community are left
 * out; choosing one adds them and leaves the window open for the next. */

struct _GuildMemberChooser
{
  AdwWindow           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkLabel           *status_label;

  /* Owned */
  GuildStore         *store;
  GuildRecordList    *contacts;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  GHashTable         *member_ids;
  char               *query;

  gint64              community_id;
};

G_DEFINE_FINAL_TYPE (GuildMemberChooser, guild_member_chooser, ADW_TYPE_WINDOW)

typedef struct
{
  gint64  updated_at;
  char   *folded;
} SearchCache;

static void
search_cache_free (SearchCache *cache)
{
  g_free (cache->folded);
  g_free (cache);
}

static const char *
contact_search_text (GuildRecord *contact)
{
  static GQuark quark;
  SearchCache *cache;

  if G_UNLIKELY (quark == 0)
    quark = g_quark_from_static_string ("guild-member-chooser-search");

  cache = g_object_get_qdata (G_OBJECT (contact), quark);
  if (cache == NULL || cache->updated_at != guild_record_get_updated_at (contact))
    {
      g_autofree char *joined = NULL;

      joined = g_strjoin ("\n",
                          guild_record_get_text (contact, "full-name"),
                          guild_record_get_text (contact, "position"),
                          guild_record_get_text (contact, "company"),
                          NULL);
      cache = g_new (SearchCache, 1);
      cache->updated_at = guild_record_get_updated_at (contact);
      cache->folded = guild_text_fold (joined);
      g_object_set_qdata_full (G_OBJECT (contact), quark, cache,
                               (GDestroyNotify) search_cache_free);
    }

  return cache->folded;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  GuildMemberChooser *self = user_data;
  GuildRecord *contact = item;
  gint64 id = guild_record_get_id (contact);

  if (g_hash_table_contains (self->member_ids, &id))
    return FALSE;

  if (self->query[0] == '\0')
    return TRUE;

  return guild_text_matches (contact_search_text (contact), self->query);
}

static void
update_stack (GuildMemberChooser *self)
{
  const char *name;

  if (!guild_record_list_get_loaded (self->contacts))
    name = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0 &&
           !gtk_filter_list_model_get_pending (self->filter_model))
    name = "empty";
  else
    name = "list";

  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
on_search_changed_cb (GuildMemberChooser *self,
                      GtkSearchEntry     *entry)
{
  g_assert (GUILD_IS_MEMBER_CHOOSER (self));

  guild_member_chooser_set_query (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_activate_cb (GuildMemberChooser *self,
                       GtkSearchEntry     *entry)
{
  g_assert (GUILD_IS_MEMBER_CHOOSER (self));

  guild_member_chooser_add_at (self, 0);
}

static void
on_list_view_activate_cb (GuildMemberChooser *self,
                          guint               position,
                          GtkListView        *list_view)
{
  g_assert (GUILD_IS_MEMBER_CHOOSER (self));

  guild_member_chooser_add_at (self, position);
}

/* Section: rows */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GuildRecord *contact = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  const char *position = guild_record_get_text (contact, "position");
  const char *company = guild_record_get_text (contact, "company");
  g_autofree char *line = NULL;

  if (position[0] != '\0' && company[0] != '\0')
    /* Translators: a person's position at a company, "Engineer, Yandex". */
    line = g_strdup_printf (_("%s, %s"), position, company);
  else
    line = g_strdup (position[0] != '\0' ? position : company);

  gtk_label_set_text (GTK_LABEL (name), guild_record_get_text (contact, "full-name"));
  gtk_label_set_text (GTK_LABEL (detail), line);
  gtk_widget_set_visible (detail, line[0] != '\0');
}

/* Section: GObject */

static void
guild_member_chooser_dispose (GObject *object)
{
  GuildMemberChooser *self = (GuildMemberChooser *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_MEMBER_CHOOSER);

  if (self->contacts != NULL)
    g_signal_handlers_disconnect_by_data (self->contacts, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->contacts);
  g_clear_object (&self->store);
  g_clear_pointer (&self->member_ids, g_hash_table_unref);

  G_OBJECT_CLASS (guild_member_chooser_parent_class)->dispose (object);
}

static void
guild_member_chooser_finalize (GObject *object)
{
  GuildMemberChooser *self = (GuildMemberChooser *)object;

  g_free (self->query);

  G_OBJECT_CLASS (guild_member_chooser_parent_class)->finalize (object);
}

static void
guild_member_chooser_class_init (GuildMemberChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_member_chooser_dispose;
  object_class->finalize = guild_member_chooser_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/communities/guild-member-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildMemberChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GuildMemberChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, GuildMemberChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, GuildMemberChooser, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
guild_member_chooser_init (GuildMemberChooser *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->query = g_strdup ("");
  self->member_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
}

/* Section: public API */

/**
 * guild_member_chooser_new:
 * @contacts: every contact (the list may still be loading)
 *
 * Returns: (transfer none): a new chooser, not yet presented
 */
GuildMemberChooser *
guild_member_chooser_new (GtkWindow       *parent,
                          GuildStore      *store,
                          GuildRecordList *contacts,
                          gint64           community_id)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  GuildMemberChooser *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);
  g_return_val_if_fail (GUILD_IS_RECORD_LIST (contacts), NULL);

  self = g_object_new (GUILD_TYPE_MEMBER_CHOOSER,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->contacts = g_object_ref (contacts);
  self->community_id = community_id;

  members = guild_store_community_members (store, community_id, &error);
  if (members == NULL)
    g_warning ("Could not read the members of a community: %s", error->message);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      const GuildCommunityMember *member = g_ptr_array_index (members, i);

      g_hash_table_add (self->member_ids, g_memdup2 (&member->contact_id, sizeof (gint64)));
    }

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (contacts)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  /* Filtering 100,000 contacts takes a few frames: do it in slices so that
   * typing never stalls. */
  gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending",
                           G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (contacts, "notify::loaded",
                           G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  update_stack (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  return self;
}

/**
 * guild_member_chooser_set_query:
 *
 * Shows the contacts whose name, position or company match @query.
 */
void
guild_member_chooser_set_query (GuildMemberChooser *self,
                                const char         *query)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (GUILD_IS_MEMBER_CHOOSER (self));

  folded = guild_text_fold (query);
  if (g_strcmp0 (folded, self->query) == 0)
    return;

  /* Typing on narrows the list: only the rows shown need a look. */
  if (g_str_has_prefix (folded, self->query) && strchr (folded, ' ') == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (self->query, folded) && strchr (self->query, ' ') == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->query);
  self->query = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

guint
guild_member_chooser_get_n_shown (GuildMemberChooser *self)
{
  g_return_val_if_fail (GUILD_IS_MEMBER_CHOOSER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

/**
 * guild_member_chooser_add_at:
 * @position: a row of the filtered list
 *
 * Adds that contact to the community.
 *
 * Returns: whether a member was added
 */
gboolean
guild_member_chooser_add_at (GuildMemberChooser *self,
                             guint               position)
{
  g_autoptr(GuildRecord) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 id;

  g_return_val_if_fail (GUILD_IS_MEMBER_CHOOSER (self), FALSE);

  contact = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  if (contact == NULL)
    return FALSE;

  id = guild_record_get_id (contact);
  if (!guild_store_community_add_member (self->store, self->community_id, id, &error))
    {
      g_warning ("Could not add a member: %s", error->message);
      gtk_label_set_text (self->status_label, _("The contact could not be added."));
      return FALSE;
    }

  g_hash_table_add (self->member_ids, g_memdup2 (&id, sizeof (gint64)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_MORE_STRICT);

  /* Translators: %s is the name of the contact just added to a community. */
  message = g_strdup_printf (_("%s was added to the community."),
                             guild_record_get_text (contact, "full-name"));
  gtk_label_set_text (self->status_label, message);

  return TRUE;
}

GtkFilterListModel *
_guild_member_chooser_get_filter_model (GuildMemberChooser *self)
{
  g_return_val_if_fail (GUILD_IS_MEMBER_CHOOSER (self), NULL);

  return self->filter_model;
}
