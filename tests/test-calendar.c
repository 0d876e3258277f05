/* test-calendar.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "guild-calendar-page.h"
#include "guild-event-editor.h"
#include "guild-month-layout.h"
#include "guild-month-view.h"
#include "guild-records.h"
#include "guild-reminders.h"
#include "guild-recurrence.h"
#include "guild-store-events.h"

/* The calendar's month layout, drawn and not: a month that starts on Sunday
 * (November 2026) and months that need six weeks, Sunday-first as in English
 * and Monday-first as in Russian, with the days outside the month dimmed,
 * today marked and "+N more" on a full day; the page loading a month from a
 * store; the editor's repeat rules and times. */

/* Section: helpers */

static GDate
day (guint y, guint m, guint d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return date;
}

static const char *
day_number (GuildMonthView *view,
            guint           index)
{
  GtkWidget *cell = guild_month_view_get_cell (view, index);

  return gtk_button_get_label (GTK_BUTTON (gtk_widget_get_first_child (cell)));
}

static gboolean
is_dimmed (GuildMonthView *view,
           guint           index)
{
  return gtk_widget_has_css_class (guild_month_view_get_cell (view, index), "dimmed");
}

static GtkWidget *
chip_box (GuildMonthView *view,
          guint           index)
{
  return gtk_widget_get_last_child (guild_month_view_get_cell (view, index));
}

/* The widgets shown: a cell keeps its chips and hides those it does not need. */
static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += gtk_widget_get_visible (c);
  return n;
}

static GuildOccurrence *
occurrence (gint64      event_id,
            const char *start,
            const char *title)
{
  GuildOccurrence *o = g_new0 (GuildOccurrence, 1);

  g_assert_true (guild_instant_parse (start, &o->start));
  o->event_id = event_id;
  o->end = o->start + 3600;
  o->title = g_strdup (title);
  o->kind = g_strdup ("meetup");
  o->status = g_strdup ("planned");
  return o;
}

static GuildMonthView *
new_view (GtkWindow **window_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = guild_month_view_new ();

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));
  *window_out = GTK_WINDOW (window);
  return GUILD_MONTH_VIEW (view);
}

/* Section: the pure layout */

static void
test_layout (void)
{
  GuildMonthLayout layout;
  GDate d;

  /* November 2026 starts on a Sunday. */
  guild_month_layout_compute (2026, 11, 0, &layout);
  g_assert_cmpuint (layout.offset, ==, 0);
  g_assert_cmpuint (layout.n_weeks, ==, 5);
  g_assert_cmpuint (g_date_get_day (&layout.first), ==, 1);
  g_assert_cmpuint (guild_month_layout_weekday (&layout, 0), ==, 0);

  /* Monday first, it needs six weeks, from 26 October. */
  guild_month_layout_compute (2026, 11, 1, &layout);
  g_assert_cmpuint (layout.offset, ==, 6);
  g_assert_cmpuint (layout.n_weeks, ==, 6);
  g_assert_cmpuint (g_date_get_month (&layout.first), ==, 10);
  g_assert_cmpuint (g_date_get_day (&layout.first), ==, 26);
  g_assert_cmpuint (guild_month_layout_weekday (&layout, 6), ==, 0);
  guild_month_layout_day (&layout, 41, &d);
  g_assert_cmpuint (g_date_get_month (&d), ==, 12);
  g_assert_cmpuint (g_date_get_day (&d), ==, 6);
  d = day (2026, 11, 30);
  g_assert_cmpint (guild_month_layout_index (&layout, &d), ==, 35);
  d = day (2026, 12, 7);
  g_assert_cmpint (guild_month_layout_index (&layout, &d), ==, -1);

  /* August 2026 starts on a Saturday: six weeks Sunday-first, five Monday-first. */
  guild_month_layout_compute (2026, 8, 0, &layout);
  g_assert_cmpuint (layout.n_weeks, ==, 6);
  guild_month_layout_compute (2026, 8, 1, &layout);
  g_assert_cmpuint (layout.n_weeks, ==, 6);
  /* February 2026 starts on a Sunday and fills four weeks exactly. */
  guild_month_layout_compute (2026, 2, 0, &layout);
  g_assert_cmpuint (layout.n_weeks, ==, 4);
  /* A leap February. */
  guild_month_layout_compute (2028, 2, 1, &layout);
  g_assert_cmpuint (layout.offset, ==, 1);
  g_assert_cmpuint (layout.n_weeks, ==, 5);

  g_assert_cmpuint (guild_month_visible_chips (2, 3), ==, 2);
  g_assert_cmpuint (guild_month_visible_chips (3, 3), ==, 3);
  g_assert_cmpuint (guild_month_visible_chips (4, 3), ==, 2);
  g_assert_cmpuint (guild_month_visible_chips (40, 3), ==, 2);

  g_assert_cmpuint (guild_week_start_from_setting ("monday"), ==, 1);
  g_assert_cmpuint (guild_week_start_from_setting ("sunday"), ==, 0);
  g_assert_cmpuint (guild_week_start_from_setting ("locale"), ==, guild_week_start_from_locale ());
}

/* Section: drawn */

static void
check_overflow (GuildMonthView *view,
                guint           index,
                const char     *more)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) guild_occurrence_free);
  GtkWidget *box, *last;

  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (list, occurrence (i + 1, "2026-11-10T10:00:00Z", "Python meetup"));
  g_ptr_array_add (list, occurrence (9, "2026-11-11T18:30:00Z", "Data talk"));
  guild_month_view_set_occurrences (view, list);

  box = chip_box (view, index);
  g_assert_cmpuint (count_children (box), ==, 3);
  last = gtk_widget_get_last_child (box);
  g_assert_true (gtk_widget_has_css_class (last, "guild-more"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (last)), ==, more);
  g_assert_cmpuint (count_children (chip_box (view, index + 1)), ==, 1);
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (chip_box (view, index + 1)),
                                           "kind-meetup"));
}

static void
check_month (guint       week_start,
             const char *sunday,
             const char *monday,
             const char *more)
{
  GtkWindow *window;
  GuildMonthView *view = new_view (&window);
  GDate today = day (2026, 11, 26);
  guint first_column_of_sunday = week_start == 0 ? 0 : 6;

  guild_month_view_set_today (view, &today);

  /* November 2026, a month that starts on Sunday. */
  guild_month_view_set_month (view, 2026, 11, week_start);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (guild_month_view_get_header (view, first_column_of_sunday))),
                   ==, sunday);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (guild_month_view_get_header (view, week_start == 0 ? 1 : 0))),
                   ==, monday);

  if (week_start == 0)
    {
      /* Five weeks, the 1st top left, nothing dimmed in the first row. */
      g_assert_cmpstr (day_number (view, 0), ==, "1");
      g_assert_false (is_dimmed (view, 0));
      g_assert_cmpstr (day_number (view, 29), ==, "30");
      g_assert_true (is_dimmed (view, 30));
      g_assert_true (gtk_widget_get_visible (guild_month_view_get_cell (view, 34)));
      g_assert_false (gtk_widget_get_visible (guild_month_view_get_cell (view, 35)));
      g_assert_true (gtk_widget_has_css_class (guild_month_view_get_cell (view, 25), "today"));
      check_overflow (view, 9, more);
    }
  else
    {
      /* Six weeks from Monday 26 October. */
      g_assert_cmpstr (day_number (view, 0), ==, "26");
      g_assert_true (is_dimmed (view, 0));
      g_assert_true (is_dimmed (view, 5));
      g_assert_cmpstr (day_number (view, 6), ==, "1");
      g_assert_false (is_dimmed (view, 6));
      g_assert_true (gtk_widget_get_visible (guild_month_view_get_cell (view, 41)));
      g_assert_cmpstr (day_number (view, 41), ==, "6");
      g_assert_true (is_dimmed (view, 41));
      g_assert_true (gtk_widget_has_css_class (guild_month_view_get_cell (view, 31), "today"));
      g_assert_false (gtk_widget_has_css_class (guild_month_view_get_cell (view, 25), "today"));
      check_overflow (view, 15, more);
    }

  /* August 2026 spans six weeks in either layout. */
  guild_month_view_set_month (view, 2026, 8, week_start);
  g_assert_true (gtk_widget_get_visible (guild_month_view_get_cell (view, 35)));
  g_assert_cmpstr (day_number (view, 0), ==, week_start == 0 ? "26" : "27");
  g_assert_true (is_dimmed (view, 0));
  g_assert_cmpstr (day_number (view, week_start == 0 ? 6 : 5), ==, "1");
  g_assert_false (gtk_widget_has_css_class (guild_month_view_get_cell (view, 25), "today"));

  gtk_window_destroy (window);
}

static void
test_month_english (void)
{
  g_assert_cmpuint (guild_week_start_from_locale (), ==, 0);
  check_month (0, "Sun", "Mon", "+3 more");

  {
    g_autofree char *title = guild_month_title (2026, 11);

    g_assert_cmpstr (title, ==, "November 2026");
  }
}

static char *
find_localedir (void)
{
  const char *dir = g_getenv ("GUILD_LOCALEDIR");
  const char *build_dir = g_getenv ("GUILD_BUILD_DIR");

  if (dir != NULL)
    return g_strdup (dir);
  if (build_dir != NULL)
    return g_build_filename (build_dir, "po", NULL);
  return NULL;
}

static void
test_month_russian (void)
{
  g_autofree char *localedir = find_localedir ();
  g_autofree char *title = NULL;

  if (localedir == NULL)
    {
      g_test_skip ("Neither GUILD_LOCALEDIR nor GUILD_BUILD_DIR is set: no catalogues to use");
      return;
    }

  /* gtk_test_init() leaves "C", where glibc ignores LANGUAGE (STYLE.md §12). */
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", "ru", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (g_str_equal (_("calendar:week_start:0"), "calendar:week_start:0"))
    {
      g_unsetenv ("LANGUAGE");
      setlocale (LC_ALL, "C");
      /* The calendar's Russian strings reach po/ru.po when the branch is
       * merged (its po-complete-ru test fails until then). */
      g_test_skip ("po/ru.po does not have the calendar's translations yet");
      return;
    }

  /* Monday first, Russian names. */
  g_assert_cmpuint (guild_week_start_from_locale (), ==, 1);
  check_month (1, "Вс", "Пн", "+3 ещё");
  title = guild_month_title (2026, 11);
  g_assert_cmpstr (title, ==, "Ноябрь 2026");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
}

/* Section: the page */

typedef struct
{
  char       *dir;
  GuildStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("guild-calendar-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (guild_store_get_path (f->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
wait_loaded (GuildCalendarPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  do
    g_main_context_iteration (NULL, FALSE);
  while (guild_calendar_page_get_loading (page) && g_get_monotonic_time () < deadline);
  g_assert_false (guild_calendar_page_get_loading (page));
}

static void
add (Fixture    *f,
     const char *title,
     const char *start,
     const char *rrule)
{
  gint64 s = 0;
  g_autoptr(GuildEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_instant_parse (start, &s));
  event = guild_event_new (title, s, s + 3600);
  guild_record_set_text (GUILD_RECORD (event), "rrule", rrule ? rrule : "");
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (event), &error));
}

static void
test_page_loads_month (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.guildapp.Guild");
  GtkWidget *window = gtk_window_new ();
  GuildCalendarPage *page;
  GuildMonthView *view;

  g_settings_set_string (settings, "week-start", "sunday");
  add (f, "Python meetup", "2026-11-05T18:00:00Z", NULL);
  add (f, "Weekly standup", "2026-10-01T09:00:00Z", "FREQ=WEEKLY");
  add (f, "In December", "2026-12-15T09:00:00Z", NULL);

  page = g_object_new (GUILD_TYPE_CALENDAR_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  guild_calendar_page_set_store (page, f->store);
  guild_calendar_page_load (page);
  guild_calendar_page_show_month (page, 2026, 11);
  wait_loaded (page);

  view = GUILD_MONTH_VIEW (guild_calendar_page_get_month_view (page));
  /* Thursday 5 November (cell 4): the meetup and the standup; the
   * standup again a week later. */
  g_assert_cmpuint (count_children (chip_box (view, 2)), ==, 0);
  g_assert_cmpuint (count_children (chip_box (view, 4)), ==, 2);
  g_assert_cmpuint (count_children (chip_box (view, 11)), ==, 1);

  /* Alt+Right: December, read again. */
  gtk_widget_activate_action (GTK_WIDGET (page), "calendar.next", NULL);
  wait_loaded (page);
  /* December 2026 starts on Tuesday: the 15th is cell 16. */
  g_assert_cmpstr (day_number (view, 2), ==, "1");
  g_assert_cmpuint (count_children (chip_box (view, 16)), ==, 1);

  /* The week start follows Preferences. */
  g_settings_set_string (settings, "week-start", "monday");
  wait_loaded (page);
  g_assert_cmpstr (day_number (view, 1), ==, "1");
  g_assert_cmpuint (count_children (chip_box (view, 15)), ==, 1);

  /* A new event shows up by itself. */
  add (f, "Added later", "2026-12-01T12:00:00Z", NULL);
  while (count_children (chip_box (view, 1)) != 1)
    g_main_context_iteration (NULL, TRUE);

  g_settings_reset (settings, "week-start");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Section: reminders */

static gboolean
wait_next_fire (GuildReminders *reminders,
                gint64          expected)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (guild_reminders_get_next_fire (reminders) != expected &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return guild_reminders_get_next_fire (reminders) == expected;
}

static void
add_at (Fixture *f,
        gint64   start,
        gboolean all_day)
{
  g_autoptr(GuildEvent) event = guild_event_new ("Soon", start, start + 3600);
  g_autoptr(GError) error = NULL;

  guild_record_set_int (GUILD_RECORD (event), "all-day", all_day);
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (event), &error));
}

/* The scheduler follows the store and the lead time: the next reminder is
 * the lead time before the next start, a new event moves it, and a longer
 * lead time never gives a reminder late. */
static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.guildapp.Guild");
  g_autoptr(GApplication) app = g_application_new ("io.github.guildapp.GuildTest",
                                                   G_APPLICATION_NON_UNIQUE);
  g_autoptr(GuildReminders) reminders = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 first = now - now % 60 + 2 * 3600;
  gint64 sooner = first - 1800;

  g_settings_set_int (settings, "reminder-minutes", 30);
  add_at (f, first, FALSE);
  /* All-day events get no reminder. */
  add_at (f, now + 1800, TRUE);

  reminders = guild_reminders_new (app, f->store);
  g_assert_true (wait_next_fire (reminders, first - 1800));

  /* A new event that starts sooner: its reminder is next. */
  add_at (f, sooner, FALSE);
  g_assert_true (wait_next_fire (reminders, sooner - 1800));

  /* Ninety minutes: the sooner one's reminder time is already past and is
   * not given late; the other one's comes next. */
  g_settings_set_int (settings, "reminder-minutes", 90);
  g_assert_true (wait_next_fire (reminders, first - 5400));

  /* Off. */
  g_settings_set_int (settings, "reminder-minutes", 0);
  g_assert_true (wait_next_fire (reminders, 0));

  g_settings_reset (settings, "reminder-minutes");
}

/* Section: the editor's helpers */

static void
test_repeat (void)
{
  GuildRepeat r;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  int h = -1, m = -1;

  g_assert_true (guild_repeat_parse ("FREQ=WEEKLY;INTERVAL=2;COUNT=10", &r));
  g_assert_cmpstr (r.freq, ==, "WEEKLY");
  g_assert_cmpint (r.interval, ==, 2);
  g_assert_cmpint (r.count, ==, 10);
  a = guild_repeat_format (&r);
  g_assert_cmpstr (a, ==, "FREQ=WEEKLY;INTERVAL=2;COUNT=10");

  g_assert_true (guild_repeat_parse ("FREQ=MONTHLY;UNTIL=20270131T225959Z", &r));
  g_assert_cmpstr (r.until, ==, "20270131T225959Z");
  b = guild_repeat_format (&r);
  g_assert_cmpstr (b, ==, "FREQ=MONTHLY;UNTIL=20270131T225959Z");

  /* What the editor cannot show is kept as it is. */
  g_assert_false (guild_repeat_parse ("FREQ=WEEKLY;BYDAY=MO,WE", &r));
  g_assert_true (r.custom);
  g_assert_false (guild_repeat_parse ("FREQ=YEARLY", &r));
  g_assert_true (guild_repeat_parse ("", &r));
  g_assert_cmpstr (r.freq, ==, "");

  g_assert_true (guild_time_parse ("19:00", &h, &m));
  g_assert_cmpint (h, ==, 19);
  g_assert_cmpint (m, ==, 0);
  g_assert_true (guild_time_parse (" 9.30 ", &h, &m));
  g_assert_cmpint (h, ==, 9);
  g_assert_cmpint (m, ==, 30);
  g_assert_true (guild_time_parse ("7", &h, &m));
  g_assert_false (guild_time_parse ("24:00", &h, &m));
  g_assert_false (guild_time_parse ("19:7", &h, &m));
  g_assert_false (guild_time_parse ("7pm", &h, &m));
  g_assert_false (guild_time_parse ("", &h, &m));
}

static void
test_editor_saves (Fixture       *f,
                   gconstpointer  data)
{
  GDate d = day (2026, 11, 20);
  GuildEventEditor *editor = guild_event_editor_new (NULL, f->store, 0, 0, &d);
  g_autoptr(GPtrArray) events = NULL;

  /* Nothing typed: nothing to save, and closing drops nothing. */
  g_assert_false (guild_event_editor_save_now (editor));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_EVENT), ==, 0);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_EVENT), ==, 0);

  /* The defaults with a title: 19:00–21:00 that day, in the local zone. */
  editor = guild_event_editor_new (NULL, f->store, 0, 0, &d);
  gtk_window_present (GTK_WINDOW (editor));
  {
    GtkWidget *entry = gtk_window_get_focus (GTK_WINDOW (editor));

    /* The first field, the title, is focused first. */
    while (entry == NULL || !GTK_IS_EDITABLE (entry))
      {
        g_main_context_iteration (NULL, TRUE);
        entry = gtk_window_get_focus (GTK_WINDOW (editor));
      }
    gtk_editable_set_text (GTK_EDITABLE (entry), "Rust meetup");
  }
  g_assert_true (guild_event_editor_save_now (editor));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_EVENT), ==, 1);
  events = guild_store_list (f->store, GUILD_RECORD_EVENT, NULL, NULL);
  g_assert_cmpstr (guild_record_get_text (g_ptr_array_index (events, 0), "title"), ==, "Rust meetup");
  g_assert_cmpint (guild_record_get_int (g_ptr_array_index (events, 0), "ends-at") -
                   guild_record_get_int (g_ptr_array_index (events, 0), "starts-at"), ==, 7200);
  g_assert_cmpint (guild_event_editor_get_event_id (editor), ==,
                   guild_record_get_id (g_ptr_array_index (events, 0)));
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add_func ("/guild/calendar/layout", test_layout);
  g_test_add_func ("/guild/calendar/repeat", test_repeat);
  g_test_add_func ("/guild/calendar/month-english", test_month_english);
  g_test_add ("/guild/calendar/page-loads-month", Fixture, NULL, fixture_set_up,
              test_page_loads_month, fixture_tear_down);
  g_test_add ("/guild/calendar/editor-saves", Fixture, NULL, fixture_set_up,
              test_editor_saves, fixture_tear_down);
  g_test_add ("/guild/calendar/reminders", Fixture, NULL, fixture_set_up,
              test_reminders, fixture_tear_down);
  /* Last: it changes the locale. */
  g_test_add_func ("/guild/calendar/month-russian", test_month_russian);

  return g_test_run ();
}
