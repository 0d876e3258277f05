/* guild-skills-chart.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-chart.h"
#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_SKILLS_CHART (guild_skills_chart_get_type ())

G_DECLARE_FINAL_TYPE (GuildSkillsChart, guild_skills_chart, GUILD, SKILLS_CHART, GtkWidget)

GtkWidget  *guild_skills_chart_new              (GuildStore       *store);
GuildStore *guild_skills_chart_get_store        (GuildSkillsChart *self);
void        guild_skills_chart_set_store        (GuildSkillsChart *self,
                                                 GuildStore       *store);
gboolean    guild_skills_chart_get_loaded       (GuildSkillsChart *self);
guint       guild_skills_chart_get_n_skills     (GuildSkillsChart *self);
char       *guild_skills_chart_dup_tooltip      (GuildSkillsChart *self,
                                                 guint             row);
char       *guild_skills_chart_dup_description  (GuildSkillsChart *self);
GskRenderNode *guild_skills_chart_render        (GuildSkillsChart *self,
                                                 int               width,
                                                 int               height,
                                                 gboolean          background);
gboolean    guild_skills_chart_export           (GtkWidget        *chart,
                                                 const char       *path,
                                                 GuildChartFormat  format,
                                                 GError          **error);

G_END_DECLS
