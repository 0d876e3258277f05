/* guild-charts-page.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-chart.h"
#include "guild-charts-model.h"
#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_CHARTS_PAGE (guild_charts_page_get_type ())

G_DECLARE_FINAL_TYPE (GuildChartsPage, guild_charts_page, GUILD, CHARTS_PAGE, GtkWidget)

GuildStore *guild_charts_page_get_store (GuildChartsPage *self);
void        guild_charts_page_set_store (GuildChartsPage *self,
                                         GuildStore      *store);
void        guild_charts_page_load      (GuildChartsPage *self);
GtkWidget  *guild_charts_page_get_chart (GuildChartsPage *self,
                                         guint            id);
gboolean    guild_charts_page_is_loading (GuildChartsPage *self);
void        guild_charts_page_set_period (GuildChartsPage   *self,
                                          GuildChartsPeriod  period);
void        guild_charts_page_add_chart  (GuildChartsPage   *self,
                                          GuildChart        *chart,
                                          const char        *file_name);
GtkWidget  *_guild_charts_page_get_skills_chart (GuildChartsPage *self);
gboolean    _guild_charts_page_export    (GuildChartsPage   *self,
                                          GtkWidget         *chart,
                                          const char        *path,
                                          GuildChartFormat   format,
                                          GError           **error);

G_END_DECLS
