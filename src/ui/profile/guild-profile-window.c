/* guild-profile-window.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-profile-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "guild-profile-window.h"
#include "guild-record.h"
#include "guild-records.h"

/* "My Profile": the seed's checklist for creating a profile (professional
 * information, experience, interests, participation goals, contact details),
 * with a completeness indicator that names what is still missing. Saved as
 * the user types (half a second after the last change, and at once when the
 * window closes); an invalid address is marked and not saved. */

#define SAVE_DELAY_MS 500

struct _GuildProfileWindow
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkLabel       *summary_label;
  GtkLevelBar    *completeness_bar;
  GtkLabel       *missing_label;
  AdwEntryRow    *name_row;
  AdwEntryRow    *target_field_row;
  AdwEntryRow    *current_role_row;
  GtkTextView    *experience_view;
  GtkTextView    *interests_view;
  GtkTextView    *goals_view;
  AdwEntryRow    *email_row;
  AdwEntryRow    *url_row;
  GtkLabel       *status_label;

  /* Owned */
  GuildStore     *store;
  GuildRecord    *profile;

  guint           save_source;
  guint           populating : 1;
  guint           dirty : 1;
  guint           email_invalid : 1;
  guint           url_invalid : 1;
};

G_DEFINE_FINAL_TYPE (GuildProfileWindow, guild_profile_window, ADW_TYPE_WINDOW)

/* The checklist, in the seed's order. */
static const struct
{
  const char *field;
  const char *label;
} checklist[] = {
  { "name", N_("your name") },
  { "target-field", N_("the field you are moving into") },
  { "current-role", N_("your current role") },
  { "experience", N_("relevant experience") },
  { "interests", N_("professional interests") },
  { "participation-goals", N_("participation goals") },
  { "email", N_("a way to contact you") },
};

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/**
 * guild_profile_dup_missing:
 * @profile: a #GuildProfile
 * @n_items: (out): the number of items of the checklist
 *
 * The items of the seed's profile checklist that @profile does not fill in
 * yet. Contact details count when there is an e-mail or a web address.
 *
 * Returns: (transfer full): the translated names of the missing items
 */
char **
guild_profile_dup_missing (GuildRecord *profile,
                           guint       *n_items)
{
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();

  g_return_val_if_fail (GUILD_IS_RECORD (profile), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (checklist); i++)
    {
      gboolean done = !is_blank (guild_record_get_text (profile, checklist[i].field));

      if (g_str_equal (checklist[i].field, "email"))
        done = done || !is_blank (guild_record_get_text (profile, "url"));
      if (!done)
        g_strv_builder_add (missing, _(checklist[i].label));
    }

  if (n_items != NULL)
    *n_items = G_N_ELEMENTS (checklist);
  return g_strv_builder_end (missing);
}

static void
update_completeness (GuildProfileWindow *self)
{
  g_auto(GStrv) missing = NULL;
  g_autofree char *summary = NULL;
  guint n_items;
  guint n_missing;

  missing = guild_profile_dup_missing (self->profile, &n_items);
  n_missing = g_strv_length (missing);

  /* Translators: profile completeness, e.g. "5 of 7 done". */
  summary = g_strdup_printf (ngettext ("%u of %u done", "%u of %u done", n_items),
                             n_items - n_missing, n_items);
  gtk_label_set_label (self->summary_label, summary);
  gtk_level_bar_set_value (self->completeness_bar, (double) (n_items - n_missing) / n_items);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->completeness_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, summary, -1);

  if (n_missing == 0)
    gtk_label_set_label (self->missing_label,
                         _("Your profile is complete: people in your communities can see who "
                           "you are, what you are looking for and how to reach you."));
  else
    {
      g_autofree char *list = g_strjoinv (", ", missing);
      /* Translators: %s is a list such as "your current role, interests". */
      g_autofree char *text = g_strdup_printf (_("Still missing: %s."), list);

      gtk_label_set_label (self->missing_label, text);
    }
}

static gboolean
save (GuildProfileWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->dirty || self->store == NULL)
    return TRUE;

  if (!guild_store_save_singleton (self->store, self->profile, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

      g_warning ("Could not save the profile: %s", error->message);
      gtk_label_set_label (self->status_label, text);
      return FALSE;
    }

  self->dirty = FALSE;
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  GuildProfileWindow *self = user_data;

  self->save_source = 0;
  save (self);
  return G_SOURCE_REMOVE;
}

static void
set_field (GuildProfileWindow *self,
           const char         *field,
           const char         *value)
{
  if (g_strcmp0 (guild_record_get_text (self->profile, field), value) == 0)
    return;

  guild_record_set_text (self->profile, field, value);
  self->dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  update_completeness (self);
}

static void
mark (GtkWidget  *row,
      const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
update_status (GuildProfileWindow *self)
{
  if (self->email_invalid)
    gtk_label_set_label (self->status_label,
                         _("Not saved: an e-mail address looks like name@example.com"));
  else if (self->url_invalid)
    gtk_label_set_label (self->status_label,
                         _("Not saved: a web address looks like https://example.com"));
  else
    gtk_label_set_label (self->status_label, "");

  if (self->email_invalid || self->url_invalid)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
on_row_changed_cb (GuildProfileWindow *self,
                   GtkEditable        *editable)
{
  const char *field = g_object_get_data (G_OBJECT (editable), "guild-field");
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (self->populating)
    return;

  if (g_str_equal (field, "email"))
    {
      self->email_invalid = *value != '\0' &&
                            (strchr (value, '@') == NULL || strchr (value, ' ') != NULL);
      mark (GTK_WIDGET (editable), self->email_invalid
                                   ? _("An e-mail address looks like name@example.com") : NULL);
      update_status (self);
      if (self->email_invalid)
        return;
    }
  else if (g_str_equal (field, "url"))
    {
      self->url_invalid = *value != '\0' && !guild_url_is_valid (value);
      mark (GTK_WIDGET (editable), self->url_invalid
                                   ? _("A web address looks like https://example.com") : NULL);
      update_status (self);
      if (self->url_invalid)
        return;
    }

  set_field (self, field, value);
}

static void
on_buffer_changed_cb (GuildProfileWindow *self,
                      GtkTextBuffer      *buffer)
{
  const char *field = g_object_get_data (G_OBJECT (buffer), "guild-field");
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->populating)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  set_field (self, field, text);
}

static void
setup_row (GuildProfileWindow *self,
           AdwEntryRow        *row,
           const char         *field)
{
  g_object_set_data (G_OBJECT (row), "guild-field", (gpointer) field);
  gtk_editable_set_text (GTK_EDITABLE (row), guild_record_get_text (self->profile, field));
  g_signal_connect_object (row, "changed", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
setup_view (GuildProfileWindow *self,
            GtkTextView        *view,
            const char         *field)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  g_object_set_data (G_OBJECT (buffer), "guild-field", (gpointer) field);
  gtk_text_buffer_set_text (buffer, guild_record_get_text (self->profile, field), -1);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static gboolean
guild_profile_window_close_request (GtkWindow *window)
{
  save (GUILD_PROFILE_WINDOW (window));

  return GTK_WINDOW_CLASS (guild_profile_window_parent_class)->close_request (window);
}

static void
guild_profile_window_dispose (GObject *object)
{
  GuildProfileWindow *self = (GuildProfileWindow *)object;

  save (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_PROFILE_WINDOW);
  g_clear_object (&self->profile);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_profile_window_parent_class)->dispose (object);
}

static void
guild_profile_window_class_init (GuildProfileWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = guild_profile_window_dispose;
  window_class->close_request = guild_profile_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/profile/guild-profile-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GuildProfileWindow, name)
  BIND (summary_label);
  BIND (completeness_bar);
  BIND (missing_label);
  BIND (name_row);
  BIND (target_field_row);
  BIND (current_role_row);
  BIND (experience_view);
  BIND (interests_view);
  BIND (goals_view);
  BIND (email_row);
  BIND (url_row);
  BIND (status_label);
#undef BIND

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
guild_profile_window_init (GuildProfileWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->profile = GUILD_RECORD (guild_profile_new ());
  update_completeness (self);
}

/**
 * guild_profile_window_new:
 * @store: the database whose profile to edit
 *
 * Returns: (transfer none): a new window showing the stored profile
 */
GuildProfileWindow *
guild_profile_window_new (GtkWindow  *parent,
                          GuildStore *store)
{
  g_autoptr(GError) error = NULL;
  GuildProfileWindow *self;
  GuildProfile *profile;

  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);

  self = g_object_new (GUILD_TYPE_PROFILE_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);

  /* One row: fine on the main thread. */
  profile = guild_store_dup_profile (store, &error);
  if (profile != NULL)
    {
      g_clear_object (&self->profile);
      self->profile = GUILD_RECORD (profile);
    }
  else
    g_warning ("Could not read the profile: %s", error->message);

  self->populating = TRUE;
  setup_row (self, self->name_row, "name");
  setup_row (self, self->target_field_row, "target-field");
  setup_row (self, self->current_role_row, "current-role");
  setup_view (self, self->experience_view, "experience");
  setup_view (self, self->interests_view, "interests");
  setup_view (self, self->goals_view, "participation-goals");
  setup_row (self, self->email_row, "email");
  setup_row (self, self->url_row, "url");
  self->populating = FALSE;

  update_completeness (self);
  return self;
}

/**
 * guild_profile_window_flush:
 *
 * Saves a pending change now.
 */
gboolean
guild_profile_window_flush (GuildProfileWindow *self)
{
  g_return_val_if_fail (GUILD_IS_PROFILE_WINDOW (self), FALSE);

  return save (self);
}

/* For the tests. */
GtkWidget *
_guild_profile_window_get_row (GuildProfileWindow *self,
                               const char         *field)
{
  g_return_val_if_fail (GUILD_IS_PROFILE_WINDOW (self), NULL);

  if (g_str_equal (field, "target-field"))
    return GTK_WIDGET (self->target_field_row);
  if (g_str_equal (field, "email"))
    return GTK_WIDGET (self->email_row);
  if (g_str_equal (field, "url"))
    return GTK_WIDGET (self->url_row);
  if (g_str_equal (field, "interests"))
    return GTK_WIDGET (self->interests_view);
  return NULL;
}

const char *
_guild_profile_window_get_summary (GuildProfileWindow *self)
{
  g_return_val_if_fail (GUILD_IS_PROFILE_WINDOW (self), NULL);

  return gtk_label_get_label (self->missing_label);
}
