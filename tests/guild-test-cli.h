/* guild-test-cli.h: running guildctl from a test
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a run of guildctl left: its exit status, stdout and stderr. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} GuildTestRun;

void      guild_test_run_clear             (GuildTestRun       *run);
char     *guild_test_guildctl_path         (void);
gboolean  guild_test_skip_without_guildctl (void);
void      guild_test_run_guildctl          (GuildTestRun       *run,
                                            ...) G_GNUC_NULL_TERMINATED;
void      guild_test_run_guildctl_env      (GuildTestRun       *run,
                                            const char * const *env_extra,
                                            ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GuildTestRun, guild_test_run_clear)

G_END_DECLS
