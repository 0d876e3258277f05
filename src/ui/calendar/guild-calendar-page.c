/* guild-calendar-page.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-calendar-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "guild-application.h"
#include "guild-calendar-page.h"
#include "guild-event-editor.h"
#include "guild-format.h"
#include "guild-month-view.h"
#include "guild-store-events.h"
#include "guild-vocab.h"
#include "guild-window.h"

/* The Calendar view: a month drawn as a calendar, and an agenda beside it
 * (under it when the window is narrow) with the selected day's events and
 * the ones coming up. Only the visible weeks' occurrences are read, on a
 * worker thread, whenever the month changes or the store announces a change
 * to events. Above them, "Did you go?" asks about events that are over. */

/* Narrower than this and the agenda goes under the month. */
#define WIDE_WIDTH 760
/* How far back "Did you go?" looks, and how far ahead the agenda does. */
#define ASK_LOOKBACK (14 * 24 * 60 * 60)
#define UPCOMING_AHEAD (60 * 24 * 60 * 60)
#define UPCOMING_MAX 8

struct _GuildCalendarPage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  GtkRevealer      *banner_revealer;
  GtkLabel         *banner_label;
  GtkLabel         *title_label;
  GtkSpinner       *spinner;
  GtkBox           *content_box;
  GtkBox           *agenda_box;
  GtkScrolledWindow *scroller;
  GtkScrolledWindow *agenda_scroller;
  GuildMonthView   *month_view;
  GtkLabel         *day_title;
  GtkListBox       *day_list;
  GtkListBox       *upcoming_list;

  /* Owned */
  GuildStore       *store;
  GSettings        *settings;
  GCancellable     *month_cancellable;
  GCancellable     *upcoming_cancellable;
  GCancellable     *banner_cancellable;
  GPtrArray        *occurrences;
  GuildOccurrence  *asking;
  GTimeZone        *tz;
  guint             reload_source;
  guint             orientation_source;
  guint             ask_source;

  guint             year;
  guint             month;
  GDate             selected;
  /* The layout applied: -1 none yet, 0 narrow, 1 wide, 2 narrow and compact. */
  int               layout_mode;
  guint             requested : 1;
  guint             loading : 1;
  guint             loaded : 1;
  guint             failed : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildCalendarPage, guild_calendar_page, GTK_TYPE_WIDGET)

/* A read that was cancelled may also fail otherwise (its database gone
 * with its owner): either way nobody waits for it any more. */
static gboolean
was_cancelled (GAsyncResult *result,
               const GError *error)
{
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         (cancellable != NULL && g_cancellable_is_cancelled (cancellable));
}

static void reload (GuildCalendarPage *self);
static void update_banner (GuildCalendarPage *self);

static guint
week_start (GuildCalendarPage *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "week-start");

  return guild_week_start_from_setting (setting);
}

static void
today (GuildCalendarPage *self,
       GDate             *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->tz);

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* The month itself shows whether a day is empty; the page's states are for
 * before the first load, for a database without any event, and for failing
 * to read it. */
static void
update_state (GuildCalendarPage *self)
{
  const char *state;

  if (self->failed)
    state = "failed";
  else if (!self->loaded)
    state = "loading";
  else if (self->store == NULL || guild_store_count (self->store, GUILD_RECORD_EVENT) == 0)
    state = "empty";
  else
    state = "items";

  gtk_stack_set_visible_child_name (self->stack, state);
}

static void
set_loading (GuildCalendarPage *self,
             gboolean           loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

/* Section: the agenda */

static char *
format_occurrence_time (GuildCalendarPage     *self,
                        const GuildOccurrence *occurrence,
                        gboolean               with_day)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (occurrence->start);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->tz);

  if (occurrence->all_day)
    {
      if (!with_day)
        return g_strdup (_("All day"));
      /* Translators: an all-day event in the agenda, as in "5 November, all day".
       * %B is the month's name as it follows a day number. */
      /* xgettext:no-c-format */
      return guild_format_date_time (utc, _("%-d %B, all day"));
    }

  if (!with_day)
    {
      g_autoptr(GDateTime) end_utc = g_date_time_new_from_unix_utc (occurrence->end);
      g_autoptr(GDateTime) end = g_date_time_to_timezone (end_utc, self->tz);
      g_autofree char *a = g_date_time_format (local, "%H:%M");
      g_autofree char *b = g_date_time_format (end, "%H:%M");

      if (occurrence->end <= occurrence->start)
        return g_steal_pointer (&a);
      /* Translators: an event's time span in the agenda, as in "19:00 – 21:00". */
      return g_strdup_printf (C_("time span", "%s – %s"), a, b);
    }

  /* Translators: an upcoming event in the agenda, as in "5 November, 19:00".
   * %B is the month's name as it follows a day number. */
  /* xgettext:no-c-format */
  return guild_format_date_time (local, _("%-d %B, %H:%M"));
}

static GtkWidget *
make_agenda_row (GuildCalendarPage     *self,
                 const GuildOccurrence *occurrence,
                 gboolean               with_day)
{
  g_autofree char *when = format_occurrence_time (self, occurrence, with_day);
  g_autofree char *kind_class = g_strconcat ("kind-", occurrence->kind, NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = g_markup_escape_text (occurrence->title, -1);
  GtkWidget *row, *dot;
  gint64 *data;

  subtitle = g_strdup_printf ("%s · %s · %s", when,
                              guild_vocab_label (GUILD_VOCAB_EVENT_KIND, occurrence->kind),
                              guild_vocab_label (GUILD_VOCAB_EVENT_STATUS, occurrence->status));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (dot, "guild-dot");
  gtk_widget_add_css_class (dot, kind_class);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);

  data = g_new (gint64, 2);
  data[0] = occurrence->event_id;
  data[1] = occurrence->start;
  g_object_set_data_full (G_OBJECT (row), "guild-occurrence", data, g_free);
  return row;
}

static GtkWidget *
make_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      else
        break;
    }
}

static void
update_day_list (GuildCalendarPage *self)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  int index;

  clear_list (self->day_list);

  if (!g_date_valid (&self->selected))
    return;

  dt = g_date_time_new_utc (g_date_get_year (&self->selected),
                            g_date_get_month (&self->selected),
                            g_date_get_day (&self->selected), 0, 0, 0);
  /* Translators: the agenda's heading for the selected day, as in "5 November 2026".
   * %B is the month's name as it follows a day number. */
  /* xgettext:no-c-format */
  date = guild_format_date_time (dt, _("%-d %B %Y"));
  title = g_strdup_printf (C_("calendar day", "%s, %s"),
                           guild_weekday_name (g_date_get_weekday (&self->selected) % 7), date);
  gtk_label_set_label (self->day_title, title);

  index = guild_month_layout_index (guild_month_view_get_layout (self->month_view),
                                    &self->selected);
  for (guint i = 0; index >= 0 && self->occurrences != NULL && i < self->occurrences->len; i++)
    {
      GuildOccurrence *occurrence = g_ptr_array_index (self->occurrences, i);

      if (guild_month_view_index_of (self->month_view, occurrence) == index)
        gtk_list_box_append (self->day_list, make_agenda_row (self, occurrence, FALSE));
    }
}

static void
on_upcoming_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GuildCalendarPage) self = user_data;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint shown = 0;

  occurrences = guild_store_list_occurrences_finish (GUILD_STORE (object), result, &error);
  if (occurrences == NULL)
    {
      if (!was_cancelled (result, error))
        g_warning ("Could not read the upcoming events: %s", error->message);
      return;
    }

  clear_list (self->upcoming_list);
  for (guint i = 0; i < occurrences->len && shown < UPCOMING_MAX; i++)
    {
      GuildOccurrence *occurrence = g_ptr_array_index (occurrences, i);

      if (occurrence->start < now || g_strcmp0 (occurrence->status, "cancelled") == 0)
        continue;
      gtk_list_box_append (self->upcoming_list, make_agenda_row (self, occurrence, TRUE));
      shown++;
    }
}

static void
load_upcoming (GuildCalendarPage *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_cancellable_cancel (self->upcoming_cancellable);
  g_clear_object (&self->upcoming_cancellable);
  self->upcoming_cancellable = g_cancellable_new ();
  guild_store_list_occurrences_async (self->store, now, now + UPCOMING_AHEAD,
                                      self->upcoming_cancellable, on_upcoming_loaded_cb,
                                      g_object_ref (self));
}

/* Section: the month */

static void
on_month_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GuildCalendarPage) self = user_data;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;

  occurrences = guild_store_list_occurrences_finish (GUILD_STORE (object), result, &error);
  if (occurrences == NULL)
    {
      if (was_cancelled (result, error))
        return;
      g_warning ("Could not read the month's events: %s", error->message);
      self->failed = TRUE;
      set_loading (self, FALSE);
      update_state (self);
      return;
    }

  self->failed = FALSE;
  self->loaded = TRUE;
  g_clear_pointer (&self->occurrences, g_ptr_array_unref);
  self->occurrences = g_steal_pointer (&occurrences);
  guild_month_view_set_occurrences (self->month_view, self->occurrences);
  update_day_list (self);
  set_loading (self, FALSE);
  update_state (self);
}

static void
reload (GuildCalendarPage *self)
{
  gint64 start, end;
  GDate now;

  g_assert (GUILD_IS_CALENDAR_PAGE (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store == NULL || !self->requested)
    return;

  today (self, &now);
  guild_month_view_set_today (self->month_view, &now);

  g_cancellable_cancel (self->month_cancellable);
  g_clear_object (&self->month_cancellable);
  self->month_cancellable = g_cancellable_new ();

  guild_month_view_get_range (self->month_view, &start, &end);
  set_loading (self, TRUE);
  guild_store_list_occurrences_async (self->store, start, end, self->month_cancellable,
                                      on_month_loaded_cb, g_object_ref (self));
  load_upcoming (self);
  update_banner (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  GuildCalendarPage *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (GuildCalendarPage *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_LOW, reload_idle_cb, self, NULL);
}

static void
show_month (GuildCalendarPage *self,
            guint              year,
            guint              month)
{
  g_autofree char *title = guild_month_title (year, month);

  self->year = year;
  self->month = month;
  gtk_label_set_label (self->title_label, title);

  /* The agenda follows to the new month: today when it is in it, else its
   * first day. */
  if (!g_date_valid (&self->selected) || g_date_get_month (&self->selected) != month ||
      g_date_get_year (&self->selected) != year)
    {
      GDate now;

      today (self, &now);
      if (g_date_get_month (&now) == month && g_date_get_year (&now) == year)
        self->selected = now;
      else
        {
          g_date_clear (&self->selected, 1);
          g_date_set_dmy (&self->selected, 1, month, year);
        }
      guild_month_view_set_selected (self->month_view, &self->selected);
    }
  guild_month_view_set_month (self->month_view, year, month, week_start (self));

  /* The chips of the month before would sit on the wrong days. */
  guild_month_view_set_occurrences (self->month_view, NULL);
  reload (self);
}

static void
on_store_changed_cb (GuildCalendarPage *self,
                     guint              kind,
                     gint64             id,
                     guint              change,
                     GuildStore        *store)
{
  if (kind == GUILD_RECORD_EVENT || kind == GUILD_RECORD_ACTIVITY)
    queue_reload (self);
}

static void
on_week_start_changed_cb (GuildCalendarPage *self)
{
  show_month (self, self->year, self->month);
}

/* Section: "Did you go?" */

static gboolean
was_answered_no (GuildCalendarPage     *self,
                 const GuildOccurrence *occurrence)
{
  g_auto(GStrv) answered = g_settings_get_strv (self->settings, "calendar-answered");
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "@%" G_GINT64_FORMAT,
                                          occurrence->event_id, occurrence->start);

  return g_strv_contains ((const char * const *) answered, key);
}

/* A series keeps one status for all its occurrences, so "No" for one of them
 * is remembered in the settings, and only for as long as it can be asked. */
static void
remember_answered_no (GuildCalendarPage     *self,
                      const GuildOccurrence *occurrence)
{
  g_auto(GStrv) answered = g_settings_get_strv (self->settings, "calendar-answered");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  g_autofree char *key = NULL;
  gint64 oldest = g_get_real_time () / G_USEC_PER_SEC - 2 * ASK_LOOKBACK;

  for (guint i = 0; answered[i] != NULL; i++)
    {
      const char *at = strchr (answered[i], '@');

      if (at != NULL && g_ascii_strtoll (at + 1, NULL, 10) >= oldest)
        g_strv_builder_add (builder, answered[i]);
    }
  key = g_strdup_printf ("%" G_GINT64_FORMAT "@%" G_GINT64_FORMAT,
                         occurrence->event_id, occurrence->start);
  g_strv_builder_add (builder, key);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "calendar-answered", (const char * const *) updated);
}

static void
on_unanswered_loaded_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GuildCalendarPage) self = user_data;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;

  waiting = guild_store_unanswered_occurrences_finish (GUILD_STORE (object), result, &error);
  if (waiting == NULL)
    {
      if (!was_cancelled (result, error))
        g_warning ("Could not find the events that are over: %s", error->message);
      return;
    }

  g_clear_pointer (&self->asking, guild_occurrence_free);
  for (guint i = 0; i < waiting->len; i++)
    {
      GuildOccurrence *occurrence = g_ptr_array_index (waiting, i);

      if (occurrence->recurring && was_answered_no (self, occurrence))
        continue;
      self->asking = g_ptr_array_steal_index (waiting, i);
      break;
    }

  if (self->asking != NULL)
    {
      g_autofree char *when = format_occurrence_time (self, self->asking, TRUE);
      g_autofree char *text = NULL;

      /* Translators: asked after an event is over; the first %s is its title,
       * the second when it was, as in "5 November, 19:00". */
      text = g_strdup_printf (_("Did you go to “%s” (%s)?"), self->asking->title, when);
      gtk_label_set_label (self->banner_label, text);
    }

  gtk_revealer_set_reveal_child (self->banner_revealer, self->asking != NULL);
}

/* Reads what is over and not answered yet on a worker: with many series
 * that is work the main loop should not wait for. */
static void
update_banner (GuildCalendarPage *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->banner_cancellable);
  g_clear_object (&self->banner_cancellable);
  self->banner_cancellable = g_cancellable_new ();
  guild_store_unanswered_occurrences_async (self->store, now - ASK_LOOKBACK, now,
                                            self->banner_cancellable, on_unanswered_loaded_cb,
                                            g_object_ref (self));
}

static void
answer (GuildCalendarPage *self,
        gboolean           attended)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildOccurrence) asking = g_steal_pointer (&self->asking);

  if (asking == NULL || self->store == NULL)
    return;

  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);

  if (!attended && asking->recurring)
    remember_answered_no (self, asking);

  if (!guild_store_answer_occurrence (self->store, asking->event_id, asking->start, attended,
                                      &error))
    {
      g_warning ("Could not record the answer: %s", error->message);
      guild_window_add_toast (GUILD_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                              adw_toast_new (_("The answer could not be saved")));
    }
  else if (attended)
    guild_window_add_toast (GUILD_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                            adw_toast_new (_("Marked as attended and added to the log")));

  update_banner (self);
}

static void
on_banner_yes_clicked_cb (GuildCalendarPage *self)
{
  answer (self, TRUE);
}

static void
on_banner_no_clicked_cb (GuildCalendarPage *self)
{
  answer (self, FALSE);
}

static gboolean
ask_timeout_cb (gpointer user_data)
{
  update_banner (GUILD_CALENDAR_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

/* Section: editing */

static void
on_undo_delete_cb (AdwToast *toast,
                   gpointer  user_data)
{
  GuildEventDeleteUndo *undo = g_object_get_data (G_OBJECT (toast), "guild-undo");
  GuildStore *store = user_data;
  g_autoptr(GError) error = NULL;

  if (undo != NULL && !guild_store_undo_delete_event (store, undo, NULL, &error))
    g_warning ("Could not bring the event back: %s", error->message);
  g_object_set_data (G_OBJECT (toast), "guild-undo", NULL);
}

static void
on_editor_delete_cb (GuildCalendarPage *self,
                     gint64             event_id,
                     GuildEventEditor  *editor)
{
  g_autoptr(GuildEventDeleteUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!guild_store_delete_event (self->store, event_id, &undo, &error))
    {
      g_warning ("Could not delete the event: %s", error->message);
      guild_window_add_toast (GUILD_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                              adw_toast_new (_("The event could not be deleted")));
      return;
    }

  toast = adw_toast_new (_("Event deleted"));
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "guild-undo", g_steal_pointer (&undo),
                          (GDestroyNotify) guild_event_delete_undo_free);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_delete_cb),
                         g_object_ref (self->store),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  guild_window_add_toast (GUILD_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), toast);
}

static void
open_editor (GuildCalendarPage *self,
             gint64             event_id,
             gint64             occurrence_start)
{
  GuildEventEditor *editor;
  GDate day = self->selected;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store == NULL)
    return;

  if (!g_date_valid (&day))
    today (self, &day);

  editor = guild_event_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                   event_id, occurrence_start, &day);
  g_signal_connect_object (editor, "delete-event", G_CALLBACK (on_editor_delete_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_occurrence_activated_cb (GuildCalendarPage *self,
                            gint64             event_id,
                            gint64             start,
                            GuildMonthView    *view)
{
  open_editor (self, event_id, start);
}

static void
on_agenda_row_activated_cb (GuildCalendarPage *self,
                            GtkListBoxRow     *row,
                            GtkListBox        *list)
{
  gint64 *data = g_object_get_data (G_OBJECT (row), "guild-occurrence");

  if (data != NULL)
    open_editor (self, data[0], data[1]);
}

static void
on_month_view_day_selected_cb (GuildCalendarPage *self,
                               guint              julian,
                               GuildMonthView    *view)
{
  g_date_clear (&self->selected, 1);
  g_date_set_julian (&self->selected, julian);
  update_day_list (self);
}

/* Section: actions */

static void
move_month (GuildCalendarPage *self,
            int                delta)
{
  int index = (int) self->year * 12 + (int) self->month - 1 + delta;

  show_month (self, index / 12, index % 12 + 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_month (GUILD_CALENDAR_PAGE (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_month (GUILD_CALENDAR_PAGE (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GuildCalendarPage *self = GUILD_CALENDAR_PAGE (widget);

  today (self, &self->selected);
  guild_month_view_set_selected (self->month_view, &self->selected);
  show_month (self, g_date_get_year (&self->selected), g_date_get_month (&self->selected));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (GUILD_CALENDAR_PAGE (widget));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  guild_calendar_page_add (GUILD_CALENDAR_PAGE (widget));
}

/* Section: wide and narrow */

static gboolean
apply_orientation_cb (gpointer user_data)
{
  GuildCalendarPage *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  gboolean wide = width >= WIDE_WIDTH;

  self->orientation_source = 0;
  self->layout_mode = wide ? 1 : width < 520 ? 2 : 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->content_box),
                                  wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  /* Wide, the month fills the page and the agenda scrolls beside it;
   * narrow, the page scrolls through the month and the whole agenda. */
  gtk_widget_set_size_request (GTK_WIDGET (self->agenda_scroller), wide ? 300 : -1, -1);
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER,
                                  wide ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_policy (self->agenda_scroller, GTK_POLICY_NEVER,
                                  wide ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (self->agenda_scroller, !wide);
  guild_month_view_set_compact (self->month_view, width < 520);
  /* Compact, the month's name needs a smaller title to fit beside the
   * buttons (a Russian or English month at 360 px). */
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "title-2");
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "title-3");
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label),
                            wide ? "title-2" : self->layout_mode == 2 ? "heading" : "title-3");
  gtk_widget_set_margin_start (GTK_WIDGET (self->title_label), self->layout_mode == 2 ? 6 : 12);
  return G_SOURCE_REMOVE;
}

/* The box's orientation follows the width the page gets. Changing it while
 * allocating would ask for another allocation from inside this one, so it
 * changes right after. */
static void
guild_calendar_page_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  GuildCalendarPage *self = GUILD_CALENDAR_PAGE (widget);
  int mode = width >= WIDE_WIDTH ? 1 : width < 520 ? 2 : 0;

  if (mode != self->layout_mode && self->orientation_source == 0)
    self->orientation_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_orientation_cb,
                                                self, NULL);

  /* Shrunk below what the wide layout needs, the page shows its left part
   * until the narrow layout is applied right after, rather than give the
   * child less than its minimum. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
      gtk_widget_allocate (child, MAX (width, child_min), height, baseline, NULL);
    }
}

static int
measure_min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* How narrow the page can be once it lays out narrow: the month, the agenda
 * under it and the header each as wide as the page, not side by side. */
static int
narrow_min_width (GuildCalendarPage *self)
{
  int margins = gtk_widget_get_margin_start (GTK_WIDGET (self->content_box))
                + gtk_widget_get_margin_end (GTK_WIDGET (self->content_box));
  int minimum = measure_min_width (gtk_widget_get_parent (GTK_WIDGET (self->title_label)));
  GtkWidget *items = gtk_stack_get_child_by_name (self->stack, "items");

  minimum = MAX (minimum, measure_min_width (GTK_WIDGET (self->month_view)) + margins);
  minimum = MAX (minimum, measure_min_width (GTK_WIDGET (self->agenda_box)) + margins);
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    if (page != items)
      minimum = MAX (minimum, measure_min_width (page));
  return minimum;
}

/* With a layout manager GTK would not call size_allocate, so the page
 * measures its one child itself. */
static void
guild_calendar_page_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  GuildCalendarPage *self = GUILD_CALENDAR_PAGE (widget);

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }

  /* Side by side the month and the agenda need more than the page will
   * once narrow: the window may shrink to that, and the page turns narrow
   * as soon as it is given less. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->content_box != NULL
      && gtk_orientable_get_orientation (GTK_ORIENTABLE (self->content_box))
         == GTK_ORIENTATION_HORIZONTAL)
    *minimum = MIN (*minimum, narrow_min_width (self));
}

/* Section: GObject */

/* Taken out of its window: what it was reading is no longer wanted, and
 * its answer would only find the page gone. */
static void
guild_calendar_page_unroot (GtkWidget *widget)
{
  GuildCalendarPage *self = GUILD_CALENDAR_PAGE (widget);

  g_cancellable_cancel (self->month_cancellable);
  g_cancellable_cancel (self->upcoming_cancellable);
  g_cancellable_cancel (self->banner_cancellable);

  GTK_WIDGET_CLASS (guild_calendar_page_parent_class)->unroot (widget);
}

static void
guild_calendar_page_dispose (GObject *object)
{
  GuildCalendarPage *self = (GuildCalendarPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->month_cancellable);
  g_cancellable_cancel (self->upcoming_cancellable);
  g_cancellable_cancel (self->banner_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->orientation_source, g_source_remove);
  g_clear_handle_id (&self->ask_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_CALENDAR_PAGE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->month_cancellable);
  g_clear_object (&self->upcoming_cancellable);
  g_clear_object (&self->banner_cancellable);
  g_clear_pointer (&self->occurrences, g_ptr_array_unref);
  g_clear_pointer (&self->asking, guild_occurrence_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_calendar_page_parent_class)->dispose (object);
}

static void
guild_calendar_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GuildCalendarPage *self = GUILD_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_calendar_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GuildCalendarPage *self = GUILD_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      guild_calendar_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_calendar_page_class_init (GuildCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_calendar_page_dispose;
  object_class->get_property = guild_calendar_page_get_property;
  object_class->set_property = guild_calendar_page_set_property;
  widget_class->size_allocate = guild_calendar_page_size_allocate;
  widget_class->unroot = guild_calendar_page_unroot;
  widget_class->measure = guild_calendar_page_measure;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GUILD_TYPE_MONTH_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/calendar/guild-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, agenda_box);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, agenda_scroller);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, month_view);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, day_title);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, day_list);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, upcoming_list);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_yes_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_no_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_view_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_occurrence_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agenda_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "calendar.reload", NULL, reload_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "calendar.today", NULL);
}

static void
guild_calendar_page_init (GuildCalendarPage *self)
{
  static gsize css_loaded = 0;

  if (g_once_init_enter (&css_loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/calendar/calendar.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&css_loaded, 1);
    }

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Shrinking past the wide layout, the page clips until it turns narrow. */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  self->layout_mode = -1;

  self->tz = g_time_zone_new_local ();
  self->settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  g_signal_connect_object (self->settings, "changed::week-start",
                           G_CALLBACK (on_week_start_changed_cb), self, G_CONNECT_SWAPPED);

  today (self, &self->selected);
  guild_month_view_set_selected (self->month_view, &self->selected);
  show_month (self, g_date_get_year (&self->selected), g_date_get_month (&self->selected));
  update_day_list (self);

  gtk_list_box_set_placeholder (self->day_list, make_placeholder (_("Nothing on this day")));
  gtk_list_box_set_placeholder (self->upcoming_list,
                                make_placeholder (_("Nothing planned for the coming weeks")));

  self->ask_source = g_timeout_add_seconds (60, ask_timeout_cb, self);
}

/* Section: public API */

/**
 * guild_calendar_compare_events:
 * @now: the moment that splits upcoming events from past ones
 *
 * Orders events for a list: those not yet over at @now first, soonest
 * first, then those that are over, latest first. An event without an end is
 * over once it has started.
 *
 * Returns: a negative number when a comes first, positive when b does, 0 when
 *   they tie
 */
int
guild_calendar_compare_events (gint64 a_starts_at,
                               gint64 a_ends_at,
                               gint64 b_starts_at,
                               gint64 b_ends_at,
                               gint64 now)
{
  gboolean a_past = MAX (a_starts_at, a_ends_at) < now;
  gboolean b_past = MAX (b_starts_at, b_ends_at) < now;

  if (a_past != b_past)
    return a_past ? 1 : -1;

  if (a_starts_at == b_starts_at)
    return 0;

  if (a_past)
    return a_starts_at > b_starts_at ? -1 : 1;

  return a_starts_at < b_starts_at ? -1 : 1;
}

GuildStore *
guild_calendar_page_get_store (GuildCalendarPage *self)
{
  g_return_val_if_fail (GUILD_IS_CALENDAR_PAGE (self), NULL);

  return self->store;
}

/**
 * guild_calendar_page_set_store:
 * @store: (nullable): the store to show
 *
 * Nothing is read until guild_calendar_page_load() is called.
 */
void
guild_calendar_page_set_store (GuildCalendarPage *self,
                               GuildStore        *store)
{
  g_return_if_fail (GUILD_IS_CALENDAR_PAGE (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  if (!g_set_object (&self->store, store))
    return;

  self->requested = FALSE;
  self->loaded = FALSE;
  self->failed = FALSE;
  update_state (self);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * guild_calendar_page_load:
 *
 * Starts reading the visible month on a worker thread, the first time it is
 * called; afterwards the page follows the store by itself.
 */
void
guild_calendar_page_load (GuildCalendarPage *self)
{
  g_return_if_fail (GUILD_IS_CALENDAR_PAGE (self));

  if (self->store == NULL || self->requested)
    return;

  self->requested = TRUE;
  reload (self);
}

/**
 * guild_calendar_page_add:
 *
 * Opens the editor for a new event on the selected day.
 */
void
guild_calendar_page_add (GuildCalendarPage *self)
{
  g_return_if_fail (GUILD_IS_CALENDAR_PAGE (self));

  open_editor (self, 0, 0);
}

/**
 * guild_calendar_page_open_event:
 * @occurrence_start: the occurrence opened, or 0
 *
 * Opens the editor of an event (a reminder's notification does this).
 */
void
guild_calendar_page_open_event (GuildCalendarPage *self,
                                gint64             event_id,
                                gint64             occurrence_start)
{
  g_return_if_fail (GUILD_IS_CALENDAR_PAGE (self));
  g_return_if_fail (event_id > 0);

  open_editor (self, event_id, occurrence_start);
}

void
guild_calendar_page_show_month (GuildCalendarPage *self,
                                guint              year,
                                guint              month)
{
  g_return_if_fail (GUILD_IS_CALENDAR_PAGE (self));
  g_return_if_fail (month >= 1 && month <= 12);

  show_month (self, year, month);
}

/**
 * guild_calendar_page_get_month_view:
 *
 * Returns: (transfer none): the month view, for tests
 */
GtkWidget *
guild_calendar_page_get_month_view (GuildCalendarPage *self)
{
  g_return_val_if_fail (GUILD_IS_CALENDAR_PAGE (self), NULL);

  return GTK_WIDGET (self->month_view);
}

gboolean
guild_calendar_page_get_loading (GuildCalendarPage *self)
{
  g_return_val_if_fail (GUILD_IS_CALENDAR_PAGE (self), FALSE);

  return self->loading;
}
