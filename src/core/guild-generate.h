/* guild-generate.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-types.h"

G_BEGIN_DECLS

/* What `guildctl generate` makes when it is not told otherwise. */
#define GUILD_GENERATE_DEFAULT_SEED        1
#define GUILD_GENERATE_DEFAULT_COMMUNITIES 40
#define GUILD_GENERATE_DEFAULT_CONTACTS    600
#define GUILD_GENERATE_DEFAULT_EVENTS      200
#define GUILD_GENERATE_DEFAULT_ACTIVITIES  5000
/* One check-in a week for two years. */
#define GUILD_GENERATE_DEFAULT_CHECKINS    104

/**
 * GuildGenerateOptions:
 * @seed: the only source of randomness: the same seed and @today give the
 *   same records, field for field
 * @communities: how many communities to make (exactly; 0 makes none)
 * @contacts: how many contacts
 * @events: how many events
 * @activities: how many activities
 * @checkins: how many weekly check-ins, the last in the week of @today
 * @today: (nullable): the reference day; %NULL for the local today.
 *   Activities fill the two years before it, events run from eighteen
 *   months before it to six months after it.
 *
 * Every count is taken literally; guild_generate_options_init() fills in
 * the defaults `guildctl generate` uses.
 */
typedef struct
{
  guint32  seed;
  guint    communities;
  guint    contacts;
  guint    events;
  guint    activities;
  guint    checkins;
  GDate   *today;
} GuildGenerateOptions;

/**
 * GuildGenerateProgress:
 * @fraction: how much is done, from 0 to 1
 * @user_data: the data given to guild_generate()
 *
 * Called about once per percent, on the thread running guild_generate().
 */
typedef void (*GuildGenerateProgress) (double   fraction,
                                       gpointer user_data);

void     guild_generate_options_init (GuildGenerateOptions        *options);
gboolean guild_generate              (GuildStore                  *store,
                                      const GuildGenerateOptions  *options,
                                      GuildGenerateProgress        progress,
                                      gpointer                     user_data,
                                      GCancellable                *cancellable,
                                      GError                     **error);

G_END_DECLS
