/* guild-store-activities.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store-activities"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "guild-record.h"
#include "guild-store-activities.h"
#include "guild-store-private.h"
#include "guild-text.h"

/* The participation log's reads: which activities a journal or a timeline
 * shows (only their ids, newest first; the rows themselves are single-row
 * reads as they scroll into view), the contact and event pickers of the
 * editor, delete with undo, and the weekly check-in. Filters run in SQL; the
 * text search folds in C (guild_text_fold) through a SQL function, because
 * SQLite's own lower() folds only ASCII. */

/* How often the long scans look at their GCancellable, in rows. */
#define CANCEL_CHECK_ROWS 8192

/* Section: filters */

G_DEFINE_BOXED_TYPE (GuildActivityFilter, guild_activity_filter,
                     guild_activity_filter_copy, guild_activity_filter_free)

/**
 * guild_activity_filter_new:
 *
 * Returns: (transfer full): a filter that lets every activity through
 */
GuildActivityFilter *
guild_activity_filter_new (void)
{
  return g_new0 (GuildActivityFilter, 1);
}

/**
 * guild_activity_filter_copy:
 *
 * Returns: (transfer full): a deep copy of @filter
 */
GuildActivityFilter *
guild_activity_filter_copy (const GuildActivityFilter *filter)
{
  GuildActivityFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->strategy = g_strdup (filter->strategy);
  copy->kind = g_strdup (filter->kind);
  copy->search = g_strdup (filter->search);

  return copy;
}

void
guild_activity_filter_free (GuildActivityFilter *filter)
{
  if (filter == NULL)
    return;

  g_free (filter->strategy);
  g_free (filter->kind);
  g_free (filter->search);
  g_free (filter);
}

static gboolean
str_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

static gboolean
str_equal0 (const char *a,
            const char *b)
{
  return g_strcmp0 (str_empty (a) ? NULL : a, str_empty (b) ? NULL : b) == 0;
}

gboolean
guild_activity_filter_equal (const GuildActivityFilter *a,
                             const GuildActivityFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->community_id == b->community_id &&
         a->contact_id == b->contact_id &&
         a->event_id == b->event_id &&
         a->from == b->from &&
         a->to == b->to &&
         a->limit == b->limit &&
         str_equal0 (a->strategy, b->strategy) &&
         str_equal0 (a->kind, b->kind) &&
         str_equal0 (a->search, b->search);
}

/* Section: folded matching in SQL */

/* guild_match(haystack, folded_needle): whether the folded haystack holds the
 * needle, which the caller folded once. */
static void
match_func (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
  const char *haystack = (const char *) sqlite3_value_text (argv[0]);
  const char *needle = (const char *) sqlite3_value_text (argv[1]);
  g_autofree char *folded = NULL;

  if (haystack == NULL || needle == NULL || *haystack == '\0')
    {
      sqlite3_result_int (context, needle != NULL && *needle == '\0');
      return;
    }

  folded = guild_text_fold (haystack);
  sqlite3_result_int (context, guild_text_matches (folded, needle));
}

static gboolean
register_functions (sqlite3  *db,
                    GError  **error)
{
  int rc = sqlite3_create_function (db, "guild_match", 2,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                    NULL, match_func, NULL, NULL);

  if (rc != SQLITE_OK)
    return _guild_store_set_error (db, rc, error);

  return TRUE;
}

/* The store's own connection gets the function once. */
static sqlite3 *
writer_db (GuildStore  *self,
           GError     **error)
{
  sqlite3 *db = _guild_store_get_db (self);

  if (g_object_get_data (G_OBJECT (self), "guild-match-registered") == NULL)
    {
      if (!register_functions (db, error))
        return NULL;
      g_object_set_data (G_OBJECT (self), "guild-match-registered", GINT_TO_POINTER (1));
    }

  return db;
}

/* Section: querying activities */

static char *
build_query (const GuildActivityFilter *filter)
{
  GString *sql = g_string_new ("SELECT a.id FROM activity AS a");
  gboolean narrowed;

  /* Everything of a strategy or a kind comes from activity_by_strategy or
   * activity_by_kind (schema version 2), newest first without sorting and
   * without reading the table. */
  narrowed = filter->community_id > 0 || filter->contact_id > 0 || filter->event_id > 0;
  g_string_append (sql, " WHERE 1");

  if (filter->community_id > 0)
    g_string_append (sql, " AND a.community_id = :community");
  if (filter->contact_id > 0)
    g_string_append (sql, " AND a.id IN (SELECT activity_id FROM activity_contact"
                          " WHERE contact_id = :contact)");
  if (filter->event_id > 0)
    g_string_append (sql, " AND a.event_id = :event");
  /* With a community, contact or event the planner would still pick the
   * strategy or kind index, which has far more rows: the unary + keeps it to
   * the narrower one, as before those indexes. */
  if (!str_empty (filter->strategy))
    g_string_append (sql, narrowed ? " AND +a.strategy = :strategy"
                                   : " AND a.strategy = :strategy");
  if (!str_empty (filter->kind))
    g_string_append (sql, narrowed ? " AND +a.kind = :kind" : " AND a.kind = :kind");
  if (filter->from != 0)
    g_string_append (sql, " AND a.at >= :from");
  if (filter->to != 0)
    g_string_append (sql, " AND a.at < :to");
  if (!str_empty (filter->search))
    g_string_append (sql,
                     " AND (guild_match (a.note, :search) OR guild_match (a.url, :search)"
                     " OR a.community_id IN (SELECT id FROM community"
                     "   WHERE guild_match (name, :search))"
                     " OR a.id IN (SELECT ac.activity_id FROM contact AS c"
                     "   JOIN activity_contact AS ac ON ac.contact_id = c.id"
                     "   WHERE guild_match (c.full_name, :search)))");

  /* The index activity_by_at (at, id) read backwards gives this order
   * without sorting. */
  g_string_append (sql, " ORDER BY a.at DESC, a.id DESC");
  if (filter->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", filter->limit);

  return g_string_free (sql, FALSE);
}

static void
bind_named_int (sqlite3_stmt *stmt,
                const char   *name,
                gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* Stops a long scan as soon as its GCancellable fires, even between result
 * rows (a search may read a million rows to return a few). */
static int
progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (user_data)) ? 1 : 0;
}

static GArray *
query_on (sqlite3                   *db,
          const GuildActivityFilter *filter,
          GCancellable              *cancellable,
          GError                   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = build_query (filter);
  g_autofree char *needle = NULL;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  bind_named_int (stmt, ":community", filter->community_id);
  bind_named_int (stmt, ":contact", filter->contact_id);
  bind_named_int (stmt, ":event", filter->event_id);
  bind_named_text (stmt, ":strategy", filter->strategy);
  bind_named_text (stmt, ":kind", filter->kind);
  bind_named_int (stmt, ":from", filter->from);
  bind_named_int (stmt, ":to", filter->to);
  if (!str_empty (filter->search))
    {
      needle = guild_text_fold (filter->search);
      bind_named_text (stmt, ":search", needle);
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 10000, progress_cb, cancellable);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      if ((ids->len % CANCEL_CHECK_ROWS) == 0 &&
          g_cancellable_is_cancelled (cancellable))
        break;
    }
  sqlite3_progress_handler (db, 0, NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * guild_store_query_activities:
 * @filter: which activities
 *
 * The ids of the activities that pass @filter, newest first, read on the
 * calling thread (for guildctl and tests; the app uses the async variant).
 *
 * Returns: (transfer full) (element-type gint64): the ids
 */
GArray *
guild_store_query_activities (GuildStore                *self,
                              const GuildActivityFilter *filter,
                              GCancellable              *cancellable,
                              GError                   **error)
{
  sqlite3 *db;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (!(db = writer_db (self, error)))
    return NULL;

  return query_on (db, filter, cancellable, error);
}

typedef struct
{
  char                *path;
  GuildActivityFilter *filter;
  char                *text;
  guint                limit;
  GuildContactNameIndex   *index;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_clear_pointer (&data->index, guild_contact_name_index_unref);
  g_free (data->path);
  g_free (data->text);
  guild_activity_filter_free (data->filter);
  g_free (data);
}

static sqlite3 *
open_reader (const char  *path,
             GError     **error)
{
  sqlite3 *db = _guild_store_open_reader (path, error);

  if (db != NULL && !register_functions (db, error))
    {
      _guild_store_close_reader (db);
      return NULL;
    }

  return db;
}

static gpointer
query_read (sqlite3       *db,
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  QueryData *data = user_data;

  if (!register_functions (db, error))
    return NULL;

  return query_on (db, data->filter, cancellable, error);
}

/**
 * guild_store_query_activities_async:
 *
 * guild_store_query_activities() on a worker thread, with a connection of its
 * own (a consistent snapshot).
 */
void
guild_store_query_activities_async (GuildStore                *self,
                                    const GuildActivityFilter *filter,
                                    GCancellable              *cancellable,
                                    GAsyncReadyCallback        callback,
                                    gpointer                   user_data)
{
  QueryData *data;

  g_return_if_fail (GUILD_IS_STORE (self));
  g_return_if_fail (filter != NULL);

  data = g_new0 (QueryData, 1);
  data->filter = guild_activity_filter_copy (filter);

  _guild_store_read_async (self, guild_store_query_activities_async, query_read,
                           data, (GDestroyNotify) query_data_free,
                           (GDestroyNotify) g_array_unref,
                           cancellable, callback, user_data);
}

/**
 * guild_store_query_activities_finish:
 *
 * Returns: (transfer full) (element-type gint64): the ids, newest first
 */
GArray *
guild_store_query_activities_finish (GuildStore    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Section: single reads */

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

/**
 * guild_store_dup_last_activity_kind:
 *
 * The kind of the activity logged last (the newest row, whatever its date),
 * which the quick-add dialog offers first.
 *
 * Returns: (transfer full) (nullable): a kind identifier, or %NULL when the
 *   log is empty
 */
char *
guild_store_dup_last_activity_kind (GuildStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  db = _guild_store_get_db (self);
  if (!prepare (db, "SELECT kind FROM activity ORDER BY id DESC LIMIT 1", &stmt, NULL))
    return NULL;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/**
 * guild_store_last_interaction:
 * @contact_id: a contact
 *
 * Returns: the instant of the contact's latest activity, or 0 without one
 *   (or on error, with @error set)
 */
gint64
guild_store_last_interaction (GuildStore  *self,
                              gint64       contact_id,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), 0);

  db = _guild_store_get_db (self);
  if (!prepare (db,
                "SELECT max(a.at) FROM activity_contact AS ac"
                " JOIN activity AS a ON a.id = ac.activity_id"
                " WHERE ac.contact_id = ?1",
                &stmt, error))
    return 0;

  sqlite3_bind_int64 (stmt, 1, contact_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _guild_store_set_error (db, rc, error);
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* Section: delete with undo */

/**
 * guild_store_remove_for_undo:
 *
 * Removes a record, returning it as it was, lists and links included, so that
 * guild_store_restore() can bring it back.
 *
 * Returns: (transfer full) (nullable): the removed record
 */
GuildRecord *
guild_store_remove_for_undo (GuildStore       *self,
                             GuildRecordKind   kind,
                             gint64            id,
                             GError          **error)
{
  g_autoptr(GuildRecord) record = NULL;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  if (!(record = guild_store_load (self, kind, id, error)))
    return NULL;

  if (!guild_store_remove (self, kind, id, error))
    return NULL;

  return g_steal_pointer (&record);
}

/**
 * guild_store_restore:
 * @removed: a record returned by guild_store_remove_for_undo()
 *
 * Stores @removed again, with its lists and links and its creation time. It
 * gets a new id, which is set on @removed.
 */
gboolean
guild_store_restore (GuildStore   *self,
                     GuildRecord  *removed,
                     GError      **error)
{
  gint64 created;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (GUILD_IS_RECORD (removed), FALSE);

  created = guild_record_get_created_at (removed);
  _guild_record_set_id (removed, 0);
  _guild_record_set_times (removed, created, 0);

  return guild_store_add (self, removed, error);
}

/* Section: pickers */

static GPtrArray *
search_contacts_on (sqlite3       *db,
                    const char    *text,
                    guint          limit,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *needle = guild_text_fold (text);
  int rc;

  if (!prepare (db,
                "SELECT id, full_name, company FROM contact"
                " WHERE guild_match (full_name, ?1) OR guild_match (company, ?1)"
                " ORDER BY full_name COLLATE NOCASE, id LIMIT ?2",
                &stmt, error))
    return NULL;

  sqlite3_bind_text (stmt, 1, needle, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, G_MAXINT));
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 10000, progress_cb, cancellable);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GuildContact *contact = guild_contact_new ((const char *) sqlite3_column_text (stmt, 1));

      _guild_record_set_id (GUILD_RECORD (contact), sqlite3_column_int64 (stmt, 0));
      guild_record_set_text (GUILD_RECORD (contact), "company",
                             (const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (contacts, contact);
    }
  sqlite3_progress_handler (db, 0, NULL, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&contacts);
}

/**
 * guild_store_search_contacts:
 * @text: what the user typed
 * @limit: at most this many
 *
 * Contacts whose folded name or company holds @text, by name. The contacts
 * returned carry their id, name and company only.
 *
 * Returns: (transfer full) (element-type GuildContact): the contacts
 */
GPtrArray *
guild_store_search_contacts (GuildStore    *self,
                             const char    *text,
                             guint          limit,
                             GCancellable  *cancellable,
                             GError       **error)
{
  sqlite3 *db;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!(db = writer_db (self, error)))
    return NULL;

  return search_contacts_on (db, text, limit, cancellable, error);
}

/* A folded index of every contact's name and company, built once on a
 * worker and kept on the store until a contact changes: the quick-add
 * dialog's search then scans plain strings in memory (a few milliseconds for
 * a hundred thousand) instead of folding every name again per keystroke.
 * Immutable once built, so workers share it. */
struct _GuildContactNameIndex
{
  gatomicrefcount  ref_count;
  guint            n;
  gint64          *ids;
  char           **names;
  char           **companies;
  char           **folded;
};

#define CONTACT_INDEX_KEY "guild-contact-index"

GuildContactNameIndex *
guild_contact_name_index_ref (GuildContactNameIndex *index)
{
  g_return_val_if_fail (index != NULL, NULL);

  g_atomic_ref_count_inc (&index->ref_count);
  return index;
}

void
guild_contact_name_index_unref (GuildContactNameIndex *index)
{
  if (index == NULL || !g_atomic_ref_count_dec (&index->ref_count))
    return;

  for (guint i = 0; i < index->n; i++)
    {
      g_free (index->names[i]);
      g_free (index->companies[i]);
      g_free (index->folded[i]);
    }
  g_free (index->ids);
  g_free (index->names);
  g_free (index->companies);
  g_free (index->folded);
  g_free (index);
}

static GuildContactNameIndex *
build_index_on (sqlite3       *db,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GuildContactNameIndex *index;
  guint allocated = 1024;
  int rc;

  if (!prepare (db, "SELECT id, full_name, company FROM contact"
                    " ORDER BY full_name COLLATE NOCASE, id", &stmt, error))
    return NULL;

  index = g_new0 (GuildContactNameIndex, 1);
  g_atomic_ref_count_init (&index->ref_count);
  index->ids = g_new (gint64, allocated);
  index->names = g_new (char *, allocated);
  index->companies = g_new (char *, allocated);
  index->folded = g_new (char *, allocated);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *company = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *both = g_strconcat (name, "\n", company, NULL);

      if (index->n == allocated)
        {
          allocated *= 2;
          index->ids = g_renew (gint64, index->ids, allocated);
          index->names = g_renew (char *, index->names, allocated);
          index->companies = g_renew (char *, index->companies, allocated);
          index->folded = g_renew (char *, index->folded, allocated);
        }
      index->ids[index->n] = sqlite3_column_int64 (stmt, 0);
      index->names[index->n] = g_strdup (name);
      index->companies[index->n] = g_strdup (company);
      index->folded[index->n] = guild_text_fold (both);
      index->n++;

      if ((index->n % CANCEL_CHECK_ROWS) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (rc != SQLITE_DONE && rc != SQLITE_ROW && !_guild_store_set_error (db, rc, error)))
    {
      guild_contact_name_index_unref (index);
      return NULL;
    }

  return index;
}

/**
 * guild_contact_name_index_search:
 * @text: what the user typed
 * @limit: at most this many
 *
 * Returns: (transfer full) (element-type GuildContact): the matching
 *   contacts by name, carrying id, name and company
 */
GPtrArray *
guild_contact_name_index_search (GuildContactNameIndex *index,
                            const char        *text,
                            guint              limit)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *needle = NULL;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  needle = guild_text_fold (text);
  for (guint i = 0; i < index->n && contacts->len < limit; i++)
    {
      GuildContact *contact;

      if (!guild_text_matches (index->folded[i], needle))
        continue;

      contact = guild_contact_new (index->names[i]);
      _guild_record_set_id (GUILD_RECORD (contact), index->ids[i]);
      guild_record_set_text (GUILD_RECORD (contact), "company", index->companies[i]);
      g_ptr_array_add (contacts, contact);
    }

  return g_steal_pointer (&contacts);
}

static gpointer
index_read (sqlite3       *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  if (!register_functions (db, error))
    return NULL;

  return build_index_on (db, cancellable, error);
}

static void
on_contacts_changed_cb (GuildStore *self,
                        guint       kind,
                        gint64      id,
                        guint       change,
                        gpointer    user_data)
{
  if (kind == GUILD_RECORD_CONTACT)
    g_object_set_data (G_OBJECT (self), CONTACT_INDEX_KEY, NULL);
}

static void
on_index_built_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GuildStore *self = GUILD_STORE (object);
  GuildContactNameIndex *index;
  g_autoptr(GError) error = NULL;

  index = g_task_propagate_pointer (G_TASK (result), &error);
  if (index == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not index the contacts: %s", error->message);
      return;
    }

  /* Built from a snapshot: a contact changed meanwhile makes it stale. */
  if (GPOINTER_TO_UINT (user_data) !=
      GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "guild-contact-generation")))
    {
      guild_contact_name_index_unref (index);
      return;
    }

  g_object_set_data_full (G_OBJECT (self), CONTACT_INDEX_KEY, index,
                          (GDestroyNotify) guild_contact_name_index_unref);
}

static void
on_index_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_object_set_data (object, "guild-contact-index-building", NULL);
  on_index_built_cb (object, result, user_data);
}

static void
on_generation_changed_cb (GuildStore *self,
                          guint       kind,
                          gint64      id,
                          guint       change,
                          gpointer    user_data)
{
  guint generation;

  if (kind != GUILD_RECORD_CONTACT)
    return;

  generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "guild-contact-generation"));
  g_object_set_data (G_OBJECT (self), "guild-contact-generation",
                     GUINT_TO_POINTER (generation + 1));
}

/**
 * guild_store_prepare_contact_search:
 *
 * Builds the folded contact index on a worker, unless the store has a
 * current one, so that guild_store_search_contacts_async() answers from
 * memory. Harmless to call again.
 */
void
guild_store_prepare_contact_search (GuildStore *self)
{
  g_return_if_fail (GUILD_IS_STORE (self));

  if (g_object_get_data (G_OBJECT (self), CONTACT_INDEX_KEY) != NULL ||
      g_object_get_data (G_OBJECT (self), "guild-contact-index-building") != NULL)
    return;

  if (g_object_get_data (G_OBJECT (self), "guild-contact-index-watch") == NULL)
    {
      g_signal_connect (self, "changed", G_CALLBACK (on_contacts_changed_cb), NULL);
      g_signal_connect (self, "changed", G_CALLBACK (on_generation_changed_cb), NULL);
      g_object_set_data (G_OBJECT (self), "guild-contact-index-watch", GINT_TO_POINTER (1));
    }

  g_object_set_data (G_OBJECT (self), "guild-contact-index-building", GINT_TO_POINTER (1));
  _guild_store_read_async (self, guild_store_prepare_contact_search, index_read, NULL, NULL,
                           (GDestroyNotify) guild_contact_name_index_unref, NULL,
                           on_index_done_cb,
                           g_object_get_data (G_OBJECT (self), "guild-contact-generation"));
}

static void
search_contacts_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  QueryData *data = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts;
  sqlite3 *db;

  if (data->index != NULL)
    {
      g_task_return_pointer (task, guild_contact_name_index_search (data->index, data->text, data->limit),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  if (!(db = open_reader (data->path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  contacts = search_contacts_on (db, data->text, data->limit, cancellable, &error);
  _guild_store_close_reader (db);

  if (contacts == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, contacts, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * guild_store_search_contacts_async:
 *
 * guild_store_search_contacts() on a worker thread: a search over a hundred
 * thousand contacts folds every name.
 */
void
guild_store_search_contacts_async (GuildStore          *self,
                                   const char          *text,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryData *data;

  g_return_if_fail (GUILD_IS_STORE (self));
  g_return_if_fail (text != NULL);

  data = g_new0 (QueryData, 1);
  data->path = g_strdup (guild_store_get_path (self));
  data->text = g_strdup (text);
  data->limit = limit;
  data->index = g_object_get_data (G_OBJECT (self), CONTACT_INDEX_KEY);
  if (data->index != NULL)
    guild_contact_name_index_ref (data->index);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, guild_store_search_contacts_async);
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);
  g_task_run_in_thread (task, search_contacts_worker);
}

/**
 * guild_store_search_contacts_finish:
 *
 * Returns: (transfer full) (element-type GuildContact): the contacts
 */
GPtrArray *
guild_store_search_contacts_finish (GuildStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * guild_store_events_near:
 * @at: an instant
 * @span: how far before and after @at to look, in seconds
 * @limit: at most this many
 *
 * The events starting within @span of @at, the closest first: what an
 * activity logged at @at most likely belongs to. An index range read.
 *
 * Returns: (transfer full) (element-type GuildEvent): the events
 */
GPtrArray *
guild_store_events_near (GuildStore  *self,
                         gint64       at,
                         gint64       span,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  db = _guild_store_get_db (self);
  if (!prepare (db,
                "SELECT id FROM event WHERE starts_at BETWEEN ?1 AND ?2"
                " ORDER BY abs (starts_at - ?3), id LIMIT ?4",
                &stmt, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, at - span);
  sqlite3_bind_int64 (stmt, 2, at + span);
  sqlite3_bind_int64 (stmt, 3, at);
  sqlite3_bind_int (stmt, 4, (int) MIN (limit, G_MAXINT));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GuildRecord *event = guild_store_load (self, GUILD_RECORD_EVENT,
                                             sqlite3_column_int64 (stmt, 0), error);

      if (event == NULL)
        return NULL;
      g_ptr_array_add (events, event);
    }
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&events);
}

/* Section: check-ins */

/**
 * guild_week_bounds:
 * @day: a valid day
 * @monday: (out caller-allocates) (optional): the Monday of its ISO week
 * @sunday: (out caller-allocates) (optional): the Sunday of its ISO week
 */
void
guild_week_bounds (const GDate *day,
                   GDate       *monday,
                   GDate       *sunday)
{
  GDate start;

  g_return_if_fail (day != NULL && g_date_valid (day));

  start = *day;
  g_date_subtract_days (&start, (guint) g_date_get_weekday (day) - G_DATE_MONDAY);
  if (monday != NULL)
    *monday = start;
  if (sunday != NULL)
    {
      *sunday = start;
      g_date_add_days (sunday, 6);
    }
}

/**
 * guild_week_id:
 * @day: a valid day
 *
 * Returns: (transfer full): the ISO week of @day, as `2026-W48`
 */
char *
guild_week_id (const GDate *day)
{
  GDate thursday;

  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  /* An ISO week belongs to the year its Thursday falls in. */
  guild_week_bounds (day, &thursday, NULL);
  g_date_add_days (&thursday, 3);

  return g_strdup_printf ("%04u-W%02u", (guint) g_date_get_year (&thursday),
                          g_date_get_iso8601_week_of_year (day));
}

/**
 * guild_weekday_from_name:
 * @name: "monday" … "sunday", as the `checkin-day` setting holds
 *
 * Returns: the weekday, or %G_DATE_SUNDAY for anything else
 */
GDateWeekday
guild_weekday_from_name (const char *name)
{
  static const char * const names[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      return (GDateWeekday) (G_DATE_MONDAY + i);

  return G_DATE_SUNDAY;
}

static void
format_day (const GDate *day,
            char         out[11])
{
  g_snprintf (out, 11, "%04u-%02u-%02u", (guint) g_date_get_year (day),
              (guint) g_date_get_month (day), (guint) g_date_get_day (day));
}

/**
 * guild_store_dup_checkin_for_week:
 * @day: any day of the week
 *
 * Returns: (transfer full) (nullable): the latest check-in dated in the ISO
 *   week of @day, or %NULL when there is none (or on error, with @error set)
 */
GuildCheckin *
guild_store_dup_checkin_for_week (GuildStore   *self,
                                  const GDate  *day,
                                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDate monday, sunday;
  char from[11], to[11];
  sqlite3 *db;
  gint64 id;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  guild_week_bounds (day, &monday, &sunday);
  format_day (&monday, from);
  format_day (&sunday, to);

  db = _guild_store_get_db (self);
  if (!prepare (db,
                "SELECT id FROM checkin WHERE day BETWEEN ?1 AND ?2"
                " ORDER BY day DESC, id DESC LIMIT 1",
                &stmt, error))
    return NULL;

  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  id = sqlite3_column_int64 (stmt, 0);
  return (GuildCheckin *) guild_store_load (self, GUILD_RECORD_CHECKIN, id, error);
}

/**
 * guild_checkin_should_offer:
 * @today: the local day
 * @checkin_day: the day of the week check-ins are due (the `checkin-day` setting)
 * @week_has_checkin: whether this ISO week already has a check-in
 * @dismissed_week: (nullable): the ISO week (`2026-W48`) in which the user
 *   last said "not now"
 *
 * Whether to offer this week's check-in: from the check-in day to the end of
 * the ISO week, unless it is done or was waved away this week. Offering it
 * never stops the user from filling one in any other day.
 */
gboolean
guild_checkin_should_offer (const GDate  *today,
                            GDateWeekday  checkin_day,
                            gboolean      week_has_checkin,
                            const char   *dismissed_week)
{
  g_autofree char *week = NULL;

  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (week_has_checkin)
    return FALSE;
  if (g_date_get_weekday (today) < checkin_day)
    return FALSE;

  week = guild_week_id (today);
  return g_strcmp0 (week, dismissed_week) != 0;
}
