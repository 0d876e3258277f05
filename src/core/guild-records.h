/* guild-records.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-record.h"

G_BEGIN_DECLS

#define GUILD_TYPE_COMMUNITY (guild_community_get_type ())
G_DECLARE_FINAL_TYPE (GuildCommunity, guild_community, GUILD, COMMUNITY, GuildRecord)
GuildCommunity *guild_community_new (const char *name);

#define GUILD_TYPE_CONTACT (guild_contact_get_type ())
G_DECLARE_FINAL_TYPE (GuildContact, guild_contact, GUILD, CONTACT, GuildRecord)
GuildContact *guild_contact_new (const char *full_name);

#define GUILD_TYPE_EVENT (guild_event_get_type ())
G_DECLARE_FINAL_TYPE (GuildEvent, guild_event, GUILD, EVENT, GuildRecord)
GuildEvent *guild_event_new (const char *title,
                             gint64      starts_at,
                             gint64      ends_at);

#define GUILD_TYPE_ACTIVITY (guild_activity_get_type ())
G_DECLARE_FINAL_TYPE (GuildActivity, guild_activity, GUILD, ACTIVITY, GuildRecord)
GuildActivity *guild_activity_new (const char *kind,
                                   gint64      at);

#define GUILD_TYPE_CHECKIN (guild_checkin_get_type ())
G_DECLARE_FINAL_TYPE (GuildCheckin, guild_checkin, GUILD, CHECKIN, GuildRecord)
GuildCheckin *guild_checkin_new (const char *day);

#define GUILD_TYPE_SKILL (guild_skill_get_type ())
G_DECLARE_FINAL_TYPE (GuildSkill, guild_skill, GUILD, SKILL, GuildRecord)
GuildSkill *guild_skill_new (const char *name);

#define GUILD_TYPE_COURSE (guild_course_get_type ())
G_DECLARE_FINAL_TYPE (GuildCourse, guild_course, GUILD, COURSE, GuildRecord)
GuildCourse *guild_course_new (const char *title);

#define GUILD_TYPE_PROFILE (guild_profile_get_type ())
G_DECLARE_FINAL_TYPE (GuildProfile, guild_profile, GUILD, PROFILE, GuildRecord)
GuildProfile *guild_profile_new (void);

#define GUILD_TYPE_GOALS (guild_goals_get_type ())
G_DECLARE_FINAL_TYPE (GuildGoals, guild_goals, GUILD, GOALS, GuildRecord)
GuildGoals *guild_goals_new (void);

G_END_DECLS
