/* guild-learning-format.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-learning-format"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "guild-format.h"
#include "guild-learning-format.h"
#include "guild-store-learning.h"

/* The words the Learning window shows for levels, gaps and dates: pure
 * functions, so the tests check them in both languages without widgets. */

/**
 * guild_learning_gap_text:
 *
 * Returns: (transfer full): the gap in words: "2 levels to go", "Target
 *   reached", or "No target yet".
 */
char *
guild_learning_gap_text (int level,
                         int target)
{
  int gap = guild_skill_level_gap (level, target);

  if (target <= 0)
    return g_strdup (_("No target yet"));
  if (gap == 0)
    return g_strdup (_("Target reached"));

  /* Translators: how many levels a skill still has to rise to reach its target. */
  return g_strdup_printf (ngettext ("%d level to go", "%d levels to go", gap), gap);
}

/**
 * guild_learning_levels_text:
 *
 * Returns: (transfer full): "Level 2 of 5, target 4", for labels and screen
 *   readers.
 */
char *
guild_learning_levels_text (int level,
                            int target)
{
  if (target <= 0)
    /* Translators: a skill's level; the second number is the highest level. */
    return g_strdup_printf (_("Level %d of %d"), MAX (level, 0), GUILD_SKILL_MAX_LEVEL);

  /* Translators: a skill's level, the highest level, and the level the user aims for. */
  return g_strdup_printf (_("Level %d of %d, target %d"), MAX (level, 0), GUILD_SKILL_MAX_LEVEL,
                          target);
}

/**
 * guild_learning_progress_text:
 *
 * Returns: (transfer full): "40 % done".
 */
char *
guild_learning_progress_text (int progress)
{
  /* Translators: a course's progress in percent. */
  return g_strdup_printf (_("%d %% done"), CLAMP (progress, 0, 100));
}

/**
 * guild_learning_day_text:
 * @day: (nullable): `YYYY-MM-DD`, or empty
 *
 * Returns: (transfer full): the day in the user's words ("5 November
 *   2025"), or "Not set".
 */
char *
guild_learning_day_text (const char *day)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  int y, m, d;

  if (day == NULL || sscanf (day, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (_("Not set"));

  utc = g_time_zone_new_utc ();
  if (!(date_time = g_date_time_new (utc, y, m, d, 0, 0, 0)))
    return g_strdup (_("Not set"));

  /* Translators: a date as in "5 November 2025"; see g_date_time_format(). */
  return guild_format_date_time (date_time, C_("learning date", "%-d %B %Y"));
}

/**
 * guild_learning_raise_text:
 *
 * Returns: (transfer full): "SQL: level 2 → 3", offered when a course that
 *   builds the skill is finished.
 */
char *
guild_learning_raise_text (const char *name,
                           int         level)
{
  /* Translators: raising a skill's level by one; %s is the skill's name. */
  return g_strdup_printf (_("%s: level %d → %d"), name, MAX (level, 0),
                          guild_skill_raised_level (level));
}
