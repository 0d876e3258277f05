/* bench-import-undo.c: how long undoing a large import takes, and that the
 * main loop keeps running meanwhile. Run by build-aux/bench --imports on the
 * database its vCard import made; not a test.
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-import-undo DATABASE
 *
 * Undoes the newest import batch of DATABASE with
 * guild_store_import_undo_async(), as the toast's Undo does, while a 5 ms
 * timeout stands in for the window: the longest gap between its runs is the
 * longest the main loop was kept from running. Prints "records: N",
 * "undo-s: S" and "longest-gap-ms: M"; exits 1 if anything fails or records
 * of the batch are left.
 */

#include <stdio.h>
#include <stdlib.h>

#include "guild-records.h"
#include "guild-store-history.h"
#include "guild-store-import.h"

typedef struct
{
  gboolean done;
  gboolean ok;
  gint64   last_tick;
  gint64   longest_gap;
} Run;

static gboolean
tick_cb (gpointer user_data)
{
  Run *run = user_data;
  gint64 now = g_get_monotonic_time ();

  run->longest_gap = MAX (run->longest_gap, now - run->last_tick);
  run->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  run->ok = guild_store_import_undo_finish (GUILD_STORE (object), result, &error);
  if (!run->ok)
    g_printerr ("undo failed: %s\n", error->message);
  run->done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;
  GuildImportBatch *batch = NULL;
  Run run = { FALSE, FALSE, 0, 0 };
  gint64 start, after_records = 0;
  guint tick, records;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  store = guild_store_open (argv[1], GUILD_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  batches = guild_store_list_import_batches (store, NULL, &error);
  if (batches == NULL)
    {
      g_printerr ("could not list the imports: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < batches->len; i++)
    {
      GuildImportBatch *b = g_ptr_array_index (batches, i);

      if (b->undone_at == 0 && (batch == NULL || b->id > batch->id))
        batch = b;
    }
  if (batch == NULL || batch->remaining == 0)
    {
      g_printerr ("%s: no import to undo\n", argv[1]);
      return 1;
    }
  records = batch->remaining;

  run.last_tick = g_get_monotonic_time ();
  tick = g_timeout_add (5, tick_cb, &run);
  start = g_get_monotonic_time ();
  guild_store_import_undo_async (store, &batch->id, 1, NULL, on_undone_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  after_records = g_get_monotonic_time ();
  g_source_remove (tick);

  if (!run.ok)
    return 1;

  printf ("records: %u\n", records);
  printf ("undo-s: %.2f\n", (after_records - start) / (double) G_USEC_PER_SEC);
  printf ("longest-gap-ms: %.1f\n", run.longest_gap / 1000.0);

  if (guild_store_count (store, GUILD_RECORD_CONTACT) != 0)
    {
      g_printerr ("%u contacts are left\n", guild_store_count (store, GUILD_RECORD_CONTACT));
      return 1;
    }

  return 0;
}
