/* guild-chart-data.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-chart-data"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "guild-chart-data.h"

/* The first two steps of STYLE.md §4's chart pipeline: a series of values
 * (GuildChartData, immutable once handed to a widget) and their scale, which
 * maps a value to [0, 1]. The layers in guild-chart.c only draw. Everything
 * here is a pure function, tested without widgets. */

G_DEFINE_BOXED_TYPE (GuildChartData, guild_chart_data, guild_chart_data_ref, guild_chart_data_unref)

static void
chart_data_clear (GuildChartData *self)
{
  g_strfreev (self->series_names);
  g_strfreev (self->column_titles);
  g_strfreev (self->axis_labels);
  g_free (self->values);
  g_free (self->goal_name);
}

GuildChartData *
guild_chart_data_new (GuildChartKind kind,
                      guint          n_series,
                      guint          n_columns)
{
  GuildChartData *self = g_atomic_rc_box_new0 (GuildChartData);

  g_return_val_if_fail (n_series > 0, NULL);

  self->kind = kind;
  self->n_series = n_series;
  self->n_columns = n_columns;
  self->series_names = g_new0 (char *, n_series + 1);
  self->column_titles = g_new0 (char *, n_columns + 1);
  self->axis_labels = g_new0 (char *, n_columns + 1);
  self->values = g_new0 (double, MAX (1, n_series * n_columns));
  return self;
}

GuildChartData *
guild_chart_data_ref (GuildChartData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
guild_chart_data_unref (GuildChartData *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) chart_data_clear);
}

void
guild_chart_data_set_series_name (GuildChartData *self,
                                  guint           series,
                                  const char     *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (series < self->n_series);

  g_free (self->series_names[series]);
  self->series_names[series] = g_strdup (name);
}

void
guild_chart_data_set_value (GuildChartData *self,
                            guint           series,
                            guint           column,
                            double          value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (series < self->n_series && column < self->n_columns);

  self->values[series * self->n_columns + column] = value;
}

double
guild_chart_data_get_value (const GuildChartData *self,
                            guint                 series,
                            guint                 column)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (series < self->n_series && column < self->n_columns, NAN);

  return self->values[series * self->n_columns + column];
}

void
guild_chart_data_set_column (GuildChartData *self,
                             guint           column,
                             const char     *title,
                             const char     *axis_label)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (column < self->n_columns);

  g_free (self->column_titles[column]);
  g_free (self->axis_labels[column]);
  self->column_titles[column] = g_strdup (title);
  self->axis_labels[column] = g_strdup (axis_label);
}

void
guild_chart_data_set_goal (GuildChartData *self,
                           double          goal,
                           const char     *name)
{
  g_return_if_fail (self != NULL);

  self->goal = goal;
  g_free (self->goal_name);
  self->goal_name = g_strdup (name);
}

/**
 * guild_chart_data_is_empty:
 *
 * Returns: whether there is nothing to draw: no column, or no value other
 *   than zero or missing
 */
gboolean
guild_chart_data_is_empty (const GuildChartData *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (guint i = 0; i < self->n_series * self->n_columns; i++)
    if (!isnan (self->values[i]) && self->values[i] != 0)
      return FALSE;

  return TRUE;
}

/**
 * guild_chart_data_get_max:
 *
 * Returns: the largest value (of a column's sum, when stacked), or of the
 *   goal when that is larger; 0 when empty
 */
double
guild_chart_data_get_max (const GuildChartData *self)
{
  double max = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint c = 0; c < self->n_columns; c++)
    {
      double sum = 0;

      for (guint s = 0; s < self->n_series; s++)
        {
          double v = self->values[s * self->n_columns + c];

          if (isnan (v))
            continue;
          if (self->stacked)
            sum += v;
          else
            max = MAX (max, v);
        }
      max = MAX (max, sum);
    }

  return MAX (max, self->goal);
}

/**
 * guild_chart_nice_ceiling:
 * @n_steps: (out) (optional): how many grid steps divide it evenly
 *
 * Returns: the smallest of 1, 2 or 5 times a power of ten that is at least
 *   @value (at least 1)
 */
double
guild_chart_nice_ceiling (double  value,
                          guint  *n_steps)
{
  double power;
  double mantissa;
  guint steps;

  if (!(value > 1))
    {
      if (n_steps != NULL)
        *n_steps = 1;
      return 1;
    }

  power = pow (10, floor (log10 (value)));
  mantissa = value / power;
  /* Guard against 3.0000000001 from log10's rounding. */
  if (mantissa <= 1 + 1e-9)
    mantissa = 1, steps = 5;
  else if (mantissa <= 2 + 1e-9)
    mantissa = 2, steps = 4;
  else if (mantissa <= 5 + 1e-9)
    mantissa = 5, steps = 5;
  else
    mantissa = 10, steps = 5;

  /* Whole numbers only: 1 counted in halves would make grid lines at 0.5. */
  if (mantissa * power < steps)
    steps = (guint) (mantissa * power);
  if (n_steps != NULL)
    *n_steps = MAX (1, steps);

  return mantissa * power;
}

void
guild_chart_data_get_scale (const GuildChartData *self,
                            GuildChartScale      *scale)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (scale != NULL);

  if (self->fixed_max > 0)
    {
      scale->min = self->fixed_min;
      scale->max = self->fixed_max;
      scale->n_steps = MAX (1, (guint) (self->fixed_max - self->fixed_min));
    }
  else
    {
      scale->min = 0;
      scale->max = guild_chart_nice_ceiling (guild_chart_data_get_max (self), &scale->n_steps);
    }
  scale->step = (scale->max - scale->min) / scale->n_steps;
}

/**
 * guild_chart_data_normalise:
 *
 * Returns: @value on @scale, clamped to [0, 1]; NAN stays NAN
 */
double
guild_chart_data_normalise (const GuildChartScale *scale,
                            double                 value)
{
  g_return_val_if_fail (scale != NULL, 0);

  if (isnan (value))
    return NAN;
  if (scale->max <= scale->min)
    return 0;

  return CLAMP ((value - scale->min) / (scale->max - scale->min), 0, 1);
}

/**
 * guild_chart_heat_level:
 *
 * Returns: the heatmap's level of a day: 0 for none, else 1–4 in quarters
 *   of @max
 */
guint
guild_chart_heat_level (double value,
                        double max)
{
  if (isnan (value) || value <= 0 || max <= 0)
    return 0;

  return CLAMP ((guint) ceil (4 * value / max), 1, 4);
}

static void
append_value (GString *out,
              double   value,
              guint    decimals)
{
  if (isnan (value))
    /* Translators: in a chart's tooltip, a value nobody recorded. */
    g_string_append (out, _("none"));
  else
    g_string_append_printf (out, "%.*f", decimals, value);
}

/**
 * guild_chart_data_format_tooltip:
 *
 * Returns: (transfer full): the column's heading, then one line per series:
 *   "Name: value"
 */
char *
guild_chart_data_format_tooltip (const GuildChartData *self,
                                 guint                 column)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  out = g_string_new (self->column_titles[column]);

  for (guint s = 0; s < self->n_series; s++)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (self->series_names[s] != NULL)
        /* Translators: a line of a chart's tooltip: a series' name and its value. */
        g_string_append_printf (out, _("%s: "), self->series_names[s]);
      append_value (out, self->values[s * self->n_columns + column], self->decimals);
    }

  if (self->goal > 0 && self->goal_name != NULL)
    {
      g_string_append_printf (out, "\n%s: ", self->goal_name);
      append_value (out, self->goal, 0);
    }

  return g_string_free (out, FALSE);
}
