/* guild-store-activities.h
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
 * GuildActivityFilter:
 * @community_id: only this community's activities (0: any)
 * @contact_id: only activities with this contact (0: any)
 * @event_id: only activities linked to this event (0: any)
 * @strategy: (nullable): only this strategy identifier
 * @kind: (nullable): only this kind identifier
 * @from: only activities at or after this instant (0: no lower bound)
 * @to: only activities before this instant (0: no upper bound)
 * @search: (nullable): what the user typed; matched, folded, against the note,
 *   the link, the community's name and the contacts' names
 * @limit: at most this many (0: all)
 *
 * Which activities a journal or timeline shows. Plain data: it may cross
 * threads as a copy.
 */
typedef struct
{
  gint64  community_id;
  gint64  contact_id;
  gint64  event_id;
  char   *strategy;
  char   *kind;
  gint64  from;
  gint64  to;
  char   *search;
  guint   limit;
} GuildActivityFilter;

#define GUILD_TYPE_ACTIVITY_FILTER (guild_activity_filter_get_type ())

GType                guild_activity_filter_get_type (void) G_GNUC_CONST;
GuildActivityFilter *guild_activity_filter_new      (void);
GuildActivityFilter *guild_activity_filter_copy     (const GuildActivityFilter *filter);
void                 guild_activity_filter_free     (GuildActivityFilter       *filter);
gboolean             guild_activity_filter_equal    (const GuildActivityFilter *a,
                                                     const GuildActivityFilter *b);

GArray   *guild_store_query_activities        (GuildStore                *self,
                                               const GuildActivityFilter *filter,
                                               GCancellable              *cancellable,
                                               GError                   **error);
void      guild_store_query_activities_async  (GuildStore                *self,
                                               const GuildActivityFilter *filter,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
GArray   *guild_store_query_activities_finish (GuildStore                *self,
                                               GAsyncResult              *result,
                                               GError                   **error);

char     *guild_store_dup_last_activity_kind  (GuildStore                *self);
gint64    guild_store_last_interaction        (GuildStore                *self,
                                               gint64                     contact_id,
                                               GError                   **error);

GuildRecord *guild_store_remove_for_undo      (GuildStore                *self,
                                               GuildRecordKind            kind,
                                               gint64                     id,
                                               GError                   **error);
gboolean  guild_store_restore                 (GuildStore                *self,
                                               GuildRecord               *removed,
                                               GError                   **error);

GPtrArray *guild_store_search_contacts        (GuildStore                *self,
                                               const char                *text,
                                               guint                      limit,
                                               GCancellable              *cancellable,
                                               GError                   **error);
void      guild_store_search_contacts_async   (GuildStore                *self,
                                               const char                *text,
                                               guint                      limit,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
GPtrArray *guild_store_search_contacts_finish (GuildStore                *self,
                                               GAsyncResult              *result,
                                               GError                   **error);
typedef struct _GuildContactNameIndex GuildContactNameIndex;

void       guild_store_prepare_contact_search (GuildStore                *self);
GuildContactNameIndex *guild_contact_name_index_ref    (GuildContactNameIndex         *index);
void       guild_contact_name_index_unref          (GuildContactNameIndex         *index);
GPtrArray *guild_contact_name_index_search         (GuildContactNameIndex         *index,
                                               const char                *text,
                                               guint                      limit);
GPtrArray *guild_store_events_near            (GuildStore                *self,
                                               gint64                     at,
                                               gint64                     span,
                                               guint                      limit,
                                               GError                   **error);

/* Check-ins */
void          guild_week_bounds               (const GDate               *day,
                                               GDate                     *monday,
                                               GDate                     *sunday);
char         *guild_week_id                   (const GDate               *day);
GDateWeekday  guild_weekday_from_name         (const char                *name);
GuildCheckin *guild_store_dup_checkin_for_week (GuildStore               *self,
                                               const GDate               *day,
                                               GError                   **error);
gboolean      guild_checkin_should_offer      (const GDate               *today,
                                               GDateWeekday               checkin_day,
                                               gboolean                   week_has_checkin,
                                               const char                *dismissed_week);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildActivityFilter, guild_activity_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildContactNameIndex, guild_contact_name_index_unref)

G_END_DECLS
