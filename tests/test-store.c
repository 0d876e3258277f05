/* test-store.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "guild-metrics.h"
#include "guild-metrics-private.h"
#include "guild-records.h"
#include "guild-store.h"
#include "guild-store-private.h"
#include "guild-vocab.h"

/* 'GULD', as guild-store.c writes it into PRAGMA application_id. */
#define GUILD_APPLICATION_ID 0x47554c44

typedef struct
{
  char       *dir;
  char       *path;
  GuildStore *store;
} Fixture;

/* Records that the records under test point at. */
typedef struct
{
  gint64 communities[2];
  gint64 contacts[2];
  gint64 event;
  gint64 skills[2];
} Refs;

typedef struct
{
  GuildRecordKind kind;
  gint64          id;
  GuildChange     change;
} Change;

/* Section: files and raw SQLite */

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* Undo the chmod of the read-only tests before emptying the folder. */
      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  else
    g_chmod (path, 0600);

  g_remove (path);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
assert_file_unchanged (const char *path,
                       GBytes     *before)
{
  g_autoptr(GBytes) after = read_bytes (path);

  g_assert_cmpuint (g_bytes_get_size (after), ==, g_bytes_get_size (before));
  g_assert_true (g_bytes_equal (after, before));
}

static gboolean
sibling_exists (const char *path,
                const char *suffix)
{
  g_autofree char *sibling = g_strconcat (path, suffix, NULL);

  return g_file_test (sibling, G_FILE_TEST_EXISTS);
}

/* How many files in @dir match the glob @pattern; the last match in @match. */
static guint
count_matching_files (const char  *dir,
                      const char  *pattern,
                      char       **match)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_pattern_match_simple (pattern, name))
      {
        n++;
        if (match != NULL)
          {
            g_free (*match);
            *match = g_build_filename (dir, name, NULL);
          }
      }

  return n;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_test_message ("%s: %s", sql, message);
  sqlite3_free (message);
  g_assert_cmpint (rc, ==, SQLITE_OK);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
raw_can_prepare (sqlite3    *db,
                 const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  return sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK;
}

/* Reads an integer from the file at @path with a connection of its own. */
static gint64
file_int (const char *path,
          const char *sql)
{
  sqlite3 *db = raw_open (path);
  gint64 value = raw_int (db, sql);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

static gint64
store_int (GuildStore *store,
           const char *sql)
{
  return raw_int (_guild_store_get_db (store), sql);
}

/* Section: fixtures */

static void
set_up_bare (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("guild-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "guild.db", NULL);
}

static void
set_up_open (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_up_bare (f, data);
  f->store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->store);
  /* remove_tree restores the permissions the read-only tests took away. */
  remove_tree (f->dir);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

/* Section: records */

static gint64
add_record (GuildStore  *store,
            GuildRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_store_add (store, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (guild_record_get_id (record), >, 0);

  return guild_record_get_id (record);
}

/* Adds @record and drops it, returning its id. */
static gint64
add_owned (GuildStore  *store,
           GuildRecord *record)
{
  g_autoptr(GuildRecord) owned = record;

  return add_record (store, owned);
}

/* A record of @kind with its required fields set and nothing else. */
static GuildRecord *
make_minimal (GuildRecordKind kind)
{
  switch (kind)
    {
    case GUILD_RECORD_COMMUNITY:
      return GUILD_RECORD (guild_community_new ("Minimal community"));
    case GUILD_RECORD_CONTACT:
      return GUILD_RECORD (guild_contact_new ("Minimal contact"));
    case GUILD_RECORD_EVENT:
      return GUILD_RECORD (guild_event_new ("Minimal event", 1700000000, 0));
    case GUILD_RECORD_ACTIVITY:
      return GUILD_RECORD (guild_activity_new ("read", 1700000000));
    case GUILD_RECORD_CHECKIN:
      return GUILD_RECORD (guild_checkin_new ("2025-01-06"));
    case GUILD_RECORD_SKILL:
      return GUILD_RECORD (guild_skill_new ("Minimal skill"));
    case GUILD_RECORD_COURSE:
      return GUILD_RECORD (guild_course_new ("Minimal course"));
    case GUILD_RECORD_PROFILE:
      return GUILD_RECORD (guild_profile_new ());
    case GUILD_RECORD_GOALS:
      return GUILD_RECORD (guild_goals_new ());
    case GUILD_N_RECORD_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
add_refs (GuildStore *store,
          Refs       *refs)
{
  refs->communities[0] = add_owned (store, GUILD_RECORD (guild_community_new ("Ref community A")));
  refs->communities[1] = add_owned (store, GUILD_RECORD (guild_community_new ("Ref community B")));
  refs->contacts[0] = add_owned (store, GUILD_RECORD (guild_contact_new ("Ref contact One")));
  refs->contacts[1] = add_owned (store, GUILD_RECORD (guild_contact_new ("Ref contact Two")));
  refs->event = add_owned (store, GUILD_RECORD (guild_event_new ("Ref event", 1700000000, 0)));
  refs->skills[0] = add_owned (store, GUILD_RECORD (guild_skill_new ("Go")));
  refs->skills[1] = add_owned (store, GUILD_RECORD (guild_skill_new ("SQL")));
}

static void
set_ids2 (GuildRecord *record,
          const char  *name,
          gint64       first,
          gint64       second)
{
  const gint64 ids[] = { first, second };

  guild_record_set_ids (record, name, ids, G_N_ELEMENTS (ids));
}

static void
set_ids1 (GuildRecord *record,
          const char  *name,
          gint64       only)
{
  guild_record_set_ids (record, name, &only, 1);
}

/* A record of @kind with every field away from its default. Id lists name
 * their targets against id order, so that a store that sorted them (instead
 * of keeping their positions) is caught. */
static GuildRecord *
make_full (GuildRecordKind  kind,
           const Refs      *refs)
{
  GuildRecord *record = guild_record_new_for_kind (kind);

  switch (kind)
    {
    case GUILD_RECORD_COMMUNITY:
      g_object_set (record,
                    "name", "Rust Berlin",
                    "description", "Monthly talks and hack evenings",
                    "url", "https://rust.berlin/",
                    "platform", "meetup",
                    "format", "hybrid",
                    "reach", "city",
                    "focus", "skill",
                    "stage", "experienced",
                    "industry", "Software",
                    "audience", (const char * const []) { "women in tech", "young professionals",
                                                          NULL },
                    "location", "Berlin",
                    "language", "de",
                    "status", "active",
                    "joined-on", "2024-02-29",
                    "goals", "Give a talk",
                    "notes", "Ask about the mentoring track",
                    NULL);
      break;

    case GUILD_RECORD_CONTACT:
      g_object_set (record,
                    "full-name", "Ада Лавлейс",
                    "given-name", "Ада",
                    "family-name", "Лавлейс",
                    "company", "Analytical Engines",
                    "position", "Programmer",
                    "emails", (const char * const []) { "ada@example.org", "ada@work.example",
                                                        NULL },
                    "phones", (const char * const []) { "+44 20 7946 0000", NULL },
                    "urls", (const char * const []) { "https://www.linkedin.com/in/ada",
                                                      "https://ada.example.org", NULL },
                    "location", "London",
                    "relationship", "mentor",
                    "connected-on", "2025-01-15",
                    "met-at-community", refs->communities[0],
                    "met-at-event", refs->event,
                    "birthday", "--12-10",
                    "connection-quality", 4,
                    "cadence-days", 30,
                    "tags", (const char * const []) { "math", "poetry", NULL },
                    "notes", "Prefers e-mail",
                    NULL);
      set_ids2 (record, "communities", refs->communities[1], refs->communities[0]);
      break;

    case GUILD_RECORD_EVENT:
      g_object_set (record,
                    "uid", "crud-event@example.org",
                    "title", "RustFest",
                    "starts-at", (gint64) 1741629600,
                    "ends-at", (gint64) 1741636800,
                    "all-day", TRUE,
                    "tzid", "Europe/Moscow",
                    "rrule", "FREQ=WEEKLY;COUNT=4",
                    "exdates", (const char * const []) { "20250317T180000Z", "20250324T180000Z",
                                                         NULL },
                    "kind", "conference",
                    "status", "going",
                    "location", "Kulturbrauerei",
                    "url", "https://rustfest.example/2025",
                    "community-id", refs->communities[0],
                    "notes", "Bring business cards",
                    NULL);
      set_ids2 (record, "attendees", refs->contacts[1], refs->contacts[0]);
      break;

    case GUILD_RECORD_ACTIVITY:
      g_object_set (record,
                    "at", (gint64) 1741640000,
                    "kind", "publish",
                    "strategy", "value_creation",
                    "minutes", 45,
                    "community-id", refs->communities[1],
                    "event-id", refs->event,
                    "likes", 12,
                    "comments", 3,
                    "reposts", 2,
                    "url", "https://habr.example/post/1",
                    "note", "First article",
                    NULL);
      set_ids2 (record, "contacts", refs->contacts[1], refs->contacts[0]);
      set_ids2 (record, "skills", refs->skills[1], refs->skills[0]);
      break;

    case GUILD_RECORD_CHECKIN:
      g_object_set (record,
                    "day", "2025-03-09",
                    "engagement", 4,
                    "connection-quality", 3,
                    "knowledge-gained", 5,
                    "knowledge-applied", 2,
                    "satisfaction", 4,
                    "career-impact", 1,
                    "note", "A good week",
                    NULL);
      break;

    case GUILD_RECORD_SKILL:
      g_object_set (record,
                    "name", "PostgreSQL",
                    "level", 2,
                    "target-level", 4,
                    "evidence", "Two pet projects",
                    "notes", "Window functions next;\nask the data guild",
                    NULL);
      break;

    case GUILD_RECORD_COURSE:
      g_object_set (record,
                    "title", "Databases",
                    "provider", "Stepik",
                    "url", "https://stepik.example/course/1",
                    "status", "in_progress",
                    "progress", 40,
                    "started-on", "2025-02-01",
                    "finished-on", "2025-06-30",
                    "certificate-url", "https://stepik.example/cert/1",
                    "community-id", refs->communities[0],
                    NULL);
      set_ids2 (record, "skills", refs->skills[1], refs->skills[0]);
      break;

    case GUILD_RECORD_PROFILE:
      g_object_set (record,
                    "name", "Мария",
                    "target-field", "Data engineering",
                    "current-role", "Teacher",
                    "experience", "10 years of teaching",
                    "interests", "Databases, pedagogy",
                    "participation-goals", "Find a mentor",
                    "email", "maria@example.org",
                    "url", "https://maria.example.org",
                    NULL);
      break;

    case GUILD_RECORD_GOALS:
      g_object_set (record,
                    "sessions-per-week", 3,
                    "minutes-per-week", 180,
                    "connections-per-month", 4,
                    "publications-per-month", 2,
                    "events-per-month", 1,
                    NULL);
      break;

    case GUILD_N_RECORD_KINDS:
    default:
      g_assert_not_reached ();
    }

  return record;
}

/* Changes scalars, clears some fields and shrinks or reorders lists. */
static void
modify (GuildRecord *record,
        const Refs  *refs)
{
  GuildRecordKind kind = guild_record_get_kind (record);

  switch (kind)
    {
    case GUILD_RECORD_COMMUNITY:
      g_object_set (record,
                    "name", "Rust Berlin e.V.",
                    "platform", "github",
                    "status", "paused",
                    "audience", (const char * const []) { "career changers", NULL },
                    "joined-on", "",
                    NULL);
      break;

    case GUILD_RECORD_CONTACT:
      g_object_set (record,
                    "full-name", "Ada King",
                    "emails", (const char * const []) { "ada.king@example.org", NULL },
                    "phones", NULL,
                    "connection-quality", 0,
                    "birthday", "1815-12-10",
                    "tags", NULL,
                    "met-at-event", (gint64) 0,
                    NULL);
      set_ids1 (record, "communities", refs->communities[0]);
      break;

    case GUILD_RECORD_EVENT:
      g_object_set (record,
                    "status", "attended",
                    "all-day", FALSE,
                    "ends-at", (gint64) 0,
                    "exdates", NULL,
                    "community-id", (gint64) 0,
                    "rrule", "",
                    NULL);
      set_ids1 (record, "attendees", refs->contacts[0]);
      break;

    case GUILD_RECORD_ACTIVITY:
      g_object_set (record,
                    "kind", "connect",
                    "minutes", 0,
                    "community-id", (gint64) 0,
                    "likes", 0,
                    NULL);
      guild_record_set_ids (record, "contacts", NULL, 0);
      set_ids1 (record, "skills", refs->skills[0]);
      break;

    case GUILD_RECORD_CHECKIN:
      g_object_set (record, "day", "2025-03-16", "engagement", 0, "note", "", NULL);
      break;

    case GUILD_RECORD_SKILL:
      g_object_set (record, "level", 3, "evidence", "", "notes", "", NULL);
      break;

    case GUILD_RECORD_COURSE:
      g_object_set (record,
                    "status", "completed",
                    "progress", 100,
                    "finished-on", "2025-05-01",
                    "certificate-url", "",
                    NULL);
      set_ids1 (record, "skills", refs->skills[1]);
      break;

    case GUILD_RECORD_PROFILE:
      g_object_set (record, "name", "Maria", "url", "", NULL);
      break;

    case GUILD_RECORD_GOALS:
      g_object_set (record, "sessions-per-week", 5, "events-per-month", 0, NULL);
      break;

    case GUILD_N_RECORD_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* Fails when a field of @record still has its default value: the round trip
 * of that column would then prove nothing. */
static void
assert_all_fields_set (GuildRecord *record)
{
  GuildRecordKind kind = guild_record_get_kind (record);
  g_autoptr(GuildRecord) blank = guild_record_new_for_kind (kind);
  guint n_fields = 0;
  const GuildField *fields = guild_record_kind_get_fields (kind, &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = fields[i].name;
      gboolean differs = FALSE;

      switch (fields[i].type)
        {
        case GUILD_FIELD_TEXT:
        case GUILD_FIELD_VOCAB:
        case GUILD_FIELD_DAY:
          differs = g_strcmp0 (guild_record_get_text (record, name),
                               guild_record_get_text (blank, name)) != 0;
          break;
        case GUILD_FIELD_INT:
        case GUILD_FIELD_INSTANT:
        case GUILD_FIELD_BOOL:
        case GUILD_FIELD_REF:
          differs = guild_record_get_int (record, name) != guild_record_get_int (blank, name);
          break;
        case GUILD_FIELD_STRV:
          differs = guild_record_get_strv (record, name)[0] != NULL;
          break;
        case GUILD_FIELD_REFS:
          differs = guild_record_get_ids (record, name)->len >= 2;
          break;
        default:
          g_assert_not_reached ();
        }

      if (!differs)
        g_test_fail_printf ("%s.%s keeps its default value in the test data",
                            guild_record_kind_get_table (kind), name);
    }
}

static void
assert_records_equal (GuildRecord *expected,
                      GuildRecord *actual)
{
  GuildRecordKind kind = guild_record_get_kind (expected);
  guint n_fields = 0;
  const GuildField *fields = guild_record_kind_get_fields (kind, &n_fields);

  g_assert_cmpint (guild_record_get_kind (actual), ==, kind);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = fields[i].name;

      switch (fields[i].type)
        {
        case GUILD_FIELD_TEXT:
        case GUILD_FIELD_VOCAB:
        case GUILD_FIELD_DAY:
          g_assert_cmpstr (guild_record_get_text (actual, name), ==,
                           guild_record_get_text (expected, name));
          break;
        case GUILD_FIELD_INT:
        case GUILD_FIELD_INSTANT:
        case GUILD_FIELD_BOOL:
        case GUILD_FIELD_REF:
          g_assert_cmpint (guild_record_get_int (actual, name), ==,
                           guild_record_get_int (expected, name));
          break;
        case GUILD_FIELD_STRV:
          g_assert_cmpstrv (guild_record_get_strv (actual, name),
                            guild_record_get_strv (expected, name));
          break;
        case GUILD_FIELD_REFS:
          {
            GArray *a = guild_record_get_ids (expected, name);
            GArray *b = guild_record_get_ids (actual, name);

            g_assert_cmpuint (b->len, ==, a->len);
            for (guint j = 0; j < a->len; j++)
              g_assert_cmpint (g_array_index (b, gint64, j), ==, g_array_index (a, gint64, j));
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_assert_true (guild_record_fields_equal (expected, actual));
}

/* Checks the child and link tables themselves against @record's lists. */
static void
assert_lists_in_tables (GuildStore  *store,
                        GuildRecord *record)
{
  sqlite3 *db = _guild_store_get_db (store);
  guint n_fields = 0;
  const GuildField *fields = guild_record_kind_get_fields (guild_record_get_kind (record),
                                                           &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *sql = NULL;
      guint expected_len;
      guint n = 0;

      if (fields[i].type != GUILD_FIELD_STRV && fields[i].type != GUILD_FIELD_REFS)
        continue;

      expected_len = fields[i].type == GUILD_FIELD_STRV
                     ? g_strv_length ((char **) guild_record_get_strv (record, fields[i].name))
                     : guild_record_get_ids (record, fields[i].name)->len;

      sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1 ORDER BY position",
                             fields[i].value_column, fields[i].table, fields[i].owner_column);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, guild_record_get_id (record));

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_assert_cmpuint (n, <, expected_len);
          if (fields[i].type == GUILD_FIELD_STRV)
            g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                             guild_record_get_strv (record, fields[i].name)[n]);
          else
            g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==,
                             g_array_index (guild_record_get_ids (record, fields[i].name),
                                            gint64, n));
          n++;
        }

      g_assert_cmpuint (n, ==, expected_len);
    }
}

/* How many rows of each list table still belong to @id. */
static guint
count_child_rows (GuildStore      *store,
                  GuildRecordKind  kind,
                  gint64           id)
{
  guint n_fields = 0;
  const GuildField *fields = guild_record_kind_get_fields (kind, &n_fields);
  guint total = 0;

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *sql = NULL;

      if (fields[i].type != GUILD_FIELD_STRV && fields[i].type != GUILD_FIELD_REFS)
        continue;

      sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = %" G_GINT64_FORMAT,
                             fields[i].table, fields[i].owner_column, id);
      total += store_int (store, sql);
    }

  return total;
}

static GuildRecord *
load_ok (GuildStore      *store,
         GuildRecordKind  kind,
         gint64           id)
{
  g_autoptr(GError) error = NULL;
  GuildRecord *record = guild_store_load (store, kind, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpint (guild_record_get_id (record), ==, id);

  return record;
}

static void
assert_not_found (GuildStore      *store,
                  GuildRecordKind  kind,
                  gint64           id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildRecord) record = guild_store_load (store, kind, id, &error);

  g_assert_null (record);
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND);
}

static void
assert_ids (GuildRecord  *record,
            const char   *name,
            const gint64 *expected,
            guint         n_expected)
{
  GArray *ids = guild_record_get_ids (record, name);

  g_assert_cmpuint (ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

/* Section: create, read, update, delete */

static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  GuildRecordKind kind = GPOINTER_TO_UINT (data);
  g_autoptr(GuildRecord) record = NULL;
  g_autoptr(GuildRecord) loaded = NULL;
  g_autoptr(GuildRecord) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  Refs refs;
  guint count_before;
  gint64 id;

  add_refs (f->store, &refs);
  count_before = guild_store_count (f->store, kind);

  /* Add. */
  record = make_full (kind, &refs);
  assert_all_fields_set (record);
  g_assert_true (guild_store_add (f->store, record, &error));
  g_assert_no_error (error);
  id = guild_record_get_id (record);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (guild_record_get_created_at (record), >, 0);
  g_assert_cmpint (guild_record_get_updated_at (record), >=,
                   guild_record_get_created_at (record));
  g_assert_cmpuint (guild_store_count (f->store, kind), ==, count_before + 1);

  /* Load: every field, lists in their order, and the tables behind them. */
  loaded = load_ok (f->store, kind, id);
  assert_records_equal (record, loaded);
  g_assert_cmpint (guild_record_get_created_at (loaded), ==, guild_record_get_created_at (record));
  assert_lists_in_tables (f->store, record);

  /* Update. */
  modify (loaded, &refs);
  g_assert_false (guild_record_fields_equal (record, loaded));
  g_assert_true (guild_store_update (f->store, loaded, &error));
  g_assert_no_error (error);
  reloaded = load_ok (f->store, kind, id);
  assert_records_equal (loaded, reloaded);
  g_assert_false (guild_record_fields_equal (record, reloaded));
  assert_lists_in_tables (f->store, reloaded);
  g_assert_cmpuint (guild_store_count (f->store, kind), ==, count_before + 1);

  /* A stale copy catches up in place. */
  g_assert_true (guild_store_reload (f->store, record, &error));
  g_assert_no_error (error);
  assert_records_equal (reloaded, record);

  /* Remove. */
  g_assert_true (guild_store_remove (f->store, kind, id, &error));
  g_assert_no_error (error);
  assert_not_found (f->store, kind, id);
  g_assert_cmpuint (guild_store_count (f->store, kind), ==, count_before);
  g_assert_cmpuint (count_child_rows (f->store, kind, id), ==, 0);

  g_assert_false (guild_store_remove (f->store, kind, id, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (guild_store_update (f->store, reloaded, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (guild_store_reload (f->store, record, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The records it pointed at are still there. */
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_COMMUNITY), >=, 2);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_SKILL), >=, 2);
}

static GuildRecord *
dup_singleton (GuildStore      *store,
               GuildRecordKind  kind)
{
  g_autoptr(GError) error = NULL;
  GuildRecord *record;

  if (kind == GUILD_RECORD_PROFILE)
    record = GUILD_RECORD (guild_store_dup_profile (store, &error));
  else
    record = GUILD_RECORD (guild_store_dup_goals (store, &error));

  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpint (guild_record_get_kind (record), ==, kind);

  return record;
}

static void
test_crud_singleton (Fixture       *f,
                     gconstpointer  data)
{
  GuildRecordKind kind = GPOINTER_TO_UINT (data);
  g_autoptr(GuildRecord) blank = guild_record_new_for_kind (kind);
  g_autoptr(GuildRecord) first = NULL;
  g_autoptr(GuildRecord) record = NULL;
  g_autoptr(GuildRecord) loaded = NULL;
  g_autoptr(GuildRecord) updated = NULL;
  g_autoptr(GuildRecord) again = NULL;
  g_autoptr(GError) error = NULL;
  Refs refs = { { 0 } };

  /* Never saved: defaults. */
  first = dup_singleton (f->store, kind);
  g_assert_true (guild_record_fields_equal (first, blank));
  g_assert_cmpuint (guild_store_count (f->store, kind), ==, 0);

  record = make_full (kind, &refs);
  assert_all_fields_set (record);
  g_assert_true (guild_store_save_singleton (f->store, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (guild_record_get_id (record), ==, 1);

  loaded = dup_singleton (f->store, kind);
  g_assert_cmpint (guild_record_get_id (loaded), ==, 1);
  assert_records_equal (record, loaded);

  /* guild_store_update() saves singletons too; there is still one row. */
  modify (loaded, &refs);
  g_assert_true (guild_store_update (f->store, loaded, &error));
  g_assert_no_error (error);
  updated = dup_singleton (f->store, kind);
  assert_records_equal (loaded, updated);
  g_assert_false (guild_record_fields_equal (record, updated));
  g_assert_cmpuint (guild_store_count (f->store, kind), ==, 1);

  /* An invalid singleton is refused and leaves the saved one alone. */
  if (kind == GUILD_RECORD_PROFILE)
    guild_record_set_text (updated, "url", "not a url");
  else
    guild_record_set_int (updated, "sessions-per-week", -1);
  g_assert_false (guild_store_save_singleton (f->store, updated, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  again = dup_singleton (f->store, kind);
  assert_records_equal (loaded, again);
  g_clear_object (&again);

  /* Removing it brings the defaults back. */
  g_assert_true (guild_store_remove (f->store, kind, 1, &error));
  g_assert_no_error (error);
  assert_not_found (f->store, kind, 1);
  again = dup_singleton (f->store, kind);
  g_assert_true (guild_record_fields_equal (again, blank));
  g_assert_cmpuint (guild_store_count (f->store, kind), ==, 0);
}

static void
test_add_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GuildRecord) blank = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GuildRecord) dangling = NULL;
  g_autoptr(GuildRecord) event = NULL;
  g_autoptr(GError) error = NULL;
  GuildStoreStats stats = { 0 };
  Refs refs;

  add_refs (f->store, &refs);

  /* Validation: nothing is written. */
  g_assert_false (guild_store_add (f->store, blank, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (guild_record_get_id (blank), ==, 0);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 2);

  /* A link to a missing community fails after the row went in: the whole add
   * is undone, lists and all. */
  dangling = make_full (GUILD_RECORD_CONTACT, &refs);
  set_ids2 (dangling, "communities", refs.communities[0], 999999);
  g_assert_false (guild_store_add (f->store, dangling, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (guild_record_get_id (dangling), ==, 0);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 2);
  g_assert_cmpint (store_int (f->store, "SELECT count(*) FROM contact_email"), ==, 0);
  g_assert_true (guild_store_get_stats (f->store, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.memberships, ==, 0);

  /* A reference to a missing record is refused the same way. */
  event = make_full (GUILD_RECORD_EVENT, &refs);
  guild_record_set_int (event, "community-id", 424242);
  g_assert_false (guild_store_add (f->store, event, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_EVENT), ==, 1);

  /* The store is still usable: no savepoint was left open. */
  guild_record_set_int (event, "community-id", refs.communities[1]);
  add_record (f->store, event);
  set_ids1 (dangling, "communities", refs.communities[0]);
  add_record (f->store, dangling);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 3);
}

static void
test_remove_contact (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GuildRecord) leaving = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GuildRecord) event = NULL;
  g_autoptr(GuildRecord) shared = NULL;
  g_autoptr(GuildRecord) alone = NULL;
  g_autoptr(GuildRecord) loaded_event = NULL;
  g_autoptr(GuildRecord) loaded_shared = NULL;
  g_autoptr(GuildRecord) loaded_alone = NULL;
  g_autoptr(GError) error = NULL;
  GuildStoreStats stats = { 0 };
  Refs refs;
  gint64 x;

  add_refs (f->store, &refs);

  g_object_set (leaving,
                "full-name", "Leaving Person",
                "emails", (const char * const []) { "leaving@example.org", NULL },
                "tags", (const char * const []) { "gone", NULL },
                NULL);
  set_ids2 (leaving, "communities", refs.communities[0], refs.communities[1]);
  x = add_record (f->store, leaving);

  event = make_minimal (GUILD_RECORD_EVENT);
  set_ids2 (event, "attendees", x, refs.contacts[0]);
  add_record (f->store, event);

  shared = make_minimal (GUILD_RECORD_ACTIVITY);
  guild_record_set_int (shared, "community-id", refs.communities[0]);
  set_ids2 (shared, "contacts", x, refs.contacts[0]);
  add_record (f->store, shared);

  alone = make_minimal (GUILD_RECORD_ACTIVITY);
  set_ids1 (alone, "contacts", x);
  add_record (f->store, alone);

  g_assert_true (guild_store_get_stats (f->store, &stats, &error));
  g_assert_cmpuint (stats.memberships, ==, 2);

  g_assert_true (guild_store_remove (f->store, GUILD_RECORD_CONTACT, x, &error));
  g_assert_no_error (error);

  /* Memberships, attendances and activity links go with the person… */
  g_assert_true (guild_store_get_stats (f->store, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.memberships, ==, 0);
  g_assert_cmpuint (count_child_rows (f->store, GUILD_RECORD_CONTACT, x), ==, 0);
  g_assert_cmpint (store_int (f->store, "SELECT count(*) FROM event_attendee"), ==, 1);
  g_assert_cmpint (store_int (f->store, "SELECT count(*) FROM activity_contact"), ==, 1);

  loaded_event = load_ok (f->store, GUILD_RECORD_EVENT, guild_record_get_id (event));
  assert_ids (loaded_event, "attendees", &refs.contacts[0], 1);

  /* …but the activities, events and communities stay. */
  loaded_shared = load_ok (f->store, GUILD_RECORD_ACTIVITY, guild_record_get_id (shared));
  assert_ids (loaded_shared, "contacts", &refs.contacts[0], 1);
  g_assert_cmpint (guild_record_get_int (loaded_shared, "community-id"), ==, refs.communities[0]);
  loaded_alone = load_ok (f->store, GUILD_RECORD_ACTIVITY, guild_record_get_id (alone));
  assert_ids (loaded_alone, "contacts", NULL, 0);
  g_assert_cmpuint (stats.activities, ==, 2);
  g_assert_cmpuint (stats.events, ==, 2);
  g_assert_cmpuint (stats.communities, ==, 2);
  g_assert_cmpuint (stats.contacts, ==, 2);
}

static void
test_remove_community (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GuildRecord) contact = NULL;
  g_autoptr(GuildRecord) event = NULL;
  g_autoptr(GuildRecord) activity = NULL;
  g_autoptr(GuildRecord) course = NULL;
  g_autoptr(GuildRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;
  Refs refs;
  gint64 c;

  add_refs (f->store, &refs);
  c = add_owned (f->store, GUILD_RECORD (guild_community_new ("Closing down")));

  contact = make_minimal (GUILD_RECORD_CONTACT);
  guild_record_set_int (contact, "met-at-community", c);
  set_ids2 (contact, "communities", c, refs.communities[1]);
  add_record (f->store, contact);

  event = make_minimal (GUILD_RECORD_EVENT);
  guild_record_set_int (event, "community-id", c);
  add_record (f->store, event);

  activity = make_minimal (GUILD_RECORD_ACTIVITY);
  guild_record_set_int (activity, "community-id", c);
  guild_record_set_int (activity, "minutes", 30);
  add_record (f->store, activity);

  course = make_minimal (GUILD_RECORD_COURSE);
  guild_record_set_int (course, "community-id", c);
  add_record (f->store, course);

  g_assert_true (guild_store_remove (f->store, GUILD_RECORD_COMMUNITY, c, &error));
  g_assert_no_error (error);

  /* ON DELETE SET NULL: the activity stays, without a community. */
  loaded = load_ok (f->store, GUILD_RECORD_ACTIVITY, guild_record_get_id (activity));
  g_assert_cmpint (guild_record_get_int (loaded, "community-id"), ==, 0);
  g_assert_cmpint (guild_record_get_int (loaded, "minutes"), ==, 30);
  g_assert_cmpint (store_int (f->store, "SELECT count(*) FROM activity WHERE community_id IS NULL"),
                   ==, 1);
  g_clear_object (&loaded);

  loaded = load_ok (f->store, GUILD_RECORD_EVENT, guild_record_get_id (event));
  g_assert_cmpint (guild_record_get_int (loaded, "community-id"), ==, 0);
  g_clear_object (&loaded);

  loaded = load_ok (f->store, GUILD_RECORD_COURSE, guild_record_get_id (course));
  g_assert_cmpint (guild_record_get_int (loaded, "community-id"), ==, 0);
  g_clear_object (&loaded);

  /* The contact stays, and only loses that membership. */
  loaded = load_ok (f->store, GUILD_RECORD_CONTACT, guild_record_get_id (contact));
  g_assert_cmpint (guild_record_get_int (loaded, "met-at-community"), ==, 0);
  assert_ids (loaded, "communities", &refs.communities[1], 1);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_ACTIVITY), ==, 1);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_COMMUNITY), ==, 2);
}

/* Section: constraints */

static void
test_constraints_raw (Fixture       *f,
                      gconstpointer  data)
{
  /* Each bad statement is refused by a CHECK; its good twin shows the
   * statement is otherwise sound. */
  static const struct {
    const char *good;
    const char *bad;
  } cases[] = {
    { "INSERT INTO community (name, platform) VALUES ('A', 'linkedin')",
      "INSERT INTO community (name, platform) VALUES ('B', 'myspace')" },
    { "INSERT INTO community (name, format) VALUES ('A', 'hybrid')",
      "INSERT INTO community (name, format) VALUES ('B', 'virtual')" },
    { "INSERT INTO community (name, status) VALUES ('A', 'left')",
      "INSERT INTO community (name, status) VALUES ('B', 'dormant')" },
    { "INSERT INTO community (name) VALUES ('A')",
      "INSERT INTO community (name) VALUES ('   ')" },
    { "INSERT INTO contact (full_name, relationship) VALUES ('A', 'hiring_manager')",
      "INSERT INTO contact (full_name, relationship) VALUES ('B', 'boss')" },
    { "INSERT INTO contact (full_name, birthday) VALUES ('A', '--09-23')",
      "INSERT INTO contact (full_name, birthday) VALUES ('B', 'September 23')" },
    { "INSERT INTO contact (full_name, connection_quality) VALUES ('A', 5)",
      "INSERT INTO contact (full_name, connection_quality) VALUES ('B', 6)" },
    { "INSERT INTO event (uid, title, starts_at, kind) VALUES ('u1', 'A', 1000, 'ama')",
      "INSERT INTO event (uid, title, starts_at, kind) VALUES ('u2', 'B', 1000, 'party')" },
    { "INSERT INTO event (uid, title, starts_at, status) VALUES ('u3', 'A', 1000, 'missed')",
      "INSERT INTO event (uid, title, starts_at, status) VALUES ('u4', 'B', 1000, 'maybe')" },
    { "INSERT INTO event (uid, title, starts_at, ends_at) VALUES ('u5', 'A', 1000, 1000)",
      "INSERT INTO event (uid, title, starts_at, ends_at) VALUES ('u6', 'B', 1000, 999)" },
    { "INSERT INTO activity (at, kind, strategy) VALUES (1000, 'read', 'learning')",
      "INSERT INTO activity (at, kind, strategy) VALUES (1000, 'read', 'connecting')" },
    { "INSERT INTO activity (at, kind, strategy) VALUES (1000, 'comment', 'value_creation')",
      "INSERT INTO activity (at, kind, strategy) VALUES (1000, 'comment', 'learning')" },
    { "INSERT INTO activity (at, kind, strategy) VALUES (1000, 'collaborate', 'connecting')",
      "INSERT INTO activity (at, kind, strategy) VALUES (1000, 'collaborate', 'value_creation')" },
    { "INSERT INTO activity (at, kind, strategy) VALUES (1000, 'message', 'connecting')",
      "INSERT INTO activity (at, kind, strategy) VALUES (1000, 'dance', 'connecting')" },
    { "INSERT INTO activity (at, kind, strategy, minutes) VALUES (1000, 'read', 'learning', 0)",
      "INSERT INTO activity (at, kind, strategy, minutes) VALUES (1000, 'read', 'learning', -5)" },
    { "INSERT INTO course (title, status) VALUES ('A', 'in_progress')",
      "INSERT INTO course (title, status) VALUES ('B', 'finished')" },
    { "INSERT INTO course (title, progress) VALUES ('A', 100)",
      "INSERT INTO course (title, progress) VALUES ('B', 101)" },
    { "INSERT INTO skill (name, level) VALUES ('A', 1)",
      "INSERT INTO skill (name, level) VALUES ('B', 0)" },
    { "INSERT INTO checkin (day, engagement) VALUES ('2025-01-01', 5)",
      "INSERT INTO checkin (day, engagement) VALUES ('2025-01-01', 6)" },
    { "INSERT INTO checkin (day) VALUES ('2025-01-02')",
      "INSERT INTO checkin (day) VALUES ('yesterday')" },
    { "INSERT INTO profile (id, name) VALUES (1, 'Me')",
      "INSERT INTO profile (id, name) VALUES (2, 'Someone else')" },
  };
  sqlite3 *db = _guild_store_get_db (f->store);
  GuildStoreStats before = { 0 };
  GuildStoreStats after = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int rc;

      g_test_message ("%s", cases[i].bad);
      raw_exec (db, cases[i].good);

      g_assert_true (guild_store_get_stats (f->store, &before, &error));
      rc = sqlite3_exec (db, cases[i].bad, NULL, NULL, NULL);
      g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
      g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT_CHECK);
      g_assert_true (guild_store_get_stats (f->store, &after, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
    }

  /* A constraint error reported through the store's own mapping. */
  {
    int rc = sqlite3_exec (db, cases[0].bad, NULL, NULL, NULL);

    g_assert_false (_guild_store_set_error (db, rc, &error));
    g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "CHECK"));
  }
}

/* An activity kind that serves @strategy. */
static const char *
kind_for_strategy (const char *strategy)
{
  guint n = 0;
  const GuildVocabEntry *kinds = guild_vocab_entries (GUILD_VOCAB_ACTIVITY_KIND, &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (kinds[i].strategy, strategy) == 0)
      return kinds[i].id;

  g_assert_not_reached ();
}

static void
test_constraints_vocab (Fixture       *f,
                        gconstpointer  data)
{
  guint vocabs_seen = 0;
  guint n_checked = 0;
  guint n_expected = 0;

  for (guint k = 0; k < GUILD_N_RECORD_KINDS; k++)
    {
      guint n_fields = 0;
      const GuildField *fields = guild_record_kind_get_fields (k, &n_fields);

      for (guint i = 0; i < n_fields; i++)
        {
          const GuildVocabEntry *entries;
          guint n_entries = 0;

          if (fields[i].type != GUILD_FIELD_VOCAB)
            continue;

          g_assert_true (k != GUILD_RECORD_PROFILE && k != GUILD_RECORD_GOALS);
          vocabs_seen |= 1u << fields[i].vocab;
          entries = guild_vocab_entries (fields[i].vocab, &n_entries);
          g_assert_cmpuint (n_entries, >, 0);
          n_expected += n_entries;

          for (guint j = 0; j < n_entries; j++)
            {
              g_autoptr(GuildRecord) record = make_minimal (k);
              g_autoptr(GuildRecord) loaded = NULL;
              g_autoptr(GError) error = NULL;

              g_test_message ("%s.%s = %s", guild_record_kind_get_table (k), fields[i].name,
                              entries[j].id);

              /* The strategy column must agree with the kind. */
              if (k == GUILD_RECORD_ACTIVITY && g_str_equal (fields[i].name, "strategy"))
                guild_record_set_text (record, "kind", kind_for_strategy (entries[j].id));
              guild_record_set_text (record, fields[i].name, entries[j].id);

              g_assert_true (guild_store_add (f->store, record, &error));
              g_assert_no_error (error);

              loaded = load_ok (f->store, k, guild_record_get_id (record));
              g_assert_cmpstr (guild_record_get_text (loaded, fields[i].name), ==, entries[j].id);
              n_checked++;
            }
        }
    }

  /* Every vocabulary is used by some column, and every identifier got in. */
  g_assert_cmpuint (vocabs_seen, ==, (1u << GUILD_N_VOCABS) - 1);
  g_assert_cmpuint (n_checked, ==, n_expected);
  g_assert_cmpuint (n_checked, ==, 88);
}

/* Section: migrations */

static void
test_migration_new_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "guild.db", NULL);
  g_autofree char *journal_mode = NULL;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GuildRecord) contact = NULL;
  g_autoptr(GuildRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;
  Refs refs;
  sqlite3 *db;
  gint64 id;

  /* The last migration is the version this build writes. */
  g_assert_cmpuint (_guild_store_n_migrations, >, 0);
  g_assert_cmpint (_guild_store_migrations[_guild_store_n_migrations - 1].version, ==,
                   GUILD_STORE_SCHEMA_VERSION);
  for (guint i = 0; i < _guild_store_n_migrations; i++)
    g_assert_cmpint (_guild_store_migrations[i].version, ==, i + 1);

  /* A path whose folders do not exist yet. */
  store = guild_store_open (nested, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (guild_store_get_path (store), ==, nested);
  g_assert_cmpint (guild_store_get_schema_version (store), ==, GUILD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (store_int (store, "PRAGMA foreign_keys"), ==, 1);

  add_refs (store, &refs);
  contact = make_full (GUILD_RECORD_CONTACT, &refs);
  id = add_record (store, contact);
  g_clear_object (&store);

  g_assert_cmpint (file_int (nested, "PRAGMA user_version"), ==, GUILD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (file_int (nested, "PRAGMA application_id"), ==, GUILD_APPLICATION_ID);
  db = raw_open (nested);
  journal_mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpstr (journal_mode, ==, "wal");

  /* Reopening keeps the data and migrates nothing. */
  store = guild_store_open (nested, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (guild_store_get_schema_version (store), ==, GUILD_STORE_SCHEMA_VERSION);
  loaded = load_ok (store, GUILD_RECORD_CONTACT, id);
  assert_records_equal (contact, loaded);
  g_clear_object (&store);
  g_assert_cmpuint (count_matching_files (f->dir, "*.bak", NULL), ==, 0);

  /* An empty file, as `touch` leaves it, is a new database too. */
  write_file (f->path, "", 0);
  store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (guild_store_get_schema_version (store), ==, GUILD_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, 0);
  g_clear_object (&store);
  g_assert_cmpint (file_int (f->path, "PRAGMA user_version"), ==, GUILD_STORE_SCHEMA_VERSION);
}

static void
test_migration_upgrade (Fixture       *f,
                        gconstpointer  data)
{
  /* This build's schema ("v1" below) and a synthetic next version. */
  const GuildMigration *v1 = _guild_store_migrations;
  GuildMigration v2[GUILD_STORE_SCHEMA_VERSION + 1];
  const int cur = GUILD_STORE_SCHEMA_VERSION;
  g_autofree char *backup_glob = g_strdup_printf ("guild.db.v%d-*.bak", cur);
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GuildRecord) contact = NULL;
  g_autoptr(GuildRecord) loaded = NULL;
  g_autoptr(GuildRecord) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  Refs refs;
  gint64 id, later;

  memcpy (v2, _guild_store_migrations, GUILD_STORE_SCHEMA_VERSION * sizeof (GuildMigration));
  v2[cur].version = cur + 1;
  v2[cur].sql = "ALTER TABLE profile ADD COLUMN test_extra TEXT";

  store = _guild_store_open_with_migrations (f->path, GUILD_STORE_FLAGS_NONE, v1,
                                             _guild_store_n_migrations, &error);
  g_assert_no_error (error);
  g_assert_cmpint (guild_store_get_schema_version (store), ==, cur);
  add_refs (store, &refs);
  contact = make_full (GUILD_RECORD_CONTACT, &refs);
  id = add_record (store, contact);
  profile = make_full (GUILD_RECORD_PROFILE, &refs);
  g_assert_true (guild_store_save_singleton (store, profile, &error));
  g_assert_no_error (error);
  g_clear_object (&profile);
  g_clear_object (&store);
  g_assert_cmpint (file_int (f->path, "PRAGMA user_version"), ==, cur);

  /* The next version: a backup first, then the step. */
  g_test_expect_message ("guild-store", G_LOG_LEVEL_MESSAGE, "Saved a copy of the database*");
  store = _guild_store_open_with_migrations (f->path, GUILD_STORE_FLAGS_NONE, v2,
                                             _guild_store_n_migrations + 1, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (guild_store_get_schema_version (store), ==, cur + 1);
  g_assert_true (raw_can_prepare (_guild_store_get_db (store), "SELECT test_extra FROM profile"));
  loaded = load_ok (store, GUILD_RECORD_CONTACT, id);
  assert_records_equal (contact, loaded);
  g_clear_object (&loaded);
  profile = dup_singleton (store, GUILD_RECORD_PROFILE);
  g_assert_cmpstr (guild_record_get_text (profile, "name"), ==, "Мария");
  g_clear_object (&profile);
  later = add_owned (store, GUILD_RECORD (guild_contact_new ("Added after the upgrade")));
  g_clear_object (&store);
  g_assert_cmpint (file_int (f->path, "PRAGMA user_version"), ==, cur + 1);

  /* The backup holds the data as it was, at this build's version. */
  g_assert_cmpuint (count_matching_files (f->dir, backup_glob, &backup), ==, 1);
  g_assert_nonnull (backup);
  g_assert_cmpint (file_int (backup, "PRAGMA user_version"), ==, cur);
  store = _guild_store_open_with_migrations (backup, GUILD_STORE_FLAGS_NONE, v1,
                                             _guild_store_n_migrations, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (guild_store_get_schema_version (store), ==, cur);
  loaded = load_ok (store, GUILD_RECORD_CONTACT, id);
  assert_records_equal (contact, loaded);
  g_clear_object (&loaded);
  assert_not_found (store, GUILD_RECORD_CONTACT, later);
  profile = dup_singleton (store, GUILD_RECORD_PROFILE);
  g_assert_cmpstr (guild_record_get_text (profile, "name"), ==, "Мария");
  g_assert_false (raw_can_prepare (_guild_store_get_db (store), "SELECT test_extra FROM profile"));
  g_clear_object (&store);

  /* The upgraded file is never opened by the older schema… */
  store = _guild_store_open_with_migrations (f->path, GUILD_STORE_FLAGS_NONE, v1,
                                             _guild_store_n_migrations, &error);
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_clear_error (&error);

  /* …and opening it again at the next version makes no second backup. */
  store = _guild_store_open_with_migrations (f->path, GUILD_STORE_FLAGS_NONE, v2,
                                             _guild_store_n_migrations + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (guild_store_get_schema_version (store), ==, cur + 1);
  g_clear_object (&store);
  g_assert_cmpuint (count_matching_files (f->dir, "*.bak", NULL), ==, 1);
}

static void
test_migration_failed (Fixture       *f,
                       gconstpointer  data)
{
  /* This build's schema ("v1" below) and two synthetic next versions. */
  const GuildMigration *v1 = _guild_store_migrations;
  GuildMigration broken[GUILD_STORE_SCHEMA_VERSION + 1];
  /* The first statement works; the step as a whole must not. */
  GuildMigration half[GUILD_STORE_SCHEMA_VERSION + 1];
  const GuildMigration *attempts[] = { broken, half };
  const int cur = GUILD_STORE_SCHEMA_VERSION;
  g_autofree char *failed_message = g_strdup_printf ("Migration to schema %d failed*", cur + 1);
  g_autofree char *next_version = g_strdup_printf ("version %d", cur + 1);
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GuildRecord) contact = NULL;
  g_autoptr(GError) error = NULL;
  Refs refs;
  gint64 id;

  memcpy (broken, _guild_store_migrations, GUILD_STORE_SCHEMA_VERSION * sizeof (GuildMigration));
  broken[cur].version = cur + 1;
  broken[cur].sql = "THIS IS NOT SQL";
  memcpy (half, _guild_store_migrations, GUILD_STORE_SCHEMA_VERSION * sizeof (GuildMigration));
  half[cur].version = cur + 1;
  half[cur].sql = "ALTER TABLE profile ADD COLUMN test_extra TEXT; THIS IS NOT SQL";

  store = _guild_store_open_with_migrations (f->path, GUILD_STORE_FLAGS_NONE, v1,
                                             _guild_store_n_migrations, &error);
  g_assert_no_error (error);
  add_refs (store, &refs);
  contact = make_full (GUILD_RECORD_CONTACT, &refs);
  id = add_record (store, contact);
  g_clear_object (&store);

  for (guint a = 0; a < G_N_ELEMENTS (attempts); a++)
    {
      g_autoptr(GuildRecord) loaded = NULL;
      sqlite3 *db;

      g_test_expect_message ("guild-store", G_LOG_LEVEL_MESSAGE, "Saved a copy of the database*");
      g_test_expect_message ("guild-store", G_LOG_LEVEL_WARNING, failed_message);
      store = _guild_store_open_with_migrations (f->path, GUILD_STORE_FLAGS_NONE, attempts[a],
                                                 _guild_store_n_migrations + 1,
                                                 &error);
      g_test_assert_expected_messages ();
      g_assert_null (store);
      g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, next_version));
      g_clear_error (&error);

      /* Still this build's version, without a trace of the failed step. */
      g_assert_cmpint (file_int (f->path, "PRAGMA user_version"), ==, cur);
      db = raw_open (f->path);
      g_assert_false (raw_can_prepare (db, "SELECT test_extra FROM profile"));
      g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

      store = _guild_store_open_with_migrations (f->path, GUILD_STORE_FLAGS_NONE, v1,
                                                 _guild_store_n_migrations, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_assert_cmpint (guild_store_get_schema_version (store), ==, cur);
      loaded = load_ok (store, GUILD_RECORD_CONTACT, id);
      assert_records_equal (contact, loaded);
      g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_COMMUNITY), ==, 2);
      g_clear_object (&store);
    }
}

/* The real step from version 1 to 2, on a file the version 1 schema made. */

static char *
file_text (sqlite3    *db,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static GuildMetrics *
metrics_utc (GuildStore *store,
             gboolean    slots)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GuildMetricsQuery query = { NULL, "2025-12-31", 0, utc };
  g_autoptr(GError) error = NULL;
  GuildMetrics *m;

  _guild_store_metrics_set_use_slots (slots);
  m = guild_store_metrics (store, &query, NULL, &error);
  _guild_store_metrics_set_use_slots (TRUE);
  g_assert_no_error (error);
  g_assert_nonnull (m);

  return m;
}

static void
test_migration_v1_to_v2 (Fixture       *f,
                         gconstpointer  data)
{
  static const char activities_text[] =
    "SELECT group_concat(id || ',' || at || ',' || kind || ',' || strategy || ',' || minutes"
    " || ',' || likes || ',' || comments || ',' || reposts || ',' || ifnull(community_id, '-')"
    " || ',' || note, ';') FROM (SELECT * FROM activity ORDER BY id)";
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GuildRecord) community = NULL;
  g_autoptr(GuildRecord) contact = NULL;
  g_autoptr(GuildRecord) loaded = NULL;
  g_autoptr(GuildRecord) skill = NULL;
  g_autoptr(GuildMetrics) before = NULL;
  g_autoptr(GuildMetrics) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *activities = NULL;
  g_autofree char *activities_after = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *sql = NULL;
  gint64 community_id, contact_id;
  sqlite3 *db;

  g_assert_cmpint (GUILD_STORE_SCHEMA_VERSION, ==, 2);
  g_assert_cmpint (_guild_store_migrations[1].version, ==, 2);

  /* Version 1, filled the way that version's Guild wrote it. */
  store = _guild_store_open_with_migrations (f->path, GUILD_STORE_FLAGS_NONE,
                                             _guild_store_migrations, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (guild_store_get_schema_version (store), ==, 1);
  db = _guild_store_get_db (store);
  g_assert_false (raw_can_prepare (db, "SELECT notes FROM skill"));

  community = GUILD_RECORD (guild_community_new ("Data Talks"));
  community_id = add_record (store, community);
  contact = GUILD_RECORD (guild_contact_new ("Анна Петрова"));
  contact_id = add_record (store, contact);
  raw_exec (db, "INSERT INTO skill (id, name, level, target_level, evidence) VALUES"
                " (1, 'SQL', 2, 4, 'https://example.org/sql-notes\nA dashboard project'),"
                " (2, 'Go', NULL, 3, '')");
  sql = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                         "   WHERE i < 3000),"
                         " k (j, kind, strategy) AS (VALUES (0, 'read', 'learning'),"
                         "   (1, 'publish', 'value_creation'), (2, 'comment', 'value_creation'),"
                         "   (3, 'connect', 'connecting'), (4, 'ask_question', 'learning'),"
                         "   (5, 'message', 'connecting'), (6, 'support', 'value_creation'))"
                         " INSERT INTO activity (at, kind, strategy, minutes, community_id,"
                         "   likes, comments, reposts, note)"
                         " SELECT 1735689600 + i * 7919, k.kind, k.strategy, i %% 90,"
                         "   CASE WHEN i %% 3 = 0 THEN NULL ELSE %" G_GINT64_FORMAT " END,"
                         "   i %% 4, i %% 3, i %% 2, 'note ' || i"
                         " FROM n JOIN k ON k.j = i %% 7",
                         community_id);
  raw_exec (db, sql);
  raw_exec (db, "INSERT INTO activity_skill (activity_id, skill_id)"
                " SELECT id, 1 FROM activity WHERE id % 10 = 0");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM activity"), ==, 3000);
  activities = file_text (db, activities_text);
  before = metrics_utc (store, FALSE);
  g_assert_cmpuint (before->totals.activities, ==, 3000);
  g_clear_object (&store);
  g_assert_cmpint (file_int (f->path, "PRAGMA user_version"), ==, 1);

  /* This build opens it: a backup, then version 2 in one step. */
  g_test_expect_message ("guild-store", G_LOG_LEVEL_MESSAGE, "Saved a copy of the database*");
  store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (guild_store_get_schema_version (store), ==, 2);
  db = _guild_store_get_db (store);

  /* The new column, indexes, table and triggers. */
  g_assert_true (raw_can_prepare (db, "SELECT notes FROM skill"));
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND"
                                " name IN ('activity_by_strategy', 'activity_by_kind',"
                                " 'activity_by_community')"), ==, 3);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_index_info ('activity_by_community')"),
                   ==, 8);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND"
                                " name GLOB 'activity_slot_*'"), ==, 3);
  g_assert_cmpint (raw_int (db, "SELECT sum(activities) FROM activity_slot"), ==, 3000);
  g_assert_cmpint (raw_int (db, "SELECT sum(minutes) FROM activity_slot"), ==,
                   raw_int (db, "SELECT sum(minutes) FROM activity"));

  /* The data as it was. */
  activities_after = file_text (db, activities_text);
  g_assert_cmpstr (activities_after, ==, activities);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM activity_skill WHERE skill_id = 1"), ==, 300);
  loaded = load_ok (store, GUILD_RECORD_COMMUNITY, community_id);
  assert_records_equal (community, loaded);
  g_clear_object (&loaded);
  loaded = load_ok (store, GUILD_RECORD_CONTACT, contact_id);
  assert_records_equal (contact, loaded);
  g_clear_object (&loaded);
  skill = load_ok (store, GUILD_RECORD_SKILL, 1);
  g_assert_cmpstr (guild_record_get_text (skill, "name"), ==, "SQL");
  g_assert_cmpint (guild_record_get_int (skill, "level"), ==, 2);
  g_assert_cmpint (guild_record_get_int (skill, "target-level"), ==, 4);
  g_assert_cmpstr (guild_record_get_text (skill, "evidence"), ==,
                   "https://example.org/sql-notes\nA dashboard project");
  g_assert_cmpstr (guild_record_get_text (skill, "notes"), ==, "");

  /* The same figures, now from activity_slot. */
  after = metrics_utc (store, TRUE);
  g_assert_cmpuint (after->n_weeks, ==, before->n_weeks);
  g_assert_cmpmem (after->weeks, after->n_weeks * sizeof (GuildMetricsWeek),
                   before->weeks, before->n_weeks * sizeof (GuildMetricsWeek));
  g_assert_cmpmem (&after->totals, sizeof (GuildMetricsWeek),
                   &before->totals, sizeof (GuildMetricsWeek));

  /* Notes are written and read back. */
  guild_record_set_text (skill, "notes", "Practise window functions.\nAsk Anna about dbt.");
  g_assert_true (guild_store_update (store, skill, &error));
  g_assert_no_error (error);
  loaded = load_ok (store, GUILD_RECORD_SKILL, 1);
  assert_records_equal (skill, loaded);
  g_clear_object (&loaded);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_integrity_check"
                                " WHERE integrity_check != 'ok'"), ==, 0);
  g_clear_object (&store);
  g_assert_cmpint (file_int (f->path, "PRAGMA user_version"), ==, 2);

  /* The backup is the version 1 file, whole. */
  g_assert_cmpuint (count_matching_files (f->dir, "guild.db.v1-*.bak", &backup), ==, 1);
  g_assert_cmpint (file_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (file_int (backup, "SELECT count(*) FROM activity"), ==, 3000);
  g_assert_cmpint (file_int (backup, "SELECT count(*) FROM sqlite_master"
                                     " WHERE name = 'activity_slot'"), ==, 0);
  db = raw_open (backup);
  g_assert_false (raw_can_prepare (db, "SELECT notes FROM skill"));
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* A version 3 file is refused, left alone and not backed up. */
  db = raw_open (f->path);
  raw_exec (db, "PRAGMA user_version = 3");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_clear_error (&error);
  g_assert_cmpint (file_int (f->path, "PRAGMA user_version"), ==, 3);
  g_assert_cmpuint (count_matching_files (f->dir, "*.bak", NULL), ==, 1);
}

/* Section: files that cannot be used */

/* Opens @path, expecting @code, and checks the file was left alone. */
static void
assert_open_fails (const char      *path,
                   GuildStoreFlags  flags,
                   GuildStoreError  code)
{
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = guild_store_open (path, flags, &error);
  g_assert_error (error, GUILD_STORE_ERROR, code);
  g_assert_null (store);
  g_assert_cmpstr (error->message, !=, "");

  assert_file_unchanged (path, before);
}

/* Moves the unusable file aside with its -wal and -shm, then checks that a
 * fresh database starts at the same path. */
static void
assert_move_aside_and_start_over (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm" };
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) moved_bytes = NULL;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;

  /* What a crashed writer could leave beside the file. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (!sibling_exists (path, suffixes[i]))
      {
        g_autofree char *sibling = g_strconcat (path, suffixes[i], NULL);

        write_file (sibling, suffixes[i], -1);
      }

  g_assert_true (guild_store_move_aside (path, &moved, &error));
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  g_assert_cmpstr (moved, !=, path);
  g_assert_true (g_str_has_prefix (moved, path));

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  moved_bytes = read_bytes (moved);
  g_assert_true (g_bytes_equal (moved_bytes, before));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_assert_false (sibling_exists (path, suffixes[i]));
      g_assert_true (sibling_exists (moved, suffixes[i]));
    }

  store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (guild_store_get_schema_version (store), ==, GUILD_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, 0);
  add_owned (store, GUILD_RECORD (guild_contact_new ("A fresh start")));
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, 1);

  /* The damaged file is still there, untouched. */
  g_clear_pointer (&moved_bytes, g_bytes_unref);
  moved_bytes = read_bytes (moved);
  g_assert_true (g_bytes_equal (moved_bytes, before));
}

static void
test_bad_text_file (Fixture       *f,
                    gconstpointer  data)
{
  write_file (f->path, "hello", -1);

  assert_open_fails (f->path, GUILD_STORE_FLAGS_NONE, GUILD_STORE_ERROR_CORRUPT);
  assert_open_fails (f->path, GUILD_STORE_FLAGS_EXCLUSIVE, GUILD_STORE_ERROR_CORRUPT);
  g_assert_false (sibling_exists (f->path, "-wal"));
  g_assert_false (sibling_exists (f->path, "-journal"));

  assert_move_aside_and_start_over (f->path);
}

static void
test_bad_random_bytes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  g_autofree char *noise = g_malloc (16384);

  for (guint i = 0; i < 16384; i++)
    noise[i] = (char) g_rand_int_range (rand, 0, 256);
  /* Make sure it does not start like anything known. */
  noise[0] = (char) 0xfe;
  noise[1] = (char) 0x01;
  write_file (f->path, noise, 16384);

  assert_open_fails (f->path, GUILD_STORE_FLAGS_NONE, GUILD_STORE_ERROR_CORRUPT);
  g_assert_false (sibling_exists (f->path, "-wal"));

  assert_move_aside_and_start_over (f->path);
}

static void
test_bad_other_program (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *journal_mode = NULL;
  sqlite3 *db;

  /* Someone else's SQLite file, in rollback-journal mode, no user_version. */
  db = raw_open (f->path);
  raw_exec (db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                "INSERT INTO notes (body) VALUES ('keep me');");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  assert_open_fails (f->path, GUILD_STORE_FLAGS_NONE, GUILD_STORE_ERROR_CORRUPT);
  g_assert_false (sibling_exists (f->path, "-wal"));

  db = raw_open (f->path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM notes WHERE body = 'keep me'"), ==, 1);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 0);
  journal_mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "delete");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* Another program's file that has a schema version but not our id. */
  db = raw_open (other);
  raw_exec (db, "CREATE TABLE t (x); PRAGMA user_version = 1; PRAGMA application_id = 1234;");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_open_fails (other, GUILD_STORE_FLAGS_NONE, GUILD_STORE_ERROR_CORRUPT);

  assert_move_aside_and_start_over (f->path);
}

static void
test_bad_damaged (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 page_size, contact_root;
  gboolean reported = FALSE;

  /* A populated database, checkpointed into the main file. */
  store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (guild_store_begin (store, &error));
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(GuildRecord) contact = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
      g_autofree char *name = g_strdup_printf ("Contact %u", i);

      g_object_set (contact,
                    "full-name", name,
                    "notes", "Some notes long enough to fill a few pages of the table.",
                    "emails", (const char * const []) { "someone@example.org", NULL },
                    NULL);
      add_record (store, contact);
    }
  g_assert_true (guild_store_commit (store, &error));
  g_assert_no_error (error);
  page_size = store_int (store, "PRAGMA page_size");
  contact_root = store_int (store, "SELECT rootpage FROM sqlite_master WHERE name = 'contact'");
  g_clear_object (&store);
  g_assert_false (sibling_exists (f->path, "-wal"));

  /* Garbage over the second page and over the contact table's root. */
  g_file_get_contents (f->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (page_size, ==, 4096);
  g_assert_cmpuint (length, >=, (gsize) contact_root * page_size);
  g_assert_cmpint (contact_root, >, 1);
  memset (contents + 4096, 0xa5, 4096);
  memset (contents + (contact_root - 1) * page_size, 0xa5, page_size);
  write_file (f->path, contents, length);
  before = read_bytes (f->path);

  /* Damage deep inside may only show when the pages are read. */
  store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    {
      g_test_message ("the damage was reported on opening");
      g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_CORRUPT);
      reported = TRUE;
    }
  else
    {
      g_test_message ("the damage was reported on listing");
      list = guild_store_list (store, GUILD_RECORD_CONTACT, NULL, &error);
      g_assert_null (list);
      g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_CORRUPT);
      reported = TRUE;
      g_clear_error (&error);
      g_clear_object (&store);
    }
  g_clear_error (&error);
  g_assert_true (reported);
  assert_file_unchanged (f->path, before);

  assert_move_aside_and_start_over (f->path);
}

static void
test_bad_read_only_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  add_owned (store, GUILD_RECORD (guild_contact_new ("Read only")));
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  assert_open_fails (f->path, GUILD_STORE_FLAGS_NONE, GUILD_STORE_ERROR_READ_ONLY);
  assert_open_fails (f->path, GUILD_STORE_FLAGS_EXCLUSIVE, GUILD_STORE_ERROR_READ_ONLY);
  g_assert_false (sibling_exists (f->path, "-wal"));

  /* With the permission back, it opens with its data. */
  g_assert_cmpint (g_chmod (f->path, 0600), ==, 0);
  store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, 1);
}

static void
test_bad_read_only_folder (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *new_path = g_build_filename (f->dir, "new.db", NULL);
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  add_owned (store, GUILD_RECORD (guild_contact_new ("Read-only folder")));
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);

  /* An existing database in the folder: its WAL could not be written. */
  assert_open_fails (f->path, GUILD_STORE_FLAGS_NONE, GUILD_STORE_ERROR_READ_ONLY);

  /* A new database in the folder. */
  store = guild_store_open (new_path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_READ_ONLY);
  g_assert_null (store);
  g_clear_error (&error);
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (guild_store_count (store, GUILD_RECORD_CONTACT), ==, 1);
}

static void
test_bad_locked_exclusive (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GuildStore) first = NULL;
  g_autoptr(GuildStore) third = NULL;
  g_autoptr(GError) error = NULL;

  first = guild_store_open (f->path, GUILD_STORE_FLAGS_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  add_owned (first, GUILD_RECORD (guild_contact_new ("Held")));

  assert_open_fails (f->path, GUILD_STORE_FLAGS_EXCLUSIVE, GUILD_STORE_ERROR_LOCKED);

  /* The first store is unharmed by the attempt. */
  g_assert_cmpuint (guild_store_count (first, GUILD_RECORD_CONTACT), ==, 1);
  add_owned (first, GUILD_RECORD (guild_contact_new ("Still writable")));
  g_clear_object (&first);

  third = guild_store_open (f->path, GUILD_STORE_FLAGS_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (third);
  g_assert_cmpuint (guild_store_count (third, GUILD_RECORD_CONTACT), ==, 2);
}

static void
test_bad_locked_busy (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GuildRecord) community = guild_record_new_for_kind (GUILD_RECORD_COMMUNITY);
  g_autoptr(GuildRecord) loaded = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  gint64 held, started, elapsed;
  sqlite3 *other;

  held = add_owned (f->store, GUILD_RECORD (guild_contact_new ("Before the lock")));
  guild_record_set_text (community, "name", "Blocked");

  other = raw_open (f->path);
  raw_exec (other, "BEGIN EXCLUSIVE");
  before = read_bytes (f->path);

  started = g_get_monotonic_time ();
  g_assert_false (guild_store_add (f->store, community, &error));
  elapsed = g_get_monotonic_time () - started;
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (guild_record_get_id (community), ==, 0);
  /* It waited for the busy timeout before giving up. */
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC);
  assert_file_unchanged (f->path, before);

  /* Reading goes on beside the writer (WAL). */
  loaded = load_ok (f->store, GUILD_RECORD_CONTACT, held);
  g_assert_cmpstr (guild_record_get_text (loaded, "full-name"), ==, "Before the lock");

  raw_exec (other, "ROLLBACK");
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);

  /* Once the other program lets go, the same write succeeds. */
  add_record (f->store, community);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_COMMUNITY), ==, 1);
}

static void
test_bad_too_new (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  add_owned (store, GUILD_RECORD (guild_contact_new ("From the future")));
  g_clear_object (&store);

  db = raw_open (f->path);
  raw_exec (db, "PRAGMA user_version = 99");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  assert_open_fails (f->path, GUILD_STORE_FLAGS_NONE, GUILD_STORE_ERROR_TOO_NEW);
  assert_open_fails (f->path, GUILD_STORE_FLAGS_EXCLUSIVE, GUILD_STORE_ERROR_TOO_NEW);

  /* Never downgraded, never backed up, never migrated. */
  g_assert_cmpint (file_int (f->path, "PRAGMA user_version"), ==, 99);
  g_assert_cmpint (file_int (f->path, "SELECT count(*) FROM contact"), ==, 1);
  g_assert_cmpuint (count_matching_files (f->dir, "*.bak", NULL), ==, 0);
}

static void
test_describe_error (void)
{
  static const GuildStoreError codes[] = {
    GUILD_STORE_ERROR_FAILED,
    GUILD_STORE_ERROR_CORRUPT,
    GUILD_STORE_ERROR_READ_ONLY,
    GUILD_STORE_ERROR_LOCKED,
    GUILD_STORE_ERROR_TOO_NEW,
    GUILD_STORE_ERROR_INVALID,
    GUILD_STORE_ERROR_NOT_FOUND,
    GUILD_STORE_ERROR_IO,
  };
  const char *path = "/home/someone/.local/share/guild/guild.db";
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (GUILD_STORE_ERROR, codes[i],
                                                     "sqlite: database disk image is malformed");
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      g_autofree char *title_only = NULL;
      g_autofree char *pathless_body = NULL;
      g_autofree char *pathless_title = NULL;

      title = guild_store_describe_error (error, path, &body);
      g_assert_nonnull (title);
      g_assert_nonnull (body);
      g_assert_cmpstr (title, !=, "");
      g_assert_cmpstr (body, !=, "");
      g_assert_true (g_hash_table_add (titles, g_strdup (title)));

      title_only = guild_store_describe_error (error, path, NULL);
      g_assert_cmpstr (title_only, ==, title);

      pathless_title = guild_store_describe_error (error, NULL, &pathless_body);
      g_assert_cmpstr (pathless_title, !=, "");
      g_assert_cmpstr (pathless_body, !=, "");

      switch (codes[i])
        {
        case GUILD_STORE_ERROR_CORRUPT:
        case GUILD_STORE_ERROR_READ_ONLY:
        case GUILD_STORE_ERROR_LOCKED:
        case GUILD_STORE_ERROR_TOO_NEW:
        case GUILD_STORE_ERROR_IO:
          /* People see the file and what to do, not SQLite's words. */
          g_assert_nonnull (strstr (body, path));
          g_assert_null (strstr (body, "sqlite"));
          break;
        case GUILD_STORE_ERROR_NOT_FOUND:
          g_assert_null (strstr (body, "sqlite"));
          break;
        case GUILD_STORE_ERROR_FAILED:
        case GUILD_STORE_ERROR_INVALID:
        default:
          break;
        }
    }

  /* Errors of other domains get a general heading and their own message. */
  {
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, "Disk full");
    g_autofree char *body = NULL;
    g_autofree char *title = guild_store_describe_error (error, path, &body);

    g_assert_cmpstr (title, !=, "");
    g_assert_cmpstr (body, ==, "Disk full");
  }
}

/* Section: change announcements */

static void
on_store_changed_cb (GuildStore *store,
                     guint       kind,
                     gint64      id,
                     guint       change,
                     gpointer    user_data)
{
  GArray *changes = user_data;
  Change c = { kind, id, change };

  g_array_append_val (changes, c);
}

static void
assert_change (GArray          *changes,
               guint            index,
               GuildRecordKind  kind,
               gint64           id,
               GuildChange      change)
{
  const Change *c;

  g_assert_cmpuint (index, <, changes->len);
  c = &g_array_index (changes, Change, index);
  g_assert_cmpint (c->kind, ==, kind);
  g_assert_cmpint (c->id, ==, id);
  g_assert_cmpint (c->change, ==, change);
}

static void
test_changes_single (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GuildRecord) community = guild_record_new_for_kind (GUILD_RECORD_COMMUNITY);
  g_autoptr(GuildRecord) invalid = guild_record_new_for_kind (GUILD_RECORD_SKILL);
  g_autoptr(GuildRecord) profile = guild_record_new_for_kind (GUILD_RECORD_PROFILE);
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed_cb), changes);

  guild_record_set_text (community, "name", "Announced");
  id = add_record (f->store, community);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, GUILD_RECORD_COMMUNITY, id, GUILD_CHANGE_ADDED);

  guild_record_set_text (community, "status", "active");
  g_assert_true (guild_store_update (f->store, community, &error));
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 1, GUILD_RECORD_COMMUNITY, id, GUILD_CHANGE_CHANGED);

  g_assert_true (guild_store_save_singleton (f->store, profile, &error));
  g_assert_cmpuint (changes->len, ==, 3);
  assert_change (changes, 2, GUILD_RECORD_PROFILE, 1, GUILD_CHANGE_CHANGED);

  g_assert_true (guild_store_remove (f->store, GUILD_RECORD_COMMUNITY, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 3, GUILD_RECORD_COMMUNITY, id, GUILD_CHANGE_REMOVED);

  /* Writes that fail announce nothing. */
  g_assert_false (guild_store_add (f->store, invalid, &error));
  g_clear_error (&error);
  g_assert_false (guild_store_remove (f->store, GUILD_RECORD_COMMUNITY, id, &error));
  g_clear_error (&error);
  g_assert_false (guild_store_update (f->store, community, &error));
  g_clear_error (&error);
  g_assert_cmpuint (changes->len, ==, 4);
}

static void
test_changes_transaction (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GuildRecord) invalid = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GError) error = NULL;
  gint64 ids[3];
  gint64 old;

  old = add_owned (f->store, GUILD_RECORD (guild_skill_new ("Old skill")));
  g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed_cb), changes);

  g_assert_true (guild_store_begin (f->store, &error));
  g_assert_no_error (error);
  ids[0] = add_owned (f->store, GUILD_RECORD (guild_contact_new ("One")));
  ids[1] = add_owned (f->store, GUILD_RECORD (guild_contact_new ("Two")));
  /* A refused write inside does not spoil the transaction. */
  g_assert_false (guild_store_add (f->store, invalid, &error));
  g_clear_error (&error);
  ids[2] = add_owned (f->store, GUILD_RECORD (guild_community_new ("Three")));
  g_assert_true (guild_store_remove (f->store, GUILD_RECORD_SKILL, old, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);

  g_assert_true (guild_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 0, GUILD_RECORD_CONTACT, ids[0], GUILD_CHANGE_ADDED);
  assert_change (changes, 1, GUILD_RECORD_CONTACT, ids[1], GUILD_CHANGE_ADDED);
  assert_change (changes, 2, GUILD_RECORD_COMMUNITY, ids[2], GUILD_CHANGE_ADDED);
  assert_change (changes, 3, GUILD_RECORD_SKILL, old, GUILD_CHANGE_REMOVED);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 2);

  /* After the commit, writes are announced at once again. */
  add_owned (f->store, GUILD_RECORD (guild_skill_new ("New skill")));
  g_assert_cmpuint (changes->len, ==, 5);
}

static void
test_changes_rollback (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GuildRecord) existing = GUILD_RECORD (guild_community_new ("Before"));
  g_autoptr(GuildRecord) doomed = GUILD_RECORD (guild_community_new ("Doomed"));
  g_autoptr(GuildRecord) loaded = NULL;
  g_autoptr(GuildRecord) goals = guild_record_new_for_kind (GUILD_RECORD_GOALS);
  g_autoptr(GError) error = NULL;
  GuildStoreStats stats = { 0 };
  gint64 doomed_id;

  add_record (f->store, existing);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed_cb), changes);

  g_assert_true (guild_store_begin (f->store, &error));
  g_assert_no_error (error);
  doomed_id = add_record (f->store, doomed);
  guild_record_set_text (existing, "name", "Changed");
  g_assert_true (guild_store_update (f->store, existing, &error));
  add_owned (f->store, GUILD_RECORD (guild_contact_new ("Never was")));
  guild_record_set_int (goals, "sessions-per-week", 7);
  g_assert_true (guild_store_save_singleton (f->store, goals, &error));
  g_assert_no_error (error);
  guild_store_rollback (f->store);

  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_true (guild_store_get_stats (f->store, &stats, &error));
  g_assert_cmpuint (stats.communities, ==, 1);
  g_assert_cmpuint (stats.contacts, ==, 0);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_GOALS), ==, 0);
  assert_not_found (f->store, GUILD_RECORD_COMMUNITY, doomed_id);
  loaded = load_ok (f->store, GUILD_RECORD_COMMUNITY, guild_record_get_id (existing));
  g_assert_cmpstr (guild_record_get_text (loaded, "name"), ==, "Before");

  /* Rolling back twice, or outside a transaction, is harmless. */
  guild_store_rollback (f->store);
  g_assert_cmpuint (changes->len, ==, 0);

  /* The next write is announced at once. */
  add_owned (f->store, GUILD_RECORD (guild_skill_new ("After")));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpint (g_array_index (changes, Change, 0).kind, ==, GUILD_RECORD_SKILL);

  /* The next transaction announces its own writes only, nothing of the
   * rolled-back one. */
  g_array_set_size (changes, 0);
  g_assert_true (guild_store_begin (f->store, &error));
  g_assert_no_error (error);
  add_owned (f->store, GUILD_RECORD (guild_checkin_new ("2025-03-09")));
  g_assert_true (guild_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpint (g_array_index (changes, Change, 0).kind, ==, GUILD_RECORD_CHECKIN);
  g_assert_cmpint (g_array_index (changes, Change, 0).change, ==, GUILD_CHANGE_ADDED);
}

static void
test_changes_reset (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  gint64 community_ids[2];
  guint n_reset = 0, n_skill = 0;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed_cb), changes);

  /* 256 of a kind are still announced one by one. */
  g_assert_true (guild_store_begin (f->store, &error));
  for (guint i = 0; i < 256; i++)
    add_owned (f->store, GUILD_RECORD (guild_skill_new ("Skill")));
  g_assert_true (guild_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 256);
  for (guint i = 0; i < changes->len; i++)
    g_assert_cmpint (g_array_index (changes, Change, i).change, ==, GUILD_CHANGE_ADDED);
  g_array_set_size (changes, 0);

  /* 257 become one reset for that kind; other kinds are still itemised. */
  g_assert_true (guild_store_begin (f->store, &error));
  community_ids[0] = add_owned (f->store, GUILD_RECORD (guild_community_new ("First")));
  for (guint i = 0; i < 257; i++)
    add_owned (f->store, GUILD_RECORD (guild_skill_new ("Skill")));
  community_ids[1] = add_owned (f->store, GUILD_RECORD (guild_community_new ("Second")));
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_true (guild_store_commit (f->store, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < changes->len; i++)
    {
      const Change *c = &g_array_index (changes, Change, i);

      if (c->kind == GUILD_RECORD_SKILL)
        {
          n_skill++;
          if (c->change == GUILD_CHANGE_RESET)
            {
              n_reset++;
              g_assert_cmpint (c->id, ==, 0);
            }
        }
    }
  g_assert_cmpuint (n_reset, ==, 1);
  g_assert_cmpuint (n_skill, ==, 1);
  g_assert_cmpuint (changes->len, ==, 3);
  {
    guint first = g_array_index (changes, Change, 0).kind == GUILD_RECORD_SKILL ? 1 : 0;

    assert_change (changes, first, GUILD_RECORD_COMMUNITY, community_ids[0], GUILD_CHANGE_ADDED);
    assert_change (changes, first + 1, GUILD_RECORD_COMMUNITY, community_ids[1],
                   GUILD_CHANGE_ADDED);
  }
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_SKILL), ==, 256 + 257);
}

/* Section: lists */

typedef struct
{
  GPtrArray *records;
  GError    *error;
  gboolean   done;
  gboolean   timed_out;
} ListWait;

static void
on_list_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ListWait *wait = user_data;

  wait->records = guild_store_list_finish (GUILD_STORE (source), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
on_list_timeout_cb (gpointer user_data)
{
  ListWait *wait = user_data;

  g_test_fail_printf ("guild_store_list_async() did not call back within 10 seconds");
  wait->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs guild_store_list_async() and spins the main context until it ends. */
static GPtrArray *
list_async_wait (GuildStore       *store,
                 GuildRecordKind   kind,
                 GCancellable     *cancellable,
                 GError          **error)
{
  ListWait wait = { NULL, NULL, FALSE, FALSE };
  guint timeout_id;

  timeout_id = g_timeout_add_seconds (10, on_list_timeout_cb, &wait);
  guild_store_list_async (store, kind, cancellable, on_list_ready_cb, &wait);
  while (!wait.done && !wait.timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (wait.timed_out);
  g_clear_handle_id (&timeout_id, g_source_remove);

  g_assert_true ((wait.records == NULL) == (wait.error != NULL));
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.records;
}

static void
assert_list_matches_loads (GuildStore *store,
                           GPtrArray  *list,
                           const gint64 *ids,
                           guint        n_ids)
{
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, n_ids);

  for (guint i = 0; i < list->len; i++)
    {
      GuildRecord *record = g_ptr_array_index (list, i);
      g_autoptr(GuildRecord) loaded = NULL;

      g_assert_cmpint (guild_record_get_id (record), ==, ids[i]);
      loaded = load_ok (store, guild_record_get_kind (record), ids[i]);
      assert_records_equal (loaded, record);
      g_assert_cmpint (guild_record_get_created_at (record), ==,
                       guild_record_get_created_at (loaded));
      g_assert_cmpint (guild_record_get_updated_at (record), ==,
                       guild_record_get_updated_at (loaded));
    }
}

/* Contacts with differing lists, one removed in the middle; returns the ids
 * left, in order. */
static guint
add_list_data (GuildStore *store,
               Refs       *refs,
               gint64     *contact_ids,
               gint64     *event_ids)
{
  gint64 removed;
  guint n = 0;

  add_refs (store, refs);
  contact_ids[n++] = refs->contacts[0];
  contact_ids[n++] = refs->contacts[1];

  {
    g_autoptr(GuildRecord) full = make_full (GUILD_RECORD_CONTACT, refs);
    contact_ids[n++] = add_record (store, full);
  }
  {
    g_autoptr(GuildRecord) gone = make_full (GUILD_RECORD_CONTACT, refs);
    g_autoptr(GError) error = NULL;

    removed = add_record (store, gone);
    g_assert_true (guild_store_remove (store, GUILD_RECORD_CONTACT, removed, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GuildRecord) some = make_minimal (GUILD_RECORD_CONTACT);

    guild_record_set_strv (some, "tags", (const char * const []) { "only tags", NULL });
    set_ids1 (some, "communities", refs->communities[1]);
    contact_ids[n++] = add_record (store, some);
  }
  {
    g_autoptr(GuildRecord) last = make_full (GUILD_RECORD_CONTACT, refs);

    guild_record_set_strv (last, "emails",
                           (const char * const []) { "c@example.org", "b@example.org",
                                                     "a@example.org", NULL });
    contact_ids[n++] = add_record (store, last);
  }

  event_ids[0] = refs->event;
  {
    g_autoptr(GuildRecord) event = make_full (GUILD_RECORD_EVENT, refs);
    event_ids[1] = add_record (store, event);
  }

  return n;
}

static void
test_list_sync (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) skills = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GError) error = NULL;
  gint64 contact_ids[8], event_ids[2];
  guint n_contacts;
  Refs refs;

  n_contacts = add_list_data (f->store, &refs, contact_ids, event_ids);
  g_assert_cmpuint (n_contacts, ==, 5);

  contacts = guild_store_list (f->store, GUILD_RECORD_CONTACT, NULL, &error);
  g_assert_no_error (error);
  assert_list_matches_loads (f->store, contacts, contact_ids, n_contacts);
  /* The lists are really there, not left empty. */
  g_assert_cmpuint (g_strv_length ((char **) guild_record_get_strv (
                      g_ptr_array_index (contacts, 4), "emails")), ==, 3);
  g_assert_cmpuint (guild_record_get_ids (g_ptr_array_index (contacts, 2), "communities")->len,
                    ==, 2);
  g_assert_cmpstr (guild_record_get_strv (g_ptr_array_index (contacts, 3), "tags")[0], ==,
                   "only tags");
  g_assert_null (guild_record_get_strv (g_ptr_array_index (contacts, 3), "emails")[0]);

  events = guild_store_list (f->store, GUILD_RECORD_EVENT, NULL, &error);
  g_assert_no_error (error);
  assert_list_matches_loads (f->store, events, event_ids, 2);
  g_assert_cmpuint (guild_record_get_ids (g_ptr_array_index (events, 1), "attendees")->len, ==, 2);

  skills = guild_store_list (f->store, GUILD_RECORD_SKILL, NULL, &error);
  g_assert_no_error (error);
  assert_list_matches_loads (f->store, skills, refs.skills, 2);

  courses = guild_store_list (f->store, GUILD_RECORD_COURSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (courses);
  g_assert_cmpuint (courses->len, ==, 0);
}

static void
test_list_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) sync_contacts = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) skills = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GError) error = NULL;
  gint64 contact_ids[8], event_ids[2];
  guint n_contacts;
  Refs refs;

  n_contacts = add_list_data (f->store, &refs, contact_ids, event_ids);

  contacts = list_async_wait (f->store, GUILD_RECORD_CONTACT, NULL, &error);
  g_assert_no_error (error);
  assert_list_matches_loads (f->store, contacts, contact_ids, n_contacts);

  sync_contacts = guild_store_list (f->store, GUILD_RECORD_CONTACT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync_contacts->len, ==, contacts->len);
  for (guint i = 0; i < contacts->len; i++)
    assert_records_equal (g_ptr_array_index (sync_contacts, i), g_ptr_array_index (contacts, i));

  events = list_async_wait (f->store, GUILD_RECORD_EVENT, NULL, &error);
  g_assert_no_error (error);
  assert_list_matches_loads (f->store, events, event_ids, 2);

  skills = list_async_wait (f->store, GUILD_RECORD_SKILL, NULL, &error);
  g_assert_no_error (error);
  assert_list_matches_loads (f->store, skills, refs.skills, 2);

  courses = list_async_wait (f->store, GUILD_RECORD_COURSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (courses);
  g_assert_cmpuint (courses->len, ==, 0);
}

static void
test_list_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  /* With lists, without lists, and an empty table. */
  static const GuildRecordKind kinds[] = {
    GUILD_RECORD_CONTACT, GUILD_RECORD_SKILL, GUILD_RECORD_COURSE,
  };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 contact_ids[8], event_ids[2];
  Refs refs;

  add_list_data (f->store, &refs, contact_ids, event_ids);
  g_cancellable_cancel (cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GPtrArray) sync_list = NULL;
      g_autoptr(GPtrArray) async_list = NULL;
      g_autoptr(GError) sync_error = NULL;
      g_autoptr(GError) async_error = NULL;

      g_test_message ("listing %s", guild_record_kind_get_table (kinds[i]));

      sync_list = guild_store_list (f->store, kinds[i], cancellable, &sync_error);
      g_assert_null (sync_list);
      g_assert_error (sync_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      async_list = list_async_wait (f->store, kinds[i], cancellable, &async_error);
      g_assert_null (async_list);
      g_assert_error (async_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

/* Section: statistics */

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  static const guint counts[] = {
    [GUILD_RECORD_COMMUNITY] = 3,
    [GUILD_RECORD_CONTACT] = 4,
    [GUILD_RECORD_EVENT] = 2,
    [GUILD_RECORD_ACTIVITY] = 5,
    [GUILD_RECORD_CHECKIN] = 6,
    [GUILD_RECORD_SKILL] = 7,
    [GUILD_RECORD_COURSE] = 1,
  };
  g_autoptr(GError) error = NULL;
  GuildStoreStats stats;
  gint64 community_ids[3];

  /* Empty. */
  memset (&stats, 0xff, sizeof stats);
  g_assert_true (guild_store_get_stats (f->store, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.communities + stats.contacts + stats.events + stats.activities +
                    stats.checkins + stats.skills + stats.courses + stats.memberships +
                    stats.import_batches, ==, 0);

  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    for (guint i = 0; i < counts[k]; i++)
      {
        g_autoptr(GuildRecord) record = make_minimal (k);

        if (k == GUILD_RECORD_COMMUNITY)
          community_ids[i] = add_record (f->store, record);
        else if (k == GUILD_RECORD_CONTACT)
          {
            /* Contact i is a member of the first i communities: 0+1+2+3. */
            guild_record_set_ids (record, "communities", community_ids, i);
            add_record (f->store, record);
          }
        else
          add_record (f->store, record);
      }

  g_assert_true (guild_store_get_stats (f->store, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.communities, ==, 3);
  g_assert_cmpuint (stats.contacts, ==, 4);
  g_assert_cmpuint (stats.events, ==, 2);
  g_assert_cmpuint (stats.activities, ==, 5);
  g_assert_cmpuint (stats.checkins, ==, 6);
  g_assert_cmpuint (stats.skills, ==, 7);
  g_assert_cmpuint (stats.courses, ==, 1);
  g_assert_cmpuint (stats.memberships, ==, 6);
  g_assert_cmpuint (stats.import_batches, ==, 0);

  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    g_assert_cmpuint (guild_store_count (f->store, k), ==, counts[k]);

  /* A removal shows at once. */
  g_assert_true (guild_store_remove (f->store, GUILD_RECORD_COMMUNITY, community_ids[0], &error));
  g_assert_true (guild_store_get_stats (f->store, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.communities, ==, 2);
  g_assert_cmpuint (stats.memberships, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  static const GuildRecordKind crud_kinds[] = {
    GUILD_RECORD_COMMUNITY, GUILD_RECORD_CONTACT, GUILD_RECORD_EVENT, GUILD_RECORD_ACTIVITY,
    GUILD_RECORD_CHECKIN, GUILD_RECORD_SKILL, GUILD_RECORD_COURSE,
  };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (crud_kinds); i++)
    {
      g_autofree char *name = g_strdup_printf ("/guild/store/crud/%s",
                                               guild_record_kind_get_table (crud_kinds[i]));

      g_test_add (name, Fixture, GUINT_TO_POINTER (crud_kinds[i]),
                  set_up_open, test_crud, tear_down);
    }
  g_test_add ("/guild/store/crud/profile", Fixture, GUINT_TO_POINTER (GUILD_RECORD_PROFILE),
              set_up_open, test_crud_singleton, tear_down);
  g_test_add ("/guild/store/crud/goals", Fixture, GUINT_TO_POINTER (GUILD_RECORD_GOALS),
              set_up_open, test_crud_singleton, tear_down);
  g_test_add ("/guild/store/add-refused", Fixture, NULL,
              set_up_open, test_add_refused, tear_down);
  g_test_add ("/guild/store/remove/contact", Fixture, NULL,
              set_up_open, test_remove_contact, tear_down);
  g_test_add ("/guild/store/remove/community", Fixture, NULL,
              set_up_open, test_remove_community, tear_down);

  g_test_add ("/guild/store/constraints/raw", Fixture, NULL,
              set_up_open, test_constraints_raw, tear_down);
  g_test_add ("/guild/store/constraints/vocab", Fixture, NULL,
              set_up_open, test_constraints_vocab, tear_down);

  g_test_add ("/guild/store/migration/new-file", Fixture, NULL,
              set_up_bare, test_migration_new_file, tear_down);
  g_test_add ("/guild/store/migration/upgrade", Fixture, NULL,
              set_up_bare, test_migration_upgrade, tear_down);
  g_test_add ("/guild/store/migration/failed", Fixture, NULL,
              set_up_bare, test_migration_failed, tear_down);
  g_test_add ("/guild/store/migration/v1-to-v2", Fixture, NULL,
              set_up_bare, test_migration_v1_to_v2, tear_down);

  g_test_add ("/guild/store/bad/text-file", Fixture, NULL,
              set_up_bare, test_bad_text_file, tear_down);
  g_test_add ("/guild/store/bad/random-bytes", Fixture, NULL,
              set_up_bare, test_bad_random_bytes, tear_down);
  g_test_add ("/guild/store/bad/other-program", Fixture, NULL,
              set_up_bare, test_bad_other_program, tear_down);
  g_test_add ("/guild/store/bad/damaged", Fixture, NULL,
              set_up_bare, test_bad_damaged, tear_down);
  g_test_add ("/guild/store/bad/read-only-file", Fixture, NULL,
              set_up_bare, test_bad_read_only_file, tear_down);
  g_test_add ("/guild/store/bad/read-only-folder", Fixture, NULL,
              set_up_bare, test_bad_read_only_folder, tear_down);
  g_test_add ("/guild/store/bad/locked-exclusive", Fixture, NULL,
              set_up_bare, test_bad_locked_exclusive, tear_down);
  g_test_add ("/guild/store/bad/locked-busy", Fixture, NULL,
              set_up_open, test_bad_locked_busy, tear_down);
  g_test_add ("/guild/store/bad/too-new", Fixture, NULL,
              set_up_bare, test_bad_too_new, tear_down);
  g_test_add_func ("/guild/store/describe-error", test_describe_error);

  g_test_add ("/guild/store/changes/single", Fixture, NULL,
              set_up_open, test_changes_single, tear_down);
  g_test_add ("/guild/store/changes/transaction", Fixture, NULL,
              set_up_open, test_changes_transaction, tear_down);
  g_test_add ("/guild/store/changes/rollback", Fixture, NULL,
              set_up_open, test_changes_rollback, tear_down);
  g_test_add ("/guild/store/changes/reset", Fixture, NULL,
              set_up_open, test_changes_reset, tear_down);

  g_test_add ("/guild/store/list/sync", Fixture, NULL,
              set_up_open, test_list_sync, tear_down);
  g_test_add ("/guild/store/list/async", Fixture, NULL,
              set_up_open, test_list_async, tear_down);
  g_test_add ("/guild/store/list/cancelled", Fixture, NULL,
              set_up_open, test_list_cancelled, tear_down);

  g_test_add ("/guild/store/stats", Fixture, NULL,
              set_up_open, test_stats, tear_down);

  return g_test_run ();
}
