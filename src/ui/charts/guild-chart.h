/* guild-chart.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-chart-data.h"

G_BEGIN_DECLS

typedef enum
{
  GUILD_CHART_FORMAT_PNG,
  GUILD_CHART_FORMAT_SVG,
} GuildChartFormat;

/* Writes a chart widget to @path; a chart card calls its chart's own. */
typedef gboolean (*GuildChartExportFunc) (GtkWidget         *chart,
                                          const char        *path,
                                          GuildChartFormat   format,
                                          GError           **error);

#define GUILD_TYPE_CHART (guild_chart_get_type ())

G_DECLARE_FINAL_TYPE (GuildChart, guild_chart, GUILD, CHART, GtkWidget)

GtkWidget      *guild_chart_new             (void);
GuildChartData *guild_chart_get_data        (GuildChart       *self);
void            guild_chart_set_data        (GuildChart       *self,
                                             GuildChartData   *data);
const char     *guild_chart_get_title       (GuildChart       *self);
void            guild_chart_set_title       (GuildChart       *self,
                                             const char       *title);
const char     *guild_chart_get_description (GuildChart       *self);
void            guild_chart_set_description (GuildChart       *self,
                                             const char       *description);
void            guild_chart_set_empty_text  (GuildChart       *self,
                                             const char       *text);
GskRenderNode  *guild_chart_render          (GuildChart       *self,
                                             int               width,
                                             int               height,
                                             gboolean          background);
gboolean        guild_chart_export          (GuildChart       *self,
                                             const char       *path,
                                             GuildChartFormat  format,
                                             GError          **error);
char           *guild_chart_query_column    (GuildChart       *self,
                                             int               width,
                                             int               height,
                                             double            x,
                                             double            y);
gboolean        guild_chart_export_node     (GskRenderNode    *node,
                                             int               width,
                                             int               height,
                                             const char       *path,
                                             GuildChartFormat  format,
                                             GError          **error);

G_END_DECLS
