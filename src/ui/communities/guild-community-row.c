/* guild-community-row.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-community-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-community-row.h"
#include "guild-relative-date.h"

/* One community in the list: its name and status, and below them its
 * platform, how many of the user's contacts belong to it and when the user
 * last did something there. The labels are bound to the item's properties in
 * the template, so an edit in the detail page shows up here as it is typed. */

struct _GuildCommunityRow
{
  GtkWidget       parent_instance;

  /* Owned */
  GuildCommunityItem *item;
};

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildCommunityRow, guild_community_row, GTK_TYPE_WIDGET)

/* Section: template callbacks */

static char *
format_platform (gpointer    this_object,
                 const char *platform)
{
  return g_strdup (platform != NULL ? guild_vocab_label (GUILD_VOCAB_PLATFORM, platform) : "");
}

static char *
format_details (gpointer this_object,
                guint    members,
                gint64   last_activity)
{
  g_autofree char *count = NULL;
  g_autofree char *when = NULL;

  /* Translators: how many of the user's contacts belong to a community. */
  count = g_strdup_printf (ngettext ("%u member", "%u members", members), members);
  if (last_activity == 0)
    /* Translators: %s is a number of members; no activity was logged yet. */
    return g_strdup_printf (_("%s · no activity yet"), count);

  when = guild_format_relative_day (last_activity, NULL);
  /* Translators: the first %s is a number of members, the second when the
   * user last did something in the community ("3 days ago", "today"). */
  return g_strdup_printf (_("%s · active %s"), count, when);
}

static char *
format_status (gpointer    this_object,
               const char *status)
{
  return g_strdup (status != NULL
                   ? guild_vocab_label (GUILD_VOCAB_COMMUNITY_STATUS, status)
                   : "");
}

/* Section: GObject */

static void
guild_community_row_dispose (GObject *object)
{
  GuildCommunityRow *self = (GuildCommunityRow *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_COMMUNITY_ROW);

  /* A widget with a layout manager unparents its own children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (guild_community_row_parent_class)->dispose (object);
}

static void
guild_community_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GuildCommunityRow *self = GUILD_COMMUNITY_ROW (object);

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
guild_community_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GuildCommunityRow *self = GUILD_COMMUNITY_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      guild_community_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_community_row_class_init (GuildCommunityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_community_row_dispose;
  object_class->get_property = guild_community_row_get_property;
  object_class->set_property = guild_community_row_set_property;

  /* A GObject rather than a GuildCommunityItem, so that a GtkListItem's "item"
   * binds to it directly. */
  properties [PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/communities/guild-community-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, format_platform);
  gtk_widget_class_bind_template_callback (widget_class, format_status);
  gtk_widget_class_bind_template_callback (widget_class, format_details);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
guild_community_row_init (GuildCommunityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Section: public API */

/**
 * guild_community_row_get_item:
 *
 * Returns: (transfer none) (nullable): the community shown
 */
GuildCommunityItem *
guild_community_row_get_item (GuildCommunityRow *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY_ROW (self), NULL);

  return self->item;
}

void
guild_community_row_set_item (GuildCommunityRow  *self,
                              GuildCommunityItem *item)
{
  g_return_if_fail (GUILD_IS_COMMUNITY_ROW (self));
  g_return_if_fail (item == NULL || GUILD_IS_COMMUNITY_ITEM (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ITEM]);
}
