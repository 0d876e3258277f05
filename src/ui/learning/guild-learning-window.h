/* guild-learning-window.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-course-editor.h"
#include "guild-skill-editor.h"
#include "guild-skills-chart.h"
#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_LEARNING_WINDOW (guild_learning_window_get_type ())

G_DECLARE_FINAL_TYPE (GuildLearningWindow, guild_learning_window, GUILD, LEARNING_WINDOW, AdwWindow)

GuildLearningWindow *guild_learning_window_new               (GuildStore          *store);
GuildLearningWindow *guild_learning_window_present           (GtkWindow           *parent,
                                                              GuildStore          *store);
void                 guild_learning_window_open              (GuildLearningWindow *self,
                                                              GuildRecordKind      kind,
                                                              gint64               id);
GuildSkillEditor    *guild_learning_window_get_skill_editor  (GuildLearningWindow *self);
GuildCourseEditor   *guild_learning_window_get_course_editor (GuildLearningWindow *self);
GuildSkillsChart    *guild_learning_window_get_chart         (GuildLearningWindow *self);
GtkListBox          *guild_learning_window_get_list          (GuildLearningWindow *self,
                                                              GuildRecordKind      kind);

G_END_DECLS
