/* test-post.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "guild-post.h"

/* A worker's progress report runs in the thread that iterates the context,
 * never in the worker — even while the main thread is busy outside an
 * iteration and nobody holds the context, which is when
 * g_main_context_invoke() would have run it on the worker. */

typedef struct
{
  GThread *ran_in;
  guint    runs;
  gboolean freed;
} Post;

static gboolean
record_thread (gpointer data)
{
  Post *post = data;

  post->ran_in = g_thread_self ();
  post->runs++;

  return G_SOURCE_REMOVE;
}

static void
mark_freed (gpointer data)
{
  Post *post = data;

  post->freed = TRUE;
}

static gpointer
worker (gpointer data)
{
  guild_post_to_context (NULL, G_PRIORITY_DEFAULT, record_thread, data, mark_freed);

  return NULL;
}

static void
test_runs_in_iterating_thread (void)
{
  Post post = { NULL, 0, FALSE };
  GThread *thread;

  /* The main thread does not hold the default context here. */
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));

  thread = g_thread_new ("worker", worker, &post);
  g_thread_join (thread);

  /* Queued, not run, and not on the worker. */
  g_assert_cmpuint (post.runs, ==, 0);
  g_assert_null (post.ran_in);

  while (post.runs == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (post.ran_in == g_thread_self ());
  g_assert_cmpuint (post.runs, ==, 1);
  g_assert_true (post.freed);
}

static void
test_own_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  Post post = { NULL, 0, FALSE };

  /* Posted from the thread that could run it at once: still queued. */
  guild_post_to_context (context, G_PRIORITY_HIGH, record_thread, &post, mark_freed);
  g_assert_cmpuint (post.runs, ==, 0);
  g_assert_false (g_main_context_iteration (NULL, FALSE) && post.runs > 0);

  while (g_main_context_iteration (context, FALSE))
    ;
  g_assert_cmpuint (post.runs, ==, 1);
  g_assert_true (post.freed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guild/post/runs-in-iterating-thread", test_runs_in_iterating_thread);
  g_test_add_func ("/guild/post/own-context", test_own_context);

  return g_test_run ();
}
