/* guild-vocab.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GuildVocab:
 *
 * The closed vocabularies of DESIGN.md. Their identifiers are what the
 * database stores and the backup prints; they never change once released.
 */
typedef enum
{
  GUILD_VOCAB_PLATFORM,
  GUILD_VOCAB_FORMAT,
  GUILD_VOCAB_REACH,
  GUILD_VOCAB_FOCUS,
  GUILD_VOCAB_STAGE,
  GUILD_VOCAB_COMMUNITY_STATUS,
  GUILD_VOCAB_RELATIONSHIP,
  GUILD_VOCAB_EVENT_KIND,
  GUILD_VOCAB_EVENT_STATUS,
  GUILD_VOCAB_STRATEGY,
  GUILD_VOCAB_COURSE_STATUS,
  GUILD_VOCAB_ACTIVITY_KIND,
  GUILD_N_VOCABS
} GuildVocab;

typedef struct
{
  const char *id;
  /* Untranslated; use guild_vocab_entry_label() and _description(). */
  const char *label;
  const char *description;
  /* For activity kinds: the strategy the kind serves. */
  const char *strategy;
} GuildVocabEntry;

const GuildVocabEntry *guild_vocab_entries           (GuildVocab             vocab,
                                                      guint                 *n_entries);
const GuildVocabEntry *guild_vocab_lookup            (GuildVocab             vocab,
                                                      const char            *id);
gboolean               guild_vocab_contains          (GuildVocab             vocab,
                                                      const char            *id);
const char            *guild_vocab_label             (GuildVocab             vocab,
                                                      const char            *id);
const char            *guild_vocab_entry_label       (GuildVocab             vocab,
                                                      const GuildVocabEntry *entry);
const char            *guild_vocab_entry_description (const GuildVocabEntry *entry);
const char            *guild_vocab_name              (GuildVocab             vocab);
const char            *guild_activity_kind_strategy  (const char            *kind);

G_END_DECLS
