/* guild-month-layout.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-month-layout"

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "guild-month-layout.h"

/* Section: the grid */

static guint
weekday_from_sunday (const GDate *day)
{
  /* GDateWeekday runs from Monday (1) to Sunday (7). */
  return g_date_get_weekday (day) % 7;
}

/**
 * guild_month_layout_compute:
 * @month: 1 to 12
 * @week_start: the weekday weeks start on, 0 (Sunday) to 6 (Saturday)
 * @out: (out caller-allocates): the layout
 */
void
guild_month_layout_compute (guint             year,
                            guint             month,
                            guint             week_start,
                            GuildMonthLayout *out)
{
  GDate first_of_month;
  guint days;

  g_return_if_fail (month >= 1 && month <= 12);
  g_return_if_fail (week_start < 7);
  g_return_if_fail (out != NULL);

  g_date_clear (&first_of_month, 1);
  g_date_set_dmy (&first_of_month, 1, month, year);
  days = g_date_get_days_in_month (month, year);

  out->week_start = week_start;
  out->offset = (weekday_from_sunday (&first_of_month) + 7 - week_start) % 7;
  out->n_weeks = (out->offset + days + 6) / 7;
  out->first = first_of_month;
  g_date_subtract_days (&out->first, out->offset);
}

/**
 * guild_month_layout_day:
 * @index: a cell, row by row from the top left (0 to 7 × n_weeks − 1)
 * @out: (out caller-allocates): the day in that cell
 */
void
guild_month_layout_day (const GuildMonthLayout *layout,
                        guint                   index,
                        GDate                  *out)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (out != NULL);

  *out = layout->first;
  g_date_add_days (out, index);
}

/**
 * guild_month_layout_index:
 *
 * Returns: the cell that shows @day, or -1 when the grid does not show it
 */
int
guild_month_layout_index (const GuildMonthLayout *layout,
                          const GDate            *day)
{
  int index;

  g_return_val_if_fail (layout != NULL, -1);
  g_return_val_if_fail (day != NULL && g_date_valid (day), -1);

  index = g_date_days_between (&layout->first, day);
  return index >= 0 && index < (int) (7 * layout->n_weeks) ? index : -1;
}

/**
 * guild_month_layout_weekday:
 * @column: 0 to 6
 *
 * Returns: the weekday of the column, 0 (Sunday) to 6 (Saturday)
 */
guint
guild_month_layout_weekday (const GuildMonthLayout *layout,
                            guint                   column)
{
  g_return_val_if_fail (layout != NULL, 0);

  return (layout->week_start + column) % 7;
}

/**
 * guild_month_visible_chips:
 * @n_events: the day's events
 * @max_rows: the rows a day cell has for them
 *
 * A day with more events than rows shows one chip fewer and a "+N more"
 * in the last row.
 *
 * Returns: how many chips to show
 */
guint
guild_month_visible_chips (guint n_events,
                           guint max_rows)
{
  if (n_events <= max_rows)
    return n_events;

  return max_rows > 0 ? max_rows - 1 : 0;
}

/* Section: the locale */

static gboolean
time_locale_is_plain (void)
{
  const char *name = setlocale (LC_TIME, NULL);

  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
         g_str_has_prefix (name, "C.");
}

/**
 * guild_week_start_from_locale:
 *
 * The first day of the week as the C library's locale data has it, worked out
 * the way GtkCalendar does (`_NL_TIME_FIRST_WEEKDAY` counted from
 * `_NL_TIME_WEEK_1STDAY`). Under the C locale, which knows no such thing
 * (Guild often runs as LANG=C.UTF-8 LANGUAGE=ru), it comes from the
 * translation instead, as in GTK without locale data.
 *
 * Returns: 0 (Sunday) to 6 (Saturday)
 */
guint
guild_week_start_from_locale (void)
{
  const char *translated;

  if (!time_locale_is_plain ())
    {
#ifdef __GLIBC__
      union { unsigned int word; char *string; } langinfo;
      int week_1stday = 0;
      int first_weekday;
      guint week_origin;

      langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
      first_weekday = langinfo.string[0];
      langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
      week_origin = langinfo.word;
      if (week_origin == 19971130)      /* a Sunday */
        week_1stday = 0;
      else if (week_origin == 19971201) /* a Monday */
        week_1stday = 1;
      else
        g_debug ("Unknown week origin %u", week_origin);

      return (guint) ((week_1stday + first_weekday - 1 + 7) % 7);
#endif
    }

  /* Translators: do not translate this literally. Translate it as
   * "calendar:week_start:1" if weeks start on Monday in your language
   * (Russian does), "calendar:week_start:0" for Sunday, and so on up to 6
   * for Saturday. */
  translated = _("calendar:week_start:0");
  if (g_str_has_prefix (translated, "calendar:week_start:") &&
      translated[20] >= '0' && translated[20] <= '6')
    return (guint) (translated[20] - '0');

  return 0;
}

/**
 * guild_week_start_from_setting:
 * @setting: the `week-start` key: "locale", "monday" or "sunday"
 *
 * Returns: 0 (Sunday) to 6 (Saturday)
 */
guint
guild_week_start_from_setting (const char *setting)
{
  if (g_strcmp0 (setting, "monday") == 0)
    return 1;
  if (g_strcmp0 (setting, "sunday") == 0)
    return 0;

  return guild_week_start_from_locale ();
}

/* g_date_time_format() takes names from the C library's locale, which knows
 * only English under C.UTF-8; like guild-format.c, the names come from
 * Guild's own catalogue. */

/**
 * guild_month_name:
 * @month: 1 to 12
 *
 * Returns: the month's name on its own, as in a calendar's title (Russian:
 *   the nominative "Ноябрь")
 */
const char *
guild_month_name (guint month)
{
  switch (month)
    {
    /* Translators: a month's name on its own, as a calendar's title shows it
     * (Russian: the nominative, "Январь"). */
    case 1: return C_("month name", "January");
    case 2: return C_("month name", "February");
    case 3: return C_("month name", "March");
    case 4: return C_("month name", "April");
    case 5: return C_("month name", "May");
    case 6: return C_("month name", "June");
    case 7: return C_("month name", "July");
    case 8: return C_("month name", "August");
    case 9: return C_("month name", "September");
    case 10: return C_("month name", "October");
    case 11: return C_("month name", "November");
    case 12: return C_("month name", "December");
    default: g_return_val_if_reached ("");
    }
}

/**
 * guild_weekday_abbreviation:
 * @weekday: 0 (Sunday) to 6 (Saturday)
 *
 * Returns: the short name a calendar's column header shows
 */
const char *
guild_weekday_abbreviation (guint weekday)
{
  switch (weekday)
    {
    /* Translators: a weekday's short name, for a calendar's column header. */
    case 0: return C_("weekday abbreviation", "Sun");
    case 1: return C_("weekday abbreviation", "Mon");
    case 2: return C_("weekday abbreviation", "Tue");
    case 3: return C_("weekday abbreviation", "Wed");
    case 4: return C_("weekday abbreviation", "Thu");
    case 5: return C_("weekday abbreviation", "Fri");
    case 6: return C_("weekday abbreviation", "Sat");
    default: g_return_val_if_reached ("");
    }
}

/**
 * guild_weekday_name:
 * @weekday: 0 (Sunday) to 6 (Saturday)
 *
 * Returns: the weekday's full name
 */
const char *
guild_weekday_name (guint weekday)
{
  switch (weekday)
    {
    case 0: return C_("weekday", "Sunday");
    case 1: return C_("weekday", "Monday");
    case 2: return C_("weekday", "Tuesday");
    case 3: return C_("weekday", "Wednesday");
    case 4: return C_("weekday", "Thursday");
    case 5: return C_("weekday", "Friday");
    case 6: return C_("weekday", "Saturday");
    default: g_return_val_if_reached ("");
    }
}

/**
 * guild_month_title:
 *
 * Returns: (transfer full): "November 2026"
 */
char *
guild_month_title (guint year,
                   guint month)
{
  /* Translators: a calendar's title: the month's name (from "month name")
   * and the year, as in "November 2026". */
  return g_strdup_printf (C_("calendar title", "%s %u"), guild_month_name (month), year);
}
