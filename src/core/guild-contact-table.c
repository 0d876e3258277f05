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

/* GuildContactTable is the contacts view's model: every contact of a store,
 * sorted by one column and filtered by the search and the filters, with what
 * the cells show, every sort key and the search text taken from a
 * GuildContactIndex. The table holds no record of a contact: a row is its
 * index entry (a few short strings and numbers), and a contact's full record
 * is read from the store only when something needs it (the editor, a merge,
 * an export).
 *
 * The index is read on a worker (guild_contact_table_load()), which also
 * sorts it in the table's current order, so that the main thread only swaps
 * in the finished rows. After that the table follows the store's "changed"
 * signal itself: a contact added or edited is read by id and its entry
 * recomputed, a removed one goes, and a reset (an import, a restore) reads
 * the index again on a worker.
 *
 * It is a custom GListModel rather than GtkFilterListModel over
 * GtkSortListModel because with 100,000 contacts the generic models call
 * back into a sorter per comparison (about two million calls, each looking
 * the row's data up): here a sort is one qsort of integers (the ranks of
 * precomputed collation keys), and a keystroke that narrows the search only
 * looks at the rows still shown.
 *
 * Each change comes out as one items-changed: the whole list when the sort,
 * a filter or the index changes, a single row when one contact is added,
 * edited or removed. */

/* A row is its contact's entry, owned by the index. */
typedef GuildContactEntry *Row;

#define RELATIONSHIP_RANKS 16

/* How the rows are sorted; copied to the worker that sorts a new index. */
typedef struct
{
  GuildContactSort   sort;
  gboolean           descending;
  int                relationship_rank[RELATIONSHIP_RANKS];
} SortSpec;

struct _GuildContactTable
{
  GObject            parent_instance;

  /* Owned */
  GuildStore        *store;
  GuildContactIndex *index;
  GArray            *all;        /* Row, sorted */
  GArray            *visible;    /* Row, sorted and filtered */
  char              *search;     /* folded */
  char              *tag;        /* folded, followed by '\x1f' */
  char              *relationship;
  GCancellable      *cancellable;
  GError            *error;

  gulong             changed_handler;
  gint64             community;
  SortSpec           spec;
  guint32            today;
  guint              due_only : 1;
  guint              loading : 1;
  guint              stale : 1;
};

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_N_TOTAL,
  PROP_FILTERED,
  PROP_LOADING,
  PROP_INDEX,
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

/* The table holds no records: an item is read from the store when asked
 * for (the view shows GuildContactSlots, which never ask). */
static gpointer
guild_contact_table_get_item (GListModel *model,
                              guint       position)
{
  GuildContactTable *self = GUILD_CONTACT_TABLE (model);
  g_autoptr(GError) error = NULL;
  GuildRecord *record;

  if (position >= self->visible->len)
    return NULL;

  record = guild_store_load (self->store, GUILD_RECORD_CONTACT,
                             g_array_index (self->visible, Row, position)->id, &error);
  if (record == NULL)
    g_warning ("Could not read a contact: %s", error->message);

  return record;
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
relationship_rank (const SortSpec *spec,
                   const char     *relationship)
{
  guint n_entries;
  const GuildVocabEntry *entries = guild_vocab_entries (GUILD_VOCAB_RELATIONSHIP, &n_entries);

  if (relationship == NULL)
    return -1;
  /* The entries' relationships are the vocabulary's own strings. */
  for (guint i = 0; i < n_entries && i < RELATIONSHIP_RANKS; i++)
    if (entries[i].id == relationship)
      return spec->relationship_rank[i];
  for (guint i = 0; i < n_entries && i < RELATIONSHIP_RANKS; i++)
    if (g_strcmp0 (entries[i].id, relationship) == 0)
      return spec->relationship_rank[i];

  /* Unknown: as empty, last. */
  return -1;
}

static int
compare_entries (const GuildContactEntry *ea,
                 const GuildContactEntry *eb,
                 const SortSpec          *spec)
{
  gboolean desc = spec->descending;
  int r = 0;

  switch (spec->sort)
    {
    case GUILD_CONTACT_SORT_NAME:
      break;
    case GUILD_CONTACT_SORT_POSITION:
      r = compare_numbers (ea->position_rank, eb->position_rank, desc);
      break;
    case GUILD_CONTACT_SORT_COMPANY:
      r = compare_numbers (ea->company_rank, eb->company_rank, desc);
      break;
    case GUILD_CONTACT_SORT_RELATIONSHIP:
      r = compare_numbers ((gint64) relationship_rank (spec, ea->relationship) + 1,
                           (gint64) relationship_rank (spec, eb->relationship) + 1, desc);
      break;
    case GUILD_CONTACT_SORT_COMMUNITIES:
      r = compare_numbers (ea->communities_rank, eb->communities_rank, desc);
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
  r = compare_numbers (ea->name_rank, eb->name_rank, spec->sort == GUILD_CONTACT_SORT_NAME && desc);
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
row_matches (GuildContactTable       *self,
             const GuildContactEntry *entry)
{
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

static gboolean
is_filtered (GuildContactTable *self)
{
  return self->search != NULL || self->tag != NULL || self->relationship != NULL ||
         self->community != 0 || self->due_only;
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
               GArray            *from,
               guint              old_total)
{
  g_autoptr(GArray) visible = NULL;
  guint old_len = self->visible->len;

  if (!is_filtered (self))
    {
      /* Everyone: one copy, no test per row. */
      visible = g_array_sized_new (FALSE, FALSE, sizeof (Row), from->len);
      g_array_append_vals (visible, from->data, from->len);
    }
  else
    {
      visible = g_array_sized_new (FALSE, FALSE, sizeof (Row), from->len);
      for (guint i = 0; i < from->len; i++)
        {
          Row row = g_array_index (from, Row, i);

          if (row_matches (self, row))
            g_array_append_val (visible, row);
        }
    }

  /* One items-changed for the whole list: the view follows the table
   * through GuildContactSlots, which keeps its rows' widgets. */
  g_array_unref (self->visible);
  self->visible = g_steal_pointer (&visible);
  if (old_len > 0 || self->visible->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->visible->len);
  notify_counts (self, old_len, old_total);
}

static void
refilter (GuildContactTable *self)
{
  refilter_from (self, self->all, self->all->len);
}

/* A sort compares integers only: each row's value in the sorted column (the
 * rank of its text, a date, a number) folded with the direction, so that it
 * orders them as compare_entries() does, in a packed array. */
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

/* Sorts @rows in place; on the main thread or on a worker. */
static void
sort_rows (GArray         *rows,
           const SortSpec *spec)
{
  g_autofree SortItem *items = NULL;
  gboolean desc = spec->descending;
  guint n = rows->len;

  if (n < 2)
    return;

  items = g_new (SortItem, n);
  for (guint i = 0; i < n; i++)
    {
      const GuildContactEntry *e = g_array_index (rows, Row, i);
      SortItem *item = &items[i];
      gint64 value = 0;

      switch (spec->sort)
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
          value = (gint64) relationship_rank (spec, e->relationship) + 1;
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

      item->primary = spec->sort == GUILD_CONTACT_SORT_NAME ? 0 : order_value (value, desc);
      if (e->name_rank == 0)
        item->secondary = G_MAXUINT32;
      else if (spec->sort == GUILD_CONTACT_SORT_NAME && desc)
        item->secondary = G_MAXUINT32 - 1 - e->name_rank;
      else
        item->secondary = e->name_rank;
      item->id = e->id;
      item->row = (Row) e;
    }

  qsort (items, n, sizeof items[0], compare_sort_items);
  for (guint i = 0; i < n; i++)
    g_array_index (rows, Row, i) = items[i].row;
}

static void
sort_all (GuildContactTable *self)
{
  sort_rows (self->all, &self->spec);
}

static void
resort (GuildContactTable *self)
{
  sort_all (self);
  refilter (self);
}

/* Every row of @index, sorted by @spec. */
static GArray *
sorted_rows (GuildContactIndex *index,
             const SortSpec    *spec)
{
  g_autoptr(GPtrArray) entries = guild_contact_index_dup_entries (index);
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (Row), entries->len);

  g_array_append_vals (rows, entries->pdata, entries->len);
  sort_rows (rows, spec);

  return rows;
}

/* Takes @index and its rows (sorted by self->spec), and shows them filtered
 * as one items-changed. */
static void
take_index (GuildContactTable *self,
            GuildContactIndex *index,
            GArray            *rows)
{
  g_autoptr(GuildContactIndex) old_index = g_steal_pointer (&self->index);
  g_autoptr(GArray) old_all = g_steal_pointer (&self->all);

  self->index = index;
  self->all = rows;
  /* The old entries stay alive until the view was told. */
  refilter_from (self, self->all, old_all->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INDEX]);
}

/* The first place in @array where @row belongs. */
static guint
bisect (GuildContactTable *self,
        GArray            *array,
        Row                row)
{
  guint lo = 0;
  guint hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_entries (g_array_index (array, Row, mid), row, &self->spec) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gboolean
find_row (GArray *array,
          Row     row,
          guint  *position)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, Row, i) == row)
      {
        *position = i;
        return TRUE;
      }

  return FALSE;
}

static void
remove_row (GuildContactTable *self,
            Row                row)
{
  guint position;

  if (find_row (self->all, row, &position))
    g_array_remove_index (self->all, position);
  if (find_row (self->visible, row, &position))
    {
      g_array_remove_index (self->visible, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
}

static void
insert_row (GuildContactTable *self,
            Row                row)
{
  g_array_insert_val (self->all, bisect (self, self->all, row), row);
  if (row_matches (self, row))
    {
      guint position = bisect (self, self->visible, row);

      g_array_insert_val (self->visible, position, row);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
}

/* Section: loading */

typedef struct
{
  char     *path;
  SortSpec  spec;
} LoadData;

typedef struct
{
  GuildContactIndex *index;
  GArray            *rows;
  SortSpec           spec;
} Loaded;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_free (d->path);
  g_free (d);
}

static void
loaded_free (gpointer data)
{
  Loaded *l = data;

  g_clear_pointer (&l->rows, g_array_unref);
  g_clear_pointer (&l->index, guild_contact_index_unref);
  g_free (l);
}

/* The worker reads the index and sorts its rows: everything that grows with
 * the number of contacts. */
static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *d = task_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded;
  GuildContactIndex *index;

  index = guild_contact_index_load_file (d->path, cancellable, &error);
  if (index == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  loaded = g_new0 (Loaded, 1);
  loaded->index = index;
  loaded->spec = d->spec;
  loaded->rows = sorted_rows (index, &d->spec);
  g_task_return_pointer (task, loaded, loaded_free);
}

static void start_load (GuildContactTable *self);

static void
set_loading (GuildContactTable *self,
             gboolean           loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GuildContactTable) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (loaded == NULL)
    {
      /* A newer load replaced this one, or the table went. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not read the contacts index: %s", error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      self->stale = FALSE;
      set_loading (self, FALSE);
      return;
    }

  g_clear_error (&self->error);
  /* The sort changed while the worker sorted: sorted again here. */
  if (loaded->spec.sort != self->spec.sort || loaded->spec.descending != self->spec.descending)
    sort_rows (loaded->rows, &self->spec);
  take_index (self, g_steal_pointer (&loaded->index), g_steal_pointer (&loaded->rows));
  loaded_free (loaded);

  if (self->stale)
    {
      /* The store changed while it was read: once more. */
      self->stale = FALSE;
      start_load (self);
      return;
    }
  set_loading (self, FALSE);
}

static void
start_load (GuildContactTable *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *d;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  d = g_new0 (LoadData, 1);
  d->path = g_strdup (guild_store_get_path (self->store));
  d->spec = self->spec;

  set_loading (self, TRUE);
  task = g_task_new (NULL, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, d, load_data_free);
  g_task_run_in_thread (task, load_worker);
}

/* Section: following the store */

static void
contact_changed (GuildContactTable *self,
                 gint64             id)
{
  g_autoptr(GuildRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  guint old_visible = self->visible->len;
  guint old_total = self->all->len;
  Row row;

  record = guild_store_load (self->store, GUILD_RECORD_CONTACT, id, &error);
  if (record == NULL)
    {
      g_warning ("Could not read a changed contact: %s", error->message);
      return;
    }

  /* The entry keeps its address: out of the rows, recomputed, back in where
   * it now belongs. The record is dropped. */
  row = guild_contact_index_lookup (self->index, id);
  if (row != NULL)
    remove_row (self, row);
  row = guild_contact_index_update (self->index, record);
  insert_row (self, row);
  notify_counts (self, old_visible, old_total);
}

static void
contact_removed (GuildContactTable *self,
                 gint64             id)
{
  guint old_visible = self->visible->len;
  guint old_total = self->all->len;
  Row row = guild_contact_index_lookup (self->index, id);

  if (row == NULL)
    return;
  remove_row (self, row);
  guild_contact_index_remove (self->index, id);
  notify_counts (self, old_visible, old_total);
}

static void
on_store_changed_cb (GuildContactTable *self,
                     guint              kind,
                     gint64             id,
                     guint              change,
                     GuildStore        *store)
{
  g_assert (GUILD_IS_CONTACT_TABLE (self));

  if (kind != GUILD_RECORD_CONTACT)
    return;

  /* Before the first load nothing is shown; the load will see the change.
   * During a load its snapshot may miss it: read again afterwards. */
  if (self->index == NULL && !self->loading)
    return;
  if (self->loading || change == GUILD_CHANGE_RESET)
    guild_contact_table_load (self);
  if (self->index == NULL)
    return;

  switch ((GuildChange) change)
    {
    case GUILD_CHANGE_ADDED:
    case GUILD_CHANGE_CHANGED:
      contact_changed (self, id);
      break;

    case GUILD_CHANGE_REMOVED:
      contact_removed (self, id);
      break;

    case GUILD_CHANGE_RESET:
    default:
      break;
    }
}

/* Section: GObject */

static void
guild_contact_table_dispose (GObject *object)
{
  GuildContactTable *self = (GuildContactTable *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_contact_table_parent_class)->dispose (object);
}

static void
guild_contact_table_finalize (GObject *object)
{
  GuildContactTable *self = (GuildContactTable *)object;

  g_clear_pointer (&self->all, g_array_unref);
  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_error (&self->error);
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

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_INDEX:
      g_value_set_boxed (value, self->index);
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
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_INDEX] =
    g_param_spec_boxed ("index", NULL, NULL, GUILD_TYPE_CONTACT_INDEX,
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
  const GuildVocabEntry *sorted[RELATIONSHIP_RANKS];
  guint n_entries;

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
    self->spec.relationship_rank[sorted[i] - entries] = (int) i;
}

/* Section: public API */

/**
 * guild_contact_table_new:
 * @store: the store whose contacts to show
 *
 * Returns: (transfer full): a table that shows nothing until its index is
 *   read (guild_contact_table_load()) or given (guild_contact_table_set_index())
 */
GuildContactTable *
guild_contact_table_new (GuildStore *store)
{
  GuildContactTable *self;

  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);

  self = g_object_new (GUILD_TYPE_CONTACT_TABLE, NULL);
  self->store = g_object_ref (store);
  self->changed_handler =
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);

  return self;
}

/**
 * guild_contact_table_get_store:
 *
 * Returns: (transfer none): the store
 */
GuildStore *
guild_contact_table_get_store (GuildContactTable *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), NULL);

  return self->store;
}

/**
 * guild_contact_table_load:
 *
 * Reads the contacts' index on a worker, sorted there in the table's order,
 * and then shows every contact, sorted and filtered, as one items-changed.
 * While a read is under way, another one is made after it (the store
 * changed since it began). #GuildContactTable:loading is true meanwhile.
 */
void
guild_contact_table_load (GuildContactTable *self)
{
  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));

  if (self->loading)
    {
      self->stale = TRUE;
      return;
    }
  start_load (self);
}

gboolean
guild_contact_table_get_loading (GuildContactTable *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), FALSE);

  return self->loading;
}

/**
 * guild_contact_table_get_error:
 *
 * Returns: (transfer none) (nullable): why the last read of the index failed
 */
const GError *
guild_contact_table_get_error (GuildContactTable *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), NULL);

  return self->error;
}

/**
 * guild_contact_table_set_index:
 * @index: (nullable): the index to sort and filter by
 *
 * Takes an index read elsewhere (guild_store_load_contact_index()), sorts
 * it here, and shows its contacts, sorted and filtered, as one
 * items-changed.
 */
void
guild_contact_table_set_index (GuildContactTable *self,
                               GuildContactIndex *index)
{
  GArray *rows;

  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));

  if (index != NULL)
    rows = sorted_rows (index, &self->spec);
  else
    rows = g_array_new (FALSE, FALSE, sizeof (Row));
  take_index (self, index != NULL ? guild_contact_index_ref (index) : NULL, rows);
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

  if (self->spec.sort == sort && self->spec.descending == !!descending)
    return;

  self->spec.sort = sort;
  self->spec.descending = !!descending;
  resort (self);
}

GuildContactSort
guild_contact_table_get_sort (GuildContactTable *self,
                              gboolean          *descending)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), GUILD_CONTACT_SORT_NAME);

  if (descending != NULL)
    *descending = self->spec.descending;
  return self->spec.sort;
}

static void
filter_changed (GuildContactTable *self,
                gboolean           stricter,
                gboolean           was_filtered)
{
  if (stricter)
    {
      g_autoptr(GArray) shown = g_array_ref (self->visible);

      refilter_from (self, shown, self->all->len);
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

  return g_array_index (self->visible, Row, position);
}

/**
 * guild_contact_table_get_id:
 *
 * Returns: the id of the contact shown at @position, 0 past the end
 */
gint64
guild_contact_table_get_id (GuildContactTable *self,
                            guint              position)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (self), 0);

  if (position >= self->visible->len)
    return 0;

  return g_array_index (self->visible, Row, position)->id;
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
    if (g_array_index (self->visible, Row, i)->id == id)
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
  guint position;
  GuildContactEntry *entry;

  g_return_if_fail (GUILD_IS_CONTACT_TABLE (self));

  if (self->index == NULL || (entry = guild_contact_index_lookup (self->index, id)) == NULL ||
      !find_row (self->all, entry, &position))
    return;

  old_visible = self->visible->len;
  remove_row (self, entry);
  insert_row (self, entry);
  notify_counts (self, old_visible, self->all->len);
}
