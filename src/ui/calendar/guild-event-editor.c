/* guild-event-editor.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-event-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "guild-event-editor.h"
#include "guild-format.h"
#include "guild-records.h"
#include "guild-recurrence.h"
#include "guild-store-events.h"
#include "guild-vocab.h"

/* The event editor: every field of an event, its repeat rule and exceptions,
 * and the people met there. It saves as the user types, half a second after
 * the last change, whenever what is typed is valid; invalid fields are
 * marked inline and never saved. Closing saves what is pending, and closing
 * with something invalid typed asks before anything is thrown away. */

#define SAVE_DELAY_MS 500
#define CONTACT_HITS 20
#define DAY_SECONDS (24 * 60 * 60)

typedef struct
{
  GtkMenuButton *button;
  GtkCalendar   *calendar;
  GDate          date;
} DateField;

struct _GuildEventEditor
{
  AdwWindow       parent_instance;

  /* Owned */
  GuildStore     *store;
  GuildRecord    *event;
  GCancellable   *cancellable;
  GCancellable   *search_cancellable;
  GArray         *community_ids;
  GArray         *attendees;
  GStrv           exdates;
  GuildRepeat     repeat;
  guint           save_source;
  gint64          occurrence_start;

  /* Widgets (owned by the window) */
  GtkWidget      *delete_button;
  GtkWidget      *title_row;
  GtkWidget      *title_error;
  GtkWidget      *all_day_switch;
  DateField       start_date;
  DateField       end_date;
  GtkWidget      *start_time;
  GtkWidget      *end_time;
  GtkWidget      *zone_dropdown;
  GtkWidget      *zone_row;
  GtkWidget      *when_error;
  GtkWidget      *repeat_row;
  GtkWidget      *interval_row;
  GtkWidget      *interval_spin;
  GtkWidget      *ends_row;
  GtkWidget      *count_row;
  GtkWidget      *count_spin;
  GtkWidget      *until_row;
  DateField       until_date;
  GtkWidget      *skip_button;
  GtkWidget      *exceptions_list;
  GtkWidget      *kind_row;
  GtkWidget      *status_row;
  GtkWidget      *community_row;
  GtkStringList  *community_names;
  GtkWidget      *location_row;
  GtkWidget      *url_row;
  GtkWidget      *url_error;
  GtkWidget      *notes_view;
  GtkWidget      *people_list;
  GtkWidget      *search_entry;
  GtkWidget      *hits_list;

  guint           loading : 1;
  guint           touched : 1;
};

enum {
  DELETE_EVENT,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (GuildEventEditor, guild_event_editor, ADW_TYPE_WINDOW)

/* Section: pure helpers */

/**
 * guild_repeat_parse:
 * @rrule: (nullable): a recurrence rule
 * @out: (out caller-allocates): what the editor shows
 *
 * Returns: %FALSE when the rule is one the editor cannot show (@out->custom)
 */
gboolean
guild_repeat_parse (const char  *rrule,
                    GuildRepeat *out)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->interval = 1;

  if (rrule == NULL || *rrule == '\0')
    return TRUE;

  parts = g_strsplit (rrule, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *key = NULL;

      if (eq == NULL)
        continue;
      key = g_ascii_strup (parts[i], eq - parts[i]);
      eq++;

      if (g_str_equal (key, "FREQ") &&
          (g_str_equal (eq, "DAILY") || g_str_equal (eq, "WEEKLY") || g_str_equal (eq, "MONTHLY")))
        g_strlcpy (out->freq, eq, sizeof out->freq);
      else if (g_str_equal (key, "INTERVAL"))
        out->interval = MAX (1, atoi (eq));
      else if (g_str_equal (key, "COUNT"))
        out->count = MAX (0, atoi (eq));
      else if (g_str_equal (key, "UNTIL") && strlen (eq) < sizeof out->until)
        g_strlcpy (out->until, eq, sizeof out->until);
      else if (!g_str_equal (key, "WKST"))
        out->custom = TRUE;
    }

  if (out->freq[0] == '\0')
    out->custom = TRUE;

  return !out->custom;
}

/**
 * guild_repeat_format:
 *
 * Returns: (transfer full): the rule, "" for no repeat
 */
char *
guild_repeat_format (const GuildRepeat *repeat)
{
  GString *rule;

  g_return_val_if_fail (repeat != NULL, NULL);

  if (repeat->freq[0] == '\0')
    return g_strdup ("");

  rule = g_string_new ("FREQ=");
  g_string_append (rule, repeat->freq);
  if (repeat->interval > 1)
    g_string_append_printf (rule, ";INTERVAL=%d", repeat->interval);
  if (repeat->count > 0)
    g_string_append_printf (rule, ";COUNT=%d", repeat->count);
  else if (repeat->until[0] != '\0')
    g_string_append_printf (rule, ";UNTIL=%s", repeat->until);

  return g_string_free (rule, FALSE);
}

/**
 * guild_time_parse:
 * @text: "19:00", "9:30", "7" or "19.00"
 *
 * Returns: whether @text is a time of day
 */
gboolean
guild_time_parse (const char *text,
                  int        *hour,
                  int        *minute)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *end = NULL;
  gint64 h, m = 0;

  g_return_val_if_fail (hour != NULL && minute != NULL, FALSE);

  if (!g_ascii_isdigit (trimmed[0]))
    return FALSE;

  h = g_ascii_strtoll (trimmed, &end, 10);
  if (*end == ':' || *end == '.')
    {
      const char *minutes = end + 1;

      if (!g_ascii_isdigit (minutes[0]) || !g_ascii_isdigit (minutes[1]) || minutes[2] != '\0')
        return FALSE;
      m = g_ascii_strtoll (minutes, &end, 10);
    }
  if (*end != '\0' || h < 0 || h > 23 || m < 0 || m > 59)
    return FALSE;

  *hour = (int) h;
  *minute = (int) m;
  return TRUE;
}

/* Section: time zones */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GtkStringList *
load_zones (void)
{
  g_autoptr(GPtrArray) zones = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;
  GtkStringList *list = gtk_string_list_new (NULL);

  if (g_file_get_contents ("/usr/share/zoneinfo/zone1970.tab", &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) columns = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          columns = g_strsplit (lines[i], "\t", 4);
          if (g_strv_length (columns) >= 3)
            g_ptr_array_add (zones, g_strdup (columns[2]));
        }
    }
  g_ptr_array_add (zones, g_strdup ("UTC"));
  g_ptr_array_sort (zones, compare_strings);

  for (guint i = 0; i < zones->len; i++)
    if (i == 0 || g_strcmp0 (zones->pdata[i], zones->pdata[i - 1]) != 0)
      gtk_string_list_append (list, zones->pdata[i]);

  return list;
}

static char *
local_zone_name (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (tz);
  g_autofree char *link = NULL;

  if (id != NULL && id[0] != '/' && id[0] != ':' && strchr (id, '/') != NULL)
    return g_strdup (id);

  /* TZ unset: /etc/localtime links into the zone database. */
  link = g_file_read_link ("/etc/localtime", NULL);
  if (link != NULL && strstr (link, "zoneinfo/") != NULL)
    return g_strdup (strstr (link, "zoneinfo/") + strlen ("zoneinfo/"));

  return g_strdup ("UTC");
}

static guint
find_string (GListModel *model,
             const char *value)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), value) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static const char *
selected_zone (GuildEventEditor *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->zone_dropdown));

  return item != NULL ? gtk_string_object_get_string (item) : "UTC";
}

/* Section: dates */

static void
date_field_update_label (DateField *field)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *label = NULL;

  if (!g_date_valid (&field->date))
    {
      gtk_menu_button_set_label (field->button, _("Pick a Date"));
      return;
    }

  dt = g_date_time_new_utc (g_date_get_year (&field->date), g_date_get_month (&field->date),
                            g_date_get_day (&field->date), 0, 0, 0);
  /* xgettext:no-c-format */
  label = guild_format_date_time (dt, _("%-d %B %Y"));
  gtk_menu_button_set_label (field->button, label);
}

static void
date_field_set (DateField   *field,
                const GDate *date)
{
  g_autoptr(GDateTime) dt = NULL;

  field->date = *date;
  dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 12, 0, 0);
  gtk_calendar_select_day (field->calendar, dt);
  date_field_update_label (field);
}

static void schedule_save (GuildEventEditor *self);

static void
on_calendar_day_selected_cb (GtkCalendar *calendar,
                             gpointer     user_data)
{
  GuildEventEditor *self = user_data;
  DateField *field = g_object_get_data (G_OBJECT (calendar), "guild-field");
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);

  g_date_clear (&field->date, 1);
  g_date_set_dmy (&field->date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  date_field_update_label (field);
  gtk_menu_button_popdown (field->button);
  schedule_save (self);
}

static void
date_field_init (GuildEventEditor *self,
                 DateField        *field,
                 const char       *accessible_name)
{
  GtkWidget *popover = gtk_popover_new ();

  field->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_object_set_data (G_OBJECT (field->calendar), "guild-field", field);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (field->calendar));
  field->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (field->button, popover);
  gtk_widget_set_valign (GTK_WIDGET (field->button), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  g_date_clear (&field->date, 1);
  g_signal_connect (field->calendar, "day-selected", G_CALLBACK (on_calendar_day_selected_cb),
                    self);
}

static void
set_error (GtkWidget  *label,
           const char *text)
{
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL);
}

static gboolean
instant_from (GDate      *date,
              int         hour,
              int         minute,
              const char *zone,
              gint64     *out)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                        g_date_get_day (date), hour, minute, 0);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static void
date_from_instant (gint64      instant,
                   const char *zone,
                   GDate      *out,
                   int        *hour,
                   int        *minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) dt = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  dt = g_date_time_to_timezone (utc, tz);
  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  if (hour != NULL)
    *hour = g_date_time_get_hour (dt);
  if (minute != NULL)
    *minute = g_date_time_get_minute (dt);
}

/* Section: reading the form */

static const char *
selected_vocab (GtkWidget  *row,
                GuildVocab  vocab)
{
  guint n = 0;
  const GuildVocabEntry *entries = guild_vocab_entries (vocab, &n);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  return entries[selected < n ? selected : 0].id;
}

static void
update_sensitivity (GuildEventEditor *self)
{
  gboolean all_day = gtk_switch_get_active (GTK_SWITCH (self->all_day_switch));
  guint repeat = adw_combo_row_get_selected (ADW_COMBO_ROW (self->repeat_row));
  guint ends = adw_combo_row_get_selected (ADW_COMBO_ROW (self->ends_row));
  gboolean repeats = repeat >= 1 && repeat <= 3;

  gtk_widget_set_visible (self->start_time, !all_day);
  gtk_widget_set_visible (self->end_time, !all_day);
  gtk_widget_set_visible (self->zone_row, !all_day);
  gtk_widget_set_visible (self->interval_row, repeats);
  gtk_widget_set_visible (self->ends_row, repeats);
  gtk_widget_set_visible (self->count_row, repeats && ends == 1);
  gtk_widget_set_visible (self->until_row, repeats && ends == 2);
  gtk_widget_set_visible (self->skip_button,
                          self->occurrence_start != 0 && guild_record_get_id (self->event) != 0 &&
                          *guild_record_get_text (self->event, "rrule") != '\0');
}

/* Reads every field into the record. Returns FALSE, with the fields marked,
 * when something typed is not valid. */
static gboolean
collect (GuildEventEditor *self)
{
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  gboolean all_day = gtk_switch_get_active (GTK_SWITCH (self->all_day_switch));
  const char *zone = selected_zone (self);
  g_autofree char *notes = NULL;
  g_autofree char *url_trimmed = g_strstrip (g_strdup (url));
  g_autofree char *rrule = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter a, b;
  gint64 starts_at = 0, ends_at = 0;
  const char *when_error = NULL;
  gboolean valid = TRUE;
  int sh = 0, sm = 0, eh = 0, em = 0;
  guint repeat;

  g_strstrip (title);
  if (*title == '\0')
    {
      set_error (self->title_error, _("An event needs a title."));
      gtk_widget_add_css_class (self->title_row, "error");
      valid = FALSE;
    }
  else
    {
      set_error (self->title_error, NULL);
      gtk_widget_remove_css_class (self->title_row, "error");
    }

  if (!all_day && !guild_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->start_time)),
                                     &sh, &sm))
    when_error = _("Type the start time as hours and minutes, such as 19:00.");
  else if (!all_day && !guild_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->end_time)),
                                          &eh, &em))
    when_error = _("Type the end time as hours and minutes, such as 21:00.");
  else if (all_day)
    {
      GDate after = self->end_date.date;

      g_date_add_days (&after, 1);
      instant_from (&self->start_date.date, 0, 0, "UTC", &starts_at);
      instant_from (&after, 0, 0, "UTC", &ends_at);
      if (ends_at <= starts_at)
        when_error = _("The event cannot end before it starts.");
    }
  else
    {
      instant_from (&self->start_date.date, sh, sm, zone, &starts_at);
      instant_from (&self->end_date.date, eh, em, zone, &ends_at);
      if (ends_at < starts_at)
        when_error = _("The event cannot end before it starts.");
    }

  gtk_widget_remove_css_class (self->start_time, "error");
  gtk_widget_remove_css_class (self->end_time, "error");
  if (when_error != NULL)
    {
      valid = FALSE;
      gtk_widget_add_css_class (ends_at < starts_at ? self->end_time : self->start_time, "error");
    }
  set_error (self->when_error, when_error);

  if (*url_trimmed != '\0' && !guild_url_is_valid (url_trimmed))
    {
      set_error (self->url_error, _("Type a web address starting with https://"));
      gtk_widget_add_css_class (self->url_row, "error");
      valid = FALSE;
    }
  else
    {
      set_error (self->url_error, NULL);
      gtk_widget_remove_css_class (self->url_row, "error");
    }

  if (!valid)
    return FALSE;

  repeat = adw_combo_row_get_selected (ADW_COMBO_ROW (self->repeat_row));
  if (repeat == 4)
    rrule = g_strdup (guild_record_get_text (self->event, "rrule"));
  else
    {
      static const char * const freqs[] = { "", "DAILY", "WEEKLY", "MONTHLY" };
      GuildRepeat r = { { 0 }, 1, 0, { 0 }, FALSE };
      guint ends = adw_combo_row_get_selected (ADW_COMBO_ROW (self->ends_row));

      g_strlcpy (r.freq, freqs[MIN (repeat, 3)], sizeof r.freq);
      r.interval = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->interval_spin));
      if (ends == 1)
        r.count = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->count_spin));
      else if (ends == 2 && g_date_valid (&self->until_date.date))
        {
          GDate *u = &self->until_date.date;

          if (all_day)
            g_snprintf (r.until, sizeof r.until, "%04u%02u%02u", g_date_get_year (u),
                        g_date_get_month (u), g_date_get_day (u));
          else
            {
              /* The last day counts whole, in the event's own zone. */
              GDate after = *u;
              gint64 until;

              g_date_add_days (&after, 1);
              instant_from (&after, 0, 0, zone, &until);
              {
                g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (until - 1);
                g_autofree char *text = g_date_time_format (dt, "%Y%m%dT%H%M%SZ");

                g_strlcpy (r.until, text, sizeof r.until);
              }
            }
        }
      rrule = guild_repeat_format (&r);
    }

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view));
  gtk_text_buffer_get_bounds (buffer, &a, &b);
  notes = gtk_text_buffer_get_text (buffer, &a, &b, FALSE);

  guild_record_set_text (self->event, "title", title);
  guild_record_set_int (self->event, "starts-at", starts_at);
  guild_record_set_int (self->event, "ends-at", ends_at);
  guild_record_set_int (self->event, "all-day", all_day);
  guild_record_set_text (self->event, "tzid", all_day ? "" : zone);
  guild_record_set_text (self->event, "rrule", rrule);
  guild_record_set_strv (self->event, "exdates", *rrule != '\0'
                         ? (const char * const *) self->exdates : NULL);
  guild_record_set_text (self->event, "kind",
                         selected_vocab (self->kind_row, GUILD_VOCAB_EVENT_KIND));
  guild_record_set_text (self->event, "status",
                         selected_vocab (self->status_row, GUILD_VOCAB_EVENT_STATUS));
  guild_record_set_text (self->event, "location",
                         gtk_editable_get_text (GTK_EDITABLE (self->location_row)));
  guild_record_set_text (self->event, "url", url_trimmed);
  guild_record_set_text (self->event, "notes", notes);
  {
    guint c = adw_combo_row_get_selected (ADW_COMBO_ROW (self->community_row));
    gint64 community = c != GTK_INVALID_LIST_POSITION && c < self->community_ids->len
      ? g_array_index (self->community_ids, gint64, c) : 0;

    guild_record_set_int (self->event, "community-id", community);
  }
  guild_record_set_ids (self->event, "attendees", (const gint64 *) self->attendees->data,
                        self->attendees->len);
  return TRUE;
}

static gboolean
save (GuildEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->store == NULL || !collect (self))
    return FALSE;

  if (guild_record_get_id (self->event) == 0)
    ok = guild_store_add (self->store, self->event, &error);
  else
    ok = guild_store_update (self->store, self->event, &error);

  if (!ok)
    {
      g_warning ("Could not save the event: %s", error->message);
      set_error (self->when_error, error->message);
      return FALSE;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Event"));
  gtk_widget_set_visible (self->delete_button, TRUE);
  update_sensitivity (self);
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  GuildEventEditor *self = user_data;

  self->save_source = 0;
  save (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (GuildEventEditor *self)
{
  if (self->loading)
    return;

  self->touched = TRUE;
  update_sensitivity (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* Section: people met there */

static void rebuild_people (GuildEventEditor *self);

static void
on_remove_person_clicked_cb (GtkButton *button,
                             gpointer   user_data)
{
  GuildEventEditor *self = user_data;
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "guild-id");

  for (guint i = 0; i < self->attendees->len; i++)
    if (g_array_index (self->attendees, gint64, i) == id)
      {
        g_array_remove_index (self->attendees, i);
        break;
      }

  rebuild_people (self);
  schedule_save (self);
}

static void
clear_list_box (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static void
rebuild_people (GuildEventEditor *self)
{
  clear_list_box (self->people_list);

  for (guint i = 0; i < self->attendees->len; i++)
    {
      gint64 id = g_array_index (self->attendees, gint64, i);
      g_autoptr(GuildRecord) contact = NULL;
      g_autofree char *name = NULL;
      g_autofree char *remove_label = NULL;
      GtkWidget *row, *button;

      /* One row read per person chosen: a handful, on the main thread. */
      contact = guild_store_load (self->store, GUILD_RECORD_CONTACT, id, NULL);
      if (contact == NULL)
        continue;
      name = g_markup_escape_text (guild_record_get_text (contact, "full-name"), -1);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* Translators: a button beside a person met at the event. */
      remove_label = g_strdup_printf (_("Remove %s"), guild_record_get_text (contact, "full-name"));
      gtk_widget_set_tooltip_text (button, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_label, -1);
      g_object_set_data_full (G_OBJECT (button), "guild-id", g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_person_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (self->people_list), row);
    }

  gtk_widget_set_visible (self->people_list, self->attendees->len > 0);
}

static void
on_hits_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GuildEventEditor) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = guild_store_find_contacts_finish (GUILD_STORE (object), result, &error);
  if (hits == NULL)
    return;

  clear_list_box (self->hits_list);
  for (guint i = 0; i < hits->len; i++)
    {
      GuildContactHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *name = g_markup_escape_text (hit->name, -1);
      g_autofree char *detail = g_markup_escape_text (hit->detail, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "guild-id", g_memdup2 (&hit->id, sizeof hit->id),
                              g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->hits_list), row);
    }
  gtk_widget_set_visible (self->hits_list, hits->len > 0);
}

static void
on_search_changed_cb (GtkSearchEntry   *entry,
                      GuildEventEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (*text == '\0' || self->store == NULL)
    {
      clear_list_box (self->hits_list);
      gtk_widget_set_visible (self->hits_list, FALSE);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  guild_store_find_contacts_async (self->store, text, CONTACT_HITS, self->search_cancellable,
                                   on_hits_loaded_cb, g_object_ref (self));
}

static void
on_hit_activated_cb (GtkListBox       *list,
                     GtkListBoxRow    *row,
                     GuildEventEditor *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "guild-id");

  for (guint i = 0; i < self->attendees->len; i++)
    if (g_array_index (self->attendees, gint64, i) == id)
      return;

  g_array_append_val (self->attendees, id);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  rebuild_people (self);
  schedule_save (self);
}

/* Section: exceptions */

static void rebuild_exceptions (GuildEventEditor *self);

static void
on_restore_exception_cb (GtkButton        *button,
                         GuildEventEditor *self)
{
  const char *value = g_object_get_data (G_OBJECT (button), "guild-exdate");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->exdates != NULL && self->exdates[i] != NULL; i++)
    if (g_strcmp0 (self->exdates[i], value) != 0)
      g_strv_builder_add (builder, self->exdates[i]);
  g_strfreev (self->exdates);
  self->exdates = g_strv_builder_end (builder);
  rebuild_exceptions (self);
  schedule_save (self);
}

static void
rebuild_exceptions (GuildEventEditor *self)
{
  guint n = 0;

  clear_list_box (self->exceptions_list);
  for (guint i = 0; self->exdates != NULL && self->exdates[i] != NULL; i++)
    {
      gint64 when;
      g_autofree char *label = NULL;
      GtkWidget *row, *button;

      if (!guild_instant_parse (self->exdates[i], &when))
        continue;
      label = guild_format_event_time (when, guild_record_get_int (self->event, "all-day"));
      row = adw_action_row_new ();
      /* Translators: an occurrence of a repeating event that was skipped. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Skipped"));
      button = gtk_button_new_with_label (_("Restore"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "guild-exdate", g_strdup (self->exdates[i]),
                              g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_restore_exception_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (self->exceptions_list), row);
      n++;
    }
  gtk_widget_set_visible (self->exceptions_list, n > 0);
}

static void
on_skip_clicked_cb (GtkButton        *button,
                    GuildEventEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (self->occurrence_start == 0)
    return;

  if (self->exdates != NULL)
    g_strv_builder_addv (builder, (const char **) self->exdates);
  {
    g_autofree char *skipped = guild_instant_format (self->occurrence_start);

    g_strv_builder_add (builder, skipped);
  }
  g_strfreev (self->exdates);
  self->exdates = g_strv_builder_end (builder);
  self->occurrence_start = 0;
  rebuild_exceptions (self);
  self->touched = TRUE;
  save (self);
}

/* Section: other callbacks */

static void
on_changed_cb (GuildEventEditor *self)
{
  schedule_save (self);
}

static void
on_open_link_clicked_cb (GtkButton        *button,
                         GuildEventEditor *self)
{
  g_autofree char *url = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));

  g_strstrip (url);
  if (guild_url_is_valid (url) && *url != '\0')
    gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
}

static void
on_delete_clicked_cb (GtkButton        *button,
                      GuildEventEditor *self)
{
  gint64 id = guild_record_get_id (self->event);

  g_clear_handle_id (&self->save_source, g_source_remove);
  /* Whatever is typed goes along with the event, so that Undo brings back
   * the latest version. */
  if (id != 0 && self->touched)
    save (self);

  self->touched = FALSE;
  gtk_window_destroy (GTK_WINDOW (self));
  if (id != 0)
    g_signal_emit (self, signals [DELETE_EVENT], 0, id);
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        GuildEventEditor *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->touched = FALSE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static gboolean
guild_event_editor_close_request (GtkWindow *window)
{
  GuildEventEditor *self = GUILD_EVENT_EDITOR (window);
  GtkWidget *dialog;

  if (!self->touched || save (self))
    return FALSE;

  /* Something typed is not valid: it is never saved, and never thrown away
   * without asking. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard the Changes?"),
                                   _("Some fields are not valid, so the event was not saved "
                                     "as it is now. The marked fields say what to fix."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Section: building */

static GtkWidget *
error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static GtkWidget *
vocab_row (GuildVocab  vocab,
           const char *title)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  guint n = 0;
  const GuildVocabEntry *entries = guild_vocab_entries (vocab, &n);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (labels, guild_vocab_entry_label (vocab, &entries[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_unref (labels);
  return row;
}

static void
select_vocab (GtkWidget  *row,
              GuildVocab  vocab,
              const char *id)
{
  guint n = 0;
  const GuildVocabEntry *entries = guild_vocab_entries (vocab, &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (entries[i].id, id) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
}

static GtkWidget *
time_entry (const char *accessible_name)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  return entry;
}

static GtkWidget *
string_combo (const char         *title,
              const char * const *items)
{
  GtkStringList *list = gtk_string_list_new ((const char * const *) items);
  GtkWidget *row = adw_combo_row_new ();

  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_unref (list);
  return row;
}

static GtkWidget *
spin_row (const char  *title,
          int          min,
          int          max,
          GtkWidget  **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  *spin_out = spin;
  return row;
}

static void
build (GuildEventEditor *self)
{
  GtkWidget *toolbar, *header, *scroller, *clamp, *box, *group, *row, *button, *frame;
  g_autoptr(GtkStringList) zones = load_zones ();
  g_autoptr(GtkExpression) expression = NULL;
  const char *repeat_items[] = { C_("repeat", "Never"), _("Daily"), _("Weekly"), _("Monthly"),
                                 _("Custom (imported)"), NULL };
  const char *ends_items[] = { C_("repeat ends", "Never"), _("After a number of times"),
                               _("On a date"), NULL };

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (toolbar), header);

  self->delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (self->delete_button, _("Delete Event"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Event"), -1);
  g_signal_connect (self->delete_button, "clicked", G_CALLBACK (on_delete_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->delete_button);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scroller);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  /* What */
  group = adw_preferences_group_new ();
  gtk_box_append (GTK_BOX (box), group);
  self->title_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->title_row);
  self->kind_row = vocab_row (GUILD_VOCAB_EVENT_KIND, _("Kind"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->kind_row);
  self->status_row = vocab_row (GUILD_VOCAB_EVENT_STATUS, _("Status"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->status_row);
  self->community_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->community_names, C_("community", "None"));
  self->community_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->community_row), _("Community"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->community_row),
                           G_LIST_MODEL (self->community_names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->community_row);
  self->title_error = error_label ();
  gtk_box_append (GTK_BOX (box), self->title_error);

  /* When */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("When"));
  gtk_box_append (GTK_BOX (box), group);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("All Day"));
  self->all_day_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->all_day_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->all_day_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("All Day"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->all_day_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->all_day_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Starts"));
  date_field_init (self, &self->start_date, _("Start date"));
  self->start_time = time_entry (_("Start time"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->start_date.button));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->start_time);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Ends"));
  date_field_init (self, &self->end_date, _("End date"));
  self->end_time = time_entry (_("End time"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->end_date.button));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->end_time);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  self->zone_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->zone_row), _("Time Zone"));
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  self->zone_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (zones)),
                                           gtk_expression_ref (expression));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->zone_dropdown), TRUE);
  gtk_widget_set_valign (self->zone_dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zone_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time Zone"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->zone_row), self->zone_dropdown);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->zone_row);
  self->when_error = error_label ();
  gtk_box_append (GTK_BOX (box), self->when_error);

  /* Repeat */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Repeat"));
  gtk_box_append (GTK_BOX (box), group);
  self->repeat_row = string_combo (_("Repeats"), repeat_items);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->repeat_row);
  self->interval_row = spin_row (_("Every how many days, weeks or months"), 1, 99,
                                 &self->interval_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->interval_row);
  self->ends_row = string_combo (_("Ends"), ends_items);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->ends_row);
  self->count_row = spin_row (_("Times in all"), 1, 999, &self->count_spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->count_spin), 10);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->count_row);
  self->until_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->until_row), _("Last day"));
  date_field_init (self, &self->until_date, _("Last day"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->until_row),
                             GTK_WIDGET (self->until_date.button));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->until_row);
  self->exceptions_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->exceptions_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->exceptions_list, "boxed-list");
  gtk_widget_set_margin_top (self->exceptions_list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->exceptions_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Skipped occurrences"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->exceptions_list);
  self->skip_button = gtk_button_new_with_label (_("Skip This Occurrence"));
  gtk_widget_set_halign (self->skip_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->skip_button, 12);
  g_signal_connect (self->skip_button, "clicked", G_CALLBACK (on_skip_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->skip_button);

  /* Where */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Where"));
  gtk_box_append (GTK_BOX (box), group);
  self->location_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->location_row), _("Location"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->location_row);
  self->url_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("Online Link"));
  button = gtk_button_new_from_icon_name ("web-browser-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Open in the Browser"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open in the Browser"), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_open_link_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->url_row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->url_row);
  self->url_error = error_label ();
  gtk_box_append (GTK_BOX (box), self->url_error);

  /* Notes */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Notes and Takeaways"));
  gtk_box_append (GTK_BOX (box), group);
  self->notes_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->notes_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->notes_view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->notes_view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->notes_view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->notes_view), 12);
  gtk_widget_set_size_request (self->notes_view, -1, 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes and Takeaways"), -1);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), self->notes_view);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);

  /* People met there */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("People Met There"));
  gtk_box_append (GTK_BOX (box), group);
  self->people_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->people_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->people_list, "boxed-list");
  gtk_widget_set_margin_bottom (self->people_list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->people_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("People met there"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->people_list);
  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Find a contact to add"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find a contact to add"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->search_entry);
  self->hits_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->hits_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->hits_list, "boxed-list");
  gtk_widget_set_margin_top (self->hits_list, 6);
  gtk_widget_set_visible (self->hits_list, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->hits_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Matching contacts"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->hits_list);

  adw_window_set_content (ADW_WINDOW (self), toolbar);

  /* Every change saves, half a second later. */
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->location_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->url_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->start_time, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->end_time, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->all_day_switch, "notify::active",
                            G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->zone_dropdown, "notify::selected",
                            G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->repeat_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->ends_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->interval_spin, "value-changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->count_spin, "value-changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->community_row, "notify::selected",
                            G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view)), "changed",
                            G_CALLBACK (on_changed_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->hits_list, "row-activated", G_CALLBACK (on_hit_activated_cb), self);
}

/* Section: filling the form */

static void
on_communities_loaded_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GuildEventEditor) self = user_data;
  g_autoptr(GPtrArray) communities = NULL;
  g_autoptr(GError) error = NULL;
  gint64 current = guild_record_get_int (self->event, "community-id");
  gboolean was_loading = self->loading;

  communities = guild_store_list_finish (GUILD_STORE (object), result, &error);
  if (communities == NULL)
    return;

  self->loading = TRUE;
  for (guint i = 0; i < communities->len; i++)
    {
      GuildRecord *community = g_ptr_array_index (communities, i);
      gint64 id = guild_record_get_id (community);

      gtk_string_list_append (self->community_names, guild_record_get_text (community, "name"));
      g_array_append_val (self->community_ids, id);
      if (id == current)
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->community_row),
                                    self->community_ids->len - 1);
    }
  self->loading = was_loading;
}

static void
fill (GuildEventEditor *self,
      const GDate      *day)
{
  GuildRecord *event = self->event;
  gboolean all_day = guild_record_get_int (event, "all-day");
  const char *tzid = guild_record_get_text (event, "tzid");
  g_autofree char *zone = *tzid != '\0' ? g_strdup (tzid) : local_zone_name ();
  GArray *attendees = NULL;
  gint64 starts_at = guild_record_get_int (event, "starts-at");
  gint64 ends_at = guild_record_get_int (event, "ends-at");
  GDate start_day, end_day;
  int sh = 19, sm = 0, eh = 21, em = 0;
  guint zone_index;
  char text[8];

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), guild_record_get_text (event, "title"));
  gtk_switch_set_active (GTK_SWITCH (self->all_day_switch), all_day);

  zone_index = find_string (gtk_drop_down_get_model (GTK_DROP_DOWN (self->zone_dropdown)), zone);
  if (zone_index == GTK_INVALID_LIST_POSITION)
    zone_index = find_string (gtk_drop_down_get_model (GTK_DROP_DOWN (self->zone_dropdown)), "UTC");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->zone_dropdown), zone_index);

  if (starts_at == 0)
    {
      start_day = *day;
      end_day = *day;
    }
  else if (all_day)
    {
      date_from_instant (starts_at, "UTC", &start_day, NULL, NULL);
      date_from_instant (MAX (ends_at - DAY_SECONDS, starts_at), "UTC", &end_day, NULL, NULL);
    }
  else
    {
      date_from_instant (starts_at, zone, &start_day, &sh, &sm);
      date_from_instant (MAX (ends_at, starts_at), zone, &end_day, &eh, &em);
    }
  date_field_set (&self->start_date, &start_day);
  date_field_set (&self->end_date, &end_day);
  g_snprintf (text, sizeof text, "%02d:%02d", sh, sm);
  gtk_editable_set_text (GTK_EDITABLE (self->start_time), text);
  g_snprintf (text, sizeof text, "%02d:%02d", eh, em);
  gtk_editable_set_text (GTK_EDITABLE (self->end_time), text);

  guild_repeat_parse (guild_record_get_text (event, "rrule"), &self->repeat);
  if (self->repeat.custom)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->repeat_row), 4);
  else
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->repeat_row),
                                g_str_equal (self->repeat.freq, "DAILY") ? 1 :
                                g_str_equal (self->repeat.freq, "WEEKLY") ? 2 :
                                g_str_equal (self->repeat.freq, "MONTHLY") ? 3 : 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->interval_spin), self->repeat.interval);
  if (self->repeat.count > 0)
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->ends_row), 1);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->count_spin), self->repeat.count);
    }
  else if (self->repeat.until[0] != '\0')
    {
      GDate until;
      unsigned y = 0, m = 0, d = 0;

      if (sscanf (self->repeat.until, "%4u%2u%2u", &y, &m, &d) == 3 &&
          g_date_valid_dmy (d, m, y))
        {
          g_date_clear (&until, 1);
          g_date_set_dmy (&until, d, m, y);
          /* A timed rule's UNTIL is the last second of the last day in UTC;
           * show the event's own day. */
          if (strchr (self->repeat.until, 'T') != NULL)
            {
              g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
              gint64 instant = g_date_time_to_unix (dt);

              if (sscanf (self->repeat.until + 9, "%2d%2d", &sh, &sm) == 2)
                instant += sh * 3600 + sm * 60;
              date_from_instant (instant, zone, &until, NULL, NULL);
            }
          date_field_set (&self->until_date, &until);
        }
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->ends_row), 2);
    }
  if (!g_date_valid (&self->until_date.date))
    {
      GDate later = start_day;

      g_date_add_months (&later, 3);
      date_field_set (&self->until_date, &later);
    }

  g_strfreev (self->exdates);
  self->exdates = g_strdupv ((char **) guild_record_get_strv (event, "exdates"));
  rebuild_exceptions (self);

  select_vocab (self->kind_row, GUILD_VOCAB_EVENT_KIND, guild_record_get_text (event, "kind"));
  select_vocab (self->status_row, GUILD_VOCAB_EVENT_STATUS,
                guild_record_get_text (event, "status"));
  gtk_editable_set_text (GTK_EDITABLE (self->location_row),
                         guild_record_get_text (event, "location"));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), guild_record_get_text (event, "url"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view)),
                            guild_record_get_text (event, "notes"), -1);

  attendees = guild_record_get_ids (event, "attendees");
  g_array_set_size (self->attendees, 0);
  if (attendees != NULL)
    g_array_append_vals (self->attendees, attendees->data, attendees->len);
  rebuild_people (self);

  gtk_window_set_title (GTK_WINDOW (self), guild_record_get_id (event) != 0 ? _("Event")
                                                                            : _("New Event"));
  gtk_widget_set_visible (self->delete_button, guild_record_get_id (event) != 0);
  update_sensitivity (self);

  self->loading = FALSE;
}

/* Section: GObject */

static void
guild_event_editor_dispose (GObject *object)
{
  GuildEventEditor *self = (GuildEventEditor *)object;

  /* Nothing typed is lost, even when the window goes without a close
   * request (the app quitting). */
  if (self->save_source != 0)
    save (self);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->community_names);

  G_OBJECT_CLASS (guild_event_editor_parent_class)->dispose (object);
}

static void
guild_event_editor_finalize (GObject *object)
{
  GuildEventEditor *self = (GuildEventEditor *)object;

  g_clear_object (&self->event);
  g_clear_object (&self->store);
  g_clear_pointer (&self->community_ids, g_array_unref);
  g_clear_pointer (&self->attendees, g_array_unref);
  g_clear_pointer (&self->exdates, g_strfreev);

  G_OBJECT_CLASS (guild_event_editor_parent_class)->finalize (object);
}

static void
guild_event_editor_class_init (GuildEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_event_editor_dispose;
  object_class->finalize = guild_event_editor_finalize;
  window_class->close_request = guild_event_editor_close_request;

  /**
   * GuildEventEditor::delete-event:
   * @event_id: the event to delete
   *
   * The user asked to delete the event; whoever shows the Undo toast does it.
   */
  signals [DELETE_EVENT] =
    g_signal_new ("delete-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
guild_event_editor_init (GuildEventEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->community_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->attendees = g_array_new (FALSE, FALSE, sizeof (gint64));
  {
    gint64 none = 0;

    g_array_append_val (self->community_ids, none);
  }
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);
  build (self);
}

/* Section: public API */

/**
 * guild_event_editor_new:
 * @parent: (nullable): the window it belongs to
 * @event_id: the event to edit, or 0 for a new one
 * @occurrence_start: the occurrence it was opened from, or 0
 * @day: the day a new event goes on
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GuildEventEditor *
guild_event_editor_new (GtkWindow   *parent,
                        GuildStore  *store,
                        gint64       event_id,
                        gint64       occurrence_start,
                        const GDate *day)
{
  GuildEventEditor *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  self = g_object_new (GUILD_TYPE_EVENT_EDITOR,
                       "transient-for", parent,
                       "modal", FALSE,
                       NULL);
  self->store = g_object_ref (store);
  self->occurrence_start = occurrence_start;

  if (event_id > 0)
    self->event = guild_store_load (store, GUILD_RECORD_EVENT, event_id, &error);
  if (self->event == NULL)
    {
      if (error != NULL)
        g_warning ("Could not open the event: %s", error->message);
      self->event = guild_record_new_for_kind (GUILD_RECORD_EVENT);
    }

  fill (self, day);
  guild_store_list_async (store, GUILD_RECORD_COMMUNITY, self->cancellable,
                          on_communities_loaded_cb, g_object_ref (self));
  return self;
}

gint64
guild_event_editor_get_event_id (GuildEventEditor *self)
{
  g_return_val_if_fail (GUILD_IS_EVENT_EDITOR (self), 0);

  return guild_record_get_id (self->event);
}

/**
 * guild_event_editor_save_now:
 *
 * Saves what is typed at once instead of after the delay.
 *
 * Returns: whether it was valid and saved
 */
gboolean
guild_event_editor_save_now (GuildEventEditor *self)
{
  g_return_val_if_fail (GUILD_IS_EVENT_EDITOR (self), FALSE);

  return save (self);
}
