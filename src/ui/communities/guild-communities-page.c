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

#include "guild-a11y.h"
#include "guild-communities-page.h"
#include "guild-community-detail.h"
#include "guild-community-filter.h"
#include "guild-community-item.h"
#include "guild-community-row.h"
#include "guild-member-chooser.h"
#include "guild-record-list.h"
#include "guild-store-communities.h"
#include "guild-view-state.h"
#include "guild-window.h"

/* The Communities view: a list of communities beside the detail page of the
 * chosen one (AdwLeaflet: side by side when wide, one at a time when
 * narrow), with search as you type, filters and a sort order that persist.
 *
 * The model is a chain: GuildRecordList (every community, loaded on a
 * worker and kept in step with the store) → a GListStore of
 * GuildCommunityItem mirroring it, each carrying the member count and latest
 * activity from one aggregate query (also on a worker) → GtkSortListModel →
 * GtkFilterListModel → GtkSingleSelection → GtkListView, which builds
 * widgets only for the rows on screen. The filter comes last so that a
 * keystroke reaches the list as one change that keeps the rows still shown
 * (and their widgets); sorting, rarer, refilters. Filtering and sorting read values the
 * items cache (the folded search text, the collation key), so a keystroke
 * costs a substring search per community. */

struct _GuildCommunitiesPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkToggleButton      *search_button;
  GtkLabel             *count_label;
  GtkMenuButton        *filter_button;
  GtkMenuButton        *sort_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  GtkStack             *detail_stack;
  GuildCommunityDetail *detail;

  /* Owned */
  GuildStore           *store;
  GuildRecordList      *records;
  GListStore           *items;
  GHashTable           *items_by_id;
  GtkCustomFilter      *custom_filter;
  GtkFilterListModel   *filter_model;
  GtkCustomSorter      *custom_sorter;
  GtkSortListModel     *sort_model;
  GtkSingleSelection   *selection;
  GuildCommunityFilter *filter;
  GSettings            *settings;
  GHashTable           *summaries;
  GCancellable         *cancellable;
  GuildRecordList      *contacts;
  GPtrArray            *filter_checks;
  GtkBox               *language_box;
  AdwToast             *last_toast;

  guint                 refresh_source;
  GuildCommunitySort    sort;
  gint64                show_pending;   /* a community to open once loaded */
  guint                 requested : 1;
  guint                 summaries_loaded : 1;
  guint                 summaries_running : 1;
  guint                 summaries_again : 1;
  guint                 syncing_checks : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildCommunitiesPage, guild_communities_page, GTK_TYPE_WIDGET)

static void refresh_summaries (GuildCommunitiesPage *self);

static void
show_toast (GuildCommunitiesPage *self,
            AdwToast             *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_error (GuildCommunitiesPage *self,
            const char           *what,
            const GError         *error)
{
  g_autofree char *title = NULL;

  g_warning ("%s: %s", what, error->message);
  title = guild_store_describe_error (error, guild_store_get_path (self->store), NULL);
  show_toast (self, adw_toast_new (title));
}

/* Section: states */

static void
update_count (GuildCommunitiesPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u community", "%u communities", total), total);
  else
    /* Translators: how many communities the search and filters leave. */
    text = g_strdup_printf (ngettext ("%u of %u community", "%u of %u communities", total),
                            shown, total);

  gtk_label_set_text (self->count_label, text);
}

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

  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0
                                    ? "list" : "no-results");
  update_count (self);
}

static void
update_filter_button (GuildCommunitiesPage *self)
{
  guint n = guild_community_filter_count (self->filter);

  if (n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "suggested-action");
}

/* Section: filtering and sorting */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  GuildCommunitiesPage *self = user_data;

  return guild_community_filter_matches (self->filter, item);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  GuildCommunitiesPage *self = user_data;

  return guild_community_sort_compare (self->sort, (GuildCommunityItem *) a,
                                       (GuildCommunityItem *) b);
}

static void
refilter (GuildCommunitiesPage *self,
          GtkFilterChange       change,
          gboolean              save)
{
  gtk_filter_changed (GTK_FILTER (self->custom_filter), change);

  if (save)
    g_settings_set_value (self->settings, "communities-filters",
                          guild_community_filter_to_variant (self->filter));

  update_filter_button (self);
  update_state (self);
}

static void
filters_changed (GuildCommunitiesPage *self,
                 gboolean              save)
{
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT, save);
}

static void
set_sort (GuildCommunitiesPage *self,
          GuildCommunitySort    sort)
{
  if (self->sort == sort)
    return;

  self->sort = sort;
  gtk_sorter_changed (GTK_SORTER (self->custom_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  g_settings_set_string (self->settings, "communities-sort", guild_community_sort_to_string (sort));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SORT]);
}

static void
on_settings_changed_cb (GuildCommunitiesPage *self,
                        const char           *key,
                        GSettings            *settings)
{
  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  if (g_strcmp0 (key, "communities-sort") == 0)
    {
      g_autofree char *sort = g_settings_get_string (settings, key);

      set_sort (self, guild_community_sort_from_string (sort));
    }
}

static void
on_search_entry_changed_cb (GuildCommunitiesPage *self,
                            GtkEditable          *editable)
{
  g_autofree char *old = g_strdup (guild_community_filter_get_query (self->filter));
  const char *query;

  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  if (!guild_community_filter_set_query (self->filter, gtk_editable_get_text (editable)))
    return;

  /* Typing on only narrows the list (every word of the query must be
   * found), and deleting only widens it: the filter then looks at fewer rows
   * and the list keeps the rows it still shows. */
  query = guild_community_filter_get_query (self->filter);
  if (g_str_has_prefix (query, old))
    refilter (self, GTK_FILTER_CHANGE_MORE_STRICT, FALSE);
  else if (g_str_has_prefix (old, query))
    refilter (self, GTK_FILTER_CHANGE_LESS_STRICT, FALSE);
  else
    refilter (self, GTK_FILTER_CHANGE_DIFFERENT, FALSE);
}

static void
on_search_entry_activate_cb (GuildCommunitiesPage *self,
                             GtkSearchEntry       *entry)
{
  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  /* Enter opens the first community found. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      adw_leaflet_set_visible_child_name (self->leaflet, "detail");
    }
}

/* Section: the filter popover */

static void
sync_filter_checks (GuildCommunitiesPage *self)
{
  self->syncing_checks = TRUE;
  for (guint i = 0; i < self->filter_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->filter_checks, i);

      gtk_check_button_set_active (check,
                                   guild_community_filter_has_value (self->filter,
                                                                     g_object_get_data (G_OBJECT (check), "guild-field"),
                                                                     g_object_get_data (G_OBJECT (check), "guild-value")));
    }
  self->syncing_checks = FALSE;
}

static gboolean
set_filter_value (GuildCommunitiesPage *self,
                  const char           *field,
                  const char           *value,
                  gboolean              chosen)
{
  GtkFilterChange change = guild_community_filter_value_change (self->filter, field, chosen);

  if (!guild_community_filter_set_value (self->filter, field, value, chosen))
    return FALSE;

  refilter (self, change, TRUE);
  return TRUE;
}

static void
on_filter_check_toggled_cb (GuildCommunitiesPage *self,
                            GtkCheckButton       *check)
{
  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  if (self->syncing_checks)
    return;

  set_filter_value (self,
                    g_object_get_data (G_OBJECT (check), "guild-field"),
                    g_object_get_data (G_OBJECT (check), "guild-value"),
                    gtk_check_button_get_active (check));
}

static GtkWidget *
make_filter_check (GuildCommunitiesPage *self,
                   const char           *field,
                   const char           *value,
                   const char           *label)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  g_object_set_data_full (G_OBJECT (check), "guild-field", g_strdup (field), g_free);
  g_object_set_data_full (G_OBJECT (check), "guild-value", g_strdup (value), g_free);
  g_signal_connect_object (check, "toggled",
                           G_CALLBACK (on_filter_check_toggled_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->filter_checks, check);

  return check;
}

static const char *
field_title (const char *field)
{
  if (g_strcmp0 (field, "platform") == 0)
    return _("Platform");
  if (g_strcmp0 (field, "format") == 0)
    return _("Format");
  if (g_strcmp0 (field, "reach") == 0)
    return _("Reach");
  if (g_strcmp0 (field, "focus") == 0)
    return _("Focus");
  if (g_strcmp0 (field, "stage") == 0)
    return _("Career Stage");
  if (g_strcmp0 (field, "status") == 0)
    return _("Status");
  if (g_strcmp0 (field, "language") == 0)
    return _("Language");
  g_return_val_if_reached (field);
}

static int
compare_languages (gconstpointer a,
                   gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The languages are whatever the communities say, so their checks are
 * made each time the popover opens. */
static void
on_filter_popover_show_cb (GuildCommunitiesPage *self,
                           GtkPopover           *popover)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  GtkWidget *child;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->language_box))) != NULL)
    {
      g_ptr_array_remove (self->filter_checks, child);
      gtk_box_remove (self->language_box, child);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GuildCommunityItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const char *language = guild_record_get_text (GUILD_RECORD (guild_community_item_get_community (item)),
                                                    "language");

      if (language[0] != '\0' && strchr (language, ',') == NULL &&
          g_hash_table_add (seen, (gpointer) language))
        g_ptr_array_add (languages, (gpointer) language);
    }
  g_ptr_array_sort (languages, compare_languages);
  for (guint i = 0; i < languages->len; i++)
    gtk_box_append (self->language_box,
                    make_filter_check (self, "language", g_ptr_array_index (languages, i),
                                       g_ptr_array_index (languages, i)));

  gtk_widget_set_visible (gtk_widget_get_prev_sibling (GTK_WIDGET (self->language_box)),
                          languages->len > 0);
  sync_filter_checks (self);
}

static void
build_filter_popover (GuildCommunitiesPage *self)
{
  const GuildCommunityFilterField *fields;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *clear;
  guint n_fields;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 520);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  clear = gtk_button_new_with_mnemonic (_("_Show All Communities"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "communities.clear-filters");
  gtk_accessible_update_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show All Communities"), -1);
  gtk_box_append (GTK_BOX (box), clear);

  fields = guild_community_filter_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *heading = gtk_label_new (field_title (fields[i].field));
      GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_set_margin_top (heading, 12);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (GTK_BOX (box), heading);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (section),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
      gtk_box_append (GTK_BOX (box), section);

      if (fields[i].vocab == GUILD_N_VOCABS)
        {
          self->language_box = GTK_BOX (section);
          continue;
        }

      {
        const GuildVocabEntry *entries;
        guint n_entries;

        entries = guild_vocab_entries (fields[i].vocab, &n_entries);
        for (guint j = 0; j < n_entries; j++)
          gtk_box_append (GTK_BOX (section),
                          make_filter_check (self, fields[i].field, entries[j].id,
                                             guild_vocab_entry_label (fields[i].vocab,
                                                                      &entries[j])));
      }
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  g_signal_connect_object (popover, "show",
                           G_CALLBACK (on_filter_popover_show_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->filter_button, popover);
}

/* Section: the model */

static GuildCommunityItem *
new_item (GuildCommunitiesPage *self,
          GuildCommunity       *community)
{
  gint64 id = guild_record_get_id (GUILD_RECORD (community));
  GuildCommunityItem *item = guild_community_item_new (community);
  const GuildCommunitySummary *summary;

  if (self->summaries != NULL && (summary = g_hash_table_lookup (self->summaries, &id)) != NULL)
    {
      guild_community_item_set_members (item, summary->members);
      guild_community_item_set_last_activity (item, summary->last_activity);
    }

  return item;
}

/* Mirrors a change of the record list into the list of items, reusing the
 * item of a community that is still the same object (an edit), so that the
 * row and the selection stay. */
static void
on_records_items_changed_cb (GuildCommunitiesPage *self,
                             guint                 position,
                             guint                 removed,
                             guint                 added,
                             GListModel           *records)
{
  g_autoptr(GPtrArray) new_items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) reusable = NULL;

  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  reusable = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);

  for (guint i = 0; i < removed; i++)
    {
      GuildCommunityItem *old = g_list_model_get_item (G_LIST_MODEL (self->items), position + i);
      GuildCommunity *community = guild_community_item_get_community (old);
      gint64 id = guild_record_get_id (GUILD_RECORD (community));

      if (g_hash_table_lookup (self->items_by_id, &id) == old)
        g_hash_table_remove (self->items_by_id, &id);
      g_hash_table_insert (reusable, community, old);
    }

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GuildCommunity) community = g_list_model_get_item (records, position + i);
      GuildCommunityItem *item = g_hash_table_lookup (reusable, community);
      gint64 id = guild_record_get_id (GUILD_RECORD (community));

      item = item != NULL ? g_object_ref (item) : new_item (self, community);
      g_hash_table_insert (self->items_by_id, g_memdup2 (&id, sizeof id), item);
      g_ptr_array_add (new_items, item);
    }

  g_list_store_splice (self->items, position, removed, new_items->pdata, new_items->len);

  /* A new community may come with members (one restored by Undo). */
  if (added > 0 && removed == 0 && self->summaries_loaded)
    refresh_summaries (self);
}

static void
apply_summaries (GuildCommunitiesPage *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->items_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GuildCommunityItem *item = value;
      gint64 id = guild_record_get_id (GUILD_RECORD (guild_community_item_get_community (item)));
      const GuildCommunitySummary *summary = g_hash_table_lookup (self->summaries, &id);

      guild_community_item_set_members (item, summary ? summary->members : 0);
      guild_community_item_set_last_activity (item, summary ? summary->last_activity : 0);
    }

  if (self->sort == GUILD_COMMUNITY_SORT_LAST_ACTIVITY)
    gtk_sorter_changed (GTK_SORTER (self->custom_sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
summaries_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GuildCommunitiesPage) self = user_data;
  g_autoptr(GHashTable) summaries = NULL;
  g_autoptr(GError) error = NULL;

  summaries = guild_store_community_summaries_finish (GUILD_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->summaries_running = FALSE;

  if (summaries == NULL)
    g_warning ("Could not count the members of the communities: %s", error->message);
  else
    {
      g_clear_pointer (&self->summaries, g_hash_table_unref);
      self->summaries = g_steal_pointer (&summaries);
      self->summaries_loaded = TRUE;
      apply_summaries (self);
    }

  if (self->summaries_again)
    {
      self->summaries_again = FALSE;
      refresh_summaries (self);
    }
}

static void
refresh_summaries (GuildCommunitiesPage *self)
{
  if (self->store == NULL)
    return;

  /* One query at a time; a change during it asks for one more. */
  if (self->summaries_running)
    {
      self->summaries_again = TRUE;
      return;
    }

  self->summaries_running = TRUE;
  guild_store_community_summaries_async (self->store, self->cancellable, summaries_cb,
                                         g_object_ref (self));
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  GuildCommunitiesPage *self = user_data;

  self->refresh_source = 0;
  refresh_summaries (self);
  guild_community_detail_reload_members (self->detail);

  return G_SOURCE_REMOVE;
}

/* Memberships and activities change the counts; many changes in a row (an
 * import) make one refresh. */
static void
on_store_changed_cb (GuildCommunitiesPage *self,
                     guint                 kind,
                     gint64                id,
                     guint                 change,
                     GuildStore           *store)
{
  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  if (!self->requested)
    return;

  if (kind != GUILD_RECORD_CONTACT && kind != GUILD_RECORD_ACTIVITY &&
      !(kind == GUILD_RECORD_COMMUNITY && change == GUILD_CHANGE_RESET))
    return;

  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_idle_cb, self, NULL);
}

/* Section: selection */

static guint
find_position (GuildCommunitiesPage *self,
               gint64                id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GuildCommunityItem) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (guild_record_get_id (GUILD_RECORD (guild_community_item_get_community (item))) == id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
on_selection_changed_cb (GuildCommunitiesPage *self,
                         GParamSpec           *pspec,
                         GtkSingleSelection   *selection)
{
  GuildCommunityItem *item = gtk_single_selection_get_selected_item (selection);
  GuildCommunity *shown = guild_community_detail_get_community (self->detail);

  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  if (item == NULL)
    {
      /* The community was reloaded under a new object (a bulk change):
       * follow it rather than drop what is being edited. */
      if (shown != NULL)
        {
          gint64 id = guild_record_get_id (GUILD_RECORD (shown));
          guint position = find_position (self, id);

          if (position != GTK_INVALID_LIST_POSITION)
            {
              gtk_single_selection_set_selected (selection, position);
              return;
            }
          if (guild_record_list_find (self->records, id, NULL) != NULL)
            return;
        }
      guild_community_detail_set_community (self->detail, NULL);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  guild_community_detail_set_community (self->detail, guild_community_item_get_community (item));
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
on_list_view_activate_cb (GuildCommunitiesPage *self,
                          guint                 position,
                          GtkListView          *list_view)
{
  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
on_leaflet_folded_cb (GuildCommunitiesPage *self,
                      GParamSpec           *pspec,
                      AdwLeaflet           *leaflet)
{
  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  guild_community_detail_set_show_back (self->detail, adw_leaflet_get_folded (leaflet));

  /* One at a time, a click on a row opens it; side by side, a click
   * selects it and the page beside shows it. */
  gtk_list_view_set_single_click_activate (self->list_view, adw_leaflet_get_folded (leaflet));
}

static gboolean
select_id (GuildCommunitiesPage *self,
           gint64                id)
{
  guint position = find_position (self, id);

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  return TRUE;
}

/* Opens community @id: selects it, unhiding it when the search or a filter
 * hides it, and brings its page forward when the view is folded. Before the
 * list has loaded this waits for it (show_pending). */
static gboolean
show_community (GuildCommunitiesPage *self,
                gint64                id)
{
  if (!select_id (self, id) && guild_record_list_find (self->records, id, NULL) != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      guild_community_filter_clear (self->filter);
      sync_filter_checks (self);
      filters_changed (self, TRUE);
      select_id (self, id);
    }

  if (guild_community_detail_get_community (self->detail) == NULL ||
      guild_record_get_id (GUILD_RECORD (guild_community_detail_get_community (self->detail))) != id)
    return FALSE;

  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  return TRUE;
}

static void
on_records_loaded_cb (GuildCommunitiesPage *self,
                      GParamSpec           *pspec,
                      GuildRecordList      *records)
{
  gint64 id = self->show_pending;

  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  if (id == 0 || !guild_record_list_get_loaded (records))
    return;

  self->show_pending = 0;
  if (!show_community (self, id))
    g_debug ("Community %" G_GINT64_FORMAT " is gone", id);
}

/* Section: delete and undo */

static void
on_undo_clicked_cb (GuildCommunitiesPage *self,
                    AdwToast             *toast)
{
  GuildCommunityUndo *undo = g_object_get_data (G_OBJECT (toast), "guild-undo");
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert (GUILD_IS_COMMUNITIES_PAGE (self));

  if (undo == NULL || self->store == NULL)
    return;

  id = guild_store_undo_delete_community (self->store, undo, &error);
  g_object_set_data (G_OBJECT (toast), "guild-undo", NULL);

  if (id == 0)
    {
      show_error (self, "Could not restore a community", error);
      return;
    }

  if (!select_id (self, id))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      guild_community_filter_clear (self->filter);
      sync_filter_checks (self);
      filters_changed (self, TRUE);
      select_id (self, id);
    }
}

static gboolean
undo_last_delete (GuildCommunitiesPage *self)
{
  g_autoptr(AdwToast) toast = NULL;

  if (self->last_toast == NULL ||
      g_object_get_data (G_OBJECT (self->last_toast), "guild-undo") == NULL)
    return FALSE;

  toast = g_object_ref (self->last_toast);
  on_undo_clicked_cb (self, toast);
  adw_toast_dismiss (toast);

  return TRUE;
}

static void
on_toast_dismissed_cb (GuildCommunitiesPage *self,
                       AdwToast             *toast)
{
  if (self->last_toast == toast)
    g_clear_object (&self->last_toast);
}

static gboolean
delete_selected (GuildCommunitiesPage *self)
{
  g_autoptr(GuildCommunityUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GuildCommunity *community;
  AdwToast *toast;
  guint position;
  guint n;

  community = guild_community_detail_get_community (self->detail);
  if (community == NULL || self->store == NULL)
    return FALSE;

  /* What was typed goes into the snapshot that Undo restores. */
  guild_community_detail_flush (self->detail);
  position = gtk_single_selection_get_selected (self->selection);

  /* Translators: %s is the name of the community just deleted. */
  title = g_strdup_printf (_("“%s” deleted"), guild_record_get_text (GUILD_RECORD (community), "name"));

  if (!guild_store_delete_community (self->store, guild_record_get_id (GUILD_RECORD (community)),
                                     &undo, &error))
    {
      show_error (self, "Could not delete a community", error);
      return FALSE;
    }

  /* The next community takes its place, as in a file manager. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  if (position != GTK_INVALID_LIST_POSITION && n > 0)
    gtk_single_selection_set_selected (self->selection, MIN (position, n - 1));
  else
    {
      guild_community_detail_set_community (self->detail, NULL);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
    }
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* A deletion deserves a little longer than the usual five seconds; Ctrl+Z
   * undoes it too while the toast is up. */
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "guild-undo", g_steal_pointer (&undo),
                          (GDestroyNotify) guild_community_undo_free);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_undo_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (on_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  g_set_object (&self->last_toast, toast);
  show_toast (self, toast);

  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));

  return TRUE;
}

/* Section: rows */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, guild_community_row_new ());
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  guild_community_row_set_item (GUILD_COMMUNITY_ROW (gtk_list_item_get_child (list_item)),
                                gtk_list_item_get_item (list_item));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  guild_community_row_set_item (GUILD_COMMUNITY_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* Section: actions */

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

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GuildCommunitiesPage *self = GUILD_COMMUNITIES_PAGE (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GuildCommunitiesPage *self = GUILD_COMMUNITIES_PAGE (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_menu_button_popup (self->filter_button);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  delete_selected (GUILD_COMMUNITIES_PAGE (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GuildCommunitiesPage *self = GUILD_COMMUNITIES_PAGE (widget);

  guild_community_detail_flush (self->detail);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GuildCommunitiesPage *self = GUILD_COMMUNITIES_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  guild_community_filter_clear (self->filter);
  sync_filter_checks (self);
  filters_changed (self, TRUE);
}

static void
add_members_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GuildCommunitiesPage *self = GUILD_COMMUNITIES_PAGE (widget);
  GuildCommunity *community = guild_community_detail_get_community (self->detail);
  GuildMemberChooser *chooser;
  GtkRoot *root;

  if (community == NULL || self->store == NULL)
    return;

  /* Every contact, loaded once on a worker and then kept in step. */
  if (self->contacts == NULL)
    {
      self->contacts = guild_record_list_new (self->store, GUILD_RECORD_CONTACT);
      guild_record_list_load (self->contacts);
    }

  root = gtk_widget_get_root (widget);
  chooser = guild_member_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->store, self->contacts,
                                      guild_record_get_id (GUILD_RECORD (community)));
  gtk_window_present (GTK_WINDOW (chooser));
}

/* Ctrl+F and Ctrl+Shift+F work wherever the focus is in the window (the
 * header's buttons, the view switcher), as long as this view is on screen. */
static gboolean
on_global_shortcut_cb (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   user_data)
{
  const char *action = user_data;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (g_strcmp0 (action, "undo") == 0)
    return undo_last_delete (GUILD_COMMUNITIES_PAGE (widget));

  return gtk_widget_activate_action (widget, action, NULL);
}

static void
add_global_shortcuts (GuildCommunitiesPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (on_global_shortcut_cb,
                                                                                   (gpointer) "communities.search",
                                                                                   NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_callback_action_new (on_global_shortcut_cb,
                                                                                   (gpointer) "communities.filter",
                                                                                   NULL)));
  /* Global shortcuts come after the focused widget: in a text field,
   * Ctrl+Z still undoes typing. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (on_global_shortcut_cb,
                                                                                   (gpointer) "undo",
                                                                                   NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Section: GObject */

static void
guild_communities_page_dispose (GObject *object)
{
  GuildCommunitiesPage *self = (GuildCommunitiesPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->detail != NULL)
    guild_community_detail_flush (self->detail);

  if (self->selection != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_COMMUNITIES_PAGE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->custom_sorter);
  g_clear_object (&self->custom_filter);
  g_clear_object (&self->items);
  g_clear_pointer (&self->items_by_id, g_hash_table_unref);
  g_clear_pointer (&self->summaries, g_hash_table_unref);
  g_clear_pointer (&self->filter_checks, g_ptr_array_unref);
  g_clear_object (&self->contacts);
  g_clear_object (&self->records);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->last_toast);

  G_OBJECT_CLASS (guild_communities_page_parent_class)->dispose (object);
}

static void
guild_communities_page_finalize (GObject *object)
{
  GuildCommunitiesPage *self = (GuildCommunitiesPage *)object;

  guild_community_filter_free (self->filter);

  G_OBJECT_CLASS (guild_communities_page_parent_class)->finalize (object);
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

    case PROP_SORT:
      g_value_set_string (value, guild_community_sort_to_string (self->sort));
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

    case PROP_SORT:
      set_sort (self, guild_community_sort_from_string (g_value_get_string (value)));
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
  object_class->finalize = guild_communities_page_finalize;
  object_class->get_property = guild_communities_page_get_property;
  object_class->set_property = guild_communities_page_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GuildCommunitiesPage:sort:
   *
   * The sort order: "name", "last-activity" or "joined" (the
   * communities-sort setting).
   */
  properties [PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL,
                         "name",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GUILD_TYPE_COMMUNITY_ITEM);
  g_type_ensure (GUILD_TYPE_COMMUNITY_DETAIL);
  g_type_ensure (GUILD_TYPE_COMMUNITY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/communities/guild-communities-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, sort_button);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunitiesPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);

  gtk_widget_class_install_action (widget_class, "communities.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "communities.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "communities.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "communities.filter", NULL, filter_action);
  gtk_widget_class_install_action (widget_class, "communities.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "communities.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "communities.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_install_action (widget_class, "communities.add-members", NULL,
                                   add_members_action);
  gtk_widget_class_install_property_action (widget_class, "communities.sort", "sort");


  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
guild_communities_page_init (GuildCommunitiesPage *self)
{
  g_autofree char *sort = NULL;
  g_autoptr(GVariant) filters = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  guild_a11y_follow_stack (GTK_WIDGET (self->stack));

  self->cancellable = g_cancellable_new ();
  self->filter = guild_community_filter_new ();
  self->filter_checks = g_ptr_array_new ();
  self->items = g_list_store_new (GUILD_TYPE_COMMUNITY_ITEM);
  self->items_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  self->settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  sort = g_settings_get_string (self->settings, "communities-sort");
  self->sort = guild_community_sort_from_string (sort);
  filters = g_settings_get_value (self->settings, "communities-filters");
  guild_community_filter_load (self->filter, filters);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);

  self->custom_sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                              g_object_ref (GTK_SORTER (self->custom_sorter)));
  self->custom_filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->custom_filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::n-items",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->items, "notify::n-items",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);

  /* Delete in the list (not while typing in a field) deletes the community. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("communities.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);

  /* Typing anywhere in the list pane starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->list_pane);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  add_global_shortcuts (self);
  build_filter_popover (self);
  sync_filter_checks (self);
  update_filter_button (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "communities.add", FALSE);
  on_leaflet_folded_cb (self, NULL, self->leaflet);
  update_state (self);
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

  if (self->store == store)
    return;

  guild_community_detail_set_community (self->detail, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->records != NULL)
    g_signal_handlers_disconnect_by_data (self->records, self);
  g_set_object (&self->store, store);
  guild_community_detail_set_store (self->detail, store);

  g_clear_object (&self->records);
  g_clear_object (&self->contacts);
  g_list_store_remove_all (self->items);
  g_hash_table_remove_all (self->items_by_id);
  self->requested = FALSE;
  self->show_pending = 0;

  if (store != NULL)
    {
      self->records = guild_record_list_new (store, GUILD_RECORD_COMMUNITY);
      g_signal_connect_object (self->records, "items-changed",
                               G_CALLBACK (on_records_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->records, "notify::loading",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->records, "notify::loaded",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->records, "notify::loaded",
                               G_CALLBACK (on_records_loaded_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->records, "notify::n-items",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed",
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "communities.add", store != NULL);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * guild_communities_page_load:
 *
 * Starts loading the communities and their member counts on worker
 * threads, the first time it is called; afterwards the list follows the
 * store by itself.
 */
void
guild_communities_page_load (GuildCommunitiesPage *self)
{
  g_return_if_fail (GUILD_IS_COMMUNITIES_PAGE (self));

  if (self->records == NULL || self->requested)
    return;

  self->requested = TRUE;
  guild_record_list_load (self->records);
  refresh_summaries (self);
  update_state (self);
}

/**
 * guild_communities_page_add:
 *
 * Adds a community called "New Community" and opens it with its name
 * selected, so that typing names it.
 */
void
guild_communities_page_add (GuildCommunitiesPage *self)
{
  g_autoptr(GuildCommunity) community = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_return_if_fail (GUILD_IS_COMMUNITIES_PAGE (self));

  if (self->store == NULL)
    return;

  guild_communities_page_load (self);
  guild_community_detail_flush (self->detail);

  /* A single-row write: fine on the main thread (STYLE.md §7). The list
   * picks the new row up from the store's "changed" signal. */
  community = guild_community_new (_("New Community"));
  if (!guild_store_add (self->store, GUILD_RECORD (community), &error))
    {
      show_error (self, "Could not add a community", error);
      return;
    }
  id = guild_record_get_id (GUILD_RECORD (community));

  if (!select_id (self, id))
    {
      /* The search or a filter hides it: show everything. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      guild_community_filter_clear (self->filter);
      sync_filter_checks (self);
      filters_changed (self, TRUE);
      select_id (self, id);
    }

  /* Before the list has loaded, edit the new record directly. */
  if (guild_community_detail_get_community (self->detail) == NULL ||
      guild_record_get_id (GUILD_RECORD (guild_community_detail_get_community (self->detail))) != id)
    {
      guild_community_detail_set_community (self->detail, community);
      gtk_stack_set_visible_child_name (self->detail_stack, "detail");
    }

  update_state (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  guild_community_detail_focus_name (self->detail);
}

/* Section: for tests and benchmarks */

/**
 * guild_communities_page_show_community:
 * @id: a community
 *
 * Selects community @id and shows its page, clearing the search and the
 * filters if they hide it. Before the list has loaded, it starts loading
 * and opens the community when it has.
 */
void
guild_communities_page_show_community (GuildCommunitiesPage *self,
                                       gint64                id)
{
  g_return_if_fail (GUILD_IS_COMMUNITIES_PAGE (self));
  g_return_if_fail (id > 0);

  if (self->records == NULL)
    return;

  guild_communities_page_load (self);

  if (!guild_record_list_get_loaded (self->records))
    {
      self->show_pending = id;
      return;
    }

  self->show_pending = 0;
  if (!show_community (self, id))
    g_debug ("Community %" G_GINT64_FORMAT " is gone", id);
}

GListModel *
_guild_communities_page_get_model (GuildCommunitiesPage *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITIES_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

void
_guild_communities_page_set_query (GuildCommunitiesPage *self,
                                   const char           *query)
{
  g_return_if_fail (GUILD_IS_COMMUNITIES_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
}

GtkEditable *
_guild_communities_page_get_search_entry (GuildCommunitiesPage *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITIES_PAGE (self), NULL);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  return GTK_EDITABLE (self->search_entry);
}

gboolean
_guild_communities_page_set_filter (GuildCommunitiesPage *self,
                                    const char           *field,
                                    const char           *value,
                                    gboolean              chosen)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITIES_PAGE (self), FALSE);

  if (!set_filter_value (self, field, value, chosen))
    return FALSE;

  sync_filter_checks (self);
  return TRUE;
}

void
_guild_communities_page_set_sort (GuildCommunitiesPage *self,
                                  const char           *sort)
{
  g_return_if_fail (GUILD_IS_COMMUNITIES_PAGE (self));

  set_sort (self, guild_community_sort_from_string (sort));
}

gboolean
_guild_communities_page_select (GuildCommunitiesPage *self,
                                gint64                id)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITIES_PAGE (self), FALSE);

  return select_id (self, id);
}

GtkWidget *
_guild_communities_page_get_detail (GuildCommunitiesPage *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITIES_PAGE (self), NULL);

  return GTK_WIDGET (self->detail);
}

gboolean
_guild_communities_page_delete (GuildCommunitiesPage *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITIES_PAGE (self), FALSE);

  return delete_selected (self);
}

/* Presses the Undo of the latest delete toast. */
gboolean
_guild_communities_page_undo (GuildCommunitiesPage *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITIES_PAGE (self), FALSE);

  return undo_last_delete (self);
}

gboolean
_guild_communities_page_get_summaries_loaded (GuildCommunitiesPage *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITIES_PAGE (self), FALSE);

  return self->summaries_loaded && !self->summaries_running;
}
