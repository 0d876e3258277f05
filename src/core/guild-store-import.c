/* guild-store-import.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-post.h"
#include "guild-store-import.h"
#include "guild-store-private.h"
#include "guild-store-import-undo.h"
#include "import/guild-import-private.h"

/* Matching parsed records against the database, and writing an import.
 *
 * The preview decides, for every parsed record, whether it is new, updates
 * a stored record, changes nothing, or cannot be stored. Contacts match by
 * e-mail (without case), profile address, or folded name and company;
 * events by UID; the other kinds of a backup by name, title, instant or day.
 * Records that are the same person twice in one file are merged.
 *
 * Applying writes everything in one transaction with an import_batch row;
 * added rows carry the batch's id, and every update of a record that was
 * there already is logged with the record's earlier state
 * (guild-store-import-undo.c), so the batch can be undone. A cancel or a
 * failure rolls back: nothing is written.
 *
 * The synchronous functions run on the store's own connection (guildctl,
 * tests). The app uses the _async pair: the preview reads and the apply
 * writes on a connection of a worker thread's own, reporting progress to the
 * caller's main context, while the store refuses writes of its own
 * (_guild_store_set_busy_importing()); when the write is committed the store
 * announces a reset of every kind it touched.
 */

/* Section: progress */

/* Progress reports are at most this often (µs), apart from the last. */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 5)

typedef struct
{
  gatomicrefcount          ref;
  GMainContext            *context;
  GuildImportProgressFunc  func;
  gpointer                 data;
  GDestroyNotify           notify;
  /* Only the worker touches these. */
  gint64                   last_post;
  double                   last_fraction;
} Progress;

static Progress *
progress_new (GuildImportProgressFunc func,
              gpointer                data,
              GDestroyNotify          notify)
{
  Progress *p = g_new0 (Progress, 1);

  g_atomic_ref_count_init (&p->ref);
  p->context = g_main_context_ref_thread_default ();
  p->func = func;
  p->data = data;
  p->notify = notify;
  p->last_fraction = -1;

  return p;
}

static Progress *
progress_ref (Progress *p)
{
  g_atomic_ref_count_inc (&p->ref);
  return p;
}

/* The last reference may go on either thread; the data's notify is the
 * caller's business and must be safe wherever that is. */
static void
progress_unref (Progress *p)
{
  if (p == NULL || !g_atomic_ref_count_dec (&p->ref))
    return;

  if (p->notify != NULL)
    p->notify (p->data);
  g_main_context_unref (p->context);
  g_free (p);
}

typedef struct
{
  Progress *progress;
  double    fraction;
} ProgressPost;

static gboolean
progress_dispatch (gpointer user_data)
{
  ProgressPost *post = user_data;

  if (post->progress->func != NULL)
    post->progress->func (post->fraction, post->progress->data);

  return G_SOURCE_REMOVE;
}

static void
progress_post_free (gpointer user_data)
{
  ProgressPost *post = user_data;

  progress_unref (post->progress);
  g_free (post);
}

/* Called by the worker. Fractions only grow; reports are thinned out to a
 * few a second, except the final 1, which always goes. */
static void
progress_report (Progress *p,
                 double    fraction)
{
  ProgressPost *post;
  gint64 now;

  if (p == NULL)
    return;

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction <= p->last_fraction)
    return;

  now = g_get_monotonic_time ();
  if (fraction < 1.0 && p->last_post != 0 && now - p->last_post < PROGRESS_INTERVAL)
    return;

  p->last_post = now;
  p->last_fraction = fraction;
  post = g_new0 (ProgressPost, 1);
  post->progress = progress_ref (p);
  post->fraction = fraction;
  guild_post_to_context (p->context, G_PRIORITY_DEFAULT, progress_dispatch, post,
                         progress_post_free);
}

/* Section: preview entries */

static void
clear_entry (gpointer data)
{
  GuildImportPreviewEntry *entry = data;

  g_clear_object (&entry->merged);
  g_clear_pointer (&entry->reason, g_free);
}

void
guild_import_preview_free (GuildImportPreview *preview)
{
  if (preview == NULL)
    return;

  g_clear_pointer (&preview->entries, g_array_unref);
  g_free (preview);
}

static GuildImportItem *
item_at (GuildImportPreview *preview,
         guint               index)
{
  return g_ptr_array_index (preview->result->items, index);
}

/**
 * guild_import_preview_report:
 *
 * Returns: (transfer full): the counts and every skipped record with its
 *   line and reason, as text for people (and the import_batch row).
 */
char *
guild_import_preview_report (GuildImportPreview *preview)
{
  GString *out = g_string_new (NULL);
  GuildImportResult *result;

  g_return_val_if_fail (preview != NULL, NULL);

  result = preview->result;
  g_string_append_printf (out,
                          /* Translators: the counts of an import, for its report. */
                          _("Added: %u, updated: %u, unchanged: %u, skipped: %u"),
                          preview->added, preview->updated, preview->unchanged, preview->skipped);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < result->skipped->len; i++)
    {
      const GuildImportIssue *issue = &g_array_index (result->skipped, GuildImportIssue, i);

      /* Translators: a record left out of an import: its line, then why. */
      g_string_append_printf (out, _("Line %u: %s"), issue->line, issue->message);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < preview->entries->len; i++)
    {
      const GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                             GuildImportPreviewEntry, i);

      if (entry->action != GUILD_IMPORT_ACTION_SKIP)
        continue;
      g_string_append_printf (out, _("Line %u: %s"), item_at (preview, entry->item)->line,
                              entry->reason);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < result->warnings->len; i++)
    {
      const GuildImportIssue *issue = &g_array_index (result->warnings, GuildImportIssue, i);

      g_string_append_printf (out, _("Line %u: %s"), issue->line, issue->message);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* Section: merging */

static GuildRecord *
copy_record (GuildRecord *record)
{
  GuildRecord *copy = guild_record_new_for_kind (guild_record_get_kind (record));

  guild_record_copy_fields (copy, record);
  _guild_record_set_id (copy, guild_record_get_id (record));
  return copy;
}

static gboolean
union_strv (GuildRecord *dest,
            GuildRecord *src,
            const char  *name)
{
  const char * const *a = guild_record_get_strv (dest, name);
  const char * const *b = guild_record_get_strv (src, name);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  gboolean ignore_case = g_str_equal (name, "emails");

  for (guint i = 0; a[i] != NULL; i++)
    g_ptr_array_add (list, (gpointer) a[i]);
  for (guint i = 0; b[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < list->len && !found; j++)
        found = ignore_case ? g_ascii_strcasecmp (list->pdata[j], b[i]) == 0
                            : g_str_equal (list->pdata[j], b[i]);
      if (!found)
        g_ptr_array_add (list, (gpointer) b[i]);
    }

  if (list->len == g_strv_length ((char **) a))
    return FALSE;

  g_ptr_array_add (list, NULL);
  guild_record_set_strv (dest, name, (const char * const *) list->pdata);
  return TRUE;
}

static void
union_ids (GuildRecord *dest,
           GArray      *ids,
           const char  *name)
{
  GArray *current = guild_record_get_ids (dest, name);
  g_autoptr(GArray) merged = g_array_copy (current);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gboolean found = FALSE;

      for (guint j = 0; j < merged->len && !found; j++)
        found = g_array_index (merged, gint64, j) == id;
      if (!found && id != 0)
        g_array_append_val (merged, id);
    }

  guild_record_set_ids (dest, name, (gint64 *) merged->data, merged->len);
}

/* A later record of the file merged into an earlier one: the earlier one's
 * references (file ids, resolved when it is written) gain the later one's,
 * so that a person on two rows joins the communities of both. */
static void
join_file_refs (GuildRecord *earlier,
                GuildRecord *later)
{
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (guild_record_get_kind (earlier),
                                                          &n_fields);

  for (guint i = 0; i < n_fields; i++)
    if (fields[i].type == GUILD_FIELD_REFS)
      union_ids (earlier, guild_record_get_ids (later, fields[i].name), fields[i].name);
}

/* Adds what @src knows to @dest: a non-empty imported value wins, an empty
 * one never erases; lists are joined. With @skip_refs, references (which
 * hold file ids) are left for the apply step. */
static void
merge_record (GuildRecord *dest,
              GuildRecord *src,
              gboolean     skip_refs)
{
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (guild_record_get_kind (dest), &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const GuildField *field = &fields[i];

      switch (field->type)
        {
        case GUILD_FIELD_TEXT:
        case GUILD_FIELD_DAY:
          if (*guild_record_get_text (src, field->name) != '\0')
            guild_record_set_text (dest, field->name, guild_record_get_text (src, field->name));
          break;
        case GUILD_FIELD_VOCAB:
          if (g_strcmp0 (guild_record_get_text (src, field->name), field->default_id) != 0)
            guild_record_set_text (dest, field->name, guild_record_get_text (src, field->name));
          break;
        case GUILD_FIELD_INT:
          if (guild_record_get_int (src, field->name) != field->default_int)
            guild_record_set_int (dest, field->name, guild_record_get_int (src, field->name));
          break;
        case GUILD_FIELD_INSTANT:
          if (guild_record_get_int (src, field->name) != 0)
            guild_record_set_int (dest, field->name, guild_record_get_int (src, field->name));
          break;
        case GUILD_FIELD_BOOL:
          guild_record_set_int (dest, field->name, guild_record_get_int (src, field->name));
          break;
        case GUILD_FIELD_REF:
          if (!skip_refs && guild_record_get_int (src, field->name) != 0)
            guild_record_set_int (dest, field->name, guild_record_get_int (src, field->name));
          break;
        case GUILD_FIELD_STRV:
          (void) union_strv (dest, src, field->name);
          break;
        case GUILD_FIELD_REFS:
          if (!skip_refs)
            union_ids (dest, guild_record_get_ids (src, field->name), field->name);
          break;
        default:
          break;
        }
    }
}

/* Merges and tells whether @dest changed. */
static gboolean
merge_changes (GuildRecord *dest,
               GuildRecord *src,
               gboolean     skip_refs)
{
  g_autoptr(GuildRecord) before = copy_record (dest);

  merge_record (dest, src, skip_refs);
  return !guild_record_fields_equal (before, dest);
}

/* A later record of the file, @item, merged into the @earlier entry, which
 * may then have something to write. An exceptions-only item brings only its
 * cancelled occurrences (GuildImportItem.exceptions_only). */
static void
merge_into_earlier (GuildImportPreview      *preview,
                    GuildImportPreviewEntry *earlier,
                    const GuildImportItem   *item)
{
  gboolean file_refs = preview->result->has_file_refs;
  gboolean changed;

  if (file_refs)
    join_file_refs (item_at (preview, earlier->item)->record, item->record);
  if (earlier->merged == NULL)
    return;

  changed = item->exceptions_only ? union_strv (earlier->merged, item->record, "exdates")
                                  : merge_changes (earlier->merged, item->record, file_refs);
  if (changed && earlier->action == GUILD_IMPORT_ACTION_UNCHANGED)
    earlier->action = GUILD_IMPORT_ACTION_UPDATE;
}

/* Section: matching */

typedef struct
{
  GuildStore   *store;
  sqlite3      *db;
  /* Keys to ids: positive ids are stored records, negative ones are
   * -(entry + 1) for records new in this file. */
  GHashTable   *emails;
  GHashTable   *urls;
  GHashTable   *names;
  GHashTable   *uids;
  GHashTable   *keys;          /* other kinds: "kind:key" */
  GHashTable   *entry_of;      /* "kind:id" of a stored record → entry + 1 */
  gboolean      indexed_contacts;
  gboolean      indexed_keys;
  /* A file read in chunks (guild_store_import_stream()): the keys a chunk
   * remembers are tracked, and once the chunk is written they move to a
   * temporary table, by a 64-bit hash, with the ids they were written
   * under; what stays in memory does not grow with the file. */
  GArray       *tracked;       /* TrackedKey */
  sqlite3_stmt *spill_get;
  sqlite3_stmt *spill_put;
} Matcher;

typedef struct
{
  GHashTable *table;
  char        tag;
  char       *key;
} TrackedKey;

/* The tables of contacts' keys (emails, urls, names) keep an id in the
 * value pointer itself where it is wide enough: a large file has millions
 * of keys, and an allocation for each is much of the cost of remembering
 * them and of letting them go. (The other tables hold allocated ids.) */
#if GLIB_SIZEOF_VOID_P >= 8
#define CONTACT_ID_FREE NULL
#define contact_id_value(id) ((gpointer) (gintptr) (id))
#define contact_value_id(value) ((gint64) (gintptr) (value))
#else
#define CONTACT_ID_FREE g_free
#define contact_id_value(id) (g_memdup2 (&(gint64) { (id) }, sizeof (gint64)))
#define contact_value_id(value) ((value) != NULL ? *(gint64 *) (value) : 0)
#endif

static void
clear_tracked (gpointer data)
{
  g_free (((TrackedKey *) data)->key);
}

static void
matcher_init (Matcher    *m,
              GuildStore *store)
{
  m->store = store;
  m->db = _guild_store_get_db (store);
  m->emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, CONTACT_ID_FREE);
  m->urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, CONTACT_ID_FREE);
  m->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, CONTACT_ID_FREE);
  m->uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->entry_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
matcher_clear (Matcher *m)
{
  g_clear_pointer (&m->tracked, g_array_unref);
  g_clear_pointer (&m->spill_get, sqlite3_finalize);
  g_clear_pointer (&m->spill_put, sqlite3_finalize);
  g_clear_pointer (&m->emails, g_hash_table_unref);
  g_clear_pointer (&m->urls, g_hash_table_unref);
  g_clear_pointer (&m->names, g_hash_table_unref);
  g_clear_pointer (&m->uids, g_hash_table_unref);
  g_clear_pointer (&m->keys, g_hash_table_unref);
  g_clear_pointer (&m->entry_of, g_hash_table_unref);
}

static char *
name_key (const char *name,
          const char *company)
{
  g_autofree char *a = guild_import_normalize_name (name);
  g_autofree char *b = guild_import_normalize_name (company);

  if (*a == '\0')
    return NULL;

  return g_strconcat (a, "\x1f", b, NULL);
}

static gboolean
index_put (GHashTable *table,
           char       *key,
           gint64      id)
{
  if (key == NULL || *key == '\0' || g_hash_table_contains (table, key))
    {
      g_free (key);
      return FALSE;
    }

  g_hash_table_insert (table, key, g_memdup2 (&id, sizeof id));
  return TRUE;
}

static gint64
index_get (GHashTable *table,
           const char *key)
{
  gint64 *id = key != NULL ? g_hash_table_lookup (table, key) : NULL;

  return id != NULL ? *id : 0;
}

/* index_put() for a table of contacts' keys; takes @key. */
static gboolean
contact_index_put (GHashTable *table,
                   char       *key,
                   gint64      id)
{
  if (key == NULL || *key == '\0' || g_hash_table_contains (table, key))
    {
      g_free (key);
      return FALSE;
    }

  g_hash_table_insert (table, key, contact_id_value (id));
  return TRUE;
}

static gint64
contact_index_get (GHashTable *table,
                   const char *key)
{
  return key != NULL ? contact_value_id (g_hash_table_lookup (table, key)) : 0;
}

/* FNV-1a, 64 bits, of the tag and the key: two different keys of a file of
 * millions of records share one with a chance of about 1 in 10^6. */
static gint64
spill_hash (char        tag,
            const char *key)
{
  guint64 h = 0xcbf29ce484222325ULL;

  h = (h ^ (guchar) tag) * 0x100000001b3ULL;
  for (const char *p = key; *p != '\0'; p++)
    h = (h ^ (guchar) *p) * 0x100000001b3ULL;

  return (gint64) h;
}

static gint64
spill_get (Matcher    *m,
           char        tag,
           const char *key)
{
  gint64 id = 0;

  if (m->spill_get == NULL || key == NULL || *key == '\0')
    return 0;

  sqlite3_bind_int64 (m->spill_get, 1, spill_hash (tag, key));
  if (sqlite3_step (m->spill_get) == SQLITE_ROW)
    id = sqlite3_column_int64 (m->spill_get, 0);
  sqlite3_reset (m->spill_get);

  return id;
}

static gint64
index_or_spill_get (Matcher    *m,
                    GHashTable *table,
                    char        tag,
                    const char *key)
{
  gint64 id = contact_index_get (table, key);

  return id != 0 ? id : spill_get (m, tag, key);
}

/* Takes @key. */
static void
remember_key (Matcher    *m,
              GHashTable *table,
              char        tag,
              char       *key,
              gint64      id)
{
  g_autofree char *copy = m->tracked != NULL ? g_strdup (key) : NULL;
  TrackedKey tracked;

  if (!contact_index_put (table, key, id) || m->tracked == NULL)
    return;

  tracked.table = table;
  tracked.tag = tag;
  tracked.key = g_steal_pointer (&copy);
  g_array_append_val (m->tracked, tracked);
}

static gboolean
index_contacts (Matcher  *m,
                GError  **error)
{
  static const char *queries[] = {
    "SELECT contact_id, value FROM contact_email",
    "SELECT contact_id, value FROM contact_url",
    "SELECT id, full_name, company FROM contact",
  };

  if (m->indexed_contacts)
    return TRUE;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc = sqlite3_prepare_v2 (m->db, queries[q], -1, &stmt, NULL);

      if (rc != SQLITE_OK)
        return _guild_store_set_error (m->db, rc, error);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          const char *value = (const char *) sqlite3_column_text (stmt, 1);

          if (q == 0)
            contact_index_put (m->emails, _guild_import_casefold (value ? value : ""), id);
          else if (q == 1)
            contact_index_put (m->urls, guild_import_normalize_url (value), id);
          else
            contact_index_put (m->names,
                               name_key (value, (const char *) sqlite3_column_text (stmt, 2)), id);
        }
      if (rc != SQLITE_DONE)
        return _guild_store_set_error (m->db, rc, error);
    }

  m->indexed_contacts = TRUE;
  return TRUE;
}

/* The key other kinds of a backup match by. */
static char *
record_key (GuildRecord *record)
{
  GuildRecordKind kind = guild_record_get_kind (record);
  g_autofree char *folded = NULL;

  switch (kind)
    {
    case GUILD_RECORD_COMMUNITY:
    case GUILD_RECORD_SKILL:
      folded = guild_import_normalize_name (guild_record_get_text (record, "name"));
      break;
    case GUILD_RECORD_COURSE:
      folded = guild_import_normalize_name (guild_record_get_text (record, "title"));
      break;
    case GUILD_RECORD_ACTIVITY:
      folded = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", guild_record_get_int (record, "at"),
                                guild_record_get_text (record, "kind"));
      break;
    case GUILD_RECORD_CHECKIN:
      folded = g_strdup (guild_record_get_text (record, "day"));
      break;
    case GUILD_RECORD_CONTACT:
    case GUILD_RECORD_EVENT:
    case GUILD_RECORD_PROFILE:
    case GUILD_RECORD_GOALS:
    case GUILD_N_RECORD_KINDS:
    default:
      return NULL;
    }

  return g_strdup_printf ("%d:%s", kind, folded);
}

static gboolean
index_keys (Matcher  *m,
            GError  **error)
{
  static const GuildRecordKind kinds[] = {
    GUILD_RECORD_COMMUNITY, GUILD_RECORD_SKILL, GUILD_RECORD_COURSE,
    GUILD_RECORD_ACTIVITY, GUILD_RECORD_CHECKIN,
  };

  if (m->indexed_keys)
    return TRUE;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) records = guild_store_list (m->store, kinds[k], NULL, error);

      if (records == NULL)
        return FALSE;
      for (guint i = 0; i < records->len; i++)
        {
          GuildRecord *record = g_ptr_array_index (records, i);

          index_put (m->keys, record_key (record), guild_record_get_id (record));
        }
    }

  m->indexed_keys = TRUE;
  return TRUE;
}

static gint64
lookup_uid (Matcher     *m,
            const char  *uid,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;
  int rc;

  if (uid == NULL || *uid == '\0')
    return 0;
  if ((id = index_get (m->uids, uid)) != 0)
    return id;
  /* Streamed, the stored events' UIDs and those of the file's earlier
   * chunks are in the spill table (spill_stored_events()): a lookup is
   * never a scan of a table that grows with the file. */
  if (m->tracked != NULL)
    return spill_get (m, 'i', uid);

  rc = sqlite3_prepare_v2 (m->db, "SELECT id FROM event WHERE uid = ?1", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (m->db, rc, error);
      return -G_MAXINT64;
    }
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (m->db, rc, error);
      return -G_MAXINT64;
    }

  return 0;
}

/* The keys a contact matches by, computed once for the lookup and for
 * remembering it (folding and normalising are much of a preview's cost). */
typedef struct
{
  GPtrArray *emails;
  GPtrArray *urls;
  char      *name;
} ContactKeys;

static void
contact_keys_init (ContactKeys *keys,
                   GuildRecord *record)
{
  const char * const *emails = guild_record_get_strv (record, "emails");
  const char * const *urls = guild_record_get_strv (record, "urls");

  keys->emails = g_ptr_array_new_with_free_func (g_free);
  keys->urls = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; emails[i] != NULL; i++)
    g_ptr_array_add (keys->emails, _guild_import_casefold (emails[i]));
  for (guint i = 0; urls[i] != NULL; i++)
    g_ptr_array_add (keys->urls, guild_import_normalize_url (urls[i]));
  keys->name = name_key (guild_record_get_text (record, "full-name"),
                         guild_record_get_text (record, "company"));
}

static void
contact_keys_clear (ContactKeys *keys)
{
  g_clear_pointer (&keys->emails, g_ptr_array_unref);
  g_clear_pointer (&keys->urls, g_ptr_array_unref);
  g_clear_pointer (&keys->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ContactKeys, contact_keys_clear)

/* Finds what @record is: a stored record (> 0), an earlier new record of
 * the file (< 0), or nothing (0). @keys are the record's when it is a
 * contact. */
static gint64
find_match (Matcher      *m,
            GuildRecord  *record,
            ContactKeys  *keys,
            GError      **error)
{
  GuildRecordKind kind = guild_record_get_kind (record);

  if (kind == GUILD_RECORD_CONTACT)
    {
      gint64 id;

      if (!index_contacts (m, error))
        return -G_MAXINT64;

      for (guint i = 0; i < keys->emails->len; i++)
        if ((id = index_or_spill_get (m, m->emails, 'e',
                                      g_ptr_array_index (keys->emails, i))) != 0)
          return id;
      for (guint i = 0; i < keys->urls->len; i++)
        if ((id = index_or_spill_get (m, m->urls, 'u', g_ptr_array_index (keys->urls, i))) != 0)
          return id;

      return index_or_spill_get (m, m->names, 'n', keys->name);
    }

  if (kind == GUILD_RECORD_EVENT)
    return lookup_uid (m, guild_record_get_text (record, "uid"), error);

  if (kind == GUILD_RECORD_PROFILE || kind == GUILD_RECORD_GOALS)
    return 1;

  {
    g_autofree char *key = record_key (record);

    if (!index_keys (m, error))
      return -G_MAXINT64;
    return index_get (m->keys, key);
  }
}

/* Makes later records of the file find this one. */
static void
remember (Matcher     *m,
          GuildRecord *record,
          ContactKeys *keys,
          gint64       id)
{
  GuildRecordKind kind = guild_record_get_kind (record);

  if (kind == GUILD_RECORD_CONTACT)
    {
      /* The keys move into the tables: the record is done with them. */
      for (guint i = 0; i < keys->emails->len; i++)
        remember_key (m, m->emails, 'e', g_steal_pointer (&keys->emails->pdata[i]), id);
      for (guint i = 0; i < keys->urls->len; i++)
        remember_key (m, m->urls, 'u', g_steal_pointer (&keys->urls->pdata[i]), id);
      remember_key (m, m->names, 'n', g_steal_pointer (&keys->name), id);
    }
  else if (kind == GUILD_RECORD_EVENT)
    index_put (m->uids, g_strdup (guild_record_get_text (record, "uid")), id);
  else
    index_put (m->keys, record_key (record), id);
}

static char *
target_key (GuildRecordKind kind,
            gint64          id)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT, kind, id);
}

/* A CSV file's contact that matches a stored one joins the communities the
 * file lists for it (apply_entry() adds them with the other references):
 * when it was not a member of one of them yet, it is updated rather than
 * unchanged. The communities come before their contacts in the file's
 * records, each with its entry: new, or the stored one it matched. */
static void
gain_memberships (GuildImportPreview *preview)
{
  g_autoptr(GHashTable) community_entry = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < preview->entries->len; i++)
    {
      GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                       GuildImportPreviewEntry, i);
      GuildImportItem *item = item_at (preview, entry->item);
      GArray *file_ids, *stored_ids;
      gboolean gains = FALSE;

      if (guild_record_get_kind (item->record) == GUILD_RECORD_COMMUNITY)
        {
          if (item->file_id != 0)
            g_hash_table_insert (community_entry, &item->file_id, GUINT_TO_POINTER (i + 1));
          continue;
        }
      if (guild_record_get_kind (item->record) != GUILD_RECORD_CONTACT ||
          entry->action != GUILD_IMPORT_ACTION_UNCHANGED || entry->merge_into >= 0 ||
          entry->merged == NULL)
        continue;

      file_ids = guild_record_get_ids (item->record, "communities");
      stored_ids = guild_record_get_ids (entry->merged, "communities");
      for (guint j = 0; j < file_ids->len && !gains; j++)
        {
          guint c = GPOINTER_TO_UINT (g_hash_table_lookup (community_entry,
                                                           &g_array_index (file_ids, gint64, j)));
          const GuildImportPreviewEntry *community;

          if (c == 0)
            continue;
          community = &g_array_index (preview->entries, GuildImportPreviewEntry, c - 1);
          if (community->action == GUILD_IMPORT_ACTION_NEW)
            gains = TRUE;
          else if (community->action != GUILD_IMPORT_ACTION_SKIP && community->target_id > 0)
            {
              gains = TRUE;
              for (guint k = 0; k < stored_ids->len && gains; k++)
                gains = g_array_index (stored_ids, gint64, k) != community->target_id;
            }
        }

      if (gains)
        entry->action = GUILD_IMPORT_ACTION_UPDATE;
    }
}

/* Classifies @result's records with the matcher @mp, which may go on from
 * earlier chunks of the same file. */
static gboolean
preview_with (Matcher             *mp,
              GuildImportResult   *result,
              GuildImportPreview **out,
              Progress            *progress,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(GuildImportPreview) preview = NULL;
  GuildStore *self = mp->store;
#define m (*mp)
  gboolean ok = FALSE;

  preview = g_new0 (GuildImportPreview, 1);
  preview->result = result;
  preview->entries = g_array_sized_new (FALSE, TRUE, sizeof (GuildImportPreviewEntry),
                                        result->items->len);
  g_array_set_clear_func (preview->entries, clear_entry);

  /* Claims are by entry, and entries are this chunk's. */
  g_hash_table_remove_all (m.entry_of);

  for (guint i = 0; i < result->items->len; i++)
    {
      GuildImportItem *item = g_ptr_array_index (result->items, i);
      GuildImportPreviewEntry entry = { 0 };
      g_auto(ContactKeys) keys = { 0 };
      gint64 match;

      if ((i & 0xff) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
          /* Matching is most of the work; checking what will be written is
           * the last tenth. */
          progress_report (progress, 0.9 * i / result->items->len);
        }

      entry.item = i;
      entry.merge_into = -1;

      if (guild_record_get_kind (item->record) == GUILD_RECORD_CONTACT)
        contact_keys_init (&keys, item->record);
      match = find_match (&m, item->record, &keys, error);
      if (match == -G_MAXINT64)
        goto out;

      if (match < 0)
        {
          /* The same as an earlier record of this file. */
          GuildImportPreviewEntry *earlier = &g_array_index (preview->entries,
                                                             GuildImportPreviewEntry,
                                                             -match - 1);

          entry.merge_into = -match - 1;
          entry.action = GUILD_IMPORT_ACTION_UNCHANGED;
          merge_into_earlier (preview, earlier, item);
        }
      else if (match > 0)
        {
          GuildRecordKind kind = guild_record_get_kind (item->record);
          g_autofree char *key = target_key (kind, match);
          guint claimed = GPOINTER_TO_UINT (g_hash_table_lookup (m.entry_of, key));

          if (claimed > 0)
            {
              GuildImportPreviewEntry *earlier = &g_array_index (preview->entries,
                                                                 GuildImportPreviewEntry,
                                                                 claimed - 1);

              entry.merge_into = claimed - 1;
              entry.target_id = match;
              entry.action = GUILD_IMPORT_ACTION_UNCHANGED;
              merge_into_earlier (preview, earlier, item);
            }
          else
            {
              g_autoptr(GError) local_error = NULL;
              GuildRecord *stored;

              if (kind == GUILD_RECORD_PROFILE)
                stored = GUILD_RECORD (guild_store_dup_profile (self, &local_error));
              else if (kind == GUILD_RECORD_GOALS)
                stored = GUILD_RECORD (guild_store_dup_goals (self, &local_error));
              else
                stored = guild_store_load (self, kind, match, &local_error);

              if (stored == NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  goto out;
                }

              entry.target_id = match;
              entry.merged = stored;
              /* A community a CSV file of contacts names is only a name to
               * join: the stored one stays as the person wrote it. */
              if (kind == GUILD_RECORD_COMMUNITY && result->community_ids != NULL)
                entry.action = GUILD_IMPORT_ACTION_UNCHANGED;
              else if (item->exceptions_only)
                entry.action = union_strv (stored, item->record, "exdates")
                               ? GUILD_IMPORT_ACTION_UPDATE : GUILD_IMPORT_ACTION_UNCHANGED;
              else
                entry.action = merge_changes (stored, item->record, result->has_file_refs)
                               ? GUILD_IMPORT_ACTION_UPDATE : GUILD_IMPORT_ACTION_UNCHANGED;
              g_hash_table_insert (m.entry_of, g_steal_pointer (&key),
                                   GUINT_TO_POINTER (preview->entries->len + 1));
              remember (&m, item->record, &keys, match);
            }
        }
      else if (item->exceptions_only)
        {
          /* Cancelled occurrences of a series that is nowhere to be found. */
          entry.action = GUILD_IMPORT_ACTION_SKIP;
          entry.reason = g_strdup (_("A cancelled occurrence of an event that is neither in "
                                     "the file nor in the database"));
        }
      else
        {
          entry.action = GUILD_IMPORT_ACTION_NEW;
          /* A record new to the database is written as parsed: it is shared
           * rather than copied, unless its references must be mapped (a
           * backup) or an earlier apply gave it an id. */
          if (result->has_file_refs || guild_record_get_id (item->record) != 0)
            entry.merged = copy_record (item->record);
          else
            entry.merged = g_object_ref (item->record);
          remember (&m, item->record, &keys, -(gint64) preview->entries->len - 1);
        }

      g_array_append_val (preview->entries, entry);
    }

  if (result->community_ids != NULL)
    gain_memberships (preview);

  /* What will be written must be storable; a record that is not is left out
   * now rather than failing the whole import later. */
  for (guint i = 0; i < preview->entries->len; i++)
    {
      GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                       GuildImportPreviewEntry, i);
      g_autoptr(GError) invalid = NULL;
      GuildRecordClass *klass;

      if (entry->action != GUILD_IMPORT_ACTION_NEW && entry->action != GUILD_IMPORT_ACTION_UPDATE)
        continue;

      klass = GUILD_RECORD_GET_CLASS (entry->merged);
      if (klass->prepare != NULL)
        klass->prepare (entry->merged);
      if (!guild_record_validate (entry->merged, &invalid))
        {
          entry->action = GUILD_IMPORT_ACTION_SKIP;
          entry->reason = g_strdup (invalid->message);
        }
    }

  preview->skipped = result->skipped->len;
  for (guint i = 0; i < preview->entries->len; i++)
    {
      const GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                             GuildImportPreviewEntry, i);

      /* A record merged into one that cannot be stored goes with it. */
      if (entry->merge_into >= 0 &&
          g_array_index (preview->entries, GuildImportPreviewEntry,
                         entry->merge_into).action == GUILD_IMPORT_ACTION_SKIP)
        {
          preview->skipped++;
          continue;
        }

      switch (entry->action)
        {
        case GUILD_IMPORT_ACTION_NEW:
          preview->added++;
          break;
        case GUILD_IMPORT_ACTION_UPDATE:
          preview->updated++;
          break;
        case GUILD_IMPORT_ACTION_UNCHANGED:
          preview->unchanged++;
          break;
        case GUILD_IMPORT_ACTION_SKIP:
        default:
          preview->skipped++;
          break;
        }
    }

  *out = g_steal_pointer (&preview);
  progress_report (progress, 1.0);
  ok = TRUE;

out:
  return ok;
#undef m
}

static gboolean
preview_on (GuildStore          *self,
            GuildImportResult   *result,
            GuildImportPreview **out,
            Progress            *progress,
            GCancellable        *cancellable,
            GError             **error)
{
  Matcher m = { 0 };
  gboolean ok;

  matcher_init (&m, self);
  ok = preview_with (&m, result, out, progress, cancellable, error);
  matcher_clear (&m);

  return ok;
}

/**
 * guild_store_import_preview:
 * @result: a parsed file; it must stay alive as long as the preview
 * @out: (out) (transfer full): what applying would do
 *
 * Classifies every parsed record without writing anything. Runs on the
 * store's connection (see the top of this file).
 */
gboolean
guild_store_import_preview (GuildStore          *self,
                            GuildImportResult   *result,
                            GuildImportPreview **out,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return preview_on (self, result, out, NULL, cancellable, error);
}

/* Section: applying */

typedef struct
{
  GuildStore         *store;
  sqlite3            *db;
  GuildImportPreview *preview;
  gint64              batch_id;
  GHashTable         *ids;       /* "kind:file id" → database id */
  GHashTable         *pending;   /* events' attendees, by entry: GArray of file ids */
  Progress           *progress;
  guint              *done;      /* entries written, over all previews */
  guint               total;
  GuildUndoLog       *undo;      /* updates of stored records, for undo */
} Applier;

static gboolean
exec_stmt (sqlite3       *db,
           const char    *sql,
           gint64         a,
           gint64         b,
           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return _guild_store_set_error (db, rc, error);

  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (db, rc, error);

  return TRUE;
}

static GuildRecordKind
kind_for_ref (GuildRecordKind  owner,
              const char      *field)
{
  if (g_str_equal (field, "met-at-community") || g_str_equal (field, "community-id") ||
      g_str_equal (field, "communities"))
    return GUILD_RECORD_COMMUNITY;
  if (g_str_equal (field, "met-at-event") || g_str_equal (field, "event-id"))
    return GUILD_RECORD_EVENT;
  if (g_str_equal (field, "attendees") || g_str_equal (field, "contacts"))
    return GUILD_RECORD_CONTACT;
  if (g_str_equal (field, "skills"))
    return GUILD_RECORD_SKILL;

  g_return_val_if_reached (GUILD_N_RECORD_KINDS);
}

static gint64
map_id (Applier         *a,
        GuildRecordKind  kind,
        gint64           file_id)
{
  g_autofree char *key = target_key (kind, file_id);
  gint64 *id = g_hash_table_lookup (a->ids, key);

  return id != NULL ? *id : 0;
}

/* Turns the file ids in @item's references into database ids and puts them
 * into @record (a new record takes them, a stored one gains them). */
static void
resolve_refs (Applier     *a,
              GuildRecord *record,
              GuildRecord *imported,
              gboolean     is_new,
              guint        entry_index)
{
  GuildRecordKind kind = guild_record_get_kind (record);
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (kind, &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const GuildField *field = &fields[i];

      if (field->type == GUILD_FIELD_REF)
        {
          gint64 file_id = guild_record_get_int (imported, field->name);
          gint64 id = file_id != 0 ? map_id (a, kind_for_ref (kind, field->name), file_id) : 0;

          if (id != 0 || is_new)
            guild_record_set_int (record, field->name, id);
        }
      else if (field->type == GUILD_FIELD_REFS)
        {
          GArray *file_ids = guild_record_get_ids (imported, field->name);
          g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

          /* Attendees are contacts, written after the events. */
          if (kind == GUILD_RECORD_EVENT && g_str_equal (field->name, "attendees"))
            {
              if (file_ids->len > 0)
                g_hash_table_insert (a->pending, GUINT_TO_POINTER (entry_index + 1),
                                     g_array_copy (file_ids));
              if (is_new)
                guild_record_set_ids (record, field->name, NULL, 0);
              continue;
            }

          for (guint j = 0; j < file_ids->len; j++)
            {
              gint64 id = map_id (a, kind_for_ref (kind, field->name),
                                  g_array_index (file_ids, gint64, j));

              if (id != 0)
                g_array_append_val (ids, id);
            }
          if (is_new)
            guild_record_set_ids (record, field->name, (gint64 *) ids->data, ids->len);
          else
            union_ids (record, ids, field->name);
        }
    }
}

static void
remember_id (Applier         *a,
             GuildRecordKind  kind,
             gint64           file_id,
             gint64           id)
{
  if (file_id == 0 || id == 0)
    return;

  g_hash_table_insert (a->ids, target_key (kind, file_id), g_memdup2 (&id, sizeof id));
}

static gboolean
apply_entry (Applier                 *a,
             guint                    index,
             GError                 **error)
{
  GuildImportPreviewEntry *entry = &g_array_index (a->preview->entries,
                                                   GuildImportPreviewEntry, index);
  GuildImportItem *item = item_at (a->preview, entry->item);
  GuildRecordKind kind = guild_record_get_kind (item->record);
  gboolean file_refs = a->preview->result->has_file_refs;

  if (entry->merge_into >= 0)
    {
      GuildImportPreviewEntry *earlier = &g_array_index (a->preview->entries,
                                                         GuildImportPreviewEntry,
                                                         entry->merge_into);

      if (earlier->merged != NULL)
        remember_id (a, kind, item->file_id, guild_record_get_id (earlier->merged));
      return TRUE;
    }

  switch (entry->action)
    {
    case GUILD_IMPORT_ACTION_NEW:
      if (file_refs)
        resolve_refs (a, entry->merged, item->record, TRUE, index);
      if (kind == GUILD_RECORD_PROFILE || kind == GUILD_RECORD_GOALS)
        {
          if (!guild_store_save_singleton (a->store, entry->merged, error))
            return FALSE;
          break;
        }
      /* The store writes the row's import_batch with it (see apply_on).
       * The preview prepared and validated the record; unless references
       * were resolved into it since, it is still what was checked. */
      if (!(file_refs ? guild_store_add (a->store, entry->merged, error)
                      : _guild_store_add_validated (a->store, entry->merged, error)))
        return FALSE;
      break;

    case GUILD_IMPORT_ACTION_UPDATE:
      if (file_refs)
        resolve_refs (a, entry->merged, item->record, FALSE, index);
      if (!_guild_undo_log_update (a->undo, entry->merged, error))
        return FALSE;
      break;

    case GUILD_IMPORT_ACTION_UNCHANGED:
      if (file_refs && entry->merged != NULL && kind == GUILD_RECORD_EVENT)
        resolve_refs (a, entry->merged, item->record, FALSE, index);
      break;

    case GUILD_IMPORT_ACTION_SKIP:
    default:
      return TRUE;
    }

  if (entry->merged != NULL)
    remember_id (a, kind, item->file_id, guild_record_get_id (entry->merged));
  return TRUE;
}

static gboolean
apply_attendees (Applier  *a,
                 GError  **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, a->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GuildImportPreviewEntry *entry = &g_array_index (a->preview->entries,
                                                       GuildImportPreviewEntry,
                                                       GPOINTER_TO_UINT (key) - 1);
      GArray *file_ids = value;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GuildRecord) before = copy_record (entry->merged);

      for (guint j = 0; j < file_ids->len; j++)
        {
          gint64 id = map_id (a, GUILD_RECORD_CONTACT, g_array_index (file_ids, gint64, j));

          if (id != 0)
            g_array_append_val (ids, id);
        }

      union_ids (entry->merged, ids, "attendees");
      if (guild_record_fields_equal (before, entry->merged))
        continue;
      /* An event the import added goes as a whole on undo; one that was
       * there gets its attendees back. */
      if (entry->action == GUILD_IMPORT_ACTION_NEW
          ? !guild_store_update (a->store, entry->merged, error)
          : !_guild_undo_log_update (a->undo, entry->merged, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
apply_all (Applier       *a,
           GCancellable  *cancellable,
           GError       **error)
{
  /* References point backwards in this order, except the attendees of
   * events, which are written last. */
  static const GuildRecordKind order[] = {
    GUILD_RECORD_COMMUNITY, GUILD_RECORD_SKILL, GUILD_RECORD_EVENT, GUILD_RECORD_CONTACT,
    GUILD_RECORD_COURSE, GUILD_RECORD_ACTIVITY, GUILD_RECORD_CHECKIN, GUILD_RECORD_PROFILE,
    GUILD_RECORD_GOALS,
  };
  GArray *entries = a->preview->entries;
  g_autofree guint8 *kinds = g_new (guint8, MAX (entries->len, 1));
  guint counts[GUILD_N_RECORD_KINDS] = { 0 };

  /* The kind of every entry once, rather than once per pass. */
  for (guint i = 0; i < entries->len; i++)
    {
      const GuildImportPreviewEntry *entry = &g_array_index (entries, GuildImportPreviewEntry, i);

      kinds[i] = guild_record_get_kind (item_at (a->preview, entry->item)->record);
      counts[kinds[i]]++;
    }

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0, left = counts[order[k]]; i < entries->len && left > 0; i++)
      {
        if (kinds[i] != order[k])
          continue;
        left--;
        if ((++*a->done & 0xff) == 0)
          {
            if (g_cancellable_set_error_if_cancelled (cancellable, error))
              return FALSE;
            progress_report (a->progress, (double) *a->done / MAX (a->total, 1));
          }
        if (!apply_entry (a, i, error))
          return FALSE;
      }

  return apply_attendees (a, error);
}

/* Writes one file's import and its batch row, inside the caller's
 * transaction. */
static gboolean
apply_one (GuildStore          *self,
           GuildImportPreview  *preview,
           gint64              *batch_id,
           Progress            *progress,
           guint               *done,
           guint                total,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *report = NULL;
  Applier a = { 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ok = FALSE;
  int rc;

  a.store = self;
  a.db = _guild_store_get_db (self);
  a.preview = preview;
  a.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  a.pending = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  a.progress = progress;
  a.done = done;
  a.total = total;

  rc = sqlite3_prepare_v2 (a.db,
                           "INSERT INTO import_batch (started_at, file_name, format)"
                           " VALUES (?1, ?2, ?3)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_text (stmt, 2, preview->result->file_name ? preview->result->file_name : "",
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, guild_import_format_to_string (preview->result->format),
                         -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (a.db, rc, error);
      goto out;
    }
  a.batch_id = sqlite3_last_insert_rowid (a.db);
  g_clear_pointer (&stmt, sqlite3_finalize);

  a.undo = _guild_undo_log_new (self, a.batch_id, error);
  if (a.undo == NULL)
    goto out;

  _guild_store_set_import_batch (self, a.batch_id);
  ok = apply_all (&a, cancellable, error);
  _guild_store_set_import_batch (self, 0);
  if (!ok)
    goto out;
  ok = FALSE;

  report = guild_import_preview_report (preview);
  rc = sqlite3_prepare_v2 (a.db,
                           "UPDATE import_batch SET finished_at = ?1, added = ?2, updated = ?3,"
                           " unchanged = ?4, skipped = ?5, report = ?6 WHERE id = ?7",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_int (stmt, 2, preview->added);
      sqlite3_bind_int (stmt, 3, preview->updated);
      sqlite3_bind_int (stmt, 4, preview->unchanged);
      sqlite3_bind_int (stmt, 5, preview->skipped);
      sqlite3_bind_text (stmt, 6, report, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, a.batch_id);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (a.db, rc, error);
      goto out;
    }

  *batch_id = a.batch_id;
  ok = TRUE;

out:
  g_clear_pointer (&a.undo, _guild_undo_log_free);
  g_hash_table_unref (a.ids);
  g_hash_table_unref (a.pending);
  return ok;
}

/* The records were given ids that a rollback took back. */
static void
forget_ids (GuildImportPreview *preview)
{
  for (guint i = 0; i < preview->entries->len; i++)
    {
      GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                       GuildImportPreviewEntry, i);

      if (entry->action == GUILD_IMPORT_ACTION_NEW && entry->merged != NULL)
        _guild_record_set_id (entry->merged, 0);
    }
}

/* Writes every preview in one bulk transaction (no savepoint per record, a
 * large page cache); cancelled or failed, nothing is written. */
static gboolean
apply_previews (GuildStore          *self,
                GuildImportPreview **previews,
                guint                n_previews,
                gint64              *batch_ids,
                Progress            *progress,
                GCancellable        *cancellable,
                GError             **error)
{
  guint done = 0, total = 0;
  gboolean ok = TRUE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!guild_store_begin_bulk (self, error))
    return FALSE;

  for (guint i = 0; i < n_previews; i++)
    total += previews[i]->entries->len;

  for (guint i = 0; i < n_previews && ok; i++)
    ok = apply_one (self, previews[i], &batch_ids[i], progress, &done, total, cancellable, error);

  /* A cancel after the last record still rolls back. */
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok && !guild_store_commit (self, error))
    ok = FALSE;

  if (!ok)
    {
      guild_store_rollback (self);
      for (guint i = 0; i < n_previews; i++)
        forget_ids (previews[i]);
      return FALSE;
    }

  progress_report (progress, 1.0);
  return TRUE;
}

/**
 * guild_store_import_apply:
 * @preview: a preview made by guild_store_import_preview() on this store,
 *   with nothing written in between
 * @batch_id: (out) (optional): the import batch's id
 *
 * Writes the import in one transaction and records it as a batch (file
 * name, format, counts and report). Cancelled or failed, it is rolled back
 * and nothing is written. Runs on the store's connection (see the top of
 * this file).
 */
gboolean
guild_store_import_apply (GuildStore          *self,
                          GuildImportPreview  *preview,
                          gint64              *batch_id,
                          GCancellable        *cancellable,
                          GError             **error)
{
  gint64 id = 0;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (preview != NULL, FALSE);

  if (!apply_previews (self, &preview, 1, &id, NULL, cancellable, error))
    return FALSE;

  if (batch_id != NULL)
    *batch_id = id;
  return TRUE;
}

/* Section: on a worker thread */

/* A store of the worker's own on the same file: its connection is used on
 * that thread alone, and nobody listens to its signals. */
static GuildStore *
open_worker_store (const char  *path,
                   GError     **error)
{
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:") ||
      g_str_has_prefix (path, "file::memory:"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "An import on a worker thread needs a database file");
      return NULL;
    }

  return guild_store_open (path, GUILD_STORE_FLAGS_NONE, error);
}

typedef struct
{
  char               *path;
  GuildImportResult  *result;      /* borrowed */
  GPtrArray          *previews;    /* borrowed GuildImportPreview */
  Progress           *progress;
  gboolean            kinds[GUILD_N_RECORD_KINDS];
} ImportTaskData;

static void
import_task_data_free (ImportTaskData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->previews, g_ptr_array_unref);
  progress_unref (data->progress);
  g_free (data);
}

static void
preview_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ImportTaskData *data = task_data;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GuildImportPreview *preview = NULL;

  store = open_worker_store (data->path, &error);
  if (store == NULL || !preview_on (store, data->result, &preview, data->progress,
                                    cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, preview, (GDestroyNotify) guild_import_preview_free);
}

/**
 * guild_store_import_preview_async:
 * @result: a parsed file; it must stay alive, and untouched, until the
 *   preview made from it is freed
 * @progress: (nullable) (scope notified): called on the caller's main
 *   context with the fraction done, 0 to 1, a few times a second and once
 *   with 1 at the end
 * @progress_notify: (nullable): frees @progress_data
 *
 * guild_store_import_preview() on a worker thread, with a read connection
 * of its own.
 */
void
guild_store_import_preview_async (GuildStore              *self,
                                  GuildImportResult       *result,
                                  GCancellable            *cancellable,
                                  GuildImportProgressFunc  progress,
                                  gpointer                 progress_data,
                                  GDestroyNotify           progress_notify,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTaskData *data;

  g_return_if_fail (GUILD_IS_STORE (self));
  g_return_if_fail (result != NULL);

  data = g_new0 (ImportTaskData, 1);
  data->path = g_strdup (guild_store_get_path (self));
  data->result = result;
  data->progress = progress_new (progress, progress_data, progress_notify);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, guild_store_import_preview_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_data_free);
  g_task_run_in_thread (task, preview_worker);
}

/**
 * guild_store_import_preview_finish:
 *
 * Returns: (transfer full): the preview, or %NULL with @error set.
 */
GuildImportPreview *
guild_store_import_preview_finish (GuildStore    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
apply_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ImportTaskData *data = task_data;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) batch_ids = NULL;

  batch_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (batch_ids, data->previews->len);

  store = open_worker_store (data->path, &error);
  if (store == NULL ||
      !apply_previews (store, (GuildImportPreview **) data->previews->pdata, data->previews->len,
                       (gint64 *) batch_ids->data, data->progress, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&batch_ids), (GDestroyNotify) g_array_unref);
}

/* Back on the caller's thread: the store may write again, and every view
 * of what the import touched reloads. */
static void
on_apply_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GuildStore *self = GUILD_STORE (object);
  g_autoptr(GTask) outer = user_data;
  ImportTaskData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GArray *batch_ids;

  _guild_store_set_busy_importing (self, FALSE);

  batch_ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (batch_ids == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  for (guint k = 0; k < GUILD_N_RECORD_KINDS; k++)
    if (data->kinds[k])
      _guild_store_announce_reset (self, k);

  g_task_return_pointer (outer, batch_ids, (GDestroyNotify) g_array_unref);
}

/**
 * guild_store_import_apply_async:
 * @previews: (element-type GuildImportPreview): previews made on this store
 *   with nothing written in between; they must stay alive, and untouched,
 *   until the callback
 * @progress: (nullable) (scope notified): as for
 *   guild_store_import_preview_async()
 *
 * Writes the previews on a worker thread, on a read-write connection of its
 * own, in ONE transaction, each file recorded as its batch. Cancelled or
 * failed, nothing is written. Meanwhile the store refuses writes of its own
 * (%GUILD_STORE_ERROR_LOCKED); once committed, it announces a
 * %GUILD_CHANGE_RESET of every kind the previews hold, before @callback
 * runs.
 */
void
guild_store_import_apply_async (GuildStore              *self,
                                GPtrArray               *previews,
                                GCancellable            *cancellable,
                                GuildImportProgressFunc  progress,
                                gpointer                 progress_data,
                                GDestroyNotify           progress_notify,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  ImportTaskData *data;

  g_return_if_fail (GUILD_IS_STORE (self));
  g_return_if_fail (previews != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, guild_store_import_apply_async);

  if (_guild_store_get_busy_importing (self))
    {
      if (progress_notify != NULL)
        progress_notify (progress_data);
      g_task_return_new_error (outer, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED,
                               "An import is being written already");
      g_object_unref (outer);
      return;
    }

  data = g_new0 (ImportTaskData, 1);
  data->path = g_strdup (guild_store_get_path (self));
  data->previews = g_ptr_array_new ();
  for (guint i = 0; i < previews->len; i++)
    {
      GuildImportPreview *preview = g_ptr_array_index (previews, i);

      g_ptr_array_add (data->previews, preview);
      for (guint j = 0; j < preview->entries->len; j++)
        {
          const GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                                 GuildImportPreviewEntry, j);

          if (entry->action == GUILD_IMPORT_ACTION_NEW ||
              entry->action == GUILD_IMPORT_ACTION_UPDATE)
            data->kinds[guild_record_get_kind (item_at (preview, entry->item)->record)] = TRUE;
        }
    }
  data->progress = progress_new (progress, progress_data, progress_notify);

  _guild_store_set_busy_importing (self, TRUE);

  inner = g_task_new (self, cancellable, on_apply_done_cb, outer);
  g_task_set_source_tag (inner, apply_worker);
  g_task_set_task_data (inner, data, (GDestroyNotify) import_task_data_free);
  g_task_run_in_thread (inner, apply_worker);
}

/**
 * guild_store_import_apply_finish:
 * @batch_ids: (out) (optional) (transfer full) (element-type gint64): the
 *   batches written, one per preview, in order
 *
 * Returns: whether the import was written.
 */
gboolean
guild_store_import_apply_finish (GuildStore    *self,
                                 GAsyncResult  *result,
                                 GArray       **batch_ids,
                                 GError       **error)
{
  GArray *ids;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  ids = g_task_propagate_pointer (G_TASK (result), error);
  if (ids == NULL)
    return FALSE;

  if (batch_ids != NULL)
    *batch_ids = ids;
  else
    g_array_unref (ids);
  return TRUE;
}

/* Section: a file of any size */

/* The page cache of a streamed import, in KiB. */
#define STREAM_CACHE_KIB (32 * 1024)

void
guild_import_summary_free (GuildImportSummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_pointer (&summary->issues, g_array_unref);
  g_clear_pointer (&summary->warnings, g_array_unref);
  g_free (summary->file_name);
  g_free (summary);
}

static void
clear_issue (gpointer data)
{
  g_free (((GuildImportIssue *) data)->message);
}

static gint
compare_issue_lines (gconstpointer a,
                     gconstpointer b)
{
  guint x = ((const GuildImportIssue *) a)->line;
  guint y = ((const GuildImportIssue *) b)->line;

  return (x > y) - (x < y);
}

static void
keep_issue (GArray     *kept,
            guint      *more,
            guint       line,
            const char *message)
{
  GuildImportIssue issue;

  if (kept->len >= GUILD_IMPORT_MAX_ISSUES)
    {
      (*more)++;
      return;
    }

  issue.line = line;
  issue.message = g_strdup (message);
  g_array_append_val (kept, issue);
}

/* Adds a chunk's outcome to the summary: counts, and its problems in line
 * order, as far as there is room. */
static void
summarize_chunk (GuildImportSummary *summary,
                 GuildImportPreview *preview)
{
  GuildImportResult *chunk = preview->result;
  g_autoptr(GArray) skipped = g_array_new (FALSE, FALSE, sizeof (GuildImportIssue));

  summary->n_records += chunk->items->len + chunk->skipped->len;
  summary->added += preview->added;
  summary->updated += preview->updated;
  summary->unchanged += preview->unchanged;
  summary->skipped += preview->skipped;

  g_array_append_vals (skipped, chunk->skipped->data, chunk->skipped->len);
  for (guint i = 0; i < preview->entries->len; i++)
    {
      const GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                             GuildImportPreviewEntry, i);
      GuildImportIssue issue;

      if (entry->action != GUILD_IMPORT_ACTION_SKIP)
        continue;
      issue.line = item_at (preview, entry->item)->line;
      issue.message = entry->reason;
      g_array_append_val (skipped, issue);
    }
  g_array_sort (skipped, compare_issue_lines);

  for (guint i = 0; i < skipped->len; i++)
    keep_issue (summary->issues, &summary->more_issues,
                g_array_index (skipped, GuildImportIssue, i).line,
                g_array_index (skipped, GuildImportIssue, i).message);
  for (guint i = 0; i < chunk->warnings->len; i++)
    keep_issue (summary->warnings, &summary->more_warnings,
                g_array_index (chunk->warnings, GuildImportIssue, i).line,
                g_array_index (chunk->warnings, GuildImportIssue, i).message);
}

static char *
summary_report (GuildImportSummary *summary)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, _("Added: %u, updated: %u, unchanged: %u, skipped: %u"),
                          summary->added, summary->updated, summary->unchanged,
                          summary->skipped);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < summary->issues->len; i++)
    {
      const GuildImportIssue *issue = &g_array_index (summary->issues, GuildImportIssue, i);

      g_string_append_printf (out, _("Line %u: %s"), issue->line, issue->message);
      g_string_append_c (out, '\n');
    }
  if (summary->more_issues > 0)
    {
      g_string_append_printf (out,
                              /* Translators: after the first thousand records left out
                               * of an import, how many more there were. */
                              ngettext ("And %u more record skipped",
                                        "And %u more records skipped",
                                        summary->more_issues),
                              summary->more_issues);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* Once a chunk is written, the keys it remembered leave memory for the
 * temporary table, with the ids the records were written under. */
static gboolean
spill_chunk_keys (Matcher             *m,
                  GuildImportPreview  *preview,
                  GError             **error)
{
  for (guint i = 0; i < m->tracked->len; i++)
    {
      const TrackedKey *tracked = &g_array_index (m->tracked, TrackedKey, i);
      gint64 id = contact_index_get (tracked->table, tracked->key);
      int rc;

      if (id < 0)
        {
          const GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                                 GuildImportPreviewEntry,
                                                                 -id - 1);

          id = entry->merged != NULL ? guild_record_get_id (entry->merged) : 0;
        }
      g_hash_table_remove (tracked->table, tracked->key);
      /* A record that was skipped after all was not written. */
      if (id <= 0)
        continue;

      sqlite3_bind_int64 (m->spill_put, 1, spill_hash (tracked->tag, tracked->key));
      sqlite3_bind_int64 (m->spill_put, 2, id);
      rc = sqlite3_step (m->spill_put);
      sqlite3_reset (m->spill_put);
      if (rc != SQLITE_DONE)
        return _guild_store_set_error (m->db, rc, error);
    }

  g_array_set_size (m->tracked, 0);

  /* The chunk's events were written: their UIDs go to the spill table. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, m->uids);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        gint64 id = *(gint64 *) value;
        int rc;

        if (id < 0)
          {
            const GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                                   GuildImportPreviewEntry,
                                                                   -id - 1);

            id = entry->merged != NULL ? guild_record_get_id (entry->merged) : 0;
          }
        if (id <= 0)
          continue;
        sqlite3_bind_int64 (m->spill_put, 1, spill_hash ('i', key));
        sqlite3_bind_int64 (m->spill_put, 2, id);
        rc = sqlite3_step (m->spill_put);
        sqlite3_reset (m->spill_put);
        if (rc != SQLITE_DONE)
          return _guild_store_set_error (m->db, rc, error);
      }
    g_hash_table_remove_all (m->uids);
  }

  /* The other kinds' keys (the communities a CSV file names) are few and
   * stay in memory; the earlier chunk's entries they point at go, so they
   * point at the records written instead. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, m->keys);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        gint64 *id = value;

        if (*id < 0)
          {
            const GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                                   GuildImportPreviewEntry,
                                                                   -*id - 1);

            *id = entry->merged != NULL ? guild_record_get_id (entry->merged) : 0;
            if (*id <= 0)
              g_hash_table_iter_remove (&iter);
          }
      }
  }

  return TRUE;
}

/* The stored events' UIDs, for lookup_uid() in a streamed import. */
static gboolean
spill_stored_events (Matcher  *m,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (m->db, "SELECT id, uid FROM event WHERE uid != ''", -1, &stmt,
                               NULL);

  if (rc != SQLITE_OK)
    return _guild_store_set_error (m->db, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uid = (const char *) sqlite3_column_text (stmt, 1);
      int put;

      sqlite3_bind_int64 (m->spill_put, 1, spill_hash ('i', uid != NULL ? uid : ""));
      sqlite3_bind_int64 (m->spill_put, 2, sqlite3_column_int64 (stmt, 0));
      put = sqlite3_step (m->spill_put);
      sqlite3_reset (m->spill_put);
      if (put != SQLITE_DONE)
        return _guild_store_set_error (m->db, put, error);
    }
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (m->db, rc, error);

  return TRUE;
}

/**
 * guild_store_import_stream:
 * @reader: a file opened with guild_import_reader_new()
 * @write: %FALSE for a dry run: everything is done, then rolled back
 * @out: (out) (transfer full): the counts and the first problems
 * @batch_id: (out) (optional): the batch written, 0 when nothing was
 *
 * Imports a file of any size with bounded memory: the file is read a chunk
 * of records at a time (see #GuildImportReader), each chunk matched and
 * written before the next is read, in ONE transaction with a small page
 * cache. The keys that later records of the file match earlier ones by
 * move, chunk by chunk, to a temporary table.
 *
 * A record that repeats one of an earlier chunk updates the record written
 * for it (it counts as updated, where a whole-file preview counts it as
 * unchanged). A dry run writes and rolls back, so its counts are exactly
 * those of the real import; so does an import that would add and change
 * nothing. Cancelled or failed, nothing is written. Runs on the store's
 * connection, so on the thread that owns the store.
 */
static gboolean import_stream (GuildStore          *self,
                               GuildImportReader   *reader,
                               gboolean             write,
                               Progress            *progress,
                               gboolean            *kinds,
                               GuildImportSummary **out,
                               gint64              *batch_id,
                               GCancellable        *cancellable,
                               GError             **error);

gboolean
guild_store_import_stream (GuildStore          *self,
                           GuildImportReader   *reader,
                           gboolean             write,
                           GuildImportSummary **out,
                           gint64              *batch_id,
                           GCancellable        *cancellable,
                           GError             **error)
{
  return import_stream (self, reader, write, NULL, NULL, out, batch_id, cancellable, error);
}

/* guild_store_import_stream(), telling @progress how much of the file was
 * read after each chunk and setting @kinds[k] for every kind of record it
 * adds or updates. */
static gboolean
import_stream (GuildStore          *self,
               GuildImportReader   *reader,
               gboolean             write,
               Progress            *progress,
               gboolean            *kinds,
               GuildImportSummary **out,
               gint64              *batch_id,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(GuildImportSummary) summary = NULL;
  g_autoptr(GuildUndoLog) undo = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *report = NULL;
  GuildImportResult *chunk;
  Matcher m = { 0 };
  sqlite3 *db;
  gint64 batch = 0;
  guint done = 0;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  summary = g_new0 (GuildImportSummary, 1);
  summary->format = guild_import_reader_get_format (reader);
  summary->file_name = g_strdup (guild_import_reader_get_file_name (reader));
  summary->issues = g_array_new (FALSE, FALSE, sizeof (GuildImportIssue));
  g_array_set_clear_func (summary->issues, clear_issue);
  summary->warnings = g_array_new (FALSE, FALSE, sizeof (GuildImportIssue));
  g_array_set_clear_func (summary->warnings, clear_issue);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!_guild_store_begin_bulk_sized (self, STREAM_CACHE_KIB, error))
    return FALSE;

  db = _guild_store_get_db (self);
  matcher_init (&m, self);
  m.tracked = g_array_new (FALSE, FALSE, sizeof (TrackedKey));
  g_array_set_clear_func (m.tracked, clear_tracked);

  rc = sqlite3_exec (db, "CREATE TEMP TABLE IF NOT EXISTS guild_import_key"
                         " (hash INTEGER PRIMARY KEY, id INTEGER NOT NULL);"
                         " DELETE FROM temp.guild_import_key", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT id FROM temp.guild_import_key WHERE hash = ?1", -1,
                             &m.spill_get, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO temp.guild_import_key (hash, id)"
                                 " VALUES (?1, ?2)", -1, &m.spill_put, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO import_batch (started_at, file_name, format)"
                                 " VALUES (?1, ?2, ?3)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_text (stmt, 2, summary->file_name ? summary->file_name : "", -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, guild_import_format_to_string (summary->format), -1,
                         SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      goto out;
    }
  batch = sqlite3_last_insert_rowid (db);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (summary->format == GUILD_IMPORT_FORMAT_ICALENDAR && !spill_stored_events (&m, error))
    goto out;

  undo = _guild_undo_log_new (self, batch, error);
  if (undo == NULL)
    goto out;

  _guild_store_set_import_batch (self, batch);
  while ((chunk = guild_import_reader_next (reader, cancellable, &local_error)) != NULL)
    {
      g_autoptr(GuildImportResult) owned = chunk;
      g_autoptr(GuildImportPreview) preview = NULL;
      Applier a = { 0 };
      gboolean chunk_ok;

      if (!preview_with (&m, chunk, &preview, NULL, cancellable, &local_error))
        break;

      a.store = self;
      a.db = db;
      a.preview = preview;
      a.batch_id = batch;
      a.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      a.pending = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
      a.done = &done;
      a.total = G_MAXUINT;
      a.undo = undo;
      chunk_ok = apply_all (&a, cancellable, &local_error) &&
                 spill_chunk_keys (&m, preview, &local_error);
      g_hash_table_unref (a.ids);
      g_hash_table_unref (a.pending);
      if (!chunk_ok)
        break;

      summarize_chunk (summary, preview);
      for (guint i = 0; kinds != NULL && i < preview->entries->len; i++)
        {
          const GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                                 GuildImportPreviewEntry, i);

          if (entry->action == GUILD_IMPORT_ACTION_NEW ||
              entry->action == GUILD_IMPORT_ACTION_UPDATE)
            kinds[guild_record_get_kind (item_at (preview, entry->item)->record)] = TRUE;
        }
      progress_report (progress, guild_import_reader_get_fraction (reader));
    }
  _guild_store_set_import_batch (self, 0);
  /* A cancel after the last chunk still rolls back. */
  if (local_error == NULL)
    g_cancellable_set_error_if_cancelled (cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }

  if (!write || summary->added + summary->updated == 0)
    {
      /* Everything was done to be counted; none of it is kept. */
      guild_store_rollback (self);
      batch = 0;
      ok = TRUE;
      goto out;
    }

  report = summary_report (summary);
  rc = sqlite3_prepare_v2 (db,
                           "UPDATE import_batch SET finished_at = ?1, added = ?2, updated = ?3,"
                           " unchanged = ?4, skipped = ?5, report = ?6 WHERE id = ?7",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_int (stmt, 2, summary->added);
      sqlite3_bind_int (stmt, 3, summary->updated);
      sqlite3_bind_int (stmt, 4, summary->unchanged);
      sqlite3_bind_int (stmt, 5, summary->skipped);
      sqlite3_bind_text (stmt, 6, report, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, batch);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      goto out;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  ok = guild_store_commit (self, error);

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&undo, _guild_undo_log_free);
  if (!ok)
    guild_store_rollback (self);
  matcher_clear (&m);
  sqlite3_exec (db, "DROP TABLE IF EXISTS temp.guild_import_key", NULL, NULL, NULL);
  if (!ok)
    return FALSE;

  if (batch_id != NULL)
    *batch_id = batch;
  *out = g_steal_pointer (&summary);
  return TRUE;
}

/* Section: a file of any size, on a worker thread */

typedef struct
{
  char               *path;
  GFile              *file;
  gboolean            write;
  Progress           *progress;
  gboolean            kinds[GUILD_N_RECORD_KINDS];
  gint64              batch_id;
} StreamTaskData;

static void
stream_task_data_free (StreamTaskData *data)
{
  g_free (data->path);
  g_clear_object (&data->file);
  progress_unref (data->progress);
  g_free (data);
}

static void
stream_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  StreamTaskData *data = task_data;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GuildImportReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GuildImportSummary *summary = NULL;

  store = open_worker_store (data->path, &error);
  if (store != NULL)
    reader = guild_import_reader_new (data->file, GUILD_IMPORT_FORMAT_UNKNOWN, cancellable,
                                      &error);
  if (reader == NULL ||
      !import_stream (store, reader, data->write, data->progress, data->kinds, &summary,
                      &data->batch_id, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  progress_report (data->progress, 1.0);
  g_task_return_pointer (task, summary, (GDestroyNotify) guild_import_summary_free);
}

/* Back on the caller's thread: the store may write again and, if the
 * import was written, every view of what it touched reloads. */
static void
on_stream_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GuildStore *self = GUILD_STORE (object);
  g_autoptr(GTask) outer = user_data;
  StreamTaskData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GuildImportSummary *summary;

  _guild_store_set_busy_importing (self, FALSE);

  summary = g_task_propagate_pointer (G_TASK (result), &error);
  if (summary == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  if (data->batch_id != 0)
    for (guint k = 0; k < GUILD_N_RECORD_KINDS; k++)
      if (data->kinds[k])
        _guild_store_announce_reset (self, k);

  g_object_set_data_full (G_OBJECT (outer), "guild-import-batch",
                          g_memdup2 (&data->batch_id, sizeof data->batch_id), g_free);
  g_task_return_pointer (outer, summary, (GDestroyNotify) guild_import_summary_free);
}

/**
 * guild_store_import_stream_async:
 * @file: a file of any size
 * @write: %FALSE for a dry run, which counts what the import would do and
 *   writes nothing
 * @progress: (nullable) (scope notified): as for
 *   guild_store_import_preview_async(): the fraction of the file read
 * @progress_notify: (nullable): frees @progress_data
 *
 * guild_store_import_stream() of @file on a worker thread, on a connection
 * of its own: the file is opened there too. A dry run is the preview of a
 * file too large to be held in memory; then the same call with @write
 * imports it in one transaction, recorded as a batch. Either holds the
 * database's write lock while it runs, so meanwhile the store refuses
 * writes of its own (%GUILD_STORE_ERROR_LOCKED). Cancelled or failed,
 * nothing is written. Once an import is committed the store announces a
 * %GUILD_CHANGE_RESET of every kind it added or updated, before @callback
 * runs.
 */
void
guild_store_import_stream_async (GuildStore              *self,
                                 GFile                   *file,
                                 gboolean                 write,
                                 GCancellable            *cancellable,
                                 GuildImportProgressFunc  progress,
                                 gpointer                 progress_data,
                                 GDestroyNotify           progress_notify,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  StreamTaskData *data;

  g_return_if_fail (GUILD_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, guild_store_import_stream_async);

  if (_guild_store_get_busy_importing (self))
    {
      if (progress_notify != NULL)
        progress_notify (progress_data);
      g_task_return_new_error (outer, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED,
                               "An import is being written already");
      g_object_unref (outer);
      return;
    }

  data = g_new0 (StreamTaskData, 1);
  data->path = g_strdup (guild_store_get_path (self));
  data->file = g_object_ref (file);
  data->write = write;
  data->progress = progress_new (progress, progress_data, progress_notify);

  _guild_store_set_busy_importing (self, TRUE);

  inner = g_task_new (self, cancellable, on_stream_done_cb, outer);
  g_task_set_source_tag (inner, stream_worker);
  g_task_set_task_data (inner, data, (GDestroyNotify) stream_task_data_free);
  g_task_run_in_thread (inner, stream_worker);
}

/**
 * guild_store_import_stream_finish:
 * @batch_id: (out) (optional): the batch written, 0 for a dry run or when
 *   nothing was
 *
 * Returns: (transfer full): the counts and the first problems, or %NULL
 *   with @error set.
 */
GuildImportSummary *
guild_store_import_stream_finish (GuildStore    *self,
                                  GAsyncResult  *result,
                                  gint64        *batch_id,
                                  GError       **error)
{
  GuildImportSummary *summary;
  gint64 *batch;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  summary = g_task_propagate_pointer (G_TASK (result), error);
  batch = g_object_get_data (G_OBJECT (result), "guild-import-batch");
  if (batch_id != NULL)
    *batch_id = summary != NULL && batch != NULL ? *batch : 0;

  return summary;
}

/**
 * guild_store_import_undo:
 *
 * Undoes an import batch in one transaction: first the records it updated
 * get back, field by field, what they held before — where a field still
 * holds what the import wrote; one changed since stays as it is (see
 * guild-store-import-undo.c) — then every record it added is removed, and
 * the batch is marked undone.
 */
gboolean
guild_store_import_undo (GuildStore    *self,
                         gint64         batch_id,
                         GCancellable  *cancellable,
                         GError       **error)
{
  static const GuildRecordKind kinds[] = {
    GUILD_RECORD_ACTIVITY, GUILD_RECORD_CHECKIN, GUILD_RECORD_COURSE, GUILD_RECORD_CONTACT,
    GUILD_RECORD_EVENT, GUILD_RECORD_SKILL, GUILD_RECORD_COMMUNITY,
  };
  sqlite3 *db;
  guint restored = 0;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (batch_id > 0, FALSE);

  if (!guild_store_begin (self, error))
    return FALSE;

  db = _guild_store_get_db (self);
  /* Before the removals: a record the import added may be referenced by
   * one it updated, and the "after" it logged includes that reference. */
  if (!_guild_import_undo_restore (self, batch_id, &restored, cancellable, error))
    {
      guild_store_rollback (self);
      return FALSE;
    }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE import_batch = ?1",
                                              guild_record_kind_get_table (kinds[k]));
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, batch_id);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);

              g_array_append_val (ids, id);
            }
        }
      if (rc != SQLITE_DONE)
        {
          _guild_store_set_error (db, rc, error);
          guild_store_rollback (self);
          return FALSE;
        }

      for (guint i = 0; i < ids->len; i++)
        if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
            !guild_store_remove (self, kinds[k], g_array_index (ids, gint64, i), error))
          {
            guild_store_rollback (self);
            return FALSE;
          }
    }

  if (!exec_stmt (db, "UPDATE import_batch SET undone_at = ?1 WHERE id = ?2",
                  g_get_real_time () / G_USEC_PER_SEC, batch_id, error) ||
      !guild_store_commit (self, error))
    {
      guild_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char   *path;
  GArray *batch_ids;
} UndoTaskData;

static void
undo_task_data_free (UndoTaskData *data)
{
  g_free (data->path);
  g_array_unref (data->batch_ids);
  g_free (data);
}

static void
undo_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  UndoTaskData *data = task_data;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) first_error = NULL;
  g_autoptr(GError) error = NULL;

  if (!(store = open_worker_store (data->path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Each batch in its own transaction: one that cannot be undone any more
   * does not keep the others from it. */
  for (guint i = 0; i < data->batch_ids->len; i++)
    if (!guild_store_import_undo (store, g_array_index (data->batch_ids, gint64, i),
                                  cancellable, &error))
      {
        g_warning ("Could not undo import batch %" G_GINT64_FORMAT ": %s",
                   g_array_index (data->batch_ids, gint64, i), error->message);
        if (first_error == NULL)
          first_error = g_steal_pointer (&error);
        g_clear_error (&error);
      }

  if (first_error != NULL)
    g_task_return_error (task, g_steal_pointer (&first_error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Back on the caller's thread: the store may write again, and every view
 * reloads what the undo took away or put back. */
static void
on_undo_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GuildStore *self = GUILD_STORE (object);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;

  _guild_store_set_busy_importing (self, FALSE);

  /* Even a failed batch may come after others that were undone. */
  for (guint k = 0; k < GUILD_N_RECORD_KINDS; k++)
    _guild_store_announce_reset (self, k);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * guild_store_import_undo_async:
 * @batch_ids: (array length=n_batch_ids): the batches, undone in this order
 *   (newest first, so that a later file's updates come off before an
 *   earlier file's records)
 *
 * guild_store_import_undo() of each batch on a worker thread, on a
 * connection of its own: an import of millions of records takes as many to
 * undo, and the window must not wait for them. Meanwhile the store refuses
 * writes of its own (%GUILD_STORE_ERROR_LOCKED); afterwards it announces a
 * %GUILD_CHANGE_RESET of every kind, before @callback runs.
 */
void
guild_store_import_undo_async (GuildStore          *self,
                               const gint64        *batch_ids,
                               guint                n_batch_ids,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  UndoTaskData *data;

  g_return_if_fail (GUILD_IS_STORE (self));
  g_return_if_fail (batch_ids != NULL || n_batch_ids == 0);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, guild_store_import_undo_async);

  if (_guild_store_get_busy_importing (self))
    {
      g_task_return_new_error (outer, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED,
                               "An import is being written");
      g_object_unref (outer);
      return;
    }

  data = g_new0 (UndoTaskData, 1);
  data->path = g_strdup (guild_store_get_path (self));
  data->batch_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_batch_ids);
  g_array_append_vals (data->batch_ids, batch_ids, n_batch_ids);

  _guild_store_set_busy_importing (self, TRUE);

  inner = g_task_new (self, cancellable, on_undo_done_cb, outer);
  g_task_set_source_tag (inner, undo_worker);
  g_task_set_task_data (inner, data, (GDestroyNotify) undo_task_data_free);
  g_task_run_in_thread (inner, undo_worker);
}

/**
 * guild_store_import_undo_finish:
 *
 * Returns: whether every batch was undone; with @error set, the first that
 *   was not (the others were still undone).
 */
gboolean
guild_store_import_undo_finish (GuildStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
