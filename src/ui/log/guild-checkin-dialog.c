/* guild-checkin-dialog.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-checkin-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-checkin-dialog.h"
#include "guild-format.h"
#include "guild-rating-bar.h"
#include "guild-records.h"
#include "guild-store-activities.h"

/* The weekly self-assessment (the seed's qualitative measures): six 1–5
 * ratings and a note, saved as the user rates (debounced), never with a
 * button to forget. It opens on this week's check-in, or a new one dated
 * today; the History tab lists every check-in, and choosing one edits it. */

#define SAVE_DELAY_MS 300

typedef struct
{
  const char *field;
  const char *title;
  const char *subtitle;
} Measure;

static const Measure measures[] = {
  { "engagement", N_("Engagement depth"), N_("How deeply you took part in your communities") },
  { "connection-quality", N_("Connection quality"), N_("How valuable the people you met and kept up with were") },
  { "knowledge-gained", N_("Knowledge gained"), N_("How much you learned") },
  { "knowledge-applied", N_("Knowledge applied"), N_("How much of it you put into practice") },
  { "satisfaction", N_("Satisfaction"), N_("How satisfied you are with taking part") },
  { "career-impact", N_("Career impact"), N_("How far it moved your career change") },
};

struct _GuildCheckinDialog
{
  AdwWindow       parent_instance;

  /* Owned */
  GuildStore     *store;
  GuildCheckin   *checkin;
  GCancellable   *cancellable;

  /* Children */
  AdwViewStack   *stack;
  GtkLabel       *day_label;
  GtkWidget      *ratings[G_N_ELEMENTS (measures)];
  GtkTextBuffer  *note;
  GtkListBox     *history;
  AdwStatusPage  *history_empty;
  GtkLabel       *error_label;

  guint           save_source;
  guint           loading : 1;
};

G_DEFINE_FINAL_TYPE (GuildCheckinDialog, guild_checkin_dialog, ADW_TYPE_WINDOW)

static char *
format_day (const char *day)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = g_strconcat (day, "T12:00:00Z", NULL);

  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL)
    return g_strdup (day);

  /* Translators: the day of a check-in, as in "23 November 2026"; %B is the
   * month's name as it follows a day. */
  /* xgettext:no-c-format */
  return guild_format_date_time (dt, _("%-d %B %Y"));
}

static gboolean
has_content (GuildCheckinDialog *self)
{
  GtkTextIter start, end;

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (guild_rating_bar_get_value (GUILD_RATING_BAR (self->ratings[i])) > 0)
      return TRUE;

  gtk_text_buffer_get_bounds (self->note, &start, &end);
  return !gtk_text_iter_equal (&start, &end);
}

/**
 * guild_checkin_dialog_flush:
 *
 * Saves what is pending now.
 */
void
guild_checkin_dialog_flush (GuildCheckinDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  GtkTextIter start, end;
  GuildRecord *record;
  gboolean ok;

  g_return_if_fail (GUILD_IS_CHECKIN_DIALOG (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  record = GUILD_RECORD (self->checkin);

  /* An untouched new check-in is not worth a row. */
  if (guild_record_get_id (record) == 0 && !has_content (self))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    guild_record_set_int (record, measures[i].field,
                          guild_rating_bar_get_value (GUILD_RATING_BAR (self->ratings[i])));
  gtk_text_buffer_get_bounds (self->note, &start, &end);
  note = gtk_text_buffer_get_text (self->note, &start, &end, FALSE);
  guild_record_set_text (record, "note", note);

  if (guild_record_get_id (record) == 0)
    ok = guild_store_add (self->store, record, &error);
  else
    ok = guild_store_update (self->store, record, &error);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !ok);
  if (!ok)
    {
      g_warning ("Could not save the check-in: %s", error->message);
      gtk_label_set_label (self->error_label, _("The check-in could not be saved."));
    }
}

static gboolean
save_cb (gpointer user_data)
{
  GuildCheckinDialog *self = user_data;

  self->save_source = 0;
  guild_checkin_dialog_flush (self);

  return G_SOURCE_REMOVE;
}

static void
on_changed_cb (GuildCheckinDialog *self)
{
  if (self->loading)
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

static void
show_checkin (GuildCheckinDialog *self)
{
  GuildRecord *record = GUILD_RECORD (self->checkin);
  g_autofree char *day = format_day (guild_record_get_text (record, "day"));

  self->loading = TRUE;
  gtk_label_set_label (self->day_label, day);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    guild_rating_bar_set_value (GUILD_RATING_BAR (self->ratings[i]),
                            (int) guild_record_get_int (record, measures[i].field));
  gtk_text_buffer_set_text (self->note, guild_record_get_text (record, "note"), -1);
  self->loading = FALSE;
}

/* Section: history */

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  GuildRecord *ra = *(GuildRecord **) a;
  GuildRecord *rb = *(GuildRecord **) b;
  int cmp = g_strcmp0 (guild_record_get_text (rb, "day"), guild_record_get_text (ra, "day"));

  if (cmp != 0)
    return cmp;
  return guild_record_get_id (rb) < guild_record_get_id (ra) ? -1 : 1;
}

static char *
summarize (GuildRecord *record)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      int value = (int) guild_record_get_int (record, measures[i].field);

      if (value == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: one rating in a check-in's summary, as in "Satisfaction 4". */
      g_string_append_printf (text, _("%s %d"), _(measures[i].title), value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_history_activated_cb (GuildCheckinDialog *self,
                         GtkListBoxRow      *row,
                         GtkListBox         *list)
{
  GuildCheckin *checkin = g_object_get_data (G_OBJECT (row), "checkin");

  guild_checkin_dialog_edit (self, checkin);
  adw_view_stack_set_visible_child_name (self->stack, "week");
}

static void
on_history_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GuildCheckinDialog) self = user_data;
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  checkins = guild_store_list_finish (GUILD_STORE (object), result, &error);
  if (checkins == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the check-ins: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history))) != NULL)
    gtk_list_box_remove (self->history, child);

  g_ptr_array_sort (checkins, compare_days);
  for (guint i = 0; i < checkins->len; i++)
    {
      GuildRecord *record = g_ptr_array_index (checkins, i);
      g_autofree char *day = format_day (guild_record_get_text (record, "day"));
      g_autofree char *summary = summarize (record);
      g_autofree char *note = g_strdup (guild_record_get_text (record, "note"));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), day);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   *summary != '\0' ? summary : g_strdelimit (note, "\n", ' '));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "checkin", g_object_ref (record), g_object_unref);
      gtk_list_box_append (self->history, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->history), checkins->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->history_empty), checkins->len == 0);
}

static void
load_history (GuildCheckinDialog *self)
{
  /* A check-in a week: a few hundred rows over years. */
  guild_store_list_async (self->store, GUILD_RECORD_CHECKIN, self->cancellable, on_history_cb,
                          g_object_ref (self));
}

static void
on_store_changed_cb (GuildCheckinDialog *self,
                     guint               kind,
                     gint64              id,
                     guint               change,
                     GuildStore         *store)
{
  if (kind == GUILD_RECORD_CHECKIN)
    load_history (self);
}

/* Section: building */

static GtkWidget *
build_week_page (GuildCheckinDialog *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *intro;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *note_group = adw_preferences_group_new ();
  GtkWidget *note_view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->day_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->day_label), "title-2");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->day_label));
  intro = gtk_label_new (_("Rate this week from 1 to 5. It takes a minute, and the charts show how it changes."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_justify (GTK_LABEL (intro), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (box), intro);

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(measures[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(measures[i].subtitle));
      self->ratings[i] = guild_rating_bar_new (_(measures[i].title));
      g_signal_connect_swapped (self->ratings[i], "notify::value", G_CALLBACK (on_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->ratings[i]);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (box), group);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (note_group), _("Note"));
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (note_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (note_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (note_view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (note_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (note_view), 8);
  gtk_widget_set_size_request (note_view, -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (note_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Check-in note"), -1);
  self->note = gtk_text_view_get_buffer (GTK_TEXT_VIEW (note_view));
  g_signal_connect_swapped (self->note, "changed", G_CALLBACK (on_changed_cb), self);
  gtk_frame_set_child (GTK_FRAME (frame), note_view);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (note_group), frame);
  gtk_box_append (GTK_BOX (box), note_group);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  return scrolled;
}

static GtkWidget *
build_history_page (GuildCheckinDialog *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->history = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->history), "boxed-list");
  gtk_list_box_set_selection_mode (self->history, GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->history), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Past check-ins"), -1);
  g_signal_connect_swapped (self->history, "row-activated",
                            G_CALLBACK (on_history_activated_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->history));

  self->history_empty = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->history_empty, "document-open-recent-symbolic");
  adw_status_page_set_title (self->history_empty, _("No Check-ins Yet"));
  adw_status_page_set_description (self->history_empty,
                                   _("Your weekly check-ins will be listed here."));
  gtk_widget_set_visible (GTK_WIDGET (self->history_empty), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->history_empty));

  return scrolled;
}

static gboolean
on_close_request_cb (GuildCheckinDialog *self)
{
  guild_checkin_dialog_flush (self);
  return FALSE;
}

/* Section: GObject */

static void
guild_checkin_dialog_dispose (GObject *object)
{
  GuildCheckinDialog *self = (GuildCheckinDialog *)object;

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->checkin);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_checkin_dialog_parent_class)->dispose (object);
}

static void
guild_checkin_dialog_class_init (GuildCheckinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_checkin_dialog_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
guild_checkin_dialog_init (GuildCheckinDialog *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_view_switcher_title_new ();
  GtkWidget *bar = adw_view_switcher_bar_new ();
  AdwViewStackPage *page;

  self->cancellable = g_cancellable_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Weekly Check-in"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);

  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  page = adw_view_stack_add_titled (self->stack, build_week_page (self), "week", _("Check-in"));
  adw_view_stack_page_set_icon_name (page, "emblem-ok-symbolic");
  page = adw_view_stack_add_titled (self->stack, build_history_page (self), "history",
                                    _("History"));
  adw_view_stack_page_set_icon_name (page, "document-open-recent-symbolic");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (title), self->stack);
  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (title), _("Weekly Check-in"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (bar), self->stack);
  g_object_bind_property (title, "title-visible", bar, "reveal", G_BINDING_SYNC_CREATE);

  gtk_box_append (GTK_BOX (outer), header);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (outer), bar);
  adw_window_set_content (ADW_WINDOW (self), outer);

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
}

/* Section: public API */

/**
 * guild_checkin_dialog_new:
 *
 * Returns: (transfer none): the dialog on this week's check-in (a new one,
 *   dated today, when the week has none), not yet shown
 */
GuildCheckinDialog *
guild_checkin_dialog_new (GtkWindow  *parent,
                          GuildStore *store)
{
  GuildCheckinDialog *self;
  g_autoptr(GuildCheckin) checkin = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);

  self = g_object_new (GUILD_TYPE_CHECKIN_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  today = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                          (GDateMonth) g_date_time_get_month (now),
                          (GDateYear) g_date_time_get_year (now));
  checkin = guild_store_dup_checkin_for_week (store, today, &error);
  if (checkin == NULL)
    {
      g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");

      if (error != NULL)
        g_warning ("Could not read this week's check-in: %s", error->message);
      checkin = guild_checkin_new (day);
    }

  guild_checkin_dialog_edit (self, checkin);
  load_history (self);

  return self;
}

/**
 * guild_checkin_dialog_edit:
 *
 * Saves what is pending and shows @checkin instead.
 */
void
guild_checkin_dialog_edit (GuildCheckinDialog *self,
                           GuildCheckin       *checkin)
{
  g_return_if_fail (GUILD_IS_CHECKIN_DIALOG (self));
  g_return_if_fail (GUILD_IS_CHECKIN (checkin));

  if (self->checkin != NULL)
    guild_checkin_dialog_flush (self);

  g_set_object (&self->checkin, checkin);
  show_checkin (self);
}

/**
 * guild_checkin_dialog_get_checkin:
 *
 * Returns: (transfer none): the check-in shown
 */
GuildCheckin *
guild_checkin_dialog_get_checkin (GuildCheckinDialog *self)
{
  g_return_val_if_fail (GUILD_IS_CHECKIN_DIALOG (self), NULL);

  return self->checkin;
}

GtkWidget *
_guild_checkin_dialog_get_rating (GuildCheckinDialog *self,
                                  const char         *field)
{
  g_return_val_if_fail (GUILD_IS_CHECKIN_DIALOG (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (g_strcmp0 (measures[i].field, field) == 0)
      return self->ratings[i];

  return NULL;
}
