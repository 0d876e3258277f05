/* guild-log-format.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-log-format"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "guild-format.h"
#include "guild-log-format.h"

/* How the participation log shows its values: pure functions, so that the
 * tests check them without widgets, in both languages. */

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/**
 * guild_log_format_when:
 * @at: an instant
 * @now: (nullable): the present, in the zone to show (%NULL: now, local)
 *
 * When an activity happened, relative while it is recent ("5 minutes ago",
 * "Yesterday, 18:30"), absolute after that.
 *
 * Returns: (transfer full): the text
 */
char *
guild_log_format_when (gint64     at,
                       GDateTime *now)
{
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  g_autofree char *time = NULL;
  gint64 ago;

  if (utc == NULL)
    return g_strdup ("");

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();

  when = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));
  ago = g_date_time_to_unix (now) - at;

  if (ago >= 0 && ago < 60)
    return g_strdup (_("Just now"));
  if (ago >= 60 && ago < 60 * 60)
    {
      int minutes = (int) (ago / 60);

      /* Translators: how long ago an activity happened. */
      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", minutes), minutes);
    }

  /* Translators: a time of day, as in "18:30". See
   * https://docs.gtk.org/glib/method.DateTime.format.html for the codes. */
  /* xgettext:no-c-format */
  time = g_date_time_format (when, _("%H:%M"));

  if (same_day (when, now))
    /* Translators: %s is a time of day. */
    return g_strdup_printf (_("Today, %s"), time);

  yesterday = g_date_time_add_days (now, -1);
  if (same_day (when, yesterday))
    /* Translators: %s is a time of day. */
    return g_strdup_printf (_("Yesterday, %s"), time);

  if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* Translators: a day in the current year with a time, as in
     * "5 November, 18:30"; %B is the month's name as it follows a day. */
    /* xgettext:no-c-format */
    return guild_format_date_time (when, _("%-d %B, %H:%M"));

  /* Translators: a day in another year, as in "5 November 2025"; %B is the
   * month's name as it follows a day. */
  /* xgettext:no-c-format */
  return guild_format_date_time (when, _("%-d %B %Y"));
}

/**
 * guild_log_format_reactions:
 *
 * Returns: (transfer full): "3 likes · 1 comment", or "" without reactions
 */
char *
guild_log_format_reactions (int likes,
                            int comments,
                            int reposts)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (likes > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d like", "%d likes", likes), likes));
  if (comments > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d comment", "%d comments", comments),
                                             comments));
  if (reposts > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d repost", "%d reposts", reposts),
                                             reposts));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

/**
 * guild_log_format_minutes:
 *
 * Returns: (transfer full): "45 min", "1 h 30 min", or "" for none
 */
char *
guild_log_format_minutes (int minutes)
{
  if (minutes <= 0)
    return g_strdup ("");
  if (minutes < 60)
    /* Translators: a duration in minutes. */
    return g_strdup_printf (_("%d min"), minutes);
  if (minutes % 60 == 0)
    /* Translators: a duration in whole hours. */
    return g_strdup_printf (_("%d h"), minutes / 60);

  /* Translators: a duration in hours and minutes. */
  return g_strdup_printf (_("%d h %d min"), minutes / 60, minutes % 60);
}

/**
 * guild_log_excerpt:
 *
 * Returns: (transfer full): the note's first line, cut at a word to at most
 *   @max_chars characters with an ellipsis
 */
char *
guild_log_excerpt (const char *note,
                   guint       max_chars)
{
  g_autofree char *line = NULL;
  const char *end;
  glong len;

  if (note == NULL)
    return g_strdup ("");

  while (*note == '\n' || *note == ' ' || *note == '\t')
    note++;
  end = strchr (note, '\n');
  line = end != NULL ? g_strndup (note, (gsize) (end - note)) : g_strdup (note);
  g_strstrip (line);

  len = g_utf8_strlen (line, -1);
  if (len <= (glong) max_chars && end == NULL)
    return g_steal_pointer (&line);
  if (len <= (glong) max_chars)
    return g_strconcat (line, "…", NULL);

  {
    char *cut = g_utf8_offset_to_pointer (line, (glong) max_chars);
    char *space;

    *cut = '\0';
    space = strrchr (line, ' ');
    if (space != NULL && space > line + strlen (line) / 2)
      *space = '\0';
    g_strchomp (line);
    return g_strconcat (line, "…", NULL);
  }
}

/**
 * guild_log_strategy_icon:
 *
 * Returns: the icon name for a strategy identifier
 */
const char *
guild_log_strategy_icon (const char *strategy)
{
  if (g_strcmp0 (strategy, "learning") == 0)
    return "accessories-dictionary-symbolic";
  if (g_strcmp0 (strategy, "value_creation") == 0)
    return "emblem-shared-symbolic";

  return "system-users-symbolic";
}

/**
 * guild_log_parse_when:
 * @text: what the user typed: `YYYY-MM-DD HH:MM` or `YYYY-MM-DD`
 * @tz: (nullable): the zone it is in (%NULL: local)
 * @out: (out): seconds since the epoch
 *
 * Returns: whether @text is a valid day and time
 */
gboolean
guild_log_parse_when (const char *text,
                      GTimeZone  *tz,
                      gint64     *out)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *trimmed = NULL;
  int y, mo, d, h = 12, mi = 0;
  char extra;
  int n;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  n = sscanf (trimmed, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &extra);
  if (n != 5)
    {
      n = sscanf (trimmed, "%4d-%2d-%2d%c", &y, &mo, &d, &extra);
      if (n != 3)
        return FALSE;
      h = 12;
      mi = 0;
    }

  if (y < 1900 || y > 9999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) mo, (GDateYear) y) ||
      h < 0 || h > 23 || mi < 0 || mi > 59)
    return FALSE;

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  dt = g_date_time_new (tz, y, mo, d, h, mi, 0);
  if (dt == NULL)
    return FALSE;

  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/**
 * guild_log_format_when_entry:
 *
 * Returns: (transfer full): @at as guild_log_parse_when() reads it back
 */
char *
guild_log_format_when_entry (gint64     at,
                             GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) when = NULL;

  if (utc == NULL)
    return g_strdup ("");
  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  when = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}
