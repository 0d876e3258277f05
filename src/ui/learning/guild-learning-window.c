/* guild-learning-window.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-learning-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-a11y.h"
#include "guild-course-editor.h"
#include "guild-course-row.h"
#include "guild-learning-window.h"
#include "guild-name-dialog.h"
#include "guild-record-list.h"
#include "guild-skill-editor.h"
#include "guild-skill-row.h"
#include "guild-skills-chart.h"
#include "guild-store-learning.h"
#include "guild-view-state.h"

/* The Learning window: skills and courses, each a list beside the page of
 * the one chosen (an AdwLeaflet, like the other list/detail views: side by
 * side when wide, one at a time with a back button when narrow). The skills
 * tab starts with the skills chart. The lists are GuildRecordLists, loaded on
 * a worker thread and kept in step with the store; the pages edit one record
 * each and save as the user types. */

struct _GuildLearningWindow
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  AdwLeaflet        *leaflet;
  AdwViewStack      *view_stack;
  GtkStack          *skills_stack;
  GtkStack          *courses_stack;
  GtkBox            *skills_box;
  GtkListBox        *skills_list;
  GtkListBox        *courses_list;
  GtkStack          *detail_stack;
  AdwWindowTitle    *detail_title;
  GtkMenuButton     *suggestions_button;
  GtkListBox        *suggestions_list;
  GtkLabel          *suggestions_hint;

  /* Borrowed (children) */
  GuildSkillEditor  *skill_editor;
  GuildCourseEditor *course_editor;
  GuildSkillsChart  *chart;

  /* Owned */
  GuildStore        *store;
  GuildRecordList   *skills;
  GuildRecordList   *courses;
  GuildRecordList   *communities;
  GtkSortListModel  *skills_sorted;
  GtkSortListModel  *courses_sorted;

  GuildRecordKind    shown_kind;
  gint64             shown_id;
};

G_DEFINE_FINAL_TYPE (GuildLearningWindow, guild_learning_window, ADW_TYPE_WINDOW)

static void
add_toast (GuildLearningWindow *self,
           AdwToast            *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (GuildLearningWindow *self,
            const char          *what,
            const GError        *error)
{
  g_autofree char *title = guild_store_describe_error (error, guild_store_get_path (self->store),
                                                       NULL);

  g_warning ("%s: %s", what, error->message);
  add_toast (self, adw_toast_new (title));
}

static void
flush (GuildLearningWindow *self)
{
  /* The editors come with the store. */
  if (self->skill_editor != NULL)
    guild_skill_editor_flush (self->skill_editor);
  if (self->course_editor != NULL)
    guild_course_editor_flush (self->course_editor);
}

/* Section: list states */

static void
update_stack (GtkStack        *stack,
              GuildRecordList *records)
{
  GuildViewState state;

  state = guild_view_state_compute (TRUE,
                                    guild_record_list_get_loading (records),
                                    guild_record_list_get_loaded (records),
                                    g_list_model_get_n_items (G_LIST_MODEL (records)));
  gtk_stack_set_visible_child_name (stack, guild_view_state_get_name (state));
}

static void
update_states (GuildLearningWindow *self)
{
  update_stack (self->skills_stack, self->skills);
  update_stack (self->courses_stack, self->courses);
}

static gboolean
on_skills_tab (GuildLearningWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  return name == NULL || g_str_equal (name, "skills");
}

static void
on_view_changed_cb (GuildLearningWindow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->suggestions_button), on_skills_tab (self));
}

/* Section: showing a record */

static void
select_shown (GuildLearningWindow *self)
{
  GtkListBox *lists[] = { self->skills_list, self->courses_list };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      GuildRecordKind kind = l == 0 ? GUILD_RECORD_SKILL : GUILD_RECORD_COURSE;
      GtkListBoxRow *selected = NULL;

      for (int i = 0; ; i++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (lists[l], i);
          GuildRecord *record;

          if (row == NULL)
            break;
          record = g_object_get_data (G_OBJECT (row), "record");
          if (kind == self->shown_kind && record != NULL &&
              guild_record_get_id (record) == self->shown_id)
            selected = row;
        }

      if (selected != NULL)
        gtk_list_box_select_row (lists[l], selected);
      else
        gtk_list_box_unselect_all (lists[l]);
    }
}

static void
show_nothing (GuildLearningWindow *self)
{
  self->shown_id = 0;
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  adw_window_title_set_title (self->detail_title, "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "learning.delete", FALSE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  select_shown (self);
}

static void
open_record (GuildLearningWindow *self,
             GuildRecordKind      kind,
             gint64               id)
{
  gboolean found;

  flush (self);

  if (kind == GUILD_RECORD_SKILL)
    {
      found = guild_skill_editor_load (self->skill_editor, id);
      gtk_stack_set_visible_child_name (self->detail_stack, "skill");
      adw_window_title_set_title (self->detail_title, _("Skill"));
      adw_view_stack_set_visible_child_name (self->view_stack, "skills");
    }
  else
    {
      found = guild_course_editor_load (self->course_editor, id);
      gtk_stack_set_visible_child_name (self->detail_stack, "course");
      adw_window_title_set_title (self->detail_title, _("Course"));
      adw_view_stack_set_visible_child_name (self->view_stack, "courses");
    }

  if (!found)
    {
      show_nothing (self);
      return;
    }

  self->shown_kind = kind;
  self->shown_id = id;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "learning.delete", TRUE);
  select_shown (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_row_activated_cb (GuildLearningWindow *self,
                     GtkListBoxRow       *row)
{
  GuildRecord *record = g_object_get_data (G_OBJECT (row), "record");

  if (record != NULL)
    open_record (self, guild_record_get_kind (record), guild_record_get_id (record));
}

static void
on_open_course_cb (GuildLearningWindow *self,
                   gint64               id)
{
  open_record (self, GUILD_RECORD_COURSE, id);
}

static void
on_store_changed_cb (GuildLearningWindow *self,
                     guint                kind,
                     gint64               id,
                     guint                change,
                     GuildStore          *store)
{
  if (self->shown_id != 0 && kind == self->shown_kind && id == self->shown_id &&
      change == GUILD_CHANGE_REMOVED)
    show_nothing (self);
}

static GtkWidget *
wrap_row (GtkWidget *child,
          gpointer   item)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (item), g_object_unref);
  /* The row's own name is what a screen reader (and dogtail) finds. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, child, NULL,
                                  -1);

  return row;
}

static GtkWidget *
create_skill_row (gpointer item,
                  gpointer user_data)
{
  return wrap_row (guild_skill_row_new (item), item);
}

static GtkWidget *
create_course_row (gpointer item,
                   gpointer user_data)
{
  return wrap_row (guild_course_row_new (item), item);
}

static int
status_rank (const char *status)
{
  static const char *order[] = { "in_progress", "planned", "completed", "dropped" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_str_equal (status, order[i]))
      return i;

  return G_N_ELEMENTS (order);
}

static int
compare_courses (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GuildRecord *ca = (GuildRecord *) a;
  GuildRecord *cb = (GuildRecord *) b;
  int ra = status_rank (guild_record_get_text (ca, "status"));
  int rb = status_rank (guild_record_get_text (cb, "status"));

  if (ra != rb)
    return ra < rb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  return CLAMP (g_utf8_collate (guild_record_get_text (ca, "title"),
                                guild_record_get_text (cb, "title")), -1, 1);
}

static int
compare_skills (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return CLAMP (g_utf8_collate (guild_record_get_text ((GuildRecord *) a, "name"),
                                guild_record_get_text ((GuildRecord *) b, "name")), -1, 1);
}

/* Section: adding */

typedef struct
{
  GuildLearningWindow *self;
  GuildRecordKind      kind;
} AddData;

static void
add_data_free (gpointer data)
{
  AddData *add = data;

  g_object_unref (add->self);
  g_free (add);
}

static gint64
add_named (GuildLearningWindow *self,
           GuildRecordKind      kind,
           const char          *name)
{
  g_autoptr(GuildRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (kind == GUILD_RECORD_SKILL)
    record = GUILD_RECORD (guild_skill_new (name));
  else
    record = GUILD_RECORD (guild_course_new (name));

  if (!guild_store_add (self->store, record, &error))
    {
      show_error (self, "Could not add", error);
      return 0;
    }

  return guild_record_get_id (record);
}

static void
add_cb (const char *name,
        gpointer    user_data)
{
  AddData *add = user_data;
  gint64 id = add_named (add->self, add->kind, name);

  if (id > 0)
    open_record (add->self, add->kind, id);
}

static void
ask_to_add (GuildLearningWindow *self,
            GuildRecordKind      kind)
{
  AddData *add = g_new0 (AddData, 1);

  add->self = g_object_ref (self);
  add->kind = kind;

  if (kind == GUILD_RECORD_SKILL)
    guild_name_dialog_present (GTK_WIDGET (self),
                               _("New Skill"),
                               _("What do you want to be able to do? For example: SQL, "
                                 "public speaking, Figma."),
                               _("Name"),
                               _("_Add"),
                               add_cb, add, add_data_free);
  else
    guild_name_dialog_present (GTK_WIDGET (self),
                               _("New Course"),
                               _("The course or certification as its provider calls it."),
                               _("Title"),
                               _("_Add"),
                               add_cb, add, add_data_free);
}

/* Section: suggestions */

static void
on_suggestions_show_cb (GuildLearningWindow *self)
{
  g_autoptr(GuildProfile) profile = NULL;
  g_autoptr(GPtrArray) communities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) skills = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);

  /* A single-row read; the lists are already in memory. */
  if (!(profile = guild_store_dup_profile (self->store, &error)))
    g_warning ("Could not read the profile: %s", error->message);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->communities)); i++)
    g_ptr_array_add (communities, g_list_model_get_item (G_LIST_MODEL (self->communities), i));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->skills)); i++)
    g_ptr_array_add (skills, g_list_model_get_item (G_LIST_MODEL (self->skills), i));

  suggestions = guild_learning_suggest_skills (profile, communities, skills);

  for (guint i = 0; i < suggestions->len; i++)
    {
      GuildSkillSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = gtk_label_new (suggestion->name);
      GtkWidget *reason = gtk_label_new (suggestion->reason);
      GtkWidget *row = gtk_list_box_row_new ();
      g_autofree char *label = NULL;

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_xalign (GTK_LABEL (reason), 0);
      gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (reason), 36);
      gtk_widget_add_css_class (reason, "dim-label");
      gtk_widget_add_css_class (reason, "caption");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), reason);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (suggestion->name), g_free);
      /* Translators: a suggested skill's accessible name; %s is the skill. */
      label = g_strdup_printf (_("Add %s"), suggestion->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_list_box_append (self->suggestions_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_list), suggestions->len > 0);
  gtk_label_set_text (self->suggestions_hint,
                      suggestions->len > 0
                      ? _("From your target field and your communities. Click one to add it.")
                      : _("No suggestions yet. Fill in your target field in the profile, or "
                          "add the communities you take part in."));
}

static void
on_suggestion_activated_cb (GuildLearningWindow *self,
                            GtkListBoxRow       *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "name");
  g_autofree char *title = NULL;
  gint64 id;

  gtk_menu_button_popdown (self->suggestions_button);
  if (name == NULL || (id = add_named (self, GUILD_RECORD_SKILL, name)) == 0)
    return;

  /* Translators: a toast; %s is a skill's name. */
  title = g_strdup_printf (_("Added “%s”"), name);
  add_toast (self, adw_toast_new (title));
  open_record (self, GUILD_RECORD_SKILL, id);
}

/* Section: deleting */

static void
on_undo_clicked_cb (AdwToast *toast,
                    gpointer  user_data)
{
  GuildLearningWindow *self = user_data;
  GuildLearningUndo *undo = g_object_get_data (G_OBJECT (toast), "undo");
  GuildRecordKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "kind"));
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (undo == NULL)
    return;

  if ((id = guild_store_undo_remove_learning (self->store, undo, &error)) == 0)
    {
      show_error (self, "Could not undo a deletion", error);
      return;
    }

  g_object_set_data (G_OBJECT (toast), "undo", NULL);
  open_record (self, kind, id);
}

static void
delete_shown (GuildLearningWindow *self)
{
  g_autoptr(GuildLearningUndo) undo = NULL;
  g_autoptr(GuildRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GuildRecordKind kind = self->shown_kind;
  AdwToast *toast;

  if (self->shown_id == 0)
    return;

  /* Whatever was typed is saved first, so that Undo brings it back. */
  flush (self);

  if (!(record = guild_store_load (self->store, kind, self->shown_id, &error)) ||
      !guild_store_remove_learning (self->store, kind, self->shown_id, &undo, &error))
    {
      show_error (self, "Could not delete", error);
      return;
    }

  /* Translators: a toast after deleting a skill or a course; %s is its name. */
  title = g_strdup_printf (_("“%s” deleted"),
                           guild_record_get_text (record, kind == GUILD_RECORD_SKILL
                                                          ? "name" : "title"));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "undo", g_steal_pointer (&undo),
                          (GDestroyNotify) guild_learning_undo_free);
  g_object_set_data (G_OBJECT (toast), "kind", GUINT_TO_POINTER (kind));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  add_toast (self, toast);

  show_nothing (self);
}

/* Section: actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GuildLearningWindow *self = GUILD_LEARNING_WINDOW (widget);

  ask_to_add (self, on_skills_tab (self) ? GUILD_RECORD_SKILL : GUILD_RECORD_COURSE);
}

static void
new_skill_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ask_to_add (GUILD_LEARNING_WINDOW (widget), GUILD_RECORD_SKILL);
}

static void
new_course_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ask_to_add (GUILD_LEARNING_WINDOW (widget), GUILD_RECORD_COURSE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  delete_shown (GUILD_LEARNING_WINDOW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GuildLearningWindow *self = GUILD_LEARNING_WINDOW (widget);

  flush (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
suggestions_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GuildLearningWindow *self = GUILD_LEARNING_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "skills");
  gtk_menu_button_popup (self->suggestions_button);
}

static void
show_tab_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GuildLearningWindow *self = GUILD_LEARNING_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

/* Section: GObject */

static gboolean
guild_learning_window_close_request (GtkWindow *window)
{
  flush (GUILD_LEARNING_WINDOW (window));

  return GTK_WINDOW_CLASS (guild_learning_window_parent_class)->close_request (window);
}

static void
on_leaflet_visible_child_cb (GuildLearningWindow *self)
{
  /* Going back to the list when folded leaves the page: save now. */
  const char *name = adw_leaflet_get_visible_child_name (self->leaflet);

  if (name != NULL && g_str_equal (name, "list"))
    flush (self);
}

static void
guild_learning_window_dispose (GObject *object)
{
  GuildLearningWindow *self = (GuildLearningWindow *)object;

  flush (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_LEARNING_WINDOW);
  /* They were children of the template's stack, gone now. */
  self->skill_editor = NULL;
  self->course_editor = NULL;
  self->chart = NULL;

  g_clear_object (&self->skills_sorted);
  g_clear_object (&self->courses_sorted);
  g_clear_object (&self->skills);
  g_clear_object (&self->courses);
  g_clear_object (&self->communities);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_learning_window_parent_class)->dispose (object);
}

static void
guild_learning_window_class_init (GuildLearningWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = guild_learning_window_dispose;
  window_class->close_request = guild_learning_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/learning/guild-learning-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, skills_stack);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, courses_stack);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, skills_box);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, skills_list);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, courses_list);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, detail_title);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, suggestions_button);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, GuildLearningWindow, suggestions_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestions_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_activated_cb);

  gtk_widget_class_install_action (widget_class, "learning.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "learning.new-skill", NULL, new_skill_action);
  gtk_widget_class_install_action (widget_class, "learning.new-course", NULL, new_course_action);
  gtk_widget_class_install_action (widget_class, "learning.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "learning.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "learning.suggestions", NULL,
                                   suggestions_action);
  gtk_widget_class_install_action (widget_class, "learning.show-tab", "s", show_tab_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "learning.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "learning.show-tab", "s", "skills");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "learning.show-tab", "s", "courses");
}

static void
guild_learning_window_init (GuildLearningWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  guild_a11y_follow_stack (GTK_WIDGET (self->skills_stack));
  guild_a11y_follow_stack (GTK_WIDGET (self->courses_stack));
  guild_a11y_follow_stack (GTK_WIDGET (self->detail_stack));
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (on_leaflet_visible_child_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "learning.delete", FALSE);
}

static void
setup_store (GuildLearningWindow *self,
             GuildStore          *store)
{
  GtkWidget *card;

  self->store = g_object_ref (store);
  self->skills = guild_record_list_new (store, GUILD_RECORD_SKILL);
  self->courses = guild_record_list_new (store, GUILD_RECORD_COURSE);
  self->communities = guild_record_list_new (store, GUILD_RECORD_COMMUNITY);

  self->skills_sorted =
    gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->skills)),
                             GTK_SORTER (gtk_custom_sorter_new (compare_skills, NULL, NULL)));
  self->courses_sorted =
    gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->courses)),
                             GTK_SORTER (gtk_custom_sorter_new (compare_courses, NULL, NULL)));

  gtk_list_box_bind_model (self->skills_list, G_LIST_MODEL (self->skills_sorted),
                           create_skill_row, self, NULL);
  gtk_list_box_bind_model (self->courses_list, G_LIST_MODEL (self->courses_sorted),
                           create_course_row, self, NULL);

  /* After the list box has rebuilt its rows, select the shown one again. */
  g_signal_connect_object (self->skills_sorted, "items-changed", G_CALLBACK (select_shown), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->courses_sorted, "items-changed", G_CALLBACK (select_shown), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  for (guint i = 0; i < 2; i++)
    {
      GuildRecordList *list = i == 0 ? self->skills : self->courses;

      g_signal_connect_object (list, "notify::loading", G_CALLBACK (update_states), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::loaded", G_CALLBACK (update_states), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::n-items", G_CALLBACK (update_states), self,
                               G_CONNECT_SWAPPED);
    }

  self->skill_editor = GUILD_SKILL_EDITOR (guild_skill_editor_new (store, self->skills,
                                                                   self->communities));
  g_signal_connect_object (self->skill_editor, "open-course", G_CALLBACK (on_open_course_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->skill_editor), "skill");
  self->course_editor = GUILD_COURSE_EDITOR (guild_course_editor_new (store, self->skills,
                                                                      self->communities));
  gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->course_editor), "course");

  /* The overview: the same chart the charts pane can show. */
  self->chart = GUILD_SKILLS_CHART (guild_skills_chart_new (store));
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_bottom (card, 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->chart), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->chart), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->chart), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->chart), 12);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->chart));
  gtk_box_insert_child_after (self->skills_box, card,
                              gtk_widget_get_first_child (GTK_WIDGET (self->skills_box)));

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  guild_record_list_load (self->skills);
  guild_record_list_load (self->courses);
  guild_record_list_load (self->communities);
  update_states (self);
  on_view_changed_cb (self);
}

/* Section: public API */

/**
 * guild_learning_window_new:
 * @store: the store to show and edit
 *
 * Returns: (transfer full): a new Learning window
 */
GuildLearningWindow *
guild_learning_window_new (GuildStore *store)
{
  GuildLearningWindow *self;

  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);

  self = g_object_new (GUILD_TYPE_LEARNING_WINDOW, NULL);
  setup_store (self, store);

  return self;
}

/**
 * guild_learning_window_present:
 * @parent: (nullable): the window it belongs to
 * @store: the store
 *
 * Shows the application's Learning window for @store, opening it the first
 * time.
 *
 * Returns: (transfer none): the window
 */
GuildLearningWindow *
guild_learning_window_present (GtkWindow  *parent,
                               GuildStore *store)
{
  GtkApplication *app = parent != NULL ? gtk_window_get_application (parent) : NULL;
  GuildLearningWindow *self = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);

  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (GUILD_IS_LEARNING_WINDOW (l->data) && GUILD_LEARNING_WINDOW (l->data)->store == store)
      self = l->data;

  if (self == NULL)
    {
      self = guild_learning_window_new (store);
      if (app != NULL)
        gtk_window_set_application (GTK_WINDOW (self), app);
    }

  gtk_window_present (GTK_WINDOW (self));

  return self;
}

/**
 * guild_learning_window_open:
 * @kind: %GUILD_RECORD_SKILL or %GUILD_RECORD_COURSE
 *
 * Shows the page of one skill or course.
 */
void
guild_learning_window_open (GuildLearningWindow *self,
                            GuildRecordKind      kind,
                            gint64               id)
{
  g_return_if_fail (GUILD_IS_LEARNING_WINDOW (self));
  g_return_if_fail (kind == GUILD_RECORD_SKILL || kind == GUILD_RECORD_COURSE);

  open_record (self, kind, id);
}

GuildSkillEditor *
guild_learning_window_get_skill_editor (GuildLearningWindow *self)
{
  g_return_val_if_fail (GUILD_IS_LEARNING_WINDOW (self), NULL);

  return self->skill_editor;
}

GuildCourseEditor *
guild_learning_window_get_course_editor (GuildLearningWindow *self)
{
  g_return_val_if_fail (GUILD_IS_LEARNING_WINDOW (self), NULL);

  return self->course_editor;
}

GuildSkillsChart *
guild_learning_window_get_chart (GuildLearningWindow *self)
{
  g_return_val_if_fail (GUILD_IS_LEARNING_WINDOW (self), NULL);

  return self->chart;
}

GtkListBox *
guild_learning_window_get_list (GuildLearningWindow *self,
                                GuildRecordKind      kind)
{
  g_return_val_if_fail (GUILD_IS_LEARNING_WINDOW (self), NULL);

  return kind == GUILD_RECORD_SKILL ? self->skills_list : self->courses_list;
}
