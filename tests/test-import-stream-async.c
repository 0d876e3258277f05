/* test-import-stream-async.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "guild-export-json.h"
#include "guild-store-import.h"
#include "guild-store-private.h"

/* A file too large to hold in memory, imported the way the app does it
 * (guild_store_import_stream_async()): a dry run that counts and lists the
 * first skipped records with their lines, then the import itself in one
 * transaction recorded as a batch, with progress, a cancel that leaves the
 * database as it was, and an undo. The file here is a few MiB: what makes
 * the app take this path is only its size (GUILD_IMPORT_STREAM_THRESHOLD),
 * not anything in the core. */

/* Cards in the generated file; about 150 bytes each. */
#define N_CARDS 24000
/* Every this many cards, one without a name, which is skipped. */
#define SKIP_EVERY 1000

typedef struct
{
  char       *dir;
  char       *db_path;
  char       *vcf_path;
  GFile      *vcf;
  GuildStore *store;
} Fixture;

static char *
make_cards (void)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < N_CARDS; i++)
    {
      if (i % SKIP_EVERY == SKIP_EVERY - 1)
        {
          g_string_append_printf (out, "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody %u\r\n"
                                  "END:VCARD\r\n", i);
          continue;
        }
      g_string_append_printf (out, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %u\r\n"
                              "EMAIL:p%u@example.org\r\nORG:Company %u\r\n"
                              "TEL:+49 30 %06u\r\nEND:VCARD\r\n", i, i, i % 97, i);
    }

  return g_string_free (out, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *emails[] = { "p7@example.org", NULL };
  g_autoptr(GuildContact) seven = guild_contact_new ("Person 7");
  g_autoptr(GError) error = NULL;
  g_autofree char *cards = make_cards ();

  f->dir = g_dir_make_tmp ("guild-import-stream-async-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "guild.db", NULL);
  f->vcf_path = g_build_filename (f->dir, "everyone.vcf", NULL);
  g_assert_true (g_file_set_contents (f->vcf_path, cards, -1, &error));
  g_assert_no_error (error);
  f->vcf = g_file_new_for_path (f->vcf_path);
  f->store = guild_store_open (f->db_path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* Someone the file has too, without the phone number it brings. */
  guild_record_set_strv (GUILD_RECORD (seven), "emails", emails);
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (seven), &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->store);
  g_clear_object (&f->vcf);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->vcf_path);
}

static char *
export_json (GuildStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_export_json (store, out, NULL, &error));
  g_assert_no_error (error);
  return g_strdup (out->str);
}

static guint
count_batches (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _guild_store_open_reader (f->db_path, &error);
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM import_batch", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  _guild_store_close_reader (db);
  return n;
}

/* Section: running the async pair */

typedef struct
{
  Fixture            *f;
  GArray             *fractions;
  GuildImportSummary *summary;
  gint64              batch;
  GError             *error;
  gboolean            done;
  guint               resets;
  guint               resets_before_done;
  guint               refused_writes;
  GCancellable       *cancel_on_progress;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->fractions, g_array_unref);
  g_clear_pointer (&run->summary, guild_import_summary_free);
  g_clear_error (&run->error);
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  Run *run = user_data;
  g_autoptr(GuildContact) someone = guild_contact_new ("Typed meanwhile");
  g_autoptr(GError) error = NULL;

  g_assert_false (run->done);
  g_array_append_val (run->fractions, fraction);

  /* The worker holds the write lock: the store says so at once. */
  if (!guild_store_add (run->f->store, GUILD_RECORD (someone), &error))
    {
      g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED);
      run->refused_writes++;
    }

  if (run->cancel_on_progress != NULL && fraction < 1.0)
    g_cancellable_cancel (run->cancel_on_progress);
}

static void
on_changed_cb (GuildStore *store,
               guint       kind,
               gint64      id,
               guint       change,
               gpointer    user_data)
{
  Run *run = user_data;

  if (change == GUILD_CHANGE_RESET)
    run->resets |= 1u << kind;
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;

  run->resets_before_done = run->resets;
  run->summary = guild_store_import_stream_finish (GUILD_STORE (object), result, &run->batch,
                                                   &run->error);
  run->done = TRUE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("The streamed import did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
stream_async (Fixture      *f,
              gboolean      write,
              GCancellable *cancel_on_progress,
              Run          *run)
{
  guint timeout;
  gulong handler;

  memset (run, 0, sizeof *run);
  run->f = f;
  run->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  run->cancel_on_progress = cancel_on_progress;
  run->batch = -1;

  handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), run);
  guild_store_import_stream_async (f->store, f->vcf, write, cancel_on_progress,
                                   on_progress_cb, run, NULL, on_done_cb, run);
  g_assert_true (_guild_store_get_busy_importing (f->store));

  timeout = g_timeout_add_seconds (240, on_timeout_cb, NULL);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (timeout);
  g_signal_handler_disconnect (f->store, handler);

  /* Done either way: the store writes again. */
  g_assert_false (_guild_store_get_busy_importing (f->store));
}

static void
assert_progress (GArray *fractions)
{
  g_assert_cmpuint (fractions->len, >, 0);
  for (guint i = 0; i < fractions->len; i++)
    {
      double fraction = g_array_index (fractions, double, i);

      g_assert_cmpfloat (fraction, >=, 0.0);
      g_assert_cmpfloat (fraction, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (fraction, >, g_array_index (fractions, double, i - 1));
    }
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

static void
assert_counts (GuildImportSummary *summary)
{
  guint n_skipped = N_CARDS / SKIP_EVERY;

  g_assert_cmpuint (summary->format, ==, GUILD_IMPORT_FORMAT_VCARD);
  g_assert_cmpstr (summary->file_name, ==, "everyone.vcf");
  g_assert_cmpuint (summary->n_records, ==, N_CARDS);
  g_assert_cmpuint (summary->added, ==, N_CARDS - n_skipped - 1);
  g_assert_cmpuint (summary->updated, ==, 1);
  g_assert_cmpuint (summary->unchanged, ==, 0);
  g_assert_cmpuint (summary->skipped, ==, n_skipped);

  /* Every skipped card, in the order of the file, with its line: card i
   * starts on line 7 i + 1, all before it having seven lines. */
  g_assert_cmpuint (summary->issues->len, ==, n_skipped);
  g_assert_cmpuint (summary->more_issues, ==, 0);
  for (guint k = 0; k < n_skipped; k++)
    {
      const GuildImportIssue *issue = &g_array_index (summary->issues, GuildImportIssue, k);
      guint card = (k + 1) * SKIP_EVERY - 1;
      guint line = 7 * card - 3 * k + 1;

      g_assert_cmpuint (issue->line, ==, line);
      g_assert_nonnull (issue->message);
      g_assert_cmpstr (issue->message, !=, "");
    }
}

/* Section: tests */

/* The dry run counts, lists the skipped cards, and writes nothing. */
static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *before = export_json (f->store);
  g_autofree char *after = NULL;
  Run run;

  stream_async (f, FALSE, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.summary);
  g_assert_cmpint (run.batch, ==, 0);
  assert_counts (run.summary);
  /* Several chunks, so several reports, ending with 1. */
  assert_progress (run.fractions);
  g_assert_cmpuint (run.fractions->len, >=, 2);
  g_assert_cmpuint (run.refused_writes, >=, 1);
  g_assert_cmpuint (run.resets, ==, 0);

  after = export_json (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_batches (f), ==, 0);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 1);
  run_clear (&run);
}

/* Cancelled half-way, the write is rolled back: the database is as it was. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = export_json (f->store);
  g_autofree char *after = NULL;
  Run run;

  stream_async (f, TRUE, cancellable, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.summary);
  g_assert_cmpint (run.batch, ==, 0);
  g_assert_cmpuint (run.resets, ==, 0);

  after = export_json (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_batches (f), ==, 0);
  run_clear (&run);
}

/* Written, the import is the batch the dry run announced; undone, the
 * database is as it was. */
static void
test_apply_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = export_json (f->store);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seven_id = 0;
  Run run;

  stream_async (f, TRUE, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.summary);
  assert_counts (run.summary);
  assert_progress (run.fractions);
  g_assert_cmpint (run.batch, >, 0);
  /* The views of contacts reload before the caller hears of it. */
  g_assert_true (run.resets_before_done & (1u << GUILD_RECORD_CONTACT));
  g_assert_cmpuint (count_batches (f), ==, 1);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==,
                    N_CARDS - N_CARDS / SKIP_EVERY);

  /* The contact that was there gained the phone number. */
  contacts = guild_store_list (f->store, GUILD_RECORD_CONTACT, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      GuildRecord *record = g_ptr_array_index (contacts, i);

      if (g_strcmp0 (guild_record_get_text (record, "full_name"), "Person 7") == 0)
        {
          const char * const *phones = guild_record_get_strv (record, "phones");

          g_assert_nonnull (phones);
          g_assert_cmpstr (phones[0], ==, "+49 30 000007");
          seven_id = guild_record_get_id (record);
        }
    }
  g_assert_cmpint (seven_id, >, 0);

  /* The store writes again. */
  {
    g_autoptr(GuildContact) later = guild_contact_new ("Added later");

    g_assert_true (guild_store_add (f->store, GUILD_RECORD (later), &error));
    g_assert_no_error (error);
    g_assert_true (guild_store_remove (f->store, GUILD_RECORD_CONTACT,
                                       guild_record_get_id (GUILD_RECORD (later)), &error));
    g_assert_no_error (error);
  }

  g_assert_true (guild_store_import_undo (f->store, run.batch, NULL, &error));
  g_assert_no_error (error);
  after = export_json (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 1);
  run_clear (&run);
}

/* A dry run, then the import, reads the same: what the preview promised is
 * what is written. */
static void
test_preview_then_apply (Fixture       *f,
                         gconstpointer  data)
{
  Run preview, apply;

  stream_async (f, FALSE, NULL, &preview);
  g_assert_no_error (preview.error);
  stream_async (f, TRUE, NULL, &apply);
  g_assert_no_error (apply.error);
  g_assert_cmpuint (apply.summary->added, ==, preview.summary->added);
  g_assert_cmpuint (apply.summary->updated, ==, preview.summary->updated);
  g_assert_cmpuint (apply.summary->unchanged, ==, preview.summary->unchanged);
  g_assert_cmpuint (apply.summary->skipped, ==, preview.summary->skipped);
  run_clear (&preview);
  run_clear (&apply);
}

/* A file that is not there: an error, and the store is free again. */
static void
test_missing (Fixture       *f,
              gconstpointer  data)
{
  Run run;

  g_clear_object (&f->vcf);
  f->vcf = g_file_new_build_filename (f->dir, "nothing.vcf", NULL);
  stream_async (f, FALSE, NULL, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (run.summary);
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/guild/import/stream-async/preview", Fixture, NULL,
              fixture_set_up, test_preview, fixture_tear_down);
  g_test_add ("/guild/import/stream-async/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/guild/import/stream-async/apply-and-undo", Fixture, NULL,
              fixture_set_up, test_apply_and_undo, fixture_tear_down);
  g_test_add ("/guild/import/stream-async/preview-then-apply", Fixture, NULL,
              fixture_set_up, test_preview_then_apply, fixture_tear_down);
  g_test_add ("/guild/import/stream-async/missing", Fixture, NULL,
              fixture_set_up, test_missing, fixture_tear_down);

  return g_test_run ();
}
