/* guild-calendar-page.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-calendar-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "guild-calendar-page.h"
#include "guild-event-row.h"
#include "guild-record-list.h"
#include "guild-a11y.h"
#include "guild-view-state.h"

/* The Calendar view, for now a list of every event: the ones still to come
 * first, soonest first, then the past ones, latest first. The month and week
 * views and the event editor come with the calendar issue; this page already
 * shows the real records and stays in step with the store through its
 * GuildRecordList. */

struct _GuildCalendarPage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  GtkSortListModel *sort_model;

  /* Owned */
  GuildStore       *store;
  GuildRecordList  *records;

  /* The moment that splits upcoming from past, taken when the list loads. */
  gint64            now;
  guint             requested : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildCalendarPage, guild_calendar_page, GTK_TYPE_WIDGET)

static void
update_state (GuildCalendarPage *self)
{
  GuildViewState state = GUILD_VIEW_STATE_LOADING;

  g_assert (GUILD_IS_CALENDAR_PAGE (self));

  if (self->records != NULL)
    state = guild_view_state_compute (self->requested,
                                      guild_record_list_get_loading (self->records),
                                      guild_record_list_get_loaded (self->records),
                                      g_list_model_get_n_items (G_LIST_MODEL (self->records)));

  gtk_stack_set_visible_child_name (self->stack, guild_view_state_get_name (state));
}

static int
compare_events_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GuildCalendarPage *self = user_data;
  GuildRecord *ea = GUILD_RECORD ((gpointer) a);
  GuildRecord *eb = GUILD_RECORD ((gpointer) b);

  return guild_calendar_compare_events (guild_record_get_int (ea, "starts-at"),
                                        guild_record_get_int (ea, "ends-at"),
                                        guild_record_get_int (eb, "starts-at"),
                                        guild_record_get_int (eb, "ends-at"),
                                        self->now);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GuildCalendarPage *self = GUILD_CALENDAR_PAGE (widget);

  if (self->records != NULL)
    guild_record_list_load (self->records);
}

/* Section: GObject */

static void
guild_calendar_page_dispose (GObject *object)
{
  GuildCalendarPage *self = (GuildCalendarPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_CALENDAR_PAGE);

  /* A widget with a layout manager unparents its own children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->records);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_calendar_page_parent_class)->dispose (object);
}

static void
guild_calendar_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GuildCalendarPage *self = GUILD_CALENDAR_PAGE (object);

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
guild_calendar_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GuildCalendarPage *self = GUILD_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      guild_calendar_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_calendar_page_class_init (GuildCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_calendar_page_dispose;
  object_class->get_property = guild_calendar_page_get_property;
  object_class->set_property = guild_calendar_page_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list item factory in the template builds rows by type name. */
  g_type_ensure (GUILD_TYPE_EVENT_ROW);
  g_type_ensure (GUILD_TYPE_EVENT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/calendar/guild-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GuildCalendarPage, sort_model);

  gtk_widget_class_install_action (widget_class, "calendar.reload", NULL, reload_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
guild_calendar_page_init (GuildCalendarPage *self)
{
  g_autoptr(GtkSorter) sorter = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  guild_a11y_follow_stack (GTK_WIDGET (self->stack));

  self->now = g_get_real_time () / G_USEC_PER_SEC;
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_events_cb, self, NULL));
  gtk_sort_list_model_set_sorter (self->sort_model, sorter);
}

/* Section: public API */

/**
 * guild_calendar_compare_events:
 * @now: the moment that splits upcoming events from past ones
 *
 * Orders events for the list: those not yet over at @now first, soonest
 * first, then those that are over, latest first. An event without an end is
 * over once it has started.
 *
 * Returns: a negative number when a comes first, positive when b does, 0 when
 *   they tie
 */
int
guild_calendar_compare_events (gint64 a_starts_at,
                               gint64 a_ends_at,
                               gint64 b_starts_at,
                               gint64 b_ends_at,
                               gint64 now)
{
  gboolean a_past = MAX (a_starts_at, a_ends_at) < now;
  gboolean b_past = MAX (b_starts_at, b_ends_at) < now;

  if (a_past != b_past)
    return a_past ? 1 : -1;

  if (a_starts_at == b_starts_at)
    return 0;

  if (a_past)
    return a_starts_at > b_starts_at ? -1 : 1;

  return a_starts_at < b_starts_at ? -1 : 1;
}

/**
 * guild_calendar_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store shown
 */
GuildStore *
guild_calendar_page_get_store (GuildCalendarPage *self)
{
  g_return_val_if_fail (GUILD_IS_CALENDAR_PAGE (self), NULL);

  return self->store;
}

/**
 * guild_calendar_page_set_store:
 * @store: (nullable): the store to show
 *
 * Sets the store the page shows. Nothing is read until
 * guild_calendar_page_load() is called.
 */
void
guild_calendar_page_set_store (GuildCalendarPage *self,
                               GuildStore        *store)
{
  g_return_if_fail (GUILD_IS_CALENDAR_PAGE (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->records);
  self->requested = FALSE;

  if (store != NULL)
    {
      self->records = guild_record_list_new (store, GUILD_RECORD_EVENT);
      g_signal_connect_object (self->records, "notify::loading",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->records, "notify::loaded",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->records, "notify::n-items",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
    }

  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->records));
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * guild_calendar_page_load:
 *
 * Starts loading the events on a worker thread, the first time it is called;
 * afterwards the list follows the store by itself.
 */
void
guild_calendar_page_load (GuildCalendarPage *self)
{
  g_return_if_fail (GUILD_IS_CALENDAR_PAGE (self));

  if (self->records == NULL || self->requested)
    return;

  self->requested = TRUE;
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  guild_record_list_load (self->records);
  update_state (self);
}
