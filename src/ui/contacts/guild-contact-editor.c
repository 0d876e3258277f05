/* guild-contact-editor.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-contact-editor"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "guild-activity-timeline.h"
#include "guild-contact-editor.h"
#include "guild-label-factory.h"
#include "guild-relative-date.h"
#include "guild-format.h"
#include "guild-record.h"
#include "guild-records.h"
#include "guild-store-contacts.h"
#include "guild-text.h"

/* The detail page of one contact: every field of DESIGN.md, saved as the
 * user types. Each change is checked on its own; a valid value goes into
 * the editor's copy of the record and a save is scheduled half a second
 * later; an invalid one is marked on its row, named in the header ("Not
 * saved: …") and never reaches the copy, so what is saved is always valid.
 * Leaving the page, closing the window or quitting saves at once. */

#define SAVE_DELAY_MS 500

typedef enum
{
  LIST_EMAILS,
  LIST_PHONES,
  LIST_URLS,
  N_LISTS
} ListKind;

static const char * const list_fields[N_LISTS] = { "emails", "phones", "urls" };

/* Keep-in-touch cadences offered, in days. */
static const int cadences[] = { 0, 7, 14, 30, 60, 90, 180, 365 };

struct _GuildContactEditor
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkLabel            *title_label;
  GtkLabel            *status_label;
  GtkButton           *back_button;
  GtkScrolledWindow   *scroller;
  AdwEntryRow         *full_name_row;
  AdwEntryRow         *given_name_row;
  AdwEntryRow         *family_name_row;
  AdwEntryRow         *position_row;
  AdwEntryRow         *company_row;
  AdwEntryRow         *location_row;
  AdwPreferencesGroup *emails_group;
  AdwPreferencesGroup *phones_group;
  AdwPreferencesGroup *urls_group;
  AdwComboRow         *relationship_row;
  AdwComboRow         *quality_row;
  AdwComboRow         *cadence_row;
  AdwActionRow        *follow_up_row;
  AdwComboRow         *met_community_row;
  GtkDropDown         *met_event_dropdown;
  AdwEntryRow         *connected_on_row;
  GtkMenuButton       *connected_on_button;
  GtkCalendar         *connected_on_calendar;
  AdwPreferencesGroup *communities_group;
  GtkDropDown         *add_community_dropdown;
  AdwEntryRow         *birthday_row;
  GtkEntry            *tags_entry;
  GtkTextView         *notes_view;
  GtkBox              *form;

  /* The activity section, built in code */
  AdwPreferencesGroup *activity_group;
  GtkButton           *log_button;
  GuildActivityTimeline *timeline;

  /* Owned */
  GuildStore          *store;
  GuildRecord         *record;
  GListModel          *communities;
  GuildContactIndex   *index;
  GtkStringList       *community_names;     /* "None", then the communities */
  GtkStringList       *add_names;           /* the communities */
  GArray              *community_ids;       /* ids in the order of add_names */
  GPtrArray           *list_rows[N_LISTS];  /* AdwEntryRow, borrowed */
  GPtrArray           *member_rows;         /* AdwActionRow, borrowed */
  GHashTable          *invalid;             /* field → message */
  GtkListStore        *tag_completions;
  GArray              *cadence_values;
  GtkStringList       *event_names;         /* "None", then the events, newest first */
  GArray              *event_ids;           /* ids in the order of event_names, 0 first */
  GCancellable        *events_cancellable;
  gulong               store_handler;
  guint                events_reload_source;
  guint                fill_events_source;
  gpointer             pending_events;      /* EventLabels being put in the list */

  gulong               communities_handler;
  guint                save_source;
  guint                populating : 1;
  guint                dirty : 1;
};

enum {
  SIGNAL_BACK,
  SIGNAL_DELETE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (GuildContactEditor, guild_contact_editor, GTK_TYPE_WIDGET)

static void update_follow_up (GuildContactEditor *self);
static void select_met_event (GuildContactEditor *self);

/* Section: saving */

static void
update_status (GuildContactEditor *self)
{
  GHashTableIter iter;
  gpointer message = NULL;

  if (g_hash_table_size (self->invalid) > 0)
    {
      g_autofree char *text = NULL;

      g_hash_table_iter_init (&iter, self->invalid);
      g_hash_table_iter_next (&iter, NULL, &message);
      /* Translators: shown at the top of a contact when a field is invalid;
       * %s says what is wrong. */
      text = g_strdup_printf (_("Not saved: %s"), (const char *) message);
      gtk_label_set_label (self->status_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      gtk_label_set_label (self->status_label, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
    }
}

static void
update_title (GuildContactEditor *self)
{
  const char *name = self->record != NULL ? guild_record_get_text (self->record, "full-name") : "";

  gtk_label_set_label (self->title_label, name);
}

static gboolean
save (GuildContactEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (GUILD_IS_CONTACT_EDITOR (self));

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!self->dirty || self->record == NULL || self->store == NULL)
    return TRUE;

  /* A single-row write: fine on the main thread (STYLE.md §7). */
  if (!guild_store_update (self->store, self->record, &error))
    {
      g_autofree char *text = NULL;

      g_warning ("Could not save a contact: %s", error->message);
      text = g_strdup_printf (_("Not saved: %s"), error->message);
      gtk_label_set_label (self->status_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      return FALSE;
    }

  self->dirty = FALSE;
  update_status (self);
  update_follow_up (self);
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  GuildContactEditor *self = user_data;

  self->save_source = 0;
  save (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (GuildContactEditor *self)
{
  self->dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* Marks @widget (and @field) as holding an invalid value, or clears it. */
static void
set_invalid (GuildContactEditor *self,
             GtkWidget          *widget,
             const char         *field,
             const char         *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      g_hash_table_insert (self->invalid, g_strdup (field), g_strdup (message));
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
      g_hash_table_remove (self->invalid, field);
    }
  update_status (self);
}

/* Section: text fields */

static const char *
field_of (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "guild-field");
}

/* A birthday may be typed as MM-DD when the year is unknown. */
static char *
normalize_birthday (const char *text)
{
  if (strlen (text) == 5 && text[2] == '-')
    return g_strconcat ("--", text, NULL);
  return g_strdup (text);
}

static void
on_text_row_changed_cb (GuildContactEditor *self,
                        GtkEditable        *editable)
{
  const char *field = field_of (editable);
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  const char *message = NULL;

  g_assert (GUILD_IS_CONTACT_EDITOR (self));

  if (self->populating || self->record == NULL)
    return;

  if (g_str_equal (field, "full-name") && *value == '\0')
    message = _("Enter the person’s name");
  else if (g_str_equal (field, "connected-on") && *value != '\0' &&
           !guild_day_is_valid (value, FALSE))
    message = _("Write the date met as YYYY-MM-DD, for example 2025-03-14");
  else if (g_str_equal (field, "birthday"))
    {
      g_autofree char *normalized = normalize_birthday (value);

      if (*value != '\0' && !guild_day_is_valid (normalized, TRUE))
        message = _("Write the birthday as YYYY-MM-DD, or MM-DD without the year");
      else
        {
          g_free (value);
          value = g_steal_pointer (&normalized);
        }
    }

  set_invalid (self, GTK_WIDGET (editable), field, message);
  if (message != NULL)
    return;

  if (g_strcmp0 (guild_record_get_text (self->record, field), value) == 0)
    return;
  guild_record_set_text (self->record, field, value);
  if (g_str_equal (field, "full-name"))
    update_title (self);
  schedule_save (self);
}

static void
setup_text_row (GuildContactEditor *self,
                AdwEntryRow        *row,
                const char         *field)
{
  g_object_set_data (G_OBJECT (row), "guild-field", (gpointer) field);
  g_signal_connect_object (row, "changed", G_CALLBACK (on_text_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Section: lists of e-mails, phones and addresses */

static gboolean
is_linkedin (const char *url)
{
  g_autofree char *key = guild_profile_url_normalize (url);

  return g_str_has_prefix (key, "linkedin.com/");
}

static const char *
list_row_title (ListKind    kind,
                const char *value)
{
  switch (kind)
    {
    case LIST_EMAILS:
      return _("E-mail");
    case LIST_PHONES:
      return _("Phone");
    case LIST_URLS:
      return is_linkedin (value) ? "LinkedIn" : _("Web address");
    case N_LISTS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
check_list_value (ListKind    kind,
                  const char *value)
{
  switch (kind)
    {
    case LIST_EMAILS:
      if (strchr (value, '@') == NULL || strchr (value, ' ') != NULL)
        return _("An e-mail address looks like name@example.com");
      return NULL;
    case LIST_PHONES:
      return NULL;
    case LIST_URLS:
      if (!guild_url_is_valid (value))
        return _("A web address looks like https://example.com");
      return NULL;
    case N_LISTS:
    default:
      g_assert_not_reached ();
    }
}

static void
collect_list (GuildContactEditor *self,
              ListKind            kind)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  gboolean any_invalid = FALSE;
  const char * const *old;
  gboolean same = TRUE;
  guint n = 0;

  for (guint i = 0; i < self->list_rows[kind]->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->list_rows[kind], i);
      g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      g_autofree char *field = g_strdup_printf ("%s-%u", list_fields[kind], i);
      const char *message = *value != '\0' ? check_list_value (kind, value) : NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), list_row_title (kind, value));
      set_invalid (self, row, field, message);
      if (message != NULL)
        any_invalid = TRUE;
      else if (*value != '\0')
        g_ptr_array_add (values, g_steal_pointer (&value));
    }
  /* Rows removed since: forget their errors. */
  for (guint i = self->list_rows[kind]->len; i < self->list_rows[kind]->len + 8; i++)
    {
      g_autofree char *field = g_strdup_printf ("%s-%u", list_fields[kind], i);

      g_hash_table_remove (self->invalid, field);
    }
  update_status (self);

  if (any_invalid)
    return;

  g_ptr_array_add (values, NULL);
  old = guild_record_get_strv (self->record, list_fields[kind]);
  for (n = 0; old != NULL && old[n] != NULL; n++)
    if (n >= values->len - 1 || g_strcmp0 (old[n], g_ptr_array_index (values, n)) != 0)
      same = FALSE;
  if (n != values->len - 1)
    same = FALSE;
  if (same)
    return;

  guild_record_set_strv (self->record, list_fields[kind], (const char * const *) values->pdata);
  schedule_save (self);
}

static void
on_list_row_changed_cb (GuildContactEditor *self,
                        GtkEditable        *editable)
{
  if (self->populating || self->record == NULL)
    return;

  collect_list (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "guild-list")));
}

static void
on_open_url_clicked_cb (GtkButton *button,
                        GtkWidget *row)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *full = NULL;

  if (*url == '\0' || !guild_url_is_valid (url))
    return;
  full = strstr (url, "://") != NULL ? g_strdup (url) : g_strconcat ("https://", url, NULL);
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))), full, GDK_CURRENT_TIME);
}

static void
on_remove_list_row_clicked_cb (GtkButton *button,
                               GtkWidget *row)
{
  GuildContactEditor *self = GUILD_CONTACT_EDITOR (gtk_widget_get_ancestor (row,
                                                   GUILD_TYPE_CONTACT_EDITOR));
  ListKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "guild-list"));
  AdwPreferencesGroup *group = kind == LIST_EMAILS ? self->emails_group
                             : kind == LIST_PHONES ? self->phones_group : self->urls_group;

  g_ptr_array_remove (self->list_rows[kind], row);
  adw_preferences_group_remove (group, row);
  collect_list (self, kind);
}

static GtkWidget *
add_list_row (GuildContactEditor *self,
              ListKind            kind,
              const char         *value)
{
  AdwPreferencesGroup *group = kind == LIST_EMAILS ? self->emails_group
                             : kind == LIST_PHONES ? self->phones_group : self->urls_group;
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  const char *remove_labels[N_LISTS] = {
    _("Remove E-mail Address"), _("Remove Phone Number"), _("Remove Web Address"),
  };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), list_row_title (kind, value));
  gtk_editable_set_text (GTK_EDITABLE (row), value);
  g_object_set_data (G_OBJECT (row), "guild-list", GUINT_TO_POINTER (kind));
  if (kind == LIST_EMAILS)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
  else if (kind == LIST_PHONES)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
  else
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);

  if (kind == LIST_URLS)
    {
      GtkWidget *open = gtk_button_new_from_icon_name ("web-browser-symbolic");

      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_set_tooltip_text (open, _("Open in the Browser"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Open in the Browser"), -1);
      g_signal_connect (open, "clicked", G_CALLBACK (on_open_url_clicked_cb), row);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), open);
    }

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_labels[kind]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_labels[kind], -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_list_row_clicked_cb), row);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  g_signal_connect_object (row, "changed", G_CALLBACK (on_list_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->list_rows[kind], row);

  return row;
}

static void
clear_list_rows (GuildContactEditor *self,
                 ListKind            kind)
{
  AdwPreferencesGroup *group = kind == LIST_EMAILS ? self->emails_group
                             : kind == LIST_PHONES ? self->phones_group : self->urls_group;

  for (guint i = 0; i < self->list_rows[kind]->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (self->list_rows[kind], i));
  g_ptr_array_set_size (self->list_rows[kind], 0);
}

static void
add_list_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GuildContactEditor *self = GUILD_CONTACT_EDITOR (widget);
  ListKind kind = g_str_equal (action_name, "editor.add-email") ? LIST_EMAILS
                : g_str_equal (action_name, "editor.add-phone") ? LIST_PHONES : LIST_URLS;

  if (self->record == NULL)
    return;
  gtk_widget_grab_focus (add_list_row (self, kind, ""));
}

/* Section: choices */

static void
on_relationship_selected_cb (GuildContactEditor *self)
{
  guint n_entries;
  const GuildVocabEntry *entries = guild_vocab_entries (GUILD_VOCAB_RELATIONSHIP, &n_entries);
  guint selected = adw_combo_row_get_selected (self->relationship_row);

  if (self->populating || self->record == NULL || selected >= n_entries)
    return;
  if (g_strcmp0 (guild_record_get_text (self->record, "relationship"), entries[selected].id) == 0)
    return;
  guild_record_set_text (self->record, "relationship", entries[selected].id);
  schedule_save (self);
}

static void
on_quality_selected_cb (GuildContactEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->quality_row);

  if (self->populating || self->record == NULL || selected > 5)
    return;
  if (guild_record_get_int (self->record, "connection-quality") == selected)
    return;
  guild_record_set_int (self->record, "connection-quality", selected);
  schedule_save (self);
}

static void
on_cadence_selected_cb (GuildContactEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->cadence_row);
  int days;

  if (self->populating || self->record == NULL || selected >= self->cadence_values->len)
    return;
  days = g_array_index (self->cadence_values, int, selected);
  if (guild_record_get_int (self->record, "cadence-days") == days)
    return;
  guild_record_set_int (self->record, "cadence-days", days);
  schedule_save (self);
}

static void
populate_cadence (GuildContactEditor *self,
                  int                 current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;
  gboolean found = FALSE;

  g_array_set_size (self->cadence_values, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cadences); i++)
    {
      static const char *names[] = {
        N_("Not set"), N_("Every week"), N_("Every two weeks"), N_("Every month"),
        N_("Every two months"), N_("Every three months"), N_("Every six months"),
        N_("Every year"),
      };

      gtk_string_list_append (labels, _(names[i]));
      g_array_append_val (self->cadence_values, cadences[i]);
      if (cadences[i] == current)
        {
          selected = i;
          found = TRUE;
        }
    }
  if (!found)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("Every %d day", "Every %d days",
                                                          current), current);

      gtk_string_list_append (labels, label);
      g_array_append_val (self->cadence_values, current);
      selected = self->cadence_values->len - 1;
    }

  adw_combo_row_set_model (self->cadence_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->cadence_row, selected);
}

static void
on_met_community_selected_cb (GuildContactEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->met_community_row);
  gint64 id = 0;

  if (self->populating || self->record == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected > 0 && selected - 1 < self->community_ids->len)
    id = g_array_index (self->community_ids, gint64, selected - 1);
  if (guild_record_get_int (self->record, "met-at-community") == id)
    return;
  guild_record_set_int (self->record, "met-at-community", id);
  schedule_save (self);
}

static void
on_calendar_day_selected_cb (GuildContactEditor *self,
                             GtkCalendar        *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

  if (self->populating)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->connected_on_row), day);
  gtk_menu_button_popdown (self->connected_on_button);
}

/* Section: the event where you met */

/* Every event can be chosen, newest first, with "None" on top. The events
 * are read and labelled on workers; the drop-down only builds rows for what
 * its popover shows and filters by the typed text, so 10,000 events stay
 * fast. */

typedef struct
{
  GPtrArray *records;   /* GuildRecord (events) */
  GPtrArray *labels;    /* char*, NULL-terminated once built */
  GArray    *ids;
} EventLabels;

static void
event_labels_free (EventLabels *data)
{
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_clear_pointer (&data->labels, g_ptr_array_unref);
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  GuildRecord *ra = *(GuildRecord * const *) a;
  GuildRecord *rb = *(GuildRecord * const *) b;
  gint64 sa = guild_record_get_int (ra, "starts-at");
  gint64 sb = guild_record_get_int (rb, "starts-at");

  if (sa != sb)
    return sa > sb ? -1 : 1;
  return g_utf8_collate (guild_record_get_text (ra, "title"), guild_record_get_text (rb, "title"));
}

static void
label_events_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  EventLabels *data = task_data;

  g_ptr_array_sort (data->records, compare_newest_first);
  data->labels = g_ptr_array_new_full (data->records->len + 1, g_free);
  data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), data->records->len);
  for (guint i = 0; i < data->records->len; i++)
    {
      GuildRecord *event = g_ptr_array_index (data->records, i);
      gint64 id = guild_record_get_id (event);
      g_autofree char *when = guild_format_event_time (guild_record_get_int (event, "starts-at"),
                                                       guild_record_get_int (event, "all-day") != 0);

      /* The title and when it starts: the dash reads the same in every
       * language the app speaks. */
      g_ptr_array_add (data->labels, g_strdup_printf ("%s — %s",
                                                      guild_record_get_text (event, "title"),
                                                      when));
      g_array_append_val (data->ids, id);
    }
  g_ptr_array_add (data->labels, NULL);
  /* Ten thousand records are freed here rather than on the main thread. */
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_task_return_boolean (task, TRUE);
}

/* The labels go into the list a few hundred at a time, so that no main
 * loop iteration grows with the number of events. */
#define EVENTS_PER_IDLE 500

static gboolean
fill_events_cb (gpointer user_data)
{
  GuildContactEditor *self = user_data;
  EventLabels *data = self->pending_events;
  const char *chunk[EVENTS_PER_IDLE + 1];
  gboolean was_populating = self->populating;
  guint start = self->event_ids->len - 1;
  guint n = MIN (EVENTS_PER_IDLE, data->ids->len - start);

  for (guint i = 0; i < n; i++)
    chunk[i] = g_ptr_array_index (data->labels, start + i);
  chunk[n] = NULL;

  self->populating = TRUE;
  gtk_string_list_splice (self->event_names,
                          g_list_model_get_n_items (G_LIST_MODEL (self->event_names)), 0, chunk);
  g_array_append_vals (self->event_ids, &g_array_index (data->ids, gint64, start), n);

  if (self->event_ids->len - 1 < data->ids->len)
    {
      self->populating = was_populating;
      return G_SOURCE_CONTINUE;
    }

  select_met_event (self);
  self->populating = was_populating;
  self->fill_events_source = 0;
  g_clear_pointer (&self->pending_events, event_labels_free);
  return G_SOURCE_REMOVE;
}

static void
stop_filling_events (GuildContactEditor *self)
{
  g_clear_handle_id (&self->fill_events_source, g_source_remove);
  g_clear_pointer (&self->pending_events, event_labels_free);
}

static void
events_labelled_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GuildContactEditor *self = GUILD_CONTACT_EDITOR (object);
  EventLabels *data = g_task_get_task_data (G_TASK (result));
  EventLabels *pending;
  gboolean was_populating = self->populating;

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  stop_filling_events (self);
  pending = g_new0 (EventLabels, 1);
  pending->labels = g_steal_pointer (&data->labels);
  pending->ids = g_steal_pointer (&data->ids);
  self->pending_events = pending;

  self->populating = TRUE;
  g_array_set_size (self->event_ids, 1);
  gtk_string_list_splice (self->event_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->event_names)) - 1,
                          NULL);
  select_met_event (self);
  self->populating = was_populating;

  self->fill_events_source = g_idle_add (fill_events_cb, self);
}

static void
events_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GuildContactEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  GPtrArray *records;
  EventLabels *data;

  records = guild_store_list_finish (GUILD_STORE (object), result, &error);
  if (records == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the events: %s", error->message);
      return;
    }
  if (g_cancellable_is_cancelled (self->events_cancellable))
    {
      g_ptr_array_unref (records);
      return;
    }

  data = g_new0 (EventLabels, 1);
  data->records = records;
  task = g_task_new (self, self->events_cancellable, events_labelled_cb, NULL);
  g_task_set_source_tag (task, events_listed_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) event_labels_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, label_events_worker);
}

static void
load_events (GuildContactEditor *self)
{
  stop_filling_events (self);
  g_cancellable_cancel (self->events_cancellable);
  g_clear_object (&self->events_cancellable);
  if (self->store == NULL)
    return;

  self->events_cancellable = g_cancellable_new ();
  guild_store_list_async (self->store, GUILD_RECORD_EVENT, self->events_cancellable,
                          events_listed_cb, g_object_ref (self));
}

static gboolean
reload_events_cb (gpointer user_data)
{
  GuildContactEditor *self = user_data;

  self->events_reload_source = 0;
  load_events (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (GuildContactEditor *self,
                     guint               kind,
                     gint64              id,
                     guint               change)
{
  /* An import adds events one after another: read them once it settles. */
  if (kind != GUILD_RECORD_EVENT || self->events_reload_source != 0)
    return;
  self->events_reload_source = g_timeout_add (300, reload_events_cb, self);
}

static void
select_met_event (GuildContactEditor *self)
{
  gint64 met = self->record != NULL ? guild_record_get_int (self->record, "met-at-event") : 0;
  guint selected = 0;

  for (guint i = 1; met != 0 && i < self->event_ids->len; i++)
    if (g_array_index (self->event_ids, gint64, i) == met)
      {
        selected = i;
        break;
      }
  gtk_drop_down_set_selected (self->met_event_dropdown, selected);
}

static void
on_met_event_selected_cb (GuildContactEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->met_event_dropdown);
  gint64 id;

  if (self->populating || self->record == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected >= self->event_ids->len)
    return;
  id = g_array_index (self->event_ids, gint64, selected);
  if (guild_record_get_int (self->record, "met-at-event") == id)
    return;
  guild_record_set_int (self->record, "met-at-event", id);
  schedule_save (self);
}

/* Section: activity */

/* The timeline of what the user did with this person, newest first, with a
 * button that opens the quick-add dialog with this contact chosen. */
static void
build_activity_section (GuildContactEditor *self)
{
  GtkWidget *button;

  self->activity_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->activity_group, _("Activity"));

  button = gtk_button_new_with_label (_("Log Activity…"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Record something you did with this person (Ctrl+L)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Log Activity"),
                                  -1);
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (button), "win.log-activity::");
  self->log_button = GTK_BUTTON (button);
  adw_preferences_group_set_header_suffix (self->activity_group, button);

  /* No store yet: a contact id of 0 would mean every activity, so the
   * filter is only set once a contact is shown. */
  self->timeline = GUILD_ACTIVITY_TIMELINE (guild_activity_timeline_new (NULL));
  guild_activity_timeline_set_empty_text (self->timeline,
                                          _("Nothing Logged Here Yet"),
                                          _("Messages, meetings and help given or received with this person show up here."));
  gtk_widget_set_size_request (GTK_WIDGET (self->timeline), -1, 360);
  adw_preferences_group_add (self->activity_group, GTK_WIDGET (self->timeline));

  gtk_box_append (self->form, GTK_WIDGET (self->activity_group));
  gtk_widget_set_visible (GTK_WIDGET (self->activity_group), FALSE);
}

static void
update_activity_section (GuildContactEditor *self)
{
  g_autofree char *target = NULL;
  gint64 id;

  gtk_widget_set_visible (GTK_WIDGET (self->activity_group), self->record != NULL);
  if (self->record == NULL)
    return;

  id = guild_record_get_id (self->record);
  target = g_strdup_printf ("contact:%" G_GINT64_FORMAT, id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->log_button), "s", target);
  guild_activity_timeline_set_contact_id (self->timeline, id);
  guild_activity_timeline_set_store (self->timeline, self->store);
}

/* Ctrl+L on a contact's page logs an activity with this person, as the
 * section's button does. */
static void
log_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GuildContactEditor *self = GUILD_CONTACT_EDITOR (widget);

  if (self->record != NULL)
    gtk_widget_activate (GTK_WIDGET (self->log_button));
  else
    gtk_widget_activate_action (widget, "win.log-activity", "s", "");
}

/* Section: communities */

static const char *
community_name (GuildContactEditor *self,
                gint64              id)
{
  for (guint i = 0; i < self->community_ids->len; i++)
    if (g_array_index (self->community_ids, gint64, i) == id)
      return gtk_string_list_get_string (self->add_names, i);
  return NULL;
}

static void populate_members (GuildContactEditor *self);

static void
on_remove_member_clicked_cb (GtkButton *button,
                             gpointer   user_data)
{
  GuildContactEditor *self = GUILD_CONTACT_EDITOR (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                   GUILD_TYPE_CONTACT_EDITOR));
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "guild-community");
  GArray *ids = guild_record_get_ids (self->record, "communities");
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) != id)
      g_array_append_val (kept, g_array_index (ids, gint64, i));
  guild_record_set_ids (self->record, "communities", (const gint64 *) (gpointer) kept->data,
                        kept->len);
  schedule_save (self);
  populate_members (self);
}

static void
populate_members (GuildContactEditor *self)
{
  GArray *ids;

  for (guint i = 0; i < self->member_rows->len; i++)
    adw_preferences_group_remove (self->communities_group,
                                  g_ptr_array_index (self->member_rows, i));
  g_ptr_array_set_size (self->member_rows, 0);

  if (self->record == NULL)
    return;

  ids = guild_record_get_ids (self->record, "communities");
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const char *name = community_name (self, id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *label = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     name != NULL ? name : _("Unknown community"));
      /* Translators: a button's accessible name; %s is a community. */
      label = g_strdup_printf (_("Remove from %s"), name != NULL ? name : "");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data_full (G_OBJECT (remove), "guild-community",
                              g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_member_clicked_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->communities_group, row);
      g_ptr_array_add (self->member_rows, row);
    }
}

static void
add_community_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GuildContactEditor *self = GUILD_CONTACT_EDITOR (widget);
  guint selected = gtk_drop_down_get_selected (self->add_community_dropdown);
  GArray *ids;
  g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;

  if (self->record == NULL || selected >= self->community_ids->len)
    return;

  id = g_array_index (self->community_ids, gint64, selected);
  ids = guild_record_get_ids (self->record, "communities");
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return;
      g_array_append_val (next, g_array_index (ids, gint64, i));
    }
  g_array_append_val (next, id);
  guild_record_set_ids (self->record, "communities", (const gint64 *) (gpointer) next->data,
                        next->len);
  schedule_save (self);
  populate_members (self);
}

static void
select_met_community (GuildContactEditor *self)
{
  gint64 met = self->record != NULL ? guild_record_get_int (self->record, "met-at-community") : 0;
  guint selected = 0;

  for (guint i = 0; met != 0 && i < self->community_ids->len; i++)
    if (g_array_index (self->community_ids, gint64, i) == met)
      selected = i + 1;
  adw_combo_row_set_selected (self->met_community_row, selected);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  GuildRecord *ra = *(GuildRecord * const *) a;
  GuildRecord *rb = *(GuildRecord * const *) b;

  return g_utf8_collate (guild_record_get_text (ra, "name"), guild_record_get_text (rb, "name"));
}

static void
rebuild_community_names (GuildContactEditor *self)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n = self->communities != NULL ? g_list_model_get_n_items (self->communities) : 0;
  gboolean was_populating = self->populating;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (records, g_list_model_get_item (self->communities, i));
  g_ptr_array_sort (records, compare_by_name);

  g_array_set_size (self->community_ids, 0);
  for (guint i = 0; i < records->len; i++)
    {
      GuildRecord *r = g_ptr_array_index (records, i);
      gint64 id = guild_record_get_id (r);

      g_array_append_val (self->community_ids, id);
      g_ptr_array_add (names, (gpointer) guild_record_get_text (r, "name"));
    }
  g_ptr_array_add (names, NULL);

  self->populating = TRUE;
  gtk_string_list_splice (self->add_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->add_names)),
                          (const char * const *) names->pdata);
  gtk_string_list_splice (self->community_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->community_names)) - 1,
                          (const char * const *) names->pdata);
  select_met_community (self);
  self->populating = was_populating;
  populate_members (self);
}

/* Section: tags */

static char *
tags_text (const char * const *tags)
{
  return tags != NULL ? g_strjoinv (", ", (char **) tags) : g_strdup ("");
}

static void
on_tags_changed_cb (GuildContactEditor *self)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *old = NULL;
  g_autofree char *now = NULL;

  if (self->populating || self->record == NULL)
    return;

  parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (*tag != '\0')
        g_ptr_array_add (tags, g_strdup (tag));
    }
  g_ptr_array_add (tags, NULL);

  old = tags_text (guild_record_get_strv (self->record, "tags"));
  now = tags_text ((const char * const *) tags->pdata);
  if (g_str_equal (old, now))
    return;
  guild_record_set_strv (self->record, "tags", (const char * const *) tags->pdata);
  schedule_save (self);
}

/* The completion offers existing tags for the word being typed: the text
 * after the last comma. */
static gboolean
tag_match_cb (GtkEntryCompletion *completion,
              const char         *key,
              GtkTreeIter        *iter,
              gpointer            user_data)
{
  g_autofree char *tag = NULL;
  g_autofree char *folded_tag = NULL;
  g_autofree char *folded_key = NULL;
  const char *last = strrchr (key, ',');

  last = last != NULL ? last + 1 : key;
  while (*last == ' ')
    last++;
  if (*last == '\0')
    return FALSE;

  gtk_tree_model_get (gtk_entry_completion_get_model (completion), iter, 0, &tag, -1);
  folded_tag = guild_text_fold (tag);
  folded_key = guild_text_fold (last);
  return g_str_has_prefix (folded_tag, folded_key) && !g_str_equal (folded_tag, folded_key);
}

static gboolean
on_tag_match_selected_cb (GtkEntryCompletion *completion,
                          GtkTreeModel       *model,
                          GtkTreeIter        *iter,
                          GuildContactEditor *self)
{
  g_autofree char *tag = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tags_entry));
  const char *last = strrchr (text, ',');
  g_autofree char *head = last != NULL ? g_strndup (text, (gsize) (last - text + 1)) : g_strdup ("");
  g_autofree char *joined = NULL;

  gtk_tree_model_get (model, iter, 0, &tag, -1);
  joined = g_strconcat (head, *head != '\0' ? " " : "", tag, ", ", NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), joined);
  gtk_editable_set_position (GTK_EDITABLE (self->tags_entry), -1);
  return TRUE;
}

static void
fill_tag_completions (GuildContactEditor *self)
{
  g_autoptr(GPtrArray) tags = NULL;

  gtk_list_store_clear (self->tag_completions);
  if (self->index == NULL)
    return;

  tags = guild_contact_index_dup_tags (self->index);
  for (guint i = 0; i < tags->len; i++)
    gtk_list_store_insert_with_values (self->tag_completions, NULL, -1,
                                       0, g_ptr_array_index (tags, i), -1);
}

/* Section: notes */

static void
on_notes_changed_cb (GuildContactEditor *self,
                     GtkTextBuffer      *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->populating || self->record == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (guild_record_get_text (self->record, "notes"), text) == 0)
    return;
  guild_record_set_text (self->record, "notes", text);
  schedule_save (self);
}

/* Section: keep in touch */

static void
update_follow_up (GuildContactEditor *self)
{
  GuildContactEntry *entry = NULL;
  g_autofree char *last = NULL;
  g_autofree char *next = NULL;
  g_autofree char *subtitle = NULL;

  /* The page keeps the entry current: a save or a new activity is announced
   * by the store before this runs. */
  if (self->record != NULL && self->index != NULL)
    entry = guild_contact_index_lookup (self->index, guild_record_get_id (self->record));

  /* Dates in the translation's order and words, not LC_TIME's ("%x" is
   * US-style when only the interface language is Russian). */
  if (entry != NULL && entry->last_interaction != 0)
    last = guild_format_relative_day (entry->last_interaction, NULL);
  if (entry != NULL && entry->follow_up != 0)
    {
      g_autoptr(GDateTime) noon = NULL;
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, entry->follow_up);
      noon = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                    g_date_get_day (&date), 12, 0, 0);
      /* xgettext:no-c-format */
      next = noon != NULL ? guild_format_date_time (noon, _("%-d %B %Y")) : NULL;
    }

  if (next != NULL && guild_contact_entry_is_due (entry, guild_julian_today ()))
    /* Translators: %s is a date. */
    subtitle = g_strdup_printf (_("Due since %s"), next);
  else if (next != NULL)
    subtitle = g_strdup (next);
  else
    subtitle = g_strdup (_("Choose how often to keep in touch"));

  if (last != NULL)
    {
      /* Translators: the first %s is the follow-up line, the second a date. */
      g_autofree char *both = g_strdup_printf (_("%s · last contacted %s"), subtitle, last);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }

  adw_action_row_set_subtitle (self->follow_up_row, subtitle);
}

static void
mark_contacted_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GuildContactEditor *self = GUILD_CONTACT_EDITOR (widget);
  g_autoptr(GuildActivity) activity = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->record == NULL || self->store == NULL)
    return;

  save (self);
  id = guild_record_get_id (self->record);
  activity = guild_activity_new ("message", g_get_real_time () / G_USEC_PER_SEC);
  guild_record_set_ids (GUILD_RECORD (activity), "contacts", &id, 1);
  if (!guild_store_add (self->store, GUILD_RECORD (activity), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

      g_warning ("Could not record a message: %s", error->message);
      gtk_label_set_label (self->status_label, text);
      return;
    }

  gtk_label_set_label (self->status_label, _("Contacted today"));
  update_follow_up (self);
}

/* Section: actions */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GuildContactEditor *self = GUILD_CONTACT_EDITOR (widget);

  guild_contact_editor_flush (self);
  g_signal_emit (self, signals [SIGNAL_BACK], 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GuildContactEditor *self = GUILD_CONTACT_EDITOR (widget);
  gint64 id;

  if (self->record == NULL)
    return;

  /* Nothing typed is lost, even when it is deleted: it is in the undo. */
  save (self);
  id = guild_record_get_id (self->record);
  g_signal_emit (self, signals [SIGNAL_DELETE], 0, id);
}

static gboolean
on_close_request_cb (GuildContactEditor *self)
{
  guild_contact_editor_flush (self);
  return GDK_EVENT_PROPAGATE;
}

/* Section: GtkWidget */

static void
guild_contact_editor_root (GtkWidget *widget)
{
  GtkRoot *root;

  GTK_WIDGET_CLASS (guild_contact_editor_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "close-request", G_CALLBACK (on_close_request_cb), widget,
                             G_CONNECT_SWAPPED);
}

static void
guild_contact_editor_unmap (GtkWidget *widget)
{
  guild_contact_editor_flush (GUILD_CONTACT_EDITOR (widget));

  GTK_WIDGET_CLASS (guild_contact_editor_parent_class)->unmap (widget);
}

/* Section: GObject */

static void
guild_contact_editor_dispose (GObject *object)
{
  GuildContactEditor *self = (GuildContactEditor *)object;
  GtkWidget *child;

  guild_contact_editor_flush (self);

  if (self->communities != NULL)
    g_clear_signal_handler (&self->communities_handler, self->communities);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_handler, self->store);
  g_clear_handle_id (&self->events_reload_source, g_source_remove);
  stop_filling_events (self);
  g_cancellable_cancel (self->events_cancellable);
  g_clear_object (&self->events_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_CONTACT_EDITOR);

  /* A widget with a layout manager unparents its own children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->record);
  g_clear_object (&self->store);
  g_clear_object (&self->communities);
  g_clear_object (&self->community_names);
  g_clear_object (&self->add_names);
  g_clear_object (&self->event_names);
  g_clear_object (&self->tag_completions);
  g_clear_pointer (&self->index, guild_contact_index_unref);

  G_OBJECT_CLASS (guild_contact_editor_parent_class)->dispose (object);
}

static void
guild_contact_editor_finalize (GObject *object)
{
  GuildContactEditor *self = (GuildContactEditor *)object;

  for (guint i = 0; i < N_LISTS; i++)
    g_ptr_array_unref (self->list_rows[i]);
  g_ptr_array_unref (self->member_rows);
  g_hash_table_unref (self->invalid);
  g_array_unref (self->community_ids);
  g_array_unref (self->cadence_values);
  g_array_unref (self->event_ids);

  G_OBJECT_CLASS (guild_contact_editor_parent_class)->finalize (object);
}

static void
guild_contact_editor_class_init (GuildContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_contact_editor_dispose;
  object_class->finalize = guild_contact_editor_finalize;
  widget_class->root = guild_contact_editor_root;
  widget_class->unmap = guild_contact_editor_unmap;

  /**
   * GuildContactEditor::back:
   *
   * The user wants to go back to the list; the edits are saved.
   */
  signals [SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * GuildContactEditor::delete:
   * @id: the contact
   *
   * The user asked to delete the contact shown.
   */
  signals [SIGNAL_DELETE] =
    g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/contacts/guild-contact-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GuildContactEditor, name)
  BIND (title_label);
  BIND (status_label);
  BIND (back_button);
  BIND (scroller);
  BIND (full_name_row);
  BIND (given_name_row);
  BIND (family_name_row);
  BIND (position_row);
  BIND (company_row);
  BIND (location_row);
  BIND (emails_group);
  BIND (phones_group);
  BIND (urls_group);
  BIND (relationship_row);
  BIND (quality_row);
  BIND (cadence_row);
  BIND (follow_up_row);
  BIND (met_community_row);
  BIND (met_event_dropdown);
  BIND (connected_on_row);
  BIND (connected_on_button);
  BIND (connected_on_calendar);
  BIND (communities_group);
  BIND (add_community_dropdown);
  BIND (birthday_row);
  BIND (tags_entry);
  BIND (notes_view);
  BIND (form);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.mark-contacted", NULL,
                                   mark_contacted_action);
  gtk_widget_class_install_action (widget_class, "editor.add-email", NULL, add_list_action);
  gtk_widget_class_install_action (widget_class, "editor.add-phone", NULL, add_list_action);
  gtk_widget_class_install_action (widget_class, "editor.add-url", NULL, add_list_action);
  gtk_widget_class_install_action (widget_class, "editor.add-community", NULL,
                                   add_community_action);
  gtk_widget_class_install_action (widget_class, "editor.log-activity", NULL,
                                   log_activity_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "editor.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.mark-contacted", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "editor.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "editor.log-activity", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
guild_contact_editor_init (GuildContactEditor *self)
{
  g_autoptr(GtkStringList) relationships = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) qualities = gtk_string_list_new (NULL);
  g_autoptr(GtkEntryCompletion) completion = NULL;
  GtkListItemFactory *factory;
  const GuildVocabEntry *entries;
  guint n_entries;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_LISTS; i++)
    self->list_rows[i] = g_ptr_array_new ();
  self->member_rows = g_ptr_array_new ();
  self->invalid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->community_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cadence_values = g_array_new (FALSE, FALSE, sizeof (int));
  self->event_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (self->event_ids, 1);

  setup_text_row (self, self->full_name_row, "full-name");
  setup_text_row (self, self->given_name_row, "given-name");
  setup_text_row (self, self->family_name_row, "family-name");
  setup_text_row (self, self->position_row, "position");
  setup_text_row (self, self->company_row, "company");
  setup_text_row (self, self->location_row, "location");
  setup_text_row (self, self->connected_on_row, "connected-on");
  setup_text_row (self, self->birthday_row, "birthday");

  entries = guild_vocab_entries (GUILD_VOCAB_RELATIONSHIP, &n_entries);
  for (guint i = 0; i < n_entries; i++)
    gtk_string_list_append (relationships,
                            guild_vocab_entry_label (GUILD_VOCAB_RELATIONSHIP, &entries[i]));
  adw_combo_row_set_model (self->relationship_row, G_LIST_MODEL (relationships));
  g_signal_connect_object (self->relationship_row, "notify::selected",
                           G_CALLBACK (on_relationship_selected_cb), self, G_CONNECT_SWAPPED);

  gtk_string_list_append (qualities, _("Not set"));
  gtk_string_list_append (qualities, _("1 — barely know each other"));
  gtk_string_list_append (qualities, _("2 — met once or twice"));
  gtk_string_list_append (qualities, _("3 — in touch now and then"));
  gtk_string_list_append (qualities, _("4 — good connection"));
  gtk_string_list_append (qualities, _("5 — strong connection"));
  adw_combo_row_set_model (self->quality_row, G_LIST_MODEL (qualities));
  g_signal_connect_object (self->quality_row, "notify::selected",
                           G_CALLBACK (on_quality_selected_cb), self, G_CONNECT_SWAPPED);

  populate_cadence (self, 0);
  g_signal_connect_object (self->cadence_row, "notify::selected",
                           G_CALLBACK (on_cadence_selected_cb), self, G_CONNECT_SWAPPED);

  self->community_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->community_names, C_("community", "None"));
  adw_combo_row_set_model (self->met_community_row, G_LIST_MODEL (self->community_names));
  g_signal_connect_object (self->met_community_row, "notify::selected",
                           G_CALLBACK (on_met_community_selected_cb), self, G_CONNECT_SWAPPED);

  self->event_names = gtk_string_list_new (NULL);
  /* Translators: no event chosen as where you met a contact. */
  gtk_string_list_append (self->event_names, C_("event", "None"));
  gtk_drop_down_set_model (self->met_event_dropdown, G_LIST_MODEL (self->event_names));
  factory = guild_label_factory_new (TRUE, 28);
  gtk_drop_down_set_factory (self->met_event_dropdown, factory);
  g_object_unref (factory);
  factory = guild_label_factory_new (FALSE, 48);
  gtk_drop_down_set_list_factory (self->met_event_dropdown, factory);
  g_object_unref (factory);
  gtk_drop_down_set_expression (self->met_event_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  g_signal_connect_object (self->met_event_dropdown, "notify::selected",
                           G_CALLBACK (on_met_event_selected_cb), self, G_CONNECT_SWAPPED);

  self->add_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->add_community_dropdown, G_LIST_MODEL (self->add_names));
  gtk_drop_down_set_expression (self->add_community_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  /* A long community name ellipsizes in the row too, as an event's does. */
  factory = guild_label_factory_new (TRUE, 28);
  gtk_drop_down_set_factory (self->add_community_dropdown, factory);
  g_object_unref (factory);
  factory = guild_label_factory_new (FALSE, 48);
  gtk_drop_down_set_list_factory (self->add_community_dropdown, factory);
  g_object_unref (factory);

  self->tag_completions = gtk_list_store_new (1, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->tag_completions));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_match_func (completion, tag_match_cb, NULL, NULL);
  g_signal_connect_object (completion, "match-selected", G_CALLBACK (on_tag_match_selected_cb),
                           self, 0);
  gtk_entry_set_completion (self->tags_entry, completion);
  g_signal_connect_object (self->tags_entry, "changed", G_CALLBACK (on_tags_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed_cb), self, G_CONNECT_SWAPPED);

  build_activity_section (self);
}

/* Section: public API */

void
guild_contact_editor_set_store (GuildContactEditor *self,
                                GuildStore         *store)
{
  g_return_if_fail (GUILD_IS_CONTACT_EDITOR (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  guild_contact_editor_close (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->store_handler = g_signal_connect_object (store, "changed",
                                                   G_CALLBACK (on_store_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  /* The timeline follows the store once a contact is shown. */
  if (store == NULL || guild_contact_editor_get_contact_id (self) != 0)
    guild_activity_timeline_set_store (self->timeline, store);
  load_events (self);
}

/**
 * guild_contact_editor_set_communities:
 * @communities: (nullable): a list of #GuildCommunity that follows the store
 */
void
guild_contact_editor_set_communities (GuildContactEditor *self,
                                      GListModel         *communities)
{
  g_return_if_fail (GUILD_IS_CONTACT_EDITOR (self));

  if (self->communities != NULL)
    g_clear_signal_handler (&self->communities_handler, self->communities);
  g_set_object (&self->communities, communities);
  if (communities != NULL)
    self->communities_handler =
      g_signal_connect_object (communities, "items-changed",
                               G_CALLBACK (rebuild_community_names), self, G_CONNECT_SWAPPED);
  rebuild_community_names (self);
}

/**
 * guild_contact_editor_set_index:
 * @index: (nullable): the contacts view's index (for tags and follow-ups)
 */
void
guild_contact_editor_set_index (GuildContactEditor *self,
                                GuildContactIndex  *index)
{
  g_return_if_fail (GUILD_IS_CONTACT_EDITOR (self));

  if (index != NULL)
    guild_contact_index_ref (index);
  g_clear_pointer (&self->index, guild_contact_index_unref);
  self->index = index;
  fill_tag_completions (self);
  update_follow_up (self);
}

/**
 * guild_contact_editor_edit:
 * @id: a contact
 * @focus_name: whether to put the keyboard focus in the name
 *
 * Saves what is being edited, then shows contact @id.
 *
 * Returns: %FALSE when the contact could not be read
 */
gboolean
guild_contact_editor_edit (GuildContactEditor *self,
                           gint64              id,
                           gboolean            focus_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *birthday = NULL;
  GuildRecord *record;
  const char *day;
  guint n_entries;
  const GuildVocabEntry *entries;

  g_return_val_if_fail (GUILD_IS_CONTACT_EDITOR (self), FALSE);

  guild_contact_editor_close (self);
  if (self->store == NULL)
    return FALSE;

  record = guild_store_load (self->store, GUILD_RECORD_CONTACT, id, &error);
  if (record == NULL)
    {
      g_warning ("Could not open contact %" G_GINT64_FORMAT ": %s", id, error->message);
      return FALSE;
    }
  self->record = record;

  self->populating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->full_name_row),
                         guild_record_get_text (record, "full-name"));
  gtk_editable_set_text (GTK_EDITABLE (self->given_name_row),
                         guild_record_get_text (record, "given-name"));
  gtk_editable_set_text (GTK_EDITABLE (self->family_name_row),
                         guild_record_get_text (record, "family-name"));
  gtk_editable_set_text (GTK_EDITABLE (self->position_row),
                         guild_record_get_text (record, "position"));
  gtk_editable_set_text (GTK_EDITABLE (self->company_row),
                         guild_record_get_text (record, "company"));
  gtk_editable_set_text (GTK_EDITABLE (self->location_row),
                         guild_record_get_text (record, "location"));
  gtk_editable_set_text (GTK_EDITABLE (self->connected_on_row),
                         guild_record_get_text (record, "connected-on"));
  day = guild_record_get_text (record, "birthday");
  birthday = g_str_has_prefix (day, "--") ? g_strdup (day + 2) : g_strdup (day);
  gtk_editable_set_text (GTK_EDITABLE (self->birthday_row), birthday);

  for (guint k = 0; k < N_LISTS; k++)
    {
      const char * const *values = guild_record_get_strv (record, list_fields[k]);

      for (guint i = 0; values != NULL && values[i] != NULL; i++)
        add_list_row (self, k, values[i]);
    }

  entries = guild_vocab_entries (GUILD_VOCAB_RELATIONSHIP, &n_entries);
  for (guint i = 0; i < n_entries; i++)
    if (g_strcmp0 (entries[i].id, guild_record_get_text (record, "relationship")) == 0)
      adw_combo_row_set_selected (self->relationship_row, i);
  adw_combo_row_set_selected (self->quality_row,
                              (guint) guild_record_get_int (record, "connection-quality"));
  populate_cadence (self, (int) guild_record_get_int (record, "cadence-days"));
  select_met_community (self);
  select_met_event (self);

  tags = tags_text (guild_record_get_strv (record, "tags"));
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), tags);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            guild_record_get_text (record, "notes"), -1);
  self->populating = FALSE;

  populate_members (self);
  update_title (self);
  update_status (self);
  update_follow_up (self);
  update_activity_section (self);
  fill_tag_completions (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  if (focus_name)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->full_name_row));
      gtk_editable_select_region (GTK_EDITABLE (self->full_name_row), 0, -1);
    }

  return TRUE;
}

gint64
guild_contact_editor_get_contact_id (GuildContactEditor *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_EDITOR (self), 0);

  return self->record != NULL ? guild_record_get_id (self->record) : 0;
}

gboolean
guild_contact_editor_get_dirty (GuildContactEditor *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_EDITOR (self), FALSE);

  return self->dirty;
}

/**
 * guild_contact_editor_flush:
 *
 * Saves a pending edit now (leaving the page, closing the window).
 *
 * Returns: %FALSE if the save failed
 */
gboolean
guild_contact_editor_flush (GuildContactEditor *self)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_EDITOR (self), FALSE);

  return save (self);
}

/**
 * guild_contact_editor_close:
 *
 * Saves and stops editing: the contact was deleted, or the page closes.
 */
void
guild_contact_editor_close (GuildContactEditor *self)
{
  g_return_if_fail (GUILD_IS_CONTACT_EDITOR (self));

  save (self);
  self->dirty = FALSE;
  g_clear_object (&self->record);

  self->populating = TRUE;
  for (guint k = 0; k < N_LISTS; k++)
    clear_list_rows (self, k);
  self->populating = FALSE;
  populate_members (self);
  g_hash_table_remove_all (self->invalid);
  gtk_widget_remove_css_class (GTK_WIDGET (self->full_name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->connected_on_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->birthday_row), "error");
  update_status (self);
  update_activity_section (self);
}

/* For the tests: the row editing @field ("full-name", "notes", …). */
GtkWidget *
_guild_contact_editor_get_row (GuildContactEditor *self,
                               const char         *field)
{
  g_return_val_if_fail (GUILD_IS_CONTACT_EDITOR (self), NULL);

  if (g_str_equal (field, "full-name"))
    return GTK_WIDGET (self->full_name_row);
  if (g_str_equal (field, "company"))
    return GTK_WIDGET (self->company_row);
  if (g_str_equal (field, "connected-on"))
    return GTK_WIDGET (self->connected_on_row);
  if (g_str_equal (field, "notes"))
    return GTK_WIDGET (self->notes_view);
  if (g_str_equal (field, "tags"))
    return GTK_WIDGET (self->tags_entry);
  if (g_str_equal (field, "add-community"))
    return GTK_WIDGET (self->add_community_dropdown);
  if (g_str_equal (field, "met-at-event"))
    return GTK_WIDGET (self->met_event_dropdown);
  if (g_str_equal (field, "activity-timeline"))
    return GTK_WIDGET (self->timeline);
  if (g_str_equal (field, "log-activity"))
    return GTK_WIDGET (self->log_button);
  return NULL;
}
