/* guild-store-communities.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store-communities"

#include "config.h"

#include "guild-record.h"
#include "guild-store-communities.h"
#include "guild-store-private.h"

/* What the Communities view needs beyond the records themselves: per
 * community, how many of the user's contacts belong to it and when the user
 * last did something there (one aggregate query for all of them, run on a
 * worker); its members; and deleting a community so that it can be put back
 * with everything that pointed at it. */

/* Above this many changed records of one kind, listeners are told to reload
 * the kind instead (as the store does for a transaction). */
#define MAX_ANNOUNCED_CHANGES 256

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  int rc = sqlite3_prepare_v2 (db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    return _guild_store_set_error (db, rc, error);

  return TRUE;
}

static void
announce_ids (GuildStore      *self,
              GuildRecordKind  kind,
              GArray          *ids)
{
  if (ids == NULL || ids->len == 0)
    return;

  if (ids->len > MAX_ANNOUNCED_CHANGES)
    {
      g_signal_emit_by_name (self, "changed", (guint) kind, (gint64) 0,
                             (guint) GUILD_CHANGE_RESET);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    g_signal_emit_by_name (self, "changed", (guint) kind, g_array_index (ids, gint64, i),
                           (guint) GUILD_CHANGE_CHANGED);
}

/* Section: summaries */

/* Both counts come from the indexes membership_by_community_id
 * (community_id, contact_id) and activity_by_community (community_id, at):
 * each correlated subquery is one index range, so the whole query reads
 * the community table once and touches no contact or activity row. */
#define SUMMARY_SQL \
  "SELECT c.id," \
  " (SELECT count(*) FROM membership AS m WHERE m.community_id = c.id)," \
  " (SELECT max(a.at) FROM activity AS a WHERE a.community_id = c.id)" \
  " FROM community AS c"

static GHashTable *
summaries_on (sqlite3       *db,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) table = NULL;
  guint n = 0;
  int rc;

  if (!prepare (db, SUMMARY_SQL, &stmt, error))
    return NULL;

  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GuildCommunitySummary *summary = g_new (GuildCommunitySummary, 1);

      summary->community_id = sqlite3_column_int64 (stmt, 0);
      summary->members = (guint) sqlite3_column_int64 (stmt, 1);
      summary->last_activity = sqlite3_column_int64 (stmt, 2);
      /* The key lives inside the value, which the table frees. */
      g_hash_table_insert (table, &summary->community_id, summary);

      if (++n % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&table);
}

/**
 * guild_store_community_summaries:
 *
 * Reads, for every community, its member count and latest activity in one
 * query on the store's own connection (for guildctl and tests; the UI uses
 * guild_store_community_summaries_async()).
 *
 * Returns: (transfer full) (element-type gint64 GuildCommunitySummary): a
 *   table from a pointer to the community id to its #GuildCommunitySummary,
 *   or %NULL with @error set
 */
GHashTable *
guild_store_community_summaries (GuildStore    *self,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  return summaries_on (_guild_store_get_db (self), cancellable, error);
}

static gpointer
summaries_read (sqlite3       *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return summaries_on (db, cancellable, error);
}

/**
 * guild_store_community_summaries_async:
 *
 * Like guild_store_community_summaries(), on a worker thread with a
 * read-only connection of its own.
 */
void
guild_store_community_summaries_async (GuildStore          *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (GUILD_IS_STORE (self));

  _guild_store_read_async (self, guild_store_community_summaries_async, summaries_read,
                           NULL, NULL, (GDestroyNotify) g_hash_table_unref,
                           cancellable, callback, user_data);
}

/**
 * guild_store_community_summaries_finish:
 *
 * Returns: (transfer full): see guild_store_community_summaries()
 */
GHashTable *
guild_store_community_summaries_finish (GuildStore    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * guild_store_community_summary:
 * @out: (out caller-allocates): the summary of @community_id
 *
 * The summary of one community: two index lookups, cheap enough for the
 * main thread after an edit.
 */
gboolean
guild_store_community_summary (GuildStore             *self,
                               gint64                  community_id,
                               GuildCommunitySummary  *out,
                               GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  db = _guild_store_get_db (self);
  if (!prepare (db, SUMMARY_SQL " WHERE c.id = ?1", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, community_id);

  out->community_id = community_id;
  out->members = 0;
  out->last_activity = 0;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->members = (guint) sqlite3_column_int64 (stmt, 1);
      out->last_activity = sqlite3_column_int64 (stmt, 2);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND,
                   "No community with id %" G_GINT64_FORMAT, community_id);
      return FALSE;
    }

  return _guild_store_set_error (db, rc, error);
}

/* Section: members */

void
guild_community_member_free (GuildCommunityMember *member)
{
  if (member == NULL)
    return;

  g_free (member->full_name);
  g_free (member->position);
  g_free (member);
}

/**
 * guild_store_community_members:
 *
 * The contacts that belong to @community_id, by name. One index range over
 * membership_by_community_id and a primary-key lookup per member.
 *
 * Returns: (transfer full) (element-type GuildCommunityMember): the members,
 *   or %NULL with @error set
 */
GPtrArray *
guild_store_community_members (GuildStore  *self,
                               gint64       community_id,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) members = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  db = _guild_store_get_db (self);
  if (!prepare (db,
                "SELECT c.id, c.full_name, c.position"
                " FROM membership AS m JOIN contact AS c ON c.id = m.contact_id"
                " WHERE m.community_id = ?1"
                " ORDER BY c.full_name COLLATE NOCASE, c.id",
                &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, community_id);

  members = g_ptr_array_new_with_free_func ((GDestroyNotify) guild_community_member_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GuildCommunityMember *member = g_new0 (GuildCommunityMember, 1);

      member->contact_id = sqlite3_column_int64 (stmt, 0);
      member->full_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      member->position = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (members, member);
    }
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&members);
}

static gboolean
exec_membership (GuildStore  *self,
                 const char  *sql,
                 gint64       community_id,
                 gint64       contact_id,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = _guild_store_get_db (self);
  int rc;

  if (!prepare (db, sql, &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_int64 (stmt, 2, community_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (db, rc, error);

  /* The contact's list of communities changed. */
  if (sqlite3_changes (db) > 0)
    g_signal_emit_by_name (self, "changed", (guint) GUILD_RECORD_CONTACT, contact_id,
                           (guint) GUILD_CHANGE_CHANGED);

  return TRUE;
}

/**
 * guild_store_community_add_member:
 *
 * Makes @contact_id a member of @community_id (last in the contact's list of
 * communities). Adding an existing member changes nothing.
 */
gboolean
guild_store_community_add_member (GuildStore  *self,
                                  gint64       community_id,
                                  gint64       contact_id,
                                  GError     **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (community_id > 0, FALSE);
  g_return_val_if_fail (contact_id > 0, FALSE);

  return exec_membership (self,
                          "INSERT OR IGNORE INTO membership (contact_id, community_id, position)"
                          " VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0)"
                          "                  FROM membership WHERE contact_id = ?1))",
                          community_id, contact_id, error);
}

/**
 * guild_store_community_remove_member:
 *
 * Removes @contact_id from @community_id; the contact stays.
 */
gboolean
guild_store_community_remove_member (GuildStore  *self,
                                     gint64       community_id,
                                     gint64       contact_id,
                                     GError     **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);

  return exec_membership (self,
                          "DELETE FROM membership WHERE contact_id = ?1 AND community_id = ?2",
                          community_id, contact_id, error);
}

/* Section: delete and undo */

typedef struct
{
  gint64 contact_id;
  gint64 position;
} Membership;

/* The tables whose rows point at a community with ON DELETE SET NULL. */
static const struct {
  GuildRecordKind kind;
  const char     *table;
  const char     *column;
} pointers[] = {
  { GUILD_RECORD_EVENT,    "event",    "community_id" },
  { GUILD_RECORD_ACTIVITY, "activity", "community_id" },
  { GUILD_RECORD_COURSE,   "course",   "community_id" },
  { GUILD_RECORD_CONTACT,  "contact",  "met_at_community" },
};

struct _GuildCommunityUndo
{
  /* The community as it was, with its audience, created_at and id. */
  GuildRecord *community;
  /* Cascaded away: (contact id, position in the contact's list). */
  GArray      *memberships;
  /* Set to NULL: ids per entry of pointers[]. */
  GArray      *pointing[G_N_ELEMENTS (pointers)];
};

void
guild_community_undo_free (GuildCommunityUndo *undo)
{
  if (undo == NULL)
    return;

  g_clear_object (&undo->community);
  g_clear_pointer (&undo->memberships, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (pointers); i++)
    g_clear_pointer (&undo->pointing[i], g_array_unref);
  g_free (undo);
}

static GArray *
select_ids (sqlite3     *db,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (!prepare (db, sql, &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, value);
    }
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static GArray *
member_ids (GArray *memberships)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), memberships->len);

  for (guint i = 0; i < memberships->len; i++)
    g_array_append_val (ids, g_array_index (memberships, Membership, i).contact_id);

  return ids;
}

/**
 * guild_store_delete_community:
 * @undo: (out) (optional) (transfer full): what guild_store_undo_delete_community()
 *   needs to put everything back
 *
 * Deletes a community with its audience and memberships (ON DELETE
 * CASCADE); events, activities, courses and contacts that pointed at it
 * lose the reference. @undo remembers all of that.
 */
gboolean
guild_store_delete_community (GuildStore          *self,
                              gint64               community_id,
                              GuildCommunityUndo **undo,
                              GError             **error)
{
  g_autoptr(GuildCommunityUndo) snapshot = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) contacts = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (community_id > 0, FALSE);

  db = _guild_store_get_db (self);
  snapshot = g_new0 (GuildCommunityUndo, 1);

  snapshot->community = guild_store_load (self, GUILD_RECORD_COMMUNITY, community_id, error);
  if (snapshot->community == NULL)
    return FALSE;

  if (!prepare (db, "SELECT contact_id, position FROM membership WHERE community_id = ?1",
                &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, community_id);
  snapshot->memberships = g_array_new (FALSE, FALSE, sizeof (Membership));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Membership m = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (snapshot->memberships, m);
    }
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (db, rc, error);

  for (guint i = 0; i < G_N_ELEMENTS (pointers); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?1",
                                              pointers[i].table, pointers[i].column);

      if (!(snapshot->pointing[i] = select_ids (db, sql, community_id, error)))
        return FALSE;
    }

  if (!guild_store_remove (self, GUILD_RECORD_COMMUNITY, community_id, error))
    return FALSE;

  /* The members' lists of communities, and the records that pointed here,
   * changed behind the store's back. */
  contacts = member_ids (snapshot->memberships);
  announce_ids (self, GUILD_RECORD_CONTACT, contacts);
  for (guint i = 0; i < G_N_ELEMENTS (pointers); i++)
    announce_ids (self, pointers[i].kind, snapshot->pointing[i]);

  if (undo != NULL)
    *undo = g_steal_pointer (&snapshot);

  return TRUE;
}

static gboolean
restore_links (GuildStore          *self,
               GuildCommunityUndo  *undo,
               gint64               id,
               GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = _guild_store_get_db (self);
  int rc;

  /* A contact deleted since is not brought back; its membership goes. */
  if (!prepare (db,
                "INSERT OR IGNORE INTO membership (contact_id, community_id, position)"
                " SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM contact WHERE id = ?1)",
                &stmt, error))
    return FALSE;

  for (guint i = 0; i < undo->memberships->len; i++)
    {
      const Membership *m = &g_array_index (undo->memberships, Membership, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, m->contact_id);
      sqlite3_bind_int64 (stmt, 2, id);
      sqlite3_bind_int64 (stmt, 3, m->position);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        return _guild_store_set_error (db, rc, error);
    }

  /* A record that meanwhile points at another community keeps it. */
  for (guint i = 0; i < G_N_ELEMENTS (pointers); i++)
    {
      g_autoptr(sqlite3_stmt) update = NULL;
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2 AND %s IS NULL",
                                              pointers[i].table, pointers[i].column,
                                              pointers[i].column);
      GArray *ids = undo->pointing[i];

      if (!prepare (db, sql, &update, error))
        return FALSE;

      for (guint j = 0; j < ids->len; j++)
        {
          sqlite3_reset (update);
          sqlite3_bind_int64 (update, 1, id);
          sqlite3_bind_int64 (update, 2, g_array_index (ids, gint64, j));
          if ((rc = sqlite3_step (update)) != SQLITE_DONE)
            return _guild_store_set_error (db, rc, error);
        }
    }

  return TRUE;
}

/**
 * guild_store_undo_delete_community:
 *
 * Puts back a community deleted by guild_store_delete_community(): its
 * fields and audience, its memberships and the references to it, in one
 * transaction. The community comes back under a new id.
 *
 * Returns: the community's new id, or 0 with @error set
 */
gint64
guild_store_undo_delete_community (GuildStore          *self,
                                   GuildCommunityUndo  *undo,
                                   GError             **error)
{
  g_autoptr(GuildRecord) community = NULL;
  g_autoptr(GArray) contacts = NULL;
  gint64 id;

  g_return_val_if_fail (GUILD_IS_STORE (self), 0);
  g_return_val_if_fail (undo != NULL, 0);

  community = guild_record_new_for_kind (GUILD_RECORD_COMMUNITY);
  guild_record_copy_fields (community, undo->community);
  _guild_record_set_times (community, guild_record_get_created_at (undo->community), 0);

  if (!guild_store_begin (self, error))
    return 0;

  if (!guild_store_add (self, community, error))
    {
      guild_store_rollback (self);
      return 0;
    }

  id = guild_record_get_id (community);
  if (!restore_links (self, undo, id, error))
    {
      guild_store_rollback (self);
      return 0;
    }

  if (!guild_store_commit (self, error))
    return 0;

  contacts = member_ids (undo->memberships);
  announce_ids (self, GUILD_RECORD_CONTACT, contacts);
  for (guint i = 0; i < G_N_ELEMENTS (pointers); i++)
    announce_ids (self, pointers[i].kind, undo->pointing[i]);

  return id;
}
