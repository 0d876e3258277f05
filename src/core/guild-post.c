/* guild-post.c: handing work from a worker thread to a main context
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "guild-post.h"

/**
 * guild_post_to_context:
 * @context: (nullable): where @function runs; %NULL for the global default
 * @priority: the priority of the source
 * @function: called in that thread, again as long as it returns %G_SOURCE_CONTINUE
 * @data: for @function
 * @notify: (nullable): frees @data once @function has run or the source is gone
 *
 * Always queues @function as an idle source of @context, to run in the thread
 * that iterates it.
 *
 * Workers must use this, never g_main_context_invoke(): that one calls the
 * function at once, in the calling thread, whenever the context is not
 * acquired at that moment — and the main thread of a program does not hold
 * the default context while it runs outside an iteration. A progress report
 * that touches a widget then runs on the worker, in the middle of whatever
 * GTK is doing on the main thread.
 */
void
guild_post_to_context (GMainContext   *context,
                       int             priority,
                       GSourceFunc     function,
                       gpointer        data,
                       GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_return_if_fail (function != NULL);

  g_source_set_priority (source, priority);
  g_source_set_callback (source, function, data, notify);
  g_source_set_static_name (source, "[guild] post to context");
  g_source_attach (source, context);
}
