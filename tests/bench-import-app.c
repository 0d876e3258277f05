/* bench-import-app.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <sys/resource.h>

#include "guild-import-dialog.h"
#include "guild-store.h"

/* build-aux/bench --huge: a file imported the way the app does it, through
 * the import dialog (drag and drop, Import…, `guild FILE…` all end there):
 * the preview, then Import, on a database file. Prints the time of each
 * and the process's peak resident memory. Needs a display (Xvfb).
 *
 * Usage: bench-import-app DATABASE FILE */

typedef struct
{
  gboolean done;
  guint    n_records;
  guint    n_failed;
  guint    n_batches;
} Outcome;

static void
on_imported_cb (GuildImportDialog *dialog,
                guint              n_records,
                guint              n_failed,
                GVariant          *batches,
                const char        *view,
                gpointer           user_data)
{
  Outcome *outcome = user_data;

  outcome->n_records = n_records;
  outcome->n_failed = n_failed;
  outcome->n_batches = g_variant_n_children (batches);
  outcome->done = TRUE;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GuildImportDialog *dialog;
  Outcome outcome = { 0 };
  guint counts[4] = { 0 };
  gint64 start, previewed, written;

  if (argc != 3)
    {
      g_printerr ("Usage: %s DATABASE FILE\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();

  store = guild_store_open (argv[1], GUILD_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  file = g_file_new_for_commandline_arg (argv[2]);

  start = g_get_monotonic_time ();
  dialog = guild_import_dialog_new (NULL, store, &file, 1);
  g_object_ref (dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &outcome);
  gtk_window_present (GTK_WINDOW (dialog));

  while (!guild_import_dialog_get_ready (dialog))
    g_main_context_iteration (NULL, TRUE);
  previewed = g_get_monotonic_time ();
  if (!guild_import_dialog_get_counts (dialog, 0, counts))
    {
      g_printerr ("The file could not be previewed\n");
      return 1;
    }
  g_print ("preview-s: %.1f\n", (previewed - start) / (double) G_USEC_PER_SEC);
  g_print ("preview-counts: %u new, %u updated, %u unchanged, %u skipped\n",
           counts[0], counts[1], counts[2], counts[3]);
  g_print ("preview-peak-rss-kib: %ld\n", peak_rss_kib ());

  if (!gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL))
    {
      g_printerr ("Import could not be pressed\n");
      return 1;
    }
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);
  written = g_get_monotonic_time ();
  g_object_unref (dialog);

  g_print ("import-s: %.1f\n", (written - previewed) / (double) G_USEC_PER_SEC);
  g_print ("imported: %u records, %u batches, %u failed\n",
           outcome.n_records, outcome.n_batches, outcome.n_failed);
  g_print ("contacts: %u\n", guild_store_count (store, GUILD_RECORD_CONTACT));
  g_print ("peak-rss-kib: %ld\n", peak_rss_kib ());

  return outcome.n_failed == 0 && outcome.n_batches == 1 ? 0 : 1;
}
