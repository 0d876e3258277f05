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
 * Small changes (a contact added, edited or deleted) come out as they are, and
 * the slots after them move with their rows, so a selection follows them. */

#define SMALL_CHANGE 64

struct _GuildContactSlot
{
  GObject            parent_instance;

  GuildContactSlots *owner;     /* unowned; NULL once the slot left the list */
  guint              position;
};

struct _GuildContactSlots
{
  GObject            parent_instance;

  GuildContactTable *table;
  GHashTable        *live;      /* position → GuildContactSlot, unowned */
  gulong             items_changed_handler;
  guint              n_items;
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

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const GuildContactSlot *sa = *(GuildContactSlot * const *) a;
  const GuildContactSlot *sb = *(GuildContactSlot * const *) b;

  return sa->position < sb->position ? -1 : sa->position > sb->position;
}

static void
on_table_items_changed_cb (GuildContactSlots *self,
                           guint              position,
                           guint              removed,
                           guint              added,
                           GListModel        *table)
{
  g_autoptr(GPtrArray) slots = NULL;
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (table);

  if (removed + added <= SMALL_CHANGE)
    {
      move_slots (self, position, removed, added);
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* Keep the slots; the rows past the new end go, or new ones come. */
  self->n_items = new_n;
  if (new_n < old_n)
    {
      move_slots (self, new_n, old_n - new_n, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
    }
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);

  /* Kept alive while they are told, in the order of the rows. */
  slots = take_live (self);
  for (guint i = 0; i < slots->len; i++)
    {
      GuildContactSlot *slot = g_ptr_array_index (slots, i);

      g_hash_table_insert (self->live, GUINT_TO_POINTER (slot->position), slot);
    }
  g_ptr_array_sort (slots, compare_slots);
  for (guint i = 0; i < slots->len; i++)
    {
      GuildContactSlot *slot = g_ptr_array_index (slots, i);

      if (slot->owner == self && slot->position >= position && slot->position < new_n)
        g_signal_emit (slot, slot_signals [SLOT_CHANGED], 0);
    }

  g_signal_emit (self, signals [CONTENTS_CHANGED], 0);
}

/* Section: GObject */

static void
guild_contact_slots_dispose (GObject *object)
{
  GuildContactSlots *self = (GuildContactSlots *)object;

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
