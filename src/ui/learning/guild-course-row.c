/* guild-course-row.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-course-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-course-row.h"
#include "guild-learning-format.h"

/* A course in the Learning window's list: its title, provider, status and
 * progress. It follows the record's property notifications. */

struct _GuildCourseRow
{
  GtkWidget       parent_instance;

  /* Owned (children) */
  GtkWidget      *box;

  /* Borrowed */
  GtkLabel       *title_label;
  GtkLabel       *status_label;
  GtkLabel       *provider_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *progress_label;

  /* Owned */
  GuildCourse    *item;
};

G_DEFINE_FINAL_TYPE (GuildCourseRow, guild_course_row, GTK_TYPE_WIDGET)

static void
update (GuildCourseRow *self)
{
  GuildRecord *record = GUILD_RECORD (self->item);
  const char *status = guild_record_get_text (record, "status");
  const char *provider = guild_record_get_text (record, "provider");
  const char *status_label = guild_vocab_label (GUILD_VOCAB_COURSE_STATUS, status);
  int progress = guild_record_get_int (record, "progress");
  g_autofree char *progress_text = guild_learning_progress_text (progress);
  g_autofree char *label = NULL;

  gtk_label_set_text (self->title_label, guild_record_get_text (record, "title"));
  gtk_label_set_text (self->status_label, status_label);
  gtk_label_set_text (self->provider_label, provider);
  gtk_widget_set_visible (GTK_WIDGET (self->provider_label), *provider != '\0');
  gtk_progress_bar_set_fraction (self->progress_bar, progress / 100.0);
  gtk_label_set_text (self->progress_label, progress_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, progress_text,
                                  -1);

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "accent");
  if (g_str_equal (status, "completed"))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
  else if (g_str_equal (status, "in_progress"))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "accent");
  gtk_widget_set_opacity (self->box, g_str_equal (status, "dropped") ? 0.6 : 1.0);

  if (*provider != '\0')
    /* Translators: a course row as a screen reader reads it: title, provider,
     * status and progress. */
    label = g_strdup_printf (_("%s, %s, %s, %s"), guild_record_get_text (record, "title"),
                             provider, status_label, progress_text);
  else
    /* Translators: a course row as a screen reader reads it: title, status
     * and progress. */
    label = g_strdup_printf (_("%s, %s, %s"), guild_record_get_text (record, "title"),
                             status_label, progress_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
guild_course_row_dispose (GObject *object)
{
  GuildCourseRow *self = (GuildCourseRow *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (guild_course_row_parent_class)->dispose (object);
}

static void
guild_course_row_class_init (GuildCourseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_course_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkLabel *
new_label (const char *css_class,
           float       xalign)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, xalign);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);

  return label;
}

static void
guild_course_row_init (GuildCourseRow *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (self->box, 10);
  gtk_widget_set_margin_bottom (self->box, 10);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);

  self->title_label = new_label ("heading", 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  self->status_label = new_label ("guild-status", 0.5);
  gtk_label_set_ellipsize (self->status_label, PANGO_ELLIPSIZE_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "caption");
  gtk_widget_set_valign (GTK_WIDGET (self->status_label), GTK_ALIGN_CENTER);
  self->provider_label = new_label ("dim-label", 0);

  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress_bar), GTK_ALIGN_CENTER);
  self->progress_label = new_label ("dim-label", 1);
  gtk_label_set_ellipsize (self->progress_label, PANGO_ELLIPSIZE_NONE);
  /* The same width for "0 % done" and "100 % done", so the bars line up. */
  gtk_label_set_width_chars (self->progress_label, 11);
  gtk_widget_add_css_class (GTK_WIDGET (self->progress_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->progress_label), "numeric");

  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->progress_bar));
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->progress_label));
  gtk_box_append (GTK_BOX (self->box), top);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->provider_label));
  gtk_box_append (GTK_BOX (self->box), bottom);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

/**
 * guild_course_row_new:
 *
 * Returns: (transfer floating): a row showing @item and following it.
 */
GtkWidget *
guild_course_row_new (GuildCourse *item)
{
  GuildCourseRow *self;

  g_return_val_if_fail (GUILD_IS_COURSE (item), NULL);

  self = g_object_new (GUILD_TYPE_COURSE_ROW, NULL);
  self->item = g_object_ref (item);
  g_signal_connect_object (item, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

GuildCourse *
guild_course_row_get_item (GuildCourseRow *self)
{
  g_return_val_if_fail (GUILD_IS_COURSE_ROW (self), NULL);

  return self->item;
}
