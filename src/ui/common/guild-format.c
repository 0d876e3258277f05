/* guild-format.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-format.h"

/* g_date_time_format() takes month names from the C library's locale data.
 * Guild is often run as LANG=C.UTF-8 LANGUAGE=ru (no Russian locale needs to
 * be generated for that), where the C library only knows English names, so
 * the month names come from Guild's own catalogue instead. */
static const char *
month_name (int month)
{
  switch (month)
    {
    /* Translators: a month's name as it follows a day number ("5 January");
     * use the form your language needs there (Russian: "января"). */
    case 1: return C_("month with a day", "January");
    case 2: return C_("month with a day", "February");
    case 3: return C_("month with a day", "March");
    case 4: return C_("month with a day", "April");
    case 5: return C_("month with a day", "May");
    case 6: return C_("month with a day", "June");
    case 7: return C_("month with a day", "July");
    case 8: return C_("month with a day", "August");
    case 9: return C_("month with a day", "September");
    case 10: return C_("month with a day", "October");
    case 11: return C_("month with a day", "November");
    case 12: return C_("month with a day", "December");
    default: g_return_val_if_reached ("");
    }
}

/**
 * guild_format_date_time:
 * @date_time: the moment to show
 * @format: a g_date_time_format() format, usually translated
 *
 * Like g_date_time_format(), except that `%B` is the month's name from
 * Guild's translations.
 *
 * Returns: (transfer full): the text
 */
char *
guild_format_date_time (GDateTime  *date_time,
                        const char *format)
{
  g_autoptr(GString) expanded = NULL;

  g_return_val_if_fail (date_time != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  expanded = g_string_sized_new (strlen (format) + 16);

  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == 'B')
        {
          /* Month names hold no '%', so they pass through the format as text. */
          g_string_append (expanded, month_name (g_date_time_get_month (date_time)));
          p++;
        }
      else if (p[0] == '%' && p[1] != '\0')
        {
          g_string_append_len (expanded, p, 2);
          p++;
        }
      else
        g_string_append_c (expanded, *p);
    }

  return g_date_time_format (date_time, expanded->str);
}

/**
 * guild_format_event_time:
 * @starts_at: when the event starts, in seconds since the epoch (UTC)
 * @all_day: whether the event lasts the whole day
 *
 * Returns: (transfer full): the start in the local time zone, for lists
 */
char *
guild_format_event_time (gint64   starts_at,
                         gboolean all_day)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (starts_at);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");

  /* An all-day event's start names a day rather than a moment: it is shown
   * as its UTC date, so that it does not move to the day before west of
   * Greenwich. */
  if (all_day)
    /* Translators: the day of an all-day event, as in "5 November 2026". See
     * https://docs.gtk.org/glib/method.DateTime.format.html for the codes;
     * %B is the month's name from the translations above. */
    /* xgettext:no-c-format */
    return guild_format_date_time (utc, _("%-d %B %Y"));

  local = g_date_time_to_local (utc);

  /* Translators: when an event starts, as in "5 November 2026, 18:30". See
   * https://docs.gtk.org/glib/method.DateTime.format.html for the codes;
   * %B is the month's name from the translations above. */
  /* xgettext:no-c-format */
  return guild_format_date_time (local, _("%-d %B %Y, %H:%M"));
}
