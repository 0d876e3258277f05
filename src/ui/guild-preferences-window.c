/* guild-preferences-window.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-preferences-window.h"
#include "guild-window.h"

/* Preferences: the style, kept in GSettings, and the goals the charts
 * measure progress against, kept in the database (they belong to the data,
 * so that a backup carries them). A goal is saved a moment after the user
 * stops changing it: a single-row write, fine on the main thread. */

#define SAVE_DELAY_MS 300

struct _GuildPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;
  AdwPreferencesGroup  *goals_group;
  GtkSpinButton        *sessions_spin;
  GtkSpinButton        *minutes_spin;
  GtkSpinButton        *connections_spin;
  GtkSpinButton        *publications_spin;
  GtkSpinButton        *events_spin;
  AdwComboRow          *checkin_day_row;
  AdwComboRow          *week_start_row;
  GtkSpinButton        *reminder_spin;

  /* Owned */
  GuildStore           *store;
  GuildGoals           *goals;
  GSettings            *settings;

  guint                 save_source;
  guint                 loading_goals : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildPreferencesWindow, guild_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row's positions, in the order of the template's string list. */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
color_scheme_to_selected (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_strcmp0 (scheme, color_schemes[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
selected_to_color_scheme (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[selected]);
}

/* Section: goals */

typedef struct
{
  const char *field;
  gsize       offset;
} GoalSpin;

static const GoalSpin goal_spins[] = {
  { "sessions-per-week", G_STRUCT_OFFSET (GuildPreferencesWindow, sessions_spin) },
  { "minutes-per-week", G_STRUCT_OFFSET (GuildPreferencesWindow, minutes_spin) },
  { "connections-per-month", G_STRUCT_OFFSET (GuildPreferencesWindow, connections_spin) },
  { "publications-per-month", G_STRUCT_OFFSET (GuildPreferencesWindow, publications_spin) },
  { "events-per-month", G_STRUCT_OFFSET (GuildPreferencesWindow, events_spin) },
};

static GtkSpinButton *
get_spin (GuildPreferencesWindow *self,
          const GoalSpin         *goal)
{
  return G_STRUCT_MEMBER (GtkSpinButton *, self, goal->offset);
}

static void
show_error (GuildPreferencesWindow *self,
            const char             *what,
            const GError           *error)
{
  g_autofree char *title = NULL;

  g_assert (GUILD_IS_PREFERENCES_WINDOW (self));

  g_warning ("%s: %s", what, error->message);
  title = guild_store_describe_error (error, guild_store_get_path (self->store), NULL);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

static void
load_goals (GuildPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (GUILD_IS_PREFERENCES_WINDOW (self));

  g_clear_object (&self->goals);

  if (self->store != NULL)
    {
      self->goals = guild_store_dup_goals (self->store, &error);
      if (self->goals == NULL)
        show_error (self, "Could not read the goals", error);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->goals_group), self->goals != NULL);
  if (self->goals == NULL)
    return;

  self->loading_goals = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (goal_spins); i++)
    gtk_spin_button_set_value (get_spin (self, &goal_spins[i]),
                               guild_record_get_int (GUILD_RECORD (self->goals),
                                                     goal_spins[i].field));
  self->loading_goals = FALSE;
}

static gboolean
save_goals_cb (gpointer user_data)
{
  GuildPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (GUILD_IS_PREFERENCES_WINDOW (self));

  self->save_source = 0;

  if (self->store == NULL || self->goals == NULL)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < G_N_ELEMENTS (goal_spins); i++)
    guild_record_set_int (GUILD_RECORD (self->goals), goal_spins[i].field,
                          gtk_spin_button_get_value_as_int (get_spin (self, &goal_spins[i])));

  if (!guild_store_save_singleton (self->store, GUILD_RECORD (self->goals), &error))
    show_error (self, "Could not save the goals", error);

  return G_SOURCE_REMOVE;
}

static void
on_goal_value_changed_cb (GuildPreferencesWindow *self,
                          GtkSpinButton          *spin)
{
  g_assert (GUILD_IS_PREFERENCES_WINDOW (self));

  if (self->loading_goals)
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_goals_cb, self);
}

/* Section: GObject */

static void
guild_preferences_window_dispose (GObject *object)
{
  GuildPreferencesWindow *self = (GuildPreferencesWindow *)object;

  /* A change made just before closing is still saved. */
  guild_preferences_window_flush (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->goals);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (guild_preferences_window_parent_class)->dispose (object);
}

static void
guild_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  GuildPreferencesWindow *self = GUILD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  GuildPreferencesWindow *self = GUILD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_preferences_window_constructed (GObject *object)
{
  GuildPreferencesWindow *self = (GuildPreferencesWindow *)object;

  G_OBJECT_CLASS (guild_preferences_window_parent_class)->constructed (object);

  load_goals (self);
}

/* The checkin-day key holds the English day name; the row lists the days
 * from Monday, in the key's order. */
static const char * const checkin_days[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

static gboolean
checkin_day_to_selected (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  const char *day = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (checkin_days); i++)
    if (g_strcmp0 (day, checkin_days[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
selected_to_checkin_day (const GValue       *value,
                         const GVariantType *expected_type,
                         gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (checkin_days))
    return NULL;

  return g_variant_new_string (checkin_days[selected]);
}

static void
guild_preferences_window_class_init (GuildPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = guild_preferences_window_constructed;
  object_class->dispose = guild_preferences_window_dispose;
  object_class->get_property = guild_preferences_window_get_property;
  object_class->set_property = guild_preferences_window_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/guild-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, GuildPreferencesWindow, goals_group);
  gtk_widget_class_bind_template_child (widget_class, GuildPreferencesWindow, sessions_spin);
  gtk_widget_class_bind_template_child (widget_class, GuildPreferencesWindow, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, GuildPreferencesWindow, connections_spin);
  gtk_widget_class_bind_template_child (widget_class, GuildPreferencesWindow, publications_spin);
  gtk_widget_class_bind_template_child (widget_class, GuildPreferencesWindow, events_spin);
  gtk_widget_class_bind_template_child (widget_class, GuildPreferencesWindow, checkin_day_row);
  gtk_widget_class_bind_template_callback (widget_class, on_goal_value_changed_cb);
  gtk_widget_class_bind_template_child_full (widget_class, "quiet_spin", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, GuildPreferencesWindow, week_start_row);
  gtk_widget_class_bind_template_child (widget_class, GuildPreferencesWindow, reminder_spin);
}

static const char * const week_starts[] = { "locale", "monday", "sunday" };

static gboolean
week_start_to_selected (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  const char *start = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (week_starts); i++)
    if (g_strcmp0 (start, week_starts[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
selected_to_week_start (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (week_starts))
    return NULL;

  return g_variant_new_string (week_starts[selected]);
}

static void
guild_preferences_window_init (GuildPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_to_selected,
                                selected_to_color_scheme,
                                NULL, NULL);
  g_settings_bind (self->settings, "quiet-weeks",
                   gtk_widget_get_template_child (GTK_WIDGET (self),
                                                  GUILD_TYPE_PREFERENCES_WINDOW, "quiet_spin"),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "checkin-day",
                                self->checkin_day_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                checkin_day_to_selected,
                                selected_to_checkin_day,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "week-start",
                                self->week_start_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                week_start_to_selected,
                                selected_to_week_start,
                                NULL, NULL);
  g_settings_bind (self->settings, "reminder-minutes", self->reminder_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

/* Section: public API */

/**
 * guild_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @store: (nullable): the database whose goals it edits
 *
 * Returns: (transfer none): a new preferences window
 */
GuildPreferencesWindow *
guild_preferences_window_new (GtkWindow  *parent,
                              GuildStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (store == NULL || GUILD_IS_STORE (store), NULL);

  return g_object_new (GUILD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "store", store,
                       NULL);
}

/**
 * guild_preferences_window_get_store:
 *
 * Returns: (transfer none) (nullable): the database whose goals are shown
 */
GuildStore *
guild_preferences_window_get_store (GuildPreferencesWindow *self)
{
  g_return_val_if_fail (GUILD_IS_PREFERENCES_WINDOW (self), NULL);

  return self->store;
}

/**
 * guild_preferences_window_flush:
 *
 * Saves a goal change that is still waiting for its delay.
 */
void
guild_preferences_window_flush (GuildPreferencesWindow *self)
{
  g_return_if_fail (GUILD_IS_PREFERENCES_WINDOW (self));

  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      save_goals_cb (self);
    }
}
