/* guild-rating-bar.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-rating-bar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-rating-bar.h"

/* A 1–5 rating as five linked toggle buttons (a segmented control): each
 * button says what choosing it means to a screen reader ("Satisfaction: 4
 * of 5"), and the group says the current value. 0 is "not rated"; clicking
 * the chosen value again clears it. */

struct _GuildRatingBar
{
  GtkWidget        parent_instance;

  char            *name;
  GtkWidget       *box;
  GtkToggleButton *buttons[5];
  int              value;
  guint            syncing : 1;
};

enum {
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildRatingBar, guild_rating_bar, GTK_TYPE_WIDGET)

/**
 * guild_rating_bar_describe:
 * @name: what is rated
 * @value: 1–5, or 0 for none
 *
 * Returns: (transfer full): "Satisfaction: 4 of 5", or "Satisfaction: not rated"
 */
char *
guild_rating_bar_describe (const char *name,
                       int         value)
{
  if (value <= 0)
    /* Translators: %s is what is rated, as in "Satisfaction: not rated". */
    return g_strdup_printf (_("%s: not rated"), name);

  /* Translators: a rating, as in "Satisfaction: 4 of 5". */
  return g_strdup_printf (_("%s: %d of 5"), name, value);
}

static void
sync_buttons (GuildRatingBar *self)
{
  g_autofree char *description = guild_rating_bar_describe (self->name, self->value);

  self->syncing = TRUE;
  for (int i = 0; i < 5; i++)
    gtk_toggle_button_set_active (self->buttons[i], self->value == i + 1);
  self->syncing = FALSE;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
}

static void
on_toggled_cb (GtkToggleButton *button,
               GuildRatingBar     *self)
{
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "value"));

  if (self->syncing)
    return;

  if (gtk_toggle_button_get_active (button))
    guild_rating_bar_set_value (self, value);
  else if (self->value == value)
    guild_rating_bar_set_value (self, 0);
}

static void
guild_rating_bar_dispose (GObject *object)
{
  GuildRatingBar *self = (GuildRatingBar *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (guild_rating_bar_parent_class)->dispose (object);
}

static void
guild_rating_bar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int (value, GUILD_RATING_BAR (object)->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_rating_bar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_VALUE:
      guild_rating_bar_set_value (GUILD_RATING_BAR (object), g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_rating_bar_class_init (GuildRatingBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_rating_bar_dispose;
  object_class->get_property = guild_rating_bar_get_property;
  object_class->set_property = guild_rating_bar_set_property;

  properties [PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL, 0, 5, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "guildratingbar");
}

static void
guild_rating_bar_init (GuildRatingBar *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->box, "linked");
  gtk_widget_set_valign (self->box, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "", -1);

  for (int i = 0; i < 5; i++)
    {
      char label[2] = { (char) ('1' + i), '\0' };
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      g_object_set_data (G_OBJECT (button), "value", GINT_TO_POINTER (i + 1));
      g_signal_connect (button, "toggled", G_CALLBACK (on_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->box), button);
      self->buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}

/**
 * guild_rating_bar_new:
 * @name: what is rated, for the accessible names ("Satisfaction")
 */
GtkWidget *
guild_rating_bar_new (const char *name)
{
  GuildRatingBar *self = g_object_new (GUILD_TYPE_RATING_BAR, NULL);

  self->name = g_strdup (name);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *description = guild_rating_bar_describe (name, i + 1);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
    }
  sync_buttons (self);

  return GTK_WIDGET (self);
}

int
guild_rating_bar_get_value (GuildRatingBar *self)
{
  g_return_val_if_fail (GUILD_IS_RATING_BAR (self), 0);

  return self->value;
}

void
guild_rating_bar_set_value (GuildRatingBar *self,
                        int          value)
{
  g_return_if_fail (GUILD_IS_RATING_BAR (self));
  g_return_if_fail (value >= 0 && value <= 5);

  if (self->value == value)
    {
      sync_buttons (self);
      return;
    }

  self->value = value;
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VALUE]);
}
