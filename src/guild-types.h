/* guild-types.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GuildRecord    GuildRecord;
typedef struct _GuildCommunity GuildCommunity;
typedef struct _GuildContact   GuildContact;
typedef struct _GuildEvent     GuildEvent;
typedef struct _GuildActivity  GuildActivity;
typedef struct _GuildCheckin   GuildCheckin;
typedef struct _GuildSkill     GuildSkill;
typedef struct _GuildCourse    GuildCourse;
typedef struct _GuildProfile   GuildProfile;
typedef struct _GuildGoals     GuildGoals;
typedef struct _GuildStore     GuildStore;
typedef struct _GuildRecordList GuildRecordList;

typedef struct _GuildApplication GuildApplication;
typedef struct _GuildWindow      GuildWindow;

/**
 * GuildRecordKind:
 *
 * The kinds of record the store keeps. The numbers are not stored anywhere;
 * the table names are.
 */
typedef enum
{
  GUILD_RECORD_COMMUNITY,
  GUILD_RECORD_CONTACT,
  GUILD_RECORD_EVENT,
  GUILD_RECORD_ACTIVITY,
  GUILD_RECORD_CHECKIN,
  GUILD_RECORD_SKILL,
  GUILD_RECORD_COURSE,
  GUILD_RECORD_PROFILE,
  GUILD_RECORD_GOALS,
  GUILD_N_RECORD_KINDS
} GuildRecordKind;

/**
 * GuildChange:
 * @GUILD_CHANGE_ADDED: a record was added
 * @GUILD_CHANGE_CHANGED: a record's fields changed
 * @GUILD_CHANGE_REMOVED: a record was removed
 * @GUILD_CHANGE_RESET: many records of the kind changed at once (a bulk
 *   write); listeners reload that kind. The id is 0.
 */
typedef enum
{
  GUILD_CHANGE_ADDED,
  GUILD_CHANGE_CHANGED,
  GUILD_CHANGE_REMOVED,
  GUILD_CHANGE_RESET,
} GuildChange;

G_END_DECLS
