/* guild-course-row.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "guild-records.h"

G_BEGIN_DECLS

#define GUILD_TYPE_COURSE_ROW (guild_course_row_get_type ())

G_DECLARE_FINAL_TYPE (GuildCourseRow, guild_course_row, GUILD, COURSE_ROW, GtkWidget)

GtkWidget   *guild_course_row_new      (GuildCourse *item);
GuildCourse  *guild_course_row_get_item (GuildCourseRow *self);

G_END_DECLS
