/* test-export.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "guild-export.h"
#include "guild-store-import.h"

/* The vCard, iCalendar and CSV writers: their output read back by Guild's own
 * importers into an empty database gives the same records, and read into the
 * database it came from changes nothing. */

typedef struct
{
  char       *dir;
  GuildStore *store;
  GuildStore *empty;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *empty_path = NULL;

  f->dir = g_dir_make_tmp ("guild-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "guild.db", NULL);
  empty_path = g_build_filename (f->dir, "empty.db", NULL);
  f->store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->empty = guild_store_open (empty_path, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->store);
  g_clear_object (&f->empty);

  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
add (GuildStore  *store,
     GuildRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_store_add (store, record, &error));
  g_assert_no_error (error);
}

static gint64
instant (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

/* Section: sample data */

static const char *anna_emails[] = { "anna@example.ru", "a.ivanova@work.example", NULL };
static const char *anna_phones[] = { "+7 921 555-12-34", "+7 812 000-00-00", NULL };
static const char *anna_urls[] = { "https://www.linkedin.com/in/anna-ivanova",
                                   "https://example.org/anna", NULL };
static const char *anna_tags[] = { "друзья", "data, ml", "a;b", NULL };
static const char *john_emails[] = { "john@example.com", NULL };

static void
add_contacts (GuildStore *store)
{
  g_autoptr(GuildContact) anna = guild_contact_new ("Анна Иванова");
  g_autoptr(GuildContact) john = guild_contact_new ("John \"Jack\" O'Neil, Jr.");
  g_autoptr(GuildContact) plain = guild_contact_new ("Мария");
  GuildRecord *r;

  r = GUILD_RECORD (anna);
  guild_record_set_text (r, "given-name", "Анна");
  guild_record_set_text (r, "family-name", "Иванова");
  guild_record_set_text (r, "company", "ООО «Ромашка», отдел; R&D");
  guild_record_set_text (r, "position", "Ведущий аналитик\\данных");
  guild_record_set_strv (r, "emails", anna_emails);
  guild_record_set_strv (r, "phones", anna_phones);
  guild_record_set_strv (r, "urls", anna_urls);
  guild_record_set_text (r, "location", "Санкт-Петербург");
  guild_record_set_text (r, "birthday", "--03-08");
  guild_record_set_text (r, "relationship", "mentor");
  guild_record_set_text (r, "connected-on", "2024-02-29");
  guild_record_set_strv (r, "tags", anna_tags);
  guild_record_set_text (r, "notes",
                         "Первая строка, с запятой; и точкой с запятой\n"
                         "Вторая строка: «кавычки» и \"quotes\" и обратная косая \\ черта.\n"
                         "Очень длинная третья строка, которая наверняка будет перенесена "
                         "при записи, потому что в ней намного больше семидесяти пяти октетов.");
  add (store, r);

  r = GUILD_RECORD (john);
  guild_record_set_text (r, "given-name", "John");
  guild_record_set_text (r, "family-name", "O'Neil");
  guild_record_set_text (r, "company", "Acme \"Rockets\", Inc.");
  guild_record_set_strv (r, "emails", john_emails);
  guild_record_set_text (r, "birthday", "1985-09-23");
  guild_record_set_text (r, "notes", "Met at \"FOSDEM\",\nroom H.2215");
  add (store, r);

  add (store, GUILD_RECORD (plain));
}

static const char *weekly_exdates[] = { "2025-03-11T18:00:00Z", NULL };
static const char *yearly_exdates[] = { "2026-05-01", NULL };

static void
add_events (GuildStore *store)
{
  g_autoptr(GuildEvent) weekly = NULL;
  g_autoptr(GuildEvent) all_day = NULL;
  g_autoptr(GuildEvent) berlin = NULL;
  g_autoptr(GuildEvent) cancelled = NULL;
  GuildRecord *r;

  weekly = guild_event_new ("Python, meetup; weekly", instant ("2025-03-04T18:00:00Z"),
                            instant ("2025-03-04T20:00:00Z"));
  r = GUILD_RECORD (weekly);
  /* In the order libical writes a rule's parts, which the importer keeps. */
  guild_record_set_text (r, "rrule", "FREQ=WEEKLY;COUNT=10;BYDAY=TU");
  guild_record_set_strv (r, "exdates", weekly_exdates);
  guild_record_set_text (r, "location", "Онлайн");
  guild_record_set_text (r, "notes", "Каждый вторник.\nСсылка придёт письмом; не теряйте.");
  add (store, r);

  all_day = guild_event_new ("Конференция «Данные»", instant ("2025-05-01T00:00:00Z"),
                             instant ("2025-05-03T00:00:00Z"));
  r = GUILD_RECORD (all_day);
  guild_record_set_int (r, "all-day", TRUE);
  guild_record_set_text (r, "rrule", "FREQ=YEARLY");
  guild_record_set_strv (r, "exdates", yearly_exdates);
  guild_record_set_text (r, "location", "Москва, ВДНХ; павильон 1");
  add (store, r);

  berlin = guild_event_new ("Workshop in Berlin", instant ("2025-07-01T08:00:00Z"),
                            instant ("2025-07-01T10:30:00Z"));
  r = GUILD_RECORD (berlin);
  guild_record_set_text (r, "tzid", "Europe/Berlin");
  guild_record_set_text (r, "url", "https://example.org/workshop?id=1&lang=en");
  /* Kinds and statuses iCalendar cannot say travel as X-GUILD- properties. */
  guild_record_set_text (r, "kind", "workshop");
  guild_record_set_text (r, "status", "attended");
  add (store, r);

  cancelled = guild_event_new ("Отменённая встреча", instant ("2025-09-10T15:00:00Z"),
                               instant ("2025-09-10T16:00:00Z"));
  r = GUILD_RECORD (cancelled);
  guild_record_set_text (r, "status", "cancelled");
  add (store, r);
}

/* Section: helpers */

static GPtrArray *
list (GuildStore      *store,
      GuildRecordKind  kind)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = guild_store_list (store, kind, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static GuildRecord *
find (GPtrArray  *records,
      const char *field,
      const char *value)
{
  for (guint i = 0; i < records->len; i++)
    if (g_str_equal (guild_record_get_text (g_ptr_array_index (records, i), field), value))
      return g_ptr_array_index (records, i);

  g_assert_not_reached ();
  return NULL;
}

static void
assert_same_text (GuildRecord *a,
                  GuildRecord *b,
                  const char  *field)
{
  if (g_test_verbose () && !g_str_equal (guild_record_get_text (a, field),
                                         guild_record_get_text (b, field)))
    g_test_message ("field %s differs", field);
  g_assert_cmpstr (guild_record_get_text (a, field), ==, guild_record_get_text (b, field));
}

static void
assert_same_strv (GuildRecord *a,
                  GuildRecord *b,
                  const char  *field)
{
  const char * const *x = guild_record_get_strv (a, field);
  const char * const *y = guild_record_get_strv (b, field);

  g_assert_cmpuint (g_strv_length ((GStrv) x), ==, g_strv_length ((GStrv) y));
  for (guint i = 0; x[i] != NULL; i++)
    g_assert_cmpstr (x[i], ==, y[i]);
}

static void
assert_same_int (GuildRecord *a,
                 GuildRecord *b,
                 const char  *field)
{
  g_assert_cmpint (guild_record_get_int (a, field), ==, guild_record_get_int (b, field));
}

static GuildImportResult *
parse (GString           *text,
       const char        *name,
       GuildImportFormat  expected)
{
  g_autoptr(GError) error = NULL;
  GuildImportResult *result;

  result = guild_import_parse ((const guint8 *) text->str, text->len, name,
                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->format, ==, expected);
  g_assert_cmpuint (result->skipped->len, ==, 0);
  return result;
}

/* Imports @text into @store and checks the counts. */
static void
import (GuildStore        *store,
        GString           *text,
        const char        *name,
        GuildImportFormat  format,
        guint              added,
        guint              unchanged)
{
  g_autoptr(GuildImportResult) result = parse (text, name, format);
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (guild_store_import_preview (store, result, &preview, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (preview->added, ==, added);
  g_assert_cmpuint (preview->updated, ==, 0);
  g_assert_cmpuint (preview->unchanged, ==, unchanged);
  g_assert_cmpuint (preview->skipped, ==, 0);

  if (added > 0)
    {
      g_assert_true (guild_store_import_apply (store, preview, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

/* Every physical line ends in CRLF, is at most 75 octets and valid UTF-8. */
static void
assert_folded (GString *text)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  g_assert_true (g_str_has_suffix (text->str, "\r\n"));
  lines = g_strsplit (text->str, "\r\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpstr (lines[n - 1], ==, "");
  for (guint i = 0; i + 1 < n; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
}

/* Section: tests */

static void
test_vcard_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  static const char *text_fields[] = {
    "full-name", "given-name", "family-name", "company", "position", "location",
    "birthday", "notes", "relationship", "connected-on",
  };
  static const char *list_fields[] = { "emails", "phones", "urls", "tags" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) again = g_string_new (NULL);
  g_autoptr(GPtrArray) originals = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  add_contacts (f->store);
  g_assert_true (guild_export_vcard (f->store, out, NULL, &error));
  g_assert_no_error (error);
  assert_folded (out);

  g_assert_true (g_str_has_prefix (out->str, "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:"));
  g_assert_nonnull (strstr (out->str, "\r\nBDAY:--0308\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nBDAY:19850923\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nORG:ООО «Ромашка»\\, отдел\\; R&D\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nX-GUILD-RELATIONSHIP:mentor\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nX-GUILD-CONNECTED-ON:20240229\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nADR;TYPE=work:;;;Санкт-Петербург;;;\r\n"));

  /* The same database gives the same bytes. */
  g_assert_true (guild_export_vcard (f->store, again, NULL, &error));
  g_assert_cmpstr (out->str, ==, again->str);

  import (f->empty, out, "contacts.vcf", GUILD_IMPORT_FORMAT_VCARD, 3, 0);

  originals = list (f->store, GUILD_RECORD_CONTACT);
  copies = list (f->empty, GUILD_RECORD_CONTACT);
  g_assert_cmpuint (copies->len, ==, originals->len);
  for (guint i = 0; i < originals->len; i++)
    {
      GuildRecord *a = g_ptr_array_index (originals, i);
      GuildRecord *b = find (copies, "full-name", guild_record_get_text (a, "full-name"));

      for (guint j = 0; j < G_N_ELEMENTS (text_fields); j++)
        assert_same_text (a, b, text_fields[j]);
      for (guint j = 0; j < G_N_ELEMENTS (list_fields); j++)
        assert_same_strv (a, b, list_fields[j]);
    }

  /* Read back into the database it came from, nothing is new or changed. */
  import (f->store, out, "contacts.vcf", GUILD_IMPORT_FORMAT_VCARD, 0, 3);
}

static void
test_ical_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  static const char *text_fields[] = {
    "uid", "title", "tzid", "rrule", "location", "url", "notes", "status", "kind",
  };
  static const char *int_fields[] = { "starts-at", "ends-at", "all-day" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) again = g_string_new (NULL);
  g_autoptr(GPtrArray) originals = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  add_events (f->store);
  g_assert_true (guild_export_icalendar (f->store, out, NULL, &error));
  g_assert_no_error (error);
  assert_folded (out);

  g_assert_true (g_str_has_prefix (out->str, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                             "PRODID:-//Guild//Guild//EN\r\n"));
  g_assert_true (g_str_has_suffix (out->str, "END:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nDTSTART;TZID=Europe/Berlin:20250701T100000\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nDTEND;TZID=Europe/Berlin:20250701T123000\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nDTSTART;VALUE=DATE:20250501\r\n"
                                      "DTEND;VALUE=DATE:20250503\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nDTSTART:20250304T180000Z\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nEXDATE:20250311T180000Z\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nEXDATE;VALUE=DATE:20260501\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nSTATUS:CANCELLED\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nX-GUILD-STATUS:cancelled\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nLOCATION:Москва\\, ВДНХ\\; павильон 1\r\n"));
  g_assert_null (strstr (out->str, "VTIMEZONE\r\nTZID:/"));

  g_assert_true (guild_export_icalendar (f->store, again, NULL, &error));
  g_assert_cmpstr (out->str, ==, again->str);

  import (f->empty, out, "events.ics", GUILD_IMPORT_FORMAT_ICALENDAR, 4, 0);

  originals = list (f->store, GUILD_RECORD_EVENT);
  copies = list (f->empty, GUILD_RECORD_EVENT);
  g_assert_cmpuint (copies->len, ==, originals->len);
  for (guint i = 0; i < originals->len; i++)
    {
      GuildRecord *a = g_ptr_array_index (originals, i);
      GuildRecord *b = find (copies, "uid", guild_record_get_text (a, "uid"));

      for (guint j = 0; j < G_N_ELEMENTS (text_fields); j++)
        assert_same_text (a, b, text_fields[j]);
      for (guint j = 0; j < G_N_ELEMENTS (int_fields); j++)
        assert_same_int (a, b, int_fields[j]);
      assert_same_strv (a, b, "exdates");
    }

  import (f->store, out, "events.ics", GUILD_IMPORT_FORMAT_ICALENDAR, 0, 4);
}

static void
test_csv_contacts (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) originals = NULL;
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  add_contacts (f->store);
  g_assert_true (guild_export_csv (f->store, GUILD_RECORD_CONTACT, out, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (out->str,
                                   "\xEF\xBB\xBF" "Name,Given name,Family name,Company,Position,"
                                   "E-mails,Phones,URLs,Location,Relationship,Connected on,Tags,"
                                   "Notes,Communities\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\n\"John \"\"Jack\"\" O'Neil, Jr.\",John,O'Neil,"
                                      "\"Acme \"\"Rockets\"\", Inc.\",,john@example.com,"));
  g_assert_nonnull (strstr (out->str, "\"Met at \"\"FOSDEM\"\",\nroom H.2215\""));
  g_assert_nonnull (strstr (out->str, ",anna@example.ru ::: a.ivanova@work.example,"));
  g_assert_true (g_str_has_suffix (out->str, "\r\n"));

  result = parse (out, "contacts.csv", GUILD_IMPORT_FORMAT_GENERIC_CSV);
  originals = list (f->store, GUILD_RECORD_CONTACT);
  g_assert_cmpuint (result->items->len, ==, originals->len);
  for (guint i = 0; i < originals->len; i++)
    {
      GuildRecord *a = g_ptr_array_index (originals, i);
      GuildImportItem *item = g_ptr_array_index (result->items, i);

      assert_same_text (a, item->record, "full-name");
      assert_same_text (a, item->record, "company");
      assert_same_text (a, item->record, "notes");
      assert_same_strv (a, item->record, "emails");
    }
}

static void
test_csv_activities (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GuildCommunity) community = guild_community_new ("Клуб, «Данные»");
  g_autoptr(GuildContact) contact = guild_contact_new ("Пётр");
  g_autoptr(GuildActivity) activity = guild_activity_new ("comment",
                                                          instant ("2025-04-02T09:30:00Z"));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 contact_id;

  add (f->store, GUILD_RECORD (community));
  add (f->store, GUILD_RECORD (contact));
  contact_id = guild_record_get_id (GUILD_RECORD (contact));
  guild_record_set_int (GUILD_RECORD (activity), "community-id",
                        guild_record_get_id (GUILD_RECORD (community)));
  guild_record_set_ids (GUILD_RECORD (activity), "contacts", &contact_id, 1);
  guild_record_set_int (GUILD_RECORD (activity), "minutes", 15);
  guild_record_set_int (GUILD_RECORD (activity), "likes", 3);
  guild_record_set_text (GUILD_RECORD (activity), "note", "Ответил на \"вопрос\"\nпро SQL");
  add (f->store, GUILD_RECORD (activity));

  g_assert_true (guild_export_csv (f->store, GUILD_RECORD_ACTIVITY, out, NULL, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("\xEF\xBB\xBF"
                              "Date,Kind,Strategy,Minutes,Community,Event,Contacts,Likes,"
                              "Comments,Reposts,URL,Note\r\n"
                              "2025-04-02T09:30:00Z,comment,%s,15,\"Клуб, «Данные»\",,Пётр,"
                              "3,0,0,,\"Ответил на \"\"вопрос\"\"\nпро SQL\"\r\n",
                              guild_record_get_text (GUILD_RECORD (activity), "strategy"));
  g_assert_cmpstr (out->str, ==, expected);

  add_events (f->store);
  g_assert_true (guild_export_csv (f->store, GUILD_RECORD_EVENT, events, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (events->str, "\xEF\xBB\xBF" "Title,Starts,Ends,All day,"));
  g_assert_nonnull (strstr (events->str, "\r\n\"Python, meetup; weekly\","
                                         "2025-03-04T18:00:00Z,2025-03-04T20:00:00Z,no,,"
                                         "FREQ=WEEKLY;COUNT=10;BYDAY=TU,2025-03-11T18:00:00Z,"));
}

static void
test_folding (void)
{
  g_autoptr(GString) line = g_string_new ("NOTE:");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) unfolded = g_string_new (NULL);

  for (guint i = 0; i < 200; i++)
    g_string_append (line, i % 2 ? "ж" : "Я");
  /* An odd start puts every two-octet character across the 75th octet. */
  for (guint shift = 0; shift < 3; shift++)
    {
      g_string_truncate (out, 0);
      g_string_truncate (unfolded, 0);
      _guild_export_append_folded (out, line->str);
      assert_folded (out);

      for (const char *p = out->str; *p != '\0'; p++)
        {
          if (p[0] == '\r' && p[1] == '\n')
            {
              p += p[2] == ' ' ? 2 : 1;
              continue;
            }
          g_string_append_c (unfolded, *p);
        }
      g_assert_cmpstr (unfolded->str, ==, line->str);
      g_string_insert_c (line, 5, 'x');
    }

  /* A short line is left alone. */
  g_string_truncate (out, 0);
  _guild_export_append_folded (out, "FN:Анна");
  g_assert_cmpstr (out->str, ==, "FN:Анна\r\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guild/export/vcard-round-trip", Fixture, NULL,
              fixture_set_up, test_vcard_round_trip, fixture_tear_down);
  g_test_add ("/guild/export/ical-round-trip", Fixture, NULL,
              fixture_set_up, test_ical_round_trip, fixture_tear_down);
  g_test_add ("/guild/export/csv-contacts", Fixture, NULL,
              fixture_set_up, test_csv_contacts, fixture_tear_down);
  g_test_add ("/guild/export/csv-activities", Fixture, NULL,
              fixture_set_up, test_csv_activities, fixture_tear_down);
  g_test_add_func ("/guild/export/folding", test_folding);

  return g_test_run ();
}
