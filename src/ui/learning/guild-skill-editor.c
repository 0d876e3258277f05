/* guild-skill-editor.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-skill-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-autosave.h"
#include "guild-format.h"
#include "guild-learning-format.h"
#include "guild-skill-editor.h"
#include "guild-skill-levels.h"
#include "guild-store-learning.h"

/* A skill's page: its name, current and target level, the evidence for it,
 * and everything done for it (the courses that build it and the activities
 * that name it). Edits save as the user types, half a second after the last
 * keystroke, and at once when the page is left (guild_skill_editor_flush).
 * An empty name is shown as an error and not saved; the other fields still
 * are. */

#define ACTIVITY_LIMIT   20

struct _GuildSkillEditor
{
  GtkWidget         parent_instance;

  /* Owned (children) */
  GtkWidget        *page;

  /* Borrowed */
  AdwEntryRow      *name_row;
  GtkLabel         *name_error;
  GtkSpinButton    *level_spin;
  GtkSpinButton    *target_spin;
  AdwActionRow     *levels_row;
  GuildSkillLevels *levels;
  GtkTextView      *evidence_view;
  GtkTextView      *notes_view;
  GtkListBox       *done_list;
  GtkLabel         *done_summary;

  /* Owned */
  GuildStore       *store;
  GuildRecord      *record;
  GuildAutosave     *autosave;
  guint             done_id;
  GCancellable     *done_cancellable;

  guint             loading : 1;
  guint             saving : 1;
  guint             has_error : 1;
};

enum {
  OPEN_COURSE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (GuildSkillEditor, guild_skill_editor, GTK_TYPE_WIDGET)

static void fill (GuildSkillEditor *self);

static void
show_toast (GuildSkillEditor *self,
            const char       *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static char *
dup_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_levels (GuildSkillEditor *self)
{
  int level = gtk_spin_button_get_value_as_int (self->level_spin);
  int target = gtk_spin_button_get_value_as_int (self->target_spin);
  g_autofree char *gap = guild_learning_gap_text (level, target);
  g_autofree char *levels = guild_learning_levels_text (level, target);

  guild_skill_levels_set (self->levels, level, target);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->levels_row), levels);
  adw_action_row_set_subtitle (self->levels_row, gap);
}

/* Section: saving */

static gboolean
validate (GuildSkillEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  gboolean valid = *name != '\0';

  gtk_widget_set_visible (GTK_WIDGET (self->name_error), !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  self->has_error = !valid;

  return valid;
}

static void
save (GuildSkillEditor *self)
{
  g_autoptr(GuildRecord) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *notes = NULL;

  g_assert (GUILD_IS_SKILL_EDITOR (self));

  if (self->record == NULL || self->store == NULL)
    return;

  before = guild_record_new_for_kind (GUILD_RECORD_SKILL);
  guild_record_copy_fields (before, self->record);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (validate (self))
    guild_record_set_text (self->record, "name", name);
  guild_record_set_int (self->record, "level", gtk_spin_button_get_value_as_int (self->level_spin));
  guild_record_set_int (self->record, "target-level",
                        gtk_spin_button_get_value_as_int (self->target_spin));
  evidence = dup_view_text (self->evidence_view);
  guild_record_set_text (self->record, "evidence", evidence);
  notes = dup_view_text (self->notes_view);
  guild_record_set_text (self->record, "notes", notes);

  if (guild_record_fields_equal (before, self->record))
    return;

  self->saving = TRUE;
  if (!guild_store_update (self->store, self->record, &error))
    {
      g_autofree char *title = guild_store_describe_error (error, guild_store_get_path (self->store),
                                                           NULL);

      g_autoptr(GError) reload_error = NULL;

      g_warning ("Could not save a skill: %s", error->message);
      if (guild_store_reload (self->store, self->record, &reload_error))
        fill (self);
      show_toast (self, title);
    }
  self->saving = FALSE;
}

static void
schedule_save (GuildSkillEditor *self)
{
  g_assert (GUILD_IS_SKILL_EDITOR (self));

  if (self->loading || self->record == NULL)
    return;

  validate (self);
  guild_autosave_schedule (self->autosave);
}

static void
on_level_changed_cb (GuildSkillEditor *self)
{
  update_levels (self);
  schedule_save (self);
}

/* Section: done for the skill */

static void
on_course_activated_cb (GuildSkillEditor *self,
                        AdwActionRow     *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "course-id"));

  g_signal_emit (self, signals [OPEN_COURSE], 0, id);
}

static char *
activity_when (gint64 at)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_local (at);

  if (date_time == NULL)
    return g_strdup ("");

  /* Translators: when an activity happened, as in "5 November 2025". */
  return guild_format_date_time (date_time, C_("learning date", "%-d %B %Y"));
}

static void
show_done (GuildSkillEditor *self,
           GuildSkillDone   *done)
{
  g_autofree char *summary = NULL;
  GtkWidget *child;
  guint n_courses = done != NULL ? done->courses->len : 0;
  guint n_shown = done != NULL ? done->activities->len : 0;
  guint n_activities = done != NULL ? done->n_activities : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->done_list))) != NULL)
    gtk_list_box_remove (self->done_list, child);

  for (guint i = 0; i < n_courses; i++)
    {
      const GuildSkillDoneItem *course = &g_array_index (done->courses, GuildSkillDoneItem, i);
      g_autofree char *progress = guild_learning_progress_text (course->progress);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: a course under a skill: its status and progress. */
      subtitle = g_strdup_printf (_("Course · %s · %s"),
                                  guild_vocab_label (GUILD_VOCAB_COURSE_STATUS, course->status),
                                  progress);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), course->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("accessories-dictionary-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "course-id", GSIZE_TO_POINTER (course->id));
      g_signal_connect_object (row, "activated", G_CALLBACK (on_course_activated_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->done_list, row);
    }

  for (guint i = 0; i < n_shown; i++)
    {
      const GuildSkillDoneItem *activity = &g_array_index (done->activities,
                                                           GuildSkillDoneItem, i);
      g_autofree char *when = activity_when (activity->at);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      subtitle = *activity->title != '\0' ? g_strdup_printf ("%s · %s", when, activity->title)
                                          : g_strdup (when);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     guild_vocab_label (GUILD_VOCAB_ACTIVITY_KIND,
                                                        activity->status));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("document-edit-symbolic"));
      gtk_list_box_append (self->done_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->done_list), n_courses + n_shown > 0);

  if (done == NULL)
    {
      summary = g_strdup ("");
    }
  else if (n_courses + n_activities == 0)
    {
      summary = g_strdup (_("No course or activity names this skill yet. Add the skill to a "
                            "course on the course's page, or to an activity in the log."));
    }
  else
    {
      g_autofree char *courses_text = NULL;
      g_autofree char *activities_text = NULL;

      courses_text = g_strdup_printf (ngettext ("%u course", "%u courses", n_courses),
                                      n_courses);
      activities_text = g_strdup_printf (ngettext ("%u activity", "%u activities", n_activities),
                                         n_activities);
      /* Translators: what was done for a skill: "2 courses, 5 activities". */
      summary = g_strdup_printf (_("%s, %s"), courses_text, activities_text);
    }
  gtk_label_set_text (self->done_summary, summary);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GuildSkillEditor) self = user_data;
  g_autoptr(GuildSkillDone) done = NULL;
  g_autoptr(GError) error = NULL;

  if (!(done = guild_store_skill_done_finish (GUILD_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read what was done for a skill: %s", error->message);
      return;
    }

  if (self->record != NULL)
    show_done (self, done);
}

/* Reads on a worker thread: a skill may be named by thousands of
 * activities. */
static void
load_done (GuildSkillEditor *self)
{
  g_assert (GUILD_IS_SKILL_EDITOR (self));

  g_cancellable_cancel (self->done_cancellable);
  g_clear_object (&self->done_cancellable);

  if (self->record == NULL || self->store == NULL)
    {
      show_done (self, NULL);
      return;
    }

  self->done_cancellable = g_cancellable_new ();
  guild_store_skill_done_async (self->store, guild_record_get_id (self->record), ACTIVITY_LIMIT,
                                self->done_cancellable, done_cb, g_object_ref (self));
}

static gboolean
done_idle (gpointer user_data)
{
  GuildSkillEditor *self = user_data;

  self->done_id = 0;
  load_done (self);

  return G_SOURCE_REMOVE;
}

static void
fill (GuildSkillEditor *self)
{
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->evidence_view);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         guild_record_get_text (self->record, "name"));
  gtk_spin_button_set_value (self->level_spin, guild_record_get_int (self->record, "level"));
  gtk_spin_button_set_value (self->target_spin,
                             guild_record_get_int (self->record, "target-level"));
  gtk_text_buffer_set_text (buffer, guild_record_get_text (self->record, "evidence"), -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            guild_record_get_text (self->record, "notes"), -1);
  update_levels (self);
  validate (self);
  self->loading = FALSE;
}

static void
on_store_changed_cb (GuildSkillEditor *self,
                     guint             kind,
                     gint64            id,
                     guint             change,
                     GuildStore       *store)
{
  g_assert (GUILD_IS_SKILL_EDITOR (self));

  if (self->record == NULL)
    return;

  if (kind == GUILD_RECORD_SKILL && id == guild_record_get_id (self->record) &&
      change == GUILD_CHANGE_CHANGED && !self->saving && !guild_autosave_get_pending (self->autosave))
    {
      /* Changed elsewhere (levels raised after a course): show it, unless
       * the user is typing here, whose edit wins when it is saved. */
      g_autoptr(GError) error = NULL;

      if (guild_store_reload (self->store, self->record, &error))
        fill (self);
    }

  if ((kind == GUILD_RECORD_COURSE || kind == GUILD_RECORD_ACTIVITY) && self->done_id == 0)
    self->done_id = g_idle_add_full (G_PRIORITY_LOW, done_idle, self, NULL);
}

/* Section: GObject */

static void
guild_skill_editor_dispose (GObject *object)
{
  GuildSkillEditor *self = (GuildSkillEditor *)object;

  guild_skill_editor_flush (self);
  g_clear_object (&self->autosave);
  g_clear_handle_id (&self->done_id, g_source_remove);
  g_cancellable_cancel (self->done_cancellable);
  g_clear_object (&self->done_cancellable);
  g_clear_pointer (&self->page, gtk_widget_unparent);
  g_clear_object (&self->record);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_skill_editor_parent_class)->dispose (object);
}

static void
guild_skill_editor_class_init (GuildSkillEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_skill_editor_dispose;

  /**
   * GuildSkillEditor::open-course:
   * @id: the course's id
   *
   * The user chose a course that builds the skill.
   */
  signals [OPEN_COURSE] =
    g_signal_new ("open-course",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* The row it sits in names it (activatable-widget). */
static GtkSpinButton *
new_level_spin (void)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, GUILD_SKILL_MAX_LEVEL, 1);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);

  return GTK_SPIN_BUTTON (spin);
}

static GtkWidget *
new_spin_row (const char    *title,
              const char    *subtitle,
              GtkSpinButton *spin)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (spin));

  return row;
}

static void
guild_skill_editor_init (GuildSkillEditor *self)
{
  GtkWidget *group;
  GtkWidget *frame;
  GtkWidget *row;

  self->autosave = guild_autosave_new (0);
  g_signal_connect_object (self->autosave, "save", G_CALLBACK (save), self, G_CONNECT_SWAPPED);
  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));

  /* The skill */
  group = adw_preferences_group_new ();
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));

  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (schedule_save), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->name_row));

  self->levels_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->levels = GUILD_SKILL_LEVELS (guild_skill_levels_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->levels), 140, -1);
  adw_action_row_add_suffix (self->levels_row, GTK_WIDGET (self->levels));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->levels_row));

  self->level_spin = new_level_spin ();
  g_signal_connect_object (self->level_spin, "value-changed", G_CALLBACK (on_level_changed_cb),
                           self, G_CONNECT_SWAPPED);
  row = new_spin_row (_("_Current Level"), _("From 1, first steps, to 5, expert; 0 for not yet"),
                      self->level_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  self->target_spin = new_level_spin ();
  g_signal_connect_object (self->target_spin, "value-changed", G_CALLBACK (on_level_changed_cb),
                           self, G_CONNECT_SWAPPED);
  row = new_spin_row (_("_Target Level"), _("The level the new job asks for"), self->target_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  self->name_error = GTK_LABEL (gtk_label_new (_("A skill needs a name. The other fields are "
                                                 "saved; the name is kept as it was.")));
  gtk_label_set_wrap (self->name_error, TRUE);
  gtk_label_set_xalign (self->name_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_error), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->name_error), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->name_error));

  /* Evidence */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Evidence"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What shows the skill: a link or a project."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));

  self->evidence_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->evidence_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->evidence_view, 10);
  gtk_text_view_set_bottom_margin (self->evidence_view, 10);
  gtk_text_view_set_left_margin (self->evidence_view, 12);
  gtk_text_view_set_right_margin (self->evidence_view, 12);
  gtk_widget_set_size_request (GTK_WIDGET (self->evidence_view), -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->evidence_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Evidence"),
                                  -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->evidence_view), "changed",
                           G_CALLBACK (schedule_save), self, G_CONNECT_SWAPPED);
  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "view");
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->evidence_view));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);

  /* Notes */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Notes"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Anything else about the skill: what to practise "
                                           "next, what you learned, who can help."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));

  self->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->notes_view, 10);
  gtk_text_view_set_bottom_margin (self->notes_view, 10);
  gtk_text_view_set_left_margin (self->notes_view, 12);
  gtk_text_view_set_right_margin (self->notes_view, 12);
  gtk_widget_set_size_request (GTK_WIDGET (self->notes_view), -1, 120);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"),
                                  -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (schedule_save), self, G_CONNECT_SWAPPED);
  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "view");
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->notes_view));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);

  /* Done for it */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Done for This Skill"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));

  self->done_summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->done_summary, TRUE);
  gtk_label_set_xalign (self->done_summary, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->done_summary), "dim-label");
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->done_summary), 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->done_summary));

  self->done_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->done_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->done_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->done_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done for this skill"),
                                  -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->done_list));
}

/* Section: public API */

/**
 * guild_skill_editor_new:
 * @skills: (nullable): unused; for the same shape as the course editor
 * @communities: (nullable): unused
 *
 * Returns: (transfer floating): an editor for skills of @store.
 */
GtkWidget *
guild_skill_editor_new (GuildStore      *store,
                        GuildRecordList *skills,
                        GuildRecordList *communities)
{
  GuildSkillEditor *self;

  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);

  self = g_object_new (GUILD_TYPE_SKILL_EDITOR, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

gint64
guild_skill_editor_get_id (GuildSkillEditor *self)
{
  g_return_val_if_fail (GUILD_IS_SKILL_EDITOR (self), 0);

  return self->record != NULL ? guild_record_get_id (self->record) : 0;
}

/**
 * guild_skill_editor_load:
 * @id: a skill's id, or 0 for none
 *
 * Saves what is pending for the skill shown, then shows another.
 *
 * Returns: whether the skill could be read
 */
gboolean
guild_skill_editor_load (GuildSkillEditor *self,
                         gint64            id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GUILD_IS_SKILL_EDITOR (self), FALSE);

  guild_skill_editor_flush (self);
  g_clear_object (&self->record);

  if (id > 0 && !(self->record = guild_store_load (self->store, GUILD_RECORD_SKILL, id, &error)))
    g_warning ("Could not read a skill: %s", error->message);

  if (self->record != NULL)
    fill (self);
  show_done (self, NULL);
  load_done (self);

  return self->record != NULL;
}

/**
 * guild_skill_editor_flush:
 *
 * Saves a pending edit now (leaving the page, closing the window).
 */
void
guild_skill_editor_flush (GuildSkillEditor *self)
{
  g_return_if_fail (GUILD_IS_SKILL_EDITOR (self));

  guild_autosave_flush (self->autosave);
}

gboolean
guild_skill_editor_has_error (GuildSkillEditor *self)
{
  g_return_val_if_fail (GUILD_IS_SKILL_EDITOR (self), FALSE);

  return self->has_error;
}
