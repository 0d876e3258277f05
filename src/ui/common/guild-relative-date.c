/* guild-relative-date.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-relative-date"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-format.h"
#include "guild-relative-date.h"

/* "today", "yesterday", "3 days ago", "5 weeks ago", then the date itself:
 * counted in local calendar days, so 23:50 yesterday is "yesterday" at
 * 00:10 today. */

static gint64
local_day_number (GDateTime *dt)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (dt),
                  (GDateMonth) g_date_time_get_month (dt),
                  (GDateYear) g_date_time_get_year (dt));

  return g_date_get_julian (&date);
}

/**
 * guild_format_relative_day:
 * @at: seconds since the epoch
 * @now: (nullable): the present, in the time zone whose days count (%NULL:
 *   now, local)
 *
 * Returns: (transfer full): a short, translated description of when @at
 *   was, relative to @now
 */
char *
guild_format_relative_day (gint64     at,
                           GDateTime *now)
{
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) then = NULL;
  gint64 days;

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();

  utc = g_date_time_new_from_unix_utc (at);
  if (utc == NULL)
    return g_strdup ("");
  then = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));

  days = local_day_number (now) - local_day_number (then);

  if (days < 0)
    /* Translators: a date shown in a list, for a day after today. */
    return guild_format_date_time (then, _("%-d %B %Y"));
  if (days == 0)
    return g_strdup (C_("relative day", "today"));
  if (days == 1)
    return g_strdup (C_("relative day", "yesterday"));
  if (days < 14)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) days), (int) days);
  if (days < 63)
    return g_strdup_printf (ngettext ("%d week ago", "%d weeks ago", (gulong) (days / 7)),
                            (int) (days / 7));

  return guild_format_date_time (then, _("%-d %B %Y"));
}
