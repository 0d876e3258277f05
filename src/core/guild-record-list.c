/* guild-record-list.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-record-list"

#include "config.h"

#include "guild-record-list.h"

/* GuildRecordList is the list model that views bind to: every record of one
 * kind, loaded on a worker thread (guild_store_list_async) and then kept in
 * step with the store's "changed" signal one row at a time, so that an edit
 * never reloads the whole list. Each record appears once, as one object, so
 * widgets bound to it see its property notifications.
 */

struct _GuildRecordList
{
  GObject          parent_instance;

  /* Owned */
  GuildStore      *store;
  GPtrArray       *items;
  GHashTable      *by_id;
  GCancellable    *cancellable;
  gulong           changed_handler;

  GuildRecordKind  kind;
  guint            loading : 1;
  guint            loaded : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_KIND,
  PROP_LOADING,
  PROP_LOADED,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GuildRecordList, guild_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Section: GListModel */

static GType
guild_record_list_get_item_type (GListModel *model)
{
  GuildRecordList *self = GUILD_RECORD_LIST (model);

  return guild_record_kind_get_type (self->kind);
}

static guint
guild_record_list_get_n_items (GListModel *model)
{
  GuildRecordList *self = GUILD_RECORD_LIST (model);

  return self->items->len;
}

static gpointer
guild_record_list_get_item (GListModel *model,
                            guint       position)
{
  GuildRecordList *self = GUILD_RECORD_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = guild_record_list_get_item_type;
  iface->get_n_items = guild_record_list_get_n_items;
  iface->get_item = guild_record_list_get_item;
}

/* Section: helpers */

static void
set_loading (GuildRecordList *self,
             gboolean         loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
index_record (GuildRecordList *self,
              GuildRecord     *record)
{
  gint64 *key = g_new (gint64, 1);

  *key = guild_record_get_id (record);
  g_hash_table_insert (self->by_id, key, record);
}

static void
replace_items (GuildRecordList *self,
               GPtrArray       *records)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->items);
  guint old_len = old->len;

  g_hash_table_remove_all (self->by_id);
  self->items = g_ptr_array_ref (records);
  g_ptr_array_set_free_func (self->items, g_object_unref);

  for (guint i = 0; i < self->items->len; i++)
    index_record (self, g_ptr_array_index (self->items, i));

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
  if (old_len != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static gboolean
position_of (GuildRecordList *self,
             GuildRecord     *record,
             guint           *position)
{
  return g_ptr_array_find (self->items, record, position);
}

static void
list_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GuildRecordList) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = guild_store_list_finish (GUILD_STORE (object), result, &error);
  if (records == NULL)
    {
      /* A newer load replaced this one; it reports for itself. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Could not load the %s list: %s",
                 guild_record_kind_get_table (self->kind), error->message);
      set_loading (self, FALSE);
      return;
    }

  replace_items (self, records);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADED]);
    }
  set_loading (self, FALSE);
}

static void
start_load (GuildRecordList *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_loading (self, TRUE);
  guild_store_list_async (self->store, self->kind, self->cancellable,
                          list_loaded_cb, g_object_ref (self));
}

static void
on_store_changed_cb (GuildRecordList *self,
                     guint            kind,
                     gint64           id,
                     guint            change,
                     GuildStore      *store)
{
  g_autoptr(GError) error = NULL;
  GuildRecord *record;
  guint position;

  g_assert (GUILD_IS_RECORD_LIST (self));

  if (kind != self->kind)
    return;

  /* Before the first load nothing is shown; the load will see the change.
   * During a load the snapshot may miss it, so start again. */
  if (!self->loaded && !self->loading)
    return;
  if (self->loading || change == GUILD_CHANGE_RESET)
    {
      start_load (self);
      return;
    }

  switch ((GuildChange) change)
    {
    case GUILD_CHANGE_ADDED:
      {
        GuildRecord *added = guild_store_load (store, kind, id, &error);

        if (added == NULL)
          {
            g_warning ("Could not read a new record: %s", error->message);
            return;
          }
        g_ptr_array_add (self->items, added);
        index_record (self, added);
        g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
        g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
      }
      break;

    case GUILD_CHANGE_CHANGED:
      record = guild_record_list_find (self, id, &position);
      if (record == NULL)
        return;
      /* Updating the object in place keeps bound widgets; the items-changed
       * lets sorters and filters look at the row again. */
      if (!guild_store_reload (store, record, &error))
        g_warning ("Could not reread a changed record: %s", error->message);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      break;

    case GUILD_CHANGE_REMOVED:
      record = guild_record_list_find (self, id, &position);
      if (record == NULL)
        return;
      g_hash_table_remove (self->by_id, &id);
      g_ptr_array_remove_index (self->items, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
      break;

    case GUILD_CHANGE_RESET:
    default:
      break;
    }
}

/* Section: GObject */

static void
guild_record_list_constructed (GObject *object)
{
  GuildRecordList *self = GUILD_RECORD_LIST (object);

  G_OBJECT_CLASS (guild_record_list_parent_class)->constructed (object);

  g_assert (GUILD_IS_STORE (self->store));

  self->changed_handler =
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
guild_record_list_dispose (GObject *object)
{
  GuildRecordList *self = (GuildRecordList *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_record_list_parent_class)->dispose (object);
}

static void
guild_record_list_finalize (GObject *object)
{
  GuildRecordList *self = (GuildRecordList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);

  G_OBJECT_CLASS (guild_record_list_parent_class)->finalize (object);
}

static void
guild_record_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GuildRecordList *self = GUILD_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_record_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GuildRecordList *self = GUILD_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_record_list_class_init (GuildRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = guild_record_list_constructed;
  object_class->dispose = guild_record_list_dispose;
  object_class->finalize = guild_record_list_finalize;
  object_class->get_property = guild_record_list_get_property;
  object_class->set_property = guild_record_list_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GUILD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, GUILD_RECORD_COURSE, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties [PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
guild_record_list_init (GuildRecordList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* Section: public API */

/**
 * guild_record_list_new:
 * @kind: a kind with many records (not the profile or goals)
 *
 * Returns: (transfer full): an empty list; call guild_record_list_load().
 */
GuildRecordList *
guild_record_list_new (GuildStore      *store,
                       GuildRecordKind  kind)
{
  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < GUILD_RECORD_PROFILE, NULL);

  return g_object_new (GUILD_TYPE_RECORD_LIST, "store", store, "kind", kind, NULL);
}

/**
 * guild_record_list_load:
 *
 * Loads (or reloads) every record on a worker thread. The list is replaced
 * with one items-changed when the records arrive.
 */
void
guild_record_list_load (GuildRecordList *self)
{
  g_return_if_fail (GUILD_IS_RECORD_LIST (self));

  start_load (self);
}

gboolean
guild_record_list_get_loading (GuildRecordList *self)
{
  g_return_val_if_fail (GUILD_IS_RECORD_LIST (self), FALSE);

  return self->loading;
}

gboolean
guild_record_list_get_loaded (GuildRecordList *self)
{
  g_return_val_if_fail (GUILD_IS_RECORD_LIST (self), FALSE);

  return self->loaded;
}

GuildRecordKind
guild_record_list_get_kind (GuildRecordList *self)
{
  g_return_val_if_fail (GUILD_IS_RECORD_LIST (self), 0);

  return self->kind;
}

/**
 * guild_record_list_find:
 * @position: (out) (optional): where the record is
 *
 * Returns: (transfer none) (nullable): the record with @id, if listed.
 */
GuildRecord *
guild_record_list_find (GuildRecordList *self,
                        gint64           id,
                        guint           *position)
{
  GuildRecord *record;

  g_return_val_if_fail (GUILD_IS_RECORD_LIST (self), NULL);

  record = g_hash_table_lookup (self->by_id, &id);
  if (record == NULL)
    return NULL;

  if (position != NULL && !position_of (self, record, position))
    return NULL;

  return record;
}
