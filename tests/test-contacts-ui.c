/* test-contacts-ui.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "guild-activity-timeline.h"
#include "guild-contact-editor.h"
#include "guild-contact-table.h"
#include "guild-contacts-page.h"
#include "guild-contacts-page-private.h"
#include "guild-merge-dialog.h"
#include "guild-profile-window.h"
#include "guild-records.h"
#include "guild-store-contacts.h"
#include "guild-window.h"
#include "guild-window-private.h"

/* The contacts view in a real window over a store on a temporary file: the
 * search folds Russian case and diacritics, the column choice, widths and
 * sort persist in GSettings, the editor saves what was typed when the window
 * closes (and never saves invalid input), delete and merge are undone by
 * their toasts, and the profile's completeness names what is missing. */

#define TIMEOUT_SECONDS 20

typedef struct
{
  char       *dir;
  char       *path;
  GuildStore *store;
  gint64      olga;
  gint64      jose;
  gint64      olga_again;
  gint64      community;
} Fixture;

static gint64
add_contact (GuildStore         *store,
             const char         *name,
             const char         *company,
             const char * const *emails,
             gint64              community)
{
  g_autoptr(GuildContact) c = guild_contact_new (name);
  g_autoptr(GError) error = NULL;

  guild_record_set_text (GUILD_RECORD (c), "company", company);
  guild_record_set_strv (GUILD_RECORD (c), "emails", emails);
  if (community != 0)
    guild_record_set_ids (GUILD_RECORD (c), "communities", &community, 1);
  guild_store_add (store, GUILD_RECORD (c), &error);
  g_assert_no_error (error);
  return guild_record_get_id (GUILD_RECORD (c));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildCommunity) community = guild_community_new ("Women in Tech Berlin");
  g_autoptr(GSettings) settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  const char * const olga_emails[] = { "olga@example.ru", NULL };

  /* Every test starts from the default columns. */
  g_settings_reset (settings, "contacts-columns");
  g_settings_reset (settings, "contacts-column-widths");
  g_settings_reset (settings, "contacts-sort");
  g_settings_set_string (settings, "last-view", "contacts");

  f->dir = g_dir_make_tmp ("guild-test-contacts-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (f->path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  guild_store_add (f->store, GUILD_RECORD (community), &error);
  g_assert_no_error (error);
  f->community = guild_record_get_id (GUILD_RECORD (community));
  f->olga = add_contact (f->store, "Ольга Иванова", "Тинькофф", olga_emails, f->community);
  f->jose = add_contact (f->store, "José Álvarez", "Acme", NULL, 0);
  f->olga_again = add_contact (f->store, "Olga Ivanova", "", olga_emails, 0);
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
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Section: helpers */

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition   condition,
          gpointer    data,
          const char *what)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (TIMEOUT_SECONDS, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (timeout);
}

static void
spin_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timed_out_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
page_shows_items (gpointer data)
{
  return g_strcmp0 (_guild_contacts_page_get_state (data), "items") == 0;
}

static GuildContactsPage *
show_contacts (GuildStore   *store,
               GuildWindow **out_window)
{
  GuildWindow *window = guild_window_new (NULL, store);
  GuildContactsPage *page;

  gtk_window_present (GTK_WINDOW (window));
  guild_window_set_visible_view (window, "contacts");
  page = GUILD_CONTACTS_PAGE (_guild_window_get_view (window, "contacts"));
  wait_for (page_shows_items, page, "the contacts list");

  *out_window = window;
  return page;
}

typedef struct
{
  GuildContactTable *table;
  guint              n;
} CountWait;

static gboolean
table_has_n (gpointer data)
{
  CountWait *w = data;

  return g_list_model_get_n_items (G_LIST_MODEL (w->table)) == w->n;
}

static void
close_window (GuildWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  spin_for (50);
}

/* Section: tests */

static void
test_search_folds (Fixture       *f,
                   gconstpointer  data)
{
  GuildWindow *window;
  GuildContactsPage *page = show_contacts (f->store, &window);
  GuildContactTable *table = _guild_contacts_page_get_table (page);
  GtkEditable *entry = _guild_contacts_page_get_search_entry (page);
  CountWait w = { table, 0 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), ==, 3);

  /* Typed into the real search entry: lower case finds upper case in
   * Russian, and plain letters find accented ones. */
  gtk_editable_set_text (entry, "ольга");
  w.n = 1;
  wait_for (table_has_n, &w, "the search for ольга");
  gtk_editable_set_text (entry, "ОЛЬГА ИВАН");
  wait_for (table_has_n, &w, "the search for ОЛЬГА ИВАН");
  gtk_editable_set_text (entry, "jose alv");
  wait_for (table_has_n, &w, "the search for jose alv");
  gtk_editable_set_text (entry, "nobody-like-this");
  w.n = 0;
  wait_for (table_has_n, &w, "a search without results");
  g_assert_cmpstr (_guild_contacts_page_get_state (page), ==, "no-results");

  /* Clearing the filters shows everyone again. */
  gtk_widget_activate_action (GTK_WIDGET (page), "contacts.clear-filters", NULL);
  w.n = 3;
  wait_for (table_has_n, &w, "the search to be cleared");

  close_window (window);
}

static GtkColumnViewColumn *
column_named (GtkColumnView *view,
              const char    *name)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "guild-name"), name) == 0)
        return column;
    }
  g_assert_not_reached ();
}

static const char * const fixture_names[] = { "Ольга Иванова", "José Álvarez", "Olga Ivanova", NULL };

static void
collect_names (GtkWidget *widget,
               GtkWidget *view,
               GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strv_contains (fixture_names, gtk_label_get_label (GTK_LABEL (child))))
        {
          graphene_point_t point;

          g_assert_true (gtk_widget_compute_point (child, view, &GRAPHENE_POINT_INIT (0, 0),
                                                   &point));
          g_ptr_array_add (found, g_strdup_printf ("%06.0f %s", point.y,
                                                   gtk_label_get_label (GTK_LABEL (child))));
        }
      collect_names (child, view, found);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names the column view shows, top to bottom, "|"-separated. */
static char *
shown_names (GuildContactsPage *page)
{
  GtkWidget *view = GTK_WIDGET (_guild_contacts_page_get_column_view (page));
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  collect_names (view, view, found);
  g_ptr_array_sort (found, compare_strings);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                            (const char *) g_ptr_array_index (found, i) + 7);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The rows keep their widgets across a sort and a search (the view shows
 * row slots): what they show must follow. */
static void
test_rows_follow (Fixture       *f,
                  gconstpointer  data)
{
  GuildWindow *window;
  GuildContactsPage *page = show_contacts (f->store, &window);
  GuildContactTable *table = _guild_contacts_page_get_table (page);
  GtkEditable *entry = _guild_contacts_page_get_search_entry (page);
  CountWait w = { table, 1 };
  g_autofree char *names = NULL;

  guild_contact_table_set_sort (table, GUILD_CONTACT_SORT_NAME, FALSE);
  spin_for (100);
  names = shown_names (page);
  g_assert_cmpstr (names, ==, "José Álvarez|Olga Ivanova|Ольга Иванова");

  guild_contact_table_set_sort (table, GUILD_CONTACT_SORT_NAME, TRUE);
  spin_for (100);
  g_free (names);
  names = shown_names (page);
  g_assert_cmpstr (names, ==, "Ольга Иванова|Olga Ivanova|José Álvarez");

  gtk_editable_set_text (entry, "ivanova");
  wait_for (table_has_n, &w, "the search for ivanova");
  spin_for (100);
  g_free (names);
  names = shown_names (page);
  g_assert_cmpstr (names, ==, "Olga Ivanova");

  gtk_editable_set_text (entry, "");
  w.n = 3;
  wait_for (table_has_n, &w, "the search to be cleared");
  spin_for (100);
  g_free (names);
  names = shown_names (page);
  g_assert_cmpstr (names, ==, "Ольга Иванова|Olga Ivanova|José Álvarez");

  close_window (window);
}

static void
test_columns_persist (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  g_auto(GStrv) shown = NULL;
  g_autoptr(GVariant) widths = NULL;
  g_autofree char *sort = NULL;
  GuildWindow *window;
  GuildContactsPage *page = show_contacts (f->store, &window);
  GtkColumnView *view = _guild_contacts_page_get_column_view (page);
  GuildContactTable *table;
  gboolean descending;
  int width;

  /* Hide a column from the columns menu's action. */
  gtk_widget_activate_action (GTK_WIDGET (page), "columns.company", NULL);
  g_assert_false (gtk_column_view_column_get_visible (column_named (view, "company")));
  shown = g_settings_get_strv (settings, "contacts-columns");
  g_assert_false (g_strv_contains ((const char * const *) shown, "company"));
  g_assert_true (g_strv_contains ((const char * const *) shown, "position"));

  /* Resize a column, and sort by another, descending. */
  gtk_column_view_column_set_fixed_width (column_named (view, "position"), 333);
  gtk_column_view_sort_by_column (view, column_named (view, "relationship"), GTK_SORT_DESCENDING);
  sort = g_settings_get_string (settings, "contacts-sort");
  g_assert_cmpstr (sort, ==, "-relationship");
  g_assert_cmpint (guild_contact_table_get_sort (_guild_contacts_page_get_table (page),
                                                 &descending), ==,
                   GUILD_CONTACT_SORT_RELATIONSHIP);
  g_assert_true (descending);

  close_window (window);
  widths = g_settings_get_value (settings, "contacts-column-widths");
  g_assert_true (g_variant_lookup (widths, "position", "i", &width));
  g_assert_cmpint (width, ==, 333);

  /* A new window comes back the same. */
  page = show_contacts (f->store, &window);
  view = _guild_contacts_page_get_column_view (page);
  table = _guild_contacts_page_get_table (page);
  g_assert_false (gtk_column_view_column_get_visible (column_named (view, "company")));
  g_assert_true (gtk_column_view_column_get_visible (column_named (view, "position")));
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (column_named (view, "position")),
                   ==, 333);
  g_assert_cmpint (guild_contact_table_get_sort (table, &descending), ==,
                   GUILD_CONTACT_SORT_RELATIONSHIP);
  g_assert_true (descending);

  close_window (window);
}

static void
test_autosave_flush (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GuildRecord) saved = NULL;
  GuildWindow *window;
  GuildContactsPage *page = show_contacts (f->store, &window);
  GuildContactEditor *editor = _guild_contacts_page_get_editor (page);
  GtkWidget *company;
  GtkWidget *met;
  GtkTextBuffer *notes;

  g_assert_true (guild_contact_editor_edit (editor, f->jose, FALSE));
  company = _guild_contact_editor_get_row (editor, "company");
  met = _guild_contact_editor_get_row (editor, "connected-on");
  notes = gtk_text_view_get_buffer (GTK_TEXT_VIEW (_guild_contact_editor_get_row (editor,
                                                                                    "notes")));

  /* Typed, then the window closes before the half second has passed. */
  gtk_editable_set_text (GTK_EDITABLE (company), "Globex");
  gtk_text_buffer_set_text (notes, "Met at the Python meetup; likes hiking", -1);
  /* An invalid date is marked and never saved. */
  gtk_editable_set_text (GTK_EDITABLE (met), "14.03.2025");
  g_assert_true (gtk_widget_has_css_class (met, "error"));
  g_assert_true (guild_contact_editor_get_dirty (editor));

  close_window (window);

  saved = guild_store_load (f->store, GUILD_RECORD_CONTACT, f->jose, NULL);
  g_assert_cmpstr (guild_record_get_text (saved, "company"), ==, "Globex");
  g_assert_cmpstr (guild_record_get_text (saved, "notes"), ==,
                   "Met at the Python meetup; likes hiking");
  g_assert_cmpstr (guild_record_get_text (saved, "connected-on"), ==, "");
}

static void
test_autosave_debounced (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GuildRecord) saved = NULL;
  GuildWindow *window;
  GuildContactsPage *page = show_contacts (f->store, &window);
  GuildContactEditor *editor = _guild_contacts_page_get_editor (page);

  g_assert_true (guild_contact_editor_edit (editor, f->jose, FALSE));
  gtk_editable_set_text (GTK_EDITABLE (_guild_contact_editor_get_row (editor, "connected-on")),
                         "2025-03-14");
  /* Saved by itself after the pause, without leaving. */
  spin_for (900);
  g_assert_false (guild_contact_editor_get_dirty (editor));
  saved = guild_store_load (f->store, GUILD_RECORD_CONTACT, f->jose, NULL);
  g_assert_cmpstr (guild_record_get_text (saved, "connected-on"), ==, "2025-03-14");

  close_window (window);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GuildRecord) back = NULL;
  GuildWindow *window;
  GuildContactsPage *page = show_contacts (f->store, &window);
  GuildContactTable *table = _guild_contacts_page_get_table (page);
  AdwToast *toast;
  CountWait w = { table, 2 };

  _guild_contacts_page_delete (page, f->olga);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 2);
  wait_for (table_has_n, &w, "the deleted contact to leave the list");

  toast = _guild_contacts_page_get_undo_toast (page, FALSE);
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");

  /* Back with their e-mail and their community. */
  back = guild_store_load (f->store, GUILD_RECORD_CONTACT, f->olga, NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (guild_record_get_strv (back, "emails")[0], ==, "olga@example.ru");
  g_assert_cmpuint (guild_record_get_ids (back, "communities")->len, ==, 1);
  w.n = 3;
  wait_for (table_has_n, &w, "the restored contact in the list");

  /* Deleted again, and the toast goes: nothing can bring them back. */
  _guild_contacts_page_delete (page, f->olga);
  toast = _guild_contacts_page_get_undo_toast (page, FALSE);
  adw_toast_dismiss (toast);
  g_assert_null (_guild_contacts_page_get_undo_toast (page, FALSE));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 2);

  close_window (window);
}

static void
test_merge_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GuildRecord) merged = NULL;
  g_autoptr(GuildRecord) restored = NULL;
  GuildWindow *window;
  GuildContactsPage *page = show_contacts (f->store, &window);
  AdwToast *toast;

  _guild_contacts_page_merge (page, f->olga, f->olga_again);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 2);
  merged = guild_store_load (f->store, GUILD_RECORD_CONTACT, f->olga, NULL);
  g_assert_cmpuint (g_strv_length ((char **) guild_record_get_strv (merged, "emails")), ==, 1);

  toast = _guild_contacts_page_get_undo_toast (page, TRUE);
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 3);
  restored = guild_store_load (f->store, GUILD_RECORD_CONTACT, f->olga_again, NULL);
  g_assert_cmpstr (guild_record_get_text (restored, "full-name"), ==, "Olga Ivanova");

  close_window (window);
}

static void
test_merge_dialog_preview (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GListModel) rows = NULL;
  GuildMergeDialog *dialog;
  gboolean found_company = FALSE;

  pairs = guild_store_find_duplicates (f->store, NULL, NULL);
  g_assert_cmpuint (pairs->len, ==, 1);

  /* Keeping the second one's details still keeps the first one's company. */
  dialog = guild_merge_dialog_new (NULL, f->store, pairs);
  guild_merge_dialog_select_pair (dialog, 0, TRUE);
  rows = _guild_merge_dialog_get_preview_rows (dialog);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkWidget) row = g_list_model_get_item (rows, i);

      if (ADW_IS_ACTION_ROW (row) &&
          g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Тинькофф") == 0)
        found_company = TRUE;
    }
  g_assert_true (found_company);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Section: the contact page's activity, the event met at, exporting */

typedef struct
{
  GuildActivityList *list;
  guint              n;
} ListWait;

static gboolean
list_has_n (gpointer data)
{
  ListWait *w = data;

  return !guild_activity_list_get_loading (w->list) &&
         g_list_model_get_n_items (G_LIST_MODEL (w->list)) == w->n;
}

static gint64
add_activity (GuildStore *store,
              const char *kind,
              gint64      at,
              gint64      contact)
{
  g_autoptr(GuildActivity) activity = guild_activity_new (kind, at);
  g_autoptr(GError) error = NULL;

  if (contact != 0)
    guild_record_set_ids (GUILD_RECORD (activity), "contacts", &contact, 1);
  guild_store_add (store, GUILD_RECORD (activity), &error);
  g_assert_no_error (error);
  return guild_record_get_id (GUILD_RECORD (activity));
}

/* The contact's page shows the activities with this person only (never
 * every activity, which a filter of 0 would mean), follows the store, and
 * its "Log Activity…" button opens the quick add for this contact. */
static void
test_activity_timeline (Fixture       *f,
                        gconstpointer  data)
{
  GuildWindow *window;
  GuildContactsPage *page;
  GuildContactEditor *editor;
  GuildActivityTimeline *timeline;
  GtkWidget *button;
  g_autofree char *target = NULL;
  g_autofree char *jose_target = NULL;
  ListWait wait;
  gint64 mine;

  add_activity (f->store, "message", 1764000000, f->jose);
  add_activity (f->store, "ask_question", 1764000100, 0);

  page = show_contacts (f->store, &window);
  editor = _guild_contacts_page_get_editor (page);
  timeline = GUILD_ACTIVITY_TIMELINE (_guild_contact_editor_get_row (editor, "activity-timeline"));
  button = _guild_contact_editor_get_row (editor, "log-activity");

  g_assert_true (guild_contact_editor_edit (editor, f->olga, FALSE));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (timeline),
                                                                  ADW_TYPE_PREFERENCES_GROUP)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "win.log-activity");
  target = g_strdup_printf ("contact:%" G_GINT64_FORMAT, f->olga);
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)),
                                         NULL), ==, target);

  /* Nothing with Olga yet: the other two activities are not hers. */
  wait.list = guild_activity_timeline_get_list (timeline);
  g_assert_nonnull (wait.list);
  wait.n = 0;
  wait_for (list_has_n, &wait, "Olga's empty timeline");

  /* Logged with her: it appears. */
  mine = add_activity (f->store, "message", 1764000200, f->olga);
  wait.n = 1;
  wait_for (list_has_n, &wait, "Olga's activity");
  g_assert_cmpint (guild_activity_list_get_id (wait.list, 0), ==, mine);

  /* Another contact: the button and the timeline follow. */
  g_assert_true (guild_contact_editor_edit (editor, f->jose, FALSE));
  jose_target = g_strdup_printf ("contact:%" G_GINT64_FORMAT, f->jose);
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)),
                                         NULL), ==, jose_target);
  wait.list = guild_activity_timeline_get_list (timeline);
  wait.n = 1;
  wait_for (list_has_n, &wait, "José's timeline");
  g_assert_cmpint (guild_activity_list_get_id (wait.list, 0), !=, mine);

  close_window (window);
}

static gboolean
dropdown_has_n (gpointer data)
{
  GtkDropDown *dropdown = data;
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "test-n"));

  return g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) == n;
}

/* "Met at event" lists "None" and every event, newest first (read on a
 * worker), saves the choice, and shows it again when the contact opens. */
static void
test_met_at_event (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GuildEvent) older = guild_event_new ("PyCon Berlin", 1700000000, 1700003600);
  g_autoptr(GuildEvent) newer = guild_event_new ("Rust night", 1764000000, 1764003600);
  g_autoptr(GuildRecord) saved = NULL;
  g_autoptr(GError) error = NULL;
  GuildWindow *window;
  GuildContactsPage *page;
  GuildContactEditor *editor;
  GtkDropDown *dropdown;
  GListModel *model;

  guild_store_add (f->store, GUILD_RECORD (older), &error);
  g_assert_no_error (error);
  guild_store_add (f->store, GUILD_RECORD (newer), &error);
  g_assert_no_error (error);

  page = show_contacts (f->store, &window);
  editor = _guild_contacts_page_get_editor (page);
  dropdown = GTK_DROP_DOWN (_guild_contact_editor_get_row (editor, "met-at-event"));
  g_object_set_data (G_OBJECT (dropdown), "test-n", GUINT_TO_POINTER (3));
  wait_for (dropdown_has_n, dropdown, "the events");
  model = gtk_drop_down_get_model (dropdown);
  g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), 1),
                                   "Rust night"));
  g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), 2),
                                   "PyCon Berlin"));

  g_assert_true (guild_contact_editor_edit (editor, f->jose, FALSE));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  gtk_drop_down_set_selected (dropdown, 2);
  g_assert_true (guild_contact_editor_flush (editor));
  saved = guild_store_load (f->store, GUILD_RECORD_CONTACT, f->jose, NULL);
  g_assert_cmpint (guild_record_get_int (saved, "met-at-event"), ==,
                   guild_record_get_id (GUILD_RECORD (older)));

  /* Another contact shows "None"; José again, his event. */
  g_assert_true (guild_contact_editor_edit (editor, f->olga, FALSE));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_true (guild_contact_editor_edit (editor, f->jose, FALSE));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 2);

  /* A new event is picked up, and the choice stays on the same event. */
  {
    g_autoptr(GuildEvent) newest = guild_event_new ("Meetup", 1780000000, 1780003600);

    guild_store_add (f->store, GUILD_RECORD (newest), &error);
    g_assert_no_error (error);
    g_object_set_data (G_OBJECT (dropdown), "test-n", GUINT_TO_POINTER (4));
    wait_for (dropdown_has_n, dropdown, "the new event");
    g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 3);
    g_assert_false (guild_contact_editor_get_dirty (editor));
  }

  close_window (window);
}

typedef struct
{
  GFile *file;
} FileWait;

static gboolean
file_has_two_cards (gpointer data)
{
  g_autofree char *text = NULL;
  const char *p;
  guint n = 0;

  if (!g_file_load_contents (data, NULL, &text, NULL, NULL, NULL))
    return FALSE;
  for (p = strstr (text, "END:VCARD"); p != NULL; p = strstr (p + 1, "END:VCARD"))
    n++;
  return n >= 2;
}

/* "Export Selected as vCard…" is enabled only with a selection, and writes
 * exactly the selected contacts. */
static void
test_export_selected (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "selected.vcf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  GuildWindow *window;
  GuildContactsPage *page = show_contacts (f->store, &window);
  GtkSelectionModel *selection = gtk_column_view_get_model (_guild_contacts_page_get_column_view (page));
  GuildContactTable *table = _guild_contacts_page_get_table (page);
  guint olga, jose;
  const char *p;
  guint n = 0;

  g_assert_true (guild_contact_table_find (table, f->olga, &olga));
  g_assert_true (guild_contact_table_find (table, f->jose, &jose));

  gtk_selection_model_unselect_all (selection);
  _guild_contacts_page_set_export_file (page, file);
  gtk_widget_activate_action (GTK_WIDGET (page), "contacts.export-selected", NULL);
  spin_for (200);
  g_assert_false (g_file_query_exists (file, NULL));

  gtk_selection_model_select_item (selection, olga, TRUE);
  gtk_selection_model_select_item (selection, jose, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contacts.export-selected", NULL));
  wait_for (file_has_two_cards, file, "the vCard file");
  spin_for (100);

  g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, NULL));
  for (p = strstr (text, "BEGIN:VCARD"); p != NULL; p = strstr (p + 1, "BEGIN:VCARD"))
    n++;
  g_assert_cmpuint (n, ==, 2);
  g_assert_nonnull (strstr (text, "FN:Ольга Иванова"));
  g_assert_nonnull (strstr (text, "FN:José Álvarez"));
  g_assert_null (strstr (text, "FN:Olga Ivanova"));

  close_window (window);
}

static void
test_profile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GuildProfile) saved = NULL;
  GuildProfileWindow *window = guild_profile_window_new (NULL, f->store);
  GtkWidget *email = _guild_profile_window_get_row (window, "email");
  g_auto(GStrv) missing = NULL;
  guint n_items;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (strstr (_guild_profile_window_get_summary (window), "the field you are"));

  gtk_editable_set_text (GTK_EDITABLE (_guild_profile_window_get_row (window, "target-field")),
                         "Data analysis");
  g_assert_null (strstr (_guild_profile_window_get_summary (window), "the field you are"));

  /* An invalid address is marked, not saved. */
  gtk_editable_set_text (GTK_EDITABLE (email), "not an address");
  g_assert_true (gtk_widget_has_css_class (email, "error"));

  gtk_window_close (GTK_WINDOW (window));
  spin_for (50);

  saved = guild_store_dup_profile (f->store, NULL);
  g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (saved), "target-field"), ==,
                   "Data analysis");
  g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (saved), "email"), ==, "");

  missing = guild_profile_dup_missing (GUILD_RECORD (saved), &n_items);
  g_assert_cmpuint (n_items, ==, 7);
  g_assert_cmpuint (g_strv_length (missing), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/guild/contacts-ui/search-folds", test_search_folds);
  ADD ("/guild/contacts-ui/rows-follow", test_rows_follow);
  ADD ("/guild/contacts-ui/columns-persist", test_columns_persist);
  ADD ("/guild/contacts-ui/autosave-flush", test_autosave_flush);
  ADD ("/guild/contacts-ui/autosave-debounced", test_autosave_debounced);
  ADD ("/guild/contacts-ui/delete-undo", test_delete_undo);
  ADD ("/guild/contacts-ui/merge-undo", test_merge_undo);
  ADD ("/guild/contacts-ui/merge-dialog-preview", test_merge_dialog_preview);
  ADD ("/guild/contacts-ui/profile", test_profile);
  ADD ("/guild/contacts-ui/activity-timeline", test_activity_timeline);
  ADD ("/guild/contacts-ui/met-at-event", test_met_at_event);
  ADD ("/guild/contacts-ui/export-selected", test_export_selected);

#undef ADD

  return g_test_run ();
}
