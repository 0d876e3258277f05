/* bench-charts.c: how fast the Charts view gets its data on a big database.
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by `build-aux/bench --charts` under Xvfb: bench-charts DATABASE. For
 * each period it prints the time the core takes for the figures on the
 * calling thread, the time the Charts view takes from the press of the
 * period's button to its charts swapped in (the work runs on workers), the
 * longest the main loop was kept from running meanwhile (a 1 ms timer
 * measures the gaps), and the time to snapshot each chart. Not a test.
 */

#include "config.h"

#include <time.h>
#include <adwaita.h>

#include "guild-chart.h"
#include "guild-charts-page.h"
#include "guild-metrics.h"
#include "guild-store.h"

static gint64 last_tick;
static gint64 max_gap;

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick > 0)
    max_gap = MAX (max_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* CPU time of the calling (main) thread, in ms: what the main loop itself
 * spent, whatever else the machine was doing. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static const char *period_names[] = { "4 weeks", "quarter", "year", "all time" };

static void
bench_core (GuildStore *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  char today[12];
  GDate date;

  g_snprintf (today, sizeof today, "%04d-%02d-%02d", g_date_time_get_year (now),
              g_date_time_get_month (now), g_date_time_get_day_of_month (now));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  for (guint p = 0; p < G_N_ELEMENTS (period_names); p++)
    {
      g_autofree char *from = guild_charts_period_from (p, &date);
      GuildMetricsQuery query = { from, today, 0, NULL };
      double runs[5];

      for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GuildMetrics) m = NULL;
          gint64 start = g_get_monotonic_time ();

          m = guild_store_metrics (store, &query, NULL, &error);
          g_assert_no_error (error);
          runs[r] = (g_get_monotonic_time () - start) / 1000.0;
        }
      g_print ("core metrics, %-9s (median of 5)      %8.1f ms\n", period_names[p],
               median (runs, G_N_ELEMENTS (runs)));
    }
}

/* Lets what was swapped in lay out and draw: 300 ms of the main loop. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_loaded (GuildChartsPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (guild_charts_page_is_loading (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *page;
  guint timer;

  if (argc != 2)
    {
      g_printerr ("Usage: bench-charts DATABASE\n");
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

  if (g_getenv ("GUILD_BENCH_SKIP_CORE") == NULL)
    bench_core (store);

  window = gtk_window_new ();
  page = g_object_new (GUILD_TYPE_CHARTS_PAGE, "store", store, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  timer = g_timeout_add (1, tick_cb, NULL);

  /* The machine's own noise: the longest gap with nothing to do. */
  {
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;

    last_tick = 0;
    max_gap = 0;
    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_print ("idle main loop for 1 s: longest gap %.1f ms (the machine's scheduling noise)\n",
             max_gap / 1000.0);
  }

  /* The first load computes the overview and the heatmap too. */
  {
    gint64 start = g_get_monotonic_time ();
    double cpu = thread_cpu_ms ();

    last_tick = 0;
    max_gap = 0;
    guild_charts_page_load (GUILD_CHARTS_PAGE (page));
    wait_loaded (GUILD_CHARTS_PAGE (page));
    settle ();
    g_print ("view, first load and draw (quarter, overview)  %8.1f ms   longest gap %6.1f ms   "
             "main-thread CPU %6.1f ms\n",
             (g_get_monotonic_time () - start) / 1000.0, max_gap / 1000.0,
             thread_cpu_ms () - cpu);
  }

  for (guint p = 0; p < G_N_ELEMENTS (period_names); p++)
    {
      guint period = p;
      gint64 start = g_get_monotonic_time ();
      double cpu = thread_cpu_ms ();

      last_tick = 0;
      max_gap = 0;
      guild_charts_page_set_period (GUILD_CHARTS_PAGE (page), period);
      wait_loaded (GUILD_CHARTS_PAGE (page));
      settle ();
      g_print ("view, switch to %-9s and draw (+300 ms)  %8.1f ms   longest gap %6.1f ms   "
               "main-thread CPU %6.1f ms\n",
               period_names[period], (g_get_monotonic_time () - start) / 1000.0,
               max_gap / 1000.0, thread_cpu_ms () - cpu);
    }

  g_source_remove (timer);

  for (guint id = 0; id < GUILD_CHARTS_N_CHARTS; id++)
    {
      GuildChart *chart = GUILD_CHART (guild_charts_page_get_chart (GUILD_CHARTS_PAGE (page), id));
      int width = MAX (gtk_widget_get_width (GTK_WIDGET (chart)), 480);
      int height = MAX (gtk_widget_get_height (GTK_WIDGET (chart)), 200);
      gint64 start = g_get_monotonic_time ();
      const guint n = 50;

      for (guint i = 0; i < n; i++)
        {
          GskRenderNode *node = guild_chart_render (chart, width, height, FALSE);

          g_clear_pointer (&node, gsk_render_node_unref);
        }
      g_print ("snapshot, %-34s %6.2f ms   (%d×%d)\n", guild_charts_get_title (id),
               (g_get_monotonic_time () - start) / 1000.0 / n, width, height);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
