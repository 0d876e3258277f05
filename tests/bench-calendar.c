/* bench-calendar.c: how long a month switch takes in the calendar.
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-calendar DATABASE [SERIES]
 *
 * Adds SERIES recurring events (default 1,000: weekly, daily, every other
 * week and monthly, without an end, started over the last three years) to
 * DATABASE, then switches the month view through 24 months around today, as
 * Alt+Right does, and prints for each step of a switch the median and the
 * slowest of the 24, in milliseconds:
 *
 *   worker: reading and expanding the 6-week grid's occurrences
 *     (guild_store_list_occurrences on a connection of its own, as the
 *     page's worker thread does);
 *   round trip: from asking for the month on the main thread until the
 *     occurrences are back there (guild_store_list_occurrences_async);
 *   main thread: what the main loop does with them: relabel the grid, build
 *     the chips, and lay the view out once.
 *
 * Run by build-aux/bench --calendar under Xvfb. Not a test: it never fails on
 * a figure.
 */

#include "config.h"

#include <adwaita.h>

#include "guild-month-view.h"
#include "guild-records.h"
#include "guild-store-events.h"
#include "guild-store.h"

#define MONTHS 24

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *label,
        double     *values)
{
  double sorted[MONTHS];

  memcpy (sorted, values, sizeof sorted);
  qsort (sorted, MONTHS, sizeof (double), compare_doubles);
  g_print ("%s: median %.2f ms, max %.2f ms\n", label,
           (sorted[MONTHS / 2 - 1] + sorted[MONTHS / 2]) / 2, sorted[MONTHS - 1]);
}

static void
add_series (GuildStore *store,
            guint       n)
{
  static const char * const rules[] = { "FREQ=WEEKLY", "FREQ=DAILY", "FREQ=WEEKLY;INTERVAL=2",
                                        "FREQ=MONTHLY" };
  static const char * const zones[] = { "Europe/Berlin", "Europe/Moscow", "America/New_York",
                                        "UTC" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!guild_store_begin_bulk (store, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Series %u", i);
      gint64 start = now - g_rand_int_range (rand, 0, 3 * 365) * (gint64) 86400;
      g_autoptr(GuildEvent) event = NULL;

      start -= start % 3600;
      event = guild_event_new (title, start, start + 5400);
      /* Daily series are fewer, as in life: a quarter of the rules. */
      guild_record_set_text (GUILD_RECORD (event), "rrule", rules[i % G_N_ELEMENTS (rules)]);
      guild_record_set_text (GUILD_RECORD (event), "tzid", zones[i % G_N_ELEMENTS (zones)]);
      if (!guild_store_add (store, GUILD_RECORD (event), &error))
        g_error ("%s", error->message);
    }

  if (!guild_store_commit (store, &error))
    g_error ("%s", error->message);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = guild_store_list_occurrences_finish (GUILD_STORE (object), result, &error);
  if (*out == NULL)
    g_error ("%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  double worker[MONTHS], round_trip[MONTHS], main_thread[MONTHS];
  double relabel[MONTHS], chips[MONTHS], layout[MONTHS];
  guint series = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 1000;
  guint64 total = 0, most = 0;
  GtkWidget *window, *view;
  int year, month;

  if (argc < 2)
    {
      g_printerr ("Usage: bench-calendar DATABASE [SERIES]\n");
      return 2;
    }

  gtk_init ();
  adw_init ();

  if (!(store = guild_store_open (argv[1], GUILD_STORE_FLAGS_NONE, &error)))
    g_error ("%s", error->message);
  if (series > 0)
    add_series (store, series);
  g_print ("events: %u (recurring series added: %u)\n",
           guild_store_count (store, GUILD_RECORD_EVENT), series);

  window = gtk_window_new ();
  view = guild_month_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  year = g_date_time_get_year (now) - 1;
  month = g_date_time_get_month (now);

  for (guint i = 0; i < MONTHS; i++)
    {
      g_autoptr(GPtrArray) sync = NULL;
      g_autoptr(GPtrArray) async = NULL;
      gint64 start, end, t0, t1;

      guild_month_view_set_month (GUILD_MONTH_VIEW (view), year, month, 1);
      guild_month_view_get_range (GUILD_MONTH_VIEW (view), &start, &end);

      t0 = g_get_monotonic_time ();
      sync = guild_store_list_occurrences (store, start, end, NULL, &error);
      t1 = g_get_monotonic_time ();
      if (sync == NULL)
        g_error ("%s", error->message);
      worker[i] = (t1 - t0) / 1000.0;
      total += sync->len;
      most = MAX (most, sync->len);

      t0 = g_get_monotonic_time ();
      guild_store_list_occurrences_async (store, start, end, NULL, on_loaded_cb, &async);
      while (async == NULL)
        g_main_context_iteration (NULL, TRUE);
      t1 = g_get_monotonic_time ();
      round_trip[i] = (t1 - t0) / 1000.0;

      /* The next month, as the page does it: new labels, new chips, one
       * layout. */
      if (++month > 12)
        {
          month = 1;
          year++;
        }
      {
        gint64 t2, t3;

        t0 = g_get_monotonic_time ();
        guild_month_view_set_month (GUILD_MONTH_VIEW (view), year, month, 1);
        t1 = g_get_monotonic_time ();
        guild_month_view_set_occurrences (GUILD_MONTH_VIEW (view), async);
        t2 = g_get_monotonic_time ();
        gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, 1000, NULL, NULL, NULL, NULL);
        gtk_widget_allocate (view, 1000, 700, -1, NULL);
        t3 = g_get_monotonic_time ();
        relabel[i] = (t1 - t0) / 1000.0;
        chips[i] = (t2 - t1) / 1000.0;
        layout[i] = (t3 - t2) / 1000.0;
        main_thread[i] = (t3 - t0) / 1000.0;
      }
    }

  g_print ("occurrences per 6-week grid: mean %.0f, most %" G_GUINT64_FORMAT "\n",
           (double) total / MONTHS, most);
  report ("worker (read and expand)", worker);
  report ("round trip (async, main loop to main loop)", round_trip);
  report ("main thread (relabel, chips, layout)", main_thread);
  report ("  relabel the grid", relabel);
  report ("  place the chips", chips);
  report ("  lay out", layout);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
