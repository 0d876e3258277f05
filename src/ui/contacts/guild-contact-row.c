/* guild-contact-row.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-contact-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "guild-contact-row.h"

/* One contact in the list: an avatar with their initials, their name, and
 * what they do and where. The labels are bound to the item's properties in
 * the template, so an edit elsewhere shows up here at once. */

struct _GuildContactRow
{
  GtkWidget     parent_instance;

  /* Owned */
  GuildContact *item;
};

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildContactRow, guild_contact_row, GTK_TYPE_WIDGET)

/* Section: template callbacks */

static char *
format_work (gpointer    this_object,
             const char *position,
             const char *company)
{
  gboolean has_position = position != NULL && *position != '\0';
  gboolean has_company = company != NULL && *company != '\0';

  if (has_position && has_company)
    /* Translators: a contact's position and company, as in
     * "Data Analyst · Yandex". */
    return g_strdup_printf (_("%s · %s"), position, company);

  if (has_position)
    return g_strdup (position);

  if (has_company)
    return g_strdup (company);

  return g_strdup ("");
}

static gboolean
has_text (gpointer    this_object,
          const char *text)
{
  return text != NULL && *text != '\0';
}

/* Section: GObject */

static void
guild_contact_row_dispose (GObject *object)
{
  GuildContactRow *self = (GuildContactRow *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_CONTACT_ROW);

  /* A widget with a layout manager unparents its own children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (guild_contact_row_parent_class)->dispose (object);
}

static void
guild_contact_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GuildContactRow *self = GUILD_CONTACT_ROW (object);

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
guild_contact_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GuildContactRow *self = GUILD_CONTACT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      guild_contact_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_contact_row_class_init (GuildContactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_contact_row_dispose;
  object_class->get_property = guild_contact_row_get_property;
  object_class->set_property = guild_contact_row_set_property;

  /* A GObject rather than a GuildContact, so that a GtkListItem's "item"
   * binds to it directly. */
  properties [PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_AVATAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/contacts/guild-contact-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, format_work);
  gtk_widget_class_bind_template_callback (widget_class, has_text);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
guild_contact_row_init (GuildContactRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Section: public API */

/**
 * guild_contact_row_get_item:
 *
 * Returns: (transfer none) (nullable): the contact shown
 */
GuildContact *
guild_contact_row_get_item (GuildContactRow *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_ROW (self), NULL);

  return self->item;
}

void
guild_contact_row_set_item (GuildContactRow *self,
                            GuildContact    *item)
{
  g_return_if_fail (GUILD_IS_CONTACT_ROW (self));
  g_return_if_fail (item == NULL || GUILD_IS_CONTACT (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ITEM]);
}
