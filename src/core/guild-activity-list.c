/* guild-activity-list.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-activity-list"

#include "config.h"

#include "guild-activity-list.h"
#include "guild-records.h"

/* GuildActivityList is a GListModel of the activities that pass a filter,
 * newest first, fit for a million rows: it holds only their ids, read on a
 * worker (guild_store_query_activities_async), and makes a GuildActivity for
 * a position when a view asks for it (a single-row read; a list view asks for
 * the few rows on screen). It loads in two steps, the first page and then
 * everything, so a filter change shows its first rows as soon as SQLite finds
 * them. It follows the store: a change of an activity reloads the ids and
 * splices only the stretch that differs, so the view keeps its place. */

/* The first step's size: more than a screen of rows. */
#define FIRST_PAGE 200

/* Items kept alive between get_item() calls, to hand a view the same object
 * for the same row while it scrolls; cleared wholesale past this size. */
#define MAX_CACHED 2048

struct _GuildActivityList
{
  GObject              parent_instance;

  /* Owned */
  GuildStore          *store;
  GuildActivityFilter *filter;
  GArray              *ids;
  GHashTable          *items;            /* id → GuildActivity */
  GHashTable          *community_names;  /* id → name */
  GCancellable        *cancellable;

  guint                reload_source;
  guint                loading : 1;
  guint                complete : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GuildActivityList, guild_activity_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void start_query (GuildActivityList *self,
                         guint              limit);

/* Section: GListModel */

static GType
guild_activity_list_get_item_type (GListModel *model)
{
  return GUILD_TYPE_ACTIVITY;
}

static guint
guild_activity_list_get_n_items (GListModel *model)
{
  return GUILD_ACTIVITY_LIST (model)->ids->len;
}

static gpointer
guild_activity_list_get_item (GListModel *model,
                              guint       position)
{
  GuildActivityList *self = GUILD_ACTIVITY_LIST (model);
  g_autoptr(GError) error = NULL;
  GuildRecord *record;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  record = g_hash_table_lookup (self->items, &id);
  if (record != NULL)
    return g_object_ref (record);

  record = guild_store_load (self->store, GUILD_RECORD_ACTIVITY, id, &error);
  if (record == NULL)
    {
      /* Removed since the ids were read: the reload on its way takes the
       * row out. Until then the row shows an empty activity. */
      g_debug ("Activity %" G_GINT64_FORMAT " is gone: %s", id, error->message);
      record = GUILD_RECORD (guild_activity_new ("read", 0));
      return record;
    }

  if (g_hash_table_size (self->items) >= MAX_CACHED)
    g_hash_table_remove_all (self->items);
  g_hash_table_insert (self->items, g_memdup2 (&id, sizeof id), g_object_ref (record));

  return record;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = guild_activity_list_get_item_type;
  iface->get_n_items = guild_activity_list_get_n_items;
  iface->get_item = guild_activity_list_get_item;
}

/* Section: loading */

static void
set_loading (GuildActivityList *self,
             gboolean           loading,
             gboolean           complete)
{
  if (self->loading != !!loading)
    {
      self->loading = !!loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
    }
  if (self->complete != !!complete)
    {
      self->complete = !!complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPLETE]);
    }
}

/* Replaces the ids, announcing only the stretch between the common head and
 * the common tail, so that one added row is one inserted item. */
static void
take_ids (GuildActivityList *self,
          GArray            *ids)
{
  const gint64 *old = (const gint64 *) (gpointer) self->ids->data;
  const gint64 *new = (const gint64 *) (gpointer) ids->data;
  guint n_old = self->ids->len;
  guint n_new = ids->len;
  guint head = 0;
  guint tail = 0;

  while (head < n_old && head < n_new && old[head] == new[head])
    head++;
  while (tail < n_old - head && tail < n_new - head &&
         old[n_old - 1 - tail] == new[n_new - 1 - tail])
    tail++;

  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);

  if (n_old - head - tail > 0 || n_new - head - tail > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), head, n_old - head - tail,
                                n_new - head - tail);
}

/* Which step a query callback finishes. */
typedef struct
{
  GuildActivityList *self;
  guint              limit;
} Step;

static void
on_query_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Step *step = user_data;
  g_autoptr(GuildActivityList) self = step->self;
  guint limit = step->limit;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_free (step);

  ids = guild_store_query_activities_finish (GUILD_STORE (object), result, &error);
  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not read the activities: %s", error->message);
          set_loading (self, FALSE, FALSE);
        }
      return;
    }

  /* A first page that came back short is already everything. */
  if (limit > 0 && ids->len >= limit)
    {
      /* Keep what the view has beyond the first page until all is read, so
       * that a reload after a change does not shrink the list meanwhile: the
       * old rows after the page's last row follow it. */
      if (self->complete && self->ids->len > 0)
        {
          g_autoptr(GArray) merged = g_array_copy (ids);
          gint64 last = g_array_index (ids, gint64, ids->len - 1);
          const gint64 *old = (const gint64 *) (gpointer) self->ids->data;
          guint k;

          for (k = 0; k < self->ids->len && old[k] != last; k++)
            ;
          if (k + 1 < self->ids->len)
            g_array_append_vals (merged, old + k + 1, self->ids->len - k - 1);
          take_ids (self, merged);
        }
      else
        take_ids (self, ids);
      start_query (self, 0);
      return;
    }

  take_ids (self, ids);
  set_loading (self, FALSE, TRUE);
}

static void
start_query (GuildActivityList *self,
             guint              limit)
{
  g_autoptr(GuildActivityFilter) filter = guild_activity_filter_copy (self->filter);
  Step *step = g_new0 (Step, 1);

  if (limit > 0)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }

  filter->limit = limit;
  set_loading (self, TRUE, self->complete);

  step->self = g_object_ref (self);
  step->limit = limit;
  guild_store_query_activities_async (self->store, filter, self->cancellable,
                                      on_query_cb, step);
}

static void
reload (GuildActivityList *self)
{
  g_hash_table_remove_all (self->items);
  start_query (self, FIRST_PAGE);
}

static gboolean
reload_cb (gpointer user_data)
{
  GuildActivityList *self = user_data;

  self->reload_source = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
queue_reload (GuildActivityList *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_LOW, reload_cb, self, NULL);
}

static void
on_store_changed_cb (GuildActivityList *self,
                     guint              kind,
                     gint64             id,
                     guint              change,
                     GuildStore        *store)
{
  g_assert (GUILD_IS_ACTIVITY_LIST (self));

  if (kind == GUILD_RECORD_COMMUNITY)
    {
      g_hash_table_remove_all (self->community_names);
      /* Rows show the community's name, and a search may match it. */
      queue_reload (self);
      return;
    }

  if (kind == GUILD_RECORD_CONTACT &&
      (self->filter->contact_id != 0 || (self->filter->search && *self->filter->search)))
    {
      queue_reload (self);
      return;
    }

  if (kind != GUILD_RECORD_ACTIVITY)
    return;

  if (change == GUILD_CHANGE_CHANGED && id != 0)
    {
      GuildRecord *record = g_hash_table_lookup (self->items, &id);

      /* The object on screen changes in place, so its row updates. */
      if (record != NULL)
        guild_store_reload (self->store, record, NULL);
    }

  queue_reload (self);
}

/* Section: GObject */

static void
guild_activity_list_dispose (GObject *object)
{
  GuildActivityList *self = (GuildActivityList *)object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_activity_list_parent_class)->dispose (object);
}

static void
guild_activity_list_finalize (GObject *object)
{
  GuildActivityList *self = (GuildActivityList *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->community_names, g_hash_table_unref);
  g_clear_pointer (&self->filter, guild_activity_filter_free);

  G_OBJECT_CLASS (guild_activity_list_parent_class)->finalize (object);
}

static void
guild_activity_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GuildActivityList *self = GUILD_ACTIVITY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_activity_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GuildActivityList *self = GUILD_ACTIVITY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_activity_list_class_init (GuildActivityListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = guild_activity_list_dispose;
  object_class->finalize = guild_activity_list_finalize;
  object_class->get_property = guild_activity_list_get_property;
  object_class->set_property = guild_activity_list_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Whether a query is running. */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether every matching activity is in the list (not only the first page). */
  properties [PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
guild_activity_list_init (GuildActivityList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->community_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->filter = guild_activity_filter_new ();
}

/* Section: public API */

/**
 * guild_activity_list_new:
 *
 * Returns: (transfer full): an empty list; set a filter to load it
 */
GuildActivityList *
guild_activity_list_new (GuildStore *store)
{
  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);

  return g_object_new (GUILD_TYPE_ACTIVITY_LIST, "store", store, NULL);
}

GuildStore *
guild_activity_list_get_store (GuildActivityList *self)
{
  g_return_val_if_fail (GUILD_IS_ACTIVITY_LIST (self), NULL);

  return self->store;
}

const GuildActivityFilter *
guild_activity_list_get_filter (GuildActivityList *self)
{
  g_return_val_if_fail (GUILD_IS_ACTIVITY_LIST (self), NULL);

  return self->filter;
}

/**
 * guild_activity_list_set_filter:
 *
 * Shows the activities that pass @filter (its limit is ignored), loading
 * them asynchronously. Setting the same filter again reloads.
 */
void
guild_activity_list_set_filter (GuildActivityList         *self,
                                const GuildActivityFilter *filter)
{
  g_return_if_fail (GUILD_IS_ACTIVITY_LIST (self));
  g_return_if_fail (filter != NULL);

  guild_activity_filter_free (self->filter);
  self->filter = guild_activity_filter_copy (filter);
  self->filter->limit = 0;
  g_clear_handle_id (&self->reload_source, g_source_remove);

  /* A new filter is a new list, and never mixes with the old one's tail. */
  set_loading (self, self->loading, FALSE);
  reload (self);
}

gboolean
guild_activity_list_get_loading (GuildActivityList *self)
{
  g_return_val_if_fail (GUILD_IS_ACTIVITY_LIST (self), FALSE);

  return self->loading;
}

gboolean
guild_activity_list_get_complete (GuildActivityList *self)
{
  g_return_val_if_fail (GUILD_IS_ACTIVITY_LIST (self), FALSE);

  return self->complete;
}

/**
 * guild_activity_list_get_id:
 *
 * Returns: the id of the activity at @position, without loading it
 */
gint64
guild_activity_list_get_id (GuildActivityList *self,
                            guint              position)
{
  g_return_val_if_fail (GUILD_IS_ACTIVITY_LIST (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}

/**
 * guild_activity_list_community_name:
 * @id: a community id (0: none)
 *
 * The name of a community, read once and remembered until a community
 * changes, for the rows.
 *
 * Returns: (nullable): the name, or %NULL for none
 */
const char *
guild_activity_list_community_name (GuildActivityList *self,
                                    gint64             id)
{
  g_autoptr(GuildRecord) community = NULL;
  const char *name;

  g_return_val_if_fail (GUILD_IS_ACTIVITY_LIST (self), NULL);

  if (id <= 0)
    return NULL;

  name = g_hash_table_lookup (self->community_names, &id);
  if (name != NULL)
    return name;

  community = guild_store_load (self->store, GUILD_RECORD_COMMUNITY, id, NULL);
  if (community == NULL)
    return NULL;

  name = g_strdup (guild_record_get_text (community, "name"));
  g_hash_table_insert (self->community_names, g_memdup2 (&id, sizeof id), (char *) name);
  return name;
}
