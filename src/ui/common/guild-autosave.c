/* guild-autosave.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-autosave"

#include "config.h"

#include "guild-autosave.h"

/* Edits are saved as the user types: each edit calls
 * guild_autosave_schedule(), which (re)starts a short timer; when typing
 * pauses, ::save is emitted once. Whoever owns the edited record calls
 * guild_autosave_flush() before the record goes away (another row is
 * chosen, the page is hidden, the window closes), so nothing typed is ever
 * lost to the timer. */

struct _GuildAutosave
{
  GObject parent_instance;

  guint   delay_ms;
  guint   timeout_id;
};

enum {
  SAVE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (GuildAutosave, guild_autosave, G_TYPE_OBJECT)

static gboolean
on_timeout_cb (gpointer user_data)
{
  GuildAutosave *self = user_data;

  self->timeout_id = 0;
  g_signal_emit (self, signals [SAVE], 0);

  return G_SOURCE_REMOVE;
}

static void
guild_autosave_dispose (GObject *object)
{
  GuildAutosave *self = (GuildAutosave *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (guild_autosave_parent_class)->dispose (object);
}

static void
guild_autosave_class_init (GuildAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = guild_autosave_dispose;

  /**
   * GuildAutosave::save:
   *
   * Time to write the pending edits.
   */
  signals [SAVE] =
    g_signal_new ("save",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
guild_autosave_init (GuildAutosave *self)
{
  self->delay_ms = GUILD_AUTOSAVE_DELAY_MS;
}

/**
 * guild_autosave_new:
 * @delay_ms: how long edits must pause before ::save, or 0 for
 *   %GUILD_AUTOSAVE_DELAY_MS
 */
GuildAutosave *
guild_autosave_new (guint delay_ms)
{
  GuildAutosave *self = g_object_new (GUILD_TYPE_AUTOSAVE, NULL);

  if (delay_ms > 0)
    self->delay_ms = delay_ms;

  return self;
}

/**
 * guild_autosave_schedule:
 *
 * Notes an edit: ::save follows once no edit has come for the delay.
 */
void
guild_autosave_schedule (GuildAutosave *self)
{
  g_return_if_fail (GUILD_IS_AUTOSAVE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->delay_ms, on_timeout_cb, self);
}

/**
 * guild_autosave_flush:
 *
 * Emits ::save now if an edit is waiting.
 *
 * Returns: whether anything was waiting
 */
gboolean
guild_autosave_flush (GuildAutosave *self)
{
  g_return_val_if_fail (GUILD_IS_AUTOSAVE (self), FALSE);

  if (self->timeout_id == 0)
    return FALSE;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_signal_emit (self, signals [SAVE], 0);

  return TRUE;
}

/**
 * guild_autosave_cancel:
 *
 * Forgets a waiting edit (its record is gone).
 */
void
guild_autosave_cancel (GuildAutosave *self)
{
  g_return_if_fail (GUILD_IS_AUTOSAVE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

gboolean
guild_autosave_get_pending (GuildAutosave *self)
{
  g_return_val_if_fail (GUILD_IS_AUTOSAVE (self), FALSE);

  return self->timeout_id != 0;
}
