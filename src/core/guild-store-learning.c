/* guild-store-learning.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store-learning"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-store-learning.h"
#include "guild-store-private.h"
#include "guild-text.h"

/* Skills and courses: the gap between a skill's level and its target, what
 * was done for a skill (courses and activities naming it), raising levels
 * when a course is finished, deleting with an undo that puts the links back,
 * and suggested skills. The records themselves are plain GuildSkill and
 * GuildCourse rows of the store; this file only adds what spans several. */

/* Section: levels */

/**
 * guild_skill_level_gap:
 * @level: the current level (0: not set)
 * @target: the target level (0: not set)
 *
 * Returns: how many levels are left to reach @target; 0 without a target or
 *   when it is reached.
 */
int
guild_skill_level_gap (int level,
                       int target)
{
  if (target <= 0)
    return 0;

  return MAX (0, target - MAX (level, 0));
}

/**
 * guild_skill_get_gap:
 *
 * Returns: the levels left between @skill's level and its target.
 */
int
guild_skill_get_gap (GuildSkill *skill)
{
  GuildRecord *record = (GuildRecord *)skill;

  g_return_val_if_fail (GUILD_IS_SKILL (skill), 0);

  return guild_skill_level_gap (guild_record_get_int (record, "level"),
                                guild_record_get_int (record, "target-level"));
}

/**
 * guild_skill_raised_level:
 * @level: a level (0: not set)
 *
 * Returns: the level one step up, never above %GUILD_SKILL_MAX_LEVEL.
 */
int
guild_skill_raised_level (int level)
{
  return CLAMP (level + 1, 1, GUILD_SKILL_MAX_LEVEL);
}

/* Section: activities and skills */

/**
 * guild_store_dup_activity_skills:
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the ids of the
 *   skills @activity_id names, in their order.
 */
GArray *
guild_store_dup_activity_skills (GuildStore  *self,
                                 gint64       activity_id,
                                 GError     **error)
{
  g_autoptr(GuildRecord) activity = NULL;
  GArray *ids;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (activity_id > 0, NULL);

  if (!(activity = guild_store_load (self, GUILD_RECORD_ACTIVITY, activity_id, error)))
    return NULL;

  ids = guild_record_get_ids (activity, "skills");

  return g_array_copy (ids);
}

/**
 * guild_store_set_activity_skills:
 * @skill_ids: (array length=n_skill_ids): the skills, in order
 *
 * Sets the skills an activity exercises (a single-row write). The store
 * announces the activity as changed.
 */
gboolean
guild_store_set_activity_skills (GuildStore    *self,
                                 gint64         activity_id,
                                 const gint64  *skill_ids,
                                 guint          n_skill_ids,
                                 GError       **error)
{
  g_autoptr(GuildRecord) activity = NULL;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (activity_id > 0, FALSE);
  g_return_val_if_fail (skill_ids != NULL || n_skill_ids == 0, FALSE);

  if (!(activity = guild_store_load (self, GUILD_RECORD_ACTIVITY, activity_id, error)))
    return FALSE;

  guild_record_set_ids (activity, "skills", skill_ids, n_skill_ids);

  return guild_store_update (self, activity, error);
}

static GPtrArray *
load_ids (GuildStore       *self,
          GuildRecordKind   kind,
          sqlite3_stmt     *stmt,
          GError          **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (_guild_store_get_db (self), rc, error);
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      GuildRecord *record = guild_store_load (self, kind, g_array_index (ids, gint64, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

/**
 * guild_store_list_skill_activity:
 * @skill_id: a skill
 * @limit: the most activities to return (0: all)
 * @n_total: (out) (optional): how many activities name the skill in all
 *
 * The activities that name a skill, newest first. With a @limit this reads
 * a bounded number of rows, so a skill page may call it on the main thread.
 *
 * Returns: (transfer full) (element-type GuildActivity) (nullable): the
 *   activities.
 */
GPtrArray *
guild_store_list_skill_activity (GuildStore  *self,
                                 gint64       skill_id,
                                 guint        limit,
                                 guint       *n_total,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  db = _guild_store_get_db (self);

  if (n_total != NULL)
    {
      rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM activity_skill WHERE skill_id = ?1",
                               -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          _guild_store_set_error (db, rc, error);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, skill_id);
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        {
          _guild_store_set_error (db, rc, error);
          return NULL;
        }
      *n_total = sqlite3_column_int (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  rc = sqlite3_prepare_v2 (db,
                           "SELECT a.id FROM activity_skill s JOIN activity a ON a.id = s.activity_id"
                           " WHERE s.skill_id = ?1 ORDER BY a.at DESC, a.id DESC LIMIT ?2",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, skill_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  return load_ids (self, GUILD_RECORD_ACTIVITY, stmt, error);
}

/**
 * guild_store_list_skill_courses:
 *
 * Returns: (transfer full) (element-type GuildCourse) (nullable): the
 *   courses that build the skill, by title.
 */
GPtrArray *
guild_store_list_skill_courses (GuildStore  *self,
                                gint64       skill_id,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  db = _guild_store_get_db (self);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT c.id FROM course_skill s JOIN course c ON c.id = s.course_id"
                           " WHERE s.skill_id = ?1 ORDER BY c.title, c.id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, skill_id);

  return load_ids (self, GUILD_RECORD_COURSE, stmt, error);
}

/* Section: done for a skill, off the main thread */

typedef struct
{
  gint64  skill_id;
  guint   limit;
} DoneData;

static void
clear_done_item (gpointer data)
{
  GuildSkillDoneItem *item = data;

  g_free (item->title);
  g_free (item->status);
}

void
guild_skill_done_free (GuildSkillDone *done)
{
  if (done == NULL)
    return;

  g_clear_pointer (&done->courses, g_array_unref);
  g_clear_pointer (&done->activities, g_array_unref);
  g_free (done);
}

static GArray *
read_items (sqlite3      *db,
            const char   *sql,
            gint64        skill_id,
            gint64        limit,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (GuildSkillDoneItem));
  int rc;

  g_array_set_clear_func (items, clear_done_item);

  if ((rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, skill_id);
  sqlite3_bind_int64 (stmt, 2, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GuildSkillDoneItem item = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
        sqlite3_column_int (stmt, 4),
      };

      g_array_append_val (items, item);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&items);
}

static gpointer
done_read (sqlite3       *db,
           gpointer       user_data,
           GCancellable  *cancellable,
           GError       **error_out)
{
  DoneData *data = user_data;
  g_autoptr(GuildSkillDone) done = g_new0 (GuildSkillDone, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  int rc;

  done->courses = read_items (db, "SELECT c.id, 0, c.title, c.status, c.progress"
                                  " FROM course_skill s JOIN course c ON c.id = s.course_id"
                                  " WHERE s.skill_id = ?1 AND ?2 = ?2 ORDER BY c.title, c.id",
                              data->skill_id, 0, cancellable, &error);
  if (done->courses != NULL)
    done->activities = read_items (db, "SELECT a.id, a.at, a.note, a.kind, 0"
                                       " FROM activity_skill s JOIN activity a"
                                       " ON a.id = s.activity_id WHERE s.skill_id = ?1"
                                       " ORDER BY a.at DESC, a.id DESC LIMIT ?2",
                                   data->skill_id, data->limit > 0 ? (gint64) data->limit : -1,
                                   cancellable, &error);
  if (done->activities != NULL)
    {
      rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM activity_skill WHERE skill_id = ?1",
                               -1, &count, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (count, 1, data->skill_id);
          rc = sqlite3_step (count);
        }
      if (rc == SQLITE_ROW)
        done->n_activities = sqlite3_column_int (count, 0);
      else
        _guild_store_set_error (db, rc, &error);
      g_clear_pointer (&count, sqlite3_finalize);
    }

  if (error != NULL)
    {
      g_propagate_error (error_out, g_steal_pointer (&error));
      return NULL;
    }

  return g_steal_pointer (&done);
}

/**
 * guild_store_skill_done_async:
 * @skill_id: a skill
 * @limit: the most activities to return (0: all)
 *
 * Reads what was done for a skill on a worker thread, with a connection of
 * its own: a skill named by thousands of activities never holds up the page
 * that shows it.
 */
void
guild_store_skill_done_async (GuildStore          *self,
                              gint64               skill_id,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  DoneData *data;

  g_return_if_fail (GUILD_IS_STORE (self));

  data = g_new0 (DoneData, 1);
  data->skill_id = skill_id;
  data->limit = limit;

  _guild_store_read_async (self, guild_store_skill_done_async, done_read, data, g_free,
                           (GDestroyNotify) guild_skill_done_free,
                           cancellable, callback, user_data);
}

/**
 * guild_store_skill_done_finish:
 *
 * Returns: (transfer full): what was done for the skill, or %NULL with
 *   @error set.
 */
GuildSkillDone *
guild_store_skill_done_finish (GuildStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Section: finishing a course */

/**
 * guild_store_raise_skill_levels:
 * @skill_ids: (array length=n_skill_ids): the skills the user chose
 *
 * Raises each skill's level by one (never above %GUILD_SKILL_MAX_LEVEL), in
 * one transaction.
 */
gboolean
guild_store_raise_skill_levels (GuildStore    *self,
                                const gint64  *skill_ids,
                                guint          n_skill_ids,
                                GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (skill_ids != NULL || n_skill_ids == 0, FALSE);

  if (!guild_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < n_skill_ids; i++)
    {
      g_autoptr(GuildRecord) skill = NULL;
      int level;

      if (!(skill = guild_store_load (self, GUILD_RECORD_SKILL, skill_ids[i], error)))
        goto failed;

      level = guild_record_get_int (skill, "level");
      if (level >= GUILD_SKILL_MAX_LEVEL)
        continue;

      guild_record_set_int (skill, "level", guild_skill_raised_level (level));
      if (!guild_store_update (self, skill, error))
        goto failed;
    }

  return guild_store_commit (self, error);

failed:
  guild_store_rollback (self);
  return FALSE;
}

/* Section: deleting with undo */

struct _GuildLearningUndo
{
  GuildRecord *record;
  /* For a skill: the courses that built it and the activities that named
   * it, with the skill's place in each list. */
  GArray      *courses;
  GArray      *activities;
};

typedef struct
{
  gint64 owner;
  int    position;
} Link;

void
guild_learning_undo_free (GuildLearningUndo *undo)
{
  if (undo == NULL)
    return;

  g_clear_object (&undo->record);
  g_clear_pointer (&undo->courses, g_array_unref);
  g_clear_pointer (&undo->activities, g_array_unref);
  g_free (undo);
}

static GArray *
read_links (sqlite3     *db,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Link link = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) };

      g_array_append_val (links, link);
    }

  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&links);
}

/* Puts links back for the owners that still exist; returns the owners
 * written, for the change announcements. */
static GArray *
write_links (sqlite3      *db,
             const char   *sql,
             GArray       *links,
             gint64        id,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) written = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }

  for (guint i = 0; i < links->len; i++)
    {
      const Link *link = &g_array_index (links, Link, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, link->owner);
      sqlite3_bind_int64 (stmt, 2, id);
      sqlite3_bind_int (stmt, 3, link->position);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        {
          _guild_store_set_error (db, rc, error);
          return NULL;
        }
      if (sqlite3_changes (db) > 0)
        g_array_append_val (written, link->owner);
    }

  return g_steal_pointer (&written);
}

/**
 * guild_store_remove_learning:
 * @kind: %GUILD_RECORD_SKILL or %GUILD_RECORD_COURSE
 * @undo: (out) (optional) (transfer full): what
 *   guild_store_undo_remove_learning() needs to put it back
 *
 * Removes a skill or a course. For a skill, the courses and activities that
 * named it lose the link; @undo remembers them.
 */
gboolean
guild_store_remove_learning (GuildStore         *self,
                             GuildRecordKind     kind,
                             gint64              id,
                             GuildLearningUndo **undo,
                             GError            **error)
{
  g_autoptr(GuildLearningUndo) snapshot = NULL;
  sqlite3 *db;

  g_return_val_if_fail (GUILD_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind == GUILD_RECORD_SKILL || kind == GUILD_RECORD_COURSE, FALSE);
  g_return_val_if_fail (id > 0, FALSE);

  db = _guild_store_get_db (self);
  snapshot = g_new0 (GuildLearningUndo, 1);

  if (!(snapshot->record = guild_store_load (self, kind, id, error)))
    return FALSE;

  if (kind == GUILD_RECORD_SKILL)
    {
      if (!(snapshot->courses = read_links (db, "SELECT course_id, position FROM course_skill"
                                                " WHERE skill_id = ?1", id, error)) ||
          !(snapshot->activities = read_links (db, "SELECT activity_id, position"
                                                   " FROM activity_skill WHERE skill_id = ?1",
                                               id, error)))
        return FALSE;
    }

  if (!guild_store_begin (self, error))
    return FALSE;

  if (!guild_store_remove (self, kind, id, error))
    {
      guild_store_rollback (self);
      return FALSE;
    }

  if (!guild_store_commit (self, error))
    return FALSE;

  /* The courses and activities lost a link behind the store's back (the
   * cascade): say so, so that open pages reload them. */
  if (snapshot->courses != NULL)
    for (guint i = 0; i < snapshot->courses->len; i++)
      g_signal_emit_by_name (self, "changed", (guint) GUILD_RECORD_COURSE,
                             g_array_index (snapshot->courses, Link, i).owner,
                             (guint) GUILD_CHANGE_CHANGED);
  if (snapshot->activities != NULL && snapshot->activities->len > 0)
    g_signal_emit_by_name (self, "changed", (guint) GUILD_RECORD_ACTIVITY, (gint64) 0,
                           (guint) GUILD_CHANGE_RESET);

  if (undo != NULL)
    *undo = g_steal_pointer (&snapshot);

  return TRUE;
}

/**
 * guild_store_undo_remove_learning:
 *
 * Adds the removed record back (under a new id) and, for a skill, its links
 * to the courses and activities that still exist.
 *
 * Returns: the new id, or 0 on error.
 */
gint64
guild_store_undo_remove_learning (GuildStore         *self,
                                  GuildLearningUndo  *undo,
                                  GError            **error)
{
  g_autoptr(GuildRecord) record = NULL;
  g_autoptr(GArray) courses = NULL;
  g_autoptr(GArray) activities = NULL;
  GuildRecordKind kind;
  sqlite3 *db;
  gint64 id;

  g_return_val_if_fail (GUILD_IS_STORE (self), 0);
  g_return_val_if_fail (undo != NULL, 0);

  db = _guild_store_get_db (self);
  kind = guild_record_get_kind (undo->record);
  record = guild_record_new_for_kind (kind);
  guild_record_copy_fields (record, undo->record);

  if (kind == GUILD_RECORD_COURSE)
    {
      g_autoptr(GArray) ids = g_array_ref (guild_record_get_ids (record, "skills"));
      g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      /* A skill deleted since then cannot be linked again. */
      if ((rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM skill WHERE id = ?1",
                                    -1, &stmt, NULL)) != SQLITE_OK)
        {
          _guild_store_set_error (db, rc, error);
          return 0;
        }
      for (guint i = 0; i < ids->len; i++)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
          if (sqlite3_step (stmt) == SQLITE_ROW)
            g_array_append_val (kept, g_array_index (ids, gint64, i));
        }
      guild_record_set_ids (record, "skills", (const gint64 *) (gpointer) kept->data, kept->len);

      if (guild_record_get_int (record, "community-id") > 0)
        {
          g_autoptr(sqlite3_stmt) community = NULL;

          if ((rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM community WHERE id = ?1",
                                        -1, &community, NULL)) != SQLITE_OK)
            {
              _guild_store_set_error (db, rc, error);
              return 0;
            }
          sqlite3_bind_int64 (community, 1, guild_record_get_int (record, "community-id"));
          if (sqlite3_step (community) != SQLITE_ROW)
            guild_record_set_int (record, "community-id", 0);
        }
    }

  if (!guild_store_begin (self, error))
    return 0;

  if (!guild_store_add (self, record, error))
    goto failed;

  id = guild_record_get_id (record);

  if (kind == GUILD_RECORD_SKILL)
    {
      if (!(courses = write_links (db, "INSERT OR IGNORE INTO course_skill"
                                       " (course_id, skill_id, position)"
                                       " SELECT ?1, ?2, ?3 WHERE EXISTS"
                                       " (SELECT 1 FROM course WHERE id = ?1)",
                                   undo->courses, id, error)) ||
          !(activities = write_links (db, "INSERT OR IGNORE INTO activity_skill"
                                          " (activity_id, skill_id, position)"
                                          " SELECT ?1, ?2, ?3 WHERE EXISTS"
                                          " (SELECT 1 FROM activity WHERE id = ?1)",
                                      undo->activities, id, error)))
        goto failed;
    }

  if (!guild_store_commit (self, error))
    return 0;

  if (courses != NULL)
    for (guint i = 0; i < courses->len; i++)
      g_signal_emit_by_name (self, "changed", (guint) GUILD_RECORD_COURSE,
                             g_array_index (courses, gint64, i), (guint) GUILD_CHANGE_CHANGED);
  if (activities != NULL && activities->len > 0)
    g_signal_emit_by_name (self, "changed", (guint) GUILD_RECORD_ACTIVITY, (gint64) 0,
                           (guint) GUILD_CHANGE_RESET);

  return id;

failed:
  guild_store_rollback (self);
  return 0;
}

/* Section: suggestions */

/* A small catalogue of fields a career changer moves into, each with the
 * words that name it (English and Russian word starts, folded) and the
 * skills people in it build first. */
typedef struct
{
  const char *words[8];
  const char *skills[6];
} FieldSkills;

static const FieldSkills catalogue[] = {
  { { "data", "analyt", "analys", "bi", "аналит", "данн", NULL },
    { N_("SQL"), N_("Statistics"), N_("Data visualisation"), N_("Python"), N_("Spreadsheets"), NULL } },
  { { "develop", "program", "software", "engineer", "backend", "разработ", "программ", NULL },
    { N_("Git"), N_("Python"), N_("Algorithms"), N_("Testing"), N_("Code review"), NULL } },
  { { "frontend", "web", "javascript", "react", "веб", "фронтенд", NULL },
    { N_("HTML and CSS"), N_("JavaScript"), N_("React"), N_("Accessibility"), NULL } },
  { { "design", "ux", "ui", "дизайн", "интерфейс", NULL },
    { N_("Figma"), N_("User research"), N_("Prototyping"), N_("Visual design"), NULL } },
  { { "product", "продукт", NULL },
    { N_("Product discovery"), N_("User interviews"), N_("Roadmapping"), N_("Product metrics"), NULL } },
  { { "project", "manag", "agile", "scrum", "проект", "менеджм", "управлен", NULL },
    { N_("Agile and Scrum"), N_("Planning"), N_("Stakeholder communication"), N_("Risk management"), NULL } },
  { { "qa", "test", "quality", "тестир", "качеств", NULL },
    { N_("Test design"), N_("Test automation"), N_("Bug reporting"), NULL } },
  { { "devops", "cloud", "infrastructure", "sre", "linux", "инфраструкт", "облач", NULL },
    { N_("Linux"), N_("Docker"), N_("CI/CD"), N_("Cloud platforms"), NULL } },
  { { "machine", "ml", "ai", "learning", "машинн", "искусствен", "нейросет", NULL },
    { N_("Python"), N_("Machine learning"), N_("Statistics"), N_("Linear algebra"), NULL } },
  { { "marketing", "smm", "seo", "content", "маркет", "контент", NULL },
    { N_("Content marketing"), N_("SEO"), N_("Web analytics"), N_("Copywriting"), NULL } },
  { { "security", "cyber", "безопасн", "кибер", NULL },
    { N_("Network security"), N_("Threat modelling"), N_("Linux"), NULL } },
};

/* Skills any career changer's communities help with, by community focus. */
static const char *career_skills[] = {
  N_("Networking"), N_("Interviewing"), N_("Personal branding"), NULL
};

static const char *value_skills[] = {
  N_("Public speaking"), N_("Technical writing"), NULL
};

void
guild_skill_suggestion_free (GuildSkillSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;

  g_free (suggestion->name);
  g_free (suggestion->reason);
  g_free (suggestion);
}

static gboolean
word_matches (const char *word,
              const char *stem)
{
  /* Short stems ("ui", "ml", "qa") only match a whole word, or they would
   * find "ui" in "build". */
  if (strlen (stem) <= 3)
    return g_str_equal (word, stem);

  return g_str_has_prefix (word, stem);
}

static gboolean
text_names_field (const char        *text,
                  const FieldSkills *field)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  folded = guild_text_fold (text);
  words = g_strsplit_set (folded, " \t\n,.;:/()-+&«»\"'!?", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      for (guint j = 0; field->words[j] != NULL; j++)
        if (word_matches (words[i], field->words[j]))
          return TRUE;
    }

  return FALSE;
}

static void
suggest (GPtrArray  *suggestions,
         GHashTable *taken,
         const char *msgid,
         const char *reason)
{
  const char *name = _(msgid);
  g_autofree char *folded = guild_text_fold (name);
  GuildSkillSuggestion *suggestion;

  if (g_hash_table_contains (taken, folded))
    return;

  suggestion = g_new0 (GuildSkillSuggestion, 1);
  suggestion->name = g_strdup (name);
  suggestion->reason = g_strdup (reason);
  g_ptr_array_add (suggestions, suggestion);
  g_hash_table_add (taken, g_steal_pointer (&folded));
}

static void
suggest_for_text (GPtrArray  *suggestions,
                  GHashTable *taken,
                  const char *text,
                  const char *reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    if (text_names_field (text, &catalogue[i]))
      for (guint j = 0; catalogue[i].skills[j] != NULL; j++)
        suggest (suggestions, taken, catalogue[i].skills[j], reason);
}

/**
 * guild_learning_suggest_skills:
 * @profile: (nullable): the user's profile; its target field counts most
 * @communities: (nullable) (element-type GuildCommunity): the user's communities
 * @skills: (nullable) (element-type GuildSkill): the skills the user already has
 *
 * Suggests skills from the profile's target field and the communities'
 * focus, industry and names, leaving out those the user already has (names
 * compared folded). Nothing is added: the user decides.
 *
 * Returns: (transfer full) (element-type GuildSkillSuggestion): the
 *   suggestions, the target field's first.
 */
GPtrArray *
guild_learning_suggest_skills (GuildProfile *profile,
                               GPtrArray    *communities,
                               GPtrArray    *skills)
{
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GHashTable) taken = NULL;
  gboolean career = FALSE;
  gboolean value = FALSE;

  g_return_val_if_fail (profile == NULL || GUILD_IS_PROFILE (profile), NULL);

  suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) guild_skill_suggestion_free);
  taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; skills != NULL && i < skills->len; i++)
    g_hash_table_add (taken, guild_text_fold (guild_record_get_text (g_ptr_array_index (skills, i),
                                                                     "name")));

  if (profile != NULL)
    {
      const char *field = guild_record_get_text (GUILD_RECORD (profile), "target-field");

      if (*field != '\0')
        {
          /* Translators: why a skill is suggested; %s is the user's target field. */
          g_autofree char *reason = g_strdup_printf (_("For your target field, “%s”"), field);

          suggest_for_text (suggestions, taken, field, reason);
        }
    }

  for (guint i = 0; communities != NULL && i < communities->len; i++)
    {
      GuildRecord *community = g_ptr_array_index (communities, i);
      const char *name = guild_record_get_text (community, "name");
      const char *focus = guild_record_get_text (community, "focus");
      g_autofree char *text = NULL;
      g_autofree char *reason = NULL;

      if (g_str_equal (guild_record_get_text (community, "status"), "left"))
        continue;

      text = g_strjoin (" ", name, guild_record_get_text (community, "industry"), NULL);
      /* Translators: why a skill is suggested; %s is a community's name. */
      reason = g_strdup_printf (_("From the community “%s”"), name);
      suggest_for_text (suggestions, taken, text, reason);

      career |= g_str_equal (focus, "career");
      value |= g_str_equal (focus, "industry") || g_str_equal (focus, "skill");
    }

  for (guint i = 0; career && career_skills[i] != NULL; i++)
    suggest (suggestions, taken, career_skills[i],
             _("Your career-focused communities help with it"));
  for (guint i = 0; value && value_skills[i] != NULL; i++)
    suggest (suggestions, taken, value_skills[i],
             _("Sharing what you know in your communities builds it"));

  return g_steal_pointer (&suggestions);
}
