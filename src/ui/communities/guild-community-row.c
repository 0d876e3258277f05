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
 * last did something there. The labels follow the community's and the
 * item's notifications, so an edit in the detail page shows up here as it
 * is typed.
 *
 * The row is built in code rather than from a template: GtkListView in GTK
 * 4.8 makes about 200 rows and remakes many of them when a search changes
 * the list, and parsing a template for each took most of a keystroke's time
 * (see build-aux/bench --views). */

struct _GuildCommunityRow
{
  GtkWidget           parent_instance;

  /* Children */
  GtkLabel           *name_label;
  GtkLabel           *status_label;
  GtkLabel           *platform_label;
  GtkLabel           *details_label;

  /* Owned */
  GuildCommunityItem *item;
  GuildCommunity     *community;
};

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildCommunityRow, guild_community_row, GTK_TYPE_WIDGET)

/* The present, for "3 days ago". Reading the local time zone checks
 * /etc/localtime each time, so rows share one, made once. */
static GDateTime *
now_local (void)
{
  static GTimeZone *tz;

  if (tz == NULL)
    tz = g_time_zone_new_local ();

  return g_date_time_new_now (tz);
}

static char *
format_details (guint  members,
                gint64 last_activity)
{
  g_autofree char *count = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;

  /* Translators: how many of the user's contacts belong to a community. */
  count = g_strdup_printf (ngettext ("%u member", "%u members", members), members);
  if (last_activity == 0)
    /* Translators: %s is a number of members; no activity was logged yet. */
    return g_strdup_printf (_("%s · no activity yet"), count);

  now = now_local ();
  when = guild_format_relative_day (last_activity, now);
  /* Translators: the first %s is a number of members, the second when the
   * user last did something in the community ("3 days ago", "today"). */
  return g_strdup_printf (_("%s · active %s"), count, when);
}

static void
update_name (GuildCommunityRow *self)
{
  gtk_label_set_text (self->name_label,
                      self->community
                      ? guild_record_get_text (GUILD_RECORD (self->community), "name") : "");
}

static void
update_status (GuildCommunityRow *self)
{
  gtk_label_set_text (self->status_label,
                      self->community
                      ? guild_vocab_label (GUILD_VOCAB_COMMUNITY_STATUS,
                                           guild_record_get_text (GUILD_RECORD (self->community),
                                                                  "status"))
                      : "");
}

static void
update_platform (GuildCommunityRow *self)
{
  gtk_label_set_text (self->platform_label,
                      self->community
                      ? guild_vocab_label (GUILD_VOCAB_PLATFORM,
                                           guild_record_get_text (GUILD_RECORD (self->community),
                                                                  "platform"))
                      : "");
}

static void
update_details (GuildCommunityRow *self)
{
  g_autofree char *details = NULL;

  if (self->item != NULL)
    details = format_details (guild_community_item_get_members (self->item),
                              guild_community_item_get_last_activity (self->item));

  gtk_label_set_text (self->details_label, details ? details : "");
}

static GtkLabel *
make_label (GtkWidget  *parent,
            gboolean    expand,
            const char *first_class,
            const char *second_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, expand);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (first_class != NULL)
    gtk_widget_add_css_class (label, first_class);
  if (second_class != NULL)
    gtk_widget_add_css_class (label, second_class);
  gtk_box_append (GTK_BOX (parent), label);

  return GTK_LABEL (label);
}

/* Section: GObject */

static void
guild_community_row_dispose (GObject *object)
{
  GuildCommunityRow *self = (GuildCommunityRow *)object;
  GtkWidget *child;

  guild_community_row_set_item (self, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

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

  /* A GObject rather than a GuildCommunityItem, so that a GtkListItem's
   * "item" binds to it directly. */
  properties [PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
guild_community_row_init (GuildCommunityRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), bottom);
  gtk_widget_set_parent (box, GTK_WIDGET (self));

  self->name_label = make_label (top, TRUE, "heading", NULL);
  self->status_label = make_label (top, FALSE, "guild-status", "caption");
  gtk_label_set_ellipsize (self->status_label, PANGO_ELLIPSIZE_NONE);
  self->platform_label = make_label (bottom, FALSE, "guild-platform-badge", "caption");
  gtk_label_set_max_width_chars (self->platform_label, 18);
  self->details_label = make_label (bottom, TRUE, "dim-label", "caption");
}

/* Section: public API */

GtkWidget *
guild_community_row_new (void)
{
  return g_object_new (GUILD_TYPE_COMMUNITY_ROW, NULL);
}

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

  if (self->item == item)
    return;

  if (self->item != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->item, self);
      g_signal_handlers_disconnect_by_data (self->community, self);
      g_clear_object (&self->community);
      g_clear_object (&self->item);
    }

  if (item != NULL)
    {
      self->item = g_object_ref (item);
      self->community = g_object_ref (guild_community_item_get_community (item));
      g_signal_connect_swapped (self->community, "notify::name",
                                G_CALLBACK (update_name), self);
      g_signal_connect_swapped (self->community, "notify::status",
                                G_CALLBACK (update_status), self);
      g_signal_connect_swapped (self->community, "notify::platform",
                                G_CALLBACK (update_platform), self);
      g_signal_connect_swapped (self->item, "notify::members",
                                G_CALLBACK (update_details), self);
      g_signal_connect_swapped (self->item, "notify::last-activity",
                                G_CALLBACK (update_details), self);
    }

  update_name (self);
  update_status (self);
  update_platform (self);
  update_details (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ITEM]);
}
