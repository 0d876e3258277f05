/* guild-event.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-event"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-error.h"
#include "guild-records.h"
#include "guild-recurrence.h"

struct _GuildEvent
{
  GuildRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GuildEvent, guild_event, GUILD_TYPE_RECORD)

static const GuildField fields[] = {
  GUILD_TEXT ("uid"),
  GUILD_REQUIRED_TEXT ("title"),
  GUILD_INSTANT ("starts-at"),
  GUILD_INSTANT ("ends-at"),
  GUILD_BOOL ("all-day"),
  GUILD_TEXT ("tzid"),
  GUILD_TEXT ("rrule"),
  GUILD_STRV ("exdates", "event_exdate", "event_id"),
  GUILD_VOCAB ("kind", GUILD_VOCAB_EVENT_KIND, "meetup"),
  GUILD_VOCAB ("status", GUILD_VOCAB_EVENT_STATUS, "planned"),
  GUILD_TEXT ("location"),
  GUILD_URL ("url"),
  GUILD_REF ("community-id"),
  GUILD_TEXT ("notes"),
  GUILD_REFS ("attendees", "event_attendee", "event_id", "contact_id"),
};

/* A new event gets a UID of its own, so that an exported calendar can be
 * imported back without duplicates. */
static void
guild_event_prepare (GuildRecord *record)
{
  if (*guild_record_get_text (record, "uid") == '\0')
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *uid = g_strconcat (uuid, "@guild", NULL);

      guild_record_set_text (record, "uid", uid);
    }
}

/* The schema checks this too, but bulk writes switch CHECKs off, so the
 * rule lives here as well. */
static gboolean
guild_event_validate (GuildRecord  *record,
                      GError      **error)
{
  gint64 starts_at = guild_record_get_int (record, "starts-at");
  gint64 ends_at = guild_record_get_int (record, "ends-at");
  const char *rrule = guild_record_get_text (record, "rrule");

  if (starts_at == 0)
    {
      g_set_error_literal (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                           _("An event needs a start."));
      return FALSE;
    }
  if (ends_at != 0 && ends_at < starts_at)
    {
      g_set_error_literal (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                           _("An event cannot end before it starts."));
      return FALSE;
    }
  if (*rrule != '\0' && !guild_recurrence_rule_valid (rrule))
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                   /* Translators: %s is a recurrence rule such as FREQ=WEEKLY. */
                   _("The repeat rule “%s” cannot be read."), rrule);
      return FALSE;
    }

  return TRUE;
}

static void
guild_event_class_init (GuildEventClass *klass)
{
  GuildRecordClass *record_class = GUILD_RECORD_CLASS (klass);

  record_class->prepare = guild_event_prepare;
  record_class->validate = guild_event_validate;
  guild_record_class_install_fields (record_class, GUILD_RECORD_EVENT,
                                     "event", fields, G_N_ELEMENTS (fields));
}

static void
guild_event_init (GuildEvent *self)
{
}

/**
 * guild_event_new:
 * @starts_at: seconds since the epoch, UTC
 * @ends_at: seconds since the epoch, UTC, or 0
 *
 * Returns: (transfer full): a new, unsaved event.
 */
GuildEvent *
guild_event_new (const char *title,
                 gint64      starts_at,
                 gint64      ends_at)
{
  return g_object_new (GUILD_TYPE_EVENT,
                       "title", title,
                       "starts-at", starts_at,
                       "ends-at", ends_at,
                       NULL);
}
