/* test-log-ui.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "guild-activity-editor.h"
#include "guild-activity-timeline.h"
#include "guild-checkin-dialog.h"
#include "guild-journal-page.h"
#include "guild-log-format.h"
#include "guild-rating-bar.h"
#include "guild-records.h"
#include "guild-store-activities.h"
#include "guild-window.h"

#define TIMEOUT_SECONDS 10

typedef struct
{
  char       *dir;
  GuildStore *store;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GSettings) settings = g_settings_new (GUILD_SETTINGS_SCHEMA);

  f->dir = g_dir_make_tmp ("guild-log-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  g_settings_reset (settings, "log-last-community");
  g_settings_reset (settings, "checkin-day");
  g_settings_reset (settings, "checkin-dismissed-week");
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_strdup (guild_store_get_path (f->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  /* The contact index a dialog asked for is built on a worker that reads the
   * file: let it finish before the file goes. */
  while (g_object_get_data (G_OBJECT (f->store), "guild-contact-index-building") != NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
wait_for (gboolean   (*done) (gpointer),
          gpointer     data,
          const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gint64
add_community (GuildStore *store,
               const char *name)
{
  g_autoptr(GuildCommunity) c = guild_community_new (name);
  g_autoptr(GError) error = NULL;

  guild_store_add (store, GUILD_RECORD (c), &error);
  g_assert_no_error (error);
  return guild_record_get_id (GUILD_RECORD (c));
}

static GuildActivityEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GUILD_IS_ACTIVITY_EDITOR (w))
        return GUILD_ACTIVITY_EDITOR (w);
    }

  return NULL;
}

typedef struct
{
  GuildActivityEditor *editor;
  gint64               community;
} CommunityWait;

static gboolean
community_chosen (gpointer data)
{
  CommunityWait *wait = data;

  return guild_activity_editor_get_community_id (wait->editor) == wait->community;
}

/* Ctrl+L is the window's shortcut for win.log-activity: found among the
 * shortcuts of the window's controllers (its class shortcuts among them). */
static gboolean
window_has_shortcut (GtkWidget       *window,
                     guint            keyval,
                     GdkModifierType  mods,
                     const char      *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *act = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods &&
              GTK_IS_NAMED_ACTION (act) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (act)), action) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_quick_add_keyboard (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  GuildActivityEditor *editor;
  GuildWindow *window;
  GtkWidget *entry;
  CommunityWait wait;
  gint64 rust;

  add_community (f->store, "Books");
  rust = add_community (f->store, "Rust Meetup");
  /* The community logged with last time. */
  g_settings_set_int64 (settings, "log-last-community", rust);

  window = guild_window_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (window_has_shortcut (GTK_WIDGET (window), GDK_KEY_l, GDK_CONTROL_MASK,
                                      "win.log-activity"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-activity", "s", "");
  editor = find_editor ();
  g_assert_nonnull (editor);

  /* The kind's entry has the focus; the community is remembered. */
  entry = _guild_activity_editor_get_kind_entry (editor);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (editor)) == entry ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)), entry));
  wait.editor = editor;
  wait.community = rust;
  wait_for (community_chosen, &wait, "the remembered community");

  /* Type-ahead: "pub" picks Published; Enter logs it and closes. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "pub");
  g_assert_cmpstr (guild_activity_editor_get_kind (editor), ==, "publish");
  g_signal_emit_by_name (entry, "activate");
  g_assert_null (find_editor ());

  activities = guild_store_list (f->store, GUILD_RECORD_ACTIVITY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 1);
  g_assert_cmpstr (guild_record_get_text (g_ptr_array_index (activities, 0), "kind"), ==,
                   "publish");
  g_assert_cmpstr (guild_record_get_text (g_ptr_array_index (activities, 0), "strategy"), ==,
                   "value_creation");
  g_assert_cmpint (guild_record_get_int (g_ptr_array_index (activities, 0), "community-id"), ==,
                   rust);

  /* Next time: Ctrl+L, Enter logs the same kind in the same community. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-activity", "s", "");
  editor = find_editor ();
  g_assert_cmpstr (guild_activity_editor_get_kind (editor), ==, "publish");
  wait.editor = editor;
  wait_for (community_chosen, &wait, "the remembered community");
  g_signal_emit_by_name (_guild_activity_editor_get_kind_entry (editor), "activate");
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_ACTIVITY), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_invalid_not_saved (Fixture       *f,
                        gconstpointer  data)
{
  GuildActivityEditor *editor = guild_activity_editor_new (NULL, f->store, NULL, NULL);

  _guild_activity_editor_set_when_text (editor, "2026-13-45 25:00");
  g_assert_false (guild_activity_editor_save (editor));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_ACTIVITY), ==, 0);

  /* Fixed, it saves. */
  _guild_activity_editor_set_when_text (editor, "2026-11-20 18:30");
  g_object_ref (editor);
  g_assert_true (guild_activity_editor_save (editor));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_ACTIVITY), ==, 1);
  g_object_unref (editor);
}

static void
test_preset_contact (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GuildContact) anna = guild_contact_new ("Анна");
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  GuildActivityEditor *editor;
  GArray *contacts;

  guild_store_add (f->store, GUILD_RECORD (anna), &error);
  g_assert_no_error (error);
  {
    g_autofree char *preset = g_strdup_printf ("contact:%" G_GINT64_FORMAT,
                                               guild_record_get_id (GUILD_RECORD (anna)));

    editor = guild_activity_editor_new (NULL, f->store, NULL, preset);
  }
  g_assert_true (guild_activity_editor_save (editor));

  activities = guild_store_list (f->store, GUILD_RECORD_ACTIVITY, NULL, &error);
  g_assert_cmpuint (activities->len, ==, 1);
  contacts = guild_record_get_ids (g_ptr_array_index (activities, 0), "contacts");
  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpint (g_array_index (contacts, gint64, 0), ==, guild_record_get_id (GUILD_RECORD (anna)));
}

static gboolean
list_loaded (gpointer data)
{
  GuildActivityList *list = data;

  return list != NULL && guild_activity_list_get_complete (list) &&
         !guild_activity_list_get_loading (list);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GuildContact) anna = guild_contact_new ("Anna");
  g_autoptr(GuildSkill) skill = guild_skill_new ("Rust");
  g_autoptr(GuildActivity) a = guild_activity_new ("message", 1790000000);
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  GuildActivityTimeline *timeline;
  GtkWidget *window;
  AdwToast *toast;
  GArray *ids;
  gint64 rust = add_community (f->store, "Rust Meetup");
  gint64 id;

  guild_store_add (f->store, GUILD_RECORD (anna), &error);
  guild_store_add (f->store, GUILD_RECORD (skill), &error);
  id = guild_record_get_id (GUILD_RECORD (anna));
  guild_record_set_ids (GUILD_RECORD (a), "contacts", &id, 1);
  id = guild_record_get_id (GUILD_RECORD (skill));
  guild_record_set_ids (GUILD_RECORD (a), "skills", &id, 1);
  guild_record_set_int (GUILD_RECORD (a), "community-id", rust);
  guild_record_set_text (GUILD_RECORD (a), "note", "Asked about mentoring");
  guild_store_add (f->store, GUILD_RECORD (a), &error);
  g_assert_no_error (error);

  /* The widget as a community page embeds it. */
  timeline = GUILD_ACTIVITY_TIMELINE (guild_activity_timeline_new (f->store));
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (timeline));
  gtk_window_present (GTK_WINDOW (window));
  guild_activity_timeline_set_community_id (timeline, rust);
  wait_for (list_loaded, guild_activity_timeline_get_list (timeline), "the timeline");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (guild_activity_timeline_get_list (timeline))),
                    ==, 1);

  toast = guild_activity_timeline_delete (timeline, guild_record_get_id (GUILD_RECORD (a)));
  g_assert_nonnull (toast);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_ACTIVITY), ==, 0);

  /* Undo brings it back with its contact and its skill. */
  g_signal_emit_by_name (toast, "button-clicked");
  activities = guild_store_list (f->store, GUILD_RECORD_ACTIVITY, NULL, &error);
  g_assert_cmpuint (activities->len, ==, 1);
  ids = guild_record_get_ids (g_ptr_array_index (activities, 0), "contacts");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, guild_record_get_id (GUILD_RECORD (anna)));
  ids = guild_record_get_ids (g_ptr_array_index (activities, 0), "skills");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (guild_record_get_text (g_ptr_array_index (activities, 0), "note"), ==,
                   "Asked about mentoring");
  g_assert_cmpint (guild_store_last_interaction (f->store, guild_record_get_id (GUILD_RECORD (anna)),
                                                 NULL), ==, 1790000000);

  /* The timeline follows: the row is back. */
  while (g_main_context_iteration (NULL, FALSE));
  wait_for (list_loaded, guild_activity_timeline_get_list (timeline), "the timeline");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (guild_activity_timeline_get_list (timeline))),
                    ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GDate *
day (int y, int m, int d)
{
  return g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static void
check_offer (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  g_autoptr(GDate) tue = day (2026, 11, 24);
  g_autoptr(GDate) wed = day (2026, 11, 25);
  g_autoptr(GDate) sun = day (2026, 11, 29);
  g_autoptr(GuildCheckin) checkin = guild_checkin_new ("2026-11-26");
  g_autoptr(GError) error = NULL;
  GuildJournalPage *page = g_object_new (GUILD_TYPE_JOURNAL_PAGE, NULL);

  g_object_ref_sink (page);
  guild_journal_page_set_store (page, f->store);
  g_settings_set_string (settings, "checkin-day", "wednesday");

  guild_journal_page_update_checkin_prompt (page, tue);
  g_assert_false (guild_journal_page_get_checkin_offered (page));
  guild_journal_page_update_checkin_prompt (page, wed);
  g_assert_true (guild_journal_page_get_checkin_offered (page));
  guild_journal_page_update_checkin_prompt (page, sun);
  g_assert_true (guild_journal_page_get_checkin_offered (page));

  /* A check-in this week answers it. */
  guild_store_add (f->store, GUILD_RECORD (checkin), &error);
  g_assert_no_error (error);
  guild_journal_page_update_checkin_prompt (page, sun);
  g_assert_false (guild_journal_page_get_checkin_offered (page));

  /* Next week it comes back, unless put off for that week. */
  {
    g_autoptr(GDate) next_wed = day (2026, 12, 2);

    guild_journal_page_update_checkin_prompt (page, next_wed);
    g_assert_true (guild_journal_page_get_checkin_offered (page));
    g_settings_set_string (settings, "checkin-dismissed-week", "2026-W49");
    guild_journal_page_update_checkin_prompt (page, next_wed);
    g_assert_false (guild_journal_page_get_checkin_offered (page));
  }

  /* The Preferences' day moves it. */
  g_settings_set_string (settings, "checkin-dismissed-week", "");
  g_settings_set_string (settings, "checkin-day", "friday");
  guild_journal_page_update_checkin_prompt (page, wed);
  g_assert_false (guild_journal_page_get_checkin_offered (page));

  g_object_unref (page);
}

static void
test_checkin_offer (Fixture       *f,
                    gconstpointer  data)
{
  char *text;

  check_offer (f);

  text = guild_rating_bar_describe (_("Satisfaction"), 4);
  g_assert_cmpstr (text, ==, "Satisfaction: 4 of 5");
  g_free (text);
}

/* The same offer in Russian, with its text translated. */
static void
test_checkin_offer_ru (Fixture       *f,
                       gconstpointer  data)
{
  const char *localedir = g_getenv ("GUILD_LOCALEDIR");
  g_autofree char *catalogue = NULL;
  g_autofree char *text = NULL;

  if (localedir == NULL)
    {
      g_test_skip ("GUILD_LOCALEDIR is not set");
      return;
    }
  catalogue = g_build_filename (localedir, "ru", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No Russian catalogue: build po/ first");
      return;
    }

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", "ru", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* The logic does not depend on the language… */
  check_offer (f);

  /* …and the words are Russian once the branch's translations are merged
   * into po/ru.po (this branch may not edit it). */
  text = guild_rating_bar_describe (_("Satisfaction"), 4);
  if (g_strcmp0 (_("Satisfaction"), "Satisfaction") == 0)
    g_test_message ("po/ru.po lacks the log's strings until they are merged");
  else
    g_assert_cmpstr (text, ==, "Удовлетворённость: 4 из 5");

  g_setenv ("LANGUAGE", "en", TRUE);
}

static void
test_checkin_dialog (Fixture       *f,
                     gconstpointer  data)
{
  GuildCheckinDialog *dialog = guild_checkin_dialog_new (NULL, f->store);
  g_autoptr(GPtrArray) checkins = NULL;
  GuildCheckin *checkin;

  g_object_ref_sink (dialog);
  /* Untouched: nothing stored. */
  guild_checkin_dialog_flush (dialog);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CHECKIN), ==, 0);

  guild_rating_bar_set_value (GUILD_RATING_BAR (_guild_checkin_dialog_get_rating (dialog, "satisfaction")), 4);
  guild_rating_bar_set_value (GUILD_RATING_BAR (_guild_checkin_dialog_get_rating (dialog, "career-impact")), 2);
  guild_checkin_dialog_flush (dialog);
  checkins = guild_store_list (f->store, GUILD_RECORD_CHECKIN, NULL, NULL);
  g_assert_cmpuint (checkins->len, ==, 1);
  g_assert_cmpint (guild_record_get_int (g_ptr_array_index (checkins, 0), "satisfaction"), ==, 4);
  g_assert_cmpint (guild_record_get_int (g_ptr_array_index (checkins, 0), "career-impact"), ==, 2);
  g_assert_cmpint (guild_record_get_int (g_ptr_array_index (checkins, 0), "engagement"), ==, 0);

  /* Editing it again updates the same row. */
  checkin = guild_checkin_dialog_get_checkin (dialog);
  g_assert_cmpint (guild_record_get_id (GUILD_RECORD (checkin)), >, 0);
  guild_rating_bar_set_value (GUILD_RATING_BAR (_guild_checkin_dialog_get_rating (dialog, "satisfaction")), 5);
  guild_checkin_dialog_flush (dialog);
  g_clear_pointer (&checkins, g_ptr_array_unref);
  checkins = guild_store_list (f->store, GUILD_RECORD_CHECKIN, NULL, NULL);
  g_assert_cmpuint (checkins->len, ==, 1);
  g_assert_cmpint (guild_record_get_int (g_ptr_array_index (checkins, 0), "satisfaction"), ==, 5);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_format (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 11, 26, 15, 0, 0);
  gint64 t = g_date_time_to_unix (now);
  gint64 parsed;
  char *s;

  s = guild_log_format_when (t - 10, now);
  g_assert_cmpstr (s, ==, "Just now");
  g_free (s);
  s = guild_log_format_when (t - 5 * 60, now);
  g_assert_cmpstr (s, ==, "5 minutes ago");
  g_free (s);
  s = guild_log_format_when (t - 3 * 3600, now);
  g_assert_cmpstr (s, ==, "Today, 12:00");
  g_free (s);
  s = guild_log_format_when (t - 20 * 3600, now);
  g_assert_cmpstr (s, ==, "Yesterday, 19:00");
  g_free (s);
  s = guild_log_format_when (t - 10 * 86400, now);
  g_assert_cmpstr (s, ==, "16 November, 15:00");
  g_free (s);
  s = guild_log_format_when (t - 400 * 86400, now);
  g_assert_cmpstr (s, ==, "22 October 2025");
  g_free (s);

  s = guild_log_format_reactions (3, 1, 0);
  g_assert_cmpstr (s, ==, "3 likes · 1 comment");
  g_free (s);
  s = guild_log_format_reactions (0, 0, 0);
  g_assert_cmpstr (s, ==, "");
  g_free (s);
  s = guild_log_format_minutes (90);
  g_assert_cmpstr (s, ==, "1 h 30 min");
  g_free (s);
  s = guild_log_excerpt ("  First line of a note\nsecond", 100);
  g_assert_cmpstr (s, ==, "First line of a note…");
  g_free (s);

  g_assert_true (guild_log_parse_when ("2026-11-26 18:30", utc, &parsed));
  s = guild_log_format_when_entry (parsed, utc);
  g_assert_cmpstr (s, ==, "2026-11-26 18:30");
  g_free (s);
  g_assert_true (guild_log_parse_when ("2026-11-26", utc, &parsed));
  g_assert_false (guild_log_parse_when ("2026-02-30 10:00", utc, &parsed));
  g_assert_false (guild_log_parse_when ("yesterday", utc, &parsed));
  g_assert_false (guild_log_parse_when ("2026-11-26 24:00", utc, &parsed));
  g_assert_false (guild_log_parse_when ("2026-11-26 10:00 extra", utc, &parsed));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add_func ("/guild/log/format", test_format);
  g_test_add ("/guild/log/quick-add-keyboard", Fixture, NULL, set_up, test_quick_add_keyboard,
              tear_down);
  g_test_add ("/guild/log/invalid-not-saved", Fixture, NULL, set_up, test_invalid_not_saved,
              tear_down);
  g_test_add ("/guild/log/preset-contact", Fixture, NULL, set_up, test_preset_contact, tear_down);
  g_test_add ("/guild/log/delete-undo", Fixture, NULL, set_up, test_delete_undo, tear_down);
  g_test_add ("/guild/log/checkin-offer", Fixture, NULL, set_up, test_checkin_offer, tear_down);
  g_test_add ("/guild/log/checkin-dialog", Fixture, NULL, set_up, test_checkin_dialog, tear_down);
  g_test_add ("/guild/log/checkin-offer-ru", Fixture, NULL, set_up, test_checkin_offer_ru,
              tear_down);

  return g_test_run ();
}
