/* guild-contact-slots.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-contact-slots"

#include "config.h"

#include "guild-contact-slots.h"

/* GuildContactSlots is what the contacts view shows: a list as long as its
 * GuildContactTable whose items are row slots (GuildContactSlot), each
 * standing for a position of the table rather than for a contact.
 *
 * A list or column view (GTK 4.8) answers an items-changed over the whole
 * list by dropping every row widget and building them again, and a search
 * keystroke, a filter or a sort changes the whole table. Here such a change
 * keeps the slots: only the difference in length comes out as items-changed
 * (rows removed or added at the end), and the slots still alive (those of the
 * rows on screen, as the view holds only those) emit "changed", so that the
 * view fills its existing widgets again instead of rebuilding them; then
 * "contents-changed" says that every position now shows another contact.
 *
 * The view keeps widgets for about 200 rows around the ones on screen; only
 * the slots in the hot range (guild_contact_slots_set_hot_range(): the rows
 * on screen) are told at once, the others from an idle after the next frame,
 * a few at a time, or as soon as the hot range reaches them.
 *
 * Changes that only add or only remove rows (a contact added, edited or
 * deleted: the table says it as a removal and an insertion) come out as they
 * are, and the slots after them move with their rows.
 *
 * When the list fills from empty (the contacts were read), the view would
 * build the widgets of about 200 rows before its first frame with rows; only
 * the rows up to the end of the hot range are shown at first, and the rest
 * once the view asks for them (guild_contact_slots_complete(), after that
 * frame), so that the rows on screen are painted in one frame. */

#define IDLE_BATCH 16

struct _GuildContactSlot
{
  GObject            parent_instance;

  GuildContactSlots *owner;     /* unowned; NULL once the slot left the list */
  guint              position;
  guint              stale : 1;  /* to be told "changed" */
};

struct _GuildContactSlots
{
  GObject            parent_instance;

  GuildContactTable *table;
  GHashTable        *live;      /* position → GuildContactSlot, unowned */
  gulong             items_changed_handler;
  guint              n_items;
  guint              pending;   /* rows of the table not shown yet */
  guint              hot_first;
  guint              hot_n;
  guint              refresh_source;
};

enum {
  SLOT_CHANGED,
  N_SLOT_SIGNALS
};

static guint slot_signals [N_SLOT_SIGNALS];

enum {
  CONTENTS_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (GuildContactSlot, guild_contact_slot, G_TYPE_OBJECT)

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GuildContactSlots, guild_contact_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Section: GuildContactSlot */

static void
guild_contact_slot_finalize (GObject *object)
{
  GuildContactSlot *self = (GuildContactSlot *)object;

  if (self->owner != NULL &&
      g_hash_table_lookup (self->owner->live, GUINT_TO_POINTER (self->position)) == self)
    g_hash_table_remove (self->owner->live, GUINT_TO_POINTER (self->position));

  G_OBJECT_CLASS (guild_contact_slot_parent_class)->finalize (object);
}

static void
guild_contact_slot_class_init (GuildContactSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = guild_contact_slot_finalize;

  /**
   * GuildContactSlot::changed:
   *
   * The contact at the slot's position is another one (or the same one,
   * changed): whatever shows the slot reads it again.
   */
  slot_signals [SLOT_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
guild_contact_slot_init (GuildContactSlot *self)
{
}

/**
 * guild_contact_slot_get_position:
 *
 * Returns: the slot's position in the table (G_MAXUINT once it left the list)
 */
guint
guild_contact_slot_get_position (GuildContactSlot *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_SLOT (self), G_MAXUINT);

  return self->owner != NULL ? self->position : G_MAXUINT;
}

/* Section: GListModel */

static GType
guild_contact_slots_get_item_type (GListModel *model)
{
  return GUILD_TYPE_CONTACT_SLOT;
}

static guint
guild_contact_slots_get_n_items (GListModel *model)
{
  return GUILD_CONTACT_SLOTS (model)->n_items;
}

static gpointer
guild_contact_slots_get_item (GListModel *model,
                              guint       position)
{
  GuildContactSlots *self = GUILD_CONTACT_SLOTS (model);
  GuildContactSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  slot = g_object_new (GUILD_TYPE_CONTACT_SLOT, NULL);
  slot->owner = self;
  slot->position = position;
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = guild_contact_slots_get_item_type;
  iface->get_n_items = guild_contact_slots_get_n_items;
  iface->get_item = guild_contact_slots_get_item;
}

/* Section: following the table */

static GPtrArray *
take_live (GuildContactSlots *self)
{
  GPtrArray *slots = g_ptr_array_new_full (g_hash_table_size (self->live), g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (slots, g_object_ref (value));
  g_hash_table_remove_all (self->live);

  return slots;
}

/* The slots at @position and after it move by @added - @removed; those of
 * the removed rows leave the list. */
static void
move_slots (GuildContactSlots *self,
            guint              position,
            guint              removed,
            guint              added)
{
  g_autoptr(GPtrArray) slots = take_live (self);

  for (guint i = 0; i < slots->len; i++)
    {
      GuildContactSlot *slot = g_ptr_array_index (slots, i);

      if (slot->position >= position + removed)
        slot->position = slot->position - removed + added;
      else if (slot->position >= position)
        {
          slot->owner = NULL;
          continue;
        }
      g_hash_table_insert (self->live, GUINT_TO_POINTER (slot->position), slot);
    }
}

static void
tell_slot (GuildContactSlot *slot)
{
  slot->stale = FALSE;
  g_signal_emit (slot, slot_signals [SLOT_CHANGED], 0);
}

static gboolean
is_hot (GuildContactSlots *self,
        guint              position)
{
  return position >= self->hot_first && position - self->hot_first < self->hot_n;
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const GuildContactSlot *sa = *(GuildContactSlot * const *) a;
  const GuildContactSlot *sb = *(GuildContactSlot * const *) b;

  return sa->position < sb->position ? -1 : sa->position > sb->position;
}

/* Tells the stale slots, the hot ones (@hot_only) or a batch of any. */
static guint
tell_stale (GuildContactSlots *self,
            gboolean           hot_only,
            guint              max)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;
  guint n_stale = 0;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GuildContactSlot *slot = value;

      if (!slot->stale)
        continue;
      n_stale++;
      if (hot_only && !is_hot (self, slot->position))
        continue;
      g_ptr_array_add (slots, g_object_ref (slot));
    }

  /* Kept alive while they are told, in the order of the rows. */
  g_ptr_array_sort (slots, compare_slots);
  for (guint i = 0; i < slots->len && i < max; i++)
    {
      GuildContactSlot *slot = g_ptr_array_index (slots, i);

      if (slot->owner == self && slot->stale)
        {
          tell_slot (slot);
          n_stale--;
        }
    }

  return n_stale;
}

static gboolean
refresh_cb (gpointer user_data)
{
  GuildContactSlots *self = user_data;

  if (tell_stale (self, FALSE, IDLE_BATCH) > 0)
    return G_SOURCE_CONTINUE;

  self->refresh_source = 0;
  return G_SOURCE_REMOVE;
}

/* The whole list changed from @position on: the slots stay, only the
 * difference in length is an items-changed. */
static void
whole_change (GuildContactSlots *self,
              guint              position,
              guint              new_n)
{
  g_autoptr(GPtrArray) slots = NULL;
  guint old_n = self->n_items;

  /* Keep the slots; the rows past the new end go, or new ones come. */
  self->n_items = new_n;
  if (new_n < old_n)
    {
      move_slots (self, new_n, old_n - new_n, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
    }
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);

  /* Every slot from @position on shows another contact: those on screen
   * are told now, the others after the next frame. */
  slots = take_live (self);
  for (guint i = 0; i < slots->len; i++)
    {
      GuildContactSlot *slot = g_ptr_array_index (slots, i);

      g_hash_table_insert (self->live, GUINT_TO_POINTER (slot->position), slot);
      if (slot->position >= position)
        slot->stale = TRUE;
    }
  if (tell_stale (self, TRUE, G_MAXUINT) > 0 && self->refresh_source == 0)
    {
      self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
      g_source_set_name_by_id (self->refresh_source, "[guild] refresh contact slots");
    }

  g_signal_emit (self, signals [CONTENTS_CHANGED], 0);
}

static void
on_table_items_changed_cb (GuildContactSlots *self,
                           guint              position,
                           guint              removed,
                           guint              added,
                           GListModel        *table)
{
  guint new_n = g_list_model_get_n_items (table);
  guint hot_end = self->hot_n == G_MAXUINT ? G_MAXUINT : self->hot_first + self->hot_n;

  /* Shown in part: whatever changed, the rows shown now are the table's
   * first ones. */
  if (self->pending > 0)
    {
      self->pending = 0;
      whole_change (self, 0, new_n);
      return;
    }

  /* Filled from empty: the rows on screen first. */
  if (self->n_items == 0 && removed == 0 && added > hot_end && hot_end > 0)
    {
      self->n_items = hot_end;
      self->pending = added - hot_end;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, hot_end);
      return;
    }

  /* Rows only added or only removed: said as it is. */
  if (removed == 0 || added == 0)
    {
      move_slots (self, position, removed, added);
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  whole_change (self, position, new_n);
}

/* Section: GObject */

static void
guild_contact_slots_dispose (GObject *object)
{
  GuildContactSlots *self = (GuildContactSlots *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->table != NULL)
    g_clear_signal_handler (&self->items_changed_handler, self->table);
  g_clear_object (&self->table);
  if (self->live != NULL)
    {
      g_autoptr(GPtrArray) slots = take_live (self);

      for (guint i = 0; i < slots->len; i++)
        ((GuildContactSlot *) g_ptr_array_index (slots, i))->owner = NULL;
    }

  G_OBJECT_CLASS (guild_contact_slots_parent_class)->dispose (object);
}

static void
guild_contact_slots_finalize (GObject *object)
{
  GuildContactSlots *self = (GuildContactSlots *)object;

  g_clear_pointer (&self->live, g_hash_table_unref);

  G_OBJECT_CLASS (guild_contact_slots_parent_class)->finalize (object);
}

static void
guild_contact_slots_class_init (GuildContactSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = guild_contact_slots_dispose;
  object_class->finalize = guild_contact_slots_finalize;

  /**
   * GuildContactSlots::contents-changed:
   *
   * The table changed as a whole (a search, a filter, a sort, a reload):
   * every position may show another contact than before, though no
   * items-changed said so. A selection by position no longer means the same
   * contacts.
   */
  signals [CONTENTS_CHANGED] =
    g_signal_new ("contents-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
}

static void
guild_contact_slots_init (GuildContactSlots *self)
{
  self->live = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->hot_n = G_MAXUINT;
}

/* Section: public API */

/**
 * guild_contact_slots_new:
 * @table: the table to follow
 *
 * Returns: (transfer full): a list of slots as long as @table
 */
GuildContactSlots *
guild_contact_slots_new (GuildContactTable *table)
{
  GuildContactSlots *self;

  g_return_val_if_fail (GUILD_IS_CONTACT_TABLE (table), NULL);

  self = g_object_new (GUILD_TYPE_CONTACT_SLOTS, NULL);
  self->table = g_object_ref (table);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (table));
  self->items_changed_handler =
    g_signal_connect_object (table, "items-changed", G_CALLBACK (on_table_items_changed_cb),
                             self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * guild_contact_slots_get_table:
 *
 * Returns: (transfer none): the table
 */
GuildContactTable *
guild_contact_slots_get_table (GuildContactSlots *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_SLOTS (self), NULL);

  return self->table;
}

/**
 * guild_contact_slots_set_hot_range:
 * @first: the first position on screen
 * @n: how many rows are on screen
 *
 * After a change of the whole table, the slots of these rows are told at
 * once, the others later. Stale slots that come into the range are told
 * now.
 */
void
guild_contact_slots_set_hot_range (GuildContactSlots *self,
                                   guint              first,
                                   guint              n)
{
  g_return_if_fail (GUILD_IS_CONTACT_SLOTS (self));

  self->hot_first = first;
  self->hot_n = n;
  if (self->refresh_source != 0)
    tell_stale (self, TRUE, G_MAXUINT);
}

/**
 * guild_contact_slots_flush:
 *
 * Tells every stale slot now.
 */
void
guild_contact_slots_flush (GuildContactSlots *self)
{
  g_return_if_fail (GUILD_IS_CONTACT_SLOTS (self));

  tell_stale (self, FALSE, G_MAXUINT);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
}

/**
 * guild_contact_slots_get_pending:
 *
 * Returns: how many rows of the table are not in the list yet (after it
 *   filled from empty, only the hot range is)
 */
guint
guild_contact_slots_get_pending (GuildContactSlots *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_SLOTS (self), 0);

  return self->pending;
}

/**
 * guild_contact_slots_complete:
 *
 * Adds the rows not in the list yet, at its end (after the frame that
 * painted the first ones).
 */
void
guild_contact_slots_complete (GuildContactSlots *self)
{
  guint old_n;
  guint added;

  g_return_if_fail (GUILD_IS_CONTACT_SLOTS (self));

  if (self->pending == 0)
    return;
  old_n = self->n_items;
  added = self->pending;
  self->pending = 0;
  self->n_items = old_n + added;
  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, added);
}
