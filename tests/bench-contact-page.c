/* bench-contact-page.c: the contact detail page on a large database
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "guild-activity-timeline.h"
#include "guild-contact-editor.h"
#include "guild-store.h"

/* Run by build-aux/bench --contact-page under Xvfb on a generated database
 * (10,000 events): the "Met at event" list's read and labelling on workers
 * (from asking to the rows in the drop-down) and the longest the main loop
 * was kept from running meanwhile; opening a contact (the main thread's
 * part, with the event chosen among all of them); and its activity
 * timeline's first rows. Not a test: it measures. */

#define N_OPENS 25

static gint64 last_tick;
static gint64 longest_gap;

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > longest_gap)
    longest_gap = now - last_tick;
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
iterate_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 give_up = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  if (!done (data))
    {
      fprintf (stderr, "timed out\n");
      exit (1);
    }
}

static gboolean
events_loaded (gpointer data)
{
  GtkDropDown *dropdown = data;
  guint want = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "want"));

  return g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) == want;
}

static gboolean
timeline_loaded (gpointer data)
{
  GuildActivityList *list = guild_activity_timeline_get_list (data);

  return list != NULL && !guild_activity_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) > 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) timelines = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) contacts = NULL;
  GuildContactEditor *editor;
  GtkDropDown *dropdown;
  GtkWidget *window;
  guint n_events;
  guint tick;
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
  n_events = guild_store_count (store, GUILD_RECORD_EVENT);
  contacts = guild_store_list (store, GUILD_RECORD_CONTACT, NULL, &error);
  if (contacts == NULL || contacts->len == 0)
    {
      fprintf (stderr, "no contacts\n");
      return 1;
    }

  editor = g_object_new (GUILD_TYPE_CONTACT_EDITOR, NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));
  /* The window's first frames (styles, fonts) are not the list's work. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE);
  dropdown = GTK_DROP_DOWN (_guild_contact_editor_get_row (editor, "met-at-event"));
  g_object_set_data (G_OBJECT (dropdown), "want", GUINT_TO_POINTER (n_events + 1));

  /* The machine's own noise: the longest gap of an idle main loop. */
  tick = g_timeout_add (1, tick_cb, NULL);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 500 * 1000)
    g_main_context_iteration (NULL, TRUE);
  printf ("longest main-loop gap when idle: %.1f ms\n", longest_gap / 1000.0);
  longest_gap = 0;

  /* The events: read and labelled on workers while the main loop runs. */
  start = g_get_monotonic_time ();
  guild_contact_editor_set_store (editor, store);
  iterate_until (events_loaded, dropdown);
  printf ("events: %u\n", n_events);
  printf ("met-at-event list filled: %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  /* The last iteration's length shows at the next tick. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 100 * 1000)
    g_main_context_iteration (NULL, FALSE);
  printf ("longest main-loop stall while filling: %.1f ms\n", longest_gap / 1000.0);
  g_source_remove (tick);

  /* Opening contacts, each with its event chosen among all of them. */
  for (guint i = 0; i < N_OPENS; i++)
    {
      GuildRecord *contact = g_ptr_array_index (contacts, (i * 7919u) % contacts->len);
      GuildActivityTimeline *timeline =
        GUILD_ACTIVITY_TIMELINE (_guild_contact_editor_get_row (editor, "activity-timeline"));
      double ms;

      start = g_get_monotonic_time ();
      guild_contact_editor_edit (editor, guild_record_get_id (contact), FALSE);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (opens, ms);

      if (guild_store_count (store, GUILD_RECORD_ACTIVITY) > 0)
        {
          gint64 give_up = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

          while (!timeline_loaded (timeline) && g_get_monotonic_time () < give_up)
            g_main_context_iteration (NULL, TRUE);
          if (timeline_loaded (timeline))
            {
              ms = (g_get_monotonic_time () - start) / 1000.0;
              g_array_append_val (timelines, ms);
            }
        }
    }
  g_array_sort (opens, compare_doubles);
  printf ("open a contact median: %.1f ms\n", g_array_index (opens, double, opens->len / 2));
  printf ("open a contact worst: %.1f ms\n", g_array_index (opens, double, opens->len - 1));
  if (timelines->len > 0)
    {
      g_array_sort (timelines, compare_doubles);
      printf ("contact timeline rows median: %.1f ms\n",
              g_array_index (timelines, double, timelines->len / 2));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
