/* guild-test-cli.c: running guildctl from a test
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "guild-test-cli.h"

void
guild_test_run_clear (GuildTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* The guildctl of the build tree the tests run from (GUILD_BUILD_DIR), or
 * %NULL when it is not built. */
char *
guild_test_guildctl_path (void)
{
  const char *build_dir = g_getenv ("GUILD_BUILD_DIR");
  g_autofree char *path = NULL;

  if (build_dir == NULL)
    return NULL;

  path = g_build_filename (build_dir, "src", "cli", "guildctl", NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return NULL;

  return g_steal_pointer (&path);
}

gboolean
guild_test_skip_without_guildctl (void)
{
  g_autofree char *program = guild_test_guildctl_path ();

  if (program == NULL)
    {
      g_test_skip ("guildctl is not built (set GUILD_BUILD_DIR)");
      return TRUE;
    }

  return FALSE;
}

static void
run_guildctl_valist (GuildTestRun       *run,
                     const char * const *env_extra,
                     va_list             args)
{
  g_autofree char *program = guild_test_guildctl_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  const char *arg;

  g_assert_nonnull (program);
  g_ptr_array_add (argv, program);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  /* The tests name their database; the caller's own must not leak in. */
  envp = g_environ_unsetenv (envp, "GUILD_DATABASE");
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i += 2)
    envp = g_environ_setenv (envp, env_extra[i], env_extra[i + 1], TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);

  if (g_spawn_check_wait_status (wait_status, &error))
    run->status = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    run->status = error->code;
  else
    g_error ("guildctl did not exit: %s", error->message);

  g_test_message ("guildctl exited with %d\nstdout: %s\nstderr: %s", run->status, run->out,
                  run->err);
}

/* Runs guildctl with the NULL-terminated arguments, without GUILD_DATABASE,
 * and returns its exit status, stdout and stderr in @run. */
void
guild_test_run_guildctl (GuildTestRun *run,
                         ...)
{
  va_list args;

  va_start (args, run);
  run_guildctl_valist (run, NULL, args);
  va_end (args);
}

/* The same with @env_extra, pairs of a variable and its value, set. */
void
guild_test_run_guildctl_env (GuildTestRun       *run,
                             const char * const *env_extra,
                             ...)
{
  va_list args;

  va_start (args, env_extra);
  run_guildctl_valist (run, env_extra, args);
  va_end (args);
}
