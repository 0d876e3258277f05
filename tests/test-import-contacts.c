/* test-import-contacts.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "import/guild-import.h"


/* The contact importers against the sample files in tests/data/import:
 * vCard from six programs, LinkedIn's two exports, Google's two CSV
 * generations, and other CSV files in other encodings. */

static char *
sample_path (const char *name)
{
  return g_build_filename (GUILD_TEST_DATA_DIR, name, NULL);
}

static GuildImportResult *
parse_bytes (const char        *data,
             gsize              len,
             const char        *name,
             GuildImportFormat  expected)
{
  g_autoptr(GError) error = NULL;
  GuildImportResult *result;

  g_assert_cmpint (guild_import_detect ((const guint8 *) data, len, name), ==, expected);
  result = guild_import_parse ((const guint8 *) data, len, name, GUILD_IMPORT_FORMAT_UNKNOWN,
                               NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->format, ==, expected);
  return result;
}

static GuildImportResult *
parse_sample (const char        *name,
              GuildImportFormat  expected)
{
  g_autofree char *path = sample_path (name);
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return parse_bytes (data, len, name, expected);
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

static void
assert_skipped (GuildImportResult *result,
                guint              index,
                guint              line,
                const char        *message)
{
  const GuildImportIssue *issue;

  g_assert_cmpuint (index, <, result->skipped->len);
  issue = &g_array_index (result->skipped, GuildImportIssue, index);
  g_assert_cmpuint (issue->line, ==, line);
  g_assert_cmpstr (issue->message, ==, message);
}

#define TEXT(r, f) guild_record_get_text ((r), (f))

/* Section: vCard */

static void
test_vcard_apple (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("apple-3.0.vcf", GUILD_IMPORT_FORMAT_VCARD);
  GuildRecord *anna;

  g_assert_cmpuint (result->items->len, ==, 1);
  anna = item (result, 0);
  g_assert_cmpuint (item_line (result, 0), ==, 1);
  g_assert_cmpstr (TEXT (anna, "full-name"), ==, "Anna Ivanova");
  g_assert_cmpstr (TEXT (anna, "given-name"), ==, "Anna");
  g_assert_cmpstr (TEXT (anna, "family-name"), ==, "Ivanova");
  g_assert_cmpstr (TEXT (anna, "company"), ==, "Yandex");
  g_assert_cmpstr (TEXT (anna, "position"), ==, "Senior Data Scientist");
  g_assert_cmpstr (TEXT (anna, "location"), ==, "Moscow");
  g_assert_cmpstr (TEXT (anna, "birthday"), ==, "--09-23");
  g_assert_cmpstr (TEXT (anna, "notes"), ==,
                   "Met at the ODS meetup, talked about ranking.\n"
                   "Wants to mentor career changers; ask about ML course.");
  assert_strv (anna, "emails", "anna.ivanova@yandex-team.ru", "anna@example.org", NULL);
  assert_strv (anna, "phones", "+7 (916) 555-01-23", NULL);
  /* Every item group is kept, and the social profile with an address. */
  assert_strv (anna, "urls", "https://www.linkedin.com/in/anna-ivanova-ds",
               "https://github.com/annaiv", "https://twitter.com/annaiv_ds", NULL);
  assert_strv (anna, "tags", "ML", "Mentors", NULL);

  /* The company card has no person's name. */
  g_assert_cmpuint (result->skipped->len, ==, 1);
  assert_skipped (result, 0, 35, "No name");
}

static void
test_vcard_google (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("google-3.0.vcf", GUILD_IMPORT_FORMAT_VCARD);
  GuildRecord *john, *maria;

  g_assert_cmpuint (result->items->len, ==, 2);
  g_assert_cmpuint (result->skipped->len, ==, 0);
  john = item (result, 0);
  g_assert_cmpstr (TEXT (john, "full-name"), ==, "John Smith");
  g_assert_cmpstr (TEXT (john, "company"), ==, "Contoso Ltd.");
  g_assert_cmpstr (TEXT (john, "position"), ==, "Engineering Manager");
  g_assert_cmpstr (TEXT (john, "birthday"), ==, "--09-23");
  g_assert_cmpstr (TEXT (john, "location"), ==, "San Francisco");
  g_assert_cmpstr (TEXT (john, "notes"), ==, "Hiring for platform team.\nFollow up in March.");
  assert_strv (john, "emails", "john.smith@gmail.com", "JSmith@Contoso.com", NULL);
  assert_strv (john, "phones", "+1 415-555-0100", "+1 415-555-0199", NULL);
  assert_strv (john, "urls", "https://www.linkedin.com/in/johnsmith", "https://johnsmith.dev", NULL);
  assert_strv (john, "tags", "Recruiters", "myContacts", NULL);

  maria = item (result, 1);
  g_assert_cmpuint (item_line (result, 1), ==, 20);
  g_assert_cmpstr (TEXT (maria, "birthday"), ==, "1990-02-28");
}

static void
test_vcard_outlook (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("outlook-2.1.vcf", GUILD_IMPORT_FORMAT_VCARD);
  GuildRecord *petr;

  g_assert_cmpuint (result->items->len, ==, 1);
  petr = item (result, 0);
  g_assert_cmpstr (TEXT (petr, "full-name"), ==, "Пётр Петров");
  g_assert_cmpstr (TEXT (petr, "given-name"), ==, "Пётр");
  g_assert_cmpstr (TEXT (petr, "family-name"), ==, "Петров");
  g_assert_cmpstr (TEXT (petr, "company"), ==, "ООО Ромашка");
  g_assert_cmpstr (TEXT (petr, "position"), ==, "Руководитель отдела");
  g_assert_cmpstr (TEXT (petr, "location"), ==, "Санкт-Петербург");
  g_assert_cmpstr (TEXT (petr, "notes"), ==,
                   "Познакомились на конференции HighLoad++.\r\nОбещал прислать вакансии.");
  assert_strv (petr, "phones", "+7 812 555-12-34", "+7 921 555-43-21", NULL);
  assert_strv (petr, "emails", "petrov@romashka.example", NULL);
  assert_strv (petr, "urls", "http://www.romashka.example", NULL);
}

static void
test_vcard_android (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("android-2.1.vcf", GUILD_IMPORT_FORMAT_VCARD);

  /* Both photos are passed over without breaking their cards; neither
   * card has FN, so the name is built from N. */
  g_assert_cmpuint (result->items->len, ==, 2);
  g_assert_cmpuint (result->skipped->len, ==, 0);
  g_assert_cmpstr (TEXT (item (result, 0), "full-name"), ==, "Елена Смирнова");
  assert_strv (item (result, 0), "phones", "+79035550011", "+74955550022", NULL);
  assert_strv (item (result, 0), "emails", "elena.smirnova@mail.example", NULL);
  g_assert_cmpstr (TEXT (item (result, 1), "full-name"), ==, "Kowalski");
  g_assert_cmpstr (TEXT (item (result, 1), "family-name"), ==, "Kowalski");
  assert_strv (item (result, 1), "phones", "+48 600 100 200", NULL);
  g_assert_cmpuint (item_line (result, 1), ==, 13);
}

static void
test_vcard_nextcloud (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("nextcloud-4.0.vcf", GUILD_IMPORT_FORMAT_VCARD);
  GuildRecord *lea;

  g_assert_cmpuint (result->items->len, ==, 1);
  lea = item (result, 0);
  g_assert_cmpstr (TEXT (lea, "full-name"), ==, "Léa Dubois");
  g_assert_cmpstr (TEXT (lea, "company"), ==, "Mozilla Foundation");
  g_assert_cmpstr (TEXT (lea, "birthday"), ==, "--07-04");
  g_assert_cmpstr (TEXT (lea, "location"), ==, "Paris");
  assert_strv (lea, "phones", "+33-6-12-34-56-78", NULL);
  assert_strv (lea, "tags", "Open Source", "Community, events", NULL);
  assert_strv (lea, "urls", "https://lea.example/blog", NULL);
}

static void
test_vcard_thunderbird (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("thunderbird.vcf", GUILD_IMPORT_FORMAT_VCARD);

  g_assert_cmpuint (result->items->len, ==, 2);
  g_assert_cmpstr (TEXT (item (result, 0), "full-name"), ==, "Jürgen Müller");
  g_assert_cmpstr (TEXT (item (result, 0), "birthday"), ==, "1985-09-23");
  g_assert_cmpstr (TEXT (item (result, 0), "notes"), ==,
                   "Folded note that goes on and on over more than seventy-five octets so that "
                   "it has to be folded, twice even, to fit the line length rule of RFC 6350.");
  /* Only a last name: that is the name. */
  g_assert_cmpstr (TEXT (item (result, 1), "full-name"), ==, "Nakamura");

  g_assert_cmpuint (result->skipped->len, ==, 2);
  assert_skipped (result, 0, 16, "No name");
  assert_skipped (result, 1, 21, "The card is not complete (no END:VCARD)");
}

static void
test_vcard_folded (void)
{
  static const char lf[] =
    "BEGIN:VCARD\nVERSION:3.0\nFN:Very Long\n\tName\nN:Name;Very Long;;;\n"
    "NOTE:a\\\\b\\,c\n  d\nEND:VCARD\n";
  static const char bad_qp[] =
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9 =\r\nG=C3=B3mez=\r\n"
    "\r\nNOTE;ENCODING=QUOTED-PRINTABLE:=ZZ=3\r\nEND:VCARD\r\n";
  g_autoptr(GuildImportResult) result = parse_bytes (lf, strlen (lf), NULL, GUILD_IMPORT_FORMAT_VCARD);
  g_autoptr(GuildImportResult) qp = parse_bytes (bad_qp, strlen (bad_qp), "x.vcf",
                                                 GUILD_IMPORT_FORMAT_VCARD);

  g_assert_cmpuint (result->items->len, ==, 1);
  g_assert_cmpstr (TEXT (item (result, 0), "full-name"), ==, "Very LongName");
  g_assert_cmpstr (TEXT (item (result, 0), "notes"), ==, "a\\b,c d");

  g_assert_cmpuint (qp->items->len, ==, 1);
  g_assert_cmpstr (TEXT (item (qp, 0), "full-name"), ==, "José Gómez");
  g_assert_cmpstr (TEXT (item (qp, 0), "notes"), ==, "=ZZ=3");
}

static void
test_vcard_not_a_vcard (void)
{
  static const char text[] = "hello\nBEGIN:VCARDS\n";
  g_autoptr(GuildImportResult) result = NULL;

  result = guild_import_parse_vcard (text, strlen (text), "x.vcf", NULL);
  g_assert_cmpuint (result->items->len, ==, 0);
  assert_skipped (result, 0, 1, "Not a vCard");
}

/* Section: CSV */

static void
test_linkedin_new (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("linkedin-connections.csv",
                                                      GUILD_IMPORT_FORMAT_LINKEDIN_CSV);
  GuildRecord *anna, *john, *oleg, *priya;

  g_assert_cmpuint (result->items->len, ==, 4);
  anna = item (result, 0);
  g_assert_cmpuint (item_line (result, 0), ==, 5);
  g_assert_cmpstr (TEXT (anna, "full-name"), ==, "Anna Ivanova");
  g_assert_cmpstr (TEXT (anna, "given-name"), ==, "Anna");
  g_assert_cmpstr (TEXT (anna, "family-name"), ==, "Ivanova");
  g_assert_cmpstr (TEXT (anna, "company"), ==, "Yandex");
  g_assert_cmpstr (TEXT (anna, "connected-on"), ==, "2024-03-14");
  assert_strv (anna, "urls", "https://www.linkedin.com/in/anna-ivanova-ds", NULL);
  assert_strv (anna, "emails", NULL);

  john = item (result, 1);
  g_assert_cmpstr (TEXT (john, "company"), ==, "Contoso, Ltd.");
  g_assert_cmpstr (TEXT (john, "connected-on"), ==, "2023-01-02");
  assert_strv (john, "emails", "john.smith@gmail.com", NULL);

  oleg = item (result, 2);
  g_assert_cmpuint (item_line (result, 2), ==, 8);
  g_assert_cmpstr (TEXT (oleg, "full-name"), ==, "Олег Кузнецов");
  g_assert_cmpstr (TEXT (oleg, "position"), ==, "Team Lead, Backend");
  g_assert_cmpstr (TEXT (oleg, "connected-on"), ==, "2021-11-30");

  /* "31 Sept" is no day: the person is kept without it, with a warning. */
  priya = item (result, 3);
  g_assert_cmpstr (TEXT (priya, "connected-on"), ==, "");
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_cmpuint (g_array_index (result->warnings, GuildImportIssue, 0).line, ==, 9);

  g_assert_cmpuint (result->skipped->len, ==, 1);
  assert_skipped (result, 0, 7, "No name");
}

static void
test_linkedin_old (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("linkedin-connections-old.csv",
                                                      GUILD_IMPORT_FORMAT_LINKEDIN_CSV);

  g_assert_cmpuint (result->items->len, ==, 2);
  g_assert_cmpstr (TEXT (item (result, 0), "full-name"), ==, "Maria Garcia");
  g_assert_cmpstr (TEXT (item (result, 0), "connected-on"), ==, "2018-01-12");
  g_assert_cmpstr (TEXT (item (result, 0), "position"), ==, "UX Designer");
  g_assert_cmpstr (TEXT (item (result, 1), "full-name"), ==, "Tom O'Brien");
  g_assert_cmpstr (TEXT (item (result, 1), "company"), ==, "Acme \"Rockets\" Inc");
  assert_strv (item (result, 1), "urls", NULL);
  /* A row with an address but no name is still a departed member. */
  assert_skipped (result, 0, 4, "No name");
}

static void
test_google_new (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("google-contacts-new.csv",
                                                      GUILD_IMPORT_FORMAT_GOOGLE_CSV);
  GuildRecord *sarah, *wei;

  g_assert_cmpuint (result->items->len, ==, 2);
  sarah = item (result, 0);
  g_assert_cmpuint (item_line (result, 0), ==, 2);
  g_assert_cmpstr (TEXT (sarah, "full-name"), ==, "Sarah Connor");
  g_assert_cmpstr (TEXT (sarah, "company"), ==, "Cyberdyne Systems");
  g_assert_cmpstr (TEXT (sarah, "position"), ==, "Security Consultant");
  g_assert_cmpstr (TEXT (sarah, "birthday"), ==, "1965-05-13");
  g_assert_cmpstr (TEXT (sarah, "location"), ==, "Los Angeles");
  g_assert_cmpstr (TEXT (sarah, "notes"), ==,
                   "Met at DevOpsDays.\nPrefers e-mail.\nAsk about \"Skynet\" talk.");
  assert_strv (sarah, "emails", "sarah@cyberdyne.example", "s.connor@gmail.com", NULL);
  assert_strv (sarah, "phones", "+1 213-555-0147", "+1 213-555-0148", NULL);
  assert_strv (sarah, "tags", "Conference", NULL);
  assert_strv (sarah, "urls", "https://www.linkedin.com/in/sarah-connor", NULL);

  wei = item (result, 1);
  g_assert_cmpuint (item_line (result, 1), ==, 7);
  g_assert_cmpstr (TEXT (wei, "birthday"), ==, "--12-01");
  g_assert_cmpstr (TEXT (wei, "location"), ==, "Shanghai");
  assert_strv (wei, "tags", "Mentors", NULL);

  assert_skipped (result, 0, 6, "No name");
}

static void
test_google_old (void)
{
  g_autoptr(GuildImportResult) result = parse_sample ("google-contacts-old.csv",
                                                      GUILD_IMPORT_FORMAT_GOOGLE_CSV);
  GuildRecord *ahmed;

  g_assert_cmpuint (result->items->len, ==, 2);
  g_assert_cmpuint (result->skipped->len, ==, 0);
  ahmed = item (result, 0);
  g_assert_cmpstr (TEXT (ahmed, "full-name"), ==, "Ahmed Hassan");
  g_assert_cmpstr (TEXT (ahmed, "company"), ==, "Valeo");
  g_assert_cmpstr (TEXT (ahmed, "position"), ==, "Software Architect");
  g_assert_cmpstr (TEXT (ahmed, "notes"), ==, "Speaker at PyCon.\nInterested in mentoring.");
  assert_strv (ahmed, "emails", "ahmed@example.eg", "a.hassan@gmail.com", NULL);
  assert_strv (ahmed, "tags", "Python", "Friends", NULL);
  assert_strv (ahmed, "urls", "https://ahmed.example", NULL);
  g_assert_cmpuint (item_line (result, 1), ==, 4);
  assert_strv (item (result, 1), "tags", NULL);
}

static GByteArray *
russian_excel_bytes (void)
{
  /* Russian Excel saves "CSV (разделители — точки с запятой)" in Windows-1251. */
  static const char *rows =
    "ФИО;Почта;Телефон;Компания;Должность;Заметки;Город;Теги\r\n"
    "Иванов Иван Иванович;ivanov@example.ru;+7 495 123-45-67;ООО «Вектор»;Аналитик;"
    "\"Встретились на митапе;\r\nобещал помочь с резюме\";Москва;ментор, аналитика\r\n"
    ";;;;;;;\r\n"
    ";sidorova@example.ru;;;;;;\r\n"
    ";;+7 000;Без имени;;;;\r\n";
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  char *bytes = g_convert (rows, -1, "WINDOWS-1251", "UTF-8", NULL, &len, &error);
  GByteArray *array;

  g_assert_no_error (error);
  array = g_byte_array_new_take ((guint8 *) bytes, len);
  return array;
}

static void
test_csv_russian_excel (void)
{
  g_autoptr(GByteArray) bytes = russian_excel_bytes ();
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildCsvMapping) mapping = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  GuildRecord *ivanov;

  text = guild_import_decode_text (bytes->data, bytes->len, &len);
  g_assert_true (g_str_has_prefix (text, "ФИО;Почта"));

  mapping = guild_csv_mapping_guess (text, len);
  g_assert_nonnull (mapping);
  g_assert_cmpint (guild_csv_mapping_get_delimiter (mapping), ==, ';');
  g_assert_cmpuint (guild_csv_mapping_get_n_columns (mapping), ==, 8);
  g_assert_cmpstr (guild_csv_mapping_get_header (mapping, 0), ==, "ФИО");
  g_assert_cmpint (guild_csv_mapping_get_field (mapping, 0), ==, GUILD_CSV_FIELD_FULL_NAME);
  g_assert_cmpint (guild_csv_mapping_get_field (mapping, 1), ==, GUILD_CSV_FIELD_EMAIL);
  g_assert_cmpint (guild_csv_mapping_get_field (mapping, 2), ==, GUILD_CSV_FIELD_PHONE);
  g_assert_cmpint (guild_csv_mapping_get_field (mapping, 3), ==, GUILD_CSV_FIELD_COMPANY);
  g_assert_cmpint (guild_csv_mapping_get_field (mapping, 4), ==, GUILD_CSV_FIELD_POSITION);
  g_assert_cmpint (guild_csv_mapping_get_field (mapping, 5), ==, GUILD_CSV_FIELD_NOTES);
  g_assert_cmpint (guild_csv_mapping_get_field (mapping, 6), ==, GUILD_CSV_FIELD_LOCATION);
  g_assert_cmpint (guild_csv_mapping_get_field (mapping, 7), ==, GUILD_CSV_FIELD_TAGS);

  result = parse_bytes ((const char *) bytes->data, bytes->len, "контакты.csv",
                        GUILD_IMPORT_FORMAT_GENERIC_CSV);
  g_assert_cmpuint (result->items->len, ==, 2);
  ivanov = item (result, 0);
  g_assert_cmpstr (TEXT (ivanov, "full-name"), ==, "Иванов Иван Иванович");
  g_assert_cmpstr (TEXT (ivanov, "company"), ==, "ООО «Вектор»");
  g_assert_cmpstr (TEXT (ivanov, "notes"), ==, "Встретились на митапе;\nобещал помочь с резюме");
  g_assert_cmpstr (TEXT (ivanov, "location"), ==, "Москва");
  assert_strv (ivanov, "tags", "ментор", "аналитика", NULL);
  /* Someone known only by an address keeps it as the name. */
  g_assert_cmpstr (TEXT (item (result, 1), "full-name"), ==, "sidorova@example.ru");
  g_assert_cmpuint (item_line (result, 1), ==, 5);
  assert_skipped (result, 0, 6, "No name");

  /* The user corrects the mapping: the company column is ignored. */
  guild_csv_mapping_set_field (mapping, 3, GUILD_CSV_FIELD_IGNORE);
  g_clear_pointer (&result, guild_import_result_free);
  result = guild_import_parse_csv_with_mapping (text, len, "контакты.csv", mapping, NULL);
  g_assert_cmpuint (result->items->len, ==, 2);
  g_assert_cmpstr (TEXT (item (result, 0), "company"), ==, "");
}

static void
test_csv_utf16 (void)
{
  static const char *rows =
    "Name\tE-mail\tPhone\tTitle\tLinkedIn\r\n"
    "Zoë Adams\tzoe@example.com\t+44 20 7946 0000\tDesigner\t"
    "linkedin.com/in/zoe-adams?trk=abc\r\n";
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *utf16 = g_convert (rows, -1, "UTF-16LE", "UTF-8", NULL, &len, &error);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GuildImportResult) result = NULL;
  GuildRecord *zoe;

  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) "\xFF\xFE", 2);
  g_byte_array_append (bytes, (const guint8 *) utf16, len);

  result = parse_bytes ((const char *) bytes->data, bytes->len, "export.txt",
                        GUILD_IMPORT_FORMAT_GENERIC_CSV);
  g_assert_cmpuint (result->items->len, ==, 1);
  zoe = item (result, 0);
  g_assert_cmpstr (TEXT (zoe, "full-name"), ==, "Zoë Adams");
  g_assert_cmpstr (TEXT (zoe, "position"), ==, "Designer");
  assert_strv (zoe, "emails", "zoe@example.com", NULL);
  assert_strv (zoe, "phones", "+44 20 7946 0000", NULL);
  assert_strv (zoe, "urls", "https://www.linkedin.com/in/zoe-adams", NULL);
}

static void
test_csv_broken_quote (void)
{
  static const char text[] =
    "Name,Email\n"
    "Ann,ann@example.com\n"
    "\"Bob,bob@example.com\n"
    "Carl,carl@example.com\n";
  g_autoptr(GuildImportResult) result = parse_bytes (text, strlen (text), "x.csv",
                                                     GUILD_IMPORT_FORMAT_GENERIC_CSV);

  /* The stray quote costs its own row only. */
  g_assert_cmpuint (result->items->len, ==, 2);
  g_assert_cmpstr (TEXT (item (result, 1), "full-name"), ==, "Carl");
  g_assert_cmpuint (item_line (result, 1), ==, 4);
  assert_skipped (result, 0, 3, "A quoted cell is not closed; the row was left out");
}

static void
test_not_a_file (void)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_get_tmp_dir ());
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/guild/contacts.vcf");
  g_autoptr(GError) error = NULL;

  /* A folder and a missing file are refused with words, never read. */
  g_assert_null (guild_import_parse_file (folder, GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_assert_null (guild_import_parse_file (missing, GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "contacts.vcf"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guild/import/vcard/apple", test_vcard_apple);
  g_test_add_func ("/guild/import/vcard/google", test_vcard_google);
  g_test_add_func ("/guild/import/vcard/outlook", test_vcard_outlook);
  g_test_add_func ("/guild/import/vcard/android", test_vcard_android);
  g_test_add_func ("/guild/import/vcard/nextcloud", test_vcard_nextcloud);
  g_test_add_func ("/guild/import/vcard/thunderbird", test_vcard_thunderbird);
  g_test_add_func ("/guild/import/vcard/folded", test_vcard_folded);
  g_test_add_func ("/guild/import/vcard/not-a-vcard", test_vcard_not_a_vcard);
  g_test_add_func ("/guild/import/csv/linkedin", test_linkedin_new);
  g_test_add_func ("/guild/import/csv/linkedin-old", test_linkedin_old);
  g_test_add_func ("/guild/import/csv/google", test_google_new);
  g_test_add_func ("/guild/import/csv/google-old", test_google_old);
  g_test_add_func ("/guild/import/csv/russian-excel", test_csv_russian_excel);
  g_test_add_func ("/guild/import/csv/utf16", test_csv_utf16);
  g_test_add_func ("/guild/import/csv/broken-quote", test_csv_broken_quote);
  g_test_add_func ("/guild/import/not-a-file", test_not_a_file);

  return g_test_run ();
}
