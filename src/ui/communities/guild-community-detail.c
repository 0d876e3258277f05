/* guild-community-detail.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-community-detail"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "guild-autosave.h"
#include "guild-community-detail.h"
#include "guild-format.h"
#include "guild-activity-timeline.h"
#include "guild-store-communities.h"

/* The detail page of a community: every field of guild-community.c with a
 * proper widget, saved as the user types (GuildAutosave, flushed whenever
 * the community is about to leave the page), the members among the user's
 * contacts, and a box that later sections (events, the activity timeline)
 * are appended to.
 *
 * The page edits the very GuildCommunity object the list shows, so the list
 * row follows each keystroke; the database write waits for typing to pause.
 * A value that would not pass guild_record_validate() (an empty name, a
 * malformed web address) is never put into the record: its row gets the
 * `error` style and an explanation, and the rest of the edits still save. */

/* Members are listed in pages of this many rows: a community of the
 * generated database has up to about 1,200 of the user's contacts. */
#define MEMBERS_PAGE 50

typedef enum
{
  ROW_ENTRY,
  ROW_COMBO,
  ROW_DATE,
  ROW_TAGS,
} RowKind;

typedef struct
{
  const char *field;
  RowKind     kind;
  const char *title;
  /* ROW_COMBO: the vocabulary. */
  GuildVocab  vocab;
  /* Whether the row belongs in the first group; else in "Kind of Community". */
  gboolean    general;
} RowInfo;

static const RowInfo row_infos[] = {
  { "name",        ROW_ENTRY, N_("Name"),          0, TRUE },
  { "description", ROW_ENTRY, N_("Description"),   0, TRUE },
  { "url",         ROW_ENTRY, N_("Web Address"),   0, TRUE },
  { "platform",    ROW_COMBO, N_("Platform"),      GUILD_VOCAB_PLATFORM, TRUE },
  { "status",      ROW_COMBO, N_("Status"),        GUILD_VOCAB_COMMUNITY_STATUS, TRUE },
  { "joined-on",   ROW_DATE,  N_("Joined"),        0, TRUE },
  { "format",      ROW_COMBO, N_("Format"),        GUILD_VOCAB_FORMAT, FALSE },
  { "reach",       ROW_COMBO, N_("Reach"),         GUILD_VOCAB_REACH, FALSE },
  { "focus",       ROW_COMBO, N_("Focus"),         GUILD_VOCAB_FOCUS, FALSE },
  { "stage",       ROW_COMBO, N_("Career Stage"),  GUILD_VOCAB_STAGE, FALSE },
  { "industry",    ROW_ENTRY, N_("Industry"),      0, FALSE },
  { "location",    ROW_ENTRY, N_("Location"),      0, FALSE },
  { "language",    ROW_ENTRY, N_("Language"),      0, FALSE },
  /* Translators: who a community is for (women in tech, young professionals…). */
  { "audience",    ROW_TAGS,  N_("Audience, separated by commas"), 0, FALSE },
};

struct _GuildCommunityDetail
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkButton            *back_button;
  GtkLabel             *title_label;
  GtkButton            *delete_button;
  GtkScrolledWindow    *scrolled_window;
  GtkBox               *sections_box;
  AdwPreferencesGroup  *general_group;
  AdwPreferencesGroup  *kind_group;
  GtkTextView          *goals_view;
  GtkTextView          *notes_view;
  GtkListBox           *members_list;
  GtkButton            *more_members_button;

  /* Built in init: what the user did in this community */
  AdwPreferencesGroup  *activity_group;
  GtkButton            *log_button;
  GuildActivityTimeline *timeline;

  /* Built in init, one per entry of row_infos */
  GtkWidget            *rows[G_N_ELEMENTS (row_infos)];
  GtkLabel             *error_labels[G_N_ELEMENTS (row_infos)];
  GtkMenuButton        *date_button;
  GtkCalendar          *calendar;

  /* Owned */
  GuildStore           *store;
  GuildCommunity       *community;
  GuildAutosave        *autosave;
  GPtrArray            *members;

  guint                 members_shown;
  guint                 loading : 1;
};

G_DEFINE_FINAL_TYPE (GuildCommunityDetail, guild_community_detail, GTK_TYPE_WIDGET)

static void build_activity_section  (GuildCommunityDetail *self);
static void update_activity_section (GuildCommunityDetail *self);

static int
row_index (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (row_infos); i++)
    if (g_strcmp0 (row_infos[i].field, field) == 0)
      return (int) i;

  g_return_val_if_reached (-1);
}

static void
show_toast (GuildCommunityDetail *self,
            const char           *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

/* Section: saving */

static void apply_entries (GuildCommunityDetail *self);

static void
on_autosave_save_cb (GuildCommunityDetail *self,
                     GuildAutosave        *autosave)
{
  g_autoptr(GError) error = NULL;

  g_assert (GUILD_IS_COMMUNITY_DETAIL (self));

  if (self->store == NULL || self->community == NULL ||
      guild_record_get_id (GUILD_RECORD (self->community)) == 0)
    return;

  apply_entries (self);

  /* A single-row write: well under a millisecond (STYLE.md §7). */
  if (!guild_store_update (self->store, GUILD_RECORD (self->community), &error))
    {
      g_autofree char *title = NULL;

      if (g_error_matches (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_NOT_FOUND))
        return;

      g_warning ("Could not save a community: %s", error->message);
      title = guild_store_describe_error (error, guild_store_get_path (self->store), NULL);
      show_toast (self, title);
    }
}

/* Whether the record would pass its own validation with @field set to
 * @value (guild-record.c is the one place that knows the rules). */
static gboolean
value_is_valid (GuildCommunityDetail *self,
                const char           *field,
                const char           *value)
{
  g_autoptr(GuildRecord) scratch = guild_record_new_for_kind (GUILD_RECORD_COMMUNITY);

  guild_record_copy_fields (scratch, GUILD_RECORD (self->community));
  guild_record_set_text (scratch, field, value);

  return guild_record_validate (scratch, NULL);
}

static void
set_row_error (GuildCommunityDetail *self,
               int                   i,
               const char           *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (self->rows[i], "error");
      gtk_label_set_text (self->error_labels[i], message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->rows[i]),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->rows[i], "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->rows[i]),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->rows[i]), GTK_ACCESSIBLE_STATE_INVALID);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_labels[i]), message != NULL);
}

static void
update_title (GuildCommunityDetail *self)
{
  const char *name = "";

  if (self->community != NULL)
    name = guild_record_get_text (GUILD_RECORD (self->community), "name");

  gtk_label_set_text (self->title_label, name);
}

static void
split_tags (const char  *text,
            GStrv       *out)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint j = 0; parts[j] != NULL; j++)
    {
      g_strstrip (parts[j]);
      if (parts[j][0] != '\0')
        g_strv_builder_add (builder, parts[j]);
    }

  *out = g_strv_builder_end (builder);
}

/* Puts the text of each entry that passes validation into the record. The
 * entries are read when saving, not on each change, because replacing a
 * text passes through intermediate states (pasting over a web address
 * first empties it) that must not be saved. */
static void
apply_entries (GuildCommunityDetail *self)
{
  GuildRecord *record = GUILD_RECORD (self->community);

  for (guint i = 0; i < G_N_ELEMENTS (row_infos); i++)
    {
      const char *field = row_infos[i].field;
      const char *text;

      if (row_infos[i].kind != ROW_ENTRY && row_infos[i].kind != ROW_TAGS)
        continue;

      text = gtk_editable_get_text (GTK_EDITABLE (self->rows[i]));

      if (row_infos[i].kind == ROW_TAGS)
        {
          g_auto(GStrv) tags = NULL;

          split_tags (text, &tags);
          if (!g_strv_equal ((const char * const *) tags, guild_record_get_strv (record, field)))
            guild_record_set_strv (record, field, (const char * const *) tags);
        }
      else
        {
          g_autofree char *value = g_strdup (text);

          if (g_strcmp0 (field, "url") == 0)
            g_strstrip (value);

          if (g_strcmp0 (value, guild_record_get_text (record, field)) != 0 &&
              value_is_valid (self, field, value))
            guild_record_set_text (record, field, value);
        }
    }
}

static void
on_entry_changed_cb (GuildCommunityDetail *self,
                     GtkEditable          *editable)
{
  const char *field = g_object_get_data (G_OBJECT (editable), "guild-field");
  g_autofree char *text = g_strdup (gtk_editable_get_text (editable));
  int i = row_index (field);
  const char *message = NULL;

  g_assert (GUILD_IS_COMMUNITY_DETAIL (self));

  if (self->loading || self->community == NULL || i < 0)
    return;

  if (g_strcmp0 (field, "url") == 0)
    g_strstrip (text);

  if (row_infos[i].kind == ROW_ENTRY && !value_is_valid (self, field, text))
    {
      if (g_strcmp0 (field, "name") == 0)
        message = _("A community needs a name. The last name it had is kept until you type one.");
      else if (g_strcmp0 (field, "url") == 0)
        message = _("This is not a web address. Type it in full, such as https://example.org/group; "
                    "until then the address is not saved.");
      else
        message = _("This value cannot be saved.");
    }
  set_row_error (self, i, message);

  /* The list shows the name as it is typed. */
  if (message == NULL && g_strcmp0 (field, "name") == 0)
    {
      guild_record_set_text (GUILD_RECORD (self->community), field, text);
      update_title (self);
    }

  guild_autosave_schedule (self->autosave);
}

static void
on_combo_selected_cb (GuildCommunityDetail *self,
                      GParamSpec           *pspec,
                      AdwComboRow          *row)
{
  const char *field = g_object_get_data (G_OBJECT (row), "guild-field");
  int i = row_index (field);
  const GuildVocabEntry *entries;
  guint n_entries;
  guint selected;

  g_assert (GUILD_IS_COMMUNITY_DETAIL (self));

  if (self->loading || self->community == NULL || i < 0)
    return;

  entries = guild_vocab_entries (row_infos[i].vocab, &n_entries);
  selected = adw_combo_row_get_selected (row);
  if (selected >= n_entries)
    return;

  guild_record_set_text (GUILD_RECORD (self->community), field, entries[selected].id);
  guild_autosave_schedule (self->autosave);
}

static void
on_text_buffer_changed_cb (GuildCommunityDetail *self,
                           GtkTextBuffer        *buffer)
{
  const char *field = g_object_get_data (G_OBJECT (buffer), "guild-field");
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  g_assert (GUILD_IS_COMMUNITY_DETAIL (self));

  if (self->loading || self->community == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  guild_record_set_text (GUILD_RECORD (self->community), field, text);
  guild_autosave_schedule (self->autosave);
}

/* Section: the join date */

static void
update_date_button (GuildCommunityDetail *self)
{
  const char *day = "";
  g_autofree char *label = NULL;
  g_autofree char *a11y = NULL;

  if (self->community != NULL)
    day = guild_record_get_text (GUILD_RECORD (self->community), "joined-on");

  if (day[0] != '\0')
    {
      int y, m, d;

      if (sscanf (day, "%d-%d-%d", &y, &m, &d) == 3)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, 0, 0, 0);

          if (dt != NULL)
            /* Translators: a day as a button shows it, "5 March 2025". */
            label = guild_format_date_time (dt, _("%-d %B %Y"));
        }
    }
  if (label == NULL)
    label = g_strdup (C_("date", "Not set"));

  gtk_menu_button_set_label (self->date_button, label);
  /* Translators: the accessible name of the join date button; %s is the date. */
  a11y = g_strdup_printf (_("Date joined: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

static void
on_calendar_day_selected_cb (GuildCommunityDetail *self,
                             GtkCalendar          *calendar)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day = NULL;

  g_assert (GUILD_IS_COMMUNITY_DETAIL (self));

  if (self->loading || self->community == NULL)
    return;

  date = gtk_calendar_get_date (calendar);
  day = g_date_time_format (date, "%Y-%m-%d");
  guild_record_set_text (GUILD_RECORD (self->community), "joined-on", day);
  update_date_button (self);
  guild_autosave_schedule (self->autosave);
  gtk_menu_button_popdown (self->date_button);
}

static void
on_clear_date_clicked_cb (GuildCommunityDetail *self,
                          GtkButton            *button)
{
  g_assert (GUILD_IS_COMMUNITY_DETAIL (self));

  if (self->community == NULL)
    return;

  guild_record_set_text (GUILD_RECORD (self->community), "joined-on", "");
  update_date_button (self);
  guild_autosave_schedule (self->autosave);
  gtk_menu_button_popdown (self->date_button);
}

static void
on_date_popover_show_cb (GuildCommunityDetail *self,
                         GtkPopover           *popover)
{
  const char *day = "";
  int y, m, d;

  g_assert (GUILD_IS_COMMUNITY_DETAIL (self));

  if (self->community != NULL)
    day = guild_record_get_text (GUILD_RECORD (self->community), "joined-on");

  self->loading = TRUE;
  if (sscanf (day, "%d-%d-%d", &y, &m, &d) == 3)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, 0, 0, 0);

      if (dt != NULL)
        gtk_calendar_select_day (self->calendar, dt);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      gtk_calendar_select_day (self->calendar, now);
    }
  self->loading = FALSE;
}

static GtkWidget *
make_date_row (GuildCommunityDetail *self,
               const char           *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Date"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date joined"), -1);
  g_signal_connect_object (self->calendar, "day-selected",
                           G_CALLBACK (on_calendar_day_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clear, "clicked",
                           G_CALLBACK (on_clear_date_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Clear Date"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), clear);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "show",
                           G_CALLBACK (on_date_popover_show_cb), self, G_CONNECT_SWAPPED);

  self->date_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (self->date_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->date_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->date_button), "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->date_button));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->date_button));

  return row;
}

/* Section: building the rows */

static void
build_rows (GuildCommunityDetail *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (row_infos); i++)
    {
      const RowInfo *info = &row_infos[i];
      const char *title = g_dgettext (GETTEXT_PACKAGE, info->title);
      AdwPreferencesGroup *group = info->general ? self->general_group : self->kind_group;
      GtkWidget *row = NULL;
      GtkWidget *label;

      switch (info->kind)
        {
        case ROW_ENTRY:
        case ROW_TAGS:
          row = adw_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          g_object_set_data (G_OBJECT (row), "guild-field", (gpointer) info->field);
          g_signal_connect_object (row, "changed",
                                   G_CALLBACK (on_entry_changed_cb), self, G_CONNECT_SWAPPED);
          if (g_strcmp0 (info->field, "url") == 0)
            gtk_editable_set_enable_undo (GTK_EDITABLE (row), TRUE);
          break;

        case ROW_COMBO:
          {
            g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
            const GuildVocabEntry *entries;
            guint n_entries;

            entries = guild_vocab_entries (info->vocab, &n_entries);
            for (guint j = 0; j < n_entries; j++)
              gtk_string_list_append (labels, guild_vocab_entry_label (info->vocab, &entries[j]));

            row = adw_combo_row_new ();
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
            adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
            g_object_set_data (G_OBJECT (row), "guild-field", (gpointer) info->field);
            g_signal_connect_object (row, "notify::selected",
                                     G_CALLBACK (on_combo_selected_cb), self, G_CONNECT_SWAPPED);
          }
          break;

        case ROW_DATE:
          row = make_date_row (self, title);
          break;

        default:
          g_assert_not_reached ();
        }

      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_preferences_group_add (group, row);
      self->rows[i] = row;

      /* Non-row children of a group go below its list, which is where the
       * explanation of an invalid value belongs. */
      label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "guild-field-error");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_visible (label, FALSE);
      adw_preferences_group_add (group, label);
      self->error_labels[i] = GTK_LABEL (label);
    }

  g_object_set_data (G_OBJECT (gtk_text_view_get_buffer (self->goals_view)), "guild-field",
                     (gpointer) "goals");
  g_object_set_data (G_OBJECT (gtk_text_view_get_buffer (self->notes_view)), "guild-field",
                     (gpointer) "notes");
  g_signal_connect_object (gtk_text_view_get_buffer (self->goals_view), "changed",
                           G_CALLBACK (on_text_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_text_buffer_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Puts the community's values into the widgets, without saving anything. */
static void
load_fields (GuildCommunityDetail *self)
{
  GuildRecord *record = GUILD_RECORD (self->community);

  g_assert (self->community != NULL);

  self->loading = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (row_infos); i++)
    {
      const RowInfo *info = &row_infos[i];

      set_row_error (self, (int) i, NULL);

      switch (info->kind)
        {
        case ROW_ENTRY:
          gtk_editable_set_text (GTK_EDITABLE (self->rows[i]),
                                 guild_record_get_text (record, info->field));
          break;

        case ROW_TAGS:
          {
            g_autofree char *joined = g_strjoinv (", ", (char **) guild_record_get_strv (record,
                                                                                       info->field));

            gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), joined);
          }
          break;

        case ROW_COMBO:
          {
            const char *id = guild_record_get_text (record, info->field);
            const GuildVocabEntry *entries;
            guint n_entries;

            entries = guild_vocab_entries (info->vocab, &n_entries);
            for (guint j = 0; j < n_entries; j++)
              if (g_strcmp0 (entries[j].id, id) == 0)
                adw_combo_row_set_selected (ADW_COMBO_ROW (self->rows[i]), j);
          }
          break;

        case ROW_DATE:
          update_date_button (self);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->goals_view),
                            guild_record_get_text (record, "goals"), -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            guild_record_get_text (record, "notes"), -1);

  update_title (self);

  self->loading = FALSE;
}

/* Section: members */

static void
on_remove_member_clicked_cb (GuildCommunityDetail *self,
                             GtkButton            *button)
{
  g_autoptr(GError) error = NULL;
  gint64 contact_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "guild-contact-id");

  g_assert (GUILD_IS_COMMUNITY_DETAIL (self));

  if (self->store == NULL || self->community == NULL)
    return;

  if (!guild_store_community_remove_member (self->store,
                                            guild_record_get_id (GUILD_RECORD (self->community)),
                                            contact_id, &error))
    {
      g_warning ("Could not remove a member: %s", error->message);
      show_toast (self, _("The member could not be removed"));
      return;
    }

  guild_community_detail_reload_members (self);
}

static GtkWidget *
make_member_row (GuildCommunityDetail       *self,
                 const GuildCommunityMember *member)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *remove_label = NULL;
  gint64 *id = g_new (gint64, 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member->full_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), member->position);

  /* Translators: the accessible name of a button; %s is a person's name. */
  remove_label = g_strdup_printf (_("Remove %s from this community"), member->full_name);
  gtk_widget_set_tooltip_text (remove, _("Remove from Community"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  *id = member->contact_id;
  g_object_set_data_full (G_OBJECT (remove), "guild-contact-id", id, g_free);
  g_signal_connect_object (remove, "clicked",
                           G_CALLBACK (on_remove_member_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
show_more_members (GuildCommunityDetail *self)
{
  guint until;

  if (self->members == NULL)
    return;

  until = MIN (self->members->len, self->members_shown + MEMBERS_PAGE);
  for (; self->members_shown < until; self->members_shown++)
    gtk_list_box_append (self->members_list,
                         make_member_row (self, g_ptr_array_index (self->members,
                                                                   self->members_shown)));

  gtk_widget_set_visible (GTK_WIDGET (self->more_members_button),
                          self->members_shown < self->members->len);
}

static void
on_more_members_clicked_cb (GuildCommunityDetail *self,
                            GtkButton            *button)
{
  g_assert (GUILD_IS_COMMUNITY_DETAIL (self));

  show_more_members (self);
}

static void
clear_members (GuildCommunityDetail *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->members_list, 0)) != NULL)
    gtk_list_box_remove (self->members_list, GTK_WIDGET (row));

  g_clear_pointer (&self->members, g_ptr_array_unref);
  self->members_shown = 0;
}

/* Section: GObject */

static void
guild_community_detail_unmap (GtkWidget *widget)
{
  GuildCommunityDetail *self = GUILD_COMMUNITY_DETAIL (widget);

  /* Leaving the view: whatever waits for the timer is written now. */
  guild_community_detail_flush (self);

  GTK_WIDGET_CLASS (guild_community_detail_parent_class)->unmap (widget);
}

static void
guild_community_detail_dispose (GObject *object)
{
  GuildCommunityDetail *self = (GuildCommunityDetail *)object;
  GtkWidget *child;

  if (self->autosave != NULL)
    guild_community_detail_flush (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_COMMUNITY_DETAIL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_object (&self->autosave);
  g_clear_object (&self->community);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_community_detail_parent_class)->dispose (object);
}

static void
guild_community_detail_class_init (GuildCommunityDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_community_detail_dispose;
  widget_class->unmap = guild_community_detail_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/communities/guild-community-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildCommunityDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunityDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunityDetail, delete_button);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunityDetail, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunityDetail, sections_box);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunityDetail, general_group);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunityDetail, kind_group);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunityDetail, goals_view);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunityDetail, notes_view);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunityDetail, members_list);
  gtk_widget_class_bind_template_child (widget_class, GuildCommunityDetail, more_members_button);
  gtk_widget_class_bind_template_callback (widget_class, on_more_members_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
guild_community_detail_init (GuildCommunityDetail *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->autosave = guild_autosave_new (0);
  g_signal_connect_object (self->autosave, "save",
                           G_CALLBACK (on_autosave_save_cb), self, G_CONNECT_SWAPPED);

  build_rows (self);
  build_activity_section (self);

  placeholder = gtk_label_new (_("None of your contacts is in this community yet."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->members_list, placeholder);
}

/* Section: the community's activities */

/* The timeline of what the user did here, newest first, with a button that
 * opens the quick-add dialog with this community chosen. */
static void
build_activity_section (GuildCommunityDetail *self)
{
  GtkWidget *button;

  self->activity_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->activity_group, _("Activity"));

  button = gtk_button_new_with_label (_("Log Activity…"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Record something you did in this community (Ctrl+L)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Log Activity"),
                                  -1);
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (button), "win.log-activity::");
  self->log_button = GTK_BUTTON (button);
  adw_preferences_group_set_header_suffix (self->activity_group, button);

  self->timeline = GUILD_ACTIVITY_TIMELINE (guild_activity_timeline_new (NULL));
  guild_activity_timeline_set_empty_text (self->timeline,
                                          _("Nothing Logged Here Yet"),
                                          _("What you do in this community — questions, answers, talks, events — shows up here."));
  gtk_widget_set_size_request (GTK_WIDGET (self->timeline), -1, 360);
  adw_preferences_group_add (self->activity_group, GTK_WIDGET (self->timeline));

  gtk_box_append (self->sections_box, GTK_WIDGET (self->activity_group));
  gtk_widget_set_visible (GTK_WIDGET (self->activity_group), FALSE);
}

static void
update_activity_section (GuildCommunityDetail *self)
{
  g_autofree char *target = NULL;
  gint64 id;

  gtk_widget_set_visible (GTK_WIDGET (self->activity_group), self->community != NULL);
  if (self->community == NULL)
    return;

  id = guild_record_get_id (GUILD_RECORD (self->community));
  target = g_strdup_printf ("community:%" G_GINT64_FORMAT, id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->log_button), "s", target);
  guild_activity_timeline_set_community_id (self->timeline, id);
}

/* Section: public API */

void
guild_community_detail_set_store (GuildCommunityDetail *self,
                                  GuildStore           *store)
{
  g_return_if_fail (GUILD_IS_COMMUNITY_DETAIL (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  guild_community_detail_flush (self);
  g_set_object (&self->store, store);
  guild_activity_timeline_set_store (self->timeline, store);
}

/**
 * guild_community_detail_get_community:
 *
 * Returns: (transfer none) (nullable): the community shown
 */
GuildCommunity *
guild_community_detail_get_community (GuildCommunityDetail *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY_DETAIL (self), NULL);

  return self->community;
}

/**
 * guild_community_detail_set_community:
 * @community: (nullable): the community to edit
 *
 * Writes what was typed for the previous community, then shows @community.
 */
void
guild_community_detail_set_community (GuildCommunityDetail *self,
                                      GuildCommunity       *community)
{
  g_return_if_fail (GUILD_IS_COMMUNITY_DETAIL (self));
  g_return_if_fail (community == NULL || GUILD_IS_COMMUNITY (community));

  if (community == self->community)
    return;

  guild_community_detail_flush (self);
  g_set_object (&self->community, community);

  gtk_widget_set_sensitive (GTK_WIDGET (self->sections_box), community != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), community != NULL);

  if (community != NULL)
    load_fields (self);
  else
    update_title (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  guild_community_detail_reload_members (self);
  update_activity_section (self);
}

/**
 * guild_community_detail_flush:
 *
 * Writes any edit still waiting for the autosave timer.
 *
 * Returns: whether anything was written
 */
gboolean
guild_community_detail_flush (GuildCommunityDetail *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY_DETAIL (self), FALSE);

  return guild_autosave_flush (self->autosave);
}

/**
 * guild_community_detail_focus_name:
 *
 * Focuses the name, selected, so that typing replaces it.
 */
void
guild_community_detail_focus_name (GuildCommunityDetail *self)
{
  GtkWidget *name;

  g_return_if_fail (GUILD_IS_COMMUNITY_DETAIL (self));

  name = self->rows[row_index ("name")];
  gtk_widget_grab_focus (name);
  gtk_editable_select_region (GTK_EDITABLE (name), 0, -1);
}

/**
 * guild_community_detail_get_sections:
 *
 * The box holding the page's sections; later features append theirs
 * (the community's events, its activity timeline) after the members.
 *
 * Returns: (transfer none): the box
 */
GtkBox *
guild_community_detail_get_sections (GuildCommunityDetail *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY_DETAIL (self), NULL);

  return self->sections_box;
}

/**
 * guild_community_detail_set_show_back:
 *
 * Shows the back button, for when the list and the page are shown one at a
 * time.
 */
void
guild_community_detail_set_show_back (GuildCommunityDetail *self,
                                      gboolean              show_back)
{
  g_return_if_fail (GUILD_IS_COMMUNITY_DETAIL (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
}

/**
 * guild_community_detail_reload_members:
 *
 * Reads the members again (after one was added or removed).
 */
void
guild_community_detail_reload_members (GuildCommunityDetail *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GUILD_IS_COMMUNITY_DETAIL (self));

  clear_members (self);
  gtk_widget_set_visible (GTK_WIDGET (self->more_members_button), FALSE);

  if (self->store == NULL || self->community == NULL ||
      guild_record_get_id (GUILD_RECORD (self->community)) == 0)
    return;

  self->members = guild_store_community_members (self->store,
                                                 guild_record_get_id (GUILD_RECORD (self->community)),
                                                 &error);
  if (self->members == NULL)
    {
      g_warning ("Could not read the members of a community: %s", error->message);
      return;
    }

  show_more_members (self);
}

/* Section: for tests */

GtkWidget *
_guild_community_detail_get_row (GuildCommunityDetail *self,
                                 const char           *field)
{
  int i;

  g_return_val_if_fail (GUILD_IS_COMMUNITY_DETAIL (self), NULL);

  i = row_index (field);
  return i >= 0 ? self->rows[i] : NULL;
}

GtkWidget *
_guild_community_detail_get_error_label (GuildCommunityDetail *self,
                                         const char           *field)
{
  int i;

  g_return_val_if_fail (GUILD_IS_COMMUNITY_DETAIL (self), NULL);

  i = row_index (field);
  return i >= 0 ? GTK_WIDGET (self->error_labels[i]) : NULL;
}

GtkTextView *
_guild_community_detail_get_text_view (GuildCommunityDetail *self,
                                       const char           *field)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY_DETAIL (self), NULL);

  return g_strcmp0 (field, "notes") == 0 ? self->notes_view : self->goals_view;
}

guint
_guild_community_detail_get_n_member_rows (GuildCommunityDetail *self)
{
  g_return_val_if_fail (GUILD_IS_COMMUNITY_DETAIL (self), 0);

  return self->members_shown;
}
