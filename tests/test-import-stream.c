/* test-import-stream.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "guild-export-json.h"
#include "guild-store-import.h"
#include "guild-store-private.h"
#include "import/guild-import.h"

/* Reading a file in pieces (GuildImportReader) finds exactly what reading
 * it whole finds: the same records, in the same order, with the same line
 * numbers, and the same skipped records and warnings. Every sample file and
 * some made to be awkward are read with pieces from 1 byte up, so that
 * every boundary falls inside a folded line, a CR LF pair, a multi-byte
 * character and a quoted CSV cell with line breaks. */

static const gsize piece_sizes[] = { 1, 2, 3, 5, 7, 13, 64, 1000, 1024 * 1024 };
static const guint chunk_sizes[] = { 1, 3, 4096 };

static void
assert_issues_equal (GArray *a,
                     GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const GuildImportIssue *x = &g_array_index (a, GuildImportIssue, i);
      const GuildImportIssue *y = &g_array_index (b, GuildImportIssue, i);

      g_assert_cmpuint (x->line, ==, y->line);
      g_assert_cmpstr (x->message, ==, y->message);
    }
}

static void
assert_results_equal (GuildImportResult *whole,
                      GuildImportResult *pieces)
{
  g_assert_cmpint (whole->format, ==, pieces->format);
  g_assert_cmpuint (whole->items->len, ==, pieces->items->len);
  for (guint i = 0; i < whole->items->len; i++)
    {
      GuildImportItem *a = g_ptr_array_index (whole->items, i);
      GuildImportItem *b = g_ptr_array_index (pieces->items, i);

      g_assert_cmpuint (a->line, ==, b->line);
      if (!guild_record_fields_equal (a->record, b->record))
        g_error ("Record %u (line %u) differs when read in pieces", i, a->line);
    }
  assert_issues_equal (whole->skipped, pieces->skipped);
  assert_issues_equal (whole->warnings, pieces->warnings);
}

/* Reads @data in chunks through the reader; the chunks are joined. */
static GuildImportResult *
read_in_pieces (const char *data,
                gsize       len,
                const char *name,
                gsize       piece_size,
                guint       chunk_items,
                guint      *n_chunks)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, len, NULL);
  g_autoptr(GuildImportReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GuildImportResult *all = NULL;
  GuildImportResult *chunk;
  double fraction = 0;

  reader = guild_import_reader_new_for_stream (stream, name, len, GUILD_IMPORT_FORMAT_UNKNOWN,
                                               NULL, &error);
  g_assert_no_error (error);
  guild_import_reader_set_piece_size (reader, piece_size, chunk_items);
  *n_chunks = 0;

  while ((chunk = guild_import_reader_next (reader, NULL, &error)) != NULL)
    {
      /* The fraction read only grows. */
      g_assert_cmpfloat (guild_import_reader_get_fraction (reader), >=, fraction);
      fraction = guild_import_reader_get_fraction (reader);
      (*n_chunks)++;

      if (all == NULL)
        {
          all = chunk;
          continue;
        }
      for (guint i = 0; i < chunk->items->len; i++)
        {
          GuildImportItem *item = g_ptr_array_index (chunk->items, i);

          guild_import_result_add (all, g_steal_pointer (&item->record), item->line,
                                   item->file_id);
        }
      for (guint i = 0; i < chunk->skipped->len; i++)
        guild_import_result_skip (all, g_array_index (chunk->skipped, GuildImportIssue, i).line,
                                  g_array_index (chunk->skipped, GuildImportIssue, i).message);
      for (guint i = 0; i < chunk->warnings->len; i++)
        guild_import_result_warn (all, g_array_index (chunk->warnings, GuildImportIssue, i).line,
                                  g_array_index (chunk->warnings, GuildImportIssue, i).message);
      guild_import_result_free (chunk);
    }
  g_assert_no_error (error);
  g_assert_nonnull (all);
  g_assert_cmpfloat (guild_import_reader_get_fraction (reader), ==, 1.0);

  return all;
}

static void
check_text (const char *data,
            gsize       len,
            const char *name)
{
  g_autoptr(GuildImportResult) whole = NULL;
  g_autoptr(GError) error = NULL;

  whole = guild_import_parse ((const guint8 *) data, len, name, GUILD_IMPORT_FORMAT_UNKNOWN,
                              NULL, &error);
  g_assert_no_error (error);

  for (guint p = 0; p < G_N_ELEMENTS (piece_sizes); p++)
    for (guint c = 0; c < G_N_ELEMENTS (chunk_sizes); c++)
      {
        g_autoptr(GuildImportResult) pieces = NULL;
        guint n_chunks = 0;

        /* One byte at a time, a large file would take long; the small
         * pieces are for the small files. */
        if (piece_sizes[p] < 1000 && len > 64 * 1024)
          continue;

        g_test_message ("%s: pieces of %" G_GSIZE_FORMAT " bytes, chunks of %u", name,
                        piece_sizes[p], chunk_sizes[c]);
        pieces = read_in_pieces (data, len, name, piece_sizes[p], chunk_sizes[c], &n_chunks);
        assert_results_equal (whole, pieces);

        /* Chunks really are that small, when the file is read in pieces (a
         * CSV file's rows wait for its header, found in the first 40 lines
         * or at the end). */
        if (chunk_sizes[c] == 1 && piece_sizes[p] <= 64 &&
            ((whole->format == GUILD_IMPORT_FORMAT_VCARD && whole->items->len > 1) ||
             whole->items->len > 100))
          g_assert_cmpuint (n_chunks, >, 1);
      }
}

static void
test_samples (void)
{
  g_autoptr(GDir) dir = g_dir_open (GUILD_TEST_DATA_DIR, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (GUILD_TEST_DATA_DIR, name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      check_text (data, len, name);
      n++;
    }
  g_assert_cmpuint (n, >=, 10);
}

/* Folded lines, CR LF, quoted-printable soft breaks, a 2.1 base64 block,
 * Cyrillic, a card without END and one without a name. */
static void
test_vcard_boundaries (void)
{
  static const char text[] =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Анна\r\n  Иванова\r\nN:Иванова;Анна;;;\r\n"
    "EMAIL;TYPE=WORK:anna@example.org\r\nNOTE:a long note that is folded over\r\n"
    "  three lines\\, with escapes\\nand a second line\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9F=D0=B5=\n"
    "=D1=82=D1=80=D0=BE=D0=B2;=D0=9F=D1=91=D1=82=D1=80\nPHOTO;ENCODING=BASE64;TYPE=JPEG:\n"
    " /9j/4AAQSkZJRgABAQEASABIAAD\n QkZJRgABAQEASABIAAD/2wBD\n\nTEL;CELL:+7 900 000 00 00\n"
    "BDAY:not a day\nEND:VCARD\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:noname@example.org\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nFN:Cut Short\r\n"
    "BEGIN:VCARD\rFN:Old Mac\rEND:VCARD\r"
    "BEGIN:VCARD\r\nFN:Last\r\nEND:VCARD";

  check_text (text, sizeof text - 1, "boundaries.vcf");
}

/* Quoted cells with line breaks (LF and CR LF), doubled quotes, an empty
 * row, a row without a name, and a quote that never closes near the end. */
static void
test_csv_boundaries (void)
{
  static const char text[] =
    "Notes:\r\n\"A note, with a comma\r\nand a line break\"\r\n\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Anna,Ivanova,https://www.linkedin.com/in/anna,anna@example.org,\"Contoso, Ltd.\","
    "\"Senior\r\nEngineer\",14 Mar 2024\r\n"
    "Олег,Кузнецов,,oleg@example.ru,Яндекс,\"Руководитель \"\"группы\"\"\n"
    "разработки\",01 Jan 2020\r\n"
    ",,,,,,\r\n"
    ",,https://www.linkedin.com/in/gone,,Left,,01 Feb 2021\r\n"
    "John,Smith,,john@example.org,Acme,CTO,not a date\r\n"
    "Broken,\"Quote,https://www.linkedin.com/in/broken,,X,Y,01 Mar 2022\r\n"
    "Mia,Wong,,mia@example.org,Globex,Designer,02 Mar 2022";

  check_text (text, sizeof text - 1, "Connections.csv");
}

/* The same CSV in UTF-16 with a byte-order mark and in Windows-1251, so
 * that no code unit and no character is split between pieces. */
static void
test_encodings (void)
{
  static const char utf8[] = "Имя,Фамилия,Телефон,E-mail\r\nАнна,Иванова,+7 900,"
                             "anna@example.org\r\nПётр,\"Петров\r\nмладший\",+7 901,\r\n"
                             "Ёж,Ежов,,ezh@example.org\r\n";
  g_autofree char *utf16 = NULL;
  g_autofree char *cp1251 = NULL;
  g_autoptr(GString) with_bom = g_string_new (NULL);
  glong n_units = 0;
  gsize n = 0;

  utf16 = (char *) g_utf8_to_utf16 (utf8, -1, NULL, &n_units, NULL);
  g_string_append_len (with_bom, "\xff\xfe", 2);
  g_string_append_len (with_bom, utf16, n_units * 2);
  check_text (with_bom->str, with_bom->len, "contacts-utf16.csv");

  cp1251 = g_convert (utf8, -1, "WINDOWS-1251", "UTF-8", NULL, &n, NULL);
  g_assert_nonnull (cp1251);
  check_text (cp1251, n, "contacts-1251.csv");

  check_text (utf8, sizeof utf8 - 1, "contacts.csv");
}

/* Many records, so that there are many chunks of the default size too. */
static void
test_many (void)
{
  g_autoptr(GString) vcf = g_string_new (NULL);
  g_autoptr(GString) csv = g_string_new ("Name,Email,Notes\n");

  /* A little over the default piece of 1 MiB. */
  for (guint i = 0; i < 8000; i++)
    {
      g_string_append_printf (vcf, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %u\r\n"
                              "EMAIL:p%u@example.org\r\nNOTE:line one\\nline two of a note "
                              "long enough to be folded at seventy-five\r\n  octets\r\n"
                              "END:VCARD\r\n", i, i);
      g_string_append_printf (csv, "Person %u,p%u@example.org,\"a note\nover two lines\"\n",
                              i, i);
    }

  check_text (vcf->str, vcf->len, "many.vcf");
  check_text (csv->str, csv->len, "many.csv");
}

/* Not a file Guild reads: the reader says so at once. */
static void
test_unknown (void)
{
  static const guint8 binary[] = { 0x89, 'P', 'N', 'G', 0, 0, 0xff, 0xfe, 0, 1, 2, 3 };
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (binary, sizeof binary,
                                                                        NULL);
  g_autoptr(GError) error = NULL;
  GuildImportReader *reader;

  reader = guild_import_reader_new_for_stream (stream, "photo.png", sizeof binary,
                                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_null (reader);
  g_assert_error (error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_UNKNOWN_FORMAT);
}

/* Section: importing in chunks (guild_store_import_stream) */

typedef struct
{
  char       *dir;
  GuildStore *store;
  GuildStore *other;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  f->dir = g_dir_make_tmp ("guild-import-stream-XXXXXX", &error);
  g_assert_no_error (error);
  a = g_build_filename (f->dir, "stream.db", NULL);
  b = g_build_filename (f->dir, "whole.db", NULL);
  f->store = guild_store_open (a, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->other = guild_store_open (b, GUILD_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->store);
  g_clear_object (&f->other);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GuildImportSummary *
stream_import (GuildStore *store,
               const char *data,
               gsize       len,
               const char *name,
               gboolean    write,
               gint64     *batch)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, len, NULL);
  g_autoptr(GuildImportReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GuildImportSummary *summary = NULL;

  reader = guild_import_reader_new_for_stream (stream, name, len, GUILD_IMPORT_FORMAT_UNKNOWN,
                                               NULL, &error);
  g_assert_no_error (error);
  /* Small pieces and chunks: records meet their duplicates chunks later. */
  guild_import_reader_set_piece_size (reader, 700, 7);
  g_assert_true (guild_store_import_stream (store, reader, write, &summary, batch, NULL,
                                            &error));
  g_assert_no_error (error);
  return summary;
}

static GuildImportPreview *
whole_import (GuildStore        *store,
              GuildImportResult *result)
{
  g_autoptr(GError) error = NULL;
  GuildImportPreview *preview = NULL;

  g_assert_true (guild_store_import_preview (store, result, &preview, NULL, &error));
  g_assert_true (guild_store_import_apply (store, preview, NULL, NULL, &error));
  g_assert_no_error (error);
  return preview;
}

static char *
export_json (GuildStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true (guild_export_json (store, out, NULL, NULL));
  return g_strdup (out->str);
}

static char *
make_cards (guint n,
            guint repeat_every)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      /* Now and then someone from much earlier in the file again, with a
       * phone number the first card did not have. */
      guint who = repeat_every > 0 && i > 0 && i % repeat_every == 0 ? i / 3 : i;

      g_string_append_printf (out, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %u\r\n"
                              "EMAIL:p%u@example.org\r\nORG:Company %u\r\n", who, who, who % 5);
      if (who != i)
        g_string_append_printf (out, "TEL:+49 30 %u\r\n", i);
      g_string_append (out, "END:VCARD\r\n");
    }

  return g_string_free (out, FALSE);
}

/* Without repeats, the streamed import writes what the whole-file one
 * writes, and counts the same. */
static void
test_stream_same_records (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *cards = make_cards (300, 0);
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GuildImportSummary) summary = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 batch = 0;

  result = guild_import_parse ((const guint8 *) cards, strlen (cards), "people.vcf",
                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, NULL);
  preview = whole_import (f->other, result);
  summary = stream_import (f->store, cards, strlen (cards), "people.vcf", TRUE, &batch);

  g_assert_cmpuint (summary->n_records, ==, 300);
  g_assert_cmpuint (summary->added, ==, preview->added);
  g_assert_cmpuint (summary->updated, ==, preview->updated);
  g_assert_cmpuint (summary->unchanged, ==, preview->unchanged);
  g_assert_cmpuint (summary->skipped, ==, preview->skipped);
  g_assert_cmpint (batch, >, 0);

  a = export_json (f->store);
  b = export_json (f->other);
  g_assert_cmpstr (a, ==, b);

  /* The batch is undone like any other. */
  g_assert_true (guild_store_import_undo (f->store, batch, NULL, NULL));
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 0);
}

/* A person repeated chunks later is merged into the record written for
 * them: the same records as a whole-file import, counted as updates. */
static void
test_stream_repeats (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *cards = make_cards (400, 37);
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GuildImportSummary) dry = NULL;
  g_autoptr(GuildImportSummary) summary = NULL;
  g_autoptr(GuildImportSummary) again = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 batch = 0;

  result = guild_import_parse ((const guint8 *) cards, strlen (cards), "people.vcf",
                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, NULL);
  preview = whole_import (f->other, result);
  /* Ten cards repeat someone; three of those are the first card of the
   * person they name (whose number was taken by an earlier repeat). */
  g_assert_cmpuint (preview->added, ==, 393);
  g_assert_cmpuint (preview->unchanged, ==, 7);

  /* A dry run counts what the import will do and writes nothing. */
  dry = stream_import (f->store, cards, strlen (cards), "people.vcf", FALSE, &batch);
  g_assert_cmpint (batch, ==, 0);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 0);
  g_assert_cmpuint (dry->added, ==, 393);
  g_assert_cmpuint (dry->added + dry->updated + dry->unchanged, ==, 400);

  summary = stream_import (f->store, cards, strlen (cards), "people.vcf", TRUE, &batch);
  g_assert_cmpuint (summary->added, ==, dry->added);
  g_assert_cmpuint (summary->updated, ==, dry->updated);
  g_assert_cmpuint (summary->unchanged, ==, dry->unchanged);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_CONTACT), ==, 393);
  /* Most repeats are chunks later than the first card: updates here. */
  g_assert_cmpuint (summary->updated, >, 0);

  a = export_json (f->store);
  b = export_json (f->other);
  g_assert_cmpstr (a, ==, b);

  /* Again: everyone is there already. */
  again = stream_import (f->store, cards, strlen (cards), "people.vcf", TRUE, &batch);
  g_assert_cmpuint (again->added + again->updated, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 400);
  g_assert_cmpint (batch, ==, 0);
}

/* Thousands of records left out: the first thousand are kept, the rest
 * counted. */
static void
test_stream_skipped (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) cards = g_string_new (NULL);
  g_autoptr(GuildImportSummary) summary = NULL;

  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (cards, "BEGIN:VCARD\nVERSION:3.0\nEMAIL:x%u@example.org\nEND:VCARD\n"
                            "BEGIN:VCARD\nVERSION:3.0\nFN:Named %u\nEND:VCARD\n", i, i);

  summary = stream_import (f->store, cards->str, cards->len, "nameless.vcf", TRUE, NULL);
  g_assert_cmpuint (summary->added, ==, 1500);
  g_assert_cmpuint (summary->skipped, ==, 1500);
  g_assert_cmpuint (summary->issues->len, ==, GUILD_IMPORT_MAX_ISSUES);
  g_assert_cmpuint (summary->more_issues, ==, 500);
  /* In the order of the file, with the lines of the cards. */
  g_assert_cmpuint (g_array_index (summary->issues, GuildImportIssue, 0).line, ==, 1);
  g_assert_cmpuint (g_array_index (summary->issues, GuildImportIssue, 1).line, ==, 9);
  g_assert_cmpuint (g_array_index (summary->issues, GuildImportIssue, 999).line, ==, 999 * 8 + 1);
}

/* Section: iCalendar in pieces */

/* A calendar of @n events: a VTIMEZONE of a zone libical does not know (so
 * that every piece needs it), all-day events, weekly series with an
 * exception and a cancelled occurrence right after them, cancelled events,
 * folded lines, an alarm, LF and CR LF. Event @bad (if not G_MAXUINT) has
 * no start; the line of its BEGIN:VEVENT is stored in @bad_line. */
static char *
make_calendar (guint        n,
               guint        bad,
               const char  *title,
               guint       *bad_line)
{
  GString *out = g_string_new (NULL);

  g_string_append (out,
                   "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Guild//EN\r\n"
                   "X-WR-CALNAME:Meetups\r\nX-WR-TIMEZONE:Custom/Berlin\r\n"
                   "BEGIN:VTIMEZONE\r\nTZID:Custom/Berlin\r\n"
                   "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
                   "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                   "END:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
                   "TZNAME:CET\r\nDTSTART:19701025T030000\r\n"
                   "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
                   "END:VTIMEZONE\r\n");

  for (guint i = 0; i < n; i++)
    {
      const char *nl = i % 3 == 0 ? "\n" : "\r\n";
      guint month = 1 + i % 12, day = 1 + i % 28, hour = 8 + i % 10;

      if (i == bad)
        {
          const char *q;

          *bad_line = 1;
          for (q = out->str; *q != '\0'; q++)
            if (*q == '\n')
              (*bad_line)++;
          g_string_append_printf (out, "BEGIN:VEVENT%sUID:bad-%u@test%sSUMMARY:No start%s"
                                  "END:VEVENT%s", nl, i, nl, nl, nl);
          continue;
        }

      g_string_append_printf (out, "BEGIN:VEVENT%sUID:event-%u@test%s", nl, i, nl);
      g_string_append_printf (out, "SUMMARY:%s %u — встреча%s", title, i, nl);
      if (i % 7 == 0)
        g_string_append_printf (out, "DTSTART;VALUE=DATE:2026%02u%02u%s", month, day, nl);
      else
        g_string_append_printf (out, "DTSTART;TZID=Custom/Berlin:2026%02u%02uT%02u3000%s"
                                "DTEND;TZID=Custom/Berlin:2026%02u%02uT%02u0000%s",
                                month, day, hour, nl, month, day, hour + 2, nl);
      g_string_append_printf (out, "DESCRIPTION:A description long enough to be folded ov%s"
                              " er two lines\\, with an escape%s\tand a tab fold%s",
                              nl, nl, nl);
      g_string_append_printf (out, "LOCATION:Hall %u%s", i % 9, nl);
      if (i % 11 == 0)
        g_string_append_printf (out, "STATUS:CANCELLED%s", nl);
      if (i % 13 == 0)
        g_string_append_printf (out, "BEGIN:VALARM%sACTION:DISPLAY%sTRIGGER:-PT15M%s"
                                "END:VALARM%s", nl, nl, nl, nl);
      if (i % 5 == 0 && i % 7 != 0)
        g_string_append_printf (out, "RRULE:FREQ=WEEKLY;COUNT=6%s"
                                "EXDATE;TZID=Custom/Berlin:2026%02u%02uT%02u3000%s",
                                nl, month, day <= 21 ? day + 7 : day, hour, nl);
      g_string_append_printf (out, "END:VEVENT%s", nl);

      if (i % 5 == 0 && i % 7 != 0)
        g_string_append_printf (out, "BEGIN:VEVENT%sUID:event-%u@test%s"
                                "RECURRENCE-ID;TZID=Custom/Berlin:2026%02u%02uT%02u3000%s"
                                "DTSTART;TZID=Custom/Berlin:2026%02u%02uT%02u3000%s"
                                "STATUS:CANCELLED%sSUMMARY:%s %u%sEND:VEVENT%s",
                                nl, i, nl, month, day <= 14 ? day + 14 : day, hour, nl,
                                month, day <= 14 ? day + 14 : day, hour, nl,
                                nl, title, i, nl, nl);
    }
  g_string_append (out, "END:VCALENDAR\r\n");

  return g_string_free (out, FALSE);
}

/* Read in pieces of any size, a calendar gives what it gives read whole. */
static void
test_ical_same_records (void)
{
  static const gsize sizes[] = { 1, 100, 4096, 65536 };
  guint bad_line = 0;
  g_autofree char *text = make_calendar (3000, 1234, "Meetup", &bad_line);
  gsize len = strlen (text);
  g_autoptr(GuildImportResult) whole = NULL;
  g_autoptr(GError) error = NULL;
  guint n_recurring = 0, n_all_day = 0, n_cancelled = 0, n_exceptions = 0;

  whole = guild_import_parse ((const guint8 *) text, len, "meetups.ics",
                              GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (whole->format, ==, GUILD_IMPORT_FORMAT_ICALENDAR);
  g_assert_cmpuint (whole->items->len, ==, 2999);

  /* The file really holds what the pieces must keep right. */
  for (guint i = 0; i < whole->items->len; i++)
    {
      GuildRecord *event = ((GuildImportItem *) g_ptr_array_index (whole->items, i))->record;

      n_recurring += *guild_record_get_text (event, "rrule") != '\0';
      n_all_day += guild_record_get_int (event, "all-day") != 0;
      n_cancelled += g_strcmp0 (guild_record_get_text (event, "status"), "cancelled") == 0;
      n_exceptions += g_strv_length ((char **) guild_record_get_strv (event, "exdates")) == 2;
    }
  g_assert_cmpuint (n_recurring, >, 400);
  g_assert_cmpuint (n_all_day, >, 400);
  g_assert_cmpuint (n_cancelled, >, 200);
  /* The EXDATE and the cancelled occurrence that follows its series. */
  g_assert_cmpuint (n_exceptions, >, 0);
  g_assert_cmpuint (whole->skipped->len, ==, 1);
  g_assert_cmpuint (g_array_index (whole->skipped, GuildImportIssue, 0).line, ==, bad_line);

  for (guint p = 0; p < G_N_ELEMENTS (sizes); p++)
    {
      g_autoptr(GuildImportResult) pieces = NULL;
      guint n_chunks = 0;

      pieces = read_in_pieces (text, len, "meetups.ics", sizes[p], p % 2 == 0 ? 1 : 4096,
                               &n_chunks);
      assert_results_equal (whole, pieces);
      /* Line of the skipped event, in the file. */
      g_assert_cmpuint (g_array_index (pieces->skipped, GuildImportIssue, 0).line, ==,
                        bad_line);
      /* Chunks of one event: the file really was read in pieces. */
      if (p % 2 == 0)
        g_assert_cmpuint (n_chunks, >, 100);
    }
}

/* Folded and odd lines at the boundaries, a calendar with no end, one
 * with an event that never ends, and files that are not calendars. */
static void
test_ical_boundaries (void)
{
  static const char folded[] =
    "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:20260101T100000Z\n"
    "SUMMARY:Folded\n  title\nEND:VEVEN\n T\nBEGIN:VEVENT\nUID:b\nDTSTART:20260102T100000Z\n"
    "END:VEVENT\nBEGIN:VEVENT\nUID:c\nSUMMARY:no start\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\nUID:d\nDTSTART;VALUE=DATE:20260105\nEND:VEVENT\n"
    "BEGIN:VEVENT\r\nUID:e\r\nDTSTART:20260106T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  static const char truncated[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260101T100000Z\r\n"
    "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:2026010";
  static const char no_end[] =
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20260101T100000Z\nSUMMARY:x\n";
  static const char single[] =
    "BEGIN:VEVENT\nUID:only\nDTSTART:20260101T100000Z\nSUMMARY:Alone\nEND:VEVENT\n";
  static const char empty[] = "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n";

  check_text (folded, sizeof folded - 1, "folded.ics");
  /* Cut short, a calendar read whole is no calendar to libical; read in
   * pieces, its whole events are kept and the last one is reported. */
  for (gsize p = 1; p <= 4096; p *= 4)
    {
      guint n_chunks = 0;
      g_autoptr(GuildImportResult) cut = read_in_pieces (truncated, sizeof truncated - 1,
                                                         "truncated.ics", p, 1, &n_chunks);
      g_autoptr(GuildImportResult) open = read_in_pieces (no_end, sizeof no_end - 1,
                                                          "no-end.ics", p, 1, &n_chunks);

      g_assert_cmpuint (cut->items->len, ==, 1);
      g_assert_cmpuint (cut->skipped->len, ==, 1);
      g_assert_cmpuint (g_array_index (cut->skipped, GuildImportIssue, 0).line, ==, 7);
      g_assert_cmpstr (g_array_index (cut->skipped, GuildImportIssue, 0).message, ==,
                       "The event could not be read");
      g_assert_cmpuint (open->items->len, ==, 0);
      g_assert_cmpuint (open->skipped->len, ==, 1);
      g_assert_cmpuint (g_array_index (open->skipped, GuildImportIssue, 0).line, ==, 2);
    }
  check_text (single, sizeof single - 1, "single.ics");
  check_text (empty, sizeof empty - 1, "empty.ics");
}

static void
test_ical_not_calendar (void)
{
  guint8 binary[5000];
  g_autoptr(GuildImportResult) whole = NULL;
  guint n_chunks = 0;

  for (guint i = 0; i < sizeof binary; i++)
    binary[i] = (guint8) (i * 7919 % 251 + (i % 3 == 0 ? 1 : 0));
  memcpy (binary, "garbage\n", 8);

  for (gsize p = 1; p <= 4096; p *= 8)
    {
      g_autoptr(GuildImportResult) pieces =
        read_in_pieces ((const char *) binary, sizeof binary, "binary.ics", p, 1, &n_chunks);

      g_assert_cmpuint (pieces->items->len, ==, 0);
      g_assert_cmpuint (pieces->skipped->len, ==, 1);
      g_assert_cmpuint (g_array_index (pieces->skipped, GuildImportIssue, 0).line, ==, 1);
    }
  whole = guild_import_parse (binary, sizeof binary, "binary.ics", GUILD_IMPORT_FORMAT_ICALENDAR,
                              NULL, NULL);
  g_assert_nonnull (whole);
  g_assert_cmpuint (whole->items->len, ==, 0);
  g_assert_cmpuint (whole->skipped->len, ==, 1);
}

/* Streamed into the store: the events a whole-file import writes; again,
 * nothing changes; a feed whose events changed updates them, never adds. */
static void
test_stream_ical (Fixture       *f,
                  gconstpointer  data)
{
  guint bad_line = 0;
  g_autofree char *text = make_calendar (600, 77, "Meetup", &bad_line);
  g_autofree char *renamed = make_calendar (600, 77, "Renamed", &bad_line);
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GuildImportSummary) summary = NULL;
  g_autoptr(GuildImportSummary) again = NULL;
  g_autoptr(GuildImportSummary) changed = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 batch = 0;

  result = guild_import_parse ((const guint8 *) text, strlen (text), "meetups.ics",
                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, NULL);
  preview = whole_import (f->other, result);
  summary = stream_import (f->store, text, strlen (text), "meetups.ics", TRUE, &batch);
  g_assert_cmpuint (summary->added, ==, preview->added);
  g_assert_cmpuint (summary->added, ==, 599);
  g_assert_cmpuint (summary->skipped, ==, 1);
  g_assert_cmpuint (g_array_index (summary->issues, GuildImportIssue, 0).line, ==, bad_line);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_EVENT), ==, 599);

  a = export_json (f->store);
  b = export_json (f->other);
  g_assert_cmpstr (a, ==, b);

  again = stream_import (f->store, text, strlen (text), "meetups.ics", TRUE, &batch);
  g_assert_cmpuint (again->added + again->updated, ==, 0);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_EVENT), ==, 599);

  changed = stream_import (f->store, renamed, strlen (renamed), "meetups.ics", TRUE, &batch);
  g_assert_cmpuint (changed->added, ==, 0);
  g_assert_cmpuint (changed->updated, ==, 599);
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_EVENT), ==, 599);
}

static GuildRecord *
find_event (GuildStore *store,
            const char *uid)
{
  g_autoptr(GPtrArray) all = guild_store_list (store, GUILD_RECORD_EVENT, NULL, NULL);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (guild_record_get_text (g_ptr_array_index (all, i), "uid"), uid))
      return g_object_ref (g_ptr_array_index (all, i));

  return NULL;
}

static void
assert_exdates (GuildStore         *store,
                const char         *uid,
                const char * const *expected)
{
  g_autoptr(GuildRecord) event = find_event (store, uid);

  g_assert_nonnull (event);
  g_assert_true (g_strv_equal ((const char * const *) guild_record_get_strv (event, "exdates"),
                               expected));
}

/* A calendar whose series starts it and whose cancelled occurrences come
 * after many other events (far apart, in different pieces when streamed),
 * one of them of a series that is nowhere. Returns the line of that one. */
static char *
make_far_exceptions (guint *orphan_line)
{
  GString *out = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Guild//Test//EN\r\n");
  guint line = 4;

  g_string_append (out, "BEGIN:VEVENT\r\nUID:series@example.org\r\nSUMMARY:Weekly meetup\r\n"
                        "DTSTART:20260105T180000Z\r\nDTEND:20260105T200000Z\r\n"
                        "RRULE:FREQ=WEEKLY;COUNT=10\r\nEND:VEVENT\r\n");
  line += 7;
  for (guint i = 0; i < 60; i++)
    {
      g_string_append_printf (out, "BEGIN:VEVENT\r\nUID:single-%u@example.org\r\n"
                                   "SUMMARY:Talk %u\r\nDTSTART:202602%02uT100000Z\r\n"
                                   "END:VEVENT\r\n", i, i, 1 + i % 28);
      line += 5;
    }
  g_string_append (out, "BEGIN:VEVENT\r\nUID:series@example.org\r\n"
                        "RECURRENCE-ID:20260119T180000Z\r\nSTATUS:CANCELLED\r\n"
                        "SUMMARY:Weekly meetup\r\nDTSTART:20260119T180000Z\r\nEND:VEVENT\r\n");
  line += 7;
  *orphan_line = line;
  g_string_append (out, "BEGIN:VEVENT\r\nUID:nowhere@example.org\r\n"
                        "RECURRENCE-ID:20260120T180000Z\r\nSTATUS:CANCELLED\r\n"
                        "DTSTART:20260120T180000Z\r\nEND:VEVENT\r\n");
  g_string_append (out, "END:VCALENDAR\r\n");

  return g_string_free (out, FALSE);
}

/* A cancelled occurrence far from its series in a streamed file still
 * becomes an exception of the series, as in a whole-file import; one of a
 * series that is nowhere is reported with its line. */
static void
test_stream_ical_far_exceptions (Fixture       *f,
                                 gconstpointer  data)
{
  static const char * const cancelled[] = { "2026-01-19T18:00:00Z", NULL };
  guint orphan_line = 0;
  g_autofree char *text = make_far_exceptions (&orphan_line);
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GuildImportSummary) summary = NULL;
  g_autoptr(GuildImportSummary) again = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 batch = 0;

  result = guild_import_parse ((const guint8 *) text, strlen (text), "feed.ics",
                               GUILD_IMPORT_FORMAT_UNKNOWN, NULL, NULL);
  preview = whole_import (f->other, result);
  g_assert_cmpuint (preview->added, ==, 61);
  g_assert_cmpuint (preview->skipped, ==, 1);
  assert_exdates (f->other, "series@example.org", cancelled);

  summary = stream_import (f->store, text, strlen (text), "feed.ics", TRUE, &batch);
  g_assert_cmpuint (summary->added, ==, 61);
  g_assert_cmpuint (summary->skipped, ==, 1);
  g_assert_cmpuint (g_array_index (summary->issues, GuildImportIssue, 0).line, ==, orphan_line);
  assert_exdates (f->store, "series@example.org", cancelled);

  a = export_json (f->store);
  b = export_json (f->other);
  g_assert_cmpstr (a, ==, b);

  again = stream_import (f->store, text, strlen (text), "feed.ics", TRUE, &batch);
  g_assert_cmpuint (again->added + again->updated, ==, 0);
}

/* A feed that only cancels an occurrence of a series imported before:
 * the stored series gains the exception, once; Undo takes it back. */
static void
test_ical_cancellation_only (Fixture       *f,
                             gconstpointer  data)
{
  static const char series[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:series@example.org\r\n"
    "SUMMARY:Weekly meetup\r\nDTSTART:20260105T180000Z\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n"
    "EXDATE:20260112T180000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  static const char cancellation[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:series@example.org\r\n"
    "RECURRENCE-ID:20260119T180000Z\r\nSTATUS:CANCELLED\r\nDTSTART:20260119T180000Z\r\n"
    "SUMMARY:Weekly meetup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  static const char * const before[] = { "2026-01-12T18:00:00Z", NULL };
  static const char * const after[] = { "2026-01-12T18:00:00Z", "2026-01-19T18:00:00Z", NULL };
  g_autoptr(GuildImportResult) first = NULL;
  g_autoptr(GuildImportResult) second = NULL;
  g_autoptr(GuildImportResult) third = NULL;
  g_autoptr(GuildImportPreview) p1 = NULL;
  g_autoptr(GuildImportPreview) p2 = NULL;
  g_autoptr(GuildImportPreview) p3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildRecord) event = NULL;
  gint64 batch = 0;

  first = guild_import_parse ((const guint8 *) series, strlen (series), "series.ics",
                              GUILD_IMPORT_FORMAT_UNKNOWN, NULL, NULL);
  p1 = whole_import (f->store, first);
  g_assert_cmpuint (p1->added, ==, 1);
  assert_exdates (f->store, "series@example.org", before);

  second = guild_import_parse ((const guint8 *) cancellation, strlen (cancellation),
                               "cancelled.ics", GUILD_IMPORT_FORMAT_UNKNOWN, NULL, NULL);
  g_assert_true (guild_store_import_preview (f->store, second, &p2, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p2->added, ==, 0);
  g_assert_cmpuint (p2->updated, ==, 1);
  g_assert_cmpuint (p2->skipped, ==, 0);
  g_assert_true (guild_store_import_apply (f->store, p2, &batch, NULL, &error));
  g_assert_no_error (error);
  assert_exdates (f->store, "series@example.org", after);
  /* Nothing else of the series changed. */
  event = find_event (f->store, "series@example.org");
  g_assert_cmpstr (guild_record_get_text (event, "rrule"), ==, "FREQ=WEEKLY;COUNT=10");
  g_assert_cmpuint (guild_store_count (f->store, GUILD_RECORD_EVENT), ==, 1);

  third = guild_import_parse ((const guint8 *) cancellation, strlen (cancellation),
                              "cancelled.ics", GUILD_IMPORT_FORMAT_UNKNOWN, NULL, NULL);
  g_assert_true (guild_store_import_preview (f->store, third, &p3, NULL, &error));
  g_assert_cmpuint (p3->updated + p3->added, ==, 0);
  g_assert_cmpuint (p3->unchanged, ==, 1);

  g_assert_true (guild_store_import_undo (f->store, batch, NULL, &error));
  g_assert_no_error (error);
  assert_exdates (f->store, "series@example.org", before);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guild/import/stream/samples", test_samples);
  g_test_add_func ("/guild/import/stream/vcard-boundaries", test_vcard_boundaries);
  g_test_add_func ("/guild/import/stream/csv-boundaries", test_csv_boundaries);
  g_test_add_func ("/guild/import/stream/encodings", test_encodings);
  g_test_add_func ("/guild/import/stream/many", test_many);
  g_test_add_func ("/guild/import/stream/unknown", test_unknown);
  g_test_add ("/guild/import/stream/store-same-records", Fixture, NULL,
              fixture_set_up, test_stream_same_records, fixture_tear_down);
  g_test_add ("/guild/import/stream/store-repeats", Fixture, NULL,
              fixture_set_up, test_stream_repeats, fixture_tear_down);
  g_test_add ("/guild/import/stream/store-skipped", Fixture, NULL,
              fixture_set_up, test_stream_skipped, fixture_tear_down);

  g_test_add_func ("/guild/import/stream/ical-same-records", test_ical_same_records);
  g_test_add_func ("/guild/import/stream/ical-boundaries", test_ical_boundaries);
  g_test_add_func ("/guild/import/stream/ical-not-calendar", test_ical_not_calendar);
  g_test_add ("/guild/import/stream/store-ical", Fixture, NULL,
              fixture_set_up, test_stream_ical, fixture_tear_down);
  g_test_add ("/guild/import/stream/store-ical-far-exceptions", Fixture, NULL,
              fixture_set_up, test_stream_ical_far_exceptions, fixture_tear_down);
  g_test_add ("/guild/import/ical/cancellation-only", Fixture, NULL,
              fixture_set_up, test_ical_cancellation_only, fixture_tear_down);

  return g_test_run ();
}
