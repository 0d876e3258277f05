/* test-recurrence.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "guild-error.h"
#include "guild-recurrence.h"

static gboolean
collect (gint64   start,
         gint64   end,
         gpointer user_data)
{
  GPtrArray *out = user_data;

  g_ptr_array_add (out, guild_instant_format (start));
  g_ptr_array_add (out, guild_instant_format (end));
  return TRUE;
}

static gint64
at (const char *text)
{
  gint64 value = 0;

  g_assert_true (guild_instant_parse (text, &value));
  return value;
}

/* Expands a series over a wide range and returns "start/end" pairs. */
static char *
expand (gint64              starts_at,
        gint64              ends_at,
        gboolean            all_day,
        const char         *tzid,
        const char         *rrule,
        const char * const *exdates,
        const char         *from,
        const char         *to)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  guild_recurrence_expand (starts_at, ends_at, all_day, tzid, rrule, exdates,
                           at (from), at (to), collect, out, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < out->len; i += 2)
    g_string_append_printf (joined, "%s%s/%s", i ? " " : "",
                            (char *) out->pdata[i], (char *) out->pdata[i + 1]);

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
test_single (void)
{
  g_autofree char *inside = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *touching = NULL;

  inside = expand (at ("2025-05-01T10:00:00Z"), at ("2025-05-01T12:00:00Z"), FALSE, NULL, "",
                   NULL, "2025-05-01", "2025-05-02");
  g_assert_cmpstr (inside, ==, "2025-05-01T10:00:00Z/2025-05-01T12:00:00Z");

  outside = expand (at ("2025-05-01T10:00:00Z"), at ("2025-05-01T12:00:00Z"), FALSE, NULL, NULL,
                    NULL, "2025-05-02", "2025-05-03");
  g_assert_cmpstr (outside, ==, "");

  /* An event that ends exactly when the range starts does not overlap it. */
  touching = expand (at ("2025-05-01T22:00:00Z"), at ("2025-05-02T00:00:00Z"), FALSE, NULL, NULL,
                     NULL, "2025-05-02", "2025-05-03");
  g_assert_cmpstr (touching, ==, "");
}

static void
test_weekly_count_exdate (void)
{
  const char *exdates[] = { "2025-03-17T18:00:00Z", NULL };
  g_autofree char *all = NULL;

  all = expand (at ("2025-03-03T18:00:00Z"), at ("2025-03-03T20:00:00Z"), FALSE, "UTC",
                "FREQ=WEEKLY;COUNT=5", exdates, "2025-01-01", "2026-01-01");
  g_assert_cmpstr (all, ==,
                   "2025-03-03T18:00:00Z/2025-03-03T20:00:00Z "
                   "2025-03-10T18:00:00Z/2025-03-10T20:00:00Z "
                   "2025-03-24T18:00:00Z/2025-03-24T20:00:00Z "
                   "2025-03-31T18:00:00Z/2025-03-31T20:00:00Z");
}

static void
test_range_clips (void)
{
  g_autofree char *some = NULL;

  some = expand (at ("2025-03-03T18:00:00Z"), 0, FALSE, NULL, "FREQ=WEEKLY",
                 NULL, "2025-03-09", "2025-03-25");
  g_assert_cmpstr (some, ==,
                   "2025-03-10T18:00:00Z/2025-03-10T18:00:00Z "
                   "2025-03-17T18:00:00Z/2025-03-17T18:00:00Z "
                   "2025-03-24T18:00:00Z/2025-03-24T18:00:00Z");
}

static void
test_monthly_31st (void)
{
  g_autofree char *by_day = NULL;
  g_autofree char *plain = NULL;
  const char *expected =
    "2025-01-31T19:00:00Z/2025-01-31T20:00:00Z "
    "2025-03-31T19:00:00Z/2025-03-31T20:00:00Z "
    "2025-05-31T19:00:00Z/2025-05-31T20:00:00Z "
    "2025-07-31T19:00:00Z/2025-07-31T20:00:00Z";

  /* Months without a 31st are skipped (RFC 5545), never moved to the 30th. */
  by_day = expand (at ("2025-01-31T19:00:00Z"), at ("2025-01-31T20:00:00Z"), FALSE, NULL,
                   "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4", NULL, "2025-01-01", "2026-01-01");
  g_assert_cmpstr (by_day, ==, expected);

  plain = expand (at ("2025-01-31T19:00:00Z"), at ("2025-01-31T20:00:00Z"), FALSE, NULL,
                  "FREQ=MONTHLY;COUNT=4", NULL, "2025-01-01", "2026-01-01");
  g_assert_cmpstr (plain, ==, expected);
}

static void
test_dst_berlin (void)
{
  g_autofree char *all = NULL;

  /* 19:00 in Berlin is 18:00 UTC in winter and 17:00 UTC after 30 March. */
  all = expand (at ("2025-03-20T18:00:00Z"), at ("2025-03-20T20:00:00Z"), FALSE,
                "Europe/Berlin", "FREQ=WEEKLY;COUNT=3", NULL, "2025-01-01", "2026-01-01");
  g_assert_cmpstr (all, ==,
                   "2025-03-20T18:00:00Z/2025-03-20T20:00:00Z "
                   "2025-03-27T18:00:00Z/2025-03-27T20:00:00Z "
                   "2025-04-03T17:00:00Z/2025-04-03T19:00:00Z");
}

static void
test_dst_new_york (void)
{
  g_autofree char *spring = NULL;
  g_autofree char *autumn = NULL;

  /* 09:00 in New York: 14:00 UTC before 9 March 2025, 13:00 UTC after. */
  spring = expand (at ("2025-03-02T14:00:00Z"), 0, FALSE, "America/New_York",
                   "FREQ=WEEKLY;COUNT=2", NULL, "2025-01-01", "2026-01-01");
  g_assert_cmpstr (spring, ==,
                   "2025-03-02T14:00:00Z/2025-03-02T14:00:00Z "
                   "2025-03-09T13:00:00Z/2025-03-09T13:00:00Z");

  /* And back on 2 November. */
  autumn = expand (at ("2025-10-26T13:00:00Z"), 0, FALSE, "America/New_York",
                   "FREQ=WEEKLY;COUNT=2", NULL, "2025-01-01", "2026-01-01");
  g_assert_cmpstr (autumn, ==,
                   "2025-10-26T13:00:00Z/2025-10-26T13:00:00Z "
                   "2025-11-02T14:00:00Z/2025-11-02T14:00:00Z");
}

static void
test_all_day_exclusive_end (void)
{
  const char *exdates[] = { "2025-06-11", NULL };
  g_autofree char *before_end = NULL;
  g_autofree char *at_end = NULL;
  g_autofree char *no_end = NULL;
  g_autofree char *daily = NULL;

  /* 10–11 June: DTEND is the 12th, exclusive. */
  before_end = expand (at ("2025-06-10"), at ("2025-06-12"), TRUE, NULL, NULL, NULL,
                       "2025-06-11", "2025-06-12");
  g_assert_cmpstr (before_end, ==, "2025-06-10T00:00:00Z/2025-06-12T00:00:00Z");
  at_end = expand (at ("2025-06-10"), at ("2025-06-12"), TRUE, NULL, NULL, NULL,
                   "2025-06-12", "2025-06-13");
  g_assert_cmpstr (at_end, ==, "");

  /* Without an end an all-day event lasts its one day. */
  no_end = expand (at ("2025-06-10"), 0, TRUE, NULL, NULL, NULL, "2025-06-10", "2025-06-11");
  g_assert_cmpstr (no_end, ==, "2025-06-10T00:00:00Z/2025-06-11T00:00:00Z");

  /* A daily all-day series excludes by date. */
  daily = expand (at ("2025-06-10"), at ("2025-06-11"), TRUE, "Europe/Berlin",
                  "FREQ=DAILY;COUNT=3", exdates, "2025-06-01", "2025-07-01");
  g_assert_cmpstr (daily, ==,
                   "2025-06-10T00:00:00Z/2025-06-11T00:00:00Z "
                   "2025-06-12T00:00:00Z/2025-06-13T00:00:00Z");
}

static void
test_bad_rule (void)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_false (guild_recurrence_rule_valid ("NOT A RULE"));
  g_assert_false (guild_recurrence_rule_valid (""));
  g_assert_true (guild_recurrence_rule_valid ("FREQ=WEEKLY;BYDAY=MO,WE"));

  g_assert_false (guild_recurrence_expand (at ("2025-01-01"), 0, FALSE, NULL, "BOGUS=1", NULL,
                                           at ("2025-01-01"), at ("2026-01-01"),
                                           collect, out, &error));
  g_assert_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID);
  g_assert_cmpuint (out->len, ==, 0);
}

static void
test_runaway_rule_is_bounded (void)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  /* An unbounded minutely rule over a year stops at the safety limit. */
  guild_recurrence_expand (at ("2025-01-01"), 0, FALSE, NULL, "FREQ=MINUTELY", NULL,
                           at ("2025-01-01"), at ("2026-01-01"), collect, out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len / 2, <=, 20000);
  g_assert_cmpuint (out->len / 2, >, 1000);
}

static void
test_instants (void)
{
  gint64 value = 0;
  g_autofree char *text = NULL;

  g_assert_true (guild_instant_parse ("2025-11-17T00:30:00Z", &value));
  g_assert_cmpint (value, ==, 1763339400);
  text = guild_instant_format (value);
  g_assert_cmpstr (text, ==, "2025-11-17T00:30:00Z");
  g_assert_false (guild_instant_parse ("17 Nov 2025", &value));
  g_assert_false (guild_instant_parse (NULL, &value));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guild/recurrence/single", test_single);
  g_test_add_func ("/guild/recurrence/weekly-count-exdate", test_weekly_count_exdate);
  g_test_add_func ("/guild/recurrence/range-clips", test_range_clips);
  g_test_add_func ("/guild/recurrence/monthly-31st", test_monthly_31st);
  g_test_add_func ("/guild/recurrence/dst-berlin", test_dst_berlin);
  g_test_add_func ("/guild/recurrence/dst-new-york", test_dst_new_york);
  g_test_add_func ("/guild/recurrence/all-day-exclusive-end", test_all_day_exclusive_end);
  g_test_add_func ("/guild/recurrence/bad-rule", test_bad_rule);
  g_test_add_func ("/guild/recurrence/runaway-rule", test_runaway_rule_is_bounded);
  g_test_add_func ("/guild/recurrence/instants", test_instants);

  return g_test_run ();
}
