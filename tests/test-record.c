/* test-record.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "guild-records.h"
#include "guild-store.h"
#include "guild-vocab.h"

/* Section: helpers */

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }

  g_remove (path);
}

/* Records every property notification, in order. */
static void
on_record_notify_cb (GObject    *object,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

static guint
count_name (GPtrArray  *names,
            const char *name)
{
  guint n = 0;

  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), name) == 0)
      n++;

  return n;
}

/* Asserts that @record fails validation with GUILD_STORE_ERROR_INVALID. */
static void
assert_invalid (GuildRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (guild_record_validate (record, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
assert_valid (GuildRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_record_validate (record, &error));
  g_assert_no_error (error);
}

/* Section: defaults */

static void
test_record_defaults (void)
{
  static const struct {
    GuildRecordKind  kind;
    const char      *table;
    const char      *field;
    const char      *value;
  } vocab_defaults[] = {
    { GUILD_RECORD_COMMUNITY, "community", "platform", "other" },
    { GUILD_RECORD_COMMUNITY, "community", "format", "online" },
    { GUILD_RECORD_COMMUNITY, "community", "reach", "global" },
    { GUILD_RECORD_COMMUNITY, "community", "focus", "interest" },
    { GUILD_RECORD_COMMUNITY, "community", "stage", "transitional" },
    { GUILD_RECORD_COMMUNITY, "community", "status", "exploring" },
    { GUILD_RECORD_CONTACT, "contact", "relationship", "peer" },
    { GUILD_RECORD_EVENT, "event", "kind", "meetup" },
    { GUILD_RECORD_EVENT, "event", "status", "planned" },
    { GUILD_RECORD_ACTIVITY, "activity", "kind", "read" },
    { GUILD_RECORD_ACTIVITY, "activity", "strategy", "learning" },
    { GUILD_RECORD_COURSE, "course", "status", "planned" },
  };
  static const char * const tables[GUILD_N_RECORD_KINDS] = {
    [GUILD_RECORD_COMMUNITY] = "community",
    [GUILD_RECORD_CONTACT] = "contact",
    [GUILD_RECORD_EVENT] = "event",
    [GUILD_RECORD_ACTIVITY] = "activity",
    [GUILD_RECORD_CHECKIN] = "checkin",
    [GUILD_RECORD_SKILL] = "skill",
    [GUILD_RECORD_COURSE] = "course",
    [GUILD_RECORD_PROFILE] = "profile",
    [GUILD_RECORD_GOALS] = "goals",
  };

  for (guint k = 0; k < GUILD_N_RECORD_KINDS; k++)
    {
      g_autoptr(GuildRecord) record = guild_record_new_for_kind (k);
      guint n_fields = 0;
      const GuildField *fields = guild_record_kind_get_fields (k, &n_fields);

      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (record, guild_record_kind_get_type (k)));
      g_assert_cmpint (guild_record_get_kind (record), ==, k);
      g_assert_cmpstr (guild_record_kind_get_table (k), ==, tables[k]);
      g_assert_cmpint (guild_record_get_id (record), ==, 0);
      g_assert_cmpint (guild_record_get_created_at (record), ==, 0);
      g_assert_cmpint (guild_record_get_updated_at (record), ==, 0);
      g_assert_cmpuint (n_fields, >, 0);

      for (guint i = 0; i < n_fields; i++)
        {
          const GuildField *field = &fields[i];
          guint index = G_MAXUINT;

          g_assert_true (guild_record_find_field (record, field->name, &index) == field);
          g_assert_cmpuint (index, ==, i);

          switch (field->type)
            {
            case GUILD_FIELD_TEXT:
            case GUILD_FIELD_DAY:
              g_assert_cmpstr (guild_record_get_text (record, field->name), ==, "");
              break;
            case GUILD_FIELD_VOCAB:
              g_assert_nonnull (field->default_id);
              g_assert_cmpstr (guild_record_get_text (record, field->name), ==, field->default_id);
              g_assert_true (guild_vocab_contains (field->vocab, field->default_id));
              break;
            case GUILD_FIELD_INT:
              g_assert_cmpint (guild_record_get_int (record, field->name), ==, 0);
              break;
            case GUILD_FIELD_INSTANT:
            case GUILD_FIELD_REF:
            case GUILD_FIELD_BOOL:
              g_assert_cmpint (guild_record_get_int (record, field->name), ==, 0);
              break;
            case GUILD_FIELD_STRV:
              g_assert_nonnull (guild_record_get_strv (record, field->name));
              g_assert_null (guild_record_get_strv (record, field->name)[0]);
              break;
            case GUILD_FIELD_REFS:
              g_assert_nonnull (guild_record_get_ids (record, field->name));
              g_assert_cmpuint (guild_record_get_ids (record, field->name)->len, ==, 0);
              break;
            default:
              g_assert_not_reached ();
            }
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (vocab_defaults); i++)
    {
      g_autoptr(GuildRecord) record = guild_record_new_for_kind (vocab_defaults[i].kind);

      g_assert_cmpstr (guild_record_kind_get_table (vocab_defaults[i].kind), ==,
                       vocab_defaults[i].table);
      g_assert_cmpstr (guild_record_get_text (record, vocab_defaults[i].field), ==,
                       vocab_defaults[i].value);
    }

  /* The convenience constructors set what they are given. */
  {
    g_autoptr(GuildContact) contact = guild_contact_new ("Ada Lovelace");
    g_autoptr(GuildCommunity) community = guild_community_new ("Rust Berlin");
    g_autoptr(GuildEvent) event = guild_event_new ("RustFest", 1000, 2000);
    g_autoptr(GuildActivity) activity = guild_activity_new ("publish", 1234);
    g_autoptr(GuildCheckin) checkin = guild_checkin_new ("2025-03-09");
    g_autoptr(GuildSkill) skill = guild_skill_new ("SQL");
    g_autoptr(GuildCourse) course = guild_course_new ("Databases");

    g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (contact), "full-name"), ==,
                     "Ada Lovelace");
    g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (community), "name"), ==, "Rust Berlin");
    g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (event), "title"), ==, "RustFest");
    g_assert_cmpint (guild_record_get_int (GUILD_RECORD (event), "starts-at"), ==, 1000);
    g_assert_cmpint (guild_record_get_int (GUILD_RECORD (event), "ends-at"), ==, 2000);
    g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (activity), "kind"), ==, "publish");
    g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (activity), "strategy"), ==,
                     "value_creation");
    g_assert_cmpint (guild_record_get_int (GUILD_RECORD (activity), "at"), ==, 1234);
    g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (checkin), "day"), ==, "2025-03-09");
    g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (skill), "name"), ==, "SQL");
    g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (course), "title"), ==, "Databases");
  }

  /* Only fields are fields: base properties and unknown names are not. */
  {
    g_autoptr(GuildRecord) record = guild_record_new_for_kind (GUILD_RECORD_CONTACT);

    g_assert_null (guild_record_find_field (record, "id", NULL));
    g_assert_null (guild_record_find_field (record, "created-at", NULL));
    g_assert_null (guild_record_find_field (record, "no-such-field", NULL));
  }
}

/* Section: properties */

static void
test_record_properties (void)
{
  static const char * const emails[] = { "ada@example.org", "ada@work.example", NULL };
  static const gint64 ids[] = { 7, 3, 11 };
  g_autoptr(GuildRecord) contact = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GuildRecord) event = guild_record_new_for_kind (GUILD_RECORD_EVENT);
  g_autoptr(GArray) in_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) out_ids = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) out_emails = NULL;
  gint64 met_at = 0;
  gint64 starts_at = 0;
  gboolean all_day = FALSE;
  int quality = 0;

  /* g_object_set → guild_record_get_*. */
  g_array_append_vals (in_ids, ids, G_N_ELEMENTS (ids));
  g_object_set (contact,
                "full-name", "Ада Лавлейс",
                "emails", emails,
                "connection-quality", 4,
                "met-at-community", (gint64) 42,
                "communities", in_ids,
                NULL);
  g_assert_cmpstr (guild_record_get_text (contact, "full-name"), ==, "Ада Лавлейс");
  g_assert_cmpstrv (guild_record_get_strv (contact, "emails"), emails);
  g_assert_cmpint (guild_record_get_int (contact, "connection-quality"), ==, 4);
  g_assert_cmpint (guild_record_get_int (contact, "met-at-community"), ==, 42);
  g_assert_cmpuint (guild_record_get_ids (contact, "communities")->len, ==, 3);
  g_assert_cmpint (g_array_index (guild_record_get_ids (contact, "communities"), gint64, 0),
                   ==, 7);
  g_assert_cmpint (g_array_index (guild_record_get_ids (contact, "communities"), gint64, 2),
                   ==, 11);

  /* The record keeps its own copy of the ids, not the caller's array. */
  g_assert_true (guild_record_get_ids (contact, "communities") != in_ids);
  g_array_set_size (in_ids, 0);
  g_assert_cmpuint (guild_record_get_ids (contact, "communities")->len, ==, 3);

  /* guild_record_set_* → g_object_get. */
  guild_record_set_text (contact, "full-name", "Grace Hopper");
  guild_record_set_strv (contact, "emails", (const char * const []) { "grace@navy.example", NULL });
  guild_record_set_int (contact, "connection-quality", 2);
  guild_record_set_int (contact, "met-at-community", 5);
  guild_record_set_ids (contact, "communities", ids, 2);
  g_object_get (contact,
                "full-name", &name,
                "emails", &out_emails,
                "connection-quality", &quality,
                "met-at-community", &met_at,
                "communities", &out_ids,
                NULL);
  g_assert_cmpstr (name, ==, "Grace Hopper");
  g_assert_cmpstrv (out_emails, ((const char * const []) { "grace@navy.example", NULL }));
  g_assert_cmpint (quality, ==, 2);
  g_assert_cmpint (met_at, ==, 5);
  g_assert_nonnull (out_ids);
  g_assert_cmpuint (out_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (out_ids, gint64, 0), ==, 7);
  g_assert_cmpint (g_array_index (out_ids, gint64, 1), ==, 3);

  /* NULL text and NULL lists are normalised to empty values. */
  g_object_set (contact, "full-name", NULL, "emails", NULL, NULL);
  g_assert_cmpstr (guild_record_get_text (contact, "full-name"), ==, "");
  g_assert_nonnull (guild_record_get_strv (contact, "emails"));
  g_assert_null (guild_record_get_strv (contact, "emails")[0]);
  guild_record_set_text (contact, "notes", NULL);
  g_assert_cmpstr (guild_record_get_text (contact, "notes"), ==, "");
  guild_record_set_ids (contact, "communities", NULL, 0);
  g_assert_cmpuint (guild_record_get_ids (contact, "communities")->len, ==, 0);

  /* Booleans and instants. */
  g_object_set (event, "all-day", TRUE, "starts-at", (gint64) 1741629600, NULL);
  g_assert_cmpint (guild_record_get_int (event, "all-day"), ==, 1);
  g_assert_cmpint (guild_record_get_int (event, "starts-at"), ==, 1741629600);
  guild_record_set_int (event, "all-day", 0);
  guild_record_set_int (event, "starts-at", 1741633200);
  g_object_get (event, "all-day", &all_day, "starts-at", &starts_at, NULL);
  g_assert_false (all_day);
  g_assert_cmpint (starts_at, ==, 1741633200);
}

/* Section: notifications */

static void
test_record_notify (void)
{
  g_autoptr(GuildRecord) contact = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GuildRecord) other = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *emails_copy = NULL;
  static const gint64 ids[] = { 1, 2 };
  static const gint64 other_ids[] = { 2, 1 };

  g_signal_connect (contact, "notify", G_CALLBACK (on_record_notify_cb), names);

  /* A change notifies once; the same value again does not. */
  guild_record_set_text (contact, "full-name", "Ada");
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "full-name");
  guild_record_set_text (contact, "full-name", "Ada");
  g_object_set (contact, "full-name", "Ada", NULL);
  g_assert_cmpuint (names->len, ==, 1);
  g_object_set (contact, "full-name", "Ada L.", NULL);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpuint (count_name (names, "full-name"), ==, 2);

  /* Text that is already empty stays quiet when set to NULL or "". */
  guild_record_set_text (contact, "notes", "");
  guild_record_set_text (contact, "notes", NULL);
  g_assert_cmpuint (count_name (names, "notes"), ==, 0);

  /* Vocabulary: the default value is not a change. */
  guild_record_set_text (contact, "relationship", "peer");
  g_assert_cmpuint (count_name (names, "relationship"), ==, 0);
  guild_record_set_text (contact, "relationship", "mentor");
  g_assert_cmpuint (count_name (names, "relationship"), ==, 1);

  /* Integers, booleans behind set_int. */
  guild_record_set_int (contact, "connection-quality", 0);
  g_assert_cmpuint (count_name (names, "connection-quality"), ==, 0);
  guild_record_set_int (contact, "connection-quality", 3);
  guild_record_set_int (contact, "connection-quality", 3);
  g_assert_cmpuint (count_name (names, "connection-quality"), ==, 1);

  /* Lists compare by content, not by pointer. */
  emails_copy = g_strdup ("a@example.org");
  guild_record_set_strv (contact, "emails", (const char * const []) { "a@example.org", NULL });
  guild_record_set_strv (contact, "emails", (const char * const []) { emails_copy, NULL });
  g_assert_cmpuint (count_name (names, "emails"), ==, 1);
  guild_record_set_strv (contact, "emails",
                         (const char * const []) { "a@example.org", "b@example.org", NULL });
  g_assert_cmpuint (count_name (names, "emails"), ==, 2);
  guild_record_set_strv (contact, "emails", NULL);
  guild_record_set_strv (contact, "emails", (const char * const []) { NULL });
  g_assert_cmpuint (count_name (names, "emails"), ==, 3);

  guild_record_set_ids (contact, "communities", ids, 2);
  guild_record_set_ids (contact, "communities", ids, 2);
  g_assert_cmpuint (count_name (names, "communities"), ==, 1);
  guild_record_set_ids (contact, "communities", other_ids, 2);
  g_assert_cmpuint (count_name (names, "communities"), ==, 2);

  /* Copying notifies only the fields that differ, once each. */
  guild_record_copy_fields (other, contact);
  g_ptr_array_set_size (names, 0);
  guild_record_set_text (other, "company", "Navy");
  guild_record_set_text (other, "full-name", "Grace");
  guild_record_copy_fields (contact, other);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpuint (count_name (names, "company"), ==, 1);
  g_assert_cmpuint (count_name (names, "full-name"), ==, 1);
  g_ptr_array_set_size (names, 0);
  guild_record_copy_fields (contact, other);
  g_assert_cmpuint (names->len, ==, 0);

  /* The id notifies too, when it changes. */
  _guild_record_set_id (contact, 9);
  _guild_record_set_id (contact, 9);
  g_assert_cmpuint (count_name (names, "id"), ==, 1);
  _guild_record_set_times (contact, 100, 200);
  _guild_record_set_times (contact, 100, 200);
  g_assert_cmpuint (count_name (names, "created-at"), ==, 1);
  g_assert_cmpuint (count_name (names, "updated-at"), ==, 1);
}

/* Section: validation */

static void
test_record_validate_required (void)
{
  g_autoptr(GuildRecord) contact = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GuildRecord) community = guild_record_new_for_kind (GUILD_RECORD_COMMUNITY);
  g_autoptr(GuildRecord) checkin = guild_record_new_for_kind (GUILD_RECORD_CHECKIN);
  g_autoptr(GuildRecord) profile = guild_record_new_for_kind (GUILD_RECORD_PROFILE);
  g_autoptr(GuildRecord) goals = guild_record_new_for_kind (GUILD_RECORD_GOALS);
  g_autoptr(GError) error = NULL;

  /* Empty, and blank after trimming. */
  g_assert_false (guild_record_validate (contact, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "full-name"));
  guild_record_set_text (contact, "full-name", "   \t\n ");
  assert_invalid (contact);
  guild_record_set_text (contact, "full-name", "  Ada  ");
  assert_valid (contact);

  guild_record_set_text (community, "name", " ");
  assert_invalid (community);
  guild_record_set_text (community, "name", "Habr");
  assert_valid (community);

  /* A check-in needs its day. */
  assert_invalid (checkin);
  guild_record_set_text (checkin, "day", "2025-03-09");
  assert_valid (checkin);

  /* The singletons have nothing required. */
  assert_valid (profile);
  assert_valid (goals);
}

static void
test_record_validate_vocab (void)
{
  g_autoptr(GuildRecord) community = guild_record_new_for_kind (GUILD_RECORD_COMMUNITY);
  g_autoptr(GuildRecord) contact = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GuildRecord) activity = guild_record_new_for_kind (GUILD_RECORD_ACTIVITY);

  guild_record_set_text (community, "name", "Habr");
  assert_valid (community);
  guild_record_set_text (community, "platform", "myspace");
  assert_invalid (community);
  guild_record_set_text (community, "platform", "");
  assert_invalid (community);
  /* Identifiers are exact: no case folding. */
  guild_record_set_text (community, "platform", "LinkedIn");
  assert_invalid (community);
  guild_record_set_text (community, "platform", "linkedin");
  assert_valid (community);
  guild_record_set_text (community, "status", "dormant");
  assert_invalid (community);
  guild_record_set_text (community, "status", "left");
  assert_valid (community);

  guild_record_set_text (contact, "full-name", "Ada");
  guild_record_set_text (contact, "relationship", "boss");
  assert_invalid (contact);
  guild_record_set_text (contact, "relationship", "hiring_manager");
  assert_valid (contact);

  guild_record_set_text (activity, "kind", "dance");
  assert_invalid (activity);
  guild_record_set_text (activity, "kind", "comment");
  guild_record_set_text (activity, "strategy", "winning");
  assert_invalid (activity);
  guild_record_set_text (activity, "strategy", "value_creation");
  assert_valid (activity);
}

static void
test_record_validate_day (void)
{
  static const char * const bad_days[] = {
    "2025-02-30", "2025-13-01", "abc", "2025-00-10", "2025-01-00", "2025-1-1",
    "25-01-01", "2025/01/01", "0000-01-01", "2025-01-01T00:00:00Z",
  };
  g_autoptr(GuildRecord) contact = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GuildRecord) community = guild_record_new_for_kind (GUILD_RECORD_COMMUNITY);
  g_autoptr(GuildRecord) checkin = guild_record_new_for_kind (GUILD_RECORD_CHECKIN);

  guild_record_set_text (contact, "full-name", "Ada");
  guild_record_set_text (community, "name", "Habr");

  for (guint i = 0; i < G_N_ELEMENTS (bad_days); i++)
    {
      g_test_message ("day “%s”", bad_days[i]);
      guild_record_set_text (contact, "connected-on", bad_days[i]);
      assert_invalid (contact);
      guild_record_set_text (contact, "connected-on", "");

      guild_record_set_text (contact, "birthday", bad_days[i]);
      assert_invalid (contact);
      guild_record_set_text (contact, "birthday", "");

      guild_record_set_text (community, "joined-on", bad_days[i]);
      assert_invalid (community);

      guild_record_set_text (checkin, "day", bad_days[i]);
      assert_invalid (checkin);
    }

  /* A birthday may leave out the year; other days may not. */
  guild_record_set_text (contact, "birthday", "--09-23");
  assert_valid (contact);
  guild_record_set_text (contact, "birthday", "--02-29");
  assert_valid (contact);
  guild_record_set_text (contact, "birthday", "--02-30");
  assert_invalid (contact);
  guild_record_set_text (contact, "birthday", "--13-01");
  assert_invalid (contact);
  guild_record_set_text (contact, "birthday", "1815-12-10");
  assert_valid (contact);

  guild_record_set_text (contact, "connected-on", "--09-23");
  assert_invalid (contact);
  guild_record_set_text (contact, "connected-on", "2024-02-29");
  assert_valid (contact);

  guild_record_set_text (community, "joined-on", "--09-23");
  assert_invalid (community);
  guild_record_set_text (community, "joined-on", "2025-09-23");
  assert_valid (community);
  guild_record_set_text (community, "joined-on", "");
  assert_valid (community);
}

static void
test_record_validate_range (void)
{
  g_autoptr(GuildRecord) contact = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GuildRecord) skill = guild_record_new_for_kind (GUILD_RECORD_SKILL);
  g_autoptr(GuildRecord) course = guild_record_new_for_kind (GUILD_RECORD_COURSE);
  g_autoptr(GuildRecord) checkin = guild_record_new_for_kind (GUILD_RECORD_CHECKIN);

  guild_record_set_text (contact, "full-name", "Ada");

  /* 0 is "unset" for a 1–5 rating. */
  guild_record_set_int (contact, "connection-quality", 0);
  assert_valid (contact);
  for (int n = 1; n <= 5; n++)
    {
      guild_record_set_int (contact, "connection-quality", n);
      assert_valid (contact);
    }
  guild_record_set_int (contact, "connection-quality", 6);
  assert_invalid (contact);
  guild_record_set_int (contact, "connection-quality", -1);
  assert_invalid (contact);
  guild_record_set_int (contact, "connection-quality", 5);
  guild_record_set_int (contact, "cadence-days", -7);
  assert_invalid (contact);
  guild_record_set_int (contact, "cadence-days", 14);
  assert_valid (contact);

  guild_record_set_text (skill, "name", "SQL");
  guild_record_set_int (skill, "target-level", 6);
  assert_invalid (skill);
  guild_record_set_int (skill, "target-level", 5);
  assert_valid (skill);

  /* Progress starts at 0, so 0 is a real value and the range is 0–100. */
  guild_record_set_text (course, "title", "Databases");
  guild_record_set_int (course, "progress", 101);
  assert_invalid (course);
  guild_record_set_int (course, "progress", -1);
  assert_invalid (course);
  guild_record_set_int (course, "progress", 100);
  assert_valid (course);

  guild_record_set_text (checkin, "day", "2025-03-09");
  guild_record_set_int (checkin, "career-impact", 6);
  assert_invalid (checkin);
  guild_record_set_int (checkin, "career-impact", 0);
  assert_valid (checkin);
}

static void
test_record_validate_url (void)
{
  static const char * const bad_urls[] = {
    "not a url", "example.org", "ftp://example.org/", "https://", "javascript:alert(1)",
  };
  static const char * const good_urls[] = {
    "https://example.org/x", "http://example.org", "mailto:ada@example.org",
    "tg://resolve?domain=guild",
  };
  g_autoptr(GuildRecord) community = guild_record_new_for_kind (GUILD_RECORD_COMMUNITY);
  g_autoptr(GuildRecord) profile = guild_record_new_for_kind (GUILD_RECORD_PROFILE);

  guild_record_set_text (community, "name", "Habr");

  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_test_message ("URL “%s”", bad_urls[i]);
      g_assert_false (guild_url_is_valid (bad_urls[i]));
      guild_record_set_text (community, "url", bad_urls[i]);
      assert_invalid (community);
      guild_record_set_text (profile, "url", bad_urls[i]);
      assert_invalid (profile);
    }

  for (guint i = 0; i < G_N_ELEMENTS (good_urls); i++)
    {
      g_test_message ("URL “%s”", good_urls[i]);
      g_assert_true (guild_url_is_valid (good_urls[i]));
      guild_record_set_text (community, "url", good_urls[i]);
      assert_valid (community);
    }

  /* An empty address is "no address". */
  guild_record_set_text (community, "url", "");
  assert_valid (community);
  g_assert_false (guild_url_is_valid (""));
  g_assert_false (guild_url_is_valid (NULL));

  /* Plain text fields are not checked as addresses. */
  guild_record_set_text (community, "description", "not a url");
  assert_valid (community);
}

static void
test_day_is_valid (void)
{
  static const struct {
    const char *day;
    gboolean    yearless_allowed;
    gboolean    valid;
  } cases[] = {
    { "2024-02-29", FALSE, TRUE },
    { "2023-02-29", FALSE, FALSE },
    { "2000-02-29", FALSE, TRUE },
    { "1900-02-29", FALSE, FALSE },
    { "2025-02-28", FALSE, TRUE },
    { "2025-02-30", FALSE, FALSE },
    { "2025-04-31", FALSE, FALSE },
    { "2025-12-31", FALSE, TRUE },
    { "2025-13-01", FALSE, FALSE },
    { "2025-00-01", FALSE, FALSE },
    { "2025-01-32", FALSE, FALSE },
    { "abc", FALSE, FALSE },
    { "", FALSE, FALSE },
    { "2025-1-01", FALSE, FALSE },
    { "2025-01-01 ", FALSE, FALSE },
    { "+025-01-01", FALSE, FALSE },
    { "2025-0a-01", FALSE, FALSE },
    { "--02-29", TRUE, TRUE },
    { "--02-29", FALSE, FALSE },
    { "--09-23", TRUE, TRUE },
    { "--02-30", TRUE, FALSE },
    { "--13-01", TRUE, FALSE },
    { "--00-10", TRUE, FALSE },
    { "--1-10", TRUE, FALSE },
    { "--01-1x", TRUE, FALSE },
    { "2024-02-29", TRUE, TRUE },
    { "2023-02-29", TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("“%s”, yearless %s", cases[i].day,
                      cases[i].yearless_allowed ? "allowed" : "refused");
      g_assert_cmpint (guild_day_is_valid (cases[i].day, cases[i].yearless_allowed), ==,
                       cases[i].valid);
    }

  g_assert_false (guild_day_is_valid (NULL, TRUE));
}

/* Section: activities */

static void
test_record_activity_strategy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const GuildVocabEntry *kinds;
  guint n_kinds = 0;

  dir = g_dir_make_tmp ("guild-test-record-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "guild.db", NULL);
  store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  kinds = guild_vocab_entries (GUILD_VOCAB_ACTIVITY_KIND, &n_kinds);
  g_assert_cmpuint (n_kinds, ==, 15);

  for (guint i = 0; i < n_kinds; i++)
    {
      g_autoptr(GuildRecord) activity = guild_record_new_for_kind (GUILD_RECORD_ACTIVITY);
      g_autoptr(GuildRecord) loaded = NULL;
      const char *wrong = g_str_equal (kinds[i].strategy, "connecting") ? "learning"
                                                                      : "connecting";

      /* The caller's strategy disagrees with the kind; the store fixes it. */
      guild_record_set_int (activity, "at", 1741629600);
      guild_record_set_text (activity, "kind", kinds[i].id);
      guild_record_set_text (activity, "strategy", wrong);
      g_assert_true (guild_store_add (store, activity, &error));
      g_assert_no_error (error);
      g_assert_cmpint (guild_record_get_id (activity), >, 0);
      g_assert_cmpstr (guild_record_get_text (activity, "strategy"), ==, kinds[i].strategy);

      loaded = guild_store_load (store, GUILD_RECORD_ACTIVITY, guild_record_get_id (activity),
                                 &error);
      g_assert_no_error (error);
      g_assert_cmpstr (guild_record_get_text (loaded, "kind"), ==, kinds[i].id);
      g_assert_cmpstr (guild_record_get_text (loaded, "strategy"), ==, kinds[i].strategy);

      /* Changing the kind moves the strategy along on update. */
      guild_record_set_text (loaded, "kind", g_str_equal (kinds[i].strategy, "learning")
                                             ? "publish" : "read");
      g_assert_true (guild_store_update (store, loaded, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (guild_record_get_text (loaded, "strategy"), ==,
                       g_str_equal (kinds[i].strategy, "learning") ? "value_creation"
                                                                   : "learning");

      /* guild_activity_new() agrees with the vocabulary. */
      {
        g_autoptr(GuildActivity) fresh = guild_activity_new (kinds[i].id, 1);

        g_assert_cmpstr (guild_record_get_text (GUILD_RECORD (fresh), "strategy"), ==,
                         kinds[i].strategy);
      }
    }

  /* An activity without a time gets the time it was stored. */
  {
    g_autoptr(GuildActivity) now = guild_activity_new ("read", 0);
    gint64 before = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_true (guild_store_add (store, GUILD_RECORD (now), &error));
    g_assert_no_error (error);
    g_assert_cmpint (guild_record_get_int (GUILD_RECORD (now), "at"), >=, before);
    g_assert_cmpint (guild_record_get_int (GUILD_RECORD (now), "at"), <=,
                     g_get_real_time () / G_USEC_PER_SEC);
  }

  g_clear_object (&store);
  remove_tree (dir);
}

/* Section: copying and comparing */

static GuildRecord *
make_contact (void)
{
  static const gint64 communities[] = { 4, 2 };
  GuildRecord *contact = guild_record_new_for_kind (GUILD_RECORD_CONTACT);

  g_object_set (contact,
                "full-name", "Ада Лавлейс",
                "company", "Analytical Engines",
                "emails", (const char * const []) { "ada@example.org", "a@b.example", NULL },
                "phones", (const char * const []) { "+44 20 7946 0000", NULL },
                "relationship", "mentor",
                "birthday", "--12-10",
                "connection-quality", 5,
                "met-at-community", (gint64) 4,
                "tags", (const char * const []) { "math", NULL },
                NULL);
  guild_record_set_ids (contact, "communities", communities, G_N_ELEMENTS (communities));

  return contact;
}

static void
test_record_copy_fields (void)
{
  static const gint64 other_communities[] = { 9 };
  g_autoptr(GuildRecord) src = make_contact ();
  g_autoptr(GuildRecord) dest = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GuildRecord) skill = guild_record_new_for_kind (GUILD_RECORD_SKILL);
  g_autoptr(GuildRecord) community = guild_record_new_for_kind (GUILD_RECORD_COMMUNITY);
  g_autoptr(GuildRecord) other_skill = guild_record_new_for_kind (GUILD_RECORD_SKILL);

  _guild_record_set_id (src, 17);
  _guild_record_set_times (src, 100, 200);

  g_assert_false (guild_record_fields_equal (src, dest));
  g_assert_true (guild_record_fields_equal (src, src));

  guild_record_copy_fields (dest, src);
  g_assert_true (guild_record_fields_equal (src, dest));
  g_assert_true (guild_record_fields_equal (dest, src));
  /* Fields and times are copied; the identity is not. */
  g_assert_cmpint (guild_record_get_id (dest), ==, 0);
  g_assert_cmpint (guild_record_get_created_at (dest), ==, 100);
  g_assert_cmpint (guild_record_get_updated_at (dest), ==, 200);
  g_assert_cmpstrv (guild_record_get_strv (dest, "emails"),
                    ((const char * const []) { "ada@example.org", "a@b.example", NULL }));
  g_assert_cmpuint (guild_record_get_ids (dest, "communities")->len, ==, 2);

  /* The copy is deep: lists are not shared. */
  g_assert_true (guild_record_get_strv (dest, "emails") != guild_record_get_strv (src, "emails"));
  g_assert_true (guild_record_get_ids (dest, "communities") !=
                 guild_record_get_ids (src, "communities"));
  guild_record_set_ids (src, "communities", other_communities, 1);
  g_assert_cmpuint (guild_record_get_ids (dest, "communities")->len, ==, 2);
  g_assert_false (guild_record_fields_equal (src, dest));
  guild_record_copy_fields (dest, src);
  g_assert_true (guild_record_fields_equal (src, dest));

  /* Every kind of field takes part in the comparison. */
  guild_record_set_strv (dest, "tags", (const char * const []) { "math", "poetry", NULL });
  g_assert_false (guild_record_fields_equal (src, dest));
  guild_record_copy_fields (dest, src);
  guild_record_set_text (dest, "birthday", "--12-11");
  g_assert_false (guild_record_fields_equal (src, dest));
  guild_record_copy_fields (dest, src);
  guild_record_set_int (dest, "met-at-community", 5);
  g_assert_false (guild_record_fields_equal (src, dest));
  guild_record_copy_fields (dest, src);
  guild_record_set_int (dest, "connection-quality", 4);
  g_assert_false (guild_record_fields_equal (src, dest));
  guild_record_copy_fields (dest, src);
  g_assert_true (guild_record_fields_equal (src, dest));

  /* The id and times are not fields. */
  _guild_record_set_id (dest, 99);
  _guild_record_set_times (dest, 1, 2);
  g_assert_true (guild_record_fields_equal (src, dest));

  /* Records of different kinds are never equal, even when both are blank. */
  g_assert_false (guild_record_fields_equal (skill, community));
  g_assert_true (guild_record_fields_equal (skill, other_skill));
}

/* Section: vocabularies */

static void
test_vocab_tables (void)
{
  static const struct {
    GuildVocab vocab;
    guint      n_entries;
  } sizes[] = {
    { GUILD_VOCAB_PLATFORM, 23 },
    { GUILD_VOCAB_FORMAT, 3 },
    { GUILD_VOCAB_REACH, 5 },
    { GUILD_VOCAB_FOCUS, 5 },
    { GUILD_VOCAB_STAGE, 5 },
    { GUILD_VOCAB_COMMUNITY_STATUS, 4 },
    { GUILD_VOCAB_RELATIONSHIP, 8 },
    { GUILD_VOCAB_EVENT_KIND, 8 },
    { GUILD_VOCAB_EVENT_STATUS, 5 },
    { GUILD_VOCAB_STRATEGY, 3 },
    { GUILD_VOCAB_COURSE_STATUS, 4 },
    { GUILD_VOCAB_ACTIVITY_KIND, 15 },
  };
  const GuildVocabEntry *entries;
  guint per_strategy[3] = { 0 };
  guint n = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (sizes) == GUILD_N_VOCABS);

  for (guint v = 0; v < G_N_ELEMENTS (sizes); v++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      entries = guild_vocab_entries (sizes[v].vocab, &n);
      g_test_message ("vocabulary %s", guild_vocab_name (sizes[v].vocab));
      g_assert_nonnull (entries);
      g_assert_cmpuint (n, ==, sizes[v].n_entries);
      g_assert_nonnull (guild_vocab_name (sizes[v].vocab));
      g_assert_cmpstr (guild_vocab_name (sizes[v].vocab), !=, "");

      for (guint i = 0; i < n; i++)
        {
          const char *label = guild_vocab_entry_label (sizes[v].vocab, &entries[i]);

          /* Identifiers are lower-case ASCII words joined by underscores. */
          g_assert_nonnull (entries[i].id);
          g_assert_cmpstr (entries[i].id, !=, "");
          for (const char *p = entries[i].id; *p != '\0'; p++)
            g_assert_true (g_ascii_islower (*p) || *p == '_');
          g_assert_true (g_hash_table_add (seen, (gpointer) entries[i].id));

          g_assert_nonnull (label);
          g_assert_cmpstr (label, !=, "");
          g_assert_cmpstr (guild_vocab_label (sizes[v].vocab, entries[i].id), ==, label);
          g_assert_true (guild_vocab_lookup (sizes[v].vocab, entries[i].id) == &entries[i]);
          g_assert_true (guild_vocab_contains (sizes[v].vocab, entries[i].id));
          if (entries[i].description != NULL)
            g_assert_cmpstr (guild_vocab_entry_description (&entries[i]), !=, "");
        }

      g_assert_false (guild_vocab_contains (sizes[v].vocab, "no_such_identifier"));
      g_assert_false (guild_vocab_contains (sizes[v].vocab, NULL));
      g_assert_null (guild_vocab_lookup (sizes[v].vocab, ""));
      /* An unknown identifier (from a newer file) shows as itself. */
      g_assert_cmpstr (guild_vocab_label (sizes[v].vocab, "from_the_future"), ==,
                       "from_the_future");
    }

  /* Every activity kind serves one of the three strategies, five kinds each. */
  entries = guild_vocab_entries (GUILD_VOCAB_ACTIVITY_KIND, &n);
  g_assert_cmpuint (n, ==, 15);
  for (guint i = 0; i < n; i++)
    {
      const GuildVocabEntry *strategy;
      const GuildVocabEntry *strategies;
      guint n_strategies = 0;

      g_assert_nonnull (entries[i].strategy);
      strategy = guild_vocab_lookup (GUILD_VOCAB_STRATEGY, entries[i].strategy);
      g_assert_nonnull (strategy);
      g_assert_cmpstr (guild_activity_kind_strategy (entries[i].id), ==, entries[i].strategy);
      g_assert_nonnull (guild_vocab_entry_description (&entries[i]));

      strategies = guild_vocab_entries (GUILD_VOCAB_STRATEGY, &n_strategies);
      g_assert_cmpuint (n_strategies, ==, 3);
      per_strategy[strategy - strategies]++;
    }
  g_assert_cmpuint (per_strategy[0], ==, 5);
  g_assert_cmpuint (per_strategy[1], ==, 5);
  g_assert_cmpuint (per_strategy[2], ==, 5);
  g_assert_cmpstr (guild_activity_kind_strategy ("read"), ==, "learning");
  g_assert_cmpstr (guild_activity_kind_strategy ("publish"), ==, "value_creation");
  g_assert_cmpstr (guild_activity_kind_strategy ("collaborate"), ==, "connecting");
  g_assert_null (guild_activity_kind_strategy ("dance"));
  g_assert_null (guild_activity_kind_strategy (NULL));

  /* Only activity kinds carry a strategy. */
  entries = guild_vocab_entries (GUILD_VOCAB_PLATFORM, &n);
  for (guint i = 0; i < n; i++)
    g_assert_null (entries[i].strategy);
  g_assert_nonnull (guild_vocab_lookup (GUILD_VOCAB_PLATFORM, "stack_overflow"));
  g_assert_nonnull (guild_vocab_lookup (GUILD_VOCAB_PLATFORM, "mighty_networks"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guild/record/defaults", test_record_defaults);
  g_test_add_func ("/guild/record/properties", test_record_properties);
  g_test_add_func ("/guild/record/notify", test_record_notify);
  g_test_add_func ("/guild/record/validate/required", test_record_validate_required);
  g_test_add_func ("/guild/record/validate/vocab", test_record_validate_vocab);
  g_test_add_func ("/guild/record/validate/day", test_record_validate_day);
  g_test_add_func ("/guild/record/validate/range", test_record_validate_range);
  g_test_add_func ("/guild/record/validate/url", test_record_validate_url);
  g_test_add_func ("/guild/record/day-is-valid", test_day_is_valid);
  g_test_add_func ("/guild/record/activity-strategy", test_record_activity_strategy);
  g_test_add_func ("/guild/record/copy-fields", test_record_copy_fields);
  g_test_add_func ("/guild/record/vocab", test_vocab_tables);

  return g_test_run ();
}
