/* test-window.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <locale.h>

#include "guild-activity-editor.h"
#include "guild-application-private.h"
#include "guild-calendar-page.h"
#include "guild-communities-page.h"
#include "guild-community-detail.h"
#include "guild-compat.h"
#include "guild-contacts-page.h"
#include "guild-event-editor.h"
#include "guild-contacts-page-private.h"
#include "guild-format.h"
#include "guild-generate.h"
#include "guild-import-dialog.h"
#include "guild-test-app.h"
#include "guild-preferences-window.h"
#include "guild-view-state.h"
#include "guild-window-private.h"

/* The main window with a real store on a temporary file: its four views,
 * the view switching actions and shortcuts, a view leaving its empty state
 * when a record arrives, the add dialog, the preferences, the application's
 * actions and its answer to a damaged database, and the view titles in
 * Russian. */


static const struct {
  const char *name;
  const char *title;
} views[] = {
  { "communities", N_("Communities") },
  { "contacts", N_("Contacts") },
  { "calendar", N_("Calendar") },
  { "charts", N_("Charts") },
  { "journal", N_("Journal") },
};

typedef struct
{
  char       *dir;
  char       *path;
  GuildStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("guild-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "guild.db", NULL);
  fixture->store = guild_store_open (fixture->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Section: helpers */

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

static gboolean
first_frame_shown (gpointer data)
{
  return guild_window_get_first_frame_shown (GUILD_WINDOW (data));
}

static GuildWindow *
show_window (GuildStore *store)
{
  GuildWindow *window = guild_window_new (NULL, store);

  gtk_window_present (GTK_WINDOW (window));
  guild_test_wait_for (first_frame_shown, window, "the window's first frame");

  return window;
}

/* The page of a view's GtkStack on screen: "loading", "empty", "items"… */
static const char *
view_state (GuildWindow *window,
            const char  *name)
{
  GtkWidget *view = _guild_window_get_view (window, name);
  GtkWidget *stack = gtk_widget_get_first_child (view);

  /* The contacts view keeps its list in a leaflet with the detail page. */
  if (GUILD_IS_CONTACTS_PAGE (view))
    return _guild_contacts_page_get_state (GUILD_CONTACTS_PAGE (view));

  g_assert_true (GTK_IS_STACK (stack));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

typedef struct
{
  GuildWindow *window;
  const char  *view;
  const char  *state;
} StateWait;

static gboolean
view_in_state (gpointer data)
{
  StateWait *wait = data;

  return g_strcmp0 (view_state (wait->window, wait->view), wait->state) == 0;
}

static void
wait_for_state (GuildWindow *window,
                const char  *view,
                const char  *state)
{
  StateWait wait = { window, view, state };
  g_autofree char *what = g_strdup_printf ("the %s view to show “%s”", view, state);

  guild_test_wait_for (view_in_state, &wait, what);
}

static gboolean
widget_shows_label (GtkWidget  *widget,
                    const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_shows_label (child, text))
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GType      type;
  GtkWindow *found;
} ToplevelWait;

static gboolean
toplevel_appeared (gpointer data)
{
  ToplevelWait *wait = data;
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, wait->type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          wait->found = window;
          return TRUE;
        }
    }

  return FALSE;
}

/* Waits for a visible toplevel of @type and returns it. */
static GtkWindow *
wait_for_toplevel (GType type)
{
  ToplevelWait wait = { type, NULL };
  g_autofree char *what = g_strdup_printf ("a %s", g_type_name (type));

  guild_test_wait_for (toplevel_appeared, &wait, what);

  return wait.found;
}

static void
destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Section: pure functions */

static void
test_view_state (void)
{
  /* Not asked for yet, or on the way: a spinner. */
  g_assert_cmpint (guild_view_state_compute (FALSE, FALSE, FALSE, 0), ==, GUILD_VIEW_STATE_LOADING);
  g_assert_cmpint (guild_view_state_compute (TRUE, TRUE, FALSE, 0), ==, GUILD_VIEW_STATE_LOADING);
  /* Asked for, not loading, never loaded: the load failed. */
  g_assert_cmpint (guild_view_state_compute (TRUE, FALSE, FALSE, 0), ==, GUILD_VIEW_STATE_FAILED);
  /* Loaded. */
  g_assert_cmpint (guild_view_state_compute (TRUE, FALSE, TRUE, 0), ==, GUILD_VIEW_STATE_EMPTY);
  g_assert_cmpint (guild_view_state_compute (TRUE, FALSE, TRUE, 3), ==, GUILD_VIEW_STATE_ITEMS);
  /* A reload keeps what is shown. */
  g_assert_cmpint (guild_view_state_compute (TRUE, TRUE, TRUE, 3), ==, GUILD_VIEW_STATE_ITEMS);
  g_assert_cmpint (guild_view_state_compute (TRUE, TRUE, TRUE, 0), ==, GUILD_VIEW_STATE_EMPTY);

  g_assert_cmpstr (guild_view_state_get_name (GUILD_VIEW_STATE_LOADING), ==, "loading");
  g_assert_cmpstr (guild_view_state_get_name (GUILD_VIEW_STATE_FAILED), ==, "failed");
  g_assert_cmpstr (guild_view_state_get_name (GUILD_VIEW_STATE_EMPTY), ==, "empty");
  g_assert_cmpstr (guild_view_state_get_name (GUILD_VIEW_STATE_ITEMS), ==, "items");
}

static void
test_event_order (void)
{
  const gint64 now = 1000000;

  /* Upcoming before past. */
  g_assert_cmpint (guild_calendar_compare_events (now + 10, now + 20, now - 20, now - 10, now),
                   <, 0);
  g_assert_cmpint (guild_calendar_compare_events (now - 20, now - 10, now + 10, now + 20, now),
                   >, 0);
  /* Upcoming: soonest first. */
  g_assert_cmpint (guild_calendar_compare_events (now + 10, 0, now + 20, 0, now), <, 0);
  /* Past: latest first. */
  g_assert_cmpint (guild_calendar_compare_events (now - 20, 0, now - 10, 0, now), >, 0);
  /* Under way counts as upcoming. */
  g_assert_cmpint (guild_calendar_compare_events (now - 10, now + 10, now - 5, now - 1, now), <, 0);
  /* Ties. */
  g_assert_cmpint (guild_calendar_compare_events (now + 5, 0, now + 5, now + 9, now), ==, 0);
}

static void
test_format_month (void)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_utc (2024, 2, 29, 18, 30, 0);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *all_day = NULL;
  g_autofree char *timed = NULL;

  /* %B comes from Guild's own month names; the rest from GLib. */
  text = guild_format_date_time (date_time, "%-d %B %Y, %H:%M");
  g_assert_cmpstr (text, ==, "29 February 2024, 18:30");

  /* %% stays a literal percent sign, even before a B. */
  escaped = guild_format_date_time (date_time, "%%B %B");
  g_assert_cmpstr (escaped, ==, "%B February");

  /* An all-day event keeps its UTC day in every time zone. */
  all_day = guild_format_event_time (g_date_time_to_unix (date_time), TRUE);
  g_assert_cmpstr (all_day, ==, "29 February 2024");

  /* The tests run with TZ=UTC. */
  timed = guild_format_event_time (g_date_time_to_unix (date_time), FALSE);
  if (g_strcmp0 (g_getenv ("TZ"), "UTC") == 0)
    g_assert_cmpstr (timed, ==, "29 February 2024, 18:30");
}

/* Section: the window */

static void
test_window_views (Fixture       *fixture,
                   gconstpointer  data)
{
  GuildWindow *window = show_window (fixture->store);
  g_autoptr(GListModel) pages = _guild_window_get_pages (window);

  g_assert_cmpuint (g_list_model_get_n_items (pages), ==, G_N_ELEMENTS (views));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, views[i].name);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, views[i].title);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));
    }

  /* An empty database: the first view loads and shows its empty state. */
  g_assert_cmpstr (guild_window_get_visible_view (window), ==, "communities");
  wait_for_state (window, "communities", "empty");

  /* The others read nothing until they are shown. */
  g_assert_cmpstr (view_state (window, "contacts"), ==, "loading");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_view_action (Fixture       *fixture,
                         gconstpointer  data)
{
  GuildWindow *window = show_window (fixture->store);

  /* Each activation shows its view. */
  for (guint i = G_N_ELEMENTS (views); i > 0; i--)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[i - 1].name);
      g_assert_cmpstr (guild_window_get_visible_view (window), ==, views[i - 1].name);
    }

  /* A view shown for the first time loads then. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[i].name);
      wait_for_state (window, views[i].name, "empty");
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Activates the shortcut @accelerator of @widget's class, as a key press
 * would: GTK 4 has no public way to synthesise the key event itself. */
static gboolean
activate_shortcut (GtkWidget  *widget,
                   const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      guint n_shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      n_shortcuts = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint j = 0; j < n_shortcuts; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = NULL;

          trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          if (g_strcmp0 (trigger, accelerator) != 0)
            continue;

          return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               widget,
                                               gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

static void
test_window_shortcuts (Fixture       *fixture,
                       gconstpointer  data)
{
  GuildWindow *window = show_window (fixture->store);

  for (guint i = G_N_ELEMENTS (views); i > 0; i--)
    {
      g_autofree char *accelerator = g_strdup_printf ("<Control>%u", i);

      g_assert_true (activate_shortcut (GTK_WIDGET (window), accelerator));
      g_assert_cmpstr (guild_window_get_visible_view (window), ==, views[i - 1].name);
    }

  /* Each view shown started loading: let them finish before the database
   * goes away with the fixture. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    wait_for_state (window, views[i].name, "empty");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_live_update (Fixture       *fixture,
                         gconstpointer  data)
{
  GuildWindow *window = show_window (fixture->store);
  g_autoptr(GuildCommunity) community = guild_community_new ("Rust Moscow");
  g_autoptr(GError) error = NULL;
  GtkWidget *view;

  wait_for_state (window, "communities", "empty");

  /* A community added through the store (as guildctl or an import would, in
   * this process) shows up without anything else being done. */
  guild_store_add (fixture->store, GUILD_RECORD (community), &error);
  g_assert_no_error (error);
  wait_for_state (window, "communities", "items");

  /* Its row is really there, with the name. GtkListView makes rows on
   * layout, so let a frame pass. */
  view = _guild_window_get_view (window, "communities");
  while (!widget_shows_label (view, "Rust Moscow"))
    g_main_context_iteration (NULL, TRUE);

  /* And removing it brings the empty state back. */
  guild_store_remove (fixture->store, GUILD_RECORD_COMMUNITY,
                      guild_record_get_id (GUILD_RECORD (community)), &error);
  g_assert_no_error (error);
  wait_for_state (window, "communities", "empty");

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GuildWindow *window;
  gint64       id;
} DetailWait;

static gboolean
community_shown (gpointer data)
{
  DetailWait *wait = data;
  GuildCommunitiesPage *page = GUILD_COMMUNITIES_PAGE (_guild_window_get_view (wait->window,
                                                                               "communities"));
  GuildCommunityDetail *detail = GUILD_COMMUNITY_DETAIL (_guild_communities_page_get_detail (page));
  GuildCommunity *community = guild_community_detail_get_community (detail);

  return community != NULL && guild_record_get_id (GUILD_RECORD (community)) == wait->id &&
         gtk_widget_is_drawable (GTK_WIDGET (detail));
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closes @editor and waits until its loads on workers have returned and it
 * is gone, before its parent window goes. */
static void
close_editor (GtkWindow *editor)
{
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_destroy (editor);
  guild_test_wait_for (pointer_cleared, &editor, "the editor to be finalized");
}

static gint64
add_community (GuildStore *store,
               const char *name)
{
  g_autoptr(GuildCommunity) community = guild_community_new (name);
  g_autoptr(GError) error = NULL;

  guild_store_add (store, GUILD_RECORD (community), &error);
  g_assert_no_error (error);

  return guild_record_get_id (GUILD_RECORD (community));
}

/* win.show-record, as the overview's items activate it, opens the record:
 * a community in its view (waiting for the list to load, and showing it
 * even when the search hides it), an event and an activity in their
 * editors, a contact in its detail page. */
static void
test_window_show_record (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 alpha = add_community (fixture->store, "Alpha Guild");
  gint64 beta = add_community (fixture->store, "Beta Guild");
  g_autoptr(GuildEvent) event = guild_event_new ("Rust night", 1764000000, 1764003600);
  g_autoptr(GuildActivity) activity = guild_activity_new ("read", 1764000000);
  g_autoptr(GuildContact) ada = guild_contact_new ("Ada Lovelace");
  g_autoptr(GuildContact) grace = guild_contact_new ("Grace Hopper");
  g_autoptr(GError) error = NULL;
  GuildWindow *window;
  GuildCommunitiesPage *page;
  DetailWait wait = { NULL, beta };
  GtkWindow *editor;

  guild_store_add (fixture->store, GUILD_RECORD (event), &error);
  g_assert_no_error (error);
  guild_store_add (fixture->store, GUILD_RECORD (activity), &error);
  g_assert_no_error (error);
  /* Added before the window, so that no view is still counting them when
   * the test ends. */
  guild_store_add (fixture->store, GUILD_RECORD (ada), &error);
  g_assert_no_error (error);
  guild_store_add (fixture->store, GUILD_RECORD (grace), &error);
  g_assert_no_error (error);
  window = guild_window_new (NULL, fixture->store);
  page = GUILD_COMMUNITIES_PAGE (_guild_window_get_view (window, "communities"));
  wait.window = window;

  /* Before anything has loaded: it waits for the list. */
  guild_window_set_visible_view (window, "charts");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)", "community", beta);
  g_assert_cmpstr (guild_window_get_visible_view (window), ==, "communities");
  gtk_window_present (GTK_WINDOW (window));
  guild_test_wait_for (community_shown, &wait, "Beta Guild's page");

  /* The search hides the community asked for: it is cleared. */
  _guild_communities_page_set_query (page, "Beta");
  g_assert_cmpuint (g_list_model_get_n_items (_guild_communities_page_get_model (page)), ==, 1);
  guild_window_set_visible_view (window, "charts");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)", "community", alpha);
  g_assert_cmpstr (guild_window_get_visible_view (window), ==, "communities");
  wait.id = alpha;
  guild_test_wait_for (community_shown, &wait, "Alpha Guild's page");
  g_assert_cmpstr (gtk_editable_get_text (_guild_communities_page_get_search_entry (page)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (_guild_communities_page_get_model (page)), ==, 2);

  /* An event opens in its editor, over the calendar. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)", "event",
                              guild_record_get_id (GUILD_RECORD (event)));
  g_assert_cmpstr (guild_window_get_visible_view (window), ==, "calendar");
  editor = wait_for_toplevel (GUILD_TYPE_EVENT_EDITOR);
  g_assert_cmpint (guild_event_editor_get_event_id (GUILD_EVENT_EDITOR (editor)), ==,
                   guild_record_get_id (GUILD_RECORD (event)));
  close_editor (editor);

  /* An activity, in its editor over the journal. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)", "activity",
                              guild_record_get_id (GUILD_RECORD (activity)));
  g_assert_cmpstr (guild_window_get_visible_view (window), ==, "journal");
  editor = wait_for_toplevel (GUILD_TYPE_ACTIVITY_EDITOR);
  close_editor (editor);

  /* A contact opens in its detail page, even when the search hides it. */
  {
    GuildContactsPage *contacts = GUILD_CONTACTS_PAGE (_guild_window_get_view (window,
                                                                               "contacts"));
    GuildContactEditor *contact_editor = _guild_contacts_page_get_editor (contacts);
    GtkWidget *leaflet = gtk_widget_get_ancestor (GTK_WIDGET (contact_editor),
                                                  ADW_TYPE_LEAFLET);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)", "contact",
                                guild_record_get_id (GUILD_RECORD (ada)));
    g_assert_cmpstr (guild_window_get_visible_view (window), ==, "contacts");
    g_assert_cmpint (guild_contact_editor_get_contact_id (contact_editor), ==,
                     guild_record_get_id (GUILD_RECORD (ada)));
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), ==, "detail");

    gtk_editable_set_text (_guild_contacts_page_get_search_entry (contacts), "Ada");
    guild_window_set_visible_view (window, "charts");
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)", "contact",
                                guild_record_get_id (GUILD_RECORD (grace)));
    g_assert_cmpstr (guild_window_get_visible_view (window), ==, "contacts");
    g_assert_cmpint (guild_contact_editor_get_contact_id (contact_editor), ==,
                     guild_record_get_id (GUILD_RECORD (grace)));
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), ==, "detail");
    g_assert_cmpstr (gtk_editable_get_text (_guild_contacts_page_get_search_entry (contacts)),
                     ==, "");
  }

  destroy_toplevels ();
}

static void
test_window_add_dialog (Fixture       *fixture,
                        gconstpointer  data)
{
  GuildWindow *window = show_window (fixture->store);
  GtkWidget *view;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "contacts");
  wait_for_state (window, "contacts", "empty");

  /* The header's add button (Ctrl+N) adds a contact and opens it with the
   * name selected, ready to be typed over; what is typed is saved. */
  g_assert_true (activate_shortcut (GTK_WIDGET (window), "<Control>n"));
  g_assert_cmpuint (guild_store_count (fixture->store, GUILD_RECORD_CONTACT), ==, 1);
  view = _guild_window_get_view (window, "contacts");
  {
    GuildContactEditor *editor = _guild_contacts_page_get_editor (GUILD_CONTACTS_PAGE (view));
    GtkWidget *name = _guild_contact_editor_get_row (editor, "full-name");
    g_autoptr(GuildRecord) saved = NULL;
    gint64 id = guild_contact_editor_get_contact_id (editor);

    g_assert_cmpint (id, >, 0);
    g_assert_true (gtk_widget_is_focus (name) || gtk_widget_has_focus (name) ||
                   gtk_widget_get_focus_child (name) != NULL);
    gtk_editable_set_text (GTK_EDITABLE (name), "  Анна Смирнова ");
    g_assert_true (guild_contact_editor_flush (editor));
    saved = guild_store_load (fixture->store, GUILD_RECORD_CONTACT, id, NULL);
    g_assert_cmpstr (guild_record_get_text (saved, "full-name"), ==, "Анна Смирнова");
  }

  wait_for_state (window, "contacts", "items");
  while (!widget_shows_label (view, "Анна Смирнова"))
    g_main_context_iteration (NULL, TRUE);

  /* On the calendar, it opens the event editor. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "calendar");
  g_assert_true (activate_shortcut (GTK_WIDGET (window), "<Control>n"));
  wait_for_toplevel (GUILD_TYPE_EVENT_EDITOR);

  destroy_toplevels ();
}

static void
test_window_state_saved (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  g_autofree char *last_view = NULL;
  GuildWindow *window;

  g_settings_set_string (settings, "last-view", "calendar");
  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);

  window = show_window (fixture->store);
  g_assert_cmpstr (guild_window_get_visible_view (window), ==, "calendar");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "charts");
  gtk_window_close (GTK_WINDOW (window));

  last_view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (last_view, ==, "charts");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* An unknown view name is ignored rather than trusted. */
  g_settings_set_string (settings, "last-view", "nonsense");
  window = show_window (fixture->store);
  g_assert_cmpstr (guild_window_get_visible_view (window), ==, "communities");
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "last-view");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Section: preferences */

static void
test_preferences_goals (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  g_autoptr(GuildGoals) goals = NULL;
  g_autoptr(GError) error = NULL;
  GuildPreferencesWindow *preferences;
  GtkWidget *combo;
  GtkWidget *spin;

  preferences = guild_preferences_window_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (preferences));

  /* The first spin button is sessions per week. */
  spin = find_widget (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 4);
  guild_preferences_window_flush (preferences);

  goals = guild_store_dup_goals (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (guild_record_get_int (GUILD_RECORD (goals), "sessions-per-week"), ==, 4);

  /* The style row follows the setting both ways. */
  combo = find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW);
  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 1);
  {
    g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");

    g_assert_cmpstr (scheme, ==, "light");
  }
  g_settings_reset (settings, "color-scheme");

  gtk_window_destroy (GTK_WINDOW (preferences));

  /* A new window shows what was saved. */
  preferences = guild_preferences_window_new (NULL, fixture->store);
  spin = find_widget (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 4);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* Section: the file chooser wrapper */

static void
open_files_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GListModel) files = guild_compat_open_files_finish (result, error);

  g_assert_null (files);
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_compat_open_files_cancel (Fixture       *fixture,
                               gconstpointer  data)
{
  GuildWindow *window = show_window (fixture->store);
  g_autoptr(GError) error = NULL;
  GtkWindow *chooser;

  guild_compat_open_files (GTK_WIDGET (window), "Import", NULL, NULL, open_files_cb, &error);

  /* Without a portal, GtkFileChooserNative shows GTK's own dialog. */
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS

  guild_test_wait_for (error_set, &error, "the chooser's answer");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  destroy_toplevels ();
}

/* Section: the application */

static gboolean
has_main_window (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));

  return GUILD_IS_WINDOW (window) && guild_window_get_first_frame_shown (GUILD_WINDOW (window));
}

static GuildApplication *
start_application (const char *id_suffix,
                   const char *database_path)
{
  GuildApplication *app = guild_application_new (0);
  g_autofree char *id = g_strconcat (APP_ID, ".Test", id_suffix, NULL);
  g_autoptr(GError) error = NULL;

  /* Its own id, and no single-instance negotiation: the tests run side by
   * side on one session bus. */
  _guild_application_set_database_path (app, database_path);
  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

static void
test_application_actions (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GuildApplication) app = NULL;
  g_auto(GStrv) accels = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "app.db", NULL);
  GtkWindow *window;

  app = start_application ("Actions", path);

  /* Every menu entry has an action. */
  for (guint i = 0; i < 5; i++)
    {
      static const char *actions[] = { "quit", "preferences", "about", "import", "export" };

      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), actions[i]));
    }
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "import"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "export"));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstrv (accels, ((const char *[]) { "<Control>q", NULL }));

  /* The style follows the setting while the application runs. */
  {
    g_autoptr(GSettings) settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
    AdwStyleManager *style_manager = adw_style_manager_get_default ();

    g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==,
                     ADW_COLOR_SCHEME_DEFAULT);
    g_settings_set_string (settings, "color-scheme", "dark");
    g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==,
                     ADW_COLOR_SCHEME_FORCE_DARK);
    g_settings_set_string (settings, "color-scheme", "light");
    g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==,
                     ADW_COLOR_SCHEME_FORCE_LIGHT);
    g_settings_reset (settings, "color-scheme");
    g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==,
                     ADW_COLOR_SCHEME_DEFAULT);
  }

  /* Activating opens the database GUILD_DATABASE names, and a window on it. */
  g_application_activate (G_APPLICATION (app));
  guild_test_wait_for (has_main_window, app, "the main window");
  g_assert_nonnull (guild_application_get_store (app));
  g_assert_cmpstr (guild_store_get_path (guild_application_get_store (app)), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The window has the help overlay from the resources. */
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  /* Files go to the import dialog (tests/test-import-ui.c tests it). */
  {
    g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/contacts.vcf");

    guild_application_import_files (app, &file, 1);
    gtk_window_destroy (wait_for_toplevel (GUILD_TYPE_IMPORT_DIALOG));
  }

  /* About opens the About window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW);

  /* Quit closes every window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  destroy_toplevels ();
}

static void
test_application_corrupt_database (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GuildApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "damaged.db", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean kept = FALSE;
  GtkWindow *dialog;

  /* Not a database at all. */
  g_file_set_contents (path, "This is not an SQLite database, just some text.\n", -1, &error);
  g_assert_no_error (error);
  app = start_application ("Corrupt", path);

  g_test_expect_message ("guild-application", G_LOG_LEVEL_WARNING, "Could not open*");
  g_application_activate (G_APPLICATION (app));
  g_test_assert_expected_messages ();

  /* No main window: a question, with a way out that loses nothing. */
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "move-aside"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "quit"));
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==, "quit");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "move-aside");

  /* A fresh database and the window on it… */
  guild_test_wait_for (has_main_window, app, "the main window");
  g_assert_nonnull (guild_application_get_store (app));

  /* …and the damaged file kept beside it, unchanged. */
  dir = g_dir_open (fixture->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "damaged.db.damaged-") &&
          !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
        {
          g_autofree char *kept_path = g_build_filename (fixture->dir, name, NULL);
          g_autofree char *contents = NULL;

          g_file_get_contents (kept_path, &contents, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (contents, ==, "This is not an SQLite database, just some text.\n");
          kept = TRUE;
        }
    }
  g_assert_true (kept);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  destroy_toplevels ();
}

/* Section: Russian */

static char *
find_localedir (void)
{
  const char *dir = g_getenv ("GUILD_LOCALEDIR");
  const char *build_dir = g_getenv ("GUILD_BUILD_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);

  if (build_dir != NULL && *build_dir != '\0')
    return g_build_filename (build_dir, "po", NULL);

  return NULL;
}

static void
test_window_russian (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *localedir = find_localedir ();
  g_autofree char *catalogue = NULL;
  g_autoptr(GListModel) pages = NULL;
  GuildWindow *window;

  if (localedir == NULL)
    {
      g_test_skip ("Neither GUILD_LOCALEDIR nor GUILD_BUILD_DIR is set: no catalogues to use");
      return;
    }

  catalogue = g_build_filename (localedir, "ru", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf ("No Russian catalogue at %s: build po/ first",
                                                  catalogue);

      g_test_skip (message);
      return;
    }

  /* gtk_test_init() asked for en_US.UTF-8, which need not exist, leaving
   * "C", where glibc ignores LANGUAGE (STYLE.md §12). */
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", "ru", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  window = show_window (fixture->store);
  pages = _guild_window_get_pages (window);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      const char *expected = g_dgettext (GETTEXT_PACKAGE, views[i].title);

      g_test_message ("%s: “%s”", views[i].name, adw_view_stack_page_get_title (page));
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, expected);
      if (g_strcmp0 (expected, views[i].title) == 0)
        g_error ("po/ru.po has no translation of “%s” (in %s)", views[i].title, catalogue);
    }

  gtk_window_destroy (GTK_WINDOW (window));

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
}

/* Runs the main loop for @ms milliseconds. */
static void
settle (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timed_out_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* The narrowest a phone or a tiled window gives (the window's own
 * width-request): every view, with data in it, must fit, or the whole window
 * refuses to shrink, since the view stack is as wide as its widest page. */
#define NARROWEST 360

static void
check_fits_narrow (Fixture *fixture)
{
  g_autoptr(GString) too_wide = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GuildGenerateOptions options;
  GuildWindow *window;
  int minimum, natural;

  guild_generate_options_init (&options);
  options.seed = 1;
  options.communities = 20;
  options.contacts = 60;
  options.events = 40;
  options.activities = 300;
  options.checkins = 8;
  g_assert_true (guild_generate (fixture->store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  window = show_window (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *view = _guild_window_get_view (window, views[i].name);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[i].name);
      if (GUILD_IS_COMMUNITIES_PAGE (view) || GUILD_IS_CONTACTS_PAGE (view))
        wait_for_state (window, views[i].name, "items");
      /* The others fill from workers too: give them time to. */
      settle (1500);
      gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_test_message ("%s view: at least %d px wide", views[i].name, minimum);
      if (minimum > NARROWEST)
        g_string_append_printf (too_wide, " %s (%d px)", views[i].name, minimum);
    }
  if (too_wide->len > 0)
    g_error ("Wider than %d px:%s", NARROWEST, too_wide->str);

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_test_message ("the window: at least %d px wide", minimum);
  g_assert_cmpint (minimum, <=, NARROWEST);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_narrow (Fixture       *fixture,
                    gconstpointer  data)
{
  check_fits_narrow (fixture);
}

static char *find_localedir (void);

/* Russian labels are longer: they must fit as well. */
static void
test_window_narrow_russian (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *localedir = find_localedir ();
  g_autofree char *catalogue = NULL;

  if (localedir == NULL)
    {
      g_test_skip ("Neither GUILD_LOCALEDIR nor GUILD_BUILD_DIR is set: no catalogues to use");
      return;
    }
  catalogue = g_build_filename (localedir, "ru", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No Russian catalogue: build po/ first");
      return;
    }

  /* As test_window_russian() does (STYLE.md §12). */
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", "ru", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  check_fits_narrow (fixture);

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add_func ("/guild/window/view-state", test_view_state);
  g_test_add_func ("/guild/window/event-order", test_event_order);
  g_test_add_func ("/guild/window/format-month", test_format_month);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/guild/window/views", test_window_views);
  ADD ("/guild/window/view-action", test_window_view_action);
  ADD ("/guild/window/shortcuts", test_window_shortcuts);
  ADD ("/guild/window/narrow", test_window_narrow);
  ADD ("/guild/window/live-update", test_window_live_update);
  ADD ("/guild/window/show-record", test_window_show_record);
  ADD ("/guild/window/add-dialog", test_window_add_dialog);
  ADD ("/guild/window/state-saved", test_window_state_saved);
  ADD ("/guild/window/preferences-goals", test_preferences_goals);
  ADD ("/guild/window/compat-open-files-cancel", test_compat_open_files_cancel);
  ADD ("/guild/window/application-actions", test_application_actions);
  ADD ("/guild/window/application-corrupt-database", test_application_corrupt_database);
  /* Last: they change the locale. */
  ADD ("/guild/window/narrow-russian", test_window_narrow_russian);
  ADD ("/guild/window/russian", test_window_russian);

#undef ADD

  return g_test_run ();
}
