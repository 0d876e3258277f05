/* guild-store-contacts.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store-contacts"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-record.h"
#include "guild-store-contacts.h"
#include "guild-store-private.h"
#include "guild-text.h"

/* Above this many changed activities or events, listeners are told to reload
 * the kind instead (as the store does for a transaction). */
#define MAX_ANNOUNCED_CHANGES 256

/* How often the long scans look at their GCancellable, in rows. */
#define CANCEL_CHECK_ROWS 4096

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

/* Emits the store's ::changed for records changed behind its back (links
 * written in SQL here), after the commit, as the store itself would. */
static void
announce_ids (GuildStore      *self,
              GuildRecordKind  kind,
              GArray          *ids,
              GuildChange      change)
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
                           (guint) change);
}

static void
announce_one (GuildStore      *self,
              GuildRecordKind  kind,
              gint64           id,
              GuildChange      change)
{
  g_signal_emit_by_name (self, "changed", (guint) kind, id, (guint) change);
}

/* Section: keep in touch */

typedef struct
{
  gint64 contact_id;
  gint64 at;
} LastInteraction;

/**
 * guild_store_contacts_last_interaction:
 * @out_by_contact: (out) (transfer full) (element-type gint64 gint64): contact
 *   id → the instant of the latest activity with them; contacts without any
 *   activity are not in the table
 *
 * One query over all activities. It costs about 0.4 s with a million
 * activities, so the UI calls it from a worker.
 */
gboolean
guild_store_contacts_last_interaction (GuildStore   *self,
                                       GHashTable  **out_by_contact,
                                       GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_contact = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_by_contact != NULL, FALSE);

  db = _guild_store_get_db (self);

  /* CROSS JOIN keeps SQLite's planner from walking activity_contact by
   * contact and fetching each activity row at random: scanning the small
   * covering index activity_by_at (at, id) and probing activity_contact's
   * primary key (activity_id, …) reads far fewer pages (0.37 s instead of
   * 0.9 s for a million activities). INDEXED BY makes the query fail
   * loudly, rather than crawl, should a migration ever drop that index. */
  if (!prepare (db,
                "SELECT ac.contact_id, max(a.at)"
                " FROM activity AS a INDEXED BY activity_by_at"
                " CROSS JOIN activity_contact AS ac ON ac.activity_id = a.id"
                " GROUP BY ac.contact_id",
                &stmt, error))
    return FALSE;

  by_contact = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LastInteraction *li = g_new (LastInteraction, 1);

      li->contact_id = sqlite3_column_int64 (stmt, 0);
      li->at = sqlite3_column_int64 (stmt, 1);
      /* The key is the start of the allocation, which the table frees. */
      g_hash_table_insert (by_contact, &li->contact_id, &li->at);
    }
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (db, rc, error);

  *out_by_contact = g_steal_pointer (&by_contact);
  return TRUE;
}

static gboolean
parse_day (const char *day,
           GDate      *out)
{
  unsigned int y, m, d;

  if (day == NULL || !guild_day_is_valid (day, FALSE))
    return FALSE;
  if (sscanf (day, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_valid (out);
}

/**
 * guild_contact_next_follow_up:
 * @connected_on: (nullable): the day met or connected, `YYYY-MM-DD` or ""
 * @last_interaction: the instant of the latest activity with the contact,
 *   or 0
 * @cadence_days: the keep-in-touch cadence (0: none)
 * @tz: (nullable): the time zone whose days count (%NULL: local)
 * @out: (out caller-allocates): the day of the next follow-up
 *
 * The day of the last interaction (in @tz), or else the day met, plus the
 * cadence.
 *
 * Returns: %FALSE, leaving @out alone, without a cadence or a day to start from
 */
gboolean
guild_contact_next_follow_up (const char *connected_on,
                              gint64      last_interaction,
                              int         cadence_days,
                              GTimeZone  *tz,
                              GDate      *out)
{
  GDate start;

  g_return_val_if_fail (out != NULL, FALSE);

  if (cadence_days <= 0)
    return FALSE;

  if (last_interaction != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (last_interaction);
      g_autoptr(GDateTime) local = NULL;
      g_autoptr(GTimeZone) local_tz = NULL;

      if (utc == NULL)
        return FALSE;
      if (tz == NULL)
        tz = local_tz = g_time_zone_new_local ();
      local = g_date_time_to_timezone (utc, tz);
      g_date_clear (&start, 1);
      g_date_set_dmy (&start, (GDateDay) g_date_time_get_day_of_month (local),
                      (GDateMonth) g_date_time_get_month (local),
                      (GDateYear) g_date_time_get_year (local));
    }
  else if (!parse_day (connected_on, &start))
    return FALSE;

  g_date_add_days (&start, (guint) cadence_days);
  *out = start;
  return TRUE;
}

/**
 * guild_contact_is_due:
 * @today: the current day
 *
 * Whether the follow-up computed by guild_contact_next_follow_up() has come:
 * a contact is due on the follow-up day and every day after it.
 */
gboolean
guild_contact_is_due (const char  *connected_on,
                      gint64       last_interaction,
                      int          cadence_days,
                      GTimeZone   *tz,
                      const GDate *today)
{
  GDate next;

  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!guild_contact_next_follow_up (connected_on, last_interaction, cadence_days, tz, &next))
    return FALSE;

  return g_date_compare (&next, today) <= 0;
}

/* Section: duplicates */

static guint
pair_hash (gconstpointer key)
{
  const GuildContactDuplicate *d = key;

  return g_int64_hash (&d->a) * 31 + g_int64_hash (&d->b);
}

static gboolean
pair_equal (gconstpointer a,
            gconstpointer b)
{
  const GuildContactDuplicate *da = a;
  const GuildContactDuplicate *db = b;

  return da->a == db->a && da->b == db->b;
}

typedef struct
{
  GPtrArray  *pairs;     /* GuildContactDuplicate, owned */
  GHashTable *seen;      /* the same, borrowed */
} Duplicates;

static void
add_pair (Duplicates           *dups,
          gint64                x,
          gint64                y,
          GuildDuplicateReason  reason)
{
  GuildContactDuplicate *d;
  GuildContactDuplicate probe;

  g_assert (x != y);

  probe.a = MIN (x, y);
  probe.b = MAX (x, y);
  if (g_hash_table_contains (dups->seen, &probe))
    return;

  d = g_new (GuildContactDuplicate, 1);
  d->a = probe.a;
  d->b = probe.b;
  d->reason = reason;
  g_ptr_array_add (dups->pairs, d);
  g_hash_table_add (dups->seen, d);
}

typedef char *(*KeyFunc) (const char *a, const char *b);

static char *
email_key (const char *email,
           const char *unused)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (email));

  return g_utf8_casefold (trimmed, -1);
}

static char *
url_key (const char *url,
         const char *unused)
{
  return guild_profile_url_normalize (url);
}

static char *
name_company_key (const char *name,
                  const char *company)
{
  g_autofree char *folded_name = guild_text_fold (name);
  g_autofree char *folded_company = guild_text_fold (company);

  if (*folded_name == '\0' || *folded_company == '\0')
    return g_strdup ("");

  /* A separator that folded text cannot contain. */
  return g_strconcat (folded_name, "\x1f", folded_company, NULL);
}

/* Groups the rows of @sql (contact id, text[, text]) by @key_func: each
 * contact that shares a key with an earlier one makes a pair with the first
 * contact of that key. One pass, one hash table: linear in the rows. */
static gboolean
find_by_key (sqlite3              *db,
             const char           *sql,
             KeyFunc               key_func,
             GuildDuplicateReason  reason,
             Duplicates           *dups,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) first = NULL;
  guint rows = 0;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !prepare (db, sql, &stmt, error))
    return FALSE;

  first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *a = (const char *) sqlite3_column_text (stmt, 1);
      const char *b = sqlite3_column_count (stmt) > 2
                      ? (const char *) sqlite3_column_text (stmt, 2) : NULL;
      g_autofree char *key = NULL;
      gint64 *first_id;

      if (++rows % CANCEL_CHECK_ROWS == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      key = key_func (a != NULL ? a : "", b != NULL ? b : "");
      if (*key == '\0')
        continue;

      first_id = g_hash_table_lookup (first, key);
      if (first_id == NULL)
        g_hash_table_insert (first, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
      else if (*first_id != id)
        add_pair (dups, *first_id, id, reason);
    }
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (db, rc, error);

  return TRUE;
}

/**
 * guild_store_find_duplicates:
 *
 * Finds contacts that are probably the same person: the same e-mail address
 * (ignoring case), the same profile address (guild_profile_url_normalize()),
 * or the same folded name at the same non-empty folded company. A group of
 * several contacts comes back as pairs of its first (lowest) id with each
 * other one. Linear in the number of contacts; run it from a worker.
 *
 * Returns: (transfer full) (element-type GuildContactDuplicate): the pairs,
 *   each reported once, in the order found
 */
GPtrArray *
guild_store_find_duplicates (GuildStore    *self,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GHashTable) seen = NULL;
  Duplicates dups;
  sqlite3 *db;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  db = _guild_store_get_db (self);
  pairs = g_ptr_array_new_with_free_func (g_free);
  seen = g_hash_table_new (pair_hash, pair_equal);
  dups.pairs = pairs;
  dups.seen = seen;

  /* By ascending contact id, so that a group's first contact is its lowest.
   * The list tables' primary keys start with contact_id: no sorting. */
  if (!find_by_key (db,
                    "SELECT contact_id, value FROM contact_email ORDER BY contact_id, position",
                    email_key, GUILD_DUPLICATE_SAME_EMAIL, &dups, cancellable, error) ||
      !find_by_key (db,
                    "SELECT contact_id, value FROM contact_url ORDER BY contact_id, position",
                    url_key, GUILD_DUPLICATE_SAME_URL, &dups, cancellable, error) ||
      !find_by_key (db,
                    "SELECT id, full_name, company FROM contact WHERE company != '' ORDER BY id",
                    name_company_key, GUILD_DUPLICATE_SAME_NAME_AND_COMPANY, &dups,
                    cancellable, error))
    return NULL;

  return g_steal_pointer (&pairs);
}

/* Section: merging */

/* The rows that mention the two contacts of a merge, as they were before it:
 * undoing puts exactly these back. */
static const struct
{
  const char *table;
  const char *owner_column;
  /* A link to another record, which may have been deleted since: the row
   * comes back only if that record still exists. */
  const char *guard_column;
  const char *guard_table;
} snapshot_tables[] = {
  { "contact", "id", NULL, NULL },
  { "contact_email", "contact_id", NULL, NULL },
  { "contact_phone", "contact_id", NULL, NULL },
  { "contact_url", "contact_id", NULL, NULL },
  { "contact_tag", "contact_id", NULL, NULL },
  { "membership", "contact_id", "community_id", "community" },
  { "activity_contact", "contact_id", "activity_id", "activity" },
  { "event_attendee", "contact_id", "event_id", "event" },
};

typedef struct
{
  char      *insert_sql;
  guint      n_columns;
  GPtrArray *values;       /* sqlite3_value, n_columns per row */
} Rows;

struct _GuildContactMergeUndo
{
  gint64  keep;
  gint64  drop;
  Rows    rows[G_N_ELEMENTS (snapshot_tables)];
  /* The activities and events whose contacts the merge changed. */
  GArray *activities;
  GArray *events;
};

/**
 * guild_contact_merge_undo_free:
 *
 * Frees what guild_store_merge_contacts() kept for undoing a merge.
 */
void
guild_contact_merge_undo_free (GuildContactMergeUndo *undo)
{
  if (undo == NULL)
    return;

  for (guint t = 0; t < G_N_ELEMENTS (undo->rows); t++)
    {
      g_free (undo->rows[t].insert_sql);
      g_clear_pointer (&undo->rows[t].values, g_ptr_array_unref);
    }
  g_clear_pointer (&undo->activities, g_array_unref);
  g_clear_pointer (&undo->events, g_array_unref);
  g_free (undo);
}

static gboolean
snapshot_table (sqlite3   *db,
                guint      t,
                gint64     keep,
                gint64     drop,
                Rows      *rows,
                GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GString) insert = NULL;
  g_autoptr(GString) params = NULL;
  int guard = -1;
  int rc;

  sql = g_strdup_printf ("SELECT * FROM %s WHERE %s IN (?1, ?2)",
                         snapshot_tables[t].table, snapshot_tables[t].owner_column);
  if (!prepare (db, sql, &stmt, error))
    return FALSE;

  rows->n_columns = (guint) sqlite3_column_count (stmt);
  rows->values = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);

  insert = g_string_new (NULL);
  params = g_string_new (NULL);
  g_string_append_printf (insert, "INSERT INTO %s (", snapshot_tables[t].table);
  for (guint c = 0; c < rows->n_columns; c++)
    {
      const char *name = sqlite3_column_name (stmt, (int) c);

      g_string_append_printf (insert, "%s%s", c > 0 ? ", " : "", name);
      g_string_append_printf (params, "%s?%u", c > 0 ? ", " : "", c + 1);
      if (g_strcmp0 (name, snapshot_tables[t].guard_column) == 0)
        guard = (int) c;
    }
  if (guard >= 0)
    g_string_append_printf (insert, ") SELECT %s WHERE EXISTS (SELECT 1 FROM %s WHERE id = ?%d)",
                            params->str, snapshot_tables[t].guard_table, guard + 1);
  else
    g_string_append_printf (insert, ") VALUES (%s)", params->str);
  rows->insert_sql = g_string_free (g_steal_pointer (&insert), FALSE);

  sqlite3_bind_int64 (stmt, 1, keep);
  sqlite3_bind_int64 (stmt, 2, drop);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint c = 0; c < rows->n_columns; c++)
      g_ptr_array_add (rows->values, sqlite3_value_dup (sqlite3_column_value (stmt, (int) c)));
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (db, rc, error);

  return TRUE;
}

/* The ids in @column of the rows of table @t that belong to @owner. */
static GArray *
snapshot_ids (GuildContactMergeUndo *undo,
              guint                  t,
              gint64                 owner,
              guint                  owner_column,
              guint                  column)
{
  const Rows *rows = &undo->rows[t];
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i + rows->n_columns <= rows->values->len; i += rows->n_columns)
    if (sqlite3_value_int64 (g_ptr_array_index (rows->values, i + owner_column)) == owner)
      {
        gint64 id = sqlite3_value_int64 (g_ptr_array_index (rows->values, i + column));

        g_array_append_val (ids, id);
      }

  return ids;
}

static GuildContactMergeUndo *
take_snapshot (sqlite3  *db,
               gint64    keep,
               gint64    drop,
               GError  **error)
{
  g_autoptr(GuildContactMergeUndo) undo = g_new0 (GuildContactMergeUndo, 1);

  undo->keep = keep;
  undo->drop = drop;
  for (guint t = 0; t < G_N_ELEMENTS (snapshot_tables); t++)
    if (!snapshot_table (db, t, keep, drop, &undo->rows[t], error))
      return NULL;

  /* activity_contact is (activity_id, contact_id, position), event_attendee
   * (event_id, contact_id, position): see LINK_TABLE in the schema. */
  undo->activities = snapshot_ids (undo, 6, drop, 1, 0);
  undo->events = snapshot_ids (undo, 7, drop, 1, 0);

  return g_steal_pointer (&undo);
}

static gboolean
restore_rows (sqlite3     *db,
              const Rows  *rows,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (rows->values->len == 0)
    return TRUE;
  if (!prepare (db, rows->insert_sql, &stmt, error))
    return FALSE;

  for (guint i = 0; i + rows->n_columns <= rows->values->len; i += rows->n_columns)
    {
      int rc;

      for (guint c = 0; c < rows->n_columns; c++)
        sqlite3_bind_value (stmt, (int) c + 1, g_ptr_array_index (rows->values, i + c));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _guild_store_set_error (db, rc, error);
    }

  return TRUE;
}

typedef char *(*SameFunc) (const char *value);

static char *
same_email (const char *value)
{
  return email_key (value, NULL);
}

static char *
same_url (const char *value)
{
  char *key = guild_profile_url_normalize (value);

  if (*key != '\0')
    return key;

  g_free (key);
  return g_strdup (value);
}

static char *
same_text (const char *value)
{
  return guild_text_fold (value);
}

static char *
same_exact (const char *value)
{
  return g_strstrip (g_strdup (value));
}

/* @keep's values, then those of @drop that are not the same as one already
 * there (in the sense of @same). */
static void
union_strv (GuildRecord *merged,
            GuildRecord *drop,
            const char  *name,
            SameFunc     same)
{
  const char * const *mine = guild_record_get_strv (merged, name);
  const char * const *theirs = guild_record_get_strv (drop, name);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  for (guint i = 0; mine != NULL && mine[i] != NULL; i++)
    {
      g_ptr_array_add (values, (gpointer) mine[i]);
      g_hash_table_add (keys, same (mine[i]));
    }
  for (guint i = 0; theirs != NULL && theirs[i] != NULL; i++)
    {
      char *key = same (theirs[i]);

      if (g_hash_table_contains (keys, key))
        g_free (key);
      else
        {
          g_ptr_array_add (values, (gpointer) theirs[i]);
          g_hash_table_add (keys, key);
        }
    }
  g_ptr_array_add (values, NULL);

  /* The values are borrowed from the records: copy before replacing. */
  {
    g_auto(GStrv) copy = g_strdupv ((char **) values->pdata);

    guild_record_set_strv (merged, name, (const char * const *) copy);
  }
}

static void
union_ids (GuildRecord *merged,
           GuildRecord *drop,
           const char  *name)
{
  GArray *mine = guild_record_get_ids (merged, name);
  GArray *theirs = guild_record_get_ids (drop, name);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; mine != NULL && i < mine->len; i++)
    g_array_append_val (ids, g_array_index (mine, gint64, i));
  for (guint i = 0; theirs != NULL && i < theirs->len; i++)
    g_array_append_val (ids, g_array_index (theirs, gint64, i));

  /* Drop repeats, keeping first places (pointers into @ids stay valid: it
   * no longer grows). */
  {
    guint out = 0;

    for (guint i = 0; i < ids->len; i++)
      {
        gint64 *id = &g_array_index (ids, gint64, i);

        if (g_hash_table_contains (seen, id))
          continue;
        g_array_index (ids, gint64, out) = *id;
        g_hash_table_add (seen, &g_array_index (ids, gint64, out));
        out++;
      }
    g_array_set_size (ids, out);
  }

  guild_record_set_ids (merged, name, (const gint64 *) (gpointer) ids->data, ids->len);
}

/* @keep's fields, with @drop's filling those that are empty. */
static void
merge_fields (GuildRecord *merged,
              GuildRecord *drop)
{
  const GuildField *fields;
  guint n_fields;

  fields = guild_record_kind_get_fields (GUILD_RECORD_CONTACT, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const GuildField *f = &fields[i];

      switch (f->type)
        {
        case GUILD_FIELD_TEXT:
        case GUILD_FIELD_DAY:
          {
            const char *mine = guild_record_get_text (merged, f->name);
            const char *theirs = guild_record_get_text (drop, f->name);

            if (*theirs == '\0' || g_strcmp0 (mine, theirs) == 0)
              break;
            if (*mine == '\0')
              guild_record_set_text (merged, f->name, theirs);
            else if (g_str_equal (f->name, "notes"))
              {
                g_autofree char *joined = g_strconcat (mine, "\n\n", theirs, NULL);

                guild_record_set_text (merged, f->name, joined);
              }
          }
          break;

        case GUILD_FIELD_VOCAB:
        case GUILD_FIELD_BOOL:
          /* Always set: keep's value wins. */
          break;

        case GUILD_FIELD_INT:
        case GUILD_FIELD_INSTANT:
        case GUILD_FIELD_REF:
          if (guild_record_get_int (merged, f->name) == 0)
            guild_record_set_int (merged, f->name, guild_record_get_int (drop, f->name));
          break;

        case GUILD_FIELD_STRV:
          if (g_str_equal (f->name, "emails"))
            union_strv (merged, drop, f->name, same_email);
          else if (g_str_equal (f->name, "urls"))
            union_strv (merged, drop, f->name, same_url);
          else if (g_str_equal (f->name, "tags"))
            union_strv (merged, drop, f->name, same_text);
          else
            union_strv (merged, drop, f->name, same_exact);
          break;

        case GUILD_FIELD_REFS:
          union_ids (merged, drop, f->name);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static gboolean
repoint_links (sqlite3  *db,
               gint64    keep,
               gint64    drop,
               GError  **error)
{
  static const char * const sql[] = {
    "INSERT OR IGNORE INTO activity_contact (activity_id, contact_id, position)"
    " SELECT activity_id, ?1, position FROM activity_contact WHERE contact_id = ?2",
    "INSERT OR IGNORE INTO event_attendee (event_id, contact_id, position)"
    " SELECT event_id, ?1, position FROM event_attendee WHERE contact_id = ?2",
  };

  /* The drop's own rows go with it (ON DELETE CASCADE). */
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      if (!prepare (db, sql[i], &stmt, error))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, keep);
      sqlite3_bind_int64 (stmt, 2, drop);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        return _guild_store_set_error (db, rc, error);
    }

  return TRUE;
}

/**
 * guild_store_merge_contacts:
 * @keep: the contact that stays
 * @drop: the contact merged into @keep, then removed
 * @undo: (out) (optional) (transfer full): what guild_store_merge_undo() needs
 *
 * Merges two records of the same person, in one transaction. @keep's
 * non-empty fields win; @drop's fill the empty ones, and both notes are kept,
 * a blank line apart. E-mails, phones, addresses, tags and communities are
 * combined (@keep's first, without repeats). @drop's activities and events
 * become @keep's. Then @drop is removed.
 *
 * The store announces @keep as changed, @drop as removed, and each activity
 * and event whose contacts changed (or a reset of the kind, when many).
 *
 * Returns: %FALSE, with nothing changed, if either contact does not exist or
 *   they are the same
 */
gboolean
guild_store_merge_contacts (GuildStore             *self,
                            gint64                  keep,
                            gint64                  drop,
                            GuildContactMergeUndo **undo,
                            GError                **error)
{
  g_autoptr(GuildRecord) kept = NULL;
  g_autoptr(GuildRecord) dropped = NULL;
  g_autoptr(GuildContactMergeUndo) snapshot = NULL;
  sqlite3 *db;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo == NULL || *undo == NULL, FALSE);

  if (keep == drop)
    {
      g_set_error_literal (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                           _("A contact cannot be merged with itself"));
      return FALSE;
    }

  db = _guild_store_get_db (self);
  if (!guild_store_begin (self, error))
    return FALSE;

  if (!(kept = guild_store_load (self, GUILD_RECORD_CONTACT, keep, error)) ||
      !(dropped = guild_store_load (self, GUILD_RECORD_CONTACT, drop, error)) ||
      !(snapshot = take_snapshot (db, keep, drop, error)))
    goto failed;

  merge_fields (kept, dropped);

  if (!guild_store_update (self, kept, error) ||
      !repoint_links (db, keep, drop, error) ||
      !guild_store_remove (self, GUILD_RECORD_CONTACT, drop, error) ||
      !guild_store_commit (self, error))
    goto failed;

  announce_ids (self, GUILD_RECORD_ACTIVITY, snapshot->activities, GUILD_CHANGE_CHANGED);
  announce_ids (self, GUILD_RECORD_EVENT, snapshot->events, GUILD_CHANGE_CHANGED);

  if (undo != NULL)
    *undo = g_steal_pointer (&snapshot);
  return TRUE;

failed:
  guild_store_rollback (self);
  return FALSE;
}

/**
 * guild_store_merge_undo:
 * @undo: what guild_store_merge_contacts() returned
 *
 * Puts both contacts back exactly as they were before the merge, with their
 * ids, lists, memberships and links, in one transaction. Links to records
 * deleted since the merge do not come back. Fails, changing nothing, if the
 * merged-away contact's id has been taken since.
 */
gboolean
guild_store_merge_undo (GuildStore             *self,
                        GuildContactMergeUndo  *undo,
                        GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean keep_existed;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  db = _guild_store_get_db (self);
  if (!guild_store_begin (self, error))
    return FALSE;

  /* Undoing a deletion (guild_store_forget_contact_with_undo()): the id may
   * have been given to a new contact since, which must not be replaced. */
  if (undo->keep == undo->drop)
    {
      g_autoptr(GuildRecord) taken = guild_store_load (self, GUILD_RECORD_CONTACT, undo->keep,
                                                       NULL);

      if (taken != NULL)
        {
          g_set_error_literal (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                               _("The deleted contact cannot be restored any more"));
          goto failed;
        }
    }

  /* Deleting the merged contact deletes its lists and links with it. */
  if (!prepare (db, "DELETE FROM contact WHERE id = ?1", &stmt, error))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, undo->keep);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      goto failed;
    }
  keep_existed = sqlite3_changes (db) > 0;

  for (guint t = 0; t < G_N_ELEMENTS (snapshot_tables); t++)
    if (!restore_rows (db, &undo->rows[t], error))
      goto failed;

  if (!guild_store_commit (self, error))
    return FALSE;

  announce_one (self, GUILD_RECORD_CONTACT, undo->keep,
                keep_existed ? GUILD_CHANGE_CHANGED : GUILD_CHANGE_ADDED);
  if (undo->drop != undo->keep)
    announce_one (self, GUILD_RECORD_CONTACT, undo->drop, GUILD_CHANGE_ADDED);
  announce_ids (self, GUILD_RECORD_ACTIVITY, undo->activities, GUILD_CHANGE_CHANGED);
  announce_ids (self, GUILD_RECORD_EVENT, undo->events, GUILD_CHANGE_CHANGED);
  return TRUE;

failed:
  guild_store_rollback (self);
  return FALSE;
}

/* Section: forgetting */

static gboolean
set_secure_delete (sqlite3   *db,
                   int        value,
                   int       *old_value,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA secure_delete = %d", value);
  int rc;

  /* The pragma answers with the value now in force. */
  if (!prepare (db, "PRAGMA secure_delete", &stmt, error))
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return _guild_store_set_error (db, rc, error);
  if (old_value != NULL)
    *old_value = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if ((rc = sqlite3_exec (db, sql, NULL, NULL, NULL)) != SQLITE_OK)
    return _guild_store_set_error (db, rc, error);

  return TRUE;
}

/**
 * guild_store_forget_contact:
 * @id: a contact
 *
 * Removes a contact as guild_store_remove() does (with its e-mails, phones,
 * addresses, tags, memberships and links to activities and events), and
 * also out of the file: SQLite leaves a deleted row's bytes in the freed
 * pages and in the write-ahead log until they happen to be reused. Here the
 * freed space is overwritten with zeros and the log is checkpointed, so the
 * person's details cannot be read back from the database file.
 *
 * Call it outside a transaction. If another connection is reading at that
 * moment, the log keeps the old pages until the next checkpoint.
 */
gboolean
guild_store_forget_contact (GuildStore  *self,
                            gint64       id,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;
  int old_value = 0;
  gboolean ok;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id > 0, FALSE);

  db = _guild_store_get_db (self);
  g_return_val_if_fail (sqlite3_get_autocommit (db), FALSE);

  if (!set_secure_delete (db, 1, &old_value, error))
    return FALSE;

  ok = guild_store_remove (self, GUILD_RECORD_CONTACT, id, error);
  if (ok)
    {
      rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      if (rc != SQLITE_OK)
        g_debug ("Could not checkpoint after forgetting a contact: %s", sqlite3_errmsg (db));
    }

  if (!set_secure_delete (db, old_value, NULL, &local_error))
    g_warning ("Could not restore secure_delete: %s", local_error->message);

  return ok;
}

/**
 * guild_store_forget_contact_with_undo:
 * @id: a contact
 * @undo: (out) (transfer full): what guild_store_merge_undo() needs to put
 *   the contact back
 *
 * Forgets a contact as guild_store_forget_contact() does, but first keeps in
 * memory what guild_store_merge_undo() needs to restore them with their id,
 * lists, memberships and links to activities and events. The database file
 * no longer holds the person once this returns; only @undo does, so the
 * caller frees it as soon as the user can no longer undo (when the undo toast
 * goes, or on quit). Restoring fails, changing nothing, once a new contact
 * has been given the same id.
 */
gboolean
guild_store_forget_contact_with_undo (GuildStore             *self,
                                      gint64                  id,
                                      GuildContactMergeUndo **undo,
                                      GError                **error)
{
  g_autoptr(GuildContactMergeUndo) snapshot = NULL;
  g_autoptr(GuildRecord) contact = NULL;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id > 0, FALSE);
  g_return_val_if_fail (undo != NULL && *undo == NULL, FALSE);

  if (!(contact = guild_store_load (self, GUILD_RECORD_CONTACT, id, error)) ||
      !(snapshot = take_snapshot (_guild_store_get_db (self), id, id, error)) ||
      !guild_store_forget_contact (self, id, error))
    return FALSE;

  *undo = g_steal_pointer (&snapshot);
  return TRUE;
}

/**
 * guild_contact_merge_preview:
 * @keep: the contact that would stay
 * @drop: the contact that would be merged into it
 *
 * What guild_store_merge_contacts() would make of @keep's fields, without
 * touching the store: for showing the user the result before merging.
 *
 * Returns: (transfer full): a new, unsaved contact with the merged fields
 */
GuildRecord *
guild_contact_merge_preview (GuildRecord *keep,
                             GuildRecord *drop)
{
  GuildRecord *merged;

  g_return_val_if_fail (GUILD_IS_RECORD (keep), NULL);
  g_return_val_if_fail (GUILD_IS_RECORD (drop), NULL);

  merged = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  guild_record_copy_fields (merged, keep);
  merge_fields (merged, drop);

  return merged;
}
