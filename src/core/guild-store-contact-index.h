/* guild-store-contact-index.h
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
 * GuildContactEntry:
 * @id: the contact's id
 * @display: what the contacts view shows of the contact: its full name,
 *   position and company, each followed by a NUL, in one allocation (read
 *   them with guild_contact_entry_get_name() and the others)
 * @search: everything the search looks in, folded (guild_contact_search_text())
 * @tags: (nullable): the folded tags, each followed by a '\x1f'
 * @communities: the ids of the contact's communities
 * @n_communities: how many
 * @relationship: the relationship identifier (static vocabulary string)
 * @quality: connection quality 1–5, 0 when unset
 * @connected_on: the julian day met, 0 when unknown
 * @cadence_days: the keep-in-touch cadence, 0 for none
 * @last_interaction: the instant of the latest activity with them, 0 for none
 * @follow_up: the julian day of the next follow-up, 0 for none
 * @name_rank: the order of the full name among all entries' in the user's
 *   collation: a smaller rank sorts first, equal names have equal ranks, 0
 *   when the name is empty (ranks have gaps; only their order means
 *   something)
 * @position_rank: the same for the position
 * @company_rank: the same for the company
 * @communities_rank: the same for the community names, joined
 * @storage: (private): how the entry's memory is held
 *
 * What the contacts view shows, sorts and filters by, computed once per
 * contact so that a keystroke or a click on a column header never reads the
 * database nor folds text, and so that the view needs no full record of each
 * contact.
 */
typedef struct
{
  gint64      id;
  char       *display;
  char       *search;
  char       *tags;
  gint64     *communities;
  guint       n_communities;
  const char *relationship;
  guint8      quality;
  guint8      storage;
  guint32     connected_on;
  int         cadence_days;
  gint64      last_interaction;
  guint32     follow_up;
  guint32     name_rank;
  guint32     position_rank;
  guint32     company_rank;
  guint32     communities_rank;
} GuildContactEntry;

typedef struct _GuildContactIndex GuildContactIndex;

#define GUILD_TYPE_CONTACT_INDEX (guild_contact_index_get_type ())

GType               guild_contact_index_get_type            (void) G_GNUC_CONST;
GuildContactIndex  *guild_contact_index_new                 (void);
GuildContactIndex  *guild_contact_index_ref                 (GuildContactIndex *self);
void                guild_contact_index_unref               (GuildContactIndex *self);
guint               guild_contact_index_get_size            (GuildContactIndex *self);
GPtrArray          *guild_contact_index_dup_entries         (GuildContactIndex *self);
GuildContactEntry  *guild_contact_index_lookup              (GuildContactIndex *self,
                                                             gint64             id);
GuildContactEntry  *guild_contact_index_update              (GuildContactIndex *self,
                                                             GuildRecord       *contact);
void                guild_contact_index_remove              (GuildContactIndex *self,
                                                             gint64             id);
void                guild_contact_index_set_last_interaction (GuildContactIndex *self,
                                                             gint64             id,
                                                             gint64             at);
const char         *guild_contact_index_get_community_name  (GuildContactIndex *self,
                                                             gint64             community_id);
void                guild_contact_index_set_community_name  (GuildContactIndex *self,
                                                             gint64             community_id,
                                                             const char        *name);
char               *guild_contact_index_dup_communities_text (GuildContactIndex *self,
                                                             const GuildContactEntry *entry);
GPtrArray          *guild_contact_index_dup_tags            (GuildContactIndex *self);

gboolean            guild_contact_entry_is_due              (const GuildContactEntry *entry,
                                                             guint32            today);
const char         *guild_contact_entry_get_name            (const GuildContactEntry *entry);
const char         *guild_contact_entry_get_position        (const GuildContactEntry *entry);
const char         *guild_contact_entry_get_company         (const GuildContactEntry *entry);

GuildContactIndex  *guild_contact_index_load_file           (const char        *path,
                                                             GCancellable      *cancellable,
                                                             GError           **error);
GuildContactIndex  *guild_store_load_contact_index          (GuildStore        *self,
                                                             GCancellable      *cancellable,
                                                             GError           **error);
void                guild_store_load_contact_index_async    (GuildStore        *self,
                                                             GCancellable      *cancellable,
                                                             GAsyncReadyCallback callback,
                                                             gpointer           user_data);
GuildContactIndex  *guild_store_load_contact_index_finish   (GuildStore        *self,
                                                             GAsyncResult      *result,
                                                             GError           **error);

guint32             guild_julian_today                      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildContactIndex, guild_contact_index_unref)

G_END_DECLS
