/* test-import-ical.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "import/guild-import.h"


/* iCalendar files: a Meetup feed with its VTIMEZONE, recurrence and a
 * cancelled event; a Google Calendar export with all-day events, a zone
 * without VTIMEZONE, a floating time and a cancelled occurrence. */

static GuildImportResult *
parse_sample (const char *name)
{
  g_autofree char *path = g_build_filename (GUILD_TEST_DATA_DIR, name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  GuildImportResult *result;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpint (guild_import_detect ((const guint8 *) data, len, NULL), ==,
                   GUILD_IMPORT_FORMAT_ICALENDAR);
  result = guild_import_parse ((const guint8 *) data, len, name, GUILD_IMPORT_FORMAT_UNKNOWN,
                               NULL, &error);
  g_assert_no_error (error);
  return result;
}

static GuildRecord *
item (GuildImportResult *result,
      guint              index)
{
  g_assert_cmpuint (index, <, result->items->len);
  return ((GuildImportItem *) g_ptr_array_index (result->items, index))->record;
}

static guint
item_line (GuildImportResult *result,
           guint              index)
{
  return ((GuildImportItem *) g_ptr_array_index (result->items, index))->line;
}

static void
assert_instant (GuildRecord *record,
                const char  *field,
                const char  *expected)
{
  g_autofree char *text = guild_import_format_instant (guild_record_get_int (record, field));

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_strv (GuildRecord *record,
             const char  *name,
             ...)
{
  const char * const *strv = guild_record_get_strv (record, name);
  va_list args;
  guint i = 0;

  va_start (args, name);
  for (const char *expected = va_arg (args, const char *); expected != NULL;
       expected = va_arg (args, const char *), i++)
    {
      g_assert_nonnull (strv[i]);
      g_assert_cmpstr (strv[i], ==, expected);
    }
  va_end (args);
  g_assert_null (strv[i]);
}

#define TEXT(r, f) guild_record_get_text ((r), (f))

static void
test_meetup (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("meetup.ics");
  GuildRecord *pizza, *sprint, *winter;
  const GuildImportIssue *issue;

  g_assert_cmpuint (result->items->len, ==, 3);

  pizza = item (result, 0);
  g_assert_cmpuint (item_line (result, 0), ==, 26);
  g_assert_cmpstr (TEXT (pizza, "uid"), ==, "event_299000001@meetup.com");
  g_assert_cmpstr (TEXT (pizza, "title"), ==, "Python Pizza: Monthly Talks");
  /* 19:00 in Berlin in winter (CET), 21:30. */
  assert_instant (pizza, "starts-at", "2024-03-12T18:00:00Z");
  assert_instant (pizza, "ends-at", "2024-03-12T20:30:00Z");
  g_assert_cmpint (guild_record_get_int (pizza, "all-day"), ==, FALSE);
  g_assert_cmpstr (TEXT (pizza, "tzid"), ==, "Europe/Berlin");
  g_assert_cmpstr (TEXT (pizza, "rrule"), ==, "FREQ=MONTHLY;COUNT=10;BYDAY=2TU");
  /* The exceptions are in summer time (CEST). */
  assert_strv (pizza, "exdates", "2024-04-09T17:00:00Z", "2024-05-14T17:00:00Z",
               "2024-06-11T17:00:00Z", NULL);
  g_assert_cmpstr (TEXT (pizza, "status"), ==, "planned");
  g_assert_cmpstr (TEXT (pizza, "notes"), ==,
                   "Berlin Python Pizza\n\nTwo talks, pizza; and networking.\n"
                   "Doors open at 18:45.");
  g_assert_cmpstr (TEXT (pizza, "location"), ==,
                   "Factory Berlin (Rheinsberger Str. 76/77, Berlin, de) (52.520008, 13.404954)");
  g_assert_cmpstr (TEXT (pizza, "url"), ==,
                   "https://www.meetup.com/berlin-python/events/299000001/");

  sprint = item (result, 1);
  g_assert_cmpstr (TEXT (sprint, "status"), ==, "cancelled");
  assert_instant (sprint, "starts-at", "2024-07-20T08:00:00Z");
  assert_instant (sprint, "ends-at", "2024-07-20T15:00:00Z");

  winter = item (result, 2);
  assert_instant (winter, "starts-at", "2024-11-05T17:30:00Z");
  assert_instant (winter, "ends-at", "2024-11-05T19:30:00Z");

  g_assert_cmpuint (result->skipped->len, ==, 1);
  issue = &g_array_index (result->skipped, GuildImportIssue, 0);
  g_assert_cmpuint (issue->line, ==, 56);
}

static void
test_google_calendar (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("google-calendar.ics");
  GuildRecord *conf, *review, *webinar, *coffee, *floating, *weekly;

  g_assert_cmpuint (result->skipped->len, ==, 0);
  g_assert_cmpuint (result->items->len, ==, 6);

  conf = item (result, 0);
  g_assert_cmpuint (item_line (result, 0), ==, 8);
  g_assert_cmpint (guild_record_get_int (conf, "all-day"), ==, TRUE);
  assert_instant (conf, "starts-at", "2024-04-15T00:00:00Z");
  /* The end of an all-day event is exclusive. */
  assert_instant (conf, "ends-at", "2024-04-18T00:00:00Z");
  g_assert_cmpstr (TEXT (conf, "tzid"), ==, "");
  g_assert_cmpstr (TEXT (conf, "location"), ==, "Moscow, Russia");

  review = item (result, 1);
  assert_instant (review, "starts-at", "2024-05-01T00:00:00Z");
  assert_instant (review, "ends-at", "2024-05-02T00:00:00Z");
  g_assert_cmpstr (TEXT (review, "rrule"), ==, "FREQ=YEARLY");
  assert_strv (review, "exdates", "2025-05-01", NULL);

  webinar = item (result, 2);
  assert_instant (webinar, "starts-at", "2024-03-22T15:00:00Z");
  g_assert_cmpstr (TEXT (webinar, "url"), ==, "");
  g_assert_cmpstr (TEXT (webinar, "notes"), ==, "not a web address");

  /* New York without a VTIMEZONE: libical's own zone; summer time began
   * that very morning. */
  coffee = item (result, 3);
  assert_instant (coffee, "starts-at", "2024-03-10T13:00:00Z");
  g_assert_cmpstr (TEXT (coffee, "tzid"), ==, "America/New_York");

  /* Floating: the local time of this machine, which the tests run in UTC. */
  floating = item (result, 4);
  assert_instant (floating, "starts-at", "2024-06-01T18:00:00Z");
  g_assert_true (g_str_has_suffix (TEXT (floating, "uid"), "@import.guild"));

  /* The cancelled occurrence became an exception of its series. */
  weekly = item (result, 5);
  g_assert_cmpstr (TEXT (weekly, "uid"), ==, "weekly-series@google.com");
  assert_instant (weekly, "starts-at", "2024-03-03T14:00:00Z");
  assert_strv (weekly, "exdates", "2024-03-17T13:00:00Z", NULL);
}

static void
test_stable_uid (void)
{
  g_autoptr(GuildImportResult) a = parse_sample ("google-calendar.ics");
  g_autoptr(GuildImportResult) b = parse_sample ("google-calendar.ics");

  /* An event without UID gets the same one each time it is read. */
  g_assert_cmpstr (TEXT (item (a, 4), "uid"), ==, TEXT (item (b, 4), "uid"));
}

static void
test_garbage (void)
{
  static const char *inputs[] = {
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:no start\nEND:VEVENT\nEND:VCALENDAR\n",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:garbage\nEND:VEVENT\n",
    "BEGIN:VCALENDAR\n\x01\x02\x03\nEND:VCALENDAR\n",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20240101T100000Z\nDTEND:20230101T100000Z\n"
    "SUMMARY:ends before it starts\nEND:VEVENT\nEND:VCALENDAR\n",
    "not a calendar at all",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GuildImportResult) result =
        guild_import_parse_icalendar (inputs[i], strlen (inputs[i]), "x.ics", NULL);

      g_assert_nonnull (result);
      if (i == 0)
        {
          g_assert_cmpuint (result->items->len, ==, 0);
          g_assert_cmpuint (result->skipped->len, ==, 1);
          g_assert_cmpuint (g_array_index (result->skipped, GuildImportIssue, 0).line, ==, 2);
        }
      if (i == 3)
        {
          g_assert_cmpuint (result->items->len, ==, 1);
          g_assert_cmpint (guild_record_get_int (item (result, 0), "ends-at"), ==, 0);
        }
      if (i >= 4)
        g_assert_cmpuint (result->skipped->len, ==, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guild/import/ical/meetup", test_meetup);
  g_test_add_func ("/guild/import/ical/google-calendar", test_google_calendar);
  g_test_add_func ("/guild/import/ical/stable-uid", test_stable_uid);
  g_test_add_func ("/guild/import/ical/garbage", test_garbage);

  return g_test_run ();
}
