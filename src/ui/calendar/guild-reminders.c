/* guild-reminders.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-reminders.h"
#include "guild-window.h"
#include "guild-store-events.h"

/* Reminders while Guild runs: one timer, set for the next reminder the
 * occurrences of the coming days call for (guild_reminder_next()). It is set
 * again after each reminder, whenever the store announces a change to
 * events, and when the lead time changes in Preferences. The occurrences are
 * read on a worker thread. A notification's click opens the event through
 * `app.show-event`. */

/* How far ahead to look for the next reminder, beyond the lead time. */
#define LOOKAHEAD (2 * 24 * 60 * 60)

struct _GuildReminders
{
  GObject       parent_instance;

  /* Borrowed */
  GApplication *application;

  /* Owned */
  GuildStore   *store;
  GSettings    *settings;
  GCancellable *cancellable;
  GPtrArray    *occurrences;
  guint         timer;
  guint         reschedule_source;

  gint64        after;
  gint64        next_fire;
};

G_DEFINE_FINAL_TYPE (GuildReminders, guild_reminders, G_TYPE_OBJECT)

/* A read that was cancelled may also fail otherwise (its database gone
 * with its owner): either way nobody waits for it any more. */
static gboolean
was_cancelled (GAsyncResult *result,
               const GError *error)
{
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         (cancellable != NULL && g_cancellable_is_cancelled (cancellable));
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gint64
lead_seconds (GuildReminders *self)
{
  return (gint64) g_settings_get_int (self->settings, "reminder-minutes") * 60;
}

static void
notify_occurrence (GuildReminders        *self,
                   const GuildOccurrence *occurrence)
{
  g_autoptr(GNotification) notification = g_notification_new (occurrence->title);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (occurrence->start);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  gint64 minutes = (occurrence->start - now_seconds () + 59) / 60;

  /* Translators: a reminder's text; %s is the start time such as 19:00, %d
   * the minutes until then. */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Starts at %s, in %d minute",
                                       "Starts at %s, in %d minutes", (gulong) MAX (minutes, 0)),
                          time, (int) MAX (minutes, 0));
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-event", "(xx)",
                                                occurrence->event_id, occurrence->start);
  id = g_strdup_printf ("event-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                        occurrence->event_id, occurrence->start);
  if (self->application != NULL)
    g_application_send_notification (self->application, id, notification);
}

static void schedule (GuildReminders *self);

static gboolean
fire_cb (gpointer user_data)
{
  GuildReminders *self = user_data;
  gint64 now = now_seconds ();
  gint64 lead = lead_seconds (self);

  self->timer = 0;
  self->next_fire = 0;

  for (guint i = 0; self->occurrences != NULL && i < self->occurrences->len; i++)
    {
      const GuildOccurrence *occurrence = g_ptr_array_index (self->occurrences, i);
      gint64 when = occurrence->start - lead;

      if (!occurrence->all_day && occurrence->start > now && when > self->after && when <= now &&
          g_strcmp0 (occurrence->status, "cancelled") != 0)
        notify_occurrence (self, occurrence);
    }

  self->after = now;
  guild_reminders_reschedule (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (GuildReminders *self)
{
  gint64 now = now_seconds ();
  gint64 fire_at;
  guint index;

  g_clear_handle_id (&self->timer, g_source_remove);
  self->next_fire = 0;

  if (self->occurrences == NULL ||
      !guild_reminder_next (self->occurrences, now, lead_seconds (self), self->after,
                            &fire_at, &index))
    return;

  self->next_fire = fire_at;
  self->timer = g_timeout_add_seconds ((guint) MIN (fire_at - now, LOOKAHEAD), fire_cb, self);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GuildReminders) self = user_data;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;

  occurrences = guild_store_list_occurrences_finish (GUILD_STORE (object), result, &error);
  if (occurrences == NULL)
    {
      if (!was_cancelled (result, error))
        g_warning ("Could not read the coming events: %s", error->message);
      return;
    }

  g_clear_pointer (&self->occurrences, g_ptr_array_unref);
  self->occurrences = g_steal_pointer (&occurrences);
  schedule (self);
}

static gboolean
reschedule_cb (gpointer user_data)
{
  GuildReminders *self = user_data;
  gint64 now = now_seconds ();
  gint64 lead = lead_seconds (self);

  self->reschedule_source = 0;
  g_clear_handle_id (&self->timer, g_source_remove);
  self->next_fire = 0;

  if (lead <= 0)
    {
      g_cancellable_cancel (self->cancellable);
      return G_SOURCE_REMOVE;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  guild_store_list_occurrences_async (self->store, now, now + lead + LOOKAHEAD, self->cancellable,
                                      on_loaded_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (GuildReminders *self,
                     guint           kind,
                     gint64          id,
                     guint           change,
                     GuildStore     *store)
{
  if (kind == GUILD_RECORD_EVENT)
    guild_reminders_reschedule (self);
}

static void
on_lead_changed_cb (GuildReminders *self)
{
  /* A longer lead time may put reminders already due in the past: those
   * that fell due before the change are not given late. */
  self->after = now_seconds ();
  guild_reminders_reschedule (self);
}

static void
guild_reminders_dispose (GObject *object)
{
  GuildReminders *self = (GuildReminders *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_handle_id (&self->reschedule_source, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->occurrences, g_ptr_array_unref);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (guild_reminders_parent_class)->dispose (object);
}

static void
guild_reminders_class_init (GuildRemindersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = guild_reminders_dispose;
}

static void
guild_reminders_init (GuildReminders *self)
{
}

/**
 * guild_reminders_new:
 * @application: the app that sends the notifications
 *
 * Returns: (transfer full): the scheduler, already running
 */
GuildReminders *
guild_reminders_new (GApplication *application,
                     GuildStore   *store)
{
  GuildReminders *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);

  self = g_object_new (GUILD_TYPE_REMINDERS, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  self->settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  /* Occurrences that start within the lead time of the app's start are
   * reminded of at once. */
  self->after = now_seconds () - lead_seconds (self);

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reminder-minutes",
                           G_CALLBACK (on_lead_changed_cb), self, G_CONNECT_SWAPPED);
  guild_reminders_reschedule (self);
  return self;
}

/**
 * guild_reminders_get_next_fire:
 *
 * Returns: when the next reminder is due (UTC seconds), or 0 for none
 */
gint64
guild_reminders_get_next_fire (GuildReminders *self)
{
  g_return_val_if_fail (GUILD_IS_REMINDERS (self), 0);

  return self->next_fire;
}

/**
 * guild_reminders_reschedule:
 *
 * Reads the coming occurrences again and sets the timer; several calls in a
 * row read once.
 */
void
guild_reminders_reschedule (GuildReminders *self)
{
  g_return_if_fail (GUILD_IS_REMINDERS (self));

  if (self->reschedule_source == 0)
    self->reschedule_source = g_idle_add_full (G_PRIORITY_LOW, reschedule_cb, self, NULL);
}

/**
 * guild_reminders_stop:
 *
 * Stops for good: no more reminders, and a read under way is cancelled, so
 * that nothing touches the database once its owner closes it (a read holds
 * a reference to the scheduler until it returns).
 */
void
guild_reminders_stop (GuildReminders *self)
{
  g_return_if_fail (GUILD_IS_REMINDERS (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_handle_id (&self->reschedule_source, g_source_remove);
  g_signal_handlers_disconnect_by_data (self->store, self);
  g_signal_handlers_disconnect_by_data (self->settings, self);
  self->next_fire = 0;
}
