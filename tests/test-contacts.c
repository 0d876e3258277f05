/* test-contacts.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* memmem */

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "guild-generate.h"
#include "guild-records.h"
#include "guild-store.h"
#include "guild-store-contacts.h"
#include "guild-store-private.h"
#include "guild-text.h"

typedef struct
{
  char       *dir;
  GuildStore *store;
  GArray     *changes;
} Fixture;

typedef struct
{
  GuildRecordKind kind;
  gint64          id;
  GuildChange     change;
} Change;

static void
on_store_changed_cb (GuildStore *store,
                     guint       kind,
                     gint64      id,
                     guint       change,
                     GArray     *changes)
{
  Change c = { kind, id, change };

  g_array_append_val (changes, c);
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("guild-contacts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed_cb), f->changes);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_strdup (guild_store_get_path (f->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_array_unref (f->changes);
}

static gboolean
has_change (Fixture         *f,
            GuildRecordKind  kind,
            gint64           id,
            GuildChange      change)
{
  for (guint i = 0; i < f->changes->len; i++)
    {
      const Change *c = &g_array_index (f->changes, Change, i);

      if (c->kind == kind && c->id == id && c->change == change)
        return TRUE;
    }

  return FALSE;
}

/* Section: text */

static void
assert_fold (const char *text,
             const char *expected)
{
  g_autofree char *folded = guild_text_fold (text);

  g_assert_cmpstr (folded, ==, expected);
}

static void
test_fold (void)
{
  assert_fold ("José", "jose");
  assert_fold ("décor", "decor");
  assert_fold ("Ольга", "ольга");
  assert_fold ("ОЛЬГА", "ольга");
  assert_fold ("Ёлка", "елка");
  assert_fold ("Straße", "strasse");
  assert_fold ("  Anna \t\n  Smith  ", "anna smith");
  assert_fold ("ﬁ", "fi");
  assert_fold ("", "");
  assert_fold (NULL, "");
  assert_fold ("\xff\xfe", "");
}

/* ASCII takes a shortcut: it must fold exactly as the general path does,
 * which a trailing non-ASCII word forces. */
static void
test_fold_ascii (void)
{
  static const char * const samples[] = {
    "Anna", "  ANNA  berg ", "a\tb\nc\rd\fe\vf", "\x1f\x1e", "x@Y.COM", "", "   ",
  };

  for (guint c = 1; c < 0x80; c++)
    for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
      {
        g_autofree char *text = g_strdup_printf ("%s%c%s", samples[i], (char) c, samples[i]);
        g_autofree char *slow_text = g_strconcat (text, " é", NULL);
        g_autofree char *fast = guild_text_fold (text);
        g_autofree char *slow = guild_text_fold (slow_text);
        g_autofree char *expected = g_strconcat (fast, *fast != '\0' ? " e" : "e", NULL);

        g_assert_cmpstr (slow, ==, expected);
      }
}

static gboolean
text_matches (const char *haystack,
              const char *needle)
{
  g_autofree char *h = guild_text_fold (haystack);
  g_autofree char *n = guild_text_fold (needle);

  return guild_text_matches (h, n);
}

static void
test_matches (void)
{
  g_assert_true (text_matches ("ольга", "Ольга"));
  g_assert_true (text_matches ("ОЛЬГА", "Ольга"));
  g_assert_true (text_matches ("Ольга Петрова", "ольга"));
  g_assert_true (text_matches ("José Álvarez", "Jose"));
  g_assert_true (text_matches ("José Álvarez", "álv"));
  g_assert_true (text_matches ("Anna Berg Engineer Google", "anna google"));
  g_assert_true (text_matches ("Anna Berg Engineer Google", "GOOGLE   anna"));
  g_assert_true (text_matches ("anything", ""));
  g_assert_true (text_matches ("", ""));
  g_assert_true (text_matches ("anything", "   "));
  g_assert_false (text_matches ("Anna Berg", "anna google"));
  g_assert_false (text_matches ("Ольга", "ольгаа"));
  g_assert_false (text_matches ("", "a"));
}

static void
test_search_text (void)
{
  g_autoptr(GuildContact) contact = guild_contact_new ("Anna Berg");
  GuildRecord *r = GUILD_RECORD (contact);
  const char *emails[] = { "Anna.Berg@Example.com", NULL };
  const char *tags[] = { "Rust", "Конференция", NULL };
  g_autofree char *text = NULL;

  guild_record_set_text (r, "company", "Google");
  guild_record_set_text (r, "position", "Staff Engineer");
  guild_record_set_text (r, "notes", "Met at the Zürich meetup");
  guild_record_set_text (r, "location", "Zürich");
  guild_record_set_strv (r, "emails", emails);
  guild_record_set_strv (r, "tags", tags);

  text = guild_contact_search_text (r);
  g_assert_cmpstr (text, ==,
                   "anna berg google staff engineer anna.berg@example.com rust конференция "
                   "met at the zurich meetup zurich");
  g_assert_true (guild_text_matches (text, "anna google"));
  g_assert_true (guild_text_matches (text, "example.com"));
  g_assert_true (guild_text_matches (text, "конференция"));

  {
    g_autofree char *needle = guild_text_fold ("ZÜRICH");

    g_assert_true (guild_text_matches (text, needle));
  }
}

static void
assert_url (const char *url,
            const char *expected)
{
  g_autofree char *key = guild_profile_url_normalize (url);

  g_assert_cmpstr (key, ==, expected);
}

static void
test_url_normalize (void)
{
  assert_url ("https://www.linkedin.com/in/anna-berg/", "linkedin.com/in/anna-berg");
  assert_url ("http://linkedin.com/in/Anna-Berg", "linkedin.com/in/anna-berg");
  assert_url ("linkedin.com/in/anna-berg?trk=public", "linkedin.com/in/anna-berg");
  assert_url ("HTTPS://UK.LinkedIn.com/in/anna-berg/details/experience/",
              "linkedin.com/in/anna-berg");
  assert_url ("https://www.linkedin.com/in/%D0%BE%D0%BB%D1%8C%D0%B3%D0%B0",
              "linkedin.com/in/ольга");
  assert_url ("https://GitHub.com/AnnaBerg/", "github.com/AnnaBerg");
  assert_url ("https://github.com/annaberg#readme", "github.com/annaberg");
  assert_url ("https://example.com:443///", "example.com");
  assert_url ("  https://www.example.com/anna  ", "example.com/anna");
  assert_url ("https://", "");
  assert_url ("", "");
  assert_url (NULL, "");
}

/* Section: keep in touch */

static void
assert_follow_up (const char *connected_on,
                  gint64      last,
                  int         cadence,
                  const char *tzid,
                  const char *expected)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tzid);
  GDate out;
  char buf[16];

  g_assert_nonnull (tz);
  g_date_clear (&out, 1);
  if (expected == NULL)
    {
      g_assert_false (guild_contact_next_follow_up (connected_on, last, cadence, tz, &out));
      return;
    }

  g_assert_true (guild_contact_next_follow_up (connected_on, last, cadence, tz, &out));
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &out);
  g_assert_cmpstr (buf, ==, expected);
}

static gint64
instant (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
test_follow_up (void)
{
  GDate today;

  /* Month ends and leap days. */
  assert_follow_up ("2024-01-31", 0, 29, "UTC", "2024-02-29");
  assert_follow_up ("2024-01-31", 0, 30, "UTC", "2024-03-01");
  assert_follow_up ("2023-01-31", 0, 29, "UTC", "2023-03-01");
  assert_follow_up ("2024-02-29", 0, 365, "UTC", "2025-02-28");
  assert_follow_up ("2024-12-31", 0, 1, "UTC", "2025-01-01");
  assert_follow_up ("2024-03-31", 0, 30, "UTC", "2024-04-30");

  /* The last interaction wins over the day met, counted in the time zone. */
  assert_follow_up ("2020-01-01", instant ("2024-03-31T22:30:00Z"), 7, "UTC", "2024-04-07");
  assert_follow_up ("2020-01-01", instant ("2024-03-31T22:30:00Z"), 7, "Europe/Moscow",
                    "2024-04-08");
  assert_follow_up ("", instant ("2024-02-28T12:00:00Z"), 1, "UTC", "2024-02-29");

  /* Without a cadence or a day to start from. */
  assert_follow_up ("2024-01-01", 0, 0, "UTC", NULL);
  assert_follow_up ("2024-01-01", instant ("2024-02-28T12:00:00Z"), 0, "UTC", NULL);
  assert_follow_up ("", 0, 30, "UTC", NULL);
  assert_follow_up (NULL, 0, 30, "UTC", NULL);
  assert_follow_up ("--05-01", 0, 30, "UTC", NULL);
  assert_follow_up ("2023-02-29", 0, 30, "UTC", NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, G_DATE_FEBRUARY, 2025);
  g_assert_true (guild_contact_is_due ("2024-02-29", 0, 365, NULL, &today));
  g_date_set_dmy (&today, 27, G_DATE_FEBRUARY, 2025);
  g_assert_false (guild_contact_is_due ("2024-02-29", 0, 365, NULL, &today));
  g_assert_false (guild_contact_is_due ("2024-02-29", 0, 0, NULL, &today));
  g_assert_false (guild_contact_is_due ("", 0, 30, NULL, &today));
  g_assert_true (guild_contact_is_due ("", instant ("2025-01-01T10:00:00Z"), 30, NULL, &today));
}

/* Section: store helpers */

static gint64
add_contact (Fixture    *f,
             const char *name,
             const char *company,
             const char *email,
             const char *url)
{
  g_autoptr(GuildContact) contact = guild_contact_new (name);
  g_autoptr(GError) error = NULL;
  const char *emails[] = { email, NULL };
  const char *urls[] = { url, NULL };

  guild_record_set_text (GUILD_RECORD (contact), "company", company != NULL ? company : "");
  if (email != NULL)
    guild_record_set_strv (GUILD_RECORD (contact), "emails", emails);
  if (url != NULL)
    guild_record_set_strv (GUILD_RECORD (contact), "urls", urls);
  guild_store_add (f->store, GUILD_RECORD (contact), &error);
  g_assert_no_error (error);

  return guild_record_get_id (GUILD_RECORD (contact));
}

static gint64
add_activity (Fixture      *f,
              gint64        at,
              const gint64 *contacts,
              guint         n_contacts)
{
  g_autoptr(GuildActivity) activity = guild_activity_new ("message", at);
  g_autoptr(GError) error = NULL;

  guild_record_set_ids (GUILD_RECORD (activity), "contacts", contacts, n_contacts);
  guild_store_add (f->store, GUILD_RECORD (activity), &error);
  g_assert_no_error (error);

  return guild_record_get_id (GUILD_RECORD (activity));
}

static gint64
add_community (Fixture    *f,
               const char *name)
{
  g_autoptr(GuildCommunity) community = guild_community_new (name);
  g_autoptr(GError) error = NULL;

  guild_store_add (f->store, GUILD_RECORD (community), &error);
  g_assert_no_error (error);

  return guild_record_get_id (GUILD_RECORD (community));
}

static gint64
add_event (Fixture      *f,
           const gint64 *attendees,
           guint         n_attendees)
{
  g_autoptr(GuildEvent) event = guild_event_new ("Meetup", 1700000000, 1700003600);
  g_autoptr(GError) error = NULL;

  guild_record_set_ids (GUILD_RECORD (event), "attendees", attendees, n_attendees);
  guild_store_add (f->store, GUILD_RECORD (event), &error);
  g_assert_no_error (error);

  return guild_record_get_id (GUILD_RECORD (event));
}

static GuildRecord *
load_contact (Fixture *f,
              gint64   id)
{
  g_autoptr(GError) error = NULL;
  GuildRecord *record = guild_store_load (f->store, GUILD_RECORD_CONTACT, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static const char * const contact_tables[][2] = {
  { "contact", "id" },
  { "contact_email", "contact_id" },
  { "contact_phone", "contact_id" },
  { "contact_url", "contact_id" },
  { "contact_tag", "contact_id" },
  { "membership", "contact_id" },
  { "activity_contact", "contact_id" },
  { "event_attendee", "contact_id" },
};

/* Every row of every table that mentions @a or @b, as text, in a stable
 * order: equal dumps are equal rows. */
static char *
dump_rows (Fixture *f,
           gint64   a,
           gint64   b)
{
  sqlite3 *db = _guild_store_get_db (f->store);
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (contact_tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s IN (?1, ?2)"
                                              " ORDER BY 1, 2, 3",
                                              contact_tables[t][0], contact_tables[t][1]);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, a);
      sqlite3_bind_int64 (stmt, 2, b);
      g_string_append_printf (out, "%s:\n", contact_tables[t][0]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (out, "%s|", text != NULL ? text : "NULL");
            }
          g_string_append_c (out, '\n');
        }
    }

  return g_string_free (out, FALSE);
}

static int
count_rows_mentioning (Fixture *f,
                       gint64   id)
{
  sqlite3 *db = _guild_store_get_db (f->store);
  int total = 0;

  for (guint t = 0; t < G_N_ELEMENTS (contact_tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ?1",
                                              contact_tables[t][0], contact_tables[t][1]);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      total += sqlite3_column_int (stmt, 0);
    }

  return total;
}

/* Section: store queries */

static void
test_last_interaction (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) last = NULL;
  g_autoptr(GError) error = NULL;
  gint64 anna = add_contact (f, "Anna", NULL, NULL, NULL);
  gint64 boris = add_contact (f, "Boris", NULL, NULL, NULL);
  gint64 vera = add_contact (f, "Vera", NULL, NULL, NULL);
  gint64 both[] = { anna, boris };

  add_activity (f, 1000, &anna, 1);
  add_activity (f, 3000, both, 2);
  add_activity (f, 2000, &anna, 1);
  add_activity (f, 500, &boris, 1);

  g_assert_true (guild_store_contacts_last_interaction (f->store, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (last), ==, 2);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (last, &anna), ==, 3000);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (last, &boris), ==, 3000);
  g_assert_null (g_hash_table_lookup (last, &vera));
}

static gboolean
has_pair (GPtrArray            *pairs,
          gint64                a,
          gint64                b,
          GuildDuplicateReason  reason)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      const GuildContactDuplicate *d = g_ptr_array_index (pairs, i);

      if (d->a == MIN (a, b) && d->b == MAX (a, b))
        return d->reason == reason;
    }

  return FALSE;
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 e1 = add_contact (f, "Anna Berg", NULL, "Anna@Example.com", NULL);
  gint64 e2 = add_contact (f, "A. Berg", NULL, "  anna@example.COM ", NULL);
  gint64 e3 = add_contact (f, "Анна", NULL, "anna@example.com", NULL);
  gint64 u1 = add_contact (f, "Ivan", NULL, NULL, "https://www.linkedin.com/in/ivan-p/");
  gint64 u2 = add_contact (f, "Ivan P", NULL, NULL, "linkedin.com/in/Ivan-P?trk=x");
  gint64 u3 = add_contact (f, "Gh", NULL, NULL, "http://github.com/gh/");
  gint64 u4 = add_contact (f, "Gh2", NULL, NULL, "https://www.github.com/gh");
  gint64 n1 = add_contact (f, "José Álvarez", "ACME Inc", NULL, NULL);
  gint64 n2 = add_contact (f, "jose  alvarez", "acme inc", NULL, NULL);
  gint64 both1 = add_contact (f, "Olga", "Yandex", "olga@ya.ru", NULL);
  gint64 both2 = add_contact (f, "OLGA", "yandex", "OLGA@ya.ru", NULL);
  gint64 distinct[6];

  /* Not duplicates: same name without a company, same company with another
   * name, similar addresses. */
  distinct[0] = add_contact (f, "Maria Lopez", NULL, "maria@a.com", NULL);
  distinct[1] = add_contact (f, "Maria Lopez", "", "maria@b.com", NULL);
  distinct[2] = add_contact (f, "Maria Lopez", "   ", NULL, "https://linkedin.com/in/maria-l");
  distinct[3] = add_contact (f, "Pedro Lopez", "ACME Inc", NULL,
                             "https://linkedin.com/in/maria-l2");
  distinct[4] = add_contact (f, "Someone", NULL, NULL, "https://github.com/gh/other");
  distinct[5] = add_contact (f, "Someone Else", NULL, NULL, "https://gitlab.com/gh");

  pairs = guild_store_find_duplicates (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pairs);

  g_assert_true (has_pair (pairs, e1, e2, GUILD_DUPLICATE_SAME_EMAIL));
  g_assert_true (has_pair (pairs, e1, e3, GUILD_DUPLICATE_SAME_EMAIL));
  g_assert_true (has_pair (pairs, u1, u2, GUILD_DUPLICATE_SAME_URL));
  g_assert_true (has_pair (pairs, u3, u4, GUILD_DUPLICATE_SAME_URL));
  g_assert_true (has_pair (pairs, n1, n2, GUILD_DUPLICATE_SAME_NAME_AND_COMPANY));
  /* Found twice (e-mail, then name and company): reported once. */
  g_assert_true (has_pair (pairs, both1, both2, GUILD_DUPLICATE_SAME_EMAIL));
  g_assert_cmpuint (pairs->len, ==, 6);

  for (guint i = 0; i < pairs->len; i++)
    {
      const GuildContactDuplicate *d = g_ptr_array_index (pairs, i);

      g_assert_cmpint (d->a, <, d->b);
      for (guint j = 0; j < G_N_ELEMENTS (distinct); j++)
        {
          g_assert_cmpint (d->a, !=, distinct[j]);
          g_assert_cmpint (d->b, !=, distinct[j]);
        }
    }
}

static void
test_duplicates_cancelled (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  GuildGenerateOptions options;

  guild_generate_options_init (&options);
  options.contacts = 200;
  options.activities = 0;
  options.events = 0;
  options.checkins = 0;
  g_assert_true (guild_generate (f->store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  pairs = guild_store_find_duplicates (f->store, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (pairs);
}

/* Section: merging */

typedef struct
{
  gint64 keep;
  gint64 drop;
  gint64 communities[3];
  gint64 activities[3];
  gint64 events[2];
} MergeData;

static void
make_merge_data (Fixture   *f,
                 MergeData *m)
{
  g_autoptr(GuildRecord) keep = NULL;
  g_autoptr(GuildRecord) drop = NULL;
  g_autoptr(GError) error = NULL;
  const char *keep_emails[] = { "anna@work.com", "Anna@Home.org", NULL };
  const char *drop_emails[] = { "anna@home.org", "anna@old.net", NULL };
  const char *keep_urls[] = { "https://linkedin.com/in/anna", NULL };
  const char *drop_urls[] = {
    "https://www.linkedin.com/in/Anna/", "https://github.com/anna", NULL
  };
  const char *drop_phones[] = { "+7 900 000 00 00", NULL };
  const char *keep_tags[] = { "rust", NULL };
  const char *drop_tags[] = { "Rust", "mentor", NULL };
  gint64 both[2];

  for (guint i = 0; i < G_N_ELEMENTS (m->communities); i++)
    {
      g_autofree char *name = g_strdup_printf ("Community %u", i);

      m->communities[i] = add_community (f, name);
    }

  m->keep = add_contact (f, "Anna Berg", NULL, NULL, NULL);
  m->drop = add_contact (f, "Anna B.", NULL, NULL, NULL);

  keep = load_contact (f, m->keep);
  guild_record_set_strv (keep, "emails", keep_emails);
  guild_record_set_strv (keep, "urls", keep_urls);
  guild_record_set_strv (keep, "tags", keep_tags);
  guild_record_set_text (keep, "notes", "Keep's notes");
  guild_record_set_text (keep, "position", "Engineer");
  guild_record_set_int (keep, "cadence-days", 30);
  guild_record_set_ids (keep, "communities", (gint64[]) { m->communities[0], m->communities[1] },
                        2);
  guild_store_update (f->store, keep, &error);
  g_assert_no_error (error);

  drop = load_contact (f, m->drop);
  guild_record_set_strv (drop, "emails", drop_emails);
  guild_record_set_strv (drop, "urls", drop_urls);
  guild_record_set_strv (drop, "phones", drop_phones);
  guild_record_set_strv (drop, "tags", drop_tags);
  guild_record_set_text (drop, "notes", "Drop's notes");
  guild_record_set_text (drop, "position", "Manager");
  guild_record_set_text (drop, "company", "Initech");
  guild_record_set_text (drop, "connected-on", "2024-02-29");
  guild_record_set_int (drop, "connection-quality", 4);
  guild_record_set_int (drop, "cadence-days", 90);
  guild_record_set_int (drop, "met-at-community", m->communities[2]);
  guild_record_set_ids (drop, "communities", (gint64[]) { m->communities[2], m->communities[1] },
                        2);
  guild_store_update (f->store, drop, &error);
  g_assert_no_error (error);

  both[0] = m->drop;
  both[1] = m->keep;
  m->activities[0] = add_activity (f, 1000, &m->keep, 1);
  m->activities[1] = add_activity (f, 2000, &m->drop, 1);
  m->activities[2] = add_activity (f, 3000, both, 2);
  m->events[0] = add_event (f, both, 2);
  m->events[1] = add_event (f, &m->drop, 1);
}

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return g_strv_contains (strv, value);
}

static int
count_links (Fixture    *f,
             const char *table,
             const char *column,
             gint64      owner,
             gint64      contact)
{
  sqlite3 *db = _guild_store_get_db (f->store);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ?1"
                                          " AND contact_id = ?2", table, column);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, owner);
  sqlite3_bind_int64 (stmt, 2, contact);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GuildContactMergeUndo) undo = NULL;
  g_autoptr(GuildRecord) keep_before = NULL;
  g_autoptr(GuildRecord) drop_before = NULL;
  g_autoptr(GuildRecord) merged = NULL;
  g_autoptr(GuildRecord) keep_after = NULL;
  g_autoptr(GuildRecord) drop_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  const char * const *strv;
  GArray *ids;
  MergeData m;

  make_merge_data (f, &m);
  keep_before = load_contact (f, m.keep);
  drop_before = load_contact (f, m.drop);
  rows_before = dump_rows (f, m.keep, m.drop);

  g_array_set_size (f->changes, 0);
  g_assert_true (guild_store_merge_contacts (f->store, m.keep, m.drop, &undo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (undo);

  g_assert_true (has_change (f, GUILD_RECORD_CONTACT, m.keep, GUILD_CHANGE_CHANGED));
  g_assert_true (has_change (f, GUILD_RECORD_CONTACT, m.drop, GUILD_CHANGE_REMOVED));
  g_assert_true (has_change (f, GUILD_RECORD_ACTIVITY, m.activities[1], GUILD_CHANGE_CHANGED));
  g_assert_true (has_change (f, GUILD_RECORD_ACTIVITY, m.activities[2], GUILD_CHANGE_CHANGED));
  g_assert_true (has_change (f, GUILD_RECORD_EVENT, m.events[1], GUILD_CHANGE_CHANGED));

  /* The drop is gone. */
  g_assert_null (guild_store_load (f->store, GUILD_RECORD_CONTACT, m.drop, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_rows_mentioning (f, m.drop), ==, 0);

  /* Nothing lost: keep's fields win, empty ones filled, lists combined. */
  merged = load_contact (f, m.keep);
  g_assert_cmpstr (guild_record_get_text (merged, "full-name"), ==, "Anna Berg");
  g_assert_cmpstr (guild_record_get_text (merged, "position"), ==, "Engineer");
  g_assert_cmpstr (guild_record_get_text (merged, "company"), ==, "Initech");
  g_assert_cmpstr (guild_record_get_text (merged, "connected-on"), ==, "2024-02-29");
  g_assert_cmpstr (guild_record_get_text (merged, "notes"), ==, "Keep's notes\n\nDrop's notes");
  g_assert_cmpint (guild_record_get_int (merged, "connection-quality"), ==, 4);
  g_assert_cmpint (guild_record_get_int (merged, "cadence-days"), ==, 30);
  g_assert_cmpint (guild_record_get_int (merged, "met-at-community"), ==, m.communities[2]);

  strv = guild_record_get_strv (merged, "emails");
  g_assert_cmpuint (g_strv_length ((char **) strv), ==, 3);
  g_assert_cmpstr (strv[0], ==, "anna@work.com");
  g_assert_cmpstr (strv[1], ==, "Anna@Home.org");
  g_assert_cmpstr (strv[2], ==, "anna@old.net");
  strv = guild_record_get_strv (merged, "urls");
  g_assert_cmpuint (g_strv_length ((char **) strv), ==, 2);
  g_assert_true (strv_has (strv, "https://linkedin.com/in/anna"));
  g_assert_true (strv_has (strv, "https://github.com/anna"));
  g_assert_true (strv_has (guild_record_get_strv (merged, "phones"), "+7 900 000 00 00"));
  strv = guild_record_get_strv (merged, "tags");
  g_assert_cmpuint (g_strv_length ((char **) strv), ==, 2);
  g_assert_cmpstr (strv[0], ==, "rust");
  g_assert_cmpstr (strv[1], ==, "mentor");

  ids = guild_record_get_ids (merged, "communities");
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, m.communities[0]);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, m.communities[1]);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, m.communities[2]);

  for (guint i = 0; i < G_N_ELEMENTS (m.activities); i++)
    g_assert_cmpint (count_links (f, "activity_contact", "activity_id", m.activities[i], m.keep),
                     ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (m.events); i++)
    g_assert_cmpint (count_links (f, "event_attendee", "event_id", m.events[i], m.keep), ==, 1);

  /* Undo: both back, byte for byte. */
  g_array_set_size (f->changes, 0);
  g_assert_true (guild_store_merge_undo (f->store, undo, &error));
  g_assert_no_error (error);
  g_assert_true (has_change (f, GUILD_RECORD_CONTACT, m.keep, GUILD_CHANGE_CHANGED));
  g_assert_true (has_change (f, GUILD_RECORD_CONTACT, m.drop, GUILD_CHANGE_ADDED));
  g_assert_true (has_change (f, GUILD_RECORD_ACTIVITY, m.activities[1], GUILD_CHANGE_CHANGED));

  keep_after = load_contact (f, m.keep);
  drop_after = load_contact (f, m.drop);
  g_assert_true (guild_record_fields_equal (keep_before, keep_after));
  g_assert_true (guild_record_fields_equal (drop_before, drop_after));
  g_assert_cmpint (guild_record_get_updated_at (keep_before), ==,
                   guild_record_get_updated_at (keep_after));
  rows_after = dump_rows (f, m.keep, m.drop);
  g_assert_cmpstr (rows_before, ==, rows_after);

  /* A second undo finds the id taken and changes nothing. */
  g_assert_false (guild_store_merge_undo (f->store, undo, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&rows_after, g_free);
  rows_after = dump_rows (f, m.keep, m.drop);
  g_assert_cmpstr (rows_before, ==, rows_after);
}

static void
test_merge_invalid (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GuildContactMergeUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  MergeData m;

  make_merge_data (f, &m);
  rows_before = dump_rows (f, m.keep, m.drop);
  g_array_set_size (f->changes, 0);

  g_assert_false (guild_store_merge_contacts (f->store, m.keep, m.keep, &undo, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (guild_store_merge_contacts (f->store, m.keep, 999999, &undo, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (guild_store_merge_contacts (f->store, 999999, m.drop, &undo, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (undo);
  g_assert_cmpuint (f->changes->len, ==, 0);
  rows_after = dump_rows (f, m.keep, m.drop);
  g_assert_cmpstr (rows_before, ==, rows_after);

  /* The store is usable afterwards: no transaction was left open. */
  add_contact (f, "After", NULL, NULL, NULL);
}

/* Section: forgetting */

static void
test_forget (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MergeData m;

  make_merge_data (f, &m);
  g_assert_cmpint (count_rows_mentioning (f, m.drop), >, 8);

  g_assert_true (guild_store_remove (f->store, GUILD_RECORD_CONTACT, m.drop, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows_mentioning (f, m.drop), ==, 0);

  /* The records the person was linked to stay, without them. */
  for (guint i = 0; i < G_N_ELEMENTS (m.activities); i++)
    {
      g_autoptr(GuildRecord) activity = guild_store_load (f->store, GUILD_RECORD_ACTIVITY,
                                                          m.activities[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (activity);
    }
  g_assert_cmpint (count_rows_mentioning (f, m.keep), >, 0);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
test_forget_file (Fixture       *f,
                  gconstpointer  data)
{
  static const char marker[] = "forget-me-7f3a9c";
  g_autoptr(GuildContact) contact = guild_contact_new ("Forgotten Person");
  g_autoptr(GError) error = NULL;
  const char *emails[] = { "forget-me-7f3a9c@example.com", NULL };
  g_autofree char *path = g_strdup (guild_store_get_path (f->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gint64 keep = add_contact (f, "Someone Else", NULL, "else@example.com", NULL);
  gint64 id;

  guild_record_set_text (GUILD_RECORD (contact), "notes", marker);
  guild_record_set_strv (GUILD_RECORD (contact), "emails", emails);
  guild_store_add (f->store, GUILD_RECORD (contact), &error);
  g_assert_no_error (error);
  id = guild_record_get_id (GUILD_RECORD (contact));
  add_activity (f, 1000, (gint64[]) { keep, id }, 2);

  g_assert_true (file_contains (path, marker) || file_contains (wal, marker));

  g_array_set_size (f->changes, 0);
  g_assert_true (guild_store_forget_contact (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_true (has_change (f, GUILD_RECORD_CONTACT, id, GUILD_CHANGE_REMOVED));
  g_assert_cmpint (count_rows_mentioning (f, id), ==, 0);
  g_assert_false (file_contains (path, marker));
  g_assert_false (file_contains (wal, marker));

  /* The store carries on as before. */
  g_assert_cmpint (count_rows_mentioning (f, keep), >, 0);
  add_contact (f, "After", NULL, NULL, NULL);

  g_assert_false (guild_store_forget_contact (f->store, 999999, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND);
}

/* Section: speed */

/* Times the two scans over a small generated database; run with -m perf
 * (and GUILD_BENCH_CONTACTS=100000) for numbers. */
static void
test_bench (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GHashTable) last = NULL;
  g_autoptr(GError) error = NULL;
  GuildGenerateOptions options;
  const char *env = g_getenv ("GUILD_BENCH_CONTACTS");
  gint64 start;

  guild_generate_options_init (&options);
  options.contacts = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 500;
  options.activities = options.contacts * 10;
  g_assert_true (guild_generate (f->store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  pairs = guild_store_find_duplicates (f->store, NULL, &error);
  g_assert_no_error (error);
  g_test_minimized_result ((g_get_monotonic_time () - start) / 1000.0,
                           "find_duplicates: %u contacts, %u pairs, %.1f ms",
                           options.contacts, pairs->len,
                           (g_get_monotonic_time () - start) / 1000.0);

  start = g_get_monotonic_time ();
  g_assert_true (guild_store_contacts_last_interaction (f->store, &last, &error));
  g_assert_no_error (error);
  g_test_minimized_result ((g_get_monotonic_time () - start) / 1000.0,
                           "last_interaction: %u activities, %.1f ms",
                           options.activities, (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (g_hash_table_size (last), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guild/contacts/fold", test_fold);
  g_test_add_func ("/guild/contacts/fold-ascii", test_fold_ascii);
  g_test_add_func ("/guild/contacts/matches", test_matches);
  g_test_add_func ("/guild/contacts/search-text", test_search_text);
  g_test_add_func ("/guild/contacts/url-normalize", test_url_normalize);
  g_test_add_func ("/guild/contacts/follow-up", test_follow_up);
  g_test_add ("/guild/contacts/last-interaction", Fixture, NULL,
              set_up, test_last_interaction, tear_down);
  g_test_add ("/guild/contacts/duplicates", Fixture, NULL, set_up, test_duplicates, tear_down);
  g_test_add ("/guild/contacts/duplicates-cancelled", Fixture, NULL,
              set_up, test_duplicates_cancelled, tear_down);
  g_test_add ("/guild/contacts/merge", Fixture, NULL, set_up, test_merge, tear_down);
  g_test_add ("/guild/contacts/merge-invalid", Fixture, NULL,
              set_up, test_merge_invalid, tear_down);
  g_test_add ("/guild/contacts/forget", Fixture, NULL, set_up, test_forget, tear_down);
  g_test_add ("/guild/contacts/forget-file", Fixture, NULL,
              set_up, test_forget_file, tear_down);
  g_test_add ("/guild/contacts/bench", Fixture, NULL, set_up, test_bench, tear_down);

  return g_test_run ();
}
