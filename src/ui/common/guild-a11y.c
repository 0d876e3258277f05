/* guild-a11y.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-a11y"

#include "config.h"

#include "guild-a11y.h"

/* GTK 4.8 puts every page of a GtkStack or AdwViewStack in the
 * accessibility tree, shown or not, and reports no "showing" state: a screen
 * reader would read the empty state, the spinner and the list of a view at
 * once. Marking the pages that are not on screen as hidden takes them out of
 * the tree (gtk_accessible_should_present()). */

static void
sync_hidden (GtkWidget *stack)
{
  GtkWidget *visible = NULL;

  g_object_get (stack, "visible-child", &visible, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (stack);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, child != visible,
                                 -1);

  g_clear_object (&visible);
}

/**
 * guild_a11y_follow_stack:
 * @stack: a GtkStack or AdwViewStack
 *
 * Keeps the pages of @stack that are not on screen hidden from assistive
 * technologies, from now on.
 */
void
guild_a11y_follow_stack (GtkWidget *stack)
{
  g_return_if_fail (GTK_IS_WIDGET (stack));
  g_return_if_fail (g_object_class_find_property (G_OBJECT_GET_CLASS (stack),
                                                  "visible-child") != NULL);

  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (sync_hidden), NULL);
  sync_hidden (stack);
}
