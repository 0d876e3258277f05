/* guild-contact-table.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-store-contact-index.h"

G_BEGIN_DECLS

/**
 * GuildContactSort:
 *
 * The columns of the contacts view that it can be sorted by. Their names
 * (guild_contact_sort_get_name()) are the column names of the
 * `contacts-columns` and `contacts-sort` settings.
 */
typedef enum
{
  GUILD_CONTACT_SORT_NAME,
  GUILD_CONTACT_SORT_POSITION,
  GUILD_CONTACT_SORT_COMPANY,
  GUILD_CONTACT_SORT_RELATIONSHIP,
  GUILD_CONTACT_SORT_COMMUNITIES,
  GUILD_CONTACT_SORT_LAST_INTERACTION,
  GUILD_CONTACT_SORT_NEXT_FOLLOW_UP,
  GUILD_CONTACT_SORT_QUALITY,
  GUILD_CONTACT_N_SORTS
} GuildContactSort;

const char       *guild_contact_sort_get_name (GuildContactSort sort);
gboolean          guild_contact_sort_from_name (const char      *name,
                                                GuildContactSort *sort);

#define GUILD_TYPE_CONTACT_TABLE (guild_contact_table_get_type ())

G_DECLARE_FINAL_TYPE (GuildContactTable, guild_contact_table, GUILD, CONTACT_TABLE, GObject)

GuildContactTable  *guild_contact_table_new              (GuildStore         *store);
GuildStore         *guild_contact_table_get_store        (GuildContactTable  *self);
void                guild_contact_table_load             (GuildContactTable  *self);
gboolean            guild_contact_table_get_loading      (GuildContactTable  *self);
const GError       *guild_contact_table_get_error        (GuildContactTable  *self);
void                guild_contact_table_set_index        (GuildContactTable  *self,
                                                          GuildContactIndex  *index);
GuildContactIndex  *guild_contact_table_get_index        (GuildContactTable  *self);
void                guild_contact_table_set_sort         (GuildContactTable  *self,
                                                          GuildContactSort    sort,
                                                          gboolean            descending);
GuildContactSort    guild_contact_table_get_sort         (GuildContactTable  *self,
                                                          gboolean           *descending);
void                guild_contact_table_set_search       (GuildContactTable  *self,
                                                          const char         *text);
void                guild_contact_table_set_community    (GuildContactTable  *self,
                                                          gint64              community_id);
void                guild_contact_table_set_relationship (GuildContactTable  *self,
                                                          const char         *relationship);
void                guild_contact_table_set_tag          (GuildContactTable  *self,
                                                          const char         *tag);
void                guild_contact_table_set_due_only     (GuildContactTable  *self,
                                                          gboolean            due_only);
void                guild_contact_table_set_today        (GuildContactTable  *self,
                                                          guint32             today);
guint32             guild_contact_table_get_today        (GuildContactTable  *self);
gboolean            guild_contact_table_get_filtered     (GuildContactTable  *self);
guint               guild_contact_table_get_n_total      (GuildContactTable  *self);
GuildContactEntry  *guild_contact_table_get_entry        (GuildContactTable  *self,
                                                          guint               position);
gint64              guild_contact_table_get_id           (GuildContactTable  *self,
                                                          guint               position);
GuildContactEntry  *guild_contact_table_lookup           (GuildContactTable  *self,
                                                          gint64              id);
gboolean            guild_contact_table_find             (GuildContactTable  *self,
                                                          gint64              id,
                                                          guint              *position);
void                guild_contact_table_refresh          (GuildContactTable  *self,
                                                          gint64              id);

G_END_DECLS
