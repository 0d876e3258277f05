/* guild-contacts-page.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-contacts-page"

#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "guild-a11y.h"
#include "guild-contact-editor.h"
#include "guild-contact-slots.h"
#include "guild-contact-table.h"
#include "guild-contacts-page.h"
#include "guild-contacts-page-private.h"
#include "guild-export-ui.h"
#include "guild-format.h"
#include "guild-merge-dialog.h"
#include "guild-relative-date.h"
#include "guild-record-list.h"
#include "guild-store-contact-index.h"
#include "guild-store-contacts.h"
#include "guild-window.h"

/* The Contacts view: a GtkColumnView over a GuildContactTable (sorted and
 * filtered from an index read once on a worker), with search as you type,
 * filters, chosen and resized columns that persist, possible duplicates and
 * their merge, and the detail page of one contact pushed on an AdwLeaflet.
 *
 * Deleting forgets the person at once (guild_store_forget_contact: the file
 * no longer holds them) while the undo toast keeps, in memory only, what is
 * needed to put them back. When the toast goes, or the page closes, that
 * copy is dropped too. */

#define INDEX_RELOAD_DELAY_MS 1000
#define DUPLICATES_DELAY_MS   2000
#define WIDTHS_SAVE_DELAY_MS  500
#define HOT_MARGIN_ROWS       8
#define SETTLE_DELAY_MS       250
/* No row is shorter (a line of text and the row's padding). */
#define MIN_ROW_HEIGHT        24
/* When the view's height is not known yet. */
#define DEFAULT_VISIBLE_ROWS  40

typedef struct
{
  const char *name;
  const char *title;
  int         width;
  gboolean    expand;
} ColumnDef;

/* The widths add up to what fits the window's default width (1000 px), with
 * room in each for its Russian header («Последний контакт», «Когда
 * связаться», «Качество связи») and for a date with the "due" tag; the
 * name takes whatever is left. */
static const ColumnDef column_defs[GUILD_CONTACT_N_SORTS] = {
  { "name", NC_("column", "Name"), 130, TRUE },
  { "position", NC_("column", "Position"), 115, FALSE },
  { "company", NC_("column", "Company"), 100, FALSE },
  { "relationship", NC_("column", "Relationship"), 100, FALSE },
  { "communities", NC_("column", "Communities"), 110, FALSE },
  { "last-interaction", NC_("column", "Last Interaction"), 140, FALSE },
  { "next-follow-up", NC_("column", "Next Follow-Up"), 160, FALSE },
  { "quality", NC_("column", "Connection Quality"), 135, FALSE },
};

typedef struct
{
  GuildContactsPage *page;
  GuildContactSort   column;
} ColumnData;

struct _GuildContactsPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *due_button;
  GtkMenuButton        *filter_button;
  GtkDropDown          *community_dropdown;
  GtkDropDown          *relationship_dropdown;
  GtkDropDown          *tag_dropdown;
  GtkButton            *duplicates_button;
  GtkMenuButton        *columns_button;
  GtkStack             *stack;
  GtkColumnView        *column_view;
  GtkLabel             *count_label;
  GuildContactEditor   *editor;

  /* Owned */
  GuildStore           *store;
  GuildRecordList      *communities;
  GuildContactTable    *table;
  GuildContactSlots    *slots;
  GtkMultiSelection    *selection;
  GSettings            *settings;
  GCancellable         *cancellable;
  GSimpleActionGroup   *column_actions;
  GtkColumnViewColumn  *columns[GUILD_CONTACT_N_SORTS];
  ColumnData            column_data[GUILD_CONTACT_N_SORTS];
  GtkStringList        *community_filter_names;
  GArray               *community_filter_ids;
  GtkStringList        *tag_filter_names;
  GPtrArray            *duplicates;       /* GuildContactDuplicate */
  GPtrArray            *delete_undos;     /* GuildContactMergeUndo of the toast shown */
  GuildContactMergeUndo *merge_undo;
  GFile                *export_file;      /* for the tests: export here without asking */

  /* Borrowed (weak) */
  AdwToast             *delete_toast;
  AdwToast             *merge_toast;

  guint                 index_reload_source;
  guint                 filters_source;
  guint                 settle_source;
  guint                 painted_source;
  guint                 duplicates_source;
  guint                 widths_source;
  int                   sniffed;
  guint                 requested : 1;
  guint                 failed : 1;
  guint                 undoing : 1;
  guint                 restoring_columns : 1;
  guint                 after_load : 1;
  guint                 paint_hooked : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildContactsPage, guild_contacts_page, GTK_TYPE_WIDGET)

static void update_hot_range (GuildContactsPage *self);
static void after_next_frame (GuildContactsPage *self);
static void on_after_paint_cb (GdkFrameClock     *clock,
                               GuildContactsPage *self);

/* Section: state */

static void
update_state (GuildContactsPage *self)
{
  const char *name;
  guint shown;
  guint total;

  g_assert (GUILD_IS_CONTACTS_PAGE (self));

  if (self->stack == NULL)
    return;

  shown = self->table != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->table)) : 0;
  total = self->table != NULL ? guild_contact_table_get_n_total (self->table) : 0;

  if (self->failed)
    name = "failed";
  else if (self->table == NULL || !self->requested ||
           guild_contact_table_get_index (self->table) == NULL)
    name = "loading";
  else if (total == 0)
    name = "empty";
  else if (shown == 0)
    name = "no-results";
  else
    name = "items";

  gtk_stack_set_visible_child_name (self->stack, name);

  if (g_str_equal (name, "items") || g_str_equal (name, "no-results"))
    {
      g_autofree char *text = NULL;

      if (guild_contact_table_get_filtered (self->table))
        /* Translators: shown under the contacts list: "12 of 1,000 contacts". */
        text = g_strdup_printf (ngettext ("%u of %u contact", "%u of %u contacts", total),
                                shown, total);
      else
        text = g_strdup_printf (ngettext ("%u contact", "%u contacts", total), total);
      gtk_label_set_label (self->count_label, text);
    }
  else
    gtk_label_set_label (self->count_label, "");
}

static void
show_toast (GuildContactsPage *self,
            AdwToast          *toast)
{
  AdwToastOverlay *overlay;

  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                        ADW_TYPE_TOAST_OVERLAY));
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_error (GuildContactsPage *self,
            const char        *what,
            const GError      *error)
{
  g_autofree char *title = NULL;

  g_warning ("%s: %s", what, error->message);
  title = guild_store_describe_error (error, guild_store_get_path (self->store), NULL);
  show_toast (self, adw_toast_new (title));
}

/* Section: cells */

/* A day as the rest of Guild writes it ("5 November 2026", «5 ноября
 * 2026»): in the order and words of the translation, not of LC_TIME, which
 * may well be English while the interface is Russian. */
static char *
format_julian (guint32 julian)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
  if (dt == NULL)
    return g_strdup ("");

  /* xgettext:no-c-format */
  return guild_format_date_time (dt, _("%-d %B %Y"));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnData               *data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);

  if (data->column == GUILD_CONTACT_SORT_NEXT_FOLLOW_UP)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      /* Translators: a tag after the date of a follow-up that is due, in a
       * narrow column headed "Next Follow-Up": keep it short. */
      GtkWidget *due = gtk_label_new (C_("follow-up tag", "due"));

      gtk_widget_add_css_class (due, "guild-due");
      gtk_widget_set_visible (due, FALSE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), due);
      gtk_list_item_set_child (item, box);
    }
  else
    gtk_list_item_set_child (item, label);
}

/* The cell shows the contact at its slot's position (GuildContactSlots). */
static void
fill_cell (GtkListItem *item,
           ColumnData  *data)
{
  GuildContactsPage *self = data->page;
  GuildContactSlot *slot = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *label = GTK_IS_LABEL (child) ? child : gtk_widget_get_first_child (child);
  GuildContactEntry *entry;
  g_autofree char *owned = NULL;
  const char *text = "";

  if (slot == NULL || self->table == NULL)
    return;
  entry = guild_contact_table_get_entry (self->table, guild_contact_slot_get_position (slot));
  if (entry == NULL)
    return;

  switch (data->column)
    {
    case GUILD_CONTACT_SORT_NAME:
      text = guild_contact_entry_get_name (entry);
      break;
    case GUILD_CONTACT_SORT_POSITION:
      text = guild_contact_entry_get_position (entry);
      break;
    case GUILD_CONTACT_SORT_COMPANY:
      text = guild_contact_entry_get_company (entry);
      break;
    case GUILD_CONTACT_SORT_RELATIONSHIP:
      text = guild_vocab_label (GUILD_VOCAB_RELATIONSHIP, entry->relationship);
      break;
    case GUILD_CONTACT_SORT_COMMUNITIES:
      text = owned = guild_contact_index_dup_communities_text (
                       guild_contact_table_get_index (self->table), entry);
      break;
    case GUILD_CONTACT_SORT_LAST_INTERACTION:
      /* "yesterday", "3 weeks ago", then the date. */
      if (entry->last_interaction != 0)
        text = owned = guild_format_relative_day (entry->last_interaction, NULL);
      break;
    case GUILD_CONTACT_SORT_NEXT_FOLLOW_UP:
      {
        GtkWidget *due = gtk_widget_get_next_sibling (label);
        gboolean is_due = guild_contact_entry_is_due (entry,
                                                      guild_contact_table_get_today (self->table));

        if (entry->follow_up != 0)
          text = owned = format_julian (entry->follow_up);
        gtk_widget_set_visible (due, is_due);
      }
      break;
    case GUILD_CONTACT_SORT_QUALITY:
      {
        static const char * const stars[] = { "", "★☆☆☆☆", "★★☆☆☆", "★★★☆☆", "★★★★☆", "★★★★★" };
        guint q = entry->quality;

        text = stars[MIN (q, 5)];
        if (q > 0)
          {
            g_autofree char *a11y = g_strdup_printf (_("%u of 5"), q);

            gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
          }
        else
          gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL);
      }
      break;
    case GUILD_CONTACT_N_SORTS:
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
on_slot_changed_cb (GtkListItem *item)
{
  fill_cell (item, g_object_get_data (G_OBJECT (item), "guild-column"));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnData               *data)
{
  g_object_set_data (G_OBJECT (item), "guild-column", data);
  g_signal_connect_object (gtk_list_item_get_item (item), "changed",
                           G_CALLBACK (on_slot_changed_cb), item, G_CONNECT_SWAPPED);
  fill_cell (item, data);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                ColumnData               *data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), on_slot_changed_cb, item);
}

/* Section: sorting */

/* GTK 4.8 has no getter for the column view’s primary sort column (4.10):
 * each column's sorter records that it was asked when the page probes the
 * view's sorter with two placeholder items, and the probe's answer gives the
 * direction. The sorters never sort anything themselves: the table does,
 * with precomputed keys. */
static int
sniff_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ColumnData *data = user_data;

  data->page->sniffed = (int) data->column;
  return -1;
}

static void
save_sort (GuildContactsPage *self,
           GuildContactSort   sort,
           gboolean           descending)
{
  g_autofree char *value = g_strconcat (descending ? "-" : "",
                                        guild_contact_sort_get_name (sort), NULL);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "contacts-sort", value);
}

static void
on_sorter_changed_cb (GuildContactsPage *self,
                      GtkSorterChange    change,
                      GtkSorter         *sorter)
{
  GtkOrdering order;
  GuildContactSort sort = GUILD_CONTACT_SORT_NAME;
  gboolean descending = FALSE;

  g_assert (GUILD_IS_CONTACTS_PAGE (self));

  if (self->column_view == NULL || self->table == NULL)
    return;

  self->sniffed = -1;
  order = gtk_sorter_compare (sorter, self, self->column_view);
  if (self->sniffed >= 0)
    {
      sort = (GuildContactSort) self->sniffed;
      descending = order == GTK_ORDERING_LARGER;
    }

  guild_contact_table_set_sort (self->table, sort, descending);
  save_sort (self, sort, descending);
}

static void
restore_sort (GuildContactsPage *self)
{
  g_autofree char *value = NULL;
  GuildContactSort sort = GUILD_CONTACT_SORT_NAME;
  gboolean descending;

  value = g_settings_get_string (self->settings, "contacts-sort");
  descending = value[0] == '-';
  if (!guild_contact_sort_from_name (value + (descending ? 1 : 0), &sort))
    {
      sort = GUILD_CONTACT_SORT_NAME;
      descending = FALSE;
    }

  guild_contact_table_set_sort (self->table, sort, descending);
  gtk_column_view_sort_by_column (self->column_view, self->columns[sort],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/* Section: columns */

static void
save_columns (GuildContactsPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GListModel *columns;
  guint n;

  if (self->restoring_columns || self->settings == NULL || self->column_view == NULL)
    return;

  columns = gtk_column_view_get_columns (self->column_view);
  n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        g_ptr_array_add (names, g_object_get_data (G_OBJECT (column), "guild-name"));
    }
  g_ptr_array_add (names, NULL);

  g_settings_set_strv (self->settings, "contacts-columns", (const char * const *) names->pdata);
}

static gboolean
save_widths_cb (gpointer user_data)
{
  GuildContactsPage *self = user_data;
  GVariantBuilder builder;

  self->widths_source = 0;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{si}"));
  for (guint i = 0; i < GUILD_CONTACT_N_SORTS; i++)
    {
      int width = gtk_column_view_column_get_fixed_width (self->columns[i]);

      if (width > 0)
        g_variant_builder_add (&builder, "{si}", column_defs[i].name, width);
    }
  g_settings_set_value (self->settings, "contacts-column-widths",
                        g_variant_builder_end (&builder));

  return G_SOURCE_REMOVE;
}

static void
on_column_width_cb (GuildContactsPage *self)
{
  if (self->restoring_columns)
    return;
  g_clear_handle_id (&self->widths_source, g_source_remove);
  self->widths_source = g_timeout_add (WIDTHS_SAVE_DELAY_MS, save_widths_cb, self);
}

static void
on_column_action_cb (GSimpleAction     *action,
                     GVariant          *state,
                     GuildContactsPage *self)
{
  GuildContactSort sort;

  if (!guild_contact_sort_from_name (g_action_get_name (G_ACTION (action)), &sort))
    return;

  g_simple_action_set_state (action, state);
  gtk_column_view_column_set_visible (self->columns[sort], g_variant_get_boolean (state));
  save_columns (self);
}

static void
on_columns_reordered_cb (GuildContactsPage *self)
{
  save_columns (self);
}

static void
restore_columns (GuildContactsPage *self)
{
  g_auto(GStrv) shown = g_settings_get_strv (self->settings, "contacts-columns");
  g_autoptr(GVariant) widths = g_settings_get_value (self->settings, "contacts-column-widths");
  gboolean placed[GUILD_CONTACT_N_SORTS] = { FALSE };
  guint position = 0;

  self->restoring_columns = TRUE;

  /* The name always comes first; then the columns in the saved order, then
   * the hidden ones. */
  for (int pass = 0; pass < 3; pass++)
    for (guint i = 0; i < GUILD_CONTACT_N_SORTS; i++)
      {
        GuildContactSort sort = (GuildContactSort) i;
        gboolean visible = TRUE;

        if (pass == 0 && i != GUILD_CONTACT_SORT_NAME)
          continue;
        if (pass == 1)
          {
            if (shown[i] == NULL || i >= g_strv_length (shown))
              break;
            if (!guild_contact_sort_from_name (shown[i], &sort) || placed[sort])
              continue;
          }
        if (pass == 2)
          visible = FALSE;
        if (placed[sort])
          continue;

        placed[sort] = TRUE;
        gtk_column_view_insert_column (self->column_view, position++, self->columns[sort]);
        gtk_column_view_column_set_visible (self->columns[sort], visible);
        if (sort != GUILD_CONTACT_SORT_NAME)
          g_action_group_change_action_state (G_ACTION_GROUP (self->column_actions),
                                              column_defs[sort].name,
                                              g_variant_new_boolean (visible));
      }

  for (guint i = 0; i < GUILD_CONTACT_N_SORTS; i++)
    {
      int width;

      if (g_variant_lookup (widths, column_defs[i].name, "i", &width) && width > 0)
        gtk_column_view_column_set_fixed_width (self->columns[i], width);
    }

  self->restoring_columns = FALSE;
}

static void
setup_columns (GuildContactsPage *self)
{
  for (guint i = 0; i < GUILD_CONTACT_N_SORTS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;
      GtkColumnViewColumn *column;

      self->column_data[i].page = self;
      self->column_data[i].column = (GuildContactSort) i;
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), &self->column_data[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), &self->column_data[i]);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), &self->column_data[i]);

      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "column",
                                                         column_defs[i].title),
                                           g_steal_pointer (&factory));
      sorter = GTK_SORTER (gtk_custom_sorter_new (sniff_compare_cb, &self->column_data[i], NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, column_defs[i].expand);
      gtk_column_view_column_set_fixed_width (column, column_defs[i].width);
      g_object_set_data (G_OBJECT (column), "guild-name", (gpointer) column_defs[i].name);
      g_signal_connect_object (column, "notify::fixed-width", G_CALLBACK (on_column_width_cb),
                               self, G_CONNECT_SWAPPED);
      self->columns[i] = column;

      if (i != GUILD_CONTACT_SORT_NAME)
        {
          g_autoptr(GSimpleAction) action =
            g_simple_action_new_stateful (column_defs[i].name, NULL, g_variant_new_boolean (TRUE));

          g_signal_connect_object (action, "change-state", G_CALLBACK (on_column_action_cb),
                                   self, 0);
          g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (action));
        }
    }
}

/* Section: filters */

static void
on_search_changed_cb (GuildContactsPage *self)
{
  guild_contact_table_set_search (self->table,
                                  gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_state (self);
}

static void open_contact (GuildContactsPage *self,
                          gint64             id,
                          gboolean           focus_name);

/* Enter in the search opens the first contact found. */
static void
on_search_activate_cb (GuildContactsPage *self)
{
  gint64 first;

  /* The search runs after a short typing delay: catch up first. */
  on_search_changed_cb (self);
  first = guild_contact_table_get_id (self->table, 0);
  if (first != 0)
    open_contact (self, first, FALSE);
}

static void
on_stop_search_cb (GuildContactsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_filters_changed_cb (GuildContactsPage *self)
{
  guint community = gtk_drop_down_get_selected (self->community_dropdown);
  guint relationship = gtk_drop_down_get_selected (self->relationship_dropdown);
  guint tag = gtk_drop_down_get_selected (self->tag_dropdown);
  guint n_entries;
  const GuildVocabEntry *entries = guild_vocab_entries (GUILD_VOCAB_RELATIONSHIP, &n_entries);
  gboolean any;

  if (self->table == NULL)
    return;

  guild_contact_table_set_community (self->table,
                                     community > 0 && community - 1 < self->community_filter_ids->len
                                     ? g_array_index (self->community_filter_ids, gint64,
                                                      community - 1)
                                     : 0);
  guild_contact_table_set_relationship (self->table,
                                        relationship > 0 && relationship - 1 < n_entries
                                        ? entries[relationship - 1].id : NULL);
  guild_contact_table_set_tag (self->table,
                               tag > 0 && tag != GTK_INVALID_LIST_POSITION
                               ? gtk_string_list_get_string (self->tag_filter_names, tag)
                               : NULL);
  guild_contact_table_set_due_only (self->table, gtk_toggle_button_get_active (self->due_button));

  any = (community > 0 && community != GTK_INVALID_LIST_POSITION) ||
        (relationship > 0 && relationship != GTK_INVALID_LIST_POSITION) ||
        (tag > 0 && tag != GTK_INVALID_LIST_POSITION);
  if (any)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");

  update_state (self);
}

/* A community and the collation key of its name: 2,000 communities sort
 * by comparing keys made once each rather than by g_utf8_collate() per
 * comparison. */
typedef struct
{
  char        *key;
  GuildRecord *record;
} KeyedRecord;

static void
keyed_record_clear (gpointer data)
{
  KeyedRecord *k = data;

  g_free (k->key);
  g_object_unref (k->record);
}

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const KeyedRecord *) a)->key, ((const KeyedRecord *) b)->key);
}

static void
rebuild_community_filter (GuildContactsPage *self)
{
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (KeyedRecord));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GListModel *model = G_LIST_MODEL (self->communities);
  gint64 current = 0;
  guint selected = gtk_drop_down_get_selected (self->community_dropdown);
  guint n = g_list_model_get_n_items (model);
  guint new_selected = 0;

  if (selected > 0 && selected - 1 < self->community_filter_ids->len)
    current = g_array_index (self->community_filter_ids, gint64, selected - 1);

  g_array_set_clear_func (records, keyed_record_clear);
  for (guint i = 0; i < n; i++)
    {
      KeyedRecord k;

      k.record = g_list_model_get_item (model, i);
      k.key = g_utf8_collate_key (guild_record_get_text (k.record, "name"), -1);
      g_array_append_val (records, k);
    }
  g_array_sort (records, compare_keyed);

  g_array_set_size (self->community_filter_ids, 0);
  g_ptr_array_add (names, (gpointer) _("All communities"));
  for (guint i = 0; i < records->len; i++)
    {
      GuildRecord *r = g_array_index (records, KeyedRecord, i).record;
      gint64 id = guild_record_get_id (r);

      g_array_append_val (self->community_filter_ids, id);
      g_ptr_array_add (names, (gpointer) guild_record_get_text (r, "name"));
      if (id == current)
        new_selected = i + 1;
      if (guild_contact_table_get_index (self->table) != NULL)
        guild_contact_index_set_community_name (guild_contact_table_get_index (self->table),
                                                id, guild_record_get_text (r, "name"));
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->community_filter_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->community_filter_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->community_dropdown, new_selected);
}

static void
rebuild_tag_filter (GuildContactsPage *self)
{
  g_autoptr(GPtrArray) tags = NULL;
  GuildContactIndex *index = guild_contact_table_get_index (self->table);
  g_autofree char *current = NULL;
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);
  guint new_selected = 0;

  if (index == NULL)
    return;

  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    current = g_strdup (gtk_string_list_get_string (self->tag_filter_names, selected));

  tags = guild_contact_index_dup_tags (index);
  for (guint i = 0; i < tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (tags, i), current) == 0)
      new_selected = i + 1;
  g_ptr_array_insert (tags, 0, g_strdup (_("All tags")));
  g_ptr_array_add (tags, NULL);

  gtk_string_list_splice (self->tag_filter_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->tag_filter_names)),
                          (const char * const *) tags->pdata);
  gtk_drop_down_set_selected (self->tag_dropdown, new_selected);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GuildContactsPage *self = GUILD_CONTACTS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->community_dropdown, 0);
  gtk_drop_down_set_selected (self->relationship_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_toggle_button_set_active (self->due_button, FALSE);
  gtk_menu_button_popdown (self->filter_button);
}

static void
trim_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  g_task_return_boolean (task, TRUE);
}

/* Reading 100,000 contacts and their index frees many small blocks, on the
 * workers' heaps too: they go back to the system, off the main thread. */
static void
release_memory (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, release_memory);
  g_task_run_in_thread (task, trim_worker);
}

/* Section: duplicates */

static void
update_duplicates_button (GuildContactsPage *self)
{
  guint n = self->duplicates != NULL ? self->duplicates->len : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_button), n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.merge", n > 0);
  if (n > 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("%u Possible Duplicate",
                                                          "%u Possible Duplicates", n), n);

      gtk_button_set_label (self->duplicates_button, label);
    }
}

static void
duplicates_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *pairs;

  /* A connection of its own: the view's store belongs to the main thread. */
  store = guild_store_open (task_data, GUILD_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pairs = guild_store_find_duplicates (store, cancellable, &error);
  if (pairs == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pairs, (GDestroyNotify) g_ptr_array_unref);
}

static void
duplicates_found_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GuildContactsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *pairs;

  pairs = g_task_propagate_pointer (G_TASK (result), &error);
  if (pairs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not look for duplicates: %s", error->message);
      return;
    }

  g_clear_pointer (&self->duplicates, g_ptr_array_unref);
  self->duplicates = pairs;
  update_duplicates_button (self);
  /* The search read every contact on its worker. */
  release_memory ();
}

static gboolean
find_duplicates_cb (gpointer user_data)
{
  GuildContactsPage *self = user_data;
  g_autoptr(GTask) task = NULL;

  self->duplicates_source = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;

  task = g_task_new (NULL, self->cancellable, duplicates_found_cb, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (guild_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, duplicates_worker);

  return G_SOURCE_REMOVE;
}

static void
schedule_duplicates (GuildContactsPage *self,
                     guint              delay_ms)
{
  g_clear_handle_id (&self->duplicates_source, g_source_remove);
  self->duplicates_source = g_timeout_add (delay_ms, find_duplicates_cb, self);
}

static void
on_merge_undo_toast_dismissed_cb (GuildContactsPage *self)
{
  self->merge_toast = NULL;
  g_clear_pointer (&self->merge_undo, guild_contact_merge_undo_free);
}

static void
on_merge_undo_clicked_cb (GuildContactsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->merge_undo == NULL)
    return;

  self->undoing = TRUE;
  if (!guild_store_merge_undo (self->store, self->merge_undo, &error))
    show_error (self, "Could not undo a merge", error);
  self->undoing = FALSE;
  g_clear_pointer (&self->merge_undo, guild_contact_merge_undo_free);
  schedule_duplicates (self, 0);
}

static void
on_merge_cb (GuildContactsPage *self,
             gint64             keep,
             gint64             drop,
             GuildMergeDialog  *dialog)
{
  g_autoptr(GError) error = NULL;
  GuildContactMergeUndo *undo = NULL;
  AdwToast *toast;

  g_assert (GUILD_IS_CONTACTS_PAGE (self));

  if (self->merge_toast != NULL)
    adw_toast_dismiss (self->merge_toast);
  g_clear_pointer (&self->merge_undo, guild_contact_merge_undo_free);

  /* The editor saves first, and does not keep a copy that the merge makes
   * stale (saving it later would undo the merge's combined fields). */
  if (guild_contact_editor_get_contact_id (self->editor) == drop ||
      guild_contact_editor_get_contact_id (self->editor) == keep)
    {
      guild_contact_editor_close (self->editor);
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
    }

  if (!guild_store_merge_contacts (self->store, keep, drop, &undo, &error))
    {
      show_error (self, "Could not merge contacts", error);
      return;
    }
  self->merge_undo = undo;

  /* The pair is gone; the rest are still worth merging. */
  for (guint i = 0; self->duplicates != NULL && i < self->duplicates->len; i++)
    {
      GuildContactDuplicate *d = g_ptr_array_index (self->duplicates, i);

      if (d->a == drop || d->b == drop || d->a == keep || d->b == keep)
        g_ptr_array_remove_index (self->duplicates, i--);
    }
  update_duplicates_button (self);

  toast = adw_toast_new (_("Contacts merged"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_merge_undo_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_merge_undo_toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  self->merge_toast = toast;
  show_toast (self, toast);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GuildContactsPage *self = GUILD_CONTACTS_PAGE (widget);
  GuildMergeDialog *dialog;

  if (self->store == NULL || self->duplicates == NULL || self->duplicates->len == 0)
    return;

  dialog = guild_merge_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                   self->duplicates);
  g_signal_connect_object (dialog, "merge", G_CALLBACK (on_merge_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Section: deleting */

static void
free_delete_undos (GuildContactsPage *self)
{
  g_ptr_array_set_size (self->delete_undos, 0);
}

static void
on_delete_toast_dismissed_cb (GuildContactsPage *self)
{
  /* The undo window has passed: drop the last copy (memory only). */
  self->delete_toast = NULL;
  free_delete_undos (self);
}

static void
on_delete_undo_clicked_cb (GuildContactsPage *self)
{
  g_autoptr(GError) error = NULL;

  self->undoing = TRUE;
  for (guint i = self->delete_undos->len; i > 0; i--)
    if (!guild_store_merge_undo (self->store, g_ptr_array_index (self->delete_undos, i - 1),
                                 &error))
      {
        show_error (self, "Could not restore a contact", error);
        g_clear_error (&error);
      }
  self->undoing = FALSE;
  free_delete_undos (self);
  schedule_duplicates (self, DUPLICATES_DELAY_MS);
}

static void
delete_contacts (GuildContactsPage *self,
                 const gint64      *ids,
                 guint              n_ids)
{
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint deleted = 0;

  if (self->delete_toast != NULL)
    adw_toast_dismiss (self->delete_toast);
  free_delete_undos (self);

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(GError) error = NULL;
      GuildContactMergeUndo *undo = NULL;

      if (guild_contact_editor_get_contact_id (self->editor) == ids[i])
        guild_contact_editor_close (self->editor);

      if (!guild_store_forget_contact_with_undo (self->store, ids[i], &undo, &error))
        {
          show_error (self, "Could not delete a contact", error);
          continue;
        }
      g_ptr_array_add (self->delete_undos, undo);
      deleted++;
    }

  if (deleted == 0)
    return;

  title = g_strdup_printf (ngettext ("%u contact deleted", "%u contacts deleted", deleted),
                           deleted);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* As long as the other views' Undo: forgetting a person is for good. */
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_delete_undo_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  self->delete_toast = toast;
  show_toast (self, toast);
  schedule_duplicates (self, DUPLICATES_DELAY_MS);
}

static void
on_editor_delete_cb (GuildContactsPage  *self,
                     gint64              id,
                     GuildContactEditor *editor)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  delete_contacts (self, &id, 1);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GuildContactsPage *self = GUILD_CONTACTS_PAGE (widget);
  g_autoptr(GArray) ids = guild_contacts_page_dup_selected_ids (self);

  if (ids->len > 0)
    delete_contacts (self, (const gint64 *) (gpointer) ids->data, ids->len);
}

/* Section: the detail page */

static void
open_contact (GuildContactsPage *self,
              gint64             id,
              gboolean           focus_name)
{
  if (!guild_contact_editor_edit (self->editor, id, focus_name))
    return;
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  if (!focus_name)
    gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

static void
on_column_view_activate_cb (GuildContactsPage *self,
                            guint              position)
{
  gint64 id = guild_contact_table_get_id (self->table, position);

  if (id != 0)
    open_contact (self, id, FALSE);
}

static void
on_editor_back_cb (GuildContactsPage *self)
{
  gint64 id = guild_contact_editor_get_contact_id (self->editor);
  guint position;

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  if (guild_contact_table_find (self->table, id, &position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_leaflet_visible_child_cb (GuildContactsPage *self)
{
  /* Swiping back saves too. */
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") == 0)
    guild_contact_editor_flush (self->editor);
}

/* Section: the index */

static gboolean
rebuild_filters_cb (gpointer user_data)
{
  GuildContactsPage *self = user_data;

  self->filters_source = 0;
  if (self->table != NULL && guild_contact_table_get_index (self->table) != NULL)
    {
      rebuild_tag_filter (self);
      rebuild_community_filter (self);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
settle_cb (gpointer user_data)
{
  GuildContactsPage *self = user_data;

  self->settle_source = 0;
  release_memory ();
  if (self->duplicates == NULL)
    schedule_duplicates (self, 0);
  return G_SOURCE_REMOVE;
}

/* A new index was read (the table reads and sorts it on a worker, and has
 * shown its rows already). What is not on screen waits for the frame that
 * paints them: the filters' menus, the search for duplicates and giving
 * memory back (whose malloc_trim() holds malloc's locks). */
static void
on_table_index_cb (GuildContactsPage *self)
{
  GuildContactIndex *index = guild_contact_table_get_index (self->table);

  guild_contact_editor_set_index (self->editor, index);
  if (index == NULL)
    return;
  update_state (self);
  self->after_load = TRUE;
  after_next_frame (self);
}

/* After the frame that painted the rows of a new index. */
static void
after_load (GuildContactsPage *self)
{
  self->after_load = FALSE;
  if (self->filters_source == 0)
    {
      self->filters_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rebuild_filters_cb,
                                              self, NULL);
      g_source_set_name_by_id (self->filters_source, "[guild] contacts filters");
    }
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_timeout_add (SETTLE_DELAY_MS, settle_cb, self);
  g_source_set_name_by_id (self->settle_source, "[guild] contacts settle");
}

static void
on_table_loading_cb (GuildContactsPage *self)
{
  const GError *error = guild_contact_table_get_error (self->table);

  /* The rows that fit on the page are those shown first when it fills. */
  if (guild_contact_table_get_loading (self->table))
    {
      update_hot_range (self);
      return;
    }
  self->failed = error != NULL;
  update_state (self);
}

static gboolean
reload_index_cb (gpointer user_data)
{
  GuildContactsPage *self = user_data;

  self->index_reload_source = 0;
  if (self->table != NULL)
    guild_contact_table_load (self->table);
  return G_SOURCE_REMOVE;
}

static void
schedule_index_reload (GuildContactsPage *self)
{
  if (self->index_reload_source == 0)
    self->index_reload_source = g_timeout_add (INDEX_RELOAD_DELAY_MS, reload_index_cb, self);
}

/* A new activity moves its contacts' last interaction and follow-up. */
static void
note_activity (GuildContactsPage *self,
               gint64             activity_id)
{
  g_autoptr(GuildRecord) activity = NULL;
  GuildContactIndex *index = guild_contact_table_get_index (self->table);
  GArray *contacts;
  gint64 at;

  if (index == NULL)
    return;
  activity = guild_store_load (self->store, GUILD_RECORD_ACTIVITY, activity_id, NULL);
  if (activity == NULL)
    return;

  at = guild_record_get_int (activity, "at");
  contacts = guild_record_get_ids (activity, "contacts");
  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      gint64 id = g_array_index (contacts, gint64, i);
      GuildContactEntry *entry = guild_contact_index_lookup (index, id);

      if (entry == NULL || entry->last_interaction >= at)
        continue;
      guild_contact_index_set_last_interaction (index, id, at);
      guild_contact_table_refresh (self->table, id);
    }
}

static void
on_store_changed_cb (GuildContactsPage *self,
                     guint              kind,
                     gint64             id,
                     guint              change,
                     GuildStore        *store)
{
  g_assert (GUILD_IS_CONTACTS_PAGE (self));

  if (!self->requested)
    return;

  switch ((GuildRecordKind) kind)
    {
    case GUILD_RECORD_CONTACT:
      /* The table follows the contacts by itself. */
      if (change == GUILD_CHANGE_ADDED && !self->undoing)
        {
          /* Ids are reused: a toast could no longer undo safely. */
          if (self->merge_toast != NULL)
            adw_toast_dismiss (self->merge_toast);
          if (self->delete_toast != NULL)
            adw_toast_dismiss (self->delete_toast);
        }
      schedule_duplicates (self, DUPLICATES_DELAY_MS);
      break;

    case GUILD_RECORD_ACTIVITY:
      if (change == GUILD_CHANGE_ADDED || change == GUILD_CHANGE_CHANGED)
        note_activity (self, id);
      else
        schedule_index_reload (self);
      break;

    case GUILD_RECORD_COMMUNITY:
      if (change == GUILD_CHANGE_RESET)
        schedule_index_reload (self);
      break;

    case GUILD_RECORD_EVENT:
    case GUILD_RECORD_CHECKIN:
    case GUILD_RECORD_SKILL:
    case GUILD_RECORD_COURSE:
    case GUILD_RECORD_PROFILE:
    case GUILD_RECORD_GOALS:
    case GUILD_N_RECORD_KINDS:
    default:
      break;
    }
}

/* Section: actions */

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

  self->failed = FALSE;
  if (self->table != NULL)
    guild_contact_table_load (self->table);
  update_state (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GuildContactsPage *self = GUILD_CONTACTS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
due_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GuildContactsPage *self = GUILD_CONTACTS_PAGE (widget);

  gtk_toggle_button_set_active (self->due_button,
                                !gtk_toggle_button_get_active (self->due_button));
}

/* Section: exporting the selection */

static void
update_export_action (GuildContactsPage *self)
{
  GtkSelectionModel *model = gtk_column_view_get_model (self->column_view);
  g_autoptr(GtkBitset) selected = NULL;

  if (model != NULL)
    selected = gtk_selection_model_get_selection (model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.export-selected",
                                 selected != NULL && !gtk_bitset_is_empty (selected));
}

/* The column view's model is replaced with the store: follow whichever
 * selection it has now. */
static void
on_column_view_model_cb (GuildContactsPage *self)
{
  GtkSelectionModel *model = gtk_column_view_get_model (self->column_view);

  if (model != NULL)
    {
      g_signal_connect_object (model, "selection-changed", G_CALLBACK (update_export_action),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "items-changed", G_CALLBACK (update_export_action),
                               self, G_CONNECT_SWAPPED);
    }
  update_export_action (self);
}

static void
export_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GuildContactsPage *self = GUILD_CONTACTS_PAGE (widget);
  g_autoptr(GArray) ids = guild_contacts_page_dup_selected_ids (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  if (ids->len == 0 || self->store == NULL)
    return;

  if (self->export_file != NULL)
    guild_export_ui_write (window, self->store, GUILD_EXPORT_FORMAT_VCARD, ids,
                           self->export_file);
  else
    guild_export_ui_run (window, self->store, GUILD_EXPORT_FORMAT_VCARD, ids);
}

/* For the tests: "Export Selected as vCard…" writes to @file without asking. */
void
_guild_contacts_page_set_export_file (GuildContactsPage *self,
                                      GFile             *file)
{
  g_return_if_fail (GUILD_IS_CONTACTS_PAGE (self));

  g_set_object (&self->export_file, file);
}

static void
open_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GuildContactsPage *self = GUILD_CONTACTS_PAGE (widget);
  g_autoptr(GArray) ids = guild_contacts_page_dup_selected_ids (self);

  if (ids->len > 0)
    open_contact (self, g_array_index (ids, gint64, 0), FALSE);
}

/* Section: GObject */

static void
guild_contacts_page_dispose (GObject *object)
{
  GuildContactsPage *self = (GuildContactsPage *)object;
  GtkWidget *child;

  /* Taking the column view apart is not the user changing the columns. */
  self->restoring_columns = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->index_reload_source, g_source_remove);
  g_clear_handle_id (&self->filters_source, g_source_remove);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_clear_handle_id (&self->painted_source, g_source_remove);
  if (self->paint_hooked)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
      self->paint_hooked = FALSE;
    }
  g_clear_handle_id (&self->duplicates_source, g_source_remove);
  if (self->widths_source != 0)
    {
      g_clear_handle_id (&self->widths_source, g_source_remove);
      save_widths_cb (self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_CONTACTS_PAGE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  for (guint i = 0; i < GUILD_CONTACT_N_SORTS; i++)
    g_clear_object (&self->columns[i]);
  g_clear_object (&self->export_file);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->table);
  g_clear_object (&self->communities);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->column_actions);
  g_clear_object (&self->community_filter_names);
  g_clear_object (&self->tag_filter_names);
  g_clear_pointer (&self->duplicates, g_ptr_array_unref);
  g_clear_pointer (&self->merge_undo, guild_contact_merge_undo_free);
  if (self->delete_undos != NULL)
    free_delete_undos (self);

  G_OBJECT_CLASS (guild_contacts_page_parent_class)->dispose (object);
}

static void
guild_contacts_page_finalize (GObject *object)
{
  GuildContactsPage *self = (GuildContactsPage *)object;

  g_clear_pointer (&self->delete_undos, g_ptr_array_unref);
  g_clear_pointer (&self->community_filter_ids, g_array_unref);

  G_OBJECT_CLASS (guild_contacts_page_parent_class)->finalize (object);
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
  object_class->finalize = guild_contacts_page_finalize;
  object_class->get_property = guild_contacts_page_get_property;
  object_class->set_property = guild_contacts_page_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GUILD_TYPE_CONTACT_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/contacts/guild-contacts-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GuildContactsPage, name)
  BIND (leaflet);
  BIND (search_entry);
  BIND (due_button);
  BIND (filter_button);
  BIND (community_dropdown);
  BIND (relationship_dropdown);
  BIND (tag_dropdown);
  BIND (duplicates_button);
  BIND (columns_button);
  BIND (stack);
  BIND (column_view);
  BIND (count_label);
  BIND (editor);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_delete_cb);

  gtk_widget_class_install_action (widget_class, "contacts.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "contacts.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "contacts.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "contacts.due", NULL, due_action);
  gtk_widget_class_install_action (widget_class, "contacts.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_install_action (widget_class, "contacts.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "contacts.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "contacts.open", NULL, open_selected_action);
  gtk_widget_class_install_action (widget_class, "contacts.export-selected", NULL,
                                   export_selected_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "contacts.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "contacts.due", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "contacts.merge", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static gboolean
on_list_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GuildContactsPage     *self)
{
  if (keyval == GDK_KEY_Delete && (state & GDK_MODIFIER_MASK) == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "contacts.delete", NULL);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
guild_contacts_page_init (GuildContactsPage *self)
{
  g_autoptr(GtkStringList) relationships = gtk_string_list_new (NULL);
  GtkEventController *keys;
  GtkAdjustment *adjustment;
  const GuildVocabEntry *entries;
  guint n_entries;

  gtk_widget_init_template (GTK_WIDGET (self));
  guild_a11y_follow_stack (GTK_WIDGET (self->stack));
  g_signal_connect_object (self->column_view, "notify::model",
                           G_CALLBACK (on_column_view_model_cb), self, G_CONNECT_SWAPPED);
  update_export_action (self);

  self->settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  self->cancellable = g_cancellable_new ();
  self->column_actions = g_simple_action_group_new ();
  self->delete_undos = g_ptr_array_new_with_free_func ((GDestroyNotify) guild_contact_merge_undo_free);
  self->community_filter_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns",
                                  G_ACTION_GROUP (self->column_actions));

  setup_columns (self);

  /* Typing anywhere in the list starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  if (adjustment != NULL)
    {
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (update_hot_range), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustment, "changed", G_CALLBACK (update_hot_range), self,
                               G_CONNECT_SWAPPED);
    }

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  gtk_string_list_append (relationships, _("All relationships"));
  entries = guild_vocab_entries (GUILD_VOCAB_RELATIONSHIP, &n_entries);
  for (guint i = 0; i < n_entries; i++)
    gtk_string_list_append (relationships,
                            guild_vocab_entry_label (GUILD_VOCAB_RELATIONSHIP, &entries[i]));
  gtk_drop_down_set_model (self->relationship_dropdown, G_LIST_MODEL (relationships));

  self->community_filter_names = gtk_string_list_new ((const char * const []) {
                                                        _("All communities"), NULL });
  gtk_drop_down_set_model (self->community_dropdown, G_LIST_MODEL (self->community_filter_names));
  gtk_drop_down_set_expression (self->community_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  self->tag_filter_names = gtk_string_list_new ((const char * const []) { _("All tags"), NULL });
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tag_filter_names));
  gtk_drop_down_set_expression (self->tag_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  g_signal_connect_object (self->community_dropdown, "notify::selected",
                           G_CALLBACK (on_filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->relationship_dropdown, "notify::selected",
                           G_CALLBACK (on_filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tag_dropdown, "notify::selected",
                           G_CALLBACK (on_filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (on_leaflet_visible_child_cb), self, G_CONNECT_SWAPPED);

  update_duplicates_button (self);
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

/* The rows on screen, with a margin, are those the slots refill at once
 * after a search, a filter or a sort; the rows all have one height. */
static void
update_hot_range (GuildContactsPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  guint n = self->slots != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->slots)) : 0;
  double upper;
  double row;
  double first;

  if (self->slots == NULL)
    return;
  upper = adjustment != NULL ? gtk_adjustment_get_upper (adjustment) : 0;
  if (n == 0 || upper <= 0 || gtk_adjustment_get_page_size (adjustment) <= 0)
    {
      int height = gtk_widget_get_height (GTK_WIDGET (self));

      /* No rows yet: as many as could fit on the page, from the top. */
      guild_contact_slots_set_hot_range (self->slots, 0,
                                         height > 0 ? (guint) height / MIN_ROW_HEIGHT + 1
                                                    : DEFAULT_VISIBLE_ROWS);
      return;
    }

  row = upper / n;
  first = floor (gtk_adjustment_get_value (adjustment) / row) - HOT_MARGIN_ROWS;
  guild_contact_slots_set_hot_range (self->slots, (guint) MAX (first, 0),
                                     (guint) ceil (gtk_adjustment_get_page_size (adjustment) / row)
                                     + 2 * HOT_MARGIN_ROWS);
}

/* What waits for the next frame: the rows of the list past the first
 * screen (GuildContactSlots shows those first), and after a load the
 * things not on screen. */
static void
next_frame_work (GuildContactsPage *self)
{
  if (self->slots != NULL)
    guild_contact_slots_complete (self->slots);
  if (self->after_load)
    after_load (self);
}

static void
on_after_paint_cb (GdkFrameClock     *clock,
                   GuildContactsPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
  self->paint_hooked = FALSE;
  next_frame_work (self);
}

static gboolean
painted_cb (gpointer user_data)
{
  GuildContactsPage *self = user_data;

  self->painted_source = 0;
  next_frame_work (self);
  return G_SOURCE_REMOVE;
}

static void
after_next_frame (GuildContactsPage *self)
{
  /* The list itself may be mapped only once the state says "items". */
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      if (!self->paint_hooked)
        {
          self->paint_hooked = TRUE;
          g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self, 0);
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else if (self->painted_source == 0)
    {
      /* Not on screen: no frame to wait for. */
      self->painted_source = g_idle_add (painted_cb, self);
      g_source_set_name_by_id (self->painted_source, "[guild] contacts next frame");
    }
}

/* The slots show the rows on screen first when the list fills (the view
 * builds the widgets of the rows it has): the others come after the frame
 * that painted those. */
static void
on_slots_items_changed_cb (GuildContactsPage *self)
{
  if (guild_contact_slots_get_pending (self->slots) > 0)
    after_next_frame (self);
}

static void
on_slots_contents_changed_cb (GuildContactsPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (!gtk_bitset_is_empty (selected))
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
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
                               GuildStore        *store)
{
  GtkSorter *sorter;

  g_return_if_fail (GUILD_IS_CONTACTS_PAGE (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  if (self->store == store)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);

  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->table);
  g_clear_object (&self->communities);
  self->requested = FALSE;

  guild_contact_editor_set_store (self->editor, store);

  if (store != NULL)
    {
      /* Connected first, so the index is current before the lists react. */
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                               G_CONNECT_SWAPPED);

      self->communities = guild_record_list_new (store, GUILD_RECORD_COMMUNITY);
      self->table = guild_contact_table_new (store);
      /* The view shows slots that keep its row widgets across a search, a
       * filter or a sort (GuildContactSlots); after such a change the rows
       * selected by position are other contacts, so the selection goes. */
      self->slots = guild_contact_slots_new (self->table);
      self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
      g_signal_connect_object (self->slots, "contents-changed",
                               G_CALLBACK (on_slots_contents_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->slots, "items-changed",
                               G_CALLBACK (on_slots_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      update_hot_range (self);

      g_signal_connect_object (self->table, "notify::index",
                               G_CALLBACK (on_table_index_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->table, "notify::loading",
                               G_CALLBACK (on_table_loading_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->table, "items-changed",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->communities, "items-changed",
                               G_CALLBACK (rebuild_community_filter), self, G_CONNECT_SWAPPED);
      guild_contact_editor_set_communities (self->editor, G_LIST_MODEL (self->communities));

      if (gtk_column_view_get_columns (self->column_view) != NULL &&
          g_list_model_get_n_items (gtk_column_view_get_columns (self->column_view)) == 0)
        {
          restore_columns (self);
          g_signal_connect_object (gtk_column_view_get_columns (self->column_view),
                                   "items-changed", G_CALLBACK (on_columns_reordered_cb), self,
                                   G_CONNECT_SWAPPED);
          sorter = gtk_column_view_get_sorter (self->column_view);
          g_signal_connect_object (sorter, "changed", G_CALLBACK (on_sorter_changed_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      restore_sort (self);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.add", store != NULL);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * guild_contacts_page_load:
 *
 * Starts loading the contacts and their index on worker threads, the first
 * time it is called; afterwards the list follows the store by itself.
 */
void
guild_contacts_page_load (GuildContactsPage *self)
{
  g_return_if_fail (GUILD_IS_CONTACTS_PAGE (self));

  if (self->table == NULL || self->requested)
    return;

  self->requested = TRUE;
  guild_record_list_load (self->communities);
  guild_contact_table_load (self->table);
  update_state (self);
}

/**
 * guild_contacts_page_add:
 *
 * Adds a contact and opens it with its name selected, ready to be typed
 * over.
 */
void
guild_contacts_page_add (GuildContactsPage *self)
{
  g_autoptr(GuildContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GUILD_IS_CONTACTS_PAGE (self));

  if (self->store == NULL)
    return;

  contact = guild_contact_new (_("New Contact"));
  if (!guild_store_add (self->store, GUILD_RECORD (contact), &error))
    {
      show_error (self, "Could not add a contact", error);
      return;
    }

  open_contact (self, guild_record_get_id (GUILD_RECORD (contact)), TRUE);
}

/**
 * guild_contacts_page_dup_selected_ids:
 *
 * The contacts selected in the list (for exporting them, deleting them).
 *
 * Returns: (transfer full) (element-type gint64): their ids, in list order
 */
GArray *
guild_contacts_page_dup_selected_ids (GuildContactsPage *self)
{
  GArray *ids;
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (GUILD_IS_CONTACTS_PAGE (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->selection == NULL)
    return ids;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = guild_contact_table_get_id (self->table, position);

      if (id != 0)
        g_array_append_val (ids, id);
    }

  return ids;
}

/* Section: private API, for the tests */

GuildContactTable *
_guild_contacts_page_get_table (GuildContactsPage *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACTS_PAGE (self), NULL);

  return self->table;
}

GuildContactEditor *
_guild_contacts_page_get_editor (GuildContactsPage *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACTS_PAGE (self), NULL);

  return self->editor;
}

GtkColumnView *
_guild_contacts_page_get_column_view (GuildContactsPage *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACTS_PAGE (self), NULL);

  return self->column_view;
}

GtkEditable *
_guild_contacts_page_get_search_entry (GuildContactsPage *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACTS_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

void
_guild_contacts_page_delete (GuildContactsPage *self,
                             gint64             id)
{
  g_return_if_fail (GUILD_IS_CONTACTS_PAGE (self));

  delete_contacts (self, &id, 1);
}

AdwToast *
_guild_contacts_page_get_undo_toast (GuildContactsPage *self,
                                     gboolean           merge)
{
  g_return_val_if_fail (GUILD_IS_CONTACTS_PAGE (self), NULL);

  return merge ? self->merge_toast : self->delete_toast;
}

void
_guild_contacts_page_merge (GuildContactsPage *self,
                            gint64             keep,
                            gint64             drop)
{
  g_return_if_fail (GUILD_IS_CONTACTS_PAGE (self));

  on_merge_cb (self, keep, drop, NULL);
}

const char *
_guild_contacts_page_get_state (GuildContactsPage *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACTS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * guild_contacts_page_show_contact:
 * @id: a contact
 *
 * Opens contact @id's detail page (the overview's "due" items lead here).
 * A search or filter that hides the contact is cleared, so that going back
 * finds it in the list.
 */
void
guild_contacts_page_show_contact (GuildContactsPage *self,
                                  gint64             id)
{
  guint position;

  g_return_if_fail (GUILD_IS_CONTACTS_PAGE (self));

  if (self->store == NULL || id <= 0)
    return;

  guild_contacts_page_load (self);
  if (self->table != NULL && !guild_contact_table_find (self->table, id, &position))
    gtk_widget_activate_action (GTK_WIDGET (self), "contacts.clear-filters", NULL);
  open_contact (self, id, FALSE);
}
