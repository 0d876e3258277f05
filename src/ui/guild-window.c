/* guild-window.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-a11y.h"
#include "guild-application.h"
#include "guild-calendar-page.h"
#include "guild-charts-page.h"
#include "guild-communities-page.h"
#include "guild-contacts-page.h"
#include "guild-activity-editor.h"
#include "guild-checkin-dialog.h"
#include "guild-journal-page.h"
#include "guild-platform.h"
#include "guild-profile-window.h"
#include "guild-window-private.h"

/* The main window: a header bar with the view switcher, and the four views
 * in an AdwViewStack under a toast overlay (STYLE.md §8, in its libadwaita
 * 1.2 form). Nothing that grows with the data runs before the window's first
 * frame: the views read their records only after it, and each one only when
 * it is first shown. */

struct _GuildWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwViewStack         *view_stack;
  AdwToastOverlay      *toast_overlay;
  GtkButton            *add_button;
  GtkOverlay           *drop_overlay;
  GtkRevealer          *drop_revealer;
  GuildCommunitiesPage *communities_page;
  GuildContactsPage    *contacts_page;
  GuildCalendarPage    *calendar_page;
  GuildChartsPage      *charts_page;
  GuildJournalPage     *journal_page;

  /* Owned */
  GuildStore           *store;
  GSettings            *settings;

  /* Borrowed */
  GdkFrameClock        *frame_clock;

  gulong                after_paint_handler;
  guint                 load_source;
  guint                 first_frame_shown : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_FIRST_FRAME_SHOWN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildWindow, guild_window, ADW_TYPE_APPLICATION_WINDOW)

/* The views in the order of the switcher and of Ctrl+1…4. */
static const char * const view_names[] = { "communities", "contacts", "calendar", "charts",
                                           "journal" };

static void
load_visible_view (GuildWindow *self)
{
  const char *name;

  g_assert (GUILD_IS_WINDOW (self));

  name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (name, "communities") == 0)
    guild_communities_page_load (self->communities_page);
  else if (g_strcmp0 (name, "contacts") == 0)
    guild_contacts_page_load (self->contacts_page);
  else if (g_strcmp0 (name, "calendar") == 0)
    guild_calendar_page_load (self->calendar_page);
  else if (g_strcmp0 (name, "charts") == 0)
    guild_charts_page_load (self->charts_page);
  else if (g_strcmp0 (name, "journal") == 0)
    guild_journal_page_load (self->journal_page);
}

/* The header's add button adds to the view on screen, where that view can add
 * anything yet. */
static void
update_add_button (GuildWindow *self)
{
  const char *name;
  const char *label = NULL;

  g_assert (GUILD_IS_WINDOW (self));

  name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->store != NULL && g_strcmp0 (name, "communities") == 0)
    label = _("Add Community");
  else if (self->store != NULL && g_strcmp0 (name, "contacts") == 0)
    label = _("Add Contact");
  else if (self->store != NULL && g_strcmp0 (name, "journal") == 0)
    label = _("Log Activity");
  else if (self->store != NULL && g_strcmp0 (name, "calendar") == 0)
    label = _("Add Event");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add", label != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), label != NULL);

  if (label != NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
}

static void
on_view_stack_visible_child_cb (GuildWindow  *self,
                                GParamSpec   *pspec,
                                AdwViewStack *stack)
{
  g_assert (GUILD_IS_WINDOW (self));

  update_add_button (self);

  if (self->first_frame_shown)
    load_visible_view (self);
}

static gboolean
load_after_first_frame_cb (gpointer user_data)
{
  GuildWindow *self = user_data;

  self->load_source = 0;
  load_visible_view (self);

  return G_SOURCE_REMOVE;
}

static void
on_frame_clock_after_paint_cb (GuildWindow   *self,
                               GdkFrameClock *frame_clock)
{
  g_assert (GUILD_IS_WINDOW (self));

  g_clear_signal_handler (&self->after_paint_handler, frame_clock);
  g_clear_weak_pointer (&self->frame_clock);

  self->first_frame_shown = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FIRST_FRAME_SHOWN]);

  /* Start reading only once that frame is out. The idle runs ahead of the
   * next frame: while a spinner animates on a slow renderer, frames can
   * follow each other without a gap and starve default-priority idles. */
  if (self->load_source == 0)
    self->load_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, load_after_first_frame_cb,
                                         self, NULL);
}

static void
save_window_state (GuildWindow *self)
{
  const char *view;
  int width;
  int height;

  g_assert (GUILD_IS_WINDOW (self));

  /* The default size follows the window's size while it is neither maximised
   * nor fullscreen, which is what the next start should restore. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  view = adw_view_stack_get_visible_child_name (self->view_stack);
  if (view != NULL)
    g_settings_set_string (self->settings, "last-view", view);
  g_settings_apply (self->settings);
}

static void
restore_window_state (GuildWindow *self)
{
  g_autofree char *view = NULL;
  int width;
  int height;

  g_assert (GUILD_IS_WINDOW (self));

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The key is a free string; an unknown view leaves the first one shown. */
  view = g_settings_get_string (self->settings, "last-view");
  if (adw_view_stack_get_child_by_name (self->view_stack, view) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

/* Section: drag and drop */

/* A web address starts a new community, named after the address and on the
 * platform its host suggests; the user finishes it in the Communities view. */
static gboolean
add_community_for_url (GuildWindow *self,
                       const char  *text)
{
  g_autoptr(GuildCommunity) community = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_assert (GUILD_IS_WINDOW (self));

  if (self->store == NULL || !guild_is_web_address (text))
    return FALSE;

  url = g_strstrip (g_strdup (text));
  name = guild_guess_community_name (url);
  community = guild_community_new (name);
  guild_record_set_text (GUILD_RECORD (community), "url", url);
  guild_record_set_text (GUILD_RECORD (community), "platform", guild_guess_platform (url));

  if (!guild_store_add (self->store, GUILD_RECORD (community), &error))
    {
      g_warning ("Could not add a community for %s: %s", url, error->message);
      guild_window_add_toast (self, adw_toast_new (_("The community could not be added")));
      return TRUE;
    }

  guild_window_set_visible_view (self, "communities");
  /* Translators: %s is the name of a community made from a dropped web address. */
  message = g_strdup_printf (_("Community “%s” added"), name);
  guild_window_add_toast (self, adw_toast_new (message));

  return TRUE;
}

static void
import_files (GuildWindow  *self,
              GFile       **files,
              guint         n_files)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  g_assert (GUILD_IS_WINDOW (self));

  if (n_files > 0 && GUILD_IS_APPLICATION (application))
    guild_application_import_files (GUILD_APPLICATION (application), files, n_files);
}

static gboolean
on_drop_target_drop_cb (GuildWindow   *self,
                        const GValue  *value,
                        double         x,
                        double         y,
                        GtkDropTarget *target)
{
  g_assert (GUILD_IS_WINDOW (self));

  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);

  /* A browser offers a link as a URI list: its http(s) entries become
   * communities, and anything else in it is a file to import. */
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *list = g_value_get_boxed (value);
      g_autoptr(GPtrArray) files = g_ptr_array_new ();
      gboolean handled = FALSE;

      for (const GSList *l = list; l != NULL; l = l->next)
        {
          GFile *file = l->data;

          if (g_file_has_uri_scheme (file, "http") || g_file_has_uri_scheme (file, "https"))
            {
              g_autofree char *uri = g_file_get_uri (file);

              handled |= add_community_for_url (self, uri);
            }
          else
            g_ptr_array_add (files, file);
        }

      import_files (self, (GFile **) files->pdata, files->len);

      return handled || files->len > 0;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    return add_community_for_url (self, g_value_get_string (value));

  return FALSE;
}

static GdkDragAction
on_drop_target_enter_cb (GuildWindow   *self,
                         double         x,
                         double         y,
                         GtkDropTarget *target)
{
  g_assert (GUILD_IS_WINDOW (self));

  gtk_revealer_set_reveal_child (self->drop_revealer, TRUE);

  return GDK_ACTION_COPY;
}

static void
on_drop_target_leave_cb (GuildWindow   *self,
                         GtkDropTarget *target)
{
  g_assert (GUILD_IS_WINDOW (self));

  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);
}

static void
setup_drop_target (GuildWindow *self)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };
  GtkDropTarget *target;

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_target_drop_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (target, "enter", G_CALLBACK (on_drop_target_enter_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (target, "leave", G_CALLBACK (on_drop_target_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->drop_overlay), GTK_EVENT_CONTROLLER (target));
}

/* Section: actions */

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  guild_window_set_visible_view (GUILD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* win.show-record (kind, id): the overview's items lead to the record they
 * name: a community opens in the Communities view, an event in its editor
 * over the calendar, an activity in its editor over the journal, a contact
 * in its detail page. */
static void
show_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  static const struct { const char *kind; const char *view; } views[] = {
    { "community", "communities" },
    { "contact", "contacts" },
    { "event", "calendar" },
    { "activity", "journal" },
  };
  GuildWindow *self = GUILD_WINDOW (widget);
  const char *kind = NULL;
  gint64 id = 0;

  g_variant_get (parameter, "(&sx)", &kind, &id);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_str_equal (kind, views[i].kind))
      {
        guild_window_set_visible_view (self, views[i].view);

        if (id <= 0 || self->store == NULL)
          return;

        if (g_str_equal (kind, "community"))
          guild_communities_page_show_community (self->communities_page, id);
        else if (g_str_equal (kind, "contact"))
          guild_contacts_page_show_contact (self->contacts_page, id);
        else if (g_str_equal (kind, "event"))
          guild_calendar_page_open_event (self->calendar_page, id, 0);
        else if (g_str_equal (kind, "activity"))
          guild_log_edit_activity (widget, self->store, id);
        return;
      }

  g_warning ("No view shows records of kind “%s”", kind);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GuildWindow *self = GUILD_WINDOW (widget);
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (name, "communities") == 0)
    guild_communities_page_add (self->communities_page);
  else if (g_strcmp0 (name, "contacts") == 0)
    guild_contacts_page_add (self->contacts_page);
  else if (g_strcmp0 (name, "calendar") == 0)
    guild_calendar_page_add (self->calendar_page);
  else if (g_strcmp0 (name, "journal") == 0 && self->store != NULL)
    guild_log_activity (widget, self->store, NULL);
}

/* win.log-activity: the quick-add dialog, from anywhere (Ctrl+L). The
 * parameter presets it: "" for nothing, or "community:ID", "contact:ID",
 * "event:ID", which the community, contact and event pages pass. */
static void
log_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GuildWindow *self = GUILD_WINDOW (widget);
  const char *preset = parameter != NULL ? g_variant_get_string (parameter, NULL) : "";

  if (self->store != NULL)
    guild_log_activity (widget, self->store, *preset != '\0' ? preset : NULL);
}

/* win.checkin: this week's self-assessment and the history of them. */
static void
checkin_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GuildWindow *self = GUILD_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (guild_checkin_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
show_profile_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GuildWindow *self = GUILD_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (guild_profile_window_new (GTK_WINDOW (self), self->store)));
}

/* Section: GtkWidget and GtkWindow */

static void
guild_window_realize (GtkWidget *widget)
{
  GuildWindow *self = GUILD_WINDOW (widget);
  GdkFrameClock *frame_clock;

  GTK_WIDGET_CLASS (guild_window_parent_class)->realize (widget);

  if (self->first_frame_shown)
    return;

  frame_clock = gtk_widget_get_frame_clock (widget);
  g_set_weak_pointer (&self->frame_clock, frame_clock);
  self->after_paint_handler =
    g_signal_connect_object (frame_clock, "after-paint",
                             G_CALLBACK (on_frame_clock_after_paint_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
guild_window_unrealize (GtkWidget *widget)
{
  GuildWindow *self = GUILD_WINDOW (widget);

  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
  g_clear_weak_pointer (&self->frame_clock);

  GTK_WIDGET_CLASS (guild_window_parent_class)->unrealize (widget);
}

static gboolean
guild_window_close_request (GtkWindow *window)
{
  save_window_state (GUILD_WINDOW (window));

  return GTK_WINDOW_CLASS (guild_window_parent_class)->close_request (window);
}

/* Section: GObject */

static void
guild_window_constructed (GObject *object)
{
  GuildWindow *self = (GuildWindow *)object;

  G_OBJECT_CLASS (guild_window_parent_class)->constructed (object);

  guild_communities_page_set_store (self->communities_page, self->store);
  guild_contacts_page_set_store (self->contacts_page, self->store);
  guild_calendar_page_set_store (self->calendar_page, self->store);
  guild_charts_page_set_store (self->charts_page, self->store);
  guild_journal_page_set_store (self->journal_page, self->store);

  restore_window_state (self);

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_view_stack_visible_child_cb), self,
                           G_CONNECT_SWAPPED);
  update_add_button (self);
}

static void
guild_window_dispose (GObject *object)
{
  GuildWindow *self = (GuildWindow *)object;

  g_clear_handle_id (&self->load_source, g_source_remove);
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
  g_clear_weak_pointer (&self->frame_clock);

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_window_parent_class)->dispose (object);
}

static void
guild_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GuildWindow *self = GUILD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FIRST_FRAME_SHOWN:
      g_value_set_boolean (value, self->first_frame_shown);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GuildWindow *self = GUILD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_window_class_init (GuildWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = guild_window_constructed;
  object_class->dispose = guild_window_dispose;
  object_class->get_property = guild_window_get_property;
  object_class->set_property = guild_window_set_property;

  widget_class->realize = guild_window_realize;
  widget_class->unrealize = guild_window_unrealize;

  window_class->close_request = guild_window_close_request;

  /**
   * GuildWindow:store:
   *
   * The database the window shows; %NULL only in tests of the widgets.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * GuildWindow:first-frame-shown:
   *
   * Whether the window has painted its first frame. The views start reading
   * the database after that.
   */
  properties [PROP_FIRST_FRAME_SHOWN] =
    g_param_spec_boolean ("first-frame-shown", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GUILD_TYPE_COMMUNITIES_PAGE);
  g_type_ensure (GUILD_TYPE_CONTACTS_PAGE);
  g_type_ensure (GUILD_TYPE_CALENDAR_PAGE);
  g_type_ensure (GUILD_TYPE_CHARTS_PAGE);
  g_type_ensure (GUILD_TYPE_JOURNAL_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/guild-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GuildWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GuildWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, GuildWindow, drop_overlay);
  gtk_widget_class_bind_template_child (widget_class, GuildWindow, drop_revealer);
  gtk_widget_class_bind_template_child (widget_class, GuildWindow, communities_page);
  gtk_widget_class_bind_template_child (widget_class, GuildWindow, contacts_page);
  gtk_widget_class_bind_template_child (widget_class, GuildWindow, calendar_page);
  gtk_widget_class_bind_template_child (widget_class, GuildWindow, charts_page);
  gtk_widget_class_bind_template_child (widget_class, GuildWindow, journal_page);

  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "win.show-record", "(sx)", show_record_action);
  gtk_widget_class_install_action (widget_class, "win.log-activity", "s", log_activity_action);
  gtk_widget_class_install_action (widget_class, "win.checkin", NULL, checkin_action);
  gtk_widget_class_install_action (widget_class, "win.show-profile", NULL, show_profile_action);

  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.view", "s", view_names[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.log-activity", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.show-profile", NULL);
}

static void
guild_window_init (GuildWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  guild_a11y_follow_stack (GTK_WIDGET (self->view_stack));
  setup_drop_target (self);

  self->settings = g_settings_new (GUILD_SETTINGS_SCHEMA);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/* Section: public API */

/**
 * guild_window_new:
 * @application: (nullable): the application
 * @store: (nullable): the database to show
 *
 * Returns: (transfer none): a new window
 */
GuildWindow *
guild_window_new (GtkApplication *application,
                  GuildStore     *store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || GUILD_IS_STORE (store), NULL);

  return g_object_new (GUILD_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

/**
 * guild_window_get_store:
 *
 * Returns: (transfer none) (nullable): the database shown
 */
GuildStore *
guild_window_get_store (GuildWindow *self)
{
  g_return_val_if_fail (GUILD_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * guild_window_get_visible_view:
 *
 * Returns: the name of the view on screen: "communities", "contacts",
 *   "calendar" or "charts"
 */
const char *
guild_window_get_visible_view (GuildWindow *self)
{
  g_return_val_if_fail (GUILD_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/**
 * guild_window_set_visible_view:
 * @name: "communities", "contacts", "calendar" or "charts"
 *
 * Shows a view. Unknown names are ignored with a warning.
 */
void
guild_window_set_visible_view (GuildWindow *self,
                               const char  *name)
{
  g_return_if_fail (GUILD_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    {
      g_warning ("No view named “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

gboolean
guild_window_get_first_frame_shown (GuildWindow *self)
{
  g_return_val_if_fail (GUILD_IS_WINDOW (self), FALSE);

  return self->first_frame_shown;
}

/**
 * guild_window_add_toast:
 * @toast: (transfer full): the toast
 *
 * Shows a toast over the views.
 */
void
guild_window_add_toast (GuildWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (GUILD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Section: private API */

/**
 * _guild_window_get_view:
 * @name: the view's name
 *
 * Returns: (transfer none) (nullable): the view's widget
 */
GtkWidget *
_guild_window_get_view (GuildWindow *self,
                        const char  *name)
{
  g_return_val_if_fail (GUILD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

/**
 * _guild_window_get_pages:
 *
 * Returns: (transfer full): the view stack's pages, a list of
 *   #AdwViewStackPage
 */
GListModel *
_guild_window_get_pages (GuildWindow *self)
{
  g_return_val_if_fail (GUILD_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (adw_view_stack_get_pages (self->view_stack));
}

/* For the tests: a drop of @value, as if dragged onto the window. */
gboolean
_guild_window_drop (GuildWindow  *self,
                    const GValue *value)
{
  g_return_val_if_fail (GUILD_IS_WINDOW (self), FALSE);

  return on_drop_target_drop_cb (self, value, 0, 0, NULL);
}
