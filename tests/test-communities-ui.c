/* test-communities-ui.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "guild-autosave.h"
#include "guild-communities-page.h"
#include "guild-community-detail.h"
#include "guild-community-filter.h"
#include "guild-community-item.h"
#include "guild-relative-date.h"
#include "guild-store-communities.h"
#include "guild-window.h"

/* The Communities view on a real store: edits saved after typing pauses
 * and at once when the community leaves the page, an invalid web address
 * shown and never saved, filters and sort order surviving a new page (a
 * restart), search folding Russian case and diacritics, and delete with an
 * Undo that brings the memberships back. */

#define TIMEOUT_SECONDS 10

typedef struct
{
  char       *dir;
  GuildStore *store;
  GtkWindow  *window;
  GuildCommunitiesPage *page;
  gint64      rust;
  gint64      design;
  gint64      ann;
  gint64      bob;
} Fixture;

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
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
spin_for_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timed_out_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gint64
add_community (GuildStore *store,
               const char *name,
               const char *platform,
               const char *notes)
{
  g_autoptr(GuildCommunity) community = guild_community_new (name);
  g_autoptr(GError) error = NULL;

  guild_record_set_text (GUILD_RECORD (community), "platform", platform);
  guild_record_set_text (GUILD_RECORD (community), "notes", notes);
  guild_store_add (store, GUILD_RECORD (community), &error);
  g_assert_no_error (error);

  return guild_record_get_id (GUILD_RECORD (community));
}

static gint64
add_contact (GuildStore *store,
             const char *name)
{
  g_autoptr(GuildContact) contact = guild_contact_new (name);
  g_autoptr(GError) error = NULL;

  guild_store_add (store, GUILD_RECORD (contact), &error);
  g_assert_no_error (error);

  return guild_record_get_id (GUILD_RECORD (contact));
}

static gboolean
page_ready (gpointer data)
{
  GuildCommunitiesPage *page = data;

  return _guild_communities_page_get_summaries_loaded (page) &&
         g_list_model_get_n_items (_guild_communities_page_get_model (page)) > 0;
}

static int window_width = 1000;

static GuildCommunitiesPage *
show_page (Fixture *f)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GuildCommunitiesPage *page = g_object_new (GUILD_TYPE_COMMUNITIES_PAGE, NULL);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, window_width, 700);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  gtk_window_set_child (f->window, overlay);
  guild_communities_page_set_store (page, f->store);
  gtk_window_present (f->window);
  guild_communities_page_load (page);
  wait_for (page_ready, page, "the communities and their counts");

  return page;
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_settings_reset (settings, "communities-sort");
  g_settings_reset (settings, "communities-filters");

  f->dir = g_dir_make_tmp ("guild-communities-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  f->rust = add_community (f->store, "Rust Москва", "telegram", "Встречи по средам");
  f->design = add_community (f->store, "Diseño José", "discord", "");
  add_community (f->store, "Amsterdam Backend", "facebook", "");
  f->ann = add_contact (f->store, "Ann");
  f->bob = add_contact (f->store, "Bob");
  guild_store_community_add_member (f->store, f->rust, f->ann, &error);
  guild_store_community_add_member (f->store, f->rust, f->bob, &error);
  g_assert_no_error (error);

  f->page = show_page (f);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_strdup (guild_store_get_path (f->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  if (f->window != NULL)
    gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
stored_text (Fixture    *f,
             gint64      id,
             const char *field)
{
  g_autoptr(GuildRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = guild_store_load (f->store, GUILD_RECORD_COMMUNITY, id, &error);
  g_assert_no_error (error);

  return g_strdup (guild_record_get_text (record, field));
}

static GuildCommunityDetail *
open_community (Fixture *f,
                gint64   id)
{
  GuildCommunityDetail *detail;

  g_assert_true (_guild_communities_page_select (f->page, id));
  detail = GUILD_COMMUNITY_DETAIL (_guild_communities_page_get_detail (f->page));
  g_assert_cmpint (guild_record_get_id (GUILD_RECORD (guild_community_detail_get_community (detail))),
                   ==, id);

  return detail;
}

static void
test_autosave (Fixture       *f,
               gconstpointer  data)
{
  GuildCommunityDetail *detail = open_community (f, f->rust);
  GtkWidget *name = _guild_community_detail_get_row (detail, "name");
  GtkTextView *notes = _guild_community_detail_get_text_view (detail, "notes");
  g_autofree char *text = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Rust Москва");

  /* Typing does not write at once… */
  gtk_editable_set_text (GTK_EDITABLE (name), "Rust Moscow");
  text = stored_text (f, f->rust, "name");
  g_assert_cmpstr (text, ==, "Rust Москва");
  g_clear_pointer (&text, g_free);

  /* …but once typing pauses for the debounce. */
  spin_for_ms (GUILD_AUTOSAVE_DELAY_MS + 200);
  text = stored_text (f, f->rust, "name");
  g_assert_cmpstr (text, ==, "Rust Moscow");
  g_clear_pointer (&text, g_free);

  /* Choosing another community writes what was just typed, at once. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (notes), "Новые заметки", -1);
  text = stored_text (f, f->rust, "notes");
  g_assert_cmpstr (text, ==, "Встречи по средам");
  g_clear_pointer (&text, g_free);
  open_community (f, f->design);
  text = stored_text (f, f->rust, "notes");
  g_assert_cmpstr (text, ==, "Новые заметки");
  g_clear_pointer (&text, g_free);

  /* So does closing the window. */
  detail = open_community (f, f->design);
  gtk_editable_set_text (GTK_EDITABLE (_guild_community_detail_get_row (detail, "location")),
                         "Lisboa");
  gtk_window_destroy (f->window);
  f->window = NULL;
  text = stored_text (f, f->design, "location");
  g_assert_cmpstr (text, ==, "Lisboa");
}

static void
test_invalid_url (Fixture       *f,
                  gconstpointer  data)
{
  GuildCommunityDetail *detail = open_community (f, f->rust);
  GtkWidget *url = _guild_community_detail_get_row (detail, "url");
  GtkWidget *name = _guild_community_detail_get_row (detail, "name");
  GtkWidget *label = _guild_community_detail_get_error_label (detail, "url");
  g_autofree char *text = NULL;

  gtk_editable_set_text (GTK_EDITABLE (url), "https://t.me/rust_moscow");
  g_assert_true (guild_community_detail_flush (detail));
  text = stored_text (f, f->rust, "url");
  g_assert_cmpstr (text, ==, "https://t.me/rust_moscow");
  g_clear_pointer (&text, g_free);
  g_assert_false (gtk_widget_has_css_class (url, "error"));
  g_assert_false (gtk_widget_get_visible (label));

  /* A malformed address is flagged where it was typed and never saved. */
  gtk_editable_set_text (GTK_EDITABLE (url), "not a web address");
  g_assert_true (gtk_widget_has_css_class (url, "error"));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, "");
  guild_community_detail_flush (detail);
  spin_for_ms (GUILD_AUTOSAVE_DELAY_MS + 200);
  text = stored_text (f, f->rust, "url");
  g_assert_cmpstr (text, ==, "https://t.me/rust_moscow");
  g_clear_pointer (&text, g_free);

  /* Other edits meanwhile still save. */
  gtk_editable_set_text (GTK_EDITABLE (_guild_community_detail_get_row (detail, "industry")),
                         "Software");
  guild_community_detail_flush (detail);
  text = stored_text (f, f->rust, "industry");
  g_assert_cmpstr (text, ==, "Software");
  g_clear_pointer (&text, g_free);

  /* An empty name likewise. */
  gtk_editable_set_text (GTK_EDITABLE (name), "   ");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  guild_community_detail_flush (detail);
  text = stored_text (f, f->rust, "name");
  g_assert_cmpstr (text, ==, "Rust Москва");
  g_clear_pointer (&text, g_free);

  /* Fixing the address clears the error and saves it. */
  gtk_editable_set_text (GTK_EDITABLE (url), "https://rust.example.org ");
  g_assert_false (gtk_widget_has_css_class (url, "error"));
  guild_community_detail_flush (detail);
  text = stored_text (f, f->rust, "url");
  g_assert_cmpstr (text, ==, "https://rust.example.org");
}

static void
test_combo_and_date (Fixture       *f,
                     gconstpointer  data)
{
  GuildCommunityDetail *detail = open_community (f, f->rust);
  AdwComboRow *status = ADW_COMBO_ROW (_guild_community_detail_get_row (detail, "status"));
  const GuildVocabEntry *entries;
  g_autofree char *text = NULL;
  guint n;

  entries = guild_vocab_entries (GUILD_VOCAB_COMMUNITY_STATUS, &n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (entries[i].id, "active") == 0)
      adw_combo_row_set_selected (status, i);
  guild_community_detail_flush (detail);
  text = stored_text (f, f->rust, "status");
  g_assert_cmpstr (text, ==, "active");
}

static guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (_guild_communities_page_get_model (f->page));
}

static const char *
shown_name (Fixture *f,
            guint    position)
{
  g_autoptr(GuildCommunityItem) item = g_list_model_get_item (_guild_communities_page_get_model (f->page),
                                                              position);

  return guild_record_get_text (GUILD_RECORD (guild_community_item_get_community (item)), "name");
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpuint (n_shown (f), ==, 3);

  /* Russian case, in the name and in the notes. */
  _guild_communities_page_set_query (f->page, "МОСКВА");
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_assert_cmpstr (shown_name (f, 0), ==, "Rust Москва");
  _guild_communities_page_set_query (f->page, "средам");
  g_assert_cmpuint (n_shown (f), ==, 1);

  /* Diacritics. */
  _guild_communities_page_set_query (f->page, "jose diseno");
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_assert_cmpstr (shown_name (f, 0), ==, "Diseño José");

  _guild_communities_page_set_query (f->page, "nothing like this");
  g_assert_cmpuint (n_shown (f), ==, 0);
  _guild_communities_page_set_query (f->page, "");
  g_assert_cmpuint (n_shown (f), ==, 3);
}

static void
test_filters_persist (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  g_autoptr(GVariant) saved = NULL;
  g_autofree char *sort = NULL;
  const char *value = NULL;

  /* By name: Amsterdam, Diseño, Rust. */
  g_assert_cmpstr (shown_name (f, 0), ==, "Amsterdam Backend");
  g_assert_cmpstr (shown_name (f, 2), ==, "Rust Москва");

  g_assert_true (_guild_communities_page_set_filter (f->page, "platform", "discord", TRUE));
  g_assert_true (_guild_communities_page_set_filter (f->page, "platform", "telegram", TRUE));
  g_assert_false (_guild_communities_page_set_filter (f->page, "platform", "no-such", TRUE));
  g_assert_cmpuint (n_shown (f), ==, 2);
  _guild_communities_page_set_sort (f->page, "last-activity");

  saved = g_settings_get_value (settings, "communities-filters");
  g_assert_true (g_variant_lookup (saved, "platform", "&s", &value));
  g_assert_cmpstr (value, ==, "discord,telegram");
  sort = g_settings_get_string (settings, "communities-sort");
  g_assert_cmpstr (sort, ==, "last-activity");

  /* A new page (as after a restart) starts with them. */
  gtk_window_destroy (f->window);
  f->window = NULL;
  f->page = show_page (f);
  g_assert_cmpuint (n_shown (f), ==, 2);
  g_clear_pointer (&sort, g_free);
  g_object_get (f->page, "sort", &sort, NULL);
  g_assert_cmpstr (sort, ==, "last-activity");

  /* AND across fields. */
  g_assert_true (_guild_communities_page_set_filter (f->page, "status", "active", TRUE));
  g_assert_cmpuint (n_shown (f), ==, 0);
  g_assert_true (_guild_communities_page_set_filter (f->page, "status", "active", FALSE));
  g_assert_true (_guild_communities_page_set_filter (f->page, "platform", "discord", FALSE));
  g_assert_cmpuint (n_shown (f), ==, 1);
  g_assert_cmpstr (shown_name (f, 0), ==, "Rust Москва");
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  GuildCommunityDetail *detail = open_community (f, f->rust);
  GuildCommunity *shown;
  gint64 restored;

  g_assert_cmpuint (_guild_community_detail_get_n_member_rows (detail), ==, 2);

  /* What was typed just before deleting comes back with Undo. */
  gtk_editable_set_text (GTK_EDITABLE (_guild_community_detail_get_row (detail, "description")),
                         "Typed right before");
  g_assert_true (_guild_communities_page_delete (f->page));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_COMMUNITY), ==, 2);
  g_assert_cmpuint (n_shown (f), ==, 2);

  g_assert_true (_guild_communities_page_undo (f->page));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_COMMUNITY), ==, 3);
  g_assert_cmpuint (n_shown (f), ==, 3);

  /* The restored community is selected, with its members. */
  shown = guild_community_detail_get_community (detail);
  g_assert_nonnull (shown);
  g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (shown), "name"), ==, "Rust Москва");
  g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (shown), "description"), ==,
                   "Typed right before");
  restored = guild_record_get_id (GUILD_RECORD (shown));
  members = guild_store_community_members (f->store, restored, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpuint (_guild_community_detail_get_n_member_rows (detail), ==, 2);
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  GuildCommunityDetail *detail = GUILD_COMMUNITY_DETAIL (_guild_communities_page_get_detail (f->page));
  GtkWidget *name;
  g_autofree char *text = NULL;
  gint64 id;

  /* Even with a filter that would hide it, a new community is shown. */
  _guild_communities_page_set_filter (f->page, "platform", "discord", TRUE);
  guild_communities_page_add (f->page);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_COMMUNITY), ==, 4);
  g_assert_cmpuint (n_shown (f), ==, 4);
  name = _guild_community_detail_get_row (detail, "name");
  id = guild_record_get_id (GUILD_RECORD (guild_community_detail_get_community (detail)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "New Community");

  gtk_editable_set_text (GTK_EDITABLE (name), "Kotlin Meetup");
  guild_community_detail_flush (detail);
  text = stored_text (f, id, "name");
  g_assert_cmpstr (text, ==, "Kotlin Meetup");
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (data));
}

/* One at a time: Enter in the search opens the first community found, and
 * the back action returns to the list. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *detail;
  AdwLeaflet *leaflet;
  GtkEditable *entry;

  gtk_window_destroy (f->window);
  window_width = 400;
  f->page = show_page (f);
  window_width = 1000;
  detail = _guild_communities_page_get_detail (f->page);
  leaflet = ADW_LEAFLET (gtk_widget_get_ancestor (detail, ADW_TYPE_LEAFLET));
  entry = _guild_communities_page_get_search_entry (f->page);
  wait_for (leaflet_folded, leaflet, "the list and the page to fold");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");

  gtk_editable_set_text (entry, "diseño");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  g_assert_cmpint (guild_record_get_id (GUILD_RECORD (guild_community_detail_get_community (GUILD_COMMUNITY_DETAIL (detail)))),
                   ==, f->design);

  gtk_widget_activate_action (detail, "communities.back", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
}

static void
test_relative_day (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 3, 1, 0, 10, 0);
  g_autofree char *today = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *days = NULL;
  g_autofree char *weeks = NULL;
  g_autofree char *old = NULL;
  gint64 base = g_date_time_to_unix (now);

  today = guild_format_relative_day (base - 5 * 60, now);
  g_assert_cmpstr (today, ==, "today");
  /* 23:50 the day before (a leap-free February) is yesterday. */
  yesterday = guild_format_relative_day (base - 20 * 60, now);
  g_assert_cmpstr (yesterday, ==, "yesterday");
  days = guild_format_relative_day (base - 3 * 86400, now);
  g_assert_cmpstr (days, ==, "3 days ago");
  weeks = guild_format_relative_day (base - 21 * 86400, now);
  g_assert_cmpstr (weeks, ==, "3 weeks ago");
  old = guild_format_relative_day (base - 400 * 86400, now);
  g_assert_cmpstr (old, ==, "25 January 2025");
}

static void
test_filter_variant (void)
{
  g_autoptr(GuildCommunityFilter) filter = guild_community_filter_new ();
  g_autoptr(GuildCommunityFilter) again = guild_community_filter_new ();
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) variant2 = NULL;

  g_assert_cmpint (guild_community_filter_value_change (filter, "status", TRUE), ==,
                   GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (guild_community_filter_set_value (filter, "status", "paused", TRUE));
  g_assert_cmpint (guild_community_filter_value_change (filter, "status", TRUE), ==,
                   GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpint (guild_community_filter_value_change (filter, "status", FALSE), ==,
                   GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_true (guild_community_filter_set_value (filter, "status", "active", TRUE));
  g_assert_false (guild_community_filter_set_value (filter, "status", "active", TRUE));
  g_assert_true (guild_community_filter_set_value (filter, "language", "Русский", TRUE));
  g_assert_false (guild_community_filter_set_value (filter, "language", "a,b", TRUE));
  g_assert_false (guild_community_filter_set_value (filter, "colour", "red", TRUE));
  g_assert_cmpuint (guild_community_filter_count (filter), ==, 3);

  variant = g_variant_ref_sink (guild_community_filter_to_variant (filter));
  guild_community_filter_load (again, variant);
  variant2 = g_variant_ref_sink (guild_community_filter_to_variant (again));
  g_assert_true (g_variant_equal (variant, variant2));
  g_assert_true (guild_community_filter_has_value (again, "language", "Русский"));
  g_assert_true (guild_community_filter_has_value (again, "status", "active"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add_func ("/guild/communities-ui/relative-day", test_relative_day);
  g_test_add_func ("/guild/communities-ui/filter-variant", test_filter_variant);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, set_up, func, tear_down)

  ADD ("/guild/communities-ui/autosave", test_autosave);
  ADD ("/guild/communities-ui/invalid-url", test_invalid_url);
  ADD ("/guild/communities-ui/combo", test_combo_and_date);
  ADD ("/guild/communities-ui/search", test_search);
  ADD ("/guild/communities-ui/filters-persist", test_filters_persist);
  ADD ("/guild/communities-ui/delete-undo", test_delete_undo);
  ADD ("/guild/communities-ui/add", test_add);
  ADD ("/guild/communities-ui/narrow", test_narrow);

#undef ADD

  return g_test_run ();
}
