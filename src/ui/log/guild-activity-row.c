/* guild-activity-row.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-activity-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-activity-row.h"
#include "guild-log-format.h"
#include "guild-records.h"

/* One activity in a timeline or the journal: the strategy's icon, the kind,
 * when and where, the note's first line and the reactions, with edit and
 * delete buttons (the timeline's actions, with the activity's id). */

struct _GuildActivityRow
{
  GtkWidget          parent_instance;

  /* Owned */
  GuildActivity     *item;

  /* Borrowed */
  GuildActivityList *list;

  /* Children */
  GtkWidget         *box;
  GtkImage          *icon;
  GtkLabel          *title;
  GtkLabel          *meta;
  GtkLabel          *note;
  GtkLabel          *reactions;
  GtkWidget         *edit_button;
  GtkWidget         *delete_button;

  gulong             notify_handler;
};

G_DEFINE_FINAL_TYPE (GuildActivityRow, guild_activity_row, GTK_TYPE_WIDGET)

static void
update (GuildActivityRow *self)
{
  GuildRecord *record = GUILD_RECORD (self->item);
  g_autofree char *when = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *reactions = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *edit_label = NULL;
  g_autofree char *delete_label = NULL;
  g_autoptr(GString) accessible = g_string_new (NULL);
  const char *kind_label;
  const char *community = NULL;

  if (record == NULL)
    return;

  kind_label = guild_vocab_label (GUILD_VOCAB_ACTIVITY_KIND, guild_record_get_text (record, "kind"));
  when = guild_log_format_when (guild_record_get_int (record, "at"), NULL);
  minutes = guild_log_format_minutes ((int) guild_record_get_int (record, "minutes"));
  if (self->list != NULL)
    community = guild_activity_list_community_name (self->list,
                                                    guild_record_get_int (record, "community-id"));

  g_string_append (accessible, when);
  if (community != NULL && *community != '\0')
    g_string_append_printf (accessible, " · %s", community);
  if (*minutes != '\0')
    g_string_append_printf (accessible, " · %s", minutes);
  meta = g_strdup (accessible->str);

  excerpt = guild_log_excerpt (guild_record_get_text (record, "note"), 140);
  reactions = guild_log_format_reactions ((int) guild_record_get_int (record, "likes"),
                                          (int) guild_record_get_int (record, "comments"),
                                          (int) guild_record_get_int (record, "reposts"));

  gtk_image_set_from_icon_name (self->icon,
                                guild_log_strategy_icon (guild_record_get_text (record,
                                                                                "strategy")));
  gtk_label_set_label (self->title, kind_label);
  gtk_label_set_label (self->meta, meta);
  gtk_label_set_label (self->note, excerpt);
  gtk_widget_set_visible (GTK_WIDGET (self->note), *excerpt != '\0');
  gtk_label_set_label (self->reactions, reactions);
  gtk_widget_set_visible (GTK_WIDGET (self->reactions), *reactions != '\0');

  /* Translators: %s is an activity's kind and when, as in "Published, Today, 18:30". */
  edit_label = g_strdup_printf (_("Edit “%s, %s”"), kind_label, when);
  /* Translators: %s is an activity's kind and when, as in "Published, Today, 18:30". */
  delete_label = g_strdup_printf (_("Delete “%s, %s”"), kind_label, when);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "x",
                                    guild_record_get_id (record));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "x",
                                    guild_record_get_id (record));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), "timeline.edit");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "timeline.delete");
  gtk_widget_set_tooltip_text (self->edit_button, _("Edit"));
  gtk_widget_set_tooltip_text (self->delete_button, _("Delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);

  g_string_prepend (accessible, ", ");
  g_string_prepend (accessible, kind_label);
  if (*excerpt != '\0')
    g_string_append_printf (accessible, ", %s", excerpt);
  if (*reactions != '\0')
    g_string_append_printf (accessible, ", %s", reactions);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible->str, -1);
}

static void
on_item_notify_cb (GuildActivityRow *self,
                   GParamSpec       *pspec,
                   GObject          *item)
{
  update (self);
}

static void
guild_activity_row_dispose (GObject *object)
{
  GuildActivityRow *self = (GuildActivityRow *)object;

  guild_activity_row_set_item (self, NULL, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (guild_activity_row_parent_class)->dispose (object);
}

static void
guild_activity_row_class_init (GuildActivityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_activity_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "guildactivityrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkLabel *
make_label (GtkWidget  *box,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);

  return GTK_LABEL (label);
}

static GtkWidget *
make_button (GtkWidget  *box,
             const char *icon,
             const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* The action is set with its target, the activity's id, once bound. */
  (void) action;
  gtk_box_append (GTK_BOX (box), button);

  return button;
}

static void
guild_activity_row_init (GuildActivityRow *self)
{
  GtkWidget *text;

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 6);
  gtk_widget_set_margin_top (self->box, 8);
  gtk_widget_set_margin_bottom (self->box, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->icon), 2);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->icon));

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (self->box), text);
  self->title = make_label (text, "heading");
  self->meta = make_label (text, "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->meta), "dim-label");
  self->note = make_label (text, NULL);
  self->reactions = make_label (text, "caption");

  self->edit_button = make_button (self->box, "document-edit-symbolic", "timeline.edit");
  self->delete_button = make_button (self->box, "user-trash-symbolic", "timeline.delete");
}

GtkWidget *
guild_activity_row_new (void)
{
  return g_object_new (GUILD_TYPE_ACTIVITY_ROW, NULL);
}

/**
 * guild_activity_row_set_item:
 * @activity: (nullable): the activity to show
 * @list: (nullable): the list it comes from, for community names
 */
void
guild_activity_row_set_item (GuildActivityRow  *self,
                             GuildActivity     *activity,
                             GuildActivityList *list)
{
  g_return_if_fail (GUILD_IS_ACTIVITY_ROW (self));

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_handler, self->item);
  g_set_object (&self->item, activity);
  self->list = list;

  if (self->item != NULL)
    {
      self->notify_handler = g_signal_connect_object (self->item, "notify",
                                                      G_CALLBACK (on_item_notify_cb), self,
                                                      G_CONNECT_SWAPPED);
      update (self);
    }
}

/**
 * guild_activity_row_get_item:
 *
 * Returns: (transfer none) (nullable): the activity shown
 */
GuildActivity *
guild_activity_row_get_item (GuildActivityRow *self)
{
  g_return_val_if_fail (GUILD_IS_ACTIVITY_ROW (self), NULL);

  return self->item;
}
