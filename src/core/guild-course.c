/* guild-course.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-course"

#include "config.h"

#include "guild-records.h"

struct _GuildCourse
{
  GuildRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (GuildCourse, guild_course, GUILD_TYPE_RECORD)

static const GuildField fields[] = {
  GUILD_REQUIRED_TEXT ("title"),
  GUILD_TEXT ("provider"),
  GUILD_URL ("url"),
  GUILD_VOCAB ("status", GUILD_VOCAB_COURSE_STATUS, "planned"),
  GUILD_INT ("progress", 0, 100),
  GUILD_DAY ("started-on"),
  GUILD_DAY ("finished-on"),
  GUILD_URL ("certificate-url"),
  GUILD_REF ("community-id"),
  GUILD_REFS ("skills", "course_skill", "course_id", "skill_id"),
};

static void
guild_course_class_init (GuildCourseClass *klass)
{
  guild_record_class_install_fields (GUILD_RECORD_CLASS (klass), GUILD_RECORD_COURSE,
                                     "course", fields, G_N_ELEMENTS (fields));
}

static void
guild_course_init (GuildCourse *self)
{
}

/**
 * guild_course_new:
 *
 * Returns: (transfer full): a new, unsaved course.
 */
GuildCourse *
guild_course_new (const char *title)
{
  return g_object_new (GUILD_TYPE_COURSE, "title", title, NULL);
}
