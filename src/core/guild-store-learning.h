/* guild-store-learning.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-store.h"

G_BEGIN_DECLS

/* The highest level a skill can have (levels are 1–5; 0 is "not set"). */
#define GUILD_SKILL_MAX_LEVEL 5

typedef struct _GuildLearningUndo GuildLearningUndo;

/**
 * GuildSkillSuggestion:
 * @name: the skill's name, in the user's language
 * @reason: why it is suggested, translated ("From your target field …")
 */
typedef struct
{
  char *name;
  char *reason;
} GuildSkillSuggestion;

/**
 * GuildSkillDone:
 * @courses: (element-type GuildSkillDoneItem): the courses that build the
 *   skill, by title
 * @activities: (element-type GuildSkillDoneItem): the newest activities that
 *   name it
 * @n_activities: how many activities name it in all
 *
 * What was done for a skill, as plain data read on a worker thread. For a
 * course an item has its id, title, status and progress; for an activity its
 * id, time (@at), kind (in @status) and note (in @title).
 */
typedef struct
{
  gint64  id;
  gint64  at;
  char   *title;
  char   *status;
  int     progress;
} GuildSkillDoneItem;

typedef struct
{
  GArray *courses;
  GArray *activities;
  guint   n_activities;
} GuildSkillDone;

/* Levels */
int        guild_skill_get_gap                (GuildSkill        *skill);
int        guild_skill_level_gap              (int                level,
                                               int                target);
int        guild_skill_raised_level           (int                level);

/* What was done for a skill */
GArray    *guild_store_dup_activity_skills    (GuildStore        *self,
                                               gint64             activity_id,
                                               GError           **error);
gboolean   guild_store_set_activity_skills    (GuildStore        *self,
                                               gint64             activity_id,
                                               const gint64      *skill_ids,
                                               guint              n_skill_ids,
                                               GError           **error);
GPtrArray *guild_store_list_skill_activity    (GuildStore        *self,
                                               gint64             skill_id,
                                               guint              limit,
                                               guint             *n_total,
                                               GError           **error);
GPtrArray *guild_store_list_skill_courses     (GuildStore        *self,
                                               gint64             skill_id,
                                               GError           **error);

void       guild_store_skill_done_async       (GuildStore        *self,
                                               gint64             skill_id,
                                               guint              limit,
                                               GCancellable      *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer           user_data);
GuildSkillDone *guild_store_skill_done_finish (GuildStore        *self,
                                               GAsyncResult      *result,
                                               GError           **error);
void       guild_skill_done_free              (GuildSkillDone    *done);

/* Finishing a course */
gboolean   guild_store_raise_skill_levels     (GuildStore        *self,
                                               const gint64      *skill_ids,
                                               guint              n_skill_ids,
                                               GError           **error);

/* Deleting with undo */
gboolean   guild_store_remove_learning        (GuildStore        *self,
                                               GuildRecordKind    kind,
                                               gint64             id,
                                               GuildLearningUndo **undo,
                                               GError           **error);
gint64     guild_store_undo_remove_learning   (GuildStore        *self,
                                               GuildLearningUndo *undo,
                                               GError           **error);
void       guild_learning_undo_free           (GuildLearningUndo *undo);

/* Suggestions */
GPtrArray *guild_learning_suggest_skills      (GuildProfile      *profile,
                                               GPtrArray         *communities,
                                               GPtrArray         *skills);
void       guild_skill_suggestion_free        (GuildSkillSuggestion *suggestion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildLearningUndo, guild_learning_undo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildSkillDone, guild_skill_done_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildSkillSuggestion, guild_skill_suggestion_free)

G_END_DECLS
