/* guild-chart.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-chart"

#include "config.h"

#include <math.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "guild-chart.h"

/* One widget for the chart family of STYLE.md §4, after Sysprof: a
 * GuildChartData (series) → its GuildChartScale (values normalised to
 * [0, 1]) → layers that only draw into a GtkSnapshot. Bars and grid lines
 * are colour nodes, lines a cairo node, labels text nodes. Because every
 * layer draws into a snapshot, the same render node draws the widget and,
 * through gsk_render_node_draw(), a PNG or SVG file.
 *
 * To add a kind (say horizontal bars of a skill's current and target
 * level), add it to GuildChartKind, give compute_layout() its margins and
 * write one layer_*() function; tooltips go through column_at(). */

#define AXIS_GAP      6.0
#define LEGEND_HEIGHT 22.0
#define N_COLORS      6

struct _GuildChart
{
  GtkWidget       parent_instance;

  /* Owned */
  GuildChartData *data;
  char           *title;
  char           *description;
  char           *empty_text;

  /* Looked up in css_changed */
  GdkRGBA         fg;
  GdkRGBA         bg;
  GdkRGBA         palette[N_COLORS];
};

typedef struct
{
  graphene_rect_t plot;     /* where values go */
  double          column;   /* width of a column, or a heatmap cell */
  double          legend_y;
  guint           n_weeks;  /* heatmap */
} Layout;

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildChart, guild_chart, GTK_TYPE_WIDGET)

/* libadwaita 1.2's named colours: each has a light and a dark value, so the
 * charts stay readable in both. The fallbacks are the light values. */
static const struct { const char *name; const char *fallback; } palette_names[N_COLORS] = {
  { "accent_color", "#1c71d8" },
  { "success_color", "#1b8553" },
  { "warning_color", "#9c6e03" },
  { "error_color", "#c01c28" },
  { "purple_2", "#c061cb" },
  { "orange_3", "#ff7800" },
};

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Section: text */

static PangoLayout *
make_layout (GuildChart *self,
             const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
text_size (GuildChart *self,
           const char *text,
           double     *width,
           double     *height)
{
  g_autoptr(PangoLayout) layout = make_layout (self, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

/* Draws @text with its top left corner at x, y (or its centre at x when
 * @centred). Returns its width. */
static double
draw_text (GuildChart    *self,
           GtkSnapshot   *snapshot,
           const char    *text,
           double         x,
           double         y,
           int            align,
           const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = make_layout (self, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (align == 0)
    x -= w / 2.0;
  else if (align > 0)
    x -= w;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);

  return w;
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

static char *
format_number (double value,
               guint  decimals)
{
  return g_strdup_printf ("%.*f", decimals, value);
}

/* Section: layout */

static gboolean
has_legend (GuildChartData *data)
{
  return data->kind != GUILD_CHART_HEATMAP &&
         (data->n_series > 1 || (data->goal > 0 && data->goal_name != NULL));
}

static void
compute_layout (GuildChart *self,
                int         width,
                int         height,
                Layout     *out)
{
  GuildChartData *data = self->data;
  double top = 4, left = 4, bottom = 4, right = 8;
  double tw, th;

  text_size (self, "0", &tw, &th);

  if (data->kind == GUILD_CHART_HEATMAP)
    {
      const char *weekdays[] = {
        C_("weekday abbreviation", "Mon"),
        C_("weekday abbreviation", "Wed"),
        C_("weekday abbreviation", "Fri"),
      };
      double label_w = 0;
      double cell;

      for (guint d = 0; d < G_N_ELEMENTS (weekdays); d++)
        {
          double w, h;

          text_size (self, weekdays[d], &w, &h);
          label_w = MAX (label_w, w);
        }

      out->n_weeks = (data->n_columns + 6) / 7;
      top += th + 2;
      left += label_w + AXIS_GAP;
      cell = MIN ((width - left - right) / MAX (1, out->n_weeks), (height - top - bottom) / 7.0);
      cell = floor (MAX (cell, 1));
      out->column = cell;
      out->plot = GRAPHENE_RECT_INIT (left, top, cell * out->n_weeks, cell * 7);
      out->legend_y = 0;
      return;
    }

  if (has_legend (data))
    {
      out->legend_y = top;
      top += LEGEND_HEIGHT;
    }
  else
    out->legend_y = -1;

  {
    GuildChartScale scale;
    g_autofree char *max_label = NULL;

    guild_chart_data_get_scale (data, &scale);
    max_label = format_number (scale.max, 0);
    text_size (self, max_label, &tw, &th);
  }

  top += th / 2;
  left += tw + AXIS_GAP;
  bottom += th + AXIS_GAP;

  out->n_weeks = 0;
  out->plot = GRAPHENE_RECT_INIT (left, top, MAX (0, width - left - right),
                                  MAX (0, height - top - bottom));
  out->column = data->n_columns > 0 ? out->plot.size.width / data->n_columns : 0;
}

/* Section: layers */

static void
layer_grid (GuildChart            *self,
            GtkSnapshot           *snapshot,
            const Layout          *layout,
            const GuildChartScale *scale)
{
  GdkRGBA line = with_alpha (&self->fg, 0.12);
  GdkRGBA label = with_alpha (&self->fg, 0.6);
  double th, tw;

  text_size (self, "0", &tw, &th);

  for (guint i = 0; i <= scale->n_steps; i++)
    {
      double value = scale->min + i * scale->step;
      double y = layout->plot.origin.y + layout->plot.size.height *
                 (1 - guild_chart_data_normalise (scale, value));
      g_autofree char *text = format_number (value, 0);

      y = round (y);
      gtk_snapshot_append_color (snapshot, &line,
                                 &GRAPHENE_RECT_INIT (layout->plot.origin.x, y,
                                                      layout->plot.size.width, 1));
      draw_text (self, snapshot, text, layout->plot.origin.x - AXIS_GAP, y - th / 2, 1, &label);
    }
}

static void
layer_x_labels (GuildChart   *self,
                GtkSnapshot  *snapshot,
                const Layout *layout)
{
  GuildChartData *data = self->data;
  GdkRGBA label = with_alpha (&self->fg, 0.6);
  double y = layout->plot.origin.y + layout->plot.size.height + AXIS_GAP / 2;
  double last_end = -G_MAXDOUBLE;

  for (guint c = 0; c < data->n_columns; c++)
    {
      const char *text = data->axis_labels[c];
      double x, w, h;

      if (text == NULL || *text == '\0')
        continue;

      text_size (self, text, &w, &h);
      x = layout->plot.origin.x + (c + 0.5) * layout->column;
      /* Labels never overlap: one that would is left out. */
      if (x - w / 2 < last_end + 4 || x + w / 2 > layout->plot.origin.x + layout->plot.size.width + 8)
        continue;
      draw_text (self, snapshot, text, x, y, 0, &label);
      last_end = x + w / 2;
    }
}

static void
layer_bars (GuildChart            *self,
            GtkSnapshot           *snapshot,
            const Layout          *layout,
            const GuildChartScale *scale)
{
  GuildChartData *data = self->data;
  double group = layout->column * 0.7;
  double bar = data->stacked ? group : group / data->n_series;

  for (guint c = 0; c < data->n_columns; c++)
    {
      double x = layout->plot.origin.x + c * layout->column + (layout->column - group) / 2;
      double base = 0;

      for (guint s = 0; s < data->n_series; s++)
        {
          double v = guild_chart_data_get_value (data, s, c);
          double y0, y1, bx;

          if (isnan (v) || v <= 0)
            continue;

          y0 = guild_chart_data_normalise (scale, data->stacked ? base : 0);
          y1 = guild_chart_data_normalise (scale, data->stacked ? base + v : v);
          bx = data->stacked ? x : x + s * bar;
          if (data->stacked)
            base += v;

          gtk_snapshot_append_color (snapshot, &self->palette[s % N_COLORS],
                                     &GRAPHENE_RECT_INIT (bx,
                                                          layout->plot.origin.y +
                                                          layout->plot.size.height * (1 - y1),
                                                          MAX (1, bar - (data->stacked ? 0 : 1)),
                                                          MAX (1, layout->plot.size.height *
                                                                  (y1 - y0))));
        }
    }
}

static void
layer_lines (GuildChart            *self,
             GtkSnapshot           *snapshot,
             const Layout          *layout,
             const GuildChartScale *scale)
{
  GuildChartData *data = self->data;
  graphene_rect_t bounds;
  cairo_t *cr;

  graphene_rect_inset_r (&layout->plot, -4, -4, &bounds);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint s = 0; s < data->n_series; s++)
    {
      gboolean open = FALSE;

      gdk_cairo_set_source_rgba (cr, &self->palette[s % N_COLORS]);
      for (guint c = 0; c < data->n_columns; c++)
        {
          double v = guild_chart_data_normalise (scale, guild_chart_data_get_value (data, s, c));
          double x = layout->plot.origin.x + (c + 0.5) * layout->column;
          double y;

          if (isnan (v))
            {
              open = FALSE;
              continue;
            }

          y = layout->plot.origin.y + layout->plot.size.height * (1 - v);
          if (open)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          open = TRUE;
        }
      cairo_stroke (cr);

      /* Points, so that a lone value between gaps shows too. */
      if (data->n_columns <= 60)
        for (guint c = 0; c < data->n_columns; c++)
          {
            double v = guild_chart_data_normalise (scale, guild_chart_data_get_value (data, s, c));

            if (isnan (v))
              continue;
            cairo_arc (cr, layout->plot.origin.x + (c + 0.5) * layout->column,
                       layout->plot.origin.y + layout->plot.size.height * (1 - v), 2.5, 0, 2 * G_PI);
            cairo_fill (cr);
          }
    }

  cairo_destroy (cr);
}

static void
layer_goal (GuildChart            *self,
            GtkSnapshot           *snapshot,
            const Layout          *layout,
            const GuildChartScale *scale)
{
  GuildChartData *data = self->data;
  GdkRGBA color = with_alpha (&self->fg, 0.8);
  double y;

  if (data->goal <= 0)
    return;

  y = round (layout->plot.origin.y +
             layout->plot.size.height * (1 - guild_chart_data_normalise (scale, data->goal)));

  /* A dashed line made of colour nodes, which export as plain rectangles. */
  for (double x = layout->plot.origin.x; x < layout->plot.origin.x + layout->plot.size.width; x += 8)
    gtk_snapshot_append_color (snapshot, &color,
                               &GRAPHENE_RECT_INIT (x, y - 1,
                                                    MIN (5, layout->plot.origin.x +
                                                            layout->plot.size.width - x), 2));
}

static void
layer_legend (GuildChart   *self,
              GtkSnapshot  *snapshot,
              const Layout *layout)
{
  GuildChartData *data = self->data;
  GdkRGBA label = with_alpha (&self->fg, 0.8);
  double x = layout->plot.origin.x;
  double y = layout->legend_y;
  double tw, th;

  if (layout->legend_y < 0)
    return;

  text_size (self, "0", &tw, &th);

  for (guint s = 0; s < data->n_series; s++)
    {
      if (data->series_names[s] == NULL)
        continue;
      gtk_snapshot_append_color (snapshot, &self->palette[s % N_COLORS],
                                 &GRAPHENE_RECT_INIT (x, y + th / 2 - 5, 10, 10));
      x += 14;
      x += draw_text (self, snapshot, data->series_names[s], x, y, -1, &label) + 12;
    }

  if (data->goal > 0 && data->goal_name != NULL)
    {
      GdkRGBA color = with_alpha (&self->fg, 0.8);

      gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x, y + th / 2 - 1, 5, 2));
      gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x + 8, y + th / 2 - 1, 5, 2));
      x += 18;
      draw_text (self, snapshot, data->goal_name, x, y, -1, &label);
    }
}

static void
layer_heatmap (GuildChart   *self,
               GtkSnapshot  *snapshot,
               const Layout *layout)
{
  GuildChartData *data = self->data;
  GdkRGBA label = with_alpha (&self->fg, 0.6);
  GdkRGBA none = with_alpha (&self->fg, 0.08);
  const char *weekdays[3];
  double max = guild_chart_data_get_max (data);
  double cell = layout->column;
  double gap = cell >= 8 ? 2 : 1;
  double last_end = -G_MAXDOUBLE;
  double tw, th;

  text_size (self, "0", &tw, &th);

  for (guint d = 0; d < data->n_columns; d++)
    {
      double v = guild_chart_data_get_value (data, 0, d);
      guint level = guild_chart_heat_level (v, max);
      double x = layout->plot.origin.x + (d / 7) * cell;
      double y = layout->plot.origin.y + (d % 7) * cell;
      GdkRGBA color;
      GskRoundedRect rect;

      if (isnan (v))
        continue;

      color = level == 0 ? none : with_alpha (&self->palette[0], 0.25 + 0.25 * (level - 1));
      gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, cell - gap, cell - gap),
                                       MIN (2, cell / 4));
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, &color, &rect.bounds);
      gtk_snapshot_pop (snapshot);

      /* A month's name over the week its first day falls in. */
      if (data->axis_labels[d] != NULL && *data->axis_labels[d] != '\0' && x > last_end + 4)
        last_end = x + draw_text (self, snapshot, data->axis_labels[d], x,
                                  layout->plot.origin.y - th - 2, -1, &label);
    }

  weekdays[0] = C_("weekday abbreviation", "Mon");
  weekdays[1] = C_("weekday abbreviation", "Wed");
  weekdays[2] = C_("weekday abbreviation", "Fri");
  if (cell >= th * 0.8)
    for (guint i = 0; i < 3; i++)
      draw_text (self, snapshot, weekdays[i], layout->plot.origin.x - AXIS_GAP,
                 layout->plot.origin.y + (2 * i) * cell + (cell - gap) / 2 - th / 2, 1, &label);
}

static void
layer_empty (GuildChart  *self,
             GtkSnapshot *snapshot,
             int          width,
             int          height)
{
  GdkRGBA label = with_alpha (&self->fg, 0.55);
  const char *text = self->empty_text ? self->empty_text : _("Nothing recorded in this period");
  double tw, th;

  text_size (self, text, &tw, &th);
  draw_text (self, snapshot, text, width / 2.0, (height - th) / 2, 0, &label);
}

static void
draw (GuildChart  *self,
      GtkSnapshot *snapshot,
      int          width,
      int          height)
{
  GuildChartScale scale;
  Layout layout;

  /* An empty size draws nothing. */
  if (width <= 0 || height <= 0)
    return;

  if (self->data == NULL || self->data->n_columns == 0 ||
      (self->data->kind != GUILD_CHART_HEATMAP && guild_chart_data_is_empty (self->data)))
    {
      if (self->data != NULL)
        layer_empty (self, snapshot, width, height);
      return;
    }

  compute_layout (self, width, height, &layout);

  if (self->data->kind == GUILD_CHART_HEATMAP)
    {
      layer_heatmap (self, snapshot, &layout);
      return;
    }

  if (layout.plot.size.width <= 0 || layout.plot.size.height <= 0)
    return;

  guild_chart_data_get_scale (self->data, &scale);
  layer_grid (self, snapshot, &layout, &scale);
  if (self->data->kind == GUILD_CHART_BARS)
    layer_bars (self, snapshot, &layout, &scale);
  else
    layer_lines (self, snapshot, &layout, &scale);
  layer_goal (self, snapshot, &layout, &scale);
  layer_x_labels (self, snapshot, &layout);
  layer_legend (self, snapshot, &layout);
}

/* The column under x, y, or -1. */
static int
column_at (GuildChart *self,
           int         width,
           int         height,
           double      x,
           double      y)
{
  Layout layout;
  int column;

  if (self->data == NULL || self->data->n_columns == 0 || width <= 0 || height <= 0)
    return -1;

  compute_layout (self, width, height, &layout);
  if (layout.column <= 0 || x < layout.plot.origin.x || y < layout.plot.origin.y ||
      x >= layout.plot.origin.x + layout.plot.size.width ||
      y >= layout.plot.origin.y + layout.plot.size.height)
    return -1;

  if (self->data->kind == GUILD_CHART_HEATMAP)
    column = (int) ((x - layout.plot.origin.x) / layout.column) * 7 +
             (int) ((y - layout.plot.origin.y) / layout.column);
  else
    column = (int) ((x - layout.plot.origin.x) / layout.column);

  return column < (int) self->data->n_columns ? column : -1;
}

/* Section: GtkWidget */

static void
guild_chart_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  GuildChart *self = GUILD_CHART (widget);

  draw (self, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
}

static void
guild_chart_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  GuildChart *self = GUILD_CHART (widget);
  gboolean heatmap = self->data != NULL && self->data->kind == GUILD_CHART_HEATMAP;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = heatmap ? 720 : 360;
    }
  else if (heatmap && for_size > 0)
    {
      Layout layout;

      /* Square cells as wide as the width allows, from 6 to 18 pixels. */
      compute_layout (self, for_size, 10000, &layout);
      *minimum = *natural = (int) (layout.plot.origin.y + 4 +
                                   7 * CLAMP (floor ((for_size - layout.plot.origin.x - 8) /
                                                     MAX (1, layout.n_weeks)), 6, 18));
    }
  else
    {
      *minimum = heatmap ? 100 : 180;
      *natural = heatmap ? 150 : 220;
    }
}

static GtkSizeRequestMode
guild_chart_get_request_mode (GtkWidget *widget)
{
  GuildChart *self = GUILD_CHART (widget);

  if (self->data != NULL && self->data->kind == GUILD_CHART_HEATMAP)
    return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;

  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static gboolean
guild_chart_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip)
{
  GuildChart *self = GUILD_CHART (widget);
  g_autofree char *text = NULL;

  if (keyboard)
    text = g_strdup (self->description);
  else
    text = guild_chart_query_column (self, gtk_widget_get_width (widget),
                                     gtk_widget_get_height (widget), x, y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *out)
{
  if (!gtk_style_context_lookup_color (context, name, out))
    gdk_rgba_parse (out, fallback);
}

static void
guild_chart_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GuildChart *self = GUILD_CHART (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  GTK_WIDGET_CLASS (guild_chart_parent_class)->css_changed (widget, change);

  gtk_style_context_get_color (context, &self->fg);
  lookup_color (context, "window_bg_color", "#fafafa", &self->bg);
  for (guint i = 0; i < N_COLORS; i++)
    lookup_color (context, palette_names[i].name, palette_names[i].fallback, &self->palette[i]);

  gtk_widget_queue_draw (widget);
}

/* Section: GObject */

static void
guild_chart_finalize (GObject *object)
{
  GuildChart *self = (GuildChart *)object;

  g_clear_pointer (&self->data, guild_chart_data_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->empty_text, g_free);

  G_OBJECT_CLASS (guild_chart_parent_class)->finalize (object);
}

static void
guild_chart_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GuildChart *self = GUILD_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_chart_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GuildChart *self = GUILD_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      guild_chart_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      guild_chart_set_description (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_chart_class_init (GuildChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = guild_chart_finalize;
  object_class->get_property = guild_chart_get_property;
  object_class->set_property = guild_chart_set_property;

  widget_class->snapshot = guild_chart_snapshot;
  widget_class->measure = guild_chart_measure;
  widget_class->get_request_mode = guild_chart_get_request_mode;
  widget_class->query_tooltip = guild_chart_query_tooltip;
  widget_class->css_changed = guild_chart_css_changed;

  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
guild_chart_init (GuildChart *self)
{
  gdk_rgba_parse (&self->fg, "#000000");
  gdk_rgba_parse (&self->bg, "#fafafa");
  for (guint i = 0; i < N_COLORS; i++)
    gdk_rgba_parse (&self->palette[i], palette_names[i].fallback);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

/* Section: public API */

GtkWidget *
guild_chart_new (void)
{
  return g_object_new (GUILD_TYPE_CHART, NULL);
}

/**
 * guild_chart_get_data:
 *
 * Returns: (transfer none) (nullable): the data drawn
 */
GuildChartData *
guild_chart_get_data (GuildChart *self)
{
  g_return_val_if_fail (GUILD_IS_CHART (self), NULL);

  return self->data;
}

/**
 * guild_chart_set_data:
 * @data: (nullable): the data to draw, which must not change any more
 *
 * Swaps the data in and redraws.
 */
void
guild_chart_set_data (GuildChart     *self,
                      GuildChartData *data)
{
  gboolean resize;

  g_return_if_fail (GUILD_IS_CHART (self));

  if (data == self->data)
    return;

  /* The size asked for depends only on the kind: swapping new figures in
   * redraws the chart without laying out the page again. */
  resize = self->data == NULL || data == NULL || self->data->kind != data->kind;
  if (data != NULL)
    guild_chart_data_ref (data);
  g_clear_pointer (&self->data, guild_chart_data_unref);
  self->data = data;

  if (resize)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
guild_chart_get_title (GuildChart *self)
{
  g_return_val_if_fail (GUILD_IS_CHART (self), NULL);

  return self->title;
}

/**
 * guild_chart_set_title:
 *
 * Sets the chart's name, its accessible label.
 */
void
guild_chart_set_title (GuildChart *self,
                       const char *title)
{
  g_return_if_fail (GUILD_IS_CHART (self));

  if (!set_str (&self->title, title))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

const char *
guild_chart_get_description (GuildChart *self)
{
  g_return_val_if_fail (GUILD_IS_CHART (self), NULL);

  return self->description;
}

/**
 * guild_chart_set_description:
 *
 * Sets what the chart shows, in words, for screen readers: its accessible
 * description.
 */
void
guild_chart_set_description (GuildChart *self,
                             const char *description)
{
  g_return_if_fail (GUILD_IS_CHART (self));

  if (!set_str (&self->description, description))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DESCRIPTION]);
}

/**
 * guild_chart_set_empty_text:
 *
 * Sets what the chart says when there is nothing to draw.
 */
void
guild_chart_set_empty_text (GuildChart *self,
                            const char *text)
{
  g_return_if_fail (GUILD_IS_CHART (self));

  if (set_str (&self->empty_text, text))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * guild_chart_render:
 * @background: whether to paint the window's background under the chart
 *
 * Draws the chart at a size of its own, as the widget would.
 *
 * Returns: (transfer full) (nullable): the render node, %NULL when there is
 *   nothing to draw
 */
GskRenderNode *
guild_chart_render (GuildChart *self,
                    int         width,
                    int         height,
                    gboolean    background)
{
  GtkSnapshot *snapshot;

  g_return_val_if_fail (GUILD_IS_CHART (self), NULL);

  snapshot = gtk_snapshot_new ();
  if (background)
    gtk_snapshot_append_color (snapshot, &self->bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, snapshot, width, height);

  return gtk_snapshot_free_to_node (snapshot);
}

/**
 * guild_chart_query_column:
 *
 * Returns: (transfer full) (nullable): the tooltip at x, y for a chart of
 *   width × height, or %NULL where there is no value
 */
char *
guild_chart_query_column (GuildChart *self,
                          int         width,
                          int         height,
                          double      x,
                          double      y)
{
  int column;

  g_return_val_if_fail (GUILD_IS_CHART (self), NULL);

  if (self->data == NULL ||
      (self->data->kind != GUILD_CHART_HEATMAP && guild_chart_data_is_empty (self->data)))
    return NULL;

  column = column_at (self, width, height, x, y);
  if (column < 0 ||
      (self->data->kind == GUILD_CHART_HEATMAP &&
       isnan (guild_chart_data_get_value (self->data, 0, column))))
    return NULL;

  if (self->data->kind == GUILD_CHART_HEATMAP)
    return g_strdup (self->data->column_titles[column]);

  return guild_chart_data_format_tooltip (self->data, column);
}

/**
 * guild_chart_export:
 * @path: the file to write
 *
 * Writes the chart, at its size on screen (or 720 × 320 before it is
 * shown), on the window's background, as a PNG image or an SVG drawing.
 */
gboolean
guild_chart_export (GuildChart        *self,
                    const char        *path,
                    GuildChartFormat   format,
                    GError           **error)
{
  g_autoptr(GskRenderNode) node = NULL;
  int width, height;

  g_return_val_if_fail (GUILD_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 1 || height <= 1)
    {
      width = 720;
      height = self->data && self->data->kind == GUILD_CHART_HEATMAP ? 140 : 320;
    }

  node = guild_chart_render (self, width, height, TRUE);

  return guild_chart_export_node (node, width, height, path, format, error);
}

/**
 * guild_chart_export_node:
 * @node: (nullable): what to draw, %NULL for nothing
 * @path: the file to write
 *
 * Writes @node, drawn on a canvas of @width × @height, as a PNG image or an
 * SVG drawing: how every chart of the charts pane exports.
 */
gboolean
guild_chart_export_node (GskRenderNode     *node,
                         int                width,
                         int                height,
                         const char        *path,
                         GuildChartFormat   format,
                         GError           **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  if (format == GUILD_CHART_FORMAT_SVG)
    surface = cairo_svg_surface_create (path, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  cr = cairo_create (surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);

  if (format == GUILD_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is a file name. */
                   _("The chart could not be saved as “%s”."), name);
      return FALSE;
    }

  return TRUE;
}
