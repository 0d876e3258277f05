/* bench-communities.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>
#include <time.h>

#include "guild-communities-page.h"
#include "guild-community-row.h"
#include "guild-member-chooser.h"
#include "guild-record-list.h"

/* How fast the Communities view is on a database (the generated one of
 * build-aux/bench --views): the page in a window on the display it is given
 * (Xvfb), driven as the user would through its own entry points.
 *
 *   load      from the page asking for the communities to the rows painted:
 *             the time the worker took ("data ready") and the time from
 *             then to the first frame that shows rows;
 *   rows      how many row widgets the list built (GtkListView: only the
 *             visible ones and a few more, whatever the number of rows);
 *   search    per keystroke (typing "amsterdam", then "МОСКВА" in capitals,
 *             then "сообщество", each followed by as many backspaces), the
 *             time to update the list; a keystroke is one insertion into (or
 *             deletion from) the search entry, as GtkText makes for a key;
 *   filters   per change of a filter (a platform, a status, a format);
 *   sort      per change of the sort order;
 *   members   the "Add Members" chooser over every contact (100,000 in the
 *             generated database): per keystroke of a name, the time the
 *             keystroke itself takes (the list is filtered in slices between
 *             frames) and the time until the filtered list is complete.
 *
 * Each figure is given twice: wall-clock time, and the CPU time of the main
 * thread (what the app itself spent, whatever else the machine runs; on a
 * shared, loaded machine the wall clock mostly measures waiting for a CPU).
 *
 * Usage: bench-communities DATABASE (or GUILD_BENCH_DB). Prints one
 * "name: value" line per figure. */

typedef struct
{
  GuildCommunitiesPage *page;
  gint64                ready_at;
  gint64                painted_at;
  double                ready_cpu;
  double                painted_cpu;
  guint                 frames;
  gboolean              loaded;
} Load;

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

typedef struct
{
  GArray *wall;
  GArray *cpu;
} Samples;

static void
samples_init (Samples *s)
{
  s->wall = g_array_new (FALSE, FALSE, sizeof (double));
  s->cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
samples_clear (Samples *s)
{
  g_array_unref (s->wall);
  g_array_unref (s->cpu);
}

typedef struct
{
  gint64 wall;
  double cpu;
} Stamp;

static Stamp
stamp (void)
{
  return (Stamp) { now_us (), cpu_ms () };
}

static void
samples_add (Samples *s,
             Stamp    start)
{
  double wall = (now_us () - start.wall) / 1000.0;
  double cpu = cpu_ms () - start.cpu;

  g_array_append_val (s->wall, wall);
  g_array_append_val (s->cpu, cpu);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report_one (const char *name,
            GArray     *samples_ms)
{
  double median;

  g_array_sort (samples_ms, compare_doubles);
  if (samples_ms->len % 2)
    median = g_array_index (samples_ms, double, samples_ms->len / 2);
  else
    median = (g_array_index (samples_ms, double, samples_ms->len / 2 - 1) +
              g_array_index (samples_ms, double, samples_ms->len / 2)) / 2;

  g_print ("%s-median-ms: %.2f\n", name, median);
  g_print ("%s-max-ms: %.2f\n", name, g_array_index (samples_ms, double, samples_ms->len - 1));
  g_print ("%s-samples: %u\n", name, samples_ms->len);
}

static void
report (const char *name,
        Samples    *s)
{
  g_autofree char *cpu_name = g_strconcat (name, "-cpu", NULL);

  report_one (name, s->wall);
  report_one (cpu_name, s->cpu);
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = GUILD_IS_COMMUNITY_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);

  return n;
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Load          *load)
{
  if (load->ready_at == 0 || load->painted_at != 0)
    return;

  load->frames++;
  if (count_rows (GTK_WIDGET (load->page)) > 0)
    {
      load->painted_at = now_us ();
      load->painted_cpu = cpu_ms ();
    }
}

static void
on_n_items_cb (GListModel *model,
               GParamSpec *pspec,
               Load       *load)
{
  if (load->ready_at == 0 && g_list_model_get_n_items (model) > 0)
    {
      load->ready_at = now_us ();
      load->ready_cpu = cpu_ms ();
    }
}

static void
spin_until (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (50, set_flag_cb, &done);
  spin_until (&done);
}

/* Types the @i-th character of @text (counting from 1) into the search
 * entry, or, with @backspace, deletes the character before position @i. */
static void
timed_key (GuildCommunitiesPage *page,
           const char           *text,
           glong                 i,
           gboolean              backspace,
           Samples              *s)
{
  GtkEditable *entry = _guild_communities_page_get_search_entry (page);
  Stamp start = stamp ();

  if (backspace)
    gtk_editable_delete_text (entry, i - 1, i);
  else
    {
      const char *from = g_utf8_offset_to_pointer (text, i - 1);
      const char *to = g_utf8_next_char (from);
      int position = i - 1;

      gtk_editable_insert_text (entry, from, to - from, &position);
    }
  g_list_model_get_n_items (_guild_communities_page_get_model (page));
  if (s != NULL)
    samples_add (s, start);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Samples search, filters, sorts;
  const char *path = argc > 1 ? argv[1] : g_getenv ("GUILD_BENCH_DB");
  const char *typed[] = { "amsterdam", "МОСКВА", "сообщество" };
  const struct { const char *field, *value; } filter_steps[] = {
    { "platform", "discord" }, { "platform", "slack" }, { "status", "active" },
    { "format", "online" }, { "language", "English" },
  };
  const char *sort_steps[] = { "last-activity", "joined", "name", "last-activity", "name" };
  Load load = { 0 };
  GtkWindow *window;
  GtkWidget *overlay;
  GdkFrameClock *clock;
  gint64 asked;

  setlocale (LC_ALL, "");
  samples_init (&search);
  samples_init (&filters);
  samples_init (&sorts);
  if (path == NULL)
    {
      g_printerr ("usage: bench-communities DATABASE\n");
      return 77;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("bench-communities: no display\n");
      return 77;
    }
  adw_init ();

  store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    {
      g_printerr ("bench-communities: %s\n", error->message);
      return 1;
    }

  load.page = g_object_new (GUILD_TYPE_COMMUNITIES_PAGE, NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (load.page));
  gtk_window_set_child (window, overlay);
  guild_communities_page_set_store (load.page, store);
  gtk_window_present (window);

  /* The window's first frame comes first, as in the app. */
  settle ();
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &load);
  g_signal_connect (_guild_communities_page_get_model (load.page), "notify::n-items",
                    G_CALLBACK (on_n_items_cb), &load);

  asked = now_us ();
  guild_communities_page_load (load.page);
  while (load.painted_at == 0)
    g_main_context_iteration (NULL, TRUE);

  g_print ("communities: %u\n",
           g_list_model_get_n_items (_guild_communities_page_get_model (load.page)));
  g_print ("load-data-ready-ms: %.1f\n", (load.ready_at - asked) / 1000.0);
  g_print ("load-ready-to-rows-painted-ms: %.1f\n", (load.painted_at - load.ready_at) / 1000.0);
  g_print ("load-ready-to-rows-painted-cpu-ms: %.1f\n", load.painted_cpu - load.ready_cpu);
  /* 1: the first frame after the data arrived already shows rows. */
  g_print ("load-frames-until-rows: %u\n", load.frames);
  while (!_guild_communities_page_get_summaries_loaded (load.page))
    g_main_context_iteration (NULL, TRUE);
  g_print ("load-counts-ready-ms: %.1f\n", (now_us () - asked) / 1000.0);
  settle ();
  g_print ("row-widgets: %u\n", count_rows (GTK_WIDGET (load.page)));

  /* Typing, a keystroke at a time, then deleting it again. */
  for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
    {
      glong n = g_utf8_strlen (typed[t], -1);

      for (glong i = 1; i <= n; i++)
        {
          timed_key (load.page, typed[t], i, FALSE, &search);
          settle ();
        }
      for (glong i = n; i >= 1; i--)
        {
          timed_key (load.page, typed[t], i, TRUE, &search);
          settle ();
        }
    }
  report ("search-keystroke", &search);

  /* The same without the list view: what the models alone cost. */
  if (g_getenv ("GUILD_BENCH_MODELS_ONLY") != NULL)
    {
      GtkListView *view = GTK_LIST_VIEW (find_list_view (GTK_WIDGET (load.page)));
      g_autoptr(GtkSelectionModel) model = g_object_ref (gtk_list_view_get_model (view));
      Samples bare;

      samples_init (&bare);

      gtk_list_view_set_model (view, NULL);
      for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
        {
          glong n = g_utf8_strlen (typed[t], -1);

          for (glong i = 1; i <= n; i++)
            timed_key (load.page, typed[t], i, FALSE, &bare);
          for (glong i = n; i >= 1; i--)
            timed_key (load.page, typed[t], i, TRUE, &bare);
        }
      report ("search-keystroke-models-only", &bare);
      samples_clear (&bare);
      gtk_list_view_set_model (view, model);
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (filter_steps); i++)
      {
        Stamp start = stamp ();

        _guild_communities_page_set_filter (load.page, filter_steps[i].field,
                                            filter_steps[i].value, pass == 0);
        g_list_model_get_n_items (_guild_communities_page_get_model (load.page));
        samples_add (&filters, start);
        settle ();
      }
  report ("filter-change", &filters);

  for (guint i = 0; i < G_N_ELEMENTS (sort_steps); i++)
    {
      Stamp start = stamp ();

      _guild_communities_page_set_sort (load.page, sort_steps[i]);
      g_list_model_get_n_items (_guild_communities_page_get_model (load.page));
      samples_add (&sorts, start);
      settle ();
    }
  report ("sort", &sorts);
  samples_clear (&search);
  samples_clear (&filters);
  samples_clear (&sorts);

  /* The member chooser. */
  {
    g_autoptr(GuildRecordList) contacts = guild_record_list_new (store, GUILD_RECORD_CONTACT);
    GuildMemberChooser *chooser;
    GtkFilterListModel *filtered = NULL;
    Samples keys, complete;
    const char *name = "elena";
    gint64 asked_contacts = now_us ();

    samples_init (&keys);
    samples_init (&complete);
    guild_record_list_load (contacts);
    while (!guild_record_list_get_loaded (contacts))
      g_main_context_iteration (NULL, TRUE);
    g_print ("contacts: %u\n", g_list_model_get_n_items (G_LIST_MODEL (contacts)));
    g_print ("members-contacts-loaded-ms: %.1f\n", (now_us () - asked_contacts) / 1000.0);

    chooser = guild_member_chooser_new (window, store, contacts, 1);
    gtk_window_present (GTK_WINDOW (chooser));
    settle ();
    filtered = _guild_member_chooser_get_filter_model (chooser);

    for (guint pass = 0; pass < 2; pass++)
      for (glong i = 1; i <= (glong) strlen (name); i++)
        {
          /* Typing the name, then deleting it. */
          g_autofree char *prefix = g_strndup (name, pass == 0 ? (gsize) i : strlen (name) - i);
          Stamp start = stamp ();

          guild_member_chooser_set_query (chooser, prefix);
          samples_add (&keys, start);
          while (gtk_filter_list_model_get_pending (filtered))
            g_main_context_iteration (NULL, TRUE);
          samples_add (&complete, start);
          settle ();
        }
    g_print ("members-shown-for-query: %u\n", guild_member_chooser_get_n_shown (chooser));
    report ("members-keystroke", &keys);
    report ("members-filtered", &complete);
    samples_clear (&keys);
    samples_clear (&complete);
    gtk_window_destroy (GTK_WINDOW (chooser));
  }

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return 0;
}
