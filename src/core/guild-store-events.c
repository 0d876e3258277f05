/* guild-store-events.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store-events"

#include "config.h"

#include "guild-recurrence.h"
#include "guild-store-events.h"
#include "guild-store-private.h"
#include "guild-text.h"

/* What the calendar needs from the store beyond plain records: the
 * occurrences of every event in a range (recurring series expanded, never
 * stored one by one), the answers to "Did you go?", deleting an event so that
 * it can come back, and a contact search fast enough for 100,000 people.
 * Range reads and searches run on a read-only connection of their own, so
 * they can run on a worker thread. */

#define DAY_SECONDS (24 * 60 * 60)

/* Section: occurrences */

void
guild_occurrence_free (GuildOccurrence *occurrence)
{
  if (occurrence == NULL)
    return;

  g_free (occurrence->title);
  g_free (occurrence->kind);
  g_free (occurrence->status);
  g_free (occurrence);
}

/**
 * guild_occurrence_copy:
 *
 * Returns: (transfer full): a copy of @occurrence
 */
GuildOccurrence *
guild_occurrence_copy (const GuildOccurrence *occurrence)
{
  GuildOccurrence *copy;

  g_return_val_if_fail (occurrence != NULL, NULL);

  copy = g_memdup2 (occurrence, sizeof *occurrence);
  copy->title = g_strdup (occurrence->title);
  copy->kind = g_strdup (occurrence->kind);
  copy->status = g_strdup (occurrence->status);
  return copy;
}

/**
 * guild_occurrence_compare:
 * @a: a `GuildOccurrence **`
 * @b: a `GuildOccurrence **`
 *
 * Orders occurrences as g_ptr_array_sort() wants: by start, all-day ones
 * first on the same start, then by title and event id, so that the order is
 * stable between loads.
 */
int
guild_occurrence_compare (gconstpointer a,
                          gconstpointer b)
{
  const GuildOccurrence *oa = *(GuildOccurrence * const *) a;
  const GuildOccurrence *ob = *(GuildOccurrence * const *) b;
  int cmp;

  if (oa->start != ob->start)
    return oa->start < ob->start ? -1 : 1;
  if (oa->all_day != ob->all_day)
    return oa->all_day ? -1 : 1;
  if ((cmp = g_strcmp0 (oa->title, ob->title)) != 0)
    return cmp;
  return oa->event_id < ob->event_id ? -1 : oa->event_id > ob->event_id;
}

/**
 * guild_occurrence_local_day:
 * @tz: the zone the user sees days in
 * @out: (out caller-allocates): the day the occurrence starts on
 *
 * An all-day occurrence is on its date whatever the zone; a timed one is on
 * the local day of its start.
 */
void
guild_occurrence_local_day (const GuildOccurrence *occurrence,
                            GTimeZone             *tz,
                            GDate                 *out)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_if_fail (occurrence != NULL);
  g_return_if_fail (out != NULL);

  if (occurrence->all_day)
    dt = g_date_time_new_from_unix_utc (occurrence->start);
  else
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (occurrence->start);
      dt = g_date_time_to_timezone (utc, tz);
    }

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

typedef struct
{
  GPtrArray       *out;
  GuildOccurrence  proto;
} ExpandData;

static gboolean
add_occurrence_cb (gint64   start,
                   gint64   end,
                   gpointer user_data)
{
  ExpandData *data = user_data;
  GuildOccurrence *occurrence = guild_occurrence_copy (&data->proto);

  occurrence->start = start;
  occurrence->end = end;
  g_ptr_array_add (data->out, occurrence);
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static gboolean
step_failed (sqlite3  *db,
             int       rc,
             GError  **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;

  _guild_store_set_error (db, rc, error);
  return TRUE;
}

/* Reads the occurrences overlapping [range_start, range_end) on @db. All-day
 * occurrences are kept by date, so the range is widened by a day on each
 * side for them: the caller places them on their day. */
static GPtrArray *
occurrences_on (sqlite3       *db,
                gint64         range_start,
                gint64         range_end,
                const char    *extra_where,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) guild_occurrence_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) exdates = NULL;
  g_autofree char *sql = NULL;
  int rc;

  /* A single event is read only when it can overlap the range; a series
   * whenever it starts before the range ends (its rule decides the rest). */
  sql = g_strdup_printf ("SELECT id, title, starts_at, ends_at, all_day, tzid, rrule, kind,"
                         " status, community_id FROM event"
                         " WHERE starts_at < ?2 + %d"
                         " AND (rrule != '' OR MAX(starts_at, COALESCE(ends_at, starts_at),"
                         "      starts_at + all_day * %d) >= ?1 - %d)%s",
                         DAY_SECONDS, DAY_SECONDS, DAY_SECONDS, extra_where);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT value FROM event_exdate WHERE event_id = ?1",
                             -1, &exdates, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, range_start);
  sqlite3_bind_int64 (stmt, 2, range_end);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) excluded = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) local_error = NULL;
      const char *rrule = column_text (stmt, 6);
      gint64 starts_at = sqlite3_column_int64 (stmt, 2);
      gint64 ends_at = sqlite3_column_int64 (stmt, 3);
      gboolean all_day = sqlite3_column_int (stmt, 4) != 0;
      gint64 from = all_day ? range_start - DAY_SECONDS : range_start;
      gint64 to = all_day ? range_end + DAY_SECONDS : range_end;
      ExpandData data = { out, { 0, } };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      data.proto.event_id = sqlite3_column_int64 (stmt, 0);
      data.proto.series_start = starts_at;
      data.proto.community_id = sqlite3_column_int64 (stmt, 9);
      data.proto.all_day = all_day;
      data.proto.recurring = *rrule != '\0';
      data.proto.title = (char *) column_text (stmt, 1);
      data.proto.kind = (char *) column_text (stmt, 7);
      data.proto.status = (char *) column_text (stmt, 8);

      if (*rrule != '\0')
        {
          sqlite3_bind_int64 (exdates, 1, data.proto.event_id);
          while (sqlite3_step (exdates) == SQLITE_ROW)
            g_ptr_array_add (excluded, g_strdup (column_text (exdates, 0)));
          sqlite3_reset (exdates);
        }
      g_ptr_array_add (excluded, NULL);

      /* A rule that cannot be read shows its first occurrence only, as the
       * metrics count it. */
      if (!guild_recurrence_expand (starts_at, ends_at, all_day, column_text (stmt, 5), rrule,
                                    (const char * const *) excluded->pdata, from, to,
                                    add_occurrence_cb, &data, &local_error))
        {
          g_debug ("Event %" G_GINT64_FORMAT ": %s", data.proto.event_id, local_error->message);
          data.proto.recurring = FALSE;
          guild_recurrence_expand (starts_at, ends_at, all_day, NULL, NULL, NULL, from, to,
                                   add_occurrence_cb, &data, NULL);
        }
    }

  if (step_failed (db, rc, error))
    return NULL;

  g_ptr_array_sort (out, guild_occurrence_compare);
  return g_steal_pointer (&out);
}

/**
 * guild_store_list_occurrences:
 * @range_start: the first instant of interest (UTC seconds)
 * @range_end: the first instant after it
 *
 * Reads every occurrence that overlaps the range, recurring series expanded,
 * sorted by start. All-day occurrences up to a day outside the range are
 * included too, because they belong to a date rather than to an instant:
 * place them with guild_occurrence_local_day().
 *
 * Returns: (transfer full) (element-type GuildOccurrence): the occurrences,
 *   or %NULL with @error set.
 */
GPtrArray *
guild_store_list_occurrences (GuildStore    *self,
                              gint64         range_start,
                              gint64         range_end,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (range_start <= range_end, NULL);

  return occurrences_on (_guild_store_get_db (self), range_start, range_end, "",
                         cancellable, error);
}

typedef struct
{
  gint64  range_start;
  gint64  range_end;
} RangeData;

static gpointer
occurrences_read (sqlite3       *db,
                  gpointer       user_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  RangeData *data = user_data;

  return occurrences_on (db, data->range_start, data->range_end, "", cancellable, error);
}

/**
 * guild_store_list_occurrences_async:
 *
 * Like guild_store_list_occurrences(), on a worker thread with a read-only
 * connection of its own.
 */
void
guild_store_list_occurrences_async (GuildStore          *self,
                                    gint64               range_start,
                                    gint64               range_end,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  RangeData *data;

  g_return_if_fail (GUILD_IS_STORE (self));
  g_return_if_fail (range_start <= range_end);

  data = g_new0 (RangeData, 1);
  data->range_start = range_start;
  data->range_end = range_end;

  _guild_store_read_async (self, guild_store_list_occurrences_async, occurrences_read,
                           data, g_free, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

/**
 * guild_store_list_occurrences_finish:
 *
 * Returns: (transfer full) (element-type GuildOccurrence): the occurrences
 */
GPtrArray *
guild_store_list_occurrences_finish (GuildStore    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Section: "Did you go?" */

static gboolean
occurrence_has_attendance (sqlite3      *db,
                           sqlite3_stmt *stmt,
                           gint64        event_id,
                           gint64        start)
{
  gboolean found;

  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, start);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static GPtrArray *
unanswered_on (sqlite3  *db,
               gint64    since,
               gint64    now,
               GError  **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(sqlite3_stmt) attended = NULL;
  int rc;

  /* Only the end has to fall in the window, so the read starts earlier. */
  all = occurrences_on (db, since, now, " AND status IN ('planned', 'going')", NULL, error);
  if (all == NULL)
    return NULL;

  rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM activity WHERE event_id = ?1 AND at = ?2"
                           " AND kind = 'attend_event' LIMIT 1", -1, &attended, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) guild_occurrence_free);
  for (guint i = all->len; i > 0; i--)
    {
      GuildOccurrence *occurrence = g_ptr_array_index (all, i - 1);
      gint64 end = MAX (occurrence->end, occurrence->start);

      if (end < since || end > now)
        continue;
      if (occurrence->recurring &&
          occurrence_has_attendance (db, attended, occurrence->event_id, occurrence->start))
        continue;

      g_ptr_array_add (out, g_ptr_array_steal_index (all, i - 1));
    }

  return g_steal_pointer (&out);
}

/**
 * guild_store_unanswered_occurrences:
 * @since: the earliest end to ask about
 * @now: the present
 *
 * The occurrences that ended in [@since, @now] and still wait for an answer
 * to "Did you go?", latest first. A single event waits while its status is
 * planned or going. A series keeps one status for all its occurrences, so an
 * occurrence of a planned or going series waits until an `attend_event`
 * activity of that event at that occurrence's start exists (the answer
 * "Yes"); the caller remembers the answers "No" for series (see
 * guild_store_answer_occurrence()).
 *
 * Returns: (transfer full) (element-type GuildOccurrence): the occurrences
 */
GPtrArray *
guild_store_unanswered_occurrences (GuildStore  *self,
                                    gint64       since,
                                    gint64       now,
                                    GError     **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  return unanswered_on (_guild_store_get_db (self), since, now, error);
}

static gpointer
unanswered_read (sqlite3       *db,
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  RangeData *data = user_data;

  return unanswered_on (db, data->range_start, data->range_end, error);
}

/**
 * guild_store_unanswered_occurrences_async:
 *
 * Like guild_store_unanswered_occurrences(), on a worker thread: the number
 * of series to expand grows with the data.
 */
void
guild_store_unanswered_occurrences_async (GuildStore          *self,
                                          gint64               since,
                                          gint64               now,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  RangeData *data;

  g_return_if_fail (GUILD_IS_STORE (self));

  data = g_new0 (RangeData, 1);
  data->range_start = since;
  data->range_end = now;

  _guild_store_read_async (self, guild_store_unanswered_occurrences_async, unanswered_read,
                           data, g_free, (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

/**
 * guild_store_unanswered_occurrences_finish:
 *
 * Returns: (transfer full) (element-type GuildOccurrence): the occurrences
 */
GPtrArray *
guild_store_unanswered_occurrences_finish (GuildStore    *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * guild_store_answer_occurrence:
 * @event_id: the event
 * @occurrence_start: the start of the occurrence asked about
 * @attended: the answer
 *
 * Records the answer to "Did you go?", in one transaction. "Yes" records an
 * `attend_event` activity at the occurrence's start, linked to the event and
 * its community, with the occurrence's length in minutes and the people met
 * there; for a single event it also sets the status to attended. "No" sets a
 * single event's status to missed. A series keeps one status for all its
 * occurrences, so "No" changes nothing stored for an occurrence of a series
 * (the metrics count a series' attended occurrences by its status, and an
 * activity per occurrence by its time).
 */
gboolean
guild_store_answer_occurrence (GuildStore  *self,
                               gint64       event_id,
                               gint64       occurrence_start,
                               gboolean     attended,
                               GError     **error)
{
  g_autoptr(GuildRecord) event = NULL;
  gboolean recurring;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (event_id > 0, FALSE);

  if (!(event = guild_store_load (self, GUILD_RECORD_EVENT, event_id, error)))
    return FALSE;

  recurring = *guild_record_get_text (event, "rrule") != '\0';
  if (recurring && !attended)
    return TRUE;

  if (!guild_store_begin (self, error))
    return FALSE;

  if (!recurring)
    {
      guild_record_set_text (event, "status", attended ? "attended" : "missed");
      if (!guild_store_update (self, event, error))
        goto failed;
    }

  if (attended)
    {
      g_autoptr(GuildActivity) activity = guild_activity_new ("attend_event", occurrence_start);
      GArray *attendees = guild_record_get_ids (event, "attendees");
      gint64 length = guild_record_get_int (event, "ends-at") - guild_record_get_int (event, "starts-at");

      guild_record_set_int (GUILD_RECORD (activity), "event-id", event_id);
      guild_record_set_int (GUILD_RECORD (activity), "community-id",
                            guild_record_get_int (event, "community-id"));
      if (length > 0 && !guild_record_get_int (event, "all-day"))
        guild_record_set_int (GUILD_RECORD (activity), "minutes", MIN (length / 60, 7 * 24 * 60));
      if (attendees != NULL && attendees->len > 0)
        guild_record_set_ids (GUILD_RECORD (activity), "contacts",
                              (const gint64 *) attendees->data, attendees->len);
      if (!guild_store_add (self, GUILD_RECORD (activity), error))
        goto failed;
    }

  return guild_store_commit (self, error);

failed:
  guild_store_rollback (self);
  return FALSE;
}

/* Section: deleting with undo */

struct _GuildEventDeleteUndo
{
  GuildRecord *event;
  GArray      *activities;   /* gint64: activities that pointed at it */
  GArray      *contacts;     /* gint64: contacts met there */
};

void
guild_event_delete_undo_free (GuildEventDeleteUndo *undo)
{
  if (undo == NULL)
    return;

  g_clear_object (&undo->event);
  g_clear_pointer (&undo->activities, g_array_unref);
  g_clear_pointer (&undo->contacts, g_array_unref);
  g_free (undo);
}

static gboolean
collect_ids (sqlite3     *db,
             const char  *sql,
             gint64       id,
             GArray      *out,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    return _guild_store_set_error (db, rc, error);

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (out, value);
    }

  return !step_failed (db, rc, error);
}

static gboolean
relink (GuildStore       *self,
        GuildRecordKind   kind,
        const char       *field,
        GArray           *ids,
        gint64            event_id,
        GError          **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GuildRecord) record = NULL;

      /* A record deleted since then stays deleted. */
      record = guild_store_load (self, kind, g_array_index (ids, gint64, i), &local_error);
      if (record == NULL)
        {
          if (g_error_matches (local_error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (guild_record_get_int (record, field) != 0)
        continue;
      guild_record_set_int (record, field, event_id);
      if (!guild_store_update (self, record, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * guild_store_delete_event:
 * @undo: (out) (optional) (transfer full): what guild_store_undo_delete_event()
 *   needs to bring it back
 *
 * Deletes an event. Activities and contacts that pointed at it lose the
 * reference; @undo remembers them, so that undoing restores the links too.
 */
gboolean
guild_store_delete_event (GuildStore            *self,
                          gint64                 id,
                          GuildEventDeleteUndo **undo,
                          GError               **error)
{
  g_autoptr(GuildEventDeleteUndo) saved = NULL;
  sqlite3 *db;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id > 0, FALSE);

  db = _guild_store_get_db (self);
  saved = g_new0 (GuildEventDeleteUndo, 1);
  saved->activities = g_array_new (FALSE, FALSE, sizeof (gint64));
  saved->contacts = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!(saved->event = guild_store_load (self, GUILD_RECORD_EVENT, id, error)) ||
      !collect_ids (db, "SELECT id FROM activity WHERE event_id = ?1", id,
                    saved->activities, error) ||
      !collect_ids (db, "SELECT id FROM contact WHERE met_at_event = ?1", id,
                    saved->contacts, error) ||
      !guild_store_remove (self, GUILD_RECORD_EVENT, id, error))
    return FALSE;

  if (undo != NULL)
    *undo = g_steal_pointer (&saved);
  return TRUE;
}

/**
 * guild_store_undo_delete_event:
 * @new_id: (out) (optional): the restored event's id (a new one)
 *
 * Brings a deleted event back with all its fields, its exceptions and the
 * people met there, and points the activities and contacts that lost it at
 * it again, in one transaction.
 */
gboolean
guild_store_undo_delete_event (GuildStore            *self,
                               GuildEventDeleteUndo  *undo,
                               gint64                *new_id,
                               GError               **error)
{
  g_autoptr(GuildRecord) event = NULL;
  gint64 id;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  event = guild_record_new_for_kind (GUILD_RECORD_EVENT);
  guild_record_copy_fields (event, undo->event);
  _guild_record_set_times (event, guild_record_get_created_at (undo->event), 0);

  if (!guild_store_begin (self, error))
    return FALSE;

  if (!guild_store_add (self, event, error))
    goto failed;
  id = guild_record_get_id (event);
  if (!relink (self, GUILD_RECORD_ACTIVITY, "event-id", undo->activities, id, error) ||
      !relink (self, GUILD_RECORD_CONTACT, "met-at-event", undo->contacts, id, error))
    goto failed;
  if (!guild_store_commit (self, error))
    return FALSE;

  if (new_id != NULL)
    *new_id = id;
  return TRUE;

failed:
  guild_store_rollback (self);
  return FALSE;
}

/* Section: finding contacts */

void
guild_contact_hit_free (GuildContactHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->name);
  g_free (hit->detail);
  g_free (hit);
}

typedef struct
{
  char  *needle;
  guint  limit;
} FindData;

static void
find_data_free (FindData *data)
{
  g_free (data->needle);
  g_free (data);
}

static gpointer
find_contacts_read (sqlite3       *db,
                    gpointer       user_data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  FindData *data = user_data;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) guild_contact_hit_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT id, full_name, position, company FROM contact"
                           " ORDER BY full_name COLLATE NOCASE, id", -1, &stmt, NULL);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = column_text (stmt, 1);
      const char *position = column_text (stmt, 2);
      const char *company = column_text (stmt, 3);
      GuildContactHit *hit;

      /* Checking now and then keeps a cancelled search from running on
       * through 100,000 names. */
      if ((++n & 1023) == 0 && g_cancellable_is_cancelled (cancellable))
        break;

      if (*data->needle != '\0')
        {
          g_autofree char *haystack = g_strjoin (" ", name, company, NULL);
          g_autofree char *folded = guild_text_fold (haystack);

          if (!guild_text_matches (folded, data->needle))
            continue;
        }

      hit = g_new0 (GuildContactHit, 1);
      hit->id = sqlite3_column_int64 (stmt, 0);
      hit->name = g_strdup (name);
      if (*position != '\0' && *company != '\0')
        hit->detail = g_strdup_printf ("%s, %s", position, company);
      else
        hit->detail = g_strdup (*position != '\0' ? position : company);
      g_ptr_array_add (hits, hit);

      if (hits->len >= data->limit)
        {
          rc = SQLITE_DONE;
          break;
        }
    }

  if (rc != SQLITE_DONE && rc != SQLITE_ROW && rc != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&hits);
}

/**
 * guild_store_find_contacts_async:
 * @query: what the user typed; folded like every search (case, accents, Ё)
 * @limit: at most this many hits
 *
 * Finds contacts whose name or company contains every word of @query, in
 * name order, on a worker thread.
 */
void
guild_store_find_contacts_async (GuildStore          *self,
                                 const char          *query,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  FindData *data;

  g_return_if_fail (GUILD_IS_STORE (self));
  g_return_if_fail (limit > 0);

  data = g_new0 (FindData, 1);
  data->needle = guild_text_fold (query);
  data->limit = limit;

  _guild_store_read_async (self, guild_store_find_contacts_async, find_contacts_read,
                           data, (GDestroyNotify) find_data_free,
                           (GDestroyNotify) g_ptr_array_unref,
                           cancellable, callback, user_data);
}

/**
 * guild_store_find_contacts_finish:
 *
 * Returns: (transfer full) (element-type GuildContactHit): the hits
 */
GPtrArray *
guild_store_find_contacts_finish (GuildStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Section: reminders */

/**
 * guild_reminder_next:
 * @occurrences: (element-type GuildOccurrence): upcoming occurrences
 * @now: the present
 * @lead_seconds: how long before a start to remind (> 0)
 * @after: reminders due at or before this were already given
 * @fire_at: (out): when to remind
 * @index: (out): which occurrence to remind of
 *
 * Picks the next reminder: of the occurrences that have not started at @now
 * and whose reminder time (the start less @lead_seconds) is after @after,
 * the one whose reminder time comes first. A reminder time already past
 * (the app started within the lead time) fires at @now. All-day and
 * cancelled occurrences get no reminder.
 *
 * Returns: %FALSE when there is nothing to remind of.
 */
gboolean
guild_reminder_next (GPtrArray *occurrences,
                     gint64     now,
                     gint64     lead_seconds,
                     gint64     after,
                     gint64    *fire_at,
                     guint     *index)
{
  gboolean found = FALSE;
  gint64 best = 0;

  g_return_val_if_fail (occurrences != NULL, FALSE);
  g_return_val_if_fail (fire_at != NULL && index != NULL, FALSE);

  if (lead_seconds <= 0)
    return FALSE;

  for (guint i = 0; i < occurrences->len; i++)
    {
      const GuildOccurrence *occurrence = g_ptr_array_index (occurrences, i);
      gint64 when = occurrence->start - lead_seconds;

      if (occurrence->all_day || occurrence->start <= now || when <= after ||
          g_strcmp0 (occurrence->status, "cancelled") == 0)
        continue;

      if (!found || when < best)
        {
          found = TRUE;
          best = when;
          *index = i;
        }
    }

  if (found)
    *fire_at = MAX (best, now);
  return found;
}
