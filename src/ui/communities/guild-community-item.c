/* guild-community-item.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-community-item"

#include "config.h"

#include "guild-community-item.h"
#include "guild-text.h"

/* One row of the Communities list: the community, plus what the list shows
 * and sorts by that is not a field of it (its member count and latest
 * activity, from one aggregate query), plus the folded search text and the
 * collation key, made once and dropped when the community changes, so that
 * a keystroke or a sort does no Unicode work per row. */

struct _GuildCommunityItem
{
  GObject         parent_instance;

  /* Owned */
  GuildCommunity *community;
  char           *search_text;
  char           *sort_key;

  gint64          last_activity;
  guint           members;
};

enum {
  PROP_0,
  PROP_COMMUNITY,
  PROP_MEMBERS,
  PROP_LAST_ACTIVITY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildCommunityItem, guild_community_item, G_TYPE_OBJECT)

static void
on_community_notify_cb (GuildCommunityItem *self,
                        GParamSpec         *pspec,
                        GuildCommunity     *community)
{
  g_assert (GUILD_IS_COMMUNITY_ITEM (self));

  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->sort_key, g_free);
}

static void
guild_community_item_dispose (GObject *object)
{
  GuildCommunityItem *self = (GuildCommunityItem *)object;

  g_clear_object (&self->community);

  G_OBJECT_CLASS (guild_community_item_parent_class)->dispose (object);
}

static void
guild_community_item_finalize (GObject *object)
{
  GuildCommunityItem *self = (GuildCommunityItem *)object;

  g_free (self->search_text);
  g_free (self->sort_key);

  G_OBJECT_CLASS (guild_community_item_parent_class)->finalize (object);
}

static void
guild_community_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GuildCommunityItem *self = GUILD_COMMUNITY_ITEM (object);

  switch (prop_id)
    {
    case PROP_COMMUNITY:
      g_value_set_object (value, self->community);
      break;

    case PROP_MEMBERS:
      g_value_set_uint (value, self->members);
      break;

    case PROP_LAST_ACTIVITY:
      g_value_set_int64 (value, self->last_activity);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_community_item_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GuildCommunityItem *self = GUILD_COMMUNITY_ITEM (object);

  switch (prop_id)
    {
    case PROP_COMMUNITY:
      self->community = g_value_dup_object (value);
      g_signal_connect_object (self->community, "notify",
                               G_CALLBACK (on_community_notify_cb), self, G_CONNECT_SWAPPED);
      break;

    case PROP_MEMBERS:
      guild_community_item_set_members (self, g_value_get_uint (value));
      break;

    case PROP_LAST_ACTIVITY:
      guild_community_item_set_last_activity (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_community_item_class_init (GuildCommunityItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = guild_community_item_dispose;
  object_class->finalize = guild_community_item_finalize;
  object_class->get_property = guild_community_item_get_property;
  object_class->set_property = guild_community_item_set_property;

  properties [PROP_COMMUNITY] =
    g_param_spec_object ("community", NULL, NULL,
                         GUILD_TYPE_COMMUNITY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_MEMBERS] =
    g_param_spec_uint ("members", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LAST_ACTIVITY] =
    g_param_spec_int64 ("last-activity", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
guild_community_item_init (GuildCommunityItem *self)
{
}

GuildCommunityItem *
guild_community_item_new (GuildCommunity *community)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY (community), NULL);

  return g_object_new (GUILD_TYPE_COMMUNITY_ITEM, "community", community, NULL);
}

/**
 * guild_community_item_get_community:
 *
 * Returns: (transfer none): the community
 */
GuildCommunity *
guild_community_item_get_community (GuildCommunityItem *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY_ITEM (self), NULL);

  return self->community;
}

guint
guild_community_item_get_members (GuildCommunityItem *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY_ITEM (self), 0);

  return self->members;
}

void
guild_community_item_set_members (GuildCommunityItem *self,
                                  guint               members)
{
  g_return_if_fail (GUILD_IS_COMMUNITY_ITEM (self));

  if (self->members == members)
    return;

  self->members = members;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MEMBERS]);
}

gint64
guild_community_item_get_last_activity (GuildCommunityItem *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY_ITEM (self), 0);

  return self->last_activity;
}

void
guild_community_item_set_last_activity (GuildCommunityItem *self,
                                        gint64              last_activity)
{
  g_return_if_fail (GUILD_IS_COMMUNITY_ITEM (self));

  if (self->last_activity == last_activity)
    return;

  self->last_activity = last_activity;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_ACTIVITY]);
}

/**
 * guild_community_item_get_search_text:
 *
 * Returns: the name, description, notes and location, folded with
 *   guild_text_fold() and separated by newlines
 */
const char *
guild_community_item_get_search_text (GuildCommunityItem *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY_ITEM (self), NULL);

  if (self->search_text == NULL)
    {
      GuildRecord *record = GUILD_RECORD (self->community);
      g_autofree char *joined = NULL;

      joined = g_strjoin ("\n",
                          guild_record_get_text (record, "name"),
                          guild_record_get_text (record, "description"),
                          guild_record_get_text (record, "notes"),
                          guild_record_get_text (record, "location"),
                          NULL);
      self->search_text = guild_text_fold (joined);
    }

  return self->search_text;
}

/**
 * guild_community_item_get_sort_key:
 *
 * Returns: the name's collation key, to compare with strcmp()
 */
const char *
guild_community_item_get_sort_key (GuildCommunityItem *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY_ITEM (self), NULL);

  if (self->sort_key == NULL)
    {
      const char *name = guild_record_get_text (GUILD_RECORD (self->community), "name");
      g_autofree char *folded = g_utf8_casefold (name, -1);

      self->sort_key = g_utf8_collate_key (folded, -1);
    }

  return self->sort_key;
}
