/* guild-course-editor.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-record-list.h"
#include "guild-store.h"

G_BEGIN_DECLS

#define GUILD_TYPE_COURSE_EDITOR (guild_course_editor_get_type ())

G_DECLARE_FINAL_TYPE (GuildCourseEditor, guild_course_editor, GUILD, COURSE_EDITOR, GtkWidget)

GtkWidget   *guild_course_editor_new        (GuildStore      *store,
                                             GuildRecordList *skills,
                                             GuildRecordList *communities);
gint64       guild_course_editor_get_id     (GuildCourseEditor *self);
gboolean     guild_course_editor_load       (GuildCourseEditor *self,
                                             gint64           id);
void         guild_course_editor_flush      (GuildCourseEditor *self);
gboolean     guild_course_editor_has_error  (GuildCourseEditor *self);

G_END_DECLS
