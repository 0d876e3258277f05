/* guild-skill-levels.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-skill-levels"

#include "config.h"


#include "guild-learning-format.h"
#include "guild-skill-levels.h"
#include "guild-store-learning.h"

/* A skill's level at a glance: a discrete GtkLevelBar of the five levels
 * filled up to the current level, laid over a second one, in a lighter
 * colour, filled up to the target. Both have the same five blocks, so the
 * blocks between the level and the target read as "still to go". The
 * colours are in learning.css. */

struct _GuildSkillLevels
{
  GtkWidget    parent_instance;

  /* Owned (children) */
  GtkWidget   *overlay;
  GtkLevelBar *target_bar;
  GtkLevelBar *level_bar;
};

G_DEFINE_FINAL_TYPE (GuildSkillLevels, guild_skill_levels, GTK_TYPE_WIDGET)

/* The styles live with the widget, so that it looks right wherever it is
 * used (the Learning window, the charts pane). */
static void
ensure_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/learning/learning.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded = TRUE;
}

static GtkLevelBar *
new_bar (const char *css_class)
{
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, GUILD_SKILL_MAX_LEVEL);

  gtk_level_bar_set_mode (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_MODE_DISCRETE);
  /* The default offsets colour a low value as a warning; a low level is
   * not a warning here. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_add_css_class (bar, css_class);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);

  return GTK_LEVEL_BAR (bar);
}

static void
guild_skill_levels_dispose (GObject *object)
{
  GuildSkillLevels *self = (GuildSkillLevels *)object;

  g_clear_pointer (&self->overlay, gtk_widget_unparent);

  G_OBJECT_CLASS (guild_skill_levels_parent_class)->dispose (object);
}

static void
guild_skill_levels_class_init (GuildSkillLevelsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_skill_levels_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "guildskilllevels");
}

static void
guild_skill_levels_init (GuildSkillLevels *self)
{
  ensure_css ();
  self->overlay = gtk_overlay_new ();
  self->target_bar = new_bar ("guild-skill-target");
  self->level_bar = new_bar ("guild-skill-level");
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->target_bar));
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->level_bar));
  /* The screen reader hears the level bar with its words, once. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->target_bar),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));
  guild_skill_levels_set (self, 0, 0);
}

GtkWidget *
guild_skill_levels_new (void)
{
  return g_object_new (GUILD_TYPE_SKILL_LEVELS, NULL);
}

/**
 * guild_skill_levels_set:
 * @level: the current level, 0–5
 * @target: the target level, 0–5 (0: none)
 */
void
guild_skill_levels_set (GuildSkillLevels *self,
                        int               level,
                        int               target)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GUILD_IS_SKILL_LEVELS (self));

  level = CLAMP (level, 0, GUILD_SKILL_MAX_LEVEL);
  target = CLAMP (target, 0, GUILD_SKILL_MAX_LEVEL);

  gtk_level_bar_set_value (self->level_bar, level);
  gtk_level_bar_set_value (self->target_bar, MAX (level, target));

  text = guild_learning_levels_text (level, target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
}

GtkLevelBar *
guild_skill_levels_get_level_bar (GuildSkillLevels *self)
{
  g_return_val_if_fail (GUILD_IS_SKILL_LEVELS (self), NULL);

  return self->level_bar;
}

GtkLevelBar *
guild_skill_levels_get_target_bar (GuildSkillLevels *self)
{
  g_return_val_if_fail (GUILD_IS_SKILL_LEVELS (self), NULL);

  return self->target_bar;
}
