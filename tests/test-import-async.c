/* test-import-async.c
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

/* The import on a worker thread: the same outcome as the synchronous
 * functions, progress that only grows and ends at 1, a cancel that leaves
 * the database as it was, and a store that refuses writes meanwhile. */

typedef struct
{
  char       *dir;
  char       *path;
  GuildStore *store;
} Fixture;

static void
open_store (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  g_free (f->path);
  f->path = g_build_filename (f->dir, name, NULL);
  f->store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("guild-import-async-XXXXXX", &error);
  g_assert_no_error (error);
  open_store (f, "guild.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GuildImportResult *
parse_text (const char *text,
            gsize       len,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  GuildImportResult *result;

  result = guild_import_parse ((const guint8 *) text, len, name, GUILD_IMPORT_FORMAT_UNKNOWN,
                               NULL, &error);
  g_assert_no_error (error);
  return result;
}

static GuildImportResult *
parse_sample (const char *name)
{
  g_autofree char *path = g_build_filename (GUILD_TEST_DATA_DIR, name, NULL);
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return parse_text (data, len, name);
}

/* A LinkedIn export of @n distinct people. */
static char *
make_linkedin (guint n)
{
  GString *out = g_string_new ("Notes:\n\"Some e-mail addresses are missing.\"\n\n"
                               "First Name,Last Name,URL,Email Address,Company,Position,"
                               "Connected On\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "Person%u,Family%u,https://www.linkedin.com/in/p-%u,"
                            "p%u@example.org,\"Company %u, Ltd.\",Engineer,%02u Mar 2024\n",
                            i, i, i, i, i % 97, i % 28 + 1);

  return g_string_free (out, FALSE);
}

/* Every row of every table, as text: what "the database as it was" means. */
static char *
dump_rows (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = _guild_store_open_reader (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2",
                                              (char *) g_ptr_array_index (tables, t));

      g_string_append_printf (out, "[%s]\n", (char *) g_ptr_array_index (tables, t));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (out, "%s|", text != NULL ? text : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }

  _guild_store_close_reader (db);
  return g_strdup (out->str);
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

/* Section: running the async functions */

typedef struct
{
  GArray             *fractions;
  GuildImportPreview *preview;
  GArray             *batch_ids;
  GError             *error;
  gboolean            done;
  guint               progress_after_done;
  guint               resets;
  guint               resets_before_done;
  GCancellable       *cancel_on_progress;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->fractions, g_array_unref);
  g_clear_pointer (&run->batch_ids, g_array_unref);
  g_clear_error (&run->error);
  /* The preview is the caller's; the rest starts again. */
  run->done = FALSE;
  run->progress_after_done = 0;
  run->resets = run->resets_before_done = 0;
  run->cancel_on_progress = NULL;
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  Run *run = user_data;

  if (run->done)
    run->progress_after_done++;
  g_array_append_val (run->fractions, fraction);
  if (run->cancel_on_progress != NULL && fraction < 1.0)
    g_cancellable_cancel (run->cancel_on_progress);
}

static void
on_changed_cb (GuildStore      *store,
               guint            kind,
               gint64           id,
               guint            change,
               gpointer         user_data)
{
  Run *run = user_data;

  if (change == GUILD_CHANGE_RESET)
    run->resets |= 1u << kind;
}

static void
on_preview_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Run *run = user_data;

  run->preview = guild_store_import_preview_finish (GUILD_STORE (object), result, &run->error);
  run->done = TRUE;
}

static void
on_apply_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run *run = user_data;

  run->resets_before_done = run->resets;
  guild_store_import_apply_finish (GUILD_STORE (object), result, &run->batch_ids, &run->error);
  run->done = TRUE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("The import on a worker thread did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
spin (Run *run)
{
  guint timeout = g_timeout_add_seconds (120, on_timeout_cb, NULL);

  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  /* Anything still queued would come now. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (timeout);
}

static GuildImportPreview *
preview_async (Fixture           *f,
               GuildImportResult *result,
               Run               *run)
{
  run->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  guild_store_import_preview_async (f->store, result, NULL, on_progress_cb, run, NULL,
                                    on_preview_done_cb, run);
  spin (run);
  g_assert_no_error (run->error);
  g_assert_nonnull (run->preview);
  return run->preview;
}

static void
apply_async (Fixture            *f,
             GuildImportPreview *preview,
             GCancellable       *cancellable,
             Run                *run)
{
  g_autoptr(GPtrArray) previews = g_ptr_array_new ();
  gulong handler;

  g_ptr_array_add (previews, preview);
  run->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), run);
  guild_store_import_apply_async (f->store, previews, cancellable, on_progress_cb, run, NULL,
                                  on_apply_done_cb, run);
  spin (run);
  g_signal_handler_disconnect (f->store, handler);
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

/* Section: tests */

static void
test_same_as_sync (Fixture       *f,
                   gconstpointer  data)
{
  static const char *samples[] = {
    "linkedin-connections.csv", "apple-3.0.vcf", "google-3.0.vcf", "google-calendar.ics",
    "meetup.ics", "google-contacts-new.csv",
  };
  g_autofree char *sync_json = NULL;
  g_autofree char *async_json = NULL;
  guint sync_counts[G_N_ELEMENTS (samples)][4];

  /* Synchronously into one database… */
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GuildImportResult) result = parse_sample (samples[i]);
      g_autoptr(GuildImportPreview) preview = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (guild_store_import_preview (f->store, result, &preview, NULL, &error));
      g_assert_no_error (error);
      sync_counts[i][0] = preview->added;
      sync_counts[i][1] = preview->updated;
      sync_counts[i][2] = preview->unchanged;
      sync_counts[i][3] = preview->skipped;
      g_assert_true (guild_store_import_apply (f->store, preview, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  sync_json = export_json (f->store);

  /* …and on a worker into another. */
  open_store (f, "async.db");
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GuildImportResult) result = parse_sample (samples[i]);
      g_autoptr(GuildImportPreview) preview = NULL;
      Run prun = { 0 }, arun = { 0 };

      preview = preview_async (f, result, &prun);
      g_assert_cmpuint (preview->added, ==, sync_counts[i][0]);
      g_assert_cmpuint (preview->updated, ==, sync_counts[i][1]);
      g_assert_cmpuint (preview->unchanged, ==, sync_counts[i][2]);
      g_assert_cmpuint (preview->skipped, ==, sync_counts[i][3]);
      assert_progress (prun.fractions);
      g_assert_cmpuint (prun.progress_after_done, ==, 0);

      apply_async (f, preview, NULL, &arun);
      g_assert_no_error (arun.error);
      g_assert_nonnull (arun.batch_ids);
      g_assert_cmpuint (arun.batch_ids->len, ==, 1);
      g_assert_cmpint (g_array_index (arun.batch_ids, gint64, 0), >, 0);
      assert_progress (arun.fractions);
      g_assert_cmpuint (arun.progress_after_done, ==, 0);
      /* The views reload what the import wrote, before the caller hears. */
      if (preview->added + preview->updated > 0)
        g_assert_cmpuint (arun.resets_before_done, !=, 0);
      if (g_str_has_suffix (samples[i], ".ics"))
        g_assert_true (arun.resets_before_done & (1u << GUILD_RECORD_EVENT));
      else if (preview->added + preview->updated > 0)
        g_assert_true (arun.resets_before_done & (1u << GUILD_RECORD_CONTACT));

      run_clear (&prun);
      run_clear (&arun);
    }
  async_json = export_json (f->store);

  g_assert_cmpstr (async_json, ==, sync_json);

  /* The batches are undoable like any other. */
  {
    g_autoptr(GuildImportResult) result = parse_text ("Name,Email\nZed,zed@example.org\n", 32,
                                                      "zed.csv");
    g_autoptr(GuildImportPreview) preview = NULL;
    guint before = guild_store_count (f->store, GUILD_RECORD_CONTACT);
    Run prun = { 0 }, arun = { 0 };

    preview = preview_async (f, result, &prun);
    apply_async (f, preview, NULL, &arun);
    g_assert_no_error (arun.error);
    g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, before + 1);
    g_assert_true (guild_store_import_undo (f->store, g_array_index (arun.batch_ids, gint64, 0),
                                            NULL, NULL));
    g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, before);
    run_clear (&prun);
    run_clear (&arun);
  }
}

static void
test_cancel_apply (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *first = make_linkedin (50);
  g_autofree char *big = make_linkedin (20000);
  g_autoptr(GuildImportResult) seed = parse_text (first, strlen (first), "seed.csv");
  g_autoptr(GuildImportResult) result = parse_text (big, strlen (big), "big.csv");
  g_autoptr(GuildImportPreview) seed_preview = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  g_autofree char *db_before = NULL;
  g_autofree char *db_after = NULL;
  gsize len_before = 0, len_after = 0;
  Run prun = { 0 }, arun = { 0 };

  /* Something there already, some of which the big file updates. */
  g_assert_true (guild_store_import_preview (f->store, seed, &seed_preview, NULL, NULL));
  g_assert_true (guild_store_import_apply (f->store, seed_preview, NULL, NULL, NULL));
  g_assert_cmpint (sqlite3_exec (_guild_store_get_db (f->store),
                                 "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  rows_before = dump_rows (f->path);
  g_assert_true (g_file_get_contents (f->path, &db_before, &len_before, NULL));

  preview = preview_async (f, result, &prun);
  g_assert_cmpuint (preview->added, ==, 19950);

  /* Cancelled at the first progress report, long before the end. */
  arun.cancel_on_progress = cancellable;
  apply_async (f, preview, cancellable, &arun);
  g_assert_error (arun.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (arun.batch_ids);
  g_assert_cmpuint (arun.resets_before_done, ==, 0);

  rows_after = dump_rows (f->path);
  g_assert_cmpstr (rows_after, ==, rows_before);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 50);
  /* Not a byte of the database file changed either. */
  g_assert_true (g_file_get_contents (f->path, &db_after, &len_after, NULL));
  g_assert_cmpuint (len_after, ==, len_before);
  g_assert_true (memcmp (db_after, db_before, len_before) == 0);

  /* The store writes again, and the same preview can still be written. */
  run_clear (&arun);
  apply_async (f, preview, NULL, &arun);
  g_assert_no_error (arun.error);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 20000);

  run_clear (&prun);
  run_clear (&arun);
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *text = make_linkedin (2000);
  g_autoptr(GuildImportResult) result = parse_text (text, strlen (text), "busy.csv");
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GPtrArray) previews = g_ptr_array_new ();
  g_autoptr(GuildContact) contact = guild_contact_new ("Someone Else");
  g_autoptr(GError) error = NULL;
  Run prun = { 0 }, arun = { 0 };

  preview = preview_async (f, result, &prun);
  g_ptr_array_add (previews, preview);
  arun.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  guild_store_import_apply_async (f->store, previews, NULL, on_progress_cb, &arun, NULL,
                                  on_apply_done_cb, &arun);

  /* While the worker writes, the store's own connection does not. */
  g_assert_false (guild_store_add (f->store, GUILD_RECORD (contact), &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (guild_store_begin (f->store, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  spin (&arun);
  g_assert_no_error (arun.error);
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (contact), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 2001);

  run_clear (&prun);
  run_clear (&arun);
}

static void
on_undo_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;

  run->resets_before_done = run->resets;
  guild_store_import_undo_finish (GUILD_STORE (object), result, &run->error);
  run->done = TRUE;
}

/* Two imports undone on a worker, newest first, as the toast's Undo does:
 * the database is as before them, the store refuses writes meanwhile and
 * announces a reset before the callback. */
static void
test_undo_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *first = make_linkedin (1500);
  g_autofree char *second = make_linkedin (1800);
  g_autofree char *before = export_json (f->store);
  g_autofree char *after = NULL;
  g_autoptr(GuildContact) contact = guild_contact_new ("Someone Else");
  g_autoptr(GError) error = NULL;
  Run urun = { 0 };
  gint64 batches[2];
  gulong handler;

  /* The second file holds the first's rows and 300 more: it adds those and
   * leaves the others unchanged. */
  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? first : second;
      g_autoptr(GuildImportResult) result = parse_text (text, strlen (text), "undo.csv");
      g_autoptr(GuildImportPreview) preview = NULL;
      Run prun = { 0 }, arun = { 0 };

      preview = preview_async (f, result, &prun);
      apply_async (f, preview, NULL, &arun);
      g_assert_no_error (arun.error);
      batches[1 - i] = g_array_index (arun.batch_ids, gint64, 0);
      run_clear (&prun);
      run_clear (&arun);
    }
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 1800);

  handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), &urun);
  guild_store_import_undo_async (f->store, batches, G_N_ELEMENTS (batches), NULL,
                                 on_undo_done_cb, &urun);
  g_assert_false (guild_store_add (f->store, GUILD_RECORD (contact), &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  spin (&urun);
  g_signal_handler_disconnect (f->store, handler);

  g_assert_no_error (urun.error);
  g_assert_true (urun.resets_before_done & (1u << GUILD_RECORD_CONTACT));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 0);
  after = export_json (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (contact), &error));
  g_assert_no_error (error);

  run_clear (&urun);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guild/import/async/same-as-sync", Fixture, NULL,
              fixture_set_up, test_same_as_sync, fixture_tear_down);
  g_test_add ("/guild/import/async/cancel-apply", Fixture, NULL,
              fixture_set_up, test_cancel_apply, fixture_tear_down);
  g_test_add ("/guild/import/async/busy", Fixture, NULL,
              fixture_set_up, test_busy, fixture_tear_down);
  g_test_add ("/guild/import/async/undo", Fixture, NULL,
              fixture_set_up, test_undo_async, fixture_tear_down);

  return g_test_run ();
}
