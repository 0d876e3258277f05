/* guild-store-contacts.h
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
 * GuildDuplicateReason:
 * @GUILD_DUPLICATE_SAME_EMAIL: both have the same e-mail address (ignoring case)
 * @GUILD_DUPLICATE_SAME_URL: both have the same profile address (normalised)
 * @GUILD_DUPLICATE_SAME_NAME_AND_COMPANY: the same folded name at the same
 *   (non-empty) folded company
 */
typedef enum
{
  GUILD_DUPLICATE_SAME_EMAIL,
  GUILD_DUPLICATE_SAME_URL,
  GUILD_DUPLICATE_SAME_NAME_AND_COMPANY,
} GuildDuplicateReason;

/**
 * GuildContactDuplicate:
 * @a: the smaller contact id
 * @b: the larger contact id
 * @reason: why they look like the same person (the first reason found)
 */
typedef struct
{
  gint64               a;
  gint64               b;
  GuildDuplicateReason reason;
} GuildContactDuplicate;

typedef struct _GuildContactMergeUndo GuildContactMergeUndo;

/* Keep in touch */
gboolean   guild_store_contacts_last_interaction (GuildStore      *self,
                                                  GHashTable     **out_by_contact,
                                                  GError         **error);
gboolean   guild_contact_next_follow_up          (const char      *connected_on,
                                                  gint64           last_interaction,
                                                  int              cadence_days,
                                                  GTimeZone       *tz,
                                                  GDate           *out);
gboolean   guild_contact_is_due                  (const char      *connected_on,
                                                  gint64           last_interaction,
                                                  int              cadence_days,
                                                  GTimeZone       *tz,
                                                  const GDate     *today);

/* Duplicates and merging */
GPtrArray *guild_store_find_duplicates           (GuildStore      *self,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
gboolean   guild_store_merge_contacts            (GuildStore      *self,
                                                  gint64           keep,
                                                  gint64           drop,
                                                  GuildContactMergeUndo **undo,
                                                  GError         **error);
gboolean   guild_store_merge_undo                (GuildStore      *self,
                                                  GuildContactMergeUndo *undo,
                                                  GError         **error);
GuildRecord *guild_contact_merge_preview         (GuildRecord     *keep,
                                                  GuildRecord     *drop);
void       guild_contact_merge_undo_free         (GuildContactMergeUndo *undo);

/* Deleting for good */
gboolean   guild_store_forget_contact            (GuildStore      *self,
                                                  gint64           id,
                                                  GError         **error);
gboolean   guild_store_forget_contact_with_undo  (GuildStore      *self,
                                                  gint64           id,
                                                  GuildContactMergeUndo **undo,
                                                  GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildContactMergeUndo, guild_contact_merge_undo_free)

G_END_DECLS
