/* guild-store-schema.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "guild-store-private.h"

/* The schema, one migration per version. A migration that has been released
 * is never edited: a change is a new migration. The CHECK lists spell out
 * DESIGN.md's vocabulary; tests/test-store.c checks them against
 * guild-vocab.c so the two cannot drift.
 *
 * Instants are INTEGER seconds since the epoch (UTC): they index and group
 * quickly. Days are TEXT `YYYY-MM-DD`. A list field lives in a child table
 * with a position, so its order survives.
 */

#define DAY_CHECK(col) \
  "CHECK (" col " IS NULL OR " col " GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')"

#define TIMES \
  "  created_at INTEGER NOT NULL DEFAULT (strftime('%s','now')),\n" \
  "  updated_at INTEGER NOT NULL DEFAULT (strftime('%s','now')),\n"

#define LIST_TABLE(name, owner, owner_table) \
  "CREATE TABLE " name " (\n" \
  "  " owner " INTEGER NOT NULL REFERENCES " owner_table " (id) ON DELETE CASCADE,\n" \
  "  position INTEGER NOT NULL,\n" \
  "  value TEXT NOT NULL,\n" \
  "  PRIMARY KEY (" owner ", position)\n" \
  ") WITHOUT ROWID;\n"

#define LINK_TABLE(name, a, a_table, b, b_table) \
  "CREATE TABLE " name " (\n" \
  "  " a " INTEGER NOT NULL REFERENCES " a_table " (id) ON DELETE CASCADE,\n" \
  "  " b " INTEGER NOT NULL REFERENCES " b_table " (id) ON DELETE CASCADE,\n" \
  "  position INTEGER NOT NULL DEFAULT 0,\n" \
  "  PRIMARY KEY (" a ", " b ")\n" \
  ") WITHOUT ROWID;\n" \
  "CREATE INDEX " name "_by_" b " ON " name " (" b ", " a ");\n"

static const char schema_v1[] =
  "CREATE TABLE import_batch (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  started_at INTEGER NOT NULL,\n"
  "  finished_at INTEGER,\n"
  "  file_name TEXT NOT NULL DEFAULT '',\n"
  "  format TEXT NOT NULL DEFAULT '',\n"
  "  added INTEGER NOT NULL DEFAULT 0,\n"
  "  updated INTEGER NOT NULL DEFAULT 0,\n"
  "  unchanged INTEGER NOT NULL DEFAULT 0,\n"
  "  skipped INTEGER NOT NULL DEFAULT 0,\n"
  "  report TEXT NOT NULL DEFAULT '',\n"
  "  undone_at INTEGER\n"
  ");\n"

  "CREATE TABLE profile (\n"
  "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  name TEXT NOT NULL DEFAULT '',\n"
  "  target_field TEXT NOT NULL DEFAULT '',\n"
  "  current_role TEXT NOT NULL DEFAULT '',\n"
  "  experience TEXT NOT NULL DEFAULT '',\n"
  "  interests TEXT NOT NULL DEFAULT '',\n"
  "  participation_goals TEXT NOT NULL DEFAULT '',\n"
  "  email TEXT NOT NULL DEFAULT '',\n"
  "  url TEXT NOT NULL DEFAULT '',\n"
  TIMES
  "  import_batch INTEGER REFERENCES import_batch (id) ON DELETE SET NULL\n"
  ");\n"

  "CREATE TABLE goals (\n"
  "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  sessions_per_week INTEGER NOT NULL DEFAULT 0 CHECK (sessions_per_week >= 0),\n"
  "  minutes_per_week INTEGER NOT NULL DEFAULT 0 CHECK (minutes_per_week >= 0),\n"
  "  connections_per_month INTEGER NOT NULL DEFAULT 0 CHECK (connections_per_month >= 0),\n"
  "  publications_per_month INTEGER NOT NULL DEFAULT 0 CHECK (publications_per_month >= 0),\n"
  "  events_per_month INTEGER NOT NULL DEFAULT 0 CHECK (events_per_month >= 0),\n"
  TIMES
  "  import_batch INTEGER REFERENCES import_batch (id) ON DELETE SET NULL\n"
  ");\n"

  "CREATE TABLE community (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),\n"
  "  description TEXT NOT NULL DEFAULT '',\n"
  "  url TEXT NOT NULL DEFAULT '',\n"
  "  platform TEXT NOT NULL DEFAULT 'other' CHECK (platform IN ('linkedin', 'reddit',\n"
  "    'discord', 'slack', 'facebook', 'xing', 'viadeo', 'wellfound', 'github', 'circle',\n"
  "    'mighty_networks', 'higher_logic', 'stack_overflow', 'behance', 'dribbble',\n"
  "    'researchgate', 'medium', 'meetup', 'telegram', 'vk', 'habr', 'local', 'other')),\n"
  "  format TEXT NOT NULL DEFAULT 'online' CHECK (format IN ('online', 'offline', 'hybrid')),\n"
  "  reach TEXT NOT NULL DEFAULT 'global'\n"
  "    CHECK (reach IN ('local', 'city', 'regional', 'national', 'global')),\n"
  "  focus TEXT NOT NULL DEFAULT 'interest'\n"
  "    CHECK (focus IN ('industry', 'skill', 'interest', 'career', 'educational')),\n"
  "  stage TEXT NOT NULL DEFAULT 'transitional'\n"
  "    CHECK (stage IN ('novice', 'experienced', 'transitional', 'leaders', 'experts')),\n"
  "  industry TEXT NOT NULL DEFAULT '',\n"
  "  location TEXT NOT NULL DEFAULT '',\n"
  "  language TEXT NOT NULL DEFAULT '',\n"
  "  status TEXT NOT NULL DEFAULT 'exploring'\n"
  "    CHECK (status IN ('exploring', 'active', 'paused', 'left')),\n"
  "  joined_on TEXT " DAY_CHECK ("joined_on") ",\n"
  "  goals TEXT NOT NULL DEFAULT '',\n"
  "  notes TEXT NOT NULL DEFAULT '',\n"
  TIMES
  "  import_batch INTEGER REFERENCES import_batch (id) ON DELETE SET NULL\n"
  ");\n"
  "CREATE INDEX community_by_status ON community (status);\n"
  "CREATE INDEX community_by_platform ON community (platform);\n"
  LIST_TABLE ("community_audience", "community_id", "community")

  "CREATE TABLE event (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  uid TEXT NOT NULL UNIQUE,\n"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),\n"
  "  starts_at INTEGER NOT NULL,\n"
  "  ends_at INTEGER CHECK (ends_at IS NULL OR ends_at >= starts_at),\n"
  "  all_day INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),\n"
  "  tzid TEXT NOT NULL DEFAULT '',\n"
  "  rrule TEXT NOT NULL DEFAULT '',\n"
  "  kind TEXT NOT NULL DEFAULT 'meetup' CHECK (kind IN ('meetup', 'webinar', 'conference',\n"
  "    'workshop', 'hackathon', 'ama', 'networking', 'other')),\n"
  "  status TEXT NOT NULL DEFAULT 'planned'\n"
  "    CHECK (status IN ('planned', 'going', 'attended', 'missed', 'cancelled')),\n"
  "  location TEXT NOT NULL DEFAULT '',\n"
  "  url TEXT NOT NULL DEFAULT '',\n"
  "  community_id INTEGER REFERENCES community (id) ON DELETE SET NULL,\n"
  "  notes TEXT NOT NULL DEFAULT '',\n"
  TIMES
  "  import_batch INTEGER REFERENCES import_batch (id) ON DELETE SET NULL\n"
  ");\n"
  "CREATE INDEX event_by_start ON event (starts_at);\n"
  "CREATE INDEX event_by_community ON event (community_id, starts_at);\n"
  "CREATE INDEX event_recurring ON event (starts_at) WHERE rrule != '';\n"
  LIST_TABLE ("event_exdate", "event_id", "event")

  "CREATE TABLE contact (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),\n"
  "  given_name TEXT NOT NULL DEFAULT '',\n"
  "  family_name TEXT NOT NULL DEFAULT '',\n"
  "  company TEXT NOT NULL DEFAULT '',\n"
  "  position TEXT NOT NULL DEFAULT '',\n"
  "  location TEXT NOT NULL DEFAULT '',\n"
  "  relationship TEXT NOT NULL DEFAULT 'peer' CHECK (relationship IN ('mentor', 'mentee',\n"
  "    'peer', 'recruiter', 'hiring_manager', 'expert', 'friend', 'other')),\n"
  "  connected_on TEXT " DAY_CHECK ("connected_on") ",\n"
  "  met_at_community INTEGER REFERENCES community (id) ON DELETE SET NULL,\n"
  "  met_at_event INTEGER REFERENCES event (id) ON DELETE SET NULL,\n"
  "  birthday TEXT CHECK (birthday IS NULL OR\n"
  "    birthday GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' OR\n"
  "    birthday GLOB '--[0-1][0-9]-[0-3][0-9]'),\n"
  "  connection_quality INTEGER CHECK (connection_quality BETWEEN 1 AND 5),\n"
  "  cadence_days INTEGER NOT NULL DEFAULT 0 CHECK (cadence_days >= 0),\n"
  "  notes TEXT NOT NULL DEFAULT '',\n"
  TIMES
  "  import_batch INTEGER REFERENCES import_batch (id) ON DELETE SET NULL\n"
  ");\n"
  "CREATE INDEX contact_by_connected ON contact (connected_on);\n"
  "CREATE INDEX contact_by_company ON contact (company);\n"
  LIST_TABLE ("contact_email", "contact_id", "contact")
  "CREATE INDEX contact_email_by_value ON contact_email (value COLLATE NOCASE);\n"
  LIST_TABLE ("contact_phone", "contact_id", "contact")
  LIST_TABLE ("contact_url", "contact_id", "contact")
  "CREATE INDEX contact_url_by_value ON contact_url (value);\n"
  LIST_TABLE ("contact_tag", "contact_id", "contact")
  "CREATE INDEX contact_tag_by_value ON contact_tag (value);\n"
  LINK_TABLE ("membership", "contact_id", "contact", "community_id", "community")
  LINK_TABLE ("event_attendee", "event_id", "event", "contact_id", "contact")

  "CREATE TABLE skill (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),\n"
  "  level INTEGER CHECK (level BETWEEN 1 AND 5),\n"
  "  target_level INTEGER CHECK (target_level BETWEEN 1 AND 5),\n"
  "  evidence TEXT NOT NULL DEFAULT '',\n"
  TIMES
  "  import_batch INTEGER REFERENCES import_batch (id) ON DELETE SET NULL\n"
  ");\n"

  "CREATE TABLE course (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),\n"
  "  provider TEXT NOT NULL DEFAULT '',\n"
  "  url TEXT NOT NULL DEFAULT '',\n"
  "  status TEXT NOT NULL DEFAULT 'planned'\n"
  "    CHECK (status IN ('planned', 'in_progress', 'completed', 'dropped')),\n"
  "  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),\n"
  "  started_on TEXT " DAY_CHECK ("started_on") ",\n"
  "  finished_on TEXT " DAY_CHECK ("finished_on") ",\n"
  "  certificate_url TEXT NOT NULL DEFAULT '',\n"
  "  community_id INTEGER REFERENCES community (id) ON DELETE SET NULL,\n"
  TIMES
  "  import_batch INTEGER REFERENCES import_batch (id) ON DELETE SET NULL\n"
  ");\n"
  "CREATE INDEX course_by_finished ON course (finished_on) WHERE status = 'completed';\n"
  LINK_TABLE ("course_skill", "course_id", "course", "skill_id", "skill")

  "CREATE TABLE activity (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  at INTEGER NOT NULL,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('read', 'ask_question', 'request_feedback',\n"
  "    'study_profiles', 'take_notes', 'publish', 'share_experience', 'support',\n"
  "    'share_resource', 'comment', 'connect', 'message', 'attend_event', 'joint_project',\n"
  "    'collaborate')),\n"
  "  strategy TEXT NOT NULL CHECK (strategy = CASE\n"
  "    WHEN kind IN ('read', 'ask_question', 'request_feedback', 'study_profiles',\n"
  "                  'take_notes') THEN 'learning'\n"
  "    WHEN kind IN ('publish', 'share_experience', 'support', 'share_resource',\n"
  "                  'comment') THEN 'value_creation'\n"
  "    ELSE 'connecting' END),\n"
  "  minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),\n"
  "  community_id INTEGER REFERENCES community (id) ON DELETE SET NULL,\n"
  "  event_id INTEGER REFERENCES event (id) ON DELETE SET NULL,\n"
  "  likes INTEGER NOT NULL DEFAULT 0 CHECK (likes >= 0),\n"
  "  comments INTEGER NOT NULL DEFAULT 0 CHECK (comments >= 0),\n"
  "  reposts INTEGER NOT NULL DEFAULT 0 CHECK (reposts >= 0),\n"
  "  url TEXT NOT NULL DEFAULT '',\n"
  "  note TEXT NOT NULL DEFAULT '',\n"
  TIMES
  "  import_batch INTEGER REFERENCES import_batch (id) ON DELETE SET NULL\n"
  ");\n"
  "CREATE INDEX activity_by_at ON activity (at);\n"
  "CREATE INDEX activity_by_community ON activity (community_id, at);\n"
  "CREATE INDEX activity_by_event ON activity (event_id) WHERE event_id IS NOT NULL;\n"
  LINK_TABLE ("activity_contact", "activity_id", "activity", "contact_id", "contact")
  LINK_TABLE ("activity_skill", "activity_id", "activity", "skill_id", "skill")

  "CREATE TABLE checkin (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  day TEXT NOT NULL " DAY_CHECK ("day") ",\n"
  "  engagement INTEGER CHECK (engagement BETWEEN 1 AND 5),\n"
  "  connection_quality INTEGER CHECK (connection_quality BETWEEN 1 AND 5),\n"
  "  knowledge_gained INTEGER CHECK (knowledge_gained BETWEEN 1 AND 5),\n"
  "  knowledge_applied INTEGER CHECK (knowledge_applied BETWEEN 1 AND 5),\n"
  "  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),\n"
  "  career_impact INTEGER CHECK (career_impact BETWEEN 1 AND 5),\n"
  "  note TEXT NOT NULL DEFAULT '',\n"
  TIMES
  "  import_batch INTEGER REFERENCES import_batch (id) ON DELETE SET NULL\n"
  ");\n"
  "CREATE INDEX checkin_by_day ON checkin (day);\n";

/* Version 2.
 *
 * - skill.notes: the free notes a skill's evidence needs beside the link or
 *   project (issue 7).
 * - activity_by_community covers the figures the metrics read for one
 *   community, so they never fetch a table row (issue 6).
 * - activity_by_strategy and activity_by_kind give the Journal's strategy and
 *   kind filters their rows in order, newest first, from the index alone
 *   (issue 4).
 * - activity_slot: the activities summed per quarter of an hour (UTC), kept
 *   by triggers, from which the metrics build their days without reading a
 *   million rows (issue 6). Every time zone in use today has an offset that
 *   is a whole number of quarters of an hour, so a local day is made of whole
 *   slots; guild-store-metrics.c reads the rows themselves when it is not.
 *   A slot is named by its first instant; the strategy and the kind's flags
 *   repeat DESIGN.md's vocabulary, which tests/test-metrics-fast.c checks
 *   against guild-vocab.c.
 */

#define SLOT(t) "((" t ") - (((" t ") % 900) + 900) % 900)"

#define SLOT_DELTA(row, sign) \
  "INSERT INTO activity_slot (slot, activities, minutes, reactions, interactions,\n" \
  "    publications, learning, value_creation, connecting)\n" \
  "  VALUES (" SLOT (row ".at") ", " sign "1, " sign row ".minutes,\n" \
  "    " sign "(" row ".likes + " row ".comments + " row ".reposts),\n" \
  "    " sign "(" row ".kind IN ('ask_question', 'request_feedback', 'comment', 'message',\n" \
  "      'support', 'share_experience')),\n" \
  "    " sign "(" row ".kind = 'publish'),\n" \
  "    " sign "(" row ".strategy = 'learning'),\n" \
  "    " sign "(" row ".strategy = 'value_creation'),\n" \
  "    " sign "(" row ".strategy = 'connecting'))\n" \
  "  ON CONFLICT (slot) DO UPDATE SET\n" \
  "    activities = activities + excluded.activities,\n" \
  "    minutes = minutes + excluded.minutes,\n" \
  "    reactions = reactions + excluded.reactions,\n" \
  "    interactions = interactions + excluded.interactions,\n" \
  "    publications = publications + excluded.publications,\n" \
  "    learning = learning + excluded.learning,\n" \
  "    value_creation = value_creation + excluded.value_creation,\n" \
  "    connecting = connecting + excluded.connecting;\n"

#define SLOT_PRUNE(row) \
  "DELETE FROM activity_slot WHERE slot = " SLOT (row ".at") " AND activities = 0;\n"

static const char schema_v2[] =
  "ALTER TABLE skill ADD COLUMN notes TEXT NOT NULL DEFAULT '';\n"

  "DROP INDEX activity_by_community;\n"
  "CREATE INDEX activity_by_community ON activity\n"
  "  (community_id, at, kind, strategy, minutes, likes, comments, reposts);\n"
  "CREATE INDEX activity_by_strategy ON activity (strategy, at);\n"
  "CREATE INDEX activity_by_kind ON activity (kind, at);\n"

  "CREATE TABLE activity_slot (\n"
  "  slot INTEGER PRIMARY KEY,\n"
  "  activities INTEGER NOT NULL,\n"
  "  minutes INTEGER NOT NULL,\n"
  "  reactions INTEGER NOT NULL,\n"
  "  interactions INTEGER NOT NULL,\n"
  "  publications INTEGER NOT NULL,\n"
  "  learning INTEGER NOT NULL,\n"
  "  value_creation INTEGER NOT NULL,\n"
  "  connecting INTEGER NOT NULL\n"
  ");\n"
  "INSERT INTO activity_slot SELECT " SLOT ("at") " AS s, count(*), sum(minutes),\n"
  "    sum(likes + comments + reposts),\n"
  "    sum(kind IN ('ask_question', 'request_feedback', 'comment', 'message', 'support',\n"
  "      'share_experience')),\n"
  "    sum(kind = 'publish'), sum(strategy = 'learning'), sum(strategy = 'value_creation'),\n"
  "    sum(strategy = 'connecting')\n"
  "  FROM activity GROUP BY s;\n"

  "CREATE TRIGGER activity_slot_insert AFTER INSERT ON activity BEGIN\n"
  SLOT_DELTA ("new", "")
  "END;\n"
  "CREATE TRIGGER activity_slot_delete AFTER DELETE ON activity BEGIN\n"
  SLOT_DELTA ("old", "-")
  SLOT_PRUNE ("old")
  "END;\n"
  "CREATE TRIGGER activity_slot_update\n"
  "  AFTER UPDATE OF at, kind, strategy, minutes, likes, comments, reposts ON activity BEGIN\n"
  SLOT_DELTA ("old", "-")
  SLOT_DELTA ("new", "")
  SLOT_PRUNE ("old")
  "END;\n";

const GuildMigration _guild_store_migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
};

const guint _guild_store_n_migrations = G_N_ELEMENTS (_guild_store_migrations);
