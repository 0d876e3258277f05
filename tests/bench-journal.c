/* bench-journal.c: how fast the Journal's filters and a community's timeline
 * are on a large database. Run by build-aux/bench --journal; not a test.
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each filter it times, over several runs, what the Journal does when a
 * filter changes: guild_activity_list_set_filter() until the first page of
 * rows is in the model (what the list view draws on the next frame), and
 * until every matching id is (the scrollbar's final length); then the cost
 * of making the items a screen shows (40 rows: single-row reads).
 */

#include <stdio.h>
#include <stdlib.h>

#include "guild-activity-list.h"
#include "guild-records.h"
#include "guild-store-activities.h"

typedef struct
{
  GuildActivityList *list;
  gint64             start;
  double             first_ms;
  gboolean           first_seen;
} Run;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Run        *run)
{
  if (!run->first_seen && g_list_model_get_n_items (model) > 0)
    {
      run->first_seen = TRUE;
      run->first_ms = (g_get_monotonic_time () - run->start) / 1000.0;
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  if (values->len == 0)
    return 0;
  if (values->len % 2)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2;
}

static void
measure (GuildStore                *store,
         const char                *label,
         const GuildActivityFilter *filter,
         int                        runs)
{
  g_autoptr(GArray) firsts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) alls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = 0;

  for (int r = 0; r < runs; r++)
    {
      g_autoptr(GuildActivityList) list = guild_activity_list_new (store);
      Run run = { list, 0, 0, FALSE };
      double all_ms;
      gint64 t;

      g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &run);
      run.start = g_get_monotonic_time ();
      guild_activity_list_set_filter (list, filter);
      while (guild_activity_list_get_loading (list))
        g_main_context_iteration (NULL, TRUE);
      all_ms = (g_get_monotonic_time () - run.start) / 1000.0;
      if (!run.first_seen)
        run.first_ms = all_ms;
      n = g_list_model_get_n_items (G_LIST_MODEL (list));

      /* A screen of rows: the items the list view asks for. */
      t = g_get_monotonic_time ();
      for (guint i = 0; i < MIN (n, 40u); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);
          guild_activity_list_community_name (list, guild_record_get_int (GUILD_RECORD (item),
                                                                          "community-id"));
        }
      {
        double ms = (g_get_monotonic_time () - t) / 1000.0;
        g_array_append_val (items, ms);
      }
      g_array_append_val (firsts, run.first_ms);
      g_array_append_val (alls, all_ms);
    }

  printf ("%-34s %9u rows  first page %7.1f ms  all ids %7.1f ms  40 rows %5.1f ms\n",
          label, n, median (firsts), median (alls), median (items));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildActivityFilter) filter = NULL;
  g_autoptr(GPtrArray) communities = NULL;
  int runs = argc > 2 ? atoi (argv[2]) : 7;
  gint64 community = 0;
  gint64 contact;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-journal DATABASE [RUNS]\n");
      return 2;
    }

  store = guild_store_open (argv[1], GUILD_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-journal: %s\n", error->message);
      return 1;
    }

  communities = guild_store_list (store, GUILD_RECORD_COMMUNITY, NULL, NULL);
  if (communities != NULL && communities->len > 0)
    community = guild_record_get_id (g_ptr_array_index (communities, 0));
  contact = 1;

  printf ("%u activities, median of %d runs\n",
          guild_store_count (store, GUILD_RECORD_ACTIVITY), runs);

  filter = guild_activity_filter_new ();
  measure (store, "journal: everything", filter, runs);

  filter->strategy = g_strdup ("learning");
  measure (store, "journal: strategy", filter, runs);
  g_clear_pointer (&filter->strategy, g_free);

  filter->kind = g_strdup ("publish");
  measure (store, "journal: kind", filter, runs);
  g_clear_pointer (&filter->kind, g_free);

  filter->from = now - 30 * 24 * 3600;
  measure (store, "journal: last 30 days", filter, runs);
  filter->from = 0;

  filter->community_id = community;
  measure (store, "timeline: one community", filter, runs);
  filter->strategy = g_strdup ("connecting");
  filter->from = now - 365 * 24 * 3600;
  measure (store, "journal: community+strategy+year", filter, runs);
  g_clear_pointer (&filter->strategy, g_free);
  filter->from = 0;
  filter->community_id = 0;

  filter->contact_id = contact;
  measure (store, "timeline: one contact", filter, runs);
  filter->contact_id = 0;

  filter->search = g_strdup ("meetup");
  measure (store, "journal: search \"meetup\"", filter, MIN (runs, 3));
  g_free (filter->search);
  filter->search = g_strdup ("джун");
  measure (store, "journal: search \"джун\"", filter, MIN (runs, 3));

  /* The quick-add dialog's contact search, per keystroke (on a worker). */
  {
    const char *queries[] = { "ann", "смир", "z" };

    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

        for (int r = 0; r < runs; r++)
          {
            g_autoptr(GPtrArray) found = NULL;
            gint64 t = g_get_monotonic_time ();
            double ms;

            found = guild_store_search_contacts (store, queries[q], 8, NULL, NULL);
            ms = (g_get_monotonic_time () - t) / 1000.0;
            g_array_append_val (times, ms);
          }
        printf ("contact search \"%s\", SQL (%u contacts)%*s %7.1f ms\n", queries[q],
                guild_store_count (store, GUILD_RECORD_CONTACT), 4, "", median (times));
      }
  }

  /* The same from the folded index the quick-add dialog builds when it opens. */
  {
    const char *queries[] = { "ann", "смир", "z" };
    gint64 t = g_get_monotonic_time ();
    GuildContactNameIndex *index;

    guild_store_prepare_contact_search (store);
    while ((index = g_object_get_data (G_OBJECT (store), "guild-contact-index")) == NULL)
      g_main_context_iteration (NULL, TRUE);
    printf ("contact index, built once on a worker      %7.1f ms\n",
            (g_get_monotonic_time () - t) / 1000.0);

    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

        for (int r = 0; r < runs; r++)
          {
            g_autoptr(GPtrArray) found = NULL;
            double ms;

            t = g_get_monotonic_time ();
            found = guild_contact_name_index_search (index, queries[q], 8);
            ms = (g_get_monotonic_time () - t) / 1000.0;
            g_array_append_val (times, ms);
          }
        printf ("contact search \"%s\", index%*s %7.1f ms\n", queries[q], 20, "",
                median (times));
      }
  }

  return 0;
}
