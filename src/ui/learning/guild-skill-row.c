/* guild-skill-row.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-skill-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-learning-format.h"
#include "guild-skill-levels.h"
#include "guild-skill-row.h"

/* A skill in the Learning window's list: its name, the gap in words, and
 * its level over its target as a level bar. The row follows the record's
 * property notifications, so an edit shows at once. */

struct _GuildSkillRow
{
  GtkWidget         parent_instance;

  /* Owned (children) */
  GtkWidget        *box;

  /* Borrowed */
  GtkLabel         *name_label;
  GtkLabel         *gap_label;
  GuildSkillLevels *levels;

  /* Owned */
  GuildSkill       *item;
};

G_DEFINE_FINAL_TYPE (GuildSkillRow, guild_skill_row, GTK_TYPE_WIDGET)

static void
update (GuildSkillRow *self)
{
  GuildRecord *record = GUILD_RECORD (self->item);
  int level = guild_record_get_int (record, "level");
  int target = guild_record_get_int (record, "target-level");
  g_autofree char *gap = guild_learning_gap_text (level, target);
  g_autofree char *levels = guild_learning_levels_text (level, target);
  g_autofree char *label = NULL;

  gtk_label_set_text (self->name_label, guild_record_get_text (record, "name"));
  gtk_label_set_text (self->gap_label, gap);
  guild_skill_levels_set (self->levels, level, target);

  /* Translators: a skill row as a screen reader reads it: name, levels, gap. */
  label = g_strdup_printf (_("%s, %s, %s"), guild_record_get_text (record, "name"), levels, gap);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
guild_skill_row_dispose (GObject *object)
{
  GuildSkillRow *self = (GuildSkillRow *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (guild_skill_row_parent_class)->dispose (object);
}

static void
guild_skill_row_class_init (GuildSkillRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_skill_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
guild_skill_row_init (GuildSkillRow *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (self->box, 10);
  gtk_widget_set_margin_bottom (self->box, 10);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);

  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_label, 0);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");

  self->gap_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->gap_label, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->gap_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->gap_label), "caption");

  self->levels = GUILD_SKILL_LEVELS (guild_skill_levels_new ());

  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->gap_label));
  gtk_box_append (GTK_BOX (self->box), top);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->levels));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

/**
 * guild_skill_row_new:
 *
 * Returns: (transfer floating): a row showing @item and following it.
 */
GtkWidget *
guild_skill_row_new (GuildSkill *item)
{
  GuildSkillRow *self;

  g_return_val_if_fail (GUILD_IS_SKILL (item), NULL);

  self = g_object_new (GUILD_TYPE_SKILL_ROW, NULL);
  self->item = g_object_ref (item);
  g_signal_connect_object (item, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

GuildSkill *
guild_skill_row_get_item (GuildSkillRow *self)
{
  g_return_val_if_fail (GUILD_IS_SKILL_ROW (self), NULL);

  return self->item;
}

/**
 * guild_skill_row_get_levels:
 *
 * Returns: (transfer none): the row's GuildSkillLevels
 */
GtkWidget *
guild_skill_row_get_levels (GuildSkillRow *self)
{
  g_return_val_if_fail (GUILD_IS_SKILL_ROW (self), NULL);

  return GTK_WIDGET (self->levels);
}

const char *
guild_skill_row_get_gap_text (GuildSkillRow *self)
{
  g_return_val_if_fail (GUILD_IS_SKILL_ROW (self), NULL);

  return gtk_label_get_text (self->gap_label);
}
