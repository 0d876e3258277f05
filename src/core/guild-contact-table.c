/* guild-contact-table.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-contact-table"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "guild-contact-table.h"
#include "guild-record.h"
#include "guild-records.h"
#include "guild-text.h"

/* GuildContactTable is the contacts view's model: the contacts of a source
 * list (a GuildRecordList) sorted by one column and filtered by the search
 * and the filters, with every sort key and the search text taken from a
 * GuildContactIndex computed once. It is a custom GListModel rather than
 * GtkFilterListModel over GtkSortListModel because with 100,000 contacts the
 * generic models call back into a sorter per comparison (about two million
 * calls, each looking the row's data up): here a sort is one qsort over an
 * array of (record, entry) pairs comparing precomputed collation keys, and a
 * keystroke that narrows the search only looks at the rows still shown.
 *
 * Each change comes out as one items-changed: the whole list when the sort,
 * a filter or the index changes, a single row when one contact is added,
 * edited or removed. */

#define SMALL_CHANGE 64

typedef struct
{
  GuildRecord       *record;   /* borrowed from mirror */
  GuildContactEntry *entry;    /* borrowed from index */
} Row;

struct _GuildContactTable
{
  GObject            parent_instance;

  /* Owned */
  GListModel        *source;
  GPtrArray         *mirror;     /* the source's items, in its order, reffed */
  GuildContactIndex *index;
  GArray            *all;        /* Row, sorted */
  GArray            *visible;    /* Row, sorted and filtered */
  char              *search;     /* folded */
  char              *tag;        /* folded, followed by '\x1f' */
  char              *relationship;

  gulong             items_changed_handler;
  gint64             community;
  GuildContactSort   sort;
  guint32            today;
  int                relationship_rank[16];
  guint              descending : 1;
  guint              due_only : 1;
};

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_N_TOTAL,
  PROP_FILTERED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GuildContactTable, guild_contact_table, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static const char * const sort_names[GUILD_CONTACT_N_SORTS] = {
  "name", "position", "company", "relationship", "communities", "last-interaction",
  "next-follow-up", "quality",
};

/**
 * guild_contact_sort_get_name:
 *
 * Returns: the column's name in the settings
 */
const char *
guild_contact_sort_get_name (GuildContactSort sort)
{
  g_return_val_if_fail (sort < GUILD_CONTACT_N_SORTS, NULL);

  return sort_names[sort];
}

gboolean
guild_contact_sort_from_name (const char       *name,
                              GuildContactSort *sort)
{
  g_return_val_if_fail (sort != NULL, FALSE);

  for (guint i = 0; name != NULL && i < GUILD_CONTACT_N_SORTS; i++)
    if (g_str_equal (name, sort_names[i]))
      {
        *sort = (GuildContactSort) i;
        return TRUE;
      }

  return FALSE;
}

/* Section: GListModel */

static GType
guild_contact_table_get_item_type (GListModel *model)
{
  return GUILD_TYPE_CONTACT;
}

static guint
guild_contact_table_get_n_items (GListModel *model)
{
  return GUILD_CONTACT_TABLE (model)->visible->len;
}

static gpointer
guild_contact_table_get_item (GListModel *model,
                              guint       position)
{
  GuildContactTable *self = GUILD_CONTACT_TABLE (model);

  if (position >= self->visible->len)
    return NULL;

  return g_object_ref (g_array_index (self->visible, Row, position).record);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = guild_contact_table_get_item_type;
  iface->get_n_items = guild_contact_table_get_n_items;
  iface->get_item = guild_contact_table_get_item;
}

/* Section: sorting and filtering */

/* Empty values go last whichever the direction. */
static int
compare_keys (const char *a,
              const char *b,
              gboolean    descending)
{
  int r;

  if (a == b)
    return 0;
  if (a == NULL)
    return 1;
  if (b == NULL)
    return -1;
  r = strcmp (a, b);
  return descending ? -r : r;
}

static int
compare_numbers (gint64   a,
                 gint64   b,
                 gboolean descending)
{
  if (a == b)
    return 0;
  if (a == 0)
    return 1;
  if (b == 0)
    return -1;
  return (a < b) != descending ? -1 : 1;
}

static int
relationship_rank (GuildContactTable *self,
                   const char        *relationship)
{
  guint n_entries;
  const GuildVocabEntry *entries = guild_vocab_entries (GUILD_VOCAB_RELATIONSHIP, &n_entries);

  if (relationship == NULL)
    return -1;
  /* The entries' relationships are the vocabulary's own strings. */
  for (guint i = 0; i < n_entries && i < G_N_ELEMENTS (self->relationship_rank); i++)
    if (entries[i].id == relationship)
      return self->relationship_rank[i];
  for (guint i = 0; i < n_entries && i < G_N_ELEMENTS (self->relationship_rank); i++)
    if (g_strcmp0 (entries[i].id, relationship) == 0)
      return self->relationship_rank[i];

  /* Unknown: as empty, last. */
  return -1;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GuildContactTable *self = user_data;
  const GuildContactEntry *ea = ((const Row *) a)->entry;
  const GuildContactEntry *eb = ((const Row *) b)->entry;
  gboolean desc = self->descending;
  int r = 0;

  switch (self->sort)
    {
    case GUILD_CONTACT_SORT_NAME:
      break;
    case GUILD_CONTACT_SORT_POSITION:
      r = compare_keys (ea->position_key, eb->position_key, desc);
      break;
    case GUILD_CONTACT_SORT_COMPANY:
      r = compare_keys (ea->company_key, eb->company_key, desc);
      break;
    case GUILD_CONTACT_SORT_RELATIONSHIP:
      r = compare_numbers ((gint64) relationship_rank (self, ea->relationship) + 1,
                           (gint64) relationship_rank (self, eb->relationship) + 1, desc);
      break;
    case GUILD_CONTACT_SORT_COMMUNITIES:
      r = compare_keys (ea->communities_key, eb->communities_key, desc);
      break;
    case GUILD_CONTACT_SORT_LAST_INTERACTION:
      r = compare_numbers (ea->last_interaction, eb->last_interaction, desc);
      break;
    case GUILD_CONTACT_SORT_NEXT_FOLLOW_UP:
      r = compare_numbers (ea->follow_up, eb->follow_up, desc);
      break;
    case GUILD_CONTACT_SORT_QUALITY:
      r = compare_numbers (ea->quality, eb->quality, desc);
      break;
    case GUILD_CONTACT_N_SORTS:
    default:
      g_assert_not_reached ();
    }

  if (r != 0)
    return r;

  /* Then by name (in the chosen direction when sorting by name), then by id
   * so that the order is total and stable across sorts. */
  r = compare_keys (ea->name_key, eb->name_key,
                    self->sort == GUILD_CONTACT_SORT_NAME && desc);
  if (r != 0)
    return r;

  return ea->id < eb->id ? -1 : ea->id > eb->id ? 1 : 0;
}

static gboolean
has_community (const GuildContactEntry *entry,
               gint64                   community)
{
  for (guint i = 0; i < entry->n_communities; i++)
    if (entry->communities[i] == community)
      return TRUE;
  return FALSE;
}

static gboolean
has_tag (const GuildContactEntry *entry,
         const char              *tag)
{
  const char *p = entry->tags;

  if (p == NULL)
    return FALSE;

  while ((p = strstr (p, tag)) != NULL)
    {
      if (p == entry->tags || p[-1] == '\x1f')
        return TRUE;
      p++;
    }

  return FALSE;
}

static gboolean
row_matches (GuildContactTable *self,
             const Row         *row)
{
  const GuildContactEntry *entry = row->entry;

  if (self->due_only && !guild_contact_entry_is_due (entry, self->today))
    return FALSE;
  if (self->relationship != NULL && g_strcmp0 (entry->relationship, self->relationship) != 0)
    return FALSE;
  if (self->community != 0 && !has_community (entry, self->community))
    return FALSE;
  if (self->tag != NULL && !has_tag (entry, self->tag))
    return FALSE;
  if (self->search != NULL && !guild_text_matches (entry->search, self->search))
    return FALSE;

  return TRUE;
}

static void
notify_counts (GuildContactTable *self,
               guint              old_visible,
               guint              old_total)
{
  if (old_visible != self->visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
  if (old_total != self->all->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_TOTAL]);
}

/* Filters @from (all rows, or the visible ones when the filter only got
 * stricter) into a new visible array, as one items-changed. */
static void
refilter_from (GuildContactTable *self,
               GArray            *from)
{
  g_autoptr(GArray) visible = g_array_sized_new (FALSE, FALSE, sizeof (Row), from->len);
  guint old_len = self->visible->len;

  for (guint i = 0; i < from->len; i++)
    {
      const Row *row = &g_array_index (from, Row, i);

      if (row_matches (self, row))
        g_array_append_vals (visible, row, 1);
    }

  /* One items-changed for the whole list: the view follows the table
   * through GuildContactSlots, which keeps its rows' widgets. */
  g_array_unref (self->visible);
  self->visible = g_steal_pointer (&visible);
  if (old_len > 0 || self->visible->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->visible->len);
  notify_counts (self, old_len, self->all->len);
}

static void
refilter (GuildContactTable *self)
{
  refilter_from (self, self->all);
}

/* A sort after the index was read compares integers only: each row's value
 * in the sorted column (the rank of its collation key, a date, a number)
 * folded with the direction, so that it orders them as compare_rows()
 * does, in a packed array. */
typedef struct
{
  guint64 primary;
  gint64  id;
  guint32 secondary;
  Row     row;
} SortItem;

static guint64
order_value (gint64   value,
             gboolean descending)
{
  guint64 u;

  /* Empty values go last whichever the direction. */
  if (value == 0)
    return G_MAXUINT64;
  u = (guint64) value ^ G_GUINT64_CONSTANT (0x8000000000000000);
  return descending ? G_MAXUINT64 - 1 - u : u;
}

static int
compare_sort_items (const void *a,
                    const void *b)
{
  const SortItem *ia = a;
  const SortItem *ib = b;

  if (ia->primary != ib->primary)
    return ia->primary < ib->primary ? -1 : 1;
  if (ia->secondary != ib->secondary)
    return ia->secondary < ib->secondary ? -1 : 1;
  return ia->id < ib->id ? -1 : ia->id > ib->id;
}

static void
sort_all (GuildContactTable *self)
{
  g_autofree SortItem *items = NULL;
  gboolean desc = self->descending;
  guint n = self->all->len;

  if (self->index == NULL || !guild_contact_index_get_ranked (self->index) || n < 2)
    {
      g_array_sort_with_data (self->all, compare_rows, self);
      return;
    }

  items = g_new (SortItem, n);
  for (guint i = 0; i < n; i++)
    {
      const Row *row = &g_array_index (self->all, Row, i);
      const GuildContactEntry *e = row->entry;
      SortItem *item = &items[i];
      gint64 value = 0;

      switch (self->sort)
        {
        case GUILD_CONTACT_SORT_NAME:
          break;
        case GUILD_CONTACT_SORT_POSITION:
          value = e->position_rank;
          break;
        case GUILD_CONTACT_SORT_COMPANY:
          value = e->company_rank;
          break;
        case GUILD_CONTACT_SORT_RELATIONSHIP:
          value = (gint64) relationship_rank (self, e->relationship) + 1;
          break;
        case GUILD_CONTACT_SORT_COMMUNITIES:
          value = e->communities_rank;
          break;
        case GUILD_CONTACT_SORT_LAST_INTERACTION:
          value = e->last_interaction;
          break;
        case GUILD_CONTACT_SORT_NEXT_FOLLOW_UP:
          value = e->follow_up;
          break;
        case GUILD_CONTACT_SORT_QUALITY:
          value = e->quality;
          break;
        case GUILD_CONTACT_N_SORTS:
        default:
          g_assert_not_reached ();
        }

      item->primary = self->sort == GUILD_CONTACT_SORT_NAME ? 0 : order_value (value, desc);
      if (e->name_rank == 0)
        item->secondary = G_MAXUINT32;
      else if (self->sort == GUILD_CONTACT_SORT_NAME && desc)
        item->secondary = G_MAXUINT32 - 1 - e->name_rank;
      else
        item->secondary = e->name_rank;
      item->id = e->id;
      item->row = *row;
    }

  qsort (items, n, sizeof items[0], compare_sort_items);
  for (guint i = 0; i < n; i++)
    g_array_index (self->all, Row, i) = items[i].row;
}

static void
resort (GuildContactTable *self)
{
  sort_all (self);
  refilter (self);
}

static void
rebuild (GuildContactTable *self)
{
  guint old_total = self->all->len;

  g_array_set_size (self->all, 0);
  if (self->index != NULL)
    {
      for (guint i = 0; i < self->mirror->len; i++)
        {
          GuildRecord *record = g_ptr_array_index (self->mirror, i);
          Row row = { record, guild_contact_index_lookup (self->index,
                                                          guild_record_get_id (record)) };

          /* Added after the index was read: computed here, once. */
          if (row.entry == NULL)
            row.entry = guild_contact_index_update (self->index, record);
          g_array_append_val (self->all, row);
        }
    }

  sort_all (self);
  refilter (self);
  if (old_total != self->all->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_TOTAL]);
}

/* The first place in @array where @row belongs. */
static guint
bisect (GuildContactTable *self,
        GArray            *array,
        const Row         *row)
{
  guint lo = 0;
  guint hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_rows (&g_array_index (array, Row, mid), row, self) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gboolean
find_record (GArray      *array,
             GuildRecord *record,
             guint       *position)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, Row, i).record == record)
      {
        *position = i;
        return TRUE;
      }

  return FALSE;
}

static void
remove_row (GuildContactTable *self,
            GuildRecord       *record)
{
  guint position;

  if (find_record (self->all, record, &position))
    g_array_remove_index (self->all, position);
  if (find_record (self->visible, record, &position))
    {
      g_array_remove_index (self->visible, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
}

static void
insert_row (GuildContactTable *self,
            GuildRecord       *record,
            GuildContactEntry *entry)
{
  Row row = { record, entry };

  g_array_insert_val (self->all, bisect (self, self->all, &row), row);
  if (row_matches (self, &row))
    {
      guint position = bisect (self, self->visible, &row);

      g_array_insert_val (self->visible, position, row);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
}

static void
on_source_items_changed_cb (GuildContactTable *self,
                            guint              position,
                            guint              removed,
                            guint              added,
                            GListModel        *source)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  guint old_visible = self->visible->len;
  guint old_total = self->all->len;

  g_assert (GUILD_IS_CONTACT_TABLE (self));

  for (guint i = 0; i < removed; i++)
    g_ptr_array_add (gone, g_object_ref (g_ptr_array_index (self->mirror, position + i)));
  g_ptr_array_remove_range (self->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->mirror, (int) (position + i),
                        g_list_model_get_item (source, position + i));

  if (self->index == NULL)
    return;

  /* A (re)load of the whole list: the rows are matched with the index by
   * id, and only contacts the index has not seen are computed here. Entries
   * of contacts that are gone stay in the index until the next one is read;
   * the view reads a new index after any reload. */
  if (removed + added > SMALL_CHANGE || self->all->len == 0)
    {
      rebuild (self);
      return;
    }

  for (guint i = 0; i < gone->len; i++)
    remove_row (self, g_ptr_array_index (gone, i));
  for (guint i = 0; i < gone->len; i++)
    {
      GuildRecord *record = g_ptr_array_index (gone, i);

      /* A changed record comes back as the same object. */
      if (!g_ptr_array_find (self->mirror, record, NULL))
        guild_contact_index_remove (self->index, guild_record_get_id (record));
    }
  for (guint i = 0; i < added; i++)
    {
      GuildRecord *record = g_ptr_array_index (self->mirror, position + i);

      insert_row (self, record, guild_contact_index_update (self->index, record));
    }

  notify_counts (self, old_visible, old_total);
}

/* Section: GObject */

static void
guild_contact_table_dispose (GObject *object)
{
  GuildContactTable *self = (GuildContactTable *)object;

  if (self->source != NULL)
    g_clear_signal_handler (&self->items_changed_handler, self->source);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (guild_contact_table_parent_class)->dispose (object);
}

static void
guild_contact_table_finalize (GObject *object)
{
  GuildContactTable *self = (GuildContactTable *)object;

  g_clear_pointer (&self->all, g_array_unref);
  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_pointer (&self->mirror, g_ptr_array_unref);
  g_clear_pointer (&self->index, guild_contact_index_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->relationship, g_free);

  G_OBJECT_CLASS (guild_contact_table_parent_class)->finalize (object);
}

static void
guild_contact_table_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GuildContactTable *self = GUILD_CONTACT_TABLE (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->visible->len);
      break;

    case PROP_N_TOTAL:
      g_value_set_uint (value, self->all->len);
      break;

    case PROP_FILTERED:
      g_value_set_boolean (value, guild_contact_table_get_filtered (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_contact_table_class_init (GuildContactTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = guild_contact_table_dispose;
  object_class->finalize = guild_contact_table_finalize;
  object_class->get_property = guild_contact_table_get_property;

  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_TOTAL] =
    g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FILTERED] =
    g_param_spec_boolean ("filtered", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const GuildVocabEntry *ea = *(const GuildVocabEntry * const *) a;
  const GuildVocabEntry *eb = *(const GuildVocabEntry * const *) b;

  return g_utf8_collate (guild_vocab_entry_label (GUILD_VOCAB_RELATIONSHIP, ea),
                         guild_vocab_entry_label (GUILD_VOCAB_RELATIONSHIP, eb));
}

static void
guild_contact_table_init (GuildContactTable *self)
{
  const GuildVocabEntry *entries;
  const GuildVocabEntry *sorted[G_N_ELEMENTS (self->relationship_rank)];
  guint n_entries;

  self->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  self->all = g_array_new (FALSE, FALSE, sizeof (Row));
  self->visible = g_array_new (FALSE, FALSE, sizeof (Row));
  self->today = guild_julian_today ();

  /* Relationships sort by their label in the user's language. */
  entries = guild_vocab_entries (GUILD_VOCAB_RELATIONSHIP, &n_entries);
  n_entries = MIN (n_entries, G_N_ELEMENTS (sorted));
  for (guint i = 0; i < n_entries; i++)
    sorted[i] = &entries[i];
  qsort (sorted, n_entries, sizeof sorted[0], compare_labels);
  for (guint i = 0; i < n_entries; i++)
    self->relationship_rank[sorted[i] - entries] = (int) i;
}

/* Section: public API */

/**
 * guild_contact_table_new:
 * @source: a list of #GuildContact (a #GuildRecordList)
 *
 * Returns: (transfer full): a table that shows nothing until it has an
 *   index (guild_contact_table_set_index())
 */
GuildContactTable *
guild_contact_table_new (GListModel *source)
{
  GuildContactTable *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);

  self = g_object_new (GUILD_TYPE_CONTACT_TABLE, NULL);
  self->source = g_object_ref (source);
  n = g_list_model_get_n_items (source);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->mirror, g_list_model_get_item (source, i));
  self->items_changed_handler =
    g_signal_connect_object (source, "items-changed",
                             G_CALLBACK (on_source_items_changed_cb), self,
                             G_CONNECT_SWAPPED);

  return self;
}

/**
 * guild_contact_table_get_source:
 *
 * Returns: (transfer none): the source list
 */
GListModel *
guild_contact_table_get_source (GuildContactTable *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), NULL);

  return self->source;
}

/**
 * guild_contact_table_set_index:
 * @index: (nullable): the index to sort and filter by
 *
 * Takes a new index (a reload), and shows every row of the source again,
 * sorted and filtered, as one items-changed.
 */
void
guild_contact_table_set_index (GuildContactTable *self,
                               GuildContactIndex *index)
{
  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));

  if (index != NULL)
    guild_contact_index_ref (index);
  g_clear_pointer (&self->index, guild_contact_index_unref);
  self->index = index;

  rebuild (self);
}

/**
 * guild_contact_table_get_index:
 *
 * Returns: (transfer none) (nullable): the index
 */
GuildContactIndex *
guild_contact_table_get_index (GuildContactTable *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), NULL);

  return self->index;
}

void
guild_contact_table_set_sort (GuildContactTable *self,
                              GuildContactSort   sort,
                              gboolean           descending)
{
  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));
  g_return_if_fail (sort < GUILD_CONTACT_N_SORTS);

  if (self->sort == sort && self->descending == !!descending)
    return;

  self->sort = sort;
  self->descending = !!descending;
  resort (self);
}

GuildContactSort
guild_contact_table_get_sort (GuildContactTable *self,
                              gboolean          *descending)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), GUILD_CONTACT_SORT_NAME);

  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

static void
filter_changed (GuildContactTable *self,
                gboolean           stricter,
                gboolean           was_filtered)
{
  if (stricter)
    {
      g_autoptr(GArray) shown = g_array_ref (self->visible);

      refilter_from (self, shown);
    }
  else
    refilter (self);

  if (was_filtered != guild_contact_table_get_filtered (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILTERED]);
}

/**
 * guild_contact_table_set_search:
 * @text: (nullable): what the user typed
 *
 * Shows the contacts whose folded text contains @text folded, or each of its
 * words (guild_text_matches()). When the new text contains the previous one
 * (the user typed another letter), only the rows still shown are looked at.
 */
void
guild_contact_table_set_search (GuildContactTable *self,
                                const char        *text)
{
  g_autofree char *folded = NULL;
  gboolean was_filtered;
  gboolean stricter;

  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));

  folded = guild_text_fold (text);
  if (*folded == '\0')
    g_clear_pointer (&folded, g_free);
  if (g_strcmp0 (folded, self->search) == 0)
    return;

  was_filtered = guild_contact_table_get_filtered (self);
  stricter = folded != NULL && (self->search == NULL || strstr (folded, self->search) != NULL);
  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  filter_changed (self, stricter, was_filtered);
}

/**
 * guild_contact_table_set_community:
 * @community_id: show only members of this community (0: everyone)
 */
void
guild_contact_table_set_community (GuildContactTable *self,
                                   gint64             community_id)
{
  gboolean was_filtered;

  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));

  if (self->community == community_id)
    return;
  was_filtered = guild_contact_table_get_filtered (self);
  self->community = community_id;
  filter_changed (self, FALSE, was_filtered);
}

/**
 * guild_contact_table_set_relationship:
 * @relationship: (nullable): show only this relationship
 */
void
guild_contact_table_set_relationship (GuildContactTable *self,
                                      const char        *relationship)
{
  gboolean was_filtered;

  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));

  if (relationship != NULL && *relationship == '\0')
    relationship = NULL;
  if (g_strcmp0 (self->relationship, relationship) == 0)
    return;
  was_filtered = guild_contact_table_get_filtered (self);
  g_free (self->relationship);
  self->relationship = g_strdup (relationship);
  filter_changed (self, FALSE, was_filtered);
}

/**
 * guild_contact_table_set_tag:
 * @tag: (nullable): show only contacts with this tag (ignoring case)
 */
void
guild_contact_table_set_tag (GuildContactTable *self,
                             const char        *tag)
{
  g_autofree char *folded = NULL;
  g_autofree char *key = NULL;
  gboolean was_filtered;

  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));

  folded = guild_text_fold (tag);
  if (*folded != '\0')
    key = g_strconcat (folded, "\x1f", NULL);
  if (g_strcmp0 (self->tag, key) == 0)
    return;
  was_filtered = guild_contact_table_get_filtered (self);
  g_free (self->tag);
  self->tag = g_steal_pointer (&key);
  filter_changed (self, FALSE, was_filtered);
}

/**
 * guild_contact_table_set_due_only:
 *
 * Shows only the contacts due for a follow-up today (or before).
 */
void
guild_contact_table_set_due_only (GuildContactTable *self,
                                  gboolean           due_only)
{
  gboolean was_filtered;

  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));

  if (self->due_only == !!due_only)
    return;
  was_filtered = guild_contact_table_get_filtered (self);
  self->due_only = !!due_only;
  filter_changed (self, due_only, was_filtered);
}

/**
 * guild_contact_table_set_today:
 * @today: a julian day
 *
 * The day "due" is judged on (for tests, and when midnight passes).
 */
void
guild_contact_table_set_today (GuildContactTable *self,
                               guint32            today)
{
  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));

  if (self->today == today)
    return;
  self->today = today;
  if (self->due_only)
    refilter (self);
}

guint32
guild_contact_table_get_today (GuildContactTable *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), 0);

  return self->today;
}

/**
 * guild_contact_table_get_filtered:
 *
 * Returns: whether the search or a filter hides some rows
 */
gboolean
guild_contact_table_get_filtered (GuildContactTable *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), FALSE);

  return self->search != NULL || self->tag != NULL || self->relationship != NULL ||
         self->community != 0 || self->due_only;
}

/**
 * guild_contact_table_get_n_total:
 *
 * Returns: the number of contacts, shown or not
 */
guint
guild_contact_table_get_n_total (GuildContactTable *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), 0);

  return self->all->len;
}

/**
 * guild_contact_table_get_entry:
 *
 * Returns: (transfer none) (nullable): the entry of the row at @position
 */
GuildContactEntry *
guild_contact_table_get_entry (GuildContactTable *self,
                               guint              position)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), NULL);

  if (position >= self->visible->len)
    return NULL;

  return g_array_index (self->visible, Row, position).entry;
}

/**
 * guild_contact_table_get_record:
 *
 * Returns: (transfer none) (nullable): the contact shown at @position
 */
GuildRecord *
guild_contact_table_get_record (GuildContactTable *self,
                                guint              position)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), NULL);

  if (position >= self->visible->len)
    return NULL;

  return g_array_index (self->visible, Row, position).record;
}

/**
 * guild_contact_table_lookup:
 *
 * Returns: (transfer none) (nullable): the entry of contact @id
 */
GuildContactEntry *
guild_contact_table_lookup (GuildContactTable *self,
                            gint64             id)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), NULL);

  if (self->index == NULL)
    return NULL;

  return guild_contact_index_lookup (self->index, id);
}

/**
 * guild_contact_table_find:
 * @position: (out) (optional): where contact @id is shown
 *
 * Returns: whether contact @id is shown
 */
gboolean
guild_contact_table_find (GuildContactTable *self,
                          gint64             id,
                          guint             *position)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), FALSE);

  for (guint i = 0; i < self->visible->len; i++)
    if (g_array_index (self->visible, Row, i).entry->id == id)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * guild_contact_table_refresh:
 *
 * Puts contact @id where it now belongs, after its entry changed outside a
 * change of its record (a new interaction).
 */
void
guild_contact_table_refresh (GuildContactTable *self,
                             gint64             id)
{
  guint old_visible;
  GuildRecord *record = NULL;
  GuildContactEntry *entry;

  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));

  if (self->index == NULL || (entry = guild_contact_index_lookup (self->index, id)) == NULL)
    return;

  for (guint i = 0; i < self->all->len; i++)
    if (g_array_index (self->all, Row, i).entry == entry)
      {
        record = g_array_index (self->all, Row, i).record;
        break;
      }
  if (record == NULL)
    return;

  old_visible = self->visible->len;
  remove_row (self, record);
  insert_row (self, record, entry);
  notify_counts (self, old_visible, self->all->len);
}
