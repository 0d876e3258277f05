/* guild-activity-timeline.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-activity-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-a11y.h"
#include "guild-activity-editor.h"
#include "guild-activity-row.h"
#include "guild-activity-timeline.h"
#include "guild-records.h"
#include "guild-store-activities.h"

/* A self-contained list of activities, newest first, for any page: give it
 * the store and a community, a contact or an event (or a whole filter, as the
 * journal does). It loads on a worker, follows the store, and offers edit
 * and delete; delete shows an "Undo" toast on the nearest AdwToastOverlay,
 * and undo brings the activity back with its contacts and skills.
 *
 *   GtkWidget *timeline = guild_activity_timeline_new (store);
 *   guild_activity_timeline_set_community_id (GUILD_ACTIVITY_TIMELINE (timeline), id);
 *
 * Only the rows on screen exist as widgets (GtkListView), so a million
 * activities cost their ids. */

struct _GuildActivityTimeline
{
  GtkWidget          parent_instance;

  /* Owned */
  GuildStore        *store;
  GuildActivityList *list;
  GuildActivityFilter *filter;

  /* Children */
  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkListView       *list_view;
  GtkSpinner        *spinner;
};

G_DEFINE_FINAL_TYPE (GuildActivityTimeline, guild_activity_timeline, GTK_TYPE_WIDGET)

static void
update_stack (GuildActivityTimeline *self)
{
  gboolean loading;
  guint n;

  if (self->list == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  loading = guild_activity_list_get_loading (self->list);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  gtk_spinner_set_spinning (self->spinner, loading && n == 0);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_list_changed_cb (GuildActivityTimeline *self)
{
  update_stack (self);
}

static void
ensure_list (GuildActivityTimeline *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->list != NULL || self->store == NULL)
    return;

  self->list = guild_activity_list_new (self->store);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_list_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (on_list_changed_cb), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

static void
apply_filter (GuildActivityTimeline *self)
{
  ensure_list (self);
  if (self->list == NULL || self->filter == NULL)
    return;

  guild_activity_list_set_filter (self->list, self->filter);
  update_stack (self);
}

static void
set_filter_ids (GuildActivityTimeline *self,
                gint64                 community,
                gint64                 contact,
                gint64                 event)
{
  g_autoptr(GuildActivityFilter) filter = guild_activity_filter_new ();

  filter->community_id = community;
  filter->contact_id = contact;
  filter->event_id = event;
  guild_activity_timeline_set_filter (self, filter);
}

/* Section: rows */

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             GuildActivityTimeline    *self)
{
  gtk_list_item_set_child (item, guild_activity_row_new ());
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            GuildActivityTimeline    *self)
{
  guild_activity_row_set_item (GUILD_ACTIVITY_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item), self->list);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              GuildActivityTimeline    *self)
{
  guild_activity_row_set_item (GUILD_ACTIVITY_ROW (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
on_activate_cb (GuildActivityTimeline *self,
                guint                  position,
                GtkListView           *view)
{
  if (self->list == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return;

  guild_log_edit_activity (GTK_WIDGET (self), self->store,
                           guild_activity_list_get_id (self->list, position));
}

/* Section: actions */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GuildActivityTimeline *self = GUILD_ACTIVITY_TIMELINE (widget);

  if (self->store != NULL)
    guild_log_edit_activity (widget, self->store, g_variant_get_int64 (parameter));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  guild_activity_timeline_delete (GUILD_ACTIVITY_TIMELINE (widget), g_variant_get_int64 (parameter));
}

static void
on_undo_clicked_cb (AdwToast   *toast,
                    GuildStore *store)
{
  GuildRecord *removed = g_object_get_data (G_OBJECT (toast), "removed");
  g_autoptr(GError) error = NULL;

  /* Once only, however the toast is answered. */
  if (removed == NULL || g_object_get_data (G_OBJECT (toast), "restored") != NULL)
    return;

  g_object_set_data (G_OBJECT (toast), "restored", GINT_TO_POINTER (1));
  if (!guild_store_restore (store, removed, &error))
    g_warning ("Could not restore the activity: %s", error->message);
}

/* Section: GObject */

static void
guild_activity_timeline_dispose (GObject *object)
{
  GuildActivityTimeline *self = (GuildActivityTimeline *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_pointer (&self->filter, guild_activity_filter_free);

  G_OBJECT_CLASS (guild_activity_timeline_parent_class)->dispose (object);
}

static void
guild_activity_timeline_class_init (GuildActivityTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_activity_timeline_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "guildactivitytimeline");
  gtk_widget_class_install_action (widget_class, "timeline.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete", "x", delete_action);
}

static void
guild_activity_timeline_init (GuildActivityTimeline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *spinner_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *clamp;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->spinner), 32, 32);
  gtk_widget_set_valign (GTK_WIDGET (self->spinner), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self->spinner), GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (GTK_WIDGET (self->spinner), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loading activities"), -1);
  gtk_box_append (GTK_BOX (spinner_box), GTK_WIDGET (self->spinner));
  gtk_stack_add_named (self->stack, spinner_box, "loading");

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "document-open-recent-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Activities Yet"));
  adw_status_page_set_description (self->empty_page,
                                   _("Log what you do in your communities with Ctrl+L."));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_page), "compact");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
  gtk_list_view_set_show_separators (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "guild-activity-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Activities"), -1);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_activate_cb), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  /* A readable width on wide windows, keeping the list view the scrollable
   * (so it still makes widgets for the visible rows only). */
  clamp = adw_clamp_scrollable_new ();
  adw_clamp_scrollable_set_maximum_size (ADW_CLAMP_SCROLLABLE (clamp), 880);
  adw_clamp_scrollable_set_tightening_threshold (ADW_CLAMP_SCROLLABLE (clamp), 600);
  adw_clamp_scrollable_set_child (ADW_CLAMP_SCROLLABLE (clamp), GTK_WIDGET (self->list_view));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "list");

  gtk_stack_set_visible_child_name (self->stack, "empty");
  /* A screen reader reads the list, or the empty state, not both. */
  guild_a11y_follow_stack (GTK_WIDGET (self->stack));
}

/* Section: public API */

/**
 * guild_activity_timeline_new:
 * @store: (nullable): the database
 *
 * Returns: (transfer floating): a timeline showing nothing until a
 *   community, contact, event or filter is set
 */
GtkWidget *
guild_activity_timeline_new (GuildStore *store)
{
  GuildActivityTimeline *self = g_object_new (GUILD_TYPE_ACTIVITY_TIMELINE, NULL);

  if (store != NULL)
    guild_activity_timeline_set_store (self, store);

  return GTK_WIDGET (self);
}

void
guild_activity_timeline_set_store (GuildActivityTimeline *self,
                                   GuildStore            *store)
{
  g_return_if_fail (GUILD_IS_ACTIVITY_TIMELINE (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  if (self->store == store)
    return;

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->list);
  g_set_object (&self->store, store);
  if (self->filter != NULL)
    apply_filter (self);
}

/**
 * guild_activity_timeline_set_community_id:
 *
 * Shows one community's activities (0: every activity).
 */
void
guild_activity_timeline_set_community_id (GuildActivityTimeline *self,
                                          gint64                 id)
{
  g_return_if_fail (GUILD_IS_ACTIVITY_TIMELINE (self));

  set_filter_ids (self, id, 0, 0);
}

/**
 * guild_activity_timeline_set_contact_id:
 *
 * Shows the activities with one contact.
 */
void
guild_activity_timeline_set_contact_id (GuildActivityTimeline *self,
                                        gint64                 id)
{
  g_return_if_fail (GUILD_IS_ACTIVITY_TIMELINE (self));

  set_filter_ids (self, 0, id, 0);
}

/**
 * guild_activity_timeline_set_event_id:
 *
 * Shows the activities linked to one event.
 */
void
guild_activity_timeline_set_event_id (GuildActivityTimeline *self,
                                      gint64                 id)
{
  g_return_if_fail (GUILD_IS_ACTIVITY_TIMELINE (self));

  set_filter_ids (self, 0, 0, id);
}

/**
 * guild_activity_timeline_set_filter:
 *
 * Shows the activities that pass @filter, loading them asynchronously.
 */
void
guild_activity_timeline_set_filter (GuildActivityTimeline     *self,
                                    const GuildActivityFilter *filter)
{
  g_return_if_fail (GUILD_IS_ACTIVITY_TIMELINE (self));
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&self->filter, guild_activity_filter_free);
  self->filter = guild_activity_filter_copy (filter);
  apply_filter (self);
}

/**
 * guild_activity_timeline_set_empty_text:
 *
 * What the timeline says when nothing passes its filter.
 */
void
guild_activity_timeline_set_empty_text (GuildActivityTimeline *self,
                                        const char            *title,
                                        const char            *description)
{
  g_return_if_fail (GUILD_IS_ACTIVITY_TIMELINE (self));

  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}

/**
 * guild_activity_timeline_get_list:
 *
 * Returns: (transfer none) (nullable): the model shown
 */
GuildActivityList *
guild_activity_timeline_get_list (GuildActivityTimeline *self)
{
  g_return_val_if_fail (GUILD_IS_ACTIVITY_TIMELINE (self), NULL);

  return self->list;
}

/**
 * guild_activity_timeline_delete:
 * @id: an activity
 *
 * Deletes the activity and offers to undo it in a toast on the nearest
 * toast overlay.
 *
 * Returns: (transfer none) (nullable): the toast (its "button-clicked"
 *   restores the activity), or %NULL when nothing was deleted
 */
AdwToast *
guild_activity_timeline_delete (GuildActivityTimeline *self,
                                gint64                 id)
{
  g_autoptr(GuildRecord) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_val_if_fail (GUILD_IS_ACTIVITY_TIMELINE (self), NULL);

  /* A row whose activity went away meanwhile shows an unsaved stand-in. */
  if (self->store == NULL || id <= 0)
    return NULL;

  removed = guild_store_remove_for_undo (self->store, GUILD_RECORD_ACTIVITY, id, &error);
  if (removed == NULL)
    {
      g_warning ("Could not delete activity %" G_GINT64_FORMAT ": %s", id, error->message);
      return NULL;
    }

  /* Translators: %s is the kind of the activity just deleted. */
  title = g_strdup_printf (_("“%s” deleted"),
                           guild_vocab_label (GUILD_VOCAB_ACTIVITY_KIND,
                                              guild_record_get_text (removed, "kind")));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Long enough to notice and reach for Undo. */
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "removed", g_steal_pointer (&removed), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb),
                           self->store, 0);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
      /* The overlay holds it now; the caller borrows it. */
      g_object_unref (toast);
    }
  else
    {
      /* Without an overlay (a test), the timeline keeps the toast alive. */
      g_object_set_data_full (G_OBJECT (self), "last-toast", toast, g_object_unref);
    }

  return toast;
}
