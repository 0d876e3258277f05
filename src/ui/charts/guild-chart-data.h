/* guild-chart-data.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a chart draws. The widget family draws the same data three ways:
 * vertical bars (side by side or stacked, with an optional goal line),
 * lines, and a calendar heatmap whose columns are days, seven to a week.
 * Values are series × columns; NAN is a missing value (a gap in a line, a
 * day not yet come in the heatmap). */
typedef enum
{
  GUILD_CHART_BARS,
  GUILD_CHART_LINES,
  GUILD_CHART_HEATMAP,
} GuildChartKind;

typedef struct
{
  /*< private >*/
  GuildChartKind kind;
  guint          n_series;
  guint          n_columns;
  char         **series_names;   /* n_series */
  double        *values;         /* n_series × n_columns, series-major */
  char         **column_titles;  /* n_columns: the tooltip's heading */
  char         **axis_labels;    /* n_columns: NULL for no tick */
  double         goal;           /* <= 0: none */
  char          *goal_name;
  double         fixed_max;      /* > 0: the scale's top, e.g. 5 for ratings */
  double         fixed_min;      /* the scale's bottom for lines, e.g. 1 */
  guint          decimals;
  guint          stacked : 1;
} GuildChartData;

/* The scale of a value axis: the top and the step between grid lines. */
typedef struct
{
  double min;
  double max;
  double step;
  guint  n_steps;
} GuildChartScale;

#define GUILD_TYPE_CHART_DATA (guild_chart_data_get_type ())

GType           guild_chart_data_get_type      (void) G_GNUC_CONST;
GuildChartData *guild_chart_data_new           (GuildChartKind        kind,
                                                guint                 n_series,
                                                guint                 n_columns);
GuildChartData *guild_chart_data_ref           (GuildChartData       *self);
void            guild_chart_data_unref         (GuildChartData       *self);
void            guild_chart_data_set_series_name (GuildChartData     *self,
                                                guint                 series,
                                                const char           *name);
void            guild_chart_data_set_value     (GuildChartData       *self,
                                                guint                 series,
                                                guint                 column,
                                                double                value);
double          guild_chart_data_get_value     (const GuildChartData *self,
                                                guint                 series,
                                                guint                 column);
void            guild_chart_data_set_column    (GuildChartData       *self,
                                                guint                 column,
                                                const char           *title,
                                                const char           *axis_label);
void            guild_chart_data_set_goal      (GuildChartData       *self,
                                                double                goal,
                                                const char           *name);
gboolean        guild_chart_data_is_empty      (const GuildChartData *self);
double          guild_chart_data_get_max       (const GuildChartData *self);
void            guild_chart_data_get_scale     (const GuildChartData *self,
                                                GuildChartScale      *scale);
double          guild_chart_data_normalise     (const GuildChartScale *scale,
                                                double                value);
guint           guild_chart_heat_level         (double                value,
                                                double                max);
double          guild_chart_nice_ceiling       (double                value,
                                                guint                *n_steps);
char           *guild_chart_data_format_tooltip (const GuildChartData *self,
                                                guint                 column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildChartData, guild_chart_data_unref)

G_END_DECLS
