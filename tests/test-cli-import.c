/* test-cli-import.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "guild-store-import.h"
#include "guild-test-cli.h"
#include "import/guild-json.h"

/* `guildctl import` and `guildctl export`, run as a program against the
 * samples in tests/data/import, and checked against what the core itself
 * makes of the same files. */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("guild-cli-import-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
temp_path (Fixture    *f,
           const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static char *
sample_path (const char *name)
{
  return g_build_filename (GUILD_TEST_DATA_DIR, name, NULL);
}

/* Section: running guildctl */


/* Section: checking */

static GuildStoreStats
db_stats (const char *path)
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GuildStoreStats stats = { 0 };

  store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (guild_store_get_stats (store, &stats, &error));
  g_assert_no_error (error);

  return stats;
}

static void
assert_same_stats (const GuildStoreStats *a,
                   const GuildStoreStats *b)
{
  g_assert_cmpmem (a, sizeof *a, b, sizeof *b);
}

/* The one file of a `guildctl import --json` summary. */
static const GuildJsonNode *
only_file (const GuildJsonNode *root)
{
  const GuildJsonNode *files;

  g_assert_nonnull (root);
  g_assert_cmpint (guild_json_node_get_type (root), ==, GUILD_JSON_OBJECT);
  g_assert_cmpuint (guild_json_node_get_length (root), ==, 1);
  files = guild_json_object_get (root, "files");
  g_assert_nonnull (files);
  g_assert_cmpint (guild_json_node_get_type (files), ==, GUILD_JSON_ARRAY);
  g_assert_cmpuint (guild_json_node_get_length (files), ==, 1);

  return guild_json_node_get_element (files, 0);
}

static gint64
member_int (const GuildJsonNode *object,
            const char          *key)
{
  const GuildJsonNode *node = guild_json_object_get (object, key);

  g_assert_nonnull (node);
  g_assert_cmpint (guild_json_node_get_type (node), ==, GUILD_JSON_INT);
  return guild_json_node_get_int (node);
}

static const char *
member_string (const GuildJsonNode *object,
               const char          *key)
{
  const GuildJsonNode *node = guild_json_object_get (object, key);

  g_assert_nonnull (node);
  g_assert_cmpint (guild_json_node_get_type (node), ==, GUILD_JSON_STRING);
  return guild_json_node_get_string (node);
}

static GuildJsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  GuildJsonNode *root = guild_json_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  return root;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Section: tests */

/* Every sample, each into a database of its own: the counts, format and
 * skipped lines are what the core makes of the file. */
static void
test_samples (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  if (guild_test_skip_without_guildctl ())
    return;

  dir = g_dir_open (GUILD_TEST_DATA_DIR, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >=, 10);

  for (guint n = 0; n < names->len; n++)
    {
      const char *sample = g_ptr_array_index (names, n);
      g_autofree char *path = sample_path (sample);
      g_autofree char *expected_db = NULL;
      g_autofree char *db = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GuildImportResult) result = NULL;
      g_autoptr(GuildImportPreview) preview = NULL;
      g_autoptr(GuildStore) store = NULL;
      g_autoptr(GuildJsonNode) root = NULL;
      g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
      g_auto(GuildTestRun) run = { 0 };
      const GuildJsonNode *summary;
      const GuildJsonNode *errors;
      GuildStoreStats stats;
      guint taken;
      int expected_status;

      g_test_message ("Sample %s", sample);
      expected_db = g_strdup_printf ("%s/expected-%u.db", f->dir, n);
      db = g_strdup_printf ("%s/cli-%u.db", f->dir, n);

      /* What the core gives on an empty database. */
      result = guild_import_parse_file (file, GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
      g_assert_no_error (error);
      store = guild_store_open (expected_db, GUILD_STORE_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_assert_true (guild_store_import_preview (store, result, &preview, NULL, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < result->skipped->len; i++)
        g_array_append_val (lines, g_array_index (result->skipped, GuildImportIssue, i).line);
      for (guint i = 0; i < preview->entries->len; i++)
        {
          const GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                                 GuildImportPreviewEntry, i);
          const GuildImportItem *item = g_ptr_array_index (result->items, entry->item);

          if (entry->action == GUILD_IMPORT_ACTION_SKIP)
            g_array_append_val (lines, item->line);
        }
      g_array_sort (lines, compare_uint);

      taken = preview->added + preview->updated + preview->unchanged;
      expected_status = taken == 0 ? 2 : preview->skipped > 0 ? 1 : 0;

      guild_test_run_guildctl (&run, "--db", db, "import", "--json", path, NULL);
      g_assert_cmpint (run.status, ==, expected_status);

      root = parse_json (run.out);
      summary = only_file (root);
      g_assert_cmpstr (member_string (summary, "file"), ==, path);
      g_assert_cmpstr (member_string (summary, "format"), ==,
                       guild_import_format_to_string (result->format));
      g_assert_cmpint (member_int (summary, "added"), ==, preview->added);
      g_assert_cmpint (member_int (summary, "updated"), ==, preview->updated);
      g_assert_cmpint (member_int (summary, "unchanged"), ==, preview->unchanged);
      g_assert_cmpint (member_int (summary, "skipped"), ==, preview->skipped);

      errors = guild_json_object_get (summary, "errors");
      g_assert_nonnull (errors);
      g_assert_cmpuint (guild_json_node_get_length (errors), ==, lines->len);
      g_assert_cmpuint (lines->len, ==, preview->skipped);
      for (guint i = 0; i < lines->len; i++)
        {
          const GuildJsonNode *issue = guild_json_node_get_element (errors, i);

          g_assert_cmpint (member_int (issue, "line"), ==, g_array_index (lines, guint, i));
          g_assert_cmpstr (member_string (issue, "message"), !=, "");
        }

      /* It was written, as one import batch. */
      stats = db_stats (db);
      g_assert_cmpuint (stats.import_batches, ==, 1);
      g_assert_cmpuint (stats.contacts + stats.events, >, 0);
    }
}

static void
test_bad_rows (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *db = temp_path (f, "guild.db");
  g_autofree char *path = sample_path ("thunderbird.vcf");
  g_autoptr(GuildJsonNode) root = NULL;
  g_auto(GuildTestRun) json = { 0 };
  g_auto(GuildTestRun) text = { 0 };
  const GuildJsonNode *summary;
  const GuildJsonNode *errors;

  if (guild_test_skip_without_guildctl ())
    return;

  /* Line 16 starts a card with no name, line 21 one cut off before END:VCARD. */
  guild_test_run_guildctl (&json, "--db", db, "import", "--json", path, NULL);
  g_assert_cmpint (json.status, ==, 1);
  root = parse_json (json.out);
  summary = only_file (root);
  g_assert_cmpint (member_int (summary, "added"), ==, 2);
  g_assert_cmpint (member_int (summary, "skipped"), ==, 2);
  errors = guild_json_object_get (summary, "errors");
  g_assert_cmpuint (guild_json_node_get_length (errors), ==, 2);
  g_assert_cmpint (member_int (guild_json_node_get_element (errors, 0), "line"), ==, 16);
  g_assert_cmpint (member_int (guild_json_node_get_element (errors, 1), "line"), ==, 21);

  /* The text summary names the lines too; the contacts are now stored. */
  guild_test_run_guildctl (&text, "--db", db, "import", path, NULL);
  g_assert_cmpint (text.status, ==, 1);
  g_assert_nonnull (strstr (text.out, "thunderbird.vcf"));
  g_assert_nonnull (strstr (text.out, "vCard"));
  g_assert_nonnull (strstr (text.out, "0 added"));
  g_assert_nonnull (strstr (text.out, "2 unchanged"));
  g_assert_nonnull (strstr (text.out, "2 skipped"));
  g_assert_nonnull (strstr (text.out, "line 16: "));
  g_assert_nonnull (strstr (text.out, "line 21: "));
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *db = temp_path (f, "guild.db");
  g_autofree char *fresh = temp_path (f, "fresh.db");
  g_autofree char *vcf = sample_path ("google-3.0.vcf");
  g_autofree char *csv = sample_path ("linkedin-connections.csv");
  g_autoptr(GuildJsonNode) root = NULL;
  g_auto(GuildTestRun) setup = { 0 };
  g_auto(GuildTestRun) dry = { 0 };
  g_auto(GuildTestRun) dry_fresh = { 0 };
  GuildStoreStats before;
  GuildStoreStats after;

  if (guild_test_skip_without_guildctl ())
    return;

  guild_test_run_guildctl (&setup, "--db", db, "import", vcf, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  before = db_stats (db);

  guild_test_run_guildctl (&dry, "--db", db, "import", "--dry-run", "--json", csv, NULL);
  g_assert_cmpint (dry.status, ==, 1);
  root = parse_json (dry.out);
  g_assert_cmpint (member_int (only_file (root), "added"), >, 0);
  after = db_stats (db);
  assert_same_stats (&before, &after);

  /* A dry run does not even create a database that was not there. */
  guild_test_run_guildctl (&dry_fresh, "--db", fresh, "import", "--dry-run", vcf, NULL);
  g_assert_cmpint (dry_fresh.status, ==, 0);
  g_assert_nonnull (strstr (dry_fresh.out, "2 added"));
  g_assert_nonnull (strstr (dry_fresh.out, "nothing was written"));
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

static void
test_reimport_ics (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db = temp_path (f, "guild.db");
  g_autofree char *ics = sample_path ("google-calendar.ics");
  g_autoptr(GuildJsonNode) first_root = NULL;
  g_autoptr(GuildJsonNode) second_root = NULL;
  g_auto(GuildTestRun) first = { 0 };
  g_auto(GuildTestRun) second = { 0 };
  const GuildJsonNode *summary;
  GuildStoreStats before;
  GuildStoreStats after;
  gint64 added;

  if (guild_test_skip_without_guildctl ())
    return;

  guild_test_run_guildctl (&first, "--db", db, "import", "--json", ics, NULL);
  g_assert_cmpint (first.status, ==, 0);
  first_root = parse_json (first.out);
  added = member_int (only_file (first_root), "added");
  g_assert_cmpint (added, >, 0);
  before = db_stats (db);
  g_assert_cmpint (before.events, ==, added);

  guild_test_run_guildctl (&second, "--db", db, "import", "--json", ics, NULL);
  g_assert_cmpint (second.status, ==, 0);
  second_root = parse_json (second.out);
  summary = only_file (second_root);
  g_assert_cmpint (member_int (summary, "added"), ==, 0);
  g_assert_cmpint (member_int (summary, "updated") + member_int (summary, "unchanged"), ==,
                   added);
  after = db_stats (db);
  g_assert_cmpuint (after.events, ==, before.events);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *db = temp_path (f, "guild.db");
  g_autofree char *notes = temp_path (f, "notes.txt");
  g_autofree char *missing = temp_path (f, "missing.vcf");
  g_autofree char *folder = temp_path (f, "folder");
  g_autofree char *vcf = sample_path ("google-3.0.vcf");
  g_autoptr(GuildJsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GuildTestRun) setup = { 0 };
  g_auto(GuildTestRun) mixed = { 0 };
  g_auto(GuildTestRun) all_bad = { 0 };
  g_auto(GuildTestRun) none = { 0 };
  g_auto(GuildTestRun) bogus = { 0 };
  g_auto(GuildTestRun) untouched = { 0 };
  const char *bad[] = { notes, missing, folder };
  GuildStoreStats before;
  GuildStoreStats after;

  if (guild_test_skip_without_guildctl ())
    return;

  g_assert_true (g_file_set_contents (notes, "Remember to call Anna about the meetup\n"
                                      "and bring the slides\n", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  guild_test_run_guildctl (&setup, "--db", db, "import", vcf, NULL);
  g_assert_cmpint (setup.status, ==, 0);
  before = db_stats (db);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *base = g_path_get_basename (bad[i]);
      g_auto(GuildTestRun) run = { 0 };

      guild_test_run_guildctl (&run, "--db", db, "import", bad[i], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, base));
      after = db_stats (db);
      assert_same_stats (&before, &after);
    }

  /* Each unreadable file is one error at line 0 in the JSON summary. */
  guild_test_run_guildctl (&all_bad, "--db", db, "import", "--json", notes, missing, folder, NULL);
  g_assert_cmpint (all_bad.status, ==, 2);
  root = parse_json (all_bad.out);
  {
    const GuildJsonNode *files = guild_json_object_get (root, "files");

    g_assert_cmpuint (guild_json_node_get_length (files), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        const GuildJsonNode *summary = guild_json_node_get_element (files, i);
        const GuildJsonNode *errors = guild_json_object_get (summary, "errors");

        g_assert_cmpstr (member_string (summary, "file"), ==, bad[i]);
        g_assert_cmpint (member_int (summary, "added"), ==, 0);
        g_assert_cmpint (member_int (summary, "skipped"), ==, 0);
        g_assert_cmpuint (guild_json_node_get_length (errors), ==, 1);
        g_assert_cmpint (member_int (guild_json_node_get_element (errors, 0), "line"), ==, 0);
        g_assert_cmpstr (member_string (guild_json_node_get_element (errors, 0), "message"), !=,
                         "");
      }
  }
  after = db_stats (db);
  assert_same_stats (&before, &after);

  /* A good file beside a bad one is imported: only part of the work failed. */
  guild_test_run_guildctl (&mixed, "--db", db, "import", missing, vcf, NULL);
  g_assert_cmpint (mixed.status, ==, 1);

  /* Bad files never create a database. */
  {
    g_autofree char *fresh = temp_path (f, "fresh.db");

    guild_test_run_guildctl (&untouched, "--db", fresh, "import", notes, NULL);
    g_assert_cmpint (untouched.status, ==, 2);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }

  guild_test_run_guildctl (&none, "--db", db, "import", NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "guildctl import --help"));

  guild_test_run_guildctl (&bogus, "--db", db, "import", "--bogus", vcf, NULL);
  g_assert_cmpint (bogus.status, ==, 2);
  g_assert_nonnull (strstr (bogus.err, "--bogus"));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *db = temp_path (f, "guild.db");
  g_autofree char *missing_db = temp_path (f, "missing.db");
  g_autofree char *vcf_out = temp_path (f, "out.vcf");
  g_autofree char *json_out = temp_path (f, "out.json");
  g_autofree char *sample = sample_path ("google-3.0.vcf");
  g_autoptr(GuildJsonNode) root = NULL;
  g_autoptr(GString) compact = g_string_new (NULL);
  g_auto(GuildTestRun) setup = { 0 };
  g_auto(GuildTestRun) json = { 0 };
  g_autofree char *ics_out = temp_path (f, "out.ics");
  g_autofree char *vcf_text = NULL;
  g_auto(GStrv) cards = NULL;
  g_auto(GuildTestRun) vcard = { 0 };
  g_auto(GuildTestRun) ics_contacts = { 0 };
  g_auto(GuildTestRun) vcard_events = { 0 };
  g_auto(GuildTestRun) csv = { 0 };
  g_auto(GuildTestRun) what = { 0 };
  g_auto(GuildTestRun) unknown = { 0 };
  g_auto(GuildTestRun) no_format = { 0 };
  g_auto(GuildTestRun) no_db = { 0 };

  if (guild_test_skip_without_guildctl ())
    return;

  guild_test_run_guildctl (&setup, "--db", db, "import", sample, NULL);
  g_assert_cmpint (setup.status, ==, 0);

  guild_test_run_guildctl (&json, "--db", db, "export", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  for (const char *p = json.out; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (compact, *p);
  g_assert_true (g_str_has_prefix (compact->str, "{\"format\":\"guild-backup\""));
  root = parse_json (json.out);
  g_assert_cmpuint (guild_json_node_get_length (guild_json_object_get (root, "contacts")), ==,
                    2);

  guild_test_run_guildctl (&vcard, "--db", db, "export", "--format", "vcard", "-o", vcf_out, NULL);
  g_assert_cmpint (vcard.status, ==, 0);
  g_assert_cmpstr (vcard.out, ==, "");
  g_assert_true (g_file_get_contents (vcf_out, &vcf_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (vcf_text, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  cards = g_strsplit (vcf_text, "BEGIN:VCARD", -1);
  g_assert_cmpuint (g_strv_length (cards), ==, 3);

  /* vCard holds only contacts and iCalendar only events. */
  guild_test_run_guildctl (&ics_contacts, "--db", db, "export", "--format", "ics", "--what", "contacts",
                "-o", ics_out, NULL);
  g_assert_cmpint (ics_contacts.status, ==, 2);
  g_assert_nonnull (strstr (ics_contacts.err, "--what"));
  g_assert_false (g_file_test (ics_out, G_FILE_TEST_EXISTS));

  guild_test_run_guildctl (&vcard_events, "--db", db, "export", "--format", "vcard", "--what", "events",
                NULL);
  g_assert_cmpint (vcard_events.status, ==, 2);

  guild_test_run_guildctl (&csv, "--db", db, "export", "--format", "csv", "--what", "activities", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "\xEF\xBB\xBF" "Date,Kind,"));

  guild_test_run_guildctl (&what, "--db", db, "export", "--format", "json", "--what", "contacts",
                "-o", json_out, NULL);
  g_assert_cmpint (what.status, ==, 2);
  g_assert_nonnull (strstr (what.err, "--what"));
  g_assert_false (g_file_test (json_out, G_FILE_TEST_EXISTS));

  guild_test_run_guildctl (&unknown, "--db", db, "export", "--format", "xml", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "xml"));

  guild_test_run_guildctl (&no_format, "--db", db, "export", NULL);
  g_assert_cmpint (no_format.status, ==, 2);

  /* Exporting never creates a database. */
  guild_test_run_guildctl (&no_db, "--db", missing_db, "export", "--format", "json", NULL);
  g_assert_cmpint (no_db.status, ==, 2);
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
}

/* generate → export → import into an empty database → export: the two
 * backups are the same bytes. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *source = temp_path (f, "source.db");
  g_autofree char *copy = temp_path (f, "copy.db");
  g_autofree char *a = temp_path (f, "a.json");
  g_autofree char *b = temp_path (f, "b.json");
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GuildTestRun) generate = { 0 };
  g_auto(GuildTestRun) export_a = { 0 };
  g_auto(GuildTestRun) import = { 0 };
  g_auto(GuildTestRun) export_b = { 0 };
  GuildStoreStats source_stats;
  GuildStoreStats copy_stats;
  gsize a_len = 0;
  gsize b_len = 0;

  if (guild_test_skip_without_guildctl ())
    return;

  guild_test_run_guildctl (&generate, "--db", source, "generate", "--seed", "2", "--communities", "6",
                "--contacts", "30", "--events", "12", "--activities", "80", "--checkins", "10",
                "--today", "2026-03-15", NULL);
  g_assert_cmpint (generate.status, ==, 0);

  guild_test_run_guildctl (&export_a, "--db", source, "export", "--format", "json", "-o", a, NULL);
  g_assert_cmpint (export_a.status, ==, 0);
  g_assert_cmpstr (export_a.out, ==, "");

  guild_test_run_guildctl (&import, "--db", copy, "import", a, NULL);
  g_assert_cmpint (import.status, ==, 0);

  guild_test_run_guildctl (&export_b, "--db", copy, "export", "--format", "json", "-o", b, NULL);
  g_assert_cmpint (export_b.status, ==, 0);

  g_assert_true (g_file_get_contents (a, &a_text, &a_len, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (b, &b_text, &b_len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (a_len, >, 1000);
  g_assert_cmpmem (a_text, a_len, b_text, b_len);

  source_stats = db_stats (source);
  copy_stats = db_stats (copy);
  g_assert_cmpuint (copy_stats.contacts, ==, source_stats.contacts);
  g_assert_cmpuint (copy_stats.events, ==, source_stats.events);
  g_assert_cmpuint (copy_stats.activities, ==, source_stats.activities);
  g_assert_cmpuint (copy_stats.memberships, ==, source_stats.memberships);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guild/cli-import/samples", Fixture, NULL,
              fixture_set_up, test_samples, fixture_tear_down);
  g_test_add ("/guild/cli-import/bad-rows", Fixture, NULL,
              fixture_set_up, test_bad_rows, fixture_tear_down);
  g_test_add ("/guild/cli-import/dry-run", Fixture, NULL,
              fixture_set_up, test_dry_run, fixture_tear_down);
  g_test_add ("/guild/cli-import/reimport-ics", Fixture, NULL,
              fixture_set_up, test_reimport_ics, fixture_tear_down);
  g_test_add ("/guild/cli-import/bad-files", Fixture, NULL,
              fixture_set_up, test_bad_files, fixture_tear_down);
  g_test_add ("/guild/cli-import/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/guild/cli-import/round-trip", Fixture, NULL,
              fixture_set_up, test_round_trip, fixture_tear_down);

  return g_test_run ();
}
