/* guild-event-row.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-event-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-event-row.h"
#include "guild-format.h"

/* One event in the list: its title, when it starts in local time, and its
 * status. Events that are over are dimmed. */

struct _GuildEventRow
{
  GtkWidget   parent_instance;

  /* Owned */
  GuildEvent *item;
};

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildEventRow, guild_event_row, GTK_TYPE_WIDGET)

/* Section: template callbacks */

static char *
format_when (gpointer this_object,
             gint64   starts_at,
             gboolean all_day)
{
  if (starts_at <= 0)
    return g_strdup ("");

  return guild_format_event_time (starts_at, all_day);
}

static char *
format_status (gpointer    this_object,
               const char *status)
{
  return g_strdup (status != NULL ? guild_vocab_label (GUILD_VOCAB_EVENT_STATUS, status) : "");
}

static char **
row_classes (gpointer this_object,
             gint64   starts_at,
             gint64   ends_at)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **classes;

  if (MAX (starts_at, ends_at) < g_get_real_time () / G_USEC_PER_SEC)
    g_strv_builder_add (builder, "guild-past");

  classes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return classes;
}

/* Section: GObject */

static void
guild_event_row_dispose (GObject *object)
{
  GuildEventRow *self = (GuildEventRow *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_EVENT_ROW);

  /* A widget with a layout manager unparents its own children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (guild_event_row_parent_class)->dispose (object);
}

static void
guild_event_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GuildEventRow *self = GUILD_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_event_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GuildEventRow *self = GUILD_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      guild_event_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_event_row_class_init (GuildEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_event_row_dispose;
  object_class->get_property = guild_event_row_get_property;
  object_class->set_property = guild_event_row_set_property;

  /* A GObject rather than a GuildEvent, so that a GtkListItem's "item" binds
   * to it directly. */
  properties [PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/calendar/guild-event-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, format_when);
  gtk_widget_class_bind_template_callback (widget_class, format_status);
  gtk_widget_class_bind_template_callback (widget_class, row_classes);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
guild_event_row_init (GuildEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Section: public API */

/**
 * guild_event_row_get_item:
 *
 * Returns: (transfer none) (nullable): the event shown
 */
GuildEvent *
guild_event_row_get_item (GuildEventRow *self)
{
  g_return_val_if_fail (GUILD_IS_EVENT_ROW (self), NULL);

  return self->item;
}

void
guild_event_row_set_item (GuildEventRow *self,
                          GuildEvent    *item)
{
  g_return_if_fail (GUILD_IS_EVENT_ROW (self));
  g_return_if_fail (item == NULL || GUILD_IS_EVENT (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ITEM]);
}
