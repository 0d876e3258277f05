/* guild-label-factory.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "guild-label-factory.h"

/* A drop-down over a GtkStringList shows its choice in a label. Given to
 * the button (ellipsize), a long choice never widens the page past a narrow
 * window; given to the list (wrap), it is shown whole. */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  int chars = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* A positive width ellipsizes, a negative one wraps. */
  if (chars > 0)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  else
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), ABS (chars));
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

/**
 * guild_label_factory_new:
 * @ellipsize: %TRUE to ellipsize a long string, %FALSE to wrap it
 * @max_width_chars: the label's widest, in characters (more than 0)
 *
 * Returns: (transfer full): a factory of labels for the #GtkStringObject
 *   items of a drop-down
 */
GtkListItemFactory *
guild_label_factory_new (gboolean ellipsize,
                         int      max_width_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_return_val_if_fail (max_width_chars > 0, factory);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb),
                    GINT_TO_POINTER (ellipsize ? max_width_chars : -max_width_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);

  return factory;
}
