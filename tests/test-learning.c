/* test-learning.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "guild-export-json.h"
#include "guild-metrics.h"
#include "guild-recurrence.h"
#include "guild-store-import.h"
#include "guild-store-learning.h"

/* Skills and courses in the core: saving and reading them back, the gap
 * between level and target, raising levels after a course, the activities
 * and courses done for a skill, deleting with an undo that restores the
 * links, suggestions, courses completed per week in the metrics and their
 * JSON, and the backup's round trip. */

typedef struct
{
  char       *dir;
  GuildStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("guild-test-learning-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
add_skill (Fixture    *f,
           const char *name,
           int         level,
           int         target)
{
  g_autoptr(GuildSkill) skill = guild_skill_new (name);
  g_autoptr(GError) error = NULL;

  g_object_set (skill, "level", level, "target-level", target, NULL);
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (skill), &error));
  g_assert_no_error (error);
  return guild_record_get_id (GUILD_RECORD (skill));
}

static gint64
add_course (Fixture      *f,
            const char   *title,
            const char   *status,
            const char   *finished_on,
            const gint64 *skills,
            guint         n_skills)
{
  g_autoptr(GuildCourse) course = guild_course_new (title);
  g_autoptr(GError) error = NULL;

  g_object_set (course, "status", status, "finished-on", finished_on, NULL);
  guild_record_set_ids (GUILD_RECORD (course), "skills", skills, n_skills);
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (course), &error));
  g_assert_no_error (error);
  return guild_record_get_id (GUILD_RECORD (course));
}

static gint64
add_activity (Fixture    *f,
              const char *when)
{
  gint64 at = 0;
  g_autoptr(GuildActivity) activity = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_instant_parse (when, &at));
  activity = guild_activity_new ("read", at);
  g_assert_true (guild_store_add (f->store, GUILD_RECORD (activity), &error));
  g_assert_no_error (error);
  return guild_record_get_id (GUILD_RECORD (activity));
}

static int
skill_level (Fixture *f,
             gint64   id)
{
  g_autoptr(GuildRecord) skill = guild_store_load (f->store, GUILD_RECORD_SKILL, id, NULL);

  g_assert_nonnull (skill);
  return guild_record_get_int (skill, "level");
}

static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GuildRecord) skill = NULL;
  g_autoptr(GuildRecord) course = NULL;
  g_autoptr(GuildCourse) bad = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sql = add_skill (f, "SQL", 2, 4);
  gint64 course_id;
  GArray *ids;

  skill = guild_store_load (f->store, GUILD_RECORD_SKILL, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (guild_record_get_text (skill, "name"), ==, "SQL");
  guild_record_set_text (skill, "evidence", "https://github.com/me/sql-notes\nA dashboard project");
  guild_record_set_int (skill, "level", 3);
  g_assert_true (guild_store_update (f->store, skill, &error));
  g_clear_object (&skill);
  skill = guild_store_load (f->store, GUILD_RECORD_SKILL, sql, &error);
  g_assert_cmpint (guild_record_get_int (skill, "level"), ==, 3);
  g_assert_cmpstr (guild_record_get_text (skill, "evidence"), ==,
                   "https://github.com/me/sql-notes\nA dashboard project");

  course_id = add_course (f, "Databases", "in_progress", "", &sql, 1);
  course = guild_store_load (f->store, GUILD_RECORD_COURSE, course_id, &error);
  g_assert_no_error (error);
  g_object_set (course, "provider", "Stepik", "progress", 40, "url", "https://stepik.org/course/1",
                "started-on", "2025-10-01", "certificate-url", "", NULL);
  g_assert_true (guild_store_update (f->store, course, &error));
  g_assert_no_error (error);
  g_clear_object (&course);
  course = guild_store_load (f->store, GUILD_RECORD_COURSE, course_id, &error);
  g_assert_cmpstr (guild_record_get_text (course, "provider"), ==, "Stepik");
  g_assert_cmpint (guild_record_get_int (course, "progress"), ==, 40);
  ids = guild_record_get_ids (course, "skills");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, sql);

  /* Invalid input is refused and nothing is written. */
  bad = guild_course_new ("   ");
  g_assert_false (guild_store_add (f->store, GUILD_RECORD (bad), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  guild_record_set_text (course, "url", "not a link");
  g_assert_false (guild_store_update (f->store, course, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  courses = guild_store_list (f->store, GUILD_RECORD_COURSE, NULL, &error);
  g_assert_cmpuint (courses->len, ==, 1);
  g_assert_cmpstr (guild_record_get_text (g_ptr_array_index (courses, 0), "url"), ==,
                   "https://stepik.org/course/1");

  g_assert_true (guild_store_remove (f->store, GUILD_RECORD_COURSE, course_id, &error));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_COURSE), ==, 0);
}

static void
test_gap (void)
{
  g_autoptr(GuildSkill) skill = guild_skill_new ("Python");

  g_assert_cmpint (guild_skill_level_gap (2, 5), ==, 3);
  g_assert_cmpint (guild_skill_level_gap (0, 3), ==, 3);
  g_assert_cmpint (guild_skill_level_gap (4, 4), ==, 0);
  g_assert_cmpint (guild_skill_level_gap (5, 3), ==, 0);
  g_assert_cmpint (guild_skill_level_gap (3, 0), ==, 0);

  g_object_set (skill, "level", 1, "target-level", 4, NULL);
  g_assert_cmpint (guild_skill_get_gap (skill), ==, 3);

  g_assert_cmpint (guild_skill_raised_level (0), ==, 1);
  g_assert_cmpint (guild_skill_raised_level (3), ==, 4);
  g_assert_cmpint (guild_skill_raised_level (5), ==, 5);
}

static void
test_raise (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[] = {
    add_skill (f, "SQL", 2, 4),
    add_skill (f, "Statistics", 5, 5),
    add_skill (f, "Python", 0, 3),
  };
  gint64 untouched = add_skill (f, "Excel", 1, 2);

  g_assert_true (guild_store_raise_skill_levels (f->store, ids, G_N_ELEMENTS (ids), &error));
  g_assert_no_error (error);
  g_assert_cmpint (skill_level (f, ids[0]), ==, 3);
  g_assert_cmpint (skill_level (f, ids[1]), ==, 5);
  g_assert_cmpint (skill_level (f, ids[2]), ==, 1);
  g_assert_cmpint (skill_level (f, untouched), ==, 1);
}

static void
test_activity_skills (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) got = NULL;
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  gint64 sql = add_skill (f, "SQL", 1, 3);
  gint64 python = add_skill (f, "Python", 1, 3);
  gint64 both[2] = { python, sql };
  gint64 old = add_activity (f, "2025-11-03T10:00:00Z");
  gint64 recent = add_activity (f, "2025-11-20T10:00:00Z");
  gint64 other = add_activity (f, "2025-11-21T10:00:00Z");
  guint total = 0;

  g_assert_true (guild_store_set_activity_skills (f->store, old, &sql, 1, &error));
  g_assert_true (guild_store_set_activity_skills (f->store, recent, both, 2, &error));
  g_assert_true (guild_store_set_activity_skills (f->store, other, &python, 1, &error));
  g_assert_no_error (error);

  got = guild_store_dup_activity_skills (f->store, recent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpint (g_array_index (got, gint64, 0), ==, python);
  g_assert_cmpint (g_array_index (got, gint64, 1), ==, sql);

  /* Newest first, limited, with the full count. */
  done = guild_store_list_skill_activity (f->store, sql, 0, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpuint (done->len, ==, 2);
  g_assert_cmpint (guild_record_get_id (g_ptr_array_index (done, 0)), ==, recent);
  g_assert_cmpint (guild_record_get_id (g_ptr_array_index (done, 1)), ==, old);
  g_clear_pointer (&done, g_ptr_array_unref);
  done = guild_store_list_skill_activity (f->store, sql, 1, &total, &error);
  g_assert_cmpuint (done->len, ==, 1);
  g_assert_cmpuint (total, ==, 2);

  /* Clearing the skills of an activity. */
  g_assert_true (guild_store_set_activity_skills (f->store, recent, NULL, 0, &error));
  g_clear_pointer (&done, g_ptr_array_unref);
  done = guild_store_list_skill_activity (f->store, sql, 0, &total, &error);
  g_assert_cmpuint (total, ==, 1);

  add_course (f, "Zeta SQL", "planned", "", &sql, 1);
  add_course (f, "Alpha SQL", "planned", "", both, 2);
  add_course (f, "Python only", "planned", "", &python, 1);
  courses = guild_store_list_skill_courses (f->store, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (courses->len, ==, 2);
  g_assert_cmpstr (guild_record_get_text (g_ptr_array_index (courses, 0), "title"), ==,
                   "Alpha SQL");
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GuildSkillDone **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = guild_store_skill_done_finish (GUILD_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_skill_done_async (Fixture       *f,
                       gconstpointer  data)
{
  GuildSkillDone *done = NULL;
  gint64 sql = add_skill (f, "SQL", 1, 3);
  gint64 python = add_skill (f, "Python", 1, 3);
  gint64 both[2] = { python, sql };
  gint64 ids[5];
  const GuildSkillDoneItem *item;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *when = g_strdup_printf ("2025-11-%02uT10:00:00Z", 3 + i);

      ids[i] = add_activity (f, when);
      g_assert_true (guild_store_set_activity_skills (f->store, ids[i], &sql, 1, NULL));
    }
  add_course (f, "Databases", "in_progress", "", both, 2);
  add_course (f, "Python only", "planned", "", &python, 1);

  guild_store_skill_done_async (f->store, sql, 3, NULL, done_cb, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (done->courses->len, ==, 1);
  item = &g_array_index (done->courses, GuildSkillDoneItem, 0);
  g_assert_cmpstr (item->title, ==, "Databases");
  g_assert_cmpstr (item->status, ==, "in_progress");
  g_assert_cmpuint (done->n_activities, ==, 5);
  g_assert_cmpuint (done->activities->len, ==, 3);
  /* Newest first: the kind in status. */
  item = &g_array_index (done->activities, GuildSkillDoneItem, 0);
  g_assert_cmpint (item->id, ==, ids[4]);
  g_assert_cmpstr (item->status, ==, "read");
  guild_skill_done_free (done);
}

static void
test_undo_skill (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GuildLearningUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GuildRecord) restored = NULL;
  gint64 sql = add_skill (f, "SQL", 2, 4);
  gint64 python = add_skill (f, "Python", 1, 3);
  gint64 both[2] = { sql, python };
  gint64 course = add_course (f, "Databases", "planned", "", both, 2);
  gint64 activity = add_activity (f, "2025-11-03T10:00:00Z");
  gint64 new_id;
  guint total = 0;

  g_assert_true (guild_store_set_activity_skills (f->store, activity, both, 2, &error));
  g_assert_true (guild_store_remove_learning (f->store, GUILD_RECORD_SKILL, sql, &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_SKILL), ==, 1);

  new_id = guild_store_undo_remove_learning (f->store, undo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_id, >, 0);

  restored = guild_store_load (f->store, GUILD_RECORD_SKILL, new_id, &error);
  g_assert_cmpstr (guild_record_get_text (restored, "name"), ==, "SQL");
  g_assert_cmpint (guild_record_get_int (restored, "level"), ==, 2);
  g_assert_cmpint (guild_record_get_int (restored, "target-level"), ==, 4);

  /* The links come back, in their place. */
  courses = guild_store_list_skill_courses (f->store, new_id, &error);
  g_assert_cmpuint (courses->len, ==, 1);
  g_assert_cmpint (guild_record_get_id (g_ptr_array_index (courses, 0)), ==, course);
  g_assert_cmpint (g_array_index (guild_record_get_ids (g_ptr_array_index (courses, 0), "skills"),
                                  gint64, 0), ==, new_id);
  done = guild_store_list_skill_activity (f->store, new_id, 0, &total, &error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpint (guild_record_get_id (g_ptr_array_index (done, 0)), ==, activity);
}

static void
test_undo_course (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GuildLearningUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildRecord) restored = NULL;
  gint64 sql = add_skill (f, "SQL", 2, 4);
  gint64 python = add_skill (f, "Python", 1, 3);
  gint64 both[2] = { sql, python };
  gint64 course = add_course (f, "Databases", "completed", "2025-11-05", both, 2);
  gint64 new_id;
  GArray *ids;

  g_assert_true (guild_store_remove_learning (f->store, GUILD_RECORD_COURSE, course, &undo,
                                              &error));
  /* A skill deleted in the meantime is left out, not an error. */
  g_assert_true (guild_store_remove (f->store, GUILD_RECORD_SKILL, python, &error));
  new_id = guild_store_undo_remove_learning (f->store, undo, &error);
  g_assert_no_error (error);
  restored = guild_store_load (f->store, GUILD_RECORD_COURSE, new_id, &error);
  g_assert_cmpstr (guild_record_get_text (restored, "status"), ==, "completed");
  g_assert_cmpstr (guild_record_get_text (restored, "finished-on"), ==, "2025-11-05");
  ids = guild_record_get_ids (restored, "skills");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, sql);
}

static void
test_suggestions (void)
{
  g_autoptr(GuildProfile) profile = guild_profile_new ();
  g_autoptr(GPtrArray) communities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) skills = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GuildCommunity *community;
  GuildSkillSuggestion *first;

  /* Nothing to go on: nothing suggested. */
  suggestions = guild_learning_suggest_skills (profile, communities, skills);
  g_assert_cmpuint (suggestions->len, ==, 0);
  g_clear_pointer (&suggestions, g_ptr_array_unref);

  guild_record_set_text (GUILD_RECORD (profile), "target-field", "Data analysis");
  g_ptr_array_add (skills, guild_skill_new ("sql"));
  community = guild_community_new ("Frontend Moscow");
  g_object_set (community, "focus", "career", NULL);
  g_ptr_array_add (communities, community);
  /* A community the user left counts for nothing. */
  community = guild_community_new ("UX Writers");
  g_object_set (community, "status", "left", NULL);
  g_ptr_array_add (communities, community);
  /* "ui" only as a whole word: "Build guild" is not about design. */
  g_ptr_array_add (communities, guild_community_new ("Build guild"));

  suggestions = guild_learning_suggest_skills (profile, communities, skills);
  for (guint i = 0; i < suggestions->len; i++)
    {
      GuildSkillSuggestion *s = g_ptr_array_index (suggestions, i);

      g_assert_false (g_hash_table_contains (names, s->name));
      g_hash_table_add (names, s->name);
    }

  first = g_ptr_array_index (suggestions, 0);
  g_assert_cmpstr (first->name, ==, "Statistics");
  g_assert_nonnull (strstr (first->reason, "Data analysis"));
  /* Already a skill (folded comparison). */
  g_assert_false (g_hash_table_contains (names, "SQL"));
  g_assert_true (g_hash_table_contains (names, "Data visualisation"));
  /* From the frontend community and its career focus. */
  g_assert_true (g_hash_table_contains (names, "JavaScript"));
  g_assert_true (g_hash_table_contains (names, "Networking"));
  g_assert_false (g_hash_table_contains (names, "Figma"));

  /* Russian words name the same fields. */
  g_clear_pointer (&suggestions, g_ptr_array_unref);
  g_ptr_array_set_size (communities, 0);
  g_ptr_array_set_size (skills, 0);
  guild_record_set_text (GUILD_RECORD (profile), "target-field", "Аналитика данных");
  suggestions = guild_learning_suggest_skills (profile, communities, skills);
  g_assert_cmpuint (suggestions->len, >, 0);
  first = g_ptr_array_index (suggestions, 0);
  g_assert_cmpstr (first->name, ==, "SQL");
}

static void
test_courses_completed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GuildMetrics) metrics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *json = NULL;
  GuildMetricsQuery query = { "2025-11-03", "2025-11-23", 0, utc };

  add_course (f, "A", "completed", "2025-11-03", NULL, 0);
  add_course (f, "B", "completed", "2025-11-09", NULL, 0);
  add_course (f, "C", "completed", "2025-11-19", NULL, 0);
  /* Outside the period, not completed, or dropped: not counted. */
  add_course (f, "D", "completed", "2025-11-30", NULL, 0);
  add_course (f, "E", "in_progress", "2025-11-10", NULL, 0);
  add_course (f, "F", "dropped", "2025-11-10", NULL, 0);

  metrics = guild_store_metrics (f->store, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->n_weeks, ==, 3);
  g_assert_cmpuint (metrics->weeks[0].courses_completed, ==, 2);
  g_assert_cmpuint (metrics->weeks[1].courses_completed, ==, 0);
  g_assert_cmpuint (metrics->weeks[2].courses_completed, ==, 1);
  g_assert_cmpuint (metrics->totals.courses_completed, ==, 3);

  json = guild_metrics_to_json (metrics);
  g_assert_nonnull (strstr (json, "\"week\":\"2025-W45\""));
  g_assert_nonnull (strstr (json, "\"courses_completed\":2,"));
  g_assert_nonnull (strstr (json, "\"courses_completed\":3,"));
}

static char *
export_json (GuildStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_export_json (store, out, NULL, &error));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_backup_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GuildCommunity) community = guild_community_new ("Study group");
  g_autoptr(GuildRecord) course = NULL;
  g_autoptr(GuildStore) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GPtrArray) skills = NULL;
  g_autofree char *path = g_build_filename (f->dir, "second.db", NULL);
  g_autofree char *first_export = NULL;
  g_autofree char *second_export = NULL;
  gint64 sql = add_skill (f, "SQL", 2, 4);
  gint64 python = add_skill (f, "Python «3»", 0, 5);
  gint64 both[2] = { python, sql };
  gint64 course_id = add_course (f, "Базы данных", "completed", "2025-11-05", both, 2);
  gint64 activity = add_activity (f, "2025-11-04T09:30:00Z");

  g_assert_true (guild_store_add (f->store, GUILD_RECORD (community), &error));
  course = guild_store_load (f->store, GUILD_RECORD_COURSE, course_id, &error);
  g_object_set (course, "provider", "Stepik", "url", "https://stepik.org/c/1", "progress", 100,
                "started-on", "2025-09-01", "certificate-url", "https://stepik.org/cert/9",
                "community-id", guild_record_get_id (GUILD_RECORD (community)), NULL);
  g_assert_true (guild_store_update (f->store, course, &error));
  g_assert_true (guild_store_set_activity_skills (f->store, activity, &sql, 1, &error));
  g_assert_no_error (error);

  first_export = export_json (f->store);
  g_assert_nonnull (strstr (first_export, "\"target_level\": 4"));
  g_assert_nonnull (strstr (first_export, "\"certificate_url\": \"https://stepik.org/cert/9\""));

  second = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  result = guild_import_parse ((const guint8 *) first_export, strlen (first_export),
                               "backup.json", GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (guild_store_import_preview (second, result, &preview, NULL, &error));
  g_assert_true (guild_store_import_apply (second, preview, NULL, NULL, &error));
  g_assert_no_error (error);

  second_export = export_json (second);
  g_assert_cmpstr (first_export, ==, second_export);

  skills = guild_store_list (second, GUILD_RECORD_SKILL, NULL, &error);
  g_assert_cmpuint (skills->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/guild/learning/crud", test_crud);
  g_test_add_func ("/guild/learning/gap", test_gap);
  ADD ("/guild/learning/raise-levels", test_raise);
  ADD ("/guild/learning/activity-skills", test_activity_skills);
  ADD ("/guild/learning/skill-done-async", test_skill_done_async);
  ADD ("/guild/learning/undo-skill", test_undo_skill);
  ADD ("/guild/learning/undo-course", test_undo_course);
  g_test_add_func ("/guild/learning/suggestions", test_suggestions);
  ADD ("/guild/learning/courses-completed", test_courses_completed);
  ADD ("/guild/learning/backup-round-trip", test_backup_round_trip);

#undef ADD

  return g_test_run ();
}
