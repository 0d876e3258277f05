/* guild-charts-page.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-charts-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "guild-a11y.h"
#include "guild-charts-page.h"

/* The Charts view.
 *
 * XXX: this is a placeholder summary, replaced by the charts issue: the real
 * view computes weekly series on a worker thread with its own connection
 * (STYLE.md §7) and draws them. Until then it shows how many activities and
 * communities there are. Those counts are one count(*) each on the main
 * thread, which on a million activities takes some 30 ms; so they are
 * taken only after the window's first frame (the window calls
 * guild_charts_page_load() then), in an idle, and again only while the page
 * is on screen. The idle runs ahead of redraws: at a lower priority the
 * spinner's frames can starve it on a slow renderer. */

struct _GuildChartsPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkStack      *stack;
  AdwStatusPage *summary_page;

  /* Owned */
  GuildStore    *store;

  guint          count_source;
  guint          requested : 1;
  guint          dirty : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildChartsPage, guild_charts_page, GTK_TYPE_WIDGET)

static gboolean
count_cb (gpointer user_data)
{
  GuildChartsPage *self = user_data;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  guint activities;
  guint communities;

  g_assert (GUILD_IS_CHARTS_PAGE (self));

  self->count_source = 0;
  self->dirty = FALSE;

  if (self->store == NULL)
    return G_SOURCE_REMOVE;

  activities = guild_store_count (self->store, GUILD_RECORD_ACTIVITY);
  communities = guild_store_count (self->store, GUILD_RECORD_COMMUNITY);

  if (activities == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return G_SOURCE_REMOVE;
    }

  /* Translators: the heading of the Charts view's summary. */
  title = g_strdup_printf (ngettext ("%u Activity Logged", "%u Activities Logged", activities),
                           activities);
  /* Translators: below "N Activities Logged" in the Charts view. */
  description = g_strdup_printf (ngettext ("%u community recorded",
                                           "%u communities recorded", communities),
                                 communities);
  adw_status_page_set_title (self->summary_page, title);
  adw_status_page_set_description (self->summary_page, description);
  gtk_stack_set_visible_child_name (self->stack, "summary");

  return G_SOURCE_REMOVE;
}

static void
queue_count (GuildChartsPage *self)
{
  g_assert (GUILD_IS_CHARTS_PAGE (self));

  if (self->count_source == 0)
    self->count_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, count_cb, self, NULL);
}

static void
on_store_changed_cb (GuildChartsPage *self,
                     guint            kind,
                     gint64           id,
                     guint            change,
                     GuildStore      *store)
{
  g_assert (GUILD_IS_CHARTS_PAGE (self));

  if (!self->requested ||
      (kind != GUILD_RECORD_ACTIVITY && kind != GUILD_RECORD_COMMUNITY))
    return;

  /* Counting again is not free on big data: do it only when it shows. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_count (self);
  else
    self->dirty = TRUE;
}

/* Section: GtkWidget */

static void
guild_charts_page_map (GtkWidget *widget)
{
  GuildChartsPage *self = GUILD_CHARTS_PAGE (widget);

  GTK_WIDGET_CLASS (guild_charts_page_parent_class)->map (widget);

  if (self->dirty)
    queue_count (self);
}

/* Section: GObject */

static void
guild_charts_page_dispose (GObject *object)
{
  GuildChartsPage *self = (GuildChartsPage *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->count_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_CHARTS_PAGE);

  /* A widget with a layout manager unparents its own children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_charts_page_parent_class)->dispose (object);
}

static void
guild_charts_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GuildChartsPage *self = GUILD_CHARTS_PAGE (object);

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
guild_charts_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GuildChartsPage *self = GUILD_CHARTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      guild_charts_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_charts_page_class_init (GuildChartsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_charts_page_dispose;
  object_class->get_property = guild_charts_page_get_property;
  object_class->set_property = guild_charts_page_set_property;

  widget_class->map = guild_charts_page_map;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/charts/guild-charts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildChartsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GuildChartsPage, summary_page);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
guild_charts_page_init (GuildChartsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  guild_a11y_follow_stack (GTK_WIDGET (self->stack));
}

/* Section: public API */

/**
 * guild_charts_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store shown
 */
GuildStore *
guild_charts_page_get_store (GuildChartsPage *self)
{
  g_return_val_if_fail (GUILD_IS_CHARTS_PAGE (self), NULL);

  return self->store;
}

/**
 * guild_charts_page_set_store:
 * @store: (nullable): the store to show
 *
 * Sets the store the page shows. Nothing is read until
 * guild_charts_page_load() is called.
 */
void
guild_charts_page_set_store (GuildChartsPage *self,
                             GuildStore      *store)
{
  g_return_if_fail (GUILD_IS_CHARTS_PAGE (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);

  if (!g_set_object (&self->store, store))
    return;

  self->requested = FALSE;
  self->dirty = FALSE;
  g_clear_handle_id (&self->count_source, g_source_remove);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  if (store != NULL)
    g_signal_connect_object (store, "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * guild_charts_page_load:
 *
 * Counts what there is to chart, in an idle, the first time it is
 * called; afterwards the page recounts when the store changes.
 */
void
guild_charts_page_load (GuildChartsPage *self)
{
  g_return_if_fail (GUILD_IS_CHARTS_PAGE (self));

  if (self->store == NULL || self->requested)
    return;

  self->requested = TRUE;
  queue_count (self);
}
