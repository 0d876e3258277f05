/* guild-course-editor.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-course-editor"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "guild-autosave.h"
#include "guild-course-editor.h"
#include "guild-learning-format.h"
#include "guild-store-learning.h"

/* A course's page: title, provider, link, status, progress, start and
 * finish dates, certificate, the community it belongs to (a study group) and
 * the skills it builds. Text saves half a second after the last keystroke
 * and at once when the page is left; choices (status, dates, community,
 * skills) save at once. A field with bad input (an empty title, a link that
 * is not a web address, a progress outside 0–100) shows an error under the
 * group and keeps its stored value; the other fields still save.
 *
 * Setting the status to completed fills in the finish day and 100 %, and
 * offers, in a box at the top of the page, to raise the level of each skill
 * the course builds by one; the user ticks which. */


struct _GuildCourseEditor
{
  GtkWidget        parent_instance;

  /* Owned (children) */
  GtkWidget       *page;

  /* Borrowed */
  GtkWidget       *raise_group;
  GtkRevealer     *raise_revealer;
  GtkBox          *raise_checks;
  GtkButton       *raise_button;
  AdwEntryRow     *title_row;
  AdwEntryRow     *provider_row;
  AdwEntryRow     *url_row;
  GtkWidget       *url_open;
  GtkLabel        *details_error;
  AdwComboRow     *status_row;
  GtkSpinButton   *progress_spin;
  GtkLabel        *progress_error;
  AdwActionRow    *started_row;
  AdwActionRow    *finished_row;
  GtkCalendar     *started_calendar;
  GtkCalendar     *finished_calendar;
  GtkMenuButton   *started_button;
  GtkMenuButton   *finished_button;
  AdwEntryRow     *certificate_row;
  GtkWidget       *certificate_open;
  GtkLabel        *certificate_error;
  AdwComboRow     *community_row;
  GtkListBox      *skills_list;
  GtkListBox      *add_skill_list;
  GtkMenuButton   *add_skill_button;
  GtkLabel        *skills_empty;

  /* Owned */
  GuildStore      *store;
  GuildRecordList *skills;
  GuildRecordList *communities;
  GuildRecord     *record;
  GArray          *community_ids;
  GuildAutosave    *autosave;

  guint            loading : 1;
  guint            saving : 1;
  guint            has_error : 1;
  /* A choice changed the record directly; it differs from the store. */
  guint            dirty : 1;
};

G_DEFINE_FINAL_TYPE (GuildCourseEditor, guild_course_editor, GTK_TYPE_WIDGET)

static void fill (GuildCourseEditor *self);
static void save (GuildCourseEditor *self);

static void
show_toast (GuildCourseEditor *self,
            const char        *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static GuildRecord *
find_skill (GuildCourseEditor *self,
            gint64             id)
{
  return self->skills != NULL ? guild_record_list_find (self->skills, id, NULL) : NULL;
}

/* Section: validation */

static char *
dup_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
mark (GtkWidget *widget,
      gboolean   valid)
{
  if (valid)
    gtk_widget_remove_css_class (widget, "error");
  else
    gtk_widget_add_css_class (widget, "error");
}

static gboolean
parse_progress (const char *text,
                int        *progress)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gint64 value;
  char *end = NULL;

  if (*trimmed == '\0')
    return FALSE;

  value = g_ascii_strtoll (trimmed, &end, 10);
  if (end == NULL || *g_strchug (end) != '\0' || value < 0 || value > 100)
    return FALSE;

  *progress = (int) value;
  return TRUE;
}

/* Shows an error per group for each field with bad input; returns a mask of
 * the fields that may be saved. */
typedef enum
{
  VALID_TITLE       = 1 << 0,
  VALID_URL         = 1 << 1,
  VALID_PROGRESS    = 1 << 2,
  VALID_CERTIFICATE = 1 << 3,
} Valid;

static Valid
validate (GuildCourseEditor *self)
{
  g_autofree char *title = dup_trimmed (self->title_row);
  g_autofree char *url = dup_trimmed (self->url_row);
  g_autofree char *certificate = dup_trimmed (self->certificate_row);
  int progress;
  Valid valid = 0;
  const char *details = NULL;

  if (*title != '\0')
    valid |= VALID_TITLE;
  if (*url == '\0' || guild_url_is_valid (url))
    valid |= VALID_URL;
  if (parse_progress (gtk_editable_get_text (GTK_EDITABLE (self->progress_spin)), &progress))
    valid |= VALID_PROGRESS;
  if (*certificate == '\0' || guild_url_is_valid (certificate))
    valid |= VALID_CERTIFICATE;

  mark (GTK_WIDGET (self->title_row), valid & VALID_TITLE);
  mark (GTK_WIDGET (self->url_row), valid & VALID_URL);
  mark (GTK_WIDGET (self->progress_spin), valid & VALID_PROGRESS);
  mark (GTK_WIDGET (self->certificate_row), valid & VALID_CERTIFICATE);

  if (!(valid & VALID_TITLE))
    details = _("A course needs a title. The title is kept as it was until you type one.");
  else if (!(valid & VALID_URL))
    details = _("The link is not a web address; it is not saved until it starts with "
                "https:// or http://.");
  gtk_label_set_text (self->details_error, details != NULL ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_error), details != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_error), !(valid & VALID_PROGRESS));
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_error), !(valid & VALID_CERTIFICATE));

  gtk_widget_set_sensitive (self->url_open, *url != '\0' && (valid & VALID_URL));
  gtk_widget_set_sensitive (self->certificate_open,
                            *certificate != '\0' && (valid & VALID_CERTIFICATE));

  self->has_error = valid != (VALID_TITLE | VALID_URL | VALID_PROGRESS | VALID_CERTIFICATE);

  return valid;
}

/* Section: finishing a course */

static void
hide_raise (GuildCourseEditor *self)
{
  gtk_revealer_set_reveal_child (self->raise_revealer, FALSE);
  gtk_widget_set_visible (self->raise_group, FALSE);
}

static void
update_raise_button (GuildCourseEditor *self)
{
  gboolean any = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->raise_checks));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    any |= gtk_check_button_get_active (GTK_CHECK_BUTTON (child));

  gtk_widget_set_sensitive (GTK_WIDGET (self->raise_button), any);
}

static void
offer_raise (GuildCourseEditor *self)
{
  GArray *ids = guild_record_get_ids (self->record, "skills");
  GtkWidget *child;
  guint offered = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->raise_checks))) != NULL)
    gtk_box_remove (self->raise_checks, child);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      GuildRecord *skill = find_skill (self, id);
      g_autofree char *label = NULL;
      GtkWidget *check;
      int level;

      if (skill == NULL)
        continue;
      level = guild_record_get_int (skill, "level");
      if (level >= GUILD_SKILL_MAX_LEVEL)
        continue;

      label = guild_learning_raise_text (guild_record_get_text (skill, "name"), level);
      check = gtk_check_button_new_with_label (label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_object_set_data (G_OBJECT (check), "skill-id", GSIZE_TO_POINTER (id));
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_raise_button), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->raise_checks, check);
      offered++;
    }

  update_raise_button (self);
  gtk_widget_set_visible (self->raise_group, offered > 0);
  gtk_revealer_set_reveal_child (self->raise_revealer, offered > 0);
}

static void
on_raise_clicked_cb (GuildCourseEditor *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->raise_checks));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      {
        gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "skill-id"));

        g_array_append_val (ids, id);
      }

  if (!guild_store_raise_skill_levels (self->store, (const gint64 *) (gpointer) ids->data,
                                       ids->len, &error))
    {
      g_autofree char *title = guild_store_describe_error (error, guild_store_get_path (self->store),
                                                           NULL);

      g_warning ("Could not raise skill levels: %s", error->message);
      show_toast (self, title);
      return;
    }

  hide_raise (self);
  {
    g_autofree char *title = NULL;

    title = g_strdup_printf (ngettext ("Raised the level of %u skill",
                                       "Raised the levels of %u skills", ids->len), ids->len);
    show_toast (self, title);
  }
}

/* Section: saving */

static void
save (GuildCourseEditor *self)
{
  g_autoptr(GuildRecord) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *url = NULL;
  g_autofree char *certificate = NULL;
  Valid valid;
  int progress;

  g_assert (GUILD_IS_COURSE_EDITOR (self));

  if (self->record == NULL)
    return;

  before = guild_record_new_for_kind (GUILD_RECORD_COURSE);
  guild_record_copy_fields (before, self->record);

  valid = validate (self);
  title = dup_trimmed (self->title_row);
  url = dup_trimmed (self->url_row);
  certificate = dup_trimmed (self->certificate_row);

  if (valid & VALID_TITLE)
    guild_record_set_text (self->record, "title", title);
  if (valid & VALID_URL)
    guild_record_set_text (self->record, "url", url);
  if (valid & VALID_CERTIFICATE)
    guild_record_set_text (self->record, "certificate-url", certificate);
  if ((valid & VALID_PROGRESS) &&
      parse_progress (gtk_editable_get_text (GTK_EDITABLE (self->progress_spin)), &progress))
    guild_record_set_int (self->record, "progress", progress);
  {
    g_autofree char *provider = dup_trimmed (self->provider_row);

    guild_record_set_text (self->record, "provider", provider);
  }

  if (!self->dirty && guild_record_fields_equal (before, self->record))
    return;

  self->dirty = FALSE;
  self->saving = TRUE;
  if (!guild_store_update (self->store, self->record, &error))
    {
      g_autofree char *message = guild_store_describe_error (error,
                                                             guild_store_get_path (self->store),
                                                             NULL);
      g_autoptr(GError) reload_error = NULL;

      g_warning ("Could not save a course: %s", error->message);
      /* Show what is stored, so the page never pretends. */
      if (guild_store_reload (self->store, self->record, &reload_error))
        fill (self);
      show_toast (self, message);
    }
  self->saving = FALSE;
}

static void
schedule_save (GuildCourseEditor *self)
{
  g_assert (GUILD_IS_COURSE_EDITOR (self));

  if (self->loading || self->record == NULL)
    return;

  validate (self);
  guild_autosave_schedule (self->autosave);
}

/* A choice saves at once, with whatever text is pending. */
static void
save_now (GuildCourseEditor *self)
{
  self->dirty = TRUE;
  guild_autosave_cancel (self->autosave);
  save (self);
}

static void
on_status_selected_cb (GuildCourseEditor *self)
{
  const GuildVocabEntry *entries;
  guint n_entries;
  guint selected = adw_combo_row_get_selected (self->status_row);
  gboolean completed;
  g_autofree char *today = NULL;

  if (self->loading || self->record == NULL)
    return;

  entries = guild_vocab_entries (GUILD_VOCAB_COURSE_STATUS, &n_entries);
  if (selected >= n_entries ||
      g_str_equal (guild_record_get_text (self->record, "status"), entries[selected].id))
    return;

  completed = g_str_equal (entries[selected].id, "completed");
  guild_record_set_text (self->record, "status", entries[selected].id);

  if (completed)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      /* Finishing counts in the metrics on its finish day. */
      if (*guild_record_get_text (self->record, "finished-on") == '\0')
        {
          today = g_date_time_format (now, "%Y-%m-%d");
          guild_record_set_text (self->record, "finished-on", today);
        }
      guild_record_set_int (self->record, "progress", 100);
      self->loading = TRUE;
      gtk_spin_button_set_value (self->progress_spin, 100);
      self->loading = FALSE;
    }
  else if (g_str_equal (entries[selected].id, "in_progress") &&
           *guild_record_get_text (self->record, "started-on") == '\0')
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      today = g_date_time_format (now, "%Y-%m-%d");
      guild_record_set_text (self->record, "started-on", today);
    }

  save_now (self);
  fill (self);

  if (completed)
    offer_raise (self);
  else
    hide_raise (self);
}

static void
on_community_selected_cb (GuildCourseEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->community_row);
  gint64 id = 0;

  if (self->loading || self->record == NULL || self->community_ids == NULL)
    return;

  if (selected > 0 && selected < self->community_ids->len + 1)
    id = g_array_index (self->community_ids, gint64, selected - 1);

  guild_record_set_int (self->record, "community-id", id);
  save_now (self);
}

/* Section: dates */

static void
set_day (GuildCourseEditor *self,
         const char        *field,
         const char        *day)
{
  if (self->record == NULL)
    return;

  guild_record_set_text (self->record, field, day);
  save_now (self);
  fill (self);
}

/* GtkCalendar announces a day when the user only turns to another month,
 * so the day picked is kept until the popover closes and saved then (or
 * when the page is left). The row shows it at once. */
static void
on_day_selected_cb (GtkCalendar *calendar,
                    gpointer     user_data)
{
  GuildCourseEditor *self = user_data;
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  char *day = g_date_time_format (date, "%Y-%m-%d");
  g_autofree char *text = guild_learning_day_text (day);

  if (self->loading || self->record == NULL)
    {
      g_free (day);
      return;
    }

  g_object_set_data_full (G_OBJECT (calendar), "picked", day, g_free);
  adw_action_row_set_subtitle (calendar == self->started_calendar ? self->started_row
                                                                  : self->finished_row,
                               text);
}

static void
apply_picked_day (GuildCourseEditor *self,
                  GtkCalendar       *calendar)
{
  g_autofree char *day = g_strdup (g_object_get_data (G_OBJECT (calendar), "picked"));

  if (day == NULL)
    return;

  g_object_set_data (G_OBJECT (calendar), "picked", NULL);
  set_day (self, g_object_get_data (G_OBJECT (calendar), "field"), day);
}

static void
on_day_popover_closed_cb (GtkPopover *popover,
                          gpointer    user_data)
{
  GuildCourseEditor *self = user_data;

  apply_picked_day (self, g_object_get_data (G_OBJECT (popover), "calendar"));
}

static void
on_day_cleared_cb (GtkButton *button,
                   gpointer   user_data)
{
  GuildCourseEditor *self = user_data;
  const char *field = g_object_get_data (G_OBJECT (button), "field");
  gboolean started = g_str_equal (field, "started-on");

  g_object_set_data (G_OBJECT (started ? self->started_calendar : self->finished_calendar),
                     "picked", NULL);
  set_day (self, field, "");
  gtk_menu_button_popdown (started ? self->started_button : self->finished_button);
}

static void
show_day (GuildCourseEditor *self,
          AdwActionRow      *row,
          GtkCalendar       *calendar,
          const char        *day)
{
  g_autofree char *text = guild_learning_day_text (day);
  int y, m, d;

  adw_action_row_set_subtitle (row, text);

  if (sscanf (day, "%d-%d-%d", &y, &m, &d) == 3)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      g_autoptr(GDateTime) date = g_date_time_new (tz, y, m, d, 12, 0, 0);

      if (date != NULL)
        gtk_calendar_select_day (calendar, date);
    }
}

static GtkWidget *
new_day_row (GuildCourseEditor  *self,
             const char         *title,
             const char         *button_name,
             const char         *field,
             GtkCalendar       **out_calendar,
             GtkMenuButton     **out_button)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *clear = gtk_button_new_with_label (_("Clear Date"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, button_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_name,
                                  -1);
  g_object_set_data (G_OBJECT (calendar), "field", (gpointer) field);
  g_object_set_data (G_OBJECT (clear), "field", (gpointer) field);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self, 0);
  g_signal_connect_object (clear, "clicked", G_CALLBACK (on_day_cleared_cb), self, 0);
  g_object_set_data (G_OBJECT (popover), "calendar", calendar);
  g_signal_connect_object (popover, "closed", G_CALLBACK (on_day_popover_closed_cb), self, 0);
  gtk_box_append (GTK_BOX (box), calendar);
  gtk_box_append (GTK_BOX (box), clear);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  *out_calendar = GTK_CALENDAR (calendar);
  *out_button = GTK_MENU_BUTTON (button);

  return row;
}

/* Section: links */

static void
open_entry_link (GuildCourseEditor *self,
                 AdwEntryRow       *row)
{
  g_autofree char *url = dup_trimmed (row);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (*url == '\0' || !guild_url_is_valid (url))
    return;

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
on_url_open_clicked_cb (GuildCourseEditor *self)
{
  open_entry_link (self, self->url_row);
}

static void
on_certificate_open_clicked_cb (GuildCourseEditor *self)
{
  open_entry_link (self, self->certificate_row);
}

static GtkWidget *
new_open_button (GuildCourseEditor *self,
                 const char        *name,
                 GCallback          callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("web-browser-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);

  return button;
}

/* Section: skills it builds */

static void
set_skill_ids (GuildCourseEditor *self,
               GArray            *ids)
{
  guild_record_set_ids (self->record, "skills", (const gint64 *) (gpointer) ids->data, ids->len);
  save_now (self);
  fill (self);
}

static void
on_remove_skill_clicked_cb (GtkButton *button,
                            gpointer   user_data)
{
  GuildCourseEditor *self = user_data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "skill-id"));
  GArray *ids = guild_record_get_ids (self->record, "skills");
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) != id)
      g_array_append_val (kept, g_array_index (ids, gint64, i));

  set_skill_ids (self, kept);
}

static void
on_add_skill_activated_cb (GuildCourseEditor *self,
                           GtkListBoxRow     *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "skill-id"));
  g_autoptr(GArray) ids = g_array_copy (guild_record_get_ids (self->record, "skills"));

  gtk_menu_button_popdown (self->add_skill_button);
  g_array_append_val (ids, id);
  set_skill_ids (self, ids);
}

static gboolean
has_skill (GArray *ids,
           gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

static void
fill_skills (GuildCourseEditor *self)
{
  GArray *ids = guild_record_get_ids (self->record, "skills");
  GtkWidget *child;
  guint n_available = 0;
  guint n_shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->skills_list))) != NULL)
    gtk_list_box_remove (self->skills_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->add_skill_list))) != NULL)
    gtk_list_box_remove (self->add_skill_list, child);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      GuildRecord *skill = find_skill (self, id);
      g_autofree char *levels = NULL;
      g_autofree char *remove_name = NULL;
      GtkWidget *row;
      GtkWidget *button;

      if (skill == NULL)
        continue;

      levels = guild_learning_levels_text (guild_record_get_int (skill, "level"),
                                           guild_record_get_int (skill, "target-level"));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     guild_record_get_text (skill, "name"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), levels);

      /* Translators: a button's accessible name; %s is a skill's name. */
      remove_name = g_strdup_printf (_("Remove %s"), guild_record_get_text (skill, "name"));
      button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, remove_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name,
                                      -1);
      g_object_set_data (G_OBJECT (button), "skill-id", GSIZE_TO_POINTER (id));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_skill_clicked_cb),
                               self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->skills_list, row);
      n_shown++;
    }

  for (guint i = 0; self->skills != NULL &&
                    i < g_list_model_get_n_items (G_LIST_MODEL (self->skills)); i++)
    {
      g_autoptr(GuildRecord) skill = g_list_model_get_item (G_LIST_MODEL (self->skills), i);
      GtkWidget *row;
      GtkWidget *label;

      if (has_skill (ids, guild_record_get_id (skill)))
        continue;

      label = gtk_label_new (guild_record_get_text (skill, "name"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      guild_record_get_text (skill, "name"),
                                      -1);
      g_object_set_data (G_OBJECT (row), "skill-id",
                         GSIZE_TO_POINTER (guild_record_get_id (skill)));
      gtk_list_box_append (self->add_skill_list, row);
      n_available++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->skills_list), n_shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->skills_empty), n_shown == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_skill_button), n_available > 0);
}

/* Section: communities */

static void
fill_communities (GuildCourseEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 current = self->record != NULL ? guild_record_get_int (self->record, "community-id") : 0;
  guint selected = 0;
  gboolean was_loading = self->loading;

  g_clear_pointer (&self->community_ids, g_array_unref);
  self->community_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_string_list_append (names, C_("study group", "None"));
  for (guint i = 0; self->communities != NULL &&
                    i < g_list_model_get_n_items (G_LIST_MODEL (self->communities)); i++)
    {
      g_autoptr(GuildRecord) community = g_list_model_get_item (G_LIST_MODEL (self->communities),
                                                                i);
      gint64 id = guild_record_get_id (community);

      gtk_string_list_append (names, guild_record_get_text (community, "name"));
      g_array_append_val (self->community_ids, id);
      if (id == current)
        selected = self->community_ids->len;
    }

  self->loading = TRUE;
  adw_combo_row_set_model (self->community_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->community_row, selected);
  self->loading = was_loading;
}

/* Section: filling the page */

static void
fill (GuildCourseEditor *self)
{
  const GuildVocabEntry *entries;
  guint n_entries;
  const char *status;

  if (self->record == NULL)
    return;

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         guild_record_get_text (self->record, "title"));
  gtk_editable_set_text (GTK_EDITABLE (self->provider_row),
                         guild_record_get_text (self->record, "provider"));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row),
                         guild_record_get_text (self->record, "url"));
  gtk_editable_set_text (GTK_EDITABLE (self->certificate_row),
                         guild_record_get_text (self->record, "certificate-url"));
  gtk_spin_button_set_value (self->progress_spin, guild_record_get_int (self->record, "progress"));

  status = guild_record_get_text (self->record, "status");
  entries = guild_vocab_entries (GUILD_VOCAB_COURSE_STATUS, &n_entries);
  for (guint i = 0; i < n_entries; i++)
    if (g_str_equal (entries[i].id, status))
      adw_combo_row_set_selected (self->status_row, i);

  show_day (self, self->started_row, self->started_calendar,
            guild_record_get_text (self->record, "started-on"));
  show_day (self, self->finished_row, self->finished_calendar,
            guild_record_get_text (self->record, "finished-on"));

  fill_communities (self);
  fill_skills (self);
  validate (self);

  self->loading = FALSE;
}

static void
on_store_changed_cb (GuildCourseEditor *self,
                     guint              kind,
                     gint64             id,
                     guint              change,
                     GuildStore        *store)
{
  g_assert (GUILD_IS_COURSE_EDITOR (self));

  if (self->record == NULL)
    return;

  if (kind == GUILD_RECORD_COURSE && id == guild_record_get_id (self->record) &&
      change == GUILD_CHANGE_CHANGED && !self->saving && !guild_autosave_get_pending (self->autosave))
    {
      g_autoptr(GError) error = NULL;

      if (guild_store_reload (self->store, self->record, &error))
        fill (self);
    }
}

static void
on_skills_changed_cb (GuildCourseEditor *self)
{
  if (self->record != NULL)
    {
      gboolean was_loading = self->loading;

      self->loading = TRUE;
      fill_skills (self);
      self->loading = was_loading;
    }
}

static void
on_communities_changed_cb (GuildCourseEditor *self)
{
  fill_communities (self);
}

/* Section: GObject */

static void
guild_course_editor_dispose (GObject *object)
{
  GuildCourseEditor *self = (GuildCourseEditor *)object;

  guild_course_editor_flush (self);
  g_clear_object (&self->autosave);
  g_clear_pointer (&self->page, gtk_widget_unparent);
  /* Children of the page, gone with it. */
  self->started_calendar = NULL;
  self->finished_calendar = NULL;
  g_clear_object (&self->record);
  g_clear_object (&self->skills);
  g_clear_object (&self->communities);
  g_clear_object (&self->store);
  g_clear_pointer (&self->community_ids, g_array_unref);

  G_OBJECT_CLASS (guild_course_editor_parent_class)->dispose (object);
}

static void
guild_course_editor_class_init (GuildCourseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_course_editor_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static AdwEntryRow *
new_entry_row (GuildCourseEditor *self,
               const char        *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_signal_connect_object (row, "changed", G_CALLBACK (schedule_save), self, G_CONNECT_SWAPPED);

  return row;
}

static GtkLabel *
new_error_label (const char *text)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (text));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_xalign (label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (label), 6);
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);

  return label;
}

static void
guild_course_editor_init (GuildCourseEditor *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  const GuildVocabEntry *entries;
  guint n_entries;
  GtkWidget *group;
  GtkWidget *box;
  GtkWidget *buttons;
  GtkWidget *button;
  GtkWidget *label;
  GtkWidget *row;
  GtkWidget *popover;
  GtkWidget *scroller;

  self->autosave = guild_autosave_new (0);
  g_signal_connect_object (self->autosave, "save", G_CALLBACK (save), self, G_CONNECT_SWAPPED);
  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));

  /* Finishing: shown when the status becomes completed. */
  group = adw_preferences_group_new ();
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
  self->raise_group = group;
  gtk_widget_set_visible (group, FALSE);
  self->raise_revealer = GTK_REVEALER (gtk_revealer_new ());
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "guild-raise");
  label = gtk_label_new (_("Course completed. Raise the levels of the skills it built?"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  self->raise_checks = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->raise_checks),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Skills to raise"),
                                  -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->raise_checks));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  button = gtk_button_new_with_label (_("Not Now"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (hide_raise), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), button);
  self->raise_button = GTK_BUTTON (gtk_button_new_with_label (_("Raise Levels")));
  gtk_widget_add_css_class (GTK_WIDGET (self->raise_button), "suggested-action");
  g_signal_connect_object (self->raise_button, "clicked", G_CALLBACK (on_raise_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->raise_button));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_revealer_set_child (self->raise_revealer, box);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->raise_revealer));

  /* The course */
  group = adw_preferences_group_new ();
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
  self->title_row = new_entry_row (self, _("Title"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->title_row));
  self->provider_row = new_entry_row (self, _("Provider"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->provider_row));
  self->url_row = new_entry_row (self, _("Link"));
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->url_row), TRUE);
  self->url_open = new_open_button (self, _("Open the course in the browser"),
                                    G_CALLBACK (on_url_open_clicked_cb));
  adw_entry_row_add_suffix (self->url_row, self->url_open);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->url_row));
  self->details_error = new_error_label (NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->details_error));

  /* Progress */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Progress"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));

  entries = guild_vocab_entries (GUILD_VOCAB_COURSE_STATUS, &n_entries);
  for (guint i = 0; i < n_entries; i++)
    gtk_string_list_append (statuses, guild_vocab_entry_label (GUILD_VOCAB_COURSE_STATUS,
                                                               &entries[i]));
  self->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Status"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  g_signal_connect_object (self->status_row, "notify::selected",
                           G_CALLBACK (on_status_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->status_row));

  self->progress_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100, 5));
  gtk_widget_set_valign (GTK_WIDGET (self->progress_spin), GTK_ALIGN_CENTER);
  g_signal_connect_object (self->progress_spin, "changed", G_CALLBACK (schedule_save), self,
                           G_CONNECT_SWAPPED);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Progress, %"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->progress_spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->progress_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = new_day_row (self, _("Started"), _("Choose the start date"), "started-on",
                     &self->started_calendar, &self->started_button);
  self->started_row = ADW_ACTION_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = new_day_row (self, _("Finished"), _("Choose the finish date"), "finished-on",
                     &self->finished_calendar, &self->finished_button);
  self->finished_row = ADW_ACTION_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  self->certificate_row = new_entry_row (self, _("Certificate Link"));
  self->certificate_open = new_open_button (self, _("Open the certificate in the browser"),
                                            G_CALLBACK (on_certificate_open_clicked_cb));
  adw_entry_row_add_suffix (self->certificate_row, self->certificate_open);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->certificate_row));

  self->progress_error = new_error_label (_("Progress is a whole number from 0 to 100; "
                                            "it is not saved until it is one."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->progress_error));
  self->certificate_error = new_error_label (_("The certificate link is not a web address; "
                                               "it is not saved until it starts with "
                                               "https:// or http://."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             GTK_WIDGET (self->certificate_error));

  /* Study group */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Study Group"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
  self->community_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->community_row), _("Community"));
  adw_combo_row_set_use_subtitle (self->community_row, FALSE);
  g_signal_connect_object (self->community_row, "notify::selected",
                           G_CALLBACK (on_community_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->community_row));

  /* Skills it builds */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Skills It Builds"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));

  self->add_skill_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->add_skill_button, "list-add-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->add_skill_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_skill_button), _("Add a Skill"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_skill_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a skill to the course"),
                                  -1);
  popover = gtk_popover_new ();
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_widget_set_size_request (scroller, 220, -1);
  self->add_skill_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->add_skill_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->add_skill_list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_skill_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Skills to add"),
                                  -1);
  g_signal_connect_object (self->add_skill_list, "row-activated",
                           G_CALLBACK (on_add_skill_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller),
                                 GTK_WIDGET (self->add_skill_list));
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  gtk_menu_button_set_popover (self->add_skill_button, popover);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                          GTK_WIDGET (self->add_skill_button));

  self->skills_empty = GTK_LABEL (gtk_label_new (_("No skills yet. Add the skills this course "
                                                   "builds with the + button.")));
  gtk_label_set_wrap (self->skills_empty, TRUE);
  gtk_label_set_xalign (self->skills_empty, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->skills_empty), "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->skills_empty));

  self->skills_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->skills_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->skills_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->skills_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Skills it builds"),
                                  -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->skills_list));
}

/* Section: public API */

/**
 * guild_course_editor_new:
 * @skills: the skills, to name and add them
 * @communities: the communities, to pick the study group
 *
 * Returns: (transfer floating): an editor for courses of @store.
 */
GtkWidget *
guild_course_editor_new (GuildStore      *store,
                         GuildRecordList *skills,
                         GuildRecordList *communities)
{
  GuildCourseEditor *self;

  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);
  g_return_val_if_fail (GUILD_IS_RECORD_LIST (skills), NULL);
  g_return_val_if_fail (GUILD_IS_RECORD_LIST (communities), NULL);

  self = g_object_new (GUILD_TYPE_COURSE_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->skills = g_object_ref (skills);
  self->communities = g_object_ref (communities);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (skills, "items-changed", G_CALLBACK (on_skills_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (communities, "items-changed", G_CALLBACK (on_communities_changed_cb),
                           self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

gint64
guild_course_editor_get_id (GuildCourseEditor *self)
{
  g_return_val_if_fail (GUILD_IS_COURSE_EDITOR (self), 0);

  return self->record != NULL ? guild_record_get_id (self->record) : 0;
}

/**
 * guild_course_editor_load:
 * @id: a course's id, or 0 for none
 *
 * Saves what is pending for the course shown, then shows another.
 *
 * Returns: whether the course could be read
 */
gboolean
guild_course_editor_load (GuildCourseEditor *self,
                          gint64             id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GUILD_IS_COURSE_EDITOR (self), FALSE);

  guild_course_editor_flush (self);
  g_clear_object (&self->record);
  hide_raise (self);

  if (id > 0 && !(self->record = guild_store_load (self->store, GUILD_RECORD_COURSE, id, &error)))
    g_warning ("Could not read a course: %s", error->message);

  fill (self);

  return self->record != NULL;
}

/**
 * guild_course_editor_flush:
 *
 * Saves a pending edit now (leaving the page, closing the window).
 */
void
guild_course_editor_flush (GuildCourseEditor *self)
{
  g_return_if_fail (GUILD_IS_COURSE_EDITOR (self));

  if (self->started_calendar != NULL)
    apply_picked_day (self, self->started_calendar);
  if (self->finished_calendar != NULL)
    apply_picked_day (self, self->finished_calendar);

  guild_autosave_flush (self->autosave);
}

gboolean
guild_course_editor_has_error (GuildCourseEditor *self)
{
  g_return_val_if_fail (GUILD_IS_COURSE_EDITOR (self), FALSE);

  return self->has_error;
}
