/* guild-vocab.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-vocab"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-vocab.h"

/* Labels are marked with a context per vocabulary, because the same English
 * word ("Other", "Active", "Planned") takes a different Russian form
 * depending on what it describes.
 */

static const GuildVocabEntry platforms[] = {
  { "linkedin", NC_("platform", "LinkedIn group"), NULL, NULL },
  { "reddit", NC_("platform", "Reddit"), NULL, NULL },
  { "discord", NC_("platform", "Discord"), NULL, NULL },
  { "slack", NC_("platform", "Slack"), NULL, NULL },
  { "facebook", NC_("platform", "Facebook group"), NULL, NULL },
  { "xing", NC_("platform", "Xing"), NULL, NULL },
  { "viadeo", NC_("platform", "Viadeo"), NULL, NULL },
  { "wellfound", NC_("platform", "Wellfound (AngelList)"), NULL, NULL },
  { "github", NC_("platform", "GitHub"), NULL, NULL },
  { "circle", NC_("platform", "Circle"), NULL, NULL },
  { "mighty_networks", NC_("platform", "Mighty Networks"), NULL, NULL },
  { "higher_logic", NC_("platform", "Higher Logic"), NULL, NULL },
  { "stack_overflow", NC_("platform", "Stack Overflow"), NULL, NULL },
  { "behance", NC_("platform", "Behance"), NULL, NULL },
  { "dribbble", NC_("platform", "Dribbble"), NULL, NULL },
  { "researchgate", NC_("platform", "ResearchGate"), NULL, NULL },
  { "medium", NC_("platform", "Medium"), NULL, NULL },
  { "meetup", NC_("platform", "Meetup"), NULL, NULL },
  { "telegram", NC_("platform", "Telegram"), NULL, NULL },
  { "vk", NC_("platform", "VK"), NULL, NULL },
  { "habr", NC_("platform", "Habr"), NULL, NULL },
  { "local", NC_("platform", "Local meetup"), NULL, NULL },
  { "other", NC_("platform", "Other platform"), NULL, NULL },
};

static const GuildVocabEntry formats[] = {
  { "online", NC_("format", "Online"), N_("Forums, social networks, chats"), NULL },
  { "offline", NC_("format", "In person"), N_("Meetups, conferences, local groups"), NULL },
  { "hybrid", NC_("format", "Hybrid"), N_("Online and in person"), NULL },
};

static const GuildVocabEntry reaches[] = {
  { "local", NC_("reach", "Local"), NULL, NULL },
  { "city", NC_("reach", "City"), NULL, NULL },
  { "regional", NC_("reach", "Regional"), NULL, NULL },
  { "national", NC_("reach", "National"), NULL, NULL },
  { "global", NC_("reach", "Global"), NULL, NULL },
};

static const GuildVocabEntry focuses[] = {
  { "industry", NC_("focus", "Industry"), N_("A whole industry or sector"), NULL },
  { "skill", NC_("focus", "Skill"), N_("One skill or technology"), NULL },
  { "interest", NC_("focus", "Interest"), N_("A shared professional interest"), NULL },
  { "career", NC_("focus", "Career"), N_("Career growth and job search"), NULL },
  { "educational", NC_("focus", "Learning"), N_("Courses, study groups, mentoring"), NULL },
};

static const GuildVocabEntry stages[] = {
  { "novice", NC_("stage", "Newcomers"), NULL, NULL },
  { "experienced", NC_("stage", "Experienced"), NULL, NULL },
  { "transitional", NC_("stage", "Career changers"), NULL, NULL },
  { "leaders", NC_("stage", "Leaders"), NULL, NULL },
  { "experts", NC_("stage", "Experts"), NULL, NULL },
};

static const GuildVocabEntry community_statuses[] = {
  { "exploring", NC_("community status", "Exploring"), NULL, NULL },
  { "active", NC_("community status", "Active"), NULL, NULL },
  { "paused", NC_("community status", "Paused"), NULL, NULL },
  { "left", NC_("community status", "Left"), NULL, NULL },
};

static const GuildVocabEntry relationships[] = {
  { "mentor", NC_("relationship", "Mentor"), NULL, NULL },
  { "mentee", NC_("relationship", "Mentee"), NULL, NULL },
  { "peer", NC_("relationship", "Peer"), NULL, NULL },
  { "recruiter", NC_("relationship", "Recruiter"), NULL, NULL },
  { "hiring_manager", NC_("relationship", "Hiring manager"), NULL, NULL },
  { "expert", NC_("relationship", "Expert"), NULL, NULL },
  { "friend", NC_("relationship", "Friend"), NULL, NULL },
  { "other", NC_("relationship", "Other"), NULL, NULL },
};

static const GuildVocabEntry event_kinds[] = {
  { "meetup", NC_("event kind", "Meetup"), NULL, NULL },
  { "webinar", NC_("event kind", "Webinar"), NULL, NULL },
  { "conference", NC_("event kind", "Conference"), NULL, NULL },
  { "workshop", NC_("event kind", "Workshop"), NULL, NULL },
  { "hackathon", NC_("event kind", "Hackathon"), NULL, NULL },
  { "ama", NC_("event kind", "AMA session"), NULL, NULL },
  { "networking", NC_("event kind", "Networking"), NULL, NULL },
  { "other", NC_("event kind", "Other event"), NULL, NULL },
};

static const GuildVocabEntry event_statuses[] = {
  { "planned", NC_("event status", "Planned"), NULL, NULL },
  { "going", NC_("event status", "Going"), NULL, NULL },
  { "attended", NC_("event status", "Attended"), NULL, NULL },
  { "missed", NC_("event status", "Missed"), NULL, NULL },
  { "cancelled", NC_("event status", "Cancelled"), NULL, NULL },
};

static const GuildVocabEntry strategies[] = {
  { "learning", NC_("strategy", "Active learning"),
    N_("Learn from the community: read, ask, request feedback"), NULL },
  { "value_creation", NC_("strategy", "Creating value"),
    N_("Give to the community: publish, share, support others"), NULL },
  { "connecting", NC_("strategy", "Making connections"),
    N_("Build relationships: connect, talk, meet, work together"), NULL },
};

static const GuildVocabEntry course_statuses[] = {
  { "planned", NC_("course status", "Planned"), NULL, NULL },
  { "in_progress", NC_("course status", "In progress"), NULL, NULL },
  { "completed", NC_("course status", "Completed"), NULL, NULL },
  { "dropped", NC_("course status", "Dropped"), NULL, NULL },
};

static const GuildVocabEntry activity_kinds[] = {
  { "read", NC_("activity kind", "Read content"),
    N_("Regularly reading professional content"), "learning" },
  { "ask_question", NC_("activity kind", "Asked a question"),
    N_("Asking questions and joining discussions"), "learning" },
  { "request_feedback", NC_("activity kind", "Asked for feedback"),
    N_("Requesting feedback and recommendations"), "learning" },
  { "study_profiles", NC_("activity kind", "Studied profiles"),
    N_("Studying the profiles of successful members"), "learning" },
  { "take_notes", NC_("activity kind", "Took notes"),
    N_("Keeping notes on what you learned"), "learning" },
  { "publish", NC_("activity kind", "Published"),
    N_("Creating and publishing useful content"), "value_creation" },
  { "share_experience", NC_("activity kind", "Shared experience"),
    N_("Sharing your professional experience"), "value_creation" },
  { "support", NC_("activity kind", "Supported someone"),
    N_("Supporting and encouraging other members"), "value_creation" },
  { "share_resource", NC_("activity kind", "Shared a resource"),
    N_("Offering useful resources and materials"), "value_creation" },
  { "comment", NC_("activity kind", "Commented"),
    N_("Leaving thoughtful comments"), "value_creation" },
  { "connect", NC_("activity kind", "Connected"),
    N_("Reaching out to people who fit your goals"), "connecting" },
  { "message", NC_("activity kind", "Messaged"),
    N_("Talking with members one to one"), "connecting" },
  { "attend_event", NC_("activity kind", "Attended an event"),
    N_("Taking part in community events"), "connecting" },
  { "joint_project", NC_("activity kind", "Joint project"),
    N_("Working on projects together"), "connecting" },
  { "collaborate", NC_("activity kind", "Collaboration"),
    N_("Looking for ways to collaborate"), "connecting" },
};

typedef struct
{
  const char            *name;
  const char            *context;
  const GuildVocabEntry *entries;
  guint                  n_entries;
} VocabTable;

#define TABLE(name, ctx, array) { name, ctx, array, G_N_ELEMENTS (array) }

static const VocabTable tables[GUILD_N_VOCABS] = {
  [GUILD_VOCAB_PLATFORM] = TABLE ("platform", "platform", platforms),
  [GUILD_VOCAB_FORMAT] = TABLE ("format", "format", formats),
  [GUILD_VOCAB_REACH] = TABLE ("reach", "reach", reaches),
  [GUILD_VOCAB_FOCUS] = TABLE ("focus", "focus", focuses),
  [GUILD_VOCAB_STAGE] = TABLE ("stage", "stage", stages),
  [GUILD_VOCAB_COMMUNITY_STATUS] = TABLE ("community status", "community status", community_statuses),
  [GUILD_VOCAB_RELATIONSHIP] = TABLE ("relationship", "relationship", relationships),
  [GUILD_VOCAB_EVENT_KIND] = TABLE ("event kind", "event kind", event_kinds),
  [GUILD_VOCAB_EVENT_STATUS] = TABLE ("event status", "event status", event_statuses),
  [GUILD_VOCAB_STRATEGY] = TABLE ("strategy", "strategy", strategies),
  [GUILD_VOCAB_COURSE_STATUS] = TABLE ("course status", "course status", course_statuses),
  [GUILD_VOCAB_ACTIVITY_KIND] = TABLE ("activity kind", "activity kind", activity_kinds),
};

#undef TABLE

/**
 * guild_vocab_entries:
 * @vocab: a vocabulary
 * @n_entries: (out): the number of entries
 *
 * Returns: (transfer none) (array length=n_entries): the entries, in the
 *   order the UI offers them.
 */
const GuildVocabEntry *
guild_vocab_entries (GuildVocab  vocab,
                     guint      *n_entries)
{
  g_return_val_if_fail (vocab < GUILD_N_VOCABS, NULL);
  g_return_val_if_fail (n_entries != NULL, NULL);

  *n_entries = tables[vocab].n_entries;
  return tables[vocab].entries;
}

/**
 * guild_vocab_lookup:
 *
 * Returns: (nullable) (transfer none): the entry for @id, or %NULL when @id
 *   is not an identifier of @vocab.
 */
const GuildVocabEntry *
guild_vocab_lookup (GuildVocab  vocab,
                    const char *id)
{
  g_return_val_if_fail (vocab < GUILD_N_VOCABS, NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < tables[vocab].n_entries; i++)
    if (strcmp (tables[vocab].entries[i].id, id) == 0)
      return &tables[vocab].entries[i];

  return NULL;
}

gboolean
guild_vocab_contains (GuildVocab  vocab,
                      const char *id)
{
  return guild_vocab_lookup (vocab, id) != NULL;
}

const char *
guild_vocab_entry_label (GuildVocab             vocab,
                         const GuildVocabEntry *entry)
{
  g_return_val_if_fail (vocab < GUILD_N_VOCABS, NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, tables[vocab].context, entry->label);
}

const char *
guild_vocab_entry_description (const GuildVocabEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->description == NULL)
    return NULL;

  return g_dgettext (GETTEXT_PACKAGE, entry->description);
}

/**
 * guild_vocab_label:
 *
 * Returns: (transfer none): the translated label of @id, or @id itself when it
 *   is not known (so that a newer file still shows something readable).
 */
const char *
guild_vocab_label (GuildVocab  vocab,
                   const char *id)
{
  const GuildVocabEntry *entry = guild_vocab_lookup (vocab, id);

  if (entry == NULL)
    return id != NULL ? id : "";

  return guild_vocab_entry_label (vocab, entry);
}

const char *
guild_vocab_name (GuildVocab vocab)
{
  g_return_val_if_fail (vocab < GUILD_N_VOCABS, NULL);

  return tables[vocab].name;
}

/**
 * guild_activity_kind_strategy:
 *
 * Returns: (nullable): the strategy identifier that an activity kind serves.
 */
const char *
guild_activity_kind_strategy (const char *kind)
{
  const GuildVocabEntry *entry = guild_vocab_lookup (GUILD_VOCAB_ACTIVITY_KIND, kind);

  return entry != NULL ? entry->strategy : NULL;
}
