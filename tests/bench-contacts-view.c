/* bench-contacts-view.c: how fast the contacts view is with a large database.
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-contacts-view DATABASE (under a display; build-aux/bench
 * --contacts-view runs it under Xvfb on a generated database).
 *
 * Opens the real window on DATABASE, shows the contacts view and reports:
 *   - load: the time until the contacts and their index are read (workers),
 *     and the time from the data being ready to the next frame painted
 *     (wall clock, and the main thread's CPU time);
 *   - search: each keystroke of several words typed into the search entry
 *     (English and Russian, so Russian folding is included), the time until
 *     the list is updated (the table, the selection and the column view
 *     react synchronously to the one items-changed), median and worst;
 *   - filters: relationship, tag, community and "due" switched on and off;
 *   - sort: every column, ascending and descending;
 *   - the process's resident memory with the view open.
 * One line per figure, "name: value unit", for the shell script to collect.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <adwaita.h>

#include "guild-contact-table.h"
#include "guild-contacts-page.h"
#include "guild-contacts-page-private.h"
#include "guild-window.h"
#include "guild-window-private.h"

static gint64 ready_at;
static gint64 painted_at;
static gint64 ready_cpu;
static gint64 painted_cpu;

/* The main thread's CPU time, in µs: the machine that runs the benchmark
 * may be busy with other work, which would inflate wall-clock times of
 * synchronous operations; CPU time counts only what this thread does. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
ms_since (gint64 start)
{
  return (cpu_now () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *name,
        GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  printf ("%s median (CPU): %.2f ms\n", name, g_array_index (samples, double, samples->len / 2));
  printf ("%s worst (CPU): %.2f ms\n", name, g_array_index (samples, double, samples->len - 1));
  fflush (stdout);
}

static void
spin (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  if (ready_at != 0 && painted_at == 0)
    {
      painted_at = g_get_monotonic_time ();
      painted_cpu = cpu_now ();
    }
}

static void
on_table_items_changed_cb (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added)
{
  if (ready_at == 0 && added > 0)
    {
      ready_at = g_get_monotonic_time ();
      ready_cpu = cpu_now ();
    }
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static void
type_words (GtkEditable       *entry,
            GuildContactTable *table,
            const char * const *words,
            GArray            *samples)
{
  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *word = words[w];
      const char *p = word;

      while (*p != '\0')
        {
          g_autofree char *prefix = NULL;
          gint64 start;

          p = g_utf8_next_char (p);
          prefix = g_strndup (word, (gsize) (p - word));
          start = cpu_now ();
          /* What search-changed does, without the entry's typing delay. */
          guild_contact_table_set_search (table, prefix);
          g_array_append_val (samples, (double) { ms_since (start) });
          spin ();
        }
      guild_contact_table_set_search (table, NULL);
      spin ();
    }
}

static double
timed_filter (GuildContactTable *table,
              void             (*apply) (GuildContactTable *, gpointer),
              gpointer           value)
{
  gint64 start = cpu_now ();

  apply (table, value);
  return ms_since (start);
}

static void
apply_relationship (GuildContactTable *t, gpointer v) { guild_contact_table_set_relationship (t, v); }
static void
apply_tag (GuildContactTable *t, gpointer v) { guild_contact_table_set_tag (t, v); }
static void
apply_due (GuildContactTable *t, gpointer v) { guild_contact_table_set_due_only (t, GPOINTER_TO_INT (v)); }
static void
apply_community (GuildContactTable *t, gpointer v) { guild_contact_table_set_community (t, GPOINTER_TO_INT (v)); }

int
main (int   argc,
      char *argv[])
{
  static const char * const words[] = {
    "anna", "Ольга", "ОЛЬГ", "jose", "berlin", "аналитик", "data scientist", "python", "ёлка",
    NULL,
  };
  static const char * const relationships[] = { "mentor", "recruiter", "peer", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GArray) search = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filters = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sorts = g_array_new (FALSE, FALSE, sizeof (double));
  GuildContactsPage *page;
  GuildContactTable *table;
  GuildWindow *window;
  GdkFrameClock *clock;
  gint64 start;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();

  store = guild_store_open (argv[1], GUILD_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  window = guild_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  page = GUILD_CONTACTS_PAGE (_guild_window_get_view (window, "contacts"));
  table = _guild_contacts_page_get_table (page);
  g_signal_connect (table, "items-changed", G_CALLBACK (on_table_items_changed_cb), NULL);

  gtk_window_present (GTK_WINDOW (window));
  while (!guild_window_get_first_frame_shown (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);

  start = g_get_monotonic_time ();
  guild_window_set_visible_view (window, "contacts");
  while (g_strcmp0 (_guild_contacts_page_get_state (page), "items") != 0 || painted_at == 0)
    g_main_context_iteration (NULL, TRUE);

  printf ("contacts: %u\n", guild_contact_table_get_n_total (table));
  printf ("load until data ready: %.0f ms\n", (ready_at - start) / 1000.0);
  printf ("data ready to next frame painted: %.1f ms\n", (painted_at - ready_at) / 1000.0);
  /* The same span in the main thread's CPU time: without the waits for a
   * core on a busy machine. */
  printf ("data ready to next frame painted (CPU): %.1f ms\n",
          (painted_cpu - ready_cpu) / 1000.0);
  fflush (stdout);

  /* Let the duplicates search and any late work finish, then measure. */
  for (int i = 0; i < 40; i++)
    {
      g_usleep (50000);
      spin ();
    }

  if (g_getenv ("BENCH_DETACH_VIEW") != NULL)
    gtk_column_view_set_model (_guild_contacts_page_get_column_view (page), NULL);

  type_words (_guild_contacts_page_get_search_entry (page), table, words, search);
  report ("search keystroke", search);

  for (guint i = 0; relationships[i] != NULL; i++)
    {
      g_array_append_val (filters, (double) { timed_filter (table, apply_relationship,
                                                            (gpointer) relationships[i]) });
      spin ();
    }
  g_array_append_val (filters, (double) { timed_filter (table, apply_relationship, NULL) });
  g_array_append_val (filters, (double) { timed_filter (table, apply_tag, (gpointer) "python") });
  g_array_append_val (filters, (double) { timed_filter (table, apply_tag, NULL) });
  g_array_append_val (filters, (double) { timed_filter (table, apply_due, GINT_TO_POINTER (TRUE)) });
  g_array_append_val (filters, (double) { timed_filter (table, apply_due, GINT_TO_POINTER (FALSE)) });
  for (int c = 1; c <= 5; c++)
    {
      g_array_append_val (filters, (double) { timed_filter (table, apply_community,
                                                            GINT_TO_POINTER (c)) });
      spin ();
    }
  g_array_append_val (filters, (double) { timed_filter (table, apply_community, NULL) });
  report ("filter change", filters);

  for (guint s = 0; s < GUILD_CONTACT_N_SORTS; s++)
    for (int d = 0; d < 2; d++)
      {
        double ms;

        start = cpu_now ();
        guild_contact_table_set_sort (table, s, d);
        ms = ms_since (start);
        printf ("sort by %s%s (CPU): %.1f ms\n", guild_contact_sort_get_name (s),
                d ? " (descending)" : "", ms);
        g_array_append_val (sorts, ms);
        spin ();
      }
  report ("sort", sorts);

  printf ("resident memory: %ld MiB\n", rss_kib () / 1024);
  fflush (stdout);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  return 0;
}
