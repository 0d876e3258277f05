/* guild-store-events.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-store.h"

G_BEGIN_DECLS

/**
 * GuildOccurrence:
 * @event_id: the event (the series, for a recurring one)
 * @start: the occurrence's start, seconds since the epoch (UTC); an all-day
 *   occurrence starts at 00:00 UTC of its date
 * @end: its end (exclusive; equal to @start when the event has no end)
 * @series_start: the series' first start (the event's own starts-at)
 * @all_day: whether it spans whole days
 * @recurring: whether it belongs to a recurring series
 * @community_id: the event's community, or 0
 * @title: the event's title
 * @kind: the event kind identifier
 * @status: the event status identifier
 *
 * One occurrence of an event in a range: plain data that crosses threads.
 */
typedef struct
{
  gint64    event_id;
  gint64    start;
  gint64    end;
  gint64    series_start;
  gint64    community_id;
  gboolean  all_day;
  gboolean  recurring;
  char     *title;
  char     *kind;
  char     *status;
} GuildOccurrence;

typedef struct _GuildEventDeleteUndo GuildEventDeleteUndo;

void       guild_occurrence_free               (GuildOccurrence  *occurrence);
GuildOccurrence *guild_occurrence_copy         (const GuildOccurrence *occurrence);
int        guild_occurrence_compare            (gconstpointer     a,
                                                gconstpointer     b);
void       guild_occurrence_local_day          (const GuildOccurrence *occurrence,
                                                GTimeZone        *tz,
                                                GDate            *out);

GPtrArray *guild_store_list_occurrences        (GuildStore       *self,
                                                gint64            range_start,
                                                gint64            range_end,
                                                GCancellable     *cancellable,
                                                GError          **error);
void       guild_store_list_occurrences_async  (GuildStore       *self,
                                                gint64            range_start,
                                                gint64            range_end,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
GPtrArray *guild_store_list_occurrences_finish (GuildStore       *self,
                                                GAsyncResult     *result,
                                                GError          **error);

GPtrArray *guild_store_unanswered_occurrences  (GuildStore       *self,
                                                gint64            since,
                                                gint64            now,
                                                GError          **error);
void       guild_store_unanswered_occurrences_async  (GuildStore       *self,
                                                      gint64            since,
                                                      gint64            now,
                                                      GCancellable     *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer          user_data);
GPtrArray *guild_store_unanswered_occurrences_finish (GuildStore       *self,
                                                      GAsyncResult     *result,
                                                      GError          **error);
gboolean   guild_store_answer_occurrence       (GuildStore       *self,
                                                gint64            event_id,
                                                gint64            occurrence_start,
                                                gboolean          attended,
                                                GError          **error);

gboolean   guild_store_delete_event            (GuildStore       *self,
                                                gint64            id,
                                                GuildEventDeleteUndo **undo,
                                                GError          **error);
gboolean   guild_store_undo_delete_event       (GuildStore       *self,
                                                GuildEventDeleteUndo *undo,
                                                gint64           *new_id,
                                                GError          **error);
void       guild_event_delete_undo_free        (GuildEventDeleteUndo *undo);

void       guild_store_find_contacts_async     (GuildStore       *self,
                                                const char       *query,
                                                guint             limit,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
GPtrArray *guild_store_find_contacts_finish    (GuildStore       *self,
                                                GAsyncResult     *result,
                                                GError          **error);

gboolean   guild_reminder_next                 (GPtrArray        *occurrences,
                                                gint64            now,
                                                gint64            lead_seconds,
                                                gint64            after,
                                                gint64           *fire_at,
                                                guint            *index);

/**
 * GuildContactHit:
 * @id: the contact's id
 * @name: its display name
 * @detail: its position and company, or ""
 */
typedef struct
{
  gint64  id;
  char   *name;
  char   *detail;
} GuildContactHit;

void       guild_contact_hit_free              (GuildContactHit  *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildOccurrence, guild_occurrence_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildEventDeleteUndo, guild_event_delete_undo_free)

G_END_DECLS
