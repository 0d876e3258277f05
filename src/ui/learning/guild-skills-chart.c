/* guild-skills-chart.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-skills-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-chart.h"
#include "guild-learning-format.h"
#include "guild-skills-chart.h"
#include "guild-store-learning.h"

/* The skills chart: one row per skill, its current level as a solid bar over
 * a lighter bar reaching its target, on a track of the five levels. It is
 * self-contained: given a store it loads the skills on a worker thread and
 * reloads (merged in a low-priority idle) whenever a skill changes, so it can
 * sit in the Learning window or in the charts pane alike. Colours come from
 * the theme (accent and foreground), looked up in css_changed, so they read
 * in light and dark. */

#define ROW_HEIGHT    30
#define BAR_HEIGHT    12
#define LEGEND_HEIGHT 28
#define EMPTY_HEIGHT  72
#define GAP           12

typedef struct
{
  char *name;
  int   level;
  int   target;
} Entry;

struct _GuildSkillsChart
{
  GtkWidget     parent_instance;

  /* Owned */
  GuildStore   *store;
  GCancellable *cancellable;
  GArray       *entries;
  guint         reload_id;

  GdkRGBA       accent;
  GdkRGBA       foreground;
  GdkRGBA       background;

  guint         loaded : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildSkillsChart, guild_skills_chart, GTK_TYPE_WIDGET)

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  return g_utf8_collate (ea->name, eb->name);
}

/* Section: loading */

static void
update_description (GuildSkillsChart *self)
{
  g_autofree char *description = guild_skills_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GuildSkillsChart) self = user_data;
  g_autoptr(GPtrArray) skills = NULL;
  g_autoptr(GError) error = NULL;
  GArray *entries;

  if (!(skills = guild_store_list_finish (GUILD_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the skills for the chart: %s", error->message);
      return;
    }

  entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), skills->len);
  g_array_set_clear_func (entries, clear_entry);
  for (guint i = 0; i < skills->len; i++)
    {
      GuildRecord *skill = g_ptr_array_index (skills, i);
      Entry entry = {
        g_strdup (guild_record_get_text (skill, "name")),
        guild_record_get_int (skill, "level"),
        guild_record_get_int (skill, "target-level"),
      };

      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);

  g_clear_pointer (&self->entries, g_array_unref);
  self->entries = entries;

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADED]);
    }
}

static void
load (GuildSkillsChart *self)
{
  g_assert (GUILD_IS_SKILLS_CHART (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  guild_store_list_async (self->store, GUILD_RECORD_SKILL, self->cancellable,
                          list_cb, g_object_ref (self));
}

static gboolean
reload_idle (gpointer user_data)
{
  GuildSkillsChart *self = user_data;

  self->reload_id = 0;
  load (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (GuildSkillsChart *self,
                     guint             kind,
                     gint64            id,
                     guint             change,
                     GuildStore       *store)
{
  g_assert (GUILD_IS_SKILLS_CHART (self));

  if (kind != GUILD_RECORD_SKILL || self->reload_id != 0)
    return;

  /* A burst of changes (an import, raising several levels) reloads once. */
  self->reload_id = g_idle_add_full (G_PRIORITY_LOW, reload_idle, self, NULL);
}

/* Section: drawing */

static guint
n_entries (GuildSkillsChart *self)
{
  return self->entries != NULL ? self->entries->len : 0;
}

static void
guild_skills_chart_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GuildSkillsChart *self = GUILD_SKILLS_CHART (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  GTK_WIDGET_CLASS (guild_skills_chart_parent_class)->css_changed (widget, change);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &self->accent))
    gdk_rgba_parse (&self->accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "window_bg_color", &self->background))
    gdk_rgba_parse (&self->background, "#fafafa");
  gtk_style_context_get_color (context, &self->foreground);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_widget_queue_draw (widget);
}

static void
guild_skills_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GuildSkillsChart *self = GUILD_SKILLS_CHART (widget);
  guint n = n_entries (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 220;
      *natural = 480;
    }
  else
    {
      *minimum = *natural = n == 0 ? EMPTY_HEIGHT : LEGEND_HEIGHT + (int) n * ROW_HEIGHT;
    }
}

static void
append_bar (GtkSnapshot   *snapshot,
            float          x,
            float          y,
            float          width,
            float          height,
            const GdkRGBA *color)
{
  GskRoundedRect clip;

  if (width <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (x, y, width, height),
                                   height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
  gtk_snapshot_pop (snapshot);
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             float          x,
             float          y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Where the bars start: the names take what they need, up to 40 %. */
static int
label_width (GuildSkillsChart *self,
             int               width)
{
  int widest = 0;

  for (guint i = 0; i < n_entries (self); i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w;

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                               g_array_index (self->entries, Entry, i).name);
      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }

  return MIN (widest, width * 2 / 5);
}

/* Draws the chart on a canvas of @width × @height: on screen, or for an
 * export. */
static void
draw (GuildSkillsChart *self,
      GtkSnapshot      *snapshot,
      int               width,
      int               height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA track = self->foreground;
  GdkRGBA target = self->accent;
  GdkRGBA dim = self->foreground;
  int names;
  float bars_x, bars_w, legend_x;

  if (width <= 0 || height <= 0)
    return;

  track.alpha *= 0.1f;
  target.alpha *= 0.35f;
  dim.alpha *= 0.6f;

  if (n_entries (self) == 0)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      if (!self->loaded)
        return;

      layout = gtk_widget_create_pango_layout (widget, _("No skills to chart yet"));
      pango_layout_get_pixel_size (layout, &w, &h);
      append_text (snapshot, layout, MAX (0, (width - w) / 2.f), (height - h) / 2.f, &dim);
      return;
    }

  names = label_width (self, width);
  bars_x = names + GAP;
  bars_w = MAX (1, width - bars_x);

  /* The legend: a swatch and a word for each bar. */
  legend_x = 0;
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      layout = gtk_widget_create_pango_layout (widget, i == 0 ? _("Current level")
                                                              : _("Target level"));
      pango_layout_get_pixel_size (layout, &w, &h);
      append_bar (snapshot, legend_x, (LEGEND_HEIGHT - BAR_HEIGHT) / 2.f - 2, 20, BAR_HEIGHT,
                  i == 0 ? &self->accent : &target);
      append_text (snapshot, layout, legend_x + 26, (LEGEND_HEIGHT - h) / 2.f - 2, &dim);
      legend_x += 26 + w + 18;
    }

  for (guint i = 0; i < n_entries (self); i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);
      g_autoptr(PangoLayout) layout = NULL;
      float y = LEGEND_HEIGHT + (float) i * ROW_HEIGHT;
      float bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2.f;
      int h;

      layout = gtk_widget_create_pango_layout (widget, entry->name);
      pango_layout_set_width (layout, names * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, NULL, &h);
      append_text (snapshot, layout, 0, y + (ROW_HEIGHT - h) / 2.f, &self->foreground);

      append_bar (snapshot, bars_x, bar_y, bars_w, BAR_HEIGHT, &track);
      /* Level marks, so "3 of 5" can be read off the empty part of the track. */
      for (int level = 1; level < GUILD_SKILL_MAX_LEVEL; level++)
        {
          GdkRGBA tick = self->foreground;

          tick.alpha *= 0.25f;
          gtk_snapshot_append_color (snapshot, &tick,
                                     &GRAPHENE_RECT_INIT (bars_x + bars_w * level /
                                                          GUILD_SKILL_MAX_LEVEL,
                                                          bar_y, 1, BAR_HEIGHT));
        }
      append_bar (snapshot, bars_x, bar_y, bars_w * entry->target / GUILD_SKILL_MAX_LEVEL,
                  BAR_HEIGHT, &target);
      append_bar (snapshot, bars_x, bar_y, bars_w * entry->level / GUILD_SKILL_MAX_LEVEL,
                  BAR_HEIGHT, &self->accent);

    }
}

static void
guild_skills_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  draw (GUILD_SKILLS_CHART (widget), snapshot,
        gtk_widget_get_width (widget), gtk_widget_get_height (widget));
}

static gboolean
guild_skills_chart_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard,
                                  GtkTooltip *tooltip)
{
  GuildSkillsChart *self = GUILD_SKILLS_CHART (widget);
  g_autofree char *text = NULL;
  int row;

  if (keyboard || n_entries (self) == 0 || y < LEGEND_HEIGHT)
    return FALSE;

  row = (y - LEGEND_HEIGHT) / ROW_HEIGHT;
  if (row < 0 || (guint) row >= n_entries (self))
    return FALSE;

  text = guild_skills_chart_dup_tooltip (self, row);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

/* Section: GObject */

static void
guild_skills_chart_dispose (GObject *object)
{
  GuildSkillsChart *self = (GuildSkillsChart *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_skills_chart_parent_class)->dispose (object);
}

static void
guild_skills_chart_finalize (GObject *object)
{
  GuildSkillsChart *self = (GuildSkillsChart *)object;

  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (guild_skills_chart_parent_class)->finalize (object);
}

static void
guild_skills_chart_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GuildSkillsChart *self = GUILD_SKILLS_CHART (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_skills_chart_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GuildSkillsChart *self = GUILD_SKILLS_CHART (object);

  switch (prop_id)
    {
    case PROP_STORE:
      guild_skills_chart_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_skills_chart_class_init (GuildSkillsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_skills_chart_dispose;
  object_class->finalize = guild_skills_chart_finalize;
  object_class->get_property = guild_skills_chart_get_property;
  object_class->set_property = guild_skills_chart_set_property;

  widget_class->css_changed = guild_skills_chart_css_changed;
  widget_class->measure = guild_skills_chart_measure;
  widget_class->snapshot = guild_skills_chart_snapshot;
  widget_class->query_tooltip = guild_skills_chart_query_tooltip;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "guildskillschart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
guild_skills_chart_init (GuildSkillsChart *self)
{
  gdk_rgba_parse (&self->accent, "#3584e4");
  gdk_rgba_parse (&self->foreground, "#000000");
  gdk_rgba_parse (&self->background, "#fafafa");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Skills chart"),
                                  -1);
  update_description (self);
}

/* Section: public API */

/**
 * guild_skills_chart_new:
 * @store: (nullable): the store whose skills to chart
 *
 * Returns: (transfer floating): a chart that loads @store's skills and
 *   follows their changes.
 */
GtkWidget *
guild_skills_chart_new (GuildStore *store)
{
  g_return_val_if_fail (store == NULL || GUILD_IS_STORE (store), NULL);

  return g_object_new (GUILD_TYPE_SKILLS_CHART, "store", store, NULL);
}

GuildStore *
guild_skills_chart_get_store (GuildSkillsChart *self)
{
  g_return_val_if_fail (GUILD_IS_SKILLS_CHART (self), NULL);

  return self->store;
}

/**
 * guild_skills_chart_set_store:
 * @store: (nullable): a store
 *
 * Charts @store's skills, loading them on a worker thread now and again
 * whenever a skill changes.
 */
void
guild_skills_chart_set_store (GuildSkillsChart *self,
                              GuildStore       *store)
{
  g_return_if_fail (GUILD_IS_SKILLS_CHART (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->entries, g_array_unref);

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);

  load (self);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

gboolean
guild_skills_chart_get_loaded (GuildSkillsChart *self)
{
  g_return_val_if_fail (GUILD_IS_SKILLS_CHART (self), FALSE);

  return self->loaded;
}

guint
guild_skills_chart_get_n_skills (GuildSkillsChart *self)
{
  g_return_val_if_fail (GUILD_IS_SKILLS_CHART (self), 0);

  return n_entries (self);
}

/**
 * guild_skills_chart_dup_tooltip:
 * @row: a row, from the top
 *
 * Returns: (transfer full) (nullable): the exact values of a row, as its
 *   tooltip shows them.
 */
char *
guild_skills_chart_dup_tooltip (GuildSkillsChart *self,
                                guint             row)
{
  const Entry *entry;
  g_autofree char *levels = NULL;
  g_autofree char *gap = NULL;

  g_return_val_if_fail (GUILD_IS_SKILLS_CHART (self), NULL);

  if (row >= n_entries (self))
    return NULL;

  entry = &g_array_index (self->entries, Entry, row);
  levels = guild_learning_levels_text (entry->level, entry->target);
  gap = guild_learning_gap_text (entry->level, entry->target);

  /* Translators: a skill chart's tooltip: the skill, its levels, and the gap. */
  return g_strdup_printf (_("%s — %s (%s)"), entry->name, levels, gap);
}

/**
 * guild_skills_chart_dup_description:
 *
 * Returns: (transfer full): what the chart shows, in words, for screen
 *   readers.
 */
char *
guild_skills_chart_dup_description (GuildSkillsChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (GUILD_IS_SKILLS_CHART (self), NULL);

  n = n_entries (self);
  if (n == 0)
    return g_strdup (_("No skills to chart yet"));

  /* Translators: the start of the skills chart's description for screen readers. */
  g_string_append_printf (text, ngettext ("Current and target level of %u skill",
                                          "Current and target level of %u skills", n), n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *row = guild_skills_chart_dup_tooltip (self, i);

      g_string_append (text, i == 0 ? ": " : "; ");
      g_string_append (text, row);
    }
  g_string_append (text, ".");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * guild_skills_chart_render:
 * @background: whether to fill the canvas with the window's background
 *
 * Draws the chart at a size of its own, as the widget would.
 *
 * Returns: (transfer full) (nullable): the render node, %NULL when there is
 *   nothing to draw
 */
GskRenderNode *
guild_skills_chart_render (GuildSkillsChart *self,
                           int               width,
                           int               height,
                           gboolean          background)
{
  GtkSnapshot *snapshot;

  g_return_val_if_fail (GUILD_IS_SKILLS_CHART (self), NULL);

  snapshot = gtk_snapshot_new ();
  if (background)
    gtk_snapshot_append_color (snapshot, &self->background,
                               &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, snapshot, width, height);

  return gtk_snapshot_free_to_node (snapshot);
}

/**
 * guild_skills_chart_export:
 * @chart: a #GuildSkillsChart
 * @path: the file to write
 *
 * Writes the chart, at its size on screen (or 720 pixels wide and as tall as
 * its rows before it is shown), on the window's background, as a PNG image
 * or an SVG drawing. Its signature is a #GuildChartExportFunc, so that a
 * card of the charts pane can export it like the other charts.
 */
gboolean
guild_skills_chart_export (GtkWidget         *chart,
                           const char        *path,
                           GuildChartFormat   format,
                           GError           **error)
{
  GuildSkillsChart *self = GUILD_SKILLS_CHART (chart);
  g_autoptr(GskRenderNode) node = NULL;
  int width, height;

  g_return_val_if_fail (GUILD_IS_SKILLS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  width = gtk_widget_get_width (chart);
  height = gtk_widget_get_height (chart);
  if (width <= 1 || height <= 1)
    {
      width = 720;
      gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
    }

  node = guild_skills_chart_render (self, width, height, TRUE);

  return guild_chart_export_node (node, width, height, path, format, error);
}
