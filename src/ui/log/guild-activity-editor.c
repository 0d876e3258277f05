/* guild-activity-editor.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-activity-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-activity-editor.h"
#include "guild-log-format.h"
#include "guild-records.h"
#include "guild-store-activities.h"
#include "guild-text.h"
#include "guild-window.h"

/* The quick-add dialog and the editor of a logged activity, one window.
 *
 * Adding is built for the keyboard: the kind's search entry has the focus,
 * the kind logged last is selected, and the community logged last is
 * remembered, so Ctrl+L and Enter log one; typing a few letters of another
 * kind ("pub") picks it, and Up/Down move through the list. Editing saves as
 * the user types (debounced), and on close; invalid input is marked where it
 * is and never saved. */

#define SAVE_DELAY_MS 400
#define CONTACT_SEARCH_DELAY_MS 120
#define MAX_SUGGESTIONS 8

struct _GuildActivityEditor
{
  AdwWindow       parent_instance;

  /* Owned */
  GuildStore     *store;
  GuildActivity  *activity;        /* the one edited; NULL while adding */
  GSettings      *settings;
  GArray         *community_ids;   /* position in community_row → id (0: none) */
  GArray         *event_ids;
  GArray         *contact_ids;
  GHashTable     *contact_names;   /* id → name, for the chips */
  GArray         *skill_ids;
  GPtrArray      *skill_checks;
  GCancellable   *cancellable;
  GCancellable   *search_cancellable;
  char           *kind;
  gint64          preset_community;
  gint64          preset_event;

  /* Children */
  GtkWidget      *save_button;
  GtkWidget      *kind_entry;
  GtkListBox     *kind_list;
  AdwComboRow    *community_row;
  AdwComboRow    *event_row;
  AdwEntryRow    *when_row;
  GtkLabel       *when_error;
  GtkSpinButton  *minutes_spin;
  GtkSpinButton  *likes_spin;
  GtkSpinButton  *comments_spin;
  GtkSpinButton  *reposts_spin;
  AdwEntryRow    *url_row;
  GtkLabel       *url_error;
  GtkFlowBox     *chips;
  GtkWidget      *contact_entry;
  GtkListBox     *suggestions;
  GtkTextBuffer  *note;
  AdwPreferencesGroup *skills_group;
  GtkLabel       *save_error;

  guint           save_source;
  guint           search_source;
  guint           loading : 1;
};

G_DEFINE_FINAL_TYPE (GuildActivityEditor, guild_activity_editor, ADW_TYPE_WINDOW)

static void schedule_save (GuildActivityEditor *self);

/* Section: validation */

static gboolean
read_when (GuildActivityEditor *self,
           gint64              *at)
{
  return guild_log_parse_when (gtk_editable_get_text (GTK_EDITABLE (self->when_row)), NULL, at);
}

static gboolean
url_ok (GuildActivityEditor *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (url));

  return *trimmed == '\0' || guild_url_is_valid (trimmed);
}

static void
mark (GtkWidget *row,
      GtkLabel  *error,
      gboolean   ok)
{
  if (ok)
    gtk_widget_remove_css_class (row, "error");
  else
    gtk_widget_add_css_class (row, "error");
  gtk_widget_set_visible (GTK_WIDGET (error), !ok);
}

/* Marks the fields that are wrong; returns whether everything is right. */
static gboolean
validate (GuildActivityEditor *self)
{
  gint64 at;
  gboolean when_ok = read_when (self, &at);
  gboolean link_ok = url_ok (self);
  gboolean kind_ok = self->kind != NULL;

  mark (GTK_WIDGET (self->when_row), self->when_error, when_ok);
  mark (GTK_WIDGET (self->url_row), self->url_error, link_ok);
  if (self->save_button != NULL)
    gtk_widget_set_sensitive (self->save_button, when_ok && link_ok && kind_ok);

  return when_ok && link_ok && kind_ok;
}

/* Section: kinds */

static const char *
row_kind (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "kind") : NULL;
}

static void
on_kind_selected_cb (GuildActivityEditor *self,
                     GtkListBoxRow       *row,
                     GtkListBox          *list)
{
  const char *kind = row_kind (row);

  if (kind == NULL)
    return;

  g_free (self->kind);
  self->kind = g_strdup (kind);
  validate (self);
  if (self->activity != NULL && !self->loading)
    schedule_save (self);
}

static void
select_kind (GuildActivityEditor *self,
             const char          *kind)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->kind_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (row_kind (GTK_LIST_BOX_ROW (child)), kind) == 0)
      {
        gtk_list_box_select_row (self->kind_list, GTK_LIST_BOX_ROW (child));
        return;
      }
}

static gboolean
kind_filter_func (GtkListBoxRow *row,
                  gpointer       user_data)
{
  GuildActivityEditor *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->kind_entry));
  g_autofree char *needle = NULL;
  const char *haystack;

  if (*text == '\0')
    return TRUE;

  needle = guild_text_fold (text);
  haystack = g_object_get_data (G_OBJECT (row), "folded");
  return guild_text_matches (haystack, needle);
}

static void
kind_header_func (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  const char *strategy = guild_activity_kind_strategy (row_kind (row));
  GtkWidget *header;

  if (before != NULL &&
      g_strcmp0 (strategy, guild_activity_kind_strategy (row_kind (before))) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (guild_vocab_label (GUILD_VOCAB_STRATEGY, strategy));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

static GtkListBoxRow *
first_visible_row (GuildActivityEditor *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->kind_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child) &&
        kind_filter_func (GTK_LIST_BOX_ROW (child), self))
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

static void
on_kind_entry_changed_cb (GuildActivityEditor *self,
                          GtkEditable         *entry)
{
  GtkListBoxRow *row;

  gtk_list_box_invalidate_filter (self->kind_list);
  /* Emptied: every kind shows again, and the chosen one stays chosen. */
  if (*gtk_editable_get_text (entry) == '\0')
    return;
  row = first_visible_row (self);
  if (row != NULL)
    gtk_list_box_select_row (self->kind_list, row);
}

/* Up and Down in the entry move the selection over the visible kinds, so
 * the hands stay on the keys. */
static gboolean
on_kind_key_pressed_cb (GuildActivityEditor   *self,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkEventControllerKey *controller)
{
  GtkListBoxRow *selected;
  GtkWidget *child;
  gboolean down;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_Up &&
      keyval != GDK_KEY_KP_Down && keyval != GDK_KEY_KP_Up)
    return FALSE;

  down = keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down;
  selected = gtk_list_box_get_selected_row (self->kind_list);
  child = selected != NULL ? GTK_WIDGET (selected) : NULL;

  do
    {
      if (child == NULL)
        child = down ? gtk_widget_get_first_child (GTK_WIDGET (self->kind_list))
                     : gtk_widget_get_last_child (GTK_WIDGET (self->kind_list));
      else
        child = down ? gtk_widget_get_next_sibling (child) : gtk_widget_get_prev_sibling (child);
    }
  while (child != NULL &&
         !(GTK_IS_LIST_BOX_ROW (child) && kind_filter_func (GTK_LIST_BOX_ROW (child), self)));

  if (child != NULL)
    {
      gtk_list_box_select_row (self->kind_list, GTK_LIST_BOX_ROW (child));
      gtk_widget_grab_focus (self->kind_entry);
    }

  return TRUE;
}

static void
on_kind_entry_activate_cb (GuildActivityEditor *self)
{
  if (self->activity == NULL)
    guild_activity_editor_save (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_kind_row_activated_cb (GuildActivityEditor *self,
                          GtkListBoxRow       *row,
                          GtkListBox          *list)
{
  gtk_list_box_select_row (list, row);
  if (self->activity == NULL)
    guild_activity_editor_save (self);
}

static void
fill_kinds (GuildActivityEditor *self)
{
  guint n;
  const GuildVocabEntry *entries = guild_vocab_entries (GUILD_VOCAB_ACTIVITY_KIND, &n);

  for (guint i = 0; i < n; i++)
    {
      const char *label = guild_vocab_entry_label (GUILD_VOCAB_ACTIVITY_KIND, &entries[i]);
      const char *description = guild_vocab_entry_description (&entries[i]);
      g_autofree char *both = g_strconcat (label, " ", description, " ",
                                           guild_vocab_label (GUILD_VOCAB_STRATEGY,
                                                              entries[i].strategy),
                                           NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (guild_log_strategy_icon (entries[i].strategy));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      g_object_set_data (G_OBJECT (row), "kind", (gpointer) entries[i].id);
      g_object_set_data_full (G_OBJECT (row), "folded", guild_text_fold (both), g_free);
      gtk_list_box_append (self->kind_list, row);
    }
}

/* Section: communities and events */

static void
on_communities_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GuildActivityEditor) self = user_data;
  g_autoptr(GPtrArray) communities = NULL;
  g_autoptr(GError) error = NULL;
  GtkStringList *names;
  gint64 want;
  guint selected = 0;
  gint64 none = 0;

  communities = guild_store_list_finish (GUILD_STORE (object), result, &error);
  if (communities == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the communities: %s", error->message);
      return;
    }

  names = gtk_string_list_new (NULL);
  /* Translators: no community chosen for an activity. */
  gtk_string_list_append (names, C_("community", "None"));
  g_array_set_size (self->community_ids, 0);
  g_array_append_val (self->community_ids, none);

  want = self->activity != NULL ? guild_record_get_int (GUILD_RECORD (self->activity), "community-id")
       : self->preset_community != 0 ? self->preset_community
       : g_settings_get_int64 (self->settings, "log-last-community");

  for (guint i = 0; i < communities->len; i++)
    {
      GuildRecord *c = g_ptr_array_index (communities, i);
      gint64 id = guild_record_get_id (c);

      gtk_string_list_append (names, guild_record_get_text (c, "name"));
      g_array_append_val (self->community_ids, id);
      if (id == want)
        selected = self->community_ids->len - 1;
    }

  self->loading = TRUE;
  adw_combo_row_set_model (self->community_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->community_row, selected);
  self->loading = FALSE;
  g_object_unref (names);
}

static void
fill_events (GuildActivityEditor *self,
             gint64               at)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GtkStringList *names = gtk_string_list_new (NULL);
  gint64 want;
  guint selected = 0;
  gint64 none = 0;
  gboolean found = FALSE;

  want = self->activity != NULL ? guild_record_get_int (GUILD_RECORD (self->activity), "event-id")
                                : self->preset_event;

  /* Translators: no event chosen for an activity. */
  gtk_string_list_append (names, C_("event", "None"));
  g_array_set_size (self->event_ids, 0);
  g_array_append_val (self->event_ids, none);

  /* The events of the fortnight around the activity: a range read. */
  events = guild_store_events_near (self->store, at, 14 * 24 * 60 * 60, 40, &error);
  if (events == NULL)
    g_warning ("Could not read the events: %s", error->message);

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      GuildRecord *e = g_ptr_array_index (events, i);
      gint64 id = guild_record_get_id (e);
      g_autofree char *when = guild_log_format_when (guild_record_get_int (e, "starts-at"), NULL);
      g_autofree char *label = g_strdup_printf ("%s — %s", guild_record_get_text (e, "title"), when);

      gtk_string_list_append (names, label);
      g_array_append_val (self->event_ids, id);
      if (id == want)
        {
          selected = self->event_ids->len - 1;
          found = TRUE;
        }
    }

  /* An event further away that the activity already names stays choosable. */
  if (want != 0 && !found)
    {
      g_autoptr(GuildRecord) e = guild_store_load (self->store, GUILD_RECORD_EVENT, want, NULL);

      if (e != NULL)
        {
          gtk_string_list_append (names, guild_record_get_text (e, "title"));
          g_array_append_val (self->event_ids, want);
          selected = self->event_ids->len - 1;
        }
    }

  self->loading = TRUE;
  adw_combo_row_set_model (self->event_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->event_row, selected);
  self->loading = FALSE;
  g_object_unref (names);
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return 0;

  return g_array_index (ids, gint64, selected);
}

/* Section: contacts */

static void update_chips (GuildActivityEditor *self);

static void
on_chip_clicked_cb (GtkButton           *button,
                    GuildActivityEditor *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "contact-id");

  for (guint i = 0; i < self->contact_ids->len; i++)
    if (g_array_index (self->contact_ids, gint64, i) == id)
      {
        g_array_remove_index (self->contact_ids, i);
        break;
      }

  update_chips (self);
  if (self->activity != NULL)
    schedule_save (self);
  gtk_widget_grab_focus (self->contact_entry);
}

static void
update_chips (GuildActivityEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_flow_box_remove (self->chips, child);

  for (guint i = 0; i < self->contact_ids->len; i++)
    {
      gint64 id = g_array_index (self->contact_ids, gint64, i);
      const char *name = g_hash_table_lookup (self->contact_names, &id);
      g_autofree char *label = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *button;
      GtkWidget *box;

      if (name == NULL)
        {
          g_autoptr(GuildRecord) contact = guild_store_load (self->store, GUILD_RECORD_CONTACT, id,
                                                             NULL);

          name = contact != NULL ? guild_record_get_text (contact, "full-name") : "?";
          g_hash_table_insert (self->contact_names, g_memdup2 (&id, sizeof id), g_strdup (name));
          name = g_hash_table_lookup (self->contact_names, &id);
        }

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (box), gtk_label_new (name));
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      /* Translators: %s is a contact's name; the button takes them off the activity. */
      accessible = g_strdup_printf (_("Remove %s"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      gtk_widget_set_tooltip_text (button, accessible);
      g_object_set_data_full (G_OBJECT (button), "contact-id",
                              g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self);
      gtk_flow_box_append (self->chips, button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chips), self->contact_ids->len > 0);
}

static void
add_contact (GuildActivityEditor *self,
             gint64               id,
             const char          *name)
{
  for (guint i = 0; i < self->contact_ids->len; i++)
    if (g_array_index (self->contact_ids, gint64, i) == id)
      return;

  g_array_append_val (self->contact_ids, id);
  if (name != NULL)
    g_hash_table_replace (self->contact_names, g_memdup2 (&id, sizeof id), g_strdup (name));
  update_chips (self);
  if (self->activity != NULL && !self->loading)
    schedule_save (self);
}

static void
clear_suggestions (GuildActivityEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions))) != NULL)
    gtk_list_box_remove (self->suggestions, child);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions), FALSE);
}

static void
on_suggestion_activated_cb (GuildActivityEditor *self,
                            GtkListBoxRow       *row,
                            GtkListBox          *list)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "contact-id");
  const char *name = g_object_get_data (G_OBJECT (row), "name");

  add_contact (self, id, name);
  gtk_editable_set_text (GTK_EDITABLE (self->contact_entry), "");
  clear_suggestions (self);
  gtk_widget_grab_focus (self->contact_entry);
}

static void
on_contacts_found_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GuildActivityEditor) self = user_data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = guild_store_search_contacts_finish (GUILD_STORE (object), result, &error);
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not search the contacts: %s", error->message);
      return;
    }

  clear_suggestions (self);
  for (guint i = 0; i < found->len; i++)
    {
      GuildRecord *contact = g_ptr_array_index (found, i);
      gint64 id = guild_record_get_id (contact);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     guild_record_get_text (contact, "full-name"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), guild_record_get_text (contact, "company"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "contact-id", g_memdup2 (&id, sizeof id), g_free);
      g_object_set_data_full (G_OBJECT (row), "name",
                              g_strdup (guild_record_get_text (contact, "full-name")), g_free);
      gtk_list_box_append (self->suggestions, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions), found->len > 0);
}

static gboolean
search_contacts_cb (gpointer user_data)
{
  GuildActivityEditor *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->contact_entry));

  self->search_source = 0;
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (*text == '\0')
    {
      clear_suggestions (self);
      return G_SOURCE_REMOVE;
    }

  /* Folding a hundred thousand names runs on a worker; a newer keystroke
   * cancels the older search. */
  self->search_cancellable = g_cancellable_new ();
  guild_store_search_contacts_async (self->store, text, MAX_SUGGESTIONS,
                                     self->search_cancellable, on_contacts_found_cb,
                                     g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_contact_entry_changed_cb (GuildActivityEditor *self)
{
  g_clear_handle_id (&self->search_source, g_source_remove);
  self->search_source = g_timeout_add (CONTACT_SEARCH_DELAY_MS, search_contacts_cb, self);
}

static void
on_contact_entry_activate_cb (GuildActivityEditor *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->suggestions, 0);

  if (first != NULL && gtk_widget_get_visible (GTK_WIDGET (self->suggestions)))
    on_suggestion_activated_cb (self, first, self->suggestions);
}

/* Section: saving */

static void
fill_record (GuildActivityEditor *self,
             GuildRecord         *record,
             gint64               at)
{
  GtkTextIter start, end;
  g_autofree char *note = NULL;
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autoptr(GArray) skills = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_text_buffer_get_bounds (self->note, &start, &end);
  note = gtk_text_buffer_get_text (self->note, &start, &end, FALSE);

  guild_record_set_text (record, "kind", self->kind);
  guild_record_set_text (record, "strategy", guild_activity_kind_strategy (self->kind));
  guild_record_set_int (record, "at", at);
  guild_record_set_int (record, "minutes", gtk_spin_button_get_value_as_int (self->minutes_spin));
  guild_record_set_int (record, "community-id", selected_id (self->community_row,
                                                             self->community_ids));
  guild_record_set_int (record, "event-id", selected_id (self->event_row, self->event_ids));
  guild_record_set_ids (record, "contacts", (const gint64 *) (gpointer) self->contact_ids->data,
                        self->contact_ids->len);
  for (guint i = 0; i < self->skill_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->skill_checks, i)))
      g_array_append_val (skills, g_array_index (self->skill_ids, gint64, i));
  guild_record_set_ids (record, "skills", (const gint64 *) (gpointer) skills->data, skills->len);
  guild_record_set_int (record, "likes", gtk_spin_button_get_value_as_int (self->likes_spin));
  guild_record_set_int (record, "comments", gtk_spin_button_get_value_as_int (self->comments_spin));
  guild_record_set_int (record, "reposts", gtk_spin_button_get_value_as_int (self->reposts_spin));
  guild_record_set_text (record, "url", url);
  guild_record_set_text (record, "note", note);
}

static void
show_save_error (GuildActivityEditor *self,
                 const GError        *error)
{
  gtk_label_set_label (self->save_error, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->save_error), error != NULL);
}

/**
 * guild_activity_editor_save:
 *
 * Adds the new activity (and closes), or saves the edited one now. Invalid
 * input is marked and nothing is saved.
 *
 * Returns: whether it was saved
 */
gboolean
guild_activity_editor_save (GuildActivityEditor *self)
{
  g_autoptr(GError) error = NULL;
  gint64 at;

  g_return_val_if_fail (GUILD_IS_ACTIVITY_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!validate (self) || !read_when (self, &at))
    return FALSE;

  if (self->activity == NULL)
    {
      g_autoptr(GuildActivity) activity = guild_activity_new (self->kind, at);
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      fill_record (self, GUILD_RECORD (activity), at);
      if (!guild_store_add (self->store, GUILD_RECORD (activity), &error))
        {
          show_save_error (self, error);
          return FALSE;
        }

      g_settings_set_int64 (self->settings, "log-last-community",
                            guild_record_get_int (GUILD_RECORD (activity), "community-id"));
      if (GUILD_IS_WINDOW (parent))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the kind of activity just logged. */
          message = g_strdup_printf (_("Logged “%s”"),
                                     guild_vocab_label (GUILD_VOCAB_ACTIVITY_KIND, self->kind));
          guild_window_add_toast (GUILD_WINDOW (parent), adw_toast_new (message));
        }
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;
    }

  {
    g_autoptr(GuildRecord) copy = guild_record_new_for_kind (GUILD_RECORD_ACTIVITY);

    /* Validate a copy first, so the edited object never holds what the
     * store refused. */
    guild_record_copy_fields (copy, GUILD_RECORD (self->activity));
    fill_record (self, copy, at);
    if (guild_record_fields_equal (copy, GUILD_RECORD (self->activity)))
      return TRUE;
    guild_record_copy_fields (GUILD_RECORD (self->activity), copy);
    if (!guild_store_update (self->store, GUILD_RECORD (self->activity), &error))
      {
        show_save_error (self, error);
        guild_store_reload (self->store, GUILD_RECORD (self->activity), NULL);
        return FALSE;
      }
  }

  show_save_error (self, NULL);
  return TRUE;
}

static gboolean
save_cb (gpointer user_data)
{
  GuildActivityEditor *self = user_data;

  self->save_source = 0;
  guild_activity_editor_save (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (GuildActivityEditor *self)
{
  if (self->loading || self->activity == NULL)
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (validate (self))
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

static void
on_field_changed_cb (GuildActivityEditor *self)
{
  validate (self);
  schedule_save (self);
}

static gboolean
on_close_request_cb (GuildActivityEditor *self)
{
  /* Whatever is valid and pending is saved on the way out. */
  if (self->save_source != 0)
    guild_activity_editor_save (self);

  return FALSE;
}

/* Section: building */

static GtkSpinButton *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              double               max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);

  return GTK_SPIN_BUTTON (spin);
}

static GtkLabel *
error_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_visible (label, FALSE);

  return GTK_LABEL (label);
}

static AdwPreferencesGroup *
add_group (GtkBox     *box,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (box, group);

  return ADW_PREFERENCES_GROUP (group);
}

static void
build (GuildActivityEditor *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *frame;
  GtkWidget *note_view;
  GtkWidget *row;
  GtkEventController *keys;
  AdwPreferencesGroup *group;
  gboolean adding = self->activity == NULL;

  gtk_window_set_title (GTK_WINDOW (self), adding ? _("Log Activity") : _("Edit Activity"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);

  if (adding)
    {
      GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

      adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
      adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
      adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
      self->save_button = gtk_button_new_with_mnemonic (_("_Log"));
      gtk_widget_add_css_class (self->save_button, "suggested-action");
      g_signal_connect_swapped (self->save_button, "clicked",
                                G_CALLBACK (guild_activity_editor_save), self);
      adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
    }
  gtk_box_append (GTK_BOX (outer), header);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (outer), scrolled);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* What was done: the kinds under their strategies. */
  self->kind_entry = gtk_search_entry_new ();
  g_object_set (self->kind_entry, "placeholder-text", _("Type to find the kind"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind"), -1);
  gtk_box_append (GTK_BOX (box), self->kind_entry);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_kind_key_pressed_cb), self);
  gtk_widget_add_controller (self->kind_entry, keys);
  /* "changed", not the delayed "search-changed": Enter right after typing
   * must log the kind just typed. */
  g_signal_connect_swapped (self->kind_entry, "changed",
                            G_CALLBACK (on_kind_entry_changed_cb), self);
  g_signal_connect_swapped (self->kind_entry, "activate",
                            G_CALLBACK (on_kind_entry_activate_cb), self);
  /* The search entry takes Escape for itself; here it means "close". */
  g_signal_connect_swapped (self->kind_entry, "stop-search",
                            G_CALLBACK (gtk_window_close), self);

  self->kind_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_list), "boxed-list");
  gtk_list_box_set_selection_mode (self->kind_list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->kind_list, FALSE);
  gtk_list_box_set_filter_func (self->kind_list, kind_filter_func, self, NULL);
  gtk_list_box_set_header_func (self->kind_list, kind_header_func, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kinds of activity"), -1);
  fill_kinds (self);
  g_signal_connect_swapped (self->kind_list, "row-selected", G_CALLBACK (on_kind_selected_cb), self);
  g_signal_connect_swapped (self->kind_list, "row-activated",
                            G_CALLBACK (on_kind_row_activated_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->kind_list));

  /* Where and when. */
  group = add_group (GTK_BOX (box), _("Details"));
  self->community_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->community_row), _("Community"));
  adw_preferences_group_add (group, GTK_WIDGET (self->community_row));
  self->when_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->when_row), _("When"));
  adw_preferences_group_add (group, GTK_WIDGET (self->when_row));
  self->minutes_spin = add_spin_row (group, _("Minutes spent"), 7 * 24 * 60);
  self->event_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->event_row), _("Event"));
  adw_preferences_group_add (group, GTK_WIDGET (self->event_row));
  self->url_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("Link"));
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->url_row), TRUE);
  adw_preferences_group_add (group, GTK_WIDGET (self->url_row));
  self->when_error = error_label (_("Enter a day and time like 2026-11-26 18:30."));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->when_error));
  self->url_error = error_label (_("Enter a web address starting with https://, or leave it empty."));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->url_error));

  /* Who. */
  group = add_group (GTK_BOX (box), _("Contacts"));
  self->chips = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->chips, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->chips, 6);
  gtk_widget_set_visible (GTK_WIDGET (self->chips), FALSE);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->chips), 6);
  adw_preferences_group_add (group, GTK_WIDGET (self->chips));
  self->contact_entry = gtk_search_entry_new ();
  g_object_set (self->contact_entry, "placeholder-text", _("Find a contact by name or company"),
                NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->contact_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find a contact"), -1);
  adw_preferences_group_add (group, self->contact_entry);
  g_signal_connect_swapped (self->contact_entry, "search-changed",
                            G_CALLBACK (on_contact_entry_changed_cb), self);
  g_signal_connect_swapped (self->contact_entry, "activate",
                            G_CALLBACK (on_contact_entry_activate_cb), self);
  self->suggestions = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->suggestions), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->suggestions), 6);
  gtk_list_box_set_selection_mode (self->suggestions, GTK_SELECTION_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->suggestions),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Matching contacts"), -1);
  g_signal_connect_swapped (self->suggestions, "row-activated",
                            G_CALLBACK (on_suggestion_activated_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->suggestions));

  /* What came back. */
  group = add_group (GTK_BOX (box), _("Reactions Received"));
  self->likes_spin = add_spin_row (group, _("Likes"), G_MAXINT);
  self->comments_spin = add_spin_row (group, _("Comments"), G_MAXINT);
  self->reposts_spin = add_spin_row (group, _("Reposts"), G_MAXINT);

  /* Skills exercised, when the user keeps any. */
  self->skills_group = add_group (GTK_BOX (box), _("Skills Practised"));
  gtk_widget_set_visible (GTK_WIDGET (self->skills_group), FALSE);

  /* Notes. */
  group = add_group (GTK_BOX (box), _("Note"));
  note_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (note_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (note_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (note_view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (note_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (note_view), 8);
  gtk_widget_set_size_request (note_view, -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (note_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  self->note = gtk_text_view_get_buffer (GTK_TEXT_VIEW (note_view));
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), note_view);
  adw_preferences_group_add (group, frame);

  self->save_error = error_label (NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->save_error));

  adw_window_set_content (ADW_WINDOW (self), outer);
  (void) row;
}

static void
fill_skills (GuildActivityEditor *self)
{
  g_autoptr(GPtrArray) skills = NULL;
  GArray *chosen = NULL;

  /* A handful at most (what the user is learning): a plain read. */
  skills = guild_store_list (self->store, GUILD_RECORD_SKILL, NULL, NULL);
  if (skills == NULL || skills->len == 0)
    return;

  if (self->activity != NULL)
    chosen = guild_record_get_ids (GUILD_RECORD (self->activity), "skills");

  for (guint i = 0; i < skills->len; i++)
    {
      GuildRecord *skill = g_ptr_array_index (skills, i);
      gint64 id = guild_record_get_id (skill);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), guild_record_get_text (skill, "name"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      guild_record_get_text (skill, "name"), -1);
      for (guint j = 0; chosen != NULL && j < chosen->len; j++)
        if (g_array_index (chosen, gint64, j) == id)
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_field_changed_cb), self);
      g_array_append_val (self->skill_ids, id);
      g_ptr_array_add (self->skill_checks, check);
      adw_preferences_group_add (self->skills_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->skills_group), TRUE);
}

static void
load (GuildActivityEditor *self,
      const char          *preset)
{
  g_autofree char *last_kind = NULL;
  g_autofree char *when = NULL;
  GuildRecord *record = self->activity != NULL ? GUILD_RECORD (self->activity) : NULL;
  gint64 at = record != NULL ? guild_record_get_int (record, "at") : g_get_real_time () / G_USEC_PER_SEC;

  self->loading = TRUE;

  if (preset != NULL && g_str_has_prefix (preset, "community:"))
    self->preset_community = g_ascii_strtoll (preset + strlen ("community:"), NULL, 10);
  else if (preset != NULL && g_str_has_prefix (preset, "event:"))
    {
      g_autoptr(GuildRecord) event = NULL;

      self->preset_event = g_ascii_strtoll (preset + strlen ("event:"), NULL, 10);
      event = guild_store_load (self->store, GUILD_RECORD_EVENT, self->preset_event, NULL);
      if (event != NULL)
        self->preset_community = guild_record_get_int (event, "community-id");
    }
  else if (preset != NULL && g_str_has_prefix (preset, "contact:"))
    add_contact (self, g_ascii_strtoll (preset + strlen ("contact:"), NULL, 10), NULL);

  if (record != NULL)
    last_kind = g_strdup (guild_record_get_text (record, "kind"));
  else
    last_kind = guild_store_dup_last_activity_kind (self->store);
  select_kind (self, last_kind != NULL ? last_kind : "read");

  when = guild_log_format_when_entry (at, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->when_row), when);
  fill_events (self, at);

  if (record != NULL)
    {
      GArray *contacts = guild_record_get_ids (record, "contacts");

      gtk_spin_button_set_value (self->minutes_spin, (double) guild_record_get_int (record, "minutes"));
      gtk_spin_button_set_value (self->likes_spin, (double) guild_record_get_int (record, "likes"));
      gtk_spin_button_set_value (self->comments_spin, (double) guild_record_get_int (record, "comments"));
      gtk_spin_button_set_value (self->reposts_spin, (double) guild_record_get_int (record, "reposts"));
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), guild_record_get_text (record, "url"));
      gtk_text_buffer_set_text (self->note, guild_record_get_text (record, "note"), -1);
      for (guint i = 0; contacts != NULL && i < contacts->len; i++)
        add_contact (self, g_array_index (contacts, gint64, i), NULL);
    }

  fill_skills (self);
  /* The contact search answers from a folded index in memory once built. */
  guild_store_prepare_contact_search (self->store);
  guild_store_list_async (self->store, GUILD_RECORD_COMMUNITY, self->cancellable,
                          on_communities_cb, g_object_ref (self));

  /* Every field saves the edited activity as it changes. */
  g_signal_connect_swapped (self->when_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->url_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->minutes_spin, "value-changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->likes_spin, "value-changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->comments_spin, "value-changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->reposts_spin, "value-changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->note, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->community_row, "notify::selected", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->event_row, "notify::selected", G_CALLBACK (on_field_changed_cb), self);

  self->loading = FALSE;
  validate (self);
}

/* Section: GObject */

static void
guild_activity_editor_dispose (GObject *object)
{
  GuildActivityEditor *self = (GuildActivityEditor *)object;

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->search_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->activity);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_activity_editor_parent_class)->dispose (object);
}

static void
guild_activity_editor_finalize (GObject *object)
{
  GuildActivityEditor *self = (GuildActivityEditor *)object;

  g_clear_pointer (&self->community_ids, g_array_unref);
  g_clear_pointer (&self->event_ids, g_array_unref);
  g_clear_pointer (&self->contact_ids, g_array_unref);
  g_clear_pointer (&self->skill_ids, g_array_unref);
  g_clear_pointer (&self->skill_checks, g_ptr_array_unref);
  g_clear_pointer (&self->contact_names, g_hash_table_unref);
  g_free (self->kind);

  G_OBJECT_CLASS (guild_activity_editor_parent_class)->finalize (object);
}

static void
guild_activity_editor_class_init (GuildActivityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_activity_editor_dispose;
  object_class->finalize = guild_activity_editor_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
guild_activity_editor_init (GuildActivityEditor *self)
{
  self->community_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->skill_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->skill_checks = g_ptr_array_new ();
  self->contact_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
}

/* Section: public API */

/**
 * guild_activity_editor_new:
 * @parent: (nullable): the window it belongs to
 * @activity: (nullable): the activity to edit, or %NULL to log a new one
 * @preset: (nullable): for a new one, "community:ID", "contact:ID" or
 *   "event:ID" to start from
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GuildActivityEditor *
guild_activity_editor_new (GtkWindow     *parent,
                           GuildStore    *store,
                           GuildActivity *activity,
                           const char    *preset)
{
  GuildActivityEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);
  g_return_val_if_fail (activity == NULL || GUILD_IS_ACTIVITY (activity), NULL);

  self = g_object_new (GUILD_TYPE_ACTIVITY_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->activity = activity != NULL ? g_object_ref (activity) : NULL;
  build (self);
  load (self, preset);
  gtk_window_set_focus (GTK_WINDOW (self), self->kind_entry);

  return self;
}

const char *
guild_activity_editor_get_kind (GuildActivityEditor *self)
{
  g_return_val_if_fail (GUILD_IS_ACTIVITY_EDITOR (self), NULL);

  return self->kind;
}

gint64
guild_activity_editor_get_community_id (GuildActivityEditor *self)
{
  g_return_val_if_fail (GUILD_IS_ACTIVITY_EDITOR (self), 0);

  return selected_id (self->community_row, self->community_ids);
}

GtkWidget *
_guild_activity_editor_get_kind_entry (GuildActivityEditor *self)
{
  g_return_val_if_fail (GUILD_IS_ACTIVITY_EDITOR (self), NULL);

  return self->kind_entry;
}

void
_guild_activity_editor_set_when_text (GuildActivityEditor *self,
                                      const char          *text)
{
  g_return_if_fail (GUILD_IS_ACTIVITY_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->when_row), text);
}

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * guild_log_activity:
 * @widget: (nullable): any widget of the window to log from
 * @preset: (nullable): "community:ID", "contact:ID" or "event:ID"
 *
 * Opens the quick-add dialog. Pages call this (or activate the window's
 * `win.log-activity` action with the same string).
 *
 * Returns: (transfer none): the dialog, shown
 */
GuildActivityEditor *
guild_log_activity (GtkWidget  *widget,
                    GuildStore *store,
                    const char *preset)
{
  GuildActivityEditor *editor;

  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);

  editor = guild_activity_editor_new (window_of (widget), store, NULL, preset);
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

/**
 * guild_log_edit_activity:
 * @id: the activity to edit
 *
 * Returns: (transfer none) (nullable): the editor, shown; %NULL when the
 *   activity is gone
 */
GuildActivityEditor *
guild_log_edit_activity (GtkWidget  *widget,
                         GuildStore *store,
                         gint64      id)
{
  g_autoptr(GuildRecord) activity = NULL;
  g_autoptr(GError) error = NULL;
  GuildActivityEditor *editor;

  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);

  activity = guild_store_load (store, GUILD_RECORD_ACTIVITY, id, &error);
  if (activity == NULL)
    {
      g_debug ("Activity %" G_GINT64_FORMAT " is gone: %s", id, error->message);
      return NULL;
    }

  editor = guild_activity_editor_new (window_of (widget), store, GUILD_ACTIVITY (activity), NULL);
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}
